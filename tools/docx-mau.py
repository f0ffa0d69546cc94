#!/usr/bin/env python3
"""Write the Word documents that tests/nhap_docx.rs imports (tests/nhap/*.docx).

Each file is laid out as Word lays out such documents: the header and the
footer as borderless two-column tables (or set with tabs), list numbering
from numbering.xml, a body table with merged cells, a page break before a
phụ lục, one document typed in TCVN3 with the .VnTime fonts. The OOXML is
written by hand (Python standard library only), and the output is
byte-identical on every run: fixed ZIP timestamps and member order.

    python3 tools/docx-mau.py
"""
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "nhap"
FIXED = (2025, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'mc:Ignorable="wps"')


def nfc(s):
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------- runs, paragraphs


def r(text, b=False, i=False, font=None, caps=False, style=None):
    """A run. '\t' in the text is a tab, '\n' a manual line break (Shift+Enter)."""
    props = f'<w:rStyle w:val="{style}"/>' if style else ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    if b:
        props += "<w:b/><w:bCs/>"
    if i:
        props += "<w:i/><w:iCs/>"
    if caps:
        props += "<w:caps/>"
    body = ""
    for k, line in enumerate(nfc(text).split("\n")):
        if k:
            body += "<w:br/>"
        for j, part in enumerate(line.split("\t")):
            if j:
                body += "<w:tab/>"
            if part:
                body += f'<w:t xml:space="preserve">{escape(part)}</w:t>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{body}</w:r>"


def p(*content, b=False, i=False, jc=None, first_line=None, style=None, num=None,
      page_break_before=False, tabs=None, font=None):
    """A paragraph: strings become runs with b/i/font; other items are run XML."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if tabs:
        ppr += "<w:tabs>" + "".join(f'<w:tab w:val="{k}" w:pos="{pos}"/>' for k, pos in tabs) + "</w:tabs>"
    if first_line:
        ppr += f'<w:ind w:firstLine="{first_line}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    runs = "".join(c if c.startswith("<") else r(c, b=b, i=i, font=font) for c in content)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{runs}</w:p>"


def rule(width="1800"):
    """An empty paragraph holding a drawn line: the short rule under the agency."""
    return ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:pict>'
            f'<v:line from="0,0" to="{width},0" strokeweight=".5pt"/>'
            '</w:pict></w:r></w:p>')


PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'

# ---------------------------------------------------------------- tables

NO_BORDERS = ("<w:tblBorders>" + "".join(
    f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + "</w:tblBorders>")
BORDERS = ("<w:tblBorders>" + "".join(
    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")


def tc(*paras, w=4500, span=1, vmerge=None):
    props = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras) or '<w:p/>'}</w:tc>"


def tr(*cells, header=False):
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def tbl(grid, *rows, borders=False, style=None):
    tblpr = ""
    if style:
        tblpr += f'<w:tblStyle w:val="{style}"/>'
    tblpr += '<w:tblW w:w="0" w:type="auto"/>'
    tblpr += BORDERS if borders else NO_BORDERS
    cols = "".join(f'<w:gridCol w:w="{g}"/>' for g in grid)
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def layout(*rows):
    """The header's or footer's borderless two-column table."""
    return tbl([3600, 5800], *(tr(tc(*left, w=3600), tc(*right, w=5800)) for left, right in rows))


# ---------------------------------------------------------------- package

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="TenLoai"><w:name w:val="Tên loại"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="ThanVanBan"><w:name w:val="Thân văn bản"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="720"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="Nhan"><w:name w:val="Nhấn"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr>{BORDERS}</w:tblPr></w:style>
</w:styles>"""


