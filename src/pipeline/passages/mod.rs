//! `passages`: reused and syndicated passages, grouped across the corpus,
//! each with the document it most likely came from.
//!
//! Stages, one function each:
//!
//! 1. **fingerprint** (`fingerprint_corpus`): one streaming pass; each
//!    document is tokenized, shingled and winnowed into positioned
//!    fingerprints (collected as postings); its id, date, source and 32-bit
//!    token hashes are kept, its text dropped.
//! 2. **index** (`build_index`): the inverted index fingerprint →
//!    (document, position), one parallel sort; stock phrases (in more than
//!    `max_df` documents) set apart.
//! 3. **seeds** (`find_seeds`): pairs of occurrences of each shared
//!    fingerprint, sorted by document pair; documents in no seed drop their
//!    token hashes.
//! 4. **align** (`align_pairs`): each seeded document pair (a document
//!    with itself for internal repeats) is aligned by seed-and-extend, in
//!    parallel; alignments made mostly of stock phrases are dropped.
//! 5. **cluster** ([`span_clusters`]): overlapping spans merge, aligned
//!    spans connect into passage clusters.
//! 6. **locate** (`locate_members`): a second pass re-reads the documents in
//!    a cluster to turn token ranges into byte spans and line:column, and
//!    picks each cluster's origin, representative text and boilerplate flag.
//!
//! See [`crate::passage`] for the cost model.
//!
//! [`PassageConfig::pairwise`] (`--pairs`) skips stage 5: each alignment is
//! a passage of its own, and [`PassageReport::pairs`] lists them;
//! [`PassageConfig::only_pairs`] (`--pairs-from`) aligns only the listed
//! document pairs. [`Sensitivity::High`] runs another pipeline
//! (`rewritten.rs`): sentence-similarity alignment of candidate pairs,
//! always pairwise.
//!
//! # Example: a paragraph pasted into another story
//!
//! ```
//! use wiretrace::corpus::{Corpus, Format, ReaderConfig};
//! use wiretrace::pipeline::{passages, PassageConfig};
//! use wiretrace::progress::NoProgress;
//!
//! # fn main() -> wiretrace::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("news.txt");
//! let wire = "The last convoy of trucks crossed the border before dawn and no incidents were reported on the road.";
//! let blog = format!("Quiet night here. {wire} More on this tomorrow.");
//! std::fs::write(&path, format!("{wire}\nSomething else entirely happened in town today.\n{blog}\n")).unwrap();
//!
//! let corpus = Corpus::open(&[&path], ReaderConfig { format: Format::Lines, ..ReaderConfig::default() })?;
//! let report = passages(&corpus, &PassageConfig::default(), &NoProgress)?;
//! assert_eq!(report.passages.len(), 1);
//! let p = &report.passages[0];
//! assert_eq!(p.words, 18);
//! assert_eq!(report.ids[p.origin.index()], format!("{}:1", path.display()));
//! let copy = &p.members[1];
//! assert_eq!(copy.doc, wiretrace::corpus::DocId(2));
//! assert_eq!(&blog[copy.span.range()], &wire[..wire.len() - 1]);
//! # Ok(())
//! # }
//! ```

mod locate;
mod rewritten;

use locate::locate_members;
pub use rewritten::{KEY_SAMPLE, MIN_SHARED_KEYS, MIN_SHARED_TERMS};

use crate::corpus::{total_bytes, ByteSpan, Corpus, DocId, LineCol, RecordRef, Rejected, Scan};
use crate::error::{Error, Result};
use crate::fingerprint::{Fingerprint, FingerprintParams, Posting, PostingTable};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::passage::{
    align_pair, span_clusters, AlignParams, Seed, SharedFingerprints, SpanMember, SpanPair, TokenRange,
};
use crate::progress::{Progress, Stage};
use crate::shingle::validate_shingle_size;
use rayon::prelude::*;
use serde::Serialize;

