"""restated: a figure about last year equals what last year's report printed."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, one, outcomes, run_check

SCHEMA = """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  year: {type: integer}
  value: {type: quantity}
  date: {type: date}
  note: {type: text}
  quote: {type: text, required: true}
"""
HEADER = "key,year,value,date,note,quote\n"
LAST_YEAR = HEADER + (
    "f.contacts.2024,2024,1 814,,,I 2024: 1 814 henvendelser\n"
    'f.share.2024,2024,"9,4 %",,,"9,4 % flere"\n'
    "f.launch.2024,2024,,12.3.2024,,lansert 12.3.2024\n"
    "f.chair.2024,2024,,,Kari Nordmann,styreleder Kari Nordmann\n"
)


def files(this_year: str, last_year: str | None = LAST_YEAR) -> dict[str, str]:
    found = {"schemas/figures.yaml": SCHEMA, "inputs/2025/figures.csv": HEADER + this_year}
    if last_year is not None:
        found["inputs/2024/figures.csv"] = last_year
    return found


def check(**args) -> str:
    return check_yaml("f.restated", "restated", "Fjorårets tall", **args)


def test_every_restated_row_of_a_table_is_compared(tmp_path):
    findings = run_check(
        tmp_path,
        check(tables="[figures]"),
        files(
            "f.contacts.2025,2025,2 001,,,2 001 mot 1 814 i 2024\n"
            "f.contacts.2024,2024,drøyt 1800,,,2 001 mot drøyt 1800 i 2024\n"
            "f.share.2024,2024,9 %,,,9 % i 2024\n"
        ),
    )
    assert outcomes(findings) == [Outcome.PASS, Outcome.PASS]


def test_a_wrong_restatement_fails_with_both_places_and_last_years_value(tmp_path):
    finding = one(
        run_check(
            tmp_path,
            check(figures="[f.contacts.$prior]"),
            files("f.contacts.2024,2024,1 841,,,mot 1 841 i 2024\n"),
        )
    )
    assert finding.outcome == Outcome.FAIL
    assert [(loc.file, loc.row) for loc in finding.locations] == [
        ("inputs/2025/figures.csv", 2),
        ("inputs/2024/figures.csv", 2),
    ]
    assert finding.suggestion == "1 814"
    text = finding.text("en")
    assert "«1 841» (inputs/2025/figures.csv:2:value: «mot 1 841 i 2024»)" in text
    assert "printed «1 814» (inputs/2024/figures.csv:2:value: «I 2024: 1 814 henvendelser»)" in text


def test_dates_and_text_are_compared_as_such(tmp_path):
    findings = run_check(
        tmp_path,
        check(figures="[f.launch.2024:date, f.chair.2024:note]"),
        files(
            "f.launch.2024,2024,,13.3.2024,,lansert 13.3.2024\n"
            "f.chair.2024,2024,,,Kari  Nordmann,styreleder Kari Nordmann\n"
        ),
    )
    assert outcomes(findings) == [Outcome.FAIL, Outcome.PASS]


def test_without_last_years_inputs_the_check_is_skipped(tmp_path):
    finding = one(
        run_check(tmp_path, check(tables="[figures]"), files("f.a.2024,2024,5,,,5\n", None))
    )
    assert finding.outcome == Outcome.SKIPPED
    assert "no inputs for 2024 (inputs/2024)" in finding.text("en")


def test_a_figure_last_year_did_not_print_is_listed_not_failed(tmp_path):
    finding = one(
        run_check(tmp_path, check(tables="[figures]"), files("f.new.2024,2024,5,,,5 i 2024\n"))
    )
    assert finding.outcome == Outcome.SKIPPED
    assert "no row with the same key: f.new.2024" in finding.text("en")


def test_an_unconfirmed_restatement_waits(tmp_path):
    found = run_check(
        tmp_path,
        check(tables="[figures]"),
        files('f.contacts.2024,2024,1 814,,,\nf.share.2024,2024,"9,4 %",,,"9,4 %"\n'),
    )
    assert sorted(outcomes(found)) == [Outcome.PASS, Outcome.SKIPPED]
    waiting = next(f for f in found if f.outcome == Outcome.SKIPPED)
    assert "1 rows of 'figures' about 2024 are not confirmed yet" in waiting.text("en")


def test_a_check_without_figures_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="name the restated figures"):
        run_check(tmp_path, check(), files(""))
