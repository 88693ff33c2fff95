"""Interval arithmetic over exact decimals: a printed figure stands for a range of true values.

"74 %" stands for anything in [73.5, 74.5]; "4,54" for [4.535, 4.545]; a plain printed count
"126" for exactly 126; "drøyt 1800" for something a little above 1800. Checks compute with
these intervals and call two figures consistent when their intervals overlap — so a printed
figure is never judged by a fixed epsilon, only by what its own printing can hide.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from .numbers import Quantity, format_number, quantize

# How far a qualifier lets the true value stray from the printed one, as a fraction of it.
# "drøyt 1800" is read as 1800 ..< 1800 × 1.10; "om lag 47 %" as 47 % ± 5 %.
QUALIFIER_TOLERANCE = {
    "above": Decimal("0.10"),
    "at_least": Decimal("0.10"),
    "below": Decimal("0.10"),
    "at_most": Decimal("0.10"),
    "about": Decimal("0.05"),
}


class IntervalError(ArithmeticError):
    """An operation has no interval result (division by an interval containing zero)."""


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        value = Decimal(value)
        return cls(value, value)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        return max(Decimal(0), other.lo - self.hi, self.lo - other.hi)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise IntervalError("division by an interval that contains zero")
        with localcontext() as context:
            context.prec = 34
            quotients = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(quotients), max(quotients))

    def text(self, decimals: int = 2, lang: str = "nb") -> str:
        if self.is_exact:
            return _short(self.lo, decimals, lang)
        return f"[{_short(self.lo, decimals, lang)}, {_short(self.hi, decimals, lang)}]"


def _short(value: Decimal, decimals: int, lang: str = "nb") -> str:
    rounded = quantize(value, decimals) if decimals >= 0 else value
    normal = rounded.normalize()
    places = max(0, -normal.as_tuple().exponent) if normal == normal.to_integral_value() else None
    return format_number(normal, 0 if places == 0 else None, lang)


def interval_of(quantity: Quantity, exact_counts: bool = True) -> Interval:
    """The true values a printed figure can stand for.

    A plain whole number without qualifier (a count such as "126") is exact when
    ``exact_counts``; anything printed with a percent sign, decimals or a multiplier
    ("20 millioner") stands for its rounding interval; a qualifier widens it in its direction.
    """
    value = quantity.value
    rounded = quantity.unit in ("%", "pp") or quantity.decimals != 0 or not exact_counts
    half = quantity.half_unit if rounded else Decimal(0)
    interval = Interval(value - half, value + half)
    direction = quantity.direction
    if direction is None:
        return interval
    slack = abs(value) * QUALIFIER_TOLERANCE[direction] + half
    if direction in ("above", "at_least"):
        return Interval(value, value + slack)
    if direction in ("below", "at_most"):
        return Interval(value - slack, value)
    return Interval(value - slack, value + slack)
