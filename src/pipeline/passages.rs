//! `passages`: reused and syndicated passages, grouped across the corpus,
//! each with the document it most likely came from.
//!
//! Stages, one function each:
//!
//! 1. **fingerprint** ([`fingerprint_corpus`]): one streaming pass; each
//!    document is tokenized, shingled and winnowed into positioned
//!    fingerprints (collected as postings); its id, date, source and 32-bit
//!    token hashes are kept, its text dropped.
//! 2. **index** ([`build_index`]): the inverted index fingerprint →
//!    (document, position), one parallel sort; stock phrases (in more than
//!    `max_df` documents) set apart.
//! 3. **seeds** ([`find_seeds`]): pairs of occurrences of each shared
//!    fingerprint, sorted by document pair; documents in no seed drop their
//!    token hashes.
//! 4. **align** ([`align_pairs`]): each seeded document pair (a document
//!    with itself for internal repeats) is aligned by seed-and-extend, in
//!    parallel; alignments made mostly of stock phrases are dropped.
//! 5. **cluster** ([`span_clusters`]): overlapping spans merge, aligned
//!    spans connect into passage clusters.
//! 6. **locate** ([`locate_members`]): a second pass re-reads the documents in
//!    a cluster to turn token ranges into byte spans and line:column, and
//!    picks each cluster's origin, representative text and boilerplate flag.
//!
//! See [`crate::passage`] for the cost model.
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
//! assert_eq!(report.ids[p.origin as usize], format!("{}:1", path.display()));
//! let copy = &p.members[1];
//! assert_eq!(copy.doc, 2);
//! assert_eq!(&blog[copy.span.range()], &wire[..wire.len() - 1]);
//! # Ok(())
//! # }
//! ```

use crate::corpus::{total_bytes, ByteSpan, Corpus, LineCol, LineIndex, RecordRef, Rejected, Scan};
use crate::error::{Error, Result};
use crate::fingerprint::{winnowed, Fingerprint, FingerprintParams, Posting, PostingTable};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::passage::{
    align_pair, span_clusters, AlignParams, Seed, SharedFingerprints, SpanMember, SpanPair, TokenRange,
};
use crate::progress::{Progress, Stage};
use crate::shingle::{shingle_hashes, validate_shingle_size};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

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
}

impl Default for PassageConfig {
    fn default() -> Self {
        PassageConfig { shingle_size: 5, min_words: 10, max_df: 100, max_gap: 20, seed: DEFAULT_SEED }
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
    pub doc: u32,
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
    pub origin: u32,
    /// True when most member documents share one source, or most of the
    /// text is stock phrases.
    pub boilerplate: bool,
    /// Members by document (input order), then start.
    pub members: Vec<PassageMember>,
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
    /// Counts.
    pub stats: PassageStats,
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

struct Scratch {
    tokenizer: Tokenizer,
    tokens: Vec<Token>,
    shingles: Vec<u64>,
}

fn scratch(seed: u64) -> impl Fn() -> Scratch + Sync + Send {
    move || Scratch { tokenizer: Tokenizer::new(seed), tokens: Vec::new(), shingles: Vec::new() }
}

/// Reused passages of a corpus.
pub fn passages(corpus: &Corpus, config: &PassageConfig, progress: &dyn Progress) -> Result<PassageReport> {
    config.validate()?;
    let (mut docs, postings, rejected) = fingerprint_corpus(corpus, config, progress)?;
    let index = build_index(&mut docs, postings, config, progress);
    let seeds = find_seeds(&index, &mut docs, progress);
    let (pairs, aligned) = align_pairs(&docs, &seeds, config, progress);
    for d in &mut docs {
        (d.hashes, d.picks, d.stock) = (Vec::new(), Vec::new(), Vec::new());
    }
    progress.begin(Stage::Cluster, Some(aligned.len() as u64));
    let clusters = span_clusters(&aligned);
    progress.advance(aligned.len() as u64);
    progress.end();
    let passages = locate_members(corpus, &docs, &clusters, &index, config, progress)?;
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
    Ok(PassageReport { passages, ids: docs.into_iter().map(|d| d.id).collect(), rejected, stats })
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
            postings.extend(fps.iter().map(|f| Posting { hash: f.hash, doc: d, pos: f.pos }));
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
        docs[o.doc as usize].stock.push(o.pos);
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
    config: &PassageConfig,
    progress: &dyn Progress,
) -> (usize, Vec<SpanPair>) {
    // pair boundaries in the sorted seeds
    let mut bounds = Vec::new();
    let mut start = 0;
    for i in 1..=seeds.len() {
        if i == seeds.len() || (seeds[i].a, seeds[i].b) != (seeds[start].a, seeds[start].b) {
            bounds.push((start, i));
            start = i;
        }
    }
    let params = AlignParams::new(config.shingle_size, config.max_gap);
    progress.begin(Stage::Align, Some(bounds.len() as u64));
    let aligned: Vec<SpanPair> = bounds
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
            found.into_iter().map(move |al| (a, al.a, b, al.b))
        })
        .collect();
    progress.end();
    (bounds.len(), aligned)
}

