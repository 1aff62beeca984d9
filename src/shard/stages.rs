//! The stages after `plan`, one public function each (see the module docs
//! of [`crate::shard`] for what each reads and writes).

use super::signed::{read_signed, write_signed, Want};
use super::spill::TextSpill;
use super::table::{Table, TableWriter, BATCH_ROWS};
use super::{check_meta, Manifest, StageMeta, FORMAT_VERSION};
use crate::candidates::CandidatePair;
use crate::cluster::UnionFind;
use crate::corpus::{DocId, Rejected};
use crate::error::{Error, ErrorKind, RecordError, Result};
use crate::pipeline::dedup::{
    clusters_of, exact_groups_of, known_similarities, leader_pairs, load_profiles, number_clusters, profiled_leaders,
    sign_corpus, verify_candidates, verify_profiles, Edge, LeaderFeatures, Profiles, SignedDoc,
};
use crate::pipeline::{DedupConfig, DedupReport};
use crate::progress::Progress;
use arrow_array::{ArrayRef, Float64Array, RecordBatch, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

pub use super::signed::sign_file;

/// What a stage did, for its summary line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageSummary {
    /// Rows written (documents, pairs, edges or component members).
    pub rows: u64,
    /// Records rejected (sign and candidates).
    pub rejected: u64,
}

pub(super) const GROUPS: &str = "groups.parquet";
pub(super) const CANDIDATES: &str = "candidates.parquet";
pub(super) const EDGES: &str = "edges.parquet";
const COMPONENTS: &str = "components.parquet";

pub(super) fn meta(stage: &str, manifest: &Manifest, config: &DedupConfig) -> StageMeta {
    StageMeta { stage: stage.into(), version: FORMAT_VERSION, plan: manifest.id(), config: config.clone() }
}

/// `sign`: read, tokenize and sign shard `k`; write its sign file.
pub fn sign(dir: &Path, k: usize, config: &DedupConfig, progress: &dyn Progress) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let corpus = manifest.shard(k)?;
    let (docs, rejected) = sign_corpus(&corpus, config, progress)?;
    write_signed(dir, k, &meta("sign", &manifest, config), &docs, &rejected)?;
    Ok(StageSummary { rows: docs.len() as u64, rejected: rejected.len() as u64 })
}

/// A table of ordinal pairs (`a`, `b`) and optionally their similarity.
fn pair_schema(similarity: bool, names: [&str; 2]) -> SchemaRef {
    let mut fields = vec![Field::new(names[0], DataType::UInt64, false), Field::new(names[1], DataType::UInt64, false)];
    if similarity {
        fields.push(Field::new("similarity", DataType::Float64, false));
    }
    Arc::new(Schema::new(fields))
}

/// Write rows of two ordinals (and a similarity) to `path`.
pub(super) fn write_pairs(
    path: &Path,
    meta: &StageMeta,
    names: [&str; 2],
    rows: &[(u64, u64)],
    similarity: Option<&[f64]>,
    extra: &[(&str, String)],
) -> Result<()> {
    let schema = pair_schema(similarity.is_some(), names);
    let mut w = TableWriter::create(path, schema.clone(), meta)?;
    for (c, chunk) in rows.chunks(BATCH_ROWS).enumerate() {
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(UInt64Array::from_iter_values(chunk.iter().map(|r| r.0))),
            Arc::new(UInt64Array::from_iter_values(chunk.iter().map(|r| r.1))),
        ];
        if let Some(s) = similarity {
            let start = c * BATCH_ROWS;
            columns.push(Arc::new(Float64Array::from_iter_values(s[start..start + chunk.len()].iter().copied())));
        }
        w.write(&RecordBatch::try_new(schema.clone(), columns).expect("columns match the schema"))?;
    }
    for (k, v) in extra {
        w.add_meta(k, v.clone());
    }
    w.finish()
}

/// A pair table read back.
struct Pairs {
    rows: Vec<(u64, u64)>,
    meta: HashMap<String, String>,
}

/// Read a pair table: its rows and the metadata the candidates stage adds
/// (an edge table's similarities: [`read_edges`]).
fn read_pairs(
    dir: &Path,
    file: &str,
    stage: &str,
    names: [&str; 2],
    manifest: &Manifest,
    config: &DedupConfig,
) -> Result<Pairs> {
    let table = Table::open(&dir.join(file), stage, &format!("run `wiretrace shard {stage}` first"))?;
    check_meta(table.name(), table.stage(), &manifest.id(), config)?;
    let mut extra = HashMap::new();
    for key in ["excluded", "documents"] {
        if let Ok(v) = table.meta(key) {
            extra.insert(key.to_owned(), v.to_owned());
        }
    }
    let mut rows = Vec::with_capacity(table.rows() as usize);
    for batch in table.read(&names)? {
        let batch = batch?;
        let (a, b) = (batch.u64s(names[0])?, batch.u64s(names[1])?);
        rows.extend(a.values().iter().copied().zip(b.values().iter().copied()));
    }
    Ok(Pairs { rows, meta: extra })
}

