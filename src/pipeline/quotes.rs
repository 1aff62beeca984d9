//! `quotes`: every quote of a corpus with speaker and outlet, and with
//! `trace` the document each quote's text came from.
//!
//! Stages, one function each:
//!
//! 1. **attribute** ([`attribute_corpus`]): one streaming pass; each
//!    document's quotes are found and attributed in parallel
//!    ([`Attributor::attribute`]) and handed on in input order.
//! 2. **index** (with `trace`): the documents' winnowed fingerprints go into
//!    a [`Tracer`]; this needs the corpus in memory.
//! 3. **trace** (with `trace`): each quote's origin is looked up in
//!    parallel, and `attributed` says whether the quote's outlet names the
//!    origin document's source.

use crate::attribution::trace::{TraceConfig, TraceDoc, Tracer};
use crate::attribution::{Attributor, QuoteAttribution, SpeakerKind};
use crate::corpus::{Corpus, Document, Rejected};
use crate::error::{Error, Result};
use crate::pipeline::scan::{scan_documents, strict_error, DocFilter};
use crate::progress::{Progress, Stage};
use rayon::prelude::*;

/// Everything `quotes` can be told.
#[derive(Clone, Debug)]
pub struct QuotesConfig {
    /// Cue lists and outlets.
    pub attributor: Attributor,
    /// Quotes with fewer words are not reported (default 1).
    pub min_words: usize,
    /// Trace each quote to its origin in the corpus.
    pub trace: Option<TraceConfig>,
    /// With `trace`, also look for origins in this reference index.
    pub index: Option<std::sync::Arc<crate::index::Index>>,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig { attributor: Attributor::builtin(), min_words: 1, trace: None, index: None }
    }
}

impl QuotesConfig {
    /// Check ranges.
    pub fn validate(&self) -> Result<()> {
        if let Some(t) = &self.trace {
            if !(1..=crate::shingle::MAX_SHINGLE_SIZE).contains(&t.shingle_size) || t.window == 0 {
                return Err(Error::config("trace shingle size must be 1 to 32 and the window at least 1"));
            }
            if !(t.min_coverage > 0.0 && t.min_coverage <= 1.0) {
                return Err(Error::config("trace coverage must be in (0, 1]"));
            }
        }
        Ok(())
    }
}

/// Where a quote's text was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginRecord {
    /// Id of the origin document.
    pub id: String,
    /// Byte offsets of the text in it.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// One reported quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRecord {
    /// Document id.
    pub doc: String,
    /// Byte offset of the quoted text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The quoted text.
    pub quote: String,
    /// The speaker phrase as written.
    pub speaker: Option<String>,
    /// The named person it refers to, when that differs from the phrase.
    pub speaker_name: Option<String>,
    /// The outlet credited (canonical name).
    pub outlet: Option<String>,
    /// The cue words.
    pub cue: Option<String>,
    /// With tracing: the origin (None when not found) and whether the
    /// credited outlet names the origin's source.
    pub trace: Option<(Option<OriginRecord>, bool)>,
}

/// Counts of a `quotes` run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotesStats {
    /// Documents read.
    pub docs: u64,
    /// Quotes reported.
    pub quotes: u64,
    /// Quotes with a speaker.
    pub with_speaker: u64,
    /// Quotes with an outlet.
    pub with_outlet: u64,
    /// Quotes traced to an origin.
    pub traced: u64,
}

fn records(doc: &Document, quotes: Vec<QuoteAttribution>, min_words: usize) -> Vec<QuoteRecord> {
    let text = &doc.text;
    quotes
        .into_iter()
        .filter(|q| {
            text[q.span.range()].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count() >= min_words
        })
        .map(|q| {
            // a pronoun is reported as the person it stands for, when known
            let speaker = match (q.speaker_kind, &q.speaker_name) {
                (Some(SpeakerKind::Pronoun), Some(name)) => Some(name.clone()),
                _ => q.speaker_text(text).map(str::to_owned),
            };
            let speaker_name = q.speaker_name.clone().filter(|n| speaker.as_deref() != Some(n.as_str()));
            QuoteRecord {
                doc: doc.id.clone(),
                start: q.span.start as usize,
                end: q.span.end as usize,
                quote: text[q.span.range()].to_owned(),
                speaker,
                speaker_name,
                outlet: q.outlet.clone(),
                cue: q.cue_text(text).map(str::to_owned),
                trace: None,
            }
        })
        .collect()
}

