//! The sign stage's files: writing one shard's signed documents, and
//! reading them back (all shards, in ordinal order) with the columns a
//! later stage needs.

use super::table::{Columns, Table, TableWriter, BATCH_ROWS};
use super::{check_meta, ordinal, Manifest, StageMeta};
use crate::corpus::{RecordRef, Rejected};
use crate::error::Result;
use crate::pipeline::dedup::SignedDoc;
use crate::pipeline::DedupConfig;
use crate::signature::{Signature, SimHash};
use arrow_array::{ArrayRef, BinaryArray, RecordBatch, StringArray, UInt32Array, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The sign file of shard `k`.
pub fn sign_file(dir: &Path, k: usize) -> PathBuf {
    dir.join(format!("sign-{k:05}.parquet"))
}

/// The columns of a sign file.
pub(super) fn schema() -> SchemaRef {
    let u64f = |name: &str| Field::new(name, DataType::UInt64, false);
    Arc::new(Schema::new(vec![
        u64f("ordinal"),
        Field::new("id", DataType::Utf8, false),
        Field::new("file", DataType::UInt32, false),
        u64f("line"),
        u64f("offset"),
        Field::new("date", DataType::Utf8, true),
        u64f("len"),
        u64f("shingles"),
        Field::new("exact", DataType::UInt64, true),
        Field::new("sig", DataType::Binary, false),
        Field::new("fps", DataType::Binary, false),
        u64f("simhash"),
    ]))
}

/// Write shard `k`'s signed documents and rejected records.
pub fn write_signed(dir: &Path, k: usize, meta: &StageMeta, docs: &[SignedDoc], rejected: &[Rejected]) -> Result<()> {
    let mut w = TableWriter::create(&sign_file(dir, k), schema(), meta)?;
    for (c, chunk) in docs.chunks(BATCH_ROWS).enumerate() {
        let base = c * BATCH_ROWS;
        let u64s = |f: &dyn Fn(&SignedDoc) -> u64| -> ArrayRef {
            Arc::new(UInt64Array::from_iter_values(chunk.iter().map(f)))
        };
        let columns: Vec<ArrayRef> = vec![
            Arc::new(UInt64Array::from_iter_values((0..chunk.len()).map(|i| ordinal(k, base + i)))),
            Arc::new(StringArray::from_iter_values(chunk.iter().map(|d| d.id.as_str()))),
            Arc::new(UInt32Array::from_iter_values(chunk.iter().map(|d| d.at.file))),
            u64s(&|d| d.at.line),
            u64s(&|d| d.at.offset),
            Arc::new(StringArray::from_iter(chunk.iter().map(|d| d.date.as_deref()))),
            u64s(&|d| d.len as u64),
            u64s(&|d| d.shingles as u64),
            Arc::new(UInt64Array::from_iter(chunk.iter().map(|d| d.exact))),
            Arc::new(BinaryArray::from_iter_values(
                chunk.iter().map(|d| d.sig.values().iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>()),
            )),
            Arc::new(BinaryArray::from_iter_values(
                chunk.iter().map(|d| d.fps.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>()),
            )),
            u64s(&|d| d.simhash.0),
        ];
        let batch = RecordBatch::try_new(schema(), columns).expect("columns match the schema");
        w.write(&batch)?;
    }
    w.add_meta("rejected", serde_json::to_string(rejected).expect("rejected records serialize"));
    w.finish()
}

/// Which of the heavier columns to read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Want {
    /// Document ids.
    pub id: bool,
    /// MinHash signatures.
    pub sig: bool,
    /// Containment fingerprints.
    pub fps: bool,
}

/// Read every shard's signed documents in ordinal order, handing each to
/// `f` with its ordinal (unwanted columns are left empty). Checks each
/// file's plan and parameters; returns the records the shards rejected.
pub fn read_signed(
    dir: &Path,
    manifest: &Manifest,
    config: &DedupConfig,
    want: Want,
    f: &mut dyn FnMut(u64, SignedDoc) -> Result<()>,
) -> Result<Vec<Rejected>> {
    let plan = manifest.id();
    let mut rejected = Vec::new();
    for k in 0..manifest.shards.len() {
        let path = sign_file(dir, k);
        let table = Table::open(&path, "sign", &format!("run `wiretrace shard sign --shard {k}` first"))?;
        check_meta(table.name(), table.stage(), &plan, config)?;
        rejected.extend(table.meta_json::<Vec<Rejected>>("rejected")?);
        let mut columns = vec!["ordinal", "file", "line", "offset", "date", "len", "shingles", "exact", "simhash"];
        if want.id {
            columns.push("id");
        }
        if want.sig {
            columns.push("sig");
        }
        if want.fps {
            columns.push("fps");
        }
        for batch in table.read(&columns)? {
            let batch = batch?;
            each_signed(&batch, want, f)?;
        }
    }
    Ok(rejected)
}

fn each_signed(b: &Columns, want: Want, f: &mut dyn FnMut(u64, SignedDoc) -> Result<()>) -> Result<()> {
    let (ordinal, file, line, offset) = (b.u64s("ordinal")?, b.u32s("file")?, b.u64s("line")?, b.u64s("offset")?);
    let (date, len, shingles, exact, simhash) =
        (b.strings("date")?, b.u64s("len")?, b.u64s("shingles")?, b.u64s("exact")?, b.u64s("simhash")?);
    let id = if want.id { Some(b.strings("id")?) } else { None };
    let sig = if want.sig { Some(b.binaries("sig")?) } else { None };
    let fps = if want.fps { Some(b.binaries("fps")?) } else { None };
    use arrow_array::Array;
    for i in 0..b.rows() {
        let doc = SignedDoc {
            id: id.map_or_else(String::new, |a| a.value(i).to_owned()),
            at: RecordRef { file: file.value(i), line: line.value(i), offset: offset.value(i) },
            date: (!date.is_null(i)).then(|| date.value(i).to_owned()),
            len: len.value(i) as usize,
            shingles: shingles.value(i) as usize,
            exact: (!exact.is_null(i)).then(|| exact.value(i)),
            sig: Signature(sig.map_or_else(Default::default, |a| {
                a.value(i).chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect()
            })),
            fps: fps.map_or_else(Vec::new, |a| {
                a.value(i).chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))).collect()
            }),
            simhash: SimHash(simhash.value(i)),
        };
        f(ordinal.value(i), doc)?;
    }
    Ok(())
}
