//! Label selectors as `kubectl -l` and the scheduler read them: the string syntax parsed by
//! `labels.Parse` (k8s.io/apimachinery/pkg/labels/selector.go), requirements validated by
//! `labels.NewRequirement`, and `Requirement.Matches` against a label set.

use crate::field::FieldError;
use crate::validation::names::{is_label_value, is_qualified_name};
use crate::versions::Version;
use serde::Serialize;
use serde_json::{Map, Value};

/// `selection.Operator`, with the spelling `Requirement.String()` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Operator {
    #[serde(rename = "=")]
    Equals,
    #[serde(rename = "==")]
    DoubleEquals,
    #[serde(rename = "!=")]
    NotEquals,
    #[serde(rename = "in")]
    In,
    #[serde(rename = "notin")]
    NotIn,
    #[serde(rename = "exists")]
    Exists,
    #[serde(rename = "!")]
    DoesNotExist,
    #[serde(rename = "gt")]
    GreaterThan,
    #[serde(rename = "lt")]
    LessThan,
}

impl Operator {
    /// The operator's name as `selection.Operator` spells it (`in`, `notin`, `=`, `gt`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => "in",
            Operator::NotIn => "notin",
            Operator::Exists => "exists",
            Operator::DoesNotExist => "!",
            Operator::GreaterThan => "gt",
            Operator::LessThan => "lt",
        }
    }
}

/// One requirement of a selector: `key op values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    pub key: String,
    pub operator: Operator,
    /// Sorted and de-duplicated for `in`/`notin` (Go keeps them in a string set).
    pub values: Vec<String>,
    /// The requirement as `Requirement.String()` writes it, e.g. `app in (db,web)`.
    pub text: String,
}

impl Requirement {
    /// `labels.NewRequirement`: validates key, values and their count for the operator.
    /// `path` is the field path errors are reported under (None prints `<nil>` for the key,
    /// and `values[i][key]` for values, as `labels.Parse` does).
    pub fn new(
        key: &str,
        operator: Operator,
        values: Vec<String>,
        path: Option<&str>,
        version: &Version,
    ) -> Result<Requirement, String> {
        let mut errs: Vec<FieldError> = Vec::new();
        let at = |child: &str| match path {
            Some(p) if !p.is_empty() => format!("{p}.{child}"),
            _ => child.to_string(),
        };
        if let Some(e) = key_error(key, &at("key"), version) {
            errs.push(e);
        }
        let values_path = at("values");
        let list = || Value::Array(values.iter().map(|v| Value::from(v.as_str())).collect());
        match operator {
            Operator::In | Operator::NotIn if values.is_empty() => errs.push(FieldError::invalid(
                &values_path,
                list(),
                "for 'in', 'notin' operators, values set can't be empty",
            )),
            Operator::Equals | Operator::DoubleEquals | Operator::NotEquals
                if values.len() != 1 =>
            {
                errs.push(FieldError::invalid(
                    &values_path,
                    list(),
                    "exact-match compatibility requires one single value",
                ))
            }
            Operator::Exists | Operator::DoesNotExist if !values.is_empty() => {
                errs.push(FieldError::invalid(
                    &values_path,
                    list(),
                    "values set must be empty for exists and does not exist",
                ))
            }
            Operator::GreaterThan | Operator::LessThan => {
                if values.len() != 1 {
                    errs.push(FieldError::invalid(
                        &values_path,
                        list(),
                        "for 'Gt', 'Lt' operators, exactly one value is required",
                    ));
                }
                for (i, v) in values.iter().enumerate() {
                    if v.parse::<i64>().is_err() {
                        errs.push(FieldError::invalid(
                            format!("{values_path}[{i}]"),
                            v.as_str(),
                            "for 'Gt', 'Lt' operators, the value must be an integer",
                        ));
                    }
                }
            }
            _ => {}
        }
        for (i, v) in values.iter().enumerate() {
            let problems = is_label_value(v, version);
            if !problems.is_empty() {
                errs.push(FieldError::invalid(
                    format!("{values_path}[{i}][{key}]"),
                    v.as_str(),
                    problems.join("; "),
                ));
            }
        }
        if !errs.is_empty() {
            return Err(aggregate(&errs));
        }
        let text = requirement_text(key, operator, &values);
        Ok(Requirement {
            key: key.to_string(),
            operator,
            values,
            text,
        })
    }

