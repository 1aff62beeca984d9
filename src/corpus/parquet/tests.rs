//! Tests of the Parquet reader on small files written here.

use super::*;
use crate::corpus::Format;
use ::parquet::arrow::ArrowWriter;
use ::parquet::file::properties::WriterProperties;
use arrow_array::builder::{StringDictionaryBuilder, StringViewBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{BinaryArray, Date32Array, Int64Array, LargeStringArray, StringArray, TimestampSecondArray};
use arrow_schema::{DataType, Field, Schema};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Write `columns` as a Parquet file of row groups of `group` rows.
pub(crate) fn write_table(path: &Path, columns: Vec<(&str, ArrayRef)>, group: usize) {
    let fields: Vec<Field> = columns.iter().map(|(name, a)| Field::new(*name, a.data_type().clone(), true)).collect();
    let batch =
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, a)| a).collect()).unwrap();
    let props = WriterProperties::builder().set_max_row_group_row_count(Some(group)).build();
    let mut w = ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn strings(values: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(values.to_vec()))
}

fn read(path: &Path, config: ReaderConfig) -> Result<(Vec<Document>, Vec<Rejected>)> {
    Corpus::open(&[path], config)?.read_all()
}

fn skip() -> ReaderConfig {
    ReaderConfig { skip_invalid: true, ..ReaderConfig::default() }
}

fn texts(docs: &[Document]) -> Vec<&str> {
    docs.iter().map(|d| d.text.as_str()).collect()
}

#[test]
fn every_string_type_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let values = [Some("first text"), Some("second text"), Some("third text")];
    let mut dict = StringDictionaryBuilder::<Int32Type>::new();
    let mut view = StringViewBuilder::new();
    for v in values {
        dict.append_option(v);
        view.append_option(v);
    }
    let kinds: Vec<(&str, ArrayRef)> = vec![
        ("utf8", strings(&values)),
        ("large", Arc::new(LargeStringArray::from(values.to_vec()))),
        ("view", Arc::new(view.finish())),
        ("dictionary", Arc::new(dict.finish())),
        ("binary", Arc::new(BinaryArray::from(values.iter().map(|v| v.map(str::as_bytes)).collect::<Vec<_>>()))),
    ];
    for (kind, array) in kinds {
        let path = dir.path().join(format!("{kind}.parquet"));
        write_table(&path, vec![("id", strings(&[Some("a"), Some("b"), Some("c")])), ("text", array)], 2);
        let (docs, rejected) = read(&path, ReaderConfig::default()).unwrap();
        assert!(rejected.is_empty(), "{kind}");
        assert_eq!(texts(&docs), ["first text", "second text", "third text"], "{kind}");
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "{kind}");
        let places: Vec<(u64, u64)> = docs.iter().map(|d| (d.at.line, d.at.offset)).collect();
        assert_eq!(places, [(1, 0), (2, 1), (3, 2)], "{kind}");
    }
}

#[test]
fn field_options_pick_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.parquet");
    write_table(
        &path,
        vec![
            ("url", Arc::new(Int64Array::from(vec![Some(7), None])) as ArrayRef),
            ("body", strings(&[Some("Body one"), Some("Body two")])),
            // 2024-05-14 and 1970-01-02
            ("published", Arc::new(Date32Array::from(vec![Some(19857), Some(1)]))),
            ("outlet", strings(&[Some("TASS"), None])),
            ("headline", strings(&[None, Some("Second")])),
            ("text", strings(&[Some("not this"), Some("nor this")])),
        ],
        10,
    );
    let config = ReaderConfig {
        id_field: "url".into(),
        text_field: "body".into(),
        date_field: "published".into(),
        source_field: "outlet".into(),
        title_field: "headline".into(),
        ..ReaderConfig::default()
    };
    let (docs, _) = read(&path, config).unwrap();
    let expected_id = format!("{}:2", path.display());
    assert_eq!(docs[0].id, "7");
    assert_eq!(docs[1].id, expected_id);
    assert_eq!(texts(&docs), ["Body one", "Body two"]);
    assert_eq!(docs[0].date.as_deref(), Some("2024-05-14"));
    assert_eq!(docs[1].date.as_deref(), Some("1970-01-02"));
    assert_eq!((docs[0].source.as_deref(), docs[1].source.as_deref()), (Some("TASS"), None));
    assert_eq!((docs[0].title.as_deref(), docs[1].title.as_deref()), (None, Some("Second")));
    assert_eq!(docs[0].url, None);
}

