//! Shared helpers: lay out documents and read facts off their pages.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vanban::engine::Engine;
use vanban::inspect::{Line, MM, PageFacts};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    repo().join("data/du-an-8-2025").join(name)
}

pub fn engine() -> Engine {
    Engine::new(None, None).expect("engine")
}

/// Lays out a data file and returns the facts of every page.
pub fn pages_of(path: &Path) -> Vec<PageFacts> {
    let engine = engine();
    let prepared = engine
        .prepare(path)
        .unwrap_or_else(|e| panic!("prepare {}: {e}", path.display()));
    let document = engine
        .layout(&prepared)
        .unwrap_or_else(|e| panic!("layout: {e}\n{}", prepared.source));
    document.pages().iter().map(PageFacts::of).collect()
}

/// A temporary folder holding `files` (name, content).
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    dir
}

pub const LEFT: f64 = 30.0 * MM;
pub const RIGHT: f64 = 15.0 * MM;
pub const TOP: f64 = 20.0 * MM;
pub const BOTTOM: f64 = 20.0 * MM;

pub fn text_left(_p: &PageFacts) -> f64 {
    LEFT
}

pub fn text_right(p: &PageFacts) -> f64 {
    p.width - RIGHT
}

pub fn line(p: &PageFacts, prefix: &str) -> Line {
    p.line_starting(prefix)
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{}", p.text()))
}

/// A minimal plan; `extra` replaces or adds top-level YAML lines.
pub fn plan_yaml(body: &str) -> String {
    format!(
        r#"loai: ke-hoach
co_quan:
  chu_quan: UBND TỈNH LẠNG SƠN
  ban_hanh: SỞ DÂN TỘC VÀ TÔN GIÁO
  ten_goi: Sở Dân tộc và Tôn giáo
so: 5
ky_hieu: KH-SDTTG
dia_danh: Lạng Sơn
ngay: 05/01/2025
trich_yeu: Tổ chức lớp bồi dưỡng nghiệp vụ năm 2025
{body}
nguoi_ky:
  quyen_han: KT.
  thay_cho: GIÁM ĐỐC
  chuc_vu: PHÓ GIÁM ĐỐC
  ho_ten: Trần Thị Bình
noi_nhan:
  - UBND các huyện
  - Lãnh đạo Sở
luu: VT, PCS
"#
    )
}
