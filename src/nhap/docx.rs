//! Word (.docx): the package's parts (the document, its styles, its list
//! numbering) read from the ZIP and their XML walked directly, so that what
//! the decree's layout shows through is at hand: bold and italic as the
//! runs and styles set them, centring, first-line indents, list numbers as
//! Word draws them, the tables' merged cells and repeated header rows.
//!
//! Nothing here panics on a hostile file: the ZIP and the XML are checked,
//! each part's size is bounded once decompressed, the XML's node count is
//! bounded, and nesting (content controls, tables in cells) is followed
//! only to a fixed depth.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::nguon::{self, BangNguon, Cot, Doan, Khoi, Kieu, Noi};
use crate::chuyen_ma::Encoding;
use crate::error::Result;

/// WordprocessingML, as Word writes it (transitional) and as "Strict
/// Open XML" does.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// The most one part may take decompressed (a ZIP of 32 MB can hold far
/// more: a bomb stops here).
const MAX_PHAN: u64 = 128 * 1024 * 1024;

/// The most XML nodes one part may have.
const MAX_NUT: u32 = 4_000_000;

/// How deep content controls and tables in cells are followed.
const MAX_SAU: usize = 32;

/// The main part when the package's relationships do not name it.
const NOI_DUNG: &str = "word/document.xml";

/// The pieces of a Word document, in reading order.
pub fn doc(path: &Path, bytes: &[u8]) -> Result<Vec<Khoi>> {
    let loi = |m: String| super::loi(path, format!("không đọc được tệp Word: {m}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        loi("tệp không phải tệp .docx hoặc đã hỏng, bị cắt dở (không mở được như tệp nén ZIP)".to_owned())
    })?;
    let chinh = phan_chinh(&mut zip);
    let noi_dung = doc_phan(&mut zip, &chinh)
        .map_err(loi)?
        .ok_or_else(|| loi(format!("trong tệp không có phần nội dung ({NOI_DUNG})")))?;
    let thu_muc = chinh.rsplit_once('/').map_or("", |(d, _)| d);
    let ten_phu = |ten: &str| if thu_muc.is_empty() { ten.to_owned() } else { format!("{thu_muc}/{ten}") };
    // Styles and numbering are optional: a document without them is read
    // with Word's defaults.
    let styles_ten = ten_phu("styles.xml");
    let styles = doc_phan(&mut zip, &styles_ten).map_err(loi)?;
    let numbering_ten = ten_phu("numbering.xml");
    let numbering = doc_phan(&mut zip, &numbering_ten).map_err(loi)?;

    let xml = phan_tich(&noi_dung, &chinh).map_err(loi)?;
    let mau = match &styles {
        Some(s) => KieuMau::doc(&phan_tich(s, &styles_ten).map_err(loi)?),
        None => KieuMau::default(),
    };
    let danh_so = match &numbering {
        Some(s) => DanhSo::doc(&phan_tich(s, &numbering_ten).map_err(loi)?),
        None => DanhSo::default(),
    };
    let goc = xml.root_element();
    let Some(body) = goc.children().find(|n| la(*n, "body")).filter(|_| la(goc, "document")) else {
        return Err(loi(format!("phần {chinh} không phải nội dung văn bản Word (không có w:body)")));
    };
    let mut doc = Doc { mau, danh_so, so_doan: 0, o_chu: Vec::new() };
    let mut ra = Vec::new();
    doc.khoi(body, &mut ra, 0);
    // Text boxes float outside the text's order: after it, for the
    // recognition to place or keep as comments (a "DỰ THẢO" mark, a note).
    ra.append(&mut doc.o_chu);
    Ok(ra)
}

/// The main part's name, from the package's relationships; `word/document.xml`
/// when they do not say.
fn phan_chinh(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> String {
    let Ok(Some(rels)) = doc_phan(zip, "_rels/.rels") else { return NOI_DUNG.to_owned() };
    let Ok(xml) = phan_tich(&rels, "_rels/.rels") else { return NOI_DUNG.to_owned() };
    xml.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "Relationship")
        .find(|n| n.attribute("Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .and_then(|n| n.attribute("Target"))
        .map(|t| t.trim_start_matches('/').to_owned())
        .filter(|t| !t.is_empty() && zip.index_for_name(t).is_some())
        .unwrap_or_else(|| NOI_DUNG.to_owned())
}

/// A part's text, `None` when the package has no such part.
fn doc_phan(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    ten: &str,
) -> std::result::Result<Option<String>, String> {
    let tep = match zip.by_name(ten) {
        Ok(tep) => tep,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(format!("phần {ten} trong tệp đã hỏng")),
    };
    let mut bytes = Vec::new();
    tep.take(MAX_PHAN + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| format!("phần {ten} trong tệp đã hỏng (giải nén không được)"))?;
    if bytes.len() as u64 > MAX_PHAN {
        return Err(format!("phần {ten} lớn hơn {} MB khi giải nén", MAX_PHAN / 1024 / 1024));
    }
    let chu = String::from_utf8(bytes).map_err(|_| format!("phần {ten} không phải văn bản UTF-8"))?;
    Ok(Some(chu.trim_start_matches('\u{feff}').to_owned()))
}

fn phan_tich<'a>(chu: &'a str, ten: &str) -> std::result::Result<Document<'a>, String> {
    let opt = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NUT, ..ParsingOptions::default() };
    Document::parse_with_options(chu, opt).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => format!("phần {ten} quá lớn"),
        e => {
            let p = e.pos();
            format!("phần {ten} không phải XML hợp lệ (dòng {}, cột {})", p.row, p.col)
        }
    })
}

