"""What Great Expectations costs a `kssqa check` of the 2025 report (a benchmark, not a test).

Measures, as fresh processes, the median wall time over repeated runs of

  (a) kssqa check -q --no-write --skip gx     the 2025 data without the gx checks
  (b) kssqa check -q --no-write               the same with the gx checks (checks/gx.yaml)
  (c) python -c "import great_expectations"   a bare GX import, measured in the same run

and compares them with the targets: (a) at most 40 % of (c) — kssqa must not pay for GX when
no gx check runs — and (b) at most (c) + 0.5 s — running the gx checks costs little beyond
importing GX. The three commands run interleaved (a, b, c, a, b, c, ...) after one warm-up round,
so that a slower or faster moment of the machine affects them alike.

(b) can come close to (c) because kssqa runs GX in a worker process (kssqa.gx_worker) that
imports GX while kssqa itself loads, validates and runs its other checks: that needs a second
CPU core. On one core the two share it and (b) approaches (a) + (c); the script prints the
number of cores it saw.

    python benchmarks/bench_gx.py [--repeats 11] [--config kssqa.toml] [--python PATH]

``--python`` times another environment's interpreter: an editor's install (``pip install .``,
without the test extra) does not have hypothesis, which pandera imports whenever it is
installed (about 0.2 s of a check).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.40  # (a) / (c)
TARGET_EXTRA = 0.5  # (b) - (c), seconds


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: the report has findings, as the 2025 one does
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=11, help="timed runs of each (default 11)")
    parser.add_argument("--config", type=Path, default=ROOT / "kssqa.toml")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to time")
    options = parser.parse_args()
    config = options.config.resolve()
    kssqa = [options.python, "-m", "kssqa", "check", "-q", "--no-write", "--config", str(config)]
    commands = {
        "a": kssqa + ["--skip", "gx"],
        "b": kssqa,
        "c": [options.python, "-c", "import great_expectations"],
    }
    labels = {
        "a": "kssqa check --skip gx",
        "b": "kssqa check (with gx checks)",
        "c": "import great_expectations",
    }
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    # As on the editor's machine, Python caches compiled modules (the warm-up round writes
    # them); with PYTHONDONTWRITEBYTECODE set, as in some sandboxes, kssqa's own modules would
    # be compiled again on every run while GX's, compiled at install, would not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(options.repeats + 1):
        for name, command in commands.items():
            elapsed = timed(command, config.parent, env)
            if round_number:  # round 0 warms the file system cache
                times[name].append(elapsed)
    median = {name: statistics.median(values) for name, values in times.items()}

    cores = os.cpu_count()
    print(f"{options.repeats} runs each on {cores} CPU core(s), median wall time (min–max):")
    for name in commands:
        low, high = min(times[name]), max(times[name])
        print(f"  ({name}) {labels[name]:<30} {median[name]:6.3f} s  ({low:.3f}–{high:.3f})")
    ratio = median["a"] / median["c"]
    extra = median["b"] - median["c"]
    ok_a, ok_b = ratio <= TARGET_RATIO, extra <= TARGET_EXTRA
    print(f"  a/c = {ratio:.0%}   (target ≤ {TARGET_RATIO:.0%}: {'met' if ok_a else 'MISSED'})")
    print(f"  b−c = {extra:+.3f} s (target ≤ +{TARGET_EXTRA} s: {'met' if ok_b else 'MISSED'})")
    # The same within each round (a, b and c ran one after the other): less sensitive to a
    # slow minute of a shared machine than the medians of the whole run.
    rounds = list(zip(times["a"], times["b"], times["c"], strict=True))
    paired_ratio = statistics.median(a / c for a, _, c in rounds)
    paired_extra = statistics.median(b - c for _, b, c in rounds)
    print(f"  per round, median: a/c = {paired_ratio:.0%}, b−c = {paired_extra:+.3f} s")


if __name__ == "__main__":
    main()
