#!/usr/bin/env bash
# The Python package's tests (README "Python", "Run on Spark"): a virtual
# environment in target/py-venv with pinned test tools, `pip install
# ./python` (maturin builds the extension in release mode into
# python/target), then pytest against the `wiretrace` command built by
# cargo (WIRETRACE_BIN, default target/debug/wiretrace).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=target/py-venv
if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p target
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    maturin==1.7.4 pytest==8.3.3 mypy==1.13.0 pyarrow==17.0.0 pyspark==3.5.3
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
if [ -z "${WIRETRACE_BIN:-}" ]; then
    cargo build --quiet --bin wiretrace
    export WIRETRACE_BIN=$PWD/target/debug/wiretrace
fi
export PYSPARK_PYTHON=$PWD/$VENV/bin/python
cd python/tests
"../../$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
