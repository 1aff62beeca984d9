"""The sharded dedup stages on Spark: exactly ``wiretrace dedup``'s clusters.

:func:`dedup` runs the stage contract of :mod:`wiretrace.shard` on Spark
DataFrames, with the stage kernels of :mod:`wiretrace.kernels` (Arrow
record batches, GIL released) doing the work inside ``mapInArrow``:

1. **plan** (driver): the inputs are cut into consecutive shards; a
   document's ordinal ``(shard << 32) | row`` sorts like its input order.
2. **sign** (``mapInArrow``, one task per shard): the shard's records are
   read (:func:`~wiretrace.kernels.read_records`), signed
   (:func:`~wiretrace.kernels.sign`), and its sign file is written into
   the stage directory, which every executor must see (a shared or local
   file system). The signatures stay in a cached DataFrame.
3. **candidates** (Spark SQL): ids repeated across shards (``groupBy`` on
   the id); exact groups (``groupBy`` on the exact hash, the smallest
   ordinal leads); the leaders' LSH band keys
   (:func:`~wiretrace.kernels.band_keys`) and **one shuffle by band key**:
   ``groupBy(band, key)``, each bucket linked by
   :func:`~wiretrace.kernels.link_buckets` exactly as the single process
   links it (all pairs, or a chain plus a star of a huge bucket). With
   ``measure="containment"`` also the fingerprint candidates: **one
   shuffle by fingerprint** (``repartition("fp")``), each partition's
   shared counts per pair made at once by
   :func:`~wiretrace.kernels.fingerprint_counts` (a pair is one row per
   partition, not one per shared fingerprint), summed per pair, and
   :func:`~wiretrace.kernels.overlap_keep`.
4. **verify** (``mapInArrow``): the candidate pairs joined with the two
   documents' texts (read again from the shards, as the single process
   reads them again), through :func:`~wiretrace.kernels.verify`.
5. **components** (Spark SQL): connected components of the exact groups
   and verified edges with the large-star / small-star alternation
   (Kiveris et al., 2014) in plain DataFrame operations, checkpointed every
   few rounds; each component is labelled by its smallest ordinal.
6. **finalize** (driver): the groups, candidates, edges and labels are
   written as the stage files (checked) and the library's finalize makes
   the clusters, as :func:`wiretrace.dedup` returns them; with ``output=``,
   one row per document (``id``, ``cluster_id``, ``duplicate_of``,
   ``similarity``, ``keep``) written as Parquet by Spark.

Runs the kernels cannot do (``method="simhash"``, ``method="exact"``,
``verify=False``) run candidates and verify as the library's stages on the
driver instead.

:func:`dedup_dataframe` takes a DataFrame instead of files: its rows,
ordered by a column, are written as JSON Lines and deduplicated as above,
so the answer does not depend on how the rows are partitioned or shuffled.

Example::

    from pyspark.sql import SparkSession
    import wiretrace.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    clusters = wiretrace.spark.dedup(spark, ["corpus.jsonl"], "stages", output="dedup.parquet")
"""

from __future__ import annotations

import glob
import json
import logging
import os
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from . import _native
from . import shard as _shard
from ._params import config_json, table

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["dedup", "dedup_dataframe", "connected_components"]

_log = logging.getLogger("wiretrace.spark")


def _sign_task(args: "tuple[str, int, str]") -> "tuple[int, int, int]":
    from wiretrace import _native

    dir, k, config = args
    rows, rejected = _native.shard_sign(dir, k, config, 1)
    return k, rows, rejected


