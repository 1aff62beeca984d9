//! `check`: passages of new documents copied from documents of a reference
//! index, and whether each is credited to the index document's outlet.
//!
//! Stages, per input document (documents in parallel, through the one
//! [`Scan`]):
//!
//! 1. **seed** ([`seeds_against`]): the document's winnowed fingerprints
//!    (made with the index's own parameters) are looked up in the index;
//!    fingerprints in more than `max_df` index documents are stock phrases
//!    and ignored.
//! 2. **align** ([`align_pair`], the aligner `passages` uses): per index
//!    document, its seeds are extended into maximal aligned spans over
//!    small edits (a changed word, a dropped clause, an inserted sentence)
//!    and nearby pieces merged, so a copied passage gets the same spans it
//!    gets from `passages` over both documents.
//! 3. **judge**: a passage of at least `min_words` words is a finding (a
//!    near-duplicate of the whole reference document when it covers
//!    `near_duplicate` of it). It is attributed when the document credits
//!    the reference document's outlet ([`crate::attribution::credit`]):
//!    for the whole document (a dateline, a credit line) or for the passage
//!    (a quote or sentence credited to it, "according to X", "the report
//!    from X reads"...). Crediting another outlet is not attribution. The
//!    outlets the index names in its documents' `source` fields count as
//!    known outlets even when the gazetteer lacks them.
//!
//! Cost: one fingerprint lookup (a binary search in the memory-mapped
//! posting table) per fingerprint of the input, plus tokenizing the
//! reference documents that share at least one seed.

use crate::attribution::{Attributor, PassageCredits};
use crate::corpus::{ByteSpan, Corpus, DocId, FileKind, LineCol, LineIndex, Rejected, Scan};
use crate::error::{Error, Location, Result};
use crate::fingerprint::Postings;
use crate::index::Index;
use crate::normalize::{Token, Tokenizer};
use crate::passage::{align_pair, seeds_against, AlignParams};
use crate::progress::{Progress, Stage};

/// How `check` judges.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    /// Shortest passage reported, in words (default 25).
    pub min_words: usize,
    /// Largest edit (in words on either side) bridged inside a passage
    /// (default 8).
    pub max_gap: usize,
    /// Fingerprints in more index documents than this are stock phrases
    /// and ignored (default 50).
    pub max_df: usize,
    /// Share of a reference document a passage must cover to be reported as
    /// a near-duplicate of it (default 0.8).
    pub near_duplicate: f64,
    /// Cue lists and outlets credits are recognized with.
    pub attributor: Attributor,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { min_words: 25, max_gap: 8, max_df: 50, near_duplicate: 0.8, attributor: Attributor::builtin() }
    }
}

impl CheckConfig {
    /// Check ranges.
    pub fn validate(&self) -> Result<()> {
        if self.min_words == 0 {
            return Err(Error::config("min-words must be at least 1"));
        }
        if !(1..=500).contains(&self.max_gap) {
            return Err(Error::config("max-gap must be 1 to 500"));
        }
        if self.max_df == 0 {
            return Err(Error::config("max-df must be at least 1"));
        }
        if !(self.near_duplicate > 0.0 && self.near_duplicate <= 1.0) {
            return Err(Error::config("the near-duplicate share must be in (0, 1]"));
        }
        Ok(())
    }
}

/// One copied passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Input document id.
    pub doc: String,
    /// The passage in the input document's text.
    pub span: ByteSpan,
    /// Where the passage starts in the input document's text.
    pub position: LineCol,
    /// Words in the passage (input side).
    pub words: usize,
    /// Id of the index document it was copied from.
    pub source_id: String,
    /// That document's outlet (its source field).
    pub source: Option<String>,
    /// Whether the input credits that outlet for this passage.
    pub attributed: bool,
    /// The outlet the input credits for the passage, if any (may be another).
    pub credited: Option<String>,
    /// The passage in the index document's text.
    pub source_span: ByteSpan,
    /// The passage covers most of the index document.
    pub near_duplicate: bool,
    /// The input file and record line.
    pub location: Location,
    /// Whether the input document is a whole file (then `position` is a
    /// file position too).
    pub whole_file: bool,
    /// The input document's page URL (WARC target URI, or the URL an HTML
    /// page declares), when known.
    pub url: Option<String>,
}

