"""The library entry point: ``run(config) -> Report``. The CLI and the tests both call it."""

from __future__ import annotations

from .annotate import manuscript_view
from .checkfile import applies, load_checks, select
from .clock import now
from .config import Config
from .crosscheck import check_values, cross_check
from .data import Data, PriorYear, TableData
from .findings import Finding, Location, Outcome, Severity
from .kinds import KINDS
from .kinds.base import CheckSpec
from .manuscript import Manuscript, ManuscriptError, read_manuscript
from .messages import Template
from .progress import NoProgress
from .report import Report, TableSummary
from .schema_spec import SchemaSpec, load_schemas
from .schemas import validate_table
from .summary import table_chapters
from .tables import TableReadError, file_sha256, invisible_characters, read_table
from .waivers import FILE_NAME as WAIVERS_FILE
from .waivers import apply_waivers, load_waivers

MESSAGES = {
    "no_schema": Template(
        "filen har ikke noe skjema i {schemas} og blir ikke kontrollert",
        "the file has no schema in {schemas} and is not checked",
    ),
    "no_inputs": Template("mappen med inndata finnes ikke", "the inputs folder does not exist"),
    "unconfirmed": Template(
        "{unconfirmed} av {rows} rader er ikke bekreftet ennå (tomt sitat){unfilled_nb}; "
        "kontrollene som trenger dem venter",
        "{unconfirmed} of {rows} rows are not confirmed yet (empty quote){unfilled_en}; "
        "the checks that need them wait",
    ),
    "unfilled": Template("; {count} verdier mangler", "; {count} values are missing"),
    "no_rows": Template(
        "tabellen har ingen rader ennå; kontrollene som trenger den venter",
        "the table has no rows yet; the checks that need it wait",
    ),
    "duplicate_key": Template(
        "nøkkelen «{key}» brukes i flere tabeller; kontroller kan ikke vite hvilken rad de mener",
        "the key «{key}» is used in several tables; checks cannot know which row they mean",
    ),
}


def _unschematized(config: Config, covered: set[str]) -> list[Finding]:
    findings = []
    for path in sorted(config.inputs.glob("*.csv")):
        if path.name in covered:
            continue
        findings.append(
            Finding(
                check_id="input.no_schema",
                kind="input",
                severity=Severity.WARNING,
                outcome=Outcome.FAIL,
                message=MESSAGES["no_schema"].render(schemas=config.relative(config.schemas)),
                locations=(Location(config.relative(path)),),
            )
        )
    return findings


def _unfilled(display: str, rows: int, unconfirmed: int, unfilled: int) -> list[Finding]:
    """One line per table that is still being filled in (a new year's inputs): how much."""
    if rows and not unconfirmed:
        return []
    if not rows:
        message = MESSAGES["no_rows"].render()
    else:
        missing = MESSAGES["unfilled"].render(count=unfilled) if unfilled else {"nb": "", "en": ""}
        message = MESSAGES["unconfirmed"].render(
            unconfirmed=unconfirmed, rows=rows, unfilled_nb=missing["nb"], unfilled_en=missing["en"]
        )
    return [
        Finding(
            check_id="input.unconfirmed",
            kind="input",
            severity=Severity.WARNING,
            outcome=Outcome.FAIL,
            message=message,
            locations=(Location(display),),
            details={"rows": rows, "unconfirmed": unconfirmed, "unfilled": unfilled},
        )
    ]


def _prior_year(config: Config, report: Report) -> PriorYear:
    """Last year's inputs, read (through the same schemas, for that year) only if a check
    asks for them; the files read join the run's checksums."""
    year = config.year - 1
    folder = config.inputs_for(year)
    shown = config.relative(folder) if folder is not None else f"inputs/{year}"
    if folder is None or not folder.is_dir():
        return PriorYear(year, shown, None)

    def load() -> Data:
        usable, unreadable = [], {}
        for spec in load_schemas(config.schemas, year):
            table = _read_table(config, spec, folder, report.checksums)
            if isinstance(table, str):
                unreadable[spec.table] = table
                continue
            validated = validate_table(spec, table, year, config.relative(spec.path))
            if validated.usable:
                usable.append(_table_data(spec, table, validated))
        return Data(usable, year, unreadable=unreadable)

    return PriorYear(year, shown, load)


