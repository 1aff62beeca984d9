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

use crate::corpus::ByteSpan;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
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

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new(DEFAULT_SEED)
    }
}

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
fn classify_by_tables(c: char) -> CharClass {
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
    pub fn tokenize(&mut self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        // a word in progress: start byte, end byte, whether it is pure ASCII
        let mut start = usize::MAX;
        let mut end = 0;
        let mut ascii = true;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_WORD[b as usize] {
                    if start != usize::MAX {
                        self.push(text, start, end, ascii, out);
                        start = usize::MAX;
                    }
                    i += 1;
                    continue;
                }
                // a run of ASCII letters and digits, eight bytes at a time
                let run = i;
                i = ascii_word_end(bytes, i + 1);
                if start == usize::MAX {
                    if i == n || bytes[i] < 0x80 {
                        // the common case: a whole ASCII word
                        self.push_ascii(text, run, i, out);
                        continue;
                    }
                    start = run;
                    ascii = true;
                }
                end = i;
                continue;
            }
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let len = c.len_utf8();
            match classify(c) {
                CharClass::Word => {
                    if start == usize::MAX {
                        start = i;
                    }
                    ascii = false;
                    end = i + len;
                }
                CharClass::Ignore => {
                    if start != usize::MAX {
                        ascii = false;
                    }
                }
                CharClass::Single => {
                    if start != usize::MAX {
                        self.push(text, start, end, ascii, out);
                        start = usize::MAX;
                    }
                    self.push(text, i, i + len, false, out);
                }
                CharClass::Break => {
                    if start != usize::MAX {
                        self.push(text, start, end, ascii, out);
                        start = usize::MAX;
                    }
                }
            }
            i += len;
        }
        if start != usize::MAX {
            self.push(text, start, end, ascii, out);
        }
    }

    /// Tokenize into a new vector.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.tokenize(text, &mut out);
        out
    }

    #[inline(always)]
    fn push_ascii(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let word = &text.as_bytes()[start..end];
        let len = word.len();
        let hash = if len <= 32 {
            let mut buf = [0u8; 32];
            let all = text.as_bytes();
            if start + 32 <= all.len() {
                // a fixed-size copy is one vector move; bytes past the word
                // are masked off or not hashed
                buf.copy_from_slice(&all[start..start + 32]);
            } else {
                buf[..len].copy_from_slice(word);
            }
            // every byte is an ASCII letter or digit: setting bit 5 lowercases
            // letters and leaves digits as they are; a fixed-size loop vectorizes
            for b in buf.iter_mut() {
                *b |= 0x20;
            }
            if len <= 16 {
                let lo = u64::from_le_bytes(buf[..8].try_into().expect("8 bytes")) & low_bytes_mask(len.min(8));
                let hi =
                    u64::from_le_bytes(buf[8..16].try_into().expect("8 bytes")) & low_bytes_mask(len.saturating_sub(8));
                hash_short(lo, hi, len, self.seed)
            } else {
                xxh3_64_with_seed(&buf[..len], self.seed)
            }
        } else {
            self.scratch.clear();
            self.scratch.push_str(&text[start..end]);
            self.scratch.make_ascii_lowercase();
            xxh3_64_with_seed(self.scratch.as_bytes(), self.seed)
        };
        out.push(Token { hash, span: ByteSpan::new(start, end) });
    }

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

