//! Reused passages: seeds from any postings ([`seeds`]), THE aligner
//! (seed-and-extend alignment of a document pair, [`align`]) and passage
//! clusters of the aligned spans ([`cluster`]).
//!
//! The rewritten-reuse mode (`passages --sensitivity high`) has its own
//! document model ([`sentence`]: sentences of stemmed terms) and aligner
//! ([`rewrite`]: sentence similarity, after the PAN 2014 winner); it reports
//! aligned pairs and never clusters.
//!
//! `passages` seeds document pairs within a corpus; `check` seeds one
//! document against a reference index ([`seeds_against`]); both align with
//! [`align_pair`], so a copied passage gets the same spans whichever finds
//! it.
//!
//! A fingerprint in more than `max_df` documents is a stock phrase: it
//! seeds nothing. Winnowing picks a shared phrase's fingerprints only
//! approximately alike in every document (at its edges the picks depend on
//! the neighbouring text), so a stock phrase can still be seeded by an edge
//! fingerprint that a few documents share; the pipeline therefore also drops
//! any alignment in which more than half of either side's fingerprints are
//! stock phrases.
//!
//! The stages work on token positions (word indices); the pipeline
//! ([`mod@crate::pipeline::passages`]) turns token ranges into byte ranges of
//! the original text only at the end, so every reported span starts at the
//! first byte of a word and ends at the last byte of a word.
//!
//! # Cost model
//!
//! With `N` documents of `T` words in all, shingle size `k`, winnowing
//! window `w` and `S` seeds:
//!
//! * fingerprints: `O(T)` time; `≈ 2T/(w+1)` postings of 16 bytes each
//!   (about 4.6 bytes a word with the defaults `k = 5`, `w = 6`), the
//!   largest structure, plus 4 bytes a word of token hashes and 4 bytes a
//!   fingerprint of positions per document, held until alignment ends
//!   (dropped early for documents in no seed). Texts are never held;
//! * seeds: `O(S log S)` time, 16 bytes a seed. A fingerprint in `d ≤
//!   max_df` documents gives at most `d · SEED_NEIGHBOURS` seeds (all
//!   `d(d−1)/2` pairs while `d` is small); one in more documents is a stock
//!   phrase and gives none;
//! * alignment: each seeded document pair costs its seed count plus the
//!   length of what it aligns, and `O(g log g)` per edit bridged (`g =
//!   max_gap`), independent of the rest of either document;
//! * clusters: `O(A log A)` over `A` aligned span pairs; a second pass
//!   re-reads only the documents in a cluster, to turn token ranges into
//!   byte spans and line:column.
//!
//! Pairs are aligned in parallel; results are collected in seed order and
//! sorted, so output does not depend on the thread count.

pub mod align;
pub mod cluster;
pub mod rewrite;
pub mod seeds;
pub mod sentence;

pub use align::{align_pair, extend_seed, AlignParams, Alignment, TokenRange};
pub use cluster::{span_clusters, SpanMember, SpanPair};
pub use seeds::{seeds_against, ForeignSeed, Seed, SharedFingerprints};
