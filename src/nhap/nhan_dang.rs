//! Recognising the decree's components in a source's pieces.

/// The number a body piece starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum So {
    /// "I.", "II." (level 1 of a Mẫu 1.4 body).
    La(u32),
    /// "1.", "1.1.", "1.1.1." : the numbers, outermost first.
    Arap(Vec<u32>),
    /// "a)", "đ)": its place in the Vietnamese alphabet's letters, from 1.
    Chu(u32),
    /// "Điều 3." of a decision or regulation.
    Dieu(u32),
    /// "Chương II".
    Chuong(u32),
    /// "Mục 2" (a section of a chapter).
    Muc(u32),
    /// "Phần I" (a regulation's part, above its chapters).
    Phan(u32),
}

/// A piece's number and the length in bytes of the marker, with the space
/// after it, so that `&chu[len..]` is its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DauMuc {
    pub so: So,
    pub len: usize,
}

/// The letters of point numbering, in order: a) b) c) d) đ) e) …
pub const CHU_CAI: &str = "abcdđeghiklmnopqrstuvxy";

/// The number a line starts with, if it starts with one.
pub fn dau_muc(chu: &str) -> Option<DauMuc> {
    let after = |n: usize| chu[n..].chars().next();
    // "Điều 3.", "Điều 3:", "Điều 3 " then its title, or alone.
    // A heading set in capitals ("CHƯƠNG I", "MỤC 1") reads the same.
    for (tu, hoa, lam) in [
        ("Điều", "ĐIỀU", So::Dieu as fn(u32) -> So),
        ("Chương", "CHƯƠNG", So::Chuong),
        ("Mục", "MỤC", So::Muc),
        ("Phần", "PHẦN", So::Phan),
    ] {
        if let Some(rest) =
            chu.strip_prefix(tu).or_else(|| chu.strip_prefix(hoa)).filter(|r| r.starts_with(' '))
        {
            let rest_trim = rest.trim_start();
            let start = chu.len() - rest_trim.len();
            let (n, used) = if matches!(tu, "Chương" | "Phần") {
                match la_ma(rest_trim) {
                    Some((n, used)) => (n, used),
                    None => so_arap(rest_trim)?,
                }
            } else {
                so_arap(rest_trim)?
            };
            let mut end = start + used;
            if chu[end..].starts_with(['.', ':']) {
                end += 1;
            }
            match after(end) {
                None => return Some(DauMuc { so: lam(n), len: end }),
                Some(c) if c.is_whitespace() => return Some(DauMuc { so: lam(n), len: end + c.len_utf8() }),
                _ => return None,
            }
        }
    }
    // "I. ", "IV. "
    if let Some((n, used)) = la_ma(chu)
        && chu[used..].starts_with('.')
        && after(used + 1).is_some_and(char::is_whitespace)
    {
        return Some(DauMuc { so: So::La(n), len: used + 2 });
    }
    arap(chu).or_else(|| chu_cai(chu))
}

/// "1. ", "1.1. ", "1.1 " (Word drafts often drop the last dot of a
/// multi-level number).
fn arap(chu: &str) -> Option<DauMuc> {
    let after = |n: usize| chu[n..].chars().next();
    let mut so = Vec::new();
    let mut pos = 0;
    loop {
        let (n, used) = so_arap(&chu[pos..])?;
        // A sum of money or a figure ("300.000.000 đồng", "1.05"): a
        // level after the first is never "000" or "05".
        if !so.is_empty() && (used == 3 || (used > 1 && chu[pos..].starts_with('0'))) {
            return None;
        }
        so.push(n);
        pos += used;
        if !chu[pos..].starts_with('.') {
            // No dot after the number: a marker only when multi-level.
            return (so.len() >= 2 && after(pos).is_some_and(char::is_whitespace))
                .then(|| DauMuc { so: So::Arap(so), len: pos + 1 });
        }
        pos += 1;
        match after(pos) {
            Some(c) if c.is_ascii_digit() => continue,
            Some(c) if c.is_whitespace() && so.len() <= 4 => {
                return Some(DauMuc { so: So::Arap(so), len: pos + c.len_utf8() });
            }
            _ => return None,
        }
    }
}

/// A part's text without the number an office typed before it ("1. Chủ
/// trì: …" → "Chủ trì: …"); a "-" or "+" item as it is.
pub(super) fn bo_so_muc(chu: &str) -> &str {
    match dau_muc(chu) {
        Some(d) if !chu.starts_with(['-', '+']) => chu[d.len..].trim_start(),
        _ => chu,
    }
}

/// "a) ", "đ) "
fn chu_cai(chu: &str) -> Option<DauMuc> {
    let mut cs = chu.chars();
    let c = cs.next()?;
    let i = CHU_CAI.chars().position(|l| l == c)?;
    (cs.next() == Some(')') && cs.next().is_some_and(char::is_whitespace))
        .then(|| DauMuc { so: So::Chu(i as u32 + 1), len: c.len_utf8() + 2 })
}

/// A number of at most three digits at the start, and its length.
fn so_arap(chu: &str) -> Option<(u32, usize)> {
    let len = chu.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 {
        return None;
    }
    Some((chu[..len].parse().ok()?, len))
}

/// A Roman number (I to XXXIX) at the start, and its length.
fn la_ma(chu: &str) -> Option<(u32, usize)> {
    let len = chu.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X')).count();
    if len == 0 {
        return None;
    }
    let s = &chu[..len];
    (1..40).find(|&n| crate::vi::roman(n) == s).map(|n| (n, len))
}

// ---------------------------------------------------------------------------
// The document as recognised.

use super::nguon::{BangNguon, Cot, Doan, Khoi, Kieu, Noi};
use crate::kind::{self, Kind};
use crate::vi;

/// A body element as recognised, in the shape of vanban's body
/// ([`crate::model::than::Node`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Nut {
    /// A paragraph; `ghi_chu` when it is a part the import could not place
    /// (written with a comment saying so).
    Doan {
        chu: String,
        noi: Noi,
        ghi_chu: Option<String>,
    },
    Muc {
        ten: String,
        cung_dong: Option<String>,
        doan: bool,
        con: Vec<Nut>,
        noi: Noi,
    },
    /// A part ("PHẦN THỨ NHẤT", "Phần I"; `phan`) or a lettered group
    /// ("A. …"; not `phan`) above the I. sections, which restart inside.
    Nhom {
        phan: bool,
        ten: String,
        con: Vec<Nut>,
        noi: Noi,
    },
    Gach {
        dau: char,
        cac_y: Vec<String>,
    },
    Bang {
        cot: Vec<String>,
        dong: Vec<Vec<String>>,
    },
}

/// The proposer of a "Theo đề nghị của …" (or "Xét đề nghị …") line; a
/// line written otherwise ("Theo Đơn đề nghị của …") as it is.
fn bo_de_nghi(t: &str) -> &str {
    ["Theo đề nghị của", "Theo đề nghị", "Xét đề nghị của", "Xét đề nghị"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
}

/// A decision's authority line from its signature when the source has
/// none: the collective's name for "TM." ("ỦY BAN NHÂN DÂN TỈNH …"), the
/// head's title and the agency otherwise ("GIÁM ĐỐC SỞ NỘI VỤ").
fn tham_quyen_tu_nguoi_ky(nguoi_ky: &NguoiKyNhap, ban_hanh: &[String]) -> Option<String> {
    let co_quan = ban_hanh.join(" ");
    if co_quan.trim().is_empty() {
        return None;
    }
    if nguoi_ky.quyen_han.as_deref() == Some("TM.") {
        return Some(vi::upper(&co_quan));
    }
    let chuc = nguoi_ky.thay_cho.as_deref().or(nguoi_ky.chuc_vu.as_deref())?.trim();
    (!chuc.is_empty() && in_hoa(chuc)).then(|| vi::upper(&format!("{chuc} {co_quan}")))
}

/// What stands between a part's number and its title ("PHẦN I. KẾT QUẢ",
/// "Phần thứ hai – …").
const SAU_SO: [char; 5] = ['.', ':', '-', '–', ' '];

/// The ordinals of "PHẦN THỨ NHẤT", "PHẦN THỨ HAI" …, in order.
const THU: [&str; 10] = ["NHẤT", "HAI", "BA", "TƯ", "NĂM", "SÁU", "BẢY", "TÁM", "CHÍN", "MƯỜI"];

/// A part's heading: "PHẦN THỨ NHẤT", "Phần thứ hai", "PHẦN I", "Phần 2",
/// and the title on the same line if any ("PHẦN I. KẾT QUẢ …").
fn dau_phan(chu: &str) -> Option<(u32, &str)> {
    if let Some(DauMuc { so: So::Phan(n), len }) = dau_muc(chu) {
        let ten = chu[len..].trim_start_matches(SAU_SO);
        return (ten.is_empty() || in_hoa(ten)).then_some((n, ten));
    }
    let rest = chu.strip_prefix("PHẦN THỨ ").or_else(|| chu.strip_prefix("Phần thứ "))?;
    let upper = vi::upper(rest);
    let (n, tu) = THU.iter().enumerate().find(|(_, t)| {
        upper.starts_with(*t) && upper[t.len()..].chars().next().is_none_or(|c| !c.is_alphabetic())
    })?;
    let ten = rest[tu.len()..].trim_start_matches(SAU_SO);
    (ten.is_empty() || in_hoa(ten)).then_some((n as u32 + 1, ten))
}

/// A lettered group's heading "A. ĐỀ ÁN …": a capital letter of the
/// alphabet's order, a dot, and a title in capitals.
fn dau_nhom(chu: &str) -> Option<(u32, &str)> {
    let mut cs = chu.chars();
    let c = cs.next()?;
    let i = CHU_CAI.chars().position(|l| l.to_uppercase().next() == Some(c))?;
    let rest = cs.as_str().strip_prefix(". ")?.trim();
    (i < 8 && in_hoa(rest)).then_some((i as u32 + 1, rest))
}

/// A decision's article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DieuNhap {
    pub tieu_de: Option<String>,
    pub noi_dung: Option<String>,
    pub khoan: Vec<(String, Vec<String>)>,
    /// A table at the article's end: its columns and rows.
    pub bang: Option<(Vec<String>, Vec<Vec<String>>)>,
    pub thi_hanh: bool,
    /// Why it is an article: a paragraph that could be placed nowhere else.
    pub ghi_chu: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NguoiKyNhap {
    pub dong_tren: Vec<String>,
    pub quyen_han: Option<String>,
    pub thay_cho: Option<String>,
    pub chuc_vu: Option<String>,
    pub ho_ten: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NhanNhap {
    Mot(String),
    Nhom(String, Vec<String>),
}

/// A chapter of an attached document: its title, its articles or its
/// sections (Mục) with theirs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChuongNhap {
    pub ten: String,
    pub dieu: Vec<DieuNhap>,
    pub muc: Vec<(String, Vec<DieuNhap>)>,
}

/// The document a decision issues or approves (Mẫu 1.3): its tên loại,
/// trích yếu, who the reference line names, and its Phần / Chương / Mục /
/// Điều.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KemTheoNhap {
    pub ten_loai: String,
    pub trich_yeu: String,
    pub cua: Option<String>,
    pub phan: Vec<(String, Vec<ChuongNhap>)>,
    pub chuong: Vec<ChuongNhap>,
    pub dieu: Vec<DieuNhap>,
    /// A body without articles (a Kế hoạch approved by the decision).
    pub noi_dung: Vec<Nut>,
}

impl KemTheoNhap {
    /// The last chapter, in document order (those of parts come last).
    fn last_chuong(&mut self) -> Option<&mut ChuongNhap> {
        if self.phan.is_empty() {
            self.chuong.last_mut()
        } else {
            self.phan.last_mut().and_then(|(_, c)| c.last_mut())
        }
    }
}

