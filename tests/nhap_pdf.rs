//! `vanban nhap` reading a PDF: documents vanban writes, read back into
//! their pieces (the header's and footer's columns, paragraphs re-joined
//! across lines, headings, the phụ lục's ruled table), and files that are
//! not readable PDFs refused with the clerk's message, never a panic.

mod common;

use std::path::Path;

use common::*;
use vanban::nhap::nguon::{Cot, Doan, Khoi};

/// An example document rendered by vanban, read back.
fn doc_lai(ten: &str) -> Vec<Khoi> {
    let (bytes, _) = engine().pdf(&example(ten)).unwrap_or_else(|e| panic!("{ten}: {e}"));
    vanban::nhap::doc_nguon(Path::new("van-ban.pdf"), &bytes).unwrap_or_else(|e| panic!("{ten}: {e}"))
}

fn doan(khoi: &[Khoi]) -> Vec<&Doan> {
    khoi.iter().filter_map(|k| if let Khoi::Doan(d) = k { Some(d) } else { None }).collect()
}

/// The piece whose text is `chu`, exactly.
fn manh<'a>(khoi: &'a [Khoi], chu: &str) -> &'a Doan {
    doan(khoi).into_iter().find(|d| d.chu == chu).unwrap_or_else(|| {
        panic!("no piece {chu:?} in {:#?}", doan(khoi).iter().map(|d| &d.chu).collect::<Vec<_>>())
    })
}

