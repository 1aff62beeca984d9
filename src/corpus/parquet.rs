//! Parquet input: one document a row.
//!
//! The columns are chosen by the same field options as JSON Lines
//! ([`ReaderConfig::id_field`], `text_field`, `date_field`, `source_field`,
//! `title_field`); only top-level columns are looked up, and only those are
//! read (a projection), so other columns cost nothing. A file without the
//! text column is an error for the whole file, naming its columns.
//!
//! Per row: the text must be a string (`Utf8`, `LargeUtf8`, `Utf8View`, a
//! dictionary of strings, or binary holding UTF-8); a null text, or a text
//! column of another type, makes the row a record error (skippable with
//! `--skip-invalid`) at `FILE: row N`. The id may also be an integer; a null
//! id gives `PATH:ROW` like JSON Lines' `PATH:LINE`. Dates may be strings,
//! integers, `Date32`/`Date64` or timestamps (written as ISO 8601, e.g.
//! `2024-05-14` or `2024-05-14T08:01:01`, with the offset when the column
//! has a time zone).
//!
//! Files are streamed a row group at a time, a record batch
//! ([`BATCH_ROWS`] rows) at a time, never whole. A record's [`RecordRef`] is `{ file, line: 1-based row, offset:
//! 0-based row }`; fetching chosen rows reads only the row groups holding
//! them and, where the file has an offset index (page locations; the
//! `parquet` crate writes one by default), only the pages holding them.
//!
//! Between the reader thread and the parallel parser a row travels as the
//! five field values packed into [`RawRecord::bytes`] (a tag and a length
//! before each string), so parsing is a copy.

use super::read::{Batcher, Msg};
use super::{Compression, Corpus, Document, InputFile, RawRecord, ReaderConfig, RecordRef, Rejected};
use crate::error::{Error, Location, RecordError, Result};
use ::parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder, RowSelection, RowSelectionPolicy,
    RowSelector,
};
use ::parquet::arrow::ProjectionMask;
use ::parquet::file::metadata::PageIndexPolicy;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Schema};
use std::fs::File;

/// Rows per record batch read from a Parquet file.
pub const BATCH_ROWS: usize = 1024;

/// Open a Parquet file of the corpus: its metadata is read, its rows not
/// yet. Errors name the file: it is compressed as a whole (`.gz`/`.zst`),
/// cannot be opened, or is not Parquet.
pub fn open(file: &InputFile) -> Result<ParquetRecordBatchReaderBuilder<File>> {
    let (f, meta) = open_metadata(file)?;
    Ok(ParquetRecordBatchReaderBuilder::new_with_metadata(f, meta))
}

/// The open file and its metadata (see [`open`]).
fn open_metadata(file: &InputFile) -> Result<(File, ArrowReaderMetadata)> {
    if file.compression != Compression::None {
        return Err(Error::input(
            &file.display,
            "a Parquet file cannot be read through .gz/.zst compression (Parquet compresses its own pages)",
        ));
    }
    let f = File::open(&file.path).map_err(|e| Error::io(file.display.clone(), e))?;
    // the offset index (page locations), where the file has one, lets a
    // fetch of chosen rows skip the pages that hold none of them
    let options = ArrowReaderOptions::default().with_offset_index_policy(PageIndexPolicy::Optional);
    let meta = ArrowReaderMetadata::load(&f, options)
        .map_err(|e| Error::input(&file.display, format!("not a readable Parquet file: {e}")))?;
    Ok((f, meta))
}

/// The roles a column can play, in the order a packed row holds them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Id,
    Text,
    Date,
    Source,
    Title,
}

const ROLES: [Role; 5] = [Role::Id, Role::Text, Role::Date, Role::Source, Role::Title];

impl Role {
    fn field(self, config: &ReaderConfig) -> &str {
        match self {
            Role::Id => &config.id_field,
            Role::Text => &config.text_field,
            Role::Date => &config.date_field,
            Role::Source => &config.source_field,
            Role::Title => &config.title_field,
        }
    }

    /// Whether a column of type `t` can play this role (after dictionaries
    /// are unpacked); integers and dates are turned into strings.
    fn accepts(self, t: &DataType) -> bool {
        use DataType::*;
        let string = matches!(t, Utf8 | LargeUtf8 | Utf8View | Binary | LargeBinary | BinaryView | Null);
        let integer = t.is_integer();
        let temporal = matches!(t, Date32 | Date64 | Timestamp(..));
        match self {
            Role::Text => string,
            Role::Id | Role::Source | Role::Title => string || integer,
            Role::Date => string || integer || temporal,
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Role::Text => "a string",
            Role::Id | Role::Source | Role::Title => "a string or integer",
            Role::Date => "a string, integer, date or timestamp",
        }
    }
}

