//! Scoring passage clusters against truth copy spans.
//!
//! **Truth**: a JSON object with `spans`, one per piece of a derived
//! document's text that came from a source document:
//! `{"doc": ID, "b": [B, B], "src": ID, "src_b": [B, B], "exact": BOOL}`
//! (UTF-8 byte ranges; `exact` defaults to true), and `docs`: per id an
//! object whose `derived` says whether the document is derived (without
//! `docs`, the documents that have spans are the derived ones). The dev
//! set's `truth.json` is one. The document texts come from `--docs`.
//!
//! **Predictions**: `passages --json` lines; `members` is read, each
//! `{"id": ID, "start": B, "end": B}` (byte offsets; checked against the
//! text).
//!
//! **Links**: consecutive exact pieces of one document from one source are
//! merged when only whitespace separates them in both texts; links of fewer
//! than `min_words` words (default 8) are dropped. Edited pieces
//! (`exact: false`) are links of their own: *edited* when their case-folded
//! words differ from the source range's, else restyled (scored nowhere).
//!
//! **Metrics** (whitespace bytes are never counted):
//! * a link (copy range C in D, source S) is *found* when the member spans
//!   in D of the clusters that also contain S cover ≥ 50 % of C;
//!   `span_recall` = found / links, `recall` = covered bytes / link bytes;
//! * `edited_recall` and `edited_unit_recall`: the same test on edited
//!   links, by all such clusters together, or by one cluster alone;
//! * `precision` = correct / judged bytes of member spans. In a derived
//!   document a byte copied from R is correct when R is in the cluster (or
//!   another derived member copied the same bytes of R); in a real document
//!   a byte is correct when a derived member copied it from there. Other
//!   bytes are unjudged when they lie in a 5-word (ASCII words) shingle that
//!   another member's spans also have, else wrong. Clusters with no derived
//!   member are judged that way throughout.

