//! The orchestrators: each runs the stages of one command over a corpus.
//!
//! * [`dedup`]: near-duplicate document clusters.
//! * [`check`]: copied passages from a reference index, and their credit.
//! * [`quotes`]: quotes with speaker and outlet, traced to their origin.
//! * [`passages`]: reused passage clusters.
//! * [`extract`]: the documents as every command reads them.

mod check;
pub mod credit;
mod dedup;
mod extract;
mod passages;
mod quotes;
mod scan;

pub use check::{check, line_column, CheckConfig, CheckReport, Finding};
pub use dedup::{dedup, Cluster, DedupConfig, DedupReport, DedupStats, Member, Method, CANDIDATE_RECALL};
pub use extract::{extract, ExtractRecord, ExtractStats};
pub use passages::{passages, Passage, PassageConfig, PassageMember, PassageReport, PassageStats};
pub use quotes::{attribute_corpus, quotes, OriginRecord, QuoteRecord, QuotesConfig, QuotesStats};
pub(crate) use scan::strict_error;
pub use scan::{scan_documents, DocFilter};
