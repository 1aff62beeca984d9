//! Parquet input and output end to end: every command reads Parquet as it
//! reads the same records in JSON Lines, and `dedup --unique-out` /
//! `--annotate-out` keep every column. The Parquet files are written here
//! from the JSON Lines fixtures.

use crate::util::{json_lines, run, run_with, wiretrace};
use arrow_array::builder::StringDictionaryBuilder;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const NEWS: &str = "fixtures/dedup/news.jsonl";

/// The JSON objects of a JSON Lines file.
fn records(path: &str) -> Vec<Value> {
    json_lines(&std::fs::read_to_string(path).unwrap())
}

/// A string column of field `key` of every record (null when absent or
/// not a string).
fn column(recs: &[Value], key: &str) -> ArrayRef {
    Arc::new(recs.iter().map(|r| r[key].as_str()).collect::<StringArray>())
}

/// Write `columns` (and schema `metadata`) as Parquet, in row groups of
/// `group` rows.
fn write_parquet(path: &Path, columns: Vec<(&str, ArrayRef)>, metadata: HashMap<String, String>, group: usize) {
    let fields: Vec<Field> = columns.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    let schema = Arc::new(Schema::new_with_metadata(fields, metadata));
    let batch = RecordBatch::try_new(schema.clone(), columns.into_iter().map(|(_, a)| a).collect()).unwrap();
    let props = WriterProperties::builder().set_max_row_group_row_count(Some(group)).build();
    let mut w = ArrowWriter::try_new(File::create(path).unwrap(), schema, Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// The string fields of a JSON Lines fixture as a Parquet file with the
/// same column names.
fn from_jsonl(src: &str, dst: &Path, keys: &[&str]) {
    let recs = records(src);
    write_parquet(dst, keys.iter().map(|k| (*k, column(&recs, k))).collect(), HashMap::new(), 3);
}

/// The news fixture with more columns of other types: an Int64, a
/// boolean, a date, a dictionary of strings; and schema metadata.
fn news_table(dir: &Path) -> (PathBuf, RecordBatch) {
    let recs = records(NEWS);
    let n = recs.len();
    let mut outlet = StringDictionaryBuilder::<Int32Type>::new();
    for r in &recs {
        outlet.append_option(r["source"].as_str());
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", column(&recs, "id")),
        ("text", column(&recs, "text")),
        ("date", column(&recs, "date")),
        ("source", column(&recs, "source")),
        ("title", column(&recs, "title")),
        ("views", Arc::new(Int64Array::from_iter((0..n as i64).map(|i| (i % 4 != 3).then_some(i * 10))))),
        ("flag", Arc::new(BooleanArray::from_iter((0..n).map(|i| Some(i % 2 == 0))))),
        ("published", Arc::new(Date32Array::from_iter((0..n as i32).map(|i| Some(19_000 + i))))),
        ("outlet", Arc::new(outlet.finish())),
    ];
    let metadata = HashMap::from([("huggingface".to_owned(), r#"{"info": "made in a test"}"#.to_owned())]);
    let path = dir.join("news.parquet");
    write_parquet(&path, columns, metadata, 4);
    let batch = read_parquet(&path);
    (path, batch)
}

/// A Parquet file read back whole, as one batch.
fn read_parquet(path: &Path) -> RecordBatch {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap().build().unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    arrow_select::concat::concat_batches(&batches[0].schema(), &batches).unwrap()
}

fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dedup_finds_the_same_clusters_as_in_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (table, _) = news_table(dir.path());
    for measure in ["jaccard", "containment"] {
        let jsonl = ok(&["dedup", "--json", "--measure", measure, NEWS]);
        let parquet = ok(&["dedup", "--json", "--measure", measure, s(&table)]);
        assert!(jsonl.lines().count() >= 3, "{jsonl}");
        assert_eq!(parquet, jsonl, "{measure}");
    }
    // by --format, whatever the name; and from standard input
    let other = dir.path().join("news.data");
    std::fs::copy(&table, &other).unwrap();
    let expected = ok(&["dedup", "--json", NEWS]);
    assert_eq!(ok(&["dedup", "--json", "--format", "parquet", s(&other)]), expected);
    let stdin = std::fs::read(&table).unwrap();
    let r = run_with(wiretrace().args(["dedup", "--json", "--format", "parquet", "-"]).write_stdin(stdin));
    assert_eq!((r.code, r.stdout), (0, expected), "{}", r.stderr);
}

/// The rows of `batch` at `rows`.
fn take(batch: &RecordBatch, rows: &[usize]) -> RecordBatch {
    let keep: BooleanArray = (0..batch.num_rows()).map(|i| Some(rows.contains(&i))).collect();
    arrow_select::filter::filter_record_batch(batch, &keep).unwrap()
}

/// The ids of a JSON Lines output.
fn out_ids(path: &Path) -> Vec<String> {
    records(s(path)).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn unique_out_parquet_keeps_the_kept_rows_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (table, input) = news_table(dir.path());
    let via_jsonl = dir.path().join("unique.jsonl");
    ok(&["dedup", "-q", "--unique-out", s(&via_jsonl), NEWS]);
    let kept = out_ids(&via_jsonl);
    let out = dir.path().join("unique.parquet");
    ok(&["dedup", "-q", "--unique-out", s(&out), s(&table)]);
    let got = read_parquet(&out);
    assert_eq!(got.schema(), input.schema(), "the schema, metadata included, is kept");
    let ids = input.column_by_name("id").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
    let rows: Vec<usize> = (0..input.num_rows()).filter(|&i| kept.iter().any(|k| k == ids.value(i))).collect();
    assert!(rows.len() < input.num_rows() && rows.len() == kept.len(), "{kept:?}");
    assert_eq!(got, take(&input, &rows));
}

#[test]
fn annotate_out_parquet_adds_three_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (table, input) = news_table(dir.path());
    let via_jsonl = dir.path().join("annotated.jsonl");
    ok(&["dedup", "-q", "--annotate-out", s(&via_jsonl), NEWS]);
    let out = dir.path().join("annotated.parquet");
    ok(&["dedup", "-q", "--annotate-out", s(&out), s(&table)]);
    let got = read_parquet(&out);
    let n = input.num_columns();
    assert_eq!(got.num_columns(), n + 3);
    let names: Vec<&str> = got.schema_ref().fields()[n..].iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["wiretrace_cluster_id", "wiretrace_duplicate_of", "wiretrace_similarity"]);
    let types: Vec<&DataType> = got.schema_ref().fields()[n..].iter().map(|f| f.data_type()).collect();
    assert_eq!(types, [&DataType::Int64, &DataType::Utf8, &DataType::Float64]);
    assert_eq!(got.schema_ref().metadata(), input.schema_ref().metadata());
    // every row, every original column unchanged
    assert_eq!(got.project(&(0..n).collect::<Vec<_>>()).unwrap(), input);
    // the annotations are those of the JSON Lines output
    let expected: Vec<Value> = records(s(&via_jsonl)).iter().map(|r| r["wiretrace"].clone()).collect();
    let annotations = arrow_json_rows(&got.project(&[n, n + 1, n + 2]).unwrap());
    let annotations: Vec<Value> = annotations
        .iter()
        .map(|a| {
            json!({"cluster_id": a["wiretrace_cluster_id"], "duplicate_of": a["wiretrace_duplicate_of"],
                   "similarity": a["wiretrace_similarity"]})
        })
        .collect();
    assert_eq!(annotations, expected);
    assert!(expected.iter().any(|a| !a["duplicate_of"].is_null()));
}

/// A batch's rows as JSON objects, nulls written.
fn arrow_json_rows(batch: &RecordBatch) -> Vec<Value> {
    let mut buf = Vec::new();
    let mut w = arrow_json::WriterBuilder::new()
        .with_explicit_nulls(true)
        .build::<_, arrow_json::writer::LineDelimited>(&mut buf);
    w.write(batch).unwrap();
    w.finish().unwrap();
    drop(w);
    json_lines(std::str::from_utf8(&buf).unwrap())
}

#[test]
fn json_lines_outputs_of_parquet_rows_keep_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let (table, input) = news_table(dir.path());
    let all = arrow_json_rows(&input);
    // one row spelled out: every column, nulls included, dates ISO 8601
    assert_eq!(
        all[3],
        json!({"id": "a4", "text": all[3]["text"], "date": all[3]["date"], "source": all[3]["source"],
               "title": null, "views": null, "flag": false, "published": "2022-01-11", "outlet": all[3]["source"]})
    );
    let unique = dir.path().join("unique.jsonl");
    ok(&["dedup", "-q", "--unique-out", s(&unique), s(&table)]);
    let via_jsonl = dir.path().join("unique-from-jsonl.jsonl");
    ok(&["dedup", "-q", "--unique-out", s(&via_jsonl), NEWS]);
    let kept = out_ids(&via_jsonl);
    let expected: Vec<Value> =
        all.iter().filter(|r| kept.iter().any(|k| r["id"].as_str() == Some(k.as_str()))).cloned().collect();
    assert_eq!(records(s(&unique)), expected);

    let annotated = dir.path().join("annotated.jsonl");
    ok(&["dedup", "-q", "--annotate-out", s(&annotated), s(&table)]);
    let annotated_jsonl = dir.path().join("annotated-from-jsonl.jsonl");
    ok(&["dedup", "-q", "--annotate-out", s(&annotated_jsonl), NEWS]);
    let got = records(s(&annotated));
    let from_jsonl = records(s(&annotated_jsonl));
    assert_eq!(got.len(), all.len());
    for ((g, row), j) in got.iter().zip(&all).zip(&from_jsonl) {
        let mut row = row.clone();
        row["wiretrace"] = j["wiretrace"].clone();
        assert_eq!(g, &row);
    }
}

#[test]
fn other_inputs_to_parquet_get_the_document_columns() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annotated.parquet");
    ok(&["dedup", "-q", "--annotate-out", s(&out), NEWS]);
    let got = read_parquet(&out);
    let names: Vec<&str> = got.schema_ref().fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "text",
            "date",
            "source",
            "title",
            "url",
            "wiretrace_cluster_id",
            "wiretrace_duplicate_of",
            "wiretrace_similarity"
        ]
    );
    let rows = arrow_json_rows(&got);
    let recs = records(NEWS);
    let annotated_jsonl = dir.path().join("annotated.jsonl");
    ok(&["dedup", "-q", "--annotate-out", s(&annotated_jsonl), NEWS]);
    let annotations = records(s(&annotated_jsonl));
    assert_eq!(rows.len(), recs.len());
    for ((row, rec), a) in rows.iter().zip(&recs).zip(&annotations) {
        let expected = json!({
            "id": rec["id"], "text": rec["text"], "date": rec["date"], "source": rec["source"],
            "title": rec["title"], "url": null,
            "wiretrace_cluster_id": a["wiretrace"]["cluster_id"],
            "wiretrace_duplicate_of": a["wiretrace"]["duplicate_of"],
            "wiretrace_similarity": a["wiretrace"]["similarity"],
        });
        assert_eq!(row, &expected);
    }
    // text input: the path as id
    let unique = dir.path().join("unique.parquet");
    ok(&["dedup", "-q", "--unique-out", s(&unique), "fixtures/seed.txt"]);
    let rows = arrow_json_rows(&read_parquet(&unique));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "fixtures/seed.txt");
    assert_eq!(rows[0]["text"].as_str(), Some(std::fs::read_to_string("fixtures/seed.txt").unwrap().as_str()));
}

