//! Shared helpers: lay out documents and read facts off their pages.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vanban::engine::Engine;
use vanban::inspect::{Line, MM, PageFacts};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    repo().join("data/du-an-8-2025").join(name)
}

pub fn engine() -> Engine {
    Engine::new(None, None).expect("engine")
}

/// Lays out a data file and returns the facts of every page.
pub fn pages_of(path: &Path) -> Vec<PageFacts> {
    let engine = engine();
    let prepared = engine.prepare(path).unwrap_or_else(|e| panic!("prepare {}: {e}", path.display()));
    let document = engine.layout(&prepared).unwrap_or_else(|e| panic!("layout: {e}\n{}", prepared.source));
    document.pages().iter().map(PageFacts::of).collect()
}

/// Lays out a data file and each part it writes in its own file
/// (`tep_rieng`): the document's pages, then each part's file suffix
/// ("kem-theo", "phu-luc-ii") and pages.
pub fn files_of(path: &Path) -> (Vec<PageFacts>, Vec<(String, Vec<PageFacts>)>) {
    let engine = engine();
    let prepared = engine.prepare(path).unwrap_or_else(|e| panic!("prepare {}: {e}", path.display()));
    let facts = |p: &vanban::compose::Prepared| -> Vec<PageFacts> {
        let document = engine.layout(p).unwrap_or_else(|e| panic!("layout: {e}\n{}", p.source));
        document.pages().iter().map(PageFacts::of).collect()
    };
    let parts = prepared.tep_rieng.iter().map(|t| (t.duoi.clone(), facts(&t.prepared))).collect();
    (facts(&prepared), parts)
}

/// What stands in the top margin: the page number, if any, or the agency's
/// signature box of a part in its own file.
pub fn in_top_margin(p: &PageFacts) -> Vec<String> {
    p.lines().into_iter().filter(|l| l.y < TOP).map(|l| l.text).collect()
}

/// The lines as their glyph runs have them: a blank (no-break spaces) that
/// ends a line is kept, which `Line::text` trims; lines joined by a space,
/// no-break spaces shown as "_".
pub fn with_blanks(lines: &[Line]) -> String {
    let line =
        |l: &Line| l.runs.iter().map(|r| r.text.as_str()).collect::<String>().trim_matches(' ').to_owned();
    lines.iter().map(line).collect::<Vec<_>>().join(" ").replace('\u{a0}', "_")
}

