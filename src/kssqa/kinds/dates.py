"""dates — every date inside its window, ranges that start before they end, logs in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..findings import Finding, Location
from ..messages import Template, local, quoted
from ..numbers import DateSpan, ParseError, parse_date
from ..years import is_window, window_bounds
from . import register
from .base import Arg, CannotEvaluate, Example, Kind, KindDoc

EVENTS_SCHEMA = """\
table: events
file: events.csv
columns:
  key: {type: text, required: true, unique: true}
  date: {type: date, required: true, allow_range: true}
  where: {type: text, required: true}
"""

DOC = KindDoc(
    what=(
        "Checks the dates of one `date` column of a table (`table`, `column`): every date lies "
        "inside a `window` (the reporting year by default, or `[YYYY-MM-DD, YYYY-MM-DD]`), every "
        "range ends on or after its start, and — with `order: chronological` (the default) — the "
        "rows, in file order, have non-decreasing start dates (a range 11.-14.8. followed by "
        "11.8. is in order). A row out of order is found as the row that does not fit the longest "
        "chronological run of the log (a row later, or earlier, than both its neighbours); when "
        "two rows could each be the misplaced one, both are named in one finding. A date text "
        "that cannot be read is a failure. When changing ONE field of a date (year first, then "
        "month, then day) puts it inside the window and between its neighbours, the finding "
        "suggests that date; a day range printed without its month (`23.-25.2025`) gets the "
        "month that fits between its neighbours. `label` names a column to show in messages "
        "(e.g. the event title); `where` selects rows."
    ),
    why=(
        "A wrong year (2026 for 2025, typed in January) or a date that is out of place in a log "
        "is the kind of slip readers notice at once and that makes every other date of the log "
        "doubtful. The neighbours of a row in a chronological log almost always tell which date "
        "was meant, so the check can say what to correct instead of only that something is wrong."
    ),
    example_fails=Example(
        "The third event is printed in 2026 between two events of March 2025; kssqa suggests "
        "8.3.2025, the only one-field change that fits between its neighbours.",
        """\
checks:
  - id: events.dates
    kind: dates
    title: Hendelsene ligger i 2025 og står i kronologisk rekkefølge
    table: events
    column: date
    label: where
""",
        {
            "schemas/events.yaml": EVENTS_SCHEMA,
            "inputs/2025/events.csv": """\
key,date,where
events.e001,4.3.2025,Nasjonal likestillingskonferanse
events.e002,7.3.2025,Lunsjseminar
events.e003,8.3.2026,8. mars markering og tog
events.e004,10.-14.3.2025,FNs kvinnekommisjon
events.e005,20.3.2025,Jubileumskonferanse
""",
        },
    ),
    example_passes=Example(
        "All dates lie in 2025 and the start dates never decrease (a range starting on 11.8. "
        "may be followed by an event on 11.8.).",
        """\
checks:
  - id: events.dates
    kind: dates
    title: Hendelsene ligger i 2025 og står i kronologisk rekkefølge
    table: events
    column: date
    window: reporting_year
    order: chronological
""",
        {
            "schemas/events.yaml": EVENTS_SCHEMA,
            "inputs/2025/events.csv": """\
