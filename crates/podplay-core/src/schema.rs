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
//! `v1.FieldsV1` (metav1.FieldsV1: any JSON, kept raw), `[]byte` (base64 text; Go prints it
//! `[]uint8`, and so does [`GoType::go_string`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The schema text files, concatenated.
/// The schema files (src/schema/*.schema), comments stripped by build.rs.
const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema.min"));

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
            // `byte` is an alias: reflect names it `uint8` (`[]byte` prints as `[]uint8`).
            GoType::Name(n) if n == "byte" => "uint8".to_string(),
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
    /// The Go names of the embedded (`json:",inline"`) structs the field comes through,
    /// outermost first, joined by `.` (`ProbeHandler` for Probe's `exec`); empty for a field
    /// declared in the struct itself. Go's decoder names them in a type error's field path
    /// (encoding/json `d.object`, sigs.k8s.io/json since its 2025 sync).
    pub embedded_in: String,
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

/// The schema's types by Go name. The names are the built-in schema's, never the paste's, so
/// a simple multiplicative hash serves: the decoder and `marshal` look a type up for every
/// struct they visit, and SipHash (the default, made to resist chosen keys) cost about 2% of
/// an analysis there.
pub type TypeMap = HashMap<String, TypeDef, BuildHasherDefault<NameHasher>>;

/// FxHash (as rustc's `rustc-hash`): per 8 bytes, rotate, xor and multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Debug, Default)]
pub struct Schema {
    pub types: TypeMap,
    pub kinds: Vec<Kind>,
}

