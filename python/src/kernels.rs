//! The stage kernels of `wiretrace::shard::kernels` for Python: Arrow
//! record batches in and out through the Arrow PyCapsule interface
//! (`__arrow_c_array__`, `__arrow_c_stream__`: no copy of the columns),
//! the work done with the GIL released. Used by `wiretrace.kernels` and the
//! Spark driver's `mapInArrow` tasks.

use crate::{dedup_config, py_err, run};
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, RecordBatch};
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::PathBuf;
use wiretrace::corpus::Rejected;
use wiretrace::shard::kernels;

/// A Python object as record batches: anything with `__arrow_c_stream__`
/// (a `pyarrow.Table`, a reader), a list of batches, or one batch
/// (`__arrow_c_array__`).
fn batches_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if obj.hasattr("__arrow_c_stream__")? && !obj.hasattr("__arrow_c_array__")? {
        let reader = arrow_array::ffi_stream::RecordBatchStreamReader::from_pyarrow_bound(obj)?;
        return reader.collect::<Result<Vec<_>, _>>().map_err(|e| PyValueError::new_err(e.to_string()));
    }
    if let Ok(list) = obj.cast::<pyo3::types::PyList>() {
        return list.iter().map(|b| RecordBatch::from_pyarrow_bound(&b)).collect();
    }
    Ok(vec![RecordBatch::from_pyarrow_bound(obj)?])
}

/// One record batch (a `pyarrow.RecordBatch` or anything with
/// `__arrow_c_array__`).
fn batch_of(obj: &Bound<'_, PyAny>) -> PyResult<RecordBatch> {
    RecordBatch::from_pyarrow_bound(obj)
}

/// A kernel from batch to batch, without the GIL.
fn kernel<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    params: Option<&str>,
    threads: Option<usize>,
    f: impl FnOnce(&RecordBatch, &wiretrace::pipeline::DedupConfig) -> wiretrace::Result<RecordBatch> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    let input = batch_of(batch)?;
    let config = dedup_config(params.unwrap_or("{}"))?;
    let out = run(py, threads, || f(&input, &config).map_err(py_err))?;
    out.to_pyarrow(py)
}

/// `sign` kernel.
#[pyfunction]
#[pyo3(signature = (batch, params, threads=None))]
fn sign<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    params: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, Some(params), threads, kernels::sign)
}

/// `band_keys` kernel.
#[pyfunction]
fn band_keys<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>, params: &str) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, Some(params), None, kernels::band_keys)
}

/// `link_buckets` kernel.
#[pyfunction]
fn link_buckets<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, None, None, |b, _| kernels::link_buckets(b))
}

/// `fingerprints` kernel.
#[pyfunction]
fn fingerprints<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, None, None, |b, _| kernels::fingerprints(b))
}

/// `fingerprint_pairs` kernel.
#[pyfunction]
fn fingerprint_pairs<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>, params: &str) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, Some(params), None, kernels::fingerprint_pairs)
}

/// `fingerprint_counts` kernel: over all `batches` (a table, a stream, a
/// list of batches, or one batch) at once.
#[pyfunction]
fn fingerprint_counts<'py>(py: Python<'py>, batches: &Bound<'py, PyAny>, params: &str) -> PyResult<Bound<'py, PyAny>> {
    let input = batches_of(batches)?;
    let config = dedup_config(params)?;
    let out = run(py, None, || kernels::fingerprint_counts(&input, &config).map_err(py_err))?;
    out.to_pyarrow(py)
}

/// `overlap_keep` kernel.
#[pyfunction]
fn overlap_keep<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>, params: &str) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, Some(params), None, kernels::overlap_keep)
}

/// `verify` kernel.
#[pyfunction]
#[pyo3(signature = (batch, params, threads=None))]
fn verify<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    params: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    kernel(py, batch, Some(params), threads, kernels::verify)
}

/// Whether the engine kernels cover candidates and verify for `params`.
#[pyfunction]
fn engine_supports(params: &str) -> PyResult<bool> {
    Ok(kernels::engine_supports(&dedup_config(params)?))
}

/// Shard `k`'s records: (batch, rejected records as JSON).
#[pyfunction]
fn read_records<'py>(py: Python<'py>, dir: PathBuf, k: usize) -> PyResult<(Bound<'py, PyAny>, String)> {
    let (batch, rejected) = py.detach(|| kernels::read_records(&dir, k)).map_err(py_err)?;
    let rejected = serde_json::to_string(&rejected).expect("rejected records serialize");
    Ok((batch.to_pyarrow(py)?, rejected))
}

