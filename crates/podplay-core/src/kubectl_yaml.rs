//! Writes objects the way `kubectl get -o yaml` prints them.
//!
//! kubectl turns JSON into YAML with sigs.k8s.io/yaml (go-yaml v2): keys sorted, two-space
//! indentation, list items at their parent key's indentation, strings quoted only when they
//! would otherwise read back as something else (`"80"`, `"true"`, `""`) or are not plain-safe
//! (then single quotes, or double quotes when escapes are needed), multi-line strings as
//! literal blocks. Each output line remembers the field path it shows, so the UI can mark
//! the lines that defaulting or admission added.

use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write;

/// One line of output and the Kubernetes field path it belongs to (`spec.containers[0].name`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Line {
    pub text: String,
    pub path: String,
}

/// Renders a value as kubectl would, line by line.
pub fn render_lines(value: &Value) -> Vec<Line> {
    let mut out = Vec::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(map, 0, "", &mut out),
        Value::Array(items) if !items.is_empty() => write_seq(items, 0, "", &mut out),
        other => out.push(Line {
            text: scalar_inline(other),
            path: String::new(),
        }),
    }
    out
}

/// Renders a value as kubectl would, as one string.
pub fn render(value: &Value) -> String {
    let mut s = String::new();
    for line in render_lines(value) {
        s.push_str(&line.text);
        s.push('\n');
    }
    s
}

fn child_path(parent: &str, key: &str) -> String {
    let mut path = String::with_capacity(parent.len() + key.len() + 2);
    if parent.is_empty() {
        path.push_str(key);
    } else if is_simple_key(key) {
        path.extend([parent, ".", key]);
    } else {
        // Map keys that are not identifiers (labels, annotations, resources) use [key] form.
        path.extend([parent, "[", key, "]"]);
    }
    path
}

fn is_simple_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn write_map(map: &serde_json::Map<String, Value>, indent: usize, path: &str, out: &mut Vec<Line>) {
    // The entries, not the keys: looking each key up again would hash it (SipHash) once more.
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    crate::small_sort::sort_by(&mut entries, |a, b| a.0 < b.0);
    for (key, value) in entries {
        let k = quote(key);
        let mut prefix = String::with_capacity(indent + k.len() + 24);
        prefix.extend(std::iter::repeat_n(' ', indent));
        prefix.push_str(&k);
        prefix.push(':');
        write_entry(prefix, value, indent, child_path(path, key), out, true);
    }
}

