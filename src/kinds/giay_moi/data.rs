//! Giấy mời (invitation, NĐ30 Mẫu 1.7) sent as a batch: one letter per
//! unit (xã, phường; huyện in older data) with trainees, built from the
//! allocation table and the class schedule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::error::InputError;
use crate::model::common::*;
use crate::model::phan_bo::{DonVi, PhanBo};

van_ban! {
    /// An invitation batch. In `noi_nhan`, `{don_vi}` (or the older `{huyen}`)
    /// is replaced by the unit with its level ("xã Na Sầm", "huyện Tràng Định");
    /// `loai` is absent when the file only holds a class schedule.
    #[schemars(transform = noi_nhan_per_unit)]
    pub struct GiayMoi {
        /// `chung`: every letter has the number `so`; `lien-tiep`: the letters
        /// take `so`, `so + 1`, … in order.
        #[serde(default)]
        #[schemars(
            title = "Cách đánh số",
            description = "`chung`: mọi giấy mời cùng số `so` (mặc định); `lien-tiep`: các giấy mời lấy số `so`, `so + 1`, … theo thứ tự đơn vị."
        )]
        pub danh_so: DanhSo,
        #[schemars(
            title = "Trích yếu",
            description = "Nội dung mời, dưới tên loại, ví dụ `Tham dự hội nghị tập huấn thực hiện Dự án 8 năm 2025` (NĐ30, Phụ lục III, Mẫu 1.7)."
        )]
        pub trich_yeu: Lines,
        /// The allocation data file (the plan's, not a copy).
        #[schemars(
            title = "Tệp phân bổ",
            description = "Tên tệp phân bổ học viên trong cùng thư mục (cùng tệp với phụ lục của kế hoạch), ví dụ `phan-bo.yaml`; mỗi đơn vị có học viên nhận một giấy mời."
        )]
        pub phan_bo: String,
        /// What the district is invited to do, after the "kính mời" line.
        #[schemars(
            title = "Nội dung mời",
            description = "Việc đơn vị được mời làm, sau dòng \"… trân trọng kính mời\", ví dụ `Cử cán bộ, học viên tham dự … như sau:`."
        )]
        pub noi_dung_moi: String,
        /// Who chairs ("Chủ trì: …").
        #[schemars(
            title = "Chủ trì",
            description = "Người hoặc cơ quan chủ trì, in sau \"Chủ trì:\", ví dụ `Lãnh đạo Sở Dân tộc và Tôn giáo`."
        )]
        pub chu_tri: String,
        /// Where, unless a class says otherwise.
        #[schemars(
            title = "Địa điểm",
            description = "Nơi tổ chức các lớp, trừ lớp ghi `dia_diem` riêng, ví dụ `Hội trường Sở Dân tộc và Tôn giáo, thành phố Lạng Sơn`."
        )]
        pub dia_diem: String,
        /// Start time of the first day, unless a class says otherwise: "7 giờ 30".
        #[schemars(
            title = "Giờ bắt đầu",
            description = "Giờ bắt đầu ngày đầu của lớp, trừ lớp ghi `gio_bat_dau` riêng, ví dụ `7 giờ 30`."
        )]
        pub gio_bat_dau: String,
        #[schemars(
            title = "Các lớp",
            description = "Lịch các lớp: mã lớp, chương trình, ngày bắt đầu, ngày kết thúc và các đơn vị của lớp; số học viên các đơn vị của một lớp phải bằng `hoc_vien_moi_lop` của tệp phân bổ."
        )]
        pub lop: Vec<Lop>,
        /// Points to note (what to bring, deadlines), one paragraph each.
        #[serde(default, deserialize_with = "crate::model::than::text_lines")]
        #[schemars(
            with = "Vec<crate::model::than::Text>",
            title = "Lưu ý",
            description = "Những điều cần lưu ý (giấy tờ mang theo, thời hạn), mỗi phần tử một đoạn, ví dụ `Học viên mang theo giấy giới thiệu của cơ quan, đơn vị.`."
        )]
        pub luu_y: Vec<String>,
        /// Contact person; the letter's last paragraph.
        #[serde(default)]
        #[schemars(
            title = "Liên hệ",
            description = "Đoạn cuối của giấy mời: người, số điện thoại liên hệ, ví dụ `Thông tin liên hệ: Phòng Chính sách, điện thoại 0205.3812.345`."
        )]
        pub lien_he: Option<String>,
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Cách đánh số",
    description = "`chung` (mọi giấy cùng số) hoặc `lien-tiep` (số liên tiếp)."
)]
pub enum DanhSo {
    #[default]
    Chung,
    LienTiep,
}

