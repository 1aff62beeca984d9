//! `dedup`: near-duplicate document clusters.
//!
//! Stages, one function each:
//!
//! 1. **sign** ([`sign_corpus`]): one streaming pass; each document is
//!    tokenized, shingled and reduced to a [`SignedDoc`]: a hash of its
//!    normalized text, a MinHash signature, and (for containment) winnowed
//!    fingerprints. Texts are dropped as soon as they are signed. When
//!    candidates are verified exactly in one process, each signature is
//!    turned into its LSH band keys right away instead
//!    ([`sign_corpus_keyed`]).
//! 2. **exact** ([`exact_groups`]): documents with the same normalized text
//!    are grouped without LSH; one document per group goes on.
//! 3. **candidates** ([`find_candidates`]): LSH banding of the signatures;
//!    for containment also shared winnowed fingerprints. With
//!    [`Method::Simhash`], pairs of word SimHash fingerprints within
//!    `max_hamming` bits (permuted-block tables, [`crate::candidates::simhash`]);
//!    with [`Method::Exact`], none (stage 2 is the whole search).
//! 4. **verify** ([`verify_candidates`]): a second pass re-reads only the
//!    documents in candidate pairs, builds their shingle profiles and keeps
//!    the pairs whose exact similarity reaches the threshold (with
//!    `verify: false`, the signature estimate decides instead).
//! 5. **cluster** ([`build_clusters`]): union-find over exact groups and
//!    verified pairs; a representative per cluster and each member's
//!    similarity to it (the verified pair's; the leaders of components of
//!    three or more exact-group leaders are read again for the others).
//!
//! Memory: per document, its id, date, a 16-byte place in the input, the
//! LSH band keys (8 bytes a band: 144 bytes at the defaults; the
//! signature, `4 · num_perm` bytes, without verification), and in containment mode its
//! fingerprints (8 bytes each, about `2/(w+1)` of its shingles); then,
//! with the signatures and fingerprints released once candidates are
//! found, the shingle profiles of candidate documents only (8 bytes a
//! shingle for Jaccard, 16 for containment), each dropped after its last
//! pair is checked.

mod stages;
mod verification;

pub use stages::{
    build_clusters, clusters_of, components, exact_groups, exact_groups_of, find_candidates, known_similarities,
    leader_pairs, leaders_beyond_pairs, number_clusters, profiled_leaders, sign_corpus, sign_corpus_keyed, ExactGroups,
    Keyed, KnownSimilarities, LeaderFeatures, SignedDoc, SignedDocs,
};
pub(crate) use stages::{scratch, sign_texts, text_profile};
pub use verification::{load_profiles, verify_candidates, verify_profiles, Edge, Profiles};

use crate::candidates::{LshParams, OverlapParams};
use crate::cluster::{Keep, Linkage};
use crate::corpus::{Corpus, DocId, RecordRef, Rejected};
use crate::error::{Error, Result};
use crate::normalize::DEFAULT_SEED;
use crate::progress::Progress;
use crate::shingle::validate_shingle_size;
use crate::signature::Signature;
use crate::verify::Measure;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// With verification on, the probability that LSH makes a pair exactly at
/// the threshold a candidate (more similar pairs are likelier still).
pub const CANDIDATE_RECALL: f64 = 0.995;

/// How candidates are found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// MinHash signatures and LSH banding.
    #[default]
    Minhash,
    /// 64-bit SimHash fingerprints; candidates within `max_hamming` bits.
    Simhash,
    /// Identical normalized text only (the exact prepass, no candidates).
    Exact,
}

