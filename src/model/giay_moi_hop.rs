//! Giấy mời họp: one meeting invitation (NĐ30 Mẫu 1.7), as offices most
//! often send it; the batch of one letter per unit is [`super::giay_moi`].

use super::common::*;
use super::ke_hoach::text_lines;

van_ban! {
    /// A meeting invitation's data.
    pub struct GiayMoiHop {
        /// Defaults to "GIẤY MỜI"; "GIẤY MỜI HỌP" when an office writes so.
        #[serde(default)]
        pub ten_loai: Option<String>,
        /// The meeting (Mẫu 1.7 note 5: "trích yếu nội dung cuộc họp").
        pub trich_yeu: Lines,
        /// The invitees: one, or a list; required (`check` says so in the
        /// decree's words rather than serde's).
        #[serde(default)]
        pub kinh_gui: Option<DanhSachNhan>,
        /// Who is invited, after "… trân trọng kính mời:" (note 6); absent:
        /// "đại diện lãnh đạo quý cơ quan".
        #[serde(default)]
        pub kinh_moi: Option<String>,
        /// What the meeting is about ("Tới dự …", note 7), one paragraph each.
        #[serde(deserialize_with = "text_lines")]
        pub noi_dung: Vec<String>,
        pub chu_tri: String,
        /// "08 giờ 00, ngày 10 tháng 01 năm 2025": printed as typed.
        pub thoi_gian: String,
        pub dia_diem: String,
        /// Participants: one on the "Thành phần:" line, or a list under it.
        #[serde(default)]
        pub thanh_phan: Option<Lines>,
        /// Points to note (note 8): what to prepare, a contact; one paragraph each.
        #[serde(default, deserialize_with = "text_lines")]
        pub chuan_bi: Vec<String>,
    }
}
