//! What every reader (`.txt`, `.docx`, `.pdf`) makes of its file: the
//! document's pieces in reading order, each with where it was in the source,
//! before anything is recognised. Recognition ([`super::nhan_dang`]) reads
//! only this, so a reader knows nothing of the decree and the decree's
//! rules nothing of file formats.

use std::fmt;

/// Where a piece was in the source, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noi {
    /// The page (PDF), or `None`.
    pub trang: Option<u32>,
    /// 1-based: the line of a text file or of a PDF page, or the paragraph
    /// of a Word document (table cells' paragraphs counted in order).
    pub so: u32,
    pub loai: LoaiNoi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoaiNoi {
    /// A line of a text file or of a PDF page.
    Dong,
    /// A paragraph of a Word document.
    Doan,
}

impl Noi {
    pub fn dong(so: u32) -> Self {
        Self { trang: None, so, loai: LoaiNoi::Dong }
    }

    pub fn doan(so: u32) -> Self {
        Self { trang: None, so, loai: LoaiNoi::Doan }
    }

    pub fn trang_dong(trang: u32, so: u32) -> Self {
        Self { trang: Some(trang), so, loai: LoaiNoi::Dong }
    }
}

impl fmt::Display for Noi {
    /// "dòng 12", "đoạn 12", "trang 2, dòng 5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(trang) = self.trang {
            write!(f, "trang {trang}, ")?;
        }
        let ten = match self.loai {
            LoaiNoi::Dong => "dòng",
            LoaiNoi::Doan => "đoạn",
        };
        write!(f, "{ten} {}", self.so)
    }
}

/// How a piece was set, as far as the source tells (a text file tells
/// nothing: all false).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kieu {
    /// Bold, for all or nearly all of its text.
    pub dam: bool,
    pub nghieng: bool,
    /// Centred.
    pub giua: bool,
    /// Its first line indented.
    pub thut: bool,
}

/// Which side of a two-column block a piece is on: the header (agency |
/// quốc hiệu; Số | date) and the footer (Nơi nhận | signature) are set side
/// by side, as a borderless table in Word, as lines sharing their baseline
/// in a PDF. `Mot`: the full width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cot {
    #[default]
    Mot,
    Trai,
    Phai,
}

/// A paragraph (Word), or a paragraph re-joined from its lines (text, PDF):
/// NFC text, legacy encodings already converted, runs of spaces and tabs
/// inside it kept as one space, except a gap that separates two things
/// set on one line with tabs or spaces ("Số: …/KH-X<tab>Lạng Sơn, ngày …"),
/// kept as a tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doan {
    pub chu: String,
    pub noi: Noi,
    pub kieu: Kieu,
    pub cot: Cot,
}

/// A table that was a table in the source (not the header's layout table):
/// its rows of cells' text, the header rows first. A cell merged over
/// several columns appears once, followed by empty cells for the columns it
/// covers; a cell merged down repeats its text in the rows below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BangNguon {
    pub noi: Noi,
    pub dong: Vec<Vec<String>>,
    /// How many of the rows are headings (Word's repeated header rows, or
    /// rows in bold); at least 1 when the table has rows.
    pub so_dong_tieu_de: usize,
}

/// One piece of the source, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Khoi {
    Doan(Doan),
    Bang(BangNguon),
    /// A page break the source made explicit (a PDF page's end, Word's
    /// page break before a phụ lục).
    NgatTrang,
}

/// A line as a text file or a PDF page sets it, before lines are joined
/// into paragraphs by [`ghep`].
#[derive(Debug, Clone, PartialEq)]
pub struct Dong {
    pub chu: String,
    pub noi: Noi,
    pub kieu: Kieu,
    pub cot: Cot,
    /// How full the line is, 0.0–1.0 of the text width (PDF: from the
    /// page's margins; text: of the longest lines of the file). A full line
    /// of a justified paragraph goes on to the next one.
    pub do_day: f32,
    /// A blank line (text) or a gap larger than the line spacing (PDF)
    /// comes before it.
    pub cach_truoc: bool,
}

/// Whether a bracket is left open, one before a word ("(Kèm theo …"): a
/// signature image's letters ("DDD(9") open nothing.
fn ngoac_mo_truoc_chu(chu: &str) -> bool {
    let mut mo: Vec<usize> = Vec::new();
    for (i, c) in chu.char_indices() {
        match c {
            '(' => mo.push(i),
            ')' => {
                mo.pop();
            }
            _ => {}
        }
    }
    mo.last().is_some_and(|&i| chu[i + 1..].starts_with(char::is_alphabetic))
}

