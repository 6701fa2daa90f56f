//! The library's error type. Every variant names the file and says what to do.

use std::path::PathBuf;

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library. Messages name the file and
/// what the user can do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {cause}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// The input is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset}; convert the file to UTF-8 (for example `iconv -f latin1 -t utf-8`)")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte in the file as stored.
        offset: usize,
    },
    /// The input looks like a binary file.
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}); give a text, Markdown, PDF, HTML or DOCX file")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The input has no text to work on.
    #[error("{path}: no text to process (the file is empty or only white space)")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A format-specific problem with an input file (PDF, DOCX, CSV, …).
    #[error("{path}: {message}")]
    Input {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A malformed row in a CSV or TSV the user edited.
    #[error("{path}: row {row}, column `{column}`: {message}")]
    Row {
        /// The file.
        path: PathBuf,
        /// 1-based row number as a spreadsheet shows it (header = row 1).
        row: u64,
        /// The column name.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// A required external tool is not installed.
    #[error("{tool} is not installed; install the Debian package `{package}` (apt-get install {package})")]
    MissingTool {
        /// The program name.
        tool: String,
        /// The Debian package that provides it.
        package: String,
    },
    /// Writing output failed.
    #[error("{path}: cannot write: {cause}")]
    Write {
        /// The output file (or `<stdout>`).
        path: PathBuf,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// The sentence-encoder model is not installed.
    #[error("{path}: the sentence-encoder model is not there; run scripts/install-model to install it, or give its place with --model or TOLK_MODEL")]
    ModelMissing {
        /// Where the model was looked for.
        path: PathBuf,
    },
    /// The sentence-encoder model file is there but unusable.
    #[error("{path}: not a usable sentence-encoder model: {problem}; run scripts/install-model to install it again")]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// A bad option value or combination.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// True when the error is a broken pipe on output (`tolk … | head`), which
    /// the binary treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Write { cause, .. } => cause.kind() == std::io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}

/// A csv error as the I/O error underneath it when there is one, so that a
/// broken pipe stays recognisable as one (`tolk align | head` exits 0).
pub fn csv_io(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("CSV: {other:?}")),
    }
}
