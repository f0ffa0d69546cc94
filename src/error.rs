//! Errors a clerk reads: Vietnamese, naming the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MucDo {
    /// Stops the document.
    Loi,
    /// Worth a look; the document is made.
    CanhBao,
}

/// One problem, from a YAML syntax error to a list row or a layout
/// error, located as precisely as the input allows: the one type every
/// command prints, the same way (`file:line:col: lỗi: trường 'x': …`),
/// and `check --format json` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as the user named it.
    #[serde(rename = "tep")]
    pub file: PathBuf,
    /// 1-based line (or row, for tables) and column, when known.
    #[serde(rename = "dong", skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(rename = "cot", skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Where in the document's structure: `noi_dung[2].muc`, or a column name.
    #[serde(rename = "truong")]
    pub field: String,
    #[serde(rename = "muc_do")]
    pub severity: MucDo,
    #[serde(rename = "thong_bao")]
    pub message: String,
    /// What to do about it, when there is more to say than the message.
    #[serde(rename = "goi_y", skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The name the data-error side of the code knows a diagnostic by.
pub type InputError = Diagnostic;

impl Diagnostic {
    /// An error at `field` of `file`.
    pub fn new(file: &Path, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            column: None,
            field: field.into(),
            severity: MucDo::Loi,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn severity(mut self, severity: MucDo) -> Self {
        self.severity = severity;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == MucDo::Loi
    }

    /// The line a clerk reads: "ke-hoach.yaml:12: lỗi: trường 'ky_hieu': …".
    pub fn human(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(match self.severity {
            MucDo::Loi => ": lỗi",
            MucDo::CanhBao => ": cảnh báo",
        })?;
        if !self.field.is_empty() {
            write!(f, ": trường '{}'", self.field)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  gợi ý: {h}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data is wrong; every problem found is listed.
    #[error("{}", list(.0))]
    Input(Vec<InputError>),
    /// A file could not be read or written.
    #[error("{action} '{}': {source}", .path.display())]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    /// A template is wrong (its author's mistake, not the data's).
    #[error("lỗi mẫu văn bản {name}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template { name: String, line: Option<usize>, message: String },
    /// Typst refused the generated source.
    #[error("lỗi dàn trang (Typst):\n{}", .0.join("\n"))]
    Typeset(Vec<String>),
    /// `check` (or the checks before a build) found errors, already printed.
    #[error("dữ liệu có {0} lỗi (xem các dòng trên); chưa dựng văn bản nào")]
    Checked(usize),
    /// A build made some of its documents or records, not all; the message
    /// says what failed and exactly what was written.
    #[error("{summary}")]
    Incomplete { summary: String, code: u8 },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
}

fn list(errors: &[InputError]) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

impl Error {
    /// The error as a clerk reads it on stderr: each data problem on its own
    /// line as `check` prints it, anything else after "lỗi: ".
    pub fn human(&self) -> String {
        match self {
            Self::Input(_) => self.to_string(),
            other => format!("lỗi: {other}"),
        }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io { action, path: path.to_owned(), source }
    }

    pub fn input(error: InputError) -> Self {
        Self::Input(vec![error])
    }

    /// The process exit code for this error (documented in the README).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Input(_) | Self::Checked(_) => 1,
            Self::Incomplete { code, .. } => *code,
            Self::Usage(_) => 2,
            Self::Template { .. } | Self::Typeset(_) => 3,
            Self::Io { .. } => 4,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
