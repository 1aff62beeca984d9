//! `wiretrace passages`.

use super::args::CommonArgs;
use super::frame::Frame;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wiretrace::normalize::DEFAULT_SEED;
use wiretrace::pipeline::{passages, PassageConfig, Sensitivity};
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
    /// normal: verbatim and lightly edited reuse (fast); high: also paraphrased, reordered, summarised or translated reuse, by sentence similarity, pairwise (slower).
    #[arg(long, value_enum, default_value = "normal")]
    pub sensitivity: SensitivityArg,
    /// Print one record per aligned pair of spans (a, a_start, a_end, b, b_start, b_end, words, score, origin) instead of clusters.
    #[arg(long)]
    pub pairs: bool,
    /// Align only the document pairs in FILE: one `ID_A ID_B` pair a line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    pub pairs_from: Option<PathBuf>,
}

/// `--sensitivity`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SensitivityArg {
    /// Exact runs of --min-words words seed (news: verbatim and lightly edited copies).
    Normal,
    /// Sentence similarity seeds; every aligned pair reported on its own.
    High,
}

/// Read a `--pairs-from` file: `ID_A ID_B` a line.
pub fn read_pairs(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 2 {
            anyhow::bail!("{}:{}: expected two document ids, found {}", path.display(), i + 1, f.len());
        }
        out.push((f[0].to_string(), f[1].to_string()));
    }
    Ok(out)
}

fn config(args: &PassagesArgs) -> anyhow::Result<PassageConfig> {
    let config = PassageConfig {
        shingle_size: args.shingle_size,
        min_words: args.min_words,
        max_df: args.max_df,
        max_gap: args.max_gap,
        seed: args.seed.unwrap_or(DEFAULT_SEED),
        sensitivity: match args.sensitivity {
            SensitivityArg::Normal => Sensitivity::Normal,
            SensitivityArg::High => Sensitivity::High,
        },
        pairwise: args.pairs,
        only_pairs: args.pairs_from.as_deref().map(read_pairs).transpose()?,
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
    // the members' page URLs (WARC and HTML input) for the JSON lines
    let urls = if frame.format == OutputFormat::Json && !args.pairs {
        let ids = result.passages.iter().flat_map(|p| &p.members).map(|m| result.ids[m.doc.index()].as_str());
        Some(wiretrace::corpus::urls::urls_by_id(&frame.corpus, &ids.collect())?)
    } else {
        None
    };
    frame.output(|out| match frame.format {
        OutputFormat::Html => super::html::passages(out, &result, &frame.corpus, args.report_limit),
        format if args.pairs => Ok(report::write_pairs(out, &result, format)?),
        format => Ok(report::write_passages_with_urls(out, &result, format, urls.as_ref())?),
    })?;
    frame.summary(|err| {
        report::write_passages_summary(err, &result.stats)?;
        frame.write_warc_skipped(err)
    })?;
    Ok(ExitCode::SUCCESS)
}
