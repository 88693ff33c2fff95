"""`kssqa waive`: a waiver written from a finding's fingerprint, checked against the last report."""

import json
from datetime import date

import pytest
from click.testing import CliRunner

from kssqa.api import run
from kssqa.cli import main
from kssqa.findings import Outcome
from kssqa.render.data import report_to_data
from kssqa.render.machine import render_json
from kssqa.waive import WaiveError, add_waiver
from kssqa.yamlio import safe_load

CHECKS = """\
checks:
  - id: fig.sum
    kind: sum
    title: Delene summerer til totalen
    total: figures.a
    parts: [figures.b]
"""
TODAY = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def today_is_the_first_of_march(monkeypatch):
    """`kssqa check` and `kssqa waive` both read the day from the run's clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772323200")  # 2026-03-01T00:00:00Z


def last_report(project) -> dict:
    """Run the checks and write reports/2025/report.json as `kssqa check` does."""
    project.write("checks/checks.yaml", CHECKS)
    data = report_to_data(run(project.config()))
    project.write("reports/2025/report.json", render_json(data))
    return data


def failing_fingerprint(data: dict) -> str:
    [finding] = [f for f in data["findings"] if f["check_id"] == "fig.sum"]
    assert finding["outcome"] == "fail"
    return finding["fingerprint"]


def waive(project, fingerprint, expires="2026-06-30", **kw):
    return add_waiver(
        project.config(), fingerprint, kw.get("reason", "Kjent avvik, forklart i fotnote."),
        kw.get("by", "Kari Nordmann (redaktør)"), expires, TODAY,
    )  # fmt: skip


def test_waive_writes_a_waiver_the_next_check_applies(project):
    fingerprint = failing_fingerprint(last_report(project))
    added = waive(project, fingerprint)
    assert added.path == project.root / "checks/waivers.yaml"
    [written] = safe_load(added.path.read_text(encoding="utf-8"))["waivers"]
    assert written == {
        "check": "fig.sum",
        "location": "inputs/2025/figures.csv:2",
        "fingerprint": fingerprint,
        "reason": "Kjent avvik, forklart i fotnote.",
        "by": "Kari Nordmann (redaktør)",
        "expires": date(2026, 6, 30),
        "year": 2025,
    }
    report = run(project.config())
    [finding] = [f for f in report.findings if f.check_id == "fig.sum"]
    assert finding.outcome == Outcome.WAIVED
    assert report.exit_code() == 0
    assert [f for f in report.findings if f.kind == "waiver"] == []


def test_waive_appends_and_keeps_the_files_comments_and_waivers(project):
    fingerprint = failing_fingerprint(last_report(project))
    before = """\
# Waivers accepted by the editor; see README.
waivers:
# an old one, about another year's report
- check: other.check
  location: inputs/2024/x.csv:3
  fingerprint: 0123456789abcdef
  reason: «Gammelt» avvik
  by: Redaktøren
  expires: 2099-01-01
