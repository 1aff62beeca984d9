//! `passages --sensitivity high`: rewritten reuse, aligned pair by pair
//! with the sentence-similarity aligner ([`crate::passage::rewrite`]).
//!
//! Stages:
//!
//! 1. **read**: every document is cut into sentences of stemmed terms
//!    ([`SentenceDoc`]), in parallel; its text is kept for locating.
//! 2. **candidates**: the given pairs (`--pairs-from`), else every pair of
//!    documents sharing at least [`MIN_SHARED_TERMS`] distinct terms, or at
//!    least [`MIN_SHARED_KEYS`] sampled sentence keys (two terms of one
//!    sentence), that occur in at most `max_df` documents (inverted indexes
//!    over the documents' distinct terms and keys).
//! 3. **align**: each candidate pair, in parallel, the earlier document
//!    (by date, else input order) as the origin.
//! 4. **report**: every aligned pair of spans is a passage of its own with
//!    two members: nothing chains through a third document.
//!
//! Cost: texts and sentence vectors are held in memory (about three times
//! the text); candidate generation is `O(Σ df²)` over terms with `df ≤
//! max_df`; alignment is quadratic in the sentences of a pair at worst.

use super::{AlignedPair, Passage, PassageConfig, PassageMember, PassageReport, PassageStats};
use crate::corpus::{ByteSpan, Corpus, DocId, LineIndex, Scan};
use crate::error::Result;
use crate::passage::rewrite::{align_rewritten, RewriteParams};
use crate::passage::sentence::SentenceDoc;
use crate::progress::{Progress, Stage};
use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Documents sharing fewer rare terms than this (and fewer rare sentence
/// keys than [`MIN_SHARED_KEYS`]) are not aligned.
pub const MIN_SHARED_TERMS: u32 = 5;

/// Documents sharing fewer rare sentence keys than this (and fewer rare
/// terms than [`MIN_SHARED_TERMS`]) are not aligned.
pub const MIN_SHARED_KEYS: u32 = 3;

/// One in this many sentence keys (pairs of terms of a sentence) is kept.
pub const KEY_SAMPLE: u64 = 8;

struct HighDoc {
    id: String,
    date: Option<String>,
    text: String,
    doc: SentenceDoc,
}

/// Rewritten-reuse passages of a corpus, pairwise.
pub(super) fn rewritten_passages(
    corpus: &Corpus,
    config: &PassageConfig,
    only: Option<&[(String, String)]>,
    progress: &dyn Progress,
) -> Result<PassageReport> {
    let mut docs: Vec<HighDoc> = Vec::new();
    progress.begin(Stage::Fingerprint, crate::corpus::total_bytes(corpus));
    let rejected = Scan::new(corpus, progress).run(
        || (),
        |_, d| HighDoc { doc: SentenceDoc::new(&d.text), id: d.id, date: d.date, text: d.text },
        &mut |d| {
            docs.push(d);
            Ok(())
        },
    )?;
    progress.end();
    progress.begin(Stage::Candidates, None);
    let pairs = match only {
        Some(list) => super::pairs_by_id(list, docs.iter().map(|d| d.id.as_str()))?,
        None => candidate_pairs(&docs, config.max_df),
    };
    progress.end();
    let params = RewriteParams::default();
    progress.begin(Stage::Align, Some(pairs.len() as u64));
    let mut found: Vec<AlignedPair> = pairs
        .par_iter()
        .flat_map_iter(|&(a, b)| {
            let (da, db) = (&docs[a.index()], &docs[b.index()]);
            let a_first = (da.date.is_none(), da.date.as_deref(), a) <= (db.date.is_none(), db.date.as_deref(), b);
            let (origin, copy) = if a_first { (a, b) } else { (b, a) };
            let found = align_rewritten(&docs[origin.index()].doc, &docs[copy.index()].doc, &params);
            progress.advance(1);
            found.into_iter().map(move |m| {
                let (a_span, b_span) = if a_first { (m.src, m.susp) } else { (m.susp, m.src) };
                AlignedPair { a, a_span, b, b_span, words: m.words as usize, score: m.score, origin }
            })
        })
        .collect();
    progress.end();
    found.sort_by_key(|x| (x.a, x.a_span, x.b, x.b_span));
    found.dedup_by(|x, y| (x.a, x.a_span, x.b, x.b_span) == (y.a, y.a_span, y.b, y.b_span));
    let lines: HashMap<DocId, LineIndex> =
        found.iter().flat_map(|p| [p.a, p.b]).map(|d| (d, LineIndex::new(&docs[d.index()].text))).collect();
    let member = |d: DocId, span: ByteSpan, origin: DocId| {
        let text = &docs[d.index()].text;
        let end_char = text[..span.end as usize].char_indices().next_back().map_or(0, |(i, _)| i);
        PassageMember {
            doc: d,
            span,
            start: lines[&d].line_col(text, span.start as usize),
            end: lines[&d].line_col(text, end_char),
            origin: d == origin,
        }
    };
    let passages: Vec<Passage> = found
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let origin_span = if p.origin == p.a { p.a_span } else { p.b_span };
            Passage {
                id: i + 1,
                words: p.words,
                text: docs[p.origin.index()].text[origin_span.range()].to_string(),
                origin: p.origin,
                boilerplate: false,
                members: vec![member(p.a, p.a_span, p.origin), member(p.b, p.b_span, p.origin)],
            }
        })
        .collect();
    let documents = docs.len();
    let stats = PassageStats {
        read: documents + rejected.len(),
        rejected: rejected.len(),
        documents,
        pairs: pairs.len(),
        alignments: found.len(),
        passages: passages.len(),
        members: 2 * passages.len(),
        ..PassageStats::default()
    };
    Ok(PassageReport { passages, ids: docs.into_iter().map(|d| d.id).collect(), rejected, stats, pairs: found })
}

