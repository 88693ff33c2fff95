"""Every kind documents itself in all sections, and its examples run: one fails, one passes."""

from pathlib import Path

import pytest

from kssqa import kinds as kinds_package
from kssqa.explain import explain_kind
from kssqa.findings import Outcome
from kssqa.kinds import KIND_MODULES, KINDS
from kssqa.kinds.base import Example, KindDoc

from .helpers import run_check

ALL_KINDS = sorted(KINDS)


def test_every_kind_module_is_registered():
    """A kind is its module: every module of kssqa/kinds (but the shared ones) registers one."""
    folder = Path(kinds_package.__file__).parent
    shared = {"__init__", "base", "rounding", "aggregate"}
    modules = {p.stem for p in folder.glob("*.py")} - shared
    assert modules == set(KIND_MODULES)
    assert {KINDS[name].__module__.rsplit(".", 1)[1] for name in KINDS} == modules


@pytest.mark.parametrize("name", ALL_KINDS)
def test_kind_has_every_section(name):
    doc = KINDS[name].doc
    for section in KindDoc.SECTIONS:
        value = getattr(doc, section)
        if isinstance(value, Example):
            assert value.description and value.check and value.files
        else:
            assert isinstance(value, str) and len(value) > 40, section
    text = explain_kind(name)
    for heading in ("What it does", "Why it matters", "Example (fails)", "Example (passes)", "Fix"):
        assert f"## {heading}" in text


@pytest.mark.parametrize("name", ALL_KINDS)
def test_failing_example_fails(name, tmp_path):
    example = KINDS[name].doc.example_fails
    findings = run_check(tmp_path, example.check, example.files)
    assert findings and all(f.kind == name for f in findings)
    assert Outcome.FAIL in {f.outcome for f in findings}
    assert Outcome.ERROR not in {f.outcome for f in findings}


@pytest.mark.parametrize("name", ALL_KINDS)
def test_passing_example_passes(name, tmp_path):
    example = KINDS[name].doc.example_passes
    findings = run_check(tmp_path, example.check, example.files)
    assert findings and {f.outcome for f in findings} == {Outcome.PASS}
