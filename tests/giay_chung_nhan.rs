//! Certificates from the trainee list: the right trainee, class and number
//! on each page, long values that fit, bad rows skipped and reported,
//! legacy encodings refused.

mod common;

use std::sync::LazyLock;

use common::*;
use vanban::inspect::{MM, PageFacts};

static EXAMPLE: LazyLock<Vec<Vec<PageFacts>>> = LazyLock::new(|| records(&example("giay-chung-nhan.yaml")));

/// A folder with the example's certificate, schedule and allocation files
/// and the given trainee list.
fn with_list(name: &str, list: &[u8], yaml_changes: &[(&str, &str)]) -> tempfile::TempDir {
    let mut yaml = std::fs::read_to_string(example("giay-chung-nhan.yaml")).unwrap();
    for (a, b) in yaml_changes {
        assert!(yaml.contains(a), "{a}");
        yaml = yaml.replace(a, b);
    }
    yaml = yaml.replace("danh_sach: hoc-vien.csv", &format!("danh_sach: {name}"));
    let dir = folder(&[
        ("giay-chung-nhan.yaml", &yaml),
        ("giay-moi.yaml", &std::fs::read_to_string(example("giay-moi.yaml")).unwrap()),
        ("phan-bo.yaml", &std::fs::read_to_string(example("phan-bo.yaml")).unwrap()),
        (
            "quyet-dinh-cong-nhan.yaml",
            &std::fs::read_to_string(example("quyet-dinh-cong-nhan.yaml"))
                .unwrap()
                .replace("danh_sach: hoc-vien.csv", &format!("danh_sach: {name}")),
        ),
    ]);
    std::fs::write(dir.path().join(name), list).unwrap();
    dir
}

const HEADER: &str =
    "STT,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Chức vụ,Đơn vị công tác,Huyện,Chương trình,Lớp\n";

#[test]
fn every_trainee_gets_one_landscape_page_with_the_right_facts() {
    assert_eq!(EXAMPLE.len(), 480);
    for (i, cert) in EXAMPLE.iter().enumerate() {
        assert_eq!(cert.len(), 1, "certificate {} is one page", i + 1);
        let p = &cert[0];
        assert!((p.width - 841.89).abs() < 0.1 && (p.height - 595.28).abs() < 0.1, "A4 landscape");
        assert_eq!(line(p, "Số:").text, format!("Số: {}/GCN-SDTTG", vanban::vi::pad_number(i as u32 + 1)));
    }
    // Rows of the list, read independently of vanban: 2 and 112 share a name.
    let p = &EXAMPLE[1][0];
    assert_eq!(line(p, "Bà:").text, "Bà: Vi Thị Hằng");
    let text = p.text().replace('\n', " ");
    for needle in [
        "GIẤY CHỨNG NHẬN",
        "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO CHỨNG NHẬN",
        "Sinh ngày: 26/01/1981; Dân tộc: Tày",
        "Chức vụ: Chủ tịch UBND xã",
        "Đơn vị công tác: UBND xã Đề Thám, huyện Tràng Định",
        "Chương trình 2 (cán bộ huyện, xã), lớp CT2-1",
        "Thời gian: từ ngày 17/6/2025 đến ngày 18/6/2025, tại Hội trường Sở Dân tộc và Tôn giáo",
        // Dated and numbered by the decision that recognises the trainees.
        "Theo Quyết định số \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/QĐ-SDTTG ngày 21 tháng 7 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo.",
        "Lạng Sơn, ngày 21 tháng 7 năm 2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
    ] {
        assert!(text.contains(needle), "{needle:?} in {text}");
    }
    let name = line(p, "Bà:");
    assert!(name.runs.iter().any(|r| r.text.contains("Vi Thị Hằng") && r.bold && r.size >= 20.0));
    let other = EXAMPLE[111][0].text().replace('\n', " ");
    assert!(
        other.contains("Bà: Vi Thị Hằng") && other.contains("Lộc Bình") && other.contains("lớp CT2-2"),
        "{other}"
    );
    // A year-only birth (row 163 of the list is STT 163).
    let year_only = EXAMPLE[162][0].text();
    assert!(year_only.contains("Năm sinh: 1975"), "{year_only}");
    let last = EXAMPLE[479][0].text().replace('\n', " ");
    assert!(last.contains("Số: 480/GCN-SDTTG") && last.contains("lớp CT3-4"), "{last}");
}

