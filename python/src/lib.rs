//! `wiretrace._native`: the native half of the Python package `wiretrace`.
//!
//! Thin functions over the library: each takes paths and a JSON object of
//! parameters, runs the library with the GIL released (on a rayon pool of
//! `threads` threads when given), and returns what the command line would
//! print (`--json` lines) as one string, which the Python half parses.
//! Library errors become `ValueError` (bad input, parameters, records,
//! stage files) or `OSError` (reading and writing files), with the
//! library's message.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use std::path::PathBuf;
use wiretrace::attribution::Attributor;
use wiretrace::corpus::{Corpus, Format, ReaderConfig};
use wiretrace::pipeline::{self, CheckConfig, DedupConfig, DedupReport, PassageConfig};
use wiretrace::progress::NoProgress;
use wiretrace::report::{self, OutputFormat};
use wiretrace::shard;

mod kernels;

/// A library error as a Python exception with the same message.
fn py_err(e: wiretrace::Error) -> PyErr {
    match e.kind() {
        wiretrace::ErrorKind::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// Run `work` without the GIL, on a pool of `threads` threads when given.
fn run<T: Send>(py: Python<'_>, threads: Option<usize>, work: impl FnOnce() -> PyResult<T> + Send) -> PyResult<T> {
    py.detach(|| match threads {
        None => work(),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?
            .install(work),
    })
}

/// The dedup parameters: the library's defaults with the fields of the
/// JSON object `params` (as [`DedupConfig`] serializes) replaced.
fn dedup_config(params: &str) -> PyResult<DedupConfig> {
    let mut base = serde_json::to_value(DedupConfig::default()).expect("the config serializes");
    let given: serde_json::Value =
        serde_json::from_str(params).map_err(|e| PyValueError::new_err(format!("parameters: {e}")))?;
    let (Some(base_fields), serde_json::Value::Object(given)) = (base.as_object_mut(), given) else {
        return Err(PyValueError::new_err("parameters must be a JSON object"));
    };
    for (k, v) in given {
        if !base_fields.contains_key(&k) && k != "memory_limit" {
            return Err(PyValueError::new_err(format!("unknown dedup parameter {k:?}")));
        }
        base_fields.insert(k, v);
    }
    let config: DedupConfig =
        serde_json::from_value(base).map_err(|e| PyValueError::new_err(format!("invalid configuration: {e}")))?;
    config.validate().map_err(py_err)?;
    Ok(config)
}

/// JSON Lines records read from `path`.
fn jsonl(path: &str) -> PyResult<Corpus> {
    let reader = ReaderConfig { format: Format::Jsonl, ..ReaderConfig::default() };
    Corpus::open(&[path], reader).map_err(py_err)
}

/// Output lines into a string.
fn lines(write: impl FnOnce(&mut Vec<u8>) -> wiretrace::Result<()>) -> PyResult<String> {
    let mut out = Vec::new();
    write(&mut out).map_err(py_err)?;
    Ok(String::from_utf8(out).expect("JSON output is UTF-8"))
}

/// Clusters as `dedup --json` prints them, and every document's id in
/// input order.
fn dedup_output(report: &DedupReport) -> PyResult<(String, Vec<String>)> {
    let clusters = lines(|w| report::write_dedup(w, report, OutputFormat::Json))?;
    Ok((clusters, report.ids.clone()))
}

/// `dedup` of the JSON Lines file `path`: (`--json` lines, ids).
#[pyfunction]
#[pyo3(signature = (path, params, threads=None, unique_out=None))]
fn dedup_jsonl(
    py: Python<'_>,
    path: &str,
    params: &str,
    threads: Option<usize>,
    unique_out: Option<PathBuf>,
) -> PyResult<(String, Vec<String>)> {
    let config = dedup_config(params)?;
    run(py, threads, || {
        let corpus = jsonl(path)?;
        let report = pipeline::dedup(&corpus, &config, &NoProgress).map_err(py_err)?;
        if let Some(out) = &unique_out {
            report::write_unique(&corpus, &report, out, &NoProgress).map_err(py_err)?;
        }
        dedup_output(&report)
    })
}

/// `passages --json` of the JSON Lines file `path`.
#[pyfunction]
#[pyo3(signature = (path, shingle_size, min_words, max_gap, threads=None))]
fn passages_jsonl(
    py: Python<'_>,
    path: &str,
    shingle_size: usize,
    min_words: usize,
    max_gap: usize,
    threads: Option<usize>,
) -> PyResult<String> {
    let config = PassageConfig { shingle_size, min_words, max_gap, ..PassageConfig::default() };
    run(py, threads, || {
        let report = pipeline::passages(&jsonl(path)?, &config, &NoProgress).map_err(py_err)?;
        lines(|w| report::write_passages(w, &report, OutputFormat::Json))
    })
}

/// `check --json` of the JSON Lines file `path` against the index `index`.
#[pyfunction]
#[pyo3(signature = (index, path, min_words, threads=None))]
fn check_jsonl(
    py: Python<'_>,
    index: PathBuf,
    path: &str,
    min_words: usize,
    threads: Option<usize>,
) -> PyResult<String> {
    let config = CheckConfig { min_words, ..CheckConfig::default() };
    run(py, threads, || {
        let index = wiretrace::index::Index::open(&index).map_err(py_err)?;
        let report = pipeline::check(&jsonl(path)?, &index, &config, &NoProgress).map_err(py_err)?;
        lines(|w| report::write_check(w, &report, OutputFormat::Json, false))
    })
}

/// Byte offset `b` of `text` as a character offset (a Python `str` index).
fn char_at(text: &str, b: u32) -> usize {
    text[..b as usize].chars().count()
}

/// The quotes of one text: (quote, speaker, outlet, cue, speaker name,
/// spans as character offsets: quote, speaker, cue).
type QuoteRow = (String, Option<String>, Option<String>, Option<String>, Option<String>, [Option<(usize, usize)>; 3]);

/// Every quote of `text` with its speaker, cue and credited outlet.
#[pyfunction]
fn quotes(py: Python<'_>, text: &str) -> Vec<QuoteRow> {
    py.detach(|| {
        let span = |s: Option<wiretrace::corpus::ByteSpan>| s.map(|s| (char_at(text, s.start), char_at(text, s.end)));
        Attributor::builtin()
            .attribute(text)
            .into_iter()
            .map(|q| {
                (
                    text[q.span.range()].to_owned(),
                    q.speaker_text(text).map(str::to_owned),
                    q.outlet.clone(),
                    q.cue_text(text).map(str::to_owned),
                    q.speaker_name.clone(),
                    [span(Some(q.span)), span(q.speaker), span(q.cue)],
                )
            })
            .collect()
    })
}

/// The `(node, label)` of every node of the edges `a[i]`–`b[i]`, by node;
/// the label is the smallest node of its connected component.
#[pyfunction]
fn label_components(py: Python<'_>, a: Vec<u64>, b: Vec<u64>) -> PyResult<Vec<(u64, u64)>> {
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!("{} sources but {} targets", a.len(), b.len())));
    }
    Ok(py.detach(|| shard::label_components(a.iter().copied().zip(b.iter().copied()))))
}

