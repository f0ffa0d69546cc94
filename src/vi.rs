//! Vietnamese text rules: NFC, the decree's date and number padding, slugs.

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Normalises to NFC (NĐ30 PL I, I.4: Unicode TCVN 6909:2001). Input pasted
/// from macOS or web forms may be decomposed; it renders, but breaks search.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) { s.to_owned() } else { s.nfc().collect() }
}

/// Bidi marks and embedding, override and isolate controls: invisible, and
/// able to reorder what a document shows (a known way to make text read other
/// than it is). Vietnamese documents, in a font without right-to-left
/// scripts, have no use for them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Input text as vanban uses it: bidi controls removed, then NFC.
pub fn clean(s: &str) -> String {
    if s.chars().any(is_bidi_control) {
        nfc(&s.chars().filter(|c| !is_bidi_control(*c)).collect::<String>())
    } else {
        nfc(s)
    }
}

/// A day of month as the decree writes it: 01–09 padded, 10–31 as is
/// (PL I II.4.b).
pub fn pad_day(day: u32) -> String {
    format!("{day:02}")
}

/// A month as the decree writes it: 01 and 02 padded, 3–12 not (PL I II.4.b).
pub fn pad_month(month: u32) -> String {
    if month <= 2 { format!("{month:02}") } else { month.to_string() }
}

/// A document number: numbers below 10 get a leading zero (PL I II.3.c).
pub fn pad_number(n: u32) -> String {
    format!("{n:02}")
}

/// Width of the blank a clerk fills in by hand (a number, a day), in spaces.
/// No-break spaces, so the typesetter keeps them.
pub const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// Text folded for comparing what people type: NFC, lower case, no spaces
/// ("Chương trình 3", "chương  trình 3" and "CHƯƠNG TRÌNH 3" agree).
pub fn fold(s: &str) -> String {
    nfc(s).to_lowercase().chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first letter in lower case: "Giấy giới thiệu" → "giấy giới thiệu".
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The first letter in upper case: "thành phố Lạng Sơn" → "Thành phố Lạng Sơn".
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Text without its diacritics, đ as d: "Đình Lập" → "Dinh Lap".
pub fn without_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// An ASCII file-name slug: "Đình Lập" → "dinh-lap".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in without_marks(s).chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".into() } else { out }
}

/// Roman numerals for section and phụ lục numbers (I, II, …).
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters for điểm (a, b, c, d, đ, e, g, …): the Vietnamese alphabet order
/// the decree itself uses, without f, j, w, z and the vowel variants.
pub fn diem_letter(index: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
        "v", "x", "y",
    ];
    let n = LETTERS.len();
    if index < n {
        LETTERS[index].to_owned()
    } else {
        // Past "y" the decree gives nothing; double the letter (aa, bb, …).
        LETTERS[index % n].repeat(index / n + 1)
    }
}

/// A part's label: "Phần I", "Phần II" (PL I II.6.c), `n` from 1.
pub fn so_phan(n: u32) -> String {
    format!("Phần {}", roman(n))
}

/// A lettered group's number: "A.", "B.", … in the order of [`diem_letter`].
pub fn so_nhom(index: usize) -> String {
    format!("{}.", upper(&diem_letter(index)))
}

/// Upper-cases Vietnamese text (after NFC). Never use on a ký hiệu.
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

/// Vietnamese collation (CLDR "vi": a ă â b c d đ e ê …, tones after letters).
pub fn collator() -> icu_collator::CollatorBorrowed<'static> {
    icu_collator::Collator::try_new(
        icu_locale::locale!("vi").into(),
        icu_collator::options::CollatorOptions::default(),
    )
    .expect("compiled collation data for vi")
}

