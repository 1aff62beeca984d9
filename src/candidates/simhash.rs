//! Candidate search for SimHash fingerprints: every pair within `k` bits,
//! without comparing all pairs (Manku, Jain & Das Sarma 2007).
//!
//! The 64 bits are cut into `b > k` contiguous blocks. Two fingerprints
//! that differ in at most `k` bits differ in at most `k` blocks, so they
//! agree exactly on at least `b - k` blocks (pigeonhole). One table is kept
//! for every choice of `b - k` blocks (`C(b, k)` tables); its key is the
//! fingerprint masked to those blocks. A pair that agrees on the chosen
//! blocks of some table lands in one of its buckets, where the Hamming
//! distance is checked exactly. With `b = k + 1` this is the classic
//! `k + 1` tables of one block each; more blocks give longer keys (fewer
//! chance collisions in big corpora) at the price of more tables.
//!
//! A pair is reported by the first table whose key it shares only, so the
//! tables can be scanned in parallel. A bucket larger than
//! [`MAX_BUCKET`](crate::candidates::lsh::MAX_BUCKET) (thousands of
//! near-identical documents) is linked the way LSH links one: sorted by
//! fingerprint, as a chain plus a star, each link kept when within the
//! bound, so the pair count stays linear in the bucket size and the
//! clusters stay connected; those links are de-duplicated across tables.
//! The output is sorted and independent of the thread count.

use crate::signature::SimHash;
use rayon::prelude::*;

/// Block layout of a permuted-block index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockTables {
    max_hamming: u32,
    /// One mask per table: the bits of its chosen blocks.
    masks: Vec<u64>,
}

/// The most tables [`BlockTables::new`] builds.
pub const MAX_TABLES: usize = 1024;

impl BlockTables {
    /// Tables for pairs within `max_hamming` bits, with the 64 bits cut into
    /// `blocks` blocks (`max_hamming < blocks <= 64`). `None` when the
    /// layout is impossible or would need more than [`MAX_TABLES`] tables.
    pub fn new(max_hamming: u32, blocks: u32) -> Option<BlockTables> {
        if blocks <= max_hamming || blocks > 64 || binomial(blocks, max_hamming) > MAX_TABLES as u64 {
            return None;
        }
        let block_masks: Vec<u64> = (0..blocks)
            .map(|i| {
                let lo = 64 * i / blocks;
                let hi = 64 * (i + 1) / blocks;
                let width = hi - lo;
                let ones = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
                ones << lo
            })
            .collect();
        let keep = (blocks - max_hamming) as usize;
        let mut masks = Vec::new();
        let mut chosen: Vec<usize> = (0..keep).collect();
        loop {
            masks.push(chosen.iter().fold(0u64, |m, &i| m | block_masks[i]));
            // next combination of `keep` out of `blocks`, in lexicographic order
            let n = blocks as usize;
            let Some(pos) = (0..keep).rev().find(|&p| chosen[p] < n - keep + p) else { break };
            chosen[pos] += 1;
            for q in pos + 1..keep {
                chosen[q] = chosen[q - 1] + 1;
            }
        }
        Some(BlockTables { max_hamming, masks })
    }

    /// The classic layout for `items` fingerprints: the fewest blocks
    /// (at least `max_hamming + 1`) whose keys have at least
    /// `log2(items) + 4` bits, so chance collisions stay a few per document
    /// and table. `None` when `max_hamming` is 64 or more.
    pub fn for_corpus(max_hamming: u32, items: usize) -> Option<BlockTables> {
        let want = (usize::BITS - items.max(1).leading_zeros()) + 4;
        let mut blocks = max_hamming + 1;
        while blocks < 64 && 64 * (blocks - max_hamming) / blocks < want.min(64) {
            if binomial(blocks + 1, max_hamming) > MAX_TABLES as u64 {
                break;
            }
            blocks += 1;
        }
        BlockTables::new(max_hamming, blocks)
    }

    /// Number of tables.
    pub fn tables(&self) -> usize {
        self.masks.len()
    }

    /// The largest Hamming distance reported.
    pub fn max_hamming(&self) -> u32 {
        self.max_hamming
    }

    /// Every pair `(i, j)`, `i < j`, of `fps` within the Hamming bound, sorted.
    pub fn pairs(&self, fps: &[SimHash]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> =
            (0..self.masks.len()).into_par_iter().flat_map_iter(|t| self.table_pairs(t, fps)).collect();
        out.par_sort_unstable();
        out.dedup();
        out
    }

    /// The pairs table `t` reports: within the bound, sharing its key, and
    /// sharing no earlier table's key.
    fn table_pairs(&self, t: usize, fps: &[SimHash]) -> Vec<(u32, u32)> {
        let mask = self.masks[t];
        let mut col: Vec<(u64, u32)> = fps.iter().enumerate().map(|(i, f)| (f.0 & mask, i as u32)).collect();
        col.sort_unstable();
        let mut out = Vec::new();
        for run in col.chunk_by(|x, y| x.0 == y.0) {
            if run.len() > crate::candidates::lsh::MAX_BUCKET {
                let mut members: Vec<(u64, u32)> = run.iter().map(|&(_, i)| (fps[i as usize].0, i)).collect();
                members.sort_unstable();
                let mut links = Vec::new();
                crate::candidates::lsh::link_bucket(members.iter().map(|&(_, i)| i), members.len(), &mut links);
                for (i, j) in links {
                    if (fps[i as usize].0 ^ fps[j as usize].0).count_ones() <= self.max_hamming {
                        out.push((i.min(j), i.max(j)));
                    }
                }
                continue;
            }
            for (x, &(_, i)) in run.iter().enumerate() {
                for &(_, j) in &run[x + 1..] {
                    let diff = fps[i as usize].0 ^ fps[j as usize].0;
                    if diff.count_ones() <= self.max_hamming && self.masks[..t].iter().all(|&m| diff & m != 0) {
                        out.push((i, j));
                    }
                }
            }
        }
        out
    }
}

