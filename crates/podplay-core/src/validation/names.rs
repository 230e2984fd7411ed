//! Name and identifier checks with Kubernetes' exact messages.
//!
//! Two families, as in Kubernetes:
//! - `k8s.io/apimachinery/pkg/util/validation` (DNS labels/subdomains, ports, env var names,
//!   config keys): length errors say `characters`;
//! - `k8s.io/apimachinery/pkg/api/validate/content` (label keys/values, C identifiers): length
//!   errors say `bytes` since 1.35 (`characters` before) — these functions take the version.
//!
//! Each `is_*` function returns the list of messages (empty = valid), like the Go `Is*` helpers.
//! The regular expressions are matched by hand; the patterns are only quoted in messages.

use crate::versions::Version;

// ---------------------------------------------------------------------------------------------
// Message helpers
// ---------------------------------------------------------------------------------------------

/// `MaxLenError(n)` of util/validation: `must be no more than <n> characters`.
pub fn max_len_error(length: usize) -> String {
    format!("must be no more than {length} characters")
}

/// `MaxLenError(n)` of api/validate/content: `bytes` since 1.35, `characters` before.
pub fn content_max_len_error(length: usize, version: &Version) -> String {
    format!(
        "must be no more than {length} {}",
        version.wording("label.maxlen.unit")
    )
}

/// `EmptyError()`.
pub fn empty_error() -> &'static str {
    "must be non-empty"
}

/// `InclusiveRangeError(lo, hi)`.
pub fn inclusive_range_error(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

/// `RegexError(msg, re, examples...)`. Each example is written as `'ex', ` and examples are
/// joined with ` or `, hence the double space before every `or`.
pub fn regex_error(msg: &str, re: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{re}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push('\'');
        out.push_str(example);
        out.push_str("', ");
    }
    out.push_str("regex used for validation is '");
    out.push_str(re);
    out.push_str("')");
    out
}

