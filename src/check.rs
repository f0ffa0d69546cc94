//! `vanban check`: every problem of a document or a folder in one pass,
//! without rendering: the decree's rules the data alone can break, each with
//! its file, line and field and the clause it breaks.

use std::path::{Path, PathBuf};

use crate::engine::Engine;
use crate::error::{Diagnostic, Error};
use crate::folder::parse_once;
use crate::kind::{Input, Kind, KinhGui, Made};
use crate::model::bien_ban::BienBan;
use crate::model::common::{Chung, DanhSachNhan, Lines, Ngay, NguoiKy, Nhan, VanBan};
use crate::model::cong_dien::CongDienParts;
use crate::model::giay_chung_nhan::GiayChungNhan;
use crate::model::giay_gioi_thieu::GiayGioiThieu;
use crate::model::giay_moi::GiayMoi;
use crate::model::giay_moi_hop::GiayMoiHop;
use crate::model::ke_hoach::KeHoach;
use crate::model::quyet_dinh::QuyetDinh;
use crate::{compose, model, vi};

pub use crate::error::MucDo;

/// One problem found: the diagnostic every command reports.
pub type Finding = Diagnostic;

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
    if let Some(code) = code {
        let first = groups.first().copied().unwrap_or("");
        if first != code {
            if first.to_lowercase() == code.to_lowercase() {
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
    for g in &groups {
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
fn symbol_form_problems(symbol: &str) -> Vec<(MucDo, String)> {
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
const TITLE_PREFIXES: [&str; 9] = ["GS.", "PGS.", "TS.", "ThS.", "BS.", "KS.", "CN.", "TSKH.", "NGƯT."];

fn signer_findings(k: &NguoiKy) -> Vec<(String, MucDo, String)> {
    let mut out: Vec<(String, MucDo, String)> =
        k.problems().into_iter().map(|(f, m)| (format!("nguoi_ky.{f}"), MucDo::Loi, m)).collect();
    out.extend(title_before_name("nguoi_ky.ho_ten", &k.ho_ten));
    out
}

/// An academic title before a signer's name (`field`), as a warning.
fn title_before_name(field: &str, ho_ten: &str) -> Option<Rule> {
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

fn empty_findings(fields: &[(&str, &str)]) -> Vec<(String, MucDo, String)> {
    fields
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| ((*f).to_owned(), MucDo::Loi, "không được để trống".to_owned()))
        .collect()
}

/// Nơi nhận's rules: its "Lưu" line last (and only there), no empty group.
fn noi_nhan_findings(noi_nhan: &[Nhan], luu: &str) -> Vec<(String, MucDo, String)> {
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
fn group_findings(field: &str, entries: &[Nhan]) -> Vec<Rule> {
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
fn wide_trich_yeu(lines: &Lines) -> Vec<(String, MucDo, String)> {
    wide_lines_in(lines, compose::TEXT_WIDTH, compose::TITLE, "vùng chữ")
}

/// Explicit lines set in `kieu` wider than `room` points (`place`: "vùng
/// chữ").
fn wide_lines_in(lines: &Lines, room: f64, kieu: compose::Kieu, place: &str) -> Vec<(String, MucDo, String)> {
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
fn date_order(earlier: &Ngay, later: &Ngay, field: &str, what: &str) -> Option<(String, MucDo, String)> {
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
fn symbol_rules(kind: Kind, symbol: &str) -> impl Iterator<Item = Rule> {
    let problems = match (kind.ma, kind.mau) {
        (None, Some(_)) => cong_van_symbol_problems(symbol),
        (code, _) => symbol_problems(symbol, code),
    };
    problems.into_iter().map(|(s, m)| ("ky_hieu".into(), s, m))
}

/// The rules of the fields every document shares: its ký hiệu, its signer,
/// Nơi nhận and Lưu, the place and the signer's name.
fn common_rules(kind: Kind, c: Chung) -> Vec<Rule> {
    let mut out: Vec<Rule> = symbol_rules(kind, c.ky_hieu).collect();
    out.extend(signer_findings(c.nguoi_ky));
    out.extend(noi_nhan_findings(c.noi_nhan, c.luu));
    out.extend(empty_findings(&[("dia_danh", c.dia_danh), ("nguoi_ky.ho_ten", &c.nguoi_ky.ho_ten)]));
    out
}

/// Kính gửi (ô 9a) where the kind has it, not where it has none (PL I
/// II.9.b), and "Như trên" first in Nơi nhận when it is there (II.9.d).
fn kinh_gui_rules(kind: Kind, kinh_gui: Option<&DanhSachNhan>, noi_nhan: &[Nhan]) -> Vec<Rule> {
    let cite = "(NĐ30, Phụ lục I, II.9.b)";
    let mut out = kinh_gui.map(|k| group_findings("kinh_gui", &k.0)).unwrap_or_default();
    match (kind.kinh_gui, kinh_gui) {
        // The decree's Giấy mời names its invitees in "trân trọng kính
        // mời"; a meeting invitation sent to several bodies lists them under
        // Kính gửi, as offices do [practice, nd30.md §5].
        (KinhGui::BatBuoc, None) if kind.mau == Some("1.7") => out.push((
            "kinh_gui".into(),
            MucDo::Loi,
            format!("{} phải ghi những nơi được mời ở khóa 'kinh_gui' (dòng 'Kính gửi:' của giấy mời)", kind.ten),
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
fn nhu_tren_rules(addressed: bool, noi_nhan: &[Nhan]) -> Vec<Rule> {
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

/// A Mẫu 1.4 document (Kế hoạch, Thông báo …).
pub fn ke_hoach_rules(input: &Input, d: &KeHoach) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[("trich_yeu", &d.trich_yeu.0.join(" "))]));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan));
    out
}

/// Names of collectives, as an authority line starts with them: a decision
/// of a collective is signed "TM." (PL I II.7.b; PL III Mẫu 1.2 note 6).
const COLLECTIVES: [&str; 7] =
    ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG", "BAN ", "ĐOÀN ", "THƯỜNG TRỰC"];

/// A Quyết định (Mẫu 1.2).
pub fn quyet_dinh_rules(input: &Input, d: &QuyetDinh) -> Vec<Rule> {
    let kind = input.kind;
    use crate::model::common::QuyenHan;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    let trich = d.trich_yeu.0.join(" ");
    let tham_quyen = d.tham_quyen.0.join(" ");
    out.extend(empty_findings(&[("trich_yeu", &trich), ("tham_quyen", &tham_quyen)]));
    if d.can_cu.is_empty() {
        out.push((
            "can_cu".into(),
            MucDo::Loi,
            "quyết định cần ít nhất một dòng căn cứ ban hành (NĐ30, Phụ lục I, II.6.a)".into(),
        ));
    }
    // The article that names who carries it out: Nơi nhận's "- Như Điều N;".
    let executing: Vec<usize> =
        d.dieu.iter().enumerate().filter(|(_, a)| a.thi_hanh).map(|(i, _)| i).collect();
    match executing.as_slice() {
        [] if !d.dieu.is_empty() => out.push((
            "dieu".into(),
            MucDo::Loi,
            "quyết định không có điều nào giao tổ chức thực hiện: ghi 'thi_hanh: true' ở điều nêu những người chịu trách nhiệm thi hành, để Nơi nhận ghi '- Như Điều …;' (NĐ30, Phụ lục III, Mẫu 1.2)".into(),
        )),
        [_, second, ..] => out.push((
            format!("dieu[{second}].thi_hanh"),
            MucDo::Loi,
            "chỉ một điều được ghi 'thi_hanh: true' (điều giao tổ chức thực hiện)".into(),
        )),
        _ => {}
    }
    if let Some(&i) = executing.first() {
        for (j, e) in d.noi_nhan.iter().enumerate() {
            let Some(e) = e.mot() else { continue };
            let e = e.trim().trim_start_matches("- ").trim_end_matches([';', '.']).trim_end();
            if let Some(n) = e.strip_prefix("Như Điều ").and_then(|n| n.trim().parse::<usize>().ok())
                && n != i + 1
            {
                out.push((
                    format!("noi_nhan[{j}]"),
                    MucDo::Loi,
                    format!("'{e}' nhưng điều giao tổ chức thực hiện là Điều {}", i + 1),
                ));
            }
        }
    }
    // A collective decides: its chair signs "TM." it (QD-8).
    let collective = COLLECTIVES.iter().any(|c| vi::upper(&tham_quyen).starts_with(c));
    let tm = d.nguoi_ky.first_prefix() == Some(QuyenHan::ThayMat);
    if collective && !tm {
        out.push((
            "nguoi_ky.quyen_han".into(),
            MucDo::Loi,
            format!(
                "thẩm quyền ban hành là tập thể '{tham_quyen}' nên người ký phải ký thay mặt: 'quyen_han: TM.' (NĐ30, Phụ lục I, II.7.b)"
            ),
        ));
    } else if !collective && tm {
        out.push((
            "nguoi_ky.quyen_han".into(),
            MucDo::CanhBao,
            format!(
                "thẩm quyền ban hành là người đứng đầu ('{tham_quyen}'), không phải tập thể: thường không ký 'TM.' (NĐ30, Phụ lục III, Mẫu 1.2, ghi chú 6)"
            ),
        ));
    }
    if let Some(kt) = &d.kem_theo {
        out.extend(kem_theo_rules(&d.dieu, kt));
    }
    out.extend(ky_so_findings(
        d.dien_tu,
        d.kem_theo.as_ref().is_some_and(|k| k.tep_rieng),
        &d.thoi_diem_ky_so,
    ));
    // QD-1: "Về việc …" for a decision that rules directly (Mẫu 1.2);
    // "Ban hành …" or "Phê duyệt …" for one that issues a document (1.3).
    let starts: &[&str] =
        if d.kem_theo.is_some() { &["Ban hành", "Phê duyệt"] } else { &["Về việc"] };
    if !trich.trim().is_empty() && !starts.iter().any(|w| trich.trim_start().starts_with(w)) {
        let (mau, example) = if d.kem_theo.is_some() {
            ("1.3", "'Ban hành Quy chế …' hoặc 'Phê duyệt …'")
        } else {
            ("1.2", "'Về việc …'")
        };
        out.push((
            "trich_yeu".into(),
            MucDo::CanhBao,
            format!("trích yếu của quyết định theo Mẫu {mau} thường bắt đầu {example} (NĐ30, Phụ lục III, Mẫu {mau})"),
        ));
    }
    out
}

/// The agency's signing time, which the box on the first page of a part in
/// its own file shows (E-6; NĐ30 PL I II.8.b): without it the box keeps
/// blanks for the signing tool; given for a document that has no such box,
/// it is shown nowhere. `tep_rieng`: the document has a part in its own file.
fn ky_so_findings(
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

/// "Làm việc của …" as it reads after a tên loại: "làm việc của …".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// A decision issuing a document (Mẫu 1.3): its Điều 1 says so (QD-9), and
/// every article of the document has a title (ATT-3; PL I II.6.d).
fn kem_theo_rules(
    dieu: &[crate::model::quyet_dinh::Dieu],
    kt: &crate::model::quyet_dinh::KemTheo,
) -> Vec<Rule> {
    let mut out = Vec::new();
    if let Some(first) = dieu.first() {
        let text =
            [first.tieu_de.as_deref(), first.noi_dung.as_deref()].into_iter().flatten().collect::<Vec<_>>();
        if !vi::fold(&text.join(" ")).contains(&vi::fold("kèm theo Quyết định này")) {
            out.push((
                "dieu[0]".into(),
                MucDo::Loi,
                format!(
                    "quyết định có văn bản kèm theo ('kem_theo') nên Điều 1 phải ghi '… kèm theo Quyết định này …', ví dụ 'Ban hành kèm theo Quyết định này {} {}.' (NĐ30, Phụ lục III, Mẫu 1.3)",
                    compose::sentence_case(&kt.ten_loai),
                    lower_first(&kt.trich_yeu.0.join(" "))
                ),
            ));
        }
    }
    out.extend(empty_findings(&[
        ("kem_theo.ten_loai", &kt.ten_loai),
        ("kem_theo.trich_yeu", &kt.trich_yeu.0.join(" ")),
    ]));
    // The fields of each article in document order, for its number.
    let mut fields: Vec<(String, &crate::model::quyet_dinh::Dieu)> =
        kt.dieu.iter().enumerate().map(|(j, a)| (format!("kem_theo.dieu[{j}]"), a)).collect();
    for (c, chuong) in kt.chuong.iter().enumerate() {
        if chuong.ten.trim().is_empty() {
            out.push((
                format!("kem_theo.chuong[{c}].ten"),
                MucDo::Loi,
                "chương phải có tên (NĐ30, Phụ lục I, II.6.d)".into(),
            ));
        }
        fields.extend(
            chuong.dieu.iter().enumerate().map(|(j, a)| (format!("kem_theo.chuong[{c}].dieu[{j}]"), a)),
        );
        for (m, muc) in chuong.muc.iter().enumerate() {
            if muc.ten.trim().is_empty() {
                out.push((
                    format!("kem_theo.chuong[{c}].muc[{m}].ten"),
                    MucDo::Loi,
                    "mục phải có tên (NĐ30, Phụ lục I, II.6.d)".into(),
                ));
            }
            fields.extend(
                muc.dieu
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (format!("kem_theo.chuong[{c}].muc[{m}].dieu[{j}]"), a)),
            );
        }
    }
    for (n, (field, a)) in fields.iter().enumerate() {
        if a.tieu_de.as_deref().is_none_or(|t| t.trim().is_empty()) {
            out.push((
                field.clone(),
                MucDo::Loi,
                format!(
                    "Điều {} của văn bản kèm theo không có tiêu đề: mỗi điều của {} phải có tiêu đề in đậm ngay sau 'Điều {}.' (ghi 'tieu_de: …', nội dung ở 'khoan' hoặc 'noi_dung') (NĐ30, Phụ lục I, II.6.d)",
                    n + 1,
                    kt.ten_loai.to_lowercase(),
                    n + 1
                ),
            ));
        }
    }
    out
}

/// A Công văn (Mẫu 1.5): its ký hiệu without a type code (CV-3), a
/// trích yếu for its V/v line, explicit V/v lines that fit the header's
/// left column; Kính gửi and the rest as a plan's.
pub fn cong_van_rules(input: &Input, d: &KeHoach) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    let subject = d.trich_yeu.0.iter().map(|l| compose::vv_subject(l)).collect::<Vec<_>>().join(" ");
    if subject.trim_end_matches('.').trim().is_empty() {
        out.push((
            "trich_yeu".into(),
            MucDo::Loi,
            "công văn phải có trích yếu nội dung, in thành dòng 'V/v …' dưới số, ký hiệu (NĐ30, Phụ lục I, II.5.b)"
                .into(),
        ));
    }
    let vv = compose::vv_text(&d.trich_yeu);
    out.extend(wide_lines_in(&vv, compose::LEFT_COLUMN, compose::VV, "cột trái phần đầu văn bản"));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan));
    out.extend(ky_so_findings(d.dien_tu, d.phu_luc.iter().any(|p| p.tep_rieng), &d.thoi_diem_ky_so));
    out
}

/// An invitation batch: its own dates in order, and after its plan's.
pub fn giay_moi_rules(input: &Input, d: &GiayMoi) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[
        ("chu_tri", &d.chu_tri),
        ("dia_diem", &d.dia_diem),
        ("gio_bat_dau", &d.gio_bat_dau),
    ]));
    for (i, lop) in d.lop.iter().enumerate() {
        out.extend(date_order(&d.ngay, &lop.tu_ngay, &format!("lop[{i}].tu_ngay"), "ngày ký giấy mời"));
        out.extend(date_order(
            &lop.tu_ngay,
            &lop.den_ngay,
            &format!("lop[{i}].den_ngay"),
            "ngày bắt đầu lớp",
        ));
    }
    // An invitation implements the plan of the same folder.
    if let Some(plan) = sibling_plan(input.folder) {
        out.extend(date_order(&plan.ngay, &d.ngay, "ngay", "ngày của Kế hoạch mà giấy mời thực hiện"));
    }
    out
}

/// One meeting invitation: its invitees (Kính gửi) and "Như trên", and
/// the three facts rule 18 asks for.
pub fn giay_moi_hop_rules(input: &Input, d: &GiayMoiHop) -> Vec<Rule> {
    let kind = input.kind;
    let mut out = common_rules(kind, d.chung());
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(kinh_gui_rules(kind, d.kinh_gui.as_ref(), &d.noi_nhan));
    out.extend(empty_findings(&[
        ("trich_yeu", &d.trich_yeu.0.join(" ")),
        ("chu_tri", &d.chu_tri),
        ("thoi_gian", &d.thoi_gian),
        ("dia_diem", &d.dia_diem),
    ]));
    out
}

/// A Công điện (Mẫu 1.6): /CĐ- (CD-1), its sender line (CD-2) and at
/// least one recipient (CD-3); trích yếu, signer and Nơi nhận as a plan's.
pub fn cong_dien_rules(input: &Input, d: &CongDienParts) -> Vec<Rule> {
    let kind = input.kind;
    let (plan, dien) = (&d.plan, &d.dien);
    let mut out = common_rules(kind, plan.chung());
    out.extend(wide_trich_yeu(&plan.trich_yeu));
    out.extend(empty_findings(&[("trich_yeu", &plan.trich_yeu.0.join(" "))]));
    let cite = "(NĐ30, Phụ lục III, Mẫu 1.6)";
    if dien.nguoi_dien.as_deref().is_none_or(|n| n.trim().is_empty()) {
        out.push((
            "nguoi_dien".into(),
            MucDo::Loi,
            format!(
                "công điện phải ghi tên cơ quan hoặc chức danh người đứng đầu gửi điện ở khóa 'nguoi_dien' (dòng '… điện:', ví dụ 'nguoi_dien: GIÁM ĐỐC SỞ DÂN TỘC VÀ TÔN GIÁO') {cite}"
            ),
        ));
    }
    if dien.noi_nhan_dien.iter().all(|n| n.trim().is_empty()) {
        out.push((
            "noi_nhan_dien".into(),
            MucDo::Loi,
            format!("công điện phải ghi cơ quan, tổ chức nhận điện ở khóa 'noi_nhan_dien' (các dòng '- …;' dưới dòng '… điện:') {cite}"),
        ));
    }
    // Its recipients stand where a Kính gửi would: "Như trên" names them.
    out.extend(nhu_tren_rules(!dien.noi_nhan_dien.is_empty(), &plan.noi_nhan));
    out
}

/// A Giấy giới thiệu (Mẫu 1.8): no trích yếu (GGT-1), /GGT- (GGT-3), the
/// labels of its body filled in and its validity date, after the date it
/// is signed (GGT-2); "Như trên" first in Nơi nhận, as the template has it.
pub fn giay_gioi_thieu_rules(input: &Input, d: &GiayGioiThieu) -> Vec<Rule> {
    let kind = input.kind;
    let cite = "(NĐ30, Phụ lục III, Mẫu 1.8)";
    let mut out = common_rules(kind, d.chung());
    if d.trich_yeu.is_some() {
        out.push((
            "trich_yeu".into(),
            MucDo::Loi,
            format!("giấy giới thiệu không có trích yếu: dưới tên loại 'GIẤY GIỚI THIỆU' chỉ có đường kẻ; bỏ khóa 'trich_yeu', ghi việc được cử đi ở khóa 've_viec' {cite}"),
        ));
    }
    out.extend(empty_findings(&[
        ("ho_ten", &d.ho_ten),
        ("chuc_vu", &d.chuc_vu),
        ("duoc_cu_den", &d.duoc_cu_den),
        ("ve_viec", &d.ve_viec),
    ]));
    match &d.co_gia_tri_den {
        None => out.push((
            "co_gia_tri_den".into(),
            MucDo::Loi,
            format!("giấy giới thiệu phải ghi thời hạn 'Giấy này có giá trị đến hết ngày …': thêm khóa 'co_gia_tri_den' (ví dụ 'co_gia_tri_den: 30/6/2025') {cite}"),
        )),
        Some(n) if n.day.is_none() => out.push((
            "co_gia_tri_den".into(),
            MucDo::Loi,
            format!("thời hạn '{}' thiếu ngày: 'Giấy này có giá trị đến hết ngày …' cần ngày, tháng, năm (dd/mm/yyyy) {cite}", n.short_form()),
        )),
        Some(n) => out.extend(date_order(&d.ngay, n, "co_gia_tri_den", "ngày ký giấy giới thiệu")),
    }
    match d.noi_nhan.iter().position(|n| n.mot().is_some_and(crate::model::common::is_nhu_tren)) {
        Some(0) => {}
        _ => out.push((
            "noi_nhan".into(),
            MucDo::CanhBao,
            format!("Nơi nhận của giấy giới thiệu bắt đầu bằng '- Như trên;' (nơi được cử đến) {cite}"),
        )),
    }
    out
}

/// Minutes (Mẫu 1.9): BB-1's type code, the fields the body names, the
/// end after the start, no academic title before either signer's name.
pub fn bien_ban_rules(input: &Input, d: &BienBan) -> Vec<Rule> {
    let mut out: Vec<Rule> = symbol_rules(input.kind, &d.ky_hieu).collect();
    out.extend(noi_nhan_findings(&d.noi_nhan, &d.luu));
    out.extend(wide_trich_yeu(&d.trich_yeu));
    out.extend(empty_findings(&[
        ("trich_yeu", &d.trich_yeu.0.join(" ")),
        ("dia_diem", &d.dia_diem),
        ("thanh_phan", &d.thanh_phan.0.join(" ")),
        ("chu_toa.ho_ten", &d.chu_toa.ho_ten),
        ("thu_ky.ho_ten", &d.thu_ky.ho_ten),
    ]));
    if d.ket_thuc <= d.bat_dau {
        out.push((
            "ket_thuc".into(),
            MucDo::Loi,
            format!(
                "cuộc họp kết thúc lúc {} nhưng bắt đầu lúc {}: giờ kết thúc phải sau giờ bắt đầu",
                d.ket_thuc, d.bat_dau
            ),
        ));
    }
    out.extend(title_before_name("chu_toa.ho_ten", &d.chu_toa.ho_ten));
    out.extend(title_before_name("thu_ky.ho_ten", &d.thu_ky.ho_ten));
    out
}

/// A certificate batch.
pub fn giay_chung_nhan_rules(input: &Input, d: &GiayChungNhan) -> Vec<Rule> {
    let kind = input.kind;
    let mut out: Vec<Rule> = symbol_rules(kind, &d.ky_hieu).collect();
    out.extend(signer_findings(&d.nguoi_ky));
    out.extend(empty_findings(&[("nguoi_chung_nhan", &d.nguoi_chung_nhan), ("khoa_hoc", &d.khoa_hoc)]));
    out
}

/// The folder's plan, if it has one, for dates that must follow it.
fn sibling_plan(folder: &dyn crate::folder::Folder) -> Option<std::sync::Arc<KeHoach>> {
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

/// Raw-text problems: not NFC (fixed on input, but worth knowing), or typed
/// in a legacy encoding.
fn text_findings(path: &Path) -> Vec<Finding> {
    let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
    let Ok(text) = String::from_utf8(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    let mut add = |line: usize, muc_do, thong_bao: String| {
        out.push(Diagnostic::new(path, "", thong_bao).at(line, None).severity(muc_do))
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(word) = vi::legacy_encoding(line) {
            add(
                i + 1,
                MucDo::Loi,
                format!("chữ '{word}' có dạng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode"),
            );
        }
        if line.chars().any(vi::is_bidi_control) {
            add(
                i + 1,
                MucDo::CanhBao,
                "có ký tự điều khiển hướng chữ (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) không nhìn thấy; vanban bỏ chúng khi dựng".into(),
            );
        }
        if !unicode_normalization::is_nfc(line) {
            add(
                i + 1,
                MucDo::CanhBao,
                "văn bản không ở dạng Unicode dựng sẵn (NFC); vanban tự chuẩn hóa khi dựng".into(),
            );
        }
    }
    out
}

fn findings_of(error: Error, path: &Path) -> Vec<Finding> {
    match error {
        Error::Input(list) => list,
        other => vec![Diagnostic::new(path, "", other.to_string())],
    }
}

/// The document-level rules of a document's text (its folder on disk).
pub fn rules_of_text(kind: Kind, path: &Path, text: &str) -> Vec<Finding> {
    let folder = crate::folder::OnDisk::of_file(path);
    rules_of_input(&Input { kind, path, text, folder: &folder })
}

/// The document-level rules of a document in any folder.
pub fn rules_of_input(input: &Input) -> Vec<Finding> {
    match input.kind.pass(input, None) {
        Ok(pass) => pass.rules,
        Err(e) => findings_of(e, input.path),
    }
}

/// What preparing a document found: its batch's problems and failed
/// records, or why it could not be prepared.
pub fn made_findings(made: Result<Made, Error>, path: &Path) -> Vec<Finding> {
    match made {
        Err(e) => findings_of(e, path),
        Ok(Made::One(_)) => Vec::new(),
        Ok(Made::Batch(b)) => {
            let mut out = b.problems;
            for item in b.items.into_iter().filter(|i| !i.reported) {
                if let Err(m) = item.result {
                    // A row's problem points at the list, a letter's at the batch.
                    let (tep, dong) = match (&b.list, item.row) {
                        (Some(list), Some(row)) => (list.clone(), Some(row)),
                        _ => (path.to_owned(), None),
                    };
                    out.push(Diagnostic { line: dong, ..Diagnostic::new(&tep, item.name, m) });
                }
            }
            out
        }
    }
}

/// Checks a document file, or every document of a folder.
pub fn check(engine: &Engine, path: &Path) -> Result<Vec<Finding>, Error> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io("không mở được thư mục", path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        v.sort();
        v
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        return Err(Error::Usage(format!("không tìm thấy '{}'", path.display())));
    };
    let mut out = Vec::new();
    // One folder for all: what several documents read is parsed once.
    let folder = crate::folder::OnDisk::of_file(files.first().map(PathBuf::as_path).unwrap_or(path));
    for file in files {
        out.extend(text_findings(&file));
        let source = match crate::engine::read_source(&file) {
            Ok(s) => s,
            Err(e) => {
                out.extend(findings_of(e, &file));
                continue;
            }
        };
        let Some(kind) = source.kind else { continue };
        let input = Input { kind, path: &file, text: &source.text, folder: &folder };
        // The rules, then what preparing the document checks: fonts,
        // allocation, schedule, rows; from one parse.
        match kind.pass(&input, Some((&engine.templates, &engine.fonts))) {
            Ok(pass) => {
                out.extend(pass.rules);
                if let Some(made) = pass.made {
                    out.extend(made_findings(made, &file));
                }
            }
            Err(e) => out.extend(findings_of(e, &file)),
        }
    }
    // The same problem may be found by two checks (a parse error, say).
    out.dedup();
    Ok(out)
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
