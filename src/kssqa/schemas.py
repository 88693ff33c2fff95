"""How a schema runs on a table: one lazy pandera pass per table, findings out.

What a schema is (its specification, loaded from ``schemas/*.yaml``) is
:mod:`kssqa.schema_spec`. Validation collects every failure of every table, over the printed
text (required, unique, pattern, allowed, e-mail) and, side by side, the values kssqa derives
from that text (bounds, date windows). Text that cannot be turned into a value is itself a
finding, never a guess.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from .columnar import ParsedColumn, parse_column
from .findings import Finding, Location, Outcome, Severity
from .messages import Template, local, per_language
from .numbers import (
    ParseError,
    Quantity,
    format_number,
    parse_date,
)
from .schema_spec import (
    EMAIL,
    PARSERS,
    QUOTE_COLUMN,
    ColumnSpec,
    SchemaSpec,
)
from .tables import Table
from .years import window_bounds

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

MESSAGES = {
    "required": Template(
        "cellen er tom, men kolonnen «{column}» er påkrevd",
        "the cell is empty, but column «{column}» is required",
    ),
    "unique": Template(
        "«{value}» står i flere rader (linje {lines}); verdien skal være unik",
        "«{value}» appears in several rows (lines {lines}); the value must be unique",
    ),
    "pattern": Template(
        "«{value}» har ikke formen {pattern}", "«{value}» does not have the form {pattern}"
    ),
    "allowed": Template(
        "«{value}» er ikke en av de tillatte verdiene: {allowed}",
        "«{value}» is not one of the allowed values: {allowed}",
    ),
    "email": Template(
        "«{value}» er ikke en gyldig e-postadresse", "«{value}» is not a valid e-mail address"
    ),
    "min": Template(
        "«{value}» er mindre enn minste tillatte verdi {bound}",
        "«{value}» is below the minimum {bound}",
    ),
    "max": Template(
        "«{value}» er større enn største tillatte verdi {bound}",
        "«{value}» is above the maximum {bound}",
    ),
    "exclusive_min": Template(
        "«{value}» er ikke større enn {bound}", "«{value}» is not above {bound}"
    ),
    "exclusive_max": Template(
        "«{value}» er ikke mindre enn {bound}", "«{value}» is not below {bound}"
    ),
    "within": Template(
        "datoen «{value}» ligger utenfor {window_nb}",
        "the date «{value}» lies outside {window_en}",
    ),
    "range_order": Template(
        "datointervallet «{value}» slutter før det begynner",
        "the date range «{value}» ends before it starts",
    ),
    "unique_together": Template(
        "kombinasjonen {columns} = {value} står i flere rader (linje {lines})",
        "the combination {columns} = {value} appears in several rows (lines {lines})",
    ),
    "row_min": Template(
        "«{value}» er mindre enn {bound}, som gjelder rader der {condition}",
        "«{value}» is below {bound}, which applies to rows where {condition}",
    ),
    "row_max": Template(
        "«{value}» er større enn {bound}, som gjelder rader der {condition}",
        "«{value}» is above {bound}, which applies to rows where {condition}",
    ),
    "parse": Template("{reason_nb}", "{reason_en}"),
    "pass": Template(
        "alle {rows} rader oppfyller regelen «{rule}» for {target_nb}",
        "all {rows} rows satisfy rule «{rule}» for {target_en}",
    ),
    "schema_column_missing": Template(
        "skjemaet {schema} beskriver kolonnen «{column}», men filen har den ikke "
        "(filen har: {present})",
        "schema {schema} declares column «{column}», but the file does not have it "
        "(the file has: {present})",
    ),
    "schema_column_undeclared": Template(
        "kolonnen «{column}» står ikke i skjemaet {schema}; den ville ikke blitt kontrollert",
        "column «{column}» is not declared in schema {schema}; it would go unchecked",
    ),
}


def unconfirmed_rows(spec: SchemaSpec, table: Table) -> frozenset[int]:
    """The rows whose required quote is empty (none when the schema does not require one)."""
    quote = spec.column(QUOTE_COLUMN)
    if quote is None or not quote.required or QUOTE_COLUMN not in table.frame.columns:
        return frozenset()
    return frozenset(int(i) for i in table.frame.index[table.frame[QUOTE_COLUMN].isna()])


@dataclass
class _Context:
    spec: SchemaSpec
    table: Table
    year: int
    schema_display: str
    findings: list[Finding] = field(default_factory=list)
    typed: dict[str, pd.Series] = field(default_factory=dict)
    unconfirmed: frozenset[int] = frozenset()
    parsed: dict[str, ParsedColumn] = field(default_factory=dict)  # column -> its distinct values

    def confirmed(self, indices) -> list[int]:
        return [int(i) for i in indices if int(i) not in self.unconfirmed]

    def location(self, index: int | None, column: str | None) -> Location:
        if index is None:
            return Location(self.table.display_path, None, column)
        return self.table.location(index, column)


def _finding(
    ctx: _Context,
    rule: str,
    column: str | None,
    severity: Severity,
    message: dict[str, str],
    locations: tuple[Location, ...],
    **fields: Any,
) -> Finding:
    target = column or "table"
    return Finding(
        check_id=f"schema.{ctx.spec.table}.{target}.{rule}",
        kind="schema",
        severity=severity,
        outcome=Outcome.FAIL,
        message=message,
        locations=locations,
        **fields,
    )


def _year(default_year: str | int | None, reporting_year: int) -> int | None:
    return reporting_year if default_year == "reporting_year" else default_year


def _parse_column(ctx: _Context, spec: ColumnSpec) -> pd.Series:
    """Derive values from the printed text; unparseable cells become findings and None.

    Column-wise (kssqa.columnar): each distinct text is parsed once, so a register of a
    million rows costs what its distinct texts cost; a finding is built only for a failing cell.
    """
    parser = PARSERS[spec.type]
    if spec.type == "date":
        year = _year(spec.default_year, ctx.year)

        def parser(text: str, allow_range=spec.allow_range, year=year):
            return parse_date(text, allow_range, year)

    parsed = parse_column(ctx.table.frame[spec.name], spec.type, parser)
    ctx.parsed[spec.name] = parsed
    texts = ctx.table.cells(spec.name)
    for index in parsed.failed_rows().tolist():
        text = texts[index]
        error = parsed.errors[int(parsed.codes[index])]
        if index in ctx.unconfirmed:
            continue  # checked once the row is confirmed
        ctx.findings.append(
            _finding(
                ctx,
                f"parse.{error.code}",
                spec.name,
                spec.severity,
                MESSAGES["parse"].render(
                    reason_nb=error.message["nb"], reason_en=error.message["en"]
                ),
                (ctx.location(index, spec.name),),
                actual=text,
                expected=local("en verdi av typen {t}", "a value of type {t}", t=spec.type),
                suggestion=" / ".join(error.suggestions) or None,
            )
        )
    return pd.Series(parsed.values(), index=ctx.table.frame.index, dtype=object)


def _magnitude(value: Any) -> Decimal:
    return value.value if isinstance(value, Quantity) else Decimal(value)


def _rule(check: pa.Check) -> str:
    """The rule a check stands for: its error text, which pandera reports as the check."""
    return str(check.error)


TEXT_RULES = ("unique", "pattern", "allowed", "email")  # the rules of _text_checks


def _text_checks(spec: ColumnSpec) -> list[pa.Check]:
    """The rules on a column's printed text, vectorised: pandera's built-in checks where it
    has them (isin, str_matches); ``error`` names the rule in pandera's failure cases. In a
    required column they judge the empty cells too, sparing pandera a search for them per
    rule: those failures are dropped, the "required" rule reports such a cell."""
    na = {"ignore_na": not spec.required}
    checks = []
    if spec.unique:  # not Column(unique=True): its failure cases would not say "unique"
        checks.append(pa.Check(lambda s: ~s.duplicated(keep=False), error="unique", **na))
    if spec.pattern:  # str_matches anchors at the start only; \Z makes it a full match
        checks.append(pa.Check.str_matches(rf"(?:{spec.pattern})\Z", error="pattern", **na))
    if spec.allowed is not None:
        checks.append(pa.Check.isin(list(spec.allowed), error="allowed", **na))
    if spec.type == "email":
        checks.append(pa.Check.str_matches(rf"(?:{EMAIL.pattern})\Z", error="email", **na))
    return checks


def _per_distinct(ctx: _Context, column: str, test: Callable[[Any], bool], rule: str) -> pa.Check:
    """A rule on a column's derived values, judged once per distinct printed text (the values
    of one text are one value). Pandera sees each row's value as its position among the
    distinct values (see ``ParsedColumn.value_codes``), so the check is one array lookup per row."""
    verdicts = ctx.parsed[column].per_distinct(test)
    return pa.Check(
        lambda codes: pd.Series(verdicts[codes.to_numpy(dtype=np.int64)], index=codes.index),
        error=rule,
    )


def _value_checks(ctx: _Context, spec: ColumnSpec) -> list[pa.Check]:
    tests: list[tuple[str, Callable[[Any], bool]]] = []
    if spec.min is not None:
        tests.append(("min", lambda v, b=spec.min: _magnitude(v) >= b))
    if spec.max is not None:
        tests.append(("max", lambda v, b=spec.max: _magnitude(v) <= b))
    if spec.exclusive_min is not None:
        tests.append(("exclusive_min", lambda v, b=spec.exclusive_min: _magnitude(v) > b))
    if spec.exclusive_max is not None:
        tests.append(("exclusive_max", lambda v, b=spec.exclusive_max: _magnitude(v) < b))
    if spec.type == "date":
        tests.append(("range_order", lambda v: v.start <= v.end))
        window = window_bounds(spec.within, ctx.year)
        if window:
            first, last = window
            tests.append(("within", lambda v: first <= v.start and v.end <= last))
    return [_per_distinct(ctx, spec.name, test, rule) for rule, test in tests]


def _not_repeated(columns: pd.DataFrame) -> pd.Series:
    """Per row, whether its combination of values is printed in no other row; a row with all
    of them empty has no combination to repeat."""
    return ~(columns.duplicated(keep=False) & columns.notna().any(axis=1))


def _unique_together_checks(ctx: _Context) -> list[pa.Check]:
    return [
        pa.Check(
            lambda frame, g=list(group): _not_repeated(frame[g]),
            name=f"unique_together.{number}",
            error=f"unique_together.{number}",
        )
        for number, group in enumerate(ctx.spec.unique_together)
    ]


VALUE_SUFFIX = "\u00b7value"  # a derived column sits next to its text as "<column>·value"


def _value_column(name: str) -> str:
    return name + VALUE_SUFFIX


def _row_checks(ctx: _Context) -> list[pa.Check]:
    checks = []
    raw = ctx.table.frame
    for number, row_check in enumerate(ctx.spec.checks):
        mask = pd.Series(True, index=raw.index)
        for column, values in row_check.when:
            mask &= raw[column].isin(values)

        def within_bounds(value: Any, rc=row_check) -> bool:
            magnitude = _magnitude(value)
            return not (
                (rc.min is not None and magnitude < rc.min)
                or (rc.max is not None and magnitude > rc.max)
            )

        # judged once per distinct value of the column; rows outside `when` pass
        ok = ~mask | ctx.parsed[row_check.column].per_row(within_bounds)

        def passes(typed: pd.DataFrame, ok=ok) -> pd.Series:
            return ok.reindex(typed.index)

        name = f"row_check.{number}"
        checks.append(pa.Check(passes, name=name, error=name))
    return checks


def _run(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return errors.failure_cases
    return pd.DataFrame(columns=["column", "check", "index", "failure_case"])


def _lines(ctx: _Context, indices: list[int]) -> str:
    return ", ".join(str(ctx.table.line_of(i)) for i in indices)


def _column_failure(ctx: _Context, spec: ColumnSpec, check: str, index: int) -> Finding:
    frame = ctx.table.frame
    value = frame.at[index, spec.name]
    loc = (ctx.location(index, spec.name),)
    params: dict[str, Any] = {"value": value, "column": spec.name}
    fields: dict[str, Any] = {"actual": value}
    if check == "not_nullable":
        check, fields = "required", {"expected": {"nb": "en verdi", "en": "a value"}}
    elif check == "unique":
        same = ctx.confirmed(frame.index[frame[spec.name] == value])
        params["lines"] = _lines(ctx, same)
        loc = tuple(ctx.location(i, spec.name) for i in same)
    elif check == "pattern":
        params["pattern"] = spec.pattern
        fields["expected"] = spec.pattern
    elif check == "allowed":
        params["allowed"] = ", ".join(spec.allowed or ())
        fields["expected"] = params["allowed"]
    elif check in ("min", "max", "exclusive_min", "exclusive_max"):
        bound = getattr(spec, check)
        params["bound"] = per_language(lambda lang: format_number(bound, lang=lang))
        relation = {"min": "≥", "max": "≤", "exclusive_min": ">", "exclusive_max": "<"}[check]
        fields["expected"] = local("{relation} {bound}", relation=relation, bound=params["bound"])
    elif check == "within":
        first, last = window_bounds(spec.within, ctx.year)
        params["window_nb"] = f"perioden {first:%d.%m.%Y}–{last:%d.%m.%Y}"
        params["window_en"] = f"the period {first:%d.%m.%Y}–{last:%d.%m.%Y}"
        fields["expected"] = f"{first:%d.%m.%Y}–{last:%d.%m.%Y}"
        fields["suggestion"] = _year_suggestion(value, first, last)
    return _finding(
        ctx, check, spec.name, spec.severity, MESSAGES[check].render(**params), loc, **fields
    )


def _year_suggestion(text: str, first: date, last: date) -> str | None:
    """When only the year is outside a one-year window, the likely intended text."""
    if first.year != last.year:
        return None
    years = set(re.findall(r"\b(\d{4})\b", text))
    if len(years) != 1 or years == {str(first.year)}:
        return None
    fixed = text.replace(years.pop(), str(first.year))
    try:
        span = parse_date(fixed)
    except ParseError:
        return None
    return fixed if first <= span.start and span.end <= last else None


def _frame_failure(ctx: _Context, check: str, index: int) -> Finding:
    kind, number = check.split(".")
    frame = ctx.table.frame
    if kind == "unique_together":
        group = list(ctx.spec.unique_together[int(number)])
        key = tuple(frame.loc[index, group])
        # compared as tuples: an empty cell (None) equals an empty cell, as in duplicated()
        rows = frame[group].itertuples(index=False, name=None)
        same = ctx.confirmed(i for i, row in zip(frame.index, rows, strict=True) if row == key)
        message = MESSAGES["unique_together"].render(
            columns="+".join(group), value=" | ".join(str(k) for k in key), lines=_lines(ctx, same)
        )
        locations = tuple(ctx.location(i, None) for i in same)
        return _finding(ctx, check, None, Severity.ERROR, message, locations)
    row_check = ctx.spec.checks[int(number)]
    value = frame.at[index, row_check.column]
    magnitude = _magnitude(ctx.typed[row_check.column][index])
    too_low = row_check.min is not None and magnitude < row_check.min
    bound = row_check.min if too_low else row_check.max
    message = MESSAGES["row_min" if too_low else "row_max"].render(
        value=value, bound=format_number(bound), condition=row_check.condition_text()
    )
    return _finding(
        ctx,
        check,
        row_check.column,
        row_check.severity,
        message,
        (ctx.location(index, row_check.column),),
        actual=value,
        expected=local(
            "{relation} {bound}",
            relation="≥" if too_low else "≤",
            bound=per_language(lambda lang: format_number(bound, lang=lang)),
        ),
    )


def _failures_to_findings(ctx: _Context, failures: pd.DataFrame) -> set[str]:
    """Turn pandera's failure cases into findings; return the rule ids that failed."""
    failed: set[str] = set()
    reported: set[tuple] = set()  # a duplicate group is one finding, not one per member
    groups: set[tuple] = set()  # ... built once: building it per member is quadratic

    def add(finding: Finding) -> None:
        identity = (finding.check_id, finding.locations)
        if identity not in reported:
            reported.add(identity)
            ctx.findings.append(finding)

    def known_group(check: str, columns: list[str], index: int) -> bool:
        group = (check, *(ctx.table.frame.at[index, c] for c in columns))
        seen = group in groups
        groups.add(group)
        return seen

    for record in failures.to_dict("records"):
        check = str(record["check"])
        column = record.get("column")
        index = record.get("index")
        if index is None or pd.isna(index):
            continue
        index = int(index)
        if check.startswith(("row_check.", "unique_together.")):
            failed.add(check)
            if check.startswith("unique_together."):
                group = list(ctx.spec.unique_together[int(check.split(".")[1])])
                if known_group(check, group, index):
                    continue
            add(_frame_failure(ctx, check, index))
            continue
        spec = ctx.spec.column(str(column).removesuffix(VALUE_SUFFIX))
        if spec is None:
            continue
        if check in TEXT_RULES and ctx.table.cells(spec.name)[index] is None:
            continue  # an empty cell of a required column: the "required" rule says so
        if check == "unique" and known_group(check, [spec.name], index):
            continue
        finding = _column_failure(ctx, spec, check, index)
        add(finding)
        failed.add(f"{spec.name}.{finding.check_id.rsplit('.', 1)[1]}")
    return failed


