//! Công điện (Mẫu 1.6) and its template context: a plan's (title block,
//! body, signer, Nơi nhận) with the "<sender> điện:" line and the
//! recipients in place of Kính gửi.

pub mod data;

use crate::model::common::VanBan;
use crate::rules::*;
use serde_json::{Value, json};

use super::ke_hoach::ke_hoach_context;
use crate::compose::prepared;
use crate::error::Result;
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::cong_dien::data::{CongDienParts, Dien};
use crate::kinds::ke_hoach::data::KeHoach;
use crate::model::common;
use crate::rules::Rule;
use crate::template::Templates;

/// The plan's context with the sender line and its "- …;" recipients.
pub fn context(input: &Input, plan: &KeHoach, dien: &Dien, fonts: &FontSet) -> Result<Value> {
    let mut context = ke_hoach_context(input, plan, fonts)?;
    let nguoi_dien = dien.nguoi_dien.as_deref().map(str::trim).unwrap_or_default();
    context["nguoi_dien"] = json!(nguoi_dien);
    context["noi_nhan_dien"] = json!(common::dash_lines(&dien.noi_nhan_dien));
    Ok(context)
}

/// A Công điện (Mẫu 1.6).
pub struct CongDienDoc;

impl Doc for CongDienDoc {
    type Data = CongDienParts;

    fn rules(input: &Input, d: &CongDienParts) -> Vec<Rule> {
        cong_dien_rules(input, d)
    }

    fn prepare(input: &Input, d: CongDienParts, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let context = context(input, &d.plan, &d.dien, fonts)?;
        prepared(input.kind, input.path, templates, context, &d.plan.ngay, &d.plan.ky_hieu).map(Made::One)
    }
}

/// A Công điện (Mẫu 1.6): /CĐ- (CD-1), its sender line (CD-2) and at
/// least one recipient (CD-3); trích yếu, signer and Nơi nhận as a plan's.
fn cong_dien_rules(input: &Input, d: &CongDienParts) -> Vec<Rule> {
    let kind = input.kind;
    let (plan, dien) = (&d.plan, &d.dien);
    let mut out = common_rules(kind, plan.chung());
    out.extend(wide_trich_yeu(&plan.trich_yeu));
    out.extend(empty_findings(&[("trich_yeu", &plan.trich_yeu.0.join(" "))]));
    let cite = "(NĐ30, Phụ lục III, Mẫu 1.6)";
    if dien.nguoi_dien.as_deref().is_none_or(|n| n.trim().is_empty()) {
        out.push((
            "nguoi_dien".into(),
            MucDo::Loi,
            format!(
                "công điện phải ghi tên cơ quan hoặc chức danh người đứng đầu gửi điện ở khóa 'nguoi_dien' (dòng '… điện:', ví dụ 'nguoi_dien: GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO') {cite}"
            ),
        ));
    }
    if dien.noi_nhan_dien.iter().all(|n| n.trim().is_empty()) {
        out.push((
            "noi_nhan_dien".into(),
            MucDo::Loi,
            format!("công điện phải ghi cơ quan, tổ chức nhận điện ở khóa 'noi_nhan_dien' (các dòng '- …;' dưới dòng '… điện:') {cite}"),
        ));
    }
    // Its recipients stand where a Kính gửi would: "Như trên" names them.
    out.extend(nhu_tren_rules(!dien.noi_nhan_dien.is_empty(), &plan.noi_nhan));
    out
}
