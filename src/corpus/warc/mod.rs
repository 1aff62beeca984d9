//! WARC files (WARC/1.0 and WARC/1.1, ISO 28500), plain or gzip-compressed
//! (one gzip member per record, as crawlers write them, or one member for
//! the whole file): splitting the stream into records, and turning a record
//! into a [`Document`](super::Document).
//!
//! [`WarcReader`] reads records one after another from a decompressed
//! stream: the version line, the header fields up to the blank line, then
//! exactly `Content-Length` bytes of block. A stream that ends inside a
//! record, or a record without a valid `Content-Length`, is a [`WarcError`]
//! naming the record by number (1-based) and byte offset in the
//! decompressed stream, and its `WARC-Record-ID` when the header was read.
//!
//! Which records are documents ([`classify`]): `response` records whose
//! HTTP payload is HTML (status 2xx; the article's main text is extracted,
//! see [`super::html`]), `resource` records holding HTML or plain text, and
//! `conversion` records (WET files: the text as it is). Every other record
//! (`warcinfo`, `request`, `metadata`, `revisit`, responses with images or
//! redirects, ...) is skipped and counted by the reason given.
//!
//! Not done here: reading WARC files in parallel by member offsets (the
//! records are split on one thread; extraction runs on all of them).

use super::html;
use crate::error::RecordError;
use std::io::{BufRead, Read};

/// One WARC record as read from the stream: its place and its raw bytes
/// (header and block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based number of the record in its file.
    pub number: u64,
    /// Byte offset of the record's version line in the decompressed stream.
    pub offset: u64,
    /// The header (version line and fields, with the blank line) followed
    /// by the block.
    pub bytes: Vec<u8>,
    /// Length of the header part of `bytes`.
    pub header_len: usize,
}

impl WarcRecord {
    /// The parsed header fields.
    pub fn header(&self) -> Header<'_> {
        Header::parse(&self.bytes[..self.header_len])
    }

    /// The record's block (the payload after the header).
    pub fn block(&self) -> &[u8] {
        &self.bytes[self.header_len..]
    }
}

/// A record that could not be read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcError {
    /// 1-based number of the record.
    pub number: u64,
    /// Byte offset of the record in the decompressed stream.
    pub offset: u64,
    /// Its `WARC-Record-ID`, when the header was read.
    pub record_id: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl WarcError {
    /// The message without the record number: `at byte O (ID): what`.
    pub fn detail(&self) -> String {
        match &self.record_id {
            Some(id) => format!("at byte {} ({id}): {}", self.offset, self.message),
            None => format!("at byte {}: {}", self.offset, self.message),
        }
    }
}

impl std::fmt::Display for WarcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WARC record {} {}", self.number, self.detail())
    }
}

/// The header fields of a record, borrowed from its bytes.
#[derive(Clone, Debug, Default)]
pub struct Header<'a> {
    /// The version line, e.g. `WARC/1.1`.
    pub version: &'a str,
    fields: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
}

