//! Components every document shares: agency, number and symbol, place and
//! date, signer, recipients (NĐ30 PL I, ô 1–4, 7, 9b).

use std::fmt;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::vi;

/// A document's data type: the header's fields (ô 1–4) first, then the
/// kind's own, then the signature and recipients (ô 7, 9b) that every văn
/// bản hành chính has; unknown fields refused. The fields shared by all
/// kinds are declared here once, and [`VanBan::chung`] reads them.
macro_rules! van_ban {
    // `noi_nhan: [#[serde(default = "…")]]`: attributes of the kind's own
    // for its Nơi nhận (a default, when the decree's model gives one).
    (noi_nhan: [$(#[$nn:meta])*] $(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $crate::model::common::van_ban!(@with [$(#[$nn])*] $(#[$meta])* pub struct $name { $($fields)* });
    };
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $crate::model::common::van_ban!(@with [] $(#[$meta])* pub struct $name { $($fields)* });
    };
    (@with [$(#[$nn:meta])*] $(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        // The derives first: a kind's own `#[schemars(…)]` attributes need them.
        #[derive(Debug, Clone, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            /// The kind (`ke-hoach`, `quyet-dinh` …), which tells a document
            /// from a data file.
            #[serde(default)]
            #[schemars(
                title = "Loại văn bản",
                description = "Khóa cho biết tệp là văn bản nào, viết đúng như trong `vanban kinds` (ví dụ `ke-hoach`, `quyet-dinh`); tệp không có khóa này là tệp dữ liệu."
            )]
            pub loai: String,
            #[schemars(
                title = "Cơ quan ban hành",
                description = "Tên cơ quan ban hành và cơ quan chủ quản trực tiếp, in ở góc trái phía trên (NĐ30, Phụ lục I, II.2; ô 2)."
            )]
            pub co_quan: $crate::model::common::CoQuan,
            /// The number, given by the văn thư after signing; absent = blank.
            #[serde(default)]
            #[schemars(
                title = "Số văn bản",
                description = "Số thứ tự văn bản do văn thư cấp sau khi ký, ví dụ `12` (in \"Số: 12/…\"; số dưới 10 có số 0 phía trước). Bỏ trống để điền tay (NĐ30, Điều 15; Phụ lục I, II.3)."
            )]
            pub so: Option<u32>,
            /// "KH-SDTTG": kept exactly as written (never upper-cased: TTr, QyĐ).
            #[schemars(
                title = "Ký hiệu văn bản",
                description = "Phần sau dấu \"/\" của số: chữ viết tắt tên loại rồi tên cơ quan, nối bằng \"-\", không có dấu cách, ví dụ `KH-SDTTG`, `TTr-UBND`; công văn không có tên loại: `SDTTG-PCS`. In đúng như gõ (NĐ30, Phụ lục I, II.3; Phụ lục III, Mục I)."
            )]
            pub ky_hieu: String,
            #[schemars(
                title = "Địa danh",
                description = "Tên địa danh nơi cơ quan đóng trụ sở, in trước ngày tháng, ví dụ `Lạng Sơn` (\"Lạng Sơn, ngày … tháng … năm …\") (NĐ30, Phụ lục I, II.4.a)."
            )]
            pub dia_danh: String,
            #[schemars(
                title = "Ngày ban hành",
                description = "Ngày ký văn bản, viết dd/mm/yyyy, ví dụ `05/4/2025`; chỉ ghi tháng/năm (`4/2025`) để trống ngày, điền tay khi ký; chỉ ghi năm (`'2025'`) để trống cả ngày và tháng (NĐ30, Phụ lục I, II.4.b)."
            )]
            pub ngay: $crate::model::common::Ngay,
            $($fields)*
            #[schemars(
                title = "Người ký",
                description = "Quyền hạn, chức vụ và họ tên người ký (NĐ30, Điều 13; Phụ lục I, II.7; ô 7a, 7b)."
            )]
            pub nguoi_ky: $crate::model::common::NguoiKy,
            $(#[$nn])*
            /// Recipients, or groups of them (PL I II.9.d).
            #[schemars(
                title = "Nơi nhận",
                description = "Danh sách nơi nhận, mỗi nơi một dòng, ví dụ `UBND các huyện`; vanban thêm \"- \" ở đầu và \";\" ở cuối. Một nhóm nơi nhận ghi `nhom: Các sở, ngành` và `cac: [Sở Tài chính, Sở Nội vụ]` (in \"- Các sở, ngành:\" rồi các dòng \"+ …;\"). Dòng \"Lưu\" ghi riêng ở khóa `luu` (NĐ30, Phụ lục I, II.9.d; ô 9b)."
            )]
            pub noi_nhan: Vec<$crate::model::common::Nhan>,
            /// "Lưu: VT, …"; defaults to "VT".
            #[serde(default = "crate::model::common::default_luu")]
            #[schemars(
                title = "Lưu",
                description = "Nơi lưu văn bản, in thành dòng cuối của Nơi nhận \"- Lưu: VT, PCS.\": viết `VT, PCS` (Văn thư, rồi đơn vị soạn thảo). Mặc định `VT` (NĐ30, Phụ lục I, II.9.d)."
            )]
            pub luu: String,
        }

        impl $crate::model::common::VanBan for $name {
            fn chung(&self) -> $crate::model::common::Chung<'_> {
                $crate::model::common::Chung {
                    loai: &self.loai,
                    co_quan: &self.co_quan,
                    so: self.so,
                    ky_hieu: &self.ky_hieu,
                    dia_danh: &self.dia_danh,
                    ngay: &self.ngay,
                    nguoi_ky: &self.nguoi_ky,
                    noi_nhan: &self.noi_nhan,
                    luu: &self.luu,
                }
            }
        }
    };
}
pub(crate) use van_ban;

