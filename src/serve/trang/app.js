// vanban's page: the folder's documents, one document edited as YAML with
// its pages previewed as it is typed, saved, built and downloaded. The
// contract with the server is docs/web-api.md. Sections below: the server's
// API; the folder; the editor (one open document); the preview; the
// problems; saving; building; the batch's list. A form editor plugs in
// through `vanban.editor` (see the end of the file).
"use strict";

// ---- The server's API ---------------------------------------------------

const api = {
  async call(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (body instanceof Blob || body instanceof ArrayBuffer) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    const response = await fetch(path, init);
    const type = response.headers.get("Content-Type") || "";
    const data = type.startsWith("application/json") ? await response.json() : await response.text();
    if (!response.ok) {
      const error = new Error(data && data.loi ? data.loi : `lỗi ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  },
  folder: () => api.call("GET", "/api/thu-muc"),
  document: (tep) => api.call("GET", `/api/van-ban?tep=${encodeURIComponent(tep)}`),
  preview: (request) => api.call("POST", "/api/xem-truoc", request),
  save: (tep, yaml, phien_ban) => api.call("POST", "/api/luu", { tep, yaml, phien_ban }),
  create: (loai, tep) => api.call("POST", "/api/moi", tep ? { loai, tep } : { loai }),
  importFile: (file) =>
    api.call("POST", "/api/nhap", file, { "X-Ten-Tep": encodeURIComponent(file.name) }),
  build: () => api.call("POST", "/api/dung"),
  progress: () => api.call("GET", "/api/tien-do"),
  pick: (tep, name) =>
    api.call("POST", `/api/danh-sach?tep=${encodeURIComponent(tep)}&chon=${encodeURIComponent(name)}`, new Blob([])),
  list: (tep, file, save) =>
    api.call("POST", `/api/danh-sach?tep=${encodeURIComponent(tep)}${save ? "&luu=1" : ""}`, file, {
      "X-Ten-Tep": encodeURIComponent(file.name),
    }),
  download: (tep) => `/tai?tep=${encodeURIComponent(tep)}`,
  downloadZip: (tep) => `/tai-zip?tep=${encodeURIComponent(tep)}`,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

// ---- The folder -----------------------------------------------------------

const STATES = { "san-sang": "sẵn sàng", "canh-bao": "có cảnh báo", loi: "có lỗi" };

async function showFolder() {
  $("man-soan").hidden = true;
  $("man-thu-muc").hidden = false;
  let folder;
  try {
    folder = await api.folder();
  } catch (e) {
    $("thu-muc").textContent = e.message;
    return;
  }
  $("thu-muc").textContent = `Thư mục: ${folder.thu_muc}`;
  const body = $("ds-van-ban").tBodies[0];
  body.replaceChildren();
  for (const doc of folder.van_ban) {
    const counts = [doc.so_loi ? `${doc.so_loi} lỗi` : "", doc.so_canh_bao ? `${doc.so_canh_bao} cảnh báo` : ""]
      .filter(Boolean)
      .join(", ");
    const files = el("td");
    for (const pdf of doc.pdf) files.append(el("a", { href: api.download(pdf) }, pdf), " ");
    if (doc.lo && doc.tep_lo && doc.tep_lo.length) {
      files.append(el("a", { href: api.downloadZip(doc.tep) }, `ZIP (${doc.tep_lo.length} tệp và báo cáo)`));
    }
    body.append(
      el(
        "tr",
        {},
        el("td", {}, el("a", { href: `#${encodeURIComponent(doc.tep)}` }, doc.tep)),
        el("td", {}, doc.ten_loai || "?"),
        el("td", { class: `tt-${doc.trang_thai}` }, STATES[doc.trang_thai] + (counts ? ` (${counts})` : "")),
        files,
      ),
    );
  }
  const kinds = $("moi-loai");
  kinds.replaceChildren(
    ...folder.loai.map((k) => el("option", { value: k.loai }, `${k.ten}${k.mau ? ` (Mẫu ${k.mau})` : ""}`)),
  );
}

$("form-moi").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const made = await api.create($("moi-loai").value, $("moi-tep").value.trim());
    location.hash = encodeURIComponent(made.tep);
  } catch (e) {
    alert(e.message);
  }
});

// The folder's lists, offered to a batch to check against (read once).
let folderLists = null;
async function fillLists() {
  if (folderLists === null) {
    folderLists = [];
    try {
      folderLists = (await api.folder()).danh_sach || [];
    } catch (e) {
      folderLists = [];
    }
    const select = $("chon-danh-sach");
    select.replaceChildren(select.options[0], ...folderLists.map((n) => el("option", { value: n }, n)));
  }
}

// An imported document's report, shown beside it when it opens.
const importReports = {};

$("form-nhap").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("tep-nhap").files[0];
  if (!file) return;
  $("trang-thai-nhap").textContent = `Đang nhập ${file.name}…`;
  try {
    const made = await api.importFile(file);
    importReports[made.tep] = made.bao_cao;
    $("trang-thai-nhap").textContent = "";
    location.hash = encodeURIComponent(made.tep);
  } catch (e) {
    $("trang-thai-nhap").textContent = e.message;
  }
});

