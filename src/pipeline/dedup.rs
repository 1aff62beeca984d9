//! `dedup`: near-duplicate document clusters.
//!
//! Stages, one function each:
//!
//! 1. **sign** ([`sign_corpus`]): one streaming pass; each document is
//!    tokenized, shingled and reduced to a [`DocMeta`]: a hash of its
//!    normalized text, a MinHash signature, and (for containment) winnowed
//!    fingerprints. Texts are dropped as soon as they are signed.
//! 2. **exact** ([`exact_groups`]): documents with the same normalized text
//!    are grouped without LSH; one document per group goes on.
//! 3. **candidates** ([`find_candidates`]): LSH banding of the signatures;
//!    for containment also shared winnowed fingerprints. With
//!    [`Method::Simhash`], pairs of word SimHash fingerprints within
//!    `max_hamming` bits (permuted-block tables, [`crate::simhash_index`]);
//!    with [`Method::Exact`], none (stage 2 is the whole search).
//! 4. **verify** ([`verify_candidates`]): a second pass re-reads only the
//!    documents in candidate pairs, builds their shingle profiles and keeps
//!    the pairs whose exact similarity reaches the threshold (with
//!    `verify: false`, the signature estimate decides instead).
//! 5. **cluster** ([`build_clusters`]): union-find over exact groups and
//!    verified pairs; a representative per cluster and each member's
//!    similarity to it.
//!
//! Memory: per document, its id, date, a 16-byte place in the input, the
//! signature (`4 · num_perm` bytes), and in containment mode its
//! fingerprints (8 bytes each, about `2/(w+1)` of its shingles); then the
//! shingle profiles of candidate documents only (8 bytes a shingle for
//! Jaccard, 16 for containment).

use crate::cluster::{representative, Keep, MemberInfo, UnionFind};
use crate::corpus::{Corpus, RecordRef, Rejected};
use crate::error::{Error, Result};
use crate::fingerprint::{fingerprints, overlap_candidates, OverlapParams};
use crate::lsh::{band_keys, candidate_pairs, LshParams};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::pipeline::scan::{scan_documents, strict_error, total_bytes, DocFilter};
use crate::progress::{Progress, Stage};
use crate::shingle::{shingle_count, shingle_hashes, MAX_SHINGLE_SIZE};
use crate::signature::{simhash, MinHasher, Signature, SimHash};
use crate::simhash_index::BlockTables;
use crate::verify::{similarity, Measure, ShingleProfile};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use xxhash_rust::xxh3::Xxh3;

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
#[derive(Clone, Debug, PartialEq)]
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
    /// Seed of every hash.
    pub seed: u64,
    /// Fingerprint candidate search (containment).
    pub overlap: OverlapParams,
    /// SimHash candidates: the largest Hamming distance (default 3).
    pub max_hamming: u32,
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
            seed: DEFAULT_SEED,
            overlap: OverlapParams::default(),
            max_hamming: 3,
        }
    }
}

impl DedupConfig {
    /// Check ranges and consistency.
    pub fn validate(&self) -> Result<()> {
        if !(1..=MAX_SHINGLE_SIZE).contains(&self.shingle_size) {
            return Err(Error::config(format!("shingle size must be 1 to {MAX_SHINGLE_SIZE}")));
        }
        if !(1..=1024).contains(&self.num_perm) {
            return Err(Error::config("num-perm must be 1 to 1024"));
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(Error::config("threshold must be in (0, 1]"));
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Member {
    /// Input-order index of the document.
    pub doc: u32,
    /// Similarity to the representative (1 for the representative).
    pub similarity: f64,
}

/// A cluster of two or more near-duplicate documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// 1-based, in order of the clusters' first members.
    pub id: usize,
    /// The kept document.
    pub representative: u32,
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
    /// Counts.
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
                out[m.doc as usize] = Some(ci as u32);
            }
        }
        out
    }
}

/// What stage 1 keeps of a document.
#[derive(Debug)]
struct DocMeta {
    id: String,
    at: RecordRef,
    date: Option<String>,
    len: usize,
    shingles: usize,
    /// Hash of the normalized token sequence; `None` for an empty document.
    exact: Option<u64>,
    sig: Signature,
    fps: Vec<u64>,
    /// Only with [`Method::Simhash`].
    simhash: SimHash,
}

