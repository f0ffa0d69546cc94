//! A PDF's text layer: each character with where it stands on its page,
//! grouped into lines by their baseline, lines split where two things are
//! set side by side (the header's agency | quốc hiệu, "Số" | date, the
//! footer's Nơi nhận | signer), then joined into paragraphs by
//! [`nguon::ghep`]. Ruled tables (a grid of strokes) become tables.
//!
//! `pdf-extract` reads the file (with its own `lopdf`, not the one vanban
//! writes with); it may panic on odd files, so it runs behind a guard that
//! turns a panic into an error for the clerk.

use std::cell::Cell;
use std::path::Path;
use std::sync::Once;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::nguon::{self, BangNguon, Cot, Dong, Khoi, Kieu, Noi};
use crate::error::Result;

/// The most pages read: a document of a few hundred pages.
pub const MAX_TRANG: usize = 500;
/// The most characters read over all pages.
pub const MAX_KY_TU: usize = 3_000_000;

/// The pieces of a PDF, in reading order, a page break between pages.
pub fn doc(path: &Path, bytes: &[u8]) -> Result<Vec<Khoi>> {
    let trang = match khong_hoang(|| doc_trang(bytes)) {
        Some(Ok(trang)) => trang,
        Some(Err(loi)) => return Err(super::loi(path, loi)),
        None => return Err(super::loi(path, "không đọc được tệp PDF: tệp hỏng hoặc có cấu trúc lạ")),
    };
    if trang.iter().all(|t| t.ky_tu.iter().all(|k| k.chu.trim().is_empty())) {
        return Err(super::loi(path, "tệp PDF không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR) trước"));
    }
    // A scan that carries only a stamp's line ("SAO Y; SỞ NỘI VỤ; …"):
    // fewer letters than any document's header has.
    let chu: usize = trang
        .iter()
        .flat_map(|t| &t.ky_tu)
        .filter(|k| !k.chu_thich)
        .map(|k| k.chu.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if chu < 100 {
        return Err(super::loi(
            path,
            format!(
                "tệp PDF gần như không có lớp chữ ({chu} chữ, có lẽ chỉ là dấu hoặc chữ ký số trên bản quét): cần nhận dạng chữ (OCR) trước"
            ),
        ));
    }
    Ok(sap_xep(&trang))
}

/// A page's content before paragraphs are joined.
enum Muc {
    /// A line or a column's segment of one; `rieng`: a piece of its own
    /// (a line centred in its column: an agency's line, the signer's).
    Dong {
        dong: Dong,
        rieng: bool,
    },
    Bang(BangNguon),
}

/// A table found on a page: its frame's top, left and right, its cells.
type BangTrang = (f64, (f64, f64), BangNguon);
/// A page's lines, and its tables.
type TrangDong = (Vec<DongTrang>, Vec<BangTrang>);

/// The document's pieces from its pages.
fn sap_xep(trang: &[Trang]) -> Vec<Khoi> {
    let mut trang_dong: Vec<TrangDong> = trang
        .iter()
        .map(|t| {
            let (bang, con_lai) = bang::tim(t);
            (dong_cua(&con_lai), bang)
        })
        .collect();
    // The running page number, first or last line of its page.
    let le = le_tai_lieu(trang, &trang_dong);
    for ((dong, _), (t, le)) in trang_dong.iter_mut().zip(trang.iter().zip(&le)) {
        if dong.first().is_some_and(|d| la_so_trang(d, t.rong, *le)) {
            dong.remove(0);
        }
        if dong.len() > 1 && dong.last().is_some_and(|d| la_so_trang(d, t.rong, *le)) {
            dong.pop();
        }
    }
    let buoc = buoc_dong(&trang_dong);
    let mut muc = Vec::new();
    for ((t, (dong, bang)), le) in trang.iter().zip(trang_dong).zip(le) {
        muc.extend(muc_trang(t.so, dong, bang, le, buoc));
    }
    ghep_muc(muc)
}

/// The usual distance between baselines: the median over the document.
fn buoc_dong(trang: &[TrangDong]) -> f64 {
    let mut buoc: Vec<f64> = trang
        .iter()
        .flat_map(|(d, _)| d.windows(2).map(|w| w[1].y - w[0].y).filter(move |&b| b > 0.0))
        .collect();
    buoc.sort_by(f64::total_cmp);
    buoc.get(buoc.len() / 2).copied().unwrap_or(16.0)
}

/// A page's lines and tables, in reading order: a two-column run's left
/// column before its right, block by block.
fn muc_trang(so: u32, dong: Vec<DongTrang>, bang: Vec<BangTrang>, le: Le, buoc: f64) -> Vec<Muc> {
    // Lines of an annotation's text alone (a stamp set over the page's
    // lines) after the page's own, so that a paragraph they cross stays
    // one.
    let (mut dong, rieng): (Vec<DongTrang>, Vec<DongTrang>) = dong.into_iter().partition(|d| !d.chu_thich);
    let cuoi = dong.last().map_or(0.0, |d| d.y);
    dong.extend(
        rieng.into_iter().enumerate().map(|(k, d)| DongTrang { y: cuoi + (k as f64 + 2.0) * buoc, ..d }),
    );
    let cot = cot_cua(&dong, le);
    // (y, order within the run, Muc)
    let mut ra: Vec<(f64, Muc)> = Vec::new();
    let mut i = 0;
    while i < dong.len() {
        let cach = |i: usize| {
            i > 0 && (dong[i].y - dong[i - 1].y > 1.5 * buoc || dong[i].chu_thich || dong[i - 1].chu_thich)
        };
        if cot[i] == Cot::Mot {
            let d = &dong[i];
            let chu = nguon::chuan_hoa(
                &d.manh.iter().map(|m| m.chu.as_str()).collect::<Vec<_>>().join("\t"),
                false,
            );
            // Centred: starting further in than a first-line indent, or
            // anywhere inside with its two gaps equal, unless the left one
            // is the decree's indent (1 cm or 1.27 cm).
            let (trai, phai) = (d.x0() - le.trai, le.phai - d.x1());
            let thut_nd30 = [28.35, 36.0].iter().any(|t| (trai - t).abs() < 0.25 * d.co);
            let giua = trai > 0.5 * d.co
                && phai > 0.5 * d.co
                && ((trai > 3.0 * d.co && (d.giua() - le.giua()).abs() < (2.0 * d.co).max(0.03 * le.rong()))
                    || ((trai - phai).abs() < 0.25 * d.co && !thut_nd30));
            let thut = !giua && d.x0() - le.trai >= 0.5 * d.co;
            let dong_ra = Dong {
                chu,
                noi: Noi::trang_dong(so, i as u32 + 1),
                kieu: Kieu { giua, thut, ..Kieu::default() },
                cot: Cot::Mot,
                do_day: do_day(d.x1(), le),
                cach_truoc: cach(i),
            };
            ra.push((d.y, Muc::Dong { dong: dong_ra, rieng: false }));
            i += 1;
            continue;
        }
        // A two-column run: block by block (a gap starts a block), the
        // left column's lines, then the right one's.
        let mut j = i;
        while j < dong.len() && cot[j] != Cot::Mot {
            j += 1;
        }
        let mut khoi_dau = i;
        for k in i..=j {
            if k == j || (k > khoi_dau && cach(k)) {
                for ben in [Cot::Trai, Cot::Phai] {
                    for (n, d) in dong.iter().enumerate().take(k).skip(khoi_dau) {
                        let manh = match (cot[n], ben, d.manh.len()) {
                            (Cot::Mot, ..) => None,
                            (_, Cot::Trai, 2) => Some(&d.manh[0]),
                            (_, Cot::Phai, 2) => Some(&d.manh[1]),
                            (c, b, _) if c == b => d.manh.first(),
                            _ => None,
                        };
                        let Some(m) = manh else { continue };
                        let chu = nguon::chuan_hoa(&m.chu, false);
                        let rieng = ben == Cot::Phai || m.x0 > le.trai + d.co;
                        let dong_ra = Dong {
                            chu,
                            noi: Noi::trang_dong(so, n as u32 + 1),
                            kieu: Kieu::default(),
                            cot: ben,
                            do_day: do_day(m.x1, le),
                            cach_truoc: n == khoi_dau && cach(n),
                        };
                        ra.push((dong[khoi_dau].y, Muc::Dong { dong: dong_ra, rieng }));
                    }
                }
                khoi_dau = k;
            }
        }
        i = j;
    }
    for (y, _, mut b) in bang {
        let vi_tri = ra.iter().position(|(y2, _)| *y2 > y).unwrap_or(ra.len());
        b.noi = Noi::trang_dong(so, dong.iter().filter(|d| d.y < y).count() as u32 + 1);
        ra.insert(vi_tri, (y, Muc::Bang(b)));
    }
    ra.into_iter().map(|(_, m)| m).collect()
}

fn do_day(x1: f64, le: Le) -> f32 {
    (((x1 - le.trai) / le.rong()).clamp(0.0, 1.0)) as f32
}

/// Which lines of a page are in a two-column run: a line split in two
/// starts one; a line alone that stays inside one column goes on with it
/// (the signer's name under "GIÁM ĐỐC" while the left column ran out,
/// the Nơi nhận list's items under its label). `Mot` elsewhere; a split
/// line in a run is marked `Trai`.
fn cot_cua(dong: &[DongTrang], le: Le) -> Vec<Cot> {
    let mut cot = vec![Cot::Mot; dong.len()];
    let mut i = 0;
    while i < dong.len() {
        if dong[i].manh.len() != 2 {
            i += 1;
            continue;
        }
        let mut trai_x1 = f64::MIN;
        let mut phai_x0 = f64::MAX;
        let (mut tam_trai, mut tam_phai, mut n) = (0.0, 0.0, 0.0);
        let mut j = i;
        while j < dong.len() {
            let d = &dong[j];
            if d.manh.len() == 2 {
                trai_x1 = trai_x1.max(d.manh[0].x1);
                phai_x0 = phai_x0.min(d.manh[1].x0);
                tam_trai += (d.manh[0].x0 + d.manh[0].x1) / 2.0;
                tam_phai += (d.manh[1].x0 + d.manh[1].x1) / 2.0;
                n += 1.0;
                cot[j] = Cot::Trai;
            } else if d.manh.len() == 1 {
                let (tt, tp) = (tam_trai / n, tam_phai / n);
                let gan = |tam: f64| (d.giua() - tam).abs() < (d.giua() - le.giua()).abs();
                if d.x0() >= trai_x1 - 0.5 * d.co && gan(tp) {
                    cot[j] = Cot::Phai;
                } else if d.x1() <= phai_x0 + 0.5 * d.co && (d.x0() - le.trai < d.co || gan(tt)) {
                    cot[j] = Cot::Trai;
                } else {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
    cot
}

/// Lines joined into paragraphs by [`nguon::ghep`], a piece of its own
/// kept alone; a centred line does not run on into a line that is not
/// centred, nor a title in capitals into the line under it that is not.
/// A page break before the first piece that starts on the next page.
fn ghep_muc(muc: Vec<Muc>) -> Vec<Khoi> {
    let mut ra = Vec::new();
    let mut cho: Vec<Dong> = Vec::new();
    // The last line was set alone: what follows starts a piece.
    let mut sau_rieng = false;
    let hoa = |d: &Dong| d.chu.chars().any(char::is_alphabetic) && !d.chu.chars().any(char::is_lowercase);
    for m in muc {
        match m {
            Muc::Bang(b) => {
                sau_rieng = false;
                ra.extend(nguon::ghep(std::mem::take(&mut cho)));
                ra.push(Khoi::Bang(b));
            }
            Muc::Dong { dong, rieng } => {
                // A line starting in lower case goes on with its column's
                // line above, even one set alone.
                // So does one after a bracket left open, centred or not
                // ("(Kèm theo … của Sở Dân tộc và" / "Tôn giáo)").
                let mo = |t: &Dong| t.chu.matches('(').count() > t.chu.matches(')').count();
                let tiep = cho.last().is_some_and(|t| {
                    t.cot == dong.cot
                        && !dong.cach_truoc
                        && (dong.chu.chars().next().is_some_and(char::is_lowercase) || mo(t))
                });
                let tach = !tiep
                    && (rieng
                        || sau_rieng
                        || cho.last().is_some_and(|t| {
                            t.cot != dong.cot
                                || t.kieu.giua != dong.kieu.giua
                                || (dong.kieu.giua && hoa(t) != hoa(&dong))
                                || t.noi.trang != dong.noi.trang && (t.kieu.giua || dong.kieu.giua)
                        }));
                if tach {
                    ra.extend(nguon::ghep(std::mem::take(&mut cho)));
                }
                sau_rieng = rieng || (tiep && sau_rieng);
                cho.push(dong);
            }
        }
    }
    ra.extend(nguon::ghep(cho));
    // The page breaks.
    let mut co_ngat = Vec::with_capacity(ra.len() + 8);
    let mut trang = None;
    for k in ra {
        let noi = match &k {
            Khoi::Doan(d) => d.noi.trang,
            Khoi::Bang(b) => b.noi.trang,
            Khoi::NgatTrang => None,
        };
        if let (Some(truoc), Some(nay)) = (trang, noi) {
            for _ in truoc..nay {
                co_ngat.push(Khoi::NgatTrang);
            }
        }
        if noi.is_some() {
            trang = noi;
        }
        co_ngat.push(k);
    }
    co_ngat
}

// ---------------------------------------------------------------------------
// Reading: pdf-extract's characters and strokes, page by page.

/// One character as the page sets it, in points from the page's top left.
#[derive(Debug, Clone)]
struct KyTu {
    chu: String,
    /// From an annotation's appearance, not the page's own text.
    chu_thich: bool,
    x0: f64,
    x1: f64,
    /// The baseline, from the top.
    y: f64,
    co: f64,
}

/// A straight rule (a stroked line or a thin filled rectangle), in points
/// from the page's top left.
#[derive(Debug, Clone, Copy)]
struct Ke {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

#[derive(Debug, Default)]
struct Trang {
    so: u32,
    rong: f64,
    ky_tu: Vec<KyTu>,
    ke: Vec<Ke>,
}

#[derive(Default)]
struct Thu {
    trang: Vec<Trang>,
    /// The page's height and left edge: PDF space (y up) to the page's
    /// top-left origin.
    lat: (f64, f64),
    tong: usize,
    qua_nhieu: bool,
}

impl Thu {
    fn hien(&mut self) -> Option<&mut Trang> {
        self.trang.last_mut()
    }

    fn diem(&self, x: f64, y: f64) -> (f64, f64) {
        (x - self.lat.1, self.lat.0 - y)
    }

    /// The rules a path draws, through `ctm` and the page's flip.
    fn them_duong(&mut self, ctm: &Transform, path: &pdf_extract::Path, to: bool) {
        let mut ke = Vec::new();
        let mut dau: Option<(f64, f64)> = None;
        let mut truoc: Option<(f64, f64)> = None;
        let p = |x: f64, y: f64| {
            let (qx, qy) = bien_doi(ctm, x, y);
            self.diem(qx, qy)
        };
        for op in &path.ops {
            match *op {
                pdf_extract::PathOp::MoveTo(x, y) => {
                    truoc = Some(p(x, y));
                    dau = truoc;
                }
                pdf_extract::PathOp::LineTo(x, y) => {
                    let b = p(x, y);
                    if let Some(a) = truoc {
                        ke.push(Ke { x0: a.0, y0: a.1, x1: b.0, y1: b.1 });
                    }
                    truoc = Some(b);
                }
                pdf_extract::PathOp::CurveTo(.., x, y) => truoc = Some(p(x, y)),
                pdf_extract::PathOp::Close => {
                    if let (Some(a), Some(b)) = (truoc, dau) {
                        ke.push(Ke { x0: a.0, y0: a.1, x1: b.0, y1: b.1 });
                    }
                    truoc = dau;
                }
                pdf_extract::PathOp::Rect(x, y, w, h) => {
                    let a = p(x, y);
                    let b = p(x + w, y + h);
                    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
                    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                    if to {
                        // A filled thin rectangle is a rule; a larger one
                        // is shading, not a rule.
                        if y1 - y0 <= 2.0 {
                            ke.push(Ke { x0, y0: (y0 + y1) / 2.0, x1, y1: (y0 + y1) / 2.0 });
                        } else if x1 - x0 <= 2.0 {
                            ke.push(Ke { x0: (x0 + x1) / 2.0, y0, x1: (x0 + x1) / 2.0, y1 });
                        }
                    } else {
                        ke.push(Ke { x0, y0, x1, y1: y0 });
                        ke.push(Ke { x0, y0: y1, x1, y1 });
                        ke.push(Ke { x0, y0, x1: x0, y1 });
                        ke.push(Ke { x0: x1, y0, x1, y1 });
                    }
                }
            }
        }
        if let Some(t) = self.hien() {
            // Only horizontal and vertical rules make a grid.
            t.ke.extend(
                ke.into_iter().filter(|k| (k.y0 - k.y1).abs() < 0.5 || (k.x0 - k.x1).abs() < 0.5).map(|k| {
                    Ke { x0: k.x0.min(k.x1), y0: k.y0.min(k.y1), x1: k.x0.max(k.x1), y1: k.y0.max(k.y1) }
                }),
            );
            if t.ke.len() > 20_000 {
                t.ke.truncate(20_000);
            }
        }
    }
}

/// A point through a matrix (row vector times matrix, as PDF writes it).
fn bien_doi(m: &Transform, x: f64, y: f64) -> (f64, f64) {
    (x * m.m11 + y * m.m21 + m.m31, x * m.m12 + y * m.m22 + m.m32)
}

fn qua_nhieu() -> OutputError {
    OutputError::FormatError(std::fmt::Error)
}

impl OutputDev for Thu {
    fn begin_page(
        &mut self,
        so: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.lat = (media_box.ury, media_box.llx);
        self.trang.push(Trang { so, rong: (media_box.urx - media_box.llx).abs(), ..Trang::default() });
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        chu: &str,
    ) -> std::result::Result<(), OutputError> {
        // Upright text only: a rotated stamp or watermark is not the text.
        if trm.m12.abs() > 1e-3 * trm.m11.abs().max(1e-9) || trm.m11 <= 0.0 || trm.m22 <= 0.0 {
            return Ok(());
        }
        self.tong += 1;
        if self.tong > MAX_KY_TU {
            self.qua_nhieu = true;
            return Err(qua_nhieu());
        }
        let co = (font_size * trm.m11 * font_size * trm.m22).abs().sqrt();
        let (x, y) = self.diem(trm.m31, trm.m32);
        if !x.is_finite() || !y.is_finite() || !co.is_finite() || co <= 0.0 {
            return Ok(());
        }
        let rong = (width * co).max(0.0);
        if let Some(t) = self.hien() {
            t.ky_tu.push(KyTu { chu: chu.to_owned(), chu_thich: false, x0: x, x1: x + rong, y, co });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &pdf_extract::ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> std::result::Result<(), OutputError> {
        self.them_duong(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _: &pdf_extract::ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> std::result::Result<(), OutputError> {
        self.them_duong(ctm, path, true);
        Ok(())
    }
}

const HONG: &str = "không đọc được tệp PDF: tệp hỏng hoặc không đầy đủ (chép hoặc tải lại tệp gốc)";

/// The file's pages with their characters, or the clerk's message.
fn doc_trang(bytes: &[u8]) -> std::result::Result<Vec<Trang>, String> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|b| b.windows(4).any(|w| w == b"%PDF")) {
        return Err("không đọc được tệp PDF: tệp không phải PDF (không có dấu %PDF ở đầu)".into());
    }
    // A file updated in place (an e-signing system adds the number, the
    // day and their annotations as an incremental update, the page object
    // again inside an object stream): pdf-extract's reader keeps the first
    // version of an object, so the file is written out flat first, each
    // object as its last update has it, by the PDF library vanban writes
    // with. A file it cannot do so with is read as it is.
    let phang = (bytes.windows(5).filter(|w| *w == b"%%EOF").count() > 1)
        .then(|| khong_hoang(|| lam_phang(bytes)).flatten())
        .flatten();
    let bytes = phang.as_deref().unwrap_or(bytes);
    let mut tai_lieu = pdf_extract::Document::load_mem(bytes).map_err(|_| HONG.to_owned())?;
    if tai_lieu.is_encrypted() && tai_lieu.decrypt("").is_err() {
        return Err(
            "tệp PDF có mật khẩu: mở bằng trình đọc PDF, lưu thành bản không mật khẩu rồi nhập lại".into()
        );
    }
    sua_do_rong(&mut tai_lieu);
    sua_lenh_to(&mut tai_lieu);
    let so_trang = tai_lieu.get_pages().len();
    if so_trang == 0 {
        return Err("không đọc được tệp PDF: tệp không có trang nào".into());
    }
    if so_trang > MAX_TRANG {
        return Err(format!("tệp PDF có {so_trang} trang, nhiều hơn {MAX_TRANG}: không nhập"));
    }
    let mut thu = Thu::default();
    if let Err(e) = pdf_extract::output_doc(&tai_lieu, &mut thu) {
        if thu.qua_nhieu {
            return Err(format!("tệp PDF có hơn {MAX_KY_TU} ký tự: không nhập"));
        }
        return Err(match e {
            OutputError::PdfError(_) => HONG.to_owned(),
            _ => "không đọc được tệp PDF: nội dung các trang có lỗi".to_owned(),
        });
    }
    // The annotations' text, read apart: a file whose annotations cannot be
    // read is read as before, without them.
    if let Some(ban) = khong_hoang(|| chu_chu_thich(&tai_lieu)).flatten() {
        let mut them = Thu { tong: thu.tong, ..Thu::default() };
        if khong_hoang(|| pdf_extract::output_doc(&ban, &mut them)).is_some_and(|r| r.is_ok()) {
            for (t, a) in thu.trang.iter_mut().zip(them.trang) {
                for k in mot_chuoi(a.ky_tu) {
                    // Set over the page's own text (a stamp over a line):
                    // a line of its own, just under it, not letters mixed in.
                    let chung: f64 = t
                        .ky_tu
                        .iter()
                        .filter(|c| !c.chu.trim().is_empty() && (c.y - k.y).abs() < 0.5 * k.co.max(c.co))
                        .map(|c| (c.x1.min(k.x1) - c.x0.max(k.x0)).max(0.0))
                        .sum();
                    let de = chung > 0.3 * (k.x1 - k.x0);
                    let y = if de { k.y + 0.6 * k.co } else { k.y };
                    t.ky_tu.push(KyTu { chu_thich: true, y, ..k });
                }
            }
        }
    }
    Ok(thu.trang)
}

/// The file as one revision: every object as its latest update left it.
fn lam_phang(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut doc = lopdf::Document::load_mem(bytes).ok()?;
    if doc.is_encrypted() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// The painting operators pdf-extract 0.12 passes over, rewritten as ones
/// it reports: Word draws a table's borders as thin rectangles filled with
/// the even-odd rule (`re f*`), which it ignores (and keeps the path for
/// the next paint), so a Word table's grid never reached us. `f*` becomes
/// `f`; fill-and-stroke (`B`, `B*`, `b`, `b*`) its fill (a thin rectangle
/// is a rule either way); close-and-stroke `s` becomes `h S`. Streams
/// without any of them are left alone (most files, and every page vanban
/// writes).
fn sua_lenh_to(tai_lieu: &mut pdf_extract::Document) {
    use pdf_extract::content::{Content, Operation};
    const LENH: [&[u8]; 6] = [b"f*", b"B", b"B*", b"b", b"b*", b"s"];
    let luong: Vec<pdf_extract::ObjectId> =
        tai_lieu.get_pages().values().flat_map(|&trang| tai_lieu.get_page_contents(trang)).collect();
    for id in luong {
        let Some(du_lieu) = tai_lieu
            .get_object(id)
            .and_then(pdf_extract::Object::as_stream)
            .ok()
            .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
        else {
            continue;
        };
        let co = du_lieu
            .split(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0))
            .any(|t| LENH.contains(&t));
        if !co {
            continue;
        }
        let Ok(mut noi_dung) = Content::decode(&du_lieu) else { continue };
        let mut moi = Vec::with_capacity(noi_dung.operations.len() + 8);
        for op in noi_dung.operations.drain(..) {
            match op.operator.as_str() {
                "f*" | "B" | "B*" => moi.push(Operation::new("f", op.operands)),
                "b" | "b*" => {
                    moi.push(Operation::new("h", Vec::new()));
                    moi.push(Operation::new("f", op.operands));
                }
                "s" => {
                    moi.push(Operation::new("h", Vec::new()));
                    moi.push(Operation::new("S", op.operands));
                }
                _ => moi.push(op),
            }
        }
        if let Ok(ma) = (Content { operations: moi }).encode() {
            tai_lieu.change_content_stream(id, ma);
        }
    }
}

/// The widths of a composite font's glyphs written as ranges (`/W [1 3
/// 500]`, "glyphs 1 to 3 are 500 wide", as Typst and others write them)
/// rewritten as lists (`/W [1 [500 500 500]]`): pdf-extract 0.12 reads
/// ranges wrongly (no width at all), which would set every character of a
/// string at the same place.
fn sua_do_rong(tai_lieu: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let so = |o: &Object| match *o {
        Object::Integer(n) => Some(n as f64),
        Object::Real(r) => Some(f64::from(r)),
        _ => None,
    };
    let phong: Vec<_> = tai_lieu
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let loai = d.get(b"Subtype").and_then(Object::as_name).ok()?;
            (loai == b"CIDFontType2" || loai == b"CIDFontType0").then_some(*id)
        })
        .collect();
    for id in phong {
        let Some(w) = tai_lieu
            .get_object(id)
            .ok()
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"W").ok())
            .and_then(|w| tai_lieu.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
        else {
            continue;
        };
        let mut moi = Vec::with_capacity(w.len());
        let mut i = 0;
        let mut tong = 0usize;
        while i < w.len() {
            match (w.get(i).and_then(so), w.get(i + 1)) {
                (Some(dau), Some(Object::Array(ds))) => {
                    let ds = ds
                        .iter()
                        .map(|d| tai_lieu.dereference(d).map_or(d.clone(), |(_, d)| d.clone()))
                        .collect();
                    moi.push(Object::Integer(dau as i64));
                    moi.push(Object::Array(ds));
                    i += 2;
                }
                (Some(dau), Some(cuoi)) => {
                    let (Some(cuoi), Some(rong)) = (so(cuoi), w.get(i + 2).and_then(so)) else { break };
                    let n = (cuoi - dau + 1.0).max(0.0) as usize;
                    tong += n;
                    if tong > 200_000 {
                        break;
                    }
                    moi.push(Object::Integer(dau as i64));
                    moi.push(Object::Array(vec![Object::Real(rong as f32); n]));
                    i += 3;
                }
                _ => break,
            }
        }
        if let Ok(Object::Dictionary(d)) = tai_lieu.get_object_mut(id) {
            d.set("W", Object::Array(moi));
        }
    }
}

/// The text the annotations of each page show (a form field, a stamp, a
/// text box: /Widget, /Stamp, /FreeText; hidden ones not): e-signing
/// systems stamp the number and the day there once the document is signed,
/// not in the page's own text. A copy of the document whose pages hold
/// only that text, each appearance put in place on its page with the forms
/// it draws flattened into it (the reader lays a form out from the origin,
/// whatever draws it), and only text operations kept; `None` when no page
/// has one.
fn chu_chu_thich(tai_lieu: &pdf_extract::Document) -> Option<pdf_extract::Document> {
    use pdf_extract::{Dictionary, Object, ObjectId, Stream};
    // Each page's flattened text, first: the copy is made only when a page
    // shows one (most files have none).
    let mut trang = Vec::new();
    for (_, id) in tai_lieu.get_pages() {
        let mut ops = Vec::new();
        let mut font = Dictionary::new();
        let annots = tai_lieu
            .get_dictionary(id)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .and_then(|o| tai_lieu.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok().cloned())
            .unwrap_or_default();
        for (k, a) in annots.iter().take(200).enumerate() {
            let Ok((_, Object::Dictionary(d))) = tai_lieu.dereference(a) else { continue };
            let loai = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            let an = so_pdf(d.get(b"F").ok()).unwrap_or(0.0) as i64 & (2 | 32) != 0;
            if !matches!(loai, b"Widget" | b"Stamp" | b"FreeText") || an {
                continue;
            }
            let Some(Object::Stream(s)) = d
                .get(b"AP")
                .ok()
                .and_then(|o| tai_lieu.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .and_then(|ap| ap.get(b"N").ok())
                .and_then(|o| tai_lieu.dereference(o).ok())
                .map(|(_, o)| o)
            else {
                continue;
            };
            let (Some(r), Some(b)) =
                (so_day(tai_lieu, d.get(b"Rect").ok(), 4), so_day(tai_lieu, s.dict.get(b"BBox").ok(), 4))
            else {
                continue;
            };
            let m = ma_tran(tai_lieu, &s.dict);
            // The box through the form's matrix, fitted to the rectangle
            // (PDF 32000-1, 12.5.5).
            let goc = [(b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])]
                .map(|(x, y)| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]));
            let (bx0, bx1) = goc.iter().fold((f64::MAX, f64::MIN), |(a, z), p| (a.min(p.0), z.max(p.0)));
            let (by0, by1) = goc.iter().fold((f64::MAX, f64::MIN), |(a, z), p| (a.min(p.1), z.max(p.1)));
            let (rx0, rx1, ry0, ry1) = (r[0].min(r[2]), r[0].max(r[2]), r[1].min(r[3]), r[1].max(r[3]));
            if bx1 - bx0 < 0.01 || by1 - by0 < 0.01 {
                continue;
            }
            let (sx, sy) = ((rx1 - rx0) / (bx1 - bx0), (ry1 - ry0) / (by1 - by0));
            let (tx, ty) = (rx0 - bx0 * sx, ry0 - by0 * sy);
            let dat = [m[0] * sx, m[1] * sy, m[2] * sx, m[3] * sy, m[4] * sx + tx, m[5] * sy + ty];
            ops.push(pdf_extract::content::Operation::new("q", vec![]));
            ops.push(pdf_extract::content::Operation::new(
                "cm",
                dat.iter().map(|v| Object::Real(*v as f32)).collect(),
            ));
            phang_chu(tai_lieu, s, &format!("a{k}"), 0, &mut ops, &mut font);
            ops.push(pdf_extract::content::Operation::new("Q", vec![]));
        }
        trang.push((id, ops, font));
    }
    if trang.iter().all(|(_, ops, _)| ops.is_empty()) {
        return None;
    }
    let mut ban = tai_lieu.clone();
    for (id, ops, font) in trang {
        let chu = pdf_extract::content::Content { operations: ops }.encode().unwrap_or_default();
        let them: ObjectId = ban.add_object(Object::Stream(Stream::new(Dictionary::new(), chu)));
        let mut tai_nguyen = Dictionary::new();
        tai_nguyen.set("Font", Object::Dictionary(font));
        if let Ok(page) = ban.get_object_mut(id).and_then(Object::as_dict_mut) {
            page.set("Resources", Object::Dictionary(tai_nguyen));
            page.set("Contents", Object::Reference(them));
        }
    }
    Some(ban)
}

/// A form's /Matrix, the identity when it has none.
fn ma_tran(doc: &pdf_extract::Document, dict: &pdf_extract::Dictionary) -> Vec<f64> {
    so_day(doc, dict.get(b"Matrix").ok(), 6).unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0])
}

/// An annotation's characters, one run per line of it: their widths, from
/// fonts an appearance often carries without metrics, are not to be trusted
/// to tell a word's letters apart ("1 0 8" for "108").
fn mot_chuoi(ky_tu: Vec<KyTu>) -> Vec<KyTu> {
    let mut out: Vec<KyTu> = Vec::new();
    for k in ky_tu {
        match out.last_mut() {
            Some(l) if (l.y - k.y).abs() < 1.0 && k.x0 >= l.x0 && k.x0 - l.x1 < 2.0 * l.co.max(k.co) => {
                if k.x0 - l.x1 > 0.5 * l.co.max(k.co) && !l.chu.ends_with(' ') && !k.chu.starts_with(' ') {
                    l.chu.push(' ');
                }
                l.chu.push_str(&k.chu);
                l.x1 = l.x1.max(k.x1);
            }
            _ => out.push(k),
        }
    }
    out
}

/// A number of a PDF object.
fn so_pdf(o: Option<&pdf_extract::Object>) -> Option<f64> {
    match *o? {
        pdf_extract::Object::Integer(n) => Some(n as f64),
        pdf_extract::Object::Real(r) => Some(f64::from(r)),
        _ => None,
    }
}

/// An array of `n` numbers.
fn so_day(doc: &pdf_extract::Document, o: Option<&pdf_extract::Object>, n: usize) -> Option<Vec<f64>> {
    let a = doc.dereference(o?).ok()?.1.as_array().ok()?;
    let v: Vec<f64> = a.iter().filter_map(|x| so_pdf(doc.dereference(x).ok().map(|(_, x)| x))).collect();
    (v.len() == n).then_some(v)
}

/// A form's text operations into `ops`, the forms it draws flattened in
/// place (their matrix applied), its fonts renamed with `ten` into `font`.
fn phang_chu(
    doc: &pdf_extract::Document,
    form: &pdf_extract::Stream,
    ten: &str,
    sau: usize,
    ops: &mut Vec<pdf_extract::content::Operation>,
    font: &mut pdf_extract::Dictionary,
) {
    use pdf_extract::Object;
    use pdf_extract::content::{Content, Operation};
    if sau > 8 || ops.len() > 100_000 {
        return;
    }
    let tu_dien = |d: &pdf_extract::Dictionary, k: &[u8]| {
        d.get(k)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
            .unwrap_or_default()
    };
    let tai_nguyen = tu_dien(&form.dict, b"Resources");
    let (fonts, xobjects) = (tu_dien(&tai_nguyen, b"Font"), tu_dien(&tai_nguyen, b"XObject"));
    let Ok(content) = form.decompressed_content().or_else(|_| Ok::<_, ()>(form.content.clone())) else {
        return;
    };
    let Ok(content) = Content::decode(&content) else { return };
    for (k, op) in content.operations.into_iter().enumerate() {
        match op.operator.as_str() {
            "Tf" => {
                let Some(Ok(n)) = op.operands.first().map(Object::as_name) else { continue };
                let Ok(f) = fonts.get(n) else { continue };
                let moi = format!("{ten}{}", String::from_utf8_lossy(n));
                font.set(moi.clone().into_bytes(), f.clone());
                let mut operands = op.operands.clone();
                operands[0] = Object::Name(moi.into_bytes());
                ops.push(Operation::new("Tf", operands));
            }
            "Do" => {
                let Some(Ok(n)) = op.operands.first().map(Object::as_name) else { continue };
                let Some((_, Object::Stream(x))) = xobjects.get(n).ok().and_then(|o| doc.dereference(o).ok())
                else {
                    continue;
                };
                if x.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                    continue;
                }
                let m = ma_tran(doc, &x.dict);
                ops.push(Operation::new("q", vec![]));
                ops.push(Operation::new("cm", m.iter().map(|v| Object::Real(*v as f32)).collect()));
                phang_chu(doc, x, &format!("{ten}_{k}"), sau + 1, ops, font);
                ops.push(Operation::new("Q", vec![]));
            }
            "q" | "Q" | "cm" | "BT" | "ET" | "Td" | "TD" | "Tm" | "T*" | "Tj" | "TJ" | "'" | "\"" | "Tc"
            | "Tw" | "Tz" | "TL" | "Ts" => ops.push(op),
            _ => {}
        }
    }
}

