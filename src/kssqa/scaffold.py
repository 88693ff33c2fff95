"""``kssqa new-year``: next year's inputs, scaffolded from last year's.

Each table of ``inputs/<year-1>/`` becomes a table of ``inputs/<year>/`` with the same columns
and rows, the years moved on in keys and headings, this year's values emptied to be filled in,
and last year's values carried into the rows about last year (the comparisons the new report
will print: "167 (2025: 224)"). Every row starts unconfirmed (its quote empty): a row counts,
and is checked, once the editor has filled it in from the new report.

What happens to a column is the schema's choice (``new_year:`` of the column), by default:

- ``shift`` for ``key``, ``section`` and ``year``: the reporting year becomes the next one, the
  year before becomes the reporting year (other years, a founding year, stay);
- ``clear`` for ``quote`` and for every parsed column (numbers, amounts, dates): this year's
  printed values are not known yet;
- ``keep`` for other text (metric, scope, category, unit, names): it says what the row is.

A schema with ``new_year: empty`` starts its table empty: a log whose rows are new every year
(the event log, the mentions of names).

Nothing is ever overwritten: when any of the files exists, nothing is written.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigError
from .schema_spec import PARSERS, QUOTE_COLUMN, ColumnSpec, SchemaSpec, load_schemas
from .tables import Table, TableReadError, read_table
from .years import move_years_on

YEAR_COLUMN = "year"
SHIFTED_BY_NAME = ("key", "section", YEAR_COLUMN)


def column_rule(column: ColumnSpec) -> str:
    """What ``new-year`` does with a column: keep, clear or shift (see the module doc)."""
    if column.new_year:
        return column.new_year
    if column.name in SHIFTED_BY_NAME:
        return "shift"
    if column.name == QUOTE_COLUMN or column.type in PARSERS:
        return "clear"
    return "keep"


@dataclass
class ScaffoldedTable:
    file: str  # as shown to the user
    rows: int
    to_fill: int  # cells emptied for this year's values
    carried: int  # cells carried from last year's report into rows about last year


@dataclass
class Scaffold:
    year: int
    source: str
    target: str
    tables: list[ScaffoldedTable] = field(default_factory=list)
    not_scaffolded: list[str] = field(default_factory=list)  # CSVs without a schema


def read_last_year(config: Config, spec: SchemaSpec, folder: Path) -> Table:
    """A table of last year's inputs, read strictly; a ConfigError names what is wrong."""
    path = folder / spec.file
    try:
        return read_table(
            spec.table,
            path,
            config.relative(path),
            encoding=config.encoding,
            delimiter=config.delimiter,
        )
    except TableReadError as error:
        problems = "; ".join(
            f"{f.locations[0].label()}: {f.text('en')}" if f.locations else f.text("en")
            for f in error.findings[:3]
        )
        raise ConfigError(
            f"cannot start {spec.file} from last year's {config.relative(path)}: {problems}"
        ) from None


def scaffold_rows(spec: SchemaSpec, table: Table, year: int) -> tuple[list[list[str]], int, int]:
    """Next year's rows of one table (``year`` is the new reporting year), with the number of
    cells left to fill and of cells carried from last year."""
    if spec.new_year == "empty":
        return [], 0, 0
    old = year - 1
    frame = table.frame
    rules = {c.name: column_rule(c) for c in spec.columns}
    by_key = {}
    if "key" in frame.columns:
        by_key = {key: index for index, key in enumerate(frame["key"]) if key is not None}
    rows, to_fill, carried = [], 0, 0
    for index in range(len(frame)):
        new: dict[str, str] = {}
        for column in table.columns:
            text = frame.at[index, column] or ""
            rule = rules.get(column, "keep")
            new[column] = move_years_on(text, old) if rule == "shift" else text
            if rule == "clear":
                new[column] = ""
        # a row about last year: last year's report printed that figure as its own
        source = by_key.get(new.get("key")) if new.get(YEAR_COLUMN) == str(old) else None
        for column in table.columns:
            if rules.get(column) != "clear" or column == QUOTE_COLUMN:
                continue
            value = frame.at[source, column] if source is not None else None
            if value:
                new[column] = value
                carried += 1
            elif frame.at[index, column]:
                to_fill += 1
        rows.append([new[c] for c in table.columns])
    return rows, to_fill, carried


def _csv_text(header: tuple[str, ...], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def new_year(config: Config, year: int) -> Scaffold:
    """Make ``inputs/<year>/`` from ``inputs/<year-1>/`` (see the module doc).

    Raises ConfigError, having written nothing, when last year's inputs are missing or
    unreadable, or when any file it would write exists already.
    """
    source, target = config.inputs_for(year - 1), config.inputs_for(year)
    if source is None or target is None:
        raise ConfigError(
            f"{config.where()}: [kssqa] inputs = {config.relative(config.inputs)!r} names one "
            'folder; new-year needs the folder of each year: inputs = "inputs/$year"'
        )
    if not source.is_dir():
        raise ConfigError(
            f"last year's inputs {config.relative(source)} do not exist: nothing to start from"
        )
    specs = load_schemas(config.schemas, year)
    existing = [config.relative(target / s.file) for s in specs if (target / s.file).exists()]
    if existing:
        raise ConfigError(
            f"{config.relative(target)} already has {', '.join(existing)}; new-year never "
            "overwrites a file (move them away to start again)"
        )
    scaffold = Scaffold(year, config.relative(source), config.relative(target))
    texts = {}
    for spec in specs:
        if not (source / spec.file).is_file():
            continue
        table = read_last_year(config, spec, source)
        rows, to_fill, carried = scaffold_rows(spec, table, year)
        texts[target / spec.file] = _csv_text(table.columns, rows, config.delimiter)
        scaffold.tables.append(
            ScaffoldedTable(config.relative(target / spec.file), len(rows), to_fill, carried)
        )
    known = {s.file for s in specs}
    scaffold.not_scaffolded = sorted(
        config.relative(p) for p in source.glob("*.csv") if p.name not in known
    )
    target.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        _write_new(path, text, config.encoding)
    return scaffold


def _write_new(path: Path, text: str, encoding: str) -> None:
    """Write a file that must not exist yet ("x": never overwrite, even in a race)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(descriptor, "w", encoding=encoding, newline="") as file:
        file.write(text)
