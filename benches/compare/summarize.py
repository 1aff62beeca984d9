"""Print the comparison table from the timing log: median wall time and peak RSS per tool,
and wiretrace's speed-up and memory ratio against each."""
import collections
import statistics
import sys

runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, secs, kb = line.split()
    runs[tool].append((float(secs), int(kb)))
med = {t: (statistics.median(s for s, _ in v), statistics.median(k for _, k in v), len(v)) for t, v in runs.items()}
w = med.get("wiretrace")
print(f"{'tool':<12} {'runs':>4} {'wall s (median)':>16} {'peak RSS MB':>12} {'wiretrace speed-up':>19} {'wiretrace RSS ratio':>20}")
for t, (s, kb, n) in med.items():
    speed = f"{s / w[0]:.1f}x" if w else "-"
    mem = f"{w[1] / kb:.2f}" if w else "-"
    print(f"{t:<12} {n:>4} {s:>16.2f} {kb / 1024:>12.0f} {speed:>19} {mem:>20}")
