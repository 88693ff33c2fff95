"""percent_of — a printed percentage agrees with the counts it describes."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..interval import QUALIFIER_TOLERANCE, Interval
from ..messages import Template
from . import register
from .base import (
    FIGURES_SCHEMA,
    Arg,
    CannotEvaluate,
    Example,
    Kind,
    KindDoc,
    Operand,
    fmt,
    fmt_exact,
)
from .rounding import (
    Slip,
    grid,
    is_exact_count,
    located,
    percent_text,
    printed_interval,
    require_percent,
    round_to,
    slips_of,
    tolerance_text,
    two_decimals,
    unique_slip,
)

_ABOUT = int(QUALIFIER_TOLERANCE["about"] * 100)
_ABOVE = int(QUALIFIER_TOLERANCE["above"] * 100)
_BELOW = int(QUALIFIER_TOLERANCE["below"] * 100)

DOC = KindDoc(
    what=(
        "Checks a printed percentage against the counts it describes: «19 personer, 73 %» of 26 "
        "new cases, or «82 % besvart» when 576 of 3 200 calls were not answered. Give "
        "`percent` and either `part` + `whole` (keys) or `numerator` + `denominator` "
        "(expressions such as `calls - unanswered`); `complement: true` says the percentage "
        "describes whole − part. The test is a granularity test, as in GRIM: the percentage is "
        "consistent when some value it can stand for equals 100 × part / whole. A percentage "
        "printed with d decimals stands for its rounding interval (± half a unit of the last "
        "digit: «73 %» is 72.5–73.5, «73,1 %» is 73.05–73.15), so both half-up and half-even "
        "rounding are accepted; the counts are exact unless printed as approximate. Qualifiers "
        f"widen the interval: «om lag», «ca.», «rundt», «tilnærmet» by ±{_ABOUT} % of the value, "
        f"«drøyt», «over», «minst» up to {_ABOVE} % above it, «nesten», «under» up to {_BELOW} % "
        "below it (see interval.QUALIFIER_TOLERANCE), plus the rounding. The finding shows the "
        "counts, the ratio with two decimals and the interval of the printed percentage."
    ),
    why=(
        "A percentage that does not match its own counts is either a wrong count or a wrong "
        "percentage — a figure copied from last year, computed on another base, or a digit "
        "slip. Readers can recompute it from the numbers printed next to it."
    ),
    example_fails=Example(
        "27 of 40 new cases is 67.50 %, but the report prints 86 % (the digits of 68 swapped).",
        """\
checks:
  - id: cases.forced-labour-share
    kind: percent_of
    title: Andelen tvangsarbeid stemmer med antallet
    percent: figures.labour.share
    part: figures.labour.count
    whole: figures.cases
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.cases,Saker,40,Av 40 nye saker
figures.labour.count,Saker,27,"gjaldt 27 tvangsarbeid (86 %)"
figures.labour.share,Saker,86 %,"gjaldt 27 tvangsarbeid (86 %)"
""",
        },
    ),
    example_passes=Example(
        "2 624 of 3 200 calls were answered (3 200 − 576): 82.00 %, printed as 82 %. The same "
        "check written with the complement and with expressions.",
        """\
