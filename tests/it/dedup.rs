//! `wiretrace dedup` end to end.

use crate::util::{fixture, json_lines, run, run_with, wiretrace};
use serde_json::json;
use std::io::Write;

const NEWS: &str = "fixtures/dedup/news.jsonl";

/// (representative, [(member, similarity)]) per cluster.
fn clusters(stdout: &str) -> Vec<(String, Vec<(String, f64)>)> {
    json_lines(stdout)
        .iter()
        .map(|c| {
            let members = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| (m["id"].as_str().unwrap().to_owned(), m["similarity"].as_f64().unwrap()))
                .collect::<Vec<_>>();
            assert_eq!(c["size"].as_u64().unwrap() as usize, members.len());
            assert_eq!(c["representative"], json!(members[0].0));
            (c["representative"].as_str().unwrap().to_owned(), members)
        })
        .collect()
}

fn ids(c: &(String, Vec<(String, f64)>)) -> Vec<&str> {
    c.1.iter().map(|m| m.0.as_str()).collect()
}

#[test]
fn seed_as_lines_is_one_cluster_of_two() {
    let r = run(&["dedup", "--json", "--format", "lines", "fixtures/seed.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "{\"cluster_id\":1,\"size\":2,\"representative\":\"fixtures/seed.txt:1\",\"members\":[\
         {\"id\":\"fixtures/seed.txt:1\",\"similarity\":1.0},{\"id\":\"fixtures/seed.txt:2\",\"similarity\":1.0}]}\n"
    );
    assert!(r.stderr.contains("read 2 records: 2 documents, 0 rejected"), "{}", r.stderr);
}

#[test]
fn seed_as_one_file_is_no_cluster() {
    let r = run(&["dedup", "--json", "fixtures/seed.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("read 1 records: 1 documents"), "{}", r.stderr);
}

#[test]
fn jaccard_clusters_on_fixture() {
    let r = run(&["dedup", "--json", NEWS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = clusters(&r.stdout);
    let got: Vec<Vec<&str>> = c.iter().map(ids).collect();
    // a4 is a trimmed copy (Jaccard 0.55), a6 borrows one paragraph, s3 and e1 are unique
    assert_eq!(got, vec![vec!["a1", "a2", "a3"], vec!["r1", "r2"], vec!["z1", "z2"], vec!["s1", "s2"]]);
    // a1/a3: 131 shared of 149 distinct 5-shingles, as an independent \w+ count gives
    assert_eq!(c[0].1[2].1, 0.878);
    // r2 changes the last word of 48: 43 shared of 45
    assert_eq!(c[1].1[1].1, 0.9556);
    assert!(r.stderr.contains(
        "read 14 records: 14 documents, 0 rejected; 9 documents in 4 clusters; 9 unique (5 singletons + 4 \
         representatives), 5 duplicates (2 exact); 1 empty"
    ));
}

#[test]
fn containment_joins_trimmed_copy_but_not_borrowed_paragraph() {
    let r = run(&["dedup", "--json", "--measure", "containment", NEWS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = clusters(&r.stdout);
    assert_eq!(ids(&c[0]), vec!["a1", "a2", "a3", "a4"]);
    assert_eq!(c[0].1[3].1, 1.0, "a4 is wholly contained in a1");
    assert!(c.iter().all(|cl| !ids(cl).contains(&"a6")));
}

#[test]
fn keep_policies_pick_representatives() {
    let r = run(&["dedup", "--json", "--keep", "earliest", NEWS]);
    assert_eq!(clusters(&r.stdout)[0].0, "a3", "a3 has the earliest date");
    let r = run(&["dedup", "--json", "--keep", "longest", "--measure", "containment", NEWS]);
    assert_eq!(clusters(&r.stdout)[0].0, "a1", "a1 and a2 are longest; a1 comes first");
}

#[test]
fn no_verify_uses_estimate() {
    let r = run(&["dedup", "--json", "--no-verify", NEWS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = clusters(&r.stdout);
    assert_eq!(ids(&c[0])[..2], ["a1", "a2"]);
}

#[test]
fn identical_output_for_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    // families of near-duplicates: documents i, i+1000 and i+2000 share 59 of 60 pseudo-random words
    let word = |x: u64| format!("w{}", (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) % 50_000);
    for i in 0..3000u64 {
        let base = i % 1000;
        let text: Vec<String> =
            (0..60u64).map(|j| if j == 30 + i / 1000 { format!("edit{i}") } else { word(base * 100 + j) }).collect();
        writeln!(f, "{}", json!({"id": format!("d{i}"), "text": text.join(" ")})).unwrap();
    }
    drop(f);
    let p = path.to_str().unwrap();
    let one = run(&["dedup", "--json", "--threads", "1", "--measure", "containment", p]);
    let two = run(&["dedup", "--json", "--threads", "2", "--measure", "containment", p]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(json_lines(&one.stdout).len(), 1000);
    assert_eq!(one.stdout, two.stdout);
    let one = run(&["dedup", "--json", "--threads", "1", p]);
    let two = run(&["dedup", "--json", "--threads", "2", p]);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn unique_out_copies_records_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("unique.jsonl");
    let r = run(&["dedup", "-q", NEWS, "--unique-out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let input = std::fs::read_to_string(fixture("dedup/news.jsonl")).unwrap();
    let kept: Vec<&str> = input
        .lines()
        .filter(|l| {
            let id = serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned();
            !["a2", "a3", "r2", "z2", "s2"].contains(&id.as_str())
        })
        .collect();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), kept.join("\n") + "\n");
}

#[test]
fn annotate_out_adds_wiretrace_object() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annotated.jsonl");
    let r = run(&["dedup", "-q", NEWS, "--annotate-out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let input = std::fs::read_to_string(fixture("dedup/news.jsonl")).unwrap();
    let rows = json_lines(&text);
    assert_eq!(rows.len(), 14);
    for (line, original) in text.lines().zip(input.lines()) {
        // the original bytes are kept: the annotation is inserted before the closing brace
        assert!(line.starts_with(&original[..original.len() - 1]), "{line}");
    }
    assert_eq!(rows[0]["wiretrace"], json!({"cluster_id": 1, "duplicate_of": null, "similarity": 1.0}));
    assert_eq!(rows[2]["wiretrace"], json!({"cluster_id": 1, "duplicate_of": "a1", "similarity": 0.878}));
    assert_eq!(rows[4]["wiretrace"], json!({"cluster_id": null, "duplicate_of": null, "similarity": null}));
    assert_eq!(rows[10]["extra"], json!({"keep": [1, 2]}), "other fields survive");
}

#[test]
fn text_input_unique_out_is_jsonl_with_id_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("u.jsonl");
    let r = run(&["dedup", "-q", "--format", "lines", "fixtures/seed.txt", "--unique-out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = json_lines(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "fixtures/seed.txt:1");
    assert!(rows[0]["text"].as_str().unwrap().starts_with("The Bear Withdraws."));
}

#[test]
fn reads_standard_input_and_gzip() {
    let input = std::fs::read(fixture("dedup/news.jsonl")).unwrap();
    let r = run_with(wiretrace().args(["dedup", "--json", "-"]).write_stdin(input.clone()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json_lines(&r.stdout).len(), 4);
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("news.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&input).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let r2 = run(&["dedup", "--json", gz.to_str().unwrap()]);
    assert_eq!(r2.stdout, r.stdout);
}

/// Every bad-input case: exit 2, `wiretrace: error: FILE:LINE: ...` on
/// stderr; with --skip-invalid the record is reported, skipped and counted.
#[test]
fn bad_inputs_fail_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = "{\"id\":\"ok\",\"text\":\"a fine record\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..3000 {
        gz.write_all(format!("{{\"id\":\"{i}\",\"text\":\"record {i} of many\"}}\n").as_bytes()).unwrap();
    }
    let mut gz_bytes = gz.finish().unwrap();
    gz_bytes.truncate(gz_bytes.len() * 2 / 3);
    let zst = zstd::encode_all(&b"{\"id\":\"z\",\"text\":\"zed\"}\n".repeat(2000)[..], 3).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "malformed.jsonl",
            format!("{good}{{\"id\": \"x\", \"text\": \"unterminated}}\n").into_bytes(),
            ":2: malformed JSON",
        ),
        (
            "notext.jsonl",
            format!("{good}{{\"id\":\"b\",\"body\":\"x\"}}\n").into_bytes(),
            ":2: record has no string field \"text\"",
        ),
        ("utf8.jsonl", [good.as_bytes(), b"{\"id\":\"b\",\"text\":\"caf\xe9\"}\n"].concat(), ":2: invalid UTF-8"),
        ("dupid.jsonl", format!("{good}{good}").into_bytes(), ":2: duplicate id \"ok\""),
        ("trunc.jsonl.gz", gz_bytes, ": compressed stream is truncated or corrupt"),
        ("trunc.jsonl.zst", zst[..zst.len() - 5].to_vec(), ": compressed stream is truncated or corrupt"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let p = path.to_str().unwrap();
        let r = run(&["dedup", "--json", p]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.starts_with(&format!("wiretrace: error: {p}:")), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{name}: {} lacks {expected}", r.stderr);
        assert_eq!(r.stdout, "");

        let r = run(&["dedup", "--json", "--skip-invalid", p]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(&format!("wiretrace: warning: {p}:")), "{name}: {}", r.stderr);
        assert!(r.stderr.contains("(skipped)") && r.stderr.contains(" 1 rejected"), "{name}: {}", r.stderr);
    }
}

#[test]
fn truncated_gzip_names_the_line_it_stopped_at() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..3000 {
        gz.write_all(format!("{{\"id\":\"{i}\",\"text\":\"record {i}\"}}\n").as_bytes()).unwrap();
    }
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    let path = dir.path().join("t.jsonl.gz");
    std::fs::write(&path, bytes).unwrap();
    let r = run(&["dedup", path.to_str().unwrap()]);
    let after = r.stderr.split(&format!("{}:", path.display())).nth(1).unwrap();
    let line: u64 = after.split(':').next().unwrap().parse().expect("a line number");
    assert!(line > 1 && line <= 3000, "{}", r.stderr);
}

#[test]
fn skip_invalid_accounts_for_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    let body = "{\"id\":\"a\",\"text\":\"one two three four five six\"}\n\
                not json\n\
                {\"id\":\"b\",\"text\":\"one two three four five six\"}\n\
                {\"id\":\"a\",\"text\":\"duplicate id\"}\n\
                {\"id\":\"c\",\"text\":\"\"}\n\
                {\"id\":\"d\"}\n";
    std::fs::write(&path, body).unwrap();
    let r = run(&["dedup", "--skip-invalid", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("(skipped)").count(), 3, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "read 6 records: 3 documents, 3 rejected; 2 documents in 1 clusters; 2 unique (1 singletons + 1 \
             representatives), 1 duplicates (1 exact); 1 empty"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_options_are_errors() {
    let r = run(&["dedup", "--threshold", "1.5", NEWS]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("threshold"), "{}", r.stderr);
    let r = run(&["dedup", "--bands", "20", "--rows", "10", NEWS]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bands × rows"), "{}", r.stderr);
    let r = run(&["dedup", "no/such/file.jsonl"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such/file.jsonl"), "{}", r.stderr);
}
