//! The paste cut into parts as Kubernetes cuts it (apimachinery util/yaml `YAMLReader.Read`,
//! which kubectl and the API server's readers use): a line starting with `---` ends the part
//! before it and is dropped, unless no line has been kept since the last part, in which case
//! it opens the next part (a paste starting with `---`, or `---` twice in a row).
//!
//! Each part is then converted on its own (sigs.k8s.io/yaml), so a part's error lines count
//! from the part's first line, a part that is not YAML fails alone, and a part whose first
//! non-space character is `{` is read by the JSON decoder.

use super::Pos;
use std::ops::RangeInclusive;

/// The parts of a text, by line.
pub struct ReaderParts<'a> {
    text: &'a str,
    /// Byte offset where each line starts (one more entry: the text's end).
    line_starts: Vec<usize>,
    /// Each part's 1-based lines, in order.
    parts: Vec<RangeInclusive<u32>>,
}

impl<'a> ReaderParts<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if line_starts.last() != Some(&text.len()) {
            line_starts.push(text.len());
        }
        ReaderParts {
            text,
            line_starts,
            parts: parts(text).collect(),
        }
    }

    /// The lines of the part holding `line`. A line no part holds (a dropped `---`, or past
    /// the end) belongs to the part before it: a YAML error reported there is that part's.
    pub fn lines_of(&self, line: u32) -> RangeInclusive<u32> {
        let after = self.parts.partition_point(|p| *p.start() <= line);
        match after.checked_sub(1).and_then(|i| self.parts.get(i)) {
            Some(part) => part.clone(),
            None => self
                .parts
                .first()
                .cloned()
                .unwrap_or(RangeInclusive::new(1, 0)),
        }
    }

    /// The text of the given lines.
    pub fn text_of(&self, lines: &RangeInclusive<u32>) -> &'a str {
        let start = self.offset_of_line(*lines.start());
        let end = self.offset_of_line(lines.end() + 1);
        &self.text[start..end.max(start)]
    }

    fn offset_of_line(&self, line: u32) -> usize {
        let i = (line.max(1) as usize - 1).min(self.line_starts.len() - 1);
        self.line_starts[i]
    }

    /// The `...` end-marker lines of the part holding `line`, in order, each with whether the
    /// part has content (not blank, not a comment) before it: only such a marker ends a
    /// document; one before any content is a broken part (go-yaml finds no node there).
    pub fn end_markers(&self, line: u32) -> impl Iterator<Item = (u32, bool)> + 'a {
        let lines = self.lines_of(line);
        let mut content = false;
        self.text_of(&lines)
            .split('\n')
            .zip(*lines.start()..)
            .filter_map(move |(l, n)| {
                let marker = is_end_marker(l).then_some((n, content));
                let kept = l.trim_start();
                content |= !kept.is_empty() && !kept.starts_with('#');
                marker
            })
    }

    /// The text with everything from `from` to the end of line `last` replaced by spaces (line
    /// breaks kept, one space per character: the other lines and columns do not move).
    pub fn blank(&self, from: Pos, last: u32) -> String {
        let start = self.offset_of_line(from.line);
        let start = start
            + self.text[start..]
                .char_indices()
                .nth(from.col.max(1) as usize - 1)
                .map_or(0, |(i, _)| i);
        let end = self.offset_of_line(last + 1).max(start);
        let mut out = String::with_capacity(self.text.len());
        out.push_str(&self.text[..start]);
        out.extend(
            self.text[start..end]
                .chars()
                .map(|c| if c == '\n' { c } else { ' ' }),
        );
        out.push_str(&self.text[end..]);
        out
    }
}

/// Each part's 1-based lines, in order, read as `YAMLReader` reads them (no allocation).
pub fn parts(text: &str) -> impl Iterator<Item = RangeInclusive<u32>> + '_ {
    let mut lines = text.split_inclusive('\n').zip(1u32..);
    let mut open: Option<u32> = None;
    let mut last = 0;
    std::iter::from_fn(move || {
        for (line, n) in lines.by_ref() {
            last = n;
            match open {
                Some(first) if line.starts_with("---") => {
                    open = None;
                    return Some(first..=n - 1);
                }
                Some(_) => {}
                None => open = Some(n),
            }
        }
        open.take().map(|first| first..=last)
    })
}

/// A `...` line: libyaml's document end indicator, followed by a blank or the line's end.
fn is_end_marker(line: &str) -> bool {
    line.strip_prefix("...")
        .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
}

/// The first line of the part holding `line` (see [`ReaderParts::lines_of`]).
pub fn first_line_of_part(text: &str, line: u32) -> u32 {
    parts(text)
        .take_while(|p| *p.start() <= line)
        .last()
        .map_or(1, |p| *p.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_end_a_part_or_open_one_when_nothing_is_kept() {
        let text = "---\na: 1\n---\nb: 2\n---\n---\nc: 3\n";
        let parts = ReaderParts::new(text);
        assert_eq!(parts.parts, vec![1..=2, 4..=4, 6..=7]);
        assert_eq!(parts.lines_of(3), 1..=2);
        assert_eq!(parts.text_of(&(6..=7)), "---\nc: 3\n");
        assert_eq!(parts.lines_of(9), 6..=7);
    }

    #[test]
    fn end_markers_say_whether_content_came_first() {
        let parts = ReaderParts::new("# c\n...\na: 1\n...x\n... # e\n---\n...\n");
        assert_eq!(
            parts.end_markers(3).collect::<Vec<_>>(),
            [(2, false), (5, true)]
        );
        assert_eq!(parts.end_markers(7).collect::<Vec<_>>(), [(7, false)]);
    }

    #[test]
    fn blank_keeps_lines_and_columns() {
        let parts = ReaderParts::new("{} xé\n---\ny\n");
        assert_eq!(parts.blank(Pos { line: 1, col: 4 }, 1), "{}   \n---\ny\n");
    }
}