def _read_table(config: Config, spec: SchemaSpec, folder, checksums: dict[str, str]):
    """A table of another year's inputs, or why it cannot be read."""
    path = folder / spec.file
    display = config.relative(path)
    try:
        table = read_table(
            spec.table, path, display, encoding=config.encoding, delimiter=config.delimiter
        )
    except TableReadError as error:
        return "; ".join(f.text("en") for f in error.findings)
    checksums[display] = table.sha256
    return table


def _manuscript(config: Config, report: Report) -> Manuscript | None:
    """The year's manuscript, read; an unreadable one blocks the run (exit 2), the rest goes on."""
    path = config.manuscript
    if path is None:
        return None
    display = config.relative(path)
    try:
        manuscript = read_manuscript(path, display)
    except ManuscriptError as error:
        report.findings.append(
            Finding(
                check_id="input.manuscript",
                kind="input",
                severity=Severity.ERROR,
                outcome=Outcome.ERROR,
                message={"nb": error.reason, "en": error.reason},
                locations=(Location(display, error.line),),
                blocks_run=True,
            )
        )
        return None
    report.checksums[display] = manuscript.sha256
    return manuscript


def _cross_check(manuscript: Manuscript, report: Report, tables: list[TableData]) -> None:
    """The rows against their manuscript: values in quotes, quotes in the text, coverage."""
    report.findings.extend(check_values(tables))
    result = cross_check(manuscript, tables)
    report.findings.extend(result.findings)
    report.manuscript = {
        "file": manuscript.display,
        "sha256": manuscript.sha256,
        "unit": manuscript.unit,
        "passages": len(manuscript.passages),
        "coverage": result.coverage(),
    }


SECTIONS_TABLE = "sections"


def _section_order(data: Data) -> list[str]:
    """The report's own order of sections: the table of contents, when it was transcribed."""
    table = data.tables.get(SECTIONS_TABLE)
    if table is None or "title" not in table.table.columns:
        return []
    return [t for t in table.table.frame["title"] if t]


def _duplicate_keys(data: Data) -> list[Finding]:
    return [
        Finding(
            check_id="input.duplicate_key",
            kind="input",
            severity=Severity.ERROR,
            outcome=Outcome.FAIL,
            message=MESSAGES["duplicate_key"].render(key=key),
            locations=tuple(locations),
        )
        for key, locations in data.duplicate_keys.items()
    ]


def _table_data(spec, table, validated) -> TableData:
    """A validated table as the checks read it."""
    return TableData(spec, table, validated.typed, validated.unconfirmed, validated.parsed)


def _run_checks(checks: list[CheckSpec], data: Data, progress: NoProgress) -> list[Finding]:
    """Every check's findings, in the checks' order.

    Kinds that load in the background (GX) run last, so kssqa's own checks run meanwhile;
    each kind's ready() comes just before its first check.
    """
    found: dict[str, list[Finding]] = {}
    readied: set[str] = set()
    for check in sorted(checks, key=lambda c: KINDS[c.kind].background):
        kind = KINDS[check.kind]
        if check.kind not in readied:
            kind.ready([c for c in checks if c.kind == check.kind])
            readied.add(check.kind)
        progress.advance(check.id)
        found[check.id] = kind(check, data).run()
    return [finding for check in checks for finding in found[check.id]]


def run(
    config: Config,
    only: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
    progress: NoProgress | None = None,
) -> Report:
    """Validate every input table against its schema, then run the consistency checks.

    ``only``/``skip`` take check ids or kinds (``schema`` for the schema rules). ``progress``
    hears of each table and check as it starts (kssqa.progress). Raises ConfigError when kssqa
    cannot run (bad configuration, schema or check file, or a gx check whose expectation GX
    rejects).
    """
    progress = progress or NoProgress()
    try:
        return _run(config, only, skip, progress)
    finally:
        progress.close()


