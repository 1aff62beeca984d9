//! SimHash: a 64-bit fingerprint of a document from its words
//! (Charikar 2002; Manku, Jain & Das Sarma 2007).
//!
//! Every distinct feature votes on each of the 64 bits: `+w` when the bit
//! is set in the feature's (re-mixed) hash, `-w` when it is clear, where `w`
//! is the feature's **sublinear term frequency** `1 + ln(tf)` in the
//! document (`tf` = how often the word occurs). A bit of the fingerprint is
//! set when its vote is positive. Documents with similar weighted feature
//! vectors get fingerprints at a small Hamming distance: the expected
//! distance is `64 · θ / π` for the angle `θ` between the two vectors.
//!
//! **Features are words** (the normalized tokens of
//! [`crate::normalize`]), not the word 5-shingles MinHash uses. A changed
//! word changes one word of a few hundred but five shingles, and a moved
//! paragraph changes no word count at all, so word fingerprints of lightly
//! edited copies stay closer: on the development set the pair recall of
//! `dedup --method simhash` (K = 3, Jaccard verification) is 0.37 with
//! words against 0.22 with shingles.
//!
//! **Why sublinear TF.** With raw term frequency the most frequent words of
//! a language ("the" 60 times, "of" 30 times) outvote everything else, so
//! unrelated articles get nearly the same fingerprint: on a generated
//! 10,000-document corpus drawn from one Zipf vocabulary, raw-TF
//! fingerprints put so many unrelated pairs within 3 bits that candidate
//! search had not ended after a minute (on 100,000 documents it passed
//! 9 GB), while `1 + ln(tf)` gives 781 candidate pairs, 502 of them true.
//! Raw TF finds more on real news (pair recall 0.49 against 0.37 on the
//! development set) but is not safe; binary weights (every distinct word
//! once) are safe but find less (0.34). Verification on shingles (see
//! [`crate::verify`]) keeps precision whatever the fingerprints let
//! through.
//!
//! Candidate search over fingerprints is in [`crate::candidates::simhash`].

use super::mix64;

/// A 64-bit SimHash fingerprint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct SimHash(pub u64);

impl SimHash {
    /// Number of differing bits.
    #[inline]
    pub fn hamming(self, other: SimHash) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// `1 - hamming / 64`: the similarity the fingerprints alone suggest.
    pub fn similarity(self, other: SimHash) -> f64 {
        1.0 - f64::from(self.hamming(other)) / 64.0
    }
}

/// Weight 1 in fixed point: votes are exact integers, so the fingerprint
/// does not depend on the order of summation (or the platform).
const ONE: i64 = 1 << 20;

/// `1 + ln(tf)` in fixed point.
fn weight(tf: usize) -> i64 {
    ((1.0 + (tf as f64).ln()) * ONE as f64).round() as i64
}

/// `SPREAD[b]` has byte `i` set to bit `i` of `b`.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            t[b] |= ((b as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        b += 1;
    }
    t
};

/// Add the byte-lane counts to the per-bit counts and clear them.
fn flush(lanes: &mut [u64; 8], ones: &mut [u32; 64]) {
    for (k, lane) in lanes.iter_mut().enumerate() {
        for i in 0..8 {
            ones[8 * k + i] += ((*lane >> (8 * i)) & 0xff) as u32;
        }
        *lane = 0;
    }
}

