//! Recipients grouped under a heading (NĐ30 PL I II.9: "mỗi nhóm" of
//! recipients on its line): in Nơi nhận "- Các sở, ngành:" then its members
//! "+ …;" standing under the heading's text, 11 pt like every entry; in a
//! Kính gửi list the same, the very last line ending "."; and `check`
//! refusing a group without members.

mod common;

use common::*;
use vanban::check::check;
use vanban::inspect::{Line, MM, PageFacts};

/// Width of `s` upright at `size` points.
fn width(s: &str, size: f64) -> f64 {
    vanban::fonts::FontSet::embedded().measure().width(s, size, false, false)
}

const GROUPS: &str = "noi_nhan:
  - Như trên
  - nhom: Các sở, ngành
    cac: [Sở Tài chính, 'Sở Nội vụ;']
  - nhom: 'Ủy ban nhân dân các huyện:'
    cac:
      - Tràng Định
      - Văn Lãng
  - Lãnh đạo Sở
";

fn plan_with_groups() -> Vec<PageFacts> {
    let yaml = plan_yaml("noi_dung: [Nội dung kế hoạch.]")
        .replace("noi_nhan:\n  - UBND các huyện\n  - Lãnh đạo Sở\n", GROUPS)
        .replace("- Như trên\n", "- Văn phòng Sở\n");
    let dir = folder(&[("kh.yaml", &yaml)]);
    pages_of(&dir.path().join("kh.yaml"))
}

/// The lines of `lines` whose text is one of `texts`, in order.
fn lines_of<'a>(lines: &'a [Line], texts: &[&str]) -> Vec<&'a Line> {
    texts
        .iter()
        .map(|t| lines.iter().find(|l| l.text == *t).unwrap_or_else(|| panic!("no line {t:?}")))
        .collect()
}

#[test]
fn a_group_in_noi_nhan_lists_its_members_under_its_heading() {
    let pages = plan_with_groups();
    check_nd30_rules(&pages, "KẾ HOẠCH");
    assert_eq!(
        noi_nhan(&pages),
        [
            "- Văn phòng Sở;",
            "- Các sở, ngành:",
            "+ Sở Tài chính;",
            "+ Sở Nội vụ;",
            "- Ủy ban nhân dân các huyện:",
            "+ Tràng Định;",
            "+ Văn Lãng;",
            "- Lãnh đạo Sở;",
            "- Lưu: VT, PCS."
        ]
    );
    let entries = noi_nhan_entries(&pages[0]);
    let heading = lines_of(&entries, &["- Các sở, ngành:"])[0];
    let members = lines_of(&entries, &["+ Sở Tài chính;", "+ Sở Nội vụ;", "+ Tràng Định;", "+ Văn Lãng;"]);
    // "+" stands where the heading's text starts, after its "- " at 11 pt.
    let text_start = heading.x + width("- ", 11.0);
    for m in &members {
        assert!(
            (m.x - text_start).abs() < 0.3,
            "{:?} at {:.2}, heading text at {text_start:.2}",
            m.text,
            m.x
        );
        assert!((m.size() - 11.0).abs() < 0.01 && !m.all_bold() && !m.all_italic(), "{m:?}");
    }
    assert!((heading.x - LEFT).abs() < 0.5 * MM && (heading.size() - 11.0).abs() < 0.01);
    // One line each, in order, at the entries' pitch.
    let ys: Vec<f64> = entries.iter().map(|l| l.y).collect();
    assert!(ys.windows(2).all(|w| w[1] - w[0] > 8.0 && w[1] - w[0] < 14.0), "{ys:?}");
}

