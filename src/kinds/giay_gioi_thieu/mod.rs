//! Giấy giới thiệu (Mẫu 1.8) and its template context: the title without
//! trích yếu, "… trân trọng giới thiệu:", the decree's labels in order, the
//! two fixed sentences, the signature.

pub mod data;

use crate::model::common::VanBan;
use crate::rules::*;
use serde_json::json;

use crate::compose::{Prepared, full_stop, header, prepared, signer};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::giay_gioi_thieu::data::GiayGioiThieu;
use crate::model::common;
use crate::model::than::Khoi;
use crate::rules::Rule;
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
        giay_gioi_thieu_rules(input, d)
    }

    fn prepare(input: &Input, d: GiayGioiThieu, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        prepare(input, d, templates, fonts).map(Made::One)
    }
}

/// A letter of introduction checked, and rendered to Typst source.
fn prepare(input: &Input, d: GiayGioiThieu, templates: &Templates, fonts: &FontSet) -> Result<Prepared> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let mut problems = crate::compose::opening_problems(path, text, fonts, &d.loai, kind.loai, &d.nguoi_ky);
    problems.extend(crate::compose::noi_nhan_problem(path, text, &d.noi_nhan));
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
        "cac_khoi": crate::compose::blocks_json(&body(&d)),
        "ky": signer(&d.nguoi_ky),
        "noi_nhan": common::noi_nhan_lines(&d.noi_nhan),
        "luu": common::luu_line(&d.luu),
    });
    prepared(kind, path, templates, context, &d.ngay, &d.ky_hieu)
}

/// A Giấy giới thiệu (Mẫu 1.8): no trích yếu (GGT-1), /GGT- (GGT-3), the
/// labels of its body filled in and its validity date, after the date it
/// is signed (GGT-2); "Như trên" first in Nơi nhận, as the template has it.
fn giay_gioi_thieu_rules(input: &Input, d: &GiayGioiThieu) -> Vec<Rule> {
    let kind = input.kind;
    let cite = "(NĐ30, Phụ lục III, Mẫu 1.8)";
    let mut out = common_rules(kind, d.chung());
    if d.trich_yeu.is_some() {
        out.push((
            "trich_yeu".into(),
            MucDo::Loi,
            format!("giấy giới thiệu không có trích yếu: dưới tên loại 'GIẤY GIỚI THIỆU' chỉ có đường kẻ; bỏ khóa 'trich_yeu', ghi việc được cử đi ở khóa 've_viec' {cite}"),
        ));
    }
    out.extend(empty_findings(&[
        ("ho_ten", &d.ho_ten),
        ("chuc_vu", &d.chuc_vu),
        ("duoc_cu_den", &d.duoc_cu_den),
        ("ve_viec", &d.ve_viec),
    ]));
    match &d.co_gia_tri_den {
        None => out.push((
            "co_gia_tri_den".into(),
            MucDo::Loi,
            format!("giấy giới thiệu phải ghi thời hạn 'Giấy này có giá trị đến hết ngày …': thêm khóa 'co_gia_tri_den' (ví dụ 'co_gia_tri_den: 30/6/2025') {cite}"),
        )),
        Some(n) if n.day.is_none() => out.push((
            "co_gia_tri_den".into(),
            MucDo::Loi,
            format!("thời hạn '{}' thiếu ngày: 'Giấy này có giá trị đến hết ngày …' cần ngày, tháng, năm (dd/mm/yyyy) {cite}", n.short_form()),
        )),
        Some(n) => out.extend(date_order(&d.ngay, n, "co_gia_tri_den", "ngày ký giấy giới thiệu")),
    }
    match d.noi_nhan.iter().position(|n| n.mot().is_some_and(crate::model::common::is_nhu_tren)) {
        Some(0) => {}
        _ => out.push((
            "noi_nhan".into(),
            MucDo::CanhBao,
            format!("Nơi nhận của giấy giới thiệu bắt đầu bằng '- Như trên;' (nơi được cử đến) {cite}"),
        )),
    }
    out
}
