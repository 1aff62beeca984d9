use super::*;
use std::io::Write;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read(paths: &[PathBuf], config: ReaderConfig) -> Result<(Vec<Document>, Vec<Rejected>)> {
    Corpus::open(paths, config)?.read_all()
}

fn err_text(r: Result<(Vec<Document>, Vec<Rejected>)>) -> String {
    r.expect_err("should fail").to_string()
}

#[test]
fn jsonl_fields_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.jsonl",
        b"{\"id\":\"x1\",\"text\":\"Hello\",\"date\":\"2024-01-02\",\"source\":\"TASS\",\"extra\":[1,{\"a\":2}]}\n\
          \n{\"text\":\"no id\",\"date\":null}\n{\"id\":7,\"text\":\"num id\"}\r\n",
    );
    let (docs, rej) = read(&[p], ReaderConfig::default()).unwrap();
    assert!(rej.is_empty());
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let expected_second = format!("{}:3", dir.path().join("a.jsonl").display());
    assert_eq!(ids, ["x1", expected_second.as_str(), "7"]);
    assert_eq!(docs[0].date.as_deref(), Some("2024-01-02"));
    assert_eq!(docs[0].source.as_deref(), Some("TASS"));
    assert_eq!(docs[1].date, None);
    assert_eq!(docs[2].at.line, 4);
}

#[test]
fn custom_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.ndjson", br#"{"url":"u1","body":"Text here","published":"2020"}"#);
    let config = ReaderConfig {
        id_field: "url".into(),
        text_field: "body".into(),
        date_field: "published".into(),
        ..ReaderConfig::default()
    };
    let (docs, _) = read(&[p], config).unwrap();
    assert_eq!(docs[0].id, "u1");
    assert_eq!(docs[0].text, "Text here");
    assert_eq!(docs[0].date.as_deref(), Some("2020"));
}

#[test]
fn lines_and_text_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "s.txt", b"first line\n\nthird line\n");
    let lines = ReaderConfig { format: Format::Lines, ..ReaderConfig::default() };
    let (docs, _) = read(std::slice::from_ref(&p), lines).unwrap();
    assert_eq!(docs.len(), 3, "an empty line is an empty document");
    assert_eq!(docs[1].text, "");
    assert_eq!(docs[2].id, format!("{}:3", p.display()));
    let (docs, _) = read(std::slice::from_ref(&p), ReaderConfig::default()).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, p.display().to_string());
}

#[test]
fn directories_recurse_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"bee");
    write(dir.path(), "a/z.txt", b"zed");
    write(dir.path(), "a/c.txt", b"sea");
    let (docs, _) = read(&[dir.path().to_path_buf()], ReaderConfig::default()).unwrap();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["sea", "zed", "bee"]);
    assert_eq!(docs[0].id, dir.path().join("a").join("c.txt").display().to_string());
}

#[test]
fn gzip_and_zstd() {
    let dir = tempfile::tempdir().unwrap();
    let body = b"{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body).unwrap();
    let gzp = write(dir.path(), "x.jsonl.gz", &gz.finish().unwrap());
    let zsp = write(dir.path(), "y.jsonl.zst", &zstd::encode_all(&body[..], 3).unwrap());
    let (docs, _) = read(&[gzp], ReaderConfig::default()).unwrap();
    assert_eq!(docs.len(), 2);
    let (docs, _) = read(&[zsp], ReaderConfig::default()).unwrap();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["one", "two"]);
}

#[test]
fn truncated_gzip_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..2000).map(|i| format!("{{\"id\":\"{i}\",\"text\":\"document number {i}\"}}\n")).collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    let p = write(dir.path(), "t.jsonl.gz", &bytes);
    let err = err_text(read(std::slice::from_ref(&p), ReaderConfig::default()));
    assert!(err.starts_with(&format!("{}:", p.display())), "{err}");
    assert!(err.contains("truncated or corrupt"), "{err}");
    let skip = ReaderConfig { skip_invalid: true, ..ReaderConfig::default() };
    let (docs, rej) = read(&[p], skip).unwrap();
    assert_eq!(rej.len(), 1);
    assert!(!docs.is_empty() && docs.len() < 2000);
}

