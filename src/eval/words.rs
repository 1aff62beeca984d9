//! Words as the reference scorers see them (Python's `re`): `\w+` on text
//! is a run of letters, numbers and `_` (`[\p{L}\p{N}_]+`); on bytes it is
//! ASCII only (`[A-Za-z0-9_]+`). Kept apart from [`crate::normalize`] on
//! purpose: the evaluation must count words the way the published metric
//! does, not the way wiretrace tokenizes.

use regex::Regex;
use std::sync::OnceLock;

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"))
}

/// The `\w+` words of a text, in order.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_re().find_iter(text).map(|m| m.as_str())
}

/// Number of `\w+` words in UTF-8 bytes (invalid sequences count as non-word).
pub fn count_words(bytes: &[u8]) -> usize {
    words(&String::from_utf8_lossy(bytes)).count()
}

/// Python's `str.casefold`, for the letters where it differs from
/// lower-casing in practice (sharp s, final sigma, long s, ligatures);
/// everything else is lower-cased.
pub fn casefold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Case-folded `\w+` words of UTF-8 bytes.
pub fn folded_words(bytes: &[u8]) -> Vec<String> {
    words(&String::from_utf8_lossy(bytes)).map(casefold).collect()
}

/// ASCII words (`[A-Za-z0-9_]+`) of a byte slice, lower-cased, each with its
/// byte range relative to the slice.
pub fn ascii_words(bytes: &[u8]) -> Vec<(String, usize, usize)> {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_word(bytes[i]) {
            let s = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            out.push((String::from_utf8_lossy(&bytes[s..i]).to_ascii_lowercase(), s, i));
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_like_python() {
        // (text, words)
        let cases: &[(&str, &[&str])] = &[
            ("Hello, world!", &["Hello", "world"]),
            ("it's 12% of 3,500", &["it", "s", "12", "of", "3", "500"]),
            ("snake_case ТАСС 東京", &["snake_case", "ТАСС", "東京"]),
            ("—“”…", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text).collect::<Vec<_>>(), *want, "{text}");
        }
        assert_eq!(count_words("a b\u{00e9}c d".as_bytes()), 3);
    }

    #[test]
    fn folding() {
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(casefold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(folded_words("Mr. SMITH says".as_bytes()), ["mr", "smith", "says"]);
        assert_eq!(
            ascii_words("Die Straße X_1".as_bytes()),
            vec![("die".into(), 0, 3), ("stra".into(), 4, 8), ("e".into(), 10, 11), ("x_1".into(), 12, 15)]
        );
    }
}
