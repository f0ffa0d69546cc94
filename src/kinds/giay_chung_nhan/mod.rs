//! Giấy chứng nhận: the trainee list checked row by row against the class
//! schedule, ordered, numbered, one template context per certificate.

pub mod data;

use crate::rules::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::compose::{Item, Prepared, PreparedBatch, err_at, today_of};
use crate::error::{Error, InputError, Result};
use crate::folder::parse_once;
use crate::fonts::{FontSet, Measure};
use crate::inspect::MM;
use crate::kind::{Doc, Input, Made};
use crate::kinds::giay_chung_nhan::data::{GiayChungNhan, SapXep};
use crate::kinds::giay_moi::data::{GiayMoi, Lop};
use crate::kinds::quyet_dinh::data::QuyetDinh;
use crate::model::common::Ngay;
use crate::model::hoc_vien::{self, HocVien, NgaySinh, RowError};
use crate::model::phan_bo::{PhanBo, program_code};
use crate::model::{self};
use crate::render::SourceMap;
use crate::rules::Rule;
use crate::template::Templates;
use crate::vi;

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
        match program_code(&row.chuong_trinh, programs) {
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
    /// The cited decision: "Quyết định số …", and its date.
    quyet_dinh: Option<(String, Ngay)>,
    classes: BTreeMap<&'a str, &'a Lop>,
    program_names: BTreeMap<String, String>,
    default_place: &'a str,
    measure: Measure<'a>,
    page: PageFrame,
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

/// The page's height budget, so that a certificate is known before layout
/// to fit its one page (issue 13.2: the signer's block never stands alone
/// on a page) without a second Typst pass. Heights in points, as
/// `chung-nhan.typ` stacks its parts: every line of text is a box 1.15 em
/// high (`dinh-chu`, `chan-chu` in nd30.typ), and a text that wraps is
/// broken as Typst breaks a paragraph that is not justified: at the first
/// space that leaves the line within its room.
///
/// Room between the top (16 mm) and bottom (14 mm) margins.
const BODY_HEIGHT: f64 = (210.0 - 16.0 - 14.0) * MM;
/// A line box, in em.
const LINE_BOX: f64 = 1.15;
/// Between the wrapped lines of a text (`van-ban`'s leading, 0.15 em of
/// the text's size); between those of a details line, and between two
/// details lines (em of the 14 pt body size: those paragraphs are made
/// outside their text's size).
const LEADING: f64 = 0.15;
const DETAILS_LEADING: f64 = 0.35 * 14.0;
const DETAILS_SPACING: f64 = 0.5 * 14.0;
/// The agency column and the signer's block.
const ROOM_AGENCY: f64 = 95.0 * MM;
const ROOM_SIGNER: f64 = 120.0 * MM;
/// The height of the quốc hiệu column: two lines (13 and 14 pt) and the
/// gap above the rule; the agency column's gaps (rule, number).
const QUOC_HIEU_COLUMN: f64 = LINE_BOX * (13.0 + 14.0) + 3.5;
const AGENCY_GAPS: f64 = 3.5 + 6.0;
/// From the header to the name: v(8mm), the 26 pt title, v(4mm), the
/// "… CHỨNG NHẬN" line (14 pt at most), v(5mm); under the name v(4mm).
const TITLE_PART: f64 = (8.0 + 4.0 + 5.0 + 4.0) * MM + LINE_BOX * (26.0 + 14.0);
/// "Ông: " is 16 pt; the name 24 pt unless shrunk.
const NAME_LABEL: f64 = 16.0;
/// The gap for the signature and seal, in mm, and the least it is reduced
/// to when a certificate is too tall for it (after its details lines went
/// down to `DETAILS_FIRST_FLOOR`).
const SIGNATURE_GAP: f64 = 22.0;
const SIGNATURE_GAP_MIN: f64 = 16.0;
/// Details lines of a too tall certificate shrink to this size first,
/// then the signature gap, then the lines again down to `SMALLEST`.
const DETAILS_FIRST_FLOOR: f64 = 12.0;
/// Kept free at the bottom against rounding.
const SLACK: f64 = 0.5;

/// A text's words, measured once at 1 pt, for counting its lines at any
/// size (widths scale with the size).
#[derive(Clone)]
struct Words {
    /// The words of each line the text itself ends (a line feed does).
    parts: Vec<Vec<f64>>,
    space: f64,
}

/// Characters after which a line must end (UAX #14 classes BK, CR, LF, NL).
const FORCED_BREAKS: [char; 7] = ['\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'];

impl Words {
    fn of(measure: &Measure, text: &str, bold: bool, italic: bool) -> Self {
        // Only ordinary spaces break: a no-break space joins its words. Two
        // spaces in a row count as two (an empty word between them).
        let words = |part: &str| part.split(' ').map(|w| measure.width(w, 1.0, bold, italic)).collect();
        Words {
            parts: text.split(FORCED_BREAKS).map(words).collect(),
            space: measure.width(" ", 1.0, bold, italic),
        }
    }

    /// How many lines of `room` points the text takes at `size` points:
    /// first fit, a word wider than the room on a line of its own. Typst
    /// may also break after a hyphen or a zero-width space, which never
    /// takes more lines.
    fn lines(&self, room: f64, size: f64) -> usize {
        let room = room / size;
        let mut lines = 0;
        for part in &self.parts {
            lines += 1;
            let mut used: Option<f64> = None;
            for &w in part {
                used = Some(match used {
                    Some(u) if u + self.space + w > room => {
                        lines += 1;
                        w
                    }
                    Some(u) => u + self.space + w,
                    None => w,
                });
            }
        }
        lines
    }

    /// The height of the text at `size` in a column of `room` points.
    fn height(&self, room: f64, size: f64, leading: f64) -> f64 {
        let n = self.lines(room, size) as f64;
        n * LINE_BOX * size + (n - 1.0) * leading
    }
}

/// What of the page every certificate of a batch shares.
struct PageFrame {
    /// The agency's lines, wrapped in their column.
    agency: f64,
    /// Printed lines of the agency block, for the message when it is too tall.
    agency_lines: usize,
    /// The title part and the signer's block without its gap.
    fixed: f64,
    /// The signer's title lines alone.
    titles: f64,
}

impl PageFrame {
    fn of(gcn: &GiayChungNhan, measure: &Measure) -> Self {
        let line = |text: &str, room: f64, size: f64, bold: bool, italic: bool| {
            let words = Words::of(measure, text, bold, italic);
            (words.lines(room, size), words.height(room, size, LEADING * size))
        };
        let mut agency = 0.0;
        let mut agency_lines = 0;
        let regular = gcn.co_quan.chu_quan_lines().into_iter().map(|l| (l, false));
        for (text, bold) in regular.chain(gcn.co_quan.ban_hanh_lines().into_iter().map(|l| (l, true))) {
            let (n, h) = line(&text, ROOM_AGENCY, 13.0, bold, false);
            agency += h;
            agency_lines += n;
        }
        let titles: f64 =
            gcn.nguoi_ky.title_lines().iter().map(|t| line(t, ROOM_SIGNER, 14.0, true, false).1).sum();
        // The place and date (its day and month vary: the longest form),
        // 4 pt, the titles, the name.
        let date = format!("{}, ngày 30 tháng 12 năm 2025", gcn.dia_danh);
        let signer = line(&date, ROOM_SIGNER, 14.0, false, true).1
            + 4.0
            + titles
            + line(&gcn.nguoi_ky.ho_ten, ROOM_SIGNER, 14.0, true, false).1;
        PageFrame { agency, agency_lines, fixed: TITLE_PART + signer, titles }
    }

    /// The certificate's height with the details lines `details` at
    /// `sizes`, none above `cap`, and the signature gap `gap` mm: `number`
    /// is its "Số: …" line, `name` the size of the trainee's name.
    fn height(&self, number: &Words, name: f64, details: &[Words], sizes: &[f64], cap: f64, gap: f64) -> f64 {
        let header = (self.agency + AGENCY_GAPS + number.height(ROOM_AGENCY, 13.0, LEADING * 13.0))
            .max(QUOC_HIEU_COLUMN);
        let lines: f64 =
            details.iter().zip(sizes).map(|(w, s)| w.height(ROOM_DETAILS, s.min(cap), DETAILS_LEADING)).sum();
        let between = DETAILS_SPACING * details.len().saturating_sub(1) as f64;
        header + self.fixed + LINE_BOX * name.max(NAME_LABEL) + lines + between + gap * MM
    }

    /// The details lines' sizes and the signature gap (mm, `None`: the
    /// usual one) at which the certificate fits its page: `sizes` as chosen
    /// for each line's width when they fit, else capped (in tenths of a
    /// point) and the gap narrowed, in the order the constants above say.
    /// `None` when even the smallest do not fit.
    fn fit(
        &self,
        number: &Words,
        name: f64,
        details: &[Words],
        sizes: &[f64],
    ) -> Option<(Vec<f64>, Option<f64>)> {
        let fits =
            |cap: f64, gap: f64| self.height(number, name, details, sizes, cap, gap) <= BODY_HEIGHT - SLACK;
        let capped = |cap: f64| sizes.iter().map(|s| s.min(cap)).collect::<Vec<f64>>();
        if fits(f64::INFINITY, SIGNATURE_GAP) {
            return Some((sizes.to_vec(), None));
        }
        if fits(DETAILS_FIRST_FLOOR, SIGNATURE_GAP) {
            let cap = largest(DETAILS_FIRST_FLOOR, 14.0, 0.1, |c| fits(c, SIGNATURE_GAP));
            return Some((capped(cap), None));
        }
        if fits(DETAILS_FIRST_FLOOR, SIGNATURE_GAP_MIN) {
            let gap = largest(SIGNATURE_GAP_MIN, SIGNATURE_GAP, 0.5, |g| fits(DETAILS_FIRST_FLOOR, g));
            return Some((capped(DETAILS_FIRST_FLOOR), Some(gap)));
        }
        if fits(SMALLEST, SIGNATURE_GAP_MIN) {
            let cap = largest(SMALLEST, DETAILS_FIRST_FLOOR, 0.1, |c| fits(c, SIGNATURE_GAP_MIN));
            return Some((capped(cap), Some(SIGNATURE_GAP_MIN)));
        }
        None
    }
}

/// The message for a certificate that cannot fit one page.
fn too_tall(what: &str, advice: &str) -> String {
    format!(
        "{what}: giấy chứng nhận không vừa một trang dù các dòng về học viên đã thu nhỏ đến {SMALLEST} pt và khoảng chừa cho chữ ký chỉ còn {SIGNATURE_GAP_MIN} mm; {advice}"
    )
}

/// The largest of `from`, `from + step`, … `to` at which `fits` holds,
/// `fits` holding at `from` and, once false, false above.
fn largest(from: f64, to: f64, step: f64, fits: impl Fn(f64) -> bool) -> f64 {
    // Steps counted in whole numbers, so that 13.7 is written 13.7.
    let per = (1.0 / step).round();
    let at = |k: i64| ((from * per).round() + k as f64) / per;
    let (mut lo, mut hi) = (0, ((to - from) * per).round() as i64);
    while lo < hi {
        let mid = (lo + hi + 1) / 2;
        if fits(at(mid)) { lo = mid } else { hi = mid - 1 }
    }
    at(lo)
}

/// The details lines a class gives: what was completed, when and where, and
/// the decision recognising it when one is cited.
fn class_lines(s: &Shared, lop: &Lop) -> Vec<String> {
    let short = |n: &Ngay| format!("{:02}/{}/{}", n.day.unwrap_or(1), vi::pad_month(n.month), n.year);
    let program = s.program_names.get(&lop.chuong_trinh).cloned().unwrap_or_else(|| lop.chuong_trinh.clone());
    let mut lines = vec![
        format!("Đã hoàn thành lớp tập huấn {program}, lớp {}, {}", lop.ma, s.gcn.khoa_hoc),
        format!(
            "Thời gian: từ ngày {} đến ngày {}, tại {}.",
            short(&lop.tu_ngay),
            short(&lop.den_ngay),
            lop.dia_diem.as_deref().unwrap_or(s.default_place).trim_end_matches('.')
        ),
    ];
    if let Some((cited, _)) = &s.quyet_dinh {
        lines.push(format!("Theo {cited}."));
    }
    lines
}

/// The size each details line gets for its width: about two lines.
fn width_size(s: &Shared, line: &str) -> f64 {
    s.measure.fit_lines(line, ROOM_DETAILS, 2.0, 14.0, SMALLEST)
}

fn certificate_context(s: &Shared, row: &HocVien, number: u32) -> std::result::Result<Value, RowError> {
    let lop = s.classes[row.lop.as_str()];
    let ngay = s.gcn.ngay.or(s.quyet_dinh.as_ref().map(|(_, d)| *d)).unwrap_or(lop.den_ngay);
    let sinh = match row.ngay_sinh {
        NgaySinh::Ngay(_) => format!("Sinh ngày: {}", row.ngay_sinh.text()),
        NgaySinh::Nam(_) => format!("Năm sinh: {}", row.ngay_sinh.text()),
    };
    // Each of the row's own lines with the column it comes from.
    let mut own = vec![(format!("{sinh}; Dân tộc: {}", row.dan_toc), "Dân tộc")];
    if !row.chuc_vu.is_empty() {
        own.push((format!("Chức vụ: {}", row.chuc_vu), "Chức vụ"));
    }
    own.push((format!("Đơn vị công tác: {}", row.don_vi), "Đơn vị công tác"));
    let mut lines: Vec<String> = own.iter().map(|(l, _)| l.clone()).collect();
    lines.extend(class_lines(s, lop));
    let sizes: Vec<f64> = lines.iter().map(|l| width_size(s, l)).collect();
    let so_ky_hieu = crate::model::common::so_ky_hieu(Some(number), &s.gcn.ky_hieu);
    let co_ho_ten = s.measure.fit_line(&row.ho_ten, ROOM_NAME, 24.0, SMALLEST, true);
    let words: Vec<Words> = lines.iter().map(|l| Words::of(&s.measure, l, false, false)).collect();
    let number_words = Words::of(&s.measure, &so_ky_hieu, false, false);
    let Some((sizes, gap)) = s.page.fit(&number_words, co_ho_ten, &words, &sizes) else {
        // The batch was checked with the fewest and shortest lines a row
        // can have: the row's own lines are too long.
        let (i, _) = (0..own.len())
            .map(|i| (i, words[i].lines(ROOM_DETAILS, SMALLEST)))
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
            .expect("a row has its own lines");
        return Err(RowError {
            dong: row.dong,
            cot: own[i].1.into(),
            message: too_tall(
                &format!("quá dài ({} dòng ở cỡ {SMALLEST} pt)", words[i].lines(ROOM_DETAILS, SMALLEST)),
                "hãy viết gọn lại",
            ),
        });
    };
    Ok(json!({
        "ten": row.ho_ten,
        "so_ky_hieu": so_ky_hieu,
        "ong_ba": if row.nu { "Bà" } else { "Ông" },
        "ho_ten": row.ho_ten,
        "co_ho_ten": co_ho_ten,
        "cac_dong": lines,
        "co_cac_dong": sizes,
        "khoang_ky": gap,
        "dia_danh_ngay": format!("{}, {}", s.gcn.dia_danh, ngay.long_form()),
    }))
}

/// Whether the parts every certificate shares leave room for the fewest
/// and shortest details a row can have (two lines of one line each) and
/// each class's own lines, at the smallest sizes; if not, the part that
/// takes the most beyond its usual height is named: the agency block
/// (usually two lines), the signer's titles (two), the course (one line).
fn batch_fits(s: &Shared, path: &Path, text: &str) -> Result<()> {
    let one_line = Words::of(&s.measure, "Sinh ngày: 30/12/2000; Dân tộc: Kinh", false, false);
    let number = Words::of(&s.measure, &crate::model::common::so_ky_hieu(None, &s.gcn.ky_hieu), false, false);
    for lop in s.classes.values() {
        let class: Vec<Words> =
            class_lines(s, lop).iter().map(|l| Words::of(&s.measure, l, false, false)).collect();
        let done_lines = class[0].lines(ROOM_DETAILS, SMALLEST);
        // Birth and ethnicity, the unit, the class's lines.
        let details: Vec<Words> = [one_line.clone(), one_line.clone()].into_iter().chain(class).collect();
        let sizes = vec![SMALLEST; details.len()];
        let height = s.page.height(&number, SMALLEST, &details, &sizes, SMALLEST, SIGNATURE_GAP_MIN);
        if height <= BODY_HEIGHT - SLACK {
            continue;
        }
        let excess = [
            (s.page.agency - 2.0 * LINE_BOX * 13.0, "co_quan"),
            (s.page.titles - 2.0 * LINE_BOX * 14.0, "nguoi_ky"),
            ((done_lines as f64 - 1.0) * LINE_BOX * SMALLEST, "khoa_hoc"),
        ];
        let (_, field) =
            excess.iter().copied().fold((f64::MIN, "co_quan"), |a, b| if b.0 > a.0 { b } else { a });
        let message = match field {
            "co_quan" => too_tall(
                &format!("khối tên cơ quan chiếm {} dòng, quá cao", s.page.agency_lines),
                "hãy viết gọn tên cơ quan (thường 2 hoặc 3 dòng)",
            ),
            "nguoi_ky" => too_tall("chức vụ người ký chiếm quá nhiều dòng", "hãy viết gọn lại"),
            _ => too_tall(
                &format!("dòng khóa học của lớp {} quá dài ({done_lines} dòng ở cỡ {SMALLEST} pt)", lop.ma),
                "hãy viết gọn lại",
            ),
        };
        return Err(Error::input(err_at(path, text, field, field, message)));
    }
    Ok(())
}

/// The certificates of a class list, one per trainee.
pub struct GiayChungNhanDoc;

impl Doc for GiayChungNhanDoc {
    type Data = GiayChungNhan;
    const BATCH: bool = true;

    fn rules(input: &Input, gcn: &GiayChungNhan) -> Vec<Rule> {
        giay_chung_nhan_rules(input, gcn)
    }

    fn prepare(input: &Input, gcn: GiayChungNhan, templates: &Templates, fonts: &FontSet) -> Result<Made> {
        prepare(input, gcn, templates, fonts).map(Made::Batch)
    }
}

/// Prepares a certificate batch from its trainee list.
fn prepare(
    input: &Input,
    gcn: GiayChungNhan,
    templates: &Templates,
    fonts: &FontSet,
) -> Result<PreparedBatch> {
    let (kind, path, text) = (input.kind, input.path, input.text);
    let mut problems: Vec<InputError> =
        crate::compose::opening_problems(path, text, fonts, &gcn.loai, kind.loai, &gcn.nguoi_ky);
    // The list, and the schedule and allocation the invitations read too.
    let list = input.folder.read(&gcn.danh_sach).map_err(|m| err_at(path, text, "danh_sach", "danh_sach", m));
    let lich = parse_once(input.folder, &gcn.lich, model::parse_yaml::<GiayMoi>)
        .map_err(|m| err_at(path, text, "lich", "lich", m));
    let (list, lich) = match (list, lich) {
        (Ok(list), Ok(lich)) => (list, lich?),
        (list, lich) => {
            problems.extend(list.err().into_iter().chain(lich.err()));
            return Err(Error::Input(problems));
        }
    };
    let (list_path, list_bytes) = list;
    let lich_path = input.folder.locate(&gcn.lich).unwrap_or_default();
    let program_names: BTreeMap<String, String> = match parse_once(input.folder, &lich.phan_bo, PhanBo::parse)
    {
        Ok(parsed) => parsed?.chuong_trinh.iter().map(|c| (c.ma.clone(), c.ten.clone())).collect(),
        Err(m) => return Err(Error::input(InputError::new(&lich_path, "phan_bo", m))),
    };
    let measure = fonts.measure();
    // The decision it cites, read as its own document is.
    let quyet_dinh = match &gcn.quyet_dinh {
        Some(name) => {
            let qd = parse_once(input.folder, name, model::parse_yaml::<QuyetDinh>)
                .map_err(|m| Error::input(err_at(path, text, "quyet_dinh", "quyet_dinh", m)))??;
            Some((super::quyet_dinh::citation_of(&qd), qd.ngay))
        }
        None => None,
    };
    let shared = Shared {
        gcn: &gcn,
        quyet_dinh,
        classes: lich.lop.iter().map(|l| (l.ma.as_str(), l)).collect(),
        program_names,
        default_place: &lich.dia_diem,
        page: PageFrame::of(&gcn, &measure),
        measure,
    };
    batch_fits(&shared, path, text)?;
    let mut rows = hoc_vien::read_bytes(&list_path, list_bytes, &gcn.cot)?;
    if gcn.sap_xep == SapXep::Ten {
        let collator = vi::collator();
        // Bad rows keep their place at the end, in list order.
        rows.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => vi::compare_names(&collator, &a.ho_ten, &b.ho_ten),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => Ordering::Equal,
        });
    }
    // Rows are independent: check and measure them on every core.
    let mut items: Vec<Item> = rows
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
                    None => certificate_context(&shared, &r, number).map(|context| (r, context)),
                }
            });
            match checked {
                Ok((r, context)) => Item {
                    name: r.ho_ten.clone(),
                    file: String::new(), // named below, in order
                    row: Some(r.dong),
                    result: Ok(context),
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
    let mut names = crate::batch::FileNames::new(items.len());
    for (i, item) in items.iter_mut().enumerate().filter(|(_, item)| item.result.is_ok()) {
        item.file = names.numbered(i + 1, &item.name);
    }
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
            folder: path.parent().map(Path::to_owned).unwrap_or_else(|| std::path::PathBuf::from(".")),
            tep_rieng: Vec::new(),
        },
        list: Some(list_path),
        preamble: None,
    })
}