/// A member located in its document's text.
struct Located {
    span: ByteSpan,
    start: LineCol,
    end: LineCol,
    text: Option<String>,
    stock_share: f64,
}

/// A located member and its (cluster, member) slot.
type LocatedSlot = ((usize, usize), Located);

/// Stage 6: byte spans and line:column of every member, origin,
/// representative text, boilerplate flag.
fn locate_members(
    corpus: &Corpus,
    docs: &[DocMeta],
    clusters: &[Vec<SpanMember>],
    index: &SharedFingerprints,
    config: &PassageConfig,
    progress: &dyn Progress,
) -> Result<Vec<Passage>> {
    // origin of each cluster: earliest dated member document, else the first
    let origins: Vec<u32> = clusters
        .iter()
        .map(|c| {
            c.iter()
                .map(|m| m.doc)
                .min_by(|&a, &b| {
                    let (da, db) = (docs[a as usize].date.as_deref(), docs[b as usize].date.as_deref());
                    (da.is_none(), da, a).cmp(&(db.is_none(), db, b))
                })
                .expect("a cluster has members")
        })
        .collect();
    // the origin's first member in each cluster (members are sorted by document)
    let origin_member: Vec<usize> = clusters
        .iter()
        .zip(&origins)
        .map(|(c, &o)| c.iter().position(|m| m.doc == o).expect("the origin is a member"))
        .collect();
    // what to locate in each document: (cluster, member) slots
    let mut wanted: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for (mi, m) in c.iter().enumerate() {
            wanted.entry(m.doc).or_default().push((ci, mi));
        }
    }
    let mut needed: Vec<u32> = wanted.keys().copied().collect();
    needed.sort_unstable();
    let places: Vec<RecordRef> = needed.iter().map(|&d| docs[d as usize].at).collect();
    let by_place: HashMap<RecordRef, u32> = places.iter().copied().zip(needed.iter().copied()).collect();
    let mut located: Vec<Vec<Option<Located>>> = clusters.iter().map(|c| c.iter().map(|_| None).collect()).collect();
    let window = config.window();
    // only the wanted records are read: their size is not known ahead
    progress.begin(Stage::Locate, None);
    if !needed.is_empty() {
        Scan::new(corpus, progress).fetch(
            &places,
            scratch(config.seed),
            |s, doc| {
                let Some(&d) = by_place.get(&doc.at) else { return Vec::new() };
                s.tokenizer.tokenize(&doc.text, &mut s.tokens);
                let lines = LineIndex::new(&doc.text);
                wanted[&d]
                    .iter()
                    .filter_map(|&(ci, mi)| {
                        let r = clusters[ci][mi].range;
                        // a document that changed since the first pass is caught below
                        let toks = s.tokens.get(r.start as usize..r.end as usize).filter(|t| !t.is_empty())?;
                        let span = ByteSpan { start: toks[0].span.start, end: toks[toks.len() - 1].span.end };
                        let is_rep = origin_member[ci] == mi;
                        let (text, stock_share) = if is_rep {
                            shingle_hashes(toks, config.shingle_size, config.seed, &mut s.shingles);
                            let fps = winnowed(&s.shingles, window);
                            let stock = fps.iter().filter(|f| index.is_stock(f.hash)).count();
                            (Some(doc.text[span.range()].to_string()), stock as f64 / fps.len().max(1) as f64)
                        } else {
                            (None, 0.0)
                        };
                        let end_char = doc.text[..span.end as usize].char_indices().next_back().map_or(0, |(i, _)| i);
                        Some((
                            (ci, mi),
                            Located {
                                span,
                                start: lines.line_col(&doc.text, span.start as usize),
                                end: lines.line_col(&doc.text, end_char),
                                text,
                                stock_share,
                            },
                        ))
                    })
                    .collect::<Vec<_>>()
            },
            &mut |found: Vec<LocatedSlot>| {
                for ((ci, mi), loc) in found {
                    located[ci][mi] = Some(loc);
                }
            },
        )?;
    }
    progress.end();
    let mut out = Vec::with_capacity(clusters.len());
    for (ci, (c, locs)) in clusters.iter().zip(located).enumerate() {
        let origin = origins[ci];
        let mut members = Vec::with_capacity(c.len());
        let mut text = String::new();
        let mut stock_share = 0.0;
        for (m, loc) in c.iter().zip(locs) {
            let loc = loc.ok_or_else(|| {
                Error::config("the input changed while it was being read (a record could not be found again)")
            })?;
            let origin = loc.text.is_some();
            if let Some(t) = loc.text {
                text = t;
                stock_share = loc.stock_share;
            }
            members.push(PassageMember { doc: m.doc, span: loc.span, start: loc.start, end: loc.end, origin });
        }
        let words = c.iter().find(|m| m.doc == origin).map_or(0, |m| m.range.len());
        let boilerplate = mostly_one_source(c, docs) || stock_share > 0.5;
        out.push(Passage { id: ci + 1, words, text, origin, boilerplate, members });
    }
    Ok(out)
}

