//! Fonts: Liberation Serif (metric twin of Times New Roman, SIL OFL) is
//! compiled into the binary; `--font-dir` adds an office's own fonts, so real
//! Times New Roman, the decree's font (PL I, I.4), is used when present.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;

use crate::error::{Error, Result};

/// The decree's font, asked for first.
pub const TIMES_NEW_ROMAN: &str = "Times New Roman";
/// Its metric-compatible stand-in, always available.
pub const LIBERATION_SERIF: &str = "Liberation Serif";

const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The four faces a document uses: regular, bold, italic, bold italic.
pub const VARIANTS: [(FontStyle, FontWeight, &str); 4] = [
    (FontStyle::Normal, FontWeight::REGULAR, "Regular"),
    (FontStyle::Normal, FontWeight::BOLD, "Bold"),
    (FontStyle::Italic, FontWeight::REGULAR, "Italic"),
    (FontStyle::Italic, FontWeight::BOLD, "Bold Italic"),
];

/// Fonts parsed once and shared by every document of a run.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    /// The family documents are set in.
    pub family: String,
    /// Indices into `fonts` of the family's four faces (see [`VARIANTS`]).
    faces: Vec<usize>,
}

static EMBEDDED_SET: LazyLock<Arc<FontSet>> = LazyLock::new(|| {
    let fonts = EMBEDDED.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    Arc::new(FontSet::from_fonts(fonts).expect("the embedded Liberation Serif has all four faces"))
});

impl FontSet {
    /// The embedded fonts only.
    pub fn embedded() -> Arc<FontSet> {
        EMBEDDED_SET.clone()
    }

    /// The embedded fonts plus every font file in `dir` (.ttf, .otf, .ttc).
    pub fn with_dir(dir: &Path) -> Result<Arc<FontSet>> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| Error::io("không mở được thư mục phông chữ", dir, e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut fonts: Vec<Font> = EMBEDDED_SET.fonts.clone();
        for path in paths {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if !matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
                continue;
            }
            let data = std::fs::read(&path).map_err(|e| Error::io("không đọc được phông chữ", &path, e))?;
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        Ok(Arc::new(FontSet::from_fonts(fonts)?))
    }

    fn from_fonts(fonts: Vec<Font>) -> Result<Self> {
        let book = FontBook::from_fonts(&fonts);
        // Times New Roman when all four faces are there, else Liberation Serif.
        let faces_of = |family: &str| -> Option<Vec<usize>> {
            VARIANTS
                .iter()
                .map(|(style, weight, _)| {
                    let variant = FontVariant { style: *style, weight: *weight, ..FontVariant::default() };
                    let i = book.select(&family.to_lowercase(), variant)?;
                    // `select` picks the nearest variant; demand the exact one.
                    let v = fonts[i].info().variant;
                    (v.style == *style && v.weight == *weight).then_some(i)
                })
                .collect()
        };
        let (family, faces) = match faces_of(TIMES_NEW_ROMAN) {
            Some(f) => (TIMES_NEW_ROMAN, f),
            None => (
                LIBERATION_SERIF,
                faces_of(LIBERATION_SERIF)
                    .ok_or_else(|| Error::Usage("thiếu phông Liberation Serif nhúng sẵn".into()))?,
            ),
        };
        Ok(Self { book: LazyHash::new(book), fonts, family: family.to_owned(), faces })
    }

    /// The four faces documents use.
    pub fn faces(&self) -> impl Iterator<Item = &Font> {
        self.faces.iter().map(|&i| &self.fonts[i])
    }

    /// The first face of the document family that cannot draw `c`, if any.
    pub fn missing_face(&self, c: char) -> Option<&'static str> {
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            return None;
        }
        self.faces
            .iter()
            .zip(VARIANTS)
            .find(|(i, _)| !self.fonts[**i].info().coverage.contains(c as u32))
            .map(|(_, (_, _, name))| name)
    }
}

