"""percent_of — a printed percentage agrees with the counts it describes."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..interval import QUALIFIER_TOLERANCE, Interval
from ..messages import Template, local, per_language
from ..numbers import printed_like
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
    ROUNDING_MODES,
    Slip,
    grid,
    is_exact_count,
    located,
    percent_text,
    printed_interval,
    require_percent,
    round_to,
    rounds_to,
    share,
    slips_of,
    stands_for,
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
        "counts, the ratio with two decimals and the interval of the printed percentage. "
        "Where the source documents how it rounds, `rounding` says so — `half_up`, "
        "`half_even`, `floor`, `ceiling` or `truncate` (toward zero) — and an exact ratio must "
        "round to the printed figure exactly that way (`floor`: «73 %» stands for 73–74 %); the "
        "default, `either`, admits either neighbour of a tie. With the whole only (`whole` "
        "without `part`, or `denominator` without `numerator`) — a percentage printed with its "
        "base but not its count, «48 % of the 31 new cases» — the test is GRIM's: is there a "
        "count k from 0 to the whole whose share 100 × k / whole can be printed as the "
        "percentage at its printed precision (and rounding)? The whole must then be an exact "
        "count; the finding names the counts that fit, or the two nearest and the step a share "
        "of that whole moves in. On a plain table — an export with one row per contact or per "
        "member, without keys — `part` and `whole` may count rows: `{table, where, contains, "
        "match}` (the filter of the count kind; `{table}` alone is every row), so a printed "
        "share is compared with the share of rows that match; `{table, where, column}` reads "
        "one row's cell instead, and `percent` may be given that way too."
    ),
    why=(
        "A percentage that does not match its own counts is either a wrong count or a wrong "
        "percentage — a figure copied from last year, computed on another base, or a digit "
        "slip. Readers can recompute it from the numbers printed next to it."
    ),
    example_fails=Example(
        "27 of 40 new cases is 67.50 %, but the report prints 86 % (the digits of 68 swapped). "
        "And no count of the 40 cases is 49 % of them: 19 of 40 is 47.5 %, 20 of 40 is 50 %.",
        """\
