//! The recognised document written as vanban's YAML: the kind's fields in
//! the order its starter file has them, a comment wherever something was
//! not found or could not be placed.

use std::fmt::Write as _;

use super::nhan_dang::{NhanNhap, Nut, VanBanNhap};

/// A YAML scalar, quoted as needed.
fn s(x: &str) -> String {
    let out = serde_yaml::to_string(x).unwrap_or_else(|_| format!("{x:?}"));
    out.trim_end().to_owned()
}

/// `key: value`, or `key:` and a list when there are several lines.
fn lines(out: &mut String, indent: &str, key: &str, values: &[String]) {
    match values {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{indent}{key}: {}", s(one));
        }
        many => {
            let _ = writeln!(out, "{indent}{key}:");
            for v in many {
                let _ = writeln!(out, "{indent}  - {}", s(v));
            }
        }
    }
}

/// The kinds whose body is the shared tree (`noi_dung` of nodes).
fn body_is_tree(loai: &str) -> bool {
    !matches!(loai, "quyet-dinh" | "giay-moi-hop")
}

/// The YAML text for `v`, read from `source` (named in its first comment).
pub fn yaml(v: &VanBanNhap, source: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {} nhập từ {source} (vanban nhap); xem báo cáo nhập để biết phần nào đã nhận ra.",
        v.kind.ten
    );
    let _ = writeln!(o, "loai: {}", v.kind.loai);
    let _ = writeln!(o, "co_quan:");
    lines(&mut o, "  ", "chu_quan", &v.chu_quan);
    if v.ban_hanh.is_empty() {
        let _ = writeln!(o, "  ban_hanh: ''  # không thấy trong văn bản gốc: ghi tên cơ quan ban hành");
    } else {
        lines(&mut o, "  ", "ban_hanh", &v.ban_hanh);
    }
    if let Some(t) = &v.ten_goi {
        let _ = writeln!(o, "  ten_goi: {}", s(t));
    } else if v.kind.loai == "giay-moi-hop" {
        let _ = writeln!(
            o,
            "  ten_goi: ''  # không thấy dòng \"… trân trọng kính mời\": ghi tên cơ quan trong câu văn"
        );
    }
    match v.so {
        Some(n) => {
            let _ = writeln!(o, "so: {n}");
        }
        None => {
            let _ = writeln!(o, "# so: số để trống như văn bản gốc (văn thư điền khi ban hành)");
        }
    }
    let _ = writeln!(o, "ky_hieu: {}", s(&v.ky_hieu));
    let _ = writeln!(o, "dia_danh: {}", s(&v.dia_danh));
    let (day, month, year) = v.ngay;
    match day {
        Some(d) => {
            let _ = writeln!(o, "ngay: {}/{month}/{year}", crate::vi::pad_day(d));
        }
        None => {
            let _ = writeln!(o, "ngay: {month}/{year}  # ngày để trống như văn bản gốc");
        }
    }
    if let Some(t) = &v.ten_loai {
        let _ = writeln!(o, "ten_loai: {}", s(t));
    }
    let trich_yeu = if v.kind.loai == "cong-van" {
        // The V/v's own text: vanban prints "V/v" before it.
        v.trich_yeu.iter().map(|t| t.strip_prefix("V/v ").unwrap_or(t).to_owned()).collect()
    } else {
        v.trich_yeu.clone()
    };
    if trich_yeu.is_empty() {
        let _ = writeln!(o, "trich_yeu: ''  # không thấy trong văn bản gốc");
    } else {
        lines(&mut o, "", "trich_yeu", &trich_yeu);
    }
    if v.kind.loai == "quyet-dinh" {
        quyet_dinh(&mut o, v);
    } else {
        lines(&mut o, "", "kinh_gui", &v.kinh_gui);
        if body_is_tree(v.kind.loai) {
            let _ = writeln!(o, "noi_dung:");
            nodes(&mut o, "  ", &v.than);
            if v.than.is_empty() {
                let _ = writeln!(o, "  - ''  # không thấy nội dung");
            }
        } else {
            giay_moi_hop(&mut o, v);
        }
        if !v.phu_luc.is_empty() {
            let _ = writeln!(o, "phu_luc:");
            for pl in &v.phu_luc {
                let _ = writeln!(o, "  - tieu_de: {}", s(&pl.tieu_de));
                let _ = writeln!(o, "    noi_dung:");
                nodes(&mut o, "      ", &pl.than);
            }
        }
    }
    if v.kind.loai == "cong-van" {
        lines(&mut o, "", "chan_trang", &v.chan_trang);
    }
    let k = &v.nguoi_ky;
    let _ = writeln!(o, "nguoi_ky:");
    lines(&mut o, "  ", "dong_tren", &k.dong_tren);
    if let Some(q) = &k.quyen_han {
        let _ = writeln!(o, "  quyen_han: {q}");
    }
    if let Some(t) = &k.thay_cho {
        let _ = writeln!(o, "  thay_cho: {}", s(t));
    }
    if let Some(c) = &k.chuc_vu {
        let _ = writeln!(o, "  chuc_vu: {}", s(c));
    }
    if k.ho_ten.is_empty() {
        let _ = writeln!(o, "  ho_ten: ''  # không thấy trong văn bản gốc");
    } else {
        let _ = writeln!(o, "  ho_ten: {}", s(&k.ho_ten));
    }
    if v.noi_nhan.is_empty() {
        let _ = writeln!(o, "noi_nhan: []");
    } else {
        let _ = writeln!(o, "noi_nhan:");
        for n in &v.noi_nhan {
            match n {
                NhanNhap::Mot(t) => {
                    let _ = writeln!(o, "  - {}", s(t));
                }
                NhanNhap::Nhom(nhom, cac) => {
                    let _ = writeln!(o, "  - nhom: {}", s(nhom));
                    let _ = writeln!(o, "    cac:");
                    for c in cac {
                        let _ = writeln!(o, "      - {}", s(c));
                    }
                }
            }
        }
    }
    match &v.luu {
        Some(l) => {
            let _ = writeln!(o, "luu: {}", s(l));
        }
        None => {
            let _ = writeln!(o, "luu: VT  # không thấy dòng \"Lưu\" trong văn bản gốc");
        }
    }
    o
}

