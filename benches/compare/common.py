"""Shared by the comparison scripts: read JSON Lines, 5-word shingles as
datasketch and rensa users build them (lower-cased \\w+ tokens joined by a
space), and connected components of candidate pairs."""
import json
import re
import sys

WORD = re.compile(r"\w+")
K = 5


def read_docs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shingles(text):
    w = WORD.findall(text.lower())
    if len(w) < K:
        return {" ".join(w)} if w else set()
    # zip over shifted lists is the fastest pure-Python way to build the k-grams
    return set(map(" ".join, zip(*(w[i:] for i in range(K)))))


def components(n, pairs):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def report(name, docs, clusters):
    print(f"{name}: {len(docs)} documents, {len(clusters)} clusters, "
          f"{sum(len(c) for c in clusters)} clustered", file=sys.stderr)
