"""Machine-readable outputs for CI and the auditor: JSON, JUnit XML, SARIF, reconciliation CSV.

Each is a pure function of the report data (``render.data.report_to_data``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from .visible import visible

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Cells a spreadsheet would read as a formula (CSV injection): prefixed with a quote,
# unless the cell is a plain number (``-1``, ``+3``, ``-6,00``), which a spreadsheet reads as
# the number it is. Only a decimal comma counts: Norwegian Excel reads ``-1.5`` as a date.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:,[0-9]+)?")
_POINT_DECIMAL = re.compile(r"([+-]?[0-9]+)\.([0-9]+)")
# Norwegian Excel opens a CSV by double-click with its list separator, the semicolon, and
# reads UTF-8 only when the file starts with a byte order mark.
RECONCILIATION_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"
RECONCILIATION_COLUMNS = (
    "check_id",
    "kind",
    "severity",
    "outcome",
    "file",
    "row",
    "column",
    "section",
    "quote",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "suggestion",
    "message",
    "waiver_reason",
    "waiver_by",
    "waiver_expires",
    "fingerprint",
)


def render_json(data: dict[str, Any], lang: str = "nb") -> str:
    """The report data itself (every language is in it; ``lang`` is not needed)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _location_text(finding: dict[str, Any]) -> str:
    parts = []
    for loc in finding["locations"]:
        where = ":".join(str(x) for x in (loc["file"], loc["row"], loc["column"]) if x)
        if loc.get("quote"):
            where += f" «{loc['quote']}»"
        parts.append(where)
    return "\n".join(parts)


def render_junit(data: dict[str, Any], lang: str = "nb") -> str:
    """One test case per check (schema rules grouped per table); failures carry the findings.

    A finding fails its test case when its severity fails the run (``--fail-on``); lesser
    findings are listed in the case's output, so CI shows them without going red.
    """
    failing_severities = (
        {"error"}
        if data["run"]["settings"]["fail_on"] == "error"
        else {
            "error",
            "warning",
        }
    )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for finding in data["findings"]:
        if finding["kind"] == "schema":
            table = finding["check_id"].split(".")[1]
            key = ("schema", f"schema.{table}")
        else:
            key = (finding["kind"], finding["check_id"])
        groups.setdefault(key, []).append(finding)
    suite = ET.Element("testsuite", name="kssqa", timestamp=str(data["run"]["timestamp"] or ""))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for (kind, name), findings in groups.items():
        case = ET.SubElement(suite, "testcase", classname=f"kssqa.{kind}", name=name)
        counts["tests"] += 1
        failing = [
            f
            for f in findings
            if f["outcome"] == "error"
            or (f["outcome"] == "fail" and f["severity"] in failing_severities)
        ]
        noted = [f for f in findings if f["outcome"] == "fail" and f not in failing]
        if noted:
            output = ET.SubElement(case, "system-out")
            output.text = "\n\n".join(
                f"[{f['severity']}] {f['message'][lang]}\n{_location_text(f)}" for f in noted
            )
        errors = [f for f in failing if f["outcome"] == "error"]
        if errors:
            counts["errors"] += 1
            element = ET.SubElement(case, "error", message=errors[0]["message"][lang])
        elif failing:
            counts["failures"] += 1
            element = ET.SubElement(
                case, "failure", message=failing[0]["message"][lang], type=failing[0]["severity"]
            )
        elif not noted and all(f["outcome"] in ("waived", "skipped") for f in findings):
            # waived, or waiting for figures not filled in yet (or for last year's inputs)
            counts["skipped"] += 1
            waiting = [f for f in findings if f["outcome"] == "skipped"]
            reason = waiting[0]["message"][lang] if waiting else "waived"
            ET.SubElement(case, "skipped", message=reason)
            continue
        else:
            continue
        element.text = "\n\n".join(
            f"[{f['severity']}] {f['message'][lang]}\n{_location_text(f)}" for f in failing
        )
    for name, value in counts.items():
        suite.set(name, str(value))
    _make_visible(suite)
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )


def _make_visible(tree: ET.Element) -> None:
    """Escape what XML 1.0 cannot hold (a cell's NUL or vertical tab) in every text and value."""
    for element in tree.iter():
        element.text = visible(element.text) if element.text else element.text
        for name, value in element.attrib.items():
            element.set(name, visible(value))


def render_sarif(data: dict[str, Any], lang: str = "nb") -> str:
    """SARIF 2.1.0: each failing finding at its CSV file and line, for code-hosting CI."""
    rules: dict[str, dict[str, Any]] = {}
    titles = {c["id"]: c["title"] for c in data["checks"]}
    results = []
    for finding in data["findings"]:
        if finding["outcome"] not in ("fail", "error"):
            continue
        rule_id = finding["check_id"]
        rules.setdefault(
            rule_id,
            {
                "id": rule_id,
                "name": finding["kind"],
                "shortDescription": {"text": titles.get(rule_id, rule_id)},
            },
        )
        locations = []
        for loc in finding["locations"]:
            physical: dict[str, Any] = {"artifactLocation": {"uri": loc["file"]}}
            if loc["row"]:
                physical["region"] = {"startLine": loc["row"]}
            locations.append({"physicalLocation": physical})
        result = {
            "ruleId": rule_id,
            "level": SARIF_LEVELS[finding["severity"]],
            "message": {"text": finding["message"][lang]},
            "locations": locations,
            "partialFingerprints": {"kssqa/v1": finding["fingerprint"]},
        }
        suggestion = finding["texts"][lang]["suggestion"]
        if suggestion:
            result["message"]["text"] += f" ({suggestion})"
        results.append(result)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kssqa",
                        "version": data["tool"]["version"],
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def spreadsheet_safe(value: Any) -> str:
    """A cell a spreadsheet shows as it is: text that would run as a formula gets a quote in
    front; a number stays a number."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def decimal_comma(value: Any) -> Any:
    """A number written with a decimal point (``0.34``, English text) in the decimal comma
    of the file's spreadsheet (``0,34``); a ``;``-separated file is read with a decimal comma,
    and Norwegian Excel takes ``1.5`` for the 1st of May."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str) and (number := _POINT_DECIMAL.fullmatch(value)):
        return f"{number.group(1)},{number.group(2)}"
    return value


def render_reconciliation(data: dict[str, Any], lang: str = "nb") -> str:
    """One row per check evaluation (passed, failed, waived) and location, for the auditor.

    Written for a double-click in Norwegian Excel: UTF-8 with a byte order mark, ``;``
    between the cells. The columns are :data:`RECONCILIATION_COLUMNS`, in that order."""
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, delimiter=RECONCILIATION_DELIMITER, lineterminator="\n")
    writer.writerow(RECONCILIATION_COLUMNS)
    for finding in data["findings"]:
        waiver = finding["details"].get("waiver") or {} if finding["outcome"] == "waived" else {}
        for loc in finding["locations"] or [{}]:
            row = {
                **{k: finding.get(k) for k in RECONCILIATION_COLUMNS},
                "file": loc.get("file"),
                "row": loc.get("row"),
                "column": loc.get("column"),
                "section": loc.get("section"),
                "quote": loc.get("quote"),
                "message": finding["message"][lang],
                "waiver_reason": waiver.get("reason"),
                "waiver_by": waiver.get("by"),
                "waiver_expires": waiver.get("expires"),
            }
            writer.writerow(
                [spreadsheet_safe(decimal_comma(row[c])) for c in RECONCILIATION_COLUMNS]
            )
    return out.getvalue()
