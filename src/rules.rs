//! The decree's rules the fields every kind shares can break (the ký hiệu,
//! the signer, Nơi nhận and Lưu, Kính gửi, dates in order …), used by each
//! kind's own rules in `crate::kinds`.

use crate::folder::parse_once;
use crate::kind::{Kind, KinhGui};
use crate::kinds::ke_hoach::data::KeHoach;
use crate::model::common::{Chung, DanhSachNhan, Lines, Ngay, NguoiKy, Nhan};
use crate::{compose, model};

pub use crate::error::MucDo;

/// The abbreviations of NĐ30 Phụ lục III, Mục I, with their case.
pub const TYPE_CODES: [&str; 30] = [
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ",
    "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL",
];

/// Problems with a ký hiệu such as "KH-SDTTG" for a document whose type
/// code is `code` (None: any code, e.g. a certificate).
pub fn symbol_problems(symbol: &str, code: Option<&str>) -> Vec<(MucDo, String)> {
    let mut out = symbol_form_problems(symbol);
    if symbol.trim().is_empty() {
        return out;
    }
    let cite = "(NĐ30, Phụ lục I, II.3)";
    let groups: Vec<&str> = symbol.split(['-', '/']).collect();
    // The type code in the wrong case is said once, by the first check.
    let mut case_said = false;
    if let Some(code) = code {
        let first = groups.first().copied().unwrap_or("");
        if first != code {
            if first.to_lowercase() == code.to_lowercase() {
                case_said = true;
                out.push((MucDo::Loi, format!("ký hiệu '{symbol}': viết tắt tên loại phải viết đúng '{code}' (NĐ30, Phụ lục III, Mục I)")));
            } else {
                out.push((
                    MucDo::Loi,
                    format!("ký hiệu '{symbol}' phải bắt đầu bằng chữ viết tắt tên loại '{code}-' (NĐ30, Phụ lục III, Mục I)"),
                ));
            }
        }
        if groups.len() < 2 {
            out.push((
                MucDo::Loi,
                format!("ký hiệu '{symbol}' thiếu chữ viết tắt tên cơ quan sau '{code}-' {cite}"),
            ));
        }
    }
    // A decree code in the wrong case anywhere (TTR for TTr).
    for g in groups.iter().skip(usize::from(case_said)) {
        if let Some(c) =
            TYPE_CODES.iter().find(|c| c.to_lowercase() == g.to_lowercase() && *c != g && g.len() > 2)
        {
            out.push((
                MucDo::Loi,
                format!("ký hiệu '{symbol}': '{g}' phải viết '{c}' như Phụ lục III của NĐ30"),
            ));
        }
    }
    out
}

/// Problems with a công văn's ký hiệu ("SDTTG-PCS"): the issuing agency's
/// and the drafting unit's abbreviations, and no type code, since a công
/// văn has no tên loại (PL I II.3.b; nd30-kinds.md CV-3).
pub fn cong_van_symbol_problems(symbol: &str) -> Vec<(MucDo, String)> {
    let mut out = symbol_form_problems(symbol);
    if symbol.trim().is_empty() {
        return out;
    }
    let cite = "(NĐ30, Phụ lục I, II.3.b)";
    let groups: Vec<&str> = symbol.split(['-', '/']).filter(|g| !g.trim().is_empty()).collect();
    if groups.len() < 2 {
        out.push((
            MucDo::Loi,
            format!(
                "ký hiệu công văn '{symbol}' phải gồm chữ viết tắt tên cơ quan và của đơn vị soạn thảo, nối bằng '-' (ví dụ 'SDTTG-PCS') {cite}"
            ),
        ));
    }
    // "CV" is no code of the decree, but a common mistake for one.
    for g in &groups {
        if let Some(c) = TYPE_CODES.iter().chain(&["CV"]).find(|c| c.to_lowercase() == g.to_lowercase()) {
            out.push((
                MucDo::Loi,
                format!(
                    "ký hiệu công văn '{symbol}' có '{g}', chữ viết tắt tên loại '{c}': công văn không có tên loại, ký hiệu chỉ gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo (ví dụ 'SDTTG-PCS') {cite}"
                ),
            ));
        }
    }
    out
}

