"""The Spark driver in local[2]: the command line's clusters, byte for byte,
for any number of shuffle partitions and any order of the input rows; its
connected components against union-find."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import Iterator

import pytest

pyspark = pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")

import wiretrace.shard  # noqa: E402
import wiretrace.spark  # noqa: E402
from conftest import as_lines, cli_dedup, generate, random_graph, reference_labels, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator["pyspark.sql.SparkSession"]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wiretrace-tests")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(str(tmp_path_factory.mktemp("checkpoints")))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> "tuple[list, Path]":
    records = generate(600, seed=9)
    return records, write_jsonl(records, tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


MEASURES = {"jaccard": {}, "containment": {"measure": "containment", "threshold": 0.7}}


@pytest.mark.parametrize("measure", sorted(MEASURES))
@pytest.mark.parametrize("partitions", [1, 3, 17])
def test_dataframe_rows_shuffled(spark, corpus, tmp_path: Path, measure: str, partitions: int) -> None:
    records, path = corpus
    params = MEASURES[measure]
    flags = [x for k, v in params.items() for x in (f"--{k}", str(v))]
    expected = cli_dedup(path, *flags)
    assert len(expected) > 30
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    rows = [(i, r["id"], r["text"]) for i, r in enumerate(records)]
    random.Random(partitions).shuffle(rows)
    df = spark.createDataFrame(rows, "ord long, id string, text string").repartition(partitions)
    got = wiretrace.spark.dedup_dataframe(df, str(tmp_path), order_by="ord", shards=partitions, **params)
    assert as_lines(got) == expected
    # the stage files the kernels and Spark made are the library stages'
    stages = tmp_path / "stages"
    files = ("groups.parquet", "candidates.parquet", "edges.parquet")
    engine = {f: pq.read_table(stages / f) for f in files}
    meta = pq.read_metadata(stages / "candidates.parquet").metadata
    assert engine["candidates.parquet"].num_rows > engine["edges.parquet"].num_rows > 0
    wiretrace.shard.candidates(stages, **params)
    wiretrace.shard.verify(stages, **params)
    for f in files:
        assert pq.read_table(stages / f).equals(engine[f]), f
    library = pq.read_metadata(stages / "candidates.parquet").metadata
    assert (meta[b"documents"], meta[b"excluded"]) == (library[b"documents"], library[b"excluded"])


def test_files_with_output_table(spark, corpus, tmp_path: Path) -> None:
    records, path = corpus
    expected = cli_dedup(path, "--keep", "earliest")
    out = tmp_path / "dedup.parquet"
    unique = tmp_path / "unique.jsonl"
    got = wiretrace.spark.dedup(spark, [str(path)], str(tmp_path / "stages"), shards=3,
                                output=str(out), unique_out=str(unique), keep="earliest")
    assert as_lines(got) == expected
    table = spark.read.parquet(str(out))
    assert table.count() == len(records)
    dupes = {r["id"]: r["duplicate_of"] for r in table.where("duplicate_of is not null").collect()}
    assert dupes == {m["id"]: c["representative"] for c in got for m in c["members"] if m["id"] != c["representative"]}
    kept = {r["id"] for r in table.where("keep").collect()}
    assert len(unique.read_text().splitlines()) == len(kept)


def test_connected_components_match_union_find(spark) -> None:
    rng = random.Random(4)
    spark.conf.set("spark.sql.shuffle.partitions", "3")
    for trial, (nodes, edges, path) in enumerate([(1, 0, 2), (50, 60, 40), (200, 150, 300), (30, 200, 2)]):
        graph = random_graph(rng, nodes=nodes, edges=edges, path=path)
        df = spark.createDataFrame(graph, "u long, v long")
        got = sorted((r["node"], r["label"]) for r in wiretrace.spark.connected_components(df).collect())
        assert got == reference_labels(graph), trial