fn binomial(n: u32, k: u32) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    (0..u64::from(k)).fold(1u64, |acc, i| acc.saturating_mul(u64::from(n) - i) / (i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute_force(fps: &[SimHash], k: u32) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for i in 0..fps.len() {
            for j in i + 1..fps.len() {
                if fps[i].hamming(fps[j]) <= k {
                    out.push((i as u32, j as u32));
                }
            }
        }
        out
    }

    #[test]
    fn layouts() {
        // (k, blocks) -> tables
        for (k, b, tables) in [(3, 4, 4), (3, 5, 10), (0, 1, 1), (6, 8, 28), (1, 64, 64)] {
            let t = BlockTables::new(k, b).unwrap();
            assert_eq!(t.tables(), tables, "k={k} b={b}");
            // every table keeps exactly b - k blocks: the masks cover the same bit counts up to rounding
            for m in &t.masks {
                let lo = 64 * (b - k) / b;
                assert!((lo..=lo + (b - k)).contains(&m.count_ones()), "mask {m:064b}");
            }
        }
        assert_eq!(BlockTables::new(3, 3), None);
        assert_eq!(BlockTables::new(3, 65), None);
        assert_eq!(BlockTables::new(32, 64), None); // C(64, 32) tables
        assert_eq!(BlockTables::for_corpus(3, 1000).unwrap().tables(), 4);
        assert!(BlockTables::for_corpus(3, 10_000_000).unwrap().tables() > 4);
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(4, 3), 4);
        assert_eq!(binomial(5, 3), 10);
        assert_eq!(binomial(8, 6), 28);
        assert_eq!(binomial(64, 0), 1);
    }

    #[test]
    fn finds_pairs_at_exactly_k_bits_and_not_beyond() {
        let base = 0xdead_beef_0bad_f00d_u64;
        // flip bits in different blocks
        let fps =
            [SimHash(base), SimHash(base ^ 1 ^ 1 << 20 ^ 1 << 40), SimHash(base ^ 1 ^ 1 << 20 ^ 1 << 40 ^ 1 << 60)];
        let t = BlockTables::new(3, 4).unwrap();
        assert_eq!(t.pairs(&fps), vec![(0, 1), (1, 2)]);
    }

    /// 10,000 near-identical fingerprints (a63ac9d paired all ~50 M of
    /// them): linked by a chain and a star, linear in the count, and
    /// connected.
    #[test]
    fn one_big_cluster_is_linked_not_paired() {
        let base = 0x0123_4567_89ab_cdef_u64;
        let n = 10_000u32;
        let fps: Vec<SimHash> = (0..n).map(|i| SimHash(base ^ u64::from(i % 3) << 62)).collect();
        let t = BlockTables::new(3, 4).unwrap();
        let pairs = t.pairs(&fps);
        assert!(pairs.len() < 4 * n as usize * t.tables(), "{} pairs", pairs.len());
        assert!(pairs.iter().all(|&(i, j)| i < j && fps[i as usize].hamming(fps[j as usize]) <= 3));
        // union-find: one component
        let mut parent: Vec<u32> = (0..n).collect();
        fn root(p: &mut [u32], mut x: u32) -> u32 {
            while p[x as usize] != x {
                p[x as usize] = p[p[x as usize] as usize];
                x = p[x as usize];
            }
            x
        }
        for &(i, j) in &pairs {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a as usize] = b;
        }
        let r = root(&mut parent, 0);
        assert!((0..n).all(|i| root(&mut parent, i) == r));
    }

    /// Fingerprints with planted near neighbours, so that pairs exist.
    fn clustered() -> impl Strategy<Value = Vec<SimHash>> {
        prop::collection::vec((any::<u64>(), prop::collection::vec(prop::collection::vec(0u32..64, 0..6), 0..4)), 1..40)
            .prop_map(|groups| {
                let mut out = Vec::new();
                for (base, variants) in groups {
                    out.push(SimHash(base));
                    for flips in variants {
                        out.push(SimHash(flips.iter().fold(base, |f, &b| f ^ 1 << b)));
                    }
                }
                out
            })
    }

    proptest! {
        #[test]
        fn index_finds_every_pair_within_k(fps in clustered(), k in 0u32..7, extra in 0u32..3) {
            let t = BlockTables::new(k, k + 1 + extra).unwrap();
            prop_assert_eq!(t.pairs(&fps), brute_force(&fps, k));
        }

        #[test]
        fn corpus_layout_finds_every_pair_within_k(fps in clustered(), k in 0u32..5) {
            let t = BlockTables::for_corpus(k, fps.len()).unwrap();
            prop_assert_eq!(t.pairs(&fps), brute_force(&fps, k));
        }
    }
}