// ---------------------------------------------------------------------------------------------
// Hand-written matchers for the patterns Kubernetes uses (anchored: ^...$)
// ---------------------------------------------------------------------------------------------

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1123_label(v: &[u8]) -> bool {
    match (v.first(), v.last()) {
        (Some(&first), Some(&last)) => {
            is_lower_alnum(first)
                && is_lower_alnum(last)
                && v.iter().all(|&b| is_lower_alnum(b) || b == b'-')
        }
        _ => false,
    }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
fn matches_dns1123_subdomain(v: &[u8]) -> bool {
    !v.is_empty() && v.split(|&b| b == b'.').all(matches_dns1123_label)
}

/// `[a-z]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1035_label(v: &[u8]) -> bool {
    matches!(v.first(), Some(b) if b.is_ascii_lowercase()) && matches_dns1123_label(v)
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn matches_label_key_name(v: &[u8]) -> bool {
    match (v.first(), v.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && v.iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// util/validation family
// ---------------------------------------------------------------------------------------------

pub const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
pub const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
pub const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
pub const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
pub const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
pub const DNS1035_LABEL_ERR_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/// `IsDNS1123Label`.
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    dns1123_label_bytes(value.as_bytes(), max_len_error)
}

fn dns1123_label_bytes(v: &[u8], max_len: fn(usize) -> String) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len(DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_dns1123_label(v) {
        if matches_dns1123_subdomain(v) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    dns1123_subdomain_bytes(value.as_bytes(), max_len_error)
}

fn dns1123_subdomain_bytes(v: &[u8], max_len: impl Fn(usize) -> String) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !matches_dns1123_subdomain(v) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

pub const DNS1123_SUBDOMAIN_WITH_UNDERSCORE_FMT: &str =
    "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";
pub const DNS1123_SUBDOMAIN_WITH_UNDERSCORE_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";

/// `IsDNS1123SubdomainWithUnderscore` (DNS search domains with RelaxedDNSSearchValidation).
pub fn is_dns1123_subdomain_with_underscore(value: &str, version: &Version) -> Vec<String> {
    let label_ok = |l: &[u8]| {
        let l = l.strip_prefix(b"_").unwrap_or(l);
        match (l.first(), l.last()) {
            (Some(&f), Some(&e)) => {
                is_lower_alnum(f)
                    && is_lower_alnum(e)
                    && l.iter()
                        .all(|&b| is_lower_alnum(b) || b == b'-' || b == b'_')
            }
            _ => false,
        }
    };
    let v = value.as_bytes();
    let mut errs = Vec::new();
    if v.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if v.is_empty() || !v.split(|&b| b == b'.').all(label_ok) {
        // v1.33's apimachinery printed the plain subdomain regex here (fixed in 1.34).
        let shown_regex = if version.behaviour("UnderscoreSubdomainShowsItsRegex") {
            DNS1123_SUBDOMAIN_WITH_UNDERSCORE_FMT
        } else {
            DNS1123_SUBDOMAIN_FMT
        };
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_WITH_UNDERSCORE_ERR_MSG,
            shown_regex,
            &["example.com"],
        ));
    }
    errs
}

/// `IsDNS1035Label`.
pub fn is_dns1035_label(value: &str) -> Vec<String> {
    dns1035_label_bytes(value.as_bytes())
}

fn dns1035_label_bytes(v: &[u8]) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_dns1035_label(v) {
        errs.push(regex_error(
            DNS1035_LABEL_ERR_MSG,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// `IsValidPortNum`: 1..=65535.
pub fn is_valid_port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec![inclusive_range_error(1, 65535)]
    }
}

/// `IsInRange`.
pub fn is_in_range(value: i64, min: i64, max: i64) -> Vec<String> {
    if value >= min && value <= max {
        Vec::new()
    } else {
        vec![inclusive_range_error(min, max)]
    }
}

/// `IsValidUserID`: 0..=MaxInt32.
pub fn is_valid_user_id(uid: i64) -> Vec<String> {
    is_in_range(uid, 0, i32::MAX as i64)
}

/// `IsValidGroupID`: 0..=MaxInt32.
pub fn is_valid_group_id(gid: i64) -> Vec<String> {
    is_in_range(gid, 0, i32::MAX as i64)
}

/// `IsValidPortName` (IANA_SVC_NAME).
pub fn is_valid_port_name(port: &str) -> Vec<String> {
    let b = port.as_bytes();
    let mut errs = Vec::new();
    if b.len() > 15 {
        errs.push(max_len_error(15));
    }
    if b.is_empty() || !b.iter().all(|&c| is_lower_alnum(c) || c == b'-') {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !b.iter().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if b.first() == Some(&b'-') || b.last() == Some(&b'-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

pub const PERCENT_FMT: &str = "[0-9]+%";

/// `IsValidPercent`.
pub fn is_valid_percent(percent: &str) -> Vec<String> {
    let ok = percent
        .strip_suffix('%')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            "a valid percent string must be a numeric string followed by an ending '%'",
            PERCENT_FMT,
            &["1%", "93%"],
        )]
    }
}

pub const HTTP_HEADER_NAME_FMT: &str = "[-A-Za-z0-9]+";

/// `IsHTTPHeaderName`.
pub fn is_http_header_name(value: &str) -> Vec<String> {
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            "a valid HTTP header must consist of alphanumeric characters or '-'",
            HTTP_HEADER_NAME_FMT,
            &["X-Header-Name"],
        )]
    }
}

pub const ENV_VAR_NAME_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
pub const ENV_VAR_NAME_ERR_MSG: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
pub const RELAXED_ENV_VAR_NAME_ERR_MSG: &str =
    "a valid environment variable name must consist only of printable ASCII characters other than '='";

/// `IsEnvVarName` (strict form, used when RelaxedEnvironmentVariableValidation is off).
pub fn is_env_var_name(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let ok = match b.first() {
        Some(&first) => {
            (first.is_ascii_alphabetic() || matches!(first, b'-' | b'.' | b'_'))
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
        }
        None => false,
    };
    let mut errs = Vec::new();
    if !ok {
        errs.push(regex_error(
            ENV_VAR_NAME_ERR_MSG,
            ENV_VAR_NAME_FMT,
            &["my.env-name", "MY_ENV.NAME", "MyEnvName1"],
        ));
    }
    errs.extend(has_ch_dir_prefix(value));
    errs
}

