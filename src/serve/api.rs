//! The folder's routes: its documents and their states, one document to
//! edit, saving it, a new document, building them all, a trainee list.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Answer, App, Loi, body_bytes, body_json, file_name, heavy, json, query, yaml_name};
use crate::check::{self, Finding, MucDo};
use crate::folder::{OnDisk, Overlay};
use crate::kind::{self, KINDS};
use crate::model::danh_sach::{self, Table};
use crate::{batch, render};

/// A problem as the page shows it: `check`'s diagnostic, its file named
/// relative to DIR (a list's row points at the list, not at the YAML).
#[derive(Debug, Serialize)]
pub struct VanDe {
    pub muc: MucDo,
    pub tep: String,
    pub dong: Option<usize>,
    pub cot: Option<usize>,
    pub truong: String,
    pub thong_bao: String,
    pub goi_y: Option<String>,
}

impl App {
    pub(super) fn van_de(&self, findings: &[Finding]) -> Vec<VanDe> {
        findings
            .iter()
            .map(|f| VanDe {
                muc: f.severity,
                tep: self.relative(&f.file),
                dong: f.line,
                cot: f.column,
                truong: f.field.clone(),
                thong_bao: f.message.clone(),
                goi_y: f.hint.clone(),
            })
            .collect()
    }
}

/// A document's text as JSON, or null when it does not parse.
pub fn data_of(text: &str) -> Value {
    serde_yaml::from_str::<Value>(text).unwrap_or(Value::Null)
}

/// `GET /api/thu-muc`: the documents of DIR with their kinds, states and
/// files built; the kinds a new document may be.
pub async fn thu_muc(State(app): State<Arc<App>>) -> Answer {
    heavy(&app, |app| {
        let files = crate::yaml_files(app.dir.root())?;
        // One folder for all: what several documents read is parsed once.
        let folder = OnDisk::new(app.dir.root());
        let mut van_ban = Vec::new();
        for file in files {
            let Ok(bytes) = std::fs::read(&file) else { continue };
            // A data file (no `loai`) is not a document; one whose `loai`
            // cannot be read is, with its error, and so is one not in UTF-8.
            // A batch: a batch kind's, or any document merged over a list.
            let (kind, findings, lo) = match String::from_utf8(bytes) {
                Ok(raw) => match crate::engine::kind_in(&file, &crate::vi::clean(&raw)) {
                    Ok(None) => continue,
                    kind => {
                        let (found, made) = check::check_text(&app.engine, &file, &raw, &folder);
                        let lo = matches!(made, Some(crate::kind::Made::Batch(_)));
                        (kind.ok().flatten(), found, lo)
                    }
                },
                Err(e) => (
                    None,
                    findings(crate::model::text_of(&file, e.into_bytes()).expect_err("not UTF-8")),
                    false,
                ),
            };
            let errors = findings.iter().filter(|f| f.is_error()).count();
            let warnings = findings.len() - errors;
            let stem = batch::output_stem(&file);
            van_ban.push(json!({
                "tep": app.relative(&file),
                "loai": kind.map(|k| k.loai),
                "ten_loai": kind.map(|k| k.ten),
                "trang_thai": if errors > 0 { "loi" } else if warnings > 0 { "canh-bao" } else { "san-sang" },
                "so_loi": errors,
                "so_canh_bao": warnings,
                "lo": lo,
                "pdf": built(app, &stem),
                "tep_lo": if lo { json!(built_batch(app, &stem)) } else { Value::Null },
            }));
        }
        let loai: Vec<Value> =
            KINDS.iter().map(|k| json!({ "loai": k.loai, "ten": k.ten, "mau": k.mau, "ma": k.ma })).collect();
        let name = app.dir_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // The lists a batch can be checked against (picked in the page).
        let mut danh_sach: Vec<String> = std::fs::read_dir(app.dir.root())
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|n| {
                        let ext = n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
                        matches!(ext.as_str(), "csv" | "xlsx" | "xlsm" | "xls" | "ods")
                    })
                    .collect()
            })
            .unwrap_or_default();
        danh_sach.sort();
        Ok(json(&json!({ "thu_muc": name, "van_ban": van_ban, "loai": loai, "danh_sach": danh_sach })))
    })
    .await
}

/// The output folder's files of the document `stem`: `<stem>.pdf` and its
/// parts' (`<stem>.kem-theo.pdf`), sorted.
fn built(app: &App, stem: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(app.out.root()) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n == &format!("{stem}.pdf") || (n.starts_with(&format!("{stem}.")) && n.ends_with(".pdf"))
        })
        .collect();
    names.sort();
    names
}

