import pytest

from kssqa.findings import Outcome

from .helpers import outcomes, run_check

SCHEMA = """\
table: t
file: t.csv
columns:
  key: {type: text, required: true, unique: true}
  cohort: {type: text}
  form: {type: text}
  gender: {type: text}
  value: {type: quantity}
"""


def files(rows: str) -> dict[str, str]:
    return {"schemas/t.yaml": SCHEMA, "inputs/2025/t.csv": "key,cohort,form,gender,value\n" + rows}


EXPLICIT = """\
checks:
  - id: s
    kind: sum
    title: t
    total: t.total
    parts: [t.a, t.b, t.c]
"""


def test_explicit_sum_passes_and_fails(tmp_path):
    ok = "t.total,,,,6647\nt.a,,,,4950\nt.b,,,,1697\nt.c,,,,0\n"
    [finding] = run_check(tmp_path / "ok", EXPLICIT, files(ok))
    assert finding.outcome == Outcome.PASS
    assert "4950 + 1697 + 0 = 6,647" in finding.text("en")

    bad = "t.total,,,,6647\nt.a,,,,4950\nt.b,,,,1679\nt.c,,,,0\n"
    [finding] = run_check(tmp_path / "bad", EXPLICIT, files(bad))
    assert finding.outcome == Outcome.FAIL
    assert finding.expected == "6\u00a0629" and finding.actual == "6647"
    assert finding.difference == "18"
    assert finding.suggestion == "«1679» → «1697»"  # two digits swapped in a part
    assert "two digits look swapped" in finding.text("en")


def test_total_with_dropped_digit_is_named(tmp_path):
    rows = "t.total,,,,647\nt.a,,,,4950\nt.b,,,,1697\nt.c,,,,0\n"
    [finding] = run_check(tmp_path, EXPLICIT, files(rows))
    assert finding.outcome == Outcome.FAIL
    assert finding.suggestion == "«647» → «6647»"
    assert "dropped" in finding.text("en")


def test_rounded_parts_are_judged_by_their_rounding(tmp_path):
    # 33,3 % three times is 99.9 but each stands for 33.25..33.35: 100 is reachable.
    rows = 't.total,,,,100\nt.a,,,,"33,3 %"\nt.b,,,,"33,3 %"\nt.c,,,,"33,3 %"\n'
    [finding] = run_check(tmp_path / "ok", EXPLICIT, files(rows))
    assert finding.outcome == Outcome.PASS
    rows = 't.total,,,,100\nt.a,,,,"33,2 %"\nt.b,,,,"33,3 %"\nt.c,,,,"33,3 %"\n'
    [finding] = run_check(tmp_path / "bad", EXPLICIT, files(rows))
    assert finding.outcome == Outcome.FAIL


def test_tolerance(tmp_path):
    check = EXPLICIT + "    tolerance: 2\n"
    rows = "t.total,,,,100\nt.a,,,,50\nt.b,,,,30\nt.c,,,,18\n"
    [finding] = run_check(tmp_path, check, files(rows))
    assert finding.outcome == Outcome.PASS and finding.tolerance == "2"


def test_unknown_key_cannot_be_evaluated(tmp_path):
    rows = "t.total,,,,6\nt.a,,,,1\nt.b,,,,2\n"
    [finding] = run_check(tmp_path, EXPLICIT, files(rows))
    assert finding.outcome == Outcome.ERROR
    assert "t.c" in finding.text("en")


def test_unparseable_part_cannot_be_evaluated(tmp_path):
    rows = "t.total,,,,6\nt.a,,,,1\nt.b,,,,2\nt.c,,,,\n"
    [finding] = run_check(tmp_path, EXPLICIT, files(rows))
    assert finding.outcome == Outcome.ERROR
    assert "empty" in finding.text("en")


GROUPED = """\
checks:
  - id: g
    kind: sum
    title: t
    table: t
    group_by: [cohort]
    total_where: {form: ""}
    parts_where: {form: [a, b]}
"""


