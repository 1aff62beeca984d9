//! `dedup --unique-out`/`--annotate-out` to a `.parquet` file, and the
//! rows of Parquet input as JSON objects for the JSON Lines outputs.
//!
//! When every input is Parquet, the output keeps the inputs' schema (every
//! column, its type and the schema's metadata): `--unique-out` writes the
//! kept rows unchanged, `--annotate-out` every valid row plus the columns
//! [`CLUSTER_ID`] (Int64, null for singletons), [`DUPLICATE_OF`] (Utf8, null
//! for representatives and singletons) and [`SIMILARITY`] (Float64, null
//! for singletons). The input files must then share one schema. Other
//! inputs (JSON Lines, text, lines, WARC, HTML) give the columns `id`,
//! `text`, `date`, `source`, `title`, `url` (nullable Utf8, as the commands
//! read them) plus the same annotation columns. A mix of Parquet and other
//! inputs cannot be written as Parquet (its columns would not be kept).
//!
//! [`write_documents`] writes documents as the commands read them with the
//! same columns (`extract --output`).
//!
//! Input is streamed a record batch at a time and written to a temporary
//! file renamed into place when complete ([`AtomicFile`]); row groups are
//! cut at about [`ROW_GROUP_BYTES`] so memory stays bounded.

use super::dedup::round4;
use crate::atomic_file::AtomicFile;
use crate::corpus::{parquet as input, Corpus, Document, FileKind, RecordRef};
use crate::error::{Error, ErrorKind, Result};
use crate::pipeline::DedupReport;
use crate::progress::{Progress, Stage};
use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::file::properties::WriterProperties;
use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::path::Path;
use std::sync::Arc;

/// The annotation column with the 1-based cluster number.
pub const CLUSTER_ID: &str = "wiretrace_cluster_id";
/// The annotation column with the id of the representative a duplicate
/// was removed for.
pub const DUPLICATE_OF: &str = "wiretrace_duplicate_of";
/// The annotation column with the verified similarity to the representative.
pub const SIMILARITY: &str = "wiretrace_similarity";

/// Encoded size at which a row group is closed.
pub const ROW_GROUP_BYTES: usize = 128 << 20;

/// Whether `path` names a Parquet output (by its extension).
pub fn is_parquet_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// What the dedup report says about each valid document.
pub(crate) struct Marks<'a> {
    report: &'a DedupReport,
    cluster_of: Vec<Option<u32>>,
    similarity: Vec<f64>,
}

impl<'a> Marks<'a> {
    pub(crate) fn new(report: &'a DedupReport) -> Marks<'a> {
        let mut similarity = vec![1.0; report.ids.len()];
        for c in &report.clusters {
            for m in &c.members {
                similarity[m.doc.index()] = m.similarity;
            }
        }
        Marks { report, cluster_of: report.cluster_of(), similarity }
    }

    /// The document at `at`, when it is a valid one.
    fn doc(&self, at: &RecordRef) -> Option<usize> {
        self.report.places.binary_search(at).ok()
    }

    /// Whether document `d` is kept by `--unique-out`.
    fn kept(&self, d: usize) -> bool {
        self.cluster(d).is_none_or(|c| c.representative.index() == d)
    }

    fn cluster(&self, d: usize) -> Option<&'a crate::pipeline::Cluster> {
        self.cluster_of[d].map(|c| &self.report.clusters[c as usize])
    }

    /// The annotation columns for documents `docs`.
    fn annotations(&self, docs: &[usize]) -> [ArrayRef; 3] {
        let cluster_id: Int64Array = docs.iter().map(|&d| self.cluster(d).map(|c| c.id as i64)).collect();
        let duplicate_of: StringArray = docs
            .iter()
            .map(|&d| {
                self.cluster(d)
                    .filter(|c| c.representative.index() != d)
                    .map(|c| self.report.ids[c.representative.index()].as_str())
            })
            .collect();
        let similarity: Float64Array =
            docs.iter().map(|&d| self.cluster(d).map(|_| round4(self.similarity[d]))).collect();
        [Arc::new(cluster_id), Arc::new(duplicate_of), Arc::new(similarity)]
    }
}

