//! `shard::write_components`: labels computed by another engine (Spark, in
//! the Python package) replace the `components` stage, and wrong labellings
//! are refused with a message.

use crate::properties::write_jsonl;
use wiretrace::corpus::ReaderConfig;
use wiretrace::pipeline::DedupConfig;
use wiretrace::progress::NoProgress;
use wiretrace::shard;

/// The components file's rows, as the `components` stage wrote them.
fn labels_of(dir: &std::path::Path) -> Vec<(u64, u64)> {
    let file = std::fs::File::open(dir.join("components.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col =
            |i: usize| batch.column(i).as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap().values().to_vec();
        out.extend(col(0).into_iter().zip(col(1)));
    }
    out
}

#[test]
fn labels_from_elsewhere_give_the_same_clusters_and_wrong_ones_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    // four stories of distinct words, each in six versions with one word
    // changed: four components of six documents
    let docs: Vec<(String, String)> = (0..24)
        .map(|i| {
            let (story, version) = (i % 4, i / 4);
            let mut words: Vec<String> = (0..60).map(|w| format!("s{story}w{w}")).collect();
            words[version * 7] = format!("edit{version}");
            (format!("d{i}"), words.join(" "))
        })
        .collect();
    let path = tmp.path().join("docs.jsonl");
    write_jsonl(&path, &docs);
    let dir = tmp.path().join("stages");
    let config = DedupConfig::default();
    shard::plan(&[&path], ReaderConfig::default(), 3, &dir).unwrap();
    for k in 0..3 {
        shard::sign(&dir, k, &config, &NoProgress).unwrap();
    }
    shard::candidates(&dir, &config, &NoProgress).unwrap();
    shard::verify(&dir, &config, &NoProgress).unwrap();
    shard::components(&dir, &config).unwrap();
    let expected = shard::finalize(&dir, &config, &NoProgress).unwrap();
    assert_eq!(expected.clusters.len(), 4);
    let labels = labels_of(&dir);
    assert_eq!(labels.len(), 24);

    let mut reversed = labels.clone();
    reversed.reverse();
    let summary = shard::write_components(&dir, &config, &reversed).unwrap();
    assert_eq!(summary.rows, 24);
    assert_eq!(labels_of(&dir), labels);
    assert_eq!(shard::finalize(&dir, &config, &NoProgress).unwrap().clusters, expected.clusters);

    let refused = |labels: &[(u64, u64)]| shard::write_components(&dir, &config, labels).unwrap_err().to_string();
    let first = labels[0];
    assert!(refused(&labels[1..]).ends_with(&format!("ordinal {} has no label", first.0)));
    let mut extra = labels.clone();
    extra.push((u64::MAX, first.1));
    assert!(refused(&extra).ends_with(&format!("ordinal {} is in no group or edge", u64::MAX)));
    // two components merged under the smaller label
    let other = labels.iter().map(|l| l.1).find(|&l| l != first.1).unwrap();
    let (lo, hi) = (other.min(first.1), other.max(first.1));
    let merged: Vec<(u64, u64)> = labels.iter().map(|&(o, l)| (o, if l == hi { lo } else { l })).collect();
    assert!(refused(&merged).ends_with(&format!("is labelled {lo} but the smallest ordinal of its component is {hi}")));
    // the file is untouched by refused labellings
    assert_eq!(labels_of(&dir), labels);
}
