//! The `check` HTML report: a summary table of findings, then per article
//! each finding as two columns (the article's passage and the wire
//! story's) with shared words highlighted, word edits marked, and the
//! credit verdict.

use super::diff::{diff, render};
use super::layout::{clamp_span, legend, page, span_in_context, stats};
use super::{emit, Texts};
use crate::error::Result;
use crate::pipeline::{CheckReport, Finding};
use crate::report::{fails, position};
use maud::{html, Markup};
use std::io::Write;

/// Characters of context shown either side of a passage.
const CONTEXT: usize = 240;

/// The verdict of a finding: CSS class and words.
fn verdict(f: &Finding) -> (&'static str, String) {
    let outlet = f.source.as_deref().unwrap_or("the source");
    match (f.attributed, &f.credited) {
        (true, _) => ("credited", format!("credited to {outlet}")),
        (false, Some(other)) => ("other", format!("credited to {other}, not {outlet}")),
        (false, None) => ("uncredited", "uncredited".to_owned()),
    }
}

/// What the credit search found, in words.
fn credit_found(f: &Finding) -> String {
    match &f.credited {
        Some(c) => format!("Credit found: “{c}”"),
        None if f.attributed => "Credit found".to_owned(),
        None => "No credit found near the passage".to_owned(),
    }
}

/// One column: a passage in context, or a note when its text is missing.
fn column(head: Markup, id: &str, texts: &Texts, start: u32, end: u32, other: Option<&str>, new: bool) -> Markup {
    let Some(doc) = texts.get(id) else {
        return html! { div { h3 { (head) } p.note { "(text not available)" } } };
    };
    let Some((s, e)) = clamp_span(&doc.text, start as usize, end as usize) else {
        return html! { div { h3 { (head) } p.note { "(span outside the text)" } } };
    };
    let mine = &doc.text[s..e];
    let segs = match other {
        Some(o) if new => diff(o, mine).1,
        Some(o) => diff(mine, o).0,
        None => diff(mine, mine).0,
    };
    html! { div { h3 { (head) } (span_in_context(id, &doc.text, s, e, CONTEXT, render(mine, &segs))) } }
}

/// The text of a span, when it is there.
fn span_text<'a>(texts: &'a Texts, id: &str, start: u32, end: u32) -> Option<&'a str> {
    let doc = texts.get(id)?;
    let (s, e) = clamp_span(&doc.text, start as usize, end as usize)?;
    Some(&doc.text[s..e])
}

fn finding(n: usize, f: &Finding, strict: bool, articles: &Texts, wire: &Texts) -> Markup {
    let (class, words) = verdict(f);
    let outlet = f.source.as_deref().unwrap_or("an unnamed source");
    let article_text = span_text(articles, &f.doc, f.span.start, f.span.end);
    let wire_text = span_text(wire, &f.source_id, f.source_span.start, f.source_span.end);
    let key = format!("{} {} {} {}", f.doc, f.source_id, outlet, words);
    html! {
        div.card.(class) id=(format!("f-{n}")) data-key=(key) {
            div {
                span.verdict.(class) { (words) }
                " "
                strong {
                    @if f.near_duplicate {
                        (format!("Near-duplicate of {outlet} ({}), {} words", f.source_id, f.words))
                    } @else {
                        (format!("{} words copied from {outlet} ({})", f.words, f.source_id))
                    }
                }
                @if fails(f, strict) { span.tag { "fails the check" } }
            }
            div.meta { (position(f)) " · " (credit_found(f)) }
            (legend("the article", "the wire story"))
            div.cols {
                (column(html! { "Article · " (f.doc) }, &f.doc, articles, f.span.start, f.span.end, wire_text, true))
                (column(
                    html! { "Wire story · " (f.source_id) @if let Some(s) = &f.source { " (" (s) ")" } },
                    &f.source_id, wire, f.source_span.start, f.source_span.end, article_text, false
                ))
            }
        }
    }
}

/// Write the `check` report as one HTML page. `articles` holds the texts
/// of the checked documents, `wire` those of the index documents the
/// findings cite; a finding whose text is missing says so.
pub fn write_check_html(
    w: &mut dyn Write,
    report: &CheckReport,
    strict: bool,
    articles: &Texts,
    wire: &Texts,
) -> Result<()> {
    let failing = report.findings.iter().filter(|f| fails(f, strict)).count();
    let attributed = report.findings.iter().filter(|f| f.attributed).count();
    let mut groups: Vec<(&str, Vec<(usize, &Finding)>)> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        match groups.last_mut() {
            Some((doc, list)) if *doc == f.doc => list.push((i + 1, f)),
            _ => groups.push((&f.doc, vec![(i + 1, f)])),
        }
    }
    let body = html! {
        (stats(&[
            ("documents checked", report.documents.to_string()),
            ("findings", report.findings.len().to_string()),
            ("failing", failing.to_string()),
            ("credited", attributed.to_string()),
        ]))
        @if report.findings.is_empty() {
            p { "No copied passages found." }
        } @else {
            table.summary {
                thead { tr { th { "#" } th { "Document" } th { "Where" } th { "Words" } th { "Copied from" } th { "Verdict" } } }
                tbody {
                    @for (i, f) in report.findings.iter().enumerate() {
                        @let (class, words) = verdict(f);
                        tr {
                            td { a href=(format!("#f-{}", i + 1)) { (i + 1) } }
                            td { (f.doc) }
                            td { (format!("{}:{}", f.position.line, f.position.column)) }
                            td { (f.words) }
                            td { (f.source.as_deref().unwrap_or("?")) " · " (f.source_id) }
                            td { span.verdict.(class) { (words) } }
                        }
                    }
                }
            }
            @for (doc, list) in &groups {
                h2 { (doc) @if let Some(t) = articles.get(doc).and_then(|d| d.title.as_deref()) { " — " (t) } }
                @for (n, f) in list { (finding(*n, f, strict, articles, wire)) }
            }
        }
    };
    let subtitle = format!(
        "{} documents, {} findings: {failing} failing, {attributed} credited",
        report.documents,
        report.findings.len()
    );
    emit(w, page("wiretrace check", &subtitle, (!report.findings.is_empty()).then_some("findings"), false, body))
}
