//! Passage clusters: aligned spans that overlap inside a document merge
//! into one member; members joined by an alignment form one cluster.
//!
//! Each alignment contributes two spans (one per document; both in the
//! same document for a repeat). Spans of one document are sorted and every
//! run of overlapping spans becomes one segment. Union-find over segments,
//! joined by the alignments, gives the clusters: a cluster is the set of
//! segments connected through alignments, ordered by (document, start). Two
//! segments of one document in one cluster are the copies of a repeated
//! passage. The result depends only on the set of alignments, never on the
//! order they were found in.

use super::align::TokenRange;
use crate::cluster::UnionFind;
use crate::corpus::DocId;

/// An aligned pair of spans: `(doc_a, range_a, doc_b, range_b)`.
pub type SpanPair = (DocId, TokenRange, DocId, TokenRange);

/// A member of a passage cluster: a document and a token range in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct SpanMember {
    /// Input-order index of the document.
    pub doc: DocId,
    /// The merged token range.
    pub range: TokenRange,
}

/// Passage clusters of the aligned spans: each a list of members sorted by
/// (document, start), the clusters ordered by their first member.
pub fn span_clusters(pairs: &[SpanPair]) -> Vec<Vec<SpanMember>> {
    // node 2x is pair x's first span, 2x+1 its second
    let mut nodes: Vec<(u32, TokenRange, u32)> = Vec::with_capacity(2 * pairs.len());
    for (x, &(da, ra, db, rb)) in pairs.iter().enumerate() {
        nodes.push((da.0, ra, 2 * x as u32));
        nodes.push((db.0, rb, 2 * x as u32 + 1));
    }
    nodes.sort_unstable_by_key(|&(d, r, n)| (d, r.start, r.end, n));
    // merge overlapping spans of one document into segments
    let mut segment_of = vec![0u32; nodes.len()];
    let mut segments: Vec<SpanMember> = Vec::new();
    for &(d, r, n) in &nodes {
        match segments.last_mut() {
            Some(last) if last.doc == DocId(d) && r.start < last.range.end => {
                last.range.end = last.range.end.max(r.end);
            }
            _ => segments.push(SpanMember { doc: DocId(d), range: r }),
        }
        segment_of[n as usize] = segments.len() as u32 - 1;
    }
    let mut uf = UnionFind::new(segments.len());
    for x in 0..pairs.len() {
        uf.union(segment_of[2 * x], segment_of[2 * x + 1]);
    }
    uf.components(2).into_iter().map(|c| c.into_iter().map(|s| segments[s as usize]).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: u32, end: u32) -> TokenRange {
        TokenRange { start, end }
    }

    fn m(doc: u32, start: u32, end: u32) -> SpanMember {
        SpanMember { doc: DocId(doc), range: r(start, end) }
    }

    /// Aligned pairs from `(doc, range, doc, range)` with plain numbers.
    fn pairs(v: &[(u32, TokenRange, u32, TokenRange)]) -> Vec<SpanPair> {
        v.iter().map(|&(a, ra, b, rb)| (DocId(a), ra, DocId(b), rb)).collect()
    }

    #[test]
    fn overlapping_spans_merge_and_connect() {
        let pairs = pairs(&[(0, r(0, 20), 1, r(5, 25)), (1, r(20, 40), 2, r(0, 20)), (3, r(0, 10), 4, r(0, 10))]);
        assert_eq!(
            span_clusters(&pairs),
            vec![vec![m(0, 0, 20), m(1, 5, 40), m(2, 0, 20)], vec![m(3, 0, 10), m(4, 0, 10)]]
        );
    }

    #[test]
    fn adjacent_spans_stay_apart() {
        let pairs = pairs(&[(0, r(0, 10), 1, r(0, 10)), (0, r(10, 20), 2, r(0, 10))]);
        assert_eq!(span_clusters(&pairs), vec![vec![m(0, 0, 10), m(1, 0, 10)], vec![m(0, 10, 20), m(2, 0, 10)]]);
    }

    #[test]
    fn repeat_inside_one_document() {
        assert_eq!(span_clusters(&pairs(&[(0, r(0, 30), 0, r(30, 60))])), vec![vec![m(0, 0, 30), m(0, 30, 60)]]);
    }

    #[test]
    fn order_of_pairs_does_not_matter() {
        let mut pairs = pairs(&[(0, r(0, 20), 1, r(5, 25)), (1, r(20, 40), 2, r(0, 20)), (2, r(10, 30), 5, r(0, 9))]);
        let want = span_clusters(&pairs);
        pairs.reverse();
        assert_eq!(span_clusters(&pairs), want);
    }
}
