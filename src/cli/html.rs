//! The glue between `--output-format html` and [`wiretrace::report::html`]:
//! loading the document texts each HTML report shows.

use std::collections::HashSet;
use std::io::Write;
use wiretrace::corpus::Corpus;
use wiretrace::index::Index;
use wiretrace::pipeline::{CheckReport, DedupReport, PassageReport, QuoteRecord, QuotesStats};
use wiretrace::report::html::{self, Texts};

/// The `check` HTML report: article texts from the corpus, wire texts from
/// the index.
pub fn check(
    out: &mut dyn Write,
    report: &CheckReport,
    strict: bool,
    corpus: &Corpus,
    index: &Index,
) -> anyhow::Result<()> {
    let docs: HashSet<&str> = report.findings.iter().map(|f| f.doc.as_str()).collect();
    let sources: HashSet<&str> = report.findings.iter().map(|f| f.source_id.as_str()).collect();
    let articles = Texts::from_corpus(corpus, &docs)?;
    let wire = Texts::from_index(index, &sources);
    Ok(html::write_check_html(out, report, strict, &articles, &wire)?)
}

/// The `passages` HTML report.
pub fn passages(out: &mut dyn Write, report: &PassageReport, corpus: &Corpus, limit: usize) -> anyhow::Result<()> {
    let texts = Texts::from_corpus(corpus, &html::passages_report_ids(report, limit))?;
    Ok(html::write_passages_html(out, report, &texts, limit)?)
}

/// The `dedup` HTML report of the `limit` largest clusters.
pub fn dedup(out: &mut dyn Write, report: &DedupReport, corpus: &Corpus, limit: usize) -> anyhow::Result<()> {
    let ids = html::dedup_report_ids(report, limit);
    let places: Vec<_> =
        report.ids.iter().zip(&report.places).filter(|(id, _)| ids.contains(id.as_str())).map(|(_, &p)| p).collect();
    let texts = Texts::from_places(corpus, &places)?;
    Ok(html::write_dedup_html(out, report, &texts, limit)?)
}

/// Keeps the quotes of the first `limit` documents with quotes (records
/// arrive grouped by document, in input order) and counts the documents
/// left out.
#[derive(Debug, Default)]
pub struct QuoteCollector {
    limit: usize,
    kept: Vec<QuoteRecord>,
    docs: usize,
    left_out: usize,
    last: Option<String>,
}

impl QuoteCollector {
    /// Keep at most `limit` documents' quotes.
    pub fn new(limit: usize) -> QuoteCollector {
        QuoteCollector { limit, ..QuoteCollector::default() }
    }

    /// Take one record.
    pub fn push(&mut self, r: &QuoteRecord) {
        if self.last.as_deref() != Some(r.doc.as_str()) {
            self.last = Some(r.doc.clone());
            if self.docs < self.limit {
                self.docs += 1;
            } else {
                self.left_out += 1;
            }
        }
        if self.left_out == 0 {
            self.kept.push(r.clone());
        }
    }

    /// Write the `quotes` HTML report of the kept quotes.
    pub fn write(&self, out: &mut dyn Write, stats: &QuotesStats, corpus: &Corpus) -> anyhow::Result<()> {
        let ids: HashSet<&str> = self.kept.iter().map(|r| r.doc.as_str()).collect();
        let texts = Texts::from_corpus(corpus, &ids)?;
        Ok(html::write_quotes_html(out, &self.kept, stats, &texts, self.left_out)?)
    }
}
