//! `vanban serve` as a browser meets it: the real binary on a copy of the
//! example folder, spoken to over HTTP. Requests are written byte by byte
//! on a TcpStream, so hostile Host headers and encoded paths reach the
//! server exactly as written.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vanban::engine::Engine;
use vanban::inspect::PageFacts;

/// A server on a copy of the example: `work/du-an-8-2025`, beside it
/// `work/ngoai/` (a folder the server must never reach), run from `work`
/// (so its output folder is `work/out/du-an-8-2025`).
struct Server {
    child: Child,
    port: u16,
    host: String,
    work: tempfile::TempDir,
    /// The first lines it printed.
    banner: Vec<String>,
}

impl Server {
    fn start() -> Self {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Self {
        let work = tempfile::tempdir().unwrap();
        let dir = work.path().join("du-an-8-2025");
        common::copy_example(&dir);
        let outside = work.path().join("ngoai");
        std::fs::create_dir(&outside).unwrap();
        std::fs::copy(dir.join("ke-hoach.yaml"), outside.join("bi-mat.yaml")).unwrap();
        std::fs::write(outside.join("bi-mat.pdf"), b"%PDF-1.7 bi mat").unwrap();
        std::fs::write(outside.join("bi-mat.csv"), "bí mật\n").unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["serve", "du-an-8-2025", "--port", "0", "-j", "2"])
            .args(extra)
            .current_dir(work.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run vanban serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("a line").expect("stdout");
        // "vanban đang chạy tại http://127.0.0.1:PORT/ (Ctrl+C để dừng)"
        let address = first
            .strip_prefix("vanban đang chạy tại http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        let port = address.rsplit(':').next().unwrap().parse().unwrap();
        let mut banner = vec![first];
        if !extra.is_empty() {
            banner.push(lines.next().unwrap().unwrap());
        }
        Self { child, port, host: address, work, banner }
    }

    fn dir(&self) -> PathBuf {
        self.work.path().join("du-an-8-2025")
    }

    fn outside(&self) -> PathBuf {
        self.work.path().join("ngoai")
    }

    fn out(&self) -> PathBuf {
        self.work.path().join("out/du-an-8-2025")
    }

    /// A request as written, with this server's Host unless it has one.
    fn raw(&self, head: &str, body: &[u8]) -> Reply {
        let mut request = head.replace("\n", "\r\n");
        if !head.to_ascii_lowercase().contains("\nhost:") {
            request = request.replacen("\r\n", &format!("\r\nHost: {}\r\n", self.host), 1);
        }
        send(self.port, request.as_bytes(), body)
    }

    fn get(&self, path: &str) -> Reply {
        self.raw(&format!("GET {path} HTTP/1.1\nConnection: close\n\n"), b"")
    }

    fn post(&self, path: &str, body: &Value) -> Reply {
        let body = body.to_string();
        self.raw(
            &format!(
                "POST {path} HTTP/1.1\nConnection: close\nContent-Type: application/json\nOrigin: http://{}\nExpect: 100-continue\nContent-Length: {}\n\n",
                self.host,
                body.len()
            ),
            body.as_bytes(),
        )
    }

    fn upload(&self, path: &str, name: &str, body: &[u8]) -> Reply {
        self.raw(
            &format!(
                "POST {path} HTTP/1.1\nConnection: close\nX-Ten-Tep: {name}\nExpect: 100-continue\nContent-Length: {}\n\n",
                body.len()
            ),
            body,
        )
    }

    fn preview(&self, tep: &str, yaml: &str, trang_co: &[String]) -> Value {
        let r = self.post("/api/xem-truoc", &json!({ "tep": tep, "yaml": yaml, "trang_co": trang_co }));
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    /// The `loi` of an error answer, with its status.
    fn loi(&self) -> (u16, String) {
        (self.status, self.json()["loi"].as_str().unwrap_or_else(|| panic!("{}", self.text())).to_owned())
    }
}

/// Writes the request (then the body, unless the server answers first to
/// `Expect: 100-continue`) and reads the answer to its end.
fn send(port: u16, head: &[u8], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    stream.write_all(head).unwrap();
    let expects = String::from_utf8_lossy(head).to_ascii_lowercase().contains("expect: 100-continue");
    let mut buffered = Vec::new();
    if expects {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).unwrap();
        buffered.extend_from_slice(&chunk[..n]);
        if buffered.starts_with(b"HTTP/1.1 100") {
            let end = buffered.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            buffered.drain(..end);
            stream.write_all(body).unwrap();
        }
    } else {
        stream.write_all(body).unwrap();
    }
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    buffered.extend(rest);
    parse(&buffered)
}

fn parse(bytes: &[u8]) -> Reply {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no answer: {:?}", String::from_utf8_lossy(bytes));
    });
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = bytes[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v == "chunked");
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).unwrap().trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[line_end + 2..line_end + 2 + size]);
            rest = &rest[line_end + 2 + size + 2..];
        }
        body = out;
    }
    Reply { status, headers, body }
}

/// The pages of `text` (the file `path`) laid out in this process, as
/// facts and as the SVG typst-svg makes of them.
fn laid_out(path: &Path, text: &str) -> Vec<(PageFacts, String)> {
    let engine = Engine::new(None, None).unwrap();
    let kind = vanban::engine::kind_in(path, text).unwrap().unwrap();
    let prepared = engine.prepare_source(kind, path, text).unwrap();
    let document = engine.layout(&prepared).unwrap();
    document
        .pages()
        .iter()
        .map(|p| (PageFacts::of(p), typst_svg::svg(p, &typst_svg::SvgOptions::default())))
        .collect()
}

