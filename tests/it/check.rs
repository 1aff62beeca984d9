//! `wiretrace index` and `wiretrace check` end to end, on a TASS story and
//! articles that copy it in each way.

use crate::util::{json_lines, run};

const INDEX: &str = "fixtures/index/wire-v1.wtidx";

fn check(file: &str, extra: &[&str]) -> crate::util::Run {
    let path = format!("fixtures/check/articles/{file}");
    let mut args = vec!["check", "--index", INDEX];
    args.extend_from_slice(extra);
    args.push(&path);
    run(&args)
}

#[test]
fn uncredited_copy_fails_with_line_and_column() {
    let r = check("uncredited.txt", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "fixtures/check/articles/uncredited.txt:3:1: error: copied 54 words from TASS (tass-2024-04-17-01) without credit\n\
         wiretrace check: 1 documents, 1 findings: 1 failing, 0 attributed\n"
    );
}

#[test]
fn credited_copy_passes() {
    for file in ["credited.txt", "dateline.txt"] {
        let r = check(file, &[]);
        assert_eq!(r.code, 0, "{file}: {}", r.stdout);
        assert!(r.stdout.contains("note: copied 54 words from TASS (tass-2024-04-17-01) credited"), "{}", r.stdout);
        let r = check(file, &["--strict"]);
        assert_eq!(r.code, 1, "--strict fails attributed copies too");
    }
}

#[test]
fn wrongly_credited_copy_fails() {
    let r = check("wrong_credit.txt", &["--json"]);
    assert_eq!(r.code, 1);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 1);
    let f = &rows[0];
    assert_eq!(f["source_id"], "tass-2024-04-17-01");
    assert_eq!(f["source"], "TASS");
    assert_eq!(f["attributed"], false);
    assert_eq!(f["credited"], "Reuters");
    assert_eq!(f["line"], 3);
    assert_eq!(f["words"], 54);
    let text = std::fs::read_to_string("fixtures/check/articles/wrong_credit.txt").unwrap();
    let span = &text[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize];
    assert!(span.starts_with("the project will cost") && span.ends_with("burst their banks"), "{span}");
}

#[test]
fn paraphrase_passes_with_no_finding() {
    let r = check("paraphrase.txt", &[]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "wiretrace check: 1 documents, 0 findings: 0 failing, 0 attributed\n");
}