/// The text an article list ends on: its last điểm, khoản or text.
fn last_dieu_text(dieu: &mut [DieuNhap]) -> Option<&mut String> {
    let d = dieu.last_mut()?;
    match d.khoan.last_mut() {
        Some((k, diem)) => Some(diem.last_mut().unwrap_or(k)),
        None => d.noi_dung.as_mut(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhuLucNhap {
    pub tieu_de: String,
    /// Its "(Kèm theo …)" line as the source has it, when it does not name
    /// the document's own number and ký hiệu (vanban would write another).
    pub kem_theo: Option<String>,
    pub than: Vec<Nut>,
}

/// One line of the report: a part of the document, where it was, what was
/// made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Phan {
    pub ten: &'static str,
    pub noi: Option<Noi>,
    /// What it became ("12/KH-UBND"), or why it was not found.
    pub gia_tri: String,
    pub tim_thay: bool,
}

/// A correction against the decree: what the source had, what the data
/// now says, the clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Sua {
    pub noi: Option<Noi>,
    pub truong: &'static str,
    pub thong_bao: String,
}

/// Everything recognised in a document.
#[derive(Debug, Clone)]
pub struct VanBanNhap {
    pub kind: Kind,
    pub ten_loai: Option<String>,
    pub chu_quan: Vec<String>,
    pub ban_hanh: Vec<String>,
    pub so: Option<u32>,
    pub ky_hieu: String,
    pub dia_danh: String,
    /// Day (blank: `None`), month, year.
    pub ngay: (Option<u32>, u32, i32),
    /// A number vanban cannot write ("118a"), as the source has it.
    pub so_la: Option<String>,
    /// Whether the date line was found (else `ngay` is a placeholder).
    pub co_ngay: bool,
    /// The month was blank too ("ngày … tháng … năm 2025"): `ngay`'s
    /// month is a placeholder.
    pub thang_trong: bool,
    pub trich_yeu: Vec<String>,
    pub kinh_gui: Vec<String>,
    pub than: Vec<Nut>,
    pub tham_quyen: Vec<String>,
    pub can_cu: Vec<String>,
    pub theo_de_nghi: Option<String>,
    pub dieu: Vec<DieuNhap>,
    /// A decision's attached document (Mẫu 1.3).
    pub kem_theo: Option<KemTheoNhap>,
    pub phu_luc: Vec<PhuLucNhap>,
    pub nguoi_ky: NguoiKyNhap,
    pub noi_nhan: Vec<NhanNhap>,
    pub luu: Option<String>,
    /// The agency's name in running text ("Sở Nội vụ trân trọng kính mời",
    /// "(Kèm theo … của Sở Nội vụ)").
    pub ten_goi: Option<String>,
    /// A Công văn's footer: address, telephone, e-mail.
    pub chan_trang: Vec<String>,
    /// The signature block's pieces and their sides, as found (a Biên
    /// bản's two signatures).
    pub ky_cot: Vec<(Cot, String)>,
    pub phan: Vec<Phan>,
    pub sua: Vec<Sua>,
}

/// A piece of the source as recognition walks it: a paragraph, or one part
/// of a paragraph set in two halves with a tab.
#[derive(Debug, Clone)]
struct Manh {
    chu: String,
    noi: Noi,
    kieu: Kieu,
    cot: Cot,
    bang: Option<BangNguon>,
    /// The cells of a line set as a table's row with tabs (text copied
    /// from a PDF's table): three parts or more.
    hang: Option<Vec<String>>,
    ngat_trang: bool,
}

impl Manh {
    fn text(&self) -> &str {
        &self.chu
    }
}

/// Pieces in reading order; a paragraph holding a tab splits into its parts
/// (left, then right). Page breaks are kept (a phụ lục starts on one).
fn manh(khoi: Vec<Khoi>) -> Vec<Manh> {
    let mut out = Vec::new();
    let mut noi_cuoi = Noi::dong(1);
    // A reference line "(Kèm theo …)" read into the title above it (both
    // centred, one paragraph to a PDF's reader): a piece of its own again.
    let khoi = khoi.into_iter().flat_map(|k| match k {
        Khoi::Doan(d) => match tach_tham_chieu(&d.chu) {
            Some(at) => {
                let mut tail = d.clone();
                tail.chu = d.chu[at..].trim().to_owned();
                let mut head = d;
                head.chu = head.chu[..at].trim().to_owned();
                vec![Khoi::Doan(head), Khoi::Doan(tail)]
            }
            None => vec![Khoi::Doan(d)],
        },
        other => vec![other],
    });
    for k in khoi {
        match k {
            Khoi::Doan(Doan { chu, noi, kieu, cot }) => {
                noi_cuoi = noi;
                // A running page number (vanban prints its own).
                let so = |c: char| c.is_ascii_digit() || super::nguon::CHI_SO.contains(&c);
                if chu.chars().count() <= 3 && !chu.is_empty() && chu.chars().all(so) {
                    continue;
                }
                let parts = parts_of(&chu);
                let n = parts.len();
                if n >= 3 && cot == Cot::Mot {
                    let hang = parts.iter().map(|p| p.to_string()).collect();
                    out.push(Manh {
                        chu: chu.replace('\t', " "),
                        noi,
                        kieu,
                        cot,
                        bang: None,
                        hang: Some(hang),
                        ngat_trang: false,
                    });
                    continue;
                }
                for (i, p) in parts.into_iter().enumerate() {
                    let cot = match (n, cot) {
                        (1, c) => c,
                        (_, Cot::Mot) if i == 0 => Cot::Trai,
                        (_, Cot::Mot) => Cot::Phai,
                        (_, c) => c,
                    };
                    out.push(Manh {
                        chu: p.to_owned(),
                        noi,
                        kieu,
                        cot,
                        bang: None,
                        hang: None,
                        ngat_trang: false,
                    });
                }
            }
            Khoi::Bang(b) => {
                noi_cuoi = b.noi;
                out.push(Manh {
                    chu: String::new(),
                    noi: b.noi,
                    kieu: Kieu::default(),
                    cot: Cot::Mot,
                    bang: Some(b),
                    hang: None,
                    ngat_trang: false,
                })
            }
            Khoi::NgatTrang => out.push(Manh {
                chu: String::new(),
                noi: noi_cuoi,
                kieu: Kieu::default(),
                cot: Cot::Mot,
                bang: None,
                hang: None,
                ngat_trang: true,
            }),
        }
    }
    out
}

/// Where a reference line starts inside a piece that does not start with it.
fn tach_tham_chieu(chu: &str) -> Option<usize> {
    ["(Kèm theo ", "(Ban hành kèm theo "]
        .iter()
        .filter_map(|m| chu.find(m))
        .min()
        .filter(|&at| at > 0 && chu[..at].ends_with(' ') && chu.trim_end().ends_with(')'))
}

/// A paragraph's parts set apart by tabs, with the blanks of a number or a
/// date put back together: "Số:", "/KH-X" and "ngày", "tháng 4 năm 2025"
/// are one part each, whatever spaces a clerk left for the number and the day.
fn parts_of(chu: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    let pieces: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for p in chu.split('\t') {
            v.push((pos, p));
            pos += p.len() + 1;
        }
        v
    };
    for (k, (pos, p)) in pieces.iter().enumerate() {
        let p_trim = p.trim();
        if p_trim.is_empty() {
            continue;
        }
        let s = *start.get_or_insert(*pos);
        let next = pieces[k + 1..].iter().map(|(_, p)| p.trim()).find(|p| !p.is_empty());
        let f = fold(p_trim);
        let joins = next.is_some_and(|n| {
            let nf = fold(n);
            f == "so"
                || f == "so:"
                || f.ends_with(" ngay")
                || f == "ngay"
                || f.ends_with(" thang")
                || f.ends_with(", ngay")
                || n.starts_with('/')
                || nf.starts_with("thang ")
                || nf.starts_with("nam ")
                || nf == "thang"
                || nf == "nam"
        });
        if !joins {
            parts.push(chu[s..pos + p.len()].trim());
            start = None;
        }
    }
    parts
}

use super::nguon::in_hoa;

/// A drawn rule (a line of "-", "_", "=" …) or nothing but punctuation.
fn la_gach_ke(chu: &str) -> bool {
    !chu.is_empty() && chu.chars().all(|c| matches!(c, '-' | '_' | '=' | '–' | '—' | '.' | '*' | ' ' | '…'))
}

/// Lower case, without diacritics, spaces collapsed: what two spellings of a
/// label ("Nơi nhận", "NƠI NHẬN", "Noi nhan") share.
fn fold(chu: &str) -> String {
    vi::without_marks(chu).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn la_quoc_hieu(chu: &str) -> bool {
    fold(chu).contains("cong hoa xa hoi chu nghia viet nam")
}

fn la_tieu_ngu(chu: &str) -> bool {
    let f = fold(chu);
    f.starts_with("doc lap") && f.contains("tu do")
}

/// The kind whose tên loại a line is: "KẾ HOẠCH", "QUYẾT ĐỊNH" …
fn kind_of_ten_loai(chu: &str) -> Option<Kind> {
    if !in_hoa(chu) {
        return None;
    }
    let f = fold(chu);
    // Giấy mời: a meeting's (Mẫu 1.4-style, giay-moi-hop) unless stated.
    let ten = |k: &&crate::kind::KindSpec| !k.ten_loai.is_empty() && fold(k.ten_loai) == f;
    if f == "giay moi" {
        return kind::by_loai("giay-moi-hop");
    }
    kind::KINDS.iter().find(ten)
}

/// The kind whose ký hiệu starts with `ma` (case-exact: "TTr", "QĐ").
fn kind_of_ma(ky_hieu: &str) -> Option<Kind> {
    let ma = ky_hieu.split('-').next()?;
    if ma == "GM" {
        return kind::by_loai("giay-moi-hop");
    }
    kind::KINDS.iter().find(|k| k.ma.is_some_and(|m| m.eq_ignore_ascii_case(ma) || fold(m) == fold(ma)))
}

/// "Số: 12/KH-UBND", "Số:    /KH-SDTTG", "Số 12/QĐ-UBND": the number
/// (blank: `None`), the ký hiệu as written, and the rest of the part (a
/// date set after it without a tab).
struct SoKyHieu<'a> {
    so: Option<u32>,
    /// A number vanban cannot write as one ("118a").
    so_la: Option<&'a str>,
    ky_hieu: String,
    /// A legal document's year between them ("32/2026/QĐ-UBND").
    nam: Option<&'a str>,
    rest: &'a str,
}

fn so_ky_hieu(chu: &str) -> Option<SoKyHieu<'_>> {
    // "Số", or "SỐ" as a line of capitals has it.
    let mut cs = chu.char_indices();
    let (_, s0) = cs.next()?;
    let (i1, s1) = cs.next()?;
    if !(matches!(s0, 'S' | 's') && matches!(s1, 'ố' | 'Ố')) {
        return None;
    }
    let rest = &chu[i1 + s1.len_utf8()..];
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim_start();
    let slash = rest.find('/')?;
    let so_text = rest[..slash].trim().trim_matches(|c: char| c == '.' || c == '…' || c == '_');
    // A number with a letter after it ("118a", a sub-number some offices
    // give): the ký hiệu is still this line's; the number is not vanban's.
    let chu_sau = so_text.trim_start_matches(|c: char| c.is_ascii_digit());
    let co_chu = !chu_sau.is_empty()
        && chu_sau.len() < so_text.len()
        && chu_sau.len() <= 2
        && chu_sau.chars().all(|c| c.is_ascii_alphabetic());
    if !(co_chu || so_text.chars().all(|c| c.is_ascii_digit())) || so_text.len() > 6 {
        return None;
    }
    let so = if co_chu { None } else { so_text.parse().ok() };
    let so_la = co_chu.then_some(so_text);
    let after = rest[slash + 1..].trim_start();
    // A legal document's number carries its year ("32/2026/QĐ-UBND"): the
    // ký hiệu is what follows it (the caller reports the year dropped).
    let (nam, after) = match after.split_once('/') {
        Some((nam, tiep)) if nam.len() == 4 && nam.bytes().all(|b| b.is_ascii_digit()) => {
            (Some(nam), tiep.trim_start())
        }
        _ => (None, after),
    };
    // The ký hiệu: letters, digits and "-", spaces around a "-" tolerated
    // (corrected: PL I II.3.c).
    let mut end = 0;
    let bytes: Vec<(usize, char)> = after.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        if c.is_alphanumeric() || c == '-' || c == '&' || c == '.' {
            end = pos + c.len_utf8();
            i += 1;
        } else if c == ' ' {
            // " - " or "- " or " -" inside the ký hiệu
            let next = bytes[i + 1..].iter().find(|(_, c)| *c != ' ').map(|(_, c)| *c);
            let prev = after[..pos].trim_end().chars().last();
            if next == Some('-') || prev == Some('-') {
                i += 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let ky_hieu: String = after[..end].chars().filter(|c| *c != ' ').collect();
    let ky_hieu = ky_hieu.trim_end_matches('.').to_owned();
    if ky_hieu.is_empty() {
        return None;
    }
    Some(SoKyHieu { so, so_la, ky_hieu, nam, rest: after[end..].trim() })
}

/// A blank in a date or number: nothing, spaces, dots, "…", "_".
fn trong(chu: &str) -> bool {
    chu.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '…' | '_'))
}

/// "Lạng Sơn, ngày 05 tháng 3 năm 2025" (day and month may be blank): the
/// place, the day, the month, the year, and the day and month as typed.
struct NgayNhap {
    dia_danh: String,
    ngay: Option<u32>,
    thang: Option<u32>,
    nam: i32,
    ngay_go: String,
    thang_go: String,
}

fn ngay_thang(chu: &str) -> Option<NgayNhap> {
    let lower = chu.to_lowercase();
    let i_ngay = lower.find("ngày")?;
    let dia_danh = chu[..i_ngay].trim().trim_end_matches(',').trim().to_owned();
    let rest = &chu[i_ngay + "ngày".len()..];
    let lower_rest = rest.to_lowercase();
    let i_thang = lower_rest.find("tháng")?;
    let i_nam = lower_rest.find("năm")?;
    if i_nam < i_thang {
        return None;
    }
    let ngay_go = rest[..i_thang].trim().to_owned();
    let thang_go = rest[i_thang + "tháng".len()..i_nam].trim().to_owned();
    let nam_go: String =
        rest[i_nam + "năm".len()..].trim().chars().take_while(char::is_ascii_digit).collect();
    let nam: i32 = nam_go.parse().ok().filter(|n| (1945..=2200).contains(n))?;
    let so = |t: &str, max: u32| -> Option<Option<u32>> {
        if trong(t) { Some(None) } else { t.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).map(Some) }
    };
    Some(NgayNhap { dia_danh, ngay: so(&ngay_go, 31)?, thang: so(&thang_go, 12)?, nam, ngay_go, thang_go })
}

/// "ngày 30 tháng 5 năm 2026" (as a sentence writes a date) as vanban's
/// data writes it, "30/5/2026".
pub fn ngay_ngan(chu: &str) -> Option<String> {
    let d = ngay_thang(chu.trim().trim_end_matches("./.").trim_end_matches('.'))?;
    Some(match d.ngay {
        Some(n) => format!("{}/{}/{}", vi::pad_day(n), d.thang?, d.nam),
        None => format!("{}/{}", d.thang?, d.nam),
    })
}

/// The authority prefixes of a signature (NĐ30 Điều 13).
const QUYEN_HAN: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

fn quyen_han(chu: &str) -> Option<(&'static str, &str)> {
    QUYEN_HAN.iter().find_map(|q| chu.strip_prefix(q).map(|r| (*q, r.trim())))
}

/// A person's name as a signature prints it: two to six words, each
/// capitalised, no digits ("Phạm Đức Huân").
fn la_ho_ten(chu: &str) -> bool {
    let words: Vec<&str> = chu.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
}

/// The notes a signature block carries instead of a signature.
fn la_ghi_chu_ky(chu: &str) -> bool {
    let f = fold(chu);
    (chu.starts_with('(') && (f.contains("ky") || f.contains("dau"))) || f == "da ky" || f == "(da ky)"
}

/// A line a signature block is made of: set in the right column, an
/// authority prefix, a note such as "(Đã ký)", or a short title in
/// capitals. (A name alone counts only where the caller knows it ends one.)
fn dong_ky(p: &Manh) -> bool {
    let t = p.text();
    p.cot == Cot::Phai
        || quyen_han(t).is_some()
        || la_ghi_chu_ky(t)
        || (in_hoa(t) && t.split_whitespace().count() <= 8 && !t.ends_with(':'))
}

/// The longest beginning (two words or more) of an agency's name in
/// capitals that the texts write, as they write it: "ỦY BAN NHÂN DÂN TỈNH
/// LÂM ĐỒNG" in "Ủy ban nhân dân tỉnh tổ chức …" is "Ủy ban nhân dân tỉnh".
fn ten_trong_van<'a>(ten: &str, texts: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    let lower = |s: &str| -> Vec<char> { s.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect() };
    let words: Vec<&str> = ten.split_whitespace().collect();
    (2..=words.len()).rev().find_map(|k| {
        let want = lower(&words[..k].join(" "));
        texts.clone().find_map(|t| {
            let chars: Vec<char> = t.chars().collect();
            let low = lower(t);
            (0..low.len().saturating_sub(want.len() - 1)).find_map(|i| {
                let fits = low[i..].starts_with(&want)
                    && (i == 0 || !low[i - 1].is_alphanumeric())
                    && low.get(i + want.len()).is_none_or(|c| !c.is_alphanumeric());
                fits.then(|| chars[i..i + want.len()].iter().collect::<String>())
            })
        })
    })
}

/// A digital signature's visible stamp ("Ký bởi: …", "Thời gian ký: …",
/// its e-mail and agency lines) taken out: the signing's, not the
/// document's text; vanban does not print it again. Where each was, and
/// its text, for the report.
fn bo_chu_ky_so(m: &mut Vec<Manh>) -> Vec<(Noi, String)> {
    let n = m.len();
    tach_manh(m, |m, j| {
        let gan = (j.saturating_sub(2)..n.min(j + 3)).any(|q| q != j && la_chu_ky_so(&m[q].chu));
        let f = fold(&m[j].chu);
        (la_chu_ky_so(&m[j].chu) || ((f.starts_with("email:") || f.starts_with("co quan:")) && gan))
            .then(|| m[j].chu.clone())
    })
}

/// The draft's mark ("DỰ THẢO", often in a text box at the top, or in a
/// table of one cell: a box drawn round it) taken out: not the document's
/// text; vanban prints the document as it is.
fn bo_du_thao(m: &mut Vec<Manh>) -> Vec<(Noi, String)> {
    tach_manh(m, |m, j| {
        let p = &m[j];
        let o = p
            .bang
            .as_ref()
            .filter(|b| b.dong.len() == 1 && b.dong[0].len() == 1)
            .map(|b| b.dong[0][0].as_str());
        let chu = o.unwrap_or(&p.chu);
        let f = fold(chu);
        let f = f.trim_matches(['(', ')', '[', ']', ' ']);
        (f == "du thao" || f.strip_prefix("du thao lan ").is_some_and(|n| n.len() <= 2))
            .then(|| chu.to_owned())
    })
}