fn loi(ten: &str, bytes: &[u8]) -> String {
    match vanban::nhap::doc_nguon(Path::new(ten), bytes) {
        Ok(k) => panic!("{ten} read as {k:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn ke_hoach_header_title_body_footer() {
    let k = doc_lai("ke-hoach.yaml");
    assert_eq!(manh(&k, "SỞ DÂN TỘC VÀ TÔN GIÁO").cot, Cot::Trai);
    assert_eq!(manh(&k, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").cot, Cot::Phai);
    assert_eq!(manh(&k, "Độc lập - Tự do - Hạnh phúc").cot, Cot::Phai);
    // The blank left for the number (no-break spaces) is one space; the
    // day's blank in the date is a gap kept as a tab.
    assert_eq!(manh(&k, "Số: /KH-SDTTG").cot, Cot::Trai);
    assert_eq!(manh(&k, "Lạng Sơn, ngày\ttháng 4 năm 2025").cot, Cot::Phai);
    let tieu_de = manh(&k, "KẾ HOẠCH");
    assert!(tieu_de.kieu.giua && !tieu_de.kieu.thut && tieu_de.cot == Cot::Mot);
    // The trích yếu's two lines, one piece, centred.
    let trich_yeu = manh(
        &k,
        "Thực hiện dự án 8 - Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em năm 2025",
    );
    assert!(trich_yeu.kieu.giua);
    // The first paragraph, eleven lines in the PDF, whole, as the YAML has it.
    let yaml = std::fs::read_to_string(example("ke-hoach.yaml")).unwrap();
    let can_cu = doan(&k).into_iter().find(|d| d.chu.starts_with("Căn cứ Kế hoạch số 89")).expect("Căn cứ");
    assert!(yaml.contains(&format!("'{}'", can_cu.chu)), "{:?}", can_cu.chu);
    assert!(can_cu.chu.ends_with("xây dựng kế hoạch thực hiện dự án 8 như sau:"));
    assert!(can_cu.kieu.thut && !can_cu.kieu.giua);
    assert_eq!((can_cu.noi.trang, can_cu.noi.so), (Some(1), 7));
    for h in [
        "I. MỤC ĐÍCH YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NỘI DUNG, HÌNH THỨC, THỜI GIAN, ĐỊA ĐIỂM THỰC HIỆN",
    ] {
        assert_eq!(manh(&k, h).cot, Cot::Mot, "{h}");
    }
    // The footer: the list on the left, the signer on the right.
    for n in ["Nơi nhận:", "- Hội Liên hiệp phụ nữ tỉnh (p/h);", "- UBND các huyện;", "- Lưu: VT."]
    {
        assert_eq!(manh(&k, n).cot, Cot::Trai, "{n}");
    }
    assert_eq!(manh(&k, "GIÁM ĐỐC").cot, Cot::Phai);
    assert_eq!(manh(&k, "Phạm Đức Huân").cot, Cot::Phai);
    // No running page number; a break between each of the five pages; no
    // piece that starts in lower case (a line left off its paragraph).
    assert!(doan(&k).iter().all(|d| d.chu.parse::<u32>().is_err()), "a page number kept");
    assert_eq!(k.iter().filter(|k| matches!(k, Khoi::NgatTrang)).count(), 4);
    assert!(doan(&k).iter().all(|d| !d.chu.starts_with(char::is_lowercase)));
    assert!(doan(&k).iter().all(|d| !d.chu.contains("  ")));
}

#[test]
fn ke_hoach_phu_luc_table() {
    let k = doc_lai("ke-hoach.yaml");
    let bang: Vec<_> = k.iter().filter_map(|k| if let Khoi::Bang(b) = k { Some(b) } else { None }).collect();
    assert_eq!(bang.len(), 1);
    let b = bang[0];
    assert_eq!(b.noi.trang, Some(5));
    assert_eq!(b.so_dong_tieu_de, 1);
    assert_eq!(
        b.dong[0],
        ["STT", "Huyện/thành phố", "Chương trình 2 (cán bộ huyện, xã)", "Chương trình 3 (cộng đồng)", "Tổng"]
    );
    assert_eq!(b.dong[2], ["2", "Tràng Định", "18", "40", "58"]);
    assert_eq!(b.dong.len(), 13);
    assert_eq!(b.dong[12][2..], ["160", "320", "480"]);
    // The cells' text is not also read as lines.
    assert!(doan(&k).iter().all(|d| !d.chu.contains("Tràng Định")));
    // The table comes after the phụ lục's title.
    let i_bang = k.iter().position(|x| matches!(x, Khoi::Bang(_))).unwrap();
    let i_tieu_de = k.iter().position(|x| matches!(x, Khoi::Doan(d) if d.chu == "Phụ lục")).unwrap();
    assert!(i_tieu_de < i_bang);
    assert!(manh(&k, "Phụ lục").kieu.giua);
    assert!(manh(&k, "PHÂN BỔ SỐ LƯỢNG HỌC VIÊN CÁC LỚP TẬP HUẤN NĂM 2025").kieu.giua);
}

#[test]
fn quyet_dinh_key_points() {
    let k = doc_lai("quyet-dinh.yaml");
    assert_eq!(manh(&k, "UBND TỈNH LẠNG SƠN").cot, Cot::Trai);
    assert_eq!(manh(&k, "SỞ DÂN TỘC VÀ TÔN GIÁO").cot, Cot::Trai);
    assert_eq!(manh(&k, "Số: /QĐ-SDTTG").cot, Cot::Trai);
    assert!(manh(&k, "QUYẾT ĐỊNH").kieu.giua);
    assert!(manh(&k, "QUYẾT ĐỊNH:").kieu.giua);
    assert!(manh(&k, "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO").kieu.giua);
    let dieu_1 = manh(
        &k,
        "Điều 1. Thành lập Ban Tổ chức các lớp tập huấn thực hiện Dự án 8 năm 2025, gồm các ông, bà có tên sau",
    );
    assert!(dieu_1.kieu.thut && !dieu_1.kieu.giua);
    let dieu_3 = doan(&k).into_iter().find(|d| d.chu.starts_with("Điều 3.")).unwrap();
    assert_eq!(dieu_3.noi.trang, Some(2));
    assert_eq!(manh(&k, "KT. GIÁM ĐỐC").cot, Cot::Phai);
    assert_eq!(manh(&k, "PHÓ GIÁM ĐỐC").cot, Cot::Phai);
    assert_eq!(manh(&k, "Hoàng Thị Thu Hà").cot, Cot::Phai);
    assert_eq!(manh(&k, "- Như Điều 4;").cot, Cot::Trai);
}

#[test]
fn cong_van_key_points() {
    let k = doc_lai("cong-van.yaml");
    assert_eq!(manh(&k, "Số: 125/SDTTG-PCS").cot, Cot::Trai);
    assert_eq!(manh(&k, "Lạng Sơn, ngày 20 tháng 5 năm 2025").cot, Cot::Phai);
    // The trích yếu, three lines centred under the number, one piece.
    assert_eq!(
        manh(&k, "V/v đề nghị gửi danh sách học viên tham dự các lớp tập huấn Dự án 8 năm 2025").cot,
        Cot::Trai
    );
    assert_eq!(manh(&k, "- Ủy ban nhân dân huyện Tràng Định;").cot, Cot::Mot);
    assert_eq!(manh(&k, "- Giám đốc Sở (b/c);").cot, Cot::Trai);
    assert_eq!(manh(&k, "Hoàng Thị Thu Hà").cot, Cot::Phai);
}

#[test]
fn not_a_readable_pdf() {
    assert_eq!(
        loi("rac.pdf", b"this is not a PDF at all, just some bytes\n"),
        "rac.pdf: lỗi: không đọc được tệp PDF: tệp không phải PDF (không có dấu %PDF ở đầu)"
    );
    let (bytes, _) = engine().pdf(&example("cong-van.yaml")).unwrap();
    let hong = |ten: &str| {
        format!("{ten}: lỗi: không đọc được tệp PDF: tệp hỏng hoặc không đầy đủ (chép hoặc tải lại tệp gốc)")
    };
    // Cut short: half of it, its first 200 bytes; only the header line.
    assert_eq!(loi("cut.pdf", &bytes[..bytes.len() / 2]), hong("cut.pdf"));
    assert_eq!(loi("cut.pdf", &bytes[..200]), hong("cut.pdf"));
    assert_eq!(loi("rong.pdf", b"%PDF-1.7\n"), hong("rong.pdf"));
    // The cross-reference table's offsets pointing into garbage.
    let mut bad = bytes.clone();
    let n = bad.len();
    for b in &mut bad[n / 3..n - 200] {
        *b = b'#';
    }
    let msg = loi("bad.pdf", &bad);
    assert!(msg.starts_with("bad.pdf: lỗi: không đọc được tệp PDF"), "{msg}");
}

/// A page with a drawing and no text, as a scanner's PDF has (an image
/// there; a filled rectangle here).
fn pdf_khong_chu() -> Vec<u8> {
    pdf_mot_trang(true)
}

/// A one-page PDF with a drawing and no text; `media_box`: false leaves the
/// page without one (a required entry), which pdf-extract panics on.
fn pdf_mot_trang(media_box: bool) -> Vec<u8> {
    use lopdf::{Document, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 0 rg 50 50 200 300 re f".to_vec()));
    let mut page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content };
    if media_box {
        page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    }
    let page = doc.add_object(page);
    luu_trang(doc, pages_id, vec![page.into()])
}

/// The file of `doc` with its pages `kids` under the page tree `pages_id`.
fn luu_trang(mut doc: lopdf::Document, pages_id: lopdf::ObjectId, kids: Vec<lopdf::Object>) -> Vec<u8> {
    use lopdf::{Object, dictionary};
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn no_text_layer() {
    assert_eq!(
        loi("quet.pdf", &pdf_khong_chu()),
        "quet.pdf: lỗi: tệp PDF không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR) trước"
    );
}

#[test]
fn a_panic_in_the_reader_is_an_error() {
    assert_eq!(
        loi("la.pdf", &pdf_mot_trang(false)),
        "la.pdf: lỗi: không đọc được tệp PDF: tệp hỏng hoặc có cấu trúc lạ"
    );
}

#[test]
fn paragraphs_joined_across_pages() {
    let cau =
        "các cơ quan, đơn vị phối hợp chặt chẽ, bảo đảm tiến độ, chất lượng và hiệu quả của từng hoạt động";
    let doan_van: Vec<String> =
        (1..=14).map(|i| format!("Nội dung thứ {i}: {cau}; {cau}; {cau}; {cau}; {cau}.")).collect();
    let body = format!("noi_dung:\n{}", doan_van.iter().map(|d| format!("  - '{d}'\n")).collect::<String>());
    let dir = folder(&[("ke-hoach.yaml", &plan_yaml(&body))]);
    let (bytes, trang) = engine().pdf(&dir.path().join("ke-hoach.yaml")).unwrap();
    assert!(trang >= 3, "{trang} pages");
    let k = vanban::nhap::doc_nguon(Path::new("ke-hoach.pdf"), &bytes).unwrap();
    let doc = doan(&k);
    for (i, d) in doan_van.iter().enumerate() {
        // vanban ends the body with "./.".
        let d = if i == doan_van.len() - 1 { format!("{d}/.") } else { d.clone() };
        assert!(
            doc.iter().any(|p| p.chu == d),
            "not whole: {d}\n{:#?}",
            doc.iter().map(|d| &d.chu).collect::<Vec<_>>()
        );
    }
    // Some paragraph starts on one page and ends on the next: the page break
    // comes after it.
    let qua_trang = k.windows(2).any(|w| {
        matches!((&w[0], &w[1]), (Khoi::Doan(d), Khoi::NgatTrang) if doan_van.contains(&d.chu) && !d.chu.is_empty())
    });
    assert!(qua_trang);
}

/// The example plan, unnumbered and its day blank, as an e-signing system
/// leaves it once the văn thư has stamped the number and the day: each an
/// annotation (a signature field, /Widget) whose appearance draws a form
/// that draws the text, set in the blank; a hidden one that must not be
/// read; and the signature's stamp ("Ky boi: …").
fn ke_hoach_dong_so() -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
    let (pdf, _) = engine().pdf(&example("ke-hoach.yaml")).unwrap();
    let mut doc = Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let helv = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let so = |v: f64| Object::Real(v as f32);
    let mut annots = Vec::new();
    // (text, size, the rectangle's left, bottom, width, hidden); the
    // number's and the day's baselines are the line's (728.65 from the foot).
    for (text, size, x, y, w, an) in [
        ("89", 11.0, 144.0, 725.0, 16.0, false),
        ("05", 12.0, 404.0, 725.0, 16.0, false),
        ("999", 11.0, 60.0, 400.0, 30.0, true),
        ("Ky boi: SO NOI VU", 9.0, 330.0, 300.0, 120.0, false),
    ] {
        let bbox = vec![so(0.0), so(0.0), so(w), so(16.0)];
        let fonts: Dictionary = dictionary! { "F1" => helv };
        let inner = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => bbox.clone(), "Resources" => dictionary! { "Font" => fonts } },
            format!("BT /F1 {size} Tf 1 3.65 Td ({text}) Tj ET").into_bytes(),
        ));
        let outer: ObjectId = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => bbox, "Resources" => dictionary! { "XObject" => dictionary! { "FRM" => inner } } },
            b"q 1 0 0 1 0 0 cm /FRM Do Q".to_vec(),
        ));
        annots.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
            "Rect" => vec![so(x), so(y), so(x + w), so(y + 16.0)],
            "F" => if an { 2 } else { 132 },
            "AP" => dictionary! { "N" => outer },
        })));
    }
    doc.get_object_mut(page).and_then(Object::as_dict_mut).unwrap().set("Annots", annots);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The number and the day an e-signing system stamps as annotations are
