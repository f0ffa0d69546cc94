//! `vanban new KIND [DIR]`: a kind's starting file, `<loai>.yaml`, and the
//! data files it reads, which `vanban build DIR` builds as they are. The
//! files are kept in `templates/moi/` without explanations; each key is
//! commented when written with its title and description from the schema,
//! so the comments say what the editor says and never drift from the types.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::kind::{self, Kind};
use crate::model::phan_bo;
use crate::render;
use crate::schema;

/// A file `vanban new` writes.
pub struct Starter {
    pub name: &'static str,
    pub text: &'static str,
    /// The schema its keys are commented from.
    pub schema: Of,
}

#[derive(Clone, Copy)]
pub enum Of {
    /// A kind's, by its `loai` (a schedule without `loai` is an invitation's).
    Kind(&'static str),
    PhanBo,
    /// Not YAML (a trainee list).
    Nothing,
}

macro_rules! starter {
    ($name:literal, $of:expr) => {
        Starter { name: $name, text: include_str!(concat!("../templates/moi/", $name)), schema: $of }
    };
}

const PHAN_BO: Starter = starter!("phan-bo.yaml", Of::PhanBo);

pub const KE_HOACH: &[Starter] = &[starter!("ke-hoach.yaml", Of::Kind("ke-hoach"))];
pub const TO_TRINH: &[Starter] = &[starter!("to-trinh.yaml", Of::Kind("to-trinh"))];
pub const THONG_BAO: &[Starter] = &[starter!("thong-bao.yaml", Of::Kind("thong-bao"))];
pub const BAO_CAO: &[Starter] = &[starter!("bao-cao.yaml", Of::Kind("bao-cao"))];
pub const HUONG_DAN: &[Starter] = &[starter!("huong-dan.yaml", Of::Kind("huong-dan"))];
pub const CHUONG_TRINH: &[Starter] = &[starter!("chuong-trinh.yaml", Of::Kind("chuong-trinh"))];
pub const QUYET_DINH: &[Starter] = &[starter!("quyet-dinh.yaml", Of::Kind("quyet-dinh"))];
pub const CONG_VAN: &[Starter] = &[starter!("cong-van.yaml", Of::Kind("cong-van"))];
pub const GIAY_MOI: &[Starter] = &[starter!("giay-moi.yaml", Of::Kind("giay-moi")), PHAN_BO];
pub const GIAY_MOI_HOP: &[Starter] = &[starter!("giay-moi-hop.yaml", Of::Kind("giay-moi-hop"))];
pub const GIAY_CHUNG_NHAN: &[Starter] = &[
    starter!("giay-chung-nhan.yaml", Of::Kind("giay-chung-nhan")),
    starter!("lich.yaml", Of::Kind("giay-moi")),
    PHAN_BO,
    starter!("hoc-vien.csv", Of::Nothing),
];

impl Starter {
    /// The file as `vanban new` writes it: each key commented.
    pub fn commented(&self) -> String {
        let schema = match self.schema {
            Of::Kind(loai) => kind::by_loai(loai).map(schema::of_kind),
            Of::PhanBo => Some(phan_bo::schema().to_value()),
            Of::Nothing => None,
        };
        match schema {
            Some(s) => comment_keys(self.text, &s),
            None => self.text.to_owned(),
        }
    }
}

/// `vanban new KIND [DIR]`: writes the kind's files into DIR (default: the
/// current folder), or nothing when one of them is there already.
pub fn command(name: &str, dir: Option<&Path>) -> Result<()> {
    let kind: Kind = kind::named(name)?;
    let dir = dir.unwrap_or(Path::new("."));
    let targets: Vec<PathBuf> = kind.moi.iter().map(|s| dir.join(s.name)).collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| format!("'{}'", p.display()))
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "{} đã có; vanban new không ghi đè và không ghi tệp nào: xóa hoặc đổi tên tệp đó, hoặc chọn thư mục khác",
            existing.join(", ")
        )));
    }
    for (starter, path) in kind.moi.iter().zip(&targets) {
        render::write_atomic(path, starter.commented().as_bytes())?;
        eprintln!("đã ghi {}", path.display());
    }
    eprintln!("sửa các giá trị cho văn bản của mình, rồi chạy: vanban build {}", dir.display());
    Ok(())
}

/// The schema `#/$defs/…` points to, or the schema itself.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/")) {
        Some(pointer) => root.pointer(&format!("/{pointer}")).unwrap_or(schema),
        None => schema,
    }
}

/// The alternatives a schema allows (a `Lines` is a string or a list, an
/// optional field its type or null), itself first.
fn branches<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(root, schema);
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf", "allOf"] {
        for b in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.extend(branches(root, b));
        }
    }
    out
}

fn property<'a>(root: &'a Value, schema: &'a Value, key: &str) -> Option<&'a Value> {
    branches(root, schema).into_iter().find_map(|b| b.get("properties").and_then(|p| p.get(key)))
}

