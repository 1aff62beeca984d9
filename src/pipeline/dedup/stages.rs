//! The stages of `dedup`, one public function each, and the public serde
//! types that flow between them (so they can be run on shards and written
//! to files). [`super::dedup`] calls them in order.

use super::{Cluster, DedupConfig, Member, Method};
use crate::candidates::{band_keys, candidate_pairs, overlap_candidates, BlockTables, CandidatePair, LshParams};
use crate::cluster::{representative, split_around_centers, Linkage, MemberInfo, UnionFind};
use crate::corpus::{total_bytes, Corpus, DocId, RecordRef, Rejected, Scan};
use crate::error::{Error, Result};
use crate::fingerprint::fingerprint_set;
use crate::hash::HashSorter;
use crate::normalize::{Token, Tokenizer};
use crate::progress::{Progress, Stage};
use crate::shingle::{shingle_count, shingle_hashes};
use crate::signature::{simhash, MinHasher, Signature, SimHash};
use crate::verify::{similarity, Measure, ShingleProfile};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// What the sign stage keeps of a document: everything the later stages
/// need, and not its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedDoc {
    /// The document id.
    pub id: String,
    /// Where the record is in the input (to read it again).
    pub at: RecordRef,
    /// The date field, for `--keep earliest`.
    pub date: Option<String>,
    /// Text length in bytes, for `--keep longest`.
    pub len: usize,
    /// Number of shingles (for the containment estimate).
    pub shingles: usize,
    /// Hash of the normalized token sequence; `None` for an empty document.
    pub exact: Option<u64>,
    /// The MinHash signature ([`Method::Minhash`]; empty otherwise).
    pub sig: Signature,
    /// Winnowed fingerprints of short shingles, sorted and unique
    /// (containment only).
    pub fps: Vec<u64>,
    /// The SimHash ([`Method::Simhash`]; 0 otherwise).
    pub simhash: SimHash,
}

/// Signed documents by number: every one (a slice), or just the ones a
/// sharded stage needs (a map).
pub trait SignedDocs: Sync {
    /// Document `d`; panics when it is not held.
    fn signed(&self, d: DocId) -> &SignedDoc;
}

impl SignedDocs for [SignedDoc] {
    fn signed(&self, d: DocId) -> &SignedDoc {
        &self[d.index()]
    }
}

impl SignedDocs for HashMap<DocId, SignedDoc> {
    fn signed(&self, d: DocId) -> &SignedDoc {
        &self[&d]
    }
}

/// What signing one text gives.
struct Signed {
    exact: Option<u64>,
    sig: Signature,
    fps: Vec<u64>,
    shingles: usize,
    simhash: SimHash,
}

/// Per-thread scratch buffers.
pub(crate) struct Scratch {
    tokenizer: Tokenizer,
    tokens: Vec<Token>,
    shingles: Vec<u64>,
    sorted: Vec<u64>,
    short_shingles: Vec<u64>,
    token_bytes: Vec<u8>,
    sorter: HashSorter,
}

pub(crate) fn scratch(seed: u64) -> impl Fn() -> Scratch + Sync + Send {
    move || Scratch {
        tokenizer: Tokenizer::new(seed),
        tokens: Vec::new(),
        shingles: Vec::new(),
        sorted: Vec::new(),
        short_shingles: Vec::new(),
        token_bytes: Vec::new(),
        sorter: HashSorter::default(),
    }
}

