//! Seeds: the places where two documents (or one document twice) share a
//! fingerprint, from any source of postings.
//!
//! With winnowing window `w` and k-grams of `k` words, any run of at least
//! `w + k - 1` words that two documents share gives both the same
//! fingerprint ([`crate::fingerprint`]), so `passages` picks `w = min_words
//! - k + 1` and no passage of `min_words` words goes unseeded.
//!
//! Within a corpus, [`SharedFingerprints`] splits a [`PostingTable`] into
//! shared fingerprints and stock phrases. A fingerprint found in more than
//! `max_df` documents is a stock phrase ("said in a statement on"): it
//! seeds nothing (its postings would make seeding quadratic), but it is
//! kept in a sorted list so that clusters made mostly of stock phrases can
//! be flagged. Every other fingerprint shared by two occurrences gives
//! [`Seed`]s; seeds come out sorted by document pair, then position.
//!
//! A fingerprint in `d` documents would give `d(d−1)/2` seeds if every pair
//! of its occurrences were paired. Instead each occurrence (in input order)
//! is paired with the next [`SEED_NEIGHBOURS`] occurrences: all pairs when
//! `d` is small, a band of `O(d)` pairs when it is large. The band keeps
//! every occurrence connected, so the passage cluster is the same; each
//! document's span is still aligned against several others.
//!
//! Against another collection (a reference index), [`seeds_against`] looks
//! up one document's fingerprints in any [`Postings`], with the same rules:
//! stock phrases seed nothing and at most [`MAX_REPEATS`] occurrences of a
//! fingerprint in one document seed.

use crate::corpus::DocId;
use crate::fingerprint::{document_count, Fingerprint, Occurrence, Posting, PostingTable, Postings};
use rayon::prelude::*;

/// Two occurrences of one fingerprint: in document `a` at token `pa` and in
/// document `b` at token `pb`, with `(a, pa) < (b, pb)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
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

/// A corpus's postings split into shared fingerprints (which seed) and
/// stock phrases (which do not).
#[derive(Debug)]
pub struct SharedFingerprints {
    table: PostingTable,
    /// Start and end of each shared fingerprint's run of postings.
    runs: Vec<usize>,
    /// Start and end of each stock fingerprint's run of postings.
    stock_runs: Vec<usize>,
    stock: Vec<u64>,
}

impl SharedFingerprints {
    /// Split `table`: fingerprints in more than `max_df` documents are stock
    /// phrases.
    pub fn new(table: PostingTable, max_df: usize) -> SharedFingerprints {
        let rows = table.rows();
        let mut runs = Vec::new();
        let mut stock_runs = Vec::new();
        let mut stock = Vec::new();
        let mut start = 0;
        for run in table.runs() {
            let end = start + run.len();
            let df = run.chunk_by(|x, y| x.doc == y.doc).count();
            if df > max_df {
                stock.push(run[0].hash);
                stock_runs.push(start);
                stock_runs.push(end);
            } else if run.len() >= 2 {
                runs.push(start);
                runs.push(end);
            }
            start = end;
        }
        debug_assert_eq!(start, rows.len());
        SharedFingerprints { table, runs, stock_runs, stock }
    }

