//! Helpers shared by the CLI's test files.

use std::path::{Path, PathBuf};

/// Splits a conformance case's multi-document `input` for `--context FILE`: the first
/// document `is_subject` accepts goes to `dir/pod.yaml`, every other document to
/// `dir/context.yaml`. `None` when there is no subject or nothing else to move.
pub fn split_for_context(
    input: &str,
    is_subject: impl Fn(&str) -> bool,
    dir: &Path,
) -> Option<(PathBuf, PathBuf)> {
    let docs: Vec<&str> = input.split("\n---\n").collect();
    let at = docs.iter().position(|d| is_subject(d))?;
    let rest: Vec<&str> = (docs.iter().enumerate())
        .filter(|(i, _)| *i != at)
        .map(|(_, d)| *d)
        .collect();
    if rest.is_empty() {
        return None;
    }
    let (pod_file, context_file) = (dir.join("pod.yaml"), dir.join("context.yaml"));
    std::fs::write(&pod_file, docs[at]).unwrap();
    std::fs::write(&context_file, rest.join("\n---\n")).unwrap();
    Some((pod_file, context_file))
}
