//! Properties of the dedup pipeline through the library API.

use proptest::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use wiretrace::corpus::{Corpus, ReaderConfig};
use wiretrace::pipeline::{dedup, DedupConfig};
use wiretrace::progress::NoProgress;
use wiretrace::verify::Measure;

/// Documents from a few base texts with small random edits, so clusters form.
fn documents(edits: &[(usize, usize, usize)]) -> Vec<(String, String)> {
    let bases: Vec<Vec<String>> =
        (0..4).map(|b| (0..80).map(|i| format!("w{}", (b * 1000 + i * 7919) % 4001)).collect()).collect();
    edits
        .iter()
        .enumerate()
        .map(|(n, &(base, pos, word))| {
            let mut words = bases[base % 4].clone();
            let p = pos % words.len();
            words[p] = format!("edit{word}");
            (format!("d{n}"), words.join(" "))
        })
        .collect()
}

fn clusters(docs: &[(String, String)], measure: Measure) -> BTreeSet<BTreeSet<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for (id, text) in docs {
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    drop(f);
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    let config = DedupConfig { measure, ..DedupConfig::default() };
    let report = dedup(&corpus, &config, &NoProgress).unwrap();
    report.clusters.iter().map(|c| c.members.iter().map(|m| report.ids[m.doc.index()].clone()).collect()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The clusters (as sets of ids) do not depend on the input order.
    #[test]
    fn clusters_do_not_depend_on_input_order(
        edits in proptest::collection::vec((0usize..4, 0usize..80, 0usize..50), 2..30),
        rotate in 0usize..30,
    ) {
        let docs = documents(&edits);
        let mut shuffled = docs.clone();
        shuffled.reverse();
        let r = rotate % shuffled.len();
        shuffled.rotate_left(r);
        for measure in [Measure::Jaccard, Measure::Containment] {
            prop_assert_eq!(clusters(&docs, measure), clusters(&shuffled, measure));
        }
    }
}

/// Every pair LSH + verification joins has exact similarity at or above the
/// threshold, and every pair at or above it ends in one cluster (checked
/// against an all-pairs scan).
#[test]
fn lsh_finds_all_pairs_above_threshold() {
    use wiretrace::normalize::Tokenizer;
    use wiretrace::shingle::shingle_hashes;
    use wiretrace::verify::jaccard;
    let edits: Vec<(usize, usize, usize)> = (0..120).map(|i| (i % 4, (i * 37) % 80, i)).collect();
    let docs = documents(&edits);
    let found = clusters(&docs, Measure::Jaccard);
    let sets: Vec<Vec<u64>> = docs
        .iter()
        .map(|(_, t)| {
            let mut v = Vec::new();
            shingle_hashes(&Tokenizer::default().tokens(t), 5, DedupConfig::default().seed, &mut v);
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            if jaccard(&sets[i], &sets[j]) >= 0.8 {
                assert!(found.iter().any(|c| c.contains(&docs[i].0) && c.contains(&docs[j].0)), "{i} {j}");
            }
        }
    }
}

/// A copy with a word changed every eight words is still contained in its
/// source (robust verification) and found (3-word fingerprint candidates,
/// though its Jaccard similarity is far below LSH's range); a story that
/// borrows one paragraph is not.
#[test]
fn densely_edited_copy_is_a_containment_duplicate() {
    let words: Vec<String> = (0..400u64).map(|i| format!("w{}", (i * 7919 + 13) % 100_003)).collect();
    let edited: Vec<String> =
        words.iter().enumerate().map(|(i, w)| if i % 8 == 3 { format!("edit{i}") } else { w.clone() }).collect();
    let mut borrower: Vec<String> = (0..300u64).map(|i| format!("b{i}")).collect();
    borrower.extend(words[100..160].iter().cloned());
    let docs = vec![
        ("source".to_owned(), words.join(" ")),
        ("edited".to_owned(), edited.join(" ")),
        ("borrower".to_owned(), borrower.join(" ")),
    ];
    let expected: BTreeSet<BTreeSet<String>> =
        [["source", "edited"].iter().map(|s| s.to_string()).collect()].into_iter().collect();
    assert_eq!(clusters(&docs, Measure::Containment), expected);
    assert!(clusters(&docs, Measure::Jaccard).is_empty(), "Jaccard is about 0.3");
}