thread_local! {
    static IM_LANG: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, a panic in it returned as `None` and not printed: the panic
/// hook stays as it was for every other thread and for any other time.
fn khong_hoang<T>(f: impl FnOnce() -> T) -> Option<T> {
    static CAI: Once = Once::new();
    CAI.call_once(|| {
        let truoc = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IM_LANG.with(Cell::get) {
                truoc(info);
            }
        }));
    });
    IM_LANG.with(|c| c.set(true));
    let ra = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    IM_LANG.with(|c| c.set(false));
    ra
}

// ---------------------------------------------------------------------------
// Layout: lines, their segments, columns, margins.

/// A run of characters on one line with no wide gap inside.
#[derive(Debug, Clone)]
struct Manh {
    chu: String,
    x0: f64,
    x1: f64,
}

/// A line of a page: its baseline, its characters' usual size, its
/// segments left to right.
#[derive(Debug, Clone)]
struct DongTrang {
    y: f64,
    co: f64,
    manh: Vec<Manh>,
    /// Made of an annotation's text only (a stamp moved off a line): a
    /// piece of its own, never joined to the lines around it.
    chu_thich: bool,
}

impl DongTrang {
    fn x0(&self) -> f64 {
        self.manh.first().map_or(0.0, |m| m.x0)
    }

