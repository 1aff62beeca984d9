//! The index reader on arbitrary bytes (seed the corpus with a real index,
//! e.g. fixtures/index/wire-v1.wtidx, to mutate valid files): opening must
//! fail cleanly or give an index whose every document and posting can be
//! read without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wiretrace::fingerprint::Postings;
use wiretrace::index::Index;
use wiretrace::normalize::Tokenizer;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.wtidx");
    std::fs::write(&path, data).unwrap();
    let Ok(index) = Index::open(&path) else { return };
    let mut out = Vec::new();
    for d in (0..index.len()).map(wiretrace::corpus::DocId::new) {
        let doc = index.doc(d);
        let tokens = Tokenizer::new(index.params().seed).tokens(doc.text);
        for f in index.params().fingerprints(&tokens, &mut Vec::new()) {
            index.lookup(f.hash, &mut out);
            assert!(out.iter().all(|o| o.doc.index() < index.len()));
        }
    }
    let _ = index.info();
});
