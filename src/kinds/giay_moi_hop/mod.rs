//! Giấy mời họp: one meeting invitation (Mẫu 1.7) and its template context.
//! The body is a list of the plan's blocks, so that the signature keeps the
//! last of them on its page as in every other kind.

pub mod data;

use crate::model::common::VanBan;
use crate::rules::*;
use serde_json::json;

use crate::compose::{Prepared, full_stop, header, prepared, sentence_case, signer, trich_yeu_lines};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::kinds::giay_moi_hop::data::GiayMoiHop;
use crate::model::common::{self, Lines};
use crate::model::than::{self, Khoi};
use crate::rules::Rule;
use crate::template::Templates;
use crate::vi;

/// "Thành phần: X." (`nhan`: "Thành phần") for one participant; the
/// label, then "- …;" lines, the last ending in "." (as Kính gửi's).
pub(super) fn thanh_phan_blocks(nhan: &str, thanh_phan: &Lines) -> Vec<Khoi> {
    match thanh_phan.0.as_slice() {
        [one] => vec![doan(full_stop(&format!("{nhan}: {}", one.trim())))],
        many => {
            std::iter::once(doan(format!("{nhan}:")))
                .chain(common::kinh_gui_lines(many).into_iter().map(|l| Khoi::Gach {
                    dau: "-",
                    noi_dung: l.strip_prefix("- ").unwrap_or(&l).to_owned(),
                }))
                .collect()
        }
    }
}

pub(super) fn doan(noi_dung: String) -> Khoi {
    Khoi::Doan { noi_dung }
}

/// The body in the decree's order (nd30.md §5; §8 rule 18): the invitation,
/// what the meeting is about, Chủ trì, Thời gian, Địa điểm, Thành phần,
/// the points to note; the last ends "./.".
fn body(d: &GiayMoiHop, ten_goi: &str) -> Vec<Khoi> {
    // With no one named in the sentence, the participants listed are the
    // ones invited: "… trân trọng kính mời:" and their list under it.
    let thanh_phan_moi = match (&d.kinh_moi, &d.thanh_phan) {
        (None, Some(t)) if d.kinh_gui.is_none() && !t.0.is_empty() => Some(t),
        _ => None,
    };
    let mut blocks = match thanh_phan_moi {
        Some(t) => thanh_phan_blocks(&format!("{ten_goi} trân trọng kính mời"), t),
        None => {
            let moi = d.kinh_moi.as_deref().unwrap_or("đại diện lãnh đạo quý cơ quan");
            vec![doan(format!("{ten_goi} trân trọng kính mời: {}", moi.trim()))]
        }
    };
    blocks.extend(d.noi_dung.iter().map(|p| doan(p.clone())));
    blocks.extend(d.bang.iter().cloned().map(Khoi::Bang));
    for (nhan, gia_tri) in [("Chủ trì", &d.chu_tri), ("Thời gian", &d.thoi_gian), ("Địa điểm", &d.dia_diem)]
    {
        blocks.push(doan(full_stop(&format!("{nhan}: {}", gia_tri.trim()))));
    }
    if let Some(t) = d.thanh_phan.as_ref().filter(|_| thanh_phan_moi.is_none()) {
        blocks.extend(thanh_phan_blocks("Thành phần", t));
    }
    blocks.extend(d.chuan_bi.iter().map(|p| doan(p.clone())));
    than::end_mark(&mut blocks);
    blocks
}

/// A meeting invitation (Mẫu 1.7).
pub struct GiayMoiHopDoc;

impl Doc for GiayMoiHopDoc {
    type Data = GiayMoiHop;

    fn rules(input: &Input, d: &GiayMoiHop) -> Vec<Rule> {
        giay_moi_hop_rules(input, d)
    }

    fn prepare(input: &Input, d: GiayMoiHop, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        prepare(input, d, templates, fonts).map(Made::One)
    }
}

/// A meeting invitation checked, and rendered to Typst source.
fn prepare(input: &Input, d: GiayMoiHop, templates: &Templates, fonts: &FontSet) -> Result<Prepared> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let mut problems = crate::compose::opening_problems(path, text, fonts, &d.loai, kind.loai, &d.nguoi_ky);
    problems.extend(crate::compose::noi_nhan_problem(path, text, &d.noi_nhan));
    let ten_goi = super::giay_moi::ten_goi(&d.co_quan, path, text, &mut problems);
    if let Some(b) = &d.bang {
        crate::compose::check_table(b, "bang", path, &mut problems);
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let ten_loai = d.ten_loai.clone().unwrap_or_else(|| kind.ten_loai.into());
    let kinh_gui = d.kinh_gui.as_ref().map(|k| common::kinh_gui_entries(&k.0));
    let noi_nhan = crate::compose::nhu_tren_first(&d.noi_nhan, kinh_gui.is_some());
    let context = json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("{}: {}", sentence_case(&ten_loai), d.trich_yeu.0.join(" ")),
        "dau": header(&d.co_quan, common::so_ky_hieu(d.so, &d.ky_hieu), &d.dia_danh, &d.ngay),
        "ten_loai": vi::upper(&ten_loai),
        "trich_yeu": trich_yeu_lines(&d.trich_yeu, &fonts.measure()),
        "kinh_gui": kinh_gui,
        "cac_khoi": crate::compose::blocks_json(&body(&d, &ten_goi)),
        "ky": signer(&d.nguoi_ky),
        "noi_nhan": common::noi_nhan_lines(&noi_nhan),
        "luu": common::luu_line(&d.luu),
    });
    prepared(kind, path, templates, context, &d.ngay, &d.ky_hieu)
}

/// One meeting invitation: its invitees (Kính gửi) and "Như trên", and
/// the three facts rule 18 asks for.
fn giay_moi_hop_rules(input: &Input, d: &GiayMoiHop) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    // The decree's Giấy mời names its invitee in "… trân trọng kính mời:"
    // (nd30.md §5): with `kinh_moi` given, or the participants listed in
    // `thanh_phan` (then the ones invited), no Kính gửi line is needed.
    let named = d.kinh_moi.as_deref().is_some_and(|m| !m.trim().is_empty())
        || d.thanh_phan.as_ref().is_some_and(|t| t.0.iter().any(|l| !l.trim().is_empty()));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan).into_iter().filter(
        |(field, muc_do, _)| !(named && d.kinh_gui.is_none() && field == "kinh_gui" && *muc_do == MucDo::Loi),
    ));
    out.extend(empty_findings(&[
        ("trich_yeu", &d.trich_yeu.0.join(" ")),
        ("chu_tri", &d.chu_tri),
        ("thoi_gian", &d.thoi_gian),
        ("dia_diem", &d.dia_diem),
    ]));
    out
}
