"""``kssqa waive``: add a waiver for one finding of the last report to ``checks/waivers.yaml``.

The editor names the finding by its fingerprint (the HTML card, ``report.json``); the waiver's
check, place and year are taken from the last report of that year, so nothing is copied by
hand. The waivers file is appended to — the editor's other waivers and comments stay as they
are — and written atomically; the new text is read back before it replaces the old one.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .config import Config, ConfigError, read_text
from .output import write_atomic
from .waivers import FILE_NAME, Waiver, load_waivers
from .yamlio import safe_load

REPORT_JSON = "report.json"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
_WAIVERS_KEY = re.compile(r"^waivers:[ \t]*(?:#.*)?$", re.MULTILINE)
_EMPTY_FLOW_LIST = re.compile(r"^waivers:[ \t]*\[[ \t]*\]", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^([ \t]*)- ", re.MULTILINE)
_DEFAULT_INDENT = "  "


class WaiveError(ConfigError):
    """The waiver cannot be added; the message says why and what to do."""


@dataclass(frozen=True)
class AddedWaiver:
    """What :func:`add_waiver` wrote, and the earlier waivers it makes stale."""

    path: Path
    entry: dict[str, Any]
    superseded: tuple[Waiver, ...]  # same check and place, other values: now reported stale


def add_waiver(
    config: Config,
    fingerprint: str,
    reason: str,
    by: str,
    expires: date | str,
    today: date,
    reports: Path | None = None,
) -> AddedWaiver:
    """Append a waiver for the finding ``fingerprint`` of the year's last report.

    Raises :class:`WaiveError` (a :class:`ConfigError`) when the fingerprint is not a failing
    finding of that report, the expiry is not a day from ``today`` on, the reason or the name
    is empty, or a waiver for that fingerprint exists already."""
    fingerprint = fingerprint.strip().lower()
    reason, by = _required_text("--reason", reason), _required_text("--by", by)
    expires = _expiry(expires, today)
    report_path = (reports or config.reports) / str(config.year) / REPORT_JSON
    finding = _waivable_finding(fingerprint, _findings(report_path, config), config.year)
    path = config.checks / FILE_NAME
    display = config.relative(path)
    existing = load_waivers(config.checks, display)
    for waiver in existing:
        if waiver.fingerprint == fingerprint:
            raise WaiveError(
                f"{display}: waiver {waiver.index} already accepts {fingerprint} "
                f"(by {waiver.by}, expires {waiver.expires.isoformat()}); change it there"
            )
    entry = {
        "check": finding["check_id"],
        "location": _location(finding),
        "fingerprint": fingerprint,
        "reason": reason,
        "by": by,
        "expires": expires,
        "year": config.year,
    }
    if entry["location"] is None:
        del entry["location"]
    old_text = read_text(path, display) if path.exists() else ""
    new_text = _appended(old_text, entry)
    if _waiver_list(new_text) != [*_waiver_list(old_text), entry]:
        raise WaiveError(
            f"{display}: kssqa cannot append to this file's layout safely; add the waiver by "
            f"hand:\n{_entry_yaml(entry, _DEFAULT_INDENT)}"
        )
    write_atomic(path, new_text)
    superseded = tuple(
        w
        for w in existing
        if w.check == entry["check"]
        and w.location == entry.get("location")
        and w.about_year() in (None, config.year)
    )
    return AddedWaiver(path, entry, superseded)


def _required_text(option: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise WaiveError(f"{option} is required (a non-empty text)")
    return value


def _expiry(expires: date | str, today: date) -> date:
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires.strip())
        except ValueError:
            raise WaiveError(f"--expires must be a day as YYYY-MM-DD, got {expires!r}") from None
    if expires < today:
        raise WaiveError(
            f"--expires {expires.isoformat()} is in the past (today is {today.isoformat()}); "
            "a waiver accepts a finding from now until a day to come"
        )
    return expires


def _findings(report_path: Path, config: Config) -> list[dict[str, Any]]:
    display = config.relative(report_path)
    if not report_path.is_file():
        raise WaiveError(
            f"{display}: no report for {config.year}; run `kssqa check` first, then waive a "
            "finding by its fingerprint"
        )
    try:
        data = json.loads(report_path.read_text(encoding="utf-8"))
        findings = data["findings"]
    except (ValueError, KeyError, TypeError) as error:
        raise WaiveError(
            f"{display}: not a kssqa report ({error}); run `kssqa check` again"
        ) from None
    if not isinstance(findings, list):
        raise WaiveError(f"{display}: not a kssqa report; run `kssqa check` again")
    return [f for f in findings if isinstance(f, dict)]


def _waivable_finding(
    fingerprint: str, findings: list[dict[str, Any]], year: int
) -> dict[str, Any]:
    """The failing finding with this fingerprint; else an error naming the close ones."""
    if not _FINGERPRINT.match(fingerprint):
        raise WaiveError(
            f"{fingerprint!r} is not a fingerprint: 16 characters 0-9 and a-f, as in "
            "report.json or on the finding's card in report.html"
        )
    same = [f for f in findings if f.get("fingerprint") == fingerprint]
    waivable = [f for f in same if f.get("outcome") == "fail" and not f.get("blocks_run")]
    if waivable:
        return waivable[0]
    if same:
        outcome = same[0].get("outcome")
        why = {
            "waived": "is waived already",
            "pass": "passed; there is nothing to waive",
            "error": "could not be evaluated; fix the input or the check instead",
        }.get(str(outcome), f"has outcome {outcome!r} and cannot be waived")
        if same[0].get("blocks_run"):
            why = "means kssqa could not read an input; fix the input instead"
        raise WaiveError(f"the finding {fingerprint} of the {year} report {why}")
    failing = sorted({str(f.get("fingerprint")) for f in findings if f.get("outcome") == "fail"})
    close = [f for f in failing if f.startswith(fingerprint[:6])]
    close += [f for f in difflib.get_close_matches(fingerprint, failing, n=3) if f not in close]
    hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
    raise WaiveError(
        f"no finding of the last {year} report has the fingerprint {fingerprint}{hint} "
        "(fingerprints are in report.json and on each card of report.html)"
    )


def _location(finding: dict[str, Any]) -> str | None:
    """The finding's first place as a waiver names it: file:row, or the file."""
    for loc in finding.get("locations") or []:
        if loc.get("file"):
            return f"{loc['file']}:{loc['row']}" if loc.get("row") else loc["file"]
    return None