// ---- The editor: one open document ---------------------------------------

const editor = {
  tep: null,
  phien_ban: null,
  saved: "", // the text on disk, as last read or written
  record: 0,
  isBatch: false,
};

async function openDocument(tep) {
  let doc;
  try {
    doc = await api.document(tep);
  } catch (e) {
    alert(e.message);
    location.hash = "";
    return;
  }
  Object.assign(editor, { tep: doc.tep, phien_ban: doc.phien_ban, saved: doc.yaml, record: 0 });
  $("man-thu-muc").hidden = true;
  $("man-soan").hidden = false;
  $("tieu-de-soan").textContent = doc.tep;
  $("yaml").value = doc.yaml;
  $("trang").replaceChildren();
  preview.shown = [];
  $("trang-thai-luu").textContent = "";
  $("bang-danh-sach").replaceChildren();
  const report = $("bao-cao-nhap");
  report.hidden = !(doc.tep in importReports);
  report.querySelector("pre").textContent = importReports[doc.tep] || "";
  for (const hook of vanban.editor.onOpen) hook(doc);
  preview.request();
}

$("yaml").addEventListener("input", () => {
  markUnsaved();
  preview.request();
});

// ---- The preview ------------------------------------------------------------

const preview = {
  shown: [], // [{hash, url}] in page order
  timer: null,
  running: false,
  again: false,
  pendingData: undefined, // the form's data to send once, if any

  // At most one request in flight; edits made meanwhile are sent after it.
  request(delay = 150) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delay);
  },

  async run() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const request = {
      tep: editor.tep,
      yaml: $("yaml").value,
      ban_ghi: editor.record,
      trang_co: this.shown.map((p) => p.hash),
    };
    if (this.pendingData !== undefined) {
      request.du_lieu = this.pendingData;
      this.pendingData = undefined;
    }
    try {
      const reply = await api.preview(request);
      if (request.tep === editor.tep) this.show(reply, request.yaml);
    } catch (e) {
      showProblems([{ muc: "loi", dong: null, truong: "", thong_bao: e.message }]);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.run();
      }
    }
  },

  show(reply, sent) {
    // The text the form's data became replaces what was sent, unless the
    // clerk typed on meanwhile.
    if (reply.yaml !== sent && $("yaml").value === sent) {
      $("yaml").value = reply.yaml;
      markUnsaved();
    }
    showProblems(reply.van_de);
    showRecords(reply);
    const why = $("loi-dan-trang");
    why.hidden = !reply.loi_dan_trang;
    why.textContent = reply.loi_dan_trang ? `Chưa dàn trang được: ${reply.loi_dan_trang}` : "";
    // No pages: the last ones stay, dimmed, until the text lays out again.
    $("trang").classList.toggle("cu", !!reply.loi_dan_trang);
    if (reply.loi_dan_trang) return;
    const next = reply.trang.map((page, i) => {
      if (page.svg === null) return this.shown[i];
      const url = URL.createObjectURL(new Blob([page.svg], { type: "image/svg+xml" }));
      return { hash: page.hash, url, chu: page.chu || [] };
    });
    for (const old of this.shown) if (!next.includes(old)) URL.revokeObjectURL(old.url);
    this.shown = next;
    const box = $("trang");
    const pages = [...box.children];
    next.forEach((page, i) => {
      if (pages[i] && pages[i].dataset.hash === page.hash) return;
      // The picture, and its text for screen readers (the SVG draws glyphs).
      const text = el("div", { class: "chu-trang", id: `chu-trang-${i + 1}` }, page.chu.join("\n"));
      const img = el("img", { src: page.url, alt: `Trang ${i + 1}`, "aria-describedby": `chu-trang-${i + 1}` });
      const figure = el("figure", { class: "trang", "data-hash": page.hash }, img, text);
      if (pages[i]) pages[i].replaceWith(figure);
      else box.append(figure);
    });
    for (const extra of pages.slice(next.length)) extra.remove();
    for (const hook of vanban.editor.onPreview) hook(reply);
  },
};

// ---- The problems ------------------------------------------------------------

function showProblems(list) {
  const box = $("van-de");
  box.replaceChildren();
  if (!list.length) box.append(el("li", {}, "Không có vấn đề nào."));
  for (const p of list) {
    const where = [p.tep && p.tep !== editor.tep ? p.tep : "", p.dong ? `dòng ${p.dong}` : "", p.truong ? `'${p.truong}'` : ""]
      .filter(Boolean)
      .join(", ");
    const label = `${p.muc === "loi" ? "Lỗi" : "Cảnh báo"}${where ? ` (${where})` : ""}: ${p.thong_bao}`;
    const onYaml = p.dong && (!p.tep || p.tep === editor.tep);
    box.append(el("li", { class: p.muc }, onYaml ? el("button", { type: "button", onclick: () => goToLine(p.dong) }, label) : label));
  }
}

