//! `check`: passages of new documents copied from documents of a reference
//! index, and whether each is credited to the index document's outlet.
//!
//! Stages, per input document (documents in parallel):
//!
//! 1. **seed**: the document's winnowed fingerprints (the index's own
//!    parameters) are looked up in the index; fingerprints found in more
//!    than `max_df` index documents are stock phrases and ignored.
//! 2. **chain**: per index document, hits are sorted by position and
//!    chained while they stay on one diagonal (offset between the two texts)
//!    within `max_gap` words and follow each other within `max_gap` words:
//!    a changed word or a dropped clause does not break a passage.
//! 3. **extend**: the chain's ends are extended word by word while the two
//!    texts agree, so a verbatim copy is reported to the word.
//! 4. **judge**: a passage of at least `min_words` words is a finding (a
//!    near-duplicate of the whole reference document when it covers 80 % of
//!    it). It is attributed when the document credits the reference
//!    document's outlet ([`super::credit`]): for the whole document
//!    (a dateline, a credit line) or for the passage (a quote or sentence
//!    credited to it, "according to X", "the report from X reads"...).
//!    Crediting another outlet is not attribution.
//!
//! Cost: one fingerprint lookup (a binary search in the memory-mapped
//! posting table) per fingerprint of the input, plus tokenizing the
//! reference documents that share at least one passage seed.

use crate::corpus::{ByteSpan, Corpus, Rejected};
use crate::error::Result;
use crate::index::{fingerprints_with_positions, Index};
use crate::normalize::{Token, Tokenizer};
use crate::pipeline::{scan_documents, DocFilter};
use crate::progress::{Progress, Stage};
use serde::Serialize;
use std::collections::HashMap;

/// How `check` judges.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckConfig {
    /// Shortest passage reported, in words.
    pub min_words: usize,
    /// Largest gap (in words) bridged inside a passage.
    pub max_gap: usize,
    /// Fingerprints in more index documents than this are ignored.
    pub max_df: usize,
    /// Share of a reference document a passage must cover to be reported as
    /// a near-duplicate of it.
    pub near_duplicate: f64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { min_words: 25, max_gap: 8, max_df: 50, near_duplicate: 0.8 }
    }
}

/// One copied passage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Input document id.
    pub doc: String,
    /// Byte range of the passage in the input document's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
    /// 1-based line of `start` in the document's text.
    pub line: usize,
    /// 1-based column (in characters) of `start` in its line.
    pub column: usize,
    /// Words in the passage.
    pub words: usize,
    /// Id of the index document it was copied from.
    pub source_id: String,
    /// That document's outlet (its source field).
    pub source: Option<String>,
    /// Whether the input credits that outlet for this passage.
    pub attributed: bool,
    /// The outlet the input credits for the passage, if any (may be another).
    pub credited: Option<String>,
    /// Byte range of the passage in the index document's text.
    pub source_start: u32,
    /// End of that range.
    pub source_end: u32,
    /// The passage covers most of the index document.
    pub near_duplicate: bool,
    /// The input file and record line (for file-based reports).
    #[serde(skip)]
    pub location: crate::error::Location,
    /// Whether the input document is a whole file (then `line`/`column` are
    /// file positions too).
    #[serde(skip)]
    pub whole_file: bool,
}

/// What [`check`] found.
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
    let mut report = CheckReport::default();
    let skip = corpus.config().skip_invalid;
    let seed = index.params().seed;
    progress.begin(Stage::Align, None);
    scan_documents(
        corpus,
        DocFilter::All,
        progress,
        || (Tokenizer::new(seed), Vec::new()),
        |(tok, postings), doc| {
            let tokens = tok.tokens(&doc.text);
            let file = &corpus.files()[doc.at.file as usize];
            let whole_file = matches!(file.kind, crate::corpus::FileKind::Text | crate::corpus::FileKind::Html);
            let location = corpus.location(doc.at);
            check_document(&doc.id, &doc.text, &tokens, index, config, tok, postings)
                .into_iter()
                .map(|mut f| {
                    f.location = location.clone();
                    f.whole_file = whole_file;
                    f
                })
                .collect::<Vec<_>>()
        },
        &mut |r| {
            match r {
                Ok(findings) => {
                    report.documents += 1;
                    report.findings.extend(findings);
                }
                Err(rej) if skip => report.rejected.push(rej),
                Err(rej) => return Err(super::scan::strict_error(rej)),
            }
            Ok(())
        },
    )?;
    progress.end();
    Ok(report)
}

