"""Shared test helpers: a generated corpus with planted near-duplicates and
the `wiretrace` command line to compare against."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]

WORDS = (
    "minister government talks ceasefire border troops agency reported statement officials parliament "
    "election vote economy inflation bank rates market prices energy gas pipeline exports sanctions "
    "president kremlin washington brussels summit delegation negotiations weekly meeting council "
    "security region city residents police investigation court ruling appeal lawyers defence "
    "spokesman said told reporters added according sources familiar with the matter on monday "
    "tuesday wednesday thursday friday during after before while since amid despite about over"
).split()


def generate(n: int, seed: int) -> List[Dict[str, str]]:
    """`n` news-like records: originals, edited copies (some chained, so
    clusters are joined through intermediates), exact copies and
    containment-style excerpts, with dates, shuffled into one order."""
    rng = random.Random(seed)
    docs: List[Dict[str, str]] = []

    def text(k: int) -> List[str]:
        return [rng.choice(WORDS) for _ in range(k)]

    def edit(words: List[str], rate: float) -> List[str]:
        out = list(words)
        for i in range(len(out)):
            if rng.random() < rate:
                out[i] = rng.choice(WORDS)
        return out

    while len(docs) < n:
        base = text(rng.randint(60, 140))
        family = [base]
        kind = rng.random()
        if kind < 0.3:  # a chain of small edits
            for _ in range(rng.randint(1, 4)):
                family.append(edit(family[-1], 0.02))
        elif kind < 0.45:  # exact copies
            family += [list(base)] * rng.randint(1, 2)
        elif kind < 0.6:  # an excerpt with a new lead (containment)
            cut = rng.randint(len(base) // 2, len(base))
            family.append(text(rng.randint(3, 10)) + base[:cut])
        for words in family:
            docs.append({"text": " ".join(words).capitalize() + "."})
    docs = docs[:n]
    rng.shuffle(docs)
    for i, d in enumerate(docs):
        d["id"] = f"doc-{i:05d}"
        d["date"] = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return [{"id": d["id"], "date": d["date"], "text": d["text"]} for d in docs]


def write_jsonl(records: List[Dict[str, str]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def cli_binary() -> str:
    """The `wiretrace` command: $WIRETRACE_BIN, else a built one in target/."""
    given = os.environ.get("WIRETRACE_BIN")
    if given:
        return given
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "wiretrace"
        if p.is_file():
            return str(p)
    found = shutil.which("wiretrace")
    if found:
        return found
    pytest.fail("no wiretrace binary: set WIRETRACE_BIN or run `cargo build --bin wiretrace`")


def cli_dedup(path: Path, *args: str) -> List[str]:
    """`wiretrace dedup --json` lines."""
    out = subprocess.run(
        [cli_binary(), "dedup", "--json", "--quiet", str(path), *args],
        check=True, capture_output=True, text=True,
    ).stdout
    return out.splitlines()


def as_lines(clusters: List[dict]) -> List[str]:
    """Clusters serialized as `dedup --json` writes them."""
    return [json.dumps(c, separators=(",", ":"), ensure_ascii=False) for c in clusters]


class UnionFind:
    """Plain union-find, the reference for component labelling."""

    def __init__(self) -> None:
        self.parent: Dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def reference_labels(edges: List[tuple]) -> List[tuple]:
    uf = UnionFind()
    for a, b in edges:
        uf.union(a, b)
    smallest: Dict[int, int] = {}
    for x in uf.parent:
        r = uf.find(x)
        smallest[r] = min(smallest.get(r, x), x)
    return sorted((x, smallest[uf.find(x)]) for x in uf.parent)


def random_graph(rng: random.Random, nodes: int, edges: int, path: int, big: Optional[int] = None) -> List[tuple]:
    """Random edges among `nodes` nodes (sparse ids, some self-loops and
    repeats) plus a path of `path` nodes in shuffled order."""
    ids = rng.sample(range(big or nodes * 10), nodes)
    out = [(rng.choice(ids), rng.choice(ids)) for _ in range(edges)]
    chain = rng.sample(range(10**6, 10**6 + path * 3), path)
    out += [(chain[i], chain[i + 1]) for i in range(path - 1)]
    rng.shuffle(out)
    return out
