//! Quyết định (Mẫu 1.2): the preamble's punctuation, the articles numbered
//! (Điều through the document, khoản per Điều, điểm per khoản), Nơi nhận's
//! "- Như Điều N;", and the template context. Mẫu 1.3: the attached
//! document (`kem_theo`), its chapters and its "(Kèm theo Quyết định số …)"
//! line.

pub mod data;

use crate::compose;
use crate::model::common::VanBan;
use crate::rules::*;
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::compose::{
    Kieu, TEXT_WIDTH, TepRieng, err_at, header, lines_in, opening_problems, sentence_case, signer,
    trich_yeu_lines,
};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Kind, Made};
use crate::kinds::giay_chung_nhan::data::SapXep;
use crate::kinds::quyet_dinh::data::{DanhSachHocVien, Dieu, KemTheo, QuyetDinh};
use crate::model::common::{self, Lines, Ngay};
use crate::model::hoc_vien::{HocVien, NgaySinh};
use crate::model::so_lieu::{self, SoLieu};
use crate::model::than::Bang;
use crate::model::than::{self, Khoi};
use crate::rules::Rule;
use crate::template::Templates;
use crate::vi;

/// Text without the end punctuation a clerk may have typed.
fn bare(s: &str) -> &str {
    s.trim().trim_end_matches([';', '.', ',', ':']).trim_end()
}

/// Whether vanban writes "Căn cứ" before a ground: one named bare ("Luật
/// …", "Công văn số …"), not one written otherwise ("Sau khi xem xét …",
/// "Xét …", "Theo …") nor one that has it.
pub fn them_can_cu(c: &str) -> bool {
    let c = bare(c);
    !["Căn cứ", "Sau khi", "Xét ", "Trên cơ sở", "Thực hiện", "Theo "].iter().any(|k| c.starts_with(k))
}

/// The preamble lines (PL I II.6.a): "Căn cứ …;" each, the last line of the
/// preamble (the proposal when there is one) ending with ".".
pub fn preamble(can_cu: &[String], theo_de_nghi: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = can_cu
        .iter()
        .map(|c| {
            let c = bare(c);
            if them_can_cu(c) { format!("Căn cứ {c}") } else { c.to_owned() }
        })
        .collect();
    if let Some(p) = theo_de_nghi {
        // Who proposed it, or the whole line as written ("Theo Đơn đề nghị
        // của …", "Theo đề nghị của …").
        let p = bare(p);
        lines.push(if p.starts_with("Theo ") {
            p.to_owned()
        } else {
            format!("Theo đề nghị của {p}")
        });
    }
    let n = lines.len();
    lines.iter_mut().enumerate().for_each(|(i, l)| l.push(if i + 1 == n { '.' } else { ';' }));
    lines
}

/// The articles as body blocks: "Điều 1." …, khoản "1." restarting in each
/// article, điểm "a)" in each khoản (PL I II.6.đ).
pub fn articles(dieu: &[Dieu]) -> Vec<Khoi> {
    let mut out = Vec::new();
    push_articles(dieu, 1, &mut out);
    than::end_mark(&mut out);
    out
}

/// `dieu` as blocks, numbered from "Điều `first`.".
fn push_articles(dieu: &[Dieu], first: usize, out: &mut Vec<Khoi>) {
    for (i, d) in dieu.iter().enumerate() {
        out.push(Khoi::Dieu {
            so: format!("Điều {}.", first + i),
            tieu_de: d.tieu_de.clone(),
            noi_dung: d.noi_dung.clone(),
        });
        for (k, khoan) in d.khoan.iter().enumerate() {
            out.push(Khoi::DoanSo { so: format!("{}.", k + 1), noi_dung: khoan.noi_dung.clone() });
            for (j, diem) in khoan.diem.iter().enumerate() {
                out.push(Khoi::DoanSo { so: format!("{})", vi::diem_letter(j)), noi_dung: diem.clone() });
            }
        }
        out.extend(d.bang.iter().cloned().map(Khoi::Bang));
    }
}

/// A block of an attached document: a chapter or section heading, or a
/// block of its articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum KhoiKemTheo {
    /// "Chương I" / "Mục 1" and the title in upper case, on two centred
    /// bold lines (PL I II.6.đ). `loai` is "tieu-de-chuong".
    TieuDe {
        loai: &'static str,
        nhan: String,
        ten: String,
    },
    Khoi(Khoi),
}

