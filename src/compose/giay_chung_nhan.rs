//! Giấy chứng nhận: the trainee list checked row by row against the class
//! schedule, ordered, numbered, one template context per certificate.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use icu_collator::{Collator, CollatorBorrowed, options::CollatorOptions};
use icu_locale::locale;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::{Item, Prepared, PreparedBatch, err_at, today_of};
use crate::error::{Error, InputError, Result};
use crate::fonts::{FontSet, Measure};
use crate::inspect::MM;
use crate::kind::Kind;
use crate::model::common::Ngay;
use crate::model::giay_chung_nhan::{GiayChungNhan, SapXep};
use crate::model::giay_moi::{GiayMoi, Lop};
use crate::model::hoc_vien::{self, HocVien, NgaySinh, RowError};
use crate::model::phan_bo::PhanBo;
use crate::model::{self};
use crate::render::SourceMap;
use crate::template::Templates;
use crate::vi;

/// Vietnamese collation (CLDR "vi": a ă â b c d đ e ê …, tones after letters).
fn collator() -> CollatorBorrowed<'static> {
    Collator::try_new(locale!("vi").into(), CollatorOptions::default())
        .expect("compiled collation data for vi")
}

/// Orders names the Vietnamese way: given name, then middle names, then the
/// family name, each by the Vietnamese alphabet and tones.
pub fn compare_names(collator: &CollatorBorrowed<'_>, a: &str, b: &str) -> Ordering {
    let parts = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        let given = words.last().copied().unwrap_or("");
        let family = if words.len() > 1 { words[0] } else { "" };
        let middle = if words.len() > 2 { words[1..words.len() - 1].join(" ") } else { String::new() };
        (given.to_owned(), middle, family.to_owned())
    };
    let (ga, ma, fa) = parts(a);
    let (gb, mb, fb) = parts(b);
    collator
        .compare(&ga, &gb)
        .then_with(|| collator.compare(&ma, &mb))
        .then_with(|| collator.compare(&fa, &fb))
}

/// The programme a list's cell names, matched case-, space- and
/// NFC-insensitively against the allocation: its code ("CT3"), the code's
/// number ("3", "Chương trình 3"), its name ("Chương trình 3 (cộng đồng)")
/// or the name without its parenthesis.
fn program_named<'a>(written: &str, programs: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let w = vi::fold(written);
    programs.iter().find_map(|(code, name)| {
        let number: String = code.chars().filter(char::is_ascii_digit).collect();
        let short = name.split(" (").next().unwrap_or(name);
        let mut forms = vec![vi::fold(code), vi::fold(name), vi::fold(short)];
        if !number.is_empty() {
            forms.push(vi::fold(&format!("Chương trình {number}")));
            forms.push(number);
        }
        forms.contains(&w).then_some(code.as_str())
    })
}

/// A row against its class: the class names the programme and the units,
/// so the row's own columns only have to agree with it (or be left out).
fn schedule_problem(
    row: &HocVien,
    classes: &BTreeMap<&str, &Lop>,
    programs: &BTreeMap<String, String>,
) -> Option<RowError> {
    let err = |cot: &str, message: String| Some(RowError { dong: row.dong, cot: cot.into(), message });
    let Some(lop) = classes.get(row.lop.as_str()) else {
        return err(
            "Lớp",
            format!(
                "lớp '{}' không có trong lịch học ({})",
                row.lop,
                classes.keys().copied().collect::<Vec<_>>().join(", ")
            ),
        );
    };
    if !row.chuong_trinh.is_empty() {
        match program_named(&row.chuong_trinh, programs) {
            Some(code) if code == lop.chuong_trinh => {}
            Some(code) => {
                return err(
                    "Chương trình",
                    format!(
                        "'{}' là chương trình {code}, nhưng lớp {} thuộc chương trình {}",
                        row.chuong_trinh, lop.ma, lop.chuong_trinh
                    ),
                );
            }
            None => {
                let known: Vec<String> = programs.iter().map(|(c, n)| format!("{c}: {n}")).collect();
                return err(
                    "Chương trình",
                    format!(
                        "không nhận ra chương trình '{}' (bảng phân bổ có {}); ghi mã, số hoặc tên chương trình, hoặc để trống vì lớp {} đã cho biết chương trình",
                        row.chuong_trinh,
                        known.join("; "),
                        lop.ma
                    ),
                );
            }
        }
    }
    if !row.dia_ban.is_empty() && !lop.don_vi.iter().any(|u| vi::fold(u) == vi::fold(&row.dia_ban)) {
        // "Xã Na Sầm" for a class listing "Na Sầm": the level may be written.
        let bare = |s: &str| {
            let f = vi::fold(s);
            crate::model::phan_bo::Cap::ALL
                .iter()
                .find_map(|c| f.strip_prefix(&vi::fold(c.word())).map(str::to_owned))
                .unwrap_or(f)
        };
        if !lop.don_vi.iter().any(|u| bare(u) == bare(&row.dia_ban)) {
            return err(
                "Xã/phường",
                format!("'{}' không học lớp {} ({})", row.dia_ban, lop.ma, lop.don_vi.join(", ")),
            );
        }
    }
    None
}

