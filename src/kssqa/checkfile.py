"""checks/*.yaml -> validated check specs (rules as data, kept apart from the code).

A check file holds ``checks:``, a list of mappings with ``id``, ``kind``, ``title``,
``severity`` (error/warning/info), the kind's arguments and an optional ``description``.
Files are loaded safely (a YAML safe loader: no Python objects from tags). Everything is
validated here, before any data is read: an unknown kind (with the closest known names), an
unknown or missing argument, a malformed expression or a duplicate id is a configuration error
naming the file and the check.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from .config import ConfigError
from .findings import Severity
from .kinds import KINDS
from .kinds.base import CheckSpec
from .messages import quoted
from .selection import check_files, is_selected
from .yamlio import load_file

RESERVED = {"id", "kind", "title", "title_en", "severity", "description", "years"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def _closest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(options)}"


def parse_check(raw: Any, where: str) -> CheckSpec:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each check must be a mapping with id, kind, title")
    check_id = raw.get("id")
    if not isinstance(check_id, str) or not ID_PATTERN.match(check_id):
        raise ConfigError(f"{where}: check id {quoted(check_id)} must match {ID_PATTERN.pattern}")
    kind_name = raw.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        raise ConfigError(
            f"{where}: check {check_id!r}: unknown kind {quoted(kind_name)}"
            + _closest(str(kind_name)[:100], sorted(KINDS))
        )
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ConfigError(f"{where}: check {check_id!r}: a one-line title is required")
    title_en = raw.get("title_en", "")
    if not isinstance(title_en, str):
        raise ConfigError(f"{where}: check {check_id!r}: title_en must be a one-line text")
    try:
        severity = Severity(raw.get("severity", "error"))
    except ValueError:
        raise ConfigError(
            f"{where}: check {check_id!r}: severity must be error, warning or info"
        ) from None
    years = _years(raw.get("years"), check_id, where)
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(f"{where}: check {check_id!r}: description must be text")
    kind = KINDS[kind_name]
    args = {k: v for k, v in raw.items() if k not in RESERVED}
    args = kind.validate(check_id, args, where)
    return CheckSpec(
        id=check_id,
        kind=kind_name,
        title=title.strip(),
        severity=severity,
        args=args,
        source=where,
        description=description,
        parsed=kind.parse_expressions(check_id, args, where),
        years=years,
        title_en=title_en.strip(),
    )


def _years(value: Any, check_id: str, where: str) -> tuple[int, ...]:
    """``years:``: the reporting years a check is about (a one-off event); none = every year."""
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not values or not all(
        isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2200 for v in values
    ):
        raise ConfigError(
            f"{where}: check {check_id!r}: years must be a year or a list of years "
            f"(the reporting years the check is about), got {value!r}"
        )
    return tuple(sorted(set(values)))


def load_check_file(path: Path, display: str, year: int | None = None) -> list[CheckSpec]:
    """The checks of one file, its year placeholders (``$year``, ``$prior``) replaced."""
    data = load_file(path, display, year)
    if data is None:
        return []
    if (
        not isinstance(data, dict)
        or set(data) != {"checks"}
        or not isinstance(data["checks"], list)
    ):
        raise ConfigError(f"{display}: a check file must hold one key, checks: a list of checks")
    return [parse_check(raw, display) for raw in data["checks"]]


def load_checks(
    folder: Path, relative=lambda p: str(p), year: int | None = None
) -> list[CheckSpec]:
    """Every check in ``folder/*.yaml`` (not subfolders: those hold lists the checks use),
    for the reporting ``year`` (see :mod:`kssqa.years`)."""
    checks: list[CheckSpec] = []
    seen: dict[str, str] = {}
    for path in check_files(folder):
        for check in load_check_file(path, relative(path), year):
            if check.id in seen:
                raise ConfigError(
                    f"{check.source}: check id {check.id!r} is also used in {seen[check.id]}"
                )
            seen[check.id] = check.source
            checks.append(check)
    return checks


def applies(check: CheckSpec, year: int) -> bool:
    """A check runs in every reporting year unless its ``years:`` name others."""
    return not check.years or year in check.years


def select(checks: list[CheckSpec], only: tuple[str, ...], skip: tuple[str, ...]) -> list:
    """Filter by check ids or kinds; an id or kind that matches nothing is an error."""
    built_in = {"schema", "manuscript"}  # the schema rules; the manuscript cross-check
    known = {c.id for c in checks} | {c.kind for c in checks} | set(KINDS) | built_in
    for name in (*only, *skip):
        if name not in known:
            raise ConfigError(
                f"--only/--skip: {name!r} is neither a check id nor a kind"
                + _closest(name, sorted(known))
            )
    return [c for c in checks if is_selected(c.id, c.kind, only, skip)]
