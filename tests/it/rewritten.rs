//! `wiretrace passages --sensitivity high` and `--pairs` end to end, on
//! `fixtures/rewritten` (see its README).

use crate::passages::{passages as lines, run, texts_of};
use serde_json::Value;
use std::collections::HashMap;

const BRIDGE: &str = "fixtures/rewritten/bridge.jsonl";

fn texts() -> HashMap<String, String> {
    texts_of(BRIDGE)
}

/// Byte range from the start of `first` to the end of `last` in `text`.
fn range(text: &str, first: &str, last: &str) -> (u64, u64) {
    let a = text.find(first).expect("first");
    let b = text.find(last).expect("last") + last.len();
    (a as u64, b as u64)
}

#[test]
fn paraphrased_and_reordered_passage_is_one_pair_in_high_mode() {
    let t = texts();
    let pairs = lines(&["--sensitivity", "high", "--pairs", BRIDGE]);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let p = &pairs[0];
    assert_eq!((p["a"].as_str(), p["b"].as_str(), p["origin"].as_str()), (Some("origin"), Some("rewrite"), Some("a")));
    let a = range(&t["origin"], "The council of Harwick", "while the crossing is shut.");
    let b = range(&t["rewrite"], "Inspectors discovered", "while the crossing is closed.");
    assert_eq!((p["a_start"].as_u64(), p["a_end"].as_u64()), (Some(a.0), Some(a.1)));
    assert_eq!((p["b_start"].as_u64(), p["b_end"].as_u64()), (Some(b.0), Some(b.1)));
    assert_eq!(p["words"].as_u64(), Some(85));
    let score = p["score"].as_f64().expect("score");
    assert!(score > 0.34 && score < 1.0, "{score}");
}

#[test]
fn default_mode_finds_no_exact_run_in_the_paraphrase() {
    assert_eq!(lines(&[BRIDGE]), Vec::<Value>::new());
    assert_eq!(lines(&["--pairs", BRIDGE]), Vec::<Value>::new());
}

#[test]
fn high_mode_clusters_are_the_pairs_with_two_members() {
    let t = texts();
    let clusters = lines(&["--sensitivity", "high", BRIDGE]);
    assert_eq!(clusters.len(), 1);
    let c = &clusters[0];
    assert_eq!(c["origin"].as_str(), Some("origin"));
    let members: Vec<(&str, u64, u64, bool)> = c["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["id"].as_str().expect("id"),
                m["start"].as_u64().expect("start"),
                m["end"].as_u64().expect("end"),
                m["origin"].as_bool().expect("origin"),
            )
        })
        .collect();
    let a = range(&t["origin"], "The council of Harwick", "while the crossing is shut.");
    let b = range(&t["rewrite"], "Inspectors discovered", "while the crossing is closed.");
    assert_eq!(members, [("origin", a.0, a.1, true), ("rewrite", b.0, b.1, false)]);
}

#[test]
fn pairs_from_restricts_alignment_and_names_unknown_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("pairs.txt");
    std::fs::write(&list, "# only these\norigin other\n\n").expect("write");
    let list_arg = list.to_str().expect("utf-8 path");
    assert_eq!(lines(&["--sensitivity", "high", "--pairs", "--pairs-from", list_arg, BRIDGE]), Vec::<Value>::new());
    std::fs::write(&list, "rewrite origin\n").expect("write");
    assert_eq!(lines(&["--sensitivity", "high", "--pairs", "--pairs-from", list_arg, BRIDGE]).len(), 1);
    std::fs::write(&list, "origin\tnowhere\n").expect("write");
    let out = run(&["--sensitivity", "high", "--pairs-from", list_arg, BRIDGE]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pair 1 (origin nowhere): no document with id \"nowhere\""), "{err}");
    std::fs::write(&list, "origin rewrite other\n").expect("write");
    let out = run(&["--pairs-from", list_arg, BRIDGE]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pairs.txt:1: expected two document ids, found 3"), "{err}");
}

#[test]
fn verbatim_copy_reports_the_exact_run_in_high_mode() {
    let t = texts();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("copy.jsonl");
    let body = &t["origin"][..t["origin"].find("\nIn other news").expect("break")];
    let copy =
        format!("Breaking news from the valley tonight. Readers wrote to us. {body}\nThat is all for today, thanks.");
    let docs = [("first", body.to_string()), ("second", copy.clone())];
    let jsonl: String =
        docs.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n").collect();
    std::fs::write(&path, jsonl).expect("write");
    let pairs = lines(&["--sensitivity", "high", "--pairs", path.to_str().expect("utf-8")]);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let p = &pairs[0];
    let at = copy.find(body).expect("copied") as u64;
    // the exact run: from the first to the last word (the final period is not a word)
    let len = body.len() as u64 - 1;
    assert_eq!((p["a_start"].as_u64(), p["a_end"].as_u64()), (Some(0), Some(len)));
    assert_eq!((p["b_start"].as_u64(), p["b_end"].as_u64()), (Some(at), Some(at + len)));
    assert_eq!(p["score"].as_f64(), Some(1.0));
}
