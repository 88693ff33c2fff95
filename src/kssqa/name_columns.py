"""The names printed in a column: ``{table, column, where?, split?}`` entries of a check.

Used by the kinds that read lists of names (``names``, ``same_items``): the entry's validation
when checks are loaded, and its items — each cell, split at the separators, with its location.

``split`` is a separator or a list of them (``[", ", " og "]`` for «A, B og C»). A separator
that is a word (« og ») joins two names only where a name follows, one that begins with a
capital letter or a digit: «NKVTS og Sentio» is two names, «Krisesenteret for Molde og omegn
IKS» and «Likestillings- og diskrimineringsombudet» are one.
"""

from __future__ import annotations

import re
from typing import Any

from .data import DataError
from .findings import Location
from .spelling import clean

COLUMN_KEYS = {"table", "column", "where", "split"}

# A name followed by its abbreviation: «Likestillings- og diskrimineringsombudet (LDO)».
_ABBREVIATED = re.compile(
    r"^(?P<name>.*\S)\s*\((?P<short>[^()\s]*[A-ZÆØÅ][^()\s]*[A-ZÆØÅ][^()\s]*)\)$"
)


def with_abbreviation(text: str) -> list[str]:
    """A name printed with its abbreviation in parentheses is two names (the name, the
    abbreviation), as names.csv records them; any other text is one."""
    match = _ABBREVIATED.match(text)
    return [match["name"], match["short"]] if match else [text]


def _separators_problem(split: Any) -> bool:
    values = split if isinstance(split, list) else [split]
    return not values or not all(isinstance(s, str) and s for s in values)


def split_items(text: str, split: str | list[str] | None) -> list[str]:
    """The items of a cell: split at any of the separators (a word separator only before a
    capital letter or a digit)."""
    if not split:
        return [text]
    separators = split if isinstance(split, list) else [split]
    patterns = [
        re.escape(s) + (r"(?=[A-ZÆØÅ\d])" if s.strip().isalpha() else "")
        for s in sorted(separators, key=len, reverse=True)
    ]
    return re.split("|".join(patterns), text)


def column_entry_problem(entry: Any, arg: str, bad) -> None:
    """Raise ``bad(message)`` unless ``entry`` is ``{table, column, where?, split?}``."""
    if not isinstance(entry, dict) or not {"table", "column"} <= set(entry):
        raise bad(f"each entry of {arg} needs table and column, got {entry!r}")
    unknown = set(entry) - COLUMN_KEYS
    if unknown:
        raise bad(
            f"unknown key(s) {sorted(unknown, key=str)} in {arg}; known: {sorted(COLUMN_KEYS)}"
        )
    if not all(isinstance(entry[k], str) and entry[k] for k in ("table", "column")):
        raise bad(f"table and column must be names, got {entry!r}")
    if "where" in entry and not (
        isinstance(entry["where"], dict) and all(isinstance(k, str) for k in entry["where"])
    ):
        raise bad(f"where must be a mapping column -> value(s), got {entry['where']!r}")
    if "split" in entry and _separators_problem(entry["split"]):
        raise bad(
            "split must be a separator text such as ' / ' or a list of them, "
            f"got {entry['split']!r}"
        )


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
        for part in split_items(text, entry.get("split")):
            if clean(part):
                found.append((clean(part), table.location(index, column)))
    return found
