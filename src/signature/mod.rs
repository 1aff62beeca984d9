//! Document signatures computed from shingle hashes: MinHash for Jaccard
//! estimation and LSH banding, SimHash for Hamming-distance search.

pub mod minhash;
pub mod simhash;

pub use minhash::{MinHasher, Signature};
pub use simhash::{simhash, SimHash};

pub use crate::hash::mix64;
