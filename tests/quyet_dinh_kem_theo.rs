//! The Quyết định of Mẫu 1.3 with the document it issues, laid out: the
//! decision against NĐ30 §8 and QD-9, the attached Quy chế on its own
//! pages against ATT-1 … ATT-3 and PG-1 (nd30-kinds.md §2.2–2.4, §12, §14);
//! the Quy chế in its own file (`tep_rieng`), and the electronic mode
//! (`dien_tu`): blank slots in the reference line (E-5), the agency's
//! signature box on the separate file's first page (E-6), each file's page
//! numbers (PG-2).

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

/// The example with its Quy chế in its own file (`tep_rieng: true`), and
/// `top` added as top-level lines (`dien_tu: true` …).
fn separate(top: &str) -> String {
    example_with(|t| t.replace("kem_theo:\n", &format!("{top}kem_theo:\n  tep_rieng: true\n")))
}

/// A document given as text, and its parts in their own files.
fn laid_out(text: &str) -> (Vec<PageFacts>, Vec<(String, Vec<PageFacts>)>) {
    let dir = folder(&[("qd.yaml", text)]);
    files_of(&dir.path().join("qd.yaml"))
}

/// The reference line's lines joined, from the page holding it.
fn reference_of(p: &PageFacts) -> (String, Vec<Line>) {
    let lines = p.lines();
    let first = lines.iter().position(|l| l.text.starts_with("(Kèm theo ")).expect("reference line");
    let last = first + lines[first..].iter().position(|l| l.text.ends_with(')')).unwrap();
    let own: Vec<Line> = lines[first..=last].to_vec();
    (own.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "), own)
}

/// PG-2: no number on a file's first page, then 2, 3 … centred in the top
/// margin, 14 pt.
fn numbered_from_one(pages: &[PageFacts], what: &str) {
    assert_eq!(in_top_margin(&pages[0]), Vec::<String>::new(), "{what}: page 1");
    for (k, p) in pages.iter().enumerate().skip(1) {
        let n = (k + 1).to_string();
        assert_eq!(in_top_margin(p), std::slice::from_ref(&n), "{what}: page {n}");
        let number = line(p, &n);
        assert!(centred(p, &number) && (number.size() - 14.0).abs() < 0.01, "{what}: {number:?}");
    }
}

#[test]
fn an_attachment_in_its_own_file_starts_its_own_document() {
    let (decision, parts) = laid_out(&separate(""));
    let [(duoi, quy_che)] = parts.as_slice() else { panic!("one separate file: {parts:?}") };
    assert_eq!(duoi, "kem-theo");
    // The decision's file ends with its signature: the Quy chế is not in it.
    check_nd30_rules(&decision, "QUYẾT ĐỊNH");
    assert!(decision.last().unwrap().text().contains("Nơi nhận:"));
    assert!(decision.iter().all(|p| !p.text().contains("QUY CHẾ") && !p.text().contains("Chương I")));
    numbered_from_one(&decision, "decision");
    // The Quy chế's file: PG-1, the header on page 1 only; PG-2, its own numbers.
    assert!(quy_che.len() >= 2, "the Quy chế runs over two pages");
    assert!(quy_che[0].text().contains(QUOC_HIEU));
    assert!(quy_che[1..].iter().all(|p| !p.text().contains(QUOC_HIEU)));
    numbered_from_one(quy_che, "Quy chế");
    // ATT-1: no Số line and no date; on paper, no box in the top margin.
    let p = &quy_che[0];
    let lines = p.lines();
    assert!(!lines.iter().any(|l| l.text.starts_with("Số")), "no Số line:\n{}", p.text());
    assert!(!lines.iter().any(|l| l.text.contains(", ngày ")), "no date line:\n{}", p.text());
    assert!(lines.first().unwrap().text.starts_with("UBND TỈNH LẠNG SƠN"), "{:?}", lines[0]);
    // ATT-2 on paper: the reference line filled, italic, centred, 14 pt.
    let (reference, own) = reference_of(p);
    assert_eq!(
        reference,
        "(Kèm theo Quyết định số 15/QĐ-SDTTG ngày 05 tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)"
    );
    for l in &own {
        assert!(l.all_italic() && !l.all_bold() && (l.size() - 14.0).abs() < 0.01 && centred(p, l), "{l:?}");
    }
    assert!(quy_che.last().unwrap().lines().last().unwrap().text.ends_with("bổ sung cho phù hợp./."));
}

#[test]
fn an_electronic_attachment_in_its_own_file_carries_the_agencys_signature_box() {
    // E-6 (PL I II.8.b): top right of page 1, 10 pt upright black, the
    // template's box of 76.9 × 8.7 mm.
    let (decision, parts) = laid_out(&separate("dien_tu: true\nthoi_diem_ky_so: 05/05/2025 14:30:05\n"));
    let p = &parts[0].1[0];
    let above: Vec<Line> = p.lines().into_iter().filter(|l| l.y < TOP).collect();
    let [o] = above.as_slice() else { panic!("one line above the header: {above:?}") };
    assert_eq!(o.text, "Số: 15/QĐ-SDTTG; 05/05/2025; 14:30:05 +07:00");
    for r in &o.runs {
        assert!((r.size - 10.0).abs() < 0.01 && !r.bold && !r.italic && r.fill == "#000000", "{r:?}");
    }
    let right = p.width - RIGHT;
    assert!(o.end <= right + 0.5 && o.end >= right - 5.0 * MM, "right edge {} against {right}", o.end);
    assert!(o.end - o.x <= 76.9 * MM, "inside the box's width: {}", o.end - o.x);
    // In the top margin, within the box's 8.7 mm, 2 mm above the text area.
    let (box_top, box_bottom) = (TOP - 2.0 * MM - 8.7 * MM, TOP - 2.0 * MM);
    assert!(o.y - 10.0 * 0.9 >= box_top && o.y + 10.0 * 0.25 <= box_bottom, "baseline {}", o.y);
    let first_header = line(p, "UBND TỈNH LẠNG SƠN");
    assert!(o.y < first_header.y - 10.0);
    // The box only on the separate file's first page; the decision has none.
    assert!(parts[0].1[1..].iter().all(|p| !p.text().contains("+07:00")));
    assert!(decision.iter().all(|p| !p.text().contains("+07:00")));
    assert_eq!(in_top_margin(&decision[0]), Vec::<String>::new());
}

#[test]
fn an_electronic_reference_line_keeps_the_number_and_date_blank() {
    // E-5: numbered and dated in the data, blank in the line; the issuer named.
    let b = "_".repeat(6);
    let expected = format!(
        "(Kèm theo Quyết định số {b}/QĐ-SDTTG ngày_{b} tháng_{b} năm_{b} của Giám đốc Sở Dân tộc và Tôn giáo)"
    );
    // In the decision's file and in a separate one alike.
    let same = pages_of_text(&example_with(|t| t.replace("kem_theo:\n", "dien_tu: true\nkem_theo:\n")));
    let start = attachment_start(&same);
    let (parts_decision, parts) = laid_out(&separate("dien_tu: true\n"));
    for (what, p) in [("same file", &same[start]), ("own file", &parts[0].1[0])] {
        let (_, own) = reference_of(p);
        assert_eq!(with_blanks(&own), expected, "{what}");
        for l in &own {
            assert!(l.all_italic() && centred(p, l), "{what}: {l:?}");
        }
    }
    // Same file: no box (the văn thư signs the decision only), and the
    // decision keeps its number and date in its header.
    assert_eq!(in_top_margin(&same[start]), Vec::<String>::new());
    assert_eq!(line(&same[0], "Số:").text, "Số: 15/QĐ-SDTTG");
    // Own file without a signing time: the box's date and time left blank.
    // Each digit's room kept (two no-break spaces a digit), on one line.
    let above: Vec<Line> = parts[0].1[0].lines().into_iter().filter(|l| l.y < TOP).collect();
    let [o] = above.as_slice() else { panic!("the box on one line: {above:?}") };
    let (d, y) = ("_".repeat(4), "_".repeat(8));
    assert_eq!(
        with_blanks(std::slice::from_ref(o)),
        format!("Số: 15/QĐ-SDTTG; {d}/{d}/{y}; {d}:{d}:{d} +07:00")
    );
    assert!(o.end - o.x <= 76.9 * MM);
    assert!(parts_decision[0].text().contains("Số: 15/QĐ-SDTTG"));
}

/// Lays out a document given as text.
fn pages_of_text(text: &str) -> Vec<PageFacts> {
    let dir = folder(&[("qd.yaml", text)]);
    pages_of(&dir.path().join("qd.yaml"))
}

#[test]
fn the_defaults_are_paper_and_one_file_byte_for_byte() {
    // `tep_rieng: false` and `dien_tu: false` written out change nothing:
    // the same PDF, byte for byte, and no second file (the source itself is
    // pinned by the kinds snapshot).
    let engine = engine();
    let pdf = |text: &str| {
        let dir = folder(&[("qd.yaml", text)]);
        let prepared = engine.prepare(&dir.path().join("qd.yaml")).unwrap();
        assert!(prepared.tep_rieng.is_empty());
        engine.pdf_of(&prepared).unwrap().0
    };
    let plain = example_with(|t| t);
    let explicit =
        example_with(|t| t.replace("kem_theo:\n", "dien_tu: false\nkem_theo:\n  tep_rieng: false\n"));
    assert!(pdf(&plain) == pdf(&explicit));
}

#[test]
fn build_writes_the_attachment_beside_the_decision_and_reports_it() {
    let text = separate("dien_tu: true\nthoi_diem_ky_so: 05/05/2025 14:30:05\n");
    let dir = folder(&[("quyet-dinh-quy-che.yaml", &text)]);
    let (o, _) = build_dir(dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let out = dir.path().join("out");
    let decision = out.join("quyet-dinh-quy-che.pdf");
    let attachment = out.join("quyet-dinh-quy-che.kem-theo.pdf");
    assert!(stderr.contains(&format!("đã ghi {} (1 trang)", decision.display())), "{stderr}");
    assert!(stderr.contains(&format!("đã ghi {} (2 trang)", attachment.display())), "{stderr}");
    assert!(stderr.contains("xong: 1 văn bản, 2 tệp PDF, 0 lỗi"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["quyet-dinh-quy-che.kem-theo.pdf", "quyet-dinh-quy-che.pdf"], "no temporary left");
    // Deterministic: the same input gives the same bytes, in both files.
    let first = (std::fs::read(&decision).unwrap(), std::fs::read(&attachment).unwrap());
    let (o, _) = build_dir(dir.path());
    assert!(o.status.success());
    assert!(first == (std::fs::read(&decision).unwrap(), std::fs::read(&attachment).unwrap()));
    // The two files are different documents.
    assert!(first.0 != first.1);
}

#[test]
fn render_writes_the_attachment_beside_its_output() {
    let dir = folder(&[("qd.yaml", &separate(""))]);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", "qd.yaml", "-o", "ban-in.pdf"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("đã ghi ban-in.pdf (1 trang)")
            && stderr.contains("đã ghi ban-in.kem-theo.pdf (2 trang)"),
        "{stderr}"
    );
}

#[test]
fn a_signing_time_that_is_not_vietnam_time_is_refused_with_its_line() {
    let text = separate("dien_tu: true\nthoi_diem_ky_so: 2025-05-05T14:30:05+08:00\n");
    let dir = folder(&[("qd.yaml", &text)]);
    let err = engine().prepare(&dir.path().join("qd.yaml")).err().expect("refused").human();
    let line = text.lines().position(|l| l.starts_with("thoi_diem_ky_so:")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "qd.yaml:{line}: lỗi: trường 'thoi_diem_ky_so': thời điểm ký số '2025-05-05T14:30:05+08:00': múi giờ phải là giờ Việt Nam (+07:00)"
        )),
        "{err}"
    );
}