/// Writes `prefix` followed by the value: inline for scalars and empty collections,
/// on the following lines for non-empty ones. (`prefix` and `path` are taken by value:
/// the line of a scalar reuses both, the commonest case.)
fn write_entry(
    mut prefix: String,
    value: &Value,
    indent: usize,
    path: String,
    out: &mut Vec<Line>,
    in_map: bool,
) {
    match value {
        Value::Object(m) if !m.is_empty() => {
            out.push(Line {
                text: prefix,
                path: path.clone(),
            });
            write_map(m, indent + 2, &path, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push(Line {
                text: prefix,
                path: path.clone(),
            });
            // go-yaml v2 puts a mapping's list items at the key's own indentation.
            let child_indent = if in_map { indent } else { indent + 2 };
            write_seq(items, child_indent, &path, out);
        }
        Value::String(s) if s.contains('\n') => {
            let (header, body) = literal_block(s, indent + 2);
            prefix.push(' ');
            prefix.push_str(&header);
            out.push(Line {
                text: prefix,
                path: path.clone(),
            });
            for b in body {
                out.push(Line {
                    text: b,
                    path: path.clone(),
                });
            }
        }
        other => {
            let scalar_start = prefix.chars().count() + 1;
            prefix.push(' ');
            push_scalar_inline(&mut prefix, other);
            let text = prefix;
            // go-yaml folds long plain and single-quoted strings at spaces past column 80.
            // (A line of at most BEST_WIDTH + 1 bytes has no more chars than that: it never
            // folds, and most lines are that short.)
            let folds = matches!(other, Value::String(_))
                && !text.ends_with('"')
                && text.len() > BEST_WIDTH + 1;
            if folds {
                for text in fold_line(&text, scalar_start, indent + 2) {
                    out.push(Line {
                        text,
                        path: path.clone(),
                    });
                }
            } else {
                out.push(Line { text, path });
            }
        }
    }
}

fn write_seq(items: &[Value], indent: usize, path: &str, out: &mut Vec<Line>) {
    for (i, item) in items.iter().enumerate() {
        let mut p = String::with_capacity(path.len() + 4);
        p.push_str(path);
        // Writing to a String cannot fail.
        let _ = write!(p, "[{i}]");
        match item {
            Value::Object(m) if !m.is_empty() => {
                // First key on the dash line, the rest indented under it.
                let start = out.len();
                write_map(m, indent + 2, &p, out);
                dash(out.get_mut(start), indent);
            }
            Value::Array(inner) if !inner.is_empty() => {
                let start = out.len();
                write_seq(inner, indent + 2, &p, out);
                dash(out.get_mut(start), indent);
            }
            other => {
                let mut prefix = " ".repeat(indent);
                prefix.push('-');
                write_entry(prefix, other, indent, p, out, false);
            }
        }
    }
}

/// Turns the first line of a nested block (indented by `indent + 2` spaces) into the list
/// item's dash line: `indent` spaces, then `- `, then the line's content.
fn dash(first: Option<&mut Line>, indent: usize) {
    if let Some(first) = first {
        first.text.replace_range(indent..indent + 2, "- ");
    }
}

fn scalar_inline(v: &Value) -> String {
    let mut s = String::new();
    push_scalar_inline(&mut s, v);
    s
}

fn push_scalar_inline(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

/// libyaml's best width: a plain or single-quoted scalar breaks at a space once the line is
/// longer than this.
const BEST_WIDTH: usize = 80;

/// Folds a line whose scalar starts at char column `start` the way libyaml writes plain and
/// single-quoted scalars: at a single space (not the scalar's first or last character, not
/// followed by another space) once the column is past [`BEST_WIDTH`]; the space becomes a
/// line break and the next line is indented to `indent`.
fn fold_line(text: &str, start: usize, indent: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= BEST_WIDTH + 1 {
        return vec![text.to_string()];
    }
    let quoted = chars.get(start) == Some(&'\'');
    let (first, last) = if quoted {
        (start + 1, chars.len() - 2)
    } else {
        (start, chars.len() - 1)
    };
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut column = 0;
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        let is_space = c == ' ' && i >= start;
        if is_space
            && !previous_space
            && column > BEST_WIDTH
            && i != first
            && i != last
            && chars.get(i + 1).is_some_and(|n| *n != ' ')
        {
            lines.push(std::mem::take(&mut current));
            current.push_str(&" ".repeat(indent));
            column = indent;
        } else {
            current.push(c);
            column += 1;
        }
        previous_space = is_space;
    }
    lines.push(current);
    lines
}

/// `|` / `|-` / `|+` literal block for multi-line strings, as go-yaml v2 writes them.
fn literal_block(s: &str, indent: usize) -> (String, Vec<String>) {
    let chomp = if s.ends_with("\n\n") {
        "+"
    } else if s.ends_with('\n') {
        ""
    } else {
        "-"
    };
    let indicator = if s.starts_with(' ') { "2" } else { "" };
    let pad = " ".repeat(indent);
    let trimmed = s.strip_suffix('\n').unwrap_or(s);
    let body = trimmed
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect();
    (format!("|{indicator}{chomp}"), body)
}

/// Quotes a string the way go-yaml v2 does for kubectl output.
pub fn quote_string(s: &str, _indent: usize) -> String {
    quote(s).into_owned()
}

/// [`quote_string`], borrowing the text when it is written plain (most keys and values).
fn quote(s: &str) -> Cow<'_, str> {
    if is_plain_word(s) {
        return s.into();
    }
    if s.is_empty() || resolves_to_non_string(s) {
        return double_quoted(s).into();
    }
    if needs_escapes(s) {
        return double_quoted(s).into();
    }
    if plain_allowed(s) {
        return s.into();
    }
    format!("'{}'", s.replace('\'', "''")).into()
}

/// The common case, decided quickly: a letter, then only letters, digits and `._/-`, and no
/// YAML 1.1 word (`yes`, `null`, ...). Such text has no indicator, no `: ` or ` #`, no escape
/// and no sexagesimal `:`, so the full rules below would write it plain too.
fn is_plain_word(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'/' | b'-'))
        && crate::yaml::resolve_plain_non_string(s).is_none()
}

/// Would a plain scalar with this text read back as a bool, number, null (YAML 1.1)?
fn resolves_to_non_string(s: &str) -> bool {
    crate::yaml::resolve_plain_non_string(s).is_some() || is_base60_float(s)
}

/// go-yaml v2 also quotes YAML 1.1 sexagesimal numbers like `1:20`.
fn is_base60_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = body.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty()
        || first.is_empty()
        || !first.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    let last = rest.len() - 1;
    rest.iter().enumerate().all(|(i, p)| {
        let (int_part, frac) = if i == last {
            p.split_once('.').unwrap_or((p, ""))
        } else {
            (*p, "")
        };
        !int_part.is_empty()
            && int_part.len() <= 2
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && int_part.parse::<u32>().map(|n| n < 60).unwrap_or(false)
            && frac.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    })
}

