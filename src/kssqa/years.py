"""The reporting year as a symbol: one set of checks and schemas serves every year's report.

Check and schema files name years symbolically, never as 2025/2024:

- ``$year`` is the reporting year (``vo_linjen.contacts.total.$year``, ``min: $year``);
- ``$prior`` is the year before it (``rosa.hotline_contacts.$prior``);
- ``${year+N}`` / ``${year-N}`` is a year at a distance (``max: ${year+5}``);
- ``$$`` is a literal dollar sign.

The placeholders are replaced in the file's text before the YAML is parsed, so ``min: $year``
becomes the number 2025 and a placeholder may sit anywhere (keys, titles, expressions, lists).
An unknown placeholder (``$yaer``) is a configuration error, never left in place silently.

It also reads a window of days (a schema's ``within``, a check's ``window``): ``reporting_year``,
the reporting year's first and last day, or ``[YYYY-MM-DD, YYYY-MM-DD]``.

The same module moves years on for ``kssqa new-year``: in a key or a heading of last year's
inputs, the reporting year becomes the next one and the year before becomes the reporting year.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# $$, ${year}, ${year+N}, ${year-N}, or $name (a bare word). "$" followed by anything else
# (the end anchor of a regular expression, "$'" or "$)") is left alone.
_PLACEHOLDER = re.compile(r"\$(?:(?P<dollar>\$)|\{(?P<braced>[^}\n]*)\}|(?P<bare>[A-Za-z_]\w*))")
_BRACED = re.compile(r"^\s*(?P<name>year|prior)\s*(?:(?P<sign>[+-])\s*(?P<offset>\d{1,3}))?\s*$")
NAMES = ("year", "prior")
REPORTING_YEAR = "reporting_year"  # a window: the reporting year's first to last day
# A year in text: four digits, not part of a longer number.
_YEAR_TOKEN = re.compile(r"(?<!\d)(\d{4})(?!\d)")


class PlaceholderError(ValueError):
    """A placeholder kssqa does not know, or one used without a reporting year."""


def _value(name: str, year: int) -> int:
    return year if name == "year" else year - 1


def _replacement(match: re.Match[str], year: int | None, line: int) -> str:
    if match.group("dollar"):
        return "$"
    text = match.group(0)
    braced = match.group("braced")
    if braced is not None:
        parsed = _BRACED.match(braced)
        if not parsed:
            raise PlaceholderError(
                f"line {line}: unknown placeholder {text!r} "
                "(known: $year, $prior, ${year+N}, ${year-N}; $$ for a dollar sign)"
            )
        name = parsed.group("name")
        offset = int(parsed.group("offset") or 0) * (-1 if parsed.group("sign") == "-" else 1)
    else:
        name, offset = match.group("bare"), 0
        if name not in NAMES:
            raise PlaceholderError(
                f"line {line}: unknown placeholder {text!r} (known: $year, $prior, "
                "${year+N}, ${year-N}; write ${year} when letters follow, $$ for a dollar sign)"
            )
    if year is None:
        raise PlaceholderError(f"line {line}: {text} needs a reporting year")
    return str(_value(name, year) + offset)


def substitute(text: str, year: int | None) -> str:
    """Replace the year placeholders of a check or schema file's text (see the module doc).

    Raises PlaceholderError (with the line) for an unknown placeholder.
    """
    if "$" not in text:
        return text
    lines = text.split("\n")
    return "\n".join(
        _PLACEHOLDER.sub(lambda m, n=number: _replacement(m, year, n), line)
        for number, line in enumerate(lines, start=1)
    )


def move_years_on(text: str, year: int) -> str:
    """Last year's text as next year's: ``year`` becomes ``year + 1``, ``year - 1`` becomes
    ``year``; other years (a founding year, a period) stay. Only whole four-digit numbers move:
    ``media_hits.total.2025`` and ``top_video_2025`` do, ``120250`` does not."""

    def moved(match: re.Match[str]) -> str:
        found = int(match.group(1))
        return str(found + 1) if found in (year, year - 1) else match.group(1)

    return _YEAR_TOKEN.sub(moved, text)


def window_days(within: Any) -> tuple[date, date] | None:
    """``[YYYY-MM-DD, YYYY-MM-DD]`` (YAML may already have made dates of them) as its first and
    last day, the first not after the last; None for anything else, a time of day included (a
    window is of days, not of moments)."""
    if not isinstance(within, list | tuple) or len(within) != 2:
        return None
    if any(isinstance(v, datetime) for v in within):
        return None
    try:
        first, last = (v if isinstance(v, date) else date.fromisoformat(str(v)) for v in within)
    except ValueError:
        return None
    return (first, last) if first <= last else None


def is_window(within: Any) -> bool:
    """Whether ``within`` is a window: ``reporting_year`` or a window of days."""
    return within == REPORTING_YEAR or window_days(within) is not None


def window_bounds(within: Any, year: int) -> tuple[date, date] | None:
    """The first and last day of ``within``: ``reporting_year`` is ``year``'s; else see
    :func:`window_days`."""
    if within == REPORTING_YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    return window_days(within)
