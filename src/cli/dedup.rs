//! `wiretrace dedup`.

use super::args::CommonArgs;
use super::frame::Frame;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use wiretrace::candidates::LshParams;
use wiretrace::cluster::{Keep, Linkage};
use wiretrace::normalize::DEFAULT_SEED;
use wiretrace::pipeline::{dedup, DedupConfig, DedupReport, Method};
use wiretrace::report::{self, OutputFormat};
use wiretrace::verify::Measure;

/// How candidates are found.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MethodArg {
    /// MinHash signatures with LSH banding.
    Minhash,
    /// 64-bit SimHash fingerprints; candidates within --max-hamming bits.
    Simhash,
    /// Identical normalized text only.
    Exact,
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

/// How near-duplicates become clusters.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LinkageArg {
    /// Connected components of the verified pairs (A ~ B ~ C is one cluster).
    Components,
    /// Split components around centers: every removed document is at or
    /// above the threshold to the one kept for it.
    Centers,
}

/// The dedup parameters: what `dedup` and every `shard` stage take.
#[derive(Debug, Args)]
pub struct DedupParams {
    /// Candidate method.
    #[arg(long, value_enum, default_value = "minhash")]
    pub method: MethodArg,
    /// SimHash: largest Hamming distance (of 64 bits) for a candidate pair.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub max_hamming: u32,
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
    /// How near-duplicates become clusters.
    #[arg(long = "cluster", value_enum, default_value = "components", value_name = "LINKAGE")]
    pub linkage: LinkageArg,
    /// Hash seed.
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// Keep the working set near SIZE (e.g. 1G, 512M): stages over temporary files, verification in chunks; same output.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub memory_limit: Option<u64>,
}

/// A size such as `1G`, `512M`, `1.5GiB` or `1000000` (bytes); K, M, G and
/// T are powers of 1024.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let value: f64 = number.parse().map_err(|_| format!("{s:?} is not a size (such as 1G or 512M)"))?;
    let shift = match unit.trim().to_ascii_lowercase().trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return Err(format!("{s:?}: unknown unit (use K, M, G or T)")),
    };
    Ok((value * (1u64 << shift) as f64) as u64)
}

/// Where `dedup` (and `shard finalize`) write besides standard output.
#[derive(Debug, Args)]
pub struct DedupOutputs {
    /// Write the deduplicated corpus here (JSON Lines).
    #[arg(long, value_name = "FILE")]
    pub unique_out: Option<PathBuf>,
    /// Write every record with a "wiretrace" annotation here (JSON Lines).
    #[arg(long, value_name = "FILE")]
    pub annotate_out: Option<PathBuf>,
    /// HTML report: show the N largest clusters (the page says how many it left out).
    #[arg(long, default_value_t = report::html::DEFAULT_REPORT_LIMIT, value_name = "N")]
    pub report_limit: usize,
}

/// `wiretrace dedup`.
#[derive(Debug, Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub params: DedupParams,
    #[command(flatten)]
    pub outputs: DedupOutputs,
    /// With --memory-limit: where the temporary stage files go (default: the system's temporary directory).
    #[arg(long, value_name = "DIR", requires = "memory_limit")]
    pub temp_dir: Option<PathBuf>,
}

impl DedupParams {
    /// The validated library configuration.
    pub fn config(&self) -> anyhow::Result<DedupConfig> {
        let config = DedupConfig {
            method: match self.method {
                MethodArg::Minhash => Method::Minhash,
                MethodArg::Simhash => Method::Simhash,
                MethodArg::Exact => Method::Exact,
            },
            max_hamming: self.max_hamming,
            shingle_size: self.shingle_size,
            num_perm: self.num_perm,
            threshold: self.threshold,
            lsh: self.bands.zip(self.rows).map(|(bands, rows)| LshParams { bands, rows }),
            measure: match self.measure {
                MeasureArg::Jaccard => Measure::Jaccard,
                MeasureArg::Containment => Measure::Containment,
            },
            verify: !self.no_verify,
            keep: match self.keep {
                KeepArg::First => Keep::First,
                KeepArg::Earliest => Keep::Earliest,
                KeepArg::Longest => Keep::Longest,
            },
            linkage: match self.linkage {
                LinkageArg::Components => Linkage::Components,
                LinkageArg::Centers => Linkage::Centers,
            },
            seed: self.seed.unwrap_or(DEFAULT_SEED),
            memory_limit: self.memory_limit,
            ..DedupConfig::default()
        };
        config.validate()?;
        Ok(config)
    }
}

/// Run `dedup` and print its results.
pub fn run(args: DedupArgs) -> anyhow::Result<ExitCode> {
    let mut config = args.params.config()?;
    config.temp_dir = args.temp_dir.clone();
    let frame = Frame::open(&args.common)?;
    let result = dedup(&frame.corpus, &config, &frame.bars)?;
    emit(&frame, &result, &args.outputs)?;
    Ok(ExitCode::SUCCESS)
}

/// Write a dedup report: warnings, output files, standard output, summary.
pub fn emit(frame: &Frame, result: &DedupReport, outputs: &DedupOutputs) -> anyhow::Result<()> {
    frame.warn_rejected(&result.rejected);
    if let Some(path) = &outputs.unique_out {
        report::write_unique(&frame.corpus, result, path, &frame.bars)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &outputs.annotate_out {
        report::write_annotated(&frame.corpus, result, path, &frame.bars)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    // the members' page URLs (WARC and HTML input) for the JSON lines
    let urls = if frame.format == OutputFormat::Json {
        let ids = result.clusters.iter().flat_map(|c| &c.members).map(|m| result.ids[m.doc.index()].as_str());
        Some(wiretrace::corpus::urls::urls_by_id(&frame.corpus, &ids.collect())?)
    } else {
        None
    };
    frame.output(|out| match frame.format {
        OutputFormat::Html => super::html::dedup(out, result, &frame.corpus, outputs.report_limit),
        format => Ok(report::write_dedup_with_urls(out, result, format, urls.as_ref())?),
    })?;
    frame.summary(|err| {
        report::write_summary(err, &result.stats)?;
        frame.write_warc_skipped(err)?;
        writeln!(err, "wiretrace: stage times: {}", frame.bars.timings())
    })
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("64kb"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("1X").unwrap_err().contains("unknown unit"));
        assert!(parse_size("G").unwrap_err().contains("is not a size"));
    }
}
