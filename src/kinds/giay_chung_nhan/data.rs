//! Giấy chứng nhận (training certificate) batch: one certificate per trainee
//! of a list. Not an NĐ30 type: the type code of its number is the office's.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::common::*;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GiayChungNhan {
    /// Always `giay-chung-nhan`.
    #[schemars(title = "Loại văn bản", description = "Luôn là `giay-chung-nhan`.")]
    pub loai: String,
    #[schemars(
        title = "Cơ quan cấp",
        description = "Cơ quan chủ quản (nếu có) và cơ quan cấp giấy chứng nhận, in ở góc trái phía trên (NĐ30, Phụ lục I, II.2)."
    )]
    pub co_quan: CoQuan,
    /// "GCN-SDTTG": the type code is the office's choice.
    #[schemars(
        title = "Ký hiệu",
        description = "Phần sau dấu \"/\" của số giấy, ví dụ `GCN-SDTTG`; Nghị định không có chữ viết tắt cho giấy chứng nhận nên cơ quan tự đặt."
    )]
    pub ky_hieu: String,
    /// Number of the first certificate; the others follow (default 1).
    #[serde(default = "one")]
    #[schemars(
        title = "Số bắt đầu",
        description = "Số của giấy chứng nhận đầu tiên; các giấy sau lấy số tiếp theo theo thứ tự (mặc định `1`)."
    )]
    pub so_bat_dau: u32,
    /// The trainee list: .csv or .xlsx, in the document's folder.
    #[schemars(
        title = "Danh sách học viên",
        description = "Tên tệp danh sách học viên (.csv UTF-8 hoặc .xlsx) trong cùng thư mục, ví dụ `hoc-vien.xlsx`; các cột `Họ và tên`, `Giới tính`, `Ngày sinh`, `Dân tộc`, `Đơn vị công tác`, `Lớp`."
    )]
    pub danh_sach: String,
    /// The list's own header names mapped onto vanban's ("Họ tên": "Họ và tên").
    #[serde(default)]
    #[schemars(
        title = "Tên cột riêng",
        description = "Khi danh sách đặt tên cột khác: tên trong danh sách → tên vanban dùng, ví dụ `{ Họ tên: Họ và tên }`."
    )]
    pub cot: BTreeMap<String, String>,
    /// `danh-sach`: the list's order; `ten`: Vietnamese order of given name,
    /// then middle and family names.
    #[serde(default)]
    #[schemars(
        title = "Sắp xếp",
        description = "`danh-sach`: theo thứ tự trong danh sách (mặc định); `ten`: theo tên, rồi tên đệm, họ, theo thứ tự chữ cái tiếng Việt."
    )]
    pub sap_xep: SapXep,
    /// The class schedule: the invitation batch file that holds it.
    #[schemars(
        title = "Lịch các lớp",
        description = "Tên tệp lịch các lớp (tệp giấy mời, hoặc tệp chỉ có lịch) trong cùng thư mục, ví dụ `giay-moi.yaml`; cho biết ngày, địa điểm của từng lớp."
    )]
    pub lich: String,
    /// Who certifies, upper case: "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO".
    #[schemars(
        title = "Người chứng nhận",
        description = "Chức danh người chứng nhận, in hoa trên giấy, ví dụ `Giám đốc Sở Dân tộc và Tôn giáo`."
    )]
    pub nguoi_chung_nhan: String,
    /// What the trainee completed, after the programme: "thuộc Dự án 8 …".
    #[schemars(
        title = "Khóa học",
        description = "Phần ghi sau tên chương trình: khóa học thuộc dự án nào, ví dụ `thuộc Dự án 8 - … năm 2025.`."
    )]
    pub khoa_hoc: String,
    #[schemars(
        title = "Địa danh",
        description = "Tên địa danh in trước ngày cấp, ví dụ `Lạng Sơn` (NĐ30, Phụ lục I, II.4.a)."
    )]
    pub dia_danh: String,
    /// Date of issue; by default the date of the decision it cites, or the
    /// last day of the trainee's class.
    #[serde(default)]
    #[schemars(
        title = "Ngày cấp",
        description = "Ngày cấp, dd/mm/yyyy, ví dụ `20/6/2025`; bỏ trống để lấy ngày cuối của lớp học viên đã học."
    )]
    pub ngay: Option<Ngay>,
    /// The decision recognising the trainees (a Quyết định file in the
    /// folder): each certificate cites its number and date, or their blanks
    /// while it has none.
    #[serde(default)]
    #[schemars(
        title = "Quyết định công nhận",
        description = "Tệp quyết định công nhận học viên hoàn thành (trong cùng thư mục), ví dụ `quyet-dinh-cong-nhan.yaml`: mỗi giấy ghi \"Theo Quyết định số … ngày … của …\" và ghi ngày của quyết định; khi quyết định chưa có số, số để trống."
    )]
    pub quyet_dinh: Option<String>,
    #[schemars(
        title = "Người ký",
        description = "Quyền hạn, chức vụ và họ tên người ký (NĐ30, Điều 13; Phụ lục I, II.7)."
    )]
    pub nguoi_ky: NguoiKy,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Sắp xếp",
    description = "`danh-sach` (thứ tự trong danh sách) hoặc `ten` (theo tên tiếng Việt)."
)]
pub enum SapXep {
    #[default]
    DanhSach,
    Ten,
}
