//! Data → template context: validation that the data alone can fail, the
//! decree's numbering and wording, and the check that the fonts can draw
//! every character.

pub(crate) mod phu_luc;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use typst::foundations::Datetime;

use crate::error::{InputError, Result};
use crate::fonts::{FontSet, Measure};
use crate::inspect::MM;
use crate::kind::Kind;
use crate::model::common::Lines;
use crate::model::than::{Bang, CotKieu, Khoi};
use crate::model::{self, Ngay, common};
use crate::render::SourceMap;
use crate::template::Templates;
use crate::vi;

/// A document ready to lay out.
#[derive(Clone)]
pub struct Prepared {
    pub source: String,
    pub map: SourceMap,
    pub today: Datetime,
    /// Stable PDF identifier.
    pub ident: String,
    /// The folder files may be read from.
    pub folder: PathBuf,
    /// Parts written as their own files beside this one: an attachment, a
    /// phụ lục (NĐ30 PL III, the models for an electronic document).
    pub tep_rieng: Vec<TepRieng>,
}

/// A part of a document in its own file, `<file>.<duoi>.pdf`.
#[derive(Clone)]
pub struct TepRieng {
    /// "kem-theo", "phu-luc".
    pub duoi: String,
    pub prepared: Prepared,
}

impl TepRieng {
    /// The part's file beside `main` (`quyet-dinh.pdf` →
    /// `quyet-dinh.kem-theo.pdf`), with `main`'s extension.
    pub fn path_beside(&self, main: &Path) -> PathBuf {
        let stem = main.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = main.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        main.with_file_name(format!("{stem}.{}{ext}", self.duoi))
    }
}

pub(crate) fn err_at(path: &Path, text: &str, key: &str, field: &str, message: String) -> InputError {
    let e = InputError::new(path, field, message);
    match model::line_of_key(text, key) {
        Some(line) => e.at(line, None),
        None => e,
    }
}

/// Characters the document's font cannot draw, found in the YAML text, each
/// with its line, column and field.
pub fn font_coverage(path: &Path, text: &str, fonts: &FontSet) -> Vec<InputError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split(" #").next().unwrap_or(line);
        if content.trim_start().starts_with('#') {
            continue;
        }
        for (col, c) in content.chars().enumerate() {
            if let Some(face) = fonts.missing_face(c) {
                let key = text.lines().take(i + 1).collect::<Vec<_>>().iter().rev().find_map(|l| {
                    let t = l.trim_start().trim_start_matches("- ");
                    t.split_once(':')
                        .map(|(k, _)| k.trim())
                        .filter(|k| !k.contains(' ') && !k.is_empty())
                        .map(str::to_owned)
                });
                out.push(
                    InputError::new(
                        path,
                        key.unwrap_or_default(),
                        format!(
                            "ký tự '{c}' (U+{:04X}) không có trong phông {} ({face}); hãy thay ký tự này hoặc dùng --font-dir với phông có ký tự đó",
                            c as u32, fonts.family
                        ),
                    )
                    .at(i + 1, Some(col + 1)),
                );
            }
        }
    }
    out
}

/// The checks every document starts with: characters the font lacks, the
/// declared kind, and the signer block.
pub(crate) fn opening_problems(
    path: &Path,
    text: &str,
    fonts: &FontSet,
    loai: &str,
    expected: &str,
    signer: &common::NguoiKy,
) -> Vec<InputError> {
    let mut problems = kind_problems(path, text, fonts, loai, expected);
    for (field, message) in signer.problems() {
        problems.push(err_at(path, text, &field, &format!("nguoi_ky.{field}"), message));
    }
    problems
}

/// Characters the font lacks, and the declared kind.
pub(crate) fn kind_problems(
    path: &Path,
    text: &str,
    fonts: &FontSet,
    loai: &str,
    expected: &str,
) -> Vec<InputError> {
    let mut problems = font_coverage(path, text, fonts);
    if loai != expected {
        problems.push(err_at(path, text, "loai", "loai", format!("loại '{loai}' không phải '{expected}'")));
    }
    problems
}

