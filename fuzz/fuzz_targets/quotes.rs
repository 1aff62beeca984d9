//! The quote finder and the attributor on arbitrary text: every span lies
//! inside the text on char boundaries; parents come earlier.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wiretrace::attribution::{extract_quotes, Attributor, QuoteConfig};

fuzz_target!(|text: &str| {
    let config = QuoteConfig { dialogue_dashes: vec!['—', '–'] };
    let quotes = extract_quotes(text, &config);
    for (i, q) in quotes.iter().enumerate() {
        let (s, e) = (q.span.start as usize, q.span.end as usize);
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(q.parent.is_none_or(|p| p < i));
    }
    let _ = Attributor::builtin().attribute(text);
});
