"""The figures printed in running text: numbers, percentages, amounts, dates and years.

Finding them is what coverage (is every printed figure in the inputs?) and extraction (which
figure of the new draft stands where last year's stood?) need. Each figure is a span of the
text with its kind; the text is never changed. Words that state a number ("ni", "fire") are
found only on request: as a rule they are ordinary words ("en", "to").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .numbers import MONTHS, NUMBER_WORDS, QUALIFIERS

_SP = "[ \u00a0\u202f\u2009]"
_NUMBER = rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
# month names in full, not abbreviated («mai» is both)
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "mai"), key=len, reverse=True))
_DAY = r"\d{1,2}\.?"
_DATE = (
    # 10.-14.3.2025, 23.- 24.9.2025, 14.1.2025, 01.01.2025
    rf"(?:{_DAY}{_SP}?[-\u2013]{_SP}?)?\d{{1,2}}\.{_SP}?\d{{1,2}}\.{_SP}?\d{{4}}"
    # 23.-25. mai 2025, 1.februar 2025, 28. oktober
    rf"|(?:{_DAY}{_SP}?[-\u2013]{_SP}?)?\d{{1,2}}\.{_SP}?(?:{_MONTH})(?:{_SP}\d{{4}})?"
)
_AMOUNT = (
    rf"kr\.?{_SP}?(?:{_NUMBER})(?:{_SP}?(?:millioner|million|mill\.?))?"
    rf"|(?:{_NUMBER})(?:{_SP}?(?:millioner|million|mill\.?))?{_SP}?(?:kroner|kr\.?|,-)"
    rf"|(?:{_NUMBER}){_SP}?(?:millioner|million|mill\.?)"
)
_PERCENT = rf"[+\-\u2212]?(?:{_NUMBER}){_SP}?(?:%|prosentpoeng|prosent)"
_SIGNED = rf"[+\u2212](?:{_NUMBER})"
_FIGURE = (
    rf"(?<![\w,.])(?:(?P<date>{_DATE})|(?P<amount>{_AMOUNT})|(?P<percent>{_PERCENT})"
    rf"|(?P<number>{_SIGNED}|{_NUMBER}))(?![\w]|,\d)"
)


@functools.cache
def _figure_pattern() -> re.Pattern:
    """The figure pattern, compiled at its first use: compiling it takes about 10 ms, which
    commands that read no text (kssqa list, explain) need not pay."""
    return re.compile(_FIGURE, re.IGNORECASE)


_WORDS = re.compile(
    r"(?<![\w])(?P<word>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?:^|(?<=[\s(]))(?P<q>"
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + rf"){_SP}+$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # date | amount | percent | number | year | word

    @property
    def counts(self) -> bool:
        """Whether coverage counts it: a year alone ("i 2025") is context, not a figure."""
        return self.kind not in ("year", "word")


def figures(text: str, words: bool = False) -> list[Token]:
    """The printed figures of ``text``, in order (number words too when ``words``)."""
    found = []
    for match in _figure_pattern().finditer(text):
        kind = match.lastgroup or "number"
        value = match.group(0)
        if kind == "number" and _YEAR.match(value):
            kind = "year"
        found.append(Token(match.start(), match.end(), value, kind))
    if words:
        taken = [(t.start, t.end) for t in found]
        for match in _WORDS.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                found.append(Token(match.start(), match.end(), match.group(0), "word"))
        found.sort(key=lambda t: t.start)
    return found


def qualifier_before(text: str, start: int) -> str:
    """The qualifier printed just before position ``start`` ("drøyt ", "om lag "), or ""."""
    match = _QUALIFIER.search(text[max(0, start - 20) : start])
    return match.group(0) if match else ""


def mask(text: str, words: bool = True) -> str:
    """``text`` with every printed figure replaced by "#": for comparing last year's sentence
    with this year's, whose numbers, dates and years differ."""
    parts, last = [], 0
    for token in figures(text, words=words):
        parts.append(text[last : token.start])
        parts.append("#")
        last = token.end
    parts.append(text[last:])
    return "".join(parts)
