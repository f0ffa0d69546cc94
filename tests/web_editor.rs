//! The form editor (src/serve/trang/editor.js) in a real browser: headless
//! Chromium driven through chromedriver (WebDriver), on a test page served
//! from a small local HTTP server with the plan's schema and data as its
//! fixture, made here at run time from `vanban schema ke-hoach` and
//! data/du-an-8-2025/ke-hoach.yaml.
//!
//! Without chromedriver the test says why and passes, except in CI (`CI`
//! set), where it fails: `.ci/run` installs Debian's chromium and
//! chromium-driver.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// chromedriver, ended when the test ends (passing or not) with the
/// browsers it started: they share its process group, so a session that
/// failed half-way leaves nothing running.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_driver(binary: &Path) -> (Driver, u16) {
    let port = free_port();
    let mut command = Command::new(binary);
    command.arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command.spawn().expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, port)
}

/// The test page with its fixture, and the editor's files, on 127.0.0.1.
fn serve_page() -> u16 {
    let trang = repo().join("src/serve/trang");
    let schema = vanban::schema::named("ke-hoach").unwrap();
    let plan = std::fs::read_to_string(repo().join("data/du-an-8-2025/ke-hoach.yaml")).unwrap();
    let du_lieu: Value = serde_yaml::from_str(&plan).unwrap();
    // "</" would end the <script> element early.
    let fixture = json!({ "schema": schema, "du_lieu": du_lieu }).to_string().replace("</", "<\\/");
    let page = std::fs::read_to_string(trang.join("editor-test.html")).unwrap();
    let placeholder = r#"{"schema": {}, "du_lieu": {}}"#;
    assert!(page.contains(placeholder), "editor-test.html lost its fixture placeholder");
    let page = page.replace(placeholder, &fixture);
    let files: Vec<(String, &'static str, Vec<u8>)> = vec![
        ("/editor-test.html".into(), "text/html; charset=utf-8", page.into_bytes()),
        (
            "/editor.js".into(),
            "text/javascript; charset=utf-8",
            std::fs::read(trang.join("editor.js")).unwrap(),
        ),
        ("/editor.css".into(), "text/css; charset=utf-8", std::fs::read(trang.join("editor.css")).unwrap()),
    ];
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(stream, &files);
        }
    });
    port
}

fn answer(mut stream: TcpStream, files: &[(String, &str, Vec<u8>)]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
    match files.iter().find(|(p, _, _)| p == path) {
        Some((_, mime, body)) => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(body)?;
        }
        None => {
            stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?
        }
    }
    stream.flush()?;
    let _ = reader.read(&mut [0; 0]);
    Ok(())
}

const STEP: Duration = Duration::from_secs(20);

const KEY_ALT: &str = "\u{E00A}";
const KEY_UP: &str = "\u{E013}";
const KEY_TAB: &str = "\u{E004}";
const KEY_SHIFT: &str = "\u{E008}";
const KEY_DELETE: &str = "\u{E017}";

/// The few W3C WebDriver commands the test needs, over HTTP/1.1 to
/// chromedriver on 127.0.0.1: a client crate would bring a second HTTP and
/// ICU stack, and rebuild Typst, for these. Every call is bounded by STEP.
struct Browser {
    port: u16,
    session: String,
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    // Starting the browser, on a busy machine, takes longer than a command.
    let wait = if path == "/session" { Duration::from_secs(90) } else { STEP };
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), STEP).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(wait)).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(STEP)).map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open: read the head, then exactly
    // Content-Length bytes (or chunks up to the last one).
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).map_err(|e| format!("{method} {path}: {e}"))?;
        if n == 0 {
            return Err(format!("{method} {path}: no HTTP answer"));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let body = &raw[head_end..];
        let done = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| format!("{method} {path}: {e}"))?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let rest = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let json = if chunked { unchunk(&rest) } else { rest };
    let answer: Value = serde_json::from_str(&json).map_err(|e| format!("{method} {path}: {e}: {json}"))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    match value.get("error") {
        Some(error) => Err(format!("{method} {path}: {error}: {}", value["message"])),
        None => Ok(value),
    }
}

fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

impl Browser {
    fn start(port: u16) -> Browser {
        let mut options = json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"] });
        if let Some(binary) =
            ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|b| on_path(b))
        {
            options["binary"] = json!(binary);
        }
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": options } } });
        let value =
            http(port, "POST", "/session", Some(&caps)).unwrap_or_else(|e| panic!("WebDriver session: {e}"));
        let session = value["sessionId"].as_str().expect("sessionId").to_owned();
        Browser { port, session }
    }

    fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        http(self.port, method, &path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url }));
    }

    fn js(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", json!({ "script": script, "args": [] }))
    }

    fn find(&self, css: &str) -> Element<'_> {
        let value = self.command("POST", "/element", json!({ "using": "css selector", "value": css }));
        let id =
            value["element-6066-11e4-a52e-4f735466cecf"].as_str().unwrap_or_else(|| panic!("{css}: {value}"));
        Element { browser: self, id: id.to_owned() }
    }

    fn field(&self, truong: &str) -> Element<'_> {
        self.find(&format!("[data-truong=\"{truong}\"]"))
    }

    /// Polls `script` until it returns `want` (bounded).
    fn wait_for(&self, script: &str, want: Value) {
        let deadline = Instant::now() + STEP;
        loop {
            let got = self.js(script);
            if got == want {
                return;
            }
            assert!(Instant::now() < deadline, "{script}: {got} after {STEP:?}, expected {want}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The numbers shown on the sections of the body's top level, in order.
    fn numbers(&self) -> Value {
        self.js("return [...document.querySelectorAll('.than-van-ban > .cap > ol > li > .dau-nut > .tay-nam')].map(b => b.dataset.so)")
    }

    /// A value of the data onChange gave last.
    fn latest(&self, pointer: &str) -> Value {
        self.js("return window.duLieuMoiNhat").pointer(pointer).cloned().unwrap_or(Value::Null)
    }

    fn type_into(&self, truong: &str, text: &str) {
        let e = self.field(truong);
        e.clear();
        e.keys(text);
    }

    fn number_of(&self, nut: &str) -> Value {
        self.js(&format!("return document.querySelector('[data-nut=\"{nut}\"]').dataset.so"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.session), None);
    }
}

struct Element<'b> {
    browser: &'b Browser,
    id: String,
}

impl Element<'_> {
    fn clear(&self) {
        self.browser.command("POST", &format!("/element/{}/clear", self.id), json!({}));
    }

    fn keys(&self, text: &str) {
        self.browser.command("POST", &format!("/element/{}/value", self.id), json!({ "text": text }));
    }

    fn value(&self) -> Value {
        self.browser.command("GET", &format!("/element/{}/property/value", self.id), Value::Null)
    }
}

#[test]
fn the_form_editor_in_chromium() {
    let Some(chromedriver) = on_path("chromedriver") else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromedriver không có trên PATH: CI phải chạy các phép thử trình duyệt (.ci/run cài chromium và chromium-driver)"
            );
        }
        eprintln!(
            "BỎ QUA web_editor: không có chromedriver trên PATH (apt-get install chromium chromium-driver để chạy)"
        );
        return;
    };
    let (_driver, driver_port) = start_driver(&chromedriver);
    let page_port = serve_page();
    let browser = Browser::start(driver_port);
    steps(&browser, page_port);
}