/// `shard plan`: cut `inputs` into `shards` shards; the manifest's JSON.
#[pyfunction]
#[pyo3(signature = (inputs, shards, dir, format="auto", skip_invalid=false))]
fn shard_plan(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    shards: usize,
    dir: PathBuf,
    format: &str,
    skip_invalid: bool,
) -> PyResult<String> {
    let format = match format {
        "auto" => Format::Auto,
        "jsonl" => Format::Jsonl,
        "text" => Format::Text,
        "lines" => Format::Lines,
        "warc" => Format::Warc,
        "html" => Format::Html,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown format {other:?} (auto, jsonl, text, lines, warc or html)"
            )))
        }
    };
    let reader = ReaderConfig { format, skip_invalid, ..ReaderConfig::default() };
    py.detach(|| {
        let m = shard::plan(&inputs, reader, shards, &dir).map_err(py_err)?;
        Ok(serde_json::to_string(&m).expect("the manifest serializes"))
    })
}

/// A stage's (rows, rejected).
type Summary = (u64, u64);

/// `shard sign` of shard `k`.
#[pyfunction]
#[pyo3(signature = (dir, k, params, threads=None))]
fn shard_sign(py: Python<'_>, dir: PathBuf, k: usize, params: &str, threads: Option<usize>) -> PyResult<Summary> {
    let config = dedup_config(params)?;
    run(py, threads, || summary(shard::sign(&dir, k, &config, &NoProgress)))
}