/// A batch's own files in `<stem>/`, relative to the output folder.
fn built_batch(app: &App, stem: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(app.out.root().join(stem)) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .map(|n| format!("{stem}/{n}"))
        .collect();
    names.sort();
    names
}

/// `GET /api/van-ban?tep=…`: one document to edit.
pub async fn van_ban(State(app): State<Arc<App>>, uri: Uri) -> Answer {
    let q = query(&uri)?;
    let path = app.document(q.get("tep").map_or("", String::as_str))?;
    let bytes = std::fs::read(&path).map_err(|e| Loi::internal(format!("không đọc được tệp: {e}")))?;
    let phien_ban = super::hash_hex(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        Loi::bad(crate::model::text_of(&path, e.into_bytes()).expect_err("not UTF-8").to_string())
    })?;
    let kind = crate::engine::kind_in(&path, &crate::vi::clean(&text)).ok().flatten();
    Ok(json(&json!({
        "tep": app.relative(&path),
        "loai": kind.map(|k| k.loai),
        "yaml": text,
        "phien_ban": phien_ban,
        "du_lieu": data_of(&text),
        "schema": kind.map(crate::schema::of_kind),
    })))
}

#[derive(Deserialize)]
pub struct Luu {
    tep: String,
    yaml: String,
    phien_ban: String,
}

