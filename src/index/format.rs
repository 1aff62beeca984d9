//! The on-disk layout of an index (see [`crate::index`] for the picture):
//! constants, the header, and the writer of one segment.

use super::IndexParams;
use crate::corpus::Document;
use crate::fingerprint::Fingerprint;
use std::io::Write;

/// The file's first 8 bytes.
pub const MAGIC: &[u8; 8] = b"WIRETRCE";
/// The format version this build writes (it also reads [`VERSION_1`]).
pub const VERSION: u32 = 2;
/// The first format version: no header checksum, no segment count; still
/// read (a damaged header or a cut at a segment boundary is not detected
/// there), and rewritten as the current version by `index add`.
pub const VERSION_1: u32 = 1;
pub(super) const SEGMENT_MAGIC: &[u8; 8] = b"WTSEGMNT";
/// Header length in version 2: version 1's 32 bytes + xxh3 of those.
pub(super) const HEADER_LEN: usize = 40;
pub(super) const HEADER_LEN_V1: usize = 32;
pub(super) const SEGMENT_HEADER_LEN: usize = 48;
pub(super) const ENTRY_LEN: usize = 80;
pub(super) const POSTING_LEN: usize = 16;
pub(super) const FIELDS: usize = 5;
pub(super) const ABSENT: u32 = 1;

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

    pub(super) fn add(&mut self, doc: &Document, fps: &[Fingerprint]) {
        let d = self.entries.len() as u32;
        let entry = [
            self.push_str(Some(&doc.id)),
            self.push_str(doc.source.as_deref()),
            self.push_str(doc.date.as_deref()),
            self.push_str(doc.title.as_deref()),
            self.push_str(Some(&doc.text)),
        ];
        self.entries.push(entry);
        self.postings.extend(fps.iter().map(|f| (f.hash, d, f.pos)));
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

    pub(super) fn write(&mut self, w: &mut dyn Write) -> std::io::Result<()> {
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

/// The version 2 header: magic, version, parameters, the number of
/// segments that follow, and a checksum of those 32 bytes.
pub(super) fn header(params: &IndexParams, segments: u32) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[12..16].copy_from_slice(&(params.shingle_size as u32).to_le_bytes());
    h[16..20].copy_from_slice(&(params.window as u32).to_le_bytes());
    h[20..24].copy_from_slice(&segments.to_le_bytes());
    h[24..32].copy_from_slice(&params.seed.to_le_bytes());
    let sum = xxhash_rust::xxh3::xxh3_64(&h[..HEADER_LEN_V1]);
    h[32..].copy_from_slice(&sum.to_le_bytes());
    h
}

pub(super) fn write_header(w: &mut dyn Write, params: &IndexParams, segments: u32) -> std::io::Result<()> {
    w.write_all(&header(params, segments))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

pub(super) fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}