/// Everything `passages` can be told.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageConfig {
    /// Words per seed k-gram (1 to 32; default 5).
    pub shingle_size: usize,
    /// Shortest reported passage, in words (default 10). Winnowing uses the
    /// window `min_words - shingle_size + 1`, so every shared run of this
    /// many words is seeded.
    pub min_words: usize,
    /// Fingerprints in more documents than this are stock phrases and seed
    /// nothing (default 100).
    pub max_df: usize,
    /// The longest edit bridged inside a passage, in words on either side
    /// (default 20).
    pub max_gap: usize,
    /// Seed of every hash.
    pub seed: u64,
    /// Which aligner: exact-run seeds (default) or sentence similarity.
    pub sensitivity: Sensitivity,
    /// Report every aligned pair of spans as a passage of its own (two
    /// members), with [`PassageReport::pairs`], instead of chaining
    /// alignments into clusters. Always so with [`Sensitivity::High`].
    pub pairwise: bool,
    /// Align only these pairs of document ids (in either order).
    pub only_pairs: Option<Vec<(String, String)>>,
}

/// How much rewriting `passages` looks through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sensitivity {
    /// Verbatim and lightly edited reuse: exact runs of `min_words` words
    /// seed, a seed-and-extend aligner bridges edits (fast; news).
    #[default]
    Normal,
    /// Rewritten reuse (paraphrase, reordering, summary, translation):
    /// sentence-similarity seeds, pairwise
    /// ([`crate::passage::rewrite`]; slower).
    High,
}

impl Default for PassageConfig {
    fn default() -> Self {
        PassageConfig {
            shingle_size: 5,
            min_words: 10,
            max_df: 100,
            max_gap: 20,
            seed: DEFAULT_SEED,
            sensitivity: Sensitivity::Normal,
            pairwise: false,
            only_pairs: None,
        }
    }
}

impl PassageConfig {
    /// Check ranges and consistency.
    pub fn validate(&self) -> Result<()> {
        validate_shingle_size(self.shingle_size)?;
        if self.min_words < self.shingle_size {
            return Err(Error::config(format!(
                "min-words ({}) must be at least the shingle size ({})",
                self.min_words, self.shingle_size
            )));
        }
        if self.max_df < 2 {
            return Err(Error::config("max-df must be at least 2"));
        }
        if !(1..=500).contains(&self.max_gap) {
            return Err(Error::config("max-gap must be 1 to 500"));
        }
        Ok(())
    }

    /// The winnowing window: any shared run of `min_words` words is seeded.
    pub fn window(&self) -> usize {
        (self.min_words + 1 - self.shingle_size).max(1)
    }

    /// The fingerprints passages are seeded from.
    pub fn fingerprint_params(&self) -> FingerprintParams {
        FingerprintParams { shingle_size: self.shingle_size, window: self.window(), seed: self.seed }
    }
}

/// One member of a passage cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PassageMember {
    /// Input-order index of the document.
    pub doc: DocId,
    /// Byte range in the document's text, from a word's first byte to a
    /// word's last byte.
    pub span: ByteSpan,
    /// Where the span starts.
    pub start: LineCol,
    /// Where the span ends (the column of its last character).
    pub end: LineCol,
    /// True for the origin's member.
    pub origin: bool,
}

/// A passage cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// 1-based, in order of the clusters' first members.
    pub id: usize,
    /// Words of the representative text.
    pub words: usize,
    /// The origin member's text.
    pub text: String,
    /// The document the passage most likely came from: the earliest member
    /// by date, else the first in input order.
    pub origin: DocId,
    /// True when most member documents share one source, or most of the
    /// text is stock phrases.
    pub boilerplate: bool,
    /// Members by document (input order), then start.
    pub members: Vec<PassageMember>,
}

/// One aligned pair of spans (`passages --pairs`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedPair {
    /// The first document (input order).
    pub a: DocId,
    /// Its span.
    pub a_span: ByteSpan,
    /// The second document (`b > a`, or `b == a` for a repeat).
    pub b: DocId,
    /// Its span.
    pub b_span: ByteSpan,
    /// Words of the origin's span.
    pub words: usize,
    /// How alike the spans are, 0 to 1: words matched exactly over the
    /// longer span (normal), or the tf-isf cosine of the spans (high).
    pub score: f64,
    /// The earlier document (by date, else input order): `a` or `b`.
    pub origin: DocId,
}

