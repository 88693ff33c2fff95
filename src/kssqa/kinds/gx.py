"""gx — any expectation of the Great Expectations catalog, by name, on a loaded table.

A ``gx`` check names a GX expectation (``expect_column_values_to_be_between``, ...), the
input table it applies to and the expectation's own arguments (``kwargs``). kssqa runs it in
a GX ephemeral data context on the table kssqa has already read and validated, and turns the
result into an ordinary finding: the rows GX reports as unexpected become locations (file and
line, capped), with the unexpected count.

Great Expectations is large and slow to import, so it runs in a worker process
(:mod:`kssqa.gx_worker`, GX itself in :mod:`kssqa.gx_runtime`) that is started only when a
``gx`` check is selected to run (:meth:`GxKind.prepare`, or earlier by the CLI) and loads GX
while kssqa reads the tables and runs its other checks. The kssqa process itself never imports
GX. The worker runs offline and leaves nothing behind: analytics off, an in-memory (ephemeral)
context, no progress bars, its logging and warnings kept out of kssqa's output.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..config import ConfigError
from ..data import TableData
from ..findings import Finding, Location
from ..gx_runtime import MAX_LOCATIONS, jsonable
from ..messages import Template, local
from ..numbers import DateSpan, Quantity
from . import register
from .base import Arg, CannotEvaluate, CheckSpec, Example, Kind, KindDoc

if TYPE_CHECKING:
    import pandas as pd

MAX_SAMPLES = 5  # unexpected values quoted in the message
VALUE_MODES = ("typed", "text")
# kwargs that name the data columns an expectation reads (for table-level expectations such as
# expect_table_columns_to_match_ordered_list, column_list is what is expected, not what is read)
COLUMN_KEYS = ("column", "column_A", "column_B")
LIST_KEYS = ("column_list",)
MEMBERS_SCHEMA = """\
table: members
file: members.csv
columns:
  key:    {type: text, required: true, unique: true}
  number: {type: integer, required: true}
  name:   {type: text, required: true}
  region: {type: text, required: true}
  email:  {type: email, required: true}
  quote:  {type: text}
"""

DOC = KindDoc(
    what=(
        "Runs one expectation of the Great Expectations (GX) catalog on an input table: "
        "`expectation` names it as GX does (`expect_column_values_to_be_between`, "
        "`expect_column_values_to_match_regex`, `expect_compound_columns_to_be_unique`, "
        "`expect_column_values_to_be_increasing`, ...; any of GX's expectations), `table` is "
        "the input table and `kwargs` holds the expectation's arguments exactly as GX names "
        "them (`column`, `column_list`, `min_value`, `max_value`, `regex`, `value_set`, "
        "`mostly`, ...). `values` chooses what GX sees: `typed` (default) gives the values kssqa "
        "parsed from the printed text for the columns the schema parses (numbers as floats: "
        "`drøyt 1800` is 1800.0, `44%` is 44.0; dates as timestamps of their first day, and a "
        "date bound such as `min_value: 2025-01-01` is compared as a timestamp), and the text "
        "of every other column; `text` gives every cell as printed. Empty cells, and cells "
        "kssqa could not parse (already a schema finding), are missing values, which GX's "
        "column expectations skip. The result is one finding: a pass, or a failure with the "
        "unexpected count and the unexpected rows (file and line, at most 20) and values. An "
        "unknown expectation or bad arguments stop the run with exit code 2 before any report "
        "is written, naming the check and the closest valid names. GX runs offline in memory "
        "(analytics off, nothing written, no progress bars), in a worker process that is "
        "started only when a gx check is selected and imports GX while kssqa reads the tables "
        "and runs its other checks: `--skip gx` runs without it. `kssqa export gx` writes the "
        "gx checks, and the schema rules GX can express, as GX expectation suites."
    ),
    why=(
        "Some rules are exactly what GX's catalog already states well — keys unique together, "
        "a text form as a regular expression, values within a range, numbers that increase "
        "down a table — and teams that run GX elsewhere can reuse the same suite. Writing them "
        "as gx checks keeps one vocabulary, while kssqa still points each failure at the file "
        "line the editor must correct."
    ),
    example_fails=Example(
        "The member table's row numbers must run from 1 to 3; one row is printed as 4.",
        """\
checks:
  - id: members.numbers-in-range
    kind: gx
    title: Radnumrene i medlemstabellen går fra 1 til 3
    table: members
    expectation: expect_column_values_to_be_between
    kwargs: {column: number, min_value: 1, max_value: 3}