def _run(
    config: Config, only: tuple[str, ...], skip: tuple[str, ...], progress: NoProgress
) -> Report:
    started = now()
    specs = load_schemas(config.schemas, config.year)
    configured = load_checks(config.checks, config.relative, config.year)
    checks = select([c for c in configured if applies(c, config.year)], only, skip)
    for check in checks:
        KINDS[check.kind].prepare(check)
    waivers = load_waivers(config.checks, config.relative(config.checks / WAIVERS_FILE))
    report = Report(config, started=started, only=only, skip=skip, waivers=waivers)
    report.not_applicable = [c for c in configured if not applies(c, config.year)]
    show_schema = (not only or "schema" in only) and "schema" not in skip
    show_manuscript = (not only or "manuscript" in only) and "manuscript" not in skip
    if not config.inputs.is_dir():
        report.findings.append(
            Finding(
                check_id="input.no_inputs",
                kind="input",
                severity=Severity.ERROR,
                outcome=Outcome.ERROR,
                message=MESSAGES["no_inputs"].render(),
                locations=(Location(config.relative(config.inputs)),),
                blocks_run=True,
            )
        )
        return report
    usable: list[TableData] = []
    progress.start(len(specs) + len(checks))
    for spec in specs:
        progress.advance(spec.file)
        path = config.inputs / spec.file
        display = config.relative(path)
        try:
            table = read_table(
                spec.table, path, display, encoding=config.encoding, delimiter=config.delimiter
            )
        except TableReadError as error:
            report.findings.extend(error.findings)
            sha = file_sha256(path) if path.is_file() else None
            report.tables.append(TableSummary(spec.table, display, None, sha, False))
            if sha:
                report.checksums[display] = sha
            continue
        report.checksums[display] = table.sha256
        report.findings.extend(invisible_characters(table))
        validated = validate_table(spec, table, config.year, config.relative(spec.path))
        rows, unconfirmed = len(table.frame), len(validated.unconfirmed)
        report.tables.append(
            TableSummary(
                spec.table,
                display,
                rows,
                table.sha256,
                True,
                unconfirmed,
                validated.unfilled,
                table_chapters(table.frame.get("section", ())),
            )
        )
        report.findings.extend(f for f in validated.findings if show_schema or f.blocks_run)
        report.findings.extend(_unfilled(display, rows, unconfirmed, validated.unfilled))
        if validated.usable:
            usable.append(_table_data(spec, table, validated))
    manuscript = _manuscript(config, report)
    if manuscript is not None and show_manuscript:
        _cross_check(manuscript, report, usable)
    data = Data(usable, config.year, prior=_prior_year(config, report), manuscript=manuscript)
    report.section_order = _section_order(data)
    report.findings.extend(_duplicate_keys(data))
    report.findings.extend(_run_checks(checks, data, progress))
    report.checks = checks
    for spec in specs:
        report.checksums[config.relative(spec.path)] = file_sha256(spec.path)
    for path in sorted(config.checks.rglob("*.yaml")) if config.checks.is_dir() else []:
        if path.is_file():  # a named pipe among the lists would never end
            report.checksums[config.relative(path)] = file_sha256(path)
    if config.path is not None:
        report.checksums[config.relative(config.path)] = file_sha256(config.path)
    report.findings = apply_waivers(
        report.findings,
        waivers,
        started.date(),
        config.relative(config.checks / WAIVERS_FILE),
        config.year,
    )
    report.findings.extend(_unschematized(config, {spec.file for spec in specs}))
    if manuscript is not None and report.manuscript is not None:
        shown = [
            f
            for f in report.findings
            if f.outcome in (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED)
            and f.check_id != "manuscript.coverage"  # listed apart, not marked in the text
        ]
        report.manuscript["view"] = manuscript_view(manuscript, shown)
    return report