fn annotation_fields() -> [Field; 3] {
    [
        Field::new(CLUSTER_ID, DataType::Int64, true),
        Field::new(DUPLICATE_OF, DataType::Utf8, true),
        Field::new(SIMILARITY, DataType::Float64, true),
    ]
}

fn parquet_err(path: &str, e: impl std::fmt::Display) -> Error {
    Error::from(ErrorKind::Io { path: path.to_owned(), source: std::io::Error::other(e.to_string()) })
}

/// Write `--unique-out` (or, with `annotate`, `--annotate-out`) as Parquet.
pub(crate) fn write_parquet(
    corpus: &Corpus,
    report: &DedupReport,
    path: &Path,
    annotate: bool,
    progress: &dyn Progress,
) -> Result<()> {
    let files = corpus.files();
    let parquet_inputs = files.iter().filter(|f| f.kind == FileKind::Parquet).count();
    if parquet_inputs > 0 && parquet_inputs < files.len() {
        return Err(Error::config(format!(
            "{}: cannot write Parquet from a mix of Parquet and other inputs (the Parquet columns would be lost); \
             write JSON Lines (.jsonl) instead",
            path.display()
        )));
    }
    let name = path.display().to_string();
    let marks = Marks::new(report);
    let mut out = AtomicFile::create(path)?;
    progress.begin(Stage::Write, None);
    let schema = if parquet_inputs > 0 { common_schema(corpus)? } else { document_schema() };
    let schema = if annotate { with_annotations(&schema, &name)? } else { schema };
    let mut writer = ArrowWriter::try_new(out.writer(), schema.clone(), Some(writer_properties()))
        .map_err(|e| parquet_err(&name, e))?;
    let mut sink = |columns: Vec<ArrayRef>| -> Result<()> {
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| parquet_err(&name, e))?;
        writer.write(&batch).map_err(|e| parquet_err(&name, e))
    };
    if parquet_inputs > 0 {
        parquet_rows(corpus, &marks, annotate, progress, &mut sink)?;
    } else {
        document_rows(corpus, &marks, annotate, progress, &mut sink)?;
    }
    writer.close().map_err(|e| parquet_err(&name, e))?;
    progress.end();
    out.commit()
}

