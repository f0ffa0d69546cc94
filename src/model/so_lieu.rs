//! Figures computed from the programme's data, never typed: who was trained
//! (the trainee list) against what was planned (the allocation), by unit,
//! programme and class, with the counts of women and of ethnic minorities
//! that Dự án 8 reports ask for. A report, a decision and the certificates
//! that read the same list agree because they count the same rows.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::hoc_vien::{self, HocVien};
use super::phan_bo::{PhanBo, program_code};
use super::than::Bang;
use crate::error::{Error, InputError, Result};
use crate::folder::{Folder, parse_bytes_once, parse_once};
use crate::kinds::giay_moi::data::{GiayMoi, Lop};
use crate::vi;

/// Where a document's figures come from, names relative to its folder.
#[derive(Debug, Clone, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Nguồn số liệu",
    description = "Các tệp mà mọi con số của văn bản được tính từ đó (không gõ lại số): danh sách học viên, bảng phân bổ, lịch lớp."
)]
pub struct NguonSoLieu {
    /// The trainee list (CSV or XLSX), as the certificates read it.
    #[schemars(
        title = "Danh sách học viên",
        description = "Tệp danh sách học viên (.csv hoặc .xlsx) trong cùng thư mục, ví dụ `hoc-vien.csv`, như giấy chứng nhận đọc."
    )]
    pub danh_sach: String,
    /// The allocation: what was planned per unit and programme.
    #[schemars(
        title = "Bảng phân bổ",
        description = "Tệp phân bổ số học viên theo đơn vị và chương trình (kế hoạch), ví dụ `phan-bo.yaml`."
    )]
    pub phan_bo: String,
    /// The class schedule (the invitations' file): each class's programme,
    /// dates and units, for rows that leave them out.
    #[serde(default)]
    #[schemars(
        title = "Lịch lớp",
        description = "Tệp lịch các lớp (tệp giấy mời), ví dụ `giay-moi.yaml`: chương trình, ngày và đơn vị của từng lớp."
    )]
    pub lich: Option<String>,
    /// Other headers for the list's columns, as for the certificates.
    #[serde(default)]
    #[schemars(
        title = "Tên cột khác",
        description = "Tên cột của danh sách khác với tên vanban dùng, ví dụ `Họ tên: Họ và tên`."
    )]
    pub cot: BTreeMap<String, String>,
}

/// A trainee counted: the row, its unit's index in the allocation and its
/// programme code.
#[derive(Debug, Clone)]
pub struct Dem {
    pub hoc_vien: HocVien,
    pub don_vi: usize,
    pub chuong_trinh: String,
}

/// The figures of one programme year.
#[derive(Debug, Clone)]
pub struct SoLieu {
    /// As the folder parsed it once, shared with the other documents.
    pub phan_bo: std::sync::Arc<PhanBo>,
    pub lich: Vec<Lop>,
    /// Every trainee of the list, in its order.
    pub hoc_vien: Vec<Dem>,
}

/// Counts of a group of trainees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tong {
    pub so: u32,
    pub nu: u32,
    pub dtts: u32,
}

impl Tong {
    fn add(&mut self, h: &HocVien) {
        self.so += 1;
        self.nu += u32::from(h.nu);
        self.dtts += u32::from(is_minority(&h.dan_toc));
    }
}

/// Every ethnic group but the Kinh is an ethnic minority (Luật, NĐ 05/2011).
pub fn is_minority(dan_toc: &str) -> bool {
    let d = vi::fold(dan_toc);
    !d.is_empty() && d != vi::fold("Kinh")
}

/// "58,3%": one decimal, the Vietnamese decimal comma; "0%" of nothing.
pub fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole);
    match tenths % 10 {
        0 => format!("{}%", tenths / 10),
        d => format!("{},{d}%", tenths / 10),
    }
}

