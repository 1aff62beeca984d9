//! Stage 6 of `passages`: a second pass re-reads the documents in a
//! cluster to turn token ranges into byte spans and line:column, and picks
//! each cluster's origin, representative text and boilerplate flag.

use super::{scratch, DocMeta, Passage, PassageConfig, PassageMember};
use crate::corpus::{ByteSpan, Corpus, DocId, LineCol, LineIndex, RecordRef, Scan};
use crate::error::{Error, Result};
use crate::fingerprint::winnowed;
use crate::passage::{SharedFingerprints, SpanMember};
use crate::progress::{Progress, Stage};
use crate::shingle::shingle_hashes;
use std::collections::HashMap;

/// A member located in its document's text.
struct Located {
    span: ByteSpan,
    start: LineCol,
    end: LineCol,
    text: Option<String>,
    stock_share: f64,
}

/// A located member and its (cluster, member) slot.
type LocatedSlot = ((usize, usize), Located);

/// Stage 6: byte spans and line:column of every member, origin,
/// representative text, boilerplate flag.
pub(super) fn locate_members(
    corpus: &Corpus,
    docs: &[DocMeta],
    clusters: &[Vec<SpanMember>],
    index: &SharedFingerprints,
    config: &PassageConfig,
    progress: &dyn Progress,
) -> Result<Vec<Passage>> {
    // origin of each cluster: earliest dated member document, else the first
    let origins: Vec<DocId> = clusters
        .iter()
        .map(|c| {
            c.iter()
                .map(|m| m.doc)
                .min_by(|&a, &b| {
                    let (da, db) = (docs[a.index()].date.as_deref(), docs[b.index()].date.as_deref());
                    (da.is_none(), da, a).cmp(&(db.is_none(), db, b))
                })
                .expect("a cluster has members")
        })
        .collect();
    // the origin's first member in each cluster (members are sorted by document)
    let origin_member: Vec<usize> = clusters
        .iter()
        .zip(&origins)
        .map(|(c, &o)| c.iter().position(|m| m.doc == o).expect("the origin is a member"))
        .collect();
    // what to locate in each document: (cluster, member) slots
    let mut wanted: HashMap<DocId, Vec<(usize, usize)>> = HashMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for (mi, m) in c.iter().enumerate() {
            wanted.entry(m.doc).or_default().push((ci, mi));
        }
    }
    let mut needed: Vec<DocId> = wanted.keys().copied().collect();
    needed.sort_unstable();
    let places: Vec<RecordRef> = needed.iter().map(|&d| docs[d.index()].at).collect();
    let by_place: HashMap<RecordRef, DocId> = places.iter().copied().zip(needed.iter().copied()).collect();
    let mut located: Vec<Vec<Option<Located>>> = clusters.iter().map(|c| c.iter().map(|_| None).collect()).collect();
    let window = config.window();
    // only the wanted records are read: their size is not known ahead
    progress.begin(Stage::Locate, None);
    if !needed.is_empty() {
        Scan::new(corpus, progress).fetch(
            &places,
            scratch(config.seed),
            |s, doc| {
                let Some(&d) = by_place.get(&doc.at) else { return Vec::new() };
                s.tokenizer.tokenize(&doc.text, &mut s.tokens);
                let lines = LineIndex::new(&doc.text);
                wanted[&d]
                    .iter()
                    .filter_map(|&(ci, mi)| {
                        let r = clusters[ci][mi].range;
                        // a document that changed since the first pass is caught below
                        let toks = s.tokens.get(r.start as usize..r.end as usize).filter(|t| !t.is_empty())?;
                        let span = ByteSpan { start: toks[0].span.start, end: toks[toks.len() - 1].span.end };
                        let is_rep = origin_member[ci] == mi;
                        let (text, stock_share) = if is_rep {
                            shingle_hashes(toks, config.shingle_size, config.seed, &mut s.shingles);
                            let fps = winnowed(&s.shingles, window);
                            let stock = fps.iter().filter(|f| index.is_stock(f.hash)).count();
                            (Some(doc.text[span.range()].to_string()), stock as f64 / fps.len().max(1) as f64)
                        } else {
                            (None, 0.0)
                        };
                        let end_char = doc.text[..span.end as usize].char_indices().next_back().map_or(0, |(i, _)| i);
                        Some((
                            (ci, mi),
                            Located {
                                span,
                                start: lines.line_col(&doc.text, span.start as usize),
                                end: lines.line_col(&doc.text, end_char),
                                text,
                                stock_share,
                            },
                        ))
                    })
                    .collect::<Vec<_>>()
            },
            &mut |found: Vec<LocatedSlot>| {
                for ((ci, mi), loc) in found {
                    located[ci][mi] = Some(loc);
                }
            },
        )?;
    }
    progress.end();
    let mut out = Vec::with_capacity(clusters.len());
    for (ci, (c, locs)) in clusters.iter().zip(located).enumerate() {
        let origin = origins[ci];
        let mut members = Vec::with_capacity(c.len());
        let mut text = String::new();
        let mut stock_share = 0.0;
        for (m, loc) in c.iter().zip(locs) {
            let loc = loc.ok_or_else(|| {
                Error::config("the input changed while it was being read (a record could not be found again)")
            })?;
            let origin = loc.text.is_some();
            if let Some(t) = loc.text {
                text = t;
                stock_share = loc.stock_share;
            }
            members.push(PassageMember { doc: m.doc, span: loc.span, start: loc.start, end: loc.end, origin });
        }
        let words = c.iter().find(|m| m.doc == origin).map_or(0, |m| m.range.len());
        let boilerplate = mostly_one_source(c, docs) || stock_share > 0.5;
        out.push(Passage { id: ci + 1, words, text, origin, boilerplate, members });
    }
    Ok(out)
}

/// True when at least three distinct documents are members and more than
/// half of them share one `source`.
fn mostly_one_source(members: &[SpanMember], docs: &[DocMeta]) -> bool {
    let mut distinct: Vec<DocId> = members.iter().map(|m| m.doc).collect();
    distinct.dedup();
    if distinct.len() < 3 {
        return false;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &d in &distinct {
        if let Some(s) = docs[d.index()].source.as_deref() {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts.values().any(|&n| 2 * n > distinct.len())
}
