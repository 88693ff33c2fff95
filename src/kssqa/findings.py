"""Findings: the one record type every check produces and every renderer reads.

A finding is plain data. Schema failures, parse failures, unreadable files and (later)
consistency checks all end up as findings, so renderers handle a single shape.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from .messages import LANGUAGES, LocalText


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    # The check could not be evaluated (unreadable file, missing column, ...). Never a pass.
    ERROR = "error"
    WAIVED = "waived"
    # Not evaluated, for a reason that is no fault: the rows it needs are not confirmed yet
    # (a new year's inputs being filled in), or there is nothing to compare with (no inputs for
    # last year). Neither a pass nor a failure.
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)  # slots: a register makes a million of them
class Location:
    """Where a finding points: a cell of an input file and where it is printed in the report."""

    file: str
    row: int | None = None  # physical line of the file (1-based), not a DataFrame index
    column: str | None = None
    section: str | None = None
    quote: str | None = None
    # The cell's text as the report prints it (the part of ``quote`` a finding is about), so a
    # reader can be shown the very words inside the sentence.
    printed: str | None = None

    def label(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)


# The fields that say a finding's values. Each is given as language-neutral text (a printed
# value as printed), a ``LocalText`` (a number formatted per language) or ``{"nb": ..., "en":
# ...}``, which the finding keeps as a LocalText.
VALUE_FIELDS = ("expected", "actual", "difference", "tolerance", "suggestion")


def in_language(value: Any, lang: str) -> str | None:
    """A value field's text in ``lang``."""
    if value is None:
        return None
    return value.localize(lang) if isinstance(value, LocalText) else str(value)


@dataclass(frozen=True)
class Finding:
    check_id: str
    kind: str
    severity: Severity
    outcome: Outcome
    message: dict[str, str]  # language code ("nb", "en") -> text
    locations: tuple[Location, ...] = ()
    expected: Any = None  # str, LocalText or {lang: text}: see VALUE_FIELDS
    actual: Any = None
    difference: Any = None
    tolerance: Any = None
    suggestion: Any = None
    # Set when the finding means kssqa could not do its job on some input (exit code 2).
    blocks_run: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a value given per language is kept as one LocalText: a str (its Norwegian form, as
        # every field held before) that knows its other languages
        for name in VALUE_FIELDS:
            value = getattr(self, name)
            if isinstance(value, dict):
                object.__setattr__(self, name, LocalText(value))

    def text(self, lang: str = "nb") -> str:
        return self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()))

    def value(self, name: str, lang: str = "nb") -> str | None:
        """The value field ``name`` (expected, actual, ...) as text in ``lang``."""
        return in_language(getattr(self, name), lang)

    @functools.cached_property  # the fields it hashes are frozen; reports ask for it often
    def fingerprint(self) -> str:
        """Identifies this finding with the values it was about (for waivers).

        Built from the check, the cells it points at and the printed/expected values — not from
        the message wording — so a waiver stops applying exactly when the values change.
        """
        cells = [[loc.file, loc.row, loc.column] for loc in self.locations]
        # the Norwegian text: what the field always held, so earlier waivers keep matching
        values = [self.value("actual"), self.value("expected")]
        payload = json.dumps([self.check_id, cells, *values], ensure_ascii=False)
        import hashlib  # here: kssqa list and explain never fingerprint

        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    @property
    def is_failure(self) -> bool:
        return self.outcome in (Outcome.FAIL, Outcome.ERROR)

    def to_dict(self) -> dict[str, Any]:
        # one level deep, not asdict(): its deep copy of every message and detail was a
        # tenth of the report's time; the values are only read (and written out) from here
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["locations"] = [
            {f.name: getattr(location, f.name) for f in fields(location)}
            for location in self.locations
        ]
        for name in VALUE_FIELDS:  # the Norwegian text as before, every language in texts
            data[name] = self.value(name)
        data["texts"] = {lang: {n: self.value(n, lang) for n in VALUE_FIELDS} for lang in LANGUAGES}
        data["severity"] = str(self.severity)
        data["outcome"] = str(self.outcome)
        data["fingerprint"] = self.fingerprint
        return data