    fn x1(&self) -> f64 {
        self.manh.last().map_or(0.0, |m| m.x1)
    }

    fn giua(&self) -> f64 {
        (self.x0() + self.x1()) / 2.0
    }

    fn so_ky_tu(&self) -> usize {
        self.manh.iter().map(|m| m.chu.chars().count()).sum()
    }
}

/// A page's characters as lines, top to bottom, each line's segments
/// split at a wide gap: one with no space glyph in it wider than about
/// 0.8 of the size (two cells of a layout table, a tab), or one wider
/// than three sizes beyond its spaces. Inside a segment a gap is a space,
/// or a tab where five spaces or more were typed to set two things apart;
/// a run of no-break spaces (the blank left for a number) is one space.
fn dong_cua(ky_tu: &[&KyTu]) -> Vec<DongTrang> {
    let chi_so = chi_so(ky_tu);
    let mut ky_tu: Vec<&KyTu> = chi_so.iter().collect();
    ky_tu.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut nhom: Vec<Vec<&KyTu>> = Vec::new();
    for k in ky_tu {
        match nhom.last_mut() {
            Some(dong) if (k.y - dong[0].y).abs() <= 0.3 * dong[0].co.max(k.co) => dong.push(k),
            _ => nhom.push(vec![k]),
        }
    }
    nhom.into_iter()
        .filter_map(|mut dong| {
            dong.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let chu: Vec<&KyTu> = dong.iter().copied().filter(|k| !k.chu.trim().is_empty()).collect();
            if chu.is_empty() {
                return None;
            }
            let mut co: Vec<f64> = chu.iter().map(|k| k.co).collect();
            co.sort_by(f64::total_cmp);
            let co = co[co.len() / 2];
            let mut manh: Vec<Manh> = Vec::new();
            // The whitespace glyphs since the last character: (spaces, no-break
            // spaces, their width).
            let mut trang = (0usize, 0usize, 0.0f64);
            for k in &dong {
                if k.chu.trim().is_empty() {
                    if k.chu.contains('\u{a0}') {
                        trang.1 += 1;
                    } else {
                        trang.0 += 1;
                    }
                    trang.2 += k.x1 - k.x0;
                    continue;
                }
                let (cach, nbsp, rong) = std::mem::take(&mut trang);
                let Some(m) = manh.last_mut() else {
                    manh.push(Manh { chu: k.chu.clone(), x0: k.x0, x1: k.x1 });
                    continue;
                };
                let khe = k.x0 - m.x1;
                let tach = if cach + nbsp == 0 { khe > 0.8 * co } else { khe - rong > 3.0 * co };
                if tach {
                    manh.push(Manh { chu: k.chu.clone(), x0: k.x0, x1: k.x1 });
                    continue;
                }
                if cach >= 5 || (cach > 0 && khe >= 5.0 * 0.25 * co) {
                    m.chu.push('\t');
                } else if cach + nbsp > 0 || khe > 0.15 * co {
                    m.chu.push(' ');
                }
                m.chu.push_str(&k.chu);
                m.x1 = m.x1.max(k.x1);
            }
            let y = chu.iter().map(|k| k.y).sum::<f64>() / chu.len() as f64;
            let chu_thich = chu.iter().all(|k| k.chu_thich);
            Some(DongTrang { y, co, manh, chu_thich })
        })
        .collect()
}

