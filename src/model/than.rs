//! The body of a document (thân văn bản), shared by every kind: paragraphs,
//! numbered sections (I., 1., 1.1., a)) and paragraphs, "-"/"+" items,
//! tables (and those computed from the data), phụ lục; the blocks a
//! template lays out.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One element of a body: a paragraph, a section with its own body, a list
/// of "-" (or "+") items, or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Doan(String),
    /// A numbered item: a heading (`muc:`), or a paragraph in regular
    /// weight (`doan:`, "1. Huấn luyện …"), numbered in the same sequence.
    Muc {
        ten: String,
        cung_dong: Option<String>,
        noi_dung: Vec<Node>,
        doan: bool,
    },
    Gach {
        dau: &'static str,
        cac_y: Vec<String>,
    },
    Bang(Bang),
    /// A part of a long report or plan, above its I. sections: "Phần I"
    /// and its title, centred (PL I II.6.c); the sections inside are
    /// numbered afresh from I.
    Phan {
        ten: String,
        noi_dung: Vec<Node>,
    },
    /// A lettered group of sections ("A. ĐỀ ÁN …", "B. …") at the top of a
    /// body or a part; the sections inside are numbered afresh from I.
    Nhom {
        ten: String,
        noi_dung: Vec<Node>,
    },
    /// A table computed from the document's `so_lieu` (never typed).
    BangSoLieu {
        loai: LoaiBangSoLieu,
        /// One programme's figures ("CT2"), or all.
        chuong_trinh: Option<String>,
    },
}

/// The tables a document can compute from its figures ([`super::so_lieu`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoaiBangSoLieu {
    /// Planned against trained per unit.
    TheoDonVi,
    /// Women and ethnic minorities per programme.
    NuDanToc,
    /// Each class: programme, dates, counts.
    TheoLop,
}

/// A table: column headings, rows of cells.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Bảng",
    description = "Một bảng rộng bằng khổ chữ: tiêu đề cột và các dòng; dòng tiêu đề in đậm, lặp lại ở mỗi trang."
)]
pub struct Bang {
    #[schemars(
        title = "Tiêu đề cột",
        description = "Tên các cột, theo thứ tự, ví dụ `[STT, Nội dung, Kinh phí (đồng)]`."
    )]
    pub cot: Vec<String>,
    #[schemars(
        title = "Các dòng",
        description = "Mỗi dòng là một danh sách ô, theo thứ tự cột, ví dụ `[\"1\", Tập huấn, \"12.500.000\"]`; số viết trong dấu nháy."
    )]
    pub dong: Vec<Vec<String>>,
    /// Column widths: "12mm", "2cm", "1fr", "auto". Absent: the text width
    /// shared by content (`compose`).
    #[serde(default)]
    #[schemars(
        title = "Độ rộng cột",
        description = "Độ rộng từng cột, ví dụ `[12mm, 1fr, 30mm]` (`mm`, `cm`, `fr` phần còn lại, `auto`); bỏ trống để vanban chia theo nội dung."
    )]
    pub do_rong: Option<Vec<String>>,
    /// Column alignment: left, center, right. Absent: by
    /// [`Bang::column_kind`].
    #[serde(default)]
    #[schemars(
        title = "Căn lề cột",
        description = "Căn lề từng cột: `left` (trái), `center` (giữa), `right` (phải), ví dụ `[center, left, right]`; bỏ trống: số tiền căn phải, số đếm căn giữa, chữ căn trái."
    )]
    pub can_le: Option<Vec<String>>,
    /// Bold last row (a total).
    #[serde(default)]
    #[schemars(title = "Dòng cuối in đậm", description = "`true` để in đậm dòng cuối (dòng tổng cộng).")]
    pub dong_cuoi_dam: bool,
    /// Each body row's height in points, where vanban knows it
    /// (`compose::fix_row_heights`); never from the data.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub cao_dong: Option<Vec<Option<f64>>>,
}

