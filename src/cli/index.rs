//! `wiretrace index build|add|info`.

use super::args::CommonArgs;
use super::frame::Frame;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::index::{self, Index, IndexParams};
use wiretrace::normalize::DEFAULT_SEED;

/// `wiretrace index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// What to do with the index.
    #[command(subcommand)]
    pub action: IndexAction,
}

/// The index actions.
#[derive(Debug, Subcommand)]
pub enum IndexAction {
    /// Build a new index from reference documents (replaces FILE).
    Build {
        /// The index file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Words per shingle.
        #[arg(long, default_value_t = 5, value_name = "K")]
        shingle_size: usize,
        /// Winnowing window in shingles (smaller: more fingerprints, shorter guaranteed matches).
        #[arg(long, default_value_t = 8, value_name = "W")]
        window: usize,
        /// Hash seed.
        #[arg(long, value_name = "SEED")]
        seed: Option<u64>,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Add documents to an existing index (appends a segment; nothing is rebuilt).
    Add {
        /// The index file.
        #[arg(value_name = "FILE")]
        index: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Describe an index: version, parameters, counts.
    Info {
        /// The index file.
        #[arg(value_name = "FILE")]
        index: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Run an index action.
pub fn run(args: IndexArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        IndexAction::Build { output, shingle_size, window, seed, common } => {
            let params = IndexParams { shingle_size, window, seed: seed.unwrap_or(DEFAULT_SEED) };
            params.validate()?;
            let frame = Frame::open(&common)?;
            let report = index::build(&frame.corpus, &params, &output, &frame.bars)?;
            summarize(&frame, &report, "indexed")?;
        }
        IndexAction::Add { index: path, common } => {
            let frame = Frame::open(&common)?;
            let report = index::add(&frame.corpus, &path, &frame.bars)?;
            summarize(&frame, &report, "added")?;
        }
        IndexAction::Info { index: path, json } => {
            let info = Index::open(&path)?.info();
            if json {
                println!("{}", serde_json::to_string(&info)?);
            } else {
                println!(
                    "{}: wiretrace index version {}, {} documents in {} segments, {} fingerprints, {} bytes; \
                     shingle size {}, window {}, seed {}",
                    path.display(),
                    info.version,
                    info.documents,
                    info.segments,
                    info.postings,
                    info.bytes,
                    info.params.shingle_size,
                    info.params.window,
                    info.params.seed
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn summarize(frame: &Frame, report: &index::BuildReport, verb: &str) -> anyhow::Result<()> {
    frame.warn_rejected(&report.rejected);
    frame.summary(|err| {
        writeln!(err, "wiretrace: {verb} {} documents, {} rejected", report.added, report.rejected.len())?;
        frame.write_warc_skipped(err)
    })
}