#[test]
fn parquet_output_refuses_mixed_or_differing_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let (table, _) = news_table(dir.path());
    let out = dir.path().join("out.parquet");
    let r = run(&["dedup", "-q", "--unique-out", s(&out), s(&table), "fixtures/seed.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write Parquet from a mix of Parquet and other inputs"), "{}", r.stderr);
    let other = dir.path().join("other.parquet");
    from_jsonl("fixtures/passages/news.jsonl", &other, &["id", "text"]);
    let r = run(&["dedup", "-q", "--unique-out", s(&out), s(&table), s(&other)]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(&format!("{}: its columns differ from those of {}", other.display(), table.display())),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // ... but JSON Lines can hold both
    let jsonl = dir.path().join("out.jsonl");
    ok(&["dedup", "-q", "--unique-out", s(&jsonl), s(&table), "fixtures/seed.txt", s(&other)]);
    // in input order, the same records as from the JSON Lines the tables were made of
    let expected = dir.path().join("out-from-jsonl.jsonl");
    ok(&["dedup", "-q", "--unique-out", s(&expected), NEWS, "fixtures/seed.txt", "fixtures/passages/news.jsonl"]);
    let ids = out_ids(&jsonl);
    assert_eq!(ids, out_ids(&expected));
    assert!(ids.contains(&"fixtures/seed.txt".to_owned()) && ids.contains(&"a1".to_owned()), "{ids:?}");
}

