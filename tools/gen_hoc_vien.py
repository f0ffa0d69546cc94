#!/usr/bin/env python3
"""Generate reproducible example trainee lists for vanban.

Writes data/du-an-8-2025/hoc-vien.csv (UTF-8 with BOM) and hoc-vien.xlsx:
480 fictional trainees of Dự án 8 (gender equality, National Target Programme
for ethnic minority areas), Lạng Sơn 2025, split into programmes CT2 (district
and commune officials) and CT3 (village/community leaders). The data feed the
certificate examples and tests, so the output must be byte-identical on every
run: a fixed seed (random.Random(2025)), fixed xlsx document properties and
fixed zip timestamps. Stdlib only, except openpyxl for the .xlsx.
"""
import csv
import datetime as dt
import random
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "du-an-8-2025"
FIXED = dt.datetime(2025, 6, 1, 0, 0, 0)
HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Chức vụ",
          "Đơn vị công tác", "Huyện", "Chương trình", "Lớp"]

# Trainees per district: (CT2, CT3). Thành phố Lạng Sơn has none.
ALLOC = {"Lạng Sơn": (0, 0), "Tràng Định": (18, 40), "Văn Lãng": (16, 40),
         "Bình Gia": (18, 40), "Bắc Sơn": (16, 40), "Cao Lộc": (12, 28),
         "Văn Quan": (16, 24), "Lộc Bình": (18, 30), "Chi Lăng": (14, 28),
         "Đình Lập": (14, 26), "Hữu Lũng": (18, 24)}
CLASSES = [("CT2-1", ["Tràng Định", "Văn Lãng", "Bình Gia", "Bắc Sơn", "Cao Lộc"]),
           ("CT2-2", ["Văn Quan", "Lộc Bình", "Chi Lăng", "Đình Lập", "Hữu Lũng"]),
           ("CT3-1", ["Tràng Định", "Văn Lãng"]),
           ("CT3-2", ["Bình Gia", "Bắc Sơn"]),
           ("CT3-3", ["Văn Quan", "Cao Lộc", "Chi Lăng"]),
           ("CT3-4", ["Lộc Bình", "Đình Lập", "Hữu Lũng"])]

COMMUNES = {
    "Tràng Định": "Đề Thám|Hùng Sơn|Quốc Khánh|Tri Phương|Kim Đồng|Chi Lăng|Đại Đồng|Cao Minh|Tân Tiến|Đội Cấn",
    "Văn Lãng": "Hoàng Văn Thụ|Tân Mỹ|Thanh Long|Hội Hoan|Tân Tác|Thụy Hùng|Trùng Khánh|Bắc La|Gia Miễn",
    "Bình Gia": "Hoa Thám|Hồng Phong|Tân Văn|Thiện Thuật|Hưng Đạo|Minh Khai|Quang Trung|Thiện Long|Vĩnh Yên",
    "Bắc Sơn": "Vũ Lăng|Hưng Vũ|Tân Tri|Nhất Hòa|Chiến Thắng|Long Đống|Tân Lập|Vũ Lễ|Trấn Yên",
    "Cao Lộc": "Ba Sơn|Thạch Đạn|Xuất Lễ|Lộc Yên|Cao Lâu|Công Sơn|Hải Yến|Mẫu Sơn|Thanh Lòa",
    "Văn Quan": "Tràng Các|Tri Lễ|Yên Phúc|Bình Phúc|Hữu Lễ|Lương Năng|Tràng Phái|Tú Xuyên|Điềm He",
    "Lộc Bình": "Mẫu Sơn|Tam Gia|Tú Mịch|Khánh Xuân|Ái Quốc|Hữu Lân|Lợi Bác|Nam Quan|Xuân Dương",
    "Chi Lăng": "Hữu Kiên|Vân An|Chiến Thắng|Lâm Sơn|Bằng Mạc|Gia Lộc|Mai Sao|Quan Sơn|Y Tịch",
    "Đình Lập": "Bắc Xa|Bính Xá|Kiên Mộc|Lâm Ca|Bắc Lãng|Châu Sơn|Cường Lợi|Đồng Thắng|Thái Bình",
    "Hữu Lũng": "Hữu Liên|Yên Thịnh|Thiện Tân|Cai Kinh|Đồng Tân|Hòa Thắng|Minh Sơn|Quyết Thắng|Vân Nham",
}
COMMUNES = {k: v.split("|") for k, v in COMMUNES.items()}
# Village names are typical Tày-Nùng toponyms; the commune/village pairs are fictional.
VILLAGES = ("Nà Pàn|Khuổi Phầy|Bản Chu|Nà Lừa|Pác Cáp|Khòn Khuông|Nà Tèn|Bản Piềng|Lũng Cải|"
            "Cốc Lùng|Nà Mò|Phai Khắt|Khau Chỉa|Kéo Coóc|Pò Nhùng|Nà Làng|Bản Thẩu|Nà Slảng|"
            "Khuổi Luông|Pá Phiêng|Còn Pheo|Nà Danh|Bó Củng|Đồng Mới|Làng Hăng|Tân Hòa").split("|")

