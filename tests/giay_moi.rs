//! The invitation batch: one letter per district with trainees, each
//! stating its district's quota, class, dates and place.

mod common;

use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::LazyLock;

use common::*;
use vanban::inspect::PageFacts;

/// Lays out a batch file and splits it into its letters' pages.
fn letters(path: &Path) -> Vec<Vec<PageFacts>> {
    let engine = engine();
    let prepared = engine.prepare(path).unwrap_or_else(|e| panic!("{e}"));
    let document = engine.layout(&prepared).unwrap_or_else(|e| panic!("{e}"));
    let ranges: Vec<RangeInclusive<usize>> = vanban::render::record_pages(&document);
    let pages: Vec<PageFacts> = document.pages().iter().map(PageFacts::of).collect();
    ranges.into_iter().map(|r| pages[r.start() - 1..*r.end()].to_vec()).collect()
}

static EXAMPLE: LazyLock<Vec<Vec<PageFacts>>> = LazyLock::new(|| letters(&example("giay-moi.yaml")));

/// The allocation and schedule, written out independently of the
/// data files: (district, [(class, quota, dates)]).
/// (class, quota, dates) of one district.
type Share = (&'static str, u32, &'static str);

const EXPECTED: &[(&str, &[Share])] = &[
    ("Tràng Định", &[("CT2-1", 18, "17-18/6/2025"), ("CT3-1", 40, "08-09/7/2025")]),
    ("Văn Lãng", &[("CT2-1", 16, "17-18/6/2025"), ("CT3-1", 40, "08-09/7/2025")]),
    ("Bình Gia", &[("CT2-1", 18, "17-18/6/2025"), ("CT3-2", 40, "10-11/7/2025")]),
    ("Bắc Sơn", &[("CT2-1", 16, "17-18/6/2025"), ("CT3-2", 40, "10-11/7/2025")]),
    ("Cao Lộc", &[("CT2-1", 12, "17-18/6/2025"), ("CT3-3", 28, "15-16/7/2025")]),
    ("Văn Quan", &[("CT2-2", 16, "19-20/6/2025"), ("CT3-3", 24, "15-16/7/2025")]),
    ("Lộc Bình", &[("CT2-2", 18, "19-20/6/2025"), ("CT3-4", 30, "17-18/7/2025")]),
    ("Chi Lăng", &[("CT2-2", 14, "19-20/6/2025"), ("CT3-3", 28, "15-16/7/2025")]),
    ("Đình Lập", &[("CT2-2", 14, "19-20/6/2025"), ("CT3-4", 26, "17-18/7/2025")]),
    ("Hữu Lũng", &[("CT2-2", 18, "19-20/6/2025"), ("CT3-4", 24, "17-18/7/2025")]),
];

#[test]
fn one_letter_per_district_with_trainees_in_table_order() {
    assert_eq!(EXAMPLE.len(), 10);
    for (letter, (district, _)) in EXAMPLE.iter().zip(EXPECTED) {
        let all = letter[0].text();
        let invite = format!("Sở Dân tộc và Tôn giáo trân trọng kính mời: Ủy ban nhân dân huyện {district}");
        assert!(all.contains(&invite), "{invite} in\n{all}");
    }
    assert!(!EXAMPLE.iter().any(|l| l[0].text().contains("thành phố Lạng Sơn trân")));
}