/// Per-thread scratch buffers.
struct Scratch {
    tokenizer: Tokenizer,
    tokens: Vec<Token>,
    shingles: Vec<u64>,
    sorted: Vec<u64>,
    short_shingles: Vec<u64>,
}

fn scratch(seed: u64) -> impl Fn() -> Scratch + Sync + Send {
    move || Scratch {
        tokenizer: Tokenizer::new(seed),
        tokens: Vec::new(),
        shingles: Vec::new(),
        sorted: Vec::new(),
        short_shingles: Vec::new(),
    }
}

/// Near-duplicate clusters of a corpus.
pub fn dedup(corpus: &Corpus, config: &DedupConfig, progress: &dyn Progress) -> Result<DedupReport> {
    config.validate()?;
    let lsh = config.lsh_params();
    let (docs, rejected) = sign_corpus(corpus, config, progress)?;
    let groups = exact_groups(&docs, progress);
    let candidates = find_candidates(&docs, &groups, config, lsh, progress);
    let (verified, profiles) = verify_candidates(corpus, &docs, &candidates, config, progress)?;
    let clusters = build_clusters(&docs, &groups, &verified, &profiles, config, progress);

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
        exact_duplicates: groups.members.iter().map(|g| g.len() - 1).sum(),
        candidate_pairs: candidates.len(),
        verified_pairs: verified.len(),
    };
    Ok(DedupReport {
        clusters,
        places: docs.iter().map(|d| d.at).collect(),
        ids: docs.into_iter().map(|d| d.id).collect(),
        rejected,
        stats,
        lsh,
    })
}

/// The normalized-text hash, shingles and signature of one text (the
/// MinHash signature and fingerprints, or the SimHash, as the method needs).
fn sign_text(
    s: &mut Scratch,
    text: &str,
    config: &DedupConfig,
    hasher: &MinHasher,
) -> (Option<u64>, Signature, Vec<u64>, usize, SimHash) {
    s.tokenizer.tokenize(text, &mut s.tokens);
    let none = Signature(Box::new([]));
    if s.tokens.is_empty() {
        return (None, none, Vec::new(), 0, SimHash(0));
    }
    let mut exact = Xxh3::with_seed(config.seed);
    for t in &s.tokens {
        exact.update(&t.hash.to_le_bytes());
    }
    let exact = Some(exact.digest());
    if config.method == Method::Exact {
        return (exact, none, Vec::new(), 0, SimHash(0));
    }
    if config.method == Method::Simhash {
        let shingles = shingle_count(s.tokens.len(), config.shingle_size);
        return (exact, none, Vec::new(), shingles, simhash(s.tokens.iter().map(|t| t.hash), &mut s.sorted));
    }
    shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
    let sig = hasher.sign(&s.shingles);
    let fps = match config.measure {
        Measure::Containment => {
            let k = config.overlap.shingle_size.clamp(1, config.shingle_size);
            if k == config.shingle_size {
                fingerprints(&s.shingles, config.overlap.window)
            } else {
                shingle_hashes(&s.tokens, k, config.seed, &mut s.short_shingles);
                fingerprints(&s.short_shingles, config.overlap.window)
            }
        }
        Measure::Jaccard => Vec::new(),
    };
    (exact, sig, fps, s.shingles.len(), SimHash(0))
}