/// The fields every document declared with [`van_ban!`] has.
#[derive(Debug, Clone, Copy)]
pub struct Chung<'a> {
    pub loai: &'a str,
    pub co_quan: &'a CoQuan,
    pub so: Option<u32>,
    pub ky_hieu: &'a str,
    pub dia_danh: &'a str,
    pub ngay: &'a Ngay,
    pub nguoi_ky: &'a NguoiKy,
    pub noi_nhan: &'a [Nhan],
    pub luu: &'a str,
}

/// A document's shared fields, whatever its kind.
pub trait VanBan {
    fn chung(&self) -> Chung<'_>;
}

/// One or more lines: a plain string, or a list of explicit lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a sequence of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    lines.push(line);
                }
                if lines.is_empty() {
                    return Err(de::Error::custom("danh sách dòng không được để trống"));
                }
                Ok(Lines(lines))
            }
        }
        d.deserialize_any(V)
    }
}

/// As [`Lines`] reads it: a string, or a non-empty list of strings.
impl JsonSchema for Lines {
    fn schema_name() -> Cow<'static, str> {
        "Lines".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ]
        })
    }
}

/// A schema transform: exactly one of `keys` is given (two fields, or a
/// field and its older name, that a reader refuses together).
pub fn one_of_required(schema: &mut Schema, keys: &[&str]) {
    let each: Vec<serde_json::Value> = keys.iter().map(|k| serde_json::json!({ "required": [k] })).collect();
    schema.insert("oneOf".into(), each.into());
}

/// Ô 2: the issuing agency and its direct parent.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Cơ quan ban hành",
    description = "Ô 2 của văn bản: cơ quan chủ quản (nếu có) và cơ quan ban hành (NĐ30, Phụ lục I, II.2)."
)]
pub struct CoQuan {
    /// Cơ quan chủ quản trực tiếp, upright, upper case (optional).
    #[serde(default)]
    #[schemars(
        title = "Cơ quan chủ quản",
        description = "Tên cơ quan chủ quản trực tiếp, in hoa, đứng, trên tên cơ quan ban hành, ví dụ `UBND TỈNH LẠNG SƠN`; một danh sách cho các dòng tự ngắt. Bỏ trống nếu không có (NĐ30, Phụ lục I, II.2.a)."
    )]
    pub chu_quan: Option<Lines>,
    /// Cơ quan ban hành, bold, upper case; a list gives explicit lines.
    #[schemars(
        title = "Tên cơ quan ban hành",
        description = "Tên cơ quan ban hành, in hoa, đậm, ví dụ `SỞ DÂN TỘC VÀ TÔN GIÁO`; một danh sách cho các dòng tự ngắt (NĐ30, Phụ lục I, II.2.a)."
    )]
    pub ban_hanh: Lines,
    /// The agency's name in running text ("Sở Dân tộc và Tôn giáo"), used in
    /// sentences such as "… trân trọng kính mời" and "Kèm theo … của …".
    #[serde(default)]
    #[schemars(
        title = "Tên gọi trong câu văn",
        description = "Tên cơ quan viết thường như trong câu văn, ví dụ `Sở Dân tộc và Tôn giáo`; dùng trong \"… trân trọng kính mời\", \"(Kèm theo … của …)\"."
    )]
    pub ten_goi: Option<String>,
}

impl CoQuan {
    pub fn chu_quan_lines(&self) -> Vec<String> {
        self.chu_quan.as_ref().map(|l| l.0.iter().map(|s| vi::upper(s)).collect()).unwrap_or_default()
    }
    pub fn ban_hanh_lines(&self) -> Vec<String> {
        self.ban_hanh.0.iter().map(|s| vi::upper(s)).collect()
    }
}

/// A date of issue; the day may be left blank for the clerk to write by hand
/// once the document is signed and numbered (NĐ30 Điều 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ngay {
    pub day: Option<u32>,
    pub month: u32,
    pub year: i32,
    /// The month left blank too (a draft's "ngày … tháng … năm 2026",
    /// written `ngay: '2026'`): `month` is then January, for ordering only.
    pub thang_trong: bool,
}

