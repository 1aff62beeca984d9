"""The stage kernels over Arrow record batches: the same values as the
library's stages, bucket linking as in-memory dedup links buckets, and bad
input as a ValueError with the library's message."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from wiretrace import kernels, shard  # noqa: E402
from conftest import generate, write_jsonl  # noqa: E402


def ints(batch, name: str) -> list:
    return batch.column(name).to_pylist()


def pairs(batch) -> list:
    return list(zip(ints(batch, "a"), ints(batch, "b")))


@pytest.mark.parametrize("params", [{}, {"measure": "containment", "threshold": 0.7}])
def test_sign_equals_the_sign_stage(tmp_path: Path, params: dict) -> None:
    path = write_jsonl(generate(120, seed=5), tmp_path / "c.jsonl")
    shard.plan([str(path)], 2, tmp_path / "lib")
    shard.plan([str(path)], 2, tmp_path / "kern")
    for k in range(2):
        shard.sign(tmp_path / "lib", k, **params)
        records, rejected = kernels.read_records(tmp_path / "kern", k)
        assert rejected == "[]"
        # signed in two slices: the kernel takes any batch (zero-copy slices)
        signed = [kernels.sign(records.slice(0, 50), **params), kernels.sign(records.slice(50), **params)]
        assert kernels.write_sign(tmp_path / "kern", k, signed, rejected, **params) == (records.num_rows, 0)
        name = f"sign-{k:05d}.parquet"
        lib, kern = pq.read_table(tmp_path / "lib" / name), pq.read_table(tmp_path / "kern" / name)
        assert lib.equals(kern)
        exact = [None if x is None else x % 2**64 for x in ints(pa.Table.from_batches(signed), "exact")]
        assert exact == ints(lib, "exact")


def test_band_keys_and_buckets_link_like_dedup() -> None:
    texts = ["alpha beta gamma delta epsilon zeta eta theta"] * 3 + ["one two three four five six seven"]
    signed = kernels.sign(pa.record_batch({"ordinal": pa.array([7, 3, 5, 9], pa.int64()), "text": texts}))
    keys = kernels.band_keys(signed)
    assert keys.schema.names == ["band", "key", "ordinal"]
    bands = len(set(ints(keys, "band")))
    assert keys.num_rows == 4 * bands
    by_bucket: dict = {}
    for band, key, o in zip(ints(keys, "band"), ints(keys, "key"), ints(keys, "ordinal")):
        by_bucket.setdefault((band, key), []).append(o)
    buckets = [v for v in by_bucket.values() if len(v) > 1]
    assert len(buckets) == bands and all(sorted(b) == [3, 5, 7] for b in buckets)
    linked = kernels.link_buckets(pa.record_batch({"ordinals": pa.array(buckets, pa.list_(pa.int64()))}))
    assert sorted(set(pairs(linked))) == [(3, 5), (3, 7), (5, 7)]


def test_huge_bucket_is_a_chain_and_a_star_in_any_order() -> None:
    small = [5, 1, 3]
    huge = list(range(100, 170))  # more than 64 documents
    shuffled = list(huge)
    random.Random(1).shuffle(shuffled)
    batch = pa.record_batch({"ordinals": pa.array([small, shuffled], pa.list_(pa.int64()))})
    got = pairs(kernels.link_buckets(batch))
    chain = [(huge[i], huge[i + 1]) for i in range(len(huge) - 1)]
    star = [(huge[0], x) for x in huge[2:]]
    assert got == [(1, 3), (1, 5), (3, 5)] + chain + star


def test_fingerprint_pairs_and_overlap_keep() -> None:
    lists = pa.array([[4, 2, 9], [1, 2, 3, 4, 5, 6]], pa.list_(pa.int64()))
    got = pairs(kernels.fingerprint_pairs(pa.record_batch({"ordinals": lists}), measure="containment"))
    assert got[:3] == [(2, 4), (2, 9), (4, 9)] and len(got) == 3 + 15
    # a list longer than max_df (64) pairs neighbours only
    long = pa.array([list(range(70, 0, -1))], pa.list_(pa.int64()))
    got = pairs(kernels.fingerprint_pairs(pa.record_batch({"ordinals": long}), measure="containment"))
    assert got == [(i, i + 1) for i in range(1, 70)]
    # kept: at least min(0.4, threshold / 2) of the smaller count, and one
    batch = pa.record_batch({"a": [1, 1, 2], "b": [2, 3, 3], "shared": [4, 2, 1],
                             "count_a": [10, 10, 1], "count_b": [20, 8, 2]})
    kept = kernels.overlap_keep(batch, measure="containment", threshold=0.7)
    assert pairs(kept) == [(1, 2), (2, 3)]


def test_fingerprint_counts_count_the_posting_list_pairs() -> None:
    # fingerprint 7: documents 4, 2, 9 (all pairs); 8: documents 2, 4;
    # 5: document 1 only; 6: 70 documents (neighbours only); in two batches
    fp = [7, 8, 7, 5, 8, 7] + [6] * 70
    ordinal = [4, 2, 2, 1, 4, 9] + list(range(100, 170))
    batches = [pa.record_batch({"fp": pa.array(fp[:3], pa.int64()), "ordinal": pa.array(ordinal[:3], pa.int64())}),
               pa.record_batch({"fp": pa.array(fp[3:], pa.int64()), "ordinal": pa.array(ordinal[3:], pa.int64())})]
    out = kernels.fingerprint_counts(batches, measure="containment")
    rows = list(zip(*(out.column(c).to_pylist() for c in ("a", "b", "shared"))))
    assert rows == [(2, 4, 2), (2, 9, 1), (4, 9, 1)] + [(i, i + 1, 1) for i in range(100, 169)]
    assert kernels.fingerprint_counts(pa.Table.from_batches(batches), measure="containment").equals(out)
    with pytest.raises(ValueError, match=r"fingerprint_counts \(batch 1\) kernel: column \"ordinal\" is missing"):
        kernels.fingerprint_counts([batches[0], batches[1].select(["fp"])], measure="containment")


def test_verify_keeps_pairs_at_the_threshold() -> None:
    base = "the minister said on monday that talks on the border would resume next week in brussels"
    batch = pa.record_batch({
        "a": pa.array([1, 1], pa.int64()), "b": pa.array([2, 3], pa.int64()),
        "text_a": [base, base], "text_b": [base.upper() + "!", "nothing in common with that text at all here"],
    })
    out = kernels.verify(batch)
    assert out.schema.names == ["a", "b", "similarity"]
    assert pairs(out) == [(1, 2)] and ints(out, "similarity") == [1.0]


@pytest.mark.parametrize("call, message", [
    (lambda: kernels.sign(pa.record_batch({"ordinal": [1]})),
     'sign kernel: column "text" is missing (the batch has ordinal)'),
    (lambda: kernels.sign(pa.record_batch({"ordinal": [1.5], "text": ["a"]})),
     'sign kernel: column "ordinal" must be int64 or uint64, not Float64'),
    (lambda: kernels.sign(pa.record_batch({"ordinal": [1, 2], "text": ["a", None]})),
     'sign kernel: column "text" is null in row 1'),
    (lambda: kernels.band_keys(pa.record_batch({"ordinal": [1], "sig": [b"abcd"]})),
     "band_keys kernel: row 0: a signature of 4 bytes, expected 512 (--num-perm 128)"),
    (lambda: kernels.link_buckets(pa.record_batch({"ordinals": [1]})),
     'link_buckets kernel: column "ordinals" must be a list of int64, not Int64'),
    (lambda: kernels.fingerprints(pa.record_batch({"ordinal": [1], "fps": [b"abc"]})),
     "fingerprints kernel: row 0: fingerprints of 3 bytes, not a multiple of 8"),
    (lambda: kernels.verify(pa.record_batch({"a": [1], "b": [2], "text_b": ["x"]})),
     'verify kernel: column "text_a" is missing (the batch has a, b, text_b)'),
    (lambda: kernels.verify(pa.record_batch({"a": [1], "b": [2], "text_a": ["x"], "text_b": ["x"]}), verify=False),
     "verify kernel: computes exact similarities: it does not apply with --no-verify"),
    (lambda: kernels.sign(pa.record_batch({"ordinal": [1], "text": ["a"]}), threshold=2.0),
     "threshold"),
])
def test_bad_input_is_a_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()