/// The pieces `bo` picks (by their place among all, with their
/// neighbours in view), taken out of `m`: where each was, and the text
/// `bo` gives for the report.
fn tach_manh(m: &mut Vec<Manh>, bo: impl Fn(&[Manh], usize) -> Option<String>) -> Vec<(Noi, String)> {
    let chon: Vec<Option<String>> = (0..m.len()).map(|j| bo(m, j)).collect();
    let mut ra = Vec::new();
    let mut chon = chon.into_iter();
    m.retain(|p| match chon.next().flatten() {
        Some(chu) => {
            ra.push((p.noi, chu));
            false
        }
        None => true,
    });
    ra
}

/// The "Nơi nhận" label, also with a stray letter a PDF's text layer puts
/// before it ("ơNơi nhận:").
pub(super) fn la_noi_nhan(chu: &str) -> bool {
    // (Its first letters only: every line of a text is asked.)
    let f = fold(&chu.chars().take(12).collect::<String>());
    f.starts_with("noi nhan")
        || (chu.starts_with(char::is_lowercase) && f.get(1..).is_some_and(|r| r.starts_with("noi nhan:")))
}

/// A line of a digital signature's stamp as signing software prints it.
fn la_chu_ky_so(chu: &str) -> bool {
    let f = fold(chu);
    [
        "ky boi:",
        "ky boi :",
        "nguoi ky:",
        "thoi gian ky:",
        "ngay ky:",
        "digitally signed",
        "signature not verified",
        "signed by:",
    ]
    .iter()
    .any(|l| f.starts_with(l))
}

/// What a recipient gets the document for, set apart from its entry:
/// "(để b/c)", "(để thực hiện)".
fn la_ghi_chu_nhan(chu: &str) -> bool {
    let t = chu.trim();
    t.starts_with("(để ") && t.ends_with(')') && t.chars().count() <= 40
}

/// A Công văn's footer line: "Địa chỉ: …", "Điện thoại: …".
fn la_chan_trang(chu: &str) -> bool {
    let f = fold(chu);
    ["dia chi", "dien thoai", "dt:", "fax", "email", "e-mail", "website"].iter().any(|l| f.starts_with(l))
}

/// Cuts a "Nơi nhận" entry's mark and closing punctuation: "- Như trên;".
fn nhan_text(chu: &str) -> String {
    chu.trim_start_matches(['-', '+', '–', '•', ' '])
        .trim_end()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_owned()
}

/// Recognises the decree's components in a source's pieces.
pub fn nhan_dang(mut khoi: Vec<Khoi>) -> VanBanNhap {
    let notes = chu_thich(&mut khoi);
    let mut all = manh(khoi);
    ghep_so_ky_hieu(&mut all);
    let ky_so = bo_chu_ky_so(&mut all);
    let du_thao = bo_du_thao(&mut all).into_iter().next();
    let mut r = Recogniser { m: all, phan: Vec::new(), sua: Vec::new() };
    if let Some((noi, chu)) = du_thao {
        r.found("dấu dự thảo", Some(noi), format!("{chu} (bản dự thảo; vanban không in dấu này)"));
    }
    if let Some((noi, _)) = ky_so.first() {
        let chu: Vec<&str> = ky_so.iter().map(|(_, c)| c.as_str()).collect();
        r.found(
            "chữ ký số",
            Some(*noi),
            format!("{} (thông tin ký số, vanban không in lại)", chu.join("; ")),
        );
    }
    let mut v = r.run();
    if notes > 0 {
        v.phan.push(Phan {
            ten: "chú thích",
            noi: None,
            gia_tri: format!("{notes} chú thích cuối trang, đặt lại vào chỗ đánh dấu (^[…])"),
            tim_thay: true,
        });
    }
    v
}

/// A PDF's text layer read box by box splits the header's number from its
/// ký hiệu: "Số:173", then the quốc hiệu, then "/KH-UBND" on its own.
/// Put back together, before the tên loại, as "Số:173/KH-UBND".
fn ghep_so_ky_hieu(m: &mut Vec<Manh>) {
    let end = m.iter().position(|p| kind_of_ten_loai(&p.chu).is_some()).unwrap_or(m.len()).min(20);
    let so_at = (0..end).find(|&i| {
        let t = m[i].chu.trim();
        so_ky_hieu(t).is_none()
            && (t.starts_with("Số") || t.starts_with("SỐ"))
            && t.trim_start_matches(['S', 'ố', 'Ố', ':', ' ', '.', '…', '_'])
                .bytes()
                .all(|b| b.is_ascii_digit())
    });
    let Some(s) = so_at else { return };
    let kh_at = (s + 1..end).find(|&k| {
        let t = m[k].chu.trim();
        t.len() > 2
            && t.starts_with('/')
            && !t.contains(char::is_whitespace)
            && so_ky_hieu(&format!("Số: 1{t}")).is_some()
    });
    if let Some(k) = kh_at {
        let kh = m.remove(k).chu;
        let so = &mut m[s].chu;
        *so = format!("{}{}", so.trim_end(), kh.trim());
    }
}

/// A footnote number as a raised mark: 12 → "¹²".
fn mu(n: u32) -> String {
    n.to_string().bytes().map(|b| super::nguon::CHI_SO[(b - b'0') as usize]).collect()
}

/// Where footnote `n`'s mark is in `chu`, and its length: raised ("xã¹"),
/// in brackets against its word ("2024(1)"), or typed on the line right
/// after a word ("xã1." as text copied from a PDF has it).
fn dau_chu_thich(chu: &str, n: u32) -> Option<(usize, usize)> {
    let raised = mu(n);
    if let Some(at) = chu.find(&raised).filter(|&at| at > 0) {
        let after = chu[at + raised.len()..].chars().next();
        if !after.is_some_and(|c| super::nguon::CHI_SO.contains(&c)) {
            return Some((at, raised.len()));
        }
    }
    // "(1)" against the word it annotates ("tháng 11/2024(1),"), as a page
    // copied out of a browser gives a raised mark.
    let ngoac = format!("({n})");
    let mut from = 0;
    while let Some(i) = chu[from..].find(&ngoac) {
        let at = from + i;
        let before = chu[..at].chars().next_back();
        let after = chu[at + ngoac.len()..].chars().next();
        if before.is_some_and(char::is_alphanumeric)
            && after.is_none_or(|c| c.is_whitespace() || ".,;:)".contains(c))
        {
            return Some((at, ngoac.len()));
        }
        from = at + ngoac.len();
    }
    let typed = n.to_string();
    let mut from = 0;
    while let Some(i) = chu[from..].find(&typed) {
        let at = from + i;
        let before = chu[..at].chars().next_back();
        let after = chu[at + typed.len()..].chars().next();
        let word_before = before.is_some_and(|c| c.is_lowercase());
        let ends = after.is_none_or(|c| c.is_whitespace() || ".,;:)".contains(c));
        if word_before && ends {
            return Some((at, typed.len()));
        }
        from = at + typed.len();
    }
    None
}

/// The text of footnote `n` if `chu` is its note: "¹Theo …", "1 Theo …",
/// "(1) Theo …", or the number alone (the text follows as the next paragraph: `None`
/// inside).
fn loi_chu_thich(chu: &str, n: u32) -> Option<Option<String>> {
    let chu = chu.trim();
    for so in [mu(n), n.to_string(), format!("({n})")] {
        let Some(rest) = chu.strip_prefix(&so) else { continue };
        if rest.is_empty() {
            return Some(None);
        }
        // "1 Theo …", "¹Theo …", or "1Theo …" as text copied out may join them.
        let text = rest.trim();
        if text.chars().next().is_some_and(char::is_uppercase) {
            return Some(Some(text.to_owned()));
        }
    }
    None
}

/// Footnotes (chú thích) put back where their marks are, as vanban writes
/// them (`^[…]`): note `n` at the foot of a page, matched to the first mark
/// `n` before it. Returns how many.
fn chu_thich(khoi: &mut Vec<Khoi>) -> usize {
    let mut n = 1;
    let mut from = 0;
    loop {
        // The note: after a mark for it.
        let mut found = None;
        for j in from..khoi.len() {
            let Khoi::Doan(d) = &khoi[j] else { continue };
            let Some(text) = loi_chu_thich(&d.chu, n) else { continue };
            let text = match text {
                Some(t) => Some((t, 1)),
                None => match khoi.get(j + 1) {
                    Some(Khoi::Doan(next)) if !next.chu.trim().is_empty() => {
                        Some((next.chu.trim().to_owned(), 2))
                    }
                    _ => None,
                },
            };
            let Some((text, len)) = text else { continue };
            let mark = (from..j).find_map(|i| match &khoi[i] {
                Khoi::Doan(d) => dau_chu_thich(&d.chu, n).map(|m| (i, m)),
                _ => None,
            });
            if let Some((i, m)) = mark {
                found = Some((i, m, j, len, text));
                break;
            }
        }
        let Some((i, (at, len_mark), j, len, text)) = found else { break };
        if let Khoi::Doan(d) = &mut khoi[i] {
            d.chu.replace_range(at..at + len_mark, &format!("^[{text}]"));
        }
        khoi.drain(j..j + len);
        from = i;
        n += 1;
    }
    (n - 1) as usize
}

struct Recogniser {
    m: Vec<Manh>,
    phan: Vec<Phan>,
    sua: Vec<Sua>,
}

impl Recogniser {
    fn found(&mut self, ten: &'static str, noi: Option<Noi>, gia_tri: impl Into<String>) {
        self.phan.push(Phan { ten, noi, gia_tri: gia_tri.into(), tim_thay: true });
    }

    fn missing(&mut self, ten: &'static str, why: impl Into<String>) {
        self.phan.push(Phan { ten, noi: None, gia_tri: why.into(), tim_thay: false });
    }

    fn fix(&mut self, noi: Option<Noi>, truong: &'static str, thong_bao: impl Into<String>) {
        self.sua.push(Sua { noi, truong, thong_bao: thong_bao.into() });
    }

