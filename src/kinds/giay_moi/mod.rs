//! Giấy mời: the batch's checks and one template context per letter.

pub mod data;

use crate::model::common::VanBan;
use crate::rules::*;
use std::path::Path;

use serde_json::{Value, json};

use crate::compose::{Item, Prepared, PreparedBatch, err_at, today_of};
use crate::error::{Error, InputError, Result};
use crate::folder::parse_once;
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::giay_moi::data::{GiayMoi, Thu};
use crate::model::common::{self, Ngay};
use crate::model::phan_bo::PhanBo;
use crate::model::{self};
use crate::render::SourceMap;
use crate::rules::Rule;
use crate::template::Templates;
use crate::vi;

/// "17-18/6/2025", "30/6-01/7/2025": the decree's padding for days and months.
fn date_range(a: &Ngay, b: &Ngay) -> String {
    let d = |n: &Ngay| n.day.map(vi::pad_day).unwrap_or_default();
    if a.year == b.year && a.month == b.month {
        format!("{}-{}/{}/{}", d(a), d(b), vi::pad_month(a.month), a.year)
    } else {
        format!("{}/{}-{}/{}/{}", d(a), vi::pad_month(a.month), d(b), vi::pad_month(b.month), b.year)
    }
}

fn letter_context(gm: &GiayMoi, thu: &Thu, order: usize, ten_goi: &str) -> Value {
    let h = &thu.don_vi;
    let mut rows: Vec<Vec<String>> = thu
        .suat
        .iter()
        .map(|s| {
            vec![
                s.lop.ma.clone(),
                s.chuong_trinh.clone(),
                s.so_hoc_vien.to_string(),
                date_range(&s.lop.tu_ngay, &s.lop.den_ngay),
            ]
        })
        .collect();
    if rows.len() > 1 {
        let total: u32 = thu.suat.iter().map(|s| s.so_hoc_vien).sum();
        rows.push(vec!["Tổng".into(), String::new(), total.to_string(), String::new()]);
    }
    let thoi_gian: Vec<String> = thu
        .suat
        .iter()
        .map(|s| {
            let gio = s.lop.gio_bat_dau.as_deref().unwrap_or(&gm.gio_bat_dau);
            format!(
                "lớp {} từ {gio} {} đến hết {} ({} ngày)",
                s.lop.ma,
                s.lop.tu_ngay.long_form(),
                s.lop.den_ngay.long_form(),
                vi::pad_number(s.lop.days() as u32)
            )
        })
        .collect();
    let mut places: Vec<&str> = Vec::new();
    for s in &thu.suat {
        let p = s.lop.dia_diem.as_deref().unwrap_or(&gm.dia_diem);
        if !places.contains(&p) {
            places.push(p);
        }
    }
    let end = crate::compose::full_stop;
    let mut cuoi: Vec<String> = gm.luu_y.iter().map(|s| end(s)).collect();
    if let Some(l) = &gm.lien_he {
        cuoi.push(end(l));
    }
    let mut dia_diem = end(&format!("Địa điểm: {}", places.join("; ")));
    // The content ends with the decree's "./." (every template of PL III).
    let last = cuoi.last_mut().unwrap_or(&mut dia_diem);
    last.push_str("/.");
    let noi_nhan: Vec<common::Nhan> = gm
        .noi_nhan
        .iter()
        .map(|n| n.map(|t| t.replace("{don_vi}", &h.full_name()).replace("{huyen}", &h.full_name())))
        .collect();
    let ubnd = format!("Ủy ban nhân dân {}", h.full_name());
    json!({
        "ten": h.display_name(),
        "dau": {
            "chu_quan": gm.co_quan.chu_quan_lines(),
            "ban_hanh": gm.co_quan.ban_hanh_lines(),
            "so_ky_hieu": common::so_ky_hieu(gm.number_of(order), &gm.ky_hieu),
            "dia_danh_ngay": format!("{}, {}", gm.dia_danh, gm.ngay.long_form()),
            "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        },
        "ten_loai": "GIẤY MỜI",
        "trich_yeu": gm.trich_yeu.0,
        "kinh_moi": format!("{ten_goi} trân trọng kính mời: {ubnd}"),
        "noi_dung_moi": gm.noi_dung_moi,
        "bang": {
            "cot": ["Lớp", "Chương trình", "Số học viên", "Thời gian"],
            "dong": rows,
            "do_rong": ["22mm", "1fr", "26mm", "34mm"],
            "can_le": ["center", "left", "center", "center"],
            "dong_cuoi_dam": thu.suat.len() > 1,
        },
        "chu_tri": end(&format!("Chủ trì: {}", gm.chu_tri)),
        "thoi_gian": format!("Thời gian: {}.", thoi_gian.join("; ")),
        "dia_diem": dia_diem,
        "cuoi": cuoi,
        "ky": { "dong_chuc_vu": gm.nguoi_ky.title_lines(), "ho_ten": gm.nguoi_ky.ho_ten },
        "noi_nhan": common::noi_nhan_lines(&noi_nhan),
        "luu": common::luu_line(&gm.luu),
    })
}

/// The agency's name in running text, for "… trân trọng kính mời:"; empty,
/// with the problem added to `problems`, when the data has none.
pub(crate) fn ten_goi(
    co_quan: &common::CoQuan,
    path: &Path,
    text: &str,
    problems: &mut Vec<InputError>,
) -> String {
    ten_goi_for(co_quan, path, text, "giấy mời", "trân trọng kính mời", problems)
}

/// The same for a `what` (a kind's name) whose sentence `cau` ("trân
/// trọng giới thiệu") follows the name.
pub(crate) fn ten_goi_for(
    co_quan: &common::CoQuan,
    path: &Path,
    text: &str,
    what: &str,
    cau: &str,
    problems: &mut Vec<InputError>,
) -> String {
    co_quan.ten_goi.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        problems.push(err_at(
            path,
            text,
            "co_quan",
            "co_quan.ten_goi",
            format!(
                "{} cần tên cơ quan trong câu văn ('ten_goi', ví dụ 'Sở Dân tộc và Tôn giáo') cho dòng \"… {cau}\"",
                what.to_lowercase()
            ),
        ));
        String::new()
    })
}

