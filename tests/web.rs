//! A clerk's session in the page `vanban serve` serves, in headless
//! Chromium through chromedriver and in headless Firefox through
//! geckodriver: open the example plan, change its date
//! and see the preview's date line change (and only the pages showing it
//! sent again); type a bad ký hiệu and see the message at the field and at
//! its YAML line, fix it and see it go; add and move a section and see the
//! numbering follow, on the form and on the page; save and read the file
//! back (comments kept); preview one unit's invitation, edit the meeting's
//! place and see it on that letter, save; upload a trainee list with a broken row and see it
//! marked; build everything and download the certificates' ZIP.
//!
//! `VANBAN_ANH=1 cargo test --test web` also writes the screenshots of
//! docs/ (web-*.png), from Chromium.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/webdriver.rs"]
mod webdriver;
use webdriver::*;

/// `vanban serve` on a copy of the example, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    work: tempfile::TempDir,
}

impl Server {
    fn start() -> Self {
        let work = tempfile::tempdir().unwrap();
        let dir = work.path().join("du-an-8-2025");
        common::copy_example(&dir);
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["serve", "du-an-8-2025", "--port", "0"])
            .current_dir(work.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run vanban serve");
        let first = BufReader::new(child.stdout.take().unwrap()).lines().next().unwrap().unwrap();
        let port = first
            .strip_prefix("vanban đang chạy tại http://127.0.0.1:")
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {first}"));
        Self { child, port, work }
    }

    fn dir(&self) -> PathBuf {
        self.work.path().join("du-an-8-2025")
    }

