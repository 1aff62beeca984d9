//! Integration tests: run the `wiretrace` binary on fixtures.

mod check;
mod dedup;
mod dedup_methods;
mod eval;
mod html;
mod passages;
mod properties;
mod quotes;
mod util;
