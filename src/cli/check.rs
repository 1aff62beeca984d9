//! `wiretrace check`.

use super::args::{AttributionArgs, CommonArgs};
use super::frame::Frame;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::attribution::Gazetteer;
use wiretrace::index::Index;
use wiretrace::pipeline::{check, CheckConfig, Finding};
use wiretrace::report::{self, OutputFormat};

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
    /// `id:DOC-ID reason` or `source:OUTLET reason`, `source:"TWO WORDS"
    /// reason` for an outlet with spaces (# starts a comment).
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    #[command(flatten)]
    pub attribution: AttributionArgs,
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
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let Ok(line) = std::str::from_utf8(raw) else {
            anyhow::bail!("{}:{}: not valid UTF-8", path.display(), i + 1);
        };
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        // `source:"Agence France-Presse" reason`: a quoted outlet may hold spaces
        let (key, reason) = match line.strip_prefix("source:\"").and_then(|rest| rest.split_once('"')) {
            Some((outlet, reason)) => (format!("source:{outlet}"), reason),
            None => {
                let (key, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                (key.to_owned(), reason)
            }
        };
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

fn allowed(f: &Finding, allow: &[Allow], gazetteer: &Gazetteer) -> bool {
    allow.iter().any(|a| match a {
        Allow::Id(id) => *id == f.doc || *id == f.source_id,
        Allow::Source(s) => f.source.as_deref().is_some_and(|src| gazetteer.same_outlet(s, src)),
    })
}

/// Run `check`: exit 0 when nothing fails, 1 when a finding does.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let allow = match &args.allow {
        Some(p) => read_allow(p)?,
        None => Vec::new(),
    };
    let config = CheckConfig {
        min_words: args.min_words.max(1),
        max_gap: args.max_gap,
        attributor: args.attribution.attributor()?,
        ..CheckConfig::default()
    };
    config.validate()?;
    let index = Index::open(&args.index)?;
    let frame = Frame::open(&args.common)?;
    let mut result = check(&frame.corpus, &index, &config, &frame.bars)?;
    frame.warn_rejected(&result.rejected);
    let before = result.findings.len();
    result.findings.retain(|f| !allowed(f, &allow, &config.attributor.gazetteer));
    let skipped = before - result.findings.len();
    let failing = result.findings.iter().any(|f| report::fails(f, args.strict));
    let written = frame.output(|out| match frame.format {
        OutputFormat::Html => super::html::check(out, &result, args.strict, &frame.corpus, &index),
        format => Ok(report::write_check(out, &result, format, args.strict)?),
    });
    if let Err(e) = written {
        // the reader went away (`| head`): the verdict still stands
        let broken = e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                || c.downcast_ref::<wiretrace::Error>().is_some_and(wiretrace::Error::is_broken_pipe)
        });
        if broken && failing {
            return Ok(ExitCode::from(1));
        }
        return Err(e);
    }
    frame.summary(|err| {
        let rejected = result.rejected.len();
        let read = result.documents + rejected;
        writeln!(err, "wiretrace: read {read} records: {} documents, {rejected} rejected", result.documents)?;
        frame.write_warc_skipped(err)?;
        if matches!(frame.format, OutputFormat::Json | OutputFormat::Sarif) {
            writeln!(err, "{}", report::summary(&result, args.strict))?;
        }
        if skipped > 0 {
            writeln!(err, "wiretrace: {skipped} findings skipped by the allow list")?;
        }
        Ok(())
    })?;
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
