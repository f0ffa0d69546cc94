//! Biên bản (`bien-ban`, NĐ30 Mẫu 1.9): the minutes laid out and checked
//! against nd30-kinds.md §7.1 (BB-1 … BB-4) and the rules of §8 that §14
//! keeps for it; its own rules in `check`.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::inspect::{Line, MM, PageFacts};

fn minutes() -> Vec<PageFacts> {
    pages_of(&example("bien-ban.yaml"))
}

/// The page holding both signature headings, and the headings.
fn signature_headings(pages: &[PageFacts]) -> (&PageFacts, Line, Line) {
    let page = pages.iter().find(|p| p.line_starting("THƯ KÝ").is_some()).expect("THƯ KÝ");
    let lines = page.lines();
    let thu_ky = lines.iter().find(|l| l.text == "THƯ KÝ").expect("THƯ KÝ alone on its line").clone();
    let runs: Vec<_> = page.runs.iter().filter(|r| r.text == "CHỦ TỌA").collect();
    assert_eq!(runs.len(), 1, "one CHỦ TỌA heading");
    let chu_toa = lines.iter().find(|l| l.runs.iter().any(|r| r.text == "CHỦ TỌA")).unwrap().clone();
    (page, thu_ky, chu_toa)
}

#[test]
fn the_minutes_follow_mau_1_9() {
    let pages = minutes();
    check_nd30_rules_bien_ban(&pages);
    let p = &pages[0];
    // BB-1: the title, and /BB- in the symbol.
    assert_eq!(line(p, "Số:").text, "Số: 01/BB-SDTTG");
    assert_eq!(so_ky_hieu_of(p), "BB-SDTTG");
    let name = line(p, "Họp Ban Tổ chức các lớp tập huấn");
    assert!(name.all_bold() && name.y > line(p, "BIÊN BẢN").y, "the meeting's name, bold, under BIÊN BẢN");
    // BB-2: no date row beside Số (rules 6–7 do not apply), and the fixed
    // labels of the body in the model's order.
    let so = line(p, "Số:");
    assert!(p.lines().iter().all(|l| (l.y - so.y).abs() > 1.0 || l.text == so.text), "Số alone on its row");
    let all: Vec<Line> = pages.iter().flat_map(|p| p.lines()).collect();
    let at = |prefix: &str| {
        all.iter().position(|l| l.text.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix:?}"))
    };
    let order = [
        at("Thời gian bắt đầu: 14 giờ 00, ngày 26 tháng 5 năm 2025."),
        at("Địa điểm: Phòng họp tầng 2, Sở Dân tộc và Tôn giáo"),
        at("Thành phần tham dự:"),
        at("- Bà Hoàng Thị Thu Hà, Phó Giám đốc Sở, Trưởng Ban Tổ chức;"),
        at("Chủ trì (chủ toạ): Hoàng Thị Thu Hà, Phó Giám đốc Sở, Trưởng Ban Tổ chức."),
        at("Thư ký (người ghi biên bản): Hà Thị Ngọc, chuyên viên Phòng Chính sách."),
        at("Nội dung (theo diễn biến cuộc họp/hội nghị/hội thảo):"),
        at("I. Ý KIẾN CỦA CÁC THÀNH VIÊN"),
        at("Cuộc họp kết thúc vào 16 giờ 30, ngày 26 tháng 5 năm 2025./."),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for i in [order[0], order[1], order[4], order[8]] {
        assert!(!all[i].all_bold() && (all[i].size() - 14.0).abs() < 0.01, "{:?}", all[i].text);
        assert!((all[i].x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM, "1 cm indent: {:?}", all[i].text);
    }
    // The closing line is the body's last: the signatures follow it.
    let (page, thu_ky, _) = signature_headings(&pages);
    let closing = line(page, "Cuộc họp kết thúc vào");
    assert!(closing.y < thu_ky.y);
    assert!(!page.lines().iter().any(|l| l.y > closing.y + 1.0 && l.y < thu_ky.y - 1.0), "nothing between");
}

#[test]
fn thu_ky_left_and_chu_toa_right_share_a_baseline_with_the_names_below_and_noi_nhan_under_them() {
    let pages = minutes();
    let (page, thu_ky, chu_toa) = signature_headings(&pages);
    let centre = (LEFT + text_right(page)) / 2.0;
    // BB-3: bold upper case 13–14 pt, one baseline (±1 pt), either side of the centre.
    for h in [&thu_ky, &chu_toa] {
        assert!(h.all_bold() && (13.0..=14.0).contains(&h.size()), "{h:?}");
    }
    assert!((thu_ky.y - chu_toa.y).abs() <= 1.0, "{} vs {}", thu_ky.y, chu_toa.y);
    assert!(thu_ky.end < centre && chu_toa.x > centre, "THƯ KÝ left, CHỦ TỌA right");
    // Centred in their columns (Mẫu 1.9: 60 / 7.5 / 97.5 mm).
    assert!((thu_ky.centre() - (LEFT + 30.0 * MM)).abs() < 0.5 * MM, "{}", (thu_ky.centre() - LEFT) / MM);
    let right_centre = LEFT + 67.5 * MM + (text_right(page) - LEFT - 67.5 * MM) / 2.0;
    assert!((chu_toa.centre() - right_centre).abs() < 0.5 * MM);
    // Note 5: the official title under CHỦ TỌA, on its axis.
    let title = line(page, "PHÓ GIÁM ĐỐC SỞ");
    assert!(title.y > chu_toa.y && title.all_bold() && (title.centre() - chu_toa.centre()).abs() < 0.5 * MM);
    // Each heading followed below by a bold name in normal case, on its axis;
    // both names on one baseline although the blocks differ in lines.
    let name_of = |heading: &Line, name: &str| {
        let l = line(page, name);
        assert_eq!(l.text, name);
        assert!(l.y > heading.y + 20.0 * MM && l.all_bold() && l.text != l.text.to_uppercase(), "{l:?}");
        assert!((l.centre() - heading.centre()).abs() < 0.5 * MM, "{name} under its heading");
        l
    };
    let left = name_of(&thu_ky, "Hà Thị Ngọc");
    let right = name_of(&chu_toa, "Hoàng Thị Thu Hà");
    assert!((left.y - right.y).abs() <= 1.0, "names on one baseline: {} vs {}", left.y, right.y);
    // BB-4: Nơi nhận below both names, flush left, "- Lưu: VT, Hồ sơ." last.
    let label = line(page, "Nơi nhận:");
    assert!(label.y > left.y + 6.0 && label.y > right.y + 6.0, "Nơi nhận under the names");
    assert!((label.x - LEFT).abs() < 0.5 * MM);
    assert_eq!(
        noi_nhan(&pages),
        [
            "- Giám đốc Sở (để báo cáo);",
            "- Các phòng thuộc Sở:",
            "+ Văn phòng Sở;",
            "+ Phòng Chính sách;",
            "- Các thành viên Ban Tổ chức;",
            "- Lưu: VT, Hồ sơ."
        ]
    );
}

fn example_with(from: &str, to: &str) -> tempfile::TempDir {
    let yaml = std::fs::read_to_string(example("bien-ban.yaml")).unwrap();
    assert!(yaml.contains(from), "{from}");
    folder(&[("bb.yaml", &yaml.replacen(from, to, 1))])
}

/// `check`'s findings on the example changed so, as it prints them.
fn findings(from: &str, to: &str) -> Vec<(String, MucDo)> {
    let dir = example_with(from, to);
    let found = check(&engine(), &dir.path().join("bb.yaml")).unwrap();
    found
        .into_iter()
        .map(|f| (f.human().replace(&format!("{}/", dir.path().display()), ""), f.severity))
        .collect()
}

#[test]
fn the_rules_of_a_biên_ban() {
    assert_eq!(findings("luu: VT, Hồ sơ", "luu: VT, Hồ sơ"), vec![], "the example is clean");
    assert_eq!(
        findings("ket_thuc: 16 giờ 30", "ket_thuc: 13:45"),
        vec![(
            "bb.yaml:16: lỗi: trường 'ket_thuc': cuộc họp kết thúc lúc 13 giờ 45 nhưng bắt đầu lúc 14 giờ 00: giờ kết thúc phải sau giờ bắt đầu".to_owned(),
            MucDo::Loi
        )]
    );
    let code = findings("ky_hieu: BB-SDTTG", "ky_hieu: KH-SDTTG");
    assert!(code[0].0.contains("phải bắt đầu bằng chữ viết tắt tên loại 'BB-'"), "{code:?}");
    let time = findings("bat_dau: 14 giờ 00", "bat_dau: 14 giờ 75");
    assert!(time[0].0.starts_with("bb.yaml:15:"), "{time:?}");
    assert!(time[0].0.contains("giờ '14 giờ 75' không tồn tại"), "{time:?}");
    let missing = findings("thu_ky:\n  ho_ten: Hà Thị Ngọc\n  chuc_vu: chuyên viên Phòng Chính sách\n", "");
    assert!(missing[0].0.contains("lỗi: thiếu trường bắt buộc 'thu_ky'"), "{missing:?}");
    assert_eq!(
        findings("  ho_ten: Hà Thị Ngọc", "  ho_ten: ''"),
        vec![("bb.yaml:29: lỗi: trường 'thu_ky.ho_ten': không được để trống".to_owned(), MucDo::Loi)]
    );
    let titled = findings("  ho_ten: Hoàng Thị Thu Hà", "  ho_ten: TS. Hoàng Thị Thu Hà");
    assert_eq!(titled.len(), 1, "{titled:?}");
    assert!(titled[0].0.contains("trường 'chu_toa.ho_ten': 'TS.' trước họ tên người ký"), "{titled:?}");
    assert_eq!(titled[0].1, MucDo::CanhBao);
    // A Biên bản has no Kính gửi, nor a date line to write.
    let kinh_gui = findings("dia_diem:", "kinh_gui: Sở Tài chính\ndia_diem:");
    assert!(kinh_gui[0].0.contains("trường 'kinh_gui' không được phép ở đây"), "{kinh_gui:?}");
}
