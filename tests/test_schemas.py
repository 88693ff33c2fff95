import pytest

from kssqa.api import run
from kssqa.config import ConfigError
from kssqa.findings import Outcome, Severity

from .conftest import failing


def test_correct_data_passes_every_rule(project):
    report = run(project.config())
    assert report.failures() == []
    passed = {f.check_id for f in report.passes()}
    assert {
        "schema.figures.key.unique",
        "schema.figures.key.pattern",
        "schema.figures.date.within",
        "schema.figures.value.min",
        "schema.figures.unit.allowed",
        "schema.figures.email.email",
        "schema.figures.table.row_check.0",
        "schema.figures.table.unique_together.0",
    } <= passed
    assert report.exit_code() == 0


ROW = "figures.x,Media,14.1.2025,5,count,,q"


@pytest.mark.parametrize(
    "row, expected",
    [
        ("figures.x,,14.1.2025,5,count,,q", ("required", "section")),
        ("figures.a,Other,14.1.2025,5,count,,q", ("unique", "key")),
        ("Figures.X,Other,14.1.2025,5,count,,q", ("pattern", "key")),
        ("figures.x,Other,14.1.2025,5,kroner,,q", ("allowed", "unit")),
        ("figures.x,Other,14.1.2025,5,count,post@@x,q", ("email", "email")),
        ("figures.x,Other,14.1.2025,-5,count,,q", ("min", "value")),
        ("figures.x,Other,8.3.2026,5,count,,q", ("within", "date")),
        ("figures.x,Other,14.-10.3.2025,5,count,,q", ("range_order", "date")),
        ("figures.x,Other,23.-25.2025,5,count,,q", ("parse.date_month_missing", "date")),
        ("figures.x,Other,,140 20,count,,q", ("parse.digit_groups", "value")),
        ("figures.x,Other,,101 %,percent,,q", ("row_check.0", "value")),
        ("figures.x,Media,14.1.2025,5,count,,q", ("unique_together.0", None)),
    ],
)
def test_each_rule_fails_on_a_planted_error(project, row, expected):
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text() + row + "\n",
    )
    report = run(project.config())
    rule, column = expected
    found = failing(report)
    assert (rule, "figures.csv", 5, column) in found, found
    assert report.exit_code() == 1


def test_unique_together_names_both_lines(project):
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text() + ROW + "\n",
    )
    [finding] = [f for f in run(project.config()).failures() if "unique_together" in f.check_id]
    assert "2, 5" in finding.text("en")


def test_date_outside_year_suggests_the_year_fix(project):
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    [finding] = run(project.config()).failures()
    assert finding.suggestion == "8.3.2025"
    assert finding.locations[0].quote == "q"
    assert finding.locations[0].section == "Other"


def test_warning_severity_does_not_fail_the_run(project):
    project.write(
        "schemas/figures.yaml",
        project.root.joinpath("schemas/figures.yaml")
        .read_text()
        .replace("allowed: [count, percent]}", "allowed: [count], severity: warning}"),
    )
    report = run(project.config())
    [finding] = report.failures()
    assert finding.severity == Severity.WARNING
    assert report.exit_code() == 0
    assert report.exit_code(Severity.WARNING) == 1


def test_all_failures_of_all_tables_are_collected(project):
    project.write(
        "schemas/other.yaml", "table: other\nfile: other.csv\ncolumns:\n  n: {type: integer}\n"
    )
    project.write("inputs/2025/other.csv", 'n\n1\nx\n"2,5"\n')
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,-5,kroner,,q\n",
    )
    found = failing(run(project.config()))
    assert {
        ("within", "figures.csv", 5, "date"),
        ("min", "figures.csv", 5, "value"),
        ("allowed", "figures.csv", 5, "unit"),
        ("parse.not_a_number", "other.csv", 3, "n"),
        ("parse.not_integer", "other.csv", 4, "n"),
    } == found


