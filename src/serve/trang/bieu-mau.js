// The form editor (editor.js) in the page (app.js): a document opens as a
// form built from its kind's schema; each edit of the form is sent as data,
// which the server writes into the YAML (comments kept) and lays out; an
// edit of the YAML comes back as data and redraws the form; each preview's
// problems are shown at their fields.
import { taoBieuMau, hienVanDe } from "./editor.js";

const vanban = window.vanban;
let form = null;
// The form's last data sent and not yet seen back: a preview answering an
// older request must not redraw the form over newer edits.
let sent = null;

/** JSON with keys in order: the form's data and the server's compare equal. */
function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

vanban.editor.onOpen.push((doc) => {
  const mount = vanban.editor.mount();
  mount.replaceChildren();
  form = null;
  if (!doc.schema || doc.du_lieu === null || typeof doc.du_lieu !== "object") {
    const p = document.createElement("p");
    p.textContent = "Tệp này chưa đọc được thành biểu mẫu; sửa ở khung YAML bên dưới.";
    mount.append(p);
    return;
  }
  sent = null;
  form = taoBieuMau(mount, doc.schema, doc.du_lieu, (data) => {
    sent = stable(data);
    vanban.editor.setData(data);
  });
});

vanban.editor.onPreview.push((reply) => {
  if (!form) return;
  const mount = vanban.editor.mount();
  const back = reply.du_lieu && typeof reply.du_lieu === "object" ? stable(reply.du_lieu) : null;
  if (sent !== null) {
    // The form's own edits coming back: the last one seen, the form is in step.
    if (back === sent) sent = null;
  } else if (back !== null && back !== stable(form.duLieu())) {
    // The YAML was edited by hand: the form follows.
    form.datDuLieu(reply.du_lieu);
  }
  hienVanDe(mount, reply.van_de);
});
