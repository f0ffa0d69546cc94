//! `vanban nhap`: existing documents brought into vanban's data.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

fn seed() -> PathBuf {
    common::repo().join("tests/nhap/seed-ke-hoach-du-an-8-2025.txt")
}

/// The section tree of a body: each section's level, its number path and
/// its title (and text on its line), in order.
fn tree(nodes: &Value, path: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, String)>) {
    let mut index = 0;
    for n in nodes.as_sequence().into_iter().flatten() {
        if let Some(ten) = n.get("muc").or_else(|| n.get("doan")) {
            index += 1;
            path.push(index);
            let cung_dong =
                n.get("cung_dong").and_then(Value::as_str).map(|c| format!(": {c}")).unwrap_or_default();
            out.push((path.clone(), format!("{}{cung_dong}", ten.as_str().unwrap())));
            if let Some(con) = n.get("noi_dung") {
                tree(con, path, out);
            }
            path.pop();
        }
    }
}

fn tree_of(yaml: &str) -> Vec<(Vec<usize>, String)> {
    let v: Value = serde_yaml::from_str(yaml).unwrap();
    let mut out = Vec::new();
    tree(&v["noi_dung"], &mut Vec::new(), &mut out);
    out
}

/// Imports `source` into `dir`, returning the YAML path and the result.
fn import(source: &Path, dir: &Path) -> (PathBuf, vanban::nhap::KetQua) {
    let bytes = std::fs::read(source).unwrap();
    let out = dir.join(source.with_extension("yaml").file_name().unwrap());
    let k = vanban::nhap::nhap(source, &bytes, &out).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    std::fs::write(&out, &k.yaml).unwrap();
    (out, k)
}

/// The words of a text, without the punctuation around them.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many of `a`'s words appear, in order, in `b` (longest common
/// subsequence).
fn common_words(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

#[test]
fn the_seed_imports_to_the_examples_section_tree_with_its_blanks_and_wording() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml_path, k) = import(&seed(), dir.path());
    let example = std::fs::read_to_string(common::example("ke-hoach.yaml")).unwrap();
    let want = tree_of(&example);
    let got = tree_of(&k.yaml);
    assert_eq!(got, want, "section tree\n{}", k.yaml);
    assert_eq!(want.len(), 16);

    let data: Value = serde_yaml::from_str(&k.yaml).unwrap();
    assert_eq!(data["loai"], "ke-hoach");
    assert_eq!(data["ky_hieu"], "KH-SDTTG");
    // The blanks of the number and the day stay blank.
    assert!(data.get("so").is_none(), "{}", k.yaml);
    assert_eq!(data["ngay"], "4/2025");
    assert_eq!(data["dia_danh"], "Lạng Sơn");
    assert_eq!(data["co_quan"]["ban_hanh"], "SỞ DÂN TỘC VÀ TÔN GIÁO");
    assert_eq!(data["nguoi_ky"]["chuc_vu"], "GIÁM ĐỐC");
    assert_eq!(data["nguoi_ky"]["ho_ten"], "Phạm Đức Huân");
    assert_eq!(data["luu"], "VT");
    let noi_nhan: Vec<&str> =
        data["noi_nhan"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(
        noi_nhan,
        [
            "Hội Liên hiệp phụ nữ tỉnh (p/h)",
            "UBND các huyện",
            "Phòng Dân tộc và Tôn giáo các huyện",
            "Lãnh đạo Sở",
            "Các phòng thuộc Sở"
        ]
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    // The paragraphs are whole again: the first one as the example has it.
    assert_eq!(
        data["noi_dung"][0],
        Value::from(serde_yaml::from_str::<Value>(&example).unwrap()["noi_dung"][0].as_str().unwrap())
    );

    // The PDF it makes says at least 99 % of the seed's words, in order.
    let pages = common::pages_of(&yaml_path);
    let page_text: String = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    let seed_words = words(&std::fs::read_to_string(seed()).unwrap());
    let made = words(&page_text);
    let kept = common_words(&seed_words, &made);
    let share = kept as f64 / seed_words.len() as f64;
    assert!(share >= 0.99, "{kept} of {} words ({share:.4})", seed_words.len());
    // The blank number and day are printed as blanks.
    assert!(page_text.contains("Số:") && page_text.contains("/KH-SDTTG"), "{page_text}");
}

#[test]
fn the_report_names_what_was_found_where() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml_path, k) = import(&seed(), dir.path());
    let report = vanban::nhap::bao_cao(&seed(), &yaml_path, &k);
    for line in [
        "  ✓ cơ quan ban hành (dòng 1): SỞ DÂN TỘC VÀ TÔN GIÁO",
        "  ✓ số, ký hiệu (dòng 6): /KH-SDTTG",
        "  ✓ địa danh, ngày tháng (dòng 6): Lạng Sơn, ngày … tháng 4 năm 2025",
        "  ✓ tên loại (dòng 8): KẾ HOẠCH (ke-hoach)",
        "  ✓ nơi nhận (dòng 219)",
        "  ✓ dòng lưu: VT",
        "  ✓ người ký (dòng 236): GIÁM ĐỐC / Phạm Đức Huân",
        "  ✓ nội dung (dòng 16): 16 mục đánh số",
    ] {
        assert!(report.lines().any(|l| l == line), "missing {line:?} in\n{report}");
    }
    assert!(!report.contains("✗"), "{report}");
}

/// A draft with the decree's details wrong, as Word drafts arrive.
const DRAFT: &str = "UBND TỈNH LẠNG SƠN
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 7/kh - SNV\tLạng Sơn, ngày 5 tháng 03 năm 2026
KẾ HOẠCH
Tập huấn nghiệp vụ văn thư năm 2026
I. MỤC ĐÍCH
Nâng cao kỹ năng soạn thảo văn bản.
II. NỘI DUNG
1. Thời gian: tháng 5 năm 2026.
2. Địa điểm: Hội trường Sở Nội vụ.
Nơi nhận:
- UBND tỉnh.
- Lưu: VT, VP.
GIÁM ĐỐC
Nguyễn Văn A
";

#[test]
fn corrections_against_the_decree_are_warnings_with_their_clause() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("du-thao.txt");
    std::fs::write(&source, DRAFT).unwrap();
    let (yaml_path, k) = import(&source, dir.path());
    let messages: Vec<String> = k.van_de.iter().map(|d| d.to_string()).collect();
    let src = source.display();
    for want in [
        format!(
            "{src}:5: cảnh báo: trường 'ky_hieu': ký hiệu viết liền, không có dấu cách: 'kh-SNV' (NĐ30, Phụ lục I, II.3.c)"
        ),
        format!(
            "{src}: cảnh báo: trường 'ky_hieu': chữ viết tắt tên loại viết đúng như Phụ lục III: 'kh' → 'KH' (NĐ30, Phụ lục III, Mục I)"
        ),
        format!(
            "{src}:5: cảnh báo: trường 'ngay': ngày '5' viết '05': ngày dưới 10 có số 0 phía trước (NĐ30, Phụ lục I, II.4.b)"
        ),
        format!(
            "{src}:5: cảnh báo: trường 'ngay': tháng '03' viết '3': tháng 1, 2 có số 0 phía trước, tháng 3 đến 12 thì không (NĐ30, Phụ lục I, II.4.b)"
        ),
        format!(
            "{src}:14: cảnh báo: trường 'noi_nhan': nơi nhận 'UBND tỉnh' kết thúc bằng dấu \";\" (NĐ30, Phụ lục I, II.9.d)"
        ),
        format!(
            "{src}: cảnh báo: trường 'noi_dung': nội dung kết thúc bằng \"./.\" (các mẫu của NĐ30, Phụ lục III)"
        ),
    ] {
        assert!(messages.contains(&want), "missing {want}\nin {messages:#?}");
    }
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{messages:#?}");
    let data: Value = serde_yaml::from_str(&k.yaml).unwrap();
    assert_eq!(data["ky_hieu"], "KH-SNV");
    assert_eq!(data["so"], 7);
    assert_eq!(data["ngay"], "05/3/2026");
    assert_eq!(data["co_quan"]["chu_quan"], "UBND TỈNH LẠNG SƠN");
    assert_eq!(data["co_quan"]["ban_hanh"], "SỞ NỘI VỤ");
    assert_eq!(data["luu"], "VT, VP");
    let want: Vec<(Vec<usize>, String)> = vec![
        (vec![1], "MỤC ĐÍCH".into()),
        (vec![2], "NỘI DUNG".into()),
        (vec![2, 1], "Thời gian: tháng 5 năm 2026.".into()),
        // The content's end mark added to its last line.
        (vec![2, 2], "Địa điểm: Hội trường Sở Nội vụ./.".into()),
    ];
    assert_eq!(tree_of(&k.yaml), want);
    // The corrected data builds.
    let pages = common::pages_of(&yaml_path);
    let text = pages[0].text();
    assert!(text.contains("Số: 07/KH-SNV"), "{text}");
    assert!(text.contains("Lạng Sơn, ngày 05 tháng 3 năm 2026"), "{text}");
}

#[test]
fn the_command_writes_the_data_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ke-hoach.txt");
    std::fs::copy(seed(), &source).unwrap();
    let run =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_vanban")).arg("nhap").args(args).output().unwrap();
    let out = run(&[source.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = dir.path().join("ke-hoach.yaml");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "Đã nhập {} → {} (Kế hoạch, loai: ke-hoach)\n",
            source.display(),
            yaml.display()
        )),
        "{stderr}"
    );
    let first = std::fs::read(&yaml).unwrap();
    // Same input, same bytes.
    let again = run(&[source.to_str().unwrap(), "-o", dir.path().join("lan-2.yaml").to_str().unwrap()]);
    assert!(again.status.success());
    assert_eq!(std::fs::read(dir.path().join("lan-2.yaml")).unwrap(), first);
    // An existing file is left alone.
    let refused = run(&[source.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr).trim_end(),
        format!(
            "{}: lỗi: tệp đã có; không ghi đè (chọn tên khác bằng -o, hoặc thêm --ghi-de)",
            yaml.display()
        )
    );
    assert_eq!(std::fs::read(&yaml).unwrap(), first);
    // The written data builds with `vanban build` as it is.
    let build =
        Command::new(env!("CARGO_BIN_EXE_vanban")).args(["render", yaml.to_str().unwrap()]).output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    // Formats it cannot read are named.
    let doc = dir.path().join("cu.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0").unwrap();
    let out = run(&[doc.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "{}: lỗi: tệp .doc (Word 97–2003) chưa đọc được: mở bằng Word hoặc LibreOffice, lưu thành .docx rồi nhập lại",
            doc.display()
        )
    );
    assert!(!dir.path().join("cu.yaml").exists());
}

