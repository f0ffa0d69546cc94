//! `vanban serve [DIR]`: a page in the clerk's browser, on their own
//! machine, where each document of DIR is edited with its pages shown as
//! they are typed, then saved, built and downloaded. The contract between
//! this server and the page (`trang/`) is `docs/web-api.md`.
//!
//! Safe by default: it listens on 127.0.0.1 only (another address only with
//! `--mo-rong`, and then with a token printed at start); the Host header
//! must name it (no DNS rebinding) and a request from another site is
//! refused; every file name a request carries is confined to DIR (or the
//! output folder) as the command line confines a document's names
//! ([`crate::folder::OnDisk`]); bodies are limited; templates are only
//! ever the built-in ones.

mod api;
mod download;
mod preview;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

use crate::cli::ServeArgs;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::folder::{OnDisk, Refusal};

/// The largest document text the page sends (a plan is about 20 KiB).
pub const MAX_YAML: usize = 2 << 20;
/// The largest JSON request: the text, its data as JSON, the page's hashes.
pub const MAX_JSON: usize = 3 * MAX_YAML;
/// The largest trainee list uploaded.
pub const MAX_LIST: usize = 10 << 20;
/// The largest document the page imports (`POST /api/nhap`).
pub const MAX_NHAP: usize = 20 << 20;

/// `vanban serve`: binds, prints the address, serves until Ctrl+C.
pub fn command(args: &ServeArgs) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return Err(Error::Usage(format!("không tìm thấy thư mục dữ liệu '{}'", dir.display())));
    }
    let engine = Engine::new(args.font_dir.as_deref(), None)?;
    let out = args.out.clone().unwrap_or_else(|| crate::default_out(&dir));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("không khởi động được máy chủ: {e}")))?;
    runtime.block_on(serve(engine, dir, out, args.port, args.mo_rong))
}

async fn serve(engine: Engine, dir: PathBuf, out: PathBuf, port: u16, mo_rong: Option<IpAddr>) -> Result<()> {
    let ip = mo_rong.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, port))
        .await
        .map_err(|e| Error::Usage(format!("không mở được cổng {port} tại {ip}: {e} (thử --port khác)")))?;
    let port = listener.local_addr().map_err(|e| Error::Usage(format!("không đọc được cổng: {e}")))?.port();
    let token = match mo_rong {
        Some(_) => Some(new_token()?),
        None => None,
    };
    let app = Arc::new(App::new(engine, &dir, out, Access { port, mo_rong, token: token.clone() }));
    let shown = SocketAddr::new(ip, port);
    let mut banner = match &token {
        None => format!("vanban đang chạy tại http://{shown}/ (Ctrl+C để dừng)\n"),
        Some(t) => format!(
            "vanban đang chạy tại http://{shown}/?ma={t} (Ctrl+C để dừng)\nmã truy cập: {t} (máy khác mở địa chỉ trên, có mã này)\n"
        ),
    };
    banner.push_str(&format!("thư mục dữ liệu: {}\n", app.dir.root().display()));
    // Whoever started the server may stop reading its output: no panic for that.
    use std::io::Write;
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(banner.as_bytes()).and_then(|()| stdout.flush());
    let router = router(app);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Usage(format!("máy chủ dừng vì lỗi: {e}")))
}

/// 128 random bits as hex.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Usage(format!("không tạo được mã truy cập: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What the server shares between requests.
pub struct App {
    /// Fonts and templates loaded once.
    engine: Engine,
    /// DIR: every document name is confined to it.
    dir: OnDisk,
    /// Its canonical path, to name files relative to it.
    dir_path: PathBuf,
    /// The output folder `build` writes into, confined likewise.
    out: OnDisk,
    access: Access,
    /// Layouts at once: one per core, the rest wait their turn.
    heavy: Semaphore,
    /// Saves one at a time, so that a check of the file's version and the
    /// write that follows it are not split by another save.
    saving: Mutex<()>,
    build: Mutex<api::Progress>,
    /// The SVG hash of each page laid out lately, by its frame's hash.
    svg_hashes: Mutex<HashMap<u128, String>>,
}

impl App {
    fn new(engine: Engine, dir: &Path, out: PathBuf, access: Access) -> Self {
        let dir_path = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            engine,
            dir: OnDisk::new(dir_path.clone()),
            dir_path,
            out: OnDisk::new(out),
            access,
            heavy: Semaphore::new(cores),
            saving: Mutex::new(()),
            build: Mutex::default(),
            svg_hashes: Mutex::default(),
        }
    }

    /// `path` (a file of DIR) as the page names it: relative, '/'-separated.
    fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.dir_path).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }
}

