//! Reading input files into batches of raw records: a reader thread per
//! pass, one batch ahead of the parser; line files, whole files and WARC
//! records; seeking to wanted records where the file allows it.

use super::mapped::MappedLines;
use super::*;
use std::io::{BufRead, Read};

/// The read buffer of [`Corpus::fetch`] on seekable files: a few average
/// records, so a record far from the last one costs about its own size.
const FETCH_BUFFER: usize = 16 << 10;

/// What the reader thread hands over.
pub(super) enum Msg {
    Batch(Vec<RawRecord>),
    Reject(Rejected),
}

/// Where a run of lines starts and ends: its first line's number, its
/// first byte, and the byte before which the last line starts.
#[derive(Clone, Copy)]
struct Lines {
    first_line: u64,
    start: u64,
    end: u64,
}

/// Collects records into batches of about [`BATCH_BYTES`].
#[derive(Default)]
pub(super) struct Batcher {
    records: Vec<RawRecord>,
    bytes: usize,
}

impl Batcher {
    /// Add a record; send the batch when full. False when the receiver is gone.
    pub(super) fn push(&mut self, record: RawRecord, send: &mut dyn FnMut(Msg) -> bool) -> bool {
        self.bytes += record.bytes.len() + 64;
        self.records.push(record);
        if self.bytes >= BATCH_BYTES {
            self.bytes = 0;
            return send(Msg::Batch(std::mem::take(&mut self.records)));
        }
        true
    }

    fn flush(&mut self, send: &mut dyn FnMut(Msg) -> bool) {
        if !self.records.is_empty() {
            send(Msg::Batch(std::mem::take(&mut self.records)));
        }
    }
}

/// Whether the line at `at` is a record to hand over: not a blank line of
/// JSON Lines (which is no record), and one of `only` when given.
fn wanted_line(kind: FileKind, at: &RecordRef, line: &[u8], only: Option<&[RecordRef]>) -> bool {
    let blank = kind == FileKind::Jsonl && line.iter().all(u8::is_ascii_whitespace);
    !blank && only.is_none_or(|o| o.binary_search(at).is_ok())
}

