//! The `passages` HTML report: a chart of how many documents reuse each
//! passage, then the most reused passage clusters (at most a limit), each
//! with its origin first and every member's span in context, edits against
//! the origin marked; boilerplate clusters start collapsed.

use super::diff::{diff, first_words, render, render_collapsed, words, Kind, Seg};
use super::layout::{clamp_span, page, span_in_context, stats, Verbatim};
use super::svg::{bar_chart, Bar};
use super::{emit, Texts};
use crate::error::Result;
use crate::pipeline::{Passage, PassageMember, PassageReport};
use maud::{html, Markup};
use std::collections::HashSet;
use std::io::Write;

/// Characters of context shown either side of a member span.
const CONTEXT: usize = 160;
/// A member span longer than this many words is shown as its word diff
/// against the origin with long shared runs shortened (and no span
/// attributes, as its text is then not the whole span).
const LONG_WORDS: usize = 120;
/// Shared words kept either side of a shortened run.
const KEEP: usize = 4;
/// Words of a long member shown.
const LONG_SHOWN: usize = 100;
/// Members shown in context per passage (origin first); the rest are
/// listed by id and position.
const SHOWN_MEMBERS: usize = 10;
/// Members listed after the shown ones.
const LISTED_MEMBERS: usize = 200;
/// Most bars in the reuse chart (the most reused passages).
const CHART_BARS: usize = 300;