fn hashes(reply: &Value) -> Vec<String> {
    reply["trang"].as_array().unwrap().iter().map(|p| p["hash"].as_str().unwrap().to_owned()).collect()
}

/// The pages of a preview the server sent again (their SVG not null).
fn resent(reply: &Value) -> Vec<usize> {
    reply["trang"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, p)| !p["svg"].is_null())
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_folder_lists_its_thirteen_documents_with_their_kinds_and_states() {
    let server = Server::start();
    let folder = server.get("/api/thu-muc").json();
    assert_eq!(folder["thu_muc"], "du-an-8-2025");
    let docs: Vec<(String, String, String, bool)> = folder["van_ban"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["tep"].as_str().unwrap().to_owned(),
                d["loai"].as_str().unwrap().to_owned(),
                d["trang_thai"].as_str().unwrap().to_owned(),
                d["lo"].as_bool().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("bao-cao-ket-qua.yaml", "bao-cao", false),
        ("bien-ban.yaml", "bien-ban", false),
        ("cong-van.yaml", "cong-van", false),
        ("giay-chung-nhan.yaml", "giay-chung-nhan", true),
        // Merged over its officer list: a batch too.
        ("giay-gioi-thieu-can-bo.yaml", "giay-gioi-thieu", true),
        ("giay-gioi-thieu.yaml", "giay-gioi-thieu", false),
        ("giay-moi.yaml", "giay-moi", true),
        ("ke-hoach.yaml", "ke-hoach", false),
        ("quyet-dinh-cong-nhan.yaml", "quyet-dinh", false),
        ("quyet-dinh-quy-che.yaml", "quyet-dinh", false),
        ("quyet-dinh.yaml", "quyet-dinh", false),
        ("thong-bao.yaml", "thong-bao", false),
        ("to-trinh.yaml", "to-trinh", false),
    ];
    let expected: Vec<(String, String, String, bool)> =
        expected.iter().map(|(t, l, b)| (t.to_string(), l.to_string(), "san-sang".to_string(), *b)).collect();
    // `vanban check` finds nothing in the example; phan-bo.yaml is data.
    assert_eq!(docs, expected);
    let kinds = folder["loai"].as_array().unwrap();
    assert_eq!(kinds.len(), vanban::kind::KINDS.len());
    assert_eq!(kinds[0], json!({ "loai": "ke-hoach", "ten": "Kế hoạch", "mau": "1.4", "ma": "KH" }));
    // Nothing built yet.
    assert!(folder["van_ban"].as_array().unwrap().iter().all(|d| d["pdf"] == json!([])));

    // A document with an error and one with a warning, counted as check counts them.
    let plan = std::fs::read_to_string(server.dir().join("ke-hoach.yaml")).unwrap();
    std::fs::write(server.dir().join("kh-sai.yaml"), plan.replace("ky_hieu: KH-SDTTG", "ky_hieu: KH/SDTTG"))
        .unwrap();
    let folder = server.get("/api/thu-muc").json();
    let wrong =
        folder["van_ban"].as_array().unwrap().iter().find(|d| d["tep"] == "kh-sai.yaml").unwrap().clone();
    assert_eq!(
        (wrong["trang_thai"].as_str(), wrong["so_loi"].as_u64(), wrong["so_canh_bao"].as_u64()),
        (Some("loi"), Some(1), Some(0))
    );
    // A file in a legacy encoding is listed, with its error; a data file is not.
    std::fs::write(server.dir().join("cu.yaml"), b"loai: ke-hoach\ntrich_yeu: K\xea ho\xb9ch\n").unwrap();
    std::fs::write(server.dir().join("so-lieu.yaml"), "lop: []\n").unwrap();
    let folder = server.get("/api/thu-muc").json();
    let names: Vec<&str> =
        folder["van_ban"].as_array().unwrap().iter().map(|d| d["tep"].as_str().unwrap()).collect();
    assert!(!names.contains(&"so-lieu.yaml") && !names.contains(&"phan-bo.yaml"), "{names:?}");
    let old = folder["van_ban"].as_array().unwrap().iter().find(|d| d["tep"] == "cu.yaml").unwrap().clone();
    assert_eq!(
        (old["loai"].clone(), old["trang_thai"].clone(), old["so_loi"].clone()),
        (Value::Null, json!("loi"), json!(1))
    );
}

