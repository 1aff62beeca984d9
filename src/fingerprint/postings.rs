//! Postings: where each fingerprint occurs. [`Postings`] is the lookup
//! every consumer uses; [`PostingTable`] is the in-memory implementation
//! (the memory-mapped one is [`crate::index::Index`]).

use super::{Fingerprint, FingerprintParams};
use crate::corpus::DocId;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One occurrence of a fingerprint: which document, at which word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Occurrence {
    /// The document's number in its collection (input order, or the
    /// index's document number).
    pub doc: DocId,
    /// Index of the fingerprinted k-gram's first word in that document.
    pub pos: u32,
}

/// A source of fingerprint postings.
pub trait Postings: Sync {
    /// The parameters its fingerprints were made with; a lookup only finds
    /// fingerprints made with the same.
    fn params(&self) -> FingerprintParams;

    /// Every occurrence of fingerprint `hash`, in (document, position)
    /// order, into `out` (cleared first).
    fn lookup(&self, hash: u64, out: &mut Vec<Occurrence>);
}

/// One row of a [`PostingTable`]: a fingerprint hash and an occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Posting {
    /// The fingerprint hash.
    pub hash: u64,
    /// The document that has it.
    pub doc: DocId,
    /// Where in that document.
    pub pos: u32,
}

impl Posting {
    /// The sort key: hash, then document, then position (one 128-bit
    /// comparison instead of three).
    #[inline]
    pub fn key(self) -> u128 {
        ((self.hash as u128) << 64) | ((self.doc.0 as u128) << 32) | self.pos as u128
    }

    /// The occurrence part.
    pub fn occurrence(self) -> Occurrence {
        Occurrence { doc: self.doc, pos: self.pos }
    }
}

/// Postings in memory, sorted by (hash, document, position): one parallel
/// sort to build, a binary search to look up.
#[derive(Debug)]
pub struct PostingTable {
    params: FingerprintParams,
    rows: Vec<Posting>,
}

impl PostingTable {
    /// A table of `rows` in any order (sorted here, in parallel).
    pub fn new(params: FingerprintParams, mut rows: Vec<Posting>) -> PostingTable {
        rows.par_sort_unstable_by_key(|p| p.key());
        PostingTable { params, rows }
    }

    /// A table of each document's fingerprints (indexed by document).
    pub fn from_documents(params: FingerprintParams, fps: &[Vec<Fingerprint>]) -> PostingTable {
        let rows = fps
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, f)| f.iter().map(move |fp| Posting { hash: fp.hash, doc: DocId::new(d), pos: fp.pos }))
            .collect();
        PostingTable::new(params, rows)
    }

    /// Number of postings.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no document has a fingerprint.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every posting, sorted.
    pub fn rows(&self) -> &[Posting] {
        &self.rows
    }

    /// The postings of each distinct hash, in hash order.
    pub fn runs(&self) -> impl Iterator<Item = &[Posting]> + '_ {
        self.rows.chunk_by(|a, b| a.hash == b.hash)
    }

    /// The postings of fingerprint `hash` (empty when none).
    pub fn of(&self, hash: u64) -> &[Posting] {
        let from = self.rows.partition_point(|p| p.hash < hash);
        let to = from + self.rows[from..].partition_point(|p| p.hash == hash);
        &self.rows[from..to]
    }
}

impl Postings for PostingTable {
    fn params(&self) -> FingerprintParams {
        self.params
    }

    fn lookup(&self, hash: u64, out: &mut Vec<Occurrence>) {
        out.clear();
        out.extend(self.of(hash).iter().map(|p| p.occurrence()));
    }
}

/// The number of distinct documents in occurrences sorted by document.
pub fn document_count(occurrences: &[Occurrence]) -> usize {
    occurrences.chunk_by(|a, b| a.doc == b.doc).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(hash: u64, pos: u32) -> Fingerprint {
        Fingerprint { hash, pos }
    }

    #[test]
    fn lookup_finds_every_occurrence_in_order() {
        let docs = vec![vec![fp(5, 3), fp(1, 0)], vec![fp(5, 9), fp(9, 1)], vec![fp(5, 2), fp(5, 7)]];
        let table = PostingTable::from_documents(FingerprintParams::default(), &docs);
        let mut out = Vec::new();
        table.lookup(5, &mut out);
        let want = [(0, 3), (1, 9), (2, 2), (2, 7)].map(|(doc, pos)| Occurrence { doc: DocId(doc), pos });
        assert_eq!(out, want);
        assert_eq!(document_count(&out), 3);
        table.lookup(4, &mut out);
        assert!(out.is_empty());
        assert_eq!(table.runs().count(), 3);
        assert_eq!(table.len(), 6);
    }
}
