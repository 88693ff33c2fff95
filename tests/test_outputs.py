"""Machine outputs: golden JSON and JUnit on a small fixture, JSON schema, SARIF, CSV, writing."""

import csv
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from kssqa.api import run
from kssqa.cli import main
from kssqa.output import write_atomic
from kssqa.render.data import report_to_data
from kssqa.render.machine import (
    RECONCILIATION_COLUMNS,
    decimal_comma,
    render_json,
    render_junit,
    render_reconciliation,
    render_sarif,
    spreadsheet_safe,
)
from kssqa.render.outputs import REPORT_FILES

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

CHECKS = """\
checks:
  - id: fig.sum
    kind: sum
    title: Delene summerer til totalen
    total: figures.total
    parts: [figures.a, figures.b]
  - id: fig.share
    kind: shares
    title: Andelene dekker helheten
    severity: warning
    parts: [figures.p, figures.q]
"""

CSV = """\
key,section,date,value,unit,email,quote
figures.total,Media,14.1.2025,167,count,,Totalt antall treff: 167
figures.a,Media > Nett,,126,count,,Treff i nettaviser: 126
figures.b,Media > Papir,,23,count,,"=HYPERLINK(""x"") 23"
figures.p,VO-linjen,,73%,percent,,73% voldsutsatte
figures.q,VO-linjen > Chat,,16%,percent,,16% pårørende
"""


@pytest.fixture
def fixture_data(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("checks/checks.yaml", CHECKS)
    project.write("inputs/2025/figures.csv", CSV)
    return report_to_data(run(project.config()))


def stable(data: dict) -> dict:
    """The report without what legitimately differs between machines (library versions)."""
    data = json.loads(json.dumps(data))
    data["tool"]["version"] = "X"
    data["run"]["versions"] = {k: "X" for k in data["run"]["versions"]}
    return data


def golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if os.environ.get("KSSQA_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_json_matches_golden_file(fixture_data):
    text = render_json(stable(fixture_data))
    assert text == golden("report.json", text)


def test_junit_matches_golden_file(fixture_data):
    text = render_junit(stable(fixture_data), "en")
    assert text == golden("junit.xml", text)
    suite = ET.fromstring(text)
    assert suite.get("failures") == "1"  # the sum fails; the shares warning does not fail CI
    [failure] = suite.iter("failure")
    assert "inputs/2025/figures.csv:2:value" in failure.text


def test_json_validates_against_the_published_schema(fixture_data):
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(render_json(fixture_data)), schema)


def test_bundled_report_validates_against_the_schema():
    from kssqa.config import load_config

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report_to_data(run(load_config(ROOT / "kssqa.toml"))), schema)


def test_same_inputs_same_output(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("checks/checks.yaml", CHECKS)
    first = render_json(report_to_data(run(project.config())))
    second = render_json(report_to_data(run(project.config())))
    assert first == second
    assert json.loads(first)["run"]["timestamp"] == "2026-01-01T00:00:00+00:00"


def test_run_metadata_has_versions_and_checksums(fixture_data):
    versions = fixture_data["run"]["versions"]
    assert {"pandas", "pandera", "great_expectations", "python"} <= set(versions)
    paths = {f["path"] for f in fixture_data["files"]}
    assert {
        "inputs/2025/figures.csv",
        "schemas/figures.yaml",
        "checks/checks.yaml",
        "kssqa.toml",
    } <= paths


def test_sarif_points_at_csv_lines(fixture_data):
    sarif = json.loads(render_sarif(fixture_data))
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"fig.sum", "fig.share"}
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "inputs/2025/figures.csv"
    assert location["region"]["startLine"] >= 2
    assert sarif["version"] == "2.1.0"


