//! `vanban check`: every problem of a document or a folder in one pass,
//! without rendering: the decree's rules the data alone can break, each with
//! its file, line and field and the clause it breaks.

use std::path::{Path, PathBuf};

use crate::engine::Engine;
use crate::error::{Diagnostic, Error};
use crate::folder::Folder;
use crate::kind::{Input, Kind, Made};
use crate::vi;

pub use crate::error::MucDo;

/// One problem found: the diagnostic every command reports.
pub type Finding = Diagnostic;

/// Raw-text problems: not NFC (fixed on input, but worth knowing), or typed
/// in a legacy encoding.
fn text_findings(path: &Path, text: &str) -> Vec<Finding> {
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

fn findings_of(error: &Error, path: &Path) -> Vec<Finding> {
    match error {
        Error::Input(list) => list.clone(),
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
        Err(e) => findings_of(&e, input.path),
    }
}

/// What preparing a document found: its batch's problems and failed
/// records, or why it could not be prepared.
pub fn made_findings(made: &Result<Made, Error>, path: &Path) -> Vec<Finding> {
    match made {
        Err(e) => findings_of(e, path),
        Ok(Made::One(_)) => Vec::new(),
        Ok(Made::Batch(b)) => {
            let mut out = b.problems.clone();
            for item in b.items.iter().filter(|i| !i.reported) {
                if let Err(m) = &item.result {
                    // A row's problem points at the list, a letter's at the batch.
                    let (tep, dong) = match (&b.list, item.row) {
                        (Some(list), Some(row)) => (list.clone(), Some(row)),
                        _ => (path.to_owned(), None),
                    };
                    // A row's reason names its row and field itself.
                    let field = if dong.is_some() { String::new() } else { item.name.clone() };
                    out.push(Diagnostic { line: dong, ..Diagnostic::new(&tep, field, m) });
                }
            }
            out
        }
    }
}

/// What `check` reports about one file whose text (as read, before NFC) is
/// `raw`, the files its data names read from `folder`; and what preparing
/// it made, when it could be prepared, for the caller to lay out (a page
/// previewing unsaved text checks and lays out from one pass).
pub fn check_text(
    engine: &Engine,
    path: &Path,
    raw: &str,
    folder: &dyn Folder,
) -> (Vec<Finding>, Option<Made>) {
    let mut out = text_findings(path, raw);
    let text = crate::model::text_of(path, raw.as_bytes().to_vec()).expect("already UTF-8");
    let kind = match crate::engine::kind_in(path, &text) {
        Ok(Some(kind)) => kind,
        Ok(None) => return (out, None),
        Err(e) => {
            out.extend(findings_of(&e, path));
            return (out, None);
        }
    };
    let input = Input { kind, path, text: &text, folder };
    // The rules, then what preparing the document checks: fonts,
    // allocation, schedule, rows; from one parse.
    let made = match kind.pass(&input, Some((&engine.templates, &engine.fonts))) {
        Ok(pass) => {
            out.extend(pass.rules);
            pass.made.and_then(|made| {
                out.extend(made_findings(&made, path));
                made.ok()
            })
        }
        Err(e) => {
            out.extend(findings_of(&e, path));
            None
        }
    };
    out.dedup();
    (out, made)
}

/// Checks a document file, or every document of a folder.
pub fn check(engine: &Engine, path: &Path) -> Result<Vec<Finding>, Error> {
    let files: Vec<PathBuf> = if path.is_dir() {
        crate::yaml_files(path)?
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        return Err(Error::Usage(format!("không tìm thấy '{}'", path.display())));
    };
    let mut out = Vec::new();
    // One folder for all: what several documents read is parsed once.
    let folder = crate::folder::OnDisk::of_file(files.first().map(PathBuf::as_path).unwrap_or(path));
    for file in files {
        let raw =
            std::fs::read(&file).map_err(|e| Error::io("không đọc được tệp", &file, e)).and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|e| crate::model::text_of(&file, e.into_bytes()).expect_err("not UTF-8"))
            });
        match raw {
            Ok(raw) => out.extend(check_text(engine, &file, &raw, &folder).0),
            Err(e) => out.extend(findings_of(&e, &file)),
        }
    }
    // The same problem may be found by two checks (a parse error, say).
    out.dedup();
    Ok(out)
}