/// What every ký hiệu must be: not empty, no "/", no spaces, no empty group.
pub(crate) fn symbol_form_problems(symbol: &str) -> Vec<(MucDo, String)> {
    let mut out = Vec::new();
    let cite = "(NĐ30, Phụ lục I, II.3)";
    if symbol.trim().is_empty() {
        out.push((MucDo::Loi, format!("ký hiệu không được để trống {cite}")));
        return out;
    }
    if symbol.contains('/') {
        out.push((
            MucDo::Loi,
            format!(
                "số ký hiệu '{symbol}' chứa dấu '/': ghi số ở khóa 'so' và chỉ ghi ký hiệu ở đây (ví dụ 'KH-SDTTG'); vanban ghép 'Số: 05/KH-SDTTG' {cite}"
            ),
        ));
    }
    if symbol.chars().any(char::is_whitespace) {
        out.push((
            MucDo::Loi,
            format!("ký hiệu '{symbol}' có khoảng trắng; các nhóm chữ nối bằng '-', không cách {cite}"),
        ));
    }
    let groups: Vec<&str> = symbol.split(['-', '/']).collect();
    if groups.iter().any(|g| g.trim().is_empty()) {
        out.push((MucDo::Loi, format!("ký hiệu '{symbol}' có nhóm chữ trống giữa các dấu '-' {cite}")));
    }
    out
}

/// Academic and honorary titles the decree keeps out of the signer's name
/// (PL I II.7.c), save in sectors whose head allows them.
pub(crate) const TITLE_PREFIXES: [&str; 9] =
    ["GS.", "PGS.", "TS.", "ThS.", "BS.", "KS.", "CN.", "TSKH.", "NGƯT."];

pub(crate) fn signer_findings(k: &NguoiKy) -> Vec<(String, MucDo, String)> {
    let mut out: Vec<(String, MucDo, String)> =
        k.problems().into_iter().map(|(f, m)| (format!("nguoi_ky.{f}"), MucDo::Loi, m)).collect();
    out.extend(title_before_name("nguoi_ky.ho_ten", &k.ho_ten));
    out
}

/// An academic title before a signer's name (`field`), as a warning.
pub(crate) fn title_before_name(field: &str, ho_ten: &str) -> Option<Rule> {
    let first = ho_ten.split_whitespace().next().unwrap_or("");
    TITLE_PREFIXES.iter().any(|p| first.eq_ignore_ascii_case(p) || first.starts_with(p)).then(|| {
        (
            field.to_owned(),
            MucDo::CanhBao,
            format!(
                "'{first}' trước họ tên người ký: NĐ30 không ghi học hàm, học vị trước họ tên, trừ ngành được phép (Phụ lục I, II.7.c)"
            ),
        )
    })
}

pub(crate) fn empty_findings(fields: &[(&str, &str)]) -> Vec<(String, MucDo, String)> {
    fields
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| ((*f).to_owned(), MucDo::Loi, "không được để trống".to_owned()))
        .collect()
}

/// Nơi nhận's rules: its "Lưu" line last (and only there), no empty group.
pub(crate) fn noi_nhan_findings(noi_nhan: &[Nhan], luu: &str) -> Vec<(String, MucDo, String)> {
    let mut out = Vec::new();
    if luu.trim().is_empty() {
        out.push((
            "luu".into(),
            MucDo::Loi,
            "Nơi nhận phải kết thúc bằng dòng 'Lưu: VT, …' (NĐ30, Phụ lục I, II.9.d)".into(),
        ));
    } else if !luu.trim_start().trim_start_matches("Lưu:").trim_start().starts_with("VT") {
        out.push((
            "luu".into(),
            MucDo::CanhBao,
            format!("dòng Lưu thường bắt đầu bằng 'VT' (văn thư): '{luu}'"),
        ));
    }
    for (i, n) in noi_nhan.iter().enumerate() {
        if n.mot().is_some_and(|n| n.trim_start().trim_start_matches("- ").starts_with("Lưu")) {
            out.push((
                format!("noi_nhan[{i}]"),
                MucDo::Loi,
                "ghi nơi lưu ở khóa 'luu' (vanban đặt nó ở dòng cuối của Nơi nhận)".into(),
            ));
        }
    }
    out.extend(group_findings("noi_nhan", noi_nhan));
    out
}

