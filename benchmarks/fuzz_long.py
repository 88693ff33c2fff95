"""The long fuzz profile: many mutated projects through kssqa, every failure counted (not a test).

    python benchmarks/fuzz_long.py [--examples 10000] [--seed N] [--keep FOLDER]

Draws projects from the strategy of ``tests/test_fuzz.py`` (mutated real CSVs, hostile YAML
and TOML) and runs each through ``api.run`` and every renderer, like the test, but does not
stop at the first failure: it counts internal errors (any exception of kssqa), malformed
outputs, changed inputs and bad configuration messages over all examples, and prints them with
the exit codes seen, the time taken and the slowest example. Exits 1 if anything failed;
``--keep`` writes the files of the first failing examples there to reproduce them.

The normal test suite runs the same property on a few dozen examples
(``KSSQA_FUZZ_EXAMPLES`` sets how many; the test stops at, and shrinks, the first failure).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.test_fuzz import (  # noqa: E402
    BadMessage,
    InputChanged,
    MalformedOutput,
    check_project,
    projects,
    write_project,
)

KINDS = {
    MalformedOutput: "malformed output",
    InputChanged: "input changed",
    BadMessage: "bad configuration message",
}
KEPT = 5  # failing examples written out with --keep


def campaign(examples: int, chosen_seed: int | None, keep: Path | None) -> int:
    counts: Counter[str] = Counter()
    slowest = (0.0, [])
    failures: list[tuple[str, list[str], str]] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
    @given(projects())
    def one(project):
        nonlocal slowest
        files, done = project
        started = time.perf_counter()
        try:
            counts[f"exit {check_project(files)}"] += 1
        except (MalformedOutput, InputChanged, BadMessage) as error:
            counts[KINDS[type(error)]] += 1
            failures.append((KINDS[type(error)], done, str(error)))
            _keep(keep, len(failures), files)
        except Exception:  # an internal error: what the campaign is looking for
            counts["internal error"] += 1
            failures.append(("internal error", done, traceback.format_exc(limit=-3)))
            _keep(keep, len(failures), files)
        elapsed = time.perf_counter() - started
        if elapsed > slowest[0]:
            slowest = (elapsed, done)

    runner = seed(chosen_seed)(one) if chosen_seed is not None else one
    started = time.perf_counter()
    runner()
    total = time.perf_counter() - started
    run = sum(counts.values())
    print(f"examples run:        {run}")
    print(f"time:                {total:.0f} s ({total / max(run, 1) * 1000:.0f} ms per example)")
    print(f"internal errors:     {counts['internal error']}")
    print(f"malformed outputs:   {counts['malformed output']}")
    print(f"changed inputs:      {counts['input changed']}")
    print(f"bad config messages: {counts['bad configuration message']}")
    print(
        "exit codes:          "
        + ", ".join(f"{k}: {counts[k]}" for k in sorted(counts) if "exit" in k)
    )
    print(f"slowest example:     {slowest[0]:.1f} s ({', '.join(slowest[1]) or 'unmutated'})")
    for kind, done, detail in failures[:KEPT]:
        print(f"\n{kind} after {', '.join(done) or 'no mutation'}:\n{detail}")
    return 1 if failures else 0


def _keep(folder: Path | None, number: int, files: dict[str, bytes]) -> None:
    if folder is not None and number <= KEPT:
        write_project(folder / f"failure-{number}", files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="reproduce a campaign")
    parser.add_argument("--keep", type=Path, default=None, help="write failing examples here")
    args = parser.parse_args()
    return campaign(args.examples, args.seed, args.keep)


if __name__ == "__main__":
    sys.exit(main())
