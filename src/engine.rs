//! One run's shared state (fonts and templates loaded once) and the path
//! from a data file to a PDF.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use typst::model::Document as _;
use typst_layout::PagedDocument;

use crate::compose::{Prepared, PreparedBatch};
use crate::error::{Error, InputError, Result};
use crate::folder::OnDisk;
use crate::fonts::FontSet;
use crate::kind::{self, Input, Kind, Made, Pass};
use crate::model;
use crate::render;
use crate::template::Templates;

/// Just the `loai` key, to tell documents from data files.
#[derive(Deserialize)]
struct KindField {
    #[serde(default)]
    loai: Option<serde_yaml::Value>,
}

/// A data file read once: its NFC text and the kind it declares (`None`
/// for a data file such as an allocation).
pub struct Source {
    pub text: String,
    pub kind: Option<Kind>,
}

/// Reads a YAML file and the kind it declares.
pub fn read_source(path: &Path) -> Result<Source> {
    let text = model::read_text(path)?;
    let kind = kind_in(path, &text)?;
    Ok(Source { text, kind })
}

/// The document kind a YAML file declares, or `None` for a data file.
pub fn kind_of(path: &Path) -> Result<Option<Kind>> {
    read_source(path).map(|s| s.kind)
}

/// The kind declared by `text` (the file `path`).
pub fn kind_in(path: &Path, text: &str) -> Result<Option<Kind>> {
    let field: KindField = model::parse_yaml(path, text)?;
    match field.loai {
        None => Ok(None),
        Some(serde_yaml::Value::String(s)) if kind::by_loai(&s).is_some() => Ok(kind::by_loai(&s)),
        Some(other) => {
            let shown = serde_yaml::to_string(&other).unwrap_or_default();
            let mut e = InputError::new(path, "loai", kind::unknown(shown.trim()));
            if let Some(line) = model::line_of_key(text, "loai") {
                e = e.at(line, None);
            }
            Err(Error::input(e))
        }
    }
}

/// Sets up the worker threads once per process: `jobs` of them (default:
/// every core, or RAYON_NUM_THREADS). Typst's PDF export waits on rayon jobs,
/// which may run nested on the same stack, so the stacks are large: the
/// default 2 MiB overflows on big batches. Later calls change nothing.
pub fn init_threads(jobs: Option<usize>) {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(64 << 20);
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    let _ = builder.build_global();
}

pub struct Engine {
    pub templates: Templates,
    pub fonts: Arc<FontSet>,
}

impl Engine {
    pub fn new(font_dir: Option<&Path>, templates: Option<&Path>) -> Result<Self> {
        init_threads(None);
        let fonts = match font_dir {
            Some(dir) => FontSet::with_dir(dir)?,
            None => FontSet::embedded(),
        };
        Ok(Self { templates: Templates::new(templates)?, fonts })
    }

    /// Validates the data file and renders its Typst source.
    pub fn prepare(&self, path: &Path) -> Result<Prepared> {
        let source = read_source(path)?;
        let Some(kind) = source.kind else {
            return Err(Error::input(InputError::new(
                path,
                "loai",
                "tệp không khai báo loại văn bản (thiếu khóa 'loai', ví dụ 'loai: ke-hoach')",
            )));
        };
        self.prepare_source(kind, path, &source.text)
    }

    /// Renders the Typst source of a document whose text is already read,
    /// reading the files it names from its folder on disk.
    pub fn prepare_source(&self, kind: Kind, path: &Path, text: &str) -> Result<Prepared> {
        let folder = OnDisk::of_file(path);
        self.prepare_input(&Input { kind, path, text, folder: &folder })
    }

    /// One pass over a document from any folder (on disk, or files held in
    /// memory: a page editing unsaved text): its data parsed once, its
    /// rules, and what preparing it gives.
    pub fn pass(&self, input: &Input) -> Result<Pass> {
        input.kind.pass(input, Some((&self.templates, &self.fonts)))
    }

