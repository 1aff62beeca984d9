//! Seed-and-extend alignment of two token sequences into maximal aligned
//! spans that tolerate small edits.
//!
//! A seed is a k-gram the two documents share (a winnowed fingerprint found
//! in both). From it the alignment grows in both directions over the token
//! hashes: exact matches advance both sides; at a mismatch it looks for the
//! nearest place, at most `max_gap` words ahead on each side, where the two
//! texts agree again on [`AlignParams::resync`] consecutive words, and jumps
//! there. This bridges a substituted word (a gap of 1 and 1), a dropped
//! clause (n and 0), an added phrase or sentence (0 and n), a reformatted
//! number (2 and 1) as passim, TextPAIR and BLAST's gapped extension do.
//!
//! Every step is scored: +1 per matched word, `-(1 + g)/2` for a jump of
//! `g = max(gap_a, gap_b)` words. The alignment ends where the running score
//! is highest, and growth stops once the score falls `x_drop` below that
//! best (the X-drop rule of BLAST). So a jump is kept only when enough words
//! match after it: a lucky three-word agreement in unrelated text after the
//! real passage ends does not pay for the jump that reached it, and the span
//! stops at the last word that truly belongs to the passage. Spans are whole
//! tokens, so they always start and end on word boundaries.
//!
//! The alignments one pair yields are then merged when they lie within
//! `max_gap` words of each other on both sides, in either order ([`align_pair`]):
//! a passage whose sentences were swapped, or that an edit too long for one
//! jump split, stays one passage.
//!
//! Cost: linear in the length of the aligned passage; each mismatch costs at
//! most `(max_gap + 1)²` comparisons of `resync` words.

/// A half-open range of token indices `[start, end)` in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct TokenRange {
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
}

impl TokenRange {
    /// Number of tokens.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the range holds no token.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// Parameters of the extension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignParams {
    /// Words of the seed k-gram (the shingle size).
    pub seed_len: usize,
    /// The longest jump over an edit, in words on either side.
    pub max_gap: usize,
    /// Words that must agree to resume after a jump.
    pub resync: usize,
    /// Growth stops when the score falls this far below its best.
    pub x_drop: f64,
}

impl AlignParams {
    /// Parameters for seeds of `seed_len` words and jumps of up to `max_gap`
    /// words, with the default resynchronization length (3) and an X-drop
    /// that lets one full gap be followed by a short match.
    pub fn new(seed_len: usize, max_gap: usize) -> AlignParams {
        AlignParams { seed_len, max_gap, resync: 3, x_drop: gap_cost(max_gap) + 3.0 }
    }
}

/// Two aligned ranges and how many words matched exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Alignment {
    /// The range in the first sequence.
    pub a: TokenRange,
    /// The range in the second sequence.
    pub b: TokenRange,
    /// Words matched exactly (the rest were bridged).
    pub matched: u32,
}

/// The penalty of a jump of `g` words on the longer side.
fn gap_cost(g: usize) -> f64 {
    0.5 * (1.0 + g as f64)
}

/// A one-directional view of a sequence: step `t` from `start` forward, or
/// backward (the token just before `start`, then the one before ...), with
/// `n` steps available.
struct Ray<'a> {
    s: &'a [u32],
    start: usize,
    n: usize,
    back: bool,
}

impl Ray<'_> {
    #[inline]
    fn at(&self, t: usize) -> u32 {
        if self.back {
            self.s[self.start - 1 - t]
        } else {
            self.s[self.start + t]
        }
    }

    #[inline]
    fn agree(&self, other: &Ray<'_>, ta: usize, tb: usize, len: usize) -> bool {
        ta + len <= self.n && tb + len <= other.n && (0..len).all(|x| self.at(ta + x) == other.at(tb + x))
    }
}

/// Grow along two rays; the steps taken on each side and words matched at
/// the best-scoring end.
fn extend(a: &Ray<'_>, b: &Ray<'_>, p: &AlignParams) -> (usize, usize, u32) {
    let (mut ta, mut tb, mut matched) = (0usize, 0usize, 0u32);
    let mut score = 0.0f64;
    let mut best = (0.0f64, 0usize, 0usize, 0u32);
    // the resync window: on the stack for the usual gaps
    let mut stack = [(0u32, 0u32); 64];
    let mut heap = Vec::new();
    let window: &mut [(u32, u32)] = if p.max_gap < stack.len() {
        &mut stack[..p.max_gap + 1]
    } else {
        heap.resize(p.max_gap + 1, (0, 0));
        &mut heap
    };
    loop {
        while ta < a.n && tb < b.n && a.at(ta) == b.at(tb) {
            ta += 1;
            tb += 1;
            matched += 1;
            score += 1.0;
        }
        if score > best.0 {
            best = (score, ta, tb, matched);
        }
        let Some((ga, gb)) = resync(a, b, ta, tb, p, window) else { break };
        score -= gap_cost(ga.max(gb));
        if score < best.0 - p.x_drop {
            break;
        }
        ta += ga;
        tb += gb;
    }
    (best.1, best.2, best.3)
}

