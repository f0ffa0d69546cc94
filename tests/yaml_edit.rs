//! yaml_edit::patch: the form's data saved into the user's YAML, the text
//! kept byte for byte outside what changed.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Value, json};
use vanban::yaml_edit::patch;

fn data_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files = Vec::new();
    for dir in ["du-an-8-2025", "vi-du"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == "yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 18, "{files:?}");
    files
}

fn read(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

fn value(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

/// Patches `old` with `edit` applied to its value; asserts the text holds
/// exactly the new value, and returns it.
fn patched(old: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut new = value(old);
    edit(&mut new);
    let text = patch(old, &new).unwrap();
    assert_eq!(value(&text), new, "the patched text reads back otherwise:\n{text}");
    text
}

/// (lines of `old` that changed, lines of `new` in their place), after the
/// common first and last lines.
fn changed_lines<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let (a, b): (Vec<_>, Vec<_>) = (old.lines().collect(), new.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    (a[prefix..a.len() - suffix].to_vec(), b[prefix..b.len() - suffix].to_vec())
}

fn plan() -> String {
    read("data/du-an-8-2025/ke-hoach.yaml")
}

#[test]
fn every_example_round_trips_unchanged() {
    for file in data_files() {
        let old = std::fs::read_to_string(&file).unwrap();
        assert_eq!(patch(&old, &value(&old)).unwrap(), old, "{}", file.display());
    }
}

/// Every string leaf of every example, changed alone, changes only its own
/// lines: the rest of the file, comments and quoting included, stays.
#[test]
fn every_leaf_of_every_example_changes_only_its_lines() {
    fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| leaves(v, format!("{path}/{k}"), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{path}/{i}"), out)),
            _ => out.push(path),
        }
    }
    let mut count = 0;
    for file in data_files() {
        let old = std::fs::read_to_string(&file).unwrap();
        let mut paths = Vec::new();
        leaves(&value(&old), String::new(), &mut paths);
        for path in paths {
            let text = patched(&old, |v| *v.pointer_mut(&path).unwrap() = json!("Giá trị mới: đã sửa"));
            let (gone, came) = changed_lines(&old, &text);
            assert!(
                gone.len() <= 5
                    && came.len() <= 2
                    && came.last().is_some_and(|l| l.contains("Giá trị mới: đã sửa")),
                "{} {path}: {gone:#?} → {came:#?}",
                file.display()
            );
            count += 1;
        }
    }
    assert!(count > 400, "{count} leaves");
}

#[test]
fn a_new_date_changes_only_its_line() {
    let old = plan();
    let text = patched(&old, |v| v["ngay"] = json!("05/4/2025"));
    assert_eq!(text, old.replace("\nngay: 4/2025\n", "\nngay: 05/4/2025\n"));
}

#[test]
fn a_changed_string_keeps_its_quotes_and_comment() {
    let old = plan();
    let text = patched(&old, |v| v["co_quan"]["ten_goi"] = json!("Sở Dân tộc"));
    assert_eq!(text, old.replace("ten_goi: Sở Dân tộc và Tôn giáo   #", "ten_goi: Sở Dân tộc   #"));
    let path = "/noi_dung/2/noi_dung/0/noi_dung/0/gach/1";
    let text =
        patched(&old, |v| *v.pointer_mut(path).unwrap() = json!("Tổ chức tập huấn theo Chương trình 3."));
    let (gone, came) = changed_lines(&old, &text);
    assert!(gone[0].trim_start().starts_with("- 'Tổ chức tập huấn theo Chương trình 3 về"), "{gone:?}");
    // The single quotes stay though the new text would not need them.
    assert_eq!(came, ["              - 'Tổ chức tập huấn theo Chương trình 3.'"]);
}

#[test]
fn a_text_of_several_lines_keeps_the_comment_of_its_line() {
    let old = plan();
    let text = patched(&old, |v| v["co_quan"]["ten_goi"] = json!("dòng một\ndòng hai"));
    let line = old.lines().find(|l| l.contains("ten_goi")).unwrap();
    let comment = &line[line.find("   #").unwrap()..];
    assert_eq!(text, old.replace(line, &format!("  ten_goi: |-{comment}\n    dòng một\n    dòng hai")));
}

#[test]
fn values_that_yaml_would_misread_are_quoted() {
    let old = plan();
    for (new, line) in [
        (json!("true"), "luu: 'true'"),
        (json!("2025"), "luu: '2025'"),
        (json!("2025-06-17"), "luu: '2025-06-17'"),
        (json!("VT: PCS"), "luu: 'VT: PCS'"),
        (json!("VT #1"), "luu: 'VT #1'"),
        (json!("- VT"), "luu: '- VT'"),
        (json!("Văn thư, Phòng Chính sách"), "luu: Văn thư, Phòng Chính sách"),
        (json!(12), "luu: 12"),
        (json!("hai\ndòng"), "luu: |-\n  hai\n  dòng"),
    ] {
        let text = patched(&old, |v| v["luu"] = new.clone());
        assert_eq!(text, old.replace("\nluu: VT", &format!("\n{line}")), "{new}");
    }
}

#[test]
fn a_section_added_to_the_body_keeps_every_comment_and_line() {
    let old = plan();
    let section = json!({ "muc": "ĐIỀU KHOẢN THI HÀNH", "noi_dung": ["Đoạn mới: có dấu hai chấm."] });
    let text = patched(&old, |v| v["noi_dung"].as_array_mut().unwrap().insert(5, section));
    let at = old.find("\n  - Trên đây là Kế hoạch").unwrap() + 1;
    let expected = format!(
        "{}  - muc: ĐIỀU KHOẢN THI HÀNH\n    noi_dung:\n      - 'Đoạn mới: có dấu hai chấm.'\n\n{}",
        &old[..at],
        &old[at..]
    );
    assert_eq!(text, expected);
}

#[test]
fn a_section_added_at_the_end_of_a_nested_body() {
    let old = plan();
    let text = patched(&old, |v| {
        v["noi_dung"][1]["noi_dung"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "muc": "Khác", "cung_dong": "không." }))
    });
    let (gone, came) = changed_lines(&old, &text);
    assert!(gone.is_empty(), "{gone:?}");
    assert_eq!(came, ["      - muc: Khác", "        cung_dong: không."]);
}

