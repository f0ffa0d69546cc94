//! The recognised document written as vanban's YAML: the kind's fields in
//! the order its starter file has them, a comment wherever something was
//! not found or could not be placed.

use std::fmt::Write as _;

use super::nhan_dang::{ChuongNhap, DieuNhap, KemTheoNhap, NhanNhap, Nut, VanBanNhap};

/// A YAML scalar, quoted as needed. A tab left inside a text (two things
/// the source set apart on one line) is a space: vanban's texts hold none.
fn s(x: &str) -> String {
    let x = &x.replace('\t', " ");
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
    !matches!(loai, "quyet-dinh" | "giay-moi-hop" | "cong-dien" | "giay-gioi-thieu" | "bien-ban")
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
        None => match &v.so_la {
            Some(la) => {
                let _ = writeln!(
                    o,
                    "# so: số '{la}' trong văn bản gốc có chữ, không phải số Ả Rập: văn thư ghi số khi ban hành"
                );
            }
            None => {
                let _ = writeln!(o, "# so: số để trống như văn bản gốc (văn thư điền khi ban hành)");
            }
        },
    }
    let _ = writeln!(o, "ky_hieu: {}", s(&v.ky_hieu));
    let bien_ban = v.kind.loai == "bien-ban";
    if !bien_ban {
        let _ = writeln!(o, "dia_danh: {}", s(&v.dia_danh));
    }
    let (day, month, year) = if bien_ban { bien_ban_ngay(v).unwrap_or(v.ngay) } else { v.ngay };
    match day {
        Some(d) => {
            let _ = writeln!(o, "ngay: {}/{month}/{year}", crate::vi::pad_day(d));
        }
        None if !v.co_ngay => {
            let _ =
                writeln!(o, "ngay: {month}/{year}  # không thấy ngày tháng trong văn bản gốc: ghi ngày ký");
        }
        None if v.thang_trong => {
            let _ = writeln!(o, "ngay: '{year}'  # ngày và tháng để trống như văn bản gốc");
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
    if trich_yeu.is_empty() && v.kind.loai == "giay-gioi-thieu" {
        // A Giấy giới thiệu has none (Mẫu 1.8).
    } else if trich_yeu.is_empty() {
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
            match v.kind.loai {
                "cong-dien" => cong_dien(&mut o, v),
                "giay-gioi-thieu" => giay_gioi_thieu(&mut o, v),
                "bien-ban" => bien_ban_than(&mut o, v),
                _ => giay_moi_hop(&mut o, v),
            }
            if v.kind.loai != "bien-ban" {
                let placed = usize::from(v.kind.loai == "giay-moi-hop");
                tables_as_comments(&mut o, &v.kind.ten.to_lowercase(), &v.than, placed);
            }
        }
        phu_luc(&mut o, v);
    }
    if v.kind.loai == "cong-van" {
        lines(&mut o, "", "chan_trang", &v.chan_trang);
    }
    if !bien_ban {
        nguoi_ky(&mut o, v);
    }
    noi_nhan(&mut o, v);
    o
}

fn nguoi_ky(o: &mut String, v: &VanBanNhap) {
    let k = &v.nguoi_ky;
    let _ = writeln!(o, "nguoi_ky:");
    lines(o, "  ", "dong_tren", &k.dong_tren);
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
}

fn noi_nhan(o: &mut String, v: &VanBanNhap) {
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
}

/// A value's text without the end mark and closing stop its template adds.
fn bare(t: &str) -> String {
    t.trim().trim_end_matches("./.").trim_end_matches(['.', ';']).trim().to_owned()
}

/// The body's lines, "- " items with their mark.
fn flat(v: &VanBanNhap) -> Vec<String> {
    let mut out = Vec::new();
    flatten(&v.than, &mut out);
    out
}

fn texts(o: &mut String, key: &str, list: &[String]) {
    let _ = writeln!(o, "{key}:");
    for t in list {
        let _ = writeln!(o, "  - {}", s(t));
    }
    if list.is_empty() {
        let _ = writeln!(o, "  - ''  # không thấy trong văn bản gốc");
    }
}

