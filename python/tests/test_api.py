"""The Python API: results against the command line, errors, docs, stages."""

from __future__ import annotations

import doctest
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import wiretrace
import wiretrace.shard
from conftest import ROOT, as_lines, cli_dedup, generate, random_graph, reference_labels, write_jsonl

STORY = "Russian peacekeepers have begun to withdraw from Karabakh, the Kremlin said on Wednesday."


def test_texts_cluster_by_position() -> None:
    clusters = wiretrace.dedup([STORY, "An unrelated story about the weather in Oslo today.", STORY])
    assert clusters == [{
        "cluster_id": 1, "size": 2, "representative": "0",
        "members": [{"id": "0", "similarity": 1.0}, {"id": "2", "similarity": 1.0}],
    }]


def test_keep_longest_and_table() -> None:
    records = [
        {"id": "short", "text": STORY},
        {"id": "other", "text": "Completely different words about a football match in Madrid on Sunday evening."},
        {"id": "long", "text": STORY + " Peskov said."},
    ]
    clusters = wiretrace.dedup(records, threshold=0.5, keep="longest")
    assert [c["representative"] for c in clusters] == ["long"]
    assert [m["id"] for m in clusters[0]["members"]] == ["long", "short"]
    rows = wiretrace.dedup_table(records, threshold=0.5, keep="longest")
    sim = clusters[0]["members"][1]["similarity"]
    assert 0.5 <= sim < 1.0
    assert rows == [
        {"id": "short", "cluster_id": 1, "duplicate_of": "long", "similarity": sim, "keep": False},
        {"id": "other", "cluster_id": None, "duplicate_of": None, "similarity": None, "keep": True},
        {"id": "long", "cluster_id": 1, "duplicate_of": None, "similarity": 1.0, "keep": True},
    ]


@pytest.mark.parametrize("args", [
    {},
    {"measure": "containment", "threshold": 0.7},
    {"method": "simhash"},
    {"keep": "earliest", "cluster": "centers", "seed": 7, "num_perm": 64, "shingle_size": 4},
])
def test_same_as_the_command_line(tmp_path: Path, args: dict) -> None:
    records = generate(400, seed=3)
    path = write_jsonl(records, tmp_path / "corpus.jsonl")
    flags = []
    for k, v in args.items():
        flags += [f"--{k.replace('_', '-')}", str(v)]
    expected = cli_dedup(path, *flags)
    assert len(expected) > 20
    got = wiretrace.dedup(records, threads=2, **args)
    assert as_lines(got) == expected


