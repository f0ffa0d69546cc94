//! The trainee list (danh sách học viên): the columns vanban reads from a
//! list ([`super::danh_sach`]) and the checks of each row.

use std::collections::BTreeMap;
use std::path::Path;

use super::common::{Ngay, days_in_month};
use super::danh_sach::Table;
use crate::error::{Error, InputError, Result};
use crate::vi;

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
    Ok(NgaySinh::Ngay(Ngay { day: Some(d), month: m, year: y as i32, thang_trong: false }))
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
    read_bytes(name, bytes.to_vec(), rename)
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
    rows_of(path, &Table::read_bytes(path, bytes)?, rename)
}

/// The trainees of a list already read.
pub fn rows_of(
    path: &Path,
    table: &Table,
    rename: &BTreeMap<String, String>,
) -> Result<Vec<std::result::Result<HocVien, RowError>>> {
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
        .filled()
        .map(|(dong, r)| {
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
                _ => {
                    // As typed, not as compared.
                    let typed = get("Giới tính");
                    return Err(err("Giới tính", format!("'{typed}' không hợp lệ: ghi 'Nam' hoặc 'Nữ'")));
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
    fn births() {
        assert_eq!(parse_birth("05/03/1978").unwrap().text(), "05/03/1978");
        assert_eq!(parse_birth("1972").unwrap(), NgaySinh::Nam(1972));
        assert!(parse_birth("31/02/1980").unwrap_err().contains("chỉ có 29 ngày"));
        assert!(parse_birth("12/13/1980").unwrap_err().contains("tháng 13"));
        assert!(parse_birth("abc").is_err());
    }
}
