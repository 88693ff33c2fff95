"""Time the names kind's core grouping on generated names (not a test).

    python benchmarks/bench_names.py [--sizes 10000 100000] [--runs 5]

Generates distinct «First Last» names from syllables (deterministic), repeats a few of them
and plants one-letter misspellings of those, then times ``group_spellings`` (normalisation,
genitives, blocked fuzzy matching, token rules, union-find) and prints the median of the runs
with how many planted misspellings were found.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from kssqa.spelling import group_spellings

# the name generator lives with the tests that use it too (tests/kinds/namegen.py)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.kinds.namegen import synthetic_names  # noqa: E402


def planted_counts(n: int, plants: int = 20, seed: int = 7) -> tuple[Counter, dict[str, str]]:
    """n distinct names, ``plants`` of them frequent, each with one one-letter misspelling."""
    rng = random.Random(seed)
    names = synthetic_names(n)
    counts = Counter(names)
    planted: dict[str, str] = {}
    for name in rng.sample(names, plants):
        counts[name] += rng.randint(20, 60)
        first, last = name.split(" ")
        while True:
            i = rng.randrange(1, len(last) - 1)
            slip = f"{first} {last[:i]}{rng.choice('abdefgiklmnoprstuv')}{last[i + 1 :]}"
            if slip != name and slip not in counts:
                break
        counts[slip] += 1
        planted[slip] = name
    return counts, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        counts, planted = planted_counts(size)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            grouping = group_spellings(counts)
            timings.append(time.perf_counter() - started)
        found = {v.text: g.reference.text for g in grouping.groups for v in g.variants}
        hits = sum(found.get(slip) == name for slip, name in planted.items())
        rows.append(
            (
                size,
                grouping.spellings,
                statistics.median(timings),
                min(timings),
                len(grouping.groups),
                f"{hits}/{len(planted)}",
            )
        )
    header = ("names", "spellings", "median s", "min s", "groups", "planted found")
    print(
        f"{header[0]:>8} {header[1]:>10} {header[2]:>9} {header[3]:>7} {header[4]:>7} "
        f"{header[5]:>14}"
    )
    for size, spellings, median, fastest, groups, hits in rows:
        print(f"{size:>8} {spellings:>10} {median:>9.2f} {fastest:>7.2f} {groups:>7} {hits:>14}")
    print(f"(median of {args.runs} runs of group_spellings; names generated, not timed)")


if __name__ == "__main__":
    main()
