"""shares: printed percentages that divide a whole add up to it, within their rounding."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, figures_files, outcomes, run_check


def check(parts: list[str], **extra) -> str:
    return check_yaml(
        "test.shares", "shares", "Andelene dekker helheten", parts=f"[{', '.join(parts)}]", **extra
    )


def run(tmp_path, values: dict[str, str], **extra):
    return run_check(tmp_path, check(list(values), **extra), figures_files(values))


def test_shortfall_fails_and_says_how_much_is_unaccounted_for(tmp_path):
    [finding] = run(tmp_path, {"f.a": "64 %", "f.b": "21 %", "f.c": "3 %"})
    assert finding.outcome == Outcome.FAIL
    assert finding.text("nb").startswith("64 % + 21 % + 3 % = 88 %; 12 prosentpoeng av 100 %")
    assert "høyst 89,5 %" in finding.text("nb")
    assert "12 percentage points of 100 % are not accounted for" in finding.text("en")
    assert (finding.expected, finding.actual, finding.difference) == ("100 %", "88 %", "-12")
    assert "[86,5, 89,5]" in finding.tolerance
    assert [loc.row for loc in finding.locations] == [2, 3, 4]


def test_rounding_of_the_parts_is_allowed(tmp_path):
    # three parts printed as whole percents: 99 % stands for 97.5-100.5 %
    [finding] = run(tmp_path, {"f.a": "33 %", "f.b": "33 %", "f.c": "33 %"})
    assert finding.outcome == Outcome.PASS
    assert "33 % + 33 % + 33 % = 99 %" in finding.text("nb")
    assert "[97,5, 100,5] %, som rommer 100 %" in finding.text("nb")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["49 %", "50 %"], Outcome.PASS),  # 2 parts: [98, 100]
        (["48 %", "50 %"], Outcome.FAIL),  # 2 parts: [97, 99]
        (["24 %", "24 %", "25 %", "25 %"], Outcome.PASS),  # 4 parts: [96, 100]
        (["24 %", "24 %", "24 %", "25 %"], Outcome.FAIL),  # 4 parts: [95, 99]
        (["51 %", "50 %"], Outcome.PASS),  # 2 parts: [100, 102]
        (["51 %", "51 %"], Outcome.FAIL),  # 2 parts: [101, 103]
    ],
)
def test_allowed_drift_grows_with_the_number_of_parts(tmp_path, values, expected):
    found = run(tmp_path, {f"f.p{i}": v for i, v in enumerate(values)})
    assert outcomes(found) == [expected]


def test_sum_above_the_whole_fails(tmp_path):
    [finding] = run(tmp_path, {"f.a": "60 %", "f.b": "45 %"})
    assert finding.outcome == Outcome.FAIL
    assert "60 % + 45 % = 105 %, 5 prosentpoeng mer enn 100 %" in finding.text("nb")
    assert "minst 104 %" in finding.text("nb")
    assert finding.difference == "5"


def test_decimals_narrow_the_rounding(tmp_path):
    passes = run(tmp_path / "a", {"f.a": "12,5 %", "f.b": "37,4 %"}, whole=50)  # [49.8, 50]
    fails = run(tmp_path / "b", {"f.a": "12,5 %", "f.b": "37,3 %"}, whole=50)  # [49.7, 49.9]
    assert outcomes(passes) == [Outcome.PASS]
    assert outcomes(fails) == [Outcome.FAIL]
    assert "49,8 %; 0,2 prosentpoeng av 50 % er ikke fordelt" in fails[0].text("nb")
    assert "høyst 49,9 %" in fails[0].text("nb")


def test_qualifier_widens_a_part(tmp_path):
    # «om lag 67 %» stands for 67 ± (5 % of 67 + 0.5): 63.15-70.85
    widened = run(tmp_path / "a", {"f.a": "om lag 67 %", "f.b": "30 %"})
    plain = run(tmp_path / "b", {"f.a": "67 %", "f.b": "30 %"})
    assert outcomes(widened) == [Outcome.PASS]
    assert outcomes(plain) == [Outcome.FAIL]


def test_complete_says_the_text_contradicts_itself(tmp_path):
    values = {"f.a": "64 %", "f.b": "21 %", "f.c": "3 %"}
    [claimed] = run(tmp_path / "a", values, complete="true")
    [plain] = run(tmp_path / "b", values)
    assert claimed.outcome == plain.outcome == Outcome.FAIL
    assert "teksten oppgir delene som hele fordelingen" in claimed.text("nb")
    assert "the text presents the parts as the whole distribution" in claimed.text("en")
    assert "hele fordelingen" not in plain.text("nb")


def test_a_gap_in_a_complete_breakdown_is_an_error_whatever_the_severity(tmp_path):
    """«Fortalt andre»: ja, nei and «ikke oppgitt» leave nobody out. A planted change (27 % to
    20 %) in a check left at severity warning: an error when the breakdown is complete, so
    the run fails; a warning when it is not declared complete."""
    planted = {"f.ja": "62%", "f.nei": "11%", "f.ikke_oppgitt": "20%"}
    [complete] = run(tmp_path / "a", planted, severity="warning", complete="true")
    [partial] = run(tmp_path / "b", planted, severity="warning")
    assert complete.outcome == partial.outcome == Outcome.FAIL
    assert complete.severity == "error" and partial.severity == "warning"
    assert "7 percentage points of 100 % are not accounted for" in complete.text("en")
    printed = {"f.ja": "62%", "f.nei": "11%", "f.ikke_oppgitt": "27%"}
    [passes] = run(tmp_path / "c", printed, severity="warning", complete="true")
    assert passes.outcome == Outcome.PASS and passes.severity == "warning"


def test_a_complete_breakdown_fails_the_run(tmp_path):
    from kssqa.api import run as run_project
    from kssqa.config import load_config

    from .helpers import write_project

    values = {"f.ja": "62%", "f.nei": "11%", "f.ikke_oppgitt": "20%"}
    for complete, failed in (("true", True), ("false", False)):
        config = write_project(
            tmp_path / complete,
            check(list(values), severity="warning", complete=complete),
            figures_files(values),
        )
        assert (run_project(load_config(config)).exit_code() == 1) is failed


def test_swapped_digits_in_one_part_are_named(tmp_path):
    # 55 + 41 + 31 = 127; 14 instead of 41 makes 100
    [finding] = run(tmp_path, {"f.yes": "55 %", "f.no": "41 %", "f.unknown": "31 %"})
    assert finding.outcome == Outcome.FAIL
    assert "27 prosentpoeng mer enn 100 %" in finding.text("nb")
    assert finding.suggestion == "«41 %» → «14 %»"
    assert "«41 %» → «14 %»? (to sifre ser ut til å ha byttet plass)" in finding.text("nb")


def test_no_slip_is_guessed_when_several_parts_could_be_wrong(tmp_path):
    # 63 -> 73, 26 -> 36 and 1 -> 11 would each make 100: no single explanation
    [finding] = run(tmp_path, {"f.a": "63 %", "f.b": "26 %", "f.c": "1 %"})
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion is None
    assert "?" not in finding.text("nb")


def test_a_one_digit_part_is_not_called_a_slip(tmp_path):
    # 1 -> 4 would make 100, but any one-digit share is "one digit wrong" from any other
    [finding] = run(tmp_path, {"f.a": "87 %", "f.b": "9 %", "f.c": "1 %"})
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion is None


def test_other_whole(tmp_path):
    found = run(tmp_path, {"f.a": "20 %", "f.b": "34 %"}, whole=54)
    assert outcomes(found) == [Outcome.PASS]
    assert "som rommer 54 %" in found[0].text("nb")


def test_part_that_is_not_a_percentage_cannot_be_evaluated(tmp_path):
    [finding] = run(tmp_path, {"f.a": "64 %", "f.b": "36"})
    assert finding.outcome == Outcome.ERROR
    assert "f.b" in finding.text("en") and "not a percentage" in finding.text("en")


def test_unknown_key_cannot_be_evaluated(tmp_path):
    found = run_check(tmp_path, check(["f.a", "f.missing"]), figures_files({"f.a": "64 %"}))
    assert outcomes(found) == [Outcome.ERROR]
    assert "f.missing" in found[0].text("en")


@pytest.mark.parametrize(
    ("parts", "extra", "message"),
    [
        (["f.a"], {}, "at least two parts"),
        (["f.a", "f.a"], {}, "listed twice"),
        (["f.a", "f.b"], {"whole": 0}, "positive number"),
        (["f.a", "f.b"], {"whole": "hundre"}, "argument 'whole' must be of type number"),
        (["f.a", "f.b"], {"complete": "ja"}, "must be of type bool"),
    ],
)
def test_invalid_arguments_are_configuration_errors(tmp_path, parts, extra, message):
    with pytest.raises(ConfigError, match=message):
        run_check(tmp_path, check(parts, **extra), figures_files({"f.a": "50 %", "f.b": "50 %"}))
