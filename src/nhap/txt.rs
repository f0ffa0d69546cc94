//! Plain text: what a PDF's text layer gives when copied out, or a page
//! copied from a browser; lines hard-wrapped in mid-sentence.

use super::nguon::{self, BangNguon, Cot, Dong, Khoi, Kieu, Noi};

/// The pieces of a text file: its lines joined into paragraphs.
pub fn doc(bytes: &[u8]) -> Vec<Khoi> {
    let (chu, raw) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.trim_start_matches('\u{feff}').to_owned(), false),
        // Not UTF-8: an old editor's Windows-1252 (the legacy encodings'
        // carrier), byte for byte.
        Err(_) => (crate::chuyen_ma::cp1252_text(bytes), true),
    };
    // A file that is not UTF-8 is typed in one legacy encoding throughout:
    // the one most of its lines read as, for every line (a line of capitals
    // alone can read either way).
    let whole = raw.then(|| encoding_of(&chu)).flatten();
    let chu = match whole {
        // Line by line: a line of capitals decodes as capitals.
        Some(e) => chu.lines().map(|l| crate::chuyen_ma::decode(l, e)).collect::<Vec<_>>().join("\n"),
        None => chu,
    };
    let raw = raw && whole.is_none();
    // Markdown's marks (a page saved as Markdown): "## " before a heading,
    // "**" around bold; the text is what is kept.
    let markdown =
        chu.lines().any(|l| l.starts_with("## ") || l.starts_with("# ") || l.trim_start().starts_with("**"));
    let owned: Vec<String> =
        chu.lines().map(|l| if markdown { bo_markdown(l) } else { l.to_owned() }).collect();
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    // Tables drawn with "|" (a page's table copied as text, Markdown): read
    // as tables, and left out of the measures of the text's lines below.
    let ke = bang_ke(&lines, raw);
    let mut trong_bang = vec![false; lines.len()];
    for (a, b, _) in &ke {
        trong_bang[*a..*b].fill(true);
    }
    let lines_do: Vec<&str> =
        lines.iter().enumerate().map(|(i, l)| if trong_bang[i] { "" } else { *l }).collect();
    // The text width: from the lengths of the lines that certainly wrap
    // (the next line goes on in lower case). A file with none gives no
    // reason to join lines but those.
    let non_empty: Vec<&str> = lines_do.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let mut wrapped: Vec<usize> = non_empty
        .windows(2)
        .filter(|w| w[1].chars().next().is_some_and(char::is_lowercase) && !nguon::bat_dau_rieng(w[1]))
        .map(|w| w[0].chars().count())
        .collect();
    wrapped.sort_unstable();
    // Short wrapped lines (a V/v in its column) do not set the width: at
    // least nine tenths of the long lines' length.
    let mut lengths: Vec<usize> = non_empty.iter().map(|l| l.chars().count()).collect();
    lengths.sort_unstable();
    let long = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(1) as f32 * 0.9;
    // The median of those at least half as long as the longest: a table's
    // cells copied as text wrap too, shorter, and may be most of them.
    let dai = wrapped.last().map_or(0, |&n| n / 2);
    let wrapped: Vec<usize> = wrapped.into_iter().filter(|&n| n >= dai).collect();
    let width = wrapped.get(wrapped.len() / 2).map_or(f32::INFINITY, |&n| (n as f32).max(long).max(1.0));
    // The page's full width, indentation included, for the right column.
    let full = lines_do.iter().map(|l| l.trim_end().chars().count()).max().unwrap_or(1) as f32;
    // A first-line indent: text set with its layout (a PDF's text copied
    // out) starts a paragraph further right than its other lines.
    let lead = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let mut leads: Vec<usize> = lines_do.iter().filter(|l| !l.trim().is_empty()).map(|l| lead(l)).collect();
    leads.sort_unstable();
    let base = leads.first().copied().unwrap_or(0);
    let tabbed = bang_go_cach(&lines_do);
    // Copied PDF text may have a blank line after every line: then a blank
    // line is a break only where two come in a row. Where blank lines are
    // few (most lines run on without one), one blank line is a break.
    let dong_chu = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).count();
    let truoc_trong = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty() && lines.get(i + 1).is_some_and(|l| l.trim().is_empty()))
        .count();
    let cach_doi = truoc_trong * 2 > dong_chu;
    let mut ra = Vec::new();
    let mut ke = ke.into_iter().peekable();
    let mut dong = Vec::with_capacity(lines.len());
    let mut cach_truoc = false;
    for (i, line) in lines.iter().enumerate() {
        if let Some((_, _, bang)) = ke.next_if(|(a, _, _)| *a == i) {
            ra.extend(nguon::ghep(std::mem::take(&mut dong)));
            ra.push(Khoi::Bang(bang));
            cach_truoc = false;
            continue;
        }
        let trimmed = line.trim();
        // A page's marker from the tool that saved the text ("--- Trang 2
        // ---"), like a page's number: vanban numbers its own pages.
        if trong_bang[i] || la_dau_trang(trimmed) {
            continue;
        }
        if trimmed.is_empty() {
            cach_truoc =
                !cach_doi || lines.get(i.wrapping_sub(1)).is_some_and(|l| l.trim().is_empty()) || cach_truoc;
            continue;
        }
        // A number alone (a page's, a footnote's) is kept for the footnotes
        // to find; the rest of the import drops a page's number.
        let chu = match &tabbed[i] {
            Some(cells) => nguon::chuan_hoa(cells, raw),
            None => tach_khoang(&nguon::chuan_hoa(trimmed, raw)),
        };
        dong.push(Dong {
            do_day: chu.chars().count() as f32 / width,
            chu,
            noi: Noi::dong(i as u32 + 1),
            kieu: Kieu { thut: lead(line) >= base + 3, ..Kieu::default() },
            // Set past the middle on its own: the right column (a signer's
            // lines under "GIÁM ĐỐC" when the left column has run out).
            cot: if lead(line) as f32 >= full * 0.45 { Cot::Phai } else { Cot::Mot },
            cach_truoc,
        });
        cach_truoc = false;
    }
    ra.extend(nguon::ghep(dong));
    ra
}

