"""Column-wise parsing gives exactly what parsing cell by cell gives (kssqa.columnar).

The fast path (a regular expression and the value built directly) and the slow path (the exact
parser of kssqa.numbers) must agree on every text: the same value, or the same error.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kssqa.columnar import FAST_PATHS, parse_column
from kssqa.numbers import (
    ParseError,
    parse_amount,
    parse_date,
    parse_decimal_text,
    parse_integer,
    parse_quantity,
)

SLOW = {
    "integer": parse_integer,
    "decimal": parse_decimal_text,
    "quantity": parse_quantity,
    "amount": parse_amount,
    "date": lambda text: parse_date(text, True, 2025),
}

# Texts near the fast forms: plain and grouped numbers, leading zeros, signs, dates that exist
# and dates that do not, digits of other scripts.
DAYS = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
NEAR = st.one_of(
    DAYS.map(date.isoformat),
    DAYS.map(lambda d: f"{d.day}.{d.month}.{d.year}"),
    st.from_regex(r"[0-9]{1,17}", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}(?: [0-9]{3}){0,3}", fullmatch=True),
    # digit groups with every group space, right and wrong, up to past the 15-digit limit
    st.from_regex(r"[0-9]{1,4}(?:[ \u00a0\u202f\u2009]{1,2}[0-9]{2,4}){0,5}", fullmatch=True),
    st.from_regex(r"[-+]?0[0-9]{0,3}|[0-9]{1,4}[,.][0-9]{1,3}", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{3,5}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{1,3}-[0-9]{1,3}", fullmatch=True),
    st.text(alphabet="0123456789.- %\u0661\uff11", min_size=1, max_size=12),
)


def outcome(parse, text: str):
    try:
        return ("value", parse(text))
    except ParseError as error:
        return ("error", error.code, error.message["en"])


def columnar_outcome(type_name: str, text: str):
    parsed = parse_column(pd.Series([text], dtype=object), type_name, SLOW[type_name])
    if 0 in parsed.errors:
        error = parsed.errors[0]
        return ("error", error.code, error.message["en"])
    return ("value", parsed.values()[0])


@settings(max_examples=400, deadline=None)
@given(text=NEAR, type_name=st.sampled_from(sorted(FAST_PATHS)))
def test_fast_and_slow_paths_agree(text, type_name):
    expected = outcome(SLOW[type_name], text)
    got = columnar_outcome(type_name, text)
    assert got == expected
    assert type(got[1]) is type(expected[1])


def test_the_fast_path_is_taken_and_the_slow_path_catches_the_rest():
    column = pd.Series(["1814", "1 814", None, "1814", "12x", "007"], dtype=object)
    parsed = parse_column(column, "integer", parse_integer)
    assert parsed.values().tolist() == [1814, 1814, None, 1814, None, 7]
    assert parsed.failed_rows().tolist() == [4]  # one failing cell, found by its distinct text
    assert parsed.errors[parsed.codes[4]].code == "not_a_number"
    assert parsed.texts == ["1814", "1 814", "12x", "007"]  # each distinct text parsed once


def test_a_date_that_does_not_exist_fails_as_cell_by_cell():
    column = pd.Series(["31.2.2025", "28.2.2025"], dtype=object)
    parsed = parse_column(column, "date", SLOW["date"])
    assert parsed.failed_rows().tolist() == [0]
    assert parsed.errors[0].code == "no_such_date"
    assert parsed.values()[1] == parse_date("28.2.2025")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab,;\n \tæ\u00a0Ã\u2028\x0b", max_size=40))
def test_a_text_without_quoting_reads_as_the_csv_module_reads_it(text):
    """read_table splits an unquoted text by lines and delimiters itself: the same records,
    with the same line numbers, as the csv module's reading (kssqa.tables._records)."""
    from kssqa.tables import _records, _unquoted_records

    assert _unquoted_records(text, ",") == list(_records(text, ",", "t.csv"))


CELL = st.text(alphabet="ab æ\u00a0Ã\x0b\x0c\x1a\x1c\x7f\x85\ufeff\u2028#NA-0", max_size=4)


@settings(max_examples=200, deadline=None)
@given(
    header=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=3, unique=True),
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=6),
    blank=st.sampled_from(["", "\n"]),
)
def test_a_plain_file_reads_through_pandas_as_the_strict_reading_reads_it(
    tmp_path_factory, header, rows, blank
):
    """read_table reads a plain file with pandas' C reader: the same cells (None for empty),
    the same lines, the same problems and the same invisible characters as the strict reading
    (which looks at every cell), whatever the file holds."""
    import kssqa.tables as tables

    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_text(",".join(header) + "\n" + blank.join(",".join(r) + "\n" for r in rows))

    def read():
        try:
            table = tables.read_table("t", path, "t.csv")
        except tables.TableReadError as error:
            return [f.text("en") for f in error.findings]
        invisible = [f.text("en") for f in tables.invisible_characters(table)]
        return table.frame.to_dict("list"), list(table.lines), table.columns, invisible

    quick = read()
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(tables, "_read_by_pandas", lambda *args: None)
        strict = read()
    assert quick == strict


MINUTES = st.lists(st.sampled_from(["5", "12", "1 200", "7x", None, "0", "12"]), max_size=30)


@settings(max_examples=100, deadline=None)
@given(texts=MINUTES)
def test_a_register_column_is_read_once_per_distinct_value_as_cell_by_cell(texts):
    """TableData.per_row and register_sum read the codes and distinct values kept from the
    schema's parsing; they give what reading each cell gives (and what they gave when they
    factorised the column again)."""
    from pathlib import Path

    import numpy as np

    from kssqa.data import TableData
    from kssqa.kinds.aggregate import register_sum
    from kssqa.kinds.base import CannotEvaluate
    from kssqa.schema_spec import SchemaSpec
    from kssqa.tables import Table

    frame = pd.DataFrame({"minutes": pd.Series(texts, dtype=object)})
    table = Table("log", Path("log.csv"), "log.csv", ("minutes",), frame, tuple(range(2, 99)), "")
    parsed = parse_column(frame["minutes"], "integer", parse_integer)
    typed = {"minutes": pd.Series(parsed.values(), dtype=object)}
    spec = SchemaSpec("log", "log.csv", Path("schemas/log.yaml"))
    kept = TableData(spec, table, typed, parsed={"minutes": parsed})
    again = TableData(spec, table, typed)

    def value(text):
        return None if text is None else outcome(parse_integer, text)

    def over_100(v):
        return v > 100

    expected = [v is not None and v[0] == "value" and v[1] > 100 for v in map(value, texts)]
    for data in (kept, again):
        assert data.per_row("minutes", over_100).tolist() == expected

    def cell_by_cell_sum():
        values = [value(text) for text in texts]
        if any(v is None or v[0] == "error" for v in values):
            return "unreadable"
        return sum(v[1] for v in values)

    def columnar_sum(data):
        try:
            return register_sum(data, "minutes", list(range(len(texts))))
        except CannotEvaluate:
            return "unreadable"

    expected_sum = cell_by_cell_sum() if texts else 0
    assert columnar_sum(kept) == columnar_sum(again) == expected_sum
    assert np.array_equal(kept.distinct("minutes")[0], again.distinct("minutes")[0])