/// A list attachment: for each class trained, its name and programme on two
/// centred bold lines, then its trainees (STT, name, sex, year of birth,
/// ethnicity, unit), every figure from the list.
fn trainee_blocks(ds: &DanhSachHocVien, so_lieu: &SoLieu) -> Vec<KhoiKemTheo> {
    let collator = vi::collator();
    let mut out = Vec::new();
    for ma in so_lieu.lop() {
        let mut rows: Vec<&HocVien> =
            so_lieu.hoc_vien.iter().filter(|d| d.hoc_vien.lop == ma).map(|d| &d.hoc_vien).collect();
        if ds.sap_xep == SapXep::Ten {
            rows.sort_by(|a, b| vi::compare_names(&collator, &a.ho_ten, &b.ho_ten));
        }
        let lop = so_lieu.lich.iter().find(|l| l.ma == ma);
        let program = so_lieu
            .hoc_vien
            .iter()
            .find(|d| d.hoc_vien.lop == ma)
            .and_then(|d| so_lieu.phan_bo.chuong_trinh.iter().find(|c| c.ma == d.chuong_trinh))
            .map(|c| c.ten.clone())
            .unwrap_or_default();
        let nhan = match lop {
            Some(l) => {
                format!("Lớp {ma} (từ ngày {} đến ngày {})", l.tu_ngay.short_form(), l.den_ngay.short_form())
            }
            None => format!("Lớp {ma}"),
        };
        out.push(KhoiKemTheo::TieuDe { loai: "tieu-de-chuong", nhan, ten: vi::upper(&program) });
        let dong = rows
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let nam = match h.ngay_sinh {
                    NgaySinh::Ngay(n) => n.year.to_string(),
                    NgaySinh::Nam(y) => y.to_string(),
                };
                vec![
                    (i + 1).to_string(),
                    h.ho_ten.clone(),
                    if h.nu { "Nữ" } else { "Nam" }.to_owned(),
                    nam,
                    h.dan_toc.clone(),
                    h.don_vi.clone(),
                ]
            })
            .collect();
        out.push(KhoiKemTheo::Khoi(Khoi::Bang(Bang {
            cot: ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Đơn vị công tác"]
                .map(String::from)
                .to_vec(),
            dong,
            // A name on one line, the unit taking what is left.
            do_rong: Some(["10mm", "52mm", "15mm", "15mm", "18mm", "1fr"].map(String::from).to_vec()),
            can_le: None,
            dong_cuoi_dam: false,
            cao_dong: None,
        })));
    }
    out
}

/// A decision with its figures: each `{name}` its articles write filled
/// from the list; or the article's field and what is wrong.
fn with_figures(
    qd: &QuyetDinh,
    so_lieu: &SoLieu,
) -> std::result::Result<QuyetDinh, (String, String, String)> {
    let values = so_lieu.values();
    let f = |t: &str| so_lieu::fill(t, &values);
    let mut out = qd.clone();
    for (i, d) in out.dieu.iter_mut().enumerate() {
        let at = |(n, m): (String, String)| (format!("dieu[{i}]"), n, m);
        d.tieu_de = d.tieu_de.as_deref().map(f).transpose().map_err(at)?;
        d.noi_dung = d.noi_dung.as_deref().map(f).transpose().map_err(at)?;
        for k in d.khoan.iter_mut() {
            k.noi_dung = f(&k.noi_dung).map_err(at)?;
            for p in k.diem.iter_mut() {
                *p = f(p).map_err(at)?;
            }
        }
    }
    Ok(out)
}

/// The attached document's body: Chương in Roman numerals, Mục in Arabic
/// numerals restarting in each Chương, Điều numbered through the whole
/// document (nd30-kinds.md §2.4), "./." at its end.
/// A body of sections (`noi_dung`) numbered as the Mẫu 1.4 family's, or its
/// error.
pub fn attachment_blocks(
    kt: &KemTheo,
    so_lieu: Option<&SoLieu>,
) -> std::result::Result<Vec<KhoiKemTheo>, String> {
    if let (Some(ds), Some(so_lieu)) = (&kt.hoc_vien, so_lieu) {
        return Ok(trainee_blocks(ds, so_lieu));
    }
    if !kt.noi_dung.is_empty() {
        let mut blocks = than::number_sections(&kt.noi_dung, 4)?;
        if !matches!(blocks.last(), None | Some(Khoi::Bang(_))) {
            than::end_mark(&mut blocks);
        }
        return Ok(blocks.into_iter().map(KhoiKemTheo::Khoi).collect());
    }
    // The articles first, so that the end mark goes on the last one; the
    // headings go in before the article each precedes.
    let mut articles = Vec::new();
    let mut headings: Vec<(usize, String, String)> = Vec::new();
    let mut next = 1;
    let mut put = |dieu: &[Dieu], articles: &mut Vec<Khoi>| {
        push_articles(dieu, next, articles);
        next += dieu.len();
    };
    put(&kt.dieu, &mut articles);
    for (c, at) in kt.chapters().iter().enumerate() {
        let chuong = at.chuong;
        // Parts in Roman numerals; chapters numbered on through the parts.
        if let Some((p, phan)) = at.mo_phan {
            headings.push((articles.len(), vi::so_phan(p as u32 + 1), vi::upper(&phan.ten)));
        }
        headings.push((
            articles.len(),
            format!("Chương {}", vi::roman(c as u32 + 1)),
            vi::upper(&chuong.ten),
        ));
        put(&chuong.dieu, &mut articles);
        for (m, muc) in chuong.muc.iter().enumerate() {
            headings.push((articles.len(), format!("Mục {}", m + 1), vi::upper(&muc.ten)));
            put(&muc.dieu, &mut articles);
        }
    }
    than::end_mark(&mut articles);
    let mut out = Vec::new();
    let mut headings = headings.into_iter().peekable();
    for (i, block) in articles.into_iter().enumerate() {
        while let Some((_, nhan, ten)) = headings.next_if(|(at, ..)| *at == i) {
            out.push(KhoiKemTheo::TieuDe { loai: "tieu-de-chuong", nhan, ten });
        }
        out.push(KhoiKemTheo::Khoi(block));
    }
    out.extend(headings.map(|(_, nhan, ten)| KhoiKemTheo::TieuDe { loai: "tieu-de-chuong", nhan, ten }));
    Ok(out)
}

