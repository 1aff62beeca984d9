"""Dedup parameters as the native module takes them, and records as JSON Lines.

Private helpers shared by :mod:`wiretrace`, :mod:`wiretrace.shard` and
:mod:`wiretrace.spark`.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Union
from contextlib import contextmanager

Record = Union[str, Mapping[str, Any]]

_NAMES = {
    "method": ("minhash", "simhash", "exact"),
    "measure": ("jaccard", "containment"),
    "keep": ("first", "earliest", "longest"),
    "cluster": ("components", "centers"),
}


def _choice(name: str, value: object) -> str:
    allowed = _NAMES[name]
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def config_json(
    *,
    threshold: float = 0.8,
    measure: str = "jaccard",
    method: str = "minhash",
    num_perm: int = 128,
    shingle_size: int = 5,
    keep: str = "first",
    cluster: str = "components",
    seed: Optional[int] = None,
    bands: Optional[int] = None,
    rows: Optional[int] = None,
    verify: bool = True,
    max_hamming: int = 3,
    memory_limit: Optional[int] = None,
) -> str:
    """The JSON object of library parameters (``DedupConfig`` fields)."""
    if (bands is None) != (rows is None):
        raise ValueError("bands and rows go together: give both or neither")
    for name, v in (("num_perm", num_perm), ("shingle_size", shingle_size), ("max_hamming", max_hamming)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"{name} must be a non-negative integer; got {v!r}")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise ValueError(f"threshold must be a number; got {threshold!r}")
    out: dict = {
        "threshold": float(threshold),
        "measure": _choice("measure", measure),
        "method": _choice("method", method),
        "num_perm": num_perm,
        "shingle_size": shingle_size,
        "keep": _choice("keep", keep),
        "linkage": _choice("cluster", cluster),
        "verify": bool(verify),
        "max_hamming": max_hamming,
    }
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
            raise ValueError(f"seed must be an integer in [0, 2**64); got {seed!r}")
        out["seed"] = seed
    if bands is not None:
        out["lsh"] = {"bands": bands, "rows": rows}
    if memory_limit is not None:
        out["memory_limit"] = memory_limit
    return json.dumps(out)


def _record(i: int, r: Record) -> dict:
    if isinstance(r, str):
        return {"id": str(i), "text": r}
    if isinstance(r, Mapping):
        d = dict(r)
        d.setdefault("id", str(i))
        return d
    raise TypeError(f"record {i}: expected a str or a dict with id and text, got {type(r).__name__}")


def write_records(records: Iterable[Record], path: str) -> int:
    """Write `records` to `path` as JSON Lines; how many."""
    if isinstance(records, (str, bytes, Mapping)):
        raise TypeError("records must be a list of texts or of dicts, not a single " + type(records).__name__)
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            try:
                line = json.dumps(_record(i, r), ensure_ascii=False)
            except (TypeError, ValueError) as e:
                raise TypeError(f"record {i}: {e}") from None
            f.write(line)
            f.write("\n")
            n += 1
    return n


@contextmanager
def records_file(records: Iterable[Record]) -> Iterator[str]:
    """A temporary JSON Lines file of `records`; library errors that name
    its lines are raised again naming the record (0-based) instead."""
    with tempfile.TemporaryDirectory(prefix="wiretrace-") as d:
        path = os.path.join(d, "records.jsonl")
        write_records(records, path)
        try:
            yield path
        except (ValueError, OSError) as e:
            message = re.sub(
                re.escape(path) + r":(\d+)(?::\d+)?",
                lambda m: f"record {int(m.group(1)) - 1}",
                str(e),
            )
            if message == str(e):
                raise
            raise type(e)(message) from None


def json_lines(text: str) -> List[dict]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in text.splitlines() if line]


def table(clusters: List[dict], ids: List[str]) -> List[dict]:
    """One row per document: id, cluster_id, duplicate_of, similarity, keep."""
    by_id: dict = {}
    for c in clusters:
        rep = c["representative"]
        for m in c["members"]:
            dup = None if m["id"] == rep else rep
            by_id[m["id"]] = (c["cluster_id"], dup, m["similarity"])
    rows = []
    for i in ids:
        cid, dup, sim = by_id.get(i, (None, None, None))
        rows.append({"id": i, "cluster_id": cid, "duplicate_of": dup, "similarity": sim, "keep": dup is None})
    return rows
