//! The allocation of trainees per unit (xã, phường; huyện in data from
//! before 1 July 2025) and programme (the plan's "biểu đính kèm"), shared
//! by the plan, the invitations and the certificates.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use crate::error::{Error, InputError, Result};

/// The allocation as written: units under `don_vi` (xã, phường … since the
/// two-level reform of 1 July 2025) or, in older files, under `huyen`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Phân bổ học viên",
    description = "Tệp dữ liệu (không có `loai`): số học viên mỗi đơn vị cử theo từng chương trình; kế hoạch (phụ lục), giấy mời và giấy chứng nhận cùng đọc tệp này.",
    transform = |s: &mut Schema| super::common::one_of_required(s, &["don_vi", "huyen"])
)]
struct PhanBoFile {
    #[schemars(
        title = "Số học viên mỗi lớp",
        description = "Số học viên của mỗi lớp, ví dụ `30`; các đơn vị của một lớp trong lịch phải cộng lại đúng số này."
    )]
    hoc_vien_moi_lop: u32,
    #[schemars(
        title = "Các chương trình",
        description = "Các chương trình tập huấn: mã, tên và số lớp, ví dụ `{ ma: CT3, ten: Chương trình 3 (cộng đồng), so_lop: 2 }`."
    )]
    chuong_trinh: Vec<ChuongTrinh>,
    #[serde(default)]
    #[schemars(
        title = "Các đơn vị",
        description = "Các xã, phường, đặc khu cử học viên, theo thứ tự của bảng, ví dụ `{ ten: Na Sầm, cap: xã, so_luong: { CT3: 10 } }`."
    )]
    don_vi: Option<Vec<DonViFile>>,
    #[serde(default)]
    #[schemars(
        title = "Các huyện (tệp cũ)",
        description = "Tệp lập trước ngày 01/7/2025 ghi đơn vị ở đây thay cho `don_vi`; cấp mặc định là huyện. Chỉ dùng một trong hai khóa."
    )]
    huyen: Option<Vec<DonViFile>>,
    #[serde(default)]
    #[schemars(
        title = "Tiêu đề cột đơn vị",
        description = "Tiêu đề cột tên đơn vị của bảng, ví dụ `Xã/phường`; bỏ trống để vanban ghi theo các cấp có trong bảng."
    )]
    cot_don_vi: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Đơn vị",
    description = "Một đơn vị cử học viên: tên, cấp, số học viên theo chương trình."
)]
struct DonViFile {
    #[schemars(title = "Tên đơn vị", description = "Tên đơn vị không kèm cấp, ví dụ `Na Sầm`.")]
    ten: String,
    #[serde(default)]
    #[schemars(
        title = "Cấp",
        description = "`xã`, `phường`, `đặc khu` (hoặc `huyện`, `thị xã`, `thành phố` trong tệp cũ); bỏ trống: xã, hoặc huyện với khóa `huyen`."
    )]
    cap: Option<Cap>,
    #[schemars(
        title = "Số lượng",
        description = "Số học viên theo mã chương trình, ví dụ `{ CT3: 10 }`; chương trình không ghi là 0."
    )]
    so_luong: BTreeMap<String, u32>,
}

/// The allocation file's schema (a data file, read by several kinds).
pub fn schema() -> Schema {
    schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<PhanBoFile>()
}

#[derive(Debug, Clone)]
pub struct PhanBo {
    /// Trainees per class ("80 học viên/lớp").
    pub hoc_vien_moi_lop: u32,
    pub chuong_trinh: Vec<ChuongTrinh>,
    /// The units that send trainees, in the table's order.
    pub don_vi: Vec<DonVi>,
    /// The unit column's heading, when the data names it.
    pub cot_don_vi: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Chương trình", description = "Một chương trình tập huấn: mã, tên, số lớp.")]
pub struct ChuongTrinh {
    /// Short code used in the data and the schedule: "CT2".
    #[schemars(title = "Mã chương trình", description = "Mã ngắn dùng trong lịch và số lượng, ví dụ `CT2`.")]
    pub ma: String,
    /// Column heading: "Chương trình 2 (cán bộ huyện, xã)".
    #[schemars(
        title = "Tên chương trình",
        description = "Tên in ở tiêu đề cột và trong giấy mời, ví dụ `Chương trình 2 (cán bộ huyện, xã)`."
    )]
    pub ten: String,
    /// Number of classes the plan budgets for this programme.
    #[schemars(
        title = "Số lớp",
        description = "Số lớp của chương trình; lịch trong giấy mời phải có đúng số lớp này."
    )]
    pub so_lop: u32,
}

