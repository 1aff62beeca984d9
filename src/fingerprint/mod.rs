//! Fingerprints: a document's word k-gram hashes thinned by winnowing, each
//! kept with the position of its first word, and the postings that map a
//! fingerprint back to the documents (and positions) that have it.
//!
//! Every command that looks for shared text uses these: `dedup`'s
//! containment candidates, `passages`' seeds, the reference index of
//! `index` and `check`, and the tracing of quotes. They differ only in
//! their [`FingerprintParams`] (words per k-gram, winnowing window, seed).
//!
//! Winnowing ([`winnow`]) selects, from every window of `w` consecutive
//! k-grams, the one with the smallest hash (rightmost on ties), as in
//! Schleimer, Wilkerson and Aiken (2003): any run of at least `w + k - 1`
//! words that two documents share yields at least one common fingerprint,
//! whatever surrounds it. About `2/(w+1)` of a document's k-grams are kept.
//!
//! [`Postings`] is where fingerprints are looked up: [`PostingTable`] in
//! memory, [`crate::index::Index`] memory-mapped from a file. Code that
//! seeds alignments or traces text takes `&dyn Postings`, so it runs the
//! same over a corpus being read and over a persistent index.

mod postings;
mod winnow;

pub use postings::{document_count, Occurrence, Posting, PostingTable, Postings};
pub use winnow::winnow;

use crate::error::{Error, Result};
use crate::normalize::{Token, DEFAULT_SEED};
use crate::shingle::{shingle_hashes, validate_shingle_size};
use serde::{Deserialize, Serialize};

/// One fingerprint of a document: a k-gram hash and the position of the
/// k-gram's first word (a fingerprint at `pos` covers words `pos..pos+k`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The k-gram hash ([`crate::shingle`]).
    pub hash: u64,
    /// Index of the k-gram's first token.
    pub pos: u32,
}

/// How fingerprints are made; two fingerprint sets can only be compared
/// when they were made with the same parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FingerprintParams {
    /// Words per k-gram (1 to [`crate::shingle::MAX_SHINGLE_SIZE`]).
    pub shingle_size: usize,
    /// Winnowing window, in k-grams (at least 1).
    pub window: usize,
    /// Seed of the k-gram hashes.
    pub seed: u64,
}

impl Default for FingerprintParams {
    /// The reference index's defaults: 5-word k-grams, window 8.
    fn default() -> Self {
        FingerprintParams { shingle_size: 5, window: 8, seed: DEFAULT_SEED }
    }
}

impl FingerprintParams {
    /// Check ranges.
    pub fn validate(&self) -> Result<()> {
        validate_shingle_size(self.shingle_size)?;
        if self.window == 0 {
            return Err(Error::config("the winnowing window must be at least 1"));
        }
        Ok(())
    }

    /// The shortest run of shared words that is sure to share a
    /// fingerprint: `window + shingle_size - 1`.
    pub fn guaranteed_words(&self) -> usize {
        self.window + self.shingle_size - 1
    }

    /// The fingerprints of a token sequence, in text order. `scratch` holds
    /// the k-gram hashes (reused between calls).
    pub fn fingerprints(&self, tokens: &[Token], scratch: &mut Vec<u64>) -> Vec<Fingerprint> {
        shingle_hashes(tokens, self.shingle_size, self.seed, scratch);
        winnowed(scratch, self.window)
    }
}

/// Fingerprints of a document from its k-gram hashes in text order (k-gram
/// `i` starts at token `i`), by winnowing with window `w`; in text order.
pub fn winnowed(shingle_hashes: &[u64], w: usize) -> Vec<Fingerprint> {
    let mut picks = Vec::new();
    winnow(shingle_hashes, w, &mut picks);
    picks.iter().map(|&p| Fingerprint { hash: shingle_hashes[p as usize], pos: p }).collect()
}

/// The set of fingerprint hashes (sorted, unique) of a document's k-gram
/// hashes, by winnowing with window `w`: what containment candidates count.
pub fn fingerprint_set(shingle_hashes: &[u64], w: usize) -> Vec<u64> {
    let mut picks = Vec::new();
    winnow(shingle_hashes, w, &mut picks);
    let mut out: Vec<u64> = picks.iter().map(|&p| shingle_hashes[p as usize]).collect();
    crate::hash::sort_unique_hashes(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Tokenizer;

    #[test]
    fn positions_point_at_their_kgram() {
        let hashes: Vec<u64> = (0..50u64).map(crate::hash::mix64).collect();
        let fps = winnowed(&hashes, 4);
        assert!(!fps.is_empty());
        for f in fps {
            assert_eq!(hashes[f.pos as usize], f.hash);
        }
    }

    #[test]
    fn a_shared_run_of_guaranteed_length_shares_a_fingerprint() {
        let params = FingerprintParams { shingle_size: 3, window: 4, seed: 9 };
        let shared = "the convoy crossed the border before dawn today";
        assert_eq!(shared.split(' ').count(), params.guaranteed_words() + 2);
        let a = format!("one two three four five {shared} six seven");
        let b = format!("alpha beta {shared} gamma delta epsilon zeta eta");
        let mut tok = Tokenizer::new(params.seed);
        let mut scratch = Vec::new();
        let fa = params.fingerprints(&tok.tokens(&a), &mut scratch);
        let fb = params.fingerprints(&tok.tokens(&b), &mut scratch);
        assert!(fa.iter().any(|x| fb.iter().any(|y| x.hash == y.hash)));
    }

    #[test]
    fn set_is_sorted_and_unique() {
        let hashes: Vec<u64> = [7u64, 3, 7, 3, 9, 1, 1].repeat(5);
        let set = fingerprint_set(&hashes, 3);
        assert!(set.windows(2).all(|w| w[0] < w[1]));
        assert!(set.iter().all(|h| hashes.contains(h)));
    }

    #[test]
    fn params_are_validated() {
        assert!(FingerprintParams::default().validate().is_ok());
        assert!(FingerprintParams { shingle_size: 0, ..FingerprintParams::default() }.validate().is_err());
        assert!(FingerprintParams { shingle_size: 33, ..FingerprintParams::default() }.validate().is_err());
        assert!(FingerprintParams { window: 0, ..FingerprintParams::default() }.validate().is_err());
    }
}
