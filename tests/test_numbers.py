from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from kssqa.numbers import (
    MAX_DIGITS,
    DateSpan,
    ParseError,
    format_number,
    parse_amount,
    parse_date,
    parse_decimal_text,
    parse_integer,
    parse_percent,
    parse_quantity,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1 814", 1814),
        ("8 230 000", 8230000),
        ("19 200", 19200),
        ("1\u00a0814", 1814),  # no-break space
        ("1\u202f814", 1814),  # narrow no-break space
        ("1814", 1814),
        ("ni", 9),
        ("Tre", 3),
        ("0", 0),
    ],
)
def test_integer_accepts_norwegian_forms(text, value):
    assert parse_integer(text) == value


@pytest.mark.parametrize(
    "text, code",
    [
        ("140 20", "digit_groups"),
        ("1 8140", "digit_groups"),
        ("12 34 567", "digit_groups"),
        ("1.814", "dot_in_number"),
        ("4,5", "not_integer"),
        ("drøyt 1800", "unexpected_part"),
        ("44%", "unexpected_part"),
        ("inf", "not_a_number"),
        ("NaN", "not_a_number"),
        ("1e309", "not_a_number"),
        ("", "empty"),
        ("abc", "not_a_number"),
    ],
)
def test_integer_rejects_ambiguous_or_malformed(text, code):
    with pytest.raises(ParseError) as error:
        parse_integer(text)
    assert error.value.code == code
    assert text in error.value.message["nb"] or code == "empty"


def test_digit_group_error_suggests_intended_values():
    with pytest.raises(ParseError) as error:
        parse_quantity("140 20")
    assert error.value.suggestions == ("14 020", "140,2")


@pytest.mark.parametrize(
    "text, value, qualifier, unit, decimals",
    [
        ("drøyt 1800", Decimal(1800), "drøyt", None, 0),
        ("om lag 47 %", Decimal(47), "om lag", "%", 0),
        ("+19%", Decimal(19), None, "%", 0),
        ("-9%", Decimal(-9), None, "%", 0),
        ("4,54", Decimal("4.54"), None, None, 2),
        ("Kr 500 000", Decimal(500000), None, "kr", 0),
        ("drøyt kr 500 000", Decimal(500000), "drøyt", "kr", 0),
        ("8 417 892 kroner", Decimal(8417892), None, "kr", 0),
        ("20 millioner", Decimal(20000000), None, None, -6),
        ("over 60 millioner", Decimal(60000000), "over", None, -6),
        ("8 prosentpoeng", Decimal(8), None, "pp", 0),
        ("nesten halvparten", Decimal(50), "nesten", "%", 0),
        ("tilnærmet 25 600", Decimal(25600), "tilnærmet", None, 0),
        ("månedlige", Decimal(12), None, None, 0),  # a frequency: a count a year
        ("kvartalsvis", Decimal(4), None, None, 0),
        ("ukentlige", Decimal(52), None, None, 0),
    ],
)
def test_quantity_keeps_what_was_printed(text, value, qualifier, unit, decimals):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.qualifier, quantity.unit, quantity.decimals) == (
        value,
        qualifier,
        unit,
        decimals,
    )
    assert quantity.text == text


def test_quantity_half_unit_is_the_printed_rounding():
    assert parse_quantity("74 %").half_unit == Decimal("0.5")
    assert parse_quantity("4,54").half_unit == Decimal("0.005")
    assert parse_quantity("20 millioner").half_unit == Decimal("500000")


def test_qualifier_direction():
    assert parse_quantity("drøyt 9%").direction == "above"
    assert parse_quantity("nesten 50").direction == "below"
    assert parse_quantity("om lag 47 %").direction == "about"


def test_percent_requires_percent_sign():
    assert parse_percent("20 %").value == 20
    with pytest.raises(ParseError) as error:
        parse_percent("20")
    assert error.value.code == "percent_required"


def test_amount_rejects_percent():
    assert parse_amount("Kr 2 882 630").value == Decimal(2882630)
    with pytest.raises(ParseError):
        parse_amount("20 %")


def test_decimal_sums_are_exact():
    parts = [parse_decimal_text("0,1"), parse_decimal_text("0,2")]
    assert sum(parts) == parse_decimal_text("0,3")


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("14.1.2025", date(2025, 1, 14), date(2025, 1, 14)),
        ("1.februar 2025", date(2025, 2, 1), date(2025, 2, 1)),
        ("1. februar 2025", date(2025, 2, 1), date(2025, 2, 1)),
        ("10.-14.3.2025", date(2025, 3, 10), date(2025, 3, 14)),
        ("23.- 24.9.2025", date(2025, 9, 23), date(2025, 9, 24)),
        ("21.\u2013 22.10.2025", date(2025, 10, 21), date(2025, 10, 22)),
        ("30.11.-2.12.2025", date(2025, 11, 30), date(2025, 12, 2)),
        ("29.-30. april 2025", date(2025, 4, 29), date(2025, 4, 30)),
        ("2025-03-14", date(2025, 3, 14), date(2025, 3, 14)),
    ],
)
def test_dates_and_ranges(text, start, end):
    span = parse_date(text)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize(
    "text, code",
    [
        ("23.-25.2025", "date_month_missing"),
        ("31.2.2025", "no_such_date"),
        ("1/1-25", "not_a_date"),
        ("14.13.2025", "no_such_date"),
        ("1. smarch 2025", "unknown_month"),
        ("", "empty"),
    ],
)
def test_malformed_dates_are_findings_not_guesses(text, code):
    with pytest.raises(ParseError) as error:
        parse_date(text)
    assert error.value.code == code