#[test]
fn strict_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("bad.jsonl", b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\n", ":2: malformed JSON"),
        ("miss.jsonl", b"{\"id\":\"a\",\"body\":\"x\"}\n", ":1: record has no string field \"text\""),
        ("num.jsonl", b"{\"id\":\"a\",\"text\":5}\n", ":1: field \"text\" is a number"),
        ("utf.jsonl", b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"\xff\"}\n", ":2: invalid UTF-8"),
        ("dup.jsonl", b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n", ":2: duplicate id \"a\""),
        ("arr.jsonl", b"[1,2]\n", ":1: malformed JSON"),
    ];
    for (name, bytes, expected) in cases {
        let p = write(dir.path(), name, bytes);
        let err = err_text(read(std::slice::from_ref(&p), ReaderConfig::default()));
        assert!(err.starts_with(&p.display().to_string()), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err} lacks {expected}");
        let skip = ReaderConfig { skip_invalid: true, ..ReaderConfig::default() };
        let (docs, rej) = read(&[p], skip).unwrap();
        assert_eq!(rej.len(), 1, "{name}");
        assert!(rej[0].to_string().contains(expected), "{name}: {}", rej[0]);
        assert_eq!(docs.len() + rej.len(), bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count());
    }
}

#[test]
fn invalid_utf8_in_text_file_names_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "t.txt", b"line one\nline two \xc3\x28\n");
    let err = err_text(read(std::slice::from_ref(&p), ReaderConfig::default()));
    assert!(err.starts_with(&format!("{}:2: invalid UTF-8", p.display())), "{err}");
}

#[test]
fn missing_input_is_an_error() {
    let err = Corpus::open(&["/no/such/file.jsonl"], ReaderConfig::default()).unwrap_err().to_string();
    assert!(err.contains("/no/such/file.jsonl"), "{err}");
}

/// A FIFO can be read only once; the corpus spools it so every pass sees
/// the whole input (it used to hang on the second pass).
#[cfg(unix)]
#[test]
fn a_fifo_input_is_spooled_and_read_twice() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.jsonl");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(fifo, "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n")
        })
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let corpus = Corpus::open(&[&fifo], ReaderConfig::default()).unwrap();
        let first = corpus.read_all().unwrap().0.len();
        let second = corpus.read_all().unwrap().0.len();
        let _ = tx.send((first, second, corpus.files()[0].display.clone(), fifo));
    });
    let (first, second, display, fifo) =
        rx.recv_timeout(std::time::Duration::from_secs(60)).expect("reading a FIFO twice hung");
    writer.join().unwrap().unwrap();
    assert_eq!((first, second), (2, 2));
    assert_eq!(display, fifo.display().to_string(), "messages name the FIFO, not the spool");
}

/// A corpus of `records` JSON Lines records of about 1 kB each, so that a
/// few thousand make several batches of [`BATCH_BYTES`].
fn many_records(dir: &Path, records: usize) -> PathBuf {
    let body = "word ".repeat(200);
    let mut bytes = Vec::new();
    for i in 0..records {
        writeln!(bytes, "{{\"id\":\"r{i}\",\"text\":\"{i} {body}\"}}").unwrap();
    }
    write(dir, "many.jsonl", &bytes)
}

/// Mapping runs a batch ahead of the sink; results still come back in
/// input order across batches, and each is mapped once.
#[test]
fn scan_results_keep_input_order_across_batches() {
    let dir = tempfile::tempdir().unwrap();
    let records = 3 * BATCH_BYTES / 1000;
    let corpus = Corpus::open(&[many_records(dir.path(), records)], ReaderConfig::default()).unwrap();
    let mut got = Vec::new();
    let rejected = Scan::new(&corpus, &crate::progress::NoProgress)
        .run(|| (), |_, doc| doc.id, &mut |id| {
            got.push(id);
            Ok(())
        })
        .unwrap();
    assert!(rejected.is_empty());
    let want: Vec<String> = (0..records).map(|i| format!("r{i}")).collect();
    assert_eq!(got, want);
}

/// The sink's error stops the scan (no more results reach the sink, and
/// the reading and mapping threads are not left waiting) and is returned.
#[test]
fn a_sink_error_stops_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::open(&[many_records(dir.path(), 3 * BATCH_BYTES / 1000)], ReaderConfig::default()).unwrap();
    let mut calls = 0;
    let err = Scan::new(&corpus, &crate::progress::NoProgress)
        .run(|| (), |_, doc| doc.id, &mut |_| {
            calls += 1;
            Err(crate::error::Error::config("the sink gives up"))
        })
        .expect_err("the sink's error");
    assert_eq!(err.to_string(), "invalid configuration: the sink gives up");
    assert_eq!(calls, 1);
}

