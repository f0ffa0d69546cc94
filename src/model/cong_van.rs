//! Công văn (NĐ30 Phụ lục III, Mẫu 1.5): no tên loại, the trích yếu as
//! "V/v …" under the number, Kính gửi, and an optional address footer
//! (ô 13). Body, phụ lục, signer and Nơi nhận are the plan's.

use serde::Deserialize;

use super::common::*;
use super::ke_hoach::{KeHoach, KieuMuc3, Node, PhuLuc};

van_ban! {
    /// A Công văn's data. Its ký hiệu names the agency and the drafting unit
    /// ("SDTTG-PCS"), with no type code (PL I II.3.b).
    pub struct CongVan {
        /// The subject; vanban writes it "V/v …" (one string is broken into
        /// balanced lines of the header's left column).
        pub trich_yeu: Lines,
        /// Required (PL I II.9.b); an `Option` so that `check` can say so.
        #[serde(default)]
        pub kinh_gui: Option<DanhSachNhan>,
        pub noi_dung: Vec<Node>,
        #[serde(default)]
        pub phu_luc: Vec<PhuLuc>,
        #[serde(default)]
        pub kieu_muc_3: Option<KieuMuc3>,
        /// Ô 13 (PL I III.4): address, telephone, e-mail …, printed line by line
        /// as given at the foot of page 1.
        #[serde(default)]
        pub chan_trang: Option<Lines>,
        /// An electronic document (NĐ30 Điều 15.3): see [`KeHoach::dien_tu`].
        #[serde(default)]
        pub dien_tu: bool,
        #[serde(default)]
        pub thoi_diem_ky_so: Option<ThoiDiem>,
    }
}

/// A Công văn as vanban uses it: the parts it shares with a plan, and the
/// footer; read from the YAML as a [`CongVan`].
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "CongVan")]
pub struct CongVanParts {
    pub plan: KeHoach,
    pub chan_trang: Option<Lines>,
}

impl From<CongVan> for CongVanParts {
    fn from(cv: CongVan) -> Self {
        let (plan, chan_trang) = cv.into_parts();
        Self { plan, chan_trang }
    }
}

impl CongVan {
    /// The parts it shares with a plan (a plan without tên loại), and the
    /// footer.
    pub fn into_parts(self) -> (KeHoach, Option<Lines>) {
        let plan = KeHoach {
            loai: self.loai,
            co_quan: self.co_quan,
            so: self.so,
            ky_hieu: self.ky_hieu,
            dia_danh: self.dia_danh,
            ngay: self.ngay,
            ten_loai: None,
            trich_yeu: self.trich_yeu,
            kinh_gui: self.kinh_gui,
            noi_dung: self.noi_dung,
            phu_luc: self.phu_luc,
            nguoi_ky: self.nguoi_ky,
            noi_nhan: self.noi_nhan,
            luu: self.luu,
            kieu_muc_3: self.kieu_muc_3,
            dien_tu: self.dien_tu,
            thoi_diem_ky_so: self.thoi_diem_ky_so,
            so_lieu: None,
        };
        (plan, self.chan_trang)
    }
}
