//! Tests of the HTML writers: hostile texts, ids and outlet names are
//! escaped (the only script is ours, no attribute or element is injected),
//! every marked span's text is the range it names, and nothing points at
//! the network.

use super::layout::SCRIPT;
use super::*;
use crate::candidates::LshParams;
use crate::corpus::{ByteSpan, DocId, LineCol};
use crate::error::Location;
use crate::pipeline::quotes::{OriginRecord, QuoteTrace};
use crate::pipeline::{CheckReport, DedupReport};
use crate::pipeline::{
    Cluster, DedupStats, Finding, Member, Passage, PassageMember, PassageReport, PassageStats, QuoteRecord, QuotesStats,
};
use scraper::{Html, Selector};

/// Ids and outlet names that try to break out of text, attributes and
/// the stylesheet.
const EVIL_ID: &str = r#"a"><script>alert('id')</script>&amp;"#;
const EVIL_SOURCE: &str = r#"</style><img src=x onerror="alert(1)">Ag & Co"#;
const EVIL_OTHER: &str = "b' onmouseover='alert(2)";

/// A text with markup, quotes and ampersands, and the span `span()` of it.
const TEXT: &str = "Intro <b>bold</b> & \"quoted\" words. <script>alert('text')</script> the copied\r\n\
                    passage says «hello» & 'bye' </textarea><!-- tail --> and more text after it.";

/// The reported span of `TEXT`: from `<script>` to the end of the comment.
fn span() -> (usize, usize) {
    (TEXT.find("<script>").unwrap(), TEXT.find(" and more").unwrap())
}

fn texts() -> Texts {
    let mut t = Texts::new();
    for id in [EVIL_ID, EVIL_OTHER] {
        t.insert(
            id,
            DocText { text: TEXT.to_owned(), source: Some(EVIL_SOURCE.into()), title: Some(EVIL_SOURCE.into()) },
        );
    }
    t
}

fn render(f: impl FnOnce(&mut Vec<u8>) -> crate::error::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

/// The structural checks every page must pass; returns the parsed page.
fn assert_safe(page: &str) -> Html {
    let html = Html::parse_document(page);
    let scripts: Vec<String> =
        html.select(&Selector::parse("script").unwrap()).map(|s| s.text().collect::<String>()).collect();
    assert_eq!(scripts, vec![SCRIPT.to_owned()], "exactly our one script");
    assert_eq!(html.select(&Selector::parse("img, iframe, object, embed, link, textarea").unwrap()).count(), 0);
    for el in html.select(&Selector::parse("*").unwrap()) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}={value}");
            if matches!(name, "src" | "href" | "action" | "xlink:href") {
                assert!(value.starts_with('#'), "{name}={value} leaves the page");
            }
        }
    }
    assert!(!page.contains("http://") && !page.contains("https://"), "no URL in the page");
    html
}

/// Every element carrying a span holds exactly that range of the text;
/// returns the spans in page order.
fn marked_spans(html: &Html) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for el in html.select(&Selector::parse("[data-doc]").unwrap()) {
        let v = el.value();
        let doc = v.attr("data-doc").unwrap().to_owned();
        let start: usize = v.attr("data-start").unwrap().parse().unwrap();
        let end: usize = v.attr("data-end").unwrap().parse().unwrap();
        assert_eq!(el.text().collect::<String>(), TEXT[start..end], "span {doc} {start}-{end}");
        out.push((doc, start, end));
    }
    out
}

fn page_text(html: &Html) -> String {
    html.root_element().text().collect()
}

fn finding(doc: &str, attributed: bool, credited: Option<&str>) -> Finding {
    Finding {
        doc: doc.into(),
        span: ByteSpan::new(span().0, span().1),
        position: LineCol { line: 1, column: 40 },
        words: 12,
        source_id: EVIL_OTHER.into(),
        source: Some(EVIL_SOURCE.into()),
        attributed,
        credited: credited.map(Into::into),
        source_span: ByteSpan::new(0, 38),
        near_duplicate: false,
        location: Location::file(doc),
        whole_file: true,
        url: None,
    }
}

