//! Leaving pasted secrets out of share links.
//!
//! A share link puts the whole text in the URL, and URLs end up in chat logs and browser
//! histories. Unless the person opts in, [`redact`] replaces secret values with a clear
//! placeholder before the text goes into a link:
//! - a Secret's `data` values become the base64 of `<redacted>` (`PHJlZGFjdGVkPg==`, so the
//!   Secret still decodes) and its `stringData` values `<redacted>`;
//! - in a Secret's docker config (`.dockerconfigjson`, `.dockercfg`; base64 in `data`, text
//!   in `stringData`), only the credentials are replaced and the registries stay, so the
//!   images view still matches them: `auth` becomes the base64 of `<redacted>:<redacted>`,
//!   `password`, `identitytoken`, `registrytoken` become `<redacted>`;
//! - anywhere else (a node's config.json, a credential provider's config, a kubeconfig),
//!   values of password and token keys ([`SECRET_KEYS`]), and `value`s of environment
//!   variables whose name says password, token, secret or key ([`SECRET_ENV_WORDS`]);
//! - inside the `kubectl.kubernetes.io/last-applied-configuration` annotation (the object as
//!   `kubectl apply` sent it, which `kubectl get -o yaml` prints), the same values, in place
//!   when the annotation is written plain, single-quoted or as a block, else all of it.
//!
//! Values are found with the core's own YAML reader (`podplay_core::yaml`, with each scalar's
//! source span): only those spans change and the rest of the text stays byte-identical.
//! Pure code: it runs in the analysis worker (which already has the YAML reader) and natively
//! in `cargo test`.

use podplay_core::go::base64;
use podplay_core::yaml::{self, Node, Pos, Value};
use std::ops::Range;

/// What a left-out value is replaced with.
pub const PLACEHOLDER: &str = "<redacted>";

/// The annotation in which `kubectl apply` keeps the object as it was applied.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Keys whose string value is a credential, wherever they are (compared ignoring case).
/// The docker config.json ones come from pkg/credentialprovider/config.go (`DockerConfigEntry`
/// and its JSON form: `auth`, `password`, `identitytoken`, `registrytoken`).
pub const SECRET_KEYS: &[&str] = &[
    "auth",
    "password",
    "passwd",
    "identitytoken",
    "registrytoken",
    "token",
    "access_token",
    "refresh_token",
    "client_secret",
    "client-key-data",
];

/// Words in an environment variable's name (upper case) that make its `value` a secret.
pub const SECRET_ENV_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
];

/// The Secret keys that hold a docker config (`kubernetes.io/dockerconfigjson` and
/// `kubernetes.io/dockercfg` Secrets; pkg/apis/core/types.go).
const DOCKER_CONFIG_KEYS: &[&str] = &[".dockerconfigjson", ".dockercfg"];

/// The text for a link, and what was left out of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redacted {
    pub text: String,
    /// One entry per replaced value: where it was (`Secret/regcred data[.dockerconfigjson]
    /// auths[registry.example.com].auth`), for the note next to the Share button.
    pub left_out: Vec<String>,
    /// The text is not YAML podplay can read, so it could not be checked (and is unchanged).
    pub unchecked: bool,
}

/// Replaces the secret values of `text` (see the module's doc) with placeholders.
pub fn redact(text: &str) -> Redacted {
    let Ok(documents) = yaml::parse_documents(text) else {
        return Redacted {
            text: text.to_string(),
            left_out: Vec::new(),
            unchecked: true,
        };
    };
    let mut redactor = Redactor::new(text);
    for (i, document) in documents.iter().enumerate() {
        redactor.walk(document, &format!("document {}", i + 1), "");
    }
    let (text, left_out) = redactor.finish();
    Redacted {
        text,
        left_out,
        unchecked: false,
    }
}

/// Collects replacements of scalar spans, then applies them.
struct Redactor<'a> {
    text: &'a str,
    /// Every scalar's start and byte range, in text order; read on the first replacement
    /// (most texts have no secret: one parse, not two).
    spans: Option<Vec<(Pos, Range<usize>)>>,
    edits: Vec<(Range<usize>, String)>,
    left_out: Vec<String>,
}