def _pass_findings(ctx: _Context, rules: list[tuple[str, str | None]], failed: set[str]) -> None:
    rows = len(ctx.table.frame) - len(ctx.unconfirmed)
    for rule, column in rules:
        rule_id = f"{column}.{rule}" if column else rule
        if rule_id in failed:
            continue
        target_nb = f"kolonnen «{column}»" if column else "tabellen"
        target_en = f"column «{column}»" if column else "the table"
        ctx.findings.append(
            Finding(
                check_id=f"schema.{ctx.spec.table}.{column or 'table'}.{rule}",
                kind="schema",
                severity=Severity.INFO,
                outcome=Outcome.PASS,
                message=MESSAGES["pass"].render(
                    rows=rows, rule=rule, target_nb=target_nb, target_en=target_en
                ),
                locations=(Location(ctx.table.display_path, None, column),),
            )
        )


def _structure_findings(ctx: _Context) -> list[Finding]:
    declared = [c.name for c in ctx.spec.columns]
    present = list(ctx.table.columns)
    problems = []
    for name in declared:
        if name not in present:
            message = MESSAGES["schema_column_missing"].render(
                schema=ctx.schema_display, column=name, present=", ".join(present)
            )
            problems.append((name, "column_missing", message))
    for name in present:
        if name not in declared:
            message = MESSAGES["schema_column_undeclared"].render(
                schema=ctx.schema_display, column=name
            )
            problems.append((name, "column_undeclared", message))
    return [
        Finding(
            check_id=f"schema.{ctx.spec.table}.{column}.{rule}",
            kind="schema",
            severity=Severity.ERROR,
            outcome=Outcome.ERROR,
            message=message,
            locations=(Location(ctx.table.display_path, 1, column),),
            blocks_run=True,
        )
        for column, rule, message in problems
    ]


