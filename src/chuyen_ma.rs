//! `vanban chuyen-ma`: trainee lists typed in a legacy Vietnamese encoding
//! (TCVN3/ABC with the .VnTime fonts, VNI-Windows with VNI-Times) converted
//! to Unicode NFC, cell by cell, into a new file beside the original.
//!
//! Both encodings are 8-bit: a file shows them as its bytes read as
//! Windows-1252 (`NguyÔn`, `Nguyeãn`), whether it was saved as UTF-8 (the
//! mojibake is then real Unicode text) or as raw bytes.
//!
//! A cell is converted only when all of these hold, so that correct Unicode
//! text is never touched:
//! 1. every character of the cell other than ASCII is one the encoding uses
//!    (a cell with any Vietnamese letter outside Latin-1, such as `ễ`, is
//!    Unicode);
//! 2. every word the conversion changes becomes a Vietnamese syllable
//!    (initial, vowel nucleus, final, one tone; see [`is_syllable`]), and
//!    the result no longer looks legacy;
//! 3. the cell reads as legacy: the file is not UTF-8 at all, or
//!    [`vi::legacy_encoding`] flags the cell, or else the conversion changes
//!    only words that are not Vietnamese as they stand (`Vaên`, `NGUYÔN`)
//!    and leaves no such word.
//!
//! A row is typed in one go: in a row whose cells convert with one encoding,
//! a cell that passes 1 and 2 with it converts too, although it could be
//! Unicode (`Líp` is a word; in a TCVN3 row it is `Lớp`). When both
//! encodings pass and disagree, the row decides, then the file's majority;
//! failing that the cell is left and reported, as is a legacy-looking cell
//! neither encoding turns into Vietnamese (`Noël`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use calamine::{Data, Reader};

use crate::error::{Error, InputError, Result};
use crate::{render, vi};

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Encoding {
    /// TCVN 5712:1993 (TCVN3): lower-case letters and Ă Â Ê Ô Ơ Ư Đ where the
    /// ABC fonts (.VnTime) have them, the other capitals where the standard's
    /// full table (VN1) puts them.
    Tcvn3,
    /// VNI-Windows: a base letter followed by one mark byte.
    Vni,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI",
        }
    }
}

