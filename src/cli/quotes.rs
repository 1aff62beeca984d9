//! `wiretrace quotes`.

use super::args::{AttributionArgs, CommonArgs};
use super::frame::Frame;
use clap::Args;
use std::process::ExitCode;
use wiretrace::attribution::trace::TraceConfig;
use wiretrace::pipeline::{quotes, QuotesConfig};
use wiretrace::report::{self, OutputFormat};

/// `wiretrace quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Report only quotes of at least N words.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_words: usize,
    #[command(flatten)]
    pub attribution: AttributionArgs,
    /// Find the earliest other document of the input holding each quote's text.
    #[arg(long)]
    pub trace: bool,
    /// With --trace: share of a quote's word 4-grams a document must contain.
    #[arg(long, default_value_t = 0.5, value_name = "F", requires = "trace")]
    pub trace_coverage: f64,
    /// With --trace: also look for origins in this reference index (`wiretrace index build`).
    #[arg(long, value_name = "FILE", requires = "trace")]
    pub index: Option<std::path::PathBuf>,
    /// HTML report: show the first N documents with quotes.
    #[arg(long, default_value_t = report::html::DEFAULT_REPORT_LIMIT, value_name = "N")]
    pub report_limit: usize,
}

fn config(args: &QuotesArgs) -> anyhow::Result<QuotesConfig> {
    let attributor = args.attribution.attributor()?;
    let trace = args.trace.then_some(TraceConfig { min_coverage: args.trace_coverage, ..TraceConfig::default() });
    let index = match &args.index {
        Some(path) => Some(std::sync::Arc::new(wiretrace::index::Index::open(path)?)),
        None => None,
    };
    let config = QuotesConfig { attributor, min_words: args.min_words, trace, index };
    config.validate()?;
    Ok(config)
}

/// Run `quotes` and print its results.
pub fn run(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let config = config(&args)?;
    let frame = Frame::open(&args.common)?;
    let mut result = None;
    let mut kept = super::html::QuoteCollector::new(args.report_limit);
    frame.output(|out| -> anyhow::Result<()> {
        let report = quotes(&frame.corpus, &config, &frame.bars, &mut |r| match frame.format {
            OutputFormat::Html => {
                kept.push(r);
                Ok(())
            }
            format => report::write_quote(out, r, format),
        })?;
        if frame.format == OutputFormat::Html {
            kept.write(out, &report.stats, &frame.corpus)?;
        }
        result = Some(report);
        Ok(())
    })?;
    let result = result.expect("quotes ran");
    frame.warn_rejected(&result.rejected);
    frame.summary(|err| {
        report::write_quotes_summary(err, &result.stats, result.rejected.len(), args.trace)
            .map_err(std::io::Error::other)?;
        frame.write_warc_skipped(err)
    })?;
    Ok(ExitCode::SUCCESS)
}
