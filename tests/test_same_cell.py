"""One printed mistake caught by two rules: the outputs say the cell is the same."""

from __future__ import annotations

import json

from kssqa.api import run
from kssqa.findings import Severity
from kssqa.render.data import report_to_data
from kssqa.render.html import render_html
from kssqa.render.text import render_text
from tests.test_html import Tags

BAD_ROW = "figures.d,Media,,-5,count,,minus fem\n"
RULE = """\
checks:
  - {id: fig.not-negative, kind: rule, title: Ikke negativ, expr: "figures.d >= 0"}
  - {id: fig.a-small, kind: rule, title: Liten, expr: "figures.a <= 10"}
"""


def failing_report(project):
    csv = project.root / "inputs/2025/figures.csv"
    project.write("inputs/2025/figures.csv", csv.read_text(encoding="utf-8") + BAD_ROW)
    project.write("checks/rules.yaml", RULE)
    return run(project.config())


def test_two_rules_failing_on_one_cell_point_at_each_other(project):
    report = failing_report(project)
    by_check = {f.check_id: f for f in report.failures()}
    schema_id = "schema.figures.value.min"
    assert set(by_check) == {schema_id, "fig.not-negative", "fig.a-small"}
    same = report.same_cell()
    assert same[by_check[schema_id].fingerprint] == ["fig.not-negative"]
    assert same[by_check["fig.not-negative"].fingerprint] == [schema_id]
    assert by_check["fig.a-small"].fingerprint not in same  # another cell (figures.a)
    assert report.count(Severity.ERROR) == 3  # each rule still counts


def test_json_text_and_html_say_it_as_one_problem(project):
    report = failing_report(project)
    assert report.count(Severity.ERROR) == 3  # each rule's finding is kept (JSON, SARIF, JUnit)
    assert report.count_problems(Severity.ERROR) == 2  # the reader counts problems
    data = report_to_data(report)
    assert data["schema_version"] == "1.3"
    assert data["verdict"]["problems"]["error"] == 2
    findings = {f["check_id"]: f for f in json.loads(json.dumps(data))["findings"]}
    assert findings["fig.not-negative"]["same_cell"] == ["schema.figures.value.min"]
    assert findings["fig.a-small"]["same_cell"] == []
    lead = findings["schema.figures.value.min"]["problem"]
    assert findings["fig.not-negative"]["problem"] == lead
    assert findings["fig.a-small"]["problem"] != lead
    text = render_text(data, lang="en")
    [line] = [line for line in text.splitlines() if "fig.not-negative" in line]
    assert "; also: [fig.not-negative]" in line  # one line, both reasons
    assert text.rstrip().splitlines()[-1].startswith("2 errors")
    html = render_html(data, "nb")
    cards = Tags(html).with_class("finding")
    assert len(cards) == 2
    assert f'id="finding-{lead}"' in html
    assert "fig.not-negative" in html and "schema.figures.value.min" in html


def test_the_summary_tables_rows_add_up_to_the_total(project):
    """Each problem is counted on one row (where it starts), so the column sums are the total."""
    report = failing_report(project)
    text = render_text(report_to_data(report), lang="en")
    lines = text.splitlines()
    body = lines[2 : lines.index("")]
    errors = sum(int(line.split()[-3]) for line in body)
    warnings = sum(int(line.split()[-2]) for line in body)
    total = lines[-1]
    assert total.startswith(f"{errors} errors, {warnings} warnings")
    assert errors == report.count_problems(Severity.ERROR) == 2
