"""A Markdown summary for a CI job page (GitHub's ``$GITHUB_STEP_SUMMARY``, a merge request
note): the verdict, the counts and one table row per problem.

A pure function of the report data, like every renderer. Cell text is escaped so that a
printed value cannot open a link, an image or HTML on the page that shows the summary.
"""

from __future__ import annotations

import re
from typing import Any

from .text import COVERAGE_CHECK
from .view import finding_place, problems
from .visible import visible

LABELS = {
    "nb": {
        "title": "kssqa: årsmeldingen {year}",
        "ready": "Klar for publisering",
        "not_ready": "Ikke klar for publisering",
        "counts": "{error} feil, {warning} advarsler, {passed} kontroller bestått",
        "headers": ("Alvorlighet", "Sted", "Kontroll", "Avvik", "Forslag"),
        "error": "feil",
        "warning": "advarsel",
        "info": "info",
        "none": "Ingen avvik.",
    },
    "en": {
        "title": "kssqa: the {year} annual report",
        "ready": "Ready to publish",
        "not_ready": "Not ready to publish",
        "counts": "{error} errors, {warning} warnings, {passed} checks passed",
        "headers": ("Severity", "Place", "Check", "Finding", "Suggestion"),
        "error": "error",
        "warning": "warning",
        "info": "info",
        "none": "No findings.",
    },
}
# Characters Markdown could read as markup inside a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~])")


def cell(text: Any) -> str:
    """Text for one table cell: markup characters escaped, on one line."""
    flat = " ".join(str(text or "").split())
    return visible(_SPECIAL.sub(r"\\\1", flat))


def render_markdown(data: dict[str, Any], lang: str = "nb") -> str:
    labels = LABELS[lang]
    verdict = data["verdict"]
    lines = [
        f"### {labels['title'].format(year=data['run']['year'])}",
        "",
        f"**{labels['ready'] if verdict['ready_to_publish'] else labels['not_ready']}** — "
        + labels["counts"].format(**verdict["problems"], passed=verdict["counts"]["passed"]),
        "",
    ]
    rows = [
        group
        for group in problems(data)
        if group[0]["check_id"] != COVERAGE_CHECK and group[0]["severity"] != "info"
    ]
    if not rows:
        return "\n".join([*lines, labels["none"], ""])
    lines.append("| " + " | ".join(labels["headers"]) + " |")
    lines.append("|" + "---|" * len(labels["headers"]))
    for group in sorted(rows, key=lambda g: (g[0]["severity"] != "error", finding_place(g[0]))):
        lead = group[0]
        message = " / ".join(f["message"][lang] for f in group)
        checks = ", ".join(dict.fromkeys(f["check_id"] for f in group))
        values = [
            labels[lead["severity"]],
            finding_place(lead),
            checks,
            message,
            lead["texts"][lang]["suggestion"] or "",
        ]
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"