/// What a column holds, for its alignment when the data gives no `can_le`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CotKieu {
    /// Text: left.
    Chu,
    /// Counts (small integers, STT): centred.
    SoDem,
    /// Amounts (grouped thousands, decimals, money): right, so that the
    /// digits line up.
    SoTien,
}

impl CotKieu {
    pub fn alignment(self) -> &'static str {
        match self {
            CotKieu::Chu => "left",
            CotKieu::SoDem => "center",
            CotKieu::SoTien => "right",
        }
    }
}

/// Headers that name money: their numbers are amounts whatever their size.
const MONEY_WORDS: &[&str] = &[
    "kinh phí",
    "thành tiền",
    "số tiền",
    "đơn giá",
    "dự toán",
    "ngân sách",
    "(đồng)",
    "đồng)",
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "vnđ",
];

/// Headers of a running number column.
const STT_HEADERS: &[&str] = &["stt", "tt", "số tt", "số thứ tự"];

/// A cell's number kind: `Some(SoDem)` for an integer of at most four
/// digits ("12", "2025", "50%"), `Some(SoTien)` for a grouped or decimal
/// number ("12.500.000", "1,5", "250000"), `None` for text.
fn number_kind(cell: &str) -> Option<CotKieu> {
    let s = cell.replace(['*', '\\'], "");
    let s = s.trim();
    let s = s.strip_prefix(['-', '+', '−']).unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    let parts: Vec<&str> = s.split(['.', ',', ' ', '\u{a0}']).collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(if parts.len() == 1 && s.len() <= 4 { CotKieu::SoDem } else { CotKieu::SoTien })
}

/// Cells that stand for "nothing" in a column of numbers.
fn is_placeholder(cell: &str) -> bool {
    matches!(cell.trim(), "" | "-" | "–" | "—" | "x")
}

impl Bang {
    /// The kind of column `col`: a running number column (headed STT or
    /// TT) is a count; a column whose body cells are all numbers (cells left
    /// empty or "-" aside, and the text of a bold total row) holds amounts
    /// when one of them is grouped or decimal or its header names money,
    /// counts otherwise; any other column is text.
    pub fn column_kind(&self, col: usize) -> CotKieu {
        let header = self.cot.get(col).map(|h| h.trim().to_lowercase()).unwrap_or_default();
        if STT_HEADERS.contains(&header.trim_end_matches('.')) {
            return CotKieu::SoDem;
        }
        let last = self.dong.len().wrapping_sub(1);
        let mut kinds = Vec::new();
        for (i, row) in self.dong.iter().enumerate() {
            let Some(cell) = row.get(col).filter(|c| !is_placeholder(c)) else { continue };
            match number_kind(cell) {
                Some(k) => kinds.push(k),
                None if self.dong_cuoi_dam && i == last => {}
                None => return CotKieu::Chu,
            }
        }
        if kinds.is_empty() {
            CotKieu::Chu
        } else if kinds.contains(&CotKieu::SoTien) || MONEY_WORDS.iter().any(|w| header.contains(w)) {
            CotKieu::SoTien
        } else {
            CotKieu::SoDem
        }
    }
}

/// The keys that make a body node's kind; its map form has exactly one.
const NODE_KINDS: [&str; 8] = ["muc", "doan", "phan", "nhom", "gach", "cong", "bang", "bang_so_lieu"];

/// The kinds as a message lists them: 'muc', 'doan', ….
fn node_kinds_listed() -> String {
    NODE_KINDS.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
}

/// The keys a body node's map form may have.
const NODE_FIELDS: &[&str] = &[
    "muc",
    "doan",
    "phan",
    "nhom",
    "cung_dong",
    "noi_dung",
    "gach",
    "cong",
    "bang",
    "bang_so_lieu",
    "chuong_trinh",
];

/// Body text. YAML reads an unquoted line such as `Thời gian: quý II` as a
/// one-entry map, and `như sau:` as a key without value; a clerk meant
/// text, so both are taken back as the text they were typed as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom("đoạn văn trống"));
        };
        text_from_entry(key, &mut map)
    }
}

