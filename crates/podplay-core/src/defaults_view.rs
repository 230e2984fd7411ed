//! The defaults view: the object the API server stores (or the last stage reached when it
//! rejects), as `kubectl get -o yaml` prints it, each line tagged with the change that added
//! or changed it, and each change with the line it shows on and the page that explains it.

use crate::changes::Change;
use crate::kubectl_yaml;
use crate::views::ViewInput;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// A line of the resulting object in kubectl's format, with the change that added it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputLine {
    pub text: String,
    pub path: String,
    /// Index into [`DefaultsView::changes`] of the change that added or changed this line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<usize>,
}

/// A change, with the line of the output it shows on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    /// Nested, not `#[serde(flatten)]`: a flattened field makes serde read the whole struct
    /// through its buffered `Content` path, which the page's wasm paid for (size budget).
    pub change: Change,
    /// 1-based line in `output` (None when the field is not in the final object).
    pub output_line: Option<usize>,
    /// The kubernetes.io page that explains the rule.
    pub doc: Option<crate::docs::DocLink>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultsView {
    /// Whether `output` is the created pod (true) or the last stage before a rejection.
    pub created: bool,
    pub output: Vec<OutputLine>,
    pub changes: Vec<ChangeView>,
    /// The created pod as `kubectl describe pod` prints it (`describe.rs`); None when rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub describe: Option<String>,
}

pub fn view(input: &ViewInput) -> Option<DefaultsView> {
    let lines = kubectl_yaml::render_lines(input.pod);
    let mut output: Vec<OutputLine> = lines
        .into_iter()
        .map(|l| OutputLine {
            text: l.text,
            path: l.path,
            change: None,
        })
        .collect();
    let canon: Vec<Cow<str>> = output.iter().map(|l| canon_path(&l.path)).collect();
    let lines_of = LineIndex::new(&canon);
    let mut covered: Vec<Option<usize>> = vec![None; output.len()];
    let mut changes = Vec::with_capacity(input.admit.changes.len());
    for (i, change) in input.admit.changes.iter().enumerate() {
        let block = lines_of.block(&canon_path(&change.path));
        // A record of something left out (a dropped toleration) tags no output line.
        if change.rule != crate::admission::runtime_class::RULE_DROPPED {
            for slot in &mut covered[block.clone()] {
                slot.get_or_insert(i);
            }
        }
        changes.push(ChangeView {
            change: change.clone(),
            output_line: (!block.is_empty()).then_some(block.start + 1),
            doc: crate::docs::for_rule(&change.rule),
        });
    }
    for (line, change) in output.iter_mut().zip(covered) {
        line.change = change;
    }
    Some(DefaultsView {
        created: input.created,
        output,
        changes,
        describe: input
            .created
            .then(|| crate::describe::describe_pod(input.pod, input.options.version)),
    })
}

/// Where each field path shows in the output. Lines come in document order, so the lines
/// of a field and everything under it are one run; the index maps every path and every
/// ancestor of one (canonical spelling) to the first line it appears on, so finding a
/// change's lines costs one look-up plus the run, not a scan of every line.
///
/// Only paths that are new on a line are entered: a map key's path has its own line (its
/// `key:` line comes before its children), so a line enters its own path and the list items
/// it is in (`…[0]`, whose first key shares the dash line), and only those its previous line
/// did not already enter: about one entry per line.
struct LineIndex<'a> {
    canon: &'a [Cow<'a, str>],
    first_line: HashMap<&'a str, usize>,
}

impl<'a> LineIndex<'a> {
    /// `canon`: each output line's path, canonical spelling.
    fn new(canon: &'a [Cow<'a, str>]) -> LineIndex<'a> {
        let mut first_line = HashMap::with_capacity(canon.len());
        let mut previous = "";
        for (i, path) in canon.iter().enumerate() {
            let path: &'a str = path;
            // The ancestors up to `shared` are the previous line's too: entered already.
            let shared = shared_ancestors(previous, path);
            for (end, c) in path.char_indices().skip_while(|(end, _)| *end < shared) {
                if c == ']' {
                    first_line.entry(&path[..=end]).or_insert(i);
                }
            }
            first_line.entry(path).or_insert(i);
            previous = path;
        }
        LineIndex { canon, first_line }
    }

    /// The run of lines showing `path` (canonical) or a field under it; empty when absent.
    fn block(&self, path: &str) -> std::ops::Range<usize> {
        let Some(&start) = self.first_line.get(path) else {
            return 0..0;
        };
        let under = |p: &str| {
            p.strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        };
        let len = self.canon[start..].iter().take_while(|p| under(p)).count();
        start..start + len
    }
}