/// Footnote marks: a small digit raised beside a word ("xã¹") or before a
/// note's text at the page's foot, set on that word's baseline as a
/// superscript digit, so that it stays in its line and reads as a mark.
fn chi_so(ky_tu: &[&KyTu]) -> Vec<KyTu> {
    let mut out: Vec<KyTu> = ky_tu.iter().map(|k| (*k).clone()).collect();
    // The characters by baseline, so that each digit looks only at those
    // set just below it (a page may hold millions).
    let mut by_y: Vec<&KyTu> = ky_tu.to_vec();
    by_y.sort_by(|a, b| a.y.total_cmp(&b.y));
    let max_co = by_y.iter().map(|k| k.co).fold(0.0, f64::max);
    for k in out.iter_mut() {
        let Some(d) = k.chu.chars().next().filter(char::is_ascii_digit) else { continue };
        if k.chu.chars().count() != 1 || 1.2 * k.co > max_co {
            continue;
        }
        let from = by_y.partition_point(|o| o.y <= k.y);
        let to = by_y.partition_point(|o| o.y < k.y + 0.7 * max_co);
        // The character just before it, or the first just after it, larger
        // and lower on the page by less than its size.
        let ben = by_y[from..to.max(from)].iter().find(|o| {
            let raised = o.y - k.y > 0.15 * o.co && o.y - k.y < 0.7 * o.co;
            let next_to = (k.x0 - o.x1).abs() < 0.3 * o.co || (o.x0 >= k.x1 && o.x0 - k.x1 < 2.0 * o.co);
            raised && next_to && o.co >= 1.2 * k.co && !o.chu.trim().is_empty()
        });
        if let Some(o) = ben {
            k.y = o.y;
            k.co = o.co;
            k.chu = super::nguon::CHI_SO[d as usize - '0' as usize].to_string();
        }
    }
    out
}

