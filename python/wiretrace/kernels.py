"""Stage kernels over Arrow record batches, for distributed engines.

Each kernel takes a ``pyarrow.RecordBatch`` (or anything with
``__arrow_c_array__``) and returns a ``pyarrow.RecordBatch``; the columns
cross between Python and Rust through the Arrow PyCapsule interface
without a copy, and the work runs with the GIL released. They compute the
pieces of the dedup stages exactly as ``wiretrace dedup`` computes them, so
an engine (Spark's ``mapInArrow``, Ray, Dask) can shuffle the pieces itself
and still get the single-process clusters; :mod:`wiretrace.spark` is such a
driver.

=====================  ===================================  =========================================
kernel                 input columns                        output columns
=====================  ===================================  =========================================
:func:`sign`           ``ordinal text`` [``id date ...``]   the sign file's (``exact``, ``sig``, ``fps`` ...)
:func:`band_keys`      ``ordinal sig``                      ``band key ordinal`` (one row per band)
:func:`link_buckets`   ``ordinals`` (list: one bucket)      ``a b``: the bucket's candidate pairs
:func:`fingerprints`   ``ordinal fps``                      ``fp ordinal`` (one row per fingerprint)
:func:`fingerprint_pairs`  ``ordinals`` (one fingerprint)   ``a b``
:func:`fingerprint_counts` ``fp ordinal`` (all batches)     ``a b shared`` (per pair)
:func:`overlap_keep`   ``a b shared count_a count_b``       ``a b``: containment candidates
:func:`verify`         ``a b text_a text_b``                ``a b similarity`` at the threshold
=====================  ===================================  =========================================

Ordinals, hashes and keys are ``int64`` (the bits of the library's
unsigned values). Bad input raises ``ValueError`` with the library's
message, e.g. ``verify kernel: column "text_a" is missing (the batch has a, b)``.

Example::

    import pyarrow as pa
    from wiretrace import kernels

    docs = pa.record_batch({"ordinal": [0, 1], "text": ["a b c d e f", "a b c d e f"]})
    signed = kernels.sign(docs)
    keys = kernels.band_keys(signed)
"""

from __future__ import annotations

import os
from typing import Any, Optional, Tuple, Union

from . import _native
from ._params import config_json

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["sign", "band_keys", "link_buckets", "fingerprints", "fingerprint_pairs", "fingerprint_counts",
           "overlap_keep", "verify",
           "read_records", "write_sign", "write_candidates", "write_edges", "engine_supports"]


def sign(batch: Any, *, threads: Optional[int] = None, **params: Any) -> Any:
    """Signatures of the texts of `batch` (columns ``ordinal``, ``text``;
    ``id``, ``file``, ``line``, ``offset``, ``date`` passed through when
    present): the sign file's columns ``ordinal id file line offset date
    len shingles exact sig fps simhash``. `params` are the dedup parameters
    of :func:`wiretrace.dedup`."""
    return _native.sign(batch, config_json(**params), threads)


def band_keys(batch: Any, **params: Any) -> Any:
    """One row ``band key ordinal`` per LSH band of each non-empty
    signature (columns ``ordinal``, ``sig``)."""
    return _native.band_keys(batch, config_json(**params))


def link_buckets(batch: Any) -> Any:
    """The candidate pairs ``a < b`` of each bucket (column ``ordinals``:
    a list of one ``(band, key)`` bucket's documents, any order), linked as
    ``wiretrace dedup`` links a bucket: all pairs of a small one, a chain
    plus a star of a huge one."""
    return _native.link_buckets(batch)


def fingerprints(batch: Any) -> Any:
    """One row ``fp ordinal`` per winnowed fingerprint (columns
    ``ordinal``, ``fps``)."""
    return _native.fingerprints(batch)


def fingerprint_pairs(batch: Any, **params: Any) -> Any:
    """The pairs ``a < b`` of each fingerprint's documents (column
    ``ordinals``): all pairs, or neighbours only in a list longer than the
    overlap ``max_df``. Count them per pair for :func:`overlap_keep`."""
    return _native.fingerprint_pairs(batch, config_json(**params))


def fingerprint_counts(batches: Any, **params: Any) -> Any:
    """For rows ``fp ordinal`` (a table, a list of batches or one batch,
    any order; every row of each fingerprint present must be among them),
    one row ``a b shared`` per pair ``a < b`` that some fingerprint's
    posting list pairs (as :func:`fingerprint_pairs` pairs it), ``shared``
    the number of those fingerprints, sorted by ``a`` then ``b``. An engine
    partitions the rows by fingerprint, calls it once per partition, and
    sums ``shared`` per pair for :func:`overlap_keep`."""
    return _native.fingerprint_counts(batches, config_json(**params))


def overlap_keep(batch: Any, **params: Any) -> Any:
    """The containment candidates ``a b`` among pairs sharing ``shared``
    fingerprints, of documents with ``count_a`` and ``count_b``
    fingerprints."""
    return _native.overlap_keep(batch, config_json(**params))


def verify(batch: Any, *, threads: Optional[int] = None, **params: Any) -> Any:
    """Exact similarity of each pair ``a b`` from its texts ``text_a``,
    ``text_b``: the pairs at or above the threshold, with ``similarity``."""
    return _native.verify(batch, config_json(**params), threads)


def engine_supports(**params: Any) -> bool:
    """Whether the kernels cover candidates and verify for `params`
    (MinHash with verification; otherwise use :mod:`wiretrace.shard`)."""
    return _native.engine_supports(config_json(**params))


def read_records(dir: PathLike, shard: int) -> Tuple[Any, str]:
    """The records of shard `shard` of the plan in `dir`, read and rejected
    as the sign stage reads them: a batch ``ordinal id file line offset
    date text`` and the rejected records (JSON, for :func:`write_sign`)."""
    return _native.read_records(os.fspath(dir), int(shard))


def write_sign(dir: PathLike, shard: int, batches: Any, rejected: str = "[]", **params: Any) -> Tuple[int, int]:
    """Write shard `shard`'s sign file from :func:`sign`'s batches (a list,
    or a table) and :func:`read_records`'s rejected records."""
    return _native.write_sign(os.fspath(dir), int(shard), config_json(**params), batches, rejected)


def write_candidates(dir: PathLike, groups: Any, pairs: Any, repeated: Any, **params: Any) -> Tuple[int, int]:
    """Write ``groups.parquet`` and ``candidates.parquet`` from an engine's
    results (tables or lists of batches): `groups` (``ordinal``,
    ``leader``) for every exact-group member but its leader, `pairs`
    (``a``, ``b``) the candidates, `repeated` (``ordinal``, ``first``) the
    documents whose id a document of smaller ordinal has (an error unless
    the plan skips invalid records)."""
    return _native.write_candidates(os.fspath(dir), config_json(**params), groups, pairs, repeated)


def write_edges(dir: PathLike, edges: Any, **params: Any) -> Tuple[int, int]:
    """Write ``edges.parquet`` from :func:`verify`'s batches."""
    return _native.write_edges(os.fspath(dir), config_json(**params), edges)
