"""The command line: thin click commands over :mod:`kssqa.api`."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path

import click

from .config import ConfigError, load_config
from .findings import Severity
from .render.outputs import OUTPUTS
from .report import EXIT_CANNOT_RUN

# kssqa's own libraries (pandas, pandera, ...) are imported inside the commands, after the
# GX worker has been started: a gx check's worker then loads GX while kssqa loads them.

LANGS = click.Choice(["nb", "en"])
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: ./kssqa.toml).",
)
LABEL_WRITTEN = {"nb": "Rapporter skrevet til", "en": "Reports written to"}
year_option = click.option(
    "--year",
    type=int,
    help="Reporting year (default: the configuration's): its inputs/<year>/, date window and "
    "reports/<year>/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kssqa", prog_name="kssqa")
def main() -> None:
    """kssqa: the quality gate for Krisesentersekretariatet's annual report.

    Validates the report's source figures (CSV files) against their schemas and reports every
    discrepancy with file, row and column. Exit codes: 0 no errors, 1 errors found,
    2 could not run (bad configuration or unreadable input).
    """


@main.command()
@config_option
@click.option(
    "--inputs",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of input CSV files (overrides the configuration).",
)
@year_option
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Message language.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the run fail (exit 1).",
)
@click.option("--quiet", "-q", is_flag=True, help="Only the findings and the totals.")
@click.option(
    "--only",
    multiple=True,
    metavar="ID|KIND",
    help="Run only these checks (ids or kinds; 'schema' for the schema rules). Repeatable.",
)
@click.option("--skip", multiple=True, metavar="ID|KIND", help="Skip these checks. Repeatable.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(OUTPUTS)),
    default="text",
    show_default=True,
    help="What to print on standard output.",
)
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the report files (default: the configuration's; files go in <year>/).",
)
@click.option("--no-write", is_flag=True, help="Do not write report files, only print.")
@click.option(
    "--open",
    "open_report",
    is_flag=True,
    help="Open report.html in the browser when the reports are written.",
)
@click.option(
    "--manuscript",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The drafted report (.docx, .md, .txt) to check the inputs against (default: the "
    "configuration's, inputs/<year>/arsmelding-<year>.*, when it exists).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error (default: only on a terminal, for runs that "
    "take more than a second).",
)
def check(
    config_path,
    inputs,
    year,
    lang,
    fail_on,
    quiet,
    only,
    skip,
    output_format,
    reports_dir,
    no_write,
    manuscript,
    open_report,
    progress,
) -> None:
    """Validate the inputs, run the checks, print the findings and write the reports.

    Writes report.html, report.json, junit.xml, report.sarif and reconciliation.csv to
    reports/<year>/ as one set: a reader sees the previous set or the new one, never a mix.
    """
    from .output import OutputError  # here, as each command's machinery: list stays quick

    if open_report and no_write:
        raise click.UsageError("--open opens the written report.html; drop --no-write")
    try:
        config = load_config(config_path).with_overrides(
            inputs=inputs, year=year, manuscript=manuscript
        )
        config.require_inputs()
        from .gx_worker import start_if_selected

        start_if_selected(config.checks, tuple(only), tuple(skip))
        with collector_paused():
            from .api import run
            from .progress import progress_for
            from .publish import report_folder, write_reports
            from .render.data import report_to_data

        report = run(config, only=tuple(only), skip=tuple(skip), progress=progress_for(progress))
        data = report_to_data(report, Severity(fail_on))
        if not no_write:
            folder = report_folder(reports_dir or config.reports, config.year)
            write_reports(data, folder, lang)
    except ConfigError as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except OutputError as error:
        where = config.relative(Path(error.path))
        click.echo(f"kssqa: cannot write the reports: {where}: {error.strerror}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except OSError as error:  # a file that vanished or changed while kssqa read it
        click.echo(f"kssqa: cannot read {error.filename or ''}: {error.strerror}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo("kssqa: interrupted; no report file was left half-written", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    if output_format == "text":
        click.echo(OUTPUTS["text"].render(data, lang, quiet=quiet))
        if not no_write and not quiet:
            click.echo(f"{LABEL_WRITTEN[lang]}: {config.relative(folder)}/", err=True)
    else:
        click.echo(OUTPUTS[output_format].render(data, lang), nl=False)
    if open_report:
        open_in_browser(folder / "report.html", config.relative(folder / "report.html"))
    gc.freeze()  # the process ends now: no last collection over everything it made
    sys.exit(report.exit_code(Severity(fail_on)))


def open_in_browser(path: Path, display: str) -> None:
    """Open a written report with the system's opener (xdg-open, open, start); it returns at
    once. Where there is none (a server, CI) say so: the run's verdict is unchanged."""
    if click.launch(str(path)) != 0:
        click.echo(f"kssqa: could not open a browser; open {display} yourself", err=True)


