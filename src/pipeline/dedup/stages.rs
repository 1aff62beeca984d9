//! The stages of `dedup`, one public function each, and the public serde
//! types that flow between them (so they can be run on shards and written
//! to files). [`super::dedup`] calls them in order.

use super::verification::{estimate, Edge, Profiles};
use super::{Cluster, DedupConfig, Member, Method};
use crate::candidates::{
    band_keys, band_keys_of, candidate_pairs, overlap_candidates, BlockTables, CandidatePair, LshParams,
};
use crate::cluster::{representative, split_around_centers, Linkage, MemberInfo, UnionFind};
use crate::corpus::{total_bytes, Corpus, DocId, RecordRef, Rejected, Scan};
use crate::error::Result;
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
    /// Empty when the signature was made into `keys`.
    sig: Signature,
    /// The LSH band keys, when asked for instead of the signature.
    keys: Vec<u64>,
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
    mins: Vec<u64>,
    values: Vec<u32>,
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
        mins: Vec::new(),
        values: Vec::new(),
    }
}

/// The normalized-text hash, shingles and signature of one text (the
/// MinHash signature and fingerprints, or the SimHash, as the method needs).
/// With `keys`, the MinHash signature's band keys instead of the signature.
fn sign_text(s: &mut Scratch, text: &str, config: &DedupConfig, hasher: &MinHasher, keys: Option<LshParams>) -> Signed {
    s.tokenizer.tokenize(text, &mut s.tokens);
    let none = || Signature(Box::new([]));
    let mut signed =
        Signed { exact: None, sig: none(), keys: Vec::new(), fps: Vec::new(), shingles: 0, simhash: SimHash(0) };
    if s.tokens.is_empty() {
        return signed;
    }
    // one hash over the token hashes' bytes (the same value as feeding
    // them one by one, at a fraction of the cost); the buffer is only
    // grown, never cleared, since every byte used is written
    let n = 8 * s.tokens.len();
    if s.token_bytes.len() < n {
        s.token_bytes.resize(n, 0);
    }
    for (bytes, t) in s.token_bytes[..n].chunks_exact_mut(8).zip(&s.tokens) {
        bytes.copy_from_slice(&t.hash.to_le_bytes());
    }
    signed.exact = Some(xxh3_64_with_seed(&s.token_bytes[..n], config.seed));
    if config.method == Method::Exact {
        return signed;
    }
    if config.method == Method::Simhash {
        signed.shingles = shingle_count(s.tokens.len(), config.shingle_size);
        signed.simhash = simhash(s.tokens.iter().map(|t| t.hash), &mut s.sorted);
        return signed;
    }
    shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
    hasher.sign_into(&s.shingles, &mut s.mins, &mut s.values);
    match keys {
        Some(lsh) => signed.keys = band_keys_of(&s.values, lsh),
        None => signed.sig = Signature(s.values.as_slice().into()),
    }
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

/// The shingle profile of one text: what verification compares.
pub(crate) fn text_profile(s: &mut Scratch, text: &str, config: &DedupConfig) -> ShingleProfile {
    s.tokenizer.tokenize(text, &mut s.tokens);
    shingle_hashes(&s.tokens, config.shingle_size, config.seed, &mut s.shingles);
    ShingleProfile::for_measure(&s.shingles, s.tokens.len(), config.measure, &mut s.sorter)
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
            let signed = sign_text(s, &doc.text, config, &hasher, keys);
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
            (meta, signed.keys)
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
            let signed = sign_text(s, text, config, &hasher, None);
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
/// With `keys` (after [`sign_corpus_keyed`]) the leaders' band keys are
/// moved out of it instead of being made from their signatures.
pub fn find_candidates(
    docs: &[SignedDoc],
    keys: Option<&mut [Vec<u64>]>,
    groups: &ExactGroups,
    config: &DedupConfig,
    lsh: LshParams,
    progress: &dyn Progress,
) -> Vec<CandidatePair> {
    progress.begin(Stage::Candidates, Some(groups.leaders.len() as u64));
    let features = LeaderFeatures::of(docs, keys, &groups.leaders, config, lsh);
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

    /// The features of `leaders` of `docs` under `config`; the band keys
    /// moved out of `keys` when given, else made from the signatures.
    pub fn of(
        docs: &[SignedDoc],
        keys: Option<&mut [Vec<u64>]>,
        leaders: &[DocId],
        config: &DedupConfig,
        lsh: LshParams,
    ) -> Self {
        let mut features = LeaderFeatures::new(lsh);
        match config.method {
            Method::Minhash => {
                features.keys = match keys {
                    Some(keys) => leaders.iter().map(|&d| std::mem::take(&mut keys[d.index()])).collect(),
                    None => leaders.par_iter().map(|&d| band_keys(&docs[d.index()].sig, lsh)).collect(),
                };
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

/// Stage 5: clusters from exact groups and verified pairs. A member's
/// similarity to its representative is the verified pair's when they are a
/// pair (or 1 in one exact group); only components of three or more
/// exact-group leaders can need another one, so with verification the
/// leaders of those (a few percent of the clustered documents) are read
/// again for their shingle profiles.
pub fn build_clusters(
    corpus: &Corpus,
    docs: &[SignedDoc],
    groups: &ExactGroups,
    verified: &[Edge],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<Vec<Cluster>> {
    let components = components(docs.len(), groups, verified);
    let profiles = if config.verify {
        let needed = leaders_beyond_pairs(&components, &groups.leader);
        super::verification::load_profiles(corpus, docs, &needed, config, progress)?
    } else {
        Profiles::default()
    };
    progress.begin(Stage::Cluster, Some(docs.len() as u64));
    let known = known_similarities(verified);
    let clusters = clusters_of(components, docs, &groups.leader, &known, &profiles, config);
    progress.advance(docs.len() as u64);
    progress.end();
    Ok(clusters)
}

/// The exact-group leaders of the components with three or more of them,
/// sorted: in a component of two leaders, the one pair of leaders is a
/// verified edge, so only these can need a similarity no edge gives.
pub fn leaders_beyond_pairs(components: &[Vec<u32>], leader: &[DocId]) -> Vec<DocId> {
    let mut out: Vec<DocId> = components.iter().flat_map(|c| profiled_leaders(c, leader)).collect();
    out.sort_unstable();
    out
}

/// The exact-group leaders of one component, sorted, when there are three
/// or more of them (their profiles are needed: [`leaders_beyond_pairs`]);
/// none otherwise.
pub fn profiled_leaders(component: &[u32], leader: &[DocId]) -> Vec<DocId> {
    let mut leaders: Vec<DocId> = component.iter().map(|&d| leader[d as usize]).collect();
    leaders.sort_unstable();
    leaders.dedup();
    if leaders.len() >= 3 {
        leaders
    } else {
        Vec::new()
    }
}

/// The similarities of verified pairs, by (earlier, later) document: what
/// [`clusters_of`] reads a pair of leaders' similarity from first.
pub type KnownSimilarities = foldhash::HashMap<(DocId, DocId), f64>;

/// [`KnownSimilarities`] of `edges`.
pub fn known_similarities(edges: &[Edge]) -> KnownSimilarities {
    edges.iter().map(|e| ((e.a.min(e.b), e.a.max(e.b)), e.similarity)).collect()
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
/// document's exact-group leader; a pair of leaders takes its similarity
/// from `known` (verified pairs) or else from `profiles` (the leaders'
/// shingle profiles, with verification), which give the same value.
pub fn clusters_of<D: SignedDocs + ?Sized>(
    components: Vec<Vec<u32>>,
    docs: &D,
    leader: &[DocId],
    known: &KnownSimilarities,
    profiles: &Profiles,
    config: &DedupConfig,
) -> Vec<Cluster> {
    // the similarity of a member to the representative, through their
    // exact-group leaders (profiles are held for the leaders only)
    let sim = |rep: DocId, d: DocId| -> f64 {
        let (rl, dl) = (leader[rep.index()], leader[d.index()]);
        if rl == dl {
            1.0
        } else if let Some(&s) = known.get(&(rl.min(dl), rl.max(dl))) {
            s
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

    /// Only components of three or more exact-group leaders need profiles:
    /// a component of two leaders (however many exact copies) has their
    /// verified pair.
    #[test]
    fn leaders_beyond_pairs_are_those_of_components_of_three_leaders() {
        // 7 is an exact copy of 6; 9 of 8, 10 of 8
        let leader: Vec<DocId> = [0, 1, 2, 3, 4, 5, 6, 6, 8, 8, 8].map(DocId::new).to_vec();
        let components = vec![vec![0, 1], vec![2, 3, 4], vec![5, 6, 7], vec![8, 9, 10]];
        let got = leaders_beyond_pairs(&components, &leader);
        assert_eq!(got, [2, 3, 4].map(DocId::new).to_vec());
    }

    /// The exact-duplicate hash is one xxh3 over the token hashes' bytes:
    /// the value streaming them one by one gives, so stage files signed by
    /// either way agree.
    #[test]
    fn exact_hash_is_the_streamed_hash_of_the_token_hashes() {
        let config = DedupConfig::default();
        let mut s = scratch(config.seed)();
        let hasher = MinHasher::new(config.num_perm, config.seed);
        let text = "One two three, four five six seven; eight nine ten eleven twelve.";
        let signed = sign_text(&mut s, text, &config, &hasher, None);
        let mut streamed = xxhash_rust::xxh3::Xxh3::with_seed(config.seed);
        for t in Tokenizer::new(config.seed).tokens(text) {
            streamed.update(&t.hash.to_le_bytes());
        }
        assert_eq!(signed.exact, Some(streamed.digest()));
        assert_eq!(sign_text(&mut s, " ,; ", &config, &hasher, None).exact, None);
    }

    /// Band keys made while signing are those of the signature, with one
    /// scratch for every text (a long text before shorter ones, so a buffer
    /// left longer than the next text must not change its hashes).
    #[test]
    fn keys_made_while_signing_are_the_signatures_keys() {
        let config = DedupConfig::default();
        let lsh = config.lsh_params();
        let hasher = MinHasher::new(config.num_perm, config.seed);
        let texts = [
            "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma",
            "alpha beta gamma delta epsilon zeta",
            "",
            "two words",
            "alpha beta gamma delta epsilon zeta",
        ];
        let (mut keyed, mut plain) = (scratch(config.seed)(), scratch(config.seed)());
        for text in texts {
            let with_keys = sign_text(&mut keyed, text, &config, &hasher, Some(lsh));
            let with_sig = sign_text(&mut plain, text, &config, &hasher, None);
            // a fresh scratch for each text: the reference
            let fresh = sign_text(&mut scratch(config.seed)(), text, &config, &hasher, None);
            assert_eq!(with_sig.sig, fresh.sig, "{text:?}");
            assert_eq!((with_keys.exact, with_sig.exact), (fresh.exact, fresh.exact), "{text:?}");
            assert!(with_keys.sig.is_empty() && with_sig.keys.is_empty());
            assert_eq!(with_keys.keys, band_keys(&fresh.sig, lsh), "{text:?}");
            assert_eq!(with_keys.keys.len(), if text.is_empty() { 0 } else { lsh.bands });
        }
    }
}
