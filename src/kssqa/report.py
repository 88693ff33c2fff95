"""The result of a run: findings plus what was read, and the verdict derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .config import Config
from .findings import Finding, Outcome, Severity

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2


@dataclass(frozen=True)
class TableSummary:
    table: str
    file: str
    rows: int | None  # None when the file could not be read
    sha256: str | None
    readable: bool
    unconfirmed: int = 0  # rows whose quote is empty (being filled in)
    unfilled: int = 0  # empty required cells in those rows
    chapters: tuple[tuple[str, int], ...] = ()  # report chapter -> how many rows print in it


@dataclass
class Report:
    config: Config
    findings: list[Finding] = field(default_factory=list)
    tables: list[TableSummary] = field(default_factory=list)
    checksums: dict[str, str] = field(default_factory=dict)  # file shown -> sha256
    checks: list = field(default_factory=list)  # the CheckSpecs that ran
    not_applicable: list = field(default_factory=list)  # CheckSpecs about other years (years:)
    started: datetime | None = None
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    waivers: list = field(default_factory=list)  # the Waivers read
    section_order: list[str] = field(default_factory=list)  # the report's sections, in order
    manuscript: dict | None = None  # the manuscript read, and how much of it the inputs cover

    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == Outcome.WAIVED]

    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.is_failure]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.failures() if f.severity == severity)

    def passes(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == Outcome.PASS]

    def skipped(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == Outcome.SKIPPED]

    @property
    def blocked(self) -> bool:
        """Something could not be checked at all (unreadable input, schema mismatch)."""
        return any(f.blocks_run for f in self.findings)

    def _by_cell(self) -> list[list[Finding]]:
        """The failures grouped by the one printed cell they are about, in their order; a
        failure about no single cell is a group of its own."""
        groups: dict[tuple, list[Finding]] = {}
        for finding in self.failures():
            groups.setdefault(_cell_of(finding) or (id(finding),), []).append(finding)
        return list(groups.values())

    def same_cell(self) -> dict[str, list[str]]:
        """Failures that point at the very same cell as other failures: fingerprint -> the
        other failures' check ids. One printed mistake can break two rules (a schema rule and
        a check); the outputs say so, and count it as one problem (see :meth:`problems`)."""
        return {
            finding.fingerprint: [other.check_id for other in group if other is not finding]
            for group in self._by_cell()
            if len(group) > 1
            for finding in group
        }

    def problems(self) -> list[tuple[Finding, ...]]:
        """The failures as the reader's problems: failures about the very same printed cell
        (a schema rule and a check on one date) are one problem, most severe first; every other
        failure is a problem of its own. Headline counts count problems."""
        return [tuple(sorted(group, key=_severity_rank)) for group in self._by_cell()]

    def problem_of(self) -> dict[str, str]:
        """Failure fingerprint -> the fingerprint of its problem's lead finding."""
        return {f.fingerprint: group[0].fingerprint for group in self.problems() for f in group}

    def count_problems(self, severity: Severity) -> int:
        return self.problem_counts()[str(severity)]

    def problem_counts(self) -> dict[str, int]:
        """Problems per severity, by their lead finding's severity."""
        leads = [group[0].severity for group in self.problems()]
        return {str(severity): leads.count(severity) for severity in Severity}

    def verdict(self, fail_on: Severity = Severity.ERROR) -> dict:
        """The verdict: ready or not, the exit code, and what it counts (findings per rule,
        and the reader's problems)."""
        exit_code = self.exit_code(fail_on)
        return {
            "ready_to_publish": exit_code == EXIT_OK,
            "exit_code": exit_code,
            "blocked": self.blocked,
            "counts": {
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "passed": len(self.passes()),
                "waived": len(self.waived()),
                "skipped": len(self.skipped()),
            },
            # What the reader counts: failures about one printed cell are one problem.
            "problems": self.problem_counts(),
        }

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        if self.blocked:
            return EXIT_CANNOT_RUN
        failing = (
            {Severity.ERROR} if fail_on == Severity.ERROR else {Severity.ERROR, Severity.WARNING}
        )
        if any(f.severity in failing for f in self.failures()):
            return EXIT_FINDINGS
        return EXIT_OK


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _severity_rank(finding: Finding) -> int:
    return _SEVERITY_ORDER[finding.severity]


def _cell_of(finding: Finding) -> tuple | None:
    """The one printed cell a finding is about, if it is about exactly one (a cell of an input
    file: a line of the manuscript holds many figures, each its own problem)."""
    if len(finding.locations) != 1:
        return None
    if finding.locations[0].row is None or finding.locations[0].column is None:
        return None
    location = finding.locations[0]
    return (location.file, location.row, location.column)
