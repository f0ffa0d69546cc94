//! Data that tries to break the plan: hostile strings, paths out of the
//! folder, characters the font lacks, wrong fields; and the same bytes for
//! the same input.

mod common;

use common::*;
use vanban::error::Error;

/// Strings that would change a document's structure if they were pasted
/// into Typst markup.
const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    r#"] #panic("x") ["#,
    "$x^2$ @ref <nhan> `raw`",
    "// không phải chú thích",
    "/* không đóng chú thích",
    "- không phải gạch đầu dòng",
    "1. không phải đánh số",
    "+ không phải danh sách",
    "= không phải tiêu đề",
    r"\u{41} \ gạch chéo ngược",
    r#""nháy kép" 'nháy đơn'"#,
    "~ -- --- ... _gạch dưới_",
    "https://example.com/#x",
    "#set page(width: 1cm)",
];

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn yaml_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[test]
fn hostile_strings_in_every_text_field_render_literally() {
    for h in HOSTILE {
        let q = yaml_str(h);
        let yaml = format!(
            r#"loai: ke-hoach
co_quan:
  chu_quan: {q}
  ban_hanh: [{q}]
  ten_goi: {q}
so: 12
ky_hieu: {q}
dia_danh: {q}
ngay: 15/10/2025
trich_yeu: {q}
noi_dung:
  - {q}
  - muc: {q}
    noi_dung:
      - muc: {q}
        cung_dong: {q}
      - gach: [{q}]
      - cong: [{q}]
      - bang:
          cot: [{q}, B]
          dong: [[{q}, x]]
phu_luc:
  - tieu_de: {q}
    kem_theo: {q}
    noi_dung: [{q}]
nguoi_ky:
  quyen_han: KT.
  thay_cho: {q}
  chuc_vu: {q}
  ho_ten: {q}
noi_nhan: [{q}]
luu: {q}
"#
        );
        let dir = folder(&[("kh.yaml", &yaml)]);
        let pages = pages_of(&dir.path().join("kh.yaml"));
        let text = squash(&pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n"));
        let lower = squash(h);
        let upper = squash(&h.to_uppercase());
        // Fields printed as typed: trích yếu, paragraphs, items, cells, name, recipients…
        let as_typed = text.matches(&lower).count();
        assert!(as_typed >= 12, "{h:?} appears {as_typed} times as typed in\n{text}");
        // Fields the decree prints in upper case: agencies, level-1 title, signer titles, phụ lục title.
        if upper != lower {
            assert!(text.matches(&upper).count() >= 5, "{h:?} upper-cased in\n{text}");
        }
        assert!(text.contains(&squash(&format!("Số: 12/{h}"))), "{h:?}");
        assert!(pages.iter().all(|p| (p.width - 595.28).abs() < 0.1), "{h:?} changed the page");
    }
}

#[test]
fn bold_and_italic_markup_in_body_text() {
    let body = "noi_dung:\n  - 'Đoạn có **chữ đậm**, *chữ nghiêng* và dấu \\* sao.'";
    let dir = folder(&[("kh.yaml", &plan_yaml(body))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    let l = line(&pages[0], "Đoạn có");
    assert!(l.text.starts_with("Đoạn có chữ đậm, chữ nghiêng và dấu * sao./."), "{}", l.text);
    let run = |t: &str| l.runs.iter().find(|r| r.text.contains(t)).unwrap_or_else(|| panic!("{t}"));
    assert!(run("chữ đậm").bold && !run("chữ đậm").italic);
    assert!(run("chữ nghiêng").italic && !run("chữ nghiêng").bold);
    assert!(!run("Đoạn có").bold);
}

fn prepare_err(files: &[(&str, &str)], main: &str) -> String {
    let dir = folder(files);
    match engine().prepare(&dir.path().join(main)) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string().replace(&dir.path().display().to_string(), "DIR"),
    }
}

#[test]
fn data_files_outside_the_folder_are_refused() {
    let with =
        |file: &str| plan_yaml(&format!("noi_dung: [x]\nphu_luc:\n  - tieu_de: A\n    phan_bo: {file}"));
    let msg = prepare_err(&[("kh.yaml", &with("../phan-bo.yaml"))], "kh.yaml");
    assert!(msg.contains("trường 'phu_luc[0].phan_bo'"), "{msg}");
    assert!(msg.contains("phải nằm trong thư mục của văn bản"), "{msg}");
    let msg = prepare_err(&[("kh.yaml", &with("/etc/passwd"))], "kh.yaml");
    assert!(msg.contains("phải nằm trong thư mục của văn bản"), "{msg}");

    // A symlink inside the folder that points out of it.
    let outside = folder(&[("phan-bo.yaml", "hoc_vien_moi_lop: 1\nchuong_trinh: []\nhuyen: []\n")]);
    let dir = folder(&[("kh.yaml", &with("link.yaml"))]);
    std::os::unix::fs::symlink(outside.path().join("phan-bo.yaml"), dir.path().join("link.yaml")).unwrap();
    let msg = engine().prepare(&dir.path().join("kh.yaml")).err().expect("refused").to_string();
    assert!(msg.contains("trỏ ra ngoài thư mục"), "{msg}");
}

#[test]
fn allocation_totals_must_match_the_classes() {
    let pb = std::fs::read_to_string(example("phan-bo.yaml"))
        .unwrap()
        .replace("CT2: 18, CT3: 40 } }\n  - { ten: Văn Lãng", "CT2: 19, CT3: 40 } }\n  - { ten: Văn Lãng");
    let plan = plan_yaml("noi_dung: [x]\nphu_luc:\n  - tieu_de: A\n    phan_bo: phan-bo.yaml");
    let msg = prepare_err(&[("kh.yaml", &plan), ("phan-bo.yaml", &pb)], "kh.yaml");
    assert!(
        msg.contains("trường 'chuong_trinh.CT2': tổng số học viên CT2 của các huyện, thành phố là 161, nhưng 2 lớp × 80 học viên/lớp = 160"),
        "{msg}"
    );
}

#[test]
fn a_character_the_font_cannot_draw_is_named_with_its_place() {
    let plan = plan_yaml("noi_dung:\n  - Đoạn có chữ 漢 lạ.");
    let msg = prepare_err(&[("kh.yaml", &plan)], "kh.yaml");
    assert!(msg.contains("DIR/kh.yaml:12:"), "{msg}");
    assert!(msg.contains("ký tự '漢' (U+6F22) không có trong phông Liberation Serif"), "{msg}");
}

#[test]
fn unknown_fields_name_the_allowed_ones_with_line_and_column() {
    let plan = plan_yaml("noi_dung: [x]").replace("  ten_goi:", "  ten_goii:");
    let msg = prepare_err(&[("kh.yaml", &plan)], "kh.yaml");
    assert_eq!(
        msg,
        "DIR/kh.yaml:5:3: lỗi: trường 'co_quan.ten_goii': trường 'ten_goii' không được phép ở đây; các trường hợp lệ: 'chu_quan', 'ban_hanh', 'ten_goi'"
    );
}

#[test]
fn impossible_dates_and_missing_signer_title_are_errors() {
    let plan = plan_yaml("noi_dung: [x]").replace("ngay: 05/01/2025", "ngay: 31/04/2025");
    let msg = prepare_err(&[("kh.yaml", &plan)], "kh.yaml");
    assert!(
        msg.contains(
            "DIR/kh.yaml:9: lỗi: trường 'ngay': ngày '31/04/2025' không tồn tại: tháng 4/2025 chỉ có 30 ngày"
        ),
        "{msg}"
    );
    let plan = plan_yaml("noi_dung: [x]").replace("  chuc_vu: PHÓ GIÁM ĐỐC\n", "");
    let msg = prepare_err(&[("kh.yaml", &plan)], "kh.yaml");
    assert!(msg.contains("trường 'nguoi_ky.chuc_vu': ký thay"), "{msg}");
}

#[test]
fn sections_nested_too_deep_are_refused() {
    let body = "noi_dung:\n  - muc: A\n    noi_dung:\n      - muc: B\n        noi_dung:\n          - muc: C\n            noi_dung:\n              - muc: D\n                noi_dung:\n                  - muc: E";
    let msg = prepare_err(&[("kh.yaml", &plan_yaml(body))], "kh.yaml");
    assert!(msg.contains("mục 'E' lồng tới cấp 5"), "{msg}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let engine = engine();
    let (a, _) = engine.pdf(&example("ke-hoach.yaml")).unwrap();
    let (b, _) = engine.pdf(&example("ke-hoach.yaml")).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-"));
    let tail = String::from_utf8_lossy(&a);
    assert!(!tail.contains("/CreationDate"), "no clock in the file");
}

#[test]
fn typst_file_access_stays_in_the_folder() {
    use typst::foundations::Datetime;
    use vanban::render::{SourceMap, compile};
    let outside = folder(&[("secret.txt", "bí mật")]);
    let dir = folder(&[("inside.txt", "trong thư mục")]);
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("link.txt")).unwrap();
    let fonts = vanban::fonts::FontSet::embedded();
    let today = Datetime::from_ymd(2025, 1, 1).unwrap();
    let run = |src: &str| compile(src.to_owned(), &fonts, Some(dir.path()), today, &SourceMap::default());
    let head = "#set text(font: \"Liberation Serif\")\n";
    assert!(run(&format!("{head}#read(\"/inside.txt\")")).is_ok());
    for (src, expect) in [
        ("#read(\"../../../etc/passwd\")", "escape"),
        ("#read(\"/etc/passwd\")", "not found"),
        ("#read(\"/link.txt\")", "access denied"),
        ("#image(\"/link.txt\")", "access denied"),
        ("#json(\"/link.txt\")", "access denied"),
        ("#import \"@preview/cetz:0.3.0\"", "package"),
    ] {
        match run(&format!("{head}{src}")) {
            Err(Error::Typeset(m)) => assert!(m.join(" ").contains(expect), "{src}: {m:?}"),
            other => panic!("{src}: {:?}", other.map(|d| d.pages().len())),
        }
    }
}
