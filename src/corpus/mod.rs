//! Reading corpora: documents, ids, byte spans, and the readers for JSON
//! Lines, one-document-per-file text, one-document-per-line input, WARC
//! files (see [`warc`]), HTML pages (see [`html`]) and Parquet tables (see
//! [`parquet`]), plain or compressed with gzip or zstd (Parquet compresses
//! its own pages).
//!
//! A [`Corpus`] is a list of input files resolved once (directories expanded
//! in sorted order, standard input spooled to a temporary file so it can be
//! read more than once). [`Corpus::scan`] streams it in batches of raw
//! records; [`parse_record`] turns one raw record into a [`Document`]. The
//! pipeline reads the corpus in one pass to sign documents and, when it needs
//! shingle sets or original records again, in a further pass that parses only
//! the records it needs: texts are never all held in memory at once.
//!
//! [`Scan`] is the one pass every command makes over a corpus: it parses,
//! checks ids are unique, and applies the bad-record policy. Strictness: a
//! malformed record is an error naming the file and line. With
//! [`ReaderConfig::skip_invalid`] it is skipped, and returned to the caller
//! to report and count; nothing is dropped silently.
//!
//! Positions: [`ByteSpan`] is the one span type (byte offsets into a
//! document's original text), [`DocId`] the one document number, and
//! [`LineIndex`] turns byte offsets into line:column.

pub mod gzip;
pub mod html;
mod jsonl;
mod mapped;
pub mod parquet;
mod read;
mod scan;
mod source;
mod span;
pub mod urls;
pub mod warc;

pub use jsonl::parse_jsonl_fields;
pub use scan::{total_bytes, Scan};
pub use source::{Compression, InputFile};

pub use span::{ByteSpan, DocId, LineCol, LineIndex};