#[test]
fn a_removed_key_goes_with_its_trailing_comment() {
    let old = plan();
    let text = patched(&old, |v| {
        v["co_quan"].as_object_mut().unwrap().remove("ten_goi");
    });
    let line = old.lines().find(|l| l.contains("ten_goi")).unwrap();
    assert_eq!(text, old.replace(&format!("{line}\n"), ""));
}

#[test]
fn a_removed_first_key_after_a_dash_lets_the_next_move_up() {
    let old = "lop:\n  - ma: CT2-1   # lớp đầu\n    ten: Một\n  - ma: CT2-2\n";
    let text = patched(old, |v| {
        v["lop"][0].as_object_mut().unwrap().remove("ma");
    });
    assert_eq!(text, "lop:\n  - ten: Một\n  - ma: CT2-2\n");
}

#[test]
fn inserted_keys_go_after_the_last_key_at_their_indentation() {
    let old = plan();
    let text = patched(&old, |v| {
        v["nguoi_ky"]["quyen_han"] = json!("KT.");
        v["so"] = json!(12);
    });
    let expected = old
        .replace("  ho_ten: Phạm Đức Huân\n", "  ho_ten: Phạm Đức Huân\n  quyen_han: KT.\n")
        .replace("luu: VT\n", "luu: VT\nso: 12\n");
    assert_eq!(text, expected);
}

#[test]
fn sequence_items_removed_and_moved_keep_the_others() {
    let old = "noi_nhan:\n  - Như trên      # bắt buộc\n  - Lãnh đạo Sở   # b/c\n  - Các phòng\nluu: VT\n";
    let text = patched(old, |v| {
        v["noi_nhan"].as_array_mut().unwrap().remove(1);
    });
    assert_eq!(text, "noi_nhan:\n  - Như trên      # bắt buộc\n  - Các phòng\nluu: VT\n");
    // Moved: the item's own line (its comment too) goes to its new place.
    let text = patched(old, |v| v["noi_nhan"].as_array_mut().unwrap().swap(0, 1));
    assert_eq!(
        text,
        "noi_nhan:\n  - Lãnh đạo Sở   # b/c\n  - Như trên      # bắt buộc\n  - Các phòng\nluu: VT\n"
    );
    let text = patched(old, |v| v["noi_nhan"].as_array_mut().unwrap().insert(0, json!("UBND tỉnh")));
    assert_eq!(text, format!("noi_nhan:\n  - UBND tỉnh\n{}", &old[10..]));
}

