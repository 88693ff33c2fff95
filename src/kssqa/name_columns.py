"""The names printed in a column: ``{table, column, where?, split?}`` entries of a check.

Used by the kinds that read lists of names (``names``, ``same_items``): the entry's validation
when checks are loaded, and its items — each cell, split at the separator, with its location.
"""

from __future__ import annotations

from typing import Any

from .data import DataError
from .findings import Location
from .spelling import clean

COLUMN_KEYS = {"table", "column", "where", "split"}

# --- the names printed in a column ----------------------------------------------------------------


def column_entry_problem(entry: Any, arg: str, bad) -> None:
    """Raise ``bad(message)`` unless ``entry`` is ``{table, column, where?, split?}``."""
    if not isinstance(entry, dict) or not {"table", "column"} <= set(entry):
        raise bad(f"each entry of {arg} needs table and column, got {entry!r}")
    unknown = set(entry) - COLUMN_KEYS
    if unknown:
        raise bad(f"unknown key(s) {sorted(unknown)} in {arg}; known: {sorted(COLUMN_KEYS)}")
    if not all(isinstance(entry[k], str) and entry[k] for k in ("table", "column")):
        raise bad(f"table and column must be names, got {entry!r}")
    if "where" in entry and not (
        isinstance(entry["where"], dict) and all(isinstance(k, str) for k in entry["where"])
    ):
        raise bad(f"where must be a mapping column -> value(s), got {entry['where']!r}")
    if "split" in entry and not (isinstance(entry["split"], str) and entry["split"]):
        raise bad(f"split must be a separator text such as ' / ', got {entry['split']!r}")


def column_items(data, entry: dict[str, Any], partial: bool = False) -> list[tuple[str, Location]]:
    """The names printed in one ``{table, column, where?, split?}``, each with its cell.

    ``partial``: the confirmed rows only, when some are not confirmed yet (see TableData.select).
    """
    table = data.table(entry["table"])
    column = entry["column"]
    if column not in table.table.columns:
        raise DataError(f"table {entry['table']!r} has no column {column!r}")
    found = []
    for index in table.select(entry.get("where"), partial=partial):
        text = table.text(index, column)
        if text is None:
            continue
        parts = text.split(entry["split"]) if entry.get("split") else [text]
        for part in parts:
            if clean(part):
                found.append((clean(part), table.location(index, column)))
    return found