/// `POST /api/luu`: writes the text, atomically, unless the file changed
/// on disk since the page read it.
pub async fn luu(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Answer {
    let request: Luu = body_json(&headers, body).await?;
    if request.yaml.len() > super::MAX_YAML {
        return Err(Loi::too_large("văn bản", super::MAX_YAML));
    }
    let path = app.document(&request.tep)?;
    let app = Arc::clone(&app);
    tokio::task::spawn_blocking(move || {
        let _one_at_a_time = app.saving.lock().unwrap_or_else(|p| p.into_inner());
        let now = std::fs::read(&path).map_err(|e| Loi::internal(format!("không đọc được tệp: {e}")))?;
        if super::hash_hex(&now) != request.phien_ban {
            return Err(Loi::new(
                StatusCode::CONFLICT,
                format!(
                    "Tệp {} đã thay đổi trên đĩa từ lúc mở (có thể do thẻ hoặc chương trình khác); chưa ghi gì: hãy mở lại tệp để xem bản trên đĩa rồi sửa tiếp",
                    app.relative(&path)
                ),
            ));
        }
        render::write_atomic(&path, request.yaml.as_bytes())?;
        Ok(json(&json!({ "phien_ban": super::hash_hex(request.yaml.as_bytes()) })))
    })
    .await
    .map_err(Loi::internal)?
}

#[derive(Deserialize)]
pub struct Moi {
    loai: String,
    #[serde(default)]
    tep: Option<String>,
}

/// `POST /api/moi`: a kind's starting file (as `vanban new`), named `tep`,
/// and the data files it reads that DIR does not have yet. Never
/// overwrites: 409 when `tep` exists.
pub async fn moi(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Answer {
    let request: Moi = body_json(&headers, body).await?;
    let kind = kind::by_loai(&request.loai).ok_or_else(|| Loi::bad(kind::unknown(&request.loai)))?;
    let tep = request.tep.unwrap_or_else(|| format!("{}.yaml", kind.loai));
    let path = app.dir.resolve_new(yaml_name(&tep)?)?;
    let mut targets = vec![(path, &kind.moi[0])];
    for starter in &kind.moi[1..] {
        targets.push((app.dir.resolve_new(starter.name)?, starter));
    }
    if targets[0].0.symlink_metadata().is_ok() {
        return Err(Loi::new(
            StatusCode::CONFLICT,
            format!("tệp '{tep}' đã có; vanban không ghi đè: chọn tên khác hoặc mở tệp đó"),
        ));
    }
    let mut da_ghi = Vec::new();
    let mut da_co = Vec::new();
    for (path, starter) in targets {
        let name = app.relative(&path);
        if path.symlink_metadata().is_ok() {
            da_co.push(name);
            continue;
        }
        match write_new(&path, starter.commented().as_bytes(), &name)? {
            true => da_ghi.push(name),
            false if !da_ghi.is_empty() => da_co.push(name),
            false => {
                return Err(Loi::new(
                    StatusCode::CONFLICT,
                    format!("tệp '{tep}' đã có; vanban không ghi đè: chọn tên khác hoặc mở tệp đó"),
                ));
            }
        }
    }
    Ok(json(&json!({ "tep": da_ghi[0], "da_ghi": da_ghi, "da_co": da_co })))
}

/// `POST /api/nhap`: a Word, PDF or text document brought in as a new data
/// file of DIR (as `vanban nhap`), named after it; never overwrites.
pub async fn nhap(State(app): State<Arc<App>>, uri: Uri, headers: HeaderMap, body: Body) -> Answer {
    let name = super::decode(headers.get("x-ten-tep").and_then(|v| v.to_str().ok()).unwrap_or(""))?;
    let name = file_name(&name)?.to_owned();
    if name.contains('/') {
        return Err(Loi::bad(format!("tên tệp '{name}' không được chứa thư mục")));
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    if !matches!(ext.to_ascii_lowercase().as_str(), "docx" | "pdf" | "txt") {
        return Err(Loi::bad(format!("'{name}': chỉ nhập được tệp .docx, .pdf hoặc .txt")));
    }
    let q = query(&uri)?;
    let tep = match q.get("tep") {
        Some(t) => yaml_name(t)?.to_owned(),
        None => format!("{}.yaml", crate::vi::slug(stem)),
    };
    let target = app.dir.resolve_new(&tep)?;
    let bytes = body_bytes(&headers, body, super::MAX_NHAP, "văn bản").await?;
    heavy(&app, move |app| {
        let source = std::path::PathBuf::from(&name);
        let ket_qua = crate::nhap::nhap(&source, &bytes, &target).map_err(|e| Loi::bad(e.human()))?;
        if !write_new(&target, ket_qua.yaml.as_bytes(), &tep)? {
            return Err(Loi::new(
                StatusCode::CONFLICT,
                format!("tệp '{tep}' đã có; vanban không ghi đè: đổi tên tệp nhập hoặc mở tệp đó"),
            ));
        }
        let bao_cao = crate::nhap::bao_cao(&source, std::path::Path::new(&tep), &ket_qua);
        Ok(json(&json!({
            "tep": app.relative(&target),
            "loai": ket_qua.van_ban.kind.loai,
            "bao_cao": bao_cao,
            "van_de": app.van_de(&ket_qua.van_de),
        })))
    })
    .await
}

/// Writes a new file of DIR atomically, never over one that is there
/// (another request may have made it meanwhile): `false` when it exists.
fn write_new(path: &std::path::Path, bytes: &[u8], name: &str) -> Answer<bool> {
    let mut tmp = render::beside(path)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(Loi::internal)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Loi::internal(format!("không ghi được tệp '{name}': {}", e.error))),
    }
}

/// A build of the folder as the page follows it.
#[derive(Default, Serialize)]
pub struct Progress {
    dang_chay: bool,
    /// Documents made, of all.
    xong: usize,
    tong: usize,
    bao_cao: Option<BaoCao>,
}

#[derive(Default, Serialize)]
struct BaoCao {
    /// Whether every document and record was made.
    thanh_cong: Option<bool>,
    /// The last word: what failed and what was written.
    thong_bao: String,
    /// The lines `vanban build` prints, as they come.
    nhat_ky: Vec<String>,
}

/// `POST /api/dung`: builds every document of DIR into the output folder,
/// as `vanban build`; `GET /api/tien-do` follows it.
pub async fn dung(State(app): State<Arc<App>>) -> Answer {
    {
        let mut progress = app.build.lock().unwrap_or_else(|p| p.into_inner());
        if progress.dang_chay {
            return Err(Loi::new(StatusCode::CONFLICT, "đang dựng; chờ lần dựng trước xong"));
        }
        *progress = Progress { dang_chay: true, bao_cao: Some(BaoCao::default()), ..Progress::default() };
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || {
        let app = worker;
        let update =
            |f: &mut dyn FnMut(&mut Progress)| f(&mut app.build.lock().unwrap_or_else(|p| p.into_inner()));
        // A panic must not leave the page waiting on a build that ended.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::build(
                &app.engine,
                app.dir.root(),
                app.out.root(),
                &mut |line| update(&mut |p| p.bao_cao.get_or_insert_default().nhat_ky.push(line.clone())),
                &mut |xong, tong| update(&mut |p| (p.xong, p.tong) = (xong, tong)),
            )
        }))
        .unwrap_or_else(|_| Err(crate::error::Error::Usage("lần dựng dừng bất thường".into())));
        update(&mut |p| {
            p.dang_chay = false;
            let report = p.bao_cao.get_or_insert_default();
            report.thanh_cong = Some(result.is_ok());
            report.thong_bao = match &result {
                Ok(()) => report.nhat_ky.last().cloned().unwrap_or_default(),
                Err(e) => e.to_string(),
            };
        });
    });
    tien_do(State(app)).await
}