/// One vowel of the alphabet with its five tones, in the order none, huyền,
/// hỏi, ngã, sắc, nặng: the Unicode lower-case letters, their TCVN3 bytes
/// (lower and upper case) and VNI spellings (lower case; upper case is the
/// same characters in upper case).
struct Vowel {
    unicode: [char; 6],
    tcvn3: [u8; 6],
    tcvn3_upper: [u8; 6],
    vni: [&'static str; 6],
}

/// The one table, read both ways: legacy → Unicode for the conversion,
/// Unicode → legacy for the tests' round trips.
#[rustfmt::skip]
const VOWELS: [Vowel; 12] = [
    Vowel { unicode: ['a', 'à', 'ả', 'ã', 'á', 'ạ'], tcvn3: [b'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
            tcvn3_upper: [b'A', 0x80, 0x81, 0x82, 0x83, 0x84], vni: ["a", "aø", "aû", "aõ", "aù", "aï"] },
    Vowel { unicode: ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'], tcvn3: [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
            tcvn3_upper: [0xA1, 0xAF, 0xBA, 0xBF, 0xC0, 0x85], vni: ["aê", "aè", "aú", "aü", "aé", "aë"] },
    Vowel { unicode: ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'], tcvn3: [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
            tcvn3_upper: [0xA2, 0xC1, 0xC2, 0xC3, 0xC4, 0x86], vni: ["aâ", "aà", "aå", "aã", "aá", "aä"] },
    Vowel { unicode: ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'], tcvn3: [b'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
            tcvn3_upper: [b'E', 0x87, 0x88, 0x89, 0x8A, 0x8B], vni: ["e", "eø", "eû", "eõ", "eù", "eï"] },
    Vowel { unicode: ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'], tcvn3: [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
            tcvn3_upper: [0xA3, 0xC5, 0xCD, 0xD9, 0xDA, 0x8C], vni: ["eâ", "eà", "eå", "eã", "eá", "eä"] },
    Vowel { unicode: ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'], tcvn3: [b'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
            tcvn3_upper: [b'I', 0x8D, 0x8E, 0x8F, 0x90, 0x91], vni: ["i", "ì", "æ", "ó", "í", "ò"] },
    Vowel { unicode: ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'], tcvn3: [b'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
            tcvn3_upper: [b'O', 0x92, 0x93, 0x94, 0x95, 0x96], vni: ["o", "oø", "oû", "oõ", "où", "oï"] },
    Vowel { unicode: ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'], tcvn3: [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
            tcvn3_upper: [0xA4, 0xDB, 0xE0, 0xF0, 0xFF, 0x97], vni: ["oâ", "oà", "oå", "oã", "oá", "oä"] },
    Vowel { unicode: ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'], tcvn3: [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],
            tcvn3_upper: [0xA5, 0x98, 0x99, 0x9A, 0x9B, 0x9C], vni: ["ô", "ôø", "ôû", "ôõ", "ôù", "ôï"] },
    Vowel { unicode: ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'], tcvn3: [b'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
            tcvn3_upper: [b'U', 0x9D, 0x9E, 0x9F, 0x01, 0x02], vni: ["u", "uø", "uû", "uõ", "uù", "uï"] },
    Vowel { unicode: ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'], tcvn3: [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
            tcvn3_upper: [0xA6, 0x04, 0x05, 0x06, 0x11, 0x12], vni: ["ö", "öø", "öû", "öõ", "öù", "öï"] },
    Vowel { unicode: ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'], tcvn3: [b'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
            tcvn3_upper: [b'Y', 0x13, 0x14, 0x15, 0x16, 0x17], vni: ["y", "yø", "yû", "yõ", "yù", "î"] },
];

/// đ and Đ: (Unicode, TCVN3, VNI).
const D_BAR: [(char, u8, &str); 2] = [('đ', 0xAE, "ñ"), ('Đ', 0xA7, "Ñ")];

/// Every Vietnamese letter that is not plain ASCII, with its TCVN3 byte and
/// VNI spelling, lower and upper case.
fn letters() -> impl Iterator<Item = (char, u8, String)> {
    let vowels = VOWELS.iter().flat_map(|v| {
        (0..6).flat_map(move |t| {
            let lower = v.unicode[t];
            let upper = to_upper(lower);
            [(lower, v.tcvn3[t], v.vni[t].to_owned()), (upper, v.tcvn3_upper[t], v.vni[t].to_uppercase())]
        })
    });
    vowels.chain(D_BAR.iter().map(|&(c, b, s)| (c, b, s.to_owned()))).filter(|(c, _, _)| !c.is_ascii())
}

/// Unicode letter → (TCVN3 byte, VNI spelling).
static TO_LEGACY: LazyLock<BTreeMap<char, (u8, String)>> =
    LazyLock::new(|| letters().map(|(c, b, v)| (c, (b, v))).collect());

/// TCVN3 byte → letter.
static FROM_TCVN3: LazyLock<[Option<char>; 256]> = LazyLock::new(|| {
    let mut table = [None; 256];
    for (c, b, _) in letters() {
        table[usize::from(b)] = Some(c);
    }
    table
});

/// VNI spelling → letter; a capital base letter with a lower-case mark
/// (`Aù`, seen in hand-fixed files) is the capital too.
static FROM_VNI: LazyLock<BTreeMap<String, char>> = LazyLock::new(|| {
    let mut table = BTreeMap::new();
    for (c, _, v) in letters() {
        if c.is_uppercase() && v.chars().count() == 2 {
            let mut mixed: Vec<char> = v.chars().collect();
            mixed[1] = mixed[1].to_lowercase().next().unwrap_or(mixed[1]);
            table.entry(mixed.into_iter().collect()).or_insert(c);
        }
        table.insert(v, c);
    }
    table
});

/// Vietnamese letters have one-character capitals.
fn to_upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// Windows-1252 for 0x80–0x9F (the five unassigned bytes read as C1
/// controls, as Windows does); every other byte is its Latin-1 character.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// A byte as Windows-1252 shows it.
fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The byte a character is in Windows-1252 (C1 controls stand for
/// themselves), if any.
pub fn cp1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ (0..=0x7F | 0xA0..=0xFF) => Some(n as u8),
        n @ 0x80..=0x9F => Some(n as u8),
        _ => CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// Bytes that are not UTF-8, one character per byte.
pub fn cp1252_text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

/// Text as Windows-1252 bytes (the tests' raw 8-bit files), if it fits.
pub fn cp1252_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars().map(cp1252_byte).collect()
}

/// Unicode text in a legacy encoding, as its bytes read as Windows-1252
/// show it. Other characters are kept.
pub fn encode(s: &str, encoding: Encoding) -> String {
    s.chars()
        .map(|c| match (TO_LEGACY.get(&c), encoding) {
            (Some((b, _)), Encoding::Tcvn3) => cp1252_char(*b).to_string(),
            (Some((_, v)), Encoding::Vni) => v.clone(),
            (None, _) => c.to_string(),
        })
        .collect()
}

/// The TCVN3 letter a character stands for, if any.
fn tcvn3_letter(c: char) -> Option<char> {
    let b = cp1252_byte(c)?;
    if b.is_ascii_alphabetic() {
        return Some(c);
    }
    FROM_TCVN3[usize::from(b)]
}

/// The bytes 0x80–0x9F hold capitals in TCVN3's full table, but files typed
/// with the ABC fonts have Windows punctuation there (‘ ’ “ ” – — …).
fn in_punctuation_block(c: char) -> bool {
    cp1252_byte(c).is_some_and(|b| (0x80..=0x9F).contains(&b))
}

/// A character that is a letter whatever the context: ASCII, or a TCVN3
/// letter outside the punctuation block.
fn tcvn3_sure_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (!in_punctuation_block(c) && tcvn3_letter(c).is_some_and(|l| l.is_alphabetic()))
}

fn is_vowel(c: char) -> bool {
    matches!(quality_and_tone(c), Some((q, _)) if VOWELS.iter().any(|v| v.unicode[0] == q))
}

/// The ABC fonts have no capitals with a tone: upper-case text is typed in
/// their .VnTimeH twins, whose lower-case codes draw capitals. A cell with
/// no lower-case ASCII letter and a word of two or more ASCII letters
/// (`NGUYÔN`, not the ambiguous `Hå`) was typed so.
fn upper_case_cell(chars: &[char]) -> bool {
    !chars.iter().any(|c| c.is_ascii_lowercase())
        && chars
            .split(|c| c.is_whitespace() || c.is_ascii_punctuation())
            .any(|word| word.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
}

/// Whether a character of the punctuation block at `i` is a capital: it
/// starts a word before a lower-case letter (`Ủy`), or sits in an
/// upper-case cell, and what follows it in the word is what may follow a
/// syllable's vowel (no consonant then vowel: `HÒA`, not `H’MÔNG`).
fn tcvn3_capital_here(chars: &[char], i: usize, upper: bool) -> bool {
    let after_letter = i > 0 && tcvn3_sure_letter(chars[i - 1]);
    let Some(&next) = chars.get(i + 1).filter(|c| tcvn3_sure_letter(**c)) else {
        // At a word's end in a line of capitals, right after a letter: the
        // word's last letter ("XÃ", "NGÃ"), not a low quotation mark.
        return upper && after_letter;
    };
    let word_start = i == 0 || !tcvn3_sure_letter(chars[i - 1]);
    let next_lower = tcvn3_letter(next).is_some_and(|l| l.is_lowercase());
    if !(upper || (word_start && next_lower)) {
        return false;
    }
    let tail: Vec<char> = chars[i + 1..]
        .iter()
        .take_while(|c| tcvn3_sure_letter(**c))
        .filter_map(|c| tcvn3_letter(*c))
        .collect();
    !tail.windows(2).any(|w| !is_vowel(w[0]) && is_vowel(w[1]))
}

/// A cell read with one encoding's table, whatever it holds.
pub fn decode(s: &str, encoding: Encoding) -> String {
    let chars: Vec<char> = s.chars().collect();
    match encoding {
        Encoding::Tcvn3 => {
            let upper = upper_case_cell(&chars);
            let mut out = String::with_capacity(s.len());
            for (i, &c) in chars.iter().enumerate() {
                match tcvn3_letter(c) {
                    Some(l) if l == c => out.push(c),
                    Some(l) if in_punctuation_block(c) => {
                        out.push(if tcvn3_capital_here(&chars, i, upper) { l } else { c })
                    }
                    Some(l) if upper => out.push(to_upper(l)),
                    Some(l) => out.push(l),
                    None => out.push(c),
                }
            }
            out
        }
        Encoding::Vni => {
            let mut out = String::with_capacity(s.len());
            let mut i = 0;
            while i < chars.len() {
                let pair: String = chars[i..chars.len().min(i + 2)].iter().collect();
                if let Some(&l) = FROM_VNI.get(pair.as_str()).filter(|_| pair.chars().count() == 2) {
                    out.push(l);
                    i += 2;
                } else if let Some(&l) = FROM_VNI.get(chars[i].to_string().as_str()) {
                    out.push(l);
                    i += 1;
                } else {
                    out.push(chars[i]);
                    i += 1;
                }
            }
            out
        }
    }
}

/// Whether an encoding uses a character (ASCII aside).
fn uses(encoding: Encoding, c: char) -> bool {
    match encoding {
        Encoding::Tcvn3 => cp1252_byte(c).is_some(),
        Encoding::Vni => c == '\u{a0}' || FROM_VNI.keys().any(|v| v.contains(c)),
    }
}

/// A letter's vowel quality (a, ă, â, …, or the consonant itself) and tone
/// (0 none, then huyền, hỏi, ngã, sắc, nặng), lower case.
fn quality_and_tone(c: char) -> Option<(char, usize)> {
    let c = c.to_lowercase().next()?;
    if c.is_ascii_lowercase() || c == 'đ' {
        return Some((c, 0));
    }
    VOWELS.iter().find_map(|v| v.unicode.iter().position(|&u| u == c).map(|t| (v.unicode[0], t)))
}

/// With `sl` of Tày and Nùng names (Slảng).
const INITIALS: [&str; 30] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "q", "qu", "r", "s", "sl", "t", "th", "tr", "v", "x",
];
/// With `k` of the Central Highlands' names (Đắk Lắk).
const FINALS: [&str; 10] = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];
const NUCLEI: [&str; 55] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo",
    "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ",
    "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu",
    "uya", "uyê", "uyu",
];

