//! `dedup` as separate, restartable stages over files, so that shards of a
//! corpus can be signed on many processes or machines (a Slurm array, any
//! scheduler, Spark) and still give exactly the single-process answer.
//!
//! The stages and their files, all in one directory:
//!
//! | stage | reads | writes |
//! |---|---|---|
//! | [`plan()`] | the inputs | `manifest.json`: the input files and the shards |
//! | [`sign()`] (per shard) | its shard of the inputs | `sign-NNNNN.parquet` |
//! | [`candidates()`] | every sign file | `groups.parquet`, `candidates.parquet` |
//! | [`verify()`] | candidates, sign files, the candidates' records | `edges.parquet` |
//! | [`components()`] | groups, edges | `components.parquet` |
//! | [`finalize()`] | all of the above, the clustered records | a [`DedupReport`](crate::pipeline::DedupReport) |
//!
//! **Ordinals.** A document is named in stage files by its ordinal
//! `(shard << 32) | row`, its row among the valid documents of its shard.
//! Shards are consecutive pieces of the input in input order, so ordinals
//! sort exactly like the single-process document numbers: keep policies,
//! cluster numbering and representatives do not change when sharded.
//! Ordinals never depend on an engine's partitioning.
//!
//! **Same answer.** Every stage calls the functions in-memory `dedup` calls
//! ([`exact_groups_of`](crate::pipeline::dedup::exact_groups_of),
//! [`LeaderFeatures`](crate::pipeline::dedup::LeaderFeatures) with the same
//! bucket linking, [`verify_candidates`](crate::pipeline::dedup::verify_candidates),
//! [`clusters_of`](crate::pipeline::dedup::clusters_of)); components are labelled by
//! their smallest ordinal, so any correct algorithm gives the same labels;
//! `finalize` hands the report writers a `DedupReport` equal to the one
//! `dedup` makes. Ids repeated across shards are found in `candidates` and
//! rejected (or are the error) exactly as the single pass rejects them.
//!
//! **Parameters.** Every stage file records the stage that made it, the
//! format version, the plan it belongs to and the full `DedupConfig`; a
//! stage refuses inputs made with another plan or with parameters that
//! would change its answer (another seed, shingle size, threshold ...).
//!
//! **Restartable.** Each file is written to a temporary and renamed into
//! place when complete: a killed stage leaves nothing half-written, and
//! running it again gives the same file.
//!
//! **Memory.** `sign` holds one shard's signatures; `candidates` holds, per
//! document, an id hash, the exact hash and its place (about 48 bytes), and
//! per exact-group leader its band keys (`8 · bands` bytes); `verify` holds
//! the shingle profiles of the candidate documents; `components` the
//! documents in an edge or group; `finalize` every document's id, date and
//! place plus the profiles of clustered documents. Under a memory limit,
//! `verify` and `finalize` build profiles in chunks, reading the texts from
//! a one-pass temporary copy when there is more than one chunk (`spill`).

pub mod kernels;
mod manifest;
mod outofcore;
mod signed;
mod spill;
mod stages;
mod table;

pub use manifest::{plan, plan_corpus, Manifest, MANIFEST};
pub use outofcore::{out_of_core, shard_bytes};
pub use stages::{
    candidates, components, finalize, label_components, sign, sign_file, verify, write_components, StageSummary,
};

use crate::error::{Error, Result};
use crate::pipeline::DedupConfig;
use serde::{Deserialize, Serialize};

/// The version of the stage file format.
pub const FORMAT_VERSION: u32 = 1;

/// What every stage file records about how it was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageMeta {
    /// The stage that wrote it (`sign`, `candidates` ...).
    pub stage: String,
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The plan's identity ([`Manifest::id`]).
    pub plan: String,
    /// The dedup parameters in force.
    pub config: DedupConfig,
}

/// A document's ordinal: `(shard << 32) | row`.
pub fn ordinal(shard: usize, row: usize) -> u64 {
    ((shard as u64) << 32) | row as u64
}

/// Which parameters a stage's answer depends on, by the stage that made a
/// file: a file is usable only by a run that agrees on all of them.
fn depends_on(stage: &str) -> &'static [&'static str] {
    const SIGN: &[&str] = &["method", "shingle_size", "num_perm", "seed", "measure", "overlap"];
    const SEARCH: &[&str] = &[
        "method",
        "shingle_size",
        "num_perm",
        "seed",
        "measure",
        "overlap",
        "threshold",
        "lsh",
        "verify",
        "max_hamming",
    ];
    if stage == "sign" {
        SIGN
    } else {
        SEARCH
    }
}

/// The command-line flag of a parameter, for messages.
fn flag(field: &str) -> &'static str {
    match field {
        "method" => "--method",
        "shingle_size" => "--shingle-size",
        "num_perm" => "--num-perm",
        "seed" => "--seed",
        "measure" => "--measure",
        "overlap" => "the containment fingerprint settings",
        "threshold" => "--threshold",
        "lsh" => "--bands/--rows",
        "verify" => "--no-verify",
        "max_hamming" => "--max-hamming",
        _ => "a parameter",
    }
}

/// Refuse a stage file made by another plan or with parameters that differ
/// from `config` where its stage depends on them.
pub fn check_meta(name: &str, found: &StageMeta, plan: &str, config: &DedupConfig) -> Result<()> {
    if found.plan != plan {
        return Err(Error::format(
            name,
            format!("belongs to another plan ({}; the manifest is {plan}): run the stages again", found.plan),
        ));
    }
    let (a, b) = (serde_json::to_value(&found.config), serde_json::to_value(config));
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) = (a, b) else {
        unreachable!("configs serialize to objects")
    };
    for &field in depends_on(&found.stage) {
        if a.get(field) != b.get(field) {
            let show = |v: Option<&serde_json::Value>| v.map_or_else(|| "unset".to_owned(), |v| v.to_string());
            return Err(Error::format(
                name,
                format!(
                    "was made with {} {} but this run has {}: stage files made with other parameters cannot be mixed",
                    flag(field),
                    show(a.get(field)),
                    show(b.get(field))
                ),
            ));
        }
    }
    Ok(())
}
