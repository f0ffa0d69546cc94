//! One run's shared state (fonts and templates loaded once) and the path
//! from a data file to a PDF.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use typst::model::Document as _;
use typst_layout::PagedDocument;

use crate::compose::{self, Prepared};
use crate::error::{Error, InputError, Result};
use crate::fonts::FontSet;
use crate::model;
use crate::render;
use crate::template::Templates;

/// The kinds of document vanban makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    KeHoach,
    GiayMoi,
    GiayChungNhan,
}

impl Kind {
    /// The output file name in a built folder.
    pub fn output_name(self) -> &'static str {
        match self {
            Kind::KeHoach => "ke-hoach.pdf",
            Kind::GiayMoi => "giay-moi.pdf",
            Kind::GiayChungNhan => "giay-chung-nhan.pdf",
        }
    }
}

/// Just the `loai` key, to tell documents from data files.
#[derive(Deserialize)]
struct KindField {
    #[serde(default)]
    loai: Option<serde_yaml::Value>,
}

/// The document kind a YAML file declares, or `None` for a data file.
pub fn kind_of(path: &Path) -> Result<Option<Kind>> {
    let text = model::read_text(path)?;
    let field: KindField = model::parse_yaml(path, &text)?;
    match field.loai {
        None => Ok(None),
        Some(serde_yaml::Value::String(s)) if s == "ke-hoach" => Ok(Some(Kind::KeHoach)),
        Some(serde_yaml::Value::String(s)) if s == "giay-moi" => Ok(Some(Kind::GiayMoi)),
        Some(serde_yaml::Value::String(s)) if s == "giay-chung-nhan" => Ok(Some(Kind::GiayChungNhan)),
        Some(other) => {
            let shown = serde_yaml::to_string(&other).unwrap_or_default();
            let mut e = InputError::new(
                path,
                "loai",
                format!(
                    "loại văn bản '{}' không được hỗ trợ; các loại hợp lệ: ke-hoach, giay-moi, giay-chung-nhan",
                    shown.trim()
                ),
            );
            if let Some(line) = model::line_of_key(&text, "loai") {
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
        match kind_of(path)? {
            Some(Kind::KeHoach) => compose::prepare_ke_hoach(path, &self.templates, &self.fonts),
            // A batch as one document: every letter, each with its own pages.
            Some(kind @ (Kind::GiayMoi | Kind::GiayChungNhan)) => {
                let batch = if kind == Kind::GiayMoi {
                    compose::giay_moi::prepare(path, &self.templates, &self.fonts)?
                } else {
                    compose::giay_chung_nhan::prepare(path, &self.templates, &self.fonts)?
                };
                // Problems reported once, then records' own.
                let failed: Vec<InputError> = batch
                    .problems
                    .iter()
                    .cloned()
                    .chain(batch.items.iter().filter(|i| !i.reported).filter_map(|i| {
                        i.result.as_ref().err().map(|e| InputError::new(path, &i.name, e.clone()))
                    }))
                    .collect();
                if !failed.is_empty() {
                    return Err(Error::Input(failed));
                }
                let letters: Vec<&serde_json::Value> =
                    batch.items.iter().filter_map(|i| i.result.as_ref().ok()).collect();
                let source = batch.source(&self.templates, &letters)?;
                Ok(Prepared { source, ..batch.base })
            }
            None => Err(Error::input(InputError::new(
                path,
                "loai",
                "tệp không khai báo loại văn bản (thiếu khóa 'loai', ví dụ 'loai: ke-hoach')",
            ))),
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
        let prepared = self.prepare(path)?;
        let document = self.layout(&prepared)?;
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
