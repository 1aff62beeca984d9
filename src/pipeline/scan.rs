//! Streaming passes over a corpus: parse batches in parallel, hand parsed
//! documents to a per-document function in parallel, and collect the
//! results in input order.

use crate::corpus::{Corpus, Document, RecordRef, Rejected};
use crate::error::{Error, RecordError, Result};
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::HashMap;

/// Which records a pass parses.
pub enum DocFilter<'a> {
    /// Every record.
    All,
    /// Only the records at these places (sorted).
    Only(&'a [RecordRef]),
}

/// One streaming pass: every record (or those `filter` keeps) is parsed and
/// mapped by `f` in parallel with per-thread state from `init`; results come
/// back to `sink` in input order, batch by batch. Records that fail to parse
/// go to `sink` as `Err` with their location, and so, in a pass over every
/// record, does a record whose id an earlier record already has: the caller
/// decides whether that is fatal. Progress advances by raw bytes.
pub fn scan_documents<S, T, I, F>(
    corpus: &Corpus,
    filter: DocFilter<'_>,
    progress: &dyn Progress,
    init: I,
    f: F,
    sink: &mut dyn FnMut(std::result::Result<T, Rejected>) -> Result<()>,
) -> Result<()>
where
    T: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, Document) -> T + Sync + Send,
{
    let mut stream_rejects = Vec::new();
    // ids seen so far, checked in input order (only in a pass over every
    // record: later passes re-read records the first pass accepted)
    let check_ids = matches!(filter, DocFilter::All);
    let mut seen: HashMap<String, RecordRef> = HashMap::new();
    let mut on_batch = |batch: Vec<crate::corpus::RawRecord>| -> Result<()> {
        let bytes: u64 = batch.iter().map(|r| r.bytes.len() as u64).sum();
        let results: Vec<std::result::Result<(String, RecordRef, T), Rejected>> = batch
            .into_par_iter()
            .map_init(&init, |state, raw| match corpus.parse(&raw) {
                Ok(doc) => {
                    let (id, at) = if check_ids { (doc.id.clone(), doc.at) } else { (String::new(), doc.at) };
                    Ok((id, at, f(state, doc)))
                }
                Err(reason) => Err(Rejected { location: corpus.reject_location(&raw, &reason), reason }),
            })
            .collect();
        progress.advance(bytes);
        for r in results {
            let r = r.and_then(|(id, at, value)| {
                if !check_ids {
                    return Ok(value);
                }
                match seen.get(&id) {
                    Some(first) => Err(Rejected {
                        location: corpus.location(at),
                        reason: RecordError::DuplicateId { id, first: corpus.location(*first).to_string() },
                    }),
                    None => {
                        seen.insert(id, at);
                        Ok(value)
                    }
                }
            });
            sink(r)?;
        }
        Ok(())
    };
    match filter {
        DocFilter::All => corpus.scan(&mut |r| stream_rejects.push(r), &mut on_batch)?,
        DocFilter::Only(refs) => corpus.fetch(refs, &mut |r| stream_rejects.push(r), &mut on_batch)?,
    }
    for r in stream_rejects {
        sink(Err(r))?;
    }
    Ok(())
}

/// The error for a rejected record in strict mode.
pub(crate) fn strict_error(r: Rejected) -> Error {
    Error::from(crate::error::ErrorKind::InvalidRecord { location: r.location, reason: r.reason })
}

/// The input's size in bytes, for progress, when every file is
/// uncompressed (else unknown).
pub(crate) fn total_bytes(corpus: &Corpus) -> Option<u64> {
    let mut total = 0;
    for f in corpus.files() {
        if f.compression != crate::corpus::Compression::None {
            return None;
        }
        total += std::fs::metadata(&f.path).ok()?.len();
    }
    Some(total)
}