/// Pairs of documents (`a < b`), sorted: those sharing at least
/// [`MIN_SHARED_TERMS`] distinct terms that occur in at most `max_df`
/// documents, and those sharing at least [`MIN_SHARED_KEYS`] sentence keys
/// (two terms of one sentence, sampled one in [`KEY_SAMPLE`] by hash) that
/// occur in at most `max_df` documents. Single terms suffice in a small
/// corpus; in a large one most terms are in more than `max_df` documents,
/// while a pair of terms in one sentence stays rare.
fn candidate_pairs(docs: &[HighDoc], max_df: usize) -> Vec<(DocId, DocId)> {
    let terms = postings(docs, |d, out| out.extend(d.sentences.iter().flat_map(|s| s.terms.iter().map(|t| t.0))));
    let keys = postings(docs, |d, out| {
        for s in &d.sentences {
            for (i, &(x, _)) in s.terms.iter().enumerate() {
                for &(y, _) in &s.terms[i + 1..] {
                    let k = xxh3_64_with_seed(&y.to_le_bytes(), x);
                    if k.is_multiple_of(KEY_SAMPLE) {
                        out.push(k);
                    }
                }
            }
        }
    });
    let mut out: Vec<(DocId, DocId)> = shared_counts(&terms, max_df)
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SHARED_TERMS)
        .chain(shared_counts(&keys, max_df).into_iter().filter(|&(_, n)| n >= MIN_SHARED_KEYS))
        .map(|((a, b), _)| (DocId(a), DocId(b)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `(key, document)` for the distinct keys of every document, sorted.
fn postings(docs: &[HighDoc], keys: impl Fn(&SentenceDoc, &mut Vec<u64>) + Sync) -> Vec<(u64, u32)> {
    let mut all: Vec<(u64, u32)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, d)| {
            let mut ks = Vec::new();
            keys(&d.doc, &mut ks);
            ks.sort_unstable();
            ks.dedup();
            ks.into_iter().map(move |k| (k, i as u32))
        })
        .collect();
    all.par_sort_unstable();
    all
}

/// For each pair of documents sharing a key of at most `max_df` documents:
/// how many such keys they share.
fn shared_counts(postings: &[(u64, u32)], max_df: usize) -> HashMap<(u32, u32), u32> {
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for run in postings.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 || run.len() > max_df {
            continue;
        }
        for (k, x) in run.iter().enumerate() {
            for y in &run[k + 1..] {
                *shared.entry((x.1, y.1)).or_insert(0) += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> HighDoc {
        HighDoc { id: String::new(), date: None, text: text.to_string(), doc: SentenceDoc::new(text) }
    }

    #[test]
    fn candidates_share_rare_terms_or_sentence_keys() {
        let docs = [
            doc("Harbour cranes lifted seven rusted barges onto the quay. Dockers cheered the patient crane drivers."),
            doc("Seven rusted barges were lifted onto the quay by harbour cranes while dockers cheered."),
            doc("The orchestra rehearsed a new symphony in the empty concert hall all afternoon."),
        ];
        assert_eq!(candidate_pairs(&docs, 100), vec![(DocId(0), DocId(1))]);
        // every term in both documents is in more than one document: none pass max_df 1
        assert_eq!(candidate_pairs(&docs, 1), vec![]);
    }
}
