"""`kssqa extract`: this year's inputs proposed from last year's and this year's draft.

Measured on the 2026 fixture draft (tests/fixtures/draft2026: the 2025 report moved on a year,
sentences rephrased, a chapter added and one removed, errors planted), against its answer key.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kssqa.api import run
from kssqa.cli import main
from kssqa.config import load_config
from kssqa.extract import extract

from .conftest import ROOT
from .extract_scoring import FIXTURE, score


def copy_project(folder: Path) -> Path:
    for name in ("checks", "schemas"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(ROOT / "inputs" / "2025", folder / "inputs" / "2025")
    shutil.copy(ROOT / "kssqa.toml", folder / "kssqa.toml")
    return folder / "kssqa.toml"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """A copy of the project after `kssqa extract --year 2026 --manuscript <the draft>`."""
    root = tmp_path_factory.mktemp("extract")
    config = copy_project(root)
    draft = FIXTURE / "arsmelding-2026.md"
    before = sha(draft), sha(root / "inputs/2025/vo_linjen.csv")
    result = CliRunner().invoke(
        main,
        ["extract", "--config", str(config), "--year", "2026", "--manuscript", str(draft)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert (sha(draft), sha(root / "inputs/2025/vo_linjen.csv")) == before  # only read
    return root, result.output


def test_the_rows_whose_sentence_survives_are_placed_with_their_value(extracted, tmp_path):
    root, _ = extracted
    config = load_config(root / "kssqa.toml").with_overrides(year=2026)
    again = copy_project(tmp_path)
    result = extract(
        load_config(again).with_overrides(year=2026), 2026, FIXTURE / "arsmelding-2026.md"
    )
    counts, wrong = score(tmp_path, FIXTURE / "arsmelding-2026.md", result)
    assert counts["surviving"] > 700
    assert counts["right"] / counts["surviving"] >= 0.94, counts
    # a wrong value is worse than "please review": at most one in a hundred
    assert counts["wrong"] <= counts["surviving"] // 100, wrong
    assert config.inputs == root / "inputs" / "2026"


def test_what_the_extraction_says_and_writes(extracted):
    root, output = extracted
    assert "rader plassert" in output and "til gjennomsyn" in output
    review = root / "reports" / "2026" / "extract-review.csv"
    with review.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    statuses = {r["status"] for r in rows}
    assert {"review", "gone", "untaken"} <= statuses
    # the added chapter's figures are in no row of last year's: listed for the editor
    assert any(r["status"] == "untaken" and r["proposed_values"] == "486" for r in rows)
    media = {r["key"]: r for r in csv.DictReader((root / "inputs/2026/media_hits.csv").open())}
    total = media["media_hits.total.2026"]
    assert (total["value"], total["quote"]) == ("190", "Totalt antall treff: 190 (2025: 167)")
    assert total["section"] == "Krisesentersekretariatet i media"


def test_the_planted_errors_are_found_in_the_proposal(extracted):
    root, _ = extracted
    report = run(load_config(root / "kssqa.toml").with_overrides(year=2026))
    failed = {(f.check_id, f.locations[0].file.rsplit("/", 1)[-1]) for f in report.failures()}
    assert ("prior-year.restated", "media_hits.csv") in failed  # 140 for the 104 of 2025
    assert ("vo.contacts-by-channel", "vo_linjen.csv") in failed  # last year's total left
    assert ("rosa.prostitution-share", "rosa.csv") in failed  # 71 % of 25/34
    assert ("events.dates", "events.csv") in failed  # 13.1.2025 in the 2026 log


def test_a_second_run_keeps_what_the_editor_confirmed(extracted, tmp_path):
    root, _ = extracted
    project = tmp_path / "project"
    shutil.copytree(root, project)
    config = load_config(project / "kssqa.toml").with_overrides(year=2026)
    draft = FIXTURE / "arsmelding-2026.md"
    path = project / "inputs/2026/media_hits.csv"
    before = path.read_text(encoding="utf-8")
    extract(config, 2026, draft)  # the same draft again: nothing changes
    assert path.read_text(encoding="utf-8") == before
    # the editor corrects a value by hand: the next run keeps it, --force replaces it
    edited = before.replace(",2026,190,count,", ",2026,191,count,", 1)
    path.write_text(edited, encoding="utf-8")
    result = extract(config, 2026, draft)
    assert path.read_text(encoding="utf-8") == edited
    assert any(p.key == "media_hits.total.2026" and p.status == "kept" for p in result.placements)
    extract(config, 2026, draft, force=True)
    assert path.read_text(encoding="utf-8") == before


def test_a_word_draft_is_extracted_like_its_text(tmp_path):
    config = load_config(copy_project(tmp_path)).with_overrides(year=2026)
    result = extract(config, 2026, FIXTURE / "arsmelding-2026.docx")
    counts, wrong = score(tmp_path, FIXTURE / "arsmelding-2026.docx", result)
    assert counts["right"] / counts["surviving"] >= 0.94, counts
    assert counts["wrong"] <= counts["surviving"] // 100, wrong


def test_an_unreadable_draft_writes_nothing(tmp_path):
    config = copy_project(tmp_path)
    bad = tmp_path / "utkast.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    result = CliRunner().invoke(
        main, ["extract", "--config", str(config), "--year", "2026", "--manuscript", str(bad)]
    )
    assert result.exit_code == 2
    assert "utkast.doc" in result.output and "save it as .docx" in result.output
    assert not (tmp_path / "inputs" / "2026").exists()
