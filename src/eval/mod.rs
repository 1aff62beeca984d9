//! Evaluation: score wiretrace's JSON Lines output against labelled truth,
//! with the same metrics as the reference scorers of the evaluation data.
//!
//! * [`dedup`]: pair precision, recall, F1 and adjusted Rand index of
//!   cluster output against truth clusters and/or labelled pairs.
//! * [`passages`]: byte precision, byte and span recall, and edited-copy
//!   recall of passage clusters against truth copy spans.
//! * [`quotes`]: quote span recall, speaker and outlet accuracy against
//!   gold attributions.
//!
//! Loading is strict: a line that is not JSON, or a record without the
//! fields a metric needs, is an error naming the file and line.

pub mod dedup;
pub mod passages;
pub mod quotes;
pub mod spans;
pub mod words;

use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// A malformed evaluation file.
pub(crate) fn format_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    let path = match line {
        Some(l) => format!("{}:{l}", path.display()),
        None => path.display().to_string(),
    };
    Error::from(ErrorKind::Format { path, message: message.into() })
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::from(ErrorKind::Io { path: path.display().to_string(), source: e }))
}

/// Every JSON object of a JSON Lines file, with its 1-based line number.
/// Blank lines are skipped.
pub fn load_jsonl(path: &Path) -> Result<Vec<(usize, serde_json::Map<String, Value>)>> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(m)) => out.push((i + 1, m)),
            Ok(_) => return Err(format_error(path, Some(i + 1), "not a JSON object")),
            Err(e) => return Err(format_error(path, Some(i + 1), format!("malformed JSON: {e}"))),
        }
    }
    Ok(out)
}

/// A JSON file (one value).
pub fn load_json(path: &Path) -> Result<Value> {
    let text = read(path)?;
    serde_json::from_str(&text).map_err(|e| format_error(path, Some(e.line()), format!("malformed JSON: {e}")))
}

/// The documents of a corpus as the scorers read them: JSON Lines with
/// string fields `id` and `text`, in file order.
#[derive(Clone, Debug, Default)]
pub struct DocTexts {
    /// Ids in file order.
    pub ids: Vec<String>,
    /// Id → UTF-8 text.
    pub texts: HashMap<String, String>,
}

impl DocTexts {
    /// Read `id` and `text` of every record of a JSON Lines file.
    pub fn load(path: &Path) -> Result<DocTexts> {
        let mut docs = DocTexts::default();
        for (line, rec) in load_jsonl(path)? {
            let id = str_field(&rec, "id").ok_or_else(|| format_error(path, Some(line), "no string field \"id\""))?;
            let text =
                str_field(&rec, "text").ok_or_else(|| format_error(path, Some(line), "no string field \"text\""))?;
            if docs.texts.insert(id.to_string(), text.to_string()).is_some() {
                return Err(format_error(path, Some(line), format!("duplicate id {id:?}")));
            }
            docs.ids.push(id.to_string());
        }
        Ok(docs)
    }

    /// Only the ids of a JSON Lines file (string field `id`), in file
    /// order; texts are skipped, not kept.
    pub fn load_ids(path: &Path) -> Result<Vec<String>> {
        #[derive(serde::Deserialize)]
        struct IdOnly {
            id: Option<Value>,
        }
        let text = read(path)?;
        let mut ids = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let rec: IdOnly = serde_json::from_str(line)
                .map_err(|e| format_error(path, Some(i + 1), format!("malformed JSON: {e}")))?;
            let Some(Value::String(id)) = rec.id else {
                return Err(format_error(path, Some(i + 1), "no string field \"id\""));
            };
            if !seen.insert(id.clone()) {
                return Err(format_error(path, Some(i + 1), format!("duplicate id {id:?}")));
            }
            ids.push(id);
        }
        Ok(ids)
    }

    /// The text of a document as bytes.
    pub fn bytes(&self, id: &str) -> Option<&[u8]> {
        self.texts.get(id).map(|t| t.as_bytes())
    }
}

pub(crate) fn str_field<'a>(rec: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    rec.get(key).and_then(Value::as_str)
}

/// A JSON value as a non-negative integer offset.
pub(crate) fn offset(v: Option<&Value>) -> Option<usize> {
    v.and_then(Value::as_u64).map(|x| x as usize)
}

/// A `[start, end]` pair of offsets.
pub(crate) fn offset_pair(v: Option<&Value>) -> Option<(usize, usize)> {
    let a = v?.as_array()?;
    Some((offset(a.first())?, offset(a.get(1))?))
}

/// `2pr / (p + r)`, 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// `num / den`, 0 when `den` is 0.
pub(crate) fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}
