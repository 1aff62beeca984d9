//! The `dedup` HTML report: histograms of member similarities and cluster
//! sizes over every cluster, then the largest clusters (at most a limit),
//! each with its representative and every shown member's similarity and
//! word diff against the representative.

use super::diff::{diff, render_collapsed, words};
use super::layout::stats;
use super::layout::{page, Verbatim};
use super::svg::{bar_chart, Bar};
use super::{emit, Texts};

use crate::error::Result;
use crate::pipeline::{Cluster, DedupReport};
use maud::{html, Markup};
use std::collections::HashSet;
use std::io::Write;

/// Members shown with a diff per cluster; the rest are listed by id.
const DIFFED_MEMBERS: usize = 20;
/// Members listed by id after the diffed ones.
const LISTED_MEMBERS: usize = 200;
/// Words of a text shown and compared.
const SHOWN_WORDS: usize = 400;
/// Shared words kept either side of a collapsed run.
const KEEP: usize = 6;
/// Clusters open when the page loads.
const OPEN: usize = 10;

/// The clusters the report shows: the `limit` largest (ties by number), in
/// that order.
fn shown(report: &DedupReport, limit: usize) -> Vec<&Cluster> {
    let mut order: Vec<&Cluster> = report.clusters.iter().collect();
    order.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.id.cmp(&b.id)));
    order.truncate(limit);
    order
}

/// The ids whose texts [`write_dedup_html`] shows with this limit.
pub fn dedup_report_ids(report: &DedupReport, limit: usize) -> HashSet<&str> {
    shown(report, limit)
        .into_iter()
        .flat_map(|c| c.members.iter().take(DIFFED_MEMBERS + 1).map(|m| report.ids[m.doc.index()].as_str()))
        .collect()
}

/// The first [`SHOWN_WORDS`] words of a text (to the end of the last one)
/// and how many words were cut.
fn head(text: &str) -> (&str, usize) {
    let ws = words(text);
    if ws.len() <= SHOWN_WORDS {
        (text, 0)
    } else {
        (&text[..ws[SHOWN_WORDS - 1].end], ws.len() - SHOWN_WORDS)
    }
}

fn cut_note(cut: usize) -> Markup {
    html! { @if cut > 0 { " " span.gap { (format!("[… {cut} more words not shown]")) } } }
}

fn cluster(report: &DedupReport, texts: &Texts, c: &Cluster, rank: usize) -> Markup {
    let ids = &report.ids;
    let rep_id = &ids[c.representative.index()];
    let rep = texts.get(rep_id).map(|d| head(&d.text));
    let mut key = String::new();
    for m in c.members.iter().take(DIFFED_MEMBERS + LISTED_MEMBERS) {
        key.push_str(&ids[m.doc.index()]);
        key.push(' ');
    }
    let rest = c.members.len().saturating_sub(1 + DIFFED_MEMBERS);
    html! {
        details.item id=(format!("c-{}", c.id)) open[rank < OPEN] data-key=(key) {
            summary {
                (format!("Cluster {} · {} documents · keep ", c.id, c.members.len())) (rep_id)
            }
            div.member {
                h3 { "Representative · " (rep_id) span.tag.origin { "kept" } }
                @match rep {
                    Some((t, cut)) => div.text { (Verbatim(t)) (cut_note(cut)) },
                    None => p.note { "(text not available)" },
                }
            }
            @if c.members.len() > 1 {
                div.legend { mark.same { "shared with the representative" } ins { "only in this member" }
                    del { "only in the representative" } span.rep { "replaced" } }
            }
            @for m in c.members.iter().skip(1).take(DIFFED_MEMBERS) {
                @let id = &ids[m.doc.index()];
                div.member {
                    h3 { (format!("{:.4}", m.similarity)) " · " (id) }
                    @match (rep, texts.get(id).map(|d| head(&d.text))) {
                        (Some((r, _)), Some((t, cut))) if r == t && cut == 0 => p.note { "Same text as the representative." },
                        (Some((r, _)), Some((t, cut))) => {
                            @let (_, segs) = diff(r, t);
                            div.text { (render_collapsed(t, &segs, KEEP)) (cut_note(cut)) }
                        },
                        _ => p.note { "(text not available)" },
                    }
                }
            }
            @if rest > 0 {
                p.note { (format!("{rest} more members (similarity · id):")) }
                table.summary {
                    @for m in c.members.iter().skip(1 + DIFFED_MEMBERS).take(LISTED_MEMBERS) {
                        tr { td { (format!("{:.4}", m.similarity)) } td { (ids[m.doc.index()]) } }
                    }
                }
                @if rest > LISTED_MEMBERS {
                    p.note { (format!("… and {} more (see --json for every member).", rest - LISTED_MEMBERS)) }
                }
            }
        }
    }
}

