//! `dedup --memory-limit`: the stages of this module run one after another
//! in one process over a temporary directory, with shards sized so that
//! signing one shard stays within the limit and verification and
//! clustering held to half of it. The answer is the in-memory answer (the
//! stages guarantee it); the temporary directory is removed at the end.

use super::{candidates, components, finalize, plan_corpus, sign, verify};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::pipeline::{DedupConfig, DedupReport};
use crate::progress::Progress;

/// Input bytes per shard for a memory limit: the signing pass keeps about
/// 0.15 (Jaccard) to 0.55 (containment) bytes per input byte of JSON
/// news, plus its read-ahead batches; a quarter of the limit in input
/// leaves room for both.
pub fn shard_bytes(limit: u64) -> u64 {
    (limit / 4).max(1 << 8)
}

/// Run `dedup` out of core (see the module docs).
pub fn out_of_core(corpus: &Corpus, config: &DedupConfig, progress: &dyn Progress) -> Result<DedupReport> {
    let limit = config.memory_limit.expect("called with a memory limit");
    let base = config.temp_dir.clone().unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::Builder::new()
        .prefix(".wiretrace-stages-")
        .tempdir_in(&base)
        .map_err(|e| Error::io(base.display().to_string(), e))?;
    crate::atomic_file::track_temporary(dir.path());
    let result = run_stages(corpus, config, limit, dir.path(), progress);
    crate::atomic_file::untrack_temporary(dir.path());
    result
}

fn run_stages(
    corpus: &Corpus,
    config: &DedupConfig,
    limit: u64,
    dir: &std::path::Path,
    progress: &dyn Progress,
) -> Result<DedupReport> {
    let mut total = 0u64;
    for f in corpus.files() {
        total += std::fs::metadata(&f.path).map_err(|e| Error::io(f.display.clone(), e))?.len();
    }
    let shards = total.div_ceil(shard_bytes(limit)).max(1) as usize;
    let manifest = plan_corpus(corpus, shards, dir)?;
    for k in 0..manifest.shards.len() {
        sign(dir, k, config, progress)?;
    }
    candidates(dir, config, progress)?;
    verify(dir, config, progress)?;
    components(dir, config)?;
    finalize(dir, config, progress)
}