#[test]
fn each_letter_states_its_quota_classes_dates_and_place() {
    for (letter, (district, classes)) in EXAMPLE.iter().zip(EXPECTED) {
        let p = &letter[0];
        for (class, quota, dates) in classes.iter() {
            let row = p.row(class).unwrap_or_else(|| panic!("{district}: no row {class}"));
            assert!(
                row.starts_with(class) && row.ends_with(&format!("{quota} {dates}")),
                "{district}: {row}"
            );
        }
        let total: u32 = classes.iter().map(|c| c.1).sum();
        assert_eq!(p.row("Tổng").unwrap(), format!("Tổng {total}"), "{district}");
        let text = p.text().replace('\n', " ");
        let first = classes[0];
        assert!(text.contains(&format!("Thời gian: lớp {} từ 7 giờ 30 ngày", first.0)), "{district}: {text}");
        assert!(text.contains("Địa điểm: Hội trường Sở Dân tộc và Tôn giáo, thành phố Lạng Sơn."));
        assert!(text.contains(&format!("- Phòng Dân tộc và Tôn giáo huyện {district};")), "{district}");
    }
}

#[test]
fn each_letter_follows_the_decree() {
    // The example's letters take consecutive numbers from 45.
    assert_eq!(line(&EXAMPLE[0][0], "Số:").text, "Số: 45/GM-SDTTG");
    assert_eq!(line(&EXAMPLE[9][0], "Số:").text, "Số: 54/GM-SDTTG");
    for letter in EXAMPLE.iter() {
        check_nd30_rules(letter, "GIẤY MỜI");
        let p = &letter[0];
        let so = line(p, "Số:");
        assert!(so.text.ends_with("/GM-SDTTG"), "{}", so.text);
        // Mẫu 1.7's order: the invitation, then Chủ trì, Thời gian, Địa điểm.
        let lines = p.lines();
        let at = |prefix: &str| {
            lines.iter().position(|l| l.text.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}"))
        };
        assert!(
            lines[at("Sở Dân tộc và Tôn giáo trân trọng kính mời:")].text.contains("trân trọng kính mời:")
        );
        assert!(
            at("Sở Dân tộc") < at("Chủ trì:")
                && at("Chủ trì:") < at("Thời gian:")
                && at("Thời gian:") < at("Địa điểm:")
        );
        let date = line(p, "Lạng Sơn, ngày");
        assert_eq!(date.text, "Lạng Sơn, ngày 02 tháng 6 năm 2025");
    }
}

fn with_changes(giay_moi: &[(&str, &str)], phan_bo: &[(&str, &str)]) -> tempfile::TempDir {
    let mut gm = std::fs::read_to_string(example("giay-moi.yaml")).unwrap();
    for (a, b) in giay_moi {
        assert!(gm.contains(a), "{a}");
        gm = gm.replace(a, b);
    }
    let mut pb = std::fs::read_to_string(example("phan-bo.yaml")).unwrap();
    for (a, b) in phan_bo {
        assert!(pb.contains(a), "{a}");
        pb = pb.replace(a, b);
    }
    folder(&[("giay-moi.yaml", &gm), ("phan-bo.yaml", &pb)])
}

fn build(dir: &Path) -> (std::process::Output, serde_json::Value) {
    build_dir(dir)
}

