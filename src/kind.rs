//! The document kinds vanban makes, each registered once: its `loai`, its
//! place in the decree (Mẫu, type code, tên loại), its template and how it
//! is made. `build`, `render`, `check`, the report and the messages that list
//! the kinds all read this table; adding a kind adds one line here.

use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::compose::{Prepared, PreparedBatch};
use crate::error::{Diagnostic, Error, Result};
use crate::folder::Folder;
use crate::fonts::FontSet;
use crate::kinds;
use crate::model;
use crate::rules::Rule;
use crate::starter::{self, Starter};
use crate::template::Templates;

/// A document kind.
pub type Kind = &'static KindSpec;

/// A document to make: its kind, its data file (which names it in
/// messages), the file's text read once, and the folder the data may read
/// other files from (on disk, or held in memory).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub kind: Kind,
    pub path: &'a Path,
    pub text: &'a str,
    pub folder: &'a dyn Folder,
}

/// A kind's code: the data it reads, parsed once per document; the rules
/// that data can break; how it becomes Typst source.
pub trait Doc {
    /// Its schema (`vanban schema`) is derived from the same type.
    type Data: DeserializeOwned + JsonSchema;
    /// One PDF per record in `<file>/`, all of them in `<file>.pdf`, a
    /// report; or one document, one PDF (`<file>.pdf`).
    const BATCH: bool = false;
    /// The decree's rules the data breaks, beyond those preparing it checks.
    fn rules(input: &Input, data: &Self::Data) -> Vec<Rule>;
    /// The checked data rendered to Typst source.
    fn prepare(input: &Input, data: Self::Data, templates: &Templates, fonts: &FontSet) -> Result<Made>;
}

/// What preparing a document gives.
pub enum Made {
    One(Prepared),
    Batch(PreparedBatch),
}

/// One pass over a document: its rules' findings, each at its line, and,
/// when asked, what preparing it gave.
pub struct Pass {
    pub rules: Vec<Diagnostic>,
    pub made: Option<Result<Made>>,
}

impl Pass {
    pub fn rule_errors(&self) -> usize {
        self.rules.iter().filter(|f| f.is_error()).count()
    }
}

/// The templates and fonts preparing needs; without them a pass only applies
/// the rules.
pub type Tools<'a> = Option<(&'a Templates, &'a FontSet)>;

/// Parses the document once, applies its rules and, given the tools,
/// prepares it from the same data.
fn pass<D: Doc>(input: &Input, tools: Tools) -> Result<Pass> {
    if let Some((spec, value)) = crate::tron::split(input)? {
        return crate::tron::pass::<D>(input, spec, value, tools);
    }
    let data: D::Data = model::parse_yaml(input.path, input.text)?;
    let rules = placed(input, D::rules(input, &data));
    let made = tools
        .map(|(templates, fonts)| D::prepare(input, data, templates, fonts).map_err(|e| located(input, e)));
    Ok(Pass { rules, made })
}

/// Problems found while preparing, each given its field's line in the text
/// where it names a field of this file and has no line yet (a table's row,
/// `bang.dong[2]`).
fn located(input: &Input, e: Error) -> Error {
    match e {
        Error::Input(mut problems) if problems.iter().any(|p| p.line.is_none()) => {
            let places = model::locate::Locations::of(input.text);
            for p in problems.iter_mut().filter(|p| p.line.is_none() && p.file == input.path) {
                p.line = places.line(&p.field);
            }
            Error::Input(problems)
        }
        e => e,
    }
}

/// Rules' findings as diagnostics, each at its field's line in the text.
pub(crate) fn placed(input: &Input, found: Vec<Rule>) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    let places = model::locate::Locations::of(input.text);
    found
        .into_iter()
        .map(|(field, muc_do, message)| {
            // The field's own line, or its parent's when the field is
            // absent; a missing top-level field, at the kind that asks for it.
            let line = places.line(&field).or_else(|| places.line("loai"));
            Diagnostic { line, ..Diagnostic::new(input.path, field, message).severity(muc_do) }
        })
        .collect()
}

/// A kind's code as the registry holds it.
#[derive(Clone, Copy)]
pub struct Code {
    pub batch: bool,
    pub pass: fn(&Input, Tools) -> Result<Pass>,
    /// The JSON Schema of its data type, before the kind pins its `loai`.
    pub schema: fn() -> schemars::Schema,
}

/// The registry's entry for the code `D`.
pub const fn code<D: Doc>() -> Code {
    Code { batch: D::BATCH, pass: pass::<D>, schema: crate::schema::of_type::<D::Data> }
}

/// Whether a kind addresses its recipients with "Kính gửi:" (ô 9a).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KinhGui {
    /// Not in the decree for this kind (PL I II.9.b).
    Khong,
    /// Báo cáo: only when sent to a superior.
    TuyChon,
    /// Tờ trình, Công văn.
    BatBuoc,
}

