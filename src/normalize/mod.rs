//! Normalization and tokenization: words with byte offsets into the original
//! text, each hashed after Unicode folding.
//!
//! A token is a maximal run of letters, digits and combining marks
//! (`char::is_alphanumeric` plus Unicode combining marks). Everything else
//! (spaces, punctuation, symbols, apostrophes) separates tokens, so
//! `Peskov's` is `peskov` + `s`, as `\w+` would split it. Default-ignorable
//! code points (Unicode's `Default_Ignorable_Code_Point`: zero-width
//! characters, bidi controls, soft hyphens, variation selectors and their
//! supplement, Mongolian free variation selectors, Hangul fillers, tag
//! characters) are ignored: they neither end a token nor change its hash.
//!
//! Against disguised copies, two more folds apply to a token's hash (never
//! to its span): a token that mixes scripts (Unicode TR39 mixed-script
//! detection, e.g. Latin with Cyrillic `а е о`; only among Latin, Greek and
//! Cyrillic, so `SBS는` is left alone) has each non-ASCII letter
//! whose TR39 confusable skeleton is ASCII replaced by that skeleton, so
//! `plаn` with a Cyrillic `а` is `plan`; and a token of three or more
//! letters carrying at least one combining mark per letter (a mark after
//! every letter) loses its marks. Both apply only to tokens written in
//! Latin, Greek and Cyrillic (Devanagari or Arabic words, whose marks are
//! vowels, and Latin mixed with Hangul are left alone). Single-script words (`ТАСС`, `résumé`,
//! `người`) keep their plain fold, so normal text hashes as before.
//!
//! Each token's hash is a hash of its folded form (Unicode NFKC, then lower
//! case; xxh3 for tokens over 16 bytes, a two-multiply wyhash-style mix for
//! shorter ones, see [`hash_folded`]), so `ＴＡＳＳ`, `TASS` and `tass` are one token while `ТАСС`
//! (Cyrillic) is another. Pure-ASCII tokens take a fast path that skips
//! normalization.
//!
//! Scripts written without spaces between words (Han, Hiragana, Katakana,
//! Thai, Lao, Khmer, Myanmar) fall back to characters: each such character
//! is its own token, so word k-grams over them are character k-grams.
//!
//! The token's [`ByteSpan`] always lies on char boundaries of the original
//! text and covers the token's first to last character.

mod classes;
mod fold;

pub use classes::{classify, CharClass};
pub use fold::{fold, fold_into};

use crate::corpus::ByteSpan;
use classes::{ascii_word_end, block_masks, ASCII_WORD};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// One word (or one character of a script without spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// [`hash_folded`] of the folded token text.
    pub hash: u64,
    /// Where the token is in the original text.
    pub span: ByteSpan,
}

/// The default hash seed for tokens.
pub const DEFAULT_SEED: u64 = 0x5749_5245_5452_4143; // "WIRETRAC"

/// Turns text into [`Token`]s. Holds a scratch buffer so tokenizing many
/// documents does not allocate per token.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    seed: u64,
    scratch: String,
}

/// Bytes the tokenizer tests at once.
const BLOCK: usize = 64;

/// The word in progress while tokenizing: its first byte (`usize::MAX`
/// when none), one past its last word character, and whether it is all
/// ASCII so far.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    ascii: bool,
}

impl Word {
    const NONE: Word = Word { start: usize::MAX, end: 0, ascii: true };
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new(DEFAULT_SEED)
    }
}

impl Tokenizer {
    /// A tokenizer whose token hashes use `seed`.
    pub fn new(seed: u64) -> Tokenizer {
        Tokenizer { seed, scratch: String::new() }
    }

    /// The hash seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Append the tokens of `text` to `out` (which is cleared first).
    ///
    /// Runs of 64 ASCII bytes are split into words from two bit masks
    /// without a branch per byte; a block holding any other byte goes one
    /// character at a time.
    pub fn tokenize(&mut self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut word = Word::NONE;
        let mut i = 0;
        while i < n {
            if let Some(block) = bytes.get(i..i + BLOCK).and_then(|b| <&[u8; BLOCK]>::try_from(b).ok()) {
                let (words, high) = block_masks(block);
                if high == 0 {
                    self.ascii_block(text, i, words, BLOCK, &mut word, out);
                    i += BLOCK;
                    continue;
                }
                i = self.mixed_block(text, i, words, high, &mut word, out);
                continue;
            }
            i = self.step(text, i, &mut word, out);
        }
        if word.start != usize::MAX {
            self.push(text, word.start, word.end, word.ascii, out);
        }
    }

