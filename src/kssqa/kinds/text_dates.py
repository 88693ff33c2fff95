"""text_dates — the dates printed inside free text exist and lie in their window."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..findings import Finding, Location
from ..messages import Template, local
from ..name_columns import column_entry_problem
from ..numbers import DateSpan, ParseError, parse_date
from ..years import is_window, window_bounds
from . import register
from .base import Arg, CannotEvaluate, Example, Kind, KindDoc
from .dates import day_text

QUOTE_COLUMN = "quote"
CONTEXT = 60  # characters of the text shown on each side of a date
_YEAR_AT_END = re.compile(r"\d{4}\s*$")

STAFF_SCHEMA = """\
table: staff
file: staff.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  person: {type: text, required: true}
  note: {type: text}
  quote: {type: text}
"""

EXAMPLE_CHECK = """\
checks:
  - id: staff.dates-in-notes
    kind: text_dates
    title: Datoene i merknadene finnes og ligger i rapportåret
    severity: warning
    columns: [{table: staff, column: note}]
"""

DOC = KindDoc(
    what=(
        "Reads the dates printed inside free text — notes, topics, periods, and with `quotes: "
        "true` the quote of every row of every table — with the same Norwegian date reader as "
        "the date columns (`14.1.2025`, `1.februar 2025`, `23.-25. mai 2025`, `28. oktober`), "
        "and checks each against the calendar (`31. april 2025`, `29.2.2025` do not exist; a "
        "range ends on or after its start) and against a `window` (the reporting year by "
        "default, or `[YYYY-MM-DD, YYYY-MM-DD]`; placeholders allowed, e.g. `[$prior-01-01, "
        "${year+1}-12-31]` for text that also names last year and plans for the next). A date "
        "printed without a year (`28. oktober`) is read in the reporting year: it is checked "
        "against the calendar, not the window, since the text may mean another year. `columns` "
        "is a list of `{table, column}` with an optional `where`. Day and month in digits "
        "without a year (`31.3`) are not read — they cannot be told from a time (`kl. 09.00`). "
        "Each finding gives the raw date and the text around it; a date printed in several "
        "rows of the same text (the quote of several rows) is one finding with every location."
    ),
    why=(
        "Dates written into a sentence or a note are typed by hand and never parsed by a date "
        "column's schema: «31. april», a leave «til 1.februar 2026» in a 2025 report, or a "
        "range «25.-23. mai» pass every other check. A reader who knows the calendar notices "
        "at once."
    ),
    example_fails=Example(
        "A note says «vikar til 31. april 2025» (April has 30 days), and another «sluttet "
        "31.8.2024», outside the reporting year.",
        EXAMPLE_CHECK,
        {
            "schemas/staff.yaml": STAFF_SCHEMA,
            "inputs/2025/staff.csv": """\
key,section,person,note,quote
staff.1,Ansatte,Maiken Helgesen,vikar til 31. april 2025,Maiken Helgesen (vikar til 31. april 2025)
staff.2,Ansatte,Martine Sorknes,sluttet 31.8.2024,Martine Sorknes (sluttet 31.8.2024)
staff.3,Ansatte,Einar Seierstad,begynte 1. september,Einar Seierstad (begynte 1. september)
""",
        },
    ),
    example_passes=Example(
        "Every date in the notes exists and lies in 2025; «1. september» without a year is read "
        "as 1.9.2025.",
        EXAMPLE_CHECK,
        {
            "schemas/staff.yaml": STAFF_SCHEMA,
            "inputs/2025/staff.csv": """\
