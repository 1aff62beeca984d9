//! `--output-format html` in a real browser: each report is rendered by
//! headless Chromium, and the DOM after its script ran is checked against
//! the `--json` output of the same run: every highlighted span (an element
//! with `data-doc`/`data-start`/`data-end`) is a span of the JSON output
//! and holds exactly that text. A screenshot is taken of each page.
//!
//! Without Chromium the tests print a notice and pass, unless
//! `WIRETRACE_REQUIRE_BROWSER=1` (set in `.ci/run`), when they fail.

use crate::util::{fixture, json_lines, run};
use scraper::{Html, Selector};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Chromium binary on `PATH`, or `None` (a failure when the browser is
/// required).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("WIRETRACE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "WIRETRACE_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)"
        );
        eprintln!("notice: chromium not found; skipping the browser test (set WIRETRACE_REQUIRE_BROWSER=1 to fail)");
    }
    found
}

/// Run headless Chromium on `page` with `args`; its stdout.
fn browse(browser: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("temp dir");
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 DOM")
}

/// Write `html` to a temp file, take a screenshot of it and return the DOM
/// after its script ran (checked to have run to its end).
fn render(browser: &Path, name: &str, html: &str) -> Html {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join(format!("{name}.html"));
    std::fs::write(&page, html).expect("write page");
    let shot = dir.path().join(format!("{name}.png"));
    browse(browser, &page, &[format!("--screenshot={}", shot.display()), "--window-size=1280,1600".into()]);
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert!(png.len() > 10_000, "the screenshot shows something ({} bytes)", png.len());
    let dom = Html::parse_document(&browse(browser, &page, &["--dump-dom".into()]));
    let ready = Selector::parse("html[data-wt-ready='1']").unwrap();
    assert_eq!(dom.select(&ready).count(), 1, "the report's script ran to its end");
    assert_offline(&dom);
    dom
}

/// Nothing in the page loads from the network.
fn assert_offline(dom: &Html) {
    assert_eq!(dom.select(&Selector::parse("link, iframe, img, object, embed").unwrap()).count(), 0);
    for el in dom.select(&Selector::parse("*").unwrap()) {
        for (name, value) in el.value().attrs() {
            if matches!(name, "src" | "href" | "action" | "xlink:href") {
                let v = value.trim().to_ascii_lowercase();
                assert!(!v.starts_with("http:") && !v.starts_with("https:") && !v.starts_with("//"), "{name}={value}");
            }
        }
    }
    let scripts: Vec<_> = dom.select(&Selector::parse("script").unwrap()).collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].value().attr("src"), None);
}

/// The highlighted spans of a rendered DOM: `(doc, start, end, text)`.
fn dom_spans(dom: &Html) -> Vec<(String, usize, usize, String)> {
    dom.select(&Selector::parse("[data-doc]").unwrap())
        .map(|el| {
            let v = el.value();
            (
                v.attr("data-doc").unwrap().to_owned(),
                v.attr("data-start").unwrap().parse().unwrap(),
                v.attr("data-end").unwrap().parse().unwrap(),
                el.text().collect(),
            )
        })
        .collect()
}

/// Id → text of a JSON Lines fixture.
fn jsonl_texts(rel: &str) -> HashMap<String, String> {
    let src = std::fs::read_to_string(fixture(rel)).expect("fixture");
    json_lines(&src)
        .into_iter()
        .map(|v| (v["id"].as_str().unwrap().to_owned(), v["text"].as_str().unwrap().to_owned()))
        .collect()
}

fn html_of(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--output-format", "html", "-q"]);
    run(&all).stdout
}

fn span(v: &serde_json::Value, doc: &str, start: &str, end: &str) -> (String, usize, usize) {
    (v[doc].as_str().unwrap().to_owned(), v[start].as_u64().unwrap() as usize, v[end].as_u64().unwrap() as usize)
}