/// The WordprocessingML name of an element.
fn ten<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    (n.is_element() && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns)))
        .then(|| n.tag_name().name())
}

fn la(n: Node, ten_: &str) -> bool {
    ten(n) == Some(ten_)
}

/// The first child element of that name.
fn con<'a, 'i>(n: Node<'a, 'i>, ten_: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| la(*c, ten_))
}

/// A WordprocessingML attribute (`w:val`), by its local name.
fn thuoc_tinh<'a>(n: Node<'a, '_>, ten_: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == ten_ && a.namespace().is_some_and(|ns| W.contains(&ns)))
        .map(|a| a.value())
}

fn val<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    thuoc_tinh(n, "val")
}

/// An on/off property: `<w:b/>`, `<w:b w:val="0"/>`.
fn bat(n: Node) -> bool {
    !matches!(val(n), Some("0" | "false" | "off" | "none"))
}

/// A number attribute, Word's twips or a measure with its unit ("1cm").
fn so_duong(s: &str) -> bool {
    let so: String = s.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+')).collect();
    so.parse::<f64>().is_ok_and(|x| x > 0.0)
}

/// What a paragraph's or a style's properties set, each `None` when left
/// to the style it is based on.
#[derive(Debug, Clone, Default)]
struct Mau {
    co_so: Option<String>,
    dam: Option<bool>,
    nghieng: Option<bool>,
    hoa: Option<bool>,
    an: Option<bool>,
    /// The font's encoding: a legacy font (`.VnTime`, `VNI-Times`) draws
    /// TCVN3 or VNI bytes; `Some(None)`, a Unicode font.
    ma: Option<Option<Phong>>,
    giua: Option<bool>,
    thut: Option<bool>,
    ngat_truoc: Option<bool>,
    so_id: Option<String>,
    so_cap: Option<usize>,
    vien: Option<bool>,
}

impl Mau {
    fn doc_ppr(&mut self, ppr: Node) {
        for c in ppr.children() {
            match ten(c) {
                Some("jc") => self.giua = Some(val(c) == Some("center")),
                Some("ind") => {
                    if thuoc_tinh(c, "hanging").or(thuoc_tinh(c, "hangingChars")).is_some_and(so_duong) {
                        self.thut = Some(false);
                    } else if let Some(v) = thuoc_tinh(c, "firstLine").or(thuoc_tinh(c, "firstLineChars")) {
                        self.thut = Some(so_duong(v));
                    }
                }
                Some("pageBreakBefore") => self.ngat_truoc = Some(bat(c)),
                Some("numPr") => {
                    if let Some(id) = con(c, "numId").and_then(val) {
                        self.so_id = Some(id.to_owned());
                    }
                    if let Some(cap) = con(c, "ilvl").and_then(val).and_then(|v| v.parse().ok()) {
                        self.so_cap = Some(cap);
                    }
                }
                _ => {}
            }
        }
    }

