//! The rewritten-reuse aligner (`passages --sensitivity high`): aligns two
//! documents by sentence similarity, so reuse that was paraphrased,
//! reordered, shortened or translated back and forth is found without any
//! exact run of words.
//!
//! The method follows the best system of the PAN 2014 text-alignment task
//! (Sanchez-Perez, Sidorov and Gelbukh, CLEF 2014 working notes; the
//! adaptive variant, CLEF 2015), re-implemented here over
//! [`SentenceDoc`]:
//!
//! 1. **Seeding**: every sentence pair whose tf-isf cosine (term frequency
//!    times `ln(sentences / sentences with the term)`, over the sentences
//!    of both documents) exceeds [`RewriteParams::min_cosine`] and whose
//!    Dice coefficient of distinct terms exceeds [`RewriteParams::min_dice`]
//!    is a seed. For the normal extension, a seed is dropped when one of its
//!    sentences has a seed of higher cosine more than one sentence away on
//!    the other side ([`RewriteParams::one_to_one`]): a rewrite puts each
//!    sentence in one place, so a weaker match elsewhere is a chance match.
//! 2. **Extension**: seeds are grouped by their sentence index on one side,
//!    a new group starting after a gap of more than [`RewriteParams::gap`]
//!    sentences; each group is grouped again on the other side, and so on
//!    until no group splits. A group spans from its first to its last
//!    sentence on each side, so sentences reordered or inserted inside a
//!    passage join one fragment.
//! 3. **Validation**: a fragment pair whose summed vectors have a cosine
//!    at most [`RewriteParams::min_fragment_cosine`] is extended again from
//!    its own seeds with a gap one smaller, down to gap 0; what still fails
//!    is dropped.
//! 4. **Filtering**: of fragments that overlap in the copy, the one whose
//!    sentences match their best counterpart better is kept; a fragment of
//!    a single seed is dropped when another fragment of the pair has
//!    several (a chance match of one sentence beside the real passage);
//!    fragments shorter than [`RewriteParams::min_chars`] bytes on either
//!    side are dropped.
//! 5. **Verbatim copies**: when a fragment pair shares an exact run of
//!    words longer than [`RewriteParams::verbatim_bytes`], the pair of
//!    documents is taken as a verbatim copy and only such runs are
//!    reported (sentence granularity would include unrelated neighbours).
//! 6. **Summaries**: the extension is also run with the wide gap
//!    [`RewriteParams::summary_gap`]; when its fragments cover at least
//!    three times as much of the origin as of the copy, and the normal
//!    fragments do not already align the copy about one to one
//!    ([`RewriteParams::rewrite_cover`], [`RewriteParams::rewrite_ratio`]),
//!    the copy is a summary and the wide fragments are reported instead.
//!
//! The origin (`src`) and copy (`susp`) roles matter only for the overlap
//! filter (which works on the copy's side) and the summary test.
//!
//! Cost: `O(Σ |postings of a shared term|)` for seeding, at worst the
//! product of the two documents' sentence counts; extension and validation
//! are `O(S log S)` in the seeds `S`; the verbatim check is the product of
//! the word counts of each fragment pair.

use super::sentence::SentenceDoc;
use crate::corpus::ByteSpan;
use std::collections::HashMap;

/// The thresholds of [`align_rewritten`].
#[derive(Clone, Debug, PartialEq)]
pub struct RewriteParams {
    /// A seed's sentences have a tf-isf cosine above this.
    pub min_cosine: f64,
    /// A seed's sentences have a Dice coefficient of distinct terms above this.
    pub min_dice: f64,
    /// A fragment pair's summed vectors have a cosine above this.
    pub min_fragment_cosine: f64,
    /// The largest gap, in sentences, inside one fragment.
    pub gap: u32,
    /// The origin's gap in the summary extension.
    pub summary_gap: u32,
    /// The copy's gap in the summary extension.
    pub summary_copy_gap: u32,
    /// Fragments shorter than this many bytes (either side) are dropped.
    pub min_chars: u32,
    /// A shared exact run of words longer than this many bytes makes the
    /// document pair a verbatim copy.
    pub verbatim_bytes: u32,
    /// Drop a seed when one of its sentences has a better seed that is not
    /// adjacent on the other side; normal extension only.
    pub one_to_one: bool,
    /// The summary reading is refused when the normal fragments cover at
    /// least this share of the wide fragments' copy bytes ...
    pub rewrite_cover: f64,
    /// ... with at most this many origin bytes per copy byte: the normal
    /// alignment then already explains the copy as a rewrite, not a summary.
    pub rewrite_ratio: f64,
}