/// Every glyph inside the inner frame (10 mm from the page edge, 1 mm slack).
fn inside_border(p: &PageFacts) {
    for r in &p.runs {
        assert!(
            r.x >= 11.0 * MM && r.x + r.width <= p.width - 11.0 * MM,
            "{:?} at {}..{}",
            r.text,
            r.x,
            r.x + r.width
        );
        assert!(r.y >= 11.0 * MM && r.y <= p.height - 11.0 * MM, "{:?} at y {}", r.text, r.y);
    }
}

#[test]
fn long_names_and_units_fit_inside_the_border() {
    for cert in EXAMPLE.iter() {
        inside_border(&cert[0]);
    }
    let long_name = "Hoàng Nguyễn Thị Phương Thảo Ngọc Bích Lương Vũ Trần Đức Anh"; // 60 characters
    assert_eq!(long_name.chars().count(), 60);
    let unit = "Hội Liên hiệp Phụ nữ xã Hoàng Văn Thụ, huyện Văn Lãng, tỉnh Lạng Sơn, Chi hội Phụ nữ thôn Nà Pàn và Khòn Lạn, Ban công tác Mặt trận";
    let list = format!(
        "{HEADER}1,{long_name},Nữ,05/03/1978,Tày,Phó Chủ tịch Hội Liên hiệp Phụ nữ xã kiêm Chi hội trưởng Chi hội Phụ nữ thôn,\"{unit}\",Tràng Định,CT2,CT2-1\n"
    );
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 1);
    assert_eq!(certs[0].len(), 1, "one page");
    let p = &certs[0][0];
    inside_border(p);
    let text = p.text().replace('\n', " ");
    assert!(text.contains(long_name), "{text}");
    assert!(squash(&text).contains(&squash(unit)));
}

