//! Shingles: word k-grams hashed with xxh3, each with the byte span it
//! covers, and winnowing to thin them to a guaranteed sample.
//!
//! A shingle's hash is xxh3 over the k token hashes (8 bytes each, on the
//! stack): no string is built per shingle. A document with fewer than k
//! tokens (but at least one) gets one shingle over all its tokens, so short
//! documents are not all alike; a document with no token has no shingle.
//!
//! [`winnow`] selects, from every window of `w` consecutive shingles, the
//! one with the smallest hash (rightmost on ties), as in Schleimer, Wilkerson
//! and Aiken (2003): any run of at least `w + k - 1` words that two
//! documents share yields at least one common selected fingerprint.

use crate::corpus::ByteSpan;
use crate::normalize::Token;
use xxhash_rust::xxh3::xxh3_64_with_seed;

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

/// Hash one window of tokens.
#[inline]
pub fn hash_window(window: &[Token], seed: u64) -> u64 {
    debug_assert!(!window.is_empty() && window.len() <= MAX_SHINGLE_SIZE);
    let mut buf = [0u8; 8 * MAX_SHINGLE_SIZE];
    for (chunk, t) in buf.chunks_exact_mut(8).zip(window) {
        chunk.copy_from_slice(&t.hash.to_le_bytes());
    }
    xxh3_64_with_seed(&buf[..8 * window.len()], seed)
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
    out.extend(tokens.windows(k).map(|w| hash_window(w, seed)));
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
