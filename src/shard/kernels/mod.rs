//! Stage kernels over Arrow record batches, for distributed engines (Spark's
//! `mapInArrow`, Ray, Dask): each is a pure function from a batch to a
//! batch, computing one piece of a stage exactly as the single-process
//! `dedup` computes it, so that an engine can shuffle the pieces itself and
//! still get the same clusters.
//!
//! | kernel | input columns | output columns |
//! |---|---|---|
//! | [`read_records`] | (shard `k` of a plan) | `ordinal id file line offset date text` |
//! | [`sign`] | `ordinal text` [`id file line offset date`] | the sign file's columns |
//! | [`band_keys`] | `ordinal sig` | `band key ordinal`, one row per LSH band |
//! | [`link_buckets`] | `ordinals` (a list: one bucket) | `a b`: the bucket's candidate pairs |
//! | [`fingerprints`] | `ordinal fps` | `fp ordinal`, one row per fingerprint |
//! | [`fingerprint_pairs`] | `ordinals` (a list: one fingerprint's documents) | `a b` |
//! | [`fingerprint_counts`] | `fp ordinal`, every row of each fingerprint present (batches) | `a b shared` |
//! | [`overlap_keep`] | `a b shared count_a count_b` | `a b`: the containment candidates |
//! | [`verify`] | `a b text_a text_b` | `a b similarity`, the pairs at the threshold |
//!
//! Integers an engine sees (ordinals, hashes, keys) are `Int64`, the bits of
//! the library's `u64` values (engines such as Spark have no unsigned
//! types); inputs may be `Int64` or `UInt64`. A bucket's or fingerprint's
//! documents may come in any order: the kernels sort them, so the pairs do
//! not depend on an engine's partitioning. [`write_sign`],
//! [`write_candidates`] and [`write_edges`] turn an engine's results back
//! into the stage files `components` and `finalize` read.
//!
//! The pieces an engine assembles, and why they give the single-process
//! answer: `sign` is [`sign_corpus`](crate::pipeline::dedup::sign_corpus)'s
//! per-text work; exact groups are the documents of one `exact` hash with
//! the smallest ordinal as leader; LSH candidates are, over the leaders, the
//! union of [`link_buckets`] over every `(band, key)` bucket, which is what
//! [`candidate_pairs`](crate::candidates::candidate_pairs) does per band
//! (all pairs of a small bucket, a chain plus a star of a huge one,
//! [`link_bucket`]); containment candidates are
//! [`overlap_candidates`](crate::candidates::overlap_candidates) split at
//! its sort: per fingerprint the pairs of its list ([`fingerprint_pairs`]),
//! counted per pair, kept by [`overlap_keep`]; [`fingerprint_counts`] does
//! the first two for a whole partition of fingerprints at once (an engine
//! sums its counts over partitions).

use super::stages::{meta, write_pairs, Excluded, StageSummary, CANDIDATES, EDGES, GROUPS};
use super::table::TableWriter;
use super::{sign_file, signed, Manifest};
use crate::candidates::lsh::{band_keys as keys_of, link_bucket};
use crate::candidates::overlap::list_pairs;
use crate::corpus::{RecordRef, Rejected, Scan};
use crate::error::{Error, ErrorKind, RecordError, Result};
use crate::hash::HashSorter;
use crate::normalize::Tokenizer;
use crate::pipeline::dedup::sign_texts;
use crate::pipeline::{DedupConfig, Method};
use crate::progress::NoProgress;
use crate::shingle::shingle_hashes;
use crate::signature::Signature;
use crate::verify::{similarity, ShingleProfile};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BinaryArray, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray, UInt32Array,
    UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

mod columns;
mod counts;
mod files;

use columns::*;
pub use counts::fingerprint_counts;
pub use files::{read_records, write_candidates, write_edges, write_sign};

