//! Verification: the exact similarity of a candidate pair from the two
//! documents' shingles.
//!
//! Two measures:
//!
//! * **Jaccard**: `|A ∩ B| / |A ∪ B|` over the shingle sets.
//! * **Containment**, made robust to light edits: the share of the smaller
//!   document's words that lie in a shingle the other document also has,
//!   where a gap of fewer than `k` uncovered words between covered words
//!   counts as covered. Plain shingle containment `|A ∩ B| / min(|A|,|B|)`
//!   loses `k` shingles to every changed word, so a copy with a word changed
//!   every fifteen words keeps only about two thirds of its shingles; word
//!   coverage loses about that one word, and the gap rule bridges it. A story
//!   that only borrows a paragraph stays low: its other paragraphs are not
//!   covered at all. The measure is the larger of the two directions, so a
//!   whole article inside a longer one (an article with a pasted paragraph,
//!   a trimmed copy) scores as contained.
//!
//! Memory: a [`ShingleProfile`] holds 16 bytes per shingle (the ordered
//! hashes and the sorted set). The pipeline builds profiles only for
//! documents that take part in a candidate pair, in a second pass over the
//! input.

use crate::hash::HashSorter;
use serde::{Deserialize, Serialize};

/// Which similarity verification computes and the threshold applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Jaccard similarity of shingle sets.
    #[default]
    Jaccard,
    /// Edit-tolerant containment of the smaller document in the larger.
    Containment,
}

/// A document's shingles, ready for exact comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShingleProfile {
    /// Shingle hashes in text order (shingle `i` covers tokens `i..i+k`).
    seq: Vec<u64>,
    /// Sorted, unique shingle hashes.
    set: Vec<u64>,
    /// Number of tokens.
    tokens: usize,
}

impl ShingleProfile {
    /// A profile from shingle hashes in text order over `tokens` tokens.
    pub fn new(seq: Vec<u64>, tokens: usize) -> ShingleProfile {
        let set = HashSorter::default().sorted_unique(&seq);
        ShingleProfile { seq, set, tokens }
    }

    /// A profile for `measure` from shingle hashes in text order:
    /// Jaccard needs only the set (8 bytes a shingle), containment also the
    /// sequence. `sorter`'s buffers are reused from profile to profile.
    pub fn for_measure(shingles: &[u64], tokens: usize, measure: Measure, sorter: &mut HashSorter) -> ShingleProfile {
        let set = sorter.sorted_unique(shingles);
        let seq = match measure {
            Measure::Containment => shingles.to_vec(),
            Measure::Jaccard => Vec::new(),
        };
        ShingleProfile { seq, set, tokens }
    }

    /// The sorted unique shingle hashes.
    pub fn set(&self) -> &[u64] {
        &self.set
    }

    /// Number of tokens.
    pub fn tokens(&self) -> usize {
        self.tokens
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        8 * (self.seq.capacity() + self.set.capacity())
    }
}

/// Exact Jaccard of two sorted unique sets (0 when both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_size(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Size of the intersection of two sorted unique sets. The merge steps
/// without branches (each comparison adds to a counter): which side moves
/// on is a coin toss for hash values, and a mispredicted branch a step cost
/// more than twice the time of the whole step.
pub fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Plain shingle containment `|A ∩ B| / min(|A|, |B|)`.
pub fn shingle_containment(a: &[u64], b: &[u64]) -> f64 {
    let min = a.len().min(b.len());
    if min == 0 {
        0.0
    } else {
        intersection_size(a, b) as f64 / min as f64
    }
}

/// The share of `a`'s tokens covered by shingles of `a` that `b` also has,
/// with gaps of fewer than `k` tokens between covered tokens bridged.
pub fn coverage(a: &ShingleProfile, b: &ShingleProfile, k: usize) -> f64 {
    if a.tokens == 0 || a.seq.is_empty() {
        return 0.0;
    }
    let width = if a.tokens < k { a.tokens } else { k };
    let mut covered = 0usize;
    // the covered interval being grown: [run_start, run_end)
    let mut run_start = 0usize;
    let mut run_end = 0usize;
    let mut in_run = false;
    for (i, h) in a.seq.iter().enumerate() {
        if b.set.binary_search(h).is_err() {
            continue;
        }
        let (s, e) = (i, i + width);
        if in_run && s <= run_end + (k - 1) {
            // overlapping, adjacent, or a bridgeable gap
            run_end = run_end.max(e);
        } else {
            if in_run {
                covered += run_end - run_start;
            }
            run_start = s;
            run_end = e;
            in_run = true;
        }
    }
    if in_run {
        covered += run_end - run_start;
    }
    covered as f64 / a.tokens as f64
}