pub async fn tien_do(State(app): State<Arc<App>>) -> Answer {
    Ok(json(&*app.build.lock().unwrap_or_else(|p| p.into_inner())))
}

/// `POST /api/danh-sach?tep=<batch>.yaml[&luu=1]`, the list's bytes as the
/// body, its name in `X-Ten-Tep` (%-encoded): the list as a table, each
/// row with the problems `check` finds in it when the batch reads this
/// list; with `luu=1`, the list is also saved into DIR under its name.
pub async fn danh_sach(State(app): State<Arc<App>>, uri: Uri, headers: HeaderMap, body: Body) -> Answer {
    let q = query(&uri)?;
    let doc = app.document(q.get("tep").map_or("", String::as_str))?;
    // A list of DIR picked by name (`chon`), or one uploaded.
    let picked = q.get("chon").cloned();
    let name = match &picked {
        Some(n) => n.clone(),
        None => super::decode(headers.get("x-ten-tep").and_then(|v| v.to_str().ok()).unwrap_or(""))?,
    };
    let name = file_name(&name)?.to_owned();
    if name.contains('/') {
        return Err(Loi::bad(format!("tên danh sách '{name}' không được chứa thư mục")));
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "csv" | "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(Loi::bad(format!("danh sách '{name}' phải là tệp .csv hoặc .xlsx")));
    }
    let (target, bytes) = if picked.is_some() {
        let path = app.dir.resolve_existing(&name)?;
        let bytes =
            std::fs::read(&path).map_err(|e| Loi::internal(format!("không đọc được tệp '{name}': {e}")))?;
        if bytes.len() > super::MAX_LIST {
            return Err(Loi::too_large("danh sách", super::MAX_LIST));
        }
        (path, bytes)
    } else {
        (app.dir.resolve_new(&name)?, body_bytes(&headers, body, super::MAX_LIST, "danh sách").await?)
    };
    let save = picked.is_none() && q.get("luu").is_some_and(|v| v == "1");
    heavy(&app, move |app| {
        let (header, rows) = match Table::cells(&target, bytes.clone()) {
            Ok(table) => (table.header, table.rows),
            Err(e) => return Ok(json(&json!({ "cot": [], "dong": [], "van_de": app.van_de(&findings(e)) }))),
        };
        if rows.len() > danh_sach::MAX_ROWS {
            return Err(Loi::new(StatusCode::PAYLOAD_TOO_LARGE, danh_sach::too_many_rows(rows.len())));
        }
        let raw =
            std::fs::read_to_string(&doc).map_err(|e| Loi::internal(format!("không đọc được tệp: {e}")))?;
        let reads = match serde_yaml::from_str::<Value>(&raw)
            .ok()
            // A batch's trainee list, or the list a document is merged over.
            .and_then(|v| {
                v.get("danh_sach").or_else(|| v.get("tron")?.get("danh_sach"))?.as_str().map(str::to_owned)
            }) {
            Some(list) => list,
            None => {
                return Err(Loi::bad(format!(
                    "văn bản '{}' không đọc danh sách nào (không có khóa 'danh_sach' hay 'tron')",
                    app.relative(&doc)
                )));
            }
        };
        // The batch as it would be made from this list, unsaved.
        let folder = Overlay::new(OnDisk::new(app.dir.root())).with(&reads, target.clone(), bytes.clone())?;
        let (found, _) = check::check_text(&app.engine, &doc, &raw, &folder);
        let of_row = |so: usize| -> Vec<&str> {
            found
                .iter()
                .filter(|f| f.file == target && f.line == Some(so))
                .map(|f| f.message.as_str())
                .collect()
        };
        let dong: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, o)| json!({ "so": i + 2, "o": o, "loi": of_row(i + 2) }))
            .collect();
        let mut reply = json!({ "cot": header, "dong": dong, "van_de": app.van_de(&found) });
        if save {
            render::write_atomic(&target, &bytes)?;
            reply["da_luu"] = json!(app.relative(&target));
        }
        Ok(json(&reply))
    })
    .await
}

fn findings(e: crate::error::Error) -> Vec<Finding> {
    match e {
        crate::error::Error::Input(list) => list,
        other => vec![crate::error::Diagnostic::new(&PathBuf::new(), "", other.to_string())],
    }
}

impl From<String> for Loi {
    fn from(message: String) -> Self {
        Loi::bad(message)
    }
}