fn font_problem(row: &HocVien, fonts: &FontSet) -> Option<RowError> {
    let fields = [
        ("Họ và tên", &row.ho_ten),
        ("Dân tộc", &row.dan_toc),
        ("Chức vụ", &row.chuc_vu),
        ("Đơn vị công tác", &row.don_vi),
    ];
    for (cot, v) in fields {
        if let Some(c) = v.chars().find(|c| fonts.missing_face(*c).is_some()) {
            return Some(RowError {
                dong: row.dong,
                cot: cot.into(),
                message: format!("ký tự '{c}' (U+{:04X}) không có trong phông {}", c as u32, fonts.family),
            });
        }
    }
    None
}

struct Shared<'a> {
    gcn: &'a GiayChungNhan,
    classes: BTreeMap<&'a str, &'a Lop>,
    program_names: BTreeMap<String, String>,
    default_place: &'a str,
    measure: Measure<'a>,
}

const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Room on the certificate, in points, as `chung-nhan.typ` lays it out (A4
/// landscape less 20 mm margins; the name follows "Ông: "; the details
/// block is 215 mm wide). Sizes are chosen here, before layout, so Typst
/// sets each text once instead of measuring it first.
const ROOM_LINE: f64 = (297.0 - 40.0) * MM;
const ROOM_NAME: f64 = ROOM_LINE - 30.0 * MM;
const ROOM_DETAILS: f64 = 215.0 * MM;
/// The smallest size any shrunk text gets.
const SMALLEST: f64 = 8.0;

fn certificate_context(s: &Shared, row: &HocVien, number: u32) -> Value {
    let lop = s.classes[row.lop.as_str()];
    let short = |n: &Ngay| format!("{:02}/{}/{}", n.day.unwrap_or(1), vi::pad_month(n.month), n.year);
    let ngay = s.gcn.ngay.unwrap_or(lop.den_ngay);
    let program = s.program_names.get(&lop.chuong_trinh).cloned().unwrap_or_else(|| lop.chuong_trinh.clone());
    let sinh = match row.ngay_sinh {
        NgaySinh::Ngay(_) => format!("Sinh ngày: {}", row.ngay_sinh.text()),
        NgaySinh::Nam(_) => format!("Năm sinh: {}", row.ngay_sinh.text()),
    };
    let mut lines = vec![format!("{sinh}; Dân tộc: {}", row.dan_toc)];
    if !row.chuc_vu.is_empty() {
        lines.push(format!("Chức vụ: {}", row.chuc_vu));
    }
    lines.push(format!("Đơn vị công tác: {}", row.don_vi));
    lines.push(format!("Đã hoàn thành lớp tập huấn {program}, lớp {}, {}", lop.ma, s.gcn.khoa_hoc));
    lines.push(format!(
        "Thời gian: từ ngày {} đến ngày {}, tại {}.",
        short(&lop.tu_ngay),
        short(&lop.den_ngay),
        lop.dia_diem.as_deref().unwrap_or(s.default_place).trim_end_matches('.')
    ));
    let sizes: Vec<f64> =
        lines.iter().map(|l| s.measure.fit_lines(l, ROOM_DETAILS, 2.0, 14.0, SMALLEST)).collect();
    json!({
        "ten": row.ho_ten,
        "so_ky_hieu": crate::model::common::so_ky_hieu(Some(number), &s.gcn.ky_hieu),
        "ong_ba": if row.nu { "Bà" } else { "Ông" },
        "ho_ten": row.ho_ten,
        "co_ho_ten": s.measure.fit_line(&row.ho_ten, ROOM_NAME, 24.0, SMALLEST, true),
        "cac_dong": lines,
        "co_cac_dong": sizes,
        "dia_danh_ngay": format!("{}, {}", s.gcn.dia_danh, ngay.long_form()),
    })
}

/// Reads a certificate batch and its trainee list.
pub fn prepare(
    kind: Kind,
    path: &Path,
    text: &str,
    templates: &Templates,
    fonts: &FontSet,
) -> Result<PreparedBatch> {
    let gcn: GiayChungNhan = model::parse_yaml(path, text)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut problems: Vec<InputError> =
        super::opening_problems(path, text, fonts, &gcn.loai, kind.loai, &gcn.nguoi_ky);
    let resolve = |key: &str, value: &str, problems: &mut Vec<InputError>| match model::resolve_in_folder(
        folder, value,
    ) {
        Ok(p) => Some(p),
        Err(m) => {
            problems.push(err_at(path, text, key, key, m));
            None
        }
    };
    let list_path = resolve("danh_sach", &gcn.danh_sach, &mut problems);
    let lich_path = resolve("lich", &gcn.lich, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let (list_path, lich_path) = (list_path.expect("checked"), lich_path.expect("checked"));
    let lich: GiayMoi = model::load_yaml(&lich_path)?;
    let program_names: BTreeMap<String, String> = match model::resolve_in_folder(folder, &lich.phan_bo) {
        Ok(p) => PhanBo::load(&p)?.chuong_trinh.into_iter().map(|c| (c.ma, c.ten)).collect(),
        Err(m) => return Err(Error::input(InputError::new(&lich_path, "phan_bo", m))),
    };
    let shared = Shared {
        gcn: &gcn,
        classes: lich.lop.iter().map(|l| (l.ma.as_str(), l)).collect(),
        program_names,
        default_place: &lich.dia_diem,
        measure: fonts.measure(),
    };
    let mut rows = hoc_vien::read(&list_path, &gcn.cot)?;
    if gcn.sap_xep == SapXep::Ten {
        let collator = collator();
        // Bad rows keep their place at the end, in list order.
        rows.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => compare_names(&collator, &a.ho_ten, &b.ho_ten),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => Ordering::Equal,
        });
    }
    let width = rows.len().to_string().len().max(3);
    let file_of = |order: usize, name: &str| format!("{:0width$}-{}.pdf", order, vi::slug(name));
    // Rows are independent: check and measure them on every core.
    let items = rows
        .par_iter()
        .enumerate()
        .map(|(i, row)| {
            // Numbers follow the order, bad rows included, so fixing a row
            // later does not renumber certificates already printed.
            let number = gcn.so_bat_dau + i as u32;
            let checked = row.clone().and_then(|r| {
                match schedule_problem(&r, &shared.classes, &shared.program_names)
                    .or_else(|| font_problem(&r, fonts))
                {
                    Some(e) => Err(e),
                    None => Ok(r),
                }
            });
            match checked {
                Ok(r) => Item {
                    name: r.ho_ten.clone(),
                    file: file_of(i + 1, &r.ho_ten),
                    row: Some(r.dong),
                    result: Ok(certificate_context(&shared, &r, number)),
                    reported: false,
                },
                Err(e) => Item {
                    name: String::new(),
                    file: String::new(),
                    row: Some(e.dong),
                    result: Err(e.to_string()),
                    reported: false,
                },
            }
        })
        .collect();
    let template = kind.template;
    let nguoi_chung_nhan = vi::upper(&gcn.nguoi_chung_nhan);
    let ban_hanh = gcn.co_quan.ban_hanh_lines();
    Ok(PreparedBatch {
        items,
        skipped: Vec::new(),
        problems: Vec::new(),
        shared: json!({
            "phong_chu": fonts.family,
            "tieu_de": format!("Giấy chứng nhận: {}", gcn.khoa_hoc),
            "chu_quan": gcn.co_quan.chu_quan_lines(),
            "ban_hanh": ban_hanh,
            "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "nguoi_chung_nhan": nguoi_chung_nhan,
            "co_nguoi_chung_nhan":
                shared.measure.fit_line(&format!("{nguoi_chung_nhan} CHỨNG NHẬN"), ROOM_LINE, 14.0, SMALLEST, true),
            // The rules under the agency name and the tiêu ngữ.
            "rong_ban_hanh": ban_hanh.iter().map(|l| shared.measure.width(l, 13.0, true, false)).fold(0.0, f64::max),
            "rong_tieu_ngu": shared.measure.width(TIEU_NGU, 14.0, true, false),
            "dong_chuc_vu": gcn.nguoi_ky.title_lines(),
            "ho_ten_ky": gcn.nguoi_ky.ho_ten,
        }),
        template,
        base: Prepared {
            source: String::new(),
            map: SourceMap { library_lines: templates.library_lines(), template: template.into() },
            today: today_of(&gcn.ngay.unwrap_or(lich.ngay)),
            ident: format!("{}/{}", kind.loai, gcn.ky_hieu),
            folder: folder.to_path_buf(),
        },
        list: Some(list_path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_name_order() {
        let c = collator();
        let mut names = vec![
            "Vi Thị Ánh",
            "Nguyễn Văn Đức",
            "Hoàng Văn Dũng",
            "Lương Thị Ăn",
            "Nông Thị An",
            "Trần Văn An",
            "Bế Thị Ấn",
            "Lý Văn Ba",
        ];
        names.sort_by(|a, b| compare_names(&c, a, b));
        assert_eq!(
            names,
            [
                "Nông Thị An",
                "Trần Văn An",
                "Vi Thị Ánh",
                "Lương Thị Ăn",
                "Bế Thị Ấn",
                "Lý Văn Ba",
                "Hoàng Văn Dũng",
                "Nguyễn Văn Đức"
            ]
        );
    }
}