checks:
  - id: calls.answer-rate
    kind: percent_of
    title: Svarprosenten stemmer med ubesvarte anrop
    percent: figures.answer_rate
    part: figures.unanswered
    whole: figures.calls
    complement: true
  - id: calls.answer-rate-expr
    kind: percent_of
    title: Svarprosenten stemmer med besvarte anrop
    percent: figures.answer_rate
    numerator: figures.calls - figures.unanswered
    denominator: figures.calls
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.calls,Telefon,3200,Linjen mottok 3200 anrop
figures.answer_rate,Telefon,82%,82% av anropene ble besvart
figures.unanswered,Telefon,576,576 fikk ikke svar
""",
        },
    ),
    fix=(
        "Recompute the percentage from the counts in the source. The finding suggests the "
        "correctly rounded percentage at the printed precision, and names a count or the "
        "percentage when a digit slip (swapped, dropped or doubled digit) explains the "
        "difference. If the percentage has another base than the counts given (of all cases, "
        "not of the new ones), correct the check's `whole`/`denominator`."
    ),
)


# --- the kind ------------------------------------------------------------------------------


@register
class PercentOfKind(Kind):
    name = "percent_of"
    title = "Prosenten stemmer med antallene"
    doc = DOC
    args = {
        "percent": Arg("ref", help="key of the printed percentage"),
        "part": Arg("ref", required=False, help="key of the count the percentage describes"),
        "whole": Arg("ref", required=False, help="key of the count it is a percentage of"),
        "numerator": Arg(
            "expr", required=False, help="expression for the part, e.g. calls - unanswered"
        ),
        "denominator": Arg("expr", required=False, help="expression for the whole"),
        "complement": Arg(
            "bool", required=False, default=False, help="the percentage describes whole − part"
        ),
    }
    messages = {
        "pass": Template(
            "{label}: {part} / {whole} = {ratio} %, og trykt {percent} står for {interval} %",
            "{label}: {part} / {whole} = {ratio} %, and the printed {percent} stands for "
            "{interval} %",
        ),
        "fail": Template(
            "{label}: {part} / {whole} = {ratio} %, men trykt {percent} står for {interval} % "
            "(riktig avrundet: {rounded}){why_nb}",
            "{label}: {part} / {whole} = {ratio} %, but the printed {percent} stands for "
            "{interval} % (correctly rounded: {rounded}){why_en}",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        refs = args["part"] is not None or args["whole"] is not None
        exprs = args["numerator"] is not None or args["denominator"] is not None
        if refs == exprs:
            raise ConfigError(
                f"{where}: check {check_id!r} (percent_of): give either part and whole (keys) "
                "or numerator and denominator (expressions)"
            )
        if refs and None in (args["part"], args["whole"]):
            raise ConfigError(
                f"{where}: check {check_id!r} (percent_of): part and whole go together"
            )
        if exprs and None in (args["numerator"], args["denominator"]):
            raise ConfigError(
                f"{where}: check {check_id!r} (percent_of): numerator and denominator go together"
            )

    def operand(self, ref_arg: str, expr_arg: str) -> Operand:
        """A count of the ratio: the key ``ref_arg`` if given, else the expression ``expr_arg``."""
        ref = self.check.args[ref_arg]
        return self.figure_operand(ref) if ref is not None else self.expression_operand(expr_arg)

    def evaluate(self) -> list[Finding]:
        complement = self.check.args["complement"]
        percent = self.figure(self.check.args["percent"])
        quantity = require_percent(percent)
        part = self.operand("part", "numerator")
        whole = self.operand("whole", "denominator")
        if whole.interval.lo <= 0:
            raise CannotEvaluate(
                f"the whole {whole.text} is {_value_text(whole.interval)}: "
                "a percentage of it is undefined"
            )
        ratio = Interval.exact(100) * part.interval / whole.interval
        if complement:  # 100 − 100 × part / whole names the whole once: a tighter interval
            ratio = Interval.exact(100) - ratio
        stated = percent.interval()
        passed = ratio.overlaps(stated)
        rounded = round_to(ratio.mid, quantity.decimals)
        shown_part = f"({whole.text} − {part.text})" if complement else part.text
        params = {
            "label": percent.ref,
            "part": shown_part,
            "whole": whole.text,
            "ratio": two_decimals(ratio),
            "percent": f"«{percent.text}»",
            "interval": printed_interval(stated, quantity),
            "rounded": percent_text(rounded, quantity.decimals),
            "why_nb": "",
            "why_en": "",
        }
        suggestion = None
        if not passed:
            suggestion = f"{percent.ref} = {percent_text(rounded, quantity.decimals)}"
            slips = self.slips(percent, quantity, part, whole, ratio, stated)
            slip = unique_slip(slips, percent)
            if slip:
                params.update(slip.why_params())
                if slip.figure != percent:
                    suggestion = f"{slip.figure.ref} = {slip.shown} / {suggestion}"
        return [
            self.finding(
                passed,
                "pass" if passed else "fail",
                located((percent,), part.used, whole.used),
                params=params,
                expected=f"{two_decimals(ratio)} % ≈ {percent_text(rounded, quantity.decimals)}",
                actual=str(percent.text),
                difference=two_decimals(quantity.value - ratio.mid),
                tolerance=f"{printed_interval(stated, quantity)} % ({tolerance_text(quantity)})",
                suggestion=suggestion,
            )
        ]

    def slips(self, percent, quantity, part, whole, ratio, stated) -> list[Slip]:
        """Digit slips in the percentage, the part or the whole that would reconcile them."""
        complement = self.check.args["complement"]
        found = slips_of(
            percent,
            grid(ratio, quantity.decimals, quantity.half_unit),
            lambda v: percent_text(v, quantity.decimals),
        )
        if not (part.interval.is_exact and whole.interval.is_exact):
            return found
        p, w = part.interval.lo, whole.interval.lo
        share = Interval(stated.lo / 100, stated.hi / 100)
        if part.figure is not None and is_exact_count(part.figure.quantity()):
            # part / w in share  (complement: (w - part) / w in share)
            span = Interval.exact(w) * share
            if complement:
                span = Interval.exact(w) - span
            found += slips_of(part.figure, grid(span, 0, Decimal(0)), fmt_exact)
        if whole.figure is not None and is_exact_count(whole.figure.quantity()):
            # p / whole in share  (complement: p / whole in 1 - share)
            base = Interval.exact(1) - share if complement else share
            if base.lo > 0:
                span = Interval.exact(p) / base
                found += slips_of(whole.figure, grid(span, 0, Decimal(0)), fmt_exact)
        return found


def _value_text(value: Interval) -> str:
    return fmt(value, 2)
