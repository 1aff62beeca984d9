//! Integration tests: run the `wiretrace` binary on fixtures.

mod check;
mod dedup;
mod properties;
mod util;