/// Whether a word (letters only) is a Vietnamese syllable: an initial
/// consonant, a vowel nucleus, a final consonant, at most one tone, and
/// only sắc or nặng before c, ch, k, p, t.
pub fn is_syllable(word: &str) -> bool {
    let Some(letters): Option<Vec<(char, usize)>> = word.chars().map(quality_and_tone).collect() else {
        return false;
    };
    let tones: Vec<usize> = letters.iter().map(|l| l.1).filter(|t| *t > 0).collect();
    if tones.len() > 1 {
        return false;
    }
    let tone = tones.first().copied().unwrap_or(0);
    let plain: String = letters.iter().map(|l| l.0).collect();
    INITIALS.iter().any(|initial| {
        let Some(rest) = plain.strip_prefix(initial) else { return false };
        FINALS.iter().any(|fin| {
            rest.strip_suffix(fin).is_some_and(|nucleus| {
                NUCLEI.contains(&nucleus) && (!matches!(*fin, "c" | "ch" | "k" | "p" | "t") || tone >= 4)
            })
        })
    })
}

/// The words of a cell: runs between spaces and ASCII punctuation. No
/// conversion moves these boundaries.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).collect()
}

/// Every run of letters in `word` is a syllable.
fn all_syllables(word: &str) -> bool {
    word.split(|c: char| !c.is_alphabetic()).filter(|r| !r.is_empty()).all(is_syllable)
}

/// What became of one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Unicode (or plain ASCII): left as it is.
    Unchanged,
    /// Converted with this encoding.
    Converted(Encoding, String),
    /// Both encodings give Vietnamese text, differently.
    Ambiguous(Vec<(Encoding, String)>),
    /// Looks legacy, but neither encoding makes Vietnamese of this word.
    Unconvertible(String),
}

