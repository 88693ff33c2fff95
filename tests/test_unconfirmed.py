"""Rows not yet confirmed (empty quote, where the schema requires one): counted, not judged."""

from __future__ import annotations

from kssqa.api import run
from kssqa.findings import Outcome, Severity

from .conftest import failing

CHECK = """\
checks:
  - id: fig.sum
    kind: sum
    title: Delene summerer til totalen
    total: figures.a
    parts: [figures.c]
"""


def test_an_unconfirmed_row_is_counted_and_its_checks_wait(project):
    project.write(
        "inputs/2025/figures.csv",
        """\
        key,section,date,value,unit,email,quote
        figures.a,Media,14.1.2025,1 814,count,,mottok 1 814 henvendelser
        figures.b,Media,8.3.2026,1.814,,,
        figures.c,VO-linjen,,,count,,
        """,
    )
    project.write("checks/checks.yaml", CHECK)
    report = run(project.config())
    # the unconfirmed rows' empty, unparseable and out-of-period cells are not findings ...
    assert failing(report) == {("unconfirmed", "figures.csv", None, None)}
    (summary,) = report.failures()
    assert summary.severity == Severity.WARNING
    assert summary.details == {"rows": 3, "unconfirmed": 2, "unfilled": 2}
    assert "2 of 3 rows are not confirmed yet (empty quote); 2 values are missing" in (
        summary.text("en")
    )
    # ... and the check that needs one of them waits
    (waiting,) = [f for f in report.findings if f.check_id == "fig.sum"]
    assert waiting.outcome == Outcome.SKIPPED
    assert "figures.c (inputs/2025/figures.csv:4) is not confirmed yet" in waiting.text("en")
    assert report.exit_code() == 0


def test_a_confirmed_row_is_judged_as_always(project):
    project.write(
        "inputs/2025/figures.csv",
        """\
        key,section,date,value,unit,email,quote
        figures.a,Media,8.3.2026,,count,,mottok henvendelser
        """,
    )
    found = failing(run(project.config()))
    assert found == {
        ("required", "figures.csv", 2, "value"),
        ("within", "figures.csv", 2, "date"),
    }


def test_a_table_without_rows_is_reported_once(project):
    project.write("inputs/2025/figures.csv", "key,section,date,value,unit,email,quote\n")
    project.write("checks/checks.yaml", CHECK)
    report = run(project.config())
    assert failing(report) == {("unconfirmed", "figures.csv", None, None)}
    assert "the table has no rows yet" in report.failures()[0].text("en")
    assert [f.outcome for f in report.findings if f.check_id == "fig.sum"] == [Outcome.SKIPPED]