    fn run(&mut self) -> VanBanNhap {
        let m = std::mem::take(&mut self.m);
        let n = m.len();
        let mut used = vec![false; n];
        // --- Header: up to the tên loại, or the first body piece.
        let mut chu_quan_ban_hanh: Vec<(usize, String)> = Vec::new();
        let mut so = None;
        let mut ky_hieu = String::new();
        let mut ngay: Option<(NgayNhap, Noi)> = None;
        let mut vv: Vec<String> = Vec::new();
        let mut kind: Option<Kind> = None;
        let mut ten_loai_at = None;
        let mut ten_la: Option<(usize, String)> = None;
        let mut so_go: Option<String> = None;
        let mut i = 0;
        let mut qh_seen = false;
        while i < n {
            let p = &m[i];
            let t = p.text();
            if p.ngat_trang || p.bang.is_some() || used[i] {
                i += 1;
                continue;
            }
            if p.hang.is_some() {
                break;
            }
            if la_quoc_hieu(t) || la_tieu_ngu(t) {
                qh_seen = true;
                used[i] = true;
                // An agency's line on the quốc hiệu's, set apart with typed
                // spaces (one piece to the reader): "UBND TỈNH VĨNH LONG
                // CỘNG HÒA XÃ HỘI …".
                let truoc = t.find("CỘNG H").map_or("", |at| t[..at].trim());
                if in_hoa(truoc) && so.is_none() && ky_hieu.is_empty() {
                    chu_quan_ban_hanh.push((i, truoc.to_owned()));
                }
            } else if la_gach_ke(t) {
                used[i] = true;
            } else if let Some(SoKyHieu { so: s, so_la, ky_hieu: kh, nam, rest }) = so_ky_hieu(t) {
                used[i] = true;
                so = s;
                if let Some(la) = so_la {
                    so_go = Some(la.to_owned());
                    self.fix(
                        Some(p.noi),
                        "so",
                        format!("số '{la}' có chữ: số văn bản là số Ả Rập (NĐ30, Phụ lục I, II.3.a); vanban để trống số cho văn thư ghi"),
                    );
                }
                if kh != t.split('/').nth(1).unwrap_or("").split_whitespace().next().unwrap_or("")
                    && t.contains(" -")
                {
                    self.fix(
                        Some(p.noi),
                        "ky_hieu",
                        format!("ký hiệu viết liền, không có dấu cách: '{kh}' (NĐ30, Phụ lục I, II.3.c)"),
                    );
                }
                if let Some(nam) = nam {
                    self.fix(
                        Some(p.noi),
                        "ky_hieu",
                        format!("số '{}/{nam}/{kh}' có năm ban hành như văn bản quy phạm pháp luật: văn bản hành chính ghi số và ký hiệu, không có năm (NĐ30, Phụ lục I, II.3); vanban ghi '{kh}'", s.map(|s| s.to_string()).unwrap_or_default()),
                    );
                }
                ky_hieu = kh;
                self.found(
                    "số, ký hiệu",
                    Some(p.noi),
                    format!("{}/{}", s.map(|s| s.to_string()).unwrap_or_default(), ky_hieu),
                );
                if let Some(d) = ngay_thang(rest) {
                    ngay = Some((d, p.noi));
                }
            } else if let Some(d) =
                ngay.is_none().then(|| ngay_thang(t)).flatten().filter(|_| !t.starts_with('('))
            {
                used[i] = true;
                ngay = Some((d, p.noi));
            } else if let Some(v) = t.strip_prefix("V/v").or_else(|| t.strip_prefix("V/V")) {
                used[i] = true;
                vv.push(v.trim().to_owned());
                // Its continuation lines: in its column (the date beside
                // it skipped, for the loop to read), or below it, in lower case.
                let mut k = i + 1;
                while k < n && !m[k].chu.is_empty() {
                    let next = &m[k];
                    if next.cot == Cot::Phai && p.cot == Cot::Trai {
                        k += 1;
                        continue;
                    }
                    let t = next.text();
                    let lower = t.chars().next().is_some_and(char::is_lowercase);
                    let same = next.cot == p.cot && p.cot != Cot::Mot;
                    // Above the date, still to come in a few pieces: the
                    // V/v's column read line by line ("Vĩnh Long giai đoạn",
                    // "2026-2030").
                    let truoc_ngay =
                        ngay.is_none() && (k + 1..n.min(k + 4)).any(|q| ngay_thang(&m[q].chu).is_some());
                    // Above "Kính gửi", which follows the V/v in a Công văn.
                    let truoc_kinh_gui = (k + 1..n.min(k + 3)).any(|q| m[q].chu.starts_with("Kính gửi"));
                    if !(lower || same || truoc_ngay || truoc_kinh_gui)
                        || so_ky_hieu(t).is_some()
                        || ngay_thang(t).is_some()
                        || in_hoa(t)
                        || t.starts_with("Kính gửi")
                    {
                        break;
                    }
                    used[k] = true;
                    match vv.last_mut() {
                        // Lines of the full width (a text file's) are not the
                        // source's line breaks in its column: one text, for
                        // vanban to break.
                        Some(last) if next.cot == Cot::Mot && p.cot == Cot::Mot => {
                            last.push(' ');
                            last.push_str(t);
                        }
                        _ => vv.push(t.to_owned()),
                    }
                    k += 1;
                }
                // A piece longer than the column's line (lines the reader
                // joined already): the source's breaks are gone; one text.
                if vv.len() > 1 && vv.iter().any(|l| l.chars().count() > 50) {
                    vv = vec![vv.join(" ")];
                }
            } else if let Some(k) = kind_of_ten_loai(t) {
                kind = Some(k);
                ten_loai_at = Some(i);
                used[i] = true;
                break;
            } else if qh_seen
                && in_hoa(t)
                && p.cot == Cot::Mot
                && (so.is_some()
                    || !ky_hieu.is_empty()
                    || ngay.is_some()
                    // Centred across the page under a header whose agency
                    // stood in its left column (Word's header table).
                    || (p.kieu.giua && chu_quan_ban_hanh.iter().any(|(j, _)| m[*j].cot == Cot::Trai)))
            {
                // Where the tên loại stands, a title in capitals of a kind
                // vanban does not make ("PHIẾU TRÌNH", "ĐIỀU LỆ"): not an
                // agency; the body's first paragraph.
                ten_la = Some((i, t.to_owned()));
                break;
            } else if in_hoa(t) && p.cot != Cot::Phai && so.is_none() && ky_hieu.is_empty() {
                used[i] = true;
                chu_quan_ban_hanh.push((i, t.to_owned()));
            } else if t.starts_with("Kính gửi")
                || dau_muc(t).is_some()
                || t.starts_with("Căn cứ")
                || !qh_seen && i > 8
            {
                break;
            } else if ky_hieu.is_empty() && !qh_seen || p.cot == Cot::Phai {
                // Something else above the quốc hiệu, or beside it.
                // Left unused: it ends up as a paragraph with a comment.
            } else {
                break;
            }
            i += 1;
        }
        if qh_seen {
            self.found("quốc hiệu, tiêu ngữ", None, "vanban in lại theo mẫu");
        } else {
            self.missing("quốc hiệu, tiêu ngữ", "không thấy; vanban in theo mẫu");
        }
        // Agency: the first line the parent when there are several (the
        // decree's ô 2: chủ quản above, ban hành below); a line in bold is
        // the issuer's.
        // A name wrapped onto a second line ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG
        // SƠN") is one name: a line starting with a place's level goes on.
        let mut names: Vec<Vec<(usize, String)>> = Vec::new();
        for (j, t) in &chu_quan_ban_hanh {
            let f = fold(t);
            let goes_on = [
                "tinh ",
                "huyen ",
                "xa ",
                "phuong ",
                "thi tran ",
                "thanh pho ",
                "quan ",
                "thi xa ",
                "dac khu ",
            ]
            .iter()
            .any(|l| f.starts_with(l));
            match names.last_mut() {
                Some(last) if goes_on && last.len() == 1 && !fold(&last[0].1).contains(" tinh ") => {
                    last.push((*j, t.clone()))
                }
                _ => names.push(vec![(*j, t.clone())]),
            }
        }
        let (mut chu_quan, mut ban_hanh) = (Vec::new(), Vec::new());
        // Bold tells the issuer (ô 2: the parent in regular weight) only
        // when some names are bold and some are not.
        let bold_known =
            names.iter().any(|n| m[n[0].0].kieu.dam) && names.iter().any(|n| !m[n[0].0].kieu.dam);
        let many = names.len() > 1;
        for (k, name) in names.into_iter().enumerate() {
            let is_parent = if bold_known { !m[name[0].0].kieu.dam } else { k == 0 && many };
            let lines = name.into_iter().map(|(_, t)| t);
            if is_parent { chu_quan.extend(lines) } else { ban_hanh.extend(lines) }
        }
        if let Some((j, _)) = chu_quan_ban_hanh.first() {
            let all: Vec<String> = chu_quan.iter().chain(&ban_hanh).cloned().collect();
            self.found("cơ quan ban hành", Some(m[*j].noi), all.join(" / "));
        } else {
            self.missing("cơ quan ban hành", "không thấy tên cơ quan ở góc trái");
        }
        if ky_hieu.is_empty() {
            self.missing("số, ký hiệu", "không thấy dòng \"Số: …/…\"");
        }

        // --- Kind: the tên loại, else the type code, else a Công văn.
        // No header at all: what the loop passed over is the body.
        if !qh_seen && ky_hieu.is_empty() && kind.is_none() {
            i = (0..i).find(|&k| !used[k]).unwrap_or(i);
        }
        let mut body_start = ten_loai_at.map(|t| t + 1).unwrap_or(i);
        let kind = match kind {
            Some(k) => {
                self.found(
                    "tên loại",
                    Some(m[ten_loai_at.unwrap()].noi),
                    format!("{} ({})", m[ten_loai_at.unwrap()].chu, k.loai),
                );
                if let Some(by_code) = kind_of_ma(&ky_hieu)
                    && by_code.ten_loai != k.ten_loai
                {
                    self.fix(
                        None,
                        "ky_hieu",
                        format!(
                            "ký hiệu '{ky_hieu}' có chữ viết tắt của {} nhưng tên loại là {}",
                            by_code.ten, k.ten
                        ),
                    );
                }
                k
            }
            None => {
                let k = if !vv.is_empty() {
                    kind::by_loai("cong-van")
                } else {
                    kind_of_ma(&ky_hieu).or_else(|| kind::by_loai("cong-van"))
                }
                .expect("registered kind");
                match &ten_la {
                    Some((j, t)) => self.phan.push(Phan {
                        ten: "tên loại",
                        noi: Some(m[*j].noi),
                        gia_tri: format!(
                            "'{t}' không phải loại văn bản vanban dựng: nhập như {} ({}), dòng này giữ trong nội dung",
                            k.ten, k.loai
                        ),
                        tim_thay: false,
                    }),
                    None => self.found("tên loại", None, format!("không có dòng tên loại: {} ({})", k.ten, k.loai)),
                }
                k
            }
        };
        // The type code's case (PL III Mục I): never upper-cased, and written as the decree has it.
        if let Some(ma) = kind.ma {
            let first = ky_hieu.split('-').next().unwrap_or("").to_owned();
            if first != ma && fold(&first) == fold(ma) {
                let fixed = format!("{ma}{}", &ky_hieu[first.len()..]);
                self.fix(None, "ky_hieu", format!("chữ viết tắt tên loại viết đúng như Phụ lục III: '{first}' → '{ma}' (NĐ30, Phụ lục III, Mục I)"));
                ky_hieu = fixed;
            }
        }

        // --- Trích yếu: V/v (Công văn), or what follows the tên loại.
        let mut trich_yeu = vv;
        if ten_loai_at.is_some() && kind.loai != "giay-gioi-thieu" {
            let styled = m.iter().skip(body_start).any(|p| p.kieu.giua);
            let den_tham_quyen = |from: usize| {
                kind.loai == "quyet-dinh"
                    && (from..n.min(body_start + 4))
                        .find(|&k| {
                            in_hoa(&m[k].chu)
                                || m[k].bang.is_some()
                                || m[k].ngat_trang
                                || super::nguon::bat_dau_rieng(&m[k].chu)
                        })
                        .is_some_and(|k| in_hoa(&m[k].chu) && !super::nguon::bat_dau_rieng(&m[k].chu))
            };
            let mut j = body_start;
            while j < n && trich_yeu.len() < 4 {
                let p = &m[j];
                let t = p.text();
                if p.ngat_trang || p.bang.is_some() {
                    break;
                }
                if la_gach_ke(t) {
                    used[j] = true;
                    j += 1;
                    break;
                }
                let body_like = t.starts_with("Kính gửi")
                    || t.starts_with("Căn cứ")
                    || dau_muc(t).is_some()
                    || super::nguon::bat_dau_rieng(t);
                let authority = kind.loai == "quyet-dinh" && in_hoa(t);
                // The first piece after the tên loại is the trích yếu; more lines
                // only where the source says they are centred like it, or, in
                // a decision, where the authority line in capitals comes next
                // within the trích yếu's few lines.
                let more = trich_yeu.is_empty() || (styled && p.kieu.giua) || (!styled && den_tham_quyen(j));
                if body_like || authority || !more {
                    break;
                }
                // A long sentence opening as a body does ("Thực hiện …", "Căn
                // cứ …", ending with a full stop) is the body's first
                // paragraph: the trích yếu is a title.
                let mo_dau =
                    ["Thực hiện", "Căn cứ", "Theo ", "Để ", "Trên cơ sở", "Ngày ", "Nhằm ", "Hiện nay"];
                if trich_yeu.is_empty()
                    && t.ends_with('.')
                    && !t.ends_with("..")
                    && t.split_whitespace().count() > 25
                    && mo_dau.iter().any(|m| t.starts_with(m))
                {
                    break;
                }
                used[j] = true;
                match trich_yeu.last_mut() {
                    // Text without its layout: its line breaks are not the
                    // source's; one text, for vanban to break.
                    Some(last) if !styled => {
                        last.push(' ');
                        last.push_str(t);
                    }
                    _ => trich_yeu.push(t.to_owned()),
                }
                j += 1;
            }
            body_start = j;
        }
        if trich_yeu.is_empty() {
            if kind.loai != "giay-gioi-thieu" {
                self.missing("trích yếu", "không thấy");
            }
        } else {
            self.found("trích yếu", None, trich_yeu.join(" "));
        }

        // --- A decision's attached document (Mẫu 1.3): from its own header
        // on, the rest is the attachment's; the decision's footer is above it.
        let kem_at = if kind.loai == "quyet-dinh" { kem_theo_at(&m, body_start) } else { None };
        // Another kind's attached document (a Nghị quyết's Quy định): not
        // its footer's; kept as paragraphs with their comments.
        let kem_khac = if kind.loai == "quyet-dinh" { None } else { kem_theo_at(&m, body_start) }
            .filter(|k| (body_start..k.dau).any(|j| la_noi_nhan(&m[j].chu)));
        let n_own = kem_at.as_ref().or(kem_khac.as_ref()).map_or(n, |k| k.dau);

        // --- Footer: Nơi nhận and the signature, from the end.
        let nn_at = (body_start..n_own).rev().find(|&j| la_noi_nhan(&m[j].chu));
        // Phụ lục after the footer: each from its "PHỤ LỤC" line on.
        let pl_starts: Vec<usize> =
            (nn_at.unwrap_or(body_start)..n_own).filter(|&j| la_phu_luc(&m[j].chu)).collect();
        let pl_at = pl_starts.first().copied();
        let footer_end = pl_at.unwrap_or(n_own);
        let mut body_end = nn_at.unwrap_or(footer_end);
        // Signature pieces: the right column of the footer, or the upper-case
        // lines and the name after the Nơi nhận list.
        let mut noi_nhan = Vec::new();
        let mut luu = None;
        let mut ky: Vec<usize> = Vec::new();
        let mut chan_trang = Vec::new();
        for j in body_start..footer_end {
            if nn_at.is_none_or(|nn| j > nn) && la_chan_trang(&m[j].chu) {
                used[j] = true;
                chan_trang.push(m[j].chu.trim_end_matches('.').to_owned());
            }
        }
        if !chan_trang.is_empty() {
            self.found("chân trang (địa chỉ, điện thoại)", None, chan_trang.join("; "));
        }
        if let Some(nn) = nn_at {
            used[nn] = true;
            self.found("nơi nhận", Some(m[nn].noi), "");
            let inline = m[nn].chu.split_once(':').map(|(_, r)| r.trim().to_owned()).unwrap_or_default();
            let mut items: Vec<(String, Noi)> = Vec::new();
            if !inline.is_empty() {
                items.push((inline, m[nn].noi));
            }
            // The signature's pieces when the last entry was taken: an entry
            // goes on over the next lines only before the signature starts
            // (a footnote under the signer's name is not the Lưu line's rest).
            let mut ky_khi_muc = ky.len();
            for j in nn + 1..footer_end {
                let p = &m[j];
                if p.ngat_trang || p.bang.is_some() || used[j] {
                    continue;
                }
                let gach = p.chu.starts_with(['-', '+', '–', '•']);
                // A list copied from a web page loses its dashes: an entry
                // is still known by its closing ";" or as the Lưu line,
                // once the entry before it has closed.
                let truoc_xong = items.last().is_none_or(|(t, _)| t.trim_end().ends_with([';', ':', '.']));
                let luu_dong = {
                    let f = fold(&p.chu);
                    f.starts_with("luu:") || f.starts_with("luu :")
                };
                let khong_gach =
                    p.cot != Cot::Phai && truoc_xong && (p.chu.trim_end().ends_with(';') || luu_dong);
                // An entry still open ("- VPUB: CVP, các PCVP,") goes on
                // over a line in capitals ("NC, HC-QT, TT TTDL&CNS TP;")
                // that no title of a signature would be: it ends with
                // punctuation, or the entry with a comma.
                let mo = items.last().map(|(t, _)| t.trim_end()).filter(|t| !t.ends_with(['.', ';']));
                let tiep_hoa = mo
                    .is_some_and(|t| t.ends_with(',') || p.chu.trim_end().ends_with([';', ',', '.']))
                    && !gach
                    && p.cot != Cot::Phai
                    && quyen_han(&p.chu).is_none()
                    && !la_ghi_chu_ky(&p.chu);
                // "(để b/c)" set beside an entry (or a brace of them): said
                // after that entry, as "- Như trên (để thực hiện);" is.
                // (The entry on its line: a PDF's right column is read after
                // the left one's lines.)
                let cung_dong = items.iter().rposition(|(_, noi)| *noi == p.noi);
                if la_ghi_chu_nhan(&p.chu)
                    && let Some((last, _)) = match cung_dong {
                        Some(k) => items.get_mut(k),
                        None => items.last_mut(),
                    }
                {
                    let t = last.trim_end();
                    let core = t.trim_end_matches([';', '.', ',']);
                    *last = format!("{core} {}{}", p.chu.trim(), &t[core.len()..]);
                    used[j] = true;
                    continue;
                }
                if p.cot == Cot::Phai
                    || (!gach
                        && !khong_gach
                        && !tiep_hoa
                        && (in_hoa(&p.chu)
                            || la_ho_ten(&p.chu)
                            || la_ghi_chu_ky(&p.chu)
                            || quyen_han(&p.chu).is_some()))
                {
                    ky.push(j);
                } else if gach || khong_gach {
                    items.push((p.chu.clone(), p.noi));
                    used[j] = true;
                    ky_khi_muc = ky.len();
                } else if ky.len() > ky_khi_muc && p.chu.starts_with(|c: char| c.is_ascii_digit()) {
                    // A footnote under the signature: left for the body's
                    // unplaced parts.
                } else if let Some((last, _)) =
                    // An entry ended by its punctuation ("- Lưu: VT.") has no more lines.
                    items.last_mut().filter(|(t, _)| {
                        ky.len() == ky_khi_muc
                            && (p.cot == Cot::Trai || p.cot == Cot::Mot)
                            && !t.trim_end().ends_with(['.', ';'])
                    })
                {
                    // A recipient continued on the next line.
                    last.push(' ');
                    last.push_str(&p.chu);
                    used[j] = true;
                } else {
                    ky.push(j);
                }
            }
            let mut group: Option<(String, Vec<String>)> = None;
            for (t, noi) in items {
                let text = nhan_text(&t);
                let folded = fold(&text);
                if folded.starts_with("luu") {
                    let mut l = match text.split_once(':') {
                        Some((_, r)) => r.trim().to_owned(),
                        // "- Lưu ĐU." (a Party document's form): what follows
                        // the word, the colon put back.
                        None => {
                            let r = text.trim_start().get("Lưu".len()..).unwrap_or("").trim();
                            if !r.is_empty() {
                                self.fix(
                                    Some(noi),
                                    "luu",
                                    format!("dòng Lưu viết \"- Lưu: {r}\", có dấu hai chấm (NĐ30, Phụ lục I, II.9.d)"),
                                );
                            }
                            r.to_owned()
                        }
                    };
                    // The line ends at its full stop: a signer's title after
                    // it is the other column's text read into it ("VT, PC.
                    // PHÓ GIÁ"); "VT, P. KHTC" is one line.
                    const CHUC: [&str; 6] =
                        ["PHÓ ", "GIÁM ĐỐC", "CHỦ TỊCH", "TRƯỞNG ", "CHÁNH ", "BỘ TRƯỞNG"];
                    let cat = l.match_indices(". ").map(|(i, _)| i).find(|&i| {
                        let sau = l[i + 2..].trim_start();
                        quyen_han(sau).is_some() || CHUC.iter().any(|c| sau.starts_with(c))
                    });
                    if let Some((dau, sau)) = cat.map(|i| (&l[..i], &l[i + 2..])) {
                        self.fix(
                            Some(noi),
                            "luu",
                            format!("dòng Lưu kết thúc ở dấu chấm: '{}' sau đó không thuộc dòng Lưu, vanban bỏ ra (xem lại văn bản gốc)", sau.trim()),
                        );
                        l = dau.to_owned();
                    }
                    luu = Some(l);
                    continue;
                }
                let end = t.trim_end();
                let ok_end = end.ends_with(';') || end.ends_with(':');
                if !ok_end && !t.trim_start().starts_with('+') {
                    self.fix(
                        Some(noi),
                        "noi_nhan",
                        format!("nơi nhận '{text}' kết thúc bằng dấu \";\" (NĐ30, Phụ lục I, II.9.d)"),
                    );
                }
                if t.trim_start().starts_with('+')
                    && let Some((_, cac)) = group.as_mut()
                {
                    cac.push(text);
                    continue;
                }
                if let Some((nhom, cac)) = group.take() {
                    noi_nhan.push(if cac.is_empty() {
                        NhanNhap::Mot(nhom)
                    } else {
                        NhanNhap::Nhom(nhom, cac)
                    });
                }
                if end.ends_with(':') {
                    group = Some((text.trim_end_matches(':').to_owned(), Vec::new()));
                } else {
                    noi_nhan.push(NhanNhap::Mot(text));
                }
            }
            if let Some((nhom, cac)) = group.take() {
                noi_nhan.push(if cac.is_empty() { NhanNhap::Mot(nhom) } else { NhanNhap::Nhom(nhom, cac) });
            }
            match &luu {
                Some(l) => self.found("dòng lưu", None, l.clone()),
                None => self.missing("dòng lưu", "không thấy \"- Lưu: …\"; ghi VT"),
            }
        } else {
            self.missing("nơi nhận", "không thấy \"Nơi nhận:\"");
        }
        // Signature pieces before Nơi nhận: the right column just above it
        // (a footer table read row by row), or upper-case lines and a name at
        // the end of the body.
        let mut j = body_end;
        while j > body_start {
            let p = &m[j - 1];
            let t = p.text();
            // On the line of a signature piece (two signatures side by side).
            let same_line = ky.first().is_some_and(|&k| m[k].noi == p.noi && p.cot != Cot::Mot);
            let sig_like = dong_ky(p) || same_line || (la_ho_ten(t) && ky.is_empty() && j == body_end);
            if !sig_like || p.ngat_trang || p.bang.is_some() || dau_muc(t).is_some() {
                break;
            }
            j -= 1;
            ky.insert(0, j);
        }
        body_end = j;
        ky.sort_unstable();
        ky.dedup();
        let nguoi_ky = self.nguoi_ky(&m, &ky, &mut used);
        let ky_cot: Vec<(Cot, String)> = ky.iter().map(|&j| (m[j].cot, m[j].chu.clone())).collect();

        // --- Kính gửi, the decision's preamble, the body.
        let mut kinh_gui = Vec::new();
        let mut j = body_start;
        while j < body_end
            && (m[j].chu.is_empty() && !m[j].ngat_trang && m[j].bang.is_none() || la_gach_ke(&m[j].chu))
        {
            j += 1;
        }
        // Kính gửi stands just after the trích yếu (a stray piece before it
        // stays a paragraph of its own).
        if let Some(k) = (j..body_end.min(j + 3)).find(|&k| m[k].chu.starts_with("Kính gửi") && !used[k]) {
            j = k;
        }
        if j < body_end && m[j].chu.starts_with("Kính gửi") {
            used[j] = true;
            self.found("kính gửi", Some(m[j].noi), "");
            let inline = m[j].chu.split_once(':').map(|(_, r)| r.trim().to_owned()).unwrap_or_default();
            if !inline.is_empty() {
                kinh_gui.push(nhan_text(&inline));
            }
            j += 1;
            while j < body_end
                && m[j].chu.starts_with(['-', '+', '–', '•'])
                && (m[j].chu.trim_end().ends_with(';')
                    || m[j].chu.trim_end().ends_with('.')
                    || m[j].cot != Cot::Mot
                    || kinh_gui.is_empty()
                    || !m[j].kieu.thut)
            {
                used[j] = true;
                kinh_gui.push(nhan_text(&m[j].chu));
                j += 1;
                if m[j - 1].chu.trim_end().ends_with('.') {
                    break;
                }
            }
        }
        let mut tham_quyen = Vec::new();
        let mut can_cu = Vec::new();
        let mut theo_de_nghi = None;
        let mut dieu = Vec::new();
        let body_pieces: Vec<usize>;
        if kind.loai == "quyet-dinh" {
            while j < body_end && in_hoa(&m[j].chu) && !fold(&m[j].chu).starts_with("quyet dinh") {
                used[j] = true;
                tham_quyen.push(m[j].chu.clone());
                j += 1;
            }
            if !tham_quyen.is_empty() {
                self.found("thẩm quyền ban hành", Some(m[j - 1].noi), tham_quyen.join(" "));
            } else if let Some(dong) = tham_quyen_tu_nguoi_ky(&nguoi_ky, &ban_hanh) {
                // The line the decree requires, as the signature and the
                // agency give it: said so, for the clerk to check.
                self.fix(
                    None,
                    "tham_quyen",
                    format!(
                        "không thấy dòng thẩm quyền ban hành: vanban ghi '{dong}' theo chức vụ người ký và tên cơ quan (NĐ30, Phụ lục III, Mẫu 1.2, ghi chú 6); kiểm tra lại"
                    ),
                );
                tham_quyen.push(dong);
            }
            while j < body_end && m[j].chu.starts_with("Căn cứ") {
                used[j] = true;
                can_cu.push(m[j].chu.trim_end().trim_end_matches([';', '.', ',']).to_owned());
                j += 1;
            }
            if !can_cu.is_empty() {
                self.found(
                    "căn cứ ban hành",
                    Some(m[j - can_cu.len()].noi),
                    format!("{} căn cứ", can_cu.len()),
                );
            }
            let xet = j < body_end && fold(&m[j].chu).starts_with("xet de nghi");
            if xet {
                self.fix(
                    Some(m[j].noi),
                    "theo_de_nghi",
                    "dòng đề nghị viết theo mẫu 'Theo đề nghị của … .', không 'Xét đề nghị của …' (NĐ30, Phụ lục III, Mẫu 1.2)",
                );
            }
            // "Theo đề nghị của …", or another ground ("Theo Đơn đề nghị
            // của …"), kept as it is written.
            if j < body_end && (xet || fold(&m[j].chu).starts_with("theo ")) {
                used[j] = true;
                let t = bo_de_nghi(m[j].chu.trim_end().trim_end_matches(['.', ';', ',']));
                theo_de_nghi = Some(t.trim().to_owned());
                self.found("theo đề nghị", Some(m[j].noi), t.trim());
                j += 1;
            }
            // Other lines of the preamble ("Sau khi xem xét …", "Trên cơ sở
            // …"), up to a "QUYẾT ĐỊNH:" before the first article: grounds
            // as written, not articles.
            let la_quyet_dinh = |k: usize| fold(&m[k].chu).trim_end_matches(':') == "quyet dinh";
            let qd_at = (j..body_end)
                .take_while(|&k| !matches!(dau_muc(&m[k].chu), Some(DauMuc { so: So::Dieu(_), .. })))
                .find(|&k| la_quyet_dinh(k));
            if let Some(q) = qd_at {
                let dong: Vec<usize> = (j..q)
                    .filter(|&k| !m[k].chu.trim().is_empty() && m[k].bang.is_none() && !m[k].ngat_trang)
                    .collect();
                for (i, &k) in dong.iter().enumerate() {
                    used[k] = true;
                    let chu = m[k].chu.trim_end().trim_end_matches([';', '.', ',']);
                    // The proposal, last, after grounds typed without
                    // "Căn cứ".
                    if i + 1 == dong.len()
                        && theo_de_nghi.is_none()
                        && (fold(chu).starts_with("theo de nghi") || fold(chu).starts_with("xet de nghi"))
                    {
                        let t = bo_de_nghi(chu).trim();
                        theo_de_nghi = Some(t.to_owned());
                        self.found("theo đề nghị", Some(m[k].noi), t);
                        continue;
                    }
                    can_cu.push(chu.to_owned());
                    // A ground named bare: reported where vanban writes "Căn
                    // cứ" before it (the other wordings stay as they are).
                    if crate::kinds::quyet_dinh::them_can_cu(chu) {
                        self.fix(
                            Some(m[k].noi),
                            "can_cu",
                            format!(
                                "căn cứ \"{}\" thiếu chữ \"Căn cứ\" ở đầu: vanban thêm vào (NĐ30, Phụ lục I, II.6.a)",
                                chu.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
                            ),
                        );
                        self.found("căn cứ ban hành", Some(m[k].noi), format!("căn cứ: {chu}"));
                    } else {
                        self.found(
                            "căn cứ ban hành",
                            Some(m[k].noi),
                            format!("dòng khác của phần căn cứ: {chu}"),
                        );
                    }
                }
                j = q;
            }
            if j < body_end && la_quyet_dinh(j) {
                used[j] = true;
                j += 1;
            }
            body_pieces = (j..body_end).collect();
            dieu = cac_dieu(&m, &body_pieces, &mut used, false);
            if !dieu.is_empty() {
                self.found("các điều", None, format!("{} điều", dieu.len()));
            } else {
                self.missing("các điều", "không thấy \"Điều 1.\"");
            }
        } else {
            body_pieces = (j..body_end).collect();
        }
        let than =
            if kind.loai == "quyet-dinh" { Vec::new() } else { self.than(&m, &body_pieces, &mut used) };

        // Phụ lục: title lines, then the body.
        let mut phu_luc = Vec::new();
        for (i, &pl) in pl_starts.iter().enumerate() {
            let het = pl_starts.get(i + 1).copied().unwrap_or(n_own);
            let mut j = pl + 1;
            used[pl] = true;
            let mut tieu_de = Vec::new();
            let mut tham_chieu = None;
            // A numbered heading ("1. MA TRẬN …") is the body's first section.
            let la_tieu_de = |chu: &str| in_hoa(chu) && dau_muc(chu).is_none();
            while j < het
                && (la_tieu_de(&m[j].chu)
                    || m[j].chu.starts_with("(Kèm theo")
                    || m[j].chu.is_empty() && !m[j].ngat_trang && m[j].bang.is_none())
            {
                used[j] = true;
                if la_tieu_de(&m[j].chu) {
                    tieu_de.push(m[j].chu.clone());
                } else if m[j].chu.starts_with("(Kèm theo") {
                    tham_chieu = Some(m[j].chu.clone());
                }
                j += 1;
            }
            // vanban writes the line from the document's number and ký
            // hiệu; one naming another document is kept as it is. (The blank
            // of an unnumbered one may hold any spaces: compared without.)
            let so_ky_hieu = format!("{}/{ky_hieu}", so.map(|n| n.to_string()).unwrap_or_default());
            // Its own number, not one ending in it ("15/QĐ" is not "5/QĐ"; "05/QĐ" is).
            let cua_van_ban = |l: &str| {
                let l: String = l.split_whitespace().collect();
                !ky_hieu.is_empty()
                    && l.match_indices(&so_ky_hieu)
                        .any(|(i, _)| !l[..i].trim_end_matches('0').ends_with(|c: char| c.is_ascii_digit()))
            };
            let kem_theo = tham_chieu.filter(|l| !cua_van_ban(l));
            // No title in capitals: its first short line is the title.
            if tieu_de.is_empty()
                && j < het
                && m[j].bang.is_none()
                && !m[j].ngat_trang
                && dau_muc(&m[j].chu).is_none()
                && m[j].chu.split_whitespace().count() <= 20
            {
                tieu_de.push(m[j].chu.clone());
                used[j] = true;
                j += 1;
            }
            let pieces: Vec<usize> = (j..het).collect();
            let than = self.than(&m, &pieces, &mut used);
            self.found("phụ lục", Some(m[pl].noi), tieu_de.join(" "));
            let tieu_de = tieu_de.join(" ");
            // vanban prints the title in capitals: kept as a sentence.
            let tieu_de = if in_hoa(&tieu_de) { vi::capitalise(&tieu_de.to_lowercase()) } else { tieu_de };
            phu_luc.push(PhuLucNhap { tieu_de, kem_theo, than });
        }

        let qd = CuaQuyetDinh { so, ky_hieu: &ky_hieu, chu_quan: &chu_quan, ban_hanh: &ban_hanh };
        let kem_theo = kem_at.map(|at| self.kem_theo(&m, &at, &qd, &mut used));
        // A decision with nothing attached is Mẫu 1.2, whose trích yếu
        // starts "Về việc" ("Phê chuẩn kết quả …" → "Về việc phê chuẩn kết
        // quả …").
        if kind.loai == "quyet-dinh"
            && kem_theo.is_none()
            && let Some(dau) = trich_yeu.first_mut()
            && !dau.starts_with("Về việc")
            && !dau.is_empty()
        {
            let moi = format!("Về việc {}", vi::lower_first(dau));
            self.fix(
                None,
                "trich_yeu",
                format!("trích yếu của quyết định (Mẫu 1.2) bắt đầu 'Về việc …': vanban ghi '{moi}' (NĐ30, Phụ lục III, Mẫu 1.2)"),
            );
            *dau = moi;
        }

        // The agency's name in running text (not from the line naming the
        // decision an attachment belongs to: that names its signer).
        let ten_goi = m[..n_own].iter().find_map(|p| {
            for loi_moi in [" trân trọng kính mời", " trân trọng giới thiệu"] {
                if let Some((x, _)) = p.chu.split_once(loi_moi) {
                    return Some(x.trim().to_owned());
                }
            }
            let k = p.chu.strip_prefix("(Kèm theo")?;
            let (_, cua) = k.rsplit_once(" của ")?;
            Some(cua.trim_end_matches(')').trim().to_owned())
        });
        // An invitation without that sentence: the agency as its own text
        // names it ("Ủy ban nhân dân tỉnh tổ chức …"), for the sentence
        // vanban writes.
        let ten_goi = ten_goi.or_else(|| {
            if !matches!(kind.loai, "giay-moi-hop" | "giay-gioi-thieu") {
                return None;
            }
            let ten =
                ten_trong_van(&ban_hanh.join(" "), m[body_start..n_own].iter().map(|p| p.chu.as_str()))?;
            self.found("tên cơ quan trong câu văn", None, format!("{ten} (như văn bản gốc tự gọi)"));
            Some(ten)
        });

        // Everything not placed becomes a paragraph with a comment (never
        // silently dropped).
        let mut than = than;
        let mut lost: Vec<Nut> = Vec::new();
        for (k, p) in m.iter().enumerate() {
            if used[k] || p.ngat_trang {
                continue;
            }
            if let Some(b) = &p.bang {
                lost.push(bang_nut(b));
                continue;
            }
            if p.chu.is_empty() {
                continue;
            }
            lost.push(Nut::Doan {
                chu: p.chu.clone(),
                noi: p.noi,
                ghi_chu: Some(format!("không xếp được vào phần nào của văn bản ({})", p.noi)),
            });
        }
        for l in &lost {
            if let Nut::Doan { noi, chu, .. } = l {
                // (The unknown title is reported as the tên loại already.)
                if ten_la.as_ref().is_some_and(|(j, t)| chu == t && *noi == m[*j].noi) {
                    continue;
                }
                self.phan.push(Phan {
                    ten: "không xếp được",
                    noi: Some(*noi),
                    gia_tri: chu.clone(),
                    tim_thay: false,
                });
            }
        }
        if kind.loai == "quyet-dinh" {
            // A decision has no free body: a paragraph left over is an
            // article of its own, so that the wording stays; a table is kept
            // in `than`, which the writer puts in the data as comments.
            for l in lost {
                match l {
                    Nut::Doan { chu, ghi_chu, .. } => {
                        dieu.push(DieuNhap { noi_dung: Some(chu), ghi_chu, ..Default::default() })
                    }
                    bang @ Nut::Bang { .. } => {
                        self.phan.push(Phan {
                            ten: "bảng không xếp được",
                            noi: None,
                            gia_tri: "giữ trong tệp dữ liệu thành chú thích".into(),
                            tim_thay: false,
                        });
                        than.push(bang);
                    }
                    _ => {}
                }
            }
        } else {
            // The title of a kind vanban does not make stood before the
            // body: first in it, not after its last line.
            if let Some((j, t)) = &ten_la
                && let Some(k) = lost
                    .iter()
                    .position(|l| matches!(l, Nut::Doan { chu, noi, .. } if chu == t && *noi == m[*j].noi))
            {
                let dau = lost.remove(k);
                than.insert(0, dau);
            }
            than.extend(lost);
        }

        // Date.
        let co_ngay = ngay.is_some();
        let thang_trong = ngay.as_ref().is_some_and(|(d, _)| d.thang.is_none());
        let (ngay_t, dia_danh) = match ngay {
            Some((d, noi)) => {
                // A blank month too: the data's year alone (`ngay: 2026`).
                let thang = d.thang.unwrap_or(1);
                if let Some(day) = d.ngay
                    && d.ngay_go != vi::pad_day(day)
                {
                    self.fix(
                        Some(noi),
                        "ngay",
                        format!(
                            "ngày '{}' viết '{}': ngày dưới 10 có số 0 phía trước (NĐ30, Phụ lục I, II.4.b)",
                            d.ngay_go,
                            vi::pad_day(day)
                        ),
                    );
                }
                if d.thang.is_some() && d.thang_go != vi::pad_month(thang) {
                    self.fix(Some(noi), "ngay", format!("tháng '{}' viết '{}': tháng 1, 2 có số 0 phía trước, tháng 3 đến 12 thì không (NĐ30, Phụ lục I, II.4.b)", d.thang_go, vi::pad_month(thang)));
                }
                let shown = format!(
                    "{}, ngày {} tháng {} năm {}",
                    d.dia_danh,
                    d.ngay.map(vi::pad_day).unwrap_or("…".into()),
                    d.thang.map(vi::pad_month).unwrap_or("…".into()),
                    d.nam
                );
                self.found("địa danh, ngày tháng", Some(noi), shown);
                ((d.ngay, thang, d.nam), d.dia_danh)
            }
            None => {
                self.missing("địa danh, ngày tháng", "không thấy dòng \"…, ngày … tháng … năm …\"");
                ((None, 1, 2000), String::new())
            }
        };

        // Mark the decision's executing article from "Như Điều N".
        if kind.loai == "quyet-dinh" {
            noi_nhan.retain(|nn| {
                if let NhanNhap::Mot(t) = nn
                    && let Some(k) = t
                        .strip_prefix("Như Điều ")
                        .or_else(|| t.strip_prefix("Như điều "))
                        .and_then(|r| r.trim().parse::<usize>().ok())
                    && let Some(d) = dieu.get_mut(k.wrapping_sub(1))
                {
                    d.thi_hanh = true;
                    return false;
                }
                true
            });
            // No "Như Điều N" (the model's first entry, Mẫu 1.2): the last
            // article that gives the decision to be carried out is N, and
            // vanban writes the entry.
            if !dieu.iter().any(|d| d.thi_hanh)
                && let Some(k) = dieu.iter().rposition(|d| {
                    let t = fold(&format!(
                        "{} {}",
                        d.tieu_de.as_deref().unwrap_or(""),
                        d.noi_dung.as_deref().unwrap_or("")
                    ));
                    t.contains("chiu trach nhiem thi hanh") || t.contains("thi hanh quyet dinh nay")
                })
            {
                dieu[k].thi_hanh = true;
                self.fix(
                    None,
                    "noi_nhan",
                    format!("Nơi nhận thiếu '- Như Điều {};' (điều giao thi hành quyết định): vanban ghi vào đầu Nơi nhận (NĐ30, Phụ lục III, Mẫu 1.2)", k + 1),
                );
            }
        }

        // The end of the content: "./." (every template of PL III).
        self.end_mark(&mut than, &mut dieu);

        let ten_loai = m
            .get(ten_loai_at.unwrap_or(usize::MAX))
            .map(|p| p.chu.clone())
            .filter(|t| fold(t) != fold(kind.ten_loai) && kind.loai != "giay-moi-hop");
        // A meeting invitation with no trích yếu but its "Nội dung:" part
        // (the meeting's subject, note 5 of Mẫu 1.7): that is its trích yếu.
        if kind.loai == "giay-moi-hop" && trich_yeu.is_empty() {
            let noi_dung_hop = |chu: &str| {
                bo_so_muc(chu)
                    .strip_prefix("Nội dung:")
                    .map(|r| r.trim().trim_end_matches('.').to_owned())
                    .filter(|r| !r.is_empty())
            };
            if let Some((k, ty)) = than.iter().enumerate().find_map(|(k, n)| match n {
                Nut::Doan { chu, ghi_chu: None, .. } => noi_dung_hop(chu).map(|t| (k, t)),
                _ => None,
            }) {
                than.remove(k);
                self.phan.retain(|p| p.ten != "trích yếu" || p.tim_thay);
                self.found("trích yếu", None, format!("{ty} (từ phần \"Nội dung:\" của giấy mời)"));
                self.fix(
                    None,
                    "trich_yeu",
                    format!("giấy mời không có dòng trích yếu: vanban lấy nội dung cuộc họp làm trích yếu, '{ty}' (NĐ30, Phụ lục III, Mẫu 1.7, ghi chú 5)"),
                );
                trich_yeu = vec![ty];
            }
        }
        VanBanNhap {
            kind,
            ten_loai,
            chu_quan,
            ban_hanh,
            so,
            ky_hieu,
            dia_danh,
            ngay: ngay_t,
            so_la: so_go,
            co_ngay,
            thang_trong,
            trich_yeu,
            kinh_gui,
            than,
            tham_quyen,
            can_cu,
            theo_de_nghi,
            dieu,
            kem_theo,
            phu_luc,
            nguoi_ky,
            noi_nhan,
            luu,
            ten_goi,
            chan_trang,
            ky_cot,
            phan: std::mem::take(&mut self.phan),
            sua: std::mem::take(&mut self.sua),
        }
    }