/// Widths of one line of text in the document family, shaped as Typst
/// shapes it (same shaper, faces and language), so that a size can be
/// chosen before layout instead of measuring inside the template.
pub struct Measure<'a> {
    /// Regular, bold, italic, bold italic (see [`VARIANTS`]), each with its
    /// shaping plan (made once: it is most of the cost of a short text).
    faces: Vec<(rustybuzz::Face<'a>, rustybuzz::ShapePlan)>,
    /// Widths at 1 pt of texts already shaped, one map per face: a batch
    /// repeats the same long lines (a class's programme and dates) many times.
    shaped: Vec<std::sync::Mutex<std::collections::HashMap<String, f64>>>,
    /// Advances of the regular and bold faces' glyphs for the characters
    /// below [`ADVANCE_TABLE`], looked up once each: the quick bound of
    /// [`Measure::surely_within`] adds one per character of every text.
    advances: [Vec<std::sync::atomic::AtomicU32>; 2],
}

/// Characters with a remembered advance: Latin, its accents and the
/// Vietnamese letters (Latin Extended Additional ends at U+1EFF).
const ADVANCE_TABLE: usize = 0x1f00;
/// An advance not looked up yet, and a character the face has no glyph for
/// (advances themselves are 16 bits).
const UNKNOWN: u32 = u32::MAX;
const NO_GLYPH: u32 = u32::MAX - 1;

/// Vietnamese is written in the Latin script, left to right.
const SCRIPT: rustybuzz::Script = rustybuzz::script::LATIN;

impl FontSet {
    pub fn measure(&self) -> Measure<'_> {
        let language: rustybuzz::Language = "vi".parse().expect("language tag");
        let faces = self
            .faces()
            .map(|f| {
                let face =
                    rustybuzz::Face::from_slice(f.data().as_slice(), f.index()).expect("parsed by Typst");
                let plan = rustybuzz::ShapePlan::new(
                    &face,
                    rustybuzz::Direction::LeftToRight,
                    Some(SCRIPT),
                    Some(&language),
                    &[],
                );
                (face, plan)
            })
            .collect();
        let table = || (0..ADVANCE_TABLE).map(|_| std::sync::atomic::AtomicU32::new(UNKNOWN)).collect();
        Measure {
            faces,
            shaped: VARIANTS.iter().map(|_| Default::default()).collect(),
            advances: [table(), table()],
        }
    }
}

