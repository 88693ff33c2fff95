"""The dates kind: window, reversed ranges, chronological order, unreadable dates, suggestions."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import outcomes, run_check

SCHEMA = """\
table: events
file: events.csv
columns:
  key: {type: text, required: true, unique: true}
  date: {type: date, allow_range: true}
  where: {type: text}
"""

CHECK = """\
checks:
  - id: events.dates
    kind: dates
    title: Hendelser i perioden, i rekkefølge
    table: events
    column: date
    label: where
"""


def check_with(**extra: str) -> str:
    return CHECK + "".join(f"    {name}: {value}\n" for name, value in extra.items())


def csv_of(*dates: str) -> str:
    lines = ["key,date,where"]
    lines += [f"events.e{i:03d},{d},Hendelse {i}" for i, d in enumerate(dates, start=1)]
    return "\n".join(lines) + "\n"


def run_dates(tmp_path, dates, check=CHECK, schema=SCHEMA):
    files = {"schemas/events.yaml": schema, "inputs/2025/events.csv": csv_of(*dates)}
    return run_check(tmp_path, check, files)


def line_of(position: int) -> int:
    """File line of the n-th data row (1-based): the header is line 1."""
    return position + 1


def failing(findings):
    return [f for f in findings if f.outcome == Outcome.FAIL]


# --- passes ----------------------------------------------------------------------------------


def test_correct_log_passes_with_one_summary_finding(tmp_path):
    dates = ["14.1.2025", "24.1.2025", "10.-14.3.2025", "11.-14.8.2025", "11.8.2025", "8.12.2025"]
    findings = run_dates(tmp_path, dates)
    assert outcomes(findings) == [Outcome.PASS]
    message = findings[0].text("nb")
    assert "alle 6 datoer" in message
    assert "1.1.2025–31.12.2025" in message
    assert "kronologisk rekkefølge" in message
    assert "all 6 dates" in findings[0].text("en")


def test_equal_start_dates_after_a_range_are_in_order(tmp_path):
    # the range starts on 11.8., the next event too: start dates are compared
    findings = run_dates(tmp_path, ["11.-14.8.2025", "11.8.2025", "13.8.2025"])
    assert outcomes(findings) == [Outcome.PASS]


def test_empty_cells_are_not_dates(tmp_path):
    findings = run_dates(tmp_path, ["14.1.2025", "", "24.1.2025"])
    assert outcomes(findings) == [Outcome.PASS]
    assert "alle 2 datoer" in findings[0].text("nb")


# --- outside the window ----------------------------------------------------------------------


def test_wrong_year_between_neighbours_fails_and_suggests_the_year(tmp_path):
    findings = run_dates(tmp_path, ["7.3.2025", "8.3.2026", "10.-14.3.2025", "20.3.2025"])
    [finding] = failing(findings)
    assert Outcome.PASS not in outcomes(findings)
    assert finding.locations[0].row == line_of(2)
    assert finding.locations[0].column == "date"
    assert finding.actual == "8.3.2026"
    assert finding.suggestion == "8.3.2025"
    assert finding.details["field"] == "year"
    assert finding.difference == "+67 dager"  # 8.3.2026 is 67 days after 31.12.2025
    message = finding.text("nb")
    assert "1.1.2025–31.12.2025" in message
    assert "«7.3.2025»" in message and "«10.-14.3.2025»" in message
    assert "Hendelse 2" in message  # the label column
    assert "only the year changed" in finding.text("en")


def test_wrong_year_that_only_fits_with_another_field_gets_no_suggestion(tmp_path):
    # 8.3.2025 would not lie between 10.4. and 20.4.: no one-field change explains the row
    findings = run_dates(tmp_path, ["10.4.2025", "8.3.2026", "20.4.2025"])
    [finding] = failing(findings)
    assert finding.suggestion is None
    assert "trolig ment" not in finding.text("nb")


def test_date_before_the_window(tmp_path):
    findings = run_dates(tmp_path, ["30.12.2024", "2.1.2025"])
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(1)
    assert finding.difference == "-2 dager"
    # 30.12.2025 would not come before 2.1.2025: the neighbours rule the year fix out
    assert finding.suggestion is None


def test_first_row_outside_window_is_bounded_by_its_next_neighbour_only(tmp_path):
    findings = run_dates(tmp_path, ["14.1.2026", "24.1.2025"])
    [finding] = failing(findings)
    assert finding.suggestion == "14.1.2025"
    assert "før «24.1.2025»" in finding.text("nb")


def test_declared_window(tmp_path):
    check = check_with(window="[2025-03-01, 2025-06-30]")
    findings = run_dates(tmp_path, ["1.3.2025", "10.-14.3.2025", "1.7.2025"], check=check)
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(3)
    assert "1.3.2025–30.6.2025" in finding.text("nb")
    assert finding.difference == "+1 dager"


def test_declared_window_as_strings_and_pass(tmp_path):
    check = check_with(window="['2025-03-01', '2025-06-30']")
    findings = run_dates(tmp_path, ["1.3.2025", "30.6.2025"], check=check)
    assert outcomes(findings) == [Outcome.PASS]
    assert "1.3.2025–30.6.2025" in findings[0].text("nb")


def test_range_reaching_past_the_window_fails(tmp_path):
    check = check_with(window="[2025-03-01, 2025-06-30]")
    findings = run_dates(tmp_path, ["1.6.2025", "29.6.-2.7.2025"], check=check)
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(2)
    assert finding.difference == "+2 dager"


# --- reversed ranges -------------------------------------------------------------------------


def test_reversed_range_fails(tmp_path):
    findings = run_dates(tmp_path, ["1.3.2025", "14.-10.3.2025", "20.3.2025"])
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(2)
    message = finding.text("nb")
    assert "slutter 10.3.2025 før det begynner 14.3.2025" in message
    assert "4 dager" in message
    assert finding.difference == "-4 dager"


# --- chronological order ---------------------------------------------------------------------


def test_row_later_than_both_neighbours_is_the_one_reported(tmp_path):
    dates = ["1.3.2025", "5.3.2025", "25.3.2025", "8.3.2025", "12.3.2025", "20.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert [loc.row for loc in finding.locations] == [line_of(3)]
    assert finding.actual == "25.3.2025"
    assert "senere enn begge naboene «5.3.2025»" in finding.text("nb")
    assert "later than both neighbours" in finding.text("en")
    assert finding.difference == "+17 dager"  # 25.3. is 17 days after the next row, 8.3.


def test_row_earlier_than_both_neighbours_is_the_one_reported(tmp_path):
    dates = ["1.3.2025", "5.3.2025", "8.3.2025", "2.3.2025", "12.3.2025", "20.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert [loc.row for loc in finding.locations] == [line_of(4)]
    assert "tidligere enn begge naboene" in finding.text("nb")
    assert finding.difference == "-6 dager"


def test_out_of_order_row_with_a_one_field_slip_gets_a_suggestion(tmp_path):
    # 11.4. between 10.3. and 12.3.: the month looks wrong, 11.3.2025 fits
    dates = ["1.3.2025", "10.3.2025", "11.4.2025", "12.3.2025", "20.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(3)
    assert finding.suggestion == "11.3.2025"
    assert finding.details["field"] == "month"
    assert "bare måneden endret" in finding.text("nb")


def test_a_month_fix_is_preferred_to_a_day_fix(tmp_path):
    # between 28.2. and 1.3., 28.3. becomes 28.2. (month) or 1.3. (day): the month is suggested
    dates = ["20.2.2025", "28.2.2025", "28.3.2025", "1.3.2025", "5.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(3)
    assert finding.suggestion == "28.2.2025"
    assert finding.details["field"] == "month"


def test_several_fitting_years_are_all_suggested(tmp_path):
    check = check_with(window="[2024-01-01, 2025-12-31]", order="none")
    findings = run_dates(tmp_path, ["8.3.2025", "8.3.2026"], check=check)
    [finding] = failing(findings)
    assert finding.suggestion == "8.3.2024 / 8.3.2025"
    assert "8.3.2024 eller 8.3.2025" in finding.text("nb")


def test_last_row_earlier_than_the_one_before(tmp_path):
    dates = ["1.3.2025", "5.3.2025", "8.3.2025", "2.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(4)
    assert "tidligere enn «8.3.2025»" in finding.text("nb")


def test_swapped_pair_is_one_ambiguous_finding_naming_both(tmp_path):
    dates = ["1.3.2025", "5.3.2025", "3.3.2025", "8.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert sorted(loc.row for loc in finding.locations) == [line_of(2), line_of(3)]
    assert "«5.3.2025», «3.3.2025»" in finding.text("nb")
    assert "cannot be told" in finding.text("en")


def test_conflicting_pair_at_the_end_reports_the_row_that_stands_out(tmp_path):
    # 11.4. or 12.3. could be wrong, but only 11.4. is later than both its neighbours
    dates = ["1.3.2025", "10.3.2025", "11.4.2025", "12.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert [loc.row for loc in finding.locations] == [line_of(3)]
    assert finding.suggestion == "11.3.2025"
    assert "(line 3) and «12.3.2025» (line 5)" in finding.text("en")


def test_two_blocks_in_the_wrong_order_are_one_ambiguous_finding(tmp_path):
    dates = ["1.3.2025", "6.3.2025", "7.3.2025", "3.3.2025", "4.3.2025", "9.3.2025"]
    findings = run_dates(tmp_path, dates)
    [finding] = failing(findings)
    assert sorted(loc.row for loc in finding.locations) == [line_of(i) for i in (2, 3, 4, 5)]
    assert finding.suggestion is None


def test_rows_outside_the_window_do_not_count_for_the_order(tmp_path):
    findings = run_dates(tmp_path, ["7.3.2025", "8.3.2026", "10.3.2025"])
    assert len(failing(findings)) == 1  # only the window finding, no order finding
    assert "utenfor" in failing(findings)[0].text("nb")


def test_order_none_ignores_the_order(tmp_path):
    check = check_with(order="none")
    findings = run_dates(tmp_path, ["8.3.2025", "1.3.2025"], check=check)
    assert outcomes(findings) == [Outcome.PASS]
    assert "kronologisk" not in findings[0].text("nb")


def test_order_none_still_suggests_the_year_from_the_window(tmp_path):
    check = check_with(order="none")
    findings = run_dates(tmp_path, ["8.3.2025", "1.3.2026"], check=check)
    [finding] = failing(findings)
    assert finding.suggestion == "1.3.2025"


# --- unreadable dates ------------------------------------------------------------------------


def test_missing_month_is_explained_by_the_neighbours(tmp_path):
    findings = run_dates(tmp_path, ["20.5.2025", "23.-25.2025", "28.5.2025"])
    [finding] = failing(findings)
    assert finding.locations[0].row == line_of(2)
    assert finding.actual == "23.-25.2025"
    assert finding.suggestion == "23.-25.5.2025"
    message = finding.text("nb")
    assert "måneden mangler" in message
    assert "«20.5.2025»" in message and "«28.5.2025»" in message


def test_missing_month_of_a_single_day(tmp_path):
    findings = run_dates(tmp_path, ["20.5.2025", "23.2025", "28.5.2025"])
    [finding] = failing(findings)
    assert finding.suggestion == "23.5.2025"


def test_missing_month_with_far_neighbours_is_not_guessed(tmp_path):
    # any month from February to November fits between January and December
    findings = run_dates(tmp_path, ["20.1.2025", "23.-25.2025", "28.12.2025"])
    [finding] = failing(findings)
    assert finding.suggestion is None
    assert "måneden mangler" in finding.text("nb")


def test_text_that_is_no_date_fails_without_suggestion(tmp_path):
    findings = run_dates(tmp_path, ["20.5.2025", "i mai", "28.5.2025"])
    [finding] = failing(findings)
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion is None
    assert "«i mai» kan ikke leses som en dato" in finding.text("nb")


# --- cannot evaluate and configuration errors ------------------------------------------------


def test_column_that_is_not_a_date_cannot_be_evaluated(tmp_path):
    check = CHECK.replace("column: date", "column: where")
    findings = run_dates(tmp_path, ["1.3.2025"], check=check)
    assert outcomes(findings) == [Outcome.ERROR]
    assert "not 'date'" in findings[0].text("en")


def test_unknown_table_cannot_be_evaluated(tmp_path):
    check = CHECK.replace("table: events", "table: nope")
    findings = run_dates(tmp_path, ["1.3.2025"], check=check)
    assert outcomes(findings) == [Outcome.ERROR]


def test_no_printed_dates_cannot_be_evaluated(tmp_path):
    findings = run_dates(tmp_path, ["", ""])
    assert outcomes(findings) == [Outcome.ERROR]


@pytest.mark.parametrize(
    "extra",
    [
        {"order": "reverse"},
        {"window": "[2025-12-31, 2025-01-01]"},
        {"window": "[2025-01-01, nope]"},
        {"window": "2025"},
    ],
)
def test_bad_arguments_are_configuration_errors(tmp_path, extra):
    with pytest.raises(ConfigError):
        run_dates(tmp_path, ["1.3.2025"], check=check_with(**extra))
