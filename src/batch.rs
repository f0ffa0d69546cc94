//! Batches: many records laid out as one document (fonts, templates and
//! layout work shared), split into one PDF per record plus the merged PDF,
//! with a report of what was written and what failed.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::compose::PreparedBatch;
use crate::compose::{giay_chung_nhan, giay_moi};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::render;

/// What happened to one record.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub ten: String,
    /// The row of the list, for lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dong: Option<usize>,
    /// The file written, relative to the output folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tep: Option<String>,
    /// `da-ghi` (written) or `loi` (failed).
    pub trang_thai: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ly_do: Option<String>,
}

/// One batch's outcome.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    pub muc: Vec<Entry>,
    /// Records that need no document (a district with no trainees).
    pub bo_qua: Vec<String>,
    /// The merged file, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tep_gop: Option<String>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.muc.iter().filter(|e| e.trang_thai == "loi").count()
    }
    pub fn written(&self) -> usize {
        self.muc.iter().filter(|e| e.trang_thai == "da-ghi").count()
    }
}

/// The invitation letters of `path` into `out/giay-moi/` and
/// `out/giay-moi.pdf`.
pub fn giay_moi(engine: &Engine, path: &Path, out: &Path) -> Result<Report> {
    let batch = giay_moi::prepare(path, &engine.templates, &engine.fonts)?;
    run(engine, &batch, out, "giay-moi")
}

/// The certificates of `path` into `out/giay-chung-nhan/` and
/// `out/giay-chung-nhan.pdf`.
pub fn giay_chung_nhan(engine: &Engine, path: &Path, out: &Path) -> Result<Report> {
    let batch = giay_chung_nhan::prepare(path, &engine.templates, &engine.fonts)?;
    run(engine, &batch, out, "giay-chung-nhan")
}

/// Records laid out together. Large enough to share layout work and keep
/// both cores busy, small enough that memory stays flat over any list.
pub const CHUNK: usize = 100;

fn run(engine: &Engine, batch: &PreparedBatch, out: &Path, name: &str) -> Result<Report> {
    let mut report = Report { bo_qua: batch.skipped.clone(), ..Report::default() };
    let mut errors: Vec<Option<String>> =
        batch.items.iter().map(|i| i.result.as_ref().err().cloned()).collect();
    let good: Vec<(usize, &Value)> = batch
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| item.result.as_ref().ok().map(|v| (i, v)))
        .collect();
    let dir = out.join(name);
    let progress = Progress::new(good.len() as u64, name);
    // Each chunk: lay out, write each record's pages, keep the chunk's PDF
    // for the merged file, and let Typst forget it. Writing a chunk runs on
    // its own thread while the next chunk is laid out.
    let written = std::thread::scope(|scope| -> Result<Written> {
        let (send, receive) = std::sync::mpsc::sync_channel::<LaidOut<'_>>(1);
        let writer = scope.spawn(|| write_chunks(batch, &dir, &progress, receive));
        for chunk in chunks(&good) {
            let laid_out = layout_isolating(engine, batch, chunk, &mut errors)?;
            typst::comemo::evict(0);
            if let Some(laid_out) = laid_out
                && send.send(laid_out).is_err()
            {
                break; // the writer stopped on an error; join() reports it
            }
        }
        drop(send);
        writer.join().unwrap_or_else(|_| Err(Error::Typeset(vec!["luồng ghi tệp bị dừng bất thường".into()])))
    })?;
    for (i, e) in written.errors {
        errors[i] = Some(e);
    }
    let Written { mut parts, bookmarks, .. } = written;
    progress.finish();
    if !parts.is_empty() {
        // One chunk is already the merged file, bookmarks included.
        let merged = if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            crate::merge::concat(&parts, &bookmarks, &batch.title())?
        };
        render::write_atomic(&out.join(format!("{name}.pdf")), &merged)?;
        report.tep_gop = Some(format!("{name}.pdf"));
    }
    for (i, item) in batch.items.iter().enumerate() {
        report.muc.push(match &errors[i] {
            None => Entry {
                ten: item.name.clone(),
                dong: item.row,
                tep: Some(format!("{name}/{}", item.file)),
                trang_thai: "da-ghi",
                ly_do: None,
            },
            Some(e) => Entry {
                ten: item.name.clone(),
                dong: item.row,
                tep: None,
                trang_thai: "loi",
                ly_do: Some(e.clone()),
            },
        });
    }
    Ok(report)
}

