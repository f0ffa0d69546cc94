//! The Công văn (NĐ30 Mẫu 1.5), laid out and checked against NĐ30 §8 and
//! nd30-kinds.md §3 (CV-1, CV-2, CV-4, CV-5, CV-6; CV-3 is a `check` rule,
//! see tests/hong/cong-van-*.yaml).

mod common;

use common::*;
use vanban::inspect::{Line, MM, PageFacts};

/// The V/v lines: from the first line starting "V/v ", the left-column
/// lines under it down to the Kính gửi.
fn vv_lines(p: &PageFacts) -> Vec<Line> {
    let lines = p.lines();
    let first = lines.iter().position(|l| l.text.starts_with("V/v ")).expect("a V/v line");
    let kinh_gui = line(p, "Kính gửi");
    lines[first..].iter().filter(|l| l.y < kinh_gui.y && l.end <= LEFT + LEFT_COLUMN + 0.5).cloned().collect()
}

/// CV-2 on page 1: every V/v line in the left column, centred on Số, 12–13
/// pt upright and not bold, the first 17–23 pt under Số, no final stop.
fn assert_vv_under_so(p: &PageFacts) -> Vec<Line> {
    let so = line(p, "Số:");
    let vv = vv_lines(p);
    for l in &vv {
        assert!(l.x >= LEFT - 0.5 && l.end <= LEFT + LEFT_COLUMN + 0.5, "in the left column: {l:?}");
        assert!((12.0..=13.0).contains(&l.size()), "{}", l.size());
        assert!(!l.runs.iter().any(|r| r.bold || r.italic), "upright, not bold: {:?}", l.text);
        assert!((l.centre() - so.centre()).abs() <= 1.0 * MM, "centred on Số: {}", l.centre() - so.centre());
    }
    let gap = vv[0].y - so.y;
    assert!((17.0..=23.0).contains(&gap), "baseline gap from Số: {gap}");
    let last = &vv.last().unwrap().text;
    assert!(!last.ends_with('.'), "no final full stop: {last}");
    vv
}

#[test]
fn the_example_follows_mau_1_5() {
    let pages = pages_of(&example("cong-van.yaml"));
    check_nd30_rules_cong_van(&pages);
    let p = &pages[0];
    let so = line(p, "Số:");
    assert_eq!(so.text, "Số: 125/SDTTG-PCS");
    // CV-2.
    let vv = assert_vv_under_so(p);
    let text: Vec<&str> = vv.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        text.join(" "),
        "V/v đề nghị gửi danh sách học viên tham dự các lớp tập huấn Dự án 8 năm 2025"
    );
    // CV-1: between the Số row and Kính gửi only the V/v lines: no tên loại.
    let (label, dashes) = kinh_gui_lines(p);
    let between: Vec<String> =
        p.lines().into_iter().filter(|l| l.y > so.y + 1.0 && l.y < label.y).map(|l| l.text).collect();
    assert_eq!(between, text);
    assert!(!p.text().contains("CÔNG VĂN"));
    // CV-4: several recipients as dash lines under the colon.
    assert_eq!(label.text, "Kính gửi:");
    assert!(!label.all_bold() && !label.all_italic() && (label.size() - 14.0).abs() < 0.01);
    assert!(label.y - vv.last().unwrap().y > 14.0, "an empty line after the header");
    let texts: Vec<&str> = dashes.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "- Ủy ban nhân dân huyện Tràng Định;",
            "- Ủy ban nhân dân huyện Văn Lãng;",
            "- Ủy ban nhân dân huyện Bình Gia;",
            "- Ủy ban nhân dân huyện Bắc Sơn;",
            "- Ủy ban nhân dân huyện Cao Lộc."
        ]
    );
    for d in &dashes {
        assert!((d.x - dashes[0].x).abs() <= 0.5 * MM, "dashes aligned");
        assert!((d.x - colon_end(&label)).abs() <= 2.0 * MM, "under the colon: {}", d.x - colon_end(&label));
        assert!(!d.all_bold() && !d.all_italic() && (d.size() - 14.0).abs() < 0.01);
    }
    // The body follows, justified paragraphs ending "./." (checked above).
    let body = line(p, "Thực hiện Kế hoạch của Sở Dân tộc và Tôn giáo");
    assert!(body.y > dashes.last().unwrap().y);
    // CV-5.
    assert_eq!(noi_nhan(&pages)[0], "- Như trên;");
    // CV-6: the address footer under a full-width rule, below the Nơi nhận.
    let entries = noi_nhan_entries(p);
    let luu = entries.last().unwrap();
    assert!(luu.text.starts_with("- Lưu: VT"), "the signature is on page 1: {}", luu.text);
    let name = line(p, "Hoàng Thị Thu Hà");
    let rule = full_width_rule_below(p, luu.y.max(name.y)).expect("the footer's rule below Nơi nhận");
    let footer: Vec<Line> = p.lines().into_iter().filter(|l| l.y > rule.y).collect();
    let footer_text: Vec<&str> = footer.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        footer_text,
        [
            "Địa chỉ: Số 2, đường Hoàng Văn Thụ, phường Chi Lăng, thành phố Lạng Sơn, tỉnh Lạng Sơn",
            "Điện thoại: 0205.3812.345; E-mail: sdttg@langson.gov.vn"
        ]
    );
    for l in &footer {
        assert!((11.0..=12.0).contains(&l.size()) && !l.all_bold() && !l.all_italic(), "{l:?}");
        assert!((l.x - LEFT).abs() < 0.5, "flush left: {l:?}");
    }
    assert!(footer[0].y - rule.y < 14.0, "right under the rule: {}", footer[0].y - rule.y);
    let pitch = footer[1].y - footer[0].y;
    assert!((11.0..=14.0).contains(&pitch), "single-spaced: {pitch}");
    assert!(footer.last().unwrap().y > 841.89 - BOTTOM - 10.0 * MM, "at the foot of page 1");
}