@pytest.mark.parametrize(
    "schema, message",
    [
        ("table: t\nfile: t.csv\ncolumns:\n  a: {type: txt}\n", "unknown type"),
        ("table: t\nfile: t.csv\ncolumns:\n  a: {type: text, mni: 1}\n", "unknown option"),
        ("table: t\nfile: t.csv\ncolumns:\n  a: {type: text, min: 1}\n", "does not apply"),
        (
            "table: t\nfile: t.csv\ncolumns:\n  a: {type: text, pattern: '('}\n",
            "regular expression",
        ),
        ("table: t\nfile: t.csv\ncolums:\n  a: {type: text}\n", "unknown key"),
        ("table: t\ncolumns:\n  a: {type: text}\n", "file is required"),
        ("table: t\nfile: t.csv\ncolumns:\n  a: {type: date, within: 2025}\n", "within"),
        ("table: t\nfile: t.csv\ncolumns: [1, 2\n", "not valid YAML"),
        ("!!python/object/apply:os.system ['true']\n", "not valid YAML"),
    ],
)
def test_schema_errors_stop_before_reading_data(project, schema, message):
    project.write("schemas/bad.yaml", schema)
    with pytest.raises(ConfigError) as error:
        run(project.config())
    assert message in str(error.value)
    assert "bad.yaml" in str(error.value)


def test_schema_column_missing_from_file_blocks_only_that_table(project):
    project.write(
        "schemas/other.yaml",
        "table: other\nfile: other.csv\ncolumns:\n  n: {type: integer}\n  m: {type: text}\n",
    )
    project.write("inputs/2025/other.csv", "n,x\n1,2\n")
    report = run(project.config())
    found = {(f.check_id, f.outcome) for f in report.failures()}
    assert found == {
        ("schema.other.m.column_missing", Outcome.ERROR),
        ("schema.other.x.column_undeclared", Outcome.ERROR),
    }
    assert report.exit_code() == 2
    assert any(f.check_id.startswith("schema.figures.") for f in report.passes())


def test_unreadable_file_blocks_but_others_are_still_checked(project):
    project.write(
        "schemas/other.yaml", "table: other\nfile: other.csv\ncolumns:\n  n: {type: integer}\n"
    )
    project.write("inputs/2025/other.csv", "n;m\n1;2\n")
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    report = run(project.config())
    assert ("within", "figures.csv", 5, "date") in failing(report)
    assert ("input.one_column", 1) in {(f.check_id, f.locations[0].row) for f in report.failures()}
    assert report.exit_code() == 2


def test_csv_without_schema_is_reported(project):
    project.write("inputs/2025/stray.csv", "a\n1\n")
    [finding] = run(project.config()).failures()
    assert finding.check_id == "input.no_schema"
    assert finding.severity == Severity.WARNING


MONTHS_SCHEMA = """\
table: happenings
file: happenings.csv
columns:
  key: {type: text, required: true, unique: true}
  date: {type: date, allow_range: true, default_year: reporting_year, within: reporting_year}
"""


def test_default_year_reads_a_month_printed_without_a_year(project):
    project.write("schemas/happenings.yaml", MONTHS_SCHEMA)
    project.write("inputs/2025/happenings.csv", "key,date\nh.a,juni\nh.b,mars 2026\n")
    report = run(project.config())
    [finding] = [f for f in report.failures() if "happenings" in f.check_id]
    assert (finding.locations[0].row, finding.actual) == (3, "mars 2026")  # outside 2025
    # without default_year the month alone cannot be read
    project.write(
        "schemas/happenings.yaml", MONTHS_SCHEMA.replace(" default_year: reporting_year,", "")
    )
    [finding] = [
        f
        for f in run(project.config()).failures()
        if "happenings" in f.check_id and f.locations[0].row == 2
    ]
    assert "the month has no year" in finding.text("en")


def test_default_year_must_be_reporting_year_or_a_year(project):
    project.write(
        "schemas/happenings.yaml", MONTHS_SCHEMA.replace("reporting_year,", "next_year,", 1)
    )
    project.write("inputs/2025/happenings.csv", "key,date\nh.a,juni\n")
    with pytest.raises(ConfigError, match="default_year must be reporting_year or a year"):
        run(project.config())


