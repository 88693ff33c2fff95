"""Waivers accept a known discrepancy, tied to its values; bad waivers are reported."""

import pytest

from kssqa.api import run
from kssqa.config import ConfigError
from kssqa.findings import Outcome

CHECKS = """\
checks:
  - id: fig.sum
    kind: sum
    title: Delene summerer til totalen
    total: figures.a
    parts: [figures.b]
"""


def failing_sum(project):
    project.write("checks/checks.yaml", CHECKS)
    [finding] = [f for f in run(project.config()).findings if f.check_id == "fig.sum"]
    assert finding.outcome == Outcome.FAIL
    return finding


def waiver(fingerprint, location="inputs/2025/figures.csv:2", expires="2099-12-31"):
    return f"""\
waivers:
  - check: fig.sum
    location: {location}
    fingerprint: {fingerprint}
    reason: Kjent avvik, forklart i fotnote.
    by: Redaktøren
    expires: {expires}
"""


def test_a_waived_finding_stops_failing_the_run(project):
    finding = failing_sum(project)
    assert run(project.config()).exit_code() == 1
    project.write("checks/waivers.yaml", waiver(finding.fingerprint))
    report = run(project.config())
    [waived] = [f for f in report.findings if f.check_id == "fig.sum"]
    assert waived.outcome == Outcome.WAIVED
    assert waived.details["waiver"]["reason"] == "Kjent avvik, forklart i fotnote."
    assert report.exit_code() == 0
    assert [f for f in report.findings if f.kind == "waiver"] == []


def test_expired_waiver_is_reported_and_the_finding_fails_again(project):
    finding = failing_sum(project)
    project.write("checks/waivers.yaml", waiver(finding.fingerprint, expires="2020-01-01"))
    report = run(project.config())
    assert report.exit_code() == 1
    [notice] = [f for f in report.findings if f.kind == "waiver"]
    assert notice.details["status"] == "expired" and "expired" in notice.text("en")


def test_waiver_goes_stale_when_the_values_change(project):
    finding = failing_sum(project)
    project.write("checks/waivers.yaml", waiver(finding.fingerprint))
    csv_path = project.root / "inputs/2025/figures.csv"
    csv_path.write_text(csv_path.read_text().replace("1 814", "1 815"))
    report = run(project.config())
    assert report.exit_code() == 1
    [notice] = [f for f in report.findings if f.kind == "waiver"]
    assert notice.details["status"] == "stale"


def test_unmatched_waiver_is_reported(project):
    project.write("checks/checks.yaml", CHECKS)
    project.write("checks/waivers.yaml", waiver("0123456789abcdef", location="inputs/2025/x.csv:9"))
    [notice] = [f for f in run(project.config()).findings if f.kind == "waiver"]
    assert notice.details["status"] == "unmatched"


def test_a_waiver_about_another_years_report_is_passed_by(project):
    """Last year's waivers need no cleaning up: a run for 2026 neither applies nor reports them."""
    project.write("checks/checks.yaml", CHECKS)
    project.write("checks/waivers.yaml", waiver("0123456789abcdef", location="inputs/2024/x.csv:9"))
    assert [f for f in run(project.config()).findings if f.kind == "waiver"] == []
    explicit = waiver("0123456789abcdef", location="inputs/2025/x.csv:9") + "    year: 2024\n"
    project.write("checks/waivers.yaml", explicit)
    assert [f for f in run(project.config()).findings if f.kind == "waiver"] == []
    project.write("checks/waivers.yaml", waiver("0123456789abcdef", location="inputs/2025/x.csv:9"))
    [notice] = [f for f in run(project.config()).findings if f.kind == "waiver"]
    assert notice.details["status"] == "unmatched"  # this year's: reported as before


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "waivers:\n  - {check: a, fingerprint: 0123456789abcdef, by: x, expires: 2099-01-01}\n",
            "reason is required",
        ),
        (
            "waivers:\n  - {check: a, fingerprint: nope, reason: r, by: x, expires: 2099-01-01}\n",
            "fingerprint",
        ),
        ("waivers:\n  - {check: a, fingerprint: 0123456789abcdef, reason: r, by: x}\n", "expires"),
        ("waiver: []\n", "one key, waivers"),
    ],
)
def test_malformed_waivers_are_configuration_errors(project, text, message):
    project.write("checks/waivers.yaml", text)
    with pytest.raises(ConfigError) as error:
        run(project.config())
    assert message in str(error.value)