impl SoLieu {
    /// Reads the sources from `folder`; `path` and `text` name the document
    /// and place its messages, `field` is where the sources are declared.
    pub fn read(folder: &dyn Folder, nguon: &NguonSoLieu, path: &Path, field: &str) -> Result<Self> {
        let at = |key: &str, m: String| Error::input(InputError::new(path, format!("{field}.{key}"), m));
        let phan_bo = parse_once(folder, &nguon.phan_bo, PhanBo::parse).map_err(|m| at("phan_bo", m))??;
        let lich = match &nguon.lich {
            Some(name) => parse_once(folder, name, crate::model::parse_yaml::<GiayMoi>)
                .map_err(|m| at("lich", m))??
                .lop
                .clone(),
            None => Vec::new(),
        };
        let cot = nguon.cot.clone();
        let rows =
            parse_bytes_once(folder, &nguon.danh_sach, move |p, bytes| hoc_vien::read_bytes(p, bytes, &cot))
                .map_err(|m| at("danh_sach", m))??;
        let list_path = folder.locate(&nguon.danh_sach).unwrap_or_default();
        let programs: BTreeMap<String, String> =
            phan_bo.chuong_trinh.iter().map(|c| (c.ma.clone(), c.ten.clone())).collect();
        let mut problems = Vec::new();
        let mut hoc_vien = Vec::new();
        for row in rows.iter() {
            let h = match row {
                Ok(h) => h,
                Err(e) => {
                    problems.push(InputError::new(&list_path, &e.cot, e.message.clone()).at(e.dong, None));
                    continue;
                }
            };
            let lop = lich.iter().find(|l| l.ma == h.lop);
            let program = if h.chuong_trinh.is_empty() {
                lop.map(|l| l.chuong_trinh.clone())
            } else {
                program_code(&h.chuong_trinh, &programs).map(str::to_owned)
            };
            let Some(program) = program.filter(|p| programs.contains_key(p)) else {
                problems.push(
                    InputError::new(
                        &list_path,
                        "Chương trình",
                        format!(
                            "không biết học viên '{}' thuộc chương trình nào ('{}'); bảng phân bổ có: {}",
                            h.ho_ten,
                            h.chuong_trinh,
                            programs.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .at(h.dong, None),
                );
                continue;
            };
            // The unit from the row, or the class's only unit.
            let written = if h.dia_ban.is_empty() {
                lop.filter(|l| l.don_vi.len() == 1).map(|l| l.don_vi[0].clone()).unwrap_or_default()
            } else {
                h.dia_ban.clone()
            };
            let Some(unit) = phan_bo.don_vi.iter().position(|u| u.is_named(&written)) else {
                problems.push(
                    InputError::new(
                        &list_path,
                        "Xã/phường",
                        if written.is_empty() {
                            format!(
                                "không biết học viên '{}' thuộc đơn vị nào: danh sách cần cột Xã/phường",
                                h.ho_ten
                            )
                        } else {
                            format!("'{written}' không có trong bảng phân bổ")
                        },
                    )
                    .at(h.dong, None),
                );
                continue;
            };
            hoc_vien.push(Dem { hoc_vien: h.clone(), don_vi: unit, chuong_trinh: program });
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        Ok(Self { phan_bo, lich, hoc_vien })
    }

    /// The counts of the trainees `keep` selects.
    pub fn tong(&self, keep: impl Fn(&Dem) -> bool) -> Tong {
        let mut t = Tong::default();
        for d in self.hoc_vien.iter().filter(|d| keep(d)) {
            t.add(&d.hoc_vien);
        }
        t
    }

    /// The classes trained, in the schedule's order, then any the list
    /// names that the schedule lacks.
    pub fn lop(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .lich
            .iter()
            .filter(|l| self.hoc_vien.iter().any(|d| d.hoc_vien.lop == l.ma))
            .map(|l| l.ma.clone())
            .collect();
        for d in &self.hoc_vien {
            if !out.contains(&d.hoc_vien.lop) {
                out.push(d.hoc_vien.lop.clone());
            }
        }
        out
    }

    /// The figures a text can name, `{so_hoc_vien}`, and per programme
    /// `{so_hoc_vien_CT2}`: counts, shares, planned and difference.
    pub fn values(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |suffix: &str, t: Tong, planned: u32, classes: usize| {
            out.insert(format!("so_hoc_vien{suffix}"), t.so.to_string());
            out.insert(format!("so_nu{suffix}"), t.nu.to_string());
            out.insert(format!("ty_le_nu{suffix}"), percent(t.nu, t.so));
            out.insert(format!("so_dtts{suffix}"), t.dtts.to_string());
            out.insert(format!("ty_le_dtts{suffix}"), percent(t.dtts, t.so));
            out.insert(format!("ke_hoach{suffix}"), planned.to_string());
            out.insert(format!("chenh_lech{suffix}"), signed(i64::from(t.so) - i64::from(planned)));
            out.insert(format!("ty_le_hoan_thanh{suffix}"), percent(t.so, planned));
            out.insert(format!("so_lop{suffix}"), classes.to_string());
        };
        let classes = self.lop();
        let planned: u32 = self.phan_bo.don_vi.iter().map(|u| u.total()).sum();
        put("", self.tong(|_| true), planned, classes.len());
        for c in &self.phan_bo.chuong_trinh {
            let n = classes
                .iter()
                .filter(|l| self.hoc_vien.iter().any(|d| &d.hoc_vien.lop == *l && d.chuong_trinh == c.ma))
                .count();
            put(
                &format!("_{}", c.ma),
                self.tong(|d| d.chuong_trinh == c.ma),
                self.phan_bo.program_total(&c.ma),
                n,
            );
        }
        out.insert("so_don_vi".into(), self.units_trained().len().to_string());
        out
    }

    /// The units with at least one trainee.
    fn units_trained(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.hoc_vien.iter().map(|d| d.don_vi).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Planned against trained per unit (`chuong_trinh`: one programme, or
    /// all), units with neither left out, and the total.
    pub fn bang_theo_don_vi(&self, chuong_trinh: Option<&str>) -> Bang {
        let in_program = |d: &Dem| chuong_trinh.is_none_or(|c| d.chuong_trinh == c);
        let planned = |u: &super::phan_bo::DonVi| match chuong_trinh {
            Some(c) => u.quota(c),
            None => u.total(),
        };
        let mut dong = Vec::new();
        let (mut tk, mut tt) = (0u32, 0u32);
        for (i, u) in self.phan_bo.don_vi.iter().enumerate() {
            let trained = self.tong(|d| d.don_vi == i && in_program(d)).so;
            let k = planned(u);
            if k == 0 && trained == 0 {
                continue;
            }
            tk += k;
            tt += trained;
            dong.push(vec![
                (dong.len() + 1).to_string(),
                u.display_name(),
                k.to_string(),
                trained.to_string(),
                signed(i64::from(trained) - i64::from(k)),
            ]);
        }
        dong.push(vec![
            String::new(),
            "Tổng cộng".into(),
            tk.to_string(),
            tt.to_string(),
            signed(i64::from(tt) - i64::from(tk)),
        ]);
        Bang {
            cot: vec![
                "STT".into(),
                self.phan_bo.unit_heading(),
                "Kế hoạch (người)".into(),
                "Đã tập huấn (người)".into(),
                "Chênh lệch (người)".into(),
            ],
            dong,
            do_rong: None,
            // Counts centred, as the tables' rule has them.
            can_le: Some(["center", "left", "center", "center", "center"].map(String::from).to_vec()),
            dong_cuoi_dam: true,
            cao_dong: None,
        }
    }

    /// Women and ethnic minorities per programme, counts and shares.
    pub fn bang_nu_dan_toc(&self) -> Bang {
        let row = |stt: String, ten: String, t: Tong| {
            vec![
                stt,
                ten,
                t.so.to_string(),
                t.nu.to_string(),
                percent(t.nu, t.so),
                t.dtts.to_string(),
                percent(t.dtts, t.so),
            ]
        };
        let mut dong: Vec<Vec<String>> = self
            .phan_bo
            .chuong_trinh
            .iter()
            .filter(|c| self.hoc_vien.iter().any(|d| d.chuong_trinh == c.ma))
            .enumerate()
            .map(|(i, c)| row((i + 1).to_string(), c.ten.clone(), self.tong(|d| d.chuong_trinh == c.ma)))
            .collect();
        dong.push(row(String::new(), "Tổng cộng".into(), self.tong(|_| true)));
        Bang {
            cot: vec![
                "STT".into(),
                "Chương trình".into(),
                "Số học viên".into(),
                "Nữ".into(),
                "Tỷ lệ nữ".into(),
                "Dân tộc thiểu số".into(),
                "Tỷ lệ dân tộc thiểu số".into(),
            ],
            dong,
            do_rong: None,
            // Counts centred, shares (decimals) right, both share columns alike.
            can_le: Some(
                ["center", "left", "center", "center", "right", "center", "right"].map(String::from).to_vec(),
            ),
            dong_cuoi_dam: true,
            cao_dong: None,
        }
    }

    /// Each class trained: its programme, dates (from the schedule) and counts.
    pub fn bang_theo_lop(&self) -> Bang {
        let mut dong = Vec::new();
        for (i, ma) in self.lop().iter().enumerate() {
            let t = self.tong(|d| &d.hoc_vien.lop == ma);
            let lop = self.lich.iter().find(|l| &l.ma == ma);
            let thoi_gian = lop
                .map(|l| format!("{} - {}", l.tu_ngay.short_form(), l.den_ngay.short_form()))
                .unwrap_or_default();
            let program =
                self.hoc_vien.iter().find(|d| &d.hoc_vien.lop == ma).map(|d| d.chuong_trinh.clone());
            dong.push(vec![
                (i + 1).to_string(),
                ma.clone(),
                program.unwrap_or_default(),
                thoi_gian,
                t.so.to_string(),
                t.nu.to_string(),
                t.dtts.to_string(),
            ]);
        }
        let t = self.tong(|_| true);
        dong.push(vec![
            String::new(),
            "Tổng cộng".into(),
            String::new(),
            String::new(),
            t.so.to_string(),
            t.nu.to_string(),
            t.dtts.to_string(),
        ]);
        Bang {
            cot: vec![
                "STT".into(),
                "Lớp".into(),
                "Chương trình".into(),
                "Thời gian".into(),
                "Số học viên".into(),
                "Nữ".into(),
                "Dân tộc thiểu số".into(),
            ],
            dong,
            do_rong: None,
            can_le: Some(
                ["center", "left", "center", "center", "center", "center", "center"]
                    .map(String::from)
                    .to_vec(),
            ),
            dong_cuoi_dam: true,
            cao_dong: None,
        }
    }
}

/// "+2", "-3", "0": a difference as a report writes it.
fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
}

/// A figure a document names that its data cannot give, as an error at the
/// line of the document's `text` that names it (comments skipped).
/// `found`: the field, the figure's name and the message.
pub fn figure_error(path: &Path, text: &str, found: (String, String, String)) -> Error {
    let (field, name, message) = found;
    let e = InputError::new(path, field, message);
    let mark = format!("{{{name}}}");
    Error::input(match text.lines().position(|l| !l.trim_start().starts_with('#') && l.contains(&mark)) {
        Some(i) => e.at(i + 1, None),
        None => e,
    })
}

/// `text` with each `{name}` of `values` replaced; a `{name}` it does not
/// know is an error (the name, and a message naming the ones it does). Text
/// without braces is kept.
pub fn fill(text: &str, values: &BTreeMap<String, String>) -> std::result::Result<String, (String, String)> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            let name = &after[..name_len];
            match values.get(name) {
                Some(v) => out.push_str(v),
                None => {
                    return Err((
                        name.to_owned(),
                        format!(
                            "không có số liệu '{{{name}}}'; các số liệu tính từ danh sách: {}",
                            values.keys().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_the_vietnamese_way() {
        assert_eq!(percent(7, 12), "58,3%");
        assert_eq!(percent(1, 2), "50%");
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(percent(2, 3), "66,7%");
    }

    #[test]
    fn figures_fill_their_names_and_refuse_unknown_ones() {
        let v: BTreeMap<String, String> = [("so_hoc_vien".to_string(), "480".to_string())].into();
        assert_eq!(fill("Đã tập huấn {so_hoc_vien} học viên.", &v).unwrap(), "Đã tập huấn 480 học viên.");
        assert_eq!(fill("{ không phải số liệu }", &v).unwrap(), "{ không phải số liệu }");
        let (name, e) = fill("{so_hv}", &v).unwrap_err();
        assert_eq!(name, "so_hv");
        assert!(
            e.starts_with("không có số liệu '{so_hv}'; các số liệu tính từ danh sách: {so_hoc_vien}"),
            "{e}"
        );
    }

    #[test]
    fn everyone_but_the_kinh_is_a_minority() {
        assert!(is_minority("Tày") && is_minority("Dao") && is_minority("Hoa"));
        assert!(!is_minority("Kinh") && !is_minority("KINH") && !is_minority(""));
    }
}
