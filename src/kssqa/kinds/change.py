"""change — a printed change agrees with the values before and after."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..data import Figure
from ..findings import Finding
from ..interval import Interval, interval_of
from ..messages import Template, local
from ..numbers import Quantity, format_number
from . import register
from .base import FIGURES_SCHEMA, Arg, CannotEvaluate, Example, Kind, KindDoc, Operand, fmt
from .rounding import (
    Slip,
    grid,
    is_exact_count,
    located,
    printed_interval,
    round_to,
    slips_of,
    tolerance_text,
    two_decimals,
    unique_slip,
)

MODES = ("percent", "absolute", "points")
DIRECTIONS = ("increase", "decrease")

DOC = KindDoc(
    what=(
        "Checks a printed change («+12 %», «en økning på 20 %», «270 flere», «en nedgang på 4 "
        "prosentpoeng») against the values before and after it. `prior` and `current` are keys "
        "or expressions, `change` is the key of the printed change. `mode: percent` (default) "
        "compares with 100 × (current − prior) / prior, `mode: absolute` with current − prior "
        "and `mode: points` with current − prior in percentage points (for two percentages). "
        "The printed change stands for its rounding interval (`20 %` is 19.5–20.5; «drøyt 8 %» is "
        "a little more than 9 %), the values are exact counts unless printed as approximate, and "
        "the check passes when the computed change can equal the printed one. Text often gives "
        "the direction in words and the number without a sign: `direction: increase` or "
        "`decrease` says which. A printed sign wins over `direction`; a sign that contradicts "
        "it is a finding of its own. Without sign and direction the change is read as an "
        "increase."
    ),
    why=(
        "Changes are where a report's story is told («record growth», «a drop in the answer "
        "rate»), and they are easy to get wrong: a change computed on the wrong base (divided "
        "by the new value instead of the old), percent confused with percentage points, a "
        "change copied from another line, or an increase called a decrease."
    ),
    example_fails=Example(
        "From 1 350 to 1 620 is +20.00 %, but the report prints «en økning på 12 %».",
        """\
checks:
  - id: hotline.change
    kind: change
    title: Økningen i henvendelser stemmer med antallene
    prior: figures.contacts.2024
    current: figures.contacts.2025
    change: figures.contacts.change
    direction: increase
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.contacts.2025,Linjen,1 620,"Linjen mottok 1 620 henvendelser, mot 1 350 i 2024"
figures.contacts.2024,Linjen,1 350,"Linjen mottok 1 620 henvendelser, mot 1 350 i 2024"
figures.contacts.change,Linjen,12 %,Dette er en økning på 12 %
""",
        },
    ),
    example_passes=Example(
        "1 350 → 1 620 is an increase of 20.00 % («om lag 20 %») and of 270 («270 flere»); an "
        "answer rate of 86 % → 82 % is a decrease of 4 percentage points.",
        """\