#[test]
fn sarif_has_required_fields_and_stable_fingerprints() {
    let r = check("uncredited.txt", &["--output-format", "sarif"]);
    assert_eq!(r.code, 1);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "wiretrace");
    let rules: Vec<&str> =
        run0["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rules, ["WT001", "WT002"]);
    let res = &run0["results"][0];
    assert_eq!(res["ruleId"], "WT001");
    assert_eq!(res["level"], "error");
    assert!(res["message"]["text"].as_str().unwrap().contains("without credit"));
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "fixtures/check/articles/uncredited.txt");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert_eq!(res["partialFingerprints"]["wiretraceCopy/v1"].as_str().unwrap().len(), 16);
    // the same copy moved down the same file keeps its fingerprint
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("article.txt");
    let text = std::fs::read_to_string("fixtures/check/articles/uncredited.txt").unwrap();
    let sarif = |content: &str| -> serde_json::Value {
        std::fs::write(&file, content).unwrap();
        let r = run(&["check", "--index", INDEX, "--output-format", "sarif", file.to_str().unwrap()]);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["runs"][0]["results"][0].clone()
    };
    let before = sarif(&text);
    let after = sarif(&format!("A new first line.\n\n{text}"));
    assert_eq!(before["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(after["locations"][0]["physicalLocation"]["region"]["startLine"], 5);
    assert_eq!(before["partialFingerprints"], after["partialFingerprints"]);
    let other = sarif(&text.replace("Opposition", "Some"));
    assert_eq!(before["partialFingerprints"], other["partialFingerprints"], "edits outside the copy keep it");
}

#[test]
fn github_annotations_and_limit() {
    let r = check("uncredited.txt", &["--output-format", "github"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "::error file=fixtures/check/articles/uncredited.txt,line=3,col=1,title=Unattributed copy::fixtures/check/articles/uncredited.txt: \
         copied 54 words from TASS (tass-2024-04-17-01) without credit"
    );
    // more failing documents than GitHub shows: the rest are counted, not dropped
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("fixtures/check/articles/uncredited.txt").unwrap();
    for i in 0..13 {
        std::fs::write(dir.path().join(format!("copy{i:02}.txt")), &text).unwrap();
    }
    let r = run(&["check", "--index", INDEX, "--output-format", "github", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.matches("::error ").count(), 10);
    assert!(r.stdout.contains("::notice title=wiretrace::3 more findings are not annotated"), "{}", r.stdout);
    assert!(r.stdout.ends_with("wiretrace check: 13 documents, 13 findings: 13 failing, 0 attributed\n"));
}

#[test]
fn allow_list_skips_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let allow = dir.path().join("allow.txt");
    std::fs::write(&allow, "# licensed\nsource:ТАСС we subscribe to the TASS wire\n").unwrap();
    let r = check("uncredited.txt", &["--allow", allow.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("1 findings skipped by the allow list"));
    std::fs::write(&allow, "id:fixtures/check/articles/uncredited.txt\n").unwrap();
    let r = check("uncredited.txt", &["--allow", allow.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("allow.txt:1: an allow entry needs a reason"), "{}", r.stderr);
}

#[test]
fn index_build_add_info_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("w.wtidx");
    let idx_s = idx.to_str().unwrap();
    let r = run(&["index", "build", "-o", idx_s, "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let built = std::fs::read(&idx).unwrap();
    // version 2 has a 40-byte header (a checksum and the segment count);
    // the segment is byte for byte the checked-in version 1 file's
    assert_eq!(&built[40..], &std::fs::read(INDEX).unwrap()[32..], "building is deterministic");
    let again = dir.path().join("again.wtidx");
    let r = run(&["index", "build", "-o", again.to_str().unwrap(), "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(&again).unwrap(), built);
    let r = run(&["index", "add", idx_s, "fixtures/check/articles/paraphrase.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["index", "info", "--json", idx_s]);
    let info: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(info["documents"], 3);
    assert_eq!(info["segments"], 2);
    assert_eq!(info["version"], 2);
    // adding the same document again is a duplicate id: error, index unchanged
    let r = run(&["index", "add", idx_s, "fixtures/check/articles/paraphrase.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("duplicate id"), "{}", r.stderr);
}

#[test]
fn corrupt_index_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("bad.wtidx");
    let bytes = std::fs::read(INDEX).unwrap();
    std::fs::write(&idx, &bytes[..bytes.len() - 7]).unwrap();
    let r = run(&["check", "--index", idx.to_str().unwrap(), "fixtures/check/articles/uncredited.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with(&format!("wiretrace: error: {}: truncated", idx.display())), "{}", r.stderr);
}

/// `quotes --trace --index`: a quoted wire passage traces to the index
/// document; credited to its outlet it is attributed, credited to another
/// it is not.
#[test]
fn quotes_trace_into_the_index() {
    let r = run(&["quotes", "--trace", "--index", INDEX, "--json", "fixtures/check/articles/credited.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["outlet"], "TASS");
    assert_eq!(rows[0]["origin"]["id"], "tass-2024-04-17-01");
    assert_eq!(rows[0]["attributed"], true);
    let wire = std::fs::read_to_string("fixtures/check/wire.jsonl").unwrap();
    let wire_text: serde_json::Value = serde_json::from_str(wire.lines().next().unwrap()).unwrap();
    let wire_text = wire_text["text"].as_str().unwrap();
    let (s, e) =
        (rows[0]["origin"]["start"].as_u64().unwrap() as usize, rows[0]["origin"]["end"].as_u64().unwrap() as usize);
    assert!(wire_text[s..e].starts_with("The project will cost") && wire_text[s..e].ends_with("burst their banks"));

    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("reuters.txt");
    let credited = std::fs::read_to_string("fixtures/check/articles/credited.txt").unwrap();
    std::fs::write(&other, credited.replace("The report from TASS reads below:", "Reuters reported:")).unwrap();
    let r = run(&["quotes", "--trace", "--index", INDEX, "--json", other.to_str().unwrap()]);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows[0]["outlet"], "Reuters");
    assert_eq!(rows[0]["origin"]["id"], "tass-2024-04-17-01");
    assert_eq!(rows[0]["attributed"], false);
}

/// Every command rejects a repeated id with the file and line, and skips
/// it with --skip-invalid (the check lives in the shared scan).
#[test]
fn duplicate_ids_are_errors_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"a\",\"text\":\"\\\"One quote here,\\\" she said.\"}\n{\"id\":\"a\",\"text\":\"again\"}\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let idx = dir.path().join("i.wtidx");
    let commands: Vec<Vec<&str>> = vec![
        vec!["dedup", p],
        vec!["passages", p],
        vec!["quotes", p],
        vec!["check", "--index", INDEX, p],
        vec!["index", "build", "-o", idx.to_str().unwrap(), p],
    ];
    for args in commands {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(&format!("{p}:2: duplicate id \"a\"")), "{args:?}: {}", r.stderr);
        let mut skip = args.clone();
        skip.push("--skip-invalid");
        let r = run(&skip);
        assert_eq!(r.code, 0, "{skip:?}: {}", r.stderr);
        assert!(r.stderr.contains("(skipped)"), "{skip:?}: {}", r.stderr);
    }
}

/// A reference text copied three times is three findings, each reported
/// once (a63ac9d reported one finding per broken seed chain, many times).
#[test]
fn repeated_copies_are_each_reported_once() {
    let wire = std::fs::read_to_string("fixtures/check/wire.jsonl").unwrap();
    let first: serde_json::Value = serde_json::from_str(wire.lines().next().unwrap()).unwrap();
    let text = first["text"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thrice.txt");
    let filler = "\n\nMeanwhile the city council met to discuss parking fees and little else.\n\n";
    std::fs::write(&path, [text, filler, text, filler, text].concat()).unwrap();
    let r = run(&["check", "--index", INDEX, "--json", path.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    let mut keys: Vec<(u64, u64, String)> = rows
        .iter()
        .map(|f| {
            (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap(), f["source_id"].as_str().unwrap().to_owned())
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "a finding is reported more than once: {}", r.stdout);
    assert_eq!(rows.iter().filter(|f| f["source_id"] == "tass-2024-04-17-01").count(), 3, "{}", r.stdout);
}

/// An index cut at its segment boundary is an error (exit 2), not an
/// empty index that passes every input.
#[test]
fn a_truncated_index_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("wire.wtidx");
    let r = run(&["index", "build", "-o", idx.to_str().unwrap(), "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&idx).unwrap();
    std::fs::write(&idx, &bytes[..40]).unwrap();
    let r = run(&["check", "--index", idx.to_str().unwrap(), "fixtures/check/articles/uncredited.txt"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("declares 1 segments, the file holds 0"), "{}", r.stderr);
}