    /// A block at `at` holding bytes of 0x80 and above (bit `j` of `high`
    /// set for byte `at + j`): its runs of ASCII bytes go through
    /// [`Tokenizer::ascii_block`] as in a whole ASCII block, the other
    /// characters one at a time. Returns where the next block starts (past
    /// the block when its last character crosses the edge).
    #[inline(always)]
    fn mixed_block(
        &mut self,
        text: &str,
        at: usize,
        words: u64,
        high: u64,
        word: &mut Word,
        out: &mut Vec<Token>,
    ) -> usize {
        let bytes = text.as_bytes();
        let mut pos = 0;
        loop {
            // the ASCII run from `pos` to the next byte of 0x80 or above
            let rest = high & (u64::MAX << pos);
            let next = if rest == 0 { BLOCK } else { rest.trailing_zeros() as usize };
            if next > pos {
                self.ascii_block(text, at + pos, words >> pos, next - pos, word, out);
            }
            if next == BLOCK {
                return at + BLOCK;
            }
            let mut i = at + next;
            while i < at + BLOCK && bytes[i] >= 0x80 {
                i = self.step(text, i, word, out);
            }
            if i >= at + BLOCK {
                return i;
            }
            pos = i - at;
        }
    }

    /// The `len` (at most [`BLOCK`]) ASCII bytes at `at`, bit `j` of
    /// `words` set when byte `at + j` is a letter or digit (bits from `len`
    /// on are ignored). A word starts at a word byte after a non-word byte
    /// and ends at a non-word byte after a word byte, so the two masks of
    /// starts and ends pair up in order: the loop takes one of each per
    /// word, with no branch on the state.
    #[inline(always)]
    fn ascii_block(&mut self, text: &str, at: usize, words: u64, len: usize, word: &mut Word, out: &mut Vec<Token>) {
        let keep = if len == BLOCK { u64::MAX } else { (1u64 << len) - 1 };
        let words = words & keep;
        let inside = (word.start != usize::MAX) as u64;
        let before = (words << 1) | inside;
        let mut starts = words & !before;
        let mut ends = !words & before & keep;
        if inside == 1 {
            // the word that came into the run
            if ends == 0 {
                word.end = at + len;
                return;
            }
            let j = ends.trailing_zeros() as usize;
            ends &= ends - 1;
            // at the run's first byte it ends where it stood (perhaps
            // before ignorable characters)
            let end = if j == 0 { word.end } else { at + j };
            if word.ascii {
                self.push_ascii(text, word.start, end, out);
            } else {
                self.push(text, word.start, end, false, out);
            }
            *word = Word::NONE;
        }
        while starts != 0 {
            let start = at + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                // the last word goes on past the run
                *word = Word { start, end: at + len, ascii: true };
                return;
            }
            let end = at + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            self.push_ascii(text, start, end, out);
        }
    }

    /// One step of the character-at-a-time scan from `i`: a run of ASCII
    /// letters and digits, one other ASCII byte, or one non-ASCII
    /// character. Returns where the next step starts.
    #[inline(always)]
    fn step(&mut self, text: &str, mut i: usize, word: &mut Word, out: &mut Vec<Token>) -> usize {
        let bytes = text.as_bytes();
        let b = bytes[i];
        if b < 0x80 {
            if !ASCII_WORD[b as usize] {
                if word.start != usize::MAX {
                    self.push(text, word.start, word.end, word.ascii, out);
                    word.start = usize::MAX;
                }
                return i + 1;
            }
            // a run of ASCII letters and digits, eight bytes at a time
            let run = i;
            i = ascii_word_end(bytes, i + 1);
            if word.start == usize::MAX {
                if i == bytes.len() || bytes[i] < 0x80 {
                    // the common case: a whole ASCII word
                    self.push_ascii(text, run, i, out);
                    return i;
                }
                *word = Word { start: run, end: 0, ascii: true };
            }
            word.end = i;
            return i;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        let len = c.len_utf8();
        match classify(c) {
            CharClass::Word => {
                if word.start == usize::MAX {
                    word.start = i;
                }
                word.ascii = false;
                word.end = i + len;
            }
            CharClass::Ignore => {
                if word.start != usize::MAX {
                    word.ascii = false;
                }
            }
            CharClass::Single => {
                if word.start != usize::MAX {
                    self.push(text, word.start, word.end, word.ascii, out);
                    word.start = usize::MAX;
                }
                self.push(text, i, i + len, false, out);
            }
            CharClass::Break => {
                if word.start != usize::MAX {
                    self.push(text, word.start, word.end, word.ascii, out);
                    word.start = usize::MAX;
                }
            }
        }
        i + len
    }

    /// Tokenize into a new vector.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.tokenize(text, &mut out);
        out
    }

    /// Push the ASCII word at `start..end` (letters and digits only).
    #[inline(always)]
    fn push_ascii(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let len = end - start;
        // most words: two loads straight from the text, the bytes past the
        // word masked off; setting bit 5 lowercases letters and leaves
        // digits as they are
        let hash = match bytes.get(start..start + 16) {
            Some(w) if len <= 16 => {
                const LOWER: u64 = 0x2020_2020_2020_2020;
                let lo = u64::from_le_bytes(w[..8].try_into().expect("8 bytes")) | LOWER;
                let hi = u64::from_le_bytes(w[8..].try_into().expect("8 bytes")) | LOWER;
                let [lo_mask, hi_mask] = WORD_MASKS[len];
                hash_short(lo & lo_mask, hi & hi_mask, len, self.seed)
            }
            _ => self.ascii_hash_copied(&bytes[start..end]),
        };
        out.push(Token { hash, span: ByteSpan::new(start, end) });
    }

    /// [`Tokenizer::push_ascii`]'s hash for long words and words near the
    /// end of the text, through a lower-cased copy.
    #[inline(never)]
    fn ascii_hash_copied(&mut self, word: &[u8]) -> u64 {
        self.scratch.clear();
        self.scratch.push_str(std::str::from_utf8(word).expect("ASCII"));
        self.scratch.make_ascii_lowercase();
        hash_folded(self.scratch.as_bytes(), self.seed)
    }

    #[inline(never)]
    fn push(&mut self, text: &str, start: usize, end: usize, ascii: bool, out: &mut Vec<Token>) {
        if ascii {
            return self.push_ascii(text, start, end, out);
        }
        fold_into(&text[start..end], &mut self.scratch);
        let hash = hash_folded(self.scratch.as_bytes(), self.seed);
        out.push(Token { hash, span: ByteSpan::new(start, end) });
    }
}

