//! `vanban nhap`: a document that exists already (a Word file, the text of
//! a PDF, a PDF) brought into vanban's data. Readers turn each format into
//! the same pieces ([`nguon`]); [`nhan_dang`] recognises the decree's
//! components and the body's tree in them; [`viet`] writes the YAML, with a
//! comment at whatever it could not place, and the report says what was
//! recognised, where, and what was corrected against the decree.

pub mod docx;
pub mod nguon;
pub mod nhan_dang;
pub mod pdf;
pub mod txt;

use std::path::Path;

use crate::error::{Diagnostic, Error, Result};
use nguon::Khoi;

/// The largest file `nhap` reads: a document of a few hundred pages.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// The file's pieces, read by the reader its extension names.
pub fn doc_nguon(path: &Path, bytes: &[u8]) -> Result<Vec<Khoi>> {
    if bytes.len() > MAX_BYTES {
        return Err(loi(path, format!("tệp lớn hơn {} MB, không nhập", MAX_BYTES / 1024 / 1024)));
    }
    let duoi = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match duoi.as_str() {
        "txt" | "text" | "md" => Ok(txt::doc(bytes)),
        "docx" => docx::doc(path, bytes),
        "pdf" => pdf::doc(path, bytes),
        "doc" => Err(loi(
            path,
            "tệp .doc (Word 97–2003) chưa đọc được: mở bằng Word hoặc LibreOffice, lưu thành .docx rồi nhập lại",
        )),
        _ => Err(loi(path, "chỉ nhập được tệp .docx, .pdf hoặc .txt")),
    }
}

/// A problem with the file as a whole.
pub(crate) fn loi(path: &Path, message: impl Into<String>) -> Error {
    Error::Input(vec![Diagnostic::new(path, "", message)])
}
