//! Property: whatever a text field holds (Typst's special characters and
//! sequences, combining marks, direction and zero-width marks, very long
//! strings), the laid-out document shows exactly that text, in every field
//! of every kind of document, and nothing else changes.

mod common;

use common::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Pieces a generated string is made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // Every sequence that means something in Typst markup or code.
        prop::sample::select(vec![
            "#",
            "[",
            "]",
            "*",
            "_",
            "`",
            "$",
            "<",
            ">",
            "@",
            "=",
            "\\",
            "~",
            "//",
            "/*",
            "*/",
            "---",
            "--",
            "...",
            "- ",
            "+ ",
            "1. ",
            "/ ",
            "=> ",
            "\"",
            "'",
            "#let x = 1",
            "#read(\"/etc/passwd\")",
            "](",
            ")[",
            "#{",
            "}",
            "https://example.com/a?b=c#d",
            "@nhan",
            "<nhan>",
            "\\u{41}",
            "\\n",
            ";",
            ":",
            "#set page(width: 1cm)",
        ])
        .prop_map(str::to_owned),
        // Vietnamese words, precomposed or with combining marks.
        prop::sample::select(vec![
            "Nguyễn",
            "Đình Lập",
            "hoà",
            "thuỷ",
            "Ủy ban",
            "ngày 05 tháng 01",
            "Hữu Lũng"
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            "e\u{302}\u{301}",
            "a\u{306}\u{323}",
            "u\u{31b}\u{300}",
            "o\u{302}\u{309}"
        ])
        .prop_map(str::to_owned),
        // Marks of direction and zero-width characters.
        prop::sample::select(vec![
            "\u{200b}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{202b}", "\u{202c}", "\u{feff}"
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 ,.()%&!?-]{1,12}",
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..12)
        .prop_map(|v| v.concat())
        .prop_filter("something visible", |s| !visible(s).is_empty())
}

/// What a reader sees: NFC, no whitespace, no invisible marks. (Bidi
/// embedding controls are removed on input: see `vi::clean`.)
fn visible(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{feff}')
        })
        .collect()
}

