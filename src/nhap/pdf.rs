//! The pdf reader (to be written).

use std::path::Path;

use super::nguon::Khoi;
use crate::error::Result;

pub fn doc(path: &Path, _bytes: &[u8]) -> Result<Vec<Khoi>> {
    Err(super::loi(path, "chưa đọc được tệp .pdf"))
}