/// Jumps up to this many words are tried one by one before the sorted
/// window is built.
const NEAR_JUMP: usize = 3;

/// The nearest jump `(ga, gb)` (smallest longer side, then smallest total,
/// then smallest `ga`), both at most `max_gap` and not both 0, after which
/// `resync` words agree. The next `max_gap + 1` words of `b` are sorted by
/// hash once, so each word of `a` finds its equals by binary search:
/// `O(g log g)` rather than `O(g²)` for a gap of `g`.
fn resync(
    a: &Ray<'_>,
    b: &Ray<'_>,
    ta: usize,
    tb: usize,
    p: &AlignParams,
    window: &mut [(u32, u32)],
) -> Option<(usize, usize)> {
    if a.n < p.resync || b.n < p.resync {
        return None;
    }
    // the last places where `resync` words still fit
    let last_b = (tb + p.max_gap).min(b.n - p.resync);
    let last_a = (ta + p.max_gap).min(a.n - p.resync);
    if tb > last_b || ta > last_a {
        return None;
    }
    // most edits are a word or two: try the nearest jumps directly first
    for m in 1..=p.max_gap.min(NEAR_JUMP) {
        for other in 0..=m {
            for (ga, gb) in [(other, m), (m, other)] {
                if a.agree(b, ta + ga, tb + gb, p.resync) {
                    return Some((ga, gb));
                }
                if other == m {
                    break;
                }
            }
        }
    }
    let window = &mut window[..=last_b - tb];
    for (slot, t) in window.iter_mut().zip(tb..=last_b) {
        *slot = (b.at(t), (t - tb) as u32);
    }
    window.sort_unstable();
    let mut best: Option<(usize, usize, usize)> = None; // (key, ga, gb)
    for ga in 0..=last_a - ta {
        let token = a.at(ta + ga);
        let from = window.partition_point(|&(h, _)| h < token);
        for &(h, gb) in &window[from..] {
            if h != token {
                break;
            }
            let gb = gb as usize;
            if ga == 0 && gb == 0 {
                continue;
            }
            // order: longer side, then total, then ga
            let key = (ga.max(gb) << 20) | ((ga + gb) << 10) | ga;
            if best.is_some_and(|(k, _, _)| k <= key) {
                continue;
            }
            if a.agree(b, ta + ga, tb + gb, p.resync) {
                best = Some((key, ga, gb));
            }
        }
    }
    best.map(|(_, ga, gb)| (ga, gb))
}

/// Extend the seed at `a[i..i+k]`, `b[j..j+k]` (which must agree) into an
/// alignment. `a` and `b` may be the same document (`same`): then `i + k <=
/// j` and the two ranges never overlap, so a document aligned with itself
/// finds repeats, not the trivial match. `None` when the seed does not
/// actually agree (a hash collision) or cannot be placed.
pub fn extend_seed(a: &[u32], b: &[u32], i: usize, j: usize, same: bool, p: &AlignParams) -> Option<Alignment> {
    let k = p.seed_len;
    if i + k > a.len() || j + k > b.len() || (same && i + k > j) || a[i..i + k] != b[j..j + k] {
        return None;
    }
    // right first: in a self-alignment the first range may grow up to j
    let a_hi = if same { j } else { a.len() };
    let right_a = Ray { s: a, start: i + k, n: a_hi - (i + k), back: false };
    let right_b = Ray { s: b, start: j + k, n: b.len() - (j + k), back: false };
    let (ra, rb, rm) = extend(&right_a, &right_b, p);
    let a_end = i + k + ra;
    let b_lo = if same { a_end } else { 0 };
    let left_a = Ray { s: a, start: i, n: i, back: true };
    let left_b = Ray { s: b, start: j, n: j - b_lo, back: true };
    let (la, lb, lm) = extend(&left_a, &left_b, p);
    Some(Alignment {
        a: TokenRange { start: (i - la) as u32, end: a_end as u32 },
        b: TokenRange { start: (j - lb) as u32, end: (j + k + rb) as u32 },
        matched: (k as u32) + rm + lm,
    })
}