/// The example with `from` replaced by `to`, laid out.
fn variant(replacements: &[(&str, &str)]) -> Vec<PageFacts> {
    let mut yaml = std::fs::read_to_string(example("cong-van.yaml")).unwrap();
    for (from, to) in replacements {
        assert!(yaml.contains(from), "{from}");
        yaml = yaml.replace(from, to);
    }
    let dir = folder(&[("cv.yaml", &yaml)]);
    pages_of(&dir.path().join("cv.yaml"))
}

const KINH_GUI: &str = "kinh_gui:
  - Ủy ban nhân dân huyện Tràng Định
  - Ủy ban nhân dân huyện Văn Lãng
  - Ủy ban nhân dân huyện Bình Gia
  - Ủy ban nhân dân huyện Bắc Sơn
  - Ủy ban nhân dân huyện Cao Lộc
";

#[test]
fn one_recipient_stands_on_the_kinh_gui_line_and_nhu_tren_is_added() {
    let pages = variant(&[
        (KINH_GUI, "kinh_gui: Ủy ban nhân dân huyện Tràng Định\n"),
        ("noi_nhan:\n  - Như trên\n", "noi_nhan:\n"),
    ]);
    let (label, dashes) = kinh_gui_lines(&pages[0]);
    assert_eq!(label.text, "Kính gửi: Ủy ban nhân dân huyện Tràng Định");
    assert!(dashes.is_empty());
    let entries = noi_nhan(&pages);
    assert_eq!(entries[0], "- Như trên;", "added when the data leaves it out");
    assert_eq!(entries.iter().filter(|l| *l == "- Như trên;").count(), 1);
}

#[test]
fn a_long_vv_wraps_inside_the_left_column_every_line_centred() {
    let long = "V/v đề nghị các huyện rà soát, lựa chọn, gửi danh sách học viên là cán bộ cấp xã, \
                người có uy tín trong cộng đồng để tham dự các lớp tập huấn Dự án 8.";
    assert_eq!(long.chars().count(), 150);
    let pages = variant(&[(
        "trich_yeu: đề nghị gửi danh sách học viên tham dự các lớp tập huấn Dự án 8 năm 2025",
        &format!("trich_yeu: {long}"),
    )]);
    let vv = assert_vv_under_so(&pages[0]);
    assert!(vv.len() >= 3, "{vv:?}");
    let text: Vec<&str> = vv.iter().map(|l| l.text.as_str()).collect();
    // "V/v " is not doubled, the final full stop is dropped.
    assert_eq!(text.join(" "), long.trim_end_matches('.'));
    for w in vv.windows(2) {
        let pitch = w[1].y - w[0].y;
        assert!((12.0..=16.0).contains(&pitch), "single-spaced: {pitch}");
    }
}

#[test]
fn the_footer_stays_on_page_1_when_the_letter_runs_over() {
    let para = "Đề nghị Ủy ban nhân dân các huyện chỉ đạo Phòng Dân tộc và Tôn giáo huyện phối hợp với \
                Ủy ban nhân dân các xã lựa chọn học viên đúng đối tượng, đủ số lượng theo phân bổ.";
    // Paragraphs of six lines, so that one can break at the foot of page 1.
    let body: String = (0..7).map(|_| format!("  - {para} {para}\n")).collect();
    let pages = variant(&[("noi_dung:\n", &format!("noi_dung:\n{body}"))]);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    check_nd30_rules_cong_van(&pages);
    let first = &pages[0];
    let rule = full_width_rule_below(first, line(first, "Kính gửi").y).expect("footer rule on page 1");
    let below: Vec<Line> = first.lines().into_iter().filter(|l| l.y > rule.y).collect();
    assert_eq!(below.len(), 2);
    assert!(below[0].text.starts_with("Địa chỉ: "));
    // Nothing of the body under the footer; the body fills the page above it.
    let above = first.lines().into_iter().filter(|l| l.y < rule.y).map(|l| l.y).fold(0.0, f64::max);
    assert!(rule.y - above < 40.0, "the body runs down to the footer: {}\n{}", rule.y - above, first.text());
    for p in &pages[1..] {
        assert!(!p.text().contains("Địa chỉ:"), "page 1 only");
        assert!(full_width_rule_below(p, 0.0).is_none());
    }
}