fn strip_line_end(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

impl Corpus {
    /// Run `reader` on a thread of its own, handing its messages to the
    /// callbacks on this thread.
    pub(super) fn pipelined(
        &self,
        reader: impl FnOnce(&mut dyn FnMut(Msg) -> bool) -> Result<()> + Send,
        on_reject: &mut dyn FnMut(Rejected),
        on_batch: &mut dyn FnMut(Vec<RawRecord>) -> Result<()>,
    ) -> Result<()> {
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(1);
            let handle = scope.spawn(move || reader(&mut |m| tx.send(m).is_ok()));
            let mut outcome = Ok(());
            for msg in rx.iter() {
                match msg {
                    Msg::Batch(batch) => {
                        if let Err(e) = on_batch(batch) {
                            outcome = Err(e);
                            break;
                        }
                    }
                    Msg::Reject(r) => on_reject(r),
                }
            }
            drop(rx);
            let read = handle.join().expect("the reader thread does not panic");
            outcome.and(read)
        })
    }

    pub(super) fn read_all_files(&self, send: &mut dyn FnMut(Msg) -> bool) -> Result<()> {
        let mut batch = Batcher::default();
        for part in self.parts() {
            let more = match part.range {
                None => self.read_file(part.file, None, &mut batch, send)?,
                Some(range) => self.read_range(part.file, range, &mut batch, send)?,
            };
            if !more {
                return Ok(());
            }
        }
        batch.flush(send);
        Ok(())
    }

    /// Read the lines of an uncompressed line file that start in `range`.
    fn read_range(
        &self,
        fi: u32,
        range: LineRange,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        use std::io::{Seek, SeekFrom};
        let file = &self.files[fi as usize];
        let lines = Lines { first_line: range.first_line, start: range.start, end: range.end };
        if let Some(map) = MappedLines::open(&file.path).map_err(|e| Error::io(file.display.clone(), e))? {
            return self.read_mapped_lines(fi, map, lines, None, batch, send);
        }
        let f = std::fs::File::open(&file.path).map_err(|e| Error::io(file.display.clone(), e))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, f);
        reader.seek(SeekFrom::Start(range.start)).map_err(|e| Error::io(file.display.clone(), e))?;
        self.read_lines(fi, &mut reader, lines, None, batch, send)
    }

    /// [`Corpus::read_lines`] on an uncompressed file through its mapped
    /// windows: the same records, without copying them.
    fn read_mapped_lines(
        &self,
        fi: u32,
        mut map: MappedLines,
        lines: Lines,
        only: Option<&[RecordRef]>,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        let file = &self.files[fi as usize];
        let (mut line_no, mut offset) = (lines.first_line - 1, lines.start);
        while offset < lines.end {
            let Some((bytes, n)) = map.line_at(offset).map_err(|e| Error::io(file.display.clone(), e))? else {
                break;
            };
            line_no += 1;
            let at = RecordRef { file: fi, line: line_no, offset };
            offset += n;
            if wanted_line(file.kind, &at, &bytes, only) && !batch.push(RawRecord { at, bytes }, send) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Read lines (records of a JSON Lines or lines file) from `reader`,
    /// which stands at `lines.start`, up to `lines.end` (those in `only`).
    fn read_lines(
        &self,
        fi: u32,
        reader: &mut dyn BufRead,
        lines: Lines,
        only: Option<&[RecordRef]>,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        let file = &self.files[fi as usize];
        let (mut line_no, mut offset) = (lines.first_line - 1, lines.start);
        // one growing buffer for reading, and an exact-size copy a record:
        // reading straight into a new vector would grow it a dozen times
        let mut line = Vec::new();
        while offset < lines.end {
            line.clear();
            let n = match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    let location = Location::line(file.display.clone(), line_no + 1);
                    return match (read_error_reason(&e, file.compression), self.config.skip_invalid) {
                        (Some(reason), true) => Ok(send(Msg::Reject(Rejected { location, reason }))),
                        (Some(reason), false) => Err(Error::record(location, reason)),
                        (None, _) => Err(Error::io(file.display.clone(), e)),
                    };
                }
            };
            line_no += 1;
            let at = RecordRef { file: fi, line: line_no, offset };
            offset += n as u64;
            strip_line_end(&mut line);
            if wanted_line(file.kind, &at, &line, only)
                && !batch.push(RawRecord { at, bytes: line.clone().into() }, send)
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub(super) fn read_wanted(&self, wanted: &[RecordRef], send: &mut dyn FnMut(Msg) -> bool) -> Result<()> {
        let mut batch = Batcher::default();
        for group in wanted.chunk_by(|a, b| a.file == b.file) {
            let fi = group[0].file;
            let file = &self.files[fi as usize];
            if !file.splittable() {
                if !self.read_file(fi, Some(group), &mut batch, send)? {
                    return Ok(());
                }
                continue;
            }
            let f = std::fs::File::open(&file.path).map_err(|e| Error::io(file.display.clone(), e))?;
            // (not through mapped windows: records far apart would each
            // keep a window and its faulted-in pages until their batch is
            // parsed, a hundred MB of resident file pages)
            // a relative seek keeps the buffer when the record is in it, so
            // records close together are read once, not once per record;
            // the buffer is small because a seek past it throws it away, and
            // refilling a large one for each record far apart (the usual
            // case when verifying candidate pairs) copies far more than the
            // record
            let mut reader = std::io::BufReader::with_capacity(FETCH_BUFFER, f);
            let mut pos = 0u64;
            let mut line = Vec::new();
            for at in group {
                let delta = at.offset as i64 - pos as i64;
                reader.seek_relative(delta).map_err(|e| Error::io(file.display.clone(), e))?;
                line.clear();
                let n = reader.read_until(b'\n', &mut line).map_err(|e| Error::io(file.display.clone(), e))?;
                pos = at.offset + n as u64;
                strip_line_end(&mut line);
                if !batch.push(RawRecord { at: *at, bytes: line.clone().into() }, send) {
                    return Ok(());
                }
            }
        }
        batch.flush(send);
        Ok(())
    }

    /// Read one file's records (all, or those in `only`) into `batch`.
    /// Returns false when the receiver has gone away.
    fn read_file(
        &self,
        fi: u32,
        only: Option<&[RecordRef]>,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        let file = &self.files[fi as usize];
        let keep = |at: &RecordRef| only.is_none_or(|o| o.binary_search(at).is_ok());
        let all_lines = Lines { first_line: 1, start: 0, end: u64::MAX };
        if matches!(file.kind, FileKind::Jsonl | FileKind::Lines) && file.compression == Compression::None {
            if let Some(map) = MappedLines::open(&file.path).map_err(|e| Error::io(file.display.clone(), e))? {
                return self.read_mapped_lines(fi, map, all_lines, only, batch, send);
            }
        }
        let mut reader = file.open()?;
        match file.kind {
            FileKind::Warc => return self.read_warc(fi, only, reader, batch, send),
            FileKind::Parquet => return self.read_parquet(fi, only, batch, send),
            FileKind::Text | FileKind::Html => {
                let mut bytes = Vec::new();
                if let Err(e) = reader.read_to_end(&mut bytes) {
                    let location = Location::file(file.display.clone());
                    return match (read_error_reason(&e, file.compression), self.config.skip_invalid) {
                        (Some(reason), true) => Ok(send(Msg::Reject(Rejected { location, reason }))),
                        (Some(reason), false) => Err(Error::record(location, reason)),
                        (None, _) => Err(Error::io(file.display.clone(), e)),
                    };
                }
                let at = RecordRef { file: fi, line: 1, offset: 0 };
                if keep(&at) {
                    return Ok(batch.push(RawRecord { at, bytes: bytes.into() }, send));
                }
            }
            FileKind::Jsonl | FileKind::Lines => {
                return self.read_lines(fi, &mut reader, all_lines, only, batch, send);
            }
        }
        Ok(true)
    }

    /// Read the records of a WARC file that are documents into `batch`;
    /// count the others.
    fn read_warc(
        &self,
        fi: u32,
        only: Option<&[RecordRef]>,
        reader: Box<dyn BufRead + Send>,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        let file = &self.files[fi as usize];
        let mut reader = warc::WarcReader::new(reader);
        let mut skipped = std::collections::BTreeMap::new();
        while let Some(record) = reader.next_record() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let location = Location::record(file.display.clone(), e.number);
                    let reason = RecordError::Malformed(e.detail());
                    if !self.config.skip_invalid {
                        return Err(Error::record(location, reason));
                    }
                    if !send(Msg::Reject(Rejected { location, reason })) {
                        return Ok(false);
                    }
                    break;
                }
            };
            let at = RecordRef { file: fi, line: record.number, offset: record.offset };
            if let warc::Disposition::Skip(why) = warc::classify(&record.header(), record.block()) {
                *skipped.entry(why).or_insert(0u64) += 1;
                continue;
            }
            if only.is_none_or(|o| o.binary_search(&at).is_ok())
                && !batch.push(RawRecord { at, bytes: record.bytes.into() }, send)
            {
                return Ok(false);
            }
        }
        if only.is_none() {
            self.skipped.lock().expect("not poisoned").insert(fi, skipped);
        }
        Ok(true)
    }
}

/// A read error that a damaged input explains (a record error, reported at
/// its line and skippable), or `None` for an I/O failure. A decoder of a
/// compressed file reports damage with any kind (zstd: `Other`, "Data
/// corruption detected"), so every error of a compressed stream is damage.
fn read_error_reason(e: &std::io::Error, compression: Compression) -> Option<RecordError> {
    use std::io::ErrorKind::{InvalidData, InvalidInput, Other, UnexpectedEof};
    match (e.kind(), compression) {
        (UnexpectedEof | InvalidData | InvalidInput, _) | (Other, Compression::Gzip | Compression::Zstd) => {
            Some(RecordError::Corrupt(e.to_string()))
        }
        _ => None,
    }
}
