// Trình soạn thảo dạng biểu mẫu cho một văn bản của vanban.
//
// taoBieuMau(container, schema, duLieu, onChange): vẽ mọi trường của loại văn
// bản từ JSON Schema (`vanban schema LOAI`): nhãn là `title`, dòng gợi ý là
// `description`; phần nội dung (`noi_dung`) là một cây sửa bằng nút và phím,
// với số mục (I., 1., 1.1., a)) hoặc Điều/khoản hiện ngay bên cạnh.
// Mỗi thay đổi gọi onChange(duLieuMoi); việc chờ (debounce) là của nơi gọi.
//
// hienVanDe(container, vanDe): đánh dấu từng vấn đề `vanban check` báo tại
// trường của nó (theo `truong`, ví dụ `noi_dung[2].muc`).
//
// Không thư viện, không bước dựng: tệp được nhúng nguyên vào chương trình.

const LOAI_NUT = ['muc', 'doan', 'phan', 'nhom', 'gach', 'cong', 'bang', 'bang_so_lieu'];
// Phần tử có tên và nội dung con: mục, đoạn đánh số, phần, nhóm mục.
const CO_CON = ['muc', 'doan', 'phan', 'nhom'];
const KHOA_TRUOC = ['tieu_de', 'ten', 'ten_loai', 'noi_dung', 'khoan', 'diem', 'chuong', 'muc', 'dieu'];
const CHU_DIEM = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

let demId = 0;
const taoId = (tien) => `${tien}-${++demId}`;

/** Số La Mã (I, II, …) như vanban in mục cấp 1. */
export function soLaMa(n) {
  const bang = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, c] of bang) while (n >= v) { s += c; n -= v; }
  return s;
}

/** Chữ của điểm thứ `i` (từ 0): a, b, …, đ, …, y, rồi aa, bb (như src/vi.rs). */
export function chuDiem(i) {
  const n = CHU_DIEM.length;
  return CHU_DIEM[i % n].repeat(Math.floor(i / n) + 1);
}

/** Số của một mục theo đường số các cấp, như than::number_sections. */
export function soMuc(duong) {
  const cap = duong.length;
  if (cap === 1) return `${soLaMa(duong[0])}.`;
  if (cap === 2) return `${duong[1]}.`;
  if (cap === 3) return `${duong[1]}.${duong[2]}.`;
  return `${chuDiem(duong[cap - 1] - 1)})`;
}

/** Loại của một phần tử nội dung. */
export function loaiNut(v) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of LOAI_NUT) if (k in v) return k;
  }
  return 'doan-van';
}

/** Chữ của một đoạn văn; `Kế hoạch:` đứng một mình là một bảng khóa một khóa trong YAML. */
function chuCua(v) {
  if (v == null) return '';
  if (typeof v !== 'object') return String(v);
  const [k, con] = Object.entries(v)[0] ?? ['', null];
  return con == null ? `${k}:` : `${k}: ${chuCua(con)}`;
}

const noi = (duong, khoa) => (duong === '' ? khoa : `${duong}.${khoa}`);
const chiSo = (duong, i) => `${duong}[${i}]`;
const sao = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function phanTu(ten, thuocTinh = {}, ...con) {
  const e = document.createElement(ten);
  for (const [k, v] of Object.entries(thuocTinh)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of con.flat()) if (c != null) e.append(c);
  return e;
}