/// Whether a line is a running page number: a number alone (or "- 2 -"),
/// the first or last line of its page, centred.
fn la_so_trang(dong: &DongTrang, rong: f64, le: Le) -> bool {
    let chu: String = dong.manh.iter().map(|m| m.chu.as_str()).collect::<Vec<_>>().join(" ");
    let chu = chu.trim().trim_matches(['-', '–', ' ']).trim();
    let la_so = !chu.is_empty() && chu.len() <= 4 && chu.chars().all(|c| c.is_ascii_digit());
    let giua =
        (dong.giua() - rong / 2.0).abs() < 0.1 * rong || (dong.giua() - le.giua()).abs() < 0.1 * le.rong();
    la_so && giua && dong.manh.len() == 1
}

/// The text area's left and right edges.
#[derive(Debug, Clone, Copy)]
struct Le {
    trai: f64,
    phai: f64,
}

impl Le {
    fn rong(&self) -> f64 {
        (self.phai - self.trai).max(1.0)
    }

    fn giua(&self) -> f64 {
        (self.trai + self.phai) / 2.0
    }
}

/// Each page's text area: where its justified lines start and end (the
/// outermost edge that two lines or more share, or a table's frame), taken over all pages of
/// the same width so that a short page gets the document's.
fn le_tai_lieu(trang: &[Trang], dong: &[TrangDong]) -> Vec<Le> {
    let le_nhom = |rong: f64| -> Le {
        let mut dau = Vec::new();
        let mut cuoi = Vec::new();
        for (t, (d, bang)) in trang.iter().zip(dong) {
            if (t.rong - rong).abs() > 5.0 {
                continue;
            }
            // A table's frame spans the text width: two edges' worth.
            for (_, (x0, x1), _) in bang {
                dau.extend([*x0, *x0]);
                cuoi.extend([*x1, *x1]);
            }
            for l in d.iter().filter(|l| l.so_ky_tu() >= 10) {
                dau.push(l.x0());
                cuoi.push(l.x1());
            }
        }
        dau.sort_by(f64::total_cmp);
        cuoi.sort_by(|a, b| b.total_cmp(a));
        let chung = |v: &[f64]| {
            v.windows(2).find(|w| (w[0] - w[1]).abs() <= 1.5).map(|w| w[0]).or(v.first().copied())
        };
        let trai = chung(&dau).unwrap_or(0.0);
        let phai = chung(&cuoi).unwrap_or(rong).max(trai + 1.0);
        Le { trai, phai }
    };
    trang.iter().map(|t| le_nhom(t.rong)).collect()
}