/// Stage 1: read, tokenize, shingle and sign every document; check ids.
fn sign_corpus(
    corpus: &Corpus,
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<(Vec<DocMeta>, Vec<Rejected>)> {
    let hasher = MinHasher::new(config.num_perm, config.seed);
    let mut docs: Vec<DocMeta> = Vec::new();
    let mut rejected = Vec::new();
    let skip = corpus.config().skip_invalid;
    progress.begin(Stage::Sign, total_bytes(corpus));
    scan_documents(
        corpus,
        DocFilter::All,
        progress,
        scratch(config.seed),
        |s, doc| {
            let (exact, sig, fps, shingles, simhash) = sign_text(s, &doc.text, config, &hasher);
            DocMeta { id: doc.id, at: doc.at, date: doc.date, len: doc.text.len(), shingles, exact, sig, fps, simhash }
        },
        &mut |r| {
            match r {
                Ok(meta) => docs.push(meta),
                Err(rej) if skip => rejected.push(rej),
                Err(rej) => return Err(strict_error(rej)),
            }
            Ok(())
        },
    )?;
    progress.end();
    Ok((docs, rejected))
}

/// Documents grouped by identical normalized text.
struct ExactGroups {
    /// Groups of two or more, each sorted; ordered by first member.
    members: Vec<Vec<u32>>,
    /// For each document, the first member of its group (itself when alone).
    leader: Vec<u32>,
    /// The documents that go on to candidate search: one per group plus
    /// every non-empty singleton, in input order.
    leaders: Vec<u32>,
}

/// Stage 2: group identical documents.
fn exact_groups(docs: &[DocMeta], progress: &dyn Progress) -> ExactGroups {
    progress.begin(Stage::Exact, Some(docs.len() as u64));
    let mut first: HashMap<u64, u32> = HashMap::with_capacity(docs.len());
    let mut leader: Vec<u32> = (0..docs.len() as u32).collect();
    let mut leaders = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(h) = d.exact else { continue };
        let f = *first.entry(h).or_insert(i as u32);
        leader[i] = f;
        if f == i as u32 {
            leaders.push(f);
        }
    }
    let mut by_leader: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, &l) in leader.iter().enumerate() {
        if l != i as u32 {
            by_leader.entry(l).or_insert_with(|| vec![l]).push(i as u32);
        }
    }
    let mut members: Vec<Vec<u32>> = by_leader.into_values().collect();
    members.sort_unstable_by_key(|g| g[0]);
    progress.advance(docs.len() as u64);
    progress.end();
    ExactGroups { members, leader, leaders }
}

/// Stage 3: candidate pairs among group leaders (document indices, `a < b`).
fn find_candidates(
    docs: &[DocMeta],
    groups: &ExactGroups,
    config: &DedupConfig,
    lsh: LshParams,
    progress: &dyn Progress,
) -> Vec<(u32, u32)> {
    progress.begin(Stage::Candidates, Some(groups.leaders.len() as u64));
    let mut pairs = match config.method {
        Method::Minhash => minhash_candidates(docs, groups, config, lsh),
        Method::Exact => Vec::new(),
        Method::Simhash => {
            let fps: Vec<SimHash> = groups.leaders.iter().map(|&d| docs[d as usize].simhash).collect();
            BlockTables::for_corpus(config.max_hamming, fps.len()).map_or_else(Vec::new, |t| t.pairs(&fps))
        }
    };
    progress.advance(groups.leaders.len() as u64);
    progress.end();
    // leader slots -> document indices (leaders are increasing, so a < b holds)
    pairs.iter_mut().for_each(|p| *p = (groups.leaders[p.0 as usize], groups.leaders[p.1 as usize]));
    pairs
}

/// MinHash candidates among group leaders (leader slots).
fn minhash_candidates(docs: &[DocMeta], groups: &ExactGroups, config: &DedupConfig, lsh: LshParams) -> Vec<(u32, u32)> {
    let keys: Vec<Vec<u64>> = groups.leaders.par_iter().map(|&d| band_keys(&docs[d as usize].sig, lsh)).collect();
    let mut pairs = candidate_pairs(&keys, lsh.bands);
    if config.measure == Measure::Containment {
        let fps: Vec<Vec<u64>> = groups.leaders.iter().map(|&d| docs[d as usize].fps.clone()).collect();
        let mut params = config.overlap;
        params.min_share = params.min_share.min(config.threshold / 2.0);
        pairs.extend(overlap_candidates(&fps, &params));
        pairs.par_sort_unstable();
        pairs.dedup();
    }
    pairs
}

/// A pair of documents at or above the threshold, with its similarity.
type VerifiedPair = (u32, u32, f64);

/// Shingle profiles of the documents that need one, by document index.
type Profiles = HashMap<u32, ShingleProfile>;

/// Stage 4: exact similarity of every candidate pair; the pairs that reach
/// the threshold, with their similarity.
fn verify_candidates(
    corpus: &Corpus,
    docs: &[DocMeta],
    candidates: &[(u32, u32)],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<(Vec<VerifiedPair>, Profiles)> {
    if !config.verify {
        progress.begin(Stage::Verify, Some(candidates.len() as u64));
        let kept: Vec<(u32, u32, f64)> = candidates
            .par_iter()
            .filter_map(|&(a, b)| {
                let s = estimate(&docs[a as usize], &docs[b as usize], config);
                (s >= config.threshold).then_some((a, b, s))
            })
            .collect();
        progress.advance(candidates.len() as u64);
        progress.end();
        return Ok((kept, Profiles::new()));
    }
    let mut needed: Vec<u32> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    needed.sort_unstable();
    needed.dedup();
    let profiles = load_profiles(corpus, docs, &needed, config, progress)?;
    progress.begin(Stage::Verify, Some(candidates.len() as u64));
    let kept: Vec<(u32, u32, f64)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let s = similarity(&profiles[&a], &profiles[&b], config.measure, config.shingle_size);
            (s >= config.threshold).then_some((a, b, s))
        })
        .collect();
    progress.advance(candidates.len() as u64);
    progress.end();
    Ok((kept, profiles))
}

