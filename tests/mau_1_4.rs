//! The Mẫu 1.4 family beyond the plan: Tờ trình (with Kính gửi) and Thông
//! báo, laid out and checked against NĐ30 §8 and nd30-kinds.md §4 (TL-1,
//! TL-2, TL-3) and the Kính gửi rules (CV-4).

mod common;

use common::*;
use vanban::inspect::MM;

#[test]
fn a_to_trinh_addresses_its_superiors_with_dashes_under_the_colon() {
    let pages = pages_of(&example("to-trinh.yaml"));
    check_nd30_rules(&pages, "TỜ TRÌNH");
    let p = &pages[0];
    // TL-1: the tên loại and the type code agree, case-exact.
    let so = line(p, "Số:").text;
    assert!(
        so.ends_with("/TTr-SDTTG") && so.trim_start_matches(['S', 'ố', ':', '\u{a0}', ' ']).starts_with('/'),
        "{so}"
    );
    // TL-2 / CV-4: after the trích yếu's rule, before the body.
    let (label, dashes) = kinh_gui_lines(p);
    assert_eq!(label.text, "Kính gửi:");
    assert!(!label.all_bold() && !label.all_italic() && (label.size() - 14.0).abs() < 0.01);
    assert!((label.x - (LEFT + 35.0 * MM)).abs() < 0.5 * MM, "Kính gửi at 35 mm: {}", label.x - LEFT);
    let rule = p.rules.iter().filter(|r| r.y < label.y).map(|r| r.y).fold(0.0, f64::max);
    let trich = line(p, "lớp tập huấn thực hiện");
    assert!(rule > trich.y && label.y > rule, "under the trích yếu's rule");
    let body = line(p, "Căn cứ Kế hoạch số 89");
    assert!(body.y > dashes.last().unwrap().y, "before the body");
    let texts: Vec<&str> = dashes.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["- Ủy ban nhân dân tỉnh Lạng Sơn;", "- Sở Tài chính tỉnh Lạng Sơn."]);
    for d in &dashes {
        assert!((d.x - dashes[0].x).abs() < 0.5 * MM, "dashes aligned");
        assert!(
            (d.x - colon_end(&label)).abs() <= 2.0 * MM,
            "dash under the colon: {}",
            d.x - colon_end(&label)
        );
        assert!(!d.all_bold() && (d.size() - 14.0).abs() < 0.01);
    }
    // Nơi nhận starts "- Như trên;".
    assert_eq!(noi_nhan(&pages)[0], "- Như trên;");
    // The closing sentence ends the content.
    let last = pages.last().unwrap().text().replace('\n', " ");
    assert!(last.contains("kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./."), "{last}");
}

#[test]
fn one_recipient_stands_on_the_kinh_gui_line_and_nhu_tren_is_added() {
    let yaml = std::fs::read_to_string(example("to-trinh.yaml"))
        .unwrap()
        .replace(
            "kinh_gui:\n  - Ủy ban nhân dân tỉnh Lạng Sơn\n  - Sở Tài chính tỉnh Lạng Sơn\n",
            "kinh_gui: Ủy ban nhân dân tỉnh Lạng Sơn\n",
        )
        .replace("noi_nhan:\n  - Như trên\n", "noi_nhan:\n");
    let dir = folder(&[("tt.yaml", &yaml)]);
    let pages = pages_of(&dir.path().join("tt.yaml"));
    let (label, dashes) = kinh_gui_lines(&pages[0]);
    assert_eq!(label.text, "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn");
    assert!(dashes.is_empty());
    let entries = noi_nhan(&pages);
    assert_eq!(entries[0], "- Như trên;", "added when the data leaves it out");
    assert_eq!(entries.iter().filter(|l| *l == "- Như trên;").count(), 1);
}

#[test]
fn a_thong_bao_has_no_kinh_gui() {
    let pages = pages_of(&example("thong-bao.yaml"));
    check_nd30_rules(&pages, "THÔNG BÁO");
    let p = &pages[0];
    assert!(line(p, "Số:").text.ends_with("/TB-SDTTG"));
    assert!(pages.iter().all(|p| !p.text().contains("Kính gửi")), "TL-3");
    let trich = line(p, "Thay đổi thời gian tổ chức lớp tập huấn CT3-2");
    assert!(trich.all_bold());
    assert!(p.text().contains("Sở Dân tộc và Tôn giáo trân trọng thông báo./."));
}