#[test]
fn skip_invalid_counts_parquet_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.parquet");
    let text: ArrayRef = Arc::new(StringArray::from(vec![
        Some("one two three four five six"),
        None,
        Some("one two three four five six"),
        Some("seven eight nine ten eleven"),
    ]));
    let ids: ArrayRef = Arc::new(StringArray::from(vec![Some("a"), Some("b"), Some("c"), Some("a")]));
    write_parquet(&path, vec![("id", ids), ("text", text)], HashMap::new(), 2);
    let r = run(&["dedup", "--json", s(&path)]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, format!("wiretrace: error: {}: row 2: field \"text\" is null\n", path.display()));
    let r = run(&["dedup", "--json", "--skip-invalid", s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("wiretrace: warning: {}: row 2: field \"text\" is null (skipped)", path.display())),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "wiretrace: warning: {p}: row 4: duplicate id \"a\" (first seen at {p}: row 1) (skipped)",
            p = path.display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("read 4 records: 2 documents, 2 rejected"), "{}", r.stderr);
    assert_eq!(
        json_lines(&r.stdout),
        [json!({"cluster_id": 1, "size": 2, "representative": "a",
                "members": [{"id": "a", "similarity": 1.0}, {"id": "c", "similarity": 1.0}]})]
    );
    // the outputs leave the rejected rows out
    let out = dir.path().join("annotated.parquet");
    ok(&["dedup", "-q", "--skip-invalid", "--annotate-out", s(&out), s(&path)]);
    let rows = arrow_json_rows(&read_parquet(&out));
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
}