/// the document's: read in their blanks, not reported as blank; a hidden
/// annotation is not read; the signature's stamp is named in the report,
/// not kept as the document's text.
#[test]
fn the_number_and_day_stamped_by_e_signing_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ke-hoach-da-ky.pdf");
    let bytes = ke_hoach_dong_so();
    std::fs::write(&source, &bytes).unwrap();
    let out = dir.path().join("ke-hoach-da-ky.yaml");
    let k = vanban::nhap::nhap(&source, &bytes, &out).unwrap();
    let d: serde_yaml::Value = serde_yaml::from_str(&k.yaml).unwrap();
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(89), Some("KH-SDTTG")), "{}", k.yaml);
    assert_eq!(d["ngay"], "05/4/2025", "{}", k.yaml);
    assert!(!k.yaml.contains("999") && !k.yaml.contains("Ky boi"), "{}", k.yaml);
    // The stamp lay over a line of the plan's aims: that paragraph is whole.
    assert!(k.yaml.contains("trong hệ thống chính trị, già làng, trưởng bản"), "{}", k.yaml);
    std::fs::write(&out, &k.yaml).unwrap();
    let report = vanban::nhap::bao_cao(&source, &out, &k);
    assert!(report.contains("  ✓ số, ký hiệu (trang 1, dòng 3): 89/KH-SDTTG"), "{report}");
    assert!(report.contains("Lạng Sơn, ngày 05 tháng 4 năm 2025"), "{report}");
    assert!(
        report.contains("✓ chữ ký số")
            && report.contains("Ky boi: SO NOI VU (thông tin ký số, vanban không in lại)"),
        "{report}"
    );
    // The same file without its annotations reads as before: unnumbered.
    let (plain, _) = engine().pdf(&example("ke-hoach.yaml")).unwrap();
    let k = vanban::nhap::nhap(&source, &plain, &out).unwrap();
    assert!(k.yaml.contains("# so: số để trống như văn bản gốc"), "{}", k.yaml);
}