/// The invitations of a plan, one per unit (Mẫu 1.7).
pub struct GiayMoiDoc;

impl Doc for GiayMoiDoc {
    type Data = GiayMoi;
    const BATCH: bool = true;

    fn rules(input: &Input, gm: &GiayMoi) -> Vec<Rule> {
        giay_moi_rules(input, gm)
    }

    fn prepare(input: &Input, gm: GiayMoi, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        prepare(input, gm, templates, fonts).map(Made::Batch)
    }
}

/// Prepares every letter of an invitation batch it can.
fn prepare(input: &Input, gm: GiayMoi, templates: &Templates, fonts: &FontSet) -> Result<PreparedBatch> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    // A trích yếu given as one string breaks into balanced lines, as the plan's.
    let gm = GiayMoi {
        trich_yeu: common::Lines(crate::compose::trich_yeu_lines(&gm.trich_yeu, &fonts.measure())),
        ..gm
    };
    let mut problems: Vec<InputError> =
        crate::compose::opening_problems(path, text, fonts, &gm.loai, kind.loai, &gm.nguoi_ky);
    problems.extend(crate::compose::noi_nhan_problem(path, text, &gm.noi_nhan));
    let ten_goi = ten_goi(&gm.co_quan, path, text, &mut problems);
    let phan_bo = match parse_once(input.folder, &gm.phan_bo, PhanBo::parse) {
        Err(m) => {
            problems.push(err_at(path, text, "phan_bo", "phan_bo", m));
            None
        }
        Ok(parsed) => match parsed {
            Ok(pb) => Some(pb),
            Err(Error::Input(mut es)) => {
                problems.append(&mut es);
                None
            }
            Err(e) => return Err(e),
        },
    };
    let Some(phan_bo) = phan_bo else {
        return Err(Error::Input(problems));
    };
    let plan = gm.letters(path, &phan_bo);
    let places = model::locate::Locations::of(text);
    let place = |mut e: InputError| {
        if e.line.is_none() {
            e.line = places.line(&e.field);
        }
        e
    };
    problems.extend(plan.loi_chung.into_iter().map(place));
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    // A class that does not add up is reported once, at its line; the
    // letters of its units point there.
    let class_problems: Vec<(usize, InputError)> =
        plan.loi_lop.into_iter().map(|(i, e)| (i, place(e))).collect();
    let class_reason = |i: usize| {
        let (_, e) = class_problems.iter().find(|(j, _)| *j == i).expect("class problem");
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        format!("lớp {} không đúng số học viên ({}{at})", gm.lop[i].ma, path.display())
    };
    // Unit names come from the allocation file: check its characters too.
    let mut order = 0;
    let items = plan
        .thu
        .iter()
        .map(|thu| {
            let name = thu.don_vi.display_name();
            let file = crate::batch::FileNames::padded(2).numbered(thu.stt, &name);
            let mut loi = thu.loi.clone();
            if let Some(c) = name.chars().find(|c| fonts.missing_face(*c).is_some()) {
                loi.push(format!("tên '{name}' có ký tự '{c}' mà phông chữ không có"));
            }
            let reported = loi.is_empty() && !thu.lop_sai.is_empty();
            loi.extend(thu.lop_sai.iter().map(|i| class_reason(*i)));
            let result = if loi.is_empty() {
                let ctx = letter_context(&gm, thu, order, &ten_goi);
                order += 1;
                Ok(ctx)
            } else {
                Err(loi.join("; "))
            };
            Item { name, file, row: None, result, reported }
        })
        .collect();
    let template = kind.template;
    Ok(PreparedBatch {
        items,
        skipped: plan.bo_qua,
        problems: class_problems.into_iter().map(|(_, e)| e).collect(),
        shared: json!({ "phong_chu": fonts.family, "tieu_de": format!("Giấy mời: {}", gm.trich_yeu.0.join(" ")) }),
        template,
        base: Prepared {
            source: String::new(),
            map: SourceMap { library_lines: templates.library_lines(), template: template.into() },
            today: today_of(&gm.ngay),
            ident: format!("{}/{}", kind.loai, gm.ky_hieu),
            folder: path.parent().map(Path::to_owned).unwrap_or_else(|| std::path::PathBuf::from(".")),
            tep_rieng: Vec::new(),
        },
        list: None,
        preamble: None,
    })
}

/// An invitation batch: its own dates in order, and after its plan's.
fn giay_moi_rules(input: &Input, d: &GiayMoi) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[
        ("chu_tri", &d.chu_tri),
        ("dia_diem", &d.dia_diem),
        ("gio_bat_dau", &d.gio_bat_dau),
    ]));
    for (i, lop) in d.lop.iter().enumerate() {
        out.extend(date_order(&d.ngay, &lop.tu_ngay, &format!("lop[{i}].tu_ngay"), "ngày ký giấy mời"));
        out.extend(date_order(
            &lop.tu_ngay,
            &lop.den_ngay,
            &format!("lop[{i}].den_ngay"),
            "ngày bắt đầu lớp",
        ));
    }
    // An invitation implements the plan of the same folder.
    if let Some(plan) = sibling_plan(input.folder) {
        out.extend(date_order(&plan.ngay, &d.ngay, "ngay", "ngày của Kế hoạch mà giấy mời thực hiện"));
    }
    out
}