/** Dòng gợi ý: `mã` trong mô tả thành <code>. */
function goiY(moTa, id) {
  const p = phanTu('p', { class: 'goi-y', id });
  String(moTa).split(/(`[^`]*`)/).forEach((phan) => {
    if (phan.startsWith('`') && phan.endsWith('`') && phan.length > 1) p.append(phanTu('code', { text: phan.slice(1, -1) }));
    else p.append(phan);
  });
  return p;
}

function nutBam(chu, nhan, viec, lop = '') {
  return phanTu('button', { type: 'button', class: `nut-bam ${lop}`, 'aria-label': nhan, title: nhan, onclick: viec }, chu);
}

/** Một chỗ chứa giá trị: khóa của một bảng khóa hoặc ô của một danh sách. */
function cho(cha, khoa) {
  return {
    lay: () => cha[khoa],
    dat: (v) => {
      if (v === undefined && !Array.isArray(cha)) delete cha[khoa];
      else cha[khoa] = v;
    },
  };
}

class BieuMau {
  constructor(container, schema, duLieu, onChange) {
    this.goc = container;
    this.schema = schema;
    this.duLieu = sao(duLieu) ?? {};
    this.onChange = onChange ?? (() => {});
  }

  // ------------------------------------------------------------ schema

  /** Schema sau khi theo `$ref`; tiêu đề, mô tả của chỗ tham chiếu được giữ. */
  giai(s) {
    if (!s || typeof s !== 'object') return {};
    if (s.$ref) {
      const ten = s.$ref.replace('#/$defs/', '');
      const dich = this.giai(this.schema.$defs?.[ten]);
      return { ...dich, title: s.title ?? dich.title, description: s.description ?? dich.description, $ten: ten };
    }
    return s;
  }

  /** Bỏ nhánh `null` của anyOf/oneOf và kiểu `["string","null"]`. */
  boNull(s) {
    s = this.giai(s);
    const nhanh = s.anyOf ?? s.oneOf;
    if (nhanh && !s.properties) {
      const con = nhanh.filter((b) => this.giai(b).type !== 'null');
      if (con.length === 1) {
        const g = this.boNull(con[0]);
        return { ...g, title: s.title ?? g.title, description: s.description ?? g.description, $ten: g.$ten ?? s.$ten };
      }
      if (con.length !== nhanh.length) return { ...s, anyOf: con, oneOf: undefined };
    }
    if (Array.isArray(s.type)) {
      const t = s.type.filter((x) => x !== 'null');
      if (t.length === 1) return { ...s, type: t[0] };
      if (t.includes('string')) return { ...s, type: 'string', $soHoac: true };
    }
    return s;
  }

  // ------------------------------------------------------------ vẽ

  ve() {
    const dangO = document.activeElement?.dataset?.truong ?? document.activeElement?.dataset?.nut;
    this.veLai(dangO);
  }

  /** Vẽ lại cả biểu mẫu, rồi đặt con trỏ vào điều khiển của `datTai`. */
  veLai(datTai) {
    this.demDieu = {};
    const form = phanTu('form', { class: 'bieu-mau', novalidate: true, onsubmit: (e) => e.preventDefault() });
    const s = this.giai(this.schema);
    if (s.title) form.append(phanTu('h2', { class: 'tieu-de-loai', text: s.title }));
    this.cacTruong(form, s, this.duLieu, '');
    this.goc.replaceChildren(form);
    if (datTai) {
      const e = this.goc.querySelector(`[data-nut="${CSS.escape(datTai)}"]`) ?? this.goc.querySelector(`[data-truong="${CSS.escape(datTai)}"]`);
      e?.focus();
    }
  }

  thayDoi() {
    this.onChange(sao(this.duLieu));
  }

  /** Các trường của một bảng khóa: những trường bắt buộc theo thứ tự khai báo, rồi các trường khác. */
  cacTruong(noiVe, s, obj, duong) {
    const props = s.properties ?? {};
    const batBuoc = s.required ?? [];
    // Không bắt buộc: tiêu đề, tên, nội dung trước các tùy chọn khác (schema xếp theo chữ cái).
    const truoc = (k) => { const i = KHOA_TRUOC.indexOf(k); return i < 0 ? KHOA_TRUOC.length : i; };
    const khac = Object.keys(props).filter((k) => !batBuoc.includes(k)).sort((a, b) => truoc(a) - truoc(b) || a.localeCompare(b));
    const ten = [...batBuoc.filter((k) => k in props), ...khac];
    for (const k of ten) {
      noiVe.append(this.truong(props[k], cho(obj, k), noi(duong, k), { khoa: k, batBuoc: batBuoc.includes(k) }));
    }
  }

  /** Một trường bất kỳ theo schema của nó. */
  truong(sGoc, c, duong, tuyChon = {}) {
    let s = this.boNull(sGoc);
    // Các phần tử của một danh sách không nhắc lại mô tả của danh sách.
    if (tuyChon.anMoTa) s = { ...s, description: undefined };
    const tieuDe = s.title ?? tuyChon.khoa ?? '';
    if (s.$ten === 'Text' || s.$ten === 'Node') return this.oChu(s, c, duong, tieuDe, tuyChon, true);
    if (s.$ten === 'Bang') return this.oBang(s, c, duong, tieuDe);
    if (s.const !== undefined) {
      return phanTu('div', { class: 'truong truong-co-dinh', 'data-vi-tri': duong },
        phanTu('span', { class: 'nhan', text: tieuDe }), ' ',
        phanTu('output', { 'data-truong': duong, text: String(s.const) }));
    }
    if (s.enum) return this.oChon(s, c, duong, tieuDe, tuyChon);
    const nhanh = (s.anyOf ?? s.oneOf)?.filter((b) => this.giai(b).type !== 'null');
    if (nhanh && nhanh.length > 1 && !s.properties) return this.nhieuDang(s, nhanh, c, duong, tieuDe, tuyChon);
    switch (s.type) {
      case 'boolean': return this.oDanh(s, c, duong, tieuDe);
      case 'integer':
      case 'number': return this.oSo(s, c, duong, tieuDe, tuyChon);
      case 'array': {
        const muc = this.giai(s.items);
        if (muc.$ten === 'Node') return this.thanVanBan(s, c, duong, tieuDe);
        return this.danhSach(s, c, duong, tieuDe, tuyChon);
      }
      case 'object':
        if (s.properties) return this.nhom(s, c, duong, tieuDe, tuyChon);
        return this.bangKhoaTuDo(s, c, duong, tieuDe);
      default: return this.oChu(s, c, duong, tieuDe, tuyChon, false);
    }
  }

  /** Nhãn, điều khiển và dòng gợi ý. */
  boc(duong, tieuDe, moTa, dieuKhien, batBuoc, lop = '') {
    const id = taoId('o');
    dieuKhien.id = id;
    dieuKhien.dataset.truong = duong;
    if (batBuoc) dieuKhien.setAttribute('aria-required', 'true');
    const w = phanTu('div', { class: `truong ${lop}`, 'data-vi-tri': duong },
      phanTu('label', { for: id, class: 'nhan' }, tieuDe, batBuoc ? phanTu('span', { class: 'bat-buoc', 'aria-hidden': 'true', text: ' *' }) : null),
      dieuKhien);
    if (moTa) {
      const idGoiY = `${id}-goi-y`;
      w.append(goiY(moTa, idGoiY));
      dieuKhien.setAttribute('aria-describedby', idGoiY);
    }
    return w;
  }

  oChu(s, c, duong, tieuDe, tuyChon, dai) {
    const gt = c.lay();
    const e = dai ? phanTu('textarea', { rows: String(Math.min(6, Math.max(1, Math.ceil(chuCua(gt).length / 90)))) }) : phanTu('input', { type: 'text' });
    e.value = chuCua(gt);
    e.addEventListener('input', () => {
      const v = e.value;
      if (v === '' && !tuyChon.batBuoc && !tuyChon.trongDanhSach) c.dat(undefined);
      else c.dat(v);
      this.thayDoi();
    });
    return this.boc(duong, tieuDe, s.description, e, tuyChon.batBuoc);
  }

  oSo(s, c, duong, tieuDe, tuyChon) {
    const e = phanTu('input', { type: 'number', step: s.type === 'integer' ? '1' : 'any', inputmode: 'numeric' });
    if (c.lay() != null) e.value = String(c.lay());
    e.addEventListener('input', () => {
      if (e.value === '') c.dat(tuyChon.batBuoc ? null : undefined);
      else if (!Number.isNaN(Number(e.value))) c.dat(Number(e.value));
      this.thayDoi();
    });
    return this.boc(duong, tieuDe, s.description, e, tuyChon.batBuoc);
  }

  oDanh(s, c, duong, tieuDe) {
    const e = phanTu('input', { type: 'checkbox' });
    e.checked = c.lay() === true;
    e.addEventListener('change', () => {
      c.dat(e.checked ? true : s.default === false ? undefined : false);
      this.thayDoi();
    });
    return this.boc(duong, tieuDe, s.description, e, false, 'truong-danh');
  }

  oChon(s, c, duong, tieuDe, tuyChon) {
    const e = phanTu('select');
    if (!tuyChon.batBuoc || c.lay() == null) e.append(phanTu('option', { value: '', text: '(bỏ trống)' }));
    for (const v of s.enum) e.append(phanTu('option', { value: String(v), text: String(v) }));
    e.value = c.lay() == null ? '' : String(c.lay());
    e.addEventListener('change', () => {
      c.dat(e.value === '' ? undefined : e.value);
      this.thayDoi();
    });
    return this.boc(duong, tieuDe, s.description, e, tuyChon.batBuoc);
  }

  /** Một bảng khóa con: một nhóm trường. */
  nhom(s, c, duong, tieuDe, tuyChon) {
    const f = phanTu('fieldset', { class: 'nhom', 'data-truong': duong, 'data-vi-tri': duong }, phanTu('legend', { text: tieuDe }));
    if (s.description && !tuyChon.anMoTa) f.append(goiY(s.description, taoId('g')));
    if (c.lay() == null || typeof c.lay() !== 'object') {
      if (!tuyChon.batBuoc && !tuyChon.trongDanhSach) {
        f.append(nutBam('Thêm', `Thêm ${tieuDe}`, () => { c.dat({}); this.thayDoi(); this.veLai(duong); }));
        return f;
      }
      c.dat({});
    }
    this.cacTruong(f, s, c.lay(), duong);
    if (!tuyChon.batBuoc && !tuyChon.trongDanhSach) {
      f.append(nutBam('Bỏ nhóm này', `Bỏ ${tieuDe}`, () => { c.dat(undefined); this.thayDoi(); this.veLai(); }, 'nguy-hiem'));
    }
    return f;
  }

  /** Bảng khóa tự do (tên cột khác …): mỗi dòng "khóa: giá trị". */
  bangKhoaTuDo(s, c, duong, tieuDe) {
    const e = phanTu('textarea', { rows: '2' });
    const gt = c.lay() ?? {};
    e.value = Object.entries(gt).map(([k, v]) => `${k}: ${v}`).join('\n');
    e.addEventListener('input', () => {
      const moi = {};
      for (const dong of e.value.split('\n')) {
        const i = dong.indexOf(':');
        if (i > 0) moi[dong.slice(0, i).trim()] = dong.slice(i + 1).trim();
      }
      c.dat(Object.keys(moi).length ? moi : undefined);
      this.thayDoi();
    });
    return this.boc(duong, tieuDe, `${s.description ?? ''} Mỗi dòng một cặp "khóa: giá trị".`, e, false);
  }

  /** Một trường có nhiều dạng (một dòng hoặc danh sách, một nơi hoặc một nhóm …). */
  nhieuDang(s, nhanh, c, duong, tieuDe, tuyChon) {
    const gt = c.lay();
    const dang = nhanh.map((b) => this.boNull(b));
    const hop = (d, v) => (Array.isArray(v) ? d.type === 'array' : v && typeof v === 'object' ? d.type === 'object' || d.properties : d.type !== 'array' && d.type !== 'object' && !d.properties);
    let chon = Math.max(0, dang.findIndex((d) => hop(d, gt)));
    const tenDang = (d) => (d.type === 'array' ? 'Nhiều dòng' : d.type === 'object' || d.properties ? (d.title ?? 'Nhiều phần') : 'Một dòng');
    const w = phanTu('div', { class: 'nhieu-dang', 'data-vi-tri': duong });
    const idChon = taoId('dang');
    const sel = phanTu('select', { id: idChon, class: 'chon-dang', 'aria-label': `Dạng của ${tieuDe}` });
    dang.forEach((d, i) => sel.append(phanTu('option', { value: String(i), text: tenDang(d) })));
    sel.value = String(chon);
    sel.addEventListener('change', () => {
      const d = dang[Number(sel.value)];
      const cu = c.lay();
      const chu = Array.isArray(cu) ? cu.map(chuCua).join(' ') : cu && typeof cu === 'object' ? chuCua(Object.values(cu).find((x) => typeof x === 'string') ?? '') : chuCua(cu);
      if (d.type === 'array') c.dat(chu ? [chu] : ['']);
      else if (d.type === 'object' || d.properties) c.dat({ [(d.required ?? Object.keys(d.properties ?? {}))[0] ?? 'noi_dung']: chu });
      else c.dat(Array.isArray(cu) ? cu.map(chuCua).join(' ') : chu);
      this.thayDoi();
      this.veLai(duong);
    });
    const ben = this.truong({ ...dang[chon], title: tieuDe, description: s.description ?? dang[chon].description }, c, duong, tuyChon);
    w.append(ben, phanTu('div', { class: 'dang' }, phanTu('label', { for: idChon, class: 'nhan-phu', text: 'Dạng: ' }), sel));
    return w;
  }

  /** Nhãn số của phần tử thứ `i` của một danh sách, theo loại: Điều N., khoản 1., điểm a). */
  nhanSo(sMang, duong, i) {
    const muc = this.giai(sMang.items);
    const cuoi = duong.split('.').pop().replace(/\[\d+\]$/, '');
    if (muc.$ten === 'Dieu') {
      const van = duong.split(/[.[]/)[0];
      this.demDieu[van] = (this.demDieu[van] ?? 0) + 1;
      return `Điều ${this.demDieu[van]}.`;
    }
    if (muc.$ten === 'Khoan') return `${i + 1}.`;
    if (cuoi === 'diem') return `${chuDiem(i)})`;
    if (muc.$ten === 'Chuong') return `Chương ${soLaMa(i + 1)}`;
    if (muc.$ten === 'Phan') return `Phần ${soLaMa(i + 1)}`;
    if (muc.$ten === 'Muc') return `Mục ${i + 1}`;
    return null;
  }

  giaTriMoi(sMuc) {
    const d = this.boNull(sMuc);
    const nhanh = (d.anyOf ?? d.oneOf)?.filter((b) => this.giai(b).type !== 'null');
    if (nhanh?.length && !d.properties) return this.giaTriMoi(nhanh[0]);
    if (d.type === 'array') return [];
    if (d.type === 'object' || d.properties) return Object.fromEntries((d.required ?? []).map((k) => [k, '']));
    if (d.type === 'integer' || d.type === 'number') return 0;
    if (d.type === 'boolean') return false;
    return '';
  }

  /** Một danh sách: thêm, xóa, lên, xuống. */
  danhSach(s, c, duong, tieuDe, tuyChon) {
    const f = phanTu('fieldset', { class: 'danh-sach', 'data-truong': duong, 'data-vi-tri': duong }, phanTu('legend', { text: tieuDe }));
    if (s.description) f.append(goiY(s.description, taoId('g')));
    const mang = Array.isArray(c.lay()) ? c.lay() : [];
    const ol = phanTu('ol', { class: 'cac-phan-tu' });
    mang.forEach((_, i) => {
      const p = chiSo(duong, i);
      const so = this.nhanSo(s, duong, i);
      const li = phanTu('li', { class: 'phan-tu', 'data-so': so });
      // Số của phần tử (Điều 1., 1., a)) là nhãn của nó.
      li.append(this.truong({ ...s.items, title: so ?? `${this.giai(s.items).title ?? tieuDe} thứ ${i + 1}` }, cho(mang, i), p, { trongDanhSach: true, anMoTa: true }));
      li.append(phanTu('span', { class: 'cac-nut' },
        nutBam('↑', `Chuyển ${tieuDe} thứ ${i + 1} lên`, () => this.doiCho(mang, i, i - 1, duong)),
        nutBam('↓', `Chuyển ${tieuDe} thứ ${i + 1} xuống`, () => this.doiCho(mang, i, i + 1, duong)),
        nutBam('✕', `Xóa ${tieuDe} thứ ${i + 1}`, () => this.xoa(mang, i, duong, c), 'nguy-hiem')));
      ol.append(li);
    });
    f.append(ol, nutBam(`+ Thêm`, `Thêm vào ${tieuDe}`, () => {
      if (!Array.isArray(c.lay())) c.dat([]);
      c.lay().push(this.giaTriMoi(s.items));
      this.thayDoi();
      this.veLai(chiSo(duong, c.lay().length - 1));
    }, 'them'));
    return f;
  }

  doiCho(mang, i, j, duong) {
    if (j < 0 || j >= mang.length) return;
    [mang[i], mang[j]] = [mang[j], mang[i]];
    this.thayDoi();
    this.veLai(chiSo(duong, j));
  }

  xoa(mang, i, duong, c) {
    if (!window.confirm('Xóa phần này?')) return;
    mang.splice(i, 1);
    if (mang.length === 0 && c) c.dat(undefined);
    this.thayDoi();
    this.veLai(mang.length ? chiSo(duong, Math.min(i, mang.length - 1)) : duong);
  }

  // ------------------------------------------------------------ phần nội dung

  /** Phần nội dung: cây các mục, đoạn văn, ý gạch đầu dòng và bảng. */
  thanVanBan(s, c, duong, tieuDe) {
    const f = phanTu('fieldset', { class: 'than-van-ban', 'data-truong': duong, 'data-vi-tri': duong }, phanTu('legend', { text: tieuDe }));
    if (s.description) f.append(goiY(s.description, taoId('g')));
    f.append(phanTu('p', { class: 'huong-dan-phim', text: 'Phím tắt trên nút số của mỗi phần: Alt+↑/↓ chuyển lên, xuống; Tab/Shift+Tab thụt vào, lùi ra một cấp; Enter thêm một phần cùng cấp; Delete xóa.' }));
    if (!Array.isArray(c.lay())) c.dat([]);
    f.append(this.cayNut(c.lay(), duong, [], null, c));
    return f;
  }

  /** Danh sách các phần tử nội dung ở một cấp; `duongSo`: số của các mục cha; `cha`: mục chứa. */
  cayNut(mang, duong, duongSo, cha, choMang) {
    const ol = phanTu('ol', { class: 'cay', role: 'list' });
    // Mục đánh số theo cấp; phần (Phần I, II) và nhóm (A., B.) theo dãy
    // riêng, các mục bên trong đánh số lại từ I., như than::number_sections.
    let [dem, demPhan, demNhom] = [0, 0, 0];
    mang.forEach((nut, i) => {
      const loai = loaiNut(nut);
      let so = null;
      let duongCon = duongSo;
      if (loai === 'muc' || loai === 'doan') {
        so = soMuc([...duongSo, ++dem]);
        duongCon = [...duongSo, dem];
      } else if (loai === 'phan') {
        so = `Phần ${soLaMa(++demPhan)}`;
        duongCon = [];
      } else if (loai === 'nhom') {
        so = `${chuDiem(demNhom++).toUpperCase()}.`;
        duongCon = [];
      }
      ol.append(this.motNut(mang, i, duong, duongCon, so, cha, choMang));
    });
    const them = (gt, ten) => nutBam(ten, `${ten} vào cuối ${cha ? 'mục này' : 'phần nội dung'}`, () => {
      mang.push(gt());
      this.thayDoi();
      this.veLai(chiSo(duong, mang.length - 1));
    }, 'them');
    // Phần và nhóm mục chỉ ở cấp ngoài cùng; nhóm mục cả trong một phần.
    const capNgoai = !cha ? [them(() => ({ phan: '' }), '+ Phần'), them(() => ({ nhom: '' }), '+ Nhóm mục')]
      : cha.loai === 'phan' ? [them(() => ({ nhom: '' }), '+ Nhóm mục')] : [];
    return phanTu('div', { class: 'cap' }, ol, phanTu('div', { class: 'them-nut' },
      ...capNgoai,
      them(() => ({ muc: '' }), '+ Mục'),
      them(() => '', '+ Đoạn văn'),
      them(() => ({ gach: [''] }), '+ Gạch đầu dòng'),
      them(() => ({ bang: bangMoi() }), '+ Bảng')));
  }

  motNut(mang, i, duong, duongSo, so, cha, choMang) {
    const nut = mang[i];
    const loai = loaiNut(nut);
    const p = chiSo(duong, i);
    const ten = { muc: 'Mục', doan: 'Đoạn đánh số', phan: 'Phần', nhom: 'Nhóm mục', gach: 'Các ý gạch đầu dòng', cong: 'Các ý dấu cộng', bang: 'Bảng', bang_so_lieu: 'Bảng số liệu', 'doan-van': 'Đoạn văn' }[loai];
    const kyHieu = so ?? { gach: '–', cong: '+', bang: '▦', bang_so_lieu: '▦', 'doan-van': '¶' }[loai];
    const li = phanTu('li', { class: `nut nut-${loai}`, 'data-truong': p, 'data-vi-tri': p });
    const tay = phanTu('button', {
      type: 'button', class: 'tay-nam', 'data-nut': p, 'data-so': so ?? '',
      'aria-label': `${ten}${so ? ` ${so}` : ''}: Alt+mũi tên để chuyển, Tab để thụt vào, Shift+Tab để lùi ra, Enter để thêm, Delete để xóa`,
    }, kyHieu);
    const dau = phanTu('div', { class: 'dau-nut' }, tay);
    const than = phanTu('div', { class: 'noi-dung-nut' });
    const viec = {
      len: () => this.chuyenNut(mang, i, -1, duong),
      xuong: () => this.chuyenNut(mang, i, 1, duong),
      vao: () => this.thutVao(mang, i, duong),
      ra: () => this.lui(mang, i, cha, choMang),
      them: () => this.themCungCap(mang, i, duong),
      xoa: () => this.xoaNut(mang, i, duong, cha, choMang),
    };
    const nhanNut = loai === 'phan' ? so : `${ten}${so ? ` ${so}` : ''}`;
    if (CO_CON.includes(loai)) {
      const o = cho(nut, loai);
      const e = loai === 'doan' ? phanTu('textarea', { rows: '2' }) : phanTu('input', { type: 'text' });
      e.value = chuCua(nut[loai]);
      e.addEventListener('input', () => { o.dat(e.value); this.thayDoi(); });
      if (loai !== 'doan') e.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && !ev.altKey && !ev.ctrlKey) { ev.preventDefault(); viec.them(); } });
      const nhanTen = { muc: `Tên mục ${so}`, doan: `Đoạn ${so}`, phan: `Tên ${so}`, nhom: `Tên nhóm mục ${so}` }[loai];
      than.append(this.boc(noi(p, loai), nhanTen, null, e, true, 'ten-muc'));
      if (loai === 'muc' && nut.cung_dong != null) {
        than.append(this.oChu({ description: 'In ngay sau tên mục, ví dụ "2. Thời gian: quý II, III năm 2025."' }, cho(nut, 'cung_dong'), noi(p, 'cung_dong'), 'Nội dung cùng dòng', {}, false));
      }
      const choCon = cho(nut, 'noi_dung');
      if (!Array.isArray(nut.noi_dung)) {
        // Một mục chưa có nội dung con: danh sách trống, bỏ khóa khi không thêm gì.
        const tam = [];
        const cap = this.cayNut(tam, noi(p, 'noi_dung'), duongSo, { mang, i, duong, loai }, choCon);
        const cungDong = loai === 'muc' && nut.cung_dong == null
          ? [nutBam('+ Cùng dòng', `Thêm nội dung in cùng dòng với tên mục ${so}`, () => {
              nut.cung_dong = '';
              this.thayDoi();
              this.veLai(noi(p, 'cung_dong'));
            }, 'them')]
          : [];
        const loaiCon = loai === 'phan' ? ['nhom', 'muc', 'doan-van', 'gach'] : ['muc', 'doan-van', 'gach'];
        cap.querySelector('.them-nut').replaceChildren(...cungDong, ...loaiCon.map((k) => nutBam(
          { nhom: '+ Nhóm mục', muc: loai === 'muc' ? '+ Mục con' : '+ Mục', 'doan-van': '+ Đoạn văn', gach: '+ Gạch đầu dòng' }[k], `Thêm vào ${nhanNut}`, () => {
            nut.noi_dung = [k === 'muc' || k === 'nhom' ? { [k]: '' } : k === 'gach' ? { gach: [''] } : ''];
            this.thayDoi();
            this.veLai(chiSo(noi(p, 'noi_dung'), 0));
          }, 'them')));
        than.append(cap);
      } else {
        than.append(this.cayNut(nut.noi_dung, noi(p, 'noi_dung'), duongSo, { mang, i, duong, loai }, choCon));
      }
    } else if (loai === 'gach' || loai === 'cong') {
      const s = this.giai({ $ref: '#/$defs/Node' });
      const sNut = (s.anyOf ?? []).map((b) => this.giai(b)).find((b) => b.properties)?.properties?.[loai] ?? { type: 'array', items: { type: 'string' } };
      than.append(this.danhSach({ ...sNut, title: ten, description: null }, cho(nut, loai), noi(p, loai), ten, {}));
    } else if (loai === 'bang') {
      than.append(this.bang(nut.bang, noi(p, 'bang')));
    } else if (loai === 'bang_so_lieu') {
      than.append(this.oChon({ enum: ['theo-don-vi', 'nu-dan-toc', 'theo-lop'], description: null }, cho(nut, 'bang_so_lieu'), noi(p, 'bang_so_lieu'), 'Bảng số liệu', { batBuoc: true }));
      than.append(this.oChu({ description: null }, cho(nut, 'chuong_trinh'), noi(p, 'chuong_trinh'), 'Chương trình', {}, false));
    } else {
      than.append(this.oChu({ description: null }, cho(mang, i), p, 'Đoạn văn', { trongDanhSach: true }, true));
    }
    dau.append(phanTu('span', { class: 'cac-nut' },
      nutBam('↑', `Chuyển ${nhanNut} lên`, viec.len),
      nutBam('↓', `Chuyển ${nhanNut} xuống`, viec.xuong),
      nutBam('→', `Thụt ${nhanNut} vào một cấp`, viec.vao),
      nutBam('←', `Lùi ${nhanNut} ra một cấp`, viec.ra),
      nutBam('✕', `Xóa ${nhanNut}`, viec.xoa, 'nguy-hiem')));
    li.append(dau, than);
    // Phím: trên nút số mọi phím; trong ô tên mục chỉ Alt+mũi tên.
    li.addEventListener('keydown', (ev) => {
      const trenTay = ev.target === tay;
      const trongTen = ev.target.closest('.ten-muc') && ev.target.closest('li.nut') === li;
      if (!trenTay && !trongTen) return;
      let xong = true;
      if (ev.altKey && ev.key === 'ArrowUp') viec.len();
      else if (ev.altKey && ev.key === 'ArrowDown') viec.xuong();
      else if (ev.altKey && ev.key === 'ArrowRight') viec.vao();
      else if (ev.altKey && ev.key === 'ArrowLeft') viec.ra();
      else if (trenTay && ev.key === 'Tab' && !ev.shiftKey) xong = viec.vao();
      else if (trenTay && ev.key === 'Tab' && ev.shiftKey) xong = viec.ra();
      else if (trenTay && ev.key === 'Enter') viec.them();
      else if (trenTay && ev.key === 'Delete') viec.xoa();
      else xong = false;
      if (xong) { ev.preventDefault(); ev.stopPropagation(); }
    });
    return li;
  }

  chuyenNut(mang, i, huong, duong) {
    const j = i + huong;
    if (j < 0 || j >= mang.length) return false;
    [mang[i], mang[j]] = [mang[j], mang[i]];
    this.thayDoi();
    this.veLai(chiSo(duong, j));
    return true;
  }

  /** Thụt vào: phần tử vào cuối mục (hoặc đoạn đánh số) đứng trước nó. */
  thutVao(mang, i, duong) {
    const truoc = mang[i - 1];
    if (i === 0 || !CO_CON.includes(loaiNut(truoc))) return false;
    const [nut] = mang.splice(i, 1);
    if (!Array.isArray(truoc.noi_dung)) truoc.noi_dung = [];
    truoc.noi_dung.push(nut);
    this.thayDoi();
    this.veLai(chiSo(noi(chiSo(duong, i - 1), 'noi_dung'), truoc.noi_dung.length - 1));
    return true;
  }

  /** Lùi ra: phần tử ra ngay sau mục chứa nó. */
  lui(mang, i, cha, choMang) {
    if (!cha) return false;
    const [nut] = mang.splice(i, 1);
    if (mang.length === 0) choMang.dat(undefined);
    cha.mang.splice(cha.i + 1, 0, nut);
    this.thayDoi();
    this.veLai(chiSo(cha.duong, cha.i + 1));
    return true;
  }

  themCungCap(mang, i, duong) {
    const loai = loaiNut(mang[i]);
    const moi = CO_CON.includes(loai) ? { [loai]: '' } : loai === 'gach' ? { gach: [''] } : loai === 'cong' ? { cong: [''] } : '';
    mang.splice(i + 1, 0, moi);
    this.thayDoi();
    this.veLai(chiSo(duong, i + 1));
    return true;
  }

  xoaNut(mang, i, duong, cha, choMang) {
    if (!window.confirm('Xóa phần này cùng mọi nội dung bên trong?')) return false;
    mang.splice(i, 1);
    if (mang.length === 0 && cha) choMang.dat(undefined);
    this.thayDoi();
    this.veLai(mang.length ? chiSo(duong, Math.min(i, mang.length - 1)) : (cha ? chiSo(cha.duong, cha.i) : duong));
    return true;
  }

  // ------------------------------------------------------------ bảng

  /** Một trường là một bảng (của giấy mời họp, của một điều): sửa như bảng
   * trong nội dung; thêm, bỏ cả bảng. */
  oBang(s, c, duong, tieuDe) {
    const f = phanTu('fieldset', { class: 'nhom', 'data-vi-tri': duong }, phanTu('legend', { text: tieuDe }));
    if (s.description) f.append(goiY(s.description, taoId('g')));
    if (c.lay() == null || typeof c.lay() !== 'object') {
      f.append(nutBam('+ Bảng', `Thêm ${tieuDe}`, () => {
        c.dat(bangMoi());
        this.thayDoi();
        this.veLai(chiSo(noi(duong, 'cot'), 0));
      }, 'them'));
      return f;
    }
    f.append(this.bang(c.lay(), duong),
      nutBam('Bỏ bảng', `Bỏ ${tieuDe}`, () => { c.dat(undefined); this.thayDoi(); this.veLai(); }, 'nguy-hiem'));
    return f;
  }

  /** Một bảng sửa như bảng: tiêu đề cột, các dòng; thêm, bớt dòng và cột. */
  bang(b, duong) {
    if (!Array.isArray(b.cot)) b.cot = [];
    if (!Array.isArray(b.dong)) b.dong = [];
    const soCot = () => Math.max(b.cot.length, ...b.dong.map((d) => d.length), 1);
    const w = phanTu('div', { class: 'bang-sua', 'data-truong': duong, 'data-vi-tri': duong });
    const t = phanTu('table', { class: 'bang' });
    const o = (mang, j, p, nhan) => {
      const e = phanTu('input', { type: 'text', 'data-truong': p, 'aria-label': nhan });
      e.value = chuCua(mang[j]);
      e.addEventListener('input', () => {
        while (mang.length <= j) mang.push('');
        mang[j] = e.value;
        this.thayDoi();
      });
      return e;
    };
    const n = soCot();
    const dauBang = phanTu('tr');
    dauBang.append(phanTu('th', { scope: 'col', class: 'so-dong', text: '#' }));
    for (let j = 0; j < n; j++) {
      dauBang.append(phanTu('th', { scope: 'col' }, o(b.cot, j, chiSo(noi(duong, 'cot'), j), `Tiêu đề cột ${j + 1}`),
        nutBam('✕', `Xóa cột ${j + 1}`, () => {
          if (!window.confirm(`Xóa cột ${j + 1}?`)) return;
          b.cot.splice(j, 1);
          b.dong.forEach((d) => d.splice(j, 1));
          this.thayDoi();
          this.veLai(duong);
        }, 'nguy-hiem nho')));
    }
    t.append(phanTu('thead', {}, dauBang));
    const tb = phanTu('tbody');
    b.dong.forEach((dong, r) => {
      const tr = phanTu('tr', { 'data-truong': chiSo(noi(duong, 'dong'), r) });
      tr.append(phanTu('th', { scope: 'row', class: 'so-dong', text: String(r + 1) }));
      for (let j = 0; j < n; j++) tr.append(phanTu('td', {}, o(dong, j, chiSo(chiSo(noi(duong, 'dong'), r), j), `Dòng ${r + 1}, cột ${b.cot[j] ?? j + 1}`)));
      tr.append(phanTu('td', { class: 'cac-nut' },
        nutBam('↑', `Chuyển dòng ${r + 1} lên`, () => this.doiCho(b.dong, r, r - 1, noi(duong, 'dong'))),
        nutBam('↓', `Chuyển dòng ${r + 1} xuống`, () => this.doiCho(b.dong, r, r + 1, noi(duong, 'dong'))),
        nutBam('✕', `Xóa dòng ${r + 1}`, () => this.xoa(b.dong, r, noi(duong, 'dong'), null), 'nguy-hiem')));
      tb.append(tr);
    });
    t.append(tb);
    w.append(t, phanTu('div', { class: 'them-nut' },
      nutBam('+ Dòng', 'Thêm một dòng vào cuối bảng', () => {
        b.dong.push(Array.from({ length: n }, () => ''));
        this.thayDoi();
        this.veLai(chiSo(chiSo(noi(duong, 'dong'), b.dong.length - 1), 0));
      }, 'them'),
      nutBam('+ Cột', 'Thêm một cột vào bên phải bảng', () => {
        b.cot.push('');
        b.dong.forEach((d) => { while (d.length < n) d.push(''); d.push(''); });
        this.thayDoi();
        this.veLai(chiSo(noi(duong, 'cot'), b.cot.length - 1));
      }, 'them')));
    return w;
  }
}

/** Một bảng mới: hai cột, một dòng để điền. */
function bangMoi() {
  return { cot: ['STT', 'Nội dung'], dong: [['1', '']] };
}

/** Vẽ biểu mẫu của `duLieu` theo `schema` vào `container`. */
export function taoBieuMau(container, schema, duLieu, onChange) {
  const bm = new BieuMau(container, schema, duLieu, onChange);
  bm.veLai();
  return {
    /** Dữ liệu hiện tại (một bản sao). */
    duLieu: () => sao(bm.duLieu),
    /** Thay dữ liệu (khi YAML được sửa ở khung bên cạnh) và vẽ lại, giữ con trỏ. */
    datDuLieu: (moi) => { bm.duLieu = sao(moi) ?? {}; bm.ve(); },
  };
}

/** Đánh dấu các vấn đề tại trường của chúng; bỏ các dấu cũ. */
export function hienVanDe(container, vanDe) {
  container.querySelectorAll('.van-de').forEach((e) => e.remove());
  container.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const ds = (e.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && !x.startsWith('van-de-'));
    if (ds.length) e.setAttribute('aria-describedby', ds.join(' '));
    else e.removeAttribute('aria-describedby');
  });
  let chung = null;
  for (const v of vanDe ?? []) {
    const id = taoId('van-de');
    const muc = v.muc === 'canh-bao' ? 'canh-bao' : 'loi';
    const the = phanTu('p', { class: `van-de van-de-${muc}`, id, role: muc === 'loi' ? 'alert' : 'status', 'data-cho': v.truong ?? '' },
      phanTu('strong', { text: muc === 'loi' ? 'Lỗi: ' : 'Cảnh báo: ' }), v.thong_bao ?? '');
    // Trường của vấn đề, hoặc trường gần nhất chứa nó.
    let duong = v.truong ?? '';
    let dich = null;
    while (duong) {
      dich = container.querySelector(`[data-truong="${CSS.escape(duong)}"]`);
      if (dich) break;
      const cat = Math.max(duong.lastIndexOf('.'), duong.lastIndexOf('['));
      duong = cat > 0 ? duong.slice(0, cat) : '';
    }
    if (!dich) {
      if (!chung) {
        chung = phanTu('div', { class: 'van-de van-de-chung' });
        container.prepend(chung);
      }
      chung.append(the);
      continue;
    }
    dich.setAttribute('aria-invalid', 'true');
    dich.setAttribute('aria-describedby', `${dich.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
    const boc = dich.closest('[data-vi-tri]');
    if (['INPUT', 'TEXTAREA', 'SELECT', 'OUTPUT'].includes(dich.tagName) && boc && !dich.closest('table')) boc.append(the);
    else if (dich.tagName === 'FIELDSET' || dich.tagName === 'LI') {
      const dau = dich.querySelector(':scope > legend, :scope > .dau-nut');
      if (dau) dau.after(the);
      else dich.prepend(the);
    } else dich.after(the);
  }
}
