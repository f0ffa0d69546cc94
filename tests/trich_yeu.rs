//! A long trích yếu or phụ lục title given as one string is broken into
//! lines of balanced length, centred, the fewest that fit; explicit lines
//! are kept, with a warning for one wider than the text.

mod common;

use common::*;
use vanban::check::{MucDo, check};
use vanban::compose::{TEXT_WIDTH, TEXT_WIDTH_LANDSCAPE};
use vanban::fonts::FontSet;
use vanban::inspect::{Line, MM, PageFacts};

/// A real department's trích yếu (153 characters).
const LONG: &str = "Tổ chức các lớp bồi dưỡng, tập huấn nâng cao năng lực về bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em cho cán bộ, Người quản lý cấp huyện, xã năm 2025";

fn with_trich_yeu(trich_yeu: &str, rest: &str) -> String {
    plan_yaml(&format!("noi_dung:\n  - Trên đây là Kế hoạch của Sở.\n{rest}"))
        .replace("trich_yeu: Tổ chức lớp bồi dưỡng nghiệp vụ năm 2025", trich_yeu)
}

/// The lines of a centred bold title block: those after the line `first`
/// and above the first rule below it.
fn title_block(p: &PageFacts, first: &str) -> Vec<Line> {
    let lines = p.lines();
    let start =
        lines.iter().position(|l| l.text == first).unwrap_or_else(|| panic!("{first}:\n{}", p.text()));
    let rule = p.rules.iter().filter(|r| r.y > lines[start].y).map(|r| r.y).fold(f64::INFINITY, f64::min);
    lines[start + 1..].iter().take_while(|l| l.y < rule && l.all_bold()).cloned().collect()
}

/// The checks shared by the trích yếu and the phụ lục title: the lines read
/// as `text`, each fits and is centred, there are `count` of them and
/// `count - 1` cannot hold the text, they differ by less than a word, and the
/// rule below is 1/3–1/2 of the widest.
fn balanced(p: &PageFacts, block: &[Line], text: &str, count: usize, room: f64) {
    let shown: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(shown.join(" "), text, "{shown:#?}");
    let (left, right) = (LEFT, p.width - RIGHT);
    let centre = (left + right) / 2.0;
    for l in block {
        assert!((l.size() - 14.0).abs() < 0.01 && l.all_bold(), "{:?}", l.text);
        assert!(l.x >= left - 0.1 && l.end <= right + 0.1, "{:?} {}..{}", l.text, l.x, l.end);
        assert!((l.centre() - centre).abs() < 0.5 * MM, "{:?} centred at {}", l.text, l.centre());
    }
    // The fewest lines: the text on one line is wider than count - 1 lines.
    let fonts = FontSet::embedded();
    let m = fonts.measure();
    assert_eq!(block.len(), count, "{shown:#?}");
    assert!(m.width(text, 14.0, true, false) > (count - 1) as f64 * room);
    // Lines of whole words cannot be more even than a word: moving the word
    // at a break from one line to the next changes both by its width. So
    // the longest and the shortest line differ by less than the widest word
    // and a space.
    let word = text.split(' ').map(|w| m.width(&format!("{w} "), 14.0, true, false)).fold(0.0, f64::max);
    let widths: Vec<f64> = block.iter().map(|l| l.end - l.x).collect();
    let longest = widths.iter().copied().fold(0.0, f64::max);
    let shortest = widths.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(
        longest - shortest < word,
        "lines {widths:?} differ by {} ≥ {word}: {shown:#?}",
        longest - shortest
    );
    let below = block.last().unwrap().y;
    let rule = p.rules.iter().filter(|r| r.y > below).min_by(|a, b| a.y.total_cmp(&b.y));
    let rule = rule.expect("rule under the title");
    let ratio = rule.length / longest;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "rule ratio {ratio}");
    assert!((rule.x + rule.length / 2.0 - centre).abs() < 0.5 * MM);
}

#[test]
fn a_long_trich_yeu_is_broken_into_balanced_centred_lines() {
    let dir = folder(&[("kh.yaml", &with_trich_yeu(&format!("trich_yeu: {LONG}"), ""))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    let block = title_block(&pages[0], "KẾ HOẠCH");
    balanced(&pages[0], &block, LONG, 3, TEXT_WIDTH);
}

#[test]
fn a_long_phu_luc_title_is_balanced_in_portrait_and_landscape() {
    let title = "Dự toán kinh phí tổ chức các lớp bồi dưỡng, tập huấn nâng cao năng lực về bình đẳng giới cho cán bộ, người quản lý cấp huyện, xã năm 2025";
    let upper = vanban::vi::upper(title);
    let appendix = |ngang: bool| {
        format!("phu_luc:\n  - tieu_de: {title}\n    ngang: {ngang}\n    noi_dung: [Nội dung phụ lục.]\n")
    };
    for (ngang, room, count) in [(false, TEXT_WIDTH, 3), (true, TEXT_WIDTH_LANDSCAPE, 2)] {
        let dir = folder(&[("kh.yaml", &with_trich_yeu("trich_yeu: Tập huấn năm 2025", &appendix(ngang)))]);
        let pages = pages_of(&dir.path().join("kh.yaml"));
        let p = pages.iter().find(|p| p.text().starts_with("Phụ lục")).expect("the phụ lục");
        let block = title_block(p, "Phụ lục");
        balanced(p, &block, &upper, count, room);
    }
}

#[test]
fn an_explicit_line_wider_than_the_text_is_kept_with_a_warning() {
    let first = "Tổ chức các lớp bồi dưỡng, tập huấn nâng cao năng lực về bình đẳng giới và giải quyết những vấn đề cấp thiết";
    let second = "đối với phụ nữ và trẻ em cho cán bộ, Người quản lý cấp huyện, xã năm 2025";
    let yaml = with_trich_yeu(&format!("trich_yeu:\n  - {first}\n  - {second}"), "");
    // The line of the first entry itself, under `trich_yeu:`.
    let line = yaml.lines().position(|l| l == "trich_yeu:").unwrap() + 2;
    let dir = folder(&[("kh.yaml", &yaml)]);
    let path = dir.path().join("kh.yaml");
    let findings = check(&engine(), &path).unwrap();
    let shown: Vec<String> = findings.iter().map(|f| f.human()).collect();
    assert_eq!(
        shown,
        [format!(
            "{}:{line}: cảnh báo: trường 'trich_yeu[0]': dòng '{first}' rộng 232 mm, quá bề rộng vùng chữ 165 mm: dòng sẽ bị ngắt, để lại một đoạn ngắn trên một dòng riêng; hãy ngắt lại các dòng, hoặc ghi trích yếu thành một chuỗi để vanban tự ngắt thành các dòng cân đối",
            path.display()
        )]
    );
    assert_eq!(findings[0].severity, MucDo::CanhBao);
    // Kept as given: its first line is wrapped by Typst, the second stays whole.
    let pages = pages_of(&path);
    let block = title_block(&pages[0], "KẾ HOẠCH");
    assert_eq!(block.last().unwrap().text, second);
    // The same text as one string: balanced, no warning.
    let one = with_trich_yeu(&format!("trich_yeu: {first} {second}"), "");
    std::fs::write(&path, one).unwrap();
    assert_eq!(check(&engine(), &path).unwrap(), vec![]);
}
