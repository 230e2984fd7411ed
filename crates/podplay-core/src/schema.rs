//! The Go types of the Kubernetes API objects podplay reads, as data.
//!
//! Kubernetes decodes JSON into Go structs, so which fields exist, their Go types (named in
//! decode errors: `of type int32`, `of type v1.Protocol`), and which are `omitempty` (dropped
//! on output when zero) all come from the Go type definitions in k8s.io/api. This module
//! holds that information as a small text format (`schema/*.schema`), parsed once.
//!
//! Format, one declaration per block:
//! ```text
//! # comment
//! kind Pod v1 v1.Pod                 # kind, apiVersion, Go struct of a top-level object
//! struct v1.ContainerPort            # a Go struct (package-qualified as Go prints it)
//!   name string omitempty            # <json name> <Go type> [omitempty] [omitzero]
//!   containerPort int32
//!   protocol v1.Protocol omitempty
//!   inline v1.ProbeHandler           # an embedded `json:",inline"` struct
//! type v1.Protocol string            # a named type and its underlying type
//! ```
//! Go types: `string bool int32 int64 uint16 float64 byte`, `*T`, `[]T`, `map[K]V`, a named
//! type, or one of the special types with their own JSON form: `resource.Quantity`,
//! `intstr.IntOrString`, `v1.Time` (metav1.Time), `v1.MicroTime`, `runtime.RawExtension`,
//! `[]byte` (base64 text).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The schema text files, concatenated.
const SOURCES: &[&str] = &[include_str!("schema/core_v1.schema")];

/// A Go type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoType {
    /// `string`, `int32`, a struct or named type: looked up in [`Schema::types`] when not builtin.
    Name(String),
    Pointer(Box<GoType>),
    Slice(Box<GoType>),
    Map(Box<GoType>, Box<GoType>),
}

impl GoType {
    /// Parses a Go type expression such as `map[string][]*v1.Foo`.
    pub fn parse(text: &str) -> Result<GoType, String> {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix('*') {
            return Ok(GoType::Pointer(Box::new(GoType::parse(rest)?)));
        }
        if let Some(rest) = t.strip_prefix("[]") {
            return Ok(GoType::Slice(Box::new(GoType::parse(rest)?)));
        }
        if let Some(rest) = t.strip_prefix("map[") {
            let mut depth = 1;
            for (i, c) in rest.char_indices() {
                match c {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            let key = GoType::parse(&rest[..i])?;
                            let value = GoType::parse(&rest[i + 1..])?;
                            return Ok(GoType::Map(Box::new(key), Box::new(value)));
                        }
                    }
                    _ => {}
                }
            }
            return Err(format!("unbalanced map type: {text}"));
        }
        if t.is_empty() || t.contains(char::is_whitespace) {
            return Err(format!("bad type: {text:?}"));
        }
        Ok(GoType::Name(t.to_string()))
    }

    /// The type as Go's `reflect.Type.String()` prints it (used in decode errors).
    pub fn go_string(&self) -> String {
        match self {
            GoType::Name(n) => n.clone(),
            GoType::Pointer(t) => format!("*{}", t.go_string()),
            GoType::Slice(t) => format!("[]{}", t.go_string()),
            GoType::Map(k, v) => format!("map[{}]{}", k.go_string(), v.go_string()),
        }
    }
}

/// One field of a struct (after flattening inline structs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub json: String,
    pub ty: GoType,
    pub omitempty: bool,
    pub omitzero: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeDef {
    /// Fields in Go declaration order (the order `json.Marshal` writes them), inline structs
    /// already flattened.
    Struct(Vec<Field>),
    /// A named type over another type (`type Protocol string`).
    Named(GoType),
}

/// A top-level object kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub kind: String,
    pub api_version: String,
    pub go_type: String,
}

#[derive(Debug, Default)]
pub struct Schema {
    pub types: HashMap<String, TypeDef>,
    pub kinds: Vec<Kind>,
}

/// The schema, parsed once.
pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text: String = SOURCES.join("\n");
        Schema::parse(&text).unwrap_or_else(|e| panic!("built-in schema is broken: {e}"))
    })
}

/// Builtin scalar and special types (everything else must be declared).
pub fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "string"
            | "bool"
            | "int"
            | "int32"
            | "int64"
            | "uint16"
            | "uint32"
            | "uint64"
            | "float64"
            | "byte"
            | "resource.Quantity"
            | "intstr.IntOrString"
            | "v1.Time"
            | "v1.MicroTime"
            | "runtime.RawExtension"
    )
}

