//! The binary as a clerk runs it: exit codes, messages, files written or not.

mod common;

use std::process::{Command, Output};

use common::*;

fn vanban(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(cwd).output().expect("run vanban")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn build_writes_the_plan_into_the_default_folder() {
    let work = tempfile::tempdir().unwrap();
    let data = repo().join("data/du-an-8-2025");
    let o = vanban(&["build", data.to_str().unwrap()], work.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = work.path().join("out/du-an-8-2025/ke-hoach.pdf");
    let bytes = std::fs::read(&pdf).expect("ke-hoach.pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(stderr(&o).contains("đã ghi out/du-an-8-2025/ke-hoach.pdf (5 trang)"), "{}", stderr(&o));
    // Everything the folder declares, and no temporary file left beside it.
    let mut names: Vec<_> = std::fs::read_dir(pdf.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bao-cao-ket-qua.pdf",
            "bao-cao.json",
            "bien-ban.pdf",
            "cong-van.pdf",
            "giay-chung-nhan",
            "giay-chung-nhan.pdf",
            "giay-gioi-thieu-can-bo",
            "giay-gioi-thieu-can-bo.pdf",
            "giay-gioi-thieu.pdf",
            "giay-moi",
            "giay-moi.pdf",
            "ke-hoach.pdf",
            "quyet-dinh-cong-nhan.pdf",
            "quyet-dinh-quy-che.pdf",
            "quyet-dinh.pdf",
            "thong-bao.pdf",
            "to-trinh.pdf"
        ]
    );
}

#[test]
fn bad_data_exits_1_and_leaves_the_output_alone() {
    let dir = folder(&[("kh.yaml", &plan_yaml("noi_dung: [x]").replace("ky_hieu:", "ky_hieuu:"))]);
    std::fs::write(dir.path().join("old.pdf"), b"previous").unwrap();
    let o = vanban(&["render", "kh.yaml", "-o", "old.pdf"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    // The rules `check` applies come first, printed as `check` prints them.
    assert_eq!(
        stderr(&o).trim_end(),
        "kh.yaml:7:1: lỗi: trường 'ky_hieuu': trường 'ky_hieuu' không được phép ở đây; các trường hợp lệ: 'loai', 'co_quan', 'so', 'ky_hieu', 'dia_danh', 'ngay', 'ten_loai', 'trich_yeu', 'kinh_gui', 'noi_dung', 'phu_luc', 'kieu_muc_3', 'dien_tu', 'thoi_diem_ky_so', 'so_lieu', 'nguoi_ky', 'noi_nhan', 'luu'\nlỗi: dữ liệu có 1 lỗi (xem các dòng trên); chưa dựng văn bản nào"
    );
    assert_eq!(std::fs::read(dir.path().join("old.pdf")).unwrap(), b"previous");
    let o = vanban(&["render", "kh.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("kh.pdf").exists(), "no partial file");
}

#[test]
fn yaml_syntax_errors_name_the_line() {
    let dir = folder(&[("kh.yaml", "loai: ke-hoach\nco_quan: [\n")]);
    let o = vanban(&["render", "kh.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.starts_with("kh.yaml:3:"), "{e}");
}

#[test]
fn missing_file_exits_4_and_unknown_kind_exits_1() {
    let dir = folder(&[("x.yaml", "loai: thu-cong\n")]);
    let o = vanban(&["render", "khong-co.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).starts_with("lỗi: không đọc được tệp 'khong-co.yaml'"), "{}", stderr(&o));
    let o = vanban(&["render", "x.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        "x.yaml:1: lỗi: trường 'loai': loại văn bản 'thu-cong' không được hỗ trợ; các loại hợp lệ: ke-hoach, to-trinh, thong-bao, bao-cao, huong-dan, chuong-trinh, quyet-dinh, cong-van, cong-dien, giay-moi, giay-moi-hop, giay-gioi-thieu, bien-ban, giay-chung-nhan"
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let here = repo();
    assert_eq!(vanban(&["render"], &here).status.code(), Some(2));
    let help = vanban(&["--help"], &here);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Mã thoát: 0 thành công; 1 dữ liệu sai"), "{text}");
}

#[test]
fn emitted_typst_is_self_contained_and_lays_out_the_same() {
    let dir = folder(&[]);
    let plan = example("ke-hoach.yaml");
    let o = vanban(&["render", plan.to_str().unwrap(), "--emit", "typst", "-o", "kh.typ"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let source = std::fs::read_to_string(dir.path().join("kh.typ")).unwrap();
    assert!(source.starts_with("// nd30.typ"), "the library is inlined");
    assert!(!source.contains("#import") && !source.contains("#include"));
    // Laid out with no file access at all, it gives the plan's pages.
    let fonts = vanban::fonts::FontSet::embedded();
    let today = typst::foundations::Datetime::from_ymd(2025, 4, 1).unwrap();
    let doc = vanban::render::compile(source, &fonts, None, today, &Default::default()).unwrap();
    assert_eq!(doc.pages().len(), pages_of(&plan).len());
}

#[test]
fn template_override_replaces_a_builtin_file() {
    let plan = plan_yaml("noi_dung: [x]");
    let custom = vanban::template::builtin("nd30.typ")
        .unwrap()
        .replace("// nd30.typ:", "// nd30.typ (bản của văn phòng):");
    let dir = folder(&[("kh.yaml", &plan)]);
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(
        dir.path().join("mau/ke-hoach.typ.j2"),
        "{% include \"nd30.typ\" %}\n#show: van-ban.with(phong-chu: {{ phong_chu }})\n#doan({{ trich_yeu[0] }})\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("mau/nd30.typ"), custom).unwrap();
    let o =
        vanban(&["render", "kh.yaml", "--templates", "mau", "--emit", "typst", "-o", "kh.typ"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let source = std::fs::read_to_string(dir.path().join("kh.typ")).unwrap();
    assert!(source.starts_with("// nd30.typ (bản của văn phòng):"), "the office's library is used");
    assert!(source.ends_with("#doan(\"Tổ chức lớp bồi dưỡng nghiệp vụ năm 2025\")\n"), "{source}");
    let o = vanban(&["render", "kh.yaml", "--templates", "khong-co"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn font_dir_adds_fonts_and_a_missing_one_is_named() {
    let dir = folder(&[("kh.yaml", &plan_yaml("noi_dung: [x]"))]);
    std::fs::create_dir(dir.path().join("phong")).unwrap();
    // A folder without Times New Roman: Liberation Serif is used.
    let o = vanban(&["render", "kh.yaml", "--font-dir", "phong"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vanban(&["render", "kh.yaml", "--font-dir", "khong-co"], dir.path());
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).starts_with("lỗi: không mở được thư mục phông chữ 'khong-co'"), "{}", stderr(&o));
}

#[test]
fn render_refuses_what_check_refuses() {
    // Issue 13.1: `render` printed "Số: 05/KH/SDTTG" and exited 0.
    let dir = folder(&[("kh.yaml", &plan_yaml("noi_dung: [x]").replace("KH-SDTTG", "KH/SDTTG"))]);
    let expected = "kh.yaml:7: lỗi: trường 'ky_hieu': số ký hiệu 'KH/SDTTG' chứa dấu '/': ghi số ở khóa 'so' và chỉ ghi ký hiệu ở đây (ví dụ 'KH-SDTTG'); vanban ghép 'Số: 05/KH-SDTTG' (NĐ30, Phụ lục I, II.3)";
    let check = vanban(&["check", "kh.yaml"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains(expected), "{}", stderr(&check));
    for emit in ["pdf", "typst"] {
        let o = vanban(&["render", "kh.yaml", "--emit", emit, "-o", "kh.out"], dir.path());
        assert_eq!(o.status.code(), Some(1), "{emit}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).trim_end(),
            format!("{expected}\nlỗi: dữ liệu có 1 lỗi (xem các dòng trên); chưa dựng văn bản nào")
        );
        assert!(!dir.path().join("kh.out").exists(), "nothing written");
    }
    // A warning is printed and does not stop the document.
    let warned = plan_yaml("noi_dung: [x]").replace("ho_ten: Trần", "ho_ten: TS. Trần");
    std::fs::write(dir.path().join("kh.yaml"), warned).unwrap();
    let o = vanban(&["render", "kh.yaml", "-o", "kh.pdf"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("cảnh báo: trường 'nguoi_ky.ho_ten': 'TS.' trước họ tên"), "{}", stderr(&o));
}

#[test]
fn kinds_lists_every_registered_kind_with_its_model_and_code() {
    let o = vanban(&["kinds"], &repo());
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), vanban::kind::KINDS.len() + 1, "{text}");
    assert_eq!(lines[0], "loai              tên loại          mẫu NĐ30     viết tắt", "{text}");
    assert!(lines.contains(&"to-trinh          Tờ trình          Mẫu 1.4      TTr"), "{text}");
    // The longest model keeps a space before its code.
    assert!(lines.contains(&"quyet-dinh        Quyết định        Mẫu 1.2, 1.3 QĐ"), "{text}");
    assert!(lines.contains(&"cong-van          Công văn          Mẫu 1.5      (không có)"), "{text}");
    assert!(lines.contains(&"giay-chung-nhan   Giấy chứng nhận   (không có)   (cơ quan đặt)"), "{text}");
}
