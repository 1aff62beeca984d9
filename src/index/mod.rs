//! A persistent reference index of documents (wire stories, say) that new
//! text is checked against.
//!
//! What it stores per document: id, source, date, title and text (to show
//! and re-align a matched span), and the document's winnowed shingle
//! fingerprints with their token positions, in a posting table sorted by
//! hash for binary search straight from the memory-mapped file.
//!
//! # File format (version 1, little-endian)
//!
//! ```text
//! header   magic "WIRETRCE" | version u32 | shingle_size u32 | window u32 | reserved u32 | seed u64
//! segment* magic "WTSEGMNT" | doc_count u64 | posting_count u64 | blob_len u64 | body_len u64 | xxh3(body) u64
//!          body: doc_count × 80-byte entries (id, source, date, title, text: offset u64, len u32, flags u32)
//!                posting_count × (hash u64, doc u32, token u32), sorted
//!                blob_len bytes of UTF-8 strings
//! ```
//!
//! `index build` writes a header and one segment; `index add` copies the
//! existing segments byte for byte and appends a new one (no fingerprint is
//! recomputed). Every write goes to a temporary file that is synced and
//! renamed, so a crash leaves the old index or the new one, never a mix.
//! Opening checks the magic, the version, every segment's length against the
//! file and its checksum: a truncated or corrupted file is an error, never
//! read as garbage.
//!
//! Deletes and expiry are not implemented; the format admits them as a
//! tombstone segment (a list of ids) that readers subtract, and a `compact`
//! step that rewrites live segments.

use crate::corpus::{Corpus, Document, Rejected};
use crate::error::{Error, RecordError, Result};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::pipeline::{scan_documents, DocFilter};
use crate::progress::{Progress, Stage};
use crate::shingle::{shingle_hashes, winnow};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// The file's first 8 bytes.
pub const MAGIC: &[u8; 8] = b"WIRETRCE";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
const SEGMENT_MAGIC: &[u8; 8] = b"WTSEGMNT";
const HEADER_LEN: usize = 32;
const SEGMENT_HEADER_LEN: usize = 48;
const ENTRY_LEN: usize = 80;
const POSTING_LEN: usize = 16;
const FIELDS: usize = 5;
const ABSENT: u32 = 1;

/// Parameters an index is built with; checking against it must use the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct IndexParams {
    /// Words per shingle.
    pub shingle_size: usize,
    /// Winnowing window (shingles).
    pub window: usize,
    /// Hash seed.
    pub seed: u64,
}

impl Default for IndexParams {
    fn default() -> Self {
        IndexParams { shingle_size: 5, window: 8, seed: DEFAULT_SEED }
    }
}

/// One reference document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexDoc<'a> {
    /// Id.
    pub id: &'a str,
    /// Source (outlet).
    pub source: Option<&'a str>,
    /// Date.
    pub date: Option<&'a str>,
    /// Title.
    pub title: Option<&'a str>,
    /// Text.
    pub text: &'a str,
}

/// A document's fingerprints: `(hash, token position)`, the positions of the
/// winnowed shingles (a shingle at token `p` covers tokens `p..p+k`).
pub fn fingerprints_with_positions(tokens: &[Token], params: &IndexParams) -> Vec<(u64, u32)> {
    let mut hashes = Vec::new();
    shingle_hashes(tokens, params.shingle_size, params.seed, &mut hashes);
    let mut picks = Vec::new();
    winnow(&hashes, params.window, &mut picks);
    picks.into_iter().map(|p| (hashes[p as usize], p)).collect()
}

/// Documents and their fingerprints, ready to be written as a segment.
#[derive(Debug, Default)]
pub struct Segment {
    entries: Vec<[(u64, u32, u32); FIELDS]>,
    postings: Vec<(u64, u32, u32)>,
    blob: Vec<u8>,
}

impl Segment {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no document.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push_str(&mut self, s: Option<&str>) -> (u64, u32, u32) {
        match s {
            None => (0, 0, ABSENT),
            Some(s) => {
                let off = self.blob.len() as u64;
                self.blob.extend_from_slice(s.as_bytes());
                (off, s.len() as u32, 0)
            }
        }
    }

