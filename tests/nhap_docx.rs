//! `vanban nhap` of Word files: what the reader makes of documents laid out
//! as Word lays them out (tests/nhap/*.docx, written by tools/docx-mau.py),
//! and of files that are not Word documents.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use vanban::error::Error;
use vanban::nhap::doc_nguon;
use vanban::nhap::nguon::{BangNguon, Cot, Doan, Khoi, Kieu};

fn mau(ten: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nhap").join(ten)
}

fn doc(ten: &str) -> Vec<Khoi> {
    let path = mau(ten);
    let bytes = std::fs::read(&path).unwrap();
    doc_nguon(&path, &bytes).unwrap_or_else(|e| panic!("{ten}: {e}"))
}

fn cac_doan(khoi: &[Khoi]) -> Vec<&Doan> {
    khoi.iter()
        .filter_map(|k| match k {
            Khoi::Doan(d) => Some(d),
            _ => None,
        })
        .collect()
}

/// The piece whose text is `chu`, exactly.
fn tim<'a>(khoi: &'a [Khoi], chu: &str) -> &'a Doan {
    let hits: Vec<&Doan> = cac_doan(khoi).into_iter().filter(|d| d.chu == chu).collect();
    assert_eq!(hits.len(), 1, "{chu:?} should be one piece, found {}: {:#?}", hits.len(), cac_doan(khoi));
    hits[0]
}

fn bang(khoi: &[Khoi]) -> Vec<&BangNguon> {
    khoi.iter()
        .filter_map(|k| match k {
            Khoi::Bang(b) => Some(b),
            _ => None,
        })
        .collect()
}

/// (text, side, paragraph) of the pieces from the one starting `tu`, `n` of them.
fn tu<'a>(khoi: &'a [Khoi], tu: &str, n: usize) -> Vec<(&'a str, Cot, u32)> {
    let all = cac_doan(khoi);
    let i = all.iter().position(|d| d.chu == tu).unwrap_or_else(|| panic!("no piece {tu:?}"));
    all[i..(i + n).min(all.len())].iter().map(|d| (d.chu.as_str(), d.cot, d.noi.so)).collect()
}

