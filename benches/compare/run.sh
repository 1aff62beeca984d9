#!/usr/bin/env bash
# Side-by-side benchmark: `wiretrace dedup` against datasketch and rensa on the same
# generated corpus, alternating tools each round, timing wall clock and peak RSS with
# /usr/bin/time. Installs datasketch and rensa from PyPI into a local virtual environment.
#
#   benches/compare/run.sh [DOCS] [ROUNDS] [THREADS]     (defaults: 100000 3 2)
#
# With WIRETRACE_BASE=PATH (another build of wiretrace, say the last release) that binary
# runs too, as "wiretrace-base", alternating with this one, so a change can be checked
# for speed in the same run. SKIP_PYTHON=1 leaves datasketch and rensa out.
#
# Everything is written under target/compare/. The last lines printed are the table.
set -euo pipefail
docs=${1:-100000}
rounds=${2:-3}
threads=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/compare"
mkdir -p "$work"
cd "$root"

if [ -z "${SKIP_PYTHON:-}" ] && [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet 'datasketch==2.0.0' 'rensa==0.5.0'
fi
cargo build --release --quiet --bin wiretrace --example gen_corpus
corpus="$work/corpus-$docs.jsonl"
if [ ! -s "$corpus" ]; then
  target/release/examples/gen_corpus --docs "$docs" --seed 1 --out "$corpus" --truth "$work/truth-$docs.json"
fi
echo "corpus: $corpus ($(du -h "$corpus" | cut -f1), $docs documents); $rounds rounds; wiretrace on $threads threads"

log="$work/times-$docs.log"
: > "$log"
timed() { # tool command...
  local tool=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.tmp" "$@" > "$work/out-$tool.txt" 2> "$work/err-$tool.txt"
  echo "$tool $(cat "$work/time.tmp")" | tee -a "$log"
}
# the Python tools use one core, as their scripts do
export OPENBLAS_NUM_THREADS=1 RAYON_NUM_THREADS="$threads"
for r in $(seq "$rounds"); do
  timed wiretrace target/release/wiretrace dedup --json --quiet --threads "$threads" "$corpus"
  if [ -n "${WIRETRACE_BASE:-}" ]; then
    timed wiretrace-base "$WIRETRACE_BASE" dedup --json --quiet --threads "$threads" "$corpus"
    cmp -s "$work/out-wiretrace.txt" "$work/out-wiretrace-base.txt" || echo "wiretrace and wiretrace-base output differ" >&2
  fi
  if [ -z "${SKIP_PYTHON:-}" ]; then
    timed datasketch "$work/venv/bin/python" "$here/datasketch_dedup.py" "$corpus"
    timed rensa "$work/venv/bin/python" "$here/rensa_dedup.py" "$corpus"
  fi
done
tail -n 1 "$work"/err-*.txt
python3 "$here/summarize.py" "$log"
