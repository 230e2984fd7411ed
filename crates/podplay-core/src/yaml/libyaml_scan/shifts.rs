//! Spaces put into a text (and backslashes taken out of it) so that saphyr-parser reads it as
//! libyaml reads the original, and the way back from the places saphyr-parser reports to the
//! original's.

use crate::yaml::{Node, Pos, Value, YamlError};

/// Runs of spaces put into a text and characters taken out, in text order.
#[derive(Default)]
pub(in crate::yaml) struct Shifts(Vec<Shift>);

struct Shift {
    line: u32,
    /// Where the change is in the new text: its 1-based column and its character index (as
    /// saphyr-parser counts).
    col: usize,
    start: usize,
    /// Spaces put in there, or characters taken out just before it.
    spaces: usize,
    removed: usize,
    /// Characters the changes before it added (less those they took out).
    before: isize,
}

impl Shifts {
    /// Records `spaces` put in at line `line`, column `col` of the new text (character index
    /// `start`); changes come in text order.
    pub fn insert(&mut self, line: u32, col: usize, start: usize, spaces: usize) {
        self.push(line, col, start, spaces, 0);
    }

    /// Records a character taken out of the original just before line `line`, column `col`
    /// of the new text (character index `start`).
    pub fn remove(&mut self, line: u32, col: usize, start: usize) {
        self.push(line, col, start, 0, 1);
    }

    fn push(&mut self, line: u32, col: usize, start: usize, spaces: usize, removed: usize) {
        let before = self
            .0
            .last()
            .map_or(0, |s| s.before + s.spaces as isize - s.removed as isize);
        self.0.push(Shift {
            line,
            col,
            start,
            spaces,
            removed,
            before,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A place in the new text, in the original (a place inside a run is the run's).
    pub fn pos(&self, at: Pos) -> Pos {
        let from = self.0.partition_point(|s| s.line < at.line);
        let col = at.col as isize;
        let moved: isize = self.0[from..]
            .iter()
            .take_while(|s| s.line == at.line && s.col as isize <= col)
            .map(|s| s.removed as isize - (col - s.col as isize).min(s.spaces as isize))
            .sum();
        Pos {
            col: (col + moved).max(1) as u32,
            ..at
        }
    }

    /// A character index of the new text, in the original.
    pub fn char_index(&self, at: usize) -> usize {
        let i = self.0.partition_point(|s| s.start <= at);
        match self.0[..i].last() {
            Some(s) => {
                let into = (at - s.start).min(s.spaces);
                (at as isize - s.before - into as isize + s.removed as isize).max(0) as usize
            }
            None => at,
        }
    }

    /// An error found in the new text, at its place in the original.
    pub fn error(&self, e: YamlError) -> YamlError {
        YamlError {
            pos: self.pos(e.pos),
            ..e
        }
    }

    /// Every place in `node`, in the original.
    pub fn node(&self, node: &mut Node) {
        if self.is_empty() {
            return;
        }
        node.pos = self.pos(node.pos);
        match &mut node.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| self.node(n)),
            Value::Map(entries) => entries.iter_mut().for_each(|e| {
                e.key_pos = self.pos(e.key_pos);
                self.node(&mut e.value);
            }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_map_back_past_the_spaces_put_in() {
        // "a: *x: b\n c\n" read as "a: *x : b\n   c\n": one space at line 1 column 6, two
        // at the start of line 2.
        let mut shifts = Shifts::default();
        shifts.insert(1, 6, 5, 1);
        shifts.insert(2, 1, 10, 2);
        let p = |line, col| Pos { line, col };
        assert_eq!(shifts.pos(p(1, 5)), p(1, 5));
        assert_eq!(shifts.pos(p(1, 7)), p(1, 6));
        assert_eq!(shifts.pos(p(1, 9)), p(1, 8));
        assert_eq!(shifts.pos(p(2, 4)), p(2, 2));
        assert_eq!(shifts.pos(p(2, 2)), p(2, 1));
        assert_eq!(shifts.pos(p(3, 1)), p(3, 1));
        assert_eq!(shifts.char_index(4), 4);
        assert_eq!(shifts.char_index(6), 5);
        assert_eq!(shifts.char_index(13), 10);
        assert_eq!(shifts.char_index(11), 9);
    }

    #[test]
    fn places_map_back_past_a_character_taken_out() {
        // "a: \"it\\'s\" x\n" read as "a: \"it's\" x\n": the backslash before column 7.
        let mut shifts = Shifts::default();
        shifts.remove(1, 7, 6);
        let p = |line, col| Pos { line, col };
        assert_eq!(shifts.pos(p(1, 6)), p(1, 6));
        assert_eq!(shifts.pos(p(1, 7)), p(1, 8));
        assert_eq!(shifts.pos(p(1, 11)), p(1, 12));
        assert_eq!(shifts.pos(p(2, 1)), p(2, 1));
        assert_eq!(shifts.char_index(5), 5);
        assert_eq!(shifts.char_index(6), 7);
        assert_eq!(shifts.char_index(11), 12);
    }
}
