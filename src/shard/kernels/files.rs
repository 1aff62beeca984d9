//! The kernels' boundary with the stage files: the records of a shard to
//! sign, and the sign, candidates and edges files written from an engine's
//! results, as the library stages write them.

use super::*;

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
        Arc::new(Int64Array::from_iter_values((0..docs.len()).map(|i| crate::shard::ordinal(k, i) as i64))),
        Arc::new(StringArray::from_iter_values(docs.iter().map(|d| d.id.as_str()))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.file as i64))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.line as i64))),
        Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| d.at.offset as i64))),
        Arc::new(StringArray::from_iter(docs.iter().map(|d| d.date.as_deref()))),
        Arc::new(StringArray::from_iter_values(docs.iter().map(|d| d.text.as_str()))),
    ];
    Ok((batch(schema, columns), rejected))
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
