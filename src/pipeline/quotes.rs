//! `quotes`: every quote of a corpus with speaker and outlet, and with
//! `trace` the document each quote's text came from.
//!
//! Stages, one function each:
//!
//! 1. **attribute**: one streaming pass through the one
//!    [`crate::corpus::Scan`]; each document's quotes are found and
//!    attributed in parallel ([`Attributor::attribute`]) and handed on in
//!    input order.
//! 2. **index** (with `trace`): the documents' winnowed fingerprints go into
//!    a [`CorpusCollection`]; this holds the corpus's texts in memory.
//! 3. **trace** (with `trace`): each quote's origin is looked up in
//!    parallel by the one [`Tracer`] (in the reference index, when given,
//!    and in the corpus; [`crate::attribution::trace`] has the ordering
//!    rule), and `attributed` says whether the quote's outlet names the
//!    origin document's source.
//!
//! Records go to a sink in input order (quotes of a document by position),
//! so output is the same for any thread count and nothing is held longer
//! than it must be; the report holds the counts and rejected records.

use crate::attribution::trace::{Collection, CorpusCollection, Place, Quoting, TraceConfig, TraceDoc, Tracer};
use crate::attribution::{Attributor, QuoteAttribution, SpeakerKind};
use crate::corpus::{ByteSpan, Corpus, DocId, Document, Rejected, Scan};
use crate::error::{Error, Result};
use crate::normalize::Tokenizer;
use crate::progress::{Progress, Stage};
use crate::shingle::validate_shingle_size;
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
            validate_shingle_size(t.shingle_size)?;
            if t.window == 0 {
                return Err(Error::config("the trace window must be at least 1"));
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
    /// The text in it.
    pub span: ByteSpan,
}

/// What tracing says of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteTrace {
    /// The origin, when one was found.
    pub origin: Option<OriginRecord>,
    /// Whether the quote's outlet names the origin document's source.
    pub attributed: bool,
}

/// One reported quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRecord {
    /// Document id.
    pub doc: String,
    /// The quoted text's place in the document.
    pub span: ByteSpan,
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
    /// With tracing: what tracing found.
    pub trace: Option<QuoteTrace>,
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

/// What [`quotes()`] returns besides the records it hands to its sink.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotesReport {
    /// How many documents, quotes, speakers, outlets and origins.
    pub stats: QuotesStats,
    /// Rejected records (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
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
                span: q.span,
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
fn attribute_corpus(
    corpus: &Corpus,
    config: &QuotesConfig,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(&QuoteRecord) -> Result<()>,
) -> Result<QuotesReport> {
    let mut stats = QuotesStats::default();
    progress.begin(Stage::Quotes, None);
    let rejected = Scan::new(corpus, progress).run(
        || (),
        |_, doc| {
            let quotes = config.attributor.attribute(&doc.text);
            records(&doc, quotes, config.min_words)
        },
        &mut |recs| {
            stats.docs += 1;
            for rec in &recs {
                count(&mut stats, rec);
                sink(rec)?;
            }
            Ok(())
        },
    )?;
    progress.end();
    Ok(QuotesReport { stats, rejected })
}

fn count(stats: &mut QuotesStats, rec: &QuoteRecord) {
    stats.quotes += 1;
    stats.with_speaker += rec.speaker.is_some() as u64;
    stats.with_outlet += rec.outlet.is_some() as u64;
    stats.traced += rec.trace.as_ref().is_some_and(|t| t.origin.is_some()) as u64;
}

/// Run `quotes` over a corpus: attribution, and with `config.trace` the
/// index and trace stages. Records go to `sink` in input order (quotes of
/// a document by position), so output is the same for any thread count.
pub fn quotes(
    corpus: &Corpus,
    config: &QuotesConfig,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(&QuoteRecord) -> Result<()>,
) -> Result<QuotesReport> {
    config.validate()?;
    let Some(trace) = config.trace else {
        return attribute_corpus(corpus, config, progress, sink);
    };
    progress.begin(Stage::Quotes, None);
    let (docs, rejected) = corpus.read_all()?;
    let attributed: Vec<Vec<QuoteAttribution>> =
        docs.par_iter().map(|d| config.attributor.attribute(&d.text)).collect();
    progress.end();
    progress.begin(Stage::Index, Some(docs.len() as u64));
    let in_corpus = CorpusCollection::new(
        docs.iter()
            .map(|d| TraceDoc { id: &d.id, text: &d.text, date: d.date.as_deref(), source: d.source.as_deref() })
            .collect(),
        trace.fingerprint_params(),
    );
    progress.end();
    // the reference index first: on a tie it is the earlier
    let mut collections: Vec<&dyn Collection> = Vec::new();
    if let Some(index) = config.index.as_deref() {
        collections.push(index);
    }
    let corpus_place = collections.len();
    collections.push(&in_corpus);
    let tracer = Tracer::new(collections, trace);
    progress.begin(Stage::Trace, Some(docs.len() as u64));
    let gazetteer = &config.attributor.gazetteer;
    let traced: Vec<Vec<QuoteRecord>> = docs
        .par_iter()
        .zip(attributed)
        .enumerate()
        .map_init(
            || Tokenizer::new(trace.seed),
            |tok, (i, (doc, quotes))| {
                let mut recs = records(doc, quotes, config.min_words);
                let quoting = Quoting {
                    id: &doc.id,
                    date: doc.date.as_deref(),
                    place: Some(Place { collection: corpus_place, doc: DocId::new(i) }),
                };
                for r in &mut recs {
                    let origin = tracer.trace(&doc.text[r.span.range()], &quoting, tok);
                    let attributed = origin.is_some_and(|o| {
                        matches!((r.outlet.as_deref(), o.doc.source), (Some(a), Some(b)) if gazetteer.same_outlet(a, b))
                    });
                    let origin = origin.map(|o| OriginRecord { id: o.doc.id.to_owned(), span: o.span });
                    r.trace = Some(QuoteTrace { origin, attributed });
                }
                progress.advance(1);
                recs
            },
        )
        .collect();
    progress.end();
    let mut stats = QuotesStats { docs: docs.len() as u64, ..QuotesStats::default() };
    for rec in traced.iter().flatten() {
        count(&mut stats, rec);
        sink(rec)?;
    }
    Ok(QuotesReport { stats, rejected })
}
