//! HTML pages: decoding bytes in any charset to text, and extracting the
//! article's main content with its paragraph breaks.
//!
//! **Decoding** ([`decode`]) follows the order browsers use: a byte-order
//! mark, else the charset the transport declared (the HTTP `Content-Type`
//! of a WARC response), else a `<meta charset>` or `<meta http-equiv>`
//! declaration in the first 1024 bytes, else UTF-8 when the bytes are valid
//! UTF-8, else the guess of [`chardetng`]. Labels are resolved and decoded
//! by [`encoding_rs`] (windows-1251, Shift_JIS, ISO-8859-1 = windows-1252,
//! ...). Undecodable bytes become U+FFFD, as in a browser.
//!
//! **Extraction** ([`extract`]) runs two extractors over the page:
//! [`rs_trafilatura`] (the text we keep) and [`dom_smoothie`] (a port of
//! Readability.js, used as a second opinion). When trafilatura's text is
//! much longer than Readability's and holds almost all of it, the surplus
//! is most likely boilerplate trafilatura let through (link lists, teasers,
//! "more stories"): its lines that share less than half their word 3-grams
//! with Readability's text are dropped. This is the agreement check
//! trafilatura itself makes against its fallback extractors, applied line
//! by line; docs/extraction.md has the measurements behind it. Lines are
//! then trimmed, runs of white space collapsed, and paragraphs joined by a
//! blank line.
//!
//! Not done: a map from extracted text back to byte offsets in the page.

use std::borrow::Cow;
use std::collections::HashSet;

/// What [`extract`] found in a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The main content, paragraphs separated by a blank line.
    pub text: String,
    /// The page title (from the title element or the page's metadata).
    pub title: Option<String>,
    /// The canonical URL the page declares, if any.
    pub url: Option<String>,
    /// The publication date the page declares, as ISO 8601 (UTC).
    pub date: Option<String>,
}

/// trafilatura's text must be this many times longer than Readability's
/// before their disagreement is looked at.
const SURPLUS_RATIO: f64 = 1.3;
/// ... and hold at least this share of Readability's word 3-grams.
const MIN_AGREEMENT: f64 = 0.9;
/// A line is kept when at least this share of its 3-grams are in
/// Readability's text.
const KEEP_LINE: f64 = 0.5;

/// Extract the main content of an HTML page (already decoded).
/// `url` is the page's address when known (it resolves relative links in
/// the extractors; it does not change the text).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let options = rs_trafilatura::Options { url: url.map(str::to_owned), ..rs_trafilatura::Options::default() };
    let traf = rs_trafilatura::extract_with_options(html, &options).ok();
    let readability = dom_smoothie::Readability::new(html, url, None).ok().and_then(|mut r| r.parse().ok());
    let second = readability.as_ref().map(|a| a.text_content.to_string()).unwrap_or_default();
    let first = traf.as_ref().map(|t| t.content_text.as_str()).unwrap_or("");
    let text = if first.trim().is_empty() { Cow::Borrowed(second.as_str()) } else { agree(first, &second) };
    let meta = traf.as_ref().map(|t| &t.metadata);
    let title = meta
        .and_then(|m| m.title.clone())
        .or_else(|| readability.as_ref().map(|a| a.title.to_string()))
        .map(|t| collapse_space(&t))
        .filter(|t| !t.is_empty());
    Extracted {
        text: paragraphs(&text),
        title,
        url: meta.and_then(|m| m.url.clone()).filter(|u| !u.is_empty()),
        date: meta.and_then(|m| m.date).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    }
}

