//! Positioned fingerprints, their inverted index, and seeds: the places
//! where two documents (or one document twice) share a fingerprint.
//!
//! A document's fingerprints are its word k-gram hashes thinned by
//! winnowing ([`crate::shingle::winnow`]), each kept with the index of its
//! first token. With window `w`, any run of at least `w + k - 1` words that
//! two documents share gives both the same fingerprint (Schleimer et al.),
//! so the pipeline picks `w = min_words - k + 1` and no passage of
//! `min_words` words goes unseeded.
//!
//! The [`SeedIndex`] is the inverted index fingerprint → (document,
//! position), built by one parallel sort. A fingerprint found in more than
//! `max_df` documents is a stock phrase ("said in a statement on"): it seeds
//! nothing (its postings would make seeding quadratic), but the index keeps
//! it in a sorted list so that clusters made mostly of stock phrases can be
//! flagged. Every other fingerprint shared by two occurrences gives
//! [`Seed`]s; seeds come out sorted by document pair, then position.
//!
//! A fingerprint in `d` documents would give `d(d−1)/2` seeds if every pair
//! of its occurrences were paired. Instead each occurrence (in input order)
//! is paired with the next [`SEED_NEIGHBOURS`] occurrences: all pairs when
//! `d` is small, a band of `O(d)` pairs when it is large. The band keeps
//! every occurrence connected, so the passage cluster is the same; each
//! document's span is still aligned against several others.

use crate::shingle::winnow;
use rayon::prelude::*;

/// One fingerprint of a document: a k-gram hash and its first token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fingerprint {
    /// The k-gram hash.
    pub hash: u64,
    /// Index of the k-gram's first token.
    pub pos: u32,
}

/// Fingerprints of a document from its k-gram hashes in text order (k-gram
/// `i` starts at token `i`), by winnowing with window `w`; in text order.
pub fn positioned_fingerprints(shingle_hashes: &[u64], w: usize) -> Vec<Fingerprint> {
    let mut picks = Vec::new();
    winnow(shingle_hashes, w, &mut picks);
    picks.iter().map(|&p| Fingerprint { hash: shingle_hashes[p as usize], pos: p }).collect()
}

/// Two occurrences of one fingerprint: in document `a` at token `pa` and in
/// document `b` at token `pb`, with `(a, pa) < (b, pb)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seed {
    /// The first document (input-order index).
    pub a: u32,
    /// The second document (`a <= b`; equal for a repeat inside one).
    pub b: u32,
    /// Token position in `a`.
    pub pa: u32,
    /// Token position in `b`.
    pub pb: u32,
}

/// At most this many occurrences of one fingerprint in one document seed
/// (a phrase repeated many times inside one text would make seeding
/// quadratic in the repeats).
pub const MAX_REPEATS: usize = 8;

/// Each occurrence of a fingerprint is paired with at most this many of the
/// occurrences after it.
pub const SEED_NEIGHBOURS: usize = 12;

/// One occurrence of a fingerprint: `(hash, document, position)`.
pub type Posting = (u64, u32, u32);

/// The inverted index: every posting sorted by (hash, document, position).
#[derive(Debug, Default)]
pub struct SeedIndex {
    postings: Vec<Posting>,
    /// Start and end of each shared fingerprint's run of postings.
    runs: Vec<usize>,
    /// Start and end of each stock fingerprint's run of postings.
    stock_runs: Vec<usize>,
    stock: Vec<u64>,
}

