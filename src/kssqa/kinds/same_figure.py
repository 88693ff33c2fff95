"""same_figure — one figure printed in several places has one value everywhere."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from ..data import Figure
from ..findings import Finding
from ..interval import Interval
from ..messages import Template, local, replacement
from ..numbers import DateSpan
from ..typo import describe, typo_kind
from . import register
from .base import (
    FIGURES_SCHEMA,
    ROUNDING,
    Arg,
    CannotEvaluate,
    Example,
    Kind,
    KindDoc,
    fmt,
    fmt_exact,
)

DOC = KindDoc(
    what=(
        "Checks that a figure printed in several places (`figures`: two or more keys) has the "
        "same value everywhere. Each printed value stands for an interval — `49%` for 48.5–49.5, "
        "`tilnærmet 49%` for about 49 %, a plain count for itself — and the check passes when "
        "one value lies in all of them, so a rounded and an exact printing of the same figure "
        "agree. Dates are compared the same way (a date range stands for its days). When they "
        "do not agree, one finding names every place with its printed text, the value printed "
        "in most places is suggested and a digit slip is pointed out where one explains the "
        "difference. Units are not compared: `49` and `49 %` are the same number."
    ),
    why=(
        "The same figure is often repeated — in the leader's summary, in the chapter and in a "
        "table — and corrected in only one of them. Two different printings of one figure "
        "undermine every figure of the report."
    ),
    example_fails=Example(
        "The number of contacts is 1 814 in the summary, but 1 184 (two digits swapped) in the "
        "chapter and 1 814 in the table.",
        """\
checks:
  - id: vo.contacts-same-everywhere
    kind: same_figure
    title: Antall henvendelser er likt i sammendraget, kapitlet og tabellen
    figures: [figures.contacts.summary, figures.contacts.chapter, figures.contacts.table]
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.contacts.summary,Oppsummering,1 814,VO-linjen mottok 1 814 henvendelser
figures.contacts.chapter,VO-linjen,1 184,I 2025 mottok VO-linjen 1 184 henvendelser
figures.contacts.table,VO-linjen > Tabell,1 814,Totalt | 1 814
""",
        },
    ),
    example_passes=Example(
        "The growth in followers is printed as 49% in one place and «tilnærmet 49%» in another: "
        "both can stand for the same value.",
        """\
