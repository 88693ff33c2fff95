"""What a schema is: ``schemas/*.yaml`` -> :class:`SchemaSpec`, validated when loaded.

A schema file declares a table's columns, their types and rules (see ``schemas/README.md``).
An unknown key, type or option is a configuration error naming the file, before any data is
read. How a schema runs on a table (pandera, findings) is :mod:`kssqa.schemas`; this module
imports neither pandas nor pandera.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .config import ConfigError
from .findings import Severity
from .messages import quoted
from .numbers import (
    parse_amount,
    parse_date,
    parse_decimal_text,
    parse_integer,
    parse_percent,
    parse_quantity,
)
from .yamlio import load_file
from .years import REPORTING_YEAR, window_days

EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")

PARSERS: dict[str, Callable[[str], Any]] = {
    "integer": parse_integer,
    "decimal": parse_decimal_text,
    "quantity": parse_quantity,
    "percent": parse_percent,
    "amount": parse_amount,
    "date": parse_date,  # allow_range is applied per column
}
TEXT_TYPES = {"text", "email"}
NUMERIC_TYPES = {"integer", "decimal", "quantity", "percent", "amount"}
TYPES = TEXT_TYPES | set(PARSERS)

_COLUMN_OPTIONS = {
    "type",
    "required",
    "unique",
    "pattern",
    "allowed",
    "min",
    "max",
    "exclusive_min",
    "exclusive_max",
    "within",
    "allow_range",
    "default_year",
    "severity",
    "description",
    "new_year",
    "printed",
    "position",
}
_OPTION_TYPES = {
    "pattern": TEXT_TYPES,
    "allowed": {"text"},
    "min": NUMERIC_TYPES,
    "max": NUMERIC_TYPES,
    "exclusive_min": NUMERIC_TYPES,
    "exclusive_max": NUMERIC_TYPES,
    "within": {"date"},
    "allow_range": {"date"},
    "default_year": {"date"},
    "position": {"integer"},
}
_SCHEMA_KEYS = {
    "table",
    "file",
    "title",
    "description",
    "columns",
    "unique_together",
    "checks",
    "new_year",
}
# What `kssqa new-year` does with a column (see NewYear in kssqa.scaffold), and with the rows.
QUOTE_COLUMN = "quote"  # the printed sentence a row transcribes; empty: not confirmed yet
NEW_YEAR_COLUMN = ("keep", "clear", "shift")
NEW_YEAR_TABLE = ("rows", "empty")
_ROW_CHECK_KEYS = {"when", "column", "min", "max", "severity", "description"}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str = "text"
    required: bool = False
    unique: bool = False
    pattern: str | None = None
    allowed: tuple[str, ...] | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    exclusive_min: Decimal | None = None  # the value must be above it
    exclusive_max: Decimal | None = None  # the value must be below it
    within: str | tuple[date, date] | None = None
    allow_range: bool = False
    default_year: str | int | None = None  # the year of a month printed without one
    severity: Severity = Severity.ERROR
    description: str = ""
    new_year: str | None = None  # keep | clear | shift; None: the default for its name and type
    printed: bool | None = None  # its value stands in the row's quote; None: by its type
    position: bool = False  # the row's place in the manuscript: its line (Word: paragraph)

    @property
    def is_printed(self) -> bool:
        """Whether the cell's value is printed inside the row's quote (and so is checked to be
        there): by default a parsed column's, but the year a figure is about."""
        if self.printed is not None:
            return self.printed
        return self.type in PARSERS and self.name != "year" and not self.position


@dataclass(frozen=True)
class RowCheckSpec:
    when: tuple[tuple[str, tuple[str, ...]], ...]
    column: str
    min: Decimal | None = None
    max: Decimal | None = None
    severity: Severity = Severity.ERROR
    description: str = ""

    def condition_text(self) -> str:
        return " og ".join(f"{c} ∈ {{{', '.join(v)}}}" for c, v in self.when)


