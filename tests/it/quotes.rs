//! `wiretrace quotes` end to end: the seed article, the trace fixture
//! corpus, options and errors.

use assert_cmd::Command;
use serde_json::{json, Value};

fn wiretrace() -> Command {
    Command::cargo_bin("wiretrace").unwrap()
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn seed_block_quote_and_peskov() {
    let out = wiretrace().args(["quotes", "--json", "-q", "--format", "text", "fixtures/seed.txt"]).output().unwrap();
    assert!(out.status.success());
    let rows = json_lines(&out.stdout);
    // the seed holds the article twice: two block quotes, two inner quotes
    assert_eq!(rows.len(), 4);
    let block = &rows[0];
    assert_eq!(block["doc"], "fixtures/seed.txt");
    assert_eq!((block["start"].as_u64(), block["end"].as_u64()), (Some(197), Some(525)));
    assert!(block["quote"].as_str().unwrap().starts_with("The withdrawal of Russian peacekeepers"));
    assert_eq!(block["speaker"], "TASS");
    assert_eq!(block["outlet"], "TASS");
    assert_eq!(block["cue"], "reads");
    assert_eq!(
        rows[1],
        json!({"doc": "fixtures/seed.txt", "start": 317, "end": 335, "quote": "Yes, this is true,",
               "speaker": "the Kremlin spokesman", "speaker_name": "Dmitry Peskov", "outlet": "TASS", "cue": "replied"})
    );
    // the inner quote lies inside the block
    assert!(rows[1]["start"].as_u64() > block["start"].as_u64() && rows[1]["end"].as_u64() < block["end"].as_u64());
}

#[test]
fn seed_readable_output() {
    let out = wiretrace().args(["quotes", "-q", "--format", "text", "fixtures/seed.txt"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "fixtures/seed.txt:317-335  “Yes, this is true,”\n    speaker: the Kremlin spokesman (Dmitry Peskov) [replied], via TASS\n"
        ),
        "{text}"
    );
    assert!(text.contains("    speaker: TASS [reads], via TASS\n"));
    assert!(out.stderr.is_empty());
}

#[test]
fn summary_on_stderr_unless_quiet() {
    let out = wiretrace().args(["quotes", "--json", "--format", "text", "fixtures/seed.txt"]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "wiretrace: read 1 records: 1 documents, 0 rejected; 4 quotes (4 with a speaker, 4 credited to an outlet)\n"
    );
}

#[test]
fn min_words_drops_short_quotes() {
    let out = wiretrace()
        .args(["quotes", "--json", "-q", "--min-words", "5", "--format", "text", "fixtures/seed.txt"])
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["cue"] == "reads"));
}

fn trace_rows(threads: &str) -> Vec<Value> {
    let out = wiretrace()
        .args(["quotes", "--json", "-q", "--trace", "--threads", threads, "fixtures/quotes/corpus.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    json_lines(&out.stdout)
}

#[test]
fn trace_finds_the_tass_origin_and_flags_uncredited_copies() {
    let rows = trace_rows("2");
    let by_doc = |id: &str| rows.iter().find(|r| r["doc"] == id).unwrap().clone();
    let origin = json!({"id": "tass-1", "start": 26, "end": 144});
    let credited = by_doc("blog-credited");
    assert_eq!(
        (&credited["outlet"], &credited["origin"], &credited["attributed"]),
        (&json!("TASS"), &origin, &json!(true))
    );
    let uncredited = by_doc("blog-uncredited");
    assert_eq!(
        (&uncredited["outlet"], &uncredited["origin"], &uncredited["attributed"]),
        (&Value::Null, &origin, &json!(false))
    );
    let wrong = by_doc("blog-wrong");
    assert_eq!((&wrong["outlet"], &wrong["origin"], &wrong["attributed"]), (&json!("Reuters"), &origin, &json!(false)));
    // ТАСС is TASS (reported as the Russian text names it)
    let ru = by_doc("ru-credited");
    assert_eq!((&ru["outlet"], &ru["origin"], &ru["attributed"]), (&json!("ТАСС"), &origin, &json!(true)));
    // the wire itself and the unrelated story have no earlier origin
    assert_eq!(by_doc("tass-1")["origin"], Value::Null);
    assert_eq!(by_doc("weather-1")["origin"], Value::Null);
    assert_eq!(by_doc("weather-1")["speaker"], "forecaster Kari Nordmann");
    assert_eq!(rows.len(), 6);
}

#[test]
fn trace_output_is_the_same_for_any_thread_count() {
    assert_eq!(trace_rows("1"), trace_rows("2"));
}

#[test]
fn without_trace_there_are_no_trace_fields() {
    let out = wiretrace().args(["quotes", "--json", "-q", "fixtures/quotes/corpus.jsonl"]).output().unwrap();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r.get("origin").is_none() && r.get("attributed").is_none()));
}

fn run_on(doc: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["quotes", "--json", "-q"];
    args.extend_from_slice(extra);
    args.push(doc.to_str().unwrap());
    json_lines(&wiretrace().args(&args).output().unwrap().stdout)
}

#[test]
fn outlets_file_adds_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "\"It will rain all week long,\" Oslo Dagblad reported.").unwrap();
    assert_eq!(run_on(&doc, &[])[0]["outlet"], Value::Null);
    assert_eq!(run_on(&doc, &["--outlets", "fixtures/quotes/outlets.txt"])[0]["outlet"], "Oslo Daily");
}

#[test]
fn bad_outlets_file_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "# fine\n | \n").unwrap();
    let out = wiretrace().args(["quotes", "--outlets", bad.to_str().unwrap(), "fixtures/seed.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("wiretrace: error: ") && err.contains("bad.txt: line 2:"), "{err}");
}

#[test]
fn cues_file_adds_a_language() {
    let dir = tempfile::tempdir().unwrap();
    let cues = dir.path().join("de.txt");
    std::fs::write(&cues, "verbs: sagte\n").unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "„Wir ziehen ab“, sagte Peskow.").unwrap();
    assert_eq!(run_on(&doc, &[])[0]["speaker"], Value::Null);
    let with = run_on(&doc, &["--cues", cues.to_str().unwrap()]);
    assert_eq!(
        (&with[0]["quote"], &with[0]["speaker"], &with[0]["cue"]),
        (&json!("Wir ziehen ab"), &json!("Peskow"), &json!("sagte"))
    );
}
