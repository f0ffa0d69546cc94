//! Quyết định (cá biệt), NĐ30 Mẫu 1.2: an authority line, the "Căn cứ …"
//! preamble, "QUYẾT ĐỊNH:" and articles (Điều), each with khoản and điểm
//! numbered by vanban. With `kem_theo`, Mẫu 1.3: the decision issues or
//! approves the document it carries (a Quy chế, a Kế hoạch …).

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::model::common::*;
use crate::model::than::{Bang, Text, text_lines};

van_ban! {
    /// A decision's data. In Nơi nhận, "- Như Điều N;" (N: the article marked
    /// `thi_hanh`) is put first.
    pub struct QuyetDinh {
        /// "Về việc …" (Mẫu 1.2).
        #[schemars(
            title = "Trích yếu",
            description = "Nội dung quyết định, dưới chữ QUYẾT ĐỊNH: `Về việc …` (Mẫu 1.2), hoặc `Ban hành …`, `Phê duyệt …` khi kèm theo một văn bản (Mẫu 1.3) (NĐ30, Phụ lục I, II.5.a)."
        )]
        pub trich_yeu: Lines,
        /// The authority that decides (PL III Mẫu 1.2 note 6): the head's title
        /// ("GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO") or the collective's name ("ỦY
        /// BAN NHÂN DÂN TỈNH LẠNG SƠN"); printed in upper case.
        #[schemars(
            title = "Thẩm quyền ban hành",
            description = "Chức vụ người đứng đầu hoặc tên tập thể ra quyết định, in hoa, đậm trên phần căn cứ, ví dụ `GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO` hoặc `ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN` (NĐ30, Phụ lục III, Mẫu 1.2, ghi chú 6)."
        )]
        pub tham_quyen: Lines,
        /// The legal bases, one per line ("Căn cứ" is added when left out).
        #[serde(deserialize_with = "text_lines")]
        #[schemars(
            with = "Vec<Text>",
            title = "Căn cứ",
            description = "Các căn cứ ban hành, mỗi căn cứ một dòng, ví dụ `Căn cứ Nghị định số 30/2020/NĐ-CP …`; vanban thêm \"Căn cứ\" khi không ghi; một dòng viết cách khác (\"Sau khi xem xét …\", \"Xét …\", \"Trên cơ sở …\") giữ nguyên (NĐ30, Phụ lục I, II.6.a)."
        )]
        pub can_cu: Vec<String>,
        /// Who proposed it: "Trưởng phòng Chính sách" → "Theo đề nghị của
        /// Trưởng phòng Chính sách."
        #[serde(default)]
        #[schemars(
            title = "Theo đề nghị của",
            description = "Người đề nghị, ví dụ `Trưởng phòng Chính sách` cho dòng \"Theo đề nghị của Trưởng phòng Chính sách.\"; hoặc cả dòng bắt đầu bằng \"Theo \" như văn bản viết (ví dụ \"Theo Đơn đề nghị của …\")."
        )]
        pub theo_de_nghi: Option<String>,
        /// The articles, numbered Điều 1, 2, … through the document.
        #[schemars(
            title = "Các điều",
            description = "Các điều của quyết định, vanban đánh số Điều 1, 2, …; một chuỗi là nội dung điều, hoặc bảng khóa `noi_dung`, `khoan`, `thi_hanh`. Điều giao thi hành ghi `thi_hanh: true` (NĐ30, Phụ lục I, II.6.đ)."
        )]
        pub dieu: Vec<Dieu>,
        /// The document the decision issues or approves (Mẫu 1.3), laid out
        /// after it on its own pages.
        #[serde(default)]
        #[schemars(
            title = "Văn bản kèm theo",
            description = "Văn bản mà quyết định ban hành hoặc phê duyệt (quy chế, quy định, kế hoạch …), in sau quyết định, trang đánh số riêng (NĐ30, Phụ lục III, Mẫu 1.3)."
        )]
        pub kem_theo: Option<KemTheo>,
        /// Phụ lục of the decision (PL I III.1): after the decision and its
        /// attached document, each on its own pages, numbered apart.
        #[serde(default)]
        #[schemars(
            title = "Phụ lục",
            description = "Các phụ lục kèm theo quyết định (danh sách, bảng biểu …), mỗi phụ lục bắt đầu trang mới, đánh số trang riêng, không có quốc hiệu (NĐ30, Phụ lục I, III.1)."
        )]
        pub phu_luc: Vec<crate::model::than::PhuLuc>,
        /// An electronic document (NĐ30 Điều 15.3, PL I II.8.b): the
        /// "(Kèm theo …)" line leaves the number and the date blank.
        #[serde(default)]
        #[schemars(title = "Văn bản điện tử", description = "`true`: văn bản điện tử (NĐ30, Điều 15.3): các dòng \"(Kèm theo … số … ngày …)\" để trống số và ngày, phần ở tệp riêng có ô chữ ký số ở góc trên bên phải (NĐ30, Phụ lục I, II.8.b, III.1.c).")]
        pub dien_tu: bool,
        /// When the agency signs it digitally, for the box on the first page of
        /// an attachment in its own file.
        #[serde(default)]
        #[schemars(title = "Thời điểm ký số", description = "Ngày giờ cơ quan ký số, giờ Việt Nam, ví dụ `05/05/2025 14:30:05`; in trong ô chữ ký số của phần ở tệp riêng (NĐ30, Phụ lục I, II.8.b).")]
        pub thoi_diem_ky_so: Option<ThoiDiem>,
        /// Where the figures the articles name (`{so_hoc_vien}` …) and a
        /// list attachment (`kem_theo.hoc_vien`) come from.
        #[serde(default)]
        #[schemars(title = "Nguồn số liệu", description = "Các tệp mà con số trong văn bản được tính từ đó: viết `{so_hoc_vien}`, `{ty_le_nu}`, `{so_hoc_vien_CT2}` … vào câu văn và `bang_so_lieu:` cho bảng; không gõ lại số.")]
        pub so_lieu: Option<crate::model::so_lieu::NguonSoLieu>,
    }
}

