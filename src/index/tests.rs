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
    let h = format::HEADER_LEN;
    assert_eq!(&after[h..before.len()], &before[h..], "old segments are copied byte for byte");
    assert_eq!(u32::from_le_bytes(after[20..24].try_into().unwrap()), 2, "the header counts two segments");
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
        (bytes[..60].to_vec(), "corrupt or truncated segment header"),
        (bytes[..40].to_vec(), "declares 1 segments, the file holds 0"),
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

/// Recompute the checksums of a version 2 file with one segment after a
/// crafted edit, so only the reader's bound checks can catch it.
fn reseal(b: &mut [u8]) {
    let h = format::HEADER_LEN;
    let sum = xxhash_rust::xxh3::xxh3_64(&b[..32]);
    b[32..40].copy_from_slice(&sum.to_le_bytes());
    let body = h + format::SEGMENT_HEADER_LEN;
    let sum = xxhash_rust::xxh3::xxh3_64(&b[body..]);
    b[h + 40..h + 48].copy_from_slice(&sum.to_le_bytes());
}

fn open_bytes(dir: &Path, data: &[u8]) -> crate::error::Result<Index> {
    let path = dir.join("probe.wtidx");
    std::fs::write(&path, data).unwrap();
    Index::open(&path)
}

/// Flipping any bit pattern into any single byte, or cutting the file at
/// any offset, is an error: never a silently different index.
#[test]
fn every_byte_flip_and_every_truncation_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(built(dir.path())).unwrap();
    assert!(open_bytes(dir.path(), &bytes).is_ok());
    for at in 0..bytes.len() {
        let mut b = bytes.clone();
        b[at] ^= 0x01;
        assert!(open_bytes(dir.path(), &b).is_err(), "flipping byte {at} went unnoticed");
        assert!(open_bytes(dir.path(), &bytes[..at]).is_err(), "truncation at {at} went unnoticed");
    }
}

#[test]
fn a_header_only_file_is_not_an_empty_index() {
    let dir = tempfile::tempdir().unwrap();
    let v2 = format::header(&IndexParams::default(), 0);
    let err = open_bytes(dir.path(), &v2).unwrap_err().to_string();
    assert!(err.contains("no segment after the header"), "{err}");
    let v1 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/index/wire-v1.wtidx")).unwrap();
    let err = open_bytes(dir.path(), &v1[..format::HEADER_LEN_V1]).unwrap_err().to_string();
    assert!(err.contains("no segment after the header"), "{err}");
}

#[test]
fn invalid_parameters_are_rejected_even_with_a_valid_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(built(dir.path())).unwrap();
    bytes[12..16].copy_from_slice(&0u32.to_le_bytes());
    reseal(&mut bytes);
    let err = open_bytes(dir.path(), &bytes).unwrap_err().to_string();
    assert!(err.contains("corrupt header") && err.contains("shingle"), "{err}");
}

/// Postings that name a missing document, lie past their text or are out
/// of order are refused at open, checksums notwithstanding.
#[test]
fn crafted_postings_are_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(built(dir.path())).unwrap();
    let seg = format::HEADER_LEN;
    let docs = u64::from_le_bytes(bytes[seg + 8..seg + 16].try_into().unwrap()) as usize;
    let first = seg + format::SEGMENT_HEADER_LEN + docs * format::ENTRY_LEN;
    let cases: [(usize, Vec<u8>, &str); 3] = [
        (first + 8, 7u32.to_le_bytes().to_vec(), "document 7 of 2"),
        (first + 12, u32::MAX.to_le_bytes().to_vec(), "past the text"),
        (first, u64::MAX.to_le_bytes().to_vec(), "out of order"),
    ];
    for (at, edit, expected) in cases {
        let mut b = bytes.clone();
        b[at..at + edit.len()].copy_from_slice(&edit);
        reseal(&mut b);
        let err = open_bytes(dir.path(), &b).unwrap_err().to_string();
        assert!(err.contains(expected), "{err} lacks {expected}");
    }
}

/// `index add` to a version 1 file writes version 2 with both segments.
#[test]
fn add_upgrades_a_version_1_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.wtidx");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/index/wire-v1.wtidx"), &path).unwrap();
    let extra = dir.path().join("more.jsonl");
    std::fs::write(&extra, "{\"id\":\"afp-1\",\"source\":\"AFP\",\"text\":\"A short dispatch about the weather.\"}\n")
        .unwrap();
    let corpus = Corpus::open(&[&extra], ReaderConfig::default()).unwrap();
    assert_eq!(add(&corpus, &path, &NoProgress).unwrap().added, 1);
    let index = Index::open(&path).unwrap();
    assert_eq!(index.info().version, VERSION);
    assert_eq!(index.segments(), 2);
    let ids: Vec<&str> = (0..index.len()).map(|d| index.doc(DocId::new(d)).id).collect();
    assert_eq!(ids, ["tass-2024-04-17-01", "ria-2024-04-18-07", "afp-1"]);
}

/// The version 2 fixture reads as the same documents as version 1.
#[test]
fn reads_checked_in_version_2_index() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/index");
    let v2 = Index::open(&dir.join("wire-v2.wtidx")).unwrap();
    let v1 = Index::open(&dir.join("wire-v1.wtidx")).unwrap();
    assert_eq!(v2.info().version, 2);
    assert_eq!(v2.params(), v1.params());
    assert_eq!(v2.len(), v1.len());
    for d in (0..v1.len()).map(DocId::new) {
        assert_eq!(v2.doc(d), v1.doc(d));
    }
    assert_eq!(v2.segment_bytes(), v1.segment_bytes());
}