/// Công điện: "<người điện> điện:", its recipients, then its text.
fn cong_dien(o: &mut String, v: &VanBanNhap) {
    let lines = flat(v);
    let mut rest = lines.iter().peekable();
    let mut nhan = Vec::new();
    if let Some(first) = rest.peek().filter(|l| l.trim_end().ends_with(" điện:")) {
        let nguoi = first.trim_end().trim_end_matches(" điện:").trim();
        let _ = writeln!(o, "nguoi_dien: {}", s(nguoi));
        rest.next();
        while let Some(l) = rest.peek().filter(|l| l.starts_with("- ")) {
            nhan.push(bare(&l[2..]));
            rest.next();
        }
    }
    if !nhan.is_empty() {
        texts(o, "noi_nhan_dien", &nhan);
    }
    let body: Vec<String> = rest.cloned().collect();
    texts(o, "noi_dung", &body);
}

/// Giấy giới thiệu (Mẫu 1.8): its labelled lines; the template writes the
/// request and the validity sentence.
fn giay_gioi_thieu(o: &mut String, v: &VanBanNhap) {
    let (mut ho_ten, mut chuc_vu, mut den, mut ve_viec, mut han, mut xung_ho) =
        (String::new(), String::new(), String::new(), String::new(), None, None);
    let mut other = Vec::new();
    for l in flat(v) {
        let label = |p: &str| l.strip_prefix(p).map(|r| bare(r.trim_start_matches(':')));
        if l.contains(" trân trọng giới thiệu") || l.starts_with("Đề nghị Quý cơ quan tạo điều kiện")
        {
            continue;
        } else if let Some(r) = label("Chức vụ") {
            chuc_vu = r;
        } else if let Some(r) = label("Được cử đến") {
            den = r;
        } else if let Some(r) = label("Về việc") {
            ve_viec = r;
        } else if let Some(r) = l.strip_prefix("Giấy này có giá trị đến hết") {
            han = super::nhan_dang::ngay_ngan(r);
        } else if ho_ten.is_empty() && (l.starts_with("Ông") || l.starts_with("Bà")) {
            // "Ông (bà) Trần Văn B": the form of address, then the name.
            let words: Vec<&str> = l.split_whitespace().collect();
            let split = if words.get(1).is_some_and(|w| w.starts_with('(')) { 2 } else { 1 };
            let x = words[..split.min(words.len())].join(" ");
            if x != "Ông (bà)" {
                xung_ho = Some(x);
            }
            ho_ten = bare(&words[split.min(words.len())..].join(" "));
        } else {
            other.push(l);
        }
    }
    if let Some(x) = xung_ho {
        let _ = writeln!(o, "xung_ho: {}", s(&x));
    }
    let _ = writeln!(o, "ho_ten: {}", s(&ho_ten));
    let _ = writeln!(o, "chuc_vu: {}", s(&chuc_vu));
    let _ = writeln!(o, "duoc_cu_den: {}", s(&den));
    let _ = writeln!(o, "ve_viec: {}", s(&ve_viec));
    if let Some(h) = han {
        let _ = writeln!(o, "co_gia_tri_den: {h}");
    }
    for l in other {
        let _ = writeln!(o, "# vanban nhap: dòng không có chỗ trong giấy giới thiệu: {l}");
    }
}

/// Biên bản's date: the day of its start line.
fn bien_ban_ngay(v: &VanBanNhap) -> Option<(Option<u32>, u32, i32)> {
    flat(v).iter().find_map(|l| {
        let r = l.strip_prefix("Thời gian bắt đầu")?;
        let (_, date) = r.split_once("ngày")?;
        let d = super::nhan_dang::ngay_ngan(&format!("ngày{date}"))?;
        let parts: Vec<&str> = d.split('/').collect();
        match parts.as_slice() {
            [d, m, y] => Some((d.parse().ok(), m.parse().ok()?, y.parse().ok()?)),
            _ => None,
        }
    })
}