/// The verified edges of `verify`: ordinals and similarity.
fn read_edges(dir: &Path, manifest: &Manifest, config: &DedupConfig) -> Result<Vec<(u64, u64, f64)>> {
    let table = Table::open(&dir.join(EDGES), "verify", "run `wiretrace shard verify` first")?;
    check_meta(table.name(), table.stage(), &manifest.id(), config)?;
    let mut rows = Vec::with_capacity(table.rows() as usize);
    for batch in table.read(&["a", "b", "similarity"])? {
        let batch = batch?;
        let (a, b, s) = (batch.u64s("a")?, batch.u64s("b")?, batch.f64s("similarity")?);
        rows.extend(a.values().iter().zip(b.values().iter()).zip(s.values().iter()).map(|((&a, &b), &s)| (a, b, s)));
    }
    Ok(rows)
}

/// Documents rejected in `candidates` for an id an earlier shard has, by
/// ordinal.
pub(super) type Excluded = Vec<(u64, Rejected)>;

/// `candidates`: ids repeated across shards, exact groups, and candidate
/// pairs among the group leaders, found as in-memory `dedup` finds them.
pub fn candidates(dir: &Path, config: &DedupConfig, progress: &dyn Progress) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let corpus = manifest.corpus()?;
    // pass 1: ids (hashed), exact hashes and places of every document
    let (mut ords, mut exact, mut places, mut ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    read_signed(dir, &manifest, config, Want { id: true, ..Want::default() }, &mut |o, d| {
        ids.push((xxhash_rust::xxh3::xxh3_128(d.id.as_bytes()), ords.len() as u32));
        ords.push(o);
        exact.push(d.exact);
        places.push(d.at);
        Ok(())
    })?;
    // an id seen in an earlier shard rejects the later record, as the
    // single pass does (each shard already rejected its own repeats)
    ids.sort_unstable();
    let mut later: Vec<(usize, usize)> = Vec::new();
    for run in ids.chunk_by(|x, y| x.0 == y.0) {
        later.extend(run[1..].iter().map(|&(_, i)| (i as usize, run[0].1 as usize)));
    }
    drop(ids);
    later.sort_unstable();
    let mut excluded: Excluded = Vec::new();
    if !later.is_empty() {
        let wanted: HashSet<u64> = later.iter().map(|&(i, _)| ords[i]).collect();
        let mut names: HashMap<u64, String> = HashMap::new();
        read_signed(dir, &manifest, config, Want { id: true, ..Want::default() }, &mut |o, d| {
            if wanted.contains(&o) {
                names.insert(o, d.id);
            }
            Ok(())
        })?;
        for &(i, first) in &later {
            let reason = RecordError::DuplicateId {
                id: names.remove(&ords[i]).unwrap_or_default(),
                first: corpus.location(places[first]).to_string(),
            };
            let location = corpus.location(places[i]);
            if !manifest.reader.skip_invalid {
                return Err(Error::from(ErrorKind::InvalidRecord { location, reason }));
            }
            excluded.push((ords[i], Rejected { location, reason }));
        }
        let gone: HashSet<usize> = later.iter().map(|&(i, _)| i).collect();
        let keep = |i: &usize| !gone.contains(i);
        ords = (0..ords.len()).filter(keep).map(|i| ords[i]).collect();
        exact = (0..exact.len()).filter(keep).map(|i| exact[i]).collect();
    }
    drop(places);
    progress.begin(crate::progress::Stage::Exact, Some(ords.len() as u64));
    let groups = exact_groups_of(exact.into_iter());
    progress.end();
    // pass 2: the candidate-search features of the group leaders, in order
    progress.begin(crate::progress::Stage::Candidates, Some(groups.leaders.len() as u64));
    let mut features = LeaderFeatures::new(config.lsh_params());
    let leader_ords: Vec<u64> = groups.leaders.iter().map(|d| ords[d.index()]).collect();
    let mut next = 0;
    let want = Want { sig: true, fps: true, ..Want::default() };
    read_signed(dir, &manifest, config, want, &mut |o, d| {
        if leader_ords.get(next) == Some(&o) {
            features.push(&d, config);
            next += 1;
        }
        Ok(())
    })?;
    let pairs: Vec<(u64, u64)> = leader_pairs(features.candidates(config), &groups.leaders)
        .into_iter()
        .map(|p| (ords[p.a.index()], ords[p.b.index()]))
        .collect();
    progress.end();
    let m = meta("candidates", &manifest, config);
    let mut grouped: Vec<(u64, u64)> = Vec::new();
    for g in &groups.members {
        grouped.extend(g[1..].iter().map(|d| (ords[d.index()], ords[g[0].index()])));
    }
    grouped.sort_unstable();
    write_pairs(&dir.join(GROUPS), &m, ["ordinal", "leader"], &grouped, None, &[])?;
    let extra = [
        ("excluded", serde_json::to_string(&excluded).expect("rejected records serialize")),
        ("documents", ords.len().to_string()),
    ];
    write_pairs(&dir.join(CANDIDATES), &m, ["a", "b"], &pairs, None, &extra)?;
    Ok(StageSummary { rows: pairs.len() as u64, rejected: excluded.len() as u64 })
}

