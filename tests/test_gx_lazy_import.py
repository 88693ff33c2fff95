"""Great Expectations is imported only when a gx check is selected to run.

Each run is a fresh interpreter (a subprocess), so what the test process imported elsewhere does
not matter: the whole command — configuration, checks, schemas, every report format — runs, and
then the interpreter says whether ``great_expectations`` is in ``sys.modules``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, Project

PROBE = """\
import sys
from kssqa.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("GX-IMPORTED", "great_expectations" in sys.modules)
"""


def gx_imported(project: Path, *args: str) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "check", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("GX-IMPORTED"), result.stdout + result.stderr
    return last == "GX-IMPORTED True"


GX_CHECK = """\
checks:
  - id: figures.keys
    kind: gx
    title: Nøklene er unike
    table: figures
    expectation: expect_column_values_to_be_unique
    kwargs: {column: key}
"""


def test_project_without_gx_checks_does_not_import_gx(tmp_path):
    project = Project(tmp_path)
    assert not gx_imported(project.root, "--reports", str(tmp_path / "reports"))
    assert (tmp_path / "reports/2025/report.html").is_file()  # every output was written


def test_skip_gx_does_not_import_gx_and_a_selected_gx_check_does(tmp_path):
    project = Project(tmp_path)
    project.write("checks/gx.yaml", GX_CHECK)
    assert not gx_imported(project.root, "--no-write", "--skip", "gx")
    assert not gx_imported(project.root, "--no-write", "--skip", "figures.keys")
    assert not gx_imported(project.root, "--no-write", "--only", "schema")
    assert gx_imported(project.root, "--no-write")  # the probe does see an import


def test_bundled_2025_run_with_skip_gx_does_not_import_gx(tmp_path):
    for folder in ("inputs", "schemas", "checks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "kssqa.toml", tmp_path / "kssqa.toml")
    assert not gx_imported(tmp_path, "--no-write", "--skip", "gx", "--format", "json")
    assert gx_imported(tmp_path, "--no-write", "--only", "gx")
