"""Year placeholders in checks and schemas, and moving years on for a new year."""

from __future__ import annotations

import re

import pytest

from kssqa.checkfile import load_check_file
from kssqa.config import ConfigError
from kssqa.schema_spec import load_schema
from kssqa.years import PlaceholderError, move_years_on, substitute

from .conftest import ROOT


def test_placeholders_name_the_reporting_year_and_the_year_before():
    text = "total: a.total.$year\nprior: a.total.$prior\nmax: ${year+5}\nmin: ${year-2}\n"
    assert substitute(text, 2026) == (
        "total: a.total.2026\nprior: a.total.2025\nmax: 2031\nmin: 2024\n"
    )
    assert substitute("top_video_${year}_all: $$5", 2025) == "top_video_2025_all: $5"


def test_a_regular_expression_keeps_its_anchors():
    pattern = "pattern: '^vo_linjen\\.[a-z0-9_.-]+$'  # ends with $ (the end)"
    assert substitute(pattern, 2025) == pattern


@pytest.mark.parametrize("text", ["a.$yaer", "$year_total", "${year*2}", "${prior+}"])
def test_an_unknown_placeholder_is_an_error_with_its_line(text):
    with pytest.raises(PlaceholderError, match="line 2: unknown placeholder"):
        substitute(f"checks:\n  {text}\n", 2025)


def test_a_placeholder_needs_a_year():
    with pytest.raises(PlaceholderError, match="needs a reporting year"):
        substitute("key: a.$year", None)


def test_a_check_file_is_read_for_its_year(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        "checks:\n  - id: a.b\n    kind: rule\n    title: Alder i $year\n"
        "    expr: $year - figures.founded == figures.age.$year\n",
        encoding="utf-8",
    )
    (check,) = load_check_file(path, "c.yaml", 2026)
    assert check.title == "Alder i 2026"
    assert check.args["expr"] == "2026 - figures.founded == figures.age.2026"


def test_a_bad_placeholder_in_a_check_file_names_the_file(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("checks:\n  - id: a.b\n    title: i $yr\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^c\.yaml: line 3: unknown placeholder '\$yr'"):
        load_check_file(path, "c.yaml", 2025)


def test_a_schema_bound_is_a_number_of_its_year(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "table: t\nfile: t.csv\ncolumns:\n  year: {type: integer, min: $prior, max: $year}\n",
        encoding="utf-8",
    )
    column = load_schema(path, 2026).column("year")
    assert (column.min, column.max) == (2025, 2026)


def test_years_move_on_in_keys_and_headings():
    assert move_years_on("media_hits.total.2025", 2025) == "media_hits.total.2026"
    assert move_years_on("media_hits.total.2024", 2025) == "media_hits.total.2025"
    assert move_years_on("top_video_2025.plays.2025", 2025) == "top_video_2026.plays.2026"
    assert move_years_on("Styremedlemmer 2025 > Region", 2025) == "Styremedlemmer 2026 > Region"
    # other years and longer numbers stay
    assert move_years_on("siden 1994, 2023 og 120250", 2025) == "siden 1994, 2023 og 120250"


def test_checks_and_schemas_name_2025_only_where_it_is_about_2025():
    """Every literal 2025 left in checks/ and schemas/ carries a comment saying why."""
    files = sorted((ROOT / "checks").glob("*.yaml")) + sorted((ROOT / "schemas").glob("*.yaml"))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?<!\d)202[4-6](?!\d)", line):
                assert "#" in line, f"{path.name}:{number}: {line.strip()}"


def test_one_reading_of_a_window_serves_schemas_checks_and_filters():
    """years.window_bounds is the window of a schema's within, a dates/text_dates check's
    window and a register filter's window alike."""
    from datetime import date, datetime

    from kssqa.years import is_window, window_bounds, window_days

    assert window_bounds("reporting_year", 2026) == (date(2026, 1, 1), date(2026, 12, 31))
    assert window_days(["2025-03-01", "2025-03-31"]) == (date(2025, 3, 1), date(2025, 3, 31))
    assert window_days([date(2025, 1, 1), "2025-01-01"]) == (date(2025, 1, 1), date(2025, 1, 1))
    for bad in (
        ["2025-03-31", "2025-03-01"],  # backwards
        [datetime(2025, 1, 1), "2025-02-01"],  # a moment, not a day
        ["2025-01-01"],
        ["2025-01-01", "31.1.2025"],
        "2025",
        None,
    ):
        assert window_days(bad) is None and not is_window(bad)
        assert window_bounds(bad, 2025) is None
    assert is_window("reporting_year")
