//! The trainee list (danh sách học viên), as offices keep it: a CSV file
//! (UTF-8, with or without BOM) or an Excel workbook (first sheet).

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader};

use super::common::{Ngay, days_in_month};
use crate::error::{Error, InputError, Result};
use crate::{chuyen_ma, vi};

/// The longest list one batch takes. Memory stays flat while laying out,
/// but every row's data is held; a longer list is refused with a message
/// saying to split it.
pub const MAX_ROWS: usize = 20_000;

/// The columns vanban reads, by their usual header.
pub const COLUMNS: [&str; 10] = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Chức vụ",
    "Đơn vị công tác",
    "Xã/phường",
    "Chương trình",
    "Lớp",
];

/// Columns a list may leave out: the class already names the programme and
/// the units; a title is not always known.
const OPTIONAL: [&str; 4] = ["STT", "Chức vụ", "Xã/phường", "Chương trình"];

/// Other headers lists use for a column: the unit column has had many names,
/// and lists from before 1 July 2025 say "Huyện".
const ALIASES: [(&str, &str); 8] = [
    ("Huyện", "Xã/phường"),
    ("Huyện/thành phố", "Xã/phường"),
    ("Xã", "Xã/phường"),
    ("Phường", "Xã/phường"),
    ("Xã, phường", "Xã/phường"),
    ("Đơn vị hành chính", "Xã/phường"),
    ("Địa bàn", "Xã/phường"),
    ("Họ tên", "Họ và tên"),
];

/// Date of birth: a full date, or only the year where only that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NgaySinh {
    Ngay(Ngay),
    Nam(i32),
}

impl NgaySinh {
    /// "05/03/1978" (day and month padded, as certificates write it), or "1972".
    pub fn text(&self) -> String {
        match self {
            NgaySinh::Ngay(n) => format!("{:02}/{:02}/{}", n.day.unwrap_or(1), n.month, n.year),
            NgaySinh::Nam(y) => y.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HocVien {
    /// Row in the file as a spreadsheet numbers it (the header is row 1).
    pub dong: usize,
    pub ho_ten: String,
    /// true = Nữ (Bà), false = Nam (Ông).
    pub nu: bool,
    pub ngay_sinh: NgaySinh,
    pub dan_toc: String,
    pub chuc_vu: String,
    pub don_vi: String,
    /// The unit (xã, phường; huyện in older lists), when the list has it.
    pub dia_ban: String,
    pub chuong_trinh: String,
    pub lop: String,
}

/// A row that cannot be used, with its row number and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub dong: usize,
    pub cot: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dòng {}, cột '{}': {}", self.dong, self.cot, self.message)
    }
}

/// Raw cells, one row each, after the header. Excel dates become dd/mm/yyyy.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// CSV bytes as a table; `path` only names the file in messages.
fn csv_table(path: &Path, bytes: &[u8]) -> Result<Table> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            return Err(Error::input(
                InputError::new(
                    path,
                    "",
                    format!(
                        "tệp không phải Unicode UTF-8 (có thể đang dùng bảng mã cũ TCVN3/ABC, VNI hoặc Windows-1258); \
                         nếu là TCVN3 hoặc VNI, chạy '{}' để có bản Unicode {}, rồi dùng tệp đó; \
                         nếu không, mở bằng Excel và lưu lại dạng \"CSV UTF-8\"",
                        chuyen_ma::command_for(path),
                        chuyen_ma::default_output(path).display()
                    ),
                )
                .at(line, None),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::input(InputError::new(path, "", format!("lỗi định dạng CSV: {e}")).at(i + 1, None))
        })?;
        records.push(rec.iter().map(|c| vi::clean(c.trim())).collect::<Vec<_>>());
    }
    let mut it = records.into_iter();
    let header = it.next().unwrap_or_default();
    Ok(Table { header, rows: it.collect() })
}

/// An Excel serial day (1900 date system) as a date.
fn excel_date(serial: f64) -> Option<(u32, u32, i32)> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 25569 is 1970-01-01; Excel's 1900 leap-year bug is before March 1900.
    let days = serial.floor() as i64 - 25569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Some((d, m, y))
}