/// Biên bản (Mẫu 1.9): start, place, participants, chair and secretary,
/// the proceedings (its own tree), the end; the template writes the
/// labels, the end line and the two signatures.
fn bien_ban_than(o: &mut String, v: &VanBanNhap) {
    let gio = |r: &str| bare(r.split(", ngày").next().unwrap_or(r).trim_start_matches(':'));
    let nguoi = |r: &str| -> (String, Option<String>) {
        let r = bare(r.split_once(':').map(|(_, x)| x).unwrap_or(r));
        match r.split_once(", ") {
            Some((ten, cv)) => (ten.to_owned(), Some(cv.to_owned())),
            None => (r, None),
        }
    };
    let (mut bat_dau, mut ket_thuc, mut dia_diem) = (String::new(), String::new(), String::new());
    let mut thanh_phan = Vec::new();
    let mut in_tp = false;
    let (mut chu_toa, mut thu_ky) = ((String::new(), None), (String::new(), None));
    let mut body: Vec<Nut> = Vec::new();
    for n in &v.than {
        let l = match n {
            Nut::Doan { chu, .. } => chu.as_str(),
            Nut::Gach { cac_y, .. } if in_tp => {
                thanh_phan.extend(cac_y.iter().map(|y| bare(y)));
                continue;
            }
            _ => {
                in_tp = false;
                body.push(n.clone());
                continue;
            }
        };
        if let Some(r) = l.strip_prefix("Thời gian bắt đầu") {
            bat_dau = gio(r);
        } else if let Some(r) = l.strip_prefix("Địa điểm") {
            dia_diem = bare(r.trim_start_matches(':'));
        } else if l.starts_with("Thành phần") {
            in_tp = true;
        } else if l.starts_with("Chủ trì") || l.starts_with("Chủ tọa") || l.starts_with("Chủ toạ")
        {
            in_tp = false;
            chu_toa = nguoi(l);
        } else if l.starts_with("Thư ký") {
            thu_ky = nguoi(l);
        } else if l.starts_with("Nội dung (theo diễn biến") {
        } else if let Some(r) = l.split_once(" kết thúc vào ").map(|(_, r)| r) {
            ket_thuc = gio(r);
        } else {
            in_tp = false;
            body.push(n.clone());
        }
    }
    // The end line may close the last section rather than the body.
    if ket_thuc.is_empty()
        && let Some(r) = take_end(&mut body)
    {
        ket_thuc = gio(&r);
    }
    // Titles above each signature other than its role: the left one the
    // secretary's, the right one the chair's.
    let ky_tren = |cot: super::nguon::Cot, role: &str| -> Option<String> {
        let t: Vec<String> = v
            .ky_cot
            .iter()
            .filter(|(c, t)| *c == cot && super::nguon::in_hoa(t) && t != role)
            .map(|(_, t)| t.clone())
            .collect();
        (!t.is_empty()).then(|| t.join(" "))
    };
    let _ = writeln!(o, "bat_dau: {}", s(&bat_dau));
    let _ = writeln!(o, "ket_thuc: {}", s(&ket_thuc));
    let _ = writeln!(o, "dia_diem: {}", s(&dia_diem));
    texts(o, "thanh_phan", &thanh_phan);
    for (key, (ten, cv), cot, role) in [
        ("chu_toa", chu_toa, super::nguon::Cot::Phai, "CHỦ TỌA"),
        ("thu_ky", thu_ky, super::nguon::Cot::Trai, "THƯ KÝ"),
    ] {
        let _ = writeln!(o, "{key}:");
        let _ = writeln!(o, "  ho_ten: {}", s(&ten));
        if let Some(cv) = cv {
            let _ = writeln!(o, "  chuc_vu: {}", s(&cv));
        }
        if let Some(k) = ky_tren(cot, role) {
            let _ = writeln!(o, "  chuc_vu_ky: {}", s(&k));
        }
    }
    let _ = writeln!(o, "noi_dung:");
    nodes(o, "  ", &body);
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
                noi_dung_con(o, indent, con);
            }
            Nut::Nhom { phan, ten, con, .. } => {
                let key = if *phan { "phan" } else { "nhom" };
                let _ = writeln!(o, "{indent}- {key}: {}", s(ten));
                noi_dung_con(o, indent, con);
            }
            Nut::Gach { dau, cac_y } => {
                let key = if *dau == '+' { "cong" } else { "gach" };
                let _ = writeln!(o, "{indent}- {key}:");
                for y in cac_y {
                    let _ = writeln!(o, "{indent}    - {}", s(y));
                }
            }
            Nut::Bang { cot, dong } => {
                let _ = writeln!(o, "{indent}- bang:");
                bang(o, &format!("{indent}    "), cot, dong);
            }
        }
    }
}

