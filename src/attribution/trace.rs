//! Tracing: for a piece of text (a quote, a copied passage), the earliest
//! document that holds it, allowing small edits, over any collection of
//! documents with postings: the corpus being read ([`CorpusCollection`])
//! or a reference index ([`crate::index::Index`]).
//!
//! For each collection, the text's word k-grams (the collection's own
//! fingerprint parameters) are looked up in its postings; every document
//! sharing one is a candidate. A candidate holds the text when a run of the
//! text's k-grams in it (gaps of up to k k-grams bridged) holds at least
//! `min_coverage` of the text's distinct k-grams, so a few changed words do
//! not hide a copy; the run is the origin span.
//!
//! # The one ordering rule
//!
//! Every document has a place: reference collections first (in the order
//! given), then the corpus, each by its document order. Document `c` may
//! be the origin of text in document `q` when it is another document (by
//! id) and comes before it: by date when both are dated with different
//! dates, else by place. Of the documents that may be the origin and hold
//! the text, the origin is the first by (undated last, date, place).

use crate::corpus::{ByteSpan, DocId};
use crate::fingerprint::{Fingerprint, FingerprintParams, Occurrence, PostingTable, Postings};
use crate::normalize::{Token, Tokenizer, DEFAULT_SEED};
use crate::shingle::{shingle_hashes, shingles};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Parameters of tracing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceConfig {
    /// Words per k-gram of the corpus's postings (default 4).
    pub shingle_size: usize,
    /// Winnowing window of the corpus's postings (default 4).
    pub window: usize,
    /// Share of the text's k-grams a document must hold (default 0.5).
    pub min_coverage: f64,
    /// Texts with fewer words are not traced (default 6).
    pub min_words: usize,
    /// Hash seed.
    pub seed: u64,
}

impl Default for TraceConfig {
    fn default() -> Self {
        TraceConfig { shingle_size: 4, window: 4, min_coverage: 0.5, min_words: 6, seed: DEFAULT_SEED }
    }
}

impl TraceConfig {
    /// The fingerprints of the corpus's postings.
    pub fn fingerprint_params(&self) -> FingerprintParams {
        FingerprintParams { shingle_size: self.shingle_size, window: self.window, seed: self.seed }
    }
}

/// A document as tracing sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceDoc<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its date (ISO 8601 compares as text), if known.
    pub date: Option<&'a str>,
    /// Its source (outlet), if known.
    pub source: Option<&'a str>,
}

/// Documents with postings, to trace text in.
pub trait Collection: Postings {
    /// Number of documents.
    fn documents(&self) -> usize;
    /// Document `d`.
    fn document(&self, d: DocId) -> TraceDoc<'_>;
}

/// Documents held in memory with postings of their fingerprints.
pub struct CorpusCollection<'a> {
    docs: Vec<TraceDoc<'a>>,
    table: PostingTable,
}

impl<'a> CorpusCollection<'a> {
    /// Fingerprint `docs` (in parallel) with `params`.
    pub fn new(docs: Vec<TraceDoc<'a>>, params: FingerprintParams) -> CorpusCollection<'a> {
        let fps: Vec<_> = docs
            .par_iter()
            .map_init(
                || (Tokenizer::new(params.seed), Vec::new()),
                |(tok, scratch), d| params.fingerprints(&tok.tokens(d.text), scratch),
            )
            .collect();
        CorpusCollection { docs, table: PostingTable::from_documents(params, &fps) }
    }
}

impl Postings for CorpusCollection<'_> {
    fn params(&self) -> FingerprintParams {
        self.table.params()
    }

    fn lookup(&self, hash: u64, out: &mut Vec<Occurrence>) {
        self.table.lookup(hash, out)
    }
}

impl Collection for CorpusCollection<'_> {
    fn documents(&self) -> usize {
        self.docs.len()
    }

    fn document(&self, d: DocId) -> TraceDoc<'_> {
        self.docs[d.index()]
    }
}

/// A corpus's postings and its documents' ids, dates and sources, with the
/// texts of only some documents held: those read back because they may be
/// an origin ([`Tracer::candidates`]). Memory: per document its id, date
/// and source; per fingerprint 16 bytes; and the texts read back.
pub struct SparseCollection {
    meta: Vec<DocMeta>,
    table: PostingTable,
    texts: HashMap<DocId, String>,
}