#[test]
fn blank_lines_between_items_stay_even() {
    let old = plan();
    // The body's fourth part (KINH PHÍ) removed: one blank line stays between its neighbours.
    let text = patched(&old, |v| {
        v["noi_dung"].as_array_mut().unwrap().remove(3);
    });
    let start = old.find("  - muc: KINH PHÍ THỰC HIỆN").unwrap();
    let end = old.find("  - muc: TỔ CHỨC THỰC HIỆN").unwrap();
    assert_eq!(text, format!("{}{}", &old[..start], &old[end..]));
    // A moved section: the others keep their lines, blank lines between all.
    let text = patched(&old, |v| v["noi_dung"].as_array_mut().unwrap().swap(3, 4));
    assert!(!text.contains("\n\n\n"));
    assert!(text.contains("địa bàn thành phố Lạng Sơn.\n"));
    assert_eq!(text.len(), old.len());
}

#[test]
fn flow_maps_and_tables_keep_their_style() {
    let old = read("data/du-an-8-2025/giay-moi.yaml");
    let text = patched(&old, |v| v["lop"][1]["tu_ngay"] = json!("18/6/2025"));
    assert_eq!(
        changed_lines(&old, &text).1,
        ["  - { ma: CT2-2, chuong_trinh: CT2, tu_ngay: 18/6/2025, den_ngay: 20/6/2025,"]
    );
    // A district added to a class: the flow list is written again, in flow style.
    let text = patched(&old, |v| v["lop"][2]["huyen"].as_array_mut().unwrap().push(json!("Bình Gia")));
    assert_eq!(changed_lines(&old, &text).1, ["      huyen: [Tràng Định, Văn Lãng, Bình Gia] }"]);
    let old = read("data/du-an-8-2025/to-trinh.yaml");
    let path = "/noi_dung/4/noi_dung/0/noi_dung/0/bang/dong/1/2";
    let text = patched(&old, |v| *v.pointer_mut(path).unwrap() = json!("40.000.000"));
    assert_eq!(
        changed_lines(&old, &text).1,
        ["                - [\"2\", \"Thuê hội trường, trang thiết bị\", \"40.000.000\"]"]
    );
}

#[test]
fn a_folded_scalar_stays_folded() {
    let old = read("data/du-an-8-2025/giay-moi.yaml");
    let new_text = "Cử cán bộ, học viên tham dự hội nghị tập huấn thực hiện Dự án 8 năm 2025 với số lượng và thời gian như sau:";
    let text = patched(&old, |v| v["noi_dung_moi"] = json!(new_text));
    let (gone, came) = changed_lines(&old, &text);
    assert_eq!(gone.len(), 3);
    assert!(text.contains("\nnoi_dung_moi: >-\n  Cử cán bộ"));
    assert!(came.iter().all(|l| l.starts_with("  ") && l.chars().count() < 100), "{came:?}");
}

#[test]
fn a_subtree_whose_shape_changed_is_written_in_block_style() {
    let old = plan();
    // The last paragraph becomes a section with its own body.
    let text = patched(&old, |v| {
        v["noi_dung"][5] = json!({ "muc": "Cuối", "noi_dung": [{ "gach": ["một", "hai"] }] });
    });
    let (gone, came) = changed_lines(&old, &text);
    assert_eq!(gone.len(), 1);
    assert_eq!(
        came,
        ["  - muc: Cuối", "    noi_dung:", "      - gach:", "          - một", "          - hai"]
    );
    // A mapping emptied, a list replaced by a string.
    let text = patched(&old, |v| {
        v["nguoi_ky"] = json!({});
        v["trich_yeu"] = json!("Một dòng");
    });
    assert!(
        text.contains("\nnguoi_ky: {}\n") && text.contains("\ntrich_yeu: Một dòng\nnoi_dung:\n"),
        "{text}"
    );
}

#[test]
fn a_value_for_an_empty_key_goes_before_its_comment() {
    let old = "a:      # để trống\nb: 1\n";
    assert_eq!(patched(old, |v| v["a"] = json!("x")), "a: x      # để trống\nb: 1\n");
    // A block written for it: the comment stays on the line that was the key's.
    assert_eq!(patched(old, |v| v["a"] = json!(["x"])), "a:\n  - x      # để trống\nb: 1\n");
}

