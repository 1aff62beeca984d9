//! The tokenizer on arbitrary text: spans lie inside the text, on char
//! boundaries, in order, and tokenizing is deterministic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wiretrace::normalize::{fold, Tokenizer};

fuzz_target!(|text: &str| {
    let tokens = Tokenizer::default().tokens(text);
    let mut last = 0;
    for t in &tokens {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        assert!(last <= s && s < e && e <= text.len(), "span {s}..{e} after {last} in {} bytes", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let _ = fold(&text[s..e]);
        last = e;
    }
    assert_eq!(tokens, Tokenizer::default().tokens(text));
});
