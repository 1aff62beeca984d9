//! `wiretrace check`.

use super::args::CommonArgs;
use super::progress::Bars;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::index::Index;
use wiretrace::pipeline::{check, CheckConfig, Finding};
use wiretrace::report;

/// Report format of `check`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: error: ...` like a compiler.
    Text,
    /// One JSON object per finding.
    Json,
    /// A SARIF 2.1.0 log (code scanning).
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// One self-contained HTML page: each finding beside the wire story.
    Html,
}

/// `wiretrace check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The reference index.
    #[arg(long, value_name = "FILE")]
    pub index: PathBuf,
    /// Shortest copied passage reported, in words.
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub min_words: usize,
    /// Longest gap in words bridged inside a passage.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub max_gap: usize,
    /// Attributed findings fail the check too.
    #[arg(long)]
    pub strict: bool,
    /// A file of document ids or sources to skip, one a line with a reason:
    /// `id:DOC-ID reason` or `source:OUTLET reason` (# starts a comment).
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    /// Report format (--json is the same as --output-format json).
    #[arg(long, value_enum, default_value = "text")]
    pub output_format: OutputFormat,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// One allow-list entry.
#[derive(Debug)]
enum Allow {
    Id(String),
    Source(String),
}

fn read_allow(path: &PathBuf) -> anyhow::Result<Vec<Allow>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (key, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        if reason.trim().is_empty() {
            anyhow::bail!("{}:{}: an allow entry needs a reason after the id or source", path.display(), i + 1);
        }
        out.push(match key.split_once(':') {
            Some(("id", id)) if !id.is_empty() => Allow::Id(id.to_owned()),
            Some(("source", s)) if !s.is_empty() => Allow::Source(s.to_owned()),
            _ => anyhow::bail!("{}:{}: expected `id:DOC-ID reason` or `source:OUTLET reason`", path.display(), i + 1),
        });
    }
    Ok(out)
}

fn allowed(f: &Finding, allow: &[Allow]) -> bool {
    allow.iter().any(|a| match a {
        Allow::Id(id) => *id == f.doc || *id == f.source_id,
        Allow::Source(s) => f.source.as_deref().is_some_and(|src| wiretrace::pipeline::credit::same_outlet(s, src)),
    })
}

/// Run `check`: exit 0 when nothing fails, 1 when a finding does.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    args.common.init_threads()?;
    let allow = match &args.allow {
        Some(p) => read_allow(p)?,
        None => Vec::new(),
    };
    let index = Index::open(&args.index)?;
    let corpus = args.common.open_corpus()?;
    let config = CheckConfig { min_words: args.min_words.max(1), max_gap: args.max_gap, ..CheckConfig::default() };
    let mut result = check(&corpus, &index, &config, &Bars::new(args.common.quiet))?;
    for r in &result.rejected {
        eprintln!("wiretrace: warning: {r} (skipped)");
    }
    let before = result.findings.len();
    result.findings.retain(|f| !allowed(f, &allow));
    let skipped = before - result.findings.len();
    let format = if args.common.json { OutputFormat::Json } else { args.output_format };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        OutputFormat::Text => report::write_check_text(&mut out, &result, args.strict)?,
        OutputFormat::Json => report::write_check_json(&mut out, &result)?,
        OutputFormat::Sarif => report::write_check_sarif(&mut out, &result, args.strict)?,
        OutputFormat::Github => report::write_check_github(&mut out, &result, args.strict)?,
        OutputFormat::Html => super::html::check(&mut out, &result, args.strict, &corpus, &index)?,
    }
    out.flush()?;
    if !args.common.quiet && matches!(format, OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Html) {
        eprintln!("{}", report::summary(&result, args.strict));
    }
    if skipped > 0 && !args.common.quiet {
        eprintln!("wiretrace: {skipped} findings skipped by the allow list");
    }
    let failing = result.findings.iter().any(|f| report::fails(f, args.strict));
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