const DAM_GIUA: Kieu = Kieu { dam: true, nghieng: false, giua: true, thut: false };

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn ke_hoach_header_table_read_by_side() {
    let khoi = doc("ke-hoach-bang-dau.docx");
    // The drawn rules under the agency and the quốc hiệu are empty
    // paragraphs (3 and 6): counted, not kept.
    assert_eq!(
        tu(&khoi, "UBND TỈNH LẠNG SƠN", 8),
        vec![
            ("UBND TỈNH LẠNG SƠN", Cot::Trai, 1),
            ("SỞ DU LỊCH VÀ THỂ THAO", Cot::Trai, 2),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Cot::Phai, 4),
            ("Độc lập - Tự do - Hạnh phúc", Cot::Phai, 5),
            // Four spaces are a space; the gaps of a blank number and day.
            ("Số: /KH-SDTTG", Cot::Trai, 7),
            ("Lạng Sơn, ngày tháng 4 năm 2025", Cot::Phai, 8),
            ("KẾ HOẠCH", Cot::Mot, 9),
            ("Tổ chức Giải Việt dã truyền thống tỉnh Lạng Sơn năm 2025", Cot::Mot, 10),
        ]
    );
    assert!(matches!(khoi[0], Khoi::Doan(_)), "the layout table is no Bang");
    assert_eq!(tim(&khoi, "UBND TỈNH LẠNG SƠN").kieu, Kieu { giua: true, ..Kieu::default() });
    assert_eq!(tim(&khoi, "SỞ DU LỊCH VÀ THỂ THAO").kieu, DAM_GIUA);
    assert_eq!(
        tim(&khoi, "Lạng Sơn, ngày tháng 4 năm 2025").kieu,
        Kieu { nghieng: true, giua: true, ..Kieu::default() }
    );
    assert_eq!(tim(&khoi, "KẾ HOẠCH").kieu, DAM_GIUA);
    assert_eq!(tim(&khoi, "Tổ chức Giải Việt dã truyền thống tỉnh Lạng Sơn năm 2025").kieu, DAM_GIUA);

    // The body: numbers typed as text, kept as typed; headings bold.
    let mo_dau =
        cac_doan(&khoi).into_iter().find(|d| d.chu.starts_with("Thực hiện Kế hoạch số 35/KH-UBND")).unwrap();
    assert_eq!((mo_dau.noi.so, mo_dau.kieu), (12, Kieu { thut: true, ..Kieu::default() }));
    let i = tim(&khoi, "I. MỤC ĐÍCH, YÊU CẦU");
    assert_eq!((i.noi.so, i.cot, i.kieu), (13, Cot::Mot, Kieu { dam: true, thut: true, ..Kieu::default() }));
    assert_eq!(
        tim(&khoi, "1.1. Thời gian: 01 ngày, khai mạc lúc 06 giờ 30 phút ngày 20 tháng 4 năm 2025.").noi.so,
        21
    );
    assert!(!tim(&khoi, "- Công tác tổ chức bảo đảm an toàn, tiết kiệm, hiệu quả.").kieu.dam);

    // The body table: TT and Đối tượng merged down, Cự ly over two columns;
    // both header rows marked to repeat (the second not bold).
    let b = bang(&khoi);
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].noi.so, 24);
    assert_eq!(
        b[0].dong,
        vec![
            s(&["TT", "Đối tượng", "Cự ly (m)", ""]),
            s(&["TT", "Đối tượng", "Nam", "Nữ"]),
            s(&["1", "Học sinh trung học cơ sở", "3.000", "2.000"]),
            s(&["2", "Học sinh trung học phổ thông", "4.000", "3.000"]),
            s(&["3", "Cán bộ, công chức, viên chức", "5.000", "3.000"]),
        ]
    );
    assert_eq!(b[0].so_dong_tieu_de, 2);
    // The table's 19 paragraphs (24–42) are counted.
    assert_eq!(tim(&khoi, "III. TỔ CHỨC THỰC HIỆN").noi.so, 43);

    // The footer table: Nơi nhận left, the signer right.
    assert_eq!(
        tu(&khoi, "Nơi nhận:", 8),
        vec![
            ("Nơi nhận:", Cot::Trai, 49),
            ("- UBND tỉnh (b/c);", Cot::Trai, 50),
            ("- Sở Giáo dục và Đào tạo;", Cot::Trai, 51),
            ("- UBND các huyện, thành phố;", Cot::Trai, 52),
            ("- Lưu: VT.", Cot::Trai, 53),
            ("KT. GIÁM ĐỐC", Cot::Phai, 54),
            ("PHÓ GIÁM ĐỐC", Cot::Phai, 55),
            ("Nguyễn Văn An", Cot::Phai, 58),
        ]
    );
    assert_eq!(tim(&khoi, "Nơi nhận:").kieu, Kieu { dam: true, nghieng: true, ..Kieu::default() });
    assert_eq!(tim(&khoi, "KT. GIÁM ĐỐC").kieu, DAM_GIUA);

    // The phụ lục's paragraph has "page break before".
    let n = khoi.len();
    assert!(matches!(&khoi[n - 3], Khoi::NgatTrang), "{:?}", &khoi[n - 4..]);
    assert!(matches!(&khoi[n - 2], Khoi::Doan(d) if d.chu == "PHỤ LỤC" && d.noi.so == 59));
    assert_eq!(khoi.iter().filter(|k| matches!(k, Khoi::NgatTrang)).count(), 1);
    // Nothing empty; paragraphs in order.
    let all = cac_doan(&khoi);
    assert!(all.iter().all(|d| !d.chu.is_empty() && d.chu.trim() == d.chu));
    assert!(all.windows(2).all(|w| w[0].noi.so < w[1].noi.so));
}

