"""`kssqa annotate`: every error and warning as a Word comment on the draft's printed words.

The fixture: a copy of the project whose 2026 inputs were extracted from the 2026 fixture
draft (tests/fixtures/draft2026, planted errors), then annotated.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kssqa.annotate import AUTHOR
from kssqa.api import run
from kssqa.cli import main
from kssqa.config import load_config
from kssqa.extract import extract
from kssqa.findings import Outcome

from .conftest import ROOT
from .extract_scoring import FIXTURE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comments_with_anchors(path: Path) -> list[tuple[str, str, str]]:
    """(author, anchored text, comment text) of every comment of a .docx, read back."""
    from docx import Document

    document = Document(str(path))
    body = document.element.body
    found = []
    for comment in document.comments:
        cid = comment._comment_elm.get(f"{W}id")
        inside, words = False, []
        for element in body.iter():
            if element.tag == f"{W}commentRangeStart" and element.get(f"{W}id") == cid:
                inside = True
            elif element.tag == f"{W}commentRangeEnd" and element.get(f"{W}id") == cid:
                break
            elif inside and element.tag == f"{W}t":
                words.append(element.text or "")
        found.append((comment.author, "".join(words), comment.text))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("annotate")
    for name in ("checks", "schemas"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "inputs" / "2025", root / "inputs" / "2025")
    shutil.copy(ROOT / "kssqa.toml", root / "kssqa.toml")
    (root / "inputs" / "2026").mkdir()
    shutil.copy(FIXTURE / "arsmelding-2026.docx", root / "inputs" / "2026")
    config = load_config(root / "kssqa.toml").with_overrides(year=2026)
    extract(config, 2026, root / "inputs/2026/arsmelding-2026.docx")
    return root


def annotate(project: Path, *extra: str):
    return CliRunner().invoke(
        main,
        ["annotate", "--config", str(project / "kssqa.toml"), "--year", "2026", *extra],
        catch_exceptions=False,
    )


def test_each_error_is_a_comment_on_its_printed_words(project):
    draft = project / "inputs/2026/arsmelding-2026.docx"
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    result = annotate(project, "--lang", "en")
    assert result.exit_code == 0, result.output
    copy = project / "reports/2026/arsmelding-2026.kssqa.docx"
    comments = comments_with_anchors(copy)
    report = run(load_config(project / "kssqa.toml").with_overrides(year=2026))
    failing = [
        f
        for f in report.findings
        if f.outcome in (Outcome.FAIL, Outcome.ERROR)
        and str(f.severity) in ("error", "warning")
        and f.check_id != "input.unconfirmed"
    ]
    assert failing and len(comments) == len(failing)
    for finding in failing:
        mine = [c for c in comments if finding.text("en") in c[2]]
        assert len(mine) == 1, finding.text("en")
        author, anchor, _ = mine[0]
        assert author == AUTHOR and anchor
        quote = next((loc.quote for loc in finding.locations if loc.quote), "")
        if finding.actual and finding.actual in quote:
            assert finding.actual in anchor  # the printed value is marked, not the sentence
    # the planted errors of the draft, each on its own words
    anchors = {anchor for _, anchor, _ in comments}
    assert {"13.1.2025", "140", "71 %", "6647", "Kari-Mette Fjeld"} <= anchors
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # never written


def test_annotating_again_replaces_kssqas_comments_and_keeps_the_editors(project, tmp_path):
    from docx import Document

    first = project / "reports/2026/arsmelding-2026.kssqa.docx"
    annotate(project)
    document = Document(str(first))
    paragraph = next(p for p in document.paragraphs if p.runs)
    document.add_comment(paragraph.runs, text="Sjekk dette", author="Redaktøren")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    again = tmp_path / "again.docx"
    result = annotate(project, "--manuscript", str(edited), "-o", str(again))
    assert result.exit_code == 0, result.output
    authors = [author for author, _, _ in comments_with_anchors(again)]
    assert authors.count("Redaktøren") == 1
    assert authors.count(AUTHOR) == len(comments_with_anchors(first))  # not doubled


def test_the_draft_is_never_the_output(project):
    draft = project / "inputs/2026/arsmelding-2026.docx"
    result = CliRunner().invoke(
        main,
        ["annotate", "--config", str(project / "kssqa.toml"), "--year", "2026", "-o", str(draft)],
    )
    assert result.exit_code == 2
    assert "would overwrite the draft" in result.output
