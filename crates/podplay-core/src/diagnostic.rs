//! Messages pinned to the input: every problem or hint podplay reports, with the line and
//! column of the field it concerns. Producers give the Kubernetes field path
//! (`spec.containers[0].image`); [`field_pos`] finds it in the pasted YAML.

use crate::yaml::{self, Node, Pos};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A message pinned to a place in the input (when it has one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where in the input (1-based line and column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    /// The Kubernetes field path it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Which step produced it: `yaml`, `decode`, `admission:<Plugin>`, `validation`, ...
    pub source: String,
}

impl Diagnostic {
    /// A message about a field of the pod whose input node is `pod_node`, pinned to that
    /// field's line (or its nearest ancestor's).
    pub fn at_field(
        severity: Severity,
        message: String,
        pod_node: &Node,
        field: &str,
        source: &str,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            message,
            pos: field_pos(pod_node, field),
            field: (!field.is_empty()).then(|| field.to_string()),
            source: source.to_string(),
        }
    }
}

/// Errors first (in the order produced), then warnings, then hints.
pub fn rank(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut ranked: Vec<(u8, usize, Diagnostic)> = diagnostics
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let rank = match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            (rank, i, d)
        })
        .collect();
    crate::small_sort::sort_by(&mut ranked, |a, b| (a.0, a.1) < (b.0, b.1));
    ranked.into_iter().map(|(_, _, d)| d).collect()
}

/// The position of a Kubernetes field path (`spec.containers[0].image`) in the input; falls back
/// to the nearest ancestor that exists there.
pub fn field_pos(doc: &Node, path: &str) -> Option<Pos> {
    let mut node = doc;
    let mut best = Some(doc.pos);
    for seg in parse_field_path(path) {
        let next = match (&seg, &node.value) {
            (PathSeg::Key(k), yaml::Value::Map(entries)) => {
                entries.iter().rev().find(|e| &e.key == k).map(|e| {
                    best = Some(e.key_pos);
                    &e.value
                })
            }
            (PathSeg::Index(i), yaml::Value::Seq(items)) => {
                items.get(*i).inspect(|n| best = Some(n.pos))
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    best
}

#[derive(Debug, PartialEq)]
enum PathSeg {
    Key(String),
    Index(usize),
}

/// Splits `spec.containers[0].resources.limits[cpu]` into keys and indexes.
fn parse_field_path(path: &str) -> Vec<PathSeg> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(PathSeg::Key(std::mem::take(&mut cur)));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(PathSeg::Key(std::mem::take(&mut cur)));
                }
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                match inner.parse::<usize>() {
                    Ok(i) => out.push(PathSeg::Index(i)),
                    Err(_) => out.push(PathSeg::Key(inner)),
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(PathSeg::Key(cur));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_split_into_segments() {
        assert_eq!(
            parse_field_path("spec.containers[0].resources.limits[cpu]"),
            vec![
                PathSeg::Key("spec".into()),
                PathSeg::Key("containers".into()),
                PathSeg::Index(0),
                PathSeg::Key("resources".into()),
                PathSeg::Key("limits".into()),
                PathSeg::Key("cpu".into()),
            ]
        );
    }

    #[test]
    fn field_positions_come_from_the_input() {
        let doc =
            yaml::parse_one("kind: Pod\nspec:\n  containers:\n  - name: a\n    image: ' x'\n")
                .unwrap();
        assert_eq!(
            field_pos(&doc, "spec.containers[0].image"),
            Some(Pos { line: 5, col: 5 })
        );
        // A missing field points at its nearest ancestor.
        assert_eq!(
            field_pos(&doc, "spec.containers[0].ports[0]"),
            Some(Pos { line: 4, col: 5 })
        );
    }
}
