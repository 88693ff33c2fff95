"""Register reconciliation shared by ``count`` and ``sum``: printed figures against a raw table
(a contact log, a case register) aggregated by group, in one vectorised pass.

The printed side is one figure (a key, or ``{table, where, column}``), or with ``by`` one
printed row per group: ``by: {channel: scope}`` pairs each printed row whose ``scope`` is
«telefon» with the register rows whose ``channel`` is «telefon». The register side is filtered
(``where``, ``window``) and grouped once by pandas, however many groups are printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..config import ConfigError
from ..data import DataError, Figure, TableData
from ..rowfilter import group_rows, need_column, selection_label, window_problem
from .base import CannotEvaluate

SUMMABLE = {"integer", "decimal", "quantity", "amount"}  # what a register column sums as


def validate_register(check_id: str, args: dict[str, Any], where: str, kind: str) -> None:
    """``by`` maps column names to column names, and asks for printed rows, not one figure;
    ``window`` is a date column and a window."""
    if args.get("window") is not None:
        problem = window_problem(args["window"])
        if problem:
            raise ConfigError(f"{where}: check {check_id!r} ({kind}): {problem}")
    by = args.get("by")
    if by is None:
        return
    if not by or not all(isinstance(v, str) and v for pair in by.items() for v in pair):
        raise ConfigError(
            f"{where}: check {check_id!r} ({kind}): by maps the register's columns to the "
            f"printed rows' columns, e.g. {{channel: scope}}; got {by!r}"
        )
    if not isinstance(args["printed"], dict):
        raise ConfigError(
            f"{where}: check {check_id!r} ({kind}): with by, printed selects the printed rows, "
            "one per group: {table, where}"
        )


def printed_groups(
    kind, table: TableData, rows: list[int]
) -> Iterator[tuple[Figure, list[int], dict[str, Any]]]:
    """(printed figure, the register rows it is about, the filter that selects them)."""
    args = kind.check.args
    if args.get("by") is None:
        yield kind.figure(args["printed"]), rows, args
        return
    spec = args["printed"]
    printed = kind.data.table(spec["table"])
    column = spec.get("column", "value")
    need_column(printed, column)
    counted_columns, printed_columns = list(args["by"]), list(args["by"].values())
    for name in printed_columns:
        need_column(printed, name)
    groups = group_rows(table, rows, counted_columns)
    keys = printed.table.cells("key") if "key" in printed.table.columns else None
    selected = printed.select(spec.get("where"))
    if not selected:
        raise DataError(f"{selection_label(spec)} selects no printed rows")
    for index in selected:
        group = tuple(printed.text(index, name) for name in printed_columns)
        label = keys[index] if keys else f"{printed.name}#{printed.table.line_of(index)}"
        where = {c: "" if v is None else v for c, v in zip(counted_columns, group, strict=True)}
        described = {**args, "where": {**(args.get("where") or {}), **where}}
        yield Figure(label, column, printed, index), groups.get(group, []), described


def register_sum(table: TableData, column: str, rows: list[int]) -> Decimal:
    """The exact sum of ``column`` over ``rows``: each distinct printed value is read once and
    weighed by how many of the rows print it (so a million rows sum in a few array passes)."""
    import numpy as np

    if not rows:
        return Decimal(0)
    codes, values = table.distinct(column)
    picked = codes[np.asarray(rows)]
    empty = np.flatnonzero(picked < 0)
    if len(empty):
        unreadable(table, column, rows[int(empty[0])])
    counts = np.bincount(picked, minlength=len(values))
    total = Decimal(0)
    for code in np.flatnonzero(counts):
        value = values[code]
        if value is None:
            unreadable(table, column, rows[int(np.flatnonzero(picked == code)[0])])
        total += Decimal(int(counts[code])) * magnitude(value)
    return total


def unreadable(table: TableData, column: str, row: int) -> None:
    raise CannotEvaluate(
        f"{table.name}.{column} is empty or not a number kssqa could read in a summed row "
        f"({table.table.display_path}:{table.table.line_of(row)})"
    )


def magnitude(value: Any) -> Decimal:
    return value.value if hasattr(value, "value") else Decimal(value)
