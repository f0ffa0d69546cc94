//! The example plan laid out: each check is a rule of NĐ30 (spec §8) read
//! off the positions, sizes and faces Typst produced.

mod common;

use std::sync::LazyLock;

use common::*;
use vanban::inspect::{MM, PageFacts};

static PLAN: LazyLock<Vec<PageFacts>> = LazyLock::new(|| pages_of(&example("ke-hoach.yaml")));

/// A numbered plan with every optional part, to check what the blank
/// example cannot show.
static NUMBERED: LazyLock<Vec<PageFacts>> = LazyLock::new(|| {
    let body = r#"noi_dung:
  - Thực hiện Kế hoạch số 89/KH-UBND, Sở xây dựng kế hoạch như sau:
  - muc: Mục đích, yêu cầu
    noi_dung:
      - muc: Mục đích
        noi_dung:
          - gach: [Nâng cao nhận thức về bình đẳng giới cho cán bộ cơ sở.]
          - muc: Cấp ba
            cung_dong: nội dung cùng dòng.
  - Trên đây là Kế hoạch của Sở."#;
    let dir = folder(&[("kh.yaml", &plan_yaml(body))]);
    pages_of(&dir.path().join("kh.yaml"))
});

#[test]
fn pages_are_a4_portrait() {
    for p in PLAN.iter() {
        assert!(
            (p.width - 595.28).abs() < 0.1 && (p.height - 841.89).abs() < 0.1,
            "{} × {}",
            p.width,
            p.height
        );
    }
    assert!(PLAN.len() >= 4, "the plan runs over several pages, got {}", PLAN.len());
}

#[test]
fn quoc_hieu_and_tieu_ngu_are_one_line_each_bold_and_centred_together() {
    let p = &PLAN[0];
    let qh = line(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(qh.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(qh.all_bold() && (qh.size() - 13.0).abs() < 0.01);
    let tn = line(p, "Độc lập");
    assert_eq!(tn.text, "Độc lập - Tự do - Hạnh phúc");
    assert!(tn.all_bold() && (tn.size() - 14.0).abs() < 0.01);
    assert!((qh.centre() - tn.centre()).abs() < 0.5 * MM, "{} vs {}", qh.centre(), tn.centre());
    assert!(tn.y > qh.y && tn.y - qh.y < 20.0);
    // The rule under the tiêu ngữ is as long as the tiêu ngữ (±1 mm), right below it.
    let rule = p
        .rules
        .iter()
        .find(|r| r.y > tn.y && r.y < tn.y + 12.0)
        .unwrap_or_else(|| panic!("no rule under the tiêu ngữ: {:?}", p.rules));
    assert!(
        (rule.length - (tn.end - tn.x)).abs() < 1.0 * MM,
        "rule {} vs text {}",
        rule.length,
        tn.end - tn.x
    );
    assert!((rule.x + rule.length / 2.0 - tn.centre()).abs() < 0.5 * MM);
}

#[test]
fn agency_rule_is_a_third_to_a_half_of_the_name_and_centred() {
    let p = &PLAN[0];
    let agency = line(p, "SỞ DÂN TỘC VÀ TÔN GIÁO");
    assert!(agency.all_bold() && (agency.size() - 13.0).abs() < 0.01);
    assert!(agency.x >= LEFT - 0.1, "agency inside the left margin");
    let rule = p
        .rules
        .iter()
        .find(|r| r.y > agency.y && r.y < agency.y + 12.0 && r.x < p.width / 2.0)
        .expect("agency rule");
    let width = agency.end - agency.x;
    let ratio = rule.length / width;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "ratio {ratio}");
    assert!((rule.x + rule.length / 2.0 - agency.centre()).abs() < 0.5 * MM);
}

#[test]
fn number_and_date_share_a_row_with_the_decree_sizes() {
    let p = &NUMBERED[0];
    let so = line(p, "Số:");
    assert_eq!(so.text, "Số: 05/KH-SDTTG");
    assert!((so.size() - 13.0).abs() < 0.01 && !so.all_bold() && !so.all_italic());
    let date = line(p, "Lạng Sơn, ngày");
    assert_eq!(date.text, "Lạng Sơn, ngày 05 tháng 01 năm 2025");
    assert!(date.all_italic() && (date.size() - 14.0).abs() < 0.01);
    assert!((so.y - date.y).abs() <= 1.0, "baselines {} and {}", so.y, date.y);
    let qh = line(p, "CỘNG HÒA");
    assert!((date.centre() - qh.centre()).abs() < 0.5 * MM);
    // The parent agency sits above the issuing one, upright.
    let parent = line(p, "UBND TỈNH LẠNG SƠN");
    assert!(!parent.all_bold() && parent.y < line(p, "SỞ DÂN TỘC").y);
}

#[test]
fn the_unnumbered_example_leaves_blanks_like_the_seed() {
    let p = &PLAN[0];
    let so = line(p, "Số:");
    assert!(so.text.ends_with("/KH-SDTTG"), "{}", so.text);
    assert!(!so.text.chars().any(|c| c.is_ascii_digit()), "{}", so.text);
    let date = line(p, "Lạng Sơn, ngày");
    assert!(date.text.ends_with("tháng 4 năm 2025"), "{}", date.text);
    assert!(!date.text.contains("ngày 0"), "{}", date.text);
}

#[test]
fn title_block_is_bold_centred_with_a_short_rule() {
    let p = &PLAN[0];
    let centre = (LEFT + text_right(p)) / 2.0;
    let kh = line(p, "KẾ HOẠCH");
    assert_eq!(kh.text, "KẾ HOẠCH");
    assert!(kh.all_bold() && (kh.size() - 14.0).abs() < 0.01);
    assert!((kh.centre() - centre).abs() < 0.5 * MM);
    let ty1 = line(p, "Thực hiện dự án 8 - Thực hiện bình đẳng giới");
    let ty2 = line(p, "những vấn đề cấp thiết");
    assert!(ty1.all_bold() && ty2.all_bold());
    assert!(ty1.text.chars().any(char::is_lowercase));
    let widest = (ty1.end - ty1.x).max(ty2.end - ty2.x);
    let rule = p.rules.iter().find(|r| r.y > ty2.y && r.y < ty2.y + 12.0).expect("rule under trích yếu");
    let ratio = rule.length / widest;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "ratio {ratio}");
    assert!((rule.x + rule.length / 2.0 - centre).abs() < 0.5 * MM);
}