""",
        {
            "schemas/members.yaml": MEMBERS_SCHEMA,
            "inputs/2025/members.csv": """\
key,number,name,region,email,quote
members.alta,1,Alta Krisesenter,Nord,post@altakrise.no,1 | Alta Krisesenter
members.salten,2,Krisesenteret i Salten,Nord,post@salten.no,2 | Krisesenteret i Salten
members.oslo,4,Oslo Krisesenter,Sør-Øst,post@oslokrisesenter.no,4 | Oslo Krisesenter
""",
        },
    ),
    example_passes=Example(
        "Every e-mail address has a lower-case domain, and no name/region pair is repeated.",
        """\
checks:
  - id: members.email-domain
    kind: gx
    title: E-postadressene har domenet med små bokstaver
    table: members
    expectation: expect_column_values_to_match_regex
    kwargs: {column: email, regex: '@[a-z0-9.-]+$'}
    values: text

  - id: members.name-region-unique
    kind: gx
    title: Ingen navn står to ganger i samme region
    table: members
    expectation: expect_compound_columns_to_be_unique
    kwargs: {column_list: [name, region]}
""",
        {
            "schemas/members.yaml": MEMBERS_SCHEMA,
            "inputs/2025/members.csv": """\
key,number,name,region,email,quote
members.alta,1,Alta Krisesenter,Nord,post@altakrise.no,1 | Alta Krisesenter
members.salten,2,Krisesenteret i Salten,Nord,Post@salten.no,2 | Krisesenteret i Salten
members.oslo,3,Oslo Krisesenter,Sør-Øst,post@oslokrisesenter.no,3 | Oslo Krisesenter
""",
        },
    ),
    fix=(
        "Correct the cells at the lines the finding lists (the message quotes them as printed). "
        "If the rule is wrong instead — a bound too tight, a regex too strict — change the "
        "check's `kwargs`; `mostly: 0.95` lets a share of rows differ. A check GX cannot "
        "evaluate (a column the table does not have, a comparison GX cannot make, such as a "
        "text column against numbers: use `values: typed`) is an error finding naming the cause."
    ),
)


# --- values for GX --------------------------------------------------------------------------


def gx_value(value: Any) -> Any:
    """A value kssqa parsed, as GX should compare it: numbers as floats, dates as timestamps."""
    if value is None:
        return None
    if isinstance(value, Quantity):
        return float(value.value)
    if isinstance(value, DateSpan):
        return value.start
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return float(value)
    return value


def frame_for_gx(table: TableData, values: str) -> pd.DataFrame:
    """The table as GX sees it: every cell as printed, or parsed values for parsed columns."""
    import pandas as pd

    frame = table.table.frame.copy()
    if values == "text":
        return frame
    for column, series in table.typed.items():
        converted = [gx_value(v) for v in series]
        spec = table.spec.column(column)
        if spec is not None and spec.type == "date":
            frame[column] = pd.to_datetime(pd.Series(converted, index=frame.index, dtype=object))
        else:
            frame[column] = pd.to_numeric(pd.Series(converted, index=frame.index, dtype=object))
    return frame


def _timestamp(value: Any) -> Any:
    import pandas as pd

    if isinstance(value, date | datetime):
        return pd.Timestamp(value)
    if isinstance(value, str):
        try:
            return pd.Timestamp(date.fromisoformat(value))
        except ValueError:
            return value
    return value


def typed_kwargs(kwargs: dict[str, Any], table: TableData, columns: list[str]) -> dict[str, Any]:
    """Date bounds compared with a date column as timestamps, as the column is given to GX."""
    dated = [c for c in columns if (s := table.spec.column(c)) is not None and s.type == "date"]
    if not dated:
        return kwargs
    result = dict(kwargs)
    for key in ("min_value", "max_value"):
        if key in result:
            result[key] = _timestamp(result[key])
    if isinstance(result.get("value_set"), list):
        result["value_set"] = [_timestamp(v) for v in result["value_set"]]
    return result


def data_columns(expectation: str, kwargs: dict[str, Any]) -> list[str]:
    """The table columns an expectation reads."""
    columns = [kwargs[k] for k in COLUMN_KEYS if isinstance(kwargs.get(k), str)]
    if not expectation.startswith("expect_table_"):
        for key in LIST_KEYS:
            if isinstance(kwargs.get(key), list):
                columns += [c for c in kwargs[key] if isinstance(c, str)]
    return columns


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_literal(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def signature(expectation: str, kwargs: dict[str, Any], without: tuple[str, ...] = ()) -> str:
    """``expect_x(column='a', min_value=1)``: the expectation as the finding's expected value."""
    shown = ", ".join(f"{k}={_literal(v)}" for k, v in jsonable(kwargs).items() if k not in without)
    return f"{expectation}({shown})"


