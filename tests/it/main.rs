//! Integration tests: run the `wiretrace` binary on fixtures.

mod dedup;
mod util;