/// The normalized-text hash, shingles and signature of one text (the
/// MinHash signature and fingerprints, or the SimHash, as the method needs).
fn sign_text(s: &mut Scratch, text: &str, config: &DedupConfig, hasher: &MinHasher) -> Signed {
    s.tokenizer.tokenize(text, &mut s.tokens);
    let none = || Signature(Box::new([]));
    let mut signed = Signed { exact: None, sig: none(), fps: Vec::new(), shingles: 0, simhash: SimHash(0) };
    if s.tokens.is_empty() {
        return signed;
    }
    // one hash over the token hashes' bytes (the same value as feeding
    // them one by one, at a fraction of the cost)
    s.token_bytes.clear();
    s.token_bytes.resize(8 * s.tokens.len(), 0);
    for (bytes, t) in s.token_bytes.chunks_exact_mut(8).zip(&s.tokens) {
        bytes.copy_from_slice(&t.hash.to_le_bytes());
    }
    signed.exact = Some(xxh3_64_with_seed(&s.token_bytes, config.seed));
    if config.method == Method::Exact {
        return signed;
    }
    if config.method == Method::Simhash {
        signed.shingles = shingle_count(s.tokens.len(), config.shingle_size);
        signed.simhash = simhash(s.tokens.iter().map(|t| t.hash), &mut s.sorted);
        return signed;
    }
    shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
    signed.sig = hasher.sign(&s.shingles);
    signed.fps = match config.measure {
        Measure::Containment => {
            let k = config.overlap.shingle_size.clamp(1, config.shingle_size);
            if k == config.shingle_size {
                fingerprint_set(&s.shingles, config.overlap.window)
            } else {
                shingle_hashes(&s.tokens, k, config.seed, &mut s.short_shingles);
                fingerprint_set(&s.short_shingles, config.overlap.window)
            }
        }
        Measure::Jaccard => Vec::new(),
    };
    signed.shingles = s.shingles.len();
    signed
}

/// Stage 1: read, tokenize, shingle and sign every document (in input
/// order), and the records rejected.
pub fn sign_corpus(
    corpus: &Corpus,
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<(Vec<SignedDoc>, Vec<Rejected>)> {
    let (docs, _, rejected) = sign_corpus_with(corpus, config, None, progress)?;
    Ok((docs, rejected))
}

/// What [`sign_corpus_keyed`] returns: the signed documents (without
/// signatures), each one's band keys, and the records rejected.
pub type Keyed = (Vec<SignedDoc>, Vec<Vec<u64>>, Vec<Rejected>);

/// Stage 1 for a run that verifies candidates exactly in one process
/// ([`crate::pipeline::dedup::dedup`]): as [`sign_corpus`], but each
/// MinHash signature becomes its LSH band keys (document by document) as
/// soon as it is made, since nothing reads the signature again. At the
/// default settings that holds 144 bytes a document instead of 512, and
/// the candidate stage need not make the keys (a fresh vector each) in
/// one more pass: a 1M-document corpus needs half a gigabyte less.
pub fn sign_corpus_keyed(
    corpus: &Corpus,
    config: &DedupConfig,
    lsh: LshParams,
    progress: &dyn Progress,
) -> Result<Keyed> {
    sign_corpus_with(corpus, config, Some(lsh), progress)
}

/// [`sign_corpus`], or with `keys` [`sign_corpus_keyed`] (the keys
/// vector is empty without).
fn sign_corpus_with(
    corpus: &Corpus,
    config: &DedupConfig,
    keys: Option<LshParams>,
    progress: &dyn Progress,
) -> Result<Keyed> {
    let hasher = MinHasher::new(config.num_perm, config.seed);
    let mut docs: Vec<SignedDoc> = Vec::new();
    let mut all_keys: Vec<Vec<u64>> = Vec::new();
    progress.begin(Stage::Sign, total_bytes(corpus));
    let rejected = Scan::new(corpus, progress).run(
        scratch(config.seed),
        |s, doc| {
            let mut signed = sign_text(s, &doc.text, config, &hasher);
            let doc_keys = match keys {
                Some(lsh) => {
                    let k = band_keys(&signed.sig, lsh);
                    signed.sig = Signature(Box::new([]));
                    k
                }
                None => Vec::new(),
            };
            let meta = SignedDoc {
                id: doc.id,
                at: doc.at,
                date: doc.date,
                len: doc.text.len(),
                shingles: signed.shingles,
                exact: signed.exact,
                sig: signed.sig,
                fps: signed.fps,
                simhash: signed.simhash,
            };
            (meta, doc_keys)
        },
        &mut |(meta, doc_keys)| {
            docs.push(meta);
            if keys.is_some() {
                all_keys.push(doc_keys);
            }
            Ok(())
        },
    )?;
    progress.end();
    Ok((docs, all_keys, rejected))
}

/// Signed documents of texts given one by one, as [`sign_corpus`] signs
/// them (in parallel, in order), for the engines' sign kernel
/// (`shard::kernels`); the caller fills in id, place and date.
pub(crate) fn sign_texts(texts: &[&str], config: &DedupConfig) -> Vec<SignedDoc> {
    let hasher = MinHasher::new(config.num_perm, config.seed);
    texts
        .par_iter()
        .map_init(scratch(config.seed), |s, text| {
            let signed = sign_text(s, text, config, &hasher);
            SignedDoc {
                id: String::new(),
                at: RecordRef { file: 0, line: 0, offset: 0 },
                date: None,
                len: text.len(),
                shingles: signed.shingles,
                exact: signed.exact,
                sig: signed.sig,
                fps: signed.fps,
                simhash: signed.simhash,
            }
        })
        .collect()
}

/// Documents grouped by identical normalized text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactGroups {
    /// Groups of two or more, each sorted; ordered by first member.
    pub members: Vec<Vec<DocId>>,
    /// For each document, the first member of its group (itself when alone).
    pub leader: Vec<DocId>,
    /// The documents that go on to candidate search: one per group plus
    /// every non-empty singleton, in input order.
    pub leaders: Vec<DocId>,
}

