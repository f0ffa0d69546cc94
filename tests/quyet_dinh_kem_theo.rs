//! The Quyết định of Mẫu 1.3 with the document it issues, laid out: the
//! decision against NĐ30 §8 and QD-9, the attached Quy chế on its own
//! pages against ATT-1 … ATT-3 and PG-1 (nd30-kinds.md §2.2–2.4, §12, §14).

mod common;

use common::*;
use vanban::inspect::{Line, MM, PageFacts};

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

fn pages() -> Vec<PageFacts> {
    pages_of(&example("quyet-dinh-quy-che.yaml"))
}

/// The index of the attachment's first page: the second page carrying the
/// Quốc hiệu, which only the first page of each document has (PG-1).
fn attachment_start(pages: &[PageFacts]) -> usize {
    let with: Vec<usize> =
        pages.iter().enumerate().filter(|(_, p)| p.text().contains(QUOC_HIEU)).map(|(i, _)| i).collect();
    assert_eq!(with.len(), 2, "Quốc hiệu on the decision's first page and the attachment's");
    with[1]
}

fn centre(p: &PageFacts) -> f64 {
    (LEFT + text_right(p)) / 2.0
}

fn centred(p: &PageFacts, l: &Line) -> bool {
    (l.centre() - centre(p)).abs() < 1.0 * MM
}

/// What stands in the top margin: the page number, if any.
fn in_top_margin(p: &PageFacts) -> Vec<String> {
    p.lines().into_iter().filter(|l| l.y < TOP).map(|l| l.text).collect()
}

#[test]
fn the_decision_follows_the_decree_and_issues_the_quy_che() {
    let pages = pages();
    let start = attachment_start(&pages);
    // §8 on the decision's own pages, signature and Nơi nhận included.
    check_nd30_rules(&pages[..start], "QUYẾT ĐỊNH");
    let p = &pages[0];
    let lines = p.lines();
    let title = lines.iter().position(|l| l.text == "QUYẾT ĐỊNH").unwrap();
    // QD-1, Mẫu 1.3: the trích yếu starts "Ban hành ", bold.
    let trich = &lines[title + 1];
    assert!(trich.text.starts_with("Ban hành Quy chế làm việc") && trich.all_bold(), "{}", trich.text);
    // QD-9: Điều 1 issues the document "kèm theo Quyết định này".
    let dieu_1 = line(p, "Điều 1.");
    assert!(dieu_1.text.starts_with("Điều 1. Ban hành kèm theo Quyết định này Quy chế"), "{}", dieu_1.text);
    assert!(dieu_1.runs[0].bold && dieu_1.runs.iter().any(|r| !r.bold && r.text.contains("kèm theo")));
    // The decision ends, signed, before the attachment's page.
    assert!(pages[start - 1].text().contains("Nơi nhận:"));
    assert!(pages[start - 1].text().contains("Hoàng Thị Thu Hà"));
}

#[test]
fn the_attachment_starts_a_new_page_and_numbers_its_own() {
    let pages = pages();
    let start = attachment_start(&pages);
    assert!(pages.len() >= start + 2, "the example's Quy chế runs over two pages");
    // The decision: pages 2 … numbered as usual.
    for (i, p) in pages[..start].iter().enumerate() {
        let expected: Vec<String> = if i == 0 { vec![] } else { vec![(i + 1).to_string()] };
        assert_eq!(in_top_margin(p), expected, "decision page {}", i + 1);
    }
    // The attachment restarts: no number on its first page, then 2, 3 …
    assert_eq!(in_top_margin(&pages[start]), Vec::<String>::new());
    for (k, p) in pages[start + 1..].iter().enumerate() {
        let n = (k + 2).to_string();
        assert_eq!(in_top_margin(p), std::slice::from_ref(&n), "attachment page {}", k + 2);
        let number = line(p, &n);
        assert!(centred(p, &number) && (number.size() - 14.0).abs() < 0.01);
    }
    // Its first page opens with the header, at the top of the text area.
    let first = pages[start].lines().into_iter().min_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
    assert!(first.text.starts_with("UBND TỈNH LẠNG SƠN") && first.y < TOP + 12.0, "{first:?}");
    // No signature in the attachment (§14: rule 16 does not apply).
    for p in &pages[start..] {
        assert!(!p.text().contains("Nơi nhận:") && !p.text().contains("Hoàng Thị Thu Hà"));
    }
}

