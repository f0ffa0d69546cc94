//! `POST /api/xem-truoc`: the pages of the text being edited, laid out as
//! `build` lays them out (the same engine, fonts and templates; the files
//! it reads from DIR, its own text unsaved), as SVG; and the problems
//! `check` reports for that text. Nothing is written.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use typst_layout::PagedDocument;

use super::api::{VanDe, data_of};
use super::{Answer, App, Loi, body_json, heavy, json};
use crate::check;
use crate::compose::Prepared;
use crate::folder::{OnDisk, Overlay};
use crate::kind::Made;

#[derive(Deserialize)]
pub struct Request {
    tep: String,
    yaml: String,
    /// The document's data as the form holds it: the text is patched to
    /// hold it.
    #[serde(default)]
    du_lieu: Option<Value>,
    /// Which record of a batch.
    #[serde(default)]
    ban_ghi: usize,
    /// The pages' hashes the page shows, in order.
    #[serde(default)]
    trang_co: Vec<String>,
}

#[derive(Serialize)]
pub struct Reply {
    yaml: String,
    du_lieu: Value,
    van_de: Vec<VanDe>,
    trang: Vec<Trang>,
    /// Why there are no pages, when there are none.
    loi_dan_trang: Option<String>,
    /// A batch's records: how many, and each one's name and problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    so_ban_ghi: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ds_ban_ghi: Option<Vec<BanGhi>>,
}

#[derive(Serialize)]
struct Trang {
    hash: String,
    /// None when the page already shows this page at this place.
    svg: Option<String>,
    /// The page's text, line by line, with its SVG (which draws glyphs, not
    /// text): read aloud to who cannot see the page, and searched.
    #[serde(skip_serializing_if = "Option::is_none")]
    chu: Option<Vec<String>>,
    /// A part written in its own file ("kem-theo"): its pages follow the
    /// document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    phan: Option<String>,
}

#[derive(Serialize)]
struct BanGhi {
    ten: String,
    loi: Option<String>,
}

pub async fn xem_truoc(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Answer {
    let request: Request = body_json(&headers, body).await?;
    if request.yaml.len() > super::MAX_YAML {
        return Err(Loi::too_large("văn bản", super::MAX_YAML));
    }
    let path = app.document(&request.tep)?;
    heavy(&app, move |app| preview(app, &path, request).map(|r| json(&r))).await
}

/// The text holding `data`, comments and key order kept outside what
/// changed.
fn text_holding(old: &str, data: &Value) -> Answer<String> {
    crate::yaml_edit::patch(old, data).map_err(Loi::bad)
}

fn preview(app: &App, path: &Path, request: Request) -> Answer<Reply> {
    let text = match &request.du_lieu {
        Some(data) => text_holding(&request.yaml, data)?,
        None => request.yaml,
    };
    // The folder as on disk, but for this document's unsaved text.
    let name = app.relative(path);
    let folder =
        Overlay::new(OnDisk::new(app.dir.root())).with(&name, path.to_owned(), text.clone().into_bytes())?;
    let (findings, made) = check::check_text(&app.engine, path, &text, &folder);
    let mut reply = Reply {
        du_lieu: data_of(&text),
        van_de: app.van_de(&findings),
        trang: Vec::new(),
        loi_dan_trang: None,
        so_ban_ghi: None,
        ds_ban_ghi: None,
        yaml: text,
    };
    let pages = match made {
        None => Err(findings
            .iter()
            .find(|f| f.is_error())
            .map(|f| f.message.clone())
            .unwrap_or_else(|| "tệp này không phải văn bản (không có khóa 'loai')".into())),
        Some(Made::One(prepared)) => laid_out(app, &prepared),
        Some(Made::Batch(batch)) => {
            reply.so_ban_ghi = Some(batch.items.len());
            reply.ds_ban_ghi = Some(
                batch
                    .items
                    .iter()
                    .map(|i| BanGhi { ten: i.name.clone(), loi: i.result.as_ref().err().cloned() })
                    .collect(),
            );
            match batch.items.get(request.ban_ghi) {
                None if batch.items.is_empty() => Err("lô không có bản nào".to_owned()),
                None => {
                    return Err(Loi::new(
                        StatusCode::BAD_REQUEST,
                        format!("không có bản số {}: lô có {} bản", request.ban_ghi + 1, batch.items.len()),
                    ));
                }
                Some(item) => match &item.result {
                    Err(e) => Err(e.clone()),
                    // One record laid out alone, as a chunk of one.
                    Ok(record) => batch
                        .source(&app.engine.templates, &[record])
                        .map_err(|e| e.to_string())
                        .and_then(|source| laid_out(app, &Prepared { source, ..batch.base.clone() })),
                },
            }
        }
    };
    match pages {
        Ok(documents) => {
            let mut first = 0;
            for (document, phan) in &documents {
                reply.trang.extend(svg_pages(
                    app,
                    document,
                    phan.as_deref(),
                    &request.trang_co[first.min(request.trang_co.len())..],
                ));
                first += document.pages().len();
            }
        }
        Err(why) => reply.loi_dan_trang = Some(why),
    }
    Ok(reply)
}

/// The document laid out, then each part in its own file (with its name).
fn laid_out(app: &App, prepared: &Prepared) -> Result<Vec<(PagedDocument, Option<String>)>, String> {
    let mut documents = vec![(app.engine.layout(prepared).map_err(|e| e.to_string())?, None)];
    for part in &prepared.tep_rieng {
        documents
            .push((app.engine.layout(&part.prepared).map_err(|e| e.to_string())?, Some(part.duoi.clone())));
    }
    Ok(documents)
}

/// A document's pages as the page is sent them: each page's hash, and its
/// SVG unless `shown` (the hashes the page shows from this document's
/// first page on) has it at its place. A page laid out as before is known
/// by its frame, and its SVG is not made again only to be hashed.
fn svg_pages(app: &App, document: &PagedDocument, phan: Option<&str>, shown: &[String]) -> Vec<Trang> {
    document
        .pages()
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let shown = shown.get(i);
            let frame = typst::utils::hash128(page);
            let known = app.svg_hashes.lock().unwrap_or_else(|p| p.into_inner()).get(&frame).cloned();
            let (hash, svg) = match known {
                Some(hash) if shown == Some(&hash) => (hash, None),
                _ => {
                    let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
                    let hash = page_hash(&svg);
                    let mut cache = app.svg_hashes.lock().unwrap_or_else(|p| p.into_inner());
                    // A few pages each edit: forgotten all at once now and then.
                    if cache.len() >= SVG_HASHES {
                        cache.clear();
                    }
                    cache.insert(frame, hash.clone());
                    let svg = (shown != Some(&hash)).then_some(svg);
                    (hash, svg)
                }
            };
            let chu = svg
                .as_ref()
                .map(|_| crate::inspect::PageFacts::of(page).lines().into_iter().map(|l| l.text).collect());
            Trang { hash, svg, chu, phan: phan.map(str::to_owned) }
        })
        .collect()
}

/// The pages whose SVG hash is kept, by their frame's hash.
const SVG_HASHES: usize = 4096;

/// A page's identity: the same SVG, the same hash, on every run.
fn page_hash(svg: &str) -> String {
    format!("{:016x}", typst::utils::hash128(svg) as u64)
}
