"""Register reconciliation: count and sum aggregate a raw table (filter, group by, date window)
and compare the aggregates with the printed figures (kssqa.kinds.aggregate).

Each test runs the same contact log against printed figures with one planted error and then
against the correct figures.
"""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, run_check

SCHEMAS = {
    "schemas/contacts.yaml": """\
table: contacts
file: contacts.csv
columns:
  id: {type: text, required: true, unique: true}
  date: {type: date, required: true, allow_range: false}
  channel: {type: text, required: true}
  gender: {type: text}
  minutes: {type: integer}
""",
    "schemas/printed.yaml": """\
table: printed
file: printed.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  metric: {type: text}
  channel: {type: text}
  value: {type: quantity}
  quote: {type: text}
""",
}
CONTACTS = """\
id,date,channel,gender,minutes
k1,30.12.2024,telefon,kvinne,30
k2,2.1.2025,telefon,kvinne,12
k3,2.1.2025,chat,mann,40
k4,3.1.2025,telefon,mann,8
k5,14.2.2025,telefon,kvinne,20
k6,1.3.2025,chat,kvinne,25
k7,1.1.2026,chat,kvinne,5
"""


def files(printed: dict[str, str], contacts: str = CONTACTS) -> dict[str, str]:
    rows = ["key,section,metric,channel,value,quote"]
    for key, value in printed.items():
        metric, channel = key.split(".")[1:3]
        rows.append(f"{key},VO-linjen,{metric},{channel},{value},trykt {value}")
    return {
        **SCHEMAS,
        "inputs/2025/contacts.csv": contacts,
        "inputs/2025/printed.csv": "\n".join(rows) + "\n",
    }


COUNT = check_yaml(
    "contacts.per-channel",
    "count",
    "Henvendelser per kanal",
    printed="{table: printed, where: {metric: contacts}}",
    table="contacts",
    by="{channel: channel}",
    window="{column: date, within: reporting_year}",
)
SUM = check_yaml(
    "minutes.per-channel",
    "sum",
    "Minutter per kanal",
    printed="{table: printed, where: {metric: minutes}}",
    table="contacts",
    column="minutes",
    by="{channel: channel}",
    window="{column: date, within: reporting_year}",
)


def by_key(findings) -> dict[str, Outcome]:
    return {f.locations[0].row: f.outcome for f in findings}


def test_count_by_group_in_the_window(tmp_path):
    # 2025: telefon k2 k4 k5 = 3, chat k3 k6 = 2 (k1 is 2024, k7 is 2026)
    wrong = run_check(
        tmp_path / "a", COUNT, files({"p.contacts.telefon": "4", "p.contacts.chat": "2"})
    )
    assert by_key(wrong) == {2: Outcome.FAIL, 3: Outcome.PASS}
    failed = wrong[0]
    assert failed.expected == "3" and failed.actual == "4"
    assert "channel = «telefon»" in failed.text("en")
    assert "in the reporting year" in failed.text("en")
    assert [loc.row for loc in failed.locations[1:]] == [3, 5, 6]  # the counted rows
    right = run_check(
        tmp_path / "b", COUNT, files({"p.contacts.telefon": "3", "p.contacts.chat": "2"})
    )
    assert by_key(right) == {2: Outcome.PASS, 3: Outcome.PASS}


def test_a_printed_group_the_register_lacks_counts_zero(tmp_path):
    findings = run_check(tmp_path, COUNT, files({"p.contacts.sms": "0", "p.contacts.chat": "3"}))
    assert by_key(findings) == {2: Outcome.PASS, 3: Outcome.FAIL}


def test_sum_of_a_register_column_by_group(tmp_path):
    # 2025 minutes: telefon 12 + 8 + 20 = 40, chat 40 + 25 = 65
    wrong = run_check(
        tmp_path / "a", SUM, files({"p.minutes.telefon": "40", "p.minutes.chat": "56"})
    )
    assert by_key(wrong) == {2: Outcome.PASS, 3: Outcome.FAIL}
    assert wrong[1].expected == "65" and wrong[1].suggestion == "65"
    right = run_check(
        tmp_path / "b", SUM, files({"p.minutes.telefon": "40", "p.minutes.chat": "65"})
    )
    assert by_key(right) == {2: Outcome.PASS, 3: Outcome.PASS}


def test_sum_with_an_unreadable_summed_value_is_an_error_naming_the_row(tmp_path):
    contacts = CONTACTS.replace("k4,3.1.2025,telefon,mann,8", "k4,3.1.2025,telefon,mann,8x")
    findings = run_check(tmp_path, SUM, files({"p.minutes.telefon": "40"}, contacts))
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert "contacts.csv:5" in findings[0].text("en")


