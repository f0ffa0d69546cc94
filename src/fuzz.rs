//! Entry points for fuzzing (`fuzz/`) and its bounded run in the tests:
//! untrusted bytes through parsing, validation and template rendering.
//! They must never panic, hang or grow without bound; errors are fine.

use std::path::Path;
use std::sync::LazyLock;

use crate::fonts::FontSet;
use crate::kinds::giay_moi::data::GiayMoi;
use crate::kinds::ke_hoach::data::KeHoach;
use crate::model::phan_bo::PhanBo;
use crate::model::{self, hoc_vien};
use crate::template::Templates;
use crate::vi;

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| Templates::new(None).expect("built-in templates"));

/// The example allocation, parsed once.
static PHAN_BO: LazyLock<PhanBo> = LazyLock::new(|| {
    PhanBo::parse(Path::new("phan-bo.yaml"), include_str!("../data/du-an-8-2025/phan-bo.yaml"))
        .expect("example allocation")
});

/// A YAML document, as a plan or an invitation batch: parsed, checked, and
/// (for a plan that passes) rendered to Typst source.
pub fn yaml_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = vi::clean(text);
    // A path in a folder that does not exist: every file the data names is refused.
    let path = Path::new("/khong-co-thu-muc/van-ban.yaml");
    let fonts = FontSet::embedded();
    if let Ok(plan) = model::parse_yaml::<KeHoach>(path, &text) {
        let _ = crate::check::rules_of_text(&crate::kind::KINDS[0], path, &text);
        let folder = crate::folder::InMemory::new("/khong-co-thu-muc");
        let input = crate::kind::Input { kind: &crate::kind::KINDS[0], path, text: &text, folder: &folder };
        if let Ok(context) = crate::kinds::ke_hoach::ke_hoach_context(&input, &plan, &fonts) {
            let _ = TEMPLATES.render("ke-hoach.typ.j2", context);
        }
    }
    if let Ok(batch) = model::parse_yaml::<GiayMoi>(path, &text) {
        let _ = batch.letters(path, &PHAN_BO);
        let _ =
            crate::check::rules_of_text(crate::kind::by_loai("giay-moi").expect("registered"), path, &text);
    }
}

/// A trainee list as CSV bytes: every row read and checked.
pub fn csv_rows(data: &[u8]) {
    let rows = hoc_vien::read_csv_bytes(Path::new("danh-sach.csv"), data, &Default::default());
    if let Ok(rows) = rows {
        for row in rows.into_iter().flatten() {
            let _ = row.ngay_sinh.text();
            let _ = vi::slug(&row.ho_ten);
        }
    }
}

/// A file to import (`vanban nhap`), read as each format it takes: the
/// reader, recognition, the YAML written and checked. Errors are fine.
pub fn nhap_document(data: &[u8]) {
    let out = Path::new("/khong-co-thu-muc/van-ban.yaml");
    for name in
        ["/khong-co-thu-muc/van-ban.txt", "/khong-co-thu-muc/van-ban.docx", "/khong-co-thu-muc/van-ban.pdf"]
    {
        let _ = crate::nhap::nhap(Path::new(name), data, out);
    }
}
