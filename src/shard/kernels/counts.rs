//! The `fingerprint_counts` kernel: containment candidate search's shared
//! fingerprint counts for one engine partition of fingerprints, counted in
//! one pass (sort, posting lists, pairs, runs) instead of one row per
//! posting-list pair.
//!
//! An engine partitions the `fp ordinal` rows by fingerprint (every row of
//! a fingerprint in one partition), calls the kernel once per partition,
//! and sums `shared` per pair over partitions: the sums are the run lengths
//! [`overlap_candidates`](crate::candidates::overlap_candidates) counts, as
//! each fingerprint's list is paired by the same rule
//! ([`list_pairs`]). Fingerprints of one document, most of them, emit
//! nothing, and a pair sharing many fingerprints of the partition is one
//! row.

use super::columns::{bad, batch, i64_field, ints};
use super::*;

/// `fingerprint_counts`: for rows `fp ordinal` (any order, over any number
/// of batches; every row of each fingerprint present must be among them),
/// one row `a b shared` per pair `a < b` of documents that some
/// fingerprint's posting list pairs ([`list_pairs`]: all pairs, or
/// neighbours when the list is longer than the overlap `max_df`), with
/// `shared` the number of such fingerprints. Sorted by `a`, then `b`.
pub fn fingerprint_counts(input: &[RecordBatch], config: &DedupConfig) -> Result<RecordBatch> {
    const K: &str = "fingerprint_counts";
    let mut rows: Vec<(u64, u64)> = Vec::with_capacity(input.iter().map(RecordBatch::num_rows).sum());
    for (i, b) in input.iter().enumerate() {
        // errors name the batch when there are several
        let k = if input.len() == 1 { K.to_string() } else { format!("{K} (batch {i})") };
        let (fp, ord) = (ints(&k, b, "fp")?, ints(&k, b, "ordinal")?);
        rows.extend(fp.iter().zip(&ord).map(|(&f, &o)| (f as u64, o as u64)));
    }
    // posting lists in document order, each document once
    rows.par_sort_unstable();
    rows.dedup();
    let lists: Vec<&[(u64, u64)]> = rows.chunk_by(|x, y| x.0 == y.0).filter(|l| l.len() >= 2).collect();
    // the listed documents as dense numbers (in ordinal order), so that a
    // pair packs into one u64
    let mut docs: Vec<u64> = lists.iter().flat_map(|l| l.iter().map(|r| r.1)).collect();
    docs.par_sort_unstable();
    docs.dedup();
    if docs.len() > u32::MAX as usize {
        return Err(bad(K, format!("{} documents in one call, at most {}", docs.len(), u32::MAX)));
    }
    let number = |o: u64| docs.binary_search(&o).expect("a listed document") as u64;
    let max_df = config.overlap.max_df;
    let mut pairs: Vec<u64> = lists
        .par_iter()
        .flat_map_iter(|list| {
            let nums: Vec<u64> = list.iter().map(|r| number(r.1)).collect();
            list_pairs(nums.len(), max_df).map(move |(i, j)| (nums[i] << 32) | nums[j])
        })
        .collect();
    pairs.par_sort_unstable();
    let (mut a, mut b, mut shared) = (Vec::new(), Vec::new(), Vec::new());
    for run in pairs.chunk_by(|x, y| x == y) {
        a.push(docs[(run[0] >> 32) as usize] as i64);
        b.push(docs[(run[0] & 0xffff_ffff) as usize] as i64);
        shared.push(run.len() as i64);
    }
    let schema = Arc::new(Schema::new(vec![i64_field("a"), i64_field("b"), i64_field("shared")]));
    Ok(batch(
        schema,
        vec![Arc::new(Int64Array::from(a)), Arc::new(Int64Array::from(b)), Arc::new(Int64Array::from(shared))],
    ))
}
