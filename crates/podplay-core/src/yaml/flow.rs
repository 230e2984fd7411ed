//! Which flow collections (`[...]`, `{...}`) are open at a place in a part of the paste, read
//! token by token: a bracket or a quote counts only where a token starts, text inside quotes
//! and comments does not count.
//!
//! saphyr-parser stops inside a flow collection with scanner errors of its own (`illegal
//! placement of ':' indicator`, `invalid trailing content after double-quoted scalar`,
//! `misplaced bracket`) where libyaml's scanner goes on and its parser then finds no `,`
//! (`did not find expected ',' or ']'`); and a flow collection that is a document's whole
//! root ends the document where go-yaml stops reading (anything after it is never parsed).

use super::Pos;

/// What [`flow_state`] found.
#[derive(Debug, Default, PartialEq)]
pub struct FlowState {
    /// The innermost open collection's bracket (`[` or `{`), if any.
    pub innermost: Option<char>,
    /// The part's first token opened a flow collection, and it was closed before the place.
    pub root_closed: bool,
    /// The last character before the place that is not a space or in a comment.
    pub previous: Option<char>,
}

/// The flow state of `text` (a part, whose first line is line `first_line` of the paste)
/// just before `at`.
pub fn flow_state(text: &str, first_line: u32, at: Pos) -> FlowState {
    let mut stack: Vec<char> = Vec::new();
    let mut last = None;
    let mut root_is_flow = None;
    let mut root_closed = false;
    // The previous character that is not a space (a token may start after one of these).
    let mut previous: Option<char> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (n, line) in text.split('\n').enumerate() {
        let line_number = first_line + n as u32;
        if line_number > at.line {
            break;
        }
        let mut comment = false;
        previous = if quote.is_some() { previous } else { None };
        for (col, c) in line.chars().enumerate() {
            if line_number == at.line && col as u32 + 1 >= at.col {
                break;
            }
            if comment {
                break;
            }
            if !matches!(c, ' ' | '\t' | '\r') && !(c == '#' && quote.is_none()) {
                last = Some(c);
            }
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                    previous = Some(c);
                }
                continue;
            }
            let token_start = matches!(previous, None | Some('[' | '{' | ',' | ':' | '-' | '?'));
            match c {
                ' ' | '\t' | '\r' => continue,
                '#' if token_start || line.chars().nth(col.wrapping_sub(1)) == Some(' ') => {
                    comment = true;
                    continue;
                }
                '"' | '\'' if token_start => quote = Some(c),
                '[' | '{' if token_start || !stack.is_empty() => {
                    if root_is_flow.is_none() {
                        root_is_flow = Some(true);
                    }
                    stack.push(c);
                }
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                    if stack.is_empty() && root_is_flow == Some(true) {
                        root_closed = true;
                    }
                }
                _ => {}
            }
            if root_is_flow.is_none() && !(line_number == first_line && line.starts_with("---")) {
                root_is_flow = Some(false);
            }
            previous = Some(c);
        }
    }
    FlowState {
        innermost: stack.last().copied(),
        root_closed,
        previous: last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    #[test]
    fn brackets_count_where_tokens_start() {
        let text = "a: [b, {c: \"]\"}, d\ne: f[1]\n";
        assert_eq!(flow_state(text, 1, at(1, 19)).innermost, Some('['));
        assert_eq!(flow_state(text, 1, at(1, 12)).innermost, Some('{'));
        assert_eq!(flow_state("x: f[1] # [\n", 1, at(1, 12)).innermost, None);
    }

    #[test]
    fn a_flow_root_closes() {
        let text = "{\"a\": [1]}\n}\n";
        let state = flow_state(text, 1, at(2, 1));
        assert_eq!((state.innermost, state.root_closed), (None, true));
        assert!(!flow_state("a: {b: 1}\nc\n", 1, at(2, 1)).root_closed);
    }
}