#[test]
fn check_says_when_the_signing_time_is_missing_or_shown_nowhere() {
    let findings = |text: &str| -> Vec<String> {
        let dir = folder(&[("qd.yaml", text)]);
        let found = vanban::check::check(&engine(), &dir.path().join("qd.yaml")).unwrap();
        found.iter().map(|f| f.human().rsplit_once("qd.yaml:").unwrap().1.to_owned()).collect()
    };
    let loai = example_with(|t| t).lines().position(|l| l.starts_with("loai:")).unwrap() + 1;
    assert_eq!(
        findings(&separate("dien_tu: true\n")),
        [format!(
            "{loai}: cảnh báo: trường 'thoi_diem_ky_so': văn bản điện tử có phần ở tệp riêng: ô chữ ký số của cơ quan ở góc trên bên phải trang đầu tệp đó để trống ngày và giờ ký vì chưa có 'thoi_diem_ky_so', ví dụ 'thoi_diem_ky_so: 05/05/2025 14:30:05' (giờ Việt Nam; NĐ30, Phụ lục I, II.8.b)"
        )]
    );
    assert_eq!(
        findings(&separate("dien_tu: true\nthoi_diem_ky_so: 05/05/2025 14:30:05\n")),
        Vec::<String>::new()
    );
    // Given for a paper decision: there is no box to show it in.
    let paper = separate("thoi_diem_ky_so: 05/05/2025 14:30:05\n");
    let line = paper.lines().position(|l| l.starts_with("thoi_diem_ky_so:")).unwrap() + 1;
    assert_eq!(
        findings(&paper),
        [format!(
            "{line}: cảnh báo: trường 'thoi_diem_ky_so': 'thoi_diem_ky_so' chỉ được in trong ô chữ ký số của phần ở tệp riêng của văn bản điện tử ('dien_tu: true' và 'tep_rieng: true'); văn bản này không có ô đó"
        )]
    );
}

