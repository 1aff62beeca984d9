//! `wiretrace eval` end to end on the hand-made fixtures in `fixtures/eval/`
//! (their numbers agree with the reference scorers; see its README).

use crate::util::wiretrace;
use predicates::str::contains;
use serde_json::Value;

fn json_of(args: &[&str]) -> Value {
    let out = wiretrace().args(args).arg("--json").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn dedup_text_output() {
    wiretrace()
        .args(["eval", "--truth", "fixtures/eval/truth.json", "fixtures/eval/predictions.jsonl"])
        .assert()
        .success()
        .stdout(
            "dedup: 6 documents, 1 predicted clusters\n\
             pairs: truth positive 6, predicted 3, true positive 3\n\
             precision=1.0000 recall=0.5000 f1=0.6667 ari=0.5455\n",
        );
}

#[test]
fn dedup_json_output_with_and_without_docs() {
    for extra in [&[][..], &["--docs", "fixtures/eval/docs.jsonl"][..]] {
        let mut args = vec!["eval", "--truth", "fixtures/eval/truth.json", "fixtures/eval/predictions.jsonl"];
        args.extend_from_slice(extra);
        let v = json_of(&args);
        assert_eq!(v["kind"], "dedup");
        assert_eq!(v["documents"], 6);
        assert_eq!(
            (v["truth_pairs"].as_u64(), v["predicted_pairs"].as_u64(), v["true_pairs"].as_u64()),
            (Some(6), Some(3), Some(3))
        );
        assert_eq!(v["precision"], 1.0);
        assert_eq!(v["recall"], 0.5);
        // (3 - 6·3/15) / (4.5 - 6·3/15)
        assert!((v["ari"].as_f64().unwrap() - 1.8 / 3.3).abs() < 1e-12);
    }
}

#[test]
fn passages_scores_with_docs_beside_the_truth() {
    let v = json_of(&[
        "eval",
        "--kind",
        "passages",
        "--truth",
        "fixtures/eval/passages/truth.json",
        "fixtures/eval/passages/predictions.jsonl",
    ]);
    assert_eq!(v["kind"], "passages");
    assert_eq!((v["correct_bytes"].as_u64(), v["judged_bytes"].as_u64()), (Some(94), Some(100)));
    assert_eq!(v["precision"], 0.94);
    assert_eq!(v["recall"], 1.0);
    assert_eq!(v["span_recall"], 1.0);
    assert_eq!(v["links"], 1);
}

#[test]
fn quotes_scores() {
    let v = json_of(&[
        "eval",
        "--kind",
        "quotes",
        "--truth",
        "fixtures/eval/quotes/quotes.jsonl",
        "--docs",
        "fixtures/eval/quotes/docs.jsonl",
        "fixtures/eval/quotes/predictions.jsonl",
    ]);
    assert_eq!((v["segments"].as_u64(), v["matched"].as_u64()), (Some(3), Some(3)));
    assert_eq!((v["speakers_judged"].as_u64(), v["speakers_correct"].as_u64()), (Some(2), Some(2)));
    assert_eq!((v["pronouns_judged"].as_u64(), v["pronouns_correct"].as_u64()), (Some(1), Some(0)));
    assert_eq!((v["recall"].as_f64(), v["outlet_acc"].as_f64()), (Some(1.0), Some(1.0)));
    // the scored segments have five words each: --min-words 6 leaves none
    let v = json_of(&[
        "eval",
        "--kind",
        "quotes",
        "--min-words",
        "6",
        "--truth",
        "fixtures/eval/quotes/quotes.jsonl",
        "fixtures/eval/quotes/predictions.jsonl",
    ]);
    assert_eq!(v["segments"], 0);
}

#[test]
fn malformed_prediction_line_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, "{\"members\": [\"s1\", \"s2\"]}\n{not json\n").unwrap();
    wiretrace()
        .args(["eval", "--truth", "fixtures/eval/truth.json"])
        .arg(&pred)
        .assert()
        .code(2)
        .stderr(contains("pred.jsonl:2: malformed JSON"));
}

#[test]
fn truth_without_clusters_or_pairs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let truth = dir.path().join("truth.json");
    std::fs::write(&truth, "{\"docs\": [\"a\"]}").unwrap();
    wiretrace()
        .args(["eval", "--truth"])
        .arg(&truth)
        .arg("fixtures/eval/predictions.jsonl")
        .assert()
        .code(2)
        .stderr(contains("neither \"clusters\" nor \"pairs\""));
}

#[test]
fn passage_span_outside_the_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, "{\"members\": [{\"id\": \"r1\", \"start\": 0, \"end\": 999}]}\n").unwrap();
    wiretrace()
        .args(["eval", "--kind", "passages", "--truth", "fixtures/eval/passages/truth.json"])
        .arg(&pred)
        .assert()
        .code(2)
        .stderr(contains("span [0,999) outside document \"r1\""));
}
