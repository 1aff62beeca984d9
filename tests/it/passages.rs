//! `wiretrace passages` end to end, on the fixtures in `fixtures/passages`
//! (see its README for what each document holds) and the seed article.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use wiretrace::normalize::Tokenizer;

const NEWS: &str = "fixtures/passages/news.jsonl";
const SEED: &str = "fixtures/seed.txt";

/// Run `wiretrace passages` with `args`.
pub fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("wiretrace").expect("binary").arg("passages").args(args).output().expect("runs")
}

/// The JSON lines of a successful run.
pub fn passages(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json", "-q"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

/// The texts of the news fixture by id.
fn news_texts() -> HashMap<String, String> {
    texts_of(NEWS)
}

/// The texts of a JSON Lines fixture by id.
pub fn texts_of(path: &str) -> HashMap<String, String> {
    std::fs::read_to_string(path)
        .expect("fixture")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json");
            (v["id"].as_str().expect("id").to_string(), v["text"].as_str().expect("text").to_string())
        })
        .collect()
}

/// `(id, start, end)` of each member of a passage.
fn members(p: &Value) -> Vec<(String, usize, usize)> {
    p["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["id"].as_str().expect("id").to_string(),
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            )
        })
        .collect()
}

/// The passages that have a member in document `id`.
fn passages_of<'a>(all: &'a [Value], id: &str) -> Vec<&'a Value> {
    all.iter().filter(|p| members(p).iter().any(|m| m.0 == id)).collect()
}

/// Byte range of `needle` in `text`, from its first to its last word
/// character (spans start and end on words).
fn word_range(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} in text"));
    let t = Tokenizer::default().tokens(needle);
    (at + t[0].span.start as usize, at + t[t.len() - 1].span.end as usize)
}

#[test]
fn seed_as_one_document_is_one_passage_of_two_copies() {
    let text = std::fs::read_to_string(SEED).expect("seed");
    let (first, second) = text.split_once('\n').expect("two lines");
    assert_eq!(first, second);
    let all = passages(&[SEED]);
    assert_eq!(all.len(), 1);
    let p = &all[0];
    let (s1, e1) = word_range(&text, first);
    let start2 = first.len() + 1;
    assert_eq!(members(p), vec![(SEED.to_string(), s1, e1), (SEED.to_string(), start2 + s1, start2 + e1)]);
    assert_eq!((s1, e1), (0, first.len() - 1), "the copy ends with a full stop");
    assert_eq!(p["origin"], SEED);
    assert_eq!(p["members"][0]["origin"], true);
    assert_eq!(p["members"][1]["origin"], false);
    assert_eq!(p["text"], &text[s1..e1]);
    assert_eq!(p["words"], Tokenizer::default().tokens(first).len());
    assert_eq!(p["boilerplate"], false);
}

#[test]
fn seed_readable_output_gives_lines_and_columns() {
    let out = run(&["-q", SEED]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "1 reused passages among 1 documents (2 member spans)");
    assert_eq!(lines[2], "passage 1: 351 words, 2 spans in 1 document, origin fixtures/seed.txt");
    assert_eq!(lines[4], "  fixtures/seed.txt:1:1-1:2304 (bytes 0-2304) origin");
    assert_eq!(lines[5], "  fixtures/seed.txt:2:1-2:2304 (bytes 2306-4610)");
    assert_eq!(lines.len(), 6);
}

#[test]
fn seed_as_lines_links_the_two_documents() {
    let all = passages(&["--format", "lines", SEED]);
    assert_eq!(all.len(), 1);
    assert_eq!(
        members(&all[0]),
        vec![("fixtures/seed.txt:1".to_string(), 0, 2304), ("fixtures/seed.txt:2".to_string(), 0, 2304)]
    );
}

#[test]
fn pasted_paragraph_has_its_exact_span_on_both_sides() {
    let texts = news_texts();
    let paragraph = texts["wire-1"].split("\n\n").nth(2).expect("second body paragraph").to_string();
    assert!(texts["blog-1"].contains(&paragraph));
    let all = passages(&[NEWS]);
    let found = passages_of(&all, "blog-1");
    assert_eq!(found.len(), 1);
    let (ws, we) = word_range(&texts["wire-1"], &paragraph);
    let (bs, be) = word_range(&texts["blog-1"], &paragraph);
    assert_eq!(members(found[0]), vec![("wire-1".to_string(), ws, we), ("blog-1".to_string(), bs, be)]);
    assert_eq!(found[0]["origin"], "wire-1");
    assert_eq!(found[0]["text"], &texts["wire-1"][ws..we]);
}

