//! Quyết định (Mẫu 1.2): the preamble's punctuation, the articles numbered
//! (Điều through the document, khoản per Điều, điểm per khoản), Nơi nhận's
//! "- Như Điều N;", and the template context.

use std::path::Path;

use serde_json::{Value, json};

use super::{Prepared, err_at, header, opening_problems, signer, trich_yeu_lines};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::Kind;
use crate::model::common;
use crate::model::ke_hoach::{self, Khoi};
use crate::model::quyet_dinh::{Dieu, QuyetDinh};
use crate::model::{self};
use crate::template::Templates;
use crate::vi;

/// Text without the end punctuation a clerk may have typed.
fn bare(s: &str) -> &str {
    s.trim().trim_end_matches([';', '.', ',', ':']).trim_end()
}

/// The preamble lines (PL I II.6.a): "Căn cứ …;" each, the last line of the
/// preamble (the proposal when there is one) ending with ".".
pub fn preamble(can_cu: &[String], theo_de_nghi: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = can_cu
        .iter()
        .map(|c| {
            let c = bare(c);
            if c.starts_with("Căn cứ") { c.to_owned() } else { format!("Căn cứ {c}") }
        })
        .collect();
    if let Some(p) = theo_de_nghi {
        let p = bare(p);
        let p = p.strip_prefix("Theo đề nghị của").map(str::trim_start).unwrap_or(p);
        lines.push(format!("Theo đề nghị của {p}"));
    }
    let n = lines.len();
    lines.iter_mut().enumerate().for_each(|(i, l)| l.push(if i + 1 == n { '.' } else { ';' }));
    lines
}

/// The articles as body blocks: "Điều 1." …, khoản "1." restarting in each
/// article, điểm "a)" in each khoản (PL I II.6.đ).
pub fn articles(dieu: &[Dieu]) -> Vec<Khoi> {
    let mut out = Vec::new();
    for (i, d) in dieu.iter().enumerate() {
        out.push(Khoi::Dieu {
            so: format!("Điều {}.", i + 1),
            tieu_de: d.tieu_de.clone(),
            noi_dung: d.noi_dung.clone(),
        });
        for (k, khoan) in d.khoan.iter().enumerate() {
            out.push(Khoi::DoanSo { so: format!("{}.", k + 1), noi_dung: khoan.noi_dung.clone() });
            for (j, diem) in khoan.diem.iter().enumerate() {
                out.push(Khoi::DoanSo { so: format!("{})", vi::diem_letter(j)), noi_dung: diem.clone() });
            }
        }
    }
    ke_hoach::end_mark(&mut out);
    out
}

/// The number of the article that names who carries the decision out.
pub fn executing_article(dieu: &[Dieu]) -> Option<usize> {
    dieu.iter().position(|d| d.thi_hanh).map(|i| i + 1)
}

/// Checks a decision and builds its template context.
pub fn context(kind: Kind, path: &Path, text: &str, qd: &QuyetDinh, fonts: &FontSet) -> Result<Value> {
    let mut problems = opening_problems(path, text, fonts, &qd.loai, kind.loai, &qd.nguoi_ky);
    if qd.dieu.is_empty() {
        problems.push(err_at(path, text, "dieu", "dieu", "quyết định cần ít nhất một điều".into()));
    }
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
            .any(|e| vi::fold(bare(e).trim_start_matches("- ")).starts_with(&vi::fold("Như Điều")))
    {
        noi_nhan.insert(0, format!("Như Điều {n}"));
    }
    let measure = fonts.measure();
    Ok(json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("Quyết định: {}", qd.trich_yeu.0.join(" ")),
        "dau": header(&qd.co_quan, common::so_ky_hieu(qd.so, &qd.ky_hieu), &qd.dia_danh, &qd.ngay),
        "ten_loai": kind.ten_loai,
        "trich_yeu": trich_yeu_lines(&qd.trich_yeu, &measure),
        "tham_quyen": qd.tham_quyen.0.iter().map(|l| vi::upper(l)).collect::<Vec<_>>(),
        "can_cu": preamble(&qd.can_cu, qd.theo_de_nghi.as_deref()),
        "cac_khoi": serde_json::to_value(articles(&qd.dieu)).expect("blocks serialise"),
        "ky": signer(&qd.nguoi_ky),
        "noi_nhan": common::noi_nhan_lines(&noi_nhan),
        "luu": common::luu_line(&qd.luu),
    }))
}

/// A decision from its text: checked and rendered to Typst source.
pub fn prepare(
    kind: Kind,
    path: &Path,
    text: &str,
    templates: &Templates,
    fonts: &FontSet,
) -> Result<Prepared> {
    let qd: QuyetDinh = model::parse_yaml(path, text)?;
    let context = context(kind, path, text, &qd, fonts)?;
    super::prepared(kind, path, templates, context, &qd.ngay, &qd.ky_hieu)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quyet_dinh::Khoan;

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
}