/// All alignments of one document pair from its seeds (positions `(i, j)`
/// sorted), skipping seeds that an earlier alignment already covers,
/// merging those within `max_gap` words of each other on both sides, and
/// keeping those whose shorter side has at least `min_words` words.
pub fn align_pair(
    a: &[u32],
    b: &[u32],
    seeds: impl IntoIterator<Item = (u32, u32)>,
    same: bool,
    min_words: usize,
    p: &AlignParams,
) -> Vec<Alignment> {
    let k = p.seed_len as u32;
    let mut found: Vec<Alignment> = Vec::new();
    for (i, j) in seeds {
        // a seed must lie inside both texts (postings from a file are
        // bounded at open, but only by the text's byte length)
        if (i as usize).saturating_add(k as usize) > a.len() || (j as usize).saturating_add(k as usize) > b.len() {
            continue;
        }
        let covered = found.iter().any(|al| {
            al.a.start <= i && i + k <= al.a.end && al.b.start <= j && j + k <= al.b.end && {
                // on (about) the same diagonal: a repeat elsewhere is not covered
                let d_seed = j as i64 - i as i64;
                let d_lo = al.b.start as i64 - al.a.start as i64;
                let d_hi = al.b.end as i64 - al.a.end as i64;
                let (lo, hi) = (d_lo.min(d_hi), d_lo.max(d_hi));
                d_seed >= lo - p.max_gap as i64 && d_seed <= hi + p.max_gap as i64
            }
        });
        if covered {
            continue;
        }
        if let Some(al) = extend_seed(a, b, i as usize, j as usize, same, p) {
            found.push(al);
        }
    }
    merge_near(&mut found, same, p.max_gap);
    found.retain(|al| al.a.len().min(al.b.len()) >= min_words);
    found.sort_unstable_by_key(|al| (al.a, al.b));
    found.dedup();
    found
}

/// Words between two ranges (0 when they touch or overlap).
fn gap(x: TokenRange, y: TokenRange) -> u32 {
    x.start.max(y.start).saturating_sub(x.end.min(y.end))
}

/// At most this many alignments of one pair are considered for merging
/// (the merge is quadratic in their number).
const MAX_MERGE: usize = 256;

