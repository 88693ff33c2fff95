"""same_figure: one figure printed in several places has one value everywhere."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, one, run_check

SCHEMA = """\
    table: figures
    file: figures.csv
    columns:
      key: {type: text, required: true, unique: true}
      value: {type: quantity}
      date: {type: date, allow_range: true}
      label: {type: text}
    """


def project(rows: str) -> dict[str, str]:
    return {
        "schemas/figures.yaml": SCHEMA,
        "inputs/2025/figures.csv": "key,value,date,label\n" + rows,
    }


def check(figures: str) -> str:
    return check_yaml("c.same", "same_figure", "Samme tall", figures=figures)


def test_equal_counts_pass(tmp_path):
    rows = "f.a,1 814,,\nf.b,1814,,\n"
    finding = one(run_check(tmp_path, check("[f.a, f.b]"), project(rows)))
    assert finding.outcome == Outcome.PASS
    assert finding.text("nb") == (
        "samme tall alle steder: «1 814» (f.a), «1814» (f.b); alle kan stå for 1\u00a0814"
    )
    assert [loc.row for loc in finding.locations] == [2, 3]


def test_planted_digit_swap_fails_naming_every_place(tmp_path):
    rows = "f.a,1 814,,\nf.b,1 184,,\nf.c,1 814,,\n"
    finding = one(run_check(tmp_path, check("[f.a, f.b, f.c]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    text = finding.text("en")
    assert "«1 814» (f.a), «1 184» (f.b), «1 814» (f.c)" in text
    assert "most places, 2 of 3: «1 814»" in text
    assert "f.b: two digits look swapped" in text
    assert finding.expected == "1 814"
    assert finding.actual == "1 814 / 1 184 / 1 814"
    assert finding.difference == "630"
    assert finding.suggestion == "«1 184» → «1 814»"
    assert [loc.row for loc in finding.locations] == [2, 3, 4]


def test_rounded_and_qualified_printings_agree(tmp_path):
    rows = 'f.a,49%,,\nf.b,tilnærmet 49%,,\nf.c,"49,4 %",,\n'
    finding = one(run_check(tmp_path, check("[f.a, f.b, f.c]"), project(rows)))
    assert finding.outcome == Outcome.PASS
    assert "«49%» (f.a) = [48,5, 49,5]" in finding.text("nb")
    # the common range is the intersection: 49,35-49,45
    assert finding.expected == "[49,35, 49,45]"


def test_rounding_cannot_hide_a_real_difference(tmp_path):
    rows = 'f.a,49%,,\nf.b,"49,6 %",,\n'
    finding = one(run_check(tmp_path, check("[f.a, f.b]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert finding.details["intervals"] == {"f.a": "[48,5, 49,5]", "f.b": "[49,55, 49,65]"}
    # two places, two values: no majority to suggest
    assert "ingen verdi er trykt flere steder enn de andre" in finding.text("nb")
    assert finding.suggestion is None


def test_majority_suggestion_skips_places_that_agree_with_it(tmp_path):
    rows = "f.a,18,,\nf.b,18,,\nf.c,om lag 18,,\nf.d,28,,\n"
    finding = one(run_check(tmp_path, check("[f.a, f.b, f.c, f.d]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "«28» → «18»"
    assert "f.d: one digit is wrong" in finding.text("en")


def test_small_numbers_get_no_digit_slip_hint(tmp_path):
    rows = "f.a,3,,\nf.b,3,,\nf.c,4,,\n"
    finding = one(run_check(tmp_path, check("[f.a, f.b, f.c]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert "digit" not in finding.text("en")


def test_dates_in_different_spellings_agree(tmp_path):
    rows = "f.a,,14.1.2025,\nf.b,,14. januar 2025,\nf.c,,13.-15.1.2025,\n"
    finding = one(run_check(tmp_path, check("[f.a:date, f.b:date, f.c:date]"), project(rows)))
    assert finding.outcome == Outcome.PASS
    assert finding.expected == "14.1.2025"


def test_a_month_agrees_with_a_date_inside_it_only(tmp_path):
    inside = one(
        run_check(
            tmp_path / "in",
            check("[f.a:date, f.b:date]"),
            project("f.a,,12.6.2025,\nf.b,,juni 2025,\n"),
        )
    )
    assert inside.outcome == Outcome.PASS
    outside = one(
        run_check(
            tmp_path / "out",
            check("[f.a:date, f.b:date]"),
            project("f.a,,28.5.2025,\nf.b,,juni 2025,\n"),
        )
    )
    assert outside.outcome == Outcome.FAIL
    assert "«28.5.2025» (f.a:date), «juni 2025» (f.b:date)" in outside.text("en")


def test_different_dates_fail(tmp_path):
    rows = "f.a,,14.1.2025,\nf.b,,14.1.2025,\nf.c,,16.1.2025,\n"
    finding = one(run_check(tmp_path, check("[f.a:date, f.b:date, f.c:date]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert finding.difference == "2 d"
    assert finding.suggestion == "«16.1.2025» → «14.1.2025»"


@pytest.mark.parametrize(
    "figures, rows, reason",
    [
        ("[f.a, f.nosuch]", "f.a,1,,\n", "no row has the key 'f.nosuch'"),
        ("[f.a, f.b]", "f.a,1,,\nf.b,,,\n", "f.b is empty"),
        ("[f.a:label, f.b]", "f.a,1,,mange\nf.b,1,,\n", "not a number"),
        ("[f.a:date, f.b]", "f.a,,14.1.2025,\nf.b,1,,\n", "some figures are dates"),
    ],
)
def test_cannot_evaluate_is_an_error_finding(tmp_path, figures, rows, reason):
    finding = one(run_check(tmp_path, check(figures), project(rows)))
    assert finding.outcome == Outcome.ERROR
    assert reason in finding.text("en")


@pytest.mark.parametrize(
    "figures, message",
    [("[f.a]", "two or more"), ("[f.a, f.a]", "twice"), ("f.a", "of type refs")],
)
def test_malformed_arguments_are_config_errors(tmp_path, figures, message):
    with pytest.raises(ConfigError, match=message):
        run_check(tmp_path, check(figures), project("f.a,1,,\n"))