/// The signature estimate of a pair's similarity. For containment it is
/// derived from the estimated Jaccard and the shingle counts:
/// `|A ∩ B| = J (|A| + |B|) / (1 + J)`. With SimHash it is
/// `1 - hamming / 64`, whatever the measure.
fn estimate(a: &DocMeta, b: &DocMeta, config: &DedupConfig) -> f64 {
    if config.method == Method::Simhash {
        return a.simhash.similarity(b.simhash);
    }
    let j = a.sig.jaccard(&b.sig);
    match config.measure {
        Measure::Jaccard => j,
        Measure::Containment => {
            let min = a.shingles.min(b.shingles).max(1) as f64;
            (j * (a.shingles + b.shingles) as f64 / (1.0 + j) / min).min(1.0)
        }
    }
}

/// Second pass: shingle profiles of the `needed` documents (sorted indices).
fn load_profiles(
    corpus: &Corpus,
    docs: &[DocMeta],
    needed: &[u32],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<Profiles> {
    let mut profiles = Profiles::with_capacity(needed.len());
    if needed.is_empty() {
        return Ok(profiles);
    }
    let places: Vec<RecordRef> = needed.iter().map(|&d| docs[d as usize].at).collect();
    let by_place: HashMap<RecordRef, u32> = places.iter().copied().zip(needed.iter().copied()).collect();
    // only the wanted records are read: their size is not known ahead
    progress.begin(Stage::Verify, None);
    scan_documents(
        corpus,
        DocFilter::Only(&places),
        progress,
        scratch(config.seed),
        |s, doc| {
            s.tokenizer.tokenize(&doc.text, &mut s.tokens);
            shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
            (doc.at, ShingleProfile::for_measure(s.shingles.clone(), s.tokens.len(), config.measure))
        },
        &mut |r| {
            // records rejected in the first pass were never candidates
            if let Ok((at, profile)) = r {
                if let Some(&d) = by_place.get(&at) {
                    profiles.insert(d, profile);
                }
            }
            Ok(())
        },
    )?;
    progress.end();
    if profiles.len() != needed.len() {
        return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
    }
    Ok(profiles)
}

/// Stage 5: clusters from exact groups and verified pairs.
fn build_clusters(
    docs: &[DocMeta],
    groups: &ExactGroups,
    verified: &[(u32, u32, f64)],
    profiles: &Profiles,
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Vec<Cluster> {
    progress.begin(Stage::Cluster, Some(docs.len() as u64));
    let mut uf = UnionFind::new(docs.len());
    for g in &groups.members {
        for &m in &g[1..] {
            uf.union(g[0], m);
        }
    }
    for &(a, b, _) in verified {
        uf.union(a, b);
    }
    let components = uf.components(2);
    let clusters = components
        .into_par_iter()
        .enumerate()
        .map(|(ci, comp)| {
            let infos: Vec<MemberInfo<'_>> = comp
                .iter()
                .map(|&d| MemberInfo { index: d, date: docs[d as usize].date.as_deref(), len: docs[d as usize].len })
                .collect();
            let rep = representative(&infos, config.keep);
            let rep_leader = groups.leader[rep as usize];
            let mut members = vec![Member { doc: rep, similarity: 1.0 }];
            for &d in comp.iter().filter(|&&d| d != rep) {
                let leader = groups.leader[d as usize];
                let s = if leader == rep_leader {
                    1.0
                } else if config.verify {
                    similarity(&profiles[&rep_leader], &profiles[&leader], config.measure, config.shingle_size)
                } else {
                    estimate(&docs[rep_leader as usize], &docs[leader as usize], config)
                };
                members.push(Member { doc: d, similarity: s });
            }
            Cluster { id: ci + 1, representative: rep, members }
        })
        .collect();
    progress.advance(docs.len() as u64);
    progress.end();
    clusters
}
