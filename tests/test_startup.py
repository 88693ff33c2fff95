"""`kssqa --help`, `list` and `explain` load neither pandas nor pandera (they run in a blink).

Each command runs in a fresh interpreter, which then reports which heavy libraries it imported;
the kinds expose their documentation and registry without importing what evaluates a check.
`check` does import them: the probe itself is shown able to see an import.
The time it takes is measured by benchmarks/bench_startup.py, not here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

# rapidfuzz and babel too: each costs a light command a tenth of its 0.3 s (importlib time)
HEAVY = ("pandas", "pandera", "numpy", "hypothesis", "great_expectations", "rapidfuzz", "babel")
PROBE = """\
import sys
from kssqa.cli import main

try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("HEAVY", *sorted(m for m in {heavy!r} if m in sys.modules))
"""


def heavy_imports(*args: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("HEAVY"), result.stdout + result.stderr
    return last.split()[1:]


@pytest.mark.parametrize(
    "args", [("--help",), ("list",), ("explain",), ("explain", "sum"), ("explain", "--markdown")]
)
def test_light_commands_import_no_heavy_library(args):
    assert heavy_imports(*args) == []


def test_the_probe_sees_a_check_import_pandas_and_pandera():
    imported = heavy_imports("check", "--no-write", "--only", "schema", "-q")
    assert {"pandas", "pandera", "babel"} <= set(imported)
