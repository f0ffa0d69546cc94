//! The documents' data: typed, strict (unknown fields refused), NFC.
//!
//! Keys are Vietnamese without diacritics, as a clerk would type them.
//!
//! Each kind's JSON Schema (`vanban schema`) and the comments of its
//! starting file (`vanban new`) are derived from these types
//! (`schemars::JsonSchema`), so a new field needs its Vietnamese title and
//! description beside its serde attributes, written for a clerk: what to
//! type, an example, the decree's clause where there is one:
//!
//! ```ignore
//! #[serde(default)]
//! #[schemars(
//!     title = "Kính gửi",
//!     description = "Nơi nhận ghi sau \"Kính gửi:\", ví dụ `Ủy ban nhân dân tỉnh` (NĐ30, Phụ lục I, II.9.b)."
//! )]
//! pub kinh_gui: Option<Lines>,
//! ```
//!
//! A new type derives `JsonSchema` with a `#[schemars(title, description)]`
//! of its own; the fields every document shares have theirs once, in
//! `common::van_ban!`. A type or field read by hand (`Deserialize`
//! written out, `deserialize_with`) gets a schema that accepts what the
//! reader accepts: an `impl JsonSchema` beside the `Deserialize` (as
//! [`Lines`], [`Ngay`], [`ke_hoach::Node`]), or `#[schemars(with = "Vec<Text>")]`
//! for a field read with `text_lines`. `tests/schema.rs` fails on a field
//! without its title or description, and on a file vanban reads that the
//! schema refuses.

pub mod common;
pub mod danh_sach;
pub mod hoc_vien;
pub mod locate;
pub mod phan_bo;
pub mod so_lieu;
pub mod than;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, InputError, Result};
use crate::vi;

pub use common::*;

/// The 1-based line of the first `key:` in YAML text, for messages about a
/// field whose value parsed but does not make sense.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let pat = format!("{key}:");
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.starts_with(&pat)
        })
        .map(|i| i + 1)
}

/// Reads a text file as NFC UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("không đọc được tệp", path, e))?;
    text_of(path, bytes)
}

/// A file's bytes as NFC UTF-8 text; `path` names it in messages.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(InputError::new(
            path,
            "",
            format!(
                "tệp không phải UTF-8 (byte lỗi ở vị trí {}); hãy lưu lại với bảng mã Unicode UTF-8",
                e.utf8_error().valid_up_to()
            ),
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // NFC on the whole text: YAML's syntax is ASCII, so lines stay where they are.
    Ok(vi::clean(text))
}

/// Parses YAML into `T`, turning serde's messages into Vietnamese ones that
/// name the file, line, column and field path.
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let field = err.path().to_string();
        let field = if field == "." { String::new() } else { field };
        let inner = err.into_inner();
        let mut e = InputError::new(path, field, translate_serde(&inner.to_string()));
        // The line the top-level mapping starts on, after leading comments.
        let start = text
            .lines()
            .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---")
            .map_or(1, |i| i + 1);
        match inner.location() {
            // Errors raised by our own checks (a date, say) come back placed
            // at the start of the document; place them at their key instead.
            Some(loc) if loc.line() != start || loc.column() > 1 || e.field.is_empty() => {
                e = e.at(loc.line(), Some(loc.column()));
            }
            _ => {
                let key = e.field.rsplit('.').next().unwrap_or("").split('[').next().unwrap_or("");
                if let Some(line) = line_of_key(text, key) {
                    e = e.at(line, None);
                }
            }
        }
        Error::input(e)
    })
}

/// serde speaks English; a clerk reads Vietnamese. The common messages are
/// translated, the rest kept.
pub fn translate_serde(message: &str) -> String {
    // serde_yaml appends the position; we print it separately.
    let msg = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    // serde_yaml may prefix the path ("a.b: unknown field"); we print it separately.
    let msg = match msg.find(": ") {
        Some(i) if !msg[..i].contains(' ') && !msg.starts_with("invalid") => &msg[i + 2..],
        _ => msg,
    };
    let names = |s: &str| s.replace('`', "'");
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = allowed.strip_prefix("one of ").unwrap_or(allowed);
        if allowed.is_empty() || allowed == "nothing" {
            return format!("trường {} không được phép ở đây", names(name));
        }
        return format!(
            "trường {} không được phép ở đây; các trường hợp lệ: {}",
            names(name),
            names(allowed)
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu trường bắt buộc {}", names(rest));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = allowed.strip_prefix("one of ").unwrap_or(allowed);
        return format!("giá trị {} không hợp lệ; chọn một trong: {}", names(name), names(allowed));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("sai kiểu dữ liệu: nhận {}, cần {}", kind_vi(got), kind_vi(want));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("giá trị không hợp lệ: {}, cần {}", kind_vi(got), kind_vi(want));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("trường {} bị khai báo hai lần", names(rest));
    }
    if msg.starts_with("did not find expected")
        || msg.starts_with("mapping values are not allowed")
        || msg.starts_with("found ")
        || msg.starts_with("while ")
    {
        return format!("lỗi cú pháp YAML ({msg})");
    }
    names(msg)
}

fn kind_vi(s: &str) -> String {
    let s = s.replace('`', "'");
    for (en, vi) in [
        ("a string", "một chuỗi văn bản"),
        ("string ", "chuỗi "),
        ("a sequence", "một danh sách"),
        ("sequence", "một danh sách"),
        ("a map", "một bảng khóa: giá trị"),
        ("map", "một bảng khóa: giá trị"),
        ("unit value", "giá trị rỗng"),
        ("integer ", "số nguyên "),
        ("u32", "một số nguyên không âm"),
        ("u16", "một số nguyên không âm"),
        ("a boolean", "true hoặc false"),
        ("boolean ", "giá trị đúng/sai "),
        ("floating point ", "số thực "),
    ] {
        if s == en.trim() || s.starts_with(en) {
            return format!("{vi}{}", &s[en.len().min(s.len())..]);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_translated() {
        assert_eq!(
            translate_serde("unknown field `mucc`, expected one of `muc`, `noi_dung` at line 3 column 5"),
            "trường 'mucc' không được phép ở đây; các trường hợp lệ: 'muc', 'noi_dung'"
        );
        assert_eq!(translate_serde("missing field `ho_ten`"), "thiếu trường bắt buộc 'ho_ten'");
        assert_eq!(
            translate_serde("invalid type: sequence, expected a string"),
            "sai kiểu dữ liệu: nhận một danh sách, cần một chuỗi văn bản"
        );
    }
}