/// The hash of a folded token's UTF-8 bytes: tokens of up to 16 bytes (most
/// words) use a two-multiply wyhash-style mix, longer ones xxh3. The ASCII fast path computes
/// the same value without building the folded string.
pub fn hash_folded(bytes: &[u8], seed: u64) -> u64 {
    let len = bytes.len();
    if len <= 16 {
        let mut buf = [0u8; 16];
        buf[..len].copy_from_slice(bytes);
        let lo = u64::from_le_bytes(buf[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(buf[8..].try_into().expect("8 bytes"));
        hash_short(lo, hi, len, seed)
    } else {
        xxh3_64_with_seed(bytes, seed)
    }
}

/// For a word of `len` ≤ 16 bytes, the masks of its bytes in the first
/// and the second 8-byte word (one load instead of shifts and compares).
static WORD_MASKS: [[u64; 2]; 17] = {
    let mut masks = [[0u64; 2]; 17];
    let mut len: usize = 0;
    while len <= 16 {
        let lo = if len >= 8 { 8 } else { len };
        let hi = len.saturating_sub(8);
        masks[len] = [low_bytes_mask(lo), low_bytes_mask(hi)];
        len += 1;
    }
    masks
};

/// A mask of the low `n` bytes (`n` ≤ 8).
const fn low_bytes_mask(n: usize) -> u64 {
    if n == 0 {
        0
    } else {
        u64::MAX >> (64 - 8 * n)
    }
}

/// wyhash-style hash of up to 16 bytes given as two little-endian words
/// (zero beyond the length): two folded 64×64→128-bit multiplications.
#[inline]
fn hash_short(lo: u64, hi: u64, len: usize, seed: u64) -> u64 {
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
    let a = fold_mul(lo ^ P1, hi ^ seed ^ P0);
    fold_mul(a ^ P2, (len as u64) ^ P1)
}

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

#[cfg(test)]
mod tests;
