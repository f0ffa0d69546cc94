//! Downloads from the output folder: one file built (`/tai`), or a batch's
//! files, merged file and report as one ZIP (`/tai-zip`).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::{Answer, App, Loi, file_name, heavy, query};
use crate::batch;

/// A file as a download named `name`.
fn attachment(bytes: Vec<u8>, kind: &'static str, name: &str) -> Response {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    ([(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

fn not_built(name: &str) -> Loi {
    Loi::new(
        StatusCode::NOT_FOUND,
        format!("chưa có '{name}' trong thư mục đầu ra: bấm \"Dựng tất cả\" trước"),
    )
}

/// `GET /tai?tep=<path in the output folder>`: a PDF built, or the report.
pub async fn tai(State(app): State<Arc<App>>, uri: Uri) -> Answer {
    let q = query(&uri)?;
    let tep = file_name(q.get("tep").map_or("", String::as_str))?.to_owned();
    let kind = if tep.ends_with(".pdf") {
        "application/pdf"
    } else if tep.ends_with(".json") {
        "application/json"
    } else {
        return Err(Loi::bad(format!("chỉ tải được tệp PDF hoặc báo cáo JSON, không phải '{tep}'")));
    };
    let path =
        app.out.resolve_existing(&tep).map_err(|r| if r.missing { not_built(&tep) } else { r.into() })?;
    let bytes =
        std::fs::read(&path).map_err(|e| Loi::internal(format!("không đọc được tệp '{tep}': {e}")))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(tep);
    Ok(attachment(bytes, kind, &name))
}

/// `GET /tai-zip?tep=<batch>.yaml`: the batch's folder of files, its merged
/// file and the build's report, as `<stem>.zip`.
pub async fn tai_zip(State(app): State<Arc<App>>, uri: Uri) -> Answer {
    let q = query(&uri)?;
    let doc = app.document(q.get("tep").map_or("", String::as_str))?;
    let stem = batch::output_stem(&doc);
    let folder =
        app.out.resolve_existing(&stem).map_err(|r| if r.missing { not_built(&stem) } else { r.into() })?;
    if !folder.is_dir() {
        return Err(not_built(&format!("{stem}/")));
    }
    heavy(&app, move |app| {
        let bytes =
            zip_of(app, &stem, &folder).map_err(|e| Loi::internal(format!("không tạo được tệp ZIP: {e}")))?;
        Ok(attachment(bytes, "application/zip", &format!("{stem}.zip")))
    })
    .await
}

/// The ZIP: `<stem>/…` (regular files only: a link in the output folder is
/// not followed), `<stem>.pdf` and `bao-cao.json` when built.
fn zip_of(app: &App, stem: &str, folder: &Path) -> std::io::Result<Vec<u8>> {
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut files: Vec<(String, std::path::PathBuf)> =
        names.into_iter().map(|n| (format!("{stem}/{n}"), folder.join(&n))).collect();
    for extra in [format!("{stem}.pdf"), "bao-cao.json".to_owned()] {
        if let Ok(path) = app.out.resolve_existing(&extra)
            && path.is_file()
        {
            files.push((extra, path));
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, path) in files {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(path)?)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