/// The similarity of two documents under `measure` with shingle size `k`.
pub fn similarity(a: &ShingleProfile, b: &ShingleProfile, measure: Measure, k: usize) -> f64 {
    match measure {
        Measure::Jaccard => jaccard(&a.set, &b.set),
        Measure::Containment => coverage(a, b, k).max(coverage(b, a, k)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Tokenizer;
    use crate::shingle::shingle_hashes;

    fn profile(text: &str) -> ShingleProfile {
        let tokens = Tokenizer::default().tokens(text);
        let mut seq = Vec::new();
        shingle_hashes(&tokens, 5, 0, &mut seq);
        ShingleProfile::new(seq, tokens.len())
    }

    const STORY: &str = "Russian peacekeepers began leaving the Karabakh region on Wednesday, the Kremlin \
        spokesman told reporters in Moscow. The contingent of nearly two thousand troops had been deployed \
        after the ceasefire agreement signed three years ago. Officials in Baku welcomed the decision and said \
        the withdrawal would be completed within weeks. Residents of the area watched the convoys pass through \
        the main road toward the border crossing.";

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(shingle_containment(&[1, 2], &[1, 2, 3, 4]), 1.0);
    }

    #[test]
    fn identical_is_one() {
        let p = profile(STORY);
        assert_eq!(similarity(&p, &p, Measure::Jaccard, 5), 1.0);
        assert_eq!(similarity(&p, &p, Measure::Containment, 5), 1.0);
    }

    #[test]
    fn substituted_words_are_bridged() {
        let edited = STORY
            .replace("began leaving", "started leaving")
            .replace("nearly two thousand", "almost two thousand")
            .replace("welcomed", "praised")
            .replace("watched", "observed");
        let (a, b) = (profile(STORY), profile(&edited));
        let plain = shingle_containment(a.set(), b.set());
        let robust = similarity(&a, &b, Measure::Containment, 5);
        assert!(plain < 0.75, "plain containment {plain}");
        assert!(robust > 0.95, "coverage {robust}");
    }

    #[test]
    fn borrowed_paragraph_is_not_contained() {
        let other = "The city council met on Tuesday to discuss the new budget for schools and roads. \
            Members argued for hours about the cost of repairs to the old bridge over the river. \
            Officials in Baku welcomed the decision and said the withdrawal would be completed within weeks. \
            The mayor promised a vote next month after a public hearing in the town hall.";
        let c = similarity(&profile(STORY), &profile(other), Measure::Containment, 5);
        assert!(c < 0.4, "coverage {c}");
    }

    #[test]
    fn trimmed_copy_is_contained() {
        let trimmed = &STORY[..STORY.find(" Officials").unwrap()];
        let (a, b) = (profile(STORY), profile(trimmed));
        assert_eq!(similarity(&a, &b, Measure::Containment, 5), 1.0);
        assert!(similarity(&a, &b, Measure::Jaccard, 5) < 0.6);
    }

    #[test]
    fn short_documents() {
        let a = profile("hello world");
        let b = profile("hello world");
        let c = profile("goodbye world");
        assert_eq!(similarity(&a, &b, Measure::Containment, 5), 1.0);
        assert_eq!(similarity(&a, &c, Measure::Containment, 5), 0.0);
        assert_eq!(similarity(&profile(""), &profile(""), Measure::Jaccard, 5), 0.0);
    }

    proptest::proptest! {
        /// The branch-free merge counts what a set intersection counts,
        /// with sets that share some values, none, or one another's ends.
        #[test]
        fn intersection_size_equals_set_intersection(
            a in proptest::collection::btree_set(0u64..400, 0..120),
            b in proptest::collection::btree_set(0u64..400, 0..120),
            wide in proptest::bool::ANY,
        ) {
            let spread = |s: &std::collections::BTreeSet<u64>| -> Vec<u64> {
                s.iter().map(|&x| if wide { x.wrapping_mul(0x9E37_79B9_7F4A_7C15) } else { x }).collect()
            };
            let (mut a, mut b) = (spread(&a), spread(&b));
            a.sort_unstable();
            b.sort_unstable();
            let expected = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
            proptest::prop_assert_eq!(intersection_size(&a, &b), expected);
            proptest::prop_assert_eq!(intersection_size(&b, &a), expected);
        }
    }
}
