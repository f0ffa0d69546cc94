//! Giấy mời (invitation, NĐ30 Mẫu 1.7) sent as a batch: one letter per
//! unit (xã, phường; huyện in older data) with trainees, built from the
//! allocation table and the class schedule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use super::common::*;
use super::phan_bo::{DonVi, PhanBo};
use crate::error::InputError;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiayMoi {
    /// `giay-moi`; absent when the file only holds a class schedule.
    #[serde(default)]
    pub loai: String,
    pub co_quan: CoQuan,
    /// The first (or the shared) number; absent = blank for the văn thư.
    #[serde(default)]
    pub so: Option<u32>,
    /// `chung`: every letter has the number `so`; `lien-tiep`: the letters
    /// take `so`, `so + 1`, … in order.
    #[serde(default)]
    pub danh_so: DanhSo,
    pub ky_hieu: String,
    pub dia_danh: String,
    pub ngay: Ngay,
    pub trich_yeu: Lines,
    /// The allocation data file (the plan's, not a copy).
    pub phan_bo: String,
    /// What the district is invited to do, after the "kính mời" line.
    pub noi_dung_moi: String,
    /// Who chairs ("Chủ trì: …").
    pub chu_tri: String,
    /// Where, unless a class says otherwise.
    pub dia_diem: String,
    /// Start time of the first day, unless a class says otherwise: "7 giờ 30".
    pub gio_bat_dau: String,
    pub lop: Vec<Lop>,
    /// Points to note (what to bring, deadlines), one paragraph each.
    #[serde(default, deserialize_with = "super::ke_hoach::text_lines")]
    pub luu_y: Vec<String>,
    /// Contact person; the letter's last paragraph.
    #[serde(default)]
    pub lien_he: Option<String>,
    pub nguoi_ky: NguoiKy,
    /// Recipients; `{don_vi}` (or the older `{huyen}`) is replaced by the
    /// unit with its level ("xã Na Sầm", "huyện Tràng Định").
    /// Recipients, or groups of them (PL I II.9.d).
    pub noi_nhan: Vec<Nhan>,
    #[serde(default = "default_luu")]
    pub luu: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DanhSo {
    #[default]
    Chung,
    LienTiep,
}

/// One class of the schedule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lop {
    /// "CT2-1".
    pub ma: String,
    /// Programme code of the allocation table: "CT2".
    pub chuong_trinh: String,
    pub tu_ngay: Ngay,
    pub den_ngay: Ngay,
    /// The units in the class (names as in the allocation table); `huyen`
    /// in files from before the reform.
    #[serde(alias = "huyen")]
    pub don_vi: Vec<String>,
    #[serde(default)]
    pub gio_bat_dau: Option<String>,
    #[serde(default)]
    pub dia_diem: Option<String>,
}

impl Lop {
    /// Days of the class, counting both ends.
    pub fn days(&self) -> i64 {
        days_between(&self.tu_ngay, &self.den_ngay) + 1
    }
}

fn day_number(d: &Ngay) -> i64 {
    // Days since 1 March of year 0 (civil calendar), enough to subtract dates.
    let (y, m) = if d.month <= 2 {
        (d.year as i64 - 1, d.month as i64 + 9)
    } else {
        (d.year as i64, d.month as i64 - 3)
    };
    let day = d.day.unwrap_or(1) as i64;
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
}

pub fn days_between(a: &Ngay, b: &Ngay) -> i64 {
    day_number(b) - day_number(a)
}

/// A unit's share of one class.
#[derive(Debug, Clone)]
pub struct Suat {
    pub lop: Lop,
    pub chuong_trinh: String,
    pub so_hoc_vien: u32,
}

/// One letter to write, or why it cannot be.
#[derive(Debug, Clone)]
pub struct Thu {
    /// The unit's row number in the allocation table (the file's NN).
    pub stt: usize,
    pub don_vi: DonVi,
    pub suat: Vec<Suat>,
    /// Problems that stop this letter only.
    pub loi: Vec<String>,
    /// Classes of this unit that do not add up (indexes into `lop`), each
    /// reported once in `KeHoachGui::loi_lop`.
    pub lop_sai: Vec<usize>,
}

/// The letters of a batch, the units that get none, and the problems.
pub struct KeHoachGui {
    pub thu: Vec<Thu>,
    pub bo_qua: Vec<String>,
    /// Problems that stop every letter.
    pub loi_chung: Vec<InputError>,
    /// Classes that do not add up: each stops its units' letters only.
    pub loi_lop: Vec<(usize, InputError)>,
}

