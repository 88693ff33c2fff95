"""change: a printed change agrees with the values before and after it."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, figures_files, memory_run, outcomes, printed, rounded, run_check


def check(**args) -> str:
    return check_yaml("test.change", "change", "Endringen stemmer", **args)


def run(tmp_path, printed_change: str, before: str = "1 350", after: str = "1 620", **args):
    """Run a change check on f.prior = before, f.current = after, f.change = printed_change."""
    values = {"f.prior": before, "f.current": after, "f.change": printed_change}
    args = {"prior": "f.prior", "current": "f.current", "change": "f.change", **args}
    return run_check(tmp_path, check(**args), figures_files(values))


# --- percent -----------------------------------------------------------------------------


def test_percent_change_passes_and_shows_the_arithmetic(tmp_path):
    [finding] = run(tmp_path, "20 %")
    assert finding.outcome == Outcome.PASS
    nb = finding.text("nb")
    assert "f.change: (1 620 − 1 350) / 1 350 × 100 = +20,00 % (økning)" in nb
    assert "trykt «20 %» (økning) står for [19,5, 20,5] %" in nb
    assert "the printed «20 %» (increase) stands for [19.5, 20.5] %" in finding.text("en")
    assert finding.expected == "+20,00 %"
    assert [loc.row for loc in finding.locations] == [4, 2, 3]


def test_wrong_percent_change_fails_with_the_correct_rounding(tmp_path):
    [finding] = run(tmp_path, "12 %")
    assert finding.outcome == Outcome.FAIL
    assert "men trykt «12 %» (økning) står for [11,5, 12,5] % (riktig avrundet: 20 %)" in (
        finding.text("nb")
    )
    assert finding.suggestion == "20 %"
    assert (finding.actual, finding.difference) == ("12 %", "-8,00")


def test_change_on_the_wrong_base_fails(tmp_path):
    # (1620 - 1350) / 1620 = 16.67 %: divided by the new value instead of the old
    assert outcomes(run(tmp_path, "17 %")) == [Outcome.FAIL]


def test_printed_precision_and_qualifier(tmp_path):
    assert outcomes(run(tmp_path / "a", "20,0 %")) == [Outcome.PASS]
    assert outcomes(run(tmp_path / "b", "20,1 %")) == [Outcome.FAIL]  # [20.05, 20.15]
    assert outcomes(run(tmp_path / "c", "om lag 19 %")) == [Outcome.PASS]  # [17.55, 20.45]
    assert outcomes(run(tmp_path / "d", "nesten 20 %")) == [Outcome.PASS]  # [17.5, 20]
    assert outcomes(run(tmp_path / "e", "over 21 %")) == [Outcome.FAIL]  # [21, 23.6]


def test_approximate_value_is_an_interval(tmp_path):
    # 2500 -> «drøyt 3000» is +20 % to +32 %
    [finding] = run(tmp_path, "20 %", before="2500", after="drøyt 3000")
    assert finding.outcome == Outcome.PASS
    assert "= [20,00, 32,00] % (økning)" in finding.text("nb")


def test_digit_slip_in_the_prior_value_is_named(tmp_path):
    # 1 350 printed as 1 530: the +20 % fits 1 350, a swap of two digits
    [finding] = run(tmp_path, "20 %", before="1 530")
    assert finding.outcome == Outcome.FAIL
    assert "→ «1 350»? (to sifre ser ut til å ha byttet plass)" in finding.text("nb")
    assert finding.suggestion == "«1 530» → «1 350»"


def test_digit_slip_in_the_change_is_named(tmp_path):
    [finding] = run(tmp_path, "02 %")
    assert finding.outcome == Outcome.FAIL
    assert "→ «20 %»? (two digits look swapped)" in finding.text("en")


# --- direction and sign ------------------------------------------------------------------


def decrease(tmp_path, change: str, **args):
    # 30 000 -> 27 300 is -9 %
    return run(tmp_path, change, before="30 000", after="27 300", **args)


def test_direction_gives_the_sign_of_an_unsigned_change(tmp_path):
    [finding] = decrease(tmp_path, "drøyt 8 %", direction="decrease")
    assert finding.outcome == Outcome.PASS
    # «drøyt» widens the size of the change: a decrease of 8 % to 9.3 %
    assert "= -9,00 % (nedgang); trykt «drøyt 8 %» (nedgang) står for [-9,3, -8] %" in (
        finding.text("nb")
    )
    # ... and only away from zero: «drøyt 9,5 %» is a decrease of 9.5 % to 10.5 %
    assert outcomes(decrease(tmp_path / "b", "drøyt 9,5 %", direction="decrease")) == [Outcome.FAIL]


def test_unsigned_change_without_direction_is_an_increase(tmp_path):
    [finding] = decrease(tmp_path, "9 %")
    assert finding.outcome == Outcome.FAIL
    assert "sett direction: decrease i kontrollen" in finding.text("nb")
    assert finding.suggestion == "-9 %"


def test_wrong_direction_in_the_text_fails(tmp_path):
    [finding] = decrease(tmp_path, "9 %", direction="increase")
    assert finding.outcome == Outcome.FAIL
    assert "tallene viser nedgang, i motsatt retning av det trykte" in finding.text("nb")
    assert "the figures show decrease" in finding.text("en")


def test_printed_sign_needs_no_direction(tmp_path):
    assert outcomes(decrease(tmp_path / "a", "-9 %")) == [Outcome.PASS]
    assert outcomes(decrease(tmp_path / "b", "-9 %", direction="decrease")) == [Outcome.PASS]
    assert outcomes(run(tmp_path / "c", "+20 %", direction="increase")) == [Outcome.PASS]


def test_sign_conflicting_with_direction_is_a_finding_and_the_sign_wins(tmp_path):
    found = decrease(tmp_path, "-9 %", direction="increase")
    assert outcomes(found) == [Outcome.FAIL, Outcome.PASS]  # conflict; arithmetic with «-»
    conflict = found[0]
    assert "trykt fortegn «-» i «-9 %» betyr nedgang, men teksten sier økning" in conflict.text(
        "nb"
    )
    assert "the printed sign «-» in «-9 %» means decrease, but the text says increase" in (
        conflict.text("en")
    )
    found = decrease(tmp_path / "b", "+9 %", direction="decrease")
    assert outcomes(found) == [Outcome.FAIL, Outcome.FAIL]
    assert "riktig avrundet: -9 %" in found[1].text("nb")


# --- absolute and points -----------------------------------------------------------------


def test_absolute_change(tmp_path):
    [finding] = run(tmp_path, "270", mode="absolute")
    assert finding.outcome == Outcome.PASS
    assert "1 620 − 1 350 = +270 (økning); trykt «270» (økning) står for +270" in (
        finding.text("nb")
    )
    [finding] = run(tmp_path / "b", "207", mode="absolute")
    assert finding.outcome == Outcome.FAIL
    assert "→ «270»? (to sifre ser ut til å ha byttet plass)" in finding.text("nb")
    assert finding.difference == "-63"


def test_absolute_change_is_exact_for_counts(tmp_path):
    assert outcomes(run(tmp_path, "271", mode="absolute")) == [Outcome.FAIL]
    approximate = run(tmp_path / "b", "drøyt 250", mode="absolute")  # [250, 275.5]
    assert outcomes(approximate) == [Outcome.PASS]


def test_unchanged_as_a_word(tmp_path):
    same = run(tmp_path / "a", "likt", before="812", after="812", mode="absolute")
    assert outcomes(same) == [Outcome.PASS]
    assert "(ingen endring)" in same[0].text("nb")
    differ = run(tmp_path / "b", "likt", before="812", after="813", mode="absolute")
    assert outcomes(differ) == [Outcome.FAIL]


def test_percentage_points(tmp_path):
    args = {"before": "86 %", "after": "82 %", "mode": "points", "direction": "decrease"}
    [finding] = run(tmp_path, "4 prosentpoeng", **args)
    assert finding.outcome == Outcome.PASS
    # two rounded percentages: their difference is -5 to -3 points
    assert "82 % − 86 % = [-5, -3] prosentpoeng (nedgang)" in finding.text("nb")
    assert "[-5, -3] percentage points (decrease)" in finding.text("en")
    [finding] = run(tmp_path / "b", "6 prosentpoeng", **args)
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "4 prosentpoeng"


def test_expressions_for_prior_and_current(tmp_path):
    values = {"f.total": "6 600", "f.more": "1 500", "f.change": "29 %"}
    # prior = total - more = 5 100; (6 600 - 5 100) / 5 100 = 29.41 %
    args = {"prior": "f.total - f.more", "current": "f.total", "change": "f.change"}
    [finding] = run_check(tmp_path, check(**args), figures_files(values))
    assert finding.outcome == Outcome.PASS
    assert "(f.total - f.more = 5\u00a0100)) / (f.total - f.more = 5\u00a0100)" in finding.text(
        "nb"
    )
    assert [loc.row for loc in finding.locations] == [4, 2, 3]  # change, then every figure used


# --- cannot evaluate, configuration errors -----------------------------------------------


@pytest.mark.parametrize(
    ("printed_change", "before", "args", "reason"),
    [
        ("20 %", "0", {}, "can be 0"),
        ("4 prosentpoeng", "1 350", {}, "does not fit mode percent"),
        ("20 %", "1 350", {"mode": "absolute"}, "does not fit mode absolute"),
        ("20 %", "1 350", {"prior": "f.prior > f.current"}, "comparison"),
        ("20 %", "1 350", {"current": "f.missing"}, "no row has the key 'f.missing'"),
    ],
)
def test_cannot_evaluate(tmp_path, printed_change, before, args, reason):
    found = run(tmp_path, printed_change, before=before, **args)
    assert outcomes(found) == [Outcome.ERROR]
    assert reason in found[0].text("en")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"mode": "relative"}, "mode must be one of"),
        ({"direction": "up"}, "direction must be increase or decrease"),
        ({"prior": "f.prior +"}, "expected"),
        ({"change": "f.a + f.b"}, "must be of type ref"),
    ],
)
def test_invalid_arguments_are_configuration_errors(tmp_path, args, message):
    with pytest.raises(ConfigError, match=message):
        run(tmp_path, "20 %", **args)


# --- property: the correctly rounded change is accepted, in either direction --------------


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.integers(min_value=0, max_value=100_000),
    st.sampled_from([0, 1, 2]),
)
def test_property_correctly_rounded_change_is_accepted(prior, current, decimals):
    change = Fraction(100 * (current - prior), prior)
    direction = "decrease" if change < 0 else "increase"
    args = {"prior": "f.prior", "current": "f.current", "change": "f.change"}

    def outcome(size: Fraction) -> list[Outcome]:
        values = {"f.prior": str(prior), "f.current": str(current)}
        values["f.change"] = printed(size, decimals)
        found = memory_run("change", values, direction=direction, **args)
        return [f.outcome for f in found]

    correct = rounded(abs(change), decimals, half_even=False)
    assert outcome(correct) == [Outcome.PASS], (prior, current, decimals)
    beyond = correct + Fraction(1, 10**decimals)
    if abs(change) < beyond - Fraction(1, 2 * 10**decimals):  # outside its rounding interval
        assert outcome(beyond) == [Outcome.FAIL], (prior, current, decimals)