/// Counts of the run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PassageStats {
    /// Records read (valid or not).
    pub read: usize,
    /// Records rejected (only with `skip_invalid`).
    pub rejected: usize,
    /// Valid documents.
    pub documents: usize,
    /// Fingerprint occurrences indexed.
    pub postings: usize,
    /// Distinct stock-phrase fingerprints (seed nothing).
    pub stock_fingerprints: usize,
    /// Seeds (pairs of occurrences of a shared fingerprint).
    pub seeds: usize,
    /// Document pairs aligned (a document with itself included).
    pub pairs: usize,
    /// Aligned span pairs of at least `min_words` words.
    pub alignments: usize,
    /// Passage clusters.
    pub passages: usize,
    /// Member spans in all clusters.
    pub members: usize,
}

/// The result of [`passages`].
#[derive(Debug)]
pub struct PassageReport {
    /// Passage clusters by first member.
    pub passages: Vec<Passage>,
    /// Every valid document's id, in input order.
    pub ids: Vec<String>,
    /// Rejected records (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
    /// Counts of every stage, for the summary.
    pub stats: PassageStats,
    /// Every aligned pair of spans, when asked for
    /// ([`PassageConfig::pairwise`]); in the order of `passages`.
    pub pairs: Vec<AlignedPair>,
}

/// What stage 1 keeps of a document: its metadata and what alignment needs
/// (token hashes, 32 bits; where its fingerprints and, once the index
/// knows, its stock-phrase fingerprints start).
#[derive(Debug)]
struct DocMeta {
    id: String,
    at: RecordRef,
    date: Option<String>,
    source: Option<String>,
    hashes: Vec<u32>,
    picks: Vec<u32>,
    stock: Vec<u32>,
}

impl DocMeta {
    /// The share of the fingerprints inside `range` that are stock phrases.
    fn stock_share(&self, range: TokenRange, k: usize) -> f64 {
        if self.stock.is_empty() || range.len() < k {
            return 0.0;
        }
        let last = range.end + 1 - k as u32;
        let count = |v: &[u32]| v.partition_point(|&p| p < last) - v.partition_point(|&p| p < range.start);
        match count(&self.stock) {
            0 => 0.0,
            stock => stock as f64 / count(&self.picks).max(1) as f64,
        }
    }
}

pub(super) struct Scratch {
    tokenizer: Tokenizer,
    tokens: Vec<Token>,
    shingles: Vec<u64>,
}

pub(super) fn scratch(seed: u64) -> impl Fn() -> Scratch + Sync + Send {
    move || Scratch { tokenizer: Tokenizer::new(seed), tokens: Vec::new(), shingles: Vec::new() }
}

/// Reused passages of a corpus.
pub fn passages(corpus: &Corpus, config: &PassageConfig, progress: &dyn Progress) -> Result<PassageReport> {
    config.validate()?;
    if config.sensitivity == Sensitivity::High {
        return rewritten::rewritten_passages(corpus, config, config.only_pairs.as_deref(), progress);
    }
    let (mut docs, postings, rejected) = fingerprint_corpus(corpus, config, progress)?;
    let index = build_index(&mut docs, postings, config, progress);
    let seeds = find_seeds(&index, &mut docs, progress);
    let allowed = match &config.only_pairs {
        Some(list) => Some(pairs_by_id(list, docs.iter().map(|d| d.id.as_str()))?),
        None => None,
    };
    let (pairs, aligned, scores) = align_pairs(&docs, &seeds, allowed.as_deref(), config, progress);
    for d in &mut docs {
        (d.hashes, d.picks, d.stock) = (Vec::new(), Vec::new(), Vec::new());
    }
    progress.begin(Stage::Cluster, Some(aligned.len() as u64));
    let clusters = if config.pairwise { pair_clusters(&aligned) } else { span_clusters(&aligned) };
    progress.advance(aligned.len() as u64);
    progress.end();
    let passages = locate_members(corpus, &docs, &clusters, &index, config, progress)?;
    let pairs_out = if config.pairwise { aligned_pairs(&passages, &aligned, &scores) } else { Vec::new() };
    let documents = docs.len();
    let stats = PassageStats {
        read: documents + rejected.len(),
        rejected: rejected.len(),
        documents,
        postings: index.len(),
        stock_fingerprints: index.stock().len(),
        seeds: seeds.len(),
        pairs,
        alignments: aligned.len(),
        passages: passages.len(),
        members: passages.iter().map(|p| p.members.len()).sum(),
    };
    Ok(PassageReport { passages, ids: docs.into_iter().map(|d| d.id).collect(), rejected, stats, pairs: pairs_out })
}

