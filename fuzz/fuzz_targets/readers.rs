//! The corpus readers on arbitrary bytes: the first byte picks the file
//! kind (JSON Lines, text, lines; plain, .gz or .zst name); reading must
//! end in documents or a clean error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wiretrace::corpus::{Corpus, ReaderConfig};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["in.jsonl", "in.txt", "in.jsonl.gz", "in.jsonl.zst", "in.ndjson"][pick as usize % 5];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut config = ReaderConfig::default();
    config.skip_invalid = pick & 0x80 != 0;
    if let Ok(corpus) = Corpus::open(&[&path], config) {
        if let Ok((docs, _)) = corpus.read_all() {
            for d in docs {
                assert!(!d.id.is_empty());
            }
        }
    }
});
