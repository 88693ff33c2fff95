"""Terminal output: a summary table (tabulate) and one line per finding."""

from __future__ import annotations

from tabulate import tabulate

from ..findings import Finding, Severity
from ..report import Report
from .visible import visible

LABELS = {
    "nb": {
        "headers": ["Tabell", "Fil", "Rader", "Feil", "Advarsler", "Status"],
        "ok": "ok",
        "other": "(andre steder)",
        "findings": "avvik",
        "unreadable": "kan ikke leses",
        Severity.ERROR: "feil",
        Severity.WARNING: "advarsel",
        Severity.INFO: "info",
        "suggestion": "forslag",
        "same_cell": "samme celle som",
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
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "info",
        "suggestion": "suggestion",
        "same_cell": "same cell as",
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


def _sort_key(finding: Finding) -> tuple:
    loc = finding.locations[0] if finding.locations else None
    return (loc.file if loc else "", loc.row or 0 if loc else 0, finding.check_id)


def finding_line(finding: Finding, lang: str, same_cell: list[str] | tuple = ()) -> str:
    labels = LABELS[lang]
    where = finding.locations[0].label() if finding.locations else finding.check_id
    check = "" if finding.kind in ("schema", "input") else f"[{finding.check_id}] "
    line = f"{where}: {labels[finding.severity]}: {check}{finding.text(lang)}"
    if finding.suggestion:
        line += f" ({labels['suggestion']}: {finding.value('suggestion', lang)})"
    if same_cell:
        line += f" [{labels['same_cell']}: {', '.join(same_cell)}]"
    return line


def problem_line(group: tuple[Finding, ...], lang: str) -> str:
    """One line per problem: its first finding's line, and the other rules the same printed
    cell breaks, each with its own reason."""
    line = finding_line(group[0], lang)
    for other in group[1:]:
        check = "" if other.kind in ("schema", "input") else f"[{other.check_id}] "
        line += f"; {LABELS[lang]['also']}: {check}{other.text(lang)}"
        suggestion = other.value("suggestion", lang)
        if suggestion and suggestion != group[0].value("suggestion", lang):
            line += f" ({LABELS[lang]['suggestion']}: {suggestion})"
    return line


COVERAGE_CHECK = "manuscript.coverage"


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


def summary_table(report: Report, lang: str) -> str:
    """One row per table with its problems counted where they start (their first place), and
    a last row for problems outside the tables (checks, manuscript), so the rows add up to the
    total below."""
    labels = LABELS[lang]
    counts: dict[str | None, list[int]] = {}
    for group in report.problems():
        lead = group[0]
        file = lead.locations[0].file if lead.locations else None
        tally = counts.setdefault(file, [0, 0])
        if lead.severity in (Severity.ERROR, Severity.WARNING):
            tally[lead.severity != Severity.ERROR] += 1
    rows = []
    for table in report.tables:
        errors, warnings = counts.pop(table.file, [0, 0])
        status = "unreadable" if not table.readable else ("findings" if errors + warnings else "ok")
        rows.append(
            [
                table.table,
                table.file,
                "" if table.rows is None else table.rows,
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


def render_text(report: Report, lang: str = "nb", quiet: bool = False) -> str:
    labels = LABELS[lang]
    parts = []
    if not quiet:
        parts.append(summary_table(report, lang))
        parts.append("")
    parts.extend(
        problem_line(group, lang)
        for group in sorted(report.problems(), key=lambda group: _sort_key(group[0]))
        if group[0].check_id != COVERAGE_CHECK  # one line for all of them, below
    )
    if report.manuscript is not None:
        parts.append(coverage_line(report.manuscript, lang))
    skipped = len(report.skipped())
    parts.append(
        labels["total"].format(
            errors=report.count_problems(Severity.ERROR),
            warnings=report.count_problems(Severity.WARNING),
            passes=len(report.passes()),
            skipped=labels["skipped"].format(count=skipped) if skipped else "",
            tables=len(report.tables),
        )
    )
    if report.blocked:
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
    table = visible(tabulate(rows, headers=headers, tablefmt="simple"))
    return f"{table}\n{len(checks)} checks"
