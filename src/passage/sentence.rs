//! Sentences as bags of stemmed content words: the document model of the
//! rewritten-reuse mode (`passages --sensitivity high`, see
//! [`super::rewrite`]).
//!
//! A text is cut into sentences at Unicode sentence boundaries (UAX #29,
//! which also ends a sentence at a line break), except after a short
//! abbreviation such as "Mr." or a single initial. Each sentence keeps its
//! byte span (whitespace trimmed, final punctuation kept) and the counts of its terms: words of at
//! least three letters, lower-cased and stemmed (English Snowball), hashed
//! to 64 bits. A sentence with fewer than [`MIN_SENTENCE_WORDS`] terms is
//! joined to the next one, so headings and fragments do not seed alone;
//! a sentence with no term is dropped.
//!
//! Every word (any length, lower-cased, not stemmed) is also kept with its
//! byte span, hashed, for the exact-run check of verbatim copies.

use crate::corpus::ByteSpan;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

/// Sentences with fewer terms than this are joined to the next.
pub const MIN_SENTENCE_WORDS: u32 = 3;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "rev",
    "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "approx", "dept", "univ", "fig", "vol", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k",
    "u.n",
];

/// One sentence: where it is and its term counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Byte span in the text, whitespace trimmed.
    pub span: ByteSpan,
    /// `(term hash, count)`, sorted by hash.
    pub terms: Vec<(u64, u32)>,
    /// Index of the sentence's first word in [`SentenceDoc::words`].
    pub first_word: u32,
    /// One past the index of its last word.
    pub end_word: u32,
}

impl Sentence {
    /// Number of term occurrences.
    pub fn term_count(&self) -> u32 {
        self.terms.iter().map(|&(_, n)| n).sum()
    }
}

/// A document as sentences and words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceDoc {
    /// The sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Every word: `(hash of the lower-cased word, byte span)`.
    pub words: Vec<(u64, ByteSpan)>,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// True when the sentence piece ends with a period after an abbreviation or
/// a single letter (an initial): the sentence goes on.
fn ends_with_abbreviation(piece: &str) -> bool {
    let t = piece.trim_end();
    let Some(body) = t.strip_suffix('.') else { return false };
    let last = body.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) {
        return true;
    }
    let lower = last.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

impl SentenceDoc {
    /// Cut `text` into sentences and words.
    pub fn new(text: &str) -> SentenceDoc {
        let stem = stemmer();
        let mut doc = SentenceDoc::default();
        let mut pending: Option<Sentence> = None;
        let mut counts: Vec<u64> = Vec::new();
        let mut lower = String::new();
        let mut piece_start = 0usize;
        let pieces: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        for (pi, &(at, piece)) in pieces.iter().enumerate() {
            let piece_end = at + piece.len();
            let next_continues = pi + 1 < pieces.len() && !piece.contains('\n') && ends_with_abbreviation(piece);
            if next_continues {
                continue;
            }
            let sentence_text = &text[piece_start..piece_end];
            let base = piece_start;
            piece_start = piece_end;
            let first_word = doc.words.len() as u32;
            counts.clear();
            for (wi, w) in word_bounds(sentence_text) {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                doc.words.push((xxh3_64(lower.as_bytes()), ByteSpan::new(base + wi, base + wi + w.len())));
                if w.chars().next().is_some_and(char::is_alphanumeric) && w.chars().count() > 2 {
                    counts.push(xxh3_64(stem.stem(&lower).as_bytes()));
                }
            }
            let end_word = doc.words.len() as u32;
            if first_word == end_word {
                continue;
            }
            let lead = sentence_text.len() - sentence_text.trim_start().len();
            let span = ByteSpan::new(base + lead, base + sentence_text.trim_end().len());
            counts.sort_unstable();
            let mut terms: Vec<(u64, u32)> = Vec::new();
            for &h in &counts {
                match terms.last_mut() {
                    Some((last, n)) if *last == h => *n += 1,
                    _ => terms.push((h, 1)),
                }
            }
            let mut s = Sentence { span, terms, first_word, end_word };
            if let Some(p) = pending.take() {
                s = join(p, s);
            }
            if s.term_count() < MIN_SENTENCE_WORDS {
                pending = Some(s);
            } else {
                doc.sentences.push(s);
            }
        }
        if let Some(p) = pending {
            if !p.terms.is_empty() {
                doc.sentences.push(p);
            }
        }
        doc
    }

    /// The byte span from sentence `first` to sentence `last` (inclusive).
    pub fn span(&self, first: usize, last: usize) -> ByteSpan {
        ByteSpan { start: self.sentences[first].span.start, end: self.sentences[last].span.end }
    }
}

/// Words: maximal runs of alphanumeric characters (with inner apostrophes
/// and hyphens kept out), as `(byte offset, word)`.
fn word_bounds(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric))
}

/// Sentence `a` followed by `b` as one sentence.
fn join(a: Sentence, b: Sentence) -> Sentence {
    let mut terms = a.terms;
    terms.extend(b.terms);
    terms.sort_unstable();
    let mut merged: Vec<(u64, u32)> = Vec::with_capacity(terms.len());
    for (h, n) in terms {
        match merged.last_mut() {
            Some((last, m)) if *last == h => *m += n,
            _ => merged.push((h, n)),
        }
    }
    Sentence {
        span: ByteSpan { start: a.span.start, end: b.span.end },
        terms: merged,
        first_word: a.first_word,
        end_word: b.end_word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, doc: &SentenceDoc) -> Vec<&'a str> {
        doc.sentences.iter().map(|s| &text[s.span.range()]).collect()
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_not_after_abbreviations() {
        let text = "Mr. Grant met the mayor at noon. The talks went well!\nA new heading line here\n  Then it rained.";
        let doc = SentenceDoc::new(text);
        assert_eq!(
            texts(text, &doc),
            ["Mr. Grant met the mayor at noon.", "The talks went well!", "A new heading line here", "Then it rained."]
        );
    }

    #[test]
    fn short_sentences_join_the_next_and_terms_are_stemmed() {
        let text = "Yes. It is. The farmers were farming the farms quietly.";
        let doc = SentenceDoc::new(text);
        // "Yes." has one term and "It is." none: both join the third
        assert_eq!(texts(text, &doc), [text]);
        let s = &doc.sentences[0];
        let farm = xxh3_64(b"farm");
        assert_eq!(s.terms.iter().find(|t| t.0 == farm).map(|t| t.1), Some(2));
        // yes, the x2, farmer, were, farm x2, quiet
        assert_eq!(s.term_count(), 8);
        assert_eq!(doc.words.len(), 10);
        assert_eq!(&text[doc.words[1].1.range()], "It");
    }
}
