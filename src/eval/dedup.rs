//! Scoring dedup clusters against truth.
//!
//! **Truth** (JSON object; the dev set's `truth.json` is one):
//! * `clusters`: `[{"members": [ID, ...]}, ...]` (or bare arrays of ids):
//!   groups of duplicates;
//! * `pairs`: `[{"a": ID, "b": ID, "label": L}, ...]`: a pair is positive
//!   when `L` is `exact_duplicate`, `near_duplicate`, `duplicate`,
//!   `positive` or `true`; any other label is a labelled negative;
//! * `docs` (optional): every document id, as an object keyed by id or an
//!   array of ids.
//!
//! At least one of `clusters` and `pairs` must be present. The truth
//! clustering is the connected components of clusters and positive pairs
//! together (so transitive pairs are positives). Every pair of documents
//! not in one component is a negative.
//!
//! **Predictions**: `dedup --json` lines; only `members` is read, each
//! member an object with `id` or a bare id. A document reported in two
//! clusters joins them. Ids outside the document list are ignored (and
//! counted).
//!
//! **Documents**: the list from `--docs`, else the truth's `docs`, else
//! every id that the truth or the predictions name. Documents in no
//! cluster are singletons.
//!
//! **Metrics**: positives are pairs in one truth cluster, predictions
//! pairs in one predicted cluster; precision = true / predicted (0 when
//! nothing is predicted), recall = true / positive, F1, and the adjusted
//! Rand index (Hubert & Arabie) of the two partitions, 1 when both are
//! trivial.

use super::{format_error, load_json, load_jsonl};
use crate::cluster::UnionFind;
use crate::error::Result;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Truth for dedup: groups of duplicates and, optionally, the document list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DedupTruth {
    /// Groups of duplicate ids (clusters and positive pairs, not yet joined).
    pub groups: Vec<Vec<String>>,
    /// Every document id, when the truth lists them.
    pub docs: Option<Vec<String>>,
}

const POSITIVE: [&str; 5] = ["exact_duplicate", "near_duplicate", "duplicate", "positive", "true"];

impl DedupTruth {
    /// Read a truth file (see the module docs for the format).
    pub fn load(path: &Path) -> Result<DedupTruth> {
        let v = load_json(path)?;
        DedupTruth::from_json(&v).map_err(|m| format_error(path, None, m))
    }

    /// Truth from its JSON value.
    pub fn from_json(v: &Value) -> std::result::Result<DedupTruth, String> {
        let obj = v.as_object().ok_or("truth is not a JSON object")?;
        if !obj.contains_key("clusters") && !obj.contains_key("pairs") {
            return Err("truth has neither \"clusters\" nor \"pairs\"".into());
        }
        let mut groups = Vec::new();
        let ids = |v: &Value, what: &str| -> std::result::Result<Vec<String>, String> {
            let arr = v.as_array().ok_or(format!("{what} is not an array of ids"))?;
            arr.iter()
                .map(|x| x.as_str().map(str::to_string).ok_or(format!("{what}: {x} is not a string id")))
                .collect()
        };
        if let Some(cs) = obj.get("clusters") {
            for (i, c) in cs.as_array().ok_or("\"clusters\" is not an array")?.iter().enumerate() {
                let members = c.get("members").unwrap_or(c);
                groups.push(ids(members, &format!("clusters[{i}]"))?);
            }
        }
        if let Some(ps) = obj.get("pairs") {
            for (i, p) in ps.as_array().ok_or("\"pairs\" is not an array")?.iter().enumerate() {
                let id = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_string);
                let (Some(a), Some(b)) = (id("a"), id("b")) else {
                    return Err(format!("pairs[{i}] lacks string fields \"a\" and \"b\""));
                };
                let positive = match p.get("label") {
                    Some(Value::Bool(x)) => *x,
                    Some(Value::String(l)) => POSITIVE.contains(&l.as_str()),
                    _ => return Err(format!("pairs[{i}] has no \"label\"")),
                };
                if positive {
                    groups.push(vec![a, b]);
                }
            }
        }
        let docs = match obj.get("docs") {
            None => None,
            Some(Value::Object(m)) => Some(m.keys().cloned().collect()),
            Some(other) => Some(ids(other, "\"docs\"")?),
        };
        Ok(DedupTruth { groups, docs })
    }
}

/// Predicted clusters: each line's member ids.
pub fn load_predictions(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (line, rec) in load_jsonl(path)? {
        let Some(Value::Array(members)) = rec.get("members") else {
            return Err(format_error(path, Some(line), "no \"members\" array"));
        };
        let ids = members
            .iter()
            .map(|m| match m {
                Value::Object(o) => o.get("id").map(id_string).unwrap_or_default(),
                other => id_string(other),
            })
            .collect();
        out.push(ids);
    }
    Ok(out)
}

fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Dedup scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DedupScores {
    /// Documents scored.
    pub documents: usize,
    /// Pairs inside one truth cluster.
    pub truth_pairs: u64,
    /// Pairs inside one predicted cluster.
    pub predicted_pairs: u64,
    /// Pairs inside one truth cluster and one predicted cluster.
    pub true_pairs: u64,
    /// `true_pairs / predicted_pairs` (0 when nothing is predicted).
    pub precision: f64,
    /// `true_pairs / truth_pairs`.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Adjusted Rand index of the two partitions.
    pub ari: f64,
    /// Predicted ids that are not in the document list (ignored).
    pub unknown_ids: usize,
    /// Member entries of a document already reported in an earlier cluster.
    pub repeated_ids: usize,
}

/// Score predicted clusters against truth. `docs` is the document list
/// (see the module docs for where it comes from when `None`).
pub fn score(truth: &DedupTruth, predicted: &[Vec<String>], docs: Option<&[String]>) -> DedupScores {
    let ids: Vec<String> = match docs.or(truth.docs.as_deref()) {
        Some(d) => d.to_vec(),
        None => {
            let mut all: Vec<String> = truth.groups.iter().chain(predicted).flatten().cloned().collect();
            all.sort();
            all.dedup();
            all
        }
    };
    let index: HashMap<&str, u32> = ids.iter().enumerate().map(|(i, d)| (d.as_str(), i as u32)).collect();
    let n = ids.len();

    let labels = |groups: &[Vec<String>], repeated: &mut usize| -> Vec<u32> {
        let mut uf = UnionFind::new(n);
        let mut seen = vec![false; n];
        for g in groups {
            let known: Vec<u32> = g.iter().filter_map(|id| index.get(id.as_str()).copied()).collect();
            for &i in &known {
                *repeated += usize::from(seen[i as usize]);
                seen[i as usize] = true;
            }
            for w in known.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
        (0..n as u32).map(|i| uf.find(i)).collect()
    };
    let mut repeated = 0;
    let truth_labels = labels(&truth.groups, &mut 0);
    let pred_labels = labels(predicted, &mut repeated);
    // unknown ids counted once each, as the reference scorer reports them
    let mut unknown: Vec<&String> = predicted.iter().flatten().filter(|id| !index.contains_key(id.as_str())).collect();
    unknown.sort();
    unknown.dedup();

    let c2 = |k: u64| k * k.saturating_sub(1) / 2;
    let mut cont: HashMap<(u32, u32), u64> = HashMap::new();
    let mut a: HashMap<u32, u64> = HashMap::new();
    let mut b: HashMap<u32, u64> = HashMap::new();
    for i in 0..n {
        *cont.entry((truth_labels[i], pred_labels[i])).or_default() += 1;
        *a.entry(truth_labels[i]).or_default() += 1;
        *b.entry(pred_labels[i]).or_default() += 1;
    }
    let tp: u64 = cont.values().map(|&v| c2(v)).sum();
    let npos: u64 = a.values().map(|&v| c2(v)).sum();
    let npred: u64 = b.values().map(|&v| c2(v)).sum();
    let precision = super::ratio(tp, npred);
    let recall = super::ratio(tp, npos);
    DedupScores {
        documents: n,
        truth_pairs: npos,
        predicted_pairs: npred,
        true_pairs: tp,
        precision,
        recall,
        f1: super::f1(precision, recall),
        ari: adjusted_rand(tp, npos, npred, n as u64),
        unknown_ids: unknown.len(),
        repeated_ids: repeated,
    }
}

/// Adjusted Rand index from the pair counts: `index` pairs together in
/// both partitions, `sa` and `sb` together in each, `n` items.
pub fn adjusted_rand(index: u64, sa: u64, sb: u64, n: u64) -> f64 {
    let pairs = n * n.saturating_sub(1) / 2;
    let expected = if n > 1 { (u128::from(sa) * u128::from(sb)) as f64 / pairs as f64 } else { 0.0 };
    let max = (sa + sb) as f64 / 2.0;
    if max == expected {
        return 1.0;
    }
    (index as f64 - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Strategy;
    use serde_json::json;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn hand_computed_pairs_and_ari() {
        // docs a..f; truth {a,b,c} {d,e}; predicted {a,b} {c,d} (f alone in both)
        let truth = DedupTruth { groups: vec![s(&["a", "b", "c"]), s(&["d", "e"])], docs: None };
        let docs = s(&["a", "b", "c", "d", "e", "f"]);
        let r = score(&truth, &[s(&["a", "b"]), s(&["c", "d"])], Some(&docs));
        // positives: ab ac bc de = 4; predicted: ab cd = 2; true: ab = 1
        assert_eq!((r.truth_pairs, r.predicted_pairs, r.true_pairs), (4, 2, 1));
        assert_eq!(r.precision, 0.5);
        assert_eq!(r.recall, 0.25);
        assert!((r.f1 - 1.0 / 3.0).abs() < 1e-12);
        // ARI: index 1, sa 4, sb 2, C(6,2) = 15: expected 8/15, max 3
        let want = (1.0 - 8.0 / 15.0) / (3.0 - 8.0 / 15.0);
        assert!((r.ari - want).abs() < 1e-12, "{} vs {want}", r.ari);
    }

    #[test]
    fn perfect_and_empty_predictions() {
        let truth = DedupTruth { groups: vec![s(&["a", "b"])], docs: Some(s(&["a", "b", "c"])) };
        let r = score(&truth, &[s(&["b", "a"])], None);
        assert_eq!((r.precision, r.recall, r.f1, r.ari), (1.0, 1.0, 1.0, 1.0));
        let r = score(&truth, &[], None);
        assert_eq!((r.precision, r.recall, r.f1, r.ari), (0.0, 0.0, 0.0, 0.0));
        // both trivial: ARI is 1 by convention
        let none = DedupTruth { groups: vec![], docs: Some(s(&["a", "b"])) };
        assert_eq!(score(&none, &[], None).ari, 1.0);
    }

    #[test]
    fn transitive_links_unknown_and_repeated_ids() {
        // a doc reported twice joins two clusters: {a,b,c} predicted
        let truth = DedupTruth { groups: vec![s(&["a", "b"]), s(&["b", "c"])], docs: Some(s(&["a", "b", "c", "d"])) };
        let r = score(&truth, &[s(&["a", "b"]), s(&["b", "c", "zz"])], None);
        assert_eq!((r.truth_pairs, r.predicted_pairs, r.true_pairs), (3, 3, 3));
        assert_eq!((r.unknown_ids, r.repeated_ids), (1, 1));
    }

    /// Naive oracle: count pairs by enumerating every pair of documents.
    fn brute_force(truth: &[u32], pred: &[u32]) -> (u64, u64, u64) {
        let (mut pos, mut predicted, mut tp) = (0, 0, 0);
        for i in 0..truth.len() {
            for j in i + 1..truth.len() {
                let (t, p) = (truth[i] == truth[j], pred[i] == pred[j]);
                pos += u64::from(t);
                predicted += u64::from(p);
                tp += u64::from(t && p);
            }
        }
        (pos, predicted, tp)
    }

    fn groups_of(labels: &[u32]) -> Vec<Vec<String>> {
        let mut by: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        for (i, &l) in labels.iter().enumerate() {
            by.entry(l).or_default().push(format!("d{i}"));
        }
        by.into_values().filter(|g| g.len() > 1).collect()
    }

    proptest::proptest! {
        #[test]
        fn pair_counts_match_brute_force(
            (truth, pred) in (1usize..30).prop_flat_map(|n| (
                proptest::collection::vec(0u32..6, n),
                proptest::collection::vec(0u32..6, n),
            ))
        ) {
            let docs: Vec<String> = (0..truth.len()).map(|i| format!("d{i}")).collect();
            let t = DedupTruth { groups: groups_of(&truth), docs: None };
            let r = score(&t, &groups_of(&pred), Some(&docs));
            proptest::prop_assert_eq!((r.truth_pairs, r.predicted_pairs, r.true_pairs), brute_force(&truth, &pred));
            proptest::prop_assert!(r.ari <= 1.0 + 1e-12);
            // identical partitions score 1 everywhere they are defined
            let same = score(&t, &groups_of(&truth), Some(&docs));
            proptest::prop_assert!((same.ari - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn truth_formats() {
        let t = DedupTruth::from_json(&json!({
            "clusters": [{"id": "c1", "members": ["a", "b"]}, ["c", "d"]],
            "pairs": [
                {"a": "e", "b": "f", "label": "near_duplicate"},
                {"a": "a", "b": "e", "label": "partial_reuse"},
                {"a": "g", "b": "h", "label": true}
            ],
            "docs": {"a": {}, "b": {}}
        }))
        .unwrap();
        assert_eq!(t.groups, vec![s(&["a", "b"]), s(&["c", "d"]), s(&["e", "f"]), s(&["g", "h"])]);
        assert_eq!(t.docs, Some(s(&["a", "b"])));
        assert!(DedupTruth::from_json(&json!({"docs": []})).is_err());
        assert!(DedupTruth::from_json(&json!({"pairs": [{"a": "x"}]})).is_err());
        // without a document list, every named id counts
        let r = score(&DedupTruth { groups: vec![s(&["a", "b"])], docs: None }, &[s(&["c", "d"])], None);
        assert_eq!((r.documents, r.true_pairs), (4, 0));
        // index 0, sa 1, sb 1, C(4,2) = 6: (0 - 1/6) / (1 - 1/6)
        assert!((r.ari + 0.2).abs() < 1e-12, "{}", r.ari);
    }
}
