#!/usr/bin/env bash
# The whole test suite (README "Set-up"): the crate's tests, then the
# Python package's. Arguments go to `cargo test` (e.g. --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test "$@"
scripts/test-python.sh
