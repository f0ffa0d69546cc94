//! Errors a clerk reads: Vietnamese, naming the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in the user's data, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// 1-based line (or row, for tables) and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where in the document's structure: `noi_dung[2].muc`, or a column name.
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn new(file: &Path, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), line: None, column: None, field: field.into(), message: message.into() }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if !self.field.is_empty() {
            write!(f, ": trường '{}'", self.field)?;
        }
        write!(f, ": {}", self.message)
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