#[test]
fn a_phu_luc_names_the_cong_van_and_has_no_footer() {
    let pages = variant(&[(
        "chan_trang:",
        "phu_luc:\n  - tieu_de: Mẫu danh sách học viên\n    noi_dung: ['Họ và tên, giới tính, ngày sinh.']\nchan_trang:",
    )]);
    let annex = pages.iter().position(|p| p.text().starts_with("Phụ lục")).expect("the phụ lục page");
    assert!(annex > 0);
    let p = &pages[annex];
    assert!(line(p, "(Kèm theo").all_italic());
    let text = p.text().replace('\n', " ");
    assert!(
        text.contains(
            "(Kèm theo Công văn số 125/SDTTG-PCS ngày 20 tháng 5 năm 2025 của Sở Dân tộc và Tôn giáo)"
        ),
        "{text}"
    );
    assert!(!p.text().contains("Địa chỉ:") && full_width_rule_below(p, 0.0).is_none(), "page 1 only");
    assert!(pages[0].text().contains("Địa chỉ:"));
}

/// About `words` words of body text (a 14 pt line holds about 22).
fn filler(words: usize) -> String {
    let bank = ["cán", "bộ", "cơ", "sở", "được", "tập", "huấn", "về", "bình", "đẳng", "giới", "năm", "nay"];
    (0..words).map(|i| bank[i % bank.len()]).collect::<Vec<_>>().join(" ")
}

/// With the footer taking the foot of page 1, the signature still never
/// stands alone: bodies ending at every line near that foot keep the
/// signature above the footer on page 1, or carry at least two body lines
/// with it to page 2.
#[test]
fn the_signature_keeps_clear_of_the_footer_and_never_stands_alone() {
    use rayon::prelude::*;
    let yaml = std::fs::read_to_string(example("cong-van.yaml")).unwrap();
    let at = yaml.find("noi_dung:\n").unwrap();
    let end = yaml.find("nguoi_ky:\n").unwrap();
    let results: Vec<Result<usize, String>> = (150..=520)
        .step_by(11)
        .collect::<Vec<usize>>()
        .par_iter()
        .map(|&words| {
            let text = format!(
                "{}noi_dung:\n  - {}\n  - Đề nghị các huyện phối hợp thực hiện.\n{}",
                &yaml[..at],
                filler(words),
                &yaml[end..]
            );
            let dir = folder(&[("cv.yaml", &text)]);
            let pages = pages_of(&dir.path().join("cv.yaml"));
            let case = format!("{words} words");
            let signed = pages.iter().position(|p| p.text().contains("Hoàng Thị Thu Hà")).unwrap();
            let page = &pages[signed];
            let lines = page.lines();
            let label = lines.iter().find(|l| l.text == "Nơi nhận:").ok_or(format!("{case}: no Nơi nhận"))?;
            if signed == 0 {
                let rule = full_width_rule_below(page, label.y).ok_or(format!("{case}: no footer"))?;
                let name = line(page, "Hoàng Thị Thu Hà");
                let luu = noi_nhan_entries(page).pop().ok_or(format!("{case}: no entries"))?;
                if name.y >= rule.y - 11.0 || !luu.text.starts_with("- Lưu:") {
                    return Err(format!("{case}: the signature runs into the footer"));
                }
            } else {
                let body = lines
                    .iter()
                    .filter(|l| {
                        l.y > TOP && l.y < label.y - 1.0 && (l.size() - 14.0).abs() < 0.1 && !l.all_bold()
                    })
                    .count();
                if body < 2 {
                    return Err(format!(
                        "{case}: {body} body line(s) with the signature on page {}",
                        signed + 1
                    ));
                }
            }
            Ok(signed)
        })
        .collect();
    let failed: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failed.is_empty(), "{} of {} cases:\n{failed:#?}", failed.len(), results.len());
    // The lengths span the turn from page 1 to page 2.
    let on_page = |n| results.iter().filter(|r| r.as_ref().ok() == Some(&n)).count();
    assert!(on_page(0) >= 3 && on_page(1) >= 3, "{} on page 1, {} on page 2", on_page(0), on_page(1));
}