/// The decree's sentence case for a tên loại in running text: "KẾ HOẠCH" →
/// "Kế hoạch".
pub(crate) fn sentence_case(s: &str) -> String {
    vi::capitalise(&s.to_lowercase())
}

pub(crate) fn today_of(ngay: &Ngay) -> Datetime {
    Datetime::from_ymd(ngay.year, ngay.month as u8, ngay.day.unwrap_or(1) as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}

/// Table shape and the width/alignment words a template writes as Typst.
pub(crate) fn check_table(b: &Bang, field: &str, path: &Path, out: &mut Vec<InputError>) {
    for (i, row) in b.dong.iter().enumerate() {
        if row.len() != b.cot.len() {
            out.push(InputError::new(
                path,
                format!("{field}.dong[{i}]"),
                format!("dòng có {} ô nhưng bảng có {} cột", row.len(), b.cot.len()),
            ));
        }
    }
    for (name, list) in [("do_rong", &b.do_rong), ("can_le", &b.can_le)] {
        if let Some(list) = list
            && list.len() != b.cot.len()
        {
            out.push(InputError::new(
                path,
                format!("{field}.{name}"),
                format!("có {} giá trị nhưng bảng có {} cột", list.len(), b.cot.len()),
            ));
        }
    }
    for w in b.do_rong.iter().flatten() {
        if let Some(m) = crate::template::length_problem(w) {
            out.push(InputError::new(path, format!("{field}.do_rong"), m));
        }
    }
    for a in b.can_le.iter().flatten() {
        if let Err(m) = crate::template::alignment_word(a) {
            out.push(InputError::new(path, format!("{field}.can_le"), m));
        }
    }
}

/// The text width of an A4 page less the margins of `nd30.typ` (`le`: 30 mm
/// left, 15 mm right), portrait and landscape, in points.
pub const TEXT_WIDTH: f64 = (210.0 - 45.0) * MM;
pub const TEXT_WIDTH_LANDSCAPE: f64 = (297.0 - 45.0) * MM;
/// How a block of centred lines is set: size in points, bold or not.
#[derive(Debug, Clone, Copy)]
pub struct Kieu {
    pub size: f64,
    pub bold: bool,
}

/// The trích yếu and a phụ lục's title (`co-chu.trich-yeu`, `co-chu.phu-luc`).
pub const TITLE: Kieu = Kieu { size: 14.0, bold: true };
/// A công văn's "V/v …" (`co-chu.v-v`): 12 pt upright, as Mẫu 1.5.
pub const VV: Kieu = Kieu { size: 12.0, bold: false };
/// The header's left column (`cot-trai` in nd30.typ), where the V/v stands.
pub const LEFT_COLUMN: f64 = 65.0 * MM;
/// Room kept free on a pre-broken line, so that Typst never wraps it.
const FIT_SLACK: f64 = 0.5;

/// Centred lines set in `kieu`, `room` points wide: one string is broken
/// into balanced lines; explicit lines are kept (see [`wide_lines`]).
pub fn lines_in(lines: &Lines, room: f64, kieu: Kieu, measure: &Measure) -> Vec<String> {
    match lines.0.as_slice() {
        [one] => measure.balanced_lines(one, room - FIT_SLACK, kieu.size, kieu.bold),
        many => many.to_vec(),
    }
}

/// The lines of a bold centred title (trích yếu, phụ lục title) `room`
/// points wide.
pub fn title_lines(lines: &Lines, room: f64, measure: &Measure) -> Vec<String> {
    lines_in(lines, room, TITLE, measure)
}

/// A công văn's trích yếu as written under its number (PL I II.5.b):
/// "V/v " first (unless the data has it), no final full stop.
pub fn vv_text(lines: &Lines) -> Lines {
    let mut out = lines.0.clone();
    if let Some(first) = out.first_mut() {
        *first = format!("V/v {}", vv_subject(first));
    }
    if let Some(last) = out.last_mut() {
        *last = last.trim_end().trim_end_matches('.').trim_end().to_owned();
    }
    Lines(out)
}

/// The subject without a leading "V/v" the data may already carry.
pub fn vv_subject(text: &str) -> &str {
    let t = text.trim();
    match t.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("v/v") && t[3..].chars().next().is_none_or(char::is_whitespace) => {
            t[3..].trim_start()
        }
        _ => t,
    }
}

