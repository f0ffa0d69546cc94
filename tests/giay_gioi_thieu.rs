//! Giấy giới thiệu (`giay-gioi-thieu`, NĐ30 Mẫu 1.8), laid out and checked
//! against NĐ30 §8 and nd30-kinds.md §6: GGT-1 (the title and its rule,
//! no trích yếu), GGT-2 (the labels in order, the fixed sentences, the
//! validity date), GGT-3 (/GGT-), its Nơi nhận.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::inspect::{Line, MM, PageFacts};

fn centre(p: &PageFacts) -> f64 {
    (LEFT + text_right(p)) / 2.0
}

fn example_with(from: &str, to: &str) -> tempfile::TempDir {
    let yaml = std::fs::read_to_string(example("giay-gioi-thieu.yaml")).unwrap();
    assert!(yaml.contains(from), "{from}");
    folder(&[("ggt.yaml", &yaml.replacen(from, to, 1))])
}

/// Body lines starting with each prefix, in the order found on the page.
fn in_order(p: &PageFacts, prefixes: &[&str]) -> Vec<Line> {
    let lines = p.lines();
    let at: Vec<usize> = prefixes
        .iter()
        .map(|pre| lines.iter().position(|l| l.text.starts_with(pre)).unwrap_or_else(|| panic!("no {pre:?}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in the decree's order: {at:?}");
    at.into_iter().map(|i| lines[i].clone()).collect()
}

#[test]
fn the_example_follows_mau_1_8() {
    let pages = pages_of(&example("giay-gioi-thieu.yaml"));
    check_nd30_rules(&pages, "GIẤY GIỚI THIỆU");
    assert_eq!(pages.len(), 1, "one sheet");
    let p = &pages[0];
    // GGT-3.
    assert_eq!(line(p, "Số:").text, "Số: 18/GGT-SDTTG");
    // GGT-1: the title, 14 pt bold centred, a short rule under it, and the
    // next line is the introduction: no trích yếu.
    let title = line(p, "GIẤY GIỚI THIỆU");
    assert!((title.size() - 14.0).abs() < 0.01 && title.all_bold());
    let rule = p.rules.iter().find(|r| r.y > title.y && r.y < title.y + 12.0).expect("the title's rule");
    let width = title.end - title.x;
    assert!((rule.length - 0.4 * width).abs() < 0.5 * MM, "rule {} for a title {width}", rule.length);
    assert!((rule.x + rule.length / 2.0 - title.centre()).abs() < 0.5 * MM, "rule centred");
    let lines = p.lines();
    let next = lines.iter().find(|l| l.y > rule.y).unwrap();
    assert_eq!(next.text, "Sở Dân tộc và Tôn giáo trân trọng giới thiệu:");
    assert!(!next.runs.iter().any(|r| r.bold || r.italic) && (next.size() - 14.0).abs() < 0.01);
    assert!((next.centre() - centre(p)).abs() < 0.5 * MM, "centred: {}", next.centre() - centre(p));
    // GGT-2: the labels in the decree's order, 14 pt upright, indented 1 cm.
    let body = in_order(
        p,
        &[
            "Sở Dân tộc và Tôn giáo trân trọng giới thiệu:",
            "Ông Lường Văn Tú",
            "Chức vụ: Chuyên viên Phòng Chính sách, Sở Dân tộc và Tôn giáo",
            "Được cử đến: Ủy ban nhân dân xã Chí Minh, huyện Tràng Định",
            "Về việc: nhận danh sách học viên",
            "Đề nghị Quý cơ quan tạo điều kiện để ông có tên ở trên hoàn thành nhiệm vụ.",
            "Giấy này có giá trị đến hết ngày 13 tháng 6 năm 2025./.",
        ],
    );
    assert_eq!(body[1].text, "Ông Lường Văn Tú", "no colon after the form of address");
    for l in &body[1..] {
        assert!((l.size() - 14.0).abs() < 0.01 && !l.runs.iter().any(|r| r.bold || r.italic), "{:?}", l.text);
        assert!((l.x - (LEFT + 10.0 * MM)).abs() < 0.5, "1 cm indent: {:?} at {}", l.text, l.x - LEFT);
    }
    // 6 pt before each line but the first: the gap between two labels is
    // at least a line's pitch and 6 pt.
    let pitch = body[2].y - body[1].y;
    let wrapped = lines.iter().find(|l| l.y > body[4].y && l.y < body[5].y).expect("Về việc wraps");
    let line_pitch = wrapped.y - body[4].y;
    assert!(pitch - line_pitch >= 6.0 - 0.01, "space before: {pitch} against {line_pitch}");
    assert!(body[1].y - body[0].y < pitch - 5.0, "none before the first line");
    // Nơi nhận exactly as the template has it.
    assert_eq!(noi_nhan(&pages), ["- Như trên;", "- Lưu: VT."]);
}

#[test]
fn the_form_of_address_names_the_person_in_the_fixed_request() {
    let dir = example_with("xung_ho: Ông                    # mặc định \"Ông (bà)\" như mẫu\n", "");
    let pages = pages_of(&dir.path().join("ggt.yaml"));
    in_order(&pages[0], &["Ông (bà) Lường Văn Tú", "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên"]);
    let dir = example_with("xung_ho: Ông ", "xung_ho: Bà ");
    let pages = pages_of(&dir.path().join("ggt.yaml"));
    in_order(&pages[0], &["Bà Lường Văn Tú", "Đề nghị Quý cơ quan tạo điều kiện để bà có tên ở trên"]);
}

/// The findings of `check` on the example changed so.
fn findings(from: &str, to: &str) -> Vec<(String, MucDo)> {
    let dir = example_with(from, to);
    let found = check(&engine(), &dir.path().join("ggt.yaml")).unwrap();
    found
        .into_iter()
        .map(|f| (f.human().replace(&format!("{}/", dir.path().display()), ""), f.severity))
        .collect()
}

#[test]
fn check_holds_a_letter_of_introduction_to_mau_1_8() {
    assert_eq!(findings("luu: VT", "luu: VT"), vec![], "the example is clean");
    let trich = findings("ngay: 02/6/2025\n", "ngay: 02/6/2025\ntrich_yeu: Giới thiệu cán bộ\n");
    assert_eq!(
        trich,
        vec![(
            "ggt.yaml:15: lỗi: trường 'trich_yeu': giấy giới thiệu không có trích yếu: dưới tên loại 'GIẤY GIỚI THIỆU' chỉ có đường kẻ; bỏ khóa 'trich_yeu', ghi việc được cử đi ở khóa 've_viec' (NĐ30, Phụ lục III, Mẫu 1.8)".to_owned(),
            MucDo::Loi
        )]
    );
    let no_date = findings("co_gia_tri_den: 13/6/2025\n", "");
    assert_eq!(no_date.len(), 1, "{no_date:?}");
    assert!(no_date[0].0.contains("lỗi: trường 'co_gia_tri_den': giấy giới thiệu phải ghi thời hạn 'Giấy này có giá trị đến hết ngày …'"), "{no_date:?}");
    let no_day = findings("co_gia_tri_den: 13/6/2025", "co_gia_tri_den: 6/2025");
    assert!(
        no_day[0].0.contains("ggt.yaml:20: lỗi: trường 'co_gia_tri_den': thời hạn '06/2025' thiếu ngày"),
        "{no_day:?}"
    );
    let before = findings("co_gia_tri_den: 13/6/2025", "co_gia_tri_den: 01/6/2025");
    assert_eq!(
        before,
        vec![(
            "ggt.yaml:20: lỗi: trường 'co_gia_tri_den': ngày 01/06/2025 trước ngày ký giấy giới thiệu (02/06/2025)".to_owned(),
            MucDo::Loi
        )]
    );
    let code = findings("ky_hieu: GGT-SDTTG", "ky_hieu: GT-SDTTG");
    assert!(code[0].0.contains("phải bắt đầu bằng chữ viết tắt tên loại 'GGT-'"), "{code:?}");
    let blank = findings("chuc_vu: Chuyên viên Phòng Chính sách, Sở Dân tộc và Tôn giáo", "chuc_vu: ''");
    assert_eq!(
        blank,
        vec![("ggt.yaml:17: lỗi: trường 'chuc_vu': không được để trống".to_owned(), MucDo::Loi)]
    );
    let nhu_tren = findings("noi_nhan:\n  - Như trên\n", "noi_nhan:\n  - Phòng Chính sách\n");
    assert_eq!(nhu_tren.len(), 1, "{nhu_tren:?}");
    assert!(
        nhu_tren[0]
            .0
            .contains("cảnh báo: trường 'noi_nhan': Nơi nhận của giấy giới thiệu bắt đầu bằng '- Như trên;'"),
        "{nhu_tren:?}"
    );
}