/// `IsRelaxedEnvVarName`: any printable ASCII except `=`.
pub fn is_relaxed_env_var_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() {
        errs.push(format!("environment variable name {}", empty_error()));
    }
    if value.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        errs.push(RELAXED_ENV_VAR_NAME_ERR_MSG.to_string());
    }
    errs
}

pub const CONFIG_MAP_KEY_FMT: &str = "[-._a-zA-Z0-9]+";

/// `IsConfigMapKey`.
pub fn is_config_map_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !ok {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            CONFIG_MAP_KEY_FMT,
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    errs.extend(has_ch_dir_prefix(value));
    errs
}

/// `hasChDirPrefix`: `.`, `..` and a leading `..` are refused.
pub fn has_ch_dir_prefix(value: &str) -> Vec<String> {
    if value == "." {
        vec!["must not be '.'".to_string()]
    } else if value == ".." {
        vec!["must not be '..'".to_string()]
    } else if value.starts_with("..") {
        vec!["must not start with '..'".to_string()]
    } else {
        Vec::new()
    }
}

// ---------------------------------------------------------------------------------------------
// api/validate/content family (label keys and values, C identifiers)
// ---------------------------------------------------------------------------------------------

pub const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
pub const LABEL_KEY_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
pub const LABEL_KEY_MAX_LENGTH: usize = 63;
pub const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
pub const LABEL_VALUE_ERR_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;
const LABEL_KEY_EXAMPLES: &[&str] = &["MyName", "my.name", "123-abc"];

/// `content.IsLabelKey` (= `IsQualifiedName`): optional DNS-subdomain prefix and `/`, then a
/// 1–63 character name.
pub fn is_label_key(value: &str, version: &Version) -> Vec<String> {
    let parts: Vec<&str> = value.split('/').collect();
    let mut errs = Vec::new();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push(format!("prefix part {}", empty_error()));
            } else {
                let content_len = |n| content_max_len_error(n, version);
                for msg in dns1123_subdomain_bytes(prefix.as_bytes(), content_len) {
                    errs.push(format!("prefix part {msg}"));
                }
            }
            *name
        }
        _ => {
            errs.push(format!(
                "{} {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                version.wording("qualifiedName.keyNoun"),
                regex_error(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, LABEL_KEY_EXAMPLES)
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push(format!("name part {}", empty_error()));
    } else if name.len() > LABEL_KEY_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            content_max_len_error(LABEL_KEY_MAX_LENGTH, version)
        ));
    }
    if !matches_label_key_name(name.as_bytes()) {
        errs.push(format!(
            "name part {}",
            regex_error(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, LABEL_KEY_EXAMPLES)
        ));
    }
    errs
}

/// `IsQualifiedName` — the same check as a label key.
pub fn is_qualified_name(value: &str, version: &Version) -> Vec<String> {
    is_label_key(value, version)
}

/// `content.IsLabelValue`: empty, or ≤ 63 characters of the label-name alphabet.
pub fn is_label_value(value: &str, version: &Version) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(content_max_len_error(LABEL_VALUE_MAX_LENGTH, version));
    }
    if !value.is_empty() && !matches_label_key_name(value.as_bytes()) {
        errs.push(regex_error(
            LABEL_VALUE_ERR_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

pub const C_IDENTIFIER_FMT: &str = "[A-Za-z_][A-Za-z0-9_]*";

/// `IsCIdentifier`.
pub fn is_c_identifier(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let ok = matches!(b.first(), Some(&c) if c.is_ascii_alphabetic() || c == b'_')
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_');
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
            C_IDENTIFIER_FMT,
            &["my_name", "MY_NAME", "MyName"],
        )]
    }
}

