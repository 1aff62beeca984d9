//! The `quotes` HTML report: each document with its quotes highlighted
//! (nested quotes nest) and, beside the text, a card per quote with its
//! speaker, cue, credited outlet and, with `--trace`, its origin.

use super::layout::{clamp_span, page, stats, Verbatim};
use super::{emit, Texts};
use crate::error::Result;
use crate::pipeline::{QuoteRecord, QuotesStats};
use maud::{html, Markup};
use std::io::Write;

/// A quote to mark: byte range, its number, and whether it had to be cut
/// to fit inside the quote around it.
#[derive(Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    n: usize,
    clipped: bool,
}

/// `text[from..to]` with `marks` (sorted by start, longest first, all
/// inside the range) as nested `<mark>` elements. A quote overlapping the
/// end of the one it starts in is cut at that end and carries no span
/// attributes, as its text is no longer the reported range.
fn nested(doc: &str, text: &str, from: usize, to: usize, marks: &[Mark]) -> Markup {
    let mut parts: Vec<Markup> = Vec::new();
    let mut pos = from;
    let mut i = 0;
    while i < marks.len() {
        let m = marks[i];
        let mut j = i + 1;
        while j < marks.len() && marks[j].start < m.end {
            j += 1;
        }
        let inner: Vec<Mark> = marks[i + 1..j]
            .iter()
            .map(|c| Mark { end: c.end.min(m.end), clipped: c.clipped || c.end > m.end, ..*c })
            .filter(|c| c.start < c.end)
            .collect();
        let body = nested(doc, text, m.start, m.end, &inner);
        parts.push(html! {
            (Verbatim(&text[pos..m.start]))
            @if m.clipped {
                mark.quote id=(format!("q-{}", m.n)) { (body) }
            } @else {
                mark.quote id=(format!("q-{}", m.n)) data-doc=(doc) data-start=(m.start) data-end=(m.end) { (body) }
            }
        });
        pos = m.end;
        i = j;
    }
    html! { @for p in parts { (p) } (Verbatim(&text[pos..to])) }
}

/// The first 200 characters of a quote, with an ellipsis when cut.
fn excerpt(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

fn card(n: usize, r: &QuoteRecord) -> Markup {
    html! {
        div.qcard {
            div { a href=(format!("#q-{n}")) { "#" (n) } " " span.q { "“" (excerpt(&r.quote)) "”" } }
            div {
                "Speaker: "
                @match &r.speaker { Some(s) => strong { (s) }, None => span.note { "unknown" } }
                @if let Some(name) = &r.speaker_name { " (" (name) ")" }
                @if let Some(c) = &r.cue { span.tag { (c) } }
            }
            div {
                "Outlet: "
                @match &r.outlet { Some(o) => strong { (o) }, None => span.note { "none credited" } }
            }
            @if let Some(t) = &r.trace {
                div {
                    "Origin: "
                    @match &t.origin {
                        Some(o) => {
                            (o.id) (format!(" bytes {}–{} ", o.span.start, o.span.end))
                            @if t.attributed { span.verdict.credited { "attributed" } }
                            @else { span.verdict.uncredited { "not attributed" } }
                        },
                        None => span.note { "not found" },
                    }
                }
            }
        }
    }
}

fn document(doc: &str, list: &[(usize, &QuoteRecord)], texts: &Texts) -> Markup {
    let text = texts.get(doc);
    let marks: Vec<Mark> = match text {
        Some(t) => {
            let mut v: Vec<Mark> = list
                .iter()
                .filter_map(|&(n, r)| {
                    let (start, end) = clamp_span(&t.text, r.span.start as usize, r.span.end as usize)?;
                    Some(Mark { start, end, n, clipped: false })
                })
                .collect();
            v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            v
        }
        None => Vec::new(),
    };
    let mut key = doc.to_owned();
    for (_, r) in list {
        for s in [&r.speaker, &r.outlet].into_iter().flatten() {
            key.push(' ');
            key.push_str(s);
        }
    }
    html! {
        section.card data-key=(key) {
            h2 { (doc) @if let Some(t) = text.and_then(|d| d.title.as_deref()) { " — " (t) } }
            div.meta { (format!("{} quote{}", list.len(), if list.len() == 1 { "" } else { "s" })) }
            div.qgrid {
                @match text {
                    Some(t) => div.text { (nested(doc, &t.text, 0, t.text.len(), &marks)) },
                    None => p.note { "(text not available)" },
                }
                div { @for (n, r) in list { (card(*n, r)) } }
            }
        }
    }
}

/// Write the `quotes` report as one HTML page: `records` in output order
/// (the quotes of the documents shown), `texts` holding the documents they
/// are in, and `left_out` documents with quotes that the page leaves out
/// (it says so).
pub fn write_quotes_html(
    w: &mut dyn Write,
    records: &[QuoteRecord],
    s: &QuotesStats,
    texts: &Texts,
    left_out: usize,
) -> Result<()> {
    let mut groups: Vec<(&str, Vec<(usize, &QuoteRecord)>)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match groups.last_mut() {
            Some((doc, list)) if *doc == r.doc => list.push((i + 1, r)),
            _ => groups.push((&r.doc, vec![(i + 1, r)])),
        }
    }
    let traced = records.iter().any(|r| r.trace.is_some());
    let mut figures = vec![
        ("documents", s.docs.to_string()),
        ("quotes", s.quotes.to_string()),
        ("with a speaker", s.with_speaker.to_string()),
        ("credited to an outlet", s.with_outlet.to_string()),
    ];
    if traced {
        figures.push(("traced to an origin", s.traced.to_string()));
    }
    let body = html! {
        (stats(&figures))
        @if records.is_empty() { p { "No quotes found." } }
        @if left_out > 0 {
            p.note { (format!("Showing the first {} documents with quotes; {left_out} more left out \
                (raise --report-limit to see them).", groups.len())) }
        }
        @for (doc, list) in &groups { (document(doc, list, texts)) }
    };
    let subtitle = format!("{} quotes in {} documents", s.quotes, s.docs);
    emit(w, page("wiretrace quotes", &subtitle, (!records.is_empty()).then_some("documents"), false, body))
}