/// The V/v lines of the header's left column.
pub fn vv_lines(lines: &Lines, measure: &Measure) -> Vec<String> {
    lines_in(&vv_text(lines), LEFT_COLUMN, VV, measure)
}

/// The trích yếu's lines on a portrait page (the Kế hoạch's, the Giấy
/// mời's).
pub fn trich_yeu_lines(lines: &Lines, measure: &Measure) -> Vec<String> {
    title_lines(lines, TEXT_WIDTH, measure)
}

/// Explicit title lines wider than `room` (which Typst would wrap, leaving
/// a fragment on a line of its own): each line's index and width in points.
pub fn wide_lines(lines: &Lines, room: f64, kieu: Kieu, measure: &Measure) -> Vec<(usize, f64)> {
    if lines.0.len() < 2 {
        return Vec::new();
    }
    lines
        .0
        .iter()
        .enumerate()
        .map(|(i, l)| (i, measure.width(l.trim(), kieu.size, kieu.bold, false)))
        .filter(|(_, w)| *w > room)
        .collect()
}

/// Body size of a table (`co-chu.bang`) and the horizontal room a cell's
/// text leaves: its insets (4 pt a side) and a point for the rules.
const TABLE_SIZE: f64 = 13.0;
const CELL_PAD: f64 = 9.0;

/// A cell's widest word and widest line at the table's size, in points.
fn cell_extent(cell: &str, bold: bool, measure: &Measure) -> (f64, f64) {
    let (mut word, mut line, mut current) = (0.0_f64, 0.0_f64, 0.0);
    for run in crate::template::rich::parse(cell) {
        let w = |t: &str| measure.width(t, TABLE_SIZE, bold || run.bold, run.italic);
        for (k, part) in run.text.split('\n').enumerate() {
            if k > 0 {
                line = line.max(current);
                current = 0.0;
            }
            current += w(part);
            word = part.split(' ').map(w).fold(word, f64::max);
        }
    }
    (word, line.max(current))
}

/// What a column needs and wants, in points: its widest word (less would
/// break words), its widest body line with the header allowed to wrap
/// (`fit`), and its widest line with the header on one line (`want`).
struct ColumnRoom {
    need: f64,
    fit: f64,
    want: f64,
}

fn column_room(b: &Bang, c: usize, measure: &Measure) -> ColumnRoom {
    let last = b.dong.len().wrapping_sub(1);
    let (head_word, head_line) = cell_extent(&b.cot[c], true, measure);
    let (word, line) = b
        .dong
        .iter()
        .enumerate()
        .filter_map(|(i, row)| {
            row.get(c).map(|cell| cell_extent(cell, b.dong_cuoi_dam && i == last, measure))
        })
        .fold((head_word, 0.0_f64), |(w, l), (cw, cl)| (w.max(cw), l.max(cl)));
    let need = word + CELL_PAD;
    let fit = need.max(line + CELL_PAD);
    ColumnRoom { need, fit, want: fit.max(head_line + CELL_PAD) }
}