/// `key: value` read back as the line "key: value" (or "key:").
pub(crate) fn text_from_entry<'de, A: MapAccess<'de>>(key: String, map: &mut A) -> Result<Text, A::Error> {
    let value: Option<Text> = map.next_value()?;
    if map.next_key::<String>()?.is_some() {
        return Err(de::Error::custom(
            "đoạn văn có dấu ':' bị YAML hiểu thành nhiều khóa; hãy đặt cả đoạn trong dấu nháy đơn '…'",
        ));
    }
    Ok(Text(match value {
        Some(v) => format!("{key}: {}", v.0),
        None => format!("{key}:"),
    }))
}

/// As [`Text`] reads it: a string or a number, or a one-entry map (an
/// unquoted line with ": ") whose value is text or nothing.
impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let this = g.subschema_for::<Text>();
        json_schema!({
            "title": "Đoạn văn",
            "description": "Một đoạn văn bản; dòng có dấu \": \" không cần đặt trong dấu nháy.",
            "anyOf": [
                { "type": ["string", "number"] },
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": { "anyOf": [this, { "type": "null" }] }
                }
            ]
        })
    }
}

/// For `Vec<String>` fields of text lines: each read as [`Text`].
pub fn text_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<Text>::deserialize(d)?.into_iter().map(|t| t.0).collect())
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// As [`Node`] reads it: a paragraph (a string, a number, or an unquoted
/// line with ": " whose first word is not a field name), or a map with
/// exactly one of `muc`, `doan`, `gach`, `cong`, `bang`.
impl JsonSchema for Node {
    fn schema_name() -> Cow<'static, str> {
        "Node".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let text = g.subschema_for::<Text>();
        let texts = g.subschema_for::<Vec<Text>>();
        let nodes = g.subschema_for::<Vec<Node>>();
        let bang = g.subschema_for::<Bang>();
        let one_of_kinds: Vec<serde_json::Value> =
            NODE_KINDS.iter().map(|k| serde_json::json!({ "required": [k] })).collect();
        let field = |title: &str, description: &str, schema: &Schema| {
            let mut s = schema.clone();
            s.insert("title".into(), title.into());
            s.insert("description".into(), description.into());
            s
        };
        json_schema!({
            "title": "Phần tử nội dung",
            "description": "Một đoạn văn (chuỗi), hoặc một bảng khóa có đúng một trong `muc`, `doan`, `phan`, `nhom`, `gach`, `cong`, `bang`, `bang_so_lieu`.",
            "anyOf": [
                { "type": ["string", "number"] },
                {
                    "type": "object",
                    "properties": {
                        "muc": field("Mục", "Tên mục; vanban đánh số theo cấp: I., 1., 1.1., a) (NĐ30, Phụ lục I, Mục V).", &text),
                        "doan": field("Đoạn đánh số", "Một đoạn văn thường được đánh số cùng dãy với các mục, ví dụ \"3. Huấn luyện cho người lao động.\"", &text),
                        "phan": field("Phần", "Tên một phần của văn bản dài, trên các mục I., II.; vanban in \"Phần I\" và tên phần in hoa, đậm, căn giữa (NĐ30, Phụ lục I, II.6.c); các mục trong phần đánh số lại từ I.", &text),
                        "nhom": field("Nhóm mục", "Tên một nhóm mục đánh chữ A., B., C. (ở đầu nội dung hoặc trong một phần); các mục trong nhóm đánh số lại từ I.", &text),
                        "cung_dong": field("Nội dung cùng dòng", "Nội dung in ngay sau tên mục, ví dụ `quý II, III năm 2025.` cho \"2. Thời gian: quý II, III năm 2025.\"; chỉ dùng với `muc`.", &text),
                        "noi_dung": field("Nội dung của mục", "Nội dung bên trong mục, đoạn đánh số, phần hoặc nhóm mục, cùng cách viết như `noi_dung` của văn bản.", &nodes),
                        "gach": field("Các ý gạch đầu dòng", "Các ý in với \"- \" ở đầu, mỗi ý một dòng.", &texts),
                        "cong": field("Các ý dấu cộng", "Các ý in với \"+ \" ở đầu, mỗi ý một dòng.", &texts),
                        "bang": field("Bảng", "Một bảng: `cot` (tiêu đề cột) và `dong` (các dòng).", &bang),
                        "bang_so_lieu": {
                            "title": "Bảng số liệu",
                            "description": "Một bảng tính từ `so_lieu` của văn bản, không gõ số: `theo-don-vi` (kế hoạch và đã tập huấn theo đơn vị), `nu-dan-toc` (nữ, dân tộc thiểu số theo chương trình), `theo-lop` (từng lớp).",
                            "enum": ["theo-don-vi", "nu-dan-toc", "theo-lop"]
                        },
                        "chuong_trinh": {
                            "title": "Chương trình",
                            "description": "Mã chương trình của bảng `theo-don-vi`, ví dụ `CT2`; để trống là mọi chương trình.",
                            "type": "string"
                        }
                    },
                    "additionalProperties": false,
                    "oneOf": one_of_kinds,
                    "dependentRequired": { "cung_dong": ["muc"], "chuong_trinh": ["bang_so_lieu"] },
                    "dependentSchemas": {
                        "noi_dung": { "anyOf": [{ "required": ["muc"] }, { "required": ["doan"] }, { "required": ["phan"] }, { "required": ["nhom"] }] }
                    }
                },
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "propertyNames": { "pattern": "[^\\u0000-\\u007f]" },
                    "additionalProperties": { "anyOf": [text, { "type": "null" }] }
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a map")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Doan(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Doan(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Doan(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Doan(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut muc: Option<Text> = None;
                let mut doan: Option<Text> = None;
                let mut phan: Option<Text> = None;
                let mut nhom: Option<Text> = None;
                let mut cung_dong: Option<Text> = None;
                let mut noi_dung: Option<Vec<Node>> = None;
                let mut items: Option<(&'static str, Vec<Text>)> = None;
                let mut bang: Option<Bang> = None;
                let mut bang_so_lieu: Option<LoaiBangSoLieu> = None;
                let mut chuong_trinh: Option<String> = None;
                let mut first = true;
                while let Some(key) = map.next_key::<String>()? {
                    let set_items = |dau, v| {
                        if items.is_some() { Err(()) } else { Ok(Some((dau, v))) }
                    };
                    match key.as_str() {
                        "muc" => muc = Some(map.next_value()?),
                        "doan" => doan = Some(map.next_value()?),
                        "phan" => phan = Some(map.next_value()?),
                        "nhom" => nhom = Some(map.next_value()?),
                        "cung_dong" => cung_dong = Some(map.next_value()?),
                        "noi_dung" => noi_dung = Some(map.next_value()?),
                        "gach" => {
                            items = set_items("-", map.next_value()?)
                                .map_err(|_| de::Error::custom("chỉ dùng một trong 'gach' và 'cong'"))?
                        }
                        "cong" => {
                            items = set_items("+", map.next_value()?)
                                .map_err(|_| de::Error::custom("chỉ dùng một trong 'gach' và 'cong'"))?
                        }
                        "bang" => bang = Some(map.next_value()?),
                        "bang_so_lieu" => bang_so_lieu = Some(map.next_value()?),
                        "chuong_trinh" => chuong_trinh = Some(map.next_value()?),
                        // Not a field name: an unquoted line of text with a colon.
                        _ if first && !key.is_ascii() => {
                            return text_from_entry(key, &mut map).map(|t| Node::Doan(t.0));
                        }
                        other => return Err(de::Error::unknown_field(other, NODE_FIELDS)),
                    }
                    first = false;
                }
                let kinds = [
                    muc.is_some(),
                    doan.is_some(),
                    phan.is_some(),
                    nhom.is_some(),
                    items.is_some(),
                    bang.is_some(),
                    bang_so_lieu.is_some(),
                ];
                if kinds.iter().filter(|k| **k).count() != 1 {
                    return Err(de::Error::custom(format!(
                        "mỗi phần tử phải là một đoạn văn (chuỗi), hoặc có đúng một trong các khóa {}",
                        node_kinds_listed()
                    )));
                }
                if let Some(loai) = bang_so_lieu {
                    return Ok(Node::BangSoLieu { loai, chuong_trinh });
                }
                if chuong_trinh.is_some() {
                    return Err(de::Error::custom("'chuong_trinh' chỉ dùng cùng 'bang_so_lieu'"));
                }
                if muc.is_none() && cung_dong.is_some() {
                    return Err(de::Error::custom(
                        "'cung_dong' chỉ dùng cùng 'muc' (một đoạn đánh số 'doan' đã là văn bản thường)",
                    ));
                }
                if muc.is_none() && doan.is_none() && phan.is_none() && nhom.is_none() && noi_dung.is_some() {
                    return Err(de::Error::custom(
                        "'noi_dung' chỉ dùng cùng 'muc', 'doan', 'phan' hoặc 'nhom'",
                    ));
                }
                if let Some(ten) = phan {
                    return Ok(Node::Phan { ten: ten.0, noi_dung: noi_dung.unwrap_or_default() });
                }
                if let Some(ten) = nhom {
                    return Ok(Node::Nhom { ten: ten.0, noi_dung: noi_dung.unwrap_or_default() });
                }
                if let Some(ten) = muc.or_else(|| doan.clone()) {
                    return Ok(Node::Muc {
                        ten: ten.0,
                        cung_dong: cung_dong.map(|t| t.0),
                        noi_dung: noi_dung.unwrap_or_default(),
                        doan: doan.is_some(),
                    });
                }
                if let Some((dau, cac_y)) = items {
                    return Ok(Node::Gach { dau, cac_y: cac_y.into_iter().map(|t| t.0).collect() });
                }
                Ok(Node::Bang(bang.expect("checked above")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A phụ lục (NĐ30 PL I III.1): its own pages and page numbers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Phụ lục",
    description = "Một phụ lục kèm theo văn bản: trang riêng, số trang riêng (NĐ30, Phụ lục I, III.1)."
)]
pub struct PhuLuc {
    #[schemars(
        title = "Tên phụ lục",
        description = "Tên phụ lục, ví dụ `Phân bổ số lượng học viên`; in hoa, đậm dưới chữ \"Phụ lục\"."
    )]
    pub tieu_de: String,
    /// The "(Kèm theo …)" line; by default built from the document's number,
    /// date and agency.
    #[serde(default)]
    #[schemars(
        title = "Dòng kèm theo",
        description = "Dòng \"(Kèm theo … )\" dưới tên phụ lục; bỏ trống để vanban ghi theo số, ký hiệu, ngày của văn bản (NĐ30, Phụ lục I, III.1.b)."
    )]
    pub kem_theo: Option<String>,
    /// Landscape pages, for wide tables (PL I, I.2).
    #[serde(default)]
    #[schemars(
        title = "Trang ngang",
        description = "`true` để in phụ lục trên trang khổ ngang, cho bảng rộng (NĐ30, Phụ lục I, I.2)."
    )]
    pub ngang: bool,
    /// Written as its own PDF beside the document's (`<file>.phu-luc.pdf`,
    /// `<file>.phu-luc-ii.pdf` …), as Mẫu 2.2 has it.
    #[serde(default)]
    #[schemars(
        title = "Tệp riêng",
        description = "`true`: ghi phần này thành một tệp PDF riêng bên cạnh văn bản (mẫu văn bản điện tử ở tệp riêng), số trang tính lại từ 1."
    )]
    pub tep_rieng: bool,
    #[serde(default)]
    #[schemars(
        title = "Nội dung phụ lục",
        description = "Nội dung của phụ lục, cùng cách viết như `noi_dung` của văn bản."
    )]
    pub noi_dung: Vec<Node>,
    /// An allocation data file (in the document's folder) shown as a table.
    #[serde(default)]
    #[schemars(
        title = "Tệp phân bổ",
        description = "Tên tệp phân bổ học viên trong cùng thư mục, ví dụ `phan-bo.yaml`, in thành bảng trong phụ lục."
    )]
    pub phan_bo: Option<String>,
}