/// Ruled tables: a grid of horizontal and vertical rules, the characters
/// inside it put into its cells.
mod bang {
    use super::{Ke, KyTu, Trang, dong_cua};
    use crate::nhap::nguon::{self, BangNguon, Noi};

    const SAI: f64 = 2.0;

    /// The page's tables with the y of their top, and the characters not in
    /// any table.
    pub(super) fn tim(trang: &Trang) -> (Vec<super::BangTrang>, Vec<&KyTu>) {
        let ke: Vec<Ke> =
            trang.ke.iter().copied().filter(|k| (k.x1 - k.x0) > 5.0 || (k.y1 - k.y0) > 5.0).collect();
        // Thousands of rules are a drawing, not tables (and pairing them
        // would take long).
        if ke.len() > 3000 {
            return (Vec::new(), trang.ky_tu.iter().collect());
        }
        let ngang = |k: &Ke| (k.y1 - k.y0) < 0.5;
        // Rules that cross or touch, in groups.
        let mut cha: Vec<usize> = (0..ke.len()).collect();
        fn goc(cha: &mut [usize], mut i: usize) -> usize {
            while cha[i] != i {
                cha[i] = cha[cha[i]];
                i = cha[i];
            }
            i
        }
        for i in 0..ke.len() {
            for j in i + 1..ke.len() {
                let (a, b) = (&ke[i], &ke[j]);
                let cham =
                    a.x0 <= b.x1 + SAI && b.x0 <= a.x1 + SAI && a.y0 <= b.y1 + SAI && b.y0 <= a.y1 + SAI;
                if cham && ngang(a) != ngang(b) {
                    let (ga, gb) = (goc(&mut cha, i), goc(&mut cha, j));
                    cha[ga] = gb;
                }
            }
        }
        let mut nhom: std::collections::BTreeMap<usize, Vec<Ke>> = std::collections::BTreeMap::new();
        for (i, k) in ke.iter().enumerate() {
            let g = goc(&mut cha, i);
            nhom.entry(g).or_default().push(*k);
        }
        let mut bang = Vec::new();
        let mut khung: Vec<(f64, f64, f64, f64)> = Vec::new();
        for ke in nhom.values() {
            let ys = cum(ke.iter().filter(|k| ngang(k)).map(|k| k.y0));
            let xs = cum(ke.iter().filter(|k| !ngang(k)).map(|k| k.x0));
            // A frame drawn round a paragraph inside a cell is no column: its
            // sides stand a few points from the cell's, leaving slivers no
            // text fits in; of two such sides the shorter rules go.
            let dai: Vec<f64> = xs
                .iter()
                .map(|&x| {
                    ke.iter().filter(|k| !ngang(k) && (k.x0 - x).abs() <= SAI).map(|k| k.y1 - k.y0).sum()
                })
                .collect();
            let n = xs.len();
            let xs: Vec<f64> = (0..n)
                .filter(|&i| {
                    i == 0
                        || i + 1 == n
                        || !(0..n).any(|o| o != i && (xs[o] - xs[i]).abs() < 6.0 && dai[o] > dai[i])
                })
                .map(|i| xs[i])
                .collect();
            if ys.len() < 3 || xs.len() < 2 {
                continue;
            }
            let (x0, x1, y0, y1) = (xs[0], xs[xs.len() - 1], ys[0], ys[ys.len() - 1]);
            let trong: Vec<&KyTu> = trang
                .ky_tu
                .iter()
                .filter(|k| {
                    let (cx, cy) = ((k.x0 + k.x1) / 2.0, k.y - 0.3 * k.co);
                    cx > x0 && cx < x1 && cy > y0 && cy < y1
                })
                .collect();
            if trong.iter().all(|k| k.chu.trim().is_empty()) {
                continue;
            }
            let dong = o(ke, &xs, &ys, &trong);
            // A frame drawn round the text (a certificate's border) is no
            // table: a table has two rows at least with two cells written,
            // or rules between its columns and a header row written (a
            // page of a long table holding one row, its right cell empty).
            let viet = dong.iter().filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2).count();
            if viet < 2 && !(viet == 1 && xs.len() >= 3 && dong.len() >= 2) {
                continue;
            }
            khung.push((x0, x1, y0, y1));
            bang.push((
                y0,
                (x0, x1),
                BangNguon { noi: Noi::trang_dong(trang.so, 1), dong, so_dong_tieu_de: 1 },
            ));
        }
        let con_lai = trang
            .ky_tu
            .iter()
            .filter(|k| {
                let (cx, cy) = ((k.x0 + k.x1) / 2.0, k.y - 0.3 * k.co);
                !khung.iter().any(|&(x0, x1, y0, y1)| cx > x0 && cx < x1 && cy > y0 && cy < y1)
            })
            .collect();
        (bang, con_lai)
    }

    /// Positions within `SAI` of each other, as one, in order.
    fn cum(v: impl Iterator<Item = f64>) -> Vec<f64> {
        let mut v: Vec<f64> = v.collect();
        v.sort_by(f64::total_cmp);
        let mut ra: Vec<f64> = Vec::new();
        for x in v {
            if ra.last().is_none_or(|&l| x - l > SAI) {
                ra.push(x);
            }
        }
        ra
    }

    /// The cells' text, row by row: a cell whose rule on the left is
    /// missing is merged with the one before it (its text once, then empty
    /// cells), one whose rule above is missing with the one above (its
    /// text repeated).
    fn o(ke: &[Ke], xs: &[f64], ys: &[f64], ky_tu: &[&KyTu]) -> Vec<Vec<String>> {
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        let co_doc = |x: f64, y: f64| {
            ke.iter().any(|k| (k.x0 - x).abs() <= SAI && k.x1 - k.x0 < 0.5 && k.y0 <= y && k.y1 >= y)
        };
        let co_ngang = |y: f64, x: f64| {
            ke.iter().any(|k| (k.y0 - y).abs() <= SAI && k.y1 - k.y0 < 0.5 && k.x0 <= x && k.x1 >= x)
        };
        let mut id: Vec<usize> = (0..nr * nc).collect();
        for r in 0..nr {
            let ym = (ys[r] + ys[r + 1]) / 2.0;
            for c in 0..nc {
                let xm = (xs[c] + xs[c + 1]) / 2.0;
                if c > 0 && !co_doc(xs[c], ym) {
                    id[r * nc + c] = id[r * nc + c - 1];
                } else if r > 0 && !co_ngang(ys[r], xm) {
                    id[r * nc + c] = id[(r - 1) * nc + c];
                }
            }
        }
        let mut chu: Vec<Vec<&KyTu>> = vec![Vec::new(); nr * nc];
        for k in ky_tu {
            let (cx, cy) = ((k.x0 + k.x1) / 2.0, k.y - 0.3 * k.co);
            let c = xs.windows(2).position(|w| cx >= w[0] && cx < w[1]);
            let r = ys.windows(2).position(|w| cy >= w[0] && cy < w[1]);
            if let (Some(r), Some(c)) = (r, c) {
                chu[id[r * nc + c]].push(k);
            }
        }
        let van_ban: Vec<String> = chu
            .iter()
            .map(|k| {
                let dong = dong_cua(k);
                let chu = dong
                    .iter()
                    .map(|d| d.manh.iter().map(|m| m.chu.as_str()).collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join(" ");
                nguon::chuan_hoa(&chu.replace('\t', " "), false)
            })
            .collect();
        (0..nr)
            .map(|r| {
                (0..nc)
                    .map(|c| {
                        let i = id[r * nc + c];
                        let ben_trai = c > 0 && id[r * nc + c - 1] == i;
                        if ben_trai { String::new() } else { van_ban[i].clone() }
                    })
                    .collect()
            })
            .collect()
    }
}
