//! The JSON Schema of each kind's YAML (`vanban schema`), derived from the
//! data types serde reads, with their Vietnamese titles and descriptions
//! (see [`crate::model`]): an editor completes and checks a file as it is
//! typed, and `vanban new` comments its starting files from the same text.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::error::Result;
use crate::kind::{self, KINDS, Kind};
use crate::model::phan_bo;
use crate::render;

/// The schema of a data type, as serde reads it (draft 2020-12).
pub fn of_type<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>()
}

/// A kind's schema: its data type's, with `loai` pinned to the kind (so an
/// editor knows which schema a file is) and the kind's own title; kinds
/// sharing a type (Mẫu 1.4) each get theirs.
pub fn of_kind(kind: Kind) -> Value {
    let mut schema = (kind.code.schema)().to_value();
    let mau = kind
        .mau
        .map(|m| format!("NĐ30, Phụ lục III, Mẫu {m}"))
        .unwrap_or_else(|| "không thuộc các mẫu của NĐ30".into());
    schema["title"] = format!("{} (loai: {})", kind.ten, kind.loai).into();
    schema["description"] = format!(
        "Dữ liệu YAML của một {} ({mau}) cho vanban. Tạo tệp mẫu: `vanban new {}`; kiểm tra: `vanban check`.",
        crate::vi::lower_first(kind.ten),
        kind.loai
    )
    .into();
    schema["properties"]["loai"] = json!({
        "const": kind.loai,
        "title": "Loại văn bản",
        "description": format!("Luôn là `{}`: cho vanban và trình soạn thảo biết tệp này là {}.", kind.loai, crate::vi::lower_first(kind.ten)),
    });
    if !kind.is_batch() {
        // Any such document can be merged over a list (`tron`).
        let mut tron = of_type::<crate::tron::Tron>().to_value();
        if let Some(t) = tron.as_object_mut() {
            t.remove("$schema");
        }
        schema["properties"]["tron"] = tron;
        allow_placeholders(&mut schema);
    }
    if let Some(required) = schema["required"].as_array_mut() {
        if !required.iter().any(|r| r == "loai") {
            required.insert(0, "loai".into());
        }
    } else {
        schema["required"] = json!(["loai"]);
    }
    schema
}

/// In a document merged over a list, a number or a yes/no field may hold a
/// column's name instead (`so: "{Số}"`): such fields also take a string
/// that is one name in braces.
fn allow_placeholders(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let typed = |t: &Value| matches!(t.as_str(), Some("integer" | "number" | "boolean"));
            let widen = match map.get("type") {
                Some(t @ Value::String(_)) => typed(t),
                Some(Value::Array(ts)) => ts.iter().any(typed) && !ts.iter().any(|t| t == "string"),
                _ => false,
            };
            if widen {
                let mut types = match map.remove("type") {
                    Some(Value::Array(ts)) => ts,
                    Some(t) => vec![t],
                    None => Vec::new(),
                };
                types.push("string".into());
                map.insert("type".into(), Value::Array(types));
                map.insert("pattern".into(), r"^\{[^{}\n]+\}$".into());
            }
            map.values_mut().for_each(allow_placeholders);
        }
        Value::Array(items) => items.iter_mut().for_each(allow_placeholders),
        _ => {}
    }
}

/// The data files several kinds read, with a schema of their own.
pub const DATA_FILES: &[(&str, &str)] = &[("phan-bo", "tệp phân bổ học viên (phan-bo.yaml, không có loai)")];

/// The schema `name` names: a kind's, or a data file's.
pub fn named(name: &str) -> Result<Value> {
    if name == "phan-bo" {
        return Ok(phan_bo::schema().to_value());
    }
    kind::named(name).map(of_kind)
}

/// Pretty, deterministic JSON (keys in order), ending with a newline.
pub fn text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("a schema is JSON");
    s.push('\n');
    s
}

/// `vanban schema [KIND] [--out DIR]`: one schema on stdout; without a
/// kind, the list of kinds; with `--out`, the files `<loai>.schema.json`
/// (every kind's and data file's when no kind is named).
pub fn command(name: Option<&str>, out: Option<&Path>) -> Result<()> {
    let names: Vec<&str> = match name {
        Some(n) => vec![n],
        None if out.is_some() => KINDS.iter().map(|k| k.loai).chain(DATA_FILES.iter().map(|d| d.0)).collect(),
        None => {
            print!("{}", kind::table());
            for (name, what) in DATA_FILES {
                println!("{name:<18}{what}");
            }
            eprintln!("in lược đồ JSON của một loại: vanban schema LOẠI (ví dụ vanban schema ke-hoach)");
            return Ok(());
        }
    };
    let schemas: Vec<(&str, Value)> =
        names.iter().map(|n| named(n).map(|s| (*n, s))).collect::<Result<_>>()?;
    let Some(dir) = out else {
        print!("{}", text(&schemas[0].1));
        return Ok(());
    };
    for (name, schema) in &schemas {
        let path = dir.join(format!("{name}.schema.json"));
        render::write_atomic(&path, text(schema).as_bytes())?;
        eprintln!("đã ghi {}", path.display());
    }
    Ok(())
}
