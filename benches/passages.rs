//! Criterion benches of the passage stages on the seed fixture: fingerprint
//! indexing and seeds, and seed-and-extend alignment of the seed with
//! itself (one article written twice) and of a lightly edited copy.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use wiretrace::fingerprint::{winnowed, FingerprintParams, PostingTable};
use wiretrace::normalize::Tokenizer;
use wiretrace::passage::{align_pair, AlignParams, SharedFingerprints};
use wiretrace::shingle::shingle_hashes;

const SEED: &str = include_str!("../fixtures/seed.txt");

fn hashes(text: &str) -> (Vec<u32>, Vec<u64>) {
    let tokens = Tokenizer::default().tokens(text);
    let mut sh = Vec::new();
    shingle_hashes(&tokens, 5, 7, &mut sh);
    (tokens.iter().map(|t| t.hash as u32).collect(), sh)
}

fn benches(c: &mut Criterion) {
    let (tokens, shingles) = hashes(SEED);
    // an edited copy: every 16th word changed
    let edited: String =
        SEED.split(' ').enumerate().map(|(i, w)| if i % 16 == 7 { "changed" } else { w }).collect::<Vec<_>>().join(" ");
    let (edited_tokens, edited_shingles) = hashes(&edited);
    let fps = vec![winnowed(&shingles, 6), winnowed(&edited_shingles, 6)];
    let fp_params = FingerprintParams { shingle_size: 5, window: 6, seed: 7 };
    let shared = |fps: &[Vec<wiretrace::fingerprint::Fingerprint>]| {
        SharedFingerprints::new(PostingTable::from_documents(fp_params, fps), 100)
    };
    let params = AlignParams::new(5, 20);

    let mut g = c.benchmark_group("passages");
    g.throughput(Throughput::Bytes((2 * SEED.len()) as u64));
    g.bench_function("index_and_seeds", |b| {
        b.iter(|| {
            let seeds = shared(&fps).seeds();
            assert!(!seeds.is_empty());
            seeds.len()
        })
    });
    let seeds = shared(&fps).seeds();
    let self_seeds: Vec<(u32, u32)> = seeds.iter().filter(|s| s.a == 0 && s.b == 0).map(|s| (s.pa, s.pb)).collect();
    let pair_seeds: Vec<(u32, u32)> = seeds.iter().filter(|s| s.a == 0 && s.b == 1).map(|s| (s.pa, s.pb)).collect();
    g.bench_function("align_self_repeat", |b| {
        b.iter(|| {
            let found = align_pair(&tokens, &tokens, self_seeds.iter().copied(), true, 10, &params);
            assert_eq!(found.len(), 1);
            found
        })
    });
    g.bench_function("align_edited_copy", |b| {
        b.iter(|| {
            let found = align_pair(&tokens, &edited_tokens, pair_seeds.iter().copied(), false, 10, &params);
            assert!(!found.is_empty());
            found
        })
    });
    g.finish();
}

criterion_group!(passages, benches);
criterion_main!(passages);