/// A document "ban hành kèm theo" a decision (NĐ30 PL III, the model after
/// Mẫu 1.3): tên loại, trích yếu and a body of Chương / Mục / Điều, or of
/// Điều alone.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Văn bản kèm theo",
    description = "Văn bản ban hành kèm theo quyết định: tên loại, trích yếu, các chương hoặc các điều (NĐ30, Phụ lục III, Mẫu 1.3)."
)]
pub struct KemTheo {
    /// "QUY CHẾ", "QUY ĐỊNH", "KẾ HOẠCH" …
    #[schemars(
        title = "Tên loại",
        description = "Tên loại của văn bản kèm theo, ví dụ `QUY CHẾ`, `QUY ĐỊNH`, `KẾ HOẠCH`."
    )]
    pub ten_loai: String,
    /// "Làm việc của Ban Tổ chức …".
    #[schemars(
        title = "Trích yếu",
        description = "Trích yếu của văn bản kèm theo, ví dụ `Làm việc của Ban Tổ chức các lớp tập huấn`."
    )]
    pub trich_yeu: Lines,
    /// Who issued the decision, as the reference line names them ("Giám
    /// đốc Sở Dân tộc và Tôn giáo"); by default from `tham_quyen` and
    /// `co_quan.ten_goi`.
    #[serde(default)]
    #[schemars(
        title = "Của",
        description = "Người ra quyết định như dòng \"(Kèm theo Quyết định số … của …)\" ghi, ví dụ `Giám đốc Sở Dân tộc và Tôn giáo`; bỏ trống để vanban lấy từ `tham_quyen` và `co_quan.ten_goi`."
    )]
    pub cua: Option<String>,
    /// Written as its own PDF beside the decision's (`<file>.kem-theo.pdf`),
    /// as the decree's model for an electronic attachment has it, instead
    /// of after the decision in the same file.
    #[serde(default)]
    #[schemars(
        title = "Tệp riêng",
        description = "`true`: ghi phần này thành một tệp PDF riêng bên cạnh văn bản (mẫu văn bản điện tử ở tệp riêng), số trang tính lại từ 1."
    )]
    pub tep_rieng: bool,
    #[serde(default)]
    #[schemars(
        title = "Các phần",
        description = "Các phần của văn bản (Phần I, II …), mỗi phần có tên và các chương; dùng thay cho `chuong` khi văn bản chia phần (NĐ30, Phụ lục I, II.6.d)."
    )]
    pub phan: Vec<Phan>,
    #[serde(default)]
    #[schemars(
        title = "Các chương",
        description = "Các chương (Chương I, II, …), mỗi chương có tên và các điều hoặc các mục; bỏ trống khi văn bản chỉ có `dieu`."
    )]
    pub chuong: Vec<Chuong>,
    /// The articles of a document without chapters.
    #[serde(default)]
    #[schemars(
        title = "Các điều",
        description = "Các điều của văn bản không chia chương; mỗi điều cần `tieu_de`. Số điều chạy liên tục qua cả văn bản."
    )]
    pub dieu: Vec<Dieu>,
    /// A body of sections and paragraphs instead of articles: a Kế hoạch or
    /// a Chương trình approved by the decision (the Mẫu 1.4 family's body).
    #[serde(default)]
    #[schemars(
        with = "Vec<crate::model::than::Node>",
        title = "Nội dung",
        description = "Văn bản kèm theo không chia điều (một kế hoạch, một chương trình được phê duyệt): các mục I., 1., 1.1., a) và đoạn văn như `noi_dung` của kế hoạch; dùng thay cho `chuong` và `dieu`."
    )]
    pub noi_dung: Vec<crate::model::than::Node>,
    /// A list of trainees instead of articles (a decision recognising who
    /// completed the classes): the decision's `so_lieu` list, by class.
    #[serde(default)]
    #[schemars(
        title = "Danh sách học viên",
        description = "Văn bản kèm theo là danh sách học viên theo lớp, lấy từ `so_lieu` của quyết định, ví dụ `hoc_vien: {sap_xep: ten}`."
    )]
    pub hoc_vien: Option<DanhSachHocVien>,
}

