//! What crawls produce: WARC files (HTML responses, WET conversions,
//! records that are not documents, a truncated record) and saved HTML
//! pages (boilerplate, windows-1251), through `extract`, `dedup` and
//! `check`. The fixtures are described in fixtures/crawl/README.md.

use crate::util::{json_lines, run};
use serde_json::json;

const CRAWL: &str = "fixtures/crawl/crawl.warc.gz";
const TRUNCATED: &str = "fixtures/crawl/truncated.warc.gz";
const PAGES: &str = "fixtures/crawl/pages";

/// The ferry story as both sites print it (the Coastal Daily copy writes
/// "40 cars" and adds a reporting line).
const STORY: [&str; 5] = [
    "The passenger ferry between Eastport and the island of Lund returned to service on Tuesday after four months in dry dock, the harbour authority said.",
    "Engineers replaced both engines, rebuilt the car deck and fitted a new lift for wheelchair users. The work cost about two million euros, a third more than planned, because rust damage to the hull was worse than the first survey had shown.",
    "Islanders had relied on a smaller boat that carried no vehicles and was often cancelled in strong wind. Shop owners on Lund said deliveries of fresh food had arrived late for weeks, and the island school closed twice when teachers could not cross.",
    "The first crossing left Eastport at seven in the morning with forty cars and more than two hundred passengers on board. The captain sounded the horn three times as the ferry passed the lighthouse, and a crowd waiting on the island pier answered with applause.",
    "The authority said the timetable would return to six crossings a day from next week, with an extra evening sailing on Fridays during the summer season.",
];

const SKIPPED: &str = "5 WARC records not documents (metadata: 1, request: 2, response (not HTML): 1, warcinfo: 1)";

fn uuid(n: u32) -> String {
    format!("urn:uuid:00000000-0000-4000-8000-0000000000{n:02}")
}

#[test]
fn warc_responses_and_wet_conversions_become_documents() {
    let r = run(&["extract", "--json", CRAWL]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, format!("3 documents, {SKIPPED}\n"));
    let rows = json_lines(&r.stdout);
    let coastal = {
        let mut paras: Vec<String> = STORY.iter().map(|p| p.to_string()).collect();
        paras[3] = paras[3].replace("with forty cars", "with 40 cars");
        paras.push("Additional reporting by Coastal Daily staff.".into());
        paras.join("\n\n")
    };
    assert_eq!(
        rows,
        vec![
            json!({"id": uuid(3), "url": "https://gazette.example/news/ferry-returns",
                   "title": "Harbour ferry returns after winter repairs", "date": "2024-05-14T08:01:01Z",
                   "source": "gazette.example", "text": STORY.join("\n\n")}),
            json!({"id": uuid(5), "url": "https://www.coastal-daily.example/region/ferry",
                   "title": "Harbour ferry returns after winter repairs", "date": "2024-05-14T09:30:02Z",
                   "source": "www.coastal-daily.example", "text": coastal}),
            json!({"id": uuid(8), "url": "http://tides.example/eastport", "title": null,
                   "date": "2024-05-14T10:00:00Z", "source": "tides.example",
                   "text": "Tide tables for the coming week\nHigh water at Eastport will be at 06:12 and 18:40 on Monday, moving about fifty minutes later each day.\nBoat owners are reminded that the inner harbour gate closes two hours after high water."}),
        ]
    );
}

#[test]
fn warc_ids_can_be_target_uris() {
    let r = run(&["extract", "--json", "-q", "--id-field", "uri", CRAWL]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let ids: Vec<_> = json_lines(&r.stdout).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        ids,
        [
            "https://gazette.example/news/ferry-returns",
            "https://www.coastal-daily.example/region/ferry",
            "http://tides.example/eastport"
        ]
    );
}