/// `content.IsDecimalInteger`: canonical decimal (no leading zeros or `+`, `-0` refused).
pub fn is_decimal_integer(value: &str) -> Vec<String> {
    const MSG: &str = "must be a valid decimal integer in canonical form";
    let b = value.as_bytes();
    if b.is_empty() {
        return vec![empty_error().to_string()];
    }
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    let ok = match digits {
        [] => false,
        [b'0'] => b.len() == 1,
        [first, rest @ ..] => {
            (b'1'..=b'9').contains(first) && rest.iter().all(|c| c.is_ascii_digit())
        }
    };
    if ok {
        Vec::new()
    } else {
        vec![MSG.to_string()]
    }
}

// ---------------------------------------------------------------------------------------------
// Object-name helpers (apimachinery/pkg/api/validation: ValidateNameFunc and path segments)
// ---------------------------------------------------------------------------------------------

/// `maskTrailingDash`, quirk included: a trailing `-` of a generateName prefix is replaced by
/// dropping the LAST TWO bytes and appending `a` (so `ab-` is checked as `aa`).
fn mask_trailing_dash(name: &[u8]) -> Vec<u8> {
    if name.len() > 1 && name.ends_with(b"-") {
        let mut masked = name[..name.len() - 2].to_vec();
        masked.push(b'a');
        masked
    } else {
        name.to_vec()
    }
}

/// `NameIsDNSSubdomain(name, prefix)` (pod names, service account names, ...).
pub fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1123_subdomain_bytes(&mask_trailing_dash(name.as_bytes()), max_len_error)
    } else {
        is_dns1123_subdomain(name)
    }
}

/// `NameIsDNSLabel(name, prefix)` (namespace names).
pub fn name_is_dns_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1123_label_bytes(&mask_trailing_dash(name.as_bytes()), max_len_error)
    } else {
        is_dns1123_label(name)
    }
}

/// `NameIsDNS1035Label(name, prefix)`.
pub fn name_is_dns1035_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1035_label_bytes(&mask_trailing_dash(name.as_bytes()))
    } else {
        is_dns1035_label(name)
    }
}

/// `path.IsValidPathSegmentName`: not `.`/`..`, no `/` or `%`.
pub fn is_valid_path_segment_name(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    is_valid_path_segment_prefix(name)
}