/// What a [`SparseCollection`] keeps of every document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Its id.
    pub id: String,
    /// Its date, if known.
    pub date: Option<String>,
    /// Its source (outlet), if known.
    pub source: Option<String>,
}

impl SparseCollection {
    /// Documents `meta` with their fingerprints `fps` (by document), no text
    /// held yet.
    pub fn new(meta: Vec<DocMeta>, params: FingerprintParams, fps: &[Vec<Fingerprint>]) -> SparseCollection {
        SparseCollection { meta, table: PostingTable::from_documents(params, fps), texts: HashMap::new() }
    }

    /// Hold these documents' texts (a text not held reads as empty).
    pub fn hold_texts(&mut self, texts: HashMap<DocId, String>) {
        self.texts = texts;
    }
}

impl Postings for SparseCollection {
    fn params(&self) -> FingerprintParams {
        self.table.params()
    }

    fn lookup(&self, hash: u64, out: &mut Vec<Occurrence>) {
        self.table.lookup(hash, out)
    }
}

impl Collection for SparseCollection {
    fn documents(&self) -> usize {
        self.meta.len()
    }

    fn document(&self, d: DocId) -> TraceDoc<'_> {
        let m = &self.meta[d.index()];
        TraceDoc {
            id: &m.id,
            text: self.texts.get(&d).map_or("", String::as_str),
            date: m.date.as_deref(),
            source: m.source.as_deref(),
        }
    }
}

impl Collection for crate::index::Index {
    fn documents(&self) -> usize {
        self.len()
    }

    fn document(&self, d: DocId) -> TraceDoc<'_> {
        let doc = self.doc(d);
        TraceDoc { id: doc.id, text: doc.text, date: doc.date, source: doc.source }
    }
}

/// Where a document is: which collection (reference collections first,
/// the corpus last) and its number there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// Index of the collection in [`Tracer::new`]'s list.
    pub collection: usize,
    /// The document's number in it.
    pub doc: DocId,
}

/// The document that quotes the text being traced.
#[derive(Clone, Copy, Debug)]
pub struct Quoting<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its date, if known.
    pub date: Option<&'a str>,
    /// Its place, when it belongs to one of the collections.
    pub place: Option<Place>,
}

/// Where traced text was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin<'a> {
    /// The origin document.
    pub doc: TraceDoc<'a>,
    /// Its place.
    pub place: Place,
    /// The matching text in it.
    pub span: ByteSpan,
}

/// The possible origins of a text ([`Tracer::candidates`]).
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// Their places, in the order they are verified.
    pub places: Vec<Place>,
    /// The text's k-gram hashes, per collection.
    wanted: Vec<HashSet<u64>>,
}

/// Traces text in collections (see the module docs for the rule).
pub struct Tracer<'a> {
    collections: Vec<&'a dyn Collection>,
    config: TraceConfig,
}

/// The ordering key of a candidate: undated last, then date, then place.
type Key<'a> = (bool, Option<&'a str>, Place);