/// A cell read with one encoding, if that makes Vietnamese of it: it uses
/// only that encoding's characters, every word the reading changes is a
/// syllable, and nothing in the result looks legacy any more. In a raw
/// file, reading as it is counts too when all its words are syllables
/// (VNI writes `Bình` as `Bình`).
fn reading(cell: &str, encoding: Encoding, raw: bool) -> Option<String> {
    if !cell.chars().all(|c| c.is_ascii() || uses(encoding, c)) {
        return None;
    }
    let out = decode(cell, encoding);
    let mended = if out == cell {
        raw && words(cell).iter().all(|w| w.is_ascii() || all_syllables(w))
    } else {
        words(cell).iter().zip(words(&out)).all(|(a, b)| a == &b || all_syllables(b))
    };
    (mended && vi::legacy_encoding(&out).is_none()).then(|| vi::nfc(&out))
}

/// One cell's conversion, alone; `raw` when the file was not UTF-8, so
/// that nothing in it is Unicode yet.
pub fn convert_cell(cell: &str, raw: bool) -> Outcome {
    // TCVN3 puts a few capitals at control codes; other ASCII is plain.
    if cell.chars().all(|c| c.is_ascii() && (!c.is_ascii_control() || c.is_ascii_whitespace())) {
        return Outcome::Unchanged;
    }
    let flagged = vi::legacy_encoding(cell);
    let candidates: Vec<(Encoding, String)> = [Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .filter_map(|e| Some((e, reading(cell, e, raw)?)))
        .collect();
    let candidates: Vec<(Encoding, String)> = if raw || flagged.is_some() {
        candidates
    } else {
        // Unflagged, a cell converts only to mend words that are not
        // Vietnamese as they stand (`Vaên`, `NGUYÔN`), leaving every word
        // that is, and ending all Vietnamese.
        candidates
            .into_iter()
            .filter(|(_, out)| {
                words(cell)
                    .iter()
                    .zip(words(out))
                    .all(|(a, b)| (a == &b || !all_syllables(a)) && (b.is_ascii() || all_syllables(b)))
            })
            .collect()
    };
    match candidates.as_slice() {
        [] => match flagged {
            Some(word) => Outcome::Unconvertible(word.to_owned()),
            // A raw file's cell that neither table reads: say which word.
            None if raw => Outcome::Unconvertible(
                words(cell).into_iter().find(|w| !w.is_ascii()).unwrap_or(cell).to_owned(),
            ),
            None => Outcome::Unchanged,
        },
        [(e, out)] => Outcome::Converted(*e, out.clone()),
        [(e, a), (_, b)] if a == b => Outcome::Converted(*e, a.clone()),
        _ => Outcome::Ambiguous(candidates),
    }
}

/// One cell of a table, where a spreadsheet shows it.
#[derive(Debug, Clone)]
struct Cell {
    /// 0-based row and column.
    row: usize,
    col: usize,
    text: String,
}

/// A cell that was converted, for the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    sheet: Option<String>,
    /// Row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    pub column: String,
    pub before: String,
    pub after: String,
    pub encoding: Encoding,
}

/// Converted cells by (row, column), and the cells left with the reason.
type Decisions = (BTreeMap<(usize, usize), (Encoding, String)>, Vec<(usize, usize, String)>);

/// Decides every cell of one table. Each cell alone first; then a row
/// whose cells convert with one encoding reads its other cells that way
/// too, when that makes Vietnamese of them (`Líp` is a word as it stands,
/// but in a TCVN3 row it is Lớp), and settles its cells that read either
/// way; failing a row, the table's majority settles them.
fn decide(cells: &[Cell], raw: bool) -> Decisions {
    let outcomes: Vec<Outcome> = cells.iter().map(|c| convert_cell(&c.text, raw)).collect();
    // Majorities among the cells that are not in doubt, by row and overall.
    let mut by_row: BTreeMap<(usize, Encoding), usize> = BTreeMap::new();
    let mut overall: BTreeMap<Encoding, usize> = BTreeMap::new();
    for (cell, outcome) in cells.iter().zip(&outcomes) {
        if let Outcome::Converted(e, s) = outcome
            && s != &cell.text
        {
            *by_row.entry((cell.row, *e)).or_default() += 1;
            *overall.entry(*e).or_default() += 1;
        }
    }
    let majority = |count: &dyn Fn(Encoding) -> usize| {
        let (t, v) = (count(Encoding::Tcvn3), count(Encoding::Vni));
        if t > v {
            Some(Encoding::Tcvn3)
        } else if v > t {
            Some(Encoding::Vni)
        } else {
            None
        }
    };
    let mut converted = BTreeMap::new();
    let mut left = Vec::new();
    for (cell, outcome) in cells.iter().zip(outcomes) {
        let row_choice = majority(&|e| by_row.get(&(cell.row, e)).copied().unwrap_or(0));
        let choice = match outcome {
            Outcome::Unchanged => row_choice.and_then(|e| Some((e, reading(&cell.text, e, raw)?))),
            Outcome::Converted(e, s) => Some((e, s)),
            Outcome::Ambiguous(options) => {
                let choice = row_choice.or_else(|| majority(&|e| overall.get(&e).copied().unwrap_or(0)));
                let found = options.into_iter().find(|(e, _)| Some(*e) == choice);
                if found.is_none() {
                    left.push((
                        cell.row,
                        cell.col,
                        format!(
                            "'{}' đọc được theo cả TCVN3 lẫn VNI, không rõ bảng mã nào",
                            visible(&cell.text)
                        ),
                    ));
                }
                found
            }
            Outcome::Unconvertible(word) => {
                left.push((
                    cell.row,
                    cell.col,
                    format!(
                        "'{}' có dạng bảng mã cũ nhưng đọc theo TCVN3 hay VNI đều không ra chữ Việt",
                        visible(&word)
                    ),
                ));
                None
            }
        };
        // A raw file's cell read as it is stays as it is.
        if let Some((e, s)) = choice.filter(|(_, s)| *s != cell.text) {
            converted.insert((cell.row, cell.col), (e, s));
        }
    }
    (converted, left)
}