/// A laid-out document's text as a PDF's text layer copied out with its
/// layout gives it: lines top to bottom, indented as they start, the parts
/// of a line set side by side (header, footer) separated by a tab.
fn as_text(pages: &[vanban::inspect::PageFacts]) -> String {
    let mut out = String::new();
    for p in pages {
        let lines = with_raised_marks(p).lines();
        let left = lines.iter().map(|l| l.x).fold(f64::INFINITY, f64::min);
        let mut i = 0;
        while i < lines.len() {
            // Indented as far as the line starts right of the margin, one
            // space for each 3 pt.
            let indent = " ".repeat(((lines[i].x - left) / 3.0) as usize);
            let mut row = vec![format!("{indent}{}", lines[i].text)];
            let mut j = i + 1;
            while j < lines.len() && (lines[j].y - lines[i].y).abs() < 0.5 {
                row.push(lines[j].text.clone());
                j += 1;
            }
            out.push_str(&row.join("\t"));
            out.push('\n');
            i = j;
        }
    }
    out
}

/// The page with each footnote mark (a small raised number beside a word,
/// or before its note's text) on the baseline of its word, as a PDF's text
/// copied out has it ("xã1.", "1 Theo …").
fn with_raised_marks(p: &vanban::inspect::PageFacts) -> vanban::inspect::PageFacts {
    let mut out = p.clone();
    for run in out.runs.iter_mut() {
        if run.text.is_empty() || !run.text.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let word = p.runs.iter().find(|r| {
            let raised = r.y - run.y > 0.15 * r.size && r.y - run.y < 0.7 * r.size;
            let before = (run.x - (r.x + r.width)).abs() < 0.3 * r.size;
            let after = r.x >= run.x + run.width && r.x - (run.x + run.width) < 2.0 * r.size;
            raised && (before || after) && r.size >= 1.2 * run.size
        });
        if let Some(w) = word {
            run.y = w.y;
        }
    }
    out
}

/// The words of the pages, without the page numbers in their top margins
/// (which fall where the pages break): in reading order outside tables,
/// then, with `tables_apart`, each table's words, sorted (a cell's lines
/// wrap where its column's width puts them, and the lines of a row's cells
/// interleave: a table read back as a table may set its columns otherwise;
/// text copied out keeps no table, only its lines in order).
fn page_words(pages: &[vanban::inspect::PageFacts], tables_apart: bool) -> String {
    let mut text: Vec<String> = Vec::new();
    let mut in_tables: Vec<String> = Vec::new();
    for p in pages {
        for l in p.lines() {
            if l.y < common::TOP && l.text.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let in_table = tables_apart && p.vertical.iter().any(|r| r.y <= l.y && l.y <= r.y + r.length);
            if in_table {
                in_tables.extend(l.text.split_whitespace().map(str::to_owned));
            } else {
                text.push(l.text);
            }
        }
    }
    in_tables.sort();
    let text = text.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{text} | bảng: {}", in_tables.join(" "))
}

/// Every kind's document, laid out, its text copied out with its layout
/// and imported back, renders to the same text.
#[test]
fn each_kinds_text_imports_back_to_the_same_text() {
    round_trip("txt", false, |_, pages, target| std::fs::write(target, as_text(pages)).unwrap());
}

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/nhap").join(name)
}

fn data_of(k: &vanban::nhap::KetQua) -> Value {
    serde_yaml::from_str(&k.yaml).unwrap_or_else(|e| panic!("{e}\n{}", k.yaml))
}

/// Layouts offices produce, as text: a provincial committee's Công văn
/// copied out with its layout (the name on two lines, V/v on two lines
/// beside the date, Kính gửi a list, a collective signature, "(Đã ký)").
#[test]
fn a_cong_van_as_text_with_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("cong-van-ubnd.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "cong-van");
    let strings = |v: &Value| {
        v.as_sequence().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(strings(&d["co_quan"]["ban_hanh"]), ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]);
    assert!(d["co_quan"].get("chu_quan").is_none());
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(1234), Some("UBND-KT")));
    assert_eq!(d["ngay"], "05/3/2025");
    assert_eq!(strings(&d["trich_yeu"]), ["triển khai thực hiện Chương trình", "mục tiêu quốc gia năm 2025"]);
    assert_eq!(strings(&d["kinh_gui"]), ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"]);
    let ky = &d["nguoi_ky"];
    assert_eq!(
        (
            ky["dong_tren"].as_str(),
            ky["quyen_han"].as_str(),
            ky["thay_cho"].as_str(),
            ky["chuc_vu"].as_str(),
            ky["ho_ten"].as_str()
        ),
        (
            Some("TM. ỦY BAN NHÂN DÂN"),
            Some("KT."),
            Some("CHỦ TỊCH"),
            Some("PHÓ CHỦ TỊCH"),
            Some("Đoàn Thanh Sơn")
        )
    );
    assert_eq!(strings(&d["noi_nhan"]), ["Như trên", "CT, các PCT UBND tỉnh"]);
    assert_eq!(d["luu"], "VT, KT");
    // Numbered paragraphs without a section I. keep their typed numbers.
    assert_eq!(
        d["noi_dung"][1],
        "1. Rà soát, tổng hợp nhu cầu vốn năm 2025, gửi Sở Kế hoạch và Đầu tư trước ngày 15/3/2025."
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let pages = common::pages_of(&yaml);
    assert!(pages[0].text().contains("V/v triển khai thực hiện Chương trình"), "{}", pages[0].text());
}

#[test]
fn a_decision_as_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("quyet-dinh-ubnd.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "quyet-dinh");
    assert_eq!(d["tham_quyen"], "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    assert_eq!(d["can_cu"].as_sequence().unwrap().len(), 2);
    assert_eq!(
        d["can_cu"][1],
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"
    );
    assert_eq!(
        d["theo_de_nghi"],
        "Giám đốc Sở Dân tộc và Tôn giáo tại Tờ trình số 45/TTr-SDTTG ngày 05 tháng 02 năm 2025"
    );
    let dieu = d["dieu"].as_sequence().unwrap();
    assert_eq!(dieu.len(), 3);
    // A sentence leading into its khoản is the article's text, not a title
    // (set regular after the bold "Điều 1.", Mẫu 1.2).
    assert_eq!(dieu[0]["noi_dung"], "Phê duyệt Kế hoạch tổ chức tập huấn bình đẳng giới năm 2025, gồm:");
    assert!(dieu[0].get("tieu_de").is_none());
    assert_eq!(dieu[0]["khoan"][1], "Thời gian: quý II năm 2025.");
    // "Như Điều 3" in Nơi nhận: that article carries the decision out
    // (vanban writes the line itself).
    assert_eq!(dieu[2]["thi_hanh"], true);
    assert_eq!(d["noi_nhan"], serde_yaml::from_str::<Value>("['CT, các PCT UBND tỉnh']").unwrap());
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect();
    assert!(text.contains("- Như Điều 3;"), "{text}");
    assert!(text.contains("Điều 3. Quyết định này có hiệu lực kể từ ngày ký."), "{text}");
}

/// A commune's decision issuing a regulation (Mẫu 1.3), as plain text: the
/// regulation after the decision's signature, with its own header, the
/// common "(Ban hành kèm theo …)" wording, chapters in capitals and in
/// sentence case, sections, and a signature the decree's model does not have.
#[test]
fn a_decision_with_its_attached_regulation() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("quyet-dinh-quy-dinh.txt");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "quyet-dinh");
    // The decision's own parts stop where the regulation's header starts.
    let dieu = d["dieu"].as_sequence().unwrap();
    assert_eq!(dieu.len(), 3, "{}", k.yaml);
    assert_eq!(dieu[2]["thi_hanh"], true);
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Lương Văn Bình");
    assert_eq!(d["noi_nhan"], serde_yaml::from_str::<Value>("['TT Đảng ủy, TT HĐND xã']").unwrap());
    assert_eq!(d["co_quan"]["ten_goi"], Value::Null, "{}", k.yaml);
    let kt = &d["kem_theo"];
    assert_eq!(kt["ten_loai"], "QUY ĐỊNH");
    assert_eq!(kt["trich_yeu"], "Quản lý và sử dụng nhà văn hóa thôn trên địa bàn xã");
    assert_eq!(kt["cua"], "Ủy ban nhân dân xã Chi Lăng");
    let chuong = kt["chuong"].as_sequence().unwrap();
    assert_eq!(chuong.len(), 2, "{}", k.yaml);
    assert_eq!(chuong[0]["ten"], "Quy định chung");
    assert_eq!(chuong[0]["dieu"][0]["tieu_de"], "Phạm vi điều chỉnh");
    assert_eq!(
        chuong[0]["dieu"][0]["noi_dung"],
        "Quy định này quy định việc quản lý, sử dụng nhà văn hóa của các thôn trên địa bàn xã Chi Lăng."
    );
    assert_eq!(chuong[0]["dieu"][1]["tieu_de"], "Nguyên tắc sử dụng");
    assert_eq!(chuong[0]["dieu"][1]["khoan"][1]["diem"][1], "các hoạt động do Ủy ban nhân dân xã cho phép.");
    assert_eq!(chuong[1]["ten"], "Quản lý và sử dụng");
    let muc = chuong[1]["muc"].as_sequence().unwrap();
    assert_eq!(muc.len(), 2);
    assert_eq!(muc[0]["ten"], "Trách nhiệm quản lý");
    assert_eq!(muc[0]["dieu"][0]["khoan"][1], "Lập sổ theo dõi việc sử dụng nhà văn hóa.");
    assert_eq!(muc[1]["ten"], "Sử dụng nhà văn hóa");
    assert_eq!(
        muc[1]["dieu"][0]["noi_dung"],
        "Tổ chức, cá nhân có nhu cầu sử dụng nhà văn hóa đăng ký với Trưởng thôn trước ít nhất 03 ngày./."
    );
    // What was changed against the decree, each with its clause.
    let warnings: Vec<String> = k.van_de.iter().filter(|d| !d.is_error()).map(|d| d.to_string()).collect();
    for expected in [
        "không phải \"(Ban hành kèm theo …)\" (NĐ30, Phụ lục III, mẫu văn bản kèm theo quyết định, ghi chú 2)",
        "văn bản kèm theo không có chữ ký riêng (NĐ30, Phụ lục III, mẫu văn bản kèm theo quyết định): bỏ 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Lương Văn Bình'",
        "văn bản kèm theo kết thúc bằng \"./.\" (NĐ30, Phụ lục III)",
    ] {
        assert!(warnings.iter().any(|w| w.contains(expected)), "missing {expected:?} in {warnings:#?}");
    }
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    assert!(
        report.lines().any(|l| l == "  ✓ văn bản kèm theo: nội dung: 2 chương, 2 mục, 4 điều"),
        "{report}"
    );
    // It builds: the regulation on its own pages with the decree's reference line.
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text().replace('\n', " ")).collect();
    assert!(
        text.contains(
            "(Kèm theo Quyết định số 27/QĐ-UBND ngày 03 tháng 3 năm 2026 của Ủy ban nhân dân xã Chi Lăng)"
        ),
        "{text}"
    );
    assert!(text.contains("Mục 2"), "{text}");
}

