//! Công văn (NĐ30 Phụ lục III, Mẫu 1.5): no tên loại, the trích yếu as
//! "V/v …" under the number, Kính gửi, and an optional address footer
//! (ô 13). Body, phụ lục, signer and Nơi nhận are the plan's.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::kinds::ke_hoach::data::{KeHoach, KieuMuc3};
use crate::model::common::*;
use crate::model::than::{Node, PhuLuc};

van_ban! {
    /// A Công văn's data. Its ký hiệu names the agency and the drafting unit
    /// ("SDTTG-PCS"), with no type code (PL I II.3.b).
    pub struct CongVan {
        /// The subject; vanban writes it "V/v …" (one string is broken into
        /// balanced lines of the header's left column).
        #[schemars(
            title = "Trích yếu",
            description = "Nội dung công văn, in \"V/v …\" dưới số và ký hiệu (vanban thêm \"V/v\" khi không ghi), ví dụ `Đề nghị cử học viên tham dự lớp tập huấn` (NĐ30, Phụ lục I, II.5.b)."
        )]
        pub trich_yeu: Lines,
        /// Required (PL I II.9.b); an `Option` so that `check` can say so.
        #[serde(default)]
        #[schemars(
            title = "Kính gửi",
            description = "Bắt buộc: nơi nhận ghi sau \"Kính gửi:\", một nơi, hoặc danh sách (mỗi nơi một dòng \"- …;\"), ví dụ `Ủy ban nhân dân các xã, phường` (NĐ30, Phụ lục I, II.9.b; ô 9a)."
        )]
        pub kinh_gui: Option<DanhSachNhan>,
        #[schemars(
            title = "Nội dung",
            description = "Phần nội dung, theo thứ tự: một chuỗi là một đoạn văn; `muc:`, `doan:`, `gach:`, `cong:`, `bang:` như trong kế hoạch (NĐ30, Phụ lục I, II.6)."
        )]
        pub noi_dung: Vec<Node>,
        #[serde(default)]
        #[schemars(
            title = "Phụ lục",
            description = "Các phụ lục kèm theo, mỗi phụ lục bắt đầu trang mới, đánh số trang riêng (NĐ30, Phụ lục I, III.1)."
        )]
        pub phu_luc: Vec<PhuLuc>,
        #[serde(default)]
        #[schemars(
            title = "Kiểu chữ mục cấp 3",
            description = "Kiểu chữ tên mục cấp \"1.1.\": `dam-nghieng` (mặc định), `dam`, `nghieng` hoặc `thuong`."
        )]
        pub kieu_muc_3: Option<KieuMuc3>,
        /// Ô 13 (PL I III.4): address, telephone, e-mail …, printed line by line
        /// as given at the foot of page 1.
        #[serde(default)]
        #[schemars(
            title = "Chân trang",
            description = "Địa chỉ, điện thoại, thư điện tử… in cỡ nhỏ dưới đường kẻ cuối trang 1, mỗi phần tử một dòng, ví dụ `[\"Địa chỉ: số 1 đường A\", \"ĐT: 0205.3812.345\"]` (NĐ30, Phụ lục I, III.4; ô 13)."
        )]
        pub chan_trang: Option<Lines>,
        /// An electronic document (NĐ30 Điều 15.3): see [`KeHoach::dien_tu`].
        #[serde(default)]
        #[schemars(title = "Văn bản điện tử", description = "`true`: văn bản điện tử (NĐ30, Điều 15.3): các dòng \"(Kèm theo … số … ngày …)\" để trống số và ngày, phần ở tệp riêng có ô chữ ký số ở góc trên bên phải (NĐ30, Phụ lục I, II.8.b, III.1.c).")]
        pub dien_tu: bool,
        #[serde(default)]
        #[schemars(title = "Thời điểm ký số", description = "Ngày giờ cơ quan ký số, giờ Việt Nam, ví dụ `05/05/2025 14:30:05`; in trong ô chữ ký số của phần ở tệp riêng (NĐ30, Phụ lục I, II.8.b).")]
        pub thoi_diem_ky_so: Option<ThoiDiem>,
    }
}

/// A Công văn as vanban uses it: the parts it shares with a plan, and the
/// footer; read from the YAML as a [`CongVan`].
#[derive(Debug, Clone, Deserialize, JsonSchema)]
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
