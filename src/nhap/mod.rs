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
pub mod viet;

use std::path::Path;

use crate::error::{Diagnostic, Error, MucDo, Result};
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

/// What importing a file gives: the YAML text, what was recognised, and
/// the problems (corrections made against the decree, as warnings; what
/// the written data still breaks, as errors) at their places in the
/// source or the YAML.
pub struct KetQua {
    pub yaml: String,
    pub van_ban: nhan_dang::VanBanNhap,
    pub van_de: Vec<Diagnostic>,
}

/// Imports the file `path` holding `bytes`; `yaml_path` names the data file
/// to be written, for the messages about it.
pub fn nhap(path: &Path, bytes: &[u8], yaml_path: &Path) -> Result<KetQua> {
    let khoi = doc_nguon(path, bytes)?;
    if !khoi.iter().any(|k| matches!(k, Khoi::Doan(_))) {
        return Err(loi(path, "không thấy chữ nào trong tệp"));
    }
    let van_ban = nhan_dang::nhan_dang(khoi);
    if van_ban.kind.code.batch {
        // A certificate is one record of a batch made from the trainee list.
        return Err(loi(
            path,
            format!(
                "đây là một {}: vanban dựng loại này hàng loạt từ danh sách (vanban new {}), không nhập từng tờ",
                crate::vi::lower_first(van_ban.kind.ten),
                van_ban.kind.loai
            ),
        ));
    }
    let source_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let yaml = viet::yaml(&van_ban, &source_name);
    let mut van_de: Vec<Diagnostic> = van_ban
        .sua
        .iter()
        .map(|s| {
            let d = Diagnostic::new(path, s.truong, s.thong_bao.clone()).severity(MucDo::CanhBao);
            match s.noi {
                // A text file's line is a line number; a Word paragraph or a
                // PDF's page and line go in the message.
                Some(noi) if noi.trang.is_none() && noi.loai == nguon::LoaiNoi::Dong => {
                    d.at(noi.so as usize, None)
                }
                Some(noi) => Diagnostic { message: format!("{noi}: {}", d.message), ..d },
                None => d,
            }
        })
        .collect();
    van_de.extend(kiem_tra(yaml_path, &yaml, van_ban.kind));
    Ok(KetQua { yaml, van_ban, van_de })
}

/// What the written data breaks, as `check` would say it: an import's
/// data should build as it is, and says so when it cannot.
fn kiem_tra(yaml_path: &Path, yaml: &str, kind: crate::kind::Kind) -> Vec<Diagnostic> {
    let folder = crate::folder::OnDisk::of_file(yaml_path);
    let input = crate::kind::Input { kind, path: yaml_path, text: yaml, folder: &folder };
    match (kind.code.pass)(&input, None) {
        Ok(pass) => pass.rules,
        Err(Error::Input(es)) => es,
        Err(e) => vec![Diagnostic::new(yaml_path, "", e.human())],
    }
}

/// The data file beside the source: `ke-hoach.docx` → `ke-hoach.yaml`.
pub fn default_output(path: &Path) -> std::path::PathBuf {
    path.with_extension("yaml")
}

/// `vanban nhap FILE [-o OUT]`: writes the data, prints the report.
pub fn command(path: &Path, out: Option<&Path>, ghi_de: bool) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("không đọc được tệp", path, e))?;
    let out = out.map(Path::to_owned).unwrap_or_else(|| default_output(path));
    if out.exists() && !ghi_de {
        return Err(loi(&out, "tệp đã có; không ghi đè (chọn tên khác bằng -o, hoặc thêm --ghi-de)"));
    }
    let ket_qua = nhap(path, &bytes, &out)?;
    crate::render::write_atomic(&out, ket_qua.yaml.as_bytes())?;
    eprint!("{}", bao_cao(path, &out, &ket_qua));
    if ket_qua.van_de.iter().any(Diagnostic::is_error) {
        return Err(Error::Input(Vec::new()));
    }
    Ok(())
}

/// The report a clerk reads: each part found or not, where; what was corrected; what still needs fixing.
pub fn bao_cao(path: &Path, out: &Path, k: &KetQua) -> String {
    use std::fmt::Write as _;
    let v = &k.van_ban;
    let mut s = String::new();
    let _ =
        writeln!(s, "Đã nhập {} → {} ({}, loai: {})", path.display(), out.display(), v.kind.ten, v.kind.loai);
    let _ = writeln!(s, "Đã nhận ra:");
    for p in v.phan.iter().filter(|p| p.tim_thay) {
        let noi = p.noi.map(|n| format!(" ({n})")).unwrap_or_default();
        let gia_tri = if p.gia_tri.is_empty() { String::new() } else { format!(": {}", p.gia_tri) };
        let _ = writeln!(s, "  ✓ {}{noi}{gia_tri}", p.ten);
    }
    let missing: Vec<_> = v.phan.iter().filter(|p| !p.tim_thay).collect();
    if !missing.is_empty() {
        let _ = writeln!(s, "Không nhận ra (giữ nguyên thành đoạn văn có chú thích, hoặc cần bổ sung):");
        let dong = |s: &mut String, p: &nhan_dang::Phan| {
            let noi = p.noi.map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(s, "  ✗ {}{noi}: {}", p.ten, p.gia_tri);
        };
        // A long run of pieces not placed (an attached document vanban does
        // not make): its first lines, then how many more, to its last.
        let mut i = 0;
        while i < missing.len() {
            let j = (i..missing.len()).find(|&j| missing[j].ten != "không xếp được").unwrap_or(missing.len());
            if j - i > 6 {
                for p in &missing[i..i + 3] {
                    dong(&mut s, p);
                }
                let cuoi = missing[j - 1];
                let noi = cuoi.noi.map(|n| format!(", đến {n}")).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  ✗ không xếp được: {} đoạn nữa{noi} ('{}'), mỗi đoạn có chú thích trong tệp YAML",
                    j - i - 3,
                    cuoi.gia_tri.chars().take(60).collect::<String>()
                );
                i = j;
            } else {
                dong(&mut s, missing[i]);
                i += 1;
            }
        }
    }
    let (sua, loi): (Vec<_>, Vec<_>) = k.van_de.iter().partition(|d| !d.is_error());
    if !sua.is_empty() {
        let _ = writeln!(s, "Đã sửa theo Nghị định 30:");
        for d in sua {
            let _ = writeln!(s, "  {d}");
        }
    }
    if !loi.is_empty() {
        let _ = writeln!(s, "Cần sửa trước khi dựng:");
        for d in loi {
            let _ = writeln!(s, "  {d}");
        }
    }
    s
}
