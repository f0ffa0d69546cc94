//! Giấy chứng nhận (training certificate) batch: one certificate per trainee
//! of a list. Not an NĐ30 type: the type code of its number is the office's.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::common::*;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiayChungNhan {
    /// Always `giay-chung-nhan`.
    pub loai: String,
    pub co_quan: CoQuan,
    /// "GCN-SDTTG": the type code is the office's choice.
    pub ky_hieu: String,
    /// Number of the first certificate; the others follow (default 1).
    #[serde(default = "one")]
    pub so_bat_dau: u32,
    /// The trainee list: .csv or .xlsx, in the document's folder.
    pub danh_sach: String,
    /// The list's own header names mapped onto vanban's ("Họ tên": "Họ và tên").
    #[serde(default)]
    pub cot: BTreeMap<String, String>,
    /// `danh-sach`: the list's order; `ten`: Vietnamese order of given name,
    /// then middle and family names.
    #[serde(default)]
    pub sap_xep: SapXep,
    /// The class schedule: the invitation batch file that holds it.
    pub lich: String,
    /// Who certifies, upper case: "GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO".
    pub nguoi_chung_nhan: String,
    /// What the trainee completed, after the programme: "thuộc Dự án 8 …".
    pub khoa_hoc: String,
    pub dia_danh: String,
    /// Date of issue; by default the date of the decision it cites, or the
    /// last day of the trainee's class.
    #[serde(default)]
    pub ngay: Option<Ngay>,
    /// The decision recognising the trainees (a Quyết định file in the
    /// folder): each certificate cites its number and date, or their blanks
    /// while it has none.
    #[serde(default)]
    pub quyet_dinh: Option<String>,
    pub nguoi_ky: NguoiKy,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SapXep {
    #[default]
    DanhSach,
    Ten,
}