/// A scan whose only text is a stamp's line is refused as a scan.
#[test]
fn a_scan_with_only_a_stamp_is_refused() {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::load_mem(&pdf_khong_chu()).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let helv =
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let stamp = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 9 Tf 400 800 Td (SAO Y; SO NOI VU; 19/05/2026; 14:42:19; +07:00) Tj ET".to_vec(),
    ));
    let d = doc.get_object_mut(page).and_then(Object::as_dict_mut).unwrap();
    let old = d.get(b"Contents").unwrap().clone();
    d.set("Contents", vec![old, Object::Reference(stamp)]);
    d.set("Resources", dictionary! { "Font" => dictionary! { "F1" => helv } });
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    assert_eq!(
        loi("sao-y.pdf", &out),
        "sao-y.pdf: lỗi: tệp PDF gần như không có lớp chữ (39 chữ, có lẽ chỉ là dấu hoặc chữ ký số trên bản quét): cần nhận dạng chữ (OCR) trước"
    );
}

/// The unnumbered plan as a signing system leaves it in place: the original
/// file, then an update appended to it (PDF 32000-1, 7.5.6) as Word's and
/// signing tools' "hybrid" files write one: a classic cross-reference
/// table for the new objects, whose trailer's /XRefStm names a
/// cross-reference stream for the page object, now with the number's and
/// the day's annotations, inside an object stream (7.5.8.4).
fn ke_hoach_cap_nhat() -> Vec<u8> {
    let (goc, _) = engine().pdf(&example("ke-hoach.yaml")).unwrap();
    let doc = lopdf::Document::load_mem(&goc).unwrap();
    let page = doc.get_pages()[&1].0;
    let root = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).unwrap().0;
    let mut id = doc.max_id + 1;
    let text = String::from_utf8_lossy(&goc).into_owned();
    let prev: usize =
        text.rsplit("startxref").next().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    // The page object as the file has it.
    let dau = text.find(&format!("\n{page} 0 obj")).unwrap() + format!("\n{page} 0 obj").len();
    let trang = text[dau..dau + text[dau..].find("endobj").unwrap()].trim().to_owned();
    let mut out = goc.clone();
    // (object, its offset) of the objects written plainly.
    let mut bang: Vec<(u32, usize)> = Vec::new();
    let mut them = |out: &mut Vec<u8>, bang: &mut Vec<(u32, usize)>, body: String| {
        let n = id;
        id += 1;
        bang.push((n, out.len()));
        out.extend(format!("{n} 0 obj\n{body}\nendobj\n").into_bytes());
        n
    };
    let luong = |dict: &str, data: &[u8]| {
        let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        v.extend(data);
        v.extend(b"\nendstream");
        String::from_utf8(v).unwrap()
    };
    let font = them(
        &mut out,
        &mut bang,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    let mut annots = Vec::new();
    for (chu, co, x) in [("89", 11, 144), ("05", 12, 404)] {
        let trong = them(
            &mut out,
            &mut bang,
            luong(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 16 16] /Resources << /Font << /F1 {font} 0 R >> >>"
                ),
                format!("BT /F1 {co} Tf 1 3.65 Td ({chu}) Tj ET").as_bytes(),
            ),
        );
        let ngoai = them(
            &mut out,
            &mut bang,
            luong(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 16 16] /Resources << /XObject << /FRM {trong} 0 R >> >>"
                ),
                b"q 1 0 0 1 0 0 cm /FRM Do Q",
            ),
        );
        annots.push(them(&mut out, &mut bang, format!("<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [{x} 725 {} 741] /F 132 /AP << /N {ngoai} 0 R >> >>", x + 16)));
    }
    // The page again, with its annotations, in an object stream; a
    // cross-reference stream says where.
    let annots: String = annots.iter().map(|a| format!("{a} 0 R ")).collect();
    let trang = format!("{} /Annots [{annots}] >>", trang.trim_end().strip_suffix(">>").unwrap());
    let dau_so = format!("{page} 0 ");
    let objstm = them(
        &mut out,
        &mut bang,
        luong(&format!("/Type /ObjStm /N 1 /First {}", dau_so.len()), format!("{dau_so}{trang}").as_bytes()),
    );
    let mut data = vec![2u8];
    data.extend(objstm.to_be_bytes());
    data.extend(0u16.to_be_bytes());
    let xrefstm_at = out.len();
    let xrefstm = them(
        &mut out,
        &mut bang,
        luong(&format!("/Type /XRef /Size {} /W [1 4 2] /Index [{page} 1]", objstm + 2), &data),
    );
    // The classic table of the plain objects, its trailer naming the stream.
    let xref_at = out.len();
    let mut xref = String::from("xref\n");
    for (n, at) in &bang {
        xref.push_str(&format!("{n} 1\n{at:010} 00000 n\r\n"));
    }
    out.extend(xref.into_bytes());
    out.extend(
        format!("trailer\n<< /Size {} /Root {root} 0 R /Prev {prev} /XRefStm {xrefstm_at} >>\nstartxref\n{xref_at}\n%%EOF\n", xrefstm + 1)
            .into_bytes(),
    );
    out
}