fn comment(o: &mut String, indent: &str, note: &Option<String>) {
    if let Some(n) = note {
        let _ = writeln!(o, "{indent}# vanban nhap: {n}");
    }
}

fn nodes(o: &mut String, indent: &str, list: &[Nut]) {
    for n in list {
        match n {
            Nut::Doan { chu, ghi_chu, .. } => {
                comment(o, indent, ghi_chu);
                let _ = writeln!(o, "{indent}- {}", s(chu));
            }
            Nut::Muc { ten, cung_dong, doan, con, .. } => {
                let key = if *doan { "doan" } else { "muc" };
                let _ = writeln!(o, "{indent}- {key}: {}", s(ten));
                if let Some(c) = cung_dong {
                    let _ = writeln!(o, "{indent}  cung_dong: {}", s(c));
                }
                if !con.is_empty() {
                    let _ = writeln!(o, "{indent}  noi_dung:");
                    nodes(o, &format!("{indent}    "), con);
                }
            }
            Nut::Gach { dau, cac_y } => {
                let key = if *dau == '+' { "cong" } else { "gach" };
                let _ = writeln!(o, "{indent}- {key}:");
                for y in cac_y {
                    let _ = writeln!(o, "{indent}    - {}", s(y));
                }
            }
            Nut::Bang { cot, dong } => {
                // In a flow sequence a plain scalar may not hold ", ": every
                // cell double-quoted (JSON's quoting is YAML's).
                let row = |r: &[String]| {
                    r.iter()
                        .map(|c| serde_json::to_string(c).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = writeln!(o, "{indent}- bang:");
                let _ = writeln!(o, "{indent}    cot: [{}]", row(cot));
                let _ = writeln!(o, "{indent}    dong:");
                for r in dong {
                    let _ = writeln!(o, "{indent}      - [{}]", row(r));
                }
            }
        }
    }
}

fn quyet_dinh(o: &mut String, v: &VanBanNhap) {
    if v.tham_quyen.is_empty() {
        let _ =
            writeln!(o, "tham_quyen: ''  # không thấy dòng thẩm quyền ban hành (ví dụ GIÁM ĐỐC SỞ NỘI VỤ)");
    } else {
        lines(o, "", "tham_quyen", &v.tham_quyen);
    }
    if !v.can_cu.is_empty() {
        let _ = writeln!(o, "can_cu:");
        for c in &v.can_cu {
            let _ = writeln!(o, "  - {}", s(c));
        }
    }
    if let Some(t) = &v.theo_de_nghi {
        let _ = writeln!(o, "theo_de_nghi: {}", s(t));
    }
    let _ = writeln!(o, "dieu:");
    for d in &v.dieu {
        let simple = d.tieu_de.is_none() && d.khoan.is_empty() && !d.thi_hanh;
        if simple {
            let _ = writeln!(o, "  - {}", s(d.noi_dung.as_deref().unwrap_or("")));
            continue;
        }
        let mut first = true;
        let mut field = |o: &mut String, key: &str, val: &str| {
            let lead = if first { "  - " } else { "    " };
            first = false;
            let _ = writeln!(o, "{lead}{key}: {val}");
        };
        if let Some(t) = &d.tieu_de {
            field(o, "tieu_de", &s(t));
        }
        if let Some(t) = &d.noi_dung {
            field(o, "noi_dung", &s(t));
        }
        if d.thi_hanh {
            field(o, "thi_hanh", "true");
        }
        if !d.khoan.is_empty() {
            field(o, "khoan", "");
            for (k, diem) in &d.khoan {
                if diem.is_empty() {
                    let _ = writeln!(o, "      - {}", s(k));
                } else {
                    let _ = writeln!(o, "      - noi_dung: {}", s(k));
                    let _ = writeln!(o, "        diem:");
                    for x in diem {
                        let _ = writeln!(o, "          - {}", s(x));
                    }
                }
            }
        }
    }
    if v.dieu.is_empty() {
        let _ = writeln!(o, "  - ''  # không thấy điều nào");
    }
}

/// A meeting's invitation: its labelled lines (Chủ trì, Thời gian, Địa
/// điểm, Thành phần) to their fields, the rest as its text.
fn giay_moi_hop(o: &mut String, v: &VanBanNhap) {
    let mut noi_dung = Vec::new();
    let mut chuan_bi = Vec::new();
    let (mut chu_tri, mut thoi_gian, mut dia_diem) = (String::new(), String::new(), String::new());
    let mut thanh_phan: Vec<String> = Vec::new();
    let mut in_thanh_phan = false;
    let mut flat = Vec::new();
    flatten(&v.than, &mut flat);
    let mut kinh_moi = None;
    for t in flat {
        let label = |l: &str| {
            t.strip_prefix(l).map(|r| r.trim_start_matches(':').trim().trim_end_matches('.').to_owned())
        };
        if let Some((_, moi)) = t.split_once(" trân trọng kính mời") {
            // The template writes this line from ten_goi and kinh_moi.
            let moi = moi.trim_start_matches(':').trim();
            if moi != "đại diện lãnh đạo quý cơ quan" && !moi.is_empty() {
                kinh_moi = Some(moi.to_owned());
            }
        } else if let Some(r) = label("Chủ trì") {
            chu_tri = r;
            in_thanh_phan = false;
        } else if let Some(r) = label("Thời gian") {
            thoi_gian = r;
            in_thanh_phan = false;
        } else if let Some(r) = label("Địa điểm") {
            dia_diem = r;
            in_thanh_phan = false;
        } else if let Some(r) = label("Thành phần") {
            in_thanh_phan = true;
            if !r.is_empty() {
                thanh_phan.push(r);
            }
        } else if in_thanh_phan && t.starts_with("- ") {
            thanh_phan.push(t[2..].trim_end_matches([';', '.']).to_owned());
        } else if !chu_tri.is_empty() || !thoi_gian.is_empty() {
            in_thanh_phan = false;
            chuan_bi.push(t);
        } else {
            noi_dung.push(t);
        }
    }
    if let Some(k) = &kinh_moi {
        let _ = writeln!(o, "kinh_moi: {}", s(k));
    }
    let _ = writeln!(o, "noi_dung:");
    for t in &noi_dung {
        let _ = writeln!(o, "  - {}", s(t));
    }
    if noi_dung.is_empty() {
        let _ = writeln!(o, "  - ''");
    }
    let _ = writeln!(o, "chu_tri: {}", s(&chu_tri));
    let _ = writeln!(o, "thoi_gian: {}", s(&thoi_gian));
    let _ = writeln!(o, "dia_diem: {}", s(&dia_diem));
    lines(o, "", "thanh_phan", &thanh_phan);
    if !chuan_bi.is_empty() {
        let _ = writeln!(o, "chuan_bi:");
        for t in &chuan_bi {
            let _ = writeln!(o, "  - {}", s(t));
        }
    }
}

/// A body's text, in order, "- " items as lines of their own.
fn flatten(list: &[Nut], out: &mut Vec<String>) {
    for n in list {
        match n {
            Nut::Doan { chu, .. } => out.push(chu.clone()),
            Nut::Muc { ten, cung_dong, con, .. } => {
                out.push(match cung_dong {
                    Some(c) => format!("{ten}: {c}"),
                    None => ten.clone(),
                });
                flatten(con, out);
            }
            Nut::Gach { cac_y, dau } => out.extend(cac_y.iter().map(|y| format!("{dau} {y}"))),
            Nut::Bang { .. } => {}
        }
    }
}