    /// A GET as a browser makes it, the body read to its end (HTTP/1.0:
    /// no chunks).
    fn download(&self, path: &str) -> Vec<u8> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let at = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer") + 4;
        let head = String::from_utf8_lossy(&raw[..at]);
        assert!(head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"), "{head}");
        raw[at..].to_vec()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `script` until it returns something truthy other than `false`,
/// and returns that (within 30 s).
fn until(b: &Browser, what: &str, script: &str) -> Value {
    until_within(b, what, script, 30)
}

fn until_within(b: &Browser, what: &str, script: &str, seconds: u64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let got = b.js(script);
        if !(got.is_null() || got == json!(false) || got == json!("") || got == json!([])) {
            return got;
        }
        assert!(Instant::now() < deadline, "{what}: not seen within {seconds} s (last: {got})");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const PAGE_TEXTS: &str =
    "return [...document.querySelectorAll('#trang figure .chu-trang')].map(e => e.textContent)";
const PAGE_HASHES: &str = "return [...document.querySelectorAll('#trang figure')].map(e => e.dataset.hash)";

/// The screenshots of docs/ are Chromium's.
fn screenshot(b: &Browser, name: &str) {
    if std::env::var_os("VANBAN_ANH").is_none() || b.kind != Kind::Chromium {
        return;
    }
    let png = b.command("GET", "/screenshot", Value::Null);
    let bytes = base64_decode(png.as_str().unwrap());
    std::fs::write(common::repo().join("docs").join(name), bytes).unwrap();
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, c)| n | u32::from(value(*c)) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn a_clerk_edits_checks_saves_and_builds_in_chromium() {
    edits_checks_saves_and_builds(chromedriver_or_skip("web"));
}

#[test]
fn a_clerk_edits_checks_saves_and_builds_in_firefox() {
    edits_checks_saves_and_builds(geckodriver_or_skip("web"));
}

fn edits_checks_saves_and_builds(driver: Option<(Kind, PathBuf)>) {
    let Some((kind, binary)) = driver else { return };
    let server = Server::start();
    let (_driver, driver_port) = start_driver(kind, &binary);
    let b = Browser::start(kind, driver_port);
    b.command("POST", "/window/rect", json!({ "width": 1500, "height": 1000 }));
    let base = format!("http://127.0.0.1:{}/", server.port);

    // The folder: its documents and their states.
    b.goto(&base);
    until(&b, "the folder's list", "return document.querySelectorAll('#ds-van-ban tbody tr').length === 13");
    screenshot(&b, "web-thu-muc.png");

    // The plan: its form and its pages.
    b.goto(&format!("{base}#ke-hoach.yaml"));
    until(&b, "the plan's pages", "return document.querySelectorAll('#trang figure').length >= 5");
    until(&b, "the form", "return !!document.querySelector('[data-truong=\"ngay\"]')");
    b.js("window.confirm = () => true; return null");
    let texts = b.js(PAGE_TEXTS);
    assert!(texts[0].as_str().unwrap().contains("tháng 4 năm 2025"), "{}", texts[0]);
    let before = b.js(PAGE_HASHES);

    // 1. A new date: the date line of the first page follows; only the pages
    // showing the date are sent again.
    let date = b.field("ngay");
    date.clear();
    date.keys("15/5/2025");
    until(
        &b,
        "the new date on page 1",
        "const t = document.querySelector('#trang figure .chu-trang'); return t && t.textContent.includes('Lạng Sơn, ngày 15 tháng 5 năm 2025')",
    );
    let after = b.js(PAGE_HASHES);
    let texts = b.js(PAGE_TEXTS);
    let (before, after, texts) =
        (before.as_array().unwrap(), after.as_array().unwrap(), texts.as_array().unwrap());
    assert_eq!(before.len(), after.len());
    for i in 0..after.len() {
        let shows_date = texts[i].as_str().unwrap().contains("15 tháng 5 năm 2025");
        assert_eq!(before[i] != after[i], shows_date, "page {}: changed exactly if it shows the date", i + 1);
    }
    screenshot(&b, "web-soan.png");

    // 2. A bad ký hiệu: the message at the field and at its YAML line.
    let symbol = b.field("ky_hieu");
    symbol.clear();
    symbol.keys("kh-SDTTG");
    let at_field = until(
        &b,
        "the message at the field",
        "const p = document.querySelector('.van-de[data-cho=\"ky_hieu\"]'); return p && p.textContent",
    );
    assert_eq!(
        at_field,
        json!("Lỗi: ký hiệu 'kh-SDTTG': viết tắt tên loại phải viết đúng 'KH' (NĐ30, Phụ lục III, Mục I)")
    );
    let line = b.js("return document.getElementById('yaml').value.split('\\n').findIndex(l => l.startsWith('ky_hieu:')) + 1");
    let listed = until(
        &b,
        "the message in the list",
        "return [...document.querySelectorAll('#van-de li')].map(l => l.textContent).join('\\n')",
    );
    assert_eq!(
        listed,
        json!(format!(
            "Lỗi (dòng {line}, 'ky_hieu'): ký hiệu 'kh-SDTTG': viết tắt tên loại phải viết đúng 'KH' (NĐ30, Phụ lục III, Mục I)"
        ))
    );
    screenshot(&b, "web-loi.png");
    let symbol = b.field("ky_hieu");
    symbol.clear();
    symbol.keys("KH-SDTTG");
    until(
        &b,
        "the message gone",
        "return !document.querySelector('.van-de[data-cho=\"ky_hieu\"]') && document.querySelector('#van-de li').textContent === 'Không có vấn đề nào.'",
    );

    // 3. A section added at the end, then moved up: the numbering follows
    // on the form and on the pages.
    let numbers = "return [...document.querySelectorAll('.than-van-ban > .cap > ol > li > .dau-nut > .tay-nam')].map(b => b.dataset.so)";
    assert_eq!(b.js(numbers), json!(["", "I.", "II.", "III.", "IV.", ""]));
    b.js("[...document.querySelectorAll('.than-van-ban > .cap > .them-nut button')].find(b => b.textContent === '+ Mục').click(); return null");
    assert_eq!(b.js(numbers), json!(["", "I.", "II.", "III.", "IV.", "", "V."]));
    let title = b.field("noi_dung[6].muc");
    title.keys("CHẾ ĐỘ BÁO CÁO");
    b.js("document.querySelector('[data-vi-tri=\"noi_dung[6]\"] > .dau-nut .cac-nut button').click(); return null");
    until(&b, "moved once", &format!("{numbers}.join() === ',I.,II.,III.,IV.,V.,'"));
    b.js("document.querySelector('[data-vi-tri=\"noi_dung[5]\"] > .dau-nut .cac-nut button').click(); return null");
    assert_eq!(b.js(numbers), json!(["", "I.", "II.", "III.", "IV.", "V.", ""]));
    until(
        &b,
        "moved twice",
        "return document.querySelector('[data-truong=\"noi_dung[4].muc\"]').value === 'CHẾ ĐỘ BÁO CÁO'",
    );
    until(
        &b,
        "the moved section on the pages",
        "return [...document.querySelectorAll('#trang .chu-trang')].some(t => t.textContent.includes('IV. CHẾ ĐỘ BÁO CÁO')) && [...document.querySelectorAll('#trang .chu-trang')].some(t => t.textContent.includes('V. TỔ CHỨC THỰC HIỆN'))",
    );

    // 4. Saved: the file on disk holds the edits and keeps its comments.
    let original = std::fs::read_to_string(common::example("ke-hoach.yaml")).unwrap();
    until(&b, "the YAML in step", "return document.getElementById('yaml').value.includes('CHẾ ĐỘ BÁO CÁO')");
    b.find("#nut-luu").click();
    until(&b, "saved", "return document.getElementById('trang-thai-luu').textContent === 'đã lưu'");
    let saved = std::fs::read_to_string(server.dir().join("ke-hoach.yaml")).unwrap();
    assert!(saved.contains("ngay: 15/5/2025"), "{saved}");
    assert!(saved.contains("muc: CHẾ ĐỘ BÁO CÁO"), "{saved}");
    for comment in original.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(saved.lines().any(|l| l == comment), "comment lost: {comment}");
    }
    let saved_doc: serde_yaml::Value = serde_yaml::from_str(&saved).unwrap();
    assert_eq!(saved_doc["noi_dung"][4]["muc"], "CHẾ ĐỘ BÁO CÁO");
    assert_eq!(saved_doc["noi_dung"][5]["muc"], "TỔ CHỨC THỰC HIỆN");

    // 4b. The invitations: any unit's letter previewed; the meeting's place
    // edited in the form shows on it; saved.
    b.goto(&format!("{base}#giay-moi.yaml"));
    until(
        &b,
        "the invitations' form",
        "return !!document.querySelector('[data-truong=\"dia_diem\"]') && !document.getElementById('lo').hidden",
    );
    let records = until(&b, "the letters", "return document.querySelectorAll('#ban-ghi option').length");
    assert_eq!(records, json!(10), "one letter per unit of the allocation");
    b.js("const s = document.getElementById('ban-ghi'); s.value = '3'; s.dispatchEvent(new Event('change')); return null");
    let place = b.field("dia_diem");
    place.clear();
    place.keys("Hội trường tầng 3, Sở Dân tộc và Tôn giáo");
    let shown = until(
        &b,
        "the new place on the letter",
        "const t = document.querySelector('#trang figure .chu-trang'); return t && t.textContent.includes('Hội trường tầng 3, Sở Dân tộc và Tôn giáo') && t.textContent",
    );
    let option = b.js("return document.getElementById('ban-ghi').selectedOptions[0].textContent");
    let unit = option.as_str().unwrap().split_once(". ").map(|(_, u)| u.to_owned()).unwrap();
    assert!(shown.as_str().unwrap().contains(unit.trim_end_matches(" (lỗi)")), "letter {option}: {shown}");
    b.find("#nut-luu").click();
    until(
        &b,
        "the invitations saved",
        "return document.getElementById('trang-thai-luu').textContent === 'đã lưu'",
    );
    let saved = std::fs::read_to_string(server.dir().join("giay-moi.yaml")).unwrap();
    assert!(saved.contains("dia_diem: Hội trường tầng 3, Sở Dân tộc và Tôn giáo"), "{saved}");

    // 5. The certificates' list uploaded with a broken row: marked, with why.
    b.goto(&format!("{base}#giay-chung-nhan.yaml"));
    until(
        &b,
        "a certificate's page",
        // (The letter before it has one page too: the title says which.)
        "return document.getElementById('tieu-de-soan').textContent === 'giay-chung-nhan.yaml' && document.querySelectorAll('#trang figure').length === 1 && !document.getElementById('lo').hidden",
    );
    // The folder's own list, picked: every row good.
    until(
        &b,
        "the folder's lists",
        "return document.querySelectorAll('#chon-danh-sach option').length === 4",
    );
    b.js("document.getElementById('chon-danh-sach').value = 'hoc-vien.csv'; return null");
    b.find("#form-danh-sach button[type=\"submit\"]").click();
    let summary = until(
        &b,
        "the picked list",
        "const p = document.querySelector('#bang-danh-sach p'); return p && p.textContent",
    );
    assert!(summary.as_str().unwrap().starts_with("480 dòng, 0 dòng có lỗi"), "{summary}");
    b.js("document.getElementById('chon-danh-sach').value = ''; document.getElementById('bang-danh-sach').replaceChildren(); return null");
    let list = std::fs::read_to_string(common::example("hoc-vien.csv")).unwrap();
    let broken = list.replacen(",Nam,", ",Không rõ,", 1);
    let upload = server.work.path().join("hoc-vien-sua.csv");
    std::fs::write(&upload, broken).unwrap();
    b.find("#tep-danh-sach").keys(upload.to_str().unwrap());
    b.find("#form-danh-sach button[type=\"submit\"]").click();
    let marked = until(
        &b,
        "the broken row",
        "return [...document.querySelectorAll('#bang-danh-sach tr.sai')].map(r => r.textContent)",
    );
    let marked = marked.as_array().unwrap();
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(
        marked[0].as_str().unwrap().contains("'Không rõ' không hợp lệ: ghi 'Nam' hoặc 'Nữ'"),
        "{marked:?}"
    );
    let summary = b.js("return document.querySelector('#bang-danh-sach p').textContent");
    assert!(summary.as_str().unwrap().starts_with("480 dòng, 1 dòng có lỗi"), "{summary}");
    screenshot(&b, "web-danh-sach.png");

    // 6. Build everything, then the certificates' ZIP: 480 certificates,
    // the merged file and the report.
    b.goto(&base);
    until(&b, "the folder", "return document.querySelectorAll('#ds-van-ban tbody tr').length === 13");
    b.find("#nut-dung").click();
    // The whole example, 513 files, in a debug build on a busy machine.
    let done = until_within(
        &b,
        "the build's end",
        "const t = document.getElementById('tien-do-chu').textContent; return document.getElementById('tien-do').hidden === false && !t.startsWith('Đang dựng') && t",
        300,
    );
    assert!(done.as_str().unwrap().starts_with("xong: 13 văn bản, 513 tệp PDF, 0 lỗi"), "{done}");
    let href = until(
        &b,
        "the ZIP link",
        "const a = document.querySelector('a[href^=\"/tai-zip?tep=giay-chung-nhan.yaml\"]'); return a && a.getAttribute('href')",
    );
    let bytes = server.download(href.as_str().unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(names.iter().filter(|n| n.ends_with(".pdf")).count(), 481, "{names:?}");
    assert!(names.iter().any(|n| n == "giay-chung-nhan.pdf"), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("bao-cao.json")), "{names:?}");
    let mut first = Vec::new();
    zip.by_name("giay-chung-nhan/001-lang-thanh-hung.pdf").unwrap().read_to_end(&mut first).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    screenshot(&b, "web-dung.png");
}

/// A clerk brings in last year's plan as a file: it lands in the editor as
/// a new document, its pages previewed, the import's report beside the form.
#[test]
fn a_clerk_imports_a_document_and_lands_in_the_editor_in_chromium() {
    imports_and_lands_in_the_editor(chromedriver_or_skip("web"));
}

#[test]
fn a_clerk_imports_a_document_and_lands_in_the_editor_in_firefox() {
    imports_and_lands_in_the_editor(geckodriver_or_skip("web"));
}

fn imports_and_lands_in_the_editor(driver: Option<(Kind, PathBuf)>) {
    let Some((kind, binary)) = driver else { return };
    let server = Server::start();
    let (_driver, driver_port) = start_driver(kind, &binary);
    let b = Browser::start(kind, driver_port);
    b.command("POST", "/window/rect", json!({ "width": 1500, "height": 1000 }));
    b.goto(&format!("http://127.0.0.1:{}/", server.port));
    until(&b, "the folder", "return document.querySelectorAll('#ds-van-ban tbody tr').length > 0");
    let file = server.work.path().join("ke-hoach-2024.txt");
    std::fs::copy(common::repo().join("tests/nhap/seed-ke-hoach-du-an-8-2025.txt"), &file).unwrap();
    b.find("#tep-nhap").keys(file.to_str().unwrap());
    b.find("#form-nhap button[type=\"submit\"]").click();
    until(
        &b,
        "the editor",
        "return location.hash === '#ke-hoach-2024.yaml' && !document.getElementById('man-soan').hidden",
    );
    let report = until(
        &b,
        "the report",
        "const r = document.getElementById('bao-cao-nhap'); return !r.hidden && r.querySelector('pre').textContent",
    );
    let report = report.as_str().unwrap();
    assert!(report.contains("✓ tên loại (dòng 8): KẾ HOẠCH (ke-hoach)"), "{report}");
    assert!(report.contains("✓ người ký (dòng 236): GIÁM ĐỐC / Phạm Đức Huân"), "{report}");
    // The form holds the imported data, the preview its pages.
    let texts = until(
        &b,
        "the pages",
        &format!("const t = (() => {{ {PAGE_TEXTS} }})(); return t.length === 4 && t"),
    );
    assert!(texts[0].as_str().unwrap().contains("KẾ HOẠCH"), "{texts}");
    let ky_hieu = b.field("ky_hieu").value();
    assert_eq!(ky_hieu, json!("KH-SDTTG"));
    assert!(server.dir().join("ke-hoach-2024.yaml").exists());
    screenshot(&b, "web-nhap.png");
    // Another document opened: its own report is not shown.
    b.goto(&format!("http://127.0.0.1:{}/#ke-hoach.yaml", server.port));
    until(
        &b,
        "the plan",
        "return location.hash === '#ke-hoach.yaml' && document.getElementById('bao-cao-nhap').hidden",
    );
}
