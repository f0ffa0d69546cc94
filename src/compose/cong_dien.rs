//! Công điện (Mẫu 1.6) and its template context: a plan's (title block,
//! body, signer, Nơi nhận) with the "<sender> điện:" line and the
//! recipients in place of Kính gửi.

use serde_json::{Value, json};

use super::{ke_hoach_context, prepared};
use crate::check::Rule;
use crate::error::Result;
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::model::common;
use crate::model::cong_dien::{CongDienParts, Dien};
use crate::model::ke_hoach::KeHoach;
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
        crate::check::cong_dien_rules(input, d)
    }

    fn prepare(input: &Input, d: CongDienParts, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let context = context(input, &d.plan, &d.dien, fonts)?;
        prepared(input.kind, input.path, templates, context, &d.plan.ngay, &d.plan.ky_hieu).map(Made::One)
    }
}
