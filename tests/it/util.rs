//! Helpers: run the binary, temp dirs, fixture paths.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The path of a fixture file.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

/// A command for the built binary, run in the crate root.
pub fn wiretrace() -> Command {
    let mut cmd = Command::cargo_bin("wiretrace").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Output of a run: exit code, stdout, stderr.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run with arguments.
pub fn run(args: &[&str]) -> Run {
    run_with(wiretrace().args(args))
}

/// Run a prepared command.
pub fn run_with(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Parse JSON Lines.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}