def lvl(ilvl, fmt, text, start=1, indent=0):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:firstLine="567"/></w:pPr></w:lvl>')


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{lvl(0, "upperRoman", "%1.")}{lvl(1, "decimal", "%2.")}{lvl(2, "decimal", "%2.%3.")}</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{lvl(0, "bullet", "-")}{lvl(1, "bullet", "+")}</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>{lvl(0, "lowerLetter", "%1)")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""


def package(name, body, numbering=False):
    rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>']
    types = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>']
    if numbering:
        rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>')
        types.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NS}><w:body>{''.join(body)}{sect}</w:body></w:document>",
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>",
        "word/styles.xml": STYLES,
    }
    if numbering:
        files["word/numbering.xml"] = NUMBERING
    OUT.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(OUT / name, "w") as z:
        for path, text in files.items():
            info = zipfile.ZipInfo(path, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    print(OUT / name)


QUOC_HIEU = [p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True, jc="center"),
             p("Độc lập - Tự do - Hạnh phúc", b=True, jc="center"), rule("2900")]

# ---------------------------------------------------------------- 1. kế hoạch, header table


def ke_hoach_bang_dau():
    body = [
        layout(
            ([p("UBND TỈNH LẠNG SƠN", jc="center"),
              p("SỞ DU LỊCH VÀ THỂ THAO", b=True, jc="center"), rule()], QUOC_HIEU),
            ([p("Số:    /KH-SDTTG", jc="center")],
             [p("Lạng Sơn, ngày    tháng 4 năm 2025", i=True, jc="center")]),
        ),
        p("KẾ HOẠCH", b=True, jc="center"),
        p("Tổ chức Giải Việt dã truyền thống tỉnh Lạng Sơn năm 2025", b=True, jc="center"),
        rule("1500"),
        p("Thực hiện Kế hoạch số 35/KH-UBND ngày 10 tháng 02 năm 2025 của Ủy ban nhân dân tỉnh về "
          "phát triển thể dục, thể thao năm 2025, Sở Du lịch và Thể thao xây dựng Kế hoạch tổ chức "
          "Giải Việt dã truyền thống tỉnh Lạng Sơn năm 2025, cụ thể như sau:", first_line="720"),
        p("I. MỤC ĐÍCH, YÊU CẦU", b=True, first_line="720"),
        p("1. Mục đích", b=True, first_line="720"),
        p("- Đẩy mạnh cuộc vận động “Toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại”, "
          "thu hút đông đảo Nhân dân tham gia tập luyện thể dục, thể thao;", first_line="720"),
        p("- Tuyển chọn vận động viên có thành tích tốt tham gia Giải Việt dã toàn quốc năm 2025.",
          first_line="720"),
        p("2. Yêu cầu", b=True, first_line="720"),
        p("- Công tác tổ chức bảo đảm an toàn, tiết kiệm, hiệu quả.", first_line="720"),
        p("II. NỘI DUNG", b=True, first_line="720"),
        p("1. Thời gian, địa điểm", b=True, first_line="720"),
        p("1.1. Thời gian: 01 ngày, khai mạc lúc 06 giờ 30 phút ngày 20 tháng 4 năm 2025.", first_line="720"),
        p("1.2. Địa điểm: Quảng trường 17/10, thành phố Lạng Sơn.", first_line="720"),
        p("2. Đối tượng, cự ly thi đấu", b=True, first_line="720"),
        tbl([700, 4200, 2000, 2000],
            tr(tc(p("TT", b=True, jc="center"), w=700, vmerge="restart"),
               tc(p("Đối tượng", b=True, jc="center"), w=4200, vmerge="restart"),
               tc(p("Cự ly (m)", b=True, jc="center"), w=4000, span=2), header=True),
            tr(tc(w=700, vmerge="continue"), tc(w=4200, vmerge="continue"),
               tc(p("Nam", jc="center"), w=2000), tc(p("Nữ", jc="center"), w=2000),
               header=True),
            tr(tc(p("1", jc="center"), w=700), tc(p("Học sinh trung học cơ sở"), w=4200),
               tc(p("3.000", jc="center"), w=2000), tc(p("2.000", jc="center"), w=2000)),
            tr(tc(p("2", jc="center"), w=700), tc(p("Học sinh trung học phổ thông"), w=4200),
               tc(p("4.000", jc="center"), w=2000), tc(p("3.000", jc="center"), w=2000)),
            tr(tc(p("3", jc="center"), w=700), tc(p("Cán bộ, công chức, viên chức"), w=4200),
               tc(p("5.000", jc="center"), w=2000), tc(p("3.000", jc="center"), w=2000)),
            borders=True),
        p("III. TỔ CHỨC THỰC HIỆN", b=True, first_line="720"),
        p("1. Phòng Quản lý thể dục thể thao", b=True, first_line="720"),
        p("Chủ trì, phối hợp với các đơn vị liên quan xây dựng Điều lệ giải, chuẩn bị cơ sở vật chất "
          "và tổ chức giải theo đúng kế hoạch.", first_line="720"),
        p("2. Ủy ban nhân dân các huyện, thành phố", b=True, first_line="720"),
        p("Thành lập đoàn vận động viên tham gia giải, gửi đăng ký về Sở Du lịch và Thể thao "
          "trước ngày 10 tháng 4 năm 2025.", first_line="720"),
        p("Trên đây là Kế hoạch tổ chức Giải Việt dã truyền thống tỉnh Lạng Sơn năm 2025, "
          "đề nghị các cơ quan, đơn vị phối hợp thực hiện./.", first_line="720"),
        layout((
            [p("Nơi nhận:", b=True, i=True),
             p("- UBND tỉnh (b/c);"), p("- Sở Giáo dục và Đào tạo;"),
             p("- UBND các huyện, thành phố;"), p("- Lưu: VT.")],
            [p("KT. GIÁM ĐỐC", b=True, jc="center"), p("PHÓ GIÁM ĐỐC", b=True, jc="center"),
             p(), p(), p("Nguyễn Văn An", b=True, jc="center")],
        )),
        p("PHỤ LỤC", b=True, jc="center", page_break_before=True),
        p("Điều lệ giải (gửi kèm theo Kế hoạch)", i=True, jc="center"),
    ]
    package("ke-hoach-bang-dau.docx", body)