/// Merge alignments of one pair that lie within `max_gap` words of each
/// other on both sides, in either order: the pieces of one passage whose
/// sentences were reordered, or that an edit longer than a jump split, are
/// one passage. Each side becomes the hull of the pieces. In a document
/// aligned with itself, pieces whose hulls would overlap stay apart.
fn merge_near(found: &mut Vec<Alignment>, same: bool, max_gap: usize) {
    if found.len() < 2 || found.len() > MAX_MERGE {
        return;
    }
    found.sort_unstable_by_key(|al| (al.a, al.b));
    let g = max_gap as u32;
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for x in 0..found.len() {
            for y in x + 1..found.len() {
                let (p, q) = (found[x], found[y]);
                if gap(p.a, q.a) > g || gap(p.b, q.b) > g {
                    continue;
                }
                let hull =
                    |r: TokenRange, s: TokenRange| TokenRange { start: r.start.min(s.start), end: r.end.max(s.end) };
                let m = Alignment { a: hull(p.a, q.a), b: hull(p.b, q.b), matched: p.matched + q.matched };
                if same && m.a.end > m.b.start {
                    continue;
                }
                found[x] = m;
                found.swap_remove(y);
                merged = true;
                break 'outer;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Tokenizer;

    fn toks(text: &str) -> Vec<u32> {
        Tokenizer::default().tokens(text).iter().map(|t| t.hash as u32).collect()
    }

    fn words(text: &str, r: TokenRange) -> String {
        let t = Tokenizer::default().tokens(text);
        text[t[r.start as usize].span.start as usize..t[r.end as usize - 1].span.end as usize].to_string()
    }

    /// Align `a` and `b` from the seed at the first occurrence in each of
    /// `seed` (5 words), and return the aligned texts.
    fn align(a: &str, b: &str, seed: &str, max_gap: usize) -> (String, String) {
        let (ta, tb, ts) = (toks(a), toks(b), toks(seed));
        let i = ta.windows(5).position(|w| w == &ts[..5]).expect("seed in a");
        let j = tb.windows(5).position(|w| w == &ts[..5]).expect("seed in b");
        let al = extend_seed(&ta, &tb, i, j, false, &AlignParams::new(5, max_gap)).expect("seed agrees");
        (words(a, al.a), words(b, al.b))
    }

    const PASSAGE: &str = "the ministry of defence said on wednesday that the last convoy of trucks \
        had crossed the border before dawn and that no incidents were reported along the road";

    macro_rules! t {
        ($name:ident, $a:expr, $b:expr, $gap:expr, $want_a:expr, $want_b:expr) => {
            #[test]
            fn $name() {
                let (a, b) = align($a, $b, "the last convoy of trucks", $gap);
                assert_eq!((a.as_str(), b.as_str()), ($want_a, $want_b));
            }
        };
    }

    t!(
        verbatim_stops_at_unshared_text,
        &format!("Weather is fine today in Oslo. {PASSAGE}. Football scores follow below here."),
        &format!("An entirely different opening line here. {PASSAGE}! Markets closed higher on oil."),
        8,
        PASSAGE,
        PASSAGE
    );
    t!(
        substituted_word_is_bridged,
        &format!("{PASSAGE}."),
        &PASSAGE.replace("crossed", "passed"),
        8,
        PASSAGE,
        PASSAGE.replace("crossed", "passed").as_str()
    );
    t!(
        dropped_clause_is_bridged,
        &format!("{PASSAGE}."),
        &PASSAGE.replace(" said on wednesday that", " said"),
        8,
        PASSAGE,
        PASSAGE.replace(" said on wednesday that", " said").as_str()
    );
    t!(
        added_sentence_is_bridged,
        PASSAGE,
        &PASSAGE.replace("before dawn and", "before dawn. It was cold and windy in the hills. And"),
        12,
        PASSAGE,
        PASSAGE.replace("before dawn and", "before dawn. It was cold and windy in the hills. And").as_str()
    );
    t!(
        gap_beyond_max_gap_is_not_bridged,
        PASSAGE,
        &PASSAGE.replace("before dawn and", "before dawn. It was cold and windy in the hills. And"),
        4,
        "the ministry of defence said on wednesday that the last convoy of trucks had crossed the border before dawn",
        "the ministry of defence said on wednesday that the last convoy of trucks had crossed the border before dawn"
    );
    t!(
        edit_at_the_end_is_not_reported,
        &format!("{PASSAGE} in the north"),
        &format!("{PASSAGE} quietly in north"),
        8,
        PASSAGE,
        PASSAGE
    );

    #[test]
    fn lucky_match_after_the_end_is_trimmed() {
        // after the passage, unrelated text shares one three-word phrase
        let a = format!("{PASSAGE}. Then officials met with local leaders to discuss one of the problems.");
        let b = format!("{PASSAGE}; sport: the home team lost again in one of the worst games.");
        let (x, y) = align(&a, &b, "the last convoy of trucks", 12);
        assert_eq!((x.as_str(), y.as_str()), (PASSAGE, PASSAGE));
    }

    #[test]
    fn self_alignment_finds_the_repeat() {
        let text = format!("{PASSAGE}. {PASSAGE}.");
        let t = toks(&text);
        let n = toks(PASSAGE).len();
        let seeds: Vec<(u32, u32)> = (0..n as u32 - 5).map(|i| (i, i + n as u32)).collect();
        let found = align_pair(&t, &t, seeds.iter().copied(), true, 10, &AlignParams::new(5, 8));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].a, TokenRange { start: 0, end: n as u32 });
        assert_eq!(found[0].b, TokenRange { start: n as u32, end: 2 * n as u32 });
    }

    #[test]
    fn self_alignment_of_periodic_text_does_not_overlap() {
        let t = toks(&"one two three four five six ".repeat(10));
        let seeds: Vec<(u32, u32)> = vec![(0, 6), (0, 12), (6, 30)];
        for al in align_pair(&t, &t, seeds.iter().copied(), true, 5, &AlignParams::new(5, 8)) {
            assert!(al.a.end <= al.b.start, "{al:?}");
        }
    }

    #[test]
    fn swapped_sentences_are_one_passage() {
        let one = "the ministry of defence said on wednesday that the last convoy had left";
        let two = "no incidents were reported along the road before dawn by the local police";
        let a = toks(&format!("{one}. {two}."));
        let b = toks(&format!("{two}. {one}."));
        let n1 = toks(one).len() as u32;
        let n2 = toks(two).len() as u32;
        let p = AlignParams::new(5, 8);
        let found = align_pair(&a, &b, [(0, n2), (n1, 0)], false, 10, &p);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].a, TokenRange { start: 0, end: n1 + n2 });
        assert_eq!(found[0].b, TokenRange { start: 0, end: n1 + n2 });
        // far apart, they stay two passages
        let far = toks(&format!("{one}. {} {two}.", "filler words here ".repeat(5)));
        let found = align_pair(&far, &b, [(0, n2), (n1 + 15, 0)], false, 10, &p);
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn short_alignments_are_dropped() {
        let a = toks("alpha beta gamma delta epsilon zeta and then something else entirely");
        let b = toks("omega alpha beta gamma delta epsilon zeta but now a different tail");
        let p = AlignParams::new(5, 8);
        assert_eq!(align_pair(&a, &b, [(0, 1)], false, 6, &p).len(), 1);
        assert!(align_pair(&a, &b, [(0, 1)], false, 7, &p).is_empty());
    }

    #[test]
    fn collision_seed_is_rejected() {
        let a = toks("a b c d e f");
        let b = toks("a b c d x f");
        assert!(extend_seed(&a, &b, 0, 0, false, &AlignParams::new(5, 8)).is_none());
    }
}