def _entry_yaml(entry: dict[str, Any], indent: str) -> str:
    text = yaml.safe_dump(
        [entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    return "".join(indent + line for line in text.splitlines(keepends=True))


def _appended(old_text: str, entry: dict[str, Any]) -> str:
    """The waivers file with ``entry`` added as the last item of its list, the rest unchanged."""
    if not _WAIVERS_KEY.search(old_text):
        if _EMPTY_FLOW_LIST.search(old_text):  # "waivers: []": the list starts now
            old_text = _EMPTY_FLOW_LIST.sub("waivers:", old_text, count=1)
        else:
            prefix = old_text if old_text.strip() else ""  # keep a lone comment header
            old_text = prefix + ("\n" if prefix and not prefix.endswith("\n") else "")
            old_text += "waivers:\n"
    if old_text and not old_text.endswith("\n"):
        old_text += "\n"
    first = _FIRST_ITEM.search(old_text, _WAIVERS_KEY.search(old_text).end())
    indent = first.group(1) if first else _DEFAULT_INDENT
    return old_text + _entry_yaml(entry, indent)


def _waiver_list(text: str) -> list[dict[str, Any]]:
    """The list of waivers a waivers file's text holds, as plain data (to compare)."""
    data = safe_load(text) if text.strip() else None
    if not isinstance(data, dict) or not isinstance(data.get("waivers"), list):
        return []
    return data["waivers"]