def test_sum_of_the_whole_register_to_one_printed_key(tmp_path):
    check = check_yaml(
        "minutes.total", "sum", "Minutter", printed="p.minutes.total", table="contacts",
        column="minutes", where="{gender: kvinne}",
    )  # fmt: skip
    # every year, women: 30 + 12 + 20 + 25 + 5 = 92
    right = run_check(tmp_path / "a", check, files({"p.minutes.total": "92"}))
    assert [f.outcome for f in right] == [Outcome.PASS]
    wrong = run_check(tmp_path / "b", check, files({"p.minutes.total": "93"}))
    assert [f.outcome for f in wrong] == [Outcome.FAIL]


def test_percent_of_counts_rows_in_a_window(tmp_path):
    window = "window: {column: date, within: reporting_year}"
    check = check_yaml(
        "women.share", "percent_of", "Andel kvinner", percent="p.share.total",
        part=f"{{table: contacts, where: {{gender: kvinne}}, {window}}}",
        whole=f"{{table: contacts, {window}}}",
    )  # fmt: skip
    # 2025: 5 contacts, 3 women: 60 %
    passed = run_check(tmp_path / "a", check, files({"p.share.total": "60 %"}))
    assert [f.outcome for f in passed] == [Outcome.PASS]
    failed = run_check(tmp_path / "b", check, files({"p.share.total": "71 %"}))  # 5/7 all years
    assert [f.outcome for f in failed] == [Outcome.FAIL]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"by": "{channel: ''}"}, "by maps"),
        ({"printed": "p.contacts.telefon"}, "with by, printed selects"),
        ({"window": "{column: date, within: last_year}"}, "window must be"),
    ],
)
def test_register_arguments_are_checked_when_loaded(tmp_path, args, message):
    """count's and sum's register arguments are refused before any data is read."""
    base = {
        "printed": "{table: printed, where: {metric: contacts}}",
        "table": "contacts",
        "by": "{channel: channel}",
    }
    check = check_yaml("c", "count", "C", **{**base, **args})
    with pytest.raises(ConfigError, match=message):
        run_check(tmp_path / "count", check, files({"p.contacts.telefon": "3"}))
    check = check_yaml("s", "sum", "S", **{**base, "column": "minutes", **args})
    with pytest.raises(ConfigError, match=message):
        run_check(tmp_path / "sum", check, files({"p.contacts.telefon": "3"}))


def test_a_register_sum_names_its_table(tmp_path):
    check = check_yaml("s", "sum", "S", printed="p.minutes.total", column="minutes")
    with pytest.raises(ConfigError, match="printed goes with table and column"):
        run_check(tmp_path, check, files({"p.minutes.total": "3"}))


def names_findings(root, quoted: bool):
    """A centre misspelt once in a column of 45 rows, in a register (no quote column) or in a
    table that quotes the report: the same findings either way."""
    rows = ["Alfa krisesenter"] * 30 + ["Beta krisesenter IKS"] * 14
    rows.insert(37, "Alfa krisesnter")
    header = "id,centre" + (",quote" if quoted else "")
    lines = [
        f"k{n},{name}" + (f",{name} tok imot" if quoted else "") for n, name in enumerate(rows)
    ]
    schema = "table: log\nfile: log.csv\ncolumns:\n  id: {type: text}\n  centre: {type: text}\n"
    if quoted:
        schema += "  quote: {type: text}\n"
    check = check_yaml("n", "names", "Navn", columns="[{table: log, column: centre}]")
    files = {"schemas/log.yaml": schema, "inputs/2025/log.csv": "\n".join([header, *lines])}
    return run_check(root, check, files)


def test_names_in_a_register_are_found_as_in_a_quoting_table(tmp_path):
    register = names_findings(tmp_path / "a", quoted=False)
    quoting = names_findings(tmp_path / "b", quoted=True)
    assert [f.outcome for f in register] == [Outcome.FAIL]
    assert register[0].actual == "Alfa krisesnter"
    assert [(loc.row, loc.column) for loc in register[0].locations] == [(39, "centre")]
    assert register[0].text("en") == quoting[0].text("en")
    strip = [(loc.file, loc.row, loc.column) for loc in quoting[0].locations]
    assert [(loc.file, loc.row, loc.column) for loc in register[0].locations] == strip
    assert register[0].details == quoting[0].details
