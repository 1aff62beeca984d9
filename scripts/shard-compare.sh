#!/usr/bin/env bash
# Check that the sharded stages give byte for byte what in-memory `dedup`
# gives: --json clusters, --unique-out and --annotate-out, for MinHash and
# SimHash, Jaccard and containment, and several shard counts.
#
#   scripts/shard-compare.sh BINARY CORPUS.jsonl [SHARDS...]   (default: 1 3 7)
#
# Prints one line per run (SAME or DIFFERENT, with both wall times) and
# exits non-zero when any output differs. Work files go to $TMPDIR.
set -euo pipefail
BIN=$(realpath "$1")
CORPUS=$(realpath "$2")
shift 2
SHARDS=("${@:-1 3 7}")
# shellcheck disable=SC2206
SHARDS=(${SHARDS[*]})
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
fail=0
for method in minhash simhash; do
    for measure in jaccard containment; do
        params=(--method "$method" --measure "$measure")
        t0=$(now)
        "$BIN" dedup "$CORPUS" "${params[@]}" --json -q \
            --unique-out "$WORK/u1.jsonl" --annotate-out "$WORK/a1.jsonl" >"$WORK/c1.json"
        t1=$(now)
        for n in "${SHARDS[@]}"; do
            dir="$WORK/stages-$n"
            rm -rf "$dir"
            s0=$(now)
            "$BIN" shard plan "$CORPUS" --shards "$n" --dir "$dir" -q
            for ((k = 0; k < n; k++)); do
                "$BIN" shard sign --dir "$dir" --shard "$k" "${params[@]}" -q
            done
            for stage in candidates verify components; do
                "$BIN" shard "$stage" --dir "$dir" "${params[@]}" -q
            done
            "$BIN" shard finalize --dir "$dir" "${params[@]}" --json -q \
                --unique-out "$WORK/u2.jsonl" --annotate-out "$WORK/a2.jsonl" >"$WORK/c2.json"
            s1=$(now)
            verdict=SAME
            for f in c u a; do
                ext=jsonl
                [ "$f" = c ] && ext=json
                cmp -s "$WORK/${f}1.$ext" "$WORK/${f}2.$ext" || verdict=DIFFERENT
            done
            [ "$verdict" = SAME ] || fail=1
            printf 'RESULT shard-compare: %s method=%s measure=%s shards=%d clusters=%d dedup=%.1fs stages=%.1fs\n' \
                "$verdict" "$method" "$measure" "$n" "$(wc -l <"$WORK/c1.json")" \
                "$(echo "$t1 - $t0" | bc)" "$(echo "$s1 - $s0" | bc)"
        done
    done
done
exit $fail