checks:
  - id: linkedin.growth-same-everywhere
    kind: same_figure
    title: Veksten i følgere er lik i oppsummeringen og i kapitlet
    figures: [figures.growth.summary, figures.growth.chapter]
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.growth.summary,Oppsummering,49%,LinkedIn-følgerne økte med 49%
figures.growth.chapter,Tall fra LinkedIn:,tilnærmet 49%,en økning i antall følgere på tilnærmet 49%
""",
        },
    ),
    fix=(
        "Find the right value in the source and print it the same way everywhere (the finding "
        "suggests the value printed in most places, which is not necessarily the right one). "
        "If the places in fact print different figures (another year, another population), the "
        "check is wrong: remove the key that does not belong."
    ),
)


@register
class SameFigureKind(Kind):
    name = "same_figure"
    title = "Samme tall er likt alle steder det er trykt"
    title_en = "One figure is the same wherever it is printed"
    summary = "one figure printed in several places has one value"
    doc = DOC
    args = {
        "figures": Arg("refs", help="keys of the places the figure is printed (two or more)"),
    }
    messages = {
        "pass": Template(
            "samme tall alle steder: {places}; alle kan stå for {common}",
            "the same figure everywhere: {places}; all can stand for {common}",
        ),
        "fail": Template(
            "samme tall er trykt ulikt: {places}; ingen verdi passer alle{majority}",
            "the same figure is printed differently: {places}; no value fits all{majority}",
        ),
        "majority": Template(
            " (flest steder, {count} av {total}: «{text}»){slips_nb}",
            " (most places, {count} of {total}: «{text}»){slips_en}",
        ),
        "no_majority": Template(
            " (ingen verdi er trykt flere steder enn de andre)",
            " (no value is printed in more places than the others)",
        ),
        "slip": Template("{ref}: {slip}", "{ref}: {slip}"),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        refs = args["figures"]
        if len(refs) < 2:
            raise ConfigError(
                f"{where}: check {check_id!r} (same_figure): figures needs two or more keys"
            )
        repeated = sorted({r for r in refs if refs.count(r) > 1})
        if repeated:
            raise ConfigError(
                f"{where}: check {check_id!r} (same_figure): figures names "
                f"{', '.join(repeated)} twice"
            )

    def evaluate(self) -> list[Finding]:
        figures = self.figures(self.check.args["figures"])
        dates = [isinstance(f.value, DateSpan) for f in figures]
        if any(dates) and not all(dates):
            raise CannotEvaluate("some figures are dates and some are not")
        is_date = all(dates)
        intervals = [self.date_interval(f) if is_date else f.interval() for f in figures]
        lo, hi = max(i.lo for i in intervals), min(i.hi for i in intervals)
        passed = lo <= hi
        show = self.show_date if is_date else fmt
        places = ", ".join(
            f"«{f.text}» ({f.ref})" + ("" if i.is_exact or is_date else f" = {fmt(i)}")
            for f, i in zip(figures, intervals, strict=True)
        )
        params: dict[str, Any] = {"places": places}
        fields: dict[str, Any] = {"actual": " / ".join(str(f.text) for f in figures)}
        if passed:
            params["common"] = show(Interval(lo, hi))
            fields["expected"] = show(Interval(lo, hi))
        else:
            params.update(self.majority(figures, intervals, is_date, fields))
            spread = max(i.mid for i in intervals) - min(i.mid for i in intervals)
            if is_date:
                fields["difference"] = local("{s} d", s=fmt_exact(spread))
            else:
                values = [f.quantity().value for f in figures]
                fields["difference"] = fmt_exact(max(values) - min(values))
        return [
            self.finding(
                passed,
                "pass" if passed else "fail",
                figures,
                params=params,
                tolerance=ROUNDING,
                details={
                    "intervals": {f.ref: show(i) for f, i in zip(figures, intervals, strict=True)}
                },
                **fields,
            )
        ]

    def majority(
        self, figures: list[Figure], intervals: list[Interval], is_date: bool, fields: dict
    ) -> dict[str, str]:
        """The value printed in most places, and what the others would have to be."""
        values = [self.value_of(f, is_date) for f in figures]
        counts = Counter(values).most_common()
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            text = self.messages["no_majority"].render()
            return {"majority": text}
        value, count = counts[0]
        model = figures[values.index(value)]
        fields["expected"] = str(model.text)
        odd = [
            f
            for f, i, v in zip(figures, intervals, values, strict=True)
            if (v != value if is_date else not i.contains(value))
        ]
        fields["suggestion"] = "; ".join(
            dict.fromkeys(replacement(f.text, model.text) for f in odd)
        )
        slips = {"nb": "", "en": ""}
        for figure in odd:
            slip = None if is_date else typo_kind(figure.text, value)
            if slip == "one_digit" and abs(figure.quantity().value - value) < 10:
                slip = None  # two one-digit numbers always differ by "one digit"
            if slip:
                for lang in slips:
                    text = self.messages["slip"].render(ref=figure.ref, slip=describe(slip)[lang])
                    slips[lang] += f"; {text[lang]}"
        text = self.messages["majority"].render(
            count=count,
            total=len(figures),
            text=model.text,
            slips_nb=slips["nb"],
            slips_en=slips["en"],
        )
        return {"majority": text}

    # --- dates -----------------------------------------------------------------------------

    @staticmethod
    def date_interval(figure: Figure) -> Interval:
        span = figure.date()
        return Interval(Decimal(span.start.toordinal()), Decimal(span.end.toordinal()))

    @staticmethod
    def show_date(interval: Interval) -> str:
        start, end = (date.fromordinal(int(x)) for x in (interval.lo, interval.hi))
        text = f"{start.day}.{start.month}.{start.year}"
        if start != end:
            text += f"–{end.day}.{end.month}.{end.year}"
        return text

    @staticmethod
    def value_of(figure: Figure, is_date: bool) -> Any:
        if is_date:
            span = figure.date()
            return (span.start, span.end)
        return figure.quantity().value
