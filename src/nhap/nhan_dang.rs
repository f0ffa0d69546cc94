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
    for (tu, lam) in [("Điều", So::Dieu as fn(u32) -> So), ("Chương", So::Chuong), ("Mục", So::Muc)] {
        if let Some(rest) = chu.strip_prefix(tu).filter(|r| r.starts_with(' ')) {
            let rest_trim = rest.trim_start();
            let start = chu.len() - rest_trim.len();
            let (n, used) = if matches!(tu, "Chương") {
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
    if let Some((n, used)) = la_ma(chu) {
        if chu[used..].starts_with('.') && after(used + 1).is_some_and(char::is_whitespace) {
            return Some(DauMuc { so: So::La(n), len: used + 2 });
        }
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
