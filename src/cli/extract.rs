//! `wiretrace extract`: print the documents as the other commands read
//! them, as JSON Lines (`--json`) or readable blocks, or write them to a
//! Parquet file (`--output FILE.parquet`).

use super::args::CommonArgs;
use super::frame::Frame;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use wiretrace::pipeline::{extract, ExtractRecord};
use wiretrace::report::OutputFormat;

/// `wiretrace extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the documents to this Parquet file (name ending in .parquet; columns id, text, date, source, title, url) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Run `extract` and print the documents.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let frame = Frame::open(&args.common)?;
    let io =
        |e: std::io::Error| wiretrace::Error::from(wiretrace::ErrorKind::Io { path: "<stdout>".into(), source: e });
    let format = frame.format;
    if !matches!(format, OutputFormat::Text | OutputFormat::Json) {
        anyhow::bail!("extract cannot write --output-format {}", format.name());
    }
    let stats = if let Some(path) = &args.output {
        if !wiretrace::report::parquet_out::is_parquet_path(path) {
            anyhow::bail!(
                "extract --output writes Parquet, so its name ends in .parquet (for JSON Lines: --json > {})",
                path.display()
            );
        }
        wiretrace::report::parquet_out::write_documents(path, |push| extract(&frame.corpus, &frame.bars, push))?
    } else {
        let mut result = None;
        frame.output(|out| -> anyhow::Result<()> {
            result = Some(extract(&frame.corpus, &frame.bars, &mut |doc| {
                let record = ExtractRecord::from(doc);
                if format == OutputFormat::Json {
                    serde_json::to_writer(&mut *out, &record).map_err(|e| io(e.into()))?;
                    out.write_all(b"\n").map_err(io)
                } else {
                    write_text(out, &record).map_err(io)
                }
            })?);
            Ok(())
        })?;
        result.expect("extract ran")
    };
    frame.warn_rejected(&stats.rejected);
    frame.summary(|err| {
        let mut line = format!("{} documents", stats.documents);
        if !stats.rejected.is_empty() {
            line.push_str(&format!(", {} invalid records skipped", stats.rejected.len()));
        }
        if let Some(skipped) = frame.warc_skipped() {
            line.push_str(&format!(", {skipped}"));
        }
        writeln!(err, "{line}")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A readable block: the id, the known fields, a blank line, the text.
fn write_text(out: &mut dyn Write, r: &ExtractRecord<'_>) -> std::io::Result<()> {
    writeln!(out, "== {}", r.id)?;
    for (name, value) in [("url", r.url), ("title", r.title), ("date", r.date), ("source", r.source)] {
        if let Some(v) = value {
            writeln!(out, "{name}: {v}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", r.text)?;
    writeln!(out)
}