/// The columns [`sign`] returns: the sign file's, with `Int64` integers.
pub fn sign_schema() -> SchemaRef {
    let fields: Vec<Field> = signed::schema()
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::UInt64 | DataType::UInt32 => Field::new(f.name(), DataType::Int64, f.is_nullable()),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// `sign`: the signatures of the texts of a batch (columns `ordinal` and
/// `text`; `id`, `file`, `line`, `offset` and `date` are passed through
/// when present, else empty, 0 and null), as the sign stage computes them.
pub fn sign(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    const K: &str = "sign";
    config.validate()?;
    let ordinals = ints(K, input, "ordinal")?;
    let text = texts(K, input, "text")?;
    let n = input.num_rows();
    let has = |c: &str| input.column_by_name(c).is_some();
    let ids = if has("id") { texts(K, input, "id")? } else { vec![String::new(); n] };
    let zeros = || vec![0i64; n];
    let file = if has("file") { ints(K, input, "file")? } else { zeros() };
    let line = if has("line") { ints(K, input, "line")? } else { zeros() };
    let offset = if has("offset") { ints(K, input, "offset")? } else { zeros() };
    let date = if has("date") { strings(K, input, "date")? } else { vec![None; n] };
    let refs: Vec<&str> = text.iter().map(String::as_str).collect();
    let docs = sign_texts(&refs, config);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(ordinals)),
        Arc::new(StringArray::from_iter_values(ids)),
        Arc::new(Int64Array::from(file)),
        Arc::new(Int64Array::from(line)),
        Arc::new(Int64Array::from(offset)),
        Arc::new(StringArray::from(date)),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.len as i64))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.shingles as i64))),
        Arc::new(Int64Array::from_iter(docs.iter().map(|d| d.exact.map(|e| e as i64)))),
        Arc::new(BinaryArray::from_iter_values(
            docs.iter().map(|d| d.sig.values().iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>()),
        )),
        Arc::new(BinaryArray::from_iter_values(
            docs.iter().map(|d| d.fps.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>()),
        )),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.simhash.0 as i64))),
    ];
    Ok(batch(sign_schema(), columns))
}

/// The bytes of a signature as its values (4 bytes each, little-endian).
fn signature(kernel: &str, bytes: &[u8], row: usize, config: &DedupConfig) -> Result<Signature> {
    if !bytes.is_empty() && bytes.len() != 4 * config.num_perm {
        return Err(bad(
            kernel,
            format!(
                "row {row}: a signature of {} bytes, expected {} (--num-perm {})",
                bytes.len(),
                4 * config.num_perm,
                config.num_perm
            ),
        ));
    }
    Ok(Signature(bytes.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect()))
}

/// `band_keys`: one row `band key ordinal` per LSH band of each non-empty
/// signature (columns `ordinal`, `sig`).
pub fn band_keys(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    const K: &str = "band_keys";
    config.validate()?;
    let lsh = config.lsh_params();
    let ordinals = ints(K, input, "ordinal")?;
    let sigs = binaries(K, input, "sig")?;
    let (mut bands, mut keys, mut ords) = (Vec::new(), Vec::new(), Vec::new());
    for (row, (&o, bytes)) in ordinals.iter().zip(&sigs).enumerate() {
        let sig = signature(K, bytes, row, config)?;
        for (b, key) in keys_of(&sig, lsh).into_iter().enumerate() {
            bands.push(b as i32);
            keys.push(key as i64);
            ords.push(o);
        }
    }
    let schema =
        Arc::new(Schema::new(vec![Field::new("band", DataType::Int32, false), i64_field("key"), i64_field("ordinal")]));
    Ok(batch(
        schema,
        vec![Arc::new(Int32Array::from(bands)), Arc::new(Int64Array::from(keys)), Arc::new(Int64Array::from(ords))],
    ))
}

/// A bucket's ordinals sorted as `u64`s (the library's order), repeats
/// dropped.
fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable_by_key(|&o| o as u64);
    v.dedup();
    v
}

/// `link_buckets`: the candidate pairs `a < b` of each bucket (column
/// `ordinals`, one bucket's documents per row, in any order), linked as
/// in-memory dedup links a bucket: all pairs, or a chain plus a star when
/// the bucket is huge.
pub fn link_buckets(input: &RecordBatch) -> Result<RecordBatch> {
    let buckets = lists("link_buckets", input, "ordinals")?;
    let mut out = Vec::new();
    let mut local = Vec::new();
    for bucket in buckets {
        let bucket = sorted(bucket);
        local.clear();
        link_bucket(0..bucket.len() as u32, bucket.len(), &mut local);
        out.extend(local.iter().map(|&(a, b)| (bucket[a as usize], bucket[b as usize])));
    }
    Ok(pairs_batch(&out))
}

/// `fingerprints`: one row `fp ordinal` per winnowed fingerprint of each
/// document (columns `ordinal`, `fps`).
pub fn fingerprints(input: &RecordBatch) -> Result<RecordBatch> {
    const K: &str = "fingerprints";
    let ordinals = ints(K, input, "ordinal")?;
    let fps = binaries(K, input, "fps")?;
    let (mut hashes, mut ords) = (Vec::new(), Vec::new());
    for (row, (&o, bytes)) in ordinals.iter().zip(&fps).enumerate() {
        if bytes.len() % 8 != 0 {
            return Err(bad(K, format!("row {row}: fingerprints of {} bytes, not a multiple of 8", bytes.len())));
        }
        for c in bytes.chunks_exact(8) {
            hashes.push(u64::from_le_bytes(c.try_into().expect("8 bytes")) as i64);
            ords.push(o);
        }
    }
    let schema = Arc::new(Schema::new(vec![i64_field("fp"), i64_field("ordinal")]));
    Ok(batch(schema, vec![Arc::new(Int64Array::from(hashes)), Arc::new(Int64Array::from(ords))]))
}