@dataclass(frozen=True)
class SchemaSpec:
    table: str
    file: str
    path: Path
    title: str = ""
    description: str = ""
    columns: tuple[ColumnSpec, ...] = ()
    unique_together: tuple[tuple[str, ...], ...] = ()
    checks: tuple[RowCheckSpec, ...] = field(default=())
    new_year: str = "rows"  # rows: next year starts from this year's rows; empty: from none

    def column(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)


# --- loading -------------------------------------------------------------------------------


def _fail(path: Path, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {problem}")


def _require_mapping(
    raw: Any, known: set[str], what: str, shape: str, path: Path, where: str
) -> None:
    """``raw`` is a mapping of ``known`` keys, else a ConfigError naming the file and place."""
    if not isinstance(raw, dict):
        raise _fail(path, where, f"must be a mapping {shape}")
    unknown = set(raw) - known
    if unknown:
        raise _fail(
            path, where, f"unknown {what} {sorted(unknown, key=str)}; known: {sorted(known)}"
        )


def _number(value: Any, path: Path, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail(path, where, f"must be a number, got {quoted(value)}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise _fail(path, where, f"must be a number, got {quoted(value)}") from None
    if not number.is_finite():
        raise _fail(path, where, f"must be a finite number, got {quoted(value)}")
    return number


def _severity(value: Any, path: Path, where: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise _fail(path, where, "severity must be error, warning or info") from None


def _within(value: Any, path: Path, where: str) -> str | tuple[date, date]:
    if value == REPORTING_YEAR:
        return value
    days = window_days(value)
    if days is None:
        raise _fail(path, where, "within must be reporting_year or [YYYY-MM-DD, YYYY-MM-DD]")
    return days


def _default_year(value: Any, path: Path, where: str) -> str | int:
    if value == "reporting_year" or (
        isinstance(value, int) and not isinstance(value, bool) and date.min.year <= value <= 9999
    ):
        return value
    raise _fail(path, where, "default_year must be reporting_year or a year such as 2025")


def _column_spec(name: str, raw: Any, path: Path) -> ColumnSpec:
    where = f"column {name!r}"
    shape = "of options, e.g. {type: text}"
    _require_mapping(raw, _COLUMN_OPTIONS, "option(s)", shape, path, where)
    type_name = raw.get("type", "text")
    if not isinstance(type_name, str) or type_name not in TYPES:
        raise _fail(path, where, f"unknown type {quoted(type_name)}; known: {sorted(TYPES)}")
    for option, types in _OPTION_TYPES.items():
        if option in raw and type_name not in types:
            raise _fail(path, where, f"option {option!r} does not apply to type {type_name!r}")
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            raise _fail(
                path, where, f"pattern is not a valid regular expression: {error}"
            ) from None
    allowed = raw.get("allowed")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(a, str | int) for a in allowed)
    ):
        raise _fail(path, where, "allowed must be a list of values")
    for flag in ("required", "unique", "allow_range", "printed", "position"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise _fail(path, where, f"{flag} must be true or false")
    if "new_year" in raw and raw["new_year"] not in NEW_YEAR_COLUMN:
        raise _fail(path, where, f"new_year must be one of {', '.join(NEW_YEAR_COLUMN)}")
    return ColumnSpec(
        name=name,
        type=type_name,
        required=raw.get("required", False),
        unique=raw.get("unique", False),
        pattern=pattern,
        allowed=tuple(str(a) for a in allowed) if allowed is not None else None,
        min=_number(raw["min"], path, where) if "min" in raw else None,
        max=_number(raw["max"], path, where) if "max" in raw else None,
        exclusive_min=(
            _number(raw["exclusive_min"], path, where) if "exclusive_min" in raw else None
        ),
        exclusive_max=(
            _number(raw["exclusive_max"], path, where) if "exclusive_max" in raw else None
        ),
        within=_within(raw["within"], path, where) if "within" in raw else None,
        allow_range=raw.get("allow_range", False),
        default_year=(
            _default_year(raw["default_year"], path, where) if "default_year" in raw else None
        ),
        severity=_severity(raw.get("severity", "error"), path, where),
        description=str(raw.get("description", "")),
        new_year=raw.get("new_year"),
        printed=raw.get("printed"),
        position=raw.get("position", False),
    )


def _row_check(index: int, raw: Any, columns: dict[str, ColumnSpec], path: Path) -> RowCheckSpec:
    where = f"checks[{index}]"
    _require_mapping(raw, _ROW_CHECK_KEYS, "key(s)", "with when, column, min/max", path, where)
    when = raw.get("when")
    if not isinstance(when, dict) or not when:
        raise _fail(path, where, "when must map column names to a value or a list of values")
    conditions = []
    for column, values in when.items():
        if column not in columns:
            raise _fail(path, where, f"when names unknown column {column!r}")
        values = values if isinstance(values, list) else [values]
        conditions.append((column, tuple(str(v) for v in values)))
    column = raw.get("column")
    if not isinstance(column, str) or column not in columns:
        raise _fail(path, where, f"column {quoted(column)} is not declared in columns")
    if columns[column].type not in NUMERIC_TYPES:
        raise _fail(path, where, f"column {column!r} is not numeric")
    if "min" not in raw and "max" not in raw:
        raise _fail(path, where, "needs min and/or max")
    return RowCheckSpec(
        when=tuple(conditions),
        column=column,
        min=_number(raw["min"], path, where) if "min" in raw else None,
        max=_number(raw["max"], path, where) if "max" in raw else None,
        severity=_severity(raw.get("severity", "error"), path, where),
        description=str(raw.get("description", "")),
    )


def _list(data: dict, key: str, path: Path) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"{path}: {key} must be a list")
    return value


def _declared(column: Any, columns: dict[str, ColumnSpec]) -> bool:
    return isinstance(column, str) and column in columns


def load_schema(path: Path, year: int | None = None) -> SchemaSpec:
    """One schema file, its year placeholders (``$year``, ``$prior``) replaced."""
    data = load_file(path, path, year)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a schema must be a mapping with table, file and columns")
    unknown = set(data) - _SCHEMA_KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {sorted(unknown, key=str)}; known: {sorted(_SCHEMA_KEYS)}"
        )
    for key in ("table", "file"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ConfigError(f"{path}: {key} is required")
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, dict) or not raw_columns:
        raise ConfigError(f"{path}: columns must map each column name to its options")
    columns = {str(n): _column_spec(str(n), spec, path) for n, spec in raw_columns.items()}
    groups = []
    for group in _list(data, "unique_together", path):
        if (
            not isinstance(group, list)
            or not group
            or any(not _declared(c, columns) for c in group)
        ):
            raise ConfigError(f"{path}: unique_together entries must list declared columns")
        groups.append(tuple(group))
    checks = tuple(
        _row_check(i, raw, columns, path) for i, raw in enumerate(_list(data, "checks", path))
    )
    new_year = data.get("new_year", "rows")
    if new_year not in NEW_YEAR_TABLE:
        raise ConfigError(f"{path}: new_year must be one of {', '.join(NEW_YEAR_TABLE)}")
    return SchemaSpec(
        table=data["table"],
        file=data["file"],
        path=path,
        title=str(data.get("title", "")),
        description=str(data.get("description", "")),
        columns=tuple(columns.values()),
        unique_together=tuple(groups),
        checks=checks,
        new_year=new_year,
    )


def load_schemas(folder: Path, year: int | None = None) -> list[SchemaSpec]:
    """Every schema in ``folder``, for the reporting ``year`` (see :mod:`kssqa.years`)."""
    if not folder.is_dir():
        raise ConfigError(f"schemas folder {folder} does not exist")
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    specs = [load_schema(p, year) for p in paths]
    seen: dict[str, Path] = {}
    for spec in specs:
        if spec.table in seen:
            raise ConfigError(
                f"{spec.path}: table {spec.table!r} is also defined in {seen[spec.table]}"
            )
        seen[spec.table] = spec.path
    return specs


# --- validation ----------------------------------------------------------------------------


# Where the schema requires a quote (the printed text a row was read from), a row is
# confirmed once its quote is filled in. A row without one is a proposal not yet checked
# against the report — a row `kssqa new-year` made from last year's, say: the rules and checks
# leave it alone until then, and its empty cells are counted as unfilled, not reported one by
# one.