/// Signed and numbered as an update appended to the file, the page object
/// again in an object stream (as e-signing systems write it): the number
/// and the day are read from that last version.
#[test]
fn the_number_stamped_in_an_update_to_the_file_is_read() {
    let bytes = ke_hoach_cap_nhat();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ke-hoach-cap-nhat.pdf");
    let out = dir.path().join("ke-hoach-cap-nhat.yaml");
    let k = vanban::nhap::nhap(&source, &bytes, &out).unwrap();
    let d: serde_yaml::Value = serde_yaml::from_str(&k.yaml).unwrap();
    assert_eq!((d["so"].as_u64(), d["ky_hieu"].as_str()), (Some(89), Some("KH-SDTTG")), "{}", k.yaml);
    assert_eq!(d["ngay"], "05/4/2025", "{}", k.yaml);
}

/// A table over pages as Word saves one to PDF: its borders are thin
/// rectangles filled with the even-odd rule (`re f*`), the header row
/// repeated on each page. `xs`: the column rules; each page: its row rules
/// (PDF space, y up) and its rows' cells, a cell's lines split at "\n".
fn bang_kieu_word(xs: &[f64], trang: &[(Vec<f64>, Vec<Vec<&str>>)]) -> Vec<u8> {
    bang_kieu_word_ve(xs, trang, &[])
}