key,section,person,note,quote
staff.1,Ansatte,Maiken Helgesen,vikar til 30. april 2025,Maiken Helgesen (vikar til 30. april 2025)
staff.2,Ansatte,Martine Sorknes,sluttet 31.8.2025,Martine Sorknes (sluttet 31.8.2025)
staff.3,Ansatte,Einar Seierstad,begynte 1. september,Einar Seierstad (begynte 1. september)
""",
        },
    ),
    fix=(
        "Look the date up in the source and correct the text; the finding quotes the sentence "
        "it stands in. If the text rightly names a date outside the window (a conference "
        "announced for next year), widen the check's `window` rather than the date."
    ),
)


@dataclass
class TextDate:
    """One date printed in free text, with every cell that prints it in the same text."""

    text: str  # the date as printed
    context: str  # the text around it
    span: DateSpan | None
    year_printed: bool
    problem: ParseError | None = None
    locations: list[Location] = field(default_factory=list)


@register
class TextDatesKind(Kind):
    name = "text_dates"
    title = "Datoer i fritekst finnes og ligger i perioden"
    title_en = "Dates in free text exist and lie in the period"
    summary = "dates printed inside free text (notes, topics, quotes) exist and lie in their window"
    doc = DOC
    args = {
        "columns": Arg(
            "list",
            required=False,
            default=None,
            help="text columns: a list of {table, column, optional where}",
        ),
        "quotes": Arg(
            "bool",
            required=False,
            default=False,
            help="also the quote of every row of every table",
        ),
        "window": Arg(
            "window",
            required=False,
            default="reporting_year",
            help="reporting_year or [YYYY-MM-DD, YYYY-MM-DD]",
        ),
    }
    messages = {
        "pass": Template(
            "{count} datoer i fritekst ({where}) finnes og ligger i {window}",
            "{count} dates in free text ({where}) exist and lie in {window}",
        ),
        "no_such_date": Template(
            "«{date}» i «{context}» finnes ikke ({reason}){assumed}",
            "«{date}» in «{context}» does not exist ({reason}){assumed}",
        ),
        "outside": Template(
            "«{date}» i «{context}» ligger utenfor {window}",
            "«{date}» in «{context}» lies outside {window}",
        ),
        "reversed": Template(
            "«{date}» i «{context}» slutter før den begynner",
            "«{date}» in «{context}» ends before it begins",
        ),
        "no_date": Template(
            "«{date}» i «{context}» kan ikke leses som en dato: {reason}",
            "«{date}» in «{context}» cannot be read as a date: {reason}",
        ),
    }
    ASSUMED = {
        "nb": "; uten år trykt er datoen lest i rapportåret {year}",
        "en": "; printed without a year, the date is read in the reporting year {year}",
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        def bad(message: str) -> ConfigError:
            return ConfigError(f"{where}: check {check_id!r} (text_dates): {message}")

        for entry in args["columns"] or []:
            column_entry_problem(entry, "columns", bad)
        if not args["columns"] and not args["quotes"]:
            raise bad("give columns (a list of {table, column}) or quotes: true")
        if not is_window(args["window"]):
            raise bad(
                f"window must be reporting_year or [YYYY-MM-DD, YYYY-MM-DD], got {args['window']!r}"
            )

    # --- reading --------------------------------------------------------------------------

    def cells(self) -> Iterator[tuple[str, Location]]:
        """Every text cell the check reads, with its location."""
        for entry in self.check.args["columns"] or []:
            table = self.data.table(entry["table"])
            if entry["column"] not in table.table.columns:
                raise CannotEvaluate(f"table {entry['table']!r} has no column {entry['column']!r}")
            # each date is judged on its own: the confirmed rows can be checked meanwhile
            for index in table.select(entry.get("where"), partial=True):
                text = table.text(index, entry["column"])
                if text:
                    yield text, table.location(index, entry["column"])
        if self.check.args["quotes"]:
            for table in self.data.tables.values():
                if QUOTE_COLUMN not in table.table.columns or table.table.frame.empty:
                    continue
                for index in table.select(None, partial=True):
                    text = table.text(index, QUOTE_COLUMN)
                    if text:
                        yield text, table.location(index, QUOTE_COLUMN)

    def dates(self) -> list[TextDate]:
        # here: reading text loads the manuscript's machinery, which kssqa explain need not
        from ..manuscript import plain
        from ..tokens import figures

        found: dict[tuple[str, str], TextDate] = {}
        for text, location in self.cells():
            cell = plain(text)
            for token in figures(cell):
                if token.kind != "date":
                    continue
                context = _around(cell, token.start, token.end)
                key = (token.text, context)
                if key not in found:
                    found[key] = self.read(token.text, context)
                if location not in found[key].locations:
                    found[key].locations.append(location)
        return list(found.values())

    def read(self, printed: str, context: str) -> TextDate:
        year_printed = bool(_YEAR_AT_END.search(printed))
        text = printed if year_printed else f"{printed} {self.data.year}"
        try:
            span = parse_date(text, allow_range=True)
        except ParseError as error:
            return TextDate(printed, context, None, year_printed, error)
        return TextDate(printed, context, span, year_printed)

    # --- judging ----------------------------------------------------------------------------

    def window(self) -> tuple[date, date]:
        return window_bounds(self.check.args["window"], self.data.year)

    def evaluate(self) -> list[Finding]:
        first, last = self.window()
        window = f"{day_text(first)}–{day_text(last)}"
        dates = self.dates()
        findings = []
        for found in dates:
            params = {"date": found.text, "context": found.context, "window": window}
            if found.problem is not None:
                findings.append(self.unreadable(found, params))
            elif found.span.end < found.span.start:
                ordered = f"{day_text(found.span.start)} ≤ {day_text(found.span.end)}"
                findings.append(self.failed(found, "reversed", params, ordered))
            elif found.year_printed and not (first <= found.span.start and found.span.end <= last):
                findings.append(self.failed(found, "outside", params, window))
        if findings:
            return findings
        where = ", ".join(
            dict.fromkeys(
                [f"{e['table']}.{e['column']}" for e in self.check.args["columns"] or []]
                + (["quote"] if self.check.args["quotes"] else [])
            )
        )
        return [
            self.finding(
                True,
                "pass",
                tuple(dict.fromkeys(loc for d in dates for loc in d.locations))[:20],
                params={"count": len(dates), "where": where, "window": window},
                expected=window,
                actual=local("{n} datoer", "{n} dates", n=len(dates)),
            )
        ]

    def failed(self, found: TextDate, code: str, params: dict, expected: str | None) -> Finding:
        return self.finding(
            False,
            code,
            tuple(found.locations),
            params=params,
            expected=expected,
            actual=found.text,
            details={"context": found.context},
        )

    def unreadable(self, found: TextDate, params: dict[str, Any]) -> Finding:
        problem = found.problem
        reason = problem.params.get("reason") or problem.message["en"]
        if problem.code != "no_such_date":
            reasons = {"reason": problem.message}
            return self.failed(found, "no_date", {**params, **reasons}, None)
        assumed = {"nb": "", "en": ""}
        if not found.year_printed:
            year = self.data.year
            assumed = {lang: text.format(year=year) for lang, text in self.ASSUMED.items()}
        return self.failed(
            found,
            "no_such_date",
            {**params, "reason": reason, "assumed": assumed},
            None,
        )


def _around(text: str, start: int, end: int) -> str:
    first, last = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    return ("…" if first else "") + text[first:last].strip() + ("…" if last < len(text) else "")
