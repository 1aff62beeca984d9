//! The orchestrators: each runs the stages of one command over a corpus.
//!
//! * [`dedup`]: near-duplicate document clusters.
//! * [`passages`]: reused passage clusters.

mod dedup;
mod passages;
mod scan;

pub use dedup::{dedup, Cluster, DedupConfig, DedupReport, DedupStats, Member, Method};
pub use passages::{passages, Passage, PassageConfig, PassageMember, PassageReport, PassageStats};
pub use scan::{scan_documents, DocFilter};