#[test]
fn ke_hoach_word_numbering_rendered_as_typed() {
    let khoi = doc("ke-hoach-danh-so-word.docx");
    let chu: Vec<&str> = cac_doan(&khoi).iter().map(|d| d.chu.as_str()).collect();
    let i = chu.iter().position(|c| c.starts_with("I. ")).unwrap();
    assert_eq!(
        chu[i..i + 20],
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Nâng cao nhận thức của cán bộ, công chức và Nhân dân về chuyển đổi số;",
            "+ Cung cấp dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp.",
            "2. Yêu cầu",
            "- Bám sát chỉ đạo của Trung ương, phù hợp với điều kiện thực tế của tỉnh.",
            // A higher level advancing restarts the ones below.
            "II. NỘI DUNG",
            "1. Phát triển chính quyền số",
            "1.1. Hoàn thiện hạ tầng số của các cơ quan nhà nước.",
            "1.2. Triển khai nền tảng dùng chung của tỉnh.",
            "2. Phát triển kinh tế số",
            "2.1. Các chỉ tiêu chủ yếu:",
            // Word's letters have no đ.
            "a) Tỷ lệ hồ sơ xử lý trực tuyến đạt 80%;",
            "b) Tỷ lệ thanh toán không dùng tiền mặt đạt 50%;",
            "c) Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 70%;",
            "d) Tỷ lệ hộ gia đình có đường truyền cáp quang đạt 85%;",
            "e) Tỷ lệ người dân có tài khoản định danh điện tử đạt 90%.",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Sở Khoa học và Công nghệ",
            "Chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch.",
        ]
    );
    assert_eq!(tim(&khoi, "I. MỤC ĐÍCH, YÊU CẦU").noi.so, 6);
    assert!(tim(&khoi, "II. NỘI DUNG").kieu.dam);
    // Indented by its paragraph style.
    assert!(tim(&khoi, "Chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch.").kieu.thut);

    // A header set with tabs: one piece a line, the gap a tab.
    assert_eq!(
        tu(&khoi, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3),
        vec![
            ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Cot::Mot, 1),
            ("TỈNH LẠNG SƠN\tĐộc lập - Tự do - Hạnh phúc", Cot::Mot, 2),
            ("Số: 12/KH-UBND\tLạng Sơn, ngày 05 tháng 3 năm 2025", Cot::Mot, 3),
        ]
    );
    // Bold and centred by the paragraph style "Tên loại" alone.
    assert_eq!(tim(&khoi, "KẾ HOẠCH").kieu, DAM_GIUA);
    assert_eq!(tim(&khoi, "Triển khai công tác chuyển đổi số tỉnh Lạng Sơn năm 2025").kieu, DAM_GIUA);

    // The table: header row in bold, not marked to repeat.
    let b = bang(&khoi);
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].noi.so, b[0].so_dong_tieu_de), (26, 1));
    assert_eq!(b[0].dong[0], s(&["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"]));
    assert_eq!(b[0].dong[2], s(&["2", "Số hóa hồ sơ thủ tục hành chính", "Các sở, ngành", "Cả năm"]));

    // Recipients and signer set with tabs; the lone name's leading tabs go.
    assert_eq!(
        tu(&khoi, "Nơi nhận:\tKT. CHỦ TỊCH", 5),
        vec![
            ("Nơi nhận:\tKT. CHỦ TỊCH", Cot::Mot, 38),
            ("- Thường trực Tỉnh ủy;\tPHÓ CHỦ TỊCH", Cot::Mot, 39),
            ("- Các sở, ban, ngành tỉnh;", Cot::Mot, 40),
            ("- Lưu: VT, KGVX.", Cot::Mot, 41),
            ("Hoàng Văn Nam", Cot::Mot, 42),
        ]
    );
    // A page break (Ctrl+Enter) at the start of the phụ lục's paragraph.
    let p = khoi.iter().position(|k| matches!(k, Khoi::Doan(d) if d.chu == "PHỤ LỤC")).unwrap();
    assert!(matches!(khoi[p - 1], Khoi::NgatTrang));
    assert_eq!(tim(&khoi, "PHỤ LỤC").noi.so, 43);
}