/// Histogram of member similarities to their representative, from the
/// lowest (rounded down to 0.05) to 1 in bins of 0.01 (0.05 when that
/// range is wider than 0.2).
fn similarity_chart(report: &DedupReport) -> Option<Markup> {
    let sims: Vec<f64> = report.clusters.iter().flat_map(|c| c.members.iter().skip(1).map(|m| m.similarity)).collect();
    let (lo, width, counts) = similarity_bins(&sims)?;
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| Bar { label: format!("{:.2}", lo + width * i as f64), value: n, href: None })
        .collect();
    Some(bar_chart("Similarity to the representative", "similarity (bin start)", "members", &bars))
}

/// The bins of [`similarity_chart`]: first bin start, bin width, counts
/// (the last bin includes 1); `None` without similarities.
fn similarity_bins(sims: &[f64]) -> Option<(f64, f64, Vec<usize>)> {
    let min = sims.iter().copied().fold(f64::INFINITY, f64::min);
    if !min.is_finite() {
        return None;
    }
    let lo = ((min * 20.0).floor() / 20.0).clamp(0.0, 0.95);
    let width = if 1.0 - lo > 0.2 + 1e-9 { 0.05 } else { 0.01 };
    let bins = ((1.0 - lo) / width).round() as usize;
    let mut counts = vec![0usize; bins];
    for &s in sims {
        counts[(((s - lo) / width + 1e-9).floor().max(0.0) as usize).min(bins - 1)] += 1;
    }
    Some((lo, width, counts))
}

/// Histogram of cluster sizes in buckets 2, 3, 4, 5, 6–10, 11–20, 21–50,
/// 51–100, 101–1000, more, up to the last non-empty one.
fn size_chart(report: &DedupReport) -> Markup {
    const BUCKETS: [(usize, usize, &str); 10] = [
        (2, 2, "2"),
        (3, 3, "3"),
        (4, 4, "4"),
        (5, 5, "5"),
        (6, 10, "6–10"),
        (11, 20, "11–20"),
        (21, 50, "21–50"),
        (51, 100, "51–100"),
        (101, 1000, "101–1000"),
        (1001, usize::MAX, ">1000"),
    ];
    let mut counts = [0usize; BUCKETS.len()];
    for c in &report.clusters {
        let n = c.members.len();
        if let Some(b) = BUCKETS.iter().position(|&(lo, hi, _)| (lo..=hi).contains(&n)) {
            counts[b] += 1;
        }
    }
    let last = counts.iter().rposition(|&n| n > 0).unwrap_or(0);
    let bars: Vec<Bar> = BUCKETS[..=last]
        .iter()
        .zip(counts)
        .map(|(&(_, _, label), n)| Bar { label: label.to_owned(), value: n, href: None })
        .collect();
    bar_chart("Cluster sizes", "documents in the cluster", "clusters", &bars)
}

/// Write the `dedup` report as one HTML page: the `limit` largest clusters
/// (the page says how many were left out); `texts` holds at least the
/// documents [`dedup_report_ids`] names.
pub fn write_dedup_html(w: &mut dyn Write, report: &DedupReport, texts: &Texts, limit: usize) -> Result<()> {
    let s = &report.stats;
    let shown = shown(report, limit);
    let left_out = report.clusters.len() - shown.len();
    let body = html! {
        (stats(&[
            ("documents", s.documents.to_string()),
            ("clusters", s.clusters.to_string()),
            ("duplicates", s.duplicates.to_string()),
            ("unique documents", s.unique.to_string()),
        ]))
        @if report.clusters.is_empty() {
            p { "No near-duplicates found." }
        } @else {
            @if let Some(chart) = similarity_chart(report) { (chart) }
            (size_chart(report))
            p.note {
                (format!("Showing the {} largest of {} clusters", shown.len(), report.clusters.len()))
                @if left_out > 0 { (format!("; {left_out} smaller clusters left out (raise --report-limit to see them)")) }
                (format!(". Texts are cut after {SHOWN_WORDS} words; long shared runs are shortened; \
                    at most {DIFFED_MEMBERS} members per cluster are compared."))
            }
            @for (rank, c) in shown.iter().enumerate() { (cluster(report, texts, c, rank)) }
        }
    };
    let subtitle = format!(
        "{} clusters of near-duplicates among {} documents ({} duplicates; {} unique documents)",
        s.clusters, s.documents, s.duplicates, s.unique
    );
    emit(w, page("wiretrace dedup", &subtitle, (!report.clusters.is_empty()).then_some("clusters"), true, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_bins_are_round() {
        assert_eq!(similarity_bins(&[]), None);
        let (lo, width, counts) = similarity_bins(&[0.87, 0.9, 0.95, 1.0, 1.0]).unwrap();
        assert_eq!((lo, width), (0.85, 0.01));
        let mut expected = vec![0; 15];
        expected[2] = 1;
        expected[5] = 1;
        expected[10] = 1;
        expected[14] = 2;
        assert_eq!(counts, expected);
        let (lo, width, counts) = similarity_bins(&[0.42, 0.8]).unwrap();
        assert_eq!((lo, width), (0.4, 0.05));
        assert_eq!(counts, [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    }
}
