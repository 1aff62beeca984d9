//! `dedup --method minhash|simhash|exact` on `fixtures/eval/docs.jsonl`:
//! s1 and s2 are identical, s3 is s1 with one word changed, s4 keeps the
//! first 60 % of s1, u1 and u2 are unrelated.

use crate::util::wiretrace;
use serde_json::Value;

fn clusters(args: &[&str]) -> Vec<Vec<(String, f64)>> {
    let out = wiretrace()
        .args(["dedup", "--json", "-q"])
        .args(args)
        .arg("fixtures/eval/docs.jsonl")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| (m["id"].as_str().unwrap().to_string(), m["similarity"].as_f64().unwrap()))
                .collect()
        })
        .collect()
}

fn c(members: &[(&str, f64)]) -> Vec<(String, f64)> {
    members.iter().map(|&(id, s)| (id.to_string(), s)).collect()
}

#[test]
fn exact_finds_identical_copies_only() {
    assert_eq!(clusters(&["--method", "exact"]), vec![c(&[("s1", 1.0), ("s2", 1.0)])]);
}

#[test]
fn simhash_finds_the_one_word_edit_and_verifies_jaccard() {
    // similarity is the verified Jaccard of shingle sets, like MinHash's
    let want = vec![c(&[("s1", 1.0), ("s2", 1.0), ("s3", 0.9713)])];
    assert_eq!(clusters(&["--method", "simhash"]), want);
    assert_eq!(clusters(&["--method", "minhash"]), want);
}

#[test]
fn simhash_without_verification_reports_one_minus_hamming_over_64() {
    // s3 (one changed word) is 2 bits from s1, the 60 % trim s4 12 bits
    let near = vec![c(&[("s1", 1.0), ("s2", 1.0), ("s3", 0.9688)])]; // 1 - 2/64, rounded
    assert_eq!(clusters(&["--method", "simhash", "--no-verify"]), near);
    assert_eq!(clusters(&["--method", "simhash", "--no-verify", "--max-hamming", "11"]), near);
    assert_eq!(
        clusters(&["--method", "simhash", "--no-verify", "--max-hamming", "12"]),
        vec![c(&[("s1", 1.0), ("s2", 1.0), ("s3", 0.9688), ("s4", 0.8125)])]
    );
}

#[test]
fn simhash_with_containment_joins_the_trimmed_copy() {
    let got = clusters(&["--method", "simhash", "--measure", "containment", "--max-hamming", "12"]);
    assert_eq!(got.len(), 1);
    let ids: Vec<&str> = got[0].iter().map(|m| m.0.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4"]);
}

#[test]
fn max_hamming_out_of_range_is_an_error() {
    wiretrace()
        .args(["dedup", "--method", "simhash", "--max-hamming", "64", "fixtures/eval/docs.jsonl"])
        .assert()
        .code(2);
}