    fn add(&mut self, doc: &Document, fps: &[(u64, u32)]) {
        let d = self.entries.len() as u32;
        let entry = [
            self.push_str(Some(&doc.id)),
            self.push_str(doc.source.as_deref()),
            self.push_str(doc.date.as_deref()),
            self.push_str(doc.title.as_deref()),
            self.push_str(Some(&doc.text)),
        ];
        self.entries.push(entry);
        self.postings.extend(fps.iter().map(|&(h, p)| (h, d, p)));
    }

    /// The segment body, in pieces, handed to `emit`: entries, postings,
    /// strings. Called twice by [`Segment::write`] (to checksum, then to
    /// write) so the body is never copied into one buffer.
    fn body(&self, emit: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        for e in &self.entries {
            let mut buf = [0u8; ENTRY_LEN];
            for (chunk, &(off, len, flags)) in buf.chunks_exact_mut(16).zip(e) {
                chunk[..8].copy_from_slice(&off.to_le_bytes());
                chunk[8..12].copy_from_slice(&len.to_le_bytes());
                chunk[12..].copy_from_slice(&flags.to_le_bytes());
            }
            emit(&buf)?;
        }
        for &(h, d, p) in &self.postings {
            let mut buf = [0u8; POSTING_LEN];
            buf[..8].copy_from_slice(&h.to_le_bytes());
            buf[8..12].copy_from_slice(&d.to_le_bytes());
            buf[12..].copy_from_slice(&p.to_le_bytes());
            emit(&buf)?;
        }
        emit(&self.blob)
    }

    fn write(&mut self, w: &mut dyn Write) -> std::io::Result<()> {
        self.postings.sort_unstable();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        self.body(&mut |bytes| {
            hasher.update(bytes);
            Ok(())
        })?;
        let body_len = self.entries.len() * ENTRY_LEN + self.postings.len() * POSTING_LEN + self.blob.len();
        w.write_all(SEGMENT_MAGIC)?;
        for v in [
            self.entries.len() as u64,
            self.postings.len() as u64,
            self.blob.len() as u64,
            body_len as u64,
            hasher.digest(),
        ] {
            w.write_all(&v.to_le_bytes())?;
        }
        self.body(&mut |bytes| w.write_all(bytes))
    }
}

/// Read a corpus into a new segment. Ids must be unique, also against
/// `existing` ids.
pub fn build_segment(
    corpus: &Corpus,
    params: &IndexParams,
    existing: &HashSet<String>,
    progress: &dyn Progress,
) -> Result<(Segment, Vec<Rejected>)> {
    let mut segment = Segment::default();
    let mut rejected = Vec::new();
    let skip = corpus.config().skip_invalid;
    progress.begin(Stage::Index, None);
    scan_documents(
        corpus,
        DocFilter::All,
        progress,
        || Tokenizer::new(params.seed),
        |tok, doc| {
            let tokens = tok.tokens(&doc.text);
            let fps = fingerprints_with_positions(&tokens, params);
            (doc, fps)
        },
        &mut |r| {
            // ids repeated within the input are rejected by the scan
            let r = r.and_then(|(doc, fps): (Document, Vec<(u64, u32)>)| {
                if existing.contains(&doc.id) {
                    Err(Rejected {
                        location: corpus.location(doc.at),
                        reason: RecordError::DuplicateId { id: doc.id.clone(), first: "the index".into() },
                    })
                } else {
                    Ok((doc, fps))
                }
            });
            match r {
                Ok((doc, fps)) => segment.add(&doc, &fps),
                Err(rej) if skip => rejected.push(rej),
                Err(rej) => return Err(crate::pipeline::strict_error(rej)),
            }
            Ok(())
        },
    )?;
    progress.end();
    Ok((segment, rejected))
}

fn write_header(w: &mut dyn Write, params: &IndexParams) -> std::io::Result<()> {
    w.write_all(MAGIC)?;
    w.write_all(&VERSION.to_le_bytes())?;
    w.write_all(&(params.shingle_size as u32).to_le_bytes())?;
    w.write_all(&(params.window as u32).to_le_bytes())?;
    w.write_all(&0u32.to_le_bytes())?;
    w.write_all(&params.seed.to_le_bytes())
}

/// Write a new index file with one segment.
pub fn write_new(path: &Path, params: &IndexParams, mut segment: Segment) -> Result<()> {
    let name = path.display().to_string();
    let mut out = crate::report::AtomicFile::create(path)?;
    write_header(&mut out, params).map_err(|e| Error::io(name.clone(), e))?;
    segment.write(&mut out).map_err(|e| Error::io(name, e))?;
    out.commit()
}