impl Ngay {
    /// Accepts `dd/mm/yyyy`, `yyyy-mm-dd`, and `mm/yyyy` or `yyyy-mm` for a
    /// blank day.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        // The year alone: the day and the month are blank, for the văn thư.
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let year: i32 = s.parse().map_err(|_| format!("ngày '{s}' không hợp lệ"))?;
            if !(1900..=2999).contains(&year) {
                return Err(format!("ngày '{s}' không hợp lệ: năm {year} phải từ 1900 đến 2999"));
            }
            return Ok(Self { day: None, month: 1, year, thang_trong: true });
        }
        let bad = || {
            format!(
                "ngày '{s}' không hợp lệ: viết dd/mm/yyyy (ví dụ 05/4/2025), mm/yyyy nếu để trống ngày, hoặc yyyy nếu để trống cả ngày và tháng"
            )
        };
        let nums: Vec<&str> = if s.contains('/') {
            s.split('/').collect()
        } else if s.contains('-') {
            let mut v: Vec<&str> = s.split('-').collect();
            v.reverse();
            v
        } else {
            return Err(bad());
        };
        let num = |t: &str| -> Result<i64, String> {
            if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<i64>().map_err(|_| bad())
        };
        let (day, month, year) = match nums.as_slice() {
            [d, m, y] => (Some(num(d)?), num(m)?, num(y)?),
            [m, y] => (None, num(m)?, num(y)?),
            _ => return Err(bad()),
        };
        if !(1..=12).contains(&month) {
            return Err(format!("ngày '{s}' không hợp lệ: tháng {month} không tồn tại"));
        }
        if !(1900..=2999).contains(&year) {
            return Err(format!("ngày '{s}' không hợp lệ: năm {year} phải có 4 chữ số"));
        }
        let month = month as u32;
        let year = year as i32;
        if let Some(d) = day {
            let last = days_in_month(year, month);
            if d < 1 || d > i64::from(last) {
                return Err(format!("ngày '{s}' không tồn tại: tháng {month}/{year} chỉ có {last} ngày"));
            }
        }
        Ok(Self { day: day.map(|d| d as u32), month, year, thang_trong: false })
    }

    /// "ngày 05 tháng 4 năm 2025", or "ngày      tháng 4 năm 2025" with the
    /// day blank (NĐ30 PL I II.4.b padding).
    pub fn long_form(&self) -> String {
        let day = self.day.map(vi::pad_day).unwrap_or_else(|| vi::BLANK.to_owned());
        let month = if self.thang_trong { vi::BLANK.to_owned() } else { vi::pad_month(self.month) };
        format!("ngày {day} tháng {month} năm {}", self.year)
    }

    /// "ngày      tháng      năm      ": the date of an electronic document
    /// before it is issued, every slot blank (NĐ30 Điều 15.3; PL III, the
    /// model after Mẫu 1.3, note 2).
    pub fn blank_long_form() -> String {
        // Each slot kept on the line of its word when the line is broken.
        let b = vi::BLANK;
        format!("ngày\u{a0}{b} tháng\u{a0}{b} năm\u{a0}{b}")
    }

    /// "05/4/2025"-style short form for tables and sentences (dd/mm/yyyy).
    pub fn short_form(&self) -> String {
        match self.day {
            Some(d) => format!("{:02}/{:02}/{}", d, self.month, self.year),
            None if self.thang_trong => format!("…/…/{}", self.year),
            None => format!("{:02}/{}", self.month, self.year),
        }
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl<'de> Deserialize<'de> for Ngay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A string, or the year alone as YAML reads `ngay: 2026`.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Chu {
            Chu(String),
            So(u64),
        }
        let s = match Chu::deserialize(d)? {
            Chu::Chu(s) => s,
            Chu::So(n) => n.to_string(),
        };
        Ngay::parse(&s).map_err(de::Error::custom)
    }
}

/// When the agency signed the document digitally (NĐ30 PL I II.8.b: ngày
/// tháng năm; giờ phút giây; Vietnam time, ISO 8601): `05/05/2025 14:30:05`,
/// `+07:00` optional, or `2025-05-05T14:30:05+07:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThoiDiem {
    pub ngay: Ngay,
    pub gio: u32,
    pub phut: u32,
    pub giay: u32,
}

impl ThoiDiem {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "thời điểm ký số '{s}' không hợp lệ: viết 'dd/mm/yyyy hh:mm:ss' theo giờ Việt Nam, ví dụ '05/05/2025 14:30:05'"
            )
        };
        let rest = s.strip_suffix("+07:00").map(str::trim_end).unwrap_or(s);
        let (date, time) = rest.split_once(['T', ' ']).ok_or_else(bad)?;
        if time.contains(['+', '-', 'Z']) {
            return Err(format!("thời điểm ký số '{s}': múi giờ phải là giờ Việt Nam (+07:00)"));
        }
        let ngay = Ngay::parse(date).map_err(|_| bad())?;
        if ngay.day.is_none() {
            return Err(bad());
        }
        let parts: Vec<&str> = time.trim().split(':').collect();
        let [gio, phut, giay] = parts.as_slice() else { return Err(bad()) };
        let num = |t: &str, max: u32| -> Result<u32, String> {
            let ok = t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
            t.parse::<u32>().ok().filter(|n| ok && *n <= max).ok_or_else(bad)
        };
        Ok(Self { ngay, gio: num(gio, 23)?, phut: num(phut, 59)?, giay: num(giay, 59)? })
    }

    /// "05/05/2025; 14:30:05 +07:00", as the decree's template shows it.
    pub fn box_form(&self) -> String {
        let n = &self.ngay;
        format!(
            "{:02}/{:02}/{}; {:02}:{:02}:{:02} +07:00",
            n.day.unwrap_or_default(),
            n.month,
            n.year,
            self.gio,
            self.phut,
            self.giay
        )
    }
}

