//! The rest of the Mẫu 1.4 family in `data/vi-du`: Báo cáo (Kính gửi only
//! when sent to a superior), Hướng dẫn and Chương trình, laid out and
//! checked against NĐ30 §8 and nd30-kinds.md §4 (TL-1, TL-3, TL-4); and the
//! folder (with its Giấy mời họp, tests/giay_moi_hop.rs) built by the binary.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::inspect::MM;

#[test]
fn a_bao_cao_to_the_province_has_kinh_gui_and_nhu_tren_first() {
    let pages = pages_of(&vi_du("bao-cao.yaml"));
    check_nd30_rules(&pages, "BÁO CÁO");
    let p = &pages[0];
    // TL-1: the type code in the Số line, case-exact.
    assert_eq!(so_ky_hieu_of(p), "BC-SDTTG");
    // TL-4: Kính gửi under the trích yếu's rule, before the body, one
    // recipient on its line.
    let (label, dashes) = kinh_gui_lines(p);
    assert_eq!(label.text, "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn");
    assert!(dashes.is_empty());
    assert!((label.x - (LEFT + 35.0 * MM)).abs() < 0.5 * MM, "Kính gửi at 35 mm: {}", label.x - LEFT);
    let trich = line(p, "Kết quả chuẩn bị tổ chức các lớp tập huấn");
    assert!(trich.all_bold());
    let rule = p.rules.iter().filter(|r| r.y < label.y).map(|r| r.y).fold(0.0, f64::max);
    assert!(rule > trich.y && label.y > rule, "under the trích yếu's rule");
    assert!(line(p, "Thực hiện Kế hoạch").y > label.y, "before the body");
    assert_eq!(noi_nhan(&pages)[0], "- Như trên;");
    let last = pages.last().unwrap().text().replace('\n', " ");
    assert!(last.contains("kính báo cáo Ủy ban nhân dân tỉnh./."), "{last}");
}

/// The Báo cáo without its Kính gửi: a report that goes to no superior.
fn bao_cao_without_kinh_gui(keep_nhu_tren: bool) -> String {
    let yaml = std::fs::read_to_string(vi_du("bao-cao.yaml")).unwrap();
    let yaml = yaml.replace("kinh_gui: Ủy ban nhân dân tỉnh Lạng Sơn\n", "");
    if keep_nhu_tren { yaml } else { yaml.replace("  - Như trên\n", "") }
}

#[test]
fn a_bao_cao_without_kinh_gui_has_neither_kinh_gui_nor_nhu_tren() {
    let dir = folder(&[("bc.yaml", &bao_cao_without_kinh_gui(false))]);
    let path = dir.path().join("bc.yaml");
    assert_eq!(check(&engine(), &path).unwrap(), vec![], "Kính gửi is optional for a Báo cáo");
    let pages = pages_of(&path);
    check_nd30_rules(&pages, "BÁO CÁO");
    assert!(pages.iter().all(|p| !p.text().contains("Kính gửi")));
    let entries = noi_nhan(&pages);
    assert_eq!(entries[0], "- Văn phòng Ủy ban nhân dân tỉnh;", "{entries:?}");
    assert!(entries.iter().all(|e| !e.contains("Như trên")), "not added without Kính gửi: {entries:?}");
}

#[test]
fn nhu_tren_without_kinh_gui_is_a_warning() {
    let dir = folder(&[("bc.yaml", &bao_cao_without_kinh_gui(true))]);
    let findings = check(&engine(), &dir.path().join("bc.yaml")).unwrap();
    let lines: Vec<String> = findings.iter().map(|f| f.human()).collect();
    assert_eq!(
        lines,
        ["bc.yaml:42: cảnh báo: trường 'noi_nhan[0]': 'Như trên' chỉ những nơi ở dòng Kính gửi, mà văn bản không có 'Kính gửi': bỏ dòng này, hoặc thêm khóa 'kinh_gui' (NĐ30, Phụ lục I, II.9.d)"]
            .map(|s| format!("{}/{s}", dir.path().display()))
    );
    assert_eq!(findings[0].severity, MucDo::CanhBao);
}