/// Stage 2: group identical documents.
pub fn exact_groups(docs: &[SignedDoc], progress: &dyn Progress) -> ExactGroups {
    progress.begin(Stage::Exact, Some(docs.len() as u64));
    let groups = exact_groups_of(docs.iter().map(|d| d.exact));
    progress.advance(docs.len() as u64);
    progress.end();
    groups
}

/// Exact groups from each document's normalized-text hash, in document
/// order (`None` for an empty document).
pub fn exact_groups_of(hashes: impl ExactSizeIterator<Item = Option<u64>>) -> ExactGroups {
    let n = hashes.len();
    let mut first: foldhash::HashMap<u64, DocId> = foldhash::HashMap::with_capacity_and_hasher(n, Default::default());
    let mut leader: Vec<DocId> = (0..n).map(DocId::new).collect();
    let mut leaders = Vec::new();
    for (i, h) in hashes.enumerate() {
        let Some(h) = h else { continue };
        let f = *first.entry(h).or_insert(DocId::new(i));
        leader[i] = f;
        if f.index() == i {
            leaders.push(f);
        }
    }
    let mut by_leader: foldhash::HashMap<DocId, Vec<DocId>> = foldhash::HashMap::default();
    for (i, &l) in leader.iter().enumerate() {
        if l.index() != i {
            by_leader.entry(l).or_insert_with(|| vec![l]).push(DocId::new(i));
        }
    }
    let mut members: Vec<Vec<DocId>> = by_leader.into_values().collect();
    members.sort_unstable_by_key(|g| g[0]);
    ExactGroups { members, leader, leaders }
}

/// Stage 3: candidate pairs among group leaders (document numbers), sorted.
pub fn find_candidates(
    docs: &[SignedDoc],
    groups: &ExactGroups,
    config: &DedupConfig,
    lsh: LshParams,
    progress: &dyn Progress,
) -> Vec<CandidatePair> {
    progress.begin(Stage::Candidates, Some(groups.leaders.len() as u64));
    let features = LeaderFeatures::of(docs, &groups.leaders, config, lsh);
    candidates_of(features, groups, config, progress)
}

/// Stage 3 after [`sign_corpus_keyed`]: the same pairs from every
/// document's band keys (the leaders' keys are moved out of `keys`).
pub fn find_candidates_keyed(
    docs: &[SignedDoc],
    keys: &mut [Vec<u64>],
    groups: &ExactGroups,
    config: &DedupConfig,
    lsh: LshParams,
    progress: &dyn Progress,
) -> Vec<CandidatePair> {
    progress.begin(Stage::Candidates, Some(groups.leaders.len() as u64));
    let mut features = LeaderFeatures::new(lsh);
    features.keys = groups.leaders.iter().map(|&d| std::mem::take(&mut keys[d.index()])).collect();
    if config.measure == Measure::Containment {
        features.fps = groups.leaders.iter().map(|&d| docs[d.index()].fps.clone()).collect();
    }
    candidates_of(features, groups, config, progress)
}