/// Tables drawn with "|": runs of two rows or more, each line starting and
/// ending with "|", a rule row ("|---|:--:|") ending the header rows. Each
/// as (first line, line after it, the table).
fn bang_ke(lines: &[&str], raw: bool) -> Vec<(usize, usize, BangNguon)> {
    let la_hang = |l: &str| {
        let t = l.trim();
        t.len() >= 3 && t.starts_with('|') && t.ends_with('|')
    };
    let la_ke = |cells: &[String]| {
        cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')) && c.contains('-'))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !la_hang(lines[i]) {
            i += 1;
            continue;
        }
        let j = (i..lines.len()).find(|&j| !la_hang(lines[j])).unwrap_or(lines.len());
        let mut dong: Vec<Vec<String>> = Vec::new();
        let mut tieu_de = None;
        for line in &lines[i..j] {
            let cells = o_ke(line, raw);
            if la_ke(&cells) {
                tieu_de.get_or_insert(dong.len());
            } else {
                dong.push(cells);
            }
        }
        let cot = dong.iter().map(Vec::len).max().unwrap_or(0);
        if dong.len() >= 2 && cot >= 2 {
            for d in &mut dong {
                d.resize(cot, String::new());
            }
            let so_dong_tieu_de = tieu_de.filter(|&h| h >= 1 && h < dong.len()).unwrap_or(1);
            out.push((i, j, BangNguon { noi: Noi::dong(i as u32 + 1), dong, so_dong_tieu_de }));
        }
        i = j;
    }
    out
}

/// A "|" row's cells: text between the bars ("\|" is a bar inside a cell),
/// Markdown's bold marks and line breaks taken out, spaces as one.
fn o_ke(line: &str, raw: bool) -> Vec<String> {
    let t = line.trim();
    let t = &t[1..t.len() - 1];
    let mut cells = vec![String::new()];
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut().unwrap().push('|');
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells
        .into_iter()
        .map(|c| {
            let c = ["<br/>", "<br />", "<br>"].iter().fold(c, |c, br| c.replace(br, " "));
            nguon::chuan_hoa(&bo_dam(&c).split_whitespace().collect::<Vec<_>>().join(" "), raw)
        })
        .collect()
}

/// A Markdown line's text: a heading's "#"s and bold's "**" taken out.
fn bo_markdown(line: &str) -> String {
    let t = line.trim_start();
    let t = match t.trim_start_matches('#') {
        rest if rest.len() < t.len() && t.len() - rest.len() <= 6 && rest.starts_with(' ') => {
            rest.trim_start()
        }
        _ => line,
    };
    bo_dam(t)
}

/// Markdown's bold marks ("**", "__") taken out.
fn bo_dam(chu: &str) -> String {
    chu.replace("**", "").replace("__", "")
}