/// A group of recipients needs a heading and at least one member
/// (PL I II.9: "mỗi nhóm" stands for the recipients under it).
pub(crate) fn group_findings(field: &str, entries: &[Nhan]) -> Vec<Rule> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Nhan::Nhom { nhom, cac } = e else { continue };
        if nhom.trim().is_empty() {
            out.push((
                format!("{field}[{i}].nhom"),
                MucDo::Loi,
                "nhóm nơi nhận phải có tên nhóm ở 'nhom' (ví dụ 'Các sở, ngành') (NĐ30, Phụ lục I, II.9)"
                    .into(),
            ));
        }
        if cac.iter().all(|c| c.trim().is_empty()) {
            out.push((
                format!("{field}[{i}]"),
                MucDo::Loi,
                format!(
                    "nhóm '{}' không có nơi nhận nào: ghi các cơ quan, đơn vị của nhóm ở 'cac' (ví dụ 'cac: [Sở Tài chính, Sở Nội vụ]'), hoặc ghi nhóm thành một dòng (NĐ30, Phụ lục I, II.9)",
                    nhom.trim()
                ),
            ));
        }
    }
    out
}

/// Explicit trích yếu lines too wide for the text area: Typst would wrap
/// them and leave a fragment on a line of its own. Measured in Liberation
/// Serif, whose widths are Times New Roman's.
pub(crate) fn wide_trich_yeu(lines: &Lines) -> Vec<(String, MucDo, String)> {
    wide_lines_in(lines, compose::TEXT_WIDTH, compose::TITLE, "vùng chữ")
}

/// Explicit lines set in `kieu` wider than `room` points (`place`: "vùng
/// chữ").
pub(crate) fn wide_lines_in(
    lines: &Lines,
    room: f64,
    kieu: compose::Kieu,
    place: &str,
) -> Vec<(String, MucDo, String)> {
    if lines.0.len() < 2 {
        return Vec::new(); // one string is broken into lines that fit
    }
    let fonts = crate::fonts::FontSet::embedded();
    let mm = |pt: f64| pt / crate::inspect::MM;
    compose::wide_lines(lines, room, kieu, &fonts.measure())
        .into_iter()
        .map(|(i, width)| {
            (
                format!("trich_yeu[{i}]"),
                MucDo::CanhBao,
                format!(
                    "dòng '{}' rộng {:.0} mm, quá bề rộng {place} {:.0} mm: dòng sẽ bị ngắt, để lại một đoạn ngắn trên một dòng riêng; hãy ngắt lại các dòng, hoặc ghi trích yếu thành một chuỗi để vanban tự ngắt thành các dòng cân đối",
                    lines.0[i].trim(),
                    mm(width).ceil(),
                    mm(room)
                ),
            )
        })
        .collect()
}

/// Dates in order: `later` may not come before `earlier`.
pub(crate) fn date_order(
    earlier: &Ngay,
    later: &Ngay,
    field: &str,
    what: &str,
) -> Option<(String, MucDo, String)> {
    let key = |n: &Ngay| (n.year, n.month, n.day.unwrap_or(0));
    (key(later) < key(earlier)).then(|| {
        (
            field.to_owned(),
            MucDo::Loi,
            format!("ngày {} trước {what} ({})", later.short_form(), earlier.short_form()),
        )
    })
}

/// One rule broken: the field, how bad, the message.
pub type Rule = (String, MucDo, String);

