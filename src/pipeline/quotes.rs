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
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig { attributor: Attributor::builtin(), min_words: 1, trace: None }
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
                let origin = tracer.trace(i, crate::corpus::ByteSpan::new(r.start, r.end));
                let attributed = origin.is_some_and(|o| {
                    let source = docs[o.doc].source.as_deref();
                    matches!((r.outlet.as_deref(), source), (Some(a), Some(b)) if gazetteer.same_outlet(a, b))
                });
                let origin = origin.map(|o| OriginRecord {
                    id: docs[o.doc].id.clone(),
                    start: o.span.start as usize,
                    end: o.span.end as usize,
                });
                r.trace = Some((origin, attributed));
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
