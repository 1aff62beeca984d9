"""rensa 0.5: RMinHash (128 permutations, Rust) over 5-word shingles built in Python,
RMinHashLSH at 0.8 with 16 bands (its documented setting), clusters as connected
components of candidates (no verification)."""
import sys

from rensa import RMinHash, RMinHashLSH

from common import components, read_docs, report, shingles

docs = read_docs(sys.argv[1])
sets = [list(shingles(d["text"])) for d in docs]
keep = [i for i, s in enumerate(sets) if s]
mhs = RMinHash.from_token_sets([sets[i] for i in keep], 128, 42)
lsh = RMinHashLSH(0.8, 128, 16)
lsh.insert_many(mhs)
found = lsh.query_all(mhs)
pairs = [(keep[a], keep[b]) for a, cands in enumerate(found) for b in cands if b != a]
report("rensa", docs, components(len(docs), pairs))