/// The schema every Parquet input has (that of the first file; the others
/// must have the same columns).
fn common_schema(corpus: &Corpus) -> Result<SchemaRef> {
    let mut first: Option<(SchemaRef, &str)> = None;
    for file in corpus.files() {
        let schema = input::open(file)?.schema().clone();
        match &first {
            None => first = Some((schema, &file.display)),
            Some((s, name)) if s.fields() != schema.fields() => {
                return Err(Error::input(
                    &file.display,
                    format!(
                        "its columns differ from those of {name}; a Parquet output keeps one schema \
                         (write JSON Lines (.jsonl) instead)"
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    Ok(first.expect("a corpus has at least one file").0)
}

/// `schema` plus the annotation columns.
fn with_annotations(schema: &Schema, name: &str) -> Result<SchemaRef> {
    let mut fields: Vec<Arc<Field>> = schema.fields().iter().cloned().collect();
    for field in annotation_fields() {
        if schema.field_with_name(field.name()).is_ok() {
            return Err(Error::config(format!(
                "{name}: the input already has a column {:?}; cannot annotate it again",
                field.name()
            )));
        }
        fields.push(Arc::new(field));
    }
    Ok(Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())))
}

/// The columns written for documents read from inputs other than Parquet.
fn document_schema() -> SchemaRef {
    let fields: Vec<Field> =
        ["id", "text", "date", "source", "title", "url"].iter().map(|n| Field::new(*n, DataType::Utf8, true)).collect();
    Arc::new(Schema::new(fields))
}

/// Read Parquet input file `fi` again, whole rows, one record batch at a
/// time, calling `each` with the batch and the place of its first row.
/// Stops after the last row in `last` (the file's last valid row, so that
/// damage after it, which the first pass rejected, is not read again).
fn each_batch(
    corpus: &Corpus,
    fi: u32,
    last: Option<u64>,
    each: &mut dyn FnMut(RecordBatch, u64) -> Result<()>,
) -> Result<()> {
    let file = &corpus.files()[fi as usize];
    let Some(last) = last else { return Ok(()) };
    let reader = input::open(file)?
        .with_batch_size(input::BATCH_ROWS)
        .with_limit(last as usize + 1)
        .build()
        .map_err(|e| Error::input(&file.display, format!("not a readable Parquet file: {e}")))?;
    let mut row = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| {
            Error::record(
                corpus.location(RecordRef { file: fi, line: row + 1, offset: row }),
                crate::error::RecordError::Malformed(format!("unreadable Parquet data: {e}")),
            )
        })?;
        let n = batch.num_rows() as u64;
        each(batch, row)?;
        row += n;
    }
    Ok(())
}

/// The last valid row of Parquet file `fi`, if any.
fn last_row(report: &DedupReport, fi: u32) -> Option<u64> {
    let end = report.places.partition_point(|at| at.file <= fi);
    report.places[..end].last().filter(|at| at.file == fi).map(|at| at.offset)
}

/// The rows of every Parquet input: kept rows (or every valid row, with
/// the annotation columns) in input order, as the columns of record
/// batches.
fn parquet_rows(
    corpus: &Corpus,
    marks: &Marks<'_>,
    annotate: bool,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(Vec<ArrayRef>) -> Result<()>,
) -> Result<()> {
    for fi in 0..corpus.files().len() as u32 {
        let name = corpus.files()[fi as usize].display.clone();
        each_batch(corpus, fi, last_row(marks.report, fi), &mut |batch, first| {
            let mut docs = Vec::new();
            let keep: BooleanArray = (0..batch.num_rows() as u64)
                .map(|i| {
                    let row = first + i;
                    let d = marks.doc(&RecordRef { file: fi, line: row + 1, offset: row });
                    let keep = d.is_some_and(|d| annotate || marks.kept(d));
                    if keep {
                        docs.extend(d);
                    }
                    Some(keep)
                })
                .collect();
            let kept = arrow_select::filter::filter_record_batch(&batch, &keep).map_err(|e| parquet_err(&name, e))?;
            progress.advance(batch.get_array_memory_size() as u64);
            let mut columns = kept.columns().to_vec();
            if annotate {
                columns.extend(marks.annotations(&docs));
            }
            sink(columns)
        })?;
    }
    Ok(())
}

/// Documents as the commands read them, gathered into the columns of
/// [`document_schema`] a record batch at a time.
#[derive(Default)]
struct DocumentColumns {
    builders: [StringBuilder; 6],
    rows: usize,
}

impl DocumentColumns {
    /// Add a document (`id` as the report has it).
    fn push(&mut self, id: &str, doc: &Document) {
        let values = [
            Some(id),
            Some(doc.text.as_str()),
            doc.date.as_deref(),
            doc.source.as_deref(),
            doc.title.as_deref(),
            doc.url.as_deref(),
        ];
        for (b, v) in self.builders.iter_mut().zip(values) {
            b.append_option(v);
        }
        self.rows += 1;
    }

    /// Whether a batch is due: [`input::BATCH_ROWS`] rows or
    /// [`crate::corpus::BATCH_BYTES`] of text.
    fn full(&self) -> bool {
        self.rows >= input::BATCH_ROWS || self.builders[1].values_slice().len() >= crate::corpus::BATCH_BYTES
    }

    /// The columns gathered so far; starts again empty.
    fn take(&mut self) -> Vec<ArrayRef> {
        self.rows = 0;
        self.builders.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef).collect()
    }
}

/// The documents of inputs other than Parquet, as the commands read them,
/// as the columns of record batches of up to [`input::BATCH_ROWS`] rows.
fn document_rows(
    corpus: &Corpus,
    marks: &Marks<'_>,
    annotate: bool,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(Vec<ArrayRef>) -> Result<()>,
) -> Result<()> {
    let mut columns = DocumentColumns::default();
    let mut docs = Vec::new();
    let mut flush = |columns: &mut DocumentColumns, docs: &mut Vec<usize>| -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let mut arrays = columns.take();
        if annotate {
            arrays.extend(marks.annotations(docs));
        }
        docs.clear();
        sink(arrays)
    };
    let mut stream_rejects = Vec::new();
    corpus.scan(&mut |r| stream_rejects.push(r), &mut |batch| {
        for raw in batch {
            let Some(d) = marks.doc(&raw.at) else { continue };
            if !annotate && !marks.kept(d) {
                continue;
            }
            let doc = corpus.parse(&raw).map_err(|reason| Error::record(corpus.location(raw.at), reason))?;
            columns.push(&marks.report.ids[d], &doc);
            docs.push(d);
            progress.advance(raw.bytes.len() as u64);
            if columns.full() {
                flush(&mut columns, &mut docs)?;
            }
        }
        Ok(())
    })?;
    flush(&mut columns, &mut docs)
}

