//! WARC reader tests on records built in memory: numbering, offsets,
//! truncation, classification and HTTP payloads.

use super::*;

fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn read_all(bytes: &[u8]) -> Vec<Result<WarcRecord, WarcError>> {
    let mut reader = WarcReader::new(bytes);
    std::iter::from_fn(|| reader.next_record()).collect()
}

#[test]
fn splits_records_with_numbers_and_offsets() {
    let a = record("warcinfo", "", b"software: test\r\n");
    let b = record("conversion", "WARC-Target-URI: http://a.example/x\r\n", b"Hello.\n");
    let mut stream = a.clone();
    stream.extend_from_slice(&b);
    let records: Vec<_> = read_all(&stream).into_iter().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    assert_eq!((records[0].number, records[0].offset), (1, 0));
    assert_eq!((records[1].number, records[1].offset), (2, a.len() as u64));
    assert_eq!(records[1].block(), b"Hello.\n");
    assert_eq!(records[1].header().target_uri(), Some("http://a.example/x"));
    assert_eq!(records[1].header().record_id(), Some("urn:uuid:conversion"));
}

#[test]
fn truncated_block_names_the_record() {
    let a = record("conversion", "", b"one");
    let mut stream = a.clone();
    let b = record("conversion", "", b"a longer block of text");
    stream.extend_from_slice(&b[..b.len() - 12]);
    let results = read_all(&stream);
    assert_eq!(results.len(), 2);
    let err = results[1].clone().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "WARC record 2 at byte {} (urn:uuid:conversion): truncated: the block has 14 of its 22 bytes (Content-Length)",
            a.len()
        )
    );
}

#[test]
fn truncated_gzip_member_names_the_record() {
    use std::io::Write;
    let gz = |bytes: &[u8]| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    };
    let first = record("conversion", "", b"one");
    let mut file = gz(&first);
    let second = gz(&record("conversion", "", "two ".repeat(200).as_bytes()));
    file.extend_from_slice(&second[..second.len() / 2]);
    let decoder = flate2::read::MultiGzDecoder::new(&file[..]);
    let results = read_all_from(std::io::BufReader::new(decoder));
    assert_eq!(results.len(), 2);
    let err = results[1].clone().unwrap_err();
    assert_eq!((err.number, err.offset), (2, first.len() as u64));
    assert!(err.message.starts_with("compressed stream is truncated or corrupt"), "{}", err.message);
}

fn read_all_from(reader: impl BufRead) -> Vec<Result<WarcRecord, WarcError>> {
    let mut reader = WarcReader::new(reader);
    std::iter::from_fn(|| reader.next_record()).collect()
}

#[test]
fn truncated_header_and_bad_version_are_errors() {
    let results = read_all(b"WARC/1.0\r\nWARC-Type: response\r\n");
    assert_eq!(results[0].clone().unwrap_err().message, "the stream ends inside the record header (truncated)");
    let results = read_all(b"HTTP/1.1 200 OK\r\n\r\n");
    assert_eq!(results[0].clone().unwrap_err().message, "expected WARC/1.0 or WARC/1.1, found \"HTTP/1.1 200 OK\"");
}

#[test]
fn classifies_records() {
    let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html></html>";
    let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    let moved = b"HTTP/1.1 301 Moved\r\nLocation: /b\r\nContent-Type: text/html\r\n\r\n";
    let cases: [(&str, &[u8], Disposition); 6] = [
        ("response", html, Disposition::Html),
        ("response", png, Disposition::Skip("response (not HTML)".into())),
        ("response", moved, Disposition::Skip("response (HTTP status not 2xx)".into())),
        ("conversion", b"text", Disposition::Text),
        ("request", b"GET / HTTP/1.1\r\n\r\n", Disposition::Skip("request".into())),
        ("metadata", b"x: y", Disposition::Skip("metadata".into())),
    ];
    for (kind, block, want) in cases {
        let bytes = record(kind, "", block);
        let rec = read_all(&bytes).remove(0).unwrap();
        assert_eq!(classify(&rec.header(), rec.block()), want, "{kind}");
    }
}

#[test]
fn dechunks_and_hosts() {
    assert_eq!(dechunk(b"5\r\nHello\r\n6;x=1\r\n world\r\n0\r\n\r\n").unwrap(), b"Hello world");
    assert_eq!(dechunk(b"<html>"), None);
    assert_eq!(host_of("https://News.Example.com:8080/a?b").as_deref(), Some("news.example.com"));
    assert_eq!(host_of("http://user@host.example/").as_deref(), Some("host.example"));
    assert_eq!(host_of("http:///x"), None);
}

#[test]
fn http_payload_is_dechunked_and_gunzipped() {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"<p>hello</p>").unwrap();
    let gz = enc.finish().unwrap();
    let mut body = format!("{:x}\r\n", gz.len()).into_bytes();
    body.extend_from_slice(&gz);
    body.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut msg = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    msg.extend_from_slice(&body);
    let http = HttpMessage::parse(&msg).unwrap();
    assert_eq!(http.status, 200);
    assert_eq!(http.payload().unwrap().as_ref(), b"<p>hello</p>");
    // stored de-chunked and decoded although the header still says so
    let plain = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n<p>hi</p>";
    assert_eq!(HttpMessage::parse(plain).unwrap().payload().unwrap().as_ref(), b"<p>hi</p>");
}

#[test]
fn wet_record_to_document() {
    let bytes = record(
        "conversion",
        "WARC-Target-URI: https://www.example.org/story\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n",
        b"Line one.\nLine two.\n",
    );
    let doc = parse_warc_record(&bytes[..bytes.len() - 4], "id").unwrap();
    assert_eq!(doc.id, "urn:uuid:conversion");
    assert_eq!(doc.text, "Line one.\nLine two.");
    assert_eq!(doc.date.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(doc.source.as_deref(), Some("www.example.org"));
    let by_uri = parse_warc_record(&bytes, "uri").unwrap();
    assert_eq!(by_uri.id, "https://www.example.org/story");
}
