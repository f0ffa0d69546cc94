//! `vanban chuyen-ma`: the example list, typed in TCVN3 or VNI, comes back
//! as the original; a mixed list converts only its legacy cells; the
//! original and any existing file are never overwritten.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader};
use common::*;
use vanban::chuyen_ma::{Encoding, cp1252_bytes, encode};

fn vanban(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(cwd).output().expect("run vanban")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The example list as UTF-8 text, without its BOM.
fn example_csv() -> (Vec<u8>, String) {
    let bytes = std::fs::read(example("hoc-vien.csv")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap().strip_prefix('\u{feff}').unwrap().to_owned();
    (bytes, text)
}

/// How many cells of a CSV text a legacy copy of it changes (in VNI,
/// `Bình` is `Bình`: its ì is one byte that Windows-1252 reads as ì).
fn legacy_cells(text: &str, encoding: Encoding) -> usize {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().filter(|c| encode(c, encoding) != *c).count()).sum()
}

#[test]
fn the_example_csv_in_tcvn3_or_vni_comes_back_byte_identical() {
    let (original, text) = example_csv();
    for encoding in [Encoding::Tcvn3, Encoding::Vni] {
        let cells = legacy_cells(&text, encoding);
        assert!(cells > 2000, "{cells}");
        let legacy = encode(&text, encoding);
        assert_ne!(legacy, text);
        // Saved as "CSV UTF-8" (the legacy letters are Unicode mojibake),
        // or as plain 8-bit bytes, which is not UTF-8 at all.
        let utf8 = format!("\u{feff}{legacy}").into_bytes();
        let raw = cp1252_bytes(&legacy).expect("8-bit");
        assert!(std::str::from_utf8(&raw).is_err());
        for bytes in [utf8, raw] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("hoc-vien.csv"), &bytes).unwrap();
            let o = vanban(&["chuyen-ma", "hoc-vien.csv"], dir.path());
            assert!(o.status.success(), "{}", stderr(&o));
            assert_eq!(
                stderr(&o),
                format!("đã chuyển {cells} ô sang Unicode; ghi hoc-vien-unicode.csv\n"),
                "{}",
                encoding.name()
            );
            assert_eq!(stdout(&o).lines().count(), cells);
            let converted = std::fs::read(dir.path().join("hoc-vien-unicode.csv")).unwrap();
            assert!(converted == original, "{} differs from the original", encoding.name());
            assert_eq!(
                std::fs::read(dir.path().join("hoc-vien.csv")).unwrap(),
                bytes,
                "the input is untouched"
            );
        }
    }
}

/// Every sheet of a workbook: name, first cell, cells by position.
type Sheets = Vec<(String, Option<(u32, u32)>, Vec<(usize, usize, Data)>)>;

fn sheets_of(path: &Path) -> Sheets {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let cells = range.used_cells().map(|(r, c, d)| (r, c, d.clone())).collect();
            (name, range.start(), cells)
        })
        .collect()
}

/// A workbook holding `sheets`, its strings in `encoding`.
fn legacy_workbook(sheets: &Sheets, encoding: Encoding) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (name, start, cells) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let (top, left) = start.unwrap_or((0, 0));
        for (r, c, d) in cells {
            let (r, c) = (top + *r as u32, (left as usize + c) as u16);
            match d {
                Data::String(s) => sheet.write_string(r, c, encode(s, encoding)).map(|_| ()),
                Data::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
                Data::DateTime(dt) => sheet.write_number_with_format(r, c, dt.as_f64(), &date).map(|_| ()),
                other => panic!("the example has no {other:?}"),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_example_workbook_in_tcvn3_or_vni_comes_back_with_the_same_cells() {
    let original = sheets_of(&example("hoc-vien.xlsx"));
    assert_eq!(original[0].0, "Danh sách");
    assert!(original[0].2.iter().any(|(_, _, d)| matches!(d, Data::DateTime(_))), "dates stay dates");
    for encoding in [Encoding::Tcvn3, Encoding::Vni] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hoc-vien.xlsx"), legacy_workbook(&original, encoding)).unwrap();
        assert_ne!(sheets_of(&dir.path().join("hoc-vien.xlsx")), original);
        let o = vanban(&["chuyen-ma", "hoc-vien.xlsx"], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).ends_with(" ô sang Unicode; ghi hoc-vien-unicode.xlsx\n"), "{}", stderr(&o));
        assert_eq!(sheets_of(&dir.path().join("hoc-vien-unicode.xlsx")), original, "{}", encoding.name());
    }
}

/// The example list with its row `tcvn3` typed in TCVN3 and `vni` in VNI
/// (rows as a spreadsheet numbers them).
fn mixed_list(tcvn3: usize, vni: usize) -> Vec<u8> {
    let (_, text) = example_csv();
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| match i + 1 {
            r if r == tcvn3 => encode(line, Encoding::Tcvn3),
            r if r == vni => encode(line, Encoding::Vni),
            _ => line.to_owned(),
        })
        .collect();
    format!("\u{feff}{}", lines.concat()).into_bytes()
}

/// The example folder in a temporary one, with `list` as its hoc-vien.csv.
fn example_folder(list: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join("data/du-an-8-2025")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("hoc-vien.csv"), list).unwrap();
    dir
}