fn candidates_of(
    features: LeaderFeatures,
    groups: &ExactGroups,
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Vec<CandidatePair> {
    let pairs = features.candidates(config);
    drop(features);
    progress.advance(groups.leaders.len() as u64);
    progress.end();
    leader_pairs(pairs, &groups.leaders)
}

/// Leader slots → document numbers (leaders are increasing, so `a < b`
/// holds).
pub fn leader_pairs(pairs: Vec<(u32, u32)>, leaders: &[DocId]) -> Vec<CandidatePair> {
    pairs.into_iter().map(|(a, b)| CandidatePair { a: leaders[a as usize], b: leaders[b as usize] }).collect()
}

/// What candidate search needs of each exact-group leader, in leader order:
/// LSH band keys (and containment fingerprints), or SimHashes. A sharded
/// run builds it from the sign stage's files without holding signatures.
#[derive(Clone, Debug)]
pub struct LeaderFeatures {
    /// The LSH parameters the keys are made with.
    pub lsh: LshParams,
    /// Band keys per leader ([`Method::Minhash`]).
    pub keys: Vec<Vec<u64>>,
    /// Winnowed fingerprints per leader (MinHash with containment).
    pub fps: Vec<Vec<u64>>,
    /// SimHash per leader ([`Method::Simhash`]).
    pub simhashes: Vec<SimHash>,
}

impl LeaderFeatures {
    /// No leaders yet.
    pub fn new(lsh: LshParams) -> Self {
        LeaderFeatures { lsh, keys: Vec::new(), fps: Vec::new(), simhashes: Vec::new() }
    }

    /// The features of `leaders` of `docs` under `config`.
    pub fn of(docs: &[SignedDoc], leaders: &[DocId], config: &DedupConfig, lsh: LshParams) -> Self {
        let mut features = LeaderFeatures::new(lsh);
        match config.method {
            Method::Minhash => {
                features.keys = leaders.par_iter().map(|&d| band_keys(&docs[d.index()].sig, lsh)).collect();
                if config.measure == Measure::Containment {
                    features.fps = leaders.iter().map(|&d| docs[d.index()].fps.clone()).collect();
                }
            }
            Method::Simhash => features.simhashes = leaders.iter().map(|&d| docs[d.index()].simhash).collect(),
            Method::Exact => {}
        }
        features
    }

    /// Add the next leader.
    pub fn push(&mut self, d: &SignedDoc, config: &DedupConfig) {
        match config.method {
            Method::Minhash => {
                self.keys.push(band_keys(&d.sig, self.lsh));
                if config.measure == Measure::Containment {
                    self.fps.push(d.fps.clone());
                }
            }
            Method::Simhash => self.simhashes.push(d.simhash),
            Method::Exact => {}
        }
    }

    /// Candidate pairs of leader slots, sorted and unique.
    pub fn candidates(&self, config: &DedupConfig) -> Vec<(u32, u32)> {
        match config.method {
            Method::Minhash => {
                let mut pairs = candidate_pairs(&self.keys, self.lsh.bands);
                if config.measure == Measure::Containment {
                    pairs.extend(overlap_candidates(&self.fps, &config.overlap.for_threshold(config.threshold)));
                    pairs.par_sort_unstable();
                    pairs.dedup();
                }
                pairs
            }
            Method::Exact => Vec::new(),
            Method::Simhash => BlockTables::for_corpus(config.max_hamming, self.simhashes.len())
                .map_or_else(Vec::new, |t| t.pairs(&self.simhashes)),
        }
    }
}

/// A verified edge: two documents at or above the threshold, with their
/// similarity (verified, or the estimate without verification).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The earlier document.
    pub a: DocId,
    /// The later document.
    pub b: DocId,
    /// Their similarity under the configured measure.
    pub similarity: f64,
}