/// The level of a local administrative unit (Luật Tổ chức chính quyền địa
/// phương 2025: province, then xã, phường, đặc khu; huyện, thị xã and the
/// provincial thành phố are the levels of data from before 1 July 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cap {
    Xa,
    Phuong,
    DacKhu,
    Huyen,
    ThiXa,
    ThanhPho,
}

impl Cap {
    pub const ALL: [Cap; 6] = [Cap::Xa, Cap::Phuong, Cap::DacKhu, Cap::Huyen, Cap::ThiXa, Cap::ThanhPho];

    /// The level as running text writes it: "xã", "thành phố".
    pub fn word(self) -> &'static str {
        match self {
            Cap::Xa => "xã",
            Cap::Phuong => "phường",
            Cap::DacKhu => "đặc khu",
            Cap::Huyen => "huyện",
            Cap::ThiXa => "thị xã",
            Cap::ThanhPho => "thành phố",
        }
    }

    fn parse(s: &str) -> Option<Cap> {
        let folded = crate::vi::fold(s);
        Cap::ALL.into_iter().find(|c| crate::vi::fold(c.word()) == folded)
    }
}

/// What [`Cap::parse`] reads: a level's word in any case, spaces anywhere.
impl JsonSchema for Cap {
    fn schema_name() -> Cow<'static, str> {
        "Cap".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let word = |w: &str| {
            let letters: Vec<String> = w
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| format!("[{c}{}]", c.to_uppercase()))
                .collect();
            letters.join(r"\s*")
        };
        let words: Vec<String> = Cap::ALL.iter().map(|c| word(c.word())).collect();
        json_schema!({ "type": "string", "pattern": format!(r"^\s*({})\s*$", words.join("|")) })
    }
}

impl<'de> Deserialize<'de> for Cap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Cap::parse(&s).ok_or_else(|| {
            let known: Vec<&str> = Cap::ALL.iter().map(|c| c.word()).collect();
            serde::de::Error::custom(format!("cấp '{s}' không hợp lệ; chọn một trong: {}", known.join(", ")))
        })
    }
}

/// A unit of the allocation: a xã or phường (or, in older data, a huyện).
#[derive(Debug, Clone)]
pub struct DonVi {
    /// "Na Sầm", "Tràng Định", or "Lạng Sơn" with `cap: thành phố`.
    pub ten: String,
    pub cap: Cap,
    /// Whether the table shows the name bare: its level is the table's main
    /// one, named by the column heading ("Tràng Định" under "Huyện/thành
    /// phố", but "Thành phố Lạng Sơn").
    pub ten_tran: bool,
    /// Trainees per programme code.
    pub so_luong: BTreeMap<String, u32>,
}

impl DonVi {
    /// The name as a table shows it: "Tràng Định", "Thành phố Lạng Sơn".
    pub fn display_name(&self) -> String {
        if self.ten_tran { self.ten.clone() } else { crate::vi::capitalise(&self.full_name()) }
    }

    /// "huyện Tràng Định", "xã Na Sầm".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.cap.word(), self.ten)
    }

    /// Whether `written` names this unit: "Na Sầm", "xã Na Sầm", "XÃ NA SẦM".
    pub fn is_named(&self, written: &str) -> bool {
        let w = crate::vi::fold(written);
        w == crate::vi::fold(&self.ten) || w == crate::vi::fold(&self.full_name())
    }

    pub fn quota(&self, program: &str) -> u32 {
        self.so_luong.get(program).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u32 {
        self.so_luong.values().sum()
    }
}