impl<'a> Header<'a> {
    /// Parse a header (the version line, then `Name: value` lines; a line
    /// starting with a space or tab continues the previous value). Bytes
    /// that are not UTF-8 are left out of the field they are in.
    pub fn parse(bytes: &'a [u8]) -> Header<'a> {
        let mut header = Header::default();
        let mut lines = bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
        header.version = lines.next().and_then(|l| std::str::from_utf8(l).ok()).unwrap_or("").trim();
        for line in lines {
            let Ok(line) = std::str::from_utf8(line) else { continue };
            if line.is_empty() {
                break;
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = header.fields.last_mut() {
                    let joined = format!("{} {}", value, line.trim());
                    *value = std::borrow::Cow::Owned(joined);
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                header.fields.push((name.trim(), std::borrow::Cow::Borrowed(value.trim())));
            }
        }
        header
    }

    /// The value of the first field called `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
    }

    /// `WARC-Type`, lower-cased.
    pub fn warc_type(&self) -> String {
        self.get("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }

    /// `WARC-Record-ID` without its angle brackets.
    pub fn record_id(&self) -> Option<&str> {
        self.get("WARC-Record-ID").map(strip_angle)
    }

    /// `WARC-Target-URI` without angle brackets (WARC/1.0 writers sometimes
    /// add them).
    pub fn target_uri(&self) -> Option<&str> {
        self.get("WARC-Target-URI").map(strip_angle).filter(|u| !u.is_empty())
    }
}

fn strip_angle(s: &str) -> &str {
    s.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(s)
}

/// Reads WARC records one after another from a decompressed stream.
pub struct WarcReader<R> {
    inner: R,
    offset: u64,
    number: u64,
    failed: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader at the start of a WARC stream.
    pub fn new(inner: R) -> WarcReader<R> {
        WarcReader { inner, offset: 0, number: 0, failed: false }
    }

    /// The next record, `None` at the end of the stream. After an error the
    /// reader returns `None`: a stream cannot be resynchronised without a
    /// valid `Content-Length`.
    pub fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.failed {
            return None;
        }
        let result = self.read_record().transpose()?;
        if result.is_err() {
            self.failed = true;
        }
        Some(result)
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        // the blank lines that end the previous record (and any extra ones)
        // errors before the header is read belong to the record that would
        // start here
        let next = self.number + 1;
        let skipped = self.skip_line_ends().map_err(|e| self.error_at(next, self.offset, None, io_message(&e)))?;
        self.offset += skipped;
        let offset = self.offset;
        let at_end = self.inner.fill_buf().map(<[u8]>::is_empty);
        if at_end.map_err(|e| self.error_at(next, offset, None, io_message(&e)))? {
            return Ok(None);
        }
        self.number = next;
        let mut bytes = Vec::with_capacity(1024);
        // header: lines up to and including the first empty one
        loop {
            let start = bytes.len();
            let n = self.inner.read_until(b'\n', &mut bytes).map_err(|e| self.error(offset, None, io_message(&e)))?;
            if n == 0 {
                let id = Header::parse(&bytes).record_id().map(str::to_owned);
                return Err(self.error(offset, id, "the stream ends inside the record header (truncated)".into()));
            }
            if start == 0 {
                let version = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
                let version = version.strip_suffix(b"\r").unwrap_or(version);
                if version != b"WARC/1.0" && version != b"WARC/1.1" {
                    let shown = String::from_utf8_lossy(&version[..version.len().min(40)]).into_owned();
                    return Err(self.error(offset, None, format!("expected WARC/1.0 or WARC/1.1, found {shown:?}")));
                }
            }
            let line = &bytes[start..];
            if line == b"\r\n" || line == b"\n" {
                break;
            }
        }
        let header_len = bytes.len();
        let header = Header::parse(&bytes);
        let id = header.record_id().map(str::to_owned);
        let length: u64 = match header.get("Content-Length").map(|v| v.parse()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(self.error(offset, id, "Content-Length is not a number".into())),
            None => return Err(self.error(offset, id, "the header has no Content-Length".into())),
        };
        // a corrupt length must not allocate gigabytes up front
        bytes.reserve_exact(length.min(1 << 24) as usize);
        let got = (&mut self.inner)
            .take(length)
            .read_to_end(&mut bytes)
            .map_err(|e| self.error(offset, id.clone(), io_message(&e)))?;
        if (got as u64) < length {
            return Err(self.error(
                offset,
                id,
                format!("truncated: the block has {got} of its {length} bytes (Content-Length)"),
            ));
        }
        self.offset += bytes.len() as u64;
        Ok(Some(WarcRecord { number: self.number, offset, bytes, header_len }))
    }

    /// Consume `\r` and `\n` bytes; return how many.
    fn skip_line_ends(&mut self) -> std::io::Result<u64> {
        let mut total = 0;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(total);
            }
            let n = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let all = n == buf.len();
            self.inner.consume(n);
            total += n as u64;
            if !all {
                return Ok(total);
            }
        }
    }

    fn error(&self, offset: u64, record_id: Option<String>, message: String) -> WarcError {
        self.error_at(self.number, offset, record_id, message)
    }

    fn error_at(&self, number: u64, offset: u64, record_id: Option<String>, message: String) -> WarcError {
        WarcError { number, offset, record_id, message }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
            format!("compressed stream is truncated or corrupt: {e}")
        }
        _ => format!("read error: {e}"),
    }
}