impl GiayMoi {
    /// Matches the schedule against the allocation: every class adds up to
    /// the class size, every unit with trainees has a class for each
    /// programme, none is in two classes of one programme.
    pub fn letters(&self, path: &Path, phan_bo: &PhanBo) -> KeHoachGui {
        let mut loi_chung = Vec::new();
        let mut loi_lop = Vec::new();
        let programs: BTreeSet<&str> = phan_bo.chuong_trinh.iter().map(|c| c.ma.as_str()).collect();
        // (unit index, programme) → the classes that unit is in.
        let mut classes_of: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
        let mut codes = BTreeSet::new();
        for (i, lop) in self.lop.iter().enumerate() {
            let field = format!("lop[{i}]");
            if !codes.insert(lop.ma.as_str()) {
                loi_chung.push(InputError::new(
                    path,
                    format!("{field}.ma"),
                    format!("mã lớp '{}' bị trùng", lop.ma),
                ));
            }
            if !programs.contains(lop.chuong_trinh.as_str()) {
                loi_chung.push(InputError::new(
                    path,
                    format!("{field}.chuong_trinh"),
                    format!(
                        "lớp {}: chương trình '{}' không có trong bảng phân bổ ({})",
                        lop.ma,
                        lop.chuong_trinh,
                        programs.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                ));
                continue;
            }
            if lop.days() < 1 {
                loi_chung.push(InputError::new(
                    path,
                    format!("{field}.den_ngay"),
                    format!("lớp {}: ngày kết thúc trước ngày bắt đầu", lop.ma),
                ));
            }
            let mut total = 0;
            let mut parts = Vec::new();
            let mut members = Vec::new();
            for (j, name) in lop.don_vi.iter().enumerate() {
                match phan_bo.don_vi.iter().position(|u| u.is_named(name)) {
                    Some(k) => {
                        let u = &phan_bo.don_vi[k];
                        let q = u.quota(&lop.chuong_trinh);
                        total += q;
                        parts.push(format!("{} {q}", u.display_name()));
                        members.push(k);
                        classes_of.entry((k, lop.chuong_trinh.as_str())).or_default().push(i);
                    }
                    None => loi_chung.push(InputError::new(
                        path,
                        format!("{field}.don_vi[{j}]"),
                        format!("lớp {}: '{name}' không có trong bảng phân bổ", lop.ma),
                    )),
                }
            }
            if members.len() == lop.don_vi.len() && total != phan_bo.hoc_vien_moi_lop {
                let message = format!(
                    "lớp {} có {} học viên ({}), nhưng mỗi lớp phải có {}",
                    lop.ma,
                    total,
                    parts.join(" + "),
                    phan_bo.hoc_vien_moi_lop
                );
                loi_lop.push((i, InputError::new(path, field, message)));
            }
        }
        for c in &phan_bo.chuong_trinh {
            let n = self.lop.iter().filter(|l| l.chuong_trinh == c.ma).count() as u32;
            if n != c.so_lop {
                loi_chung.push(InputError::new(
                    path,
                    "lop",
                    format!(
                        "chương trình {} có {} lớp theo bảng phân bổ nhưng lịch có {n} lớp",
                        c.ma, c.so_lop
                    ),
                ));
            }
        }
        let bad_classes: BTreeSet<usize> = loi_lop.iter().map(|(i, _)| *i).collect();
        let mut thu = Vec::new();
        let mut bo_qua = Vec::new();
        for (k, u) in phan_bo.don_vi.iter().enumerate() {
            let mut errors = Vec::new();
            let mut lop_sai = Vec::new();
            let mut suat = Vec::new();
            for c in &phan_bo.chuong_trinh {
                let q = u.quota(&c.ma);
                let classes = classes_of.get(&(k, c.ma.as_str())).cloned().unwrap_or_default();
                let names = |list: &[usize]| {
                    list.iter().map(|i| self.lop[*i].ma.as_str()).collect::<Vec<_>>().join(", ")
                };
                lop_sai.extend(classes.iter().filter(|i| bad_classes.contains(i)));
                match (q, classes.as_slice()) {
                    (0, []) => {}
                    (0, some) => errors.push(format!(
                        "{} không có học viên {} nhưng có trong lớp {}",
                        u.display_name(),
                        c.ma,
                        names(some)
                    )),
                    (q, []) => errors.push(format!(
                        "{} có {q} học viên {} nhưng không có trong lớp nào của chương trình này",
                        u.display_name(),
                        c.ma
                    )),
                    (q, [one]) => {
                        let lop = self.lop[*one].clone();
                        suat.push(Suat { lop, chuong_trinh: c.ten.clone(), so_hoc_vien: q });
                    }
                    (_, many) => errors.push(format!(
                        "{} có trong {} lớp của chương trình {}: {}",
                        u.display_name(),
                        many.len(),
                        c.ma,
                        names(many)
                    )),
                }
            }
            if u.total() == 0 && errors.is_empty() && lop_sai.is_empty() {
                bo_qua.push(u.display_name());
                continue;
            }
            thu.push(Thu { stt: k + 1, don_vi: u.clone(), suat, loi: errors, lop_sai });
        }
        KeHoachGui { thu, bo_qua, loi_chung, loi_lop }
    }

    /// The letter's number: shared, or consecutive from `so` in letter order.
    pub fn number_of(&self, order: usize) -> Option<u32> {
        self.so.map(|s| match self.danh_so {
            DanhSo::Chung => s,
            DanhSo::LienTiep => s + order as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_days_count_both_ends() {
        let d = |s| Ngay::parse(s).unwrap();
        assert_eq!(days_between(&d("28/02/2024"), &d("01/03/2024")), 2);
        assert_eq!(days_between(&d("31/12/2024"), &d("01/01/2025")), 1);
        let lop = Lop {
            ma: "A".into(),
            chuong_trinh: "CT2".into(),
            tu_ngay: d("17/6/2025"),
            den_ngay: d("18/6/2025"),
            don_vi: vec![],
            gio_bat_dau: None,
            dia_diem: None,
        };
        assert_eq!(lop.days(), 2);
    }
}
