"""restated — a figure about last year is printed as last year's report printed it."""

from __future__ import annotations

import re
from typing import Any

from ..data import DataError, Figure, Pending
from ..findings import Finding
from ..messages import Template
from ..numbers import DateSpan, Quantity
from . import register
from .base import COMMON_MESSAGES, FIGURES_SCHEMA, Arg, Example, Kind, KindDoc

YEAR_SCHEMA = """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  year: {type: integer}
  value: {type: quantity}
  quote: {type: text}
"""

DOC = KindDoc(
    what=(
        'Checks that a figure printed this year about the year before ("fra 278 i 2025 til 341 '
        'i 2026", "Totalt antall treff: 167 (2025: 224)") equals what last year\'s report '
        "printed for the same figure. Last year's figures are read from last year's inputs "
        "(`inputs/<year-1>/`, the same schemas), and the same figure is the row with the same "
        "key — the convention `kssqa new-year` keeps. `tables` names tables whose rows about "
        "the year before (their `year` column, or `year_column`) are all restatements; "
        "`figures` names single keys. Printed values are compared as the intervals they stand "
        "for, so «drøyt 1800» restates «1 814», while «1 841» does not; dates compare as "
        "dates, text as text. A mismatch quotes both reports, with their files and lines, and "
        "suggests last year's printed value. Without inputs for last year the check is skipped, "
        "not failed."
    ),
    why=(
        "Last year's figures are copied into this year's text by hand, often from a draft or "
        "a spreadsheet rather than from the published report; a restated figure that differs "
        "from what was published makes both reports doubtful, and the change computed from it "
        "is wrong too."
    ),
    example_fails=Example(
        "The 2025 report says the hotline had 1 323 contacts in 2024; the 2024 report printed "
        "1 233 (two digits swapped).",
        """\
checks:
  - id: rosa.prior-year-contacts
    kind: restated
    title: Fjorårets henvendelser er gjengitt slik fjorårets årsmelding trykket dem
    figures: [figures.hotline.$prior]
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.hotline.2025,ROSA,1 814,Hjelpelinjen fikk 1 814 henvendelser i 2025 mot 1 323 i 2024
figures.hotline.2024,ROSA,1 323,Hjelpelinjen fikk 1 814 henvendelser i 2025 mot 1 323 i 2024
""",
            "inputs/2024/figures.csv": """\
key,section,value,quote
figures.hotline.2024,ROSA,1 233,I 2024 fikk hjelpelinjen 1 233 henvendelser
""",
        },
    ),
    example_passes=Example(
        "Every row of the table about 2024 is restated as the 2024 report printed it: the "
        "count exactly, the share «drøyt 9 %» where 9,4 % was printed.",
        """\
checks:
  - id: figures.prior-year
    kind: restated
    title: Fjorårets tall er gjengitt slik fjorårets årsmelding trykket dem
    tables: [figures]
""",
        {
            "schemas/figures.yaml": YEAR_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,year,value,quote
figures.hits.2025,Media,2025,167,Totalt antall treff: 167 (2024: 224)
figures.hits.2024,Media,2024,224,Totalt antall treff: 167 (2024: 224)
figures.growth.2024,Nettsiden,2024,drøyt 9 %,I 2024 vokste besøket med drøyt 9 %
""",
            "inputs/2024/figures.csv": """\
key,section,year,value,quote
figures.hits.2024,Media,2024,224,Totalt antall treff: 224 (2023: 201)
figures.growth.2024,Nettsiden,2024,"9,4 %","Besøket vokste med 9,4 %"
""",
        },
    ),
    fix=(
        "Copy the figure from last year's published report (the finding quotes it, with its "
        "file and line). If last year's report was wrong and this year's text corrects it on "
        "purpose, say so in the text and waive the finding with that reason. If the two rows "
        "are in fact different figures, give this year's row another key."
    ),
)

_SPACES = re.compile(r"\s+")


def _same_text(this: str | None, last: str | None) -> bool:
    return _SPACES.sub(" ", str(this or "")).strip() == _SPACES.sub(" ", str(last or "")).strip()


@register
class RestatedKind(Kind):
    name = "restated"
    title = "Fjorårets tall er gjengitt slik fjorårets årsmelding trykket dem"
    title_en = "Last year's figures are restated as last year's report printed them"
    summary = (
        "a figure about the year before equals what last year's report printed (`inputs/<year-1>/`)"
    )
    doc = DOC
    args = {
        "tables": Arg(
            "texts",
            required=False,
            help="tables whose rows about the year before are all restatements",
        ),
        "figures": Arg("refs", required=False, help="keys of figures about the year before"),
        "column": Arg("text", required=False, default="value", help="the column compared"),
        "year_column": Arg(
            "text", required=False, default="year", help="the column saying a row's year"
        ),
    }
    messages = {
        "pass": Template(
            "{ref}: «{this}» i årsmeldingen for {year} er det årsmeldingen for {prior} trykket "
            "(«{last}»)",
            "{ref}: «{this}» in the {year} report is what the {prior} report printed («{last}»)",
        ),
        "fail": Template(
            "{ref}: årsmeldingen for {year} gjengir tallet for {prior} som «{this}» "
            "({this_place}: «{this_quote}»), men årsmeldingen for {prior} trykket «{last}» "
            "({last_place}: «{last_quote}»)",
            "{ref}: the {year} report restates the {prior} figure as «{this}» "
            "({this_place}: «{this_quote}»), but the {prior} report printed «{last}» "
            "({last_place}: «{last_quote}»)",
        ),
        "no_prior": Template(
            "ingen inndata for {prior} ({folder}): fjorårets tall kan ikke sammenlignes",
            "no inputs for {prior} ({folder}): last year's figures cannot be compared",
        ),
        "not_last_year": Template(
            "årsmeldingen for {prior} har ingen rad med samme nøkkel: {refs}",
            "the {prior} report has no row with the same key: {refs}",
        ),
        "none_in_table": Template(
            "{table}: ingen rad gjelder {prior}", "{table}: no row is about {prior}"
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        if not args["tables"] and not args["figures"]:
            raise ConfigError(
                f"{where}: check {check_id!r} (restated): name the restated figures with "
                "tables (every row about the year before) and/or figures (keys)"
            )

    def evaluate(self) -> list[Finding]:
        prior_year = self.data.year - 1
        last_year = self.data.prior_year()
        if last_year is None:
            folder = self.data.prior.folder if self.data.prior else f"inputs/{prior_year}"
            return [self.skipped(self.messages["no_prior"].render(prior=prior_year, folder=folder))]
        findings: list[Finding] = []
        figures: list[Figure] = []
        for ref in self.check.args["figures"] or []:
            try:
                figures.append(self.figure(ref))
            except Pending as error:
                findings.append(self.waiting(error))
        for table in self.check.args["tables"] or []:
            found, waiting = self.table_figures(table, prior_year)
            figures += found
            findings += waiting
        missing = []
        for figure in figures:
            try:
                last = last_year.figure(f"{figure.key}:{figure.column}")
            except DataError:
                missing.append(figure)
                continue
            findings.append(self.compare(figure, last, prior_year))
        if missing:
            refs = ", ".join(f.ref for f in missing)
            message = self.messages["not_last_year"].render(prior=prior_year, refs=refs)
            findings.append(self.skipped(message, tuple(f.location for f in missing)))
        return findings

    def table_figures(self, name: str, prior_year: int) -> tuple[list[Figure], list[Finding]]:
        """The figures of one table about the year before, and a waiting finding if some of
        them are not confirmed yet."""
        args = self.check.args
        table = self.data.table(name)
        where = {args["year_column"]: str(prior_year)}
        if args["column"] not in table.table.columns:
            raise DataError(f"table {name!r} has no column {args['column']!r}")
        try:
            rows = table.select(where, partial=True)
        except Pending as error:
            return [], [self.waiting(error)]
        if not rows:
            message = self.messages["none_in_table"].render(table=name, prior=prior_year)
            return [], [self.skipped(message)]
        unconfirmed = [i for i in table.matching(where) if i in table.unconfirmed]
        keys = table.table.frame["key"]
        figures = [Figure(keys[i], args["column"], table, i) for i in rows]
        waiting = []
        if unconfirmed:
            waiting.append(
                self.waiting(
                    Pending(
                        f"{len(unconfirmed)} rows of {name!r} about {prior_year} are not "
                        "confirmed yet (empty quote)"
                    )
                )
            )
        return figures, waiting

    def waiting(self, error: Pending) -> Finding:
        return self.skipped(COMMON_MESSAGES["waiting"].render(reason=str(error)))

    def compare(self, this: Figure, last: Figure, prior_year: int) -> Finding:
        passed = self.agree(this, last)
        params: dict[str, Any] = {
            "ref": this.ref,
            "this": this.text,
            "last": last.text,
            "year": self.data.year,
            "prior": prior_year,
            "this_place": this.location.label(),
            "this_quote": this.location.quote or "",
            "last_place": last.location.label(),
            "last_quote": last.location.quote or "",
        }
        fields: dict[str, Any] = {"actual": this.text, "expected": last.text}
        if not passed:
            fields["suggestion"] = last.text
        return self.finding(
            passed, "pass" if passed else "fail", [this, last], params=params, **fields
        )

    @staticmethod
    def agree(this: Figure, last: Figure) -> bool:
        """Whether this year's printing can stand for what last year printed."""
        a, b = this.value, last.value
        if isinstance(a, DateSpan) and isinstance(b, DateSpan):
            return a.start <= b.end and b.start <= a.end
        if isinstance(a, Quantity | int) and isinstance(b, Quantity | int):
            return this.interval().overlaps(last.interval())
        return _same_text(this.text, last.text)