#[test]
fn truncated_warc_record_is_an_error_naming_it() {
    let message = "fixtures/crawl/truncated.warc.gz: record 9: at byte 7161 \
                   (urn:uuid:00000000-0000-4000-8000-000000000009): truncated: the block has 200 of its 2209 bytes \
                   (Content-Length)";
    let r = run(&["extract", "--json", TRUNCATED]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, format!("wiretrace: error: {message}\n"));
    let r = run(&["extract", "--json", "--skip-invalid", TRUNCATED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json_lines(&r.stdout).len(), 3);
    assert_eq!(
        r.stderr,
        format!("wiretrace: warning: {message} (skipped)\n3 documents, 1 invalid records skipped, {SKIPPED}\n")
    );
}

#[test]
fn dedup_finds_one_story_on_two_sites() {
    let r = run(&["dedup", "--json", "-q", CRAWL]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert_eq!(rows[0]["representative"], json!(uuid(3)));
    let members = rows[0]["members"].as_array().unwrap();
    let ids: Vec<_> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [uuid(3), uuid(5)]);
    let similarity = members[1]["similarity"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&similarity), "near, not exact: {similarity}");
}

#[test]
fn html_page_main_text_without_boilerplate() {
    let r = run(&["extract", &format!("{PAGES}/boilerplate.html")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "== fixtures/crawl/pages/boilerplate.html\n\
         title: Library extends opening hours for students\n\
         \n\
         The city library will stay open until ten in the evening from the first of June, the culture department announced on Thursday.\n\
         \n\
         Students had asked for longer hours for two years, saying the reading rooms were the only quiet place to work during the examination period. A petition with more than three thousand signatures was handed to the council in March.\n\
         \n\
         The extra hours will be paid for by closing the branch in the old town hall on Mondays. Staff from that branch will move to the main building, and no jobs will be cut, the department said.\n\
         \n\
         Librarians will also lend laptops for use inside the building and open a second room for group work on the ground floor.\n\
         \n"
    );
}

#[test]
fn windows_1251_pages_are_decoded_declared_or_not() {
    let expected = "Новый пешеходный мост через реку Лососинку открыли в субботу, сообщили в городской администрации.\n\n\
        Строительство заняло полтора года и обошлось городу примерно в сто двадцать миллионов рублей. Мост длиной восемьдесят метров соединил два жилых района, которые раньше разделял объезд в несколько километров.\n\n\
        Жители говорят, что теперь дорога до школы и поликлиники занимает меньше десяти минут. Вечером на мосту включают подсветку, и многие приходят сюда просто погулять.\n\n\
        Летом рядом с мостом обещают обустроить набережную со скамейками и велосипедной дорожкой.";
    for page in ["cp1251.html", "cp1251-undeclared.html"] {
        let r = run(&["extract", "--json", "-q", &format!("{PAGES}/{page}")]);
        assert_eq!(r.code, 0, "{page}: {}", r.stderr);
        let rows = json_lines(&r.stdout);
        assert_eq!(rows[0]["text"], expected, "{page}");
        assert_eq!(rows[0]["title"], "В Петрозаводске открыли новый мост через реку", "{page}");
    }
}

#[test]
fn text_input_stays_strict_utf8() {
    // the same windows-1251 bytes read as a text document are rejected
    let r = run(&["extract", "--format", "text", &format!("{PAGES}/cp1251.html")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("wiretrace: error: fixtures/crawl/pages/cp1251.html:")
            && r.stderr.contains("invalid UTF-8"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_lines_pass_through_extract() {
    let r = run(&["extract", "--json", "-q", "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows[0]["id"], "tass-2024-04-17-01");
    assert_eq!(rows[0]["source"], "TASS");
    assert_eq!(rows[0]["date"], "2024-04-17");
    assert_eq!(rows[0]["title"], "Coastal railway to be rebuilt");
    assert_eq!(rows[0]["url"], json!(null));
}

#[test]
fn check_reads_a_directory_of_html_pages() {
    let r = run(&["check", "--index", "fixtures/index/wire-v1.wtidx", "--json", PAGES]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert_eq!(rows[0]["doc"], "fixtures/crawl/pages/copied.html");
    assert_eq!(rows[0]["source_id"], "tass-2024-04-17-01");
    assert_eq!(rows[0]["attributed"], false);
    // offsets and lines refer to the extracted text: the copy is its second paragraph
    assert_eq!(rows[0]["line"], 3);
    assert_eq!(rows[0]["column"], 1);
}

#[test]
fn formats_are_chosen_by_extension() {
    use wiretrace::corpus::{Corpus, FileKind, ReaderConfig};
    let corpus = Corpus::open(&[CRAWL, PAGES, "fixtures/check/wire.jsonl"], ReaderConfig::default()).unwrap();
    let kinds: Vec<_> = corpus.files().iter().map(|f| (f.display.as_str(), f.kind)).collect();
    assert_eq!(
        kinds,
        [
            (CRAWL, FileKind::Warc),
            ("fixtures/crawl/pages/boilerplate.html", FileKind::Html),
            ("fixtures/crawl/pages/copied.html", FileKind::Html),
            ("fixtures/crawl/pages/cp1251-undeclared.html", FileKind::Html),
            ("fixtures/crawl/pages/cp1251.html", FileKind::Html),
            ("fixtures/check/wire.jsonl", FileKind::Jsonl),
        ]
    );
}

const RAILWAY: &str = "fixtures/crawl/urls/railway.html";
const GAZETTE_URL: &str = "https://gazette.example/news/ferry-returns";
const COASTAL_URL: &str = "https://www.coastal-daily.example/region/ferry";

#[test]
fn dedup_json_names_the_members_urls() {
    let r = run(&["dedup", "--json", "-q", CRAWL]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "{{\"cluster_id\":1,\"size\":2,\"representative\":\"{u3}\",\"members\":[\
             {{\"id\":\"{u3}\",\"similarity\":1.0,\"url\":\"{GAZETTE_URL}\"}},\
             {{\"id\":\"{u5}\",\"similarity\":0.9149,\"url\":\"{COASTAL_URL}\"}}]}}\n",
            u3 = uuid(3),
            u5 = uuid(5)
        )
    );
    // HTML pages: the URL a page declares (Gazette: its canonical link);
    // none for a page that declares none, or for a text file
    let r = run(&["dedup", "--json", "-q", "fixtures/crawl/sites"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "{{\"cluster_id\":1,\"size\":3,\"representative\":\"fixtures/crawl/sites/coastal.html\",\"members\":[\
             {{\"id\":\"fixtures/crawl/sites/coastal.html\",\"similarity\":1.0}},\
             {{\"id\":\"fixtures/crawl/sites/gazette.html\",\"similarity\":0.9149,\"url\":\"{GAZETTE_URL}\"}},\
             {{\"id\":\"fixtures/crawl/sites/story.txt\",\"similarity\":0.8866}}]}}\n"
        )
    );
}

#[test]
fn passages_json_names_the_members_urls() {
    let r = run(&["passages", "--json", "-q", CRAWL]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert_eq!(
        rows[0]["members"],
        json!([
            {"id": uuid(3), "start": 0, "end": 1051, "origin": true, "url": GAZETTE_URL},
            {"id": uuid(5), "start": 0, "end": 1048, "origin": false, "url": COASTAL_URL},
        ])
    );
    // offsets are into the extracted text
    let text = STORY.join("\n\n");
    assert_eq!(rows[0]["text"], text[..1051].trim_end_matches('.'));
}

#[test]
fn quotes_and_check_json_name_the_page_url() {
    let r = run(&["quotes", "--json", "-q", RAILWAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "{\"doc\":\"fixtures/crawl/urls/railway.html\",\"url\":\"https://coast-herald.example/2024/04/railway-plan\",\
         \"start\":467,\"end\":524,\"quote\":\"We have waited long enough for a train that runs on time,\",\
         \"speaker\":\"the mayor of the port town\",\"outlet\":null,\"cue\":\"told\"}\n"
    );
    let r = run(&["check", "--json", "-q", "--index", "fixtures/index/wire-v1.wtidx", RAILWAY]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "{\"doc\":\"fixtures/crawl/urls/railway.html\",\"url\":\"https://coast-herald.example/2024/04/railway-plan\",\
         \"start\":145,\"end\":461,\"line\":3,\"column\":1,\"words\":54,\"source_id\":\"tass-2024-04-17-01\",\
         \"source\":\"TASS\",\"attributed\":false,\"credited\":null,\"source_start\":186,\"source_end\":502,\
         \"near_duplicate\":false}\n"
    );
    // the offsets are into the extracted text: they cut out the quote and
    // the copied paragraph exactly
    let r = run(&["extract", "--json", "-q", RAILWAY]);
    let text = json_lines(&r.stdout)[0]["text"].as_str().unwrap().to_owned();
    assert_eq!(&text[467..524], "We have waited long enough for a train that runs on time,");
    assert!(text[145..461].starts_with("The project will cost") && text[145..461].ends_with("burst their banks"));
}

#[test]
fn json_lines_input_has_no_url_fields() {
    let r = run(&["quotes", "--json", "-q", "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r2 = run(&["dedup", "--json", "-q", "fixtures/check/wire.jsonl", "fixtures/check/wire.jsonl"]);
    for out in [&r.stdout, &r2.stdout] {
        assert!(!out.contains("\"url\""), "{out}");
    }
}

/// The summary line every command prints for the records of a WARC file
/// that are not documents.
const SKIPPED_LINE: &str =
    "wiretrace: 5 WARC records not documents (metadata: 1, request: 2, response (not HTML): 1, warcinfo: 1)";

#[test]
fn every_command_counts_skipped_and_invalid_warc_records() {
    let warning = "wiretrace: warning: fixtures/crawl/truncated.warc.gz: record 9: at byte 7161 \
                   (urn:uuid:00000000-0000-4000-8000-000000000009): truncated: the block has 200 of its 2209 bytes \
                   (Content-Length) (skipped)";
    let index = std::env::temp_dir().join(format!("wiretrace-crawl-skip-{}.wtidx", std::process::id()));
    let index = index.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["dedup", "--json"],
            "wiretrace: read 4 records: 3 documents, 1 rejected; 2 documents in 1 clusters; 2 unique \
             (1 singletons + 1 representatives), 1 duplicates (0 exact); 0 empty; 1 candidate pairs, 1 verified",
        ),
        (
            &["passages", "--json"],
            "wiretrace: read 4 records: 3 documents, 1 rejected; 108 fingerprints indexed (0 stock phrases); \
             47 seeds in 1 document pairs; 1 aligned spans; 1 passages with 2 member spans",
        ),
        (
            &["quotes", "--json"],
            "wiretrace: read 4 records: 3 documents, 1 rejected; 0 quotes (0 with a speaker, 0 credited to an outlet)",
        ),
        (
            &["check", "--json", "--index", "fixtures/index/wire-v1.wtidx"],
            "wiretrace: read 4 records: 3 documents, 1 rejected",
        ),
        (&["index", "build", "-o", index], "wiretrace: indexed 3 documents, 1 rejected"),
    ];
    for (command, summary) in cases {
        let mut args = command.to_vec();
        args.extend(["--skip-invalid", TRUNCATED]);
        let r = run(&args);
        assert_eq!(r.code, 0, "{command:?}: {}", r.stderr);
        let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.starts_with("wiretrace: stage times:")).collect();
        let expected = if command[0] == "check" {
            vec![warning, summary, SKIPPED_LINE, "wiretrace check: 3 documents, 0 findings: 0 failing, 0 attributed"]
        } else {
            vec![warning, summary, SKIPPED_LINE]
        };
        assert_eq!(lines, expected, "{command:?}");
    }
    std::fs::remove_file(index).unwrap();
    // quiet stays quiet; input without WARC files has no such line
    let r = run(&["dedup", "--json", "-q", CRAWL]);
    assert_eq!(r.stderr, "");
    let r = run(&["dedup", "--json", "fixtures/check/wire.jsonl"]);
    assert!(!r.stderr.contains("WARC"), "{}", r.stderr);
}
