//! Clusters: union-find over verified pairs, a representative per
//! cluster, and (with [`Linkage::Centers`]) the split of a component into
//! clusters around centers.
//!
//! The union-find always makes the smaller index the root, so components
//! and their order depend only on the set of pairs, never on the order they
//! were merged in (and so never on the thread count).

use serde::{Deserialize, Serialize};

/// Disjoint sets over `0..n` with path halving.
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect() }
    }

    /// The root of `x`'s set (the smallest member index).
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Merge the sets of `a` and `b`; true when they were apart.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi as usize] = lo;
        true
    }

    /// Components with at least `min_size` members, each sorted, ordered by
    /// their smallest member.
    pub fn components(&mut self, min_size: usize) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut by_root: Vec<Vec<u32>> = vec![Vec::new(); n];
        for x in 0..n as u32 {
            let r = self.find(x);
            by_root[r as usize].push(x);
        }
        by_root.into_iter().filter(|c| !c.is_empty() && c.len() >= min_size).collect()
    }
}

/// Which member represents (is kept for) a cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// The first in input order.
    #[default]
    First,
    /// The earliest by the date field (documents without a date come after
    /// dated ones); ties by input order.
    Earliest,
    /// The longest text (in bytes); ties by input order.
    Longest,
}

/// How connected near-duplicates become clusters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Linkage {
    /// A cluster is a connected component of the verified pairs (single
    /// linkage): A ~ B and B ~ C put A, B and C in one cluster even when A
    /// and C are below the threshold.
    #[default]
    Components,
    /// Each component is split around centers: the representative the keep
    /// policy picks, and every other member verified at or above the
    /// threshold against it; the rest is split again the same way. Every
    /// removed document is then at or above the threshold to the document
    /// kept for it.
    Centers,
}

/// Split one component around centers ([`Linkage::Centers`]): repeatedly
/// take the representative of the members left (by `keep`) and every member
/// left that `similar` to it. Returns `(center, members)` groups, members
/// sorted, groups in the order they were taken; singletons included.
pub fn split_around_centers(
    members: &[MemberInfo<'_>],
    keep: Keep,
    mut similar: impl FnMut(u32, u32) -> bool,
) -> Vec<(u32, Vec<u32>)> {
    let mut left: Vec<MemberInfo<'_>> = members.to_vec();
    let mut out = Vec::new();
    while !left.is_empty() {
        let center = representative(&left, keep);
        let (mut taken, rest): (Vec<MemberInfo<'_>>, Vec<MemberInfo<'_>>) =
            left.into_iter().partition(|m| m.index == center || similar(center, m.index));
        taken.sort_unstable_by_key(|m| m.index);
        out.push((center, taken.iter().map(|m| m.index).collect()));
        left = rest;
    }
    out
}

/// What [`representative`] needs to know of a member.
#[derive(Clone, Copy, Debug)]
pub struct MemberInfo<'a> {
    /// Input-order index.
    pub index: u32,
    /// The date field, if any.
    pub date: Option<&'a str>,
    /// Text length in bytes.
    pub len: usize,
}

/// The representative of a cluster under a policy.
pub fn representative(members: &[MemberInfo<'_>], keep: Keep) -> u32 {
    let best = match keep {
        Keep::First => members.iter().min_by_key(|m| m.index),
        Keep::Earliest => members.iter().min_by(|a, b| {
            // dated before undated, then by date, then by input order
            (a.date.is_none(), a.date, a.index).cmp(&(b.date.is_none(), b.date, b.index))
        }),
        Keep::Longest => members.iter().min_by(|a, b| (b.len, a.index).cmp(&(a.len, b.index))),
    };
    best.expect("a cluster has members").index
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn components_sorted_and_filtered() {
        let mut uf = UnionFind::new(6);
        uf.union(4, 1);
        uf.union(5, 3);
        uf.union(3, 1);
        assert_eq!(uf.components(2), vec![vec![1, 3, 4, 5]]);
        assert_eq!(uf.components(1).len(), 3);
    }

    #[test]
    fn centers_split_a_chain() {
        // 0 ~ 1 ~ 2 ~ 3 is a chain: 0 keeps 1, then 2 keeps 3
        let m: Vec<MemberInfo<'_>> = (0..4).map(|i| MemberInfo { index: i, date: None, len: 10 }).collect();
        let near = |a: u32, b: u32| a.abs_diff(b) == 1;
        assert_eq!(split_around_centers(&m, Keep::First, near), vec![(0, vec![0, 1]), (2, vec![2, 3])]);
        // the longest as center takes both its neighbours
        let mut m = m;
        m[2].len = 99;
        assert_eq!(split_around_centers(&m, Keep::Longest, near), vec![(2, vec![1, 2, 3]), (0, vec![0])]);
    }

    #[test]
    fn keep_policies() {
        let m = [
            MemberInfo { index: 3, date: Some("2024-05-01"), len: 10 },
            MemberInfo { index: 5, date: Some("2024-04-17"), len: 30 },
            MemberInfo { index: 7, date: None, len: 30 },
        ];
        assert_eq!(representative(&m, Keep::First), 3);
        assert_eq!(representative(&m, Keep::Earliest), 5);
        assert_eq!(representative(&m, Keep::Longest), 5);
        let undated = [MemberInfo { index: 2, date: None, len: 1 }, MemberInfo { index: 1, date: None, len: 1 }];
        assert_eq!(representative(&undated, Keep::Earliest), 1);
    }

    fn bfs_components(n: usize, pairs: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in pairs {
            adj[a as usize].push(b);
            adj[b as usize].push(a);
        }
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        for s in 0..n {
            if seen[s] {
                continue;
            }
            let mut comp = vec![s as u32];
            seen[s] = true;
            let mut i = 0;
            while i < comp.len() {
                for &y in &adj[comp[i] as usize] {
                    if !seen[y as usize] {
                        seen[y as usize] = true;
                        comp.push(y);
                    }
                }
                i += 1;
            }
            comp.sort();
            out.push(comp);
        }
        out
    }

    proptest! {
        /// Union-find agrees with breadth-first search, whatever the order
        /// of the pairs.
        #[test]
        fn matches_bfs(n in 1usize..40, raw in proptest::collection::vec((0u32..40, 0u32..40), 0..60)) {
            let pairs: Vec<(u32, u32)> = raw.into_iter().map(|(a, b)| (a % n as u32, b % n as u32)).collect();
            let mut uf = UnionFind::new(n);
            for &(a, b) in pairs.iter().rev() {
                uf.union(a, b);
            }
            prop_assert_eq!(uf.components(1), bfs_components(n, &pairs));
        }
    }
}