@contextlib.contextmanager
def stopping_on(writing: str, *errors: type[Exception]):
    """A command's known failures as one line on standard error and exit code 2: a
    configuration error (and ``errors``) as it says itself, an OS error as what could not be
    written."""
    try:
        yield
    except (ConfigError, *errors) as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except OSError as error:
        click.echo(f"kssqa: cannot write {writing}: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)


@contextlib.contextmanager
def collector_paused():
    """Import without garbage collection, then freeze what the imports made.

    A batch run imports pandas and pandera and then lives a second or two: the modules' many
    objects live as long as the process, and the collector need not scan them again and again
    (benchmarks/bench_gx.py measures the run).
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


NEW_YEAR_TEXT = {
    "nb": {
        "made": "Laget {target}/ fra {source}/ ({tables} tabeller):",
        "table": (
            "  {file}: {rows} rader, {to_fill} verdier å fylle ut, {carried} hentet fra {prior}"
        ),
        "skipped": "  ikke med (ingen skjema): {files}",
        "next": (
            "Neste steg: fyll ut årets verdier og sitater i {target}/ etter den nye årsmeldingen "
            "(en rad teller når sitatet er fylt ut; slett rader den ikke trykker). "
            "Kontroller så med `kssqa check --year {year}` (eller sett year = {year} i "
            "kssqa.toml)."
        ),
    },
    "en": {
        "made": "Made {target}/ from {source}/ ({tables} tables):",
        "table": (
            "  {file}: {rows} rows, {to_fill} values to fill in, {carried} carried from {prior}"
        ),
        "skipped": "  not included (no schema): {files}",
        "next": (
            "Next: fill in this year's values and quotes in {target}/ from the new report (a row "
            "counts once its quote is filled in; delete rows it does not print). Then check with "
            "`kssqa check --year {year}` (or set year = {year} in kssqa.toml)."
        ),
    },
}


@main.command(name="new-year")
@click.argument("year", type=int)
@config_option
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Message language.")
def new_year_command(year, config_path, lang) -> None:
    """Start inputs/YEAR/ from last year's inputs: the same tables, rows and keys (years moved
    on), this year's values empty to be filled in, last year's values carried into the rows
    about last year. Never overwrites a file."""
    from .scaffold import new_year

    with stopping_on("the new inputs"):
        config = load_config(config_path).with_overrides(year=year)
        scaffold = new_year(config, year)
    text = NEW_YEAR_TEXT[lang]
    target = scaffold.target
    made = text["made"].format(target=target, source=scaffold.source, tables=len(scaffold.tables))
    click.echo(made)
    for table in scaffold.tables:
        click.echo(text["table"].format(**vars(table), prior=year - 1))
    if scaffold.not_scaffolded:
        click.echo(text["skipped"].format(files=", ".join(scaffold.not_scaffolded)))
    click.echo(text["next"].format(target=target, year=year))


EXTRACT_TEXT = {
    "nb": {
        "summary": (
            "{manuscript}: {placed} rader plassert, {kept} beholdt (bekreftet av redaktøren), "
            "{review} til gjennomsyn, {gone} ikke funnet i utkastet; {uncovered} tall i "
            "utkastet står ikke i noen rad"
        ),
        "written": "Skrevet: {files}",
        "review": "Gjennomsynsliste: {path}",
        "not_extracted": "Ikke hentet (nye rader hvert år): {tables}",
        "next": "Neste steg: se gjennom listen, og kontroller med `kssqa check --year {year}`.",
    },
    "en": {
        "summary": (
            "{manuscript}: {placed} rows placed, {kept} kept (confirmed by the editor), "
            "{review} to review, {gone} not found in the draft; {uncovered} figures of the "
            "draft are in no row"
        ),
        "written": "Written: {files}",
        "review": "Review list: {path}",
        "not_extracted": "Not extracted (new rows every year): {tables}",
        "next": "Next: go through the list, then check with `kssqa check --year {year}`.",
    },
}


@main.command(name="extract")
@config_option
@year_option
@click.option(
    "--manuscript",
    type=click.Path(path_type=Path, dir_okay=False),
    help="This year's draft (.docx, .md, .txt); default: the configuration's for the year.",
)
@click.option("--force", is_flag=True, help="Replace rows the editor has confirmed, too.")
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Message language.")
def extract_command(config_path, year, manuscript, force, lang) -> None:
    """Propose inputs/YEAR/ from last year's inputs and this year's draft: each of last
    year's rows is found in the draft (figures masked) and its values read there, as printed.
    Rows it is unsure of go on a review list (reports/YEAR/extract-review.csv)."""
    from .extract import REVIEW, extract, review_csv
    from .output import write_atomic
    from .publish import report_folder

    with stopping_on("the proposal"):
        config = load_config(config_path).with_overrides(year=year, manuscript=manuscript)
        draft = config.manuscript
        if draft is None:
            raise ConfigError(
                f"no manuscript for {config.year}: pass --manuscript, or put the draft at "
                f"{config.manuscript_pattern.replace('$year', str(config.year))}.docx"
            )
        result = extract(config, config.year, draft, force=force)
        review = report_folder(config.reports, config.year) / REVIEW
        write_atomic(review, review_csv(result))
    text = EXTRACT_TEXT[lang]
    click.echo(
        text["summary"].format(
            manuscript=result.manuscript,
            placed=result.count("placed"),
            kept=result.count("kept"),
            review=result.count("review"),
            gone=result.count("gone"),
            uncovered=len(result.uncovered),
        )
    )
    if result.written:
        click.echo(text["written"].format(files=", ".join(result.written)))
    if result.not_extracted:
        click.echo(text["not_extracted"].format(tables=", ".join(result.not_extracted)))
    click.echo(text["review"].format(path=config.relative(review)))
    click.echo(text["next"].format(year=config.year))


ANNOTATE_TEXT = {
    "nb": {
        "written": (
            "{comments} kommentarer i {output} ({replaced} fra en tidligere kjøring erstattet)"
        ),
        "elsewhere": (
            "{count} avvik står ikke i en setning i utkastet (listet i en kommentar øverst):"
        ),
    },
    "en": {
        "written": "{comments} comments in {output} ({replaced} of an earlier run replaced)",
        "elsewhere": "{count} findings stand in no sentence of the draft (listed in a comment at "
        "the top):",
    },
}


@main.command(name="annotate")
@config_option
@year_option
@click.option(
    "--manuscript",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The Word draft (.docx); default: the configuration's for the year.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where the annotated copy goes (default: reports/<year>/<name>.kssqa.docx).",
)
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Comment language.")
def annotate_command(config_path, year, manuscript, output, lang) -> None:
    """Write a copy of the Word draft with a review comment on the printed words of every
    error and warning (the draft itself is never written). Comments an earlier run made are
    replaced; the editor's stay."""
    from .annotate import SEVERITIES, AnnotateError, annotate
    from .api import run
    from .findings import Outcome
    from .manuscript import ManuscriptError, read_manuscript
    from .publish import report_folder

    with stopping_on("the annotated copy", ManuscriptError, AnnotateError):
        config = load_config(config_path).with_overrides(year=year, manuscript=manuscript)
        draft = config.manuscript
        if draft is None or draft.suffix.lower() != ".docx":
            raise ConfigError(
                f"annotate needs the Word draft (.docx): pass --manuscript, got {draft}"
            )
        config.require_inputs()
        report = run(config)
        findings = [
            f
            for f in report.findings
            if f.outcome in (Outcome.FAIL, Outcome.ERROR)
            and str(f.severity) in SEVERITIES
            and f.check_id != "input.unconfirmed"  # about the CSVs being filled in, not the text
        ]
        target = output or report_folder(config.reports, config.year) / f"{draft.stem}.kssqa.docx"
        result = annotate(
            draft,
            read_manuscript(draft, config.relative(draft)),
            findings,
            {c.id: c.title_in(lang) for c in report.checks},
            target,
            lang,
        )
    text = ANNOTATE_TEXT[lang]
    comments = result.anchored + (1 if result.elsewhere else 0)
    click.echo(
        text["written"].format(
            comments=comments, output=config.relative(target), replaced=result.replaced
        )
    )
    if result.elsewhere:
        click.echo(text["elsewhere"].format(count=len(result.elsewhere)), err=True)
        for finding in result.elsewhere:
            where = finding.locations[0].label() if finding.locations else finding.check_id
            click.echo(f"  {where}: {finding.text(lang)}", err=True)