impl<'a> Redactor<'a> {
    fn new(text: &'a str) -> Self {
        Redactor {
            text,
            spans: None,
            edits: Vec::new(),
            left_out: Vec::new(),
        }
    }

    /// The source of a scalar node; for an alias (`*pw`), its anchor's scalar (`&pw hunter2`),
    /// wherever the anchor is.
    fn span(&mut self, node: &Node) -> Option<Range<usize>> {
        let text = self.text;
        let spans = self.spans.get_or_insert_with(|| yaml::scalar_spans(text));
        let at = |pos: Pos| spans.binary_search_by(|(p, _)| p.cmp(&pos)).ok();
        let i = at(node.pos).or_else(|| at(anchor_of_alias(text, node.pos)?))?;
        Some(spans[i].1.clone())
    }

    /// Replaces a scalar with `value`, written in the scalar's own quoting style.
    fn replace(&mut self, node: &Node, value: &str, what: String) {
        if let Some(range) = self.span(node) {
            let source = &self.text[range.clone()];
            self.edits.push((range, in_style_of(source, value)));
            self.left_out.push(what);
        }
    }

    /// Replaces a scalar's source with `source` as is.
    fn replace_source(&mut self, node: &Node, source: String, what: Vec<String>) {
        if let Some(range) = self.span(node) {
            self.edits.push((range, source));
            self.left_out.extend(what);
        }
    }

