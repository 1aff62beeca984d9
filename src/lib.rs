//! # wiretrace
//!
//! Finds near-duplicate documents and reused passages in large text
//! collections, news first, and traces quoted and copied text back to the
//! outlet it came from.
//!
//! The library is one engine: each algorithm exists once, in a module
//! named after its stage, and the commands are orchestrators that compose
//! them. A module uses only the layers above it in this picture:
//!
//! ```text
//! corpus        readers, THE scan (ids, bad records), ByteSpan / DocId / LineIndex
//! normalize ──▶ shingle ──┬─▶ signature (minhash, simhash) ─▶ candidates ─▶ verify ─▶ cluster
//!                         └─▶ fingerprint (winnowing, Postings) ─┬─▶ index (implements Postings)
//!                                                                └─▶ passage (seeds, THE aligner)
//! attribution   quotes, speakers, outlets, credit rules, THE tracer
//! pipeline      dedup, passages, check, quotes: one orchestrator each, returning a report
//! report        one output-format dispatch; text, JSON Lines, SARIF, GitHub writers
//! ```
//!
//! [`pipeline::dedup()`] runs the dedup stages over a [`corpus::Corpus`]
//! ([`mod@pipeline::dedup`] has them as public functions over serde types);
//! every stage is also usable on its own. [`attribution`] finds quotes,
//! their speakers and the outlets they are credited to, and traces quoted
//! text to the document it came from. [`eval`] scores saved output against
//! labelled truth.
//!
//! # Example: near-duplicate clusters
//!
//! ```
//! use wiretrace::corpus::{Corpus, ReaderConfig, Format};
//! use wiretrace::pipeline::{dedup, DedupConfig};
//! use wiretrace::progress::NoProgress;
//!
//! # fn main() -> wiretrace::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("news.txt");
//! let story = "Russian peacekeepers have begun to withdraw from Karabakh, the Kremlin said on Wednesday.";
//! std::fs::write(&path, format!("{story}\n{story}\nAn unrelated story about the weather in Oslo today.\n")).unwrap();
//!
//! let reader = ReaderConfig { format: Format::Lines, ..ReaderConfig::default() };
//! let corpus = Corpus::open(&[&path], reader)?;
//! let report = dedup(&corpus, &DedupConfig::default(), &NoProgress)?;
//! assert_eq!(report.clusters.len(), 1);
//! assert_eq!(report.clusters[0].members.len(), 2);
//! assert_eq!(report.stats.read, 3);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod atomic_file;
pub mod attribution;
pub mod candidates;
pub mod cluster;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod fingerprint;
pub mod hash;
pub mod index;
pub mod normalize;
pub mod passage;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod shard;
pub mod shingle;
pub mod signature;
pub mod verify;

pub use error::{Error, ErrorKind, Result};
