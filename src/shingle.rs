//! Shingles: word k-grams hashed with xxh3, each with the byte span it
//! covers, and winnowing to thin them to a guaranteed sample.
//!
//! A shingle's hash combines the k token hashes (each xxh3 of a folded
//! word) by a polynomial rolling hash modulo 2^64, finalized by a 64-bit
//! mixer: each step drops the oldest token and adds the newest, so a shingle
//! costs two multiplications and the finalizer, and no string is built. A document with fewer than k
//! tokens (but at least one) gets one shingle over all its tokens, so short
//! documents are not all alike; a document with no token has no shingle.
//!
//! [`winnow`] selects, from every window of `w` consecutive shingles, the
//! one with the smallest hash (rightmost on ties), as in Schleimer, Wilkerson
//! and Aiken (2003): any run of at least `w + k - 1` words that two
//! documents share yields at least one common selected fingerprint.

use crate::corpus::ByteSpan;
use crate::hash::mix64;
use crate::normalize::Token;

/// The largest supported shingle size.
pub const MAX_SHINGLE_SIZE: usize = 32;

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
    out.reserve(tokens.len() - k + 1);
    out.push(finish(poly, seed));
    for i in k..tokens.len() {
        poly = poly.wrapping_sub(tokens[i - k].hash.wrapping_mul(top)).wrapping_mul(BASE).wrapping_add(tokens[i].hash);
        out.push(finish(poly, seed));
    }
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

/// Winnowing with window `w`: the positions (indices into `hashes`) of the
/// selected fingerprints, in increasing order, each selected once. With
/// fewer than `w` hashes the minimum of them all is selected.
pub fn winnow(hashes: &[u64], w: usize, out: &mut Vec<u32>) {
    out.clear();
    if hashes.is_empty() {
        return;
    }
    let w = w.max(1).min(hashes.len());
    // monotone deque of indices with increasing hashes; on ties keep the
    // rightmost, so a run of equal hashes yields few picks
    let mut deque = std::collections::VecDeque::with_capacity(w);
    for (i, &h) in hashes.iter().enumerate() {
        while let Some(&back) = deque.back() {
            if hashes[back as usize] >= h {
                deque.pop_back();
            } else {
                break;
            }
        }
        deque.push_back(i as u32);
        if i + 1 >= w {
            let window_start = (i + 1 - w) as u32;
            while deque.front().is_some_and(|&f| f < window_start) {
                deque.pop_front();
            }
            let pick = *deque.front().expect("deque holds the current index");
            if out.last() != Some(&pick) {
                out.push(pick);
            }
        }
    }
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

    #[test]
    fn winnow_picks_window_minimum() {
        let h = [5, 3, 8, 1, 9, 9, 2, 7];
        let mut out = Vec::new();
        winnow(&h, 3, &mut out);
        // windows: [5,3,8]->1 [3,8,1]->3 [8,1,9]->3 [1,9,9]->3 [9,9,2]->6 [9,2,7]->6
        assert_eq!(out, vec![1, 3, 6]);
    }

    #[test]
    fn winnow_every_window_has_a_pick() {
        let h: Vec<u64> = (0..200u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40).collect();
        for w in 1..12 {
            let mut out = Vec::new();
            winnow(&h, w, &mut out);
            for start in 0..=h.len() - w {
                assert!(out.iter().any(|&p| (p as usize) >= start && (p as usize) < start + w));
            }
        }
    }

    #[test]
    fn winnow_short_input_picks_minimum() {
        let mut out = Vec::new();
        winnow(&[4, 2, 6], 8, &mut out);
        assert_eq!(out, vec![1]);
    }
}
