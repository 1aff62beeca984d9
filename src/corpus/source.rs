//! Input files: resolution of directories, compression detection, opening.

use super::FileKind;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// How a file is compressed, judged by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`.gz`); concatenated members are read as one stream.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// Judge compression from the file name.
    pub fn from_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// One input file of a corpus.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    /// The path as the user wrote it (joined with the relative path inside
    /// a directory), `-` for standard input. Used in ids and messages.
    pub display: String,
    /// Where to read it from.
    pub path: PathBuf,
    /// What records it holds.
    pub kind: FileKind,
    /// How it is compressed.
    pub compression: Compression,
}

impl InputFile {
    /// Whether a byte range of the file can be read on its own: an
    /// uncompressed file of lines (JSON Lines, or one document a line).
    pub fn splittable(&self) -> bool {
        self.compression == Compression::None && matches!(self.kind, FileKind::Jsonl | FileKind::Lines)
    }

    /// Open the file for buffered reading, decompressing as needed.
    pub fn open(&self) -> Result<Box<dyn BufRead + Send>> {
        let file = File::open(&self.path).map_err(|e| Error::io(self.display.clone(), e))?;
        Ok(match self.compression {
            Compression::None => Box::new(BufReader::with_capacity(1 << 20, file)),
            // a .warc.gz holds a gzip member per record: inflated whole
            Compression::Gzip if self.kind == FileKind::Warc => Box::new(super::gzip::GzipMembers::new(file)),
            Compression::Gzip => {
                Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(BufReader::new(file))))
            }
            Compression::Zstd => {
                let decoder = zstd::stream::read::Decoder::new(file).map_err(|e| Error::io(self.display.clone(), e))?;
                Box::new(BufReader::with_capacity(1 << 20, decoder))
            }
        })
    }
}

/// Every regular file under `dir`, recursively, in sorted order.
pub(super) fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::input(dir, format!("cannot list: {e}")))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::input(dir, format!("cannot list: {e}")))?;
        paths.push(entry.path());
    }
    paths.sort();
    for path in paths {
        let meta = std::fs::metadata(&path).map_err(|e| Error::input(&path, format!("cannot read: {e}")))?;
        if meta.is_dir() {
            walk_dir(&path, out)?;
        } else if meta.is_file() {
            out.push(path);
        }
    }
    Ok(())
}
