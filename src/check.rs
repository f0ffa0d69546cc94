//! `vanban check`: every problem of a document or a folder in one pass,
//! without rendering: the decree's rules the data alone can break, each with
//! its file, line and field and the clause it breaks.

use std::path::{Path, PathBuf};

use crate::engine::Engine;
use crate::error::{Diagnostic, Error};
use crate::kind::{Input, Kind, Made};
use crate::vi;

pub use crate::error::MucDo;

/// One problem found: the diagnostic every command reports.
pub type Finding = Diagnostic;

/// Raw-text problems: not NFC (fixed on input, but worth knowing), or typed
/// in a legacy encoding.
fn text_findings(path: &Path) -> Vec<Finding> {
    let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
    let Ok(text) = String::from_utf8(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    let mut add = |line: usize, muc_do, thong_bao: String| {
        out.push(Diagnostic::new(path, "", thong_bao).at(line, None).severity(muc_do))
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(word) = vi::legacy_encoding(line) {
            add(
                i + 1,
                MucDo::Loi,
                format!("chữ '{word}' có dạng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode"),
            );
        }
        if line.chars().any(vi::is_bidi_control) {
            add(
                i + 1,
                MucDo::CanhBao,
                "có ký tự điều khiển hướng chữ (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) không nhìn thấy; vanban bỏ chúng khi dựng".into(),
            );
        }
        if !unicode_normalization::is_nfc(line) {
            add(
                i + 1,
                MucDo::CanhBao,
                "văn bản không ở dạng Unicode dựng sẵn (NFC); vanban tự chuẩn hóa khi dựng".into(),
            );
        }
    }
    out
}

fn findings_of(error: Error, path: &Path) -> Vec<Finding> {
    match error {
        Error::Input(list) => list,
        other => vec![Diagnostic::new(path, "", other.to_string())],
    }
}

/// The document-level rules of a document's text (its folder on disk).
pub fn rules_of_text(kind: Kind, path: &Path, text: &str) -> Vec<Finding> {
    let folder = crate::folder::OnDisk::of_file(path);
    rules_of_input(&Input { kind, path, text, folder: &folder })
}

/// The document-level rules of a document in any folder.
pub fn rules_of_input(input: &Input) -> Vec<Finding> {
    match input.kind.pass(input, None) {
        Ok(pass) => pass.rules,
        Err(e) => findings_of(e, input.path),
    }
}

/// What preparing a document found: its batch's problems and failed
/// records, or why it could not be prepared.
pub fn made_findings(made: Result<Made, Error>, path: &Path) -> Vec<Finding> {
    match made {
        Err(e) => findings_of(e, path),
        Ok(Made::One(_)) => Vec::new(),
        Ok(Made::Batch(b)) => {
            let mut out = b.problems;
            for item in b.items.into_iter().filter(|i| !i.reported) {
                if let Err(m) = item.result {
                    // A row's problem points at the list, a letter's at the batch.
                    let (tep, dong) = match (&b.list, item.row) {
                        (Some(list), Some(row)) => (list.clone(), Some(row)),
                        _ => (path.to_owned(), None),
                    };
                    // A row's reason names its row and field itself.
                    let field = if dong.is_some() { String::new() } else { item.name };
                    out.push(Diagnostic { line: dong, ..Diagnostic::new(&tep, field, m) });
                }
            }
            out
        }
    }
}

/// Checks a document file, or every document of a folder.
pub fn check(engine: &Engine, path: &Path) -> Result<Vec<Finding>, Error> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io("không mở được thư mục", path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        v.sort();
        v
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        return Err(Error::Usage(format!("không tìm thấy '{}'", path.display())));
    };
    let mut out = Vec::new();
    // One folder for all: what several documents read is parsed once.
    let folder = crate::folder::OnDisk::of_file(files.first().map(PathBuf::as_path).unwrap_or(path));
    for file in files {
        out.extend(text_findings(&file));
        let source = match crate::engine::read_source(&file) {
            Ok(s) => s,
            Err(e) => {
                out.extend(findings_of(e, &file));
                continue;
            }
        };
        let Some(kind) = source.kind else { continue };
        let input = Input { kind, path: &file, text: &source.text, folder: &folder };
        // The rules, then what preparing the document checks: fonts,
        // allocation, schedule, rows; from one parse.
        match kind.pass(&input, Some((&engine.templates, &engine.fonts))) {
            Ok(pass) => {
                out.extend(pass.rules);
                if let Some(made) = pass.made {
                    out.extend(made_findings(made, &file));
                }
            }
            Err(e) => out.extend(findings_of(e, &file)),
        }
    }
    // The same problem may be found by two checks (a parse error, say).
    out.dedup();
    Ok(out)
}