#[test]
fn page_numbers_from_page_two_centred_in_the_top_margin() {
    let centre = (LEFT + text_right(&PLAN[0])) / 2.0;
    let in_top_margin = |p: &PageFacts| p.lines().into_iter().filter(|l| l.y < TOP).collect::<Vec<_>>();
    assert!(in_top_margin(&PLAN[0]).is_empty(), "page 1 shows no number");
    for (i, p) in PLAN.iter().enumerate().skip(1) {
        if p.text().contains("Phụ lục") {
            break;
        }
        let top = in_top_margin(p);
        assert_eq!(top.len(), 1, "page {}: {:?}", i + 1, top.iter().map(|l| &l.text).collect::<Vec<_>>());
        assert_eq!(top[0].text, (i + 1).to_string());
        assert!((top[0].centre() - centre).abs() < 1.0 * MM);
        assert!((top[0].size() - 14.0).abs() < 0.01 && !top[0].all_bold() && !top[0].all_italic());
    }
}

#[test]
fn body_is_justified_indented_and_spaced() {
    let p = &PLAN[0];
    let right = text_right(p);
    let lines = p.lines();
    let first =
        lines.iter().position(|l| l.text.starts_with("Căn cứ Kế hoạch số 89")).expect("opening paragraph");
    // First line indented 1 cm from the text block.
    assert!(
        (lines[first].x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM,
        "indent {}",
        (lines[first].x - LEFT) / MM
    );
    assert!((lines[first].size() - 14.0).abs() < 0.01);
    // Lines before the paragraph's last end on the right margin (justified).
    let mut i = first;
    while !lines[i + 1].text.starts_with("I.") {
        assert!((lines[i].end - right).abs() < 0.5, "line {:?} ends at {}", lines[i].text, lines[i].end);
        assert!(lines[i + 1].x >= LEFT - 0.1 && (lines[i + 1].x - LEFT).abs() < 0.5);
        let pitch = lines[i + 1].y - lines[i].y;
        assert!((1.15 * 14.0..=1.725 * 14.0).contains(&pitch), "pitch {pitch}");
        i += 1;
    }
    // The heading after it is a new paragraph: at least 6 pt more than a line.
    let pitch = lines[first + 1].y - lines[first].y;
    let gap = lines[i + 1].y - lines[i].y;
    assert!(gap - pitch >= 6.0, "gap {gap} pitch {pitch}");
    // Section headings: "I." upper case bold, "1." bold, both indented.
    let h1 = line(p, "I. MỤC ĐÍCH YÊU CẦU");
    assert!(h1.all_bold() && (h1.x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM);
    let h2 = line(p, "1. Mục đích");
    assert!(h2.all_bold());
    let dash = line(p, "- Nâng cao nhận thức");
    assert!(!dash.all_bold() && (dash.x - (LEFT + 10.0 * MM)).abs() < 0.3 * MM);
}

#[test]
fn all_text_stays_inside_the_margins() {
    for (i, p) in PLAN.iter().enumerate() {
        for l in p.lines() {
            if l.y < TOP {
                continue; // the page number, checked above
            }
            assert!(
                l.x >= LEFT - 0.5 && l.end <= p.width - RIGHT + 0.5,
                "page {} line {:?} x {}..{}",
                i + 1,
                l.text,
                l.x,
                l.end
            );
            assert!(l.y <= p.height - BOTTOM, "page {} line {:?} below the bottom margin", i + 1, l.text);
        }
    }
}

#[test]
fn every_run_is_liberation_serif_in_the_four_faces() {
    for p in PLAN.iter() {
        for r in &p.runs {
            assert_eq!(r.family, "Liberation Serif", "{:?}", r.text);
            assert!(r.postscript.starts_with("LiberationSerif"), "{}", r.postscript);
        }
    }
}

#[test]
fn content_ends_with_the_end_mark_before_the_signature() {
    let all: Vec<_> = PLAN.iter().flat_map(|p| p.lines()).collect();
    let noi_nhan = all.iter().position(|l| l.text.starts_with("Nơi nhận:")).expect("Nơi nhận");
    let before = &all[noi_nhan - 1];
    assert!(before.text.ends_with("năm 2025./."), "{}", before.text);
}

#[test]
fn recipients_and_signer_follow_ô_9b_and_7() {
    let page = PLAN.iter().find(|p| p.text().contains("Nơi nhận:")).expect("page with Nơi nhận");
    let lines = page.lines();
    let label = lines.iter().find(|l| l.text.starts_with("Nơi nhận:")).unwrap();
    assert_eq!(lines.iter().filter(|l| l.text.contains("Nơi nhận:")).count(), 1);
    assert!(label.all_bold() && label.all_italic() && (label.size() - 12.0).abs() < 0.01);
    assert!((label.x - LEFT).abs() < 0.5 * MM);
    let title = lines.iter().find(|l| l.text == "GIÁM ĐỐC").expect("signer title");
    assert!((title.y - label.y).abs() <= 3.0, "label {} title {}", label.y, title.y);
    assert!(title.all_bold() && (title.size() - 14.0).abs() < 0.01);
    assert!(title.x > page.width / 2.0 - 40.0 && title.centre() > (LEFT + text_right(page)) / 2.0);
    let name = lines.iter().find(|l| l.text == "Phạm Đức Huân").expect("signer name");
    assert!(name.all_bold() && (name.centre() - title.centre()).abs() < 0.5 * MM && name.y > title.y + 50.0);
    let entries: Vec<_> = lines.iter().filter(|l| l.y > label.y && l.x < page.width / 2.0 - 40.0).collect();
    assert_eq!(
        entries.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        [
            "- Hội Liên hiệp phụ nữ tỉnh (p/h);",
            "- UBND các huyện;",
            "- Phòng Dân tộc và Tôn giáo các huyện;",
            "- Lãnh đạo Sở;",
            "- Các phòng thuộc Sở;",
            "- Lưu: VT."
        ]
    );
    for e in &entries {
        assert!((e.size() - 11.0).abs() < 0.01 && !e.all_bold() && !e.all_italic());
        assert!((e.x - LEFT).abs() < 0.5 * MM);
    }
}

#[test]
fn deputy_signature_lines_share_one_axis() {
    let page = NUMBERED.iter().find(|p| p.text().contains("Nơi nhận:")).unwrap();
    let kt = line(page, "KT. GIÁM ĐỐC");
    let pgd = line(page, "PHÓ GIÁM ĐỐC");
    let name = line(page, "Trần Thị Bình");
    for l in [&kt, &pgd, &name] {
        assert!(l.all_bold());
        assert!((l.centre() - kt.centre()).abs() < 0.5 * MM);
    }
    assert!(kt.x > (LEFT + text_right(page)) / 2.0 - 10.0 * MM);
    assert_eq!(line(page, "- Lưu:").text, "- Lưu: VT, PCS.");
}

#[test]
fn levels_three_and_inline_text() {
    let p = &NUMBERED[0];
    let l3 = line(p, "1.1. Cấp ba");
    assert_eq!(l3.text, "1.1. Cấp ba: nội dung cùng dòng.");
    assert!(l3.runs[0].bold && l3.runs[0].italic);
    assert!(!l3.runs.last().unwrap().bold);
    assert!(line(p, "Trên đây").text.ends_with("của Sở./."));
}

#[test]
fn appendix_has_its_own_numbering_and_heading() {
    let start =
        PLAN.iter().position(|p| p.text().starts_with("Phụ lục")).expect("a page starting with Phụ lục");
    let p = &PLAN[start];
    let lines = p.lines();
    assert_eq!(lines[0].text, "Phụ lục");
    assert!(lines[0].all_bold() && (lines[0].size() - 14.0).abs() < 0.01);
    let centre = (LEFT + text_right(p)) / 2.0;
    assert!((lines[0].centre() - centre).abs() < 0.5 * MM);
    assert_eq!(lines[1].text, "PHÂN BỔ SỐ LƯỢNG HỌC VIÊN CÁC LỚP TẬP HUẤN NĂM 2025");
    assert!(lines[1].all_bold());
    // The "(Kèm theo …)" line may wrap; its lines are italic.
    let kem_theo: Vec<_> =
        lines[2..].iter().take_while(|l| l.all_italic()).map(|l| l.text.as_str()).collect();
    let kem_theo = kem_theo.join(" ");
    assert!(kem_theo.starts_with("(Kèm theo Kế hoạch số"), "{kem_theo}");
    assert!(kem_theo.ends_with("tháng 4 năm 2025 của Sở Dân tộc và Tôn giáo)"), "{kem_theo}");
    assert!(lines.iter().all(|l| l.y >= TOP), "the appendix's first page shows no number");
    // The allocation table, with its total row.
    let row = |first: &str| p.row(first).unwrap_or_else(|| panic!("no row {first:?} in\n{}", p.text()));
    assert!(row("STT").starts_with("STT Huyện/thành phố") && row("STT").ends_with("Tổng"), "{}", row("STT"));
    assert_eq!(row("Thành phố Lạng Sơn"), "1 Thành phố Lạng Sơn 0 0 0");
    assert_eq!(row("Tràng Định"), "2 Tràng Định 18 40 58");
    assert_eq!(row("Hữu Lũng"), "11 Hữu Lũng 18 24 42");
    assert_eq!(row("160"), "Tổng 160 320 480");
    let total = p.runs.iter().filter(|r| r.text == "480").collect::<Vec<_>>();
    assert!(total.iter().all(|r| r.bold), "the total row is bold");
}

#[test]
fn extracted_text_is_nfc_without_replacement_characters() {
    use unicode_normalization::is_nfc;
    for p in PLAN.iter() {
        let t = p.text();
        assert!(is_nfc(&t));
        assert!(!t.contains('\u{fffd}'));
    }
}

#[test]
fn a_numbered_item_can_be_a_plain_paragraph_in_the_sections_count() {
    // Issue 14.2: plans number plain paragraphs ("1. Huấn luyện …" in regular
    // text under "I. MỤC ĐÍCH, YÊU CẦU"); vanban numbers them with the headings.
    let body = r#"noi_dung:
  - muc: Mục đích, yêu cầu
    noi_dung:
      - doan: Huấn luyện, kiểm tra kỹ thuật an toàn cho người lao động tại các cơ sở sản xuất trên địa bàn.
      - doan: Nâng cao ý thức chấp hành quy định về an toàn, vệ sinh lao động.
        noi_dung:
          - gach: [Tuyên truyền tại các thôn.]
      - muc: Yêu cầu
        noi_dung: [Bám sát kế hoạch của tỉnh.]
  - Trên đây là Kế hoạch của Sở."#;
    let dir = folder(&[("kh.yaml", &plan_yaml(body))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    let p = &pages[0];
    let first = line(p, "1. Huấn luyện");
    assert!(first.runs.iter().all(|r| !r.bold && !r.italic), "a paragraph, in regular weight");
    assert!((first.x - LEFT - 10.0 * MM).abs() < 0.3 * MM, "the body's first-line indent");
    assert!((first.size() - 14.0).abs() < 0.01);
    let second = line(p, "2. Nâng cao ý thức");
    assert!(second.runs.iter().all(|r| !r.bold));
    assert!(line(p, "- Tuyên truyền").y > second.y);
    // The heading after them takes the next number, in bold.
    let third = line(p, "3. Yêu cầu");
    assert!(third.all_bold() && third.text == "3. Yêu cầu");
    // A numbered paragraph takes no inline text of a heading.
    let bad = plan_yaml("noi_dung:\n  - { doan: Một đoạn, cung_dong: x }");
    let dir = folder(&[("kh.yaml", &bad)]);
    let err = engine().prepare(&dir.path().join("kh.yaml")).err().unwrap().to_string();
    assert!(err.contains("'cung_dong' chỉ dùng cùng 'muc'"), "{err}");
}

#[test]
fn stacked_authority_lines_share_the_signers_axis() {
    // Issue 14: "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG".
    let yaml = plan_yaml("noi_dung: [Nội dung kế hoạch.]").replace(
        "nguoi_ky:\n  quyen_han: KT.\n  thay_cho: GIÁM ĐỐC\n  chuc_vu: PHÓ GIÁM ĐỐC",
        "nguoi_ky:\n  dong_tren: TL. Chủ tịch\n  quyen_han: KT.\n  thay_cho: Chánh Văn phòng\n  chuc_vu: Phó Chánh Văn phòng",
    );
    let dir = folder(&[("kh.yaml", &yaml)]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    check_nd30_rules(&pages, "KẾ HOẠCH");
    let p = pages.iter().find(|p| p.text().contains("Nơi nhận:")).unwrap();
    let top = line(p, "TL. CHỦ TỊCH");
    let middle = line(p, "KT. CHÁNH VĂN PHÒNG");
    let own = line(p, "PHÓ CHÁNH VĂN PHÒNG");
    assert!(top.y < middle.y && middle.y < own.y);
    for l in [&top, &middle, &own] {
        assert!(l.all_bold() && (l.centre() - top.centre()).abs() < 0.5 * MM, "{}", l.text);
    }
    let label = line(p, "Nơi nhận:");
    assert!((label.y - top.y).abs() <= 3.0, "Nơi nhận level with the first authority line");
}

#[test]
fn a_phu_luc_ending_with_text_ends_with_the_end_mark() {
    // NĐ30 PL I III.1 (nd30.md §3.11): the phụ lục's content ends "./.".
    let body = "noi_dung: [Chi tiết tại Phụ lục.]\nphu_luc:\n  - tieu_de: Lịch tập huấn\n    noi_dung:\n      - bang: { cot: [Lớp, Ngày], dong: [[CT2-1, 17/6/2025]] }\n      - Lịch có thể thay đổi theo thông báo của Sở";
    let dir = folder(&[("kh.yaml", &plan_yaml(body))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    let last = pages.last().unwrap().text();
    assert!(last.contains("Lịch có thể thay đổi theo thông báo của Sở./."), "{last}");
    // A phụ lục that ends with its table gets no mark (the bundled example's allocation).
    let example = pages_of(&example("ke-hoach.yaml"));
    assert!(!example.last().unwrap().text().contains("./."));
}

/// A numbered plan with two phụ lục, the second in its own file (Mẫu 2.2),
/// `top` added as top-level lines.
fn plan_with_a_separate_phu_luc(top: &str) -> (Vec<PageFacts>, Vec<(String, Vec<PageFacts>)>) {
    let items: Vec<String> =
        (1..=80).map(|i| format!("Nội dung thứ {i} của lịch tập huấn các lớp năm 2025")).collect();
    let body = format!(
        "{top}noi_dung: [Chi tiết tại Phụ lục I và Phụ lục II.]\nphu_luc:\n  - tieu_de: Lịch tập huấn\n    noi_dung: [Lịch các lớp]\n  - tieu_de: Nội dung tập huấn\n    tep_rieng: true\n    noi_dung:\n      - gach: [{}]",
        items.join(", ")
    );
    let dir = folder(&[("kh.yaml", &plan_yaml(&body))]);
    files_of(&dir.path().join("kh.yaml"))
}

/// The "(Kèm theo …)" lines under a phụ lục's title, as their runs have them.
fn phu_luc_reference(p: &PageFacts) -> String {
    let lines: Vec<_> = p.lines().into_iter().filter(|l| l.y >= TOP).collect();
    let own: Vec<_> = lines.iter().skip(2).take_while(|l| l.all_italic()).cloned().collect();
    with_blanks(&own)
}

#[test]
fn a_phu_luc_in_its_own_file_numbers_its_pages_and_has_no_header() {
    let (plan, parts) = plan_with_a_separate_phu_luc("");
    let [(duoi, pl)] = parts.as_slice() else { panic!("one separate file") };
    assert_eq!(duoi, "phu-luc-ii", "named after its label, Phụ lục II");
    // The plan's file keeps Phụ lục I only.
    assert!(plan.iter().any(|p| p.lines().first().is_some_and(|l| l.text == "Phụ lục I")));
    assert!(
        plan.iter().all(|p| !p.text().contains("Phụ lục II\n") && !p.text().contains("NỘI DUNG TẬP HUẤN"))
    );
    // PL-1, PL-2: it opens with its label, no Quốc hiệu, no Số line.
    let lines = pl[0].lines();
    assert!(lines[0].all_bold() && (lines[0].size() - 14.0).abs() < 0.01);
    assert_eq!(lines[0].text, "Phụ lục II");
    assert_eq!(lines[1].text, "NỘI DUNG TẬP HUẤN");
    assert!(pl.iter().all(|p| !p.text().contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
    assert!(!lines.iter().any(|l| l.text.starts_with("Số")));
    // PL-3 on paper: filled with the plan's number and date.
    assert_eq!(
        phu_luc_reference(&pl[0]),
        "(Kèm theo Kế hoạch số 05/KH-SDTTG ngày 05 tháng 01 năm 2025 của Sở Dân tộc và Tôn giáo)"
    );
    // PG-2: from 1, hidden on the first page, then 2 …; nothing else above.
    assert!(pl.len() >= 2, "the phụ lục runs over two pages");
    assert_eq!(in_top_margin(&pl[0]), Vec::<String>::new());
    for (k, p) in pl.iter().enumerate().skip(1) {
        assert_eq!(in_top_margin(p), [(k + 1).to_string()]);
    }
}

#[test]
fn an_electronic_phu_luc_in_its_own_file_carries_the_agencys_box() {
    let (plan, parts) = plan_with_a_separate_phu_luc("dien_tu: true\nthoi_diem_ky_so: 05/01/2025 08:00:00\n");
    let pl = &parts[0].1;
    // PL-5 (E-6): top right of page 1, 10 pt upright black, the plan's Số.
    let above: Vec<_> = pl[0].lines().into_iter().filter(|l| l.y < TOP).collect();
    let [o] = above.as_slice() else { panic!("one line above the text: {above:?}") };
    let so = line(&plan[0], "Số:").text;
    assert_eq!(o.text, format!("{so}; 05/01/2025; 08:00:00 +07:00"));
    assert!(
        o.runs.iter().all(|r| (r.size - 10.0).abs() < 0.01 && !r.bold && !r.italic && r.fill == "#000000")
    );
    let right = pl[0].width - RIGHT;
    assert!(o.end <= right + 0.5 && o.end >= right - 5.0 * MM && o.end - o.x <= 76.9 * MM, "{o:?}");
    assert!(pl[1..].iter().all(|p| !p.text().contains("+07:00")));
    // E-5: both phụ lục leave the number and the date blank, the agency named.
    let b = "_".repeat(6);
    let blank =
        format!("(Kèm theo Kế hoạch số {b}/KH-SDTTG ngày_{b} tháng_{b} năm_{b} của Sở Dân tộc và Tôn giáo)");
    let first = plan.iter().find(|p| p.lines().first().is_some_and(|l| l.text == "Phụ lục I")).unwrap();
    assert_eq!(phu_luc_reference(first), blank);
    assert_eq!(phu_luc_reference(&pl[0]), blank);
    // The phụ lục in the plan's file has no box: the plan is signed with it.
    assert_eq!(in_top_margin(first), Vec::<String>::new());
}
