//! Output types and writers: JSON Lines records as DESIGN.md specifies,
//! readable text, and the rewritten corpora (`--unique-out`,
//! `--annotate-out`).
//!
//! Files are written to a temporary file beside the target and renamed into
//! place when complete, so a failed run never leaves a half-written output.

mod atomic;
mod check;
mod dedup;
pub mod html;
mod passages;
mod quotes;

pub use atomic::AtomicFile;
pub use check::{
    fails, position, summary, write_check_github, write_check_json, write_check_sarif, write_check_text,
    GITHUB_ANNOTATION_LIMIT, RULE_ATTRIBUTED, RULE_UNATTRIBUTED,
};
pub use dedup::{
    cluster_json, write_annotated, write_dedup_json, write_dedup_text, write_summary, write_unique, ClusterJson,
    MemberJson,
};
pub use passages::{
    passage_json, write_passages_json, write_passages_summary, write_passages_text, PassageJson, PassageMemberJson,
};
pub use quotes::{
    quote_json, write_quote_json, write_quote_text, write_quotes_summary, OriginJson, QuoteJson, TraceJson,
};
