//! The small inline syntax of body text: `**bold**`, `*italic*`, `\*` for a
//! literal asterisk, and `^[…]` for a footnote (chú thích) whose text is
//! the brackets' content (`\^` for a literal caret). Anything unmatched
//! stays literal text.

use super::escape::str_literal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Star(usize),
    /// The text of a `^[…]` footnote, without its brackets.
    Note(&'a str),
}

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// A footnote at this place (its `text` is then empty): the runs of its
    /// own text, where `^[` is literal (a footnote holds no footnote).
    pub note: Option<Vec<Run>>,
}

/// The end of a footnote opened at `open` (the byte of `[`): the byte of
/// its `]`, brackets inside it balanced; `None` when it never closes.
fn note_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn tokenize(s: &str, notes: bool) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if matches!(bytes.get(i + 1), Some(b'*' | b'^')) => {
                if start < i {
                    tokens.push(Token::Text(&s[start..i]));
                }
                tokens.push(Token::Text(&s[i + 1..i + 2]));
                i += 2;
                start = i;
            }
            b'^' if notes && bytes.get(i + 1) == Some(&b'[') && note_end(bytes, i + 1).is_some() => {
                if start < i {
                    tokens.push(Token::Text(&s[start..i]));
                }
                let end = note_end(bytes, i + 1).expect("checked");
                tokens.push(Token::Note(&s[i + 2..end]));
                i = end + 1;
                start = i;
            }
            b'*' => {
                if start < i {
                    tokens.push(Token::Text(&s[start..i]));
                }
                let n = if bytes.get(i + 1) == Some(&b'*') { 2 } else { 1 };
                tokens.push(Token::Star(n));
                i += n;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        tokens.push(Token::Text(&s[start..]));
    }
    tokens
}

/// Splits text into styled runs. A marker without its partner is text.
pub fn parse(s: &str) -> Vec<Run> {
    parse_runs(s, true)
}

fn parse_runs(s: &str, notes: bool) -> Vec<Run> {
    let tokens = tokenize(s, notes);
    // Pair markers: a marker closes the nearest open marker of the same kind.
    let mut partner = vec![None; tokens.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let Token::Star(n) = t {
            if let Some(pos) = open.iter().rposition(|&j| tokens[j] == Token::Star(*n)) {
                let j = open[pos];
                // Markers opened inside and still unclosed stay literal.
                open.truncate(pos);
                partner[i] = Some(j);
                partner[j] = Some(i);
            } else {
                open.push(i);
            }
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    for (i, t) in tokens.iter().enumerate() {
        let (text, b, it) = match (t, partner[i]) {
            (Token::Star(2), Some(_)) => {
                bold = !bold;
                continue;
            }
            (Token::Star(_), Some(_)) => {
                italic = !italic;
                continue;
            }
            (Token::Star(n), None) => ("*".repeat(*n), bold, italic),
            (Token::Text(s), _) => ((*s).to_owned(), bold, italic),
            (Token::Note(s), _) => {
                let note = Some(parse_runs(s, false));
                runs.push(Run { text: String::new(), bold, italic, note });
                continue;
            }
        };
        match runs.last_mut() {
            Some(last) if last.bold == b && last.italic == it && last.note.is_none() => {
                last.text.push_str(&text)
            }
            _ => runs.push(Run { text, bold: b, italic: it, note: None }),
        }
    }
    runs
}

/// Typst content for the text: `[#"a "#strong("b")]`. Only string literals
/// carry the user's characters.
pub fn to_typst(s: &str) -> String {
    runs_typst(&parse(s))
}

/// A footnote becomes Typst's `footnote` (numbered in order, its text at
/// the foot of the page; nd30.typ sets its size), its text built the same
/// way.
fn runs_typst(runs: &[Run]) -> String {
    let mut out = String::from("[");
    for run in runs {
        if let Some(note) = &run.note {
            out.push_str(&format!("#footnote({});", runs_typst(note)));
            continue;
        }
        let lit = str_literal(&run.text);
        let expr = match (run.bold, run.italic) {
            (false, false) => lit,
            (true, false) => format!("strong({lit})"),
            (false, true) => format!("emph({lit})"),
            (true, true) => format!("strong(emph({lit}))"),
        };
        out.push('#');
        out.push_str(&expr);
        // `;` ends the embedded expression, so nothing after it can extend it.
        out.push(';');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(s: &str) -> Vec<(String, bool, bool)> {
        parse(s).into_iter().map(|r| (r.text, r.bold, r.italic)).collect()
    }

    #[test]
    fn bold_italic_and_literals() {
        assert_eq!(
            styles("a **b** *c*"),
            [
                ("a ".into(), false, false),
                ("b".into(), true, false),
                (" ".into(), false, false),
                ("c".into(), false, true)
            ]
        );
        assert_eq!(styles(r"5 \* 3 = 15"), [("5 * 3 = 15".into(), false, false)]);
        assert_eq!(styles("2 * 3"), [("2 * 3".into(), false, false)]);
        assert_eq!(
            styles("**đậm *nghiêng* đậm**"),
            [("đậm ".into(), true, false), ("nghiêng".into(), true, true), (" đậm".into(), true, false)]
        );
    }

    #[test]
    fn typst_form_uses_string_literals_only() {
        assert_eq!(to_typst("a **b]**"), r#"[#"a ";#strong("b]");]"#);
        assert_eq!(to_typst(""), "[]");
    }

    #[test]
    fn a_footnote_is_its_own_run_with_its_text_parsed() {
        let runs = parse("Căn cứ Kế hoạch^[Ban hành ngày *01/3*.] này");
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!((runs[0].text.as_str(), runs[2].text.as_str()), ("Căn cứ Kế hoạch", " này"));
        let note = runs[1].note.as_ref().expect("a footnote");
        assert_eq!(runs[1].text, "");
        assert_eq!(note[1], Run { text: "01/3".into(), bold: false, italic: true, note: None });
        // Brackets inside balance; one never closed, or escaped, is text.
        assert_eq!(parse("a^[b [c] d]")[1].note.as_ref().unwrap()[0].text, "b [c] d");
        assert_eq!(styles("a^[b"), [("a^[b".into(), false, false)]);
        assert_eq!(styles(r"a\^[b]"), [("a^[b]".into(), false, false)]);
        // A footnote holds no footnote.
        assert_eq!(parse("a^[b ^[c]]")[1].note.as_ref().unwrap()[0].text, "b ^[c]");
    }

    #[test]
    fn a_footnote_becomes_typst_footnote_of_string_literals() {
        assert_eq!(to_typst("x^[\"#y]]"), r##"[#"x";#footnote([#"\"#y";]);#"]";]"##);
    }
}
