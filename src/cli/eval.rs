//! `wiretrace eval`: score saved `--json` output against truth.

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wiretrace::eval::{dedup, passages, quotes, DocTexts};

/// What the predictions are.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    /// `dedup --json` clusters against truth clusters / labelled pairs.
    Dedup,
    /// `passages --json` clusters against truth copy spans.
    Passages,
    /// `quotes --json` quotes against gold attributions.
    Quotes,
}

/// `wiretrace eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Saved `--json` output of the command being scored.
    #[arg(value_name = "PREDICTIONS")]
    pub predictions: PathBuf,
    /// Truth: a JSON file with clusters/pairs (dedup) or spans (passages);
    /// gold attributions as JSON Lines (quotes).
    #[arg(long, value_name = "FILE")]
    pub truth: PathBuf,
    /// What is scored.
    #[arg(long, value_enum, default_value = "dedup")]
    pub kind: KindArg,
    /// The documents (JSON Lines with id and text). dedup: the document list
    /// (default: the truth's "docs", else every id named); passages: the
    /// texts (default: docs.jsonl beside the truth file); quotes: checks spans.
    #[arg(long, value_name = "FILE")]
    pub docs: Option<PathBuf>,
    /// Ignore truth segments/links with fewer words (default: 8 for passages, 3 for quotes).
    #[arg(long, value_name = "N")]
    pub min_words: Option<usize>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    kind: &'a str,
    #[serde(flatten)]
    scores: T,
}

fn print<T: Serialize>(
    kind: &str,
    scores: T,
    json: bool,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer(&mut out, &Tagged { kind, scores })?;
        writeln!(out)?;
    } else {
        text(&mut out)?;
    }
    out.flush()?;
    Ok(())
}

fn docs_beside(truth: &Path) -> PathBuf {
    truth.parent().unwrap_or(Path::new(".")).join("docs.jsonl")
}

/// Run `eval` and print the scores.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.kind {
        KindArg::Dedup => {
            let truth = dedup::DedupTruth::load(&args.truth)?;
            let predicted = dedup::load_predictions(&args.predictions)?;
            let docs = args.docs.as_deref().map(DocTexts::load_ids).transpose()?;
            let s = dedup::score(&truth, &predicted, docs.as_deref());
            let t = s.clone();
            print("dedup", s, args.json, |w| {
                writeln!(w, "dedup: {} documents, {} predicted clusters", t.documents, predicted.len())?;
                if t.unknown_ids > 0 {
                    writeln!(w, "warning: {} reported ids not in the document list (ignored)", t.unknown_ids)?;
                }
                if t.repeated_ids > 0 {
                    writeln!(
                        w,
                        "warning: {} documents reported in more than one cluster (clusters merged)",
                        t.repeated_ids
                    )?;
                }
                writeln!(
                    w,
                    "pairs: truth positive {}, predicted {}, true positive {}",
                    t.truth_pairs, t.predicted_pairs, t.true_pairs
                )?;
                writeln!(w, "precision={:.4} recall={:.4} f1={:.4} ari={:.4}", t.precision, t.recall, t.f1, t.ari)
            })?;
        }
        KindArg::Passages => {
            let docs_path = args.docs.clone().unwrap_or_else(|| docs_beside(&args.truth));
            let docs = DocTexts::load(&docs_path)?;
            let truth = passages::PassageTruth::load(&args.truth)?;
            let clusters = passages::load_predictions(&args.predictions, &docs)?;
            let s = passages::score(&truth, &docs, &clusters, args.min_words.unwrap_or(8))
                .with_context(|| format!("scoring against {}", args.truth.display()))?;
            let t = s.clone();
            print("passages", s, args.json, |w| {
                writeln!(w, "passages: {} documents, {} passage clusters", docs.ids.len(), clusters.len())?;
                writeln!(
                    w,
                    "precision: {} correct of {} judged bytes; {} bytes unjudged",
                    t.correct_bytes, t.judged_bytes, t.unjudged_bytes
                )?;
                writeln!(
                    w,
                    "precision={:.4} recall={:.4} f1={:.4} span_recall={:.4} links={} edited_recall={:.4} edited_unit_recall={:.4} edited_links={}",
                    t.precision, t.recall, t.f1, t.span_recall, t.links, t.edited_recall, t.edited_unit_recall, t.edited_links
                )
            })?;
        }
        KindArg::Quotes => {
            let docs = args.docs.as_deref().map(DocTexts::load).transpose()?;
            let gold = quotes::load_gold(&args.truth, args.min_words.unwrap_or(3))?;
            let pred = quotes::load_predictions(&args.predictions, docs.as_ref())?;
            let s = quotes::score(&gold, &pred);
            let t = s.clone();
            print("quotes", s, args.json, |w| {
                writeln!(w, "quotes: {} reported quotes", pred.values().map(Vec::len).sum::<usize>())?;
                writeln!(
                    w,
                    "speaker: {}/{} correct; pronoun speakers (info): {}/{}",
                    t.speakers_correct, t.speakers_judged, t.pronouns_correct, t.pronouns_judged
                )?;
                writeln!(w, "outlet: {}/{} correct", t.outlets_correct, t.outlets_judged)?;
                writeln!(
                    w,
                    "recall={:.4} speaker_acc={:.4} outlet_acc={:.4} segments={}",
                    t.recall, t.speaker_acc, t.outlet_acc, t.segments
                )
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
