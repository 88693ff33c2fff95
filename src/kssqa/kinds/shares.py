"""shares — percentages that divide a whole add up to it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ..data import Figure
from ..findings import Finding, Severity
from ..interval import Interval
from ..messages import Template, local, per_language
from . import register
from .base import FIGURES_SCHEMA, Arg, Example, Kind, KindDoc, fmt, fmt_exact
from .rounding import Slip, percent_text, require_percent, round_to, slips_of, unique_slip

DOC = KindDoc(
    what=(
        "Checks that printed percentages which divide one whole (who called: victims, "
        "relatives, services; women/men; told others yes/no/not stated) add up to it: `parts` "
        "are the keys of the percentages, `whole` is what they should add up to (default 100). "
        "Each part stands for its rounding interval (`21 %` is 20.5–21.5; a qualifier such as "
        "«om lag» widens it), so k parts printed as whole percents may legitimately add up to "
        "anything within 100 ± k × 0.5. The check fails when the sum misses the whole by more "
        "than that — saying how many percentage points are not accounted for — or exceeds it. "
        "Set `complete: true` when the breakdown is complete — the text presents the parts as "
        "the whole distribution, or its categories leave nothing out («ja», «nei», «ikke "
        "oppgitt»): the gap is then an error whatever the check's `severity` (a check left at "
        "`warning` for breakdowns that may omit an «other» share), and the finding says that the "
        "text contradicts itself rather than that a category is missing."
    ),
    why=(
        "Shares that do not reach 100 % leave the reader asking who the rest are; shares above "
        "100 % are impossible for categories that exclude each other. Both usually mean a "
        "category left out of the text, or a share mistyped or copied from last year."
    ),
    example_fails=Example(
        "64 % + 21 % + 3 % = 88 %: even with rounding the three shares are at most 89.5 %, so 12 "
        "percentage points are not accounted for. «Ja», «nei» and «ikke oppgitt» leave nobody "
        "out, yet add up to 93 %: declared complete, that gap is an error although the check "
        "is a warning.",
        """\
checks:
  - id: callers.who-called
    kind: shares
    title: Hvem ringte inn summerer til 100 %
    parts: [figures.callers.victims, figures.callers.relatives, figures.callers.services]
  - id: victims.told-others
    kind: shares
    title: Fortalt til andre summerer til 100 %
    severity: warning
    parts: [figures.told.yes, figures.told.no, figures.told.unknown]
    complete: true
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.callers.victims,Telefon,64 %,"64 % utsatte, 21 % pårørende og 3 % hjelpeapparat"
figures.callers.relatives,Telefon,21 %,"64 % utsatte, 21 % pårørende og 3 % hjelpeapparat"
figures.callers.services,Telefon,3 %,"64 % utsatte, 21 % pårørende og 3 % hjelpeapparat"
figures.told.yes,Telefon,62 %,"62 % ja, 11 % nei og 20 % ikke oppgitt"
figures.told.no,Telefon,11 %,"62 % ja, 11 % nei og 20 % ikke oppgitt"
figures.told.unknown,Telefon,20 %,"62 % ja, 11 % nei og 20 % ikke oppgitt"
""",
        },
    ),
    example_passes=Example(
        "58 % + 13 % + 28 % = 99 %: three shares rounded to whole percents can add up to "
        "97.5–100.5 %, so 100 % is possible. The split of 50 % by a «hvorav» share passes too.",
        """\