@pytest.mark.parametrize(
    "value", ["=1+1", "@SUM(A1)", "\tx", "\rx", "+67 dager", "-1+2", "-", "-1.5", "+1 234"]
)
def test_spreadsheet_formula_injection_is_neutralised(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", [-1, "-1", "+3", "-6,00", 0, "0,34", "12 %", "Oslo", None])
def test_spreadsheet_numbers_and_plain_text_stay_as_they_are(value):
    assert spreadsheet_safe(value) == ("" if value is None else str(value))


@pytest.mark.parametrize(
    "value, cell",
    [("0.34", "0,34"), ("-6.5", "-6,5"), (0.5, "0,5"), (-11, "-11"), ("14.1.2025", "14.1.2025")]
    + [("v1.2", "v1.2"), ("1.5 %", "1.5 %"), (None, "")],
)
def test_reconciliation_numbers_have_the_decimal_comma_of_the_file(value, cell):
    assert spreadsheet_safe(decimal_comma(value)) == cell


def read_reconciliation(text: str) -> list[dict[str, str]]:
    """The CSV read as Norwegian Excel and a script read it: BOM first, ``;`` between cells."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_reconciliation_csv_has_every_evaluation(fixture_data):
    rows = read_reconciliation(render_reconciliation(fixture_data))
    outcomes = {(r["check_id"], r["outcome"]) for r in rows}
    assert ("fig.sum", "fail") in outcomes and ("fig.share", "fail") in outcomes
    assert any(outcome == "pass" for _, outcome in outcomes)  # passed schema rules too
    quotes = [r["quote"] for r in rows if r["quote"].startswith("'=")]
    assert quotes == ['\'=HYPERLINK("x") 23'] * len(quotes) and quotes


def test_reconciliation_csv_matches_golden_file(fixture_data):
    text = render_reconciliation(stable(fixture_data))
    assert text == golden("reconciliation.csv", text)
    rows = read_reconciliation(text)
    assert list(rows[0]) == list(RECONCILIATION_COLUMNS)  # the columns CI scripts rely on
    places = [(r["file"], r["row"], r["column"]) for r in rows if r["check_id"] == "fig.sum"]
    assert ("inputs/2025/figures.csv", "2", "value") in places
    # the shares fall 11 points short: the number -11, not the text '-11
    assert {r["difference"] for r in rows if r["check_id"] == "fig.share"} == {"-11"}


def test_reconciliation_csv_written_with_bom_and_semicolons(project, tmp_path, monkeypatch):
    """The file on disk, read back as bytes: what a double-click in Excel opens."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("checks/checks.yaml", CHECKS)
    project.write("inputs/2025/figures.csv", CSV)
    CliRunner().invoke(
        main, ["check", "--config", str(project.root / "kssqa.toml"), "--reports", str(tmp_path)]
    )
    raw = (tmp_path / "2025" / "reconciliation.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcheck_id;kind;severity;outcome;")
    with open(tmp_path / "2025" / "reconciliation.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert {len(row) for row in rows} == {len(RECONCILIATION_COLUMNS)}
    assert any("Media > Nett" in row for row in rows)  # text with non-ASCII survives


def test_write_atomic_leaves_no_partial_file(tmp_path):
    target = tmp_path / "r" / "report.json"
    write_atomic(target, "old")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]  # fails while writing
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_cli_writes_every_report_and_prints_json(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("checks/checks.yaml", CHECKS)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--config",
            str(project.root / "kssqa.toml"),
            "--format",
            "json",
            "--reports",
            str(out),
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["verdict"] == {
        "ready_to_publish": False,
        "exit_code": 1,
        "blocked": False,
        "counts": data["verdict"]["counts"],
        "problems": {"error": 1, "warning": 1, "info": 0},
    }
    written = sorted(p.name for p in (out / "2025").iterdir())
    assert written == sorted(REPORT_FILES)
    assert json.loads((out / "2025" / "report.json").read_text()) == data


@pytest.mark.parametrize("fmt, marker", [("junit", "<testsuite"), ("sarif", '"version": "2.1.0"')])
def test_cli_formats(project, fmt, marker):
    result = CliRunner().invoke(
        main, ["check", "--config", str(project.root / "kssqa.toml"), "--format", fmt, "--no-write"]
    )
    assert result.exit_code == 0 and marker in result.output
    assert not (project.root / "reports").exists()


def test_written_reports_have_ordinary_permissions(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


HIDDEN_CSV = CSV.replace("Totalt antall treff: 167", "Totalt\x00 antall\x0b treff: 167\x1b[2J")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_junit_stays_well_formed_with_control_characters_in_cells(project, lang):
    # a cell holding NUL or a vertical tab once reached junit.xml raw: not well-formed XML
    project.write("checks/checks.yaml", CHECKS)
    project.write("inputs/2025/figures.csv", HIDDEN_CSV)
    data = report_to_data(run(project.config()))
    suite = ET.fromstring(render_junit(data, lang))
    [failure] = [f for f in suite.iter("failure") if "figures.csv:2:value" in f.text]
    assert "«Totalt\\x00 antall\\x0b treff: 167\\x1b[2J»" in failure.text
    json.loads(render_json(data))  # JSON and SARIF escape them themselves
    json.loads(render_sarif(data, lang))


def test_the_terminal_sees_control_characters_as_escapes(project):
    from kssqa.render.text import render_text

    project.write("inputs/2025/figures.csv", GOOD_WITH_ESCAPE)
    text = render_text(report_to_data(run(project.config())), "en")
    assert "\x1b" not in text and "\\x1b[31m" in text


GOOD_WITH_ESCAPE = CSV.replace("73%,percent", "\x1b[31m73%,percent")


def test_one_registry_names_every_output(project, tmp_path):
    """An output is its renderer plus one line in render/outputs.py: --format prints it and
    the report set holds its file."""
    from kssqa.render.outputs import OUTPUTS

    data = report_to_data(run(project.config()))
    for output in OUTPUTS.values():
        for lang in ("nb", "en"):
            assert isinstance(output.render(data, lang), str) and output.render(data, lang)
    [format_option] = [p for p in main.commands["check"].params if p.name == "output_format"]
    assert list(format_option.type.choices) == list(OUTPUTS)
    out = tmp_path / "out"
    config = str(project.root / "kssqa.toml")
    CliRunner().invoke(main, ["check", "--config", config, "--reports", str(out), "-q"])
    assert sorted(p.name for p in (out / "2025").iterdir()) == sorted(REPORT_FILES)


def test_markdown_summary_counts_problems_and_escapes_cells(project):
    from kssqa.render.markdown import cell, render_markdown

    project.write("inputs/2025/figures.csv", PLANTED_MARKDOWN)
    data = report_to_data(run(project.config()))
    text = render_markdown(data, "en")
    verdict = data["verdict"]
    assert f"{verdict['problems']['error']} errors" in text
    rows = [
        line
        for line in text.splitlines()
        if line.startswith("| error") or line.startswith("| warning")
    ]
    problems = {
        f["problem"]
        for f in data["findings"]
        if f["outcome"] in ("fail", "error") and f["severity"] != "info"
    }
    assert len(rows) == len(problems) > 0
    assert "«\\[x\\](https://evil.example)\\<img src=x\\>»" in text  # escaped: inert
    assert not re.search(r"(?<!\\)<img|(?<!\\)\[x(?<!\\)\]", text)
    assert cell("a | b [x](y) <img>") == "a \\| b \\[x\\](y) \\<img\\>"


PLANTED_MARKDOWN = CSV + "figures.x,Media,[x](https://evil.example)<img src=x>,5,count,,x 5\n"