/// Control characters (TCVN3 puts some capitals there) and the soft hyphen
/// (its ư) shown as code points: a listing never sends the first to the
/// terminal, nor hides the second.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{ad}' { format!("\\u{{{:x}}}", u32::from(c)) } else { c.to_string() }
        })
        .collect()
}

/// A CSV field: record (0-based; blank lines are not records, as the csv
/// reader has it), column, and the byte range of its text (inside the
/// quotes when quoted).
struct Field {
    record: usize,
    col: usize,
    range: std::ops::Range<usize>,
    quoted: bool,
}

/// Splits CSV text (comma, double quotes doubled inside quoted fields) into
/// fields, keeping their places so a converted file differs from the
/// original only in the converted cells.
fn csv_fields(text: &str) -> Vec<Field> {
    let b = text.as_bytes();
    let mut fields = Vec::new();
    let (mut i, mut record, mut col) = (0, 0, 0);
    while i < b.len() {
        if col == 0 && (b[i] == b'\n' || b[i] == b'\r') {
            i += 1;
            continue;
        }
        let (range, quoted, mut j) = if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && !(b[j] == b'"' && b.get(j + 1) != Some(&b'"')) {
                j += if b[j] == b'"' { 2 } else { 1 };
            }
            (i + 1..j.min(b.len()), true, (j + 1).min(b.len()))
        } else {
            let end =
                b[i..].iter().position(|c| matches!(c, b',' | b'\n' | b'\r')).map_or(b.len(), |p| i + p);
            (i..end, false, end)
        };
        // Anything after a closing quote belongs to the field (and stays as it is).
        while j < b.len() && !matches!(b[j], b',' | b'\n' | b'\r') {
            j += 1;
        }
        fields.push(Field { record, col, range, quoted });
        match b.get(j) {
            Some(b',') => {
                col += 1;
                i = j + 1;
                if i == b.len() {
                    fields.push(Field { record, col, range: i..i, quoted: false });
                }
            }
            Some(_) => {
                record += 1;
                col = 0;
                i = j + 1;
            }
            None => break,
        }
    }
    fields
}

/// Where a converted file goes: `-o`, or `<stem>-unicode.<ext>` beside the
/// input (`.xlsx` for any workbook). Never the input, never a file that
/// exists.
fn output_path(input: &Path, output: Option<&Path>) -> Result<PathBuf> {
    let out = output.map(Path::to_owned).unwrap_or_else(|| default_output(input));
    if out.symlink_metadata().is_ok() {
        let same = match (input.canonicalize(), out.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        return Err(Error::Usage(if same {
            format!(
                "tệp đầu ra '{}' chính là tệp gốc; vanban không ghi đè tệp gốc: chọn tên khác bằng -o",
                out.display()
            )
        } else {
            format!(
                "tệp '{}' đã có; vanban không ghi đè: xóa tệp đó hoặc chọn tên khác bằng -o",
                out.display()
            )
        }));
    }
    Ok(out)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// The command that converts a list, as a clerk types it (quoted when the
/// name has spaces), for the messages that refuse a legacy list.
pub fn command_for(path: &Path) -> String {
    let name = path.display().to_string();
    if name.chars().any(|c| c.is_whitespace() || "'\"$&;()|<>*?`".contains(c)) {
        format!("vanban chuyen-ma \"{name}\"")
    } else {
        format!("vanban chuyen-ma {name}")
    }
}

/// The file `vanban chuyen-ma` writes for a list by default.
pub fn default_output(path: &Path) -> PathBuf {
    let workbook = extension(path) != "csv";
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = if workbook { "xlsx".to_owned() } else { extension(path) };
    path.with_file_name(format!("{stem}-unicode.{ext}"))
}

/// `vanban chuyen-ma FILE [-o OUT]`.
pub fn command(input: &Path, output: Option<&Path>) -> Result<()> {
    let workbook = match extension(input).as_str() {
        "csv" => false,
        "xlsx" | "xlsm" | "xls" | "ods" => true,
        _ => {
            return Err(Error::input(InputError::new(
                input,
                "",
                "chỉ chuyển mã được danh sách dạng .csv hoặc .xlsx",
            )));
        }
    };
    if !input.is_file() {
        return Err(Error::io(
            "không đọc được tệp",
            input,
            std::io::Error::new(std::io::ErrorKind::NotFound, "không có tệp này"),
        ));
    }
    let out = output_path(input, output)?;
    let (changes, left, bytes) = if workbook { convert_workbook(input)? } else { convert_csv(input)? };
    for c in &changes {
        println!(
            "{}dòng {}, cột '{}': '{}' → '{}' ({})",
            c.sheet.as_ref().map(|s| format!("trang '{s}', ")).unwrap_or_default(),
            c.row,
            c.column,
            visible(&c.before),
            c.after,
            c.encoding.name()
        );
    }
    for line in &left {
        eprintln!("cảnh báo: {line}; giữ nguyên, hãy sửa tay");
    }
    if changes.is_empty() {
        eprintln!("không có ô nào cần chuyển sang Unicode trong {}; không ghi tệp nào", input.display());
        return Ok(());
    }
    write_new(&out, &bytes)?;
    eprintln!("đã chuyển {} ô sang Unicode; ghi {}", changes.len(), out.display());
    Ok(())
}

/// Writes beside the target and gives the file its name only if no file
/// has it meanwhile: the original and any existing file stay untouched.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = render::beside(path)?;
    tmp.write_all(bytes).map_err(|e| Error::io("không ghi được tệp", path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io("không ghi được tệp", path, e))?;
    tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
            "tệp '{}' đã có; vanban không ghi đè: xóa tệp đó hoặc chọn tên khác bằng -o",
            path.display()
        )),
        _ => Error::io("không ghi được tệp", path, e.error),
    })?;
    Ok(())
}