    /// The signature: authority lines, the signer's title, the name.
    fn nguoi_ky(&mut self, m: &[Manh], ky: &[usize], used: &mut [bool]) -> NguoiKyNhap {
        let mut out = NguoiKyNhap::default();
        let mut upper: Vec<String> = Vec::new();
        let mut first_noi = None;
        let mut ho_ten_doan = None;
        for &j in ky {
            let t = m[j].text();
            first_noi.get_or_insert(m[j].noi);
            if la_ghi_chu_ky(t) {
                used[j] = true;
                continue;
            }
            // A piece of a title again, cut short ("PHÓ GIÁ" after "PHÓ GIÁM
            // ĐỐC", a signature image's text layer): not the signer's; left to
            // the unplaced lines.
            let cut = |u: &String| u.len() > t.len() && u.starts_with(t) && !u[t.len()..].starts_with(' ');
            if in_hoa(t) && upper.iter().any(cut) {
                continue;
            }
            // A signature image's letters read as text ("DDD(9"): one
            // token of letters, digits and signs, no word; left too.
            let rac = !t.contains(char::is_whitespace)
                && t.contains(|c: char| c.is_ascii_digit())
                && t.contains(char::is_alphabetic)
                && t.contains(|c: char| !c.is_alphanumeric());
            if rac {
                continue;
            }
            if in_hoa(t) {
                used[j] = true;
                upper.push(t.to_owned());
            } else if la_ho_ten(t) || (!t.is_empty() && out.ho_ten.is_empty() && !t.contains(':')) {
                // A later line that is certainly a name takes the place of
                // a guess, which goes back to the unplaced lines.
                if let Some(k) = ho_ten_doan.take() {
                    used[k] = false;
                }
                if !la_ho_ten(t) {
                    ho_ten_doan = Some(j);
                }
                used[j] = true;
                // Academic titles before a name are dropped (PL I II.7.c).
                out.ho_ten = t.to_owned();
            }
        }
        // The lines with a prefix: all but the last stand above.
        let prefixed: Vec<usize> =
            upper.iter().enumerate().filter(|(_, u)| quyen_han(u).is_some()).map(|(i, _)| i).collect();
        match prefixed.last() {
            Some(&last) => {
                out.dong_tren = upper[..last].to_vec();
                let (q, rest) = quyen_han(&upper[last]).unwrap();
                out.quyen_han = Some(q.to_owned());
                out.thay_cho = Some(rest.to_owned());
                let after: Vec<String> = upper[last + 1..].to_vec();
                if !after.is_empty() {
                    out.chuc_vu = Some(after.join(" "));
                } else if q == "TL." || q == "TUQ." {
                    self.fix(first_noi, "nguoi_ky", "ký thừa lệnh, thừa ủy quyền: thiếu chức vụ người ký dưới dòng quyền hạn (NĐ30, Phụ lục I, II.7.b)");
                }
            }
            None => {
                if !upper.is_empty() {
                    out.chuc_vu = Some(upper.join(" "));
                }
            }
        }
        if out.ho_ten.is_empty() && upper.is_empty() {
            self.missing("người ký", "không thấy chức vụ và họ tên người ký");
        } else {
            let all: Vec<String> = out
                .dong_tren
                .iter()
                .cloned()
                .chain(out.quyen_han.iter().zip(&out.thay_cho).map(|(q, t)| format!("{q} {t}")))
                .chain(out.chuc_vu.clone())
                .chain(Some(out.ho_ten.clone()))
                .collect();
            self.found("người ký", first_noi, all.join(" / "));
            if out.ho_ten.is_empty() {
                self.missing("họ tên người ký", "không thấy");
            }
        }
        out
    }

