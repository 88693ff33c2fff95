"""Rows of a table that match a filter, and what a filter or a one-row selection looks like.

A check counts rows (``count``), takes a share of rows (``percent_of``) or reads one figure
from a table that has no ``key`` column (a plain export: one row per member, one row per
contact; a table of printed figures named by another column). The filter is data:

- ``where``: column -> value or list of values (exact text; "" = an empty cell);
- ``contains``: column -> substring, list of substrings of which any must occur, or
  ``{all: [...]}`` of which all must occur (case-insensitive);
- ``match: normalized``: ``where`` and ``contains`` ignore case, spaces and hyphens, so
  «Inter- kommunalt selskap» and «Interkommunalt selskap» are one value;
- ``window``: ``{column: DATE_COLUMN, within: reporting_year | [YYYY-MM-DD, YYYY-MM-DD]}``:
  only the rows whose date (or date range) lies inside the window (a register of several
  years counted for one).

``where`` and ``window`` are vectorised (a register of a million rows is filtered in a blink);
``contains`` and ``match: normalized`` look at each row.
"""

from __future__ import annotations

import re
from typing import Any

from .data import DataError, Figure, TableData
from .messages import Template
from .years import is_window, window_bounds

MATCH_MODES = ("exact", "normalized")
ROWS_KEYS = {"table", "where", "contains", "match", "window"}  # a count of rows
CELL_KEYS = {"table", "where", "column"}  # one row's cell
# What `match: normalized` ignores besides case: spaces and hyphens/dashes, so that the
# line-break hyphen of "Inter- kommunalt selskap" and "Interkommunalt selskap" are one value.
_IGNORED = re.compile(r"[\s\-\u2010-\u2015\u00ad]+")

MESSAGES = {
    "filter": Template(" der {conditions}", " where {conditions}"),
    "equals": Template("{column} = {values}", "{column} = {values}"),
    "contains": Template("{column} inneholder {values}", "{column} contains {values}"),
    "or": Template(" eller ", " or "),
    "and": Template(" og ", " and "),
    "normalized": Template(
        " (uten hensyn til store/små bokstaver, mellomrom og bindestreker)",
        " (ignoring case, spaces and hyphens)",
    ),
    "window": Template(" med {column} i rapporteringsåret", " with {column} in the reporting year"),
    "window_dates": Template(
        " med {column} fra {first} til {last}", " with {column} from {first} to {last}"
    ),
}


def normalize(text: str | None) -> str:
    return _IGNORED.sub("", text or "").casefold()


def _casefold(text: str | None) -> str:
    return (text or "").casefold()


