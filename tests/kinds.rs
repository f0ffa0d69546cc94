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
        let example = &declaring(&repo().join("data"), kind)[0];
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
