//! Giấy giới thiệu (Mẫu 1.8) and its template context: the title without
//! trích yếu, "… trân trọng giới thiệu:", the decree's labels in order, the
//! two fixed sentences, the signature.

use serde_json::json;

use super::{Prepared, full_stop, header, prepared, signer};
use crate::check::Rule;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::model::common;
use crate::model::giay_gioi_thieu::GiayGioiThieu;
use crate::model::ke_hoach::Khoi;
use crate::template::Templates;
use crate::vi;

/// "Ông (bà)" when the data names no form of address (the template's).
const XUNG_HO: &str = "Ông (bà)";

fn doan(noi_dung: String) -> Khoi {
    Khoi::Doan { noi_dung }
}

/// The body lines of Mẫu 1.8 in its order (nd30-kinds.md §6, GGT-2). The
/// fixed request names the person as the form of address does ("ông",
/// "bà"), the template's "ông (bà)" otherwise.
fn body(d: &GiayGioiThieu) -> Vec<Khoi> {
    // Without a date the form's blanks, to fill by hand; `check` refuses
    // it (GGT-2), so `build` and `render` never print it.
    let het_han = d
        .co_gia_tri_den
        .as_ref()
        .map(common::Ngay::long_form)
        .unwrap_or_else(|| format!("ngày {b} tháng {b} năm {b}", b = vi::BLANK));
    let xung_ho = d.xung_ho.as_deref().map(str::trim).unwrap_or(XUNG_HO);
    vec![
        doan(format!("{xung_ho} {}", d.ho_ten.trim())),
        doan(format!("Chức vụ: {}", d.chuc_vu.trim())),
        doan(format!("Được cử đến: {}", d.duoc_cu_den.trim())),
        doan(full_stop(&format!("Về việc: {}", d.ve_viec.trim()))),
        doan(format!(
            "Đề nghị Quý cơ quan tạo điều kiện để {} có tên ở trên hoàn thành nhiệm vụ.",
            xung_ho.to_lowercase()
        )),
        doan(format!("Giấy này có giá trị đến hết {het_han}./.")),
    ]
}

/// A letter of introduction (Mẫu 1.8).
pub struct GiayGioiThieuDoc;

impl Doc for GiayGioiThieuDoc {
    type Data = GiayGioiThieu;

    fn rules(input: &Input, d: &GiayGioiThieu) -> Vec<Rule> {
        crate::check::giay_gioi_thieu_rules(input, d)
    }

    fn prepare(input: &Input, d: GiayGioiThieu, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        prepare(input, d, templates, fonts).map(Made::One)
    }
}

/// A letter of introduction checked, and rendered to Typst source.
fn prepare(input: &Input, d: GiayGioiThieu, templates: &Templates, fonts: &FontSet) -> Result<Prepared> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let mut problems = super::opening_problems(path, text, fonts, &d.loai, kind.loai, &d.nguoi_ky);
    problems.extend(super::noi_nhan_problem(path, text, &d.noi_nhan));
    let ten_goi = super::giay_moi::ten_goi_for(
        &d.co_quan,
        path,
        text,
        kind.ten,
        "trân trọng giới thiệu",
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let context = json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("{}: {}", kind.ten, d.ho_ten.trim()),
        "dau": header(&d.co_quan, common::so_ky_hieu(d.so, &d.ky_hieu), &d.dia_danh, &d.ngay),
        "ten_loai": vi::upper(kind.ten_loai),
        "gioi_thieu": format!("{ten_goi} trân trọng giới thiệu:"),
        "cac_khoi": super::blocks_json(&body(&d)),
        "ky": signer(&d.nguoi_ky),
        "noi_nhan": common::noi_nhan_lines(&d.noi_nhan),
        "luu": common::luu_line(&d.luu),
    });
    prepared(kind, path, templates, context, &d.ngay, &d.ky_hieu)
}
