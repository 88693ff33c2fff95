"""The library entry point: ``run(config) -> Report``. The CLI and the tests both call it."""

from __future__ import annotations

from .config import Config
from .findings import Finding, Location, Outcome, Severity
from .messages import Template
from .report import Report, TableSummary
from .schemas import load_schemas, validate_table
from .tables import TableReadError, file_sha256, read_table

MESSAGES = {
    "no_schema": Template(
        "filen har ikke noe skjema i {schemas} og blir ikke kontrollert",
        "the file has no schema in {schemas} and is not checked",
    ),
    "no_inputs": Template("mappen med inndata finnes ikke", "the inputs folder does not exist"),
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


def run(config: Config) -> Report:
    """Validate every input table against its schema. Raises ConfigError if it cannot start."""
    specs = load_schemas(config.schemas)
    report = Report(config)
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
    for spec in specs:
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
        report.tables.append(
            TableSummary(spec.table, display, len(table.frame), table.sha256, True)
        )
        report.checksums[display] = table.sha256
        report.findings.extend(validate_table(spec, table, config.year, config.relative(spec.path)))
    for spec in specs:
        report.checksums[config.relative(spec.path)] = file_sha256(spec.path)
    report.findings.extend(_unschematized(config, {spec.file for spec in specs}))
    return report