/// Inside a caller's rayon pool, documents are mapped in that pool (with
/// its number of threads), not in the global one.
#[test]
fn a_scan_inside_a_pool_maps_in_that_pool() {
    let dir = tempfile::tempdir().unwrap();
    let records = 2 * BATCH_BYTES / 1000;
    let corpus = Corpus::open(&[many_records(dir.path(), records)], ReaderConfig::default()).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(7).build().unwrap();
    let mut sizes = Vec::new();
    pool.install(|| {
        Scan::new(&corpus, &crate::progress::NoProgress).run(|| (), |_, _| rayon::current_num_threads(), &mut |n| {
            sizes.push(n);
            Ok(())
        })
    })
    .unwrap();
    assert_eq!(sizes.len(), records);
    assert!(sizes.iter().all(|&n| n == 7), "mapped in a pool of another size");
}

/// Fetching chosen records by offset gives what the full pass read for
/// them (line ends stripped, `\r\n` too), in order; a place past the end
/// of the file (the input changed) gives nothing.
#[test]
fn fetch_reads_the_records_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "f.jsonl",
        b"{\"id\":\"a\",\"text\":\"one\"}\r\n{\"id\":\"b\",\"text\":\"two\"}\n\n{\"id\":\"c\",\"text\":\"three\"}\n{\"id\":\"d\",\"text\":\"four\"}",
    );
    let corpus = Corpus::open(&[p], ReaderConfig::default()).unwrap();
    let (docs, _) = corpus.read_all().unwrap();
    let mut wanted: Vec<RecordRef> = [0, 3].iter().map(|&i| docs[i].at).collect();
    wanted.push(RecordRef { file: 0, line: 9, offset: 10_000 });
    let mut got = Vec::new();
    Scan::new(&corpus, &crate::progress::NoProgress)
        .fetch(&wanted, || (), |_, doc| (doc.at, doc.text), &mut |r| got.push(r))
        .unwrap();
    assert_eq!(got, vec![(docs[0].at, "one".to_string()), (docs[3].at, "four".to_string())]);
}

/// A panic in the per-document function reaches the caller with its own
/// message, as when mapping ran on the caller's thread.
#[test]
fn a_panic_in_mapping_reaches_the_caller() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::open(&[many_records(dir.path(), 100)], ReaderConfig::default()).unwrap();
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Scan::new(&corpus, &crate::progress::NoProgress).run(
            || (),
            |_, doc| {
                assert!(doc.id != "r42", "mapping fails on r42");
            },
            &mut |()| Ok(()),
        )
    }))
    .expect_err("the panic is resumed");
    let message = match panic.downcast_ref::<&str>() {
        Some(s) => s.to_string(),
        None => panic.downcast_ref::<String>().cloned().unwrap_or_default(),
    };
    assert!(message.contains("mapping fails on r42"), "{message}");
}

proptest::proptest! {
    /// The line check reports the first bad byte where the standard
    /// library's check does, for text with bad bytes anywhere (or none).
    #[test]
    fn jsonl_utf8_check_matches_std(
        text in "[a-zé€ \"\\\\]{0,80}",
        bad in proptest::option::of((0usize..100, 0x80u8..=0xff)),
    ) {
        let mut line = serde_json::to_vec(&serde_json::json!({"id": "a", "text": text})).unwrap();
        if let Some((at, byte)) = bad {
            let at = at.min(line.len());
            line.insert(at, byte);
        }
        let config = ReaderConfig::default();
        let got = crate::corpus::jsonl::parse_jsonl_fields(&line, &config);
        match std::str::from_utf8(&line) {
            Err(e) => proptest::prop_assert!(
                matches!(got, Err(RecordError::InvalidUtf8(at)) if at == e.valid_up_to()),
                "std says {}, got {:?}", e.valid_up_to(), got.err()
            ),
            Ok(_) => proptest::prop_assert!(!matches!(got, Err(RecordError::InvalidUtf8(_)))),
        }
    }
}