#[test]
fn timestamps_are_iso_8601() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.parquet");
    // 2024-05-14T08:01:01Z
    let naive = TimestampSecondArray::from(vec![1_715_673_661]);
    let utc = TimestampSecondArray::from(vec![1_715_673_661]).with_timezone("+00:00");
    let moscow = TimestampSecondArray::from(vec![1_715_673_661]).with_timezone("+03:00");
    write_table(
        &path,
        vec![
            ("text", strings(&[Some("x")])),
            ("date", Arc::new(naive)),
            ("utc", Arc::new(utc)),
            ("moscow", Arc::new(moscow)),
        ],
        10,
    );
    let (docs, _) = read(&path, ReaderConfig::default()).unwrap();
    assert_eq!(docs[0].date.as_deref(), Some("2024-05-14T08:01:01"));
    let (docs, _) = read(&path, ReaderConfig { date_field: "utc".into(), ..ReaderConfig::default() }).unwrap();
    assert_eq!(docs[0].date.as_deref(), Some("2024-05-14T08:01:01Z"));
    let (docs, _) = read(&path, ReaderConfig { date_field: "moscow".into(), ..ReaderConfig::default() }).unwrap();
    assert_eq!(docs[0].date.as_deref(), Some("2024-05-14T11:01:01+03:00"));
}

#[test]
fn null_text_is_a_record_error_at_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.parquet");
    write_table(&path, vec![("text", strings(&[Some("one"), None, Some("three"), None]))], 3);
    let err = read(&path, ReaderConfig::default()).unwrap_err().to_string();
    assert_eq!(err, format!("{}: row 2: field \"text\" is null", path.display()));
    let (docs, rejected) = read(&path, skip()).unwrap();
    assert_eq!(texts(&docs), ["one", "three"]);
    let at: Vec<String> = rejected.iter().map(|r| r.location.to_string()).collect();
    assert_eq!(at, [format!("{}: row 2", path.display()), format!("{}: row 4", path.display())]);
    assert_eq!(rejected[0].location, Location::row(path.display().to_string(), 2));
}

#[test]
fn wrong_column_types_are_record_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.parquet");
    write_table(&path, vec![("text", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef)], 10);
    let err = read(&path, ReaderConfig::default()).unwrap_err().to_string();
    assert_eq!(err, format!("{}: row 1: field \"text\" has type Int64, not a string", path.display()));
    let (docs, rejected) = read(&path, skip()).unwrap();
    assert_eq!((docs.len(), rejected.len()), (0, 2));

    let path = dir.path().join("d.parquet");
    let dates = arrow_array::Float64Array::from(vec![1.5]);
    write_table(&path, vec![("text", strings(&[Some("x")])), ("date", Arc::new(dates))], 10);
    let err = read(&path, ReaderConfig::default()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!("{}: row 1: field \"date\" has type Float64, not a string, integer, date or timestamp", path.display())
    );
}

#[test]
fn invalid_utf8_in_binary_is_a_record_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.parquet");
    let bytes = BinaryArray::from(vec![b"ok".as_slice(), b"ab\xffcd".as_slice()]);
    write_table(&path, vec![("text", Arc::new(bytes) as ArrayRef)], 10);
    let err = read(&path, ReaderConfig::default()).unwrap_err().to_string();
    assert_eq!(err, format!("{}: row 2: field \"text\" is not valid UTF-8 (byte 2)", path.display()));
}

#[test]
fn a_missing_text_column_is_a_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.parquet");
    write_table(&path, vec![("id", strings(&[Some("a")])), ("body", strings(&[Some("b")]))], 10);
    for config in [ReaderConfig::default(), skip()] {
        let err = read(&path, config).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: no column \"text\" for the text (the columns are \"id\", \"body\"); \
                 name the text column with --text-field",
                path.display()
            )
        );
    }
}

#[test]
fn not_parquet_and_compressed_parquet_are_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.parquet");
    std::fs::write(&path, b"this is not parquet").unwrap();
    let err = read(&path, ReaderConfig::default()).unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}: not a readable Parquet file: ", path.display())), "{err}");
    let gz = dir.path().join("x.parquet.gz");
    std::fs::write(&gz, b"").unwrap();
    let err = read(&gz, ReaderConfig::default()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}: a Parquet file cannot be read through .gz/.zst compression (Parquet compresses its own pages)",
            gz.display()
        )
    );
}

#[test]
fn format_option_and_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upper.PARQUET");
    write_table(&path, vec![("text", strings(&[Some("x")]))], 10);
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    assert_eq!(corpus.files()[0].kind, FileKind::Parquet);
    let other = dir.path().join("table.bin");
    std::fs::copy(&path, &other).unwrap();
    let corpus = Corpus::open(&[&other], ReaderConfig::default()).unwrap();
    assert_eq!(corpus.files()[0].kind, FileKind::Text);
    let config = ReaderConfig { format: Format::Parquet, ..ReaderConfig::default() };
    let (docs, _) = read(&other, config).unwrap();
    assert_eq!(texts(&docs), ["x"]);
}

use super::super::FileKind;

/// Overwrite every column chunk of row group `group` with junk.
fn corrupt_group(path: &Path, group: usize) {
    let meta = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap().metadata().clone();
    let mut bytes = std::fs::read(path).unwrap();
    for column in meta.row_group(group).columns() {
        let (start, len) = column.byte_range();
        bytes[start as usize..(start + len) as usize].fill(0xff);
    }
    std::fs::write(path, bytes).unwrap();
}