/// The schema, parsed once.
pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::parse(SOURCE).unwrap_or_else(|e| panic!("built-in schema is broken: {e}"))
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
            | "v1.FieldsV1"
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
                    embedded_in: String::new(),
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
                    Member::Inline(inner) => {
                        let start = out.len();
                        flatten(inner, by_name, out, depth + 1)?;
                        // An embedded field's Go name is its type's name without the package.
                        let go_name = inner.rsplit('.').next().unwrap_or(inner);
                        for f in &mut out[start..] {
                            f.embedded_in = if f.embedded_in.is_empty() {
                                go_name.to_string()
                            } else {
                                format!("{go_name}.{}", f.embedded_in)
                            };
                        }
                    }
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

    /// `(struct, json name)` → the field as declared, for spot checks.
    fn field(strukt: &str, json: &str) -> Field {
        let fields = schema()
            .struct_fields(strukt)
            .unwrap_or_else(|| panic!("{strukt} is not a declared struct"));
        fields
            .iter()
            .find(|f| f.json == json)
            .unwrap_or_else(|| panic!("{strukt} has no field {json}"))
            .clone()
    }

    /// A field line as the data files spell it: `<Go type>[ omitempty][ omitzero]`.
    fn spelled(f: &Field) -> String {
        let mut s = f.ty.go_string();
        if f.omitempty {
            s.push_str(" omitempty");
        }
        if f.omitzero {
            s.push_str(" omitzero");
        }
        s
    }

    #[test]
    fn tricky_fields_are_declared_as_go_declares_them() {
        let cases = [
            // A struct value: omitempty never drops it, so `resources: {}` is always written.
            (
                "v1.Container",
                "resources",
                "v1.ResourceRequirements omitempty",
            ),
            ("v1.PodSpec", "containers", "[]v1.Container"),
            (
                "v1.PodSpec",
                "securityContext",
                "*v1.PodSecurityContext omitempty",
            ),
            ("v1.PodSpec", "overhead", "v1.ResourceList omitempty"),
            ("v1.ContainerPort", "containerPort", "int32"),
            ("v1.ContainerPort", "protocol", "v1.Protocol omitempty"),
            ("v1.Container", "imagePullPolicy", "v1.PullPolicy omitempty"),
            (
                "v1.Container",
                "restartPolicy",
                "*v1.ContainerRestartPolicy omitempty",
            ),
            (
                "v1.ResourceRequirements",
                "limits",
                "v1.ResourceList omitempty",
            ),
            // metav1.Time is a struct: omitzero (Go 1.24) is what keeps `null` out of the output.
            (
                "v1.ObjectMeta",
                "creationTimestamp",
                "v1.Time omitempty omitzero",
            ),
            ("v1.ObjectMeta", "deletionTimestamp", "*v1.Time omitempty"),
            ("v1.ObjectMeta", "uid", "types.UID omitempty"),
            ("v1.OwnerReference", "uid", "types.UID"),
            ("v1.PodCondition", "lastProbeTime", "v1.Time omitempty"),
            ("v1.HTTPGetAction", "port", "intstr.IntOrString"),
            ("v1.GRPCAction", "service", "*string"),
            ("v1.Toleration", "tolerationSeconds", "*int64 omitempty"),
            ("v1.Secret", "data", "map[string][]uint8 omitempty"),
            ("v1.Pod", "metadata", "v1.ObjectMeta omitempty"),
            ("v1.Pod", "spec", "v1.PodSpec omitempty"),
            (
                "v1.EmptyDirVolumeSource",
                "sizeLimit",
                "*resource.Quantity omitempty",
            ),
            (
                "v1.ProjectedVolumeSource",
                "sources",
                "[]v1.VolumeProjection",
            ),
            ("v1.RuntimeClass", "handler", "string"),
            ("v1.RuntimeClass", "overhead", "*v1.Overhead omitempty"),
            ("v1.Overhead", "podFixed", "v1.ResourceList omitempty"),
            ("v1.PriorityClass", "value", "int32"),
            (
                "v1.PriorityClass",
                "preemptionPolicy",
                "*v1.PreemptionPolicy omitempty",
            ),
            ("v1.DeploymentSpec", "selector", "*v1.LabelSelector"),
            ("v1.DeploymentSpec", "template", "v1.PodTemplateSpec"),
            (
                "v1.ReplicaSetSpec",
                "template",
                "v1.PodTemplateSpec omitempty",
            ),
            ("v1.StatefulSetSpec", "serviceName", "string"),
            ("v1.CronJobSpec", "jobTemplate", "v1.JobTemplateSpec"),
            ("v1.JobSpec", "template", "v1.PodTemplateSpec"),
            (
                "v1.ManagedFieldsEntry",
                "fieldsV1",
                "*v1.FieldsV1 omitempty",
            ),
        ];
        for (strukt, json, want) in cases {
            assert_eq!(spelled(&field(strukt, json)), want, "{strukt}.{json}");
        }
    }

    #[test]
    fn named_types_keep_their_underlying_type() {
        let s = schema();
        let cases = [
            ("v1.ResourceList", "map[v1.ResourceName]resource.Quantity"),
            ("v1.ResourceName", "string"),
            ("v1.Protocol", "string"),
            ("v1.PullPolicy", "string"),
            ("types.UID", "string"),
        ];
        for (name, want) in cases {
            match s.types.get(name) {
                Some(TypeDef::Named(t)) => assert_eq!(t.go_string(), want, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    fn json_names(strukt: &str) -> Vec<String> {
        let fields = schema().struct_fields(strukt).unwrap();
        fields.iter().map(|f| f.json.clone()).collect()
    }

    #[test]
    fn inline_structs_are_flattened_where_go_embeds_them() {
        // Probe embeds ProbeHandler first; LifecycleHandler is a separate struct.
        assert_eq!(
            json_names("v1.Probe")[..5],
            [
                "exec",
                "httpGet",
                "tcpSocket",
                "grpc",
                "initialDelaySeconds"
            ]
        );
        // EphemeralContainer = EphemeralContainerCommon (same fields as Container) + target.
        let eph = json_names("v1.EphemeralContainer");
        let mut container = json_names("v1.Container");
        container.push("targetContainerName".into());
        assert_eq!(eph, container);
        // Volume = name + every VolumeSource member.
        let vol = json_names("v1.Volume");
        assert_eq!(vol[..3], ["name", "hostPath", "emptyDir"]);
        assert!(vol.contains(&"projected".to_string()));
        // ConfigMapKeySelector embeds LocalObjectReference (`name`).
        assert_eq!(
            json_names("v1.ConfigMapKeySelector"),
            ["name", "key", "optional"]
        );
        // TypeMeta is inlined in every top-level kind; ObjectMeta is a named field.
        for k in &schema().kinds {
            assert_eq!(
                json_names(&k.go_type)[..3],
                ["kind", "apiVersion", "metadata"],
                "{}",
                k.kind
            );
        }
    }

    #[test]
    fn every_kind_podplay_reads_is_declared() {
        let cases = [
            ("Pod", "v1", "v1.Pod"),
            ("PodTemplate", "v1", "v1.PodTemplate"),
            ("ServiceAccount", "v1", "v1.ServiceAccount"),
            ("Secret", "v1", "v1.Secret"),
            ("Namespace", "v1", "v1.Namespace"),
            ("LimitRange", "v1", "v1.LimitRange"),
            ("Deployment", "apps/v1", "v1.Deployment"),
            ("StatefulSet", "apps/v1", "v1.StatefulSet"),
            ("DaemonSet", "apps/v1", "v1.DaemonSet"),
            ("ReplicaSet", "apps/v1", "v1.ReplicaSet"),
            ("Job", "batch/v1", "v1.Job"),
            ("CronJob", "batch/v1", "v1.CronJob"),
            ("RuntimeClass", "node.k8s.io/v1", "v1.RuntimeClass"),
            ("PriorityClass", "scheduling.k8s.io/v1", "v1.PriorityClass"),
            ("Node", "v1", "v1.Node"),
            ("Service", "v1", "v1.Service"),
            ("ConfigMap", "v1", "v1.ConfigMap"),
        ];
        for (kind, api_version, go_type) in cases {
            let k = schema().kind(kind, api_version);
            assert_eq!(k.map(|k| k.go_type.as_str()), Some(go_type), "{kind}");
        }
        assert_eq!(schema().kinds.len(), cases.len());
        assert!(schema().kind("Pod", "apps/v1").is_none());
    }

    #[test]
    fn json_names_are_unique_within_each_struct() {
        // Go silently drops clashing names after flattening; the data must have none.
        for (name, def) in &schema().types {
            if let TypeDef::Struct(fields) = def {
                let mut seen = std::collections::HashSet::new();
                for f in fields {
                    assert!(seen.insert(&f.json), "{name}.{} twice", f.json);
                }
            }
        }
    }

    #[test]
    fn byte_prints_as_uint8_like_reflect() {
        assert_eq!(GoType::parse("[]byte").unwrap().go_string(), "[]uint8");
        assert_eq!(
            GoType::parse("map[string][]byte").unwrap().go_string(),
            "map[string][]uint8"
        );
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