/// Who may talk to the server.
struct Access {
    port: u16,
    /// The other address it listens on, if any.
    mo_rong: Option<IpAddr>,
    /// Required of every request when listening beyond this machine.
    token: Option<String>,
}

const TOKEN_COOKIE: &str = "vanban_ma";

impl Access {
    /// Whether `host` (a Host header) names this server: 127.0.0.1 or
    /// localhost with its port, or the address it was opened on. A name
    /// that resolves here only by a DNS trick is refused.
    fn host_ok(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port) {
            return true;
        }
        match (self.mo_rong, host.parse::<SocketAddr>()) {
            (Some(ip), Ok(addr)) if addr.port() == self.port => ip.is_unspecified() || addr.ip() == ip,
            _ => false,
        }
    }
}

/// An error a route answers with: its status and `{"loi": "…"}`.
#[derive(Debug)]
pub struct Loi {
    pub status: StatusCode,
    pub loi: String,
}

impl Loi {
    pub fn new(status: StatusCode, loi: impl Into<String>) -> Self {
        Self { status, loi: loi.into() }
    }
    pub fn bad(loi: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, loi)
    }
    pub fn too_large(what: &str, limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("{what} quá lớn: tối đa {} MiB; hãy chia thành nhiều tệp nhỏ hơn", limit >> 20),
        )
    }
    /// A failure of the program or the machine, not of the request.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<Refusal> for Loi {
    fn from(r: Refusal) -> Self {
        Self::new(if r.missing { StatusCode::NOT_FOUND } else { StatusCode::BAD_REQUEST }, r.message)
    }
}

impl From<Error> for Loi {
    fn from(e: Error) -> Self {
        let status = match e {
            Error::Input(_) | Error::Usage(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, e.to_string())
    }
}

impl IntoResponse for Loi {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "loi": self.loi }).to_string();
        (self.status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
    }
}

pub type Answer<T = Response> = std::result::Result<T, Loi>;

/// A JSON answer.
pub fn json(value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_string(value).expect("serialisable");
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

/// A request's body, refused past `limit` bytes (`what` names it in the
/// message). The declared length is checked before anything is read, so a
/// client that waits for `100 Continue` sends nothing.
pub async fn body_bytes(headers: &HeaderMap, body: Body, limit: usize, what: &str) -> Answer<Vec<u8>> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Loi::too_large(what, limit));
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(Loi::too_large(what, limit)),
        Err(e) => Err(Loi::bad(format!("không đọc được nội dung yêu cầu: {e}"))),
    }
}

/// A JSON request of `limit` bytes at most.
pub async fn body_json<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Answer<T> {
    let bytes = body_bytes(headers, body, MAX_JSON, "yêu cầu").await?;
    serde_json::from_slice(&bytes).map_err(|e| Loi::bad(format!("yêu cầu không hợp lệ (JSON): {e}")))
}

/// The query string's parameters, each decoded once (a `%25` stays a `%`,
/// which a file name then refuses).
pub fn query(uri: &Uri) -> Answer<HashMap<String, String>> {
    let mut out = HashMap::new();
    for pair in uri.query().unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.insert(decode(k)?, decode(v)?);
    }
    Ok(out)
}

/// `%xx` and `+` decoded; refused unless UTF-8.
pub fn decode(s: &str) -> Answer<String> {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| Loi::bad("địa chỉ yêu cầu không hợp lệ: ký tự mã hóa không phải UTF-8"))
}

/// A file name as a request gives it, before the folder's own checks
/// ([`OnDisk::resolve_existing`]): none of what only an attack or a
/// mistake writes, however it was encoded.
pub fn file_name(tep: &str) -> Answer<&str> {
    if tep.is_empty() {
        return Err(Loi::bad("thiếu tên tệp (tham số 'tep')"));
    }
    if tep.contains('%') {
        return Err(Loi::bad(format!(
            "tên tệp '{tep}' không hợp lệ: không dùng ký tự '%' (đường dẫn đã mã hóa)"
        )));
    }
    if tep.contains('\\') {
        return Err(Loi::bad(format!(
            "tên tệp '{tep}' không hợp lệ: ngăn thư mục bằng '/', không dùng '\\'"
        )));
    }
    if tep.chars().any(char::is_control) {
        return Err(Loi::bad(format!("tên tệp '{}' không hợp lệ: có ký tự điều khiển", tep.escape_debug())));
    }
    Ok(tep)
}

