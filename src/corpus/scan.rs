//! The one streaming pass over a corpus, shared by every command: records
//! are parsed in parallel, handed to a per-document function in parallel,
//! and the results come back in input order.
//!
//! The scan owns the bad-record policy so that no command repeats it:
//!
//! * a record that does not parse, a read error (a truncated `.gz`), or a
//!   record whose id an earlier record (or a known collection, such as the
//!   index being extended) already has is **rejected**;
//! * in strict mode (the default) the first rejection is the error, naming
//!   file and line; with [`ReaderConfig::skip_invalid`] every rejection is
//!   collected and returned, and the caller reports and counts it.
//!
//! A later pass ([`Scan::fetch`]) re-reads only chosen records, which the
//! first pass already accepted.
//!
//! [`ReaderConfig::skip_invalid`]: super::ReaderConfig::skip_invalid

use super::{Compression, Corpus, Document, RawRecord, RecordRef, Rejected};
use crate::error::{Error, ErrorKind, RecordError, Result};
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::HashSet;

/// One batch's records, mapped: the id, place and value of each document,
/// or why the record was rejected.
type Mapped<T> = Vec<std::result::Result<(String, RecordRef, T), Rejected>>;

/// A pass over a corpus (see the module docs).
pub struct Scan<'a> {
    corpus: &'a Corpus,
    progress: &'a dyn Progress,
    known: Option<(&'a HashSet<String>, &'a str)>,
}