/// A decision approving a plan: the plan attached has sections, not
/// articles, and keeps them.
#[test]
fn a_decision_approving_a_plan_keeps_the_plans_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("quyet-dinh-ke-hoach.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["dieu"].as_sequence().unwrap().len(), 3, "{}", k.yaml);
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nông Văn Minh");
    let kt = &d["kem_theo"];
    assert_eq!(kt["ten_loai"], "KẾ HOẠCH");
    assert_eq!(kt["cua"], "Giám đốc Sở Dân tộc và Tôn giáo");
    let body = kt["noi_dung"].as_sequence().expect("a body of sections");
    let titles: Vec<&str> = body.iter().map(|n| n["muc"].as_str().unwrap()).collect();
    assert_eq!(titles, ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN"], "{}", k.yaml);
    assert_eq!(body[0]["noi_dung"][0]["muc"], "Mục đích");
    assert_eq!(body[1]["noi_dung"][0]["cung_dong"], "quý II năm 2026.");
    assert_eq!(
        body[2]["noi_dung"][0],
        "Phòng Chính sách chủ trì, phối hợp với các xã tổ chức thực hiện Kế hoạch này./."
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect();
    assert!(text.contains("III. TỔ CHỨC THỰC HIỆN"), "{text}");
}

/// Footnotes as text copied from a PDF has them: the mark typed after its
/// word ("giáo1,"), the note at the foot, its number alone on a line or
/// before its text; each goes back to its mark as vanban writes a footnote.
#[test]
fn footnotes_go_back_to_their_marks() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("to-trinh-chu-thich.txt");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "to-trinh");
    assert_eq!(
        d["noi_dung"][0],
        "Thực hiện Kế hoạch của Sở Dân tộc và Tôn giáo^[Kế hoạch số 45/KH-SDTTG ngày 10 tháng 12 năm 2025.], Ủy ban nhân dân xã đã rà soát nhu cầu tập huấn của các thôn.",
        "{}",
        k.yaml
    );
    assert_eq!(
        d["noi_dung"][1],
        "Ủy ban nhân dân xã đề nghị hỗ trợ kinh phí tổ chức 02 lớp tập huấn theo định mức hiện hành^[Theo Thông tư số 15/2022/TT-BTC ngày 04 tháng 3 năm 2022 của Bộ Tài chính.]."
    );
    assert_eq!(d["noi_dung"].as_sequence().unwrap().len(), 3, "{}", k.yaml);
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Lương Văn Bình");
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    assert!(
        report.lines().any(|l| l == "  ✓ chú thích: 2 chú thích cuối trang, đặt lại vào chỗ đánh dấu (^[…])"),
        "{report}"
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    // Laid out, the notes are at the foot of the page again.
    let pages = common::pages_of(&yaml);
    let last = pages[0].lines().last().unwrap().text.clone();
    assert!(last.contains("Bộ Tài chính.") || last == "chính.", "{}", pages[0].text());
    assert!(pages[0].text().contains("Kế hoạch số 45/KH-SDTTG ngày 10 tháng 12 năm 2025."));
}

/// A notice as a clerk types it in a plain editor: the agency on three
/// lines (the parent's name wrapped), a table set out with spaces, a
/// signature "(Đã ký)".
#[test]
fn a_table_typed_with_spaces_and_an_agency_on_three_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("thong-bao-bang-cach.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "thong-bao");
    assert_eq!(
        d["co_quan"]["chu_quan"],
        serde_yaml::from_str::<Value>("[ỦY BAN NHÂN DÂN, TỈNH LẠNG SƠN]").unwrap()
    );
    assert_eq!(d["co_quan"]["ban_hanh"], "SỞ NỘI VỤ");
    let bang = &d["noi_dung"][1]["bang"];
    assert_eq!(
        bang["cot"],
        serde_yaml::from_str::<Value>("[STT, Họ và tên, Vị trí, Kết quả]").unwrap(),
        "{}",
        k.yaml
    );
    assert_eq!(
        bang["dong"],
        serde_yaml::from_str::<Value>(
            "[['1', Nguyễn Văn An, Chuyên viên, Trúng tuyển], ['2', Lê Thị Bình, Chuyên viên, Trúng tuyển]]"
        )
        .unwrap()
    );
    assert_eq!(d["nguoi_ky"]["chuc_vu"], "GIÁM ĐỐC");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nguyễn Thị Hoa");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

#[test]
fn a_communes_report_with_an_inline_kinh_gui() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("bao-cao-xa.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "bao-cao");
    assert_eq!(d["co_quan"]["ban_hanh"], "UBND XÃ CHI LĂNG");
    assert_eq!(d["dia_danh"], "Chi Lăng");
    assert_eq!(d["kinh_gui"], "Sở Dân tộc và Tôn giáo tỉnh Lạng Sơn");
    assert_eq!(d["noi_dung"][2], "2. Số học viên đã tham dự: 07 người, trong đó nữ 04 người.");
    assert_eq!(d["nguoi_ky"]["chuc_vu"], "CHỦ TỊCH");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// Text with none of the decree's components: the report claims none, says
/// what is missing, and keeps every sentence.
#[test]
fn the_report_never_claims_a_part_it_did_not_find() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("chi-doan-van.txt");
    let (out, k) = import(&source, dir.path());
    let report = vanban::nhap::bao_cao(&source, &out, &k);
    let found: Vec<&str> = report.lines().filter(|l| l.starts_with("  ✓")).collect();
    assert_eq!(found, ["  ✓ tên loại: không có dòng tên loại: Công văn (cong-van)"], "{report}");
    for missing in [
        "  ✗ quốc hiệu, tiêu ngữ: không thấy; vanban in theo mẫu",
        "  ✗ cơ quan ban hành: không thấy tên cơ quan ở góc trái",
        "  ✗ số, ký hiệu: không thấy dòng \"Số: …/…\"",
        "  ✗ nơi nhận: không thấy \"Nơi nhận:\"",
        "  ✗ địa danh, ngày tháng: không thấy dòng \"…, ngày … tháng … năm …\"",
    ] {
        assert!(report.lines().any(|l| l == missing), "missing {missing:?}\n{report}");
    }
    let d = data_of(&k);
    assert_eq!(d["noi_dung"][0], "Các đơn vị rà soát danh sách học viên và gửi về trước ngày 15/6/2025.");
    assert_eq!(d["noi_dung"][1], "Mọi vướng mắc liên hệ Phòng Chính sách để được hướng dẫn./.");
    // What it cannot know is asked for, at its line of the YAML.
    assert!(k.van_de.iter().any(|d| d.is_error() && d.field == "ky_hieu"), "{:?}", k.van_de);
}

/// The Word files of `tests/nhap/` (made by `tools/docx-mau.py` with the
/// layouts Word produces) through the whole import: the data, and a PDF.
#[test]
fn word_documents_import_with_their_header_table_numbering_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("ke-hoach-bang-dau.docx"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "ke-hoach");
    assert_eq!(
        (d["co_quan"]["chu_quan"].as_str(), d["co_quan"]["ban_hanh"].as_str()),
        (Some("UBND TỈNH LẠNG SƠN"), Some("SỞ DU LỊCH VÀ THỂ THAO"))
    );
    assert!(d.get("so").is_none());
    assert_eq!(d["ngay"], "4/2025");
    let tree = tree_of(&k.yaml);
    assert_eq!(tree[0], (vec![1], "MỤC ĐÍCH, YÊU CẦU".to_owned()));
    assert!(
        tree.contains(&(
            vec![2, 1, 1],
            "Thời gian: 01 ngày, khai mạc lúc 06 giờ 30 phút ngày 20 tháng 4 năm 2025.".to_owned()
        )),
        "{tree:?}"
    );
    // The table with merged heading cells: one heading per column.
    let bang = &d["noi_dung"][2]["noi_dung"][1]["noi_dung"][0]["bang"];
    assert_eq!(bang["cot"], serde_yaml::to_value(["TT", "Đối tượng", "Cự ly (m) - Nam", "Nữ"]).unwrap());
    assert_eq!(
        bang["dong"][2],
        serde_yaml::to_value(["3", "Cán bộ, công chức, viên chức", "5.000", "3.000"]).unwrap()
    );
    assert_eq!(d["nguoi_ky"]["quyen_han"], "KT.");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nguyễn Văn An");
    assert_eq!(d["luu"], "VT");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("Học sinh trung học phổ thông"), "{text}");

    // Word's own list numbering, the header laid out with tabs.
    let (_, k) = import(&fixture("ke-hoach-danh-so-word.docx"), dir.path());
    let d = data_of(&k);
    assert_eq!(
        (d["so"].as_u64(), d["ky_hieu"].as_str(), d["ngay"].as_str()),
        (Some(12), Some("KH-UBND"), Some("05/3/2025"))
    );
    let strings = |v: &Value| {
        v.as_sequence().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(strings(&d["co_quan"]["ban_hanh"]), ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]);
    let tree = tree_of(&k.yaml);
    assert_eq!(&tree[..2], &[(vec![1], "MỤC ĐÍCH, YÊU CẦU".to_owned()), (vec![1, 1], "Mục đích".to_owned())]);
    assert!(tree.iter().any(|(p, _)| p.len() == 4), "the a) level: {tree:?}");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);

    // A decision: articles, khoản and điểm, "Như Điều 3".
    let (_, k) = import(&fixture("quyet-dinh.docx"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["tham_quyen"], "GIÁM ĐỐC SỞ NỘI VỤ");
    assert_eq!(d["dieu"][0]["khoan"][0]["diem"][2], "Người lao động làm việc tại Sở.");
    assert_eq!(d["dieu"][2]["thi_hanh"], true);
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);

    // A Công văn: V/v under the number, Kính gửi a list.
    let (_, k) = import(&fixture("cong-van.docx"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["trich_yeu"], "báo cáo số lượng cán bộ, công chức năm 2025");
    assert_eq!(strings(&d["kinh_gui"]), ["Ủy ban nhân dân các huyện, thành phố", "Các sở, ban, ngành tỉnh"]);
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);

    // Typed in TCVN3 with the .VnTime fonts: Unicode again; its ký hiệu,
    // which lacks the drafting unit, is reported at its YAML line.
    let (_, k) = import(&fixture("tcvn3.docx"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["ban_hanh"], "PHÒNG NỘI VỤ");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nguyễn Thị Lan");
    let errors: Vec<&str> = k.van_de.iter().filter(|d| d.is_error()).map(|d| d.field.as_str()).collect();
    assert_eq!(errors, ["ky_hieu"]);
}

/// A text file saved by an old editor in TCVN3 (the .VnTime years): its
/// bytes are not UTF-8; the text comes out in Unicode.
#[test]
fn a_text_file_in_tcvn3_comes_out_in_unicode() {
    let dir = tempfile::tempdir().unwrap();
    let unicode = std::fs::read_to_string(fixture("bao-cao-xa.txt")).unwrap();
    let legacy = vanban::chuyen_ma::encode(&unicode, vanban::chuyen_ma::Encoding::Tcvn3);
    let bytes = vanban::chuyen_ma::cp1252_bytes(&legacy).expect("TCVN3 fits in single bytes");
    assert!(std::str::from_utf8(&bytes).is_err());
    let source = dir.path().join("bao-cao-cu.txt");
    std::fs::write(&source, bytes).unwrap();
    let (_, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["ban_hanh"], "UBND XÃ CHI LĂNG");
    assert_eq!(d["trich_yeu"], "Kết quả cử học viên tham dự lớp tập huấn bình đẳng giới");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Hoàng Văn Bình");
}

