"""rank: a printed ordering against the printed values."""

from __future__ import annotations

import pytest

from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, one, run_check

SCHEMA = """\
    table: figures
    file: figures.csv
    columns:
      key: {type: text, required: true, unique: true}
      group: {type: text}
      value: {type: quantity}
      share: {type: quantity}
      quote: {type: text}
    """


def project(rows: str) -> dict[str, str]:
    return {
        "schemas/figures.yaml": SCHEMA,
        "inputs/2025/figures.csv": "key,group,value,share,quote\n" + rows,
    }


MONTHS = """\
f.des,month,31,,
f.apr,month,24,,
f.okt,month,19,,
f.mar,month,18,,
f.mai,month,12,,
f.ntb,paper,3,,
f.vg,paper,2,,
f.dagen,paper,2,,
"""


def check(**args) -> str:
    return check_yaml("c.rank", "rank", "Rangering", **args)


def test_correct_order_passes(tmp_path):
    finding = one(run_check(tmp_path, check(order="[f.des, f.apr, f.okt]"), project(MONTHS)))
    assert finding.outcome == Outcome.PASS
    assert finding.text("nb") == "rekkefølgen stemmer: f.des «31» > f.apr «24» > f.okt «19»"
    assert [loc.row for loc in finding.locations] == [2, 3, 4]


def test_swapped_order_fails_and_shows_the_values(tmp_path):
    finding = one(run_check(tmp_path, check(order="[f.des, f.okt, f.apr]"), project(MONTHS)))
    assert finding.outcome == Outcome.FAIL
    assert "f.okt «19» er ikke høyere enn f.apr «24»" in finding.text("nb")
    assert "f.okt «19» is not higher than f.apr «24»" in finding.text("en")
    assert finding.expected == "f.des «31» > f.okt «19» > f.apr «24»"
    assert finding.actual == "f.des «31» > f.apr «24» > f.okt «19»"
    assert finding.suggestion == "f.des «31» > f.apr «24» > f.okt «19»"


def test_every_pair_is_compared_not_only_neighbours(tmp_path):
    finding = one(run_check(tmp_path, check(order="[f.okt, f.des, f.apr]"), project(MONTHS)))
    assert finding.outcome == Outcome.FAIL
    text = finding.text("en")
    assert "f.okt «19» is not higher than f.des «31»" in text
    assert "f.okt «19» is not higher than f.apr «24»" in text
    assert "f.des «31» is not higher than" not in text


def test_tie_fails_when_the_claim_says_one_is_ahead(tmp_path):
    finding = one(run_check(tmp_path, check(order="[f.ntb, f.vg, f.dagen]"), project(MONTHS)))
    assert finding.outcome == Outcome.FAIL
    assert "f.vg «2» er ikke høyere enn f.dagen «2»" in finding.text("nb")
    assert finding.actual == "f.ntb «3» > f.vg «2» = f.dagen «2»"


def test_a_group_is_not_ordered_inside_but_against_the_rest(tmp_path):
    passes = one(run_check(tmp_path, check(order="[f.ntb, [f.vg, f.dagen]]"), project(MONTHS)))
    assert passes.outcome == Outcome.PASS
    assert "f.ntb «3» > (f.vg «2», f.dagen «2»)" in passes.text("nb")
    fails = one(run_check(tmp_path, check(order="[[f.ntb, f.vg], f.dagen]"), project(MONTHS)))
    assert fails.outcome == Outcome.FAIL
    assert "f.vg «2» er ikke høyere enn f.dagen «2»" in fails.text("nb")
    assert "f.ntb" not in fails.text("nb").split(", men ")[1]