impl Measure<'_> {
    /// The advance width in points of `text` set on one line at `size` points.
    pub fn width(&self, text: &str, size: f64, bold: bool, italic: bool) -> f64 {
        let face = usize::from(bold) + 2 * usize::from(italic);
        let cache = &self.shaped[face];
        let known = cache.lock().ok().and_then(|m| m.get(text).copied());
        let per_point = known.unwrap_or_else(|| {
            let w = self.shape(text, face);
            if let Ok(mut m) = cache.lock() {
                m.insert(text.to_owned(), w);
            }
            w
        });
        per_point * size
    }

    /// The width at 1 pt of `text` in face `face`.
    fn shape(&self, text: &str, face: usize) -> f64 {
        let (face, plan) = &self.faces[face];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(SCRIPT);
        buffer.set_flags(rustybuzz::BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        let shaped = rustybuzz::shape_with_plan(face, plan, buffer);
        let units: i64 = shaped.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        units as f64 / f64::from(face.units_per_em())
    }

    /// Whether `text` is certainly no wider than `room` without shaping
    /// it: the glyphs' own advances (a missing glyph counted as a whole
    /// em), with a tenth more for any kerning that widens. Most texts are far
    /// shorter than their room; only the others are shaped.
    fn surely_within(&self, text: &str, size: f64, bold: bool, room: f64) -> bool {
        let face = usize::from(bold);
        let em = self.faces[face].0.units_per_em().max(1) as u64;
        let units: u64 = text.chars().map(|c| self.advance(face, c).unwrap_or(em)).sum();
        units as f64 * size / em as f64 * 1.1 <= room
    }

    /// The advance in font units of `c`'s glyph in the regular (0) or bold
    /// (1) face; `None` when the face has no glyph for it.
    fn advance(&self, face: usize, c: char) -> Option<u64> {
        use std::sync::atomic::Ordering::Relaxed;
        let look_up = || {
            let face = &self.faces[face].0;
            face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g))
        };
        let Some(slot) = self.advances[face].get(c as usize) else {
            return look_up().map(u64::from);
        };
        let known = match slot.load(Relaxed) {
            UNKNOWN => {
                let found = look_up().map_or(NO_GLYPH, u32::from);
                slot.store(found, Relaxed);
                found
            }
            known => known,
        };
        (known != NO_GLYPH).then_some(u64::from(known))
    }

    /// The size, at most `size` and at least `smallest` points, at which
    /// `text` fits `room` points on one line: what `mot-dong` in
    /// `chung-nhan.typ` computes when it measures during layout.
    pub fn fit_line(&self, text: &str, room: f64, size: f64, smallest: f64, bold: bool) -> f64 {
        if self.surely_within(text, size, bold, room) {
            return size;
        }
        shrink(self.width(text, size, bold, false), room, size, smallest)
    }

    /// `text` broken into lines of balanced length, as a clerk breaks a
    /// centred title by hand: the fewest lines no wider than `room` points,
    /// with the breaks that make the longest line as short as it can be for
    /// that count, then the lines as even as they can be. Breaks fall only
    /// at ordinary spaces (a no-break space keeps two words together); a
    /// word wider than `room` gets a line of its own.
    pub fn balanced_lines(&self, text: &str, room: f64, size: f64, bold: bool) -> Vec<String> {
        let words: Vec<&str> = text.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()).collect();
        let n = words.len();
        if n == 0 {
            return vec![text.trim().to_owned()];
        }
        // widths[i][k]: words i..=i+k on one line, for the lines that fit
        // (and the single words that do not).
        let widths: Vec<Vec<f64>> = (0..n)
            .map(|i| {
                let mut row = Vec::new();
                for j in i + 1..=n {
                    let w = self.width(&words[i..j].join(" "), size, bold, false);
                    if w > room && j > i + 1 {
                        break;
                    }
                    row.push(w);
                }
                row
            })
            .collect();
        let width = |i: usize, j: usize| widths[i].get(j - i - 1).copied();
        // The first words a line ending before word j can start with.
        let most = widths.iter().map(Vec::len).max().unwrap_or(1);
        let starts = |j: usize| j.saturating_sub(most)..j;
        // The fewest lines: first fit is optimal for the count.
        let mut count = 0;
        let mut i = 0;
        while i < n {
            i += widths[i].len();
            count += 1;
        }
        // best[l][j]: the least longest line setting words 0..j on l lines.
        let inf = f64::INFINITY;
        let mut best = vec![vec![inf; n + 1]; count + 1];
        best[0][0] = 0.0;
        for l in 1..=count {
            for j in 1..=n {
                for i in starts(j) {
                    if let Some(w) = width(i, j) {
                        best[l][j] = best[l][j].min(best[l - 1][i].max(w));
                    }
                }
            }
        }
        let longest = best[count][n] + 1e-6;
        // Among those, the lines closest to the longest (least squared
        // shortfall); `from` keeps each line's first word for the way back.
        let mut cost = vec![vec![inf; n + 1]; count + 1];
        let mut from = vec![vec![0; n + 1]; count + 1];
        cost[0][0] = 0.0;
        for l in 1..=count {
            for j in 1..=n {
                for i in starts(j) {
                    if let Some(w) = width(i, j).filter(|w| *w <= longest) {
                        let c = cost[l - 1][i] + (longest - w).powi(2);
                        if c < cost[l][j] {
                            cost[l][j] = c;
                            from[l][j] = i;
                        }
                    }
                }
            }
        }
        let mut lines = Vec::with_capacity(count);
        let mut j = n;
        for l in (1..=count).rev() {
            let i = from[l][j];
            lines.push(words[i..j].join(" "));
            j = i;
        }
        lines.reverse();
        lines
    }

    /// The number of lines unjustified text takes in `room` points at
    /// `size`, as Typst breaks it (first fit, at spaces), when that is
    /// certain: plain words (letters, digits, "," and ".") between single
    /// spaces, every glyph in the face, and no line within half a point of
    /// the room. `None`: only the layout can tell.
    pub fn line_count(&self, text: &str, room: f64, size: f64, bold: bool) -> Option<usize> {
        const MARGIN: f64 = 0.5;
        let plain = |c: char| c.is_alphanumeric() || matches!(c, ',' | '.');
        let face = usize::from(bold);
        if text.chars().any(|c| c != ' ' && (!plain(c) || self.advance(face, c).is_none())) {
            return None;
        }
        let words: Vec<&str> = text.split(' ').collect();
        if words.iter().any(|w| w.is_empty()) {
            return None; // leading, trailing or double spaces: an empty text too
        }
        let sure = |w: f64| (w - room).abs() >= MARGIN;
        let (mut lines, mut start) = (1, 0);
        let first = self.width(words[0], size, bold, false);
        if !sure(first) || first > room {
            return None;
        }
        for end in 1..words.len() {
            let w = self.width(&words[start..=end].join(" "), size, bold, false);
            if !sure(w) {
                return None;
            }
            if w > room {
                let alone = self.width(words[end], size, bold, false);
                if !sure(alone) || alone > room {
                    return None;
                }
                lines += 1;
                start = end;
            }
        }
        Some(lines)
    }

    /// As [`Measure::fit_line`] for text that may wrap onto about `lines`
    /// lines of `room` points; wrapping wastes part of each line, so only
    /// 0.9 of the room counts (as `vai-dong` does).
    pub fn fit_lines(&self, text: &str, room: f64, lines: f64, size: f64, smallest: f64) -> f64 {
        self.fit_line(text, room * lines * 0.9, size, smallest, false)
    }
}