/// The SimHash of a document's feature hashes, weighted `1 + ln(tf)` (in
/// any order, repeats counted: word hashes in the pipeline). `scratch` is
/// reused between calls. An empty input gives `SimHash(0)`.
pub fn simhash(features: impl IntoIterator<Item = u64>, scratch: &mut Vec<u64>) -> SimHash {
    scratch.clear();
    scratch.extend(features);
    scratch.sort_unstable();
    // Words seen once (weight 1, most of them) are counted per bit in
    // integers, eight bits at a time: SPREAD turns a byte into eight byte
    // lanes of 0/1, so one add counts eight bits; lanes are flushed before
    // they can overflow. Repeated words vote with their weight.
    let mut ones = [0u32; 64];
    let mut lanes = [0u64; 8];
    let mut pending = 0u32;
    let mut singles = 0u32;
    let mut votes = [0i64; 64];
    for run in scratch.chunk_by(|a, b| a == b) {
        // re-mix so that every bit of the fingerprint is a fair vote
        let h = mix64(run[0] ^ 0x9e37_79b9_7f4a_7c15);
        if run.len() == 1 {
            singles += 1;
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane += SPREAD[(h >> (8 * k)) as usize & 0xff];
            }
            pending += 1;
            if pending == 255 {
                flush(&mut lanes, &mut ones);
                pending = 0;
            }
        } else {
            let w = weight(run.len());
            for (bit, v) in votes.iter_mut().enumerate() {
                *v += w * (2 * ((h >> bit) & 1) as i64 - 1);
            }
        }
    }
    flush(&mut lanes, &mut ones);
    let mut fp = 0u64;
    for bit in 0..64 {
        let v = votes[bit] + (2 * i64::from(ones[bit]) - i64::from(singles)) * ONE;
        if v > 0 {
            fp |= 1 << bit;
        }
    }
    SimHash(fp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Tokenizer, DEFAULT_SEED};

    fn sim_of(text: &str) -> SimHash {
        let tokens = Tokenizer::new(DEFAULT_SEED).tokens(text);
        simhash(tokens.iter().map(|t| t.hash), &mut Vec::new())
    }

    const SEED: &str = include_str!("../../fixtures/seed.txt");

    #[test]
    fn identical_texts_give_identical_fingerprints() {
        assert_eq!(sim_of(SEED), sim_of(SEED));
        // normalization: case and punctuation do not matter
        assert_eq!(
            sim_of("The Kremlin said on Wednesday, it would!"),
            sim_of("the kremlin said on wednesday it WOULD")
        );
    }

    #[test]
    fn one_changed_word_moves_few_bits() {
        let first_line = SEED.lines().next().unwrap();
        let words: Vec<&str> = first_line.split(' ').collect();
        assert!(words.len() > 200, "fixture line has {} words", words.len());
        for at in [3, words.len() / 2, words.len() - 4] {
            let mut w = words.clone();
            w[at] = "zebra";
            let changed = w.join(" ");
            let d = sim_of(first_line).hamming(sim_of(&changed));
            assert!(d <= 3, "changing word {at} moved {d} bits");
        }
        // an unrelated text is far away
        let other = "Wind and rain are expected across the northern coast tonight, forecasters say, \
                     with gusts of up to ninety kilometres an hour near the harbour and the old bridge.";
        assert!(sim_of(first_line).hamming(sim_of(other)) > 12);
        // moving a sentence changes no word count: same fingerprint
        let (head, tail) = first_line.split_at(first_line.find(". ").unwrap() + 2);
        assert_eq!(sim_of(first_line), sim_of(&format!("{tail} {head}")));
    }

    #[test]
    fn sublinear_term_frequency_weighting() {
        // a word twice (1 + ln 2 = 1.69) outweighs a word once on every bit they disagree on
        let (a, b, c) = (0x1234_5678_9abc_def0, 0x0fed_cba9_8765_4321, 0x5555_aaaa_3333_cccc);
        assert_eq!(simhash([a, a, b], &mut Vec::new()), simhash([a], &mut Vec::new()));
        assert_eq!(simhash([b, a, b], &mut Vec::new()), simhash([b], &mut Vec::new()));
        // ... but not two other words once each (1.69 < 2): each bit is the majority of the three
        // (raw counts would tie 2 against 1 + 1 and clear the bit)
        let h = |x: u64| mix64(x ^ 0x9e37_79b9_7f4a_7c15);
        let want = (h(a) & (h(b) | h(c))) | (h(b) & h(c));
        assert_eq!(simhash([a, a, b, c], &mut Vec::new()), SimHash(want));
        assert_eq!(simhash([], &mut Vec::new()), SimHash(0));
    }

    /// The definition, computed the slow way.
    fn naive(features: &[u64]) -> SimHash {
        let mut counts = std::collections::BTreeMap::new();
        for &f in features {
            *counts.entry(f).or_insert(0usize) += 1;
        }
        let mut votes = [0i64; 64];
        for (&f, &tf) in &counts {
            let h = mix64(f ^ 0x9e37_79b9_7f4a_7c15);
            let w = weight(tf);
            for (bit, v) in votes.iter_mut().enumerate() {
                *v += if h >> bit & 1 == 1 { w } else { -w };
            }
        }
        SimHash(votes.iter().enumerate().filter(|(_, &v)| v > 0).fold(0, |fp, (bit, _)| fp | 1 << bit))
    }

    proptest::proptest! {
        #[test]
        fn matches_the_definition(features in proptest::collection::vec(0u64..2000, 0..1500)) {
            proptest::prop_assert_eq!(simhash(features.iter().copied(), &mut Vec::new()), naive(&features));
        }
    }

    #[test]
    fn similarity_is_one_minus_hamming_over_64() {
        assert_eq!(SimHash(0).similarity(SimHash(0b1111)), 1.0 - 4.0 / 64.0);
        assert_eq!(SimHash(u64::MAX).hamming(SimHash(0)), 64);
    }
}