use crate::error::{Error, Location, RecordError, Result};
pub use mapped::RecordBytes;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How input files are interpreted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.jsonl`/`.ndjson` (optionally `.gz`/`.zst`) are JSON Lines,
    /// `.parquet` Parquet, `.warc` WARC, `.html`/`.htm` HTML, anything else
    /// is one document per file.
    #[default]
    Auto,
    /// JSON Lines: one object a line.
    Jsonl,
    /// One document per file.
    Text,
    /// One document per line.
    Lines,
    /// WARC records (`response` HTML pages, `conversion` text).
    Warc,
    /// One HTML page per file; its main content is extracted.
    Html,
    /// Parquet tables: one document a row.
    Parquet,
}

/// Where a record sits in the input: which file of the corpus, which line
/// (1-based; 1 for whole-file documents; the record number in a WARC file;
/// the row number in a Parquet file) and at which byte of the
/// (decompressed) file its line (record) starts (for Parquet: the 0-based
/// row index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordRef {
    /// Index into [`Corpus::files`].
    pub file: u32,
    /// 1-based line number (record number in a WARC file).
    pub line: u64,
    /// Byte offset of the line in the decompressed file.
    pub offset: u64,
}

/// One document as read from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The document id (the id field, or `PATH:LINE`, or the path).
    pub id: String,
    /// The text.
    pub text: String,
    /// The date field, if present (ISO 8601 sorts correctly as a string).
    pub date: Option<String>,
    /// The source (outlet, site) field, if present.
    pub source: Option<String>,
    /// The title field, if present.
    pub title: Option<String>,
    /// The page's URL (WARC target URI, or the canonical URL an HTML page
    /// declares), if known.
    pub url: Option<String>,
    /// Where the record is.
    pub at: RecordRef,
}

/// Field names and strictness of the readers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderConfig {
    /// How files are interpreted.
    pub format: Format,
    /// JSON field holding the id (default `id`).
    pub id_field: String,
    /// JSON field holding the text (default `text`).
    pub text_field: String,
    /// JSON field holding the date (default `date`).
    pub date_field: String,
    /// JSON field holding the source (default `source`).
    pub source_field: String,
    /// JSON field holding the title (default `title`).
    pub title_field: String,
    /// Skip (and report) invalid records instead of failing.
    pub skip_invalid: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            format: Format::Auto,
            id_field: "id".into(),
            text_field: "text".into(),
            date_field: "date".into(),
            source_field: "source".into(),
            title_field: "title".into(),
            skip_invalid: false,
        }
    }
}

/// What kind of records a file holds, once `auto` is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// JSON Lines.
    Jsonl,
    /// The whole file is one document.
    Text,
    /// Each line is one document.
    Lines,
    /// WARC records.
    Warc,
    /// The whole file is one HTML page.
    Html,
    /// A Parquet table: each row is one document.
    Parquet,
}

/// One record's raw bytes, before parsing.
#[derive(Debug)]
pub struct RawRecord {
    /// Where it is.
    pub at: RecordRef,
    /// The line (without its line terminator) or whole file.
    pub bytes: RecordBytes,
}

/// A record that was rejected, with where and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// Where the record is.
    pub location: Location,
    /// Why it was rejected.
    pub reason: RecordError,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// The resolved list of input files.
#[derive(Debug)]
pub struct Corpus {
    files: Vec<InputFile>,
    config: ReaderConfig,
    // WARC records that are not documents, per file and reason (set by the
    // last full read of the file)
    skipped: std::sync::Mutex<std::collections::BTreeMap<u32, std::collections::BTreeMap<String, u64>>>,
    // keeps spooled inputs (standard input, FIFOs, devices) alive as long
    // as the corpus
    _spool: Vec<tempfile::NamedTempFile>,
    // when set, a full pass reads only these parts of the files (a shard)
    parts: Option<Vec<FilePart>>,
}

/// A part of an input file that a full pass reads: a whole file, or a byte
/// range of an uncompressed line file (JSON Lines or one document a line)
/// that starts at the beginning of a line. A sharded run reads each shard
/// through its parts; records keep their places in the whole file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    /// Index into [`Corpus::files`].
    pub file: u32,
    /// The byte range, or `None` for the whole file.
    pub range: Option<LineRange>,
}

/// A byte range of a line file, starting at a line boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRange {
    /// First byte (the start of a line).
    pub start: u64,
    /// One past the last byte: the part holds the lines that start before it.
    pub end: u64,
    /// The 1-based number of the line at `start`.
    pub first_line: u64,
}

/// Target size of one batch of raw records handed to the parser, in bytes.
pub const BATCH_BYTES: usize = 8 << 20;

impl Corpus {
    /// Resolve input paths: files as given, directories recursively in
    /// sorted order, `-` for standard input (spooled to a temporary file,
    /// like any input that is not a regular file: a FIFO or a device can be
    /// read only once, and commands read their input twice).
    pub fn open<P: AsRef<Path>>(inputs: &[P], config: ReaderConfig) -> Result<Corpus> {
        if inputs.is_empty() {
            return Err(Error::config("no input given"));
        }
        let mut files = Vec::new();
        let mut spool = Vec::new();
        let mut stdin_seen = false;
        for input in inputs {
            let input = input.as_ref();
            if input == Path::new("-") {
                if std::mem::replace(&mut stdin_seen, true) {
                    return Err(Error::input("-", "standard input given more than once"));
                }
                let mut tmp = tempfile::NamedTempFile::new().map_err(|e| Error::io("-", e))?;
                crate::atomic_file::track_temporary(tmp.path());
                std::io::copy(&mut std::io::stdin().lock(), tmp.as_file_mut()).map_err(|e| Error::io("-", e))?;
                let kind = match config.format {
                    Format::Lines => FileKind::Lines,
                    Format::Text => FileKind::Text,
                    Format::Warc => FileKind::Warc,
                    Format::Html => FileKind::Html,
                    Format::Parquet => FileKind::Parquet,
                    // standard input has no name to guess from: JSON Lines
                    Format::Auto | Format::Jsonl => FileKind::Jsonl,
                };
                files.push(InputFile {
                    display: "-".into(),
                    path: tmp.path().to_path_buf(),
                    kind,
                    compression: Compression::None,
                });
                spool.push(tmp);
                continue;
            }
            let meta = std::fs::metadata(input).map_err(|e| Error::input(input, format!("cannot read: {e}")))?;
            if meta.is_dir() {
                let mut found = Vec::new();
                source::walk_dir(input, &mut found)?;
                for path in found {
                    files.push(InputFile::new(path, config.format));
                }
            } else if !meta.is_file() {
                let name = input.display().to_string();
                let mut tmp = tempfile::NamedTempFile::new().map_err(|e| Error::io(name.clone(), e))?;
                crate::atomic_file::track_temporary(tmp.path());
                let mut src = std::fs::File::open(input).map_err(|e| Error::io(name.clone(), e))?;
                std::io::copy(&mut src, tmp.as_file_mut()).map_err(|e| Error::io(name, e))?;
                let mut file = InputFile::new(input.to_path_buf(), config.format);
                file.path = tmp.path().to_path_buf();
                files.push(file);
                spool.push(tmp);
            } else {
                files.push(InputFile::new(input.to_path_buf(), config.format));
            }
        }
        Ok(Corpus { files, config, skipped: Default::default(), _spool: spool, parts: None })
    }

    /// A corpus of files already resolved (as [`Corpus::files`] lists
    /// them), for reading a corpus again exactly as an earlier run did.
    pub fn from_files(files: Vec<InputFile>, config: ReaderConfig) -> Corpus {
        Corpus { files, config, skipped: Default::default(), _spool: Vec::new(), parts: None }
    }

    /// Restrict full passes ([`Corpus::scan`], [`Scan::run`]) to `parts`, in
    /// their order; records keep their places in the whole files, and
    /// [`Corpus::fetch`] still reads any record. Errors when a part names no
    /// file, or splits a file that cannot be split (compressed, or not a
    /// line file).
    pub fn restrict(mut self, parts: Vec<FilePart>) -> Result<Corpus> {
        for part in &parts {
            let Some(file) = self.files.get(part.file as usize) else {
                return Err(Error::config(format!("file part names file {} of {}", part.file, self.files.len())));
            };
            if part.range.is_some() && !file.splittable() {
                return Err(Error::config(format!(
                    "{}: only uncompressed line files can be read in parts",
                    file.display
                )));
            }
        }
        self.parts = Some(parts);
        Ok(self)
    }

    /// The input files in reading order.
    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// Whether [`Corpus::fetch`] seeks to the records it is asked for
    /// (every file is an uncompressed line file), so that fetching some
    /// records costs those records and not a pass over the input.
    pub fn fetch_seeks(&self) -> bool {
        self.files.iter().all(InputFile::splittable)
    }

    /// The parts a full pass reads, in order: every whole file, or the
    /// parts set by [`Corpus::restrict`].
    pub fn parts(&self) -> Vec<FilePart> {
        match &self.parts {
            Some(parts) => parts.clone(),
            None => (0..self.files.len() as u32).map(|file| FilePart { file, range: None }).collect(),
        }
    }

    /// The reader configuration.
    pub fn config(&self) -> &ReaderConfig {
        &self.config
    }

    /// The location of a record, for messages.
    pub fn location(&self, at: RecordRef) -> Location {
        let file = &self.files[at.file as usize];
        match file.kind {
            FileKind::Warc => Location::record(file.display.clone(), at.line),
            FileKind::Parquet => Location::row(file.display.clone(), at.line),
            _ => Location::line(file.display.clone(), at.line),
        }
    }

    /// WARC records that were not documents (requests, metadata, images,
    /// redirects ...), counted by reason over the files read so far.
    pub fn skipped(&self) -> std::collections::BTreeMap<String, u64> {
        let mut total = std::collections::BTreeMap::new();
        for per_file in self.skipped.lock().expect("not poisoned").values() {
            for (reason, n) in per_file {
                *total.entry(reason.clone()).or_insert(0) += n;
            }
        }
        total
    }

    /// Stream every raw record in input order, in batches of about
    /// [`BATCH_BYTES`]. A read error (including a truncated compressed
    /// stream) is reported for the line where it happened; with
    /// `skip_invalid` the rest of that file is skipped and the callback
    /// `on_reject` is told.
    ///
    /// Reading runs on its own thread, one batch ahead of `on_batch`, so
    /// parsing and hashing a batch overlaps reading the next.
    pub fn scan(
        &self,
        on_reject: &mut dyn FnMut(Rejected),
        on_batch: &mut dyn FnMut(Vec<RawRecord>) -> Result<()>,
    ) -> Result<()> {
        self.pipelined(|send| self.read_all_files(send), on_reject, on_batch)
    }

    /// Like [`Corpus::scan`], but only the records at `wanted` (sorted);
    /// records of uncompressed line files are read by seeking to their
    /// offsets, so the cost follows the records wanted, not the input size.
    pub fn fetch(
        &self,
        wanted: &[RecordRef],
        on_reject: &mut dyn FnMut(Rejected),
        on_batch: &mut dyn FnMut(Vec<RawRecord>) -> Result<()>,
    ) -> Result<()> {
        self.pipelined(|send| self.read_wanted(wanted, send), on_reject, on_batch)
    }

    /// Parse one raw record into a document.
    pub fn parse(&self, raw: &RawRecord) -> std::result::Result<Document, RecordError> {
        let file = &self.files[raw.at.file as usize];
        parse_record(file, raw, &self.config)
    }

    /// Where to report a rejected record: its line, or for a whole-file
    /// document with invalid UTF-8, the line of the first bad byte.
    pub fn reject_location(&self, raw: &RawRecord, reason: &RecordError) -> Location {
        let file = &self.files[raw.at.file as usize];
        match (file.kind, reason) {
            (FileKind::Text, RecordError::InvalidUtf8(offset)) => {
                Location::line(file.display.clone(), LineIndex::from_bytes(&raw.bytes).line(*offset) as u64)
            }
            _ => self.location(raw.at),
        }
    }

    /// Read the whole corpus into memory, in input order, through the one
    /// [`Scan`] (ids checked, bad records rejected as it says). Convenient
    /// for small corpora, tests and examples; the pipelines stream instead.
    pub fn read_all(&self) -> Result<(Vec<Document>, Vec<Rejected>)> {
        let mut docs = Vec::new();
        let rejected = Scan::new(self, &crate::progress::NoProgress).run(|| (), |_, doc| doc, &mut |doc| {
            docs.push(doc);
            Ok(())
        })?;
        Ok((docs, rejected))
    }
}

/// Parse one raw record of `file` into a [`Document`].
pub fn parse_record(
    file: &InputFile,
    raw: &RawRecord,
    config: &ReaderConfig,
) -> std::result::Result<Document, RecordError> {
    match file.kind {
        FileKind::Jsonl => {
            let fields = parse_jsonl_fields(&raw.bytes, config)?;
            let id = fields.id.unwrap_or_else(|| format!("{}:{}", file.display, raw.at.line));
            Ok(Document {
                id,
                text: fields.text,
                date: fields.date,
                source: fields.source,
                title: fields.title,
                url: None,
                at: raw.at,
            })
        }
        FileKind::Warc => {
            let d = warc::parse_warc_record(&raw.bytes, &config.id_field)?;
            Ok(Document {
                id: d.id,
                text: d.text,
                date: d.date,
                source: d.source,
                title: d.title,
                url: d.url,
                at: raw.at,
            })
        }
        FileKind::Html => {
            let page = html::decode(&raw.bytes, None);
            let x = html::extract(&page, None);
            let source = x.url.as_deref().and_then(warc::host_of);
            Ok(Document {
                id: file.display.clone(),
                text: x.text,
                date: x.date,
                source,
                title: x.title,
                url: x.url,
                at: raw.at,
            })
        }
        FileKind::Parquet => parquet::parse_row(file, raw, config),
        FileKind::Text | FileKind::Lines => {
            let text =
                std::str::from_utf8(&raw.bytes).map_err(|e| RecordError::InvalidUtf8(e.valid_up_to()))?.to_owned();
            let id = if file.kind == FileKind::Text {
                file.display.clone()
            } else {
                format!("{}:{}", file.display, raw.at.line)
            };
            Ok(Document { id, text, date: None, source: None, title: None, url: None, at: raw.at })
        }
    }
}

impl InputFile {
    fn new(path: PathBuf, format: Format) -> InputFile {
        let display = path.display().to_string();
        let compression = Compression::from_path(&path);
        let kind = match format {
            Format::Jsonl => FileKind::Jsonl,
            Format::Text => FileKind::Text,
            Format::Lines => FileKind::Lines,
            Format::Warc => FileKind::Warc,
            Format::Html => FileKind::Html,
            Format::Parquet => FileKind::Parquet,
            Format::Auto => {
                let stem = match compression {
                    Compression::None => display.as_str(),
                    _ => display.rsplit_once('.').map_or(display.as_str(), |(s, _)| s),
                };
                let lower = stem.to_ascii_lowercase();
                if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
                    FileKind::Jsonl
                } else if lower.ends_with(".warc") {
                    FileKind::Warc
                } else if lower.ends_with(".html") || lower.ends_with(".htm") {
                    FileKind::Html
                } else if lower.ends_with(".parquet") {
                    FileKind::Parquet
                } else {
                    FileKind::Text
                }
            }
        };
        InputFile { display, path, kind, compression }
    }
}

#[cfg(test)]
mod tests;
