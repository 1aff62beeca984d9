//! Reading an index: [`Index`] maps the file, validates it once, and
//! answers document and fingerprint lookups.

use super::format::*;
use super::{IndexDoc, IndexParams};
use crate::corpus::DocId;
use crate::error::{Error, Result};
use crate::fingerprint::{FingerprintParams, Occurrence, Postings};
use std::collections::HashSet;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

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
    header_len: usize,
}

/// Summary of an index for `index info`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct IndexInfo {
    /// Format version of the file.
    pub version: u32,
    /// The fingerprint parameters it was built with.
    pub params: IndexParams,
    /// Number of documents.
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
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Error::input(path, "is a directory, not an index file"));
        }
        // SAFETY: the file is opened read-only and wiretrace replaces index
        // files by rename, never in place, so the mapping does not change
        // under us unless another program truncates the file.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(name.clone(), e))?;
        let bad = |m: String| Error::format(name.clone(), m);
        if map.len() < HEADER_LEN_V1 || &map[..8] != MAGIC {
            return Err(bad("not a wiretrace index (bad magic)".into()));
        }
        let version = u32_at(&map, 8);
        let (header_len, declared) = match version {
            VERSION_1 => (HEADER_LEN_V1, None),
            VERSION => {
                if map.len() < HEADER_LEN {
                    return Err(bad("truncated header".into()));
                }
                if xxh3_64(&map[..HEADER_LEN_V1]) != u64_at(&map, HEADER_LEN_V1) {
                    return Err(bad("corrupt: header checksum mismatch".into()));
                }
                (HEADER_LEN, Some(u32_at(&map, 20) as usize))
            }
            _ => {
                return Err(bad(format!(
                    "index format version {version} is not supported (this build reads versions {VERSION_1} and \
                     {VERSION}); rebuild it with `wiretrace index build`"
                )))
            }
        };
        let params = IndexParams {
            shingle_size: u32_at(&map, 12) as usize,
            window: u32_at(&map, 16) as usize,
            seed: u64_at(&map, 24),
        };
        params.validate().map_err(|e| bad(format!("corrupt header: {e}")))?;
        let mut segments = Vec::new();
        let mut at = header_len;
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
            docs = docs
                .checked_add(doc_count)
                .filter(|&d| d <= u32::MAX as usize)
                .ok_or_else(|| bad(format!("corrupt segment header at byte {at} (too many documents)")))?;
            at = body + body_len;
        }
        match declared {
            Some(n) if n != segments.len() => {
                return Err(bad(format!(
                    "truncated or corrupt: the header declares {n} segments, the file holds {}",
                    segments.len()
                )))
            }
            _ if segments.is_empty() => return Err(bad("truncated: no segment after the header".into())),
            _ => {}
        }
        let index = Index { map, params, segments, docs, header_len };
        index.check_entries().map_err(|m| Error::format(name.clone(), m))?;
        index.check_postings().map_err(|m| Error::format(name, m))?;
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

    /// Every posting names a document of its segment, at a token position
    /// below its text's length in bytes (a token is at least one byte), and
    /// the postings are sorted: so no lookup yields an out-of-range
    /// document and binary search is sound.
    fn check_postings(&self) -> std::result::Result<(), String> {
        for (si, s) in self.segments.iter().enumerate() {
            let mut prev: Option<(u64, u32, u32)> = None;
            for i in 0..s.posting_count {
                let at = s.postings + i * POSTING_LEN;
                let p = (u64_at(&self.map, at), u32_at(&self.map, at + 8), u32_at(&self.map, at + 12));
                if p.1 as usize >= s.docs {
                    return Err(format!("corrupt posting {i} in segment {si}: document {} of {}", p.1, s.docs));
                }
                let text_len = u32_at(&self.map, s.entries + p.1 as usize * ENTRY_LEN + 4 * 16 + 8);
                if p.2 >= text_len {
                    return Err(format!("corrupt posting {i} in segment {si}: position {} past the text", p.2));
                }
                if prev.is_some_and(|q| q > p) {
                    return Err(format!("corrupt posting {i} in segment {si}: postings out of order"));
                }
                prev = Some(p);
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
    pub fn doc(&self, d: DocId) -> IndexDoc<'_> {
        let si = self.segments.partition_point(|s| s.base <= d.0) - 1;
        let s = &self.segments[si];
        let local = (d.0 - s.base) as usize;
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
        (0..self.docs).map(|d| self.doc(DocId::new(d)).id.to_owned()).collect()
    }

    /// What `index info` shows.
    pub fn info(&self) -> IndexInfo {
        IndexInfo {
            version: u32_at(&self.map, 8),
            params: self.params,
            documents: self.docs,
            segments: self.segments.len(),
            postings: self.segments.iter().map(|s| s.posting_count).sum(),
            bytes: self.map.len(),
        }
    }

    /// Number of segments.
    pub fn segments(&self) -> usize {
        self.segments.len()
    }

    /// The bytes of every segment, after the header (to copy them).
    pub(super) fn segment_bytes(&self) -> &[u8] {
        &self.map[self.header_len..]
    }
}

impl Postings for Index {
    fn params(&self) -> FingerprintParams {
        self.params
    }

    /// The postings of a fingerprint hash, in document order (segments
    /// hold increasing document numbers; each is sorted by hash, document,
    /// position).
    fn lookup(&self, hash: u64, out: &mut Vec<Occurrence>) {
        out.clear();
        for s in &self.segments {
            let at = |i: usize| s.postings + i * POSTING_LEN;
            let first = partition(s.posting_count, |i| u64_at(&self.map, at(i)) < hash);
            let mut i = first;
            while i < s.posting_count && u64_at(&self.map, at(i)) == hash {
                out.push(Occurrence {
                    doc: DocId(s.base + u32_at(&self.map, at(i) + 8)),
                    pos: u32_at(&self.map, at(i) + 12),
                });
                i += 1;
            }
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
