//! Integration tests: run the `wiretrace` binary on fixtures.

mod check;
mod crawl;
mod dedup;
mod dedup_methods;
mod engine;
mod eval;
mod hardening;
mod html;
mod parquet;
mod passages;
mod properties;
mod quotes;
mod rewritten;
mod shard;
mod shard_engine;
mod util;
