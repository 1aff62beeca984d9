//! Properties of `passages` on generated text: spans on character
//! boundaries inside the text, one origin per cluster, same output for any
//! thread count.

use super::*;
use crate::corpus::{Format, ReaderConfig};
use crate::progress::NoProgress;
use proptest::prelude::*;

/// Words with multi-byte characters, ignorables, marks and scripts
/// without spaces, so that token and span boundaries are tested hard.
const WORDS: &[&str] = &[
    "the",
    "Ferry",
    "café",
    "naïve",
    "Пескову",
    "ТАСС",
    "新华社",
    "東京",
    "🙂",
    "co\u{00AD}op",
    "e\u{301}te",
    "a\u{200B}b",
    "«quoted»",
    "“said”",
    "3,500",
    "Straße",
    "—",
    "x",
    "ﬁnal",
    "ＴＡＳＳ",
];

fn text_of(words: &[usize]) -> String {
    words.iter().map(|&w| WORDS[w % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

/// Run `passages` over `lines` (one document a line) with `threads` threads.
fn run_lines(lines: &[String], threads: usize) -> (Vec<Passage>, Vec<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("docs.txt");
    std::fs::write(&path, lines.join("\n")).expect("write");
    let corpus =
        Corpus::open(&[&path], ReaderConfig { format: Format::Lines, ..ReaderConfig::default() }).expect("corpus");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    let config = PassageConfig { min_words: 6, max_gap: 4, ..PassageConfig::default() };
    let report = pool.install(|| passages(&corpus, &config, &NoProgress)).expect("passages");
    (report.passages, report.ids)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn spans_lie_on_char_boundaries_inside_the_text(
        shared in proptest::collection::vec(0usize..20, 6..30),
        heads in proptest::collection::vec(proptest::collection::vec(0usize..20, 0..12), 2..5),
        edit in 0usize..40,
    ) {
        let passage = text_of(&shared);
        let lines: Vec<String> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let mut p = passage.clone();
                if i == 1 && edit < p.len() {
                    // a word edited inside the copy, at any byte
                    let cut = (0..=edit).rev().find(|&c| p.is_char_boundary(c)).unwrap_or(0);
                    p.insert_str(cut, " Ω ");
                }
                format!("{} {p} {}", text_of(h), text_of(&[i, i + 3]))
            })
            .collect();
        let (found, _) = run_lines(&lines, 1);
        if heads.len() >= 3 && Tokenizer::default().tokens(&passage).len() >= 10 {
            // the verbatim copies in documents 0 and 2 are found
            prop_assert!(found.iter().any(|p| p.members.iter().any(|m| m.doc == DocId(0))
                && p.members.iter().any(|m| m.doc == DocId(2))), "{:?}", lines);
        }
        for p in &found {
            prop_assert!(p.members.iter().filter(|m| m.origin).count() == 1);
            for m in &p.members {
                let text = &lines[m.doc.index()];
                prop_assert!(m.span.start < m.span.end && m.span.end as usize <= text.len());
                prop_assert!(text.is_char_boundary(m.span.start as usize));
                prop_assert!(text.is_char_boundary(m.span.end as usize));
            }
        }
        prop_assert_eq!(run_lines(&lines, 2).0, found);
    }
}

#[test]
fn window_guarantees_min_words() {
    let c = PassageConfig::default();
    assert_eq!(c.window() + c.shingle_size - 1, c.min_words);
    assert!(PassageConfig { min_words: 3, ..c.clone() }.validate().is_err());
    assert!(PassageConfig { max_gap: 0, ..c }.validate().is_err());
}
