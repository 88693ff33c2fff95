"""same_items: two printed lists name the same things, or (disjoint) nothing alike."""

from __future__ import annotations

import pytest

from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome
from kssqa.kinds.same_items import LISTS_SCHEMA, pair_items, relation

from .helpers import one, run_check

HEADER = "key,list,position,item,quote\n"


def lists_csv(lists: dict[str, list[str]]) -> str:
    rows = [
        f'lists.{name}.{i},{name},{i},"{item}","... {item} ..."'
        for name, items in lists.items()
        for i, item in enumerate(items, 1)
    ]
    return HEADER + "\n".join(rows) + "\n"


def run_lists(tmp_path, lists: dict[str, list[str]], extra: str = ""):
    check = (
        "checks:\n  - id: lists.compare\n    kind: same_items\n    title: Listene stemmer\n"
        "    first: {table: lists, column: item, where: {list: a}}\n"
        "    second: {table: lists, column: item, where: {list: b}}\n"
        + "".join(f"    {line}\n" for line in extra.splitlines())
    )
    files = {"schemas/lists.yaml": LISTS_SCHEMA, "inputs/2025/lists.csv": lists_csv(lists)}
    return one(run_check(tmp_path, check, files))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Taushet tar liv", "Taushet tar liv", "equal"),
        ("MANREPORT-IPV", "Manreport-IPV", "normalised"),
        ("Islamsk råd Norge", "Islamsk Råd Norge", "normalised"),
        ("Veterinærinstitutet", "Veterinærinstituttet", "close"),
        ("Juleaksjonen", "Juleaksjonen 2025", "prefix"),
        ("NMBU", "NMBU veterinærhøgskolen", "prefix"),
        ("Dyrevernalliansen", "Dyrebeskyttelsen Norge", None),
        ("Sommeraksjonen 2025", "Juleaksjonen 2025", None),
        ("Oslo", "Oslo", "equal"),
    ],
)
def test_relation_of_two_items(a, b, expected):
    assert relation(a, b) == expected
    assert relation(b, a) == expected


def test_the_closest_pairs_are_made_first():
    first = [("Juleaksjonen", None), ("Juleaksjonen 2025", None)]
    second = [("Juleaksjonen 2025", None)]
    pairs, only_first, only_second = pair_items(first, second)
    assert [(a[0], b[0], how) for a, b, how in pairs] == [
        ("Juleaksjonen 2025", "Juleaksjonen 2025", "equal")
    ]
    assert only_first == [("Juleaksjonen", None)] and only_second == []


def test_an_item_missing_from_either_list_fails_with_its_lines(tmp_path):
    finding = run_lists(
        tmp_path,
        {
            "a": ["Taushet tar liv", "Juleaksjonen", "Gøy & Godt"],
            "b": ["Taushet tar liv", "Sommeraksjonen 2025", "Juleaksjonen 2025"],
        },
    )
    assert finding.outcome == Outcome.FAIL
    assert finding.details["only_first"] == ["Gøy & Godt"]
    assert finding.details["only_second"] == ["Sommeraksjonen 2025"]
    assert [loc.row for loc in finding.locations] == [4, 6]
    assert "only in lists.item (list = a): «Gøy & Godt»" in finding.text("en")
    assert "bare i lists.item (list = b): «Sommeraksjonen 2025»" in finding.text("nb")


def test_lists_that_name_the_same_things_pass(tmp_path):
    finding = run_lists(
        tmp_path,
        {
            "a": ["Taushet tar liv", "Juleaksjonen", "MANREPORT-IPV"],
            "b": [
                "Manreport-IPV",
                "Juleaksjonen 2025",
                "Taushet tar liv",
            ],
        },
    )
    assert finding.outcome == Outcome.PASS
    assert (
        finding.text("en")
        == "lists.item (list = a) and lists.item (list = b) name the same 3 things"
    )


def test_ignored_items_and_split_cells(tmp_path):
    check = (
        "checks:\n  - id: partners\n    kind: same_items\n    title: Partnerne stemmer\n"
        "    first: {table: projects, column: partners, split: ', '}\n"
        "    second: {table: lists, column: item, where: {list: b}}\n"
        "    ignore: [Krisesentersekretariatet]\n"
        "    first_label: tabellen\n    second_label: teksten\n"
    )
    schema = (
        "table: projects\nfile: projects.csv\ncolumns:\n"
        "  key: {type: text, required: true, unique: true}\n  partners: {type: text}\n"
    )
    files = {
        "schemas/lists.yaml": LISTS_SCHEMA,
        "schemas/projects.yaml": schema,
        "inputs/2025/projects.csv": 'key,partners\nprojects.se,"NMBU, Dyrevernalliansen"\n',
        "inputs/2025/lists.csv": lists_csv(
            {"b": ["NMBU veterinærhøgskolen", "Dyrevernalliansen", "Krisesentersekretariatet"]}
        ),
    }
    assert one(run_check(tmp_path / "good", check, files)).outcome == Outcome.PASS
    files["inputs/2025/lists.csv"] = lists_csv(
        {"b": ["NMBU veterinærhøgskolen", "Dyrebeskyttelsen Norge", "Krisesentersekretariatet"]}
    )
    finding = one(run_check(tmp_path / "bad", check, files))
    assert finding.outcome == Outcome.FAIL
    assert finding.text("nb") == (
        "tabellen og teksten nevner ikke de samme tingene: bare i tabellen: «Dyrevernalliansen»; "
        "bare i teksten: «Dyrebeskyttelsen Norge»"
    )


def test_disjoint_lists_fail_on_an_item_in_both_and_pass_without(tmp_path):
    members = ["Krisesentersekretariatet", "Islamsk råd Norge", "Den norske kirke"]
    finding = run_lists(
        tmp_path / "bad",
        {"a": members, "b": ["Islamsk Råd Norge", "Norges kvinnelobby"]},
        "mode: disjoint",
    )
    assert finding.outcome == Outcome.FAIL
    assert "1 item appears both in" in finding.text("en")
    assert "«Islamsk råd Norge» / «Islamsk Råd Norge»" in finding.text("en")
    assert [loc.row for loc in finding.locations] == [3, 5]
    finding = run_lists(
        tmp_path / "good", {"a": members, "b": ["Norges kvinnelobby"]}, "mode: disjoint"
    )
    assert finding.outcome == Outcome.PASS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("mode: both", "mode must be one of same, disjoint"),
        ("ignore: [1, 2]", "ignore must be a list of texts"),
    ],
)
def test_bad_arguments_are_configuration_errors(args, message):
    raw = {
        "id": "x",
        "kind": "same_items",
        "title": "X",
        "first": {"table": "lists", "column": "item"},
        "second": {"table": "lists", "column": "item"},
    }
    key, value = args.split(": ", 1)
    raw[key] = value if not value.startswith("[") else [int(v) for v in value[1:-1].split(",")]
    with pytest.raises(ConfigError, match=message):
        parse_check(raw, "checks/x.yaml")
    raw.pop(key)
    raw["first"] = {"table": "lists"}
    with pytest.raises(ConfigError, match="each entry of first needs table and column"):
        parse_check(raw, "checks/x.yaml")