    /// Every occurrence of a stock fingerprint, sorted by hash.
    pub fn stock_occurrences(&self) -> impl Iterator<Item = Occurrence> + '_ {
        let rows = self.table.rows();
        self.stock_runs.chunks(2).flat_map(move |r| rows[r[0]..r[1]].iter().map(|p| p.occurrence()))
    }

    /// Number of postings (fingerprint occurrences) held.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when no document has a fingerprint.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
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
                let run: &[Posting] = &self.table.rows()[r[0]..r[1]];
                // cap repeats inside one document
                let mut occ: Vec<(u32, u32)> = Vec::with_capacity(run.len());
                let mut in_doc = 0;
                for (i, p) in run.iter().enumerate() {
                    in_doc = if i > 0 && run[i - 1].doc == p.doc { in_doc + 1 } else { 1 };
                    if in_doc <= MAX_REPEATS {
                        occ.push((p.doc.0, p.pos));
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

/// A fingerprint one document shares with a document of another
/// collection. Ordered by that document, then position here, then there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct ForeignSeed {
    /// The document of the other collection.
    pub doc: DocId,
    /// Token position in this document.
    pub here: u32,
    /// Token position in the other document.
    pub there: u32,
}

/// Seeds of one document against another collection: each of its
/// fingerprints `fps` looked up in `postings`, sorted. A fingerprint in more than `max_df`
/// documents of the collection is a stock phrase and seeds nothing; at most
/// [`MAX_REPEATS`] occurrences of one fingerprint per document seed, here
/// and there.
pub fn seeds_against(fps: &[Fingerprint], postings: &dyn Postings, max_df: usize) -> Vec<ForeignSeed> {
    let mut seeds = Vec::new();
    let mut found = Vec::new();
    let mut here: Vec<Fingerprint> = fps.to_vec();
    here.sort_unstable();
    for same in here.chunk_by(|x, y| x.hash == y.hash) {
        postings.lookup(same[0].hash, &mut found);
        if found.is_empty() || document_count(&found) > max_df {
            continue;
        }
        for there in found.chunk_by(|x, y| x.doc == y.doc) {
            for t in there.iter().take(MAX_REPEATS) {
                for h in same.iter().take(MAX_REPEATS) {
                    seeds.push(ForeignSeed { doc: t.doc, here: h.pos, there: t.pos });
                }
            }
        }
    }
    seeds.sort_unstable();
    seeds.dedup();
    seeds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(hash: u64, pos: u32) -> Fingerprint {
        Fingerprint { hash, pos }
    }

    fn build(fps: &[Vec<Fingerprint>], max_df: usize) -> SharedFingerprints {
        SharedFingerprints::new(PostingTable::from_documents(Default::default(), fps), max_df)
    }

    #[test]
    fn seeds_pair_every_occurrence() {
        let fps = vec![vec![fp(1, 0), fp(2, 4)], vec![fp(2, 7), fp(3, 1)], vec![fp(2, 2), fp(3, 9)]];
        let index = build(&fps, 10);
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
        let index = build(&[vec![fp(5, 3), fp(5, 40)]], 10);
        assert_eq!(index.seeds(), vec![Seed { a: 0, b: 0, pa: 3, pb: 40 }]);
    }

    #[test]
    fn stock_phrases_do_not_seed() {
        let fps: Vec<Vec<Fingerprint>> = (0..4).map(|d| vec![fp(9, d), fp(d as u64 + 100, 0)]).collect();
        let index = build(&fps, 3);
        assert!(index.seeds().is_empty());
        assert!(index.is_stock(9));
        assert!(!index.is_stock(100));
        let index = build(&fps, 4);
        assert_eq!(index.seeds().len(), 6);
    }

    #[test]
    fn frequent_fingerprints_pair_neighbours_only() {
        let n = SEED_NEIGHBOURS + 10;
        let fps: Vec<Vec<Fingerprint>> = (0..n).map(|_| vec![fp(3, 0)]).collect();
        let seeds = build(&fps, n).seeds();
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
        let index = build(&fps, 2);
        let mut occ: Vec<(u32, u32)> = index.stock_occurrences().map(|o| (o.doc.0, o.pos)).collect();
        occ.sort_unstable();
        assert_eq!(occ, vec![(0, 0), (0, 5), (1, 1), (1, 5), (2, 2), (2, 5)]);
    }

    #[test]
    fn repeats_are_capped() {
        let doc: Vec<Fingerprint> = (0..20).map(|p| fp(1, p)).collect();
        let index = build(&[doc], 10);
        assert_eq!(index.seeds().len(), MAX_REPEATS * (MAX_REPEATS - 1) / 2);
    }

    #[test]
    fn seeds_against_a_collection_skip_stock_and_cap_repeats() {
        // documents 0..4 all have fingerprint 9 (stock with max_df 3); 1
        // shares 5 twice; 2 shares 6
        let docs: Vec<Vec<Fingerprint>> =
            vec![vec![fp(9, 0)], vec![fp(9, 1), fp(5, 10), fp(5, 20)], vec![fp(9, 2), fp(6, 4)], vec![fp(9, 3)]];
        let table = PostingTable::from_documents(Default::default(), &docs);
        let query = [fp(5, 1), fp(9, 2), fp(6, 7), fp(7, 8)];
        let seeds = seeds_against(&query, &table, 3);
        let want =
            [(1, 1, 10), (1, 1, 20), (2, 7, 4)].map(|(doc, here, there)| ForeignSeed { doc: DocId(doc), here, there });
        assert_eq!(seeds, want);
        // a phrase repeated 20 times on both sides gives at most MAX_REPEATS² seeds
        let many: Vec<Fingerprint> = (0..20).map(|p| fp(3, p)).collect();
        let table = PostingTable::from_documents(Default::default(), std::slice::from_ref(&many));
        assert_eq!(seeds_against(&many, &table, 3).len(), MAX_REPEATS * MAX_REPEATS);
    }
}
