"""Terminal output: a summary table (tabulate) and one line per problem.

A pure function of the report data (``render.data.report_to_data``), like every renderer.
"""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from .view import finding_place, problems
from .visible import visible

LABELS = {
    "nb": {
        "headers": ["Tabell", "Fil", "Rader", "Feil", "Advarsler", "Status"],
        "ok": "ok",
        "other": "(andre steder)",
        "findings": "avvik",
        "unreadable": "kan ikke leses",
        "error": "feil",
        "warning": "advarsel",
        "info": "info",
        "suggestion": "forslag",
        "also": "også",
        "total": (
            "{errors} feil, {warnings} advarsler, {passes} kontroller bestått{skipped}, "
            "{tables} tabeller"
        ),
        "skipped": ", {count} ikke vurdert (venter på tall eller fjorårets inndata)",
        "blocked": "Noe kunne ikke kontrolleres (se meldingene over): exit 2.",
        "coverage": (
            "{file}: info: {covered} av {figures} tall i manuskriptet står i inndataene "
            "({percent} %); {uncovered} gjør det ikke og kontrolleres ikke (listen står i "
            "report.html og report.json)"
        ),
    },
    "en": {
        "headers": ["Table", "File", "Rows", "Errors", "Warnings", "Status"],
        "ok": "ok",
        "other": "(elsewhere)",
        "findings": "findings",
        "unreadable": "unreadable",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "suggestion": "suggestion",
        "also": "also",
        "total": (
            "{errors} errors, {warnings} warnings, {passes} checks passed{skipped}, {tables} tables"
        ),
        "skipped": ", {count} not evaluated (waiting for figures or last year's inputs)",
        "blocked": "Something could not be checked (see the messages above): exit 2.",
        "coverage": (
            "{file}: info: {covered} of {figures} figures of the manuscript are in the inputs "
            "({percent} %); {uncovered} are not and go unchecked (listed in report.html and "
            "report.json)"
        ),
    },
}

COVERAGE_CHECK = "manuscript.coverage"
PLAIN_KINDS = ("schema", "input")  # their messages say what failed; no check id in front


def _sort_key(finding: dict[str, Any]) -> tuple:
    loc = finding["locations"][0] if finding["locations"] else None
    return (loc["file"] if loc else "", (loc["row"] or 0) if loc else 0, finding["check_id"])


def _reason(finding: dict[str, Any], lang: str) -> str:
    check = "" if finding["kind"] in PLAIN_KINDS else f"[{finding['check_id']}] "
    return f"{check}{finding['message'][lang]}"


def finding_line(finding: dict[str, Any], lang: str) -> str:
    labels = LABELS[lang]
    line = f"{finding_place(finding)}: {labels[finding['severity']]}: {_reason(finding, lang)}"
    suggestion = finding["texts"][lang]["suggestion"]
    if suggestion:
        line += f" ({labels['suggestion']}: {suggestion})"
    return line


def problem_line(group: list[dict[str, Any]], lang: str) -> str:
    """One line per problem: its lead finding's line, and the other rules the same printed
    cell breaks, each with its own reason."""
    labels = LABELS[lang]
    line = finding_line(group[0], lang)
    lead_suggestion = group[0]["texts"][lang]["suggestion"]
    for other in group[1:]:
        line += f"; {labels['also']}: {_reason(other, lang)}"
        suggestion = other["texts"][lang]["suggestion"]
        if suggestion and suggestion != lead_suggestion:
            line += f" ({labels['suggestion']}: {suggestion})"
    return line


def coverage_line(manuscript: dict, lang: str) -> str:
    """The manuscript's figures not in the inputs, as one line: the list is in the reports."""
    coverage = manuscript["coverage"]
    figures, covered = coverage["figures"], coverage["covered"]
    percent = round(100 * covered / figures) if figures else 100
    return LABELS[lang]["coverage"].format(
        file=manuscript["file"],
        covered=covered,
        figures=figures,
        percent=percent,
        uncovered=figures - covered,
    )


def summary_table(data: dict[str, Any], lang: str) -> str:
    """One row per table with its problems counted where they start (their first place), and
    a last row for problems outside the tables (checks, manuscript), so the rows add up to the
    total below."""
    labels = LABELS[lang]
    counts: dict[str | None, list[int]] = {}
    for group in problems(data):
        lead = group[0]
        file = lead["locations"][0]["file"] if lead["locations"] else None
        tally = counts.setdefault(file, [0, 0])
        if lead["severity"] in ("error", "warning"):
            tally[lead["severity"] != "error"] += 1
    rows = []
    for table in data["tables"]:
        errors, warnings = counts.pop(table["file"], [0, 0])
        findings = "findings" if errors + warnings else "ok"
        status = findings if table["readable"] else "unreadable"
        rows.append(
            [
                table["table"],
                table["file"],
                "" if table["rows"] is None else table["rows"],
                errors,
                warnings,
                labels[status],
            ]
        )
    errors = sum(tally[0] for tally in counts.values())
    warnings = sum(tally[1] for tally in counts.values())
    if errors or warnings:
        rows.append([labels["other"], "", "", errors, warnings, labels["findings"]])
    return tabulate(rows, headers=labels["headers"], tablefmt="simple")


def render_text(data: dict[str, Any], lang: str = "nb", quiet: bool = False) -> str:
    labels = LABELS[lang]
    parts = []
    if not quiet:
        parts.append(summary_table(data, lang))
        parts.append("")
    parts.extend(
        problem_line(group, lang)
        for group in sorted(problems(data), key=lambda group: _sort_key(group[0]))
        if group[0]["check_id"] != COVERAGE_CHECK  # one line for all of them, below
    )
    if data.get("manuscript") is not None:
        parts.append(coverage_line(data["manuscript"], lang))
    verdict = data["verdict"]
    skipped = verdict["counts"].get("skipped", 0)
    parts.append(
        labels["total"].format(
            errors=verdict["problems"]["error"],
            warnings=verdict["problems"]["warning"],
            passes=verdict["counts"]["passed"],
            skipped=labels["skipped"].format(count=skipped) if skipped else "",
            tables=len(data["tables"]),
        )
    )
    if verdict["blocked"]:
        parts.append(labels["blocked"])
    return visible("\n".join(parts))  # a cell's escape sequence must not drive the terminal


def render_checks(checks: list, lang: str = "nb") -> str:
    """The checks as a table, titles in ``lang`` where the check file gives one; ``years`` is
    empty for a check about every year's report."""
    rows = [
        [c.id, c.kind, str(c.severity), c.title_in(lang), c.source, ", ".join(map(str, c.years))]
        for c in checks
    ]
    headers = ["id", "kind", "severity", "title", "file", "years"]
    # every column is text (a year list too): tabulate need not test each cell for a number
    table = visible(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))
    return f"{table}\n{len(checks)} checks"
