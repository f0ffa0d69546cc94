//! The Quyết định (Mẫu 1.2) laid out, against NĐ30 §8 and the rules QD-1 …
//! QD-7 of nd30-kinds.md §2.6.

mod common;

use common::*;
use vanban::inspect::{Line, MM};

fn all_lines() -> Vec<(usize, Line)> {
    pages_of(&example("quyet-dinh.yaml"))
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().into_iter().map(move |l| (i, l)))
        .collect()
}

#[test]
fn a_decision_follows_the_decree() {
    let pages = pages_of(&example("quyet-dinh.yaml"));
    check_nd30_rules(&pages, "QUYẾT ĐỊNH");
    let p = &pages[0];
    let centre = (LEFT + text_right(p)) / 2.0;
    let lines = p.lines();
    let at = |prefix: &str| {
        lines.iter().position(|l| l.text.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}"))
    };
    // QD-1: the trích yếu "Về việc …", bold, not upper case, then its rule.
    let trich = &lines[at("QUYẾT ĐỊNH") + 1];
    assert!(trich.text.starts_with("Về việc ") && trich.all_bold(), "{}", trich.text);
    // QD-2: one centred, bold, upper-case authority line before the first "Căn cứ".
    let authority = &lines[at("Căn cứ") - 1];
    assert_eq!(authority.text, "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO");
    assert!(authority.all_bold() && (authority.centre() - centre).abs() < 0.5 * MM);
    assert!(p.rules.iter().any(|r| r.y > trich.y && r.y < authority.y), "the trích yếu's rule above it");
    // QD-3: the preamble in italic, 14 pt; ";" after each line but the last, which ends ".".
    let start = at("Căn cứ");
    let decide = at("QUYẾT ĐỊNH:");
    let preamble: Vec<&Line> = lines[start..decide].iter().collect();
    for l in &preamble {
        assert!(l.all_italic() && (l.size() - 14.0).abs() < 0.01, "{}", l.text);
    }
    let ends: Vec<&Line> =
        preamble.iter().copied().filter(|l| l.text.ends_with(';') || l.text.ends_with('.')).collect();
    assert_eq!(ends.len(), 4, "three căn cứ and the proposal each end a paragraph");
    assert!(ends[..3].iter().all(|l| l.text.ends_with(';')));
    assert_eq!(ends[3].text, "Theo đề nghị của Trưởng phòng Chính sách.");
    assert!(preamble[0].x - LEFT > 9.7 * MM && preamble[0].x - LEFT < 10.3 * MM, "1 cm indent");
    // QD-4: "QUYẾT ĐỊNH:" once, bold, centred, after the preamble and before "Điều 1.".
    let word = &lines[decide];
    assert_eq!(word.text, "QUYẾT ĐỊNH:");
    assert!(word.all_bold() && (word.centre() - centre).abs() < 0.5 * MM);
    assert!(lines[decide + 1].text.starts_with("Điều 1."));
}

#[test]
fn articles_are_numbered_with_bold_labels_and_khoan_restart() {
    let lines = all_lines();
    // QD-5: Điều 1, 2, 3, 4 in order, the labels bold, 1 cm in.
    let labels: Vec<&Line> = lines.iter().map(|(_, l)| l).filter(|l| l.text.starts_with("Điều ")).collect();
    let numbers: Vec<String> = labels.iter().map(|l| l.text.split('.').next().unwrap().to_owned()).collect();
    assert_eq!(numbers, ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]);
    for l in &labels {
        assert!(l.runs[0].bold && l.runs[0].text.starts_with("Điều "), "{:?}", l.runs[0].text);
        assert!((l.x - LEFT - 10.0 * MM).abs() < 0.3 * MM);
    }
    // An untitled article: the label bold, its text regular, on one line.
    let third = labels[2];
    assert!(third.text.starts_with("Điều 3. Ban Tổ chức tự giải thể"));
    assert!(third.runs.iter().any(|r| !r.bold && r.text.contains("Ban Tổ chức")), "the text regular");
    // khoản 1., 2., 3. under Điều 1, again 1., 2., 3. under Điều 2; điểm a), b), c).
    let starts: Vec<&str> = lines
        .iter()
        .map(|(_, l)| l.text.as_str())
        .filter(|t| {
            t.len() > 3
                && (t.as_bytes()[0].is_ascii_digit() || t.starts_with(['a', 'b', 'c']))
                && t.as_bytes()[1] == b'.'
                || t.starts_with("a) ")
                || t.starts_with("b) ")
                || t.starts_with("c) ")
        })
        .map(|t| t.split(' ').next().unwrap())
        .collect();
    assert_eq!(starts, ["1.", "2.", "3.", "a)", "b)", "c)", "1.", "2.", "3."]);
    // The last article ends the content with "./.".
    assert!(lines.iter().any(|(_, l)| l.text.ends_with("chịu trách nhiệm thi hành Quyết định này./.")));
}

