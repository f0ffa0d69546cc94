//! Documents prepared from files held in memory (a folder that is not on
//! disk, as a page editing unsaved text has): the same source as from the
//! folder on disk, and the same sandbox.

mod common;

use std::path::Path;

use common::*;
use vanban::folder::InMemory;
use vanban::kind::{Input, by_loai};

/// The example folder's files, in memory under a root that does not exist.
fn example_in_memory(names: &[&str]) -> InMemory {
    names
        .iter()
        .fold(InMemory::new("/khong-co/du-an-8-2025"), |m, n| m.with(n, std::fs::read(example(n)).unwrap()))
}

#[test]
fn a_plan_with_its_allocation_prepares_from_memory_as_from_disk() {
    let memory = example_in_memory(&["ke-hoach.yaml", "phan-bo.yaml"]);
    let text = vanban::vi::clean(&memory.text("ke-hoach.yaml").unwrap());
    let path = memory.path_of("ke-hoach.yaml");
    let engine = engine();
    let input = Input { kind: by_loai("ke-hoach").unwrap(), path: &path, text: &text, folder: &memory };
    let from_memory = engine.prepare_input(&input).unwrap();
    let from_disk = engine.prepare(&example("ke-hoach.yaml")).unwrap();
    assert_eq!(from_memory.source, from_disk.source);
    assert!(from_memory.source.contains("\"Tràng Định\""), "the allocation's table came from memory");
    // Without the allocation in memory, the message names the file as the data wrote it.
    let alone = example_in_memory(&["ke-hoach.yaml"]);
    let input = Input { folder: &alone, ..input };
    let err = engine.prepare_input(&input).err().unwrap().to_string();
    assert!(
        err.contains("trường 'phu_luc[0].phan_bo': không tìm thấy tệp 'phan-bo.yaml' trong thư mục '/khong-co/du-an-8-2025'"),
        "{err}"
    );
}

#[test]
fn a_certificate_batch_reads_its_list_schedule_and_allocation_from_memory() {
    let memory = example_in_memory(&[
        "giay-chung-nhan.yaml",
        "giay-moi.yaml",
        "phan-bo.yaml",
        "hoc-vien.csv",
        "quyet-dinh-cong-nhan.yaml",
    ]);
    let text = vanban::vi::clean(&memory.text("giay-chung-nhan.yaml").unwrap());
    let path = memory.path_of("giay-chung-nhan.yaml");
    let engine = engine();
    let input =
        Input { kind: by_loai("giay-chung-nhan").unwrap(), path: &path, text: &text, folder: &memory };
    let batch = engine.prepare_batch_input(&input).unwrap();
    assert_eq!(batch.items.iter().filter(|i| i.result.is_ok()).count(), 480);
    let disk = engine.prepare_batch(input.kind, &example("giay-chung-nhan.yaml"), &text).unwrap();
    let first = |b: &vanban::compose::PreparedBatch| b.items[0].result.clone().unwrap();
    assert_eq!(first(&batch), first(&disk));
    assert_eq!(batch.list.as_deref(), Some(Path::new("/khong-co/du-an-8-2025/hoc-vien.csv")));
}

#[test]
fn names_in_the_data_cannot_leave_the_memory_folder() {
    let memory = example_in_memory(&["ke-hoach.yaml", "phan-bo.yaml"]);
    let engine = engine();
    for bad in ["../phan-bo.yaml", "/khong-co/du-an-8-2025/phan-bo.yaml", "a/../../phan-bo.yaml"] {
        let text = vanban::vi::clean(&memory.text("ke-hoach.yaml").unwrap())
            .replace("phan_bo: phan-bo.yaml", &format!("phan_bo: '{bad}'"));
        let path = memory.path_of("ke-hoach.yaml");
        let input = Input { kind: by_loai("ke-hoach").unwrap(), path: &path, text: &text, folder: &memory };
        let err = engine.prepare_input(&input).err().unwrap().to_string();
        assert!(err.contains("phải nằm trong thư mục của văn bản"), "{bad}: {err}");
    }
}

#[test]
fn the_rules_read_the_plan_beside_an_invitation_in_memory() {
    // An invitation dated before the plan it implements, both in memory.
    let plan =
        std::fs::read_to_string(example("ke-hoach.yaml")).unwrap().replace("ngay: 4/2025", "ngay: 10/6/2025");
    let memory = example_in_memory(&["giay-moi.yaml", "phan-bo.yaml"]).with("ke-hoach.yaml", plan);
    let text = vanban::vi::clean(&memory.text("giay-moi.yaml").unwrap());
    let path = memory.path_of("giay-moi.yaml");
    let input = Input { kind: by_loai("giay-moi").unwrap(), path: &path, text: &text, folder: &memory };
    let found = vanban::check::rules_of_input(&input);
    assert!(
        found.iter().any(|f| f.field == "ngay" && f.message.contains("trước ngày của Kế hoạch mà giấy mời thực hiện")),
        "{found:#?}"
    );
}
