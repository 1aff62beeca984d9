//! `quotes`: every quote of a corpus with speaker and outlet, and with
//! `trace` the document each quote's text came from.
//!
//! Stages, one function each:
//!
//! 1. **attribute**: one streaming pass through the one
//!    [`crate::corpus::Scan`]; each document's quotes are found and
//!    attributed in parallel ([`Attributor::attribute`]) and handed on in
//!    input order.
//!    With `trace`, the same pass keeps each document's winnowed
//!    fingerprints, id, date and source, and drops its text.
//! 2. **index** (with `trace`): the fingerprints go into a
//!    [`SparseCollection`] (16 bytes a fingerprint).
//! 3. **candidates** (with `trace`): the documents that may be a quote's
//!    origin ([`Tracer::candidates`]); only their texts are read again.
//! 4. **trace** (with `trace`): each quote's origin is looked up in
//!    parallel by the one [`Tracer`] (in the reference index, when given,
//!    and in the corpus; [`crate::attribution::trace`] has the ordering
//!    rule), and `attributed` says whether the quote's outlet names the
//!    origin document's source.
//!
//! Records go to a sink in input order (quotes of a document by position),
//! so output is the same for any thread count and nothing is held longer
//! than it must be; the report holds the counts and rejected records.

use crate::attribution::trace::{Collection, DocMeta, Place, Quoting, SparseCollection, TraceConfig, Tracer};
use crate::attribution::{Attributor, QuoteAttribution, SpeakerKind};
use crate::corpus::{total_bytes, ByteSpan, Corpus, DocId, Document, Rejected, Scan};
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
    /// The document's page URL (WARC target URI, or the URL an HTML page
    /// declares), when known.
    pub url: Option<String>,
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
                url: doc.url.clone(),
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
    // one pass: quotes, fingerprints and metadata; texts are dropped
    let params = trace.fingerprint_params();
    let (mut meta, mut places, mut fps, mut recs) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    progress.begin(Stage::Quotes, total_bytes(corpus));
    let rejected = Scan::new(corpus, progress).run(
        || (Tokenizer::new(params.seed), Vec::new()),
        |(tok, scratch), doc| {
            let quotes = config.attributor.attribute(&doc.text);
            let r = records(&doc, quotes, config.min_words);
            let f = params.fingerprints(&tok.tokens(&doc.text), scratch);
            (DocMeta { id: doc.id, date: doc.date, source: doc.source }, doc.at, f, r)
        },
        &mut |(m, at, f, r)| {
            meta.push(m);
            places.push(at);
            fps.push(f);
            recs.push(r);
            Ok(())
        },
    )?;
    progress.end();
    let documents = meta.len();
    progress.begin(Stage::Index, Some(documents as u64));
    let mut in_corpus = SparseCollection::new(meta, params, &fps);
    drop(fps);
    progress.end();
    // the reference index first: on a tie it is the earlier
    let corpus_place = config.index.is_some() as usize;
    fn with_index<'c>(index: Option<&'c crate::index::Index>, c: &'c SparseCollection) -> Vec<&'c dyn Collection> {
        let mut v: Vec<&dyn Collection> = Vec::new();
        if let Some(index) = index {
            v.push(index);
        }
        v.push(c);
        v
    }
    let quoting = |c: &SparseCollection, i: usize| {
        let doc = c.document(DocId::new(i));
        (doc.id.to_owned(), doc.date.map(str::to_owned))
    };
    // the corpus documents that may be an origin: only their texts are read
    // again
    progress.begin(Stage::Trace, Some(2 * documents as u64));
    let mut needed: Vec<DocId> = {
        let tracer = Tracer::new(with_index(config.index.as_deref(), &in_corpus), trace);
        recs.par_iter()
            .enumerate()
            .map_init(
                || Tokenizer::new(trace.seed),
                |tok, (i, rs)| {
                    let (id, date) = quoting(&in_corpus, i);
                    let q = Quoting {
                        id: &id,
                        date: date.as_deref(),
                        place: Some(Place { collection: corpus_place, doc: DocId::new(i) }),
                    };
                    let mut out = Vec::new();
                    for r in rs {
                        let found = tracer.candidates(&r.quote, &q, tok);
                        out.extend(found.places.iter().filter(|p| p.collection == corpus_place).map(|p| p.doc));
                    }
                    progress.advance(1);
                    out
                },
            )
            .flatten_iter()
            .collect()
    };
    needed.par_sort_unstable();
    needed.dedup();
    let wanted: Vec<crate::corpus::RecordRef> = needed.iter().map(|d| places[d.index()]).collect();
    let by_place: std::collections::HashMap<crate::corpus::RecordRef, DocId> =
        wanted.iter().copied().zip(needed.iter().copied()).collect();
    let mut texts = std::collections::HashMap::with_capacity(needed.len());
    Scan::new(corpus, &crate::progress::NoProgress).fetch(&wanted, || (), |_, doc| (doc.at, doc.text), &mut |(
        at,
        text,
    )| {
        if let Some(&d) = by_place.get(&at) {
            texts.insert(d, text);
        }
    })?;
    if texts.len() != needed.len() {
        return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
    }
    in_corpus.hold_texts(texts);
    let tracer = Tracer::new(with_index(config.index.as_deref(), &in_corpus), trace);
    let gazetteer = &config.attributor.gazetteer;
    let traced: Vec<Vec<QuoteRecord>> = recs
        .into_par_iter()
        .enumerate()
        .map_init(
            || Tokenizer::new(trace.seed),
            |tok, (i, mut recs)| {
                let (id, date) = quoting(&in_corpus, i);
                let q = Quoting {
                    id: &id,
                    date: date.as_deref(),
                    place: Some(Place { collection: corpus_place, doc: DocId::new(i) }),
                };
                for r in &mut recs {
                    let origin = tracer.trace(&r.quote, &q, tok);
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
    let mut stats = QuotesStats { docs: documents as u64, ..QuotesStats::default() };
    for rec in traced.iter().flatten() {
        count(&mut stats, rec);
        sink(rec)?;
    }
    Ok(QuotesReport { stats, rejected })
}
