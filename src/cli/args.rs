//! Clap argument structs shared by the subcommands, mirroring the flags one
//! to one. Conversion to library configs (with validation) happens in each
//! subcommand module; [`super::frame`] runs what every command shares.

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use wiretrace::attribution::Attributor;
use wiretrace::corpus::{Format, ReaderConfig};
use wiretrace::report::OutputFormat;

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
    Dedup(super::dedup::DedupArgs),
    /// Build, extend or describe a reference index.
    Index(super::index::IndexArgs),
    /// Fail when documents copy reference text without crediting its outlet.
    Check(super::check::CheckArgs),
    /// Score saved --json output against truth (pair/cluster, span or quote metrics).
    Eval(super::eval::EvalArgs),
    /// Quotes with speaker and outlet; --trace finds their origin.
    Quotes(super::quotes::QuotesArgs),
    /// Find reused and syndicated passages, grouped across documents.
    Passages(super::passages::PassagesArgs),
    /// Print the documents as the other commands read them (text extracted from WARC and HTML).
    Extract(super::extract::ExtractArgs),
    /// Run dedup as separate stages over Parquet files (plan, sign, candidates, verify, components, finalize), for shards on many processes or machines.
    Shard(super::shard::ShardArgs),
}

/// Input format.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// By extension (also `.gz`/`.zst`): `.jsonl`/`.ndjson` JSON Lines, `.warc` WARC, `.html`/`.htm` HTML, `.parquet` Parquet; other files are one document each.
    Auto,
    /// JSON Lines: one object a line.
    Jsonl,
    /// One document per file.
    Text,
    /// One document per line.
    Lines,
    /// WARC records: HTML responses (main text extracted) and WET conversions.
    Warc,
    /// One HTML page per file (main text extracted).
    Html,
    /// Parquet tables: a row is a document, columns chosen by the field options.
    Parquet,
}

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OutputFormatArg {
    /// Readable text (check: `path:line:col: error: ...` like a compiler).
    Text,
    /// JSON Lines, one record a line.
    Json,
    /// A SARIF 2.1.0 log (code scanning; check only).
    Sarif,
    /// GitHub Actions annotations (check only).
    Github,
    /// One self-contained HTML page (inline CSS and script, no network).
    Html,
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
    /// JSON field (Parquet column) holding the document id (else the id is PATH:LINE, PATH:ROW); for WARC, `uri` takes the target URI instead of the WARC-Record-ID.
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,
    /// JSON field (Parquet column) holding the text.
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
    /// Print JSON Lines on stdout (the same as --output-format json).
    #[arg(long)]
    pub json: bool,
    /// Output format on stdout (sarif and github: check only; html: one self-contained page).
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub output_format: OutputFormatArg,
    /// No progress bars and no summary on stderr (errors are still shown).
    #[arg(short, long)]
    pub quiet: bool,
}

impl CommonArgs {
    /// The reader configuration the common options describe.
    pub fn reader_config(&self) -> ReaderConfig {
        ReaderConfig {
            format: match self.format {
                FormatArg::Auto => Format::Auto,
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Text => Format::Text,
                FormatArg::Lines => Format::Lines,
                FormatArg::Warc => Format::Warc,
                FormatArg::Html => Format::Html,
                FormatArg::Parquet => Format::Parquet,
            },
            id_field: self.id_field.clone(),
            text_field: self.text_field.clone(),
            date_field: self.date_field.clone(),
            source_field: self.source_field.clone(),
            title_field: self.title_field.clone(),
            skip_invalid: self.skip_invalid,
        }
    }

    /// The output format: `--json` wins over `--output-format`.
    pub fn output_format(&self) -> OutputFormat {
        output_format(self.json, self.output_format)
    }

    /// Size the global thread pool as `--threads` says (once per process).
    pub fn init_threads(&self) -> anyhow::Result<()> {
        init_threads(self.threads)
    }
}

/// The output format: `--json` wins over `--output-format`.
pub fn output_format(json: bool, format: OutputFormatArg) -> OutputFormat {
    if json {
        return OutputFormat::Json;
    }
    match format {
        OutputFormatArg::Text => OutputFormat::Text,
        OutputFormatArg::Json => OutputFormat::Json,
        OutputFormatArg::Sarif => OutputFormat::Sarif,
        OutputFormatArg::Github => OutputFormat::Github,
        OutputFormatArg::Html => OutputFormat::Html,
    }
}

/// Size the global thread pool (once per process); `None`: all cores.
pub fn init_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        if n == 0 {
            anyhow::bail!("--threads must be at least 1");
        }
        if n > MAX_THREADS {
            anyhow::bail!("--threads {n} is more than wiretrace runs ({MAX_THREADS} at most)");
        }
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    Ok(())
}

/// The most worker threads `--threads` accepts (more threads than this
/// only cost memory; thread setup panicked at 100,000).
pub const MAX_THREADS: usize = 1024;

/// Options of the commands that recognize quotes, speakers and outlets.
#[derive(Debug, Args)]
pub struct AttributionArgs {
    /// Add outlets and aliases from FILE (lines `Name | alias | alias`).
    #[arg(long, value_name = "FILE")]
    pub outlets: Vec<PathBuf>,
    /// Add cue words from FILE (lines `verbs: said, says`; see README).
    #[arg(long, value_name = "FILE")]
    pub cues: Vec<PathBuf>,
}

impl AttributionArgs {
    /// The built-in cue lists and gazetteer with the files added.
    pub fn attributor(&self) -> anyhow::Result<Attributor> {
        let mut attributor = Attributor::builtin();
        for path in &self.outlets {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            attributor.gazetteer.add(&path.display().to_string(), &src)?;
        }
        for path in &self.cues {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            attributor.lexicon.add(&path.display().to_string(), &src)?;
        }
        Ok(attributor)
    }
}
