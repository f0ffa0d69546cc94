//! Giấy mời họp: one meeting invitation (NĐ30 Mẫu 1.7), as offices most
//! often send it; the batch of one letter per unit is [`crate::kinds::giay_moi`].

use crate::model::common::*;
use crate::model::than::{Bang, Text, text_lines};

van_ban! {
    /// A meeting invitation's data.
    pub struct GiayMoiHop {
        /// Defaults to "GIẤY MỜI"; "GIẤY MỜI HỌP" when an office writes so.
        #[serde(default)]
        #[schemars(
            title = "Tên loại",
            description = "Bỏ trống để in `GIẤY MỜI`; ghi `GIẤY MỜI HỌP` nếu cơ quan quen viết như vậy (NĐ30, Phụ lục III, Mẫu 1.7)."
        )]
        pub ten_loai: Option<String>,
        /// The meeting (Mẫu 1.7 note 5: "trích yếu nội dung cuộc họp").
        #[schemars(
            title = "Trích yếu",
            description = "Nội dung cuộc họp, dưới tên loại, ví dụ `Họp triển khai công tác chuẩn bị các lớp tập huấn` (NĐ30, Phụ lục III, Mẫu 1.7, ghi chú 5)."
        )]
        pub trich_yeu: Lines,
        /// The invitees: one, or a list; required (`check` says so in the
        /// decree's words rather than serde's).
        #[serde(default)]
        #[schemars(
            title = "Kính gửi",
            description = "Bắt buộc: nơi được mời, một nơi hoặc danh sách, ví dụ `[Ủy ban nhân dân các huyện, Hội Liên hiệp Phụ nữ tỉnh]` (NĐ30, Phụ lục I, II.9.b; ô 9a)."
        )]
        pub kinh_gui: Option<DanhSachNhan>,
        /// Who is invited, after "… trân trọng kính mời:" (note 6); absent:
        /// "đại diện lãnh đạo quý cơ quan".
        #[serde(default)]
        #[schemars(
            title = "Kính mời",
            description = "Người được mời, sau \"… trân trọng kính mời:\"; mặc định `đại diện lãnh đạo quý cơ quan` (NĐ30, Phụ lục III, Mẫu 1.7, ghi chú 6)."
        )]
        pub kinh_moi: Option<String>,
        /// What the meeting is about ("Tới dự …", note 7), one paragraph each.
        #[serde(deserialize_with = "text_lines")]
        #[schemars(
            with = "Vec<Text>",
            title = "Nội dung",
            description = "Nội dung cuộc họp, mỗi phần tử một đoạn, ví dụ `Tới dự cuộc họp triển khai …` (NĐ30, Phụ lục III, Mẫu 1.7, ghi chú 7)."
        )]
        pub noi_dung: Vec<String>,
        /// A table under what the meeting is about: the units invited and
        /// how many each sends, a programme of sessions; printed before
        /// "Chủ trì:", as the batch's letters print their quotas.
        #[serde(default)]
        #[schemars(
            title = "Bảng",
            description = "Bảng in sau nội dung cuộc họp, trước dòng \"Chủ trì:\", ví dụ danh sách đơn vị được mời và số người mỗi đơn vị cử; bỏ trống nếu không cần."
        )]
        pub bang: Option<Bang>,
        #[schemars(
            title = "Chủ trì",
            description = "Người chủ trì cuộc họp, in sau \"Chủ trì:\", ví dụ `Đồng chí Hoàng Thị Thu Hà, Phó Giám đốc Sở`."
        )]
        pub chu_tri: String,
        /// "08 giờ 00, ngày 10 tháng 01 năm 2025": printed as typed.
        #[schemars(
            title = "Thời gian",
            description = "Giờ và ngày họp, in đúng như gõ sau \"Thời gian:\", ví dụ `08 giờ 00, ngày 04 tháng 6 năm 2025`."
        )]
        pub thoi_gian: String,
        #[schemars(
            title = "Địa điểm",
            description = "Nơi họp, in sau \"Địa điểm:\", ví dụ `Phòng họp tầng 2, Sở Dân tộc và Tôn giáo`."
        )]
        pub dia_diem: String,
        /// Participants: one on the "Thành phần:" line, or a list under it.
        #[serde(default)]
        #[schemars(
            title = "Thành phần",
            description = "Thành phần dự họp: một chuỗi in trên dòng \"Thành phần:\", hoặc danh sách in thành các dòng dưới nó. Không có `kinh_moi` và `kinh_gui`: đây là những người được mời, in ngay dưới dòng \"… trân trọng kính mời:\"."
        )]
        pub thanh_phan: Option<Lines>,
        /// Points to note (note 8): what to prepare, a contact; one paragraph each.
        #[serde(default, deserialize_with = "text_lines")]
        #[schemars(
            with = "Vec<Text>",
            title = "Đề nghị chuẩn bị",
            description = "Những điều cần lưu ý (tài liệu cần chuẩn bị, người liên hệ), mỗi phần tử một đoạn (NĐ30, Phụ lục III, Mẫu 1.7, ghi chú 8)."
        )]
        pub chuan_bi: Vec<String>,
    }
}
