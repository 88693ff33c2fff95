"""What every renderer shows the same way: a location's place, and the failures grouped into
the reader's problems. Plain functions of the report data (``render.data.report_to_data``)."""

from __future__ import annotations

from typing import Any

FAILING = ("fail", "error")


def place(location: dict[str, Any]) -> str:
    """file:row:column, leaving out what the location does not have."""
    parts = [str(location.get("file") or "")]
    if location.get("row") is not None:
        parts.append(str(location["row"]))
    if location.get("column"):
        parts.append(str(location["column"]))
    return ":".join(parts)


def finding_place(finding: dict[str, Any]) -> str:
    """Where a finding is: its first location, or its check when it has none."""
    return place(finding["locations"][0]) if finding["locations"] else finding["check_id"]


def by_problem(findings: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Findings grouped by their problem (``findings[].problem``; a finding that is no failure
    is a group of its own), in the findings' order, each group's lead finding first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(finding.get("problem") or finding["fingerprint"], []).append(finding)
    for key, group in groups.items():
        group.sort(key=lambda f: f["fingerprint"] != key)
    return list(groups.values())


def problems(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The failing findings of the report by problem, each group's lead finding first."""
    return by_problem([f for f in data["findings"] if f["outcome"] in FAILING])