def test_among_refs_an_unlisted_member_ahead_fails(tmp_path):
    rows = MONTHS.replace("f.mar,month,18", "f.mar,month,25")
    yaml = check(order="[f.des, f.apr, f.okt]", among="[f.des, f.apr, f.okt, f.mar, f.mai]")
    finding = one(run_check(tmp_path, yaml, project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert "f.mar «25», som ikke er nevnt, er høyere enn f.apr «24», f.okt «19»" in (
        finding.text("nb")
    )
    assert finding.suggestion == "f.des «31» > f.mar «25» > f.apr «24»"
    assert "inputs/2025/figures.csv:5:value" in [loc.label() for loc in finding.locations]


def test_among_table_where_passes_and_names_the_best_other(tmp_path):
    yaml = check(order="[f.des, f.apr, f.okt]", among="{table: figures, where: {group: month}}")
    finding = one(run_check(tmp_path, yaml, project(MONTHS)))
    assert finding.outcome == Outcome.PASS
    assert (
        "ingen av de 2 andre er høyere enn de nevnte, den høyeste av dem er f.mar «18»"
        in finding.text("nb")
    )
    assert finding.details["values"]["f.mai"] == "12"


def test_a_tie_with_an_unlisted_member_is_accepted(tmp_path):
    # "oktober på tredje plass" while March has as many: a shared place, not a contradiction
    rows = MONTHS.replace("f.mar,month,18", "f.mar,month,19")
    yaml = check(order="[f.des, f.apr, f.okt]", among="{table: figures, where: {group: month}}")
    finding = one(run_check(tmp_path, yaml, project(rows)))
    assert finding.outcome == Outcome.PASS
    assert "den høyeste av dem er f.mar «19»" in finding.text("nb")


def test_an_unlisted_rounded_value_fails_only_when_wholly_above(tmp_path):
    # 41 % (40.5-41.5) may equal 40,6 % (40.55-40.65); 42 % (41.5-42.5) is surely above it
    rows = 'f.a,x,"40,6 %",,\nf.b,x,41 %,,\n'
    yaml = check(order="[f.a]", among="[f.a, f.b]")
    assert one(run_check(tmp_path, yaml, project(rows))).outcome == Outcome.PASS
    finding = one(run_check(tmp_path, yaml, project(rows.replace("41 %", "42 %"))))
    assert finding.outcome == Outcome.FAIL
    assert "f.b «42 %», not listed, is higher than f.a «40,6 %»" in finding.text("en")


def test_one_item_claimed_the_top_of_a_set(tmp_path):
    yaml = check(order="[f.des]", among="{table: figures, where: {group: month}}")
    assert one(run_check(tmp_path, yaml, project(MONTHS))).outcome == Outcome.PASS
    yaml = check(order="[f.apr]", among="{table: figures, where: {group: month}}")
    assert one(run_check(tmp_path, yaml, project(MONTHS))).outcome == Outcome.FAIL


def test_among_with_another_column(tmp_path):
    rows = "f.a,x,1,40 %,\nf.b,x,2,35 %,\nf.c,x,3,50 %,\n"
    yaml = check(order="[f.a:share]", among="{table: figures, column: share}")
    finding = one(run_check(tmp_path, yaml, project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert "f.c:share «50 %», not listed, is higher than f.a:share «40 %»" in finding.text("en")


def test_ascending_claims_lowest_first(tmp_path):
    yaml = check(order="[f.mai, f.mar, f.okt]", descending="false")
    finding = one(run_check(tmp_path, yaml, project(MONTHS)))
    assert finding.outcome == Outcome.PASS
    assert "f.mai «12» < f.mar «18» < f.okt «19»" in finding.text("nb")
    yaml = check(order="[f.mar, f.mai]", descending="false")
    finding = one(run_check(tmp_path, yaml, project(MONTHS)))
    assert finding.outcome == Outcome.FAIL
    assert "f.mar «18» er ikke lavere enn f.mai «12»" in finding.text("nb")


def test_rounded_values_are_judged_by_their_intervals(tmp_path):
    # 49 % stands for 48.5-49.5, so it can be above 49,2 % (49.15-49.25); 48 % cannot.
    rows = 'f.a,x,49 %,,\nf.b,x,"49,2 %",,\nf.c,x,48 %,,\n'
    assert one(run_check(tmp_path, check(order="[f.a, f.b]"), project(rows))).outcome == (
        Outcome.PASS
    )
    finding = one(run_check(tmp_path, check(order="[f.c, f.b]"), project(rows)))
    assert finding.outcome == Outcome.FAIL
    assert finding.details["values"] == {"f.c": "[47,5, 48,5]", "f.b": "[49,15, 49,25]"}


@pytest.mark.parametrize(
    "args, reason",
    [
        ({"order": "[f.des, f.nosuch]"}, "no row has the key 'f.nosuch'"),
        ({"order": "[f.des, f.apr]", "among": "{table: nosuch}"}, "no usable table"),
        ({"order": "[f.des, f.apr]", "among": "{table: figures, column: share}"}, "is empty"),
        ({"order": "[f.des, f.apr]", "among": "[f.des, f.nosuch]"}, "no row has the key"),
    ],
)
def test_cannot_evaluate_is_an_error_finding(tmp_path, args, reason):
    finding = one(run_check(tmp_path, check(**args), project(MONTHS)))
    assert finding.outcome == Outcome.ERROR
    assert reason in finding.text("en")


@pytest.mark.parametrize(
    "args, message",
    [
        ({"order": "[f.des]"}, "at least two items"),
        ({"order": "[f.des, f.des]"}, "twice"),
        ({"order": "[f.des, [f.apr, f.des]]"}, "twice"),
        ({"order": "[f.des, 3]"}, "list of keys"),
        ({"order": "[f.des, []]"}, "list of keys"),
        ({"order": "f.des"}, "of type list"),
        ({"order": "[f.des, f.apr]", "among": "{table: figures, by: x}"}, "unknown key"),
        ({"order": "[f.des, f.apr]", "among": "{where: {group: x}}"}, "needs table"),
        ({"order": "[f.des, f.apr]", "among": "{table: figures, where: [x]}"}, "where must"),
        ({"order": "[f.des, f.apr]", "among": "f.mar"}, "list of keys or a mapping"),
        ({"order": "[f.des, f.apr]", "descending": "maybe"}, "of type bool"),
    ],
)
def test_malformed_arguments_are_config_errors(tmp_path, args, message):
    with pytest.raises(ConfigError, match=message):
        run_check(tmp_path, check(**args), project(MONTHS))
