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
/// hashes): [`HashSorter::sorted_unique`] with buffers of its own.
pub fn sort_unique_hashes(v: &mut Vec<u64>) {
    *v = HashSorter::default().sorted_unique(v);
}

/// Sorts sets of hashes spread evenly over `u64` (shingle hashes), reusing
/// its buffers from one set to the next: one counting pass on the top bits
/// puts each value in its bucket (two to four buckets a value), and an
/// insertion sort finishes the nearly sorted result. That is linear where a
/// comparison sort is not, and about four times faster on a document's
/// shingles. Input that is not spread out (many values in few buckets) is
/// noticed by the insertion sort's work and handed to the standard sort, so
/// the answer never depends on the input's distribution, only the time.
#[derive(Clone, Debug, Default)]
pub struct HashSorter {
    starts: Vec<u32>,
    buf: Vec<u64>,
}

impl HashSorter {
    /// The values of `input`, sorted and without repeats, in a vector of
    /// exactly that length (the only allocation once the buffers have
    /// grown).
    pub fn sorted_unique(&mut self, input: &[u64]) -> Vec<u64> {
        let n = input.len();
        if n == 0 {
            return Vec::new();
        }
        if n < 64 {
            self.buf.clear();
            self.buf.extend_from_slice(input);
            self.buf.sort_unstable();
        } else {
            self.bucket_sort(input);
        }
        // drop repeats in place
        let out = &mut self.buf;
        let mut m = 1;
        for i in 1..n {
            if out[i] != out[m - 1] {
                out[m] = out[i];
                m += 1;
            }
        }
        out[..m].to_vec()
    }

    /// `input` (64 values or more) sorted into the buffer: buckets on the
    /// top bits, then insertion sort, or the standard sort when the input
    /// turns out not to be spread.
    fn bucket_sort(&mut self, input: &[u64]) {
        let n = input.len();
        let bits = usize::BITS - n.leading_zeros() + 1;
        let shift = 64 - bits;
        let starts = &mut self.starts;
        starts.clear();
        starts.resize(1 << bits, 0);
        for &x in input {
            starts[(x >> shift) as usize] += 1;
        }
        // counts to starts, the running sum in a register (a sum carried
        // through memory is one store-to-load wait a bucket)
        let mut sum = 0;
        for c in starts.iter_mut() {
            let count = *c;
            *c = sum;
            sum += count;
        }
        let out = &mut self.buf;
        out.clear();
        out.resize(n, 0);
        for &x in input {
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
                return;
            }
        }
    }
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

        #[test]
        fn a_reused_sorter_equals_sort_and_dedup(
            sets in proptest::collection::vec(proptest::collection::vec(any::<u64>(), 0..600), 1..6),
        ) {
            // buffers left from a longer set must not leak into a shorter one
            let mut sorter = HashSorter::default();
            for v in &sets {
                let mut with_repeats = v.clone();
                with_repeats.extend(v.iter().step_by(3));
                let got = sorter.sorted_unique(&with_repeats);
                prop_assert_eq!(got.len(), got.capacity());
                prop_assert_eq!(got, reference(&with_repeats));
            }
        }
    }
}