/// Who issued the decision, as the reference line names them: the head's
/// title before the agency's name ("GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO" →
/// "Giám đốc Sở Dân tộc và Tôn giáo"), or the agency itself. None when the
/// authority does not end with the agency's name (its case is then unknown).
pub fn issuer(tham_quyen: &str, ten_goi: Option<&str>) -> Option<String> {
    let ten_goi = ten_goi?.trim();
    let authority = vi::upper(&tham_quyen.split_whitespace().collect::<Vec<_>>().join(" "));
    let head = authority.strip_suffix(&vi::upper(ten_goi))?.trim_end();
    Some(if head.is_empty() { ten_goi.to_owned() } else { format!("{} {ten_goi}", sentence_case(head)) })
}

/// The line under an attached document's title (PL III, the model after
/// Mẫu 1.3, note 2), the number and the day left blank as the header shows
/// them when the decision has none yet; `ngay` `None`: the whole date blank,
/// as an electronic document has it (E-5).
pub fn reference_line(so: Option<u32>, ky_hieu: &str, ngay: Option<&Ngay>, cua: &str) -> String {
    format!("(Kèm theo {})", citation(so, ky_hieu, ngay, cua))
}

/// "Quyết định số 15/QĐ-SDTTG ngày 05 tháng 5 năm 2025 của Giám đốc Sở …",
/// the number blank while the decision has none (`ngay` `None`: the date too).
pub fn citation(so: Option<u32>, ky_hieu: &str, ngay: Option<&Ngay>, cua: &str) -> String {
    let so = so.map(vi::pad_number).unwrap_or_else(|| vi::BLANK.to_owned());
    let ngay = ngay.map(Ngay::long_form).unwrap_or_else(Ngay::blank_long_form);
    format!("Quyết định số {so}/{ky_hieu} {ngay} của {cua}")
}

/// Who issued the decision, as every "… của …" naming it says: the
/// attachment's `cua` when the data gives one, else [`issuer`].
fn cua_of(qd: &QuyetDinh) -> Option<String> {
    qd.kem_theo
        .as_ref()
        .and_then(|k| k.cua.clone())
        .or_else(|| issuer(&qd.tham_quyen.0.join(" "), qd.co_quan.ten_goi.as_deref()))
}

/// How a certificate (or any document) cites the decision `qd`.
pub fn citation_of(qd: &QuyetDinh) -> String {
    let cua = cua_of(qd).unwrap_or_else(|| vi::capitalise(&qd.tham_quyen.0.join(" ").to_lowercase()));
    let ngay = (!qd.dien_tu).then_some(&qd.ngay);
    citation(if qd.dien_tu { None } else { qd.so }, &qd.ky_hieu, ngay, &cua)
}