/// As [`bang_kieu_word`], page `i` also drawing `them[i]`.
fn bang_kieu_word_ve(xs: &[f64], trang: &[(Vec<f64>, Vec<Vec<&str>>)], them: &[&str]) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let helv =
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let mut kids = Vec::new();
    let (trai, phai) = (xs[0], xs[xs.len() - 1]);
    for (n, (ys, rows)) in trang.iter().enumerate() {
        let mut c = String::from(them.get(n).copied().unwrap_or(""));
        if n == 0 {
            c.push_str("BT /F1 12 Tf 60 790 Td (Report of the comments received on the draft) Tj ET\n");
        }
        for (r, cells) in rows.iter().enumerate() {
            for (k, cell) in cells.iter().enumerate() {
                for (i, dong) in cell.split('\n').filter(|d| !d.is_empty()).enumerate() {
                    let y = ys[r] - 14.0 - 13.0 * i as f64;
                    c.push_str(&format!("BT /F1 11 Tf {} {y} Td ({dong}) Tj ET\n", xs[k] + 4.0));
                }
            }
        }
        let (tren, duoi) = (ys[0], ys[ys.len() - 1]);
        for &y in ys {
            c.push_str(&format!("{trai} {} {} 0.48 re f*\n", y - 0.24, phai - trai));
        }
        for &x in xs {
            c.push_str(&format!("{} {duoi} 0.48 {} re f*\n", x - 0.24, tren - duoi));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, c.into_bytes()));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => helv } },
        })));
    }
    luu_trang(doc, pages_id, kids)
}