#[test]
fn edits_inside_a_passage_are_bridged() {
    let texts = news_texts();
    let all = passages(&[NEWS]);
    let found = passages_of(&all, "paper-1");
    assert_eq!(found.len(), 1, "one passage, not fragments between the edits");
    let m = members(found[0]);
    assert_eq!(m.len(), 2);
    // from the quotation's first word to the last word both versions share
    let (w, p) = (&texts["wire-1"], &texts["paper-1"]);
    let end = |t: &str| t.find("later sailings").expect("in text") + "later sailings".len();
    assert_eq!(m[0], ("wire-1".to_string(), w.find("We know how hard").expect("in wire"), end(w)));
    assert_eq!(m[1], ("paper-1".to_string(), p.find("We know how tough").expect("in paper"), end(p)));
    assert_eq!(found[0]["origin"], "wire-1");
}

#[test]
fn shared_notice_is_one_boilerplate_passage() {
    let all = passages(&[NEWS]);
    let found = passages_of(&all, "notice-1");
    assert_eq!(found.len(), 1);
    let ids: Vec<String> = members(found[0]).into_iter().map(|m| m.0).collect();
    assert_eq!(ids, ["notice-1", "notice-2", "notice-3", "notice-4"]);
    assert_eq!(found[0]["boilerplate"], true);
    assert_eq!(found[0]["origin"], "notice-1", "the earliest date");
    assert_eq!(found[0]["words"], 18);
    for p in &all {
        if p != found[0] {
            assert_eq!(p["boilerplate"], false);
        }
    }
}

#[test]
fn stock_phrases_do_not_seed_passages() {
    let all = passages(&["--max-df", "3", NEWS]);
    for id in ["notice-1", "notice-2", "notice-3", "notice-4"] {
        assert!(passages_of(&all, id).is_empty(), "{id} in {all:?}");
    }
    // the other passages are unaffected
    assert_eq!(all.len(), 2);
}

#[test]
fn unrelated_document_is_in_no_passage() {
    let all = passages(&[NEWS]);
    assert_eq!(all.len(), 3);
    assert!(passages_of(&all, "other-1").is_empty());
    let ids: Vec<u64> = all.iter().map(|p| p["passage_id"].as_u64().expect("id")).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn min_words_drops_shorter_reuse() {
    let all = passages(&["--min-words", "50", NEWS]);
    assert_eq!(all.len(), 1);
    assert!(passages_of(&all, "paper-1").len() == 1);
}

/// A corpus of many documents mixing the fixture's sentences, some pasted,
/// some edited, for the thread-count test.
fn mixed_corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let texts = news_texts();
    let mut sentences: Vec<String> = Vec::new();
    let mut keys: Vec<&String> = texts.keys().collect();
    keys.sort();
    for k in keys {
        sentences.extend(texts[k].split(". ").map(str::to_string));
    }
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let mut out = String::new();
    for i in 0..300 {
        let mut doc: Vec<String> = (0..4 + next(6)).map(|_| sentences[next(sentences.len())].clone()).collect();
        if next(3) == 0 {
            let w = next(doc.len());
            doc[w] = doc[w].replacen("the", "a", 1);
        }
        let rec = serde_json::json!({"id": format!("m{i}"), "text": doc.join(". "), "date": format!("2026-01-{:02}", 1 + next(28))});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    let path = dir.join("mixed.jsonl");
    std::fs::write(&path, out).expect("write");
    path
}

#[test]
fn output_is_identical_at_one_and_two_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mixed = mixed_corpus(dir.path());
    let mixed = mixed.to_str().expect("path");
    for args in [vec![NEWS], vec![SEED], vec![mixed], vec![NEWS, mixed]] {
        let mut one = vec!["--json", "-q", "--threads", "1"];
        one.extend(&args);
        let mut two = vec!["--json", "-q", "--threads", "2"];
        two.extend(&args);
        let (a, b) = (run(&one), run(&two));
        assert!(a.status.success() && b.status.success());
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
}

#[test]
fn bad_options_and_records_are_errors() {
    let out = run(&["--max-gap", "0", NEWS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("wiretrace: error: invalid configuration: max-gap"));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": \"a\", \"text\": \"fine\"}\n{not json\n").expect("write");
    let out = run(&[bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl:2: malformed JSON"), "{stderr}");
}

#[test]
fn summary_accounts_for_the_run() {
    let out = run(&[NEWS]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("wiretrace: read 8 records: 8 documents, 0 rejected;"), "{stderr}");
    assert!(stderr.contains("3 passages with 8 member spans"), "{stderr}");
}