/// One class of the schedule.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Lớp",
    description = "Một lớp của lịch: mã, chương trình, ngày bắt đầu và kết thúc, các đơn vị cử học viên.",
    transform = don_vi_or_huyen
)]
pub struct Lop {
    /// "CT2-1".
    #[schemars(title = "Mã lớp", description = "Mã riêng của lớp, ví dụ `CT2-1`; không trùng nhau.")]
    pub ma: String,
    /// Programme code of the allocation table: "CT2".
    #[schemars(
        title = "Chương trình",
        description = "Mã chương trình trong tệp phân bổ (`chuong_trinh[].ma`), ví dụ `CT2`."
    )]
    pub chuong_trinh: String,
    #[schemars(
        title = "Từ ngày",
        description = "Ngày bắt đầu lớp, dd/mm/yyyy, ví dụ `17/6/2025`; sau ngày của giấy mời."
    )]
    pub tu_ngay: Ngay,
    #[schemars(
        title = "Đến ngày",
        description = "Ngày kết thúc lớp, dd/mm/yyyy, ví dụ `18/6/2025`; không trước ngày bắt đầu."
    )]
    pub den_ngay: Ngay,
    /// The units in the class (names as in the allocation table); `huyen`
    /// in files from before the reform.
    #[serde(alias = "huyen")]
    #[schemars(
        title = "Các đơn vị",
        description = "Tên các đơn vị học trong lớp, như trong tệp phân bổ, ví dụ `[Na Sầm, Đông Kinh]`; tệp cũ ghi `huyen:`."
    )]
    pub don_vi: Vec<String>,
    #[serde(default)]
    #[schemars(
        title = "Giờ bắt đầu của lớp",
        description = "Giờ bắt đầu riêng của lớp này, ví dụ `13 giờ 30`; bỏ trống để dùng `gio_bat_dau` chung."
    )]
    pub gio_bat_dau: Option<String>,
    #[serde(default)]
    #[schemars(
        title = "Địa điểm của lớp",
        description = "Địa điểm riêng của lớp này; bỏ trống để dùng `dia_diem` chung."
    )]
    pub dia_diem: Option<String>,
}

/// Nơi nhận, as every document has it, and the unit each letter names.
fn noi_nhan_per_unit(schema: &mut schemars::Schema) {
    if let Some(d) = schema.pointer_mut("/properties/noi_nhan/description") {
        let shared = d.as_str().unwrap_or_default();
        *d = format!(
            "{shared} Trong giấy mời theo lô, `{{don_vi}}` được thay bằng đơn vị nhận giấy kèm cấp, ví dụ `Phòng Văn hóa - Xã hội {{don_vi}}` → \"Phòng Văn hóa - Xã hội xã Na Sầm\" (tệp cũ: `{{huyen}}`)."
        )
        .into();
    }
}

/// `huyen`, the older name serde reads for `don_vi` (an alias the derived
/// schema does not know): either, not both.
fn don_vi_or_huyen(schema: &mut schemars::Schema) {
    let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else { return };
    let Some(mut huyen) = props.get("don_vi").cloned() else { return };
    huyen["title"] = "Các huyện (tệp cũ)".into();
    huyen["description"] = "Tên cũ của `don_vi`, trong tệp lập trước ngày 01/7/2025.".into();
    props.insert("huyen".into(), huyen);
    if let Some(required) = schema.get_mut("required").and_then(|r| r.as_array_mut()) {
        required.retain(|r| r != "don_vi");
    }
    one_of_required(schema, &["don_vi", "huyen"]);
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
