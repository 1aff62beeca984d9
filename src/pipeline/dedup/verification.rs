//! Stage 4 of `dedup`, verification: the exact similarity of candidate
//! pairs from shingle profiles of their documents, read again from the
//! corpus (streamed in one process, or from held profiles for the sharded
//! and out-of-core runs), and the signature estimate without verification.

use super::stages::{scratch, text_profile, SignedDoc, SignedDocs};
use super::{DedupConfig, Method};
use crate::candidates::CandidatePair;
use crate::corpus::{Corpus, DocId, RecordRef, Scan};
use crate::error::{Error, Result};
use crate::progress::{Progress, Stage};
use crate::verify::{similarity, Measure, ShingleProfile};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
/// the threshold. Each document's profile is dropped as soon as its last
/// pair is checked: clustering reads again the few documents whose
/// similarity to a representative no verified pair gives
/// ([`build_clusters`](super::build_clusters)).
pub fn verify_candidates<D: SignedDocs + ?Sized>(
    corpus: &Corpus,
    docs: &D,
    candidates: &[CandidatePair],
    config: &DedupConfig,
    progress: &dyn Progress,
) -> Result<Vec<Edge>> {
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
        return Ok(kept);
    }
    let mut needed: Vec<DocId> = candidates.iter().flat_map(|p| [p.a, p.b]).collect();
    needed.sort_unstable();
    needed.dedup();
    let mut verifier = StreamingVerifier::new(candidates, &needed, config);
    progress.begin(Stage::Verify, None);
    fetch_profiles(corpus, docs, &needed, config, progress, &mut |d, profile| verifier.arrive(d, profile))?;
    progress.end();
    verifier.finish(needed.len())
}

/// Verification as the documents of candidate pairs arrive in input order
/// ([`verify_candidates`]): when a document arrives, its pairs with earlier
/// documents (all arrived) are checked, and a profile is dropped once its
/// document's last pair is checked. Holding every profile until all were
/// read made them the run's peak memory; holding those of verified pairs
/// still took 0.9 GB of new memory at 1M documents, which this machine's
/// page faults make a tenth of the run. The edges are those of
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
            }
        }
        for done in std::mem::take(&mut self.drop_after[at]) {
            self.profiles.remove(&done);
        }
    }

    /// The verified edges in the candidates' order.
    fn finish(mut self, wanted: usize) -> Result<Vec<Edge>> {
        if self.arrived != wanted || self.unchecked > 0 || self.next != self.by_later.len() {
            return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
        }
        self.edges.sort_unstable_by_key(|e| (e.a, e.b));
        Ok(self.edges)
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

/// The signature estimate of a pair's similarity. For containment it is
/// derived from the estimated Jaccard and the shingle counts:
/// `|A ∩ B| = J (|A| + |B|) / (1 + J)`. With SimHash it is
/// `1 - hamming / 64`, whatever the measure.
pub(super) fn estimate(a: &SignedDoc, b: &SignedDoc, config: &DedupConfig) -> f64 {
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
    progress.begin(Stage::Verify, None);
    fetch_profiles(corpus, docs, needed, config, progress, &mut |d, profile| {
        profiles.insert(d, profile);
    })?;
    progress.end();
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
    // (the callers begin a stage of unknown size: only the wanted records
    // are read, whose size is not known ahead)
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Streaming verification finds the edges checking every pair
        /// with all profiles held finds, in the same order, whatever the
        /// pairs, and holds no profile at the end.
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
            let held_at_end = verifier.profiles.len();
            let edges = verifier.finish(needed.len()).unwrap();
            proptest::prop_assert_eq!(&edges, &expected);
            proptest::prop_assert_eq!(held_at_end, 0);
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
