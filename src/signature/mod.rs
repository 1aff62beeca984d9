//! Document signatures computed from shingle hashes: MinHash for Jaccard
//! estimation and LSH banding.

pub mod minhash;

pub use minhash::{MinHasher, Signature};

pub use crate::hash::mix64;
