"""datasketch 2.x: MinHash (128 permutations) over 5-word shingles, MinHashLSH at 0.8,
clusters as connected components of LSH candidates (no verification)."""
import sys

from datasketch import MinHash, MinHashLSH

from common import components, read_docs, report, shingles

docs = read_docs(sys.argv[1])
sets = [list(shingles(d["text"])) for d in docs]
# Python's built-in string hash (C, per process) instead of datasketch's default SHA-1:
# the fastest reasonable choice, twice as fast
mhs = MinHash.bulk(sets, num_perm=128, hashfunc=lambda s: hash(s) & 0xFFFFFFFF)
lsh = MinHashLSH(threshold=0.8, num_perm=128)
with lsh.insertion_session() as session:
    for i, m in enumerate(mhs):
        if sets[i]:
            session.insert(i, m)
pairs = [(i, j) for i, m in enumerate(mhs) if sets[i] for j in lsh.query(m) if j != i]
report("datasketch", docs, components(len(docs), pairs))