/// "--- TRANG 1 ---", "-- Page 2 --", "=== Trang 3 ===": a page's marker.
fn la_dau_trang(chu: &str) -> bool {
    let rao = |c: char| matches!(c, '-' | '=' | '–' | '—' | ' ');
    let (dau, cuoi) =
        (chu.chars().take_while(|&c| rao(c)).count(), chu.chars().rev().take_while(|&c| rao(c)).count());
    let giua = chu.trim_matches(rao).to_lowercase();
    let so = ["trang", "page"].iter().find_map(|w| giua.strip_prefix(w)).map(str::trim);
    dau >= 2 && cuoi >= 2 && so.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Runs of spaces inside a line: one space, except a run of five or more
/// between two things set side by side ("Số: /KH-X      Lạng Sơn, ngày …"),
/// kept as a tab. A tab stays a tab.
fn tach_khoang(chu: &str) -> String {
    let mut ra = String::with_capacity(chu.len());
    let mut spaces = 0usize;
    for c in chu.chars() {
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        if spaces > 0 || c == '\t' {
            let cot = (spaces >= 5 || c == '\t') && !nguon::la_cho_trong(&ra, c);
            ra.push(if cot { '\t' } else { ' ' });
            spaces = 0;
            if c == '\t' {
                continue;
            }
        }
        ra.push(c);
    }
    ra
}

/// A table typed with spaces: consecutive lines whose words stand in the
/// same columns, set apart by two spaces or more in every line (the
/// gutters). For each such line of three columns or more, its cells
/// joined by tabs, as a table's row; `None` for any other line.
fn bang_go_cach(lines: &[&str]) -> Vec<Option<String>> {
    let chars: Vec<Vec<char>> =
        lines.iter().map(|l| crate::vi::clean(l.trim_end()).chars().collect()).collect();
    let gapped = |l: &[char]| {
        let text: String = l.iter().collect();
        !text.contains('\t') && text.trim().contains("  ")
    };
    let mut out = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && gapped(&chars[j]) {
            j += 1;
        }
        if j - i >= 2
            && let Some(rows) = cot_chung(&chars[i..j])
        {
            for (k, row) in rows.into_iter().enumerate() {
                out[i + k] = Some(row);
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The rows of a block of lines cut at the gutters they all share, if
/// those make three columns or more, the first row's cells all filled and
/// every row holding two cells at least, none of them longer than a
/// table's cell.
fn cot_chung(block: &[Vec<char>]) -> Option<Vec<String>> {
    let width = block.iter().map(Vec::len).max()?;
    let space = |l: &Vec<char>, p: usize| l.get(p).is_none_or(|c| c.is_whitespace());
    let start = block.iter().map(|l| l.iter().take_while(|c| c.is_whitespace()).count()).min()?;
    // Gutters: runs of two columns or more blank in every line, between text.
    let mut cuts = Vec::new();
    let mut p = start;
    while p < width {
        if block.iter().all(|l| space(l, p)) {
            let q = (p..width).find(|&q| !block.iter().all(|l| space(l, q))).unwrap_or(width);
            if q - p >= 2 && q < width {
                cuts.push(q);
            }
            p = q;
        } else {
            p += 1;
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let mut rows = Vec::new();
    for (n, l) in block.iter().enumerate() {
        let mut bounds = vec![start];
        bounds.extend(&cuts);
        bounds.push(width);
        let cells: Vec<String> = bounds
            .windows(2)
            .map(|w| l[w[0].min(l.len())..w[1].min(l.len())].iter().collect::<String>().trim().to_owned())
            .collect();
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        // A table's cells are short; lines of prose whose spaces happen to
        // line up (justified text copied with its layout) are not a table.
        let short = cells.iter().all(|c| c.chars().count() <= 50);
        if (n == 0 && filled < cells.len()) || filled < 2 || !short {
            return None;
        }
        rows.push(cells.join("\t"));
    }
    Some(rows)
}

/// The legacy encoding most lines of a non-UTF-8 file read as, if any.
fn encoding_of(chu: &str) -> Option<crate::chuyen_ma::Encoding> {
    use crate::chuyen_ma::{Encoding, Outcome, convert_cell};
    let (mut tcvn3, mut vni) = (0usize, 0usize);
    for line in chu.lines() {
        if let Outcome::Converted(e, _) = convert_cell(line.trim(), true) {
            match e {
                Encoding::Tcvn3 => tcvn3 += 1,
                Encoding::Vni => vni += 1,
            }
        }
    }
    match (tcvn3, vni) {
        (0, 0) => None,
        (t, v) if t >= v => Some(Encoding::Tcvn3),
        _ => Some(Encoding::Vni),
    }
}
