//! Templates: minijinja renders Typst source from a document's data.
//!
//! `.typ.j2` templates are auto-escaped into Typst string literals (see
//! [`escape`]); plain `.typ` files are Typst libraries included verbatim.

pub mod escape;
pub mod rich;

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error as JinjaError, ErrorKind, UndefinedBehavior, Value};

use crate::error::{Error, Result};

/// The built-in templates the kinds share, compiled into the binary; each
/// kind's own template is registered with it ([`crate::kind::KindSpec`]).
pub const COMPONENTS: &[(&str, &str)] = &[
    ("nd30.typ", include_str!("../../templates/nd30.typ")),
    ("chung-nhan.typ", include_str!("../../templates/chung-nhan.typ")),
    ("khoi.typ.j2", include_str!("../../templates/khoi.typ.j2")),
    ("phu-luc.typ.j2", include_str!("../../templates/phu-luc.typ.j2")),
];

/// The built-in template `name`: a shared one, or a kind's.
pub fn builtin(name: &str) -> Option<&'static str> {
    COMPONENTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .or_else(|| crate::kind::KINDS.iter().find(|k| k.template == name).map(|k| k.template_text))
}

/// A loaded template set: built-in, or overridden file by file from a folder.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// `overrides`: a folder whose files replace the built-in ones of the same
    /// name (an office's own variant).
    pub fn new(overrides: Option<&Path>) -> Result<Self> {
        if let Some(dir) = overrides
            && !dir.is_dir()
        {
            return Err(Error::Usage(format!("thư mục mẫu '{}' không tồn tại", dir.display())));
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        let dir: Option<PathBuf> = overrides.map(Path::to_owned);
        env.set_loader(move |name| load(dir.as_deref(), name));
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ.j2") { AutoEscape::Custom("typst") } else { AutoEscape::None }
        });
        env.set_formatter(|out, state, value| {
            if let AutoEscape::Custom("typst") = state.auto_escape() {
                let mut s = String::new();
                escape::value_literal(value, &mut s);
                out.write_str(&s).map_err(|_| JinjaError::new(ErrorKind::WriteFailure, "write"))
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.add_filter("rich", |s: &str| Value::from_safe_string(rich::to_typst(s)));
        env.add_filter("length", length_filter);
        env.add_filter("alignment", alignment_filter);
        Ok(Self { env })
    }

    /// How many lines `nd30.typ` takes when a template includes it first.
    pub fn library_lines(&self) -> usize {
        self.env.get_template("nd30.typ").and_then(|t| t.render(())).map(|s| s.lines().count()).unwrap_or(0)
    }

    /// Renders `name` with `context` into Typst source.
    pub fn render(&self, name: &str, mut context: serde_json::Value) -> Result<String> {
        let template = self.env.get_template(name).map_err(template_error)?;
        // The one place every value passes on its way into a document: YAML
        // escapes ("\u202E") and list cells end up NFC and without bidi controls.
        clean_strings(&mut context);
        template.render(Value::from_serialize(&context)).map_err(template_error)
    }
}

fn clean_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = crate::vi::clean(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(clean_strings),
        serde_json::Value::Object(o) => o.values_mut().for_each(clean_strings),
        _ => {}
    }
}

/// Loads a template by name: the override folder first, then the built-in
/// set. Typst libraries (`.typ`) are wrapped in a raw block so minijinja
/// copies them as they are.
fn load(dir: Option<&Path>, name: &str) -> std::result::Result<Option<String>, JinjaError> {
    if name.contains("..") || name.starts_with('/') || name.contains('\\') {
        return Ok(None);
    }
    let from_dir = match dir {
        Some(d) if d.join(name).is_file() => Some(std::fs::read_to_string(d.join(name)).map_err(|e| {
            JinjaError::new(ErrorKind::InvalidOperation, format!("không đọc được mẫu '{name}': {e}"))
        })?),
        _ => None,
    };
    let text = from_dir.or_else(|| builtin(name).map(str::to_owned));
    Ok(text.map(|t| {
        if name.ends_with(".typ") {
            format!("{{% raw %}}{}{{% endraw %}}", crate::vi::nfc(&t))
        } else {
            crate::vi::nfc(&t)
        }
    }))
}

fn template_error(e: JinjaError) -> Error {
    let mut message = e.detail().map(str::to_owned).unwrap_or_else(|| e.kind().to_string());
    let mut source = std::error::Error::source(&e);
    while let Some(inner) = source {
        message.push_str(&format!(" ({inner})"));
        source = inner.source();
    }
    Error::Template { name: e.name().unwrap_or("?").to_owned(), line: e.line(), message }
}

/// Why a length or column width from the data ("12mm", "1.5fr", "auto")
/// cannot be written into Typst as it is, if it cannot. One rule for the
/// data check and for the template filter.
pub fn length_problem(s: &str) -> Option<String> {
    let unit_at = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(unit_at);
    let ok = s == "auto"
        || (!num.is_empty() && num.parse::<f64>().is_ok() && matches!(unit, "mm" | "cm" | "pt" | "fr" | "%"));
    (!ok).then(|| format!("độ rộng '{s}' không hợp lệ: dùng số kèm đơn vị mm, cm, pt, fr hoặc %, hoặc auto"))
}

/// The Typst alignment for a word of the data (left/trai, center/giua,
/// right/phai), or why there is none.
pub fn alignment_word(s: &str) -> std::result::Result<&'static str, String> {
    match s {
        "left" | "trai" => Ok("left"),
        "center" | "giua" => Ok("center"),
        "right" | "phai" => Ok("right"),
        _ => Err(format!("căn lề '{s}' không hợp lệ: dùng left, center hoặc right")),
    }
}

fn length_filter(s: &str) -> std::result::Result<Value, JinjaError> {
    match length_problem(s) {
        None => Ok(Value::from_safe_string(s.to_owned())),
        Some(m) => Err(JinjaError::new(ErrorKind::InvalidOperation, m)),
    }
}

fn alignment_filter(s: &str) -> std::result::Result<Value, JinjaError> {
    alignment_word(s)
        .map(|w| Value::from_safe_string(format!("{w} + horizon")))
        .map_err(|m| JinjaError::new(ErrorKind::InvalidOperation, m))
}
