//! Biên bản (Mẫu 1.9): the minutes of a meeting and their template context.
//! The fixed labels of the model in its order, the minutes as the plan's
//! blocks, the closing line; THƯ KÝ and CHỦ TỌA sign side by side.

pub mod data;

use crate::rules::*;
use serde_json::{Value, json};

use super::giay_moi_hop::{doan, thanh_phan_blocks};
use crate::compose::{
    KhoiKy, TEXT_WIDTH, err_at, full_stop, header_lines, prepared, signers, trich_yeu_lines,
};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::bien_ban::data::{BienBan, NguoiBienBan};
use crate::model::common;
use crate::model::than::{self, Khoi};
use crate::rules::Rule;
use crate::template::Templates;
use crate::vi;

/// "Hoàng Thị Thu Hà, Phó Giám đốc Sở", as the body names a person.
fn named(p: &NguoiBienBan) -> String {
    match p.chuc_vu.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{}, {c}", p.ho_ten.trim()),
        None => p.ho_ten.trim().to_owned(),
    }
}

/// The body in the model's order (Mẫu 1.9; nd30-kinds.md §7.1, BB-2): start
/// time, place, participants, chair, secretary, the minutes, and the
/// closing line with its end time, ending "./.".
fn body(d: &BienBan, minutes: Vec<Khoi>) -> Vec<Khoi> {
    let ngay = d.ngay.long_form();
    let mut blocks = vec![
        doan(format!("Thời gian bắt đầu: {}, {ngay}.", d.bat_dau)),
        doan(full_stop(&format!("Địa điểm: {}", d.dia_diem.trim()))),
    ];
    blocks.extend(thanh_phan_blocks("Thành phần tham dự", &d.thanh_phan));
    blocks.push(doan(full_stop(&format!("Chủ trì (chủ toạ): {}", named(&d.chu_toa)))));
    blocks.push(doan(full_stop(&format!("Thư ký (người ghi biên bản): {}", named(&d.thu_ky)))));
    blocks.push(doan("Nội dung (theo diễn biến cuộc họp/hội nghị/hội thảo):".into()));
    blocks.extend(minutes);
    blocks.push(doan(format!("Cuộc họp kết thúc vào {}, {ngay}", d.ket_thuc)));
    than::end_mark(&mut blocks);
    blocks
}

/// THƯ KÝ left, CHỦ TỌA right (with the official title under it when
/// given, note 5), no authority prefix (nd30-kinds.md §14).
fn signature(d: &BienBan) -> Value {
    let block = |title: &str, p: &NguoiBienBan| {
        let mut dong_chuc_vu = vec![title.to_owned()];
        dong_chuc_vu.extend(p.chuc_vu_ky.as_deref().map(|c| vi::upper(c.trim())));
        KhoiKy { dong_chuc_vu, ho_ten: p.ho_ten.trim().to_owned() }
    };
    signers(block("THƯ KÝ", &d.thu_ky), block("CHỦ TỌA", &d.chu_toa))
}

/// Checks the minutes and builds their template context.
pub fn context(input: &Input, d: &BienBan, fonts: &FontSet) -> Result<Value> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let mut problems = crate::compose::kind_problems(path, text, fonts, &d.loai, kind.loai);
    problems.extend(crate::compose::noi_nhan_problem(path, text, &d.noi_nhan));
    let mut minutes = than::number_sections(&d.noi_dung, 4).unwrap_or_else(|m| {
        problems.push(err_at(path, text, "noi_dung", "noi_dung", m));
        Vec::new()
    });
    for (i, b) in minutes.iter().enumerate() {
        if let Khoi::Bang(b) = b {
            crate::compose::check_table(b, &format!("noi_dung (bảng thứ {})", i + 1), path, &mut problems);
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let measure = fonts.measure();
    crate::compose::lay_out_tables(&mut minutes, TEXT_WIDTH, &measure);
    Ok(json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("{}: {}", kind.ten, d.trich_yeu.0.join(" ")),
        "dau": header_lines(&d.co_quan, common::so_ky_hieu(d.so, &d.ky_hieu)),
        "ten_loai": kind.ten_loai,
        "trich_yeu": trich_yeu_lines(&d.trich_yeu, &measure),
        "cac_khoi": crate::compose::blocks_json(&body(d, minutes)),
        "ky": signature(d),
        "noi_nhan": common::noi_nhan_lines(&d.noi_nhan),
        "luu": common::luu_line(&d.luu),
    }))
}

/// Minutes of a meeting (Mẫu 1.9).
pub struct BienBanDoc;

impl Doc for BienBanDoc {
    type Data = BienBan;

    fn rules(input: &Input, d: &BienBan) -> Vec<Rule> {
        bien_ban_rules(input, d)
    }

    fn prepare(input: &Input, d: BienBan, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let context = context(input, &d, fonts)?;
        prepared(input.kind, input.path, templates, context, &d.ngay, &d.ky_hieu).map(Made::One)
    }
}

/// Minutes (Mẫu 1.9): BB-1's type code, the fields the body names, the
/// end after the start, no academic title before either signer's name.
fn bien_ban_rules(input: &Input, d: &BienBan) -> Vec<Rule> {
    let mut out: Vec<Rule> = symbol_rules(input.kind, &d.ky_hieu).collect();
    out.extend(noi_nhan_findings(&d.noi_nhan, &d.luu));
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[
        ("trich_yeu", &d.trich_yeu.0.join(" ")),
        ("dia_diem", &d.dia_diem),
        ("thanh_phan", &d.thanh_phan.0.join(" ")),
        ("chu_toa.ho_ten", &d.chu_toa.ho_ten),
        ("thu_ky.ho_ten", &d.thu_ky.ho_ten),
    ]));
    if d.ket_thuc <= d.bat_dau {
        out.push((
            "ket_thuc".into(),
            MucDo::Loi,
            format!(
                "cuộc họp kết thúc lúc {} nhưng bắt đầu lúc {}: giờ kết thúc phải sau giờ bắt đầu",
                d.ket_thuc, d.bat_dau
            ),
        ));
    }
    out.extend(title_before_name("chu_toa.ho_ten", &d.chu_toa.ho_ten));
    out.extend(title_before_name("thu_ky.ho_ten", &d.thu_ky.ho_ten));
    out
}