/// A section's or a group's own body, if any, under the item at `indent`.
fn noi_dung_con(o: &mut String, indent: &str, con: &[Nut]) {
    if !con.is_empty() {
        let _ = writeln!(o, "{indent}  noi_dung:");
        nodes(o, &format!("{indent}    "), con);
    }
}

/// A table's columns and rows, as the fields of a `bang` mapping at `indent`.
fn bang(o: &mut String, indent: &str, cot: &[String], dong: &[Vec<String>]) {
    // In a flow sequence a plain scalar may not hold ", ": every cell
    // double-quoted (JSON's quoting is YAML's).
    let row = |r: &[String]| {
        r.iter()
            .map(|c| serde_json::to_string(&c.replace('\t', " ")).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(o, "{indent}cot: [{}]", row(cot));
    // A header row alone (its rows on the next page, or none): no rows.
    let _ = writeln!(o, "{indent}dong:{}", if dong.is_empty() { " []" } else { "" });
    for r in dong {
        let _ = writeln!(o, "{indent}  - [{}]", row(r));
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
    articles(o, "", &v.dieu);
    if v.dieu.is_empty() {
        let _ = writeln!(o, "  - ''  # không thấy điều nào");
    }
    if let Some(kt) = &v.kem_theo {
        kem_theo(o, kt);
    }
    tables_as_comments(o, "quyết định", &v.than, 0);
    phu_luc(o, v);
}

/// The phụ lục found after the signature, each with its title and body.
fn phu_luc(o: &mut String, v: &VanBanNhap) {
    if !v.phu_luc.is_empty() {
        let _ = writeln!(o, "phu_luc:");
        for pl in &v.phu_luc {
            let _ = writeln!(o, "  - tieu_de: {}", s(&pl.tieu_de));
            if let Some(k) = &pl.kem_theo {
                let _ = writeln!(
                    o,
                    "    kem_theo: {}  # như văn bản gốc: không ghi số, ký hiệu của văn bản này",
                    s(k)
                );
            }
            let _ = writeln!(o, "    noi_dung:");
            nodes(o, "      ", &pl.than);
        }
    }
}

/// A list of articles under `indent` (the key's own indentation).
fn articles(o: &mut String, indent: &str, dieu: &[DieuNhap]) {
    for d in dieu {
        comment(o, &format!("{indent}  "), &d.ghi_chu);
        let simple = d.tieu_de.is_none() && d.khoan.is_empty() && d.bang.is_none() && !d.thi_hanh;
        if simple {
            let _ = writeln!(o, "{indent}  - {}", s(d.noi_dung.as_deref().unwrap_or("")));
            continue;
        }
        let mut first = true;
        let mut field = |o: &mut String, key: &str, val: &str| {
            let lead = if first { "  - " } else { "    " };
            first = false;
            let _ = writeln!(o, "{indent}{lead}{key}:{}{val}", if val.is_empty() { "" } else { " " });
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
                    let _ = writeln!(o, "{indent}      - {}", s(k));
                } else {
                    let _ = writeln!(o, "{indent}      - noi_dung: {}", s(k));
                    let _ = writeln!(o, "{indent}        diem:");
                    for x in diem {
                        let _ = writeln!(o, "{indent}          - {}", s(x));
                    }
                }
            }
        }
        if let Some((cot, dong)) = &d.bang {
            field(o, "bang", "");
            bang(o, &format!("{indent}      "), cot, dong);
        }
    }
}

/// The attached document (Mẫu 1.3): `kem_theo` with its parts, chapters,
/// sections and articles.
fn kem_theo(o: &mut String, kt: &KemTheoNhap) {
    let _ = writeln!(o, "kem_theo:");
    let _ = writeln!(o, "  ten_loai: {}", s(&kt.ten_loai));
    let _ = writeln!(o, "  trich_yeu: {}", s(&kt.trich_yeu));
    if let Some(c) = &kt.cua {
        let _ = writeln!(o, "  cua: {}", s(c));
    }
    if !kt.dieu.is_empty() {
        let _ = writeln!(o, "  dieu:");
        articles(o, "  ", &kt.dieu);
    }
    let chapters = |o: &mut String, indent: &str, list: &[ChuongNhap]| {
        let _ = writeln!(o, "{indent}chuong:");
        for c in list {
            let _ = writeln!(o, "{indent}  - ten: {}", s(&c.ten));
            if !c.dieu.is_empty() {
                let _ = writeln!(o, "{indent}    dieu:");
                articles(o, &format!("{indent}    "), &c.dieu);
            }
            if !c.muc.is_empty() {
                let _ = writeln!(o, "{indent}    muc:");
                for (ten, dieu) in &c.muc {
                    let _ = writeln!(o, "{indent}      - ten: {}", s(ten));
                    let _ = writeln!(o, "{indent}        dieu:");
                    articles(o, &format!("{indent}        "), dieu);
                }
            }
        }
    };
    if !kt.chuong.is_empty() {
        chapters(o, "  ", &kt.chuong);
    }
    if !kt.phan.is_empty() {
        let _ = writeln!(o, "  phan:");
        for (ten, cs) in &kt.phan {
            let _ = writeln!(o, "    - ten: {}", s(ten));
            chapters(o, "      ", cs);
        }
    }
    if !kt.noi_dung.is_empty() {
        let _ = writeln!(o, "  noi_dung:");
        nodes(o, "    ", &kt.noi_dung);
    } else if kt.dieu.is_empty() && kt.chuong.is_empty() && kt.phan.is_empty() {
        let _ = writeln!(o, "  dieu:");
        let _ = writeln!(o, "    - tieu_de: ''  # không thấy điều nào trong văn bản kèm theo");
    }
}

/// Takes a Biên bản's closing line ("Cuộc họp kết thúc vào …") from the
/// end of the body, however deep the last section: what follows " kết thúc vào ".
fn take_end(body: &mut Vec<Nut>) -> Option<String> {
    match body.last_mut()? {
        Nut::Doan { chu, .. } if chu.contains(" kết thúc vào ") => {
            let r = chu.split_once(" kết thúc vào ").map(|(_, r)| r.to_owned());
            body.pop();
            r
        }
        Nut::Muc { con, .. } | Nut::Nhom { con, .. } => take_end(con),
        _ => None,
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
        // "Chủ trì: …", or numbered as offices often set them: "1. Chủ trì: …".
        let nhan = super::nhan_dang::bo_so_muc(&t);
        let label = |l: &str| {
            nhan.strip_prefix(l).map(|r| r.trim_start_matches(':').trim().trim_end_matches('.').to_owned())
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
            // "Thành phần mời:", "Thành phần tham dự:": the list follows.
            let r = r.split_once(':').map_or(r.as_str(), |(_, v)| v).trim();
            if !r.is_empty() && !nhan.trim_end().ends_with(':') {
                thanh_phan.push(r.to_owned());
            }
        } else if let Some(r) = label("Nội dung").filter(|r| !r.is_empty()) {
            noi_dung.push(r);
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
    // The kind holds one table, after what the meeting is about (as the
    // batch's letters print their quotas); any other stays a comment.
    if let Some((cot, dong)) = tables(&v.than).first() {
        let _ = writeln!(o, "bang:");
        bang(o, "  ", cot, dong);
    }
    if chu_tri.is_empty() {
        let _ = writeln!(
            o,
            "chu_tri: ''  # không thấy dòng \"Chủ trì:\" trong văn bản gốc: giấy mời cần ghi (NĐ30, Mẫu 1.7)"
        );
    } else {
        let _ = writeln!(o, "chu_tri: {}", s(&chu_tri));
    }
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

/// The tables of a body whose kind has no place for them (a Công điện, a
/// Giấy giới thiệu; a meeting's invitation past its one table), after the
/// first `placed`: kept as comments, row by row, for the clerk to place,
/// never dropped.
fn tables_as_comments(o: &mut String, ten: &str, list: &[Nut], placed: usize) {
    for (cot, dong) in tables(list).into_iter().skip(placed) {
        let _ = writeln!(o, "# vanban nhap: bảng không có chỗ trong {ten}, giữ lại để chép vào chỗ cần:");
        for r in std::iter::once(cot).chain(dong) {
            let _ = writeln!(o, "#   | {} |", r.join(" | ").replace('\t', " "));
        }
    }
}

/// A body's tables, in order: their columns and rows.
fn tables(list: &[Nut]) -> Vec<(&Vec<String>, &Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for n in list {
        match n {
            Nut::Bang { cot, dong } => out.push((cot, dong)),
            Nut::Muc { con, .. } | Nut::Nhom { con, .. } => out.extend(tables(con)),
            _ => {}
        }
    }
    out
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
            Nut::Nhom { ten, con, .. } => {
                out.push(ten.clone());
                flatten(con, out);
            }
            Nut::Gach { cac_y, dau } => out.extend(cac_y.iter().map(|y| format!("{dau} {y}"))),
            Nut::Bang { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::nguon::{BangNguon, Cot, Doan, Khoi, Kieu, Noi};

    fn doan(i: u32, chu: &str) -> Khoi {
        Khoi::Doan(Doan { chu: chu.into(), noi: Noi::doan(i), kieu: Kieu::default(), cot: Cot::Mot })
    }

    /// A decision's lines down to "QUYẾT ĐỊNH:".
    const OPENING: [&str; 7] = [
        "SỞ NỘI VỤ",
        "Số: 85/QĐ-SNV",
        "Lạng Sơn, ngày 20 tháng 5 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc phân bổ chỉ tiêu tập huấn",
        "GIÁM ĐỐC SỞ NỘI VỤ",
        "QUYẾT ĐỊNH:",
    ];

    /// The pieces of a decision whose Điều 1 ends with a table, or (with
    /// `more`) goes on after it.
    fn decision_with_table(more: Option<&str>) -> Vec<Khoi> {
        let mut khoi: Vec<Khoi> = OPENING
            .iter()
            .chain(&["Điều 1. Phân bổ chỉ tiêu như sau:"])
            .enumerate()
            .map(|(i, t)| doan(i as u32 + 1, t))
            .collect();
        khoi.push(Khoi::Bang(BangNguon {
            noi: Noi::doan(9),
            dong: vec![vec!["Xã".into(), "Số học viên".into()], vec!["Chi Lăng".into(), "40".into()]],
            so_dong_tieu_de: 1,
        }));
        khoi.extend(
            more.into_iter()
                .chain([
                    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
                    "Nơi nhận:",
                    "- Lưu: VT.",
                    "GIÁM ĐỐC",
                    "Trần Văn Bình",
                ])
                .enumerate()
                .map(|(i, t)| doan(i as u32 + 10, t)),
        );
        khoi
    }

    /// A table of its header row alone (its rows gone on to a page the
    /// reader did not see as the table's) is written with no rows, data a
    /// YAML reader takes, not a null.
    #[test]
    fn a_header_row_alone_is_a_table_with_no_rows() {
        let mut khoi = vec![
            doan(1, "SỞ NỘI VỤ"),
            doan(2, "Số: 12/BC-SNV"),
            doan(3, "Cao Bằng, ngày 05 tháng 3 năm 2026"),
            doan(4, "BÁO CÁO"),
            doan(5, "Tổng hợp ý kiến"),
            doan(6, "Sở Nội vụ tổng hợp như sau:"),
        ];
        khoi.push(Khoi::Bang(BangNguon {
            noi: Noi::doan(7),
            dong: vec![vec!["STT".into(), "Cơ quan".into()]],
            so_dong_tieu_de: 1,
        }));
        let v = super::super::nhan_dang::nhan_dang(khoi);
        let yaml = super::yaml(&v, "bc.docx");
        assert!(yaml.contains("      cot: [\"STT\", \"Cơ quan\"]\n      dong: []\n"), "{yaml}");
        let d: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(d["noi_dung"][1]["bang"]["dong"], serde_yaml::Value::Sequence(Vec::new()));
    }

    /// "(để b/c)" set beside an entry in the footer's right column, read
    /// after the left column's lines (a PDF's order): said after the entry
    /// on its line, not the last one.
    #[test]
    fn a_note_beside_an_entry_stays_with_it() {
        let o = |i: u32, chu: &str, cot: Cot| {
            Khoi::Doan(Doan { chu: chu.into(), noi: Noi::trang_dong(1, i), kieu: Kieu::default(), cot })
        };
        let mut khoi: Vec<Khoi> = [
            "SỞ NỘI VỤ",
            "Số: 12/SNV-VP",
            "Hà Nội, ngày 05 tháng 3 năm 2026",
            "V/v báo cáo",
            "Kính gửi: UBND tỉnh",
            "Sở Nội vụ báo cáo./.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| o(i as u32 + 1, t, Cot::Mot))
        .collect();
        khoi.extend([
            o(20, "Nơi nhận:", Cot::Trai),
            o(21, "- Như trên;", Cot::Trai),
            o(22, "- Thường trực Thành ủy;", Cot::Trai),
            o(23, "- Các Sở, ban, ngành;", Cot::Trai),
            o(24, "- Lưu: VT.", Cot::Trai),
            o(20, "GIÁM ĐỐC", Cot::Phai),
            o(22, "(để b/c)", Cot::Phai),
            o(24, "Hà Văn Sơn", Cot::Phai),
        ]);
        let v = super::super::nhan_dang::nhan_dang(khoi);
        let yaml = super::yaml(&v, "cv.pdf");
        assert!(
            yaml.contains(
                "noi_nhan:\n  - Như trên\n  - Thường trực Thành ủy (để b/c)\n  - Các Sở, ban, ngành\n"
            ),
            "{yaml}"
        );
    }

    /// A title cut short again under the signer's ("PHÓ GIÁ" after "PHÓ
    /// GIÁM ĐỐC", a signature image's text): not added to the title; kept
    /// as an unplaced line.
    #[test]
    fn a_title_cut_short_is_not_the_signers() {
        let khoi: Vec<Khoi> = [
            "SỞ TƯ PHÁP",
            "Số: 301/BC-STP",
            "Vĩnh Long, ngày 28 tháng 4 năm 2026",
            "BÁO CÁO",
            "Thẩm định dự thảo Nghị quyết",
            "Sở Tư pháp báo cáo kết quả thẩm định./.",
            "Nơi nhận:",
            "- UBND tỉnh;",
            "- Lưu: VT.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "PHÓ GIÁ",
            "Triệu Quốc Trung",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| doan(i as u32 + 1, t))
        .collect();
        let v = super::super::nhan_dang::nhan_dang(khoi);
        let yaml = super::yaml(&v, "bc.pdf");
        assert!(yaml.contains("  chuc_vu: PHÓ GIÁM ĐỐC\n"), "{yaml}");
        assert!(
            yaml.contains("# vanban nhap: không xếp được vào phần nào của văn bản (đoạn 12)\n  - PHÓ GIÁ\n"),
            "{yaml}"
        );
    }

    /// A table ending an article is the article's `bang`.
    #[test]
    fn a_table_ending_an_article_is_its_table() {
        let v = super::super::nhan_dang::nhan_dang(decision_with_table(None));
        let yaml = super::yaml(&v, "qd.docx");
        assert!(
            yaml.contains("dieu:\n  - noi_dung: 'Phân bổ chỉ tiêu như sau:'\n    bang:\n      cot: [\"Xã\", \"Số học viên\"]\n      dong:\n        - [\"Chi Lăng\", \"40\"]\n  - Quyết định này có hiệu lực kể từ ngày ký./.\n"),
            "{yaml}"
        );
        assert!(!yaml.contains("# vanban nhap"), "{yaml}");
        assert!(v.phan.iter().all(|p| p.ten != "bảng không xếp được"));
    }

    /// A table with the article's text going on after it would be moved by
    /// the data (its table stands at the article's end): it is kept in the
    /// data as comments instead, and the report says so.
    #[test]
    fn a_table_inside_an_article_is_kept_as_comments() {
        let v = super::super::nhan_dang::nhan_dang(decision_with_table(Some(
            "Các xã bố trí học viên đúng đối tượng.",
        )));
        let yaml = super::yaml(&v, "qd.docx");
        assert!(yaml.contains("# vanban nhap: bảng không có chỗ trong quyết định, giữ lại để chép vào chỗ cần:\n#   | Xã | Số học viên |\n#   | Chi Lăng | 40 |\n"), "{yaml}");
        assert!(v.phan.iter().any(|p| p.ten == "bảng không xếp được" && !p.tim_thay));
        assert_eq!(v.dieu.len(), 2, "{yaml}");
        assert_eq!(
            v.dieu[0].noi_dung.as_deref(),
            Some("Phân bổ chỉ tiêu như sau: Các xã bố trí học viên đúng đối tượng.")
        );
    }

    /// A decision's phụ lục come back as its `phu_luc`, Phụ lục I and II
    /// apart; a reference line naming the decision is left for vanban to
    /// write again, one naming another document (or another number ending
    /// in this one's) is kept as it is.
    #[test]
    fn a_decisions_phu_luc_are_its_own() {
        let khoi: Vec<Khoi> = OPENING
            .iter()
            .chain(&[
                "Điều 1. Phân bổ chỉ tiêu tại Phụ lục I và Phụ lục II kèm theo.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
                "Nơi nhận:",
                "- Lưu: VT.",
                "GIÁM ĐỐC",
                "Trần Văn Bình",
                "Phụ lục I",
                "CHỈ TIÊU CÁC XÃ",
                "(Kèm theo Quyết định số 85/QĐ-SNV ngày 20 tháng 5 năm 2025 của Giám đốc Sở Nội vụ)",
                "Xã Chi Lăng: 40 học viên.",
                "Phụ lục II",
                "CHỈ TIÊU CÁC PHƯỜNG",
                "(Kèm theo Kế hoạch số 12/KH-SNV ngày 02 tháng 4 năm 2025 của Sở Nội vụ)",
                "Phường Tam Thanh: 35 học viên.",
                "Phụ lục III",
                "CHỈ TIÊU CÁC THÔN",
                "(Kèm theo Quyết định số 185/QĐ-SNV ngày 02 tháng 4 năm 2025 của Giám đốc Sở Nội vụ)",
                "Thôn Nà Lầm: 12 học viên.",
            ])
            .enumerate()
            .map(|(i, t)| doan(i as u32 + 1, t))
            .collect();
        let v = super::super::nhan_dang::nhan_dang(khoi);
        assert!(v.kem_theo.is_none());
        let titles: Vec<&str> = v.phu_luc.iter().map(|p| p.tieu_de.as_str()).collect();
        assert_eq!(titles, ["Chỉ tiêu các xã", "Chỉ tiêu các phường", "Chỉ tiêu các thôn"]);
        assert_eq!(v.phu_luc[0].kem_theo, None);
        assert_eq!(
            v.phu_luc[1].kem_theo.as_deref(),
            Some("(Kèm theo Kế hoạch số 12/KH-SNV ngày 02 tháng 4 năm 2025 của Sở Nội vụ)")
        );
        // Decision 185, not this one (85): kept.
        assert_eq!(
            v.phu_luc[2].kem_theo.as_deref(),
            Some("(Kèm theo Quyết định số 185/QĐ-SNV ngày 02 tháng 4 năm 2025 của Giám đốc Sở Nội vụ)")
        );
        let yaml = super::yaml(&v, "qd.docx");
        assert!(
            yaml.contains(
                "phu_luc:\n  - tieu_de: Chỉ tiêu các xã\n    noi_dung:\n      - 'Xã Chi Lăng: 40 học viên.'\n"
            ),
            "{yaml}"
        );
        assert!(!yaml.contains("# vanban nhap: phụ lục"), "{yaml}");
    }
}