/// The agreement filter (see the module docs): `first` with the lines
/// `second` does not support removed, when `first` is much longer than and
/// contains `second`.
fn agree<'a>(first: &'a str, second: &str) -> Cow<'a, str> {
    let support = trigrams(second);
    if support.is_empty() || (first.len() as f64) < SURPLUS_RATIO * second.len() as f64 {
        return Cow::Borrowed(first);
    }
    let ours = trigrams(first);
    let shared = support.iter().filter(|g| ours.contains(g)).count();
    if (shared as f64) < MIN_AGREEMENT * support.len() as f64 {
        return Cow::Borrowed(first);
    }
    let mut kept = String::with_capacity(first.len());
    for line in first.lines() {
        let grams = trigrams(line);
        let keep = if grams.is_empty() {
            // one or two words: kept when Readability has them too
            let words = line.trim();
            words.is_empty() || !has_word(words) || second.contains(words)
        } else {
            let inside = grams.iter().filter(|g| support.contains(g)).count();
            inside as f64 >= KEEP_LINE * grams.len() as f64
        };
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    Cow::Owned(kept)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn has_word(s: &str) -> bool {
    s.chars().any(is_word_char)
}

/// Hashes of the word 3-grams of `s` (words are runs of letters, digits
/// and `_`).
fn trigrams(s: &str) -> HashSet<u64> {
    let words: Vec<u64> = s
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect();
    words.windows(3).map(|w| w[0].rotate_left(42) ^ w[1].rotate_left(21) ^ w[2]).collect()
}

/// Collapse runs of white space to one space and trim.
fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every non-blank line, white space collapsed, as a paragraph; paragraphs
/// joined by a blank line.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// Decode a page's bytes to text (see the module docs for the order of
/// evidence). `declared` is a charset label from outside the page (HTTP).
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(label))
        .or_else(|| meta_charset(bytes).and_then(label));
    let encoding = match encoding {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        }
    };
    encoding.decode(bytes).0
}

/// The encoding a label names, with the HTML rules for `<meta>`: UTF-16
/// declared inside the page means UTF-8, `x-user-defined` windows-1252.
fn label(name: &str) -> Option<&'static encoding_rs::Encoding> {
    let e = encoding_rs::Encoding::for_label(name.trim().as_bytes())?;
    Some(if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else if e == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        e
    })
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The charset a `<meta>` tag in the first 1024 bytes declares:
/// `<meta charset="x">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let mut j = c + "charset".len();
            while j < tag.len() && tag[j].is_ascii_whitespace() {
                j += 1;
            }
            if tag.get(j) == Some(&b'=') {
                j += 1;
                while j < tag.len() && (tag[j].is_ascii_whitespace() || tag[j] == b'"' || tag[j] == b'\'') {
                    j += 1;
                }
                let k = tag[j..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/'))
                    .map_or(tag.len(), |p| j + p);
                // the label is ASCII in the original bytes at the same place
                return std::str::from_utf8(&head[start + j..start + k]).ok().filter(|l| !l.is_empty());
            }
        }
        from = end.max(start + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_meta_charsets() {
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1251\">"), Some("windows-1251"));
        assert_eq!(
            meta_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>"),
            Some("Shift_JIS")
        );
        assert_eq!(meta_charset(b"<meta name=\"description\" content=\"charset\">"), None);
        assert_eq!(charset_param("text/html; Charset=\"ISO-8859-1\""), Some("ISO-8859-1"));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn decodes_declared_detected_and_utf8() {
        // "Привет" in windows-1251, declared
        let cp1251 = b"<meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert_eq!(decode(cp1251, None), "<meta charset=windows-1251><p>Привет</p>");
        // ISO-8859-1 from the transport
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")), "café");
        // Shift_JIS declared: "日本"
        assert_eq!(decode(b"<meta charset=\"shift_jis\">\x93\xfa\x96\x7b", None), "<meta charset=\"shift_jis\">日本");
        // valid UTF-8 without declaration stays UTF-8
        assert_eq!(decode("naïve".as_bytes(), None), "naïve");
        // a BOM wins over a wrong declaration
        assert_eq!(decode(b"\xef\xbb\xbfok \xc3\xa9", Some("windows-1252")), "ok é");
    }

    #[test]
    fn paragraphs_collapse_space() {
        assert_eq!(paragraphs("  One  two\n\n\n three\t four \n"), "One two\n\nthree four");
        assert_eq!(paragraphs(" \n "), "");
    }

    #[test]
    fn agreement_drops_unsupported_lines() {
        let second = "The council approved the new budget on Monday after a long debate.";
        let first = format!("{second}\nMore stories from our site you may like to read\nTrending now: ten cats\n");
        assert_eq!(agree(&first, second), format!("{second}\n"));
        // not much longer: left alone
        assert_eq!(agree(second, second), second);
        // the second extractor found other text: left alone
        assert_eq!(agree(&first, "Something else entirely was found here by it."), first);
    }
}