fn needs_escapes(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || c == '\u{feff}'
            || c == '\u{85}'
            || c == '\u{2028}'
            || c == '\u{2029}'
    })
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The libyaml emitter's test for plain style (block context).
fn plain_allowed(s: &str) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    let last = s.chars().last().unwrap_or(' ');
    if first == ' ' || last == ' ' || first == '\t' || last == '\t' {
        return false;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    // Indicators that may not start a plain scalar.
    if matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    ) {
        // `-`, `?`, `:` are allowed when followed by a non-space character.
        let second = s.chars().nth(1);
        let ok = matches!(first, '-' | '?' | ':') && second.is_some_and(|c| c != ' ');
        if !ok {
            return false;
        }
    }
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c == ':' && (next.is_none() || next == Some(' ')) {
            return false;
        }
        if c == '#' && prev == Some(' ') {
            return false;
        }
        if !c.is_ascii() && !c.is_alphanumeric() && !is_printable_unicode(c) {
            return false;
        }
        prev = Some(c);
    }
    true
}

fn is_printable_unicode(c: char) -> bool {
    !c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kubectl_layout() {
        let v = json!({
            "spec": {"containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80}]}], "securityContext": {}},
            "apiVersion": "v1",
            "metadata": {"labels": {"app": "web", "tier": "80"}, "name": "p"}
        });
        let want = "\
apiVersion: v1
metadata:
  labels:
    app: web
    tier: \"80\"
  name: p
spec:
  containers:
  - image: nginx
    name: app
    ports:
    - containerPort: 80
  securityContext: {}
";
        assert_eq!(render(&v), want);
    }

    #[test]
    fn quoting_rules() {
        let rows = [
            ("nginx", "nginx"),
            ("", "\"\""),
            ("true", "\"true\""),
            ("yes", "\"yes\""),
            ("0644", "\"0644\""),
            ("1.5", "\"1.5\""),
            ("null", "\"null\""),
            ("*", "'*'"),
            ("a: b", "'a: b'"),
            ("it's", "it's"),
            ("'q'", "'''q'''"),
            ("-x", "-x"),
            ("- x", "'- x'"),
            ("a #b", "'a #b'"),
            ("/dev/termination-log", "/dev/termination-log"),
            ("1:20", "\"1:20\""),
            ("tab\there", "\"tab\\there\""),
        ];
        for (input, want) in rows {
            assert_eq!(quote_string(input, 0), want, "{input:?}");
        }
    }

    #[test]
    fn multi_line_strings_use_literal_blocks() {
        let v = json!({"script": "echo a\necho b\n"});
        assert_eq!(render(&v), "script: |\n  echo a\n  echo b\n");
        let v = json!({"s": "a\nb"});
        assert_eq!(render(&v), "s: |-\n  a\n  b\n");
    }

    #[test]
    fn lines_carry_field_paths() {
        let v = json!({"spec": {"containers": [{"name": "a", "image": "x"}]}, "metadata": {"labels": {"app.kubernetes.io/name": "x"}}});
        let lines = render_lines(&v);
        let find = |t: &str| {
            lines
                .iter()
                .find(|l| l.text.trim() == t)
                .unwrap()
                .path
                .clone()
        };
        assert_eq!(find("- image: x"), "spec.containers[0].image");
        assert_eq!(find("name: a"), "spec.containers[0].name");
        assert_eq!(
            find("app.kubernetes.io/name: x"),
            "metadata.labels[app.kubernetes.io/name]"
        );
    }

    #[test]
    fn long_strings_fold_past_column_80_like_go_yaml() {
        let long = "echo this is a long command line that keeps going well past the eighty column mark for sure";
        let v = json!({"spec": {"args": [long], "note": long}});
        let text = render(&v);
        let want = "\
spec:
  args:
  - echo this is a long command line that keeps going well past the eighty column
    mark for sure
  note: echo this is a long command line that keeps going well past the eighty column
    mark for sure
";
        assert_eq!(text, want);
        // Single-quoted strings fold too; double-quoted ones are left alone here.
        let quoted = format!("*{}", long);
        let text = render(&json!({ "k": quoted }));
        assert!(text.starts_with("k: '*echo"), "{text}");
        assert_eq!(text.lines().count(), 2, "{text}");
        // Short lines and strings without spaces never fold.
        let word = "x".repeat(120);
        assert_eq!(
            render(&json!({ "k": word.clone() })),
            format!("k: {word}\n")
        );
    }

    #[test]
    fn nested_lists() {
        let v = json!({"command": ["sh", "-c", "echo hi"], "empty": [], "m": {}});
        assert_eq!(
            render(&v),
            "command:\n- sh\n- -c\n- echo hi\nempty: []\nm: {}\n"
        );
    }
}