#[test]
fn cong_van_header_footer_and_line_breaks() {
    let khoi = doc("cong-van.docx");
    assert_eq!(
        tu(&khoi, "Số: 215/SNV-CCVC", 6),
        vec![
            ("Số: 215/SNV-CCVC", Cot::Trai, 7),
            ("V/v báo cáo số lượng cán bộ, công chức năm 2025", Cot::Trai, 8),
            ("Lạng Sơn, ngày 12 tháng 3 năm 2025", Cot::Phai, 9),
            ("Kính gửi:", Cot::Mot, 10),
            ("- Ủy ban nhân dân các huyện, thành phố;", Cot::Mot, 11),
            ("- Các sở, ban, ngành tỉnh.", Cot::Mot, 12),
        ]
    );
    assert_eq!(tim(&khoi, "Kính gửi:").kieu, Kieu { giua: true, ..Kieu::default() });
    // A few bold words do not make the paragraph bold.
    let p = tim(
        &khoi,
        "Báo cáo gửi về Sở Nội vụ (qua Phòng Công chức, viên chức) trước ngày 15 tháng 4 năm 2025 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    );
    assert_eq!(p.kieu, Kieu { thut: true, ..Kieu::default() });
    // Shift+Enter in the signer's paragraph: two pieces, one paragraph.
    assert_eq!(
        tu(&khoi, "Nơi nhận:", 7),
        vec![
            ("Nơi nhận:", Cot::Trai, 16),
            ("- Như trên;", Cot::Trai, 17),
            ("- Giám đốc Sở (b/c);", Cot::Trai, 18),
            ("- Lưu: VT, CCVC.", Cot::Trai, 19),
            ("KT. GIÁM ĐỐC", Cot::Phai, 20),
            ("PHÓ GIÁM ĐỐC", Cot::Phai, 20),
            ("Lê Thị Hương", Cot::Phai, 23),
        ]
    );
    assert_eq!(tim(&khoi, "PHÓ GIÁM ĐỐC").kieu, DAM_GIUA);
    assert!(bang(&khoi).is_empty());
    assert!(!khoi.iter().any(|k| matches!(k, Khoi::NgatTrang)));
}

#[test]
fn quyet_dinh_components_in_order() {
    let khoi = doc("quyet-dinh.docx");
    let mot: Vec<&str> =
        cac_doan(&khoi).iter().filter(|d| d.cot == Cot::Mot).map(|d| d.chu.as_str()).collect();
    assert_eq!(
        mot,
        [
            "QUYẾT ĐỊNH",
            "Về việc ban hành Quy chế làm việc của Sở Nội vụ tỉnh Lạng Sơn",
            "GIÁM ĐỐC SỞ NỘI VỤ",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
            "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 28 tháng 02 năm 2025 của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ;",
            "Theo đề nghị của Chánh Văn phòng Sở.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Nội vụ tỉnh Lạng Sơn.",
            "1. Quy chế áp dụng đối với:",
            "a) Lãnh đạo Sở;",
            "b) Công chức, viên chức thuộc Sở;",
            "c) Người lao động làm việc tại Sở.",
            "2. Quy chế thay thế Quy chế ban hành kèm theo Quyết định số 40/QĐ-SNV ngày 15 tháng 3 năm 2021.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng và đơn vị thuộc Sở chịu trách nhiệm thi hành Quyết định này./.",
        ]
    );
    assert_eq!(tim(&khoi, "QUYẾT ĐỊNH").noi.so, 9);
    assert_eq!(tim(&khoi, "GIÁM ĐỐC SỞ NỘI VỤ").kieu, DAM_GIUA);
    let can_cu = tim(&khoi, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;");
    assert_eq!(can_cu.kieu, Kieu { nghieng: true, thut: true, ..Kieu::default() });
    // Only "Điều 1." is bold.
    assert!(!cac_doan(&khoi).iter().find(|d| d.chu.starts_with("Điều 1.")).unwrap().kieu.dam);
    assert_eq!(tim(&khoi, "Số: 85/QĐ-SNV").cot, Cot::Trai);
    assert_eq!(tim(&khoi, "Lạng Sơn, ngày 20 tháng 5 năm 2025").cot, Cot::Phai);
    // Bold and italic by the character style "Nhấn".
    let noi_nhan = tim(&khoi, "Nơi nhận:");
    assert_eq!(
        (noi_nhan.cot, noi_nhan.kieu),
        (Cot::Trai, Kieu { dam: true, nghieng: true, ..Kieu::default() })
    );
    assert_eq!(tim(&khoi, "- Như Điều 3;").cot, Cot::Trai);
    let ky = tim(&khoi, "GIÁM ĐỐC");
    assert_eq!((ky.cot, ky.noi.so, ky.kieu), (Cot::Phai, 29, DAM_GIUA));
    assert_eq!(tim(&khoi, "Trần Văn Bình").cot, Cot::Phai);
}

#[test]
fn tcvn3_text_converted() {
    let khoi = doc("tcvn3.docx");
    let chu: Vec<(&str, Cot)> = cac_doan(&khoi).iter().map(|d| (d.chu.as_str(), d.cot)).collect();
    assert_eq!(
        chu,
        vec![
            // .VnTimeH: capitals typed with the lower-case codes.
            ("UBND HUYỆN CAO LỘC", Cot::Trai),
            ("PHÒNG NỘI VỤ", Cot::Trai),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Cot::Phai),
            ("Độc lập - Tự do - Hạnh phúc", Cot::Phai),
            // "Sè" is a word as it stands: the font says it is "Số".
            ("Số: 25/PNV", Cot::Trai),
            ("V/v tổ chức tập huấn công tác văn thư", Cot::Trai),
            ("Cao Lộc, ngày 15 tháng 3 năm 2025", Cot::Phai),
            ("Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.", Cot::Mot),
            (
                "Thực hiện kế hoạch công tác năm 2025, Phòng Nội vụ huyện tổ chức tập huấn công tác văn thư, lưu trữ cho công chức, viên chức các cơ quan, đơn vị.",
                Cot::Mot
            ),
            ("Thời gian: ngày 25 tháng 3 năm 2025; địa điểm: hội trường huyện Cao Lộc.", Cot::Mot),
            ("Đề nghị các cơ quan, đơn vị cử công chức tham dự đầy đủ./.", Cot::Mot),
            // Pasted into Times New Roman: recognised from the text alone.
            ("Trân trọng cảm ơn sự phối hợp của các cơ quan, đơn vị.", Cot::Mot),
            ("Nơi nhận:", Cot::Trai),
            ("- Như trên;", Cot::Trai),
            ("- Lưu: VT.", Cot::Trai),
            ("TRƯỞNG PHÒNG", Cot::Phai),
            ("Nguyễn Thị Lan", Cot::Phai),
        ]
    );
}

/// A package of the given parts, as bytes.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (ten, chu) in parts {
        z.start_file(*ten, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(chu.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn loi(bytes: &[u8]) -> String {
    let path = Path::new("van-ban.docx");
    match doc_nguon(path, bytes) {
        Err(Error::Input(v)) if v.len() == 1 => {
            assert_eq!(v[0].file, path);
            v[0].message.clone()
        }
        other => panic!("expected one input error, got {other:?}"),
    }
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn not_word_files_give_clear_errors() {
    let khong_zip = "không đọc được tệp Word: tệp không phải tệp .docx hoặc đã hỏng, bị cắt dở (không mở được như tệp nén ZIP)";
    assert_eq!(loi(b"Ke hoach so 12/KH-UBND\n"), khong_zip);
    assert_eq!(loi(b""), khong_zip);
    // Cut short in a download: the ZIP's directory at its end is gone.
    let du = std::fs::read(mau("cong-van.docx")).unwrap();
    assert_eq!(loi(&du[..du.len() / 2]), khong_zip);
    assert_eq!(loi(&du[..du.len() - 10]), khong_zip);

    assert_eq!(
        loi(&zip_of(&[("word/styles.xml", "<x/>"), ("[Content_Types].xml", "<Types/>")])),
        "không đọc được tệp Word: trong tệp không có phần nội dung (word/document.xml)"
    );
    assert_eq!(
        loi(&zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")])),
        "không đọc được tệp Word: phần word/document.xml không phải XML hợp lệ (dòng 1, cột 2)"
    );
    assert_eq!(
        loi(&zip_of(&[(
            "word/document.xml",
            &format!("<w:document {W}><w:body><w:p></w:body></w:document>")
        )])),
        "không đọc được tệp Word: phần word/document.xml không phải XML hợp lệ (dòng 1, cột 97)"
    );
    assert_eq!(
        loi(&zip_of(&[("word/document.xml", "<html><body><p>Kế hoạch</p></body></html>")])),
        "không đọc được tệp Word: phần word/document.xml không phải nội dung văn bản Word (không có w:body)"
    );
    assert_eq!(
        loi(&zip_of(&[("word/document.xml", "\u{0}\u{1}binary")])),
        "không đọc được tệp Word: phần word/document.xml không phải XML hợp lệ (dòng 1, cột 1)"
    );
    // A broken numbering part is the file's problem too, named.
    let doc = format!("<w:document {W}><w:body><w:p><w:r><w:t>Một</w:t></w:r></w:p></w:body></w:document>");
    assert_eq!(
        loi(&zip_of(&[
            ("word/document.xml", &doc),
            ("word/numbering.xml", &format!("<w:numbering {W}>\n  <w:num>\n</w:numbering>"))
        ])),
        "không đọc được tệp Word: phần word/numbering.xml không phải XML hợp lệ (dòng 3, cột 1)"
    );
}

#[test]
fn odd_but_valid_documents_read_without_panic() {
    // Deep content controls, a number list that does not exist, cells
    // merged oddly, a break without a type, no styles or numbering part.
    let sau = 5000;
    let mo = "<w:sdt><w:sdtContent>".repeat(sau);
    let dong = "</w:sdtContent></w:sdt>".repeat(sau);
    let body = format!(
        "{mo}<w:p><w:r><w:t>Sâu</w:t></w:r></w:p>{dong}\
         <w:p><w:pPr><w:numPr><w:ilvl w:val=\"12\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr><w:r><w:t>Số lạ</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>\
         <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val=\"abc\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>\
         <w:tc><w:tcPr><w:gridSpan w:val=\"99999999999\"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc>\
         <w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr><w:tr/></w:tbl>\
         <w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"
    );
    let doc = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let khoi = doc_nguon(Path::new("la.docx"), &zip_of(&[("word/document.xml", &doc)])).unwrap();
    let chu: Vec<&str> = cac_doan(&khoi).iter().map(|d| d.chu.as_str()).collect();
    // The paragraph nested deeper than the reader follows is left out.
    assert_eq!(chu, ["Số lạ", "dòng hai"]);
    let b = bang(&khoi);
    assert_eq!(b.len(), 1);
    // gridSpan "abc" is 1; an absurd one is capped at 64 columns.
    assert_eq!(b[0].dong.len(), 2);
    assert_eq!(b[0].dong[0].len(), 66);
    // Merged down with nothing above: its own text.
    assert_eq!(b[0].dong[0][..3], s(&["A", "B", ""]));
    assert_eq!(b[0].dong[0][65], "C");
    assert_eq!(b[0].so_dong_tieu_de, 1);
}
