//! The page frame every HTML report shares (inline stylesheet, the one
//! script, header, filter box) and helpers to show a span of a document in
//! context.

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The stylesheet of every report.
const CSS: &str = r#"
:root{--fg:#1d2025;--muted:#5f6670;--line:#d9dde3;--bg:#f6f7f9;--card:#fff;
--same:#fff0a8;--ins:#c9f2d0;--del:#ffd3d0;--rep:#d6e6ff;--red:#c62828;--green:#2e7d32;--orange:#b85c00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#20252c;color:#fff;padding:14px 28px}
header.top h1{margin:0;font-size:20px;font-weight:600}
header.top p{margin:2px 0 0;color:#c5ccd6;font-size:13px}
main{max-width:1240px;margin:0 auto;padding:18px 28px 60px}
h2{font-size:17px;margin:26px 0 8px;word-break:break-word}
h3{font-size:14px;margin:0 0 6px;color:var(--muted);font-weight:600;word-break:break-word}
a{color:#1559b7}
.toolbar{display:flex;gap:8px;align-items:center;margin:4px 0 14px;flex-wrap:wrap}
.toolbar input{flex:1;min-width:220px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
.toolbar button{padding:6px 12px;border:1px solid var(--line);border-radius:6px;background:#fff;font:inherit;cursor:pointer}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin:0 0 12px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 14px}
.stat b{display:block;font-size:20px}
.stat span{color:var(--muted);font-size:12px}
table.summary{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);font-size:14px}
table.summary th,table.summary td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;word-break:break-word}
table.summary th{background:#eef0f3;font-weight:600}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin:12px 0}
.card>h2{margin-top:0}
.card.uncredited{border-left:6px solid var(--red)}
.card.credited{border-left:6px solid var(--green)}
.card.other{border-left:6px solid var(--orange)}
.verdict{display:inline-block;padding:1px 9px;border-radius:12px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.verdict.uncredited{background:var(--red)}.verdict.credited{background:var(--green)}.verdict.other{background:var(--orange)}
.meta{color:var(--muted);font-size:13px;margin:2px 0 10px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14.5px;line-height:1.6;background:#fbfbfc;border:1px solid #eceef1;border-radius:6px;padding:10px 12px}
.ctx{color:#8a9099}
.hl{box-shadow:inset 0 -2px 0 #9aa3ad}
mark.same{background:var(--same);color:inherit}
ins{background:var(--ins);text-decoration:none;border-bottom:2px solid #3f9b4f}
del{background:var(--del);text-decoration:line-through;text-decoration-color:#b3261e}
.rep{background:var(--rep);border-bottom:2px dotted #3366b8}
.legend{font-size:12.5px;color:var(--muted);margin:4px 0 10px}
.legend>*{margin-right:10px;padding:0 4px}
details.item{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:10px 0;padding:0 16px}
details.item>summary{cursor:pointer;padding:10px 0;font-weight:600;word-break:break-word}
details.item[open]>summary{border-bottom:1px solid var(--line);margin-bottom:10px}
.member{margin:0 0 14px}
.tag{display:inline-block;font-size:11.5px;padding:0 7px;border-radius:10px;background:#e7eaee;color:#333;margin-left:6px;font-weight:600}
.tag.origin{background:#20252c;color:#fff}
.gap{color:var(--muted);font-style:italic;font-size:12.5px}
.chart{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px;margin:8px 0;display:inline-block;vertical-align:top;margin-right:12px}
.chart text{font:11px system-ui,sans-serif;fill:#444}
.chart rect.bar{fill:#4f7cc4}.chart a:hover rect.bar{fill:#1f4f9a}
.qgrid{display:grid;grid-template-columns:3fr 2fr;gap:16px}
@media (max-width:800px){.qgrid{grid-template-columns:1fr}}
mark.quote{background:#e4dcff;color:inherit;border-radius:2px}
mark.quote mark.quote{background:#cbbcff}
.qcard{border:1px solid var(--line);border-radius:8px;padding:6px 10px;margin:0 0 8px;font-size:13.5px}
.qcard .q{font-style:italic}
.note{color:var(--muted);font-size:13px}
.hidden{display:none!important}
"#;

/// The one script of every report: the filter box and the expand/collapse
/// buttons. It only reads `data-key` attributes and toggles classes.
pub(super) const SCRIPT: &str = r#"(function(){
var q=document.getElementById('wt-filter');
var items=document.querySelectorAll('[data-key]');
if(q){q.addEventListener('input',function(){var s=q.value.toLowerCase();
for(var i=0;i<items.length;i++){var k=items[i].getAttribute('data-key').toLowerCase();
items[i].classList.toggle('hidden',s!==''&&k.indexOf(s)<0);}});}
function all(open){var d=document.querySelectorAll('details.item');for(var i=0;i<d.length;i++){d[i].open=open;}}
var e=document.getElementById('wt-expand'),c=document.getElementById('wt-collapse');
if(e){e.addEventListener('click',function(){all(true);});}
if(c){c.addEventListener('click',function(){all(false);});}
document.documentElement.setAttribute('data-wt-ready','1');
})();"#;

/// A whole page: title, subtitle, then `body`, with the stylesheet, the
/// filter toolbar (when `filter` names what is filtered; with expand and
/// collapse buttons when the page has `<details>` items) and the script.
pub(super) fn page(title: &str, subtitle: &str, filter: Option<&str>, collapsible: bool, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("wiretrace ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top {
                    h1 { (title) }
                    p { (subtitle) }
                }
                main {
                    @if let Some(what) = filter {
                        div.toolbar {
                            input #wt-filter type="search" placeholder=(format!("Filter {what} by id or text…"));
                            @if collapsible {
                                button #wt-expand type="button" { "Expand all" }
                                button #wt-collapse type="button" { "Collapse all" }
                            }
                        }
                    }
                    (body)
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// A row of big numbers.
pub(super) fn stats(items: &[(&str, String)]) -> Markup {
    html! {
        div.stats {
            @for (label, value) in items {
                div.stat { b { (value) } span { (label) } }
            }
        }
    }
}

/// The legend of the diff marks.
pub(super) fn legend(this: &str, other: &str) -> Markup {
    html! {
        div.legend {
            mark.same { "shared words" }
            ins { (format!("only in {this}")) }
            del { (format!("only in {other}")) }
            span.rep { "replaced" }
        }
    }
}

/// A piece of document text in markup: escaped like any value, and with
/// each carriage return written as `&#13;`, because an HTML parser turns a
/// literal CR LF into LF while a character reference stays a CR, so the
/// rendered text keeps every byte of the document.
pub(super) struct Verbatim<'a>(pub &'a str);

impl maud::Render for Verbatim<'_> {
    fn render_to(&self, buffer: &mut String) {
        for (i, piece) in self.0.split('\r').enumerate() {
            if i > 0 {
                buffer.push_str("&#13;");
            }
            piece.render_to(buffer);
        }
    }
}

/// The largest char boundary at or below `i` (clamped to the text).
pub(super) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i` (clamped to the text).
pub(super) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Where the context before `start` begins: about `chars` characters
/// back, moved forward to a word start.
fn context_start(text: &str, start: usize, chars: usize) -> usize {
    let head = &text[..start];
    let Some((i, _)) = head.char_indices().rev().nth(chars) else { return 0 };
    match head[i..].find(char::is_whitespace) {
        Some(ws) => i + ws + head[i + ws..].chars().next().map_or(0, char::len_utf8),
        None => i,
    }
}

/// Where the context after `end` stops: about `chars` characters on, moved
/// back to a word end.
fn context_end(text: &str, end: usize, chars: usize) -> usize {
    let tail = &text[end..];
    let Some((i, _)) = tail.char_indices().nth(chars) else { return text.len() };
    match tail[..i].rfind(char::is_whitespace) {
        Some(ws) if ws > 0 => end + ws,
        _ => end + i,
    }
}

/// `inner` (the marked-up text of `text[start..end]`) in an element
/// carrying the span's document and byte range, with up to `chars`
/// characters of dimmed context either side. `start`/`end` must be char
/// boundaries of `text`.
pub(super) fn span_in_context(doc: &str, text: &str, start: usize, end: usize, chars: usize, inner: Markup) -> Markup {
    let from = context_start(text, start, chars);
    let to = context_end(text, end, chars);
    html! {
        div.text {
            @if from > 0 { span.ctx { "…" } }
            span.ctx { (Verbatim(&text[from..start])) }
            span.hl data-doc=(doc) data-start=(start) data-end=(end) { (inner) }
            span.ctx { (Verbatim(&text[end..to])) }
            @if to < text.len() { span.ctx { "…" } }
        }
    }
}

/// A byte range clamped to char boundaries of `text`, or `None` when it is
/// empty or reversed after clamping.
pub(super) fn clamp_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (s, e) = (floor_boundary(text, start), ceil_boundary(text, end));
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stops_at_words() {
        let text = "alpha beta gamma delta epsilon";
        // span "gamma": 11..16
        assert_eq!(&text[context_start(text, 11, 7)..11], "beta ");
        assert_eq!(&text[16..context_end(text, 16, 7)], " delta");
        assert_eq!(context_start(text, 11, 100), 0);
        assert_eq!(context_end(text, 16, 100), text.len());
    }

    #[test]
    fn boundaries_respect_chars() {
        let text = "aé b";
        assert_eq!(floor_boundary(text, 2), 1);
        assert_eq!(ceil_boundary(text, 2), 3);
        assert_eq!(clamp_span(text, 2, 2), Some((1, 3)));
        assert_eq!(clamp_span(text, 9, 12), None);
    }
}
