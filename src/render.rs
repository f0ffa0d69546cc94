//! Typst source → laid-out document → PDF bytes → file, in process.

use std::io::Write;
use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::Arc;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Label, Selector, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::world::DocWorld;

/// Where the generated source came from, to point errors at the template.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Lines at the top of the source that are `nd30.typ` verbatim.
    pub library_lines: usize,
    /// The template the rest came from.
    pub template: String,
}

/// Lays out Typst source. `root` is the only folder files may come from.
pub fn compile(
    source: String,
    fonts: &Arc<FontSet>,
    root: Option<&Path>,
    today: Datetime,
    map: &SourceMap,
) -> Result<PagedDocument> {
    let world = DocWorld::new(source, fonts.clone(), root, today);
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| Error::Typeset(describe(&world, &errors, map)))?;
    // A warning (an unknown font, say) means the document is not what the
    // template intended: refuse it rather than print it silently wrong.
    let serious: Vec<_> = warnings.iter().filter(|w| w.severity == Severity::Warning).cloned().collect();
    if !serious.is_empty() {
        return Err(Error::Typeset(describe(&world, &serious, map)));
    }
    check_glyphs(&document)?;
    Ok(document)
}

/// PDF bytes, identical for identical input: fixed id, creator, no clock.
pub fn pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some("vanban".to_owned())),
        timestamp: None,
        // Untagged, like the per-record files cut from it (see `merge`);
        // tagged output also makes poppler warn ("Suspects object").
        tagged: false,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| Error::Typeset(errors.iter().map(|e| e.message.to_string()).collect()))
}

/// A `bat-dau` mark of `nd30.typ` (label `vanban-bat-dau`): where a
/// record (or a phụ lục) starts, and its name for the bookmarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub name: Option<String>,
    /// 1-based.
    pub page: usize,
}

/// The marks of a laid-out document, in page order, one per page at most.
pub fn marks(document: &PagedDocument) -> Vec<Mark> {
    let introspector = document.introspector();
    let label = Label::new(PicoStr::intern("vanban-bat-dau")).expect("label");
    let mut marks: Vec<Mark> = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| {
            let page = introspector.position(c.location()?)?.page.get();
            let name = c.to_packed::<MetadataElem>().and_then(|m| match &m.value {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            });
            Some(Mark { name, page })
        })
        .collect();
    marks.sort_by_key(|m| m.page);
    marks.dedup_by_key(|m| m.page);
    marks
}

/// The pages of each record of a batch, in order: a record starts at each
/// mark and runs to the next.
pub fn record_pages(document: &PagedDocument) -> Vec<RangeInclusive<usize>> {
    // A record's phụ lục starts its own pages with an unnamed mark.
    let starts: Vec<usize> = marks(document).iter().filter(|m| m.name.is_some()).map(|m| m.page).collect();
    let total = document.pages().len();
    starts.iter().enumerate().map(|(i, &s)| s..=starts.get(i + 1).map(|n| n - 1).unwrap_or(total)).collect()
}

/// The bookmarks of a document: (name, 0-based page) of each named mark.
pub fn bookmarks(document: &PagedDocument) -> Vec<(String, usize)> {
    marks(document).into_iter().filter_map(|m| Some((m.name?, m.page - 1))).collect()
}

/// Writes beside the target, then renames: a reader never sees half a file,
/// and a failed run leaves whatever was there before.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    fill(beside(path)?, path, bytes, true)
}

/// As [`write_atomic`], for one record of a batch, into a folder that
/// exists: no flush to the disk before the rename. A killed process still
/// leaves only whole files (the rename is atomic); skipping hundreds of
/// flushes is most of a batch's writing time.
pub fn write_record(path: &Path, bytes: &[u8]) -> Result<()> {
    fill(temporary_in(folder_of(path))?, path, bytes, false)
}

/// Writes `bytes` into `tmp`, then gives it the name `path`.
fn fill(mut tmp: tempfile::NamedTempFile, path: &Path, bytes: &[u8], flush: bool) -> Result<()> {
    tmp.write_all(bytes).map_err(|e| Error::io("không ghi được tệp", path, e))?;
    persist(tmp, path, flush)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A temporary file in `path`'s folder (created if missing), to be
/// [`persist`]ed as `path` once whole. Dropped, it disappears.
pub fn beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(|e| Error::io("không tạo được thư mục", dir, e))?;
    temporary_in(dir)
}

fn temporary_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vanban-").suffix(".tmp");
    // Temporary files are private by default (0600); a document is an
    // ordinary file, readable as the user's umask allows.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io("không ghi được vào thư mục", dir, e))
}

/// Gives a finished temporary file its name (flushed to the disk first
/// when `flush`).
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path, flush: bool) -> Result<()> {
    if flush {
        tmp.as_file().sync_all().map_err(|e| Error::io("không ghi được tệp", path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io("không ghi được tệp", path, e.error))?;
    Ok(())
}

/// A glyph id 0 is the font's "missing glyph" box. The data check catches
/// such characters first; this catches any that come from a template.
fn check_glyphs(document: &PagedDocument) -> Result<()> {
    let mut missing = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        missing_glyphs(&page.frame, i + 1, &mut missing);
    }
    if missing.is_empty() { Ok(()) } else { Err(Error::Typeset(missing)) }
}

fn missing_glyphs(frame: &Frame, page: usize, out: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => missing_glyphs(&group.frame, page, out),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let ch = text.text.get(glyph.range()).unwrap_or("?");
                    out.push(format!(
                        "trang {page}: phông '{}' không có ký tự '{ch}' (U+{:04X}) trong \"{}\"",
                        text.font.font().info().family,
                        ch.chars().next().map(u32::from).unwrap_or(0),
                        text.text
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Diagnostics as lines a person can act on: where in the template
/// library or in the generated source, with the offending line.
fn describe(world: &DocWorld, diagnostics: &[SourceDiagnostic], map: &SourceMap) -> Vec<String> {
    let source = world.main_source();
    diagnostics
        .iter()
        .map(|d| {
            let kind = if d.severity == Severity::Error { "lỗi" } else { "cảnh báo" };
            let place = world
                .range(d.span)
                .and_then(|r| source.lines().byte_to_line_column(r.start))
                .map(|(line, col)| {
                    let text = source.text().lines().nth(line).unwrap_or("").trim();
                    if line < map.library_lines {
                        format!("nd30.typ:{}:{}", line + 1, col + 1)
                    } else {
                        format!("{} (nguồn sinh ra, dòng {}: {text})", map.template, line + 1)
                    }
                })
                .unwrap_or_else(|| map.template.clone());
            let mut s = format!("{place}: {kind}: {}", d.message);
            for hint in &d.hints {
                s.push_str(&format!("\n  gợi ý: {}", hint.v));
            }
            s
        })
        .collect()
}