checks:
  - id: cases.forced-labour-share
    kind: percent_of
    title: Andelen tvangsarbeid stemmer med antallet
    percent: figures.labour.share
    part: figures.labour.count
    whole: figures.cases
  - id: cases.south-america-share
    kind: percent_of
    title: Andelen fra Sør-Amerika kan være en andel av de nye sakene
    percent: figures.south_america.share
    whole: figures.cases
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.cases,Saker,40,Av 40 nye saker
figures.labour.count,Saker,27,"gjaldt 27 tvangsarbeid (86 %)"
figures.labour.share,Saker,86 %,"gjaldt 27 tvangsarbeid (86 %)"
figures.south_america.share,Saker,49 %,49 % kom fra Sør-Amerika
""",
        },
    ),
    example_passes=Example(
        "2 624 of 3 200 calls were answered (3 200 − 576): 82.00 %, printed as 82 %. The same "
        "check written with the complement and with expressions. 48 % of 31 new cases, the "
        "count not printed, is possible: 15 of 31 is 48.39 %; and a source that truncates "
        "prints 1 of 3 as 33,3 %.",
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
  - id: cases.south-america-share
    kind: percent_of
    title: Andelen fra Sør-Amerika kan være en andel av de nye sakene
    percent: figures.south_america.share
    whole: figures.cases
  - id: survey.truncated-share
    kind: percent_of
    title: Andelen som svarte, avkortet som kilden gjør
    percent: figures.survey.share
    part: figures.survey.answered
    whole: figures.survey.asked
    rounding: truncate
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.calls,Telefon,3200,Linjen mottok 3200 anrop
figures.answer_rate,Telefon,82%,82% av anropene ble besvart
figures.unanswered,Telefon,576,576 fikk ikke svar
figures.cases,Saker,31,Av 31 nye saker
figures.south_america.share,Saker,48%,Nesten halvparten (48%) kom fra Sør-Amerika
figures.survey.asked,Kurs,3,3 fikk skjemaet
figures.survey.answered,Kurs,1,1 svarte
figures.survey.share,Kurs,"33,3 %","33,3 % svarte"
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
    title_en = "The percentage matches the counts"
    summary = (
        "a printed percentage is a count divided by another, or with the whole only a "
        "share some count of it gives (granularity test, GRIM); counts may be rows of a "
        "plain table; a documented rounding"
    )
    doc = DOC
    args = {
        "percent": Arg(
            "figure",
            help="the printed percentage: its key, or {table, where, column} (no keys)",
        ),
        "part": Arg(
            "count",
            required=False,
            help="the count the percentage describes: a key, or {table, where, contains, "
            "match}: the number of rows that match",
        ),
        "whole": Arg(
            "count",
            required=False,
            help="the count it is a percentage of: a key, or {table, where, ...}: rows",
        ),
        "numerator": Arg(
            "expr", required=False, help="expression for the part, e.g. calls - unanswered"
        ),
        "denominator": Arg("expr", required=False, help="expression for the whole"),
        "complement": Arg(
            "bool", required=False, default=False, help="the percentage describes whole − part"
        ),
        "rounding": Arg(
            "text",
            required=False,
            default="either",
            help="how the source rounds: either (a tie either way), half_up, half_even, floor, "
            "ceiling or truncate",
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
            "(riktig avrundet: {rounded}){why}",
            "{label}: {part} / {whole} = {ratio} %, but the printed {percent} stands for "
            "{interval} % (correctly rounded: {rounded}){why}",
        ),
        "grain_pass": Template(
            "{label}: trykt {percent} ({interval} %) kan være en andel av {whole}: {fits}",
            "{label}: the printed {percent} ({interval} %) can be a share of {whole}: {fits}",
        ),
        "grain_fail": Template(
            "{label}: ingen telling av {whole} gir trykt {percent} ({interval} %): nærmest er "
            "{nearest}; en andel av {whole} går i trinn på {step} prosentpoeng",
            "{label}: no count of {whole} gives the printed {percent} ({interval} %): the "
            "nearest are {nearest}; a share of {whole} moves in steps of {step} percentage points",
        ),
    }
    # counts named in a message: the first few that fit
    MAX_COUNTS = 3

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        def bad(message: str) -> ConfigError:
            return ConfigError(f"{where}: check {check_id!r} (percent_of): {message}")

        refs = args["part"] is not None or args["whole"] is not None
        exprs = args["numerator"] is not None or args["denominator"] is not None
        if refs == exprs:
            raise bad(
                "give either whole (and part), keys, or denominator (and numerator), expressions"
            )
        if args["part"] is not None and args["whole"] is None:
            raise bad("a part needs its whole")
        if args["numerator"] is not None and args["denominator"] is None:
            raise bad("a numerator needs its denominator")
        if args["complement"] and args["part"] is None and args["numerator"] is None:
            raise bad("complement needs the part (or the numerator)")
        if args["rounding"] not in ROUNDING_MODES:
            modes = ", ".join(ROUNDING_MODES)
            raise bad(f"rounding must be one of {modes}, got {args['rounding']!r}")

    def operand(self, ref_arg: str, expr_arg: str) -> Operand:
        """A count of the ratio: the key ``ref_arg`` if given, else the expression ``expr_arg``."""
        ref = self.check.args[ref_arg]
        return self.count_operand(ref) if ref is not None else self.expression_operand(expr_arg)

    def stated(self, percent, quantity) -> Interval:
        """The values the printed percentage stands for, under the check's rounding."""
        mode = self.check.args["rounding"]
        if mode == "either" or quantity.qualifier:  # a qualifier says more than the rounding
            return percent.interval()
        return stands_for(quantity, mode)

    def fits(self, ratio: Interval, quantity, stated: Interval) -> bool:
        """Can the ratio be printed as the percentage? Exactly so when both are exact."""
        mode = self.check.args["rounding"]
        if mode == "either" or quantity.qualifier or not ratio.is_exact:
            return ratio.overlaps(stated)
        return rounds_to(ratio.lo, quantity.decimals, mode) == quantity.value

    def rounded(self, value: Decimal, decimals: int) -> Decimal:
        mode = self.check.args["rounding"]
        return round_to(value, decimals) if mode == "either" else rounds_to(value, decimals, mode)

    def evaluate(self) -> list[Finding]:
        complement = self.check.args["complement"]
        percent = self.figure(self.check.args["percent"])
        quantity = require_percent(percent)
        whole = self.operand("whole", "denominator")
        if whole.interval.lo <= 0:
            raise CannotEvaluate(
                f"the whole {whole.text} is {_value_text(whole.interval)}: "
                "a percentage of it is undefined"
            )
        stated = self.stated(percent, quantity)
        if self.check.args["part"] is None and self.check.args["numerator"] is None:
            return [self.granularity(percent, quantity, whole, stated)]
        part = self.operand("part", "numerator")
        ratio = Interval.exact(100) * part.interval / whole.interval
        if complement:  # 100 − 100 × part / whole names the whole once: a tighter interval
            ratio = Interval.exact(100) - ratio
        passed = self.fits(ratio, quantity, stated)
        rounded = self.rounded(ratio.mid, quantity.decimals)
        shown_part = f"({whole.text} − {part.text})" if complement else part.text
        params = {
            "label": percent.ref,
            "part": shown_part,
            "whole": whole.text,
            "ratio": two_decimals(ratio),
            "percent": f"«{percent.text}»",
            "interval": printed_interval(stated, quantity),
            "rounded": percent_text(rounded, quantity.decimals),
            "why": "",
        }
        suggestion = None
        if not passed:
            suggestion = printed_like(percent.text, rounded, quantity.decimals, "%")
            slips = self.slips(percent, quantity, part, whole, ratio, stated)
            slip = unique_slip(slips, percent)
            if slip:
                params.update(slip.why_params())
                if slip.figure != percent:  # the smallest edit: one slip in another figure
                    suggestion = slip.edit()
        return [
            self.finding(
                passed,
                "pass" if passed else "fail",
                located((percent,), part.used, whole.used),
                params=params,
                expected=local(
                    "{ratio} % ≈ {rounded}",
                    ratio=two_decimals(ratio),
                    rounded=percent_text(rounded, quantity.decimals),
                ),
                actual=str(percent.text),
                difference=two_decimals(quantity.value - ratio.mid),
                tolerance=local(
                    "{span} % ({why})",
                    span=printed_interval(stated, quantity),
                    why=tolerance_text(quantity),
                ),
                suggestion=suggestion,
            )
        ]

    def granularity(self, percent, quantity, whole: Operand, stated: Interval) -> Finding:
        """GRIM without the count: is there a count k of the whole whose share of it can be
        printed as the percentage?"""
        n = whole.interval.lo
        if not whole.interval.is_exact or n != n.to_integral_value():
            raise CannotEvaluate(
                f"the whole {whole.text} is not an exact count: without the part, the "
                "percentage can only be tested against a whole number of cases"
            )
        n = int(n)
        first = max(0, int(stated.lo * n / 100) - 1)
        last = min(n, int(stated.hi * n / 100) + 2)
        fitting = [
            k
            for k in range(first, last + 1)
            if self.fits(Interval.exact(share(k, n)), quantity, stated)
        ]
        interval = printed_interval(stated, quantity)
        params = {
            "label": percent.ref,
            "percent": f"«{percent.text}»",
            "interval": interval,
            "whole": whole.text,
        }
        located_figures = located((percent,), whole.used)
        if fitting:
            fits = ", ".join(
                f"{k} / {whole.text} = {two_decimals(share(k, n))} %"
                for k in fitting[: self.MAX_COUNTS]
            )
            return self.finding(
                True,
                "grain_pass",
                located_figures,
                params={**params, "fits": fits},
                expected=f"k / {n}, k = 0…{n}",
                actual=str(percent.text),
                tolerance=local("{span} % ({why})", span=interval, why=tolerance_text(quantity)),
                details={"counts": fitting},
            )
        below = min(n, max(0, int(quantity.value * n / 100)))
        neighbours = [k for k in (below, below + 1) if 0 <= k <= n]
        nearest = per_language(
            lambda lang: " / ".join(
                f"{k} / {whole.text} = {two_decimals(share(k, n)).localize(lang)} %"
                for k in neighbours
            )
        )
        return self.finding(
            False,
            "grain_fail",
            located_figures,
            params={**params, "nearest": nearest, "step": two_decimals(share(1, n))},
            expected=f"k / {n}, k = 0…{n}",
            actual=str(percent.text),
            tolerance=local("{span} % ({why})", span=interval, why=tolerance_text(quantity)),
            suggestion=" / ".join(
                dict.fromkeys(
                    printed_like(
                        percent.text,
                        self.rounded(share(k, n), quantity.decimals),
                        quantity.decimals,
                    )
                    for k in neighbours
                )
            ),
            details={"nearest_counts": neighbours},
        )

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