checks:
  - id: victims.told-others
    kind: shares
    title: Fortalt til andre summerer til 100 %
    parts: [figures.told.yes, figures.told.no, figures.told.unknown]
    complete: true
  - id: victims.ongoing-split
    kind: shares
    title: Pågående vold fordelt på med og uten fortsettelsesvold
    parts: [figures.ongoing.continued, figures.ongoing.other]
    whole: 50
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.told.yes,Telefon,58 %,"58 % ja, 13 % nei og 28 % ikke oppgitt"
figures.told.no,Telefon,13 %,"58 % ja, 13 % nei og 28 % ikke oppgitt"
figures.told.unknown,Telefon,28 %,"58 % ja, 13 % nei og 28 % ikke oppgitt"
figures.ongoing.continued,Telefon,"12,5 %","halvparten, hvorav 12,5 % med og 37,5 % uten"
figures.ongoing.other,Telefon,"37,5 %","halvparten, hvorav 12,5 % med og 37,5 % uten"
""",
        },
    ),
    fix=(
        "Look up the distribution in the source: name the missing category in the text (e.g. "
        "«annet» or «ikke oppgitt»), or correct the share that is wrong — the finding names one "
        "when a single digit slip would make the shares add up. If the categories overlap (a "
        "person can be in several), the shares need not add up and the check does not apply."
    ),
)


@register
class SharesKind(Kind):
    name = "shares"
    title = "Andeler dekker helheten"
    title_en = "Shares cover the whole"
    summary = (
        "percentages that should cover a whole reach 100 % within their rounding (a gap "
        "in a breakdown declared complete is an error)"
    )
    doc = DOC
    args = {
        "parts": Arg("refs", help="keys of the printed percentages that divide the whole"),
        "whole": Arg(
            "number", required=False, default=100, help="what the parts add up to, in percent"
        ),
        "complete": Arg(
            "bool",
            required=False,
            default=False,
            help="the breakdown is complete (nothing left out): a gap is an error",
        ),
    }
    messages = {
        "pass": Template(
            "{parts} = {sum}; med avrunding av {count} trykte andeler kan summen være "
            "{interval} %, som rommer {whole} %",
            "{parts} = {sum}; allowing for the rounding of {count} printed shares the sum can be "
            "{interval} %, which includes {whole} %",
        ),
        "short": Template(
            "{parts} = {sum}; {missing} prosentpoeng av {whole} % er ikke fordelt (med "
            "avrunding av {count} trykte andeler er summen høyst {bound} %){claim_nb}{why}",
            "{parts} = {sum}; {missing} percentage points of {whole} % are not accounted for "
            "(allowing for the rounding of {count} printed shares the sum is at most "
            "{bound} %){claim_en}{why}",
        ),
        "over": Template(
            "{parts} = {sum}, {excess} prosentpoeng mer enn {whole} % (med avrunding av "
            "{count} trykte andeler er summen minst {bound} %){claim_nb}{why}",
            "{parts} = {sum}, {excess} percentage points more than {whole} % (allowing for the "
            "rounding of {count} printed shares the sum is at least {bound} %){claim_en}{why}",
        ),
    }
    CLAIM = {
        "nb": " — teksten oppgir delene som hele fordelingen",
        "en": " — the text presents the parts as the whole distribution",
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        if len(args["parts"]) < 2:
            raise ConfigError(f"{where}: check {check_id!r} (shares): give at least two parts")
        if len(set(args["parts"])) != len(args["parts"]):
            raise ConfigError(f"{where}: check {check_id!r} (shares): a part is listed twice")
        try:
            whole = Decimal(str(args["whole"]))
        except InvalidOperation:
            whole = None
        if whole is None or not whole.is_finite() or whole <= 0:
            raise ConfigError(
                f"{where}: check {check_id!r} (shares): whole must be a positive number, "
                f"got {args['whole']!r}"
            )

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        whole = Decimal(str(args["whole"]))
        parts = self.figures(args["parts"])
        quantities = [require_percent(p) for p in parts]
        summed = Interval.exact(0)
        for part in parts:
            summed = summed + part.interval()
        printed = sum((q.value for q in quantities), Decimal(0))
        decimals = max(q.decimals for q in quantities)
        passed = summed.contains(whole)
        params = {
            "parts": " + ".join(f"{p.text}" for p in parts),
            "sum": percent_text(printed, decimals),
            "count": len(parts),
            "interval": summed.text(decimals + 2),
            "whole": fmt_exact(whole),
            "missing": fmt_exact(whole - printed),
            "excess": fmt_exact(printed - whole),
            "bound": fmt(summed.hi if summed.hi < whole else summed.lo, decimals + 2),
            "claim_nb": self.CLAIM["nb"] if args["complete"] else "",
            "claim_en": self.CLAIM["en"] if args["complete"] else "",
            "why": "",
        }
        suggestion = None
        if not passed:
            slip = unique_slip(self.slips(parts, quantities, whole), tuple(parts))
            if slip:
                params.update(slip.why_params("; "))
                suggestion = slip.edit()
        code = "pass" if passed else ("short" if summed.hi < whole else "over")
        finding = self.finding(
            passed,
            code,
            parts,
            params=params,
            expected=local("{whole} %", whole=fmt_exact(whole)),
            actual=percent_text(printed, decimals),
            difference=fmt_exact(printed - whole),
            tolerance=local(
                "avrunding av {n} trykte andeler: summen kan være {span} %",
                "rounding of {n} printed shares: the sum may be {span} %",
                n=len(parts),
                span=per_language(lambda lang: summed.text(decimals + 2, lang)),
            ),
            suggestion=suggestion,
        )
        if not passed and args["complete"]:
            # a complete breakdown that does not add up contradicts itself: an error
            finding = replace(finding, severity=Severity.ERROR)
        return [finding]

    def slips(self, parts: list[Figure], quantities, whole: Decimal) -> list[Slip]:
        """Parts that a digit slip away from whole − (the others) would make the sum whole."""
        printed = sum((q.value for q in quantities), Decimal(0))
        found = []
        for part, quantity in zip(parts, quantities, strict=True):
            intended = round_to(whole - (printed - quantity.value), quantity.decimals)
            found += slips_of(part, [intended], lambda v, d=quantity.decimals: percent_text(v, d))
        return found