/// Puts the cursor at the start of a line of the YAML and shows it.
function goToLine(line) {
  const area = $("yaml");
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] || "").length);
  const height = area.scrollHeight / Math.max(lines.length, 1);
  area.scrollTop = Math.max(0, (line - 5) * height);
}

// ---- Saving ----------------------------------------------------------------------

function markUnsaved() {
  $("trang-thai-luu").textContent = $("yaml").value === editor.saved ? "" : "chưa lưu";
}

async function save() {
  const text = $("yaml").value;
  try {
    const reply = await api.save(editor.tep, text, editor.phien_ban);
    editor.phien_ban = reply.phien_ban;
    editor.saved = text;
    $("trang-thai-luu").textContent = "đã lưu";
  } catch (e) {
    $("trang-thai-luu").textContent = e.message;
    if (e.status === 409) alert(e.message);
  }
}

$("nut-luu").addEventListener("click", save);
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s" && editor.tep && !$("man-soan").hidden) {
    event.preventDefault();
    save();
  }
});
$("nut-quay-lai").addEventListener("click", () => {
  if ($("yaml").value !== editor.saved && !confirm("Văn bản chưa lưu. Vẫn quay lại danh sách?")) return;
  location.hash = "";
});

// ---- Building ---------------------------------------------------------------------

async function build() {
  try {
    await api.build();
  } catch (e) {
    $("tien-do-chu").textContent = e.message;
    return;
  }
  $("tien-do").hidden = false;
  followBuild();
}

async function followBuild() {
  const state = await api.progress();
  const bar = $("tien-do");
  bar.max = Math.max(state.tong, 1);
  bar.value = state.xong;
  $("tien-do-chu").textContent = state.dang_chay
    ? `Đang dựng: ${state.xong}/${state.tong} văn bản`
    : state.bao_cao
      ? state.bao_cao.thong_bao
      : "";
  if (state.bao_cao) {
    $("nhat-ky").hidden = false;
    $("nhat-ky").querySelector("pre").textContent = state.bao_cao.nhat_ky.join("\n");
  }
  if (state.dang_chay) setTimeout(followBuild, 500);
  else showFolder();
}

$("nut-dung").addEventListener("click", build);

// ---- A batch: its records and its list ------------------------------------------

function showRecords(reply) {
  const box = $("lo");
  box.hidden = reply.so_ban_ghi === undefined;
  if (!box.hidden) fillLists();
  if (box.hidden) return;
  const select = $("ban-ghi");
  const names = (reply.ds_ban_ghi || []).map((r, i) => `${i + 1}. ${r.ten}${r.loi ? " (lỗi)" : ""}`);
  if (select.options.length !== names.length || [...select.options].some((o, i) => o.text !== names[i])) {
    select.replaceChildren(...names.map((n, i) => el("option", { value: i }, n)));
  }
  select.value = String(editor.record);
}

$("ban-ghi").addEventListener("change", () => {
  editor.record = Number($("ban-ghi").value);
  preview.request(0);
});

$("form-danh-sach").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("tep-danh-sach").files[0];
  const picked = $("chon-danh-sach").value;
  if (!file && !picked) return;
  const box = $("bang-danh-sach");
  try {
    const table = file ? await api.list(editor.tep, file, $("luu-danh-sach").checked) : await api.pick(editor.tep, picked);
    const head = el("tr", {}, el("th", { scope: "col" }, "Dòng"), ...table.cot.map((c) => el("th", { scope: "col" }, c)), el("th", { scope: "col" }, "Lỗi"));
    const rows = table.dong.map((r) =>
      el("tr", { class: r.loi.length ? "sai" : "" }, el("td", {}, String(r.so)), ...r.o.map((c) => el("td", {}, c)), el("td", {}, r.loi.join("; "))),
    );
    const wrong = table.dong.filter((r) => r.loi.length).length;
    const whole = table.van_de.filter((p) => p.dong === null).map((p) => p.thong_bao);
    box.replaceChildren(
      el("p", {}, `${table.dong.length} dòng, ${wrong} dòng có lỗi${table.da_luu ? `; đã lưu ${table.da_luu}` : ""}. ${whole.join(" ")}`),
      el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)),
    );
  } catch (e) {
    box.replaceChildren(el("p", { class: "tt-loi" }, e.message));
  }
});

// ---- Navigation and the form editor's hooks ------------------------------------

/// The form editor plugs in here: `onOpen(doc)` when a document opens
/// (its `du_lieu` and `schema`), `onPreview(reply)` after each preview (its
/// `du_lieu` and `van_de` to show at the fields), and `setData(data)` to
/// send the form's data (the server writes it into the YAML).
const vanban = {
  api,
  editor: {
    onOpen: [],
    onPreview: [],
    setData(data) {
      preview.pendingData = data;
      preview.request();
    },
    mount: () => $("bieu-mau"),
  },
};
window.vanban = vanban;

function route() {
  const tep = decodeURIComponent(location.hash.slice(1));
  if (tep) openDocument(tep);
  else showFolder();
}

window.addEventListener("hashchange", route);
route();
