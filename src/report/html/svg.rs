//! Small inline SVG bar charts (no script, no external files): reuse per
//! passage, histograms of similarities and cluster sizes.

use maud::{html, Markup};

/// One bar.
pub(super) struct Bar {
    /// Label under the bar (under at most ten bars of a chart; every
    /// bar's tooltip).
    pub label: String,
    /// The count the bar stands for; its height is this over the largest.
    pub value: usize,
    /// Where clicking the bar goes (`#anchor`), if anywhere.
    pub href: Option<String>,
}

const PLOT_W: f64 = 470.0;
const PLOT_H: f64 = 150.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 40.0;

/// A bar chart titled `title`, its axes labelled `x` and `y`.
pub(super) fn bar_chart(title: &str, x: &str, y: &str, bars: &[Bar]) -> Markup {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let n = bars.len().max(1) as f64;
    let step = PLOT_W / n;
    let width = (step * 0.8).max(1.0);
    // at most ten labels: every `every`-th bar
    let every = bars.len().div_ceil(10).max(1);
    let total_w = LEFT + PLOT_W + 12.0;
    let total_h = TOP + PLOT_H + BOTTOM;
    let base = TOP + PLOT_H;
    html! {
        div.chart {
            svg width=(total_w) height=(total_h)
                viewBox=(format!("0 0 {total_w} {total_h}")) role="img" aria-label=(title) {
                text x=(LEFT) y="14" font-weight="600" { (title) }
                line x1=(LEFT) y1=(base) x2=(LEFT + PLOT_W) y2=(base) stroke="#999" {}
                line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(base) stroke="#999" {}
                text x=(LEFT - 6.0) y=(TOP + 4.0) text-anchor="end" { (max) }
                text x=(LEFT - 6.0) y=(base) text-anchor="end" { "0" }
                text x="12" y=(TOP + PLOT_H / 2.0) transform=(format!("rotate(-90 12 {})", TOP + PLOT_H / 2.0))
                    text-anchor="middle" { (y) }
                text x=(LEFT + PLOT_W / 2.0) y=(total_h - 4.0) text-anchor="middle" { (x) }
                @for (i, b) in bars.iter().enumerate() {
                    @let h = PLOT_H * b.value as f64 / max as f64;
                    @let bx = LEFT + step * i as f64 + (step - width) / 2.0;
                    @let tip = format!("{}: {}", b.label, b.value);
                    @if let Some(href) = &b.href {
                        a href=(href) {
                            rect.bar x=(fmt(bx)) y=(fmt(base - h)) width=(fmt(width)) height=(fmt(h)) {
                                title { (tip) }
                            }
                        }
                    } @else {
                        rect.bar x=(fmt(bx)) y=(fmt(base - h)) width=(fmt(width)) height=(fmt(h)) {
                            title { (tip) }
                        }
                    }
                    @if i % every == 0 {
                        text x=(fmt(bx + width / 2.0)) y=(base + 14.0) text-anchor="middle" { (b.label) }
                    }
                }
            }
        }
    }
}

/// A coordinate with two decimals at most.
fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        let bars = [
            Bar { label: "a".into(), value: 2, href: Some("#p-1".into()) },
            Bar { label: "b".into(), value: 1, href: None },
        ];
        let svg = bar_chart("t", "x", "y", &bars).into_string();
        // the tallest bar fills the plot, the other half of it
        assert!(
            svg.contains(r##"<a href="#p-1"><rect class="bar" x="67.5" y="24" width="188" height="150">"##),
            "{svg}"
        );
        assert!(svg.contains(r#"<rect class="bar" x="302.5" y="99" width="188" height="75">"#), "{svg}");
        assert_eq!(fmt(1.5), "1.5");
        assert_eq!(fmt(2.0), "2");
    }
}