def test_grouped_sum_one_finding_per_group(tmp_path):
    rows = "k1,x,,,10\nk2,x,a,,4\nk3,x,b,,6\nk4,y,,,10\nk5,y,a,,4\nk6,y,b,,5\n"
    findings = run_check(tmp_path, GROUPED, files(rows))
    assert outcomes(findings) == [Outcome.PASS, Outcome.FAIL]
    assert findings[1].text("en").startswith("cohort=y")


def test_grouped_sum_refuses_to_guess_between_two_totals(tmp_path):
    rows = "k1,x,,,10\nk0,x,,,11\nk2,x,a,,4\nk3,x,b,,6\n"
    [finding] = run_check(tmp_path, GROUPED, files(rows))
    assert finding.outcome == Outcome.ERROR
    assert "2 rows match total_where" in finding.text("en")


CROSSTAB = """\
checks:
  - id: x
    kind: sum
    title: t
    table: t
    group_by: [cohort]
    rows: form
    columns: gender
"""

CROSS_ROWS = """\
n.total,nye,,,31
n.p,nye,prostitusjon,,23
n.p.k,nye,prostitusjon,kvinner,21
n.p.m,nye,prostitusjon,menn,1
n.p.t,nye,prostitusjon,trans,1
n.t,nye,tvangsarbeid,,7
n.t.k,nye,tvangsarbeid,kvinner,4
n.t.m,nye,tvangsarbeid,menn,2
n.t.t,nye,tvangsarbeid,trans,1
n.b,nye,blanding,,1
n.b.k,nye,blanding,kvinner,1
n.k,nye,,kvinner,26
n.m,nye,,menn,3
n.tr,nye,,trans,2
"""


def test_crosstab_checks_every_printed_margin(tmp_path):
    findings = run_check(tmp_path, CROSSTAB, files(CROSS_ROWS))
    # 3 row margins + 3 column margins + grand total from rows + from columns
    assert len(findings) == 8
    assert set(outcomes(findings)) == {Outcome.PASS}


def test_crosstab_finds_a_wrong_cell(tmp_path):
    rows = CROSS_ROWS.replace("n.t.m,nye,tvangsarbeid,menn,2", "n.t.m,nye,tvangsarbeid,menn,3")
    findings = run_check(tmp_path, CROSSTAB, files(rows))
    failed = [f for f in findings if f.outcome == Outcome.FAIL]
    labels = {f.text("en").split(" ")[1].rstrip(":") for f in failed}
    assert labels == {"tvangsarbeid", "menn"}
    assert all(f.text("en").startswith("cohort=nye: ") for f in failed)


@pytest.mark.parametrize(
    "check, column",
    [
        (GROUPED.replace("group_by: [cohort]", "group_by: ['']"), "''"),
        (GROUPED.replace("group_by: [cohort]", "group_by: [kohort]"), "'kohort'"),
        (CROSSTAB.replace("rows: form", "rows: nope"), "'nope'"),
        (CROSSTAB.replace("columns: gender", "columns: kjønn"), "'kjønn'"),
    ],
)
def test_a_column_the_table_lacks_cannot_be_evaluated(tmp_path, check, column):
    # found by tests/test_fuzz_checks.py: a KeyError from pandas ended the run
    [finding] = run_check(tmp_path, check, files("k1,x,,,10\nk2,x,a,,10\n"))
    assert finding.outcome == Outcome.ERROR
    assert f"table 't' has no column {column}" in finding.text("en")


def test_a_decimal_limit_is_a_check_that_cannot_be_evaluated(tmp_path, monkeypatch):
    # the last line of defence: a computation beyond Decimal's limits ends one check, not the run
    from decimal import Overflow

    from kssqa.kinds.sum import SumKind

    def overflow(*args, **kwargs):
        raise Overflow("exponent too large")

    monkeypatch.setattr(SumKind, "reconcile", overflow)
    [finding] = run_check(tmp_path, GROUPED, files("k1,x,,,10\nk2,x,a,,4\nk3,x,b,,6\n"))
    assert finding.outcome == Outcome.ERROR
    assert "a computation with these figures failed (Overflow)" in finding.text("en")