#[test]
fn the_attachment_header_has_no_number_and_no_date() {
    // ATT-1.
    let pages = pages();
    let p = &pages[attachment_start(&pages)];
    let lines = p.lines();
    let qh = line(p, QUOC_HIEU);
    assert!(qh.all_bold() && (qh.size() - 13.0).abs() < 0.01 && qh.text == QUOC_HIEU);
    assert!(line(p, "Độc lập - Tự do - Hạnh phúc").all_bold());
    let agency = lines.iter().find(|l| l.text.starts_with("SỞ DÂN TỘC VÀ TÔN GIÁO")).expect("agency");
    assert!(agency.all_bold() && agency.x < centre(p));
    assert!(!lines.iter().any(|l| l.text.starts_with("Số")), "no Số line:\n{}", p.text());
    assert!(!lines.iter().any(|l| l.text.contains(", ngày ")), "no date line:\n{}", p.text());
    // Tên loại and trích yếu, centred and bold, under the header.
    let ten = lines.iter().position(|l| l.text == "QUY CHẾ").expect("tên loại");
    assert!(lines[ten].all_bold() && centred(p, &lines[ten]) && lines[ten].y > qh.y);
    // The header has no empty Số/date row either: the tên loại stands one
    // row (8 pt gutter and a 14 pt line) closer to the tiêu ngữ than the
    // decision's does.
    let gap = |p: &PageFacts, title: &str| line(p, title).y - line(p, "Độc lập").y;
    let shorter = gap(&pages[0], "QUYẾT ĐỊNH") - gap(p, "QUY CHẾ");
    assert!((shorter - (8.0 + 14.0 * 1.15)).abs() < 2.0, "{shorter}");
    let trich = &lines[ten + 1];
    assert_eq!(trich.text, "Làm việc của Ban Tổ chức các lớp tập huấn thực hiện Dự án 8 năm 2025");
    assert!(trich.all_bold() && centred(p, trich));
}

#[test]
fn the_reference_line_names_the_decision_under_the_title() {
    // ATT-2: italic, centred, built from the decision's number, date and
    // authority; a short rule below it.
    let pages = pages();
    let p = &pages[attachment_start(&pages)];
    let lines = p.lines();
    let first = lines.iter().position(|l| l.text.starts_with("(Kèm theo ")).expect("reference line");
    let last = first + lines[first..].iter().position(|l| l.text.ends_with(')')).unwrap();
    let reference: Vec<&Line> = lines[first..=last].iter().collect();
    assert_eq!(
        reference.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "),
        "(Kèm theo Quyết định số 15/QĐ-SDTTG ngày 05 tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)"
    );
    for l in &reference {
        assert!(l.all_italic() && !l.all_bold() && (l.size() - 14.0).abs() < 0.01, "{l:?}");
        assert!(centred(p, l), "{l:?}");
    }
    assert_eq!(lines[first - 1].text, "Làm việc của Ban Tổ chức các lớp tập huấn thực hiện Dự án 8 năm 2025");
    let bottom = reference.last().unwrap().y;
    let next = &lines[last + 1];
    let rule =
        p.rules.iter().find(|r| r.y > bottom && r.y < next.y).expect("a rule under the reference line");
    assert!(((rule.x + rule.length / 2.0) - centre(p)).abs() < 1.0 * MM, "centred rule");
    assert!(
        rule.length > 20.0 * MM && rule.length < 0.5 * (text_right(p) - LEFT),
        "short rule: {}",
        rule.length
    );
    assert_eq!(next.text, "Chương I", "the body follows the rule");
}

#[test]
fn chapters_and_articles_are_headed_as_the_decree_does() {
    // ATT-3, with the numbering of §2.4.
    let pages = pages();
    let start = attachment_start(&pages);
    let lines: Vec<(usize, Line)> = pages[start..]
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().into_iter().filter(|l| l.y >= TOP).map(move |l| (i, l)))
        .collect();
    let page = |i: usize| &pages[start + i];
    let roman = |t: &str| {
        t.strip_prefix("Chương ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)))
    };
    let chapters: Vec<usize> = (0..lines.len()).filter(|&i| roman(&lines[i].1.text)).collect();
    let headings: Vec<(&str, &str)> =
        chapters.iter().map(|&i| (lines[i].1.text.as_str(), lines[i + 1].1.text.as_str())).collect();
    assert_eq!(
        headings,
        [
            ("Chương I", "QUY ĐỊNH CHUNG"),
            ("Chương II", "NHIỆM VỤ VÀ QUYỀN HẠN"),
            ("Chương III", "CHẾ ĐỘ LÀM VIỆC VÀ TỔ CHỨC THỰC HIỆN")
        ]
    );
    for &i in &chapters {
        for (p, l) in [&lines[i], &lines[i + 1]] {
            assert!(l.all_bold() && centred(page(*p), l) && (l.size() - 14.0).abs() < 0.01, "{l:?}");
        }
        assert!(lines[i + 2].1.text.starts_with("Điều "), "a chapter heading kept with its first article");
    }
    // Điều 1 … 8 through the chapters, each label bold with its bold title.
    let articles: Vec<&Line> =
        lines.iter().map(|(_, l)| l).filter(|l| l.text.starts_with("Điều ") && l.runs[0].bold).collect();
    let numbers: Vec<String> =
        articles.iter().map(|l| l.text.split('.').next().unwrap().to_owned()).collect();
    assert_eq!(numbers, (1..=8).map(|n| format!("Điều {n}")).collect::<Vec<_>>());
    for l in &articles {
        let (label, title) = l.text.split_once(". ").unwrap();
        assert!(label.starts_with("Điều ") && !title.trim().is_empty(), "{:?}", l.text);
        assert!(l.all_bold(), "label and title bold: {:?}", l.text);
        assert!((l.x - LEFT - 10.0 * MM).abs() < 0.3 * MM, "1 cm indent: {:?}", l.text);
    }
    assert_eq!(articles[0].text, "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng");
    assert_eq!(articles[2].text, "Điều 3. Trưởng ban");
    // Khoản restart in each article: "1." follows every article with khoản.
    for l in ["Điều 1.", "Điều 2.", "Điều 3.", "Điều 8."] {
        let i = lines.iter().position(|(_, x)| x.text.starts_with(l)).unwrap();
        assert!(lines[i + 1].1.text.starts_with("1. "), "{l} then khoản 1: {:?}", lines[i + 1].1.text);
    }
    // Điểm a) b) c) in the khoản that has them, regular weight.
    let diem: Vec<&str> = lines
        .iter()
        .map(|(_, l)| l.text.as_str())
        .filter(|t| t.starts_with("a) ") || t.starts_with("b) ") || t.starts_with("c) "))
        .map(|t| &t[..2])
        .collect();
    assert_eq!(diem, ["a)", "b)", "c)"]);
    // The body ends "./.".
    let end = &lines.last().unwrap().1;
    assert!(end.text.ends_with("bổ sung cho phù hợp./."), "{:?}", end.text);
}

