//! Locality-sensitive hashing of MinHash signatures: band parameters chosen
//! from a Jaccard threshold, band keys, and candidate pairs.
//!
//! A signature of `b × r` values is cut into `b` bands of `r` rows; two
//! documents become candidates when all rows of at least one band agree,
//! which happens with probability `1 - (1 - s^r)^b` for Jaccard `s`.
//! [`LshParams::optimal`] picks `b` and `r` (with `b·r ≤ k`) minimizing the
//! weighted areas of false positives below the threshold and false
//! negatives above it, as datasketch does.
//!
//! Candidate search sorts `(band key, document)` pairs per band (bands in
//! parallel) and pairs up documents with equal keys. A bucket larger than
//! [`MAX_BUCKET`] is linked as a chain plus a star instead of all pairs: the
//! clusters it implies stay connected, and a pathological key (a page of
//! boilerplate) cannot make the pair count quadratic.

use crate::signature::Signature;
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Buckets with more documents than this are linked by a chain and a star
/// rather than all pairs.
pub const MAX_BUCKET: usize = 64;

/// Bands and rows of an LSH index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LshParams {
    /// Number of bands.
    pub bands: usize,
    /// Rows (signature values) per band.
    pub rows: usize,
}

impl LshParams {
    /// The probability that a pair with Jaccard `s` becomes a candidate.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// Bands and rows for `num_perm` values minimizing
    /// `fp_weight · FP + fn_weight · FN`, where FP is the area under the
    /// candidate curve below `threshold` and FN the area above the curve
    /// from `threshold` to 1 (datasketch's `_optimal_param`).
    pub fn optimal(threshold: f64, num_perm: usize, fp_weight: f64, fn_weight: f64) -> LshParams {
        let mut best = LshParams { bands: 1, rows: num_perm.max(1) };
        let mut best_err = f64::INFINITY;
        for bands in 1..=num_perm {
            for rows in 1..=num_perm / bands {
                let p = LshParams { bands, rows };
                let fp = integrate(|s| p.candidate_probability(s), 0.0, threshold);
                let fn_ = integrate(|s| 1.0 - p.candidate_probability(s), threshold, 1.0);
                let err = fp_weight * fp + fn_weight * fn_;
                if err < best_err - 1e-12 {
                    best_err = err;
                    best = p;
                }
            }
        }
        best
    }

    /// Bands and rows for `num_perm` values that make a pair at the
    /// threshold a candidate with probability at least `min_recall`, with
    /// the least false-positive area below the threshold among those (the
    /// best recall at the threshold when none reaches `min_recall`).
    ///
    /// This is the default when candidates are verified exactly: false
    /// positives then cost only verification time, while a missed candidate
    /// is a missed duplicate. [`LshParams::optimal`] with equal weights puts
    /// the curve's midpoint near the threshold and misses about half the
    /// pairs right at it.
    pub fn for_recall(threshold: f64, num_perm: usize, min_recall: f64) -> LshParams {
        let mut best: Option<(bool, f64, LshParams)> = None;
        for bands in 1..=num_perm {
            for rows in 1..=num_perm / bands {
                let p = LshParams { bands, rows };
                let recall = p.candidate_probability(threshold);
                let ok = recall >= min_recall;
                // among those reaching the target: least FP area; otherwise most recall
                let score = if ok { integrate(|s| p.candidate_probability(s), 0.0, threshold) } else { -recall };
                let better = match best {
                    None => true,
                    Some((best_ok, best_score, _)) => (ok && !best_ok) || (ok == best_ok && score < best_score - 1e-12),
                };
                if better {
                    best = Some((ok, score, p));
                }
            }
        }
        best.expect("num_perm >= 1").2
    }

    /// The threshold-like point where the candidate probability is 1/2.
    pub fn midpoint(&self) -> f64 {
        (1.0 - 0.5f64.powf(1.0 / self.bands as f64)).powf(1.0 / self.rows as f64)
    }
}

/// Simpson's rule with 200 intervals: ample for these smooth curves.
fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let n = 200;
    let h = (b - a) / n as f64;
    if h <= 0.0 {
        return 0.0;
    }
    let mut sum = f(a) + f(b);
    for i in 1..n {
        let x = a + i as f64 * h;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    sum * h / 3.0
}

/// The key of band `band` of a signature.
#[inline]
pub fn band_key(sig: &Signature, params: LshParams, band: usize) -> u64 {
    band_key_of(sig.values(), params, band)
}

/// [`band_key`] of a signature given by its values.
#[inline]
fn band_key_of(values: &[u32], params: LshParams, band: usize) -> u64 {
    let start = band * params.rows;
    let values = &values[start..start + params.rows];
    // on the stack for the usual band (rows ≤ 32: zeroing a larger
    // buffer for every key cost more than hashing it)
    let mut buf = [0u8; 4 * 32];
    if values.len() <= 32 {
        for (chunk, v) in buf.chunks_exact_mut(4).zip(values) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        xxh3_64_with_seed(&buf[..4 * values.len()], band as u64)
    } else {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        xxh3_64_with_seed(&bytes, band as u64)
    }
}