def _large_star(edges: "DataFrame") -> "DataFrame":
    from pyspark.sql import functions as F

    both = edges.union(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    smallest = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
    return (
        both.join(smallest, "u")
        .where(F.col("v") > F.col("u"))
        .select(F.col("v").alias("u"), F.col("m").alias("v"))
        .distinct()
    )


def _small_star(edges: "DataFrame") -> "DataFrame":
    from pyspark.sql import functions as F

    down = edges.select(F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v")).where(
        F.col("u") != F.col("v"))
    smallest = down.groupBy("u").agg(F.min("v").alias("m"))
    linked = down.join(smallest, "u").select(F.col("v").alias("u"), F.col("m").alias("v"))
    centers = smallest.select("u", F.col("m").alias("v"))
    return linked.union(centers).where(F.col("u") != F.col("v")).distinct()


def connected_components(edges: "DataFrame", *, checkpoint_every: int = 3) -> "DataFrame":
    """Connected components of an edge DataFrame with long columns ``u``
    and ``v``: a DataFrame of ``(node, label)`` for every node of an edge,
    where ``label`` is the smallest node of its component.

    Large-star and small-star steps alternate until an alternation changes
    nothing; each round's edges are materialized as a local checkpoint,
    and every `checkpoint_every` rounds checkpointed to the SparkContext's
    checkpoint directory when one is set, so the query plan stays short on
    long paths.
    """
    from pyspark.sql import functions as F

    e = edges.select(F.col("u").cast("long"), F.col("v").cast("long"))
    loops = e.select(F.col("u"), F.col("u").alias("v")).where(F.col("u") == F.col("v"))
    current = e.where(F.col("u") != F.col("v")).select(
        F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v")).distinct().localCheckpoint(eager=True)
    sc = edges.sparkSession.sparkContext
    rounds = 0
    while True:
        rounds += 1
        started = time.monotonic()
        nxt = _small_star(_large_star(current))
        # materialized every round (a lazy cache would be recomputed from
        # the start once the previous round is dropped); to the reliable
        # checkpoint directory every few rounds when one is set
        if checkpoint_every > 0 and rounds % checkpoint_every == 0 and sc.getCheckpointDir():
            nxt = nxt.checkpoint(eager=True)
        else:
            nxt = nxt.localCheckpoint(eager=True)
        # one job: edges in one round's set and not the other's
        a = nxt.withColumn("in_next", F.lit(True))
        b = current.withColumn("in_current", F.lit(True))
        same = a.join(b, ["u", "v"], "full_outer").where(
            F.col("in_next").isNull() | F.col("in_current").isNull()).isEmpty()
        current = nxt
        _log.debug("components round %d: %.1fs", rounds, time.monotonic() - started)
        if same:
            break
    both = current.union(current.select(F.col("v").alias("u"), F.col("u").alias("v"))).union(loops)
    labels = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("label"))
    return labels.select(F.col("u").alias("node"), "label")


def _read_pairs(spark: "SparkSession", path: str, a: str, b: str) -> "DataFrame":
    from pyspark.sql import functions as F

    return spark.read.parquet(path).select(F.col(a).cast("long").alias("u"), F.col(b).cast("long").alias("v"))


def _arrow(df: "DataFrame", names: "list[str]") -> Any:
    """A DataFrame's rows on the driver as a ``pyarrow.Table`` (int64
    columns, ``similarity`` float64, when it has no rows)."""
    import pyarrow as pa

    batches = df._collect_as_arrow() if hasattr(df, "_collect_as_arrow") else df.toArrow().to_batches()
    if not batches:
        return pa.table({c: pa.array([], pa.float64() if c == "similarity" else pa.int64()) for c in names})
    return pa.Table.from_batches(batches)


def _engine_stages(spark: "SparkSession", dir: str, n: int, config: str, lap: Any) -> None:
    """sign, candidates and verify on Spark with the kernels; writes the
    sign files and the ``groups``, ``candidates`` and ``edges`` stage
    files."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    shards = spark.createDataFrame(sc.parallelize([(k,) for k in range(n)], n), "shard int")

    def sign_shards(batches: Any) -> Any:
        from wiretrace import _native as native

        for b in batches:
            for k in b.column("shard").to_pylist():
                records, rejected = native.read_records(dir, k)
                signed = [native.sign(records.slice(i, 8192), config, 1) for i in range(0, records.num_rows, 8192)]
                native.write_sign(dir, k, config, signed, rejected)
                for s in signed:
                    yield s.select(["ordinal", "id", "exact", "sig", "fps"])

    signed = shards.mapInArrow(sign_shards, "ordinal long, id string, exact long, sig binary, fps binary").persist()
    documents = signed.count()
    lap(f"plan and sign ({n} mapInArrow tasks, {documents} documents)")

    # ids an earlier shard has: later documents are rejected
    firsts = signed.groupBy("id").agg(F.min("ordinal").alias("first"), F.count("*").alias("n")).where("n > 1")
    repeated = signed.join(firsts, "id").where(F.col("ordinal") != F.col("first")).select("ordinal", "first")
    repeated_t = _arrow(repeated, ["ordinal", "first"])
    docs = signed
    if repeated_t.num_rows:
        docs = signed.join(repeated.select("ordinal"), "ordinal", "left_anti")
    # exact groups: the smallest ordinal of an exact hash leads
    hashed = docs.where(F.col("exact").isNotNull())
    leader_of = hashed.groupBy("exact").agg(F.min("ordinal").alias("leader"))
    members = hashed.join(leader_of, "exact")
    grouped = members.where(F.col("ordinal") != F.col("leader")).select("ordinal", "leader")
    leaders = members.where(F.col("ordinal") == F.col("leader")).select("ordinal", "sig", "fps")

    def band_keys(batches: Any) -> Any:
        from wiretrace import _native as native

        for b in batches:
            yield native.band_keys(b, config)

    def link(batches: Any) -> Any:
        from wiretrace import _native as native

        for b in batches:
            yield native.link_buckets(b)

    pair_schema = "a long, b long"
    keys = leaders.select("ordinal", "sig").mapInArrow(band_keys, "band int, key long, ordinal long")
    buckets = keys.groupBy("band", "key").agg(F.collect_list("ordinal").alias("ordinals")).where(
        F.size("ordinals") > 1)
    pairs = buckets.select("ordinals").mapInArrow(link, pair_schema).persist()
    parts = [pairs]
    lap(f"candidates by band key (one shuffle; {pairs.count()} pairs, repeated across bands)")
    if json.loads(config)["measure"] == "containment":
        def fingerprints(batches: Any) -> Any:
            from wiretrace import _native as native

            for b in batches:
                yield native.fingerprints(b)

        def fingerprint_counts(batches: Any) -> Any:
            from wiretrace import _native as native

            # the whole partition at once: every row of its fingerprints
            part = list(batches)
            if part:
                out = native.fingerprint_counts(part, config)
                for i in range(0, out.num_rows, 1 << 20):
                    yield out.slice(i, 1 << 20)

        def keep(batches: Any) -> Any:
            from wiretrace import _native as native

            for b in batches:
                yield native.overlap_keep(b, config)

        fps = leaders.select("ordinal", "fps").mapInArrow(fingerprints, "fp long, ordinal long")
        # one shuffle by fingerprint; each partition's pairs counted at once
        # in the kernel, then summed per pair over partitions
        shared = fps.repartition("fp").mapInArrow(fingerprint_counts, "a long, b long, shared long").groupBy(
            "a", "b").agg(F.sum("shared").alias("shared"))
        counts = leaders.select("ordinal", (F.length("fps") / 8).cast("long").alias("count"))
        overlap = (shared
                   .join(counts.withColumnRenamed("ordinal", "a").withColumnRenamed("count", "count_a"), "a")
                   .join(counts.withColumnRenamed("ordinal", "b").withColumnRenamed("count", "count_b"), "b")
                   .select("a", "b", "shared", "count_a", "count_b")
                   .mapInArrow(keep, pair_schema)).persist()
        parts.append(overlap)
        lap(f"candidates by fingerprint (one shuffle; {overlap.count()} pairs)")
        pairs = pairs.union(overlap)
    pairs = pairs.distinct().persist()
    pairs_t = _arrow(pairs, ["a", "b"])
    for part in parts:
        part.unpersist()
    _native.write_candidates(dir, config, _arrow(grouped, ["ordinal", "leader"]), pairs_t, repeated_t)
    lap(f"candidates written ({pairs_t.num_rows} pairs)")

    wanted = sorted(set(pairs_t.column("a").to_pylist()) | set(pairs_t.column("b").to_pylist()))

    def texts(batches: Any) -> Any:
        import pyarrow as pa
        import pyarrow.compute as pc
        from wiretrace import _native as native

        keep = pa.array(wanted, pa.int64())
        for b in batches:
            for k in b.column("shard").to_pylist():
                records, _ = native.read_records(dir, k)
                records = records.filter(pc.is_in(records.column("ordinal"), value_set=keep))
                for i in range(0, records.num_rows, 4096):
                    yield records.slice(i, 4096).select(["ordinal", "text"])

    def verify(batches: Any) -> Any:
        from wiretrace import _native as native

        for b in batches:
            yield native.verify(b, config, 1)

    text = shards.mapInArrow(texts, "ordinal long, text string")
    edges = (pairs
             .join(text.select(F.col("ordinal").alias("a"), F.col("text").alias("text_a")), "a")
             .join(text.select(F.col("ordinal").alias("b"), F.col("text").alias("text_b")), "b")
             .select("a", "b", "text_a", "text_b")
             .mapInArrow(verify, "a long, b long, similarity double"))
    edges_t = _arrow(edges, ["a", "b", "similarity"])
    _native.write_edges(dir, config, edges_t)
    pairs.unpersist()
    signed.unpersist()
    lap(f"verify (mapInArrow over joined pairs; {edges_t.num_rows} edges)")


def dedup(
    spark: "SparkSession",
    inputs: Sequence[str],
    dir: str,
    *,
    shards: Optional[int] = None,
    output: Optional[str] = None,
    unique_out: Optional[str] = None,
    checkpoint_every: int = 3,
    format: str = "auto",
    threads: Optional[int] = None,
    **params: Any,
) -> List[Dict[str, Any]]:
    """Deduplicate files on Spark; the clusters of ``wiretrace dedup --json``.

    Args:
        spark: the session.
        inputs: files or directories, as for the command line.
        dir: the stage directory (seen by the driver and every executor).
        shards: how many shards to sign in parallel (default: the
            context's default parallelism).
        output: write one row per document (``id``, ``cluster_id``,
            ``duplicate_of``, ``similarity``, ``keep``) here as Parquet.
        unique_out: write the deduplicated corpus here (JSON Lines, as
            ``dedup --unique-out``).
        checkpoint_every: checkpoint the components' edges every this many rounds.
        format: how input files are read (``auto``, ``jsonl``, ...).
        threads: threads of the driver-side stages (default: all cores).
        **params: the dedup parameters of :func:`wiretrace.dedup`.

    Returns:
        The clusters, as :func:`wiretrace.dedup` returns them.
    """
    sc = spark.sparkContext
    n = int(shards or sc.defaultParallelism)
    config = config_json(**params)
    dir = os.path.abspath(dir)
    clock = [time.monotonic()]

    def lap(stage: str) -> None:
        now = time.monotonic()
        _log.info("%s: %.1fs", stage, now - clock[0])
        clock[0] = now

    _shard.plan(list(inputs), n, dir, format=format)
    if _native.engine_supports(config):
        _engine_stages(spark, dir, n, config, lap)
    else:
        sc.parallelize([(dir, k, config) for k in range(n)], n).map(_sign_task).collect()
        lap(f"plan and sign ({n} Spark tasks)")
        _shard.candidates(dir, threads=threads, **params)
        lap("candidates (driver)")
        _shard.verify(dir, threads=threads, **params)
        lap("verify (driver)")
    edges = _read_pairs(spark, os.path.join(dir, "groups.parquet"), "ordinal", "leader").union(
        _read_pairs(spark, os.path.join(dir, "edges.parquet"), "a", "b"))
    labels = connected_components(edges, checkpoint_every=checkpoint_every).collect()
    lap(f"components (Spark SQL, {len(labels)} nodes)")
    _shard.write_components(dir, [r["node"] for r in labels], [r["label"] for r in labels], **params)
    clusters, ids = _shard.finalize_with_ids(dir, unique_out=unique_out, threads=threads, **params)
    lap("write components and finalize (driver)")
    if output is not None:
        from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

        schema = StructType([
            StructField("id", StringType(), False),
            StructField("cluster_id", LongType(), True),
            StructField("duplicate_of", StringType(), True),
            StructField("similarity", DoubleType(), True),
            StructField("keep", BooleanType(), False),
        ])
        rows = [(r["id"], r["cluster_id"], r["duplicate_of"], r["similarity"], r["keep"]) for r in table(clusters, ids)]
        spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(output)
        lap("output table (Spark)")
    return clusters


def dedup_dataframe(
    df: "DataFrame",
    dir: str,
    *,
    order_by: str,
    id_col: str = "id",
    text_col: str = "text",
    date_col: Optional[str] = None,
    **kwargs: Any,
) -> List[Dict[str, Any]]:
    """:func:`dedup` of a DataFrame's rows in the order of `order_by`.

    The rows (``id_col`` and ``text_col`` as strings, ``date_col`` when
    given) are sorted by `order_by` and written as JSON Lines into
    ``dir/input``, one file per partition in order; the clusters are
    those of ``wiretrace dedup --json`` on the same records in that order,
    however the DataFrame is partitioned. Other keyword arguments go to
    :func:`dedup`.
    """
    from pyspark.sql import functions as F

    cols = [F.col(id_col).cast("string").alias("id"), F.col(text_col).cast("string").alias("text")]
    if date_col is not None:
        cols.append(F.col(date_col).cast("string").alias("date"))
    dir = os.path.abspath(dir)
    inp = os.path.join(dir, "input")
    df.orderBy(order_by).select(*cols).write.mode("overwrite").json(inp)
    files = sorted(glob.glob(os.path.join(inp, "part-*")))
    files = [f for f in files if os.path.getsize(f) > 0]
    return dedup(df.sparkSession, files, os.path.join(dir, "stages"), format="jsonl", **kwargs)