#[test]
fn check_escapes_everything() {
    assert_eq!(&TEXT[span().0..span().0 + 8], "<script>");
    assert!(TEXT[span().0..span().1].ends_with("<!-- tail -->"));
    let report = CheckReport {
        findings: vec![finding(EVIL_ID, false, None), finding(EVIL_ID, false, Some(EVIL_SOURCE))],
        documents: 1,
        rejected: vec![],
    };
    let page = render(|w| write_check_html(w, &report, false, &texts(), &texts()));
    let html = assert_safe(&page);
    let spans = marked_spans(&html);
    let article = (EVIL_ID.to_owned(), span().0, span().1);
    let wire = (EVIL_OTHER.to_owned(), 0, 38);
    assert_eq!(spans, vec![article.clone(), wire.clone(), article, wire]);
    let text = page_text(&html);
    for s in [EVIL_ID, EVIL_SOURCE, EVIL_OTHER, "<script>alert('text')</script>"] {
        assert!(text.contains(s), "{s} shown as text");
    }
    assert_eq!(html.select(&Selector::parse(".verdict.uncredited").unwrap()).count(), 2);
    assert_eq!(html.select(&Selector::parse(".verdict.other").unwrap()).count(), 2);
    assert_eq!(html.select(&Selector::parse("table.summary a[href='#f-2']").unwrap()).count(), 1);
}

#[test]
fn passages_escape_everything() {
    let member = |doc: u32, origin: bool| PassageMember {
        doc: DocId(doc),
        span: crate::corpus::ByteSpan::new(span().0, span().1),
        start: LineCol { line: 1, column: 40 },
        end: LineCol { line: 1, column: 137 },
        origin,
    };
    let report = PassageReport {
        passages: vec![Passage {
            id: 1,
            words: 12,
            text: TEXT[span().0..span().1].to_owned(),
            origin: DocId(1),
            boilerplate: true,
            members: vec![member(0, false), member(1, true)],
        }],
        ids: vec![EVIL_ID.into(), EVIL_OTHER.into()],
        rejected: vec![],
        stats: PassageStats { documents: 2, passages: 1, members: 2, ..PassageStats::default() },
        pairs: vec![],
    };
    let page = render(|w| write_passages_html(w, &report, &texts(), 10));
    let html = assert_safe(&page);
    // origin first
    assert_eq!(
        marked_spans(&html),
        vec![(EVIL_OTHER.to_owned(), span().0, span().1), (EVIL_ID.to_owned(), span().0, span().1)]
    );
    // boilerplate starts collapsed
    assert_eq!(html.select(&Selector::parse("details#p-1:not([open])").unwrap()).count(), 1);
    assert_eq!(html.select(&Selector::parse("svg a[href='#p-1'] rect").unwrap()).count(), 1);
    assert!(page_text(&html).contains(EVIL_ID));
    // with a limit of 0 the page shows no passage and says so
    let page = render(|w| write_passages_html(w, &report, &texts(), 0));
    let html = assert_safe(&page);
    assert_eq!(html.select(&Selector::parse("details").unwrap()).count(), 0);
    assert!(page_text(&html).contains("Showing the 0 most reused of 1 passages; 1 less reused passages left out"));
}

#[test]
fn passages_show_ten_members_in_context_and_list_the_rest() {
    let member = |doc: u32, origin: bool| PassageMember {
        doc: DocId(doc),
        span: crate::corpus::ByteSpan::new(span().0, span().1),
        start: LineCol { line: 1, column: 40 },
        end: LineCol { line: 2, column: 20 },
        origin,
    };
    let mut members: Vec<PassageMember> = (0..12).map(|_| member(0, false)).collect();
    members.push(member(1, true));
    let report = PassageReport {
        passages: vec![Passage {
            id: 7,
            words: 12,
            text: String::new(),
            origin: DocId(1),
            boilerplate: false,
            members,
        }],
        ids: vec![EVIL_ID.into(), EVIL_OTHER.into()],
        rejected: vec![],
        stats: PassageStats::default(),
        pairs: vec![],
    };
    assert_eq!(passages_report_ids(&report, 1), [EVIL_ID, EVIL_OTHER].into_iter().collect());
    let html = assert_safe(&render(|w| write_passages_html(w, &report, &texts(), 1)));
    let spans = marked_spans(&html);
    assert_eq!(spans.len(), 10);
    assert_eq!(spans[0].0, EVIL_OTHER, "origin first");
    let rows: Vec<String> = html
        .select(&Selector::parse("details#p-7 table.summary tr").unwrap())
        .map(|r| r.text().collect::<String>())
        .collect();
    assert_eq!(rows, vec![format!("{EVIL_ID}1:40–2:20"); 3]);
    assert!(page_text(&html).contains("3 more members (id · position):"));
}

