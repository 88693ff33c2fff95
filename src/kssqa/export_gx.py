"""``kssqa export gx``: the configured rules as Great Expectations expectation suites (JSON).

For teams that run GX elsewhere. Every schema rule GX can state on the table as printed (every
cell as text, an empty cell as null) becomes an expectation, and every ``gx`` check is copied
as it is; what GX cannot state is listed with the reason.

The output is one JSON object::

    {
      "suites": [                       # one per table, in the order of schemas/
        {
          "name": "kssqa.<table>",
          "id": null,
          "expectations": [
            {
              "type": "expect_column_values_to_not_be_null",
              "kwargs": {"column": "key"},
              "meta": {"kssqa": {"rule": "schema.members.key.required",
                                 "source": "schemas/members.yaml", "table": "members",
                                 "column": "key", "severity": "error"}},
              "severity": "critical"    # kssqa error -> critical, warning, info
            },
            ...
          ],
          "meta": {"great_expectations_version": "...", "kssqa": {"table": ..., "file": ...,
                   "schema": ..., "read_as": "text"}},
          "notes": "<the schema's title>"
        }
      ],
      "not_expressible": ["<what> : <why>", ...]
    }

Each suite has the shape GX writes itself, so ``ExpectationSuite(**suite)`` loads it (GX 1.x).
``meta.kssqa.rule`` is the id of the kssqa schema rule an expectation states (the check id of
its findings), or ``meta.kssqa.check`` the id of the ``gx`` check it copies. The schema rules:

===========================  ==============================================================
kssqa (schemas/*.yaml)       GX expectation
===========================  ==============================================================
declared columns             expect_table_columns_to_match_set (exact_match: kssqa reports a
                             missing and an undeclared column; it does not check the order)
required                     expect_column_values_to_not_be_null
unique                       expect_column_values_to_be_unique
pattern (a full match)       expect_column_values_to_match_regex, anchored ``^(?:...)$``
allowed                      expect_column_values_to_be_in_set
type: email                  expect_column_values_to_match_regex (kssqa's e-mail form)
unique_together              expect_compound_columns_to_be_unique
===========================  ==============================================================

Not expressible: reading Norwegian printed numbers and dates (the ``parse`` rule of every
integer, decimal, quantity, percent, amount and date column), ``min``/``max``/``within`` and
date-range order (they compare values kssqa parses from that text), row checks (``checks:``
in a schema), and the consistency checks of every other kind. A ``gx`` check with
``values: typed`` on a column kssqa parses is exported as it is, but GX elsewhere must be
given parsed values for it to agree: ``meta.kssqa.values`` and ``meta.kssqa.parsed_columns``
say so, and ``not_expressible`` lists it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .checkfile import load_checks
from .config import Config
from .gx_runtime import jsonable
from .kinds import KINDS
from .kinds.base import CheckSpec
from .kinds.gx import data_columns
from .schema_spec import EMAIL, PARSERS, SchemaSpec, load_schemas

GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}


@dataclass
class Exported:
    suites: list[dict[str, Any]] = field(default_factory=list)
    not_expressible: list[str] = field(default_factory=list)


def _gx_version() -> str | None:
    try:
        return version("great_expectations")
    except PackageNotFoundError:  # pragma: no cover - a dependency of kssqa
        return None


def anchored(pattern: str) -> str:
    """kssqa's patterns must match the whole cell; GX's regex expectation searches."""
    return f"^(?:{pattern})$"


def _expectation(
    spec: SchemaSpec, source: str, type_: str, kwargs: dict, rule: str, column: str | None, severity
) -> dict[str, Any]:
    target = column or "table"
    return {
        "type": type_,
        "kwargs": kwargs,
        "meta": {
            "kssqa": {
                "rule": f"schema.{spec.table}.{target}.{rule}",
                "source": source,
                "table": spec.table,
                "column": column,
                "severity": str(severity),
            }
        },
        "severity": GX_SEVERITY[str(severity)],
    }


def schema_suite(spec: SchemaSpec, source: str, gx_version: str | None) -> tuple[dict, list]:
    """The suite of one table's schema, and what of it GX cannot state."""
    expectations: list[dict[str, Any]] = []
    missing: list[str] = []
    where = f"schema {spec.table}"
    declared = [c.name for c in spec.columns]
    expectations.append(
        _expectation(
            spec,
            source,
            "expect_table_columns_to_match_set",
            {"column_set": declared, "exact_match": True},
            "columns",
            None,
            "error",
        )
    )
    for column in spec.columns:
        name, severity = column.name, column.severity

        def add(type_: str, kwargs: dict, rule: str, name=name, severity=severity) -> None:
            expectations.append(
                _expectation(spec, source, type_, {"column": name, **kwargs}, rule, name, severity)
            )

        if column.required:
            add("expect_column_values_to_not_be_null", {}, "required")
        if column.unique:
            add("expect_column_values_to_be_unique", {}, "unique")
        if column.pattern:
            add(
                "expect_column_values_to_match_regex",
                {"regex": anchored(column.pattern)},
                "pattern",
            )
        if column.allowed is not None:
            add("expect_column_values_to_be_in_set", {"value_set": list(column.allowed)}, "allowed")
        if column.type == "email":
            add("expect_column_values_to_match_regex", {"regex": EMAIL.pattern}, "email")
        if column.type in PARSERS:
            missing.append(
                f"{where}.{name}: parse (type {column.type}): reading Norwegian printed "
                f"{column.type} values is kssqa's; GX sees the text"
            )
        for option in ("min", "max", "exclusive_min", "exclusive_max"):
            bound = getattr(column, option)
            if bound is not None:
                missing.append(
                    f"{where}.{name}: {option} {bound}: a bound on the value kssqa parses from "
                    "the printed text"
                )
        if column.within is not None:
            window = (
                column.within
                if isinstance(column.within, str)
                else "–".join(d.isoformat() for d in column.within)
            )
            missing.append(
                f"{where}.{name}: within {window}: a window for the dates kssqa parses from the "
                "printed text"
            )
        if column.type == "date":
            missing.append(
                f"{where}.{name}: range_order: a printed date range must run forward (parsed dates)"
            )
    for number, group in enumerate(spec.unique_together):
        expectations.append(
            _expectation(
                spec,
                source,
                "expect_compound_columns_to_be_unique",
                {"column_list": list(group), "ignore_row_if": "all_values_are_missing"},
                f"unique_together.{number}",
                None,
                "error",
            )
        )
    for number, row_check in enumerate(spec.checks):
        bounds = ", ".join(
            f"{name} {value}"
            for name, value in (("min", row_check.min), ("max", row_check.max))
            if value is not None
        )
        missing.append(
            f"{where}: checks[{number}] (row check: {row_check.column} {bounds} where "
            f"{row_check.condition_text()}): bounds on parsed values"
        )
    suite = {
        "name": f"kssqa.{spec.table}",
        "id": None,
        "expectations": expectations,
        "meta": {
            "great_expectations_version": gx_version,
            "kssqa": {"table": spec.table, "file": spec.file, "schema": source, "read_as": "text"},
        },
        "notes": spec.title or None,
    }
    return suite, missing