/// Shingle profiles of the documents that need one, by document number
/// (foldhash: the keys are ours, and SipHash cost a percent of a run).
pub type Profiles = foldhash::HashMap<DocId, ShingleProfile>;

/// Stage 4: exact similarity of every candidate pair; the pairs that reach
/// the threshold, and the shingle profiles of their documents (what
/// [`build_clusters`] needs). Profiles of documents with no verified pair
/// are dropped as soon as their last pair is checked.
pub fn verify_candidates<D: SignedDocs + ?Sized>(
    corpus: &Corpus,
    docs: &D,
    candidates: &[CandidatePair],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<(Vec<Edge>, Profiles)> {
    if !config.verify {
        progress.begin(Stage::Verify, Some(candidates.len() as u64));
        let kept: Vec<Edge> = candidates
            .par_iter()
            .filter_map(|&CandidatePair { a, b }| {
                let s = estimate(docs.signed(a), docs.signed(b), config);
                (s >= config.threshold).then_some(Edge { a, b, similarity: s })
            })
            .collect();
        progress.advance(candidates.len() as u64);
        progress.end();
        return Ok((kept, Profiles::default()));
    }
    let mut needed: Vec<DocId> = candidates.iter().flat_map(|p| [p.a, p.b]).collect();
    needed.sort_unstable();
    needed.dedup();
    let mut verifier = StreamingVerifier::new(candidates, &needed, config);
    fetch_profiles(corpus, docs, &needed, config, progress, &mut |d, profile| verifier.arrive(d, profile))?;
    verifier.finish(needed.len())
}

/// Verification as the documents of candidate pairs arrive in input order
/// ([`verify_candidates`]): when a document arrives, its pairs with earlier
/// documents (all arrived) are checked; a profile is dropped once its
/// document's last pair is checked unless a pair of it was verified (the
/// clusters need those). Holding every profile until all were read made
/// them the run's peak memory. The edges are those of
/// [`verify_profiles`], in the candidates' order.
struct StreamingVerifier<'a> {
    config: &'a DedupConfig,
    /// The candidate pairs ordered by their later document.
    by_later: Vec<CandidatePair>,
    /// The next pair of `by_later` to check.
    next: usize,
    /// For each needed position, the documents to drop after it arrives.
    drop_after: Vec<Vec<DocId>>,
    needed: &'a [DocId],
    arrived: usize,
    /// Pairs not checked because a document did not arrive.
    unchecked: usize,
    verified: foldhash::HashSet<DocId>,
    profiles: Profiles,
    edges: Vec<Edge>,
}

impl<'a> StreamingVerifier<'a> {
    fn new(candidates: &[CandidatePair], needed: &'a [DocId], config: &'a DedupConfig) -> Self {
        let pos = |d: DocId| needed.binary_search(&d).expect("every paired document is needed") as u32;
        // for each needed document (by position), the position of the
        // document whose arrival checks its last pair
        let mut last_use: Vec<u32> = (0..needed.len() as u32).collect();
        for p in candidates {
            let (a, b) = (pos(p.a) as usize, pos(p.b));
            last_use[a] = last_use[a].max(b);
        }
        let mut drop_after: Vec<Vec<DocId>> = vec![Vec::new(); needed.len()];
        for (i, &l) in last_use.iter().enumerate() {
            drop_after[l as usize].push(needed[i]);
        }
        let mut by_later = candidates.to_vec();
        by_later.sort_unstable_by_key(|p| (p.b, p.a));
        StreamingVerifier {
            config,
            by_later,
            next: 0,
            drop_after,
            needed,
            arrived: 0,
            unchecked: 0,
            verified: foldhash::HashSet::default(),
            profiles: Profiles::default(),
            edges: Vec::new(),
        }
    }

