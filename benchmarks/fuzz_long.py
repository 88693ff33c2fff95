"""The long fuzz profile: many hostile inputs through kssqa, every failure counted (not a test).

    python benchmarks/fuzz_long.py [--examples 10000] [--target projects|checks|both]
                                   [--seed N] [--keep FOLDER]

``projects`` draws from the strategy of ``tests/test_fuzz.py`` (mutated real CSVs, hostile
YAML and TOML) and runs each project through ``api.run`` and every renderer; ``checks`` draws
from ``tests/test_fuzz_checks.py`` (every kind's example with hostile arguments). Like the
tests, but without stopping at the first failure: a campaign counts internal errors (any
exception of kssqa), malformed outputs, changed inputs and bad configuration messages over all
examples, and prints them with the outcomes seen, the time taken and the slowest example.
Exits 1 if anything failed; ``--keep`` writes the files of the first failing projects there.
``both`` (the default) runs ``--examples`` of each.

The normal test suite runs the same properties on a few dozen examples
(``KSSQA_FUZZ_EXAMPLES`` sets how many; a test stops at, and shrinks, the first failure).
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
from tests.test_fuzz_checks import check_definition, hostile_checks  # noqa: E402

PROPERTIES = {
    MalformedOutput: "malformed output",
    InputChanged: "input changed",
    BadMessage: "bad configuration message",
}
KEPT = 5  # failures printed (and, with --keep, written out)


def _project(drawn) -> tuple[str, str]:
    files, done = drawn
    return f"exit {check_project(files)}", ", ".join(done) or "unmutated"


def _check(drawn) -> tuple[str, str]:
    name, check, _files = drawn
    return check_definition(drawn).split(": ")[-1], f"{name}: {check!r}"[:300]


TARGETS = {"projects": (projects, _project), "checks": (hostile_checks, _check)}


def campaign(target: str, examples: int, chosen_seed: int | None, keep: Path | None) -> int:
    strategy, attempt = TARGETS[target]
    counts: Counter[str] = Counter()
    slowest = (0.0, "")
    failures: list[tuple[str, str, str]] = []

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
    @given(strategy())
    def one(drawn):
        nonlocal slowest
        started = time.perf_counter()
        what = repr(drawn[1] if target == "projects" else drawn[:2])[:300]
        try:
            outcome, what = attempt(drawn)
            counts[outcome] += 1
        except (MalformedOutput, InputChanged, BadMessage) as error:
            counts[PROPERTIES[type(error)]] += 1
            failures.append((PROPERTIES[type(error)], what, str(error)))
            _keep(keep, len(failures), drawn)
        except Exception:  # an internal error: what the campaign is looking for
            counts["internal error"] += 1
            failures.append(("internal error", what, traceback.format_exc(limit=-3)))
            _keep(keep, len(failures), drawn)
        elapsed = time.perf_counter() - started
        if elapsed > slowest[0]:
            slowest = (elapsed, what)

    runner = seed(chosen_seed)(one) if chosen_seed is not None else one
    started = time.perf_counter()
    runner()
    total = time.perf_counter() - started
    run = sum(counts.values())
    outcomes = sorted(k for k in counts if k not in PROPERTIES.values() and k != "internal error")
    print(f"== {target}")
    print(f"examples run:        {run}")
    print(f"time:                {total:.0f} s ({total / max(run, 1) * 1000:.0f} ms per example)")
    print(f"internal errors:     {counts['internal error']}")
    print(f"malformed outputs:   {counts['malformed output']}")
    print(f"changed inputs:      {counts['input changed']}")
    print(f"bad config messages: {counts['bad configuration message']}")
    print("outcomes:            " + ", ".join(f"{k}: {counts[k]}" for k in outcomes))
    print(f"slowest example:     {slowest[0]:.2f} s ({slowest[1]})")
    for kind, what, detail in failures[:KEPT]:
        print(f"\n{kind} after {what}:\n{detail}")
    sys.stdout.flush()
    return 1 if failures else 0


def _keep(folder: Path | None, number: int, drawn) -> None:
    """Write a failing project's files (a failing check is printed whole: it is small)."""
    if folder is not None and number <= KEPT and isinstance(drawn[0], dict):
        write_project(folder / f"failure-{number}", drawn[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="per target")
    parser.add_argument("--target", choices=[*TARGETS, "both"], default="both")
    parser.add_argument("--seed", type=int, default=None, help="reproduce a campaign")
    parser.add_argument("--keep", type=Path, default=None, help="write failing projects here")
    args = parser.parse_args()
    targets = list(TARGETS) if args.target == "both" else [args.target]
    return max(campaign(target, args.examples, args.seed, args.keep) for target in targets)


if __name__ == "__main__":
    sys.exit(main())