# Ethnic weights per district: Tày, Nùng, Kinh, Dao, H'Mông, Sán Chay, Hoa.
ETHNIC = ["Tày", "Nùng", "Kinh", "Dao", "H'Mông", "Sán Chay", "Hoa"]
MIX = {"Tràng Định": (60, 20, 8, 10, 0, 0, 2), "Văn Lãng": (30, 55, 8, 5, 0, 0, 2),
       "Bình Gia": (60, 15, 7, 15, 3, 0, 0), "Bắc Sơn": (55, 10, 15, 15, 5, 0, 0),
       "Cao Lộc": (20, 55, 15, 7, 0, 0, 3), "Văn Quan": (55, 30, 8, 7, 0, 0, 0),
       "Lộc Bình": (20, 55, 10, 12, 0, 0, 3), "Chi Lăng": (25, 50, 20, 5, 0, 0, 0),
       "Đình Lập": (35, 25, 15, 20, 0, 5, 0), "Hữu Lũng": (20, 25, 40, 8, 2, 5, 0)}

S = str.split
TAY_NUNG = S("Hoàng Hoàng Nông Nông Lương Lăng Vi Hà Lý Chu Hứa Triệu Lộc Mã Đinh Lô Bế Sầm Dương")
SURNAMES = {"Tày": TAY_NUNG, "Nùng": TAY_NUNG,
            "Kinh": S("Nguyễn Nguyễn Nguyễn Trần Lê Phạm Vũ Đỗ Bùi Ngô Đặng Phan Hoàng"),
            "Dao": S("Triệu Triệu Bàn Bàn Đặng Lý Phùng Chíu"),
            "H'Mông": S("Vàng Giàng Lầu Thào Sùng Hầu Mùa"),
            "Sán Chay": S("Lâm Hoàng Trương Lý Diệp Dương Lục"),
            "Hoa": S("Lý Trương Hoàng Lưu Trần Dương Mạc")}
MIDDLE_M = {"Dao": S("Văn Văn Tài Kim"), "H'Mông": S("A A Văn Seo"), "Hoa": S("Văn Quốc Chí"),
            "": S("Văn Văn Văn Đức Minh Quốc Hữu Xuân Thành Ngọc")}
MIDDLE_F2 = S("Phương Bích Thu Thanh Kim Hồng Minh Ngọc Hải")
GIVEN_M = S("Hùng Dũng Tuấn Thắng Hải Long Sơn Thành Bình Cường Hưng Khánh Quang Tú Nam "
            "Phong Tiến Trung Vinh Đức Hòa Chiến Tuyên Lâm Lợi Huy Kiên Toàn Tùng Thái")
