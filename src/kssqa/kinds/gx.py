"""gx — any expectation of the Great Expectations catalog, by name, on a loaded table.

A ``gx`` check names a GX expectation (``expect_column_values_to_be_between``, ...), the
input table it applies to and the expectation's own arguments (``kwargs``). kssqa runs it in
a GX ephemeral data context on the table kssqa has already read and validated, and turns the
result into an ordinary finding: the rows GX reports as unexpected become locations (file and
line, capped), with the unexpected count.

Great Expectations is large: it is imported only when a ``gx`` check is selected to run
(:meth:`GxKind.prepare`, which api.run calls for the selected checks only), never when
kssqa is merely loaded. GX runs offline and leaves nothing behind: analytics off, an in-memory
(ephemeral) context, no progress bars, its logging and warnings kept out of kssqa's output.
One context serves every ``gx`` check of the process.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import logging
import math
import os
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd

from ..config import ConfigError
from ..data import TableData
from ..findings import Finding, Location
from ..messages import Template
from ..numbers import DateSpan, Quantity
from . import register
from .base import Arg, CannotEvaluate, CheckSpec, Example, Kind, KindDoc

MAX_LOCATIONS = 20  # unexpected rows shown as locations (GX's partial_unexpected_count)
MAX_SAMPLES = 5  # unexpected values quoted in the message
VALUE_MODES = ("typed", "text")
# kwargs that name the data columns an expectation reads (for table-level expectations such as
# expect_table_columns_to_match_ordered_list, column_list is what is expected, not what is read)
COLUMN_KEYS = ("column", "column_A", "column_B")
LIST_KEYS = ("column_list",)
# fields of a GX expectation class that are not arguments of the rule itself
NOT_ARGUMENTS = {
    "id",
    "meta",
    "notes",
    "description",
    "result_format",
    "rendered_content",
    "batch_id",
    "catch_exceptions",
    "severity",
    "windows",
}

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
        "unknown expectation or bad arguments stop the run with exit code 2 before any data is "
        "read, naming the check and the closest valid names. GX runs offline in memory "
        "(analytics off, nothing written, no progress bars) and is imported only when a gx "
        "check runs: `--skip gx` runs without it. `kssqa export gx` writes the gx checks, "
        "and the schema rules GX can express, as GX expectation suites."
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


# --- Great Expectations, imported on first use ----------------------------------------------


@contextlib.contextmanager
def quiet():
    """Keep GX's logging, warnings and stray prints out of kssqa's output."""
    logger = logging.getLogger("great_expectations")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


@dataclass
class Runtime:
    """The imported GX, its catalog and the one in-memory context of this process."""

    version: str
    catalog: dict[str, type]  # snake_case name -> expectation class
    batch_definition: Any

    def validate(self, frame, expectation) -> Any:
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(
            expectation,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": MAX_LOCATIONS},
        )


_RUNTIME: Runtime | None = None


def runtime() -> Runtime:
    """Import GX and create its ephemeral context (once per process)."""
    global _RUNTIME
    if _RUNTIME is not None:
        return _RUNTIME
    os.environ["GX_ANALYTICS_ENABLED"] = "False"  # before the import: GX reads it then
    try:
        with quiet():
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )
            from great_expectations.expectations import registry

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            )
            context = gx.get_context(project_config=config, mode="ephemeral")
            asset = context.data_sources.add_pandas("kssqa").add_dataframe_asset("table")
            batch_definition = asset.add_batch_definition_whole_dataframe("whole table")
            catalog = {
                name: registry.get_expectation_impl(name)
                for name in registry.list_registered_expectation_implementations()
            }
    except Exception as error:  # a broken installation: say so, never a traceback
        raise ConfigError(f"Great Expectations cannot be started: {error}") from None
    _RUNTIME = Runtime(gx.__version__, catalog, batch_definition)
    return _RUNTIME


def snake_case(name: str) -> str:
    """``ExpectColumnValuesToBeBetween`` -> ``expect_column_values_to_be_between``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip()).lower()


