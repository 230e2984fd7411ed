//! The conformance TSV files (tests/conformance/README.md): a header line, then one row a line,
//! tab-separated; `\N` is null and `\\`, `\t`, `\n`, `\r` are escaped.

use std::path::Path;

/// One field, unescaped (`None` for `\N`).
pub fn field(raw: &str) -> Option<String> {
    if raw == "\\N" {
        return None;
    }
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

/// Every row of the file at `path` (header skipped, empty lines ignored), each field unescaped;
/// a row without exactly `columns` fields fails the test.
pub fn rows(path: &Path, columns: usize) -> Vec<Vec<Option<String>>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} is in the repository: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cols: Vec<Option<String>> = line.split('\t').map(field).collect();
            assert_eq!(cols.len(), columns, "row {line:?} of {}", path.display());
            cols
        })
        .collect()
}