/// A body flattened for the template: numbering already computed.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "loai", rename_all = "kebab-case")]
pub enum Khoi {
    Muc {
        cap: usize,
        so: String,
        ten: String,
        cung_dong: Option<String>,
    },
    Doan {
        noi_dung: String,
    },
    Gach {
        dau: &'static str,
        noi_dung: String,
    },
    Bang(Bang),
    /// A part's heading: "Phần I" and its title in upper case, two centred
    /// bold lines (PL I II.6.c).
    Phan {
        so: String,
        ten: String,
    },
    /// A lettered group's heading: "A." and its title, bold, upper case.
    Nhom {
        so: String,
        ten: String,
    },
    /// A numbered paragraph in regular weight: a khoản ("1. …") or điểm
    /// ("a) …") of a decision, the number computed by vanban.
    DoanSo {
        so: String,
        noi_dung: String,
    },
    /// An article: "Điều 1." in bold, then its title (bold) or its text on
    /// the same line (PL I II.6.đ).
    Dieu {
        so: String,
        tieu_de: Option<String>,
        noi_dung: Option<String>,
    },
}

/// Numbers sections in the decree's forms: I., 1., 1.1., a) (PL I, Mục V).
pub fn number_sections(nodes: &[Node], depth_limit: usize) -> Result<Vec<Khoi>, String> {
    let mut out = Vec::new();
    walk(nodes, &mut Vec::new(), depth_limit, ChoNhom::PhanVaNhom, &mut out)?;
    Ok(out)
}