use super::spans::{intersect, subtract, union, Interval, NonSpace};
use super::words::{ascii_words, count_words, folded_words};
use super::{format_error, load_json, load_jsonl, offset, offset_pair, DocTexts};
use crate::corpus::ByteSpan;
use crate::error::Result;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One truth piece: `doc[s..e]` came from `src[ss..se]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Piece {
    /// Start in the copying document.
    pub s: usize,
    /// End in the copying document.
    pub e: usize,
    /// Source document id.
    pub src: String,
    /// Start in the source.
    pub ss: usize,
    /// End in the source.
    pub se: usize,
    /// A verbatim copy.
    pub exact: bool,
}

/// Truth for passages.
#[derive(Clone, Debug, Default)]
pub struct PassageTruth {
    /// Pieces per copying document, sorted.
    pub pieces: HashMap<String, Vec<Piece>>,
    /// Derived documents.
    pub derived: HashSet<String>,
}

impl PassageTruth {
    /// Read a truth file (see the module docs).
    pub fn load(path: &Path) -> Result<PassageTruth> {
        let v = load_json(path)?;
        PassageTruth::from_json(&v).map_err(|m| format_error(path, None, m))
    }

    /// Truth from its JSON value.
    pub fn from_json(v: &Value) -> std::result::Result<PassageTruth, String> {
        let spans = v.get("spans").and_then(Value::as_array).ok_or("truth has no \"spans\" array")?;
        let mut pieces: HashMap<String, Vec<Piece>> = HashMap::new();
        for (i, sp) in spans.iter().enumerate() {
            let bad = || format!("spans[{i}] needs doc, b, src and src_b");
            let doc = sp.get("doc").and_then(Value::as_str).ok_or_else(bad)?;
            let (s, e) = offset_pair(sp.get("b")).ok_or_else(bad)?;
            let src = sp.get("src").and_then(Value::as_str).ok_or_else(bad)?;
            let (ss, se) = offset_pair(sp.get("src_b")).ok_or_else(bad)?;
            let exact = match sp.get("exact") {
                Some(x) => x.as_bool().unwrap_or(false),
                None => sp.get("src_end").is_some_and(|x| !x.is_null()),
            };
            pieces.entry(doc.to_string()).or_default().push(Piece { s, e, src: src.to_string(), ss, se, exact });
        }
        for p in pieces.values_mut() {
            p.sort();
        }
        let derived = match v.get("docs").and_then(Value::as_object) {
            Some(m) => m
                .iter()
                .filter(|(_, meta)| meta.get("derived").is_some_and(|d| d.as_bool().unwrap_or(!d.is_null())))
                .map(|(id, _)| id.clone())
                .collect(),
            None => pieces.keys().cloned().collect(),
        };
        Ok(PassageTruth { pieces, derived })
    }
}

/// A predicted passage cluster: member spans `(doc, start, end)`.
pub type PassageCluster = Vec<(String, usize, usize)>;

/// Read `passages --json` output, checking every span against the texts.
pub fn load_predictions(path: &Path, docs: &DocTexts) -> Result<Vec<PassageCluster>> {
    let mut out = Vec::new();
    for (line, rec) in load_jsonl(path)? {
        let Some(Value::Array(members)) = rec.get("members") else {
            return Err(format_error(path, Some(line), "no \"members\" array"));
        };
        let mut c = Vec::new();
        for m in members {
            let (Some(id), Some(s), Some(e)) =
                (m.get("id").and_then(Value::as_str), offset(m.get("start")), offset(m.get("end")))
            else {
                return Err(format_error(path, Some(line), "a member lacks id/start/end"));
            };
            let Some(text) = docs.bytes(id) else {
                return Err(format_error(path, Some(line), format!("unknown document id {id:?}")));
            };
            if s > e || e > text.len() {
                return Err(format_error(
                    path,
                    Some(line),
                    format!("span [{s},{e}) outside document {id:?} of {} bytes", text.len()),
                ));
            }
            c.push((id.to_string(), s, e));
        }
        out.push(c);
    }
    Ok(out)
}

/// Passage scores (the reference scorer's RESULT fields).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageScores {
    /// Correct / judged bytes.
    pub precision: f64,
    /// Covered / total bytes of exact links.
    pub recall: f64,
    /// Of precision and (byte) recall.
    pub f1: f64,
    /// Found / exact links.
    pub span_recall: f64,
    /// Exact links scored.
    pub links: u64,
    /// Edited links found by the clusters containing their source.
    pub edited_recall: f64,
    /// Edited links found by one cluster alone.
    pub edited_unit_recall: f64,
    /// Edited links scored.
    pub edited_links: u64,
    /// Covered / total bytes of edited links.
    pub edited_byte_recall: f64,
    /// Bytes judged correct.
    pub correct_bytes: u64,
    /// Bytes judged.
    pub judged_bytes: u64,
    /// Bytes left unjudged (shared with another member, no provenance).
    pub unjudged_bytes: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkKind {
    Exact,
    Edited,
    Restyled,
}

struct Link {
    d: String,
    s: usize,
    e: usize,
    src: String,
    kind: LinkKind,
}

fn text<'a>(docs: &'a DocTexts, id: &str) -> std::result::Result<&'a [u8], String> {
    docs.bytes(id).ok_or_else(|| format!("truth names document {id:?}, which is not in the documents"))
}

fn build_links(truth: &PassageTruth, docs: &DocTexts, min_words: usize) -> std::result::Result<Vec<Link>, String> {
    let blank = |b: &[u8]| b.iter().all(|&c| super::spans::is_space(c));
    let mut out = Vec::new();
    let mut ids: Vec<&String> = truth.pieces.keys().collect();
    ids.sort();
    for d in ids {
        let tb = text(docs, d)?;
        // (s, e, src, ss, se, edited piece)
        let mut links: Vec<(usize, usize, &str, usize, usize, bool)> = Vec::new();
        let mut cur: Option<(usize, usize, &str, usize, usize, bool)> = None;
        for p in &truth.pieces[d] {
            let src_text = text(docs, &p.src)?;
            if p.s > p.e || p.e > tb.len() || p.ss > p.se || p.se > src_text.len() {
                return Err(format!("span of {d:?} from {:?} lies outside the texts", p.src));
            }
            if !p.exact {
                links.extend(cur.take());
                links.push((p.s, p.e, &p.src, p.ss, p.se, true));
                continue;
            }
            match cur {
                Some((cs, ce, csrc, css, cse, _))
                    if csrc == p.src
                        && p.s >= ce
                        && p.ss >= cse
                        && blank(&tb[ce..p.s])
                        && blank(&src_text[cse..p.ss]) =>
                {
                    cur = Some((cs, p.e, csrc, css, p.se, false));
                }
                _ => {
                    links.extend(cur.take());
                    cur = Some((p.s, p.e, &p.src, p.ss, p.se, false));
                }
            }
        }
        links.extend(cur);
        for (s, e, src, ss, se, edited) in links {
            if count_words(&tb[s..e]) < min_words {
                continue;
            }
            let kind = if !edited {
                LinkKind::Exact
            } else if folded_words(&tb[s..e]) != folded_words(&text(docs, src)?[ss..se]) {
                LinkKind::Edited
            } else {
                LinkKind::Restyled
            };
            out.push(Link { d: d.clone(), s, e, src: src.to_string(), kind });
        }
    }
    Ok(out)
}

/// Per cluster: document → union of its member spans.
type ClusterSpans = Vec<HashMap<String, Vec<Interval>>>;

/// Score passage clusters against truth (see the module docs). Fails when
/// the truth names a document that `docs` lacks, or a span outside a text.
pub fn score(
    truth: &PassageTruth,
    docs: &DocTexts,
    clusters: &[PassageCluster],
    min_words: usize,
) -> Result<PassageScores> {
    let links = build_links(truth, docs, min_words).map_err(|m| format_error(Path::new("truth spans"), None, m))?;
    let mut nonspace: HashMap<&str, NonSpace> = HashMap::new();
    for id in &docs.ids {
        nonspace.insert(id, NonSpace::new(docs.bytes(id).unwrap_or_default()));
    }
    let nw = |d: &str, iv: &[Interval]| nonspace.get(d).map_or(0, |n| n.count(iv));

    // source coverage of each derived doc: (D, R) -> union of source ranges D copied from R
    let mut srccov: HashMap<(&str, &str), Vec<Interval>> = HashMap::new();
    for (d, ps) in &truth.pieces {
        for p in ps {
            srccov.entry((d.as_str(), p.src.as_str())).or_default().push(ByteSpan::new(p.ss, p.se));
        }
    }
    for v in srccov.values_mut() {
        *v = union(std::mem::take(v));
    }

    let spans_in: ClusterSpans = clusters
        .iter()
        .map(|c| {
            let mut m: HashMap<String, Vec<Interval>> = HashMap::new();
            for (d, s, e) in c {
                m.entry(d.clone()).or_default().push(ByteSpan::new(*s, *e));
            }
            m.into_iter().map(|(d, v)| (d, union(v))).collect()
        })
        .collect();
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ci, m) in spans_in.iter().enumerate() {
        for d in m.keys() {
            by_doc.entry(d).or_default().push(ci);
        }
    }
    for v in by_doc.values_mut() {
        v.sort_unstable();
    }

    // ---- recall
    let (mut tot_n, mut found_n, mut tot_b, mut cov_b) = (0u64, 0u64, 0u64, 0u64);
    let (mut ed_n, mut ed_found, mut ed_unit, mut ed_b, mut ed_cov) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for l in &links {
        let len = nw(&l.d, &[ByteSpan::new(l.s, l.e)]);
        let mut cov_all = Vec::new();
        let mut best1 = 0;
        for &ci in by_doc.get(l.d.as_str()).map_or(&[][..], |v| v) {
            if spans_in[ci].contains_key(&l.src) {
                let iv = intersect(&spans_in[ci][&l.d], &[ByteSpan::new(l.s, l.e)]);
                best1 = best1.max(nw(&l.d, &iv));
                cov_all.extend(iv);
            }
        }
        let c = nw(&l.d, &union(cov_all));
        let found = len > 0 && 2 * c >= len;
        let unit = len > 0 && 2 * best1 >= len;
        match l.kind {
            LinkKind::Exact => {
                tot_n += 1;
                tot_b += len;
                cov_b += c;
                found_n += u64::from(found);
            }
            LinkKind::Edited => {
                ed_n += 1;
                ed_b += len;
                ed_cov += c;
                ed_found += u64::from(found);
                ed_unit += u64::from(unit);
            }
            LinkKind::Restyled => {}
        }
    }

    // ---- precision over judged bytes
    let (mut correct, mut judged, mut unjudged) = (0u64, 0u64, 0u64);
    for (ci, members) in spans_in.iter().enumerate() {
        let shared = shared_shingles(&spans_in[ci], docs);
        let has_derived = members.keys().any(|m| truth.derived.contains(m));
        let mut unsupported = |x: &str, iv: &[Interval], judged: &mut u64| {
            if nw(x, iv) == 0 {
                return;
            }
            let sh = shared.get(x).map_or(&[][..], |v| v);
            unjudged += nw(x, &intersect(iv, sh));
            *judged += nw(x, &subtract(iv, sh));
        };
        let mut xs: Vec<&String> = members.keys().collect();
        xs.sort();
        for x in xs {
            let iv = &members[x];
            if !has_derived {
                unsupported(x, iv, &mut judged);
                continue;
            }
            if truth.derived.contains(x) {
                let mut inserted = iv.clone();
                for p in truth.pieces.get(x).map_or(&[][..], |v| v) {
                    let ov = intersect(iv, &[ByteSpan::new(p.s, p.e)]);
                    if ov.is_empty() {
                        continue;
                    }
                    inserted = subtract(&inserted, &ov);
                    if members.contains_key(&p.src) && p.src != *x {
                        let n = nw(x, &ov);
                        correct += n;
                        judged += n;
                        continue;
                    }
                    let others = union(
                        members
                            .keys()
                            .filter(|y| *y != x && truth.derived.contains(*y))
                            .filter_map(|y| srccov.get(&(y.as_str(), p.src.as_str())))
                            .flatten()
                            .copied()
                            .collect(),
                    );
                    let good: Vec<Interval> = if !others.is_empty() && p.exact {
                        // map the overlap to source bytes, keep the part another copy covers
                        let mapped = union(
                            ov.iter()
                                .map(|o| ByteSpan::new(p.ss + (o.start as usize - p.s), p.ss + (o.end as usize - p.s)))
                                .collect(),
                        );
                        intersect(&mapped, &others)
                            .into_iter()
                            .map(|g| ByteSpan::new(p.s + (g.start as usize - p.ss), p.s + (g.end as usize - p.ss)))
                            .collect()
                    } else if !others.is_empty() && !intersect(&[ByteSpan::new(p.ss, p.se)], &others).is_empty() {
                        ov.clone()
                    } else {
                        Vec::new()
                    };
                    let n = nw(x, &good);
                    correct += n;
                    judged += n;
                    unsupported(x, &subtract(&ov, &good), &mut judged);
                }
                unsupported(x, &inserted, &mut judged);
            } else {
                let sup = union(
                    members
                        .keys()
                        .filter(|y| truth.derived.contains(*y))
                        .filter_map(|y| srccov.get(&(y.as_str(), x.as_str())))
                        .flatten()
                        .copied()
                        .collect(),
                );
                let ok = intersect(iv, &sup);
                let n = nw(x, &ok);
                correct += n;
                judged += n;
                unsupported(x, &subtract(iv, &ok), &mut judged);
            }
        }
    }
    let precision = super::ratio(correct, judged);
    let recall = super::ratio(cov_b, tot_b);
    Ok(PassageScores {
        precision,
        recall,
        f1: super::f1(precision, recall),
        span_recall: super::ratio(found_n, tot_n),
        links: tot_n,
        edited_recall: super::ratio(ed_found, ed_n),
        edited_unit_recall: super::ratio(ed_unit, ed_n),
        edited_links: ed_n,
        edited_byte_recall: ed_cov as f64 / ed_b.max(1) as f64,
        correct_bytes: correct,
        judged_bytes: judged,
        unjudged_bytes: unjudged,
    })
}

/// For each member of a cluster, the byte intervals of its member text
/// covered by a 5-word shingle (ASCII words, lower-cased, inside one
/// member span) that another member also has.
fn shared_shingles(members: &HashMap<String, Vec<Interval>>, docs: &DocTexts) -> HashMap<String, Vec<Interval>> {
    // (member, [(shingle key, start, end)])
    type Shingles = Vec<(String, usize, usize)>;
    let mut per: Vec<(&String, Shingles)> = Vec::new();
    let mut count: HashMap<String, usize> = HashMap::new();
    for (y, iv) in members {
        let text = docs.bytes(y).unwrap_or_default();
        let mut sh = Vec::new();
        for x in iv {
            let s = x.start as usize;
            let w = ascii_words(&text[x.range()]);
            for i in 0..w.len().saturating_sub(4) {
                let key = w[i..i + 5].iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join(" ");
                sh.push((key, s + w[i].1, s + w[i + 4].2));
            }
        }
        let distinct: HashSet<&String> = sh.iter().map(|t| &t.0).collect();
        for k in distinct {
            *count.entry(k.clone()).or_default() += 1;
        }
        per.push((y, sh));
    }
    per.into_iter()
        .map(|(y, sh)| {
            let iv = sh.into_iter().filter(|t| count[&t.0] > 1).map(|t| ByteSpan::new(t.1, t.2)).collect();
            (y.clone(), union(iv))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const R1: &str = "alpha beta gamma delta epsilon zeta eta theta iota kappa"; // 47 non-space bytes

    fn docs(list: &[(&str, &str)]) -> DocTexts {
        DocTexts {
            ids: list.iter().map(|d| d.0.to_string()).collect(),
            texts: list.iter().map(|d| (d.0.to_string(), d.1.to_string())).collect(),
        }
    }

    fn member(id: &str, s: usize, e: usize) -> (String, usize, usize) {
        (id.to_string(), s, e)
    }

    #[test]
    fn exact_copy_with_an_inserted_prefix() {
        let d1 = format!("PREFIX {R1}");
        let docs = docs(&[("r1", R1), ("d1", &d1)]);
        let truth = PassageTruth::from_json(&json!({
            "spans": [{"doc": "d1", "b": [7, 7 + R1.len()], "src": "r1", "src_b": [0, R1.len()], "exact": true}],
            "docs": {"r1": {"derived": false}, "d1": {"derived": true}}
        }))
        .unwrap();
        let clusters = vec![vec![member("r1", 0, R1.len()), member("d1", 0, d1.len())]];
        let s = score(&truth, &docs, &clusters, 8).unwrap();
        // copied bytes correct in both documents (47 + 47); "PREFIX" (6) is shared with no one: wrong
        assert_eq!((s.correct_bytes, s.judged_bytes, s.unjudged_bytes), (94, 100, 0));
        assert_eq!(s.precision, 0.94);
        assert_eq!((s.recall, s.span_recall, s.links), (1.0, 1.0, 1));
        // nothing reported: recall 0, precision 0
        let s = score(&truth, &docs, &[], 8).unwrap();
        assert_eq!((s.precision, s.recall, s.links), (0.0, 0.0, 1));
        // with min_words above the copy's 10 words the link is not scored
        assert_eq!(score(&truth, &docs, &clusters, 11).unwrap().links, 0);
    }

    #[test]
    fn edited_restyled_and_split_copies() {
        let d2 = "alpha beta gamma delta epsilon zeta eta theta iota lambda"; // 48 non-space bytes
        let d3 = R1.to_uppercase();
        let docs = docs(&[("r1", R1), ("d2", d2), ("d3", &d3)]);
        let n = R1.len();
        let truth = PassageTruth::from_json(&json!({
            "spans": [
                {"doc": "d2", "b": [0, d2.len()], "src": "r1", "src_b": [0, n], "exact": false},
                {"doc": "d3", "b": [0, n], "src": "r1", "src_b": [0, n], "exact": false}
            ],
            "docs": {"r1": {"derived": false}, "d2": {"derived": true}, "d3": {"derived": true}}
        }))
        .unwrap();
        // d2 in three pieces of 14, 16 and 18 non-space bytes, each with its source
        let clusters: Vec<PassageCluster> = [(0, 16), (16, 37), (37, d2.len())]
            .iter()
            .map(|&(s, e)| vec![member("r1", 0, n), member("d2", s, e)])
            .collect();
        let s = score(&truth, &docs, &clusters, 8).unwrap();
        // d3 differs only in case: not scored; d2 is an edited link
        assert_eq!((s.links, s.edited_links), (0, 1));
        assert_eq!((s.edited_recall, s.edited_unit_recall, s.edited_byte_recall), (1.0, 0.0, 1.0));
        // one cluster alone covering 29 of 48 bytes finds it as a unit
        let one = vec![vec![member("r1", 0, n), member("d2", 22, d2.len())]];
        let s = score(&truth, &docs, &one, 8).unwrap();
        assert_eq!((s.edited_recall, s.edited_unit_recall), (1.0, 1.0));
        // a cluster without the source finds nothing
        let none = vec![vec![member("d3", 0, n), member("d2", 0, d2.len())]];
        assert_eq!(score(&truth, &docs, &none, 8).unwrap().edited_recall, 0.0);
    }

    #[test]
    fn real_only_clusters_are_unjudged_where_shared() {
        let a = "one two three four five six seven";
        let b = "zero one two three four five eight";
        let docs = docs(&[("a", a), ("b", b)]);
        let truth = PassageTruth::from_json(&json!({"spans": [], "docs": {}})).unwrap();
        let s = score(&truth, &docs, &[vec![member("a", 0, a.len()), member("b", 0, b.len())]], 8).unwrap();
        // shared 5-word shingle "one two three four five": 19 non-space bytes in each, unjudged;
        // the rest ("six seven" 8, "zero" 4 + "eight" 5) is wrong
        assert_eq!((s.correct_bytes, s.judged_bytes, s.unjudged_bytes), (0, 17, 38));
    }
}