/// How a list attachment orders its trainees within each class.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Danh sách học viên kèm theo",
    description = "Văn bản kèm theo là danh sách học viên theo từng lớp, lấy từ `so_lieu` của quyết định."
)]
pub struct DanhSachHocVien {
    /// `danh-sach` (the list's order, the default) or `ten` (given name,
    /// middle names, family name, in Vietnamese order).
    #[serde(default)]
    #[schemars(
        title = "Sắp xếp",
        description = "`danh-sach`: theo thứ tự trong danh sách (mặc định); `ten`: theo tên, tên đệm, họ theo thứ tự tiếng Việt."
    )]
    pub sap_xep: crate::kinds::giay_chung_nhan::data::SapXep,
}

/// A part ("Phần I"): its chapters, numbered on through the document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Phần",
    description = "Một phần: tên phần, rồi các chương của phần (Phần I, II … số La Mã)."
)]
pub struct Phan {
    #[schemars(
        title = "Tên phần",
        description = "Tên phần, ví dụ `Những quy định chung` (in hoa dưới \"Phần I\") (NĐ30, Phụ lục I, II.6.d)."
    )]
    pub ten: String,
    #[schemars(title = "Các chương", description = "Các chương của phần; số chương chạy tiếp qua các phần.")]
    pub chuong: Vec<Chuong>,
}

/// Where a chapter stands: its field path, and the part it opens.
pub struct ChuongO<'a> {
    pub field: String,
    pub chuong: &'a Chuong,
    /// The part whose first chapter this is, and the part's index.
    pub mo_phan: Option<(usize, &'a Phan)>,
}

impl KemTheo {
    /// Every chapter in document order, those of its parts included.
    pub fn chapters(&self) -> Vec<ChuongO<'_>> {
        let mut out: Vec<ChuongO> = self
            .chuong
            .iter()
            .enumerate()
            .map(|(c, chuong)| ChuongO { field: format!("kem_theo.chuong[{c}]"), chuong, mo_phan: None })
            .collect();
        for (p, phan) in self.phan.iter().enumerate() {
            out.extend(phan.chuong.iter().enumerate().map(|(c, chuong)| ChuongO {
                field: format!("kem_theo.phan[{p}].chuong[{c}]"),
                chuong,
                mo_phan: (c == 0).then_some((p, phan)),
            }));
        }
        out
    }
}

/// A chapter ("Chương I"): its articles, or its sections (Mục).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Chương", description = "Một chương: tên chương, rồi các điều hoặc các mục.")]
pub struct Chuong {
    #[schemars(
        title = "Tên chương",
        description = "Tên chương, ví dụ `Quy định chung` (in hoa dưới \"Chương I\")."
    )]
    pub ten: String,
    #[serde(default)]
    #[schemars(
        title = "Các mục",
        description = "Các mục của chương (Mục 1, 2, …), mỗi mục có tên và các điều."
    )]
    pub muc: Vec<Muc>,
    #[serde(default)]
    #[schemars(title = "Các điều", description = "Các điều của chương khi chương không chia mục.")]
    pub dieu: Vec<Dieu>,
}