/// The forms [`ThoiDiem::parse`] reads.
impl JsonSchema for ThoiDiem {
    fn schema_name() -> Cow<'static, str> {
        "ThoiDiem".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{2}:[0-9]{2}:[0-9]{2}\s*(\+07:00)?\s*$"
        })
    }
}

impl<'de> Deserialize<'de> for ThoiDiem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ThoiDiem::parse(&s).map_err(de::Error::custom)
    }
}

/// The agency's digital signature on the first page of an attachment or a
/// phụ lục in its own file (NĐ30 PL I II.8.b, III.1.d): "Số: 15/QĐ-SDTTG;
/// 05/05/2025; 14:30:05 +07:00". Without the signing time, the date and the
/// time are blanks for the signing tool, in the template's form.
pub fn o_ky_so(so: Option<u32>, ky_hieu: &str, luc: Option<&ThoiDiem>) -> String {
    // Two no-break spaces are as wide as a digit: the blank form takes the
    // filled one's room, which the box is made for.
    let blank = |digits: usize| "\u{a0}".repeat(2 * digits);
    let (d, y) = (blank(2), blank(4));
    let when = luc.map(ThoiDiem::box_form).unwrap_or_else(|| format!("{d}/{d}/{y}; {d}:{d}:{d} +07:00"));
    format!("{}; {when}", so_ky_hieu(so, ky_hieu))
}

/// The forms [`Ngay::parse`] reads: dd/mm/yyyy, mm/yyyy, yyyy-mm-dd,
/// yyyy-mm, yyyy (a day beyond the month's last is left to the parser's
/// message). A string: the year alone is written quoted (`'2026'`), though
/// vanban also reads it bare.
impl JsonSchema for Ngay {
    fn schema_name() -> Cow<'static, str> {
        "Ngay".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        const D: &str = "(0{0,2}[1-9]|0?[12][0-9]|0?3[01])";
        const M: &str = "(0{0,2}[1-9]|0?1[0-2])";
        const Y: &str = "(19|2[0-9])[0-9]{2}";
        let pattern = format!(r"^\s*(({D}/)?{M}/{Y}|{Y}-{M}(-{D})?|{Y})\s*$");
        json_schema!({ "type": "string", "pattern": pattern })
    }
}

/// The authority prefixes of ô 7a (NĐ30 Điều 13, PL I II.7.b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(
    title = "Quyền hạn ký",
    description = "`TM.` (thay mặt tập thể), `KT.` (ký thay người đứng đầu), `TL.` (thừa lệnh), `TUQ.` (thừa ủy quyền) hoặc `Q.` (quyền); bỏ trống khi người đứng đầu ký (NĐ30, Điều 13; Phụ lục I, II.7.b)."
)]
pub enum QuyenHan {
    #[serde(rename = "TM.")]
    ThayMat,
    #[serde(rename = "KT.")]
    KyThay,
    #[serde(rename = "TL.")]
    ThuaLenh,
    #[serde(rename = "TUQ.")]
    ThuaUyQuyen,
    #[serde(rename = "Q.")]
    Quyen,
}

impl QuyenHan {
    const ALL: [QuyenHan; 5] =
        [QuyenHan::ThayMat, QuyenHan::KyThay, QuyenHan::ThuaLenh, QuyenHan::ThuaUyQuyen, QuyenHan::Quyen];

    /// The prefix a line such as "TM. ỦY BAN NHÂN DÂN" starts with.
    pub fn of_line(line: &str) -> Option<QuyenHan> {
        let first = line.split_whitespace().next()?;
        Self::ALL.into_iter().find(|q| q.prefix() == first)
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Self::ThayMat => "TM.",
            Self::KyThay => "KT.",
            Self::ThuaLenh => "TL.",
            Self::ThuaUyQuyen => "TUQ.",
            Self::Quyen => "Q.",
        }
    }
}

/// Ô 7a/7b: who signs, with what authority.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Người ký",
    description = "Ô 7a, 7b: quyền hạn, chức vụ và họ tên người ký (NĐ30, Điều 13; Phụ lục I, II.7)."
)]
pub struct NguoiKy {
    /// Authority lines above the signer's own, when authority is stacked:
    /// "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH", or "TL. CHỦ TỊCH" above
    /// "KT. CHÁNH VĂN PHÒNG" (PL I II.7.b). Each starts with its prefix.
    #[serde(default)]
    #[schemars(
        title = "Dòng quyền hạn phía trên",
        description = "Khi ký qua nhiều cấp: các dòng đứng trên dòng của người ký, mỗi dòng bắt đầu bằng quyền hạn, ví dụ `[TM. ỦY BAN NHÂN DÂN]` trên \"KT. CHỦ TỊCH\", hoặc `[TL. CHỦ TỊCH]` trên \"KT. CHÁNH VĂN PHÒNG\" (NĐ30, Phụ lục I, II.7.b)."
    )]
    pub dong_tren: Lines,
    /// TM., KT., TL., TUQ. or Q. (none when the head signs in person).
    #[serde(default)]
    #[schemars(
        title = "Quyền hạn ký",
        description = "`TM.`, `KT.`, `TL.`, `TUQ.` hoặc `Q.`, ví dụ `KT.` khi cấp phó ký thay; bỏ trống khi người đứng đầu ký (NĐ30, Điều 13; Phụ lục I, II.7.b)."
    )]
    pub quyen_han: Option<QuyenHan>,
    /// The collective or head the prefix refers to: "GIÁM ĐỐC" in "KT. GIÁM ĐỐC".
    #[serde(default)]
    #[schemars(
        title = "Ký thay cho",
        description = "Tập thể hoặc người đứng đầu mà quyền hạn nói tới, ví dụ `GIÁM ĐỐC` trong \"KT. GIÁM ĐỐC\"; bắt buộc khi có `quyen_han` (NĐ30, Phụ lục I, II.7.b)."
    )]
    pub thay_cho: Option<String>,
    /// The signer's own title: "PHÓ GIÁM ĐỐC" (or "GIÁM ĐỐC" signing in person).
    #[serde(default)]
    #[schemars(
        title = "Chức vụ người ký",
        description = "Chức vụ của chính người ký, ví dụ `PHÓ GIÁM ĐỐC` (hoặc `GIÁM ĐỐC` khi người đứng đầu ký) (NĐ30, Phụ lục I, II.7.a)."
    )]
    pub chuc_vu: Option<String>,
    /// The signer's name, in the case given, without academic titles.
    #[schemars(
        title = "Họ tên người ký",
        description = "Họ và tên người ký, không ghi học hàm, học vị trước tên, ví dụ `Trần Thị B` (NĐ30, Phụ lục I, II.7.c)."
    )]
    pub ho_ten: String,
}