/// The earliest document of a reference index that contains `quote` (the
/// text at byte `offset` of `doc`) with small edits allowed: its date,
/// source and the matching span. The quote's shingles (the index's shingle
/// size and seed) are looked up in the index's winnowed postings; each
/// document hit is verified by the share of the quote's shingles it holds
/// (`min_coverage`). A document with the quoting document's own id is not
/// its origin, nor is one dated after it.
fn trace_in_index(
    index: &crate::index::Index,
    quote: &str,
    doc: &Document,
    trace: &TraceConfig,
) -> Option<(Option<String>, Option<String>, OriginRecord)> {
    use crate::normalize::Tokenizer;
    use crate::shingle::{shingle_hashes, shingles};
    use std::collections::HashSet;
    let params = index.params();
    let mut tok = Tokenizer::new(params.seed);
    let tokens = tok.tokens(quote);
    if tokens.len() < trace.min_words.max(params.shingle_size) {
        return None;
    }
    let mut hashes = Vec::new();
    shingle_hashes(&tokens, params.shingle_size, params.seed, &mut hashes);
    let wanted: HashSet<u64> = hashes.iter().copied().collect();
    let mut hits: Vec<u32> = Vec::new();
    let mut postings = Vec::new();
    for &h in &wanted {
        index.postings(h, &mut postings);
        hits.extend(postings.iter().map(|&(d, _)| d));
    }
    hits.sort_unstable();
    hits.dedup();
    let mut best: Option<(Option<String>, Option<String>, OriginRecord)> = None;
    for d in hits {
        let ref_doc = index.doc(d);
        if ref_doc.id == doc.id {
            continue;
        }
        if let (Some(r), Some(q)) = (ref_doc.date, doc.date.as_deref()) {
            if r > q {
                continue;
            }
        }
        let sh = shingles(&tok.tokens(ref_doc.text), params.shingle_size, params.seed);
        // runs of matching shingles (gaps of up to k shingles bridged); the
        // run holding most of the quote's shingles is the origin span
        let k = params.shingle_size;
        let mut runs: Vec<(HashSet<u64>, usize, usize)> = Vec::new(); // (hashes, first, last)
        for (i, s) in sh.iter().enumerate().filter(|(_, s)| wanted.contains(&s.hash)) {
            match runs.last_mut() {
                Some((set, _, last)) if i - *last <= k + 1 => {
                    set.insert(s.hash);
                    *last = i;
                }
                _ => runs.push((HashSet::from([s.hash]), i, i)),
            }
        }
        let Some((set, first, last)) = runs.into_iter().max_by_key(|r| (r.0.len(), std::cmp::Reverse(r.1))) else {
            continue;
        };
        if (set.len() as f64) < trace.min_coverage * wanted.len() as f64 {
            continue;
        }
        let candidate = (
            ref_doc.date.map(str::to_owned),
            ref_doc.source.map(str::to_owned),
            OriginRecord {
                id: ref_doc.id.to_owned(),
                start: sh[first].span.start as usize,
                end: sh[last].span.end as usize,
            },
        );
        let earlier = best.as_ref().is_none_or(|b| (candidate.0.is_none(), &candidate.0) < (b.0.is_none(), &b.0));
        if earlier {
            best = Some(candidate);
        }
    }
    best
}

