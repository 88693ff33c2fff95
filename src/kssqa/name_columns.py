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


class Rows:
    """The rows of one table column where one name is printed, standing in for their
    locations: a register names the same centre a hundred thousand times, and a finding shows
    a few of them. Its ``quote`` is None, as a register row's location has none."""

    quote = None
    __slots__ = ("indices", "table", "column")

    def __init__(self, table, column: str, indices: list[int]):
        self.table, self.column, self.indices = table, column, indices

    def __len__(self) -> int:
        return len(self.indices)

    def locations(self, limit: int) -> list[Location]:
        return [self.table.location(i, self.column) for i in self.indices[:limit]]


class Places:
    """Where one spelling is printed, in order: locations and whole Rows; ``len`` counts the
    rows, slicing from the start builds the locations it returns, and no others."""

    def __init__(self):
        self.parts: list[Location | Rows] = []
        self.count = 0

    def append(self, place: Location | Rows) -> None:
        self.parts.append(place)
        self.count += len(place) if isinstance(place, Rows) else 1

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, wanted: slice) -> list[Location]:
        if not isinstance(wanted, slice) or wanted.start or wanted.step:
            raise TypeError("Places only gives its first locations")
        limit = self.count if wanted.stop is None else wanted.stop
        found: list[Location] = []
        for part in self.parts:
            if len(found) >= limit:
                break
            if isinstance(part, Rows):
                found += part.locations(limit - len(found))
            else:
                found.append(part)
        return found


def register_items(data, entry: dict[str, Any], partial: bool = False) -> list[tuple[str, Rows]]:
    """The names of a column of a table that quotes nothing (a register), one item per name
    with the Rows that print it; each distinct cell is read once."""
    import numpy as np
    import pandas as pd

    table = data.table(entry["table"])
    column = entry["column"]
    if column not in table.table.columns:
        raise DataError(f"table {entry['table']!r} has no column {column!r}")
    rows = np.asarray(table.select(entry.get("where"), partial=partial), dtype=np.int64)
    cells = table.table.frame[column].to_numpy(dtype=object)[rows]
    codes, texts = pd.factorize(cells, use_na_sentinel=True)
    order = np.argsort(codes, kind="stable")  # the rows of each text, in row order
    bounds = np.searchsorted(codes[order], np.arange(len(texts) + 1))
    found: dict[str, list] = {}
    for code, text in enumerate(texts):
        indices = rows[order[bounds[code] : bounds[code + 1]]]
        for part in split_items(text, entry.get("split")):
            name = clean(part)
            if name:
                found.setdefault(name, []).append(indices)
    return [
        (name, Rows(table, column, np.sort(np.concatenate(chunks)).tolist()))
        for name, chunks in found.items()
    ]


def column_items(data, entry: dict[str, Any], partial: bool = False) -> list[tuple[str, Location]]:
    """The names printed in one ``{table, column, where?, split?}``, each with its cell.

    ``partial``: the confirmed rows only, when some are not confirmed yet (see TableData.select).
    """
    table = data.table(entry["table"])
    column = entry["column"]
    if column not in table.table.columns:
        raise DataError(f"table {entry['table']!r} has no column {column!r}")
    found = []
    cells = table.table.cells(column)
    names: dict[str, list[str]] = {}  # a register repeats its names: each text split once
    for index in table.select(entry.get("where"), partial=partial):
        text = cells[index]
        if text is None:
            continue
        if text not in names:
            names[text] = [clean(p) for p in split_items(text, entry.get("split")) if clean(p)]
        if names[text]:
            location = table.location(index, column)
            found += [(name, location) for name in names[text]]
    return found
