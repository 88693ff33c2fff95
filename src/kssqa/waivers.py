"""Waivers: the editor accepts a known discrepancy, with a reason, a name and an expiry date.

``checks/waivers.yaml``::

    waivers:
      - check: vo.who-called                       # the check id
        location: inputs/2025/vo_linjen.csv:7      # optional: file:row (or file:row:column)
        fingerprint: 3f1c0a9b2d4e5f60              # the finding's fingerprint (JSON output)
        reason: VO-linjen registrerer ikke «annet»; resten er ukjent.   # required
        by: Redaktør Kari Nordmann                  # required
        expires: 2027-06-30                         # required, YYYY-MM-DD
        year: 2025                                  # optional: the report it is about

``kssqa waive FINGERPRINT --reason ... --by ... --expires ...`` (:mod:`kssqa.waive`) appends
one from the year's last report.

A waiver belongs to one year's report: its ``year``, or else the year folder of its location
(``inputs/2025/...``). A run for another year passes it by, neither applying nor reporting it,
so last year's waivers need no cleaning up when the new year starts.

A waiver is tied to the values it accepted through the fingerprint, which kssqa computes from
the check, the cells and the printed/expected values. When those values change, the waiver
stops applying (stale). A waived finding shows as waived in every output and does not fail the
run; a waiver that has expired, is stale or matches no finding is itself reported (warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from .config import ConfigError
from .findings import Finding, Location, Outcome, Severity
from .messages import Template
from .selection import WAIVERS_FILE
from .yamlio import load_file

FILE_NAME = WAIVERS_FILE
_KEYS = {"check", "location", "fingerprint", "reason", "by", "expires", "year"}
_YEAR_FOLDER = re.compile(r"(?:^|/)(\d{4})/")
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")

MESSAGES = {
    "expired": Template(
        "unntaket for {check} ({location}) utløp {expires}; avviket gjelder igjen",
        "the waiver for {check} ({location}) expired on {expires}; the finding applies again",
    ),
    "stale": Template(
        "unntaket for {check} ({location}) gjaldt andre verdier (fingeravtrykk {old}, nå {new}); "
        "vurder avviket på nytt",
        "the waiver for {check} ({location}) accepted other values (fingerprint {old}, now "
        "{new}); review the finding again",
    ),
    "unmatched": Template(
        "unntaket for {check} ({location}) passer ikke til noe avvik; fjern det",
        "the waiver for {check} ({location}) matches no finding; remove it",
    ),
}


@dataclass(frozen=True)
class Waiver:
    check: str
    location: str | None
    fingerprint: str
    reason: str
    by: str
    expires: date
    index: int  # position in the file, for messages
    year: int | None = None  # the report it is about (None: every year)

    def about_year(self) -> int | None:
        """The year of the report this waiver is about: its ``year``, or its location's."""
        if self.year is not None:
            return self.year
        found = _YEAR_FOLDER.search(self.location or "")
        return int(found.group(1)) if found else None

    def matches_place(self, finding: Finding) -> bool:
        if finding.check_id != self.check:
            return False
        if self.location is None:
            return True
        return any(_place_matches(self.location, loc) for loc in finding.locations)

    def to_dict(self) -> dict:
        return {
            "check": self.check,
            "location": self.location,
            "fingerprint": self.fingerprint,
            "reason": self.reason,
            "by": self.by,
            "expires": self.expires.isoformat(),
        }


def _place_matches(wanted: str, location: Location) -> bool:
    places = {location.file}
    if location.row is not None:
        places.add(f"{location.file}:{location.row}")
        if location.column:
            places.add(f"{location.file}:{location.row}:{location.column}")
    return wanted in places


def load_waivers(checks_folder: Path, display: str) -> list[Waiver]:
    path = checks_folder / FILE_NAME
    if not path.exists():
        return []
    data = load_file(path, display, placeholders=False)  # a reason may hold a "$"
    if data is None:
        return []
    well_formed = isinstance(data, dict) and set(data) == {"waivers"}
    if not well_formed or not isinstance(data["waivers"], list):
        raise ConfigError(f"{display}: a waiver file holds one key, waivers: a list of waivers")
    return [_waiver(i, raw, display) for i, raw in enumerate(data["waivers"], start=1)]


def _waiver(index: int, raw: object, display: str) -> Waiver:
    where = f"{display}: waiver {index}"
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{where}: must be a mapping with check, fingerprint, reason, by, expires"
        )
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {sorted(unknown, key=str)}; known: {sorted(_KEYS)}"
        )
    for key in ("check", "reason", "by"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ConfigError(f"{where}: {key} is required (a non-empty text)")
    fingerprint = str(raw.get("fingerprint", ""))
    if not _FINGERPRINT.match(fingerprint):
        raise ConfigError(
            f"{where}: fingerprint must be the 16-character fingerprint of the finding "
            "(see the JSON report)"
        )
    expires = raw.get("expires")
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, date) or isinstance(expires, datetime):
        # YAML reads 2026-06-30 12:00:00 as a datetime: a waiver expires on a day
        raise ConfigError(f"{where}: expires is required, as YYYY-MM-DD (a day, no time)")
    location = raw.get("location")
    if location is not None and (not isinstance(location, str) or not location.strip()):
        raise ConfigError(f"{where}: location must be file:row")
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ConfigError(f"{where}: year must be a year such as 2025")
    return Waiver(
        check=raw["check"].strip(),
        location=location.strip() if location else None,
        fingerprint=fingerprint,
        reason=raw["reason"].strip(),
        by=raw["by"].strip(),
        expires=expires,
        index=index,
        year=year,
    )


def _waiver_finding(code: str, waiver: Waiver, source: str, **params: str) -> Finding:
    return Finding(
        check_id=f"waiver.{waiver.check}",
        kind="waiver",
        severity=Severity.WARNING,
        outcome=Outcome.FAIL,
        message=MESSAGES[code].render(
            check=waiver.check,
            location=waiver.location or "alle steder",
            expires=waiver.expires.strftime("%d.%m.%Y"),
            **params,
        ),
        locations=(Location(source),),
        details={"waiver": waiver.to_dict(), "status": code},
    )


def apply_waivers(
    findings: list[Finding],
    waivers: list[Waiver],
    today: date,
    source: str,
    year: int | None = None,
) -> list[Finding]:
    """Mark the findings that a valid waiver accepts; report expired, stale, unmatched waivers.

    Waivers about another ``year``'s report are passed by."""
    result = list(findings)
    reports: list[Finding] = []
    for waiver in waivers:
        if year is not None and waiver.about_year() not in (None, year):
            continue
        places = [
            i
            for i, f in enumerate(result)
            if f.outcome == Outcome.FAIL and not f.blocks_run and waiver.matches_place(f)
        ]
        if not places:
            reports.append(_waiver_finding("unmatched", waiver, source))
            continue
        if waiver.expires < today:
            reports.append(_waiver_finding("expired", waiver, source))
            continue
        exact = [i for i in places if result[i].fingerprint == waiver.fingerprint]
        if not exact:
            new = ", ".join(sorted({result[i].fingerprint for i in places}))
            reports.append(
                _waiver_finding("stale", waiver, source, old=waiver.fingerprint, new=new)
            )
            continue
        for i in exact:
            details = {**result[i].details, "waiver": waiver.to_dict()}
            result[i] = replace(result[i], outcome=Outcome.WAIVED, details=details)
    return result + reports
