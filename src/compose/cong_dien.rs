//! Công điện (Mẫu 1.6) and its template context: a plan's (title block,
//! body, signer, Nơi nhận) with the "<sender> điện:" line and the
//! recipients in place of Kính gửi.

use serde_json::{Value, json};

use super::{Prepared, ke_hoach_context, prepared};
use crate::error::Result;
use crate::fonts::FontSet;
use crate::kind::Input;
use crate::model::common;
use crate::model::cong_dien::{CongDien, Dien};
use crate::model::ke_hoach::KeHoach;
use crate::model::{self};
use crate::template::Templates;

/// The plan's context with the sender line and its "- …;" recipients.
pub fn context(input: &Input, plan: &KeHoach, dien: &Dien, fonts: &FontSet) -> Result<Value> {
    let mut context = ke_hoach_context(input, plan, fonts)?;
    let nguoi_dien = dien.nguoi_dien.as_deref().map(str::trim).unwrap_or_default();
    context["nguoi_dien"] = json!(nguoi_dien);
    context["noi_nhan_dien"] = json!(common::dash_lines(&dien.noi_nhan_dien));
    Ok(context)
}

/// A Công điện from its text: checked, and rendered to Typst source.
pub fn prepare(input: &Input, templates: &Templates, fonts: &FontSet) -> Result<Prepared> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let d: CongDien = model::parse_yaml(path, text)?;
    let (plan, dien) = d.into_parts();
    let context = context(input, &plan, &dien, fonts)?;
    prepared(kind, path, templates, context, &plan.ngay, &plan.ky_hieu)
}
