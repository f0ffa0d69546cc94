//! Công điện (NĐ30 Phụ lục III, Mẫu 1.6): an urgent message. Its title
//! block is a plan's; instead of Kính gửi, "<sender> điện:" and the
//! recipients as "- …;" lines (nd30-kinds.md §5). Body, signer and Nơi
//! nhận are the plan's.

use serde::Deserialize;

use crate::kinds::ke_hoach::data::{KeHoach, KieuMuc3};
use crate::model::common::*;
use crate::model::than::{Node, text_lines};

van_ban! {
    /// A Công điện's data ("CĐ-SDTTG").
    pub struct CongDien {
        /// "Trích yếu nội dung điện" (Mẫu 1.6 note 5).
        #[schemars(title = "Trích yếu", description = "Trích yếu nội dung điện (NĐ30, Phụ lục III, Mẫu 1.6, ghi chú 5).")]
        pub trich_yeu: Lines,
        /// The agency or its head's title that sends it (note 6): "GIÁM ĐỐC SỞ
        /// DÂN TỘC VÀ TÔN GIÁO" → "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO điện:".
        /// Required (`check` says so).
        #[serde(default)]
        #[schemars(title = "Người điện", description = "Tên cơ quan hoặc chức danh người đứng đầu gửi điện, in \"… điện:\", ví dụ `GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO` (Mẫu 1.6, ghi chú 6).")]
        pub nguoi_dien: Option<String>,
        /// The bodies it is sent to (note 7), one "- …;" line each.
        #[serde(default, deserialize_with = "text_lines")]
        #[schemars(title = "Nơi nhận điện", description = "Các cơ quan, tổ chức nhận điện, mỗi nơi một dòng \"- …;\" dưới dòng \"… điện:\" (Mẫu 1.6, ghi chú 7).")]
        pub noi_nhan_dien: Vec<String>,
        #[schemars(title = "Nội dung", description = "Nội dung điện: đoạn văn, `muc:`, `gach:` như trong kế hoạch.")]
        pub noi_dung: Vec<Node>,
        #[serde(default)]
        #[schemars(title = "Kiểu mục cấp 3", description = "Kiểu chữ của đề mục \"1.1.\": `dam-nghieng` (mặc định), `dam`, `nghieng`, `thuong`.")]
        pub kieu_muc_3: Option<KieuMuc3>,
    }
}

/// A Công điện as vanban uses it: the parts it shares with a plan, and its
/// sender line; read from the YAML as a [`CongDien`].
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "CongDien")]
pub struct CongDienParts {
    pub plan: KeHoach,
    pub dien: Dien,
}

/// What the file holds: a [`CongDien`].
impl schemars::JsonSchema for CongDienParts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CongDien::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CongDien::json_schema(g)
    }
}

impl From<CongDien> for CongDienParts {
    fn from(d: CongDien) -> Self {
        let (plan, dien) = d.into_parts();
        Self { plan, dien }
    }
}

/// The sender line and its recipients.
#[derive(Debug, Clone)]
pub struct Dien {
    pub nguoi_dien: Option<String>,
    pub noi_nhan_dien: Vec<String>,
}

impl CongDien {
    /// The parts it shares with a plan (no Kính gửi, no phụ lục), and the
    /// sender line with its recipients.
    pub fn into_parts(self) -> (KeHoach, Dien) {
        let plan = KeHoach {
            loai: self.loai,
            co_quan: self.co_quan,
            so: self.so,
            ky_hieu: self.ky_hieu,
            dia_danh: self.dia_danh,
            ngay: self.ngay,
            ten_loai: None,
            trich_yeu: self.trich_yeu,
            kinh_gui: None,
            noi_dung: self.noi_dung,
            phu_luc: Vec::new(),
            nguoi_ky: self.nguoi_ky,
            noi_nhan: self.noi_nhan,
            luu: self.luu,
            kieu_muc_3: self.kieu_muc_3,
            dien_tu: false,
            thoi_diem_ky_so: None,
            so_lieu: None,
        };
        (plan, Dien { nguoi_dien: self.nguoi_dien, noi_nhan_dien: self.noi_nhan_dien })
    }
}