/// The path of shard `k`'s sign file.
#[pyfunction]
fn shard_sign_file(dir: PathBuf, k: usize) -> PathBuf {
    shard::sign_file(&dir, k)
}

fn summary(s: wiretrace::Result<shard::StageSummary>) -> PyResult<Summary> {
    s.map(|s| (s.rows, s.rejected)).map_err(py_err)
}

/// `shard candidates`.
#[pyfunction]
#[pyo3(signature = (dir, params, threads=None))]
fn shard_candidates(py: Python<'_>, dir: PathBuf, params: &str, threads: Option<usize>) -> PyResult<Summary> {
    let config = dedup_config(params)?;
    run(py, threads, || summary(shard::candidates(&dir, &config, &NoProgress)))
}

/// `shard verify`.
#[pyfunction]
#[pyo3(signature = (dir, params, threads=None))]
fn shard_verify(py: Python<'_>, dir: PathBuf, params: &str, threads: Option<usize>) -> PyResult<Summary> {
    let config = dedup_config(params)?;
    run(py, threads, || summary(shard::verify(&dir, &config, &NoProgress)))
}

/// `shard components`.
#[pyfunction]
fn shard_components(py: Python<'_>, dir: PathBuf, params: &str) -> PyResult<Summary> {
    let config = dedup_config(params)?;
    py.detach(|| summary(shard::components(&dir, &config)))
}

/// `components.parquet` from labels computed elsewhere (checked).
#[pyfunction]
fn shard_write_components(
    py: Python<'_>,
    dir: PathBuf,
    params: &str,
    ordinals: Vec<u64>,
    labels: Vec<u64>,
) -> PyResult<Summary> {
    let config = dedup_config(params)?;
    if ordinals.len() != labels.len() {
        return Err(PyValueError::new_err(format!("{} ordinals but {} labels", ordinals.len(), labels.len())));
    }
    let pairs: Vec<(u64, u64)> = ordinals.into_iter().zip(labels).collect();
    py.detach(|| summary(shard::write_components(&dir, &config, &pairs)))
}

/// `shard finalize`: (`--json` lines, ids); writes `unique_out` when given.
#[pyfunction]
#[pyo3(signature = (dir, params, unique_out=None, threads=None))]
fn shard_finalize(
    py: Python<'_>,
    dir: PathBuf,
    params: &str,
    unique_out: Option<PathBuf>,
    threads: Option<usize>,
) -> PyResult<(String, Vec<String>)> {
    let config = dedup_config(params)?;
    run(py, threads, || {
        let report = shard::finalize(&dir, &config, &NoProgress).map_err(py_err)?;
        if let Some(out) = &unique_out {
            let corpus = shard::Manifest::load(&dir).and_then(|m| m.corpus()).map_err(py_err)?;
            report::write_unique(&corpus, &report, out, &NoProgress).map_err(py_err)?;
        }
        dedup_output(&report)
    })
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(dedup_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(passages_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(check_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(quotes, m)?)?;
    m.add_function(wrap_pyfunction!(label_components, m)?)?;
    m.add_function(wrap_pyfunction!(shard_plan, m)?)?;
    m.add_function(wrap_pyfunction!(shard_sign, m)?)?;
    m.add_function(wrap_pyfunction!(shard_sign_file, m)?)?;
    m.add_function(wrap_pyfunction!(shard_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(shard_verify, m)?)?;
    m.add_function(wrap_pyfunction!(shard_components, m)?)?;
    m.add_function(wrap_pyfunction!(shard_write_components, m)?)?;
    m.add_function(wrap_pyfunction!(shard_finalize, m)?)?;
    kernels::register(m)?;
    Ok(())
}
