//! `dedup` outputs.

use super::{json_line, out_err, parquet_out, OutputFormat};
use crate::atomic_file::AtomicFile;
use crate::corpus::{Corpus, FileKind};
use crate::error::{Error, Result};
use crate::pipeline::{Cluster, DedupReport, DedupStats};
use crate::progress::{Progress, Stage};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// One line of `dedup --json`.
#[derive(Debug, Serialize, PartialEq)]
pub struct ClusterJson<'a> {
    /// 1-based cluster number.
    pub cluster_id: usize,
    /// Number of members.
    pub size: usize,
    /// Id of the kept document.
    pub representative: &'a str,
    /// Members, representative first.
    pub members: Vec<MemberJson<'a>>,
}

/// A member in [`ClusterJson`].
#[derive(Debug, Serialize, PartialEq)]
pub struct MemberJson<'a> {
    /// Document id.
    pub id: &'a str,
    /// Verified similarity to the representative, rounded to 4 decimals.
    pub similarity: f64,
    /// The page's URL (WARC target URI, or the URL an HTML page declares);
    /// left out when the input has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

/// Round for output: four decimals are plenty and keep lines short.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The JSON form of one cluster.
pub fn cluster_json<'a>(cluster: &Cluster, ids: &'a [String]) -> ClusterJson<'a> {
    cluster_json_with_urls(cluster, ids, None)
}

/// The JSON form of one cluster, each member with its URL from `urls` (by
/// id) when it has one.
pub fn cluster_json_with_urls<'a>(
    cluster: &Cluster,
    ids: &'a [String],
    urls: Option<&'a HashMap<String, String>>,
) -> ClusterJson<'a> {
    let url = |id: &str| urls.and_then(|u| u.get(id)).map(String::as_str);
    ClusterJson {
        cluster_id: cluster.id,
        size: cluster.members.len(),
        representative: &ids[cluster.representative.index()],
        members: cluster
            .members
            .iter()
            .map(|m| {
                let id = &ids[m.doc.index()];
                MemberJson { id, similarity: round4(m.similarity), url: url(id) }
            })
            .collect(),
    }
}

/// The clusters in `format` (text or JSON).
pub fn write_dedup(w: &mut dyn Write, report: &DedupReport, format: OutputFormat) -> Result<()> {
    write_dedup_with_urls(w, report, format, None)
}

/// The clusters in `format` (text or JSON); in JSON each member names its
/// URL from `urls` (by id; see [`crate::corpus::urls`]) when it has one.
pub fn write_dedup_with_urls(
    w: &mut dyn Write,
    report: &DedupReport,
    format: OutputFormat,
    urls: Option<&HashMap<String, String>>,
) -> Result<()> {
    match format {
        OutputFormat::Json => {
            report.clusters.iter().try_for_each(|c| json_line(w, &cluster_json_with_urls(c, &report.ids, urls)))
        }
        OutputFormat::Text => write_dedup_text(w, report),
        other => Err(other.unsupported("dedup")),
    }
}

/// A readable listing of the clusters.
fn write_dedup_text(w: &mut dyn Write, report: &DedupReport) -> Result<()> {
    let s = &report.stats;
    writeln!(
        w,
        "{} clusters of near-duplicates among {} documents ({} duplicates; {} unique documents)",
        s.clusters, s.documents, s.duplicates, s.unique
    )
    .map_err(out_err)?;
    for c in &report.clusters {
        writeln!(
            w,
            "\ncluster {} ({} documents), keep {}",
            c.id,
            c.members.len(),
            report.ids[c.representative.index()]
        )
        .map_err(out_err)?;
        for m in &c.members[1..] {
            writeln!(w, "  {:.4}  {}", m.similarity, report.ids[m.doc.index()]).map_err(out_err)?;
        }
    }
    Ok(())
}

/// The accounting summary (for stderr): how many records were read,
/// rejected, clustered and kept; the numbers add up.
pub fn write_summary(w: &mut dyn Write, s: &DedupStats) -> std::io::Result<()> {
    writeln!(
        w,
        "wiretrace: read {} records: {} documents, {} rejected; {} documents in {} clusters; \
         {} unique ({} singletons + {} representatives), {} duplicates ({} exact); {} empty; \
         {} candidate pairs, {} verified",
        s.read,
        s.documents,
        s.rejected,
        s.clustered,
        s.clusters,
        s.unique,
        s.unique - s.clusters,
        s.clusters,
        s.duplicates,
        s.exact_duplicates,
        s.empty,
        s.candidate_pairs,
        s.verified_pairs
    )
}

#[derive(Serialize)]
struct Annotation<'a> {
    cluster_id: Option<usize>,
    duplicate_of: Option<&'a str>,
    similarity: Option<f64>,
}

#[derive(Serialize)]
struct PlainRecord<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    wiretrace: Option<Annotation<'a>>,
}

/// Which output to write in [`rewrite`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rewrite {
    Unique,
    Annotate,
}

/// Write the deduplicated corpus: one record per cluster (its
/// representative) and every singleton, in input order. JSON Lines records
/// are copied byte for byte; a Parquet row becomes one JSON object with
/// every column; text and lines input becomes `{"id", "text"}` records.
/// Rejected records are not written. A `.parquet` path is written as
/// Parquet (see [`parquet_out`]).
pub fn write_unique(corpus: &Corpus, report: &DedupReport, path: &Path, progress: &dyn Progress) -> Result<()> {
    rewrite(corpus, report, path, Rewrite::Unique, progress)
}

