//! Any document merged over a list (`tron:`): one document per row of a CSV
//! or Excel list, the row's cells named in any text field (`{Họ và tên}`).
//! Each row's data is checked and prepared as the kind's own document is;
//! the documents are then laid out, split into one file per row, merged
//! with a bookmark each and reported as every batch is ([`crate::batch`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use serde_yaml::Value as Yaml;

use crate::batch::FileNames;
use crate::compose::{Item, Prepared, PreparedBatch};
use crate::error::{Diagnostic, Error, InputError, MucDo, Result};
use crate::folder::parse_bytes_once;
use crate::kind::{Doc, Input, Made, Pass, Tools, placed};
use crate::model::danh_sach::Table;
use crate::model::{self, locate::Locations};
use crate::template::escape::str_literal;
use crate::vi;

/// The `tron` key of a document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Trộn theo danh sách",
    description = "Dựng văn bản này cho từng dòng của một danh sách (.csv hoặc .xlsx): mỗi dòng một tệp PDF trong thư mục cùng tên, tất cả trong một tệp gộp có mục lục, và báo cáo. Trong mọi trường chữ, `{Tên cột}` được thay bằng ô của dòng (viết đúng dòng tiêu đề, hoặc không dấu nối bằng `_`: `{ho_va_ten}`); `{stt}` là số thứ tự của dòng."
)]
pub struct Tron {
    #[schemars(
        title = "Danh sách",
        description = "Tệp .csv (UTF-8) hoặc .xlsx trong thư mục của văn bản; dòng đầu là tiêu đề các cột, mỗi dòng sau thành một văn bản, ví dụ `can-bo.csv`."
    )]
    pub danh_sach: String,
    #[serde(default)]
    #[schemars(
        title = "Tên mỗi văn bản",
        description = "Tên mỗi văn bản ở mục lục của tệp gộp và trong báo cáo, ví dụ `{Họ và tên}`. Mặc định: cột Họ và tên (hoặc Họ tên) nếu danh sách có, không thì `Bản {stt}`."
    )]
    pub ten: Option<String>,
    #[serde(default)]
    #[schemars(
        title = "Tên tệp mỗi văn bản",
        description = "Mẫu tên tệp PDF của mỗi dòng, ví dụ `{stt}-{Họ và tên}`: vanban bỏ dấu, viết thường, nối bằng `-` và thêm `.pdf`; hai dòng ra cùng tên thì dòng sau thêm `-2`, `-3`. Mặc định: số thứ tự và tên (`001-luong-van-tu.pdf`)."
    )]
    pub ten_tep: Option<String>,
}

/// The document's data with its `tron` key taken out, when it has one.
pub fn split(input: &Input) -> Result<Option<(Tron, Yaml)>> {
    // Only a document that names the key pays for the second parse.
    if !input.text.lines().any(|l| l.starts_with("tron:")) {
        return Ok(None);
    }
    let mut value: Yaml = model::parse_yaml(input.path, input.text)?;
    let Some(spec) = value.as_mapping_mut().and_then(|m| m.remove("tron")) else { return Ok(None) };
    let spec: Tron = serde_path_to_error::deserialize(spec).map_err(|e| {
        let field = format!("tron.{}", e.path()).trim_end_matches(".").to_owned();
        at_field(input, &field, model::translate_serde(&e.into_inner().to_string()))
    })?;
    Ok(Some((spec, value)))
}

/// One problem at a field of the document's text, on that field's line.
fn at_field(input: &Input, field: &str, message: impl Into<String>) -> Error {
    problems_at(input, [(field.to_owned(), message.into())])
}

/// Problems at fields of the document's text, each on its field's line
/// (the text's positions read once).
fn problems_at(input: &Input, found: impl IntoIterator<Item = (String, String)>) -> Error {
    let places = Locations::of(input.text);
    Error::Input(
        found
            .into_iter()
            .map(|(field, message)| {
                let line = places.line(&field);
                InputError { line, ..InputError::new(input.path, field, message) }
            })
            .collect(),
    )
}

/// A list's columns by the names a field may use for them: the header as
/// written (case and spaces aside), or without diacritics joined by `_`.
struct Columns {
    header: Vec<String>,
    by_name: HashMap<String, usize>,
}

