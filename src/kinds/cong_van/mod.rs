//! Công văn (Mẫu 1.5): a plan's body without tên loại, the trích yếu as
//! "V/v …" under the number, Kính gửi, the address footer (ô 13).

pub mod data;

use crate::compose;
use serde_json::{Value, json};

use crate::compose::*;
use crate::error::Result;
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::cong_van::data::CongVanParts;
use crate::kinds::ke_hoach::data::KeHoach;
use crate::model::common::{Lines, VanBan};
use crate::rules::*;
use crate::template::Templates;

/// A công văn's context: the plan's (body, phụ lục, Kính gửi, signer, Nơi
/// nhận) without the title block, the V/v lines in the header, and the
/// footer's lines.
/// `plan` and `chan_trang` are the parts of a [`CongVan`].
pub fn cong_van_context(
    input: &Input,
    plan: &KeHoach,
    chan_trang: Option<&Lines>,
    fonts: &FontSet,
) -> Result<Value> {
    let kind = input.kind;
    let mut context = super::ke_hoach::ke_hoach_context(input, plan, fonts)?;
    let vv = vv_lines(&plan.trich_yeu, &fonts.measure());
    if let Value::Object(map) = &mut context {
        map.remove("ten_loai");
        map.remove("trich_yeu");
        map.insert("tieu_de".into(), json!(format!("{}: {}", kind.ten, vv.join(" "))));
        map.insert("chan_trang".into(), json!(chan_trang.map(|l| &l.0)));
    }
    context["dau"]["trich_yeu"] = json!(vv);
    Ok(context)
}

/// A Công văn (Mẫu 1.5).
pub struct CongVanDoc;

impl Doc for CongVanDoc {
    type Data = CongVanParts;

    fn rules(input: &Input, cv: &CongVanParts) -> Vec<Rule> {
        cong_van_rules(input, &cv.plan)
    }

    fn prepare(input: &Input, cv: CongVanParts, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let CongVanParts { plan, chan_trang } = cv;
        let context = cong_van_context(input, &plan, chan_trang.as_ref(), fonts)?;
        let main = prepared(input.kind, input.path, templates, context.clone(), &plan.ngay, &plan.ky_hieu)?;
        crate::compose::phu_luc::with_files(main, &context, templates).map(Made::One)
    }
}

/// A Công văn (Mẫu 1.5): its ký hiệu without a type code (CV-3), a
/// trích yếu for its V/v line, explicit V/v lines that fit the header's
/// left column; Kính gửi and the rest as a plan's.
fn cong_van_rules(input: &Input, d: &KeHoach) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    let subject = d.trich_yeu.0.iter().map(|l| compose::vv_subject(l)).collect::<Vec<_>>().join(" ");
    if subject.trim_end_matches('.').trim().is_empty() {
        out.push((
            "trich_yeu".into(),
            MucDo::Loi,
            "công văn phải có trích yếu nội dung, in thành dòng 'V/v …' dưới số, ký hiệu (NĐ30, Phụ lục I, II.5.b)"
                .into(),
        ));
    }
    let vv = compose::vv_text(&d.trich_yeu);
    out.extend(wide_lines_in(&vv, compose::LEFT_COLUMN, compose::VV, "cột trái phần đầu văn bản"));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan));
    out.extend(ky_so_findings(d.dien_tu, d.phu_luc.iter().any(|p| p.tep_rieng), &d.thoi_diem_ky_so));
    out
}
