//! HTML reports: one self-contained file per run (inline CSS and a little
//! JavaScript, no network), for people rather than programs.
//!
//! Every command has a writer that takes the same report its JSON writer
//! takes, plus the document texts it shows ([`Texts`]):
//!
//! * [`write_check_html`]: each finding side by side with the wire story,
//!   shared words highlighted, word edits marked, and the credit verdict.
//! * [`write_passages_html`]: the most reused passage clusters, origin
//!   first, every member in context with its edits against the origin.
//! * [`write_dedup_html`]: the largest clusters with word diffs against the
//!   representative, and histograms of similarities and cluster sizes.
//! * [`write_quotes_html`]: the first documents with quotes, their quotes
//!   highlighted and speaker, outlet and origin beside them.
//!
//! Pages of the listing commands hold at most a limit of clusters,
//! passages or documents (`--report-limit`, [`DEFAULT_REPORT_LIMIT`]), so
//! a report of a large corpus stays small enough to open.
//!
//! Markup is generated with `maud`, which escapes every interpolated string,
//! so document texts, ids and outlet names cannot inject markup. A
//! highlighted reported span shown whole is an element carrying
//! `data-doc`, `data-start` and `data-end` (the byte range the JSON output
//! gives) whose text is exactly that range of the document; spans shown
//! shortened (long passage members, a quote cut at the end of the quote
//! around it) carry no such attributes.

mod check;
mod dedup;
mod diff;
mod layout;
mod passages;
mod quotes;
mod svg;

pub use check::write_check_html;
pub use dedup::{dedup_report_ids, write_dedup_html};
pub use passages::{passages_report_ids, write_passages_html};
pub use quotes::write_quotes_html;

use crate::corpus::{Corpus, RecordRef};
use crate::error::{Error, Result};
use crate::index::Index;
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// Clusters, passages or documents a page shows by default
/// (`--report-limit`).
pub const DEFAULT_REPORT_LIMIT: usize = 500;

/// A document's text and the fields a report shows beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocText {
    /// The text the spans index into.
    pub text: String,
    /// Source (outlet), when the record has one.
    pub source: Option<String>,
    /// Title, when the record has one.
    pub title: Option<String>,
}

/// Document texts by id: the documents a report shows.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    docs: HashMap<String, DocText>,
}

impl Texts {
    /// No texts.
    pub fn new() -> Texts {
        Texts::default()
    }

    /// Add (or replace) a document.
    pub fn insert(&mut self, id: impl Into<String>, doc: DocText) {
        self.docs.insert(id.into(), doc);
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&DocText> {
        self.docs.get(id)
    }

    /// Number of documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document is held.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Read the documents of `corpus` whose ids are in `wanted` (one pass
    /// over the input; records that do not parse are skipped, as the
    /// command that made the report already reported them).
    pub fn from_corpus(corpus: &Corpus, wanted: &HashSet<&str>) -> Result<Texts> {
        let mut texts = Texts::new();
        if wanted.is_empty() {
            return Ok(texts);
        }
        corpus.scan(&mut |_| {}, &mut |batch| {
            for raw in batch {
                let Ok(doc) = corpus.parse(&raw) else { continue };
                if wanted.contains(doc.id.as_str()) {
                    texts.insert(doc.id, DocText { text: doc.text, source: doc.source, title: doc.title });
                }
            }
            Ok(())
        })?;
        Ok(texts)
    }

    /// The documents of `corpus` at `places` (a dedup report's places of
    /// the documents wanted): only those records are read (by seeking, in
    /// uncompressed line files).
    pub fn from_places(corpus: &Corpus, places: &[RecordRef]) -> Result<Texts> {
        let mut texts = Texts::new();
        let mut wanted = places.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(texts);
        }
        corpus.fetch(&wanted, &mut |_| {}, &mut |batch| {
            for raw in batch {
                if let Ok(doc) = corpus.parse(&raw) {
                    texts.insert(doc.id, DocText { text: doc.text, source: doc.source, title: doc.title });
                }
            }
            Ok(())
        })?;
        Ok(texts)
    }

    /// The documents of a reference index whose ids are in `wanted`.
    pub fn from_index(index: &Index, wanted: &HashSet<&str>) -> Texts {
        let mut texts = Texts::new();
        for d in 0..index.len() {
            let doc = index.doc(crate::corpus::DocId::new(d));
            if wanted.contains(doc.id) {
                texts.insert(
                    doc.id,
                    DocText {
                        text: doc.text.to_owned(),
                        source: doc.source.map(str::to_owned),
                        title: doc.title.map(str::to_owned),
                    },
                );
            }
        }
        texts
    }
}

/// Write a rendered page.
fn emit(w: &mut dyn Write, page: maud::Markup) -> Result<()> {
    w.write_all(page.into_string().as_bytes()).map_err(|e| Error::io("<stdout>", e))
}

#[cfg(test)]
mod tests;
