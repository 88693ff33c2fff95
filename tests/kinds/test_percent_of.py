"""percent_of: a printed percentage agrees with its counts (granularity test, as in GRIM)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, figures_files, memory_run, outcomes, printed, rounded, run_check


def check(**args) -> str:
    return check_yaml("test.percent", "percent_of", "Prosenten stemmer med antallene", **args)


def run(tmp_path, values: dict[str, str], **args):
    args = {"percent": "f.pct", "part": "f.part", "whole": "f.whole", **args}
    return run_check(tmp_path, check(**args), figures_files(values))


def counts(percent: str, part: str = "19", whole: str = "26") -> dict[str, str]:
    """19 of 26 is 73.0769 %."""
    return {"f.pct": percent, "f.part": part, "f.whole": whole}


# --- outcomes ---------------------------------------------------------------------------


def test_consistent_percentage_passes_and_shows_the_arithmetic(tmp_path):
    [finding] = run(tmp_path, counts("73 %"))
    assert finding.outcome == Outcome.PASS
    assert finding.text("nb") == (
        "f.pct: 19 / 26 = 73,08 %, og trykt «73 %» står for [72,5, 73,5] %"
    )
    assert "19 / 26 = 73.08 %, and the printed «73 %» stands for [72.5, 73.5] %" in finding.text(
        "en"
    )
    assert finding.expected == "73,08 % ≈ 73 %"
    assert [loc.row for loc in finding.locations] == [2, 3, 4]


def test_wrong_percentage_fails_with_the_correct_rounding_and_the_slip(tmp_path):
    [finding] = run(tmp_path, counts("37 %"))
    assert finding.outcome == Outcome.FAIL
    assert "19 / 26 = 73,08 %, men trykt «37 %» står for [36,5, 37,5] %" in finding.text("nb")
    assert "(riktig avrundet: 73 %)" in finding.text("nb")
    assert "→ «73 %»? (to sifre ser ut til å ha byttet plass)" in finding.text("nb")
    assert finding.suggestion == "73 %"
    assert (finding.actual, finding.difference) == ("37 %", "-36,08")


def test_wrong_percentage_without_a_slip_still_suggests_the_rounding(tmp_path):
    [finding] = run(tmp_path, counts("61 %"))
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "73 %"
    assert "?" not in finding.text("nb")


def test_slip_in_the_part_is_named(tmp_path):
    [finding] = run(tmp_path, counts("73 %", part="91"))
    assert finding.outcome == Outcome.FAIL
    assert "→ «19»? (to sifre ser ut til å ha byttet plass)" in finding.text("nb")
    assert finding.suggestion == "«91» → «19»"


def test_slip_in_the_whole_is_named(tmp_path):
    [finding] = run(tmp_path, counts("73 %", whole="62"))
    assert finding.outcome == Outcome.FAIL
    assert "→ «26»? (two digits look swapped)" in finding.text("en")


def test_dropped_digit_in_a_large_whole(tmp_path):
    # 1 234 of 3 870 is 31.89 %; printed whole 387 (a digit dropped). Two decimals leave
    # only 3 869 and 3 870 as wholes, and only 3 870 loses a digit to become 387.
    [finding] = run(tmp_path, counts("31,89 %", part="1 234", whole="387"))
    assert finding.outcome == Outcome.FAIL
    assert "→ «3\u00a0870»? (et siffer ser ut til å mangle)" in finding.text("nb")


def test_ambiguous_dropped_digit_is_not_guessed(tmp_path):
    # with a whole percent, 3 870 and 3 871 ... 3 879 all lose a digit to become 387
    [finding] = run(tmp_path, counts("32 %", part="1 234", whole="387"))
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "319 %"


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("73,1 %", Outcome.PASS),  # [73.05, 73.15] holds 73.0769
        ("73,2 %", Outcome.FAIL),
        ("73,08 %", Outcome.PASS),
        ("73,07 %", Outcome.FAIL),  # [73.065, 73.075]
    ],
)
def test_printed_precision_sets_the_interval(tmp_path, percent, expected):
    assert outcomes(run(tmp_path, counts(percent))) == [expected]


@pytest.mark.parametrize(
    ("percent", "expected"),
    [("12 %", Outcome.PASS), ("13 %", Outcome.PASS), ("11 %", Outcome.FAIL)],
)
def test_a_tie_accepts_half_up_and_half_even(tmp_path, percent, expected):
    # 1 of 8 is exactly 12.5 %
    assert outcomes(run(tmp_path, counts(percent, part="1", whole="8"))) == [expected]


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("om lag 69 %", Outcome.FAIL),  # 69 ± 3.95: [65.05, 72.95]
        ("om lag 70 %", Outcome.PASS),  # 70 ± 4.0: [66, 74]
        ("nesten 74 %", Outcome.PASS),  # [66.1, 74]
        ("over 74 %", Outcome.FAIL),  # [74, 81.9]
        ("drøyt 70 %", Outcome.PASS),  # [70, 77.5]
        ("nesten halvparten", Outcome.FAIL),  # [44.5, 50]
    ],
)
def test_qualifiers_widen_in_their_direction(tmp_path, percent, expected):
    assert outcomes(run(tmp_path, counts(percent))) == [expected]


def test_approximate_count_is_an_interval(tmp_path):
    # «drøyt 2400» of 4000 is 60-66 %
    values = counts("64 %", part="drøyt 2400", whole="4000")
    [finding] = run(tmp_path, values)
    assert finding.outcome == Outcome.PASS
    assert "drøyt 2400 / 4000 = [60,00, 66,00] %" in finding.text("nb")


def test_complement(tmp_path):
    values = {"f.pct": "82 %", "f.part": "576", "f.whole": "3200"}
    [passes] = run(tmp_path / "a", values, complement="true")
    [fails] = run(tmp_path / "b", values)
    assert passes.outcome == Outcome.PASS
    assert "(3200 − 576) / 3200 = 82,00 %" in passes.text("nb")
    assert fails.outcome == Outcome.FAIL
    assert "576 / 3200 = 18,00 %" in fails.text("nb")


def test_complement_slip_in_the_part(tmp_path):
    # 82 % answered of 3 200: 576 unanswered; printed 756 (swapped)
    values = {"f.pct": "82 %", "f.part": "756", "f.whole": "3200"}
    [finding] = run(tmp_path, values, complement="true")
    assert finding.outcome == Outcome.FAIL
    assert "→ «576»?" in finding.text("nb")


def test_expressions(tmp_path):
    values = {"f.pct": "82 %", "f.calls": "3200", "f.unanswered": "576"}
    args = {"numerator": "f.calls - f.unanswered", "denominator": "f.calls"}
    [finding] = run_check(tmp_path, check(percent="f.pct", **args), figures_files(values))
    assert finding.outcome == Outcome.PASS
    expected = "(f.calls - f.unanswered = 2\u00a0624) / (f.calls = 3\u00a0200) = 82,00 %"
    assert expected in finding.text("nb")
    assert [loc.row for loc in finding.locations] == [2, 3, 4]  # every figure used, once
    values["f.unanswered"] = "756"
    [finding] = run_check(tmp_path / "b", check(percent="f.pct", **args), figures_files(values))
    assert finding.outcome == Outcome.FAIL
    assert "(riktig avrundet: 76 %)" in finding.text("nb")


# --- cannot evaluate, configuration errors -----------------------------------------------


@pytest.mark.parametrize(
    ("values", "args", "reason"),
    [
        (counts("73 %", whole="0"), {}, "undefined"),
        (counts("73"), {}, "not a percentage"),
        ({"f.pct": "73 %", "f.part": "19"}, {}, "no row has the key 'f.whole'"),
        (
            {"f.pct": "73 %", "f.a": "19", "f.b": "26"},
            {"numerator": "f.a > f.b", "denominator": "f.b", "part": None, "whole": None},
            "comparison",
        ),
    ],
)
def test_cannot_evaluate(tmp_path, values, args, reason):
    args = {"percent": "f.pct", "part": "f.part", "whole": "f.whole", **args}
    args = {k: v for k, v in args.items() if v is not None}
    found = run_check(tmp_path, check(**args), figures_files(values))
    assert outcomes(found) == [Outcome.ERROR]
    assert reason in found[0].text("en")


@pytest.mark.parametrize(
    "args",
    [
        {"percent": "f.pct"},
        {"percent": "f.pct", "part": "f.part"},
        {"percent": "f.pct", "numerator": "f.part"},
        {"percent": "f.pct", "part": "f.part", "whole": "f.whole", "denominator": "f.whole"},
        {"percent": "f.pct", "numerator": "f.part +", "denominator": "f.whole"},
    ],
)
def test_invalid_arguments_are_configuration_errors(tmp_path, args):
    with pytest.raises(ConfigError, match="percent_of|expected"):
        run_check(tmp_path, check(**args), figures_files(counts("73 %")))


# --- property: the correctly rounded percentage is always accepted, one unit off never ----


@st.composite
def part_whole_precision(draw):
    whole = draw(st.integers(min_value=1, max_value=100_000))
    part = draw(st.integers(min_value=0, max_value=whole))
    return part, whole, draw(st.sampled_from([0, 1, 2]))


@settings(max_examples=200, deadline=None)
@given(part_whole_precision())
def test_property_correct_rounding_accepted_one_unit_off_rejected(case):
    part, whole, decimals = case
    ratio = Fraction(100 * part, whole)
    half = Fraction(1, 2 * 10**decimals)
    unit = Fraction(1, 10**decimals)

    def outcome(value: Fraction) -> Outcome:
        values = {"f.pct": printed(value, decimals), "f.part": str(part), "f.whole": str(whole)}
        found = memory_run("percent_of", values, percent="f.pct", part="f.part", whole="f.whole")
        assert len(found) == 1, [f.text("en") for f in found]
        return found[0].outcome

    for half_even in (False, True):
        correct = rounded(ratio, decimals, half_even)
        assert outcome(correct) == Outcome.PASS, (part, whole, decimals, half_even)
        for beyond in (correct - unit, correct + unit):
            if beyond >= 0 and not (beyond - half <= ratio <= beyond + half):
                assert outcome(beyond) == Outcome.FAIL, (part, whole, decimals, beyond)


@settings(max_examples=100, deadline=None)
@given(part_whole_precision())
def test_property_complement_agrees_with_the_direct_form(case):
    part, whole, decimals = case
    correct = rounded(Fraction(100 * (whole - part), whole), decimals, half_even=False)
    values = {"f.pct": printed(correct, decimals), "f.part": str(part), "f.whole": str(whole)}
    found = memory_run(
        "percent_of", values, percent="f.pct", part="f.part", whole="f.whole", complement=True
    )
    assert [f.outcome for f in found] == [Outcome.PASS]