#[test]
fn a_huong_dan_has_its_code_and_no_kinh_gui() {
    let pages = pages_of(&vi_du("huong-dan.yaml"));
    check_nd30_rules(&pages, "HƯỚNG DẪN");
    let p = &pages[0];
    assert_eq!(so_ky_hieu_of(p), "HD-SDTTG");
    assert!(pages.iter().all(|p| !p.text().contains("Kính gửi")), "TL-3");
    assert!(line(p, "Lựa chọn học viên tham dự các lớp tập huấn").all_bold());
    let section = line(p, "I. MỤC ĐÍCH, YÊU CẦU");
    assert!(section.all_bold());
}

#[test]
fn a_chuong_trinh_keeps_its_mixed_case_code_and_has_its_sessions_as_sections() {
    let pages = pages_of(&vi_du("chuong-trinh.yaml"));
    check_nd30_rules(&pages, "CHƯƠNG TRÌNH");
    let p = &pages[0];
    assert_eq!(so_ky_hieu_of(p), "CTr-SDTTG", "CTr, case-exact");
    assert!(pages.iter().all(|p| !p.text().contains("Kính gửi")));
    let all: Vec<_> = pages.iter().flat_map(|p| p.lines()).collect();
    let headings: Vec<&str> = all
        .iter()
        .filter(|l| l.all_bold() && (l.text.starts_with("I") || l.text.starts_with(char::is_numeric)))
        .map(|l| l.text.as_str())
        .filter(|t| t.contains(". "))
        .collect();
    assert_eq!(
        headings,
        [
            "I. NGÀY THỨ NHẤT (THỨ BA, NGÀY 17/6/2025)",
            "1. Buổi sáng",
            "2. Buổi chiều",
            "II. NGÀY THỨ HAI (THỨ TƯ, NGÀY 18/6/2025)",
            "1. Buổi sáng",
            "2. Buổi chiều",
        ]
    );
}

#[test]
fn the_vi_du_folder_checks_clean_and_builds_with_the_binary() {
    assert_eq!(check(&engine(), &repo().join("data/vi-du")).unwrap(), vec![]);
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "data/vi-du", "--out"])
        .arg(out.path())
        .current_dir(repo())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["bao-cao.pdf", "chuong-trinh.pdf", "cong-dien.pdf", "giay-moi-hop.pdf", "huong-dan.pdf"]
    );
    for name in &written {
        let bytes = std::fs::read(out.path().join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000, "{name}");
    }
    assert!(stderr.contains("xong: 5 văn bản, 5 tệp PDF, 0 lỗi"), "{stderr}");
}