SHARES_SCHEMA = """
table: shares
file: shares.csv
columns:
  key: {type: text, required: true, unique: true}
  value: {type: percent, required: true, exclusive_min: 0, exclusive_max: 100}
  count: {type: integer, min: 0}
"""


@pytest.mark.parametrize(
    ("value", "count", "expected"),
    [
        ("0 %", "0", {("exclusive_min", "shares.csv", 2, "value")}),  # 0 is not above 0
        ("100 %", "0", {("exclusive_max", "shares.csv", 2, "value")}),  # 100 is not below 100
        ("0,5 %", "0", set()),  # min 0 lets 0 through; exclusive_min does not
        ("99,9 %", "3", set()),
    ],
)
def test_exclusive_bounds_reject_the_bound_itself(project, value, count, expected):
    project.write("schemas/shares.yaml", SHARES_SCHEMA)
    project.write("inputs/2025/shares.csv", f'key,value,count\nshares.a,"{value}",{count}\n')
    report = run(project.config())
    found = {f for f in failing(report) if f[1] == "shares.csv"}
    assert found == expected
    for finding in report.failures():
        if "exclusive_min" in finding.check_id:
            assert finding.expected == "> 0"
            assert "is not above 0" in finding.text("en")


def test_exclusive_bounds_apply_to_numbers_only(project):
    project.write(
        "schemas/shares.yaml",
        SHARES_SCHEMA.replace("count: {type: integer", "count: {type: text").replace(
            "min: 0}", "exclusive_min: 0}"
        ),
    )
    project.write("inputs/2025/shares.csv", "key,value,count\nshares.a,5 %,x\n")
    with pytest.raises(ConfigError, match="option 'exclusive_min' does not apply to type 'text'"):
        run(project.config())


def test_a_large_duplicate_group_is_built_once(project, monkeypatch):
    # found by the long fuzz profile: a key column holding one value in 640 rows took 36 s,
    # every member of the group building the whole group's locations again
    from kssqa import schemas

    header = "key,section,date,value,unit,email,quote\n"
    rows = "".join(f"figures.same,S{i % 7},,{i},count,,q\n" for i in range(300))
    project.write("inputs/2025/figures.csv", header + rows)
    calls = []
    real = schemas._Context.location
    monkeypatch.setattr(
        schemas._Context, "location", lambda self, *a: calls.append(a) or real(self, *a)
    )
    report = run(project.config())
    [unique] = [f for f in report.failures() if f.check_id == "schema.figures.key.unique"]
    assert len(unique.locations) == 300
    groups = [f for f in report.failures() if "unique_together" in f.check_id]
    assert len(groups) == 7  # section, unit, date: one group per section
    assert all(len(group.locations) in (42, 43) for group in groups)  # empty dates are equal
    assert len(calls) < 5 * 300  # linear, not 300 x 300


REQUIRED_RULES_SCHEMA = """\
table: log
file: log.csv
columns:
  id: {type: text, required: true, unique: true, pattern: '^K[0-9]+$'}
  channel: {type: text, required: true, allowed: [telefon, chat]}
  note: {type: text, allowed: [ja, nei]}
"""


def test_an_empty_required_cell_is_one_required_finding_not_one_per_rule(project):
    """Pandera judges a required column's empty cells too (no search for them first); they
    are reported once, as required, and the other rules judge the printed cells: the same
    findings as when pandera left the empty cells out."""
    project.write("schemas/log.yaml", REQUIRED_RULES_SCHEMA)
    rows = "id,channel,note\nK1,telefon,ja\n,chat,\n,,nei\nK1,sms,\nX9,chat,kanskje\n"
    project.write("inputs/2025/log.csv", rows)
    found = {f for f in failing(run(project.config())) if f[1] == "log.csv"}
    assert found == {
        ("required", "log.csv", 3, "id"),
        ("required", "log.csv", 4, "id"),
        ("required", "log.csv", 4, "channel"),
        ("unique", "log.csv", 2, "id"),
        ("unique", "log.csv", 5, "id"),
        ("allowed", "log.csv", 5, "channel"),
        ("pattern", "log.csv", 6, "id"),
        ("allowed", "log.csv", 6, "note"),
    }
