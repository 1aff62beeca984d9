//! The orchestrators: each runs the stages of one command over a corpus.
//!
//! * [`dedup`]: near-duplicate document clusters.

mod dedup;
mod scan;

pub use dedup::{dedup, Cluster, DedupConfig, DedupReport, DedupStats, Member, Method};
pub use scan::{scan_documents, DocFilter};
