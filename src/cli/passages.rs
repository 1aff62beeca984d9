//! `wiretrace passages`.

use super::args::CommonArgs;
use super::frame::Frame;
use clap::Args;
use std::process::ExitCode;
use wiretrace::normalize::DEFAULT_SEED;
use wiretrace::pipeline::{passages, PassageConfig};
use wiretrace::report::{self, OutputFormat};

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
    let config = config(&args)?;
    let frame = Frame::open(&args.common)?;
    let result = passages(&frame.corpus, &config, &frame.bars)?;
    frame.warn_rejected(&result.rejected);
    frame.output(|out| match frame.format {
        OutputFormat::Html => super::html::passages(out, &result, &frame.corpus, args.report_limit),
        format => Ok(report::write_passages(out, &result, format)?),
    })?;
    frame.summary(|err| report::write_passages_summary(err, &result.stats))?;
    Ok(ExitCode::SUCCESS)
}