WAIVE_TEXT = {
    "nb": {
        "written": "Unntak for {check} ({location}) skrevet i {path}; gjelder til {expires}.",
        "superseded": (
            "  Unntak {index} i samme fil gjaldt andre verdier ({old}) og meldes nå som "
            "utdatert; fjern det."
        ),
        "next": "Neste `kssqa check` viser avviket som unntatt.",
    },
    "en": {
        "written": "Waiver for {check} ({location}) written to {path}; valid until {expires}.",
        "superseded": (
            "  Waiver {index} in the same file accepted other values ({old}) and is now "
            "reported stale; remove it."
        ),
        "next": "The next `kssqa check` shows the finding as waived.",
    },
}


@main.command(name="waive")
@click.argument("fingerprint")
@click.option("--reason", required=True, help="Why the finding is accepted (printed in reports).")
@click.option("--by", "by", required=True, help="Who accepts it (name and role).")
@click.option("--expires", required=True, metavar="YYYY-MM-DD", help="Last day the waiver applies.")
@config_option
@year_option
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the reports whose report.json names the finding (default: the "
    "configuration's).",
)
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Message language.")
def waive_command(fingerprint, reason, by, expires, config_path, year, reports_dir, lang) -> None:
    """Accept the finding FINGERPRINT of the year's last report (reports/<year>/report.json):
    add a waiver with reason, name and expiry to checks/waivers.yaml. The file's other
    waivers and comments are kept; a waiver for the same fingerprint is never replaced."""
    from .clock import now
    from .waive import add_waiver

    with stopping_on("the waiver"):
        config = load_config(config_path).with_overrides(year=year)
        added = add_waiver(
            config, fingerprint, reason, by, expires, now().date(), reports=reports_dir
        )
    text = WAIVE_TEXT[lang]
    entry = added.entry
    click.echo(
        text["written"].format(
            check=entry["check"],
            location=entry.get("location", "-"),
            path=config.relative(added.path),
            expires=entry["expires"].isoformat(),
        )
    )
    for waiver in added.superseded:
        click.echo(text["superseded"].format(index=waiver.index, old=waiver.fingerprint))
    click.echo(text["next"])