#[test]
fn a_file_without_a_final_newline() {
    let old = "a: 1\nb:\n  - x";
    assert_eq!(patched(old, |v| v["c"] = json!(2)), "a: 1\nb:\n  - x\nc: 2\n");
    assert_eq!(
        patched(old, |v| v["b"].as_array_mut().unwrap().push(json!("yz"))),
        "a: 1\nb:\n  - x\n  - yz\n"
    );
}

#[test]
fn anything_else_is_still_right() {
    // Aliases, a root that changes kind, an empty file: the text may be
    // written anew, but it always holds the new value.
    for (old, new) in [
        ("a: &x [1, 2]\nb: *x\n", json!({"a": [1, 3], "b": [1, 2]})),
        ("# đầu\na: 1\n", json!(["x"])),
        ("", json!({"loai": "ke-hoach"})),
        ("# chỉ có chú thích\n", json!({"loai": "ke-hoach"})),
        ("a: !!str 12\n", json!({"a": 13})),
        ("a: [1, {b: 2}]\n", json!({"a": [1, {"b": [3, {"c": "d: e"}]}]})),
    ] {
        let text = patch(old, &new).unwrap();
        assert_eq!(value(&text), new, "{old:?} → {text:?}");
    }
    assert!(patch("# chỉ có chú thích\n", &json!({"a": 1})).unwrap().starts_with("# chỉ có chú thích\na: 1"));
}

#[test]
fn unreadable_yaml_is_an_error_in_vietnamese() {
    let e = patch("a: [1,\n", &json!({})).unwrap_err();
    assert!(e.starts_with("nội dung YAML hiện tại không đọc được"), "{e}");
    assert!(patch("a: 1\na: 2\n", &json!({})).is_err());
}

// ------------------------------------------------------------ properties

#[derive(Debug, Clone)]
enum Op {
    /// A string leaf (the n-th, modulo their count) gets a new text.
    Set(usize, String),
    /// A key removed from the n-th mapping.
    Remove(usize),
    /// A key added to the n-th mapping.
    Add(usize, String),
    /// An item inserted into the n-th sequence.
    Insert(usize, usize, String),
    /// An item deleted from the n-th sequence.
    Delete(usize, usize),
    /// Two items of the n-th sequence swapped.
    Swap(usize, usize, usize),
}

fn nodes(v: &Value, path: String, out: &mut Vec<(String, u8)>) {
    match v {
        Value::Object(m) => {
            out.push((path.clone(), b'm'));
            m.iter().for_each(|(k, v)| nodes(v, format!("{path}/{k}"), out));
        }
        Value::Array(a) => {
            out.push((path.clone(), b'a'));
            a.iter().enumerate().for_each(|(i, v)| nodes(v, format!("{path}/{i}"), out));
        }
        Value::String(_) => out.push((path, b's')),
        _ => {}
    }
}

fn pick(v: &Value, kind: u8, n: usize) -> Option<String> {
    let mut all = Vec::new();
    nodes(v, String::new(), &mut all);
    let of: Vec<String> = all.into_iter().filter(|(_, k)| *k == kind).map(|(p, _)| p).collect();
    (!of.is_empty()).then(|| of[n % of.len()].clone())
}

