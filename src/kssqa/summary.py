"""The per-check summary: one row per check with how many findings it gave of each outcome,
and the report chapter it is about (like pointblank's step table or R validate's summary()).

A check's chapter is derived, never kept by hand: a finding located in a row carries that
row's ``section``; a finding about a whole table (a schema rule that every row passed) takes
the chapter where most of the table's rows are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .findings import Finding, Outcome

NO_SECTION = ""
PATH_SEPARATOR = " > "  # "ROSA > Utnyttelsesformer": the chapter is the part before it


def chapter(section: str | None) -> str:
    """The report chapter of a (possibly nested) section title."""
    return section.split(PATH_SEPARATOR)[0] if section else NO_SECTION


def table_chapters(sections: Iterable[object]) -> tuple[tuple[str, int], ...]:
    """How many rows of a table sit in each chapter, in the order the rows first name them."""
    counts = Counter(chapter(s) for s in sections if isinstance(s, str) and s.strip())
    return tuple(counts.items())


def main_chapter(counts: Counter[str] | dict[str, int], order: Sequence[str]) -> str:
    """The chapter with the most rows or findings; a tie goes to the one the report prints first."""
    rank = {title: i for i, title in enumerate(order)}
    named = {c: n for c, n in counts.items() if c}
    if not named:
        return NO_SECTION
    return min(named, key=lambda c: (-named[c], rank.get(c, len(rank)), c))


@dataclass
class CheckSummary:
    check_id: str
    kind: str
    severity: str
    title: str | None = None
    title_en: str | None = None
    chapters: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    def row(self, order: Sequence[str]) -> dict[str, object]:
        count = self.outcomes
        evaluated = sum(n for o, n in count.items() if o != Outcome.SKIPPED)
        return {
            "check_id": self.check_id,
            "kind": self.kind,
            "title": self.title,
            "title_en": self.title_en,
            "severity": self.severity,
            "section": main_chapter(self.chapters, order),
            "sections": sorted(
                (c for c in self.chapters if c),
                key=lambda c: (order.index(c) if c in order else len(order), c),
            ),
            "evaluated": evaluated,
            "passed": count[Outcome.PASS],
            "failed": count[Outcome.FAIL],
            "errors": count[Outcome.ERROR],
            "waived": count[Outcome.WAIVED],
            "skipped": count[Outcome.SKIPPED],
        }


def finding_chapter(finding: Finding, tables: dict[str, str]) -> str:
    """The chapter a finding is about: its first located section, else its table's chapter
    (``tables``: a table's file as shown -> its main chapter)."""
    for location in finding.locations:
        if location.section:
            return chapter(location.section)
    for location in finding.locations:
        if tables.get(location.file):
            return tables[location.file]
    return NO_SECTION


def check_summary(
    findings: Iterable[Finding],
    checks: Iterable[object],
    tables: dict[str, str],
    order: Sequence[str],
) -> list[dict[str, object]]:
    """One row per check: the declared checks (``CheckSpec``) in their order, with the built-in
    ones (schema rules, manuscript) as their findings meet them; failing checks first."""
    rows: dict[str, CheckSummary] = {}
    for check in checks:
        rows[check.id] = CheckSummary(
            check.id, check.kind, str(check.severity), check.title, check.title_en or None
        )
    for finding in findings:
        row = rows.setdefault(
            finding.check_id, CheckSummary(finding.check_id, finding.kind, str(finding.severity))
        )
        row.outcomes[str(finding.outcome)] += 1
        row.chapters[finding_chapter(finding, tables)] += 1
    result = [summary.row(order) for summary in rows.values()]
    return sorted(result, key=_failing_first)


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _failing_first(row: dict[str, object]) -> tuple:
    failing = row["failed"] + row["errors"]  # type: ignore[operator]
    if failing:
        group = 0
    elif row["waived"]:
        group = 1
    elif row["passed"]:
        group = 2
    else:
        group = 3  # skipped or gave nothing
    return (group, SEVERITY_RANK.get(str(row["severity"]), 3), -failing)