impl Default for RewriteParams {
    fn default() -> Self {
        RewriteParams {
            min_cosine: 0.30,
            min_dice: 0.30,
            min_fragment_cosine: 0.34,
            gap: 4,
            summary_gap: 24,
            summary_copy_gap: 24,
            min_chars: 150,
            verbatim_bytes: 256,
            one_to_one: true,
            rewrite_cover: 0.8,
            rewrite_ratio: 1.5,
        }
    }
}

/// One aligned pair of spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RewriteMatch {
    /// Span in the origin (`src`).
    pub src: ByteSpan,
    /// Span in the copy (`susp`).
    pub susp: ByteSpan,
    /// Words of the origin's span.
    pub words: u32,
    /// Cosine of the two spans' summed tf-isf vectors (1 for verbatim runs).
    pub score: f64,
}

/// A sparse tf-isf vector: `(term, weight)` sorted by term, and its norm.
struct Vector {
    terms: Vec<(u64, f64)>,
    norm: f64,
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.terms[i].1 * b.terms[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.norm * b.norm)
}

fn sum_cosine(a: &[Vector], b: &[Vector]) -> f64 {
    let sum = |vs: &[Vector]| {
        let mut m: HashMap<u64, f64> = HashMap::new();
        for v in vs {
            for &(t, w) in &v.terms {
                *m.entry(t).or_insert(0.0) += w;
            }
        }
        m
    };
    let (ma, mb) = (sum(a), sum(b));
    let na = ma.values().map(|w| w * w).sum::<f64>().sqrt();
    let nb = mb.values().map(|w| w * w).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let dot: f64 = ma.iter().filter_map(|(t, w)| mb.get(t).map(|v| v * w)).sum();
    dot / (na * nb)
}

