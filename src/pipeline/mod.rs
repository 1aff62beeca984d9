//! The orchestrators: each runs the stages of one command over a corpus and
//! returns a report; the command line only prints it.
//!
//! * [`dedup()`]: near-duplicate document clusters ([`mod@dedup`] has the
//!   stages and their serde types);
//! * [`passages()`]: reused passage clusters;
//! * [`check()`]: passages copied from a reference index, and their credit;
//! * [`quotes()`]: quotes with speaker and outlet, traced to their origin;
//! * [`extract()`]: the documents as every command reads them.
//!
//! Every orchestrator reads its corpus through the one
//! [`crate::corpus::Scan`], so ids, bad records and progress are handled
//! the same way everywhere.

pub mod check;
pub mod dedup;
pub mod extract;
pub mod passages;
pub mod quotes;

pub use check::{check, CheckConfig, CheckReport, Finding};
pub use dedup::{dedup, Cluster, DedupConfig, DedupReport, DedupStats, Member, Method, CANDIDATE_RECALL};
pub use extract::{extract, ExtractRecord, ExtractStats};
pub use passages::{
    passages, AlignedPair, Passage, PassageConfig, PassageMember, PassageReport, PassageStats, Sensitivity,
};
pub use quotes::{quotes, QuoteRecord, QuoteTrace, QuotesConfig, QuotesReport, QuotesStats};