/// A certificate is a batch's record: said so, nothing written.
#[test]
fn a_certificate_is_not_imported_alone() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("chung-nhan.txt");
    std::fs::write(&source, "SỞ DÂN TỘC VÀ TÔN GIÁO\nGIẤY CHỨNG NHẬN\nÔng Nguyễn Văn A\n").unwrap();
    let out =
        Command::new(env!("CARGO_BIN_EXE_vanban")).args(["nhap", source.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "{}: lỗi: đây là một giấy chứng nhận: vanban dựng loại này hàng loạt từ danh sách (vanban new giay-chung-nhan), không nhập từng tờ",
            source.display()
        )
    );
    assert!(!dir.path().join("chung-nhan.yaml").exists());
}

/// One letter of the invitation batch, as its PDF: it imports as a
/// meeting's invitation (Mẫu 1.7) naming its invitee after "trân trọng kính
/// mời", builds as is and reads the same; its quota table, which that kind
/// has no place for, is kept in the data as comments, not dropped.
#[test]
fn an_invitation_letter_of_the_batch_imports_and_builds() {
    let read = |name: &str| std::fs::read_to_string(common::example(name)).unwrap();
    let dir =
        common::folder(&[("giay-moi.yaml", &read("giay-moi.yaml")), ("phan-bo.yaml", &read("phan-bo.yaml"))]);
    let (out, _) = common::build_dir(dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let letter = dir.path().join("out/giay-moi/02-trang-dinh.pdf");
    let (yaml, k) = import(&letter, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "giay-moi-hop");
    assert_eq!(d["kinh_moi"], "Ủy ban nhân dân huyện Tràng Định");
    assert_eq!(d["chu_tri"], "Lãnh đạo Sở Dân tộc và Tôn giáo");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    // The quota table is the kind's own table, not a comment.
    assert!(!k.yaml.contains("# vanban nhap: bảng"), "{}", k.yaml);
    let rows: Vec<Vec<String>> = serde_yaml::from_value(d["bang"]["dong"].clone()).unwrap();
    assert_eq!(rows[0], ["CT2-1", "Chương trình 2 (cán bộ huyện, xã)", "18", "17-18/6/2025"]);
    assert!(rows.contains(&vec![
        "CT3-1".to_owned(),
        "Chương trình 3 (cộng đồng)".to_owned(),
        "40".to_owned(),
        "08-09/7/2025".to_owned()
    ]));
    // The same text, the table's included.
    let invited = "trân trọng kính mời: Ủy ban nhân dân huyện Tràng Định";
    let record = common::records(&common::example("giay-moi.yaml"))
        .into_iter()
        .find(|r| r[0].text().replace('\n', " ").contains(invited))
        .expect("the letter to Tràng Định");
    assert_eq!(page_words(&record, true), page_words(&common::pages_of(&yaml), true));
}

/// The PDFs vanban writes, every kind's, imported back from the PDF
/// itself: the data renders to the same text.
#[test]
fn each_kinds_pdf_imports_back_to_the_same_text() {
    round_trip("pdf", true, |source, _, target| {
        let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["render", source.to_str().unwrap(), "-o", target.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    });
}

/// Two phụ lục to add to a decision: a list of units and a paragraph.
const QD_PHU_LUC: &str = "phu_luc:
  - tieu_de: Danh sách đơn vị tham gia
    noi_dung:
      - bang:
          cot: [STT, Đơn vị, Số học viên]
          dong: [['1', Xã Chi Lăng, '40'], ['2', Phường Tam Thanh, '35']]
  - tieu_de: Kinh phí thực hiện
    noi_dung:
      - Kinh phí từ nguồn vốn Dự án 8 năm 2025, theo dự toán được giao.
";

/// Every kind's starting file and the example's documents: each laid out,
/// written as a file to import by `make` (`.ext`), imported, and rendered
/// again; the words of the pages must agree.
fn round_trip(ext: &str, tables_apart: bool, make: fn(&Path, &[vanban::inspect::PageFacts], &Path)) {
    let dir = tempfile::tempdir().unwrap();
    let mut sources: Vec<PathBuf> = Vec::new();
    for kind in [
        "ke-hoach",
        "to-trinh",
        "thong-bao",
        "bao-cao",
        "huong-dan",
        "chuong-trinh",
        "quyet-dinh",
        "cong-van",
        "giay-moi-hop",
        "cong-dien",
        "giay-gioi-thieu",
        "bien-ban",
    ] {
        let kdir = dir.path().join(kind);
        let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["new", kind, kdir.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        sources.push(kdir.join(format!("{kind}.yaml")));
    }
    for name in [
        "ke-hoach.yaml",
        "quyet-dinh.yaml",
        "cong-van.yaml",
        "to-trinh.yaml",
        "thong-bao.yaml",
        "bien-ban.yaml",
        "bao-cao-ket-qua.yaml",
        "quyet-dinh-quy-che.yaml",
        "giay-gioi-thieu.yaml",
    ] {
        sources.push(common::example(name));
    }
    // A decision with two phụ lục, one a table …
    let qd = dir.path().join("phu-luc");
    std::fs::create_dir(&qd).unwrap();
    let yaml = std::fs::read_to_string(common::example("quyet-dinh.yaml")).unwrap();
    // … and an article ending with a table.
    let article = "  - Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ. Quyết định này có hiệu lực kể từ ngày ký.\n";
    assert!(yaml.contains(article));
    let yaml = yaml.replace(article, "  - noi_dung: Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ, phối hợp với các đơn vị sau.\n    bang:\n      cot: [STT, Đơn vị]\n      dong: [['1', Xã Chi Lăng], ['2', Phường Tam Thanh]]\n");
    std::fs::write(qd.join("quyet-dinh.yaml"), format!("{yaml}{QD_PHU_LUC}")).unwrap();
    sources.push(qd.join("quyet-dinh.yaml"));
    // A report in parts and lettered groups.
    let phan = dir.path().join("cac-phan");
    std::fs::create_dir(&phan).unwrap();
    std::fs::write(phan.join("bao-cao.yaml"), common::BAO_CAO_CAC_PHAN).unwrap();
    sources.push(phan.join("bao-cao.yaml"));
    let mut failures = Vec::new();
    for source in sources {
        let stem = format!(
            "{}-{}",
            source.parent().unwrap().file_name().unwrap().to_str().unwrap(),
            source.file_stem().unwrap().to_str().unwrap()
        );
        let pages = common::pages_of(&source);
        let file = dir.path().join(format!("{stem}.{ext}"));
        make(&source, &pages, &file);
        let bytes = std::fs::read(&file).unwrap();
        let yaml = dir.path().join(format!("{stem}.yaml"));
        let k = match vanban::nhap::nhap(&file, &bytes, &yaml) {
            Ok(k) => k,
            Err(e) => {
                failures.push(format!("{}: {e}", source.display()));
                continue;
            }
        };
        std::fs::write(&yaml, &k.yaml).unwrap();
        let errors: Vec<String> = k.van_de.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        if !errors.is_empty() {
            failures.push(format!("{}: {errors:#?}\n{}", source.display(), k.yaml));
            continue;
        }
        let engine = common::engine();
        let again = match engine.prepare(&yaml).and_then(|p| engine.layout(&p)) {
            Ok(doc) => doc.pages().iter().map(vanban::inspect::PageFacts::of).collect::<Vec<_>>(),
            Err(e) => {
                failures.push(format!("{}: {e}\n{}", source.display(), k.yaml));
                continue;
            }
        };
        let (a, b) = (page_words(&pages, tables_apart), page_words(&again, tables_apart));
        if a != b {
            let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let from = a.char_indices().nth(at.saturating_sub(60)).map(|(i, _)| i).unwrap_or(0);
            let from_b = b.char_indices().nth(at.saturating_sub(60)).map(|(i, _)| i).unwrap_or(0);
            failures.push(format!(
                "{}: text differs\n  was: {}\n  now: {}\n{}",
                source.display(),
                a[from..].chars().take(160).collect::<String>(),
                b[from_b..].chars().take(160).collect::<String>(),
                k.yaml
            ));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

/// The decision recognising the trainees, as its PDF: the list attached
/// runs over 30 pages, its header row repeated on each; read back, each
/// class's table is one table again, and no row is lost.
#[test]
fn a_list_over_many_pages_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("qd.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "render",
            common::example("quyet-dinh-cong-nhan.yaml").to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, k) = import(&pdf, dir.path());
    let d = data_of(&k);
    let kt = &d["kem_theo"];
    assert_eq!(kt["ten_loai"], "DANH SÁCH");
    let tables: Vec<&Value> =
        kt["noi_dung"].as_sequence().unwrap().iter().filter(|n| n.get("bang").is_some()).collect();
    let rows: Vec<usize> = tables.iter().map(|t| t["bang"]["dong"].as_sequence().unwrap().len()).collect();
    assert_eq!(rows.iter().sum::<usize>(), 480, "{rows:?}");
    // One table per class, each numbered from 1 to its last row.
    assert_eq!(rows.len(), 6, "{rows:?}");
    for t in &tables {
        let dong = t["bang"]["dong"].as_sequence().unwrap();
        assert_eq!(dong[0][0], "1");
        assert_eq!(dong.last().unwrap()[0], dong.len().to_string().as_str());
    }
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A number written as a legal document's, with its year: the ký hiệu is
/// what follows the year, and the year dropped is said.
#[test]
fn a_number_with_a_legal_documents_year() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("qd.txt");
    let text = std::fs::read_to_string(fixture("quyet-dinh-ubnd.txt"))
        .unwrap()
        .replace("Số: 215/QĐ-UBND", "Số: 215/2025/QĐ-UBND");
    std::fs::write(&source, text).unwrap();
    let (_, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["so"], 215);
    assert_eq!(d["ky_hieu"], "QĐ-UBND");
    let warnings: Vec<String> = k.van_de.iter().filter(|d| !d.is_error()).map(|d| d.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("số '215/2025/QĐ-UBND' có năm ban hành như văn bản quy phạm pháp luật: văn bản hành chính ghi số và ký hiệu, không có năm (NĐ30, Phụ lục I, II.3); vanban ghi 'QĐ-UBND'")),
        "{warnings:#?}"
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A Công văn copied from a web page: its lines set apart by blank lines,
/// "Nơi nhận" with no colon and its entries with no dashes, the signature
/// after them, a footnote marked "(1)", and its phụ lục's table drawn with
/// "|" (a rule row under the header, empty cells, a bar inside a cell).
#[test]
fn a_cong_van_copied_from_a_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("cong-van-trang-web.txt");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "cong-van");
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(412), Some("SDTTG-CS")));
    let strings = |v: &Value| {
        v.as_sequence().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    // Every entry, "Như trên" included, and the Lưu line.
    assert_eq!(
        strings(&d["noi_nhan"]),
        ["Như trên", "Giám đốc Sở (để báo cáo)", "Ban Dân tộc HĐND tỉnh"],
        "{}",
        k.yaml
    );
    assert_eq!(d["luu"], "VT, CS");
    let ky = &d["nguoi_ky"];
    assert_eq!(
        (ky["quyen_han"].as_str(), ky["thay_cho"].as_str(), ky["chuc_vu"].as_str(), ky["ho_ten"].as_str()),
        (Some("KT."), Some("GIÁM ĐỐC"), Some("PHÓ GIÁM ĐỐC"), Some("Hoàng Thị Mai"))
    );
    assert_eq!(
        d["noi_dung"][0],
        "Thực hiện Kế hoạch số 15/KH-SDTTG ngày 20/01/2026^[Kế hoạch thực hiện Dự án 8 năm 2026 của Sở Dân tộc và Tôn giáo.], Sở Dân tộc và Tôn giáo đề nghị Ủy ban nhân dân các xã, phường rà soát danh sách học viên theo biểu kèm theo, gửi về Sở trước ngày 20/3/2026."
    );
    assert_eq!(d["noi_dung"].as_sequence().unwrap().len(), 2, "{}", k.yaml);
    // The phụ lục: no title of its own (the numbered heading is its body's),
    // and the table with its header, its empty cells and its bar.
    let pl = &d["phu_luc"][0];
    assert_eq!(pl["tieu_de"], "", "{}", k.yaml);
    assert_eq!(pl["noi_dung"][0], "1. BIỂU TỔNG HỢP HỌC VIÊN");
    let bang = &pl["noi_dung"][1]["bang"];
    assert_eq!(strings(&bang["cot"]), ["STT", "Xã, phường", "Số học viên", "Trong đó nữ", "Ghi chú"]);
    assert_eq!(
        bang["dong"],
        serde_yaml::from_str::<Value>(
            "[['1', 'Xã Hạnh Phúc', '35', '20', ''], ['2', 'Phường Thục Phán', '40', '', 'Lớp ghép | buổi chiều']]"
        )
        .unwrap()
    );
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    assert!(!report.contains("không xếp được"), "{report}");
    assert!(report.lines().any(|l| l == "  ✓ dòng lưu: VT, CS"), "{report}");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    // It builds: the recipients, the note at the foot of page 1, the table.
    let pages = common::pages_of(&yaml);
    let text: String = pages.iter().map(|p| p.text()).collect();
    for line in ["- Như trên;", "- Giám đốc Sở (để báo cáo);", "- Ban Dân tộc HĐND tỉnh;", "- Lưu: VT, CS."]
    {
        assert!(pages[0].lines().iter().any(|l| l.text == line), "{line}\n{}", pages[0].text());
    }
    assert!(text.contains("Lớp ghép | buổi chiều"), "{text}");
    assert!(pages[0].text().contains("Kế hoạch thực hiện Dự án 8 năm 2026"), "{}", pages[0].text());
}

/// A commune's decision as a PDF's text layer read box by box: "Số: 27"
/// and "/QĐ-UBND" apart, the trích yếu on two lines (the second starting
/// in capitals), "Xét đề nghị" (the older wording), no "Như Điều 3" in
/// Nơi nhận; its footer set side by side, "(để b/c)" beside an entry, an
/// entry going on over a line in capitals.
#[test]
fn a_decision_read_box_by_box() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("quyet-dinh-tung-khoi.txt");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "quyet-dinh");
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(27), Some("QĐ-UBND")));
    assert_eq!(
        d["co_quan"]["ban_hanh"],
        serde_yaml::from_str::<Value>("[ỦY BAN NHÂN DÂN, XÃ HẠNH PHÚC]").unwrap()
    );
    assert_eq!(
        d["trich_yeu"],
        "Về việc thành lập Ban Tổ chức lớp tập huấn bình đẳng giới Dự án 8 năm 2026 tại xã Hạnh Phúc"
    );
    assert_eq!(d["tham_quyen"], "ỦY BAN NHÂN DÂN XÃ HẠNH PHÚC");
    assert_eq!(d["can_cu"].as_sequence().unwrap().len(), 2, "{}", k.yaml);
    assert_eq!(
        d["theo_de_nghi"],
        "Công chức Văn hóa - Xã hội xã tại Tờ trình số 09/TTr-VHXH ngày 10 tháng 4 năm 2026"
    );
    let dieu = d["dieu"].as_sequence().unwrap();
    assert_eq!(dieu.len(), 3, "{}", k.yaml);
    assert_eq!(dieu[2]["thi_hanh"], true);
    assert_eq!(
        d["noi_nhan"],
        serde_yaml::from_str::<Value>(
            "['Thường trực Đảng ủy xã', 'Thường trực HĐND xã (để b/c)', 'Các thành viên Ban Tổ chức', 'VP HĐND và UBND xã: CVP, các công chức: VHXH, TCKT, ĐCXD, TP-HT']"
        )
        .unwrap()
    );
    assert_eq!(d["luu"], "VT, VHXH");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nông Thị Lan");
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    for fix in [
        "dòng đề nghị viết theo mẫu 'Theo đề nghị của … .', không 'Xét đề nghị của …' (NĐ30, Phụ lục III, Mẫu 1.2)",
        "Nơi nhận thiếu '- Như Điều 3;' (điều giao thi hành quyết định): vanban ghi vào đầu Nơi nhận (NĐ30, Phụ lục III, Mẫu 1.2)",
    ] {
        assert!(report.contains(fix), "{fix}\n{report}");
    }
    assert!(!report.contains("không xếp được"), "{report}");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for line in [
        "Theo đề nghị của Công chức Văn hóa - Xã hội xã tại Tờ trình số 09/TTr-VHXH",
        "- Như Điều 3;",
        "- Thường trực HĐND xã (để b/c);",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

/// A Công văn saved with its layout and a tool's page markers: the V/v
/// wrapped in its column over four lines, one starting in capitals, above
/// Kính gửi; "--- TRANG 2 ---" inside a paragraph.
#[test]
fn a_cong_van_with_its_v_v_over_four_lines_and_page_markers() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("cong-van-xuong-dong.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["ban_hanh"], "SỞ NỘI VỤ");
    assert!(d["co_quan"].get("chu_quan").is_none(), "{}", k.yaml);
    assert_eq!(
        d["trich_yeu"],
        "góp ý dự thảo Báo cáo kết quả thực hiện cải cách hành chính quý I Chương trình tổng thể giai đoạn 2026 - 2030"
    );
    assert_eq!(d["kinh_gui"], "Ủy ban nhân dân các xã, phường");
    assert_eq!(
        d["noi_dung"],
        serde_yaml::from_str::<Value>(
            "['Sở Nội vụ đề nghị Ủy ban nhân dân các xã, phường nghiên cứu, góp ý dự thảo Báo cáo kết quả thực hiện cải cách hành chính quý I năm 2026, gửi về Sở trước ngày 20/3/2026.', 'Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Phòng Cải cách hành chính để được hướng dẫn./.']"
        )
        .unwrap()
    );
    assert!(!k.yaml.contains("TRANG"), "{}", k.yaml);
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A meeting invitation as offices often set it: its parts numbered
/// ("1. Chủ trì:", "2. Thành phần mời:" and a list, "3. Nội dung:"), no
/// "… trân trọng kính mời" sentence (the agency named as its own text
/// names it), the list being those invited.
#[test]
fn a_meeting_invitation_with_numbered_parts() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("giay-moi-danh-so.txt");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "giay-moi-hop");
    assert_eq!(d["co_quan"]["ten_goi"], "Ủy ban nhân dân xã");
    assert_eq!(d["chu_tri"], "Đồng chí Nông Thị Lan - Chủ tịch UBND xã");
    assert_eq!(d["thoi_gian"], "14 giờ 00, ngày 24/4/2026");
    assert_eq!(d["dia_diem"], "Hội trường Ủy ban nhân dân xã");
    assert_eq!(
        d["thanh_phan"],
        serde_yaml::from_str::<Value>(
            "['Công chức Văn hóa - Xã hội xã', 'Trưởng các thôn, bản', 'Đại diện Hội Liên hiệp Phụ nữ xã']"
        )
        .unwrap()
    );
    assert_eq!(d["noi_dung"][1], "Triển khai kế hoạch tổ chức lớp tập huấn");
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    assert!(
        report
            .lines()
            .any(|l| l == "  ✓ tên cơ quan trong câu văn: Ủy ban nhân dân xã (như văn bản gốc tự gọi)"),
        "{report}"
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let lines: Vec<String> =
        common::pages_of(&yaml).iter().flat_map(|p| p.lines()).map(|l| l.text.clone()).collect();
    let at = lines.iter().position(|l| l == "Ủy ban nhân dân xã trân trọng kính mời:").expect("the sentence");
    assert_eq!(lines[at + 1], "- Công chức Văn hóa - Xã hội xã;");
    assert!(lines.iter().any(|l| l == "Chủ trì: Đồng chí Nông Thị Lan - Chủ tịch UBND xã."), "{lines:?}");
}

/// A meeting invitation with no trích yếu but a "3. Nội dung: …" part:
/// that is its trích yếu (Mẫu 1.7, note 5), said so, and it builds.
#[test]
fn a_meeting_invitations_content_part_is_its_trich_yeu() {
    let text = std::fs::read_to_string(fixture("giay-moi-danh-so.txt")).unwrap();
    let text = text.replace("Họp triển khai lớp tập huấn bình đẳng giới năm 2026\n", "");
    let (_dir, _, k) = import_text("gm.txt", &text);
    let d = data_of(&k);
    assert_eq!(d["trich_yeu"], "Triển khai kế hoạch tổ chức lớp tập huấn", "{}", k.yaml);
    assert!(!k.yaml.contains("Nội dung:"), "{}", k.yaml);
    assert!(
        k.van_de.iter().any(|d| d
            .to_string()
            .contains("giấy mời không có dòng trích yếu: vanban lấy nội dung cuộc họp làm trích yếu")),
        "{:?}",
        k.van_de
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A notice saved as Markdown: "##" headings, "**" bold, "---" rules.
#[test]
fn a_notice_saved_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("thong-bao-markdown.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "thong-bao");
    assert_eq!(d["co_quan"]["ban_hanh"], "ỦY BAN NHÂN DÂN XÃ HẠNH PHÚC");
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(44), Some("TB-UBND")));
    assert_eq!(d["ngay"], "05/5/2026");
    assert_eq!(
        d["trich_yeu"],
        "Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp giao ban tháng 4 năm 2026"
    );
    assert_eq!(d["noi_dung"][1]["muc"], "ĐÁNH GIÁ CHUNG");
    assert_eq!(
        d["noi_dung"][2]["noi_dung"][0]["doan"],
        "Công chức Văn hóa - Xã hội hoàn thành hồ sơ lớp tập huấn trước ngày 15/5/2026."
    );
    assert_eq!(
        (d["nguoi_ky"]["chuc_vu"].as_str(), d["nguoi_ky"]["ho_ten"].as_str()),
        (Some("CHỦ TỊCH"), Some("Nông Thị Lan"))
    );
    assert!(!k.yaml.contains("**"), "{}", k.yaml);
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// Imports `text` as a .txt file named `name`.
fn import_text(name: &str, text: &str) -> (tempfile::TempDir, PathBuf, vanban::nhap::KetQua) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join(name);
    std::fs::write(&source, text).unwrap();
    let (yaml, k) = import(&source, dir.path());
    (dir, yaml, k)
}

/// A title in capitals where the tên loại stands, of a kind vanban does
/// not make (an internal routing slip): not taken for the agency, kept in
/// the body, and the report says so. A "(Kèm theo …)" line is not a date.
#[test]
fn an_unknown_title_is_not_the_agency() {
    let (_dir, yaml, k) = import_text(
        "phieu-trinh.txt",
        "VĂN PHÒNG UBND TỈNH\nPHÒNG NỘI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/PT-NC\nLạng Sơn, ngày 20 tháng 5 năm 2026\n\nPHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\n\nKính gửi: Lãnh đạo Văn phòng\n\nPhòng Nội chính trình Lãnh đạo Văn phòng hồ sơ đề nghị công nhận Điều lệ Hội./.\n",
    );
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["chu_quan"], "VĂN PHÒNG UBND TỈNH", "{}", k.yaml);
    assert_eq!(d["co_quan"]["ban_hanh"], "PHÒNG NỘI CHÍNH");
    // Kept, first in the body (where it stood, before the text), with its
    // comment, and reported once, as the tên loại.
    assert_eq!(d["noi_dung"][0], "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC", "{}", k.yaml);
    let report = vanban::nhap::bao_cao(Path::new("phieu-trinh.txt"), &yaml, &k);
    assert!(
        report.contains("  ✗ tên loại (dòng 8): 'PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC' không phải loại văn bản vanban dựng: nhập như Công văn (cong-van), dòng này giữ trong nội dung"),
        "{report}"
    );
    assert_eq!(report.matches("PHIẾU TRÌNH").count(), 1, "{report}");

    let (_dir, _, k) = import_text(
        "dieu-le.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQUY CHẾ\nHoạt động của Ban Tổ chức\n(Kèm theo Quyết định số     /QĐ-UBND ngày     tháng 9 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)\n\nĐiều 1. Phạm vi\nQuy chế này quy định hoạt động của Ban Tổ chức./.\n",
    );
    let d = data_of(&k);
    assert_ne!(d["dia_danh"].as_str().unwrap_or(""), "(Kèm theo Quyết định số /QĐ-UBND", "{}", k.yaml);
    assert!(!d["dia_danh"].as_str().unwrap_or("").starts_with('('), "{}", k.yaml);
}

