//! Output types and writers: JSON Lines records as DESIGN.md specifies,
//! readable text, and the rewritten corpora (`--unique-out`,
//! `--annotate-out`).
//!
//! Files are written to a temporary file beside the target and renamed into
//! place when complete, so a failed run never leaves a half-written output.

mod atomic;
mod dedup;
mod passages;

pub use atomic::AtomicFile;
pub use dedup::{
    cluster_json, write_annotated, write_dedup_json, write_dedup_text, write_summary, write_unique, ClusterJson,
    MemberJson,
};
pub use passages::{
    passage_json, write_passages_json, write_passages_summary, write_passages_text, PassageJson, PassageMemberJson,
};