fn read_xlsx(path: &Path, bytes: Vec<u8>) -> Result<Table> {
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input(InputError::new(path, "", format!("không đọc được tệp Excel: {e}"))))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Error::input(InputError::new(path, "", "tệp Excel không có trang tính nào")))?
        .map_err(|e| {
            Error::input(InputError::new(path, "", format!("không đọc được trang tính đầu tiên: {e}")))
        })?;
    let cell = |d: &Data| -> String {
        match d {
            Data::String(s) => vi::clean(s.trim()),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => match excel_date(dt.as_f64()) {
                Some((d, m, y)) => format!("{d:02}/{m:02}/{y}"),
                None => dt.as_f64().to_string(),
            },
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => format!("#{e:?}"),
            Data::Empty => String::new(),
        }
    };
    let mut rows = range.rows().map(|r| r.iter().map(cell).collect::<Vec<_>>());
    let header = rows.next().unwrap_or_default();
    Ok(Table { header, rows: rows.collect() })
}

fn parse_birth(s: &str) -> std::result::Result<NgaySinh, String> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = s.parse().map_err(|_| "năm sinh không hợp lệ".to_string())?;
        return if (1900..=2100).contains(&y) {
            Ok(NgaySinh::Nam(y))
        } else {
            Err(format!("năm sinh {y} không hợp lệ"))
        };
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(format!(
            "ngày sinh '{s}' không hợp lệ: viết dd/mm/yyyy (ví dụ 05/03/1978) hoặc chỉ năm (1978)"
        ));
    };
    let num = |t: &str| t.trim().parse::<u32>().ok();
    let (Some(d), Some(m), Some(y)) = (num(d), num(m), num(y)) else {
        return Err(format!(
            "ngày sinh '{s}' không hợp lệ: viết dd/mm/yyyy (ví dụ 05/03/1978) hoặc chỉ năm (1978)"
        ));
    };
    if !(1900..=2100).contains(&y) {
        return Err(format!("ngày sinh '{s}' không hợp lệ: năm phải có 4 chữ số"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("ngày sinh '{s}' không tồn tại: không có tháng {m}"));
    }
    let last = days_in_month(y as i32, m);
    if d < 1 || d > last {
        return Err(format!("ngày sinh '{s}' không tồn tại: tháng {m}/{y} chỉ có {last} ngày"));
    }
    Ok(NgaySinh::Ngay(Ngay { day: Some(d), month: m, year: y as i32 }))
}

/// Reads the list. `rename` maps the file's own header names onto
/// [`COLUMNS`]. A whole-file problem (missing column, legacy encoding) is an
/// error; a bad row is returned as a [`RowError`] so the others go on.
/// Reads CSV bytes already in memory (as [`read`] does a file).
pub fn read_csv_bytes(
    name: &Path,
    bytes: &[u8],
    rename: &BTreeMap<String, String>,
) -> Result<Vec<std::result::Result<HocVien, RowError>>> {
    rows_of(name, csv_table(name, bytes)?, rename)
}

pub fn read(
    path: &Path,
    rename: &BTreeMap<String, String>,
) -> Result<Vec<std::result::Result<HocVien, RowError>>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("không đọc được tệp", path, e))?;
    read_bytes(path, bytes, rename)
}

/// Reads a list held in memory (as [`read`] does a file); `path` names it
/// in messages and tells CSV from Excel by its extension.
pub fn read_bytes(
    path: &Path,
    bytes: Vec<u8>,
    rename: &BTreeMap<String, String>,
) -> Result<Vec<std::result::Result<HocVien, RowError>>> {
    rows_of(path, table_of(path, bytes)?, rename)
}

/// The list's format, by the extension of `path`.
fn table_of(path: &Path, bytes: Vec<u8>) -> Result<Table> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" => csv_table(path, &bytes),
        "xlsx" | "xlsm" | "xls" | "ods" => read_xlsx(path, bytes),
        _ => Err(Error::input(InputError::new(path, "", "danh sách học viên phải là tệp .csv hoặc .xlsx"))),
    }
}

/// The list's cells as written, its header first, as a page shows it
/// (row `i` of the rows is the spreadsheet's row `i + 2`).
pub fn cells(path: &Path, bytes: Vec<u8>) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    table_of(path, bytes).map(|t| (t.header, t.rows))
}

/// Why a list of `rows` rows is refused.
pub fn too_many_rows(rows: usize) -> String {
    format!(
        "danh sách có {rows} dòng, quá {MAX_ROWS} dòng cho một lần dựng; hãy chia thành nhiều tệp (ví dụ theo lớp)"
    )
}