#[test]
fn long_passage_members_show_their_differences() {
    let origin: String = (0..200).map(|i| format!("w{i} ")).collect();
    let member = origin.replace(" w100 ", " changed ");
    let mut t = Texts::new();
    t.insert("o", DocText { text: origin.clone(), source: None, title: None });
    t.insert("m", DocText { text: member.clone(), source: None, title: None });
    let at = |doc: u32, len: usize, origin: bool| PassageMember {
        doc: DocId(doc),
        span: crate::corpus::ByteSpan::new(0, len - 1),
        start: LineCol { line: 1, column: 1 },
        end: LineCol { line: 1, column: len },
        origin,
    };
    let report = PassageReport {
        passages: vec![Passage {
            id: 1,
            words: 200,
            text: String::new(),
            origin: DocId(0),
            boilerplate: false,
            members: vec![at(0, origin.len(), true), at(1, member.len(), false)],
        }],
        ids: vec!["o".into(), "m".into()],
        rejected: vec![],
        stats: PassageStats::default(),
        pairs: vec![],
    };
    let html = Html::parse_document(&render(|w| write_passages_html(w, &report, &t, 1)));
    // the origin in full; the long member as its shortened diff, without span attributes
    let spans: Vec<&str> =
        html.select(&Selector::parse("[data-doc]").unwrap()).map(|e| e.value().attr("data-doc").unwrap()).collect();
    assert_eq!(spans, ["o"]);
    let member_text: String =
        html.select(&Selector::parse("div.member").unwrap()).nth(1).unwrap().text().collect::<String>();
    assert!(member_text.starts_with("m · 1:1–1:"), "{member_text}");
    assert!(
        member_text.ends_with("w0 w1 w2 w3 [… 92 shared words …] w96 w97 w98 w99 [… 100 more words not shown]"),
        "{member_text}"
    );
    assert!(member_text.contains("+0 inserted, −0 deleted, ~1 replaced words; long shared runs shortened"));
}

#[test]
fn dedup_escapes_everything_and_limits() {
    let cluster = |id: usize, docs: &[u32]| Cluster {
        id,
        representative: DocId(docs[0]),
        members: docs.iter().map(|&doc| Member { doc: DocId(doc), similarity: 0.9 }).collect(),
    };
    let report = DedupReport {
        clusters: vec![cluster(1, &[0, 1]), cluster(2, &[2, 0, 1])],
        ids: vec![EVIL_ID.into(), EVIL_OTHER.into(), "third".into()],
        places: vec![],
        rejected: vec![],
        stats: DedupStats { documents: 3, clusters: 2, ..DedupStats::default() },
        lsh: LshParams { bands: 1, rows: 1 },
    };
    let mut t = texts();
    t.insert("third", DocText { text: TEXT.replace("more text", "more"), source: None, title: None });
    assert_eq!(dedup_report_ids(&report, 1), [EVIL_ID, EVIL_OTHER, "third"].into_iter().collect());
    let page = render(|w| write_dedup_html(w, &report, &t, 1));
    let html = assert_safe(&page);
    // only the largest cluster, and the page says one was left out
    assert_eq!(
        html.select(&Selector::parse("details.item").unwrap()).map(|d| d.value().id()).collect::<Vec<_>>(),
        [Some("c-2")]
    );
    let text = page_text(&html);
    assert!(text.contains("1 smaller clusters left out"), "{text}");
    assert!(text.contains(EVIL_ID) && text.contains("<script>alert('text')</script>"));
    // each member inserts one word against the representative
    let marked = |sel: &str| -> Vec<String> {
        html.select(&Selector::parse(sel).unwrap()).map(|e| e.text().collect::<String>()).collect()
    };
    assert_eq!(marked("div.text ins"), ["text", "text"]);
    assert_eq!(marked("div.text del"), Vec::<String>::new());
}

#[test]
fn quotes_escape_everything_and_nest() {
    let quote = |doc: &str, start: usize, end: usize| QuoteRecord {
        doc: doc.into(),
        url: None,
        span: ByteSpan::new(start, end),
        quote: TEXT[start..end].to_owned(),
        speaker: Some(EVIL_SOURCE.into()),
        speaker_name: Some(EVIL_ID.into()),
        outlet: Some(EVIL_SOURCE.into()),
        cue: Some("<said>".into()),
        trace: Some(QuoteTrace {
            origin: Some(OriginRecord { id: EVIL_OTHER.into(), span: ByteSpan::new(1, 2) }),
            attributed: false,
        }),
    };
    // «hello» sits inside the outer quote
    let inner = TEXT.find("hello").unwrap();
    let records = vec![quote(EVIL_ID, span().0, span().1), quote(EVIL_ID, inner, inner + 5)];
    let page = render(|w| write_quotes_html(w, &records, &QuotesStats::default(), &texts(), 0));
    let html = assert_safe(&page);
    assert_eq!(
        marked_spans(&html),
        vec![(EVIL_ID.to_owned(), span().0, span().1), (EVIL_ID.to_owned(), inner, inner + 5)]
    );
    assert_eq!(html.select(&Selector::parse("mark#q-1 mark#q-2").unwrap()).count(), 1);
    let text = page_text(&html);
    assert!(text.contains(EVIL_SOURCE) && text.contains("<said>") && text.contains("not attributed"));
}
