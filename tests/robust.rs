//! Killed runs, huge inputs: only whole PDFs ever stand at final names, a
//! rerun finishes the job, limits end with a clear message.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The example's certificate batch with its list repeated `times` times.
fn big_batch(times: usize) -> tempfile::TempDir {
    let csv = std::fs::read_to_string(example("hoc-vien.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap().to_owned();
    let rows: Vec<&str> = lines.collect();
    let mut list = header + "\n";
    for _ in 0..times {
        for r in &rows {
            list.push_str(r);
            list.push('\n');
        }
    }
    let yaml = std::fs::read_to_string(example("giay-chung-nhan.yaml"))
        .unwrap()
        .replace("lich: giay-moi.yaml", "lich: lich.yaml");
    // The certificates alone: without the decision they would cite.
    let yaml: String =
        yaml.lines().filter(|l| !l.starts_with("quyet_dinh:")).map(|l| format!("{l}\n")).collect();
    folder(&[
        ("giay-chung-nhan.yaml", &yaml),
        (
            "lich.yaml",
            &std::fs::read_to_string(example("giay-moi.yaml")).unwrap().replace("loai: giay-moi\n", ""),
        ),
        ("phan-bo.yaml", &std::fs::read_to_string(example("phan-bo.yaml")).unwrap()),
        ("hoc-vien.csv", &list),
    ])
}

fn is_whole_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        && bytes.trim_ascii_end().ends_with(b"%%EOF")
        && lopdf::Document::load_mem(bytes).is_ok()
}

#[test]
fn a_killed_batch_leaves_only_whole_pdfs_and_a_rerun_finishes() {
    let dir = big_batch(4);
    let out = dir.path().join("out");
    let certs = out.join("giay-chung-nhan");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "2"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        let n = std::fs::read_dir(&certs).map(|d| d.count()).unwrap_or(0);
        if n >= 150 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut whole = 0;
    for e in std::fs::read_dir(&certs).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            assert!(is_whole_pdf(&std::fs::read(&path).unwrap()), "{name} is not a whole PDF");
            whole += 1;
        } else {
            assert!(name.starts_with(".vanban-") && name.ends_with(".tmp"), "unexpected {name}");
        }
    }
    assert!((100..1920).contains(&whole), "killed midway: {whole} files");
    assert!(!out.join("giay-chung-nhan.pdf").exists(), "no merged file before the end");

    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<String> = std::fs::read_dir(&certs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1920);
    assert!(names.iter().all(|n| n.ends_with(".pdf")), "temporary files cleared");
    assert!(is_whole_pdf(&std::fs::read(out.join("giay-chung-nhan.pdf")).unwrap()));
}

#[test]
fn a_list_over_the_limit_is_refused_with_a_message() {
    let rows = vanban::model::danh_sach::MAX_ROWS / 480 + 1;
    let dir = big_batch(rows);
    let err = engine().prepare(&dir.path().join("giay-chung-nhan.yaml")).err().expect("refused").to_string();
    assert!(err.contains(&format!("danh sách có {} dòng, quá 20000 dòng", rows * 480)), "{err}");
    assert!(err.contains("hãy chia thành nhiều tệp"), "{err}");
}

#[test]
fn a_five_thousand_section_plan_completes() {
    let mut body = String::from("noi_dung:\n");
    for i in 1..=1250 {
        body.push_str(&format!(
            "  - muc: Mục {i}\n    noi_dung:\n      - muc: Khoản\n        noi_dung:\n          - muc: Tiểu mục\n            noi_dung:\n              - muc: Điểm\n                cung_dong: nội dung {i}.\n"
        ));
    }
    let dir = folder(&[("kh.yaml", &plan_yaml(&body))]);
    let pages = pages_of(&dir.path().join("kh.yaml"));
    assert!(pages.len() > 100);
    let text: String = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("MCCL. MỤC 1250"), "the 1250th level-1 section is numbered in Roman");
}
