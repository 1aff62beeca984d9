//! Half-open byte intervals `[start, end)`: unions, intersections,
//! differences, and counts of non-whitespace bytes. The scorers count only
//! non-whitespace bytes, because separators between pasted pieces have no
//! source.

use crate::corpus::ByteSpan;

/// An interval `[start, end)` of byte offsets: the crate's one span type.
pub type Interval = ByteSpan;

/// The sorted, disjoint union of `iv`; empty intervals are dropped and
/// touching ones merged.
pub fn union(mut iv: Vec<Interval>) -> Vec<Interval> {
    iv.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(iv.len());
    for x in iv {
        if x.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if x.start <= last.end => last.end = last.end.max(x.end),
            _ => out.push(x),
        }
    }
    out
}

/// The intersection of two unions (sorted, disjoint).
pub fn intersect(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let (s, e) = (a[i].start.max(b[j].start), a[i].end.min(b[j].end));
        if s < e {
            out.push(ByteSpan { start: s, end: e });
        }
        if a[i].end < b[j].end {
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
    for x in a {
        let mut cur = x.start;
        for y in b {
            if y.end <= cur || y.start >= x.end {
                continue;
            }
            if y.start > cur {
                out.push(ByteSpan { start: cur, end: y.start });
            }
            cur = cur.max(y.end);
        }
        if cur < x.end {
            out.push(ByteSpan { start: cur, end: x.end });
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
        iv.iter().map(|x| u64::from(self.0[x.end as usize] - self.0[x.start as usize])).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[(usize, usize)]) -> Vec<Interval> {
        v.iter().map(|&(s, e)| ByteSpan::new(s, e)).collect()
    }

    #[test]
    fn interval_algebra() {
        assert_eq!(union(spans(&[(5, 7), (0, 2), (2, 3), (4, 4), (6, 9)])), spans(&[(0, 3), (5, 9)]));
        assert_eq!(intersect(&spans(&[(0, 3), (5, 9)]), &spans(&[(2, 6), (8, 20)])), spans(&[(2, 3), (5, 6), (8, 9)]));
        assert_eq!(subtract(&spans(&[(0, 10)]), &spans(&[(2, 3), (5, 6)])), spans(&[(0, 2), (3, 5), (6, 10)]));
        assert_eq!(subtract(&spans(&[(0, 3), (5, 9)]), &spans(&[(0, 9)])), vec![]);
        let ns = NonSpace::new(b"ab cd\n e");
        assert_eq!(ns.count(&spans(&[(0, 8)])), 5);
        assert_eq!(ns.count(&spans(&[(1, 4), (6, 8)])), 3);
    }
}
