"""The reproducers of issue 12 on a copy of the bundled 2025 data, end to end.

Each once ended in "kssqa: internal error" or in a junit.xml that was not XML; now the run
completes, the bad cell is a finding naming file, line and column, and every other table is
still reported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import kssqa
from kssqa.api import run
from kssqa.config import load_config
from kssqa.findings import Outcome
from kssqa.render.data import report_to_data
from kssqa.render.machine import render_junit
from kssqa.render.outputs import REPORT_FILES

from .conftest import ROOT

VO = "inputs/2025/vo_linjen.csv"


@pytest.fixture
def bundled(tmp_path) -> Path:
    """A copy of the bundled project (without the gx checks, which need their worker)."""
    for name in ("inputs", "schemas", "checks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "kssqa.toml", tmp_path / "kssqa.toml")
    (tmp_path / "checks" / "gx.yaml").unlink()
    return tmp_path


def replace_on_line(path: Path, line: int, old: str, new: str) -> None:
    """``sed -i '<line>s/old/new/'``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def findings_at(report, file: str, row: int) -> dict[str, Outcome]:
    return {
        f.check_id: f.outcome
        for f in report.findings
        if any(loc.file == file and loc.row == row for loc in f.locations)
    }


def test_a_figure_of_29_digits(bundled):
    replace_on_line(bundled / VO, 2, ",6647,count,", ",99999999999999999999999999999,count,")
    report = run(load_config(bundled / "kssqa.toml"))
    assert findings_at(report, VO, 2)["schema.vo_linjen.value.parse.too_many_digits"] == (
        Outcome.FAIL
    )
    [total] = [f for f in report.findings if f.check_id == "vo.contacts-by-channel"]
    assert total.outcome == Outcome.ERROR  # cannot be evaluated: the total is unreadable
    assert len(report.tables) == 23 and all(t.readable for t in report.tables)
    assert report.exit_code() == 1


def test_a_percentage_of_29_digits(bundled):
    replace_on_line(bundled / VO, 7, ",73%,percent,", f",{'9' * 29} %,percent,")
    report = run(load_config(bundled / "kssqa.toml"))
    assert "schema.vo_linjen.value.parse.too_many_digits" in findings_at(report, VO, 7)
    assert report.exit_code() == 1


def test_control_characters_in_a_cell_keep_junit_well_formed(bundled):
    replace_on_line(bundled / VO, 2, "totalt 6647 henvendelser", "totalt\x00 6647\x0b henvendelser")
    report = run(load_config(bundled / "kssqa.toml"))
    assert findings_at(report, VO, 2)["input.invisible_character"] == Outcome.FAIL
    for lang in ("nb", "en"):
        ET.fromstring(render_junit(report_to_data(report), lang))


def test_the_cli_reports_instead_of_failing_internally(bundled):
    replace_on_line(bundled / VO, 2, ",6647,count,", ",99999999999999999999999999999,count,")
    result = subprocess.run(
        [sys.executable, "-m", "kssqa", "check", "-q", "--lang", "en"],
        cwd=bundled,
        env={**os.environ, "PYTHONPATH": str(Path(kssqa.__file__).parents[1])},  # this kssqa
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert (
        f"{VO}:2:value: error: «99999999999999999999999999999» has 29 digits; a figure of the "
        "report has at most 15" in result.stdout
    )
    assert sorted(p.name for p in (bundled / "reports" / "2025").iterdir()) == sorted(REPORT_FILES)