/// Column widths (in points, summing to `room`) for a table that gives
/// none. When every column can have its widest line, text columns share
/// what is left in proportion to their content; else headers wrap first;
/// else the widest columns are cut to one common width (no narrower than
/// their widest word) and wrap, while the narrower ones keep their lines
/// whole, so one long text does not starve the others.
fn column_widths(b: &Bang, kinds: &[CotKieu], room: f64, measure: &Measure) -> Vec<f64> {
    let cols: Vec<ColumnRoom> = (0..b.cot.len()).map(|c| column_room(b, c, measure)).collect();
    let sum = |f: &dyn Fn(&ColumnRoom) -> f64| cols.iter().map(f).sum::<f64>();
    let (need, fit, want) = (sum(&|c| c.need), sum(&|c| c.fit), sum(&|c| c.want));
    if want <= room {
        let text = |c: usize| kinds[c] == CotKieu::Chu || !kinds.contains(&CotKieu::Chu);
        let shared: f64 = (0..cols.len()).filter(|&c| text(c)).map(|c| cols[c].want).sum();
        (0..cols.len())
            .map(|c| cols[c].want + if text(c) { (room - want) * cols[c].want / shared } else { 0.0 })
            .collect()
    } else if fit <= room {
        let share = (room - fit) / (want - fit);
        cols.iter().map(|c| c.fit + (c.want - c.fit) * share).collect()
    } else if need < room {
        // The common width: the total grows with it, so halve the interval.
        let total = |cut: f64| sum(&|c| cut.clamp(c.need, c.fit));
        let (mut low, mut high) = (0.0, room);
        for _ in 0..50 {
            let mid = (low + high) / 2.0;
            if total(mid) < room { low = mid } else { high = mid }
        }
        cols.iter().map(|c| high.clamp(c.need, c.fit)).collect()
    } else {
        cols.iter().map(|c| c.need).collect()
    }
}

/// A table as the template lays it out: the widths and alignments the data
/// leaves out are filled in (explicit ones win), so that it spans `room`
/// points, numbers aligned by [`Bang::column_kind`].
fn laid_out_table(b: &Bang, room: f64, measure: &Measure) -> Bang {
    let mut out = b.clone();
    if b.dong.iter().any(|row| row.len() != b.cot.len()) {
        return out; // already reported by `check_table`
    }
    let kinds: Vec<CotKieu> = (0..b.cot.len()).map(|c| b.column_kind(c)).collect();
    if out.can_le.is_none() {
        out.can_le = Some(kinds.iter().map(|k| k.alignment().to_owned()).collect());
    }
    if out.do_rong.is_none() {
        let widths = column_widths(b, &kinds, room, measure);
        out.do_rong = Some(widths.iter().map(|w| format!("{w:.1}fr")).collect());
    }
    out
}

pub(crate) fn lay_out_tables(blocks: &mut [Khoi], room: f64, measure: &Measure) {
    for block in blocks {
        if let Khoi::Bang(b) = block {
            *b = laid_out_table(b, room, measure);
        }
    }
}

/// How `nd30.typ` sets a table's body (beside [`TABLE_SIZE`]): the cells'
/// inset (across, down), a line's height (`dinh-chu` to `chan-chu`, 1.15 em)
/// and the leading between a cell's lines, in points.
const TABLE_INSET: (f64, f64) = (4.0, 5.0);
const TABLE_LINE: f64 = 1.15 * TABLE_SIZE;
const TABLE_LEADING: f64 = 0.15 * TABLE_SIZE;

/// The heights of a table's body rows whose every cell's line count is
/// certain ([`Measure::line_count`]), its column widths being given in mm,
/// cm or fr of `room`; the other rows' heights stay to the layout (`None`).
/// A row given its height is laid out once, where Typst first measures an
/// automatic row's cells and then lays them out again: a long list's
/// layout takes about half the time (BENCHMARKS.md, 3 December 2026).
pub(crate) fn fix_row_heights(b: &mut Bang, room: f64, measure: &Measure) {
    let Some(widths) = b.do_rong.as_deref().and_then(|d| column_widths_in(d, room)) else { return };
    if b.dong.iter().any(|row| row.len() != widths.len()) {
        return;
    }
    let last = b.dong.len().saturating_sub(1);
    let heights: Vec<Option<f64>> = b
        .dong
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let bold = b.dong_cuoi_dam && i == last;
            let mut lines = 1;
            for (cell, width) in row.iter().zip(&widths) {
                lines = lines.max(measure.line_count(cell, width - 2.0 * TABLE_INSET.0, TABLE_SIZE, bold)?);
            }
            let h = lines as f64 * TABLE_LINE + (lines - 1) as f64 * TABLE_LEADING + 2.0 * TABLE_INSET.1;
            // Rounded up, so that the row is never a hair short of its text.
            Some((h * 1e4).ceil() / 1e4)
        })
        .collect();
    if heights.iter().any(Option::is_some) {
        b.cao_dong = Some(heights);
    }
}