@pytest.mark.parametrize("kwargs, message", [
    ({"threshold": 0.0}, "threshold must be in (0, 1]"),
    ({"threshold": "high"}, "threshold must be a number"),
    ({"measure": "cosine"}, "measure must be one of jaccard, containment; got 'cosine'"),
    ({"shingle_size": 0}, "shingle"),
    ({"num_perm": 2000}, "num-perm must be 1 to 1024"),
    ({"bands": 4}, "bands and rows go together"),
    ({"bands": 40, "rows": 4}, "bands × rows must be at least 1 and at most num-perm (128), got 40 × 4"),
    ({"threads": 0}, "threads must be at least 1"),
])
def test_bad_parameters_raise_value_error(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as e:
        wiretrace.dedup([STORY, STORY], **kwargs)
    assert message in str(e.value)


def test_bad_records() -> None:
    with pytest.raises(ValueError, match=r"^record 1: .*text"):
        wiretrace.dedup([{"id": "a", "text": STORY}, {"id": "b"}])
    with pytest.raises(ValueError, match=r"^record 1: .*\"a\".*record 0"):
        wiretrace.dedup([{"id": "a", "text": STORY}, {"id": "a", "text": STORY}])
    with pytest.raises(TypeError, match="record 1: expected a str or a dict"):
        wiretrace.dedup([STORY, 42])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a single str"):
        wiretrace.dedup(STORY)
    with pytest.raises(TypeError, match="text must be a str"):
        wiretrace.quotes(b"bytes")  # type: ignore[arg-type]


def test_quotes() -> None:
    text = 'Talks went on. "We will not withdraw," Peskov told TASS on Monday.'
    (q,) = wiretrace.quotes(text)
    assert (q["quote"], q["speaker"], q["outlet"], q["cue"]) == ("We will not withdraw,", "Peskov", "TASS", "told")
    s, e = q["spans"]["quote"]
    assert text[s:e] == q["quote"]
    s, e = q["spans"]["speaker"]
    assert text[s:e] == "Peskov"
    # character offsets, not bytes, after non-ASCII text
    text2 = "Ещё: " + text
    (q2,) = wiretrace.quotes(text2)
    s, e = q2["spans"]["quote"]
    assert text2[s:e] == "We will not withdraw,"


def test_passages_and_index(tmp_path: Path) -> None:
    shared = "the ministry said the talks would resume in Geneva next week after a pause of two months"
    found = wiretrace.passages([
        {"id": "a", "text": "Monday: " + shared + "."},
        {"id": "b", "text": "Reports say " + shared + ", officials added."},
    ])
    assert len(found) == 1
    assert json.dumps(found[0]).count('"a"') >= 1 and json.dumps(found[0]).count('"b"') >= 1
    with pytest.raises(OSError):
        wiretrace.Index(str(tmp_path / "missing.wtidx")).check("some text")


def test_docstring_examples() -> None:
    for module in (wiretrace,):
        result = doctest.testmod(module, verbose=False)
        assert result.attempted >= 6
        assert result.failed == 0


def test_help_is_useful() -> None:
    out = subprocess.run([sys.executable, "-c", "import wiretrace; help(wiretrace.dedup)"],
                         capture_output=True, text=True, check=True, env={"PAGER": "cat", "TERM": "dumb"}).stdout
    assert "Clusters of near-duplicate records" in out and "keep" in out and "Example" in out


def test_label_components_matches_union_find() -> None:
    rng = random.Random(11)
    for trial in range(40):
        edges = random_graph(rng, nodes=rng.randint(1, 300), edges=rng.randint(0, 400),
                             path=rng.choice([2, 50, 2000]), big=2**40)
        a, b = zip(*edges)
        assert wiretrace.label_components(a, b) == reference_labels(edges), trial
    with pytest.raises(ValueError, match="2 sources but 1 targets"):
        wiretrace.label_components([1, 2], [3])


def _params() -> dict:
    return {"measure": "containment", "threshold": 0.7}


def test_shard_stages_in_python(tmp_path: Path) -> None:
    records = generate(300, seed=5)
    path = write_jsonl(records, tmp_path / "corpus.jsonl")
    d = tmp_path / "stages"
    m = wiretrace.shard.plan([str(path)], 3, d)
    assert len(m["shards"]) == 3
    signed = [wiretrace.shard.sign(d, k, **_params()) for k in range(3)]
    assert sum(s.rows for s in signed) == 300 and all(s.rejected == 0 for s in signed)
    assert Path(wiretrace.shard.sign_file(d, 2)).is_file()
    wiretrace.shard.candidates(d, **_params())
    wiretrace.shard.verify(d, **_params())
    wiretrace.shard.components(d, **_params())
    unique = tmp_path / "unique.jsonl"
    clusters = wiretrace.shard.finalize(d, unique_out=unique, **_params())
    assert as_lines(clusters) == cli_dedup(path, "--measure", "containment", "--threshold", "0.7")
    assert as_lines(clusters) == as_lines(wiretrace.dedup(records, **_params()))
    kept = [json.loads(line)["id"] for line in unique.read_text().splitlines()]
    assert kept == [r["id"] for r in wiretrace.dedup_table(records, **_params()) if r["keep"]]
    # parameters travel with the files
    with pytest.raises(ValueError, match=r"was made with --seed .* but this run has 7"):
        wiretrace.shard.candidates(d, seed=7, **_params())
    with pytest.raises(ValueError, match="shard 3 does not exist"):
        wiretrace.shard.sign(d, 3, **_params())


def test_write_components_is_checked(tmp_path: Path) -> None:
    records = generate(200, seed=6)
    path = write_jsonl(records, tmp_path / "corpus.jsonl")
    d = tmp_path / "stages"
    wiretrace.shard.plan([str(path)], 2, d)
    for k in range(2):
        wiretrace.shard.sign(d, k)
    wiretrace.shard.candidates(d)
    wiretrace.shard.verify(d)
    wiretrace.shard.components(d)
    expected = wiretrace.shard.finalize(d)
    import pyarrow.parquet as pq

    t = pq.read_table(d / "components.parquet")
    nodes, labels = t.column("ordinal").to_pylist(), t.column("component").to_pylist()
    assert len(nodes) > 10
    # in another order, written again: the same clusters
    order = list(range(len(nodes)))
    random.Random(1).shuffle(order)
    wiretrace.shard.write_components(d, [nodes[i] for i in order], [labels[i] for i in order])
    assert wiretrace.shard.finalize(d) == expected
    big = max(labels)
    wrong = [big if x == min(labels) else x for x in labels]
    with pytest.raises(ValueError, match=f"is labelled {big} but the smallest ordinal of its component is {min(labels)}"):
        wiretrace.shard.write_components(d, nodes, wrong)
    with pytest.raises(ValueError, match=f"components.parquet: ordinal {nodes[0]} has no label"):
        wiretrace.shard.write_components(d, nodes[1:], labels[1:])


def test_stubs_pass_mypy(tmp_path: Path) -> None:
    mypy = pytest.importorskip("mypy.api")
    example = tmp_path / "example.py"
    example.write_text(
        "import wiretrace\n"
        "from wiretrace import shard\n"
        "clusters = wiretrace.dedup(['a b c', 'a b c'], threshold=0.9, measure='jaccard')\n"
        "rows = wiretrace.dedup_table([{'id': 'x', 'text': 'a'}], threads=1)\n"
        "ids = [str(m['id']) for c in clusters for m in c['members']]\n"
        "q = wiretrace.quotes('\"Yes,\" he said.')\n"
        "s = shard.sign('stages', 0, seed=3)\n"
        "n: int = s.rows\n"
        "labels = wiretrace.label_components([1, 2], [2, 3])\n"
        "from wiretrace import kernels\n"
        "ok: bool = kernels.engine_supports(threshold=0.9, measure='containment')\n"
        "pairs = kernels.link_buckets(kernels.band_keys(kernels.sign(None, threads=1)))\n"
    )
    out, err, status = mypy.run(["--strict", "--no-incremental", str(example)])
    assert status == 0, out + err
    bad = tmp_path / "bad.py"
    bad.write_text("import wiretrace\nwiretrace.dedup(['a'], threshold='x', nope=1)\n")
    out, _, status = mypy.run(["--no-incremental", str(bad)])
    assert status == 1 and "nope" in out, out


def test_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Python")
    block = readme[start:].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
