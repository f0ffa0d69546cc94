//! Footnotes (chú thích) in body text: `^[…]` puts its text at the foot of
//! the page it is referenced on, 12 pt (nd30.typ `co-chu.chu-thich`), under
//! a short rule, numbered 1, 2, … in order, its number raised after the
//! word in the body; whatever the text holds, it stays text.

mod common;

use common::*;
use vanban::inspect::{Line, PageFacts, TextRun};

const HOSTILE: &str = r##"#set page(width: 1cm) #read("/etc/passwd") $x$ <nhan> @nhan // /* \u{41} `a` _b_"##;

fn plan_with_notes() -> Vec<PageFacts> {
    let filler = "  - Nội dung tập huấn gồm chính sách dân tộc, bình đẳng giới, phòng chống bạo lực gia đình và các kỹ năng truyền thông tại cộng đồng cho cán bộ cơ sở.\n".repeat(22);
    let hostile = HOSTILE.replace('\\', "\\\\").replace('"', "\\\"");
    let body = format!(
        "noi_dung:\n  - Căn cứ Kế hoạch số 89/KH-UBND^[Kế hoạch của Ủy ban nhân dân tỉnh ngày 01/3/2025 về thực hiện Dự án 8.] của Ủy ban nhân dân tỉnh.\n{filler}  - \"Phối hợp với Hội Liên hiệp Phụ nữ tỉnh^[{hostile}] tổ chức các lớp.\"\n"
    );
    let dir = folder(&[("kh.yaml", &plan_yaml(&body))]);
    pages_of(&dir.path().join("kh.yaml"))
}

/// The footnote entry whose text contains `text`, and its page's index.
fn entry(pages: &[PageFacts], text: &str) -> (usize, Line) {
    pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.lines().into_iter().find(|l| l.text.contains(text)).map(|l| (i, l)))
        .unwrap_or_else(|| panic!("no footnote {text:?}"))
}

/// The raised number right after the run ending with `word`, and that run:
/// a raised run has its own baseline, so it is found among the page's runs.
fn marker_after(p: &PageFacts, word: &str) -> (TextRun, TextRun) {
    let r = p.runs.iter().find(|r| r.text.ends_with(word)).unwrap_or_else(|| panic!("no {word:?}"));
    (r.clone(), raised_at(p, r.x + r.width, r.y))
}

/// The raised run starting at `x` (±1 pt) just above the baseline `y`.
fn raised_at(p: &PageFacts, x: f64, y: f64) -> TextRun {
    p.runs
        .iter()
        .find(|m| (m.x - x).abs() < 1.0 && m.y < y - 1.0 && m.y > y - 10.0)
        .cloned()
        .unwrap_or_else(|| panic!("no raised run at x {x}, above {y}"))
}

/// The raised number just before the line `l` (a footnote entry's).
fn number_of(p: &PageFacts, l: &Line) -> TextRun {
    p.runs
        .iter()
        .find(|m| (m.x + m.width - l.x).abs() < 1.0 && m.y < l.y - 1.0 && m.y > l.y - 10.0)
        .cloned()
        .unwrap_or_else(|| panic!("no number before {:?}", l.text))
}

#[test]
fn a_footnote_stands_at_the_foot_of_its_page_in_12_pt_numbered_in_order() {
    let pages = plan_with_notes();
    assert!(pages.len() >= 2, "the second footnote on a later page");
    // The first: its number raised and smaller after "89/KH-UBND" …
    let (body_line, marker) = marker_after(&pages[0], "89/KH-UBND");
    assert_eq!(marker.text, "1");
    assert!(marker.size < 14.0 * 0.8 && marker.y < body_line.y - 1.0, "a raised number: {marker:?}");
    assert!((body_line.size - 14.0).abs() < 0.01, "in the 14 pt body");
    // … and its text at the foot of page 1, 12 pt, numbered 1, below the body.
    let (page, note) = entry(&pages, "Kế hoạch của Ủy ban nhân dân tỉnh ngày 01/3/2025");
    assert_eq!(page, 0, "on the page it is referenced on");
    let p = &pages[0];
    assert_eq!(number_of(p, &note).text, "1");
    assert!(note.runs.iter().all(|r| (r.size - 12.0).abs() < 0.01), "{:?}", note.runs);
    let lowest_body = p.lines().into_iter().filter(|l| l.size() > 13.5).map(|l| l.y).fold(0.0, f64::max);
    assert!(note.y > lowest_body && note.y <= p.height - BOTTOM, "at the foot: {} / {}", note.y, lowest_body);
    let number = number_of(p, &note);
    assert!((number.x - LEFT).abs() < 0.5 * vanban::inspect::MM, "flush left: {}", number.x - LEFT);
    // The separator rule between the body and the footnotes.
    assert!(p.rules.iter().any(|r| r.y > lowest_body && r.y < note.y && (r.x - LEFT).abs() < 1.0), "rule");

    // The second, numbered 2, on the later page it is referenced on.
    let (page2, note2) = entry(&pages, "#set page(width: 1cm)");
    assert!(page2 > 0);
    let (_, marker2) = marker_after(&pages[page2], "Phụ nữ tỉnh");
    assert_eq!(marker2.text, "2");
    assert_eq!(number_of(&pages[page2], &note2).text, "2");
    // The hostile text stays text, every character of it.
    let shown: String = pages[page2]
        .lines()
        .into_iter()
        .filter(|l| l.y > note2.y - 1.0)
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join(" ");
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert!(squash(&shown).contains(&squash(HOSTILE)), "{shown:?}");
    assert!(pages.iter().all(|p| (p.width - 595.28).abs() < 0.1));
}

#[test]
fn the_source_carries_footnotes_as_string_literals_only() {
    let dir = folder(&[(
        "kh.yaml",
        &plan_yaml("noi_dung:\n  - \"Chú thích^[#read(\\\"/etc/passwd\\\")] ở đây.\"\n"),
    )]);
    let source = engine().prepare(&dir.path().join("kh.yaml")).unwrap().source;
    assert!(source.contains(r##"#footnote([#"#read(\"/etc/passwd\")";]);"##), "{source}");
}

#[test]
fn each_letter_of_a_batch_numbers_its_footnotes_from_1() {
    let batch = std::fs::read_to_string(example("giay-moi.yaml")).unwrap().replace(
        "  Sở Dân tộc và Tôn giáo, với số lượng",
        "  Sở Dân tộc và Tôn giáo^[Kế hoạch số 12/KH-SDTTG ngày 05 tháng 4 năm 2025.], với số lượng",
    );
    assert!(batch.contains("^[Kế hoạch số 12"));
    let dir = folder(&[
        ("giay-moi.yaml", &batch),
        ("phan-bo.yaml", &std::fs::read_to_string(example("phan-bo.yaml")).unwrap()),
        ("ke-hoach.yaml", &std::fs::read_to_string(example("ke-hoach.yaml")).unwrap()),
    ]);
    let letters = records(&dir.path().join("giay-moi.yaml"));
    assert!(letters.len() >= 2, "{} letters", letters.len());
    for pages in &letters {
        let (page, note) = entry(pages, "Kế hoạch số 12/KH-SDTTG ngày 05 tháng 4 năm 2025.");
        assert_eq!(page, 0, "at the foot of the letter's first page");
        assert_eq!(number_of(&pages[0], &note).text, "1", "each letter from 1");
        let (_, marker) = marker_after(&pages[0], "Sở Dân tộc và Tôn giáo");
        assert_eq!(marker.text, "1");
    }
}
