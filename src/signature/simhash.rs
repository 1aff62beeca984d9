//! SimHash: a 64-bit fingerprint of a document from its shingle hashes
//! (Charikar 2002; Manku, Jain & Das Sarma 2007).
//!
//! Every distinct shingle votes on each of the 64 bits: `+w` when the bit
//! is set in the shingle's (re-mixed) hash, `-w` when it is clear, where `w`
//! is the shingle's **term frequency** in the document (how often the same
//! word k-gram occurs). A bit of the fingerprint is set when its vote is
//! positive. Documents with similar shingle multisets get fingerprints at a
//! small Hamming distance: the expected distance is `64 · θ / π` for the
//! angle `θ` between the two term-frequency vectors.
//!
//! We hash the same shingles as MinHash (word k-grams, default 5), not
//! single words: single words make unrelated news stories on one topic
//! look alike (they share "the", "said", names), which would flood the
//! candidate search; shingles make the fingerprint reflect reused text.
//! Term frequency rather than binary weights lets repeated boilerplate
//! inside a document count as often as it appears.
//!
//! Candidate search over fingerprints is in [`crate::simhash_index`].

use super::mix64;

/// A 64-bit SimHash fingerprint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// The term-frequency-weighted SimHash of a document's shingle hashes (in
/// any order, repeats counted). `scratch` is reused between calls. An empty
/// input gives `SimHash(0)`.
pub fn simhash(shingles: &[u64], scratch: &mut Vec<u64>) -> SimHash {
    scratch.clear();
    scratch.extend_from_slice(shingles);
    scratch.sort_unstable();
    let mut votes = [0i64; 64];
    for run in scratch.chunk_by(|a, b| a == b) {
        let w = run.len() as i64;
        // shingle hashes are combined token hashes; re-mix so every bit is fair
        let h = mix64(run[0] ^ 0x9e37_79b9_7f4a_7c15);
        for (bit, v) in votes.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *v += w;
            } else {
                *v -= w;
            }
        }
    }
    let mut fp = 0u64;
    for (bit, &v) in votes.iter().enumerate() {
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
    use crate::shingle::shingle_hashes;

    fn sim_of(text: &str) -> SimHash {
        let tokens = Tokenizer::new(DEFAULT_SEED).tokens(text);
        let mut sh = Vec::new();
        shingle_hashes(&tokens, 5, DEFAULT_SEED, &mut sh);
        simhash(&sh, &mut Vec::new())
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
            assert!(d <= 6, "changing word {at} moved {d} bits");
        }
        // an unrelated text is far away
        let other = "Wind and rain are expected across the northern coast tonight, forecasters say, \
                     with gusts of up to ninety kilometres an hour near the harbour and the old bridge.";
        assert!(sim_of(first_line).hamming(sim_of(other)) > 12);
    }

    #[test]
    fn term_frequency_weighting_counts_repeats() {
        // two shingles: a repeated one outweighs a single one on every bit they disagree
        let a = 0x1234_5678_9abc_def0;
        let b = 0x0fed_cba9_8765_4321;
        assert_eq!(simhash(&[a, a, b], &mut Vec::new()), simhash(&[a], &mut Vec::new()));
        assert_eq!(simhash(&[], &mut Vec::new()), SimHash(0));
    }

    #[test]
    fn similarity_is_one_minus_hamming_over_64() {
        assert_eq!(SimHash(0).similarity(SimHash(0b1111)), 1.0 - 4.0 / 64.0);
        assert_eq!(SimHash(u64::MAX).hamming(SimHash(0)), 64);
    }
}