#[test]
fn a_missing_text_column_names_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("body.parquet");
    from_jsonl("fixtures/passages/news.jsonl", &path, &["id", "text"]);
    let r = run(&["passages", "--json", "--text-field", "body", s(&path)]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "wiretrace: error: {}: no column \"body\" for the text (the columns are \"id\", \"text\"); \
             name the text column with --text-field\n",
            path.display()
        )
    );
}

#[test]
fn every_command_reads_parquet_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let keys = ["id", "text", "date", "source", "title"];
    let passages = dir.path().join("passages.parquet");
    from_jsonl("fixtures/passages/news.jsonl", &passages, &keys);
    assert_eq!(ok(&["passages", "--json", s(&passages)]), ok(&["passages", "--json", "fixtures/passages/news.jsonl"]));
    let quotes = dir.path().join("quotes.parquet");
    from_jsonl("fixtures/quotes/corpus.jsonl", &quotes, &keys);
    let from_jsonl_out = ok(&["quotes", "--json", "fixtures/quotes/corpus.jsonl"]);
    assert!(!from_jsonl_out.is_empty());
    assert_eq!(ok(&["quotes", "--json", s(&quotes)]), from_jsonl_out);
    assert_eq!(
        ok(&["quotes", "--json", "--trace", s(&quotes)]),
        ok(&["quotes", "--json", "--trace", "fixtures/quotes/corpus.jsonl"])
    );
    let extracted = ok(&["extract", "--json", s(&quotes)]);
    assert_eq!(extracted, ok(&["extract", "--json", "fixtures/quotes/corpus.jsonl"]));

    // an index built from Parquet checks like one built from JSON Lines
    let wire = dir.path().join("wire.parquet");
    from_jsonl("fixtures/check/wire.jsonl", &wire, &keys);
    let from_parquet = dir.path().join("p.wtidx");
    let from_json = dir.path().join("j.wtidx");
    ok(&["index", "build", "-q", "-o", s(&from_parquet), s(&wire)]);
    ok(&["index", "build", "-q", "-o", s(&from_json), "fixtures/check/wire.jsonl"]);
    let article = "fixtures/check/articles/uncredited.txt";
    let r = run(&["check", "--json", "--index", s(&from_parquet), article]);
    let expected = run(&["check", "--json", "--index", s(&from_json), article]);
    assert_eq!((r.code, &r.stdout), (1, &expected.stdout), "{}", r.stderr);
    assert!(!r.stdout.is_empty());

    // check reads Parquet too: findings name the row
    let articles = dir.path().join("articles.parquet");
    let text = std::fs::read_to_string(article).unwrap();
    write_parquet(
        &articles,
        vec![
            ("id", Arc::new(StringArray::from(vec!["clean", "copy"])) as ArrayRef),
            ("text", Arc::new(StringArray::from(vec!["Nothing copied here at all.", text.as_str()]))),
        ],
        HashMap::new(),
        1,
    );
    let r = run(&["check", "--index", s(&from_json), s(&articles)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with(&format!("{}: row 2", articles.display())), "{}", r.stdout);
}

