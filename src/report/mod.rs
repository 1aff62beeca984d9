//! Output: one format dispatch ([`OutputFormat`]) and one writer per
//! command, for JSON Lines records as DESIGN.md specifies, readable text,
//! SARIF and GitHub annotations (`check`), and the rewritten corpora of
//! `dedup` (`--unique-out`, `--annotate-out`, written through
//! [`crate::atomic_file`] so a failed run never leaves half a file).

mod check;
mod dedup;
pub mod html;
mod pairs;
pub mod parquet_out;
mod passages;
mod quotes;

pub use check::{
    fails, finding_json, position, summary, write_check, FindingJson, GITHUB_ANNOTATION_LIMIT, RULE_ATTRIBUTED,
    RULE_UNATTRIBUTED,
};
pub use dedup::{
    cluster_json, cluster_json_with_urls, write_annotated, write_dedup, write_dedup_with_urls, write_summary,
    write_unique, ClusterJson, MemberJson,
};
pub use pairs::{pair_json, write_pairs, PairJson};
pub use passages::{
    passage_json, passage_json_with_urls, write_passages, write_passages_summary, write_passages_with_urls,
    PassageJson, PassageMemberJson,
};
pub use quotes::{quote_json, write_quote, write_quotes_summary, OriginJson, QuoteJson, TraceJson};

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// How a command prints its results on standard output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Readable text (`check`: compiler-style `path:line:col: error: ...`).
    #[default]
    Text,
    /// JSON Lines, one record a line.
    Json,
    /// A SARIF 2.1.0 log (`check` only).
    Sarif,
    /// GitHub Actions annotations (`check` only).
    Github,
    /// One self-contained HTML page ([`html`]); it shows document texts, so
    /// it is written by the `html` writers, which take them.
    Html,
}

impl OutputFormat {
    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Html => "html",
        }
    }

    /// The error for a command that cannot write this format.
    pub(crate) fn unsupported(self, command: &str) -> Error {
        Error::config(format!("{command} cannot write --output-format {}", self.name()))
    }
}

/// The error for a failed write to standard output.
pub(crate) fn out_err(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// One value as one JSON line.
pub(crate) fn json_line<T: Serialize>(w: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *w, value).map_err(|e| out_err(e.into()))?;
    w.write_all(b"\n").map_err(out_err)
}