impl NguoiKy {
    /// The upper-case bold lines above the name.
    pub fn title_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.dong_tren.0.iter().map(|l| vi::upper(l.trim())).collect();
        match (self.quyen_han, &self.thay_cho) {
            (Some(q), Some(t)) => lines.push(format!("{} {}", q.prefix(), vi::upper(t))),
            (Some(q), None) => lines.push(q.prefix().to_owned()),
            (None, Some(t)) => lines.push(vi::upper(t)),
            (None, None) => {}
        }
        if let Some(c) = &self.chuc_vu {
            lines.push(vi::upper(c));
        }
        lines
    }

    /// The first authority prefix of the block: the top line's, or the
    /// signer's own.
    pub fn first_prefix(&self) -> Option<QuyenHan> {
        match self.dong_tren.0.first() {
            Some(line) => QuyenHan::of_line(line),
            None => self.quyen_han,
        }
    }

    /// Problems with the signer block that the data alone shows.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, line) in self.dong_tren.0.iter().enumerate() {
            let rest = QuyenHan::of_line(line).map(|q| line.trim()[q.prefix().len()..].trim());
            if rest.is_none_or(str::is_empty) {
                out.push((
                    format!("dong_tren[{i}]"),
                    format!(
                        "dòng '{line}' phải bắt đầu bằng quyền hạn TM., KT., TL., TUQ. hoặc Q. rồi đến tên tập thể hoặc chức vụ (ví dụ 'TM. ỦY BAN NHÂN DÂN') (NĐ30, Phụ lục I, II.7.b)"
                    ),
                ));
            }
        }
        if !self.dong_tren.0.is_empty() && self.quyen_han.is_none() {
            out.push((
                "quyen_han".into(),
                "có dòng quyền hạn phía trên ('dong_tren') thì người ký cũng ký theo quyền hạn (KT., TL., TUQ.): ghi 'quyen_han' và 'thay_cho'".into(),
            ));
        }
        if self.ho_ten.trim().is_empty() {
            out.push(("ho_ten".into(), "họ tên người ký không được để trống".into()));
        }
        match (self.quyen_han, &self.thay_cho, &self.chuc_vu) {
            (Some(q), None, _) => out.push((
                "thay_cho".into(),
                format!(
                    "có quyền hạn '{}' thì phải ghi chức vụ người đứng đầu ở 'thay_cho' (NĐ30, Phụ lục I, II.7.b)",
                    q.prefix()
                ),
            )),
            (Some(QuyenHan::KyThay | QuyenHan::ThuaLenh | QuyenHan::ThuaUyQuyen | QuyenHan::ThayMat), _, None) => {
                out.push((
                    "chuc_vu".into(),
                    "ký thay, thừa lệnh, thừa ủy quyền hoặc thay mặt thì phải ghi chức vụ của người ký ở 'chuc_vu' (NĐ30, Phụ lục I, II.7.b)".into(),
                ))
            }
            (None, _, None) => out.push((
                "chuc_vu".into(),
                "thiếu chức vụ của người ký (NĐ30, Phụ lục I, II.7.a)".into(),
            )),
            _ => {}
        }
        out
    }
}

/// Builds "Số: 05/KH-SDTTG", or "Số:      /KH-SDTTG" when the number is
/// given by the văn thư after signing (NĐ30 Điều 15).
pub fn so_ky_hieu(so: Option<u32>, ky_hieu: &str) -> String {
    match so {
        Some(n) => format!("Số: {}/{}", vi::pad_number(n), ky_hieu),
        None => format!("Số:{}/{}", vi::BLANK, ky_hieu),
    }
}