def expectation_class(check: CheckSpec) -> type:
    """The GX class of the check's expectation; ConfigError with the closest names if unknown."""
    rt = runtime()
    name = check.args["expectation"]
    if name in rt.catalog:
        return rt.catalog[name]
    wanted = snake_case(name)
    if wanted in rt.catalog and wanted != name:
        raise ConfigError(
            f"{check.source}: check {check.id!r} (gx): write the expectation as {wanted!r} "
            f"(GX's snake_case name), not {name!r}"
        )
    close = difflib.get_close_matches(wanted, sorted(rt.catalog), n=3, cutoff=0.0)
    hint = f"did you mean {', '.join(close)}?"
    raise ConfigError(
        f"{check.source}: check {check.id!r} (gx): {name!r} is not an expectation of "
        f"Great Expectations {rt.version}; {hint} ({len(rt.catalog)} expectations in the catalog)"
    )


def _argument_errors(cls: type, error: Exception, kwargs: dict[str, Any]) -> str:
    """A pydantic validation error as "arg: problem; arg: problem", with closest names."""
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    fields = sorted(getattr(cls, "__fields__", {}) or {})
    known = [f for f in fields if f not in NOT_ARGUMENTS and not f.startswith("_")]
    problems: dict[str, list[str]] = {}
    for item in errors():
        location = ".".join(str(part) for part in item.get("loc", ())) or "kwargs"
        message = str(item.get("msg", "invalid"))
        if item.get("type") == "value_error.extra":
            close = difflib.get_close_matches(location, known, n=2, cutoff=0.5)
            message = "unknown argument" + (f" (did you mean {', '.join(close)}?)" if close else "")
        elif location == "__root__":
            location = "kwargs"
        elif location in kwargs:
            location = f"{location}={jsonable(kwargs[location])!r}"
        if message not in problems.setdefault(location, []):
            problems[location].append(message)
    text = "; ".join(f"{where}: {' / '.join(found)}" for where, found in problems.items())
    return f"{text} (arguments of this expectation: {', '.join(known)})"


def build_expectation(check: CheckSpec, kwargs: dict[str, Any]) -> Any:
    cls = expectation_class(check)
    try:
        with quiet():
            return cls(**kwargs)
    except Exception as error:  # pydantic's ValidationError, GX's configuration errors
        raise ConfigError(
            f"{check.source}: check {check.id!r} (gx): {check.args['expectation']}: bad kwargs: "
            f"{_argument_errors(cls, error, kwargs)}"
        ) from None


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


def jsonable(value: Any) -> Any:
    """kwargs as plain JSON data (YAML dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


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


def exception_message(info: Any) -> str | None:
    """The first exception GX caught while evaluating, from its (possibly nested) info."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "an exception in GX").strip()
        return None
    for value in info.values():
        found = exception_message(value)
        if found:
            return found
    return None


def _shown(value: Any, limit: int = 200) -> str:
    text = json.dumps(jsonable(value), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the kind -------------------------------------------------------------------------------


@register
class GxKind(Kind):
    name = "gx"
    title = "En forventning fra Great Expectations holder"
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

    @classmethod
    def prepare(cls, check: CheckSpec) -> None:
        """Import GX, then check the expectation's name and arguments (ConfigError)."""
        build_expectation(check, dict(check.args["kwargs"]))

    def evaluate(self) -> list[Finding]:
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
        frame = frame_for_gx(table, args["values"])
        if args["values"] == "typed":
            kwargs = typed_kwargs(kwargs, table, columns)
        try:
            expectation = build_expectation(self.check, kwargs)
        except ConfigError as error:  # only the typed date bounds can differ from prepare's
            raise CannotEvaluate(str(error)) from None
        try:
            with quiet():
                result = runtime().validate(frame, expectation)
        except Exception as error:  # GX failed outside its own exception capture
            raise CannotEvaluate(f"Great Expectations: {error}") from None
        problem = exception_message(getattr(result, "exception_info", None))
        if problem:
            raise CannotEvaluate(f"Great Expectations cannot evaluate {name}: {problem}")
        return [self.result_finding(table, bool(result.success), result.result or {}, columns)]

    def result_finding(
        self, table: TableData, success: bool, result: dict, columns: list[str]
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
            "great_expectations": runtime().version,
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
                actual=f"{count} avvik" if count is not None else None,
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
            actual=f"{count} av {rows} rader: {values}",
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
