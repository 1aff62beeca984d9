//! `passages --pairs`: one record per aligned pair of spans, as JSON Lines
//! or readable text.

use super::{json_line, out_err, OutputFormat};
use crate::error::Result;
use crate::pipeline::{AlignedPair, PassageReport};
use serde::Serialize;
use std::io::Write;

/// The JSON form of an [`AlignedPair`].
#[derive(Debug, Serialize)]
pub struct PairJson<'a> {
    /// The first document's id (input order).
    pub a: &'a str,
    /// First byte of its span.
    pub a_start: u32,
    /// One past the last byte of its span.
    pub a_end: u32,
    /// The second document's id.
    pub b: &'a str,
    /// First byte of its span.
    pub b_start: u32,
    /// One past the last byte of its span.
    pub b_end: u32,
    /// Words of the origin's span.
    pub words: usize,
    /// How alike the spans are, 0 to 1 (rounded to 4 places).
    pub score: f64,
    /// Which side is the earlier document: `"a"` or `"b"`.
    pub origin: &'static str,
}

/// The JSON record of one pair.
pub fn pair_json<'a>(p: &AlignedPair, ids: &'a [String]) -> PairJson<'a> {
    PairJson {
        a: &ids[p.a.index()],
        a_start: p.a_span.start,
        a_end: p.a_span.end,
        b: &ids[p.b.index()],
        b_start: p.b_span.start,
        b_end: p.b_span.end,
        words: p.words,
        score: (p.score * 1e4).round() / 1e4,
        origin: if p.origin == p.a { "a" } else { "b" },
    }
}

/// The aligned pairs in `format` (text or JSON).
pub fn write_pairs(w: &mut dyn Write, report: &PassageReport, format: OutputFormat) -> Result<()> {
    match format {
        OutputFormat::Json => report.pairs.iter().try_for_each(|p| json_line(w, &pair_json(p, &report.ids))),
        OutputFormat::Text => report.pairs.iter().try_for_each(|p| {
            let j = pair_json(p, &report.ids);
            writeln!(
                w,
                "{} {}-{}  {} {}-{}  {} words, score {:.4}, origin {}",
                j.a,
                j.a_start,
                j.a_end,
                j.b,
                j.b_start,
                j.b_end,
                j.words,
                j.score,
                if j.origin == "a" { j.a } else { j.b }
            )
            .map_err(out_err)
        }),
        other => Err(other.unsupported("passages --pairs")),
    }
}