impl<'a> Scan<'a> {
    /// A pass over `corpus` that advances `progress` by the raw bytes read.
    pub fn new(corpus: &'a Corpus, progress: &'a dyn Progress) -> Scan<'a> {
        Scan { corpus, progress, known: None }
    }

    /// Also reject records whose id is in `ids` (`name` says where those
    /// ids are, for the message: "the index").
    pub fn known_ids(mut self, ids: &'a HashSet<String>, name: &'a str) -> Scan<'a> {
        self.known = Some((ids, name));
        self
    }

    /// Every record: each valid document is mapped by `f` (in parallel,
    /// with per-thread state from `init`) and the results go to `sink` in
    /// input order. Returns the rejected records (empty in strict mode,
    /// where the first rejection is the error).
    pub fn run<S, T, I, F>(self, init: I, f: F, sink: &mut dyn FnMut(T) -> Result<()>) -> Result<Vec<Rejected>>
    where
        T: Send,
        I: Fn() -> S + Sync + Send,
        F: Fn(&mut S, Document) -> T + Sync + Send,
    {
        let corpus = self.corpus;
        let skip = corpus.config().skip_invalid;
        let mut rejected = Vec::new();
        let mut reject = |r: Rejected| -> Result<()> {
            if !skip {
                return Err(Error::from(ErrorKind::InvalidRecord { location: r.location, reason: r.reason }));
            }
            rejected.push(r);
            Ok(())
        };
        let mut stream_rejects = Vec::new();
        // foldhash, not SipHash: a million ids hashed once each cost a percent
        // of a `dedup` run; its seed is random per process all the same
        let mut seen: foldhash::HashMap<String, RecordRef> = foldhash::HashMap::default();
        let known = self.known;
        let mut on_results = |results: Mapped<T>| -> Result<()> {
            for r in results {
                let r = r.and_then(|(id, at, value)| {
                    if let Some((ids, name)) = known {
                        if ids.contains(&id) {
                            let reason = RecordError::DuplicateId { id, first: name.to_owned() };
                            return Err(Rejected { location: corpus.location(at), reason });
                        }
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
                match r {
                    Ok(value) => sink(value)?,
                    Err(rej) => reject(rej)?,
                }
            }
            Ok(())
        };
        self.overlapped(
            |on_batch| corpus.scan(&mut |r| stream_rejects.push(r), on_batch),
            |batch| self.map_batch(batch, &init, &f, true),
            &mut on_results,
        )?;
        for r in stream_rejects {
            reject(r)?;
        }
        Ok(rejected)
    }

    /// Only the records at `places` (sorted), which an earlier pass
    /// accepted: each is mapped by `f` and handed to `sink` in input order.
    /// Records that no longer parse are skipped; callers check that they
    /// got everything they asked for.
    pub fn fetch<S, T, I, F>(self, places: &[RecordRef], init: I, f: F, sink: &mut dyn FnMut(T)) -> Result<()>
    where
        T: Send,
        I: Fn() -> S + Sync + Send,
        F: Fn(&mut S, Document) -> T + Sync + Send,
    {
        if places.is_empty() {
            return Ok(());
        }
        let corpus = self.corpus;
        self.overlapped(
            |on_batch| corpus.fetch(places, &mut |_| {}, on_batch),
            |batch| self.map_batch(batch, &init, &f, false),
            &mut |results: Mapped<T>| {
                for (_, _, value) in results.into_iter().flatten() {
                    sink(value);
                }
                Ok(())
            },
        )
    }

    /// Batches from `read` are mapped by `map` on a thread of its own while
    /// this thread hands the previous batch's results to `consume`, in
    /// order. Mapping a batch and consuming one in turn left the workers
    /// idle for the consumer's share of the time (the ids checked, the
    /// signatures kept, the pairs verified): about a tenth of a `dedup`
    /// run on two cores. The first error (from reading, or from
    /// `consume`) stops both; a panic in `map` is resumed here.
    ///
    /// Called from a worker of a rayon pool (a caller's
    /// `ThreadPool::install`, as the Python package does for its `threads`
    /// argument), mapping stays on this thread, in turn with consuming: a
    /// thread of its own would map in the global pool instead of the
    /// caller's.
    fn overlapped<R: Send>(
        &self,
        read: impl FnOnce(&mut dyn FnMut(Vec<RawRecord>) -> Result<()>) -> Result<()> + Send,
        map: impl Fn(Vec<RawRecord>) -> R + Send,
        consume: &mut dyn FnMut(R) -> Result<()>,
    ) -> Result<()> {
        if rayon::current_thread_index().is_some() {
            return read(&mut |batch| consume(map(batch)));
        }
        std::thread::scope(|scope| {
            // one batch mapped ahead of the one being consumed
            let (tx, rx) = std::sync::mpsc::sync_channel::<R>(1);
            let mapper = scope.spawn(move || {
                read(&mut |batch| tx.send(map(batch)).map_err(|_| Error::config("the scan was stopped")))
            });
            let mut outcome = Ok(());
            for results in rx.iter() {
                if let Err(e) = consume(results) {
                    outcome = Err(e);
                    break;
                }
            }
            // a mapper blocked on a full channel sees it closed and stops
            drop(rx);
            let read = mapper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            outcome.and(read)
        })
    }

    /// Parse and map one batch in parallel; the id is kept when `ids`.
    fn map_batch<S, T, I, F>(&self, batch: Vec<RawRecord>, init: &I, f: &F, ids: bool) -> Mapped<T>
    where
        T: Send,
        I: Fn() -> S + Sync + Send,
        F: Fn(&mut S, Document) -> T + Sync + Send,
    {
        let corpus = self.corpus;
        let bytes: u64 = batch.iter().map(|r| r.bytes.len() as u64).sum();
        let results = batch
            .into_par_iter()
            .map_init(init, |state, raw| match corpus.parse(&raw) {
                Ok(doc) => {
                    let id = if ids { doc.id.clone() } else { String::new() };
                    let at = doc.at;
                    Ok((id, at, f(state, doc)))
                }
                Err(reason) => Err(Rejected { location: corpus.reject_location(&raw, &reason), reason }),
            })
            .collect();
        self.progress.advance(bytes);
        results
    }
}

/// The input's size in bytes, for progress, when every file is
/// uncompressed and not Parquet (else unknown).
pub fn total_bytes(corpus: &Corpus) -> Option<u64> {
    let mut total = 0;
    for part in corpus.parts() {
        let f = &corpus.files()[part.file as usize];
        if f.compression != Compression::None || f.kind == super::FileKind::Parquet {
            return None;
        }
        total += match part.range {
            Some(r) => r.end - r.start,
            None => std::fs::metadata(&f.path).ok()?.len(),
        };
    }
    Some(total)
}
