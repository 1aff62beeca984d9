#!/usr/bin/env bash
# Time a wiretrace binary on the pathological inputs of issue 17, doubling
# the input size, and print seconds, peak RSS and the ratio to the previous
# size (a linear command stays near 2, a quadratic one near 4). Seconds are
# user CPU seconds, steadier than wall time on a busy machine:
#
#   scripts/pathological.sh target/release/wiretrace [CASE...]
#
# CASE: credit (quotes on one long paragraph of credit lines), unclosed
# (quotes on unclosed quote marks), repeated (check with repeated
# reference text), simhash (dedup --method simhash on one big cluster).
# SIZES (default "1 2 4 8") scales each case's base size.
set -uo pipefail
BIN=$(realpath "$1")
shift
CASES=${*:-credit unclosed repeated simhash}
SIZES=${SIZES:-1 2 4 8}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
measure() { # measure LABEL CMD...: prints "LABEL seconds rss_kb"
    local label=$1
    shift
    /usr/bin/time -f "%U %M" -o "$TMP/time" "$@" >"$TMP/out" 2>/dev/null
    echo "$label $(tail -1 "$TMP/time") $(wc -c <"$TMP/out")"
}
for case in $CASES; do
    prev=""
    for s in $SIZES; do
        case $case in
        credit)
            python3 -c "print('Reuters said the plan was fine. ' * (800 * $s))" >"$TMP/in.txt"
            line=$(measure "credit ${s}x25KB" "$BIN" quotes "$TMP/in.txt")
            ;;
        unclosed)
            python3 -c "print(' '.join('\u201cw%d said' % i for i in range(2500 * $s)))" >"$TMP/in.txt"
            line=$(measure "unclosed ${s}x2500marks" "$BIN" quotes "$TMP/in.txt")
            ;;
        repeated)
            python3 -c "import json; print(json.dumps({'id': 'ref', 'source': 'Wire', 'text': 'the ' * (1250 * $s)}))" >"$TMP/ref.jsonl"
            python3 -c "print('the ' * (1250 * $s))" >"$TMP/in.txt"
            "$BIN" index build -q -o "$TMP/ref.wtidx" "$TMP/ref.jsonl" 2>/dev/null
            line=$(measure "repeated ${s}x1250words" "$BIN" check --index "$TMP/ref.wtidx" "$TMP/in.txt")
            ;;
        simhash)
            python3 -c "
import json
for i in range(1250 * $s):
    print(json.dumps({'id': str(i), 'text': 'the council approved the plan for the new coastal railway on monday after a long debate about its cost and route number %d' % i}))" >"$TMP/in.jsonl"
            line=$(measure "simhash ${s}x1250docs" "$BIN" dedup -q --method simhash "$TMP/in.jsonl")
            ;;
        esac
        secs=$(echo "$line" | cut -d' ' -f3)
        ratio=$([ -n "$prev" ] && python3 -c "print('%.2f' % ($secs / max($prev, 0.01)))" || echo -)
        echo "$line ratio=$ratio" | awk '{printf "%-24s %8ss %8d KB RSS %12d B out  %s\n", $1" "$2, $3, $4, $5, $6}'
        prev=$secs
    done
done
