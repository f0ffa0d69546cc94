//! The Mẫu 1.4 family (Kế hoạch, Tờ trình, Thông báo, Báo cáo, Hướng dẫn,
//! Chương trình): one structure, each with its own tên loại and type code.

pub mod data;

use serde_json::{Value, json};

use crate::compose::phu_luc;
use crate::compose::*;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kind::{Doc, Input, Made};
use crate::model::common::{self, VanBan};
use std::collections::BTreeMap;

use crate::model::so_lieu::{self, SoLieu};
use crate::model::than::{self, Khoi, LoaiBangSoLieu, Node};
use crate::rules::*;
use crate::template::Templates;
use crate::vi;
use data::{KeHoach, KieuMuc3};

/// Validates a plan and builds its template context.
pub fn ke_hoach_context(input: &Input, plan: &KeHoach, fonts: &FontSet) -> Result<Value> {
    let (kind, path, text, folder) = (input.kind, input.path, input.text, input.folder);
    // Figures from the programme's data, filled in before anything else reads the body.
    let filled;
    let plan = match &plan.so_lieu {
        Some(nguon) => {
            let so_lieu = SoLieu::read(folder, nguon, path, "so_lieu")?;
            filled = with_figures(plan, &so_lieu).map_err(|f| so_lieu::figure_error(path, text, f))?;
            &filled
        }
        None => plan,
    };
    let mut problems = opening_problems(path, text, fonts, &plan.loai, kind.loai, &plan.nguoi_ky);
    problems.extend(noi_nhan_problem(path, text, &plan.noi_nhan));
    let mut blocks = match than::number_sections(&plan.noi_dung, 4) {
        Ok(b) => b,
        Err(m) => {
            problems.push(err_at(path, text, "noi_dung", "noi_dung", m));
            Vec::new()
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if let Khoi::Bang(b) = b {
            check_table(b, &format!("noi_dung (bảng thứ {})", i + 1), path, &mut problems);
        }
    }
    than::end_mark(&mut blocks);
    let measure = fonts.measure();
    lay_out_tables(&mut blocks, TEXT_WIDTH, &measure);

    let ten_loai = plan.ten_loai.clone().unwrap_or_else(|| kind.ten_loai.into());
    // The kind's name in running text ("Kèm theo Công văn số …"): a Công
    // văn has no tên loại to take it from.
    let ten = plan.ten_loai.as_deref().map(sentence_case).unwrap_or_else(|| kind.ten.to_owned());
    let so_ky_hieu = common::so_ky_hieu(plan.so, &plan.ky_hieu);
    let goc = phu_luc::Goc {
        ten: &ten,
        so: plan.so,
        ky_hieu: &plan.ky_hieu,
        ngay: &plan.ngay,
        cua: plan.co_quan.ten_goi.as_deref(),
        dien_tu: plan.dien_tu,
        thoi_diem_ky_so: plan.thoi_diem_ky_so.as_ref(),
    };
    let phu_luc = phu_luc::contexts(&plan.phu_luc, &goc, folder, (path, text), &measure, &mut problems)?;
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let kinh_gui = plan.kinh_gui.as_ref().map(|k| common::kinh_gui_entries(&k.0));
    let noi_nhan = nhu_tren_first(&plan.noi_nhan, kinh_gui.is_some());

    let kieu_muc_3 = match plan.kieu_muc_3.unwrap_or(KieuMuc3::DamNghieng) {
        KieuMuc3::DamNghieng => "dam-nghieng",
        KieuMuc3::Dam => "dam",
        KieuMuc3::Nghieng => "nghieng",
        KieuMuc3::Thuong => "thuong",
    };
    Ok(json!({
        "phong_chu": fonts.family,
        "tieu_de": format!("{ten}: {}", plan.trich_yeu.0.join(" ")),
        "dau": header(&plan.co_quan, so_ky_hieu, &plan.dia_danh, &plan.ngay),
        "ten_loai": vi::upper(&ten_loai),
        "trich_yeu": trich_yeu_lines(&plan.trich_yeu, &measure),
        "cac_khoi": blocks_json(&blocks),
        "kieu_muc_3": kieu_muc_3,
        "phu_luc": phu_luc,
        "ky": signer(&plan.nguoi_ky),
        "kinh_gui": kinh_gui,
        "noi_nhan": common::noi_nhan_lines(&noi_nhan),
        "luu": common::luu_line(&plan.luu),
    }))
}

/// `plan` with its figures: each `{name}` in its body and phụ lục filled,
/// each `bang_so_lieu` computed; or the field and what is wrong.
/// The error names the field, the figure (empty for a table) and what is wrong.
fn with_figures(plan: &KeHoach, so_lieu: &SoLieu) -> std::result::Result<KeHoach, (String, String, String)> {
    let values = so_lieu.values();
    let mut out = plan.clone();
    out.noi_dung =
        figures_in(&plan.noi_dung, so_lieu, &values).map_err(|(n, m)| ("noi_dung".to_owned(), n, m))?;
    for (i, pl) in out.phu_luc.iter_mut().enumerate() {
        pl.noi_dung = figures_in(&pl.noi_dung, so_lieu, &values)
            .map_err(|(n, m)| (format!("phu_luc[{i}].noi_dung"), n, m))?;
    }
    Ok(out)
}

fn figures_in(
    nodes: &[Node],
    so_lieu: &SoLieu,
    values: &BTreeMap<String, String>,
) -> std::result::Result<Vec<Node>, (String, String)> {
    let f = |t: &str| so_lieu::fill(t, values);
    nodes
        .iter()
        .map(|n| {
            Ok(match n {
                Node::Doan(t) => Node::Doan(f(t)?),
                Node::Muc { ten, cung_dong, noi_dung, doan } => Node::Muc {
                    ten: f(ten)?,
                    cung_dong: cung_dong.as_deref().map(f).transpose()?,
                    noi_dung: figures_in(noi_dung, so_lieu, values)?,
                    doan: *doan,
                },
                Node::Phan { ten, noi_dung } => {
                    Node::Phan { ten: f(ten)?, noi_dung: figures_in(noi_dung, so_lieu, values)? }
                }
                Node::Nhom { ten, noi_dung } => {
                    Node::Nhom { ten: f(ten)?, noi_dung: figures_in(noi_dung, so_lieu, values)? }
                }
                Node::Gach { dau, cac_y } => Node::Gach {
                    dau,
                    cac_y: cac_y.iter().map(|t| f(t)).collect::<std::result::Result<_, _>>()?,
                },
                Node::Bang(b) => {
                    let mut b = b.clone();
                    for cell in b.dong.iter_mut().flatten() {
                        *cell = f(cell)?;
                    }
                    Node::Bang(b)
                }
                Node::BangSoLieu { loai, chuong_trinh } => Node::Bang(match loai {
                    LoaiBangSoLieu::TheoDonVi => {
                        if let Some(c) = chuong_trinh
                            && !so_lieu.phan_bo.chuong_trinh.iter().any(|p| &p.ma == c)
                        {
                            return Err((c.clone(), format!("bảng phân bổ không có chương trình '{c}'")));
                        }
                        so_lieu.bang_theo_don_vi(chuong_trinh.as_deref())
                    }
                    LoaiBangSoLieu::NuDanToc => so_lieu.bang_nu_dan_toc(),
                    LoaiBangSoLieu::TheoLop => so_lieu.bang_theo_lop(),
                }),
            })
        })
        .collect()
}

/// A Mẫu 1.4 document: a plan, a thông báo, a tờ trình …
pub struct KeHoachDoc;

impl Doc for KeHoachDoc {
    type Data = KeHoach;

    fn rules(input: &Input, plan: &KeHoach) -> Vec<Rule> {
        ke_hoach_rules(input, plan)
    }

    fn prepare(input: &Input, plan: KeHoach, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        let context = ke_hoach_context(input, &plan, fonts)?;
        let main = prepared(input.kind, input.path, templates, context.clone(), &plan.ngay, &plan.ky_hieu)?;
        phu_luc::with_files(main, &context, templates).map(Made::One)
    }
}

/// A Mẫu 1.4 document (Kế hoạch, Thông báo …).
fn ke_hoach_rules(input: &Input, d: &KeHoach) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[("trich_yeu", &d.trich_yeu.0.join(" "))]));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan));
    if let Some(nguon) = &d.so_lieu {
        // What the sources cannot give is preparation's to report.
        if let Ok(so_lieu) = SoLieu::read(input.folder, nguon, input.path, "so_lieu") {
            out.extend(over_allocation(&so_lieu));
        }
    }
    out
}

/// A unit that sent more trainees to a programme than the allocation gave
/// it: the list and the plan disagree.
fn over_allocation(so_lieu: &SoLieu) -> Vec<Rule> {
    let mut out = Vec::new();
    for c in &so_lieu.phan_bo.chuong_trinh {
        for (i, u) in so_lieu.phan_bo.don_vi.iter().enumerate() {
            let sent = so_lieu.tong(|d| d.don_vi == i && d.chuong_trinh == c.ma).so;
            if sent > u.quota(&c.ma) {
                out.push((
                    "so_lieu.danh_sach".into(),
                    MucDo::CanhBao,
                    format!(
                        "danh sách có {sent} học viên {} của {} ({}), nhiều hơn {} được phân bổ",
                        u.display_name(),
                        c.ma,
                        c.ten,
                        u.quota(&c.ma)
                    ),
                ));
            }
        }
    }
    out
}