# ---------------------------------------------------------------- 2. kế hoạch, Word numbering, tabs


def ke_hoach_danh_so_word():
    I, n1, n11 = (1, 0), (1, 1), (1, 2)
    gach, cong = (2, 0), (2, 1)
    chu = (3, 0)
    tab_right = [("center", "1800"), ("center", "6800")]
    body = [
        p(r("ỦY BAN NHÂN DÂN"), r("\t"), r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True), tabs=tab_right),
        p(r("TỈNH LẠNG SƠN", b=True), r("\t"), r("Độc lập - Tự do - Hạnh phúc", b=True), tabs=tab_right),
        p(r("Số: 12/KH-UBND"), r("\t"), r("Lạng Sơn, ngày 05 tháng 3 năm 2025", i=True), tabs=tab_right),
        p("KẾ HOẠCH", style="TenLoai"),
        p("Triển khai công tác chuyển đổi số tỉnh Lạng Sơn năm 2025", style="TenLoai"),
        p("MỤC ĐÍCH, YÊU CẦU", b=True, num=I),
        p("Mục đích", b=True, num=n1),
        p("Nâng cao nhận thức của cán bộ, công chức và Nhân dân về chuyển đổi số;", num=gach),
        p("Cung cấp dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp.", num=cong),
        p("Yêu cầu", b=True, num=n1),
        p("Bám sát chỉ đạo của Trung ương, phù hợp với điều kiện thực tế của tỉnh.", num=gach),
        p("NỘI DUNG", b=True, num=I),
        p("Phát triển chính quyền số", b=True, num=n1),
        p("Hoàn thiện hạ tầng số của các cơ quan nhà nước.", num=n11),
        p("Triển khai nền tảng dùng chung của tỉnh.", num=n11),
        p("Phát triển kinh tế số", b=True, num=n1),
        p("Các chỉ tiêu chủ yếu:", num=n11),
        p("Tỷ lệ hồ sơ xử lý trực tuyến đạt 80%;", num=chu),
        p("Tỷ lệ thanh toán không dùng tiền mặt đạt 50%;", num=chu),
        p("Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 70%;", num=chu),
        p("Tỷ lệ hộ gia đình có đường truyền cáp quang đạt 85%;", num=chu),
        p("Tỷ lệ người dân có tài khoản định danh điện tử đạt 90%.", num=chu),
        p("TỔ CHỨC THỰC HIỆN", b=True, num=I),
        p("Sở Khoa học và Công nghệ", b=True, num=n1),
        p("Chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch.", style="ThanVanBan"),
        tbl([700, 4300, 2500, 2000],
            tr(tc(p("STT", b=True, jc="center"), w=700), tc(p("Nội dung", b=True, jc="center"), w=4300),
               tc(p("Đơn vị chủ trì", b=True, jc="center"), w=2500),
               tc(p("Thời gian", b=True, jc="center"), w=2000)),
            tr(tc(p("1"), w=700), tc(p("Nâng cấp Cổng dịch vụ công"), w=4300),
               tc(p("Văn phòng UBND tỉnh"), w=2500), tc(p("Quý II"), w=2000)),
            tr(tc(p("2"), w=700), tc(p("Số hóa hồ sơ thủ tục hành chính"), w=4300),
               tc(p("Các sở, ngành"), w=2500), tc(p("Cả năm"), w=2000)),
            style="TableGrid"),
        p(r("Nơi nhận:", b=True, i=True), r("\t\t"), r("KT. CHỦ TỊCH", b=True),
          tabs=[("center", "6800")]),
        p(r("- Thường trực Tỉnh ủy;"), r("\t\t"), r("PHÓ CHỦ TỊCH", b=True), tabs=[("center", "6800")]),
        p("- Các sở, ban, ngành tỉnh;"),
        p("- Lưu: VT, KGVX."),
        p(r("\t\t"), r("Hoàng Văn Nam", b=True), tabs=[("center", "6800")]),
        p(PAGE_BREAK, r("PHỤ LỤC", b=True), jc="center"),
        p("Danh mục nhiệm vụ chuyển đổi số năm 2025", b=True, jc="center"),
    ]
    package("ke-hoach-danh-so-word.docx", body, numbering=True)


