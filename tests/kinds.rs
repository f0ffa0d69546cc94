//! The registry of kinds: every registered kind has what a kind needs (a
//! template, a worked example under `data/`, a broken example for `check`
//! in `tests/hong/`, a snapshot of its generated source), so adding a kind
//! without them fails here.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use vanban::kind::{KINDS, Kind};

/// The YAML files under `dir` (one level of folders) that declare `kind`.
fn declaring(dir: &Path, kind: Kind) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml")
                && let Ok(Some(k)) = vanban::engine::kind_of(&p)
                && k == kind
            {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_kind_has_a_template_an_example_and_a_broken_example() {
    for kind in &KINDS {
        // Its own template, registered with it, and found by its name.
        assert_eq!(vanban::template::builtin(kind.template), Some(kind.template_text), "{}", kind.loai);
        assert!(
            kind.template_text.contains("nd30.typ"),
            "{}: template {} on the shared components",
            kind.loai,
            kind.template
        );
        let examples = declaring(&repo().join("data"), kind);
        assert!(!examples.is_empty(), "{}: no example under data/", kind.loai);
        let broken = declaring(&repo().join("tests/hong"), kind);
        let named = broken.iter().any(|p| {
            std::fs::read_to_string(p).unwrap().lines().next().is_some_and(|l| l.starts_with("# mong-doi: "))
        });
        assert!(named, "{}: no broken example in tests/hong naming its message", kind.loai);
    }
}

#[test]
fn every_kind_has_a_snapshot_of_its_generated_source() {
    let engine = engine();
    for kind in &KINDS {
        // Its own example, not one merged over a list (tests/tron.rs).
        let example = declaring(&repo().join("data"), kind)
            .into_iter()
            .find(|p| !std::fs::read_to_string(p).unwrap().contains("\ntron:"))
            .unwrap();
        let example = &example;
        let source = if kind.is_batch() {
            // The first two records are enough to show a batch's source.
            let text = std::fs::read_to_string(example).unwrap();
            let batch = engine.prepare_batch(kind, example, &vanban::vi::clean(&text)).unwrap();
            let records: Vec<&serde_json::Value> =
                batch.items.iter().filter_map(|i| i.result.as_ref().ok()).take(2).collect();
            batch.source(&engine.templates, &records).unwrap()
        } else {
            engine.prepare(example).unwrap().source
        };
        // The document, without the libraries it includes first.
        let at = source.find("#show: van-ban.with(").expect("the document frame");
        insta::assert_snapshot!(kind.loai, &source[at..]);
    }
}

fn vanban(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).output().expect("run vanban")
}

fn say(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn json_of(yaml: &str) -> serde_json::Value {
    serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap()).unwrap()
}

#[test]
fn every_kind_has_a_starting_file_that_builds_and_checks_as_written() {
    for kind in &KINDS {
        let main = format!("{}.yaml", kind.loai);
        assert_eq!(kind.moi.first().map(|s| s.name), Some(main.as_str()), "{}: no starting file", kind.loai);
        let work = tempfile::tempdir().unwrap();
        let dir = work.path().join("moi");
        let o = vanban(&["new", kind.loai, dir.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", kind.loai, say(&o));
        let mut written: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        let mut expected: Vec<String> = kind.moi.iter().map(|s| s.name.to_owned()).collect();
        expected.sort();
        assert_eq!(written, expected, "{}", kind.loai);
        for starter in kind.moi {
            let text = std::fs::read_to_string(dir.join(starter.name)).unwrap();
            assert_eq!(text, starter.commented(), "{}", starter.name);
            if starter.name.ends_with(".yaml") {
                // Comments only: the same data as the bare file.
                assert_eq!(json_of(&text), json_of(starter.text), "{}", starter.name);
            }
        }
        let path = dir.join(&main);
        assert_eq!(vanban::engine::kind_of(&path).unwrap(), Some(kind));
        let text = std::fs::read_to_string(&path).unwrap();
        // Its keys explained from the schema, in Vietnamese.
        assert!(text.contains("# Ký hiệu"), "{}:\n{text}", kind.loai);
        // Every key with its explanation (a Biên bản has two signers instead).
        let signer = if kind.loai == "bien-ban" { "# Chủ tọa: " } else { "# Người ký: " };
        assert!(text.contains(signer), "{}:\n{text}", kind.loai);
        let schema = vanban::schema::of_kind(kind);
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator.iter_errors(&json_of(&text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", kind.loai);

        let o = vanban(&["check", dir.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", kind.loai, say(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("0 lỗi"), "{}: {}", kind.loai, say(&o));
        let out = work.path().join("out");
        let o = vanban(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", kind.loai, say(&o));
        // A document's PDF, or a batch's merged file.
        assert!(out.join(format!("{}.pdf", kind.loai)).is_file(), "{}: {}", kind.loai, say(&o));
    }
}

#[test]
fn new_never_overwrites_and_writes_nothing_when_a_file_is_there() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::write(dir.join("phan-bo.yaml"), "của tôi\n").unwrap();
    let o = vanban(&["new", "giay-moi", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", say(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        format!(
            "lỗi: '{}' đã có; vanban new không ghi đè và không ghi tệp nào: xóa hoặc đổi tên tệp đó, hoặc chọn thư mục khác",
            dir.join("phan-bo.yaml").display()
        )
    );
    assert_eq!(std::fs::read_to_string(dir.join("phan-bo.yaml")).unwrap(), "của tôi\n");
    assert!(!dir.join("giay-moi.yaml").exists());
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);

    // Without DIR, into the current folder.
    let here = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["new", "to-trinh"])
        .current_dir(here.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", say(&o));
    assert_eq!(
        vanban::engine::kind_of(&here.path().join("to-trinh.yaml")).unwrap().map(|k| k.loai),
        Some("to-trinh")
    );

    let o = vanban(&["new", "ke-hoachh", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        format!(
            "lỗi: loại văn bản 'ke-hoachh' không được hỗ trợ; các loại hợp lệ: {}",
            vanban::kind::names()
        )
    );
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
}
