//! Shingles: word k-grams hashed with xxh3, each with the byte span it
//! covers.
//!
//! A shingle's hash combines the k token hashes (each xxh3 of a folded
//! word) by a polynomial rolling hash modulo 2^64, finalized by a 64-bit
//! mixer: each step drops the oldest token and adds the newest, so a shingle
//! costs two multiplications and the finalizer, and no string is built. A
//! document with fewer than k tokens (but at least one) gets one shingle
//! over all its tokens, so short documents are not all alike; a document
//! with no token has no shingle.
//!
//! Thinning shingles to fingerprints (winnowing) is [`crate::fingerprint`].

use crate::corpus::ByteSpan;
use crate::error::{Error, Result};
use crate::hash::mix64;
use crate::normalize::Token;

/// The largest supported shingle size.
pub const MAX_SHINGLE_SIZE: usize = 32;

/// Check a shingle size given by a user: 1 to [`MAX_SHINGLE_SIZE`] words.
pub fn validate_shingle_size(k: usize) -> Result<()> {
    if (1..=MAX_SHINGLE_SIZE).contains(&k) {
        Ok(())
    } else {
        Err(Error::config(format!("shingle size must be 1 to {MAX_SHINGLE_SIZE}, got {k}")))
    }
}

/// One hashed word k-gram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shingle {
    /// xxh3 of the k token hashes.
    pub hash: u64,
    /// Index of its first token.
    pub first_token: u32,
    /// From the first token's start to the last token's end.
    pub span: ByteSpan,
}

/// The base of the polynomial rolling hash (odd, so multiplication by it is
/// invertible modulo 2^64).
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hash one window of tokens: the polynomial `Σ t_j · B^(n-1-j)` of the
/// token hashes modulo 2^64, seeded and finalized with [`mix64`]. Equal to
/// what [`shingle_hashes`] computes by rolling.
#[inline]
pub fn hash_window(window: &[Token], seed: u64) -> u64 {
    debug_assert!(!window.is_empty() && window.len() <= MAX_SHINGLE_SIZE);
    let poly = window.iter().fold(0u64, |h, t| h.wrapping_mul(BASE).wrapping_add(t.hash));
    finish(poly, seed)
}

#[inline]
fn finish(poly: u64, seed: u64) -> u64 {
    mix64(poly ^ seed)
}

/// Number of shingles `tokens` gives with size `k`.
pub fn shingle_count(tokens: usize, k: usize) -> usize {
    match tokens {
        0 => 0,
        n if n < k => 1,
        n => n - k + 1,
    }
}

/// Append the shingle hashes of `tokens`, in text order, to `out`
/// (cleared first).
pub fn shingle_hashes(tokens: &[Token], k: usize, seed: u64, out: &mut Vec<u64>) {
    out.clear();
    if tokens.is_empty() {
        return;
    }
    if tokens.len() < k {
        out.push(hash_window(tokens, seed));
        return;
    }
    // rolling: drop the oldest token's term, shift, add the newest
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(BASE)); // B^(k-1)
    let mut poly = tokens[..k].iter().fold(0u64, |h, t| h.wrapping_mul(BASE).wrapping_add(t.hash));
    out.push(finish(poly, seed));
    // `extend` from a zip of known length: no capacity check per shingle
    let (newest, oldest) = (&tokens[k..], &tokens[..tokens.len() - k]);
    out.extend(newest.iter().zip(oldest).map(|(new, old)| {
        poly = poly.wrapping_sub(old.hash.wrapping_mul(top)).wrapping_mul(BASE).wrapping_add(new.hash);
        finish(poly, seed)
    }));
}

/// The shingles of `tokens` with their spans, in text order.
pub fn shingles(tokens: &[Token], k: usize, seed: u64) -> Vec<Shingle> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let k = k.min(tokens.len());
    tokens
        .windows(k)
        .enumerate()
        .map(|(i, w)| Shingle {
            hash: hash_window(w, seed),
            first_token: i as u32,
            span: ByteSpan { start: w[0].span.start, end: w[k - 1].span.end },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Tokenizer;

    fn hashes_of(text: &str, k: usize) -> Vec<u64> {
        let tokens = Tokenizer::default().tokens(text);
        let mut out = Vec::new();
        shingle_hashes(&tokens, k, 7, &mut out);
        out
    }

    #[test]
    fn counts() {
        assert_eq!(hashes_of("a b c d e f g", 5).len(), 3);
        assert_eq!(hashes_of("a b", 5).len(), 1);
        assert_eq!(hashes_of("", 5).len(), 0);
        for n in 0..10 {
            assert_eq!(shingle_count(n, 5), hashes_of(&"w ".repeat(n), 5).len());
        }
    }

    #[test]
    fn short_documents_differ() {
        assert_ne!(hashes_of("hello world", 5), hashes_of("goodbye world", 5));
    }

    #[test]
    fn rolling_equals_direct() {
        let tokens = Tokenizer::default().tokens("one two three four five six seven eight nine ten eleven");
        for k in 1..=12 {
            let mut rolled = Vec::new();
            shingle_hashes(&tokens, k, 3, &mut rolled);
            let direct: Vec<u64> = shingles(&tokens, k, 3).iter().map(|s| s.hash).collect();
            assert_eq!(rolled, direct, "k = {k}");
        }
    }

    #[test]
    fn order_matters() {
        assert_ne!(hashes_of("a b c d e", 5), hashes_of("e d c b a", 5));
    }

    #[test]
    fn spans_cover_words() {
        let text = "One two, three four five six.";
        let tokens = Tokenizer::default().tokens(text);
        let sh = shingles(&tokens, 5, 7);
        assert_eq!(sh.len(), 2);
        assert_eq!(&text[sh[0].span.range()], "One two, three four five");
        assert_eq!(&text[sh[1].span.range()], "two, three four five six");
        assert_eq!(sh[1].hash, hashes_of(text, 5)[1]);
    }
}