/// True when at least three distinct documents are members and more than
/// half of them share one `source`.
fn mostly_one_source(members: &[SpanMember], docs: &[DocMeta]) -> bool {
    let mut distinct: Vec<u32> = members.iter().map(|m| m.doc).collect();
    distinct.dedup();
    if distinct.len() < 3 {
        return false;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &d in &distinct {
        if let Some(s) = docs[d as usize].source.as_deref() {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts.values().any(|&n| 2 * n > distinct.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, ReaderConfig};
    use crate::progress::NoProgress;
    use proptest::prelude::*;

    /// Words with multi-byte characters, ignorables, marks and scripts
    /// without spaces, so that token and span boundaries are tested hard.
    const WORDS: &[&str] = &[
        "the",
        "Ferry",
        "café",
        "naïve",
        "Пескову",
        "ТАСС",
        "新华社",
        "東京",
        "🙂",
        "co\u{00AD}op",
        "e\u{301}te",
        "a\u{200B}b",
        "«quoted»",
        "“said”",
        "3,500",
        "Straße",
        "—",
        "x",
        "ﬁnal",
        "ＴＡＳＳ",
    ];

    fn text_of(words: &[usize]) -> String {
        words.iter().map(|&w| WORDS[w % WORDS.len()]).collect::<Vec<_>>().join(" ")
    }

    /// Run `passages` over `lines` (one document a line) with `threads` threads.
    fn run_lines(lines: &[String], threads: usize) -> (Vec<Passage>, Vec<String>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("docs.txt");
        std::fs::write(&path, lines.join("\n")).expect("write");
        let corpus =
            Corpus::open(&[&path], ReaderConfig { format: Format::Lines, ..ReaderConfig::default() }).expect("corpus");
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        let config = PassageConfig { min_words: 6, max_gap: 4, ..PassageConfig::default() };
        let report = pool.install(|| passages(&corpus, &config, &NoProgress)).expect("passages");
        (report.passages, report.ids)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        #[test]
        fn spans_lie_on_char_boundaries_inside_the_text(
            shared in proptest::collection::vec(0usize..20, 6..30),
            heads in proptest::collection::vec(proptest::collection::vec(0usize..20, 0..12), 2..5),
            edit in 0usize..40,
        ) {
            let passage = text_of(&shared);
            let lines: Vec<String> = heads
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let mut p = passage.clone();
                    if i == 1 && edit < p.len() {
                        // a word edited inside the copy, at any byte
                        let cut = (0..=edit).rev().find(|&c| p.is_char_boundary(c)).unwrap_or(0);
                        p.insert_str(cut, " Ω ");
                    }
                    format!("{} {p} {}", text_of(h), text_of(&[i, i + 3]))
                })
                .collect();
            let (found, _) = run_lines(&lines, 1);
            if heads.len() >= 3 && Tokenizer::default().tokens(&passage).len() >= 10 {
                // the verbatim copies in documents 0 and 2 are found
                prop_assert!(found.iter().any(|p| p.members.iter().any(|m| m.doc == 0)
                    && p.members.iter().any(|m| m.doc == 2)), "{:?}", lines);
            }
            for p in &found {
                prop_assert!(p.members.iter().filter(|m| m.origin).count() == 1);
                for m in &p.members {
                    let text = &lines[m.doc as usize];
                    prop_assert!(m.span.start < m.span.end && m.span.end as usize <= text.len());
                    prop_assert!(text.is_char_boundary(m.span.start as usize));
                    prop_assert!(text.is_char_boundary(m.span.end as usize));
                }
            }
            prop_assert_eq!(run_lines(&lines, 2).0, found);
        }
    }

    #[test]
    fn window_guarantees_min_words() {
        let c = PassageConfig::default();
        assert_eq!(c.window() + c.shingle_size - 1, c.min_words);
        assert!(PassageConfig { min_words: 3, ..c.clone() }.validate().is_err());
        assert!(PassageConfig { max_gap: 0, ..c }.validate().is_err());
    }
}
