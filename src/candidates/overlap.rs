//! Candidate pairs for containment: documents that share a large enough
//! part of the smaller one's winnowed fingerprints.
//!
//! MinHash LSH finds pairs of high Jaccard similarity, but a trimmed copy
//! (half an article) or an article with a pasted paragraph has a low
//! Jaccard similarity to its source while being contained in it. Winnowing
//! keeps about `2/(w+1)` of a document's shingles, chosen locally, so a
//! shared stretch of text yields the same fingerprints in both documents
//! whatever surrounds it: the share of the smaller document's fingerprints
//! found in the other tracks its containment. [`overlap_candidates`] counts
//! shared fingerprints per pair through an inverted index and keeps pairs
//! at or above a share of the smaller document's count.
//!
//! Fingerprints found in more than `max_df` documents (stock phrases, or a
//! story copied many times) pair each document with its neighbour in the
//! posting list only, so the count stays linear.

use crate::corpus::DocId;
use crate::fingerprint::{FingerprintParams, Posting, PostingTable};
use rayon::prelude::*;

/// Parameters of fingerprint candidate search.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverlapParams {
    /// Words per fingerprinted shingle (at most the dedup shingle size).
    /// Shorter than the dedup shingles so that a copy with a word changed
    /// every six or eight words still shares a good part of its
    /// fingerprints with its source.
    pub shingle_size: usize,
    /// Winnowing window (in shingles).
    pub window: usize,
    /// Fingerprints in more documents than this pair each document with
    /// its neighbour only.
    pub max_df: usize,
    /// A pair is a candidate when it shares at least this share of the
    /// smaller document's fingerprints.
    pub min_share: f64,
}

use serde::{Deserialize, Serialize};

impl Default for OverlapParams {
    fn default() -> Self {
        OverlapParams { shingle_size: 3, window: 8, max_df: 64, min_share: 0.4 }
    }
}

/// Candidate pairs `(a, b)`, `a < b`, sorted, sharing at least
/// `min_share · min(|Fa|, |Fb|)` fingerprints (and at least one).
///
/// Every posting list of two to `max_df` documents emits its document
/// pairs; sorting them brings the pairs of one document pair together, and
/// the length of each run is the number of fingerprints the two share.
/// Fingerprints found in one document only (most of them) cost nothing.
///
/// A list longer than `max_df` (a stock phrase, or a story copied many
/// times) emits only the pairs of neighbours in document order: linear
/// cost. The copies of one story sit side by side in all of its lists, so
/// their neighbour pairs still add up to a high count; the documents that
/// share a stock phrase differ from phrase to phrase, so theirs do not.
pub fn overlap_candidates(fps: &[Vec<u64>], params: &OverlapParams) -> Vec<(u32, u32)> {
    let rows: Vec<Posting> = fps
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, f)| f.iter().map(move |&hash| Posting { hash, doc: DocId::new(d), pos: 0 }))
        .collect();
    let table = PostingTable::new(FingerprintParams::default(), rows);
    let lists: Vec<&[Posting]> = table.runs().filter(|l| l.len() >= 2).collect();
    let mut pairs: Vec<(u32, u32)> = lists
        .par_iter()
        .flat_map_iter(|list| {
            let all = list.len() <= params.max_df;
            list.iter().enumerate().flat_map(move |(i, a)| {
                // a long list pairs each document with the next one only
                let end = if all { list.len() } else { (i + 2).min(list.len()) };
                list[i + 1..end].iter().map(move |b| (a.doc.0, b.doc.0))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    let mut out = Vec::new();
    for run in pairs.chunk_by(|x, y| x == y) {
        let (a, b) = run[0];
        let min = fps[a as usize].len().min(fps[b as usize].len()) as f64;
        if run.len() as f64 >= (params.min_share * min).max(1.0) {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(range: std::ops::Range<u64>) -> Vec<u64> {
        let seq: Vec<u64> = range.map(|i| crate::hash::mix64(i + 1)).collect();
        crate::fingerprint::fingerprint_set(&seq, 8)
    }

    #[test]
    fn contained_document_is_candidate() {
        let big = doc(0..1000);
        let part = doc(200..500);
        let other = doc(5000..5400);
        let pairs = overlap_candidates(&[big, part, other], &OverlapParams::default());
        assert_eq!(pairs, vec![(0, 1)]);
    }

    #[test]
    fn small_overlap_is_not() {
        let a = doc(0..1000);
        let b = doc(900..1900);
        assert!(overlap_candidates(&[a, b], &OverlapParams::default()).is_empty());
    }

    #[test]
    fn long_lists_link_neighbours_only() {
        // five copies of one story: every list is long, the neighbour pairs
        // add up, and the copies stay connected by a chain
        let fps: Vec<Vec<u64>> = (0..5).map(|_| vec![1, 2, 3]).collect();
        let params = OverlapParams { max_df: 4, ..OverlapParams::default() };
        assert_eq!(overlap_candidates(&fps, &params), vec![(0, 1), (1, 2), (2, 3), (3, 4)]);
        let params = OverlapParams { max_df: 5, ..OverlapParams::default() };
        assert_eq!(overlap_candidates(&fps, &params).len(), 10);
    }

    #[test]
    fn stock_phrases_do_not_make_candidates() {
        // twenty documents of their own text, each sharing one stock phrase
        // (fingerprint 7) and some sharing another (8)
        let fps: Vec<Vec<u64>> = (0..20u64)
            .map(|d| {
                let mut f: Vec<u64> = (0..30).map(|i| 1000 + d * 100 + i).collect();
                f.push(7);
                if d % 2 == 0 {
                    f.push(8);
                }
                f.sort_unstable();
                f
            })
            .collect();
        let params = OverlapParams { max_df: 4, ..OverlapParams::default() };
        assert!(overlap_candidates(&fps, &params).is_empty());
    }
}
