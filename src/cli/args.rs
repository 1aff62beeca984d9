//! Clap argument structs, mirroring the flags one to one. Conversion to
//! library configs (with validation) happens in each subcommand module.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find near-duplicate and copied text and trace it to its source.
#[derive(Debug, Parser)]
#[command(name = "wiretrace", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Cluster near-duplicate documents.
    Dedup(DedupArgs),
}

/// Input format.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// `.jsonl`/`.ndjson` (also `.gz`/`.zst`) are JSON Lines; other files are one document each.
    Auto,
    /// JSON Lines: one object a line.
    Jsonl,
    /// One document per file.
    Text,
    /// One document per line.
    Lines,
}

/// Options every subcommand that reads a corpus takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Input files or directories (`-` for standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: FormatArg,
    /// JSON field holding the document id (else the id is PATH:LINE).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,
    /// JSON field holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
    /// JSON field holding the date (ISO 8601), for --keep earliest and origins.
    #[arg(long, default_value = "date", value_name = "FIELD")]
    pub date_field: String,
    /// JSON field holding the source (outlet or site).
    #[arg(long, default_value = "source", value_name = "FIELD")]
    pub source_field: String,
    /// JSON field holding the title.
    #[arg(long, default_value = "title", value_name = "FIELD")]
    pub title_field: String,
    /// Skip invalid records (reported on stderr and counted) instead of failing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub threads: Option<usize>,
    /// Print JSON Lines on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bars and no summary on stderr (errors are still shown).
    #[arg(short, long)]
    pub quiet: bool,
}

/// How candidates are found.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MethodArg {
    /// MinHash signatures with LSH banding.
    Minhash,
}

/// Verified similarity.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MeasureArg {
    /// Jaccard similarity of shingle sets.
    Jaccard,
    /// Edit-tolerant containment of the smaller document in the larger.
    Containment,
}

/// Representative policy.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeepArg {
    /// The first in input order.
    First,
    /// The earliest by the date field (ties by input order).
    Earliest,
    /// The longest text (ties by input order).
    Longest,
}

/// `wiretrace dedup`.
#[derive(Debug, Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Candidate method.
    #[arg(long, value_enum, default_value = "minhash")]
    pub method: MethodArg,
    /// Words per shingle.
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub shingle_size: usize,
    /// MinHash values per signature.
    #[arg(long, default_value_t = 128, value_name = "N")]
    pub num_perm: usize,
    /// Similarity threshold for joining two documents.
    #[arg(long, default_value_t = 0.8, value_name = "T")]
    pub threshold: f64,
    /// LSH bands (with --rows; default: chosen from the threshold).
    #[arg(long, requires = "rows", value_name = "B")]
    pub bands: Option<usize>,
    /// LSH rows per band (with --bands).
    #[arg(long, requires = "bands", value_name = "R")]
    pub rows: Option<usize>,
    /// Similarity measure verified against the threshold.
    #[arg(long, value_enum, default_value = "jaccard")]
    pub measure: MeasureArg,
    /// Trust the signature estimate instead of verifying candidates exactly.
    #[arg(long)]
    pub no_verify: bool,
    /// Which member of a cluster is kept.
    #[arg(long, value_enum, default_value = "first")]
    pub keep: KeepArg,
    /// Hash seed.
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// Write the deduplicated corpus here (JSON Lines).
    #[arg(long, value_name = "FILE")]
    pub unique_out: Option<PathBuf>,
    /// Write every record with a "wiretrace" annotation here (JSON Lines).
    #[arg(long, value_name = "FILE")]
    pub annotate_out: Option<PathBuf>,
}
