//! `passages` outputs: JSON Lines as DESIGN.md specifies, readable text
//! with line:column, and the accounting summary.

use super::{json_line, out_err, OutputFormat};
use crate::error::Result;
use crate::pipeline::{Passage, PassageReport, PassageStats};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// One line of `passages --json`.
#[derive(Debug, Serialize, PartialEq)]
pub struct PassageJson<'a> {
    /// 1-based passage number.
    pub passage_id: usize,
    /// Words of the representative text.
    pub words: usize,
    /// The representative text (the origin member's).
    pub text: &'a str,
    /// Id of the origin document.
    pub origin: &'a str,
    /// True when most members share one source (or the text is mostly stock
    /// phrases).
    pub boilerplate: bool,
    /// Member spans.
    pub members: Vec<PassageMemberJson<'a>>,
}

/// A member in [`PassageJson`].
#[derive(Debug, Serialize, PartialEq)]
pub struct PassageMemberJson<'a> {
    /// Document id.
    pub id: &'a str,
    /// First byte of the span in the document's text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// True for the origin's member.
    pub origin: bool,
    /// The page's URL (WARC target URI, or the URL an HTML page declares);
    /// left out when the input has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

/// The JSON form of one passage.
pub fn passage_json<'a>(p: &'a Passage, ids: &'a [String]) -> PassageJson<'a> {
    passage_json_with_urls(p, ids, None)
}

/// The JSON form of one passage, each member with its URL from `urls` (by
/// id) when it has one.
pub fn passage_json_with_urls<'a>(
    p: &'a Passage,
    ids: &'a [String],
    urls: Option<&'a HashMap<String, String>>,
) -> PassageJson<'a> {
    let url = |id: &str| urls.and_then(|u| u.get(id)).map(String::as_str);
    PassageJson {
        passage_id: p.id,
        words: p.words,
        text: &p.text,
        origin: &ids[p.origin.index()],
        boilerplate: p.boilerplate,
        members: p
            .members
            .iter()
            .map(|m| PassageMemberJson {
                id: &ids[m.doc.index()],
                start: m.span.start,
                end: m.span.end,
                origin: m.origin,
                url: url(&ids[m.doc.index()]),
            })
            .collect(),
    }
}

/// The passages in `format` (text or JSON).
pub fn write_passages(w: &mut dyn Write, report: &PassageReport, format: OutputFormat) -> Result<()> {
    write_passages_with_urls(w, report, format, None)
}

/// The passages in `format` (text or JSON); in JSON each member names its
/// URL from `urls` (by id; see [`crate::corpus::urls`]) when it has one.
pub fn write_passages_with_urls(
    w: &mut dyn Write,
    report: &PassageReport,
    format: OutputFormat,
    urls: Option<&HashMap<String, String>>,
) -> Result<()> {
    match format {
        OutputFormat::Json => {
            report.passages.iter().try_for_each(|p| json_line(w, &passage_json_with_urls(p, &report.ids, urls)))
        }
        OutputFormat::Text => write_passages_text(w, report),
        other => Err(other.unsupported("passages")),
    }
}

/// The first `max` characters of a text on one line, with an ellipsis when
/// cut.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// A readable listing: each passage with its documents and line:column.
fn write_passages_text(w: &mut dyn Write, report: &PassageReport) -> Result<()> {
    let s = &report.stats;
    writeln!(w, "{} reused passages among {} documents ({} member spans)", s.passages, s.documents, s.members)
        .map_err(out_err)?;
    for p in &report.passages {
        let docs = {
            let mut d: Vec<crate::corpus::DocId> = p.members.iter().map(|m| m.doc).collect();
            d.dedup();
            d.len()
        };
        writeln!(
            w,
            "\npassage {}: {} words, {} spans in {} document{}, origin {}{}",
            p.id,
            p.words,
            p.members.len(),
            docs,
            if docs == 1 { "" } else { "s" },
            report.ids[p.origin.index()],
            if p.boilerplate { " (boilerplate)" } else { "" }
        )
        .map_err(out_err)?;
        writeln!(w, "  \"{}\"", excerpt(&p.text, 100)).map_err(out_err)?;
        for m in &p.members {
            writeln!(
                w,
                "  {}:{}:{}-{}:{} (bytes {}-{}){}",
                report.ids[m.doc.index()],
                m.start.line,
                m.start.column,
                m.end.line,
                m.end.column,
                m.span.start,
                m.span.end,
                if m.origin { " origin" } else { "" }
            )
            .map_err(out_err)?;
        }
    }
    Ok(())
}

/// The accounting summary (for stderr).
pub fn write_passages_summary(w: &mut dyn Write, s: &PassageStats) -> std::io::Result<()> {
    writeln!(
        w,
        "wiretrace: read {} records: {} documents, {} rejected; {} fingerprints indexed ({} stock phrases); \
         {} seeds in {} document pairs; {} aligned spans; {} passages with {} member spans",
        s.read,
        s.documents,
        s.rejected,
        s.postings,
        s.stock_fingerprints,
        s.seeds,
        s.pairs,
        s.alignments,
        s.passages,
        s.members
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_on_chars() {
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("ééééé", 3), "ééé…");
    }
}