#[test]
fn extract_writes_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = "fixtures/crawl/crawl.warc.gz";
    let out = dir.path().join("pages.parquet");
    let r = run(&["extract", "--output", s(&out), crawl]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let rows = arrow_json_rows(&read_parquet(&out));
    let expected = json_lines(&ok(&["extract", "--json", crawl]));
    assert!(expected.len() >= 2);
    assert_eq!(rows, expected);
    // read back, the documents cluster as the crawl does (the crawl's
    // members also name their page URLs; Parquet input names none)
    let mut from_crawl = json_lines(&ok(&["dedup", "--json", crawl]));
    for member in from_crawl[0]["members"].as_array_mut().unwrap() {
        assert!(member.as_object_mut().unwrap().remove("url").is_some());
    }
    assert_eq!(json_lines(&ok(&["dedup", "--json", s(&out)])), from_crawl);
    let r = run(&["extract", "--output", "pages.jsonl", crawl]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("extract --output writes Parquet, so its name ends in .parquet"), "{}", r.stderr);
}

#[test]
fn a_damaged_row_group_is_skipped_and_left_out_of_the_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.parquet");
    let texts: Vec<String> = (0..6).map(|i| format!("document number {i} has a few words of its own")).collect();
    let ids: Vec<String> = (0..6).map(|i| format!("d{i}")).collect();
    let column = |v: &[String]| Arc::new(StringArray::from_iter_values(v)) as ArrayRef;
    // row groups: rows 1-2, 3-4, 5-6; the last one damaged
    write_parquet(&path, vec![("id", column(&ids)), ("text", column(&texts))], HashMap::new(), 2);
    let meta = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap()).unwrap().metadata().clone();
    let mut bytes = std::fs::read(&path).unwrap();
    for c in meta.row_group(2).columns() {
        let (start, len) = c.byte_range();
        bytes[start as usize..(start + len) as usize].fill(0xff);
    }
    std::fs::write(&path, bytes).unwrap();
    let r = run(&["dedup", "--json", s(&path)]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(&format!("wiretrace: error: {}: row 5: unreadable Parquet data: ", path.display())),
        "{}",
        r.stderr
    );
    let parquet = dir.path().join("annotated.parquet");
    let jsonl = dir.path().join("annotated.jsonl");
    let r = run(&["dedup", "--skip-invalid", "--annotate-out", s(&jsonl), s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("read 5 records: 4 documents, 1 rejected"), "{}", r.stderr);
    let got: Vec<String> = out_ids(&jsonl);
    assert_eq!(got, ["d0", "d1", "d2", "d3"]);
    ok(&["dedup", "-q", "--skip-invalid", "--annotate-out", s(&parquet), s(&path)]);
    let rows = arrow_json_rows(&read_parquet(&parquet));
    let got: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(got, ["d0", "d1", "d2", "d3"]);
}

#[test]
fn out_of_core_dedup_of_parquet_matches_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (table, _) = news_table(dir.path());
    let (a, b) = (dir.path().join("a.parquet"), dir.path().join("b.parquet"));
    let in_memory = ok(&["dedup", "--json", "--annotate-out", s(&a), s(&table)]);
    let limited = ok(&["dedup", "--json", "--memory-limit", "1M", "--annotate-out", s(&b), s(&table)]);
    assert_eq!(limited, in_memory);
    assert_eq!(read_parquet(&b), read_parquet(&a));
}