/// A decision's preamble line of another wording ("Sau khi xem xét …"):
/// a ground as written, and "QUYẾT ĐỊNH:" after it is not an article.
#[test]
fn a_decisions_preamble_line_of_another_wording() {
    let (_dir, yaml, k) = import_text(
        "qd.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 14/QĐ-UBND\nBình Thuận, ngày 12 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVề việc công nhận Điều lệ Quỹ Khuyến học tỉnh\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\nSau khi xem xét hồ sơ của Hội đồng quản lý Quỹ Khuyến học tỉnh ngày 18 tháng 02 năm 2025.\nQUYẾT ĐỊNH:\nĐiều 1. Công nhận Điều lệ Quỹ Khuyến học tỉnh.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\nĐiều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Minh\n",
    );
    let d = data_of(&k);
    assert_eq!(
        d["can_cu"][1],
        "Sau khi xem xét hồ sơ của Hội đồng quản lý Quỹ Khuyến học tỉnh ngày 18 tháng 02 năm 2025",
        "{}",
        k.yaml
    );
    assert_eq!(d["dieu"].as_sequence().unwrap().len(), 3, "{}", k.yaml);
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("Sau khi xem xét hồ sơ của Hội đồng quản lý Quỹ Khuyến học"), "{text}");
    assert!(!text.contains("Căn cứ Sau khi") && !text.contains("Điều 4."), "{text}");
}