/// The label of a cell's column: its header (converted, if it was).
fn column_label(header: &BTreeMap<usize, String>, col: usize) -> String {
    header.get(&col).cloned().unwrap_or_else(|| format!("cột {}", col + 1))
}

type Conversion = (Vec<Change>, Vec<String>, Vec<u8>);

/// A CSV list: UTF-8 (with its BOM, if any) or raw 8-bit bytes, rewritten
/// with only the converted cells changed. A raw file comes out as UTF-8
/// with a BOM, so that Excel reads it as Unicode.
fn convert_csv(path: &Path) -> Result<Conversion> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("không đọc được tệp", path, e))?;
    let (text, raw) = match String::from_utf8(bytes) {
        Ok(t) => (t, false),
        Err(e) => (cp1252_text(e.as_bytes()), true),
    };
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => (if raw { "\u{feff}" } else { "" }, text.as_str()),
    };
    let fields = csv_fields(body);
    let value = |f: &Field| {
        let s = &body[f.range.clone()];
        if f.quoted { s.replace("\"\"", "\"") } else { s.to_owned() }
    };
    let cells: Vec<Cell> =
        fields.iter().map(|f| Cell { row: f.record, col: f.col, text: value(f) }).collect();
    let (converted, left) = decide(&cells, raw);
    let mut header = BTreeMap::new();
    for c in cells.iter().filter(|c| c.row == 0) {
        let text = converted.get(&(0, c.col)).map(|(_, s)| s.clone()).unwrap_or_else(|| c.text.clone());
        header.insert(c.col, text.trim().to_owned());
    }
    let mut out = String::with_capacity(body.len() + 3);
    out.push_str(bom);
    let mut last = 0;
    let mut changes = Vec::new();
    for (f, cell) in fields.iter().zip(&cells) {
        let Some((encoding, after)) = converted.get(&(f.record, f.col)) else { continue };
        out.push_str(&body[last..f.range.start]);
        out.push_str(&if f.quoted { after.replace('"', "\"\"") } else { after.clone() });
        last = f.range.end;
        changes.push(Change {
            sheet: None,
            row: f.record + 1,
            column: column_label(&header, f.col),
            before: cell.text.clone(),
            after: after.clone(),
            encoding: *encoding,
        });
    }
    out.push_str(&body[last..]);
    let left = left
        .into_iter()
        .map(|(row, col, why)| format!("dòng {}, cột '{}': {why}", row + 1, column_label(&header, col)))
        .collect();
    Ok((changes, left, out.into_bytes()))
}

