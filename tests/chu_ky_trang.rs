//! The signature never stands alone on a page (issue 13): a page holding the
//! signature and no text of the document could be stapled behind another
//! body. Bodies are generated so that their end falls at every line near the
//! foot of page 1; on the page with the signer's name, "Nơi nhận:" and the
//! signer's title must sit under at least two lines of the body.

mod common;

use std::ops::RangeInclusive;

use common::*;
use rayon::prelude::*;
use vanban::inspect::{Line, PageFacts};

/// The signer of `plan_yaml` and of the example giấy mời.
const PLAN_SIGNER: &str = "Trần Thị Bình";
const LETTER_SIGNER: &str = "Hoàng Thị Thu Hà";
const SIGNER_TITLE: &str = "KT. GIÁM ĐỐC";

/// Distinct baselines among `lines`.
fn baselines(lines: &[&Line]) -> usize {
    let mut ys: Vec<f64> = lines.iter().map(|l| l.y).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    ys.len()
}

/// Checks one document's pages (`kind`: its tên loại): the number of body
/// lines on the signature's page, or what is wrong.
fn signature_page(pages: &[PageFacts], kind: &str, signer: &str, case: &str) -> Result<usize, String> {
    let (i, page) = pages
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| p.lines().iter().any(|l| l.text == signer))
        .ok_or_else(|| format!("{case}: no page with the signer {signer}"))?;
    let lines = page.lines();
    let label = lines
        .iter()
        .find(|l| l.text == "Nơi nhận:")
        .ok_or_else(|| format!("{case}: \"Nơi nhận:\" is not on the signer's page {}", i + 1))?;
    if !lines.iter().any(|l| l.text == SIGNER_TITLE && (l.y - label.y).abs() <= 3.0) {
        return Err(format!("{case}: the signer's title is not level with \"Nơi nhận:\" on page {}", i + 1));
    }
    // Body text: 14 pt paragraphs and 13 pt table cells, not bold (headings,
    // the trích yếu and a table's header row are bold), below the top margin
    // (the page number) and, on the first page, below the tên loại.
    let top = if i == 0 { line(page, kind).y } else { TOP };
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| l.y > top && l.y < label.y - 1.0)
        .filter(|l| (12.9..=14.1).contains(&l.size()) && !l.all_bold())
        .collect();
    let n = baselines(&body);
    if n < 2 {
        return Err(format!(
            "{case}: {n} body line(s) above \"Nơi nhận:\" on page {} of {}",
            i + 1,
            pages.len()
        ));
    }
    Ok(n)
}

/// Fails listing every failed case.
fn assert_all_ok<T>(results: &[Result<T, String>]) {
    let failed: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} of {} cases:\n{}",
        failed.len(),
        results.len(),
        failed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}

/// About `words` words of body text (a 14 pt line holds about 22).
fn filler(words: usize) -> String {
    let bank = ["cán", "bộ", "cơ", "sở", "được", "tập", "huấn", "về", "bình", "đẳng", "giới", "năm", "nay"];
    (0..words).map(|i| bank[i % bank.len()]).collect::<Vec<_>>().join(" ")
}

/// A plan whose body opens with a paragraph of `lines` lines (about), then
/// two paragraphs, then `tail` (YAML items of `noi_dung`).
fn plan_with(lines: usize, tail: &str) -> String {
    let body = format!(
        "noi_dung:\n  - Mở đầu {}.\n  - Đoạn thứ hai {}.\n  - Đoạn thứ ba {}.\n{tail}",
        filler(lines * 22),
        filler(28),
        filler(28)
    );
    plan_yaml(&body)
}

/// The ways a body ends: its last block is a one-line paragraph, a "-" item,
/// a five-line paragraph, or a table; with the opening paragraph lengths
/// (lines) that put the body's end on every line from where the signature
/// still fits on page 1 to where the body runs onto page 2. Before the fix,
/// every case but the first and the last of each range left the signature
/// on page 2 with no body line, or with one line or one table row.
const TAILS: &[(&str, &str, RangeInclusive<usize>)] = &[
    ("một dòng", "  - Trên đây là Kế hoạch của Sở.\n", 15..=25),
    (
        "gạch đầu dòng",
        "  - gach:\n      - Báo cáo kết quả về Sở trước ngày 30/11/2025, gồm số lớp, số học viên và kinh phí đã sử dụng.\n",
        14..=23,
    ),
    (
        DOAN_DAI,
        "  - Kết luận về các lớp bồi dưỡng, đủ năm dòng để phải ngắt giữa hai trang: LONG.\n",
        12..=20,
    ),
    (
        "bảng",
        "  - bang:\n      cot: [Lớp, Số học viên]\n      dong: [[CT2-1, '40'], [CT2-2, '38'], [CT3-1, '80'], [CT3-2, '76']]\n",
        10..=20,
    ),
];

const DOAN_DAI: &str = "đoạn năm dòng";