/// Whether a record becomes a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// An HTML page: extract its main text.
    Html,
    /// Plain text as it is (WET conversion records, text resources).
    Text,
    /// Not a document; the reason counts it (e.g. `request`,
    /// `response (not HTML)`).
    Skip(String),
}

/// Decide what a record is, from its header and (for responses) the HTTP
/// header at the start of its block.
pub fn classify(header: &Header<'_>, block: &[u8]) -> Disposition {
    let kind = header.warc_type();
    let block_type = header.get("Content-Type").unwrap_or("").to_ascii_lowercase();
    match kind.as_str() {
        "response" => {
            if !block_type.is_empty() && !block_type.starts_with("application/http") {
                return Disposition::Skip("response (not HTTP)".into());
            }
            let Some(http) = HttpMessage::parse(block) else {
                return Disposition::Skip("response (no HTTP header)".into());
            };
            if !(200..300).contains(&http.status) {
                return Disposition::Skip("response (HTTP status not 2xx)".into());
            }
            if is_html(http.header("Content-Type").unwrap_or("")) {
                Disposition::Html
            } else {
                Disposition::Skip("response (not HTML)".into())
            }
        }
        "resource" => {
            if is_html(&block_type) {
                Disposition::Html
            } else if block_type.starts_with("text/plain") {
                Disposition::Text
            } else {
                Disposition::Skip("resource (not HTML or text)".into())
            }
        }
        "conversion" => Disposition::Text,
        "" => Disposition::Skip("(no WARC-Type)".into()),
        other => Disposition::Skip(other.to_owned()),
    }
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// An HTTP response split into status, header fields and body.
struct HttpMessage<'a> {
    status: u16,
    fields: Vec<(&'a str, &'a str)>,
    body: &'a [u8],
}

impl<'a> HttpMessage<'a> {
    fn parse(bytes: &'a [u8]) -> Option<HttpMessage<'a>> {
        let (head_len, body_start) = match memchr::memmem::find(bytes, b"\r\n\r\n") {
            Some(i) => (i, i + 4),
            None => {
                let i = memchr::memmem::find(bytes, b"\n\n")?;
                (i, i + 2)
            }
        };
        let head = std::str::from_utf8(&bytes[..head_len]).ok()?;
        let mut lines = head.lines();
        let status_line = lines.next()?;
        if !status_line.starts_with("HTTP/") {
            return None;
        }
        let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
        let fields = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim(), v.trim())).collect();
        Some(HttpMessage { status, fields, body: &bytes[body_start..] })
    }

    fn header(&self, name: &str) -> Option<&'a str> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// The body with chunked transfer coding and gzip/deflate content
    /// coding undone.
    fn payload(&self) -> std::result::Result<std::borrow::Cow<'a, [u8]>, String> {
        let mut body = std::borrow::Cow::Borrowed(self.body);
        let transfer = self.header("Transfer-Encoding").unwrap_or("").to_ascii_lowercase();
        if transfer.contains("chunked") {
            // crawlers often store the payload de-chunked but keep the
            // header: use the bytes as they are when they are not chunks
            if let Some(joined) = dechunk(&body) {
                body = std::borrow::Cow::Owned(joined);
            }
        }
        let coding = self.header("Content-Encoding").unwrap_or("").trim().to_ascii_lowercase();
        let decoded = match coding.as_str() {
            "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("cannot decode the gzip content: {e}"))?;
                Some(out)
            }
            "deflate" => {
                let mut out = Vec::new();
                match flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut out) {
                    Ok(_) => Some(out),
                    Err(_) => {
                        out.clear();
                        flate2::read::DeflateDecoder::new(&body[..])
                            .read_to_end(&mut out)
                            .map_err(|e| format!("cannot decode the deflate content: {e}"))?;
                        Some(out)
                    }
                }
            }
            _ => None,
        };
        Ok(match decoded {
            Some(d) => std::borrow::Cow::Owned(d),
            None => body,
        })
    }
}