/// Write every valid record with an added `"wiretrace": {"cluster_id",
/// "duplicate_of", "similarity"}` object (nulls for singletons;
/// `duplicate_of` is null for representatives). JSON Lines records keep
/// every original byte: the object is inserted before the closing brace.
/// A `.parquet` path is written as Parquet with annotation columns (see
/// [`parquet_out`]).
pub fn write_annotated(corpus: &Corpus, report: &DedupReport, path: &Path, progress: &dyn Progress) -> Result<()> {
    rewrite(corpus, report, path, Rewrite::Annotate, progress)
}

fn rewrite(corpus: &Corpus, report: &DedupReport, path: &Path, what: Rewrite, progress: &dyn Progress) -> Result<()> {
    if parquet_out::is_parquet_path(path) {
        return parquet_out::write_parquet(corpus, report, path, what == Rewrite::Annotate, progress);
    }
    let cluster_of = report.cluster_of();
    let similarity_of: Vec<f64> = {
        let mut v = vec![1.0; report.ids.len()];
        for c in &report.clusters {
            for m in &c.members {
                v[m.doc.index()] = m.similarity;
            }
        }
        v
    };
    let name = path.display().to_string();
    let mut out = AtomicFile::create(path)?;
    let io = |e: std::io::Error| Error::io(name.clone(), e);
    progress.begin(Stage::Write, None);
    // what to write for document `d`: nothing (None), or the record with
    // its annotation, if any
    let annotation_of = |d: usize| -> Option<Option<Annotation<'_>>> {
        let cluster = cluster_of[d].map(|c| &report.clusters[c as usize]);
        let is_rep = cluster.is_none_or(|c| c.representative.index() == d);
        if what == Rewrite::Unique && !is_rep {
            return None;
        }
        Some((what == Rewrite::Annotate).then(|| Annotation {
            cluster_id: cluster.map(|c| c.id),
            duplicate_of: cluster.filter(|_| !is_rep).map(|c| report.ids[c.representative.index()].as_str()),
            similarity: cluster.map(|_| round4(similarity_of[d])),
        }))
    };
    let write_json = |w: &mut dyn Write, object: &[u8], annotation: Option<Annotation<'_>>| match annotation {
        None => w.write_all(object),
        Some(a) => {
            let json = serde_json::to_string(&a).expect("annotation serializes");
            w.write_all(&insert_field(object, "wiretrace", &json))
        }
    };
    let mut parquet_done = None;
    let mut stream_rejects = Vec::new();
    corpus.scan(&mut |r| stream_rejects.push(r), &mut |batch| {
        for raw in batch {
            let file = &corpus.files()[raw.at.file as usize];
            if file.kind == FileKind::Parquet {
                // rows keep every column: the file is read again, whole
                // rows, when its first record comes by
                if parquet_done != Some(raw.at.file) {
                    parquet_done = Some(raw.at.file);
                    parquet_out::each_json_row(corpus, report, raw.at.file, &mut |at, object| {
                        let d = report.places.binary_search(&at).expect("each_json_row gives valid rows");
                        let Some(annotation) = annotation_of(d) else { return Ok(()) };
                        let w = out.writer();
                        write_json(w, object, annotation).map_err(io)?;
                        w.write_all(b"\n").map_err(io)?;
                        progress.advance(object.len() as u64);
                        Ok(())
                    })?;
                }
                continue;
            }
            let Ok(d) = report.places.binary_search(&raw.at) else { continue };
            let Some(annotation) = annotation_of(d) else { continue };
            let w = out.writer();
            if file.kind == FileKind::Jsonl {
                write_json(w, &raw.bytes, annotation).map_err(io)?;
            } else {
                let doc = corpus.parse(&raw).map_err(|reason| {
                    Error::from(crate::error::ErrorKind::InvalidRecord { location: corpus.location(raw.at), reason })
                })?;
                let rec = PlainRecord { id: &report.ids[d], text: &doc.text, wiretrace: annotation };
                serde_json::to_writer(&mut *w, &rec).map_err(|e| io(e.into()))?;
            }
            w.write_all(b"\n").map_err(io)?;
            progress.advance(raw.bytes.len() as u64);
        }
        Ok(())
    })?;
    progress.end();
    out.commit()
}

/// Insert `"key": value` before the closing brace of a JSON object's text,
/// keeping every other byte.
fn insert_field(object: &[u8], key: &str, value_json: &str) -> Vec<u8> {
    let end = object.iter().rposition(|&b| b == b'}').expect("a parsed JSON object ends with }");
    let head = &object[..end];
    let empty = head.iter().rev().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let mut out = Vec::with_capacity(object.len() + key.len() + value_json.len() + 8);
    out.extend_from_slice(head);
    if !empty {
        out.push(b',');
    }
    out.extend_from_slice(serde_json::to_string(key).expect("string").as_bytes());
    out.push(b':');
    out.extend_from_slice(value_json.as_bytes());
    out.extend_from_slice(&object[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_keeps_bytes() {
        assert_eq!(insert_field(br#"{"id": 1 , "x":[1]}"#, "w", "2"), br#"{"id": 1 , "x":[1],"w":2}"#.to_vec());
        assert_eq!(insert_field(b"{ }", "w", "null"), br#"{ "w":null}"#.to_vec());
        assert_eq!(insert_field(br#"{"a":"}"}  "#, "w", "1"), br#"{"a":"}","w":1}  "#.to_vec());
    }
}
