//! Giấy giới thiệu (NĐ30 Phụ lục III, Mẫu 1.8): the agency introduces one
//! of its people to another body. No trích yếu; the body is the decree's
//! fixed labels in its order (nd30-kinds.md §6).

use serde::Deserialize;

use super::common::*;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiayGioiThieu {
    /// `giay-gioi-thieu`.
    pub loai: String,
    pub co_quan: CoQuan,
    #[serde(default)]
    pub so: Option<u32>,
    /// "GGT-SDTTG".
    pub ky_hieu: String,
    pub dia_danh: String,
    pub ngay: Ngay,
    /// Read only so that `check` can refuse it in the decree's words: a
    /// Giấy giới thiệu has no trích yếu (GGT-1).
    #[serde(default)]
    pub trich_yeu: Option<Lines>,
    /// How the person is addressed: "Ông", "Bà"; absent: the template's
    /// "Ông (bà)".
    #[serde(default)]
    pub xung_ho: Option<String>,
    pub ho_ten: String,
    pub chuc_vu: String,
    /// "Được cử đến: …" (Mẫu 1.8 note 6).
    pub duoc_cu_den: String,
    /// "Về việc: …".
    pub ve_viec: String,
    /// "Giấy này có giá trị đến hết ngày …": required (`check` says so).
    #[serde(default)]
    pub co_gia_tri_den: Option<Ngay>,
    pub nguoi_ky: NguoiKy,
    /// Absent: "Như trên", as the template has it.
    #[serde(default = "nhu_tren")]
    pub noi_nhan: Vec<Nhan>,
    #[serde(default = "default_luu")]
    pub luu: String,
}

// Its Nơi nhận has a default, which the shared declaration has not.
impl VanBan for GiayGioiThieu {
    fn chung(&self) -> Chung<'_> {
        Chung {
            loai: &self.loai,
            co_quan: &self.co_quan,
            so: self.so,
            ky_hieu: &self.ky_hieu,
            dia_danh: &self.dia_danh,
            ngay: &self.ngay,
            nguoi_ky: &self.nguoi_ky,
            noi_nhan: &self.noi_nhan,
            luu: &self.luu,
        }
    }
}

fn nhu_tren() -> Vec<Nhan> {
    vec!["Như trên".into()]
}
