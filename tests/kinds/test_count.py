"""count: a printed count against the number of matching rows of a table."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, one, outcomes, run_check

SCHEMAS = {
    "schemas/figures.yaml": """\
        table: figures
        file: figures.csv
        columns:
          key: {type: text, required: true, unique: true}
          value: {type: quantity}
          quote: {type: text}
        """,
    "schemas/members.yaml": """\
        table: members
        file: members.csv
        columns:
          key: {type: text, required: true, unique: true}
          name: {type: text, required: true}
          form: {type: text, required: true}
          region: {type: text}
        """,
}

MEMBERS = """\
    key,name,form,region
    members.a,Alfa,Kommunalt,Nord
    members.b,Beta IKS,Interkommunalt selskap,Nord
    members.c,Gamma IKS,Inter- kommunalt selskap,Midt-Vest
    members.d,Delta,Ideell organisasjon,
    members.e,Epsilon,Stiftelse,Sør-Øst
    members.f,Zeta,Ideell organisasjon,Sør-Øst
    """


def project(figures: str, members: str = MEMBERS) -> dict[str, str]:
    return {
        **SCHEMAS,
        "inputs/2025/figures.csv": "key,value,quote\n" + figures,
        "inputs/2025/members.csv": members,
    }


def check(**args) -> str:
    return check_yaml("c.count", "count", "Antall", **args)


def test_all_rows_counted_pass(tmp_path):
    finding = one(
        run_check(tmp_path, check(printed="f.total", table="members"), project("f.total,6,\n"))
    )
    assert finding.outcome == Outcome.PASS
    assert finding.expected == "6" and finding.actual == "6"
    assert "6 rader" in finding.text("nb") and "6 rows" in finding.text("en")
    # the printed figure first, then every counted row with its line in members.csv
    assert finding.locations[0].file.endswith("figures.csv")
    assert [loc.row for loc in finding.locations[1:]] == [2, 3, 4, 5, 6, 7]


def test_planted_wrong_count_fails_with_arithmetic(tmp_path):
    finding = one(
        run_check(tmp_path, check(printed="f.total", table="members"), project("f.total,7,\n"))
    )
    assert finding.outcome == Outcome.FAIL
    assert finding.expected == "6" and finding.actual == "7"
    assert finding.difference == "1"
    assert finding.suggestion == "6"
    assert "trykt «7», men members har 6 rader" in finding.text("nb")
    assert "printed «7», but members has 6 rows" in finding.text("en")


def test_where_list_of_exact_spellings(tmp_path):
    yaml = check(
        printed="f.municipal",
        table="members",
        where="{form: [Kommunalt, Interkommunalt selskap, Inter- kommunalt selskap]}",
    )
    finding = one(run_check(tmp_path, yaml, project("f.municipal,3,\n")))
    assert finding.outcome == Outcome.PASS
    assert [loc.row for loc in finding.locations[1:]] == [2, 3, 4]
    assert "form = «Kommunalt» eller «Interkommunalt selskap»" in finding.text("nb")


def test_where_exact_text_misses_a_spelling_variant(tmp_path):
    yaml = check(
        printed="f.municipal", table="members", where="{form: [Kommunalt, Interkommunalt selskap]}"
    )
    finding = one(run_check(tmp_path, yaml, project("f.municipal,3,\n")))
    assert finding.outcome == Outcome.FAIL
    assert finding.expected == "2"


def test_match_normalized_ignores_case_spaces_and_hyphens(tmp_path):
    # "Inter- kommunalt selskap" (a line-break hyphen) is the same value as the wanted one
    yaml = check(
        printed="f.municipal",
        table="members",
        where="{form: [kommunalt, Interkommunalt selskap]}",
        match="normalized",
    )
    finding = one(run_check(tmp_path, yaml, project("f.municipal,3,\n")))
    assert finding.outcome == Outcome.PASS
    assert [loc.row for loc in finding.locations[1:]] == [2, 3, 4]
    assert "ignoring case, spaces and hyphens" in finding.text("en")
    # exact matching (the default) counts only the identical spellings
    exact = one(
        run_check(
            tmp_path, yaml.replace("match: normalized", "match: exact"), project("f.municipal,3,\n")
        )
    )
    assert exact.outcome == Outcome.FAIL and exact.expected == "1"


def test_match_normalized_applies_to_contains(tmp_path):
    yaml = check(
        printed="f.n", table="members", contains="{form: interkommunalt}", match="normalized"
    )
    assert one(run_check(tmp_path, yaml, project("f.n,2,\n"))).outcome == Outcome.PASS
    yaml = check(printed="f.n", table="members", contains="{form: interkommunalt}")
    assert one(run_check(tmp_path, yaml, project("f.n,2,\n"))).expected == "1"


def test_where_empty_string_matches_empty_cells(tmp_path):
    yaml = check(printed="f.no_region", table="members", where='{region: ""}')
    finding = one(run_check(tmp_path, yaml, project("f.no_region,en,\n")))
    assert finding.outcome == Outcome.PASS
    assert [loc.row for loc in finding.locations[1:]] == [5]


def test_contains_is_case_insensitive_substring(tmp_path):
    yaml = check(printed="f.municipal", table="members", contains="{form: KOMMUNAL}")
    finding = one(run_check(tmp_path, yaml, project("f.municipal,3,\n")))
    assert finding.outcome == Outcome.PASS
    assert "form inneholder «KOMMUNAL»" in finding.text("nb")


def test_contains_list_means_any_of_them(tmp_path):
    yaml = check(printed="f.n", table="members", contains="{form: [stiftelse, ideell]}")
    assert outcomes(run_check(tmp_path, yaml, project("f.n,3,\n"))) == [Outcome.PASS]


def test_contains_all_requires_every_substring(tmp_path):
    yaml = check(printed="f.n", table="members", contains="{name: {all: [a, iks]}}")
    # "Beta IKS" and "Gamma IKS" contain both; "Alfa" has no "iks"
    finding = one(run_check(tmp_path, yaml, project("f.n,1,\n")))
    assert finding.outcome == Outcome.FAIL
    assert finding.expected == "2"
    assert "name inneholder «a» og «iks»" in finding.text("nb")


def test_where_and_contains_combine(tmp_path):
    yaml = check(printed="f.n", table="members", where="{region: Nord}", contains="{name: iks}")
    assert outcomes(run_check(tmp_path, yaml, project("f.n,1,\n"))) == [Outcome.PASS]


def test_distinct_counts_different_non_empty_values(tmp_path):
    yaml = check(printed="f.regions", table="members", distinct="region")
    finding = one(run_check(tmp_path, yaml, project("f.regions,tre,\n")))
    assert finding.outcome == Outcome.PASS
    assert finding.details["values"] == ["Nord", "Midt-Vest", "Sør-Øst"]
    fails = one(run_check(tmp_path, yaml, project("f.regions,fire,\n")))
    assert fails.outcome == Outcome.FAIL and fails.expected == "3"
    assert "3 ulike verdier i kolonnen region" in fails.text("nb")


def test_qualified_count_is_an_interval(tmp_path):
    rows = "".join(f"members.m{i},M{i},Kommunalt,Nord\n" for i in range(72))
    members = "key,name,form,region\n" + rows
    yaml = check(printed="f.n", table="members")
    passes = one(run_check(tmp_path, yaml, project("f.n,over 70,\n", members)))
    assert passes.outcome == Outcome.PASS
    assert "«over 70» = [70, 77]" in passes.text("nb")
    fails = one(run_check(tmp_path, yaml, project("f.n,nesten 70,\n", members)))
    assert fails.outcome == Outcome.FAIL
    assert fails.tolerance == "[63, 70]"


def test_locations_are_capped(tmp_path):
    rows = "".join(f"members.m{i},M{i},Kommunalt,Nord\n" for i in range(25))
    members = "key,name,form,region\n" + rows
    finding = one(
        run_check(tmp_path, check(printed="f.n", table="members"), project("f.n,25,\n", members))
    )
    assert finding.outcome == Outcome.PASS
    assert len(finding.locations) == 1 + 20
    assert len(finding.details["rows"]) == 25
    assert "20 av 25 rader" in finding.text("nb")


def test_the_details_list_the_first_counted_lines_and_how_many_more(tmp_path, monkeypatch):
    """A register's count lists its rows' lines up to a cap and says how many it leaves out;
    under the cap it lists them all (above)."""
    import kssqa.kinds.count as count

    monkeypatch.setattr(count, "MAX_LISTED_ROWS", 10)
    rows = "".join(f"members.m{i},M{i},Kommunalt,Nord\n" for i in range(25))
    members = "key,name,form,region\n" + rows
    finding = one(
        run_check(tmp_path, check(printed="f.n", table="members"), project("f.n,25,\n", members))
    )
    assert finding.details["counted"] == 25
    assert finding.details["rows"] == list(range(2, 12))  # lines 2..11: the first ten rows
    assert finding.details["rows_omitted"] == 15


def test_digit_slip_is_named(tmp_path):
    rows = "".join(f"members.m{i},M{i},Kommunalt,Nord\n" for i in range(18))
    members = "key,name,form,region\n" + rows
    finding = one(
        run_check(tmp_path, check(printed="f.n", table="members"), project("f.n,81,\n", members))
    )
    assert finding.outcome == Outcome.FAIL
    assert "byttet plass" in finding.text("nb")


@pytest.mark.parametrize(
    "args, reason",
    [
        ({"printed": "f.missing", "table": "members"}, "no row has the key"),
        ({"printed": "f.n", "table": "nosuch"}, "no usable table"),
        ({"printed": "f.n", "table": "members", "where": "{nosuch: x}"}, "no column"),
        ({"printed": "f.n", "table": "members", "contains": "{nosuch: x}"}, "no column"),
        ({"printed": "f.n", "table": "members", "distinct": "nosuch"}, "no column"),
        (
            {"printed": "f.n", "table": "members", "where": "{nosuch: x}", "match": "normalized"},
            "no column",
        ),
        ({"printed": "f.text", "table": "members"}, "not a number"),
    ],
)
def test_cannot_evaluate_is_an_error_finding(tmp_path, args, reason):
    finding = one(run_check(tmp_path, check(**args), project("f.n,6,\nf.text,mange,\n")))
    assert finding.outcome == Outcome.ERROR
    assert reason in finding.text("en")


@pytest.mark.parametrize(
    "extra",
    [
        {"contains": "{form: [kommunal, 3]}"},
        {"contains": "{form: {some: [x]}}"},
        {"contains": "{form: ''}"},
        {"distinct": "' '"},
        {"match": "fuzzy"},
        {"group_by": "[form]"},
    ],
)
def test_malformed_arguments_are_config_errors(tmp_path, extra):
    with pytest.raises(ConfigError, match="c.count"):
        run_check(tmp_path, check(printed="f.n", table="members", **extra), project("f.n,6,\n"))
