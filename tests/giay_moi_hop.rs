//! One meeting invitation (`giay-moi-hop`, NĐ30 Mẫu 1.7): laid out and
//! checked against NĐ30 §8 (rule 18: Chủ trì, Thời gian, Địa điểm in that
//! order, /GM-), its Kính gửi (CV-4 formatting) and its required fields.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::inspect::MM;

#[test]
fn a_meeting_invitation_follows_the_decree() {
    let pages = pages_of(&vi_du("giay-moi-hop.yaml"));
    check_nd30_rules(&pages, "GIẤY MỜI");
    assert_eq!(pages.len(), 1, "an invitation on one sheet");
    let p = &pages[0];
    assert_eq!(so_ky_hieu_of(p), "GM-SDTTG", "rule 18: /GM-");
    let trich = line(p, "Họp triển khai công tác chuẩn bị các lớp");
    assert!(trich.all_bold() && trich.y > line(p, "GIẤY MỜI").y);
    // The invitees under the trích yếu's rule, dashes under the colon.
    let (label, dashes) = kinh_gui_lines(p);
    assert_eq!(label.text, "Kính gửi:");
    assert!((label.x - (LEFT + 35.0 * MM)).abs() < 0.5 * MM, "Kính gửi at 35 mm: {}", label.x - LEFT);
    let rule = p.rules.iter().filter(|r| r.y < label.y).map(|r| r.y).fold(0.0, f64::max);
    assert!(rule > trich.y && label.y > rule, "under the trích yếu's rule");
    let texts: Vec<&str> = dashes.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "- Ủy ban nhân dân các huyện;",
            "- Phòng Dân tộc và Tôn giáo các huyện;",
            "- Hội Liên hiệp Phụ nữ tỉnh."
        ]
    );
    for d in &dashes {
        assert!((d.x - dashes[0].x).abs() < 0.5 * MM, "dashes aligned");
        assert!(
            (d.x - colon_end(&label)).abs() <= 2.0 * MM,
            "dash under the colon: {}",
            d.x - colon_end(&label)
        );
    }
    // Rule 18 and the decree's order of the body (nd30.md §5).
    let all: Vec<_> = pages.iter().flat_map(|p| p.lines()).collect();
    let at = |prefix: &str| {
        all.iter().position(|l| l.text.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix:?}"))
    };
    let order = [
        at("Sở Dân tộc và Tôn giáo trân trọng kính mời: đại diện lãnh đạo quý cơ quan"),
        at("Tới dự cuộc họp triển khai công tác chuẩn bị"),
        at("Chủ trì: Đồng chí Hoàng Thị Thu Hà, Phó Giám đốc Sở."),
        at("Thời gian: 08 giờ 00, ngày 04 tháng 6 năm 2025."),
        at("Địa điểm: Phòng họp tầng 2, Sở Dân tộc và Tôn giáo"),
        at("Thành phần:"),
        at("- Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện;"),
        at("Đề nghị các đại biểu nghiên cứu dự thảo"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(dashes.last().unwrap().y < all[order[0]].y, "Kính gửi before the body");
    assert_eq!(all[order[5]].text, "Thành phần:");
    for i in &order {
        assert!(!all[*i].all_bold() && (all[*i].size() - 14.0).abs() < 0.01, "{:?}", all[*i].text);
    }
    let body = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join(" ").replace('\n', " ");
    assert!(body.contains("trước ngày 02/6/2025./."), "the content ends with ./.: {body}");
    assert_eq!(noi_nhan(&pages)[0], "- Như trên;");
}

fn example_with(from: &str, to: &str) -> tempfile::TempDir {
    let yaml = std::fs::read_to_string(vi_du("giay-moi-hop.yaml")).unwrap();
    assert!(yaml.contains(from), "{from}");
    folder(&[("gm.yaml", &yaml.replacen(from, to, 1))])
}

#[test]
fn ten_loai_may_say_giay_moi_hop_and_one_participant_stands_on_its_line() {
    let dir = example_with("trich_yeu:", "ten_loai: GIẤY MỜI HỌP\ntrich_yeu:");
    let pages = pages_of(&dir.path().join("gm.yaml"));
    check_nd30_rules(&pages, "GIẤY MỜI HỌP");
    let yaml = std::fs::read_to_string(dir.path().join("gm.yaml")).unwrap();
    let one = yaml.replace(
        "thanh_phan:\n  - Đại diện lãnh đạo Ủy ban nhân dân các huyện\n  - Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện\n  - Đại diện Hội Liên hiệp Phụ nữ tỉnh\n",
        "thanh_phan: Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện\n",
    );
    std::fs::write(dir.path().join("gm.yaml"), one).unwrap();
    let pages = pages_of(&dir.path().join("gm.yaml"));
    line(&pages[0], "Thành phần: Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện.");
}

/// The findings of `check` on the example changed so.
fn findings(from: &str, to: &str) -> Vec<(String, MucDo)> {
    let dir = example_with(from, to);
    let found = check(&engine(), &dir.path().join("gm.yaml")).unwrap();
    found
        .into_iter()
        .map(|f| (f.human().replace(&format!("{}/", dir.path().display()), ""), f.severity))
        .collect()
}

#[test]
fn chu_tri_thoi_gian_and_dia_diem_are_required_and_the_code_is_gm() {
    assert_eq!(findings("luu: VT", "luu: VT"), vec![], "the example is clean");
    let missing = findings("chu_tri: Đồng chí Hoàng Thị Thu Hà, Phó Giám đốc Sở\n", "");
    assert!(missing[0].0.contains("lỗi: thiếu trường bắt buộc 'chu_tri'"), "{missing:?}");
    assert_eq!(
        findings("thoi_gian: 08 giờ 00, ngày 04 tháng 6 năm 2025", "thoi_gian: ''"),
        vec![("gm.yaml:21: lỗi: trường 'thoi_gian': không được để trống".to_owned(), MucDo::Loi)]
    );
    let blank =
        findings("dia_diem: Phòng họp tầng 2, Sở Dân tộc và Tôn giáo, thành phố Lạng Sơn", "dia_diem: ''");
    assert_eq!(
        blank,
        vec![("gm.yaml:22: lỗi: trường 'dia_diem': không được để trống".to_owned(), MucDo::Loi)]
    );
    let code = findings("ky_hieu: GM-SDTTG", "ky_hieu: KH-SDTTG");
    assert!(code[0].0.contains("phải bắt đầu bằng chữ viết tắt tên loại 'GM-'"), "{code:?}");
}

/// Without Kính gửi and without anyone in "… trân trọng kính mời:", the
/// participants listed are the ones invited, as real invitations have it
/// ("Thành phần mời: - …"): listed under that sentence, not again after
/// Địa điểm.
#[test]
fn without_kinh_gui_the_participants_are_the_ones_invited() {
    let dir = example_with(
        "kinh_gui:\n  - Ủy ban nhân dân các huyện\n  - Phòng Dân tộc và Tôn giáo các huyện\n  - Hội Liên hiệp Phụ nữ tỉnh\n",
        "",
    );
    let found = check(&engine(), &dir.path().join("gm.yaml")).unwrap();
    assert!(found.iter().all(|f| !f.is_error()), "{found:?}");
    let pages = pages_of(&dir.path().join("gm.yaml"));
    let all: Vec<String> = pages.iter().flat_map(|p| p.lines()).map(|l| l.text.clone()).collect();
    let at =
        all.iter().position(|l| l == "Sở Dân tộc và Tôn giáo trân trọng kính mời:").expect("the sentence");
    assert_eq!(
        all[at + 1..at + 4],
        [
            "- Đại diện lãnh đạo Ủy ban nhân dân các huyện;",
            "- Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện;",
            "- Đại diện Hội Liên hiệp Phụ nữ tỉnh."
        ]
    );
    assert!(all[at + 4].starts_with("Tới dự cuộc họp"), "{all:?}");
    assert!(!all.iter().any(|l| l.starts_with("Thành phần")), "{all:?}");
    assert!(!all.iter().any(|l| l == "Kính gửi:"), "{all:?}");
}

#[test]
fn an_invitation_without_invitees_is_refused() {
    let yaml = std::fs::read_to_string(vi_du("giay-moi-hop.yaml")).unwrap();
    let without = yaml.replace(
        "kinh_gui:\n  - Ủy ban nhân dân các huyện\n  - Phòng Dân tộc và Tôn giáo các huyện\n  - Hội Liên hiệp Phụ nữ tỉnh\n",
        "",
    );
    let without = without.replace(
        "thanh_phan:\n  - Đại diện lãnh đạo Ủy ban nhân dân các huyện\n  - Lãnh đạo Phòng Dân tộc và Tôn giáo các huyện\n  - Đại diện Hội Liên hiệp Phụ nữ tỉnh\n",
        "",
    );
    assert_ne!(without, yaml);
    assert!(!without.contains("thanh_phan") && !without.contains("kinh_gui"));
    let dir = folder(&[("gm.yaml", &without)]);
    let found = check(&engine(), &dir.path().join("gm.yaml")).unwrap();
    let errors: Vec<_> = found.iter().filter(|f| f.is_error()).collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    assert_eq!(found[0].field, "kinh_gui");
    assert_eq!(found[0].severity, MucDo::Loi);
    assert!(
        found[0].message.starts_with("Giấy mời họp phải ghi những nơi được mời ở khóa 'kinh_gui'"),
        "{}",
        found[0].message
    );
}

/// A table under what the meeting is about (`bang`): the units and how
/// many each sends, set in the body's width between the "Tới dự" paragraph
/// and "Chủ trì:", as a batch letter sets its quotas; a row that does not
/// fit the columns is refused, naming it.
#[test]
fn a_table_stands_between_the_meeting_and_chu_tri() {
    let table =
        "bang:\n  cot: [Đơn vị, Số người]\n  dong: [[Xã Chi Lăng, '2'], [Phường Tam Thanh, '3']]\nchu_tri:";
    let dir = example_with("chu_tri:", table);
    let pages = pages_of(&dir.path().join("gm.yaml"));
    check_nd30_rules(&pages, "GIẤY MỜI");
    let p = &pages[0];
    let (head, row, chu_tri) = (line(p, "Đơn vị"), line(p, "Phường Tam Thanh"), line(p, "Chủ trì:"));
    assert!(line(p, "Tới dự").y < head.y && head.y < row.y && row.y < chu_tri.y);
    assert!(head.runs[0].bold, "the header row in bold: {head:?}");
    let grid: Vec<_> = p.vertical.iter().filter(|r| r.y >= line(p, "Tới dự").y && r.y < chu_tri.y).collect();
    assert!(!grid.is_empty(), "the table's rules");
    for r in &grid {
        assert!(r.x >= LEFT - 0.5 && r.x <= text_right(p) + 0.5, "inside the text width: {r:?}");
    }
    let bad = findings("chu_tri:", "bang:\n  cot: [Đơn vị, Số người]\n  dong: [[Xã Chi Lăng]]\nchu_tri:");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        bad[0].0, "gm.yaml:22: lỗi: trường 'bang.dong[0]': dòng có 1 ô nhưng bảng có 2 cột",
        "{bad:?}"
    );
}
