//! Giấy giới thiệu (NĐ30 Phụ lục III, Mẫu 1.8): the agency introduces one
//! of its people to another body. No trích yếu; the body is the decree's
//! fixed labels in its order (nd30-kinds.md §6).

use crate::model::common::*;

van_ban! {
    noi_nhan: [#[serde(default = "nhu_tren")]]
    #[schemars(title = "Giấy giới thiệu", description = "Giấy giới thiệu (NĐ30, Phụ lục III, Mẫu 1.8); Nơi nhận mặc định \"- Như trên;\".")]
    pub struct GiayGioiThieu {
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
    }
}

fn nhu_tren() -> Vec<Nhan> {
    vec!["Như trên".into()]
}