# ---------------------------------------------------------------- 3. công văn


def cong_van():
    body = [
        layout(
            ([p("UBND TỈNH LẠNG SƠN", jc="center"), p("SỞ NỘI VỤ", b=True, jc="center"), rule()], QUOC_HIEU),
            ([p("Số: 215/SNV-CCVC", jc="center"),
              p("V/v báo cáo số lượng cán bộ, công chức năm 2025", jc="center")],
             [p("Lạng Sơn, ngày 12 tháng 3 năm 2025", i=True, jc="center")]),
        ),
        p("Kính gửi:", jc="center"),
        p("- Ủy ban nhân dân các huyện, thành phố;", first_line="2880"),
        p("- Các sở, ban, ngành tỉnh.", first_line="2880"),
        p("Thực hiện Công văn số 1025/BNV-TCBC ngày 28 tháng 02 năm 2025 của Bộ Nội vụ về việc báo cáo "
          "số lượng cán bộ, công chức, viên chức, Sở Nội vụ đề nghị các cơ quan, đơn vị báo cáo số lượng "
          "cán bộ, công chức có mặt đến ngày 31 tháng 3 năm 2025.", first_line="720"),
        p("Báo cáo gửi về Sở Nội vụ (qua Phòng Công chức, viên chức) trước ngày ",
          r("15 tháng 4 năm 2025", b=True), r(" để tổng hợp, báo cáo Ủy ban nhân dân tỉnh."),
          first_line="720"),
        p("Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.", first_line="720"),
        layout((
            [p("Nơi nhận:", b=True, i=True), p("- Như trên;"), p("- Giám đốc Sở (b/c);"),
             p("- Lưu: VT, CCVC.")],
            [p("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", b=True, jc="center"), p(), p(),
             p("Lê Thị Hương", b=True, jc="center")],
        )),
    ]
    package("cong-van.docx", body)


# ---------------------------------------------------------------- 4. quyết định


