//! Integration tests: run the `wiretrace` binary on fixtures.

mod check;
mod dedup;
mod dedup_methods;
mod eval;
mod properties;
mod util;
