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
//! counted per pair, kept by [`overlap_keep`].

use super::stages::{meta, write_pairs, Excluded, StageSummary, CANDIDATES, EDGES, GROUPS};
use super::table::TableWriter;
use super::{sign_file, signed, Manifest};
use crate::candidates::lsh::{band_keys as keys_of, link_bucket};
use crate::corpus::{RecordRef, Rejected, Scan};
use crate::error::{Error, ErrorKind, RecordError, Result};
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

/// A kernel's error: `kernel: message`.
fn bad(kernel: &str, message: impl Into<String>) -> Error {
    Error::format(format!("{kernel} kernel"), message)
}

/// Column `name` of `batch` as `i64`s (from `Int64` or `UInt64`, bits
/// kept); nulls are an error.
fn ints(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<i64>> {
    let c = column(kernel, batch, name)?;
    if c.null_count() > 0 {
        let row = (0..c.len()).find(|&i| c.is_null(i)).unwrap_or(0);
        return Err(bad(kernel, format!("column {name:?} is null in row {row}")));
    }
    match c.data_type() {
        DataType::Int64 => Ok(c.as_primitive::<Int64Type>().values().to_vec()),
        DataType::UInt64 => Ok(c.as_primitive::<UInt64Type>().values().iter().map(|&v| v as i64).collect()),
        DataType::Int32 => {
            Ok(c.as_primitive::<arrow_array::types::Int32Type>().values().iter().map(|&v| v as i64).collect())
        }
        DataType::UInt32 => {
            Ok(c.as_primitive::<arrow_array::types::UInt32Type>().values().iter().map(|&v| v as i64).collect())
        }
        t => Err(bad(kernel, format!("column {name:?} must be int64 or uint64, not {t}"))),
    }
}

fn column<'b>(kernel: &str, batch: &'b RecordBatch, name: &str) -> Result<&'b ArrayRef> {
    batch.column_by_name(name).ok_or_else(|| {
        let have: Vec<&str> = batch.schema_ref().fields().iter().map(|f| f.name().as_str()).collect();
        bad(kernel, format!("column {name:?} is missing (the batch has {})", have.join(", ")))
    })
}

/// Column `name` as optional strings (`Utf8` or `LargeUtf8`).
fn strings(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>> {
    let c = column(kernel, batch, name)?;
    match c.data_type() {
        DataType::Utf8 => Ok(c.as_string::<i32>().iter().map(|s| s.map(str::to_owned)).collect()),
        DataType::LargeUtf8 => Ok(c.as_string::<i64>().iter().map(|s| s.map(str::to_owned)).collect()),
        DataType::Utf8View => Ok(c.as_string_view().iter().map(|s| s.map(str::to_owned)).collect()),
        t => Err(bad(kernel, format!("column {name:?} must be strings, not {t}"))),
    }
}

/// Column `name` as strings; a null is an error naming its row.
fn texts(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<String>> {
    strings(kernel, batch, name)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| s.ok_or_else(|| bad(kernel, format!("column {name:?} is null in row {i}"))))
        .collect()
}

/// Column `name` as byte strings (`Binary` or `LargeBinary`).
fn binaries<'b>(kernel: &str, batch: &'b RecordBatch, name: &str) -> Result<Vec<&'b [u8]>> {
    let c = column(kernel, batch, name)?;
    let out: Vec<Option<&[u8]>> = match c.data_type() {
        DataType::Binary => c.as_binary::<i32>().iter().collect(),
        DataType::LargeBinary => c.as_binary::<i64>().iter().collect(),
        t => return Err(bad(kernel, format!("column {name:?} must be binary, not {t}"))),
    };
    out.into_iter()
        .enumerate()
        .map(|(i, b)| b.ok_or_else(|| bad(kernel, format!("column {name:?} is null in row {i}"))))
        .collect()
}

