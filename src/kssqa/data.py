"""The loaded report data as checks see it: tables, and figures looked up by their key.

Every row of every table has a ``key`` (``vo_linjen.contacts.total.2025``). A check refers to
a figure by that key, optionally with a column (``projects.juleaksjonen:grant``); the default
column is ``value``. Looking a figure up gives its printed text, the value derived from it and
where it is (file, line, section, quote), so a finding can always point back to the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .findings import Location
from .interval import Interval, interval_of
from .numbers import DateSpan, Quantity

if TYPE_CHECKING:  # pandas and pandera load only when a run reads data (kssqa list is quick)
    import pandas as pd

    from .columnar import ParsedColumn
    from .schema_spec import SchemaSpec
    from .tables import Table

DEFAULT_COLUMN = "value"


class DataError(LookupError):
    """A check refers to something the data does not have (a check error, not a crash)."""


class Pending(DataError):
    """A check needs a row that is not confirmed yet (its quote is empty): it waits.

    Not a failure and not a pass: the check is reported as skipped until the row is filled in.
    """


@dataclass(frozen=True)
class TableData:
    spec: SchemaSpec
    table: Table
    typed: dict[str, pd.Series]
    unconfirmed: frozenset[int] = frozenset()  # rows whose quote is empty: not yet checkable
    # column -> its values as distinct values and a code per row (typed, without repeats)
    parsed: dict[str, ParsedColumn] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.spec.table

    def text(self, index: int, column: str) -> str | None:
        return self.table.cells(column)[index]

    def value(self, index: int, column: str) -> Any:
        if column in self.typed:
            return self.typed[column].array[index]
        return self.text(index, column)

    def location(self, index: int, column: str | None = None) -> Location:
        return self.table.location(index, column)

    def require_columns(self, columns: list[str]) -> None:
        """A check names these columns: each must be one of the table's (DataError if not)."""
        for column in columns:
            if column not in self.table.columns:
                raise DataError(f"table {self.name!r} has no column {column!r}")

    def require_confirmed(self, index: int, what: str) -> None:
        if index in self.unconfirmed:
            raise Pending(
                f"{what} ({self.table.display_path}:{self.table.line_of(index)}) is not "
                "confirmed yet: its quote is empty"
            )

    def select(self, where: dict[str, Any] | None = None, partial: bool = False) -> list[int]:
        """Row indices whose text matches ``where`` (value, list of values, or "" for empty).

        A check over rows needs all of them: when a matching row is not confirmed yet the
        check waits (Pending) — unless ``partial``, for checks that judge each row on its own,
        which then see the confirmed rows only.
        """
        if self.table.frame.empty:
            raise Pending(f"the table {self.name!r} has no rows yet")
        rows = self.matching(where)
        if not self.unconfirmed:  # a register: every row is confirmed (or has no quote)
            return rows
        waiting = [i for i in rows if i in self.unconfirmed]
        if not waiting:
            return rows
        confirmed = [i for i in rows if i not in self.unconfirmed]
        if partial and confirmed:
            return confirmed
        raise Pending(
            f"{len(waiting)} of the {len(rows)} rows of {self.name!r} it reads are not "
            f"confirmed yet (empty quote; first {self.table.display_path}:"
            f"{self.table.line_of(waiting[0])})"
        )

    def matching(self, where: dict[str, Any] | None) -> list[int]:
        """Row indices whose text matches ``where``, confirmed or not."""
        frame = self.table.frame
        import pandas as pd

        if not where:
            return frame.index.tolist()
        mask = pd.Series(True, index=frame.index)
        for column, wanted in (where or {}).items():
            if column not in frame.columns:
                raise DataError(f"table {self.name!r} has no column {column!r}")
            values = wanted if isinstance(wanted, list) else [wanted]
            texts = {None if v in ("", None) else str(v) for v in values}
            cells = frame[column]
            matches = cells.isin(texts - {None})  # vectorised; "" (None) is an empty cell
            mask &= matches | cells.isna() if None in texts else matches
        return frame.index[mask].tolist()

    def per_row(self, column: str, test: Callable[[Any], bool]) -> Any:
        """``test`` of each row's derived value of ``column`` (a boolean array), judged once
        per distinct printed text (the rows of one text share one value); False where the
        cell is empty or unreadable."""
        import numpy as np

        codes, values = self.distinct(column)
        outcome = [value is not None and bool(test(value)) for value in values]
        return np.array([*outcome, False], dtype=bool)[codes]

    def distinct(self, column: str) -> tuple[Any, list[Any]]:
        """(per row the position of its text among the distinct texts, -1 when empty; the
        distinct texts' derived values, or the texts of a column without a type): what a
        vectorised check reads instead of a million cells."""
        if column in self.parsed:
            return self.parsed[column].codes, self.parsed[column].distinct
        import pandas as pd

        codes, uniques = pd.factorize(self.table.frame[column].to_numpy(dtype=object))
        if column not in self.typed:
            return codes, list(uniques)
        import numpy as np

        _, first = np.unique(codes, return_index=True)
        first = first[codes[first] >= 0]  # one row of each distinct text, in code order
        values = self.typed[column].array
        return codes, [values[row] for row in first]


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


@dataclass(frozen=True)
class PriorYear:
    """Where last year's inputs are, and how to read them when a check asks (only then)."""

    year: int
    folder: str  # as shown to the user
    load: Callable[[], Data] | None  # None: the folder does not exist


class Data:
    """All usable tables of a run, with a global index of row keys."""

    def __init__(
        self,
        tables: list[TableData],
        year: int,
        prior: PriorYear | None = None,
        unreadable: dict[str, str] | None = None,
        manuscript: Any = None,
    ):
        self.year = year
        self.manuscript = manuscript  # the year's Manuscript, when there is one
        self.prior = prior
        self.unreadable = unreadable or {}  # table -> why it could not be used
        self._prior_data: Data | None = None
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

    def prior_year(self) -> Data | None:
        """Last year's data, read on first use; None when there are no inputs for last year."""
        if self.prior is None or self.prior.load is None:
            return None
        if self._prior_data is None:
            self._prior_data = self.prior.load()
        return self._prior_data

    def table(self, name: str) -> TableData:
        if name not in self.tables:
            raise DataError(f"no usable table {name!r} (known: {', '.join(sorted(self.tables))})")
        return self.tables[name]

    def figure(self, ref: str) -> Figure:
        key, _, column = ref.partition(":")
        column = column or DEFAULT_COLUMN
        if key not in self.keys:
            # keys are <table>.<slug>: a figure of a table still without rows waits for it
            table = self.tables.get(key.split(".", 1)[0])
            if table is not None and table.table.frame.empty:
                raise Pending(f"the table {table.name!r} has no rows yet (no row {key!r})")
            raise DataError(f"no row has the key {key!r}")
        table, index = self.keys[key]
        if column not in table.table.columns:
            raise DataError(f"{key}: table {table.name!r} has no column {column!r}")
        table.require_confirmed(index, key)
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
