//! The orchestrators: each runs the stages of one command over a corpus.
//!
//! * [`dedup`]: near-duplicate document clusters.
//! * [`quotes`]: quotes with speaker and outlet, traced to their origin.

mod dedup;
mod quotes;
mod scan;

pub use dedup::{dedup, Cluster, DedupConfig, DedupReport, DedupStats, Member, Method};
pub use quotes::{attribute_corpus, quotes, OriginRecord, QuoteRecord, QuotesConfig, QuotesStats};
pub use scan::{scan_documents, DocFilter};
