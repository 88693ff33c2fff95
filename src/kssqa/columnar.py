"""Printed numbers and dates parsed a column at a time.

A source register repeats itself: a million contacts have a few hundred distinct dates and a
handful of channels. So a column is factorised (pandas' hash table, in C) and each distinct
text is parsed once. The common printed forms — a whole number (``1814``, ``1 814``), a date
``14.1.2025`` or ``2025-01-14`` — go through a fast path: a vectorised regular-expression test,
then the value built directly. Every other text takes the exact parser of :mod:`kssqa.numbers`
(the slow path), so the values and the errors are those of parsing cell by cell; a property
test (tests/test_columnar.py) holds the two paths to the same results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from .numbers import DateSpan, ParseError, Quantity

# A whole number without sign or leading zero, within MAX_DIGITS (15) digits: plain, or in
# thousands groups with one group space between them ("1 814", as reports print them).
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"  # numbers.py's group spaces
_PLAIN_NUMBER = rf"(?:0|[1-9][0-9]{{0,14}}|[1-9][0-9]{{0,2}}(?:{_GROUP_SPACE}[0-9]{{3}}){{1,4}})"
_GROUPS = re.compile(_GROUP_SPACE)


def _digits(text: str) -> str:
    return _GROUPS.sub("", text)


_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _plain_date(text: str) -> DateSpan | None:
    """``14.1.2025`` or ``2025-01-14`` as a one-day span; None for any other text (or a date
    that does not exist: the slow path says why)."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        day_ = date(year, month, day)
    except ValueError:
        return None
    return DateSpan(day_, day_, text)


# type -> (the texts the fast path takes, how it builds their value)
FAST_PATHS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "integer": (_PLAIN_NUMBER, lambda text: int(_digits(text))),
    "decimal": (_PLAIN_NUMBER, lambda text: Decimal(_digits(text))),
    "quantity": (_PLAIN_NUMBER, lambda text: Quantity(Decimal(_digits(text)), text)),
    "amount": (_PLAIN_NUMBER, lambda text: Quantity(Decimal(_digits(text)), text)),
    "date": (r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}", _plain_date),
}


@dataclass(frozen=True)
class ParsedColumn:
    """A column's derived values: ``distinct[codes[i]]`` is row i's (None: empty or unread)."""

    codes: np.ndarray  # per row, the position of its text among the distinct texts; -1: empty
    texts: list[str]  # the distinct texts
    distinct: list[Any]  # their values (None where the text could not be read)
    errors: dict[int, ParseError]  # position among the distinct texts -> why it is unreadable

    def values(self) -> np.ndarray:
        """One value per row (an object array; the rows share the values of one text)."""
        return np.array([*self.distinct, None], dtype=object)[self.codes]

    def per_distinct(self, test: Callable[[Any], bool]) -> np.ndarray:
        """``test`` of each distinct value, in the order of the codes; True where the value is
        None (an unreadable text: its parse finding says so)."""
        return np.array([value is None or bool(test(value)) for value in self.distinct], bool)

    def per_row(self, test: Callable[[Any], bool]) -> np.ndarray:
        """``test`` of each row's value, computed once per distinct value; True where empty."""
        return np.append(self.per_distinct(test), True)[self.codes]

    def value_codes(self) -> np.ndarray:
        """Per row, the position of its value among the distinct values; NaN where there is no
        value (an empty or unreadable cell). What pandera's rules on derived values see: its
        test for missing values is vectorised on floats, a pass over the cells on objects."""
        codes = self.codes.astype(np.float64)
        missing = self.codes < 0
        if self.errors:
            missing |= np.isin(self.codes, list(self.errors))
        codes[missing] = np.nan
        return codes

    def failed_rows(self) -> np.ndarray:
        """The positions of the rows whose text could not be read, in row order."""
        return np.flatnonzero(np.isin(self.codes, list(self.errors)))


def parse_column(column: pd.Series, type_name: str, slow: Callable[[str], Any]) -> ParsedColumn:
    """Parse a column of printed texts (None for an empty cell) as ``type_name``.

    ``slow`` is the exact parser of one text; it raises ParseError for a text it cannot read.
    """
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    texts = [str(text) for text in uniques]
    distinct: list[Any] = [None] * len(texts)
    fast = np.zeros(len(texts), dtype=bool)
    if type_name in FAST_PATHS and texts:
        pattern, build = FAST_PATHS[type_name]
        fast = pd.Series(texts, dtype=object).str.fullmatch(pattern).to_numpy(dtype=bool)
        for position in np.flatnonzero(fast):
            distinct[position] = build(texts[position])
    errors: dict[int, ParseError] = {}
    for position, text in enumerate(texts):
        if fast[position] and distinct[position] is not None:
            continue
        try:
            distinct[position] = slow(text)
        except ParseError as error:
            errors[position] = error
    return ParsedColumn(np.asarray(codes, dtype=np.int64), texts, distinct, errors)
