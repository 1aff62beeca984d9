//! How characters take part in tokenization: the class of a non-ASCII
//! character ([`classify`]) and the scan over runs of ASCII letters and
//! digits, eight bytes at a time.

use unicode_normalization::char::is_combining_mark;

/// How a character takes part in tokenization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// Part of a word.
    Word,
    /// A character of a script without spaces: a token by itself.
    Single,
    /// Ignored entirely (zero-width, bidi control, soft hyphen ...).
    Ignore,
    /// Separates tokens.
    Break,
}

/// Classify one non-ASCII character.
pub fn classify(c: char) -> CharClass {
    let u = c as u32;
    // the two blocks news text uses most outside ASCII, answered without
    // Unicode's table searches (`fast_classes_agree_with_the_tables`)
    match u {
        0x0400..=0x0481 | 0x048A..=0x04FF => return CharClass::Word, // Cyrillic letters
        0x2010..=0x2029 | 0x202F..=0x205F => return CharClass::Break, // dashes, quotes, ellipsis ...
        _ => {}
    }
    classify_by_tables(c)
}

/// [`classify`] from the Unicode properties alone.
pub(super) fn classify_by_tables(c: char) -> CharClass {
    let u = c as u32;
    if is_ignorable(u) {
        return CharClass::Ignore;
    }
    if is_unspaced_script(u) {
        return CharClass::Single;
    }
    if c.is_alphanumeric() || is_combining_mark(c) {
        CharClass::Word
    } else {
        CharClass::Break
    }
}

/// Unicode's `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt,
/// Unicode 15).
fn is_ignorable(u: u32) -> bool {
    matches!(u,
        0x00AD              // soft hyphen
        | 0x034F            // combining grapheme joiner
        | 0x061C            // arabic letter mark
        | 0x115F..=0x1160   // hangul choseong and jungseong fillers
        | 0x17B4..=0x17B5   // khmer inherent vowels
        | 0x180B..=0x180F   // mongolian free variation selectors, vowel separator
        | 0x200B..=0x200F   // zero-width space/non-joiner/joiner, LRM, RLM
        | 0x202A..=0x202E   // bidi embeddings and overrides
        | 0x2060..=0x206F   // word joiner, invisible operators, bidi isolates, deprecated formats
        | 0x3164            // hangul filler
        | 0xFE00..=0xFE0F   // variation selectors
        | 0xFEFF            // zero-width no-break space / BOM
        | 0xFFA0            // halfwidth hangul filler
        | 0xFFF0..=0xFFF8   // unassigned specials
        | 0x1BCA0..=0x1BCA3 // shorthand format controls
        | 0x1D173..=0x1D17A // musical symbol formatting
        | 0xE0000..=0xE0FFF // tags, variation selectors supplement
    )
}

fn is_unspaced_script(u: u32) -> bool {
    matches!(u,
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x31F0..=0x31FF     // Katakana extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // halfwidth Katakana
        | 0x20000..=0x3134F   // CJK extensions B-G
    )
}

/// The end of the run of ASCII letters and digits at `i`: the first byte
/// from `i` on that is not one (punctuation, space, control or non-ASCII),
/// or the text's end. Tests eight bytes per step with [`non_word_bytes`], so
/// a word costs about one well-predicted branch rather than one per byte.
#[inline(always)]
pub(super) fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let m = non_word_bytes(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// Eight bytes (little-endian in `w`) tested at once: the high bit of each
/// byte of the result is set when that byte is not an ASCII letter or
/// digit, all other bits are clear. Range tests on 7-bit values add a
/// constant per byte that carries into the byte's high bit exactly when the
/// value reaches the bound; no carry crosses into the next byte.
#[inline(always)]
pub(super) fn non_word_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // high bit of each byte whose 7-bit value `x` is at least `c`
    let at_least = |x: u64, c: u8| (x + ONES * (0x80 - c as u64)) & HIGH;
    let x = w & !HIGH;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let lower = x | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    // bytes of 0x80 and above belong to non-ASCII characters
    !(digit | letter) & HIGH | (w & HIGH)
}

/// ASCII letters and digits.
pub(super) static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Two bit masks of a block of 64 bytes: bit `j` of the first is set when
/// byte `j` is an ASCII letter or digit, of the second when it is not
/// ASCII. SSE2 (part of every x86-64) compares 16 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(super) fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut words = 0u64;
    let mut high = 0u64;
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is in the x86-64 baseline, so the intrinsics are
        // always available; the load reads the 16 bytes of `chunk`
        // (unaligned loads need no alignment).
        let (w, h) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            // signed compares: bytes of 0x80 and above are negative, so in
            // no range
            let between = |x, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let word = _mm_or_si128(between(v, b'0', b'9'), between(lower, b'a', b'z'));
            (_mm_movemask_epi8(word) as u16, _mm_movemask_epi8(v) as u16)
        };
        words |= u64::from(w) << (16 * k);
        high |= u64::from(h) << (16 * k);
    }
    (words, high)
}

/// [`block_masks`] on other architectures.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub(super) fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    block_masks_portable(block)
}

/// [`block_masks`] eight bytes at a time with [`non_word_bytes`], on any
/// architecture (tested against the SSE2 one).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
pub(super) fn block_masks_portable(block: &[u8; 64]) -> (u64, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // the high bit of each byte, gathered into the low eight bits
    let gather = |m: u64| (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let mut words = 0u64;
    let mut high = 0u64;
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        words |= gather(!non_word_bytes(w) & HIGH) << (8 * k);
        high |= gather(w & HIGH) << (8 * k);
    }
    (words, high)
}