fn statuses(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["giay_moi"]["muc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["ten"].as_str().unwrap().into(),
                e["trang_thai"].as_str().unwrap().into(),
                e["ly_do"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}

#[test]
fn the_example_builds_ten_files_the_merged_file_and_a_report() {
    let dir = with_changes(&[], &[]);
    let (o, report) = build(dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("out");
    let mut files: Vec<String> = std::fs::read_dir(out.join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "02-trang-dinh.pdf",
            "03-van-lang.pdf",
            "04-binh-gia.pdf",
            "05-bac-son.pdf",
            "06-cao-loc.pdf",
            "07-van-quan.pdf",
            "08-loc-binh.pdf",
            "09-chi-lang.pdf",
            "10-dinh-lap.pdf",
            "11-huu-lung.pdf"
        ]
    );
    let merged = std::fs::read(out.join("giay-moi.pdf")).unwrap();
    let pages = |b: &[u8]| count(b, b"/Type/Page/");
    assert_eq!(pages(&merged), 10);
    // One bookmark per district, opening its letter.
    let toc = |bytes: &[u8]| -> Vec<(String, usize)> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.get_toc().unwrap().toc.into_iter().map(|t| (t.title, t.page)).collect()
    };
    let expected: Vec<(String, usize)> =
        EXPECTED.iter().enumerate().map(|(i, (d, _))| (d.to_string(), i + 1)).collect();
    assert_eq!(toc(&merged), expected);
    // `render` of the same file writes the same bookmarks.
    let rendered = dir.path().join("gm.pdf");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "render",
            dir.path().join("giay-moi.yaml").to_str().unwrap(),
            "-o",
            rendered.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(toc(&std::fs::read(&rendered).unwrap()), expected);
    let one = std::fs::read(out.join("giay-moi/02-trang-dinh.pdf")).unwrap();
    assert_eq!(pages(&one), 1);
    assert_eq!(report["giay_moi"]["bo_qua"], serde_json::json!(["Thành phố Lạng Sơn"]));
    assert!(statuses(&report).iter().all(|(_, s, _)| s == "da-ghi"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bỏ qua: Thành phố Lạng Sơn (không có học viên)"), "{stderr}");
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn a_class_that_does_not_add_up_fails_its_districts_only() {
    // Cao Lộc gets 2 more CT2 trainees: CT2-1 has 82, and the CT2 total 162.
    let dir =
        with_changes(&[], &[("{ ten: Cao Lộc, so_luong: { CT2: 12", "{ ten: Cao Lộc, so_luong: { CT2: 14")]);
    let (o, _) = build(dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The allocation itself no longer matches the plan: nothing is written.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr.contains(
            "tổng số học viên CT2 của các huyện, thành phố là 162, nhưng 2 lớp × 80 học viên/lớp = 160"
        ),
        "{stderr}"
    );

    // Move 2 trainees from Văn Quan (CT2-2) to Cao Lộc (CT2-1): totals hold, classes do not.
    let dir = with_changes(
        &[],
        &[
            ("{ ten: Cao Lộc, so_luong: { CT2: 12", "{ ten: Cao Lộc, so_luong: { CT2: 14"),
            ("{ ten: Văn Quan, so_luong: { CT2: 16", "{ ten: Văn Quan, so_luong: { CT2: 14"),
        ],
    );
    let (o, report) = build(dir.path());
    assert_eq!(o.status.code(), Some(1));
    let st = statuses(&report);
    let failed: Vec<_> = st.iter().filter(|s| s.1 == "loi").map(|s| s.0.as_str()).collect();
    assert_eq!(failed, EXPECTED.iter().map(|(d, _)| *d).collect::<Vec<_>>());
    let gm = dir.path().join("giay-moi.yaml");
    let cao_loc = &st.iter().find(|s| s.0 == "Cao Lộc").unwrap().2;
    assert_eq!(cao_loc, &format!("lớp CT2-1 không đúng số học viên ({}:25)", gm.display()));
    // Issue 13.5: each class's problem once, at its line, naming its units
    // and numbers; no sentence repeated per unit.
    let stderr = String::from_utf8_lossy(&o.stderr);
    let class_1 = format!(
        "{}:25: lỗi: trường 'lop[0]': lớp CT2-1 có 82 học viên (Tràng Định 18 + Văn Lãng 16 + Bình Gia 18 + Bắc Sơn 16 + Cao Lộc 14), nhưng mỗi lớp phải có 80",
        gm.display()
    );
    assert_eq!(stderr.matches(&class_1).count(), 1, "{stderr}");
    assert_eq!(stderr.matches("lớp CT2-2 có 78 học viên (Văn Quan 14 + ").count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "  lỗi: Tràng Định, Văn Lãng, Bình Gia, Bắc Sơn, Cao Lộc: lớp CT2-1 không đúng số học viên ({}:25)",
            gm.display()
        )),
        "{stderr}"
    );
    assert_eq!(report["giay_moi"]["van_de"][0], class_1);
    // Nothing was written, and the last line says so.
    assert_eq!(
        stderr.lines().last().unwrap(),
        "lỗi: 10 bản không dựng được (xem bao-cao.json); không có tệp nào được ghi"
    );
    // `check` says it once too, at the same line.
    let engine = engine();
    let findings = vanban::check::check(&engine, &gm).unwrap();
    let class: Vec<_> = findings.iter().filter(|f| f.message.starts_with("lớp CT2-1")).collect();
    assert_eq!(class.len(), 1, "{findings:#?}");
    assert_eq!((class[0].line, class[0].field.as_str()), (Some(25), "lop[0]"));
}

#[test]
fn a_bad_district_fails_alone_and_the_others_are_written() {
    // Hữu Lũng also put into CT3-3 (now 104): CT3-3's districts and Hữu Lũng fail.
    let dir = with_changes(
        &[("huyen: [Văn Quan, Cao Lộc, Chi Lăng]", "huyen: [Văn Quan, Cao Lộc, Chi Lăng, Hữu Lũng]")],
        &[],
    );
    let (o, report) = build(dir.path());
    assert_eq!(o.status.code(), Some(1));
    let st = statuses(&report);
    let failed: Vec<_> = st.iter().filter(|s| s.1 == "loi").map(|s| s.0.as_str()).collect();
    assert_eq!(failed, ["Cao Lộc", "Văn Quan", "Chi Lăng", "Hữu Lũng"]);
    let huu_lung = &st.iter().find(|s| s.0 == "Hữu Lũng").unwrap().2;
    assert!(huu_lung.contains("lớp CT3-3 không đúng số học viên"), "{huu_lung}");
    assert!(huu_lung.contains("Hữu Lũng có trong 2 lớp của chương trình CT3: CT3-3, CT3-4"), "{huu_lung}");
    let out = dir.path().join("out");
    assert!(out.join("giay-moi/02-trang-dinh.pdf").exists());
    assert!(!out.join("giay-moi/11-huu-lung.pdf").exists());
    let merged = std::fs::read(out.join("giay-moi.pdf")).unwrap();
    assert_eq!(count(&merged, b"/Type/Page/"), 6);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("giấy mời: đã ghi 6 tệp"), "{stderr}");
    assert_eq!(
        stderr.lines().last().unwrap(),
        "lỗi: 4 bản không dựng được (xem bao-cao.json); đã ghi 6 giấy mời trong giay-moi/ và giay-moi.pdf"
    );
}

#[test]
fn a_district_with_trainees_but_no_class_is_named() {
    let dir = with_changes(&[("huyen: [Lộc Bình, Đình Lập, Hữu Lũng]", "huyen: [Lộc Bình, Hữu Lũng]")], &[]);
    let (_, report) = build(dir.path());
    let st = statuses(&report);
    let dinh_lap = &st.iter().find(|s| s.0 == "Đình Lập").unwrap().2;
    assert!(
        dinh_lap.contains("Đình Lập có 26 học viên CT3 nhưng không có trong lớp nào của chương trình này"),
        "{dinh_lap}"
    );
}

#[test]
fn numbers_are_shared_or_consecutive_with_the_decree_padding() {
    let numbered = |mode: &str| {
        let dir = with_changes(&[("so: 45\ndanh_so: lien-tiep", &format!("so: 7\ndanh_so: {mode}"))], &[]);
        letters(&dir.path().join("giay-moi.yaml")).iter().map(|l| line(&l[0], "Số:").text).collect::<Vec<_>>()
    };
    let consecutive = numbered("lien-tiep");
    assert_eq!(consecutive[0], "Số: 07/GM-SDTTG");
    assert_eq!(consecutive[2], "Số: 09/GM-SDTTG");
    assert_eq!(consecutive[9], "Số: 16/GM-SDTTG");
    assert!(numbered("chung").iter().all(|s| s == "Số: 07/GM-SDTTG"));
}

#[test]
fn another_allocation_and_schedule() {
    let pb = "hoc_vien_moi_lop: 30\nchuong_trinh:\n  - { ma: A, ten: Lớp cán bộ, so_lop: 1 }\nhuyen:\n  - { ten: Mường Khương, so_luong: { A: 12 } }\n  - { ten: Bảo Thắng, cap: thị xã, so_luong: { A: 18 } }\n  - { ten: Sa Pa, so_luong: { A: 0 } }\n";
    let gm = std::fs::read_to_string(example("giay-moi.yaml")).unwrap();
    let start = gm.find("lop:\n").unwrap();
    let end = gm.find("luu_y:").unwrap();
    let gm = format!(
        "{}lop:\n  - {{ ma: A-1, chuong_trinh: A, tu_ngay: 30/6/2025, den_ngay: 02/7/2025, huyen: [Bảo Thắng, Mường Khương], dia_diem: Nhà văn hóa tỉnh }}\n{}",
        &gm[..start],
        &gm[end..]
    );
    let dir = folder(&[("giay-moi.yaml", &gm), ("phan-bo.yaml", pb)]);
    let ls = letters(&dir.path().join("giay-moi.yaml"));
    assert_eq!(ls.len(), 2);
    let p = &ls[1][0];
    assert!(p.text().contains("kính mời: Ủy ban nhân dân thị xã Bảo Thắng"), "{}", p.text());
    assert_eq!(p.row("A-1").unwrap(), "A-1 Lớp cán bộ 18 30/6-02/7/2025");
    let text = p.text().replace('\n', " ");
    assert!(text.contains("Địa điểm: Nhà văn hóa tỉnh."), "{text}");
    assert!(text.contains("(03 ngày)"), "{text}");
    check_nd30_rules(&ls[0], "GIẤY MỜI");
}

/// A 2026 allocation after the two-level reform: xã and phường, no huyện.
const COMMUNES: &str = "hoc_vien_moi_lop: 30
chuong_trinh:
  - { ma: CT3, ten: Chương trình 3 (cộng đồng), so_lop: 2 }
don_vi:
  - { ten: Na Sầm, cap: xã, so_luong: { CT3: 10 } }
  - { ten: Hoàng Văn Thụ, cap: xã, so_luong: { CT3: 12 } }
  - { ten: Thất Khê, cap: Xã, so_luong: { CT3: 8 } }
  - { ten: Đồng Đăng, cap: xã, so_luong: { CT3: 9 } }
  - { ten: Văn Quan, cap: xã, so_luong: { CT3: 0 } }
  - { ten: Đông Kinh, cap: phường, so_luong: { CT3: 11 } }
  - { ten: Kỳ Lừa, cap: phường, so_luong: { CT3: 10 } }
";

fn commune_folder(pb: &str) -> tempfile::TempDir {
    let gm = std::fs::read_to_string(example("giay-moi.yaml")).unwrap();
    let start = gm.find("lop:\n").unwrap();
    let end = gm.find("luu_y:").unwrap();
    let gm = format!(
        "{}lop:\n  - {{ ma: CT3-1, chuong_trinh: CT3, tu_ngay: 08/7/2026, den_ngay: 09/7/2026, don_vi: [Na Sầm, Hoàng Văn Thụ, xã Thất Khê] }}\n  - {{ ma: CT3-2, chuong_trinh: CT3, tu_ngay: 10/7/2026, den_ngay: 11/7/2026, don_vi: [Đồng Đăng, Đông Kinh, Kỳ Lừa] }}\n{}",
        &gm[..start],
        &gm[end..]
    )
    .replace("ngay: 02/6/2025", "ngay: 02/6/2026")
    .replace("Phòng Dân tộc và Tôn giáo {huyen}", "Phòng Văn hóa - Xã hội {don_vi}");
    let plan = plan_yaml(
        "noi_dung: [Phân bổ học viên theo Phụ lục.]\nphu_luc:\n  - { tieu_de: Phân bổ học viên, phan_bo: phan-bo.yaml }",
    );
    folder(&[("giay-moi.yaml", &gm), ("phan-bo.yaml", pb), ("ke-hoach.yaml", &plan)])
}

#[test]
fn a_commune_allocation_speaks_of_xa_and_phuong() {
    // Issue 13.6: since 1 July 2025 a province's units are xã and phường.
    let dir = commune_folder(COMMUNES);
    let ls = letters(&dir.path().join("giay-moi.yaml"));
    assert_eq!(ls.len(), 6, "Văn Quan has no trainees");
    let first = ls[0][0].text().replace('\n', " ");
    assert!(first.contains("trân trọng kính mời: Ủy ban nhân dân xã Na Sầm"), "{first}");
    assert!(first.contains("- Phòng Văn hóa - Xã hội xã Na Sầm;"), "{first}");
    let ward = ls[4][0].text().replace('\n', " ");
    assert!(ward.contains("kính mời: Ủy ban nhân dân phường Đông Kinh"), "{ward}");
    assert_eq!(ls[4][0].row("CT3-2").unwrap(), "CT3-2 Chương trình 3 (cộng đồng) 11 10-11/7/2026");
    check_nd30_rules(&ls[0], "GIẤY MỜI");
    // The plan's table: the heading from the levels present, the ward named as one.
    let pages = pages_of(&dir.path().join("ke-hoach.yaml"));
    let table = pages.iter().find(|p| p.text().contains("PHÂN BỔ HỌC VIÊN")).expect("phụ lục");
    assert!(table.row("STT").unwrap().starts_with("STT Xã/phường"), "{}", table.text());
    assert_eq!(table.row("1").unwrap(), "1 Na Sầm 10 10");
    assert_eq!(table.row("6").unwrap(), "6 Phường Đông Kinh 11 11");
    // A heading the data names wins.
    let named = commune_folder(&COMMUNES.replace("don_vi:\n", "cot_don_vi: Đơn vị hành chính\ndon_vi:\n"));
    let pages = pages_of(&named.path().join("ke-hoach.yaml"));
    let table = pages.iter().find(|p| p.text().contains("PHÂN BỔ HỌC VIÊN")).unwrap();
    assert!(table.row("STT").unwrap().starts_with("STT Đơn vị hành chính"), "{}", table.text());
    // Messages name the units by their level.
    let wrong = commune_folder(
        &COMMUNES.replace("Na Sầm, cap: xã, so_luong: { CT3: 10", "Na Sầm, cap: xã, so_luong: { CT3: 11"),
    );
    let err = engine().prepare(&wrong.path().join("giay-moi.yaml")).err().unwrap().to_string();
    assert!(
        err.contains("tổng số học viên CT3 của các xã, phường là 61, nhưng 2 lớp × 30 học viên/lớp = 60"),
        "{err}"
    );
    let no_level = commune_folder(&COMMUNES.replace("{ ten: Kỳ Lừa, cap: phường,", "{ ten: Kỳ Lừa,"));
    let err = engine().prepare(&no_level.path().join("giay-moi.yaml")).err().unwrap().to_string();
    assert!(
        err.contains(
            "phan-bo.yaml:11: lỗi: trường 'don_vi[6].cap': đơn vị 'Kỳ Lừa' thiếu cấp 'cap' (xã, phường, đặc khu …)"
        ),
        "{err}"
    );
    let bad_level = commune_folder(
        &COMMUNES.replace("cap: phường, so_luong: { CT3: 10", "cap: quận, so_luong: { CT3: 10"),
    );
    let err = engine().prepare(&bad_level.path().join("giay-moi.yaml")).err().unwrap().to_string();
    assert!(
        err.contains(
            "cấp 'quận' không hợp lệ; chọn một trong: xã, phường, đặc khu, huyện, thị xã, thành phố"
        ),
        "{err}"
    );
}
