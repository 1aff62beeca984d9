//! Typed library errors.
//!
//! Every error that concerns an input names the file and, where there is one,
//! the 1-based line, so the command line can print `file:line: message` the
//! way compilers do. The binary wraps these in `anyhow` and exits with code 2.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in the input something happened: a file (as the user named it) and
/// an optional 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The file as given on the command line (`-` for standard input).
    pub path: String,
    /// 1-based line, when the input is line-oriented.
    pub line: Option<u64>,
    /// 1-based record number, for inputs made of records (WARC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// 1-based row number, for tables (Parquet). (Non-zero, so that a
    /// location stays small: rejected records are passed around by value.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<std::num::NonZeroU64>,
}

impl Location {
    /// A location at a line of a file.
    pub fn line(path: impl Into<String>, line: u64) -> Location {
        Location { path: path.into(), line: Some(line), record: None, row: None }
    }

    /// A location at a record (1-based) of a file made of records (WARC).
    pub fn record(path: impl Into<String>, record: u64) -> Location {
        Location { path: path.into(), line: None, record: Some(record), row: None }
    }

    /// A row (1-based; 0 is taken as no row) of a table (Parquet).
    pub fn row(path: impl Into<String>, row: u64) -> Location {
        Location { path: path.into(), line: None, record: None, row: std::num::NonZeroU64::new(row) }
    }

    /// A whole file.
    pub fn file(path: impl Into<String>) -> Location {
        Location { path: path.into(), line: None, record: None, row: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.record, self.row) {
            (Some(line), _, _) => write!(f, "{}:{}", self.path, line),
            (None, Some(record), _) => write!(f, "{}: record {}", self.path, record),
            (None, None, Some(row)) => write!(f, "{}: row {}", self.path, row),
            (None, None, None) => f.write_str(&self.path),
        }
    }
}

/// The error type of every fallible library function.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file (or `-`).
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// One input record is not valid (bad JSON, missing field, bad UTF-8,
    /// duplicate id, truncated compressed stream ...).
    #[error("{location}: {reason}")]
    InvalidRecord {
        /// Where the record is.
        location: Location,
        /// What is wrong with it.
        reason: RecordError,
    },
    /// A configuration value is out of range or inconsistent.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// An input path does not exist or cannot be listed.
    #[error("{path}: {message}")]
    Input {
        /// The path as given.
        path: PathBuf,
        /// Why it cannot be used.
        message: String,
    },
    /// A file in one of wiretrace's own formats (an index, a truth file)
    /// is malformed or of an unsupported version.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Why one input record was rejected. Shown after `file:line:`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not a JSON object.
    #[error("malformed JSON: {0}")]
    Json(String),
    /// The text field is absent or not a string.
    #[error("record has no string field {0:?}")]
    MissingText(String),
    /// A field has the wrong type.
    #[error("field {field:?} {problem}")]
    BadField {
        /// The field name.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The bytes are not UTF-8.
    #[error("invalid UTF-8 at byte {0} of the record")]
    InvalidUtf8(usize),
    /// The id was already used by an earlier record.
    #[error("duplicate id {id:?} (first seen at {first})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where it was first seen.
        first: String,
    },
    /// A compressed stream ended early or is corrupt.
    #[error("compressed stream is truncated or corrupt: {0}")]
    Corrupt(String),
    /// A record of a structured input (WARC) is malformed or truncated.
    #[error("{0}")]
    Malformed(String),
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    pub(crate) fn io(path: impl Into<String>, source: io::Error) -> Error {
        Error(Box::new(ErrorKind::Io { path: path.into(), source }))
    }

    pub(crate) fn record(location: Location, reason: RecordError) -> Error {
        Error(Box::new(ErrorKind::InvalidRecord { location, reason }))
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Config(message.into())))
    }

    pub(crate) fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Input { path: path.into(), message: message.into() }))
    }

    pub(crate) fn format(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Format { path: path.into(), message: message.into() }))
    }

    /// True when the error is a broken pipe on output (the reader went away),
    /// which command-line tools treat as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}
