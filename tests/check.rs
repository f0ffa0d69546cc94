//! `vanban check` on the folder of broken examples: each file seeds one
//! mistake and names, in its first line, what the check must say.

mod common;

use std::path::PathBuf;

use common::*;
use vanban::check::{MucDo, check};

fn seeded() -> Vec<(PathBuf, String, MucDo)> {
    let dir = repo().join("tests/hong");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Some(expect) = text.lines().next().and_then(|l| l.strip_prefix("# mong-doi: ")) else { continue };
        let level =
            if text.lines().nth(1) == Some("# muc-do: canh-bao") { MucDo::CanhBao } else { MucDo::Loi };
        out.push((path, expect.to_owned(), level));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn each_seeded_mistake_is_found_with_its_place() {
    let engine = engine();
    let cases = seeded();
    assert!(cases.len() >= 30, "{} broken examples", cases.len());
    for (path, expect, level) in cases {
        let findings = check(&engine, &path).unwrap();
        let lines: Vec<String> = findings.iter().map(|f| f.human()).collect();
        let hit = findings.iter().find(|f| f.message.contains(&expect) || f.human().contains(&expect));
        let hit = hit.unwrap_or_else(|| panic!("{}: expected {expect:?}, got {lines:#?}", path.display()));
        assert_eq!(hit.severity, level, "{}: {lines:#?}", path.display());
        assert!(
            hit.file.ends_with(path.file_name().unwrap())
                || hit.file.extension().is_some_and(|e| e == "csv" || e == "yaml")
        );
        if level == MucDo::CanhBao {
            assert!(
                findings.iter().all(|f| f.severity == MucDo::CanhBao),
                "{}: a warning alone: {lines:#?}",
                path.display()
            );
        }
        // Errors a clerk can act on: a line number wherever the text has one.
        if hit.file == path && !expect.contains("trong 2 lớp") && !expect.contains("không có trong lớp nào")
        {
            assert!(hit.line.is_some(), "{}: no line in {lines:#?}", path.display());
        }
    }
}

#[test]
fn the_correct_files_have_no_findings() {
    let engine = engine();
    assert_eq!(check(&engine, &repo().join("tests/hong/00-ke-hoach-goc.yaml")).unwrap(), vec![]);
    assert_eq!(check(&engine, &repo().join("data/du-an-8-2025")).unwrap(), vec![]);
}

#[test]
fn check_command_exit_codes_and_json() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .current_dir(repo())
            .output()
            .unwrap()
    };
    let o = run(&["check", "data/du-an-8-2025"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim(), "0 lỗi, 0 cảnh báo");
    let o = run(&["check", "tests/hong/ky-hieu-co-dau-gach-cheo.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "tests/hong/ky-hieu-co-dau-gach-cheo.yaml:7: lỗi: trường 'ky_hieu': số ký hiệu 'KH/SDTTG' chứa dấu '/': ghi số ở khóa 'so' và chỉ ghi ký hiệu ở đây (ví dụ 'KH-SDTTG'); vanban ghép 'Số: 05/KH-SDTTG' (NĐ30, Phụ lục I, II.3)"
    );
    let o = run(&["check", "tests/hong/hoc-vi-truoc-ten.yaml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "a warning does not fail");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json[0]["muc_do"], "canh-bao");
    assert_eq!(json[0]["truong"], "nguoi_ky.ho_ten");
    // A build stops on the same errors before writing anything.
    let dir = folder(&[(
        "kh.yaml",
        &std::fs::read_to_string(repo().join("tests/hong/ky-hieu-sai-chu-hoa.yaml")).unwrap(),
    )]);
    let out = dir.path().join("out");
    let o = run(&["build", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("phải viết đúng 'KH'"));
    assert!(!out.exists());
}

/// A blank signer's name is one mistake, said once (the signer's rules and
/// the shared ones both used to say it).
#[test]
fn a_blank_signers_name_is_said_once() {
    let findings = check(&engine(), &repo().join("tests/hong/nguoi-ky-thieu-ho-ten.yaml")).unwrap();
    let lines: Vec<String> = findings.iter().map(|f| f.human()).collect();
    let ho_ten: Vec<&String> = lines.iter().filter(|l| l.contains("'nguoi_ky.ho_ten'")).collect();
    assert_eq!(ho_ten.len(), 1, "{lines:#?}");
    assert!(ho_ten[0].ends_with("nguoi-ky-thieu-ho-ten.yaml:31: lỗi: trường 'nguoi_ky.ho_ten': họ tên người ký không được để trống"), "{lines:#?}");
}
