//! `wiretrace shard`: the dedup stages over files, one subcommand each, so
//! a scheduler can run `sign` for every shard at once and the rest after.

use super::args::{init_threads, output_format, CommonArgs, OutputFormatArg};
use super::dedup::{emit, DedupOutputs, DedupParams};
use super::frame::Frame;
use super::progress::Bars;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::shard::{self, Manifest, StageSummary};

/// `wiretrace shard`.
#[derive(Debug, Args)]
pub struct ShardArgs {
    /// The stage to run.
    #[command(subcommand)]
    pub stage: StageCommand,
}

/// The stages, in the order they run.
#[derive(Debug, Subcommand)]
pub enum StageCommand {
    /// Cut the inputs into shards (in input order) and write DIR/manifest.json.
    Plan(PlanArgs),
    /// Read and sign one shard: DIR/sign-NNNNN.parquet (shards may run at once, anywhere).
    Sign(SignArgs),
    /// Repeated ids, exact groups and candidate pairs over all shards: DIR/groups.parquet, DIR/candidates.parquet.
    Candidates(StageArgs),
    /// Verify the candidate pairs, re-reading only their records: DIR/edges.parquet.
    Verify(StageArgs),
    /// Connected components labelled by their smallest ordinal: DIR/components.parquet.
    Components(StageArgs),
    /// Clusters and outputs, exactly as `wiretrace dedup` prints and writes them.
    Finalize(FinalizeArgs),
}

/// `shard plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Number of shards.
    #[arg(long, value_name = "N")]
    pub shards: usize,
    /// The stage directory (created if needed).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}

/// What every stage after `plan` takes.
#[derive(Debug, Args)]
pub struct StageArgs {
    /// The stage directory `shard plan` wrote.
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub params: DedupParams,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bars and no summary on stderr (errors are still shown).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `shard sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub stage: StageArgs,
    /// Which shard (0-based).
    #[arg(long, value_name = "K")]
    pub shard: usize,
}

/// `shard finalize`.
#[derive(Debug, Args)]
pub struct FinalizeArgs {
    #[command(flatten)]
    pub stage: StageArgs,
    #[command(flatten)]
    pub outputs: DedupOutputs,
    /// Print JSON Lines on stdout (the same as --output-format json).
    #[arg(long)]
    pub json: bool,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub output_format: OutputFormatArg,
}

/// Run one stage.
pub fn run(args: ShardArgs) -> anyhow::Result<ExitCode> {
    match args.stage {
        StageCommand::Plan(a) => {
            a.common.init_threads()?;
            let m = shard::plan(&a.common.inputs, a.common.reader_config(), a.shards, &a.dir)?;
            if !a.common.quiet {
                let parts: usize = m.shards.iter().map(Vec::len).sum();
                eprintln!(
                    "wiretrace: planned {} shards over {} files ({parts} parts) in {}",
                    m.shards.len(),
                    m.files.len(),
                    a.dir.display()
                );
            }
        }
        StageCommand::Sign(a) => {
            let s = &a.stage;
            let (config, bars) = setup(s)?;
            let done = shard::sign(&s.dir, a.shard, &config, &bars)?;
            report(s, &format!("sign --shard {}", a.shard), &done, "documents");
        }
        StageCommand::Candidates(s) => {
            let (config, bars) = setup(&s)?;
            let done = shard::candidates(&s.dir, &config, &bars)?;
            report(&s, "candidates", &done, "candidate pairs");
        }
        StageCommand::Verify(s) => {
            let (config, bars) = setup(&s)?;
            let done = shard::verify(&s.dir, &config, &bars)?;
            report(&s, "verify", &done, "verified pairs");
        }
        StageCommand::Components(s) => {
            let (config, _) = setup(&s)?;
            let done = shard::components(&s.dir, &config)?;
            report(&s, "components", &done, "documents in components");
        }
        StageCommand::Finalize(a) => {
            let s = &a.stage;
            let (config, _) = setup(s)?;
            let corpus = Manifest::load(&s.dir)?.corpus()?;
            let frame = Frame::with_corpus(corpus, output_format(a.json, a.output_format), s.quiet);
            let result = shard::finalize(&s.dir, &config, &frame.bars)?;
            emit(&frame, &result, &a.outputs)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn setup(s: &StageArgs) -> anyhow::Result<(wiretrace::pipeline::DedupConfig, Bars)> {
    init_threads(s.threads)?;
    Ok((s.params.config()?, Bars::new(s.quiet)))
}

fn report(s: &StageArgs, stage: &str, done: &StageSummary, what: &str) {
    if !s.quiet {
        eprintln!("wiretrace: shard {stage}: {} {what}, {} rejected ({})", done.rows, done.rejected, s.dir.display());
    }
}