/// The chunks of a batch: a short first one, so that writing starts early
/// and overlaps the layout of the rest, then [`CHUNK`] records each.
fn chunks<T>(records: &[T]) -> impl Iterator<Item = &[T]> {
    let first = records.len().min(CHUNK / 4);
    let (head, tail) = records.split_at(first);
    std::iter::once(head).filter(|h| !h.is_empty()).chain(tail.chunks(CHUNK))
}

/// What the writer thread made of the chunks.
struct Written {
    /// Each chunk's PDF, for the merged file.
    parts: Vec<Vec<u8>>,
    /// (record name, its first page in the merged file).
    bookmarks: Vec<(String, usize)>,
    /// Records whose file could not be written.
    errors: Vec<(usize, String)>,
}

/// Exports each laid-out chunk once, cuts each record's file from it and
/// writes them; keeps the chunk's PDF for the merged file.
fn write_chunks(
    batch: &PreparedBatch,
    dir: &Path,
    progress: &Progress,
    chunks: std::sync::mpsc::Receiver<LaidOut<'_>>,
) -> Result<Written> {
    let mut written = Written { parts: Vec::new(), bookmarks: Vec::new(), errors: Vec::new() };
    let mut pages_so_far = 0;
    for (document, kept) in chunks {
        let ranges = render::record_pages(&document);
        if ranges.len() != kept.len() {
            return Err(Error::Typeset(vec![format!(
                "mẫu {} phải gọi bat-dau() đúng một lần cho mỗi văn bản ({} văn bản, {} dấu bắt đầu)",
                batch.template,
                kept.len(),
                ranges.len()
            )]));
        }
        let chunk_pdf = render::pdf(&document, &batch.base.ident)?;
        let titles: Vec<String> = kept.iter().map(|&(i, _)| batch.items[i].name.clone()).collect();
        let files = crate::merge::split(&chunk_pdf, &ranges, &titles)?;
        let results: Vec<(usize, Result<()>)> = kept
            .par_iter()
            .zip(files)
            .map(|(&(i, _), bytes)| {
                let result = render::write_record(&dir.join(&batch.items[i].file), &bytes);
                progress.inc();
                (i, result)
            })
            .collect();
        written.errors.extend(results.into_iter().filter_map(|(i, r)| r.err().map(|e| (i, e.to_string()))));
        for (&(i, _), range) in kept.iter().zip(&ranges) {
            written.bookmarks.push((batch.items[i].name.clone(), pages_so_far + range.start() - 1));
        }
        pages_so_far += document.pages().len();
        written.parts.push(chunk_pdf);
    }
    Ok(written)
}

/// A chunk's document and the records it holds, in order.
type LaidOut<'a> = (typst_layout::PagedDocument, Vec<(usize, &'a Value)>);

/// Lays out records together; if that fails, lays each out alone to find
/// the ones at fault, marks them failed and lays out the rest.
fn layout_isolating<'a>(
    engine: &Engine,
    batch: &PreparedBatch,
    records: &[(usize, &'a Value)],
    errors: &mut [Option<String>],
) -> Result<Option<LaidOut<'a>>> {
    let layout = |records: &[(usize, &Value)]| -> Result<typst_layout::PagedDocument> {
        let contexts: Vec<&Value> = records.iter().map(|(_, v)| *v).collect();
        let source = batch.source(&engine.templates, &contexts)?;
        engine.layout(&crate::compose::Prepared { source, ..batch.base.clone() })
    };
    if let Ok(document) = layout(records) {
        return Ok(Some((document, records.to_vec())));
    }
    let mut kept = Vec::new();
    for &(i, ctx) in records {
        match layout(&[(i, ctx)]) {
            Ok(_) => kept.push((i, ctx)),
            Err(e) => errors[i] = Some(e.to_string()),
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    layout(&kept).map(|d| Some((d, kept)))
}

/// A progress bar on a terminal; nothing when the output is piped.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(total: u64, name: &str) -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() || total < 2 {
            return Self(None);
        }
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name.to_owned());
        Self(Some(bar))
    }
    fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
