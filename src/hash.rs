//! Small hashing helpers shared by the stages.

/// A 64-bit finalizer (from MurmurHash3): turns structured input into well
/// mixed bits. Used to derive per-purpose hashes from one shingle hash.
#[inline]
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Sort `v` and drop repeats, for hashes spread evenly over `u64` (shingle
/// hashes): one counting pass on the top bits puts each value in its
/// bucket (two to four buckets a value), and an insertion sort finishes the
/// nearly sorted result. That is linear where a comparison sort is not,
/// and about four times faster on a document's shingles. Input that is not
/// spread out (many values in few buckets) is noticed by the insertion
/// sort's work and handed to the standard sort, so the answer never
/// depends on the input's distribution, only the time.
pub fn sort_unique_hashes(v: &mut Vec<u64>) {
    let n = v.len();
    if n < 64 {
        v.sort_unstable();
        v.dedup();
        return;
    }
    let bits = usize::BITS - n.leading_zeros() + 1;
    let shift = 64 - bits;
    let mut starts = vec![0u32; (1 << bits) + 1];
    for &x in v.iter() {
        starts[(x >> shift) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![0u64; n];
    for &x in v.iter() {
        let slot = &mut starts[(x >> shift) as usize];
        out[*slot as usize] = x;
        *slot += 1;
    }
    let mut moves = 0usize;
    for i in 1..n {
        let x = out[i];
        let mut j = i;
        while j > 0 && out[j - 1] > x {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = x;
        moves += i - j;
        if moves > 4 * n {
            out.sort_unstable();
            break;
        }
    }
    out.dedup();
    *v = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(v: &[u64]) -> Vec<u64> {
        let mut r = v.to_vec();
        r.sort_unstable();
        r.dedup();
        r
    }

    #[test]
    fn clustered_input_takes_the_standard_sort() {
        // all values in one bucket, in falling order: insertion sort would
        // be quadratic
        let mut v: Vec<u64> = (0..5000u64).rev().collect();
        let expected = reference(&v);
        sort_unique_hashes(&mut v);
        assert_eq!(v, expected);
    }

    proptest! {
        #[test]
        fn equals_sort_and_dedup(
            hashes in proptest::collection::vec(any::<u64>(), 0..3000),
            repeats in proptest::collection::vec(0usize..3000, 0..300),
            small in proptest::collection::vec(0u64..50, 0..200),
        ) {
            // spread values, some repeated, and a clump of small ones
            let mut v = hashes.clone();
            v.extend(repeats.iter().filter_map(|&i| hashes.get(i)));
            v.extend(small);
            let expected = reference(&v);
            sort_unique_hashes(&mut v);
            prop_assert_eq!(v, expected);
        }
    }
}