checks:
  - id: hotline.change-percent
    kind: change
    title: Økningen i prosent stemmer
    prior: figures.contacts.2024
    current: figures.contacts.2025
    change: figures.contacts.change
    direction: increase
  - id: hotline.change-count
    kind: change
    title: Økningen i antall stemmer
    prior: figures.contacts.2024
    current: figures.contacts.2025
    change: figures.contacts.more
    mode: absolute
  - id: hotline.answer-rate-change
    kind: change
    title: Nedgangen i svarprosent stemmer
    prior: figures.answer_rate.2024
    current: figures.answer_rate.2025
    change: figures.answer_rate.change
    mode: points
    direction: decrease
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.contacts.2025,Linjen,1 620,"Linjen mottok 1 620 henvendelser, mot 1 350 i 2024"
figures.contacts.2024,Linjen,1 350,"Linjen mottok 1 620 henvendelser, mot 1 350 i 2024"
figures.contacts.change,Linjen,om lag 20 %,"en økning på om lag 20 %, 270 flere enn i fjor"
figures.contacts.more,Linjen,270,"en økning på om lag 20 %, 270 flere enn i fjor"
figures.answer_rate.2025,Linjen,82 %,"82 % besvart, mot 86 % året før: en nedgang på 4 prosentpoeng"
figures.answer_rate.2024,Linjen,86 %,"82 % besvart, mot 86 % året før: en nedgang på 4 prosentpoeng"
figures.answer_rate.change,Linjen,4 prosentpoeng,"en nedgang på 4 prosentpoeng"
""",
        },
    ),
    fix=(
        "Recompute the change from the two values in the source. The finding gives the "
        "correctly rounded change at the printed precision and names a figure when a digit slip "
        "explains the difference. Check the base (a percent change is relative to the earlier "
        "value), whether percent or percentage points are meant, and the direction word. If the "
        "text's direction is right and the check's `direction` is not, correct the check."
    ),
)

WORDS = {
    "increase": {"nb": "økning", "en": "increase"},
    "decrease": {"nb": "nedgang", "en": "decrease"},
    "none": {"nb": "ingen endring", "en": "no change"},
}
UNITS = {
    "percent": {"nb": " %", "en": " %"},
    "absolute": {"nb": "", "en": ""},
    "points": {"nb": " prosentpoeng", "en": " percentage points"},
}
# Printed units that contradict a mode (the text says something else than the check).
FORBIDDEN_UNITS = {"percent": ("pp", "kr"), "absolute": ("%", "pp"), "points": ("kr",)}


@register
class ChangeKind(Kind):
    name = "change"
    title = "Endringen stemmer med verdiene før og etter"
    title_en = "The change matches the values before and after"
    summary = "a printed change (%, absolute, percentage points) matches prior and current values"
    doc = DOC
    args = {
        "prior": Arg("expr", help="the earlier value: a key or an expression"),
        "current": Arg("expr", help="the later value: a key or an expression"),
        "change": Arg("ref", help="key of the printed change"),
        "mode": Arg("text", required=False, default="percent", help="percent | absolute | points"),
        "direction": Arg(
            "text",
            required=False,
            help="increase | decrease: the direction the text gives in words (økning/nedgang)",
        ),
    }
    messages = {
        "pass": Template(
            "{label}: {formula} = {actual}{unit} ({actual_word}); trykt {change} "
            "({claimed_word}) står for {claimed}{unit}",
            "{label}: {formula} = {actual}{unit} ({actual_word}); the printed {change} "
            "({claimed_word}) stands for {claimed}{unit}",
        ),
        "fail": Template(
            "{label}: {formula} = {actual}{unit} ({actual_word}), men trykt {change} "
            "({claimed_word}) står for {claimed}{unit} (riktig avrundet: {rounded})"
            "{why}",
            "{label}: {formula} = {actual}{unit} ({actual_word}), but the printed "
            "{change} ({claimed_word}) stands for {claimed}{unit} (correctly rounded: "
            "{rounded}){why}",
        ),
        "sign_conflict": Template(
            "{label}: trykt fortegn «{sign}» i {change} betyr {sign_word}, men teksten sier "
            "{direction_word}",
            "{label}: the printed sign «{sign}» in {change} means {sign_word}, but the text "
            "says {direction_word}",
        ),
        "wrong_direction": Template(
            " — tallene viser {word_nb}, i motsatt retning av det trykte",
            " — the figures show {word_en}, the opposite direction of what is printed",
        ),
        "missing_direction": Template(
            " — sier teksten «nedgang», sett direction: decrease i kontrollen",
            " — if the text says «nedgang» (decrease), set direction: decrease in the check",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        if args["mode"] not in MODES:
            raise ConfigError(
                f"{where}: check {check_id!r} (change): mode must be one of {', '.join(MODES)}, "
                f"got {args['mode']!r}"
            )
        if args["direction"] is not None and args["direction"] not in DIRECTIONS:
            raise ConfigError(
                f"{where}: check {check_id!r} (change): direction must be increase or decrease, "
                f"got {args['direction']!r}"
            )

    # --- reading the values ----------------------------------------------------------------

    def side(self, name: str) -> Operand:
        """The value before or after: one printed figure, or an expression over figures."""
        tree = self.check.parsed[name]
        return self.figure_operand(tree[1]) if tree[0] == "ref" else self.expression_operand(name)

    def claimed(self, quantity: Quantity) -> tuple[Interval, int]:
        """The interval the printed change stands for, and its sign (+1/-1)."""
        mode, direction = self.check.args["mode"], self.check.args["direction"]
        if quantity.unit in FORBIDDEN_UNITS[mode]:
            raise CannotEvaluate(
                f"«{quantity.text}» is printed in {quantity.unit}, which does not fit mode {mode}"
            )
        if quantity.sign:
            sign = -1 if quantity.value < 0 else 1
        else:
            sign = -1 if direction == "decrease" else 1
        # A qualifier («drøyt 8 %») describes the size of the change, whatever its direction.
        magnitude = replace(quantity, value=abs(quantity.value), sign=None)
        exact = mode == "absolute" or quantity.from_word
        interval = interval_of(magnitude, exact_counts=exact)
        return (interval if sign > 0 else -interval), sign

    # --- evaluation ------------------------------------------------------------------------

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        mode = args["mode"]
        change = self.figure(args["change"])
        quantity = change.quantity()
        claimed, sign = self.claimed(quantity)
        prior, current = self.side("prior"), self.side("current")
        if mode == "percent":
            if prior.interval.lo <= 0 <= prior.interval.hi:
                raise CannotEvaluate(
                    f"the prior value {prior.text} can be 0: a percent change is undefined"
                )
            # current / prior − 1 names prior once: tighter than (current − prior) / prior
            ratio = current.interval / prior.interval - Interval.exact(1)
            actual = ratio * Interval.exact(100)
            formula = f"({current.text} − {prior.text}) / {prior.text} × 100"
        else:
            actual = current.interval - prior.interval
            formula = f"{current.text} − {prior.text}"
        passed = actual.overlaps(claimed)
        findings = []
        conflict = self.sign_conflict(change, quantity, sign)
        if conflict:
            findings.append(conflict)
        rounded = round_to(actual.mid, quantity.decimals)
        # a percent change is shown with two decimals; counts and points as computed
        computed = _signed(actual, two_decimals(actual) if mode == "percent" else fmt(actual))
        actual_word = _word(actual)
        claimed_word = _word(claimed) if quantity.value != 0 else WORDS["none"]
        params = {
            "label": change.ref,
            "formula": formula,
            "actual": computed,
            "change": f"«{change.text}»",
            "claimed": _signed(claimed, printed_interval(claimed, quantity)),
            "rounded": self.printed_form(rounded, quantity),
            "actual_word": actual_word,
            "claimed_word": claimed_word,
            "unit": UNITS[mode],
            "why": "",
        }
        suggestion = None
        if not passed:
            suggestion = self.printed_form(rounded, quantity)
            why = self.explain(quantity, claimed, actual, sign, prior, current, change)
            if isinstance(why, Slip):
                params.update(why.why_params())
                if why.figure != change:
                    suggestion = why.edit()  # the smallest edit: one slip in another figure
            elif why:
                params["why"] = why
        findings.append(
            self.finding(
                passed,
                "pass" if passed else "fail",
                located((change,), prior.used, current.used),
                params=params,
                expected=local(
                    "{computed}{unit}",
                    computed=computed,
                    unit=UNITS[mode],
                ),
                actual=str(change.text),
                difference=(two_decimals if mode == "percent" else fmt)(
                    sign * abs(quantity.value) - actual.mid
                ),
                tolerance=local(
                    "{claimed}{unit} ({why})",
                    claimed=params["claimed"],
                    why=tolerance_text(quantity),
                    unit=UNITS[mode],
                ),
                suggestion=suggestion,
            )
        )
        return findings

    def sign_conflict(self, change: Figure, quantity: Quantity, sign: int) -> Finding | None:
        direction = self.check.args["direction"]
        if not quantity.sign or direction is None or quantity.value == 0:
            return None
        sign_direction = "increase" if sign > 0 else "decrease"
        if sign_direction == direction:
            return None
        return self.finding(
            False,
            "sign_conflict",
            [change],
            params={
                "label": change.ref,
                "sign": quantity.sign,
                "change": f"«{change.text}»",
                "sign_word": WORDS[sign_direction],
                "direction_word": WORDS[direction],
            },
            expected=WORDS[direction],
            actual=str(change.text),
        )

    def printed_form(self, value: Decimal, quantity: Quantity) -> str:
        """A value as the change would be printed: with a sign if the report printed one."""
        mode = self.check.args["mode"]
        number = format_number(abs(value), max(quantity.decimals, 0))
        if quantity.sign or (self.check.args["direction"] is None and value < 0):
            number = ("-" if value < 0 else "+") + number
        return number + UNITS[mode]["nb"]

    def explain(self, quantity, claimed, actual, sign, prior, current, change):
        """Why a change fails: the wrong direction, or a digit slip in a printed figure."""
        if (-claimed).overlaps(actual) and quantity.value != 0:
            if not quantity.sign and self.check.args["direction"] is None and sign > 0:
                return self.messages["missing_direction"].render()
            word = _word(actual)
            return self.messages["wrong_direction"].render(word_nb=word["nb"], word_en=word["en"])
        slips = slips_of(
            change,
            [abs(v) for v in grid(actual, quantity.decimals, quantity.half_unit)],
            lambda v: self.printed_form(sign * v, quantity),
        )
        slips += self.side_slips(prior, current, claimed, which="prior")
        slips += self.side_slips(prior, current, claimed, which="current")
        return unique_slip(slips, change)

    def side_slips(
        self, prior: Operand, current: Operand, claimed: Interval, which: str
    ) -> list[Slip]:
        """Values of prior (or current) a digit slip away from the printed one that would fit."""
        side, other = (prior, current) if which == "prior" else (current, prior)
        if side.figure is None or not other.interval.is_exact:
            return []
        quantity = side.figure.quantity()
        if self.check.args["mode"] == "percent":
            factor = Interval.exact(1) + Interval(claimed.lo / 100, claimed.hi / 100)
            if factor.lo <= 0:
                return []
            span = other.interval / factor if which == "prior" else other.interval * factor
        else:
            span = other.interval - claimed if which == "prior" else other.interval + claimed
        widen = Decimal(0) if is_exact_count(quantity) else quantity.half_unit
        decimals = quantity.decimals
        return slips_of(
            side.figure,
            grid(span, decimals, widen),
            lambda v: format_number(v, max(decimals, 0)) + (" %" if quantity.unit == "%" else ""),
        )


def _word(value: Interval) -> dict[str, str]:
    if value.lo > 0:
        return WORDS["increase"]
    if value.hi < 0:
        return WORDS["decrease"]
    return WORDS["none"]


def _signed(value: Interval, text: str) -> str:
    """A change for a message, with a plus sign on an increase."""
    return f"+{text}" if value.lo > 0 and not text.startswith("[") else text
