"""The HTML report's cards: what one card shows, as plain data for the template.

A card is one *problem* of the reader (``findings[].problem`` in the report data): one printed
cell that breaks two rules (a schema rule and a check) is one card with both reasons. A card
leads with the check's plain-language title, shows each sentence it is about once, as plain
text (no link markup), with the printed words the finding is about marked inside it.
"""

from __future__ import annotations

import re
from typing import Any

from .view import by_problem, place

# Link markup a quote keeps from a Markdown manuscript ("[Name](#)"): the reader sees the name.
# Nothing else is removed: a quote shows what the row holds.
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


def plain(text: str) -> str:
    return _LINK.sub(r"\1", text)


# The values a reason shows, in reading order: what the report prints, what the other figures
# imply, how far apart they are, what is allowed, and what to print instead.
VALUE_FIELDS = ("actual", "expected", "difference", "tolerance", "suggestion")


def cards(
    findings: list[dict[str, Any]], checks: list[dict[str, Any]], lang: str = "nb"
) -> list[dict[str, Any]]:
    """The findings as cards, in the findings' order; each card carries its lead finding's
    fields (severity, section, outcome, fingerprint, ...) plus ``reasons`` and ``quotes``."""
    titles = {check["id"]: check for check in checks}
    return [_card(group, titles, lang) for group in by_problem(findings)]


def _card(
    group: list[dict[str, Any]], checks: dict[str, dict[str, Any]], lang: str
) -> dict[str, Any]:
    lead, reasons = group[0], group  # the problem's lead first (see view.by_problem)
    locations = [loc for finding in reasons for loc in finding["locations"]]
    return {
        **lead,
        "fingerprints": [f["fingerprint"] for f in reasons],
        "reasons": [_reason(finding, checks.get(finding["check_id"]), lang) for finding in reasons],
        "places": list(dict.fromkeys(place(loc) for loc in locations)),
        "quotes": quotes(locations),
    }


def _reason(finding: dict[str, Any], check: dict[str, Any] | None, lang: str) -> dict[str, Any]:
    return {
        "finding": finding,
        "title": check_title(check, lang) if check else None,
        "description": check.get("description") if check else None,
        "values": [key for key in VALUE_FIELDS if finding.get(key) not in (None, "")],
    }


def check_title(check: dict[str, Any], lang: str) -> str:
    """A check's title in ``lang``: its English title where it has one, else its own."""
    return (check.get("title_en") if lang == "en" else None) or check["title"]


def quotes(locations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each sentence once, as plain text, with the printed words of every location quoting it
    marked: ``[{"section": ..., "pieces": [{"text": ..., "mark": bool}, ...]}]``."""
    sentences: dict[str, dict[str, Any]] = {}
    for loc in locations:
        if not loc.get("quote"):
            continue
        text = plain(loc["quote"])
        entry = sentences.setdefault(text, {"section": loc.get("section"), "printed": []})
        if loc.get("printed"):
            entry["printed"].append(plain(str(loc["printed"])))
    return [
        {"section": entry["section"], "pieces": marked(text, entry["printed"])}
        for text, entry in sentences.items()
    ]


def marked(text: str, printed: list[str]) -> list[dict[str, Any]]:
    """``text`` cut into pieces, the first place of each printed value marked (case folded
    when it is printed otherwise; a value not in the text marks nothing)."""
    spans: list[tuple[int, int]] = []
    folded = text.casefold()
    for value in dict.fromkeys(p for p in printed if p.strip()):
        start = text.find(value)
        if start < 0:
            start = folded.find(value.casefold())
        while start >= 0 and any(start < e and s < start + len(value) for s, e in spans):
            start = folded.find(value.casefold(), start + 1)
        if start >= 0:
            spans.append((start, start + len(value)))
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start > last:
            pieces.append({"text": text[last:start], "mark": False})
        pieces.append({"text": text[start:end], "mark": True})
        last = end
    if last < len(text) or not pieces:
        pieces.append({"text": text[last:], "mark": False})
    return pieces
