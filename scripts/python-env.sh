#!/usr/bin/env bash
# The Python test environment: a virtual environment in target/py-venv with
# the pinned test tools and the wiretrace package built from ./python
# (maturin, release mode). Used by scripts/test-python.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=target/py-venv
if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p target
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    maturin==1.7.4 pytest==8.3.3 mypy==1.13.0 pyarrow==17.0.0 pyspark==3.5.3 pandas==2.2.3
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
