//! Reading columns of an engine's record batches (typed, with errors that
//! name the kernel and column) and building result batches.

use super::*;

/// A kernel's error: `kernel: message`.
pub(super) fn bad(kernel: &str, message: impl Into<String>) -> Error {
    Error::format(format!("{kernel} kernel"), message)
}

/// Column `name` of `batch` as `i64`s (from `Int64` or `UInt64`, bits
/// kept); nulls are an error.
pub(super) fn ints(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<i64>> {
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

pub(super) fn column<'b>(kernel: &str, batch: &'b RecordBatch, name: &str) -> Result<&'b ArrayRef> {
    batch.column_by_name(name).ok_or_else(|| {
        let have: Vec<&str> = batch.schema_ref().fields().iter().map(|f| f.name().as_str()).collect();
        bad(kernel, format!("column {name:?} is missing (the batch has {})", have.join(", ")))
    })
}

/// Column `name` as optional strings (`Utf8` or `LargeUtf8`).
pub(super) fn strings(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>> {
    let c = column(kernel, batch, name)?;
    match c.data_type() {
        DataType::Utf8 => Ok(c.as_string::<i32>().iter().map(|s| s.map(str::to_owned)).collect()),
        DataType::LargeUtf8 => Ok(c.as_string::<i64>().iter().map(|s| s.map(str::to_owned)).collect()),
        DataType::Utf8View => Ok(c.as_string_view().iter().map(|s| s.map(str::to_owned)).collect()),
        t => Err(bad(kernel, format!("column {name:?} must be strings, not {t}"))),
    }
}

/// Column `name` as strings; a null is an error naming its row.
pub(super) fn texts(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<String>> {
    strings(kernel, batch, name)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| s.ok_or_else(|| bad(kernel, format!("column {name:?} is null in row {i}"))))
        .collect()
}

/// Column `name` as byte strings (`Binary` or `LargeBinary`).
pub(super) fn binaries<'b>(kernel: &str, batch: &'b RecordBatch, name: &str) -> Result<Vec<&'b [u8]>> {
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
pub(super) fn lists(kernel: &str, batch: &RecordBatch, name: &str) -> Result<Vec<Vec<i64>>> {
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

pub(super) fn i64_field(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

pub(super) fn batch(schema: SchemaRef, columns: Vec<ArrayRef>) -> RecordBatch {
    RecordBatch::try_new(schema, columns).expect("columns match the schema")
}

/// A batch of ordinal pairs `a`, `b`.
pub(super) fn pairs_batch(pairs: &[(i64, i64)]) -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![i64_field("a"), i64_field("b")]));
    batch(
        schema,
        vec![
            Arc::new(Int64Array::from_iter_values(pairs.iter().map(|p| p.0))),
            Arc::new(Int64Array::from_iter_values(pairs.iter().map(|p| p.1))),
        ],
    )
}
