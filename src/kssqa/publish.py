"""Write a run's reports to ``reports/<year>/``: HTML for the editor, JSON/JUnit/SARIF for CI,
the reconciliation CSV for the auditor. The set is written as a whole: old set or new set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .output import write_folder
from .render.outputs import REPORT_FILES


def report_folder(reports: Path, year: int) -> Path:
    return reports / str(year)


def write_reports(data: dict[str, Any], folder: Path, lang: str = "nb") -> list[Path]:
    """Write the report set to ``folder`` as a whole (see :func:`kssqa.output.write_folder`):
    a reader sees the previous set or this one, never a mix. Raises OutputError."""
    files = {name: output.render(data, lang) for name, output in REPORT_FILES.items()}
    write_folder(folder, files)
    return [folder / name for name in files]