fn apply(v: &mut Value, op: &Op) {
    match op {
        Op::Set(n, s) => {
            if let Some(p) = pick(v, b's', *n) {
                *v.pointer_mut(&p).unwrap() = json!(s);
            }
        }
        Op::Remove(n) => {
            if let Some(p) = pick(v, b'm', *n) {
                let m = v.pointer_mut(&p).unwrap().as_object_mut().unwrap();
                if let Some(k) = m.keys().nth(n % m.len().max(1)).cloned() {
                    m.remove(&k);
                }
            }
        }
        Op::Add(n, s) => {
            if let Some(p) = pick(v, b'm', *n) {
                let m = v.pointer_mut(&p).unwrap().as_object_mut().unwrap();
                m.insert(format!("khoa_moi_{n}"), json!(s));
            }
        }
        Op::Insert(n, i, s) => {
            if let Some(p) = pick(v, b'a', *n) {
                let a = v.pointer_mut(&p).unwrap().as_array_mut().unwrap();
                let at = i % (a.len() + 1);
                a.insert(at, if i % 3 == 0 { json!({ "muc": s, "noi_dung": [s] }) } else { json!(s) });
            }
        }
        Op::Delete(n, i) => {
            if let Some(p) = pick(v, b'a', *n) {
                let a = v.pointer_mut(&p).unwrap().as_array_mut().unwrap();
                if !a.is_empty() {
                    let at = i % a.len();
                    a.remove(at);
                }
            }
        }
        Op::Swap(n, i, j) => {
            if let Some(p) = pick(v, b'a', *n) {
                let a = v.pointer_mut(&p).unwrap().as_array_mut().unwrap();
                if !a.is_empty() {
                    let len = a.len();
                    a.swap(i % len, j % len);
                }
            }
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[ -~]{0,16}",
        Just("Đề nghị: các huyện # gửi".to_owned()),
        Just("true".to_owned()),
        Just("0012".to_owned()),
        Just("dòng một\ndòng hai".to_owned()),
        Just("- gạch".to_owned()),
        Just("'trích'".to_owned()),
        Just("{ ma: 1 }".to_owned()),
        "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệ ]{1,10}",
    ]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), text_strategy()).prop_map(|(n, s)| Op::Set(n, s)),
        any::<usize>().prop_map(Op::Remove),
        (any::<usize>(), text_strategy()).prop_map(|(n, s)| Op::Add(n, s)),
        (any::<usize>(), any::<usize>(), text_strategy()).prop_map(|(n, i, s)| Op::Insert(n, i, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(n, i)| Op::Delete(n, i)),
        (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(n, i, j)| Op::Swap(n, i, j)),
    ]
}

/// The blocks of the top-level keys (from a key at column 0 to the next).
fn top_blocks(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let starts_key = line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line.contains(':');
        if starts_key {
            out.push((line.split(':').next().unwrap().to_owned(), String::new()));
        }
        if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random edits of the example plan (and of documents with flow maps,
    /// folded text and tables): the text holds exactly the new value; the
    /// header comments and every top-level key the edits did not touch keep
    /// their text byte for byte.
    #[test]
    fn random_edits_of_the_plan(file in prop_oneof![3 => Just("ke-hoach"), 1 => Just("giay-moi"), 1 => Just("to-trinh"), 1 => Just("quyet-dinh")],
                                ops in proptest::collection::vec(op_strategy(), 1..5)) {
        let old = read(&format!("data/du-an-8-2025/{file}.yaml"));
        let old_value = value(&old);
        let mut new = old_value.clone();
        for op in &ops {
            apply(&mut new, op);
        }
        let text = patch(&old, &new).unwrap();
        prop_assert_eq!(&value(&text), &new);
        prop_assert!(text.starts_with(&old[..old.find("loai:").unwrap()]));
        for (key, block) in top_blocks(&old) {
            if old_value.get(&key) == new.get(&key) {
                prop_assert!(text.contains(&block), "{} lost its text:\n{}", key, text);
            }
        }
    }

    /// Any text at all: an answer or an error, never a panic; an answer
    /// always holds the new value.
    #[test]
    fn arbitrary_text_never_panics(old in "[ -~\n\tàđệ]{0,200}", key in "[a-z]{1,4}", v in "[ -~]{0,10}") {
        let new = json!({ key: v });
        if let Ok(text) = patch(&old, &new) {
            prop_assert_eq!(value(&text), new);
        }
    }

    /// YAML-shaped text, edited at one of its keys.
    #[test]
    fn yaml_shaped_text_edits(
        lines in proptest::collection::vec(
            ("[ ]{0,3}", prop_oneof![Just("- "), Just(""), Just("? ")], "[a-c]{1,2}", prop_oneof![Just(": "), Just(":"), Just(" ")], "[ -~]{0,8}", prop_oneof![Just(""), Just("  # c")]),
            1..12),
        s in text_strategy(),
    ) {
        let old: String = lines.iter().map(|(a, b, c, d, e, f)| format!("{a}{b}{c}{d}{e}{f}\n")).collect();
        // Text the program refuses (a key given twice) is skipped.
        let Ok(_) = serde_yaml::from_str::<serde_yaml::Value>(&old) else { return Ok(()) };
        let Ok(mut new) = serde_yaml::from_str::<Value>(&old) else { return Ok(()) };
        if let Some(p) = pick(&new, b's', s.len()) {
            *new.pointer_mut(&p).unwrap() = json!(s);
        } else if let Some(p) = pick(&new, b'a', 0) {
            new.pointer_mut(&p).unwrap().as_array_mut().unwrap().push(json!(s));
        }
        let text = patch(&old, &new).unwrap();
        prop_assert_eq!(value(&text), new);
    }
}
