"""Shared fixtures: a small, correct kssqa project in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kssqa.config import load_config

ROOT = Path(__file__).resolve().parents[1]

CONFIG = """
[kssqa]
year = 2025
inputs = "inputs/2025"
"""

SCHEMA = """
table: figures
file: figures.csv
columns:
  key:     {type: text, required: true, unique: true, pattern: '^figures\\.[a-z0-9_.-]+$'}
  section: {type: text, required: true}
  date:    {type: date, allow_range: true, within: reporting_year}
  value:   {type: quantity, required: true, min: 0}
  unit:    {type: text, required: true, allowed: [count, percent]}
  email:   {type: email}
  quote:   {type: text, required: true}
unique_together:
  - [section, unit, date]
checks:
  - when: {unit: percent}
    column: value
    max: 100
"""

GOOD_CSV = """\
key,section,date,value,unit,email,quote
figures.a,Media,14.1.2025,1 814,count,post@example.no,mottok 1 814 henvendelser
figures.b,Media,10.-14.3.2025,44%,percent,,økning på 44%
figures.c,VO-linjen,,drøyt 1800,count,,drøyt 1800
"""


class Project:
    """A throw-away kssqa project: write files, load its config."""

    def __init__(self, root: Path):
        self.root = root
        self.write("kssqa.toml", CONFIG)
        self.write("schemas/figures.yaml", SCHEMA)
        self.write("inputs/2025/figures.csv", GOOD_CSV)

    def write(self, relative: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def config(self):
        return load_config(self.root / "kssqa.toml")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def failing(report) -> set[tuple]:
    """Failures flattened to (check rule, file name, row, column) for easy assertions."""
    return {
        (f.check_id.split(".", 3)[-1], Path(loc.file).name, loc.row, loc.column)
        for f in report.failures()
        for loc in f.locations
    }