/// Join the chunks of a chunked body; `None` when it is not one.
fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    loop {
        let eol = memchr::memchr(b'\n', bytes)?;
        let line = std::str::from_utf8(&bytes[..eol]).ok()?.trim();
        let size_text = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        bytes = &bytes[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if bytes.len() < size {
            return None;
        }
        out.extend_from_slice(&bytes[..size]);
        bytes = &bytes[size..];
        bytes = bytes.strip_prefix(b"\r\n").or_else(|| bytes.strip_prefix(b"\n")).unwrap_or(bytes);
    }
}

/// The fields of a document read from a WARC record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcDocument {
    /// `WARC-Record-ID`, or the target URI when `id_field` asks for it.
    pub id: String,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// The HTML title (for HTML payloads).
    pub title: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// The host of `WARC-Target-URI`.
    pub source: Option<String>,
    /// The text: the extracted main content, or the converted text.
    pub text: String,
}

/// Turn the bytes of a record the reader kept (header and block) into a
/// document. `id_field` `uri` (or `url`) takes the target URI as the id;
/// anything else the `WARC-Record-ID`.
pub fn parse_warc_record(bytes: &[u8], id_field: &str) -> std::result::Result<WarcDocument, RecordError> {
    let (header, block) = split_record(bytes)?;
    let (id, url) = identify(&header, id_field)?;
    let date = header.get("WARC-Date").map(str::to_owned);
    let source = url.as_deref().and_then(host_of);
    let (text, title) = match classify(&header, block) {
        Disposition::Html => {
            let (page, charset) = if header.warc_type() == "response" {
                let http = HttpMessage::parse(block)
                    .ok_or_else(|| RecordError::Malformed("the response has no HTTP header".into()))?;
                let charset = http.header("Content-Type").and_then(html::charset_param).map(str::to_owned);
                (http.payload().map_err(RecordError::Malformed)?.into_owned(), charset)
            } else {
                (block.to_vec(), header.get("Content-Type").and_then(html::charset_param).map(str::to_owned))
            };
            let decoded = html::decode(&page, charset.as_deref());
            let extracted = html::extract(&decoded, url.as_deref());
            (extracted.text, extracted.title)
        }
        Disposition::Text => {
            let text = std::str::from_utf8(block).map_err(|e| RecordError::InvalidUtf8(e.valid_up_to()))?;
            (text.trim_end_matches(['\r', '\n']).to_owned(), None)
        }
        Disposition::Skip(why) => return Err(RecordError::Malformed(format!("not a document: {why}"))),
    };
    Ok(WarcDocument { id, url, title, date, source, text })
}

/// The id (as [`parse_warc_record`] gives it) and the target URI of a
/// record the reader kept, from its header alone: no payload is decoded.
pub fn id_and_url(bytes: &[u8], id_field: &str) -> std::result::Result<(String, Option<String>), RecordError> {
    let (header, _) = split_record(bytes)?;
    identify(&header, id_field)
}

/// A record's bytes split into its parsed header and its block.
fn split_record(bytes: &[u8]) -> std::result::Result<(Header<'_>, &[u8]), RecordError> {
    let crlf = memchr::memmem::find(bytes, b"\r\n\r\n").map(|i| i + 4);
    let lf = memchr::memmem::find(bytes, b"\n\n").map(|i| i + 2);
    let header_len = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).ok_or_else(|| RecordError::Malformed("the WARC header has no end".into()))?,
    };
    Ok((Header::parse(&bytes[..header_len]), &bytes[header_len..]))
}

/// The document id (`WARC-Record-ID`, or the target URI when `id_field`
/// is `uri` or `url`) and the target URI.
fn identify(header: &Header<'_>, id_field: &str) -> std::result::Result<(String, Option<String>), RecordError> {
    let url = header.target_uri().map(str::to_owned);
    let by_uri = id_field.eq_ignore_ascii_case("uri") || id_field.eq_ignore_ascii_case("url");
    let id = if by_uri {
        url.clone().ok_or_else(|| RecordError::Malformed("no WARC-Target-URI to use as the id".into()))?
    } else {
        header.record_id().map(str::to_owned).ok_or_else(|| RecordError::Malformed("no WARC-Record-ID".into()))?
    };
    Ok((id, url))
}

/// The host of a URL (lower-cased, without user, port or `www.`-less
/// rewriting): `https://News.Example.com:8080/a` gives `news.example.com`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests;