/// All band keys of a signature (empty for an empty signature).
pub fn band_keys(sig: &Signature, params: LshParams) -> Vec<u64> {
    band_keys_of(sig.values(), params)
}

/// [`band_keys`] of a signature given by its values (as
/// [`crate::signature::MinHasher::sign_into`] leaves them).
pub fn band_keys_of(values: &[u32], params: LshParams) -> Vec<u64> {
    if values.is_empty() {
        return Vec::new();
    }
    (0..params.bands).map(|b| band_key_of(values, params, b)).collect()
}

/// Candidate pairs `(a, b)` with `a < b`, sorted and unique, among items
/// whose band keys are given: `keys[i]` holds item `i`'s `bands` keys (or
/// none, for an item that takes no part).
pub fn candidate_pairs(keys: &[Vec<u64>], bands: usize) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = (0..bands)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut col: Vec<(u64, u32)> =
                keys.iter().enumerate().filter(|(_, k)| !k.is_empty()).map(|(i, k)| (k[band], i as u32)).collect();
            col.sort_unstable();
            let mut out = Vec::new();
            for run in col.chunk_by(|x, y| x.0 == y.0) {
                link_bucket(run.iter().map(|&(_, i)| i), run.len(), &mut out);
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs for one bucket of items (given in increasing order): all pairs
/// when small, a chain plus a star when larger than [`MAX_BUCKET`].
pub fn link_bucket(items: impl Iterator<Item = u32> + Clone, len: usize, out: &mut Vec<(u32, u32)>) {
    if len < 2 {
        return;
    }
    if len <= MAX_BUCKET {
        let v: Vec<u32> = items.collect();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                out.push((v[i], v[j]));
            }
        }
    } else {
        let v: Vec<u32> = items.collect();
        for w in v.windows(2) {
            out.push((w[0], w[1]));
        }
        for &x in &v[2..] {
            out.push((v[0], x));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::MinHasher;

    #[test]
    fn optimal_params_match_datasketch() {
        // datasketch MinHashLSH(threshold=0.8, num_perm=128) picks b=9, r=13
        assert_eq!(LshParams::optimal(0.8, 128, 0.5, 0.5), LshParams { bands: 9, rows: 13 });
        // (0.5, 128) gives b=25, r=5 and (0.9, 128) b=5, r=25
        assert_eq!(LshParams::optimal(0.5, 128, 0.5, 0.5), LshParams { bands: 25, rows: 5 });
        assert_eq!(LshParams::optimal(0.9, 128, 0.5, 0.5), LshParams { bands: 5, rows: 25 });
    }

    #[test]
    fn recall_params_reach_target() {
        for t in [0.5, 0.7, 0.8, 0.9] {
            let p = LshParams::for_recall(t, 128, 0.995);
            assert!(p.bands * p.rows <= 128);
            assert!(p.candidate_probability(t) >= 0.995, "{t}: {p:?}");
        }
        assert_eq!(LshParams::for_recall(0.8, 128, 0.995), LshParams { bands: 18, rows: 6 });
        // an unreachable target gives the best recall there is
        let p = LshParams::for_recall(0.1, 4, 0.999);
        assert_eq!(p, LshParams { bands: 4, rows: 1 });
    }

    #[test]
    fn candidate_curve_is_monotone() {
        let p = LshParams { bands: 9, rows: 13 };
        let mut last = 0.0;
        for i in 0..=100 {
            let v = p.candidate_probability(i as f64 / 100.0);
            assert!(v >= last);
            last = v;
        }
        assert!(p.candidate_probability(0.95) > 0.99);
        assert!(p.candidate_probability(0.3) < 0.001);
    }

    #[test]
    fn identical_signatures_are_candidates() {
        let h = MinHasher::new(128, 3);
        let a = h.sign(&[1, 2, 3, 4, 5]);
        let c = h.sign(&[10, 20, 30, 40, 50]);
        let p = LshParams { bands: 16, rows: 8 };
        let keys = vec![band_keys(&a, p), band_keys(&c, p), band_keys(&a, p), Vec::new()];
        assert_eq!(candidate_pairs(&keys, p.bands), vec![(0, 2)]);
    }

    #[test]
    fn big_bucket_stays_connected_and_linear() {
        let mut out = Vec::new();
        link_bucket(0..200u32, 200, &mut out);
        assert_eq!(out.len(), 199 + 198);
        let mut uf = crate::cluster::UnionFind::new(200);
        for (a, b) in &out {
            uf.union(*a, *b);
        }
        assert!((0..200).all(|i| uf.find(i) == uf.find(0)));
    }
}
