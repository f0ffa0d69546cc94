//! The document kinds, one module each: its rules and its template context
//! on its typed data, and the code ([`crate::kind::Doc`]) that the registry
//! in [`crate::kind`] names.

pub mod bien_ban;
pub mod cong_dien;
pub mod cong_van;
pub mod giay_chung_nhan;
pub mod giay_gioi_thieu;
pub mod giay_moi;
pub mod giay_moi_hop;
pub mod ke_hoach;
pub mod quyet_dinh;
