//! Tracing quotes to their origin: for a quote, the earliest other document
//! of a corpus that contains its text, allowing small edits.
//!
//! Every document's word shingles (`shingle_size` words) are winnowed into
//! fingerprints and put in a [`PostingIndex`]. A quote's shingles look up
//! the documents sharing any of them; each candidate is verified by the
//! share of the quote's distinct shingles it contains (at least
//! `min_coverage`, so a few changed words do not hide a copy), and the
//! densest run of matching shingles gives the origin span. Of the documents
//! that pass, the earliest is the origin: by date where both documents have
//! one, else by input order; a document later than the quoting one is never
//! its origin.

use crate::corpus::ByteSpan;
use crate::fingerprint::{fingerprints, PostingIndex};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::shingle::{shingle_hashes, shingles};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Parameters of tracing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceConfig {
    /// Words per shingle (default 4).
    pub shingle_size: usize,
    /// Winnowing window of the document index (default 4).
    pub window: usize,
    /// Share of the quote's shingles a document must contain (default 0.5).
    pub min_coverage: f64,
    /// Quotes with fewer words are not traced (default 6).
    pub min_words: usize,
    /// Hash seed.
    pub seed: u64,
}

impl Default for TraceConfig {
    fn default() -> Self {
        TraceConfig { shingle_size: 4, window: 4, min_coverage: 0.5, min_words: 6, seed: DEFAULT_SEED }
    }
}

/// A document as tracing sees it.
#[derive(Clone, Debug)]
pub struct TraceDoc<'a> {
    /// Its text.
    pub text: &'a str,
    /// Its date (ISO 8601 compares as text), if known.
    pub date: Option<&'a str>,
}

/// Where a quote's text was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index of the document (in the order given to [`Tracer::new`]).
    pub doc: usize,
    /// The matching text in it.
    pub span: ByteSpan,
}

/// An index of documents to trace quotes in.
pub struct Tracer<'a> {
    docs: Vec<TraceDoc<'a>>,
    tokens: Vec<Vec<Token>>,
    index: PostingIndex,
    config: TraceConfig,
}