/// The top-level column index of each role in a file's schema (`None`
/// when the file has no such column). The text column must exist.
fn resolve(file: &InputFile, schema: &Schema, config: &ReaderConfig) -> Result<[Option<usize>; 5]> {
    let index = |name: &str| schema.fields().iter().position(|f| f.name() == name);
    let columns = ROLES.map(|role| index(role.field(config)));
    if columns[1].is_none() {
        let names: Vec<String> = schema.fields().iter().map(|f| format!("{:?}", f.name())).collect();
        return Err(Error::input(
            &file.display,
            format!(
                "no column {:?} for the text (the columns are {}); name the text column with --text-field",
                config.text_field,
                names.join(", ")
            ),
        ));
    }
    Ok(columns)
}

/// One role's column in one record batch, ready to read row by row:
/// strings as they are, dictionaries unpacked, integers and dates cast to
/// strings; or why the column cannot play the role.
enum Prepared {
    Absent,
    Values(ArrayRef),
    Wrong(String),
}

fn prepare(batch: &RecordBatch, name: &str, role: Role) -> Prepared {
    let Some(array) = batch.column_by_name(name) else { return Prepared::Absent };
    let mut array = array.clone();
    if let DataType::Dictionary(_, value) = array.data_type() {
        let value = (**value).clone();
        match arrow_cast::cast(&array, &value) {
            Ok(a) => array = a,
            Err(e) => return Prepared::Wrong(format!("cannot be read: {e}")),
        }
    }
    let t = array.data_type().clone();
    if !role.accepts(&t) {
        return Prepared::Wrong(format!("has type {t}, not {}", role.expected()));
    }
    if t.is_integer() || matches!(t, DataType::Date32 | DataType::Date64 | DataType::Timestamp(..)) {
        return match arrow_cast::cast(&array, &DataType::Utf8) {
            Ok(a) => Prepared::Values(a),
            Err(e) => Prepared::Wrong(format!("cannot be read as a string: {e}")),
        };
    }
    Prepared::Values(array)
}

/// The value of one field of one row.
enum Value<'a> {
    Null,
    Str(&'a str),
    Problem(String),
}

impl Prepared {
    fn value(&self, row: usize) -> Value<'_> {
        let array = match self {
            Prepared::Absent => return Value::Null,
            Prepared::Wrong(why) => return Value::Problem(why.clone()),
            Prepared::Values(a) => a,
        };
        if array.is_null(row) {
            return Value::Null;
        }
        let bytes: &[u8] = match array.data_type() {
            DataType::Utf8 => return Value::Str(array.as_string::<i32>().value(row)),
            DataType::LargeUtf8 => return Value::Str(array.as_string::<i64>().value(row)),
            DataType::Utf8View => return Value::Str(array.as_string_view().value(row)),
            DataType::Binary => array.as_binary::<i32>().value(row),
            DataType::LargeBinary => array.as_binary::<i64>().value(row),
            DataType::BinaryView => array.as_binary_view().value(row),
            // `Null`, and nothing else passes `prepare`
            _ => return Value::Null,
        };
        match std::str::from_utf8(bytes) {
            Ok(s) => Value::Str(s),
            Err(e) => Value::Problem(format!("is not valid UTF-8 (byte {})", e.valid_up_to())),
        }
    }
}

const TAG_NULL: u8 = 0;
const TAG_STR: u8 = 1;
const TAG_PROBLEM: u8 = 2;

