"""The command line: thin click commands over :mod:`kssqa.api`."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .api import run
from .checkfile import load_checks
from .config import ConfigError, load_config
from .explain import explain_kind, kind_overview, kinds_markdown
from .findings import Severity
from .kinds import KINDS
from .render.text import render_checks, render_text
from .report import EXIT_CANNOT_RUN

LANGS = click.Choice(["nb", "en"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kssqa")
def main() -> None:
    """kssqa: the quality gate for Krisesentersekretariatet's annual report.

    Validates the report's source figures (CSV files) against their schemas and reports every
    discrepancy with file, row and column. Exit codes: 0 no errors, 1 errors found,
    2 could not run (bad configuration or unreadable input).
    """


@main.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: ./kssqa.toml).",
)
@click.option(
    "--inputs",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of input CSV files (overrides the configuration).",
)
@click.option("--year", type=int, help="Reporting year (overrides the configuration).")
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
def check(config_path, inputs, year, lang, fail_on, quiet, only, skip) -> None:
    """Validate the inputs against the schemas, run the checks, print every finding."""
    try:
        config = load_config(config_path).with_overrides(inputs=inputs, year=year)
        report = run(config, only=tuple(only), skip=tuple(skip))
    except ConfigError as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(render_text(report, lang=lang, quiet=quiet))
    sys.exit(report.exit_code(Severity(fail_on)))


@main.command(name="list")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: ./kssqa.toml).",
)
def list_checks(config_path) -> None:
    """List the configured checks: id, kind, severity, title and file."""
    try:
        config = load_config(config_path)
        checks = load_checks(config.checks, config.relative)
    except ConfigError as error:
        click.echo(f"kssqa: {error}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(render_checks(checks))


@main.command()
@click.argument("kind", required=False)
@click.option("--markdown", is_flag=True, help="Print the reference of all kinds (docs/kinds.md).")
def explain(kind, markdown) -> None:
    """Explain a check kind: what it checks, why it matters, examples, how to fix.

    Without KIND, list the kinds.
    """
    if markdown:
        click.echo(kinds_markdown(), nl=False)
        return
    if kind is None:
        click.echo(kind_overview())
        return
    if kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(kind, sorted(KINDS), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        click.echo(
            f"kssqa: unknown kind {kind!r}{hint}; known: {', '.join(sorted(KINDS))}", err=True
        )
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(explain_kind(kind))


def entry() -> None:  # pragma: no cover - exercised through the console script
    try:
        main()
    except Exception as error:  # never show a traceback to the editor
        if os.environ.get("KSSQA_DEBUG"):
            traceback.print_exc()
        click.echo(f"kssqa: internal error: {error!r} (set KSSQA_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_CANNOT_RUN)
