"""How long the light commands take (a benchmark, not a test): `kssqa --help`, `kssqa list`,
`kssqa explain KIND`, each a fresh process, median wall time over repeated runs, against the
target of 0.3 s. They import neither pandas nor pandera (tests/test_startup.py); a bare
`python -c pass` is measured alongside, so the interpreter's own start is visible.

    python benchmarks/bench_startup.py [--repeats 11]
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
TARGET = 0.3  # seconds
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "kssqa --help": [sys.executable, "-m", "kssqa", "--help"],
    "kssqa list": [sys.executable, "-m", "kssqa", "list"],
    "kssqa explain sum": [sys.executable, "-m", "kssqa", "explain", "sum"],
}


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    repeats = parser.parse_args().repeats
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # As on a user's machine, Python caches compiled modules (round 0 writes them); with
    # PYTHONDONTWRITEBYTECODE set, as in some sandboxes, every run would compile kssqa again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for round_number in range(repeats + 1):  # round 0 warms the file cache
        for name, command in COMMANDS.items():
            elapsed = timed(command, env)
            if round_number:
                times[name].append(elapsed)
    for name, samples in times.items():
        median = statistics.median(samples)
        verdict = "" if name.startswith("python") else (" ok" if median <= TARGET else " SLOW")
        print(f"{name:20} {median:6.3f} s{verdict}")


if __name__ == "__main__":
    main()
