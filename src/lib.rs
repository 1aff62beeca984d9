//! # wiretrace
//!
//! Finds near-duplicate documents and reused passages in large text
//! collections, news first, and traces quoted and copied text back to the
//! outlet it came from.
//!
//! The library is a pipeline of small stages, each a module:
//!
//! ```text
//! corpus ─▶ normalize ─▶ shingle ─▶ signature ─▶ lsh / fingerprint ─▶ verify ─▶ cluster ─▶ report
//! ```
//!
//! [`pipeline::dedup`] runs them all over a [`corpus::Corpus`]; every stage
//! is also usable on its own. [`attribution`] finds quotes, their speakers
//! and the outlets they are credited to, and traces quoted text to the
//! document it came from; [`pipeline::quotes`] runs it over a corpus.
//! [`eval`] scores saved output against labelled truth.
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
pub mod shingle;
pub mod signature;
pub mod verify;

pub use error::{Error, ErrorKind, Result};
