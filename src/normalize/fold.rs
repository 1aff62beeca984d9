//! The folded form of a token (ignorables removed, NFKC, lower case, and
//! the two folds against disguised copies) that a non-ASCII token is
//! hashed by.

use super::{classify, CharClass};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The folded form of a token: ignorable characters removed, NFKC, lower
/// case. Written into `out` (cleared first).
pub fn fold_into(word: &str, out: &mut String) {
    use unicode_security::MixedScript;
    out.clear();
    for c in word.chars().filter(|&c| classify(c) != CharClass::Ignore).nfkc() {
        out.extend(c.to_lowercase());
    }
    // both folds only among the European alphabets (Latin, Greek, Cyrillic):
    // `SBS는` (Latin with Hangul) mixes scripts too, and Devanagari or Arabic
    // words carry a mark on most letters, as normal text
    let european = |c: char| matches!(c as u32, 0..=0x052F | 0x1E00..=0x1FFF) || is_combining_mark(c);
    if out.is_ascii() || !out.chars().all(european) {
        return;
    }
    let (letters, marks) =
        out.chars().nfd().fold(
            (0usize, 0usize),
            |(l, m), c| {
                if is_combining_mark(c) {
                    (l, m + 1)
                } else {
                    (l + 1, m)
                }
            },
        );
    if letters >= 3 && marks >= letters {
        let stripped: String = out.chars().nfd().filter(|&c| !is_combining_mark(c)).nfc().collect();
        *out = stripped;
    }
    if !out.as_str().is_single_script() {
        let mut folded = String::with_capacity(out.len());
        let mut buf = [0u8; 4];
        for c in out.chars() {
            let skeleton: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
            if !c.is_ascii() && skeleton.is_ascii() && !skeleton.is_empty() {
                folded.extend(skeleton.chars().flat_map(char::to_lowercase));
            } else {
                folded.push(c);
            }
        }
        *out = folded;
    }
}

/// The folded form of a token as a new string (for display and tests).
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}