/// Everything `dedup` can be told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DedupConfig {
    /// Candidate method.
    pub method: Method,
    /// Words per shingle (1 to 32; default 5).
    pub shingle_size: usize,
    /// MinHash values per signature (default 128).
    pub num_perm: usize,
    /// Similarity threshold in (0, 1] (default 0.8).
    pub threshold: f64,
    /// LSH bands and rows; `None` derives them from the threshold.
    pub lsh: Option<LshParams>,
    /// Verified similarity measure.
    pub measure: Measure,
    /// Verify candidates exactly (default); otherwise trust the estimate.
    pub verify: bool,
    /// Which member represents a cluster.
    pub keep: Keep,
    /// How connected near-duplicates become clusters (default: connected
    /// components).
    pub linkage: Linkage,
    /// Seed of every hash.
    pub seed: u64,
    /// Fingerprint candidate search (containment).
    pub overlap: OverlapParams,
    /// SimHash candidates: the largest Hamming distance (default 3).
    pub max_hamming: u32,
    /// Out of core: keep the working set near this many bytes by running
    /// the stages of [`crate::shard`] over temporary files, verifying in
    /// chunks (`None`: everything in memory). The answer is the same.
    #[serde(default)]
    pub memory_limit: Option<u64>,
    /// Where out-of-core runs put their temporary files (default: the
    /// system's temporary directory).
    #[serde(skip)]
    pub temp_dir: Option<std::path::PathBuf>,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            method: Method::Minhash,
            shingle_size: 5,
            num_perm: 128,
            threshold: 0.8,
            lsh: None,
            measure: Measure::Jaccard,
            verify: true,
            keep: Keep::First,
            linkage: Linkage::Components,
            seed: DEFAULT_SEED,
            overlap: OverlapParams::default(),
            max_hamming: 3,
            memory_limit: None,
            temp_dir: None,
        }
    }
}

impl DedupConfig {
    /// Check ranges and consistency.
    pub fn validate(&self) -> Result<()> {
        validate_shingle_size(self.shingle_size)?;
        if !(1..=1024).contains(&self.num_perm) {
            return Err(Error::config("num-perm must be 1 to 1024"));
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(Error::config("threshold must be in (0, 1]"));
        }
        if self.memory_limit.is_some_and(|m| m < 1 << 10) {
            return Err(Error::config("memory-limit must be at least 1K"));
        }
        if self.max_hamming > 63 {
            return Err(Error::config("max-hamming must be 0 to 63"));
        }
        if let Some(p) = self.lsh {
            if p.bands == 0 || p.rows == 0 || p.bands * p.rows > self.num_perm {
                return Err(Error::config(format!(
                    "bands × rows must be at least 1 and at most num-perm ({}), got {} × {}",
                    self.num_perm, p.bands, p.rows
                )));
            }
        }
        Ok(())
    }

    /// The LSH parameters in force: as given, else with verification
    /// [`LshParams::for_recall`] (a pair at the threshold is a candidate with
    /// probability [`CANDIDATE_RECALL`]), else datasketch's balanced optimum.
    pub fn lsh_params(&self) -> LshParams {
        self.lsh.unwrap_or_else(|| {
            if self.verify {
                LshParams::for_recall(self.threshold, self.num_perm, CANDIDATE_RECALL)
            } else {
                LshParams::optimal(self.threshold, self.num_perm, 0.5, 0.5)
            }
        })
    }
}

/// A member of a cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Input-order index of the document.
    pub doc: DocId,
    /// Similarity to the representative (1 for the representative).
    pub similarity: f64,
}

/// A cluster of two or more near-duplicate documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// 1-based, in order of the clusters' first members.
    pub id: usize,
    /// The kept document.
    pub representative: DocId,
    /// Representative first, then the others in input order.
    pub members: Vec<Member>,
}

/// Counts that add up: `read = documents + rejected` and
/// `documents = unique + duplicates`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DedupStats {
    /// Records read (valid or not).
    pub read: usize,
    /// Records rejected (only with `skip_invalid`).
    pub rejected: usize,
    /// Valid documents.
    pub documents: usize,
    /// Documents without any word (kept as singletons).
    pub empty: usize,
    /// Documents in a cluster of two or more.
    pub clustered: usize,
    /// Clusters of two or more.
    pub clusters: usize,
    /// Documents kept: one per cluster plus every singleton.
    pub unique: usize,
    /// Documents dropped as duplicates of a representative.
    pub duplicates: usize,
    /// Documents identical (after normalization) to an earlier one.
    pub exact_duplicates: usize,
    /// Candidate pairs checked.
    pub candidate_pairs: usize,
    /// Pairs at or above the threshold.
    pub verified_pairs: usize,
}

