//! A WebDriver client for the browser tests: the few W3C commands they
//! need, over HTTP/1.1 to chromedriver (Chromium) or geckodriver (Firefox)
//! on 127.0.0.1 (a client crate would bring a second HTTP and ICU stack,
//! and rebuild Typst, for these), and the driver started in its own
//! process group so that no browser outlives a test.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The browsers the page must work in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Chromium,
    Firefox,
}

impl Kind {
    fn driver(self) -> &'static str {
        match self {
            Kind::Chromium => "chromedriver",
            Kind::Firefox => "geckodriver",
        }
    }
}

/// The driver (chromedriver or geckodriver), ended when the test ends (passing or not) with the
/// browsers it started: they share its process group, so a session that
/// failed half-way leaves nothing running.
pub struct Driver(pub Child);

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver (`--port=N`) or geckodriver (`--port N`) on a free port,
/// once it listens.
pub fn start_driver(kind: Kind, binary: &Path) -> (Driver, u16) {
    let port = free_port();
    let mut command = Command::new(binary);
    match kind {
        Kind::Chromium => command.arg(format!("--port={port}")),
        Kind::Firefox => command.args(["--port", &port.to_string()]),
    };
    command.stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let name = kind.driver();
    let child = command.spawn().unwrap_or_else(|e| panic!("{name} starts: {e}"));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{name} did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, port)
}

/// chromedriver, or why the test cannot run: absent outside CI, the test
/// says so and passes; in CI (`.ci/run` installs chromium and
/// chromium-driver) it fails.
pub fn chromedriver_or_skip(test: &str) -> Option<(Kind, PathBuf)> {
    match on_path("chromedriver") {
        Some(path) => Some((Kind::Chromium, path)),
        None if std::env::var_os("CI").is_some() => panic!(
            "chromedriver không có trên PATH: CI phải chạy các phép thử trình duyệt (.ci/run cài chromium và chromium-driver)"
        ),
        None => {
            eprintln!(
                "BỎ QUA {test}: không có chromedriver trên PATH (apt-get install chromium chromium-driver để chạy)"
            );
            None
        }
    }
}

/// geckodriver (on PATH, or where `cargo install geckodriver` puts it),
/// or why the test cannot run: absent outside CI, the test says so and
/// passes; in CI (`.ci/run` installs firefox-esr and geckodriver) it
/// fails.
pub fn geckodriver_or_skip(test: &str) -> Option<(Kind, PathBuf)> {
    let installed = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin/geckodriver"))
        .filter(|p| p.is_file());
    match on_path("geckodriver").or(installed) {
        Some(path) => Some((Kind::Firefox, path)),
        None if std::env::var_os("CI").is_some() => panic!(
            "geckodriver không có trên PATH: CI phải chạy các phép thử trình duyệt (.ci/run cài firefox-esr và geckodriver)"
        ),
        None => {
            eprintln!(
                "BỎ QUA {test}: không có geckodriver trên PATH (apt-get install firefox-esr và cargo install geckodriver để chạy)"
            );
            None
        }
    }
}

pub const STEP: Duration = Duration::from_secs(20);

pub const KEY_ALT: &str = "\u{E00A}";
pub const KEY_UP: &str = "\u{E013}";
pub const KEY_TAB: &str = "\u{E004}";
pub const KEY_SHIFT: &str = "\u{E008}";
pub const KEY_DELETE: &str = "\u{E017}";

/// The few W3C WebDriver commands the test needs, over HTTP/1.1 to
/// the driver on 127.0.0.1: a client crate would bring a second HTTP and
/// ICU stack, and rebuild Typst, for these. Every call is bounded by STEP.
pub struct Browser {
    pub kind: Kind,
    pub port: u16,
    pub session: String,
}

pub fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
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

pub fn unchunk(mut rest: &str) -> String {
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
    /// A headless session of `kind` on the driver at `port`.
    pub fn start(kind: Kind, port: u16) -> Browser {
        let always = match kind {
            Kind::Chromium => {
                let mut options = json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"] });
                if let Some(binary) =
                    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|b| on_path(b))
                {
                    options["binary"] = json!(binary);
                }
                json!({ "browserName": "chrome", "goog:chromeOptions": options })
            }
            Kind::Firefox => {
                let mut options =
                    json!({ "args": ["-headless"], "prefs": { "intl.accept_languages": "vi" } });
                if let Some(binary) = ["firefox-esr", "firefox"].iter().find_map(|b| on_path(b)) {
                    options["binary"] = json!(binary);
                }
                json!({ "browserName": "firefox", "moz:firefoxOptions": options })
            }
        };
        let caps = json!({ "capabilities": { "alwaysMatch": always } });
        let value =
            http(port, "POST", "/session", Some(&caps)).unwrap_or_else(|e| panic!("WebDriver session: {e}"));
        let session = value["sessionId"].as_str().expect("sessionId").to_owned();
        Browser { kind, port, session }
    }

    pub fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        http(self.port, method, &path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url }));
    }

    pub fn js(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", json!({ "script": script, "args": [] }))
    }

    pub fn find(&self, css: &str) -> Element<'_> {
        let value = self.command("POST", "/element", json!({ "using": "css selector", "value": css }));
        let id =
            value["element-6066-11e4-a52e-4f735466cecf"].as_str().unwrap_or_else(|| panic!("{css}: {value}"));
        Element { browser: self, id: id.to_owned() }
    }

    pub fn field(&self, truong: &str) -> Element<'_> {
        self.find(&format!("[data-truong=\"{truong}\"]"))
    }

    /// Polls `script` until it returns `want` (bounded).
    pub fn wait_for(&self, script: &str, want: Value) {
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
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.session), None);
    }
}

pub struct Element<'b> {
    pub browser: &'b Browser,
    pub id: String,
}

impl Element<'_> {
    pub fn clear(&self) {
        self.browser.command("POST", &format!("/element/{}/clear", self.id), json!({}));
    }

    pub fn keys(&self, text: &str) {
        self.browser.command("POST", &format!("/element/{}/value", self.id), json!({ "text": text }));
    }

    pub fn click(&self) {
        self.browser.command("POST", &format!("/element/{}/click", self.id), json!({}));
    }

    pub fn value(&self) -> Value {
        self.browser.command("GET", &format!("/element/{}/property/value", self.id), Value::Null)
    }
}