    /// Document `d` (the next needed one in input order) and its profile.
    fn arrive(&mut self, d: DocId, profile: ShingleProfile) {
        let Ok(at) = self.needed.binary_search(&d) else { return };
        self.arrived += 1;
        self.profiles.insert(d, profile);
        let config = self.config;
        while let Some(&CandidatePair { a, b }) = self.by_later.get(self.next) {
            if b > d {
                break;
            }
            self.next += 1;
            // a pair whose document did not arrive (the input changed) is
            // left unchecked; `finish` reports it
            let (Some(pa), Some(pb)) = (self.profiles.get(&a), self.profiles.get(&b)) else {
                self.unchecked += 1;
                continue;
            };
            let s = similarity(pa, pb, config.measure, config.shingle_size);
            if s >= config.threshold {
                self.edges.push(Edge { a, b, similarity: s });
                self.verified.insert(a);
                self.verified.insert(b);
            }
        }
        for done in std::mem::take(&mut self.drop_after[at]) {
            if !self.verified.contains(&done) {
                self.profiles.remove(&done);
            }
        }
    }

    /// The verified edges in the candidates' order, and the profiles of
    /// the documents in them.
    fn finish(mut self, wanted: usize) -> Result<(Vec<Edge>, Profiles)> {
        if self.arrived != wanted || self.unchecked > 0 || self.next != self.by_later.len() {
            return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
        }
        self.edges.sort_unstable_by_key(|e| (e.a, e.b));
        Ok((self.edges, self.profiles))
    }
}