/// A decision's preamble line that is not "Theo đề nghị của" ("Theo Đơn
/// đề nghị của …") is its proposal line as written, and "QUYẾT ĐỊNH:"
/// after it is not taken for an article.
#[test]
fn a_decisions_other_ground_is_its_proposal_line() {
    let (_dir, yaml, k) = import_text(
        "qd.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 779/QĐ-UBND\nLâm Đồng, ngày 12 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\nPhê duyệt Điều lệ Quỹ Khuyến học tỉnh\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nTheo Đơn đề nghị của Hội đồng quản lý Quỹ Khuyến học tỉnh ngày 02 tháng 3 năm 2026.\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Phê duyệt Điều lệ Quỹ Khuyến học tỉnh.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nĐiều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Minh\n",
    );
    let d = data_of(&k);
    assert_eq!(
        d["theo_de_nghi"],
        "Theo Đơn đề nghị của Hội đồng quản lý Quỹ Khuyến học tỉnh ngày 02 tháng 3 năm 2026",
        "{}",
        k.yaml
    );
    assert_eq!(d["dieu"].as_sequence().unwrap().len(), 3, "{}", k.yaml);
    // Nothing attached: Mẫu 1.2, whose trích yếu starts "Về việc".
    assert_eq!(d["trich_yeu"], "Về việc phê duyệt Điều lệ Quỹ Khuyến học tỉnh");
    let report = vanban::nhap::bao_cao(Path::new("qd.txt"), &yaml, &k);
    assert!(
        report.contains("trích yếu của quyết định (Mẫu 1.2) bắt đầu 'Về việc …': vanban ghi 'Về việc phê duyệt Điều lệ Quỹ Khuyến học tỉnh' (NĐ30, Phụ lục III, Mẫu 1.2)"),
        "{report}"
    );
    let text: String = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("Theo Đơn đề nghị của Hội đồng quản lý Quỹ Khuyến học tỉnh"), "{text}");
    assert!(!text.contains("Theo đề nghị của Theo"), "{text}");
    assert!(!text.contains("Điều 4."), "{text}");
}

/// Lines hard-wrapped where a word that may start a part of its own
/// begins the next line ("… tại khoản 3 của" / "Điều 3 của dự thảo", "(theo"
/// / "Phụ lục III)"), before a sum of money ("300.000.000 đồng"), a code
/// broken at its hyphen ("2769/UBND-" / "NCKSTTHC"), a code alone on its
/// line ("126/2024/NĐ-CP."); "Nơi nhận" with a stray letter before it.
#[test]
fn wrapped_lines_join_across_words_that_may_start_a_part() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("bao-cao-ngat-dong.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "bao-cao");
    let noi_dung = d["noi_dung"].as_sequence().unwrap();
    assert_eq!(noi_dung.len(), 4, "{}", k.yaml);
    assert_eq!(
        noi_dung[0],
        "Nội dung này, Ủy ban nhân dân tỉnh đã tiếp thu và chỉnh sửa tại khoản 3 của Điều 3 của dự thảo Nghị quyết, theo ý kiến của Sở Tư pháp tại văn bản số 2769/UBND-NCKSTTHC ngày 15 tháng 5 năm 2026 và quy định tại Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của Chính phủ."
    );
    assert_eq!(
        noi_dung[1],
        "Mức hỗ trợ đào tạo sau đại học theo đề xuất của Sở Tài chính cho trình độ Tiến sĩ 300.000.000 đồng/người, trình độ Thạc sĩ 200.000.000 đồng/người, thay cho mức hỗ trợ trước đây quy định tại Nghị quyết số 15/2021/NQ-HĐND và Nghị định số 126/2024/NĐ-CP."
    );
    // "… kinh tế" / "- xã hội của tỉnh": the hyphen of "kinh tế - xã hội".
    assert_eq!(
        noi_dung[2],
        "Chính sách góp phần phát triển nguồn nhân lực chất lượng cao phục vụ phát triển kinh tế - xã hội của tỉnh theo Nghị quyết của Tỉnh ủy."
    );
    assert!(noi_dung[3].as_str().unwrap().starts_with(
        "Người được hỗ trợ có bản cam kết phục vụ công tác tại các cơ quan, đơn vị (theo Phụ lục III) và nộp"
    ));
    assert!(d.get("phu_luc").is_none(), "{}", k.yaml);
    assert_eq!(d["noi_nhan"], serde_yaml::from_str::<Value>("['Như trên']").unwrap());
    assert_eq!(d["luu"], "VT, CCVC");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nông Văn Hùng");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// The parent agency's line set on the quốc hiệu's with a few typed
/// spaces, one piece to the reader: the agency is still read.
#[test]
fn an_agency_on_the_quoc_hieus_line() {
    let (_dir, _, k) = import_text(
        "bc.txt",
        "UBND TỈNH VĨNH LONG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ\nĐộc lập - Tự do - Hạnh phúc\nSố: 385/BC-SNV\nVĩnh Long, ngày 13 tháng 5 năm 2026\n\nBÁO CÁO\nTiếp thu ý kiến thẩm định\n\nSở Nội vụ báo cáo kết quả tiếp thu ý kiến thẩm định như sau./.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Thị Ngọc Giàu\n",
    );
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["chu_quan"], "UBND TỈNH VĨNH LONG", "{}", k.yaml);
    assert_eq!(d["co_quan"]["ban_hanh"], "SỞ NỘI VỤ");
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A draft with its day and month blank ("ngày … tháng … năm 2026"): both
/// stay blank, in the data (the year alone), the report and the PDF.
#[test]
fn a_blank_month_stays_blank() {
    let (dir, yaml, k) = import_text(
        "cv.txt",
        "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:      /SNV-TCBC\nV/v gia hạn thời gian tổ chức đại hội\nBình Thuận, ngày      tháng      năm 2026\n\nKính gửi: Hiệp hội Doanh nghiệp tỉnh\n\nSở Nội vụ đồng ý gia hạn thời gian tổ chức đại hội đến hết quý II năm 2026./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Minh\n",
    );
    let report = vanban::nhap::bao_cao(&dir.path().join("cv.txt"), &yaml, &k);
    assert!(
        report.contains("  ✓ địa danh, ngày tháng (dòng 6): Bình Thuận, ngày … tháng … năm 2026"),
        "{report}"
    );
    assert!(!report.contains("cần tháng"), "{report}");
    assert!(k.yaml.contains("ngay: '2026'  # ngày và tháng để trống như văn bản gốc"), "{}", k.yaml);
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
    let pages = common::pages_of(&yaml);
    let ngay = pages[0].line_starting("Bình Thuận, ngày").expect("the date line");
    let b = vanban::vi::BLANK;
    assert_eq!(ngay.text, format!("Bình Thuận, ngày {b} tháng {b} năm 2026"), "{:?}", ngay.text);
}

/// A Word draft with text boxes (`tools/docx-mau.py`): "DỰ THẢO" in one
/// at the top is the draft's mark, named in the report and not taken for
/// the agency; a note in another is kept once (Word writes each box twice,
/// as a drawing and as VML), as a paragraph with its comment.
#[test]
fn a_word_drafts_text_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("du-thao-o-chu.docx");
    let (yaml, k) = import(&source, dir.path());
    let d = data_of(&k);
    assert_eq!(d["co_quan"]["chu_quan"], "UBND TỈNH LẠNG SƠN");
    assert_eq!(d["co_quan"]["ban_hanh"], "SỞ NỘI VỤ");
    assert!(!k.yaml.contains("DỰ THẢO"), "{}", k.yaml);
    let note = "Ghi chú của chuyên viên: kèm hồ sơ đề nghị của Hiệp hội";
    assert_eq!(k.yaml.matches(note).count(), 1, "{}", k.yaml);
    assert!(
        k.yaml.contains("# vanban nhap: không xếp được vào phần nào của văn bản (đoạn 13)"),
        "{}",
        k.yaml
    );
    let report = vanban::nhap::bao_cao(&source, &yaml, &k);
    assert!(
        report
            .lines()
            .any(|l| l == "  ✓ dấu dự thảo (đoạn 2): DỰ THẢO (bản dự thảo; vanban không in dấu này)"),
        "{report}"
    );
    assert!(k.van_de.iter().all(|d| !d.is_error()), "{:?}", k.van_de);
}