#[test]
fn noi_nhan_starts_with_the_executing_article() {
    // QD-7: "- Như Điều 4;" where Điều 4 names who carries it out.
    let lines = all_lines();
    let label = lines.iter().position(|(_, l)| l.text == "Nơi nhận:").unwrap();
    let first = lines[label + 1..].iter().map(|(_, l)| l).find(|l| l.text.starts_with("- ")).unwrap();
    assert_eq!(first.text, "- Như Điều 4;");
    // The signer: a head's authority, so no "TM." (QD-8).
    assert!(lines.iter().any(|(_, l)| l.text == "KT. GIÁM ĐỐC"));
    assert!(!lines.iter().any(|(_, l)| l.text.starts_with("TM.")));
}

/// An article may end with a table (`bang`): laid out under the article's
/// text, the header row bold, inside the text width, before the next
/// article; a row that does not fit the columns is refused with its line.
#[test]
fn an_article_ends_with_its_table() {
    let yaml = std::fs::read_to_string(example("quyet-dinh.yaml")).unwrap();
    let with = yaml.replace(ARTICLE_3, ARTICLE_3_TABLE);
    assert_ne!(with, yaml);
    let dir = folder(&[("qd.yaml", &with)]);
    let pages = pages_of(&dir.path().join("qd.yaml"));
    check_nd30_rules(&pages, "QUYẾT ĐỊNH");
    let (k, p) = pages.iter().enumerate().find(|(_, p)| p.text().contains("Xã Chi Lăng")).unwrap();
    let (head, row) = (line(p, "Đơn vị"), line(p, "Xã Chi Lăng"));
    assert!(head.runs[0].bold && head.y < row.y, "{head:?}");
    let dieu_3 =
        pages[..=k].iter().rev().find_map(|q| q.lines().into_iter().find(|l| l.text.starts_with("Điều 3.")));
    let dieu_3 = dieu_3.expect("Điều 3 before its table");
    assert!(dieu_3.text.contains("Ban Tổ chức tự giải thể"));
    // Điều 4 after the table: below its last row, or on a later page.
    let on = |q: &vanban::inspect::PageFacts| q.lines().into_iter().find(|l| l.text.starts_with("Điều 4."));
    match on(p) {
        Some(l) => assert!(l.y > row.y, "{l:?}"),
        None => assert!(pages[k + 1..].iter().any(|q| on(q).is_some())),
    }
    for r in p.vertical.iter().filter(|r| r.y <= row.y && row.y <= r.y + r.length) {
        assert!(r.x >= LEFT - 0.5 && r.x <= text_right(p) + 0.5, "inside the text width: {r:?}");
    }
    let bad = with.replace("['2', Phường Tam Thanh]", "['2']");
    let dir = folder(&[("qd.yaml", &bad)]);
    let found = vanban::check::check(&engine(), &dir.path().join("qd.yaml")).unwrap();
    let messages: Vec<String> =
        found.iter().map(|f| f.human().replace(&format!("{}/", dir.path().display()), "")).collect();
    assert_eq!(messages, ["qd.yaml:37: lỗi: trường 'dieu[2].bang.dong[1]': dòng có 1 ô nhưng bảng có 2 cột"]);
}

const ARTICLE_3: &str =
    "  - Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ. Quyết định này có hiệu lực kể từ ngày ký.\n";
const ARTICLE_3_TABLE: &str = "  - noi_dung: Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ. Quyết định này có hiệu lực kể từ ngày ký. Các đơn vị phối hợp như sau.
    bang:
      cot: [STT, Đơn vị]
      dong: [['1', Xã Chi Lăng], ['2', Phường Tam Thanh]]
";