#[test]
fn the_preview_is_the_plan_laid_out_and_resends_only_the_pages_a_change_touches() {
    let server = Server::start();
    let path = server.dir().join("ke-hoach.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let first = server.preview("ke-hoach.yaml", &text, &[]);
    assert_eq!(first["van_de"], json!([]));
    assert_eq!(first["loi_dan_trang"], Value::Null);
    assert_eq!(first["yaml"].as_str(), Some(text.as_str()));
    // The pages are the plan's as `render` lays it out, SVG for SVG.
    let here = laid_out(&path, &text);
    let svgs: Vec<&str> =
        first["trang"].as_array().unwrap().iter().map(|p| p["svg"].as_str().unwrap()).collect();
    assert_eq!(svgs.len(), here.len());
    assert_eq!(svgs.len(), 5);
    for (i, (svg, (_, expected))) in svgs.iter().zip(&here).enumerate() {
        assert!(svg == expected, "page {} differs from the layout", i + 1);
    }
    assert!(here[0].0.text().contains("tháng 4 năm 2025"), "{}", here[0].0.text());

    // The same text again: every page already shown, none sent.
    let shown = hashes(&first);
    let again = server.preview("ke-hoach.yaml", &text, &shown);
    assert_eq!(hashes(&again), shown);
    assert_eq!(resent(&again), Vec::<usize>::new());

    // A new date: the pages that show it, and only those, come again.
    let dated = text.replace("ngay: 4/2025", "ngay: 15/5/2025");
    let changed = server.preview("ke-hoach.yaml", &dated, &shown);
    let here_dated = laid_out(&path, &dated);
    assert!(
        here_dated[0].0.text().contains("Lạng Sơn, ngày 15 tháng 5 năm 2025"),
        "{}",
        here_dated[0].0.text()
    );
    let differ: Vec<usize> =
        (0..here.len()).filter(|&i| here[i].0.text() != here_dated[i].0.text()).collect();
    assert!(differ.contains(&0), "{differ:?}");
    assert_eq!(resent(&changed), differ);
    for i in differ {
        assert!(changed["trang"][i]["svg"].as_str() == Some(here_dated[i].1.as_str()), "page {}", i + 1);
    }
    // Previewing never writes.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_batch_previews_the_record_asked_for_alone() {
    let server = Server::start();
    let path = server.dir().join("giay-chung-nhan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let r =
        server.post("/api/xem-truoc", &json!({ "tep": "giay-chung-nhan.yaml", "yaml": text, "ban_ghi": 1 }));
    assert_eq!(r.status, 200, "{}", r.text());
    let reply = r.json();
    assert_eq!(reply["so_ban_ghi"], 480);
    assert_eq!(reply["ds_ban_ghi"][0], json!({ "ten": "Lăng Thành Hùng", "loi": null }));
    assert_eq!(reply["van_de"], json!([]));
    // The second certificate, laid out alone as a chunk of one.
    let engine = Engine::new(None, None).unwrap();
    let kind = vanban::kind::by_loai("giay-chung-nhan").unwrap();
    let batch = engine.prepare_batch(kind, &path, &text).unwrap();
    let record = batch.items[1].result.as_ref().unwrap();
    let source = batch.source(&engine.templates, &[record]).unwrap();
    let document = engine.layout(&vanban::compose::Prepared { source, ..batch.base.clone() }).unwrap();
    assert_eq!(PageFacts::of(&document.pages()[0]).text().matches("Vi Thị Hằng").count(), 1);
    let pages = reply["trang"].as_array().unwrap();
    assert_eq!(pages.len(), document.pages().len());
    assert!(
        pages[0]["svg"].as_str() == Some(typst_svg::svg(&document.pages()[0], &Default::default()).as_str())
    );
    let r = server
        .post("/api/xem-truoc", &json!({ "tep": "giay-chung-nhan.yaml", "yaml": text, "ban_ghi": 480 }));
    assert_eq!(r.loi(), (400, "không có bản số 481: lô có 480 bản".to_owned()));
}

#[test]
fn a_bad_ky_hieu_is_reported_at_its_line_as_check_reports_it() {
    let server = Server::start();
    let text = std::fs::read_to_string(server.dir().join("ke-hoach.yaml")).unwrap();
    let bad = text.replace("ky_hieu: KH-SDTTG", "ky_hieu: KH/SDTTG");
    let reply = server.preview("ke-hoach.yaml", &bad, &[]);
    let message = "số ký hiệu 'KH/SDTTG' chứa dấu '/': ghi số ở khóa 'so' và chỉ ghi ký hiệu ở đây (ví dụ 'KH-SDTTG'); vanban ghép 'Số: 05/KH-SDTTG' (NĐ30, Phụ lục I, II.3)";
    assert_eq!(
        reply["van_de"],
        json!([{ "muc": "loi", "tep": "ke-hoach.yaml", "dong": 8, "cot": null, "truong": "ky_hieu", "thong_bao": message, "goi_y": null }])
    );
    // The pages are still shown while the clerk fixes it.
    assert_eq!(reply["trang"].as_array().unwrap().len(), 5);

    // `vanban check` of the same text says the same, at the same line.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(server.dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(copy.path().join("ke-hoach.yaml"), &bad).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "ke-hoach.yaml", "--format", "json"])
        .current_dir(copy.path())
        .output()
        .unwrap();
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        checked,
        json!([{ "tep": "ke-hoach.yaml", "dong": 8, "truong": "ky_hieu", "muc_do": "loi", "thong_bao": message }])
    );

    // Fixed, the problem goes.
    let fixed = server.preview("ke-hoach.yaml", &text, &[]);
    assert_eq!(fixed["van_de"], json!([]));
}

#[test]
fn saving_writes_the_text_and_refuses_a_file_changed_on_disk() {
    let server = Server::start();
    let path = server.dir().join("thong-bao.yaml");
    let opened = server.get("/api/van-ban?tep=thong-bao.yaml").json();
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(opened["yaml"].as_str(), Some(on_disk.as_str()));
    assert_eq!(opened["loai"], "thong-bao");
    assert_eq!(opened["schema"]["properties"]["loai"]["const"], "thong-bao");
    assert_eq!(opened["du_lieu"]["loai"], "thong-bao");

    let edited = format!("# ghi chú của văn thư\n{on_disk}");
    let saved = server.post(
        "/api/luu",
        &json!({ "tep": "thong-bao.yaml", "yaml": edited, "phien_ban": opened["phien_ban"] }),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let version = saved.json()["phien_ban"].clone();
    assert_ne!(version, opened["phien_ban"]);
    assert_eq!(server.get("/api/van-ban?tep=thong-bao.yaml").json()["phien_ban"], version);

    // Another editor writes the file; the page's save is refused.
    std::fs::write(&path, "loai: thong-bao\n# sửa ở nơi khác\n").unwrap();
    let refused = server.post(
        "/api/luu",
        &json!({ "tep": "thong-bao.yaml", "yaml": "loai: thong-bao\n", "phien_ban": version }),
    );
    assert_eq!(
        refused.loi(),
        (
            409,
            "Tệp thong-bao.yaml đã thay đổi trên đĩa từ lúc mở (có thể do thẻ hoặc chương trình khác); chưa ghi gì: hãy mở lại tệp để xem bản trên đĩa rồi sửa tiếp".to_owned()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "loai: thong-bao\n# sửa ở nơi khác\n");
    assert!(
        std::fs::read_dir(server.dir()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp"))
    );
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let server = Server::start();
    let port = server.port;
    let wrong_host = |host: &str| {
        let r = server.raw(&format!("GET /api/thu-muc HTTP/1.1\nHost: {host}\nConnection: close\n\n"), b"");
        assert_eq!(
            r.loi(),
            (
                421,
                format!(
                    "yêu cầu bị từ chối: tên máy '{host}' không phải của vanban; hãy mở http://127.0.0.1:{port}/"
                )
            )
        );
    };
    // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1.
    wrong_host(&format!("evil.example:{port}"));
    wrong_host(&format!("127.0.0.1:{}", port + 1));
    wrong_host("127.0.0.1");
    let r = server.raw(&format!("GET / HTTP/1.1\nHost: localhost:{port}\nConnection: close\n\n"), b"");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("<title>vanban"));

    let refused = "yêu cầu bị từ chối: đến từ trang khác ('http://evil.example'); vanban chỉ nhận yêu cầu từ trang của chính nó"
        .to_owned();
    let r = server.raw("GET /api/thu-muc HTTP/1.1\nOrigin: http://evil.example\nConnection: close\n\n", b"");
    assert_eq!(r.loi(), (403, refused.clone()));
    // A cross-site save never reaches the file.
    let path = server.dir().join("ke-hoach.yaml");
    let before = std::fs::read(&path).unwrap();
    let version =
        server.get("/api/van-ban?tep=ke-hoach.yaml").json()["phien_ban"].as_str().unwrap().to_owned();
    let body =
        json!({ "tep": "ke-hoach.yaml", "yaml": "loai: ke-hoach\n", "phien_ban": version }).to_string();
    let r = server.raw(
        &format!(
            "POST /api/luu HTTP/1.1\nOrigin: http://evil.example\nContent-Type: text/plain\nExpect: 100-continue\nContent-Length: {}\nConnection: close\n\n",
            body.len()
        ),
        body.as_bytes(),
    );
    assert_eq!(r.loi(), (403, refused));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // An image or a script of another site's page, without Origin.
    let r = server.raw("GET /api/thu-muc HTTP/1.1\nSec-Fetch-Site: cross-site\nConnection: close\n\n", b"");
    assert_eq!(r.status, 403);
    // The page's own requests pass.
    let r = server.raw(
        &format!("GET /api/thu-muc HTTP/1.1\nOrigin: http://127.0.0.1:{port}\nSec-Fetch-Site: same-origin\nConnection: close\n\n"),
        b"",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
}

/// The names a hostile request tries for `target` in `ngoai/` (reached
/// from the folder by `up`), as a query carries them, and as they read
/// decoded once (as a JSON body carries them).
fn hostile(up: &str, outside: &Path, target: &str) -> Vec<(String, String)> {
    let plain = format!("{up}/ngoai/{target}");
    let abs = outside.join(target).to_string_lossy().into_owned();
    let enc =
        |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    let dots_and_slashes = plain.replace('.', "%2e").replace('/', "%2f");
    vec![
        (plain.clone(), plain.clone()),
        (dots_and_slashes.clone(), plain.clone()),
        (plain.replace('/', "%2f"), plain.clone()),
        (dots_and_slashes.replace('%', "%25"), dots_and_slashes),
        (plain.replace('/', "%5c"), plain.replace('/', "\\")),
        (format!("con/..%2f{plain}"), format!("con/../{plain}")),
        (enc(&abs), abs),
        (format!("lien-ket-thu-muc/{target}"), format!("lien-ket-thu-muc/{target}")),
        (format!("ke-hoach.yaml%00{target}"), format!("ke-hoach.yaml\u{0}{target}")),
    ]
}

/// The message for a hostile name (decoded).
fn refusal(name: &str) -> String {
    if name.contains('%') {
        format!("tên tệp '{name}' không hợp lệ: không dùng ký tự '%' (đường dẫn đã mã hóa)")
    } else if name.contains('\\') {
        format!("tên tệp '{name}' không hợp lệ: ngăn thư mục bằng '/', không dùng '\\'")
    } else if name.contains('\0') {
        format!("tên tệp '{}' không hợp lệ: có ký tự điều khiển", name.escape_debug())
    } else if name.starts_with("lien-ket") {
        format!("tệp '{name}' trỏ ra ngoài thư mục của văn bản")
    } else {
        format!(
            "đường dẫn '{name}' phải nằm trong thư mục của văn bản (không dùng '..' hay đường dẫn tuyệt đối)"
        )
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn every_route_refuses_names_that_leave_the_folder() {
    let server = Server::start();
    let dir = server.dir();
    let outside = server.outside();
    std::os::unix::fs::symlink(&outside, dir.join("lien-ket-thu-muc")).unwrap();
    std::os::unix::fs::symlink(outside.join("bi-mat.yaml"), dir.join("lien-ket.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.join("bi-mat.csv"), dir.join("lien-ket.csv")).unwrap();
    std::fs::create_dir_all(server.out()).unwrap();
    std::os::unix::fs::symlink(&outside, server.out().join("lien-ket-thu-muc")).unwrap();
    std::os::unix::fs::symlink(outside.join("bi-mat.pdf"), server.out().join("lien-ket.pdf")).unwrap();
    let before = snapshot(&outside);
    let secret_version = {
        let bytes = std::fs::read(outside.join("bi-mat.yaml")).unwrap();
        format!("{:032x}", typst::utils::hash128(bytes.as_slice()))
    };
    let yaml = std::fs::read_to_string(dir.join("ke-hoach.yaml")).unwrap();
    let mut tried = 0;
    let mut check = |what: &str, r: Reply, name: &str| {
        assert_eq!(r.loi(), (400, refusal(name)), "{what}");
        tried += 1;
    };
    let mut names = hostile("..", &outside, "bi-mat.yaml");
    names.push(("lien-ket.yaml".into(), "lien-ket.yaml".into()));
    for (raw, name) in &names {
        check("van-ban", server.get(&format!("/api/van-ban?tep={raw}")), name);
        check("tai-zip", server.get(&format!("/tai-zip?tep={raw}")), name);
        check(
            "danh-sach ?tep",
            server.upload(&format!("/api/danh-sach?tep={raw}"), "hoc-vien.csv", b"a,b\n"),
            name,
        );
        check("xem-truoc", server.post("/api/xem-truoc", &json!({ "tep": name, "yaml": yaml })), name);
        check(
            "xem-truoc (encoded)",
            server.post("/api/xem-truoc", &json!({ "tep": raw, "yaml": yaml })),
            raw,
        );
        check(
            "luu",
            server.post(
                "/api/luu",
                &json!({ "tep": name, "yaml": "loai: ke-hoach\n", "phien_ban": secret_version }),
            ),
            name,
        );
        check(
            "luu (encoded)",
            server.post(
                "/api/luu",
                &json!({ "tep": raw, "yaml": "loai: ke-hoach\n", "phien_ban": secret_version }),
            ),
            raw,
        );
    }
    let mut names = hostile("..", &outside, "moi.yaml");
    names.push(("lien-ket.yaml".into(), "lien-ket.yaml".into()));
    for (raw, name) in &names {
        let expected = if name == "lien-ket.yaml" {
            "tệp 'lien-ket.yaml' là liên kết tượng trưng; vanban không ghi qua liên kết".to_owned()
        } else {
            refusal(name)
        };
        let r = server.post("/api/moi", &json!({ "loai": "ke-hoach", "tep": name }));
        assert_eq!(r.loi(), (400, expected), "moi {name}");
        let r = server.post("/api/moi", &json!({ "loai": "ke-hoach", "tep": raw }));
        assert_eq!(r.loi().0, 400, "moi {raw}");
    }
    // Names relative to the output folder, two levels below `work`.
    let mut names = hostile("../..", &outside, "bi-mat.pdf");
    names.push(("lien-ket.pdf".into(), "lien-ket.pdf".into()));
    for (raw, name) in &names {
        check("tai", server.get(&format!("/tai?tep={raw}")), name);
    }
    // The list's own name, in its header, for a list saved into DIR.
    for (raw, name) in hostile("..", &outside, "ds.csv") {
        let r = server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml&luu=1", &raw, b"a,b\n");
        let expected =
            if name.contains('/') && !name.contains('%') && !name.contains('\\') && !name.contains('\0') {
                format!("tên danh sách '{name}' không được chứa thư mục")
            } else {
                refusal(&name)
            };
        assert_eq!(r.loi(), (400, expected), "danh-sach X-Ten-Tep {raw}");
    }
    let r = server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml&luu=1", "lien-ket.csv", b"a,b\n");
    assert_eq!(
        r.loi(),
        (400, "tệp 'lien-ket.csv' là liên kết tượng trưng; vanban không ghi qua liên kết".to_owned())
    );
    assert!(tried > 70, "{tried}");
    // Nothing outside was read into an answer, written or made.
    assert_eq!(snapshot(&outside), before);
    let mut top: Vec<String> = std::fs::read_dir(server.work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["du-an-8-2025", "ngoai", "out"]);
    // The static pages are not files: a path outside is no page.
    let r = server.raw("GET /..%2f..%2fngoai%2fbi-mat.yaml HTTP/1.1\nConnection: close\n\n", b"");
    assert_eq!(r.loi(), (404, "không có trang này".to_owned()));
}

#[test]
fn twenty_concurrent_previews_all_succeed_in_bounded_time() {
    let server = Server::start();
    let text = std::fs::read_to_string(server.dir().join("ke-hoach.yaml")).unwrap();
    let started = Instant::now();
    let replies: Vec<Value> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let text = text.replace("ngay: 4/2025", &format!("ngay: {}/5/2025", i + 1));
                let server = &server;
                scope.spawn(move || server.preview("ke-hoach.yaml", &text, &[]))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(120), "{elapsed:?}");
    for (i, reply) in replies.iter().enumerate() {
        assert_eq!(reply["trang"].as_array().unwrap().len(), 5, "request {i}");
        assert_eq!(reply["van_de"], json!([]), "request {i}");
    }
    // Each its own date: page 1 differs from every other request's.
    let mut firsts: Vec<&str> = replies.iter().map(|r| r["trang"][0]["hash"].as_str().unwrap()).collect();
    firsts.sort();
    firsts.dedup();
    assert_eq!(firsts.len(), 20);
}

#[test]
fn bodies_over_the_limits_are_refused_with_a_message() {
    let server = Server::start();
    let list_limit = 10 << 20;
    let head = format!(
        "POST /api/danh-sach?tep=giay-chung-nhan.yaml HTTP/1.1\nX-Ten-Tep: hoc-vien.csv\nExpect: 100-continue\nContent-Length: {}\nConnection: close\n\n",
        list_limit + 1
    );
    let r = server.raw(&head, &vec![b'a'; list_limit + 1]);
    assert_eq!(
        r.loi(),
        (413, "danh sách quá lớn: tối đa 10 MiB; hãy chia thành nhiều tệp nhỏ hơn".to_owned())
    );

    let big = "x".repeat(3 << 20);
    let r = server.post("/api/xem-truoc", &json!({ "tep": "ke-hoach.yaml", "yaml": big }));
    assert_eq!(r.loi(), (413, "văn bản quá lớn: tối đa 2 MiB; hãy chia thành nhiều tệp nhỏ hơn".to_owned()));
    let huge = "x".repeat(7 << 20);
    let r = server.post("/api/luu", &json!({ "tep": "ke-hoach.yaml", "yaml": huge, "phien_ban": "" }));
    assert_eq!(r.loi(), (413, "yêu cầu quá lớn: tối đa 6 MiB; hãy chia thành nhiều tệp nhỏ hơn".to_owned()));

    // Rows: 20 001, in far fewer bytes than the limit.
    let list = std::fs::read_to_string(server.dir().join("hoc-vien.csv")).unwrap();
    let mut lines = list.lines();
    let mut long = format!("{}\n", lines.next().unwrap());
    let row = lines.next().unwrap();
    for _ in 0..20_001 {
        long.push_str(row);
        long.push('\n');
    }
    let r = server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml", "dai.csv", long.as_bytes());
    assert_eq!(
        r.loi(),
        (413, "danh sách có 20001 dòng, quá 20000 dòng cho một lần dựng; hãy chia thành nhiều tệp (ví dụ theo lớp)".to_owned())
    );
}

#[test]
fn an_uploaded_list_comes_back_as_a_table_with_its_bad_rows_marked() {
    let server = Server::start();
    let list = std::fs::read_to_string(server.dir().join("hoc-vien.csv")).unwrap();
    // Row 4 of the sheet (the third trainee) with an impossible date of birth.
    let broken = list.replacen("24/08/1982", "31/02/1982", 1);
    let r = server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml", "hoc-vien-moi.csv", broken.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let table = r.json();
    assert_eq!(table["cot"][1], "Họ và tên");
    let rows = table["dong"].as_array().unwrap();
    assert_eq!(rows.len(), list.lines().count() - 1);
    assert_eq!(rows[2]["so"], 4);
    assert_eq!(rows[2]["o"][1], "Vi Thị Thanh Thơm");
    let bad: Vec<(u64, Vec<String>)> = rows
        .iter()
        .filter(|r| !r["loi"].as_array().unwrap().is_empty())
        .map(|r| (r["so"].as_u64().unwrap(), serde_json::from_value(r["loi"].clone()).unwrap()))
        .collect();
    let message =
        "dòng 4, cột 'Ngày sinh': ngày sinh '31/02/1982' không tồn tại: tháng 2/1982 chỉ có 28 ngày";
    assert_eq!(bad, [(4, vec![message.to_owned()])]);
    // As `vanban check` reports the batch reading that list.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(server.dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(copy.path().join("hoc-vien.csv"), &broken).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "giay-chung-nhan.yaml", "--format", "json"])
        .current_dir(copy.path())
        .output()
        .unwrap();
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows_checked: Vec<(u64, String)> = checked
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["tep"].as_str().unwrap().ends_with("/hoc-vien.csv"))
        .map(|f| (f["dong"].as_u64().unwrap(), f["thong_bao"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(rows_checked, [(4, message.to_owned())]);
    // Not saved unless asked; saved when asked.
    assert!(!server.dir().join("hoc-vien-moi.csv").exists());
    let r =
        server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml&luu=1", "hoc-vien-moi.csv", broken.as_bytes());
    assert_eq!(r.json()["da_luu"], "hoc-vien-moi.csv");
    assert_eq!(std::fs::read_to_string(server.dir().join("hoc-vien-moi.csv")).unwrap(), broken);
}

#[test]
fn a_new_document_is_the_starting_file_and_never_overwrites() {
    let server = Server::start();
    let r = server.post("/api/moi", &json!({ "loai": "giay-moi", "tep": "giay-moi-2.yaml" }));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({ "tep": "giay-moi-2.yaml", "da_ghi": ["giay-moi-2.yaml"], "da_co": ["phan-bo.yaml"] })
    );
    // What `vanban new` writes.
    let elsewhere = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["new", "giay-moi", "."])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(server.dir().join("giay-moi-2.yaml")).unwrap(),
        std::fs::read_to_string(elsewhere.path().join("giay-moi.yaml")).unwrap()
    );
    let phan_bo = std::fs::read_to_string(common::example("phan-bo.yaml")).unwrap();
    assert_eq!(std::fs::read_to_string(server.dir().join("phan-bo.yaml")).unwrap(), phan_bo);
    let r = server.post("/api/moi", &json!({ "loai": "giay-moi", "tep": "giay-moi-2.yaml" }));
    assert_eq!(
        r.loi(),
        (409, "tệp 'giay-moi-2.yaml' đã có; vanban không ghi đè: chọn tên khác hoặc mở tệp đó".to_owned())
    );
    let r = server.post("/api/moi", &json!({ "loai": "giay-khen" }));
    assert_eq!(r.loi(), (400, vanban::kind::unknown("giay-khen")));
}

#[test]
fn building_all_follows_progress_then_downloads_a_pdf_and_a_batch_zip() {
    let server = Server::start();
    assert_eq!(
        server.get("/tai?tep=ke-hoach.pdf").loi(),
        (404, "chưa có 'ke-hoach.pdf' trong thư mục đầu ra: bấm \"Dựng tất cả\" trước".to_owned())
    );
    let started = server.post("/api/dung", &json!({}));
    assert_eq!(started.status, 200, "{}", started.text());
    assert_eq!(started.json()["dang_chay"], true);
    let again = server.post("/api/dung", &json!({}));
    assert_eq!(again.loi(), (409, "đang dựng; chờ lần dựng trước xong".to_owned()));
    let deadline = Instant::now() + Duration::from_secs(600);
    let progress = loop {
        let p = server.get("/api/tien-do").json();
        if p["dang_chay"] == false {
            break p;
        }
        assert!(Instant::now() < deadline, "{p}");
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!((progress["xong"].as_u64(), progress["tong"].as_u64()), (Some(13), Some(13)), "{progress}");
    assert_eq!(progress["bao_cao"]["thanh_cong"], true, "{progress}");
    let log = progress["bao_cao"]["nhat_ky"].as_array().unwrap();
    assert!(log.iter().any(|l| l == "đã ghi out/du-an-8-2025/ke-hoach.pdf (5 trang)"), "{log:?}");
    assert!(
        progress["bao_cao"]["thong_bao"]
            .as_str()
            .unwrap()
            .starts_with("xong: 13 văn bản, 513 tệp PDF, 0 lỗi")
    );

    let pdf = server.get("/tai?tep=ke-hoach.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(
        pdf.header("content-disposition"),
        Some("attachment; filename=\"ke-hoach.pdf\"; filename*=UTF-8''ke%2Dhoach%2Epdf")
    );
    assert_eq!(pdf.body, std::fs::read(server.out().join("ke-hoach.pdf")).unwrap());
    let folder = server.get("/api/thu-muc").json();
    let gcn = folder["van_ban"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["tep"] == "giay-chung-nhan.yaml")
        .unwrap()
        .clone();
    assert_eq!(gcn["pdf"], json!(["giay-chung-nhan.pdf"]));
    assert_eq!(gcn["tep_lo"].as_array().unwrap().len(), 480);

    let zip = server.get("/tai-zip?tep=giay-chung-nhan.yaml");
    assert_eq!(zip.status, 200, "{}", zip.text());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(names.iter().filter(|n| n.ends_with(".pdf")).count(), 481);
    assert!(names.contains(&"giay-chung-nhan.pdf".to_owned()));
    assert!(names.contains(&"giay-chung-nhan/001-lang-thanh-hung.pdf".to_owned()));
    let mut report = String::new();
    archive.by_name("bao-cao.json").unwrap().read_to_string(&mut report).unwrap();
    assert_eq!(report, std::fs::read_to_string(server.out().join("bao-cao.json")).unwrap());
    let mut first = Vec::new();
    archive.by_name("giay-chung-nhan/001-lang-thanh-hung.pdf").unwrap().read_to_end(&mut first).unwrap();
    assert_eq!(first, std::fs::read(server.out().join("giay-chung-nhan/001-lang-thanh-hung.pdf")).unwrap());
}

#[test]
fn beyond_this_machine_every_request_needs_the_token() {
    let server = Server::start_with(&["--mo-rong", "127.0.0.2"]);
    let first = &server.banner[0];
    let token = first.split("?ma=").nth(1).unwrap().split(' ').next().unwrap().to_owned();
    assert_eq!(token.len(), 32);
    assert_eq!(server.banner[1], format!("mã truy cập: {token} (máy khác mở địa chỉ trên, có mã này)"));
    assert!(server.host.starts_with("127.0.0.2:"));
    let connect = |head: String| {
        let mut stream = TcpStream::connect(("127.0.0.2", server.port)).unwrap();
        stream.write_all(head.replace('\n', "\r\n").as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        parse(&bytes)
    };
    let host = &server.host;
    let r = connect(format!("GET /api/thu-muc HTTP/1.1\nHost: {host}\nConnection: close\n\n"));
    assert_eq!(
        r.loi(),
        (401, "cần mã truy cập: mở địa chỉ có '?ma=…' mà vanban in ra khi khởi động".to_owned())
    );
    let r = connect(format!("GET /?ma={} HTTP/1.1\nHost: {host}\nConnection: close\n\n", "0".repeat(32)));
    assert_eq!(r.status, 401);
    let r = connect(format!("GET /?ma={token} HTTP/1.1\nHost: {host}\nConnection: close\n\n"));
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("set-cookie"),
        Some(format!("vanban_ma={token}; HttpOnly; SameSite=Strict; Path=/").as_str())
    );
    let r = connect(format!(
        "GET /api/thu-muc HTTP/1.1\nHost: {host}\nCookie: a=b; vanban_ma={token}\nConnection: close\n\n"
    ));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["van_ban"].as_array().unwrap().len(), 13);
}

/// A document brought in from a file the clerk has: written as a new data
/// file named after it, with the import's report; never over a file, never
/// outside DIR, only the formats `nhap` reads.
#[test]
fn importing_a_file_makes_a_new_document_with_its_report() {
    let server = Server::start();
    let seed = std::fs::read(common::repo().join("tests/nhap/seed-ke-hoach-du-an-8-2025.txt")).unwrap();
    let r = server.upload("/api/nhap", "Ke%20hoach%20n%C4%83m%202025.txt", &seed);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["tep"], "ke-hoach-nam-2025.yaml");
    assert_eq!(v["loai"], "ke-hoach");
    let bao_cao = v["bao_cao"].as_str().unwrap();
    assert!(
        bao_cao.starts_with(
            "Đã nhập Ke hoach năm 2025.txt → ke-hoach-nam-2025.yaml (Kế hoạch, loai: ke-hoach)\n"
        ),
        "{bao_cao}"
    );
    assert!(bao_cao.contains("\n  ✓ tên loại (dòng 8): KẾ HOẠCH (ke-hoach)\n"), "{bao_cao}");
    let written = std::fs::read_to_string(server.dir().join("ke-hoach-nam-2025.yaml")).unwrap();
    assert!(written.starts_with("# Kế hoạch nhập từ Ke hoach năm 2025.txt (vanban nhap)"), "{written}");
    // It opens as any document, and previews.
    let p = server.preview("ke-hoach-nam-2025.yaml", &written, &[]);
    assert_eq!(p["trang"].as_array().unwrap().len(), 4, "{p}");

    // Again: the file is there, nothing is overwritten.
    let again = server.upload("/api/nhap", "Ke%20hoach%20n%C4%83m%202025.txt", b"KE HOACH");
    assert_eq!(
        again.loi(),
        (
            409,
            "tệp 'ke-hoach-nam-2025.yaml' đã có; vanban không ghi đè: đổi tên tệp nhập hoặc mở tệp đó"
                .to_owned()
        )
    );
    assert_eq!(std::fs::read_to_string(server.dir().join("ke-hoach-nam-2025.yaml")).unwrap(), written);
    // Only the formats it reads; no folder in the name; a name to write outside DIR refused.
    let r = server.upload("/api/nhap", "bang.xlsx", b"x");
    assert_eq!(r.loi(), (400, "'bang.xlsx': chỉ nhập được tệp .docx, .pdf hoặc .txt".to_owned()));
    let r = server.upload("/api/nhap", "..%2Fngoai%2Fa.txt", b"x");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = server.upload("/api/nhap?tep=..%2Fngoai%2Fa.yaml", "a.txt", b"x");
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(!server.outside().join("a.yaml").exists());
    // A file that is not what its name says: the reader's message.
    let r = server.upload("/api/nhap", "hong.docx", b"not a zip");
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(!server.dir().join("hong.yaml").exists());
}

/// A document merged over a list takes an uploaded list as a batch does:
/// its rows as a table, a bad row marked with the merge's reason.
#[test]
fn a_merged_documents_list_is_checked_when_uploaded() {
    let server = Server::start();
    let list = std::fs::read_to_string(server.dir().join("can-bo.csv")).unwrap();
    // Row 3's number is not a number.
    let broken = list.replacen("\n2,21,", "\n2,hai mốt,", 1);
    let r =
        server.upload("/api/danh-sach?tep=giay-gioi-thieu-can-bo.yaml", "can-bo-sua.csv", broken.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["cot"][2], "Họ và tên");
    let rows = v["dong"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    let bad: Vec<&Value> = rows.iter().filter(|r| !r["loi"].as_array().unwrap().is_empty()).collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0]["so"], 3);
    assert!(bad[0]["loi"][0].as_str().unwrap().contains("hai mốt"), "{bad:?}");
    assert!(!server.dir().join("can-bo-sua.csv").exists());
}

/// A list already in DIR picked by name instead of uploaded: read through
/// the sandbox, never saved over; the folder names the lists it has.
#[test]
fn a_list_in_the_folder_is_picked_by_name() {
    let server = Server::start();
    let folder = server.get("/api/thu-muc").json();
    assert_eq!(folder["danh_sach"], json!(["can-bo.csv", "hoc-vien.csv", "hoc-vien.xlsx"]));
    let r = server.upload("/api/danh-sach?tep=giay-chung-nhan.yaml&chon=hoc-vien.xlsx", "", b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["dong"].as_array().unwrap().len(), 480);
    assert!(v["dong"].as_array().unwrap().iter().all(|r| r["loi"].as_array().unwrap().is_empty()));
    assert!(v.get("da_luu").is_none());
    for (raw, status) in [("..%2Fngoai%2Fbi-mat.csv", 400), ("khong-co.csv", 404), ("ke-hoach.yaml", 400)] {
        let r = server.upload(&format!("/api/danh-sach?tep=giay-chung-nhan.yaml&chon={raw}"), "", b"");
        assert_eq!(r.status, status, "chon={raw}: {}", r.text());
    }
}