/// A document with another document after its signature ("QUY ĐỊNH …
/// (Ban hành kèm theo Nghị quyết …)"), of a kind that attaches none: its
/// lines are not the signer's or Nơi nhận's; they stay, with their
/// comments, and the report tells them in one line past the first few.
#[test]
fn a_document_attached_after_another_kinds_signature() {
    let mut text = String::from(
        "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 45/TTr-SNV\nVĩnh Long, ngày 10 tháng 6 năm 2026\n\nTỜ TRÌNH\nVề dự thảo Quy định chính sách hỗ trợ đào tạo\n\nKính gửi: Ủy ban nhân dân tỉnh\n\nSở Nội vụ trình dự thảo Quy định kèm theo./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Thị Ngọc Giàu\n\nQUY ĐỊNH\nChính sách hỗ trợ đào tạo cán bộ, công chức\n(Ban hành kèm theo Nghị quyết số      /2026/NQ-HĐND)\n\n",
    );
    for i in 1..=9 {
        text.push_str(&format!("Điều {i}. Nội dung thứ {i} của Quy định.\n\n"));
    }
    let (dir, yaml, k) = import_text("to-trinh.txt", &text);
    let d = data_of(&k);
    assert_eq!(d["loai"], "to-trinh");
    assert_eq!(
        (d["nguoi_ky"]["chuc_vu"].as_str(), d["nguoi_ky"]["ho_ten"].as_str()),
        (Some("GIÁM ĐỐC"), Some("Nguyễn Thị Ngọc Giàu")),
        "{}",
        k.yaml
    );
    assert_eq!(d["noi_nhan"], serde_yaml::from_str::<Value>("['Như trên']").unwrap());
    assert!(k.yaml.contains("  - Điều 9. Nội dung thứ 9 của Quy định."), "{}", k.yaml);
    let report = vanban::nhap::bao_cao(&dir.path().join("to-trinh.txt"), &yaml, &k);
    assert!(report.contains("  ✗ không xếp được (dòng 22): QUY ĐỊNH\n"), "{report}");
    assert!(
        report.contains("  ✗ không xếp được: 9 đoạn nữa, đến dòng 42 ('Điều 9. Nội dung thứ 9 của Quy định.'), mỗi đoạn có chú thích trong tệp YAML\n"),
        "{report}"
    );
}

/// A regulation's article whose number is followed by a sentence of its
/// text, not a title: that sentence is its text, and the missing title is
/// asked for (the decree wants one), not made up from the sentence in bold.
#[test]
fn a_regulations_article_without_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let (_, k) = import(&fixture("quyet-dinh-quy-che-khong-tieu-de.txt"), dir.path());
    let d = data_of(&k);
    let dieu = &d["kem_theo"]["dieu"];
    assert_eq!(dieu[0]["tieu_de"], "Phạm vi điều chỉnh", "{}", k.yaml);
    assert_eq!(
        dieu[1],
        "Ban Tổ chức họp mỗi tháng một lần vào tuần đầu tiên của tháng để rà soát tiến độ và quyết định các việc cần làm./."
    );
    let loi: Vec<String> = k.van_de.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert_eq!(loi.len(), 1, "{loi:?}");
    assert!(
        loi[0].contains("trường 'kem_theo.dieu[1]': Điều 2 của văn bản kèm theo không có tiêu đề"),
        "{loi:?}"
    );
}

/// A number with a letter after it ("118a"): its ký hiệu kept, the number
/// left for the văn thư, and the data says why it is blank.
#[test]
fn a_number_with_a_letter() {
    let (_dir, _, k) = import_text(
        "bc.txt",
        "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:118a /BC-SNV\nVĩnh Long, ngày 10 tháng 02 năm 2026\n\nBÁO CÁO\nTổng hợp ý kiến góp ý\n\nSở Nội vụ tổng hợp các ý kiến góp ý như sau./.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Thị Ngọc Giàu\n",
    );
    let d = data_of(&k);
    assert_eq!(d["ky_hieu"], "BC-SNV");
    assert!(d.get("so").is_none(), "{}", k.yaml);
    assert!(
        k.yaml.contains(
            "# so: số '118a' trong văn bản gốc có chữ, không phải số Ả Rập: văn thư ghi số khi ban hành"
        ),
        "{}",
        k.yaml
    );
    assert!(
        k.van_de.iter().any(|d| d
            .to_string()
            .contains("số '118a' có chữ: số văn bản là số Ả Rập (NĐ30, Phụ lục I, II.3.a)")),
        "{:?}",
        k.van_de
    );
}

/// An attached charter under its own header (the agency again, the quốc
/// hiệu): its tên loại with a bracket after it ("ĐIỀU LỆ (SỬA ĐỔI, BỔ
/// SUNG)"), not the agency's second line; its trích yếu in capitals written
/// as the decision writes those words, proper names kept.
#[test]
fn an_attached_charter_under_its_own_header() {
    let (_dir, _, k) = import_text(
        "qd.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 779/QĐ-UBND\nLạng Sơn, ngày 23 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\nVề việc công nhận Điều lệ (sửa đổi, bổ sung) Quỹ Khuyến học tỉnh Lạng Sơn\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Công nhận Điều lệ (sửa đổi, bổ sung) Quỹ Khuyến học tỉnh Lạng Sơn kèm theo Quyết định này.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nĐiều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Minh\n\nỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)\nQUỸ KHUYẾN HỌC TỈNH LẠNG SƠN\n(Ban hành kèm theo Quyết định số 779/QĐ-UBND ngày 23 tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)\n\nĐiều 1. Tên gọi\nQuỹ Khuyến học tỉnh Lạng Sơn./.\n",
    );
    let d = data_of(&k);
    assert_eq!(d["kem_theo"]["ten_loai"], "ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)", "{}", k.yaml);
    assert_eq!(d["kem_theo"]["trich_yeu"], "Quỹ Khuyến học tỉnh Lạng Sơn");
    assert_eq!(d["kem_theo"]["dieu"][0]["tieu_de"], "Tên gọi");
}

/// A charter on its own (the attachment of a decision not in the file):
/// its "(Ban hành kèm theo …)" line has no signature before it, so it is
/// not another document after this one's; its text stays its body.
#[test]
fn a_charter_on_its_own_keeps_its_text_as_the_body() {
    let mut text = String::from(
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)\nHỘI KHUYẾN HỌC TỈNH LẠNG SƠN\n(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)\n\n",
    );
    for i in 1..=4 {
        text.push_str(&format!("Điều {i}. Nội dung thứ {i} của Điều lệ.\n\n"));
    }
    let (_dir, _, k) = import_text("dieu-le.txt", &text);
    assert!(!k.yaml.contains("không xếp được"), "{}", k.yaml);
    assert!(k.yaml.contains("  - Điều 4. Nội dung thứ 4 của Điều lệ."), "{}", k.yaml);
}

/// A long report in parts: "PHẦN THỨ NHẤT" and its title over two lines,
/// lettered groups "A.", "B." wrapped over two lines, the sections of each
/// numbered again from I.; the parts and groups keep their places, the
/// sections are not renumbered, and the part's label is reported as
/// written in the decree's form.
#[test]
fn a_report_in_parts_keeps_its_parts_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("bao-cao-cac-phan.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["loai"], "bao-cao");
    let body = &d["noi_dung"];
    assert_eq!(
        body[1]["phan"],
        "CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG ĐỐI VỚI CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC GIAI ĐOẠN 2021 - 2025"
    );
    assert_eq!(body[1]["noi_dung"][0]["muc"], "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN");
    assert_eq!(body[1]["noi_dung"][1]["noi_dung"][0]["muc"], "Về đào tạo");
    assert_eq!(body[2]["phan"], "TỔNG KẾT CÁC ĐỀ ÁN VỀ ĐÀO TẠO NHÂN LỰC Ở NƯỚC NGOÀI");
    let a = &body[2]["noi_dung"][0];
    assert_eq!(a["nhom"], "ĐỀ ÁN ĐÀO TẠO 50 CÁN BỘ KHOA HỌC, KỸ THUẬT Ở NƯỚC NGOÀI CÓ TRÌNH ĐỘ SAU ĐẠI HỌC");
    assert_eq!(a["noi_dung"][0]["muc"], "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN");
    assert_eq!(a["noi_dung"][1]["muc"], "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN");
    let b = &body[2]["noi_dung"][1];
    assert_eq!(b["nhom"], "ĐỀ ÁN ĐÀO TẠO NGUỒN NHÂN LỰC CÓ TRÌNH ĐỘ SAU ĐẠI HỌC");
    assert_eq!(b["noi_dung"][0]["noi_dung"][0], "Đề án được triển khai từ năm 2022 tại 8 đơn vị.");
    assert_eq!(body[3]["phan"], "BÀI HỌC KINH NGHIỆM");
    // A report's "Trong quá trình …" is not the plan's closing line: it
    // stays in its section.
    assert_eq!(
        body[3]["noi_dung"][0]["noi_dung"][1],
        "Trong quá trình thực hiện các chính sách thu hút, cần xem xét kỹ đối tượng được thu hút."
    );
    assert_eq!(body[4], "Trên đây là báo cáo tổng kết của Sở Nội vụ./.");
    let sua: Vec<String> = k.van_de.iter().map(|v| v.to_string()).collect();
    assert!(sua.iter().all(|s| !s.contains("đánh số lại")), "restarted numbers are not renumbered: {sua:#?}");
    assert!(
        sua.iter().any(|s| s.contains("\"PHẦN THỨ HAI\" viết thành \"Phần II\"") && s.contains("II.6.c")),
        "{sua:#?}"
    );
    // It builds, and the PDF shows the parts and the restarted numbers.
    let pages = common::pages_of(&yaml);
    let text = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for l in ["Phần I\nCÔNG TÁC ĐÀO TẠO", "Phần III\nBÀI HỌC KINH NGHIỆM", "B. ĐỀ ÁN ĐÀO TẠO NGUỒN NHÂN LỰC"]
    {
        assert!(text.contains(l), "{l:?} in\n{text}");
    }
    assert_eq!(text.matches("I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN").count(), 3, "{text}");
}

