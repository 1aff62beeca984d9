//! `wiretrace dedup`.

use super::args::{CommonArgs, DedupArgs, FormatArg, KeepArg, MeasureArg, MethodArg};
use super::progress::Bars;
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;
use wiretrace::cluster::Keep;
use wiretrace::corpus::{Corpus, Format, ReaderConfig};
use wiretrace::lsh::LshParams;
use wiretrace::normalize::DEFAULT_SEED;
use wiretrace::pipeline::{dedup, DedupConfig, Method};
use wiretrace::report;
use wiretrace::verify::Measure;

/// The reader configuration the common options describe.
pub fn reader_config(common: &CommonArgs) -> ReaderConfig {
    ReaderConfig {
        format: match common.format {
            FormatArg::Auto => Format::Auto,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Text => Format::Text,
            FormatArg::Lines => Format::Lines,
        },
        id_field: common.id_field.clone(),
        text_field: common.text_field.clone(),
        date_field: common.date_field.clone(),
        source_field: common.source_field.clone(),
        title_field: common.title_field.clone(),
        skip_invalid: common.skip_invalid,
    }
}

/// Open the corpus the common options name.
pub fn open_corpus(common: &CommonArgs) -> anyhow::Result<Corpus> {
    Ok(Corpus::open(&common.inputs, reader_config(common))?)
}

fn config(args: &DedupArgs) -> anyhow::Result<DedupConfig> {
    let config = DedupConfig {
        method: match args.method {
            MethodArg::Minhash => Method::Minhash,
        },
        shingle_size: args.shingle_size,
        num_perm: args.num_perm,
        threshold: args.threshold,
        lsh: args.bands.zip(args.rows).map(|(bands, rows)| LshParams { bands, rows }),
        measure: match args.measure {
            MeasureArg::Jaccard => Measure::Jaccard,
            MeasureArg::Containment => Measure::Containment,
        },
        verify: !args.no_verify,
        keep: match args.keep {
            KeepArg::First => Keep::First,
            KeepArg::Earliest => Keep::Earliest,
            KeepArg::Longest => Keep::Longest,
        },
        seed: args.seed.unwrap_or(DEFAULT_SEED),
        ..DedupConfig::default()
    };
    config.validate()?;
    Ok(config)
}

/// Run `dedup` and print its results.
pub fn run(args: DedupArgs) -> anyhow::Result<ExitCode> {
    let config = config(&args)?;
    let corpus = open_corpus(&args.common)?;
    let bars = Bars::new(args.common.quiet);
    let result = dedup(&corpus, &config, &bars)?;
    for r in &result.rejected {
        eprintln!("wiretrace: warning: {r} (skipped)");
    }
    if let Some(path) = &args.unique_out {
        report::write_unique(&corpus, &result, path, &bars).with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.annotate_out {
        report::write_annotated(&corpus, &result, path, &bars)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.common.json {
        report::write_dedup_json(&mut out, &result)?;
    } else {
        report::write_dedup_text(&mut out, &result)?;
    }
    out.flush()?;
    if !args.common.quiet {
        report::write_summary(&mut std::io::stderr(), &result.stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
