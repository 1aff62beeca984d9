//! Records of an uncompressed line file read straight from memory-mapped
//! windows of it: the parser reads a record where the page cache holds
//! it, with no copy through a read buffer and into a vector of its own.
//!
//! A window maps [`WINDOW`] bytes (more for a longer line); each record
//! holds its window, which is unmapped once no record of it is held, so a
//! pass keeps only the windows of the batches in flight mapped (a few
//! times [`WINDOW`] of resident file pages), not the whole file.
//!
//! As with any memory map, the file must not be truncated while it is
//! read (the same holds for the index, `src/index/reader.rs`).

use memmap2::{Mmap, MmapOptions};
use std::fs::File;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::Arc;

/// Bytes a window maps at least (less at the end of the file).
const WINDOW: usize = 16 << 20;

/// The bytes of one raw record: read into memory, or a range of a mapped
/// window of its file.
pub struct RecordBytes(Repr);

enum Repr {
    Owned(Vec<u8>),
    Mapped { window: Arc<Mmap>, range: Range<usize> },
}

impl Deref for RecordBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Owned(bytes) => bytes,
            Repr::Mapped { window, range } => &window[range.clone()],
        }
    }
}

impl From<Vec<u8>> for RecordBytes {
    fn from(bytes: Vec<u8>) -> Self {
        RecordBytes(Repr::Owned(bytes))
    }
}

impl std::fmt::Debug for RecordBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecordBytes({} bytes)", self.len())
    }
}

/// A line file read through mapped windows.
pub(super) struct MappedLines {
    file: File,
    len: u64,
    /// The current window and the file offset it starts at.
    window: Option<(u64, Arc<Mmap>)>,
}

impl MappedLines {
    /// The file at `path` when it is a regular file (a pipe or a device
    /// cannot be mapped: `None`, and the caller reads it).
    pub(super) fn open(path: &Path) -> std::io::Result<Option<MappedLines>> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Ok(None);
        }
        Ok(Some(MappedLines { file, len: meta.len(), window: None }))
    }

    /// The line that starts at byte `offset`, without its line terminator
    /// (`\n` or `\r\n`), and the bytes it takes with the terminator; `None`
    /// at or past the end of the file. The last line may lack a `\n`.
    pub(super) fn line_at(&mut self, offset: u64) -> std::io::Result<Option<(RecordBytes, u64)>> {
        if offset >= self.len {
            return Ok(None);
        }
        let mut size = WINDOW;
        loop {
            let (start, window) = self.window_at(offset, size)?;
            let from = (offset - start) as usize;
            let at_end = start + window.len() as u64 == self.len;
            let end = match memchr::memchr(b'\n', &window[from..]) {
                Some(i) => from + i + 1,
                None if at_end => window.len(),
                None => {
                    // the line goes on past the window: a larger one from the line's start
                    size = size.saturating_mul(2);
                    self.window = None;
                    continue;
                }
            };
            let mut body = end;
            if window[from..body].last() == Some(&b'\n') {
                body -= 1;
                if window[from..body].last() == Some(&b'\r') {
                    body -= 1;
                }
            }
            let taken = (end - from) as u64;
            return Ok(Some((RecordBytes(Repr::Mapped { window, range: from..body }), taken)));
        }
    }

    /// A window holding `offset` (the current one, or a new one of at
    /// least `size` bytes from `offset`), with the offset it starts at.
    fn window_at(&mut self, offset: u64, size: usize) -> std::io::Result<(u64, Arc<Mmap>)> {
        if let Some((start, window)) = &self.window {
            if offset >= *start && offset < start + window.len() as u64 {
                return Ok((*start, Arc::clone(window)));
            }
        }
        let len = size.min((self.len - offset) as usize);
        // SAFETY: the file is only read; that it is not truncated while
        // mapped is the documented condition of reading it (module docs)
        let map = unsafe { MmapOptions::new().offset(offset).len(len).map(&self.file)? };
        let window = Arc::new(map);
        self.window = Some((offset, Arc::clone(&window)));
        Ok((offset, window))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn lines_of(content: &[u8]) -> Vec<(Vec<u8>, u64)> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content).unwrap();
        let mut m = MappedLines::open(f.path()).unwrap().expect("a regular file");
        let mut out = Vec::new();
        let mut offset = 0;
        while let Some((bytes, n)) = m.line_at(offset).unwrap() {
            out.push((bytes.to_vec(), offset));
            offset += n;
        }
        out
    }

    #[test]
    fn lines_come_without_terminators_at_their_offsets() {
        let got = lines_of(b"ab\r\n\ncd\nlast");
        let want: Vec<(Vec<u8>, u64)> =
            vec![(b"ab".to_vec(), 0), (b"".to_vec(), 4), (b"cd".to_vec(), 5), (b"last".to_vec(), 8)];
        assert_eq!(got, want);
    }

    #[test]
    fn a_line_longer_than_a_window_is_whole() {
        let long = vec![b'x'; WINDOW + WINDOW / 2];
        let mut content = b"first\n".to_vec();
        content.extend_from_slice(&long);
        content.extend_from_slice(b"\nend\n");
        let got = lines_of(&content);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0, long);
        assert_eq!(got[1].1, 6);
        assert_eq!(got[2], (b"end".to_vec(), (6 + long.len() + 1) as u64));
    }

    #[test]
    fn an_empty_file_has_no_lines() {
        assert!(lines_of(b"").is_empty());
    }
}