impl PhanBo {
    /// An allocation from its text; `path` names the file in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let file: PhanBoFile = super::parse_yaml(path, text)?;
        let mut problems = Vec::new();
        let (units, default_cap) = match (file.don_vi, file.huyen) {
            (Some(d), None) => (d, None),
            // Data from before the reform: the level defaults to huyện.
            (None, Some(h)) => (h, Some(Cap::Huyen)),
            (Some(d), Some(_)) => {
                problems.push(InputError::new(
                    path,
                    "huyen",
                    "chỉ dùng một trong hai khóa 'don_vi' và 'huyen' (khóa cũ) cho danh sách đơn vị",
                ));
                (d, None)
            }
            (None, None) => {
                problems.push(InputError::new(
                    path,
                    "don_vi",
                    "thiếu danh sách đơn vị 'don_vi' (mỗi đơn vị có ten, cap và so_luong)",
                ));
                (Vec::new(), None)
            }
        };
        let key = if default_cap.is_some() { "huyen" } else { "don_vi" };
        let mut don_vi = Vec::new();
        for (i, u) in units.into_iter().enumerate() {
            let cap = match u.cap.or(default_cap) {
                Some(c) => c,
                None => {
                    problems.push(InputError::new(
                        path,
                        format!("{key}[{i}].cap"),
                        format!("đơn vị '{}' thiếu cấp 'cap' (xã, phường, đặc khu …)", u.ten),
                    ));
                    Cap::Xa
                }
            };
            don_vi.push(DonVi { ten: u.ten, cap, ten_tran: false, so_luong: u.so_luong });
        }
        // The level most units have is the table's own: those names go bare.
        let main = Cap::ALL
            .into_iter()
            .max_by_key(|c| (don_vi.iter().filter(|u| u.cap == *c).count(), std::cmp::Reverse(*c)));
        for u in &mut don_vi {
            u.ten_tran = Some(u.cap) == main;
        }
        let phan_bo = PhanBo {
            hoc_vien_moi_lop: file.hoc_vien_moi_lop,
            chuong_trinh: file.chuong_trinh,
            don_vi,
            cot_don_vi: file.cot_don_vi,
        };
        problems.extend(phan_bo.problems(path, key));
        if problems.is_empty() {
            Ok(phan_bo)
        } else {
            let places = super::locate::Locations::of(text);
            for p in &mut problems {
                if p.line.is_none() {
                    p.line = places.line(&p.field);
                }
            }
            Err(Error::Input(problems))
        }
    }

    pub fn program_total(&self, program: &str) -> u32 {
        self.don_vi.iter().map(|h| h.quota(program)).sum()
    }

    /// The unit named `written` ("Na Sầm", "xã Na Sầm"), if any.
    pub fn unit(&self, written: &str) -> Option<&DonVi> {
        self.don_vi.iter().find(|u| u.is_named(written))
    }

    /// The heading of the unit column: the data's, or the levels present in
    /// the decree's order ("Xã/phường", "Huyện/thành phố").
    pub fn unit_heading(&self) -> String {
        if let Some(h) = &self.cot_don_vi {
            return h.clone();
        }
        let levels: Vec<&str> =
            Cap::ALL.iter().filter(|c| self.don_vi.iter().any(|u| u.cap == **c)).map(|c| c.word()).collect();
        if levels.is_empty() { "Đơn vị".to_owned() } else { crate::vi::capitalise(&levels.join("/")) }
    }

    /// "các xã, phường": the units as running text names them together.
    pub fn units_phrase(&self) -> String {
        let levels: Vec<&str> =
            Cap::ALL.iter().filter(|c| self.don_vi.iter().any(|u| u.cap == **c)).map(|c| c.word()).collect();
        format!("các {}", levels.join(", "))
    }

    /// Totals must equal classes × trainees per class; codes must be known.
    fn problems(&self, path: &Path, key: &str) -> Vec<InputError> {
        let mut out = Vec::new();
        let codes: BTreeSet<&str> = self.chuong_trinh.iter().map(|c| c.ma.as_str()).collect();
        if codes.len() != self.chuong_trinh.len() {
            out.push(InputError::new(path, "chuong_trinh", "mã chương trình bị trùng"));
        }
        let mut names = BTreeSet::new();
        for (i, h) in self.don_vi.iter().enumerate() {
            if !names.insert(crate::vi::fold(&h.full_name())) {
                out.push(InputError::new(
                    path,
                    format!("{key}[{i}].ten"),
                    format!("'{}' xuất hiện hai lần", h.full_name()),
                ));
            }
            for code in h.so_luong.keys() {
                if !codes.contains(code.as_str()) {
                    out.push(InputError::new(
                        path,
                        format!("{key}[{i}].so_luong.{code}"),
                        format!(
                            "mã chương trình '{code}' không có trong 'chuong_trinh' ({})",
                            codes.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        for c in &self.chuong_trinh {
            let total = self.program_total(&c.ma);
            let expected = c.so_lop * self.hoc_vien_moi_lop;
            if total != expected {
                out.push(InputError::new(
                    path,
                    format!("chuong_trinh.{}", c.ma),
                    format!(
                        "tổng số học viên {} của {} là {total}, nhưng {} lớp × {} học viên/lớp = {expected}",
                        c.ma,
                        self.units_phrase(),
                        c.so_lop,
                        self.hoc_vien_moi_lop
                    ),
                ));
            }
        }
        out
    }

    /// The plan's appendix table: STT, unit, one column per programme,
    /// total; a bold total row last.
    pub fn table(&self) -> crate::model::than::Bang {
        let mut cot = vec!["STT".to_owned(), self.unit_heading()];
        cot.extend(self.chuong_trinh.iter().map(|c| c.ten.clone()));
        cot.push("Tổng".to_owned());
        let mut dong: Vec<Vec<String>> = self
            .don_vi
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let mut row = vec![(i + 1).to_string(), h.display_name()];
                row.extend(self.chuong_trinh.iter().map(|c| h.quota(&c.ma).to_string()));
                row.push(h.total().to_string());
                row
            })
            .collect();
        let mut total = vec![String::new(), "Tổng".to_owned()];
        total.extend(self.chuong_trinh.iter().map(|c| self.program_total(&c.ma).to_string()));
        total.push(self.don_vi.iter().map(DonVi::total).sum::<u32>().to_string());
        dong.push(total);
        let n = self.chuong_trinh.len();
        let mut do_rong = vec!["12mm".to_owned(), "1.6fr".to_owned()];
        do_rong.extend((0..n).map(|_| "1fr".to_owned()));
        do_rong.push("18mm".to_owned());
        let mut can_le = vec!["center".to_owned(), "left".to_owned()];
        can_le.extend((0..=n).map(|_| "center".to_owned()));
        crate::model::than::Bang {
            cot,
            dong,
            do_rong: Some(do_rong),
            can_le: Some(can_le),
            dong_cuoi_dam: true,
            cao_dong: None,
        }
    }
}

/// The programme a list's cell names, matched case-, space- and
/// NFC-insensitively against the allocation: its code ("CT3"), the code's
/// number ("3", "Chương trình 3"), its name ("Chương trình 3 (cộng đồng)")
/// or the name without its parenthesis.
pub fn program_code<'a>(written: &str, programs: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let w = crate::vi::fold(written);
    programs.iter().find_map(|(code, name)| {
        let number: String = code.chars().filter(char::is_ascii_digit).collect();
        let short = name.split(" (").next().unwrap_or(name);
        let mut forms = vec![crate::vi::fold(code), crate::vi::fold(name), crate::vi::fold(short)];
        if !number.is_empty() {
            forms.push(crate::vi::fold(&format!("Chương trình {number}")));
            forms.push(number);
        }
        forms.contains(&w).then_some(code.as_str())
    })
}