/// Which group headings a level of a body may hold: parts and lettered
/// groups at its top, lettered groups in a part, neither in a section.
#[derive(Clone, Copy, PartialEq)]
enum ChoNhom {
    PhanVaNhom,
    ChiNhom,
    Khong,
}

fn walk(
    nodes: &[Node],
    path: &mut Vec<usize>,
    limit: usize,
    nhom: ChoNhom,
    out: &mut Vec<Khoi>,
) -> Result<(), String> {
    let mut index = 0;
    let (mut phan, mut chu) = (0u32, 0usize);
    for node in nodes {
        match node {
            Node::Phan { ten, noi_dung } => {
                if nhom != ChoNhom::PhanVaNhom {
                    return Err(format!(
                        "phần '{ten}' nằm trong một mục hay một phần khác: 'phan' chỉ đặt ở cấp ngoài cùng của nội dung"
                    ));
                }
                phan += 1;
                out.push(Khoi::Phan { so: crate::vi::so_phan(phan), ten: crate::vi::upper(ten) });
                walk(noi_dung, &mut Vec::new(), limit, ChoNhom::ChiNhom, out)?;
            }
            Node::Nhom { ten, noi_dung } => {
                if nhom == ChoNhom::Khong {
                    return Err(format!(
                        "nhóm '{ten}' nằm trong một mục hay một nhóm khác: 'nhom' chỉ đặt ở cấp ngoài cùng của nội dung hoặc ngay trong một 'phan'"
                    ));
                }
                chu += 1;
                out.push(Khoi::Nhom { so: crate::vi::so_nhom(chu - 1), ten: ten.clone() });
                walk(noi_dung, &mut Vec::new(), limit, ChoNhom::Khong, out)?;
            }
            Node::Doan(t) => out.push(Khoi::Doan { noi_dung: t.clone() }),
            Node::Gach { dau, cac_y } => {
                out.extend(cac_y.iter().map(|t| Khoi::Gach { dau, noi_dung: t.clone() }));
            }
            Node::Bang(b) => out.push(Khoi::Bang(b.clone())),
            Node::BangSoLieu { .. } => {
                return Err("bảng 'bang_so_lieu' cần nguồn số liệu: thêm khóa 'so_lieu' (danh_sach, phan_bo, lich) vào văn bản".into());
            }
            Node::Muc { ten, cung_dong, noi_dung, doan } => {
                index += 1;
                path.push(index);
                let cap = path.len();
                if cap > limit {
                    return Err(format!(
                        "mục '{ten}' lồng tới cấp {cap}; văn bản chỉ có {limit} cấp đánh số (I., 1., 1.1., a)): hãy dùng 'gach' cho cấp sâu hơn"
                    ));
                }
                let so = match cap {
                    1 => format!("{}.", crate::vi::roman(path[0] as u32)),
                    2 => format!("{}.", path[1]),
                    3 => format!("{}.{}.", path[1], path[2]),
                    _ => format!("{})", crate::vi::diem_letter(path[cap - 1] - 1)),
                };
                out.push(if *doan {
                    Khoi::DoanSo { so, noi_dung: ten.clone() }
                } else {
                    Khoi::Muc { cap, so, ten: ten.clone(), cung_dong: cung_dong.clone() }
                });
                walk(noi_dung, path, limit, ChoNhom::Khong, out)?;
                path.pop();
            }
        }
    }
    Ok(())
}