/// Column widths in points from "12mm", "1.5cm", "2fr" (the fractions
/// share what the others leave of `room`); `None` for any other width.
fn column_widths_in(widths: &[String], room: f64) -> Option<Vec<f64>> {
    enum W {
        Abs(f64),
        Fr(f64),
    }
    let parsed: Vec<W> = widths
        .iter()
        .map(|w| {
            let number = |unit: &str| w.strip_suffix(unit).and_then(|n| n.trim().parse::<f64>().ok());
            number("mm")
                .map(|n| W::Abs(n * MM))
                .or_else(|| number("cm").map(|n| W::Abs(n * 10.0 * MM)))
                .or_else(|| number("fr").map(W::Fr))
        })
        .collect::<Option<_>>()?;
    let fixed: f64 = parsed.iter().map(|w| if let W::Abs(a) = w { *a } else { 0.0 }).sum();
    let fr: f64 = parsed.iter().map(|w| if let W::Fr(f) = w { *f } else { 0.0 }).sum();
    let left = room - fixed;
    if left < 0.0 || (fr > 0.0 && left <= 0.0) {
        return None;
    }
    Some(
        parsed
            .iter()
            .map(|w| match w {
                W::Abs(a) => *a,
                W::Fr(f) => left * f / fr,
            })
            .collect(),
    )
}

pub(crate) fn blocks_json(blocks: &[Khoi]) -> Value {
    serde_json::to_value(blocks).expect("blocks serialise")
}

/// Ô 1–4 as the header component (`dau-van-ban`) takes them.
pub(crate) fn header(co_quan: &common::CoQuan, so_ky_hieu: String, dia_danh: &str, ngay: &Ngay) -> Value {
    let mut dau = header_lines(co_quan, so_ky_hieu);
    dau["dia_danh_ngay"] = json!(format!("{dia_danh}, {}", ngay.long_form()));
    dau
}