/// The worked example with `edit` applied to its text.
fn example_with(edit: impl Fn(String) -> String) -> String {
    edit(std::fs::read_to_string(example("quyet-dinh-quy-che.yaml")).unwrap())
}

#[test]
fn a_decision_not_yet_numbered_leaves_the_slots_blank() {
    let text = example_with(|t| t.replace("so: 15\n", "").replace("ngay: 05/05/2025", "ngay: 5/2025"));
    let dir = folder(&[("qd.yaml", &text)]);
    let source = engine().prepare(&dir.path().join("qd.yaml")).unwrap().source;
    let b = vanban::vi::BLANK;
    // As the header shows them: "Số:      /QĐ-SDTTG", "ngày      tháng 5".
    assert!(source.contains(&format!("\"Số:{b}/QĐ-SDTTG\"")), "{source}");
    // The reference line's lines joined back.
    let joined = source.replace("\", \"", " ");
    assert!(
        joined.contains(&format!(
            "(Kèm theo Quyết định số {b}/QĐ-SDTTG ngày {b} tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)"
        )),
        "{source}"
    );
}

#[test]
fn an_issuer_that_cannot_be_read_is_asked_for_and_nothing_is_written() {
    // A collective's authority that does not end with the agency's name.
    let text = example_with(|t| {
        t.replace(
            "tham_quyen: GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO",
            "tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        )
    });
    let dir = folder(&[("qd.yaml", &text)]);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "qd.yaml", "-o", "qd.pdf"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let line = text.lines().position(|l| l.starts_with("kem_theo:")).unwrap() + 1;
    assert!(
        stderr.contains(&format!(
            "qd.yaml:{line}: lỗi: trường 'kem_theo.cua': không suy ra được ai ban hành quyết định từ 'tham_quyen' ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN') và 'co_quan.ten_goi' để ghi dòng '(Kèm theo Quyết định số … của …)': ghi 'cua' trong 'kem_theo', ví dụ 'cua: Giám đốc Sở Dân tộc và Tôn giáo'"
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("qd.pdf").exists());
    // Given, it is used as written.
    let text =
        text.replace("  ten_loai: QUY CHẾ\n", "  ten_loai: QUY CHẾ\n  cua: Chủ tịch Ủy ban nhân dân tỉnh\n");
    let dir = folder(&[("qd.yaml", &text)]);
    let source = engine().prepare(&dir.path().join("qd.yaml")).unwrap().source;
    assert!(source.contains("của Chủ tịch Ủy ban nhân dân tỉnh)"), "{source}");
}

#[test]
fn chapters_and_loose_articles_together_are_refused() {
    let text = example_with(|t| {
        t.replace("  chuong:\n", "  dieu: [{ tieu_de: Một điều ngoài chương }]\n  chuong:\n")
    });
    let dir = folder(&[("qd.yaml", &text)]);
    let err = engine().prepare(&dir.path().join("qd.yaml")).err().expect("refused").human();
    assert!(
        err.contains("trường 'kem_theo': văn bản kèm theo ghi cả 'chuong' và 'dieu': văn bản có chương thì đặt mọi điều vào chương của nó"),
        "{err}"
    );
}

#[test]
fn a_chapter_without_articles_is_refused() {
    let text = example_with(|t| {
        t.replace(
            "    - ten: Nhiệm vụ và quyền hạn\n",
            "    - ten: Trống\n    - ten: Nhiệm vụ và quyền hạn\n",
        )
    });
    let dir = folder(&[("qd.yaml", &text)]);
    let err = engine().prepare(&dir.path().join("qd.yaml")).err().expect("refused").human();
    assert!(err.contains("trường 'kem_theo.chuong[1]': Chương II chưa có điều nào"), "{err}");
}