/// What [`check()`] found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Findings in input order, then by position.
    pub findings: Vec<Finding>,
    /// Documents checked.
    pub documents: usize,
    /// Rejected records (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
}

/// Check every document of `corpus` against `index`.
pub fn check(corpus: &Corpus, index: &Index, config: &CheckConfig, progress: &dyn Progress) -> Result<CheckReport> {
    config.validate()?;
    let sources: std::collections::BTreeSet<&str> =
        (0..index.len()).filter_map(|d| index.doc(DocId::new(d)).source).collect();
    let attributor = config.attributor.with_known_outlets(sources);
    let mut report = CheckReport::default();
    let seed = index.params().seed;
    progress.begin(Stage::Align, None);
    report.rejected = Scan::new(corpus, progress).run(
        || Tokenizer::new(seed),
        |tok, doc| {
            let place = Place {
                location: corpus.location(doc.at),
                whole_file: matches!(corpus.files()[doc.at.file as usize].kind, FileKind::Text | FileKind::Html),
                url: doc.url.clone(),
            };
            check_document(&doc.id, &doc.text, index, config, &attributor, tok, &place)
        },
        &mut |findings| {
            report.documents += 1;
            report.findings.extend(findings);
            Ok(())
        },
    )?;
    progress.end();
    Ok(report)
}

/// Where an input document is, for its findings.
struct Place {
    location: Location,
    whole_file: bool,
    url: Option<String>,
}

/// Token hashes as the aligner compares them.
fn align_hashes(tokens: &[Token]) -> Vec<u32> {
    tokens.iter().map(|t| t.hash as u32).collect()
}

/// The findings of one document.
fn check_document(
    id: &str,
    text: &str,
    index: &Index,
    config: &CheckConfig,
    attributor: &Attributor,
    tok: &mut Tokenizer,
    place: &Place,
) -> Vec<Finding> {
    let params = Postings::params(index);
    let tokens = tok.tokens(text);
    let fps = params.fingerprints(&tokens, &mut Vec::new());
    let seeds = seeds_against(&fps, index, config.max_df);
    if seeds.is_empty() {
        return Vec::new();
    }
    let hashes = align_hashes(&tokens);
    let align = AlignParams::new(params.shingle_size, config.max_gap);
    // attribution and line positions only for a document with a finding
    let mut credits: Option<PassageCredits<'_>> = None;
    let mut lines: Option<LineIndex> = None;
    let mut out = Vec::new();
    for group in seeds.chunk_by(|x, y| x.doc == y.doc) {
        let doc = index.doc(group[0].doc);
        if doc.id == id {
            // the reference document itself, checked against its own index
            continue;
        }
        let src_tokens = tok.tokens(doc.text);
        let src_hashes = align_hashes(&src_tokens);
        let seeds = group.iter().map(|s| (s.here, s.there));
        for al in align_pair(&hashes, &src_hashes, seeds, false, config.min_words, &align) {
            let (a, b) = (al.a, al.b);
            let span =
                ByteSpan { start: tokens[a.start as usize].span.start, end: tokens[a.end as usize - 1].span.end };
            let credited = credits.get_or_insert_with(|| attributor.passage_credits(text)).outlet_for(span);
            let attributed = match (&credited, doc.source) {
                (Some(c), Some(s)) => attributor.gazetteer.same_outlet(c, s),
                _ => false,
            };
            out.push(Finding {
                doc: id.to_owned(),
                span,
                position: lines.get_or_insert_with(|| LineIndex::new(text)).line_col(text, span.start as usize),
                words: a.len(),
                source_id: doc.id.to_owned(),
                source: doc.source.map(str::to_owned),
                attributed,
                credited,
                source_span: ByteSpan {
                    start: src_tokens[b.start as usize].span.start,
                    end: src_tokens[b.end as usize - 1].span.end,
                },
                near_duplicate: b.len() as f64 >= config.near_duplicate * src_tokens.len() as f64,
                location: place.location.clone(),
                whole_file: place.whole_file,
                url: place.url.clone(),
            });
        }
    }
    out.sort_by(|x, y| (x.span.start, &x.source_id, x.span.end).cmp(&(y.span.start, &y.source_id, y.span.end)));
    out
}
