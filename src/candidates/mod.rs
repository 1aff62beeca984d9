//! Candidate search: the pairs of documents worth verifying, found without
//! comparing all pairs.
//!
//! * [`lsh`]: banding of MinHash signatures (Jaccard);
//! * [`simhash`]: permuted-block tables of SimHash fingerprints (Hamming
//!   distance);
//! * [`overlap`]: shared winnowed fingerprints (containment: a trimmed copy
//!   or an article with a pasted paragraph).
//!
//! Each returns [`CandidatePair`]s sorted and without repeats, independent
//! of the thread count.

pub mod lsh;
pub mod overlap;
pub mod simhash;

pub use lsh::{band_keys, band_keys_of, candidate_pairs, LshParams};
pub use overlap::{overlap_candidates, OverlapParams};
pub use simhash::BlockTables;

use crate::corpus::DocId;
use serde::{Deserialize, Serialize};

/// Two documents that may be near-duplicates, by their number in the
/// collection searched, `a < b`. Ordered by `a`, then `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CandidatePair {
    /// The earlier document.
    pub a: DocId,
    /// The later document.
    pub b: DocId,
}
