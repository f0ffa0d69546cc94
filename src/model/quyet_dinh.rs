//! Quyết định (cá biệt), NĐ30 Mẫu 1.2: an authority line, the "Căn cứ …"
//! preamble, "QUYẾT ĐỊNH:" and articles (Điều), each with khoản and điểm
//! numbered by vanban. With `kem_theo`, Mẫu 1.3: the decision issues or
//! approves the document it carries (a Quy chế, a Kế hoạch …).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::common::*;
use super::ke_hoach::text_lines;

van_ban! {
    /// A decision's data. In Nơi nhận, "- Như Điều N;" (N: the article marked
    /// `thi_hanh`) is put first.
    pub struct QuyetDinh {
        /// "Về việc …" (Mẫu 1.2).
        pub trich_yeu: Lines,
        /// The authority that decides (PL III Mẫu 1.2 note 6): the head's title
        /// ("GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO") or the collective's name ("ỦY
        /// BAN NHÂN DÂN TỈNH LẠNG SƠN"); printed in upper case.
        pub tham_quyen: Lines,
        /// The legal bases, one per line ("Căn cứ" is added when left out).
        #[serde(deserialize_with = "text_lines")]
        pub can_cu: Vec<String>,
        /// Who proposed it: "Trưởng phòng Chính sách" → "Theo đề nghị của
        /// Trưởng phòng Chính sách."
        #[serde(default)]
        pub theo_de_nghi: Option<String>,
        /// The articles, numbered Điều 1, 2, … through the document.
        pub dieu: Vec<Dieu>,
        /// The document the decision issues or approves (Mẫu 1.3), laid out
        /// after it on its own pages.
        #[serde(default)]
        pub kem_theo: Option<KemTheo>,
        /// An electronic document (NĐ30 Điều 15.3, PL I II.8.b): the
        /// "(Kèm theo …)" line leaves the number and the date blank.
        #[serde(default)]
        pub dien_tu: bool,
        /// When the agency signs it digitally, for the box on the first page of
        /// an attachment in its own file.
        #[serde(default)]
        pub thoi_diem_ky_so: Option<ThoiDiem>,
        /// Where the figures the articles name (`{so_hoc_vien}` …) and a
        /// list attachment (`kem_theo.hoc_vien`) come from.
        #[serde(default)]
        pub so_lieu: Option<super::so_lieu::NguonSoLieu>,
    }
}

/// A document "ban hành kèm theo" a decision (NĐ30 PL III, the model after
/// Mẫu 1.3): tên loại, trích yếu and a body of Chương / Mục / Điều, or of
/// Điều alone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KemTheo {
    /// "QUY CHẾ", "QUY ĐỊNH", "KẾ HOẠCH" …
    pub ten_loai: String,
    /// "Làm việc của Ban Tổ chức …".
    pub trich_yeu: Lines,
    /// Who issued the decision, as the reference line names them ("Giám
    /// đốc Sở Dân tộc và Tôn giáo"); by default from `tham_quyen` and
    /// `co_quan.ten_goi`.
    #[serde(default)]
    pub cua: Option<String>,
    /// Written as its own PDF beside the decision's (`<file>.kem-theo.pdf`),
    /// as the decree's model for an electronic attachment has it, instead
    /// of after the decision in the same file.
    #[serde(default)]
    pub tep_rieng: bool,
    #[serde(default)]
    pub chuong: Vec<Chuong>,
    /// The articles of a document without chapters.
    #[serde(default)]
    pub dieu: Vec<Dieu>,
    /// A list of trainees instead of articles (a decision recognising who
    /// completed the classes): the decision's `so_lieu` list, by class.
    #[serde(default)]
    pub hoc_vien: Option<DanhSachHocVien>,
}

/// How a list attachment orders its trainees within each class.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DanhSachHocVien {
    /// `danh-sach` (the list's order, the default) or `ten` (given name,
    /// middle names, family name, in Vietnamese order).
    #[serde(default)]
    pub sap_xep: super::giay_chung_nhan::SapXep,
}

/// A chapter ("Chương I"): its articles, or its sections (Mục).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chuong {
    pub ten: String,
    #[serde(default)]
    pub muc: Vec<Muc>,
    #[serde(default)]
    pub dieu: Vec<Dieu>,
}

/// A section of a chapter ("Mục 1") and its articles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Muc {
    pub ten: String,
    pub dieu: Vec<Dieu>,
}

/// An article: its text (on the "Điều N." line), or a title with khoản.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dieu {
    pub tieu_de: Option<String>,
    pub noi_dung: Option<String>,
    pub khoan: Vec<Khoan>,
    /// The article naming who carries the decision out: Nơi nhận's
    /// "- Như Điều N;".
    pub thi_hanh: bool,
}

/// A khoản ("1.") with its điểm ("a)").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Khoan {
    pub noi_dung: String,
    pub diem: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DieuMap {
    #[serde(default)]
    tieu_de: Option<String>,
    #[serde(default)]
    noi_dung: Option<String>,
    #[serde(default)]
    khoan: Vec<Khoan>,
    #[serde(default)]
    thi_hanh: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KhoanMap {
    noi_dung: String,
    #[serde(default, deserialize_with = "text_lines")]
    diem: Vec<String>,
}

/// A string is the item's text; a map gives its parts. Both forms keep
/// serde's own messages (field names, positions).
macro_rules! text_or_map {
    ($ty:ty, $map:ty, $from_text:expr, $from_map:expr, $what:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok($from_text(v.to_owned()))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        let m = <$map>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                        Ok($from_map(m))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

text_or_map!(
    Dieu,
    DieuMap,
    |t| Dieu { noi_dung: Some(t), ..Dieu::default() },
    |m: DieuMap| Dieu { tieu_de: m.tieu_de, noi_dung: m.noi_dung, khoan: m.khoan, thi_hanh: m.thi_hanh },
    "a string or a map"
);
text_or_map!(
    Khoan,
    KhoanMap,
    |t| Khoan { noi_dung: t, diem: Vec::new() },
    |m: KhoanMap| Khoan { noi_dung: m.noi_dung, diem: m.diem },
    "a string or a map"
);