/// Makes the last paragraph of the content end with the decree's "./."
/// (every template of NĐ30 Phụ lục III ends so).
pub fn end_mark(blocks: &mut [Khoi]) {
    let last = blocks.iter_mut().rev().find_map(|b| match b {
        Khoi::Doan { noi_dung } | Khoi::Gach { noi_dung, .. } | Khoi::DoanSo { noi_dung, .. } => {
            Some(noi_dung)
        }
        Khoi::Muc { cung_dong: Some(t), .. } | Khoi::Dieu { noi_dung: Some(t), .. } => Some(t),
        _ => None,
    });
    if let Some(text) = last {
        let trimmed = text.trim_end();
        if !trimmed.ends_with("./.") {
            let base = trimmed.trim_end_matches(['.', ';', ',']);
            *text = format!("{base}./.");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn muc(ten: &str, noi_dung: Vec<Node>) -> Node {
        Node::Muc { ten: ten.into(), cung_dong: None, noi_dung, doan: false }
    }

    #[test]
    fn sections_are_numbered_in_the_decree_forms() {
        let body = vec![
            Node::Doan("Mở đầu".into()),
            muc(
                "A",
                vec![
                    muc("A1", vec![muc("A11", vec![muc("x", vec![]), muc("y", vec![])])]),
                    muc("A2", vec![]),
                ],
            ),
            muc("B", vec![muc("B1", vec![muc("B11", vec![]), muc("B12", vec![])])]),
        ];
        let numbers: Vec<String> = number_sections(&body, 4)
            .unwrap()
            .into_iter()
            .filter_map(|k| match k {
                Khoi::Muc { so, .. } => Some(so),
                _ => None,
            })
            .collect();
        assert_eq!(numbers, ["I.", "1.", "1.1.", "a)", "b)", "2.", "II.", "1.", "1.1.", "1.2."]);
        assert!(
            number_sections(
                &[muc("a", vec![muc("b", vec![muc("c", vec![muc("d", vec![muc("e", vec![])])])])])],
                4
            )
            .unwrap_err()
            .contains("cấp 5")
        );
    }

    #[test]
    fn parts_and_groups_number_their_sections_again() {
        let phan = |ten: &str, noi_dung| Node::Phan { ten: ten.into(), noi_dung };
        let nhom = |ten: &str, noi_dung| Node::Nhom { ten: ten.into(), noi_dung };
        let body = vec![
            phan("Chung", vec![muc("A", vec![muc("A1", vec![])]), muc("B", vec![])]),
            phan(
                "Đề án",
                vec![
                    nhom("Một", vec![muc("C", vec![]), muc("D", vec![])]),
                    nhom("Hai", vec![muc("E", vec![])]),
                ],
            ),
        ];
        let got: Vec<String> = number_sections(&body, 4)
            .unwrap()
            .into_iter()
            .filter_map(|k| match k {
                Khoi::Muc { so, ten, .. } | Khoi::Nhom { so, ten } | Khoi::Phan { so, ten } => {
                    Some(format!("{so} {ten}"))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                "Phần I CHUNG",
                "I. A",
                "1. A1",
                "II. B",
                "Phần II ĐỀ ÁN",
                "A. Một",
                "I. C",
                "II. D",
                "B. Hai",
                "I. E"
            ]
        );
        // Neither a part nor a group inside a section; no part inside a part.
        let misplaced = [
            vec![muc("A", vec![phan("P", vec![])])],
            vec![muc("A", vec![nhom("N", vec![])])],
            vec![phan("P", vec![phan("Q", vec![])])],
            vec![nhom("N", vec![nhom("M", vec![])])],
        ];
        for body in misplaced {
            assert!(number_sections(&body, 4).unwrap_err().contains("chỉ đặt ở cấp ngoài cùng"), "{body:?}");
        }
    }

    #[test]
    fn end_mark_is_added_once() {
        let mut b = vec![Khoi::Doan { noi_dung: "Trên đây là Kế hoạch.".into() }];
        end_mark(&mut b);
        end_mark(&mut b);
        assert_eq!(b[0], Khoi::Doan { noi_dung: "Trên đây là Kế hoạch./.".into() });
    }

    #[test]
    fn unknown_node_keys_are_refused_with_the_allowed_ones() {
        let err = serde_yaml::from_str::<Vec<Node>>("- mucc: X\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `mucc`"), "{err}");
        assert!(err.contains("`muc`"), "{err}");
    }

    fn table(cot: &[&str], dong: &[&[&str]], total: bool) -> Bang {
        Bang {
            cot: cot.iter().map(|s| s.to_string()).collect(),
            dong: dong.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
            do_rong: None,
            can_le: None,
            dong_cuoi_dam: total,
            cao_dong: None,
        }
    }

    #[test]
    fn column_kinds_follow_the_alignment_rule() {
        use CotKieu::*;
        let b = table(
            &["STT", "Nội dung", "Số lượng", "Thành tiền", "Kinh phí (triệu đồng)", "Tỷ lệ", "Năm"],
            &[
                &["1", "Tập huấn", "12", "12.500.000", "50", "1,5", "2025"],
                &["1.1", "Tài liệu", "-", "300000", "", "12", "2026"],
                &["", "Tổng cộng", "12", "**12.800.000**", "50", "", ""],
            ],
            true,
        );
        let kinds: Vec<CotKieu> = (0..b.cot.len()).map(|c| b.column_kind(c)).collect();
        assert_eq!(kinds, [SoDem, Chu, SoDem, SoTien, SoTien, SoTien, SoDem]);
        // Text in a column of numbers makes it text, but for the total row's.
        let b = table(&["Số", "Ghi chú"], &[&["3", "x"], &["ba", ""], &["Tổng", ""]], true);
        assert_eq!([b.column_kind(0), b.column_kind(1)], [Chu, Chu]);
        let b = table(&["Số người"], &[&["3"], &["Tổng"]], true);
        assert_eq!(b.column_kind(0), SoDem);
        assert_eq!(table(&["Số người"], &[&["3"], &["Tổng"]], false).column_kind(0), Chu);
        assert_eq!(table(&["Ghi chú"], &[&[""]], false).column_kind(0), Chu);
    }

    #[test]
    fn unquoted_text_with_a_colon_stays_text() {
        let nodes: Vec<Node> = serde_yaml::from_str(
            "- Kế hoạch như sau:\n- Thời gian: quý II\n- gach:\n    - Mục tiêu: cán bộ\n",
        )
        .unwrap();
        assert_eq!(nodes[0], Node::Doan("Kế hoạch như sau:".into()));
        assert_eq!(nodes[1], Node::Doan("Thời gian: quý II".into()));
        assert_eq!(nodes[2], Node::Gach { dau: "-", cac_y: vec!["Mục tiêu: cán bộ".into()] });
    }
}