# end of list
"""
    project.write("checks/waivers.yaml", before)
    waive(project, fingerprint, reason="Fotnote 3: «annet» er ikke registrert")
    after = (project.root / "checks/waivers.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    waivers = safe_load(after)["waivers"]
    assert [w["check"] for w in waivers] == ["other.check", "fig.sum"]
    assert waivers[1]["reason"] == "Fotnote 3: «annet» er ikke registrert"
    assert not list((project.root / "checks").glob(".*.tmp"))  # written atomically


def test_waive_starts_an_empty_flow_list(project):
    fingerprint = failing_fingerprint(last_report(project))
    project.write("checks/waivers.yaml", "waivers: []  # none yet\n")
    waive(project, fingerprint)
    text = (project.root / "checks/waivers.yaml").read_text(encoding="utf-8")
    assert [w["fingerprint"] for w in safe_load(text)["waivers"]] == [fingerprint]
    assert "# none yet" in text


@pytest.mark.parametrize(
    "reason", ["key: value # not a comment", "- a list?", "'quoted' and \"double\"", "a\nb"]
)
def test_waive_writes_any_reason_as_yaml_text(project, reason):
    fingerprint = failing_fingerprint(last_report(project))
    waive(project, fingerprint, reason=reason)
    [written] = safe_load((project.root / "checks/waivers.yaml").read_text())["waivers"]
    assert written["reason"] == reason.strip()


def test_an_unknown_fingerprint_is_refused_with_close_ones(project):
    fingerprint = failing_fingerprint(last_report(project))
    typo = fingerprint[:-1] + ("0" if fingerprint[-1] != "0" else "1")
    with pytest.raises(WaiveError) as error:
        waive(project, typo)
    assert typo in str(error.value) and f"did you mean {fingerprint}" in str(error.value)
    assert not (project.root / "checks/waivers.yaml").exists()


@pytest.mark.parametrize("bad", ["xyz", "0123456789ABCDEFG", ""])
def test_a_malformed_fingerprint_is_refused(project, bad):
    last_report(project)
    with pytest.raises(WaiveError, match="not a fingerprint"):
        waive(project, bad)


def test_a_passed_check_cannot_be_waived(project):
    data = last_report(project)
    passed = next(f["fingerprint"] for f in data["findings"] if f["outcome"] == "pass")
    with pytest.raises(WaiveError, match="passed; there is nothing to waive"):
        waive(project, passed)


def test_an_expiry_in_the_past_is_refused(project):
    fingerprint = failing_fingerprint(last_report(project))
    with pytest.raises(WaiveError, match="in the past"):
        waive(project, fingerprint, expires="2026-02-28")
    with pytest.raises(WaiveError, match="YYYY-MM-DD"):
        waive(project, fingerprint, expires="30.06.2026")
    assert waive(project, fingerprint, expires="2026-03-01").entry["expires"] == TODAY


def test_a_second_waiver_for_the_same_fingerprint_is_refused(project):
    fingerprint = failing_fingerprint(last_report(project))
    waive(project, fingerprint)
    before = (project.root / "checks/waivers.yaml").read_text()
    with pytest.raises(WaiveError, match="waiver 1 already accepts"):
        waive(project, fingerprint, reason="Annen grunn", expires="2027-01-01")
    assert (project.root / "checks/waivers.yaml").read_text() == before


def test_without_a_report_waive_says_run_check_first(project):
    project.write("checks/checks.yaml", CHECKS)
    with pytest.raises(WaiveError, match="run `kssqa check` first"):
        waive(project, "0123456789abcdef")


def test_an_empty_reason_is_refused(project):
    fingerprint = failing_fingerprint(last_report(project))
    with pytest.raises(WaiveError, match="--reason is required"):
        waive(project, fingerprint, reason="  ")


# --- the command ----------------------------------------------------------------------------


def cli_waive(project, fingerprint, *extra):
    return CliRunner().invoke(
        main,
        [
            "waive",
            fingerprint,
            "--config",
            str(project.root / "kssqa.toml"),
            "--reason",
            "Kjent avvik",
            "--by",
            "Redaktøren",
            "--expires",
            "2099-12-31",
            *extra,
        ],
    )


def test_cli_waive_then_check_shows_the_finding_waived(project):
    config = ["--config", str(project.root / "kssqa.toml")]
    project.write("checks/checks.yaml", CHECKS)
    first = CliRunner().invoke(main, ["check", *config, "--format", "json"])
    assert first.exit_code == 1
    fingerprint = failing_fingerprint(json.loads(first.output))
    result = cli_waive(project, fingerprint, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Waiver for fig.sum (inputs/2025/figures.csv:2) written to checks/waivers.yaml" in (
        result.output
    )
    second = CliRunner().invoke(main, ["check", *config, "--format", "json"])
    assert second.exit_code == 0
    [finding] = [f for f in json.loads(second.output)["findings"] if f["check_id"] == "fig.sum"]
    assert finding["outcome"] == "waived"
    assert finding["details"]["waiver"]["by"] == "Redaktøren"


def test_cli_waive_unknown_fingerprint_exits_two_naming_it(project):
    last_report(project)
    result = cli_waive(project, "0123456789abcdef")
    assert result.exit_code == 2
    assert "no finding of the last 2025 report has the fingerprint 0123456789abcdef" in (
        result.output
    )
    assert not (project.root / "checks/waivers.yaml").exists()


def test_cli_waive_past_expiry_exits_two(project):
    fingerprint = failing_fingerprint(last_report(project))
    result = CliRunner().invoke(
        main,
        ["waive", fingerprint, "--config", str(project.root / "kssqa.toml"), "--reason", "x",
         "--by", "y", "--expires", "2020-01-01"],
    )  # fmt: skip
    assert result.exit_code == 2 and "in the past" in result.output


def test_a_waiver_for_the_same_place_with_other_values_is_named_as_superseded(project):
    fingerprint = failing_fingerprint(last_report(project))
    old = "0123456789abcdef"
    project.write(
        "checks/waivers.yaml",
        f"""\
waivers:
  - check: fig.sum
    location: inputs/2025/figures.csv:2
    fingerprint: {old}
    reason: Gjaldt fjorårets tall
    by: Redaktøren
    expires: 2099-01-01
""",
    )
    added = waive(project, fingerprint)
    assert [(w.index, w.fingerprint) for w in added.superseded] == [(1, old)]
    report = run(project.config())
    [finding] = [f for f in report.findings if f.check_id == "fig.sum"]
    assert finding.outcome == Outcome.WAIVED  # the new waiver applies
    assert [f.details["status"] for f in report.findings if f.kind == "waiver"] == ["stale"]


def test_a_layout_kssqa_cannot_append_to_is_left_alone_with_the_entry_to_paste(project):
    fingerprint = failing_fingerprint(last_report(project))
    flow = (
        "waivers: [{check: other.check, location: 'inputs/2024/x.csv:3', "
        "fingerprint: 0123456789abcdef, reason: r, by: b, expires: 2099-01-01}]\n"
    )
    project.write("checks/waivers.yaml", flow)
    with pytest.raises(WaiveError, match="add the waiver by hand") as error:
        waive(project, fingerprint)
    assert f"fingerprint: {fingerprint}" in str(error.value)
    assert (project.root / "checks/waivers.yaml").read_text() == flow
