//! Biên bản (NĐ30 Phụ lục III, Mẫu 1.9): the minutes of a meeting. No
//! place and date in the header (the time is in the body), two signers,
//! THƯ KÝ and CHỦ TỌA, and Nơi nhận below them.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::model::common::*;
use crate::model::than::Node;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(title = "Biên bản", description = "Biên bản cuộc họp (NĐ30, Phụ lục III, Mẫu 1.9).")]
#[serde(deny_unknown_fields)]
pub struct BienBan {
    /// `bien-ban`.
    #[schemars(title = "Loại văn bản", description = "Loại văn bản vanban dựng, ghi đúng như mẫu.")]
    pub loai: String,
    #[schemars(
        title = "Cơ quan",
        description = "Cơ quan chủ quản và cơ quan ban hành (NĐ30, Phụ lục I, II.2; ô 2)."
    )]
    pub co_quan: CoQuan,
    /// Given by the văn thư; absent = blank.
    #[serde(default)]
    #[schemars(
        title = "Số",
        description = "Số văn bản do văn thư cấp sau khi ký; để trống thì in chỗ trống (NĐ30, Phụ lục I, II.3; ô 3)."
    )]
    pub so: Option<u32>,
    /// "BB-SDTTG".
    #[schemars(
        title = "Ký hiệu",
        description = "Ký hiệu văn bản, giữ đúng chữ hoa, chữ thường như viết (NĐ30, Phụ lục I, II.3; ô 3)."
    )]
    pub ky_hieu: String,
    /// The meeting's name under "BIÊN BẢN" (Mẫu 1.9 note 4).
    #[schemars(
        title = "Tên cuộc họp",
        description = "Tên cuộc họp, in dưới chữ \"BIÊN BẢN\", ví dụ `Họp Ban Tổ chức các lớp tập huấn` (NĐ30, Phụ lục III, Mẫu 1.9, ghi chú 4)."
    )]
    pub trich_yeu: Lines,
    /// The day of the meeting: "Thời gian bắt đầu: …, ngày …".
    #[schemars(
        title = "Ngày họp",
        description = "Ngày họp, dạng `dd/mm/yyyy`: in ở dòng \"Thời gian bắt đầu: …, ngày …\" (biên bản không có dòng địa danh, ngày tháng ở phần đầu)."
    )]
    pub ngay: Ngay,
    #[schemars(title = "Giờ bắt đầu", description = "Giờ bắt đầu cuộc họp, ví dụ `14 giờ 00` hoặc `14:00`.")]
    pub bat_dau: Gio,
    /// "Cuộc họp kết thúc vào …" (the same day).
    #[schemars(
        title = "Giờ kết thúc",
        description = "Giờ kết thúc cuộc họp (cùng ngày), phải sau giờ bắt đầu, ví dụ `16 giờ 30`."
    )]
    pub ket_thuc: Gio,
    #[schemars(
        title = "Địa điểm",
        description = "Nơi họp, ví dụ `Phòng họp tầng 2, Sở Dân tộc và Tôn giáo`."
    )]
    pub dia_diem: String,
    /// "Thành phần tham dự:": one line, or a list under it.
    #[schemars(
        title = "Thành phần tham dự",
        description = "Những người dự họp: một dòng, hoặc danh sách mỗi người một dòng."
    )]
    pub thanh_phan: Lines,
    #[schemars(
        title = "Chủ tọa",
        description = "Người chủ trì: họ tên và chức vụ; ký bên phải, dưới \"CHỦ TỌA\"."
    )]
    pub chu_toa: NguoiBienBan,
    #[schemars(
        title = "Thư ký",
        description = "Người ghi biên bản: họ tên và chức vụ; ký bên trái, dưới \"THƯ KÝ\"."
    )]
    pub thu_ky: NguoiBienBan,
    /// The minutes, in the plan's blocks (paragraphs, numbered items, tables).
    #[schemars(
        title = "Nội dung",
        description = "Diễn biến cuộc họp: đoạn văn, `muc:`, `gach:`, `bang:` như trong kế hoạch."
    )]
    pub noi_dung: Vec<Node>,
    #[schemars(
        title = "Nơi nhận",
        description = "Danh sách nơi nhận, mỗi nơi một dòng; một nhóm ghi `nhom:` và `cac:` (NĐ30, Phụ lục I, II.9.d; ô 9b)."
    )]
    pub noi_nhan: Vec<Nhan>,
    /// "- Lưu: VT, Hồ sơ." as Mẫu 1.9 has it, unless given.
    #[serde(default = "luu_ho_so")]
    #[schemars(title = "Lưu", description = "Nơi lưu, mặc định `VT, Hồ sơ` như Mẫu 1.9.")]
    pub luu: String,
}

fn luu_ho_so() -> String {
    "VT, Hồ sơ".into()
}

/// The chairperson or the secretary: named in the body, signing below.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(title = "Người của biên bản", description = "Chủ tọa hoặc thư ký cuộc họp.")]
#[serde(deny_unknown_fields)]
pub struct NguoiBienBan {
    #[schemars(
        title = "Họ và tên",
        description = "Họ và tên, không ghi học hàm, học vị trước tên, ví dụ `Hoàng Thị Thu Hà`."
    )]
    pub ho_ten: String,
    /// After the name in the body: "Phó Giám đốc Sở, Trưởng Ban Tổ chức".
    #[serde(default)]
    #[schemars(
        title = "Chức vụ",
        description = "Chức vụ ghi sau tên trong phần nội dung, ví dụ `Phó Giám đốc Sở, Trưởng Ban Tổ chức`."
    )]
    pub chuc_vu: Option<String>,
    /// Under "CHỦ TỌA" in the signature: the official title, when needed
    /// (Mẫu 1.9 note 5).
    #[serde(default)]
    #[schemars(
        title = "Chức vụ ở chữ ký",
        description = "Chức vụ in dưới \"CHỦ TỌA\" ở chữ ký, khi cần (NĐ30, Phụ lục III, Mẫu 1.9, ghi chú 5)."
    )]
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

/// As [`Gio::parse`] reads it: hours and minutes.
impl schemars::JsonSchema for Gio {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Gio".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "pattern": r"^\s*[0-9]{1,2}\s*((giờ|GIỜ|Giờ|:|h|H)\s*[0-9]{0,2})?\s*$"
        })
    }
}

impl<'de> Deserialize<'de> for Gio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = crate::model::than::Text::deserialize(d)?.0;
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