/// Each alignment as a cluster of its own two members (`a` first).
fn pair_clusters(aligned: &[SpanPair]) -> Vec<Vec<SpanMember>> {
    aligned
        .iter()
        .map(|&(da, ra, db, rb)| vec![SpanMember { doc: da, range: ra }, SpanMember { doc: db, range: rb }])
        .collect()
}

/// The aligned pairs of located two-member passages.
fn aligned_pairs(passages: &[Passage], aligned: &[SpanPair], scores: &[f64]) -> Vec<AlignedPair> {
    passages
        .iter()
        .zip(aligned.iter().zip(scores))
        .map(|(p, (al, &score))| AlignedPair {
            a: p.members[0].doc,
            a_span: p.members[0].span,
            b: p.members[1].doc,
            b_span: p.members[1].span,
            words: al.1.len().max(al.3.len()),
            score,
            origin: p.origin,
        })
        .collect()
}

/// Document pairs `(a, b)`, `a <= b`, sorted, from pairs of ids; an id not
/// in the corpus is an error naming its line (1-based place in the list).
pub(crate) fn pairs_by_id<'a>(
    list: &[(String, String)],
    ids: impl Iterator<Item = &'a str>,
) -> Result<Vec<(DocId, DocId)>> {
    let by_id: std::collections::HashMap<&str, DocId> = ids.enumerate().map(|(i, id)| (id, DocId::new(i))).collect();
    let mut out = Vec::with_capacity(list.len());
    for (line, (a, b)) in list.iter().enumerate() {
        let find = |id: &str| {
            by_id.get(id).copied().ok_or_else(|| {
                Error::config(format!("pair {} ({a} {b}): no document with id {id:?} in the input", line + 1))
            })
        };
        let (x, y) = (find(a)?, find(b)?);
        out.push((x.min(y), x.max(y)));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Stage 1: read, tokenize and fingerprint every document; check ids. The
/// documents and every fingerprint occurrence (unsorted).
fn fingerprint_corpus(
    corpus: &Corpus,
    config: &PassageConfig,
    progress: &dyn Progress,
) -> Result<(Vec<DocMeta>, Vec<Posting>, Vec<Rejected>)> {
    let mut docs: Vec<DocMeta> = Vec::new();
    let mut postings: Vec<Posting> = Vec::new();
    let params = config.fingerprint_params();
    progress.begin(Stage::Fingerprint, total_bytes(corpus));
    let rejected = Scan::new(corpus, progress).run(
        scratch(config.seed),
        |s, doc| {
            s.tokenizer.tokenize(&doc.text, &mut s.tokens);
            let fps = if s.tokens.len() >= config.min_words {
                params.fingerprints(&s.tokens, &mut s.shingles)
            } else {
                Vec::new()
            };
            let hashes = if fps.is_empty() { Vec::new() } else { s.tokens.iter().map(|t| t.hash as u32).collect() };
            let meta = DocMeta {
                id: doc.id,
                at: doc.at,
                date: doc.date,
                source: doc.source,
                hashes,
                picks: fps.iter().map(|f| f.pos).collect(),
                stock: Vec::new(),
            };
            (meta, fps)
        },
        &mut |(meta, fps): (DocMeta, Vec<Fingerprint>)| {
            let d = docs.len() as u32;
            postings.extend(fps.iter().map(|f| Posting { hash: f.hash, doc: DocId(d), pos: f.pos }));
            docs.push(meta);
            Ok(())
        },
    )?;
    progress.end();
    Ok((docs, postings, rejected))
}

/// Stage 2: the inverted index; each document learns where its stock
/// phrases are.
fn build_index(
    docs: &mut [DocMeta],
    postings: Vec<Posting>,
    config: &PassageConfig,
    progress: &dyn Progress,
) -> SharedFingerprints {
    progress.begin(Stage::Index, Some(docs.len() as u64));
    let index = SharedFingerprints::new(PostingTable::new(config.fingerprint_params(), postings), config.max_df);
    for o in index.stock_occurrences() {
        docs[o.doc.index()].stock.push(o.pos);
    }
    docs.par_iter_mut().for_each(|d| d.stock.sort_unstable());
    progress.advance(docs.len() as u64);
    progress.end();
    index
}

/// Stage 3: every seed, sorted by document pair. Documents in no seed drop
/// their token hashes.
fn find_seeds(index: &SharedFingerprints, docs: &mut [DocMeta], progress: &dyn Progress) -> Vec<Seed> {
    progress.begin(Stage::Candidates, None);
    let seeds = index.seeds();
    let mut seeded = vec![false; docs.len()];
    for s in &seeds {
        seeded[s.a as usize] = true;
        seeded[s.b as usize] = true;
    }
    for (d, keep) in docs.iter_mut().zip(seeded) {
        if !keep {
            (d.hashes, d.picks, d.stock) = (Vec::new(), Vec::new(), Vec::new());
        }
    }
    progress.advance(seeds.len() as u64);
    progress.end();
    seeds
}

/// Stage 4: align every seeded pair. The number of pairs and the aligned
/// spans, in seed order.
fn align_pairs(
    docs: &[DocMeta],
    seeds: &[Seed],
    allowed: Option<&[(DocId, DocId)]>,
    config: &PassageConfig,
    progress: &dyn Progress,
) -> (usize, Vec<SpanPair>, Vec<f64>) {
    // pair boundaries in the sorted seeds
    let mut bounds = Vec::new();
    let mut start = 0;
    for i in 1..=seeds.len() {
        if i == seeds.len() || (seeds[i].a, seeds[i].b) != (seeds[start].a, seeds[start].b) {
            let pair = (DocId(seeds[start].a), DocId(seeds[start].b));
            if allowed.is_none_or(|list| list.binary_search(&pair).is_ok()) {
                bounds.push((start, i));
            }
            start = i;
        }
    }
    let params = AlignParams::new(config.shingle_size, config.max_gap);
    progress.begin(Stage::Align, Some(bounds.len() as u64));
    let (aligned, scores): (Vec<SpanPair>, Vec<f64>) = bounds
        .par_iter()
        .flat_map_iter(|&(s, e)| {
            let (a, b) = (seeds[s].a, seeds[s].b);
            let (ta, tb) = (&docs[a as usize], &docs[b as usize]);
            let mut found = align_pair(
                &ta.hashes,
                &tb.hashes,
                seeds[s..e].iter().map(|x| (x.pa, x.pb)),
                a == b,
                config.min_words,
                &params,
            );
            // a passage made mostly of stock phrases does not count
            found.retain(|al| {
                ta.stock_share(al.a, config.shingle_size) <= 0.5 && tb.stock_share(al.b, config.shingle_size) <= 0.5
            });
            progress.advance(1);
            found.into_iter().map(move |al| {
                let score = al.matched as f64 / al.a.len().max(al.b.len()).max(1) as f64;
                ((DocId(a), al.a, DocId(b), al.b), score)
            })
        })
        .unzip();
    progress.end();
    (bounds.len(), aligned, scores)
}

#[cfg(test)]
mod tests;