def quyet_dinh():
    body = [
        layout(
            ([p("UBND TỈNH LẠNG SƠN", jc="center"), p("SỞ NỘI VỤ", b=True, jc="center"), rule()], QUOC_HIEU),
            ([p("Số: 85/QĐ-SNV", jc="center")],
             [p("Lạng Sơn, ngày 20 tháng 5 năm 2025", i=True, jc="center")]),
        ),
        p("QUYẾT ĐỊNH", b=True, jc="center"),
        p("Về việc ban hành Quy chế làm việc của Sở Nội vụ tỉnh Lạng Sơn", b=True, jc="center"),
        rule("1500"),
        p("GIÁM ĐỐC SỞ NỘI VỤ", b=True, jc="center"),
        p("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;", i=True, first_line="720"),
        p("Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 28 tháng 02 năm 2025 của Ủy ban nhân dân tỉnh "
          "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ;", i=True, first_line="720"),
        p("Theo đề nghị của Chánh Văn phòng Sở.", i=True, first_line="720"),
        p("QUYẾT ĐỊNH:", b=True, jc="center"),
        p(r("Điều 1.", b=True), r(" Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Nội vụ tỉnh Lạng Sơn."),
          first_line="720"),
        p("1. Quy chế áp dụng đối với:", first_line="720"),
        p("a) Lãnh đạo Sở;", first_line="720"),
        p("b) Công chức, viên chức thuộc Sở;", first_line="720"),
        p("c) Người lao động làm việc tại Sở.", first_line="720"),
        p("2. Quy chế thay thế Quy chế ban hành kèm theo Quyết định số 40/QĐ-SNV ngày 15 tháng 3 năm 2021.",
          first_line="720"),
        p(r("Điều 2.", b=True), r(" Quyết định này có hiệu lực kể từ ngày ký."), first_line="720"),
        p(r("Điều 3.", b=True), r(" Chánh Văn phòng Sở, Trưởng các phòng và đơn vị thuộc Sở chịu trách nhiệm "
                                  "thi hành Quyết định này./."), first_line="720"),
        layout((
            [p(r("Nơi nhận:", style="Nhan")), p("- Như Điều 3;"), p("- UBND tỉnh (b/c);"), p("- Lưu: VT, VP.")],
            [p("GIÁM ĐỐC", b=True, jc="center"), p(), p(), p("Trần Văn Bình", b=True, jc="center")],
        )),
    ]
    package("quyet-dinh.docx", body)


# ---------------------------------------------------------------- 5. TCVN3 (.VnTime)

