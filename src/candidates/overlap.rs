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

impl OverlapParams {
    /// The parameters candidate search uses under a dedup `threshold`: the
    /// minimum share lowered to half the threshold when that is smaller, so
    /// that a low threshold still finds its pairs.
    pub fn for_threshold(&self, threshold: f64) -> OverlapParams {
        OverlapParams { min_share: self.min_share.min(threshold / 2.0), ..*self }
    }

    /// Whether two documents of `count_a` and `count_b` fingerprints that
    /// share `shared` of them (counted over posting-list pairs, see
    /// [`list_pairs`]) are a candidate pair: at least `min_share` of the
    /// smaller count, and at least one.
    pub fn keeps(&self, shared: usize, count_a: usize, count_b: usize) -> bool {
        shared as f64 >= (self.min_share * count_a.min(count_b) as f64).max(1.0)
    }
}

/// The pairs of positions `(i, j)`, `i < j`, a posting list of `len`
/// documents (in document order, each once) gives to candidate search:
/// all pairs when `len <= max_df`, else each document and the next only.
pub fn list_pairs(len: usize, max_df: usize) -> impl Iterator<Item = (usize, usize)> {
    let all = len <= max_df;
    (0..len).flat_map(move |i| {
        // a long list pairs each document with the next one only
        let end = if all { len } else { (i + 2).min(len) };
        (i + 1..end).map(move |j| (i, j))
    })
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
        .flat_map_iter(|list| list_pairs(list.len(), params.max_df).map(|(i, j)| (list[i].doc.0, list[j].doc.0)))
        .collect();
    pairs.par_sort_unstable();
    let mut out = Vec::new();
    for run in pairs.chunk_by(|x, y| x == y) {
        let (a, b) = run[0];
        if params.keeps(run.len(), fps[a as usize].len(), fps[b as usize].len()) {
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
    fn list_pairs_are_all_pairs_up_to_max_df_then_neighbours() {
        assert_eq!(list_pairs(3, 3).collect::<Vec<_>>(), vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(list_pairs(4, 3).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (2, 3)]);
        assert_eq!(list_pairs(1, 3).count(), 0);
    }

    #[test]
    fn keeps_needs_the_share_of_the_smaller_document_and_one() {
        let p = OverlapParams::default().for_threshold(0.7);
        assert_eq!(p.min_share, 0.35);
        assert_eq!(OverlapParams::default().for_threshold(0.9).min_share, 0.4);
        assert!(p.keeps(7, 20, 100) && !p.keeps(6, 20, 100));
        assert!(p.keeps(1, 1, 1) && !p.keeps(0, 1, 1));
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