/// Write `index`'s segments plus a new one to `path` (usually the index's
/// own path: the old file is replaced atomically).
pub fn write_appended(path: &Path, index: &Index, mut segment: Segment) -> Result<()> {
    let name = path.display().to_string();
    let mut out = crate::report::AtomicFile::create(path)?;
    out.write_all(&index.map[..]).map_err(|e| Error::io(name.clone(), e))?;
    segment.write(&mut out).map_err(|e| Error::io(name, e))?;
    out.commit()
}

#[derive(Debug)]
struct SegmentView {
    /// First global document number of this segment.
    base: u32,
    docs: usize,
    entries: usize,
    postings: usize,
    posting_count: usize,
    blob: usize,
}

/// An index opened for reading (memory-mapped).
#[derive(Debug)]
pub struct Index {
    map: memmap2::Mmap,
    params: IndexParams,
    segments: Vec<SegmentView>,
    docs: usize,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Summary of an index for `index info`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct IndexInfo {
    /// Format version.
    pub version: u32,
    /// Build parameters.
    pub params: IndexParams,
    /// Documents.
    pub documents: usize,
    /// Segments (one per build or add).
    pub segments: usize,
    /// Fingerprint postings.
    pub postings: usize,
    /// File size in bytes.
    pub bytes: usize,
}

impl Index {
    /// Open and validate an index file.
    pub fn open(path: &Path) -> Result<Index> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::io(name.clone(), e))?;
        // SAFETY: the file is opened read-only and wiretrace replaces index
        // files by rename, never in place, so the mapping does not change
        // under us unless another program truncates the file.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(name.clone(), e))?;
        let bad = |m: String| Error::format(name.clone(), m);
        if map.len() < HEADER_LEN || &map[..8] != MAGIC {
            return Err(bad("not a wiretrace index (bad magic)".into()));
        }
        let version = u32_at(&map, 8);
        if version != VERSION {
            return Err(bad(format!(
                "index format version {version} is not supported (this build reads version {VERSION}); rebuild it \
                 with `wiretrace index build`"
            )));
        }
        let params = IndexParams {
            shingle_size: u32_at(&map, 12) as usize,
            window: u32_at(&map, 16) as usize,
            seed: u64_at(&map, 24),
        };
        let mut segments = Vec::new();
        let mut at = HEADER_LEN;
        let mut docs = 0usize;
        while at < map.len() {
            if map.len() - at < SEGMENT_HEADER_LEN || &map[at..at + 8] != SEGMENT_MAGIC {
                return Err(bad(format!("corrupt or truncated segment header at byte {at}")));
            }
            let doc_count = u64_at(&map, at + 8) as usize;
            let posting_count = u64_at(&map, at + 16) as usize;
            let blob_len = u64_at(&map, at + 24) as usize;
            let body_len = u64_at(&map, at + 32) as usize;
            let checksum = u64_at(&map, at + 40);
            let body = at + SEGMENT_HEADER_LEN;
            let expected = doc_count
                .checked_mul(ENTRY_LEN)
                .and_then(|a| posting_count.checked_mul(POSTING_LEN).and_then(|b| a.checked_add(b)))
                .and_then(|a| a.checked_add(blob_len));
            if expected != Some(body_len) {
                return Err(bad(format!("corrupt segment header at byte {at} (sizes do not add up)")));
            }
            if map.len() - body < body_len {
                return Err(bad(format!(
                    "truncated: the segment at byte {at} needs {body_len} bytes, the file has {}",
                    map.len() - body
                )));
            }
            if xxh3_64(&map[body..body + body_len]) != checksum {
                return Err(bad(format!("corrupt: checksum mismatch in the segment at byte {at}")));
            }
            segments.push(SegmentView {
                base: docs as u32,
                docs: doc_count,
                entries: body,
                postings: body + doc_count * ENTRY_LEN,
                posting_count,
                blob: body + doc_count * ENTRY_LEN + posting_count * POSTING_LEN,
            });
            docs += doc_count;
            at = body + body_len;
        }
        let index = Index { map, params, segments, docs };
        index.check_entries().map_err(|m| Error::format(name, m))?;
        Ok(index)
    }

    /// Every entry's strings lie inside its blob and are UTF-8.
    fn check_entries(&self) -> std::result::Result<(), String> {
        for (si, s) in self.segments.iter().enumerate() {
            let blob_len = self.segment_end(si) - s.blob;
            for d in 0..s.docs {
                for f in 0..FIELDS {
                    let e = s.entries + d * ENTRY_LEN + f * 16;
                    let (off, len) = (u64_at(&self.map, e) as usize, u32_at(&self.map, e + 8) as usize);
                    if off.checked_add(len).is_none_or(|end| end > blob_len) {
                        return Err(format!("corrupt document entry {d} in segment {si}"));
                    }
                    if std::str::from_utf8(&self.map[s.blob + off..s.blob + off + len]).is_err() {
                        return Err(format!("corrupt text in document entry {d} of segment {si}"));
                    }
                }
            }
        }
        Ok(())
    }

    fn segment_end(&self, si: usize) -> usize {
        let s = &self.segments[si];
        s.blob + {
            let header = s.entries - SEGMENT_HEADER_LEN;
            u64_at(&self.map, header + 24) as usize
        }
    }

    /// The build parameters.
    pub fn params(&self) -> &IndexParams {
        &self.params
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Document `d` (global number).
    pub fn doc(&self, d: u32) -> IndexDoc<'_> {
        let si = self.segments.partition_point(|s| s.base <= d) - 1;
        let s = &self.segments[si];
        let local = (d - s.base) as usize;
        let field = |f: usize| -> Option<&str> {
            let e = s.entries + local * ENTRY_LEN + f * 16;
            let (off, len, flags) =
                (u64_at(&self.map, e) as usize, u32_at(&self.map, e + 8) as usize, u32_at(&self.map, e + 12));
            if flags & ABSENT != 0 {
                return None;
            }
            let bytes = &self.map[s.blob + off..s.blob + off + len];
            // validated in `open`
            Some(std::str::from_utf8(bytes).expect("validated UTF-8"))
        };
        IndexDoc {
            id: field(0).unwrap_or(""),
            source: field(1),
            date: field(2),
            title: field(3),
            text: field(4).unwrap_or(""),
        }
    }

    /// Every document id.
    pub fn ids(&self) -> HashSet<String> {
        (0..self.docs as u32).map(|d| self.doc(d).id.to_owned()).collect()
    }

    /// The `(document, token position)` postings of a fingerprint hash, in
    /// document order.
    pub fn postings(&self, hash: u64, out: &mut Vec<(u32, u32)>) {
        out.clear();
        for s in &self.segments {
            let at = |i: usize| s.postings + i * POSTING_LEN;
            let first = partition(s.posting_count, |i| u64_at(&self.map, at(i)) < hash);
            let mut i = first;
            while i < s.posting_count && u64_at(&self.map, at(i)) == hash {
                out.push((s.base + u32_at(&self.map, at(i) + 8), u32_at(&self.map, at(i) + 12)));
                i += 1;
            }
        }
    }

    /// What `index info` shows.
    pub fn info(&self) -> IndexInfo {
        IndexInfo {
            version: VERSION,
            params: self.params,
            documents: self.docs,
            segments: self.segments.len(),
            postings: self.segments.iter().map(|s| s.posting_count).sum(),
            bytes: self.map.len(),
        }
    }
}

/// The first index in `0..n` where `pred` is false (`pred` true then false).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Build a whole index from a corpus and write it to `path`.
pub fn build(corpus: &Corpus, params: &IndexParams, path: &Path, progress: &dyn Progress) -> Result<BuildReport> {
    let (segment, rejected) = build_segment(corpus, params, &HashSet::new(), progress)?;
    let added = segment.len();
    write_new(path, params, segment)?;
    Ok(BuildReport { added, rejected })
}

/// Add a corpus to an existing index at `path`.
pub fn add(corpus: &Corpus, path: &Path, progress: &dyn Progress) -> Result<BuildReport> {
    let index = Index::open(path)?;
    let (segment, rejected) = build_segment(corpus, index.params(), &index.ids(), progress)?;
    let added = segment.len();
    write_appended(path, &index, segment)?;
    Ok(BuildReport { added, rejected })
}

/// What `build` and `add` did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents added.
    pub added: usize,
    /// Records rejected (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
}

#[cfg(test)]
mod tests;
