#!/usr/bin/env bash
# Run every command of a wiretrace binary on every fixture (and, when
# present, on ../shared/data) and save stdout, exit codes and output files
# under OUT, so two builds can be compared byte for byte:
#
#   scripts/compare-outputs.sh OLD-BINARY old/ && scripts/compare-outputs.sh NEW-BINARY new/
#   diff -r old new
#
# Stderr is not compared (it holds timings); everything a user or a script
# reads is.
set -uo pipefail
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
DATA=${DATA:-../shared/data}
cd "$(dirname "$0")/.."
rm -rf "$OUT"
mkdir -p "$OUT"
n=0
run() { # run NAME ARGS...: stdout to NAME.out, exit code to NAME.rc
    local name=$1
    shift
    "$BIN" "$@" >"$OUT/$name.out" 2>/dev/null
    echo $? >"$OUT/$name.rc"
    n=$((n + 1))
}

# dedup on the fixtures
D=fixtures/dedup/news.jsonl
for fmt in "" --json; do
    tag=${fmt:-text}
    run dedup-seed-lines-$tag dedup $fmt --format lines fixtures/seed.txt
    run dedup-seed-file-$tag dedup $fmt fixtures/seed.txt
    for measure in jaccard containment; do
        for method in minhash simhash exact; do
            run dedup-news-$measure-$method-$tag dedup $fmt -q --measure $measure --method $method $D
        done
        run dedup-news-$measure-noverify-$tag dedup $fmt -q --measure $measure --no-verify $D
        for keep in earliest longest; do
            run dedup-news-$measure-$keep-$tag dedup $fmt -q --measure $measure --keep $keep $D
        done
    done
done
run dedup-news-outputs dedup --json -q --measure containment --unique-out "$OUT/unique.jsonl" --annotate-out "$OUT/annotated.jsonl" $D
run dedup-threads1 dedup --json -q --threads 1 $D

# passages
for fmt in "" --json; do
    tag=${fmt:-text}
    run passages-seed-$tag passages $fmt -q fixtures/seed.txt
    run passages-news-$tag passages $fmt -q fixtures/passages/news.jsonl
    run passages-quotes-$tag passages $fmt -q fixtures/quotes/corpus.jsonl
    run passages-check-$tag passages $fmt -q fixtures/check/wire.jsonl fixtures/check/articles
done

# quotes
for fmt in "" --json; do
    tag=${fmt:-text}
    run quotes-seed-$tag quotes $fmt -q fixtures/seed.txt
    run quotes-corpus-$tag quotes $fmt -q fixtures/quotes/corpus.jsonl
    run quotes-outlets-$tag quotes $fmt -q --outlets fixtures/quotes/outlets.txt fixtures/quotes/corpus.jsonl
    run quotes-trace-$tag quotes $fmt -q --trace fixtures/quotes/corpus.jsonl
    run quotes-trace-index-$tag quotes $fmt -q --trace --index fixtures/index/wire-v1.wtidx fixtures/quotes/corpus.jsonl fixtures/check/articles
done

# index and check
run index-build index build -q -o "$OUT/wire.wtidx" fixtures/check/wire.jsonl
cp fixtures/check/wire.jsonl "$OUT/wire-copy.jsonl"
run index-info index info "$OUT/wire.wtidx"
run index-info-v1 index info --json fixtures/index/wire-v1.wtidx
for f in text json sarif github; do
    run check-$f check -q --index fixtures/index/wire-v1.wtidx --output-format $f fixtures/check/articles
    run check-strict-$f check -q --strict --index "$OUT/wire.wtidx" --output-format $f fixtures/check/articles
done
run check-seed check -q --json --index fixtures/index/wire-v1.wtidx fixtures/seed.txt

# eval
run eval-dedup eval --truth fixtures/eval/truth.json fixtures/eval/predictions.jsonl
run eval-passages eval --kind passages --truth fixtures/eval/passages/truth.json fixtures/eval/passages/predictions.jsonl
run eval-quotes eval --kind quotes --truth fixtures/eval/quotes/quotes.jsonl --docs fixtures/eval/quotes/docs.jsonl fixtures/eval/quotes/predictions.jsonl

# the evaluation data, when present
if [ -d "$DATA/dup" ]; then
    for measure in jaccard containment; do
        for method in minhash simhash; do
            run data-dedup-$measure-$method dedup --json -q --measure $measure --method $method "$DATA/dup/docs.jsonl"
        done
    done
    run data-dedup-outputs dedup --json -q --unique-out "$OUT/data-unique.jsonl" --annotate-out "$OUT/data-annotated.jsonl" "$DATA/dup/docs.jsonl"
    run data-passages passages --json -q "$DATA/dup/docs.jsonl"
    run data-passages-graded passages --json -q "$DATA/graded/docs.jsonl"
    run data-quotes quotes --json -q "$DATA/attrib/docs.jsonl"
    run data-quotes-trace quotes --json -q --trace "$DATA/attrib/docs.jsonl"
    # the first 300 documents as the reference index, all of them checked
    head -300 "$DATA/dup/docs.jsonl" >"$OUT/data-ref.jsonl"
    run data-index index build -q -o "$OUT/data.wtidx" "$OUT/data-ref.jsonl"
    run data-check check --json -q --index "$OUT/data.wtidx" "$DATA/dup/docs.jsonl"
    run data-check-wire check --json -q --index "$OUT/data.wtidx" "$DATA/attrib/wire_docs.jsonl"
    run data-quotes-trace-index quotes --json -q --trace --index "$OUT/data.wtidx" "$DATA/attrib/docs.jsonl"
    rm -f "$OUT/data-ref.jsonl"
fi
rm -f "$OUT/wire-copy.jsonl"
# outputs that name a file under OUT name it relative to OUT
sed -i "s|$OUT/||g" "$OUT"/*.out
echo "$n runs written to $OUT"