/// A section of a chapter ("Mục 1") and its articles.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Mục", description = "Một mục của chương: tên mục và các điều.")]
pub struct Muc {
    #[schemars(title = "Tên mục", description = "Tên mục, ví dụ `Tổ chức bộ máy` (in dưới \"Mục 1\").")]
    pub ten: String,
    #[schemars(title = "Các điều", description = "Các điều của mục.")]
    pub dieu: Vec<Dieu>,
}

/// An article: its text (on the "Điều N." line), or a title with khoản.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dieu {
    pub tieu_de: Option<String>,
    pub noi_dung: Option<String>,
    pub khoan: Vec<Khoan>,
    /// A table at the article's end ("Điều 1. Phân bổ chỉ tiêu như sau:").
    pub bang: Option<Bang>,
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

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Điều (các phần)",
    description = "Một điều ghi theo từng phần: tiêu đề, nội dung, các khoản."
)]
struct DieuMap {
    #[serde(default)]
    #[schemars(
        title = "Tiêu đề điều",
        description = "Tên điều in đậm sau \"Điều N.\", ví dụ `Phạm vi điều chỉnh`; bắt buộc với điều của văn bản kèm theo."
    )]
    tieu_de: Option<String>,
    #[serde(default)]
    #[schemars(
        title = "Nội dung điều",
        description = "Nội dung điều in ngay sau \"Điều N.\", ví dụ `Quyết định này có hiệu lực kể từ ngày ký.`."
    )]
    noi_dung: Option<String>,
    #[serde(default)]
    #[schemars(
        title = "Các khoản",
        description = "Các khoản của điều, vanban đánh số 1., 2., … (lại từ 1 trong mỗi điều); một chuỗi, hoặc `noi_dung` với các điểm `diem`."
    )]
    khoan: Vec<Khoan>,
    #[serde(default)]
    #[schemars(
        title = "Bảng",
        description = "Một bảng in cuối điều, sau nội dung và các khoản, ví dụ bảng phân bổ chỉ tiêu sau \"Điều 1. Phân bổ chỉ tiêu như sau:\"."
    )]
    bang: Option<Bang>,
    #[serde(default)]
    #[schemars(
        title = "Điều thi hành",
        description = "`true` cho điều giao thi hành quyết định; Nơi nhận khi đó bắt đầu bằng \"- Như Điều N;\"."
    )]
    thi_hanh: bool,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Khoản (các phần)", description = "Một khoản ghi theo từng phần: nội dung và các điểm.")]
struct KhoanMap {
    #[schemars(title = "Nội dung khoản", description = "Nội dung khoản, in sau số khoản \"1.\".")]
    noi_dung: String,
    #[serde(default, deserialize_with = "text_lines")]
    #[schemars(
        with = "Vec<Text>",
        title = "Các điểm",
        description = "Các điểm của khoản, vanban đánh a), b), … (lại từ a trong mỗi khoản), mỗi điểm một dòng."
    )]
    diem: Vec<String>,
}

/// A string is the item's text; a map gives its parts: the schema of each.
macro_rules! text_or_map_schema {
    ($ty:ty, $map:ty, $title:literal, $description:literal) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                let map = g.subschema_for::<$map>();
                json_schema!({
                    "title": $title,
                    "description": $description,
                    "anyOf": [{ "type": "string" }, map]
                })
            }
        }
    };
}

text_or_map_schema!(
    Dieu,
    DieuMap,
    "Điều",
    "Một điều: chuỗi là nội dung điều; hoặc bảng khóa `tieu_de`, `noi_dung`, `khoan`, `bang`, `thi_hanh`."
);
text_or_map_schema!(
    Khoan,
    KhoanMap,
    "Khoản",
    "Một khoản: chuỗi là nội dung khoản; hoặc bảng khóa `noi_dung` và `diem`."
);

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
    |m: DieuMap| Dieu {
        tieu_de: m.tieu_de,
        noi_dung: m.noi_dung,
        khoan: m.khoan,
        bang: m.bang,
        thi_hanh: m.thi_hanh
    },
    "a string or a map"
);
text_or_map!(
    Khoan,
    KhoanMap,
    |t| Khoan { noi_dung: t, diem: Vec::new() },
    |m: KhoanMap| Khoan { noi_dung: m.noi_dung, diem: m.diem },
    "a string or a map"
);
