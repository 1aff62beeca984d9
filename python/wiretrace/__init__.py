"""wiretrace: near-duplicate documents, reused passages and quotes in news text.

The Rust library of the ``wiretrace`` command, from Python. Every function
gives what the command prints with ``--json``, parsed, and releases the GIL
while it works.

Example::

    >>> import wiretrace
    >>> story = "Russian peacekeepers have begun to withdraw from Karabakh, the Kremlin said."
    >>> clusters = wiretrace.dedup([story, story, "An unrelated story about the weather in Oslo."])
    >>> [(m["id"], m["similarity"]) for m in clusters[0]["members"]]
    [('0', 1.0), ('1', 1.0)]

Records are texts (their id is their position, as a string) or dicts with
``id`` and ``text`` (and ``date`` for ``keep="earliest"``); they are
written to a temporary JSON Lines file that the library reads, so any
JSON-serializable fields travel along. Errors: ``ValueError`` for bad
parameters and bad records (the message names the record by position),
``TypeError`` for records that are neither texts nor dicts, ``OSError``
for files that cannot be read or written.

Submodules: :mod:`wiretrace.shard` (the sharded dedup stages, for any
scheduler) and :mod:`wiretrace.spark` (the stages on Spark DataFrames).
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from . import _native
from ._params import Record, config_json, json_lines, records_file, table

__version__: str = _native.__version__

__all__ = ["dedup", "dedup_table", "quotes", "passages", "Index", "label_components", "Record"]


def _dedup(records: Iterable[Record], threads: Optional[int], params: Dict[str, Any]) -> "tuple[List[dict], List[str]]":
    config = config_json(**params)
    with records_file(records) as path:
        out, ids = _native.dedup_jsonl(path, config, threads)
    return json_lines(out), ids


def dedup(
    records: Iterable[Record],
    *,
    threshold: float = 0.8,
    measure: str = "jaccard",
    method: str = "minhash",
    num_perm: int = 128,
    shingle_size: int = 5,
    keep: str = "first",
    cluster: str = "components",
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    bands: Optional[int] = None,
    rows: Optional[int] = None,
    verify: bool = True,
    max_hamming: int = 3,
) -> List[Dict[str, Any]]:
    """Clusters of near-duplicate records, as ``wiretrace dedup --json`` prints them.

    Args:
        records: texts (id = position as a string) or dicts with ``id``,
            ``text`` and optionally ``date`` (ISO 8601, for ``keep="earliest"``).
        threshold: similarity in (0, 1] at or above which two records join.
        measure: ``"jaccard"`` (shingle sets) or ``"containment"`` (the
            smaller record inside the larger, edit-tolerant).
        method: ``"minhash"`` (LSH), ``"simhash"`` or ``"exact"``.
        num_perm: MinHash values per signature (1 to 1024).
        shingle_size: words per shingle (1 to 32).
        keep: which member represents a cluster: ``"first"``,
            ``"earliest"`` (by date) or ``"longest"``.
        cluster: ``"components"`` (connected components) or ``"centers"``.
        seed: hash seed (default: the command line's).
        threads: worker threads for this call (default: all cores).
        bands, rows: LSH banding (both or neither; default from the threshold).
        verify: verify candidates exactly (default) or trust the estimate.
        max_hamming: SimHash candidates within this many bits.

    Returns:
        One dict per cluster of two or more, in order of their first
        member: ``cluster_id`` (1-based), ``size``, ``representative`` (its
        id) and ``members`` (``id`` and ``similarity`` to the
        representative, rounded to 4 decimals; representative first).

    Raises:
        ValueError: bad parameters, or a record without text, with a
            repeated id, or with a bad date (named by position).
        TypeError: a record that is neither a str nor a dict.

    Example::

        >>> import wiretrace
        >>> docs = [{"id": "a", "text": "the cat sat on the mat today " * 5},
        ...         {"id": "b", "text": "the cat sat on the mat today " * 5 + "!"},
        ...         {"id": "c", "text": "something else entirely, with different words"}]
        >>> [c["representative"] for c in wiretrace.dedup(docs)]
        ['a']
    """
    params = dict(threshold=threshold, measure=measure, method=method, num_perm=num_perm,
                  shingle_size=shingle_size, keep=keep, cluster=cluster, seed=seed, bands=bands,
                  rows=rows, verify=verify, max_hamming=max_hamming)
    return _dedup(records, threads, params)[0]


def dedup_table(
    records: Iterable[Record],
    *,
    threshold: float = 0.8,
    measure: str = "jaccard",
    method: str = "minhash",
    num_perm: int = 128,
    shingle_size: int = 5,
    keep: str = "first",
    cluster: str = "components",
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    bands: Optional[int] = None,
    rows: Optional[int] = None,
    verify: bool = True,
    max_hamming: int = 3,
) -> List[Dict[str, Any]]:
    """:func:`dedup` as one row per record, for ``pandas.DataFrame(rows)``.

    Takes the parameters of :func:`dedup`. Each row has ``id``,
    ``cluster_id`` (None for a record in no cluster), ``duplicate_of``
    (the representative's id for a removed duplicate, else None),
    ``similarity`` (to the representative; None outside clusters) and
    ``keep`` (True for the records of the deduplicated corpus), in input
    order.

    Example::

        >>> import wiretrace
        >>> story = "Russian peacekeepers have begun to withdraw from Karabakh, the Kremlin said."
        >>> rows = wiretrace.dedup_table([story, "Weather in Oslo today.", story])
        >>> [(r["id"], r["duplicate_of"], r["keep"]) for r in rows]
        [('0', None, True), ('1', None, True), ('2', '0', False)]
    """
    params = dict(threshold=threshold, measure=measure, method=method, num_perm=num_perm,
                  shingle_size=shingle_size, keep=keep, cluster=cluster, seed=seed, bands=bands,
                  rows=rows, verify=verify, max_hamming=max_hamming)
    clusters, ids = _dedup(records, threads, params)
    return table(clusters, ids)


def quotes(text: str) -> List[Dict[str, Any]]:
    """Every quote of `text` with its speaker, cue and credited outlet.

    Returns one dict per quote, in order: ``quote`` (the quoted text,
    marks excluded), ``speaker`` (the speaker phrase as written, or None),
    ``speaker_name`` (the named person it refers to, when known),
    ``outlet`` (the outlet credited, canonical name, or None), ``cue``
    (the cue words such as "said") and ``spans``: ``quote``, ``speaker``
    and ``cue`` as ``(start, end)`` character offsets into `text` (so
    ``text[start:end]``), or None.

    Example::

        >>> import wiretrace
        >>> q = wiretrace.quotes('"We will not withdraw," Peskov told TASS on Monday.')[0]
        >>> q["quote"], q["speaker"], q["outlet"]
        ('We will not withdraw,', 'Peskov', 'TASS')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    out = []
    for quote, speaker, outlet, cue, name, (qs, ss, cs) in _native.quotes(text):
        out.append({
            "quote": quote,
            "speaker": speaker,
            "speaker_name": name,
            "outlet": outlet,
            "cue": cue,
            "spans": {"quote": qs, "speaker": ss, "cue": cs},
        })
    return out


def passages(
    records: Iterable[Record],
    *,
    shingle_size: int = 5,
    min_words: int = 10,
    max_gap: int = 20,
    threads: Optional[int] = None,
) -> List[Dict[str, Any]]:
    """Passages reused across records, as ``wiretrace passages --json`` prints them.

    Records as for :func:`dedup`. Each passage names its origin and the
    member spans (byte offsets into the UTF-8 text, as the command prints).

    Example::

        >>> import wiretrace
        >>> shared = "the ministry said the talks would resume in Geneva next week after a pause of two months"
        >>> found = wiretrace.passages(["Monday: " + shared + ".", "Reports say " + shared + ", officials added."])
        >>> len(found)
        1
    """
    with records_file(records) as path:
        return json_lines(_native.passages_jsonl(path, shingle_size, min_words, max_gap, threads))


class Index:
    """A reference index of wire stories built with ``wiretrace index``.

    Example::

        idx = wiretrace.Index("wire.wtidx")
        for finding in idx.check("Text of an article ..."):
            print(finding["source_id"], finding["attributed"])
    """

    def __init__(self, path: str) -> None:
        self.path = str(path)

    def check(
        self,
        records: "str | Iterable[Record]",
        *,
        min_words: int = 25,
        threads: Optional[int] = None,
    ) -> List[Dict[str, Any]]:
        """Passages of `records` (one text, or records as for :func:`dedup`)
        copied from the index, as ``wiretrace check --json`` prints them."""
        recs: Iterable[Record] = [records] if isinstance(records, str) else records
        with records_file(recs) as path:
            return json_lines(_native.check_jsonl(self.path, path, min_words, threads))

    def __repr__(self) -> str:
        return f"Index({self.path!r})"


def label_components(a: Iterable[int], b: Iterable[int]) -> List["tuple[int, int]"]:
    """Connected components of the undirected edges ``a[i]``–``b[i]``.

    Returns ``(node, label)`` for every node of an edge, sorted by node;
    the label is the smallest node of its component (what the shard
    ``components`` stage writes).

    Example::

        >>> import wiretrace
        >>> wiretrace.label_components([5, 2, 9], [2, 7, 8])
        [(2, 2), (5, 2), (7, 2), (8, 8), (9, 8)]
    """
    return _native.label_components([int(x) for x in a], [int(x) for x in b])


from . import shard  # noqa: E402  (uses the helpers above)