fn steps(c: &Browser, page_port: u16) {
    c.goto(&format!("http://127.0.0.1:{page_port}/editor-test.html"));
    c.wait_for("return window.sanSang === true", json!(true));
    // A Delete confirmed without a dialog.
    c.js("window.confirm = () => true; return null");

    // The plan's fields, labelled in Vietnamese from the schema's titles.
    let label_of = |truong: &str| {
        format!(
            "const e = document.querySelector('[data-truong=\"{truong}\"]'); \
             return e && e.labels && e.labels[0] ? e.labels[0].textContent.trim() : null"
        )
    };
    for (truong, label) in [
        ("ngay", "Ngày ban hành *"),
        ("ky_hieu", "Ký hiệu văn bản *"),
        ("dia_danh", "Địa danh *"),
        ("co_quan.ban_hanh", "Tên cơ quan ban hành *"),
        ("nguoi_ky.ho_ten", "Họ tên người ký *"),
        ("luu", "Lưu"),
    ] {
        assert_eq!(c.js(&label_of(truong)), json!(label), "{truong}");
    }
    assert_eq!(c.field("ngay").value(), json!("4/2025"));
    let legends = c.js("return [...document.querySelectorAll('legend')].map(l => l.textContent)");
    for legend in ["Nội dung", "Nơi nhận", "Người ký", "Phụ lục"] {
        assert!(
            legends.as_array().unwrap().iter().any(|l| l.as_str().is_some_and(|l| l.starts_with(legend))),
            "{legends}"
        );
    }
    // Every control has a label (its own, or an aria-label).
    let unlabelled = c.js("return [...document.querySelectorAll('input, textarea, select')]\
         .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))\
         .map(e => e.dataset.truong)");
    assert_eq!(unlabelled, json!([]), "controls without a label");
    // The body's numbering as the decree's: the paragraphs have none.
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", ""]));
    let nested = c.number_of("noi_dung[2].noi_dung[1].noi_dung[1]");
    assert_eq!(nested, json!("2.1."), "Mục II, 2 (Hình thức), its first subsection");

    // A new date reaches the data.
    c.type_into("ngay", "05/4/2025");
    assert_eq!(c.latest("/ngay"), json!("05/4/2025"));
    assert_eq!(c.latest("/ky_hieu"), json!("KH-SDTTG"));

    // A section added at the end of the body is V.; moved up twice
    // (a button, then Alt+↑) it is IV. and the one it passed is V.
    let add_section = "[...document.querySelectorAll('.than-van-ban > .cap > .them-nut button')].find(b => b.textContent === '+ Mục').click(); return null";
    c.js(add_section);
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", "", "V."]));
    assert_eq!(
        c.js("return document.activeElement.dataset.nut"),
        json!("noi_dung[6]"),
        "focus on the new section"
    );
    c.type_into("noi_dung[6].muc", "MỤC MỚI");
    assert_eq!(c.latest("/noi_dung/6"), json!({ "muc": "MỤC MỚI" }));
    c.find("[data-vi-tri=\"noi_dung[6]\"] > .dau-nut button[aria-label^=\"Chuyển\"][aria-label$=\"lên\"]");
    c.js("document.querySelector('[data-vi-tri=\"noi_dung[6]\"] > .dau-nut .cac-nut button').click(); return null");
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", "V.", ""]));
    let handle = c.find("[data-nut=\"noi_dung[5]\"]");
    handle.keys(&format!("{KEY_ALT}{KEY_UP}"));
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", "V.", ""]));
    let titles =
        c.js("return [4, 5].map(i => document.querySelector(`[data-truong=\"noi_dung[${i}].muc\"]`).value)");
    assert_eq!(titles, json!(["MỤC MỚI", "TỔ CHỨC THỰC HIỆN"]));
    assert_eq!(c.number_of("noi_dung[4]"), json!("IV."));
    assert_eq!(c.latest("/noi_dung/4/muc"), json!("MỤC MỚI"));
    assert_eq!(c.latest("/noi_dung/5/muc"), json!("TỔ CHỨC THỰC HIỆN"));

    // Tab on the section's number indents it into III. (KINH PHÍ), after its
    // paragraph: it becomes 1. there, and TỔ CHỨC is IV. again.
    let handle = c.find("[data-nut=\"noi_dung[4]\"]");
    handle.keys(KEY_TAB);
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", ""]));
    assert_eq!(c.number_of("noi_dung[3].noi_dung[1]"), json!("1."));
    assert_eq!(c.latest("/noi_dung/3/noi_dung/1"), json!({ "muc": "MỤC MỚI" }));
    // Shift+Tab brings it back out, after III.
    let handle = c.find("[data-nut=\"noi_dung[3].noi_dung[1]\"]");
    handle.keys(&format!("{KEY_SHIFT}{KEY_TAB}"));
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", "V.", ""]));
    assert_eq!(c.latest("/noi_dung/4/muc"), json!("MỤC MỚI"));
    // Delete on its number removes it (confirmed).
    let handle = c.find("[data-nut=\"noi_dung[4]\"]");
    handle.keys(KEY_DELETE);
    assert_eq!(c.numbers(), json!(["", "I.", "II.", "III.", "IV.", ""]));
    assert_eq!(c.latest("/noi_dung/4/muc"), json!("TỔ CHỨC THỰC HIỆN"));

    // A table added to the body, edited as a table.
    c.js("[...document.querySelectorAll('.than-van-ban > .cap > .them-nut button')].find(b => b.textContent === '+ Bảng').click(); return null",
    );
    c.type_into("noi_dung[6].bang.dong[0][1]", "Tập huấn cán bộ");
    assert_eq!(c.latest("/noi_dung/6/bang/dong/0"), json!(["1", "Tập huấn cán bộ"]));
    c.js("[...document.querySelectorAll('.bang-sua button')].find(b => b.textContent === '+ Dòng').click(); return null");
    c.js("[...document.querySelectorAll('.bang-sua button')].find(b => b.textContent === '+ Cột').click(); return null");
    c.type_into("noi_dung[6].bang.cot[2]", "Kinh phí (đồng)");
    c.type_into("noi_dung[6].bang.dong[1][2]", "12.500.000");
    assert_eq!(
        c.latest("/noi_dung/6/bang"),
        json!({ "cot": ["STT", "Nội dung", "Kinh phí (đồng)"], "dong": [["1", "Tập huấn cán bộ", ""], ["", "", "12.500.000"]] })
    );

    // A problem at ky_hieu shown next to that field, and tied to it.
    let message = "ký hiệu 'KH SDTTG' có dấu cách: viết liền, nối bằng \"-\" (NĐ30, Phụ lục I, II.3)";
    let problems = json!([{ "muc": "loi", "dong": 8, "truong": "ky_hieu", "thong_bao": message },
                          { "muc": "canh-bao", "dong": 18, "truong": "noi_dung[1].noi_dung[9]", "thong_bao": "mục không có" }]);
    c.js(&format!("window.hienVanDe({problems}); return null"));
    let shown = c.js("const w = document.querySelector('[data-vi-tri=\"ky_hieu\"]'); const p = w.querySelector('.van-de'); \
         const e = document.querySelector('[data-truong=\"ky_hieu\"]'); \
         return [p && p.textContent, e.getAttribute('aria-invalid'), (e.getAttribute('aria-describedby') || '').split(' ').includes(p && p.id)]",
    );
    assert_eq!(shown, json!([format!("Lỗi: {message}"), "true", true]));
    // A path the form does not have is shown at its nearest field (Mục I.).
    let at_parent = c.js("const p = [...document.querySelectorAll('.van-de')].find(p => p.dataset.cho === 'noi_dung[1].noi_dung[9]'); \
         return p && p.closest('[data-vi-tri]').dataset.viTri",
    );
    assert_eq!(at_parent, json!("noi_dung[1]"));
    // Fixed: the marks go.
    c.js("window.hienVanDe([]); return null");
    assert_eq!(c.js("return document.querySelectorAll('.van-de, [aria-invalid]').length"), json!(0));
}