impl<'a> Tracer<'a> {
    /// A tracer over `collections`: reference collections first, the
    /// corpus last.
    pub fn new(collections: Vec<&'a dyn Collection>, config: TraceConfig) -> Tracer<'a> {
        Tracer { collections, config }
    }

    /// Whether a document dated `date` at `place` may be the origin of text
    /// quoted by `q`.
    fn may_precede(date: Option<&str>, place: Place, q: &Quoting<'_>) -> bool {
        match (date, q.date) {
            (Some(x), Some(y)) if x != y => x < y,
            _ => q.place.is_none_or(|p| place < p),
        }
    }

    /// The origin of `text`, quoted by `quoting`, if any collection holds
    /// it. `tok` is a tokenizer to reuse (any seed).
    pub fn trace(&self, text: &str, quoting: &Quoting<'_>, tok: &mut Tokenizer) -> Option<Origin<'a>> {
        let found = self.candidates(text, quoting, tok);
        found.places.into_iter().find_map(|place| {
            let coll = self.collections[place.collection];
            let doc = coll.document(place.doc);
            let span = self.verify(doc.text, &found.wanted[place.collection], coll.params())?;
            Some(Origin { doc, place, span })
        })
    }

    /// The documents that may be the origin of `text`, in the order they
    /// are verified (earliest first); [`Tracer::trace`] returns the first
    /// that holds enough of it. A caller that keeps texts out of memory
    /// reads just these documents' texts before tracing.
    pub fn candidates(&self, text: &str, quoting: &Quoting<'_>, tok: &mut Tokenizer) -> Candidates {
        let tokens = tok.tokens(text);
        let mut candidates: Vec<(Key<'a>, Place)> = Vec::new();
        let mut found = Vec::new();
        let mut by_collection: Vec<HashSet<u64>> = Vec::with_capacity(self.collections.len());
        for (ci, coll) in self.collections.iter().enumerate() {
            let params = coll.params();
            if tokens.len() < self.config.min_words.max(params.shingle_size) {
                by_collection.push(HashSet::new());
                continue;
            }
            // the tokens hash the same under any tokenizer seed only when the
            // seeds agree: re-tokenize for collections with another seed
            let own;
            let toks: &[Token] = if params.seed == tok.seed() {
                &tokens
            } else {
                own = Tokenizer::new(params.seed).tokens(text);
                &own
            };
            let mut hashes = Vec::new();
            shingle_hashes(toks, params.shingle_size, params.seed, &mut hashes);
            let wanted: HashSet<u64> = hashes.into_iter().collect();
            let mut docs: Vec<DocId> = Vec::new();
            for &h in &wanted {
                coll.lookup(h, &mut found);
                docs.extend(found.iter().map(|o| o.doc));
            }
            docs.sort_unstable();
            docs.dedup();
            for d in docs {
                let doc = coll.document(d);
                let place = Place { collection: ci, doc: d };
                if doc.id == quoting.id || quoting.place == Some(place) {
                    continue;
                }
                if Tracer::may_precede(doc.date, place, quoting) {
                    candidates.push(((doc.date.is_none(), doc.date, place), place));
                }
            }
            by_collection.push(wanted);
        }
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Candidates { places: candidates.into_iter().map(|(_, p)| p).collect(), wanted: by_collection }
    }

    /// The span of `text` holding at least `min_coverage` of `wanted`: the
    /// run of wanted k-grams (gaps of up to k k-grams bridged) with the
    /// most distinct k-grams, the first of equals.
    fn verify(&self, text: &str, wanted: &HashSet<u64>, params: FingerprintParams) -> Option<ByteSpan> {
        let k = params.shingle_size;
        let sh = shingles(&Tokenizer::new(params.seed).tokens(text), k, params.seed);
        let mut best: Option<(usize, ByteSpan)> = None;
        let mut run: Option<(HashSet<u64>, usize, ByteSpan)> = None; // (hashes, last index, span)
        let close = |run: Option<(HashSet<u64>, usize, ByteSpan)>, best: &mut Option<(usize, ByteSpan)>| {
            if let Some((set, _, span)) = run {
                if best.as_ref().is_none_or(|b| set.len() > b.0) {
                    *best = Some((set.len(), span));
                }
            }
        };
        for (i, s) in sh.iter().enumerate() {
            if !wanted.contains(&s.hash) {
                continue;
            }
            match &mut run {
                Some((set, last, span)) if i - *last <= k + 1 => {
                    set.insert(s.hash);
                    *last = i;
                    span.end = s.span.end;
                }
                _ => {
                    close(run.take(), &mut best);
                    run = Some((HashSet::from([s.hash]), i, s.span));
                }
            }
        }
        close(run, &mut best);
        let (n, span) = best?;
        (n as f64 >= self.config.min_coverage * wanted.len() as f64).then_some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(id: &'a str, text: &'a str, date: &'a str) -> TraceDoc<'a> {
        TraceDoc { id, text, date: Some(date), source: None }
    }

    /// Trace the text at `span` of document `d` of a corpus collection.
    fn trace_in(coll: &CorpusCollection<'_>, d: usize, span: ByteSpan) -> Option<(usize, ByteSpan)> {
        let tracer = Tracer::new(vec![coll], TraceConfig::default());
        let q = coll.document(DocId::new(d));
        let quoting = Quoting { id: q.id, date: q.date, place: Some(Place { collection: 0, doc: DocId::new(d) }) };
        tracer
            .trace(&q.text[span.range()], &quoting, &mut Tokenizer::new(DEFAULT_SEED))
            .map(|o| (o.place.doc.index(), o.span))
    }

    #[test]
    fn earliest_other_document_with_small_edits() {
        let wire = "MOSCOW. The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday.";
        let copy = "Blog: \"The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday.\"";
        let edited = "\"The withdrawal of Russian peacekeepers from Karabakh has now begun, the spokesman confirmed on Wednesday,\" it said.";
        let other = "Weather in Oslo is cold and grey with rain expected all week long across the region.";
        let docs = vec![
            doc("copy", copy, "2024-04-18"),
            doc("wire", wire, "2024-04-17"),
            doc("edited", edited, "2024-04-19"),
            doc("other", other, "2024-04-01"),
        ];
        let coll = CorpusCollection::new(docs, TraceConfig::default().fingerprint_params());
        let q = copy.find("The withdrawal").unwrap();
        let span = ByteSpan::new(q, copy.len() - 1);
        let (origin, found) = trace_in(&coll, 0, span).unwrap();
        assert_eq!(origin, 1);
        assert_eq!(
            &wire[found.range()],
            "The withdrawal of Russian peacekeepers from Karabakh has begun, the spokesman confirmed on Wednesday"
        );
        // the edited copy traces to the wire too
        let e = edited.find("The").unwrap();
        let span = ByteSpan::new(e, edited.find(",\"").unwrap());
        assert_eq!(trace_in(&coll, 2, span).map(|o| o.0), Some(1));
        // the wire itself has no earlier origin
        assert_eq!(trace_in(&coll, 1, ByteSpan::new(8, wire.len())), None);
        // unrelated text has none
        assert_eq!(trace_in(&coll, 3, ByteSpan::new(0, other.len())), None);
    }

    #[test]
    fn mixed_dated_and_undated_documents_sort_totally() {
        // `earlier` is not transitive across dated and undated documents; the
        // candidate order must still be a total order (this panicked once)
        let text = "the withdrawal of russian peacekeepers from karabakh has begun the spokesman confirmed today";
        let dates =
            [None, Some("2024-04-19"), None, Some("2024-04-17"), None, Some("2024-04-18"), None, Some("2024-04-16")];
        let ids: Vec<String> = (0..32).map(|i| format!("d{i}")).collect();
        let mut docs: Vec<TraceDoc> = Vec::new();
        for round in 0..4 {
            for (i, d) in dates.iter().enumerate() {
                docs.push(TraceDoc { id: &ids[round * 8 + i], text, date: *d, source: None });
            }
        }
        let last = docs.len() - 1;
        let coll = CorpusCollection::new(docs, TraceConfig::default().fingerprint_params());
        let origin = trace_in(&coll, last, ByteSpan::new(0, text.len())).unwrap();
        assert_eq!(origin.0, 7, "the earliest dated document, first in input order");
        for d in 0..=last {
            let _ = trace_in(&coll, d, ByteSpan::new(0, text.len()));
        }
    }

    #[test]
    fn reference_collections_come_first_on_ties() {
        let text = "the withdrawal of russian peacekeepers from karabakh has begun the spokesman confirmed today";
        let reference = CorpusCollection::new(
            vec![TraceDoc { id: "wire", text, date: Some("2024-04-17"), source: Some("TASS") }],
            FingerprintParams { shingle_size: 5, window: 8, seed: DEFAULT_SEED },
        );
        let corpus = CorpusCollection::new(
            vec![
                TraceDoc { id: "blog", text, date: Some("2024-04-17"), source: None },
                TraceDoc { id: "late", text, date: Some("2024-04-18"), source: None },
            ],
            TraceConfig::default().fingerprint_params(),
        );
        let tracer = Tracer::new(vec![&reference, &corpus], TraceConfig::default());
        let quoting =
            Quoting { id: "late", date: Some("2024-04-18"), place: Some(Place { collection: 1, doc: DocId(1) }) };
        let origin = tracer.trace(text, &quoting, &mut Tokenizer::new(DEFAULT_SEED)).unwrap();
        assert_eq!((origin.doc.id, origin.place), ("wire", Place { collection: 0, doc: DocId(0) }));
        // a document outside the collections may be traced to any earlier one
        let outside = Quoting { id: "new", date: None, place: None };
        assert_eq!(tracer.trace(text, &outside, &mut Tokenizer::new(7)).map(|o| o.doc.id), Some("wire"));
        // the reference itself has no origin: the blog is not earlier
        let wire =
            Quoting { id: "wire", date: Some("2024-04-17"), place: Some(Place { collection: 0, doc: DocId(0) }) };
        assert_eq!(tracer.trace(text, &wire, &mut Tokenizer::new(DEFAULT_SEED)), None);
    }
}
