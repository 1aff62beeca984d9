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