#[test]
fn parts_head_their_chapters_which_number_on_through_them() {
    // The example's chapters regrouped: the first in Phần I, the others in Phần II.
    let text = example_with(|t| {
        let start = t.find("  chuong:\n").unwrap();
        let body_start = start + "  chuong:\n".len();
        // The chapters' lines: those indented under `chuong:`.
        let len: usize =
            t[body_start..].split_inclusive('\n').take_while(|l| l.starts_with("   ")).map(str::len).sum();
        let end = body_start + len;
        let lines: Vec<&str> = t[body_start..end].split_inclusive('\n').collect();
        let second = lines.iter().skip(1).position(|l| l.starts_with("    - ten:")).unwrap() + 1;
        let indent = |ls: &[&str]| ls.iter().map(|l| format!("    {l}")).collect::<String>();
        format!(
            "{}  phan:\n    - ten: Những quy định chung\n      chuong:\n{}    - ten: Tổ chức và hoạt động\n      chuong:\n{}{}",
            &t[..start],
            indent(&lines[..second]),
            indent(&lines[second..]),
            &t[end..]
        )
    });
    let dir = folder(&[("qd.yaml", &text)]);
    let pages = pages_of(&dir.path().join("qd.yaml"));
    let start = attachment_start(&pages);
    let lines: Vec<(usize, Line)> = pages[start..]
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().into_iter().filter(|l| l.y >= TOP).map(move |l| (i, l)))
        .collect();
    let heading = |t: &str| t.starts_with("Phần ") || t.starts_with("Chương ");
    let headings: Vec<(&str, &str)> = (0..lines.len())
        .filter(|&i| heading(&lines[i].1.text) && lines[i].1.all_bold())
        .map(|i| (lines[i].1.text.as_str(), lines[i + 1].1.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            ("Phần I", "NHỮNG QUY ĐỊNH CHUNG"),
            ("Chương I", "QUY ĐỊNH CHUNG"),
            ("Phần II", "TỔ CHỨC VÀ HOẠT ĐỘNG"),
            ("Chương II", "NHIỆM VỤ VÀ QUYỀN HẠN"),
            ("Chương III", "CHẾ ĐỘ LÀM VIỆC VÀ TỔ CHỨC THỰC HIỆN")
        ]
    );
    let page = |i: usize| &pages[start + i];
    for (p, l) in lines.iter().filter(|(_, l)| l.text.starts_with("Phần ")) {
        assert!(centred(page(*p), l) && (l.size() - 14.0).abs() < 0.01, "{l:?}");
    }
    let numbers: Vec<String> = lines
        .iter()
        .map(|(_, l)| l)
        .filter(|l| l.text.starts_with("Điều ") && l.runs[0].bold)
        .map(|l| l.text.split('.').next().unwrap().to_owned())
        .collect();
    assert_eq!(numbers, (1..=8).map(|n| format!("Điều {n}")).collect::<Vec<_>>());
    // A part is a part of chapters: mixed with them, it is refused.
    let mixed = text.replace("  phan:\n", "  dieu: [{tieu_de: X, noi_dung: Y}]\n  phan:\n");
    let dir = folder(&[("qd.yaml", &mixed)]);
    let Err(e) = engine().prepare(&dir.path().join("qd.yaml")) else { panic!("prepared") };
    assert!(
        e.human().contains("văn bản kèm theo ghi cả 'phan' và 'chuong' hoặc 'dieu': văn bản chia phần thì đặt mọi chương vào phần của nó"),
        "{}",
        e.human()
    );
}