pub struct KindSpec {
    /// The `loai:` key: "ke-hoach".
    pub loai: &'static str,
    /// The kind's name in running text: "Kế hoạch".
    pub ten: &'static str,
    /// Its model in NĐ30 Phụ lục III ("1.4"), or `None` (a certificate).
    pub mau: Option<&'static str>,
    /// The tên loại the title block shows by default: "KẾ HOẠCH"; empty
    /// for a Công văn, which has none (its V/v stands under the number).
    pub ten_loai: &'static str,
    /// The type code its ký hiệu starts with (PL III Mục I), case-exact;
    /// `None` when the decree has none (the office chooses).
    pub ma: Option<&'static str>,
    pub kinh_gui: KinhGui,
    /// The template that composes it, by name (an office may override it,
    /// `--templates`), and its built-in text.
    pub template: &'static str,
    pub template_text: &'static str,
    /// Its data, rules and preparation.
    pub code: Code,
    /// The report's label for a batch's records: "giấy mời".
    pub nhan_ban: &'static str,
    /// What `vanban new` writes: `<loai>.yaml` first, then the data files it
    /// reads (templates/moi/).
    pub moi: &'static [Starter],
}

/// A "văn bản có tên loại" of Mẫu 1.4: the plan's structure, its own tên
/// loại and type code.
const fn mau_1_4(
    loai: &'static str,
    ten: &'static str,
    ten_loai: &'static str,
    ma: &'static str,
    kinh_gui: KinhGui,
    moi: &'static [Starter],
) -> KindSpec {
    KindSpec {
        loai,
        ten,
        mau: Some("1.4"),
        ten_loai,
        ma: Some(ma),
        kinh_gui,
        template: "ke-hoach.typ.j2",
        template_text: include_str!("../templates/ke-hoach.typ.j2"),
        code: code::<kinds::ke_hoach::KeHoachDoc>(),
        nhan_ban: "",
        moi,
    }
}

/// A kind of one document with its own Mẫu and type code, no Kính gửi,
/// made by the code `$doc` with the template `<loai>.typ.j2`.
macro_rules! one {
    ($loai:literal, $ten:literal, $mau:literal, $ten_loai:literal, $ma:literal, $doc:ty $(,)?) => {
        KindSpec {
            loai: $loai,
            ten: $ten,
            mau: Some($mau),
            ten_loai: $ten_loai,
            ma: Some($ma),
            kinh_gui: KinhGui::Khong,
            template: concat!($loai, ".typ.j2"),
            template_text: include_str!(concat!("../templates/", $loai, ".typ.j2")),
            code: code::<$doc>(),
            nhan_ban: "",
            moi: &[Starter {
                name: concat!($loai, ".yaml"),
                text: include_str!(concat!("../templates/moi/", $loai, ".yaml")),
                schema: starter::Of::Kind($loai),
            }],
        }
    };
}

