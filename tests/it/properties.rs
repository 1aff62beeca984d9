//! Properties of the dedup pipeline through the library API.

use proptest::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use wiretrace::corpus::{Corpus, ReaderConfig};
use wiretrace::pipeline::{dedup, DedupConfig};
use wiretrace::progress::NoProgress;
use wiretrace::verify::Measure;

/// Documents from a few base texts with small random edits, so clusters form.
pub fn documents(edits: &[(usize, usize, usize)]) -> Vec<(String, String)> {
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

/// Write `(id, text)` documents as JSON Lines to `path`.
pub fn write_jsonl(path: &std::path::Path, docs: &[(String, String)]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for (id, text) in docs {
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    f.flush().unwrap();
}

/// A corpus of `docs` (in a temporary directory kept alive with it).
fn corpus_of(docs: &[(String, String)]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    write_jsonl(&path, docs);
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    (dir, corpus)
}

fn clusters(docs: &[(String, String)], measure: Measure) -> BTreeSet<BTreeSet<String>> {
    let (_dir, corpus) = corpus_of(docs);
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

/// Documents that drift: each is the one before with `steps[i]` more words
/// replaced, so neighbours are near-duplicates and the ends of a chain are
/// not.
fn drifting(steps: &[(usize, usize)]) -> Vec<(String, String)> {
    let mut words: Vec<String> = (0..90u64).map(|i| format!("w{}", (i * 7919 + 3) % 100_003)).collect();
    let mut out = Vec::new();
    for (n, &(count, at)) in steps.iter().enumerate() {
        for k in 0..count {
            let p = (at + k * 31) % words.len();
            words[p] = format!("x{n}_{k}");
        }
        out.push((format!("d{n}"), words.join(" ")));
    }
    out
}

/// Exact Jaccard of 5-word shingle sets, computed apart from the pipeline.
fn exact_jaccard(a: &str, b: &str) -> f64 {
    use wiretrace::normalize::Tokenizer;
    use wiretrace::shingle::shingle_hashes;
    let set = |t: &str| {
        let mut v = Vec::new();
        shingle_hashes(&Tokenizer::default().tokens(t), 5, DedupConfig::default().seed, &mut v);
        v.sort_unstable();
        v.dedup();
        v
    };
    wiretrace::verify::jaccard(&set(a), &set(b))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// With `--cluster centers` every member is at or above the threshold
    /// to its representative, each document is in one cluster at most, and
    /// the clusters split the components without moving a document to
    /// another component.
    #[test]
    fn centers_keep_every_removed_document_near_its_representative(
        steps in proptest::collection::vec((1usize..3, 0usize..90), 3..24),
    ) {
        use wiretrace::cluster::Linkage;
        let docs = drifting(&steps);
        let (_dir, corpus) = corpus_of(&docs);
        let run = |linkage| dedup(&corpus, &DedupConfig { linkage, ..DedupConfig::default() }, &NoProgress).unwrap();
        let (components, centers) = (run(Linkage::Components), run(Linkage::Centers));
        let mut seen = BTreeSet::new();
        for c in &centers.clusters {
            let rep = &docs[c.representative.index()].1;
            prop_assert_eq!(c.members[0].doc, c.representative);
            for m in &c.members {
                prop_assert!(seen.insert(m.doc), "{:?} in two clusters", m.doc);
                let j = exact_jaccard(rep, &docs[m.doc.index()].1);
                prop_assert!(j >= 0.8, "member {:?} at {} to its representative", m.doc, j);
                prop_assert!((m.similarity - j).abs() < 1e-9);
            }
            let home = components.clusters.iter().filter(|k| k.members.iter().any(|x| x.doc == c.representative)).count();
            prop_assert_eq!(home, 1);
            let comp = components.clusters.iter().find(|k| k.members.iter().any(|x| x.doc == c.representative)).unwrap();
            prop_assert!(c.members.iter().all(|m| comp.members.iter().any(|x| x.doc == m.doc)));
        }
        prop_assert!(centers.clusters.len() >= components.clusters.len() || centers.stats.clustered < components.stats.clustered);
        let ids: Vec<usize> = centers.clusters.iter().map(|c| c.id).collect();
        prop_assert_eq!(ids, (1..=centers.clusters.len()).collect::<Vec<_>>());
    }
}

/// A drifting chain is one component but several clusters around centers.
#[test]
fn a_chain_is_split_around_centers() {
    use wiretrace::cluster::Linkage;
    let steps: Vec<(usize, usize)> = (0..12).map(|i| (1, i * 13)).collect();
    let docs = drifting(&steps);
    assert!(exact_jaccard(&docs[0].1, &docs[1].1) >= 0.8);
    assert!(exact_jaccard(&docs[0].1, &docs[11].1) < 0.8);
    let (_dir, corpus) = corpus_of(&docs);
    let run = |linkage| dedup(&corpus, &DedupConfig { linkage, ..DedupConfig::default() }, &NoProgress).unwrap();
    let (components, centers) = (run(Linkage::Components), run(Linkage::Centers));
    assert_eq!(components.clusters.len(), 1);
    assert_eq!(components.clusters[0].members.len(), 12);
    let sizes: Vec<usize> = centers.clusters.iter().map(|c| c.members.len()).collect();
    assert!(sizes.len() >= 2, "{sizes:?}");
    assert_eq!(centers.clusters[0].representative, wiretrace::corpus::DocId(0));
}