fn rows_of(
    path: &Path,
    table: Table,
    rename: &BTreeMap<String, String>,
) -> Result<Vec<std::result::Result<HocVien, RowError>>> {
    if table.rows.len() > MAX_ROWS {
        return Err(Error::input(InputError::new(path, "", too_many_rows(table.rows.len()))));
    }
    // Legacy encodings: refuse the file, naming the first place it shows.
    for (i, row) in table.rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            if let Some(word) = vi::legacy_encoding(cell) {
                let column = table.header.get(j).cloned().unwrap_or_default();
                return Err(Error::input(
                    InputError::new(
                        path,
                        column,
                        format!(
                            "dữ liệu dùng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode: '{word}'; \
                             chạy '{}' để có bản Unicode {}, rồi dùng tệp đó",
                            chuyen_ma::command_for(path),
                            chuyen_ma::default_output(path).display()
                        ),
                    )
                    .at(i + 2, Some(j + 1)),
                ));
            }
        }
    }
    let normalise = |h: &str| vi::fold(h);
    // The data's own names first (`cot:`), then the usual other names.
    let renamed: BTreeMap<String, String> = ALIASES
        .iter()
        .map(|(k, v)| (normalise(k), normalise(v)))
        .chain(rename.iter().map(|(k, v)| (normalise(k), normalise(v))))
        .collect();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (j, h) in table.header.iter().enumerate() {
        let h = normalise(h);
        let h = renamed.get(&h).cloned().unwrap_or(h);
        if let Some(c) = COLUMNS.iter().find(|c| normalise(c) == h) {
            index.entry(c).or_insert(j);
        }
    }
    let missing: Vec<&str> =
        COLUMNS.iter().filter(|c| !OPTIONAL.contains(c) && !index.contains_key(*c)).copied().collect();
    if !missing.is_empty() {
        return Err(Error::input(
            InputError::new(
                path,
                "",
                format!(
                    "thiếu cột {}; dòng tiêu đề có: {} (đổi tên cột bằng khóa 'cot' trong tệp giấy chứng nhận)",
                    missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", "),
                    table.header.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ")
                ),
            )
            .at(1, None),
        ));
    }
    let rows = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| {
            let dong = i + 2;
            let get = |c: &str| index.get(c).and_then(|j| r.get(*j)).cloned().unwrap_or_default();
            let err = |cot: &str, message: String| RowError { dong, cot: cot.to_owned(), message };
            let required = |c: &str| {
                let v = get(c);
                if v.is_empty() { Err(err(c, "không được để trống".into())) } else { Ok(v) }
            };
            let ho_ten = required("Họ và tên")?;
            let nu = match get("Giới tính").to_lowercase().as_str() {
                "nữ" | "nu" | "bà" => true,
                "nam" | "ông" => false,
                other => {
                    return Err(err("Giới tính", format!("'{other}' không hợp lệ: ghi 'Nam' hoặc 'Nữ'")));
                }
            };
            let ngay_sinh = parse_birth(&required("Ngày sinh")?).map_err(|m| err("Ngày sinh", m))?;
            Ok(HocVien {
                dong,
                ho_ten,
                nu,
                ngay_sinh,
                dan_toc: required("Dân tộc")?,
                chuc_vu: get("Chức vụ"),
                don_vi: required("Đơn vị công tác")?,
                dia_ban: get("Xã/phường"),
                chuong_trinh: get("Chương trình"),
                lop: required("Lớp")?,
            })
        })
        .collect();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(excel_date(25569.0), Some((1, 1, 1970)));
        assert_eq!(excel_date(28554.0), Some((5, 3, 1978)));
        assert_eq!(excel_date(45658.0), Some((1, 1, 2025)));
    }

    #[test]
    fn births() {
        assert_eq!(parse_birth("05/03/1978").unwrap().text(), "05/03/1978");
        assert_eq!(parse_birth("1972").unwrap(), NgaySinh::Nam(1972));
        assert!(parse_birth("31/02/1980").unwrap_err().contains("chỉ có 29 ngày"));
        assert!(parse_birth("12/13/1980").unwrap_err().contains("tháng 13"));
        assert!(parse_birth("abc").is_err());
    }
}
