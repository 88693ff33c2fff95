"""Does a printed number look like a typo of the value the arithmetic expects?

Recognises the slips an editor makes when copying figures: two adjacent digits swapped
(1 814 -> 1 184), a digit dropped (4950 -> 495) or doubled (4950 -> 49950), an extra digit,
one digit wrong — and, for years, a wrong year digit (2026 for 2025).
"""

from __future__ import annotations

from decimal import Decimal

from .messages import Template

MESSAGES = {
    "swapped": Template("to sifre ser ut til å ha byttet plass", "two digits look swapped"),
    "dropped": Template("et siffer ser ut til å mangle", "a digit looks dropped"),
    "doubled": Template("et siffer ser ut til å være doblet", "a digit looks doubled"),
    "extra": Template("et siffer for mye", "one digit too many"),
    "one_digit": Template("ett siffer er feil", "one digit is wrong"),
}


def _digits(value: str | int | Decimal) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def typo_kind(printed: str | int | Decimal, intended: str | int | Decimal) -> str | None:
    """The kind of slip that turns ``intended`` into ``printed``, or None."""
    a, b = _digits(printed), _digits(intended)
    if not a or not b or a == b:
        return None
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        ):
            return "swapped"
        if len(diff) == 1:
            return "one_digit"
        return None
    if len(a) + 1 == len(b):
        if any(b[:i] + b[i + 1 :] == a for i in range(len(b))):
            return "dropped"
        return None
    if len(a) == len(b) + 1:
        for i in range(len(a)):
            if a[:i] + a[i + 1 :] == b:
                neighbour = (i > 0 and a[i - 1] == a[i]) or (i + 1 < len(a) and a[i + 1] == a[i])
                return "doubled" if neighbour else "extra"
    return None


def describe(kind: str) -> dict[str, str]:
    return MESSAGES[kind].render()
