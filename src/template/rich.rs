//! The small inline syntax of body text: `**bold**`, `*italic*`, and `\*`
//! for a literal asterisk. Anything unmatched stays literal text.

use super::escape::str_literal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Star(usize),
}

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'*') => {
                if start < i {
                    tokens.push(Token::Text(&s[start..i]));
                }
                tokens.push(Token::Text("*"));
                i += 2;
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
    let tokens = tokenize(s);
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
        };
        match runs.last_mut() {
            Some(last) if last.bold == b && last.italic == it => last.text.push_str(&text),
            _ => runs.push(Run { text, bold: b, italic: it }),
        }
    }
    runs
}

/// Typst content for the text: `[#"a "#strong("b")]`. Only string literals
/// carry the user's characters.
pub fn to_typst(s: &str) -> String {
    let mut out = String::from("[");
    for run in parse(s) {
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
}