/// A chain of seed hits between the input and one index document, in
/// token positions.
#[derive(Clone, Copy, Debug)]
struct Chain {
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
}

/// The findings of one document.
fn check_document(
    id: &str,
    text: &str,
    tokens: &[Token],
    index: &Index,
    config: &CheckConfig,
    tok: &mut Tokenizer,
    postings: &mut Vec<(u32, u32)>,
) -> Vec<Finding> {
    let params = index.params();
    let k = params.shingle_size;
    // 1. seed
    let mut hits: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    for (h, p) in fingerprints_with_positions(tokens, params) {
        index.postings(h, postings);
        let mut distinct = postings.iter().map(|&(d, _)| d).collect::<Vec<_>>();
        distinct.dedup();
        if distinct.len() > config.max_df {
            continue;
        }
        for &(d, q) in postings.iter() {
            hits.entry(d).or_default().push((p as usize, q as usize));
        }
    }
    let mut sources: Vec<u32> = hits.keys().copied().collect();
    sources.sort_unstable();
    // attribution runs only for a document with a finding
    let mut credits = None;
    let mut out = Vec::new();
    for d in sources {
        let mut h = hits.remove(&d).expect("key");
        h.sort_unstable();
        // 2. chain
        let mut chains: Vec<Chain> = Vec::new();
        for &(a, b) in &h {
            let extended = chains.last_mut().is_some_and(|c| {
                let diag_ok = ((b as isize - a as isize) - (c.b_start as isize - c.a_start as isize)).unsigned_abs()
                    <= config.max_gap;
                let near = a <= c.a_end + config.max_gap && b + config.max_gap >= c.b_end.saturating_sub(k);
                if diag_ok && near && b >= c.b_start {
                    c.a_end = c.a_end.max(a + k);
                    c.b_end = c.b_end.max(b + k);
                    true
                } else {
                    false
                }
            });
            if !extended {
                chains.push(Chain { a_start: a, a_end: a + k, b_start: b, b_end: b + k });
            }
        }
        let doc = index.doc(d);
        if doc.id == id {
            // the reference document itself, checked against its own index
            continue;
        }
        let src_tokens = tok.tokens(doc.text);
        for mut c in chains {
            c.a_end = c.a_end.min(tokens.len());
            c.b_end = c.b_end.min(src_tokens.len());
            // 3. extend while the texts agree
            while c.a_start > 0 && c.b_start > 0 && tokens[c.a_start - 1].hash == src_tokens[c.b_start - 1].hash {
                c.a_start -= 1;
                c.b_start -= 1;
            }
            while c.a_end < tokens.len()
                && c.b_end < src_tokens.len()
                && tokens[c.a_end].hash == src_tokens[c.b_end].hash
            {
                c.a_end += 1;
                c.b_end += 1;
            }
            let words = c.a_end - c.a_start;
            if words < config.min_words {
                continue;
            }
            // 4. judge
            let span = ByteSpan { start: tokens[c.a_start].span.start, end: tokens[c.a_end - 1].span.end };
            let credited = credits.get_or_insert_with(|| super::credit::credits(text)).outlet_for(span);
            let attributed = match (&credited, doc.source) {
                (Some(c), Some(s)) => super::credit::same_outlet(c, s),
                _ => false,
            };
            let (line, column) = line_column(text, span.start as usize);
            out.push(Finding {
                doc: id.to_owned(),
                start: span.start,
                end: span.end,
                line,
                column,
                words,
                source_id: doc.id.to_owned(),
                source: doc.source.map(str::to_owned),
                attributed,
                credited,
                source_start: src_tokens[c.b_start].span.start,
                source_end: src_tokens[c.b_end - 1].span.end,
                near_duplicate: (c.b_end - c.b_start) as f64 >= config.near_duplicate * src_tokens.len() as f64,
                location: crate::error::Location::file(""),
                whole_file: false,
            });
        }
    }
    out.sort_by_key(|f| (f.start, f.source_id.clone()));
    out
}

/// 1-based line and character column of byte `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = 1 + memchr::memchr_iter(b'\n', before.as_bytes()).count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns() {
        assert_eq!(line_column("abc\ndéf g", 0), (1, 1));
        assert_eq!(line_column("abc\ndéf g", 4), (2, 1));
        assert_eq!(line_column("abc\ndéf g", 9), (2, 5));
    }
}