/// `verify`: the exact similarity of every candidate pair (re-reading only
/// their records); the pairs at or above the threshold.
pub fn verify(dir: &Path, config: &DedupConfig, progress: &dyn Progress) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let pairs = read_pairs(dir, CANDIDATES, "candidates", ["a", "b"], &manifest, config)?.rows;
    // number the documents of the pairs locally, in ordinal order
    let mut needed: Vec<u64> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    needed.sort_unstable();
    needed.dedup();
    let local = |o: u64| DocId::new(needed.binary_search(&o).expect("a needed ordinal"));
    let mut docs: HashMap<DocId, SignedDoc> = HashMap::with_capacity(needed.len());
    let want = Want { sig: !config.verify, ..Want::default() };
    read_signed(dir, &manifest, config, want, &mut |o, d| {
        if let Ok(i) = needed.binary_search(&o) {
            docs.insert(DocId::new(i), d);
        }
        Ok(())
    })?;
    if docs.len() != needed.len() {
        return Err(Error::format(
            dir.join(CANDIDATES).display().to_string(),
            "names documents the sign files do not have",
        ));
    }
    let local_pairs: Vec<CandidatePair> =
        pairs.iter().map(|&(a, b)| CandidatePair { a: local(a), b: local(b) }).collect();
    let corpus = manifest.corpus()?;
    let budget = profile_budget(config);
    let chunks = chunks_within(&local_pairs, |p| [p.a, p.b], |d| profile_bytes(&docs[&d], config), budget);
    let mut edges = Vec::new();
    if let [pairs] = chunks[..] {
        edges = verify_candidates(&corpus, &docs, pairs, config, progress)?;
    } else {
        // more than one chunk: each reads its documents from the input by
        // offset, or, when the input cannot be entered in the middle, from
        // a spill written in one pass over it (not one pass per chunk)
        let spill = if corpus.fetch_seeks() {
            None
        } else {
            let all: Vec<DocId> = (0..needed.len()).map(DocId::new).collect();
            Some(TextSpill::write(&corpus, &docs, &all, dir, progress)?)
        };
        for chunk in chunks {
            let wanted = documents_of(chunk);
            let profiles = match &spill {
                Some(spill) => spill.profiles(&wanted, config)?,
                None => load_profiles(&corpus, &docs, &wanted, config, progress)?,
            };
            edges.extend(verify_profiles(&profiles, chunk, config, progress));
        }
    }
    let rows: Vec<(u64, u64)> = edges.iter().map(|e| (needed[e.a.index()], needed[e.b.index()])).collect();
    let sims: Vec<f64> = edges.iter().map(|e| e.similarity).collect();
    write_pairs(&dir.join(EDGES), &meta("verify", &manifest, config), ["a", "b"], &rows, Some(&sims), &[])?;
    Ok(StageSummary { rows: rows.len() as u64, rejected: 0 })
}

