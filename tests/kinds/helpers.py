"""Run a check kind on a small project written to a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kssqa.api import run
from kssqa.config import load_config
from kssqa.findings import Outcome

CONFIG = '[kssqa]\nyear = 2025\ninputs = "inputs/2025"\n'


def write_project(root: Path, check_yaml: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "kssqa.toml").write_text(CONFIG, encoding="utf-8")
    for relative, text in {**files, "checks/checks.yaml": check_yaml}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "kssqa.toml"


def run_check(root: Path, check_yaml: str, files: dict[str, str]):
    """Run the project's checks (not the schemas) and return the findings of the checks."""
    report = run(load_config(write_project(root, check_yaml, files)))
    assert not report.blocked, [f.text("en") for f in report.failures()]
    return [f for f in report.findings if f.kind not in ("schema", "input")]


def outcomes(findings) -> list[Outcome]:
    return [f.outcome for f in findings]
