use super::*;
use crate::corpus::{Corpus, DocId, ReaderConfig};
use crate::fingerprint::{Occurrence, Postings};
use crate::normalize::Tokenizer;
use crate::progress::NoProgress;
use std::path::Path;

fn wire_corpus() -> Corpus {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/check/wire.jsonl");
    Corpus::open(&[path], ReaderConfig::default()).unwrap()
}

fn built(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("wire.wtidx");
    build(&wire_corpus(), &IndexParams::default(), &path, &NoProgress).unwrap();
    path
}

#[test]
fn build_open_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::open(&built(dir.path())).unwrap();
    assert_eq!(index.len(), 2);
    let d = index.doc(DocId(0));
    assert_eq!(d.id, "tass-2024-04-17-01");
    assert_eq!(d.source, Some("TASS"));
    assert_eq!(d.date, Some("2024-04-17"));
    assert_eq!(d.title, Some("Coastal railway to be rebuilt"));
    assert!(d.text.starts_with("The government of the Northern Territory"));
    assert_eq!(index.doc(DocId(1)).source, Some("RIA Novosti"));
    // every fingerprint of a document is found again at its position
    let tokens = Tokenizer::new(index.params().seed).tokens(d.text);
    let fps = index.params().fingerprints(&tokens, &mut Vec::new());
    let mut out = Vec::new();
    for f in &fps {
        index.lookup(f.hash, &mut out);
        assert!(out.contains(&Occurrence { doc: DocId(0), pos: f.pos }));
    }
    assert_eq!(
        index.info().postings,
        fps.len() + {
            let t = Tokenizer::new(index.params().seed).tokens(index.doc(DocId(1)).text);
            index.params().fingerprints(&t, &mut Vec::new()).len()
        }
    );
}

#[test]
fn add_appends_a_segment_and_rejects_known_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = built(dir.path());
    let extra = dir.path().join("more.jsonl");
    std::fs::write(&extra, "{\"id\":\"afp-1\",\"source\":\"AFP\",\"text\":\"A short dispatch about the weather.\"}\n")
        .unwrap();
    let corpus = Corpus::open(&[&extra], ReaderConfig::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(add(&corpus, &path, &NoProgress).unwrap().added, 1);
    let after = std::fs::read(&path).unwrap();
    assert_eq!(&after[..before.len()], &before[..], "old segments are copied byte for byte");
    let index = Index::open(&path).unwrap();
    assert_eq!(index.len(), 3);
    assert_eq!(index.info().segments, 2);
    assert_eq!(index.doc(DocId(2)).id, "afp-1");
    let err = add(&corpus, &path, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("duplicate id \"afp-1\""), "{err}");
    assert_eq!(Index::open(&path).unwrap().len(), 3, "a failed add leaves the index as it was");
}

#[test]
fn truncated_and_corrupted_files_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = built(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    let bad = dir.path().join("bad.wtidx");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (bytes[..bytes.len() - 10].to_vec(), "truncated"),
        (bytes[..40].to_vec(), "corrupt or truncated segment header"),
        (
            {
                let mut b = bytes.clone();
                let n = b.len();
                b[n - 20] ^= 0x55;
                b
            },
            "checksum mismatch",
        ),
        (
            {
                let mut b = bytes.clone();
                b[8] = 9;
                b
            },
            "format version 9 is not supported",
        ),
        (b"not an index at all, just text".to_vec(), "bad magic"),
        (Vec::new(), "bad magic"),
    ];
    for (data, expected) in cases {
        std::fs::write(&bad, &data).unwrap();
        let err = Index::open(&bad).unwrap_err().to_string();
        assert!(err.starts_with(&bad.display().to_string()), "{err}");
        assert!(err.contains(expected), "{err} lacks {expected}");
    }
}

/// An index written by version 1 of the format, checked in: this build must
/// keep reading it (see fixtures/index/README.md for how it was made).
#[test]
fn reads_checked_in_version_1_index() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/index/wire-v1.wtidx");
    let index = Index::open(&path).unwrap();
    assert_eq!(index.info().version, 1);
    assert_eq!(index.params(), &IndexParams::default());
    let ids: Vec<&str> = (0..index.len()).map(|d| index.doc(DocId::new(d)).id).collect();
    assert_eq!(ids, ["tass-2024-04-17-01", "ria-2024-04-18-07"]);
    let wire = wire_corpus().read_all().unwrap().0;
    assert_eq!(index.doc(DocId(0)).text, wire[0].text);
}
