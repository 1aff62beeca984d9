//! `quotes` outputs: one JSON line per quote, or readable text.

use super::{json_line, out_err, OutputFormat};
use crate::error::{Error, Result};
use crate::pipeline::{QuoteRecord, QuotesStats};
use serde::Serialize;
use std::io::Write;

/// One line of `quotes --json`.
#[derive(Debug, Serialize, PartialEq)]
pub struct QuoteJson<'a> {
    /// Document id.
    pub doc: &'a str,
    /// The document's page URL (WARC target URI, or the URL an HTML page
    /// declares); left out when the input has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// First byte of the quoted text in the document's text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The quoted text.
    pub quote: &'a str,
    /// The speaker phrase.
    pub speaker: Option<&'a str>,
    /// The named person the speaker phrase refers to, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_name: Option<&'a str>,
    /// The outlet credited.
    pub outlet: Option<&'a str>,
    /// The cue words.
    pub cue: Option<&'a str>,
    /// With `--trace`: origin and attribution.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub trace: Option<TraceJson<'a>>,
}

/// The `--trace` fields.
#[derive(Debug, Serialize, PartialEq)]
pub struct TraceJson<'a> {
    /// Where the quoted text was found first.
    pub origin: Option<OriginJson<'a>>,
    /// Whether the credited outlet names the origin's source.
    pub attributed: bool,
}

/// An origin.
#[derive(Debug, Serialize, PartialEq)]
pub struct OriginJson<'a> {
    /// Id of the document the text was found in first.
    pub id: &'a str,
    /// First byte of the matching text in that document.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// The JSON form of a record.
pub fn quote_json(r: &QuoteRecord) -> QuoteJson<'_> {
    QuoteJson {
        doc: &r.doc,
        url: r.url.as_deref(),
        start: r.span.start as usize,
        end: r.span.end as usize,
        quote: &r.quote,
        speaker: r.speaker.as_deref(),
        speaker_name: r.speaker_name.as_deref(),
        outlet: r.outlet.as_deref(),
        cue: r.cue.as_deref(),
        trace: r.trace.as_ref().map(|t| TraceJson {
            origin: t.origin.as_ref().map(|o| OriginJson {
                id: &o.id,
                start: o.span.start as usize,
                end: o.span.end as usize,
            }),
            attributed: t.attributed,
        }),
    }
}

/// One record in `format` (text or JSON).
pub fn write_quote(w: &mut dyn Write, r: &QuoteRecord, format: OutputFormat) -> Result<()> {
    match format {
        OutputFormat::Json => json_line(w, &quote_json(r)),
        OutputFormat::Text => write_quote_text(w, r),
        other => Err(other.unsupported("quotes")),
    }
}

/// A readable block: `doc:start-end  “quote”` then who and where from.
fn write_quote_text(w: &mut dyn Write, r: &QuoteRecord) -> Result<()> {
    let mut quote: String = r.quote.chars().take(160).collect();
    if quote.len() < r.quote.len() {
        quote.push('…');
    }
    let quote = quote.replace('\n', " ");
    writeln!(w, "{}:{}-{}  “{}”", r.doc, r.span.start, r.span.end, quote).map_err(out_err)?;
    let mut who = String::new();
    if let Some(s) = &r.speaker {
        who.push_str(s);
        if let Some(n) = &r.speaker_name {
            who.push_str(&format!(" ({n})"));
        }
    } else {
        who.push('?');
    }
    if let Some(c) = &r.cue {
        who.push_str(&format!(" [{c}]"));
    }
    if let Some(o) = &r.outlet {
        who.push_str(&format!(", via {o}"));
    }
    writeln!(w, "    speaker: {who}").map_err(out_err)?;
    if let Some(t) = &r.trace {
        match &t.origin {
            Some(o) => writeln!(
                w,
                "    origin: {}:{}-{} ({})",
                o.id,
                o.span.start,
                o.span.end,
                if t.attributed { "attributed" } else { "NOT attributed" }
            ),
            None => writeln!(w, "    origin: not found"),
        }
        .map_err(out_err)?;
    }
    Ok(())
}

/// The summary on stderr.
/// Every record read is accounted for: `read = documents + rejected`.
pub fn write_quotes_summary(w: &mut dyn Write, s: &QuotesStats, rejected: usize, traced: bool) -> Result<()> {
    let mut line = format!(
        "wiretrace: read {} records: {} documents, {rejected} rejected; {} quotes ({} with a speaker, {} credited to \
         an outlet)",
        s.docs as usize + rejected,
        s.docs,
        s.quotes,
        s.with_speaker,
        s.with_outlet
    );
    if traced {
        line.push_str(&format!(", {} traced to an origin", s.traced));
    }
    writeln!(w, "{line}").map_err(|e| Error::io("<stderr>", e))
}
