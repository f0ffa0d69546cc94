//! Phụ lục (NĐ30 Phụ lục I, III.1; Mẫu 2.1 and 2.2): the template context
//! of a document's phụ lục, and those in a file of their own; one
//! component for every kind that carries them.

use std::path::Path;

use serde_json::{Value, json};

use super::{Prepared, TepRieng, blocks_json, check_table, err_at, lay_out_tables, title_lines};
use super::{TEXT_WIDTH, TEXT_WIDTH_LANDSCAPE};
use crate::error::{Error, InputError, Result};
use crate::folder::{Folder, parse_once};
use crate::fonts::Measure;
use crate::model::Ngay;
use crate::model::common::{self, Lines, ThoiDiem};
use crate::model::phan_bo::PhanBo;
use crate::model::than::{self, Khoi, PhuLuc};
use crate::render::SourceMap;
use crate::template::Templates;
use crate::vi;

/// The document a phụ lục is attached to, as its "(Kèm theo …)" line and
/// its signature box name it.
pub(crate) struct Goc<'a> {
    /// The document's name in running text: "Kế hoạch", "Quyết định".
    pub ten: &'a str,
    pub so: Option<u32>,
    pub ky_hieu: &'a str,
    pub ngay: &'a Ngay,
    /// Who issued it, after "của" (the agency; a decision's authority).
    pub cua: Option<&'a str>,
    pub dien_tu: bool,
    pub thoi_diem_ky_so: Option<&'a ThoiDiem>,
}

/// Each phụ lục of `list` as the `cac_phu_luc` component takes it; what is
/// wrong in them is added to `problems` (`path`/`text`: the data file).
pub(crate) fn contexts(
    list: &[PhuLuc],
    goc: &Goc,
    folder: &dyn Folder,
    (path, text): (&Path, &str),
    measure: &Measure,
    problems: &mut Vec<InputError>,
) -> Result<Vec<Value>> {
    let so_text = match goc.so {
        Some(n) => vi::pad_number(n),
        None => vi::BLANK.to_owned(),
    };
    let multiple = list.len() > 1;
    let mut out = Vec::new();
    for (i, pl) in list.iter().enumerate() {
        let field = format!("phu_luc[{i}]");
        let mut blocks = match than::number_sections(&pl.noi_dung, 4) {
            Ok(b) => b,
            Err(m) => {
                problems.push(err_at(path, text, "phu_luc", &format!("{field}.noi_dung"), m));
                Vec::new()
            }
        };
        if let Some(file) = &pl.phan_bo {
            match parse_once(folder, file, PhanBo::parse) {
                Err(m) => problems.push(err_at(path, text, "phan_bo", &format!("{field}.phan_bo"), m)),
                Ok(parsed) => match parsed {
                    Ok(pb) => blocks.push(Khoi::Bang(pb.table())),
                    Err(Error::Input(mut es)) => problems.append(&mut es),
                    Err(e) => return Err(e),
                },
            }
        }
        for b in &blocks {
            if let Khoi::Bang(b) = b {
                check_table(b, &format!("{field}.noi_dung"), path, problems);
            }
        }
        let room = if pl.ngang { TEXT_WIDTH_LANDSCAPE } else { TEXT_WIDTH };
        lay_out_tables(&mut blocks, room, measure);
        // A phụ lục's content ends with "./." too (PL I III.1), when it ends
        // with text; a closing table keeps none.
        if !matches!(blocks.last(), None | Some(Khoi::Bang(_))) {
            than::end_mark(&mut blocks);
        }
        let tieu_de = title_lines(&Lines(vec![vi::upper(&pl.tieu_de)]), room, measure);
        let kem_theo = pl.kem_theo.clone().unwrap_or_else(|| {
            let cua = goc.cua.map(|t| format!(" của {t}")).unwrap_or_default();
            // An electronic document's number and date are the system's to
            // fill in when it issues it (PL I III.1.c; E-5).
            let (so, ngay) = if goc.dien_tu {
                (vi::BLANK.to_owned(), Ngay::blank_long_form())
            } else {
                (so_text.clone(), goc.ngay.long_form())
            };
            format!("(Kèm theo {} số {so}/{} {ngay}{cua})", goc.ten, goc.ky_hieu)
        });
        // The agency signs a phụ lục in its own file at its top right
        // (PL I III.1.d; PL-5); one in the document's file with the document.
        let o_ky_so =
            (goc.dien_tu && pl.tep_rieng).then(|| common::o_ky_so(goc.so, goc.ky_hieu, goc.thoi_diem_ky_so));
        out.push(json!({
            "tep_rieng": pl.tep_rieng,
            "o_ky_so": o_ky_so,
            "nhan": if multiple { format!("Phụ lục {}", vi::roman(i as u32 + 1)) } else { "Phụ lục".to_owned() },
            "tieu_de": tieu_de,
            "kem_theo": kem_theo,
            "ngang": pl.ngang,
            "cac_khoi": blocks_json(&blocks),
        }));
    }
    Ok(out)
}

/// The template that lays out a phụ lục alone, in its own file.
const PHU_LUC_RIENG: &str = "phu-luc.typ.j2";

/// `main` with each phụ lục of `context` marked `tep_rieng` as a document
/// of its own (Mẫu 2.2), named after its label: `<file>.phu-luc.pdf`, or
/// `<file>.phu-luc-ii.pdf` when there are several.
pub(crate) fn with_files(mut main: Prepared, context: &Value, templates: &Templates) -> Result<Prepared> {
    let all = context["phu_luc"].as_array().cloned().unwrap_or_default();
    for pl in all.into_iter().filter(|pl| pl["tep_rieng"] == json!(true)) {
        let nhan = pl["nhan"].as_str().unwrap_or("Phụ lục").to_owned();
        let mut alone = context.clone();
        let title = pl["tieu_de"]
            .as_array()
            .map(|l| l.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "));
        alone["tieu_de"] = json!(format!("{nhan}: {}", title.unwrap_or_default()));
        alone["phu_luc"] = json!([pl]);
        let duoi = vi::slug(&nhan);
        let source = templates.render(PHU_LUC_RIENG, alone)?;
        let part = Prepared {
            source,
            map: SourceMap { library_lines: templates.library_lines(), template: PHU_LUC_RIENG.into() },
            today: main.today,
            ident: format!("{}/{duoi}", main.ident),
            folder: main.folder.clone(),
            tep_rieng: Vec::new(),
        };
        main.tep_rieng.push(TepRieng { duoi, prepared: part });
    }
    Ok(main)
}