/// The reference line in balanced lines that never break inside its date
/// ("ngày 21 tháng / 7 năm 2025"): its words are chosen into lines with the
/// date's held together, then written with their own spaces.
fn reference_lines(reference: &str, measure: &crate::fonts::Measure) -> Vec<String> {
    let words: Vec<&str> = reference.split(' ').collect();
    let from = words.iter().position(|w| *w == "ngày");
    let to = words.iter().rposition(|w| *w == "của");
    let groups: Vec<Vec<&str>> = match from.zip(to) {
        Some((from, to)) if from < to => words[..from]
            .iter()
            .map(|w| vec![*w])
            .chain(std::iter::once(words[from..to].to_vec()))
            .chain(words[to..].iter().map(|w| vec![*w]))
            .collect(),
        _ => words.iter().map(|w| vec![*w]).collect(),
    };
    // A no-break space measures as a space and is not a place to break.
    let held: Vec<String> = groups.iter().map(|g| g.join("\u{a0}")).collect();
    let lines = lines_in(&Lines(vec![held.join(" ")]), TEXT_WIDTH, REFERENCE, measure);
    let mut next = groups.iter();
    lines
        .iter()
        .map(|l| {
            let n = l.split(' ').filter(|w| !w.is_empty()).count();
            next.by_ref().take(n).map(|g| g.join(" ")).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The reference line: 14 pt italic (the model's note 2), measured upright,
/// which is wider.
const REFERENCE: Kieu = Kieu { size: 14.0, bold: false };

/// The attached document's problems the data alone shows, and its context.
fn attachment(
    path: &Path,
    text: &str,
    qd: &QuyetDinh,
    kt: &KemTheo,
    so_lieu: Option<&SoLieu>,
    fonts: &FontSet,
    problems: &mut Vec<crate::error::InputError>,
) -> Value {
    if kt.hoc_vien.is_some() && so_lieu.is_none() {
        problems.push(err_at(
            path,
            text,
            "hoc_vien",
            "kem_theo.hoc_vien",
            "danh sách học viên kèm theo cần nguồn số liệu: thêm khóa 'so_lieu' (danh_sach, phan_bo, lich) vào quyết định".into(),
        ));
    }
    let mut refuse =
        |field: &str, message: String| problems.push(err_at(path, text, "kem_theo", field, message));
    if !kt.chuong.is_empty() && !kt.dieu.is_empty() {
        refuse(
            "kem_theo",
            "văn bản kèm theo ghi cả 'chuong' và 'dieu': văn bản có chương thì đặt mọi điều vào chương của nó".into(),
        );
    }
    if !kt.phan.is_empty() && (!kt.chuong.is_empty() || !kt.dieu.is_empty()) {
        refuse(
            "kem_theo",
            "văn bản kèm theo ghi cả 'phan' và 'chuong' hoặc 'dieu': văn bản chia phần thì đặt mọi chương vào phần của nó".into(),
        );
    }
    for (p, phan) in kt.phan.iter().enumerate() {
        if phan.chuong.is_empty() {
            refuse(
                &format!("kem_theo.phan[{p}]"),
                format!("Phần {} chưa có chương nào", vi::roman(p as u32 + 1)),
            );
        }
    }
    let chapters = kt.chapters();
    for (c, at) in chapters.iter().enumerate() {
        let chuong = at.chuong;
        if !chuong.muc.is_empty() && !chuong.dieu.is_empty() {
            refuse(
                &at.field,
                "chương ghi cả 'muc' và 'dieu': chương có mục thì đặt mọi điều vào mục của nó".into(),
            );
        }
        let empty = chuong.muc.iter().map(|m| m.dieu.len()).sum::<usize>() + chuong.dieu.len() == 0;
        if empty {
            refuse(&at.field, format!("Chương {} chưa có điều nào", vi::roman(c as u32 + 1)));
        }
    }
    let count = kt.dieu.len()
        + chapters
            .iter()
            .map(|at| at.chuong.dieu.len() + at.chuong.muc.iter().map(|m| m.dieu.len()).sum::<usize>())
            .sum::<usize>();
    // The body laid out into blocks once: its errors and its tables checked
    // here, the blocks themselves rendered below.
    let blocks = match attachment_blocks(kt, so_lieu) {
        Ok(blocks) => blocks,
        Err(m) => {
            refuse("kem_theo.noi_dung", m);
            Vec::new()
        }
    };
    // A table's problems, added once `refuse` is done with `problems`.
    let mut table_problems = Vec::new();
    if !kt.noi_dung.is_empty() {
        if count > 0 || !kt.phan.is_empty() || kt.hoc_vien.is_some() {
            refuse(
                "kem_theo.noi_dung",
                "văn bản kèm theo ghi cả 'noi_dung' và 'chuong', 'dieu' hoặc 'hoc_vien': chọn một cách trình bày".into(),
            );
        }
    } else if count == 0 && kt.hoc_vien.is_none() {
        refuse("kem_theo", "văn bản kèm theo cần ít nhất một điều, hoặc 'noi_dung'".into());
    }
    // Its tables: the body's, or its articles'.
    let field = if kt.noi_dung.is_empty() { "kem_theo" } else { "kem_theo.noi_dung" };
    for (i, b) in blocks.iter().enumerate() {
        if let KhoiKemTheo::Khoi(Khoi::Bang(b)) = b {
            compose::check_table(b, &format!("{field} (bảng thứ {})", i + 1), path, &mut table_problems);
        }
    }
    let cua = cua_of(qd);
    if cua.is_none() {
        refuse(
            "kem_theo.cua",
            format!(
                "không suy ra được ai ban hành quyết định từ 'tham_quyen' ('{}') và 'co_quan.ten_goi' để ghi dòng '(Kèm theo Quyết định số … của …)': ghi 'cua' trong 'kem_theo', ví dụ 'cua: Giám đốc Sở Dân tộc và Tôn giáo'",
                qd.tham_quyen.0.join(" ")
            ),
        );
    }
    problems.append(&mut table_problems);
    let measure = fonts.measure();
    let cua = cua.as_deref().unwrap_or_default();
    // An electronic decision is numbered and dated by the system when it is
    // issued: the line keeps its slots blank even when the data has them (E-5).
    let reference = if qd.dien_tu {
        reference_line(None, &qd.ky_hieu, None, cua)
    } else {
        reference_line(qd.so, &qd.ky_hieu, Some(&qd.ngay), cua)
    };
    // The agency signs an attachment in its own file at its top right (E-6);
    // one in the decision's file is signed with the decision.
    let o_ky_so = (qd.dien_tu && kt.tep_rieng)
        .then(|| common::o_ky_so(qd.so, &qd.ky_hieu, qd.thoi_diem_ky_so.as_ref()));
    json!({
        "tep_rieng": kt.tep_rieng,
        "o_ky_so": o_ky_so,
        "tieu_de": format!("{}: {}", sentence_case(&kt.ten_loai), kt.trich_yeu.0.join(" ")),
        "ten_loai": vi::upper(&kt.ten_loai),
        "trich_yeu": trich_yeu_lines(&kt.trich_yeu, &measure),
        "kem_theo": reference_lines(&reference, &measure),
        "cac_khoi": serde_json::to_value(laid_out(blocks, &measure, kt.hoc_vien.is_some()))
            .expect("blocks serialise"),
    })
}

/// The attachment's tables laid out over the text width; a trainee list's
/// (`list`: hundreds of rows) with its rows' heights where they are known.
fn laid_out(blocks: Vec<KhoiKemTheo>, measure: &crate::fonts::Measure, list: bool) -> Vec<KhoiKemTheo> {
    blocks
        .into_iter()
        .map(|b| match b {
            KhoiKemTheo::Khoi(k) => {
                let mut one = [k];
                compose::lay_out_tables(&mut one, TEXT_WIDTH, measure);
                let [mut k] = one;
                if let (true, Khoi::Bang(b)) = (list, &mut k) {
                    compose::fix_row_heights(b, TEXT_WIDTH, measure);
                }
                KhoiKemTheo::Khoi(k)
            }
            other => other,
        })
        .collect()
}

/// The number of the article that names who carries the decision out.
pub fn executing_article(dieu: &[Dieu]) -> Option<usize> {
    dieu.iter().position(|d| d.thi_hanh).map(|i| i + 1)
}

/// Checks a decision and builds its template context.
pub fn context(
    kind: Kind,
    path: &Path,
    text: &str,
    qd: &QuyetDinh,
    so_lieu: Option<&SoLieu>,
    folder: &dyn crate::folder::Folder,
    fonts: &FontSet,
) -> Result<Value> {
    let mut problems = opening_problems(path, text, fonts, &qd.loai, kind.loai, &qd.nguoi_ky);
    if qd.dieu.is_empty() {
        problems.push(err_at(path, text, "dieu", "dieu", "quyết định cần ít nhất một điều".into()));
    }
    let kem_theo =
        qd.kem_theo.as_ref().map(|kt| attachment(path, text, qd, kt, so_lieu, fonts, &mut problems));
    let measure = fonts.measure();
    // "của" the authority, as the attachment's reference line and a
    // certificate's citation name it.
    let cua = cua_of(qd);
    let goc = crate::compose::phu_luc::Goc {
        ten: "Quyết định",
        so: qd.so,
        ky_hieu: &qd.ky_hieu,
        ngay: &qd.ngay,
        cua: cua.as_deref().or(qd.co_quan.ten_goi.as_deref()),
        dien_tu: qd.dien_tu,
        thoi_diem_ky_so: qd.thoi_diem_ky_so.as_ref(),
    };
    let phu_luc =
        crate::compose::phu_luc::contexts(&qd.phu_luc, &goc, folder, (path, text), &measure, &mut problems)?;
    for (i, d) in qd.dieu.iter().enumerate() {
        if let Some(b) = &d.bang {
            compose::check_table(b, &format!("dieu[{i}].bang"), path, &mut problems);
        }
    }
    let mut dieu_blocks = articles(&qd.dieu);
    compose::lay_out_tables(&mut dieu_blocks, TEXT_WIDTH, &measure);
    if qd.noi_nhan.is_empty() && executing_article(&qd.dieu).is_none() {
        problems.push(err_at(
            path,
            text,
            "noi_nhan",
            "noi_nhan",
            "cần ít nhất một nơi nhận (NĐ30, Phụ lục I, II.9)".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    // "- Như Điều N;" first (PL III Mẫu 1.2), unless the data wrote it.
    let mut noi_nhan = qd.noi_nhan.clone();
    if let Some(n) = executing_article(&qd.dieu)
        && !noi_nhan
            .iter()
            .filter_map(|e| e.mot())
            .any(|e| vi::fold(bare(e).trim_start_matches("- ")).starts_with(&vi::fold("Như Điều")))
    {
        noi_nhan.insert(0, common::Nhan::Mot(format!("Như Điều {n}")));
    }
    Ok(json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("Quyết định: {}", qd.trich_yeu.0.join(" ")),
        "dau": header(&qd.co_quan, common::so_ky_hieu(qd.so, &qd.ky_hieu), &qd.dia_danh, &qd.ngay),
        "ten_loai": kind.ten_loai,
        "trich_yeu": trich_yeu_lines(&qd.trich_yeu, &measure),
        "tham_quyen": qd.tham_quyen.0.iter().map(|l| vi::upper(l)).collect::<Vec<_>>(),
        "can_cu": preamble(&qd.can_cu, qd.theo_de_nghi.as_deref()),
        "cac_khoi": serde_json::to_value(dieu_blocks).expect("blocks serialise"),
        "ky": signer(&qd.nguoi_ky),
        "noi_nhan": common::noi_nhan_lines(&noi_nhan),
        "luu": common::luu_line(&qd.luu),
        "kem_theo": kem_theo,
        "phu_luc": phu_luc,
        // A phụ lục's level-3 headings, as a plan's default sets them.
        "kieu_muc_3": "dam-nghieng",
        // Which part of the document the template lays out: `null`, all
        // of it but an attachment in its own file; "kem-theo", that one.
        "phan": null,
    }))
}

/// A Quyết định (Mẫu 1.2, 1.3 with its attached document).
pub struct QuyetDinhDoc;

impl Doc for QuyetDinhDoc {
    type Data = QuyetDinh;

    fn rules(input: &Input, qd: &QuyetDinh) -> Vec<Rule> {
        quyet_dinh_rules(input, qd)
    }

    fn prepare(input: &Input, qd: QuyetDinh, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let (kind, path, text) = (input.kind, input.path, input.text);
        let so_lieu =
            qd.so_lieu.as_ref().map(|n| SoLieu::read(input.folder, n, path, "so_lieu")).transpose()?;
        let qd = match &so_lieu {
            Some(s) => with_figures(&qd, s).map_err(|f| so_lieu::figure_error(path, text, f))?,
            None => qd,
        };
        let context = context(kind, path, text, &qd, so_lieu.as_ref(), input.folder, fonts)?;
        let attachment = qd.kem_theo.as_ref().filter(|kt| kt.tep_rieng).map(|_| {
            // The same template, the attachment alone, as its own document.
            let mut alone = context.clone();
            alone["tieu_de"] = alone["kem_theo"]["tieu_de"].clone();
            alone["phan"] = json!(KEM_THEO);
            alone
        });
        // The context again only for a phụ lục in its own file (a list's
        // decision carries hundreds of rows in it).
        let for_files = qd.phu_luc.iter().any(|pl| pl.tep_rieng).then(|| context.clone());
        let mut prepared = crate::compose::prepared(kind, path, templates, context, &qd.ngay, &qd.ky_hieu)?;
        if let Some(alone) = attachment {
            let mut part = crate::compose::prepared(kind, path, templates, alone, &qd.ngay, &qd.ky_hieu)?;
            part.ident.push_str("/kem-theo");
            prepared.tep_rieng.push(TepRieng { duoi: KEM_THEO.into(), prepared: part });
        }
        match for_files {
            Some(context) => crate::compose::phu_luc::with_files(prepared, &context, templates),
            None => Ok(prepared),
        }
        .map(Made::One)
    }
}

/// The attachment's own file, `<file>.kem-theo.pdf`, and the template's
/// `phan` that lays it out alone.
const KEM_THEO: &str = "kem-theo";

/// Names of collectives, as an authority line starts with them: a decision
/// of a collective is signed "TM." (PL I II.7.b; PL III Mẫu 1.2 note 6).
const COLLECTIVES: [&str; 7] =
    ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG", "BAN ", "ĐOÀN ", "THƯỜNG TRỰC"];

/// A Quyết định (Mẫu 1.2).
pub fn quyet_dinh_rules(input: &Input, d: &QuyetDinh) -> Vec<Rule> {
    let kind = input.kind;
    use crate::model::common::QuyenHan;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    let trich = d.trich_yeu.0.join(" ");
    let tham_quyen = d.tham_quyen.0.join(" ");
    out.extend(empty_findings(&[("trich_yeu", &trich), ("tham_quyen", &tham_quyen)]));
    if d.can_cu.is_empty() {
        out.push((
            "can_cu".into(),
            MucDo::Loi,
            "quyết định cần ít nhất một dòng căn cứ ban hành (NĐ30, Phụ lục I, II.6.a)".into(),
        ));
    }
    // The article that names who carries it out: Nơi nhận's "- Như Điều N;".
    let executing: Vec<usize> =
        d.dieu.iter().enumerate().filter(|(_, a)| a.thi_hanh).map(|(i, _)| i).collect();
    match executing.as_slice() {
        [] if !d.dieu.is_empty() => out.push((
            "dieu".into(),
            MucDo::Loi,
            "quyết định không có điều nào giao tổ chức thực hiện: ghi 'thi_hanh: true' ở điều nêu những người chịu trách nhiệm thi hành, để Nơi nhận ghi '- Như Điều …;' (NĐ30, Phụ lục III, Mẫu 1.2)".into(),
        )),
        [_, second, ..] => out.push((
            format!("dieu[{second}].thi_hanh"),
            MucDo::Loi,
            "chỉ một điều được ghi 'thi_hanh: true' (điều giao tổ chức thực hiện)".into(),
        )),
        _ => {}
    }
    if let Some(&i) = executing.first() {
        for (j, e) in d.noi_nhan.iter().enumerate() {
            let Some(e) = e.mot() else { continue };
            let e = e.trim().trim_start_matches("- ").trim_end_matches([';', '.']).trim_end();
            if let Some(n) = e.strip_prefix("Như Điều ").and_then(|n| n.trim().parse::<usize>().ok())
                && n != i + 1
            {
                out.push((
                    format!("noi_nhan[{j}]"),
                    MucDo::Loi,
                    format!("'{e}' nhưng điều giao tổ chức thực hiện là Điều {}", i + 1),
                ));
            }
        }
    }
    // A collective decides: its chair signs "TM." it (QD-8).
    let collective = COLLECTIVES.iter().any(|c| vi::upper(&tham_quyen).starts_with(c));
    let tm = d.nguoi_ky.first_prefix() == Some(QuyenHan::ThayMat);
    if collective && !tm {
        out.push((
            "nguoi_ky.quyen_han".into(),
            MucDo::Loi,
            format!(
                "thẩm quyền ban hành là tập thể '{tham_quyen}' nên người ký phải ký thay mặt: 'quyen_han: TM.' (NĐ30, Phụ lục I, II.7.b)"
            ),
        ));
    } else if !collective && tm {
        out.push((
            "nguoi_ky.quyen_han".into(),
            MucDo::CanhBao,
            format!(
                "thẩm quyền ban hành là người đứng đầu ('{tham_quyen}'), không phải tập thể: thường không ký 'TM.' (NĐ30, Phụ lục III, Mẫu 1.2, ghi chú 6)"
            ),
        ));
    }
    if let Some(kt) = &d.kem_theo {
        out.extend(kem_theo_rules(&d.dieu, kt));
    }
    out.extend(ky_so_findings(
        d.dien_tu,
        d.kem_theo.as_ref().is_some_and(|k| k.tep_rieng),
        &d.thoi_diem_ky_so,
    ));
    // A class of the schedule with no one in the list the decision attaches.
    if let (Some(nguon), Some(kt)) = (&d.so_lieu, &d.kem_theo)
        && kt.hoc_vien.is_some()
        && let Ok(so_lieu) = SoLieu::read(input.folder, nguon, input.path, "so_lieu")
    {
        let trained = so_lieu.lop();
        for lop in so_lieu.lich.iter().filter(|l| !trained.contains(&l.ma)) {
            out.push((
                "so_lieu.danh_sach".into(),
                MucDo::CanhBao,
                format!(
                    "lớp {} có trong lịch ('{}') nhưng danh sách kèm theo quyết định không có học viên nào của lớp này",
                    lop.ma,
                    nguon.lich.as_deref().unwrap_or_default()
                ),
            ));
        }
    }
    // QD-1: "Về việc …" for a decision that rules directly (Mẫu 1.2), a
    // list attached to it included (who is recognised, appointed …); "Ban
    // hành …" or "Phê duyệt …" for one that issues a document (1.3).
    let issues = d.kem_theo.as_ref().is_some_and(|k| k.hoc_vien.is_none());
    let starts: &[&str] = if issues { &["Ban hành", "Phê duyệt"] } else { &["Về việc"] };
    if !trich.trim().is_empty() && !starts.iter().any(|w| trich.trim_start().starts_with(w)) {
        let (mau, example) = if issues {
            ("1.3", "'Ban hành Quy chế …' hoặc 'Phê duyệt …'")
        } else {
            ("1.2", "'Về việc …'")
        };
        out.push((
            "trich_yeu".into(),
            MucDo::CanhBao,
            format!("trích yếu của quyết định theo Mẫu {mau} thường bắt đầu {example} (NĐ30, Phụ lục III, Mẫu {mau})"),
        ));
    }
    out
}

/// "Làm việc của …" as it reads after a tên loại: "làm việc của …".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// A decision issuing a document (Mẫu 1.3): its Điều 1 says so (QD-9), and
/// every article of the document has a title (ATT-3; PL I II.6.d).
fn kem_theo_rules(
    dieu: &[crate::kinds::quyet_dinh::data::Dieu],
    kt: &crate::kinds::quyet_dinh::data::KemTheo,
) -> Vec<Rule> {
    let mut out = Vec::new();
    if let Some(first) = dieu.first() {
        let text =
            [first.tieu_de.as_deref(), first.noi_dung.as_deref()].into_iter().flatten().collect::<Vec<_>>();
        if !vi::fold(&text.join(" ")).contains(&vi::fold("kèm theo Quyết định này")) {
            out.push((
                "dieu[0]".into(),
                MucDo::Loi,
                format!(
                    "quyết định có văn bản kèm theo ('kem_theo') nên Điều 1 phải ghi '… kèm theo Quyết định này …', ví dụ 'Ban hành kèm theo Quyết định này {} {}.' (NĐ30, Phụ lục III, Mẫu 1.3)",
                    compose::sentence_case(&kt.ten_loai),
                    lower_first(&kt.trich_yeu.0.join(" "))
                ),
            ));
        }
    }
    out.extend(empty_findings(&[
        ("kem_theo.ten_loai", &kt.ten_loai),
        ("kem_theo.trich_yeu", &kt.trich_yeu.0.join(" ")),
    ]));
    // The fields of each article in document order, for its number.
    let mut fields: Vec<(String, &crate::kinds::quyet_dinh::data::Dieu)> =
        kt.dieu.iter().enumerate().map(|(j, a)| (format!("kem_theo.dieu[{j}]"), a)).collect();
    for (p, phan) in kt.phan.iter().enumerate() {
        if phan.ten.trim().is_empty() {
            out.push((
                format!("kem_theo.phan[{p}].ten"),
                MucDo::Loi,
                "phần phải có tên (NĐ30, Phụ lục I, II.6.d)".into(),
            ));
        }
    }
    for at in kt.chapters() {
        let (c, chuong) = (&at.field, at.chuong);
        if chuong.ten.trim().is_empty() {
            out.push((format!("{c}.ten"), MucDo::Loi, "chương phải có tên (NĐ30, Phụ lục I, II.6.d)".into()));
        }
        fields.extend(chuong.dieu.iter().enumerate().map(|(j, a)| (format!("{c}.dieu[{j}]"), a)));
        for (m, muc) in chuong.muc.iter().enumerate() {
            if muc.ten.trim().is_empty() {
                out.push((
                    format!("{c}.muc[{m}].ten"),
                    MucDo::Loi,
                    "mục phải có tên (NĐ30, Phụ lục I, II.6.d)".into(),
                ));
            }
            fields.extend(muc.dieu.iter().enumerate().map(|(j, a)| (format!("{c}.muc[{m}].dieu[{j}]"), a)));
        }
    }
    for (n, (field, a)) in fields.iter().enumerate() {
        if a.tieu_de.as_deref().is_none_or(|t| t.trim().is_empty()) {
            out.push((
                field.clone(),
                MucDo::Loi,
                format!(
                    "Điều {} của văn bản kèm theo không có tiêu đề: mỗi điều của {} phải có tiêu đề in đậm ngay sau 'Điều {}.' (ghi 'tieu_de: …', nội dung ở 'khoan' hoặc 'noi_dung') (NĐ30, Phụ lục I, II.6.d)",
                    n + 1,
                    kt.ten_loai.to_lowercase(),
                    n + 1
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::quyet_dinh::data::Khoan;

    #[test]
    fn the_preamble_ends_with_a_full_stop() {
        let lines = preamble(
            &[
                "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015".into(),
                "Căn cứ Quyết định số 12/QĐ-UBND;".into(),
            ],
            Some("Trưởng phòng Chính sách."),
        );
        assert_eq!(
            lines,
            [
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                "Căn cứ Quyết định số 12/QĐ-UBND;",
                "Theo đề nghị của Trưởng phòng Chính sách."
            ]
        );
        assert_eq!(preamble(&["Căn cứ A,".into()], None), ["Căn cứ A."]);
    }

    #[test]
    fn khoan_restart_per_article_and_diem_per_khoan() {
        let khoan = |n: usize, diem: usize| Khoan {
            noi_dung: format!("k{n}"),
            diem: (0..diem).map(|d| format!("d{d}")).collect(),
        };
        let dieu = vec![
            Dieu {
                noi_dung: Some("Thành lập".into()),
                khoan: vec![khoan(1, 2), khoan(2, 1)],
                ..Dieu::default()
            },
            Dieu { tieu_de: Some("Nhiệm vụ".into()), khoan: vec![khoan(1, 0)], ..Dieu::default() },
            Dieu { noi_dung: Some("Thi hành".into()), thi_hanh: true, ..Dieu::default() },
        ];
        let numbers: Vec<String> = articles(&dieu)
            .into_iter()
            .map(|b| match b {
                Khoi::Dieu { so, .. } | Khoi::DoanSo { so, .. } => so,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(numbers, ["Điều 1.", "1.", "a)", "b)", "2.", "a)", "Điều 2.", "1.", "Điều 3."]);
        assert_eq!(executing_article(&dieu), Some(3));
        let last = articles(&dieu).pop().unwrap();
        assert_eq!(
            last,
            Khoi::Dieu { so: "Điều 3.".into(), tieu_de: None, noi_dung: Some("Thi hành./.".into()) }
        );
    }

    #[test]
    fn attachment_articles_run_through_the_chapters() {
        let kt: KemTheo = serde_yaml::from_str(
            "ten_loai: QUY CHẾ\ntrich_yeu: Làm việc\nchuong:\n  - ten: Quy định chung\n    dieu: [{ tieu_de: Phạm vi, khoan: [a, b] }, { tieu_de: Nguyên tắc }]\n  - ten: Nhiệm vụ\n    muc:\n      - { ten: Trưởng ban, dieu: [{ tieu_de: Trưởng ban, khoan: [c] }] }\n      - { ten: Thành viên, dieu: [{ tieu_de: Thành viên, noi_dung: Thực hiện. }] }\n",
        )
        .unwrap();
        let labels: Vec<String> = attachment_blocks(&kt, None)
            .unwrap()
            .into_iter()
            .map(|b| match b {
                KhoiKemTheo::TieuDe { nhan, ten, .. } => format!("{nhan}/{ten}"),
                KhoiKemTheo::Khoi(Khoi::Dieu { so, .. } | Khoi::DoanSo { so, .. }) => so,
                KhoiKemTheo::Khoi(other) => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            labels,
            [
                "Chương I/QUY ĐỊNH CHUNG",
                "Điều 1.",
                "1.",
                "2.",
                "Điều 2.",
                "Chương II/NHIỆM VỤ",
                "Mục 1/TRƯỞNG BAN",
                "Điều 3.",
                "1.",
                "Mục 2/THÀNH VIÊN",
                "Điều 4."
            ]
        );
        let last = attachment_blocks(&kt, None).unwrap().pop().unwrap();
        assert_eq!(
            last,
            KhoiKemTheo::Khoi(Khoi::Dieu {
                so: "Điều 4.".into(),
                tieu_de: Some("Thành viên".into()),
                noi_dung: Some("Thực hiện./.".into())
            })
        );
    }

    #[test]
    fn the_reference_line_names_the_decision_and_who_issued_it() {
        let cua = issuer("GIÁM ĐỐC SỞ DÂN TỘC  VÀ TÔN GIÁO", Some("Sở Dân tộc và Tôn giáo")).unwrap();
        assert_eq!(cua, "Giám đốc Sở Dân tộc và Tôn giáo");
        assert_eq!(issuer("ỦY BAN NHÂN DÂN TỈNH", Some("Sở Nội vụ")), None);
        assert_eq!(issuer("SỞ NỘI VỤ", Some("Sở Nội vụ")).as_deref(), Some("Sở Nội vụ"));
        let ngay = |s: &str| serde_yaml::from_str::<Ngay>(s).unwrap();
        assert_eq!(
            reference_line(Some(15), "QĐ-SDTTG", Some(&ngay("05/05/2025")), &cua),
            "(Kèm theo Quyết định số 15/QĐ-SDTTG ngày 05 tháng 5 năm 2025 của Giám đốc Sở Dân tộc và Tôn giáo)"
        );
        // Not yet numbered nor dated: the slots blank, as in the header.
        let b = vi::BLANK;
        assert_eq!(
            reference_line(None, "QĐ-SDTTG", Some(&ngay("5/2025")), "Sở Nội vụ"),
            format!("(Kèm theo Quyết định số {b}/QĐ-SDTTG ngày {b} tháng 5 năm 2025 của Sở Nội vụ)")
        );
    }
}