#[test]
fn a_group_in_kinh_gui_stands_under_its_heading_and_the_last_line_ends_the_list() {
    let yaml = std::fs::read_to_string(example("to-trinh.yaml")).unwrap().replace(
        "  - Sở Tài chính tỉnh Lạng Sơn\n",
        "  - nhom: Các sở, ngành\n    cac: [Sở Tài chính, Sở Nội vụ]\n",
    );
    let dir = folder(&[("tt.yaml", &yaml)]);
    let pages = pages_of(&dir.path().join("tt.yaml"));
    let lines = pages[0].lines();
    let at = lines.iter().position(|l| l.text == "Kính gửi:").expect("Kính gửi: on its own line");
    let texts: Vec<&str> = lines[at + 1..at + 5].iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        ["- Ủy ban nhân dân tỉnh Lạng Sơn;", "- Các sở, ngành:", "+ Sở Tài chính;", "+ Sở Nội vụ."]
    );
    let (dash, heading) = (&lines[at + 1], &lines[at + 2]);
    assert!((dash.x - heading.x).abs() < 0.1, "the dashes line up");
    assert!((dash.x - colon_end(&lines[at])).abs() <= 2.0 * MM, "dashes under the colon");
    for m in &lines[at + 3..at + 5] {
        assert!(
            (m.x - (heading.x + width("- ", 14.0))).abs() < 0.3,
            "{:?} at {:.2}",
            m.text,
            m.x - heading.x
        );
        assert!((m.size() - 14.0).abs() < 0.01);
    }
    // A group alone still makes a list, not "Kính gửi: Các sở, ngành".
    let alone = std::fs::read_to_string(dir.path().join("tt.yaml"))
        .unwrap()
        .replace("  - Ủy ban nhân dân tỉnh Lạng Sơn\n", "");
    std::fs::write(dir.path().join("tt.yaml"), alone).unwrap();
    let pages = pages_of(&dir.path().join("tt.yaml"));
    let lines = pages[0].lines();
    let at = lines.iter().position(|l| l.text == "Kính gửi:").expect("Kính gửi: on its own line");
    assert_eq!(lines[at + 1].text, "- Các sở, ngành:");
    assert_eq!(lines[at + 3].text, "+ Sở Nội vụ.");
}

#[test]
fn an_empty_group_is_refused_at_its_line() {
    let yaml = plan_yaml("noi_dung: [Nội dung kế hoạch.]")
        .replace("  - UBND các huyện\n", "  - UBND các huyện\n  - nhom: Các sở, ngành\n    cac: []\n");
    let dir = folder(&[("kh.yaml", &yaml)]);
    let found = check(&engine(), &dir.path().join("kh.yaml")).unwrap();
    let lines: Vec<String> =
        found.iter().map(|f| f.human().replace(&format!("{}/", dir.path().display()), "")).collect();
    assert_eq!(
        lines,
        [
            "kh.yaml:19: lỗi: trường 'noi_nhan[1]': nhóm 'Các sở, ngành' không có nơi nhận nào: ghi các cơ quan, đơn vị của nhóm ở 'cac' (ví dụ 'cac: [Sở Tài chính, Sở Nội vụ]'), hoặc ghi nhóm thành một dòng (NĐ30, Phụ lục I, II.9)"
        ]
    );
    // The same in Kính gửi, and a group without its heading.
    let yaml = std::fs::read_to_string(example("to-trinh.yaml"))
        .unwrap()
        .replace("  - Sở Tài chính tỉnh Lạng Sơn\n", "  - nhom: Các sở, ngành\n");
    let dir = folder(&[("tt.yaml", &yaml)]);
    let found = check(&engine(), &dir.path().join("tt.yaml")).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].field.as_str(), found[0].line), ("kinh_gui[1]", Some(15)));
    let yaml = yaml.replace("  - nhom: Các sở, ngành\n", "  - cac: [Sở Tài chính]\n");
    std::fs::write(dir.path().join("tt.yaml"), yaml).unwrap();
    let found = check(&engine(), &dir.path().join("tt.yaml")).unwrap();
    assert!(found[0].human().contains("nhóm nơi nhận thiếu tên nhóm 'nhom'"), "{found:?}");
    assert!(
        found[0].human().starts_with(&format!("{}:15:", dir.path().join("tt.yaml").display())),
        "{found:?}"
    );
}