def as_list(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return ["" if v is None else str(v) for v in values]


def needles(value: Any) -> tuple[str, list[str]]:
    """A `contains` condition as (mode, substrings): "any" for a text or list, or as given."""
    if isinstance(value, dict):
        ((mode, wanted),) = value.items()
        return mode, as_list(wanted)
    return "any", as_list(value)


# --- validation (when checks are loaded) ---------------------------------------------------


def filter_problem(spec: dict[str, Any]) -> str | None:
    """What is wrong with the filter keys of ``spec`` (where, contains, match), or None."""
    where = spec.get("where", {}) or {}
    if not isinstance(where, dict) or not all(isinstance(k, str) for k in where):
        return f"where must be a mapping column -> value(s), got {where!r}"
    for column, wanted in (spec.get("contains", {}) or {}).items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if isinstance(wanted, dict):
            values = None
            if len(wanted) == 1 and next(iter(wanted)) in ("any", "all"):
                values = next(iter(wanted.values()))
                values = values if isinstance(values, list) else [values]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            return (
                f"contains: {column!r} must be a substring, a list of substrings (any of them) "
                f"or {{all: [substrings]}}, got {wanted!r}"
            )
    if spec.get("match", "exact") not in MATCH_MODES:
        return f"match must be one of {', '.join(MATCH_MODES)}, got {spec.get('match')!r}"
    if spec.get("window") is not None:
        return window_problem(spec["window"])
    return None


def window_problem(window: Any) -> str | None:
    """What is wrong with a ``window`` ({column, within}), or None."""
    if (
        not isinstance(window, dict)
        or set(window) != {"column", "within"}
        or not isinstance(window["column"], str)
        or not is_window(window["within"])
    ):
        return (
            "window must be {column: DATE_COLUMN, within: reporting_year or "
            f"[YYYY-MM-DD, YYYY-MM-DD]}}, got {window!r}"
        )
    return None


def selection_problem(value: Any, keys: set[str], what: str) -> str | None:
    """What is wrong with a ``{table, ...}`` selection of ``keys``, or None."""
    if not isinstance(value, dict) or not isinstance(value.get("table"), str):
        return f"{what} must be a mapping with table, got {value!r}"
    unknown = set(value) - keys
    if unknown:
        return f"{what}: unknown key(s) {sorted(unknown)}; known: {sorted(keys)}"
    if "column" in value and not (isinstance(value["column"], str) and value["column"]):
        return f"{what}: column must name a column, got {value['column']!r}"
    return filter_problem(value)


# --- evaluation ----------------------------------------------------------------------------


def need_column(table: TableData, column: str) -> None:
    if column not in table.table.columns:
        raise DataError(f"table {table.name!r} has no column {column!r}")


def in_window(table: TableData, window: dict[str, Any], year: int) -> Any:
    """Per row, whether its date lies inside ``window`` (a boolean array; False for an
    empty or unreadable date), judged once per distinct date."""
    column = window["column"]
    need_column(table, column)
    if column not in table.typed or table.spec.column(column).type != "date":
        raise DataError(f"window: column {column!r} of {table.name!r} is not a date column")
    first, last = window_bounds(window["within"], year)
    return table.per_row(column, lambda span: first <= span.start and span.end <= last)


def matching_rows(table: TableData, spec: dict[str, Any], year: int | None = None) -> list[int]:
    """The rows of ``table`` that match the filter of ``spec`` (confirmed rows: see select);
    ``year`` is the reporting year, for a ``window`` of reporting_year."""
    rows = _filtered(table, spec)
    if spec.get("window") is not None:
        import numpy as np

        inside = in_window(table, spec["window"], year or 0)  # a wrong window says so
        picked = np.asarray(rows, dtype=np.int64)
        rows = picked[inside[picked]].tolist()
    return rows


def _filtered(table: TableData, spec: dict[str, Any]) -> list[int]:
    where, contains = spec.get("where") or {}, spec.get("contains") or {}
    if spec.get("match", "exact") == "exact":
        rows = table.select(where)
        fold = _casefold
    else:
        rows, fold = table.select(None), normalize
        for column, values in where.items():
            need_column(table, column)
            wanted = {normalize(v) for v in as_list(values)}
            rows = [i for i in rows if normalize(table.text(i, column)) in wanted]
    for column, condition in contains.items():
        need_column(table, column)
        mode, wanted = needles(condition)
        test = all if mode == "all" else any
        rows = [i for i in rows if test(fold(n) in fold(table.text(i, column)) for n in wanted)]
    return rows


def group_rows(table: TableData, rows: list[int], columns: list[str]) -> dict[tuple, list[int]]:
    """``rows`` grouped by the texts of ``columns`` (None for an empty cell), in one pass."""
    for column in columns:
        need_column(table, column)
    if not rows:
        return {}
    import numpy as np

    picked = np.asarray(rows)
    subset = table.table.frame[columns].iloc[picked]  # the columns first: a smaller copy
    positions = subset.groupby(columns, dropna=False, sort=False).indices
    groups = {}
    for key, where in positions.items():
        values = key if isinstance(key, tuple) else (key,)
        clean = tuple(v if isinstance(v, str) else None for v in values)  # NaN: an empty cell
        groups[clean] = picked[where].tolist()
    return groups


def cell(data, spec: dict[str, Any], default_column: str = "value") -> Figure:
    """The one row of ``spec``'s table that its ``where`` selects, at ``column``: a figure of
    a table without keys (or read by another column than its key)."""
    table = data.table(spec["table"])
    column = spec.get("column", default_column)
    need_column(table, column)
    rows = table.select(spec.get("where"))
    label = selection_label(spec)
    if len(rows) != 1:
        raise DataError(f"{label} selects {len(rows)} rows; a figure is one row")
    return Figure(label, column, table, rows[0])


def selection_label(spec: dict[str, Any]) -> str:
    """``members[operating_form=Kommunalt]``: a selection as messages name it."""
    where = spec.get("where") or {}
    conditions = [f"{column}={'|'.join(as_list(values))}" for column, values in where.items()]
    conditions += [
        f"{column}~{'|'.join(needles(condition)[1])}"
        for column, condition in (spec.get("contains") or {}).items()
    ]
    return f"{spec['table']}[{', '.join(conditions)}]" if conditions else spec["table"]


def describe(spec: dict[str, Any]) -> dict[str, str]:
    """The filter in words (« der operating_form inneholder «kommunal»»), or empty."""
    parts = {"nb": [], "en": []}
    conditions = [("equals", c, "any", as_list(v)) for c, v in (spec.get("where") or {}).items()]
    conditions += [("contains", c, *needles(v)) for c, v in (spec.get("contains") or {}).items()]
    for code, column, mode, values in conditions:
        for lang in parts:
            joiner = MESSAGES["and" if mode == "all" else "or"].render()[lang]
            shown = joiner.join(f"«{v}»" for v in values)
            parts[lang].append(MESSAGES[code].render(column=column, values=shown)[lang])
    window = spec.get("window")
    if window is not None:
        within = window["within"]
        code = "window" if within == "reporting_year" else "window_dates"
        dates = (
            {} if code == "window" else dict(zip(("first", "last"), map(str, within), strict=True))
        )
        shown = MESSAGES[code].render(column=window["column"], **dates)
    if not parts["nb"]:
        return dict(shown) if window is not None else {"nb": "", "en": ""}
    result = {}
    for lang, texts in parts.items():
        joined = MESSAGES["and"].render()[lang].join(texts)
        result[lang] = MESSAGES["filter"].render(conditions=joined)[lang]
        if spec.get("match", "exact") == "normalized":
            result[lang] += MESSAGES["normalized"].render()[lang]
        if window is not None:
            result[lang] += shown[lang]
    return result