#[test]
fn sizes_chosen_before_layout_are_what_the_template_would_choose() {
    // A name and a unit long enough to be shrunk.
    let long_name = "Hoàng Nguyễn Thị Phương Thảo Ngọc Bích Lương Vũ Trần Đức Anh Minh Khuê";
    let unit = "Hội Liên hiệp Phụ nữ xã Hoàng Văn Thụ, huyện Văn Lãng, tỉnh Lạng Sơn, Chi hội Phụ nữ thôn Nà Pàn và Khòn Lạn, Ban công tác Mặt trận thôn Nà Pàn, Tổ hòa giải thôn Khòn Lạn, Câu lạc bộ phụ nữ không sinh con thứ ba, Tổ liên gia tự quản an ninh trật tự";
    let list = format!("{HEADER}1,{long_name},Nữ,05/03/1978,Tày,Chủ tịch,\"{unit}\",Tràng Định,CT2,CT2-1\n");
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let engine = engine();
    let prepared = engine.prepare(&dir.path().join("giay-chung-nhan.yaml")).unwrap();
    // The same source with what vanban measured taken out: the template
    // measures during layout instead.
    let mut measured_here = String::new();
    for line in prepared.source.lines() {
        let line_trimmed = line.trim_start();
        if !line_trimmed.starts_with("co-da-do: (ho_ten:")
            && !line_trimmed.starts_with("co-da-do: (nguoi_chung_nhan:")
        {
            measured_here.push_str(line);
            measured_here.push('\n');
        }
    }
    // One line for the parts all certificates share, one for the certificate.
    assert_eq!(prepared.source.lines().count() - measured_here.lines().count(), 2);
    assert!(!measured_here.contains("rong_tieu_ngu: ") && !measured_here.contains("ho_ten: "));
    let page = |source: String| {
        let document = engine.layout(&vanban::compose::Prepared { source, ..prepared.clone() }).unwrap();
        assert_eq!(document.pages().len(), 1);
        PageFacts::of(&document.pages()[0])
    };
    let before = page(prepared.source.clone());
    let during = page(measured_here);
    let name = line(&before, "Bà:");
    assert!(name.size() < 24.0, "the long name is shrunk: {}", name.size());
    assert!(
        before.runs.iter().any(|r| r.text.contains("Tổ liên gia") && r.size < 14.0),
        "the unit is shrunk"
    );
    assert_eq!(before.runs.len(), during.runs.len());
    for (a, b) in before.runs.iter().zip(&during.runs) {
        assert_eq!(a.text, b.text);
        assert!((a.size - b.size).abs() < 1e-6, "{:?}: {} vs {}", a.text, a.size, b.size);
        assert!((a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3, "{:?} moved", a.text);
        assert!((a.width - b.width).abs() < 1e-3, "{:?}: width {} vs {}", a.text, a.width, b.width);
    }
    assert_eq!(before.rules.len(), during.rules.len());
    for (a, b) in before.rules.iter().zip(&during.rules) {
        assert!((a.length - b.length).abs() < 1e-3 && (a.x - b.x).abs() < 1e-3, "{a:?} vs {b:?}");
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn bad_rows_are_reported_with_row_and_column_and_the_rest_written() {
    let list = format!(
        "{HEADER}1,Nông Văn An,Nam,05/03/1978,Tày,Trưởng thôn,\"Thôn Nà Pàn, xã Đề Thám\",Tràng Định,CT3,CT3-1\n\
         2,,Nữ,05/03/1978,Tày,Trưởng thôn,Thôn A,Tràng Định,CT3,CT3-1\n\
         3,Lý Thị Bình,Nữ,31/02/1980,Nùng,Trưởng thôn,Thôn B,Tràng Định,CT3,CT3-1\n\
         4,Hà Văn Cường,Nam,1979,Tày,Trưởng thôn,Thôn C,Tràng Định,CT3,CT3-9\n\
         5,Vi Thị Dung,Nữ,12/12/1985,Tày,Người có uy tín,Thôn D,Tràng Định,CT3,CT3-1\n"
    );
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let (o, report) = build_dir(dir.path());
    assert_eq!(o.status.code(), Some(1));
    let rows = report["giay_chung_nhan"]["muc"].as_array().unwrap();
    let status: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["dong"].as_u64().unwrap(),
                r["trang_thai"].as_str().unwrap(),
                r["ly_do"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(status[0], (2, "da-ghi", ""));
    assert_eq!(status[1], (3, "loi", "dòng 3, cột 'Họ và tên': không được để trống"));
    assert_eq!(
        status[2],
        (
            4,
            "loi",
            "dòng 4, cột 'Ngày sinh': ngày sinh '31/02/1980' không tồn tại: tháng 2/1980 chỉ có 29 ngày"
        )
    );
    assert_eq!(status[3].1, "loi");
    assert!(
        status[3].2.starts_with("dòng 5, cột 'Lớp': lớp 'CT3-9' không có trong lịch học"),
        "{}",
        status[3].2
    );
    assert_eq!(status[4], (6, "da-ghi", ""));
    let out = dir.path().join("out/giay-chung-nhan");
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    files.sort();
    assert_eq!(files, ["001-nong-van-an.pdf", "005-vi-thi-dung.pdf"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("lỗi: dòng 4, cột 'Ngày sinh'"), "{stderr}");
    assert!(stderr.contains("giấy chứng nhận: đã ghi 2 tệp"), "{stderr}");
}

#[test]
fn legacy_encodings_are_refused_not_printed() {
    for (cell, word) in [("NguyÔn V¨n An", "NguyÔn"), ("Nguyeãn Vaên An", "Nguyeãn")] {
        let list = format!("{HEADER}1,{cell},Nam,05/03/1978,Tày,Trưởng thôn,Thôn A,Tràng Định,CT3,CT3-1\n");
        let dir = with_list("ds.csv", list.as_bytes(), &[]);
        let (o, _) = build_dir(dir.path());
        assert_eq!(o.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains(
                "ds.csv:2:2: lỗi: trường 'Họ và tên': dữ liệu dùng bảng mã cũ (TCVN3/ABC hoặc VNI)"
            ),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("'{word}'")), "{stderr}");
        assert!(!dir.path().join("out/giay-chung-nhan").exists());
    }
    // Raw TCVN3 bytes are not UTF-8 at all.
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"1,Nguy\xd4n V\xa8n An,Nam,05/03/1978,T\xa7y,A,B,C,CT3,CT3-1\n");
    let dir = with_list("ds.csv", &bytes, &[]);
    let (o, _) = build_dir(dir.path());
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("ds.csv:2: lỗi: tệp không phải Unicode UTF-8 (có thể đang dùng bảng mã cũ TCVN3/ABC"),
        "{stderr}"
    );
}

#[test]
fn the_excel_list_gives_the_same_certificates_as_the_csv() {
    let engine = engine();
    let csv = engine.prepare(&example("giay-chung-nhan.yaml")).unwrap();
    let dir = with_list("hoc-vien.xlsx", &std::fs::read(example("hoc-vien.xlsx")).unwrap(), &[]);
    let xlsx = engine.prepare(&dir.path().join("giay-chung-nhan.yaml")).unwrap();
    assert_eq!(csv.source, xlsx.source);
    assert!(csv.source.contains("\"Sinh ngày: 26/01/1981; Dân tộc: Tày\""));
}

#[test]
fn sorted_by_given_name_in_vietnamese_order_with_unique_numbers_and_files() {
    let list = format!(
        "{HEADER}1,Vi Thị Ánh,Nữ,1980,Tày,A,B,Tràng Định,CT3,CT3-1\n\
         2,Nguyễn Văn Đức,Nam,1980,Kinh,A,B,Tràng Định,CT3,CT3-1\n\
         3,Hoàng Văn Dũng,Nam,1980,Tày,A,B,Tràng Định,CT3,CT3-1\n\
         4,Lương Thị Ăn,Nữ,1980,Nùng,A,B,Tràng Định,CT3,CT3-1\n\
         5,Trần Văn An,Nam,1980,Kinh,A,B,Tràng Định,CT3,CT3-1\n\
         6,Nông Thị An,Nữ,1980,Tày,A,B,Tràng Định,CT3,CT3-1\n\
         7,Nông Thị An,Nữ,1982,Tày,A,B,Tràng Định,CT3,CT3-1\n"
    );
    let dir = with_list("ds.csv", list.as_bytes(), &[("sap_xep: danh-sach", "sap_xep: ten")]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    let names: Vec<String> = certs
        .iter()
        .map(|c| {
            c[0].lines()
                .into_iter()
                .find(|l| l.text.starts_with("Ông:") || l.text.starts_with("Bà:"))
                .unwrap()
                .text
        })
        .collect();
    assert_eq!(
        names,
        [
            "Bà: Nông Thị An",
            "Bà: Nông Thị An",
            "Ông: Trần Văn An",
            "Bà: Vi Thị Ánh",
            "Bà: Lương Thị Ăn",
            "Ông: Hoàng Văn Dũng",
            "Ông: Nguyễn Văn Đức"
        ]
    );
    let numbers: Vec<String> = certs.iter().map(|c| line(&c[0], "Số:").text).collect();
    assert_eq!(numbers[0], "Số: 01/GCN-SDTTG");
    assert_eq!(numbers[6], "Số: 07/GCN-SDTTG");
    let (o, report) = build_dir(dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<&str> = report["giay_chung_nhan"]["muc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tep"].as_str().unwrap())
        .collect();
    assert_eq!(files[0], "giay-chung-nhan/001-nong-thi-an.pdf");
    assert_eq!(files[1], "giay-chung-nhan/002-nong-thi-an.pdf");
}

#[test]
fn other_header_names_can_be_mapped() {
    let list = "TT,Họ tên,Giới tính,Ngày sinh,Dân tộc,Chức vụ,Nơi công tác,Huyện,Chương trình,Lớp\n1,Nông Văn An,Nam,05/03/1978,Tày,Trưởng thôn,Thôn Nà Pàn,Tràng Định,CT3,CT3-1\n";
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let err = engine().prepare(&dir.path().join("giay-chung-nhan.yaml")).err().unwrap().to_string();
    // "Họ tên" is a usual name of the name column; "Nơi công tác" is not.
    assert!(err.contains("thiếu cột 'Đơn vị công tác'; dòng tiêu đề có: 'TT', 'Họ tên'"), "{err}");
    let dir = with_list(
        "ds.csv",
        list.as_bytes(),
        &[(
            "sap_xep: danh-sach",
            "sap_xep: danh-sach\ncot: { Họ tên: Họ và tên, Nơi công tác: Đơn vị công tác }",
        )],
    );
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert!(certs[0][0].text().contains("Đơn vị công tác: Thôn Nà Pàn"));
}

#[test]
fn the_whole_example_is_byte_identical_whatever_the_thread_count() {
    let work = tempfile::tempdir().unwrap();
    let run = |jobs: &str, out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", example("").to_str().unwrap(), "--out", out, "--jobs", jobs])
            .current_dir(work.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let stderr = run("1", "a");
    run("2", "b");
    assert!(stderr.contains("xong: 13 văn bản, 513 tệp PDF, 0 lỗi,"), "{stderr}");
    let mut files = Vec::new();
    for dir in ["", "giay-moi", "giay-chung-nhan", "giay-gioi-thieu-can-bo"] {
        for e in std::fs::read_dir(work.path().join("a").join(dir)).unwrap() {
            let path = e.unwrap().path();
            if path.is_file() {
                files.push(path.strip_prefix(work.path().join("a")).unwrap().to_owned());
            }
        }
    }
    assert_eq!(files.len(), 514, "513 PDFs and the report");
    for f in &files {
        let a = std::fs::read(work.path().join("a").join(f)).unwrap();
        let b = std::fs::read(work.path().join("b").join(f)).unwrap();
        assert!(a == b, "{} differs between 1 and 2 threads", f.display());
    }
    // The merged file: every certificate, one bookmark each opening its
    // page, in list order.
    let merged = lopdf::Document::load(work.path().join("a/giay-chung-nhan.pdf")).unwrap();
    let pages: Vec<lopdf::ObjectId> = merged.get_pages().into_values().collect();
    assert_eq!(pages.len(), 480, "pages");
    let toc = merged.get_toc().unwrap();
    let names: Vec<String> = EXAMPLE
        .iter()
        .map(|c| {
            let name = c[0].line_starting("Ông: ").or_else(|| c[0].line_starting("Bà: ")).unwrap();
            name.text.split_once(": ").unwrap().1.to_owned()
        })
        .collect();
    assert_eq!(toc.toc.len(), 480, "bookmarks");
    for (i, entry) in toc.toc.iter().enumerate() {
        assert_eq!(entry.page, i + 1);
        assert_eq!(entry.title, names[i], "bookmark {}", i + 1);
    }
    // Each certificate's own file: one page, titled with the name, drawing
    // exactly what its page of the merged file draws, with its fonts.
    let content = |doc: &lopdf::Document, page: lopdf::ObjectId| doc.get_page_content(page);
    for (i, file) in [(1, "002-vi-thi-hang.pdf"), (111, "112-vi-thi-hang.pdf"), (479, "480-")] {
        let path = std::fs::read_dir(work.path().join("a/giay-chung-nhan"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(file))
            .unwrap();
        let one = lopdf::Document::load(&path).unwrap();
        let one_pages: Vec<lopdf::ObjectId> = one.get_pages().into_values().collect();
        assert_eq!(one_pages.len(), 1, "{}", path.display());
        assert_eq!(content(&one, one_pages[0]), content(&merged, pages[i]), "{}", path.display());
        let fonts = one.get_page_fonts(one_pages[0]).unwrap();
        assert!(!fonts.is_empty());
        let info = one
            .trailer
            .get(b"Info")
            .and_then(|r| r.as_reference())
            .and_then(|r| one.get_dictionary(r))
            .unwrap();
        let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
        assert_eq!(title, toc.toc[i].title);
    }
}

#[test]
fn the_programme_column_may_be_a_code_a_number_a_name_or_absent() {
    // Issue 13.3: a district clerk's list wrote the programme as "3" and "2";
    // every good row was refused with "'3' không khớp lớp CT3-3".
    let rows = [
        "1,Nông Văn An,Nam,05/03/1978,Tày,,Thôn Nà Pàn,Tràng Định,3,CT3-1",
        "2,Hoàng Thị Bích,Nữ,1980,Nùng,,UBND xã Đề Thám,huyện Tràng Định,2,CT2-1",
        "3,Lý Văn Cường,Nam,1975,Dao,,Thôn Khuổi Pục,Văn Lãng,Chương trình 3,CT3-1",
        "4,Vi Thị Dung,Nữ,1990,Tày,,Thôn Bản Piầy,Văn Lãng,  ct 3 ,CT3-1",
        "5,Lương Văn Em,Nam,1988,Tày,,Thôn Nà Lầu,Văn Lãng,Chương trình 3 (cộng đồng),CT3-1",
        "6,Bế Thị Giang,Nữ,1985,Tày,,Thôn Pò Mã,Văn Lãng,CHƯƠNG TRÌNH 3,CT3-1",
        // A real contradiction: class CT3-3 is programme 3.
        "7,Hà Văn Hải,Nam,1979,Tày,,Thôn Nà Cạn,Cao Lộc,2,CT3-3",
        "8,Mã Thị Yến,Nữ,1983,Tày,,Thôn Nà Cạn,Cao Lộc,Chương trình 5,CT3-3",
    ];
    let list = format!("{HEADER}{}\n", rows.join("\n"));
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let (o, report) = build_dir(dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let muc = report["giay_chung_nhan"]["muc"].as_array().unwrap();
    let status: Vec<(&str, &str)> =
        muc.iter().map(|r| (r["trang_thai"].as_str().unwrap(), r["ly_do"].as_str().unwrap_or(""))).collect();
    assert!(status[..6].iter().all(|(s, _)| *s == "da-ghi"), "{status:#?}");
    assert_eq!(
        status[6].1,
        "dòng 8, cột 'Chương trình': '2' là chương trình CT2, nhưng lớp CT3-3 thuộc chương trình CT3"
    );
    assert_eq!(
        status[7].1,
        "dòng 9, cột 'Chương trình': không nhận ra chương trình 'Chương trình 5' (bảng phân bổ có CT2: Chương trình 2 (cán bộ huyện, xã); CT3: Chương trình 3 (cộng đồng)); ghi mã, số hoặc tên chương trình, hoặc để trống vì lớp CT3-3 đã cho biết chương trình"
    );
    let written = std::fs::read_dir(dir.path().join("out/giay-chung-nhan")).unwrap().count();
    assert_eq!(written, 6);

    // The programme and unit columns left out: the class says them.
    let short: String =
        std::iter::once("Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị công tác,Lớp".to_owned())
            .chain(rows[..6].iter().map(|r| {
                let c: Vec<&str> = r.split(',').collect();
                [c[1], c[2], c[3], c[4], c[6], c[9]].join(",")
            }))
            .collect::<Vec<_>>()
            .join("\n");
    let dir = with_list("ds.csv", short.as_bytes(), &[]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 6);
    let text = certs[1][0].text().replace('\n', " ");
    assert!(text.contains("Chương trình 2 (cán bộ huyện, xã), lớp CT2-1"), "{text}");
}

/// The example's agency lines, as a change for `with_list`.
const AGENCY: &str = "co_quan:\n  chu_quan: UBND TỈNH LẠNG SƠN\n  ban_hanh: SỞ DÂN TỘC VÀ TÔN GIÁO\n";

/// Issue 13.2: the certificate is one page; the signer's place and date,
/// titles and name are on it, inside the inner frame, above the bottom
/// margin and below the last details line.
fn signer_with_the_details(cert: &[PageFacts], what: &str) {
    assert_eq!(cert.len(), 1, "{what}: one page, not {}", cert.len());
    let p = &cert[0];
    inside_border(p);
    let lines = p.lines();
    let signer = |l: &&vanban::inspect::Line| {
        l.text.starts_with("Lạng Sơn, ngày")
            || ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Thị Thu Hà"].contains(&l.text.as_str())
    };
    let sig: Vec<_> = lines.iter().filter(signer).collect();
    let texts: Vec<&str> = sig.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts[1..], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Thị Thu Hà"], "{what}");
    let name = sig.last().unwrap();
    // The name's line box (0.25 em below the baseline) ends above the
    // bottom margin, 14 mm from the edge.
    assert!(name.y + 0.25 * name.size() <= p.height - 14.0 * MM + 0.01, "{what}: name at {}", name.y);
    // The details: every line from the trainee's name down, the signer's aside.
    let first = lines.iter().position(|l| l.text.starts_with("Ông:") || l.text.starts_with("Bà:")).unwrap();
    let details_bottom =
        lines[first + 1..].iter().filter(|l| !signer(l)).map(|l| l.y + 0.25 * l.size()).fold(0.0, f64::max);
    let signer_top = sig.iter().map(|l| l.y - 0.9 * l.size()).fold(f64::INFINITY, f64::min);
    assert!(
        details_bottom <= signer_top,
        "{what}: details end at {details_bottom}, signer starts at {signer_top}"
    );
    assert!(lines[first + 1..].iter().any(|l| l.text.starts_with("Thời gian:")), "{what}");
}

#[test]
fn four_agency_lines_keep_the_signer_on_the_page() {
    let list = std::fs::read(example("hoc-vien.csv")).unwrap();
    let four = "co_quan:\n  chu_quan: [UBND TỈNH LẠNG SƠN, BAN CHỈ ĐẠO]\n  ban_hanh: [SỞ DÂN TỘC VÀ TÔN GIÁO, BAN QUẢN LÝ DỰ ÁN]\n";
    let dir = with_list("hoc-vien.csv", &list, &[(AGENCY, four)]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 480);
    for (i, cert) in certs.iter().enumerate() {
        signer_with_the_details(cert, &format!("certificate {}", i + 1));
    }
}

#[test]
fn one_parent_and_three_agency_lines_keep_the_signer_on_the_page() {
    let list = std::fs::read(example("hoc-vien.csv")).unwrap();
    let one_three = "co_quan:\n  chu_quan: UBND TỈNH LẠNG SƠN\n  ban_hanh: [SỞ DÂN TỘC VÀ TÔN GIÁO, BAN QUẢN LÝ DỰ ÁN, GIẢM NGHÈO BỀN VỮNG]\n";
    let dir = with_list("hoc-vien.csv", &list, &[(AGENCY, one_three)]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 480);
    for (i, cert) in certs.iter().enumerate() {
        signer_with_the_details(cert, &format!("certificate {}", i + 1));
    }
}

#[test]
fn three_agency_lines_and_long_details_keep_the_signer_on_the_page() {
    let three =
        "co_quan:\n  chu_quan: UBND TỈNH LẠNG SƠN\n  ban_hanh: [SỞ DÂN TỘC VÀ TÔN GIÁO, BAN QUẢN LÝ DỰ ÁN]\n";
    let course = "khoa_hoc: thuộc Dự án 8 - Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em năm 2025.";
    let long_course = "khoa_hoc: thuộc Dự án 8 - Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em, thuộc Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030, giai đoạn I từ năm 2021 đến năm 2025, năm 2025.";
    let duty = "Phó Chủ tịch Hội Liên hiệp Phụ nữ xã kiêm Chi hội trưởng Chi hội Phụ nữ thôn Nà Pàn, Tổ trưởng Tổ hòa giải thôn";
    let unit = "Hội Liên hiệp Phụ nữ xã Hoàng Văn Thụ, huyện Văn Lãng, tỉnh Lạng Sơn, Chi hội Phụ nữ thôn Nà Pàn và Khòn Lạn, Ban công tác Mặt trận thôn Nà Pàn";
    let list = format!(
        "{HEADER}1,Hoàng Thị Phương Thảo,Nữ,05/03/1978,Tày,\"{duty}\",\"{unit}\",Tràng Định,CT2,CT2-1\n\
         2,Nông Văn An,Nam,1980,Tày,Trưởng thôn,\"{unit}, Tổ liên gia tự quản an ninh trật tự thôn Khòn Lạn\",Tràng Định,CT3,CT3-1\n\
         3,Vi Thị Dung,Nữ,12/12/1985,Tày,\"{duty}\",Thôn Nà Pàn,Tràng Định,CT3,CT3-1\n\
         4,Lý Văn Cường,Nam,1975,Dao,\"Trưởng\nthôn\",\"Thôn\nNà\nPàn,\nxã\nĐề\nThám\",Văn Lãng,CT3,CT3-1\n"
    );
    let dir = with_list("ds.csv", list.as_bytes(), &[(AGENCY, three), (course, long_course)]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 4);
    for (i, cert) in certs.iter().enumerate() {
        signer_with_the_details(cert, &format!("certificate {}", i + 1));
        let text = squash(&cert[0].text());
        assert!(text.contains(&squash("giai đoạn I từ năm 2021 đến năm 2025, năm 2025.")), "{text}");
    }
    assert!(squash(&certs[0][0].text()).contains(&squash(duty)));
    assert!(
        squash(&certs[1][0].text()).contains(&squash("Tổ liên gia tự quản an ninh trật tự thôn Khòn Lạn"))
    );
}

#[test]
fn an_agency_block_too_tall_for_any_size_is_refused_at_its_line() {
    // Six names, each wrapping to three lines in the 95 mm column.
    let long = "BAN QUẢN LÝ CÁC DỰ ÁN ĐẦU TƯ XÂY DỰNG CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP";
    let tall =
        format!("co_quan:\n  chu_quan: [{long}, {long}, {long}]\n  ban_hanh: [{long}, {long}, {long}]\n");
    let dir = with_list(
        "ds.csv",
        format!("{HEADER}1,Nông Văn An,Nam,1980,Tày,,Thôn A,Tràng Định,CT3,CT3-1\n").as_bytes(),
        &[(AGENCY, &tall)],
    );
    let path = dir.path().join("giay-chung-nhan.yaml");
    let err = engine().prepare(&path).err().expect("refused").to_string();
    assert_eq!(
        err,
        format!(
            "{}:4: lỗi: trường 'co_quan': khối tên cơ quan chiếm 18 dòng, quá cao: giấy chứng nhận không vừa một trang dù các dòng về học viên đã thu nhỏ đến 8 pt và khoảng chừa cho chữ ký chỉ còn 16 mm; hãy viết gọn tên cơ quan (thường 2 hoặc 3 dòng)",
            path.display()
        )
    );
    let (o, _) = build_dir(dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("out/giay-chung-nhan").exists());
}

#[test]
fn six_agency_lines_shrink_the_details_then_the_signature_gap_not_below_16_mm() {
    let six = "co_quan:\n  chu_quan: [UBND TỈNH LẠNG SƠN, BAN CHỈ ĐẠO, CÁC CHƯƠNG TRÌNH]\n  ban_hanh: [SỞ DÂN TỘC VÀ TÔN GIÁO, BAN QUẢN LÝ DỰ ÁN, GIẢM NGHÈO]\n";
    let duty = "Phó Chủ tịch Hội Liên hiệp Phụ nữ xã kiêm Chi hội trưởng Chi hội Phụ nữ thôn Nà Pàn, Tổ trưởng Tổ hòa giải thôn";
    let unit = "Hội Liên hiệp Phụ nữ xã Hoàng Văn Thụ, huyện Văn Lãng, tỉnh Lạng Sơn, Chi hội Phụ nữ thôn Nà Pàn và Khòn Lạn, Ban công tác Mặt trận thôn Nà Pàn";
    let words = |s: &str, n: usize| format!("{s} {s}").split(' ').take(n).collect::<Vec<_>>().join(" ");
    // Duties and units from a few words to about two lines each.
    let mut list = String::from(HEADER);
    for d in 0..4 {
        for u in 0..4 {
            let n = d * 4 + u + 1;
            let (duty, unit) = (words(duty, d * 12 + 10), words(unit, u * 12 + 20));
            list.push_str(&format!(
                "{n},Vi Thị Dung,Nữ,12/12/1985,Tày,\"{duty}\",\"{unit}\",Tràng Định,CT3,CT3-1\n"
            ));
        }
    }
    let dir = with_list("ds.csv", list.as_bytes(), &[(AGENCY, six)]);
    let certs = records(&dir.path().join("giay-chung-nhan.yaml"));
    assert_eq!(certs.len(), 16);
    let (mut narrowed, mut smallest) = (false, false);
    for (i, cert) in certs.iter().enumerate() {
        let what = format!("certificate {}", i + 1);
        signer_with_the_details(cert, &what);
        let p = &cert[0];
        // From the last title's line box to the name's: the gap left for
        // the signature and seal.
        let (title, name) = (line(p, "PHÓ GIÁM ĐỐC"), line(p, "Hoàng Thị Thu Hà"));
        let gap = (name.y - 0.9 * 14.0) - (title.y + 0.25 * 14.0);
        assert!((16.0 * MM - 0.01..=22.0 * MM + 0.01).contains(&gap), "{what}: gap {} mm", gap / MM);
        let details: Vec<f64> = p
            .lines()
            .iter()
            .filter(|l| l.y > line(p, "Bà:").y + 1.0 && l.y < line(p, "Lạng Sơn, ngày").y - 1.0)
            .map(|l| l.size())
            .collect();
        let largest = details.iter().copied().fold(0.0, f64::max);
        // The details go down to 12 pt before the gap narrows.
        if gap < 22.0 * MM - 0.01 {
            narrowed = true;
            assert!(largest <= 12.0 + 1e-6, "{what}: gap {} mm with details at {largest} pt", gap / MM);
        }
        if largest < 12.0 - 1e-6 {
            smallest = true;
            assert!(
                (gap - 16.0 * MM).abs() < 0.01,
                "{what}: details at {largest} pt with a gap of {} mm",
                gap / MM
            );
        }
    }
    assert!(narrowed && smallest, "every step is used");
}

#[test]
fn a_unit_too_long_for_any_size_skips_its_row_with_the_reason() {
    let unit = ["Chi hội Phụ nữ thôn Nà Pàn và Khòn Lạn, Ban công tác Mặt trận thôn Nà Pàn"; 60].join(", ");
    let list = format!(
        "{HEADER}1,Nông Văn An,Nam,1980,Tày,Trưởng thôn,\"{unit}\",Tràng Định,CT3,CT3-1\n\
         2,Vi Thị Dung,Nữ,12/12/1985,Tày,Trưởng thôn,Thôn Nà Pàn,Tràng Định,CT3,CT3-1\n"
    );
    let dir = with_list("ds.csv", list.as_bytes(), &[]);
    let (o, report) = build_dir(dir.path());
    assert_eq!(o.status.code(), Some(1));
    let rows = report["giay_chung_nhan"]["muc"].as_array().unwrap();
    assert_eq!(rows[0]["trang_thai"], "loi");
    assert_eq!(
        rows[0]["ly_do"],
        "dòng 2, cột 'Đơn vị công tác': quá dài (26 dòng ở cỡ 8 pt): giấy chứng nhận không vừa một trang dù các dòng về học viên đã thu nhỏ đến 8 pt và khoảng chừa cho chữ ký chỉ còn 16 mm; hãy viết gọn lại"
    );
    assert_eq!(rows[1]["trang_thai"], "da-ghi");
}