/// Every DOM span is in `expected` (the same list, as multisets) and
/// holds its text.
fn assert_spans(dom: &Html, mut expected: Vec<(String, usize, usize)>, texts: &dyn Fn(&str) -> String) {
    let spans = dom_spans(dom);
    for (doc, start, end, text) in &spans {
        assert_eq!(*text, texts(doc)[*start..*end], "text of {doc} {start}-{end}");
    }
    let mut got: Vec<(String, usize, usize)> = spans.into_iter().map(|(d, s, e, _)| (d, s, e)).collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn check_report_spans_match_json_in_chromium() {
    let Some(browser) = chromium() else { return };
    let args = ["check", "--index", "fixtures/index/wire-v1.wtidx", "fixtures/check/articles/"];
    let findings = json_lines(&run(&[&args[..], &["--json"]].concat()).stdout);
    assert_eq!(findings.len(), 4);
    let expected: Vec<_> = findings
        .iter()
        .flat_map(|f| [span(f, "doc", "start", "end"), span(f, "source_id", "source_start", "source_end")])
        .collect();
    let dom = render(&browser, "check", &html_of(&args));
    let wire = jsonl_texts("check/wire.jsonl");
    let texts = |id: &str| {
        wire.get(id).cloned().unwrap_or_else(|| std::fs::read_to_string(fixture("..").join(id)).expect("article"))
    };
    assert_spans(&dom, expected, &texts);
    // one card per finding, with its verdict
    let verdicts: Vec<String> =
        dom.select(&Selector::parse("div.card > div > span.verdict").unwrap()).map(|e| e.text().collect()).collect();
    assert_eq!(verdicts, ["credited to TASS", "credited to TASS", "uncredited", "credited to Reuters, not TASS"]);
}

#[test]
fn passages_report_spans_match_json_in_chromium() {
    let Some(browser) = chromium() else { return };
    let args = ["passages", "fixtures/passages/news.jsonl"];
    let passages = json_lines(&run(&[&args[..], &["--json"]].concat()).stdout);
    let expected: Vec<_> = passages
        .iter()
        .flat_map(|p| p["members"].as_array().unwrap().iter().map(|m| span(m, "id", "start", "end")))
        .collect();
    assert!(expected.len() >= 8, "the fixture has passages: {expected:?}");
    let dom = render(&browser, "passages", &html_of(&args));
    let texts = jsonl_texts("passages/news.jsonl");
    assert_spans(&dom, expected, &|id| texts[id].clone());
    // the origin comes first in each cluster; boilerplate starts collapsed
    for p in &passages {
        let id = p["passage_id"].as_u64().unwrap();
        let first = Selector::parse(&format!("#p-{id} [data-doc]")).unwrap();
        assert_eq!(dom.select(&first).next().unwrap().value().attr("data-doc"), p["origin"].as_str());
        let open = Selector::parse(&format!("details#p-{id}[open]")).unwrap();
        assert_eq!(dom.select(&open).count(), usize::from(!p["boilerplate"].as_bool().unwrap()), "passage {id}");
    }
}

#[test]
fn quotes_report_spans_match_json_in_chromium() {
    let Some(browser) = chromium() else { return };
    let args = ["quotes", "--trace", "fixtures/quotes/corpus.jsonl"];
    let quotes = json_lines(&run(&[&args[..], &["--json"]].concat()).stdout);
    let dom = render(&browser, "quotes", &html_of(&args));
    let texts = jsonl_texts("quotes/corpus.jsonl");
    let spans = dom_spans(&dom);
    let all: Vec<_> = quotes.iter().map(|q| span(q, "doc", "start", "end")).collect();
    for (doc, start, end, text) in &spans {
        assert!(all.contains(&(doc.clone(), *start, *end)), "{doc} {start}-{end} is a reported quote");
        assert_eq!(*text, texts[doc][*start..*end]);
    }
    assert_eq!(dom.select(&Selector::parse("mark.quote").unwrap()).count(), quotes.len());
    assert_eq!(dom.select(&Selector::parse("div.qcard").unwrap()).count(), quotes.len());
}

#[test]
fn dedup_report_renders_in_chromium() {
    let Some(browser) = chromium() else { return };
    let args = ["dedup", "fixtures/dedup/news.jsonl"];
    let clusters = json_lines(&run(&[&args[..], &["--json"]].concat()).stdout);
    assert!(clusters.len() >= 2);
    let dom = render(&browser, "dedup", &html_of(&args));
    let shown: Vec<String> =
        dom.select(&Selector::parse("details.item").unwrap()).map(|d| d.value().id().unwrap().to_owned()).collect();
    let mut by_size: Vec<_> = clusters.iter().collect();
    by_size.sort_by_key(|c| std::cmp::Reverse(c["size"].as_u64().unwrap()));
    let expected: Vec<String> = by_size.iter().map(|c| format!("c-{}", c["cluster_id"])).collect();
    assert_eq!(shown, expected, "largest clusters first");
    assert_eq!(dom.select(&Selector::parse("div.chart svg").unwrap()).count(), 2, "two histograms");
    let text: String = dom.root_element().text().collect();
    assert!(!text.contains("not available"), "every shown text was read: {text}");
    let texts = jsonl_texts("dedup/news.jsonl");
    let first = &by_size[0];
    let rep = first["representative"].as_str().unwrap();
    assert!(text.contains(texts[rep].split_whitespace().take(12).collect::<Vec<_>>().join(" ").as_str()));

    // --report-limit keeps the largest and says how many were left out
    let dom = render(&browser, "dedup-limited", &html_of(&[&args[..], &["--report-limit", "1"]].concat()));
    let shown: Vec<String> =
        dom.select(&Selector::parse("details.item").unwrap()).map(|d| d.value().id().unwrap().to_owned()).collect();
    assert_eq!(shown, expected[..1]);
    let text: String = dom.root_element().text().collect();
    assert!(text.contains(&format!("{} smaller clusters left out", clusters.len() - 1)), "{text}");
}

/// A page of the listing commands, parsed (no browser needed).
fn parsed(args: &[&str]) -> Html {
    Html::parse_document(&html_of(args))
}

#[test]
fn report_limit_keeps_the_first_documents_with_quotes() {
    let all = json_lines(&run(&["quotes", "--json", "fixtures/quotes/corpus.jsonl"]).stdout);
    let mut docs: Vec<&str> = all.iter().map(|q| q["doc"].as_str().unwrap()).collect();
    docs.dedup();
    assert!(docs.len() >= 3);
    let page = parsed(&["quotes", "--report-limit", "2", "fixtures/quotes/corpus.jsonl"]);
    let shown: Vec<String> =
        page.select(&Selector::parse("section.card h2").unwrap()).map(|h| h.text().collect()).collect();
    let titles = jsonl_texts("quotes/corpus.jsonl");
    assert_eq!(shown.len(), 2);
    for (h, id) in shown.iter().zip(&docs) {
        assert!(h.starts_with(id) && titles.contains_key(*id), "{h} is {id}");
    }
    let quotes_of_two = all.iter().filter(|q| docs[..2].contains(&q["doc"].as_str().unwrap())).count();
    assert_eq!(page.select(&Selector::parse("div.qcard").unwrap()).count(), quotes_of_two);
    let text: String = page.root_element().text().collect();
    assert!(text.contains(&format!("{} more left out", docs.len() - 2)), "{text}");
}

#[test]
fn report_limit_keeps_the_most_reused_passages() {
    let all = json_lines(&run(&["passages", "--json", "fixtures/passages/news.jsonl"]).stdout);
    let docs = |p: &serde_json::Value| {
        let mut d: Vec<&str> = p["members"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
        d.sort();
        d.dedup();
        d.len()
    };
    let most = all.iter().max_by_key(|p| (docs(p), std::cmp::Reverse(p["passage_id"].as_u64()))).unwrap();
    let page = parsed(&["passages", "--report-limit", "1", "fixtures/passages/news.jsonl"]);
    let shown: Vec<&str> =
        page.select(&Selector::parse("details.item").unwrap()).map(|d| d.value().id().unwrap()).collect();
    assert_eq!(shown, [format!("p-{}", most["passage_id"])]);
    let text: String = page.root_element().text().collect();
    assert!(text.contains(&format!("{} less reused passages left out", all.len() - 1)), "{text}");
}