/// tf-isf vectors of both documents' sentences (isf over the two together).
fn vectors(src: &SentenceDoc, susp: &SentenceDoc) -> (Vec<Vector>, Vec<Vector>) {
    let mut df: HashMap<u64, u32> = HashMap::new();
    for s in src.sentences.iter().chain(&susp.sentences) {
        for &(t, _) in &s.terms {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    let n = (src.sentences.len() + susp.sentences.len()) as f64;
    let weigh = |d: &SentenceDoc| -> Vec<Vector> {
        d.sentences
            .iter()
            .map(|s| {
                let terms: Vec<(u64, f64)> =
                    s.terms.iter().map(|&(t, c)| (t, c as f64 * (n / df[&t] as f64).ln())).collect();
                let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                Vector { terms, norm }
            })
            .collect()
    };
    (weigh(src), weigh(susp))
}

/// A seed: (copy sentence, origin sentence).
type SeedPair = (u32, u32);

/// The largest gaps inside a fragment: `[in the copy, in the origin]`.
type Gaps = [u32; 2];

/// The seeds that no better seed displaces: a seed is dropped when one of
/// its sentences has a seed of higher cosine more than one sentence away on
/// the other side. A rewrite aligns each sentence to one place (or to two
/// neighbours, when a sentence was split or two were joined); a weaker
/// match elsewhere is a chance match that would stretch a fragment.
fn one_to_one(seeds: &[(u32, u32, f64)]) -> Vec<SeedPair> {
    let by_copy = displaced(seeds, |s| (s.0, s.1));
    let by_origin = displaced(seeds, |s| (s.1, s.0));
    seeds.iter().enumerate().filter(|&(k, _)| !by_copy[k] && !by_origin[k]).map(|(_, s)| (s.0, s.1)).collect()
}

/// For each seed, with `key` giving (its sentence on one side, on the
/// other): whether a seed of the same sentence has a higher cosine and lies
/// more than one sentence away on the other side.
fn displaced(seeds: &[(u32, u32, f64)], key: impl Fn(&(u32, u32, f64)) -> (u32, u32)) -> Vec<bool> {
    let mut order: Vec<usize> = (0..seeds.len()).collect();
    order.sort_by(|&a, &b| key(&seeds[a]).0.cmp(&key(&seeds[b]).0).then(seeds[b].2.total_cmp(&seeds[a].2)));
    let mut out = vec![false; seeds.len()];
    for group in order.chunk_by(|&a, &b| key(&seeds[a]).0 == key(&seeds[b]).0) {
        for (r, &x) in group.iter().enumerate() {
            let (c, other) = (seeds[x].2, key(&seeds[x]).1);
            // at most two better seeds are adjacent (other - 1, other + 1): three decide
            out[x] = group[..r]
                .iter()
                .take_while(|&&y| seeds[y].2 > c)
                .take(3)
                .any(|&y| key(&seeds[y]).1.abs_diff(other) > 1);
        }
    }
    out
}

/// Whether the wide (summary) extension is read as a summary: its fragments
/// cover at least three times as many bytes of the origin as of the copy,
/// and the normal fragments do not already explain the copy as a rewrite
/// (covering [`RewriteParams::rewrite_cover`] of the wide fragments' copy
/// bytes with at most [`RewriteParams::rewrite_ratio`] origin bytes per
/// copy byte). Arguments are byte totals: `(origin, copy)` of each.
fn is_summary(wide: (usize, usize), normal: (usize, usize), p: &RewriteParams) -> bool {
    let (wide_src, wide_susp) = wide;
    let (n_src, n_susp) = normal;
    let rewrite =
        n_susp as f64 >= p.rewrite_cover * wide_susp as f64 && n_src as f64 <= p.rewrite_ratio * n_susp as f64;
    wide_src > 0 && wide_src >= 3 * wide_susp && !rewrite
}

/// Sentence pairs similar enough to seed, with their cosine.
fn seeds_scored(
    src: &SentenceDoc,
    susp: &SentenceDoc,
    vs: &[Vector],
    vt: &[Vector],
    p: &RewriteParams,
) -> Vec<(u32, u32, f64)> {
    let mut postings: HashMap<u64, Vec<(u32, f64)>> = HashMap::new();
    for (j, v) in vs.iter().enumerate() {
        for &(t, w) in &v.terms {
            postings.entry(t).or_default().push((j as u32, w));
        }
    }
    let mut dot = vec![0.0f64; vs.len()];
    let mut shared = vec![0u32; vs.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (i, v) in vt.iter().enumerate() {
        for &(t, w) in &v.terms {
            if let Some(list) = postings.get(&t) {
                for &(j, wj) in list {
                    if shared[j as usize] == 0 {
                        touched.push(j);
                    }
                    shared[j as usize] += 1;
                    dot[j as usize] += w * wj;
                }
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let ju = j as usize;
            let cos = if v.norm > 0.0 && vs[ju].norm > 0.0 { dot[ju] / (v.norm * vs[ju].norm) } else { 0.0 };
            let dice = 2.0 * shared[ju] as f64 / (susp.sentences[i].terms.len() + src.sentences[ju].terms.len()) as f64;
            if cos > p.min_cosine && dice > p.min_dice {
                out.push((i as u32, j, cos));
            }
            dot[ju] = 0.0;
            shared[ju] = 0;
        }
        touched.clear();
    }
    out
}

/// Groups of seeds adjacent on one side (0: copy, 1: origin).
fn split_side(mut seeds: Vec<SeedPair>, side: usize, gap: u32) -> Vec<Vec<SeedPair>> {
    let key = |s: &SeedPair| if side == 0 { s.0 } else { s.1 };
    seeds.sort_unstable_by_key(|s| (key(s), if side == 0 { s.1 } else { s.0 }));
    let mut out: Vec<Vec<SeedPair>> = Vec::new();
    let mut cur: Vec<SeedPair> = Vec::new();
    for s in seeds {
        if let Some(last) = cur.last() {
            if key(&s) - key(last) > gap + 1 {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(s);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Alternate splitting on both sides until no group splits.
fn cluster(seeds: Vec<SeedPair>, side: usize, first: bool, gaps: Gaps) -> Vec<Vec<SeedPair>> {
    let groups = split_side(seeds, side, gaps[side]);
    if groups.len() <= 1 && !first {
        return groups;
    }
    groups.into_iter().flat_map(|g| cluster(g, 1 - side, false, gaps)).collect()
}

/// A fragment pair: sentence ranges (inclusive) on both sides and its seeds.
#[derive(Clone, Debug)]
struct Fragment {
    susp: (u32, u32),
    src: (u32, u32),
    seeds: Vec<SeedPair>,
    score: f64,
}

fn fragment(seeds: Vec<SeedPair>) -> Fragment {
    let susp = (seeds.iter().map(|s| s.0).min().unwrap_or(0), seeds.iter().map(|s| s.0).max().unwrap_or(0));
    let src = (seeds.iter().map(|s| s.1).min().unwrap_or(0), seeds.iter().map(|s| s.1).max().unwrap_or(0));
    Fragment { susp, src, seeds, score: 0.0 }
}

/// Extension and validation at `gaps`.
fn extend(seeds: &[SeedPair], vs: &[Vector], vt: &[Vector], gaps: Gaps, p: &RewriteParams) -> Vec<Fragment> {
    if seeds.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for g in cluster(seeds.to_vec(), 0, true, gaps) {
        let mut f = fragment(g);
        let sim = sum_cosine(&vt[f.susp.0 as usize..=f.susp.1 as usize], &vs[f.src.0 as usize..=f.src.1 as usize]);
        if sim > p.min_fragment_cosine {
            f.score = sim;
            out.push(f);
        } else if gaps[0] > 0 && gaps[1] > 0 {
            out.extend(extend(&f.seeds, vs, vt, [gaps[0] - 1, gaps[1] - 1], p));
        }
    }
    out
}

/// How well a fragment's copy sentences in `sents` match their best origin
/// sentence inside the fragment: the mean of the best cosines.
fn best_match_sum(f: &Fragment, sents: impl Iterator<Item = u32>, vs: &[Vector], vt: &[Vector]) -> (f64, u32) {
    let (mut sum, mut n) = (0.0, 0);
    for i in sents {
        let best = (f.src.0..=f.src.1).map(|j| cosine(&vt[i as usize], &vs[j as usize])).fold(0.0, f64::max);
        sum += best;
        n += 1;
    }
    (sum, n)
}

/// The quality of `f` against an overlapping `g` (S-P's overlap measure):
/// mean best match over the shared copy sentences, raised by the mean over
/// its own other sentences.
fn overlap_quality(f: &Fragment, g: &Fragment, vs: &[Vector], vt: &[Vector]) -> f64 {
    let inside = |i: &u32| *i >= g.susp.0 && *i <= g.susp.1;
    let (ol, nol) = best_match_sum(f, (f.susp.0..=f.susp.1).filter(inside), vs, vt);
    let (rest, nrest) = best_match_sum(f, (f.susp.0..=f.susp.1).filter(|i| !inside(i)), vs, vt);
    let mut q = if nol > 0 { ol / nol as f64 } else { 0.0 };
    if nrest > 0 {
        q += (1.0 - q) * rest / nrest as f64;
    }
    q
}

/// Of fragments overlapping in the copy, keep the better one.
fn remove_overlaps(mut frags: Vec<Fragment>, vs: &[Vector], vt: &[Vector]) -> Vec<Fragment> {
    frags.sort_by_key(|f| (f.susp.0, f.susp.1, f.src.0, f.src.1));
    let mut kept: Vec<Fragment> = Vec::new();
    for f in frags {
        match kept.last() {
            Some(last) if f.susp.0 <= last.susp.1 => {
                let q_last = overlap_quality(last, &f, vs, vt);
                let q_new = overlap_quality(&f, last, vs, vt);
                let len = |x: &Fragment| x.susp.1 - x.susp.0;
                let better = if q_last > 0.99 && q_new > 0.99 { len(&f) > len(last) } else { q_new > q_last };
                if better {
                    *kept.last_mut().expect("checked") = f;
                }
            }
            _ => kept.push(f),
        }
    }
    kept
}

/// Extension, validation and filtering at `gaps`.
fn detect(
    src: &SentenceDoc,
    susp: &SentenceDoc,
    seeds: &[SeedPair],
    vs: &[Vector],
    vt: &[Vector],
    gaps: Gaps,
    p: &RewriteParams,
) -> Vec<Fragment> {
    let frags = remove_overlaps(extend(seeds, vs, vt, gaps, p), vs, vt);
    // one matching sentence pair beside a passage of several is a chance match
    let several = frags.iter().any(|f| f.seeds.len() > 1);
    frags
        .into_iter()
        .filter(|f| !several || f.seeds.len() > 1)
        .filter(|f| {
            let a = susp.span(f.susp.0 as usize, f.susp.1 as usize);
            let b = src.span(f.src.0 as usize, f.src.1 as usize);
            a.len() >= p.min_chars as usize && b.len() >= p.min_chars as usize
        })
        .collect()
}

/// Maximal exact runs of words shared by two word ranges, longer than
/// `min_bytes` in the copy: `(copy first word, origin first word, length)`.
fn exact_runs(
    src: &SentenceDoc,
    susp: &SentenceDoc,
    src_words: (usize, usize),
    susp_words: (usize, usize),
    min_bytes: u32,
) -> Vec<(usize, usize, usize)> {
    let a = &susp.words[susp_words.0..susp_words.1];
    let b = &src.words[src_words.0..src_words.1];
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    let mut out = Vec::new();
    let mut emit = |x_end: usize, y_end: usize, len: usize| {
        let span = a[x_end - 1].1.end - a[x_end - len].1.start;
        if span > min_bytes {
            out.push((susp_words.0 + x_end - len, src_words.0 + y_end - len, len));
        }
    };
    for x in 1..=a.len() {
        for y in 1..=b.len() {
            cur[y] = if a[x - 1].0 == b[y - 1].0 { prev[y - 1] + 1 } else { 0 };
            // a run ending here is maximal when it cannot go on diagonally
            if cur[y] > 0 && (x == a.len() || y == b.len() || a[x].0 != b[y].0) {
                emit(x, y, cur[y] as usize);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Aligned passages of a copy (`susp`) and its origin (`src`), in copy order.
pub fn align_rewritten(src: &SentenceDoc, susp: &SentenceDoc, p: &RewriteParams) -> Vec<RewriteMatch> {
    if src.sentences.is_empty() || susp.sentences.is_empty() {
        return Vec::new();
    }
    let (vs, vt) = vectors(src, susp);
    let scored = seeds_scored(src, susp, &vs, &vt, p);
    let seeds: Vec<SeedPair> = scored.iter().map(|s| (s.0, s.1)).collect();
    if seeds.is_empty() {
        return Vec::new();
    }
    let all = detect(src, susp, &seeds, &vs, &vt, [p.gap, p.gap], p);
    let frags =
        if p.one_to_one { detect(src, susp, &one_to_one(&scored), &vs, &vt, [p.gap, p.gap], p) } else { all.clone() };
    let words_of = |d: &SentenceDoc, r: (u32, u32)| {
        (d.sentences[r.0 as usize].first_word as usize, d.sentences[r.1 as usize].end_word as usize)
    };
    // verbatim copies: exact runs only
    let mut runs = Vec::new();
    for f in &all {
        runs.extend(exact_runs(src, susp, words_of(src, f.src), words_of(susp, f.susp), p.verbatim_bytes));
    }
    if !runs.is_empty() {
        // a run inside another's origin side is a repeat of it
        let contained = |r: &(usize, usize, usize)| {
            runs.iter().any(|o| o != r && o.1 <= r.1 && r.1 + r.2 <= o.1 + o.2 && o.2 > r.2)
        };
        let mut out: Vec<RewriteMatch> = runs
            .iter()
            .filter(|r| !contained(r))
            .map(|&(x, y, len)| RewriteMatch {
                susp: ByteSpan { start: susp.words[x].1.start, end: susp.words[x + len - 1].1.end },
                src: ByteSpan { start: src.words[y].1.start, end: src.words[y + len - 1].1.end },
                words: len as u32,
                score: 1.0,
            })
            .collect();
        out.sort_by_key(|m| (m.susp.start, m.src.start));
        out.dedup();
        return out;
    }
    // summaries: the wide extension covers far more of the origin
    let wide = detect(src, susp, &seeds, &vs, &vt, [p.summary_copy_gap, p.summary_gap], p);
    let covered = |fs: &[Fragment], f: &dyn Fn(&Fragment) -> usize| fs.iter().map(f).sum::<usize>();
    let wide_src = covered(&wide, &|f| src.span(f.src.0 as usize, f.src.1 as usize).len());
    let wide_susp = covered(&wide, &|f| susp.span(f.susp.0 as usize, f.susp.1 as usize).len());
    let n_src = covered(&frags, &|f| src.span(f.src.0 as usize, f.src.1 as usize).len());
    let n_susp = covered(&frags, &|f| susp.span(f.susp.0 as usize, f.susp.1 as usize).len());
    let is_summary = is_summary((wide_src, wide_susp), (n_src, n_susp), p);
    let chosen = if is_summary { wide } else { frags };
    chosen
        .iter()
        .map(|f| {
            let (w0, w1) = words_of(src, f.src);
            RewriteMatch {
                susp: susp.span(f.susp.0 as usize, f.susp.1 as usize),
                src: src.span(f.src.0 as usize, f.src.1 as usize),
                words: (w1 - w0) as u32,
                score: f.score,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_group_across_reordering_and_split_at_wide_gaps() {
        // copy sentences 10..13 match origin 3..6 out of order; 40 matches 30
        let seeds = vec![(10, 4), (11, 3), (12, 6), (13, 5), (40, 30)];
        let sorted = |mut gs: Vec<Vec<SeedPair>>| {
            gs.iter_mut().for_each(|g| g.sort_unstable());
            gs.sort();
            gs
        };
        let groups = sorted(cluster(seeds, 0, true, [4, 4]));
        assert_eq!(groups, vec![vec![(10, 4), (11, 3), (12, 6), (13, 5)], vec![(40, 30)]]);
        // close in the copy but far apart in the origin: two groups
        let groups = sorted(cluster(vec![(1, 1), (2, 2), (3, 50), (4, 51)], 0, true, [4, 4]));
        assert_eq!(groups, vec![vec![(1, 1), (2, 2)], vec![(3, 50), (4, 51)]]);
        // a gap of exactly `gap` sentences is bridged, one more is not
        assert_eq!(split_side(vec![(0, 0), (5, 1)], 0, 4).len(), 1);
        assert_eq!(split_side(vec![(0, 0), (6, 1)], 0, 4).len(), 2);
    }

    #[test]
    fn a_better_seed_elsewhere_displaces_a_weaker_one() {
        let seeds =
            [(0, 0, 0.9), (0, 5, 0.5), (1, 1, 0.8), (1, 2, 0.85), (3, 3, 0.4), (7, 3, 0.6), (9, 9, 0.5), (9, 12, 0.5)];
        // (0, 5): copy sentence 0 matches origin 0 better, five away; (1, 1)
        // stays: the better (1, 2) is the next origin sentence; (3, 3):
        // origin 3 matches copy 7 better; ties displace nothing
        assert_eq!(one_to_one(&seeds), vec![(0, 0), (1, 1), (1, 2), (7, 3), (9, 9), (9, 12)]);
        // copy sentence 0's better seeds, best first: origin 4 and 6 (next to
        // 5) and 20 (not); 6 is two away from the better 4
        let seeds = [(0, 4, 0.9), (0, 6, 0.85), (0, 20, 0.8), (0, 5, 0.7)];
        assert_eq!(one_to_one(&seeds), vec![(0, 4)]);
        assert_eq!(one_to_one(&seeds[..2]), vec![(0, 4)]);
        assert_eq!(one_to_one(&[(0, 4, 0.9), (0, 5, 0.7), (0, 6, 0.85)]), vec![(0, 4), (0, 5)]);
    }

    #[test]
    fn summary_needs_a_wide_origin_side_that_the_normal_alignment_does_not_explain() {
        let p = RewriteParams::default();
        // wide fragments: 3000 origin bytes for 600 copy bytes
        assert!(is_summary((3000, 600), (0, 0), &p));
        assert!(!is_summary((1799, 600), (0, 0), &p));
        // normal fragments cover 500 of the 600 copy bytes one to one: a rewrite
        assert!(!is_summary((3000, 600), (550, 500), &p));
        // ... but not when they too compress the origin (1000 bytes for 500)
        assert!(is_summary((3000, 600), (1000, 500), &p));
        // ... nor when they cover under 80 % of the copy
        assert!(is_summary((3000, 600), (400, 400), &p));
    }

    #[test]
    fn exact_runs_are_maximal_and_long_enough() {
        let shared = "one two three four five six seven eight nine ten";
        let a = SentenceDoc::new(&format!("Alpha beta gamma. {shared}. Delta epsilon zeta."));
        let b = SentenceDoc::new(&format!("Kappa {shared}. Lambda mu nu."));
        let all = |d: &SentenceDoc| (0, d.words.len());
        // origin b, copy a: the run starts at word 3 of a and word 1 of b, 10 words
        assert_eq!(exact_runs(&b, &a, all(&b), all(&a), 20), vec![(3, 1, 10)]);
        // the run is 48 bytes: not longer than 48
        assert_eq!(exact_runs(&b, &a, all(&b), all(&a), 48), vec![]);
        assert_eq!(exact_runs(&b, &a, all(&b), all(&a), 47).len(), 1);
    }

    #[test]
    fn unrelated_texts_align_to_nothing() {
        let a = SentenceDoc::new(
            "The harbour master closed the port when the storm arrived. Fishing boats stayed tied up for three days. \
             Crews repaired nets and painted hulls while they waited for calmer seas.",
        );
        let b = SentenceDoc::new(
            "A new bakery opened on the corner of the market square. Its owner bakes rye bread before dawn each day. \
             Customers queue outside long before the doors open at seven.",
        );
        assert_eq!(align_rewritten(&a, &b, &RewriteParams::default()), vec![]);
    }
}
