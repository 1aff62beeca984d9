//! `index build` and `index add`: read a corpus through the one scan,
//! fingerprint each document, and write a segment.

use super::format::{write_header, Segment};
use super::{Index, IndexParams};
use crate::atomic_file::AtomicFile;
use crate::corpus::{Corpus, Rejected, Scan};
use crate::error::{Error, Result};
use crate::normalize::Tokenizer;
use crate::progress::{Progress, Stage};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// Read a corpus into a new segment. Ids must be unique, also against
/// `existing` ids.
pub fn build_segment(
    corpus: &Corpus,
    params: &IndexParams,
    existing: &HashSet<String>,
    progress: &dyn Progress,
) -> Result<(Segment, Vec<Rejected>)> {
    params.validate()?;
    let mut segment = Segment::default();
    progress.begin(Stage::Index, None);
    let rejected = Scan::new(corpus, progress).known_ids(existing, "the index").run(
        || (Tokenizer::new(params.seed), Vec::new()),
        |(tok, scratch), doc| {
            let fps = params.fingerprints(&tok.tokens(&doc.text), scratch);
            (doc, fps)
        },
        &mut |(doc, fps): (crate::corpus::Document, Vec<crate::fingerprint::Fingerprint>)| {
            segment.add(&doc, &fps);
            Ok(())
        },
    )?;
    progress.end();
    Ok((segment, rejected))
}

/// Write a new index file with one segment.
pub fn write_new(path: &Path, params: &IndexParams, mut segment: Segment) -> Result<()> {
    let name = path.display().to_string();
    let mut out = AtomicFile::create(path)?;
    write_header(&mut out, params, 1).map_err(|e| Error::io(name.clone(), e))?;
    segment.write(&mut out).map_err(|e| Error::io(name, e))?;
    out.commit()
}

/// Write `index`'s segments plus a new one to `path` (usually the index's
/// own path: the old file is replaced atomically).
pub fn write_appended(path: &Path, index: &Index, mut segment: Segment) -> Result<()> {
    let name = path.display().to_string();
    let mut out = AtomicFile::create(path)?;
    let segments = u32::try_from(index.segments() + 1).map_err(|_| Error::format(name.clone(), "too many segments"))?;
    write_header(&mut out, index.params(), segments).map_err(|e| Error::io(name.clone(), e))?;
    out.write_all(index.segment_bytes()).map_err(|e| Error::io(name.clone(), e))?;
    segment.write(&mut out).map_err(|e| Error::io(name, e))?;
    out.commit()
}

/// Build a whole index from a corpus and write it to `path`.
pub fn build(corpus: &Corpus, params: &IndexParams, path: &Path, progress: &dyn Progress) -> Result<BuildReport> {
    let (segment, rejected) = build_segment(corpus, params, &HashSet::new(), progress)?;
    let added = segment.len();
    write_new(path, params, segment)?;
    Ok(BuildReport { added, rejected })
}

/// Add a corpus to an existing index at `path`.
pub fn add(corpus: &Corpus, path: &Path, progress: &dyn Progress) -> Result<BuildReport> {
    let index = Index::open(path)?;
    let (segment, rejected) = build_segment(corpus, index.params(), &index.ids(), progress)?;
    let added = segment.len();
    write_appended(path, &index, segment)?;
    Ok(BuildReport { added, rejected })
}

/// What `build` and `add` did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents added.
    pub added: usize,
    /// Records rejected (with `skip_invalid`).
    pub rejected: Vec<Rejected>,
}