    fn doc_rpr(&mut self, rpr: Node) {
        for c in rpr.children() {
            match ten(c) {
                Some("b") => self.dam = Some(bat(c)),
                Some("i") => self.nghieng = Some(bat(c)),
                Some("caps") => self.hoa = Some(bat(c)),
                Some("vanish") => self.an = Some(bat(c)),
                Some("rFonts") => {
                    if let Some(f) = thuoc_tinh(c, "ascii").or(thuoc_tinh(c, "hAnsi")) {
                        let f = f.to_ascii_lowercase();
                        self.ma = Some(if f.starts_with(".vn") {
                            // .VnTimeH, .VnArialH: the capitals' twins.
                            Some(if f.ends_with('h') { Phong::Tcvn3Hoa } else { Phong::Tcvn3 })
                        } else if f.starts_with("vni") {
                            Some(Phong::Vni)
                        } else {
                            None
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// Whether a table's borders (`w:tblBorders`) draw anything.
fn co_vien(borders: Node) -> bool {
    borders.children().filter(|c| ten(*c).is_some()).any(|c| {
        !matches!(val(c), None | Some("nil" | "none")) && thuoc_tinh(c, "sz").is_none_or(|s| s != "0")
    })
}

/// The document's styles (`styles.xml`).
#[derive(Debug, Default)]
struct KieuMau {
    mau: HashMap<String, Mau>,
    /// The paragraph style of a paragraph that names none.
    doan_mac_dinh: Option<String>,
    /// The table style of a table that names none.
    bang_mac_dinh: Option<String>,
    /// The document defaults (`w:docDefaults`).
    goc: Mau,
}

impl KieuMau {
    fn doc(xml: &Document) -> Self {
        let mut ra = KieuMau::default();
        for n in xml.root_element().children() {
            match ten(n) {
                Some("docDefaults") => {
                    if let Some(rpr) = con(n, "rPrDefault").and_then(|d| con(d, "rPr")) {
                        ra.goc.doc_rpr(rpr);
                    }
                    if let Some(ppr) = con(n, "pPrDefault").and_then(|d| con(d, "pPr")) {
                        ra.goc.doc_ppr(ppr);
                    }
                }
                Some("style") => {
                    let Some(id) = thuoc_tinh(n, "styleId") else { continue };
                    let mut mau =
                        Mau { co_so: con(n, "basedOn").and_then(val).map(str::to_owned), ..Mau::default() };
                    if let Some(ppr) = con(n, "pPr") {
                        mau.doc_ppr(ppr);
                    }
                    if let Some(rpr) = con(n, "rPr") {
                        mau.doc_rpr(rpr);
                    }
                    if let Some(b) = con(n, "tblPr").and_then(|t| con(t, "tblBorders")) {
                        mau.vien = Some(co_vien(b));
                    }
                    if thuoc_tinh(n, "default").is_some_and(|d| matches!(d, "1" | "true" | "on")) {
                        match thuoc_tinh(n, "type") {
                            Some("paragraph") => ra.doan_mac_dinh = Some(id.to_owned()),
                            Some("table") => ra.bang_mac_dinh = Some(id.to_owned()),
                            _ => {}
                        }
                    }
                    ra.mau.insert(id.to_owned(), mau);
                }
                _ => {}
            }
        }
        ra
    }

    /// A property through a style and those it is based on, then the
    /// document defaults.
    fn tim<T>(&self, id: Option<&str>, f: impl Fn(&Mau) -> Option<T>) -> Option<T> {
        self.tim_chuoi(id, &f).or_else(|| f(&self.goc))
    }

    /// A property through a style and those it is based on only.
    fn tim_chuoi<T>(&self, id: Option<&str>, f: impl Fn(&Mau) -> Option<T>) -> Option<T> {
        let mut id = id;
        for _ in 0..MAX_SAU {
            let mau = self.mau.get(id?)?;
            if let Some(v) = f(mau) {
                return Some(v);
            }
            id = mau.co_so.as_deref();
        }
        None
    }
}

/// A list level (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Cap {
    bat_dau: u32,
    /// `w:numFmt`: decimal, upperRoman, lowerLetter, bullet…
    dang: String,
    /// `w:lvlText`: "%1.%2."
    mau: String,
    /// `w:lvlRestart`: restarts after this (1-based) level only.
    khoi_lai: Option<u32>,
    /// `w:isLgl`: every level's number in decimal.
    thap_phan: bool,
}

impl Cap {
    fn doc(lvl: Node) -> Self {
        let gia_tri = |ten_: &str| con(lvl, ten_).and_then(val);
        Cap {
            bat_dau: gia_tri("start").and_then(|v| v.parse().ok()).unwrap_or(0),
            dang: gia_tri("numFmt").unwrap_or("decimal").to_owned(),
            mau: gia_tri("lvlText").unwrap_or("").to_owned(),
            khoi_lai: gia_tri("lvlRestart").and_then(|v| v.parse().ok()),
            thap_phan: con(lvl, "isLgl").is_some_and(bat),
        }
    }
}

fn cac_cap(n: Node) -> HashMap<usize, Cap> {
    n.children()
        .filter(|c| la(*c, "lvl"))
        .filter_map(|c| Some((thuoc_tinh(c, "ilvl")?.parse::<usize>().ok().filter(|l| *l < 9)?, Cap::doc(c))))
        .collect()
}

/// A list (`w:num`): its abstract list and what it overrides.
#[derive(Debug, Default)]
struct DanhSach {
    truu_tuong: String,
    bat_dau: HashMap<usize, u32>,
    cap: HashMap<usize, Cap>,
}

/// The document's list numbering (`numbering.xml`) and the counters of the
/// lists met so far.
#[derive(Debug, Default)]
struct DanhSo {
    truu_tuong: HashMap<String, HashMap<usize, Cap>>,
    danh_sach: HashMap<String, DanhSach>,
    dem: HashMap<String, [Option<u32>; 9]>,
}

impl DanhSo {
    fn doc(xml: &Document) -> Self {
        let mut ra = DanhSo::default();
        for n in xml.root_element().children() {
            match ten(n) {
                Some("abstractNum") => {
                    if let Some(id) = thuoc_tinh(n, "abstractNumId") {
                        ra.truu_tuong.insert(id.to_owned(), cac_cap(n));
                    }
                }
                Some("num") => {
                    let (Some(id), Some(tt)) =
                        (thuoc_tinh(n, "numId"), con(n, "abstractNumId").and_then(val))
                    else {
                        continue;
                    };
                    let mut ds = DanhSach { truu_tuong: tt.to_owned(), ..DanhSach::default() };
                    for o in n.children().filter(|c| la(*c, "lvlOverride")) {
                        let Some(cap) =
                            thuoc_tinh(o, "ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|l| *l < 9)
                        else {
                            continue;
                        };
                        if let Some(s) = con(o, "startOverride").and_then(val).and_then(|v| v.parse().ok()) {
                            ds.bat_dau.insert(cap, s);
                        }
                        if let Some(lvl) = con(o, "lvl") {
                            ds.cap.insert(cap, Cap::doc(lvl));
                        }
                    }
                    ra.danh_sach.insert(id.to_owned(), ds);
                }
                _ => {}
            }
        }
        ra
    }

    /// The number Word draws before a paragraph of list `id` at `cap`, as
    /// typed text ("1.1. ", "a) ", "- "), the list's counters advanced.
    fn so(&mut self, id: &str, cap: usize) -> Option<String> {
        let cap = cap.min(8);
        let ds = self.danh_sach.get(id)?;
        let tt = self.truu_tuong.get(&ds.truu_tuong);
        let lay = |l: usize| ds.cap.get(&l).or_else(|| tt.and_then(|t| t.get(&l)));
        let hien = lay(cap)?;
        let bat_dau =
            |l: usize| ds.bat_dau.get(&l).copied().or_else(|| lay(l).map(|c| c.bat_dau)).unwrap_or(0);
        // A list restarted by an override counts on its own; the others
        // sharing an abstract list continue one another, as in Word.
        let khoa = if ds.bat_dau.is_empty() && ds.cap.is_empty() {
            format!("a{}", ds.truu_tuong)
        } else {
            format!("n{id}")
        };
        let dem = self.dem.entry(khoa).or_insert([None; 9]);
        dem[cap] = Some(dem[cap].map_or_else(|| bat_dau(cap), |n| n.saturating_add(1)));
        for (l, d) in dem.iter_mut().enumerate().skip(cap + 1) {
            if lay(l).and_then(|c| c.khoi_lai).is_none_or(|r| (cap as u32) < r) {
                *d = None;
            }
        }
        let dem = *dem;
        match hien.dang.as_str() {
            "bullet" => return Some(if hien.mau.trim() == "+" { "+ " } else { "- " }.to_owned()),
            "none" => return None,
            _ => {}
        }
        let mut chu = String::new();
        let mut ky = hien.mau.chars().peekable();
        while let Some(c) = ky.next() {
            match (c, ky.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(k @ 1..=9)) => {
                    ky.next();
                    let l = k as usize - 1;
                    let n = dem[l].unwrap_or_else(|| bat_dau(l));
                    let dang = if hien.thap_phan {
                        "decimal"
                    } else {
                        lay(l).map_or("decimal", |c| c.dang.as_str())
                    };
                    chu.push_str(&viet_so(n, dang));
                }
                _ => chu.push(c),
            }
        }
        let chu = chu.trim();
        (!chu.is_empty()).then(|| format!("{chu} "))
    }
}

/// A counter in a list level's format.
fn viet_so(n: u32, dang: &str) -> String {
    match dang {
        "upperRoman" => la_ma(n),
        "lowerRoman" => la_ma(n).to_lowercase(),
        "upperLetter" => chu_cai(n).to_uppercase(),
        "lowerLetter" => chu_cai(n),
        "decimalZero" => format!("{n:02}"),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's Roman list numbers: vanban's own, for what a document uses; Word
/// writes numbers past 3999 in digits.
fn la_ma(n: u32) -> String {
    if n == 0 || n >= 4000 { n.to_string() } else { crate::vi::roman(n) }
}

/// Word's letters: a … z, then aa … zz, aaa …
fn chu_cai(n: u32) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

/// A line of a paragraph being read: its text as the runs give it, in
/// stretches typed in a legacy font or not, and how much of it (letters,
/// not spaces) is bold and italic.
#[derive(Debug, Default)]
struct Manh {
    chu: Vec<(String, Option<Phong>)>,
    tong: usize,
    dam: usize,
    nghieng: usize,
}

/// A paragraph being read: its lines (split at manual line breaks) and page
/// breaks.
#[derive(Debug, Default)]
struct DoanDoc {
    xong: Vec<Option<Manh>>,
    hien: Manh,
}

impl DoanDoc {
    fn xuong_dong(&mut self) {
        self.xong.push(Some(std::mem::take(&mut self.hien)));
    }

    fn them(&mut self, chu: &str, cu: Option<Phong>) {
        match self.hien.chu.last_mut() {
            Some((s, c)) if *c == cu => s.push_str(chu),
            _ => self.hien.chu.push((chu.to_owned(), cu)),
        }
    }

    fn ngat_trang(&mut self) {
        self.xuong_dong();
        self.xong.push(None);
    }
}

/// A table cell as read: where it starts in the table's grid, the columns
/// it covers, whether it continues the cell above, its paragraphs.
#[derive(Debug)]
struct O {
    cot: usize,
    rong: usize,
    tiep: bool,
    doan: Vec<Doan>,
}

struct Doc {
    mau: KieuMau,
    danh_so: DanhSo,
    /// The paragraphs met so far, table cells' included.
    so_doan: u32,
    /// The paragraphs of the text boxes met so far.
    o_chu: Vec<Khoi>,
}

impl Doc {
    /// The block-level content of `n` (the body, a content control).
    fn khoi(&mut self, n: Node, ra: &mut Vec<Khoi>, sau: usize) {
        if sau > MAX_SAU {
            return;
        }
        for c in n.children() {
            match ten(c) {
                Some("p") => ra.extend(self.doan(c)),
                Some("tbl") => self.bang(c, ra, sau + 1),
                Some("sdt") => {
                    if let Some(nd) = con(c, "sdtContent") {
                        self.khoi(nd, ra, sau + 1);
                    }
                }
                Some("customXml" | "ins" | "moveTo") => self.khoi(c, ra, sau + 1),
                _ => {}
            }
        }
    }

    /// A paragraph: its lines as `Doan`s (dropped when empty), with page
    /// breaks where it has them.
    fn doan(&mut self, p: Node) -> Vec<Khoi> {
        self.so_doan += 1;
        let noi = Noi::doan(self.so_doan);
        let mut rieng = Mau::default();
        let ppr = con(p, "pPr");
        if let Some(ppr) = ppr {
            rieng.doc_ppr(ppr);
        }
        let kieu_doan =
            ppr.and_then(|x| con(x, "pStyle")).and_then(val).or(self.mau.doan_mac_dinh.as_deref());
        let kieu_doan = kieu_doan.map(str::to_owned);
        let kd = kieu_doan.as_deref();
        let giua = rieng.giua.or_else(|| self.mau.tim(kd, |m| m.giua)).unwrap_or(false);
        let thut = rieng.thut.or_else(|| self.mau.tim(kd, |m| m.thut)).unwrap_or(false);
        let ngat_truoc = rieng.ngat_truoc.or_else(|| self.mau.tim(kd, |m| m.ngat_truoc)).unwrap_or(false);
        let so_id = rieng.so_id.clone().or_else(|| self.mau.tim(kd, |m| m.so_id.clone()));
        let so_cap = rieng.so_cap.or_else(|| self.mau.tim(kd, |m| m.so_cap)).unwrap_or(0);
        let mut so = so_id.filter(|id| id != "0").and_then(|id| self.danh_so.so(&id, so_cap));
        let mac_dinh = Mau {
            dam: self.mau.tim(kd, |m| m.dam),
            nghieng: self.mau.tim(kd, |m| m.nghieng),
            hoa: self.mau.tim(kd, |m| m.hoa),
            an: self.mau.tim(kd, |m| m.an),
            ma: self.mau.tim(kd, |m| m.ma),
            ..Mau::default()
        };
        let mut doc = DoanDoc::default();
        self.noi_tuyen(p, &mac_dinh, &mut doc, 0);
        doc.xuong_dong();

        let mut ra = Vec::new();
        if ngat_truoc {
            ra.push(Khoi::NgatTrang);
        }
        for manh in doc.xong {
            let Some(manh) = manh else {
                ra.push(Khoi::NgatTrang);
                continue;
            };
            let chu: String = manh.chu.iter().map(|(s, ma)| chuyen(s, *ma)).collect();
            let chu = crate::vi::clean(&khoang(&chu));
            if chu.is_empty() {
                continue;
            }
            let chu = match so.take() {
                Some(so) => format!("{so}{chu}"),
                None => chu,
            };
            let phan_lon = |n: usize| manh.tong > 0 && n * 10 >= manh.tong * 9;
            let kieu = Kieu { dam: phan_lon(manh.dam), nghieng: phan_lon(manh.nghieng), giua, thut };
            ra.push(Khoi::Doan(Doan { chu, noi, kieu, cot: Cot::Mot }));
        }
        // Its text boxes (a drawing's, or VML's where no drawing stands
        // for it), not those inside a text box of its own.
        for tb in p.descendants().filter(|n| la(*n, "txbxContent")) {
            let rieng =
                tb.ancestors().skip(1).take_while(|a| *a != p).all(|a| {
                    !(la(a, "txbxContent") || (a.is_element() && a.tag_name().name() == "Fallback"))
                });
            if rieng && self.o_chu.len() < 1000 {
                let mut trong = Vec::new();
                self.khoi(tb, &mut trong, MAX_SAU / 2);
                self.o_chu.extend(trong.into_iter().filter(|k| !matches!(k, Khoi::NgatTrang)));
            }
        }
        // A section break that starts the next section on a new page.
        if let Some(sect) = ppr.and_then(|x| con(x, "sectPr"))
            && !matches!(con(sect, "type").and_then(val), Some("continuous" | "nextColumn"))
        {
            ra.push(Khoi::NgatTrang);
        }
        ra
    }

    /// The runs of a paragraph, through hyperlinks, fields, content controls
    /// and insertions (deletions are left out).
    fn noi_tuyen(&self, n: Node, mac_dinh: &Mau, doc: &mut DoanDoc, sau: usize) {
        if sau > MAX_SAU {
            return;
        }
        for c in n.children() {
            match ten(c) {
                Some("r") => self.chay(c, mac_dinh, doc),
                Some(
                    "hyperlink" | "smartTag" | "fldSimple" | "ins" | "moveTo" | "customXml" | "dir" | "bdo",
                ) => self.noi_tuyen(c, mac_dinh, doc, sau + 1),
                Some("sdt") => {
                    if let Some(nd) = con(c, "sdtContent") {
                        self.noi_tuyen(nd, mac_dinh, doc, sau + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A run: its text, tabs and breaks, bold and italic as its properties,
    /// its character style, the paragraph's style and the defaults set them.
    fn chay(&self, r: Node, mac_dinh: &Mau, doc: &mut DoanDoc) {
        let mut rieng = Mau::default();
        let rpr = con(r, "rPr");
        if let Some(rpr) = rpr {
            rieng.doc_rpr(rpr);
        }
        let kc = rpr.and_then(|x| con(x, "rStyle")).and_then(val);
        let tim =
            |f: fn(&Mau) -> Option<bool>| f(&rieng).or_else(|| self.mau.tim_chuoi(kc, f)).or(f(mac_dinh));
        let lay = |f: fn(&Mau) -> Option<bool>| tim(f).unwrap_or(false);
        if lay(|m| m.an) {
            return;
        }
        let (dam, nghieng, hoa) = (lay(|m| m.dam), lay(|m| m.nghieng), lay(|m| m.hoa));
        let cu = rieng.ma.or_else(|| self.mau.tim_chuoi(kc, |m| m.ma)).or(mac_dinh.ma).flatten();
        for c in r.children() {
            match ten(c) {
                Some("t") => {
                    let chu = c.text().unwrap_or("");
                    let chu = if hoa { chu.to_uppercase() } else { chu.to_owned() };
                    let so = chu.chars().filter(|c| !c.is_whitespace()).count();
                    let hien = &mut doc.hien;
                    hien.tong += so;
                    hien.dam += if dam { so } else { 0 };
                    hien.nghieng += if nghieng { so } else { 0 };
                    doc.them(&chu, cu);
                }
                Some("tab" | "ptab") => doc.them("\t", cu),
                Some("noBreakHyphen") => doc.them("-", cu),
                Some("br") => match thuoc_tinh(c, "type") {
                    Some("page") => doc.ngat_trang(),
                    _ => doc.xuong_dong(),
                },
                Some("cr") => doc.xuong_dong(),
                _ => {}
            }
        }
    }

    /// A table: the header's or footer's layout table as its cells'
    /// paragraphs, left then right, row by row; any other as a `Bang`.
    fn bang(&mut self, tbl: Node, ra: &mut Vec<Khoi>, sau: usize) {
        let noi = Noi::doan(self.so_doan + 1);
        let mut hang: Vec<(bool, Vec<O>)> = Vec::new();
        for tr in hang_cua(tbl, sau) {
            let trpr = con(tr, "trPr");
            let tieu_de = trpr.and_then(|t| con(t, "tblHeader")).is_some_and(bat);
            let mut cot = trpr
                .and_then(|t| con(t, "gridBefore"))
                .and_then(val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(64);
            let mut o = Vec::new();
            for tc in o_cua(tr, sau) {
                let tcpr = con(tc, "tcPr");
                let rong = tcpr
                    .and_then(|t| con(t, "gridSpan"))
                    .and_then(val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let tiep = tcpr.and_then(|t| con(t, "vMerge")).is_some_and(|v| val(v) != Some("restart"));
                let mut doan = Vec::new();
                self.doan_o(tc, &mut doan, sau + 1);
                o.push(O { cot, rong, tiep, doan });
                cot += rong;
            }
            hang.push((tieu_de, o));
        }
        let rong = hang.iter().flat_map(|(_, o)| o.iter().map(|o| o.cot + o.rong)).max().unwrap_or(0);
        if rong == 0 || hang.iter().all(|(_, o)| o.iter().all(|o| o.doan.is_empty())) {
            return;
        }
        if self.la_bo_cuc(tbl, &hang) {
            for (_, o) in hang {
                for o in o.into_iter().filter(|o| !o.tiep) {
                    // Which side of the page the cell's middle is on.
                    let giua = o.cot * 2 + o.rong;
                    let cot = match giua.cmp(&rong) {
                        std::cmp::Ordering::Less => Cot::Trai,
                        std::cmp::Ordering::Greater => Cot::Phai,
                        std::cmp::Ordering::Equal => Cot::Mot,
                    };
                    ra.extend(o.doan.into_iter().map(|d| Khoi::Doan(Doan { cot, ..d })));
                }
            }
            return;
        }
        let mut dong: Vec<Vec<String>> = Vec::with_capacity(hang.len());
        for (_, o) in &hang {
            let mut d = vec![String::new(); rong];
            for o in o {
                let rieng = || o.doan.iter().map(|d| d.chu.as_str()).collect::<Vec<_>>().join(" ");
                // A cell merged down repeats the text above; with nothing
                // above, it keeps its own.
                let tren = dong.last().map(|tren: &Vec<String>| tren[o.cot].clone()).unwrap_or_default();
                d[o.cot] = if o.tiep && !tren.is_empty() { tren } else { rieng() };
            }
            dong.push(d);
        }
        let mut so_dong_tieu_de = hang.iter().take_while(|(t, _)| *t).count();
        if so_dong_tieu_de == 0 {
            // Else the leading rows set in bold, when not all are.
            so_dong_tieu_de = hang
                .iter()
                .take_while(|(_, o)| {
                    let co_chu: Vec<&O> = o.iter().filter(|o| !o.tiep && !o.doan.is_empty()).collect();
                    !co_chu.is_empty() && co_chu.iter().all(|o| o.doan.iter().all(|d| d.kieu.dam))
                })
                .count();
            if so_dong_tieu_de == hang.len() {
                so_dong_tieu_de = 1;
            }
        }
        ra.push(Khoi::Bang(BangNguon { noi, dong, so_dong_tieu_de: so_dong_tieu_de.clamp(1, hang.len()) }));
    }

    /// A cell's paragraphs, a table inside it read as its paragraphs.
    fn doan_o(&mut self, n: Node, ra: &mut Vec<Doan>, sau: usize) {
        if sau > MAX_SAU {
            return;
        }
        for c in n.children() {
            match ten(c) {
                Some("p") => ra.extend(self.doan(c).into_iter().filter_map(|k| match k {
                    Khoi::Doan(d) => Some(d),
                    _ => None,
                })),
                Some("tbl") => {
                    for tr in hang_cua(c, sau) {
                        for tc in o_cua(tr, sau) {
                            self.doan_o(tc, ra, sau + 1);
                        }
                    }
                }
                Some("sdt") => {
                    if let Some(nd) = con(c, "sdtContent") {
                        self.doan_o(nd, ra, sau + 1);
                    }
                }
                Some("customXml" | "ins" | "moveTo") => self.doan_o(c, ra, sau + 1),
                _ => {}
            }
        }
    }

    /// Whether a table is the layout of the header (agency | quốc hiệu,
    /// Số | date) or the footer (Nơi nhận | signature): at most two cells
    /// with text in each row, and either the quốc hiệu or "Nơi nhận" in it,
    /// or no borders and a number, a date or a signature.
    fn la_bo_cuc(&self, tbl: Node, hang: &[(bool, Vec<O>)]) -> bool {
        if hang.iter().any(|(_, o)| o.iter().filter(|o| !o.doan.is_empty()).count() > 2) {
            return false;
        }
        let chu =
            || hang.iter().flat_map(|(_, o)| o.iter().flat_map(|o| o.doan.iter().map(|d| d.chu.as_str())));
        if chu().any(|c| ["CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận"].iter().any(|d| c.starts_with(d))) {
            return true;
        }
        let tblpr = con(tbl, "tblPr");
        let vien = tblpr.and_then(|t| con(t, "tblBorders")).map(co_vien).unwrap_or_else(|| {
            let kieu =
                tblpr.and_then(|t| con(t, "tblStyle")).and_then(val).or(self.mau.bang_mac_dinh.as_deref());
            self.mau.tim(kieu, |m| m.vien).unwrap_or(false)
        });
        !vien
            && chu().any(|c| {
                ["Số:", "Số :", "KT.", "TM.", "TL.", "TUQ.", "Q.", "(Ký", "(ký", "(Đã ký", "(đã ký"]
                    .iter()
                    .any(|d| c.starts_with(d))
                    || c.find("ngày").is_some_and(|i| c[i..].contains("tháng"))
            })
    }
}

/// A table's rows, through content controls around them.
fn hang_cua<'a, 'i>(tbl: Node<'a, 'i>, sau: usize) -> Vec<Node<'a, 'i>> {
    bao_boc(tbl, "tr", sau)
}

/// A row's cells, through content controls around them.
fn o_cua<'a, 'i>(tr: Node<'a, 'i>, sau: usize) -> Vec<Node<'a, 'i>> {
    bao_boc(tr, "tc", sau)
}

fn bao_boc<'a, 'i>(n: Node<'a, 'i>, ten_: &str, sau: usize) -> Vec<Node<'a, 'i>> {
    let mut ra = Vec::new();
    if sau > MAX_SAU {
        return ra;
    }
    for c in n.children() {
        match ten(c) {
            Some(t) if t == ten_ => ra.push(c),
            Some("sdt") => {
                if let Some(nd) = con(c, "sdtContent") {
                    ra.extend(bao_boc(nd, ten_, sau + 1));
                }
            }
            Some("customXml" | "ins") => ra.extend(bao_boc(c, ten_, sau + 1)),
            _ => {}
        }
    }
    ra
}

/// A stretch of a paragraph's text as Unicode. In a legacy font it is that
/// font's encoding, as Word draws it ("Sè" in .VnTime is "Số"), unless it
/// holds letters no 8-bit font has (it was converted, the font left);
/// elsewhere it is converted only when it reads as legacy text.
fn chuyen(chu: &str, ma: Option<Phong>) -> String {
    use crate::chuyen_ma::{cp1252_byte, decode};
    let Some(ma) = ma.filter(|_| chu.chars().all(|c| cp1252_byte(c).is_some())) else {
        return nguon::chuan_hoa(chu, false);
    };
    let doi = match ma {
        // Letter by letter: the font, not the text's case, says whether
        // its codes draw capitals.
        Phong::Tcvn3 => chu.chars().map(|c| decode(c.encode_utf8(&mut [0; 4]), Encoding::Tcvn3)).collect(),
        Phong::Tcvn3Hoa => chu
            .chars()
            .map(|c| decode(c.encode_utf8(&mut [0; 4]), Encoding::Tcvn3))
            .collect::<String>()
            .to_uppercase(),
        Phong::Vni => decode(chu, Encoding::Vni),
    };
    crate::vi::clean(&doi)
}

/// A legacy Vietnamese font's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phong {
    /// The ABC fonts (.VnTime): TCVN3, lower-case codes drawing lower case.
    Tcvn3,
    /// Their capitals' twins (.VnTimeH): the same codes drawn as capitals.
    Tcvn3Hoa,
    /// VNI-Windows (VNI-Times).
    Vni,
}

/// A paragraph line's spacing as the pieces keep it: a tab, or a run of
/// five spaces or more (two things set apart on one line), as one tab;
/// other runs of spaces as one space; none at the ends.
fn khoang(chu: &str) -> String {
    let mut ra = String::with_capacity(chu.len());
    let (mut cach, mut tab) = (0usize, false);
    for c in chu.chars() {
        if c == '\t' {
            tab = true;
        } else if c.is_whitespace() {
            cach += 1;
        } else if !c.is_control() {
            if !ra.is_empty() && (tab || cach >= 5) {
                ra.push('\t');
            } else if !ra.is_empty() && cach > 0 {
                ra.push(' ');
            }
            (cach, tab) = (0, false);
            ra.push(c);
        }
    }
    ra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khoang_keeps_gaps_as_tabs() {
        assert_eq!(khoang("  Số:    /KH-X \t  Lạng Sơn  "), "Số: /KH-X\tLạng Sơn");
        assert_eq!(khoang("a     b"), "a\tb");
        assert_eq!(khoang("a\u{a0}\u{a0}b"), "a b");
    }

    fn danh_so(xml: &str) -> DanhSo {
        let xml = format!("<w:numbering xmlns:w=\"{}\">{xml}</w:numbering>", W[0]);
        DanhSo::doc(&Document::parse(&xml).unwrap())
    }

    fn lvl(ilvl: usize, fmt: &str, text: &str, start: u32) -> String {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>"
        )
    }

    #[test]
    fn lists_sharing_an_abstract_continue_an_override_restarts() {
        let mut ds = danh_so(&format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>",
            lvl(0, "decimal", "Điều %1.", 1),
            lvl(1, "lowerLetter", "%2)", 1),
        ));
        let mut so = |id: &str, cap: usize| ds.so(id, cap);
        assert_eq!(so("1", 0).as_deref(), Some("Điều 1. "));
        assert_eq!(so("1", 1).as_deref(), Some("a) "));
        assert_eq!(so("1", 1).as_deref(), Some("b) "));
        // Another list of the same abstract list continues it.
        assert_eq!(so("2", 0).as_deref(), Some("Điều 2. "));
        assert_eq!(so("2", 1).as_deref(), Some("a) "));
        // One that overrides the start counts on its own.
        assert_eq!(so("3", 0).as_deref(), Some("Điều 4. "));
        assert_eq!(so("1", 0).as_deref(), Some("Điều 3. "));
        // No such list or level: no number.
        assert_eq!(so("9", 0), None);
        assert_eq!(so("1", 5), None);
    }

    #[test]
    fn skipped_levels_show_their_start_and_legal_numbering_is_decimal() {
        let mut ds = danh_so(&format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
            lvl(0, "upperRoman", "%1.", 1),
            lvl(1, "decimal", "%1.%2.", 1),
            "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:isLgl/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.%3.\"/></w:lvl>",
        ));
        assert_eq!(ds.so("1", 2).as_deref(), Some("1.1.1. "));
        assert_eq!(ds.so("1", 0).as_deref(), Some("I. "));
        assert_eq!(ds.so("1", 0).as_deref(), Some("II. "));
        assert_eq!(ds.so("1", 1).as_deref(), Some("II.1. "));
        assert_eq!(ds.so("1", 2).as_deref(), Some("2.1.1. "));
    }

    #[test]
    fn legacy_fonts_decoded_unicode_left() {
        assert_eq!(chuyen("Sè: 25/PNV", Some(Phong::Tcvn3)), "Số: 25/PNV");
        assert_eq!(chuyen("phßng néi vô", Some(Phong::Tcvn3Hoa)), "PHÒNG NỘI VỤ");
        assert_eq!(chuyen("Vaên baûn", Some(Phong::Vni)), "Văn bản");
        // Converted once, the font left: letters no 8-bit font has.
        assert_eq!(chuyen("Số: 25/PNV", Some(Phong::Tcvn3)), "Số: 25/PNV");
        // A Unicode font: "Sè" stays, it could be Unicode.
        assert_eq!(chuyen("Sè", None), "Sè");
    }

    #[test]
    fn numbers_in_word_formats() {
        assert_eq!(viet_so(4, "upperRoman"), "IV");
        assert_eq!(viet_so(14, "lowerRoman"), "xiv");
        assert_eq!(viet_so(5, "lowerLetter"), "e");
        assert_eq!(viet_so(27, "lowerLetter"), "aa");
        assert_eq!(viet_so(3, "upperLetter"), "C");
        assert_eq!(viet_so(7, "decimalZero"), "07");
        assert_eq!(viet_so(12, "decimal"), "12");
    }
}