# TCVN3 bytes of the lower-case letters and of the capitals the ABC fonts
# have (src/chuyen_ma.rs, VOWELS and D_BAR).
TCVN3 = {}
for letters, codes in [
    ("aàảãáạ", [0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9]), ("ăằẳẵắặ", [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
    ("âầẩẫấậ", [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB]), ("eèẻẽéẹ", [0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
    ("êềểễếệ", [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6]), ("iìỉĩíị", [0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
    ("oòỏõóọ", [0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4]), ("ôồổỗốộ", [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
    ("ơờởỡớợ", [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE]), ("uùủũúụ", [0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
    ("ưừửữứự", [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9]), ("yỳỷỹýỵ", [0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
    ("đ", [0xAE]), ("ĂÂÊÔƠƯĐ", [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]),
]:
    TCVN3.update(zip(letters, codes))


def tcvn3(text, upper_font=False):
    """Text typed in TCVN3, as its bytes read as Windows-1252 show it. With
    .VnTimeH (upper_font) capitals are typed with the lower-case codes."""
    out = []
    for ch in nfc(text):
        key = ch.lower() if upper_font and not ch.isascii() else ch
        if key in TCVN3:
            out.append(bytes([TCVN3[key]]).decode("cp1252"))
        elif ch.isascii():
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} has no TCVN3 byte in the ABC fonts: {text}")
    return "".join(out)


def v(text, **kw):
    """A paragraph typed with .VnTime (.VnTimeH for upper-case text)."""
    upper = text == text.upper()
    font = ".VnTimeH" if upper else ".VnTime"
    return p(tcvn3(text, upper), font=font, **kw)


def tcvn3_cong_van():
    body = [
        layout(
            ([v("UBND HUYỆN CAO LỘC", jc="center"), v("PHÒNG NỘI VỤ", b=True, jc="center"), rule()],
             [v("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True, jc="center"),
              v("Độc lập - Tự do - Hạnh phúc", b=True, jc="center"), rule("2900")]),
            ([v("Số: 25/PNV", jc="center"), v("V/v tổ chức tập huấn công tác văn thư", jc="center")],
             [v("Cao Lộc, ngày 15 tháng 3 năm 2025", i=True, jc="center")]),
        ),
        v("Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.", jc="center"),
        v("Thực hiện kế hoạch công tác năm 2025, Phòng Nội vụ huyện tổ chức tập huấn công tác văn thư, "
          "lưu trữ cho công chức, viên chức các cơ quan, đơn vị.", first_line="720"),
        v("Thời gian: ngày 25 tháng 3 năm 2025; địa điểm: hội trường huyện Cao Lộc.", first_line="720"),
        v("Đề nghị các cơ quan, đơn vị cử công chức tham dự đầy đủ./.", first_line="720"),
        # Pasted into a Unicode font: the text alone says it is TCVN3.
        p(tcvn3("Trân trọng cảm ơn sự phối hợp của các cơ quan, đơn vị."), first_line="720"),
        layout((
            [v("Nơi nhận:", b=True, i=True), v("- Như trên;"), v("- Lưu: VT.")],
            [v("TRƯỞNG PHÒNG", b=True, jc="center"), p(), p(), v("Nguyễn Thị Lan", b=True, jc="center")],
        )),
    ]
    package("tcvn3.docx", body)


# ---------------------------------------------------------------- 6. a draft, text boxes


def o_chu(*paras):
    """A floating text box as Word writes it: the drawing (wps) for Word
    2010 and later, and the same text again as VML for older readers."""
    noi_dung = "".join(paras)
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
            "<wp:anchor distT=\"0\" distB=\"0\" distL=\"114300\" distR=\"114300\" simplePos=\"0\" "
            "relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
            "<wp:simplePos x=\"0\" y=\"0\"/><wp:extent cx=\"1200000\" cy=\"400000\"/>"
            "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
            f"<wps:wsp><wps:txbx><w:txbxContent>{noi_dung}</w:txbxContent></wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{noi_dung}</w:txbxContent>"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def du_thao_o_chu():
    body = [
        layout(
            ([p("UBND TỈNH LẠNG SƠN", o_chu(p("DỰ THẢO", b=True, jc="center")), jc="center"),
              p("SỞ NỘI VỤ", b=True, jc="center"), rule()], QUOC_HIEU),
            ([p("Số:      /SNV-TCBC", jc="center"),
              p("V/v gia hạn thời gian tổ chức đại hội", jc="center")],
             [p("Lạng Sơn, ngày      tháng 5 năm 2026", i=True, jc="center")]),
        ),
        p("Kính gửi: Hiệp hội Doanh nghiệp tỉnh", jc="center"),
        p("Sở Nội vụ đồng ý gia hạn thời gian tổ chức đại hội nhiệm kỳ của Hiệp hội đến hết quý II năm 2026.",
          o_chu(p("Ghi chú của chuyên viên: kèm hồ sơ đề nghị của Hiệp hội")), first_line="720"),
        p("Đề nghị Hiệp hội khẩn trương hoàn thiện hồ sơ./.", first_line="720"),
        layout((
            [p("Nơi nhận:", b=True, i=True), p("- Như trên;"), p("- Lưu: VT, TCBC.")],
            [p("GIÁM ĐỐC", b=True, jc="center"), p(), p(), p("Trần Văn Minh", b=True, jc="center")],
        )),
    ]
    package("du-thao-o-chu.docx", body)


if __name__ == "__main__":
    ke_hoach_bang_dau()
    ke_hoach_danh_so_word()
    cong_van()
    quyet_dinh()
    tcvn3_cong_van()
    du_thao_o_chu()
