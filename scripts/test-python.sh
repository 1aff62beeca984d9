#!/usr/bin/env bash
# The Python package's tests (README "Python", "Run on Spark"): a virtual
# environment in target/py-venv with pinned test tools, `pip install
# ./python` (maturin builds the extension in release mode into
# python/target), then pytest against the `wiretrace` command built by
# cargo (WIRETRACE_BIN, default target/debug/wiretrace).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/python-env.sh
VENV=target/py-venv
if [ -z "${WIRETRACE_BIN:-}" ]; then
    cargo build --quiet --bin wiretrace
    export WIRETRACE_BIN=$PWD/target/debug/wiretrace
fi
export PYSPARK_PYTHON=$PWD/$VENV/bin/python
cd python/tests
"../../$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