/// A mask of the low `n` bytes (`n` ≤ 8), without branches.
#[inline]
fn low_bytes_mask(n: usize) -> u64 {
    ((1u128 << (8 * n)) - 1) as u64
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

/// The end of the run of ASCII letters and digits at `i`: the first byte
/// from `i` on that is not one (punctuation, space, control or non-ASCII),
/// or the text's end. Tests eight bytes per step with [`non_word_bytes`], so
/// a word costs about one well-predicted branch rather than one per byte.
#[inline(always)]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
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
fn non_word_bytes(w: u64) -> u64 {
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
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Disguised copies hash like the plain text (each of these had Jaccard
    /// 0 with it on a63ac9d), with spans on the original text.
    #[test]
    fn evasions_fold_to_the_plain_text() {
        let plain = "The plan was approved by the regional council";
        let disguised = [
            "The plаn wаs аpprоved by the regiоnаl cоuncil", // Cyrillic а о
            "T\u{E0041}he pl\u{E0100}an was a\u{180B}pproved by the re\u{3164}gional council",
            "T\u{335}h\u{335}e\u{335} p\u{335}l\u{335}a\u{335}n\u{335} was approved by the regional council",
        ];
        assert_eq!(hashes(disguised[0]), hashes(plain));
        assert_eq!(hashes(disguised[1]), hashes(plain));
        assert_eq!(hashes(disguised[2]), hashes(plain));
        for d in disguised {
            for t in Tokenizer::default().tokens(d) {
                assert!(d.is_char_boundary(t.span.start as usize) && d.is_char_boundary(t.span.end as usize));
            }
        }
        assert_eq!(words(disguised[1])[0], "T\u{E0041}he");
    }

    /// Single-script words keep their plain fold.
    #[test]
    fn normal_words_keep_their_fold() {
        for (w, f) in [("ТАСС", "тасс"), ("Résumé", "résumé"), ("người", "người"), ("Straße", "straße"), ("ｶﾀ", "カタ")]
        {
            assert_eq!(fold(w), f);
        }
    }

    fn words(text: &str) -> Vec<&str> {
        Tokenizer::default().tokens(text).iter().map(|t| &text[t.span.range()]).collect()
    }

    fn hashes(text: &str) -> Vec<u64> {
        Tokenizer::default().tokens(text).iter().map(|t| t.hash).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: &[&str] = &$expected;
                assert_eq!(words($text), expected);
            }
        };
    }

    t!(ascii_words, "The Bear Withdraws.Russian", ["The", "Bear", "Withdraws", "Russian"]);
    t!(apostrophe_splits, "Yerevan's request", ["Yerevan", "s", "request"]);
    t!(numbers, "force of 1,960 servicemen", ["force", "of", "1", "960", "servicemen"]);
    t!(cyrillic_one_token, "Песков заявил ТАСС.", ["Песков", "заявил", "ТАСС"]);
    t!(zero_width_inside, "Pes\u{200B}kov said", ["Pes\u{200B}kov", "said"]);
    t!(bidi_controls, "\u{202B}Moscow\u{202C} talks", ["Moscow", "talks"]);
    t!(chinese_chars, "新华社北京", ["新", "华", "社", "北", "京"]);
    t!(mixed_cjk_latin, "AP通信によると", ["AP", "通", "信", "に", "よ", "る", "と"]);
    t!(combining_marks, "cafe\u{301} noir", ["cafe\u{301}", "noir"]);
    t!(empty, "", []);
    t!(only_punct, " -- ... !!", []);
    t!(quotes_around, "\u{201C}Yes, this is true,\u{201D}", ["Yes", "this", "is", "true"]);

    #[test]
    fn case_folds() {
        assert_eq!(hashes("TASS Tass"), hashes("tass tass"));
    }

    #[test]
    fn nfkc_folds_fullwidth_and_ligatures() {
        assert_eq!(hashes("\u{FF34}\u{FF21}\u{FF33}\u{FF33}"), hashes("tass"));
        assert_eq!(hashes("\u{FB01}nal"), hashes("final"));
    }

    #[test]
    fn cyrillic_differs_from_latin() {
        assert_ne!(hashes("ТАСС"), hashes("tass"));
        assert_eq!(hashes("ТАСС"), hashes("тасс"));
    }

    #[test]
    fn ignorables_do_not_change_hash() {
        assert_eq!(hashes("Pes\u{200B}kov"), hashes("Peskov"));
        assert_eq!(hashes("co\u{00AD}operate"), hashes("cooperate"));
    }

    #[test]
    fn ascii_path_equals_folded_hash() {
        for w in ["a", "Tass", "ABCDEFGH", "abcdefghi", "Sixteen_chars_xx", "seventeen1chars1x", &"Q".repeat(40)] {
            for word in w.split('_') {
                let text = format!("{word} tail of the text that is long enough for a full copy");
                let tokens = Tokenizer::new(9).tokens(&text);
                assert_eq!(tokens[0].hash, hash_folded(word.to_lowercase().as_bytes(), 9), "{word}");
                // near the end of the text, without the fixed-size copy
                let tokens = Tokenizer::new(9).tokens(word);
                assert_eq!(tokens[0].hash, hash_folded(word.to_lowercase().as_bytes(), 9), "{word}");
            }
        }
    }

    #[test]
    fn short_hashes_differ_by_length_and_content() {
        let words = ["a", "aa", "ab", "ba", "abcdefgh", "abcdefgh1", "1", "10", "01"];
        let hashes: std::collections::HashSet<u64> = words.iter().map(|w| hash_folded(w.as_bytes(), 0)).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn long_ascii_token_hashes_like_short_path() {
        let long = "A".repeat(100);
        assert_eq!(hashes(&long), hashes(&long.to_lowercase()));
    }

    proptest::proptest! {
        /// Spans lie inside the text, on char boundaries, in order and
        /// apart, and each covers a non-empty word.
        #[test]
        fn spans_are_inside_and_on_boundaries(text in "\\PC{0,200}") {
            let tokens = Tokenizer::default().tokens(&text);
            let mut last_end = 0;
            for t in &tokens {
                let (s, e) = (t.span.start as usize, t.span.end as usize);
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                proptest::prop_assert!(s >= last_end);
                last_end = e;
            }
        }

        /// Re-tokenizing the concatenation of the tokens' folded forms gives
        /// the same hashes: folding is stable.
        #[test]
        fn hashes_depend_on_folded_form_only(words in proptest::collection::vec("[a-zA-Z0-9]{1,20}", 1..20)) {
            let text = words.join(" ");
            let upper = text.to_uppercase();
            proptest::prop_assert_eq!(hashes(&text), hashes(&upper));
        }
    }

    /// The tokenizer's definition, one char at a time: what the fast paths
    /// must agree with.
    fn reference_tokens(text: &str, seed: u64) -> Vec<Token> {
        let mut out = Vec::new();
        let mut word: Option<(usize, usize)> = None;
        let mut scratch = String::new();
        let mut emit = |s: usize, e: usize, out: &mut Vec<Token>| {
            fold_into(&text[s..e], &mut scratch);
            out.push(Token { hash: hash_folded(scratch.as_bytes(), seed), span: ByteSpan::new(s, e) });
        };
        for (i, c) in text.char_indices() {
            let class = match c {
                c if c.is_ascii_alphanumeric() => CharClass::Word,
                c if c.is_ascii() => CharClass::Break,
                c => classify(c),
            };
            let end = i + c.len_utf8();
            match class {
                CharClass::Word => word = Some((word.map_or(i, |w| w.0), end)),
                CharClass::Ignore => {}
                CharClass::Single | CharClass::Break => {
                    if let Some((s, e)) = word.take() {
                        emit(s, e, &mut out);
                    }
                    if class == CharClass::Single {
                        emit(i, end, &mut out);
                    }
                }
            }
        }
        if let Some((s, e)) = word {
            emit(s, e, &mut out);
        }
        out
    }

    #[test]
    fn non_word_bytes_marks_exactly_the_other_bytes() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[pos] = b;
                let m = non_word_bytes(u64::from_le_bytes(chunk));
                let expected = if b.is_ascii_alphanumeric() { 0 } else { 0x80u64 << (8 * pos) };
                assert_eq!(m, expected, "byte {b:#x} at {pos}");
            }
        }
    }

    proptest::proptest! {
        /// The fast paths (eight-byte word scan, ASCII hashing without a
        /// fold) give the reference tokens, on text mixing ASCII words of
        /// every length with punctuation, accented, Cyrillic, CJK and
        /// ignorable characters.
        #[test]
        fn tokenize_equals_reference(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-zA-Z0-9]{1,40}",
                    "[ ,.;'\\-\\n]{1,3}",
                    "[éüßЖжПр\u{301}\u{200B}\u{00AD}新华ไ]{1,3}",
                    "\\PC{1,4}",
                ],
                0..40,
            ),
            seed in 0u64..4,
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(Tokenizer::new(seed).tokens(&text), reference_tokens(&text, seed));
        }
    }

    #[test]
    fn fast_classes_agree_with_the_tables() {
        for u in (0x0400..=0x04FF).chain(0x2000..=0x206F) {
            let c = char::from_u32(u).expect("not a surrogate");
            assert_eq!(classify(c), classify_by_tables(c), "U+{u:04X}");
        }
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("ПЕСКОВ"), "песков");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("\u{FF34}ASS"), "tass");
    }
}