GIVEN_F = S("Hoa Lan Hương Hằng Thảo Nga Hạnh Huyền Thu Mai Liên Dung Hà Vân Ngọc Phương "
            "Thúy Yến Nhung Quyên Duyên Hiền Loan Tuyết Chiêm Thơm Lụa Xuân Trang")
LOCAL_GIVEN = {"Dao": (S("Sinh Phin Quẩy Lìu Chòi Kiềm Vần Tài"), S("Mẩy Nhất Múi Lai Mùi Chạn Chiêu")),
               "H'Mông": (S("Páo Sử Dế Chứ Tủa Lử Chá Pó"), S("Mỷ Dợ Chở Sua Dua Pà Dính")),
               "Hoa": (S("Phúc Quý Lộc Tài Sáng Minh"), S("Mỹ Phượng Lan Dung Ngọc Hoa"))}

# (chức vụ, đơn vị template, weight, women only, birth-year range)
ROLES = {
    "CT2": [("Chủ tịch UBND xã", "UBND xã {x}, huyện {h}", 2, False, (1968, 1985)),
            ("Phó Chủ tịch UBND xã", "UBND xã {x}, huyện {h}", 4, False, (1970, 1990)),
            ("Công chức Văn hóa - Xã hội", "UBND xã {x}, huyện {h}", 6, False, (1975, 2000)),
            ("Công chức Tư pháp - Hộ tịch", "UBND xã {x}, huyện {h}", 3, False, (1975, 2000)),
            ("Công chức Văn phòng - Thống kê", "UBND xã {x}, huyện {h}", 3, False, (1975, 2000)),
            ("Chủ tịch Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ xã {x}, huyện {h}", 6, True, (1970, 1995)),
            ("Phó Chủ tịch Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ xã {x}, huyện {h}", 3, True, (1975, 2000)),
            ("Bí thư Đoàn Thanh niên xã", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã {x}, huyện {h}", 3, False, (1990, 2000)),
            ("Chủ tịch Ủy ban Mặt trận Tổ quốc xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã {x}, huyện {h}", 2, False, (1965, 1985)),
            ("Chuyên viên Phòng Dân tộc và Tôn giáo", "Phòng Dân tộc và Tôn giáo huyện {h}", 3, False, (1975, 2000)),
            ("Phó Trưởng phòng Dân tộc và Tôn giáo", "Phòng Dân tộc và Tôn giáo huyện {h}", 1, False, (1970, 1988)),
            ("Chuyên viên Phòng Văn hóa, Khoa học và Thông tin", "Phòng Văn hóa, Khoa học và Thông tin huyện {h}", 2, False, (1978, 2000)),
            ("Phó Chủ tịch Hội Liên hiệp Phụ nữ huyện", "Hội Liên hiệp Phụ nữ huyện {h}", 1, True, (1970, 1990))],
    "CT3": [("Trưởng thôn", "Thôn {t}, xã {x}, huyện {h}", 6, False, (1965, 1995)),
            ("Phó trưởng thôn", "Thôn {t}, xã {x}, huyện {h}", 3, False, (1970, 2000)),
            ("Bí thư chi bộ thôn", "Thôn {t}, xã {x}, huyện {h}", 4, False, (1965, 1990)),
            ("Người có uy tín", "Thôn {t}, xã {x}, huyện {h}", 3, False, (1965, 1980)),
            ("Chi hội trưởng phụ nữ thôn", "Thôn {t}, xã {x}, huyện {h}", 8, True, (1968, 2000))],
}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def make_name(rng, ethnic, female):
    family = rng.choice(SURNAMES[ethnic])
    local_m, local_f = LOCAL_GIVEN.get(ethnic, (None, None))
    if female:
        middle = "Thị"
        if ethnic in ("Tày", "Nùng", "Kinh") and rng.random() < 0.08:
            middle += " " + rng.choice(MIDDLE_F2)          # Hoàng Thị Phương Thảo
            if ethnic == "Kinh" and rng.random() < 0.5:     # Nguyễn Lê Thị Bích Ngọc
                family += " " + rng.choice([f for f in S("Lê Trần Phạm Hoàng") if f != family])
        given = rng.choice(local_f if local_f and rng.random() < 0.6 else GIVEN_F)
    else:
        middle = rng.choice(MIDDLE_M.get(ethnic, MIDDLE_M[""]))
        given = rng.choice(local_m if local_m and rng.random() < 0.6 else GIVEN_M)
    return nfc(f"{family} {middle} {given}")


def make_row(rng, used, prog, huyen, lop):
    ethnic = rng.choices(ETHNIC, weights=MIX[huyen])[0]
    female = rng.random() < 0.6
    roles = [r for r in ROLES[prog] if female or not r[3]]
    title, unit, _, _, (y0, y1) = rng.choices(roles, weights=[r[2] for r in roles])[0]
    name = make_name(rng, ethnic, female)
    while name in used:
        name = make_name(rng, ethnic, female)
    used.add(name)
    year = rng.randint(y0, y1)
    born = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    unit = unit.format(t=rng.choice(VILLAGES), x=rng.choice(COMMUNES[huyen]), h=huyen)
    return [0, name, "Nữ" if female else "Nam", born, ethnic, title, unit, huyen, prog, lop]


def build_rows():
    rng = random.Random(2025)
    used, rows = set(), []
    for lop, districts in CLASSES:
        prog = lop[:3]
        for huyen in districts:
            for _ in range(ALLOC[huyen][prog == "CT3"]):
                rows.append(make_row(rng, used, prog, huyen, lop))
    # Exactly one homonym pair, in different districts (same ethnicity and gender).
    a = next(r for r in rows if r[7] == "Tràng Định" and r[4] == "Tày" and r[2] == "Nữ")
    b = next(r for r in rows if r[7] == "Lộc Bình" and r[4] == "Tày" and r[2] == "Nữ")
    b[1] = a[1]
    # One deliberately long đơn vị (~90 characters) to exercise line wrapping.
    c = next(r for r in rows if r[7] == "Văn Lãng" and r[8] == "CT2")
    c[5] = "Bí thư Đoàn Thanh niên xã"
    c[6] = ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Hoàng Văn Thụ, "
            "huyện Văn Lãng, tỉnh Lạng Sơn")
    c[3] = c[3].replace(year=1996)
    # About ten community trainees know only their birth year.
    ct3 = [i for i, r in enumerate(rows) if r[8] == "CT3"]
    for i in rng.sample(ct3, 10):
        rows[i][3] = rows[i][3].year
    for i, r in enumerate(rows, 1):
        r[0] = i
        r[:] = [nfc(v) if isinstance(v, str) else v for v in r]
    return rows


def fmt_date(v):
    return str(v) if isinstance(v, int) else v.strftime("%d/%m/%Y")


class FixedTimeZip(zipfile.ZipFile):
    """ZipFile that stamps every member with FIXED so the .xlsx is reproducible."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, FIXED.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o100644 << 16  # regular file, rw-r--r--
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        # openpyxl streams worksheets through a temp file; drop its mtime.
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([str(r[0]), *r[1:3], fmt_date(r[3]), *r[4:]])


def write_xlsx(rows, path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
        if isinstance(r[3], dt.date):
            ws.cell(row=ws.max_row, column=4).number_format = "dd/mm/yyyy"
    for col, width in zip("ABCDEFGHIJ", (6, 28, 9, 12, 10, 40, 60, 12, 12, 8)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "vanban tools/gen_hoc_vien.py"
    wb.properties.created = wb.properties.modified = FIXED
    with FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()  # not wb.save(): that stamps "modified" with now()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = build_rows()
    write_csv(rows, OUT / "hoc-vien.csv")
    write_xlsx(rows, OUT / "hoc-vien.xlsx")
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}/hoc-vien.csv and .xlsx")


if __name__ == "__main__":
    main()
