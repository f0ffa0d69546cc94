//! The Mẫu 1.4 family's data (Kế hoạch, Tờ trình, Thông báo, Báo cáo, Hướng
//! dẫn, Chương trình): one structure; the body it shares with other kinds
//! is [`crate::model::than`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::common::*;
use crate::model::than::{Node, PhuLuc};

van_ban! {
    /// A Mẫu 1.4 document's data: the kind (`ke-hoach`, `to-trinh`, `bao-cao`,
    /// `thong-bao` …) has its own tên loại and type code.
    pub struct KeHoach {
        /// Defaults to "KẾ HOẠCH".
        #[serde(default)]
        #[schemars(
            title = "Tên loại",
            description = "Tên loại in hoa, đậm dưới phần đầu văn bản; bỏ trống để dùng tên của loại (`KẾ HOẠCH`, `TỜ TRÌNH` …) (NĐ30, Phụ lục I, II.5.a)."
        )]
        pub ten_loai: Option<String>,
        #[schemars(
            title = "Trích yếu",
            description = "Tóm tắt nội dung văn bản, dưới tên loại, ví dụ `Thực hiện dự án 8 năm 2025`; một chuỗi được ngắt dòng cân đối, một danh sách giữ nguyên các dòng (NĐ30, Phụ lục I, II.5.a)."
        )]
        pub trich_yeu: Lines,
        /// "Kính gửi:" (ô 9a): one recipient, or a list; for a Tờ trình, and a
        /// Báo cáo sent to a superior (PL I II.9.b).
        #[serde(default)]
        #[schemars(
            title = "Kính gửi",
            description = "Nơi nhận văn bản ghi sau \"Kính gửi:\": một nơi, hoặc danh sách (mỗi nơi một dòng \"- …;\"). Bắt buộc với tờ trình; báo cáo chỉ ghi khi gửi cấp trên; các loại khác không có (NĐ30, Phụ lục I, II.9.b; ô 9a)."
        )]
        pub kinh_gui: Option<DanhSachNhan>,
        #[schemars(
            title = "Nội dung",
            description = "Phần nội dung, theo thứ tự: một chuỗi là một đoạn văn; `muc:` là một mục được đánh số I., 1., 1.1., a); `phan:` là một phần (\"Phần I\") và `nhom:` một nhóm mục (A., B.) của văn bản dài, các mục bên trong đánh số lại từ I.; `gach:`/`cong:` là các ý \"- \"/\"+ \"; `bang:` là một bảng; `bang_so_lieu:` là một bảng số liệu tính từ danh sách (NĐ30, Phụ lục I, II.6)."
        )]
        pub noi_dung: Vec<Node>,
        #[serde(default)]
        #[schemars(
            title = "Phụ lục",
            description = "Các phụ lục kèm theo, mỗi phụ lục bắt đầu trang mới, đánh số trang riêng (NĐ30, Phụ lục I, III.1)."
        )]
        pub phu_luc: Vec<PhuLuc>,
        /// Style of level-3 headings ("1.1."): dam-nghieng (default), dam,
        /// nghieng or thuong; the decree leaves it open.
        #[serde(default)]
        #[schemars(
            title = "Kiểu chữ mục cấp 3",
            description = "Kiểu chữ tên mục cấp \"1.1.\": `dam-nghieng` (mặc định), `dam`, `nghieng` hoặc `thuong`; Nghị định không quy định."
        )]
        pub kieu_muc_3: Option<KieuMuc3>,
        /// An electronic document (NĐ30 Điều 15.3): its phụ lục's "(Kèm theo
        /// …)" lines leave the number and the date blank (PL I III.1.c).
        #[serde(default)]
        #[schemars(title = "Văn bản điện tử", description = "`true`: văn bản điện tử (NĐ30, Điều 15.3): các dòng \"(Kèm theo … số … ngày …)\" để trống số và ngày, phần ở tệp riêng có ô chữ ký số ở góc trên bên phải (NĐ30, Phụ lục I, II.8.b, III.1.c).")]
        pub dien_tu: bool,
        /// When the agency signs it digitally, for the box on the first page of
        /// a phụ lục in its own file (PL I III.1.d).
        #[serde(default)]
        #[schemars(title = "Thời điểm ký số", description = "Ngày giờ cơ quan ký số, giờ Việt Nam, ví dụ `05/05/2025 14:30:05`; in trong ô chữ ký số của phần ở tệp riêng (NĐ30, Phụ lục I, II.8.b).")]
        pub thoi_diem_ky_so: Option<ThoiDiem>,
        /// Where the figures of `{so_hoc_vien}`-style names and of
        /// `bang_so_lieu` tables come from (a report of results).
        #[serde(default)]
        #[schemars(title = "Nguồn số liệu", description = "Các tệp mà con số trong văn bản được tính từ đó: viết `{so_hoc_vien}`, `{ty_le_nu}`, `{so_hoc_vien_CT2}` … vào câu văn và `bang_so_lieu:` cho bảng; không gõ lại số.")]
        pub so_lieu: Option<super::so_lieu::NguonSoLieu>,
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Kiểu chữ mục cấp 3",
    description = "`dam-nghieng` (đậm nghiêng), `dam` (đậm), `nghieng` (nghiêng) hoặc `thuong` (thường)."
)]
pub enum KieuMuc3 {
    DamNghieng,
    Dam,
    Nghieng,
    Thuong,
}