#[test]
fn the_signature_keeps_two_body_lines_whatever_the_last_block() {
    let cases: Vec<(&str, String, String)> = TAILS
        .iter()
        .flat_map(|(name, tail, openings)| {
            let tail = tail.replace("LONG", &filler(60));
            openings.clone().map(move |n| (*name, format!("{name}, mở đầu {n} dòng"), plan_with(n, &tail)))
        })
        .collect();
    let results: Vec<Result<(&str, usize, usize), String>> = cases
        .par_iter()
        .map(|(name, case, yaml)| {
            let dir = folder(&[("kh.yaml", yaml)]);
            let pages = pages_of(&dir.path().join("kh.yaml"));
            let n = signature_page(&pages, "KẾ HOẠCH", PLAN_SIGNER, case)?;
            Ok((*name, pages.len(), n))
        })
        .collect();
    assert_all_ok(&results);
    for (name, ..) in TAILS {
        // Each sweep crosses the page end: some signatures on page 1, some on 2.
        let pages: Vec<usize> = results.iter().flatten().filter(|r| r.0 == *name).map(|r| r.1).collect();
        assert!(pages.contains(&1) && pages.contains(&2), "{name}: {pages:?}");
    }
    // Only the lines needed move: a long last paragraph is split, not
    // carried whole to the signature's page.
    for (_, pages, n) in results.iter().flatten().filter(|r| r.0 == DOAN_DAI) {
        assert!(*pages == 1 || *n == 2, "{n} lines of the last paragraph on page 2");
    }
}

/// The example's invitations with `extra` more notes of about a line each.
fn letters_with(extra: usize) -> String {
    let source = std::fs::read_to_string(example("giay-moi.yaml")).unwrap();
    let notes: String = (0..extra).map(|i| format!("  - Lưu ý thêm số {i}: {}.\n", filler(22))).collect();
    source.replacen("luu_y:\n", &format!("luu_y:\n{notes}"), 1)
}

#[test]
fn every_invitation_of_a_batch_keeps_two_body_lines_with_its_signature() {
    // Before the fix, 1 to 3 more notes left every signature alone on page 2.
    let results: Vec<Result<Vec<usize>, String>> = (0..=5)
        .into_par_iter()
        .map(|extra| {
            let phan_bo = std::fs::read_to_string(example("phan-bo.yaml")).unwrap();
            let dir = folder(&[("giay-moi.yaml", &letters_with(extra)), ("phan-bo.yaml", &phan_bo)]);
            let letters = records(&dir.path().join("giay-moi.yaml"));
            assert_eq!(letters.len(), 10);
            for (k, letter) in letters.iter().enumerate() {
                signature_page(
                    letter,
                    "GIẤY MỜI",
                    LETTER_SIGNER,
                    &format!("{extra} lưu ý thêm, giấy {}", k + 1),
                )?;
            }
            Ok(letters.iter().map(Vec::len).collect())
        })
        .collect();
    assert_all_ok(&results);
    let pages: Vec<usize> = results.iter().flatten().flatten().copied().collect();
    assert!(pages.contains(&1) && pages.contains(&2), "{pages:?}");
}

/// Minutes (`bien-ban`) whose record opens with a paragraph of about
/// `lines` lines, then two paragraphs; the closing line follows them.
fn minutes_with(lines: usize) -> String {
    let source = std::fs::read_to_string(example("bien-ban.yaml")).unwrap();
    // Participants on one line, so that short records fit on page 1.
    let (from, to) = (source.find("thanh_phan:\n").unwrap(), source.find("chu_toa:\n").unwrap());
    let source = format!("{}thanh_phan: Các thành viên Ban Tổ chức\n{}", &source[..from], &source[to..]);
    let (start, end) = (source.find("noi_dung:\n").unwrap(), source.find("noi_nhan:\n").unwrap());
    let record = format!(
        "noi_dung:\n  - Mở đầu {}.\n  - Đoạn thứ hai {}.\n  - Đoạn thứ ba {}.\n",
        filler(lines * 22),
        filler(28),
        filler(28)
    );
    format!("{}{record}{}", &source[..start], &source[end..])
}

/// The page of the two signatures (THƯ KÝ, CHỦ TỌA) with Nơi nhận under
/// them: the number of body lines above the headings, or what is wrong.
fn two_signers_page(pages: &[PageFacts], case: &str) -> Result<usize, String> {
    let (i, page) = pages
        .iter()
        .enumerate()
        .find(|(_, p)| p.lines().iter().any(|l| l.text == "THƯ KÝ"))
        .ok_or_else(|| format!("{case}: no THƯ KÝ"))?;
    let lines = page.lines();
    let heading = lines.iter().find(|l| l.text == "THƯ KÝ").unwrap();
    if !lines.iter().any(|l| l.text == "Nơi nhận:" && l.y > heading.y) {
        return Err(format!("{case}: \"Nơi nhận:\" is not under the signatures on page {}", i + 1));
    }
    let top = if i == 0 { line(page, "BIÊN BẢN").y } else { TOP };
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| l.y > top && l.y < heading.y - 1.0)
        .filter(|l| (12.9..=14.1).contains(&l.size()) && !l.all_bold())
        .collect();
    let n = baselines(&body);
    if n < 2 {
        return Err(format!(
            "{case}: {n} body line(s) above the signatures on page {} of {}",
            i + 1,
            pages.len()
        ));
    }
    Ok(pages.len())
}

#[test]
fn two_signers_keep_two_body_lines_with_them() {
    let results: Vec<Result<usize, String>> = (1..=24)
        .into_par_iter()
        .map(|n| {
            let dir = folder(&[("bb.yaml", &minutes_with(n))]);
            let pages = pages_of(&dir.path().join("bb.yaml"));
            two_signers_page(&pages, &format!("biên bản, mở đầu {n} dòng"))
        })
        .collect();
    assert_all_ok(&results);
    // The sweep crosses the end of page 1.
    let pages: Vec<usize> = results.iter().flatten().copied().collect();
    assert!(pages.contains(&1) && pages.contains(&2), "{pages:?}");
}