/// Orders names the Vietnamese way: given name, then middle names, then the
/// family name, each by the Vietnamese alphabet and tones.
pub fn compare_names(collator: &icu_collator::CollatorBorrowed<'_>, a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        let given = words.last().copied().unwrap_or("");
        let family = if words.len() > 1 { words[0] } else { "" };
        let middle = if words.len() > 2 { words[1..words.len() - 1].join(" ") } else { String::new() };
        (given.to_owned(), middle, family.to_owned())
    };
    let (ga, ma, fa) = parts(a);
    let (gb, mb, fb) = parts(b);
    collator
        .compare(&ga, &gb)
        .then_with(|| collator.compare(&ma, &mb))
        .then_with(|| collator.compare(&fa, &fb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_follows_the_decree() {
        assert_eq!(pad_day(5), "05");
        assert_eq!(pad_day(29), "29");
        assert_eq!(pad_month(1), "01");
        assert_eq!(pad_month(2), "02");
        assert_eq!(pad_month(3), "3");
        assert_eq!(pad_month(12), "12");
        assert_eq!(pad_number(7), "07");
        assert_eq!(pad_number(125), "125");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Đình Lập"), "dinh-lap");
        assert_eq!(slug("Tràng Định"), "trang-dinh");
        assert_eq!(slug("  Hữu  Lũng! "), "huu-lung");
        assert_eq!(slug("H'Mông"), "h-mong");
        assert_eq!(slug("***"), "x");
    }

    #[test]
    fn numbering_forms() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(diem_letter(0), "a");
        assert_eq!(diem_letter(4), "đ");
        assert_eq!(diem_letter(6), "g");
    }

    #[test]
    fn nfc_recomposes_and_upper_keeps_marks() {
        assert_eq!(nfc("Nguye\u{302}\u{303}n"), "Nguyễn");
        assert_eq!(upper("mục đích yêu cầu"), "MỤC ĐÍCH YÊU CẦU");
    }
}

/// Latin-1 letters Vietnamese uses; the other Latin-1 characters in a word
/// are the mark of a legacy 8-bit encoding read as Windows-1252.
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// Signs that text was typed in a legacy Vietnamese encoding (TCVN3/ABC with
/// .VnTime fonts, or VNI with VNI-Times) and is now read as Unicode: e.g.
/// `NguyÔn` (TCVN3 for Nguyễn), `Nguyeãn` (VNI), `Tr¬ng`. Returns the word.
pub fn legacy_encoding(s: &str) -> Option<&str> {
    let is_latin1 = |c: char| ('\u{a1}'..='\u{ff}').contains(&c);
    s.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')').find(|word| {
        // Every sign below is a Latin-1 character: most words have none.
        if !word.chars().any(is_latin1) {
            return false;
        }
        let chars: Vec<char> = word.chars().collect();
        chars.iter().enumerate().any(|(i, &c)| {
            let latin1 = is_latin1(c);
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let near_letter = prev.is_some_and(char::is_alphabetic) || next.is_some_and(char::is_alphabetic);
            // A Latin-1 character Vietnamese never uses, inside a word.
            (latin1 && !VIETNAMESE_LATIN1.contains(c) && near_letter)
                // TCVN3 stores lower-case marked letters at upper-case Latin-1 places: "NguyÔn".
                || (latin1 && c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase()))
                // VNI writes ê with a tone as "e" plus a byte: "eá", "eà", "eã", "eå", "eä".
                || (matches!(prev, Some('e' | 'E')) && matches!(c, 'á' | 'à' | 'ã' | 'å' | 'ä' | 'â'))
        })
    })
}

#[cfg(test)]
mod legacy_tests {
    use super::legacy_encoding;

    #[test]
    fn legacy_encodings_are_recognised() {
        assert_eq!(legacy_encoding("NguyÔn V¨n An"), Some("NguyÔn"));
        assert_eq!(legacy_encoding("Nguyeãn Vaên An"), Some("Nguyeãn"));
        assert_eq!(legacy_encoding("Tr¬ng"), Some("Tr¬ng"));
        assert_eq!(legacy_encoding("Hoaøng"), Some("Hoaøng"));
    }

    #[test]
    fn unicode_vietnamese_is_not_flagged() {
        for s in [
            "Nguyễn Văn An",
            "Hoàng Thị Phương Thảo",
            "Lầu Seo Dế, H'Mông",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "hoà, thuỷ, Ủy ban, Tuỳ",
            "Thôn Nà Pàn, xã Đề Thám",
            "Giàng A Páo, Sùng Thị Mỷ",
        ] {
            assert_eq!(legacy_encoding(s), None, "{s}");
        }
    }
}