fn shrink(width: f64, room: f64, size: f64, smallest: f64) -> f64 {
    if width <= room {
        return size;
    }
    (size * room / width).max(smallest)
}

/// Format characters that draw nothing (zero-width joiners, marks of
/// direction); the shaper drops them, so no glyph is needed.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter, upper and lower case, and the combining marks.
    pub fn vietnamese_repertoire() -> Vec<char> {
        let mut chars: Vec<char> = ('\u{1ea0}'..='\u{1ef9}').collect();
        chars.extend("ĂăÂâĐđÊêÔôƠơƯưÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúýĨĩŨũ".chars());
        chars.extend(['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}']);
        chars.extend('A'..='Z');
        chars.extend('a'..='z');
        chars
    }

    #[test]
    fn every_embedded_face_covers_vietnamese() {
        let set = FontSet::embedded();
        assert_eq!(set.family, LIBERATION_SERIF);
        assert_eq!(set.faces().count(), 4);
        for c in vietnamese_repertoire() {
            assert_eq!(set.missing_face(c), None, "U+{:04X} {c}", c as u32);
        }
        let names: Vec<String> = set.faces().map(|f| f.info().family.clone()).collect();
        assert!(names.iter().all(|n| n == LIBERATION_SERIF), "{names:?}");
    }

    #[test]
    fn sizes_shrink_to_the_room_and_stop_at_the_smallest() {
        let set = FontSet::embedded();
        let m = set.measure();
        let name = "Nguyễn Thị Phương Thảo";
        let wide = m.width(name, 24.0, true, false);
        // Widths scale with the size; bold is wider than regular.
        assert!((m.width(name, 12.0, true, false) * 2.0 - wide).abs() < 1e-9);
        assert!(m.width(name, 24.0, false, false) < wide);
        assert_eq!(m.fit_line(name, wide + 1.0, 24.0, 8.0, true), 24.0);
        let half = m.fit_line(name, wide / 2.0, 24.0, 8.0, true);
        assert!((half - 12.0).abs() < 1e-9, "{half}");
        assert!(m.width(name, half, true, false) <= wide / 2.0);
        assert_eq!(m.fit_line(name, 1.0, 24.0, 8.0, true), 8.0);
        // Two lines of a quarter each hold 0.9 × half the text.
        let regular = m.width(name, 24.0, false, false);
        let two = m.fit_lines(name, regular / 4.0, 2.0, 24.0, 8.0);
        assert!((two - 24.0 * 0.45).abs() < 1e-9, "{two}");
    }

    #[test]
    fn the_quick_bound_is_never_below_the_shaped_width() {
        let set = FontSet::embedded();
        let m = set.measure();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/du-an-8-2025/hoc-vien.csv"))
                .expect("example list");
        for line in text.lines().take(200) {
            for bold in [false, true] {
                let shaped = m.width(line, 14.0, bold, false);
                // Just enough room: the bound must not claim the text fits.
                assert!(!m.surely_within(line, 14.0, bold, shaped * 0.999), "{line}");
                // Ample room: the bound sees it.
                assert!(m.surely_within(line, 14.0, bold, shaped * 1.3), "{line}");
            }
        }
        // Kerned pairs ("AV", "To") and marks.
        for s in ["AVAVAVAV", "To Tô Tơ Tớ", "Ừ ữ ỹ Ỵ", "LTA Ỹ", "W.A.V."] {
            let shaped = m.width(s, 24.0, true, false);
            assert!(!m.surely_within(s, 24.0, true, shaped * 0.999), "{s}");
        }
        // A character the faces lack counts a whole em (plus the tenth),
        // inside the remembered range (U+0800) and beyond it; asked twice,
        // the second answer comes from the table.
        for c in ["\u{800}", "\u{4e00}"] {
            for _ in 0..2 {
                assert!(m.surely_within(c, 10.0, false, 11.0 + 1e-9), "{c:?}");
                assert!(!m.surely_within(c, 10.0, false, 10.99), "{c:?}");
            }
        }
    }

    #[test]
    fn balanced_lines_are_few_even_and_whole_words() {
        let set = FontSet::embedded();
        let m = set.measure();
        let short = "Thực hiện Dự án 8 năm 2025";
        assert_eq!(m.balanced_lines(short, 400.0, 14.0, true), [short]);
        // Greedy filling would leave "2025" alone on the third line.
        let text = "một hai ba bốn năm sáu bảy tám chín mười 2025";
        let room = m.width("một hai ba bốn năm", 14.0, true, false) + 0.1;
        let lines = m.balanced_lines(text, room, 14.0, true);
        assert_eq!(lines.join(" "), text);
        assert_eq!(lines.len(), 3, "{lines:?}");
        let widths: Vec<f64> = lines.iter().map(|l| m.width(l, 14.0, true, false)).collect();
        assert!(widths.iter().all(|w| *w <= room), "{widths:?}");
        let spread =
            widths.iter().copied().fold(0.0, f64::max) - widths.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(spread < m.width("bốn ", 14.0, true, false), "{lines:?}");
        // A no-break space holds, a word wider than the room stands alone.
        let lines =
            m.balanced_lines("năm\u{a0}2025 Khánh", m.width("năm 2025", 14.0, true, false), 14.0, true);
        assert_eq!(lines, ["năm\u{a0}2025", "Khánh"]);
        let lines = m.balanced_lines("a Nghiêngnghiêngnghiêng b", 20.0, 14.0, true);
        assert_eq!(lines, ["a", "Nghiêngnghiêngnghiêng", "b"]);
    }

    #[test]
    fn a_character_outside_the_fonts_is_reported() {
        let set = FontSet::embedded();
        assert_eq!(set.missing_face('漢'), Some("Regular"));
        assert_eq!(set.missing_face(' '), None);
    }
}