    /// The body's tree from its pieces: numbered sections I., 1., 1.1., a)
    /// nested by their numbers; "-"/"+" items; tables; paragraphs.
    fn than(&mut self, m: &[Manh], pieces: &[usize], used: &mut [bool]) -> Vec<Nut> {
        let has_la = pieces.iter().any(|&j| matches!(dau_muc(&m[j].chu), Some(DauMuc { so: So::La(_), .. })));
        // The open sections, outermost first: (depth, number path, node).
        let mut root: Vec<Nut> = Vec::new();
        let mut stack: Vec<(usize, Nut)> = Vec::new();
        let close_to = |stack: &mut Vec<(usize, Nut)>, root: &mut Vec<Nut>, depth: usize| {
            while stack.last().is_some_and(|(d, _)| *d >= depth) {
                let (_, node) = stack.pop().unwrap();
                push_into(stack, root, node);
            }
        };
        let mut counts: Vec<u32> = vec![0; 5];
        let mut muc_count = 0usize;
        let mut renumbered = false;
        let mut groups = CacNhom::default();
        // The quoted list being read: its level and its last number; how
        // many such lists.
        let mut trich: Option<(usize, u32)> = None;
        let mut n_trich = 0usize;
        for (pi, &j) in pieces.iter().enumerate() {
            let p = &m[j];
            if p.ngat_trang {
                used[j] = true;
                continue;
            }
            let t = p.text();
            if groups.tiep_ten(p.bang.is_none() && p.hang.is_none(), t) {
                used[j] = true;
                continue;
            }
            let nhom = if has_la && p.bang.is_none() && p.hang.is_none() {
                dau_phan(t)
                    .map(|(n, ten)| (true, n, ten))
                    .or_else(|| dau_nhom(t).map(|(n, ten)| (false, n, ten)))
            } else {
                None
            };
            if let Some((phan, typed, ten)) = nhom {
                used[j] = true;
                close_to(&mut stack, &mut root, 0);
                counts.iter_mut().for_each(|c| *c = 0);
                let n = groups.mo(&mut root, phan, ten, p.noi);
                if typed != n {
                    renumbered = true;
                }
                if phan && !t.starts_with("Phần ") {
                    self.fix(
                        Some(p.noi),
                        "noi_dung",
                        format!(
                            "\"{}\" viết thành \"{}\": phần đánh số La Mã, chữ thường, tên phần in hoa ở dòng dưới (NĐ30, Phụ lục I, II.6.c)",
                            t.strip_suffix(ten).unwrap_or(t).trim_end_matches(SAU_SO),
                            vi::so_phan(n)
                        ),
                    );
                }
                if phan {
                    self.found("nội dung: phần", Some(p.noi), vi::so_phan(n));
                } else {
                    self.found("nội dung: nhóm mục", Some(p.noi), vi::so_nhom(n as usize - 1));
                }
                continue;
            }
            if let Some(b) = &p.bang {
                used[j] = true;
                let node = bang_nut(b);
                let target = match stack.last_mut() {
                    Some((_, Nut::Muc { con, .. })) => con,
                    _ => &mut root,
                };
                them_bang(target, node);
                continue;
            }
            if let Some(hang) = &p.hang {
                used[j] = true;
                // Rows of one table follow each other with as many cells.
                let target = match stack.last_mut() {
                    Some((_, Nut::Muc { con, .. })) => con,
                    _ => &mut root,
                };
                match target.last_mut() {
                    Some(Nut::Bang { cot, dong }) if cot.len() == hang.len() => dong.push(hang.clone()),
                    _ => target.push(Nut::Bang { cot: hang.clone(), dong: Vec::new() }),
                }
                continue;
            }
            if t.is_empty() || la_gach_ke(t) {
                used[j] = true;
                continue;
            }
            used[j] = true;
            // A closing paragraph belongs to the document, not the last
            // section ("Trong quá trình thực hiện, nếu có khó khăn, vướng
            // mắc …"; a report's "Trong quá trình thực hiện các chính sách,
            // cần …" stays where it is).
            if t.starts_with("Trên đây") || t.starts_with("Trong quá trình") && t.contains("vướng mắc")
            {
                close_to(&mut stack, &mut root, 0);
                groups.dong(&mut root, true);
                root.push(Nut::Doan { chu: t.to_owned(), noi: p.noi, ghi_chu: None });
                continue;
            }
            let depth = match dau_muc(t) {
                Some(DauMuc { so: So::La(_), .. }) => Some(1),
                Some(DauMuc { so: So::Arap(ref v), .. }) if has_la && v.len() <= 2 => Some(v.len() + 1),
                Some(DauMuc { so: So::Chu(_), .. }) if has_la => Some(4),
                _ => None,
            };
            // A number is a section only where its parent is open (vanban
            // numbers by nesting: "a)" under "1." without "1.1." stays text).
            let depth = depth.filter(|&d| {
                d == 1
                    || stack.last().is_some_and(|(pd, _)| *pd >= d - 1)
                        && stack.iter().any(|(pd, _)| *pd == d - 1)
            });
            // A list quoted in a section (a draft's "1. … 2. …" cited under
            // the document's own "1."): numbers starting again at 1 under
            // the same section stay its text, numbers and all, rather than
            // be renumbered as sections of the document.
            // Its points ("a)", "b)") go with it; a section numbered on two
            // levels ("3.2.") or one not following ends it.
            if let Some(d) = depth
                && d >= 2
            {
                let trich_tiep = match dau_muc(t).map(|m| m.so) {
                    Some(So::Arap(v)) if v.len() == 1 => {
                        let typed = v[0];
                        let tiep = trich.is_some_and(|(td, k)| td == d && typed == k + 1);
                        let bat_dau = typed == 1 && counts[d] >= 1 && den_so_hai(m, &pieces[pi + 1..]);
                        (tiep || bat_dau).then(|| {
                            if trich.is_none() {
                                n_trich += 1;
                            }
                            trich = Some((d, typed));
                        })
                    }
                    Some(So::Chu(_)) => trich.map(|_| ()),
                    _ => None,
                };
                if trich_tiep.is_some() {
                    push_into(
                        &mut stack,
                        &mut root,
                        Nut::Doan { chu: t.to_owned(), noi: p.noi, ghi_chu: None },
                    );
                    continue;
                }
            }
            if let Some(d) = depth {
                let mk = dau_muc(t).unwrap();
                trich = None;
                close_to(&mut stack, &mut root, d);
                counts[d] += 1;
                for c in counts.iter_mut().skip(d + 1) {
                    *c = 0;
                }
                let typed = match &mk.so {
                    So::La(n) | So::Chu(n) => *n,
                    So::Arap(v) => *v.last().unwrap(),
                    _ => 0,
                };
                if typed != counts[d] {
                    renumbered = true;
                }
                muc_count += 1;
                let rest = t[mk.len..].trim();
                let (ten, cung_dong, doan) = split_heading(rest, p.kieu);
                stack.push((d, Nut::Muc { ten, cung_dong, doan, con: Vec::new(), noi: p.noi }));
                continue;
            }
            if let Some(dau) = t.chars().next().filter(|c| matches!(c, '-' | '+' | '–' | '•')) {
                let text = t[dau.len_utf8()..].trim().to_owned();
                let dau = if dau == '+' { '+' } else { '-' };
                if !text.is_empty() {
                    push_item(&mut stack, &mut root, dau, text);
                    continue;
                }
            }
            push_into(&mut stack, &mut root, Nut::Doan { chu: t.to_owned(), noi: p.noi, ghi_chu: None });
        }
        close_to(&mut stack, &mut root, 0);
        groups.dong(&mut root, true);
        if n_trich > 0 {
            self.found(
                "nội dung",
                None,
                format!(
                    "{n_trich} danh sách đánh số lại từ 1 trong một mục (trích dẫn): giữ nguyên số như trong văn bản gốc"
                ),
            );
        }
        if muc_count > 0 {
            self.found("nội dung", pieces.first().map(|&j| m[j].noi), format!("{muc_count} mục đánh số"));
        }
        if renumbered {
            self.fix(
                None,
                "noi_dung",
                "số thứ tự mục không liên tục: vanban đánh số lại theo thứ tự (NĐ30, Phụ lục I, II.6)",
            );
        }
        if !has_la
            && pieces.iter().any(|&j| matches!(dau_muc(&m[j].chu), Some(DauMuc { so: So::Arap(_), .. })))
        {
            self.found(
                "nội dung",
                None,
                "các đoạn đánh số 1., 2. không có mục I.: giữ nguyên số như trong văn bản gốc",
            );
        }
        root
    }