/// The documents of `pairs`, sorted, each once.
fn documents_of(pairs: &[CandidatePair]) -> Vec<DocId> {
    let mut docs: Vec<DocId> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// How many bytes of shingle profiles a stage may hold at once: half the
/// memory limit, or no bound.
fn profile_budget(config: &DedupConfig) -> usize {
    config.memory_limit.map_or(usize::MAX, |m| (m / 2) as usize)
}

/// About how many bytes a document's shingle profile takes.
fn profile_bytes(d: &SignedDoc, config: &DedupConfig) -> usize {
    let per = match config.measure {
        crate::verify::Measure::Jaccard => 8,
        crate::verify::Measure::Containment => 16,
    };
    64 + d.shingles * per
}

/// Consecutive chunks of `items` whose distinct documents (`docs_of`) take
/// at most `budget` bytes (`bytes`) together; a chunk has one item at
/// least. With no bound, one chunk.
fn chunks_within<T, const N: usize>(
    items: &[T],
    docs_of: impl Fn(&T) -> [DocId; N],
    bytes: impl Fn(DocId) -> usize,
    budget: usize,
) -> Vec<&[T]> {
    if budget == usize::MAX || items.is_empty() {
        return vec![items];
    }
    let (mut out, mut start, mut used) = (Vec::new(), 0, 0usize);
    let mut held: HashSet<DocId> = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let new: usize = docs_of(item).iter().filter(|d| !held.contains(d)).map(|&d| bytes(d)).sum();
        if i > start && used + new > budget {
            out.push(&items[start..i]);
            (start, used) = (i, 0);
            held.clear();
        }
        for d in docs_of(item) {
            if held.insert(d) {
                used += bytes(d);
            }
        }
    }
    out.push(&items[start..]);
    out
}

/// `components`: connected components of exact groups and verified edges,
/// each labelled by its smallest ordinal.
pub fn components(dir: &Path, config: &DedupConfig) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let groups = read_pairs(dir, GROUPS, "candidates", ["ordinal", "leader"], &manifest, config)?.rows;
    let edges = read_pairs(dir, EDGES, "verify", ["a", "b"], &manifest, config)?.rows;
    let labels = label_components(groups.iter().chain(&edges).copied());
    write_labels(dir, &manifest, config, &labels)
}

/// `components` with labels computed elsewhere (a distributed engine's
/// connected components): `labels` (in any order) must be exactly what
/// [`components`] computes, a `(ordinal, smallest ordinal of its
/// component)` for every ordinal of the groups and edges; checked against
/// the library's labelling (linear time), then written as [`components`]
/// writes it.
pub fn write_components(dir: &Path, config: &DedupConfig, labels: &[(u64, u64)]) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let groups = read_pairs(dir, GROUPS, "candidates", ["ordinal", "leader"], &manifest, config)?.rows;
    let edges = read_pairs(dir, EDGES, "verify", ["a", "b"], &manifest, config)?.rows;
    let mut labels = labels.to_vec();
    labels.sort_unstable();
    let expected = label_components(groups.iter().chain(&edges).copied());
    if labels != expected {
        let message = match labels.iter().zip(&expected).find(|(a, b)| a != b) {
            Some((&(o, l), &(e, m))) if o == e => {
                format!("ordinal {o} is labelled {l} but the smallest ordinal of its component is {m}")
            }
            Some((&(o, _), &(e, _))) if o < e => format!("ordinal {o} is in no group or edge"),
            Some((_, &(e, _))) => format!("ordinal {e} has no label"),
            None if labels.len() > expected.len() => {
                format!("ordinal {} is in no group or edge", labels[expected.len()].0)
            }
            None => format!("ordinal {} has no label", expected[labels.len()].0),
        };
        return Err(Error::format(dir.join(COMPONENTS).display().to_string(), message));
    }
    write_labels(dir, &manifest, config, &labels)
}

/// Write `components.parquet`: `(ordinal, component)` rows.
fn write_labels(dir: &Path, manifest: &Manifest, config: &DedupConfig, labels: &[(u64, u64)]) -> Result<StageSummary> {
    let meta = meta("components", manifest, config);
    write_pairs(&dir.join(COMPONENTS), &meta, ["ordinal", "component"], labels, None, &[])?;
    Ok(StageSummary { rows: labels.len() as u64, rejected: 0 })
}

