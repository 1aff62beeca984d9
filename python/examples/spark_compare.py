"""Time `wiretrace.spark.dedup` in local[N] against `wiretrace dedup` on one
corpus, for Jaccard and containment, and check that the clusters are the
same byte for byte (after sorting).

    python python/examples/spark_compare.py BINARY CORPUS.jsonl [--master local[2]] [--shards 4]

Prints one RESULT line per measure; exits 1 when any output differs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time

import wiretrace.spark


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--partitions", type=int, nargs="+", default=[3])
    ap.add_argument("--measures", nargs="+", default=["jaccard", "containment"])
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="  %(name)s %(message)s")
    logging.getLogger("py4j").setLevel(logging.WARNING)

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t = time.monotonic()
    spark = (SparkSession.builder.master(args.master).appName("wiretrace-compare")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print(f"spark session: {time.monotonic() - t:.1f}s", flush=True)
    failed = False
    for measure in args.measures:
        params = {"measure": measure} if measure == "jaccard" else {"measure": measure, "threshold": 0.7}
        flags = [x for k, v in params.items() for x in (f"--{k}", str(v))]
        t = time.monotonic()
        cli = subprocess.run([args.binary, "dedup", "--json", "--quiet", args.corpus, *flags],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        cli_s = time.monotonic() - t
        for p in args.partitions:
            spark.conf.set("spark.sql.shuffle.partitions", str(p))
            with tempfile.TemporaryDirectory(prefix="wiretrace-spark-") as d:
                spark.sparkContext.setCheckpointDir(os.path.join(d, "checkpoints"))
                t = time.monotonic()
                got = wiretrace.spark.dedup(spark, [args.corpus], os.path.join(d, "stages"),
                                            shards=args.shards, **params)
                spark_s = time.monotonic() - t
            lines = [json.dumps(c, separators=(",", ":"), ensure_ascii=False) for c in got]
            same = sorted(lines) == sorted(cli)
            failed |= not same
            print(f"RESULT measure={measure} partitions={p} clusters={len(cli)} same={same} "
                  f"cli={cli_s:.1f}s spark={spark_s:.1f}s ratio={spark_s / cli_s:.2f}", flush=True)
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