impl SeedIndex {
    /// Build from each document's fingerprints (indexed by document).
    pub fn build(fps: &[Vec<Fingerprint>], max_df: usize) -> SeedIndex {
        let postings: Vec<Posting> = fps
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, f)| f.iter().map(move |fp| (fp.hash, d as u32, fp.pos)))
            .collect();
        SeedIndex::from_postings(postings, max_df)
    }

    /// Build from postings in any order.
    pub fn from_postings(mut postings: Vec<Posting>, max_df: usize) -> SeedIndex {
        // one 128-bit key compares faster than the tuple
        postings.par_sort_unstable_by_key(|&(h, d, p)| ((h as u128) << 64) | ((d as u128) << 32) | p as u128);
        let mut runs = Vec::new();
        let mut stock_runs = Vec::new();
        let mut stock = Vec::new();
        let mut start = 0;
        while start < postings.len() {
            let h = postings[start].0;
            let mut end = start + 1;
            let mut df = 1;
            while end < postings.len() && postings[end].0 == h {
                if postings[end].1 != postings[end - 1].1 {
                    df += 1;
                }
                end += 1;
            }
            if df > max_df {
                stock.push(h);
                stock_runs.push(start);
                stock_runs.push(end);
            } else if end - start >= 2 {
                runs.push(start);
                runs.push(end);
            }
            start = end;
        }
        SeedIndex { postings, runs, stock_runs, stock }
    }

    /// Every occurrence of a stock fingerprint as `(document, position)`,
    /// sorted by hash.
    pub fn stock_occurrences(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.stock_runs.chunks(2).flat_map(|r| self.postings[r[0]..r[1]].iter().map(|p| (p.1, p.2)))
    }

    /// Number of postings (fingerprint occurrences) held.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    /// True when no document has a fingerprint.
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }

    /// Stock-phrase fingerprints (in more than `max_df` documents), sorted.
    pub fn stock(&self) -> &[u64] {
        &self.stock
    }

    /// True when `h` is a stock phrase.
    pub fn is_stock(&self, h: u64) -> bool {
        self.stock.binary_search(&h).is_ok()
    }

    /// Every seed, sorted by `(a, b, pa, pb)`: pairs of occurrences of a
    /// fingerprint that is not a stock phrase, each occurrence with the next
    /// [`SEED_NEIGHBOURS`], at most [`MAX_REPEATS`] occurrences per document.
    pub fn seeds(&self) -> Vec<Seed> {
        let mut seeds: Vec<Seed> = self
            .runs
            .par_chunks(2)
            .flat_map_iter(|r| {
                let run = &self.postings[r[0]..r[1]];
                // cap repeats inside one document
                let mut occ: Vec<(u32, u32)> = Vec::with_capacity(run.len());
                let mut in_doc = 0;
                for (i, p) in run.iter().enumerate() {
                    in_doc = if i > 0 && run[i - 1].1 == p.1 { in_doc + 1 } else { 1 };
                    if in_doc <= MAX_REPEATS {
                        occ.push((p.1, p.2));
                    }
                }
                let mut out = Vec::with_capacity(occ.len() * (occ.len() - 1).min(SEED_NEIGHBOURS));
                for (x, &(a, pa)) in occ.iter().enumerate() {
                    for &(b, pb) in &occ[x + 1..occ.len().min(x + 1 + SEED_NEIGHBOURS)] {
                        out.push(Seed { a, b, pa, pb });
                    }
                }
                out
            })
            .collect();
        seeds.par_sort_unstable_by_key(|s| {
            ((s.a as u128) << 96) | ((s.b as u128) << 64) | ((s.pa as u128) << 32) | s.pb as u128
        });
        seeds.dedup();
        seeds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(hash: u64, pos: u32) -> Fingerprint {
        Fingerprint { hash, pos }
    }

    #[test]
    fn seeds_pair_every_occurrence() {
        let fps = vec![vec![fp(1, 0), fp(2, 4)], vec![fp(2, 7), fp(3, 1)], vec![fp(2, 2), fp(3, 9)]];
        let index = SeedIndex::build(&fps, 10);
        assert_eq!(
            index.seeds(),
            vec![
                Seed { a: 0, b: 1, pa: 4, pb: 7 },
                Seed { a: 0, b: 2, pa: 4, pb: 2 },
                Seed { a: 1, b: 2, pa: 1, pb: 9 },
                Seed { a: 1, b: 2, pa: 7, pb: 2 },
            ]
        );
    }

    #[test]
    fn repeat_inside_a_document_seeds_a_self_pair() {
        let index = SeedIndex::build(&[vec![fp(5, 3), fp(5, 40)]], 10);
        assert_eq!(index.seeds(), vec![Seed { a: 0, b: 0, pa: 3, pb: 40 }]);
    }

    #[test]
    fn stock_phrases_do_not_seed() {
        let fps: Vec<Vec<Fingerprint>> = (0..4).map(|d| vec![fp(9, d), fp(d as u64 + 100, 0)]).collect();
        let index = SeedIndex::build(&fps, 3);
        assert!(index.seeds().is_empty());
        assert!(index.is_stock(9));
        assert!(!index.is_stock(100));
        let index = SeedIndex::build(&fps, 4);
        assert_eq!(index.seeds().len(), 6);
    }

    #[test]
    fn frequent_fingerprints_pair_neighbours_only() {
        let n = SEED_NEIGHBOURS + 10;
        let fps: Vec<Vec<Fingerprint>> = (0..n).map(|_| vec![fp(3, 0)]).collect();
        let seeds = SeedIndex::build(&fps, n).seeds();
        assert!(seeds.iter().all(|s| (s.b - s.a) as usize <= SEED_NEIGHBOURS));
        let want: usize = (0..n).map(|x| (n - 1 - x).min(SEED_NEIGHBOURS)).sum();
        assert_eq!(seeds.len(), want);
        // every document is still connected to the first
        let mut uf = crate::cluster::UnionFind::new(n);
        for s in &seeds {
            uf.union(s.a, s.b);
        }
        assert_eq!(uf.components(1).len(), 1);
    }

    #[test]
    fn stock_occurrences_are_listed() {
        let fps: Vec<Vec<Fingerprint>> = (0..3).map(|d| vec![fp(9, d), fp(1, 5)]).collect();
        let index = SeedIndex::build(&fps, 2);
        let mut occ: Vec<(u32, u32)> = index.stock_occurrences().collect();
        occ.sort_unstable();
        assert_eq!(occ, vec![(0, 0), (0, 5), (1, 1), (1, 5), (2, 2), (2, 5)]);
    }

    #[test]
    fn repeats_are_capped() {
        let doc: Vec<Fingerprint> = (0..20).map(|p| fp(1, p)).collect();
        let index = SeedIndex::build(&[doc], 10);
        assert_eq!(index.seeds().len(), MAX_REPEATS * (MAX_REPEATS - 1) / 2);
    }

    #[test]
    fn winnowed_positions_point_at_their_kgram() {
        let hashes: Vec<u64> = (0..50u64).map(crate::signature::mix64).collect();
        let fps = positioned_fingerprints(&hashes, 4);
        assert!(!fps.is_empty());
        for f in fps {
            assert_eq!(hashes[f.pos as usize], f.hash);
        }
    }
}
