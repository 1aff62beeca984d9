//! One engine under every command: the same copied passage gets the same
//! spans from `passages` and from `check`, and `check` takes its credit
//! rules (gazetteer, cues, the index's own sources) from the same place as
//! `quotes`.

use crate::util::{json_lines, run};
use std::path::Path;

/// A made-up wire story of 61 words.
const STORY: &str = "Harbour authorities in the northern port reopened the main shipping lane on Tuesday after \
divers cleared the wreck of a grain barge that sank during the storm last week, the port director said. \
Traffic had been diverted through the eastern channel, delaying more than forty vessels, and the authorities \
expect the backlog to clear by the end of the month if the weather holds.";

/// Other reference stories, so the index is not one document.
const OTHER: &str = "A travelling exhibition of medieval maps opened at the city museum on Saturday, \
with loans from six libraries and a catalogue of the routes that merchants once followed along the coast.";

/// Write `wire.jsonl` (the story credited to `source`) and build an index.
fn index_with(dir: &Path, source: &str, window: usize) -> String {
    let wire = dir.join("wire.jsonl");
    let rows = [
        serde_json::json!({"id": "wire-1", "source": source, "date": "2024-05-02", "text": STORY}),
        serde_json::json!({"id": "wire-2", "source": "Museum Herald", "date": "2024-05-01", "text": OTHER}),
    ];
    std::fs::write(&wire, rows.iter().map(|r| format!("{r}\n")).collect::<String>()).unwrap();
    let index = dir.join("wire.wtidx").display().to_string();
    let r = run(&["index", "build", "-q", "--window", &window.to_string(), "-o", &index, &wire.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    index
}

/// An article holding the story with a few words changed, after `lead`.
fn article(lead: &str) -> String {
    let edited = STORY.replace("on Tuesday", "early on Tuesday").replace("forty", "40").replace("holds", "stays calm");
    format!("{lead}\n\nCity news in brief, compiled by our desk.\n\n{edited}\n\nMore on page two.\n")
}

#[test]
fn passages_and_check_find_a_copy_with_the_same_spans() {
    let dir = tempfile::tempdir().unwrap();
    // passages seeds with window min_words - k + 1 = 6 for 10 words; an
    // index built with that window seeds check the same way
    let index = index_with(dir.path(), "Nordavis", 6);
    let text = article("Port reopens.");
    let path = dir.path().join("article.txt");
    std::fs::write(&path, &text).unwrap();
    let article_id = path.display().to_string();

    let r = run(&["check", "--json", "-q", "--min-words", "10", "--max-gap", "20", "--index", &index, &article_id]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json_lines(&r.stdout);
    assert_eq!(findings.len(), 1, "{}", r.stdout);
    let f = &findings[0];

    let both = dir.path().join("both");
    std::fs::create_dir(&both).unwrap();
    std::fs::copy(dir.path().join("wire.jsonl"), both.join("a-wire.jsonl")).unwrap();
    std::fs::copy(&path, both.join("b-article.txt")).unwrap();
    let r = run(&["passages", "--json", "-q", &both.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let passages = json_lines(&r.stdout);
    assert_eq!(passages.len(), 1, "{}", r.stdout);
    let members = passages[0]["members"].as_array().unwrap();
    let span_of = |id: &str| {
        let m = members.iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("{id} in {members:?}"));
        (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap())
    };
    let article_span = span_of(&both.join("b-article.txt").display().to_string());
    let wire_span = span_of("wire-1");
    assert_eq!((f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap()), article_span);
    assert_eq!((f["source_start"].as_u64().unwrap(), f["source_end"].as_u64().unwrap()), wire_span);
    // the edited story from its first word to the last word it shares
    // (the changed last words match nothing after them)
    let copied = &text[article_span.0 as usize..article_span.1 as usize];
    assert!(copied.starts_with("Harbour authorities") && copied.ends_with("the month if the weather"), "{copied}");
}

#[test]
fn a_source_named_by_the_index_is_a_known_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_with(dir.path(), "Nordavis", 8);
    let credited = dir.path().join("credited.txt");
    std::fs::write(&credited, article("According to Nordavis, the port is open again.")).unwrap();
    let r = run(&["check", "--json", "-q", "--index", &index, &credited.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let f = &json_lines(&r.stdout)[0];
    assert_eq!((f["attributed"].as_bool(), f["credited"].as_str()), (Some(true), Some("Nordavis")));

    let other = dir.path().join("other.txt");
    std::fs::write(&other, article("According to Reuters, the port is open again.")).unwrap();
    let r = run(&["check", "--json", "-q", "--index", &index, &other.display().to_string()]);
    assert_eq!(r.code, 1, "crediting another outlet is no attribution");
    assert_eq!(json_lines(&r.stdout)[0]["credited"], "Reuters");
}

#[test]
fn check_takes_outlets_and_cues_files() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_with(dir.path(), "Nordavis", 8);
    // an alias only an outlets file knows
    let alias = dir.path().join("alias.txt");
    std::fs::write(&alias, article("According to the Nordic Wire Service, the port is open again.")).unwrap();
    let alias = alias.display().to_string();
    let outlets = dir.path().join("outlets.txt");
    std::fs::write(&outlets, "Nordavis | Nordic Wire Service\n").unwrap();
    let outlets = outlets.display().to_string();
    let r = run(&["check", "-q", "--index", &index, &alias]);
    assert_eq!(r.code, 1, "without the file the alias is unknown: {}", r.stdout);
    let r = run(&["check", "--json", "-q", "--outlets", &outlets, "--index", &index, &alias]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(json_lines(&r.stdout)[0]["credited"], "Nordavis");

    // a credit line only a cues file knows, after the copied text
    let line = dir.path().join("line.txt");
    std::fs::write(&line, format!("{}\nCopy supplied by Nordavis.\n", article("Port reopens."))).unwrap();
    let line = line.display().to_string();
    let cues = dir.path().join("cues.txt");
    std::fs::write(&cues, "credits: copy supplied by\n").unwrap();
    let cues = cues.display().to_string();
    let r = run(&["check", "-q", "--index", &index, &line]);
    assert_eq!(r.code, 1, "without the cue the line credits nothing: {}", r.stdout);
    let r = run(&["check", "-q", "--cues", &cues, "--index", &index, &line]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn every_command_rejects_an_output_format_it_cannot_write() {
    for cmd in ["dedup", "passages", "quotes"] {
        let r = run(&[cmd, "-q", "--output-format", "sarif", "fixtures/seed.txt"]);
        assert_eq!(r.code, 2, "{cmd}");
        assert!(r.stderr.contains(&format!("{cmd} cannot write --output-format sarif")), "{}", r.stderr);
    }
}
