//! The form editor (src/serve/trang/editor.js) in real browsers: headless
//! Chromium driven through chromedriver and headless Firefox through
//! geckodriver (WebDriver), on a test page served
//! from a small local HTTP server with the plan's schema and data as its
//! fixture, made here at run time from `vanban schema ke-hoach` and
//! data/du-an-8-2025/ke-hoach.yaml.
//!
//! Without its driver a test says why and passes, except in CI (`CI`
//! set), where it fails: `.ci/run` installs Debian's chromium and
//! chromium-driver, firefox-esr, and geckodriver from crates.io.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};

#[path = "common/webdriver.rs"]
mod webdriver;
use webdriver::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The test page with its fixture, and the editor's files, on 127.0.0.1.
fn serve_page() -> u16 {
    let plan = std::fs::read_to_string(repo().join("data/du-an-8-2025/ke-hoach.yaml")).unwrap();
    serve_form("ke-hoach", &plan)
}

/// The editor's test page with the form of `kind` over the data `yaml`.
fn serve_form(kind: &str, yaml: &str) -> u16 {
    let trang = repo().join("src/serve/trang");
    let schema = vanban::schema::named(kind).unwrap();
    let du_lieu: Value = serde_yaml::from_str(yaml).unwrap();
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

/// What only the form editor's page is asked.
trait EditorPage {
    fn numbers(&self) -> Value;
    fn latest(&self, pointer: &str) -> Value;
    fn type_into(&self, truong: &str, text: &str);
    fn number_of(&self, nut: &str) -> Value;
}

impl EditorPage for Browser {
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

#[test]
fn the_form_editor_in_chromium() {
    the_form_editor(chromedriver_or_skip("web_editor"));
}

/// A key that is a table (a meeting invitation's `bang`) is edited as a
/// grid, as the body's tables are: its cells reach the data, and the
/// table can be taken out and added again.
#[test]
fn a_table_key_is_edited_as_a_grid_in_chromium() {
    let Some((kind, binary)) = chromedriver_or_skip("web_editor") else { return };
    let (_driver, driver_port) = start_driver(kind, &binary);
    let yaml = std::fs::read_to_string(repo().join("data/vi-du/giay-moi-hop.yaml")).unwrap();
    let yaml = yaml.replacen(
        "chu_tri:",
        "bang:\n  cot: [Đơn vị, Số người]\n  dong: [[Xã Chi Lăng, '2']]\nchu_tri:",
        1,
    );
    let page_port = serve_form("giay-moi-hop", &yaml);
    let c = Browser::start(kind, driver_port);
    c.goto(&format!("http://127.0.0.1:{page_port}/editor-test.html"));
    c.wait_for("return window.sanSang === true", json!(true));
    c.js("window.confirm = () => true; return null");
    assert_eq!(
        c.js(
            "return [...document.querySelectorAll('.bang-sua[data-truong=\"bang\"] input')].map(e => e.value)"
        ),
        json!(["Đơn vị", "Số người", "Xã Chi Lăng", "2"])
    );
    c.type_into("bang.dong[0][1]", "4");
    assert_eq!(c.latest("/bang/dong/0"), json!(["Xã Chi Lăng", "4"]));
    c.js(
        "[...document.querySelectorAll('button')].find(b => b.textContent === '+ Dòng').click(); return null",
    );
    c.type_into("bang.dong[1][0]", "Phường Tam Thanh");
    assert_eq!(c.latest("/bang/dong/1"), json!(["Phường Tam Thanh", ""]));
    c.js("[...document.querySelectorAll('button')].find(b => b.textContent === 'Bỏ bảng').click(); return null");
    assert_eq!(c.latest("/bang"), Value::Null);
    c.js(
        "[...document.querySelectorAll('button')].find(b => b.textContent === '+ Bảng').click(); return null",
    );
    assert_eq!(c.latest("/bang"), json!({ "cot": ["STT", "Nội dung"], "dong": [["1", ""]] }));
}

#[test]
fn the_form_editor_in_firefox() {
    the_form_editor(geckodriver_or_skip("web_editor"));
}

fn the_form_editor(driver: Option<(Kind, PathBuf)>) {
    let Some((kind, binary)) = driver else { return };
    let (_driver, driver_port) = start_driver(kind, &binary);
    let page_port = serve_page();
    let browser = Browser::start(kind, driver_port);
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

/// A report in parts: the form shows "Phần I", "Phần II" on the parts,
/// "A.", "B." on the groups and numbers the sections inside each from I.;
/// a group added in a part takes the next letter and reaches the data.
#[test]
fn parts_and_groups_number_their_sections_in_chromium() {
    let Some((kind, binary)) = chromedriver_or_skip("web_editor") else { return };
    let (_driver, driver_port) = start_driver(kind, &binary);
    let yaml = std::fs::read_to_string(repo().join("data/vi-du/bao-cao.yaml")).unwrap();
    let mut data: Value = serde_yaml::from_str(&yaml).unwrap();
    data["noi_dung"] = json!([
        "Mở đầu.",
        { "phan": "Kết quả chung", "noi_dung": [{ "muc": "Triển khai" }, { "muc": "Kết quả" }] },
        { "phan": "Các đề án", "noi_dung": [
            { "nhom": "Đề án một", "noi_dung": [{ "muc": "Triển khai" }, { "muc": "Đánh giá" }] }
        ] }
    ]);
    let page_port = serve_form("bao-cao", &serde_yaml::to_string(&data).unwrap());
    let c = Browser::start(kind, driver_port);
    c.goto(&format!("http://127.0.0.1:{page_port}/editor-test.html"));
    c.wait_for("return window.sanSang === true", json!(true));
    assert_eq!(c.numbers(), json!(["", "Phần I", "Phần II"]));
    assert_eq!(c.number_of("noi_dung[1].noi_dung[1]"), json!("II."));
    assert_eq!(c.number_of("noi_dung[2].noi_dung[0]"), json!("A."));
    assert_eq!(c.number_of("noi_dung[2].noi_dung[0].noi_dung[0]"), json!("I."));
    let them = "return [...document.querySelectorAll('[data-vi-tri=\"noi_dung[2]\"] > .noi-dung-nut > .cap > .them-nut > button')].map(b => b.textContent)";
    assert_eq!(c.js(them), json!(["+ Nhóm mục", "+ Mục", "+ Đoạn văn", "+ Gạch đầu dòng", "+ Bảng"]));
    c.js("document.querySelector('[data-vi-tri=\"noi_dung[2]\"] > .noi-dung-nut > .cap > .them-nut > button').click(); return null");
    assert_eq!(c.number_of("noi_dung[2].noi_dung[1]"), json!("B."));
    c.type_into("noi_dung[2].noi_dung[1].nhom", "Đề án hai");
    assert_eq!(c.latest("/noi_dung/2/noi_dung/1"), json!({ "nhom": "Đề án hai" }));
}