/// The result of [`dedup`].
#[derive(Debug)]
pub struct DedupReport {
    /// Clusters of two or more, by their first member.
    pub clusters: Vec<Cluster>,
    /// Every valid document's id, in input order.
    pub ids: Vec<String>,
    /// Every valid document's place in the input.
    pub places: Vec<RecordRef>,
    /// Rejected records (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
    /// Counts that add up (see [`DedupStats`]).
    pub stats: DedupStats,
    /// The LSH parameters used.
    pub lsh: LshParams,
}

impl DedupReport {
    /// For each document, the cluster index (into `clusters`) it belongs to.
    pub fn cluster_of(&self) -> Vec<Option<u32>> {
        let mut out = vec![None; self.ids.len()];
        for (ci, c) in self.clusters.iter().enumerate() {
            for m in &c.members {
                out[m.doc.index()] = Some(ci as u32);
            }
        }
        out
    }
}

/// Near-duplicate clusters of a corpus.
pub fn dedup(corpus: &Corpus, config: &DedupConfig, progress: &dyn Progress) -> Result<DedupReport> {
    config.validate()?;
    if config.memory_limit.is_some() {
        return crate::shard::out_of_core(corpus, config, progress);
    }
    let lsh = config.lsh_params();
    let keyed = config.verify && config.method == Method::Minhash;
    let (mut docs, mut keys, rejected) = if keyed {
        sign_corpus_keyed(corpus, config, lsh, progress)?
    } else {
        let (docs, rejected) = sign_corpus(corpus, config, progress)?;
        (docs, Vec::new(), rejected)
    };
    let groups = exact_groups(&docs, progress);
    let candidates = find_candidates(&docs, keyed.then_some(&mut keys[..]), &groups, config, lsh, progress);
    drop(keys);
    if config.verify {
        // exact verification needs no signature again: their memory is
        // reused for the shingle profiles
        docs.par_iter_mut().for_each(|d| {
            d.sig = Signature(Box::new([]));
            d.fps = Vec::new();
        });
    }
    let verified = verify_candidates(corpus, &docs[..], &candidates, config, progress)?;
    let clusters = build_clusters(corpus, &docs, &groups, &verified, config, progress)?;

    let counts = [groups.members.iter().map(|g| g.len() - 1).sum(), candidates.len(), verified.len()];
    Ok(DedupReport::assemble(docs, rejected, clusters, counts, lsh))
}

impl DedupReport {
    /// The report of signed documents, rejected records and clusters, with
    /// `[exact duplicates, candidate pairs, verified pairs]` counted by the
    /// stages (the same for in-memory and sharded runs).
    pub fn assemble(
        docs: Vec<SignedDoc>,
        rejected: Vec<Rejected>,
        clusters: Vec<Cluster>,
        [exact_duplicates, candidate_pairs, verified_pairs]: [usize; 3],
        lsh: LshParams,
    ) -> DedupReport {
        let documents = docs.len();
        let clustered: usize = clusters.iter().map(|c| c.members.len()).sum();
        let stats = DedupStats {
            read: documents + rejected.len(),
            rejected: rejected.len(),
            documents,
            empty: docs.iter().filter(|d| d.exact.is_none()).count(),
            clustered,
            clusters: clusters.len(),
            unique: documents - clustered + clusters.len(),
            duplicates: clustered - clusters.len(),
            exact_duplicates,
            candidate_pairs,
            verified_pairs,
        };
        DedupReport {
            clusters,
            places: docs.iter().map(|d| d.at).collect(),
            ids: docs.into_iter().map(|d| d.id).collect(),
            rejected,
            stats,
            lsh,
        }
    }
}
