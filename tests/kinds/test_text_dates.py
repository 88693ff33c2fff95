"""text_dates: dates printed inside free text exist and lie in their window."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome
from kssqa.kinds.text_dates import STAFF_SCHEMA

from .helpers import check_yaml, run_check


def staff_csv(notes: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "section", "person", "note", "quote"])
    for number, note in enumerate(notes, 1):
        writer.writerow([f"staff.{number}", "Ansatte", f"Person {number}", note, f"({note})"])
    return out.getvalue()


def run(tmp_path, notes: list[str], **args):
    args = args or {"columns": "[{table: staff, column: note}]"}
    check = check_yaml("staff.dates", "text_dates", "Datoene finnes", severity="warning", **args)
    files = {"schemas/staff.yaml": STAFF_SCHEMA, "inputs/2025/staff.csv": staff_csv(notes)}
    return run_check(tmp_path, check, files)


def failures(findings):
    return [f for f in findings if f.outcome == Outcome.FAIL]


def test_a_day_that_does_not_exist_in_a_note_is_found_with_the_raw_text(tmp_path):
    [fail] = failures(run(tmp_path, ["vikariat til 31. april 2025", "sluttet 31.8.2025"]))
    assert fail.actual == "31. april 2025"
    assert fail.severity == "warning"
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/staff.csv:2:note"]
    en = fail.text("en")
    assert "«31. april 2025» in «vikariat til 31. april 2025» does not exist" in en
    assert "day is out of range for month" in en
    assert fail.details["context"] == "vikariat til 31. april 2025"


def test_dates_that_exist_in_the_year_pass(tmp_path):
    notes = ["vikariat til 30. april 2025", "sluttet 31.8.2025", "begynte 1. september", ""]
    [finding] = run(tmp_path, notes)
    assert finding.outcome == Outcome.PASS
    assert finding.text("en").startswith("3 dates in free text (staff.note) exist")


def test_a_date_outside_the_window_is_found_one_without_a_year_is_not_judged_by_it(tmp_path):
    notes = ["permisjon til 1.februar 2026", "begynte 1. september", "foredrag 8.-9. mai 2025"]
    [fail] = failures(run(tmp_path, notes))
    assert fail.actual == "1.februar 2026"
    assert "lies outside 1.1.2025–31.12.2025" in fail.text("en")


def test_a_day_without_a_year_is_read_in_the_reporting_year_for_the_calendar(tmp_path):
    [fail] = failures(run(tmp_path, ["møte 29. februar"]))
    assert fail.actual == "29. februar"
    assert "printed without a year, the date is read in the reporting year 2025" in (
        fail.text("en")
    )


def test_a_range_that_ends_before_it_begins_is_found(tmp_path):
    [fail] = failures(run(tmp_path, ["konferanse 25.-23. mai 2025"]))
    assert fail.actual == "25.-23. mai 2025"
    assert "ends before it begins" in fail.text("en")


def test_every_quote_with_a_window_from_last_year_to_the_next(tmp_path):
    notes = ["sluttkonferanse 8. april 2026", "tall fra 12.3.2024", "kurs 3.2.2027"]
    findings = run(
        tmp_path,
        notes,
        quotes="true",
        window='[$prior-01-01, "${year+1}-12-31"]',
    )
    [fail] = failures(findings)
    assert fail.actual == "3.2.2027"
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/staff.csv:4:quote"]


def test_a_date_in_the_same_text_of_several_rows_is_one_finding(tmp_path):
    notes = ["til 31. april 2025", "til 31. april 2025"]
    findings = run(tmp_path, notes, columns="[{table: staff, column: note}]", quotes="true")
    fails = failures(findings)
    # the note and the quote are two texts; each printed twice: two findings, two rows each
    assert sorted(f.details["context"] for f in fails) == [
        "(til 31. april 2025)",
        "til 31. april 2025",
    ]
    assert all(len(f.locations) == 2 for f in fails)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({}, "give columns"),
        ({"columns": [{"table": "staff"}]}, "needs table and column"),
        ({"quotes": True, "window": ["2025-12-31", "2025-01-01"]}, "window must be"),
    ],
)
def test_bad_arguments_are_configuration_errors(args, message):
    raw = {"id": "t.d", "kind": "text_dates", "title": "t", **args}
    with pytest.raises(ConfigError, match=message):
        parse_check(yaml.safe_load(yaml.safe_dump(raw)), "checks/text.yaml")