/// Column `name` as lists of `i64`s (a `List` of `Int64` or `UInt64`).
fn lists(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<Vec<i64>>> {
    let c = column(kernel, batch, name)?;
    let DataType::List(_) = c.data_type() else {
        return Err(bad(kernel, format!("column {name:?} must be a list of int64, not {}", c.data_type())));
    };
    let list = c.as_list::<i32>();
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let v = v.ok_or_else(|| bad(kernel, format!("column {name:?} is null in row {i}")))?;
        let one = RecordBatch::try_from_iter([(name, v)]).map_err(|e| bad(kernel, e.to_string()))?;
        out.push(ints(kernel, &one, name)?);
    }
    Ok(out)
}

fn i64_field(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

fn batch(schema: SchemaRef, columns: Vec<ArrayRef>) -> RecordBatch {
    RecordBatch::try_new(schema, columns).expect("columns match the schema")
}

/// A batch of ordinal pairs `a`, `b`.
fn pairs_batch(pairs: &[(i64, i64)]) -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![i64_field("a"), i64_field("b")]));
    batch(
        schema,
        vec![
            Arc::new(Int64Array::from_iter_values(pairs.iter().map(|p| p.0))),
            Arc::new(Int64Array::from_iter_values(pairs.iter().map(|p| p.1))),
        ],
    )
}

/// The records of shard `k` of the plan in `dir` (the records `sign`
/// would read, with the same rejections): one batch with columns
/// `ordinal id file line offset date text`, and the records rejected.
pub fn read_records(dir: &Path, k: usize) -> Result<(RecordBatch, Vec<Rejected>)> {
    let manifest = Manifest::load(dir)?;
    let corpus = manifest.shard(k)?;
    let mut docs = Vec::new();
    let rejected = Scan::new(&corpus, &NoProgress).run(|| (), |_, d| d, &mut |d| {
        docs.push(d);
        Ok(())
    })?;
    let schema = Arc::new(Schema::new(vec![
        i64_field("ordinal"),
        Field::new("id", DataType::Utf8, false),
        i64_field("file"),
        i64_field("line"),
        i64_field("offset"),
        Field::new("date", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values((0..docs.len()).map(|i| super::ordinal(k, i) as i64))),
        Arc::new(StringArray::from_iter_values(docs.iter().map(|d| d.id.as_str()))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.file as i64))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.line as i64))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.offset as i64))),
        Arc::new(StringArray::from_iter(docs.iter().map(|d| d.date.as_deref()))),
        Arc::new(StringArray::from_iter_values(docs.iter().map(|d| d.text.as_str()))),
    ];
    Ok((batch(schema, columns), rejected))
}

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