/// Joins hard-wrapped lines into paragraphs: a line goes on to the next
/// unless the next one starts something of its own (a number "I.", "1.",
/// "1.1.", "a)", a "-" or "+" item, "Điều 3.", a component's label such as
/// "Nơi nhận:", "Kính gửi:", "Căn cứ"), or the line does not fill the
/// width, or the next one is indented, or a gap or another column comes
/// between. Text starting in lower case always continues its paragraph.
pub fn ghep(dong: Vec<Dong>) -> Vec<Khoi> {
    let mut ra: Vec<Khoi> = Vec::new();
    let mut hien: Option<(Doan, f32)> = None;
    // Numbers alone on their line (a page's number, a footnote's) set
    // inside a paragraph: after it, which goes on past them.
    let mut cho: Vec<Khoi> = Vec::new();
    for d in dong {
        let chu = d.chu.trim();
        if chu.is_empty() {
            if let Some((doan, _)) = hien.take() {
                ra.push(Khoi::Doan(doan));
            }
            ra.append(&mut cho);
            continue;
        }
        if chu.len() <= 3 && chu.bytes().all(|b| b.is_ascii_digit()) {
            let so = Khoi::Doan(Doan { chu: chu.to_owned(), noi: d.noi, kieu: d.kieu, cot: d.cot });
            if hien.is_some() {
                cho.push(so)
            } else {
                ra.push(so)
            }
            continue;
        }
        if let Some((doan, do_day)) = hien.as_mut() {
            // A full line with its sentence still open goes on, even into a
            // line starting with a word that may start a part of its own
            // ("… tại khoản 2" / "Điều 20 Nghị định …", "(theo" / "Phụ lục
            // III)."): only a numbered article ("Điều 5."), a heading, an
            // item or a label after a closed sentence starts one.
            let mo = *do_day >= 0.85 && !doan.chu.trim_end().ends_with(['.', ':', ';', '!', '?']);
            // A dash then a word in lower case or a number after such a line
            // is a hyphen the line broke at ("… kinh tế" / "- xã hội của
            // tỉnh", "giai đoạn 2025" / "- 2030"), not an item (an item starts
            // its word in capitals).
            let gach_noi = mo
                && chu.strip_prefix(['-', '–']).is_some_and(|r| {
                    r.starts_with(' ')
                        && r.trim_start().starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                });
            let rieng = bat_dau_rieng(chu) && !(mo && bat_dau_yeu(chu)) && !gach_noi;
            // An open bracket closes on a later line, wherever that is set
            // (a centred line's end can look like the right column).
            let ngoac_mo = ngoac_mo_truoc_chu(&doan.chu);
            let cung_cot = doan.cot == d.cot || (ngoac_mo && doan.cot == Cot::Mot);
            let noi_tiep = cung_cot && !d.cach_truoc && !co_cot(&doan.chu) && !co_cot(chu) && !rieng && {
                let dau_thuong = chu.chars().next().is_some_and(char::is_lowercase);
                // A line in capitals is a heading or a title of its own
                // ("GIÁM ĐỐC SỞ NỘI VỤ" under a decision's trích yếu).
                // (A code alone, "126/2024/NĐ-CP.", is not such a line.)
                let dong_hoa = |c: &str| {
                    in_hoa(c)
                        && c.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2
                };
                let cung_kieu_chu = dong_hoa(chu) == dong_hoa(&doan.chu);
                // A short line ends its paragraph (a heading, a paragraph's
                // last line); a full one goes on unless the next is indented.
                // (A bracket left open does not reach over a sentence's
                // end into an indented line: a new paragraph.)
                let doan_moi = d.kieu.thut && doan.chu.trim_end().ends_with('.');
                dau_thuong || (ngoac_mo && !doan_moi) || (!d.kieu.thut && *do_day >= 0.8 && cung_kieu_chu)
            };
            if noi_tiep {
                // A code broken at its hyphen ("2769/UBND-" / "NCKSTTHC",
                // "126/2024/NĐ-" / "CP") is one word again.
                let ma = doan.chu.ends_with('-')
                    && doan.chu[..doan.chu.len() - 1].ends_with(|c: char| c.is_alphanumeric())
                    && !doan.chu[..doan.chu.len() - 1].ends_with(|c: char| c.is_lowercase())
                    && chu.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
                if !ma {
                    doan.chu.push(' ');
                }
                doan.chu.push_str(chu);
                *do_day = d.do_day;
                continue;
            }
        }
        if let Some((doan, _)) = hien.take() {
            ra.push(Khoi::Doan(doan));
        }
        ra.append(&mut cho);
        hien = Some((Doan { chu: chu.to_owned(), noi: d.noi, kieu: d.kieu, cot: d.cot }, d.do_day));
    }
    if let Some((doan, _)) = hien {
        ra.push(Khoi::Doan(doan));
    }
    ra.append(&mut cho);
    ra
}