@main.group()
def export() -> None:
    """Export the configured rules for other tools."""


@export.command(name="gx")
@config_option
@year_option
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the suites here (JSON) instead of standard output.",
)
def export_gx(config_path, year, output) -> None:
    """Write the schemas and checks that Great Expectations can express as expectation suites.

    What cannot be expressed is listed on standard error.
    """
    from .export_gx import export_suites, render_export
    from .output import write_atomic

    try:
        config = load_config(config_path).with_overrides(year=year)
        exported = export_suites(config)
        text = render_export(exported)
        if output:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    except ConfigError as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except OSError as error:  # only writing the output touches the disk here
        click.echo(f"kssqa: cannot write {output}: {error.strerror or error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    for item in exported.not_expressible:
        click.echo(f"not expressible in GX: {item}", err=True)


@main.command(name="list")
@config_option
@year_option
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Title language.")
def list_checks(config_path, year, lang) -> None:
    """List the configured checks: id, kind, severity, title, file and the years it is about."""
    from .checkfile import load_checks
    from .render.text import render_checks

    try:
        config = load_config(config_path).with_overrides(year=year)
        checks = load_checks(config.checks, config.relative, config.year)
    except ConfigError as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(render_checks(checks, lang))


@main.command()
@click.argument("kind", required=False)
@click.option("--markdown", is_flag=True, help="Print the reference of all kinds (docs/kinds.md).")
@click.option("--table", is_flag=True, help="Print the kinds table of checks/README.md.")
@click.option("--lang", type=LANGS, default="nb", show_default=True, help="Title language.")
def explain(kind, markdown, table, lang) -> None:
    """Explain a check kind: what it checks, why it matters, examples, how to fix.

    Without KIND, list the kinds.
    """
    from .explain import explain_kind, kind_overview, kinds_markdown, kinds_table
    from .kinds import KINDS

    if markdown:
        click.echo(kinds_markdown(), nl=False)
        return
    if table:
        click.echo(kinds_table())
        return
    if kind is None:
        click.echo(kind_overview(lang))
        return
    if kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(kind, sorted(KINDS), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        click.echo(
            f"kssqa: unknown kind {kind!r}{hint}; known: {', '.join(sorted(KINDS))}", err=True
        )
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(explain_kind(kind, lang))


def entry() -> None:  # pragma: no cover - exercised through the console script
    try:
        main()
    except Exception as error:  # never show a traceback to the editor
        if os.environ.get("KSSQA_DEBUG"):
            import traceback

            traceback.print_exc()
        click.echo(f"kssqa: internal error: {error!r} (set KSSQA_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_CANNOT_RUN)