#[test]
fn the_reference_line_never_breaks_inside_its_date() {
    // The issuer's name shifts where the line breaks; the date stays whole.
    for cua in [
        "Giám đốc Sở",
        "Giám đốc Sở Nội vụ",
        "Giám đốc Sở Dân tộc và Tôn giáo",
        "Giám đốc Sở Dân tộc và Tôn giáo tỉnh Lạng Sơn",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Chủ tịch Ủy ban nhân dân xã Na Sầm, tỉnh Lạng Sơn",
    ] {
        let text = example_with(|t| {
            t.replace("  ten_loai: QUY CHẾ\n", &format!("  ten_loai: QUY CHẾ\n  cua: {cua}\n"))
        });
        let dir = folder(&[("qd.yaml", &text)]);
        let pages = pages_of(&dir.path().join("qd.yaml"));
        let start = attachment_start(&pages);
        let lines: Vec<Line> =
            pages[start].lines().into_iter().filter(|l| l.runs.iter().all(|r| r.italic)).collect();
        let joined = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        assert!(
            joined.starts_with("(Kèm theo Quyết định số 15/QĐ-SDTTG")
                && joined.ends_with(&format!("của {cua})")),
            "{joined}"
        );
        assert!(
            lines.iter().any(|l| l.text.contains("ngày 05 tháng 5 năm 2025")),
            "{cua}: the date broken over lines: {:?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }
}

/// A decision approving a Kế hoạch (Mẫu 1.3): the plan attached with the
/// Mẫu 1.4 family's body (numbered sections, paragraphs, a table) instead
/// of articles.
fn with_plan(body: &str) -> String {
    example_with(|t| {
        let at = t.find("kem_theo:\n").unwrap();
        format!(
            "{}kem_theo:\n  ten_loai: KẾ HOẠCH\n  trich_yeu: Tổ chức các lớp tập huấn thực hiện Dự án 8 năm 2025\n{body}",
            &t[..at]
        )
    })
}

const PLAN_BODY: &str = "  noi_dung:
    - muc: Mục đích, yêu cầu
      noi_dung:
        - Nâng cao nhận thức về bình đẳng giới cho cán bộ cấp xã.
    - muc: Nội dung
      noi_dung:
        - muc: Số lớp
          noi_dung:
            - bang:
                cot: [Lớp, Số học viên]
                dong:
                  - ['Lớp 1', '40']
                  - ['Lớp 2', '35']
        - Các lớp tổ chức trong quý II năm 2025
";

#[test]
fn an_approved_plan_is_attached_with_its_sections_and_table() {
    let text = with_plan(PLAN_BODY);
    let dir = folder(&[("qd.yaml", &text)]);
    let pages = pages_of(&dir.path().join("qd.yaml"));
    let start = attachment_start(&pages);
    let p = &pages[start];
    let lines = p.lines();
    let title = lines.iter().position(|l| l.text == "KẾ HOẠCH").expect("tên loại");
    assert!(lines[title].all_bold() && centred(p, &lines[title]));
    assert_eq!(lines[title + 1].text, "Tổ chức các lớp tập huấn thực hiện Dự án 8 năm 2025");
    assert!(
        lines[title + 2].text.starts_with("(Kèm theo Quyết định số 15/QĐ-SDTTG"),
        "{}",
        lines[title + 2].text
    );
    assert!(
        p.text().replace('\n', " ").contains(
            "(Kèm theo Quyết định số 15/QĐ-SDTTG ngày 05 tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)"
        ),
        "{}",
        p.text()
    );
    // Its sections numbered as a plan's are (I., 1.), headings bold.
    let i = line(p, "I. MỤC ĐÍCH, YÊU CẦU");
    assert!(i.all_bold(), "{:?}", i.runs);
    let ii = line(p, "II. NỘI DUNG");
    assert!(ii.all_bold());
    assert!(line(p, "1. Số lớp").runs[0].bold);
    let text: String = pages[start..].iter().map(|p| p.text()).collect();
    assert!(text.contains("Lớp 2"), "{text}");
    // The decree's end mark on its last paragraph, and no signature.
    assert!(text.contains("Các lớp tổ chức trong quý II năm 2025./."), "{text}");
    assert!(!text.contains("Hoàng Thị Thu Hà"), "{text}");
}

#[test]
fn a_body_and_articles_together_are_refused() {
    let text = with_plan(&format!("{PLAN_BODY}  dieu: [{{ tieu_de: Một điều }}]\n"));
    let dir = folder(&[("qd.yaml", &text)]);
    let err = engine().prepare(&dir.path().join("qd.yaml")).err().expect("refused").human();
    assert!(
        err.contains("trường 'kem_theo.noi_dung': văn bản kèm theo ghi cả 'noi_dung' và 'chuong', 'dieu' hoặc 'hoc_vien': chọn một cách trình bày"),
        "{err}"
    );
    let text = with_plan("  noi_dung: []\n");
    let dir = folder(&[("qd.yaml", &text)]);
    let err = engine().prepare(&dir.path().join("qd.yaml")).err().expect("refused").human();
    assert!(
        err.contains("trường 'kem_theo': văn bản kèm theo cần ít nhất một điều, hoặc 'noi_dung'"),
        "{err}"
    );
}

/// The reference line of an unnumbered decision's phụ lục: the number and
/// the day left blank (no-break spaces, shown "_"), for the văn thư to fill;
/// "của" the authority, as the attachment's line names it.
const REFERENCE: &str = "(Kèm theo Quyết định số ______/QĐ-SDTTG ngày ______ tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)";

/// A decision with two phụ lục (PL I III.1; nd30-kinds.md §9, PL-1, PL-2,
/// PG-2): each on pages of its own after the decision, "Phụ lục I", "Phụ
/// lục II" in 14 pt bold, the title in capitals, the reference line naming
/// the decision with its blanks (it is not numbered yet), no Quốc hiệu and
/// no Số; the page numbers restart at each.
#[test]
fn a_decisions_phu_luc_follow_it_on_their_own_pages() {
    let yaml = std::fs::read_to_string(example("quyet-dinh.yaml")).unwrap();
    let yaml = format!(
        "{yaml}phu_luc:\n  - tieu_de: Danh sách đơn vị tham gia\n    noi_dung:\n      - bang:\n          cot: [STT, Đơn vị]\n          dong: [['1', Xã Chi Lăng], ['2', Phường Tam Thanh]]\n  - tieu_de: Kinh phí thực hiện\n    noi_dung: [Kinh phí từ nguồn vốn Dự án 8 năm 2025.]\n"
    );
    let dir = folder(&[("quyet-dinh.yaml", &yaml)]);
    let pages = pages_of(&dir.path().join("quyet-dinh.yaml"));
    let starts: Vec<usize> =
        pages.iter().enumerate().filter(|(_, p)| p.text().starts_with("Phụ lục")).map(|(i, _)| i).collect();
    assert_eq!(starts.len(), 2, "{:?}", pages.iter().map(|p| p.text()).collect::<Vec<_>>());
    assert!(pages[starts[0] - 1].text().contains("Nơi nhận:"), "after the decision's signature");
    for (k, &s) in starts.iter().enumerate() {
        let p = &pages[s];
        let nhan = p.lines().into_iter().min_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
        assert_eq!(nhan.text, ["Phụ lục I", "Phụ lục II"][k]);
        assert!(nhan.all_bold() && (nhan.size() - 14.0).abs() < 0.01 && centred(p, &nhan), "{nhan:?}");
        let title = ["DANH SÁCH ĐƠN VỊ THAM GIA", "KINH PHÍ THỰC HIỆN"][k];
        assert!(line(p, title).all_bold());
        let lines = p.lines();
        let first = lines.iter().position(|l| l.text.starts_with("(Kèm theo ")).expect("reference line");
        let last = first + lines[first..].iter().position(|l| l.text.ends_with(')')).unwrap();
        assert!(
            lines[first..=last].iter().all(|l| l.all_italic() && centred(p, l)),
            "{:?}",
            &lines[first..=last]
        );
        assert_eq!(with_blanks(&lines[first..=last]), REFERENCE);
        assert!(!p.text().contains(QUOC_HIEU) && !p.text().contains("Số:"), "PL-2");
        assert_eq!(in_top_margin(p), Vec::<String>::new(), "PG-2: no number on a phụ lục's first page");
    }
    assert!(pages[starts[0]].text().contains("Phường Tam Thanh"));
    assert!(pages[starts[1]].text().contains("Kinh phí từ nguồn vốn Dự án 8 năm 2025./."));
}
