//! Batches: many records laid out as one document (fonts, templates and
//! layout work shared), split into one PDF per record plus the merged PDF,
//! with a report of what was written and what failed.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::compose::PreparedBatch;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::{merge, render};

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
    /// Records that need no document (a unit with no trainees).
    pub bo_qua: Vec<String>,
    /// Problems of the batch file that stopped some records, each once
    /// ("giay-moi.yaml:32: trường 'lop[0]': lớp CT2-1 có 82 học viên …").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub van_de: Vec<String>,
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

/// The name a document's files take in the output folder: its data file's
/// stem ("giay-moi.yaml" → "giay-moi.pdf", "giay-moi/").
pub fn output_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "van-ban".into())
}

/// The file names of a batch's records: ASCII, in order, unique in their
/// folder.
pub struct FileNames {
    width: usize,
    taken: std::collections::HashSet<String>,
}

impl FileNames {
    /// For `count` records: numbers padded to at least three digits.
    pub fn new(count: usize) -> Self {
        Self::padded(count.to_string().len().max(3))
    }

    /// Numbers padded to `width` digits.
    pub fn padded(width: usize) -> Self {
        Self { width, taken: Default::default() }
    }

    /// "007-lang-thanh-hung.pdf": the record's number, then its name.
    pub fn numbered(&mut self, order: usize, name: &str) -> String {
        let width = self.width;
        self.unique(&format!("{order:0width$}-{name}"))
    }

    /// A name the data made ("{stt}-{Họ và tên}" filled in) as a file
    /// name; a name already taken gets "-2", "-3"….
    pub fn unique(&mut self, stem: &str) -> String {
        let stem = crate::vi::slug(stem);
        let mut name = format!("{stem}.pdf");
        let mut n = 1;
        while !self.taken.insert(name.clone()) {
            n += 1;
            name = format!("{stem}-{n}.pdf");
        }
        name
    }
}

/// Records laid out together. Large enough to share layout work and keep
/// both cores busy, small enough that memory stays flat over any list.
pub const CHUNK: usize = 100;

