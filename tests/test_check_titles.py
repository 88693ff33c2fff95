"""Every check of the project has an English title, and the English report shows it."""

from __future__ import annotations

from html import escape

import pytest

from kssqa.api import run
from kssqa.checkfile import load_checks
from kssqa.config import load_config
from kssqa.render.data import report_to_data
from kssqa.render.html import render_html

from .conftest import ROOT


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "kssqa.toml")


@pytest.fixture(scope="module")
def checks(config):
    return load_checks(config.checks, config.relative, config.year)


def test_every_bundled_check_has_an_english_title(checks):
    assert checks
    missing = [c.id for c in checks if not c.title_en.strip()]
    assert not missing, f"add a title_en: to {missing}"
    untranslated = [c.id for c in checks if c.title_en.strip() == c.title.strip()]
    assert not untranslated, f"title_en repeats the Norwegian title: {untranslated}"
    assert all(c.title_in("en") == c.title_en and c.title_in("nb") == c.title for c in checks)


def test_english_report_shows_the_english_title_of_a_failing_check(config, checks):
    data = report_to_data(run(config, skip=("gx",)))
    by_id = {c.id: c for c in checks}
    failing = sorted(
        {f["check_id"] for f in data["findings"] if f["outcome"] == "fail"} & set(by_id)
    )
    assert failing, "the bundled 2025 report has failing consistency checks"
    check = by_id[failing[0]]
    page = render_html(data, "en")
    assert escape(check.title_en) in page
    assert escape(check.title) not in page and check.title not in page
    assert escape(check.title) in render_html(data, "nb")