/// The table's rows as the import writes them, and how many tables.
fn bang_nhap(bytes: &[u8]) -> (usize, Vec<Vec<String>>, String) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("bang.pdf");
    std::fs::write(&source, bytes).unwrap();
    let r = vanban::nhap::nhap(&source, bytes, &dir.path().join("bang.yaml")).unwrap();
    let data: serde_yaml::Value = serde_yaml::from_str(&r.yaml).unwrap();
    let tables: Vec<&serde_yaml::Value> =
        data["noi_dung"].as_sequence().unwrap().iter().filter_map(|n| n.get("bang")).collect();
    let rows = serde_yaml::from_value(tables[0]["dong"].clone()).unwrap();
    (tables.len(), rows, r.yaml)
}

/// Word's table borders (`re f*`) make a table on each page, the text not
/// also read as lines; imported, the two pages are one table again and the
/// row cut by the page break is one row.
#[test]
fn a_word_table_over_two_pages_is_one_table() {
    // Row 2 is cut by the page break, its rest opening the second page
    // with the STT cell empty.
    let bytes = bang_kieu_word(
        &[60.0, 110.0, 400.0, 540.0],
        &[
            (
                vec![760.0, 740.0, 700.0, 660.0],
                vec![
                    vec!["STT", "Noi dung", "Ket qua"],
                    vec!["1", "Alpha one", "Agreed"],
                    vec!["2", "Beta first part", ""],
                ],
            ),
            (
                vec![800.0, 780.0, 740.0, 700.0],
                vec![
                    vec!["STT", "Noi dung", "Ket qua"],
                    vec!["", "beta second part", "Taken in"],
                    vec!["3", "Gamma", "Agreed"],
                ],
            ),
        ],
    );
    let k = vanban::nhap::doc_nguon(Path::new("bang.pdf"), &bytes).unwrap();
    let bang: Vec<_> = k.iter().filter_map(|k| if let Khoi::Bang(b) = k { Some(b) } else { None }).collect();
    assert_eq!(bang.len(), 2, "{k:#?}");
    assert_eq!(
        bang[0].dong,
        [["STT", "Noi dung", "Ket qua"], ["1", "Alpha one", "Agreed"], ["2", "Beta first part", ""]]
    );
    assert!(doan(&k).iter().all(|d| !d.chu.contains("Alpha")));
    let (n, rows, yaml) = bang_nhap(&bytes);
    assert_eq!(n, 1, "{yaml}");
    assert_eq!(
        rows,
        [
            ["1", "Alpha one", "Agreed"],
            ["2", "Beta first part beta second part", "Taken in"],
            ["3", "Gamma", "Agreed"]
        ]
    );
}