def gx_check_expectation(check: CheckSpec, spec: SchemaSpec) -> dict[str, Any]:
    kwargs = jsonable(check.args["kwargs"])
    columns = data_columns(check.args["expectation"], check.args["kwargs"])
    parsed = [
        c for c in columns if (column := spec.column(c)) is not None and column.type in PARSERS
    ]
    meta = {"check": check.id, "title": check.title, "source": check.source}
    meta["values"] = check.args["values"]
    meta["severity"] = str(check.severity)
    if check.args["values"] == "typed" and parsed:
        meta["parsed_columns"] = parsed
    return {
        "type": check.args["expectation"],
        "kwargs": kwargs,
        "meta": {"kssqa": meta},
        "severity": GX_SEVERITY[str(check.severity)],
    }


def export_suites(config: Config) -> Exported:
    """Every schema and check of the configuration, as GX expectation suites.

    Raises ConfigError for a configuration kssqa cannot load, and for a ``gx`` check whose
    expectation or arguments GX rejects (this starts the GX worker, only when there is such a
    check).
    """
    specs = load_schemas(config.schemas, config.year)
    checks = load_checks(config.checks, config.relative, config.year)
    gx_version = _gx_version()
    exported = Exported()
    suites: dict[str, dict[str, Any]] = {}
    for spec in specs:
        suite, missing = schema_suite(spec, config.relative(spec.path), gx_version)
        suites[spec.table] = suite
        exported.suites.append(suite)
        exported.not_expressible.extend(missing)
    gx_checks = [check for check in checks if check.kind == "gx"]
    for check in gx_checks:
        KINDS["gx"].prepare(check)
    if gx_checks:  # an unknown expectation or bad kwargs: ConfigError
        KINDS["gx"].ready(gx_checks)
    for check in checks:
        if check.kind != "gx":
            exported.not_expressible.append(
                f"check {check.id} ({check.kind}): a kssqa consistency check; GX has no "
                "expectation for it"
            )
            continue
        table = check.args["table"]
        if table not in suites:
            exported.not_expressible.append(
                f"check {check.id} (gx): table {table!r} has no schema in "
                f"{config.relative(config.schemas)}"
            )
            continue
        spec = next(s for s in specs if s.table == table)
        expectation = gx_check_expectation(check, spec)
        suites[table]["expectations"].append(expectation)
        parsed = expectation["meta"]["kssqa"].get("parsed_columns")
        if parsed:
            exported.not_expressible.append(
                f"check {check.id} (gx): exported as it is, but with values: typed it compares "
                f"the values kssqa parses from column(s) {', '.join(parsed)}; GX given the "
                "printed text will not agree"
            )
    return exported


def render_export(exported: Exported) -> str:
    data = {"suites": exported.suites, "not_expressible": exported.not_expressible}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
