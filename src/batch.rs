//! Batches: many records laid out as one document (fonts, templates and
//! layout work shared), split into one PDF per record plus the merged PDF,
//! with a report of what was written and what failed.

use std::path::{Path, PathBuf};

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

fn run(engine: &Engine, batch: &PreparedBatch, out: &Path, name: &str) -> Result<Report> {
    let mut report = Report { bo_qua: batch.skipped.clone(), ..Report::default() };
    let mut good: Vec<(usize, &Value)> = Vec::new();
    let mut errors: Vec<Option<String>> = vec![None; batch.items.len()];
    for (i, item) in batch.items.iter().enumerate() {
        match &item.result {
            Ok(ctx) => good.push((i, ctx)),
            Err(e) => errors[i] = Some(e.clone()),
        }
    }
    let folder = batch.folder();
    let layout = |records: &[(usize, &Value)]| -> Result<typst_layout::PagedDocument> {
        let contexts: Vec<&Value> = records.iter().map(|(_, v)| *v).collect();
        let source = batch.source(&engine.templates, &contexts)?;
        let prepared = crate::compose::Prepared { source, ..clone_base(&batch.base, &folder) };
        engine.layout(&prepared)
    };
    let mut document = if good.is_empty() { None } else { Some(layout(&good)) };
    if let Some(Err(_)) = document {
        // Something in one record broke the layout: find it by laying out
        // each alone, and keep the rest.
        let mut kept = Vec::new();
        for &(i, ctx) in &good {
            match layout(&[(i, ctx)]) {
                Ok(_) => kept.push((i, ctx)),
                Err(e) => errors[i] = Some(e.to_string()),
            }
        }
        good = kept;
        document = if good.is_empty() { None } else { Some(layout(&good)) };
    }
    let document = document.transpose()?;
    let dir = out.join(name);
    if let Some(document) = &document {
        let ranges = render::record_pages(document);
        if ranges.len() != good.len() {
            return Err(Error::Typeset(vec![format!(
                "mẫu {} phải gọi bat-dau() đúng một lần cho mỗi văn bản ({} văn bản, {} dấu bắt đầu)",
                batch.template,
                good.len(),
                ranges.len()
            )]));
        }
        let results: Vec<(usize, Result<()>)> = good
            .par_iter()
            .zip(ranges)
            .map(|(&(i, _), range)| {
                let item = &batch.items[i];
                let ident = format!("{}/{}", batch.base.ident, item.file);
                let written = render::pdf_pages(document, &ident, Some(range))
                    .and_then(|bytes| render::write_atomic(&dir.join(&item.file), &bytes));
                (i, written)
            })
            .collect();
        for (i, r) in results {
            if let Err(e) = r {
                errors[i] = Some(e.to_string());
            }
        }
        let merged = out.join(format!("{name}.pdf"));
        let bytes = render::pdf(document, &batch.base.ident)?;
        render::write_atomic(&merged, &bytes)?;
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

fn clone_base(base: &crate::compose::Prepared, folder: &Path) -> crate::compose::Prepared {
    crate::compose::Prepared {
        source: String::new(),
        map: base.map.clone(),
        today: base.today,
        ident: base.ident.clone(),
        folder: PathBuf::from(folder),
    }
}
