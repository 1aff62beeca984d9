//! `wiretrace quotes`.

use super::args::CommonArgs;
use super::html::ReportFormat;
use super::progress::Bars;
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::attribution::trace::TraceConfig;
use wiretrace::attribution::Attributor;
use wiretrace::pipeline::{quotes, QuotesConfig};
use wiretrace::report;

/// `wiretrace quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Report only quotes of at least N words.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_words: usize,
    /// Add outlets and aliases from FILE (lines `Name | alias | alias`).
    #[arg(long, value_name = "FILE")]
    pub outlets: Vec<PathBuf>,
    /// Add cue words from FILE (lines `verbs: said, says`; see README).
    #[arg(long, value_name = "FILE")]
    pub cues: Vec<PathBuf>,
    /// Find the earliest other document of the input holding each quote's text.
    #[arg(long)]
    pub trace: bool,
    /// With --trace: share of a quote's word 4-grams a document must contain.
    #[arg(long, default_value_t = 0.5, value_name = "F", requires = "trace")]
    pub trace_coverage: f64,
    /// With --trace: also look for origins in this reference index (`wiretrace index build`).
    #[arg(long, value_name = "FILE", requires = "trace")]
    pub index: Option<std::path::PathBuf>,
    /// Report format (--json is the same as --output-format json).
    #[arg(long, value_enum, default_value = "text")]
    pub output_format: ReportFormat,
    /// HTML report: show the first N documents with quotes.
    #[arg(long, default_value_t = report::html::DEFAULT_REPORT_LIMIT, value_name = "N")]
    pub report_limit: usize,
}

fn config(args: &QuotesArgs) -> anyhow::Result<QuotesConfig> {
    let mut attributor = Attributor::builtin();
    for path in &args.outlets {
        let src = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        attributor.gazetteer.add(&path.display().to_string(), &src)?;
    }
    for path in &args.cues {
        let src = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        attributor.lexicon.add(&path.display().to_string(), &src)?;
    }
    let trace = args.trace.then_some(TraceConfig { min_coverage: args.trace_coverage, ..TraceConfig::default() });
    let index = match &args.index {
        Some(path) => Some(std::sync::Arc::new(wiretrace::index::Index::open(path)?)),
        None => None,
    };
    let config = QuotesConfig { attributor, min_words: args.min_words, trace, index };
    config.validate()?;
    Ok(config)
}

/// Run `quotes` and print its results.
pub fn run(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    args.common.init_threads()?;
    let config = config(&args)?;
    let corpus = args.common.open_corpus()?;
    let bars = Bars::new(args.common.quiet);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = args.output_format.resolve(args.common.json);
    let mut rejected = Vec::new();
    let mut kept = super::html::QuoteCollector::new(args.report_limit);
    let stats = quotes(&corpus, &config, &bars, &mut rejected, &mut |r| match format {
        ReportFormat::Json => report::write_quote_json(&mut out, r),
        ReportFormat::Text => report::write_quote_text(&mut out, r),
        ReportFormat::Html => {
            kept.push(r);
            Ok(())
        }
    })?;
    if format == ReportFormat::Html {
        kept.write(&mut out, &stats, &corpus)?;
    }
    out.flush()?;
    for r in &rejected {
        eprintln!("wiretrace: warning: {r} (skipped)");
    }
    if !args.common.quiet {
        report::write_quotes_summary(&mut std::io::stderr(), &stats, args.trace)?;
    }
    Ok(ExitCode::SUCCESS)
}