def _shown(value: Any, limit: int = 200) -> str:
    text = json.dumps(jsonable(value), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _about(check: CheckSpec, problem: str) -> str:
    return f"{check.source}: check {check.id!r} (gx): {problem}"


# --- the kind -------------------------------------------------------------------------------


@register
class GxKind(Kind):
    name = "gx"
    title = "En forventning fra Great Expectations holder"
    title_en = "A Great Expectations expectation holds"
    summary = (
        "any Great Expectations (GX Core 1.x) expectation, by name, on one table — GX is "
        "loaded (in a worker process) only when such a check runs; `kssqa export gx` "
        "writes the expressible rules as GX suites"
    )
    doc = DOC
    args = {
        "table": Arg("table", help="the input table the expectation applies to"),
        "expectation": Arg(
            "text", help="a GX expectation by name, e.g. expect_column_values_to_be_between"
        ),
        "kwargs": Arg(
            "mapping",
            required=False,
            help="the expectation's arguments as GX names them (column, min_value, regex, "
            "column_list, value_set, mostly, ...)",
        ),
        "values": Arg(
            "text",
            required=False,
            default="typed",
            help="typed: parsed values for parsed columns (numbers as floats, dates as "
            "timestamps); text: every cell as printed",
        ),
    }
    messages = {
        "pass": Template(
            "{target}: {expectation} holder ({rows} rader){note_nb}",
            "{target}: {expectation} holds ({rows} rows){note_en}",
        ),
        "fail_rows": Template(
            "{target}: {expectation} holder ikke for {count} av {rows} rader: {sample_nb}",
            "{target}: {expectation} does not hold for {count} of {rows} rows: {sample_en}",
        ),
        "fail_value": Template(
            "{target}: {expectation} holder ikke; observert: {observed}",
            "{target}: {expectation} does not hold; observed: {observed}",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        name = args["expectation"]
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name.strip()):
            raise ConfigError(
                f"{where}: check {check_id!r} (gx): expectation must be the name of a GX "
                f"expectation, such as expect_column_values_to_be_between; got {name!r}"
            )
        if args["values"] not in VALUE_MODES:
            raise ConfigError(
                f"{where}: check {check_id!r} (gx): values must be typed or text, "
                f"got {args['values']!r}"
            )
        if args["kwargs"] is None:
            args["kwargs"] = {}
        if not all(isinstance(key, str) for key in args["kwargs"]):
            raise ConfigError(f"{where}: check {check_id!r} (gx): kwargs keys must be names")

    background = True  # GX loads in the worker while the other kinds run

    @classmethod
    def prepare(cls, check: CheckSpec) -> None:
        """Start the GX worker, which imports GX while kssqa reads the data."""
        from .. import gx_worker  # here: kssqa explain need not load the worker's machinery

        gx_worker.start()

    @classmethod
    def ready(cls, checks: list[CheckSpec]) -> None:
        """Wait for GX; ConfigError naming the first check whose expectation GX rejects."""
        from .. import gx_worker

        requests = [(c.args["expectation"], dict(c.args["kwargs"])) for c in checks]
        problems = gx_worker.start().call("problems", requests)
        for check, problem in zip(checks, problems, strict=True):
            if problem:
                raise ConfigError(_about(check, problem))

    def evaluate(self) -> list[Finding]:
        from .. import gx_worker

        args = self.check.args
        name = args["expectation"]
        table = self.data.table(args["table"])
        kwargs = dict(args["kwargs"])
        columns = data_columns(name, kwargs)
        missing = [c for c in columns if c not in table.table.columns]
        if missing:
            raise CannotEvaluate(
                f"table {table.name!r} has no column {missing[0]!r} "
                f"(columns: {', '.join(table.table.columns)})"
            )
        table.select(None)  # an expectation reads the whole table: it waits for every row
        frame = frame_for_gx(table, args["values"])
        if args["values"] == "typed":
            kwargs = typed_kwargs(kwargs, table, columns)
        worker = gx_worker.start()
        try:
            outcome = worker.call("evaluate", name, kwargs, frame)
        except gx_worker.GxError as error:  # only the typed date bounds can differ from ready's
            raise CannotEvaluate(_about(self.check, str(error))) from None
        if "problem" in outcome:
            raise CannotEvaluate(outcome["problem"])
        success, result = outcome["success"], outcome["result"]
        return [self.result_finding(table, success, result, columns, worker.version)]

    def result_finding(
        self, table: TableData, success: bool, result: dict, columns: list[str], version: str
    ) -> Finding:
        args = self.check.args
        name = args["expectation"]
        rows = len(table.table.frame)
        if isinstance(result.get("element_count"), int):
            rows = result["element_count"]  # the rows a row_condition selects
        column = columns[0] if len(columns) == 1 else None
        if columns:
            target = (
                f"{table.name}.{columns[0]}" if column else f"{table.name}[{', '.join(columns)}]"
            )
        else:
            target = table.name
        count = result.get("unexpected_count")
        indices = [int(i) for i in result.get("partial_unexpected_index_list") or []]
        indices = [i for i in indices if 0 <= i < len(table.table.frame)][:MAX_LOCATIONS]
        expected = signature(name, args["kwargs"])
        details = {
            "expectation": name,
            "kwargs": jsonable(args["kwargs"]),
            "values": args["values"],
            "great_expectations": version,
        }
        if count is not None:
            details["unexpected_count"] = int(count)
            details["element_count"] = rows
            details["unexpected_rows"] = [table.table.line_of(i) for i in indices]
        elif "observed_value" in result:
            details["observed_value"] = jsonable(result["observed_value"])
        named = COLUMN_KEYS if name.startswith("expect_table_") else COLUMN_KEYS + LIST_KEYS
        params = {"target": target, "expectation": signature(name, args["kwargs"], named)}
        params["rows"] = rows
        table_location = (Location(table.table.display_path, None, column),)
        if success:
            note_nb = note_en = ""
            mostly = args["kwargs"].get("mostly")
            if count and mostly is not None:
                note_nb = f" — {count} avvik, innenfor mostly={mostly}"
                note_en = f" — {count} unexpected, within mostly={mostly}"
            return self.finding(
                True,
                "pass",
                table_location,
                params={**params, "note_nb": note_nb, "note_en": note_en},
                expected=expected,
                actual=local("{n} avvik", "{n} unexpected", n=count) if count is not None else None,
                details=details,
            )
        if count is None:
            observed = _shown(result.get("observed_value"))
            return self.finding(
                False,
                "fail_value",
                table_location,
                params={**params, "observed": observed},
                expected=expected,
                actual=observed,
                details=details,
            )
        samples = self.samples(table, indices, columns, result)
        more = int(count) - len(samples)
        sample_nb = ", ".join(s["nb"] for s in samples) + (f" (og {more} til)" if more > 0 else "")
        sample_en = ", ".join(s["en"] for s in samples) + (
            f" (and {more} more)" if more > 0 else ""
        )
        values = ", ".join(s["value"] for s in samples)
        locations = tuple(table.location(i, column) for i in indices) or table_location
        return self.finding(
            False,
            "fail_rows",
            locations,
            params={**params, "count": count, "sample_nb": sample_nb, "sample_en": sample_en},
            expected=expected,
            actual=local(
                "{n} av {rows} rader: {v}", "{n} of {rows} rows: {v}", n=count, rows=rows, v=values
            ),
            details=details,
        )

    @staticmethod
    def samples(
        table: TableData, indices: list[int], columns: list[str], result: dict
    ) -> list[dict[str, str]]:
        """The first unexpected values, as printed, with their lines."""
        samples = []
        if indices and columns:
            for index in indices[:MAX_SAMPLES]:
                texts = [table.text(index, c) for c in columns]
                value = "«" + " | ".join("" if t is None else str(t) for t in texts) + "»"
                line = table.table.line_of(index)
                samples.append(
                    {"nb": f"{value} (linje {line})", "en": f"{value} (line {line})", "v": value}
                )
        else:
            for item in (result.get("partial_unexpected_list") or [])[:MAX_SAMPLES]:
                value = f"«{_shown(item, 80)}»"
                samples.append({"nb": value, "en": value, "v": value})
        return [{"nb": s["nb"], "en": s["en"], "value": s["v"]} for s in samples]