/// A certificate batch.
fn giay_chung_nhan_rules(input: &Input, d: &GiayChungNhan) -> Vec<Rule> {
    let kind = input.kind;
    let mut out: Vec<Rule> = symbol_rules(kind, &d.ky_hieu).collect();
    out.extend(signer_findings(&d.nguoi_ky));
    out.extend(empty_findings(&[("nguoi_chung_nhan", &d.nguoi_chung_nhan), ("khoa_hoc", &d.khoa_hoc)]));
    // A certificate is dated once its class has ended, and once the decision
    // it cites has been signed.
    if let Some(ngay) = &d.ngay
        && let Ok(Ok(lich)) = parse_once(input.folder, &d.lich, model::parse_yaml::<GiayMoi>)
    {
        for lop in &lich.lop {
            out.extend(date_order(&lop.den_ngay, ngay, "ngay", &format!("ngày kết thúc lớp {}", lop.ma)));
        }
    }
    if let Some(name) = &d.quyet_dinh
        && let Ok(Ok(qd)) = parse_once(input.folder, name, model::parse_yaml::<QuyetDinh>)
    {
        if let Some(ngay) = &d.ngay {
            out.extend(date_order(
                &qd.ngay,
                ngay,
                "ngay",
                "ngày của quyết định công nhận mà giấy chứng nhận trích dẫn",
            ));
        }
        // The decision's list and the certificates' must be the same rows.
        match &qd.so_lieu {
            Some(n) if n.danh_sach != d.danh_sach => out.push((
                "quyet_dinh".into(),
                MucDo::CanhBao,
                format!(
                    "quyết định công nhận '{name}' đọc danh sách '{}', còn giấy chứng nhận đọc '{}': hai văn bản có thể ghi khác người",
                    n.danh_sach, d.danh_sach
                ),
            )),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_name_order() {
        let c = vi::collator();
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
        names.sort_by(|a, b| vi::compare_names(&c, a, b));
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
