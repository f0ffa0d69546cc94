//! Data → Typst literals. Every value a template interpolates becomes a
//! string literal (or an array/dictionary of them), so no data, whatever it
//! holds, is ever parsed as Typst markup or code.

use std::fmt::Write;

use minijinja::value::{Value, ValueKind};

/// A Typst string literal: only `\` and `"` need escaping inside one, plus
/// control characters (Typst `Str::get` recognises `\\ \" \n \r \t \u{..}`).
pub fn str_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Any template value as a Typst expression: strings as literals, numbers
/// bare, sequences as arrays, maps as dictionaries with string keys, none
/// as `none`. Values marked safe (built by our own filters) pass through.
pub fn value_literal(value: &Value, out: &mut String) {
    if value.is_safe() {
        out.push_str(value.as_str().unwrap_or_default());
        return;
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            let n = value.to_string();
            // A float must stay a float in Typst; "inf"/"NaN" must not become identifiers.
            if n.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.') && !n.is_empty() {
                out.push_str(&n);
            } else {
                out.push_str(&str_literal(&n));
            }
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            if let Ok(iter) = value.try_iter() {
                for item in iter {
                    value_literal(&item, out);
                    out.push_str(", ");
                }
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut any = false;
            if let Ok(keys) = value.try_iter() {
                for key in keys {
                    let item = value.get_item(&key).unwrap_or_default();
                    out.push_str(&str_literal(&key.to_string()));
                    out.push_str(": ");
                    value_literal(&item, out);
                    out.push_str(", ");
                    any = true;
                }
            }
            if !any {
                out.push(':');
            }
            out.push(')');
        }
        _ => out.push_str(&str_literal(&value.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_only_what_typst_reads() {
        assert_eq!(str_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(str_literal("x\ny\u{7}"), r#""x\ny\u{7}""#);
        assert_eq!(str_literal("#[*]_$@ // /*"), r##""#[*]_$@ // /*""##);
    }

    #[test]
    fn structures_become_arrays_and_dictionaries() {
        let v = Value::from_serialize(serde_json::json!({"a": ["x", 1, null], "b": {}}));
        let mut out = String::new();
        value_literal(&v, &mut out);
        assert_eq!(out, r#"("a": ("x", 1, none, ), "b": (:), )"#);
    }
}