/// One entry of Nơi nhận, or of a Kính gửi list (PL I II.9.b, d: "mỗi cơ
/// quan, tổ chức … hoặc mỗi nhóm"): a recipient, or a group of them under a
/// heading. In YAML a group is `{ nhom: Các sở, ngành, cac: [Sở Tài chính, …] }`.
/// Serialised for the templates as a string, or as `{nhom, cac}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Nhan {
    Mot(String),
    Nhom { nhom: String, cac: Vec<String> },
}

impl From<&str> for Nhan {
    fn from(s: &str) -> Self {
        Nhan::Mot(s.to_owned())
    }
}

impl Nhan {
    /// The recipient's text, for an entry that is not a group.
    pub fn mot(&self) -> Option<&str> {
        match self {
            Nhan::Mot(s) => Some(s),
            Nhan::Nhom { .. } => None,
        }
    }

    /// The entry with `f` applied to every text of it (heading and members).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Nhan {
        match self {
            Nhan::Mot(s) => Nhan::Mot(f(s)),
            Nhan::Nhom { nhom, cac } => Nhan::Nhom { nhom: f(nhom), cac: cac.iter().map(|c| f(c)).collect() },
        }
    }
}

impl<'de> Deserialize<'de> for Nhan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Nhan;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a group")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Nhan, E> {
                Ok(Nhan::Mot(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nhan, E> {
                Ok(Nhan::Mot(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nhan, E> {
                Ok(Nhan::Mot(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Nhan, A::Error> {
                use super::than::Text;
                let Some(mut key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("nơi nhận trống"));
                };
                // Any other map is a line YAML read as `key: value`.
                if key != "nhom" && key != "cac" {
                    return super::than::text_from_entry(key, &mut map).map(|t| Nhan::Mot(t.0));
                }
                let (mut nhom, mut cac) = (None, Vec::new());
                loop {
                    match key.as_str() {
                        "nhom" => nhom = Some(map.next_value::<Text>()?.0),
                        "cac" => cac = map.next_value::<Vec<Text>>()?.into_iter().map(|t| t.0).collect(),
                        other => {
                            return Err(de::Error::custom(format!(
                                "trường '{other}' không được phép trong một nhóm nơi nhận; các trường hợp lệ: 'nhom', 'cac'"
                            )));
                        }
                    }
                    match map.next_key::<String>()? {
                        Some(k) => key = k,
                        None => break,
                    }
                }
                let nhom = nhom.ok_or_else(|| {
                    de::Error::custom("nhóm nơi nhận thiếu tên nhóm 'nhom' (ví dụ 'nhom: Các sở, ngành')")
                })?;
                // An empty `cac` is `check`'s to report, at its line.
                Ok(Nhan::Nhom { nhom, cac })
            }
        }
        d.deserialize_any(V)
    }
}

/// As [`Nhan`] reads it: a recipient's line, or a group with its heading
/// and members.
impl JsonSchema for Nhan {
    fn schema_name() -> Cow<'static, str> {
        "Nhan".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let text = g.subschema_for::<super::than::Text>();
        json_schema!({
            "title": "Nơi nhận",
            "description": "Một nơi nhận (một dòng), hoặc một nhóm: `nhom` là tên nhóm, `cac` là các nơi trong nhóm.",
            "anyOf": [
                text,
                {
                    "type": "object",
                    "required": ["nhom"],
                    "additionalProperties": false,
                    "properties": {
                        "nhom": { "title": "Tên nhóm", "description": "Tên nhóm nơi nhận, ví dụ `Các sở, ngành`; in \"- Các sở, ngành:\".", "type": "string" },
                        "cac": { "title": "Các nơi trong nhóm", "description": "Mỗi nơi một dòng \"+ …;\" dưới tên nhóm, ví dụ `[Sở Tài chính, Sở Nội vụ]`.", "type": "array", "items": text }
                    }
                }
            ]
        })
    }
}

/// As [`DanhSachNhan`] reads it: one recipient, or a non-empty list.
impl JsonSchema for DanhSachNhan {
    fn schema_name() -> Cow<'static, str> {
        "DanhSachNhan".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let nhan = g.subschema_for::<Nhan>();
        json_schema!({ "anyOf": [ { "type": "string" }, { "type": "array", "items": nhan, "minItems": 1 } ] })
    }
}

/// The Kính gửi recipients: one (a string), or a list of entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DanhSachNhan(pub Vec<Nhan>);

impl<'de> Deserialize<'de> for DanhSachNhan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DanhSachNhan;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a sequence of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DanhSachNhan, E> {
                Ok(DanhSachNhan(vec![Nhan::Mot(v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DanhSachNhan, A::Error> {
                let mut all = Vec::new();
                while let Some(n) = seq.next_element::<Nhan>()? {
                    all.push(n);
                }
                if all.is_empty() {
                    return Err(de::Error::custom("danh sách dòng không được để trống"));
                }
                Ok(DanhSachNhan(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// A recipient's text without the dash and the punctuation the data may
/// already carry ("- UBND các huyện;" → "UBND các huyện").
fn bare(e: &str) -> &str {
    let e = e.trim();
    e.strip_prefix("- ").unwrap_or(e).trim_end_matches([';', '.', ',']).trim_end()
}

/// An entry as a list sets it: "- X;", or a group "- Heading:" with its
/// members "+ Y;"; `last` ends the entry's last line with "." instead.
fn listed(entry: &Nhan, last: bool) -> Nhan {
    let end = |i: bool| if i && last { "." } else { ";" };
    match entry {
        Nhan::Mot(s) => Nhan::Mot(format!("- {}{}", bare(s), end(true))),
        Nhan::Nhom { nhom, cac } => Nhan::Nhom {
            nhom: format!("- {}:", bare(nhom).trim_end_matches(':').trim_end()),
            cac: cac
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let c = c.trim();
                    format!("+ {}{}", bare(c.strip_prefix("+ ").unwrap_or(c)), end(i + 1 == cac.len()))
                })
                .collect(),
        },
    }
}

/// Ô 9b entries: "- X;" for each recipient, a group as "- Heading:" and
/// "+ Y;" lines; "- Lưu: …" is [`luu_line`], last.
pub fn noi_nhan_lines(entries: &[Nhan]) -> Vec<Nhan> {
    entries.iter().map(|e| listed(e, false)).collect()
}

/// Whether a Nơi nhận entry stands for the Kính gửi recipients: "Như trên",
/// or "Như Kính gửi" as many offices write it.
pub fn is_nhu_tren(entry: &str) -> bool {
    let e = vi::fold(bare(entry));
    e == vi::fold("Như trên") || e == vi::fold("Như Kính gửi")
}

/// The Kính gửi recipients as the decree sets them (PL I II.9.b): one on
/// the "Kính gửi:" line as written; several (or a group) as "- …;" lines,
/// a group's members as "+ …;" under it, the very last line ending in ".".
pub fn kinh_gui_entries(recipients: &[Nhan]) -> Vec<Nhan> {
    match recipients {
        [Nhan::Mot(one)] => vec![Nhan::Mot(bare(one).to_owned())],
        many => many.iter().enumerate().map(|(i, e)| listed(e, i + 1 == many.len())).collect(),
    }
}

/// [`kinh_gui_entries`] of plain lines (a Giấy mời họp's Thành phần).
pub fn kinh_gui_lines(recipients: &[String]) -> Vec<String> {
    let entries: Vec<Nhan> = recipients.iter().map(|r| Nhan::Mot(r.clone())).collect();
    kinh_gui_entries(&entries).into_iter().filter_map(|n| n.mot().map(str::to_owned)).collect()
}

/// Recipients as "- …;" lines, the last ending in "." (a Công điện's).
pub fn dash_lines(recipients: &[String]) -> Vec<String> {
    let n = recipients.len();
    recipients
        .iter()
        .enumerate()
        .map(|(i, e)| format!("- {}{}", bare(e), if i + 1 == n { "." } else { ";" }))
        .collect()
}

pub fn luu_line(luu: &str) -> String {
    let l = luu.trim();
    let l = l.strip_prefix("- ").unwrap_or(l);
    let l = l.strip_prefix("Lưu:").unwrap_or(l).trim().trim_end_matches(['.', ';']).trim_end();
    format!("- Lưu: {l}.")
}

pub fn default_luu() -> String {
    "VT".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_times_are_vietnam_time_to_the_second() {
        let at = ThoiDiem::parse("5/5/2025 9:30:05");
        assert!(at.is_err(), "hours in two digits: {at:?}");
        for s in ["05/05/2025 14:30:05", "05/05/2025 14:30:05 +07:00", "2025-05-05T14:30:05+07:00"] {
            assert_eq!(ThoiDiem::parse(s).unwrap().box_form(), "05/05/2025; 14:30:05 +07:00", "{s}");
        }
        assert_eq!(ThoiDiem::parse("5/1/2025 00:00:00").unwrap().box_form(), "05/01/2025; 00:00:00 +07:00");
        let bad = "thời điểm ký số '05/2025 14:30:05' không hợp lệ: viết 'dd/mm/yyyy hh:mm:ss' theo giờ Việt Nam, ví dụ '05/05/2025 14:30:05'";
        assert_eq!(ThoiDiem::parse("05/2025 14:30:05").unwrap_err(), bad);
        assert!(ThoiDiem::parse("31/04/2025 14:30:05").is_err());
        assert!(ThoiDiem::parse("05/05/2025 14:60:05").is_err());
        assert_eq!(
            ThoiDiem::parse("2025-05-05T07:30:05Z").unwrap_err(),
            "thời điểm ký số '2025-05-05T07:30:05Z': múi giờ phải là giờ Việt Nam (+07:00)"
        );
        // The box: filled, or the date and time as blanks a digit wide each.
        let at = ThoiDiem::parse("05/05/2025 14:30:05").unwrap();
        assert_eq!(o_ky_so(Some(15), "QĐ-SDTTG", Some(&at)), "Số: 15/QĐ-SDTTG; 05/05/2025; 14:30:05 +07:00");
        let (d, y) = ("\u{a0}".repeat(4), "\u{a0}".repeat(8));
        assert_eq!(
            o_ky_so(Some(15), "QĐ-SDTTG", None),
            format!("Số: 15/QĐ-SDTTG; {d}/{d}/{y}; {d}:{d}:{d} +07:00")
        );
    }

    #[test]
    fn dates_parse_and_pad() {
        let d = Ngay::parse("05/4/2025").unwrap();
        assert_eq!(d.long_form(), "ngày 05 tháng 4 năm 2025");
        assert_eq!(Ngay::parse("2025-01-15").unwrap().long_form(), "ngày 15 tháng 01 năm 2025");
        let blank = Ngay::parse("4/2025").unwrap();
        assert_eq!(blank.day, None);
        assert!(blank.long_form().ends_with("tháng 4 năm 2025"));
        assert!(Ngay::parse("31/4/2025").unwrap_err().contains("chỉ có 30 ngày"));
        assert!(Ngay::parse("29/02/2023").is_err());
        assert!(Ngay::parse("29/02/2024").is_ok());
        assert!(Ngay::parse("13/2025").unwrap_err().contains("tháng 13"));
        assert!(Ngay::parse("hôm nay").is_err());
        // The year alone: day and month blank.
        let nam = Ngay::parse("2026").unwrap();
        assert!(nam.thang_trong && nam.day.is_none());
        assert_eq!(nam.long_form(), format!("ngày {b} tháng {b} năm 2026", b = vi::BLANK));
        assert!(Ngay::parse("1026").is_err());
    }

    #[test]
    fn number_and_recipients() {
        assert_eq!(so_ky_hieu(Some(5), "TTr-UBND"), "Số: 05/TTr-UBND");
        assert_eq!(so_ky_hieu(Some(125), "KH-SDTTG"), "Số: 125/KH-SDTTG");
        assert_eq!(
            noi_nhan_lines(&["- UBND các huyện;".into(), "Lãnh đạo Sở".into()]),
            ["- UBND các huyện;".into(), "- Lãnh đạo Sở;".into()] as [Nhan; 2]
        );
        assert_eq!(luu_line("VT"), "- Lưu: VT.");
        assert!(is_nhu_tren("- Như trên;") && is_nhu_tren("Như kính gửi") && is_nhu_tren("NHƯ TRÊN"));
        assert!(!is_nhu_tren("Như Điều 3") && !is_nhu_tren("Lãnh đạo Sở"));
        assert_eq!(luu_line("Lưu: VT, PCS (2)."), "- Lưu: VT, PCS (2).");
    }

    #[test]
    fn groups_of_recipients() {
        let entries: Vec<Nhan> = serde_yaml::from_str(
            "- Như trên\n- nhom: 'Các sở, ngành:'\n  cac: [Sở Tài chính, '+ Sở Nội vụ;']\n- 'Thời gian: quý II'\n",
        )
        .unwrap();
        let group = Nhan::Nhom {
            nhom: "- Các sở, ngành:".into(),
            cac: vec!["+ Sở Tài chính;".into(), "+ Sở Nội vụ;".into()],
        };
        assert_eq!(
            noi_nhan_lines(&entries),
            ["- Như trên;".into(), group.clone(), "- Thời gian: quý II;".into()]
        );
        // In Kính gửi the very last line ends the list.
        let last = Nhan::Nhom {
            nhom: "- Các sở, ngành:".into(),
            cac: vec!["+ Sở Tài chính;".into(), "+ Sở Nội vụ.".into()],
        };
        assert_eq!(kinh_gui_entries(&entries[1..2]), [last]);
        assert_eq!(kinh_gui_entries(&["Bộ Nội vụ;".into()]), ["Bộ Nội vụ".into()] as [Nhan; 1]);
        let bad =
            serde_yaml::from_str::<Vec<Nhan>>("- nhom: X\n  cac: [Y]\n  them: Z\n").unwrap_err().to_string();
        assert!(bad.contains("trường 'them' không được phép trong một nhóm nơi nhận"), "{bad}");
        // A group serialises for the templates as a dictionary, a recipient as a string.
        assert_eq!(
            serde_json::to_value(&noi_nhan_lines(&entries)[..2]).unwrap(),
            serde_json::json!(["- Như trên;", {"nhom": "- Các sở, ngành:", "cac": ["+ Sở Tài chính;", "+ Sở Nội vụ;"]}])
        );
    }

    #[test]
    fn signer_lines() {
        let k = NguoiKy {
            dong_tren: Lines::default(),
            quyen_han: Some(QuyenHan::KyThay),
            thay_cho: Some("giám đốc".into()),
            chuc_vu: Some("Phó Giám đốc".into()),
            ho_ten: "Trần Thị B".into(),
        };
        assert_eq!(k.title_lines(), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
        assert!(k.problems().is_empty());
    }

    #[test]
    fn stacked_authority_lines() {
        let k = NguoiKy {
            dong_tren: Lines(vec!["TL. Chủ tịch".into()]),
            quyen_han: Some(QuyenHan::KyThay),
            thay_cho: Some("Chánh Văn phòng".into()),
            chuc_vu: Some("Phó Chánh Văn phòng".into()),
            ho_ten: "Lý Văn C".into(),
        };
        assert_eq!(k.title_lines(), ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]);
        assert!(k.problems().is_empty());
        assert_eq!(k.first_prefix(), Some(QuyenHan::ThuaLenh));
        let bad = NguoiKy { dong_tren: Lines(vec!["ỦY BAN NHÂN DÂN".into(), "TM.".into()]), ..k.clone() };
        let fields: Vec<String> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["dong_tren[0]", "dong_tren[1]"]);
        let alone = NguoiKy { quyen_han: None, thay_cho: None, ..k };
        assert!(alone.problems().iter().any(|(f, _)| f == "quyen_han"));
    }
}