/// A two-column comparison table (no STT column) over three pages: the row
/// cut by the first page break goes on in lower case under a long cell,
/// and is one row again; a row opening the third page in lower case ("xa
/// Chi Lang") after a short row stays a row of its own.
#[test]
fn a_comparison_table_row_cut_by_the_page_break_is_one_row() {
    let bytes = bang_kieu_word(
        &[60.0, 300.0, 540.0],
        &[
            (
                vec![760.0, 740.0, 680.0],
                vec![
                    vec!["Draft", "Explanation"],
                    vec![
                        "Article 1 sets out the scope of these\nrules and the officers who must keep",
                        "Agreed by all",
                    ],
                ],
            ),
            (
                vec![800.0, 780.0, 740.0, 700.0],
                vec![
                    vec!["Draft", "Explanation"],
                    vec!["them in every unit of the province.", ""],
                    vec!["Units", "Quota"],
                ],
            ),
            (vec![800.0, 780.0, 740.0], vec![vec!["Draft", "Explanation"], vec!["xa Chi Lang", "40"]]),
        ],
    );
    let (n, rows, yaml) = bang_nhap(&bytes);
    assert_eq!(n, 1, "{yaml}");
    assert_eq!(
        rows,
        [
            [
                "Article 1 sets out the scope of these rules and the officers who must keep them in every unit of the province.",
                "Agreed by all"
            ],
            ["Units", "Quota"],
            ["xa Chi Lang", "40"]
        ]
    );
}

/// A paragraph framed inside a cell (a formula boxed in the draft's
/// column, its frame stroked a few points inside the cell's rules and its
/// foot on the row's): no columns of its own; the table keeps its two.
#[test]
fn a_frame_inside_a_cell_is_no_column() {
    let frame = "0.5 w 64 705 m 64 660 l S 296 705 m 296 660 l S 64 705 m 296 705 l S\n";
    let bytes = bang_kieu_word_ve(
        &[60.0, 300.0, 540.0],
        &[(
            vec![760.0, 740.0, 660.0],
            vec![
                vec!["Draft", "Explanation"],
                vec![
                    "Article 6 Repayment by officers\n\n\nS = (F/T1) x T2",
                    "Fair to all the officers\nwho stay the years agreed",
                ],
            ],
        )],
        &[frame],
    );
    let (n, rows, yaml) = bang_nhap(&bytes);
    assert_eq!(n, 1, "{yaml}");
    assert!(rows.iter().all(|r| r.len() == 2), "{yaml}");
    assert!(rows.iter().flatten().any(|c| c.contains("Fair to all")), "{yaml}");
    assert!(rows.iter().flatten().any(|c| c.contains("S = (F/T1) x T2")), "{yaml}");
}
