//! Each kind's JSON Schema (`vanban schema`), derived from the types serde
//! reads: it accepts what vanban reads and refuses what it refuses, and
//! every field has its Vietnamese title and description.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use serde_json::Value;
use vanban::folder::OnDisk;
use vanban::kind::{Input, KINDS, Kind};
use vanban::schema;

fn vanban(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(cwd).output().expect("run vanban")
}

/// YAML as the JSON a validator reads.
fn json_of(yaml: &str) -> Value {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    serde_json::to_value(value).unwrap()
}

fn validator(kind: Kind) -> jsonschema::Validator {
    let schema = schema::of_kind(kind);
    jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{}: not a JSON Schema: {e}", kind.loai));
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// The YAML files under `dirs` with the kind they declare.
fn documents(dirs: &[&str]) -> Vec<(PathBuf, Kind)> {
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut todo = vec![repo().join(dir)];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else if p.extension().is_some_and(|e| e == "yaml") {
                    files.push(p);
                }
            }
        }
        files.sort();
        out.extend(files.into_iter().filter_map(|p| match vanban::engine::kind_of(&p) {
            Ok(Some(k)) => Some((p, k)),
            _ => None,
        }));
    }
    out
}

/// Whether vanban reads the file's data (its rules aside).
fn parses(path: &Path, kind: Kind) -> bool {
    let text = vanban::model::read_text(path).unwrap();
    let folder = OnDisk::of_file(path);
    kind.pass(&Input { kind, path, text: &text, folder: &folder }, None).is_ok()
}

#[test]
fn every_file_vanban_reads_is_valid_against_its_kinds_schema() {
    let mut checked = 0;
    for (path, kind) in documents(&["data", "tests/hong"]) {
        if !parses(&path, kind) {
            continue;
        }
        let text = vanban::model::read_text(&path).unwrap();
        let found = errors(&validator(kind), &json_of(&text));
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
        checked += 1;
    }
    assert!(checked > 40, "{checked} files checked");
}

#[test]
fn the_allocation_schema_accepts_the_allocations_vanban_reads() {
    let schema = schema::named("phan-bo").unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    for path in ["data/du-an-8-2025/phan-bo.yaml", "tests/hong/phan-bo.yaml"] {
        let text = std::fs::read_to_string(repo().join(path)).unwrap();
        assert!(vanban::model::phan_bo::PhanBo::parse(Path::new(path), &text).is_ok());
        assert_eq!(errors(&v, &json_of(&text)), Vec::<String>::new(), "{path}");
    }
    let new = json_of(
        "hoc_vien_moi_lop: 2\nchuong_trinh: [{ma: CT1, ten: A, so_lop: 1}]\ndon_vi:\n  - {ten: Na Sầm, cap: ' XÃ ', so_luong: {CT1: 2}}\n",
    );
    assert!(v.is_valid(&new));
    let bad_level = json_of(
        "hoc_vien_moi_lop: 2\nchuong_trinh: []\ndon_vi:\n  - {ten: Na Sầm, cap: thôn, so_luong: {}}\n",
    );
    assert!(!v.is_valid(&bad_level));
    // Units under one key: both, or neither, is refused.
    let both = json_of("hoc_vien_moi_lop: 2\nchuong_trinh: []\ndon_vi: []\nhuyen: []\n");
    let neither = json_of("hoc_vien_moi_lop: 2\nchuong_trinh: []\n");
    assert!(!v.is_valid(&both) && !v.is_valid(&neither));
}

/// A change to a valid file, and whether vanban still reads it.
fn mutate(yaml: &str, from: &str, to: &str) -> String {
    assert!(yaml.contains(from), "{from:?} not in the file");
    yaml.replacen(from, to, 1)
}