def test_a_month_without_a_day_is_all_its_days():
    assert parse_date("juni 2025") == DateSpan(date(2025, 6, 1), date(2025, 6, 30), "juni 2025")
    feb = parse_date("Februar 2024")
    assert (feb.start, feb.end) == (date(2024, 2, 1), date(2024, 2, 29))
    # without a year: only where the column gives one
    assert parse_date("juni", default_year=2025).end == date(2025, 6, 30)
    assert parse_date("juni 2024", default_year=2025).start == date(2024, 6, 1)
    with pytest.raises(ParseError) as error:
        parse_date("juni")
    assert error.value.code == "date_year_missing"
    with pytest.raises(ParseError) as error:  # a month is a range of days
        parse_date("juni 2025", allow_range=False)
    assert error.value.code == "range_not_allowed"
    with pytest.raises(ParseError) as error:  # a word that is no month is no date
        parse_date("sommer", default_year=2025)
    assert error.value.code == "not_a_date"


def test_range_rejected_where_single_dates_are_required():
    with pytest.raises(ParseError) as error:
        parse_date("10.-14.3.2025", allow_range=False)
    assert error.value.code == "range_not_allowed"
    assert parse_date("14.3.2025", allow_range=False).start == date(2025, 3, 14)


SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"])
LARGEST = 10**MAX_DIGITS - 1  # the largest figure of MAX_DIGITS digits


@given(st.integers(min_value=-LARGEST, max_value=LARGEST), SEPARATORS)
def test_any_norwegian_integer_parses_back(number, separator):
    text = format_decimal(number, format="#,##0", locale="nb_NO").replace("\u00a0", separator)
    text = text.replace("\u2212", "-")
    assert parse_quantity(text).value == number


@given(
    st.decimals(min_value=-(10**12) + 1, max_value=10**12 - 1, places=3, allow_nan=False),
    SEPARATORS,
)
def test_any_norwegian_decimal_parses_back(number, separator):
    text = format_decimal(number, format="#,##0.000", locale="nb_NO", decimal_quantization=True)
    text = text.replace("\u00a0", separator).replace("\u2212", "-")
    assert parse_quantity(text).value == number


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_format_number_round_trips(number):
    assert parse_quantity(format_number(number, 2)).value == number


# --- hardening (issue 12) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["99999999999999999999999999999", "9999999999999999999999999999 %", "1 000 000 000 000 000"],
)
def test_a_figure_of_more_than_fifteen_digits_is_a_finding(text):
    with pytest.raises(ParseError) as error:
        parse_quantity(text)
    assert error.value.code == "too_many_digits"
    assert f"«{text}»" in error.value.message["en"] and "at most 15" in error.value.message["en"]


def test_fifteen_digits_are_a_figure():
    assert parse_quantity("999 999 999 999 999").value == 10**15 - 1
    assert parse_quantity("1 234 567 890 123,45").value == Decimal("1234567890123.45")


@pytest.mark.parametrize(
    "text, digit",
    [
        ("١٢٣", "U+0661 ARABIC-INDIC DIGIT ONE"),
        ("１２３", "U+FF11 FULLWIDTH DIGIT ONE"),
        ("६६४७", "U+096C DEVANAGARI DIGIT SIX"),
        ("6 ６47", "U+FF16 FULLWIDTH DIGIT SIX"),
        ("drøyt ١٨٠٠", "U+0661 ARABIC-INDIC DIGIT ONE"),
    ],
)
def test_digits_of_other_scripts_are_reported_not_read(text, digit):
    with pytest.raises(ParseError) as error:
        parse_quantity(text)
    assert error.value.code == "foreign_digits"
    assert f"«{text}»" in error.value.message["en"] and digit in error.value.message["en"]


@pytest.mark.parametrize("text", ["١٤.١.٢٠٢٥", "１４.１.２０２５", "14.1.२०२५", "juni ２０２５"])
def test_dates_with_digits_of_other_scripts_are_reported(text):
    with pytest.raises(ParseError) as error:
        parse_date(text, default_year=2025)
    assert error.value.code == "foreign_digits"


def test_thin_space_separates_digit_groups():
    assert parse_quantity("1\u2009814").value == 1814
    assert parse_quantity("8\u2009230\u2009000 kroner").value == 8230000


def test_a_month_of_year_zero_is_a_finding_not_a_crash():
    with pytest.raises(ParseError) as error:
        parse_date("juni 0000")
    assert error.value.code == "no_such_date"


@pytest.mark.parametrize(
    "value, decimals, shown",
    [
        (Decimal("9" * 29), 0, "99 999 999 999 999 999 999 999 999 999"),
        (Decimal("9" * 29), None, "99 999 999 999 999 999 999 999 999 999"),
        (Decimal("12345678901234567890.123456789"), 2, "12 345 678 901 234 567 890,12"),
        (Decimal("1.5E+40"), 0, "1,50 × 10^40"),
        (Decimal("-1.5E+40"), 2, "-1,50 × 10^40"),
    ],
)
def test_format_number_formats_any_finite_value(value, decimals, shown):
    # Babel quantizes within the decimal context (28 digits): these raised InvalidOperation
    assert format_number(value, decimals).replace("\u00a0", " ") == shown


def test_format_number_remembers_a_number_by_its_text_not_its_value():
    """format_number caches its answers: equal Decimals written with other decimals (1.0 and
    1.00), and an int equal to them, still print as themselves."""
    from kssqa.numbers import format_number

    assert format_number(Decimal("1.0")) == "1,0"
    assert format_number(Decimal("1.00")) == "1,00"
    assert format_number(1) == "1"
    assert format_number(Decimal("1234.50"), lang="en") == "1,234.50"
    assert format_number(Decimal("1234.50")) == "1\u00a0234,50"