/// A workbook: every sheet, every cell's value (strings converted, numbers,
/// booleans and dates as they were), the sheet names, written as a new .xlsx.
/// Formatting (widths, fonts) is not kept: a legacy list's cells carry the
/// .VnTime font, which would draw the Unicode text wrong.
fn convert_workbook(path: &Path) -> Result<Conversion> {
    let bad = |m: String| Error::input(InputError::new(path, "", m));
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| bad(format!("không đọc được tệp Excel: {e}")))?;
    let names = book.sheet_names().to_vec();
    let several = names.len() > 1;
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let date_time = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let duration = rust_xlsxwriter::Format::new().set_num_format("[h]:mm:ss");
    let mut changes = Vec::new();
    let mut left_all = Vec::new();
    let write_error = |e: rust_xlsxwriter::XlsxError| bad(format!("không ghi được tệp Excel: {e}"));
    for name in &names {
        let range = book
            .worksheet_range(name)
            .map_err(|e| bad(format!("không đọc được trang tính '{name}': {e}")))?;
        let (top, left_col) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
        let cells: Vec<Cell> = range
            .used_cells()
            .filter_map(|(r, c, d)| match d {
                Data::String(s) => Some(Cell { row: top + r, col: left_col + c, text: s.clone() }),
                _ => None,
            })
            .collect();
        let (converted, left) = decide(&cells, false);
        let header: BTreeMap<usize, String> = cells
            .iter()
            .filter(|c| c.row == top)
            .map(|c| {
                let text =
                    converted.get(&(c.row, c.col)).map(|(_, s)| s.clone()).unwrap_or_else(|| c.text.clone());
                (c.col, text.trim().to_owned())
            })
            .collect();
        let sheet = out.add_worksheet();
        sheet.set_name(name).map_err(write_error)?;
        for (r, c, d) in range.used_cells() {
            let (row, col) = (top + r, left_col + c);
            let (xr, xc) = (row as u32, col as u16);
            match d {
                Data::String(s) => {
                    let text = match converted.get(&(row, col)) {
                        Some((encoding, after)) => {
                            changes.push(Change {
                                sheet: several.then(|| name.clone()),
                                row: row + 1,
                                column: column_label(&header, col),
                                before: s.clone(),
                                after: after.clone(),
                                encoding: *encoding,
                            });
                            after
                        }
                        None => s,
                    };
                    sheet.write_string(xr, xc, text).map_err(write_error)?;
                }
                Data::Float(f) => {
                    sheet.write_number(xr, xc, *f).map_err(write_error)?;
                }
                Data::Int(i) => {
                    sheet.write_number(xr, xc, *i as f64).map_err(write_error)?;
                }
                Data::Bool(b) => {
                    sheet.write_boolean(xr, xc, *b).map_err(write_error)?;
                }
                Data::DateTime(dt) => {
                    let value = dt.as_f64();
                    // Without calamine's chrono feature, a duration shows only by comparison.
                    let duration_of = |is_1904| {
                        *dt == calamine::ExcelDateTime::new(
                            value,
                            calamine::ExcelDateTimeType::TimeDelta,
                            is_1904,
                        )
                    };
                    let format = if duration_of(false) || duration_of(true) {
                        &duration
                    } else if value.fract() == 0.0 {
                        &date
                    } else {
                        &date_time
                    };
                    sheet.write_number_with_format(xr, xc, value, format).map_err(write_error)?;
                }
                Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    sheet.write_string(xr, xc, s).map_err(write_error)?;
                }
                Data::Error(e) => {
                    sheet.write_string(xr, xc, e.to_string()).map_err(write_error)?;
                }
                Data::Empty => {}
            }
        }
        sheet.autofit();
        let prefix = if several { format!("trang '{name}', ") } else { String::new() };
        left_all.extend(left.into_iter().map(|(row, col, why)| {
            format!("{prefix}dòng {}, cột '{}': {why}", row + 1, column_label(&header, col))
        }));
    }
    let bytes = out.save_to_buffer().map_err(write_error)?;
    Ok((changes, left_all, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The combining marks of the tones, in the table's order.
    const TONE_MARKS: [Option<char>; 6] =
        [None, Some('\u{300}'), Some('\u{309}'), Some('\u{303}'), Some('\u{301}'), Some('\u{323}')];

    #[test]
    fn the_table_has_every_letter_with_every_tone_once() {
        // Each row is its vowel with the tones in order: checked against
        // Unicode's own decomposition, so a mistyped letter fails here.
        for v in &VOWELS {
            for (t, &c) in v.unicode.iter().enumerate() {
                let expected: String =
                    v.unicode[0].to_string().chars().chain(TONE_MARKS[t]).collect::<String>().nfc().collect();
                assert_eq!(c.to_string(), expected, "{c}");
            }
        }
        let all: Vec<(char, u8, String)> = letters().collect();
        // 12 vowels × 6 tones × 2 cases + đ, Đ, less the 12 plain ASCII vowels.
        assert_eq!(all.len(), 12 * 6 * 2 + 2 - 12);
        let mut chars: Vec<char> = all.iter().map(|l| l.0).collect();
        let mut bytes: Vec<u8> = all.iter().map(|l| l.1).collect();
        let mut vni: Vec<String> = all.iter().map(|l| l.2.clone()).collect();
        for v in [&mut chars.len(), &mut bytes.len(), &mut vni.len()] {
            assert_eq!(*v, all.len());
        }
        chars.sort();
        chars.dedup();
        bytes.sort();
        bytes.dedup();
        vni.sort();
        vni.dedup();
        assert_eq!((chars.len(), bytes.len(), vni.len()), (all.len(), all.len(), all.len()));
    }

    #[test]
    fn every_letter_with_every_tone_round_trips_through_both_tables() {
        for (c, _, _) in letters() {
            let (l, u) = (c.to_lowercase().next().unwrap(), to_upper(c));
            // Inside a lower-case word, starting a title-case word, inside an
            // upper-case one: the places a letter takes in a list.
            for word in [format!("n{l}n"), format!("{u}n"), format!("N{u}N"), l.to_string()] {
                for e in [Encoding::Tcvn3, Encoding::Vni] {
                    assert_eq!(decode(&encode(&word, e), e), word, "{word} via {}", e.name());
                }
            }
            assert_eq!(decode(&encode(&u.to_string(), Encoding::Vni), Encoding::Vni), u.to_string());
        }
    }

    /// TCVN 5712:1993 byte by byte, as the standard's table (VN1) has it,
    /// written out apart from the table above.
    #[test]
    fn the_tcvn3_table_is_the_standard() {
        let high =
            "ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";
        let block = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ";
        let controls = "\u{1}Ú\u{2}Ụ\u{4}Ừ\u{5}Ử\u{6}Ữ\u{11}Ứ\u{12}Ự\u{13}Ỳ\u{14}Ỷ\u{15}Ỹ\u{16}Ý\u{17}Ỵ";
        let mut expected: Vec<(u8, char)> = (0xA1..=0xFF).zip(high.chars()).collect();
        expected.extend((0x80..=0x9F).zip(block.chars()));
        let c: Vec<char> = controls.chars().collect();
        expected.extend(c.chunks(2).map(|p| (p[0] as u8, p[1])));
        expected.retain(|(b, _)| !(0xB0..=0xB4).contains(b)); // VN1's combining marks: not used
        assert_eq!(expected.len(), 12 * 6 * 2 + 2 - 12);
        for (b, c) in expected {
            assert_eq!(FROM_TCVN3[usize::from(b)], Some(c), "byte {b:#x}");
        }
    }

    /// VNI-Windows, written out apart from the table above.
    #[test]
    fn the_vni_table_is_vni_windows() {
        let vni = "aù aø aû aõ aï aâ aê aá aà aå aã aä aé aè aú aü aë eù eø eû eõ eï eâ eá eà eå eã eä \
                   í ì æ ó ò où oø oû oõ oï oâ ô oá oà oå oã oä ôù ôø ôû ôõ ôï \
                   uù uø uû uõ uï ö öù öø öû öõ öï yù yø yû yõ î ñ";
        let unicode = "á à ả ã ạ â ă ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ é è ẻ ẽ ẹ ê ế ề ể ễ ệ \
                   í ì ỉ ĩ ị ó ò ỏ õ ọ ô ơ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ \
                   ú ù ủ ũ ụ ư ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ";
        assert_eq!(decode(vni, Encoding::Vni), unicode);
        assert_eq!(decode(&vni.to_uppercase(), Encoding::Vni), unicode.to_uppercase());
        assert_eq!(encode(unicode, Encoding::Vni), vni);
    }

    #[test]
    fn known_texts_decode() {
        let motto = "Cộng hòa xã hội chủ nghĩa Việt Nam";
        assert_eq!(decode("Céng hßa x· héi chñ nghÜa ViÖt Nam", Encoding::Tcvn3), motto);
        assert_eq!(decode("§éc lËp - Tù do - H¹nh phóc", Encoding::Tcvn3), "Độc lập - Tự do - Hạnh phúc");
        assert_eq!(decode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", Encoding::Vni), motto);
        assert_eq!(encode(motto, Encoding::Tcvn3), "Céng hßa x· héi chñ nghÜa ViÖt Nam");
        // Typed in .VnTimeH: lower-case codes, drawn as capitals.
        assert_eq!(decode("NGUYÔN V¡N Hå", Encoding::Tcvn3), "NGUYỄN VĂN HỒ");
        // One ASCII letter a word: "Hồ", not "HỒ".
        assert_eq!(decode("Lª Hå", Encoding::Tcvn3), "Lê Hồ");
        // Windows punctuation in an ABC file stays punctuation.
        assert_eq!(decode("H’M«ng – “Hoa”", Encoding::Tcvn3), "H’Mông – “Hoa”");
        assert_eq!(decode("H’M«NG", Encoding::Tcvn3), "H’MÔNG");
        assert_eq!(decode("CéNG H’A", Encoding::Tcvn3), "CỘNG HÒA");
    }

    #[test]
    fn cells_convert_with_the_right_table() {
        let tcvn3 = Outcome::Converted(Encoding::Tcvn3, "Nguyễn Văn An".into());
        assert_eq!(convert_cell("NguyÔn V¨n An", false), tcvn3);
        assert_eq!(
            convert_cell("Nguyeãn Vaên An", false),
            Outcome::Converted(Encoding::Vni, "Nguyễn Văn An".into())
        );
        // Only "ê" after "a" gives VNI "Vaên" away; the detector misses it.
        assert_eq!(convert_cell("Vaên", false), Outcome::Converted(Encoding::Vni, "Văn".into()));
        assert_eq!(
            convert_cell("NGUYÔN V¡N AN", false),
            Outcome::Converted(Encoding::Tcvn3, "NGUYỄN VĂN AN".into())
        );
        assert_eq!(convert_cell("Ph\u{f2}ng D\u{e2}n t\u{f4}c", false), Outcome::Unchanged);
        // A raw 8-bit file is legacy even where the text would pass for Unicode.
        assert_eq!(
            convert_cell("Vò", true),
            Outcome::Ambiguous(vec![(Encoding::Tcvn3, "Vũ".into()), (Encoding::Vni, "Vị".into())])
        );
    }

    #[test]
    fn unicode_and_foreign_text_is_never_converted() {
        for s in [
            "Nguyễn Văn An",
            "Hoàng Thị Phương Thảo",
            "Lầu Seo Dế, H'Mông",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "hoà, thuỷ, Ủy ban, Tuỳ",
            "Tô Hà",
            "Lê Vũ",
            "Hà Nội",
            "Ông Ích Khiêm",
            "Thérèse Dupont, café crème",
            "Gérard Müller",
            "Noël",
            "Đồng Đăng – “Lạng Sơn”",
            "São Tomé",
        ] {
            let outcome = convert_cell(s, false);
            assert!(matches!(outcome, Outcome::Unchanged | Outcome::Unconvertible(_)), "{s}: {outcome:?}");
        }
        assert_eq!(convert_cell("Noël", false), Outcome::Unconvertible("Noël".into()));
    }

    #[test]
    fn syllables() {
        for w in ["nguyễn", "Trường", "quốc", "gì", "giữa", "khuya", "thuở", "Hoàng", "xã", "Đắc", "ĐỦ"]
        {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["Nguyeón", "Hoaứng", "Noởl", "Mỹller", "tràc", "hoa1", "nguyêễn"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn csv_fields_keep_their_places() {
        let text = "a,\"b, \"\"c\"\"\",d\r\n\n1,,x\n";
        let fields = csv_fields(text);
        let got: Vec<(usize, usize, &str, bool)> =
            fields.iter().map(|f| (f.record, f.col, &text[f.range.clone()], f.quoted)).collect();
        assert_eq!(
            got,
            [
                (0, 0, "a", false),
                (0, 1, "b, \"\"c\"\"", true),
                (0, 2, "d", false),
                (1, 0, "1", false),
                (1, 1, "", false),
                (1, 2, "x", false)
            ]
        );
    }

    #[test]
    fn cp1252_round_trips_every_byte() {
        for b in 0..=255u8 {
            assert_eq!(cp1252_byte(cp1252_char(b)), Some(b));
        }
    }

    #[test]
    fn the_command_is_quoted_when_it_must_be() {
        assert_eq!(command_for(Path::new("ds/hoc-vien.csv")), "vanban chuyen-ma ds/hoc-vien.csv");
        assert_eq!(command_for(Path::new("Danh sach.xlsx")), "vanban chuyen-ma \"Danh sach.xlsx\"");
        assert_eq!(default_output(Path::new("ds/hoc-vien.csv")), Path::new("ds/hoc-vien-unicode.csv"));
        assert_eq!(default_output(Path::new("hv.xls")), Path::new("hv-unicode.xlsx"));
    }
}
