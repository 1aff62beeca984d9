//! A persistent reference index of documents (wire stories, say) that new
//! text is checked against.
//!
//! What it stores per document: id, source, date, title and text (to show
//! and re-align a matched span), and the document's winnowed shingle
//! fingerprints with their token positions, in a posting table sorted by
//! hash for binary search straight from the memory-mapped file.
//!
//! # File format (version 2, little-endian)
//!
//! ```text
//! header   magic "WIRETRCE" | version u32 | shingle_size u32 | window u32 | segment_count u32 | seed u64
//!          | xxh3(the 32 bytes before) u64
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
//! Opening checks the magic, the version, the header checksum and the
//! parameters, every segment's length against the file and its checksum,
//! that the file holds exactly `segment_count` segments, and every entry and
//! posting against its bounds (strings inside the blob and UTF-8, postings
//! sorted, naming a document of their segment at a position inside its
//! text): a truncated, corrupted or crafted file is an error, never read as
//! garbage and never a panic later. Version 1 files (a 32-byte header: no
//! checksum, the count field reserved as 0) are still read; there a damaged
//! header or a cut exactly at a segment boundary cannot be detected.
//! `index add` rewrites them as version 2.
//!
//! The file is memory-mapped: if another program truncates it while a
//! command reads it, the process can still die of SIGBUS (wiretrace itself
//! never modifies an index in place).
//!
//! Deletes and expiry are not implemented; the format admits them as a
//! tombstone segment (a list of ids) that readers subtract, and a `compact`
//! step that rewrites live segments.
//!
//! The code is in three parts: [`mod@format`] (the layout and the segment
//! writer), [`mod@build`] (`index build` and `index add`) and [`reader`] (the
//! memory-mapped [`Index`], which implements [`crate::fingerprint::Postings`]
//! so that `check` and tracing look fingerprints up in it like in any other
//! postings).

pub mod build;
pub mod format;
pub mod reader;

pub use build::{add, build, build_segment, write_appended, write_new, BuildReport};
pub use format::{Segment, MAGIC, VERSION};
pub use reader::{Index, IndexInfo};

/// The parameters an index is built with: a check must use the same.
pub type IndexParams = crate::fingerprint::FingerprintParams;

/// One reference document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexDoc<'a> {
    /// The document id, unique in the index.
    pub id: &'a str,
    /// The outlet that published it (its `source` field); `check` credits
    /// are compared with it.
    pub source: Option<&'a str>,
    /// Its date as given (ISO 8601 sorts as text), for tracing.
    pub date: Option<&'a str>,
    /// Its title, if the input had one.
    pub title: Option<&'a str>,
    /// The whole text, to re-align a matched span against.
    pub text: &'a str,
}

#[cfg(test)]
mod tests;