    /// A decision's attached document: its tên loại, trích yếu and the
    /// reference line, then Phần / Chương / Mục headings and their articles;
    /// checked against `qd`, the decision's own.
    fn kem_theo(&mut self, m: &[Manh], at: &KemAt, qd: &CuaQuyetDinh, used: &mut [bool]) -> KemTheoNhap {
        let CuaQuyetDinh { so, ky_hieu, chu_quan, ban_hanh } = *qd;
        let n = m.len();
        let mut kt = KemTheoNhap { ten_loai: m[at.ten_loai].chu.trim().to_owned(), ..Default::default() };
        // The header: printed again by vanban from the decision's agency.
        let mut agency = Vec::new();
        for (j, p) in m.iter().enumerate().take(at.ten_loai).skip(at.dau) {
            used[j] = true;
            if in_hoa(&p.chu) && !la_quoc_hieu(&p.chu) && !la_tieu_ngu(&p.chu) {
                agency.push(fold(&p.chu));
            }
        }
        let decision: Vec<String> = chu_quan.iter().chain(ban_hanh).map(|t| fold(t)).collect();
        if !agency.is_empty() && agency != decision {
            self.fix(
                Some(m[at.dau].noi),
                "kem_theo",
                "tên cơ quan ở văn bản kèm theo khác với ở quyết định: vanban in tên cơ quan của quyết định",
            );
        }
        used[at.ten_loai] = true;
        let trich_yeu: Vec<String> = (at.ten_loai + 1..at.tham_chieu)
            .filter(|&j| !m[j].chu.is_empty() && !la_gach_ke(&m[j].chu))
            .map(|j| m[j].chu.trim().to_owned())
            .collect();
        for u in used.iter_mut().take(at.tham_chieu_het + 1).skip(at.ten_loai + 1) {
            *u = true;
        }
        // In capitals, the trích yếu is written as the text around it writes
        // those words, proper names' capitals kept ("Quỹ Khuyến học tỉnh
        // Bình Thuận" in the decision's own trích yếu); else as a sentence.
        let hoa = trich_yeu.join(" ");
        let so_tu = hoa.split_whitespace().count();
        kt.trich_yeu = match ten_trong_van(&hoa, m.iter().map(|p| p.chu.as_str())) {
            Some(t) if in_hoa(&hoa) && t.split_whitespace().count() == so_tu && !in_hoa(&t) => {
                vi::capitalise(&t)
            }
            _ => tieu_de_cau(&hoa),
        };
        // The reference line: vanban writes it from the decision's number,
        // date and authority; who it names is kept as the source has it.
        let tham_chieu: Vec<&str> = (at.tham_chieu..=at.tham_chieu_het).map(|j| m[j].chu.trim()).collect();
        let tham_chieu = tham_chieu.join(" ");
        let noi = Some(m[at.tham_chieu].noi);
        if fold(&tham_chieu).starts_with("(ban hanh kem theo") {
            self.fix(
                noi,
                "kem_theo",
                "dòng dưới trích yếu của văn bản kèm theo ghi \"(Kèm theo Quyết định số …)\", không phải \"(Ban hành kèm theo …)\" (NĐ30, Phụ lục III, mẫu văn bản kèm theo quyết định, ghi chú 2)",
            );
        }
        let inner = tham_chieu.trim_end_matches(')');
        if let Some((_, cua)) = inner.rsplit_once(" của ") {
            kt.cua = Some(cua.trim().to_owned());
        }
        if let Some((_, after)) = inner.split_once(" số ")
            && let Some((so_ref, rest)) = after.split_once('/')
        {
            let kh_ref: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            let so_ref = so_ref.trim().parse::<u32>().ok();
            if (so_ref.is_some() && so_ref != so) || (!kh_ref.is_empty() && kh_ref != ky_hieu) {
                self.fix(
                    noi,
                    "kem_theo",
                    format!(
                        "dòng \"(Kèm theo …)\" ghi số '{}/{kh_ref}' khác số của quyết định: vanban ghi lại theo số, ký hiệu của quyết định",
                        so_ref.map(|s| s.to_string()).unwrap_or_default()
                    ),
                );
            }
        }
        self.found("văn bản kèm theo", Some(m[at.ten_loai].noi), format!("{} {}", kt.ten_loai, kt.trich_yeu));

        // A signature at its end: the decree's model has none.
        let mut end = n;
        while end > at.tham_chieu_het + 1 {
            let p = &m[end - 1];
            let t = p.text();
            let sig = !p.ngat_trang
                && p.bang.is_none()
                && dau_muc(t).is_none()
                && (dong_ky(p) || (la_ho_ten(t) && end == n));
            let blank = t.is_empty() && p.bang.is_none() && !p.ngat_trang;
            if !(sig || blank) {
                break;
            }
            end -= 1;
        }
        let ky: Vec<usize> = (end..n).filter(|&j| !m[j].chu.is_empty()).collect();
        if !ky.is_empty() {
            let text: Vec<&str> = ky.iter().map(|&j| m[j].chu.as_str()).collect();
            for &j in &ky {
                used[j] = true;
            }
            self.fix(
                Some(m[ky[0]].noi),
                "kem_theo",
                format!(
                    "văn bản kèm theo không có chữ ký riêng (NĐ30, Phụ lục III, mẫu văn bản kèm theo quyết định): bỏ '{}'",
                    text.join(" / ")
                ),
            );
        }

        // No article at all: a body of sections and paragraphs (a Kế hoạch).
        let pieces: Vec<usize> = (at.tham_chieu_het + 1..end).collect();
        if !pieces.iter().any(|&j| matches!(dau_muc(&m[j].chu), Some(DauMuc { so: So::Dieu(_), .. }))) {
            let mut body = self.than(m, &pieces, used);
            self.end_mark(&mut body, &mut []);
            kt.noi_dung = body;
            return kt;
        }
        // The headings and the articles under each.
        enum Tieu {
            Phan(String),
            Chuong(String),
            Muc(String),
        }
        let mut segs: Vec<(Option<Tieu>, Vec<usize>)> = vec![(None, Vec::new())];
        let mut j = at.tham_chieu_het + 1;
        while j < end {
            let t = m[j].text();
            let heading = match dau_muc(t) {
                Some(DauMuc { so: So::Phan(_), len }) => Some((0, len)),
                Some(DauMuc { so: So::Chuong(_), len }) => Some((1, len)),
                Some(DauMuc { so: So::Muc(_), len }) => Some((2, len)),
                _ => None,
            };
            let Some((level, len)) = heading else {
                segs.last_mut().unwrap().1.push(j);
                j += 1;
                continue;
            };
            used[j] = true;
            // Its title: on the same line, else the lines in capitals below.
            let mut ten = t[len..].trim().trim_start_matches(['.', ':', '-', '–']).trim().to_owned();
            j += 1;
            while ten.is_empty() || (j < end && in_hoa(&m[j].chu) && dau_muc(&m[j].chu).is_none()) {
                if j >= end || m[j].ngat_trang || m[j].bang.is_some() || dau_muc(&m[j].chu).is_some() {
                    break;
                }
                if !m[j].chu.is_empty() && !la_gach_ke(&m[j].chu) {
                    if !ten.is_empty() {
                        ten.push(' ');
                    }
                    ten.push_str(m[j].chu.trim());
                }
                used[j] = true;
                j += 1;
            }
            let ten = tieu_de_cau(&ten);
            segs.push((Some([Tieu::Phan, Tieu::Chuong, Tieu::Muc][level](ten)), Vec::new()));
        }
        let (mut n_chuong, mut n_muc, mut n_dieu) = (0, 0, 0);
        for (tieu, pieces) in segs {
            let dieu = cac_dieu(m, &pieces, used, true);
            n_dieu += dieu.len();
            match tieu {
                None => kt.dieu = dieu,
                Some(Tieu::Phan(ten)) => kt.phan.push((ten, Vec::new())),
                Some(Tieu::Chuong(ten)) => {
                    n_chuong += 1;
                    let c = ChuongNhap { ten, dieu, muc: Vec::new() };
                    match kt.phan.last_mut() {
                        Some((_, cs)) => cs.push(c),
                        None => kt.chuong.push(c),
                    }
                }
                Some(Tieu::Muc(ten)) => {
                    n_muc += 1;
                    match kt.last_chuong() {
                        Some(c) => c.muc.push((ten, dieu)),
                        None => kt.chuong.push(ChuongNhap { muc: vec![(ten, dieu)], ..Default::default() }),
                    }
                }
            }
        }
        // Its end: "./." on its last article.
        let last = match kt.last_chuong() {
            Some(c) if !c.muc.is_empty() => last_dieu_text(&mut c.muc.last_mut().unwrap().1),
            Some(c) => last_dieu_text(&mut c.dieu),
            None => last_dieu_text(&mut kt.dieu),
        };
        if let Some(t) = last
            && !t.trim_end().ends_with("./.")
        {
            *t = format!("{}./.", t.trim_end().trim_end_matches(['.', ';', ',']));
            self.fix(None, "kem_theo", "văn bản kèm theo kết thúc bằng \"./.\" (NĐ30, Phụ lục III)");
        }
        self.found(
            "văn bản kèm theo: nội dung",
            None,
            format!("{n_chuong} chương, {n_muc} mục, {n_dieu} điều"),
        );
        kt
    }

    fn end_mark(&mut self, than: &mut [Nut], dieu: &mut [DieuNhap]) {
        fn last_text(nodes: &mut [Nut]) -> Option<&mut String> {
            for n in nodes.iter_mut().rev() {
                match n {
                    Nut::Doan { chu, ghi_chu: None, .. } => return Some(chu),
                    Nut::Gach { cac_y, .. } => return cac_y.last_mut(),
                    Nut::Muc { con, cung_dong, ten, doan, .. } => {
                        if !con.is_empty() {
                            return last_text(con);
                        }
                        if let Some(c) = cung_dong {
                            return Some(c);
                        }
                        if *doan {
                            return Some(ten);
                        }
                        return None;
                    }
                    Nut::Nhom { con, .. } => return last_text(con),
                    Nut::Bang { .. } => return None,
                    Nut::Doan { .. } => continue,
                }
            }
            None
        }
        let last = if dieu.is_empty() { last_text(than) } else { last_dieu_text(dieu) };
        if let Some(t) = last
            && !t.trim_end().ends_with("./.")
        {
            let base = t.trim_end().trim_end_matches(['.', ';', ',']).to_owned();
            *t = format!("{base}./.");
            self.fix(None, "noi_dung", "nội dung kết thúc bằng \"./.\" (các mẫu của NĐ30, Phụ lục III)");
        }
    }
}