#[test]
fn the_schema_refuses_what_vanban_refuses() {
    let kh = std::fs::read_to_string(example("ke-hoach.yaml")).unwrap();
    let v = validator(vanban::kind::by_loai("ke-hoach").unwrap());
    assert!(v.is_valid(&json_of(&kh)));
    let cases = [
        // An unknown field (deny_unknown_fields → additionalProperties: false).
        ("dia_danh: Lạng Sơn", "dia_danh: Lạng Sơn\nnoi_ban_hanh: x", "noi_ban_hanh"),
        // A wrong type.
        ("ky_hieu: KH-SDTTG", "ky_hieu: [KH, SDTTG]", "ky_hieu"),
        ("dia_danh: Lạng Sơn", "dia_danh: Lạng Sơn\nso: mười hai", "so"),
        // A date in no form vanban reads.
        ("ngay: 4/2025", "ngay: hôm nay", "ngay"),
        ("ngay: 4/2025", "ngay: 13/2025", "ngay"),
        // Another kind's loai.
        ("loai: ke-hoach", "loai: to-trinh", "loai"),
        // A required field missing.
        ("ky_hieu: KH-SDTTG\n", "", "ky_hieu"),
        // An unknown key in the signer block, and in a body node.
        ("  ho_ten: ", "  hoc_vi: TS.\n  ho_ten: ", "hoc_vi"),
        ("  - muc: MỤC ĐÍCH YÊU CẦU", "  - mucc: MỤC ĐÍCH YÊU CẦU", "mucc"),
        // Two kinds of node at once, cung_dong or noi_dung without muc.
        ("  - muc: MỤC ĐÍCH YÊU CẦU", "  - muc: A\n    gach: [a]\n  - muc: MỤC ĐÍCH YÊU CẦU", "gach"),
        (
            "  - muc: MỤC ĐÍCH YÊU CẦU",
            "  - gach: [a]\n    cung_dong: b\n  - muc: MỤC ĐÍCH YÊU CẦU",
            "cung_dong",
        ),
        (
            "  - muc: MỤC ĐÍCH YÊU CẦU",
            "  - gach: [a]\n    noi_dung: [b]\n  - muc: MỤC ĐÍCH YÊU CẦU",
            "noi_dung",
        ),
        ("  - muc: MỤC ĐÍCH YÊU CẦU", "  - {}\n  - muc: MỤC ĐÍCH YÊU CẦU", "{}"),
        // An empty list of lines.
        (
            "trich_yeu:\n  - Thực hiện dự án 8 - Thực hiện bình đẳng giới và giải quyết\n  - những vấn đề cấp thiết đối với phụ nữ và trẻ em năm 2025",
            "trich_yeu: []",
            "trich_yeu",
        ),
    ];
    for (from, to, what) in cases {
        let yaml = mutate(&kh, from, to);
        let read = serde_yaml::from_str::<vanban::kinds::ke_hoach::data::KeHoach>(&yaml).is_ok()
            && vanban::engine::kind_in(Path::new("kh.yaml"), &yaml)
                .ok()
                .flatten()
                .is_some_and(|k| k.loai == "ke-hoach");
        assert!(!read, "{what}: vanban reads it");
        assert!(!v.is_valid(&json_of(&yaml)), "{what}: the schema accepts it");
    }
    // What vanban reads although it looks odd: an unquoted line with ": "
    // as a paragraph, a number as a paragraph, a single string for lines.
    for (from, to) in [
        (
            "  - Trên đây là Kế hoạch",
            "  - Thời gian: quý II\n  - 2025\n  - Kế hoạch như sau:\n  - Trên đây là Kế hoạch",
        ),
        ("noi_nhan:", "kinh_gui: Ủy ban nhân dân tỉnh\nnoi_nhan:"),
    ] {
        let yaml = mutate(&kh, from, to);
        assert!(serde_yaml::from_str::<vanban::kinds::ke_hoach::data::KeHoach>(&yaml).is_ok(), "{to}");
        assert_eq!(errors(&v, &json_of(&yaml)), Vec::<String>::new(), "{to}");
    }
}

#[test]
fn an_old_schedule_names_its_units_huyen_but_not_both() {
    let gm = std::fs::read_to_string(example("giay-moi.yaml")).unwrap();
    let v = validator(vanban::kind::by_loai("giay-moi").unwrap());
    assert!(gm.contains("huyen: ["), "the example is an old file");
    let new = gm.replace("huyen: [", "don_vi: [");
    assert!(v.is_valid(&json_of(&gm)) && v.is_valid(&json_of(&new)));
    let described = schema::of_kind(vanban::kind::by_loai("giay-moi").unwrap());
    let noi_nhan = described["properties"]["noi_nhan"]["description"].as_str().unwrap();
    assert!(
        noi_nhan.starts_with("Danh sách nơi nhận") && noi_nhan.contains("`{don_vi}` được thay"),
        "{noi_nhan}"
    );
    let both = gm.replacen("huyen: [", "don_vi: [Tràng Định], huyen: [", 1);
    assert!(serde_yaml::from_str::<vanban::kinds::giay_moi::data::GiayMoi>(&both).is_err());
    assert!(!v.is_valid(&json_of(&both)));
}