key,date,where
events.e001,16.7.2025,Sommerleir
events.e002,11.-14.8.2025,Arendalsuka
events.e003,11.8.2025,Panelsamtale
events.e004,13.8.2025,Panel
events.e005,23.- 24.9.2025,ROSA-konferansen
""",
        },
    ),
    fix=(
        "Look the date up in the source (calendar, minutes, the event's web page) and correct the "
        "report; the suggestion is only the date that fits the window and the neighbouring rows, "
        "never applied automatically. If a row is deliberately out of order (a log grouped by "
        "theme), set `order: none`; if the period is not the reporting year, give `window`."
    ),
)

ORDERS = ("chronological", "none")
FIELDS = ("year", "month", "day")
FIELD_NAMES = {
    "year": ("året", "the year"),
    "month": ("måneden", "the month"),
    "day": ("dagen", "the day"),
}
MAX_SUGGESTIONS = 3  # more candidates than this for a field: too vague to suggest
LABEL_WIDTH = 60

# A day or day range followed by a year, without the month: "23.-25.2025", "23. 2025".
_MONTH_MISSING = re.compile(
    r"^\s*(?P<d1>\d{1,2})\.?(?:\s*[-\u2013\u2014]\s*(?P<d2>\d{1,2})\.?)?\s*(?P<y>\d{4})\s*$"
)


NO_DAYS = {"nb": "0 dager", "en": "0 days"}


def days_text(sign: str, days: int) -> dict[str, str]:
    return local("{sign}{days} dager", "{sign}{days} days", sign=sign, days=days)


def day_text(value: date) -> str:
    """A date the Norwegian way, as the report prints it: 1.1.2025."""
    return f"{value.day}.{value.month}.{value.year}"


@dataclass(frozen=True)
class Row:
    """One row of the checked column: its position, printed text and parsed date (or None)."""

    index: int
    line: int
    text: str
    span: DateSpan | None
    label: str | None

    @property
    def start(self) -> date:
        assert self.span is not None
        return self.span.start


@dataclass(frozen=True)
class Candidate:
    text: str
    field: str


@register
class DatesKind(Kind):
    name = "dates"
    title = "Datoer i perioden og i kronologisk rekkefølge"
    title_en = "Dates lie in the period and in chronological order"
    summary = "dates lie in the reporting year, ranges run forward, a log is chronological"
    doc = DOC
    args = {
        "table": Arg("table", help="table holding the dates"),
        "column": Arg("text", help="the date column (schema type date)"),
        "window": Arg(
            "window",
            required=False,
            default="reporting_year",
            help="reporting_year or [YYYY-MM-DD, YYYY-MM-DD]",
        ),
        "order": Arg(
            "text",
            required=False,
            default="chronological",
            help="chronological (start dates never decrease in file order) or none",
        ),
        "label": Arg("text", required=False, help="column shown in messages, e.g. the title"),
        "where": Arg("where", required=False, default={}, help="only the rows that match"),
    }
    messages = {
        "pass": Template(
            "alle {count} datoer i {table}.{column} ligger i {window}{order}",
            "all {count} dates of {table}.{column} lie in {window}{order}",
        ),
        "outside": Template(
            "{row}: «{text}» ligger utenfor {window} ({distance}){fix}",
            "{row}: «{text}» lies outside {window} ({distance}){fix}",
        ),
        "reversed": Template(
            "{row}: datointervallet «{text}» slutter {end} før det begynner {start} "
            "({days} dager for tidlig)",
            "{row}: the date range «{text}» ends on {end}, before it starts on {start} "
            "({days} days too early)",
        ),
        "order": Template(
            "{row}: «{text}» står ikke i kronologisk rekkefølge: {relation}{fix}",
            "{row}: «{text}» is out of chronological order: {relation}{fix}",
        ),
        "order_ambiguous": Template(
            "linjene {rows} står ikke i kronologisk rekkefølge innbyrdes ({dates}); "
            "det går ikke å avgjøre hvilken av dem som står feil",
            "lines {rows} are out of chronological order with each other ({dates}); "
            "which of them is misplaced cannot be told",
        ),
        "unparseable": Template(
            "{row}: «{text}» kan ikke leses som en dato{why}",
            "{row}: «{text}» cannot be read as a date{why}",
        ),
    }
    phrases = {
        "row": Template("linje {line}", "line {line}"),
        "row_label": Template("linje {line} ({label})", "line {line} ({label})"),
        "after_window": Template("{days} dager etter {last}", "{days} days after {last}"),
        "before_window": Template("{days} dager før {first}", "{days} days before {first}"),
        "fix": Template(
            " — trolig ment {candidates} (bare {field_nb} endret){fits_nb}",
            " — probably meant {candidates} (only {field_en} changed){fits_en}",
        ),
        "between": Template(
            ", som passer mellom «{prev}» og «{next}»",
            ", which fits between «{prev}» and «{next}»",
        ),
        "after": Template(", som passer etter «{prev}»", ", which fits after «{prev}»"),
        "before": Template(", som passer før «{next}»", ", which fits before «{next}»"),
        "later_than_both": Template(
            "{start} er senere enn begge naboene «{prev}» (linje {prev_line}) og «{next}» "
            "(linje {next_line})",
            "{start} is later than both neighbours «{prev}» (line {prev_line}) and «{next}» "
            "(line {next_line})",
        ),
        "earlier_than_both": Template(
            "{start} er tidligere enn begge naboene «{prev}» (linje {prev_line}) og «{next}» "
            "(linje {next_line})",
            "{start} is earlier than both neighbours «{prev}» (line {prev_line}) and «{next}» "
            "(line {next_line})",
        ),
        "earlier_than_prev": Template(
            "{start} er tidligere enn «{prev}» (linje {prev_line}) foran",
            "{start} is earlier than «{prev}» (line {prev_line}) before it",
        ),
        "later_than_next": Template(
            "{start} er senere enn «{next}» (linje {next_line}) etter",
            "{start} is later than «{next}» (line {next_line}) after it",
        ),
        "breaks_run": Template(
            "{start} passer ikke inn i den kronologiske rekken mellom «{prev}» "
            "(linje {prev_line}) og «{next}» (linje {next_line})",
            "{start} does not fit the chronological run between «{prev}» (line {prev_line}) and "
            "«{next}» (line {next_line})",
        ),
        "month_missing": Template(
            " — måneden mangler; trolig ment {candidates}{fits_nb}",
            " — the month is missing; probably meant {candidates}{fits_en}",
        ),
        "month_missing_none": Template(
            " — måneden mangler (ingen entydig måned passer i perioden og mellom naboene)",
            " — the month is missing (no single month fits the window and the neighbours)",
        ),
        "or": Template(" eller ", " or "),
        "in_order": Template(
            " og står i kronologisk rekkefølge", " and are in chronological order"
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        if not is_window(args["window"]):
            raise ConfigError(
                f"{where}: check {check_id!r} (dates): window must be reporting_year or "
                f"[YYYY-MM-DD, YYYY-MM-DD] with the first date not after the second, "
                f"got {quoted(args['window'])}"
            )
        if args["order"] not in ORDERS:
            raise ConfigError(
                f"{where}: check {check_id!r} (dates): order must be one of {', '.join(ORDERS)}, "
                f"got {quoted(args['order'])}"
            )

    # --- evaluation ------------------------------------------------------------------------

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        table = self.data.table(args["table"])
        column = args["column"]
        spec = table.spec.column(column)
        if spec is None or column not in table.table.columns:
            raise CannotEvaluate(f"table {table.name!r} has no column {column!r}")
        if spec.type != "date":
            raise CannotEvaluate(
                f"{table.name}.{column} has the type {spec.type!r} in its schema, not 'date'"
            )
        label = args["label"]
        if label is not None and label not in table.table.columns:
            raise CannotEvaluate(f"table {table.name!r} has no column {label!r} (label)")
        self._table = table
        self.window = self.window_of(args["window"])
        rows = self.rows(table, column, label)
        if not rows:
            raise CannotEvaluate(f"no row of {table.name}.{column} prints a date")

        parsed = [r for r in rows if r.span is not None]
        inside = [r for r in parsed if self.in_window(r.span)]
        outside = {r.index for r in parsed if not self.in_window(r.span)}
        chronological = args["order"] == "chronological"
        misplaced, ambiguous = self.out_of_order(inside) if chronological else (set(), [])
        # rows whose place in the log is trusted: they bound the suggestions of the others
        anchors = [r for r in inside if r.index not in misplaced] if chronological else []

        findings: list[Finding] = []
        for row in rows:
            if row.span is None:
                findings.append(self.unparseable(row, anchors))
                continue
            if row.index in outside:
                findings.append(self.outside(row, anchors))
            if row.span.end < row.span.start:
                findings.append(self.reversed(row))
            if row.index in misplaced:
                findings.append(self.misplaced(row, anchors))
        findings.extend(self.ambiguous(group) for group in ambiguous)
        if not findings:
            findings.append(self.passed(rows, column, chronological))
        return findings

    def window_of(self, value: Any) -> tuple[date, date]:
        days = window_bounds(value, self.data.year)
        if days is None:  # pragma: no cover - validated when the check is loaded
            raise CannotEvaluate(f"window {value!r} is not valid")
        return days

    def window_text(self) -> str:
        first, last = self.window
        return f"{day_text(first)}–{day_text(last)}"

    def in_window(self, span: DateSpan) -> bool:
        first, last = self.window
        return first <= min(span.start, span.end) and max(span.start, span.end) <= last

    def rows(self, table, column: str, label: str | None) -> list[Row]:
        rows = []
        # each date is judged on its own: the confirmed rows can be checked meanwhile
        for index in table.select(self.check.args["where"], partial=True):
            text = table.text(index, column)
            if text is None or not str(text).strip():
                continue  # not printed: `required` in the schema says whether it must be
            value = table.value(index, column)
            span = value if isinstance(value, DateSpan) else None
            shown = table.text(index, label) if label else None
            if shown and len(shown) > LABEL_WIDTH:
                shown = shown[: LABEL_WIDTH - 1].rstrip() + "…"
            rows.append(Row(index, table.table.line_of(index), str(text), span, shown))
        return rows

    # --- chronological order ---------------------------------------------------------------

    @staticmethod
    def out_of_order(rows: list[Row]) -> tuple[set[int], list[list[Row]]]:
        """Rows that break the order: certainly misplaced ones, and groups that are ambiguous.

        The log's chronological backbone is its longest run of non-decreasing start dates (a
        longest non-decreasing subsequence). A row that is in no such run is misplaced — e.g.
        a row later than both its neighbours. Rows that are in some longest runs but not in
        all of them conflict with each other: of a conflicting pair, the one that stands out
        from both its neighbours is misplaced; otherwise (two swapped rows, larger groups)
        either could be the wrong one, and they are reported together.
        """
        n = len(rows)
        starts = [r.start for r in rows]
        ending = [1] * n  # longest run ending at i
        for i in range(n):
            for j in range(i):
                if starts[j] <= starts[i]:
                    ending[i] = max(ending[i], ending[j] + 1)
        beginning = [1] * n  # longest run starting at i
        for i in reversed(range(n)):
            for j in range(i + 1, n):
                if starts[i] <= starts[j]:
                    beginning[i] = max(beginning[i], beginning[j] + 1)
        longest = max(ending, default=0)
        on_some = [ending[i] + beginning[i] - 1 == longest for i in range(n)]
        misplaced = {rows[i].index for i in range(n) if not on_some[i]}
        per_level: dict[int, list[int]] = {}
        for i in range(n):
            if on_some[i]:
                per_level.setdefault(ending[i], []).append(i)
        uncertain = sorted(i for level in per_level.values() if len(level) > 1 for i in level)
        # group uncertain rows that conflict (an earlier row with a later date), transitively
        groups: list[set[int]] = []
        for i in uncertain:
            linked = [
                g
                for g in groups
                if any(
                    (j < i and starts[j] > starts[i]) or (i < j and starts[i] > starts[j])
                    for j in g
                )
            ]
            merged = {i}.union(*linked) if linked else {i}
            groups = [g for g in groups if g not in linked] + [merged]
        ambiguous = []
        for group in sorted((sorted(g) for g in groups if len(g) > 1), key=lambda g: g[0]):
            outlier = DatesKind.odd_one_out(group, rows, misplaced) if len(group) == 2 else None
            if outlier is not None:
                misplaced.add(outlier.index)
            else:
                ambiguous.append([rows[i] for i in group])
        return misplaced, ambiguous

    @staticmethod
    def odd_one_out(pair: list[int], rows: list[Row], misplaced: set[int]) -> Row | None:
        """Of two conflicting rows, the one later (or earlier) than both its neighbours.

        Two swapped rows inside a log are both that (5.3. then 3.3. between 1.3. and 8.3.):
        nothing tells which one is wrong. At the start or the end of the log, or when only one
        of the two stands out from both its neighbours, that one is reported.
        """
        kept = [r for r in rows if r.index not in misplaced]
        standing_out = []
        for i in pair:
            position = kept.index(rows[i])
            if position == 0 or position == len(kept) - 1:
                continue  # a row with one neighbour cannot stand out from both
            before, here, after = (r.start for r in kept[position - 1 : position + 2])
            if (here > before and here > after) or (here < before and here < after):
                standing_out.append(rows[i])
        return standing_out[0] if len(standing_out) == 1 else None

    @staticmethod
    def neighbours(row: Row, anchors: list[Row]) -> tuple[Row | None, Row | None]:
        before = [a for a in anchors if a.index < row.index]
        after = [a for a in anchors if a.index > row.index]
        return (before[-1] if before else None, after[0] if after else None)

    # --- suggestions -----------------------------------------------------------------------

    def fits(self, span: DateSpan, prev: Row | None, nxt: Row | None) -> bool:
        if span.end < span.start or not self.in_window(span):
            return False
        if prev is not None and span.start < prev.start:
            return False
        return not (nxt is not None and nxt.start < span.start)

    def one_field_fixes(self, row: Row, prev: Row | None, nxt: Row | None) -> list[Candidate]:
        """Dates that differ from the printed one in one field and fit window and neighbours."""
        assert row.span is not None
        first, last = self.window
        found: list[Candidate] = []
        for match in re.finditer(r"\d+", row.text):
            digits = match.group()
            is_year = len(digits) == 4
            values = range(first.year, last.year + 1) if is_year else range(1, 32)
            for value in values:
                replacement = (
                    str(value).zfill(len(digits)) if digits.startswith("0") else str(value)
                )
                if replacement == digits:
                    continue
                text = row.text[: match.start()] + replacement + row.text[match.end() :]
                try:
                    span = parse_date(text, allow_range=True)
                except ParseError:
                    continue
                if not self.fits(span, prev, nxt):
                    continue
                if is_year:
                    field = "year"
                elif (span.start.month, span.end.month) != (
                    row.span.start.month,
                    row.span.end.month,
                ):
                    field = "month"
                else:
                    field = "day"
                if all(c.text != text for c in found):
                    found.append(Candidate(text, field))
        for field in FIELDS:
            chosen = [c for c in found if c.field == field]
            if chosen:
                return chosen if len(chosen) <= MAX_SUGGESTIONS else []
        return []

    def fix_phrase(
        self,
        candidates: list[Candidate],
        prev: Row | None,
        nxt: Row | None,
        code: str = "fix",
    ) -> dict[str, str]:
        joined_nb = self.phrases["or"].nb.join(c.text for c in candidates)
        joined_en = self.phrases["or"].en.join(c.text for c in candidates)
        fits = self.fits_phrase(prev, nxt)
        nb_field, en_field = FIELD_NAMES[candidates[0].field] if candidates else ("", "")
        nb = self.phrases[code].nb.format(
            candidates=joined_nb, field_nb=nb_field, fits_nb=fits["nb"]
        )
        en = self.phrases[code].en.format(
            candidates=joined_en, field_en=en_field, fits_en=fits["en"]
        )
        return {"nb": nb, "en": en}

    def fits_phrase(self, prev: Row | None, nxt: Row | None) -> dict[str, str]:
        if prev is not None and nxt is not None:
            return self.phrases["between"].render(prev=prev.text, next=nxt.text)
        if prev is not None:
            return self.phrases["after"].render(prev=prev.text)
        if nxt is not None:
            return self.phrases["before"].render(next=nxt.text)
        return {"nb": "", "en": ""}

    # --- findings --------------------------------------------------------------------------

    def row_params(self, row: Row) -> dict[str, str]:
        if row.label:
            shown = self.phrases["row_label"].render(line=row.line, label=row.label)
        else:
            shown = self.phrases["row"].render(line=row.line)
        return {"row": shown, "text": row.text}

    def location(self, row: Row) -> Location:
        return self._table.location(row.index, self.check.args["column"])

    def outside(self, row: Row, anchors: list[Row]) -> Finding:
        assert row.span is not None
        first, last = self.window
        if max(row.span.start, row.span.end) > last:
            days = (max(row.span.start, row.span.end) - last).days
            distance = self.phrases["after_window"].render(days=days, last=day_text(last))
            difference = days_text("+", days)
        else:
            days = (first - min(row.span.start, row.span.end)).days
            distance = self.phrases["before_window"].render(days=days, first=day_text(first))
            difference = days_text("-", days)
        prev, nxt = self.neighbours(row, anchors)
        candidates = self.one_field_fixes(row, prev, nxt)
        fix = self.fix_phrase(candidates, prev, nxt) if candidates else {"nb": "", "en": ""}
        return self.finding(
            False,
            "outside",
            (self.location(row),),
            params={
                **self.row_params(row),
                "window": self.window_text(),
                "distance": distance,
                "fix": fix,
            },
            expected=local("en dato i {w}", "a date in {w}", w=self.window_text()),
            actual=row.text,
            difference=difference,
            tolerance=NO_DAYS,
            suggestion=" / ".join(c.text for c in candidates) or None,
            details={"field": candidates[0].field} if candidates else {},
        )

    def reversed(self, row: Row) -> Finding:
        assert row.span is not None
        days = (row.span.start - row.span.end).days
        return self.finding(
            False,
            "reversed",
            (self.location(row),),
            params={
                **self.row_params(row),
                "start": day_text(row.span.start),
                "end": day_text(row.span.end),
                "days": days,
            },
            expected=local(
                "slutt på eller etter {d}", "an end on or after {d}", d=day_text(row.span.start)
            ),
            actual=row.text,
            difference=days_text("-", days),
            tolerance=NO_DAYS,
        )

    def misplaced(self, row: Row, anchors: list[Row]) -> Finding:
        prev, nxt = self.neighbours(row, anchors)
        start = day_text(row.start)
        params = {"start": start}
        if prev is not None:
            params |= {"prev": prev.text, "prev_line": prev.line}
        if nxt is not None:
            params |= {"next": nxt.text, "next_line": nxt.line}
        if prev is not None and nxt is not None:
            if row.start > prev.start and row.start > nxt.start:
                code = "later_than_both"
            elif row.start < prev.start and row.start < nxt.start:
                code = "earlier_than_both"
            else:
                code = "breaks_run"
        elif prev is not None:
            code = "earlier_than_prev"
        else:
            code = "later_than_next"
        relation = self.phrases[code].render(**params)
        candidates = self.one_field_fixes(row, prev, nxt)
        fix = self.fix_phrase(candidates, prev, nxt) if candidates else {"nb": "", "en": ""}
        bounds = [day_text(b.start) for b in (prev, nxt) if b is not None]
        if prev is not None and row.start < prev.start:
            difference = days_text("-", (prev.start - row.start).days)
        elif nxt is not None and row.start > nxt.start:
            difference = days_text("+", (row.start - nxt.start).days)
        else:
            difference = None
        return self.finding(
            False,
            "order",
            (self.location(row),),
            params={
                **self.row_params(row),
                "relation": relation,
                "fix": fix,
            },
            expected=(
                local("startdato {b}", "a start date {b}", b=" – ".join(bounds)) if bounds else None
            ),
            actual=row.text,
            difference=difference,
            tolerance=NO_DAYS,
            suggestion=" / ".join(c.text for c in candidates) or None,
            details={"field": candidates[0].field} if candidates else {},
        )

    def ambiguous(self, group: list[Row]) -> Finding:
        return self.finding(
            False,
            "order_ambiguous",
            tuple(self.location(r) for r in group),
            params={
                "rows": ", ".join(str(r.line) for r in group),
                "dates": ", ".join(f"«{r.text}»" for r in group),
            },
            expected=local("ikke-synkende startdatoer", "start dates that do not go back"),
            actual=", ".join(r.text for r in group),
            tolerance=NO_DAYS,
        )

    def unparseable(self, row: Row, anchors: list[Row]) -> Finding:
        prev, nxt = self.neighbours(row, anchors)
        candidates: list[Candidate] = []
        why = {"nb": "", "en": ""}
        match = _MONTH_MISSING.match(row.text)
        if match:
            candidates = self.month_fixes(row.text, match, prev, nxt)
            if candidates:
                why = self.fix_phrase(candidates, prev, nxt, code="month_missing")
            else:
                why = self.phrases["month_missing_none"].render()
        return self.finding(
            False,
            "unparseable",
            (self.location(row),),
            params={**self.row_params(row), "why": why},
            expected=local(
                "en dato, f.eks. 14.1.2025 eller 10.-14.3.2025",
                "a date, e.g. 14.1.2025 or 10.-14.3.2025",
            ),
            actual=row.text,
            suggestion=" / ".join(c.text for c in candidates) or None,
            details={"field": "month"} if candidates else {},
        )

    def month_fixes(
        self, text: str, match: re.Match, prev: Row | None, nxt: Row | None
    ) -> list[Candidate]:
        """The printed day(s) with a month filled in, where the result fits the neighbours."""
        year_at = match.start("y")
        found = []
        for month in range(1, 13):
            if text[:year_at].rstrip().endswith("."):
                filled = text[:year_at] + f"{month}." + text[year_at:]
            else:
                days = match.group("d1") + (f".-{match.group('d2')}" if match.group("d2") else "")
                filled = f"{days}.{month}.{match.group('y')}"
            try:
                span = parse_date(filled.strip(), allow_range=True)
            except ParseError:
                continue
            if self.fits(span, prev, nxt):
                found.append(Candidate(filled.strip(), "month"))
        return found if len(found) <= MAX_SUGGESTIONS else []

    def passed(self, rows: list[Row], column: str, chronological: bool) -> Finding:
        order = self.phrases["in_order"].render() if chronological else {"nb": "", "en": ""}
        return self.finding(
            True,
            "pass",
            (Location(self._table.table.display_path, None, column),),
            params={
                "count": len(rows),
                "table": self._table.name,
                "column": column,
                "window": self.window_text(),
                "order": order,
            },
            expected=local("datoer i {w}", "dates in {w}", w=self.window_text()),
            actual=f"{day_text(min(r.start for r in rows))}–"
            f"{day_text(max(r.span.end for r in rows if r.span))}",
            tolerance=NO_DAYS,
        )
