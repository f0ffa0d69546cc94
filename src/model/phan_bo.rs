//! The allocation of trainees per district and programme (the plan's "biểu
//! đính kèm"), shared by the plan, the invitations and the certificates.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, InputError, Result};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhanBo {
    /// Trainees per class ("80 học viên/lớp").
    pub hoc_vien_moi_lop: u32,
    pub chuong_trinh: Vec<ChuongTrinh>,
    pub huyen: Vec<Huyen>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChuongTrinh {
    /// Short code used in the data and the schedule: "CT2".
    pub ma: String,
    /// Column heading: "Chương trình 2 (cán bộ huyện, xã)".
    pub ten: String,
    /// Number of classes the plan budgets for this programme.
    pub so_lop: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Huyen {
    /// "Tràng Định", or "Lạng Sơn" with `cap: thành phố`.
    pub ten: String,
    /// "huyện" (default), "thành phố" or "thị xã".
    #[serde(default = "default_cap")]
    pub cap: String,
    /// Trainees per programme code.
    pub so_luong: std::collections::BTreeMap<String, u32>,
}

fn default_cap() -> String {
    "huyện".into()
}

impl Huyen {
    /// The name as a table shows it: "Tràng Định", "Thành phố Lạng Sơn".
    pub fn display_name(&self) -> String {
        if self.cap == "huyện" {
            self.ten.clone()
        } else {
            let mut cap = self.cap.chars();
            let first = cap.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
            format!("{first}{} {}", cap.as_str(), self.ten)
        }
    }

    /// "huyện Tràng Định", "thành phố Lạng Sơn".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.cap, self.ten)
    }

    pub fn quota(&self, program: &str) -> u32 {
        self.so_luong.get(program).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u32 {
        self.so_luong.values().sum()
    }
}

impl PhanBo {
    pub fn load(path: &Path) -> Result<Self> {
        let phan_bo: PhanBo = super::load_yaml(path)?;
        let problems = phan_bo.problems(path);
        if problems.is_empty() { Ok(phan_bo) } else { Err(Error::Input(problems)) }
    }

    pub fn program_total(&self, program: &str) -> u32 {
        self.huyen.iter().map(|h| h.quota(program)).sum()
    }

    /// Totals must equal classes × trainees per class; codes must be known.
    pub fn problems(&self, path: &Path) -> Vec<InputError> {
        let mut out = Vec::new();
        let codes: BTreeSet<&str> = self.chuong_trinh.iter().map(|c| c.ma.as_str()).collect();
        if codes.len() != self.chuong_trinh.len() {
            out.push(InputError::new(path, "chuong_trinh", "mã chương trình bị trùng"));
        }
        let mut names = BTreeSet::new();
        for (i, h) in self.huyen.iter().enumerate() {
            if !names.insert(h.full_name()) {
                out.push(InputError::new(
                    path,
                    format!("huyen[{i}].ten"),
                    format!("'{}' xuất hiện hai lần", h.ten),
                ));
            }
            for code in h.so_luong.keys() {
                if !codes.contains(code.as_str()) {
                    out.push(InputError::new(
                        path,
                        format!("huyen[{i}].so_luong.{code}"),
                        format!(
                            "mã chương trình '{code}' không có trong 'chuong_trinh' ({})",
                            codes.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        for c in &self.chuong_trinh {
            let total = self.program_total(&c.ma);
            let expected = c.so_lop * self.hoc_vien_moi_lop;
            if total != expected {
                out.push(InputError::new(
                    path,
                    format!("chuong_trinh.{}", c.ma),
                    format!(
                        "tổng số học viên {} của các huyện là {total}, nhưng {} lớp × {} học viên/lớp = {expected}",
                        c.ma, c.so_lop, self.hoc_vien_moi_lop
                    ),
                ));
            }
        }
        out
    }

    /// The plan's appendix table: STT, district, one column per programme,
    /// total; a bold total row last.
    pub fn table(&self) -> crate::model::ke_hoach::Bang {
        let mut cot = vec!["STT".to_owned(), "Huyện/thành phố".to_owned()];
        cot.extend(self.chuong_trinh.iter().map(|c| c.ten.clone()));
        cot.push("Tổng".to_owned());
        let mut dong: Vec<Vec<String>> = self
            .huyen
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let mut row = vec![(i + 1).to_string(), h.display_name()];
                row.extend(self.chuong_trinh.iter().map(|c| h.quota(&c.ma).to_string()));
                row.push(h.total().to_string());
                row
            })
            .collect();
        let mut total = vec![String::new(), "Tổng".to_owned()];
        total.extend(self.chuong_trinh.iter().map(|c| self.program_total(&c.ma).to_string()));
        total.push(self.huyen.iter().map(Huyen::total).sum::<u32>().to_string());
        dong.push(total);
        let n = self.chuong_trinh.len();
        let mut do_rong = vec!["12mm".to_owned(), "1.6fr".to_owned()];
        do_rong.extend((0..n).map(|_| "1fr".to_owned()));
        do_rong.push("18mm".to_owned());
        let mut can_le = vec!["center".to_owned(), "left".to_owned()];
        can_le.extend((0..=n).map(|_| "center".to_owned()));
        crate::model::ke_hoach::Bang {
            cot,
            dong,
            do_rong: Some(do_rong),
            can_le: Some(can_le),
            dong_cuoi_dam: true,
        }
    }
}