    /// Renders the Typst source of a document from any folder.
    pub fn prepare_input(&self, input: &Input) -> Result<Prepared> {
        let made = self.pass(input)?.made.expect("prepared with tools");
        self.one_document(input, made?)
    }

    /// What was made as one document: a batch with every record, each
    /// with its own pages.
    pub fn one_document(&self, input: &Input, made: Made) -> Result<Prepared> {
        let batch = match made {
            Made::One(prepared) => return Ok(prepared),
            Made::Batch(batch) => batch,
        };
        // Problems reported once, then records' own.
        let failed: Vec<InputError> = batch
            .problems
            .iter()
            .cloned()
            .chain(batch.items.iter().filter(|i| !i.reported).filter_map(|i| {
                i.result.as_ref().err().map(|e| InputError::new(input.path, &i.name, e.clone()))
            }))
            .collect();
        if !failed.is_empty() {
            return Err(Error::Input(failed));
        }
        let records: Vec<&serde_json::Value> =
            batch.items.iter().filter_map(|i| i.result.as_ref().ok()).collect();
        let source = batch.source(&self.templates, &records)?;
        Ok(Prepared { source, ..batch.base })
    }

    /// Prepares a batch's records, for `build` to write one by one.
    pub fn prepare_batch(&self, kind: Kind, path: &Path, text: &str) -> Result<PreparedBatch> {
        let folder = OnDisk::of_file(path);
        self.prepare_batch_input(&Input { kind, path, text, folder: &folder })
    }

    /// A batch's records from any folder: a batch kind's, or any document
    /// merged over a list.
    pub fn prepare_batch_input(&self, input: &Input) -> Result<PreparedBatch> {
        match self.pass(input)?.made.expect("prepared with tools")? {
            Made::Batch(batch) => Ok(batch),
            Made::One(_) => Err(Error::Usage(format!("'{}' không tạo văn bản theo lô", input.kind.loai))),
        }
    }

    /// Lays out a prepared document.
    pub fn layout(&self, prepared: &Prepared) -> Result<PagedDocument> {
        let result = render::compile(
            prepared.source.clone(),
            &self.fonts,
            Some(&prepared.folder),
            prepared.today,
            &prepared.map,
        );
        // Typst's caches are process-global and grow with every document;
        // clear them so memory stays flat over a batch.
        typst::comemo::evict(10);
        result
    }

    /// Data file → PDF bytes and page count.
    pub fn pdf(&self, path: &Path) -> Result<(Vec<u8>, usize)> {
        self.pdf_of(&self.prepare(path)?)
    }

    /// A prepared document as the files it makes: `target` (its PDF), then
    /// each part in its own file beside it, with their page counts. All are
    /// laid out before any is returned, so that a part that fails leaves
    /// no file of the document written.
    pub fn files_of(&self, prepared: &Prepared, target: &Path) -> Result<Vec<(PathBuf, Vec<u8>, usize)>> {
        let mut files = Vec::new();
        let (bytes, pages) = self.pdf_of(prepared)?;
        files.push((target.to_owned(), bytes, pages));
        for part in &prepared.tep_rieng {
            let (bytes, pages) = self.pdf_of(&part.prepared)?;
            files.push((part.path_beside(target), bytes, pages));
        }
        Ok(files)
    }

    /// A prepared document → PDF bytes and page count.
    pub fn pdf_of(&self, prepared: &Prepared) -> Result<(Vec<u8>, usize)> {
        let document = self.layout(prepared)?;
        let bytes = render::pdf(&document, &prepared.ident)?;
        // A batch as one file: a bookmark per record, as `build` writes it.
        let bookmarks = render::bookmarks(&document);
        let bytes = if bookmarks.is_empty() {
            bytes
        } else {
            let title = document.info().title.as_deref().unwrap_or_default();
            crate::merge::with_outline(&bytes, &bookmarks, title)?
        };
        Ok((bytes, document.pages().len()))
    }
}