/// A decision drafted without its authority line and with its grounds
/// typed without "Căn cứ": the line is written from the signature and the
/// agency, "Căn cứ" is added, the proposal is the proposal, each said in
/// the report; the data builds.
#[test]
fn a_decision_without_its_authority_line() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("quyet-dinh-thieu-tham-quyen.txt"), dir.path());
    let d = data_of(&k);
    assert_eq!(d["tham_quyen"], "GIÁM ĐỐC SỞ NỘI VỤ");
    assert_eq!(d["theo_de_nghi"], "Chánh Văn phòng Sở");
    assert_eq!(d["can_cu"][0], "Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025");
    let sua: Vec<String> = k.van_de.iter().map(|v| v.to_string()).collect();
    assert!(sua.iter().any(|s| s.contains("trường 'tham_quyen': không thấy dòng thẩm quyền ban hành: vanban ghi 'GIÁM ĐỐC SỞ NỘI VỤ' theo chức vụ người ký và tên cơ quan (NĐ30, Phụ lục III, Mẫu 1.2, ghi chú 6); kiểm tra lại")), "{sua:#?}");
    assert!(sua.iter().any(|s| s.contains("căn cứ \"Nghị định số 101/2017/NĐ-CP ngày 01\" thiếu chữ \"Căn cứ\" ở đầu: vanban thêm vào (NĐ30, Phụ lục I, II.6.a)")), "{sua:#?}");
    assert!(k.van_de.iter().all(|v| !v.is_error()), "{sua:#?}");
    // Any ground named bare, as vanban prints "Căn cứ" before it.
    assert!(
        sua.iter()
            .any(|s| s.contains("căn cứ \"Kế hoạch số 15/KH-UBND ngày 10\" thiếu chữ \"Căn cứ\" ở đầu")),
        "{sua:#?}"
    );
    let text = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for l in [
        "GIÁM ĐỐC SỞ NỘI VỤ",
        "Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;",
        "Căn cứ Kế hoạch số 15/KH-UBND",
        "Theo đề nghị của Chánh Văn phòng Sở.",
    ] {
        assert!(text.contains(l), "{l:?} in\n{text}");
    }
}

/// Text saved from a PDF with one blank line (a space on it) between the
/// blocks and none inside them: a blank line there ends a block, so the
/// trích yếu does not run into the first paragraph, and the date line
/// standing between blanks is found.
#[test]
fn one_blank_line_between_blocks_ends_each_block() {
    let text = "UBND TỈNH LẠNG SƠN \nSỞ NỘI VỤ \n \nSố:            /BC-SNV \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n \nLạng Sơn, ngày 10 tháng 02 năm 2026 \n \nBÁO CÁO \nTổng hợp ý kiến góp ý đối với dự thảo Nghị quyết quy định chính sách hỗ trợ \nđào tạo cán bộ, công chức (lần 1) \n \nCăn cứ Quyết định số 44/QĐ-HĐND ngày 27 tháng 10 năm 2025 của Hội đồng \nnhân dân tỉnh về Danh mục Nghị quyết năm 2026; \nSở Nội vụ đã tổng hợp được 50 ý kiến thống nhất với dự thảo, cụ thể như sau: \n \n";
    // The comments' table copied as text: short lines, one per cell.
    let mut text = text.to_owned();
    for i in 1..=20 {
        text.push_str(&format!(
            "{i} \nSở Xây dựng \nĐề nghị điều chỉnh \nthành: hoàn thành khóa học \nvà được cấp bằng; \nKhông tiếp thu do quy \nđịnh về đào tạo sau \nđại học hiện hành \n"
        ));
    }
    text.push_str(" \nNơi nhận: \n- UBND tỉnh; \n- Lưu: VT, VP. \nGIÁM ĐỐC \nHoàng Văn Nam \n");
    let (_dir, _, k) = import_text("bao-cao.txt", &text);
    let d = data_of(&k);
    assert_eq!(
        d["trich_yeu"],
        "Tổng hợp ý kiến góp ý đối với dự thảo Nghị quyết quy định chính sách hỗ trợ đào tạo cán bộ, công chức (lần 1)"
    );
    assert_eq!(d["dia_danh"], "Lạng Sơn");
    assert_eq!(d["ngay"], "10/2/2026");
    assert_eq!(
        d["noi_dung"][0],
        "Căn cứ Quyết định số 44/QĐ-HĐND ngày 27 tháng 10 năm 2025 của Hội đồng nhân dân tỉnh về Danh mục Nghị quyết năm 2026;"
    );
    assert!(k.van_de.iter().all(|v| !v.is_error()), "{:?}", k.van_de);
}

/// The end of a report saved as text: the Lưu line with the signer's title
/// run into it after its full stop, a signature image's letters ("DDD(9")
/// between the title and the name, and a footnote under the name.
/// The Lưu line ends at its stop (the rest reported), the footnote is not
/// its continuation: it is kept as a part the import could not place.
#[test]
fn the_luu_line_ends_at_its_stop_and_before_the_signature() {
    let text = "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-SNV\nLạng Sơn, ngày 10 tháng 02 năm 2026\nBÁO CÁO\nKết quả góp ý dự thảo Nghị quyết\n\nSở Nội vụ đã nhận được ý kiến của 12 xã3 về dự thảo.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT, P. KHTC, XD.  PHÓ GIÁ\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n DDD(9\nNguyễn Thị Lan\n\n3 UBND các xã: Chi Lăng, Đồng Đăng, Hữu Lũng\n";
    let (_dir, yaml, k) = import_text("bao-cao.txt", text);
    let d = data_of(&k);
    assert_eq!(d["luu"], "VT, P. KHTC, XD");
    assert_eq!(d["nguoi_ky"]["ho_ten"], "Nguyễn Thị Lan");
    // A signature image's letters read as text are no part of the title.
    assert_eq!(d["nguoi_ky"]["chuc_vu"], "PHÓ GIÁM ĐỐC");
    assert!(k.yaml.contains("  - DDD(9\n"), "kept as a part not placed: {}", k.yaml);
    let sua: Vec<String> = k.van_de.iter().map(|v| v.to_string()).collect();
    assert!(
        sua.iter().any(|s| s.contains("dòng Lưu kết thúc ở dấu chấm: 'PHÓ GIÁ' sau đó không thuộc dòng Lưu")),
        "{sua:#?}"
    );
    assert!(k.yaml.contains("UBND các xã: Chi Lăng, Đồng Đăng, Hữu Lũng"), "{}", k.yaml);
    assert!(!d["luu"].as_str().unwrap().contains("UBND"));
    assert!(common::pages_of(&yaml).iter().any(|p| p.text().contains("Hữu Lũng")));
}

/// A bracket the source leaves open ("(bao gồm: …" never closed) does not
/// pull the next paragraph, indented after a full stop, into its own.
#[test]
fn a_bracket_left_open_stops_at_a_new_paragraph() {
    let text = "SỞ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-SXD\nLạng Sơn, ngày 10 tháng 02 năm 2026\nBÁO CÁO\nTiến độ các công trình thoát nước\n\n       Sở Xây dựng triển khai các công trình gồm: cải tạo kênh, đầu tư hồ (bao gồm:\nhồ Phú Đô tại phường Đông Kinh; hồ Yên Nghĩa tại xã Chi Lăng.\n       Chủ đầu tư phải bảo đảm các hạng mục chính hoàn thành trước ngày\n30/4/2026.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn An\n";
    let (_dir, _, k) = import_text("bao-cao.txt", text);
    let d = data_of(&k);
    assert_eq!(
        d["noi_dung"][1], "Chủ đầu tư phải bảo đảm các hạng mục chính hoàn thành trước ngày 30/4/2026./.",
        "{}",
        k.yaml
    );
}

/// "- Lưu VT, VP." without its colon (as a Party document writes it): the
/// line is the Lưu line, the colon reported as put back.
#[test]
fn a_luu_line_without_its_colon() {
    let text = "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/TB-SNV\nLạng Sơn, ngày 10 tháng 02 năm 2026\nTHÔNG BÁO\nLịch tiếp công dân tháng 3 năm 2026\n\nSở Nội vụ thông báo lịch tiếp công dân vào thứ Năm hằng tuần.\n\nNơi nhận:\n- Các phòng thuộc Sở;\n- Lưu VT, VP.\nGIÁM ĐỐC\nNguyễn Văn An\n";
    let (_dir, _, k) = import_text("thong-bao.txt", text);
    assert_eq!(data_of(&k)["luu"], "VT, VP");
    let sua: Vec<String> = k.van_de.iter().map(|v| v.to_string()).collect();
    assert!(
        sua.iter().any(|s| s.contains("dòng Lưu viết \"- Lưu: VT, VP\", có dấu hai chấm (NĐ30, Phụ lục I, II.9.d)")),
        "{sua:#?}"
    );
}

/// A Tờ trình quoting its draft's khoản ("1. … 2. …" and their points)
/// under its own "1." and "2.1.": the quoted numbers, starting again at 1,
/// stay its text as written; the document's own sections keep theirs, and
/// nothing is reported as renumbered.
#[test]
fn a_list_quoted_in_a_section_keeps_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, k) = import(&fixture("to-trinh-trich-dan.txt"), dir.path());
    let tree: Vec<(Vec<usize>, String)> = tree_of(&k.yaml);
    let own: Vec<(Vec<usize>, &str)> = tree.iter().map(|(p, t)| (p.clone(), t.as_str())).collect();
    assert_eq!(
        own,
        [
            (vec![1], "SỰ CẦN THIẾT BAN HÀNH"),
            (vec![2], "BỐ CỤC VÀ NỘI DUNG CỦA DỰ THẢO"),
            (vec![2, 1], "Phạm vi điều chỉnh"),
            (vec![2, 2], "Nội dung cơ bản"),
            (vec![2, 2, 1], "Chính sách hỗ trợ đào tạo"),
            (vec![2, 2, 2], "Chính sách thu hút"),
            (vec![2, 3], "Nguồn kinh phí"),
        ]
    );
    let sua: Vec<String> = k.van_de.iter().map(|v| v.to_string()).collect();
    assert!(sua.iter().all(|s| !s.contains("đánh số lại")), "{sua:#?}");
    let text = common::pages_of(&yaml).iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for l in [
        "1. Chính sách hỗ trợ đào tạo sau đại học đối với cán bộ, công chức.",
        "2. Mức hỗ trợ",
        "a) Tiến sĩ: 140.000.000 đồng;",
        "2.2. Chính sách thu hút",
        "3. Nguồn kinh phí",
    ] {
        assert!(text.contains(l), "{l:?} in\n{text}");
    }
}

/// A lone "1." mistyped for "2." (the next section is "3.") is the
/// document's own section, renumbered and reported, not a quoted list.
#[test]
fn a_mistyped_one_is_a_section_renumbered() {
    let text = "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 15/BC-SNV\nLạng Sơn, ngày 05 tháng 12 năm 2026\nBÁO CÁO\nKết quả đào tạo năm 2026\n\nI. KẾT QUẢ\n1. Tình hình triển khai\nĐã triển khai tại 12 đơn vị.\n1. Kết quả thực hiện\nĐã đào tạo 120 lượt cán bộ.\n3. Kinh phí\nĐã sử dụng 2 tỷ đồng.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn An\n";
    let (_dir, _, k) = import_text("bao-cao.txt", text);
    let own: Vec<(Vec<usize>, String)> = tree_of(&k.yaml);
    assert_eq!(
        own,
        [
            (vec![1], "KẾT QUẢ".to_owned()),
            (vec![1, 1], "Tình hình triển khai".to_owned()),
            (vec![1, 2], "Kết quả thực hiện".to_owned()),
            (vec![1, 3], "Kinh phí".to_owned()),
        ]
    );
    assert!(
        k.van_de.iter().any(|v| v.to_string().contains("số thứ tự mục không liên tục: vanban đánh số lại"))
    );
}