/// Every schema object that names properties, with its path.
fn property_maps<'a>(
    value: &'a Value,
    path: String,
    out: &mut Vec<(String, &'a serde_json::Map<String, Value>)>,
) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.push((path.clone(), props));
            }
            for (k, v) in map {
                property_maps(v, format!("{path}/{k}"), out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                property_maps(v, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_and_type_has_a_vietnamese_title_and_description() {
    for kind in &KINDS {
        let schema = schema::of_kind(kind);
        let mut maps = Vec::new();
        property_maps(&schema, String::new(), &mut maps);
        let mut described: Vec<(String, &Value)> = Vec::new();
        for (path, props) in maps {
            described.extend(props.iter().map(|(k, v)| (format!("{path}/properties/{k}"), v)));
        }
        for (name, def) in schema["$defs"].as_object().into_iter().flatten() {
            described.push((format!("$defs/{name}"), def));
        }
        described.push(("(gốc)".into(), &schema));
        for (path, s) in described {
            for key in ["title", "description"] {
                let text = s[key].as_str().unwrap_or_else(|| panic!("{}: {path} has no {key}", kind.loai));
                // An English doc comment leaking through reads so.
                let english = [" the ", " of ", "Defaults", " and "].iter().any(|w| text.contains(w));
                assert!(!text.trim().is_empty() && !english, "{}: {path}.{key} = {text:?}", kind.loai);
            }
        }
    }
}

#[test]
fn each_kind_pins_its_loai_and_has_its_own_title() {
    let mut titles = Vec::new();
    for kind in &KINDS {
        let schema = schema::of_kind(kind);
        assert_eq!(schema["properties"]["loai"]["const"], kind.loai);
        assert!(schema["required"].as_array().unwrap().iter().any(|r| r == "loai"), "{}", kind.loai);
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(schema["additionalProperties"], false, "{}", kind.loai);
        titles.push(schema["title"].as_str().unwrap().to_owned());
    }
    assert!(titles.contains(&"Tờ trình (loai: to-trinh)".to_owned()), "{titles:?}");
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), KINDS.len(), "{titles:?}");
}

#[test]
fn schema_prints_the_kinds_schema_and_lists_the_kinds_without_one() {
    let o = vanban(&["schema", "to-trinh"], &repo());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8(o.stdout).unwrap();
    let kind = vanban::kind::by_loai("to-trinh").unwrap();
    assert_eq!(printed, schema::text(&schema::of_kind(kind)));
    // Deterministic: the same bytes on every run.
    assert_eq!(printed.as_bytes(), vanban(&["schema", "to-trinh"], &repo()).stdout.as_slice());
    assert!(printed.starts_with("{\n  \"$defs\": {"), "pretty, keys in order");

    let o = vanban(&["schema"], &repo());
    assert!(o.status.success());
    let listed = String::from_utf8(o.stdout).unwrap();
    assert!(listed.starts_with(&vanban::kind::table()), "{listed}");
    assert!(listed.contains("phan-bo"), "{listed}");

    let o = vanban(&["schema", "ke-hoachh"], &repo());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        format!(
            "lỗi: loại văn bản 'ke-hoachh' không được hỗ trợ; các loại hợp lệ: {}",
            vanban::kind::names()
        )
    );
}

#[test]
fn schema_out_writes_one_file_per_kind_and_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("luoc-do");
    let o = vanban(&["schema", "--out", out.to_str().unwrap()], &repo());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for kind in &KINDS {
        let written = std::fs::read_to_string(out.join(format!("{}.schema.json", kind.loai))).unwrap();
        assert_eq!(written, schema::text(&schema::of_kind(kind)));
    }
    let phan_bo = std::fs::read_to_string(out.join("phan-bo.schema.json")).unwrap();
    assert_eq!(phan_bo, schema::text(&schema::named("phan-bo").unwrap()));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), KINDS.len() + 1);
}

#[test]
fn a_merged_documents_number_fields_take_a_column_name_and_nothing_else() {
    let kind = vanban::kind::by_loai("giay-gioi-thieu").unwrap();
    let v = validator(kind);
    let text = std::fs::read_to_string(example("giay-gioi-thieu-can-bo.yaml")).unwrap();
    assert_eq!(errors(&v, &json_of(&text)), Vec::<String>::new());
    let word = text.replace("so: \"{Số}\"", "so: \"mười\"");
    assert_eq!(errors(&v, &json_of(&word)), [r#""mười" does not match "^\{[^{}\n]+\}$" at /so"#]);
    let key = text.replace("  ten_tep:", "  ten_file:");
    assert!(
        errors(&v, &json_of(&key)).iter().any(|e| e.contains("ten_file")),
        "{:?}",
        errors(&v, &json_of(&key))
    );
    // A batch kind is already one file per record: no `tron` in its schema.
    let gm = schema::of_kind(vanban::kind::by_loai("giay-moi").unwrap());
    assert!(gm["properties"].get("tron").is_none());
}
