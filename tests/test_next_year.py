"""One project for every year: the same checks/ and schemas/ serve 2025 and 2026.

A copy of the repository's checks, schemas and 2025 inputs is moved on with `kssqa new-year
2026`; the scaffold checks cleanly apart from its "not yet confirmed" lines, and a synthetic
2026 fixture laid over it (tests/fixtures/year2026, one planted wrong restatement) gives exactly
that restatement error, quoting both years.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kssqa.api import run
from kssqa.cli import main
from kssqa.config import load_config
from kssqa.findings import Outcome, Severity

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "year2026"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    """A copy of the project with inputs/2026 made by `kssqa new-year 2026`."""
    root = tmp_path_factory.mktemp("project")
    for name in ("checks", "schemas"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "inputs" / "2025", root / "inputs" / "2025")
    shutil.copy(ROOT / "kssqa.toml", root / "kssqa.toml")
    before = digests(root / "inputs" / "2025")
    result = invoke("new-year", "2026", "--config", str(root / "kssqa.toml"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Made inputs/2026/ from inputs/2025/ (23 tables)" in result.output
    assert "kssqa check --year 2026" in result.output
    assert digests(root / "inputs" / "2025") == before  # last year's inputs untouched
    return root


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return {row["key"]: row for row in csv.DictReader(file)}


def test_scaffold_moves_keys_on_and_carries_last_years_figures(scaffolded):
    media = rows(scaffolded / "inputs/2026/media_hits.csv")
    # this year's figure: key and year moved on, value and quote empty
    assert media["media_hits.total.2026"]["year"] == "2026"
    assert media["media_hits.total.2026"]["value"] == ""
    assert media["media_hits.total.2026"]["quote"] == ""
    # the comparison with last year the new report will print: what 2025 printed for 2025
    assert media["media_hits.total.2025"]["value"] == "167"
    assert media["media_hits.total.2025"]["quote"] == ""
    assert "media_hits.total.2024" not in media
    # descriptive columns stay; headings move on; a log starts empty
    assert media["media_hits.month.desember.2026"]["category"] == "Desember"
    board = rows(scaffolded / "inputs/2026/board.csv")
    assert all(r["section"].startswith("Styremedlemmer 2026") for r in board.values())
    events = rows(scaffolded / "inputs/2026/events.csv")
    assert all(r["date"] == "" and r["quote"] == "" for r in events.values())
    assert events["events.e001"]["where"] == "Muntlig høring: Justiskomiteen"  # to confirm


def test_a_table_declared_new_every_year_starts_empty():
    from kssqa.scaffold import scaffold_rows
    from kssqa.schema_spec import ColumnSpec, SchemaSpec
    from kssqa.tables import read_table

    table = read_table("events", ROOT / "inputs/2025/events.csv", "events.csv")
    spec = SchemaSpec("events", "events.csv", Path("x"), columns=(ColumnSpec("key"),))
    assert scaffold_rows(spec, table, 2026)[0]  # rows by default
    empty = SchemaSpec("events", "events.csv", Path("x"), new_year="empty")
    assert scaffold_rows(empty, table, 2026) == ([], 0, 0)


def test_scaffold_checks_cleanly_apart_from_what_is_unfilled(scaffolded):
    config = load_config(scaffolded / "kssqa.toml").with_overrides(year=2026)
    report = run(config)
    assert not report.blocked
    failures = report.failures()
    assert {f.check_id for f in failures} == {"input.unconfirmed"}
    assert all(f.severity == Severity.WARNING for f in failures)
    # one line per table
    assert sorted(f.locations[0].file for f in failures) == sorted(t.file for t in report.tables)
    assert report.exit_code() == 0
    assert report.skipped()  # the checks wait for the figures


def test_new_year_never_overwrites(scaffolded):
    before = digests(scaffolded / "inputs" / "2026")
    result = invoke("new-year", "2026", "--config", str(scaffolded / "kssqa.toml"))
    assert result.exit_code == 2
    assert "never overwrites" in result.output
    assert digests(scaffolded / "inputs" / "2026") == before


def test_new_year_needs_last_years_inputs(scaffolded):
    result = invoke("new-year", "2030", "--config", str(scaffolded / "kssqa.toml"))
    assert result.exit_code == 2
    assert "inputs/2029 do not exist" in result.output
    assert not (scaffolded / "inputs" / "2030").exists()


@pytest.fixture(scope="module")
def filled(scaffolded, tmp_path_factory) -> Path:
    """The scaffold with two tables of the synthetic 2026 report filled in."""
    root = tmp_path_factory.mktemp("filled")
    shutil.copytree(scaffolded, root, dirs_exist_ok=True)
    for name in ("media_hits.csv", "website.csv"):
        shutil.copy(FIXTURE / name, root / "inputs" / "2026" / name)
    return root


def test_the_same_checks_run_the_2026_report(filled):
    result = invoke(
        "check", "--config", str(filled / "kssqa.toml"), "--year", "2026", "--format", "json"
    )
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["run"]["year"] == 2026
    assert data["run"]["settings"]["inputs"] == "inputs/2026"
    errors = [f for f in data["findings"] if f["outcome"] == "fail" and f["severity"] == "error"]
    assert [(f["check_id"], f["locations"][0]["row"]) for f in errors] == [
        ("prior-year.restated", 11)
    ]
    outcomes = {c["id"]: c["outcome"] for c in data["checks"]}
    assert outcomes["media.channels-sum-per-year"] == "pass"
    assert outcomes["media.months-ranking"] == "pass"
    assert outcomes["rosa.anniversary"] == "not_applicable"  # years: [2025]
    assert outcomes["vo.contacts-by-channel"] == "skipped"  # vo_linjen not filled in yet
    # last year's files read for the comparison are tied to the result
    assert any(f["path"] == "inputs/2025/media_hits.csv" for f in data["files"])


def test_a_wrong_restatement_quotes_both_years(filled):
    report = run(load_config(filled / "kssqa.toml").with_overrides(year=2026))
    restated = [f for f in report.findings if f.check_id == "prior-year.restated"]
    failed = [f for f in restated if f.outcome == Outcome.FAIL]
    assert len(failed) == 1
    finding = failed[0]
    this_year, last_year = finding.locations
    assert (this_year.file, this_year.row) == ("inputs/2026/media_hits.csv", 11)
    assert this_year.quote == "Sosiale forhold: 121 (2025: 140)"
    assert (last_year.file, last_year.row) == ("inputs/2025/media_hits.csv", 10)
    assert last_year.quote == "Sosiale forhold: 104 (2024: 166)"
    assert finding.suggestion == "104"
    assert (finding.actual, finding.expected) == ("140", "104")
    assert "the 2026 report restates the 2025 figure as «140»" in finding.text("en")
    # the other restated media figures agree with what 2025 printed
    passed = [f for f in restated if f.outcome == Outcome.PASS]
    assert len(passed) == 5


def test_the_2025_report_is_checked_as_before():
    report = run(load_config(ROOT / "kssqa.toml"))
    restated = [f for f in report.findings if f.check_id == "prior-year.restated"]
    assert [f.outcome for f in restated] == [Outcome.SKIPPED]  # no inputs/2024 here
    assert "no inputs for 2024" in restated[0].text("en")