    /// `Requirement.Matches`.
    pub fn matches(&self, labels: &Map<String, Value>) -> bool {
        let value = labels.get(&self.key).map(|v| v.as_str().unwrap_or(""));
        let has = |v: &str| self.values.iter().any(|x| x == v);
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => value.is_some_and(has),
            Operator::NotIn | Operator::NotEquals => !value.is_some_and(has),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let Some(Ok(have)) = value.map(str::parse::<i64>) else {
                    return false;
                };
                let [want] = self.values.as_slice() else {
                    return false;
                };
                let Ok(want) = want.parse::<i64>() else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// `validateLabelKey`: a qualified name, reported under `path`.
fn key_error(key: &str, path: &str, version: &Version) -> Option<FieldError> {
    let problems = is_qualified_name(key, version);
    (!problems.is_empty()).then(|| FieldError::invalid(path, key, problems.join("; ")))
}

/// `ErrorList.ToAggregate().Error()`: one error alone, several in brackets.
fn aggregate(errs: &[FieldError]) -> String {
    match errs {
        [one] => one.render(),
        _ => format!(
            "[{}]",
            errs.iter()
                .map(FieldError::render)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `Requirement.String()`.
fn requirement_text(key: &str, op: Operator, values: &[String]) -> String {
    let first = values.first().map_or("", String::as_str);
    match op {
        Operator::Exists => key.to_string(),
        Operator::DoesNotExist => format!("!{key}"),
        Operator::Equals => format!("{key}={first}"),
        Operator::DoubleEquals => format!("{key}=={first}"),
        Operator::NotEquals => format!("{key}!={first}"),
        Operator::GreaterThan => format!("{key}>{first}"),
        Operator::LessThan => format!("{key}<{first}"),
        Operator::In => format!("{key} in ({})", values.join(",")),
        Operator::NotIn => format!("{key} notin ({})", values.join(",")),
    }
}

/// A parsed selector: requirements ANDed, sorted by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    pub requirements: Vec<Requirement>,
}

impl Selector {
    /// Whether every requirement holds (the empty selector matches everything).
    pub fn matches(&self, labels: &Map<String, Value>) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }

    /// `Selector.String()`: the canonical form.
    pub fn text(&self) -> String {
        self.requirements
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Error,
    End,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// `string2token`.
fn keyword(s: &str) -> Option<Token> {
    Some(match s {
        ")" => Token::ClosedPar,
        "," => Token::Comma,
        "!" => Token::DoesNotExist,
        "==" => Token::DoubleEquals,
        "=" => Token::Equals,
        ">" => Token::GreaterThan,
        "in" => Token::In,
        "<" => Token::LessThan,
        "!=" => Token::NotEquals,
        "notin" => Token::NotIn,
        "(" => Token::OpenPar,
        _ => return None,
    })
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_special(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

/// The lexer: whitespace separates, special symbols are scanned greedily, everything else
/// is an identifier (or the keyword `in`/`notin`). A NUL byte ends the input, as in Go.
fn lex(input: &str) -> Vec<(Token, String)> {
    let bytes = input.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let bytes = &bytes[..end];
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        while pos < bytes.len() && is_whitespace(bytes[pos]) {
            pos += 1;
        }
        if pos >= bytes.len() {
            out.push((Token::End, String::new()));
            return out;
        }
        let start = pos;
        if is_special(bytes[pos]) {
            let mut last: Option<(Token, usize)> = None;
            while pos < bytes.len() && is_special(bytes[pos]) {
                let candidate = String::from_utf8_lossy(&bytes[start..=pos]);
                if let Some(t) = keyword(&candidate) {
                    last = Some((t, pos + 1));
                } else if last.is_some() {
                    break;
                }
                pos += 1;
            }
            match last {
                Some((t, stop)) => {
                    pos = stop;
                    out.push((t, String::from_utf8_lossy(&bytes[start..stop]).into_owned()));
                }
                None => out.push((
                    Token::Error,
                    format!(
                        "error expected: keyword found '{}'",
                        String::from_utf8_lossy(&bytes[start..pos])
                    ),
                )),
            }
        } else {
            while pos < bytes.len() && !is_special(bytes[pos]) && !is_whitespace(bytes[pos]) {
                pos += 1;
            }
            let word = String::from_utf8_lossy(&bytes[start..pos]).into_owned();
            out.push((keyword(&word).unwrap_or(Token::Identifier), word));
        }
    }
}

struct Parser<'a> {
    items: Vec<(Token, String)>,
    position: usize,
    version: &'a Version,
}

impl Parser<'_> {
    /// `lookahead(Values)`: in value position `in` and `notin` are identifiers.
    fn peek(&self) -> (Token, String) {
        let (t, lit) = self
            .items
            .get(self.position)
            .cloned()
            .unwrap_or((Token::End, String::new()));
        (as_value(t), lit)
    }

    fn next_raw(&mut self) -> (Token, String) {
        let item = self
            .items
            .get(self.position)
            .cloned()
            .unwrap_or((Token::End, String::new()));
        self.position += 1;
        item
    }

    /// `consume(Values)`.
    fn next(&mut self) -> (Token, String) {
        let (t, lit) = self.next_raw();
        (as_value(t), lit)
    }

    fn parse(&mut self) -> Result<Vec<Requirement>, String> {
        let mut requirements = Vec::new();
        loop {
            let (tok, lit) = self.peek();
            match tok {
                Token::Identifier | Token::DoesNotExist => {
                    let r = self
                        .requirement()
                        .map_err(|e| format!("unable to parse requirement: {e}"))?;
                    requirements.push(r);
                    let (t, l) = self.next();
                    match t {
                        Token::End => return Ok(requirements),
                        Token::Comma => {
                            let (t2, l2) = self.peek();
                            if t2 != Token::Identifier && t2 != Token::DoesNotExist {
                                return Err(format!(
                                    "found '{l2}', expected: identifier after ','"
                                ));
                            }
                        }
                        _ => return Err(format!("found '{l}', expected: ',' or 'end of string'")),
                    }
                }
                Token::End => return Ok(requirements),
                _ => {
                    return Err(format!(
                        "found '{lit}', expected: !, identifier, or 'end of string'"
                    ))
                }
            }
        }
    }

    fn requirement(&mut self) -> Result<Requirement, String> {
        let mut operator = None;
        let (mut tok, mut lit) = self.next();
        if tok == Token::DoesNotExist {
            operator = Some(Operator::DoesNotExist);
            (tok, lit) = self.next();
        }
        if tok != Token::Identifier {
            return Err(format!("found '{lit}', expected: identifier"));
        }
        if let Some(e) = key_error(&lit, "<nil>", self.version) {
            return Err(e.render());
        }
        let key = lit;
        let (ahead, _) = self.peek();
        // `!key` is complete by itself: whatever follows is the caller's problem
        // (`!x=a` fails with "found '=', expected: ',' or 'end of string'").
        if operator.is_some() || ahead == Token::End || ahead == Token::Comma {
            let op = operator.unwrap_or(Operator::Exists);
            return Requirement::new(&key, op, Vec::new(), None, self.version);
        }
        let (tok, lit) = self.next_raw();
        let op = match tok {
            Token::In => Operator::In,
            Token::Equals => Operator::Equals,
            Token::DoubleEquals => Operator::DoubleEquals,
            Token::GreaterThan => Operator::GreaterThan,
            Token::LessThan => Operator::LessThan,
            Token::NotIn => Operator::NotIn,
            Token::NotEquals => Operator::NotEquals,
            _ => {
                return Err(format!(
                    "found '{lit}', expected: in, notin, =, ==, !=, gt, lt"
                ))
            }
        };
        let values = match op {
            Operator::In | Operator::NotIn => self.values()?,
            _ => self.exact_value()?,
        };
        Requirement::new(&key, op, values, None, self.version)
    }

    /// `parseValues`: `(a,b)`; `()` is the set holding "".
    fn values(&mut self) -> Result<Vec<String>, String> {
        let (tok, lit) = self.next();
        if tok != Token::OpenPar {
            return Err(format!("found '{lit}' expected: '('"));
        }
        let (tok, lit) = self.peek();
        match tok {
            Token::Identifier | Token::Comma => {
                let set = self.identifiers()?;
                let (t, _) = self.next();
                if t != Token::ClosedPar {
                    return Err(format!("found '{lit}', expected: ')'"));
                }
                Ok(set)
            }
            Token::ClosedPar => {
                self.next();
                Ok(vec![String::new()])
            }
            _ => Err(format!("found '{lit}', expected: ',', ')' or identifier")),
        }
    }

    /// `parseIdentifiersList`: a sorted set of values.
    fn identifiers(&mut self) -> Result<Vec<String>, String> {
        let mut set: Vec<String> = Vec::new();
        let insert = |set: &mut Vec<String>, v: &str| {
            if !set.iter().any(|x| x == v) {
                set.push(v.to_string());
            }
        };
        loop {
            let (tok, lit) = self.next();
            match tok {
                Token::Identifier => {
                    insert(&mut set, &lit);
                    let (t2, l2) = self.peek();
                    match t2 {
                        Token::Comma => continue,
                        Token::ClosedPar => break,
                        _ => return Err(format!("found '{l2}', expected: ',' or ')'")),
                    }
                }
                Token::Comma => {
                    if set.is_empty() {
                        insert(&mut set, "");
                    }
                    let (t2, _) = self.peek();
                    if t2 == Token::ClosedPar {
                        insert(&mut set, "");
                        break;
                    }
                    if t2 == Token::Comma {
                        // v1.33.5/v1.34.2 also consumed that second comma, so `(x,,)` and
                        // `(,,)` met `)` where a value was due and failed; from 1.35 the
                        // comma is left for the next turn of the loop, which reads `,)` as "".
                        if !self.version.behaviour("SelectorParserKeepsSecondComma") {
                            self.next();
                        }
                        insert(&mut set, "");
                    }
                }
                _ => return Err(format!("found '{lit}', expected: ',', or identifier")),
            }
        }
        crate::small_sort::sort_by(&mut set, |a, b| a < b);
        Ok(set)
    }

    /// `parseExactValue`: one identifier, or "" before `,` or the end.
    fn exact_value(&mut self) -> Result<Vec<String>, String> {
        let (tok, _) = self.peek();
        if tok == Token::End || tok == Token::Comma {
            return Ok(vec![String::new()]);
        }
        let (tok, lit) = self.next();
        if tok == Token::Identifier {
            return Ok(vec![lit]);
        }
        Err(format!("found '{lit}', expected: identifier"))
    }
}

fn as_value(t: Token) -> Token {
    match t {
        Token::In | Token::NotIn => Token::Identifier,
        other => other,
    }
}

/// `labels.Parse`: the selector, or Kubernetes' exact error text.
pub fn parse(selector: &str, version: &Version) -> Result<Selector, String> {
    let mut parser = Parser {
        items: lex(selector),
        position: 0,
        version,
    };
    let mut requirements = parser.parse()?;
    // sort.Sort(ByKey): Go's sort.Sort is an insertion sort below 12 elements, so equal keys
    // keep their order (`app,!app`); a stable insertion sort gives the same result.
    for i in 1..requirements.len() {
        let mut j = i;
        while j > 0 && requirements[j].key < requirements[j - 1].key {
            requirements.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(Selector { requirements })
}

/// A metav1 `LabelSelector` object (`matchLabels` + `matchExpressions` with In, NotIn, Exists,
/// DoesNotExist) as `metav1.LabelSelectorAsSelector` converts it. `Ok(None)` is a nil selector,
/// which matches nothing; `{}` matches everything.
pub fn from_label_selector(sel: &Value, version: &Version) -> Result<Option<Selector>, String> {
    if sel.is_null() {
        return Ok(None);
    }
    let mut requirements = Vec::new();
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in m {
            let v = v.as_str().unwrap_or("").to_string();
            requirements.push(Requirement::new(
                k,
                Operator::Equals,
                vec![v],
                None,
                version,
            )?);
        }
    }
    for e in sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = e.get("key").and_then(Value::as_str).unwrap_or("");
        let op = match e.get("operator").and_then(Value::as_str).unwrap_or("") {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            other => {
                return Err(format!(
                    "{} is not a valid label selector operator",
                    crate::go::strconv::quote(other)
                ))
            }
        };
        let values: Vec<String> = e
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        requirements.push(Requirement::new(key, op, values, None, version)?);
    }
    Ok(Some(Selector { requirements }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v() -> Version {
        Version::new(1, 36)
    }

    #[test]
    fn upstream_good_and_bad_rows() {
        // TestSelectorParse (apimachinery labels/selector_test.go).
        for good in [
            "x=a,y=b,z=c",
            "",
            "x!=a,y=b",
            "x=",
            "x= ",
            "x=,z= ",
            "x= ,z= ",
            "!x",
            "x>1",
            "x>1,z<5",
        ] {
            assert!(parse(good, &v()).is_ok(), "{good}");
        }
        for bad in ["x=a||y=b", "x==a==b", "!x=a", "x<a"] {
            assert!(parse(bad, &v()).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_text_and_errors() {
        let rows: &[(&str, Result<&str, &str>)] = &[
            ("app in (web,)", Ok("app in (,web)")),
            ("b=1,a=2", Ok("a=2,b=1")),
            ("x notin (in)", Ok("x notin (in)")),
            ("app in ()", Ok("app in ()")),
            (
                "x<a",
                Err("unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
            ),
            ("=x", Err("found '=', expected: !, identifier, or 'end of string'")),
            ("app in (web", Err("unable to parse requirement: found '', expected: ',' or ')'")),
            ("app in (=", Err("unable to parse requirement: found '=', expected: ',', ')' or identifier")),
        ];
        for (input, want) in rows {
            let got = parse(input, &v()).map(|s| s.text());
            assert_eq!(got.as_deref().map_err(String::as_str), *want, "{input}");
        }
    }

    /// Runs of commas in a value list (parseIdentifiersList), per release.
    #[test]
    fn comma_runs_per_version() {
        const BAD: &str = "unable to parse requirement: found ')', expected: ',', or identifier";
        // (selector, 1.33 and 1.34, 1.35 and 1.36)
        let rows: &[(&str, Result<&str, &str>, Result<&str, &str>)] = &[
            ("a in (x,,y)", Ok("a in (,x,y)"), Ok("a in (,x,y)")),
            ("a in (x,,)", Err(BAD), Ok("a in (,x)")),
            ("a in (,,)", Err(BAD), Ok("a in ()")),
            ("a in (x,,,y)", Ok("a in (,x,y)"), Ok("a in (,x,y)")),
            ("a in (,)", Ok("a in ()"), Ok("a in ()")),
        ];
        for (input, old, new) in rows {
            for minor in 33..=36 {
                let want = if minor < 35 { old } else { new };
                let got = parse(input, &Version::new(1, minor)).map(|s| s.text());
                assert_eq!(
                    got.as_deref().map_err(String::as_str),
                    *want,
                    "1.{minor} {input}"
                );
            }
        }
    }

    #[test]
    fn matching() {
        let labels = json!({"app": "web", "n": "7"});
        let labels = labels.as_object().unwrap();
        for (sel, want) in [
            ("app", true),
            ("!app", false),
            ("app in (web,db)", true),
            ("app notin (web)", false),
            ("tier!=x", true),
            ("n>6,n<8", true),
            ("n>7", false),
            ("app in ()", false),
        ] {
            assert_eq!(parse(sel, &v()).unwrap().matches(labels), want, "{sel}");
        }
    }
}
