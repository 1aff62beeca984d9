//! Criterion benches per stage: tokenize, shingle, minhash, lsh, verify.
use criterion::{criterion_group, criterion_main, Criterion};
fn benches(_c: &mut Criterion) {}
criterion_group!(stages, benches);
criterion_main!(stages);
