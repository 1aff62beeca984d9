//! Half-open byte intervals `[start, end)`: unions, intersections,
//! differences, and counts of non-whitespace bytes. The scorers count only
//! non-whitespace bytes, because separators between pasted pieces have no
//! source.

/// An interval `[start, end)` of byte offsets.
pub type Interval = (usize, usize);

/// The sorted, disjoint union of `iv`; empty intervals are dropped and
/// touching ones merged.
pub fn union(mut iv: Vec<Interval>) -> Vec<Interval> {
    iv.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(iv.len());
    for (s, e) in iv {
        if e <= s {
            continue;
        }
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The intersection of two unions (sorted, disjoint).
pub fn intersect(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let (s, e) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if s < e {
            out.push((s, e));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// `a` minus `b` (both unions).
pub fn subtract(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for &(s, e) in a {
        let mut cur = s;
        for &(bs, be) in b {
            if be <= cur || bs >= e {
                continue;
            }
            if bs > cur {
                out.push((cur, bs));
            }
            cur = cur.max(be);
        }
        if cur < e {
            out.push((cur, e));
        }
    }
    out
}

/// ASCII whitespace as Python's `bytes.strip()` sees it.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c)
}

/// Prefix counts of non-whitespace bytes of one text, for counting bytes
/// of interval lists in constant time per interval.
#[derive(Clone, Debug)]
pub struct NonSpace(Vec<u32>);

impl NonSpace {
    /// Prefix counts of `text`.
    pub fn new(text: &[u8]) -> NonSpace {
        let mut v = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        v.push(0);
        for &b in text {
            n += u32::from(!is_space(b));
            v.push(n);
        }
        NonSpace(v)
    }

    /// Non-whitespace bytes in the intervals (summed; overlaps count twice).
    pub fn count(&self, iv: &[Interval]) -> u64 {
        iv.iter().map(|&(s, e)| u64::from(self.0[e] - self.0[s])).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_algebra() {
        assert_eq!(union(vec![(5, 7), (0, 2), (2, 3), (4, 4), (6, 9)]), vec![(0, 3), (5, 9)]);
        assert_eq!(intersect(&[(0, 3), (5, 9)], &[(2, 6), (8, 20)]), vec![(2, 3), (5, 6), (8, 9)]);
        assert_eq!(subtract(&[(0, 10)], &[(2, 3), (5, 6)]), vec![(0, 2), (3, 5), (6, 10)]);
        assert_eq!(subtract(&[(0, 3), (5, 9)], &[(0, 9)]), vec![]);
        let ns = NonSpace::new(b"ab cd\n e");
        assert_eq!(ns.count(&[(0, 8)]), 5);
        assert_eq!(ns.count(&[(1, 4), (6, 8)]), 3);
    }
}
