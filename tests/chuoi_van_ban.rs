//! The programme's documents agree because they count the same rows: the
//! report of results computes its figures and tables from the trainee list,
//! the allocation and the schedule, and follows the list when a row goes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// The example folder copied, with `edit` applied to the trainee list's lines.
fn example_with(edit: impl Fn(Vec<String>) -> Vec<String>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(example("")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let list = dir.path().join("hoc-vien.csv");
    let text = std::fs::read_to_string(&list).unwrap();
    let lines = edit(text.lines().map(str::to_owned).collect());
    std::fs::write(&list, lines.join("\n") + "\n").unwrap();
    dir
}

/// Every row of the report laid out from `dir`: the lines on one baseline
/// (a table's cells) joined left to right.
fn report(dir: &Path) -> Vec<String> {
    rows_by_baseline(&dir.join("bao-cao-ket-qua.yaml"))
}

/// The rows of every page laid out from `file`: the lines on one baseline
/// joined left to right.
fn rows_by_baseline(file: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for page in pages_of(file) {
        let mut lines = page.lines();
        lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut row: Vec<vanban::inspect::Line> = Vec::new();
        for l in lines {
            if row.last().is_some_and(|r| (r.y - l.y).abs() > 1.0) {
                out.push(row.drain(..).map(|l| l.text).collect::<Vec<_>>().join(" "));
            }
            row.push(l);
        }
        out.push(row.into_iter().map(|l| l.text).collect::<Vec<_>>().join(" "));
    }
    out
}

/// The list's rows as the decree's report counts them, read here on their own.
struct Counts {
    per_class: BTreeMap<String, (u32, u32, u32)>,
    per_unit: BTreeMap<String, u32>,
}

fn counts(dir: &Path) -> Counts {
    let mut reader = csv::Reader::from_path(dir.join("hoc-vien.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).unwrap();
    let (sex, ethnic, unit, class) = (col("Giới tính"), col("Dân tộc"), col("Huyện"), col("Lớp"));
    let mut c = Counts { per_class: BTreeMap::new(), per_unit: BTreeMap::new() };
    for row in reader.records() {
        let row = row.unwrap();
        let e = c.per_class.entry(row[class].to_owned()).or_default();
        e.0 += 1;
        e.1 += u32::from(&row[sex] == "Nữ");
        e.2 += u32::from(&row[ethnic] != "Kinh");
        *c.per_unit.entry(row[unit].to_owned()).or_default() += 1;
    }
    c
}

fn line<'a>(lines: &'a [String], starts: &str, has: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.starts_with(starts) && l.contains(has))
        .unwrap_or_else(|| panic!("no line '{starts} … {has}' in {lines:#?}"))
}

#[test]
fn the_report_counts_the_list() {
    let dir = example_with(|l| l);
    let lines = report(dir.path());
    let c = counts(dir.path());
    let total: u32 = c.per_class.values().map(|v| v.0).sum();
    let women: u32 = c.per_class.values().map(|v| v.1).sum();
    let minority: u32 = c.per_class.values().map(|v| v.2).sum();
    // One row per class: its trainees, women, ethnic minorities.
    for (i, (class, (n, nu, dtts))) in c.per_class.iter().enumerate() {
        let row = line(&lines, &format!("{} {class} ", i + 1), class);
        assert!(row.ends_with(&format!(" {n} {nu} {dtts}")), "{row}");
    }
    assert!(line(&lines, "Tổng cộng", "").ends_with(&format!("{total} {women} {minority}")));
    let text = lines.join(" ");
    assert!(
        text.contains(&format!("tổ chức {} lớp tập huấn với {total} học viên", c.per_class.len())),
        "{text}"
    );
    let share = |part: u32| {
        let tenths = (part * 1000 + total / 2) / total;
        format!("{},{}%", tenths / 10, tenths % 10)
    };
    assert!(
        text.contains(&format!("có {women} học viên nữ ({}) và {minority} học viên là người", share(women))),
        "{text}"
    );
    // Planned against trained per unit.
    let tran = line(&lines, "1 Tràng Định", "");
    assert_eq!(tran, format!("1 Tràng Định 58 {} 0", c.per_unit["Tràng Định"]));
}

#[test]
fn a_row_removed_from_the_list_changes_the_report() {
    // The first trainee: a woman of the Tày of Tràng Định, class CT2-1.
    let dir = example_with(|mut l| {
        assert!(l[1].contains("Lăng Thành Hùng") && l[2].contains("Vi Thị Hằng,Nữ"));
        l.remove(2);
        l
    });
    let lines = report(dir.path());
    assert_eq!(line(&lines, "1 CT2-1", ""), "1 CT2-1 CT2 17/06/2025 - 18/06/2025 79 54 73");
    assert_eq!(line(&lines, "1 Tràng Định", ""), "1 Tràng Định 58 57 -1");
    let text = lines.join(" ");
    assert!(text.contains("tổ chức 6 lớp tập huấn với 479 học viên"), "{text}");
    assert!(
        text.contains("có 304 học viên nữ (63,5%) và 411 học viên là người dân tộc thiểu số (85,8%)"),
        "{text}"
    );
}

#[test]
fn a_figure_the_data_cannot_give_is_refused_at_its_line() {
    let dir = example_with(|l| l);
    let path = dir.path().join("bao-cao-ket-qua.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("{so_hoc_vien_CT2} học viên", "{so_hoc_vien_CT9} học viên");
    std::fs::write(&path, text).unwrap();
    let Err(err) = engine().prepare(&path) else { panic!("prepared") };
    let err = err.human();
    assert!(
        err.contains("bao-cao-ket-qua.yaml:27: lỗi: trường 'noi_dung': không có số liệu '{so_hoc_vien_CT9}'; các số liệu tính từ danh sách: {chenh_lech}"),
        "{err}"
    );
}

#[test]
fn check_says_when_the_list_sends_more_than_the_allocation_gives() {
    // The first trainee of Tràng Định's CT2 quota counted twice.
    let dir = example_with(|mut l| {
        let again = l[1].replacen("1,", "481,", 1);
        l.push(again);
        l
    });
    let engine = engine();
    let found = vanban::check::check(&engine, &dir.path().join("bao-cao-ket-qua.yaml")).unwrap();
    let messages: Vec<String> = found.iter().map(|f| f.human()).collect();
    assert_eq!(
        messages,
        [format!(
            "{}:18: cảnh báo: trường 'so_lieu.danh_sach': danh sách có 19 học viên Tràng Định của CT2 (Chương trình 2 (cán bộ huyện, xã)), nhiều hơn 18 được phân bổ",
            dir.path().join("bao-cao-ket-qua.yaml").display()
        )]
    );
}

/// The names on the rows of every page laid out from `file` in `dir`.
fn rows_of(dir: &Path, file: &str) -> Vec<String> {
    pages_of(&dir.join(file))
        .iter()
        .flat_map(|p| {
            let mut lines = p.lines();
            lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
            lines.into_iter().map(|l| l.text).collect::<Vec<_>>()
        })
        .collect()
}

/// The list's names, in order.
fn names(dir: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(dir.join("hoc-vien.csv")).unwrap();
    reader.records().map(|r| vanban::vi::clean(&r.unwrap()[1])).collect()
}

/// The names of the decision's list: each row "STT name sex year …", its
/// name between the number and the sex.
fn attachment_names(dir: &Path) -> Vec<String> {
    // Each row of the attachment: "STT name sex year …", its name between
    // the number and the sex.
    let name_of = |row: &str| -> Option<String> {
        let (stt, rest) = row.split_once(' ')?;
        stt.parse::<u32>().ok()?;
        // The sex that a year of birth follows ("Hầu A Nam Nam 1990").
        let year_after = |i: usize, s: &str| rest[i + s.len()..].chars().take(4).all(|c| c.is_ascii_digit());
        [" Nam ", " Nữ "]
            .iter()
            .flat_map(|s| {
                // Overlapping: "Nam Nam" holds " Nam " twice.
                rest.char_indices()
                    .map(|(i, _)| i)
                    .filter(|i| rest[*i..].starts_with(s) && year_after(*i, s))
                    .collect::<Vec<_>>()
            })
            .min()
            .map(|i| rest[..i].to_owned())
    };
    rows_by_baseline(&dir.join("quyet-dinh-cong-nhan.yaml")).iter().filter_map(|r| name_of(r)).collect()
}

/// The decision's list, the certificates and the report name and count the
/// list's trainees, and the certificates cite the decision's number and date.
fn assert_chain_agrees(dir: &Path, so: &str) {
    let list = names(dir);
    let n = list.len();
    // The decision: Điều 1's count, and each trainee once in its list.
    let decision = rows_of(dir, "quyet-dinh-cong-nhan.yaml");
    let text = decision.join(" ");
    assert!(text.contains(&format!("Điều 1. Công nhận {n} học viên")), "{text}");
    let cells = attachment_names(dir);
    let mut listed: Vec<&String> = cells.iter().collect();
    listed.sort();
    let mut expected: Vec<&String> = list.iter().collect();
    expected.sort();
    let missing: Vec<&&String> = expected.iter().filter(|n| !listed.contains(n)).collect();
    assert!(missing.is_empty(), "not in the decision's list: {missing:?}");
    assert_eq!(listed, expected, "the decision's list is the trainee list");
    // The certificates: one per trainee, each citing the decision.
    let certificates = records(&dir.join("giay-chung-nhan.yaml"));
    assert_eq!(certificates.len(), n);
    for (c, name) in certificates.iter().zip(&list) {
        let lines: Vec<String> = c.iter().flat_map(|p| p.lines()).map(|l| l.text).collect();
        assert!(lines.iter().any(|l| l.ends_with(name)), "{name}: {lines:?}");
        assert!(
            lines.contains(&format!(
                "Theo Quyết định số {so}/QĐ-SDTTG ngày 21 tháng 7 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo."
            )),
            "{lines:?}"
        );
        assert!(lines.contains(&"Lạng Sơn, ngày 21 tháng 7 năm 2025".to_owned()), "{lines:?}");
    }
    // The report: the same count.
    assert!(report(dir).join(" ").contains(&format!("tổ chức 6 lớp tập huấn với {n} học viên")));
}

#[test]
fn the_decision_the_certificates_and_the_report_follow_the_list() {
    let dir = example_with(|l| l);
    assert_chain_agrees(dir.path(), vanban::vi::BLANK);
    let removed = example_with(|mut l| {
        l.remove(2);
        l
    });
    assert_chain_agrees(removed.path(), vanban::vi::BLANK);
    // The list has two trainees of that name; the decision now lists one.
    let count = |d: &Path| attachment_names(d).iter().filter(|n| *n == "Vi Thị Hằng").count();
    assert_eq!((count(dir.path()), count(removed.path())), (2, 1));
}

#[test]
fn numbering_the_decision_numbers_every_certificate_s_citation() {
    let dir = example_with(|l| l);
    let path = dir.path().join("quyet-dinh-cong-nhan.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("ky_hieu: QĐ-SDTTG", "so: 25\nky_hieu: QĐ-SDTTG");
    std::fs::write(&path, text).unwrap();
    assert_chain_agrees(dir.path(), "25");
}

fn check_messages(dir: &Path, file: &str) -> Vec<String> {
    let path = dir.join(file);
    let found = vanban::check::check(&engine(), &path).unwrap();
    found.iter().map(|f| f.human().replace(&format!("{}:", path.display()), "")).collect()
}

#[test]
fn check_says_which_class_of_the_schedule_the_decision_lacks() {
    let dir = example_with(|l| l.into_iter().filter(|r| !r.ends_with(",CT3-4")).collect());
    assert_eq!(
        check_messages(dir.path(), "quyet-dinh-cong-nhan.yaml"),
        [
            "22: cảnh báo: trường 'so_lieu.danh_sach': lớp CT3-4 có trong lịch ('giay-moi.yaml') nhưng danh sách kèm theo quyết định không có học viên nào của lớp này"
        ]
    );
}

#[test]
fn a_certificate_dated_before_its_class_ends_or_its_decision_is_refused() {
    let dir = example_with(|l| l);
    let path = dir.path().join("giay-chung-nhan.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("dia_danh: Lạng Sơn", "dia_danh: Lạng Sơn\nngay: 10/7/2025");
    std::fs::write(&path, text).unwrap();
    let found = check_messages(dir.path(), "giay-chung-nhan.yaml");
    assert_eq!(
        found,
        [
            "17: lỗi: trường 'ngay': ngày 10/07/2025 trước ngày kết thúc lớp CT3-2 (11/07/2025)",
            "17: lỗi: trường 'ngay': ngày 10/07/2025 trước ngày kết thúc lớp CT3-3 (16/07/2025)",
            "17: lỗi: trường 'ngay': ngày 10/07/2025 trước ngày kết thúc lớp CT3-4 (18/07/2025)",
            "17: lỗi: trường 'ngay': ngày 10/07/2025 trước ngày của quyết định công nhận mà giấy chứng nhận trích dẫn (21/07/2025)",
        ]
    );
}

#[test]
fn shares_stand_right_in_their_cells_and_counts_centred() {
    let dir = example_with(|l| l);
    let pages = pages_of(&dir.path().join("bao-cao-ket-qua.yaml"));
    let page = pages.iter().find(|p| p.text().contains("68,8%")).expect("the table of women and minorities");
    // A cell's column: the vertical rules either side of it.
    let column = |l: &vanban::inspect::Line| {
        let mut xs: Vec<f64> =
            page.vertical.iter().filter(|r| r.y <= l.y && l.y <= r.y + r.length).map(|r| r.x).collect();
        xs.sort_by(f64::total_cmp);
        let left = xs.iter().copied().filter(|x| *x <= l.x + 0.5).fold(f64::MIN, f64::max);
        let right = xs.iter().copied().find(|x| *x >= l.end - 0.5).unwrap();
        (left, right)
    };
    for share in ["68,8%", "85,6%"] {
        let l = page.lines().into_iter().find(|l| l.text == share).unwrap();
        let (_, right) = column(&l);
        assert!((right - l.end - 4.0).abs() < 1.0, "{share} stands right in its cell: {} to {right}", l.end);
    }
    for count in ["160", "110"] {
        let l = page.lines().into_iter().find(|l| l.text == count).unwrap();
        let (left, right) = column(&l);
        assert!((l.centre() - (left + right) / 2.0).abs() < 1.0, "{count} centred in its cell");
    }
}
