"""The report as plain data: the one structure every renderer reads (JSON is its direct dump).

Its shape is published as ``docs/report.schema.json`` and versioned by ``SCHEMA_VERSION``:
fields are only ever added, never renamed. Given the same inputs the result is identical except
``run.timestamp``; ``SOURCE_DATE_EPOCH`` pins that too.
"""

from __future__ import annotations

import json
import platform
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .. import __version__
from ..findings import Finding, Outcome, Severity
from ..report import Report, TableSummary
from ..summary import check_summary, main_chapter

# 1.1: findings[].same_cell. 1.2: outcome "skipped" (findings, checks, counts), checks of
# other years (outcome "not_applicable", years), tables[].unconfirmed/unfilled, manuscript
# (the manuscript read and its coverage by the inputs). 1.3: verdict.problems (failures about
# one printed cell counted once), findings[].problem, locations[].printed, findings[].texts
# (expected, actual, difference, tolerance and suggestion in each language).
# 1.3 also: check_summary (one row per check: outcome counts and report chapter),
# tables[].section/sections (the chapters its rows print in).
SCHEMA_VERSION = "1.3"
# Libraries whose versions the auditor needs; read from package metadata, never imported.
LIBRARIES = ("pandas", "pandera", "great_expectations", "jinja2", "click", "babel", "rapidfuzz")
OTHER_SECTION = ""


def library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions


def top_section(finding: Finding) -> str:
    for location in finding.locations:
        if location.section:
            return location.section.split(" > ")[0]
    return OTHER_SECTION


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple:
    loc = finding.locations[0] if finding.locations else None
    return (
        order.get(top_section(finding), len(order)),
        loc.file if loc else "",
        (loc.row or 0) if loc else 0,
        finding.check_id,
        finding.fingerprint,
    )


def check_outcome(findings: list[Finding]) -> str:
    outcomes = {f.outcome for f in findings}
    for outcome in (Outcome.ERROR, Outcome.FAIL, Outcome.WAIVED, Outcome.PASS, Outcome.SKIPPED):
        if outcome in outcomes:
            return str(outcome)
    return "not_run"


def _finding(
    finding: Finding, same_cell: dict[str, list[str]], problem_of: dict[str, str]
) -> dict[str, Any]:
    data = finding.to_dict()
    data["section"] = top_section(finding)
    data.pop("blocks_run")
    data["blocks_run"] = finding.blocks_run
    data["same_cell"] = same_cell.get(finding.fingerprint, [])
    data["problem"] = problem_of.get(finding.fingerprint)
    return data


def _check(check, outcome: str, findings: int) -> dict[str, Any]:
    return {
        "id": check.id,
        "kind": check.kind,
        "title": check.title,
        "title_en": check.title_en or None,
        "severity": str(check.severity),
        "source": check.source,
        "description": check.description,
        "arguments": check.args,
        "years": list(check.years),
        "outcome": outcome,
        "findings": findings,
    }


def _table(table: TableSummary, order: list[str]) -> dict[str, Any]:
    return {
        "table": table.table,
        "file": table.file,
        "rows": table.rows,
        "sha256": table.sha256,
        "readable": table.readable,
        "unconfirmed": table.unconfirmed,
        "unfilled": table.unfilled,
        "section": main_chapter(dict(table.chapters), order),
        "sections": [{"section": s, "rows": n} for s, n in table.chapters],
    }


def report_to_data(report: Report, fail_on: Severity = Severity.ERROR) -> dict[str, Any]:
    config = report.config
    order = {title: i for i, title in enumerate(report.section_order)}
    findings = sorted(report.findings, key=lambda f: _sort_key(f, order))
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check_id, []).append(finding)
    same_cell = report.same_cell()
    problem_of = report.problem_of()
    sections_seen = {top_section(f) for f in findings}
    result = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "kssqa", "version": __version__},
        "run": {
            "timestamp": report.started.isoformat() if report.started else None,
            "year": config.year,
            "config": config.relative(config.path) if config.path else None,
            "settings": {
                "inputs": config.relative(config.inputs),
                "schemas": config.relative(config.schemas),
                "checks": config.relative(config.checks),
                "reports": config.relative(config.reports),
                "encoding": config.encoding,
                "delimiter": config.delimiter,
                "fail_on": str(fail_on),
            },
            "only": list(report.only),
            "skip": list(report.skip),
            "versions": library_versions(),
        },
        "verdict": report.verdict(fail_on),
        "sections": [s for s in report.section_order if s in sections_seen]
        + ([OTHER_SECTION] if OTHER_SECTION in sections_seen else []),
        "files": [{"path": p, "sha256": report.checksums[p]} for p in sorted(report.checksums)],
        "tables": [_table(t, report.section_order) for t in report.tables],
        "checks": [
            _check(c, check_outcome(by_check.get(c.id, [])), len(by_check.get(c.id, [])))
            for c in report.checks
        ]
        + [_check(c, "not_applicable", 0) for c in report.not_applicable],
        "check_summary": check_summary(
            findings,
            [*report.checks, *report.not_applicable],
            {t.file: main_chapter(dict(t.chapters), report.section_order) for t in report.tables},
            report.section_order,
        ),
        "waivers": [w.to_dict() for w in report.waivers],
        "manuscript": report.manuscript,
        "findings": [_finding(f, same_cell, problem_of) for f in findings],
    }
    # Plain JSON types only (lists, not tuples; text, not Decimal), so every renderer and the
    # published schema see exactly what report.json holds.
    return json.loads(json.dumps(result, ensure_ascii=False, default=str))