impl Columns {
    fn of(header: &[String]) -> Self {
        let mut by_name = HashMap::new();
        for (j, h) in header.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
            by_name.entry(vi::fold(h)).or_insert(j);
            by_name.entry(vi::slug(h).replace('-', "_")).or_insert(j);
        }
        Self { header: header.to_vec(), by_name }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&vi::fold(name)).copied()
    }

    /// "{STT}, {Họ và tên}, …", for messages.
    fn listed(&self) -> String {
        let mut names: Vec<String> =
            self.header.iter().filter(|h| !h.is_empty()).map(|h| format!("{{{h}}}")).collect();
        names.push("{stt}".into());
        names.join(", ")
    }
}

/// The names in braces in `text`, with their byte ranges: `{` then up to
/// 80 characters other than braces and line breaks, then `}`.
fn placeholders(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let inner = &text[open + 1..];
        match inner.find(['{', '}', '\n']) {
            Some(close)
                if inner[close..].starts_with('}') && close > 0 && inner[..close].chars().count() <= 80 =>
            {
                let name = inner[..close].trim();
                if !name.is_empty() {
                    out.push((open..open + close + 2, name));
                }
                from = open + close + 2;
            }
            _ => from = open + 1,
        }
    }
    out
}

/// One row's values for the names fields use.
struct Row<'a> {
    columns: &'a Columns,
    cells: &'a [String],
    stt: usize,
}

impl Row<'_> {
    fn get(&self, name: &str) -> Option<String> {
        match self.columns.find(name) {
            Some(j) => Some(self.cells.get(j).cloned().unwrap_or_default()),
            None if name == "stt" => Some(self.stt.to_string()),
            None => None,
        }
    }

    /// `text` with each name the row knows replaced by its cell; other
    /// braces are kept (a plan's figures, checked by their own code).
    fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (range, name) in placeholders(text) {
            if let Some(value) = self.get(name) {
                out.push_str(&text[last..range.start]);
                out.push_str(&value);
                last = range.end;
            }
        }
        out.push_str(&text[last..]);
        out
    }

    /// The document's data for this row. A field that is only a name takes
    /// the cell's type: a whole number is a number (`so: "{Số}"`), an empty
    /// cell no value.
    fn data(&self, value: &Yaml) -> Yaml {
        match value {
            Yaml::String(s) => {
                let found = placeholders(s);
                if let [(range, name)] = found.as_slice()
                    && *range == (0..s.len())
                    && let Some(cell) = self.get(name)
                {
                    return typed(cell);
                }
                if found.is_empty() { value.clone() } else { Yaml::String(self.fill(s)) }
            }
            Yaml::Sequence(items) => Yaml::Sequence(items.iter().map(|v| self.data(v)).collect()),
            Yaml::Mapping(map) => Yaml::Mapping(map.iter().map(|(k, v)| (k.clone(), self.data(v))).collect()),
            Yaml::Tagged(t) => Yaml::Tagged(Box::new(serde_yaml::value::TaggedValue {
                tag: t.tag.clone(),
                value: self.data(&t.value),
            })),
            other => other.clone(),
        }
    }
}

fn typed(cell: String) -> Yaml {
    let number = !cell.is_empty()
        && cell.len() <= 9
        && cell.bytes().all(|b| b.is_ascii_digit())
        && (cell == "0" || !cell.starts_with('0'));
    match cell {
        c if c.is_empty() => Yaml::Null,
        c if number => Yaml::Number(c.parse::<u64>().expect("digits").into()),
        c => Yaml::String(c),
    }
}

/// The names in the document's text fields that are neither a column nor
/// `stt`, each with its field path ("noi_nhan[1]").
fn unknown_names(value: &Yaml, columns: &Columns, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Yaml::String(s) => {
            for (_, name) in placeholders(s) {
                if columns.find(name).is_none() && name != "stt" {
                    out.push((path.to_owned(), name.to_owned()));
                }
            }
        }
        Yaml::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                unknown_names(v, columns, &format!("{path}[{i}]"), out);
            }
        }
        Yaml::Mapping(map) => {
            for (k, v) in map {
                let key = k.as_str().unwrap_or_default();
                let field = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
                unknown_names(v, columns, &field, out);
            }
        }
        Yaml::Tagged(t) => unknown_names(&t.value, columns, path, out),
        _ => {}
    }
}

/// A finding of one row: field, severity, message.
type Found = (String, MucDo, String);

/// What one row gave: what its data broke, and, when prepared, its
/// document (its preamble and body apart) or why it could not be made.
struct Outcome {
    dong: usize,
    name: String,
    stem: Option<String>,
    /// The data did not parse (then there are no findings).
    unparsed: Option<Found>,
    found: Vec<Found>,
    made: Option<std::result::Result<(Prepared, String), Vec<Found>>>,
}

