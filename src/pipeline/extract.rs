//! `extract`: the documents of a corpus as every other command reads them
//! (ids, fields and text; the main content of WARC and HTML pages), in
//! input order.

use crate::corpus::{total_bytes, Corpus, Document, Rejected, Scan};
use crate::error::Result;
use crate::progress::{Progress, Stage};
use serde::Serialize;
use std::collections::BTreeMap;

/// One output record of `extract --json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtractRecord<'a> {
    /// The document id.
    pub id: &'a str,
    /// The page URL, when known.
    pub url: Option<&'a str>,
    /// The title, when known.
    pub title: Option<&'a str>,
    /// The date, when known.
    pub date: Option<&'a str>,
    /// The source (outlet or host), when known.
    pub source: Option<&'a str>,
    /// The text.
    pub text: &'a str,
}

impl<'a> From<&'a Document> for ExtractRecord<'a> {
    fn from(d: &'a Document) -> ExtractRecord<'a> {
        ExtractRecord {
            id: &d.id,
            url: d.url.as_deref(),
            title: d.title.as_deref(),
            date: d.date.as_deref(),
            source: d.source.as_deref(),
            text: &d.text,
        }
    }
}

/// What an `extract` run read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtractStats {
    /// Documents handed to the sink.
    pub documents: u64,
    /// Records rejected (only with `skip_invalid`; otherwise the first is
    /// an error).
    pub rejected: Vec<Rejected>,
    /// WARC records that are not documents, by reason.
    pub skipped: BTreeMap<String, u64>,
}

/// Read every document of `corpus` and hand it to `sink`, in input order.
/// Invalid records are errors unless the corpus skips them, in which case
/// they are listed in the result.
pub fn extract(
    corpus: &Corpus,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(&Document) -> Result<()>,
) -> Result<ExtractStats> {
    let mut stats = ExtractStats::default();
    progress.begin(Stage::Extract, total_bytes(corpus));
    stats.rejected = Scan::new(corpus, progress).run(|| (), |_, doc| doc, &mut |doc| {
        stats.documents += 1;
        sink(&doc)
    })?;
    progress.end();
    stats.skipped = corpus.skipped();
    Ok(stats)
}