/// The ký hiệu's rules: a decree kind with a type code starts with it; one
/// without (a Công văn) has none; a kind outside the decree, the office's.
pub(crate) fn symbol_rules(kind: Kind, symbol: &str) -> impl Iterator<Item = Rule> {
    let problems = match (kind.ma, kind.mau) {
        (None, Some(_)) => cong_van_symbol_problems(symbol),
        (code, _) => symbol_problems(symbol, code),
    };
    problems.into_iter().map(|(s, m)| ("ky_hieu".into(), s, m))
}

/// The rules of the fields every document shares: its ký hiệu, its signer,
/// Nơi nhận and Lưu, the place and the signer's name.
pub(crate) fn common_rules(kind: Kind, c: Chung) -> Vec<Rule> {
    let mut out: Vec<Rule> = symbol_rules(kind, c.ky_hieu).collect();
    out.extend(signer_findings(c.nguoi_ky));
    out.extend(noi_nhan_findings(c.noi_nhan, c.luu));
    // (The signer's blank name is the signer's findings', said once.)
    out.extend(empty_findings(&[("dia_danh", c.dia_danh)]));
    out
}

/// Kính gửi (ô 9a) where the kind has it, not where it has none (PL I
/// II.9.b), and "Như trên" first in Nơi nhận when it is there (II.9.d).
pub(crate) fn kinh_gui_rules(kind: Kind, kinh_gui: Option<&DanhSachNhan>, noi_nhan: &[Nhan]) -> Vec<Rule> {
    let cite = "(NĐ30, Phụ lục I, II.9.b)";
    let mut out = kinh_gui.map(|k| group_findings("kinh_gui", &k.0)).unwrap_or_default();
    match (kind.kinh_gui, kinh_gui) {
        // The decree's Giấy mời names its invitees in "trân trọng kính
        // mời"; a meeting invitation sent to several bodies lists them under
        // Kính gửi, as offices do [practice, nd30.md §5].
        (KinhGui::BatBuoc, None) if kind.mau == Some("1.7") => out.push((
            "kinh_gui".into(),
            MucDo::Loi,
            format!("{} phải ghi những nơi được mời ở khóa 'kinh_gui' (dòng 'Kính gửi:' của giấy mời), hoặc người được mời ở khóa 'kinh_moi' (dòng '… trân trọng kính mời: …')", kind.ten),
        )),
        (KinhGui::BatBuoc, None) => out.push((
            "kinh_gui".into(),
            MucDo::Loi,
            format!("{} phải có 'Kính gửi' cơ quan, tổ chức nhận văn bản: thêm khóa 'kinh_gui' {cite}", kind.ten),
        )),
        (KinhGui::Khong, Some(_)) => out.push((
            "kinh_gui".into(),
            MucDo::CanhBao,
            format!(
                "{} không có 'Kính gửi': NĐ30 chỉ dùng 'Kính gửi' cho tờ trình, báo cáo gửi cấp trên và công văn {cite}",
                kind.ten
            ),
        )),
        _ => {}
    }
    out.extend(nhu_tren_rules(kinh_gui.is_some(), noi_nhan));
    out
}

/// "Như trên" (those the document is addressed to) first in Nơi nhận when
/// it has addressees, and not there when it has none (PL I II.9.d).
pub(crate) fn nhu_tren_rules(addressed: bool, noi_nhan: &[Nhan]) -> Vec<Rule> {
    let mut out = Vec::new();
    match noi_nhan.iter().position(|n| n.mot().is_some_and(crate::model::common::is_nhu_tren)) {
        Some(i) if addressed && i > 0 => out.push((
            format!("noi_nhan[{i}]"),
            MucDo::Loi,
            "'Như trên' (những nơi ở dòng Kính gửi) phải là dòng đầu của Nơi nhận (NĐ30, Phụ lục I, II.9.d)"
                .into(),
        )),
        // A Báo cáo not sent upward keeps the habit of "Như trên" (TL-4).
        Some(i) if !addressed => out.push((
            format!("noi_nhan[{i}]"),
            MucDo::CanhBao,
            "'Như trên' chỉ những nơi ở dòng Kính gửi, mà văn bản không có 'Kính gửi': bỏ dòng này, hoặc thêm khóa 'kinh_gui' (NĐ30, Phụ lục I, II.9.d)"
                .into(),
        )),
        _ => {}
    }
    out
}

