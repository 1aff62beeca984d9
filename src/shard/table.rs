//! Stage files: Parquet tables carrying wiretrace's metadata (which stage
//! made them, the format version, the plan they belong to and the dedup
//! parameters), written atomically and checked when read.

use super::{StageMeta, FORMAT_VERSION};
use crate::atomic_file::AtomicFile;
use crate::error::{Error, Result};
use arrow_array::{Array, BinaryArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array};
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use std::collections::HashMap;
use std::path::Path;

/// The metadata key holding the [`StageMeta`] JSON.
pub const META_KEY: &str = "wiretrace";

/// Columns of hash values, written without compression.
const HASH_COLUMNS: &[&str] = &["sig", "fps", "exact", "simhash"];

/// Rows per written batch (and per read batch).
pub const BATCH_ROWS: usize = 65_536;

/// A stage file being written: it appears at its path only when
/// [`TableWriter::finish`] succeeds, so a killed stage leaves no partial
/// output behind.
pub struct TableWriter {
    name: String,
    writer: ArrowWriter<AtomicFile>,
}

impl TableWriter {
    /// Start writing `path` with `schema`, recording `meta`.
    pub fn create(path: &Path, schema: SchemaRef, meta: &StageMeta) -> Result<TableWriter> {
        let name = path.display().to_string();
        let file = AtomicFile::create(path)?;
        let meta = serde_json::to_string(meta).expect("stage metadata serializes");
        let mut props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(1).expect("level 1 is valid")))
            .set_dictionary_enabled(false)
            .set_key_value_metadata(Some(vec![KeyValue::new(META_KEY.to_owned(), meta)]));
        // hashes do not compress: writing them plain saves the time
        for column in HASH_COLUMNS {
            props = props.set_column_compression(ColumnPath::from(*column), Compression::UNCOMPRESSED);
        }
        let props = props.build();
        let writer = ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| parquet_error(&name, e))?;
        Ok(TableWriter { name, writer })
    }

    /// Append a batch of rows.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        self.writer.write(batch).map_err(|e| parquet_error(&self.name, e))
    }

    /// Record a further metadata value (counts known only at the end).
    pub fn add_meta(&mut self, key: &str, value: String) {
        self.writer.append_key_value_metadata(KeyValue::new(key.to_owned(), value));
    }

    /// Write the footer and move the file into place.
    pub fn finish(self) -> Result<()> {
        let file = self.writer.into_inner().map_err(|e| parquet_error(&self.name, e))?;
        file.commit()
    }
}

/// A stage file opened for reading, its metadata checked for format.
pub struct Table {
    name: String,
    builder: ParquetRecordBatchReaderBuilder<std::fs::File>,
    meta: HashMap<String, String>,
    stage: StageMeta,
}

impl Table {
    /// Open `path`, which `stage` must have written (`what` says how to make
    /// it when it is missing).
    pub fn open(path: &Path, stage: &str, what: &str) -> Result<Table> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::format(&name, format!("missing: {what}"))
            } else {
                Error::io(name.clone(), e)
            }
        })?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| Error::format(&name, format!("not a Parquet stage file: {e}")))?;
        let meta: HashMap<String, String> = builder
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .map(|kv| kv.iter().filter_map(|k| Some((k.key.clone(), k.value.clone()?))).collect())
            .unwrap_or_default();
        let Some(json) = meta.get(META_KEY) else {
            return Err(Error::format(&name, "not a wiretrace stage file (no wiretrace metadata)"));
        };
        let found: StageMeta = serde_json::from_str(json)
            .map_err(|e| Error::format(&name, format!("unreadable wiretrace metadata: {e}")))?;
        if found.version != FORMAT_VERSION {
            return Err(Error::format(
                &name,
                format!("stage file format {} (this wiretrace reads format {FORMAT_VERSION})", found.version),
            ));
        }
        if found.stage != stage {
            return Err(Error::format(&name, format!("made by the {} stage, expected {stage}", found.stage)));
        }
        Ok(Table { name, builder, meta, stage: found })
    }

    /// The file name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the stage recorded.
    pub fn stage(&self) -> &StageMeta {
        &self.stage
    }

    /// A further metadata value.
    pub fn meta(&self, key: &str) -> Result<&str> {
        self.meta
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| Error::format(&self.name, format!("metadata {key:?} is missing")))
    }

    /// A further metadata value parsed from JSON.
    pub fn meta_json<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T> {
        serde_json::from_str(self.meta(key)?).map_err(|e| Error::format(&self.name, format!("metadata {key:?}: {e}")))
    }

    /// Number of rows.
    pub fn rows(&self) -> u64 {
        self.builder.metadata().file_metadata().num_rows() as u64
    }

    /// Read the named columns, in batches.
    pub fn read(self, columns: &[&str]) -> Result<Batches> {
        let schema = self.builder.parquet_schema();
        let mut leaves = Vec::new();
        for &c in columns {
            let i = (0..schema.num_columns())
                .find(|&i| schema.column(i).name() == c)
                .ok_or_else(|| Error::format(&self.name, format!("column {c:?} is missing")))?;
            leaves.push(i);
        }
        let mask = ProjectionMask::leaves(schema, leaves);
        let reader = self
            .builder
            .with_projection(mask)
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|e| parquet_error(&self.name, e))?;
        Ok(Batches { name: self.name, reader })
    }
}

/// The batches of a [`Table`].
pub struct Batches {
    name: String,
    reader: ParquetRecordBatchReader,
}

impl Iterator for Batches {
    type Item = Result<Columns>;

    fn next(&mut self) -> Option<Result<Columns>> {
        let batch = self.reader.next()?;
        Some(
            batch
                .map(|batch| Columns { name: self.name.clone(), batch })
                .map_err(|e| Error::format(&self.name, e.to_string())),
        )
    }
}

/// One batch of rows, with typed access to its columns by name.
pub struct Columns {
    name: String,
    batch: RecordBatch,
}

impl Columns {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn column<T: Array + 'static>(&self, name: &str) -> Result<&T> {
        self.batch
            .column_by_name(name)
            .and_then(|c| c.as_any().downcast_ref::<T>())
            .ok_or_else(|| Error::format(&self.name, format!("column {name:?} is missing or of another type")))
    }

    /// A `UInt64` column.
    pub fn u64s(&self, name: &str) -> Result<&UInt64Array> {
        self.column(name)
    }

    /// A `UInt32` column.
    pub fn u32s(&self, name: &str) -> Result<&UInt32Array> {
        self.column(name)
    }

    /// A `Float64` column.
    pub fn f64s(&self, name: &str) -> Result<&Float64Array> {
        self.column(name)
    }

    /// A `Utf8` column.
    pub fn strings(&self, name: &str) -> Result<&StringArray> {
        self.column(name)
    }

    /// A `Binary` column.
    pub fn binaries(&self, name: &str) -> Result<&BinaryArray> {
        self.column(name)
    }
}

/// A Parquet or Arrow failure on stage file `name`.
pub fn parquet_error(name: &str, e: impl std::fmt::Display) -> Error {
    Error::format(name, e.to_string())
}
