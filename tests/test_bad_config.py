"""Configuration of the wrong shape stops the run with a short message naming the file (issue 12).

Each case once ended in "kssqa: internal error" (a TypeError, ValueError, LookupError or
RecursionError), or ran for minutes on a few hundred bytes of YAML aliases.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kssqa
from kssqa.api import run
from kssqa.cli import main
from kssqa.config import MESSAGE_LIMIT, ConfigError, load_config

CHECK = """\
checks:
  - id: fig.sum
    kind: sum
    title: Delene summerer til totalen
    total: figures.a
    parts: [figures.b]
"""


def refused(project) -> str:
    """The message of the ConfigError that stops a run of ``project``."""
    with pytest.raises(ConfigError) as error:
        run(load_config(project.root / "kssqa.toml"))
    message = str(error.value)
    assert len(message) <= MESSAGE_LIMIT
    return message


def edit(project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rule(project, expr: str) -> None:
    project.write(
        "checks/rules.yaml",
        f"checks:\n  - id: fig.rule\n    kind: rule\n    title: Regel\n    expr: '{expr}'\n",
    )


# --- defect 3: values of the wrong shape ---------------------------------------------------


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        ("schemas/figures.yaml", "key:     {type: text,", "key: {type: [text],", "unknown type"),
        ("schemas/figures.yaml", "column: value", "column: [value]", "is not declared"),
        (
            "schemas/figures.yaml",
            "within: reporting_year",
            "within: [2025-01-01 00:00:00, 2025-12-31 00:00:00]",
            "within must be",
        ),
        ("schemas/figures.yaml", "table: figures", "1: x\nzz: y\ntable: figures", "[1, 'zz']"),
        (
            "schemas/figures.yaml",
            "{type: email}",
            "{type: email, 1: x, zz: y}",
            "unknown option(s) [1, 'zz']",
        ),
        ("schemas/figures.yaml", "max: 100", "max: 100\n    1: x\n    zz: y", "[1, 'zz']"),
        ("schemas/figures.yaml", "  - [section, unit, date]", "  - [[section]]", "unique_together"),
        (
            "schemas/figures.yaml",
            "checks:\n  - when: {unit: percent}\n    column: value\n    max: 100",
            "checks: 5",
            "checks must be a list",
        ),
        (
            "schemas/figures.yaml",
            "allow_range: true,",
            "allow_range: true, default_year: 99999,",
            "default_year",
        ),
    ],
)
def test_schema_values_of_the_wrong_shape(project, relative, old, new, expected):
    edit(project, relative, old, new)
    message = refused(project)
    assert "figures.yaml" in message and expected in message


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("kind: sum", "kind: [sum]", "unknown kind ['sum']"),
        ("parts: [figures.b]", "parts: [figures.b]\n    1: x\n    zz: y", "[1, 'zz']"),
        ("title: Delene", "description: [a, b]\n    title: Delene", "description must be text"),
        (
            "parts: [figures.b]",
            "parts: [figures.b]\n    tolerance: .nan",
            "argument 'tolerance' must be of type number",
        ),
        (
            "parts: [figures.b]",
            "parts: [figures.b]\n    tolerance: -.inf",
            "argument 'tolerance' must be of type number",
        ),
    ],
)
def test_check_values_of_the_wrong_shape(project, old, new, expected):
    project.write("checks/checks.yaml", CHECK)
    edit(project, "checks/checks.yaml", old, new)
    message = refused(project)
    assert "checks/checks.yaml" in message and expected in message


def test_dates_window_of_datetimes(project):
    project.write(
        "checks/dates.yaml",
        "checks:\n  - id: fig.dates\n    kind: dates\n    title: Datoer\n    table: figures\n"
        "    column: date\n    window: [2025-01-01 00:00:00, 2025-12-31 00:00:00]\n",
    )
    assert "window must be" in refused(project)


def test_waiver_expiring_at_a_time_of_day(project):
    project.write("checks/checks.yaml", CHECK)
    [finding] = [f for f in run(project.config()).findings if f.check_id == "fig.sum"]
    project.write(
        "checks/waivers.yaml",
        f"waivers:\n  - check: fig.sum\n    fingerprint: {finding.fingerprint}\n"
        "    reason: Kjent.\n    by: Redaktøren\n    expires: 2026-06-30 12:00:00\n",
    )
    message = refused(project)
    assert "checks/waivers.yaml: waiver 1" in message and "no time" in message


@pytest.mark.parametrize("encoding", ["rot13", "hex", "zlib", "no-such-encoding"])
def test_an_encoding_that_does_not_decode_text(project, encoding):
    edit(project, "kssqa.toml", "[kssqa]", f'[csv]\nencoding = "{encoding}"\n\n[kssqa]')
    message = refused(project)
    assert "kssqa.toml" in message and "not a known text encoding" in message


def test_an_integer_of_more_than_4300_digits_in_kssqa_toml(project):
    edit(project, "kssqa.toml", "year = 2025", "year = " + "9" * 5000)
    message = refused(project)
    assert "kssqa.toml: not valid TOML: a number has more than 4300 digits" in message


def test_nested_toml_is_refused(project):
    edit(project, "kssqa.toml", "[kssqa]", "x = " + "[" * 5000 + "]" * 5000 + "\n[kssqa]")
    assert "kssqa.toml: not valid TOML" in refused(project)


@pytest.mark.parametrize(
    "relative, old, new",
    [
        ("schemas/figures.yaml", "max: 100", "max: " + "9" * 5000),
        (
            "checks/checks.yaml",
            "parts: [figures.b]",
            "parts: [figures.b]\n    tolerance: " + "9" * 5000,
        ),
        (
            "checks/checks.yaml",
            "parts: [figures.b]",
            "parts: [figures.b]\n    tolerance: " + "1:" * 3000 + "1",
        ),
    ],
    ids=["schema bound", "check argument", "base 60"],
)
def test_an_integer_too_long_to_be_one_in_yaml(project, relative, old, new):
    project.write("checks/checks.yaml", CHECK)
    edit(project, relative, old, new)
    message = refused(project)
    assert "not valid YAML: line" in message and "a number of" in message


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("(" * 10_000 + "figures.a" + ")" * 10_000 + " == 1", "nested more than 32 levels"),
        ("-" * 10_000 + "figures.a == 1", "nested more than 32 levels"),
        ("not " * 10_000 + "figures.a == 1", "nested more than 32 levels"),
        ("abs(" * 10_000 + "figures.a" + ")" * 10_000 + " == 1", "nested more than 32 levels"),
        ("figures.a" + " + 1" * 10_000 + " == 1", "split it into several rules"),
        ("figures.a == " + "9" * 29, "more than 15 digits"),
    ],
    ids=["brackets", "minus", "not", "calls", "chain", "literal"],
)
def test_rules_too_deep_or_too_long(project, expr, expected):
    rule(project, expr)
    message = refused(project)
    assert "checks/rules.yaml: check 'fig.rule': expr:" in message and expected in message


# --- defect 4: YAML aliases ----------------------------------------------------------------

LAUGHS = ", ".join(
    f"&{name} [{', '.join([f'*{previous}'] * 9)}]"
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True)
)
BOMB = f"[&a [lol, lol, lol, lol, lol, lol, lol, lol, lol], {LAUGHS}]"


@pytest.mark.parametrize("field", ["description", "parts", "title"])
def test_alias_amplification_is_refused_at_once(project, field):
    check = CHECK.replace("    parts: [figures.b]\n", "") + "    parts: [figures.b]\n"
    project.write("checks/checks.yaml", check.rstrip("\n") + f"\n    {field}: {BOMB}\n")
    assert len((project.root / "checks/checks.yaml").read_bytes()) < 1000
    started = time.monotonic()
    message = refused(project)
    assert time.monotonic() - started < 5
    assert "checks/checks.yaml: not valid YAML: line 7: anchors and aliases" in message


@pytest.mark.parametrize(
    "relative, text",
    [
        ("schemas/other.yaml", "table: other\nfile: o.csv\ncolumns: &c {a: {type: text}}\nx: *c\n"),
        ("checks/waivers.yaml", "waivers: &w []\nmore: *w\n"),
    ],
)
def test_anchors_are_refused_in_every_kind_of_file(project, relative, text):
    project.write(relative, text)
    message = refused(project)
    assert relative.split("/")[1] in message and "anchors and aliases" in message


def test_deep_yaml_is_refused(project):
    project.write("checks/checks.yaml", CHECK + "    description: " + "[" * 100 + "]" * 100 + "\n")
    assert "nested more than 32 levels deep" in refused(project)


def test_a_long_value_is_quoted_short(project):
    project.write(
        "checks/checks.yaml", CHECK.replace("[figures.b]", "[" + "a b, " * 100_000 + "c]")
    )
    message = refused(project)
    assert "argument 'parts' must be of type refs" in message and len(message) < 400


# --- defect 6: configuration files that cannot be read -------------------------------------


@pytest.mark.parametrize("relative", ["schemas/x.yaml", "checks/x.yaml", "checks/waivers.yaml"])
def test_a_folder_where_a_configuration_file_should_be(project, relative):
    (project.root / relative).mkdir(parents=True)
    message = refused(project)
    assert f"{relative}: cannot be read: it is a folder" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("relative", ["schemas/x.yaml", "checks/x.yaml"])
def test_a_named_pipe_is_not_read(project, relative):
    (project.root / relative).parent.mkdir(exist_ok=True)
    os.mkfifo(project.root / relative)  # reading it would wait for a writer forever
    assert f"{relative}: cannot be read: it is not a regular file" in refused(project)


def test_a_configuration_file_that_is_not_utf8(project):
    project.write_bytes("schemas/x.yaml", "table: Bjørn\n".encode("cp1252"))
    assert "x.yaml: not UTF-8 text" in refused(project)


def test_cli_names_the_unreadable_configuration_file_not_the_reports(project):
    (project.root / "schemas" / "x.yaml").mkdir()
    result = CliRunner().invoke(main, ["check", "--config", str(project.root / "kssqa.toml")])
    assert result.exit_code == 2
    assert "x.yaml: cannot be read: it is a folder" in result.output
    assert "cannot write the reports" not in result.output
    assert not (project.root / "reports").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_cli_does_not_wait_on_a_named_pipe_among_the_checks(project):
    (project.root / "checks").mkdir()
    os.mkfifo(project.root / "checks" / "x.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "kssqa", "check", "--config", str(project.root / "kssqa.toml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(kssqa.__file__).parents[1])},  # this kssqa
    )
    assert result.returncode == 2
    assert "checks/x.yaml: cannot be read: it is not a regular file" in result.stderr


def test_a_names_bound_that_is_not_a_number(project):
    # found by tests/test_fuzz_checks.py: .nan compared with a bound raised InvalidOperation
    project.write(
        "checks/names.yaml",
        "checks:\n  - id: fig.names\n    kind: names\n    title: Navn\n"
        "    columns: [{table: figures, column: section}]\n    max_edits: .nan\n",
    )
    assert "argument 'max_edits' must be of type number" in refused(project)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_among_the_lists_is_not_read(project):
    (project.root / "checks" / "lists").mkdir(parents=True)
    os.mkfifo(project.root / "checks" / "lists" / "x.yaml")  # checksummed, not loaded
    (project.root / "checks" / "lists" / "y.yaml").mkdir()
    report = run(load_config(project.root / "kssqa.toml"))
    assert "checks/lists/x.yaml" not in report.checksums and report.exit_code() == 0