impl<'a> Tracer<'a> {
    /// Index `docs` (in parallel).
    pub fn new(docs: Vec<TraceDoc<'a>>, config: TraceConfig) -> Tracer<'a> {
        let tokens: Vec<Vec<Token>> =
            docs.par_iter().map_init(|| Tokenizer::new(config.seed), |tk, d| tk.tokens(d.text)).collect();
        let fps: Vec<Vec<u64>> = tokens
            .par_iter()
            .map(|t| {
                let mut hashes = Vec::new();
                shingle_hashes(t, config.shingle_size, config.seed, &mut hashes);
                fingerprints(&hashes, config.window)
            })
            .collect();
        let index = PostingIndex::build(&fps);
        Tracer { docs, tokens, index, config }
    }

    /// Whether document `a` may be the origin of text in document `b`.
    fn earlier(&self, a: usize, b: usize) -> bool {
        match (self.docs[a].date, self.docs[b].date) {
            (Some(x), Some(y)) if x != y => x < y,
            _ => a < b,
        }
    }

    /// The origin of the text at `span` of document `doc`: the earliest
    /// other document, not later than `doc`, containing it.
    pub fn trace(&self, doc: usize, span: ByteSpan) -> Option<Origin> {
        let k = self.config.shingle_size;
        let toks: Vec<Token> =
            self.tokens[doc].iter().filter(|t| t.span.start >= span.start && t.span.end <= span.end).copied().collect();
        if toks.len() < self.config.min_words.max(k) {
            return None;
        }
        let mut hashes = Vec::new();
        shingle_hashes(&toks, k, self.config.seed, &mut hashes);
        let wanted: HashSet<u64> = hashes.iter().copied().collect();
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for &h in &wanted {
            for &d in self.index.postings(h) {
                if d as usize != doc {
                    *counts.entry(d).or_insert(0) += 1;
                }
            }
        }
        let mut cands: Vec<u32> = counts.into_keys().filter(|&d| self.earlier(d as usize, doc)).collect();
        // earliest first: dated documents by date, then undated ones, each
        // by input order (a total order, unlike `earlier`)
        cands.sort_unstable_by_key(|&d| (self.docs[d as usize].date.is_none(), self.docs[d as usize].date, d));
        cands.into_iter().find_map(|d| self.verify(d as usize, &wanted).map(|span| Origin { doc: d as usize, span }))
    }

    /// The span of document `d` holding at least `min_coverage` of `wanted`.
    fn verify(&self, d: usize, wanted: &HashSet<u64>) -> Option<ByteSpan> {
        let k = self.config.shingle_size;
        let sh = shingles(&self.tokens[d], k, self.config.seed);
        // runs of matching shingles, gaps of up to k shingles bridged
        let mut best: Option<(usize, ByteSpan)> = None;
        let mut run: Option<(HashSet<u64>, usize, ByteSpan)> = None; // (hashes, last index, span)
        for (i, s) in sh.iter().enumerate() {
            if !wanted.contains(&s.hash) {
                continue;
            }
            match &mut run {
                Some((set, last, span)) if i - *last <= k + 1 => {
                    set.insert(s.hash);
                    *last = i;
                    span.end = s.span.end;
                }
                _ => {
                    if let Some((set, _, span)) = run.take() {
                        if best.as_ref().is_none_or(|b| set.len() > b.0) {
                            best = Some((set.len(), span));
                        }
                    }
                    run = Some((HashSet::from([s.hash]), i, s.span));
                }
            }
        }
        if let Some((set, _, span)) = run {
            if best.as_ref().is_none_or(|b| set.len() > b.0) {
                best = Some((set.len(), span));
            }
        }
        let (n, span) = best?;
        (n as f64 >= self.config.min_coverage * wanted.len() as f64).then_some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(text: &'a str, date: &'a str) -> TraceDoc<'a> {
        TraceDoc { text, date: Some(date) }
    }

    #[test]
    fn earliest_other_document_with_small_edits() {
        let wire = "MOSCOW. The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday.";
        let copy = "Blog: \"The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday.\"";
        let edited = "\"The withdrawal of Russian peacekeepers from Karabakh has now begun, the spokesman confirmed on Wednesday,\" it said.";
        let other = "Weather in Oslo is cold and grey with rain expected all week long across the region.";
        let docs =
            vec![doc(copy, "2024-04-18"), doc(wire, "2024-04-17"), doc(edited, "2024-04-19"), doc(other, "2024-04-01")];
        let tracer = Tracer::new(docs, TraceConfig::default());
        let q = copy.find("The withdrawal").unwrap();
        let span = ByteSpan::new(q, copy.len() - 1);
        let origin = tracer.trace(0, span).unwrap();
        assert_eq!(origin.doc, 1);
        assert_eq!(
            &wire[origin.span.range()],
            "The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday"
        );
        // the edited copy traces to the wire too
        let e = edited.find("The").unwrap();
        let span = ByteSpan::new(e, edited.find(",\"").unwrap());
        assert_eq!(tracer.trace(2, span).map(|o| o.doc), Some(1));
        // the wire itself has no earlier origin
        assert_eq!(tracer.trace(1, ByteSpan::new(8, wire.len())), None);
        // unrelated text has none
        assert_eq!(tracer.trace(3, ByteSpan::new(0, other.len())), None);
    }

    #[test]
    fn mixed_dated_and_undated_documents_sort_totally() {
        // `earlier` is not transitive across dated and undated documents; the
        // candidate order must still be a total order (this panicked once)
        let text = "the withdrawal of russian peacekeepers from karabakh has begun the spokesman confirmed today";
        let dates =
            [None, Some("2024-04-19"), None, Some("2024-04-17"), None, Some("2024-04-18"), None, Some("2024-04-16")];
        let mut docs: Vec<TraceDoc> = Vec::new();
        for _ in 0..4 {
            for d in dates {
                docs.push(TraceDoc { text, date: d });
            }
        }
        let last = docs.len() - 1;
        let tracer = Tracer::new(docs, TraceConfig::default());
        let origin = tracer.trace(last, ByteSpan::new(0, text.len())).unwrap();
        assert_eq!(origin.doc, 7, "the earliest dated document, first in input order");
        for d in 0..=last {
            let _ = tracer.trace(d, ByteSpan::new(0, text.len()));
        }
    }
}
