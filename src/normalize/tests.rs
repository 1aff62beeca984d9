//! Tokenizer, classes, hashing and folding tests.

use super::classes::{block_masks, block_masks_portable, classify_by_tables, non_word_bytes};
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

proptest::proptest! {
    /// Long, mostly ASCII texts, so that whole 64-byte ASCII blocks, words
    /// crossing block edges, and blocks broken by a non-ASCII character or
    /// an ignorable inside a word are all common.
    #[test]
    fn block_scan_equals_reference(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                8 => "[a-zA-Z0-9]{1,12}",
                6 => "[ ,.\\n]{1,2}",
                1 => "[a-z]{1,70}",
                1 => "[é\u{00AD}\u{200B}Жß“”新]",
            ],
            0..300,
        ),
    ) {
        let text = parts.concat();
        proptest::prop_assert_eq!(Tokenizer::new(7).tokens(&text), reference_tokens(&text, 7));
    }

    /// The SSE2 block masks equal the portable ones on any bytes.
    #[test]
    fn block_masks_agree(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 64)) {
        let block: &[u8; 64] = bytes.as_slice().try_into().expect("64 bytes");
        proptest::prop_assert_eq!(block_masks(block), block_masks_portable(block));
    }
}

#[test]
fn block_masks_mark_words_and_high_bytes() {
    let mut block = [b' '; 64];
    block[..5].copy_from_slice(b"Ab9z_");
    block[62] = 0xC3;
    block[63] = b'Q';
    let (words, high) = block_masks(&block);
    assert_eq!(words, 0b1111 | 1 << 63);
    assert_eq!(high, 1 << 62);
    assert_eq!(block_masks_portable(&block), (words, high));
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
