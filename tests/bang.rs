//! Tables without widths: as wide as the text, columns in proportion to
//! their content, numbers aligned by kind (amounts right, counts centred),
//! the header repeated on every page; explicit widths and alignments win.

mod common;

use std::sync::LazyLock;

use common::*;
use vanban::inspect::{MM, PageFacts, TextRun};

/// A plan with a three-column table, a table with explicit widths and
/// alignments, a 60-row table, and a landscape phụ lục with an eight-column
/// budget.
static PLAN: LazyLock<Vec<PageFacts>> = LazyLock::new(|| {
    let rows: String = (1..=60)
        .map(|i| {
            format!("        - [\"{i}\", \"Học viên thứ {i}\", \"Xã Hoàng Đồng\", \"{}\"]\n", 10 + i % 7)
        })
        .collect();
    let body = format!(
        r#"noi_dung:
  - Các lớp tập huấn như sau:
  - bang:
      cot: [STT, Nội dung, Thời gian]
      dong:
        - ["1", "Tập huấn cán bộ cấp xã", "Quý II"]
        - ["2", "Tập huấn người có uy tín", "Quý III"]
  - bang:
      cot: [Mã, Tên]
      do_rong: [20mm, 40mm]
      can_le: [right, center]
      dong:
        - ["CT2", "Chương trình 2"]
  - bang:
      cot: [STT, Họ và tên, Đơn vị, Số tiết]
      dong:
{rows}  - Trên đây là Kế hoạch của Sở.
phu_luc:
  - tieu_de: Dự toán kinh phí
    ngang: true
    noi_dung:
      - bang:
          cot: [STT, Nội dung, Đơn vị tính, Số lượng, Đơn giá (đồng), Thành tiền (đồng), Nguồn kinh phí, Ghi chú]
          dong_cuoi_dam: true
          dong:
            - ["1", "Thuê hội trường, trang thiết bị", "Ngày", "2", "5.000.000", "10.000.000", "Ngân sách trung ương", ""]
            - ["2", "Tài liệu cho học viên", "Bộ", "120", "25.000", "3.000.000", "Ngân sách trung ương", ""]
            - ["3", "Hỗ trợ tiền ăn cho học viên", "Người", "40", "150.000", "6.000.000", "Ngân sách địa phương", "2 ngày"]
            - ["", "Tổng cộng", "", "", "", "19.000.000", "", ""]"#
    );
    let dir = folder(&[("kh.yaml", &plan_yaml(&body))]);
    pages_of(&dir.path().join("kh.yaml"))
});

/// The left and right vertical rules of the table whose header row holds
/// `header` on page `p`, and its column rules, left to right.
fn table_columns(p: &PageFacts, header: &TextRun) -> Vec<f64> {
    // The rules that cross the header's baseline belong to its table.
    let mut xs: Vec<f64> =
        p.vertical.iter().filter(|r| r.y < header.y && r.y + r.length > header.y).map(|r| r.x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.1);
    xs
}

fn run<'a>(p: &'a PageFacts, text: &str) -> &'a TextRun {
    p.runs.iter().find(|r| r.text == text).unwrap_or_else(|| panic!("no run {text:?} in\n{}", p.text()))
}

fn spans_the_text_width(p: &PageFacts, header: &str, columns: usize) {
    let cols = table_columns(p, run(p, header));
    assert_eq!(cols.len(), columns + 1, "rules of the {header:?} table: {cols:?}");
    let (left, right) = (cols[0], cols[columns]);
    assert!((left - LEFT).abs() <= 1.0, "table starts at {left}, margin at {LEFT}");
    assert!((right - text_right(p)).abs() <= 1.0, "table ends at {right}, margin at {}", text_right(p));
    // The top rule runs from margin to margin too.
    let top = p
        .rules
        .iter()
        .filter(|r| r.y < run(p, header).y)
        .min_by(|a, b| (run(p, header).y - a.y).total_cmp(&(run(p, header).y - b.y)))
        .expect("the rule above the header");
    assert!((top.x - LEFT).abs() <= 1.0 && (top.x + top.length - text_right(p)).abs() <= 1.0, "{top:?}");
}

#[test]
fn a_table_without_widths_spans_the_text_width() {
    spans_the_text_width(&PLAN[0], "Thời gian", 3);
    // Its columns follow their content: STT narrow, the text column widest.
    let cols = table_columns(&PLAN[0], run(&PLAN[0], "Thời gian"));
    let w: Vec<f64> = cols.windows(2).map(|c| c[1] - c[0]).collect();
    assert!(w[0] < 20.0 * MM && w[1] > w[2] && w[2] > w[0], "widths {w:?}");
    // Text left, STT centred, header centred and bold.
    let text = run(&PLAN[0], "Tập huấn cán bộ cấp xã");
    assert!((text.x - (cols[1] + 4.0)).abs() < 0.5, "text at {} column at {}", text.x, cols[1]);
    let stt = run(&PLAN[0], "STT");
    assert!(stt.bold && ((stt.x + stt.width / 2.0) - (cols[0] + cols[1]) / 2.0).abs() < 0.5);
    let header = run(&PLAN[0], "Nội dung");
    assert!(header.bold && ((header.x + header.width / 2.0) - (cols[1] + cols[2]) / 2.0).abs() < 0.5);
}