/// `(node, label)` for every node of an edge, sorted by node; the label is
/// the smallest node of its connected component.
pub fn label_components(edges: impl Iterator<Item = (u64, u64)> + Clone) -> Vec<(u64, u64)> {
    let mut nodes: Vec<u64> = edges.clone().flat_map(|(a, b)| [a, b]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let local = |o: u64| nodes.binary_search(&o).expect("a node of an edge") as u32;
    let mut uf = UnionFind::new(nodes.len());
    for (a, b) in edges {
        uf.union(local(a), local(b));
    }
    (0..nodes.len() as u32).map(|i| (nodes[i as usize], nodes[uf.find(i) as usize])).collect()
}

/// `finalize`: clusters, representatives and similarities from the stage
/// files: the [`DedupReport`] in-memory `dedup` gives on the same input,
/// for the same report writers.
pub fn finalize(dir: &Path, config: &DedupConfig, progress: &dyn Progress) -> Result<DedupReport> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let corpus = manifest.corpus()?;
    let candidates = read_pairs(dir, CANDIDATES, "candidates", ["a", "b"], &manifest, config)?;
    let excluded: Excluded = candidates
        .meta
        .get("excluded")
        .map(|s| serde_json::from_str(s))
        .transpose()
        .map_err(|e| Error::format(dir.join(CANDIDATES).display().to_string(), e.to_string()))?
        .unwrap_or_default();
    let gone: HashSet<u64> = excluded.iter().map(|(o, _)| *o).collect();
    let (mut ords, mut docs) = (Vec::new(), Vec::new());
    let want = Want { id: true, sig: !config.verify, ..Want::default() };
    let mut rejected = read_signed(dir, &manifest, config, want, &mut |o, d| {
        if !gone.contains(&o) {
            ords.push(o);
            docs.push(d);
        }
        Ok(())
    })?;
    rejected.extend(excluded.into_iter().map(|(_, r)| r));
    let doc_of = |o: u64| -> Result<DocId> {
        ords.binary_search(&o)
            .map(DocId::new)
            .map_err(|_| Error::format(dir.display().to_string(), format!("ordinal {o} is in no sign file")))
    };
    let grouped = read_pairs(dir, GROUPS, "candidates", ["ordinal", "leader"], &manifest, config)?.rows;
    let mut leader: Vec<DocId> = (0..docs.len()).map(DocId::new).collect();
    for &(o, l) in &grouped {
        leader[doc_of(o)?.index()] = doc_of(l)?;
    }
    // a member's similarity to its representative is their verified
    // pair's when they are one: only components of three or more leaders
    // need profiles (as in one process)
    let edges = read_edges(dir, &manifest, config)?;
    let known = known_similarities(
        &edges
            .iter()
            .map(|&(a, b, similarity)| Ok(Edge { a: doc_of(a)?, b: doc_of(b)?, similarity }))
            .collect::<Result<Vec<Edge>>>()?,
    );
    let labels = read_pairs(dir, COMPONENTS, "components", ["ordinal", "component"], &manifest, config)?.rows;
    let mut by_label: HashMap<u64, Vec<u32>> = HashMap::new();
    for &(o, label) in &labels {
        by_label.entry(label).or_default().push(doc_of(o)?.0);
    }
    let mut components: Vec<(u64, Vec<u32>)> = by_label.into_iter().collect();
    components.sort_unstable_by_key(|c| c.0);
    let components: Vec<Vec<u32>> = components
        .into_iter()
        .map(|(_, mut c)| {
            c.sort_unstable();
            c
        })
        .collect();
    // clusters a batch of components at a time, so that the profiles held
    // stay within the memory limit; numbered once all are made
    let budget = profile_budget(config);
    let leaders_of = |c: &Vec<u32>| -> Vec<DocId> {
        if config.verify {
            profiled_leaders(c, &leader)
        } else {
            Vec::new()
        }
    };
    let mut batches: Vec<Vec<Vec<u32>>> = vec![Vec::new()];
    let mut used = 0usize;
    for c in components {
        let bytes: usize = leaders_of(&c).iter().map(|&d| profile_bytes(&docs[d.index()], config)).sum();
        if budget != usize::MAX && used + bytes > budget && !batches.last().is_some_and(Vec::is_empty) {
            batches.push(Vec::new());
            used = 0;
        }
        used += bytes;
        batches.last_mut().expect("one batch at least").push(c);
    }
    // more than one batch: the texts are read from the input once (unless
    // the input is read by offset anyway)
    let spill = if batches.len() > 1 && !corpus.fetch_seeks() {
        let mut all: Vec<DocId> = batches.iter().flatten().flat_map(leaders_of).collect();
        all.sort_unstable();
        Some(TextSpill::write(&corpus, &docs[..], &all, dir, progress)?)
    } else {
        None
    };
    let mut clusters = Vec::new();
    for batch in batches {
        let mut needed: Vec<DocId> = batch.iter().flat_map(leaders_of).collect();
        needed.sort_unstable();
        let profiles = match &spill {
            _ if needed.is_empty() => Profiles::default(),
            Some(spill) => spill.profiles(&needed, config)?,
            None => load_profiles(&corpus, &docs[..], &needed, config, progress)?,
        };
        clusters.extend(clusters_of(batch, &docs[..], &leader, &known, &profiles, config));
    }
    number_clusters(&mut clusters);
    let counts = [grouped.len(), candidates.rows.len(), edges.len()];
    Ok(DedupReport::assemble(docs, rejected, clusters, counts, config.lsh_params()))
}