/// Whether a gap is the blank left for a number or a day ("Số:      /KH",
/// "ngày      tháng 4"), not two things set side by side: `truoc` is the
/// text before it, `sau` the character after it.
pub fn la_cho_trong(truoc: &str, sau: char) -> bool {
    let last = truoc.split_whitespace().last().unwrap_or("").to_lowercase();
    sau == '/' || matches!(last.as_str(), "số:" | "số" | "ngày" | "tháng")
}

/// Whether a text holds two things set side by side: a tab that is not a
/// number's or a day's blank.
pub fn co_cot(chu: &str) -> bool {
    chu.match_indices('\t').any(|(i, _)| {
        let sau = chu[i + 1..].trim_start().chars().next().unwrap_or(' ');
        !la_cho_trong(&chu[..i], sau)
    })
}

/// The superscript digits ⁰ … ⁹, by value: a footnote's raised mark.
pub const CHI_SO: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Letters only, upper case, at least two of them: "SỞ NỘI VỤ".
pub fn in_hoa(chu: &str) -> bool {
    let mut letters = 0;
    chu.chars().filter(|c| c.is_alphabetic()).all(|c| {
        letters += 1;
        !c.is_lowercase()
    }) && letters >= 2
}

/// Whether a line starts a piece of its own: a numbered heading or item, a
/// "-"/"+" item, a decision's Điều/Chương/Mục, a component's label.
pub fn bat_dau_rieng(chu: &str) -> bool {
    super::nhan_dang::dau_muc(chu).is_some()
        || super::nhan_dang::la_noi_nhan(chu)
        || chu.starts_with(['-', '+', '–', '•'])
        || NHAN.iter().any(|n| chu.starts_with(n))
}

/// A start that is a part of its own only after a closed sentence: a word
/// a sentence may also hold ("Điều 20 của Luật", "Chương trình", "Mục
/// tiêu", "Căn cứ vào", "Phụ lục III"), not a numbered article "Điều 5."
/// or a heading in capitals.
fn bat_dau_yeu(chu: &str) -> bool {
    let tu = ["Điều ", "Chương ", "Mục ", "Phần ", "Căn cứ", "Phụ lục", "Theo đề nghị", "Xét đề nghị"];
    let Some(t) = tu.iter().find(|t| chu.starts_with(**t)) else { return false };
    // "Điều 5." / "Chương II." stay a part of their own.
    let sau = chu[t.len()..].trim_start();
    let so = sau.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'));
    !(so.len() < sau.len() && so.starts_with(['.', ':']))
}

/// The labels that start a component of the decree's layout.
const NHAN: &[&str] = &[
    "Nơi nhận",
    "Kính gửi",
    "Căn cứ",
    "Theo đề nghị",
    "Xét đề nghị",
    "Điều ",
    "Chương ",
    "Mục ",
    "Số:",
    "Số :",
    "V/v",
    "Lưu:",
    "Lưu :",
    "CỘNG HÒA",
    "CỘNG HOÀ",
    "Độc lập",
    "PHỤ LỤC",
    "Phụ lục",
];

/// A source's text as vanban keeps it: bidi controls dropped, a paragraph
/// typed in TCVN3 or VNI (a Word file from the .VnTime years, its text
/// read as Windows-1252) converted, then NFC. `raw`: the file's bytes were
/// not UTF-8 (a text file), so nothing in it is Unicode yet.
pub fn chuan_hoa(chu: &str, raw: bool) -> String {
    let chu = crate::vi::clean(chu);
    match crate::chuyen_ma::convert_cell(&chu, raw) {
        crate::chuyen_ma::Outcome::Converted(_, doi) => doi,
        _ => chu,
    }
}
