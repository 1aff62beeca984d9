"""The sharded dedup stages (``wiretrace shard ...``) as Python functions.

Each stage reads and writes files in one directory, so any scheduler
(multiprocessing, Dask, Ray, Slurm, Spark) can run them: ``plan`` once,
``sign`` once per shard (in parallel, anywhere that sees the directory),
then ``candidates``, ``verify``, ``components`` and ``finalize``. The
clusters are exactly those of :func:`wiretrace.dedup` on the same input.
Every stage takes the dedup parameters of :func:`wiretrace.dedup`
(``threshold``, ``measure``, ``method``, ...); each file records them, and
a stage refuses files made with parameters that would change its answer.

Documents are named in stage files by their ordinal ``(shard << 32) | row``.

Example::

    from concurrent.futures import ProcessPoolExecutor
    from wiretrace import shard

    m = shard.plan(["corpus.jsonl"], 4, "stages")
    with ProcessPoolExecutor() as pool:
        list(pool.map(shard.sign, ["stages"] * 4, range(4)))
    shard.candidates("stages")
    shard.verify("stages")
    shard.components("stages")
    clusters = shard.finalize("stages")

or simply ``shard.run(["corpus.jsonl"], "stages", shards=4)``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Union

from . import _native
from ._params import config_json, json_lines

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["plan", "sign", "sign_file", "candidates", "verify", "components", "write_components",
           "finalize", "run", "Summary"]


class Summary(NamedTuple):
    """What a stage did: rows written, records rejected."""

    rows: int
    rejected: int


def plan(
    inputs: Sequence[PathLike],
    shards: int,
    dir: PathLike,
    *,
    format: str = "auto",
    skip_invalid: bool = False,
) -> Dict[str, Any]:
    """Cut `inputs` (files or directories) into `shards` consecutive shards
    and write ``manifest.json`` into `dir`; returns the manifest.

    `format` is how files are read (``auto``, ``jsonl``, ``text``,
    ``lines``, ``warc``, ``html``); `skip_invalid` rejects bad records
    instead of failing.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]  # type: ignore[list-item]
    m = _native.shard_plan([os.fspath(p) for p in inputs], int(shards), os.fspath(dir), format, skip_invalid)
    return json.loads(m)


def sign(dir: PathLike, shard: int, *, threads: Optional[int] = None, **params: Any) -> Summary:
    """Sign shard `shard`: writes ``sign-NNNNN.parquet``."""
    return Summary(*_native.shard_sign(os.fspath(dir), int(shard), config_json(**params), threads))


def sign_file(dir: PathLike, shard: int) -> str:
    """The path of shard `shard`'s sign file."""
    return os.fspath(_native.shard_sign_file(os.fspath(dir), int(shard)))


def candidates(dir: PathLike, *, threads: Optional[int] = None, **params: Any) -> Summary:
    """Repeated ids, exact groups and candidate pairs from every sign file:
    writes ``groups.parquet`` and ``candidates.parquet``."""
    return Summary(*_native.shard_candidates(os.fspath(dir), config_json(**params), threads))


def verify(dir: PathLike, *, threads: Optional[int] = None, **params: Any) -> Summary:
    """Exact similarity of the candidate pairs: writes ``edges.parquet``."""
    return Summary(*_native.shard_verify(os.fspath(dir), config_json(**params), threads))


def components(dir: PathLike, **params: Any) -> Summary:
    """Connected components of groups and edges: writes ``components.parquet``."""
    return Summary(*_native.shard_components(os.fspath(dir), config_json(**params)))


def write_components(dir: PathLike, ordinals: Iterable[int], labels: Iterable[int], **params: Any) -> Summary:
    """Write ``components.parquet`` from labels computed elsewhere (by an
    engine): ``labels[i]`` is the smallest ordinal of the component of
    ``ordinals[i]``, for every ordinal of ``groups.parquet`` and
    ``edges.parquet``. Checked: a ``ValueError`` names a node missing, a
    node labelled twice, joined nodes labelled apart or a label that is
    not its component's smallest ordinal."""
    return Summary(*_native.shard_write_components(
        os.fspath(dir), config_json(**params), [int(o) for o in ordinals], [int(x) for x in labels]))


def finalize(
    dir: PathLike,
    *,
    unique_out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    **params: Any,
) -> List[Dict[str, Any]]:
    """Clusters from the stage files, as :func:`wiretrace.dedup` returns
    them; with `unique_out`, also writes the deduplicated corpus there (as
    ``dedup --unique-out``, byte for byte)."""
    out, _ids = _native.shard_finalize(
        os.fspath(dir), config_json(**params), None if unique_out is None else os.fspath(unique_out), threads)
    return json_lines(out)


def finalize_with_ids(
    dir: PathLike,
    *,
    unique_out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    **params: Any,
) -> "tuple[List[Dict[str, Any]], List[str]]":
    """:func:`finalize`, and every document's id in input order."""
    out, ids = _native.shard_finalize(
        os.fspath(dir), config_json(**params), None if unique_out is None else os.fspath(unique_out), threads)
    return json_lines(out), ids


def _sign_one(job: "tuple[str, int, str]") -> "tuple[int, int]":
    dir, k, config = job
    return _native.shard_sign(dir, k, config, 1)


def run(
    inputs: Sequence[PathLike],
    dir: PathLike,
    *,
    shards: int = 4,
    processes: Optional[int] = None,
    unique_out: Optional[PathLike] = None,
    **params: Any,
) -> List[Dict[str, Any]]:
    """All stages, signing the shards in `processes` worker processes
    (``multiprocessing``; default one per core): an example driver."""
    import multiprocessing

    plan(inputs, shards, dir)
    config = config_json(**params)
    jobs = [(os.fspath(dir), k, config) for k in range(shards)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(_sign_one, jobs)
    candidates(dir, **params)
    verify(dir, **params)
    components(dir, **params)
    return finalize(dir, unique_out=unique_out, **params)