impl Schema {
    pub fn parse(text: &str) -> Result<Schema, String> {
        // First pass: raw declarations, with inline members unresolved.
        enum Member {
            Field(Field),
            Inline(String),
        }
        let mut structs: Vec<(String, Vec<Member>)> = Vec::new();
        let mut schema = Schema::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            let err = |m: &str| format!("schema line {}: {m}: {raw}", n + 1);
            let words: Vec<&str> = line.split_whitespace().collect();
            if line.starts_with(char::is_whitespace) {
                let (_, members) = structs
                    .last_mut()
                    .ok_or_else(|| err("field outside a struct"))?;
                if words[0] == "inline" {
                    let name = words.get(1).ok_or_else(|| err("inline needs a type"))?;
                    members.push(Member::Inline(name.to_string()));
                    continue;
                }
                if words.len() < 2 {
                    return Err(err("field needs a name and a type"));
                }
                let mut field = Field {
                    json: words[0].to_string(),
                    ty: GoType::parse(words[1]).map_err(|e| err(&e))?,
                    omitempty: false,
                    omitzero: false,
                };
                for flag in &words[2..] {
                    match *flag {
                        "omitempty" => field.omitempty = true,
                        "omitzero" => field.omitzero = true,
                        _ => return Err(err("unknown flag")),
                    }
                }
                members.push(Member::Field(field));
                continue;
            }
            match words.as_slice() {
                ["struct", name] => structs.push((name.to_string(), Vec::new())),
                ["type", name, underlying] => {
                    let ty = GoType::parse(underlying).map_err(|e| err(&e))?;
                    schema.types.insert(name.to_string(), TypeDef::Named(ty));
                }
                ["kind", kind, api_version, go_type] => schema.kinds.push(Kind {
                    kind: kind.to_string(),
                    api_version: api_version.to_string(),
                    go_type: go_type.to_string(),
                }),
                _ => return Err(err("unknown declaration")),
            }
        }
        // Second pass: flatten inline members (recursively, in declaration order).
        let by_name: HashMap<&str, &Vec<Member>> =
            structs.iter().map(|(n, m)| (n.as_str(), m)).collect();
        fn flatten(
            name: &str,
            by_name: &HashMap<&str, &Vec<Member>>,
            out: &mut Vec<Field>,
            depth: usize,
        ) -> Result<(), String> {
            if depth > 8 {
                return Err(format!("inline cycle at {name}"));
            }
            let members = by_name
                .get(name)
                .ok_or_else(|| format!("inline of unknown struct {name}"))?;
            for m in members.iter() {
                match m {
                    Member::Field(f) => out.push(f.clone()),
                    Member::Inline(inner) => flatten(inner, by_name, out, depth + 1)?,
                }
            }
            Ok(())
        }
        for (name, _) in &structs {
            let mut fields = Vec::new();
            flatten(name, &by_name, &mut fields, 0)?;
            schema.types.insert(name.clone(), TypeDef::Struct(fields));
        }
        schema.check()?;
        Ok(schema)
    }

    /// Every referenced type must be builtin or declared.
    fn check(&self) -> Result<(), String> {
        fn names(t: &GoType, out: &mut Vec<String>) {
            match t {
                GoType::Name(n) => out.push(n.clone()),
                GoType::Pointer(t) | GoType::Slice(t) => names(t, out),
                GoType::Map(k, v) => {
                    names(k, out);
                    names(v, out);
                }
            }
        }
        let mut refs = Vec::new();
        for (name, def) in &self.types {
            match def {
                TypeDef::Struct(fields) => fields.iter().for_each(|f| names(&f.ty, &mut refs)),
                TypeDef::Named(t) => names(t, &mut refs),
            }
            refs.retain(|r| !is_builtin(r) && !self.types.contains_key(r));
            if !refs.is_empty() {
                return Err(format!(
                    "{name} refers to undeclared type(s): {}",
                    refs.join(", ")
                ));
            }
        }
        for k in &self.kinds {
            if !self.types.contains_key(&k.go_type) {
                return Err(format!(
                    "kind {} refers to undeclared {}",
                    k.kind, k.go_type
                ));
            }
        }
        Ok(())
    }

    /// The fields of a struct type, if it is one (named types are followed).
    pub fn struct_fields(&self, name: &str) -> Option<&[Field]> {
        match self.types.get(name)? {
            TypeDef::Struct(f) => Some(f),
            TypeDef::Named(GoType::Name(inner)) => self.struct_fields(inner),
            TypeDef::Named(_) => None,
        }
    }

    /// The top-level kind for `kind` + `apiVersion`.
    pub fn kind(&self, kind: &str, api_version: &str) -> Option<&Kind> {
        self.kinds
            .iter()
            .find(|k| k.kind == kind && k.api_version == api_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_parses_and_is_closed() {
        let s = schema();
        assert!(s.kind("Pod", "v1").is_some());
        let port = s.struct_fields("v1.ContainerPort").unwrap();
        let cp = port.iter().find(|f| f.json == "containerPort").unwrap();
        assert_eq!(cp.ty, GoType::Name("int32".into()));
        assert!(!cp.omitempty);
    }

    #[test]
    fn type_expressions_round_trip() {
        for t in [
            "*int64",
            "[]v1.Container",
            "map[string]string",
            "map[v1.ResourceName]resource.Quantity",
            "[]*v1.X",
        ] {
            assert_eq!(GoType::parse(t).unwrap().go_string(), t);
        }
    }

    #[test]
    fn inline_structs_are_flattened_in_order() {
        let s = Schema::parse(
            "struct a.A\n  x string\n  inline a.B\n  z string\nstruct a.B\n  y int32\n",
        )
        .unwrap();
        let names: Vec<_> = s
            .struct_fields("a.A")
            .unwrap()
            .iter()
            .map(|f| f.json.as_str())
            .collect();
        assert_eq!(names, ["x", "y", "z"]);
    }

    #[test]
    fn undeclared_types_are_reported() {
        let err = Schema::parse("struct a.A\n  x a.Missing\n").unwrap_err();
        assert!(err.contains("a.Missing"), "{err}");
    }
}