/// The length of the longest path that is `a` or an ancestor of it and also `b` or an ancestor
/// of `b` (0 when none): the common prefix, cut back to the end of a path segment.
fn shared_ancestors(a: &str, b: &str) -> usize {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let ends_segment =
        |s: &str, at: usize| at == s.len() || matches!(s.as_bytes()[at], b'.' | b'[');
    (0..=common)
        .rev()
        .find(|&at| ends_segment(a, at) && ends_segment(b, at))
        .unwrap_or(0)
}

/// One spelling for map keys: `spec.nodeSelector[runtime]` and `spec.nodeSelector.runtime`
/// both become the latter (list indexes stay `[0]`).
fn canon_path(path: &str) -> Cow<'_, str> {
    // Most paths have no map key in brackets: nothing to respell.
    if !has_bracketed_key(path) {
        return path.into();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        if is_index(inner) {
            out.push_str(&rest[open..=open + close]);
        } else {
            out.push('.');
            out.push_str(inner);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.into()
}

/// Whether some `[…]` of `path` holds a map key rather than a list index (one pass over the
/// bytes: this runs for every output line).
fn has_bracketed_key(path: &str) -> bool {
    let mut open = None;
    for (i, b) in path.bytes().enumerate() {
        match (b, open) {
            (b'[', _) => open = Some(i + 1),
            (b']', Some(start)) => {
                if !is_index(&path[start..i]) {
                    return true;
                }
                open = None;
            }
            _ => {}
        }
    }
    open.is_some_and(|start| !is_index(&path[start..]))
}

/// A list index (`0`), as opposed to a map key in brackets.
fn is_index(inner: &str) -> bool {
    inner.parse::<usize>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(paths: &[&str]) -> Vec<OutputLine> {
        paths
            .iter()
            .map(|p| OutputLine {
                text: String::new(),
                path: p.to_string(),
                change: None,
            })
            .collect()
    }

    #[test]
    fn a_change_covers_its_field_and_everything_under_it() {
        let output = lines(&[
            "metadata",
            "metadata.name",
            "spec",
            "spec.containers",
            "spec.containers[0].name",
            "spec.containers[0].image",
            "spec.containers[1].name",
            "spec.nodeSelector",
            "spec.nodeSelector[a.b/c]",
            "spec.nodeSelectorX",
        ]);
        let canon: Vec<Cow<str>> = output.iter().map(|l| canon_path(&l.path)).collect();
        let index = LineIndex::new(&canon);
        // (change path, covered lines)
        let table: &[(&str, std::ops::Range<usize>)] = &[
            ("metadata", 0..2),
            ("spec.containers[0]", 4..6),
            ("spec.containers[0].image", 5..6),
            ("spec.containers", 3..7),
            // Map keys in either spelling; a key prefix is not a parent.
            ("spec.nodeSelector[a.b/c]", 8..9),
            ("spec.nodeSelector", 7..9),
            ("spec.volumes", 0..0),
            ("status", 0..0),
        ];
        for (path, want) in table {
            assert_eq!(index.block(&canon_path(path)), *want, "{path}");
        }
    }

    #[test]
    fn map_keys_have_one_spelling() {
        for (path, keyed) in [
            ("spec.containers[0].image", false),
            ("spec.containers[10].ports[2]", false),
            ("spec.nodeSelector[runtime]", true),
            ("metadata.labels[app.kubernetes.io/name]", true),
            ("spec.containers[0].resources.limits[cpu]", true),
            ("spec.overhead[]", true),
        ] {
            assert_eq!(has_bracketed_key(path), keyed, "{path}");
        }
        assert_eq!(
            canon_path("spec.nodeSelector[runtime]"),
            "spec.nodeSelector.runtime"
        );
        assert_eq!(
            canon_path("spec.containers[0].image"),
            "spec.containers[0].image"
        );
    }
}