/// Every kind, in the order `vanban` lists them.
pub static KINDS: [KindSpec; 14] = [
    mau_1_4("ke-hoach", "Kế hoạch", "KẾ HOẠCH", "KH", KinhGui::Khong, starter::KE_HOACH),
    mau_1_4("to-trinh", "Tờ trình", "TỜ TRÌNH", "TTr", KinhGui::BatBuoc, starter::TO_TRINH),
    mau_1_4("thong-bao", "Thông báo", "THÔNG BÁO", "TB", KinhGui::Khong, starter::THONG_BAO),
    mau_1_4("bao-cao", "Báo cáo", "BÁO CÁO", "BC", KinhGui::TuyChon, starter::BAO_CAO),
    mau_1_4("huong-dan", "Hướng dẫn", "HƯỚNG DẪN", "HD", KinhGui::Khong, starter::HUONG_DAN),
    mau_1_4("chuong-trinh", "Chương trình", "CHƯƠNG TRÌNH", "CTr", KinhGui::Khong, starter::CHUONG_TRINH),
    KindSpec {
        loai: "quyet-dinh",
        ten: "Quyết định",
        mau: Some("1.2, 1.3"),
        ten_loai: "QUYẾT ĐỊNH",
        ma: Some("QĐ"),
        kinh_gui: KinhGui::Khong,
        template: "quyet-dinh.typ.j2",
        template_text: include_str!("../templates/quyet-dinh.typ.j2"),
        code: code::<kinds::quyet_dinh::QuyetDinhDoc>(),
        nhan_ban: "",
        moi: starter::QUYET_DINH,
    },
    KindSpec {
        loai: "cong-van",
        ten: "Công văn",
        mau: Some("1.5"),
        ten_loai: "",
        ma: None,
        kinh_gui: KinhGui::BatBuoc,
        template: "cong-van.typ.j2",
        template_text: include_str!("../templates/cong-van.typ.j2"),
        code: code::<kinds::cong_van::CongVanDoc>(),
        nhan_ban: "",
        moi: starter::CONG_VAN,
    },
    one!("cong-dien", "Công điện", "1.6", "CÔNG ĐIỆN", "CĐ", kinds::cong_dien::CongDienDoc),
    KindSpec {
        loai: "giay-moi",
        ten: "Giấy mời",
        mau: Some("1.7"),
        ten_loai: "GIẤY MỜI",
        ma: Some("GM"),
        kinh_gui: KinhGui::Khong,
        template: "giay-moi.typ.j2",
        template_text: include_str!("../templates/giay-moi.typ.j2"),
        code: code::<kinds::giay_moi::GiayMoiDoc>(),
        nhan_ban: "giấy mời",
        moi: starter::GIAY_MOI,
    },
    KindSpec {
        loai: "giay-moi-hop",
        ten: "Giấy mời họp",
        mau: Some("1.7"),
        ten_loai: "GIẤY MỜI",
        ma: Some("GM"),
        kinh_gui: KinhGui::BatBuoc,
        template: "giay-moi-hop.typ.j2",
        template_text: include_str!("../templates/giay-moi-hop.typ.j2"),
        code: code::<kinds::giay_moi_hop::GiayMoiHopDoc>(),
        nhan_ban: "",
        moi: starter::GIAY_MOI_HOP,
    },
    one!(
        "giay-gioi-thieu",
        "Giấy giới thiệu",
        "1.8",
        "GIẤY GIỚI THIỆU",
        "GGT",
        kinds::giay_gioi_thieu::GiayGioiThieuDoc
    ),
    one!("bien-ban", "Biên bản", "1.9", "BIÊN BẢN", "BB", kinds::bien_ban::BienBanDoc),
    KindSpec {
        loai: "giay-chung-nhan",
        ten: "Giấy chứng nhận",
        mau: None,
        ten_loai: "GIẤY CHỨNG NHẬN",
        ma: None,
        kinh_gui: KinhGui::Khong,
        template: "giay-chung-nhan.typ.j2",
        template_text: include_str!("../templates/giay-chung-nhan.typ.j2"),
        code: code::<kinds::giay_chung_nhan::GiayChungNhanDoc>(),
        nhan_ban: "giấy chứng nhận",
        moi: starter::GIAY_CHUNG_NHAN,
    },
];

/// The kind whose `loai` is `name`.
pub fn by_loai(name: &str) -> Option<Kind> {
    KINDS.iter().find(|k| k.loai == name)
}

/// "ke-hoach, to-trinh, …": the kinds a message can offer.
pub fn names() -> String {
    KINDS.iter().map(|k| k.loai).collect::<Vec<_>>().join(", ")
}

/// The message for a `loai` vanban does not know (`shown` as written).
pub fn unknown(shown: &str) -> String {
    format!("loại văn bản '{shown}' không được hỗ trợ; các loại hợp lệ: {}", names())
}

/// The kind a command line names, or the message that lists the kinds.
pub fn named(name: &str) -> Result<Kind> {
    by_loai(name).ok_or_else(|| crate::error::Error::Usage(unknown(name)))
}

/// `vanban kinds`: one line per kind, its `loai`, name, model and type code.
pub fn table() -> String {
    let mau_of = |k: &KindSpec| k.mau.map(|m| format!("Mẫu {m}")).unwrap_or_else(|| "(không có)".into());
    // As wide as the longest model ("Mẫu 1.2, 1.3") and a space.
    let width = KINDS.iter().map(|k| mau_of(k).chars().count() + 1).max().unwrap_or(0).max(11);
    let mut out = format!("{:<18}{:<18}{:<width$}viết tắt\n", "loai", "tên loại", "mẫu NĐ30");
    for k in &KINDS {
        // A decree kind without a code has none (Công văn); a kind outside
        // the decree has the office's.
        let ma = k.ma.unwrap_or(if k.mau.is_some() { "(không có)" } else { "(cơ quan đặt)" });
        out.push_str(&format!("{:<18}{:<18}{:<width$}{ma}\n", k.loai, k.ten, mau_of(k)));
    }
    out
}

impl KindSpec {
    pub fn is_batch(&self) -> bool {
        self.code.batch
    }

    /// What one record of a batch of this kind is called ("giấy mời"); a
    /// kind merged over a list, by its name ("giấy giới thiệu").
    pub fn record_noun(&self) -> String {
        if !self.nhan_ban.is_empty() {
            return self.nhan_ban.to_owned();
        }
        crate::vi::lower_first(self.ten)
    }

    /// One pass over a document of this kind (see [`Pass`]).
    pub fn pass(&self, input: &Input, tools: Tools) -> Result<Pass> {
        (self.code.pass)(input, tools)
    }
}

impl std::fmt::Debug for KindSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.loai)
    }
}

impl PartialEq for KindSpec {
    fn eq(&self, other: &Self) -> bool {
        self.loai == other.loai
    }
}

impl Eq for KindSpec {}
