//! A list as offices keep it (danh sách): a CSV file (UTF-8, with or
//! without BOM) or an Excel workbook (first sheet), a header row, then one
//! row per record. The trainee list reads its columns from it; any document
//! merged over a list (`tron`) uses its cells.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, InputError, Result};
use crate::{chuyen_ma, vi};

/// The longest list one batch takes. Memory stays flat while laying out,
/// but every row's data is held; a longer list is refused with a message
/// saying to split it.
pub const MAX_ROWS: usize = 20_000;

/// Why a list of `rows` rows is refused.
pub fn too_many_rows(rows: usize) -> String {
    format!(
        "danh sách có {rows} dòng, quá {MAX_ROWS} dòng cho một lần dựng; hãy chia thành nhiều tệp (ví dụ theo lớp)"
    )
}

/// A list's cells as text (NFC, trimmed), the header row apart. Excel
/// dates become dd/mm/yyyy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// The rows after the header, empty ones included (row `i` is the
    /// spreadsheet's row `i + 2`).
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The rows holding something, each with its row number as a
    /// spreadsheet shows it (the header is row 1).
    pub fn filled(&self) -> impl Iterator<Item = (usize, &[String])> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .map(|(i, r)| (i + 2, r.as_slice()))
    }

    /// Reads a list held in memory; `path` names it in messages and tells
    /// CSV from Excel by its extension. The whole file is refused when it
    /// is too long or typed in a legacy encoding (naming the first cell).
    pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self> {
        Self::cells(path, bytes)?.checked(path)
    }

    /// The list's cells as written, unchecked (a page shows a list with
    /// its problems marked).
    pub fn cells(path: &Path, bytes: Vec<u8>) -> Result<Self> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let table = match ext.as_str() {
            "csv" => csv_table(path, &bytes)?,
            "xlsx" | "xlsm" | "xls" | "ods" => read_xlsx(path, bytes)?,
            _ => {
                return Err(Error::input(InputError::new(path, "", "danh sách phải là tệp .csv hoặc .xlsx")));
            }
        };
        Ok(table)
    }

    fn checked(self, path: &Path) -> Result<Self> {
        if self.rows.len() > MAX_ROWS {
            return Err(Error::input(InputError::new(path, "", too_many_rows(self.rows.len()))));
        }
        for (i, row) in self.rows.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                if let Some(word) = vi::legacy_encoding(cell) {
                    let column = self.header.get(j).cloned().unwrap_or_default();
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
        Ok(self)
    }
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
    fn empty_rows_are_skipped_and_rows_keep_their_numbers() {
        let t = Table::read_bytes(Path::new("a.csv"), "A,B\n1,2\n,\n3,4\n".into()).unwrap();
        let filled: Vec<(usize, Vec<String>)> = t.filled().map(|(n, r)| (n, r.to_vec())).collect();
        assert_eq!(filled, [(2, vec!["1".to_string(), "2".into()]), (4, vec!["3".into(), "4".into()])]);
        let e = Table::read_bytes(Path::new("a.txt"), Vec::new()).unwrap_err().to_string();
        assert!(e.ends_with("danh sách phải là tệp .csv hoặc .xlsx"), "{e}");
    }
}