    fn walk(&mut self, node: &Node, label: &str, path: &str) {
        match &node.value {
            Value::Map(entries) => {
                // An object with a kind (a document, a List's item) names what follows.
                let owned;
                let (label, path) = match node.get("kind").and_then(Node::as_str) {
                    Some(kind) => {
                        let name = node
                            .get("metadata")
                            .and_then(|m| m.get("name"))
                            .and_then(Node::as_str)
                            .unwrap_or("");
                        owned = format!("{kind}/{name}");
                        (owned.as_str(), "")
                    }
                    None => (label, path),
                };
                let is_secret = node.get("kind").and_then(Node::as_str) == Some("Secret");
                if let Some(value) = secret_env_value(node) {
                    let name = node.get("name").and_then(Node::as_str).unwrap_or("");
                    self.replace(value, PLACEHOLDER, format!("{label} {path} {name}"));
                }
                for entry in entries {
                    let here = join(path, &entry.key);
                    if entry.key == LAST_APPLIED {
                        if let Some(value) = entry.value.as_str() {
                            self.embedded_object(&entry.value, value, label);
                            continue;
                        }
                    }
                    if is_secret && (entry.key == "data" || entry.key == "stringData") {
                        self.secret_values(&entry.value, label, &here, entry.key == "data");
                        continue;
                    }
                    let secret_key = SECRET_KEYS
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(&entry.key));
                    match entry.value.as_str() {
                        Some(value) if secret_key && !value.is_empty() => {
                            let placeholder = if entry.key == "auth" {
                                base64::encode(b"<redacted>:<redacted>")
                            } else {
                                PLACEHOLDER.to_string()
                            };
                            self.replace(&entry.value, &placeholder, format!("{label} {here}"));
                        }
                        _ => self.walk(&entry.value, label, &here),
                    }
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, label, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    /// A Secret's `data` (base64 values) or `stringData` (text values).
    fn secret_values(&mut self, map: &Node, label: &str, path: &str, base64_values: bool) {
        let Value::Map(entries) = &map.value else {
            return self.walk(map, label, path);
        };
        for entry in entries {
            let what = format!("{label} {path}[{}]", entry.key);
            let Some(value) = entry.value.as_str() else {
                self.walk(&entry.value, label, &what);
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if DOCKER_CONFIG_KEYS.contains(&entry.key.as_str())
                && self.docker_config(&entry.value, value, &what, base64_values)
            {
                continue;
            }
            let placeholder = if base64_values {
                base64::encode(PLACEHOLDER.as_bytes())
            } else {
                PLACEHOLDER.to_string()
            };
            self.replace(&entry.value, &placeholder, what);
        }
    }

    /// The object `kubectl apply` keeps in an annotation of `label` (as applied, Secret data
    /// included), which `kubectl get -o yaml` prints: its secrets are redacted as the text's
    /// are (the whole value when it cannot be rewritten in place).
    fn embedded_object(&mut self, node: &Node, value: &str, label: &str) {
        let Ok(object) = yaml::parse_one(value) else {
            return;
        };
        let mut inner = Redactor::new(value);
        inner.walk(&object, label, "");
        let (redacted, left_out) = inner.finish();
        if left_out.is_empty() {
            return;
        }
        let Some(range) = self.span(node) else {
            return;
        };
        let left_out: Vec<String> = left_out
            .iter()
            .map(|w| format!("{w} (last-applied-configuration)"))
            .collect();
        match rewrite_text_in_place(&self.text[range], value, &redacted, node.pos.col) {
            Some(source) => self.replace_source(node, source, left_out),
            None => self.replace(
                node,
                PLACEHOLDER,
                format!("{label} last-applied-configuration (all of it)"),
            ),
        }
    }

    /// Redacts the credentials inside a Secret's docker config, keeping the registries.
    /// False when the config cannot be read or rewritten in place (then the whole value goes).
    fn docker_config(&mut self, node: &Node, value: &str, what: &str, base64_value: bool) -> bool {
        let json = if base64_value {
            match base64::decode(value, true).map(String::from_utf8) {
                Ok(Ok(json)) => json,
                _ => return false,
            }
        } else {
            value.to_string()
        };
        let config = match yaml::parse_one(&json) {
            Ok(config) if matches!(config.value, Value::Map(_)) => config,
            _ => return false,
        };
        let mut inner = Redactor::new(&json);
        inner.walk(&config, what, "");
        let (redacted, left_out) = inner.finish();
        if left_out.is_empty() {
            return true; // no credentials in it: nothing to leave out
        }
        let Some(range) = self.span(node) else {
            return true; // an alias: redacted at its anchor
        };
        let source = &self.text[range];
        let rewritten = if base64_value {
            Some(in_style_of(source, &base64::encode(redacted.as_bytes())))
        } else {
            rewrite_text_in_place(source, value, &redacted, node.pos.col)
        };
        match rewritten {
            Some(source) => {
                self.replace_source(node, source, left_out);
                true
            }
            None => false,
        }
    }

    /// Applies the edits (the first one at a place wins; nested ones are dropped).
    fn finish(self) -> (String, Vec<String>) {
        // The core's one small sort (size budget: std's stable sort is kilobytes per element
        // type); it is not stable, so ties are kept in order by their index.
        let mut order: Vec<usize> = (0..self.edits.len()).collect();
        podplay_core::small_sort::sort_by_key(&mut order, |&i| (self.edits[i].0.start, i));
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (range, replacement) in order.into_iter().map(|i| &self.edits[i]) {
            if range.start < at {
                continue;
            }
            out.push_str(&self.text[at..range.start]);
            out.push_str(replacement);
            at = range.end;
        }
        out.push_str(&self.text[at..]);
        (out, self.left_out)
    }
}

/// The `value` of an environment variable (`{name, value}`) whose name says it is a secret.
fn secret_env_value(node: &Node) -> Option<&Node> {
    let name = node.get("name")?.as_str()?.to_ascii_uppercase();
    let value = node.get("value")?;
    let secret = SECRET_ENV_WORDS.iter().any(|word| name.contains(word));
    (secret && value.as_str().is_some_and(|v| !v.is_empty())).then_some(value)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `value` (plain-safe: the placeholder or base64) written as `source` was: double-quoted,
/// single-quoted or plain; a block scalar keeps its trailing line breaks.
fn in_style_of(source: &str, value: &str) -> String {
    let body = source.trim_end();
    let trailing = &source[body.len()..];
    let quote = match body.chars().next() {
        Some(q @ ('"' | '\'')) => q.to_string(),
        _ => String::new(),
    };
    format!("{quote}{value}{quote}{trailing}")
}

/// Where the anchor an alias at `pos` names (`*pw` → the last `&pw` before it) stands.
fn anchor_of_alias(text: &str, pos: Pos) -> Option<Pos> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(pos.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let offset = line_start
        + text[line_start..]
            .char_indices()
            .nth(pos.col.saturating_sub(1) as usize)?
            .0;
    let name_len = text[offset..]
        .strip_prefix('*')?
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len() - offset - 1);
    let anchor = format!("&{}", &text[offset + 1..offset + 1 + name_len]);
    let mut before = &text[..offset];
    loop {
        let found = before.rfind(&anchor)?;
        let after = text[found + anchor.len()..].chars().next();
        if after.is_none_or(char::is_whitespace) {
            return Some(podplay_core::limits::pos_at(text, found));
        }
        before = &before[..found];
    }
}

/// Writes a new text value where `old` was written as a plain scalar, a literal block
/// (each line indented like the first, at `col`) or a single-quoted one; `None` otherwise.
fn rewrite_text_in_place(source: &str, old: &str, new: &str, col: u32) -> Option<String> {
    let body = source.trim_end();
    let trailing = &source[body.len()..];
    let indent = format!("\n{}", " ".repeat(col.saturating_sub(1) as usize));
    let as_block = |text: &str| text.trim_end_matches('\n').replace('\n', &indent);
    if body == old && !new.contains('\n') {
        return Some(format!("{new}{trailing}"));
    }
    if body == as_block(old) && source.ends_with('\n') {
        return Some(format!("{}{trailing}", as_block(new)));
    }
    if body == format!("'{}'", old.replace('\'', "''")) && !new.contains('\n') {
        return Some(format!("'{}'{trailing}", new.replace('\'', "''")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const REDACTED_B64: &str = "PHJlZGFjdGVkPg==";

    fn b64(text: &str) -> String {
        base64::encode(text.as_bytes())
    }

    /// Random edits of a text full of secrets (a small deterministic generator): the
    /// redactor runs in the worker on every text, so it must never panic, and a text that
    /// reads as YAML still reads after its secrets are replaced.
    #[test]
    fn random_edits_of_secrets_never_break_the_redactor() {
        const BASE: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n    note: &pw hunter2\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"kind\":\"Secret\",\"data\":{\"p\":\"aHVudGVyMg==\"}}\ndata:\n  user: YWRtaW4=\n  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJkWE5sY2pwd1lYTnoifX19\nstringData:\n  pass: *pw\n  token: !!str 's3cr3t'\n  note: |\n    line\n---\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: DB_PASSWORD, value: \"x\\'y\"}\n";
        const SNIPPETS: &[&str] = &[
            "&a ",
            "*a",
            "*pw",
            "!!str ",
            "\"",
            "'",
            "\n",
            ": ",
            "- ",
            "{",
            "}",
            "[",
            "]",
            "  ",
            "\t",
            "#",
            "|",
            ">-",
            "\\'",
            "é",
            "password: ",
            "<<: *pw\n",
        ];
        let mut seed: u64 = 12345;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        for _ in 0..800 {
            let mut text = BASE.to_string();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if next(2) == 0 {
                    text.insert_str(at, SNIPPETS[next(SNIPPETS.len())]);
                } else {
                    let mut end = (at + 1 + next(4)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                }
            }
            let got = redact(&text);
            if !got.unchecked && yaml::parse_documents(&text).is_ok() {
                assert!(
                    yaml::parse_documents(&got.text).is_ok(),
                    "{text:?} became {:?}",
                    got.text
                );
            }
        }
    }

    #[test]
    fn a_pod_without_secrets_is_unchanged() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: a\n    image: nginx\n    env:\n    - name: MODE\n      value: fast\n";
        assert_eq!(
            redact(text),
            Redacted {
                text: text.into(),
                ..Redacted::default()
            }
        );
    }

    #[test]
    fn secret_data_and_string_data_are_replaced_and_the_rest_stays_byte_identical() {
        let text = "kind: Secret # keep\napiVersion: v1\nmetadata:\n  name: db\ndata:\n  user: YWRtaW4=\n  pass: \"aHVudGVyMg==\"   # comment\n  empty: \"\"\nstringData:\n  token: 's3cr3t'\n  note: |\n    line one\n    line two\n  after: x\n";
        let want = "kind: Secret # keep\napiVersion: v1\nmetadata:\n  name: db\ndata:\n  user: PHJlZGFjdGVkPg==\n  pass: \"PHJlZGFjdGVkPg==\"   # comment\n  empty: \"\"\nstringData:\n  token: '<redacted>'\n  note: |\n    <redacted>\n  after: <redacted>\n";
        let got = redact(text);
        assert_eq!(got.text, want);
        assert_eq!(
            got.left_out,
            [
                "Secret/db data[user]",
                "Secret/db data[pass]",
                "Secret/db stringData[token]",
                "Secret/db stringData[note]",
                "Secret/db stringData[after]",
            ]
        );
        assert!(yaml::parse_documents(&got.text).is_ok());
        assert_eq!(
            base64::decode(REDACTED_B64, true).unwrap(),
            PLACEHOLDER.as_bytes()
        );
    }

    #[test]
    fn an_anchored_or_tagged_secret_keeps_its_anchor_and_tag() {
        let text = "kind: Secret\napiVersion: v1\nmetadata:\n  name: db\nstringData:\n  pass: &pw hunter2\n  copy: *pw\n  tagged: !!str 's3cr3t'\n";
        let want = "kind: Secret\napiVersion: v1\nmetadata:\n  name: db\nstringData:\n  pass: &pw <redacted>\n  copy: *pw\n  tagged: !!str '<redacted>'\n";
        let got = redact(text);
        assert_eq!(got.text, want);
        // `copy` is the same value (left out with it).
        assert_eq!(
            got.left_out,
            [
                "Secret/db stringData[pass]",
                "Secret/db stringData[copy]",
                "Secret/db stringData[tagged]"
            ]
        );
        assert!(yaml::parse_documents(&got.text).is_ok());
    }

    #[test]
    fn a_secret_aliasing_a_value_elsewhere_is_redacted_at_its_anchor() {
        // Anchors are the document's: here one in the Secret's annotations.
        let text = "kind: Secret\napiVersion: v1\nmetadata:\n  name: db\n  annotations:\n    a: &pwd x\n    note: &pw hunter2\nstringData:\n  pass: *pw\n";
        let got = redact(text);
        assert_eq!(got.text, text.replace("&pw hunter2", "&pw <redacted>"));
        assert_eq!(got.left_out, ["Secret/db stringData[pass]"]);
        assert!(yaml::parse_documents(&got.text).is_ok());
    }

    #[test]
    fn the_last_applied_configuration_loses_its_secrets_too() {
        // As `kubectl get secret -o yaml` prints a Secret made by `kubectl apply`.
        let text = "apiVersion: v1\ndata:\n  password: aHVudGVyMg==\nkind: Secret\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"data\":{\"password\":\"aHVudGVyMg==\"},\"kind\":\"Secret\",\"metadata\":{\"annotations\":{},\"name\":\"db\",\"namespace\":\"default\"}}\n  name: db\n";
        let got = redact(text);
        assert_eq!(got.text, text.replace("aHVudGVyMg==", REDACTED_B64));
        assert_eq!(
            got.left_out,
            [
                "Secret/db data[password]",
                "Secret/db data[password] (last-applied-configuration)",
            ]
        );
        assert!(yaml::parse_documents(&got.text).is_ok());
        // Written double-quoted, it cannot be rewritten in place: all of it goes.
        let text = "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: \"{\\\"kind\\\":\\\"Pod\\\",\\\"spec\\\":{\\\"containers\\\":[{\\\"env\\\":[{\\\"name\\\":\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"hunter2\\\"}]}]}}\"\n";
        let got = redact(text);
        assert!(!got.text.contains("hunter2"), "{}", got.text);
        assert_eq!(
            got.left_out,
            ["Pod/p last-applied-configuration (all of it)"]
        );
        assert!(yaml::parse_documents(&got.text).is_ok());
    }

    #[test]
    fn docker_config_keeps_registries_and_loses_credentials() {
        let config = r#"{"auths":{"registry.example.com":{"auth":"dXNlcjpodW50ZXIy","password":"hunter2"},"ghcr.io":{"username":"u","identitytoken":"tok","registrytoken":"rt"}}}"#;
        let text = format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n",
            b64(config)
        );
        let got = redact(&text);
        let want_config = r#"{"auths":{"registry.example.com":{"auth":"PHJlZGFjdGVkPjo8cmVkYWN0ZWQ+","password":"<redacted>"},"ghcr.io":{"username":"u","identitytoken":"<redacted>","registrytoken":"<redacted>"}}}"#;
        assert_eq!(
            got.text,
            text.replace(&b64(config), &b64(want_config)),
            "only the value changed"
        );
        assert_eq!(
            got.left_out,
            [
                "Secret/regcred data[.dockerconfigjson] auths.registry.example.com.auth",
                "Secret/regcred data[.dockerconfigjson] auths.registry.example.com.password",
                "Secret/regcred data[.dockerconfigjson] auths.ghcr.io.identitytoken",
                "Secret/regcred data[.dockerconfigjson] auths.ghcr.io.registrytoken",
            ]
        );
    }

    #[test]
    fn docker_config_in_string_data_is_rewritten_in_its_block() {
        let text = "kind: Secret\nmetadata: {name: r}\nstringData:\n  .dockerconfigjson: |\n    {\"auths\": {\"r.io\": {\n      \"auth\": \"dTpw\"}}}\n  other: x\n";
        let want = "kind: Secret\nmetadata: {name: r}\nstringData:\n  .dockerconfigjson: |\n    {\"auths\": {\"r.io\": {\n      \"auth\": \"PHJlZGFjdGVkPjo8cmVkYWN0ZWQ+\"}}}\n  other: <redacted>\n";
        let got = redact(text);
        assert_eq!(got.text, want);
        assert_eq!(got.left_out.len(), 2);
    }

    #[test]
    fn an_unreadable_docker_config_goes_as_a_whole() {
        let text = "kind: Secret\nmetadata: {name: r}\ndata:\n  .dockercfg: bm90IGpzb24=\n";
        let got = redact(text);
        assert_eq!(got.text, text.replace("bm90IGpzb24=", REDACTED_B64));
        assert_eq!(got.left_out, ["Secret/r data[.dockercfg]"]);
    }

    #[test]
    fn passwords_and_tokens_elsewhere() {
        // A node's config.json as a JSON document, and a pod with secret-looking env vars.
        let text = "{\"auths\": {\"r.io\": {\"auth\": \"dTpw\", \"Password\": \"p\"}}}\n---\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: DB_PASSWORD, value: hunter2}\n    - name: api_token\n      value: \"abc\"\n    - name: MODE\n      value: fast\n";
        let got = redact(text);
        assert_eq!(
            got.text,
            "{\"auths\": {\"r.io\": {\"auth\": \"PHJlZGFjdGVkPjo8cmVkYWN0ZWQ+\", \"Password\": \"<redacted>\"}}}\n---\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: DB_PASSWORD, value: <redacted>}\n    - name: api_token\n      value: \"<redacted>\"\n    - name: MODE\n      value: fast\n"
        );
        assert_eq!(
            got.left_out,
            [
                "document 1 auths.r.io.auth",
                "document 1 auths.r.io.Password",
                "Pod/web spec.containers[0].env[0] DB_PASSWORD",
                "Pod/web spec.containers[0].env[1] api_token",
            ]
        );
    }

    #[test]
    fn text_that_is_not_yaml_is_unchecked_and_unchanged() {
        let got = redact("kind: Secret\ndata: [\n");
        assert!(got.unchecked);
        assert_eq!(got.text, "kind: Secret\ndata: [\n");
    }

    #[test]
    fn tabs_and_unindented_lines_kubernetes_accepts_are_checked() {
        // A tab after `:` and continuation lines below their block's indentation: libyaml
        // (Kubernetes) reads them, so the values in and after them are redacted (`b`, not a
        // string, is no Secret value).
        let text = "kind: Secret\nmetadata: {name: s,\n é: x}\nstringData:\n  a:\t\"p\n q\"\n  b: {c: d,\n e: 'ü'}\n  token: t\n";
        let got = redact(text);
        assert!(!got.unchecked);
        assert_eq!(
            got.text,
            "kind: Secret\nmetadata: {name: s,\n é: x}\nstringData:\n  a:\t\"<redacted>\"\n  b: {c: d,\n e: 'ü'}\n  token: <redacted>\n"
        );
    }

    #[test]
    fn non_ascii_text_around_secrets_keeps_its_bytes() {
        let text = "# é — 🚀\nkind: Secret\nmetadata: {name: ü}\nstringData: {pw: \"ç\"}\n";
        let got = redact(text);
        assert_eq!(
            got.text,
            "# é — 🚀\nkind: Secret\nmetadata: {name: ü}\nstringData: {pw: \"<redacted>\"}\n"
        );
        assert_eq!(got.left_out, ["Secret/ü stringData[pw]"]);
    }
}