/// Ô 1–3 without the place and date (ô 4), as a Biên bản has it (Mẫu 1.9).
pub(crate) fn header_lines(co_quan: &common::CoQuan, so_ky_hieu: String) -> Value {
    json!({
        "chu_quan": co_quan.chu_quan_lines(),
        "ban_hanh": co_quan.ban_hanh_lines(),
        "so_ky_hieu": so_ky_hieu,
        "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    })
}

/// Ô 7a–7c of one signer as the signature components (`khoi-ky`) take
/// them: the upper-case title lines and the name.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct KhoiKy {
    pub dong_chuc_vu: Vec<String>,
    pub ho_ten: String,
}

impl KhoiKy {
    pub fn of(nguoi_ky: &common::NguoiKy) -> Self {
        Self { dong_chuc_vu: nguoi_ky.title_lines(), ho_ten: nguoi_ky.ho_ten.clone() }
    }
}

/// One signer, as `ky-va-noi-nhan` takes it.
pub(crate) fn signer(nguoi_ky: &common::NguoiKy) -> Value {
    json!(KhoiKy::of(nguoi_ky))
}

/// Two signers side by side, as `hai-nguoi-ky` takes them: left, right.
pub(crate) fn signers(trai: KhoiKy, phai: KhoiKy) -> Value {
    json!({ "trai": trai, "phai": phai })
}

/// A paragraph ending in one full stop, whatever the data ended it with.
pub(crate) fn full_stop(s: &str) -> String {
    format!("{}.", s.trim_end().trim_end_matches(['.', ';']))
}

/// A document sent to no one: the decree's Nơi nhận needs an entry.
pub(crate) fn noi_nhan_problem(path: &Path, text: &str, noi_nhan: &[common::Nhan]) -> Option<InputError> {
    noi_nhan.is_empty().then(|| {
        err_at(path, text, "noi_nhan", "noi_nhan", "cần ít nhất một nơi nhận (NĐ30, Phụ lục I, II.9)".into())
    })
}

/// With a Kính gửi, Nơi nhận starts "- Như trên;" (PL I II.9.d): added
/// when the data leaves it out.
pub(crate) fn nhu_tren_first(noi_nhan: &[common::Nhan], kinh_gui: bool) -> Vec<common::Nhan> {
    let mut out = noi_nhan.to_vec();
    if kinh_gui && !out.iter().any(|n| n.mot().is_some_and(common::is_nhu_tren)) {
        out.insert(0, "Như trên".into());
    }
    out
}

/// A context rendered with the kind's template, for one document dated
/// `ngay` and numbered with `ky_hieu` (its stable PDF identifier).
pub(crate) fn prepared(
    kind: Kind,
    path: &Path,
    templates: &Templates,
    context: Value,
    ngay: &Ngay,
    ky_hieu: &str,
) -> Result<Prepared> {
    let template = kind.template;
    let source = templates.render(template, context)?;
    Ok(Prepared {
        map: SourceMap { library_lines: templates.library_lines(), template: template.into() },
        source,
        today: today_of(ngay),
        ident: format!("{}/{ky_hieu}/{}", kind.loai, path.file_stem().and_then(|s| s.to_str()).unwrap_or("")),
        folder: path.parent().map(Path::to_owned).unwrap_or_else(|| PathBuf::from(".")),
        tep_rieng: Vec::new(),
    })
}

/// One record of a batch: its file name and context, or why it failed.
#[derive(Debug, Clone)]
pub struct Item {
    /// The report's and the bookmark's name ("Tràng Định").
    pub name: String,
    /// The record's file name ("02-trang-dinh.pdf").
    pub file: String,
    /// The row of the list it came from, for lists.
    pub row: Option<usize>,
    pub result: std::result::Result<Value, String>,
    /// Whether its failure is only a batch problem, reported once in
    /// `PreparedBatch::problems` (a class that does not add up).
    pub reported: bool,
}

/// A batch ready to lay out: shared context, one context per record.
pub struct PreparedBatch {
    pub items: Vec<Item>,
    /// Records that need no document (a unit with no trainees).
    pub skipped: Vec<String>,
    /// Problems of the batch file that stop some records only, each
    /// reported once (the records name it in their reasons).
    pub problems: Vec<InputError>,
    pub shared: Value,
    pub template: &'static str,
    pub base: Prepared,
    /// The list the records' rows come from, if any.
    pub list: Option<PathBuf>,
    /// A document of any kind merged over a list (`tron`): the source every
    /// record shares (library, page set-up); each record is then its
    /// kind's own body (`than`), already rendered. `None`: the kind's
    /// template lays out the records (`ban`).
    pub preamble: Option<String>,
}

impl PreparedBatch {
    /// Typst source for the given records, each starting its own pages.
    pub fn source(&self, templates: &Templates, records: &[&Value]) -> Result<String> {
        if let Some(preamble) = &self.preamble {
            let mut source = preamble.clone();
            for (i, record) in records.iter().enumerate() {
                let name = crate::template::escape::str_literal(record["ten"].as_str().unwrap_or_default());
                // Each record's own set and show rules stay inside its block.
                source.push_str(&format!("\n#bat-dau(ten: {name}, trang-moi: {})\n#[\n", i > 0));
                source.push_str(record["than"].as_str().unwrap_or_default());
                source.push_str("\n]\n");
            }
            return Ok(source);
        }
        let mut ctx = self.shared.clone();
        ctx["ban"] = Value::Array(records.iter().map(|v| (*v).clone()).collect());
        templates.render(self.template, ctx)
    }

    /// The merged file's title.
    pub fn title(&self) -> String {
        self.shared["tieu_de"].as_str().unwrap_or_default().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_get_a_height_only_when_their_lines_are_certain() {
        let fonts = FontSet::embedded();
        let measure = fonts.measure();
        let unit = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đội Cấn, huyện Tràng Định";
        let mut b = Bang {
            cot: vec!["STT".into(), "Đơn vị".into()],
            dong: vec![
                vec!["1".into(), "UBND xã Kim Đồng".into()],
                vec!["2".into(), unit.into()],
                vec!["3".into(), "UBND xã Kim Đồng (cũ)".into()],
                vec!["4".into(), "".into()],
            ],
            do_rong: Some(vec!["110mm".into(), "1fr".into()]),
            can_le: None,
            dong_cuoi_dam: false,
            cao_dong: None,
        };
        // 55 mm less the insets: the unit breaks as the layout breaks it,
        // "… Tổ quốc / Việt Nam … Cấn, / huyện Tràng Định".
        assert_eq!(measure.line_count(unit, 55.0 * MM - 8.0, 13.0, false), Some(3));
        fix_row_heights(&mut b, TEXT_WIDTH, &measure);
        let line = |n: f64| n * 14.95 + (n - 1.0) * 1.95 + 10.0;
        let heights = b.cao_dong.expect("heights");
        assert!((heights[0].unwrap() - line(1.0)).abs() < 1e-3, "{heights:?}");
        assert!((heights[1].unwrap() - line(3.0)).abs() < 1e-3, "{heights:?}");
        // Brackets, and an empty cell, are left to the layout.
        assert_eq!(heights[2..], [None, None]);
    }

    fn table(cot: &[&str], row: &[&str]) -> Bang {
        Bang {
            cot: cot.iter().map(|s| s.to_string()).collect(),
            dong: vec![row.iter().map(|s| s.to_string()).collect()],
            do_rong: None,
            can_le: None,
            dong_cuoi_dam: false,
            cao_dong: None,
        }
    }

    fn widths(b: &Bang) -> Vec<f64> {
        let fonts = FontSet::embedded();
        let m = fonts.measure();
        let kinds: Vec<CotKieu> = (0..b.cot.len()).map(|c| b.column_kind(c)).collect();
        let w = column_widths(b, &kinds, TEXT_WIDTH, &m);
        assert!((w.iter().sum::<f64>() - TEXT_WIDTH).abs() < 0.01, "{w:?}");
        w
    }

    #[test]
    fn a_long_text_wraps_while_the_short_columns_keep_their_lines() {
        let long = "Nâng cao nhận thức về bình đẳng giới cho cán bộ cơ sở ".repeat(8);
        let b = table(&["STT", "Nội dung", "Thời gian"], &["1", &long, "Quý II, III năm 2025"]);
        let w = widths(&b);
        let m = FontSet::embedded();
        let m = m.measure();
        assert!((w[0] - (m.width("STT", 13.0, true, false) + CELL_PAD)).abs() < 0.01, "{w:?}");
        assert!(
            (w[2] - (m.width("Quý II, III năm 2025", 13.0, false, false) + CELL_PAD)).abs() < 0.01,
            "{w:?}"
        );
        // Two long texts share the room equally.
        let b = table(&["STT", "Nội dung", "Kết quả"], &["1", &long, &long]);
        let w = widths(&b);
        assert!((w[1] - w[2]).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn explicit_widths_and_alignments_are_kept() {
        let fonts = FontSet::embedded();
        let mut b = table(&["Mã", "Tên"], &["1", "Một"]);
        b.can_le = Some(vec!["right".into(), "center".into()]);
        let out = laid_out_table(&b, TEXT_WIDTH, &fonts.measure());
        assert_eq!(out.can_le, b.can_le);
        assert_eq!(out.do_rong.as_ref().map(Vec::len), Some(2));
        b.do_rong = Some(vec!["2cm".into(), "1fr".into()]);
        b.can_le = None;
        let out = laid_out_table(&b, TEXT_WIDTH, &fonts.measure());
        assert_eq!(out.do_rong, b.do_rong);
        assert_eq!(out.can_le, Some(vec!["center".into(), "left".into()]));
    }
}