/// Articles: "Điều N." with its title or text, khoản "1." and điểm "a)".
/// `titled`: an attached document's article, whose "Điều N." line is its
/// title (PL I II.6.d: every article of a regulation has one) and whose
/// unnumbered paragraph is its text.
fn cac_dieu(m: &[Manh], pieces: &[usize], used: &mut [bool], titled: bool) -> Vec<DieuNhap> {
    let mut out: Vec<DieuNhap> = Vec::new();
    for (at, &j) in pieces.iter().enumerate() {
        let p = &m[j];
        let t = p.text();
        // A table ends its article when the next text starts another
        // article (or nothing follows): the article's `bang`. Elsewhere
        // (text of the article after it) it is left for the caller, which
        // keeps it as comments rather than move it.
        let row = p
            .bang
            .as_ref()
            .map(bang_nut)
            .or_else(|| p.hang.clone().map(|h| Nut::Bang { cot: h, dong: Vec::new() }));
        if let Some(Nut::Bang { cot, dong }) = row {
            let ends_article = pieces[at + 1..]
                .iter()
                .map(|&k| &m[k])
                .find(|q| q.bang.is_none() && q.hang.is_none() && !q.text().is_empty() && !q.ngat_trang)
                .is_none_or(|q| matches!(dau_muc(q.text()), Some(DauMuc { so: So::Dieu(_), .. })));
            let placed = match out.last_mut() {
                Some(d) if ends_article => match &mut d.bang {
                    // Rows of one table: a tab-set row after its header,
                    // or the table again after a page break with its
                    // header repeated.
                    Some((c, rows)) if p.hang.is_some() && c.len() == cot.len() => {
                        rows.push(cot);
                        true
                    }
                    Some((c, rows)) if p.bang.is_some() && *c == cot => {
                        rows.extend(dong);
                        true
                    }
                    Some(_) => false,
                    None => {
                        d.bang = Some((cot, dong));
                        true
                    }
                },
                _ => false,
            };
            used[j] |= placed;
            // A tab-set row not placed is the article's text, as before.
            if placed || p.bang.is_some() {
                continue;
            }
        }
        if p.ngat_trang || t.is_empty() || la_gach_ke(t) {
            used[j] = true;
            continue;
        }
        match dau_muc(t) {
            Some(DauMuc { so: So::Dieu(_), len }) => {
                used[j] = true;
                let rest = t[len..].trim().to_owned();
                let rest = (!rest.is_empty()).then_some(rest);
                // A regulation's article has a title, unless what follows
                // its number is a sentence of its text ("Điều 23. Quỹ được
                // giải thể khi …."): that is its text, not a bold title.
                let cau = rest
                    .as_deref()
                    .is_some_and(|r| r.ends_with(['.', ';', ':']) && r.split_whitespace().count() > 15);
                out.push(if titled && !cau {
                    DieuNhap { tieu_de: rest, ..Default::default() }
                } else {
                    DieuNhap { noi_dung: rest, ..Default::default() }
                });
            }
            Some(DauMuc { so: So::Arap(ref v), len }) if v.len() == 1 && !out.is_empty() => {
                used[j] = true;
                out.last_mut().unwrap().khoan.push((t[len..].trim().to_owned(), Vec::new()));
            }
            Some(DauMuc { so: So::Chu(_), len }) if out.last().is_some_and(|d| !d.khoan.is_empty()) => {
                used[j] = true;
                out.last_mut().unwrap().khoan.last_mut().unwrap().1.push(t[len..].trim().to_owned());
            }
            _ if !out.is_empty() => {
                // An unnumbered paragraph of an article: a khoản's or
                // the article's text goes on.
                used[j] = true;
                let d = out.last_mut().unwrap();
                if let Some((_, diem)) = d.khoan.last_mut().filter(|(_, diem)| !diem.is_empty()) {
                    // Lines under a điểm ("a) Ban Chủ nhiệm, gồm có:" and its
                    // "- Luật sư …;" list) go on in that điểm: as điểm of their
                    // own they would be lettered b), c) … and the next điểm
                    // renumbered.
                    let last = diem.last_mut().expect("a điểm");
                    last.push(' ');
                    last.push_str(t);
                } else if let Some((k, _)) = d.khoan.last_mut() {
                    k.push(' ');
                    k.push_str(t);
                } else if let Some(nd) = d.noi_dung.as_mut() {
                    // A second paragraph of an article without khoản: the
                    // decree's article has one text, so it goes on there
                    // (the wording kept, the paragraphs joined).
                    nd.push(' ');
                    nd.push_str(t);
                } else {
                    d.noi_dung = Some(t.to_owned());
                }
            }
            // Before the first article: left for the caller to place.
            _ => {}
        }
    }
    // An article whose text is followed by khoản has a title, if its text
    // reads as one; a sentence leading into them ("… gồm:") is the
    // article's text, set regular after its bold label (Mẫu 1.2).
    for d in &mut out {
        let la_tieu_de = d.noi_dung.as_deref().is_some_and(|t| {
            !t.trim_end().ends_with([':', '.', ';', ',']) && t.split_whitespace().count() <= 15
        });
        if !d.khoan.is_empty() && d.tieu_de.is_none() && la_tieu_de {
            d.tieu_de = d.noi_dung.take();
        }
    }
    out
}

/// What a decision's attached document is checked against: the
/// decision's number, ký hiệu and agency lines.
#[derive(Clone, Copy)]
struct CuaQuyetDinh<'a> {
    so: Option<u32>,
    ky_hieu: &'a str,
    chu_quan: &'a [String],
    ban_hanh: &'a [String],
}

/// Where a decision's attached document stands (Mẫu 1.3): its header (the
/// first piece of the attachment), its tên loại, and the "(Kèm theo Quyết
/// định …)" line under its trích yếu, to the piece it ends on (it may wrap).
struct KemAt {
    dau: usize,
    ten_loai: usize,
    tham_chieu: usize,
    tham_chieu_het: usize,
}

/// The line under an attachment's title naming its decision; "(Ban hành
/// kèm theo …)" is the common wording, not the decree's.
fn la_tham_chieu(chu: &str) -> bool {
    let f = fold(chu);
    f.starts_with("(kem theo quyet dinh") || f.starts_with("(ban hanh kem theo")
}

/// A phụ lục's own line: "PHỤ LỤC", "Phụ lục II".
fn la_phu_luc(chu: &str) -> bool {
    let f = fold(chu);
    (f == "phu luc" || f.starts_with("phu luc ")) && in_hoa(&chu.replace("Phụ lục", "PHỤ LỤC"))
}

fn kem_theo_at(m: &[Manh], from: usize) -> Option<KemAt> {
    let blank = |p: &Manh| p.chu.is_empty() && !p.ngat_trang && p.bang.is_none();
    for r in from..m.len() {
        if !la_tham_chieu(&m[r].chu) {
            continue;
        }
        // Above it: the trích yếu (a few lines), then the tên loại, a short
        // line in capitals ("QUY CHẾ", "QUY ĐỊNH", "KẾ HOẠCH").
        let mut k = r;
        let mut ten_loai = None;
        while k > from && r - k < 6 {
            k -= 1;
            let p = &m[k];
            if p.ngat_trang || p.bang.is_some() {
                break;
            }
            if blank(p) {
                continue;
            }
            // A phụ lục's reference line: not an attached document (it has
            // no header of its own; PL I III.1).
            if la_phu_luc(&p.chu) {
                break;
            }
            // The header's quốc hiệu is above the tên loại: no further.
            if la_quoc_hieu(&p.chu) || la_tieu_ngu(&p.chu) {
                break;
            }
            // (Its words counted without a bracket after them: "ĐIỀU LỆ
            // (SỬA ĐỔI, BỔ SUNG)".)
            let ten = p.chu.split('(').next().unwrap_or("");
            if in_hoa(&p.chu) && !ten.trim().is_empty() && ten.split_whitespace().count() <= 3 {
                ten_loai = Some(k);
                break;
            }
        }
        let Some(t) = ten_loai else { continue };
        // Above the tên loại, the attachment's header (agency, quốc hiệu),
        // back to the page break before it; never the decision's signature.
        let mut dau = t;
        let mut j = t;
        while j > from {
            let p = &m[j - 1];
            let header = la_quoc_hieu(&p.chu)
                || la_tieu_ngu(&p.chu)
                || (in_hoa(&p.chu) && p.cot != Cot::Phai && quyen_han(&p.chu).is_none());
            if p.ngat_trang || !(header || blank(p) || la_gach_ke(&p.chu)) {
                break;
            }
            j -= 1;
            if header {
                dau = j;
            }
        }
        let mut het = r;
        while !m[het].chu.trim_end().ends_with(')')
            && het + 1 < m.len()
            && het < r + 3
            && !m[het + 1].ngat_trang
            && m[het + 1].bang.is_none()
        {
            het += 1;
        }
        if !m[het].chu.trim_end().ends_with(')') {
            het = r;
        }
        return Some(KemAt { dau, ten_loai: t, tham_chieu: r, tham_chieu_het: het });
    }
    None
}

/// A heading's title in capitals as the data writes it: vanban prints it in
/// capitals again.
fn tieu_de_cau(chu: &str) -> String {
    let chu = chu.trim();
    if in_hoa(chu) { vi::capitalise(&chu.to_lowercase()) } else { chu.to_owned() }
}

/// "Thời gian: thực hiện quý II" → heading and its text on the same line;
/// a long numbered sentence is a numbered paragraph, not a heading.
fn split_heading(rest: &str, kieu: Kieu) -> (String, Option<String>, bool) {
    if let Some((head, tail)) = rest.split_once(": ") {
        let words = head.split_whitespace().count();
        if words <= 6 && !tail.trim().is_empty() && !head.contains(['.', ';']) {
            return (head.trim().to_owned(), Some(tail.trim().to_owned()), false);
        }
    }
    let words = rest.split_whitespace().count();
    let sentence = rest.trim_end().ends_with(['.', ';']) && words > 6;
    let doan = (sentence || words > 25) && !kieu.dam;
    (rest.to_owned(), None, doan)
}

fn bang_nut(b: &BangNguon) -> Nut {
    let h = b.so_dong_tieu_de.max(1).min(b.dong.len());
    let width = b.dong.iter().map(Vec::len).max().unwrap_or(0);
    let pad = |r: &Vec<String>| {
        let mut r = r.clone();
        r.resize(width, String::new());
        r
    };
    // Several header rows (merged cells): one heading per column, the rows'
    // texts joined.
    let mut cot: Vec<String> = vec![String::new(); width];
    for row in &b.dong[..h] {
        for (c, cell) in pad(row).into_iter().enumerate() {
            if !cell.is_empty() && !cot[c].split(" - ").any(|x| x == cell) {
                if !cot[c].is_empty() {
                    cot[c].push_str(" - ");
                }
                cot[c].push_str(&cell);
            }
        }
    }
    Nut::Bang { cot, dong: b.dong[h..].iter().map(pad).collect() }
}

/// Whether the next one-level number after `sau` is "2.": a quoted list
/// runs on so; a lone "1." before the section's next number ("1." then
/// "3.") is the document's own section mistyped.
fn den_so_hai(m: &[Manh], sau: &[usize]) -> bool {
    sau.iter()
        .find_map(|&k| match dau_muc(&m[k].chu).map(|d| d.so) {
            Some(So::Arap(v)) => Some(v.len() == 1 && v[0] == 2),
            Some(So::La(_)) => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// The parts and lettered groups open while a body is walked, outermost
/// first: each with the contents of the container it stands in (the walk's
/// `root` holds the innermost's); the numbers given so far; the title of
/// the last one opened, while the pieces after its heading go on in
/// capitals (a title over two lines, or under "PHẦN THỨ NHẤT" on a line
/// of its own).
#[derive(Default)]
struct CacNhom {
    mo: Vec<(Nut, Vec<Nut>)>,
    so_phan: u32,
    so_nhom: u32,
    ten: Option<String>,
}

impl CacNhom {
    /// Closes every open group (`all`), or the lettered ones only: a
    /// lettered group closes the one before it, not the part it stands in.
    fn dong(&mut self, root: &mut Vec<Nut>, all: bool) {
        while let Some((Nut::Nhom { phan, .. }, _)) = self.mo.last()
            && (all || !*phan)
        {
            let (mut g, parent) = self.mo.pop().expect("checked above");
            if let Nut::Nhom { con, .. } = &mut g {
                *con = std::mem::replace(root, parent);
            }
            root.push(g);
        }
        self.ten = None;
    }

    /// Opens a part (`phan`) or a lettered group; its number in order.
    fn mo(&mut self, root: &mut Vec<Nut>, phan: bool, ten: &str, noi: Noi) -> u32 {
        self.dong(root, phan);
        let n = if phan {
            self.so_phan += 1;
            self.so_nhom = 0;
            self.so_phan
        } else {
            self.so_nhom += 1;
            self.so_nhom
        };
        // Titles in capitals stay so (vanban prints them in capitals): a
        // sentence case would lose the capitals of names.
        let ten = ten.trim().to_owned();
        self.ten = Some(ten.clone());
        self.mo.push((Nut::Nhom { phan, ten, con: Vec::new(), noi }, std::mem::take(root)));
        n
    }

    /// Whether the piece `t` (`chu`: text, not a table) goes on with the
    /// title being read (taken if so): in capitals, or figures without
    /// letters ("2009 - 2015"), and no heading.
    fn tiep_ten(&mut self, chu: bool, t: &str) -> bool {
        let tiep = self.ten.is_some()
            && chu
            && (in_hoa(t) || !t.chars().any(char::is_alphabetic) && t.split_whitespace().count() <= 5)
            && dau_muc(t).is_none()
            && dau_nhom(t).is_none();
        if !tiep {
            self.ten = None;
            return false;
        }
        let tho = self.ten.as_mut().expect("checked above");
        if !tho.is_empty() {
            tho.push(' ');
        }
        tho.push_str(t.trim());
        if let Some((Nut::Nhom { ten, .. }, _)) = self.mo.last_mut() {
            ten.clone_from(tho);
        }
        true
    }
}

/// A table after `target`'s last: a table continued over a page break
/// repeats its header row, and is one table again; a row cut by the break
/// is one row again (its rest opens the next page's part with the number
/// column empty, or its first words in lower case under a long cell: a
/// sentence going on; "xã Chi Lăng" may open a row after a short one).
fn them_bang(target: &mut Vec<Nut>, node: Nut) {
    let (Some(Nut::Bang { cot, dong }), Nut::Bang { cot: more_cot, dong: more }) = (target.last_mut(), &node)
    else {
        target.push(node);
        return;
    };
    if cot != more_cot {
        target.push(node);
        return;
    }
    let so_tt = cot.first().is_some_and(|c| {
        matches!(vi::upper(c.trim().trim_end_matches('.')).as_str(), "STT" | "TT" | "SỐ TT")
    });
    let cat = |last: &[String], first: &[String]| {
        let so_trong = so_tt
            && first.first().is_some_and(|c| c.is_empty())
            && last.first().is_some_and(|c| !c.is_empty());
        let tiep = first.iter().zip(last).find(|(c, _)| !c.is_empty()).is_some_and(|(c, truoc)| {
            c.starts_with(char::is_lowercase)
                && truoc.chars().count() >= 60
                && !truoc.trim_end().ends_with(['.', ';', ':'])
        });
        first.len() == last.len() && (so_trong || tiep)
    };
    let mut more = more.as_slice();
    if let (Some(last), Some((first, rest))) = (dong.last_mut(), more.split_first())
        && cat(last, first)
    {
        for (a, b) in last.iter_mut().zip(first) {
            if !b.is_empty() {
                if !a.is_empty() {
                    a.push(' ');
                }
                a.push_str(b);
            }
        }
        more = rest;
    }
    dong.extend(more.iter().cloned());
}

fn push_into(stack: &mut [(usize, Nut)], root: &mut Vec<Nut>, node: Nut) {
    match stack.last_mut() {
        Some((_, Nut::Muc { con, .. })) => con.push(node),
        _ => root.push(node),
    }
}

/// A "-"/"+" item joins the list just before it when that list has the same mark.
fn push_item(stack: &mut [(usize, Nut)], root: &mut Vec<Nut>, dau: char, text: String) {
    let target = match stack.last_mut() {
        Some((_, Nut::Muc { con, .. })) => con,
        _ => root,
    };
    if let Some(Nut::Gach { dau: d, cac_y }) = target.last_mut()
        && *d == dau
    {
        cac_y.push(text);
        return;
    }
    target.push(Nut::Gach { dau, cac_y: vec![text] });
}
