"""The bundled 2025 data: kssqa reports the report's real schema-level problems, and only those.

The expected set below is what a careful reader finds in the drafted report at the schema level
(dates outside 2025 or without a month, a number with a broken digit group, a category spelled
outside its domain). It lives in this test, not in the code: kssqa itself knows nothing of them.
"""

from pathlib import Path

from kssqa.api import run
from kssqa.config import load_config

from .conftest import ROOT, failing


def bundled_report():
    return run(load_config(ROOT / "kssqa.toml"))


def test_every_table_is_read_and_has_rows():
    report = bundled_report()
    assert not report.blocked
    assert len(report.tables) >= 19
    assert all(t.readable and t.rows for t in report.tables)
    csvs = {p.name for p in (ROOT / "inputs/2025").glob("*.csv")}
    assert {Path(t.file).name for t in report.tables} == csvs


def test_schema_findings_on_the_2025_report():
    found = failing(bundled_report())
    assert found == {
        ("within", "events.csv", 28, "date"),  # 8.3.2026
        ("within", "events.csv", 31, "date"),  # 26.3.2026
        ("parse.date_month_missing", "events.csv", 52, "date"),  # 23.-25.2025
        ("parse.digit_groups", "social_media.csv", 21, "value"),  # 140 20
        ("allowed", "members.csv", 2, "operating_form"),  # Inter-kommunalt selskap
        ("allowed", "members.csv", 16, "operating_form"),  # Inter- kommunalt selskap
    }


def test_every_row_has_key_section_and_quote():
    report = bundled_report()
    for table in report.tables:
        header = (ROOT / table.file).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert {"key", "section", "quote"} <= set(header), table.file