#[test]
fn explicit_widths_and_alignments_win() {
    let p = &PLAN[0];
    let cols = table_columns(p, run(p, "Mã"));
    assert_eq!(cols.len(), 3, "{cols:?}");
    assert!((cols[0] - LEFT).abs() <= 1.0);
    assert!(((cols[1] - cols[0]) - 20.0 * MM).abs() < 0.5 && ((cols[2] - cols[1]) - 40.0 * MM).abs() < 0.5);
    let code = run(p, "CT2");
    assert!((code.x + code.width - (cols[1] - 4.0)).abs() < 0.5, "right-aligned as asked");
}

#[test]
fn a_landscape_budget_spans_the_landscape_text_width() {
    let p = PLAN.iter().find(|p| p.text().contains("DỰ TOÁN KINH PHÍ")).expect("the phụ lục");
    assert!(p.width > p.height, "landscape");
    spans_the_text_width(p, "STT", 8);
}

#[test]
fn amounts_are_right_aligned_counts_centred_text_left() {
    let p = PLAN.iter().find(|p| p.text().contains("DỰ TOÁN KINH PHÍ")).expect("the phụ lục");
    let cols = table_columns(p, run(p, "STT"));
    assert_eq!(cols.len(), 9, "{cols:?}");
    let column_of = |r: &TextRun| cols.windows(2).position(|c| r.x >= c[0] && r.x < c[1]).unwrap();
    // "Thành tiền (đồng)": every amount ends 4 pt (the inset) before the column's right rule.
    for amount in ["10.000.000", "3.000.000", "6.000.000", "19.000.000"] {
        let r = run(p, amount);
        let c = column_of(r);
        assert_eq!(c, 5, "{amount} in column {c}");
        assert!((r.x + r.width - (cols[6] - 4.0)).abs() < 0.5, "{amount} ends at {}", r.x + r.width);
    }
    // "Đơn giá (đồng)" too.
    for amount in ["5.000.000", "25.000", "150.000"] {
        let r = run(p, amount);
        assert!((r.x + r.width - (cols[5] - 4.0)).abs() < 0.5, "{amount} ends at {}", r.x + r.width);
    }
    // "Số lượng": counts centred in their column.
    for count in ["2", "120", "40"] {
        let r = p.runs.iter().find(|r| r.text == count && column_of(r) == 3).expect(count);
        let centre = (cols[3] + cols[4]) / 2.0;
        assert!(((r.x + r.width / 2.0) - centre).abs() < 0.5, "{count} centred at {}", r.x + r.width / 2.0);
    }
    // Text left, 4 pt after the column's rule.
    for text in ["Ngày", "Bộ", "Người"] {
        let r = run(p, text);
        assert!((r.x - (cols[2] + 4.0)).abs() < 0.5, "{text} at {}", r.x);
    }
    // Short texts: every cell and header on one line.
    for whole in ["Thuê hội trường, trang thiết bị", "Ngân sách địa phương", "Thành tiền (đồng)"]
    {
        run(p, whole);
    }
    assert!(run(p, "19.000.000").bold, "the bold total row");
}

#[test]
fn a_long_table_repeats_its_header_on_every_page_it_runs_over() {
    let pages: Vec<&PageFacts> =
        PLAN.iter().filter(|p| p.runs.iter().any(|r| r.text.starts_with("Học viên thứ"))).collect();
    assert!(pages.len() >= 2, "60 rows run over {} pages", pages.len());
    for (i, p) in pages.iter().enumerate().skip(1) {
        let body: Vec<_> = p.lines().into_iter().filter(|l| l.y >= TOP).collect();
        assert_eq!(
            p.row("Họ và tên").as_deref(),
            Some("STT Họ và tên Đơn vị Số tiết"),
            "page {} of the table",
            i + 1
        );
        let header_y = run(p, "Họ và tên").y;
        assert!(
            (body[0].y - header_y).abs() < 0.5,
            "page {} starts with {:?}, not the header",
            i + 1,
            body[0].text
        );
        assert!(run(p, "Họ và tên").bold);
        spans_the_text_width(p, "Họ và tên", 4);
    }
    let all: String = pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for i in [1, 30, 60] {
        assert!(all.contains(&format!("Học viên thứ {i}")), "row {i}");
    }
}
