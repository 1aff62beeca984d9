//! Streaming passes over a corpus: parse batches in parallel, hand parsed
//! documents to a per-document function in parallel, and collect the
//! results in input order.

use crate::corpus::{Corpus, Document, RecordRef, Rejected};
use crate::error::{Error, Result};
use crate::progress::Progress;
use rayon::prelude::*;

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
/// go to `sink` as `Err` with their location: the caller decides whether that
/// is fatal. Progress advances by raw bytes.
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
    let mut on_batch = |batch: Vec<crate::corpus::RawRecord>| -> Result<()> {
        let bytes: u64 = batch.iter().map(|r| r.bytes.len() as u64).sum();
        let results: Vec<Option<std::result::Result<T, Rejected>>> = batch
            .into_par_iter()
            .map_init(&init, |state, raw| {
                if let DocFilter::Only(refs) = filter {
                    if refs.binary_search(&raw.at).is_err() {
                        return None;
                    }
                }
                Some(match corpus.parse(&raw) {
                    Ok(doc) => Ok(f(state, doc)),
                    Err(reason) => Err(Rejected { location: corpus.reject_location(&raw, &reason), reason }),
                })
            })
            .collect();
        progress.advance(bytes);
        for r in results.into_iter().flatten() {
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
