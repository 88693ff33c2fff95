"""Great Expectations is loaded only when a gx check is selected to run, and never by kssqa's
own process: the gx checks run in a worker process (kssqa.gx_worker) that imports GX.

Each run is a fresh interpreter (a subprocess), so what the test process imported elsewhere does
not matter: the whole command — configuration, checks, schemas, every report format — runs, and
then the interpreter says whether it imported ``great_expectations`` itself and how many GX
workers it started. The worker is the only way kssqa reaches GX, so no worker and no import of
its own means that no process imported GX.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, Project

PROBE = """\
import sys
import kssqa.gx_worker as gx_worker
from kssqa.cli import main

started = []
original = gx_worker.Worker.__init__


def counting(self):
    started.append(self)
    original(self)


gx_worker.Worker.__init__ = counting
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
versions = [worker.version for worker in started]  # the workers did import GX
print("GX", "great_expectations" in sys.modules, len(started), all(versions))
"""


def gx_use(project: Path, *args: str) -> tuple[bool, int]:
    """(whether kssqa's process imported GX, how many GX workers it started)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "check", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("GX "), result.stdout + result.stderr
    _, imported, workers, versions = last.split()
    assert versions == "True"
    return imported == "True", int(workers)


GX_CHECK = """\
checks:
  - id: figures.keys
    kind: gx
    title: Nøklene er unike
    table: figures
    expectation: expect_column_values_to_be_unique
    kwargs: {column: key}
"""


def test_project_without_gx_checks_does_not_load_gx(tmp_path):
    project = Project(tmp_path)
    assert gx_use(project.root, "--reports", str(tmp_path / "reports")) == (False, 0)
    assert (tmp_path / "reports/2025/report.html").is_file()  # every output was written


def test_skip_gx_does_not_load_gx_and_a_selected_gx_check_runs_in_one_worker(tmp_path):
    project = Project(tmp_path)
    project.write("checks/gx.yaml", GX_CHECK)
    assert gx_use(project.root, "--no-write", "--skip", "gx") == (False, 0)
    assert gx_use(project.root, "--no-write", "--skip", "figures.keys") == (False, 0)
    assert gx_use(project.root, "--no-write", "--only", "schema") == (False, 0)
    assert gx_use(project.root, "--no-write") == (False, 1)  # the probe does see a worker


def test_bundled_2025_run_with_skip_gx_does_not_load_gx(tmp_path):
    for folder in ("inputs", "schemas", "checks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "kssqa.toml", tmp_path / "kssqa.toml")
    assert gx_use(tmp_path, "--no-write", "--skip", "gx", "--format", "json") == (False, 0)
    assert gx_use(tmp_path, "--no-write", "--only", "gx") == (False, 1)
