//! Biên bản (NĐ30 Phụ lục III, Mẫu 1.9): the minutes of a meeting. No
//! place and date in the header (the time is in the body), two signers,
//! THƯ KÝ and CHỦ TỌA, and Nơi nhận below them.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::common::*;
use super::ke_hoach::Node;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BienBan {
    /// `bien-ban`.
    pub loai: String,
    pub co_quan: CoQuan,
    /// Given by the văn thư; absent = blank.
    #[serde(default)]
    pub so: Option<u32>,
    /// "BB-SDTTG".
    pub ky_hieu: String,
    /// The meeting's name under "BIÊN BẢN" (Mẫu 1.9 note 4).
    pub trich_yeu: Lines,
    /// The day of the meeting: "Thời gian bắt đầu: …, ngày …".
    pub ngay: Ngay,
    pub bat_dau: Gio,
    /// "Cuộc họp kết thúc vào …" (the same day).
    pub ket_thuc: Gio,
    pub dia_diem: String,
    /// "Thành phần tham dự:": one line, or a list under it.
    pub thanh_phan: Lines,
    pub chu_toa: NguoiBienBan,
    pub thu_ky: NguoiBienBan,
    /// The minutes, in the plan's blocks (paragraphs, numbered items, tables).
    pub noi_dung: Vec<Node>,
    pub noi_nhan: Vec<Nhan>,
    /// "- Lưu: VT, Hồ sơ." as Mẫu 1.9 has it, unless given.
    #[serde(default = "luu_ho_so")]
    pub luu: String,
}

fn luu_ho_so() -> String {
    "VT, Hồ sơ".into()
}

/// The chairperson or the secretary: named in the body, signing below.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NguoiBienBan {
    pub ho_ten: String,
    /// After the name in the body: "Phó Giám đốc Sở, Trưởng Ban Tổ chức".
    #[serde(default)]
    pub chuc_vu: Option<String>,
    /// Under "CHỦ TỌA" in the signature: the official title, when needed
    /// (Mẫu 1.9 note 5).
    #[serde(default)]
    pub chuc_vu_ky: Option<String>,
}

/// A time of day: "8 giờ 30", "08 giờ", "8:30", "8h30".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gio {
    pub gio: u32,
    pub phut: u32,
}

impl Gio {
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("giờ '{s}' không hợp lệ: viết 'giờ phút', ví dụ '8 giờ 30' hoặc '08:30'");
        let t = s.trim().to_lowercase();
        let (h, m) = ["giờ", ":", "h"]
            .iter()
            .find_map(|sep| t.split_once(sep))
            .map(|(h, m)| (h.trim().to_owned(), m.trim().to_owned()))
            .unwrap_or((t.clone(), String::new()));
        let num = |x: &str| -> Result<u32, String> {
            if x.is_empty() || x.len() > 2 || !x.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            x.parse().map_err(|_| bad())
        };
        let gio = num(&h)?;
        let phut = if m.is_empty() { 0 } else { num(&m)? };
        if gio > 23 || phut > 59 {
            return Err(format!("giờ '{s}' không tồn tại: giờ từ 0 đến 23, phút từ 0 đến 59"));
        }
        Ok(Self { gio, phut })
    }
}

impl fmt::Display for Gio {
    /// "08 giờ 30", as the decree's models write times.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02} giờ {:02}", self.gio, self.phut)
    }
}

impl<'de> Deserialize<'de> for Gio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = super::ke_hoach::Text::deserialize(d)?.0;
        Gio::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_clerks_write_them() {
        for s in ["8 giờ 30", "08 giờ 30", "8:30", "8h30", "08H30"] {
            assert_eq!(Gio::parse(s), Ok(Gio { gio: 8, phut: 30 }), "{s}");
        }
        assert_eq!(Gio::parse("14 giờ").unwrap().to_string(), "14 giờ 00");
        assert!(Gio::parse("25:00").unwrap_err().contains("không tồn tại"));
        assert!(Gio::parse("sáng").unwrap_err().contains("không hợp lệ"));
    }
}
