//! The document kinds vanban makes, each registered once: its `loai`, its
//! place in the decree (Mẫu, type code, tên loại), its template and how it
//! is made. `build`, `render`, `check`, the report and the messages that list
//! the kinds all read this table; adding a kind adds one line here.

use std::path::Path;

use crate::check::{self, Rule};
use crate::compose::{self, Prepared, PreparedBatch};
use crate::error::Result;
use crate::folder::Folder;
use crate::fonts::FontSet;
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

/// How a kind turns into files.
#[derive(Clone, Copy)]
pub enum Make {
    /// One document, one PDF (`<file>.pdf`).
    One(fn(&Input, &Templates, &FontSet) -> Result<Prepared>),
    /// One PDF per record in `<file>/`, all of them in `<file>.pdf`, a report.
    Batch(fn(&Input, &Templates, &FontSet) -> Result<PreparedBatch>),
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
    /// The template that composes it.
    pub template: &'static str,
    pub make: Make,
    /// The rules its data can break beyond those preparing it checks.
    pub rules: fn(&Input) -> Result<Vec<Rule>>,
    /// The report's label for a batch's records: "giấy mời".
    pub nhan_ban: &'static str,
}

/// A "văn bản có tên loại" of Mẫu 1.4: the plan's structure, its own tên
/// loại and type code.
const fn mau_1_4(
    loai: &'static str,
    ten: &'static str,
    ten_loai: &'static str,
    ma: &'static str,
    kinh_gui: KinhGui,
) -> KindSpec {
    KindSpec {
        loai,
        ten,
        mau: Some("1.4"),
        ten_loai,
        ma: Some(ma),
        kinh_gui,
        template: "ke-hoach.typ.j2",
        make: Make::One(compose::prepare_ke_hoach),
        rules: check::ke_hoach_rules,
        nhan_ban: "",
    }
}

/// Every kind, in the order `vanban` lists them.
pub static KINDS: [KindSpec; 12] = [
    mau_1_4("ke-hoach", "Kế hoạch", "KẾ HOẠCH", "KH", KinhGui::Khong),
    mau_1_4("to-trinh", "Tờ trình", "TỜ TRÌNH", "TTr", KinhGui::BatBuoc),
    mau_1_4("thong-bao", "Thông báo", "THÔNG BÁO", "TB", KinhGui::Khong),
    mau_1_4("bao-cao", "Báo cáo", "BÁO CÁO", "BC", KinhGui::TuyChon),
    mau_1_4("huong-dan", "Hướng dẫn", "HƯỚNG DẪN", "HD", KinhGui::Khong),
    mau_1_4("chuong-trinh", "Chương trình", "CHƯƠNG TRÌNH", "CTr", KinhGui::Khong),
    KindSpec {
        loai: "quyet-dinh",
        ten: "Quyết định",
        mau: Some("1.2, 1.3"),
        ten_loai: "QUYẾT ĐỊNH",
        ma: Some("QĐ"),
        kinh_gui: KinhGui::Khong,
        template: "quyet-dinh.typ.j2",
        make: Make::One(compose::quyet_dinh::prepare),
        rules: check::quyet_dinh_rules,
        nhan_ban: "",
    },
    KindSpec {
        loai: "cong-van",
        ten: "Công văn",
        mau: Some("1.5"),
        ten_loai: "",
        ma: None,
        kinh_gui: KinhGui::BatBuoc,
        template: "cong-van.typ.j2",
        make: Make::One(compose::prepare_cong_van),
        rules: check::cong_van_rules,
        nhan_ban: "",
    },
    KindSpec {
        loai: "giay-moi",
        ten: "Giấy mời",
        mau: Some("1.7"),
        ten_loai: "GIẤY MỜI",
        ma: Some("GM"),
        kinh_gui: KinhGui::Khong,
        template: "giay-moi.typ.j2",
        make: Make::Batch(compose::giay_moi::prepare),
        rules: check::giay_moi_rules,
        nhan_ban: "giấy mời",
    },
    KindSpec {
        loai: "giay-moi-hop",
        ten: "Giấy mời họp",
        mau: Some("1.7"),
        ten_loai: "GIẤY MỜI",
        ma: Some("GM"),
        kinh_gui: KinhGui::BatBuoc,
        template: "giay-moi-hop.typ.j2",
        make: Make::One(compose::giay_moi_hop::prepare),
        rules: check::giay_moi_hop_rules,
        nhan_ban: "",
    },
    KindSpec {
        loai: "bien-ban",
        ten: "Biên bản",
        mau: Some("1.9"),
        ten_loai: "BIÊN BẢN",
        ma: Some("BB"),
        kinh_gui: KinhGui::Khong,
        template: "bien-ban.typ.j2",
        make: Make::One(compose::bien_ban::prepare),
        rules: check::bien_ban_rules,
        nhan_ban: "",
    },
    KindSpec {
        loai: "giay-chung-nhan",
        ten: "Giấy chứng nhận",
        mau: None,
        ten_loai: "GIẤY CHỨNG NHẬN",
        ma: None,
        kinh_gui: KinhGui::Khong,
        template: "giay-chung-nhan.typ.j2",
        make: Make::Batch(compose::giay_chung_nhan::prepare),
        rules: check::giay_chung_nhan_rules,
        nhan_ban: "giấy chứng nhận",
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

/// `vanban kinds`: one line per kind, its `loai`, name, model and type code.
pub fn table() -> String {
    let mut out = String::from("loai              tên loại          mẫu NĐ30   viết tắt\n");
    for k in &KINDS {
        let mau = k.mau.map(|m| format!("Mẫu {m}")).unwrap_or_else(|| "(không có)".into());
        // A decree kind without a code has none (Công văn); a kind outside
        // the decree has the office's.
        let ma = k.ma.unwrap_or(if k.mau.is_some() { "(không có)" } else { "(cơ quan đặt)" });
        out.push_str(&format!("{:<18}{:<18}{:<11}{ma}\n", k.loai, k.ten, mau));
    }
    out
}

impl KindSpec {
    pub fn is_batch(&self) -> bool {
        matches!(self.make, Make::Batch(_))
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