/// `path.IsValidPathSegmentPrefix`: no `/` or `%`.
pub fn is_valid_path_segment_prefix(name: &str) -> Vec<String> {
    ["/", "%"]
        .iter()
        .filter(|bad| name.contains(*bad))
        .map(|bad| format!("may not contain '{bad}'"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const V135: Version = Version::new(1, 35);
    const V134: Version = Version::new(1, 34);

    #[test]
    fn regex_error_has_double_spaces_before_or() {
        assert_eq!(
            regex_error("m", "r", &["a", "b", "c"]),
            "m (e.g. 'a',  or 'b',  or 'c', regex used for validation is 'r')"
        );
        assert_eq!(
            regex_error("m", "r", &[]),
            "m (regex used for validation is 'r')"
        );
    }

    #[test]
    fn label_value_messages() {
        assert_eq!(
            is_label_value("-bad", &V135),
            vec!["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        );
        let long = "a".repeat(64);
        assert_eq!(
            is_label_value(&long, &V135),
            vec!["must be no more than 63 bytes"]
        );
        assert_eq!(
            is_label_value(&long, &V134),
            vec!["must be no more than 63 characters"]
        );
        assert!(is_label_value("", &V135).is_empty());
        assert!(is_label_value("My_value.1", &V135).is_empty());
    }

    #[test]
    fn label_key_messages() {
        let rows: &[(&str, &[&str])] = &[
            ("app", &[]),
            ("example.com/MyName", &[]),
            ("/name", &["prefix part must be non-empty"]),
            ("a/", &["name part must be non-empty", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
            ("a/b/c", &["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]),
            ("bad key", &["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
            ("Example.com/x", &["prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
        ];
        for (input, want) in rows {
            assert_eq!(is_label_key(input, &V135), *want, "key {input:?}");
        }
        let long = format!("{}/a", "a".repeat(254));
        assert_eq!(
            is_label_key(&long, &V135),
            vec!["prefix part must be no more than 253 bytes"]
        );
        let long_name = "a".repeat(64);
        assert_eq!(
            is_label_key(&long_name, &V135),
            vec!["name part must be no more than 63 bytes"]
        );
    }

    #[test]
    fn dns_names() {
        assert!(is_dns1123_label("my-name").is_empty());
        assert_eq!(is_dns1123_label("a.b"), vec!["must not contain dots"]);
        assert_eq!(
            is_dns1123_label("Vol_1"),
            vec!["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
        assert_eq!(
            is_dns1123_label(&"a".repeat(64)),
            vec!["must be no more than 63 characters"]
        );
        assert_eq!(
            is_dns1123_subdomain("-web"),
            vec!["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        );
        assert!(is_dns1123_subdomain("a.b-c.d").is_empty());
        assert_eq!(is_dns1123_subdomain("a..b").len(), 1);
        assert_eq!(
            is_dns1123_subdomain(&"a".repeat(254)),
            vec!["must be no more than 253 characters"]
        );
        assert!(is_dns1035_label("abc-123").is_empty());
        assert_eq!(is_dns1035_label("1abc").len(), 1);
    }

    #[test]
    fn generate_name_prefix_masking() {
        assert!(name_is_dns_subdomain("web-", true).is_empty());
        assert_eq!(name_is_dns_subdomain("web-", false).len(), 1);
        // The quirk drops two bytes: "a.-" is checked as "aa".
        assert!(name_is_dns_subdomain("a.-", true).is_empty());
        assert_eq!(name_is_dns_subdomain("-", true).len(), 1);
    }

    #[test]
    fn port_names() {
        assert!(is_valid_port_name("http").is_empty());
        assert_eq!(
            is_valid_port_name("-HTTP--port-name-x"),
            vec![
                "must be no more than 15 characters",
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)",
                "must not contain consecutive hyphens",
                "must not begin or end with a hyphen",
            ]
            .into_iter()
            .filter(|m| *m != "must contain at least one letter (a-z)")
            .collect::<Vec<_>>()
        );
        assert_eq!(
            is_valid_port_name("123"),
            vec!["must contain at least one letter (a-z)"]
        );
        assert_eq!(
            is_valid_port_num(0),
            vec!["must be between 1 and 65535, inclusive"]
        );
    }

    #[test]
    fn env_and_config_keys() {
        assert!(is_relaxed_env_var_name("1A b").is_empty());
        assert_eq!(
            is_relaxed_env_var_name("A=B"),
            vec![RELAXED_ENV_VAR_NAME_ERR_MSG]
        );
        assert_eq!(
            is_relaxed_env_var_name(""),
            vec!["environment variable name must be non-empty"]
        );
        assert_eq!(is_env_var_name("1A").len(), 1);
        assert_eq!(is_env_var_name("..a"), vec!["must not start with '..'"]);
        assert!(is_config_map_key("key.name").is_empty());
        assert_eq!(is_config_map_key(".."), vec!["must not be '..'"]);
        assert!(is_c_identifier("_a1").is_empty());
        assert_eq!(is_c_identifier("1a").len(), 1);
    }

    #[test]
    fn decimal_integers() {
        for ok in ["0", "12", "-3"] {
            assert!(is_decimal_integer(ok).is_empty(), "{ok}");
        }
        for bad in ["-0", "01", "+1", "-", "1a"] {
            assert_eq!(is_decimal_integer(bad).len(), 1, "{bad}");
        }
    }

    #[test]
    fn path_segments() {
        assert_eq!(is_valid_path_segment_name(".."), vec!["may not be '..'"]);
        assert_eq!(
            is_valid_path_segment_name("a/b%"),
            vec!["may not contain '/'", "may not contain '%'"]
        );
    }
}