/// The pass of a document merged over a list (see [`crate::kind::Pass`]):
/// the problems every row shares are the document's, at their lines in its
/// text; a row's own problems stop that row only.
pub fn pass<D: Doc>(input: &Input, spec: Tron, value: Yaml, tools: Tools) -> Result<Pass> {
    if D::BATCH {
        return Err(at_field(
            input,
            "tron",
            format!(
                "loại '{}' đã dựng mỗi bản một tệp từ dữ liệu của nó; khóa 'tron' dùng cho các loại văn bản khác",
                input.kind.loai
            ),
        ));
    }
    let table = parse_bytes_once(input.folder, &spec.danh_sach, Table::read_bytes)
        .map_err(|m| at_field(input, "tron.danh_sach", m))??;
    let list = input.folder.locate(&spec.danh_sach).unwrap_or_else(|_| PathBuf::from(&spec.danh_sach));
    let columns = Columns::of(&table.header);
    let rows: Vec<(usize, &[String])> = table.filled().collect();
    if rows.is_empty() {
        return Err(at_field(
            input,
            "tron.danh_sach",
            format!("danh sách '{}' không có dòng nào", spec.danh_sach),
        ));
    }
    let mut unknown = Vec::new();
    unknown_names(&value, &columns, "", &mut unknown);
    // A plan's figures ({so_hoc_vien}) are its own code's to check.
    let figures = value.get("so_lieu").is_some();
    let named: Vec<(String, String)> = [("tron.ten", &spec.ten), ("tron.ten_tep", &spec.ten_tep)]
        .into_iter()
        .filter_map(|(f, p)| p.as_deref().map(|p| (f, p)))
        .flat_map(|(f, p)| placeholders(p).into_iter().map(move |(_, n)| (f.to_owned(), n.to_owned())))
        .filter(|(_, n)| columns.find(n).is_none() && n != "stt")
        .collect();
    let unknown: Vec<(String, String)> = unknown
        .into_iter()
        .filter(|_| !figures)
        .chain(named)
        .map(|(field, name)| {
            let message = format!(
                "danh sách {} không có cột '{{{name}}}'; các cột: {}",
                spec.danh_sach,
                columns.listed()
            );
            (field, message)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(problems_at(input, unknown));
    }
    let preamble = OnceLock::new();
    let default_name = ["Họ và tên", "Họ tên"].into_iter().find_map(|c| columns.find(c));
    let outcomes: Vec<Outcome> = rows
        .par_iter()
        .enumerate()
        .map(|(k, &(dong, cells))| {
            let row = Row { columns: &columns, cells, stt: k + 1 };
            let name = match (&spec.ten, default_name) {
                (Some(pattern), _) => row.fill(pattern),
                (None, Some(j)) => cells.get(j).cloned().unwrap_or_default(),
                (None, None) => format!("Bản {}", k + 1),
            };
            let stem = spec.ten_tep.as_deref().map(|p| row.fill(p));
            let mut outcome = Outcome { dong, name, stem, unparsed: None, found: Vec::new(), made: None };
            let data: D::Data = match serde_path_to_error::deserialize(row.data(&value)) {
                Ok(d) => d,
                Err(e) => {
                    let field = e.path().to_string();
                    let field = if field == "." { String::new() } else { field };
                    outcome.unparsed =
                        Some((field, MucDo::Loi, model::translate_serde(&e.into_inner().to_string())));
                    return outcome;
                }
            };
            outcome.found = D::rules(input, &data);
            if let Some(tools) = tools
                && !outcome.found.iter().any(|f| f.1 == MucDo::Loi)
            {
                outcome.made = Some(document_of::<D>(input, data, tools, &preamble));
            }
            outcome
        })
        .collect();
    // What every row found is the document's own problem.
    let everywhere = |found: &dyn Fn(&Outcome) -> bool| outcomes.iter().all(found);
    let unmade = |o: &Outcome| match &o.made {
        Some(Err(found)) => found.clone(),
        _ => Vec::new(),
    };
    if let Some(Some(first)) = outcomes.first().map(|o| o.unparsed.clone())
        && everywhere(&|o| o.unparsed.as_ref() == Some(&first))
    {
        let (field, _, message) = first;
        return Err(at_field(input, &field, message));
    }
    let first = outcomes.first();
    let common: Vec<Found> = first
        .map(|o| o.found.iter().filter(|f| everywhere(&|o| o.found.contains(f))).cloned().collect())
        .unwrap_or_default();
    let mut rules = placed(input, common.clone());
    // The document's own errors stop it before any row is made.
    let stopped = common.iter().any(|f| f.1 == MucDo::Loi);
    let common_unmade: Vec<Found> = first
        .map(|o| unmade(o).into_iter().filter(|f| everywhere(&|o| unmade(o).contains(f))).collect())
        .unwrap_or_default();
    // A row's own problems: its errors stop it, its warnings are said at its row.
    let own = |o: &Outcome| -> Vec<Found> {
        let made = unmade(o).into_iter().filter(|f| !common_unmade.contains(f));
        o.unparsed
            .iter()
            .cloned()
            .chain(o.found.iter().filter(|f| !common.contains(f)).cloned())
            .chain(made)
            .collect()
    };
    for o in &outcomes {
        for (field, muc_do, message) in own(o) {
            // Preparing reports a row's errors with the row; without it, here.
            if muc_do == MucDo::CanhBao || tools.is_none() || stopped {
                rules.push(Diagnostic {
                    line: Some(o.dong),
                    ..Diagnostic::new(&list, field, message).severity(muc_do)
                });
            }
        }
    }
    if tools.is_none() || stopped {
        return Ok(Pass { rules, made: None });
    }
    if !common_unmade.is_empty() {
        let errors =
            problems_at(input, common_unmade.into_iter().map(|(field, _, message)| (field, message)));
        return Ok(Pass { rules, made: Some(Err(errors)) });
    }
    let family = tools.map(|(_, fonts)| fonts.family.clone()).unwrap_or_default();
    let preamble = preamble.into_inner().unwrap_or_default();
    let made = batch_of(input, &list, outcomes, own, preamble, &family).map(Made::Batch);
    Ok(Pass { rules, made: Some(made) })
}

/// A row's document without its source's preamble (the library and the
/// page set-up, the same for every row: `preamble` keeps the first), or
/// its problems.
fn document_of<D: Doc>(
    input: &Input,
    data: D::Data,
    (templates, fonts): (&crate::template::Templates, &crate::fonts::FontSet),
    preamble: &OnceLock<String>,
) -> std::result::Result<(Prepared, String), Vec<Found>> {
    let problem = |m: String| vec![(String::new(), MucDo::Loi, m)];
    let mut prepared = match D::prepare(input, data, templates, fonts) {
        Ok(Made::One(p)) => p,
        Ok(Made::Batch(_)) => return Err(problem("văn bản theo lô không trộn theo danh sách được".into())),
        Err(Error::Input(found)) => {
            return Err(found.into_iter().map(|d| (d.field, d.severity, d.message)).collect());
        }
        Err(e) => return Err(problem(e.to_string())),
    };
    if !prepared.tep_rieng.is_empty() {
        return Err(vec![(
            "tep_rieng".into(),
            MucDo::Loi,
            "văn bản trộn theo danh sách in mọi phần trong tệp của mỗi dòng; bỏ 'tep_rieng'".into(),
        )]);
    }
    let Some((show, body)) = set_up_line(&prepared.source) else {
        return Err(problem(format!(
            "mẫu {} không có dòng '#show: van-ban.with(…)' mở đầu thân văn bản: không trộn theo danh sách được",
            input.kind.template
        )));
    };
    let source = std::mem::take(&mut prepared.source);
    preamble.get_or_init(|| source[..show].to_owned());
    Ok((prepared, source[body..].to_owned()))
}

/// Where the line that sets the page up (`#show: van-ban.with(…)`, once
/// in every kind's template) starts, and where the body after it starts.
/// Before it, the source is the same for every row; the line itself holds
/// the row's title, and a merged batch has its own.
fn set_up_line(source: &str) -> Option<(usize, usize)> {
    let start = source.find("\n#show: van-ban.with(")? + 1;
    Some((start, source[start..].find('\n').map_or(source.len(), |i| start + i + 1)))
}

/// The rows as a batch: each prepared row a record, each failed row with its
/// reasons ("dòng 5, trường 'ngay': …").
fn batch_of(
    input: &Input,
    list: &Path,
    outcomes: Vec<Outcome>,
    own: impl Fn(&Outcome) -> Vec<Found>,
    preamble: String,
    family: &str,
) -> Result<PreparedBatch> {
    let mut names = FileNames::new(outcomes.len());
    let mut base: Option<Prepared> = None;
    let mut items = Vec::with_capacity(outcomes.len());
    for (k, o) in outcomes.iter().enumerate() {
        let errors: Vec<String> = own(o)
            .into_iter()
            .filter(|f| f.1 == MucDo::Loi)
            .map(|(field, _, m)| if field.is_empty() { m } else { format!("trường '{field}': {m}") })
            .collect();
        let result = match (&o.made, errors.is_empty()) {
            (Some(Ok((prepared, body))), true) => {
                base.get_or_insert_with(|| prepared.clone());
                Ok(json!({ "ten": o.name, "than": body }))
            }
            _ => Err(format!("dòng {}, {}", o.dong, errors.join("; "))),
        };
        let file = match (&result, &o.stem) {
            (Err(_), _) => String::new(),
            (Ok(_), Some(stem)) => names.unique(stem),
            (Ok(_), None) => names.numbered(k + 1, &o.name),
        };
        items.push(Item { name: o.name.clone(), file, row: Some(o.dong), result, reported: false });
    }
    let base = base.unwrap_or_else(|| empty_base(input));
    let list_name = list.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let title = format!("{} theo danh sách {list_name}", input.kind.ten);
    let preamble = format!(
        "{preamble}#show: van-ban.with(phong-chu: {}, tieu-de: {})\n",
        str_literal(family),
        str_literal(&title)
    );
    Ok(PreparedBatch {
        items,
        skipped: Vec::new(),
        problems: Vec::new(),
        shared: json!({ "tieu_de": title }),
        template: input.kind.template,
        base,
        list: Some(list.to_owned()),
        preamble: Some(preamble),
    })
}

/// The base of a batch none of whose rows could be made.
fn empty_base(input: &Input) -> Prepared {
    Prepared {
        source: String::new(),
        map: Default::default(),
        // Never laid out: no row was made.
        today: crate::compose::today_of(&model::Ngay {
            day: Some(1),
            month: 1,
            year: 2000,
            thang_trong: false,
        }),
        ident: format!("{}/{}", input.kind.loai, crate::batch::output_stem(input.path)),
        folder: input.path.parent().map(Path::to_owned).unwrap_or_else(|| PathBuf::from(".")),
        tep_rieng: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Columns {
        Columns::of(&["STT".into(), "Họ và tên".into(), "Số".into(), "Ghi chú".into()])
    }

    #[test]
    fn names_are_found_by_header_or_plain_form() {
        let c = columns();
        assert_eq!(c.find("Họ và tên"), Some(1));
        assert_eq!(c.find("họ và  tên"), Some(1));
        assert_eq!(c.find("ho_va_ten"), Some(1));
        assert_eq!(c.find("so"), Some(2));
        assert_eq!(c.find("Ho ten"), None);
        assert_eq!(c.listed(), "{STT}, {Họ và tên}, {Số}, {Ghi chú}, {stt}");
    }

    #[test]
    fn cells_fill_text_and_a_lone_name_takes_the_cell_type() {
        let c = columns();
        let cells = ["7".to_string(), "Lường Văn Tú".into(), "018".into(), "".into()];
        let row = Row { columns: &c, cells: &cells, stt: 3 };
        // A column named STT is the list's own number; without one, the row's.
        assert_eq!(row.fill("Ông {Họ và tên} ({stt}), {x} {"), "Ông Lường Văn Tú (7), {x} {");
        let plain = Columns::of(&["Họ và tên".into()]);
        let row3 = Row { columns: &plain, cells: &cells[1..2], stt: 3 };
        assert_eq!(row3.fill("{stt}. {ho_va_ten}"), "3. Lường Văn Tú");
        assert_eq!(row.data(&Yaml::String("{STT}".into())), Yaml::Number(7.into()));
        // A leading zero is text: a number typed "018" stays as typed.
        assert_eq!(row.data(&Yaml::String("{Số}".into())), Yaml::String("018".into()));
        assert_eq!(row.data(&Yaml::String("{Ghi chú}".into())), Yaml::Null);
        assert_eq!(row.data(&Yaml::String("Số {STT}".into())), Yaml::String("Số 7".into()));
    }

    #[test]
    fn placeholders_stop_at_braces_and_line_breaks() {
        let found: Vec<&str> =
            placeholders("{a} {b {c}} {\n} {} { d }").into_iter().map(|(_, n)| n).collect();
        assert_eq!(found, ["a", "c", "d"]);
    }

    #[test]
    fn the_body_starts_after_the_page_set_up() {
        let s = "#let a = 1\n#show: van-ban.with(phong-chu: \"x\")\n\n#doan(\"y\")\n";
        let (show, body) = set_up_line(s).unwrap();
        assert_eq!(&s[..show], "#let a = 1\n");
        assert_eq!(&s[body..], "\n#doan(\"y\")\n");
        assert_eq!(set_up_line("#doan()"), None);
    }
}
