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

/// What a big table that did not fit in memory unwinds with: the payload of
/// the panic raised by [`zeroed`]. The command (or the batch pair) that
/// started the work catches it and reports a clear error, exit 2, instead
/// of the process aborting with "memory allocation failed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfMemory {
    /// The size of the allocation that failed.
    pub bytes: usize,
}

impl std::fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not enough memory: a table of {} MiB could not be allocated; free memory, raise the memory limit (ulimit -v, the job's memory request) or align smaller documents (split them by chapter)",
            self.bytes.div_ceil(1 << 20)
        )
    }
}

/// `len` zeroed entries, allocated fallibly: when the memory is not there
/// (a `ulimit -v`, a cgroup or the machine), this panics with an
/// [`OutOfMemory`] payload instead of aborting the process. The zeroed
/// pages stay untouched until used, as with `vec![0; len]`: the room is
/// first reserved and released to see that it can be had.
pub fn zeroed<T: Copy + Default>(len: usize) -> Vec<T> {
    let mut probe: Vec<T> = Vec::new();
    if probe.try_reserve_exact(len).is_err() {
        std::panic::panic_any(OutOfMemory {
            bytes: len.saturating_mul(std::mem::size_of::<T>()),
        });
    }
    drop(probe);
    vec![T::default(); len]
}

/// A csv error as the I/O error underneath it when there is one, so that a
/// broken pipe stays recognisable as one (`tolk align | head` exits 0).
pub fn csv_io(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("CSV: {other:?}")),
    }
}