/// The candidate pairs whose exact similarity, computed from `profiles`
/// (which hold both documents of every pair), reaches the threshold.
pub fn verify_profiles(
    profiles: &Profiles,
    candidates: &[CandidatePair],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Vec<Edge> {
    progress.begin(Stage::Verify, Some(candidates.len() as u64));
    let kept: Vec<Edge> = candidates
        .par_iter()
        .filter_map(|&CandidatePair { a, b }| {
            let s = similarity(&profiles[&a], &profiles[&b], config.measure, config.shingle_size);
            (s >= config.threshold).then_some(Edge { a, b, similarity: s })
        })
        .collect();
    progress.advance(candidates.len() as u64);
    progress.end();
    kept
}

/// The shingle profile of one text: what verification compares.
pub(crate) fn text_profile(s: &mut Scratch, text: &str, config: &DedupConfig) -> ShingleProfile {
    s.tokenizer.tokenize(text, &mut s.tokens);
    shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
    ShingleProfile::for_measure(&s.shingles, s.tokens.len(), config.measure, &mut s.sorter)
}

/// The signature estimate of a pair's similarity. For containment it is
/// derived from the estimated Jaccard and the shingle counts:
/// `|A ∩ B| = J (|A| + |B|) / (1 + J)`. With SimHash it is
/// `1 - hamming / 64`, whatever the measure.
fn estimate(a: &SignedDoc, b: &SignedDoc, config: &DedupConfig) -> f64 {
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

/// Second pass: shingle profiles of the `needed` documents (sorted
/// numbers), read again from the corpus.
pub fn load_profiles<D: SignedDocs + ?Sized>(
    corpus: &Corpus,
    docs: &D,
    needed: &[DocId],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<Profiles> {
    let mut profiles = Profiles::with_capacity_and_hasher(needed.len(), Default::default());
    if needed.is_empty() {
        return Ok(profiles);
    }
    fetch_profiles(corpus, docs, needed, config, progress, &mut |d, profile| {
        profiles.insert(d, profile);
    })?;
    if profiles.len() != needed.len() {
        return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
    }
    Ok(profiles)
}

/// Read the `needed` documents (sorted numbers) again and hand each one's
/// shingle profile to `sink`, in input order. A record that no longer
/// parses is skipped: the callers check that every document came.
fn fetch_profiles<D: SignedDocs + ?Sized>(
    corpus: &Corpus,
    docs: &D,
    needed: &[DocId],
    config: &DedupConfig,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(DocId, ShingleProfile),
) -> Result<()> {
    let places: Vec<RecordRef> = needed.iter().map(|&d| docs.signed(d).at).collect();
    let by_place: foldhash::HashMap<RecordRef, DocId> = places.iter().copied().zip(needed.iter().copied()).collect();
    // only the wanted records are read: their size is not known ahead
    progress.begin(Stage::Verify, None);
    Scan::new(corpus, progress).fetch(
        &places,
        scratch(config.seed),
        |s, doc| (doc.at, text_profile(s, &doc.text, config)),
        &mut |(at, profile)| {
            if let Some(&d) = by_place.get(&at) {
                sink(d, profile);
            }
        },
    )?;
    progress.end();
    Ok(())
}

/// Stage 5: clusters from exact groups and verified pairs.
pub fn build_clusters(
    docs: &[SignedDoc],
    groups: &ExactGroups,
    verified: &[Edge],
    profiles: &Profiles,
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Vec<Cluster> {
    progress.begin(Stage::Cluster, Some(docs.len() as u64));
    let components = components(docs.len(), groups, verified);
    let clusters = clusters_of(components, docs, &groups.leader, profiles, config);
    progress.advance(docs.len() as u64);
    progress.end();
    clusters
}

/// Connected components (of two or more) of `n` documents joined by exact
/// groups and verified pairs; each sorted, ordered by smallest member.
pub fn components(n: usize, groups: &ExactGroups, verified: &[Edge]) -> Vec<Vec<u32>> {
    let mut uf = UnionFind::new(n);
    for g in &groups.members {
        for &m in &g[1..] {
            uf.union(g[0].0, m.0);
        }
    }
    for e in verified {
        uf.union(e.a.0, e.b.0);
    }
    uf.components(2)
}

/// Clusters from components: a representative per component (or, with
/// [`Linkage::Centers`], the component split around centers), each member's
/// similarity to it, numbered in order of first member. `leader` is each
/// document's exact-group leader; `profiles` holds the leaders' shingle
/// profiles (with verification).
pub fn clusters_of<D: SignedDocs + ?Sized>(
    components: Vec<Vec<u32>>,
    docs: &D,
    leader: &[DocId],
    profiles: &Profiles,
    config: &DedupConfig,
) -> Vec<Cluster> {
    // the similarity of a member to the representative, through their
    // exact-group leaders (profiles are held for the leaders only)
    let sim = |rep: DocId, d: DocId| -> f64 {
        let (rl, dl) = (leader[rep.index()], leader[d.index()]);
        if rl == dl {
            1.0
        } else if config.verify {
            similarity(&profiles[&rl], &profiles[&dl], config.measure, config.shingle_size)
        } else {
            estimate(docs.signed(rl), docs.signed(dl), config)
        }
    };
    let info = |d: u32| {
        let doc = docs.signed(DocId(d));
        MemberInfo { index: d, date: doc.date.as_deref(), len: doc.len }
    };
    let groups_of = |comp: Vec<u32>| -> Vec<(DocId, Vec<u32>)> {
        let infos: Vec<MemberInfo<'_>> = comp.iter().map(|&d| info(d)).collect();
        match config.linkage {
            Linkage::Components => vec![(DocId(representative(&infos, config.keep)), comp)],
            Linkage::Centers => {
                split_around_centers(&infos, config.keep, |c, d| sim(DocId(c), DocId(d)) >= config.threshold)
                    .into_iter()
                    .filter(|(_, g)| g.len() >= 2)
                    .map(|(c, g)| (DocId(c), g))
                    .collect()
            }
        }
    };
    let mut clusters: Vec<Cluster> = components
        .into_par_iter()
        .flat_map_iter(groups_of)
        .map(|(rep, comp)| {
            let mut members = vec![Member { doc: rep, similarity: 1.0 }];
            for d in comp.iter().map(|&d| DocId(d)).filter(|&d| d != rep) {
                members.push(Member { doc: d, similarity: sim(rep, d) });
            }
            Cluster { id: 0, representative: rep, members }
        })
        .collect();
    number_clusters(&mut clusters);
    clusters
}

/// Order clusters by their first member and number them from 1 (a
/// component's split keeps its groups apart, so this is the components'
/// order when unsplit).
pub fn number_clusters(clusters: &mut [Cluster]) {
    clusters.par_sort_unstable_by_key(|c| c.members.iter().map(|m| m.doc).min());
    for (i, c) in clusters.iter_mut().enumerate() {
        c.id = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact-duplicate hash is one xxh3 over the token hashes' bytes:
    /// the value streaming them one by one gives, so stage files signed by
    /// either way agree.
    #[test]
    fn exact_hash_is_the_streamed_hash_of_the_token_hashes() {
        let config = DedupConfig::default();
        let mut s = scratch(config.seed)();
        let hasher = MinHasher::new(config.num_perm, config.seed);
        let text = "One two three, four five six seven; eight nine ten eleven twelve.";
        let signed = sign_text(&mut s, text, &config, &hasher);
        let mut streamed = xxhash_rust::xxh3::Xxh3::with_seed(config.seed);
        for t in Tokenizer::new(config.seed).tokens(text) {
            streamed.update(&t.hash.to_le_bytes());
        }
        assert_eq!(signed.exact, Some(streamed.digest()));
        assert_eq!(sign_text(&mut s, " ,; ", &config, &hasher).exact, None);
    }

    proptest::proptest! {
        /// Streaming verification finds the edges checking every pair
        /// with all profiles held finds, in the same order, and keeps the
        /// profiles of exactly the documents in them, whatever the pairs.
        #[test]
        fn streaming_verification_equals_verifying_held_profiles(
            sets in proptest::collection::vec(proptest::collection::btree_set(0u64..12, 1..8), 2..14),
            picks in proptest::collection::vec((0usize..14, 0usize..14), 0..30),
            threshold in 0.2f64..0.9,
        ) {
            let n = sets.len();
            let config = DedupConfig { threshold, ..DedupConfig::default() };
            let mut pairs: Vec<CandidatePair> = picks
                .iter()
                .map(|&(x, y)| (x % n, y % n))
                .filter(|(x, y)| x != y)
                .map(|(x, y)| CandidatePair { a: DocId::new(x.min(y)), b: DocId::new(x.max(y)) })
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            let profile = |i: usize| ShingleProfile::new(sets[i].iter().copied().collect(), sets[i].len() + 4);
            let held: Profiles = (0..n).map(|i| (DocId::new(i), profile(i))).collect();
            let expected = verify_profiles(&held, &pairs, &config, &crate::progress::NoProgress);

            let mut needed: Vec<DocId> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
            needed.sort_unstable();
            needed.dedup();
            let mut verifier = StreamingVerifier::new(&pairs, &needed, &config);
            for &d in &needed {
                verifier.arrive(d, profile(d.index()));
            }
            let (edges, kept) = verifier.finish(needed.len()).unwrap();
            proptest::prop_assert_eq!(&edges, &expected);
            let mut in_edges: Vec<DocId> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
            in_edges.sort_unstable();
            in_edges.dedup();
            let mut kept_docs: Vec<DocId> = kept.keys().copied().collect();
            kept_docs.sort_unstable();
            proptest::prop_assert_eq!(kept_docs, in_edges);
        }
    }

    /// A document that never arrives (the input changed between passes)
    /// is an error, not a panic or a silently missing pair.
    #[test]
    fn streaming_verification_reports_a_missing_document() {
        let config = DedupConfig::default();
        let pairs = [
            CandidatePair { a: DocId::new(0), b: DocId::new(1) },
            CandidatePair { a: DocId::new(1), b: DocId::new(2) },
        ];
        let needed = [DocId::new(0), DocId::new(1), DocId::new(2)];
        let mut verifier = StreamingVerifier::new(&pairs, &needed, &config);
        verifier.arrive(DocId::new(0), ShingleProfile::new(vec![1, 2, 3], 7));
        verifier.arrive(DocId::new(2), ShingleProfile::new(vec![1, 2, 3], 7));
        let err = verifier.finish(needed.len()).unwrap_err();
        assert!(err.to_string().contains("the input changed"), "{err}");
    }
}