fn fetch(corpus: &Corpus, wanted: &[RecordRef]) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    corpus.fetch(wanted, &mut |r| panic!("rejected {r}"), &mut |batch| {
        docs.extend(batch.iter().map(|raw| corpus.parse(raw).unwrap()));
        Ok(())
    })?;
    Ok(docs)
}

#[test]
fn fetch_reads_only_the_row_groups_of_the_rows_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("groups.parquet");
    let values: Vec<String> = (0..10).map(|i| format!("row {i}")).collect();
    let values: Vec<Option<&str>> = values.iter().map(|s| Some(s.as_str())).collect();
    // row groups of rows 0-3, 4-7, 8-9
    write_table(&path, vec![("text", strings(&values))], 4);
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    let at = |row: u64| RecordRef { file: 0, line: row + 1, offset: row };
    let docs = fetch(&corpus, &[at(2), at(3), at(9)]).unwrap();
    assert_eq!(texts(&docs), ["row 2", "row 3", "row 9"]);
    assert_eq!(docs.iter().map(|d| d.at).collect::<Vec<_>>(), [at(2), at(3), at(9)]);
    assert_eq!(docs[2].id, format!("{}:10", path.display()));

    corrupt_group(&path, 1);
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    // the damaged group is never read
    let docs = fetch(&corpus, &[at(0), at(9)]).unwrap();
    assert_eq!(texts(&docs), ["row 0", "row 9"]);
    // a row past the end is not there to fetch
    assert!(fetch(&corpus, &[at(10)]).unwrap().is_empty());
    // ... but the full scan reads it, and fails at the group's first row
    let err = corpus.read_all().unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}: row 5: unreadable Parquet data: ", path.display())), "{err}");
    let (docs, rejected) = read(&path, skip()).unwrap();
    assert_eq!(texts(&docs), ["row 0", "row 1", "row 2", "row 3"]);
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].location, Location::row(path.display().to_string(), 5));
}

#[test]
fn selections_within_a_row_group() {
    let t = |start: u64, n: u64, wanted: &[u64], expected: &[(bool, usize)]| {
        let selectors: Vec<RowSelector> = select(start, n, wanted).iter().copied().collect();
        let expected: Vec<RowSelector> = expected
            .iter()
            .map(|&(chosen, n)| if chosen { RowSelector::select(n) } else { RowSelector::skip(n) })
            .collect();
        assert_eq!(selectors, expected, "{start} {n} {wanted:?}");
    };
    t(0, 4, &[2, 3], &[(false, 2), (true, 2)]);
    t(0, 4, &[0], &[(true, 1), (false, 3)]);
    t(4, 4, &[4, 7], &[(true, 1), (false, 2), (true, 1)]);
    t(8, 2, &[9], &[(false, 1), (true, 1)]);
    t(8, 2, &[8, 9], &[(true, 2)]);
}

#[test]
fn locations_name_the_row() {
    assert_eq!(Location::row("data.parquet", 17).to_string(), "data.parquet: row 17");
    let json = serde_json::to_string(&Location::row("d.parquet", 3)).unwrap();
    assert_eq!(json, r#"{"path":"d.parquet","line":null,"row":3}"#);
}

#[test]
fn fetch_skips_the_pages_without_rows_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.parquet");
    let values: Vec<String> = (0..10).map(|i| format!("row {i}")).collect();
    // one row group; pages of two rows, without dictionary
    let batch = RecordBatch::try_new(
        Arc::new(Schema::new(vec![Field::new("text", DataType::Utf8, true)])),
        vec![Arc::new(StringArray::from_iter_values(&values)) as ArrayRef],
    )
    .unwrap();
    let props = WriterProperties::builder()
        .set_dictionary_enabled(false)
        .set_data_page_row_count_limit(2)
        .set_write_batch_size(2)
        .build();
    let mut w = ArrowWriter::try_new(File::create(&path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let f = File::open(&path).unwrap();
    let options = ArrowReaderOptions::default().with_offset_index_policy(PageIndexPolicy::Required);
    let meta = ArrowReaderMetadata::load(&f, options).unwrap();
    let pages =
        meta.metadata().page_index_for_row_group(0).offset_index(0).expect("an offset index").page_locations().clone();
    assert_eq!(pages.len(), 5);
    assert_eq!(pages[2].first_row_index, 4);
    // damage the page of rows 4 and 5
    let mut bytes = std::fs::read(&path).unwrap();
    let start = pages[2].offset as usize;
    bytes[start..start + pages[2].compressed_page_size as usize].fill(0xff);
    std::fs::write(&path, bytes).unwrap();
    let corpus = Corpus::open(&[&path], ReaderConfig::default()).unwrap();
    let at = |row: u64| RecordRef { file: 0, line: row + 1, offset: row };
    let docs = fetch(&corpus, &[at(1), at(3), at(6), at(9)]).unwrap();
    assert_eq!(texts(&docs), ["row 1", "row 3", "row 6", "row 9"]);
    assert!(fetch(&corpus, &[at(4)]).is_err());
    assert!(corpus.read_all().is_err());
}