/// Stage 1 without tracing: stream the corpus, attribute each document in
/// parallel, hand its quotes to `sink` in input order.
pub fn attribute_corpus(
    corpus: &Corpus,
    config: &QuotesConfig,
    progress: &dyn Progress,
    rejected: &mut Vec<Rejected>,
    sink: &mut dyn FnMut(&QuoteRecord) -> Result<()>,
) -> Result<QuotesStats> {
    let mut stats = QuotesStats::default();
    progress.begin(Stage::Quotes, None);
    let skip = corpus.config().skip_invalid;
    scan_documents(
        corpus,
        DocFilter::All,
        progress,
        || (),
        |_, doc| {
            let quotes = config.attributor.attribute(&doc.text);
            records(&doc, quotes, config.min_words)
        },
        &mut |r| match r {
            Ok(recs) => {
                stats.docs += 1;
                for rec in &recs {
                    count(&mut stats, rec);
                    sink(rec)?;
                }
                Ok(())
            }
            Err(rej) if skip => {
                rejected.push(rej);
                Ok(())
            }
            Err(rej) => Err(strict_error(rej)),
        },
    )?;
    progress.end();
    Ok(stats)
}

fn count(stats: &mut QuotesStats, rec: &QuoteRecord) {
    stats.quotes += 1;
    stats.with_speaker += rec.speaker.is_some() as u64;
    stats.with_outlet += rec.outlet.is_some() as u64;
    stats.traced += rec.trace.as_ref().is_some_and(|t| t.0.is_some()) as u64;
}

/// Run `quotes` over a corpus: attribution, and with `config.trace` the
/// index and trace stages. Records go to `sink` in input order (quotes of
/// a document by position), so output is the same for any thread count.
pub fn quotes(
    corpus: &Corpus,
    config: &QuotesConfig,
    progress: &dyn Progress,
    rejected: &mut Vec<Rejected>,
    sink: &mut dyn FnMut(&QuoteRecord) -> Result<()>,
) -> Result<QuotesStats> {
    config.validate()?;
    let Some(trace) = config.trace else {
        return attribute_corpus(corpus, config, progress, rejected, sink);
    };
    progress.begin(Stage::Quotes, None);
    let (docs, rej) = corpus.read_all()?;
    rejected.extend(rej);
    let attributed: Vec<Vec<QuoteAttribution>> =
        docs.par_iter().map(|d| config.attributor.attribute(&d.text)).collect();
    progress.end();
    progress.begin(Stage::Index, Some(docs.len() as u64));
    let tracer = Tracer::new(docs.iter().map(|d| TraceDoc { text: &d.text, date: d.date.as_deref() }).collect(), trace);
    progress.end();
    progress.begin(Stage::Trace, Some(docs.len() as u64));
    let gazetteer = &config.attributor.gazetteer;
    let traced: Vec<Vec<QuoteRecord>> = docs
        .par_iter()
        .zip(attributed)
        .enumerate()
        .map(|(i, (doc, quotes))| {
            let mut recs = records(doc, quotes, config.min_words);
            for r in &mut recs {
                let span = crate::corpus::ByteSpan::new(r.start, r.end);
                let in_corpus = tracer.trace(i, span).map(|o| {
                    let d = &docs[o.doc];
                    (d.date.clone(), d.source.clone(), OriginRecord {
                        id: d.id.clone(),
                        start: o.span.start as usize,
                        end: o.span.end as usize,
                    })
                });
                let in_index = config.index.as_deref().and_then(|index| trace_in_index(index, &doc.text[span.range()], doc, &trace));
                // the earlier of the two; a dated origin before an undated one
                let origin = match (in_corpus, in_index) {
                    (Some(c), Some(x)) => Some(if (x.0.is_none(), &x.0) < (c.0.is_none(), &c.0) { x } else { c }),
                    (c, x) => c.or(x),
                };
                let attributed = origin.as_ref().is_some_and(|(_, source, _)| {
                    matches!((r.outlet.as_deref(), source.as_deref()), (Some(a), Some(b)) if gazetteer.same_outlet(a, b))
                });
                r.trace = Some((origin.map(|(_, _, o)| o), attributed));
            }
            progress.advance(1);
            recs
        })
        .collect();
    progress.end();
    let mut stats = QuotesStats { docs: docs.len() as u64, ..QuotesStats::default() };
    for rec in traced.iter().flatten() {
        count(&mut stats, rec);
        sink(rec)?;
    }
    Ok(stats)
}