/// A report in parts: "Phần I" and its title in capitals, two bold lines
/// centred on the text block (PL I II.6.c); the lettered groups in bold
/// capitals at the sections' indent; the sections of each part and group
/// numbered again from I.; the decree's rules hold.
#[test]
fn a_report_in_parts_numbers_its_sections_again_in_each_part_and_group() {
    let dir = folder(&[("bc.yaml", BAO_CAO_CAC_PHAN)]);
    let path = dir.path().join("bc.yaml");
    assert_eq!(check(&engine(), &path).unwrap(), vec![]);
    let pages = pages_of(&path);
    check_nd30_rules(&pages, "BÁO CÁO");
    let lines: Vec<vanban::inspect::Line> = pages.iter().flat_map(|p| p.lines()).collect();
    let p = &pages[0];
    let centre = (LEFT + text_right(p)) / 2.0;
    for (phan, ten) in
        [("Phần I", "KẾT QUẢ THỰC HIỆN CHÍNH SÁCH CHUNG"), ("Phần II", "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN")]
    {
        let i = lines.iter().position(|l| l.text == phan).unwrap_or_else(|| panic!("no {phan}"));
        let (nhan, tieu_de) = (&lines[i], &lines[i + 1]);
        assert_eq!(tieu_de.text, ten);
        for l in [nhan, tieu_de] {
            assert!(l.all_bold() && (l.size() - 14.0).abs() < 0.01, "{}", l.text);
            assert!((l.centre() - centre).abs() < 0.5 * MM, "{} centred: {}", l.text, l.centre() - centre);
        }
    }
    let a = lines.iter().find(|l| l.text.starts_with("A. ")).expect("group A");
    assert_eq!(a.text, "A. ĐỀ ÁN ĐÀO TẠO CÁN BỘ KHOA HỌC, KỸ THUẬT");
    assert!(a.all_bold() && (a.x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM);
    let b = lines.iter().find(|l| l.text.starts_with("B. ")).expect("group B");
    assert!(b.text.starts_with("B. ĐỀ ÁN ĐÀO TẠO NGUỒN NHÂN LỰC") && b.all_bold());
    // The numbered headings in order: each part and group starts at I.
    let so: Vec<&str> = lines
        .iter()
        .filter(|l| l.all_bold() && (l.x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM)
        .filter(|l| l.text.split(' ').next().is_some_and(|w| w.ends_with('.') && w.len() <= 4))
        .map(|l| l.text.split(' ').next().unwrap())
        .collect();
    assert_eq!(so, ["I.", "II.", "1.", "A.", "I.", "II.", "B.", "I."]);
}

/// A part inside a section, or a group inside a group, is refused with the
/// field and what the clerk should do.
#[test]
fn a_part_inside_a_section_is_refused() {
    let yaml = BAO_CAO_CAC_PHAN.replace(
        "      - muc: Tình hình triển khai\n        noi_dung:\n",
        "      - muc: Tình hình triển khai\n        noi_dung:\n          - phan: Lạc chỗ\n",
    );
    let dir = folder(&[("bc.yaml", &yaml)]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", dir.path().to_str().unwrap(), "--out", dir.path().join("ra").to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains(
            "phần 'Lạc chỗ' nằm trong một mục hay một phần khác: 'phan' chỉ đặt ở cấp ngoài cùng của nội dung"
        ),
        "{err}"
    );
    assert!(!dir.path().join("ra/bc.pdf").exists());
}

/// A part's and a group's titles are text, whatever they hold: Typst's
/// markup and code in them change nothing of the page (PL I: A4), and show
/// as typed, in capitals.
#[test]
fn part_and_group_titles_are_text_never_markup() {
    let nasty = [
        r#"Kết quả"); #set page(width: 1cm); #("#,
        "]#panic(\"x\")[ $x^2$ <nhan> @nhan",
        "#import \"/etc/passwd\": *",
    ];
    for ten in nasty {
        let yaml = BAO_CAO_CAC_PHAN
            .replace(
                "  - phan: Kết quả thực hiện chính sách chung\n",
                &format!("  - phan: {}\n", serde_json::to_string(ten).unwrap()),
            )
            .replace(
                "      - nhom: Đề án đào tạo cán bộ khoa học, kỹ thuật\n",
                &format!("      - nhom: {}\n", serde_json::to_string(ten).unwrap()),
            );
        let dir = folder(&[("bc.yaml", &yaml)]);
        let pages = pages_of(&dir.path().join("bc.yaml"));
        assert!(
            pages.iter().all(|p| (p.width - 595.28).abs() < 0.1 && (p.height - 841.89).abs() < 0.1),
            "{ten}"
        );
        let text: String = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
        let flat = |s: &str| s.split_whitespace().collect::<String>();
        let upper = flat(&vanban::vi::upper(ten));
        assert!(flat(&text).matches(&upper).count() >= 2, "{upper:?} twice in {text}");
    }
}