/// The agency's signing time, which the box on the first page of a part in
/// its own file shows (E-6; NĐ30 PL I II.8.b): without it the box keeps
/// blanks for the signing tool; given for a document that has no such box,
/// it is shown nowhere. `tep_rieng`: the document has a part in its own file.
pub(crate) fn ky_so_findings(
    dien_tu: bool,
    tep_rieng: bool,
    thoi_diem: &Option<crate::model::common::ThoiDiem>,
) -> Vec<Rule> {
    let field = "thoi_diem_ky_so".to_owned();
    match (dien_tu && tep_rieng, thoi_diem) {
        (true, None) => vec![(
            field,
            MucDo::CanhBao,
            "văn bản điện tử có phần ở tệp riêng: ô chữ ký số của cơ quan ở góc trên bên phải trang đầu tệp đó để trống ngày và giờ ký vì chưa có 'thoi_diem_ky_so', ví dụ 'thoi_diem_ky_so: 05/05/2025 14:30:05' (giờ Việt Nam; NĐ30, Phụ lục I, II.8.b)".into(),
        )],
        (false, Some(_)) => vec![(
            field,
            MucDo::CanhBao,
            "'thoi_diem_ky_so' chỉ được in trong ô chữ ký số của phần ở tệp riêng của văn bản điện tử ('dien_tu: true' và 'tep_rieng: true'); văn bản này không có ô đó".into(),
        )],
        _ => Vec::new(),
    }
}

/// The folder's plan, if it has one, for dates that must follow it.
pub(crate) fn sibling_plan(folder: &dyn crate::folder::Folder) -> Option<std::sync::Arc<KeHoach>> {
    folder.yaml_files().into_iter().find_map(|name| {
        let kind = parse_once(folder, &name, crate::engine::kind_in).ok()?.ok()?;
        match *kind {
            Some(k) if k.loai == "ke-hoach" => {
                parse_once(folder, &name, model::parse_yaml::<KeHoach>).ok()?.ok()
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(symbol: &str, code: Option<&str>) -> Vec<String> {
        symbol_problems(symbol, code).into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn symbols_follow_the_decree() {
        assert!(messages("KH-SDTTG", Some("KH")).is_empty());
        assert!(messages("TTr-UBND", Some("TTr")).is_empty());
        assert!(messages("KH/SDTTG", Some("KH"))[0].contains("chứa dấu '/'"));
        assert!(messages("KH - SDTTG", Some("KH"))[0].contains("khoảng trắng"));
        assert!(messages("TTR-UBND", Some("TTr"))[0].contains("phải viết đúng 'TTr'"));
        assert!(
            messages("GM-SDTTG", Some("KH"))[0].contains("phải bắt đầu bằng chữ viết tắt tên loại 'KH-'")
        );
        assert!(messages("KH", Some("KH"))[0].contains("thiếu chữ viết tắt tên cơ quan"));
        assert!(messages("GCN-SDTTG", None).is_empty());
    }

    #[test]
    fn a_cong_van_symbol_names_agency_and_unit_and_no_type_code() {
        let cv = |s: &str| cong_van_symbol_problems(s).into_iter().map(|(_, m)| m).collect::<Vec<_>>();
        assert!(cv("SDTTG-PCS").is_empty());
        assert!(cv("UBND-VX").is_empty());
        assert!(cv("SDTTG")[0].contains("phải gồm chữ viết tắt tên cơ quan và của đơn vị soạn thảo"));
        assert!(cv("KH-SDTTG")[0].contains("có 'KH', chữ viết tắt tên loại 'KH'"));
        assert!(cv("SDTTG-ttr")[0].contains("có 'ttr', chữ viết tắt tên loại 'TTr'"));
        assert!(cv("CV-SDTTG")[0].contains("có 'CV'"));
        assert!(cv("SDTTG/PCS")[0].contains("chứa dấu '/'"));
    }
}