/// A document of DIR the page names: a YAML file inside DIR.
fn yaml_name(tep: &str) -> Answer<&str> {
    let tep = file_name(tep)?;
    if !(tep.ends_with(".yaml") || tep.ends_with(".yml")) {
        return Err(Loi::bad(format!("'{tep}' không phải tệp YAML (.yaml, .yml)")));
    }
    Ok(tep)
}

impl App {
    /// The existing document `tep` of DIR.
    fn document(&self, tep: &str) -> Answer<PathBuf> {
        Ok(self.dir.resolve_existing(yaml_name(tep)?)?)
    }
}

/// Runs CPU work (checks, layout, SVG) off the async threads, at most one
/// per core at once.
pub async fn heavy<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce(&App) -> Answer<T> + Send + 'static,
) -> Answer<T> {
    let _turn = app.heavy.acquire().await.map_err(Loi::internal)?;
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || work(&app)).await.map_err(Loi::internal)?
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/{file}", get(page))
        .route("/api/thu-muc", get(api::thu_muc))
        .route("/api/van-ban", get(api::van_ban))
        .route("/api/xem-truoc", post(preview::xem_truoc))
        .route("/api/luu", post(api::luu))
        .route("/api/moi", post(api::moi))
        .route("/api/dung", post(api::dung))
        .route("/api/tien-do", get(api::tien_do))
        .route("/api/danh-sach", post(api::danh_sach))
        .route("/api/nhap", post(api::nhap))
        .route("/tai", get(download::tai))
        .route("/tai-zip", get(download::tai_zip))
        .fallback(|| async { Loi::new(StatusCode::NOT_FOUND, "không có trang này") })
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// The page's files, inside the binary: name, type, content.
const TRANG: &[(&str, &str, &str)] = &[
    ("index.html", "text/html; charset=utf-8", include_str!("trang/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("trang/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("trang/app.css")),
    ("editor.js", "text/javascript; charset=utf-8", include_str!("trang/editor.js")),
    ("editor.css", "text/css; charset=utf-8", include_str!("trang/editor.css")),
    ("bieu-mau.js", "text/javascript; charset=utf-8", include_str!("trang/bieu-mau.js")),
];

async fn page(uri: Uri) -> Answer {
    let name = match uri.path().trim_start_matches('/') {
        "" => "index.html",
        other => other,
    };
    let (_, kind, text) = TRANG
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| Loi::new(StatusCode::NOT_FOUND, "không có trang này"))?;
    Ok(([(header::CONTENT_TYPE, *kind)], *text).into_response())
}

/// Every request passes here first: the Host it names, the site it comes
/// from, the token when one is required; every answer leaves with headers
/// that keep it out of other sites' frames and scripts.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mut response = match admit(&app, &request) {
        Ok(set_cookie) => {
            let mut r = next.run(request).await;
            if let Some(cookie) = set_cookie {
                r.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            r
        }
        Err(refused) => refused.into_response(),
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether the request may go on, and the cookie to set when it brought
/// the token in its address.
fn admit(app: &App, request: &Request) -> Answer<Option<HeaderValue>> {
    let access = &app.access;
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !access.host_ok(host) {
        return Err(Loi::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "yêu cầu bị từ chối: tên máy '{host}' không phải của vanban; hãy mở http://127.0.0.1:{}/",
                access.port
            ),
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
            return Err(cross_site(origin));
        }
    }
    // A request another site's page makes without an Origin (an image, a
    // script): the browser still says where it comes from.
    let path = request.uri().path();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()).unwrap_or("");
    if (path.starts_with("/api/") || path.starts_with("/tai"))
        && matches!(fetch_site, "cross-site" | "same-site")
    {
        return Err(cross_site(fetch_site));
    }
    let Some(token) = &access.token else { return Ok(None) };
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='))
        .any(|given| same(given, token));
    if from_cookie {
        return Ok(None);
    }
    let from_query = query(request.uri())?.get("ma").is_some_and(|given| same(given, token));
    if from_query {
        let cookie = format!("{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
        return Ok(Some(HeaderValue::from_str(&cookie).map_err(Loi::internal)?));
    }
    Err(Loi::new(
        StatusCode::UNAUTHORIZED,
        "cần mã truy cập: mở địa chỉ có '?ma=…' mà vanban in ra khi khởi động",
    ))
}

fn cross_site(from: &str) -> Loi {
    Loi::new(
        StatusCode::FORBIDDEN,
        format!(
            "yêu cầu bị từ chối: đến từ trang khác ('{from}'); vanban chỉ nhận yêu cầu từ trang của chính nó"
        ),
    )
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A stable hash of bytes, as hex: a file's version, a page's identity.
pub fn hash_hex(bytes: &[u8]) -> String {
    format!("{:032x}", typst::utils::hash128(bytes))
}