/// The passages the report shows: the `limit` reused by the most documents
/// (ties by number), in that order.
fn shown(report: &PassageReport, limit: usize) -> Vec<&Passage> {
    let mut order: Vec<(usize, &Passage)> = report.passages.iter().map(|p| (documents(p), p)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    order.into_iter().take(limit).map(|(_, p)| p).collect()
}

/// The ids whose texts [`write_passages_html`] shows with this limit.
pub fn passages_report_ids(report: &PassageReport, limit: usize) -> HashSet<&str> {
    shown(report, limit)
        .into_iter()
        .flat_map(|p| {
            let origin = p.members.iter().filter(|m| m.origin);
            origin.chain(p.members.iter().filter(|m| !m.origin)).take(SHOWN_MEMBERS)
        })
        .map(|m| report.ids[m.doc.index()].as_str())
        .collect()
}

/// Distinct documents among a passage's members.
fn documents(p: &Passage) -> usize {
    let mut d: Vec<crate::corpus::DocId> = p.members.iter().map(|m| m.doc).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

/// `+inserted −deleted ~replaced` words of a member against the origin.
fn edit_counts(old: &[Seg], new: &[Seg]) -> String {
    let count = |segs: &[Seg], kind: Kind| segs.iter().filter(|s| s.kind == kind).map(|s| s.words).sum::<usize>();
    let (ins, del, rep) = (count(new, Kind::Ins), count(old, Kind::Del), count(new, Kind::Rep));
    if ins + del + rep == 0 {
        "same words as the origin".to_owned()
    } else {
        format!("against the origin: +{ins} inserted, −{del} deleted, ~{rep} replaced words")
    }
}

fn member(report: &PassageReport, texts: &Texts, m: &PassageMember, origin: Option<&str>) -> Markup {
    let id = &report.ids[m.doc.index()];
    let head = html! {
        h3 {
            (id) " · " (format!("{}:{}–{}:{}", m.start.line, m.start.column, m.end.line, m.end.column))
            @if m.origin { span.tag.origin { "origin" } }
        }
    };
    let Some(doc) = texts.get(id) else {
        return html! { div.member { (head) p.note { "(text not available)" } } };
    };
    let Some((s, e)) = clamp_span(&doc.text, m.span.start as usize, m.span.end as usize) else {
        return html! { div.member { (head) p.note { "(span outside the text)" } } };
    };
    let mine = &doc.text[s..e];
    let (inner, note) = match origin {
        Some(o) if !m.origin => {
            let (old, new) = diff(o, mine);
            if words(mine).len() > LONG_WORDS {
                let counts = edit_counts(&old, &new);
                let (shown, cut) = first_words(mine, &new, LONG_SHOWN);
                return html! {
                    div.member {
                        (head)
                        div.meta { (counts) "; long shared runs shortened" }
                        div.text {
                            (render_collapsed(mine, &shown, KEEP))
                            " " span.gap { (format!("[… {cut} more words not shown]")) }
                        }
                    }
                };
            }
            (render(mine, &new), Some(edit_counts(&old, &new)))
        }
        _ => (html! { mark.same { (Verbatim(mine)) } }, None),
    };
    html! {
        div.member {
            (head)
            @if let Some(n) = note { div.meta { (n) } }
            (span_in_context(id, &doc.text, s, e, CONTEXT, inner))
        }
    }
}

fn passage(report: &PassageReport, texts: &Texts, p: &Passage) -> Markup {
    let origin_member = p.members.iter().find(|m| m.origin);
    let origin_text = origin_member.and_then(|m| {
        let doc = texts.get(&report.ids[m.doc.index()])?;
        let (s, e) = clamp_span(&doc.text, m.span.start as usize, m.span.end as usize)?;
        Some(&doc.text[s..e])
    });
    let ordered: Vec<&PassageMember> =
        origin_member.into_iter().chain(p.members.iter().filter(|m| !m.origin)).collect();
    let rest = ordered.len().saturating_sub(SHOWN_MEMBERS);
    let docs = documents(p);
    let mut key = p.text.chars().take(300).collect::<String>();
    for m in &p.members {
        key.push(' ');
        key.push_str(&report.ids[m.doc.index()]);
    }
    html! {
        details.item id=(format!("p-{}", p.id)) open[!p.boilerplate] data-key=(key) {
            summary {
                (format!("Passage {} · {} words · {} spans in {} document{} · origin ",
                    p.id, p.words, p.members.len(), docs, if docs == 1 { "" } else { "s" }))
                (report.ids[p.origin.index()])
                @if p.boilerplate { span.tag { "boilerplate" } }
            }
            div.legend { ins { "inserted against the origin" } span.rep { "replaced" } }
            @for m in ordered.iter().take(SHOWN_MEMBERS) { (member(report, texts, m, origin_text)) }
            @if rest > 0 {
                p.note { (format!("{rest} more members (id · position):")) }
                table.summary {
                    @for m in ordered.iter().skip(SHOWN_MEMBERS).take(LISTED_MEMBERS) {
                        tr {
                            td { (report.ids[m.doc.index()]) }
                            td { (format!("{}:{}–{}:{}", m.start.line, m.start.column, m.end.line, m.end.column)) }
                        }
                    }
                }
                @if rest > LISTED_MEMBERS {
                    p.note { (format!("… and {} more (see --json for every member).", rest - LISTED_MEMBERS)) }
                }
            }
        }
    }
}

/// Write the `passages` report as one HTML page: the `limit` passages
/// reused by the most documents (the page says how many it left out);
/// `texts` holds at least the documents [`passages_report_ids`] names.
pub fn write_passages_html(w: &mut dyn Write, report: &PassageReport, texts: &Texts, limit: usize) -> Result<()> {
    let s = &report.stats;
    let boilerplate = report.passages.iter().filter(|p| p.boilerplate).count();
    let shown = shown(report, limit);
    let left_out = report.passages.len() - shown.len();
    let bars: Vec<Bar> = shown
        .iter()
        .take(CHART_BARS)
        .map(|p| Bar { label: format!("#{}", p.id), value: documents(p), href: Some(format!("#p-{}", p.id)) })
        .collect();
    let body = html! {
        (stats(&[
            ("documents", s.documents.to_string()),
            ("reused passages", s.passages.to_string()),
            ("member spans", s.members.to_string()),
            ("boilerplate passages", boilerplate.to_string()),
        ]))
        @if report.passages.is_empty() {
            p { "No reused passages found." }
        } @else {
            (bar_chart("Documents reusing each passage", "passage (most reused first)", "documents", &bars))
            p.note {
                (format!("Showing the {} most reused of {} passages", shown.len(), report.passages.len()))
                @if left_out > 0 { (format!("; {left_out} less reused passages left out (raise --report-limit to see them)")) }
                @if shown.len() > CHART_BARS { (format!("; the chart shows the first {CHART_BARS}")) }
                ". Boilerplate passages (most members from one source, or mostly stock phrases) start collapsed."
            }
            @for p in &shown { (passage(report, texts, p)) }
        }
    };
    let subtitle =
        format!("{} reused passages among {} documents ({} member spans)", s.passages, s.documents, s.members);
    emit(w, page("wiretrace passages", &subtitle, (!report.passages.is_empty()).then_some("passages"), true, body))
}
