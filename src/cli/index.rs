//! `wiretrace index build|add|info`.

use super::args::CommonArgs;
use super::progress::Bars;
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
            common.init_threads()?;
            if !(1..=wiretrace::shingle::MAX_SHINGLE_SIZE).contains(&shingle_size) || window == 0 {
                anyhow::bail!(
                    "shingle size must be 1 to {} and window at least 1",
                    wiretrace::shingle::MAX_SHINGLE_SIZE
                );
            }
            let params = IndexParams { shingle_size, window, seed: seed.unwrap_or(DEFAULT_SEED) };
            let corpus = common.open_corpus()?;
            let report = index::build(&corpus, &params, &output, &Bars::new(common.quiet))?;
            summarize(&report, &common, "indexed");
        }
        IndexAction::Add { index: path, common } => {
            common.init_threads()?;
            let corpus = common.open_corpus()?;
            let report = index::add(&corpus, &path, &Bars::new(common.quiet))?;
            summarize(&report, &common, "added");
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

fn summarize(report: &index::BuildReport, common: &CommonArgs, verb: &str) {
    for r in &report.rejected {
        eprintln!("wiretrace: warning: {r} (skipped)");
    }
    if !common.quiet {
        eprintln!("wiretrace: {verb} {} documents, {} rejected", report.added, report.rejected.len());
    }
}
