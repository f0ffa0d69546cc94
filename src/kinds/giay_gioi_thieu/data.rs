//! Giấy giới thiệu (NĐ30 Phụ lục III, Mẫu 1.8): the agency introduces one
//! of its people to another body. No trích yếu; the body is the decree's
//! fixed labels in its order (nd30-kinds.md §6).

use serde::Deserialize;

use crate::model::common::*;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(title = "Giấy giới thiệu", description = "Giấy giới thiệu (NĐ30, Phụ lục III, Mẫu 1.8).")]
#[serde(deny_unknown_fields)]
pub struct GiayGioiThieu {
    /// `giay-gioi-thieu`.
    #[schemars(title = "Loại văn bản", description = "Loại văn bản vanban dựng, ghi đúng như mẫu.")]
    pub loai: String,
    #[schemars(
        title = "Cơ quan",
        description = "Cơ quan chủ quản và cơ quan ban hành (NĐ30, Phụ lục I, II.2; ô 2)."
    )]
    pub co_quan: CoQuan,
    #[serde(default)]
    #[schemars(
        title = "Số",
        description = "Số văn bản do văn thư cấp sau khi ký; để trống thì in chỗ trống (NĐ30, Phụ lục I, II.3; ô 3)."
    )]
    pub so: Option<u32>,
    /// "GGT-SDTTG".
    #[schemars(
        title = "Ký hiệu",
        description = "Ký hiệu văn bản, giữ đúng chữ hoa, chữ thường như viết (NĐ30, Phụ lục I, II.3; ô 3)."
    )]
    pub ky_hieu: String,
    #[schemars(
        title = "Địa danh",
        description = "Địa danh ghi trước ngày tháng, ví dụ `Lạng Sơn` (NĐ30, Phụ lục I, II.4; ô 4)."
    )]
    pub dia_danh: String,
    #[schemars(
        title = "Ngày",
        description = "Ngày ban hành, dạng `dd/mm/yyyy` (hoặc `mm/yyyy` để trống ngày) (NĐ30, Phụ lục I, II.4; ô 4)."
    )]
    pub ngay: Ngay,
    /// Read only so that `check` can refuse it in the decree's words: a
    /// Giấy giới thiệu has no trích yếu (GGT-1).
    #[serde(default)]
    #[schemars(
        title = "Trích yếu (không dùng)",
        description = "Giấy giới thiệu không có trích yếu; ghi việc được cử đi ở `ve_viec` (NĐ30, Phụ lục III, Mẫu 1.8)."
    )]
    pub trich_yeu: Option<Lines>,
    /// How the person is addressed: "Ông", "Bà"; absent: the template's
    /// "Ông (bà)".
    #[serde(default)]
    #[schemars(title = "Xưng hô", description = "`Ông` hoặc `Bà`; để trống thì in \"Ông (bà)\" như mẫu.")]
    pub xung_ho: Option<String>,
    #[schemars(title = "Họ và tên", description = "Họ và tên người được giới thiệu.")]
    pub ho_ten: String,
    #[schemars(title = "Chức vụ", description = "Chức vụ của người được giới thiệu.")]
    pub chuc_vu: String,
    /// "Được cử đến: …" (Mẫu 1.8 note 6).
    #[schemars(
        title = "Được cử đến",
        description = "Cơ quan, tổ chức nơi được cử đến (NĐ30, Phụ lục III, Mẫu 1.8, ghi chú 6)."
    )]
    pub duoc_cu_den: String,
    /// "Về việc: …".
    #[schemars(title = "Về việc", description = "Việc được cử đến làm.")]
    pub ve_viec: String,
    /// "Giấy này có giá trị đến hết ngày …": required (`check` says so).
    #[serde(default)]
    #[schemars(
        title = "Có giá trị đến",
        description = "Ngày hết hạn \"Giấy này có giá trị đến hết ngày …\", dạng `dd/mm/yyyy`, không trước ngày ký."
    )]
    pub co_gia_tri_den: Option<Ngay>,
    #[schemars(
        title = "Người ký",
        description = "Quyền hạn, chức vụ và họ tên người ký (NĐ30, Điều 13; Phụ lục I, II.7)."
    )]
    pub nguoi_ky: NguoiKy,
    /// Absent: "Như trên", as the template has it.
    #[serde(default = "nhu_tren")]
    #[schemars(
        title = "Nơi nhận",
        description = "Mặc định `Như trên` (nơi được cử đến); một nhóm ghi `nhom:` và `cac:`."
    )]
    pub noi_nhan: Vec<Nhan>,
    #[serde(default = "default_luu")]
    #[schemars(
        title = "Lưu",
        description = "Nơi lưu văn bản, ví dụ `VT, PCS` (in \"- Lưu: VT, PCS.\") (NĐ30, Phụ lục I, II.9.d)."
    )]
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