/// `fingerprint_pairs`: for each fingerprint's documents (column
/// `ordinals`, in any order), the pairs `a < b` its posting list gives to
/// containment candidate search ([`list_pairs`]: all pairs, or neighbours
/// only when the list is longer than the overlap `max_df`).
pub fn fingerprint_pairs(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    let lists = lists("fingerprint_pairs", input, "ordinals")?;
    let mut out = Vec::new();
    for list in lists {
        let list = sorted(list);
        out.extend(list_pairs(list.len(), config.overlap.max_df).map(|(i, j)| (list[i], list[j])));
    }
    Ok(pairs_batch(&out))
}

/// `overlap_keep`: the containment candidates among pairs `a b` sharing
/// `shared` fingerprint-list pairs, of documents with `count_a` and
/// `count_b` fingerprints: those sharing at least the minimum share of the
/// smaller count (and one fingerprint).
pub fn overlap_keep(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    const K: &str = "overlap_keep";
    let [a, b, shared, ca, cb] = ["a", "b", "shared", "count_a", "count_b"].map(|c| ints(K, input, c));
    let (a, b, shared, ca, cb) = (a?, b?, shared?, ca?, cb?);
    // the rule of overlap_candidates, with LeaderFeatures::candidates' parameters
    let params = config.overlap.for_threshold(config.threshold);
    let out: Vec<(i64, i64)> = (0..a.len())
        .filter(|&i| params.keeps(shared[i] as usize, ca[i] as usize, cb[i] as usize))
        .map(|i| (a[i], b[i]))
        .collect();
    Ok(pairs_batch(&out))
}

/// `verify`: the exact similarity of each pair `a b` from the texts
/// `text_a`, `text_b` (re-tokenized and shingled as the verify stage does);
/// the pairs at or above the threshold, with `similarity`.
pub fn verify(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    const K: &str = "verify";
    config.validate()?;
    if !config.verify {
        return Err(bad(K, "computes exact similarities: it does not apply with --no-verify"));
    }
    let (a, b) = (ints(K, input, "a")?, ints(K, input, "b")?);
    let (ta, tb) = (texts(K, input, "text_a")?, texts(K, input, "text_b")?);
    // each document's profile once per batch
    let mut by_doc: HashMap<i64, &str> = HashMap::new();
    for i in 0..a.len() {
        by_doc.entry(a[i]).or_insert(&ta[i]);
        by_doc.entry(b[i]).or_insert(&tb[i]);
    }
    let docs: Vec<(i64, &str)> = by_doc.into_iter().collect();
    let profiles: HashMap<i64, ShingleProfile> = docs
        .par_iter()
        .map_init(
            || (Tokenizer::new(config.seed), Vec::new(), Vec::new(), HashSorter::default()),
            |(tokenizer, tokens, shingles, sorter), &(o, text)| {
                tokenizer.tokenize(text, tokens);
                shingle_hashes(tokens, config.shingle_size, config.seed, shingles);
                (o, ShingleProfile::for_measure(shingles, tokens.len(), config.measure, sorter))
            },
        )
        .collect();
    let kept: Vec<(i64, i64, f64)> = (0..a.len())
        .into_par_iter()
        .filter_map(|i| {
            let s = similarity(&profiles[&a[i]], &profiles[&b[i]], config.measure, config.shingle_size);
            (s >= config.threshold).then_some((a[i], b[i], s))
        })
        .collect();
    let schema =
        Arc::new(Schema::new(vec![i64_field("a"), i64_field("b"), Field::new("similarity", DataType::Float64, false)]));
    Ok(batch(
        schema,
        vec![
            Arc::new(Int64Array::from_iter_values(kept.iter().map(|k| k.0))),
            Arc::new(Int64Array::from_iter_values(kept.iter().map(|k| k.1))),
            Arc::new(Float64Array::from_iter_values(kept.iter().map(|k| k.2))),
        ],
    ))
}

/// Whether an engine can run candidates and verify with these kernels:
/// MinHash with verification (SimHash, exact-only and `--no-verify` runs
/// use the library's `candidates` and `verify` stages).
pub fn engine_supports(config: &DedupConfig) -> bool {
    config.method == Method::Minhash && config.verify
}

#[cfg(test)]
mod tests;
