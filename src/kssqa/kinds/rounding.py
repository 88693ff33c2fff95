"""Printed figures, their rounding and digit slips: helpers shared by the percentage kinds.

A figure printed with d decimals stands for its rounding interval; these helpers round a
computed value the way a report would print it, list the values printable at a precision
(``grid``), find the printed figures a digit slip away from a value that would reconcile a
check (``Slip``, ``slips_of``, ``unique_slip``) and format the numbers of a finding. Used by
shares, percent_of and change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Decimal,
    localcontext,
)

from ..data import Figure
from ..interval import Interval
from ..messages import LocalText, per_language, replacement
from ..numbers import Quantity, format_number, quantize
from ..typo import describe, typo_kind
from .base import CannotEvaluate


def round_to(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places (negative: tens, hundreds, ...)."""
    return quantize(value, decimals, ROUND_HALF_UP)


# How a source may say it rounds; "either" (the default) admits either neighbour of a tie.
ROUNDING_MODES = {
    "either": None,
    "half_up": ROUND_HALF_UP,
    "half_even": ROUND_HALF_EVEN,
    "floor": ROUND_FLOOR,
    "ceiling": ROUND_CEILING,
    "truncate": ROUND_DOWN,
}


def rounds_to(value: Decimal, decimals: int, mode: str) -> Decimal:
    """``value`` rounded to ``decimals`` places the way ``mode`` (not "either") rounds."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUNDING_MODES[mode])


def stands_for(quantity: Quantity, mode: str) -> Interval:
    """The values a figure printed without a qualifier can be rounded from, under ``mode``
    (the closed hull: a bound that rounds elsewhere is told apart by :func:`rounds_to`)."""
    value, half = quantity.value, quantity.half_unit
    if mode in ("floor", "truncate") and (mode == "floor" or value >= 0):
        return Interval(value, value + 2 * half)
    if mode in ("ceiling", "truncate"):
        return Interval(value - 2 * half, value)
    return Interval(value - half, value + half)


def share(part: int, whole: int) -> Decimal:
    """100 × part / whole, exact where it terminates within 34 digits."""
    with localcontext() as context:
        context.prec = 34
        return Decimal(100 * part) / Decimal(whole)


def two_decimals(value: Decimal | Interval) -> LocalText:
    """A computed value for a message: always two decimals, in each language."""
    if isinstance(value, Interval):
        if value.is_exact:
            return two_decimals(value.lo)
        lo, hi = two_decimals(value.lo), two_decimals(value.hi)
        return per_language(lambda lang: f"[{lo.localize(lang)}, {hi.localize(lang)}]")
    return per_language(lambda lang: format_number(round_to(value, 2), 2, lang))


def printed_interval(interval: Interval, quantity: Quantity) -> LocalText:
    """The interval a printed figure stands for, with enough decimals to show its bounds."""
    return per_language(lambda lang: interval.text(max(2, quantity.decimals + 2), lang))


def grid(span: Interval, decimals: int, widen: Decimal, limit: int = 5000) -> list[Decimal]:
    """The values printable with ``decimals`` places whose interval (± ``widen``) meets span.

    Empty when there are more than ``limit`` of them (too many to name one as the intended).
    """
    step = Decimal(1).scaleb(-decimals)
    first = ((span.lo - widen) / step).to_integral_value(rounding=ROUND_CEILING)
    last = ((span.hi + widen) / step).to_integral_value(rounding=ROUND_FLOOR)
    if last < first or last - first >= limit:
        return []
    return [(k * step).quantize(step) for k in range(int(first), int(last) + 1)]


@dataclass(frozen=True)
class Slip:
    """A printed figure that a digit slip away from ``value`` would make the check pass."""

    figure: Figure
    value: Decimal
    kind: str
    shown: str  # the intended value as it would be printed

    def edit(self) -> str:
        """The slip's fix as an edit of the printed text: «1 153» → «153»."""
        shown = str(self.shown)
        if " " in str(self.figure.text):  # digit groups spaced as the report spaces them
            shown = shown.replace("\u00a0", " ")
        return replacement(self.figure.text, shown)

    def why(self) -> dict[str, str]:
        text = describe(self.kind)
        return {
            "nb": f"{self.edit()}? ({text['nb']})",
            "en": f"{self.edit()}? ({text['en']})",
        }

    def why_params(self, separator: str = " — ") -> dict[str, dict[str, str]]:
        """The ``why`` parameter of a finding's message that names this slip."""
        text = self.why()
        return {"why": {lang: f"{separator}{words}" for lang, words in text.items()}}


def slips_of(figure: Figure, candidates: list[Decimal], shown) -> list[Slip]:
    """Every candidate value that the printed text is a digit slip of."""
    found = []
    for value in candidates:
        if value < 0:
            continue
        kind = typo_kind(figure.text or "", value)
        if kind:
            found.append(Slip(figure, value, kind, shown(value)))
    return found


def unique_slip(slips: list[Slip], checked: Figure | tuple[Figure, ...]) -> Slip | None:
    """The one slip that explains the difference, or None when none or several do.

    ``checked`` is the figure (or figures) the check is about. "One digit wrong" fits many
    nearby values, so it is only considered for those, and only when they have two digits or
    more (any one-digit figure is "one digit wrong" from any other); the figures they are
    computed from (counts, prior and current values) need a specific slip: swapped, dropped,
    doubled or an extra digit.
    """
    checked = checked if isinstance(checked, tuple) else (checked,)
    plausible = [s for s in slips if s.kind != "one_digit" or _one_digit_counts(s, checked)]
    return plausible[0] if len(plausible) == 1 else None


def _one_digit_counts(slip: Slip, checked: tuple[Figure, ...]) -> bool:
    """A wrong digit is evidence of a slip only in a checked figure of two digits or more."""
    digits = sum(ch.isdigit() for ch in slip.figure.text or "")
    return slip.figure in checked and digits >= 2


def tolerance_text(quantity: Quantity) -> LocalText:
    """What widens a printed figure: its rounding, and its qualifier if it has one."""
    if quantity.qualifier:
        return LocalText(
            {
                "nb": f"avrunding av trykt tall og «{quantity.qualifier}»",
                "en": f"rounding of the printed figure and «{quantity.qualifier}»",
            }
        )
    return LocalText({"nb": "avrunding av trykt tall", "en": "rounding of the printed figure"})


def is_exact_count(quantity: Quantity) -> bool:
    return quantity.unit is None and quantity.decimals == 0 and quantity.qualifier is None


def percent_text(value: Decimal, decimals: int) -> LocalText:
    return per_language(lambda lang: f"{format_number(value, max(decimals, 0), lang)} %")


def require_percent(figure: Figure) -> Quantity:
    quantity = figure.quantity()
    if quantity.unit != "%":
        raise CannotEvaluate(f"{figure.ref} = «{figure.text}» is not a percentage (no % sign)")
    return quantity


def located(*groups: tuple[Figure, ...]) -> list[Figure]:
    """The figures of a finding, each once, in order."""
    seen: list[Figure] = []
    for group in groups:
        seen += [f for f in group if f not in seen]
    return seen
