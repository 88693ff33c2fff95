"""percent_of with the whole only (GRIM without the count) and with a documented rounding."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import (
    check_yaml,
    figures_files,
    memory_run,
    outcomes,
    printed,
    rounded,
    rounded_as,
    run_check,
)

MODES = ("half_up", "half_even", "floor", "ceiling", "truncate")


def run(tmp_path, values: dict[str, str], **args):
    args = {"percent": "f.pct", "whole": "f.whole", **args}
    args = {name: value for name, value in args.items() if value is not None}
    check = check_yaml("test.grim", "percent_of", "Prosenten kan være en andel", **args)
    return run_check(tmp_path, check, figures_files(values))


# --- the whole only ----------------------------------------------------------------------


def test_a_percentage_some_count_of_the_whole_gives_passes(tmp_path):
    """«48 %» of 31: 15 of 31 is 48.39 %."""
    [finding] = run(tmp_path, {"f.pct": "48 %", "f.whole": "31"})
    assert finding.outcome == Outcome.PASS
    assert "can be a share of 31: 15 / 31 = 48,39 %" in finding.text("en")
    assert finding.details["counts"] == [15]


def test_a_percentage_no_count_of_the_whole_gives_fails(tmp_path):
    """«47 %» of 31: 14 of 31 is 45.16 %, 15 of 31 is 48.39 %; nothing in between."""
    [finding] = run(tmp_path, {"f.pct": "47 %", "f.whole": "31"})
    assert finding.outcome == Outcome.FAIL
    en = finding.text("en")
    assert "no count of 31 gives the printed «47 %» ([46.5, 47.5] %)" in en
    assert "the nearest are 14 / 31 = 45.16 % / 15 / 31 = 48.39 %" in en
    assert "steps of 3.23 percentage points" in en
    assert finding.suggestion == "45 % / 48 %"
    assert [loc.row for loc in finding.locations] == [2, 3]


@pytest.mark.parametrize(
    ("percent", "expected"),
    [("48,4 %", Outcome.PASS), ("48,3 %", Outcome.FAIL), ("100 %", Outcome.PASS)],
)
def test_the_printed_precision_sets_the_grain(tmp_path, percent, expected):
    assert outcomes(run(tmp_path, {"f.pct": percent, "f.whole": "31"})) == [expected]


def test_the_whole_as_an_expression(tmp_path):
    values = {"f.pct": "48 %", "f.a": "20", "f.b": "11"}
    [finding] = run(tmp_path, values, whole=None, denominator="f.a + f.b")
    assert finding.outcome == Outcome.PASS


def test_an_approximate_whole_cannot_be_tested_without_the_count(tmp_path):
    [finding] = run(tmp_path, {"f.pct": "48 %", "f.whole": "drøyt 30"})
    assert finding.outcome == Outcome.ERROR
    assert "not an exact count" in finding.text("en")


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=300),
    st.integers(min_value=0, max_value=1000),
    st.sampled_from([0, 1]),
    st.sampled_from(("either", *MODES)),
)
def test_property_whole_only_agrees_with_a_brute_force_oracle(whole, tenths, decimals, mode):
    """Some k in 0..whole rounds to the printed percentage exactly when kssqa says so."""
    value = Fraction(tenths, 10) if decimals else Fraction(tenths // 10)
    if mode == "either":
        possible = any(
            rounded(Fraction(100 * k, whole), decimals, half_even) == value
            for k in range(whole + 1)
            for half_even in (False, True)
        )
    else:
        possible = any(
            rounded_as(Fraction(100 * k, whole), decimals, mode) == value for k in range(whole + 1)
        )
    values = {"f.pct": printed(value, decimals), "f.whole": str(whole)}
    found = memory_run("percent_of", values, percent="f.pct", whole="f.whole", rounding=mode)
    assert [f.outcome for f in found] == [Outcome.PASS if possible else Outcome.FAIL], (
        whole,
        value,
        decimals,
        mode,
    )


# --- a documented rounding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "passes"),
    [
        ("either", {"12 %", "13 %"}),
        ("half_up", {"13 %"}),
        ("half_even", {"12 %"}),
        ("floor", {"12 %"}),
        ("ceiling", {"13 %"}),
        ("truncate", {"12 %"}),
    ],
)
def test_a_tie_rounds_as_the_source_says(tmp_path, mode, passes):
    """1 of 8 is exactly 12.5 %."""
    for percent in ("12 %", "13 %"):
        values = {"f.pct": percent, "f.part": "1", "f.whole": "8"}
        [finding] = run(tmp_path / mode / percent, values, part="f.part", rounding=mode)
        assert (finding.outcome == Outcome.PASS) == (percent in passes), (mode, percent)


def test_floor_rounding_shows_the_interval_above_the_printed_value(tmp_path):
    """19 of 26 is 73.08 %: floor prints 73 %, which stands for [73, 74]."""
    values = {"f.pct": "73 %", "f.part": "19", "f.whole": "26"}
    [finding] = run(tmp_path / "a", values, part="f.part", rounding="floor")
    assert finding.outcome == Outcome.PASS
    assert "the printed «73 %» stands for [73, 74] %" in finding.text("en")
    values["f.pct"] = "74 %"
    [finding] = run(tmp_path / "b", values, part="f.part", rounding="floor")
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "73 %"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.data(),
    st.sampled_from([0, 1, 2]),
    st.sampled_from(MODES),
)
def test_property_each_mode_accepts_its_rounding_only(whole, data, decimals, mode):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    ratio = Fraction(100 * part, whole)
    correct = rounded_as(ratio, decimals, mode)
    unit = Fraction(1, 10**decimals)

    def outcome(value: Fraction) -> Outcome:
        values = {"f.pct": printed(value, decimals), "f.part": str(part), "f.whole": str(whole)}
        args = {"percent": "f.pct", "part": "f.part", "whole": "f.whole", "rounding": mode}
        [found] = memory_run("percent_of", values, **args)
        return found.outcome

    assert outcome(correct) == Outcome.PASS
    for other in (correct - unit, correct + unit):
        if other >= 0:
            assert outcome(other) == Outcome.FAIL, (part, whole, decimals, mode, other)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"percent": "f.pct", "part": "f.part"}, "a part needs its whole"),
        ({"percent": "f.pct", "numerator": "f.a"}, "a numerator needs its denominator"),
        ({"percent": "f.pct", "whole": "f.w", "complement": True}, "complement needs the part"),
        ({"percent": "f.pct", "whole": "f.w", "rounding": "bankers"}, "rounding must be one of"),
    ],
)
def test_invalid_arguments(args, message):
    from kssqa.checkfile import parse_check

    with pytest.raises(ConfigError, match=message):
        parse_check({"id": "t.p", "kind": "percent_of", "title": "t", **args}, "checks/x.yaml")