/// Write shard `k`'s sign file from [`sign`]'s batches (in ordinal order)
/// and the records [`read_records`] rejected, as the sign stage writes it.
pub fn write_sign(
    dir: &Path,
    k: usize,
    config: &DedupConfig,
    batches: &[RecordBatch],
    rejected: &[Rejected],
) -> Result<StageSummary> {
    const K: &str = "write_sign";
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let schema = signed::schema();
    let mut w = TableWriter::create(&sign_file(dir, k), schema.clone(), &meta("sign", &manifest, config))?;
    let mut rows = 0u64;
    for b in batches {
        let cast = |name: &str| -> Result<ArrayRef> {
            let c = ints(K, b, name)?;
            Ok(if name == "file" {
                Arc::new(UInt32Array::from_iter_values(c.iter().map(|&v| v as u32)))
            } else {
                Arc::new(UInt64Array::from_iter_values(c.iter().map(|&v| v as u64)))
            })
        };
        let exact = column(K, b, "exact")?
            .as_primitive_opt::<Int64Type>()
            .ok_or_else(|| bad(K, "column \"exact\" must be int64"))?;
        let mut columns = Vec::new();
        for f in schema.fields() {
            columns.push(match f.name().as_str() {
                "exact" => Arc::new(UInt64Array::from_iter(exact.iter().map(|e| e.map(|e| e as u64)))) as ArrayRef,
                "id" | "date" | "sig" | "fps" => column(K, b, f.name())?.clone(),
                name => cast(name)?,
            });
        }
        let out = RecordBatch::try_new(schema.clone(), columns).map_err(|e| bad(K, e.to_string()))?;
        rows += out.num_rows() as u64;
        w.write(&out)?;
    }
    w.add_meta("rejected", serde_json::to_string(rejected).expect("rejected records serialize"));
    w.finish()?;
    Ok(StageSummary { rows, rejected: rejected.len() as u64 })
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
/// containment candidate search: all pairs, or neighbours only when the
/// list is longer than the overlap `max_df`.
pub fn fingerprint_pairs(input: &RecordBatch, config: &DedupConfig) -> Result<RecordBatch> {
    let lists = lists("fingerprint_pairs", input, "ordinals")?;
    let max_df = config.overlap.max_df;
    let mut out = Vec::new();
    for list in lists {
        let list = sorted(list);
        let all = list.len() <= max_df;
        for i in 0..list.len() {
            let end = if all { list.len() } else { (i + 2).min(list.len()) };
            out.extend(list[i + 1..end].iter().map(|&b| (list[i], b)));
        }
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
    // as LeaderFeatures::candidates lowers it for the threshold
    let min_share = config.overlap.min_share.min(config.threshold / 2.0);
    let out: Vec<(i64, i64)> = (0..a.len())
        .filter(|&i| shared[i] as f64 >= (min_share * ca[i].min(cb[i]) as f64).max(1.0))
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
            || (Tokenizer::new(config.seed), Vec::new(), Vec::new()),
            |(tokenizer, tokens, shingles), &(o, text)| {
                tokenizer.tokenize(text, tokens);
                shingle_hashes(tokens, config.shingle_size, config.seed, shingles);
                (o, ShingleProfile::for_measure(shingles.clone(), tokens.len(), config.measure))
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

/// Write `groups.parquet` and `candidates.parquet` from an engine's
/// results: `grouped` is `(ordinal, leader)` for every exact-group member
/// but the leader, `pairs` the candidate pairs, `repeated` `(ordinal,
/// first)` for every document whose id a document of smaller ordinal
/// `first` has (an error unless the plan skips invalid records, as in the
/// single pass). Pairs in any order; repeats dropped.
pub fn write_candidates(
    dir: &Path,
    config: &DedupConfig,
    grouped: &[(u64, u64)],
    pairs: &[(u64, u64)],
    repeated: &[(u64, u64)],
) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let mut excluded: Excluded = Vec::new();
    let mut documents = 0usize;
    let mut repeated = repeated.to_vec();
    repeated.sort_unstable();
    let wanted: HashSet<u64> = repeated.iter().flat_map(|&(o, f)| [o, f]).collect();
    let mut found: HashMap<u64, (String, RecordRef)> = HashMap::new();
    let want = signed::Want { id: !wanted.is_empty(), ..signed::Want::default() };
    signed::read_signed(dir, &manifest, config, want, &mut |o, d| {
        documents += 1;
        if wanted.contains(&o) {
            found.insert(o, (d.id, d.at));
        }
        Ok(())
    })?;
    if !repeated.is_empty() {
        let corpus = manifest.corpus()?;
        let missing = |o: u64| Error::format(dir.display().to_string(), format!("ordinal {o} is in no sign file"));
        for &(o, first) in &repeated {
            let (id, at) = found.get(&o).cloned().ok_or_else(|| missing(o))?;
            let first_at = found.get(&first).ok_or_else(|| missing(first))?.1;
            let reason = RecordError::DuplicateId { id, first: corpus.location(first_at).to_string() };
            let location = corpus.location(at);
            if !manifest.reader.skip_invalid {
                return Err(Error::from(ErrorKind::InvalidRecord { location, reason }));
            }
            excluded.push((o, Rejected { location, reason }));
        }
    }
    let m = meta("candidates", &manifest, config);
    let mut grouped = grouped.to_vec();
    grouped.sort_unstable();
    grouped.dedup();
    write_pairs(&dir.join(GROUPS), &m, ["ordinal", "leader"], &grouped, None, &[])?;
    let mut pairs = pairs.to_vec();
    pairs.sort_unstable();
    pairs.dedup();
    let extra = [
        ("excluded", serde_json::to_string(&excluded).expect("rejected records serialize")),
        ("documents", (documents - excluded.len()).to_string()),
    ];
    write_pairs(&dir.join(CANDIDATES), &m, ["a", "b"], &pairs, None, &extra)?;
    Ok(StageSummary { rows: pairs.len() as u64, rejected: excluded.len() as u64 })
}

/// Write `edges.parquet` from an engine's [`verify`] results (any order).
pub fn write_edges(dir: &Path, config: &DedupConfig, edges: &[(u64, u64, f64)]) -> Result<StageSummary> {
    config.validate()?;
    let manifest = Manifest::load(dir)?;
    let mut edges = edges.to_vec();
    edges.sort_unstable_by_key(|e| (e.0, e.1));
    edges.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    let rows: Vec<(u64, u64)> = edges.iter().map(|e| (e.0, e.1)).collect();
    let sims: Vec<f64> = edges.iter().map(|e| e.2).collect();
    write_pairs(&dir.join(EDGES), &meta("verify", &manifest, config), ["a", "b"], &rows, Some(&sims), &[])?;
    Ok(StageSummary { rows: rows.len() as u64, rejected: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::dedup::LeaderFeatures;
    use crate::verify::Measure;

    /// Texts with near-duplicates, contained excerpts and one story
    /// copied 80 times (a bucket larger than `MAX_BUCKET`).
    fn texts() -> Vec<String> {
        let words: Vec<String> = (0..400).map(|i| format!("w{}", crate::hash::mix64(i) % 97)).collect();
        let mut out = Vec::new();
        for s in 0..40usize {
            let base: Vec<&str> = words[s * 7..s * 7 + 60].iter().map(String::as_str).collect();
            out.push(base.join(" "));
            let mut edited = base.clone();
            edited[s % 50] = "changed";
            out.push(edited.join(" "));
            out.push(format!("a new lead {}", base[..35].join(" ")));
        }
        out.extend(std::iter::repeat_n(words[100..170].join(" "), 80));
        out
    }

    fn grouped(batch: &RecordBatch, key: &[&str]) -> RecordBatch {
        let cols: Vec<Vec<i64>> = key.iter().map(|k| ints("t", batch, k).unwrap()).collect();
        let ords = ints("t", batch, "ordinal").unwrap();
        let mut by: HashMap<Vec<i64>, Vec<i64>> = HashMap::new();
        for (i, &o) in ords.iter().enumerate() {
            by.entry(cols.iter().map(|c| c[i]).collect()).or_default().push(o);
        }
        // buckets in a scrambled order, each reversed: the kernels sort
        let mut lists: Vec<Vec<i64>> = by
            .into_values()
            .map(|mut v| {
                v.reverse();
                v
            })
            .collect();
        lists.sort_by_key(|v| crate::hash::mix64(v[0] as u64));
        let values: Vec<Option<Vec<Option<i64>>>> =
            lists.into_iter().map(|v| Some(v.into_iter().map(Some).collect())).collect();
        let list = arrow_array::ListArray::from_iter_primitive::<Int64Type, _, _>(values);
        RecordBatch::try_from_iter([("ordinals", Arc::new(list) as ArrayRef)]).unwrap()
    }

    fn pair_set(b: &RecordBatch) -> Vec<(u32, u32)> {
        let (a, bb) = (ints("t", b, "a").unwrap(), ints("t", b, "b").unwrap());
        let mut v: Vec<(u32, u32)> = a.iter().zip(&bb).map(|(&x, &y)| (x as u32, y as u32)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn engine_candidates_equal_in_memory_candidates() {
        for measure in [Measure::Jaccard, Measure::Containment] {
            let config = DedupConfig { measure, threshold: 0.7, ..DedupConfig::default() };
            let texts = texts();
            let input = RecordBatch::try_from_iter([
                ("ordinal", Arc::new(Int64Array::from_iter_values(0..texts.len() as i64)) as ArrayRef),
                ("text", Arc::new(StringArray::from_iter_values(&texts)) as ArrayRef),
            ])
            .unwrap();
            let signed = sign(&input, &config).unwrap();
            let mut features = LeaderFeatures::new(config.lsh_params());
            for d in sign_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>(), &config) {
                features.push(&d, &config);
            }
            let expected = features.candidates(&config);
            let keys = band_keys(&signed, &config).unwrap();
            let mut got = pair_set(&link_buckets(&grouped(&keys, &["band", "key"])).unwrap());
            // the 80 copies (ordinals 120..200) are not linked all pairs with all
            let copies = got.iter().filter(|p| p.0 >= 120).count();
            assert!((79..80 * 79 / 2).contains(&copies), "{copies}");
            if measure == Measure::Containment {
                let fps = fingerprints(&signed).unwrap();
                let fp_pairs = fingerprint_pairs(&grouped(&fps, &["fp"]), &config).unwrap();
                let (a, b) = (ints("t", &fp_pairs, "a").unwrap(), ints("t", &fp_pairs, "b").unwrap());
                let mut shared: HashMap<(i64, i64), i64> = HashMap::new();
                for (&x, &y) in a.iter().zip(&b) {
                    *shared.entry((x, y)).or_default() += 1;
                }
                let count = |o: i64| (features.fps[o as usize].len()) as i64;
                type Row = ((i64, i64), i64);
                let rows: Vec<Row> = shared.into_iter().collect();
                let col = |f: &dyn Fn(&Row) -> i64| -> ArrayRef {
                    Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
                };
                let batch = RecordBatch::try_from_iter([
                    ("a", col(&|r| r.0 .0)),
                    ("b", col(&|r| r.0 .1)),
                    ("shared", col(&|r| r.1)),
                    ("count_a", col(&|r| count(r.0 .0))),
                    ("count_b", col(&|r| count(r.0 .1))),
                ])
                .unwrap();
                got.extend(pair_set(&overlap_keep(&batch, &config).unwrap()));
                got.sort_unstable();
                got.dedup();
            }
            assert_eq!(got, expected, "{measure:?}");
            assert!(expected.len() > 100, "{measure:?}: {}", expected.len());
        }
    }

    #[test]
    fn verify_agrees_with_the_verify_stage_similarity() {
        let config = DedupConfig { threshold: 0.6, ..DedupConfig::default() };
        let texts = texts();
        let batch = RecordBatch::try_from_iter([
            ("a", Arc::new(Int64Array::from(vec![0, 0, 0])) as ArrayRef),
            ("b", Arc::new(Int64Array::from(vec![1, 2, 30])) as ArrayRef),
            ("text_a", Arc::new(StringArray::from_iter_values([&texts[0], &texts[0], &texts[0]])) as ArrayRef),
            ("text_b", Arc::new(StringArray::from_iter_values([&texts[1], &texts[2], &texts[30]])) as ArrayRef),
        ])
        .unwrap();
        let out = verify(&batch, &config).unwrap();
        let profile = |t: &str| {
            let (mut tok, mut tokens, mut sh) = (Tokenizer::new(config.seed), Vec::new(), Vec::new());
            tok.tokenize(t, &mut tokens);
            shingle_hashes(&tokens, config.shingle_size, config.seed, &mut sh);
            ShingleProfile::for_measure(sh, tokens.len(), config.measure)
        };
        let s1 = similarity(&profile(&texts[0]), &profile(&texts[1]), config.measure, config.shingle_size);
        assert!(s1 >= 0.6);
        assert_eq!(pair_set(&out), vec![(0, 1)]);
        assert_eq!(out.column(2).as_primitive::<arrow_array::types::Float64Type>().value(0), s1);
    }
}
