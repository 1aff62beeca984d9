//! `wiretrace passages`.

use super::args::CommonArgs;
use super::html::ReportFormat;
use super::progress::Bars;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use wiretrace::normalize::DEFAULT_SEED;
use wiretrace::pipeline::{passages, PassageConfig};
use wiretrace::report;

/// `wiretrace passages`.
#[derive(Debug, Args)]
pub struct PassagesArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Ignore reuse shorter than this many words.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub min_words: usize,
    /// Fingerprints in more documents than this are stock phrases and seed nothing.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_df: usize,
    /// Longest edit bridged inside a passage, in words on either side.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub max_gap: usize,
    /// Words per seed k-gram.
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub shingle_size: usize,
    /// Hash seed.
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// Report format (--json is the same as --output-format json).
    #[arg(long, value_enum, default_value = "text")]
    pub output_format: ReportFormat,
    /// HTML report: show the N passages reused by the most documents.
    #[arg(long, default_value_t = report::html::DEFAULT_REPORT_LIMIT, value_name = "N")]
    pub report_limit: usize,
}

fn config(args: &PassagesArgs) -> anyhow::Result<PassageConfig> {
    let config = PassageConfig {
        shingle_size: args.shingle_size,
        min_words: args.min_words,
        max_df: args.max_df,
        max_gap: args.max_gap,
        seed: args.seed.unwrap_or(DEFAULT_SEED),
    };
    config.validate()?;
    Ok(config)
}

/// Run `passages` and print its results.
pub fn run(args: PassagesArgs) -> anyhow::Result<ExitCode> {
    args.common.init_threads()?;
    let config = config(&args)?;
    let corpus = args.common.open_corpus()?;
    let bars = Bars::new(args.common.quiet);
    let result = passages(&corpus, &config, &bars)?;
    for r in &result.rejected {
        eprintln!("wiretrace: warning: {r} (skipped)");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.output_format.resolve(args.common.json) {
        ReportFormat::Json => report::write_passages_json(&mut out, &result)?,
        ReportFormat::Text => report::write_passages_text(&mut out, &result)?,
        ReportFormat::Html => super::html::passages(&mut out, &result, &corpus, args.report_limit)?,
    }
    out.flush()?;
    if !args.common.quiet {
        report::write_passages_summary(&mut std::io::stderr(), &result.stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