/// Write documents to the Parquet file `path` with the columns `id`,
/// `text`, `date`, `source`, `title`, `url` (nullable Utf8): `fill` is
/// handed the function that adds one document. The file appears when
/// `fill` and the writing succeed (`extract --output`).
pub fn write_documents<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn FnMut(&Document) -> Result<()>) -> Result<T>,
) -> Result<T> {
    let name = path.display().to_string();
    let mut out = AtomicFile::create(path)?;
    let schema = document_schema();
    let mut writer = ArrowWriter::try_new(out.writer(), schema.clone(), Some(writer_properties()))
        .map_err(|e| parquet_err(&name, e))?;
    let mut columns = DocumentColumns::default();
    let mut write = |columns: &mut DocumentColumns| -> Result<()> {
        let batch = RecordBatch::try_new(schema.clone(), columns.take()).map_err(|e| parquet_err(&name, e))?;
        writer.write(&batch).map_err(|e| parquet_err(&name, e))
    };
    let result = fill(&mut |doc| {
        columns.push(&doc.id, doc);
        if columns.full() {
            write(&mut columns)?;
        }
        Ok(())
    })?;
    if columns.rows > 0 {
        write(&mut columns)?;
    }
    writer.close().map_err(|e| parquet_err(&name, e))?;
    out.commit()?;
    Ok(result)
}

/// How outputs are written: zstd, row groups of about [`ROW_GROUP_BYTES`].
fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .build()
}

/// Every valid row of Parquet input file `fi` as one JSON object with
/// every column (arrow's JSON encoding: nulls written, dates and
/// timestamps as ISO 8601 strings, binary as hex), handed to `each` with
/// its place, in order.
pub(crate) fn each_json_row(
    corpus: &Corpus,
    report: &DedupReport,
    fi: u32,
    each: &mut dyn FnMut(RecordRef, &[u8]) -> Result<()>,
) -> Result<()> {
    let name = corpus.files()[fi as usize].display.clone();
    let mut buf = Vec::new();
    each_batch(corpus, fi, last_row(report, fi), &mut |batch, first| {
        buf.clear();
        let mut w = arrow_json::WriterBuilder::new()
            .with_explicit_nulls(true)
            .build::<_, arrow_json::writer::LineDelimited>(&mut buf);
        w.write(&batch).map_err(|e| parquet_err(&name, format!("cannot write a row as JSON: {e}")))?;
        w.finish().map_err(|e| parquet_err(&name, e))?;
        drop(w);
        // arrow's JSON escapes line breaks inside values: one row a line
        for (i, line) in buf.split(|&b| b == b'\n').take(batch.num_rows()).enumerate() {
            let row = first + i as u64;
            let at = RecordRef { file: fi, line: row + 1, offset: row };
            if report.places.binary_search(&at).is_ok() {
                each(at, line)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parquet_paths() {
        assert!(is_parquet_path(Path::new("out/x.parquet")));
        assert!(is_parquet_path(Path::new("X.PARQUET")));
        assert!(!is_parquet_path(Path::new("x.parquet.jsonl")));
        assert!(!is_parquet_path(Path::new("parquet")));
    }
}
