//! Criterion benches per stage, on generated news-like text (the seed
//! article's vocabulary shuffled, so the input is ours and realistic in
//! word lengths): tokenize, shingle, minhash, the three together
//! ("signature", the per-core throughput figure), lsh, verify.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use wiretrace::candidates::{band_keys, candidate_pairs, LshParams};
use wiretrace::hash::sort_unique_hashes;
use wiretrace::normalize::{Token, Tokenizer};
use wiretrace::shingle::shingle_hashes;
use wiretrace::signature::{mix64, MinHasher};
use wiretrace::verify::{similarity, Measure, ShingleProfile};

const SEED_TEXT: &str = include_str!("../fixtures/seed.txt");

/// About `n` bytes of text: words of the seed in a seeded pseudo-random order.
fn text_of(n: usize, salt: u64) -> String {
    let words: Vec<&str> = SEED_TEXT.split_whitespace().collect();
    let mut out = String::with_capacity(n + 64);
    let mut i = salt;
    while out.len() < n {
        i = mix64(i + 1);
        out.push_str(words[(i % words.len() as u64) as usize]);
        out.push(if i.is_multiple_of(17) { '\n' } else { ' ' });
    }
    out
}

fn docs(count: usize, size: usize) -> Vec<String> {
    (0..count as u64).map(|s| text_of(size, s)).collect()
}

fn bench(c: &mut Criterion) {
    let corpus = docs(200, 5_000);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));

    let mut tok = Tokenizer::default();
    let mut tokens: Vec<Token> = Vec::new();
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &corpus {
                tok.tokenize(black_box(d), &mut tokens);
                n += tokens.len();
            }
            assert!(n > 100_000);
            n
        })
    });

    let all_tokens: Vec<Vec<Token>> = corpus.iter().map(|d| Tokenizer::default().tokens(d)).collect();
    let mut sh = Vec::new();
    g.bench_function("shingle", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &all_tokens {
                shingle_hashes(black_box(t), 5, 1, &mut sh);
                n += sh.len();
            }
            n
        })
    });

    let all_shingles: Vec<Vec<u64>> = all_tokens
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            shingle_hashes(t, 5, 1, &mut v);
            v
        })
        .collect();
    let hasher = MinHasher::new(128, 1);
    g.bench_function("minhash", |b| {
        b.iter(|| all_shingles.iter().map(|s| hasher.sign(black_box(s)).values()[0] as u64).sum::<u64>())
    });

    g.bench_function("signature", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for d in &corpus {
                tok.tokenize(black_box(d), &mut tokens);
                shingle_hashes(&tokens, 5, 1, &mut sh);
                acc ^= hasher.sign(&sh).values()[0] as u64;
            }
            acc
        })
    });

    // the shingle set a profile keeps: the bucket sort against the
    // standard comparison sort
    g.bench_function("shingle_set_sort_unique_hashes", |b| {
        b.iter_batched(
            || all_shingles.clone(),
            |mut sets| {
                sets.iter_mut()
                    .map(|s| {
                        sort_unique_hashes(s);
                        s.len()
                    })
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("shingle_set_sort_unstable", |b| {
        b.iter_batched(
            || all_shingles.clone(),
            |mut sets| {
                sets.iter_mut()
                    .map(|s| {
                        s.sort_unstable();
                        s.dedup();
                        s.len()
                    })
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });

    let profiles: Vec<ShingleProfile> =
        all_tokens.iter().zip(&all_shingles).map(|(t, s)| ShingleProfile::new(s.clone(), t.len())).collect();
    g.bench_function("verify_jaccard", |b| {
        b.iter(|| profiles.windows(2).map(|w| similarity(&w[0], &w[1], Measure::Jaccard, 5)).sum::<f64>())
    });
    g.bench_function("verify_containment", |b| {
        b.iter(|| profiles.windows(2).map(|w| similarity(&w[0], &w[1], Measure::Containment, 5)).sum::<f64>())
    });
    g.finish();

    let mut g = c.benchmark_group("lsh");
    let sigs: Vec<_> =
        (0..20_000u64).map(|i| hasher.sign(&(0..300).map(|j| mix64(i / 2 * 1000 + j)).collect::<Vec<_>>())).collect();
    let params = LshParams { bands: 18, rows: 6 };
    g.throughput(Throughput::Elements(sigs.len() as u64));
    g.bench_function("band_keys_and_candidates_20k", |b| {
        b.iter_batched(
            || (),
            |()| {
                let keys: Vec<Vec<u64>> = sigs.iter().map(|s| band_keys(s, params)).collect();
                let pairs = candidate_pairs(&keys, params.bands);
                assert_eq!(pairs.len(), 10_000, "every planted pair and nothing else");
                pairs
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = stages;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(stages);
