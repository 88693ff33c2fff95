"""count and percent_of on ordinary tables: plain exports without a key column.

The three tables of a small report project: the member register (one row per member), the
helpline's contact export (one row per contact) and the figures the report prints (named by a
column, not by keys). Two planted problems — «5 kommunale» against the rows, and «19 %»
unanswered for 792 of 4 950 contacts — are found; the figures as they should be pass.
"""

from __future__ import annotations

import pytest

from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import run_check

SCHEMAS = {
    "schemas/members.yaml": """\
table: members
file: members.csv
columns:
  name: {type: text, required: true}
  operating_form: {type: text, required: true}
  region: {type: text}
""",
    "schemas/contacts.yaml": """\
table: contacts
file: contacts.csv
columns:
  channel: {type: text, required: true}
  answered: {type: text, required: true}
""",
    "schemas/report.yaml": """\
table: report
file: report.csv
columns:
  figure: {type: text, required: true, unique: true}
  value: {type: quantity, required: true}
""",
}

MEMBERS = """\
name,operating_form,region
Alta krisesenter,Ideell organisasjon,Nord
Helgeland krisesenter,Kommunalt,Nord
Indre Østfold krisesenter,Kommunalt,Sør-Øst
Gjøvik krisesenter IKS,Inter- kommunalt selskap,Sør-Øst
Krisesenteret i Salten,Kommunalt,Nord
Oslo Krisesenter,Stiftelse,Sør-Øst
"""

CHECKS = """\
checks:
  - id: members.municipal
    kind: count
    title: Antall kommunale/IKS stemmer med medlemsregisteret
    printed: {table: report, where: {figure: kommunale}}
    table: members
    where: {operating_form: [Kommunalt, Interkommunalt selskap]}
    match: normalized
  - id: contacts.unanswered-share
    kind: percent_of
    title: Andelen ubesvarte stemmer med henvendelsene
    percent: {table: report, where: {figure: ubesvart}}
    part: {table: contacts, where: {channel: telefon, answered: nei}}
    whole: {table: contacts, where: {channel: telefon}}
  - id: contacts.answered-share
    kind: percent_of
    title: Svarprosenten stemmer med henvendelsene
    percent: {table: report, where: {figure: besvart}}
    part: {table: contacts, where: {channel: telefon, answered: nei}}
    whole: {table: contacts, where: {channel: telefon}}
    complement: true
"""


def contacts(unanswered: int = 792, phone: int = 4950, chat: int = 1697) -> str:
    rows = ["telefon,nei"] * unanswered + ["telefon,ja"] * (phone - unanswered)
    rows += ["chat,ja"] * chat
    return "channel,answered\n" + "\n".join(rows) + "\n"


def report(kommunale: str = "4", ubesvart: str = "16 %", besvart: str = "84 %") -> str:
    return (
        "figure,value\n"
        f"kommunale,{kommunale}\n"
        f"ubesvart,{ubesvart}\n"
        f"besvart,{besvart}\n"
        "medlemmer,6\n"
    )


def run(tmp_path, report_csv: str, contacts_csv: str | None = None):
    files = {
        **SCHEMAS,
        "inputs/2025/members.csv": MEMBERS,
        "inputs/2025/contacts.csv": contacts_csv or contacts(),
        "inputs/2025/report.csv": report_csv,
    }
    return {f.check_id: f for f in run_check(tmp_path, CHECKS, files)}


def test_the_printed_figures_that_match_the_rows_pass(tmp_path):
    found = run(tmp_path, report())
    assert {check: f.outcome for check, f in found.items()} == dict.fromkeys(found, Outcome.PASS)
    assert set(found) == {
        "members.municipal",
        "contacts.unanswered-share",
        "contacts.answered-share",
    }
    share = found["contacts.unanswered-share"].text("en")
    assert "792 contacts[channel=telefon, answered=nei] / 4\u00a0950 contacts[channel=telefon]" in (
        share
    )


def test_five_municipal_printed_against_four_rows_fails(tmp_path):
    found = run(tmp_path, report(kommunale="5"))
    fail = found["members.municipal"]
    assert fail.outcome == Outcome.FAIL
    assert "report[figure=kommunale]: printed «5», but members has 4 rows" in fail.text("en")
    assert fail.suggestion == "4"
    # the printed figure's row and the counted rows (the IKS spelled with a line-break hyphen)
    assert [loc.label() for loc in fail.locations] == [
        "inputs/2025/report.csv:2:value",
        "inputs/2025/members.csv:3",
        "inputs/2025/members.csv:4",
        "inputs/2025/members.csv:5",
        "inputs/2025/members.csv:6",
    ]


def test_nineteen_percent_printed_for_792_of_4950_fails(tmp_path):
    found = run(tmp_path, report(ubesvart="19 %", besvart="81 %"))
    for check in ("contacts.unanswered-share", "contacts.answered-share"):
        assert found[check].outcome == Outcome.FAIL, check
    fail = found["contacts.unanswered-share"]
    assert "= 16.00 %, but the printed «19 %» stands for [18.5, 19.5] %" in fail.text("en")
    assert fail.suggestion == "16 %"
    assert [loc.label() for loc in fail.locations] == [
        "inputs/2025/report.csv:3:value",
        "inputs/2025/contacts.csv",
    ]


def test_a_share_of_rows_changes_with_the_rows(tmp_path):
    """The same printed 16 % fails when the export has 950 unanswered calls (19.19 %)."""
    found = run(tmp_path, report(), contacts(unanswered=950))
    assert found["contacts.unanswered-share"].outcome == Outcome.FAIL


def test_a_selection_that_is_not_one_row_cannot_be_evaluated(tmp_path):
    text = report() + "kommunale,5\n"
    files = {
        **SCHEMAS,
        "schemas/report.yaml": SCHEMAS["schemas/report.yaml"].replace(", unique: true", ""),
        "inputs/2025/members.csv": MEMBERS,
        "inputs/2025/contacts.csv": contacts(),
        "inputs/2025/report.csv": text,
    }
    found = {f.check_id: f for f in run_check(tmp_path, CHECKS, files)}
    error = found["members.municipal"]
    assert error.outcome == Outcome.ERROR
    assert "report[figure=kommunale] selects 2 rows; a figure is one row" in error.text("en")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"printed": {"where": {"figure": "x"}}}, "must be a mapping with table"),
        ({"printed": {"table": "report", "contains": {"figure": "x"}}}, "unknown key"),
        ({"printed": "r.x", "contains": {"name": 3}}, "contains: 'name' must be"),
        ({"printed": "r.x", "match": "fuzzy"}, "match must be one of"),
    ],
)
def test_malformed_selections_are_configuration_errors(args, message):
    raw = {"id": "c.c", "kind": "count", "title": "t", "table": "members", **args}
    with pytest.raises(ConfigError, match=message):
        parse_check(raw, "checks/x.yaml")


def test_rows_counted_for_a_percentage_take_the_count_filter():
    raw = {
        "id": "c.p",
        "kind": "percent_of",
        "title": "t",
        "percent": "r.p",
        "part": {"table": "contacts", "contains": {"answered": "n"}, "match": "normalized"},
        "whole": {"table": "contacts", "distinct": "answered"},
    }
    with pytest.raises(ConfigError, match="unknown key"):
        parse_check(raw, "checks/x.yaml")
    del raw["whole"]["distinct"]
    assert parse_check(raw, "checks/x.yaml").args["whole"] == {"table": "contacts"}
