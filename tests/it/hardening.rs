//! Hostile inputs and paths end to end (issue 17): each test failed on
//! a63ac9d.

use crate::util::{run, run_with, wiretrace};

#[test]
fn too_many_threads_is_refused_not_a_panic() {
    let r = run(&["dedup", "--threads", "100000", "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--threads 100000 is more than wiretrace runs (1024 at most)"), "{}", r.stderr);
}

#[test]
fn a_byte_order_mark_before_the_first_record_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.jsonl");
    std::fs::write(&path, "\u{FEFF}{\"id\":\"a\",\"text\":\"one two three\"}\n{\"id\":\"b\",\"text\":\"four five\"}\n")
        .unwrap();
    let r = run(&["dedup", "--json", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("read 2 records: 2 documents, 0 rejected"), "{}", r.stderr);
}

/// `--unique-out` through a symlink writes the link's target and keeps
/// the link (a63ac9d replaced the link by a regular file).
#[cfg(unix)]
#[test]
fn unique_out_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.jsonl");
    std::fs::write(&target, "stale").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(&["dedup", "--unique-out", link.to_str().unwrap(), "fixtures/check/wire.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), std::fs::read("fixtures/check/wire.jsonl").unwrap());
}

/// A named pipe as input is read once and spooled (a63ac9d hung on the
/// second pass).
#[cfg(unix)]
#[test]
fn a_fifo_input_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.jsonl");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, std::fs::read("fixtures/check/wire.jsonl").unwrap()))
    };
    let r = run_with(
        wiretrace().args(["dedup", "--json", fifo.to_str().unwrap()]).timeout(std::time::Duration::from_secs(60)),
    );
    writer.join().unwrap().unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("read 2 records: 2 documents, 0 rejected"), "{}", r.stderr);
}

#[test]
fn a_directory_as_the_index_is_named_as_such() {
    let r = run(&["check", "--index", "fixtures", "fixtures/check/articles/uncredited.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "wiretrace: error: fixtures: is a directory, not an index file\n");
}

#[test]
fn an_io_error_names_its_cause_once() {
    let r = run(&["check", "--index", "no/such/index.wtidx", "fixtures/check/articles/uncredited.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.matches("No such file or directory").count(), 1, "{}", r.stderr);
}

/// The reader of `check`'s output going away (`| head -0`) does not turn
/// a failing verdict into success (a63ac9d exited 0).
#[test]
fn a_broken_pipe_keeps_the_failing_exit_code() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wiretrace"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--index", "fixtures/index/wire-v1.wtidx", "fixtures/check/articles/uncredited.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn allow_list_quoted_multi_word_outlet_and_bad_utf8_line() {
    let dir = tempfile::tempdir().unwrap();
    let allow = dir.path().join("allow.txt");
    let idx = dir.path().join("w.wtidx");
    let wire = dir.path().join("wire.jsonl");
    let text =
        std::fs::read_to_string("fixtures/check/wire.jsonl").unwrap().replace("\"TASS\"", "\"Agence France-Presse\"");
    std::fs::write(&wire, text).unwrap();
    let r = run(&["index", "build", "-q", "-o", idx.to_str().unwrap(), wire.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let check = |allow: &std::path::Path| {
        run(&[
            "check",
            "--index",
            idx.to_str().unwrap(),
            "--allow",
            allow.to_str().unwrap(),
            "fixtures/check/articles/uncredited.txt",
        ])
    };
    std::fs::write(&allow, "source:\"Agence France-Presse\" we subscribe\n").unwrap();
    let r = check(&allow);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("1 findings skipped by the allow list"), "{}", r.stderr);
    std::fs::write(&allow, b"# ok\nsource:AFP \xff\xfe\n").unwrap();
    let r = check(&allow);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("allow.txt:2: not valid UTF-8"), "{}", r.stderr);
}

/// `quotes` and `check` account for every record read, rejected ones too
/// (issue 17 item 11).
#[test]
fn quotes_and_check_account_for_rejected_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let good = r#"{"id": "a", "text": "\"We will open the port on Monday,\" the director said."}"#;
    std::fs::write(&input, format!("{good}\nnot json\n{}\n", good.replace("\"a\"", "\"b\""))).unwrap();
    let input = input.display().to_string();
    let r = run(&["quotes", "--json", "--skip-invalid", &input]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("wiretrace: read 3 records: 2 documents, 1 rejected; 2 quotes"), "{}", r.stderr);
    let r = run(&["check", "--skip-invalid", "--index", "fixtures/index/wire-v1.wtidx", &input]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("wiretrace: read 3 records: 2 documents, 1 rejected\n"), "{}", r.stderr);
}

/// A corrupt `.zst` stream is a record error at the line where decoding
/// failed, skipped and counted with `--skip-invalid` (issue 17 item 11).
#[test]
fn corrupt_zstd_names_the_line_and_can_be_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..3000)
        .map(|i| format!("{}\n", serde_json::json!({"id": i.to_string(), "text": format!("story {i} of a long run")})))
        .collect();
    let mut packed = zstd::encode_all(lines.as_bytes(), 3).unwrap();
    let at = packed.len() * 2 / 3;
    packed[at] ^= 0xff;
    let path = dir.path().join("damaged.jsonl.zst");
    std::fs::write(&path, packed).unwrap();
    let path = path.display().to_string();
    let r = run(&["dedup", "-q", &path]);
    assert_eq!(r.code, 2);
    let prefix = format!("wiretrace: error: {path}:");
    let line = r.stderr.strip_prefix(&prefix).unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(line.split(':').next().unwrap().parse::<u64>().is_ok(), "names a line: {}", r.stderr);
    assert!(r.stderr.contains("compressed stream is truncated or corrupt"), "{}", r.stderr);
    let r = run(&["dedup", "--skip-invalid", &path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("(skipped)") && r.stderr.contains(", 1 rejected"), "{}", r.stderr);
}

/// SIGTERM while standard input is being spooled leaves no temporary file
/// behind (issue 17 item 11).
#[cfg(unix)]
#[test]
fn a_terminated_run_leaves_no_temporary_files() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wiretrace"))
        .args(["dedup", "-q", "-"])
        .env("TMPDIR", tmp.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"id\": \"a\", \"text\": \"the beginning of a long input\"}\n").unwrap();
    stdin.flush().unwrap();
    // the spool file appears while input is still coming
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::fs::read_dir(tmp.path()).unwrap().count() == 0 {
        assert!(std::time::Instant::now() < deadline, "no spool file appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