/// Shard `k`'s sign file from `sign` batches and the rejected records'
/// JSON (from `read_records`): (rows, rejected).
#[pyfunction]
fn write_sign(
    py: Python<'_>,
    dir: PathBuf,
    k: usize,
    params: &str,
    batches: &Bound<'_, PyAny>,
    rejected: &str,
) -> PyResult<(u64, u64)> {
    let config = dedup_config(params)?;
    let batches = batches_of(batches)?;
    let rejected: Vec<Rejected> =
        serde_json::from_str(rejected).map_err(|e| PyValueError::new_err(format!("rejected records: {e}")))?;
    let s = py.detach(|| kernels::write_sign(&dir, k, &config, &batches, &rejected)).map_err(py_err)?;
    Ok((s.rows, s.rejected))
}

/// Columns `names` of `batches` as `u64` tuples (from `Int64`).
fn rows_of<const N: usize>(what: &str, batches: &[RecordBatch], names: [&str; N]) -> PyResult<Vec<[u64; N]>> {
    let mut out = Vec::new();
    for b in batches {
        let mut cols = Vec::with_capacity(N);
        for name in names {
            let c = b
                .column_by_name(name)
                .and_then(|c| c.as_primitive_opt::<Int64Type>())
                .filter(|c| c.null_count() == 0)
                .ok_or_else(|| PyValueError::new_err(format!("{what}: column {name:?} must be int64 without nulls")))?;
            cols.push(c.values().clone());
        }
        out.extend((0..b.num_rows()).map(|i| std::array::from_fn(|j| cols[j][i] as u64)));
    }
    Ok(out)
}

/// `groups.parquet` and `candidates.parquet` from an engine's results:
/// `groups` (`ordinal`, `leader`), `pairs` (`a`, `b`), `repeated`
/// (`ordinal`, `first`). (rows, rejected).
#[pyfunction]
fn write_candidates(
    py: Python<'_>,
    dir: PathBuf,
    params: &str,
    groups: &Bound<'_, PyAny>,
    pairs: &Bound<'_, PyAny>,
    repeated: &Bound<'_, PyAny>,
) -> PyResult<(u64, u64)> {
    let config = dedup_config(params)?;
    let pair = |r: [u64; 2]| (r[0], r[1]);
    let groups: Vec<(u64, u64)> =
        rows_of("groups", &batches_of(groups)?, ["ordinal", "leader"])?.into_iter().map(pair).collect();
    let pairs: Vec<(u64, u64)> = rows_of("pairs", &batches_of(pairs)?, ["a", "b"])?.into_iter().map(pair).collect();
    let repeated: Vec<(u64, u64)> =
        rows_of("repeated", &batches_of(repeated)?, ["ordinal", "first"])?.into_iter().map(pair).collect();
    let s = py.detach(|| kernels::write_candidates(&dir, &config, &groups, &pairs, &repeated)).map_err(py_err)?;
    Ok((s.rows, s.rejected))
}

/// `edges.parquet` from `verify` batches (`a`, `b`, `similarity`).
#[pyfunction]
fn write_edges(py: Python<'_>, dir: PathBuf, params: &str, edges: &Bound<'_, PyAny>) -> PyResult<(u64, u64)> {
    let config = dedup_config(params)?;
    let batches = batches_of(edges)?;
    let ab = rows_of("edges", &batches, ["a", "b"])?;
    let mut sims = Vec::with_capacity(ab.len());
    for b in &batches {
        let s = b
            .column_by_name("similarity")
            .and_then(|c| c.as_primitive_opt::<arrow_array::types::Float64Type>())
            .ok_or_else(|| PyValueError::new_err("edges: column \"similarity\" must be float64"))?;
        sims.extend(s.values().iter().copied());
    }
    let edges: Vec<(u64, u64, f64)> = ab.iter().zip(sims).map(|(r, s)| (r[0], r[1], s)).collect();
    let s = py.detach(|| kernels::write_edges(&dir, &config, &edges)).map_err(py_err)?;
    Ok((s.rows, s.rejected))
}

/// Add the kernels to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sign, m)?)?;
    m.add_function(wrap_pyfunction!(band_keys, m)?)?;
    m.add_function(wrap_pyfunction!(link_buckets, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprints, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint_counts, m)?)?;
    m.add_function(wrap_pyfunction!(overlap_keep, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(engine_supports, m)?)?;
    m.add_function(wrap_pyfunction!(read_records, m)?)?;
    m.add_function(wrap_pyfunction!(write_sign, m)?)?;
    m.add_function(wrap_pyfunction!(write_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(write_edges, m)?)?;
    Ok(())
}