#[test]
fn a_mixed_list_converts_exactly_its_legacy_cells_and_then_passes_the_check() {
    let (original, text) = example_csv();
    let dir = example_folder(&mixed_list(3, 7));
    // Refused as it is, with the command that mends it.
    let o = vanban(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let list = dir.path().canonicalize().unwrap().join("hoc-vien.csv");
    assert!(
        stdout(&o).contains(&format!(
            "hoc-vien.csv:3:2: lỗi: trường 'Họ và tên': dữ liệu dùng bảng mã cũ (TCVN3/ABC hoặc VNI), \
             không phải Unicode: 'ThÞ'; chạy 'vanban chuyen-ma {}' để có bản Unicode {}, rồi dùng tệp đó\n",
            list.display(),
            list.with_file_name("hoc-vien-unicode.csv").display()
        )),
        "{}",
        stdout(&o)
    );

    let o = vanban(&["chuyen-ma", "hoc-vien.csv"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = stdout(&o);
    let rows: Vec<&str> = text.lines().collect();
    let expected =
        |row: usize| legacy_cells(rows[row - 1], if row == 3 { Encoding::Tcvn3 } else { Encoding::Vni });
    assert_eq!(listed.lines().count(), expected(3) + expected(7), "{listed}");
    assert!(listed.lines().all(|l| l.starts_with("dòng 3, ") || l.starts_with("dòng 7, ")), "{listed}");
    assert_eq!(listed.lines().next(), Some("dòng 3, cột 'Họ và tên': 'Vi ThÞ H»ng' → 'Vi Thị Hằng' (TCVN3)"));
    assert!(listed.contains("\ndòng 7, cột 'Dân tộc': 'Taøy' → 'Tày' (VNI)\n"), "{listed}");
    assert_eq!(
        stderr(&o),
        format!("đã chuyển {} ô sang Unicode; ghi hoc-vien-unicode.csv\n", expected(3) + expected(7))
    );
    let converted = std::fs::read(dir.path().join("hoc-vien-unicode.csv")).unwrap();
    assert!(converted == original, "only the legacy cells changed, back to the original");

    std::fs::rename(dir.path().join("hoc-vien-unicode.csv"), dir.path().join("hoc-vien.csv")).unwrap();
    let o = vanban(&["check", "."], dir.path());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_raw_8_bit_list_is_refused_with_the_command_to_run() {
    let (_, text) = example_csv();
    let raw = cp1252_bytes(&encode(&text, Encoding::Tcvn3)).unwrap();
    let dir = example_folder(&raw);
    let o = vanban(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let list = dir.path().canonicalize().unwrap().join("hoc-vien.csv");
    assert!(
        stdout(&o).contains(&format!(
            "hoc-vien.csv:1: lỗi: tệp không phải Unicode UTF-8 (có thể đang dùng bảng mã cũ TCVN3/ABC, VNI hoặc \
             Windows-1258); nếu là TCVN3 hoặc VNI, chạy 'vanban chuyen-ma {}' để có bản Unicode {}, rồi dùng tệp \
             đó; nếu không, mở bằng Excel và lưu lại dạng \"CSV UTF-8\"\n",
            list.display(),
            list.with_file_name("hoc-vien-unicode.csv").display()
        )),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_original_and_an_existing_file_are_never_overwritten() {
    let legacy = mixed_list(3, 7);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hoc-vien.csv"), &legacy).unwrap();
    for out in ["hoc-vien.csv", "./hoc-vien.csv"] {
        let o = vanban(&["chuyen-ma", "hoc-vien.csv", "-o", out], dir.path());
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            format!(
                "lỗi: tệp đầu ra '{out}' chính là tệp gốc; vanban không ghi đè tệp gốc: chọn tên khác bằng -o\n"
            )
        );
    }
    std::fs::write(dir.path().join("hoc-vien-unicode.csv"), b"previous").unwrap();
    let o = vanban(&["chuyen-ma", "hoc-vien.csv"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "lỗi: tệp 'hoc-vien-unicode.csv' đã có; vanban không ghi đè: xóa tệp đó hoặc chọn tên khác bằng -o\n"
    );
    assert_eq!(stdout(&o), "", "nothing is listed before the refusal");
    assert_eq!(std::fs::read(dir.path().join("hoc-vien-unicode.csv")).unwrap(), b"previous");
    assert_eq!(std::fs::read(dir.path().join("hoc-vien.csv")).unwrap(), legacy);
    // -o elsewhere works, and leaves no temporary file behind.
    let o = vanban(&["chuyen-ma", "hoc-vien.csv", "-o", "moi.csv"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).ends_with("ghi moi.csv\n"), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["hoc-vien-unicode.csv", "hoc-vien.csv", "moi.csv"]);
}

#[test]
fn a_unicode_list_has_nothing_to_convert_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("hoc-vien.csv"), dir.path().join("hoc-vien.csv")).unwrap();
    let o = vanban(&["chuyen-ma", "hoc-vien.csv"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "không có ô nào cần chuyển sang Unicode trong hoc-vien.csv; không ghi tệp nào\n");
    assert!(!dir.path().join("hoc-vien-unicode.csv").exists());
    let o = vanban(&["chuyen-ma", "danh-sach.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "danh-sach.txt: lỗi: chỉ chuyển mã được danh sách dạng .csv hoặc .xlsx\n");
}