/// Copies the example folder's files into `dir` (made if missing).
pub fn copy_example(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(repo().join("data/du-an-8-2025")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

/// A temporary folder holding `files` (name, content).
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    dir
}

pub const LEFT: f64 = 30.0 * MM;
pub const RIGHT: f64 = 15.0 * MM;
pub const TOP: f64 = 20.0 * MM;
pub const BOTTOM: f64 = 20.0 * MM;

pub fn text_left(_p: &PageFacts) -> f64 {
    LEFT
}

pub fn text_right(p: &PageFacts) -> f64 {
    p.width - RIGHT
}

pub fn line(p: &PageFacts, prefix: &str) -> Line {
    p.line_starting(prefix).unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{}", p.text()))
}

/// A minimal plan; `extra` replaces or adds top-level YAML lines.
pub fn plan_yaml(body: &str) -> String {
    format!(
        r#"loai: ke-hoach
co_quan:
  chu_quan: UBND TỈNH LẠNG SƠN
  ban_hanh: SỞ DÂN TỘC VÀ TÔN GIÁO
  ten_goi: Sở Dân tộc và Tôn giáo
so: 5
ky_hieu: KH-SDTTG
dia_danh: Lạng Sơn
ngay: 05/01/2025
trich_yeu: Tổ chức lớp bồi dưỡng nghiệp vụ năm 2025
{body}
nguoi_ky:
  quyen_han: KT.
  thay_cho: GIÁM ĐỐC
  chuc_vu: PHÓ GIÁM ĐỐC
  ho_ten: Trần Thị Bình
noi_nhan:
  - UBND các huyện
  - Lãnh đạo Sở
luu: VT, PCS
"#
    )
}

/// The rules of NĐ30 §8 every administrative document's first page and
/// signature page must satisfy (1–5, 7, 10–12, 14–17, 20), checked on one
/// document's pages. `title` is the tên loại, e.g. "GIẤY MỜI".
pub fn check_nd30_rules(pages: &[PageFacts], title: &str) {
    check_nd30_frame(pages);
    let p = &pages[0];
    let heading = line(p, title);
    assert_eq!(heading.text, title);
    assert!(heading.all_bold() && (heading.centre() - text_centre(p)).abs() < 0.5 * MM);
}

/// The same rules for a Công văn, which has no tên loại (rule 14, second
/// half): below the Số row no bold upper-case line stands centred on the
/// page, and a "V/v " line, 12–13 pt, neither bold nor italic, lies in the
/// left header column.
pub fn check_nd30_rules_cong_van(pages: &[PageFacts]) {
    check_nd30_frame(pages);
    let p = &pages[0];
    let so = line(p, "Số:");
    let lines = p.lines();
    let below: Vec<_> = lines.iter().filter(|l| l.y > so.y + 1.0).collect();
    for l in &below {
        let upper = l.text.chars().any(char::is_alphabetic) && l.text == l.text.to_uppercase();
        let centred = (l.centre() - text_centre(p)).abs() < 2.0 * MM;
        assert!(!(upper && l.all_bold() && centred), "a tên loại line in a công văn: {:?}", l.text);
    }
    let vv = line(p, "V/v ");
    assert!(vv.y > so.y, "V/v under Số");
    assert!((12.0..=13.0).contains(&vv.size()) && !vv.all_bold() && !vv.all_italic(), "{vv:?}");
    assert!(vv.x >= LEFT - 0.5 && vv.end <= LEFT + LEFT_COLUMN + 0.5, "V/v in the left column");
}

/// The left header column (`cot-trai` in templates/nd30.typ).
pub const LEFT_COLUMN: f64 = 65.0 * MM;

fn text_centre(p: &PageFacts) -> f64 {
    (LEFT + text_right(p)) / 2.0
}

/// §8 rules 1–5, 7, 10–12 and 15–17, 20: the frame, the header rows, the
/// signature and Nơi nhận, whatever the title block.
fn check_nd30_frame(pages: &[PageFacts]) {
    check_nd30_pages_and_header(pages);
    let p = &pages[0];
    let so = line(p, "Số:");
    let date = p.lines().into_iter().find(|l| l.text.contains(", ngày ")).expect("date line");
    assert!(date.all_italic() && (so.y - date.y).abs() <= 1.0);
    let centre_text = text_centre(p);
    // Nơi nhận and signer.
    let last = pages.iter().find(|p| p.text().contains("Nơi nhận:")).expect("Nơi nhận");
    let lines = last.lines();
    let label = lines.iter().find(|l| l.text == "Nơi nhận:").expect("label on its own line");
    let signer: Vec<_> = lines.iter().filter(|l| l.y >= label.y - 3.0 && l.x > label.x + 40.0 * MM).collect();
    assert!((signer[0].y - label.y).abs() <= 3.0, "label level with the signer's first line");
    for s in &signer {
        assert!(s.all_bold() && (s.centre() - signer[0].centre()).abs() < 0.5 * MM, "{:?}", s.text);
        assert!(s.centre() > centre_text);
    }
    check_noi_nhan_entries(pages);
    let all: Vec<_> = pages.iter().flat_map(|p| p.lines()).collect();
    let n = all.iter().position(|l| l.text == "Nơi nhận:").unwrap();
    assert!(all[n - 1].text.ends_with("./."), "end mark: {}", all[n - 1].text);
}

/// The rules of §8 a Biên bản (Mẫu 1.9) keeps, with the exceptions of
/// nd30-kinds.md §14: rules 1–5, 8, 10–12, 14 (the meeting's name as the
/// trích yếu), 15's entries and 20; no date row (rules 6–7); its two
/// signatures are BB-3's, checked by its own tests.
pub fn check_nd30_rules_bien_ban(pages: &[PageFacts]) {
    check_nd30_pages_and_header(pages);
    let p = &pages[0];
    let heading = line(p, "BIÊN BẢN");
    assert_eq!(heading.text, "BIÊN BẢN");
    assert!(heading.all_bold() && (heading.centre() - text_centre(p)).abs() < 0.5 * MM);
    let header: Vec<_> = p.lines().into_iter().filter(|l| l.y < heading.y).collect();
    assert!(!header.iter().any(|l| l.text.contains("ngày")), "no date in the header: {header:?}");
    check_noi_nhan_entries(pages);
}

/// Every page's frame (rules 1, 10–12, 20), the Quốc hiệu, tiêu ngữ and its
/// rule, the Số line's size (rules 2–4, 8).
fn check_nd30_pages_and_header(pages: &[PageFacts]) {
    use unicode_normalization::is_nfc;
    let p = &pages[0];
    for (i, page) in pages.iter().enumerate() {
        assert!((page.width - 595.28).abs() < 0.1 && (page.height - 841.89).abs() < 0.1, "A4 page {}", i + 1);
        for l in page.lines() {
            if l.y >= TOP {
                assert!(l.x >= LEFT - 0.5 && l.end <= page.width - RIGHT + 0.5, "margins: {:?}", l.text);
                assert!(l.y <= page.height - BOTTOM, "bottom margin: {:?}", l.text);
            } else {
                assert!(
                    i > 0 && l.text == (i + 1).to_string(),
                    "only the page number in the top margin: {:?}",
                    l.text
                );
            }
        }
        for r in &page.runs {
            assert!(r.postscript.starts_with("LiberationSerif"), "{}", r.postscript);
        }
        let t = page.text();
        assert!(is_nfc(&t) && !t.contains('\u{fffd}'));
    }
    let qh = line(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(
        qh.all_bold() && (qh.size() - 13.0).abs() < 0.01 && qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    let tn = line(p, "Độc lập - Tự do - Hạnh phúc");
    assert!((qh.centre() - tn.centre()).abs() < 0.5 * MM);
    // The rule under the tiêu ngữ, not the agency's beside it.
    let rule = p
        .rules
        .iter()
        .find(|r| r.y > tn.y && r.y < tn.y + 12.0 && r.x < tn.centre() && r.x + r.length > tn.centre())
        .expect("tiêu ngữ rule");
    assert!((rule.length - (tn.end - tn.x)).abs() < 1.0 * MM);
    let so = line(p, "Số:");
    assert!((so.size() - 13.0).abs() < 0.01);
}

/// Rule 15 but for its row: "Nơi nhận:" once, 12 pt bold italic, flush
/// left; the entries 11 pt, "- …;" (a group "- …:" and its "+ …;"
/// lines), "- Lưu: VT…." last.
fn check_noi_nhan_entries(pages: &[PageFacts]) {
    let all: Vec<_> = pages.iter().flat_map(|p| p.lines()).collect();
    assert_eq!(all.iter().filter(|l| l.text == "Nơi nhận:").count(), 1, "one Nơi nhận");
    let last = pages.iter().find(|p| p.text().contains("Nơi nhận:")).expect("Nơi nhận");
    let lines = last.lines();
    let label = lines.iter().find(|l| l.text == "Nơi nhận:").expect("label on its own line");
    assert!(label.all_bold() && label.all_italic() && (label.size() - 12.0).abs() < 0.01);
    assert!((label.x - LEFT).abs() < 0.5 * MM);
    let entries = noi_nhan_entries(last);
    let (luu, rest) = entries.split_last().expect("entries");
    assert!(luu.text.starts_with("- Lưu: VT") && luu.text.ends_with('.'), "{}", luu.text);
    for e in rest {
        let heading = e.text.starts_with("- ") && e.text.ends_with(':');
        let member = e.text.starts_with("+ ") && e.text.ends_with(';');
        assert!((e.text.starts_with("- ") && e.text.ends_with(';')) || heading || member, "{:?}", e.text);
        assert!((e.size() - 11.0).abs() < 0.01);
    }
}

/// A rule as wide as the text (±1 mm) on `p` below `y`: the address footer's
/// (ô 13).
pub fn full_width_rule_below(p: &PageFacts, y: f64) -> Option<vanban::inspect::Rule> {
    let width = text_right(p) - LEFT;
    p.rules
        .iter()
        .copied()
        .find(|r| r.y > y && (r.length - width).abs() <= 1.0 * MM && (r.x - LEFT).abs() <= 1.0 * MM)
}

/// The Nơi nhận entries of the page holding "Nơi nhận:", top to bottom: the
/// lines flush left under the label (a group's "+" lines a few points in),
/// above an address footer's rule or the footnotes' (any rule from the left
/// margin).
pub fn noi_nhan_entries(p: &PageFacts) -> Vec<Line> {
    let lines = p.lines();
    let label = lines.iter().find(|l| l.text == "Nơi nhận:").expect("Nơi nhận:");
    let (x, y) = (label.x, label.y);
    let footer = p
        .rules
        .iter()
        .filter(|r| r.y > y && (r.x - LEFT).abs() <= 1.0 * MM)
        .map(|r| r.y)
        .fold(f64::INFINITY, f64::min);
    lines.into_iter().filter(|l| l.y > y + 1.0 && l.y < footer && l.x < x + 3.0 * MM).collect()
}

/// The Nơi nhận entries' texts, from the page that has them.
pub fn noi_nhan(pages: &[PageFacts]) -> Vec<String> {
    let last = pages.iter().find(|p| p.text().contains("Nơi nhận:")).expect("Nơi nhận");
    noi_nhan_entries(last).into_iter().map(|l| l.text).collect()
}

/// The "Kính gửi:" line and the "- …" recipient lines under it.
pub fn kinh_gui_lines(p: &PageFacts) -> (Line, Vec<Line>) {
    let lines = p.lines();
    let at = lines.iter().position(|l| l.text.starts_with("Kính gửi:")).expect("a Kính gửi line");
    let dashes = lines[at + 1..].iter().take_while(|l| l.text.starts_with("- ")).cloned().collect();
    (lines[at].clone(), dashes)
}

/// x where the colon of "Kính gửi:" ends.
pub fn colon_end(label: &Line) -> f64 {
    let run = label.runs.iter().find(|r| r.text.contains("Kính gửi:")).expect("label run");
    let fonts = vanban::fonts::FontSet::embedded();
    run.x + fonts.measure().width("Kính gửi:", run.size, false, false)
}

/// Lays out a batch file (giấy mời, giấy chứng nhận) and splits it into its
/// records' pages.
pub fn records(path: &Path) -> Vec<Vec<PageFacts>> {
    let engine = engine();
    let prepared = engine.prepare(path).unwrap_or_else(|e| panic!("{e}"));
    let document = engine.layout(&prepared).unwrap_or_else(|e| panic!("{e}"));
    let pages: Vec<PageFacts> = document.pages().iter().map(PageFacts::of).collect();
    vanban::render::record_pages(&document)
        .into_iter()
        .map(|r| pages[r.start() - 1..*r.end()].to_vec())
        .collect()
}

/// Runs `vanban build DIR --out DIR/out`; returns the output and the report.
pub fn build_dir(dir: &Path) -> (std::process::Output, serde_json::Value) {
    let out = dir.join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let report = std::fs::read_to_string(out.join("bao-cao.json"))
        .map(|s| serde_json::from_str(&s).unwrap())
        .unwrap_or_default();
    (o, report)
}

/// A worked example of `data/vi-du`, the kinds beyond the Dự án 8 folder.
pub fn vi_du(name: &str) -> PathBuf {
    repo().join("data/vi-du").join(name)
}

/// The "Số:" line's ký hiệu ("BC-SDTTG" of "Số: …/BC-SDTTG"), after the
/// number or the blank left for it.
pub fn so_ky_hieu_of(p: &PageFacts) -> String {
    let so = line(p, "Số:").text;
    so.split_once('/').map(|(_, k)| k.trim().to_owned()).unwrap_or_else(|| panic!("no '/' in {so:?}"))
}

/// A year-end report in parts, as long reports are written: "Phần I" with
/// its title, lettered groups "A.", "B." in the second part, the sections
/// of each part and group numbered again from I.
pub const BAO_CAO_CAC_PHAN: &str = "loai: bao-cao
co_quan:
  chu_quan: UBND TỈNH LẠNG SƠN
  ban_hanh: SỞ NỘI VỤ
  ten_goi: Sở Nội vụ
so: 15
ky_hieu: BC-SNV
dia_danh: Lạng Sơn
ngay: 05/12/2026
trich_yeu: Tổng kết công tác đào tạo, bồi dưỡng giai đoạn 2021 - 2025
kinh_gui: Ủy ban nhân dân tỉnh Lạng Sơn
noi_dung:
  - Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Nội vụ báo cáo tổng kết như sau.
  - phan: Kết quả thực hiện chính sách chung
    noi_dung:
      - muc: Tình hình triển khai
        noi_dung:
          - Sở đã ban hành kế hoạch hằng năm và hướng dẫn các đơn vị thực hiện.
      - muc: Kết quả thực hiện
        noi_dung:
          - muc: Về đào tạo
            noi_dung:
              - Đã cử 120 lượt cán bộ đi đào tạo sau đại học.
  - phan: Kết quả thực hiện các đề án
    noi_dung:
      - nhom: Đề án đào tạo cán bộ khoa học, kỹ thuật
        noi_dung:
          - muc: Tình hình triển khai thực hiện
            noi_dung:
              - Đề án được triển khai từ năm 2021 tại 12 đơn vị.
          - muc: Đánh giá kết quả
            noi_dung:
              - Đề án đạt 85% chỉ tiêu đề ra.
      - nhom: Đề án đào tạo nguồn nhân lực có trình độ sau đại học
        noi_dung:
          - muc: Tình hình triển khai thực hiện
            noi_dung:
              - Đề án được triển khai từ năm 2022 tại 8 đơn vị.
  - Sở Nội vụ kính báo cáo Ủy ban nhân dân tỉnh.
nguoi_ky:
  chuc_vu: GIÁM ĐỐC
  ho_ten: Hoàng Văn Nam
noi_nhan:
  - Như trên
  - Lãnh đạo Sở
luu: VT, VP
";