fn items<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    branches(root, schema).into_iter().find_map(|b| b.get("items"))
}

/// "co_quan: …" → "co_quan"; a key of vanban's is ASCII.
fn key_of(content: &str) -> Option<&str> {
    let (key, rest) = content.split_once(':')?;
    let is_key =
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (is_key && (rest.is_empty() || rest.starts_with(' '))).then_some(key)
}

/// Comments each block key of `text` with its title and description from
/// `root`, once per field (a section's `muc` is explained at the first).
fn comment_keys(text: &str, root: &Value) -> String {
    // Mappings open at each indentation, with the schema of their keys.
    let mut frames: Vec<(usize, Option<&Value>)> = vec![(0, Some(root))];
    // Lists open at each indentation of their dashes, with their items' schema.
    let mut lists: Vec<(usize, Option<&Value>)> = Vec::new();
    // The last key's indentation and the schema of its value.
    let mut last: Option<(usize, Option<&Value>)> = None;
    let mut seen = HashSet::new();
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let item = trimmed.strip_prefix("- ").or((trimmed == "-").then_some(""));
        while frames.len() > 1 && frames.last().is_some_and(|f| f.0 > indent) {
            frames.pop();
        }
        while lists.last().is_some_and(|l| l.0 > indent || (l.0 == indent && item.is_none())) {
            lists.pop();
        }
        let mut content = trimmed;
        let mut key_indent = indent;
        if let Some(item) = item {
            // The next item of an open list, or the first of the list the
            // last key at or left of it holds.
            let schema = match lists.last() {
                Some(&(at, schema)) if at == indent => schema,
                _ => {
                    let list = last.filter(|l| l.0 <= indent).and_then(|l| l.1);
                    let schema = list.and_then(|l| items(root, l));
                    lists.push((indent, schema));
                    schema
                }
            };
            frames.push((indent + 2, schema));
            content = item.trim_start();
            key_indent = indent + 2;
        } else if frames.last().is_some_and(|f| f.0 < indent) {
            frames.push((indent, last.and_then(|l| l.1)));
        }
        let field =
            key_of(content).map(|key| frames.last().and_then(|f| f.1).and_then(|s| property(root, s, key)));
        if let Some(field) = field {
            if let Some(schema) = field.filter(|f| seen.insert(*f as *const Value)) {
                for comment in describe(root, schema) {
                    out.push_str(&format!("{:indent$}# {comment}\n", ""));
                }
            }
            last = Some((key_indent, field));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// "Title: description" (the description alone when it starts with the
/// title), wrapped at 96 columns.
fn describe(root: &Value, schema: &Value) -> Vec<String> {
    let target = resolve(root, schema);
    let get = |k: &str| schema.get(k).or_else(|| target.get(k)).and_then(Value::as_str);
    let text = match (get("title"), get("description")) {
        (Some(t), Some(d)) if d.starts_with(t) => d.to_owned(),
        (Some(t), Some(d)) => format!("{t}: {d}"),
        (Some(t), None) => t.to_owned(),
        (None, Some(d)) => d.to_owned(),
        (None, None) => return Vec::new(),
    };
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let current = lines.last_mut().expect("a line");
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > 96 {
            lines.push(word.to_owned());
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_commented_once_from_their_schema() {
        let root = serde_json::json!({
            "properties": {
                "a": { "title": "A", "description": "chữ a", "type": "array", "items": { "$ref": "#/$defs/B" } },
                "c": { "title": "C", "type": "string" }
            },
            "$defs": { "B": { "properties": { "d": { "title": "D", "description": "chữ d" } } } }
        });
        let text = "a:\n  - d: 1\n  - d: 2\nc: x\n";
        assert_eq!(
            comment_keys(text, &root),
            "# A: chữ a\na:\n  # D: chữ d\n  - d: 1\n  - d: 2\n# C\nc: x\n"
        );
        // Nested lists, a key after an item's own list, a title the
        // description repeats.
        let root = serde_json::json!({
            "properties": { "n": { "$ref": "#/$defs/Nodes" } },
            "$defs": {
                "Nodes": { "type": "array", "items": { "$ref": "#/$defs/Node" } },
                "Node": { "anyOf": [{ "type": "string" }, { "properties": {
                    "muc": { "title": "Mục", "description": "Mục, đánh số" },
                    "noi_dung": { "title": "Nội dung", "$ref": "#/$defs/Nodes" },
                    "gach": { "title": "Gạch" }
                } }] }
            }
        });
        let text = "n:\n  - muc: A\n    noi_dung:\n      - gach: [x]\n      - B\n  - muc: C\n    gach: [y]\n";
        assert_eq!(
            comment_keys(text, &root),
            "n:\n  # Mục, đánh số\n  - muc: A\n    # Nội dung\n    noi_dung:\n      # Gạch\n      - gach: [x]\n      - B\n  - muc: C\n    gach: [y]\n"
        );
    }
}
