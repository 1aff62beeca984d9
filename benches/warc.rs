//! Criterion bench of WARC reading: a generated `.warc.gz` (one gzip member
//! per record, as crawlers write them: HTML responses with their requests
//! and a warcinfo record) is decompressed, split into records and each
//! record classified, on one core: `read_warc_gz` as `wiretrace` reads it
//! (whole members inflated by libdeflate, src/corpus/gzip.rs),
//! `read_warc_gz_flate2` as it did before (flate2's streaming decoder), and
//! decompression alone by each (`gunzip_members`, `gunzip_flate2`), so the
//! ratios show in one run. Throughput is per byte of compressed input, timed by the CPU time of the benchmarking thread (so that other
//! processes on a busy machine do not count against it; wall time is the
//! same on an idle one). Extraction of the main text is not part of it (it
//! runs on every core, per page, after reading).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::io::{BufRead, BufReader, Write};
use std::time::Duration;
use wiretrace::corpus::gzip::GzipMembers;
use wiretrace::corpus::warc::{classify, Disposition, WarcReader};

/// Words the generated articles are made of.
const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Monday",
    "that",
    "new",
    "budget",
    "would",
    "fund",
    "schools",
    "roads",
    "and",
    "hospitals",
    "across",
    "region",
    "officials",
    "expect",
    "vote",
    "next",
    "week",
    "after",
    "long",
    "debate",
    "over",
    "taxes",
    "residents",
    "asked",
    "questions",
    "about",
    "plan",
    "mayor",
    "told",
    "reporters",
    "in",
    "statement",
    "price",
    "of",
    "energy",
    "rose",
    "sharply",
    "this",
    "year",
    "while",
    "wages",
    "stayed",
    "flat",
    "according",
    "to",
    "figures",
    "released",
    "by",
    "statistics",
    "office",
    "river",
    "flooded",
    "town",
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("in memory");
    enc.finish().expect("in memory")
}

fn record(kind: &str, n: usize, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://news{}.example/story/{n}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        n % 7,
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A `.warc.gz` of `pages` HTML responses (about 30 kB of HTML each) with
/// a request before each; returns the compressed bytes.
fn generate(pages: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = gzip(&record("warcinfo", 0, "application/warc-fields", b"software: bench\r\n"));
    for n in 1..=pages {
        let mut html = String::from(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story</title>\
             <link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><nav><ul>",
        );
        for section in ["World", "Politics", "Business", "Sport", "Culture", "Science", "Opinion"] {
            html.push_str(&format!("<li><a href=\"/section/{section}\">{section}</a></li>"));
        }
        html.push_str("</ul></nav><article>");
        for _ in 0..40 {
            html.push_str("<p>");
            for _ in 0..100 {
                html.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
                html.push(' ');
            }
            html.push_str("</p>\n");
        }
        html.push_str("</article><footer>All rights reserved.</footer></body></html>");
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let request = format!("GET /story/{n} HTTP/1.1\r\nHost: news.example\r\n\r\n");
        out.extend(gzip(&record("request", 2 * n, "application/http; msgtype=request", request.as_bytes())));
        out.extend(gzip(&record("response", 2 * n + 1, "application/http; msgtype=response", http.as_bytes())));
    }
    out
}

/// Split a decompressed WARC stream into records and classify each; check
/// the counts and return the number of HTML pages.
fn read_records(stream: impl BufRead, pages: usize) -> usize {
    let mut reader = WarcReader::new(stream);
    let mut html = 0;
    let mut records = 0;
    while let Some(record) = reader.next_record() {
        let record = record.expect("the generated file is valid");
        records += 1;
        if classify(&record.header(), record.block()) == Disposition::Html {
            html += 1;
        }
    }
    assert_eq!((records, html), (2 * pages + 1, pages));
    html
}

/// CPU time used by the calling thread so far.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Run `f` `iters` times and return the CPU time it took on this thread.
fn cpu_timed<T>(iters: u64, mut f: impl FnMut() -> T) -> Duration {
    let start = thread_cpu_time();
    for _ in 0..iters {
        std::hint::black_box(f());
    }
    thread_cpu_time() - start
}

fn benches(c: &mut Criterion) {
    let pages = 400;
    let compressed = generate(pages);
    let plain = {
        let mut out = Vec::new();
        std::io::copy(&mut flate2::read::MultiGzDecoder::new(&compressed[..]), &mut out).expect("in memory");
        out.len()
    };
    eprintln!(
        "generated {} bytes of .warc.gz, {plain} bytes decompressed (ratio {:.1})",
        compressed.len(),
        plain as f64 / compressed.len() as f64
    );
    let mut g = c.benchmark_group("warc");
    g.throughput(Throughput::Bytes(compressed.len() as u64));
    g.sample_size(20);
    // the floor: decompression alone, by flate2's streaming decoder (what
    // the reader used before) and by whole members (what it uses now)
    g.bench_function("gunzip_flate2", |b| {
        b.iter_custom(|iters| {
            cpu_timed(iters, || {
                let mut decoder = flate2::read::MultiGzDecoder::new(&compressed[..]);
                std::io::copy(&mut decoder, &mut std::io::sink()).expect("in memory")
            })
        })
    });
    g.bench_function("gunzip_members", |b| {
        b.iter_custom(|iters| {
            cpu_timed(iters, || {
                let mut decoder = GzipMembers::new(&compressed[..]);
                let n = std::io::copy(&mut decoder, &mut std::io::sink()).expect("in memory");
                assert_eq!(n, plain as u64);
                n
            })
        })
    });
    // the reader as it was: records from flate2's streaming decoder
    g.bench_function("read_warc_gz_flate2", |b| {
        b.iter_custom(|iters| {
            cpu_timed(iters, || {
                let decoder = flate2::read::MultiGzDecoder::new(&compressed[..]);
                read_records(BufReader::with_capacity(1 << 20, decoder), pages)
            })
        })
    });
    // the reader as `wiretrace` opens a .warc.gz
    g.bench_function("read_warc_gz", |b| {
        b.iter_custom(|iters| cpu_timed(iters, || read_records(GzipMembers::new(&compressed[..]), pages)))
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
