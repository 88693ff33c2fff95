"""The loaded report data as checks see it: tables, and figures looked up by their key.

Every row of every table has a ``key`` (``vo_linjen.contacts.total.2025``). A check refers to
a figure by that key, optionally with a column (``projects.juleaksjonen:grant``); the default
column is ``value``. Looking a figure up gives its printed text, the value derived from it and
where it is (file, line, section, quote), so a finding can always point back to the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from .findings import Location
from .interval import Interval, interval_of
from .numbers import DateSpan, Quantity
from .schemas import SchemaSpec
from .tables import Table

DEFAULT_COLUMN = "value"


class DataError(LookupError):
    """A check refers to something the data does not have (a check error, not a crash)."""


@dataclass(frozen=True)
class TableData:
    spec: SchemaSpec
    table: Table
    typed: dict[str, pd.Series]

    @property
    def name(self) -> str:
        return self.spec.table

    def text(self, index: int, column: str) -> str | None:
        return self.table.frame.at[index, column]

    def value(self, index: int, column: str) -> Any:
        if column in self.typed:
            return self.typed[column][index]
        return self.text(index, column)

    def location(self, index: int, column: str | None = None) -> Location:
        frame = self.table.frame
        section = frame.at[index, "section"] if "section" in frame.columns else None
        quote = frame.at[index, "quote"] if "quote" in frame.columns else None
        return Location(self.table.display_path, self.table.line_of(index), column, section, quote)

    def require_columns(self, columns: list[str]) -> None:
        """A check names these columns: each must be one of the table's (DataError if not)."""
        for column in columns:
            if column not in self.table.columns:
                raise DataError(f"table {self.name!r} has no column {column!r}")

    def select(self, where: dict[str, Any] | None = None) -> list[int]:
        """Row indices whose text matches ``where`` (value, list of values, or "" for empty)."""
        frame = self.table.frame
        mask = pd.Series(True, index=frame.index)
        for column, wanted in (where or {}).items():
            if column not in frame.columns:
                raise DataError(f"table {self.name!r} has no column {column!r}")
            values = wanted if isinstance(wanted, list) else [wanted]
            texts = {None if v in ("", None) else str(v) for v in values}
            mask &= frame[column].map(lambda cell, texts=texts: cell in texts)
        return [int(i) for i in frame.index[mask]]


@dataclass(frozen=True)
class Figure:
    key: str
    column: str
    table: TableData
    index: int

    @property
    def text(self) -> str | None:
        return self.table.text(self.index, self.column)

    @property
    def value(self) -> Any:
        return self.table.value(self.index, self.column)

    @property
    def location(self) -> Location:
        return self.table.location(self.index, self.column)

    @property
    def ref(self) -> str:
        return self.key if self.column == DEFAULT_COLUMN else f"{self.key}:{self.column}"

    def quantity(self) -> Quantity:
        value = self.value
        if isinstance(value, Quantity):
            return value
        if isinstance(value, int):
            return Quantity(value=Decimal(value), text=str(self.text))
        if self.text is None:
            raise DataError(f"{self.ref} is empty (not printed)")
        raise DataError(f"{self.ref} = «{self.text}» is not a number kssqa could read")

    def interval(self) -> Interval:
        return interval_of(self.quantity())

    def date(self) -> DateSpan:
        if isinstance(self.value, DateSpan):
            return self.value
        raise DataError(f"{self.ref} = «{self.text}» is not a date kssqa could read")


class Data:
    """All usable tables of a run, with a global index of row keys."""

    def __init__(self, tables: list[TableData], year: int):
        self.year = year
        self.tables = {t.name: t for t in tables}
        self.keys: dict[str, tuple[TableData, int]] = {}
        self.duplicate_keys: dict[str, list[Location]] = {}
        for table in tables:
            if "key" not in table.table.columns:
                continue
            for index, key in enumerate(table.table.frame["key"]):
                if key is None:
                    continue
                if key in self.keys:
                    first_table, first_index = self.keys[key]
                    if first_table is table:
                        continue  # within one table, the schema's unique rule reports it
                    self.duplicate_keys.setdefault(key, [first_table.location(first_index, "key")])
                    self.duplicate_keys[key].append(table.location(index, "key"))
                    continue
                self.keys[key] = (table, index)

    def table(self, name: str) -> TableData:
        if name not in self.tables:
            raise DataError(f"no usable table {name!r} (known: {', '.join(sorted(self.tables))})")
        return self.tables[name]

    def figure(self, ref: str) -> Figure:
        key, _, column = ref.partition(":")
        column = column or DEFAULT_COLUMN
        if key not in self.keys:
            raise DataError(f"no row has the key {key!r}")
        table, index = self.keys[key]
        if column not in table.table.columns:
            raise DataError(f"{key}: table {table.name!r} has no column {column!r}")
        return Figure(key, column, table, index)

    def figures_where(self, table: str, where: dict[str, Any] | None, column: str) -> list[Figure]:
        data = self.table(table)
        if column not in data.table.columns:
            raise DataError(f"table {table!r} has no column {column!r}")
        keys = data.table.frame["key"] if "key" in data.table.columns else None
        return [
            Figure(keys[i] if keys is not None else f"{table}#{i}", column, data, i)
            for i in data.select(where)
        ]
