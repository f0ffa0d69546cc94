//! Công điện (`cong-dien`, NĐ30 Mẫu 1.6), laid out and checked against NĐ30
//! §8 and nd30-kinds.md §5: CD-1 (CÔNG ĐIỆN, /CĐ-), CD-2 (a centred
//! "… điện:" line between the trích yếu's rule and the body), CD-3 (the
//! recipients as "- …;" lines at one x ≥ 30 mm in, the last ending "."),
//! and a footnote of its body at the foot of the page.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::inspect::MM;

#[test]
fn the_example_follows_mau_1_6() {
    let pages = pages_of(&vi_du("cong-dien.yaml"));
    check_nd30_rules(&pages, "CÔNG ĐIỆN");
    let p = &pages[0];
    // CD-1.
    assert_eq!(line(p, "Số:").text, "Số: 02/CĐ-SDTTG");
    let title = line(p, "CÔNG ĐIỆN");
    let trich = line(p, "Hoãn lớp tập huấn CT3-2");
    assert_eq!(trich.text, "Hoãn lớp tập huấn CT3-2 Dự án 8 năm 2025 do ảnh hưởng của bão số 1");
    assert!(trich.all_bold() && (trich.size() - 14.0).abs() < 0.01 && trich.y > title.y);
    let rule = p.rules.iter().find(|r| r.y > trich.y && r.y < trich.y + 12.0).expect("the trích yếu's rule");
    // CD-2: the sender line, centred, 14 pt, the name bold, after an empty line.
    let sender = line(p, "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO");
    assert_eq!(sender.text, "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO điện:");
    let centre = (LEFT + text_right(p)) / 2.0;
    assert!((sender.centre() - centre).abs() < 0.5 * MM, "centred: {}", sender.centre() - centre);
    assert!(sender.runs.iter().all(|r| (r.size - 14.0).abs() < 0.01));
    assert!(sender.runs.iter().filter(|r| r.text.contains("GIÁM ĐỐC")).all(|r| r.bold));
    assert!(sender.y - rule.y > 1.3 * 14.0, "an empty line after the rule: {}", sender.y - rule.y);
    let lines = p.lines();
    assert!(lines.iter().all(|l| !l.text.starts_with("Kính gửi")), "no Kính gửi");
    // CD-3: directly after it, the recipients.
    let at = lines.iter().position(|l| l.text == sender.text).unwrap();
    let dashes: Vec<_> = lines[at + 1..].iter().take_while(|l| l.text.starts_with("- ")).collect();
    let texts: Vec<&str> = dashes.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "- Ủy ban nhân dân huyện Bình Gia;",
            "- Ủy ban nhân dân huyện Bắc Sơn;",
            "- Phòng Dân tộc và Tôn giáo các huyện Bình Gia, Bắc Sơn;",
            "- Các học viên lớp CT3-2."
        ]
    );
    for d in &dashes {
        assert!((d.x - dashes[0].x).abs() < 0.5, "one x: {:?}", d.text);
        assert!(
            (d.x - (LEFT + 35.0 * MM)).abs() < 1.0 * MM,
            "35 mm in (template 35.6): {}",
            (d.x - LEFT) / MM
        );
        assert!((d.size() - 14.0).abs() < 0.01 && !d.all_bold());
    }
    assert!(dashes[1].y - dashes[0].y >= 14.0 * 1.15 + 6.0 - 0.5, "6 pt before each");
    // The body after them, indented 1 cm.
    let body = line(p, "Theo bản tin của Đài Khí tượng Thủy văn tỉnh");
    assert!(body.y > dashes.last().unwrap().y && (body.x - (LEFT + 10.0 * MM)).abs() < 0.5);
    // Its footnote: the number after "tỉnh", the text at the foot, 12 pt.
    let word = p.runs.iter().find(|r| r.text.ends_with("Thủy văn tỉnh")).expect("the word");
    let marker = p
        .runs
        .iter()
        .find(|m| (m.x - (word.x + word.width)).abs() < 1.0 && m.y < word.y - 1.0 && m.y > word.y - 10.0)
        .expect("a raised number");
    assert_eq!(marker.text, "1");
    let note = line(p, "Bản tin dự báo bão khẩn cấp phát lúc 10 giờ 00 ngày 12 tháng 6 năm 2025.");
    assert!(note.runs.iter().all(|r| (r.size - 12.0).abs() < 0.01), "{:?}", note.runs);
    let signer = line(p, "Nông Văn Hùng");
    assert!(note.y > signer.y && note.y <= p.height - BOTTOM, "at the foot of the page");
    assert_eq!(noi_nhan(&pages)[0], "- Như trên;");
}

/// The findings of `check` on the example changed so.
fn findings(from: &str, to: &str) -> Vec<(String, MucDo)> {
    let yaml = std::fs::read_to_string(vi_du("cong-dien.yaml")).unwrap();
    assert!(yaml.contains(from), "{from}");
    let dir = folder(&[("cd.yaml", &yaml.replacen(from, to, 1))]);
    let found = check(&engine(), &dir.path().join("cd.yaml")).unwrap();
    found
        .into_iter()
        .map(|f| (f.human().replace(&format!("{}/", dir.path().display()), ""), f.severity))
        .collect()
}

#[test]
fn check_holds_a_cable_to_mau_1_6() {
    assert_eq!(findings("luu: VT", "luu: VT"), vec![], "the example is clean");
    let code = findings("ky_hieu: CĐ-SDTTG", "ky_hieu: CD-SDTTG");
    assert_eq!(
        code,
        vec![(
            "cd.yaml:10: lỗi: trường 'ky_hieu': ký hiệu 'CD-SDTTG' phải bắt đầu bằng chữ viết tắt tên loại 'CĐ-' (NĐ30, Phụ lục III, Mục I)".to_owned(),
            MucDo::Loi
        )]
    );
    let blank = findings("nguoi_dien: GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO", "nguoi_dien: ' '");
    assert!(
        blank[0].0.starts_with("cd.yaml:14: lỗi: trường 'nguoi_dien': công điện phải ghi tên cơ quan"),
        "{blank:?}"
    );
    let trich = findings(
        "trich_yeu: Hoãn lớp tập huấn CT3-2 Dự án 8 năm 2025 do ảnh hưởng của bão số 1",
        "trich_yeu: ''",
    );
    assert_eq!(
        trich,
        vec![("cd.yaml:13: lỗi: trường 'trich_yeu': không được để trống".to_owned(), MucDo::Loi)]
    );
    // "Như trên" names the recipients: first in Nơi nhận.
    let order =
        findings("  - Như trên\n  - UBND tỉnh (để báo cáo)\n", "  - UBND tỉnh (để báo cáo)\n  - Như trên\n");
    assert!(order[0].0.contains("lỗi: trường 'noi_nhan[1]': 'Như trên'"), "{order:?}");
    // A cable has no Kính gửi: its recipients are 'noi_nhan_dien'.
    let kinh_gui = findings("noi_nhan_dien:", "kinh_gui: [Ủy ban nhân dân huyện Bình Gia]\nnoi_nhan_dien:");
    assert!(kinh_gui[0].0.contains("trường 'kinh_gui' không được phép ở đây"), "{kinh_gui:?}");
}