/// The records of a prepared batch into `out/<name>/` and `out/<name>.pdf`,
/// where `name` is its data file's stem.
pub fn write(engine: &Engine, batch: &PreparedBatch, out: &Path, name: &str) -> Result<Report> {
    let mut report = Report {
        bo_qua: batch.skipped.clone(),
        van_de: batch.problems.iter().map(ToString::to_string).collect(),
        ..Report::default()
    };
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
    // Chunks go to two lanes, each on its own thread, which lay them out,
    // export them and cut their records' files: Typst evaluates a document
    // on one thread, so while one lane evaluates, the other keeps the
    // remaining cores busy. This thread writes the files and appends the
    // chunks, in order, to the merged file.
    let merged_path = out.join(format!("{name}.pdf"));
    let lanes = rayon::current_num_threads().clamp(1, LANES);
    let chunks: Vec<&[(usize, &Value)]> = chunks(&good).collect();
    let merged = std::thread::scope(|scope| -> Result<Option<MergedFile>> {
        let mut receivers = Vec::new();
        let mut handles = Vec::new();
        for lane in 0..lanes {
            // One finished chunk waiting per lane: memory stays flat over any list.
            let (send, receive) = std::sync::mpsc::sync_channel::<Option<Finished>>(1);
            receivers.push(receive);
            let chunks = &chunks;
            handles.push(scope.spawn(move || -> Result<Failed> {
                let mut failed = Vec::new();
                for chunk in chunks.iter().skip(lane).step_by(lanes) {
                    let finished = match layout_isolating(engine, batch, chunk, &mut failed)? {
                        Some((document, kept)) => Some(cut_records(batch, document, &kept)?),
                        None => None,
                    };
                    if send.send(finished).is_err() {
                        break; // the merged file failed; reported below
                    }
                }
                Ok(failed)
            }));
        }
        let written = write_in_order(batch, &dir, &merged_path, &progress, &receivers, chunks.len());
        drop(receivers);
        for handle in handles {
            let failed = handle
                .join()
                .unwrap_or_else(|_| Err(Error::Typeset(vec!["luồng dàn trang bị dừng bất thường".into()])))?;
            for (i, e) in failed {
                errors[i] = Some(e);
            }
        }
        let (merged, failed) = written?;
        for (i, e) in failed {
            errors[i] = Some(e);
        }
        Ok(merged)
    })?;
    progress.finish();
    if let Some(merged) = merged {
        let file = merged.finish(&batch.title())?;
        let file =
            file.into_inner().map_err(|e| Error::io("không ghi được tệp", &merged_path, e.into_error()))?;
        render::persist(file, &merged_path, true)?;
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

/// Chunks laid out at once. Fixed, not the number of threads: the chunks
/// decide the font subsets, so the same input gives the same bytes
/// whatever `--jobs` is.
const LANES: usize = 2;

/// The chunks of a batch: at most [`CHUNK`] records each, a number the
/// lanes share evenly, the last [`LANES`] of them half as big as the
/// others: after the last layout only their export and writing remain,
/// which then takes half as long.
fn chunks<T>(records: &[T]) -> impl Iterator<Item = &[T]> {
    let n = records.len();
    let count = (n.div_ceil(CHUNK) + 1).next_multiple_of(LANES);
    // Weights 2, 2, …, 2, 1, 1; cut at the rounded cumulative shares.
    let total = 2 * count - LANES;
    let weight_before = move |i: usize| 2 * i.min(count - LANES) + i.saturating_sub(count - LANES);
    (0..count)
        .map(move |i| {
            let (start, end) = (n * weight_before(i) / total, n * weight_before(i + 1) / total);
            &records[start..end]
        })
        .filter(|c| !c.is_empty())
}

/// Records that failed: (index in the batch, why).
type Failed = Vec<(usize, String)>;

/// The merged file while it is being written, beside its final name.
type MergedFile = merge::Assembler<std::io::BufWriter<tempfile::NamedTempFile>>;

/// A chunk exported: its PDF, for the merged file, each record's own file
/// (or why it could not be made), and a bookmark (name, page of the chunk)
/// per record.
struct Finished {
    source: merge::Source,
    files: Vec<(usize, Result<Vec<u8>>)>,
    bookmarks: Vec<(String, usize)>,
}

/// Exports a laid-out chunk once and copies each record's pages from it
/// into a file of its own, in memory.
fn cut_records(
    batch: &PreparedBatch,
    document: typst_layout::PagedDocument,
    kept: &[(usize, &Value)],
) -> Result<Finished> {
    let ranges = render::record_pages(&document);
    if ranges.len() != kept.len() {
        return Err(Error::Typeset(vec![format!(
            "mẫu {} phải gọi bat-dau() đúng một lần cho mỗi văn bản ({} văn bản, {} dấu bắt đầu)",
            batch.template,
            kept.len(),
            ranges.len()
        )]));
    }
    let source = merge::Source::parse(render::pdf(&document, &batch.base.ident)?)?;
    drop(document);
    let files = kept
        .par_iter()
        .zip(&ranges)
        .map(|(&(i, _), range)| {
            (i, merge::extract(&source, range.start() - 1..*range.end(), &batch.items[i].name))
        })
        .collect();
    let bookmarks =
        kept.iter().zip(&ranges).map(|(&(i, _), r)| (batch.items[i].name.clone(), r.start() - 1)).collect();
    Ok(Finished { source, files, bookmarks })
}

/// Takes the `count` chunks from the lanes in turn and writes them: each
/// record's file into `dir`, one after another (files made at once in one
/// folder only wait on each other), and the chunk onto the merged file.
/// Returns the merged file, none if no record was laid out, and the
/// records whose file could not be written.
fn write_in_order(
    batch: &PreparedBatch,
    dir: &Path,
    merged_path: &Path,
    progress: &Progress,
    lanes: &[std::sync::mpsc::Receiver<Option<Finished>>],
    count: usize,
) -> Result<(Option<MergedFile>, Failed)> {
    let mut merged: Option<MergedFile> = None;
    let mut failed = Vec::new();
    for k in 0..count {
        let Finished { source, files, bookmarks } = match lanes[k % lanes.len()].recv() {
            Ok(Some(finished)) => finished,
            Ok(None) => continue, // every record of the chunk failed
            Err(_) => break,      // the lane stopped on an error, reported when joined
        };
        let assembler = match merged.as_mut() {
            Some(m) => m,
            None => {
                std::fs::create_dir_all(dir).map_err(|e| Error::io("không tạo được thư mục", dir, e))?;
                merged.insert(merge::Assembler::new(std::io::BufWriter::new(render::beside(merged_path)?))?)
            }
        };
        for (i, bytes) in files {
            if let Err(e) = bytes.and_then(|b| render::write_record(&dir.join(&batch.items[i].file), &b)) {
                failed.push((i, e.to_string()));
            }
            progress.inc();
        }
        assembler.add(&source, 0..source.page_count(), &bookmarks)?;
        // Let Typst forget what only finished chunks used.
        typst::comemo::evict(1);
    }
    Ok((merged, failed))
}

/// A chunk's document and the records it holds, in order.
type LaidOut<'a> = (typst_layout::PagedDocument, Vec<(usize, &'a Value)>);

/// Lays out records together; if that fails, lays each out alone to find
/// the ones at fault, marks them failed and lays out the rest.
fn layout_isolating<'a>(
    engine: &Engine,
    batch: &PreparedBatch,
    records: &[(usize, &'a Value)],
    failed: &mut Failed,
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
            Err(e) => failed.push((i, e.to_string())),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(n: usize) -> Vec<usize> {
        let records: Vec<usize> = (0..n).collect();
        chunks(&records).map(|c| c.len()).collect()
    }

    #[test]
    fn file_names_are_ascii_and_unique() {
        let mut names = FileNames::new(12);
        assert_eq!(names.numbered(7, "Lăng Thành Hùng"), "007-lang-thanh-hung.pdf");
        assert_eq!(names.unique("Đình Lập / CT2"), "dinh-lap-ct2.pdf");
        assert_eq!(names.unique("đình lập ct2"), "dinh-lap-ct2-2.pdf");
        assert_eq!(names.unique("Dinh Lap CT2"), "dinh-lap-ct2-3.pdf");
        assert_eq!(FileNames::padded(2).numbered(2, "Tràng Định"), "02-trang-dinh.pdf");
        assert_eq!(FileNames::new(12_000).numbered(1, "A"), "00001-a.pdf");
    }

    #[test]
    fn chunks_are_shared_evenly_by_the_lanes_and_end_small() {
        assert_eq!(sizes(480), [96, 96, 96, 96, 48, 48]);
        assert_eq!(sizes(10), [5, 5]);
        assert_eq!(sizes(1), [1]);
        assert!(sizes(0).is_empty());
        for n in [99, 100, 101, 199, 200, 201, 400, 999, 10_001] {
            let s = sizes(n);
            assert_eq!(s.iter().sum::<usize>(), n, "{n}");
            assert!(s.iter().all(|&c| c <= CHUNK), "{n}: {s:?}");
            assert_eq!(s.len() % LANES, 0, "{n}: {s:?}");
        }
    }
}