fn yaml(s: &str) -> String {
    // Double-quoted YAML: escape what YAML reads.
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{feff}' => out.push_str("\\uFEFF"),
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Body text reads `*` as emphasis: a literal one is written `\*` (a
/// backslash before anything else is itself).
fn rich(s: &str) -> String {
    s.replace('*', "\\*")
}

/// The text of the pages, without the page numbers in the top margin.
fn plan_text(pages: &[vanban::inspect::PageFacts]) -> String {
    let lines = pages.iter().flat_map(|p| p.lines()).filter(|l| l.y >= TOP).map(|l| l.text);
    visible(&lines.collect::<Vec<_>>().join("\n"))
}

proptest! {
    // 48 cases in CI; PROPTEST_CASES=2000 for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn plan_fields_show_exactly_what_was_typed(a in hostile(), b in hostile(), c in hostile(), d in hostile()) {
        let body = format!(
            "noi_dung:\n  - {}\n  - muc: {}\n    cung_dong: {}\n    noi_dung:\n      - gach: [{}]\n      - bang: {{ cot: [{}], dong: [[{}]] }}",
            yaml(&rich(&a)), yaml(&rich(&b)), yaml(&rich(&c)), yaml(&rich(&d)), yaml(&rich(&a)), yaml(&rich(&b))
        );
        let text = plan_yaml(&body)
            .replace("trich_yeu: Tổ chức lớp bồi dưỡng nghiệp vụ năm 2025", &format!("trich_yeu: {}", yaml(&c)))
            .replace("  ho_ten: Trần Thị Bình", &format!("  ho_ten: {}", yaml(&d)))
            .replace("  - Lãnh đạo Sở", &format!("  - {}", yaml(&a)))
            .replace("dia_danh: Lạng Sơn", &format!("dia_danh: {}", yaml(&b)));
        let dir = folder(&[("kh.yaml", &text)]);
        let pages = pages_of(&dir.path().join("kh.yaml"));
        let all = plan_text(&pages);
        for s in [&a, &b, &c, &d] {
            prop_assert!(all.contains(&visible(s)), "{:?} not shown in {:?}", s, all);
        }
        let date_line = visible(&format!("{}, ngày 05 tháng 01 năm 2025", b));
        prop_assert!(all.contains(&date_line));
        prop_assert!(pages.iter().all(|p| (p.width - 595.28).abs() < 0.1 && (p.height - 841.89).abs() < 0.1));
        prop_assert!(all.contains("CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM") && all.contains("Nơinhận:"));
    }

    #[test]
    fn cong_van_fields_show_exactly_what_was_typed(a in hostile(), b in hostile(), c in hostile()) {
        let text = std::fs::read_to_string(example("cong-van.yaml"))
            .unwrap()
            .replace(
                "trich_yeu: đề nghị gửi danh sách học viên tham dự các lớp tập huấn Dự án 8 năm 2025",
                &format!("trich_yeu: {}", yaml(&a)),
            )
            .replace("  - Ủy ban nhân dân huyện Tràng Định\n", &format!("  - {}\n", yaml(&b)))
            .replace("  - 'Điện thoại: 0205.3812.345; E-mail: sdttg@langson.gov.vn'", &format!("  - {}", yaml(&c)));
        let dir = folder(&[("cv.yaml", &text)]);
        let pages = pages_of(&dir.path().join("cv.yaml"));
        let all = plan_text(&pages);
        // As vanban words them: "V/v " first, no final stop; "- …;" recipients.
        let vv = vanban::compose::vv_text(&vanban::model::common::Lines(vec![a.clone()])).0.join(" ");
        let recipient = vanban::model::common::kinh_gui_lines(&[b.clone(), "x".into()]).remove(0);
        for s in [&vv, &recipient, &c] {
            prop_assert!(all.contains(&visible(s)), "{:?} not shown in {:?}", s, all);
        }
    }

    #[test]
    fn cong_dien_and_giay_gioi_thieu_fields_show_exactly_what_was_typed(a in hostile(), b in hostile(), c in hostile()) {
        let cd = std::fs::read_to_string(vi_du("cong-dien.yaml"))
            .unwrap()
            .replace("nguoi_dien: GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO", &format!("nguoi_dien: {}", yaml(&a)))
            .replace("  - Ủy ban nhân dân huyện Bình Gia\n", &format!("  - {}\n", yaml(&b)));
        let ggt = std::fs::read_to_string(example("giay-gioi-thieu.yaml"))
            .unwrap()
            .replace("ho_ten: Lường Văn Tú", &format!("ho_ten: {}", yaml(&rich(&c))))
            .replace(
                "duoc_cu_den: Ủy ban nhân dân xã Chí Minh, huyện Tràng Định",
                &format!("duoc_cu_den: {}", yaml(&rich(&a))),
            );
        let dir = folder(&[("cd.yaml", &cd), ("ggt.yaml", &ggt)]);
        let all = plan_text(&pages_of(&dir.path().join("cd.yaml")));
        // As vanban words them: "<a> điện:", "- <b>;".
        let recipient = vanban::model::common::dash_lines(&[b.clone(), "x".into()]).remove(0);
        for s in [&format!("{a} điện:"), &recipient] {
            prop_assert!(all.contains(&visible(s)), "{:?} not shown in {:?}", s, all);
        }
        let all = plan_text(&pages_of(&dir.path().join("ggt.yaml")));
        for s in [&format!("Ông {c}"), &format!("Được cử đến: {a}")] {
            prop_assert!(all.contains(&visible(s)), "{:?} not shown in {:?}", s, all);
        }
    }

    #[test]
    fn trainee_fields_show_exactly_what_was_typed(name in hostile(), unit in hostile(), role in hostile()) {
        let csv_field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let list = format!(
            "STT,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Chức vụ,Đơn vị công tác,Huyện,Chương trình,Lớp\n1,{},Nữ,05/03/1978,Tày,{},{},Tràng Định,CT3,CT3-1\n",
            csv_field(&name), csv_field(&role), csv_field(&unit)
        );
        let dir = folder(&[
            ("gcn.yaml", &std::fs::read_to_string(example("giay-chung-nhan.yaml")).unwrap().replace("hoc-vien.csv", "ds.csv")),
            ("giay-moi.yaml", &std::fs::read_to_string(example("giay-moi.yaml")).unwrap()),
            ("phan-bo.yaml", &std::fs::read_to_string(example("phan-bo.yaml")).unwrap()),
            ("quyet-dinh-cong-nhan.yaml", &std::fs::read_to_string(example("quyet-dinh-cong-nhan.yaml")).unwrap()),
            ("ds.csv", &list),
        ]);
        let certs = records(&dir.path().join("gcn.yaml"));
        prop_assert_eq!(certs.len(), 1);
        prop_assert_eq!(certs[0].len(), 1, "one page");
        let all = plan_text(&certs[0]);
        for s in [&name, &unit, &role] {
            if !s.trim().is_empty() {
                prop_assert!(all.contains(&visible(s)), "{:?} not shown in {:?}", s, all);
            }
        }
    }
}

#[test]
fn ten_thousand_characters_in_one_paragraph() {
    let long: String = "Đoạn văn rất dài #[*]_ ".repeat(450);
    assert!(long.chars().count() >= 10_000);
    let body = format!("noi_dung:\n  - {}", yaml(&rich(&long)));
    let dir = folder(&[("kh.yaml", &plan_yaml(&body))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(plan_text(&pages).contains(&visible(&long)));
}

#[test]
fn letters_the_font_lacks_are_refused_not_dropped() {
    let dir = folder(&[("kh.yaml", &plan_yaml("noi_dung:\n  - \"مرحبا\""))]);
    let err = engine().prepare(&dir.path().join("kh.yaml")).err().expect("refused").to_string();
    assert!(err.contains("ký tự 'م' (U+0645) không có trong phông Liberation Serif"), "{err}");
}