/// Pack one row's five field values (id, text, date, source, title): for
/// each a tag byte (null, string, problem), and for a string or a problem
/// its length (8 bytes, little-endian) and UTF-8 bytes.
fn pack(values: &[Value<'_>]) -> Vec<u8> {
    let len: usize = values
        .iter()
        .map(|v| match v {
            Value::Null => 1,
            Value::Str(s) => 9 + s.len(),
            Value::Problem(s) => 9 + s.len(),
        })
        .sum();
    let mut out = Vec::with_capacity(len);
    for v in values {
        let (tag, s) = match v {
            Value::Null => (TAG_NULL, None),
            Value::Str(s) => (TAG_STR, Some(*s)),
            Value::Problem(s) => (TAG_PROBLEM, Some(s.as_str())),
        };
        out.push(tag);
        if let Some(s) = s {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
    }
    out
}

/// The inverse of [`pack`].
fn unpack(mut bytes: &[u8]) -> [Value<'_>; 5] {
    let mut next = || {
        let (&tag, rest) = bytes.split_first().expect("a packed row has five fields");
        bytes = rest;
        if tag == TAG_NULL {
            return Value::Null;
        }
        let (len, rest) = bytes.split_at(8);
        let len = u64::from_le_bytes(len.try_into().expect("8 bytes")) as usize;
        let (s, rest) = rest.split_at(len);
        bytes = rest;
        let s = std::str::from_utf8(s).expect("packed from a str");
        if tag == TAG_STR {
            Value::Str(s)
        } else {
            Value::Problem(s.to_owned())
        }
    };
    [next(), next(), next(), next(), next()]
}

/// Parse one packed row of a Parquet `file` into a [`Document`]. The first
/// field with a problem (in the order id, text, date, source, title) is the
/// record's error; a null text is one too.
pub(super) fn parse_row(
    file: &InputFile,
    raw: &RawRecord,
    config: &ReaderConfig,
) -> std::result::Result<Document, RecordError> {
    let values = unpack(&raw.bytes);
    let mut fields: [Option<String>; 5] = Default::default();
    for (i, (role, value)) in ROLES.iter().zip(values).enumerate() {
        match value {
            Value::Null if *role == Role::Text => {
                return Err(RecordError::BadField { field: config.text_field.clone(), problem: "is null".into() })
            }
            Value::Null => {}
            Value::Str(s) => fields[i] = Some(s.to_owned()),
            Value::Problem(problem) => return Err(RecordError::BadField { field: role.field(config).into(), problem }),
        }
    }
    let [id, text, date, source, title] = fields;
    Ok(Document {
        id: id.unwrap_or_else(|| format!("{}:{}", file.display, raw.at.line)),
        text: text.expect("checked above"),
        date,
        source,
        title,
        url: None,
        at: raw.at,
    })
}

/// The selection, within a row group of `n` rows starting at row
/// `start`, of the rows `wanted` (0-based, sorted, distinct, in the group).
fn select(start: u64, n: u64, wanted: &[u64]) -> RowSelection {
    let mut selectors = Vec::new();
    let mut at = start;
    for &row in wanted {
        if row > at {
            selectors.push(RowSelector::skip((row - at) as usize));
        }
        selectors.push(RowSelector::select(1));
        at = row + 1;
    }
    if at < start + n {
        selectors.push(RowSelector::skip((start + n - at) as usize));
    }
    RowSelection::from(selectors)
}

impl Corpus {
    /// Read the rows of Parquet file `fi` (all, or those in `only`) into
    /// `batch`, a row group at a time, reading only the row groups that hold
    /// rows of `only`. Returns false when the receiver has gone away.
    pub(super) fn read_parquet(
        &self,
        fi: u32,
        only: Option<&[RecordRef]>,
        batch: &mut Batcher,
        send: &mut dyn FnMut(Msg) -> bool,
    ) -> Result<bool> {
        let file = &self.files[fi as usize];
        let (handle, meta) = open_metadata(file)?;
        let columns = resolve(file, meta.schema(), &self.config)?;
        let names: Vec<&str> = ROLES.iter().map(|r| r.field(&self.config)).collect();
        let roots: Vec<usize> = columns.iter().flatten().copied().collect();
        let mask = ProjectionMask::roots(meta.parquet_schema(), roots);
        let wanted: Option<Vec<u64>> = only.map(|only| {
            let mut rows: Vec<u64> = only.iter().filter(|at| at.file == fi).map(|at| at.offset).collect();
            rows.sort_unstable();
            rows.dedup();
            rows
        });
        let mut start = 0u64;
        for (g, group) in meta.metadata().row_groups().iter().enumerate() {
            let n = group.num_rows().max(0) as u64;
            let group_start = start;
            start += n;
            let handle = handle.try_clone().map_err(|e| Error::io(file.display.clone(), e))?;
            let mut builder = ParquetRecordBatchReaderBuilder::new_with_metadata(handle, meta.clone())
                .with_projection(mask.clone())
                .with_batch_size(BATCH_ROWS)
                .with_row_groups(vec![g]);
            // the 0-based rows the reader yields, in order
            let mut rows: Box<dyn Iterator<Item = u64>> = Box::new(group_start..group_start + n);
            if let Some(wanted) = &wanted {
                let lo = wanted.partition_point(|&r| r < group_start);
                let hi = wanted.partition_point(|&r| r < group_start + n);
                if lo == hi {
                    continue;
                }
                let chosen = wanted[lo..hi].to_vec();
                // selectors, not a mask: a mask decodes the rows between
                // the selected ones
                builder = builder
                    .with_row_selection(select(group_start, n, &chosen))
                    .with_row_selection_policy(RowSelectionPolicy::Selectors);
                rows = Box::new(chosen.into_iter());
            }
            let reader = builder
                .build()
                .map_err(|e| Error::input(&file.display, format!("not a readable Parquet file: {e}")))?;
            let mut rows = rows.peekable();
            for record_batch in reader {
                let record_batch = match record_batch {
                    Ok(b) => b,
                    Err(e) => {
                        // the rest of the file is skipped, as with a damaged
                        // compressed stream
                        let row = rows.peek().copied().unwrap_or(group_start);
                        let location = Location::row(file.display.clone(), row + 1);
                        let reason = RecordError::Malformed(format!("unreadable Parquet data: {e}"));
                        if !self.config.skip_invalid {
                            return Err(Error::record(location, reason));
                        }
                        return Ok(send(Msg::Reject(Rejected { location, reason })));
                    }
                };
                let prepared: Vec<Prepared> =
                    ROLES.iter().zip(&names).map(|(role, name)| prepare(&record_batch, name, *role)).collect();
                for i in 0..record_batch.num_rows() {
                    let row = rows.next().expect("the reader yields the rows planned");
                    let values: Vec<Value<'_>> = prepared.iter().map(|p| p.value(i)).collect();
                    let at = RecordRef { file: fi, line: row + 1, offset: row };
                    if !batch.push(RawRecord { at, bytes: pack(&values).into() }, send) {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests;