@dataclass(frozen=True)
class Validated:
    """A table after validation: its findings and the values derived from its printed text."""

    findings: list[Finding]
    typed: dict[str, pd.Series]  # column -> derived values (None where unparseable)
    usable: bool  # False when the table does not match its schema
    unconfirmed: frozenset[int] = frozenset()  # rows whose quote is empty
    unfilled: int = 0  # empty required cells in those rows (the quote not counted)
    parsed: dict[str, ParsedColumn] = field(default_factory=dict)  # typed, column-wise


def validate_table(spec: SchemaSpec, table: Table, year: int, schema_display: str) -> Validated:
    """Validate one table against its schema; return failures and passes as findings."""
    ctx = _Context(spec, table, year, schema_display, unconfirmed=unconfirmed_rows(spec, table))
    structure = _structure_findings(ctx)
    if structure:  # the table does not match its schema: nothing else can be trusted
        return Validated(structure, {}, usable=False)

    rules: list[tuple[str, str | None]] = []
    text_columns, value_columns = {}, {}
    # A column without a rule is left out of pandera's schema (it would only cost time); the
    # schema is not strict, and the file's columns were compared with the schema's above.
    for column in spec.columns:
        text_checks = _text_checks(column)
        if text_checks or column.required:
            text_columns[column.name] = pa.Column(
                None, nullable=not column.required, checks=text_checks
            )
        rules += [(_rule(c), column.name) for c in text_checks]
        if column.required:
            rules.append(("required", column.name))
        if column.type in PARSERS:
            ctx.typed[column.name] = _parse_column(ctx, column)
            rules.append(("parse", column.name))
            value_checks = _value_checks(ctx, column)
            if value_checks:
                value_columns[_value_column(column.name)] = pa.Column(
                    None, nullable=True, checks=value_checks
                )
            rules += [(_rule(c), column.name) for c in value_checks]
    row_checks, group_checks = _row_checks(ctx), _unique_together_checks(ctx)
    rules += [(_rule(c), None) for c in row_checks + group_checks]

    failed = {f"{f.locations[0].column}.parse" for f in ctx.findings}
    schema = pa.DataFrameSchema(
        {**text_columns, **value_columns}, checks=group_checks + row_checks, name=spec.table
    )
    checked = table.frame
    if value_columns:
        codes = {
            name: ctx.parsed[name.removesuffix(VALUE_SUFFIX)].value_codes()
            for name in value_columns
        }
        checked = pd.concat([checked, pd.DataFrame(codes, index=checked.index)], axis=1)
    # The rules judge the confirmed rows; the others are proposals still being filled in.
    if ctx.unconfirmed:
        checked = checked.loc[ctx.confirmed(checked.index)]
    failed |= _failures_to_findings(ctx, _run(schema, checked))
    _pass_findings(ctx, rules, failed)
    return Validated(
        ctx.findings, ctx.typed, True, ctx.unconfirmed, _unfilled(ctx), parsed=ctx.parsed
    )


def _unfilled(ctx: _Context) -> int:
    """The empty cells of required columns (the quote aside) in the unconfirmed rows."""
    if not ctx.unconfirmed:
        return 0
    rows = ctx.table.frame.loc[sorted(ctx.unconfirmed)]
    required = [c.name for c in ctx.spec.columns if c.required and c.name != QUOTE_COLUMN]
    return int(rows[required].isna().sum().sum()) if required else 0
