"""names with an authority: an official list of spellings anchors the groups."""

from __future__ import annotations

import pytest

from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome
from kssqa.kinds.names import DOC
from kssqa.spelling import group_spellings

from .helpers import run_check
from .test_names import SCHEMA, mentions_csv

REGISTER = "- Krisesenter for Bergen og omegn\n- Krisesenteret i Trondheim\n- Alta krisesenter\n"


def check(authority: str = "[{file: lists/register.yaml}]") -> str:
    lines = [
        "checks:",
        "  - id: names.consistent",
        "    kind: names",
        "    title: Navn staves likt",
        "    severity: warning",
        "    columns: [{table: mentions, column: name}]",
    ]
    if authority:
        lines.append(f"    authority: {authority}")
    return "\n".join(lines) + "\n"


def run(tmp_path, names: list[str], authority: str = "[{file: lists/register.yaml}]", **files):
    project = {
        "schemas/mentions.yaml": SCHEMA,
        "inputs/2025/mentions.csv": mentions_csv(names),
        "checks/lists/register.yaml": REGISTER,
        **files,
    }
    return run_check(tmp_path, check(authority), project)


def failures(findings):
    return [f for f in findings if f.outcome == Outcome.FAIL]


def test_a_name_misspelt_in_its_only_occurrence_is_found_against_the_authority(tmp_path):
    names = ["Kriesesenteret i Trondheim", "Ane Fossum", "Silje Heitmann"]
    # without an authority nothing is like it: no finding
    assert {f.outcome for f in run(tmp_path / "plain", names, authority="")} == {Outcome.PASS}
    [fail] = failures(run(tmp_path / "anchored", names))
    assert fail.actual == "Kriesesenteret i Trondheim"
    assert fail.suggestion == "Krisesenteret i Trondheim"
    assert fail.details["authority"] == "lists/register.yaml"
    assert fail.details["reference_count"] == 0  # the report never prints it right
    en = fail.text("en")
    assert "is probably «Krisesenteret i Trondheim», as lists/register.yaml spells the name" in en
    assert "one letter too many" in en
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/mentions.csv:2:name"]


def test_the_authority_is_suggested_where_the_slip_is_the_majority(tmp_path):
    names = ["Kriesesenter for Bergen og omegn"] * 4 + ["Krisesenter for Bergen og omegn"]
    [plain] = failures(run(tmp_path / "plain", names, authority=""))
    assert plain.suggestion == "Kriesesenter for Bergen og omegn"  # the majority, wrong
    [fail] = failures(run(tmp_path / "anchored", names))
    assert fail.actual == "Kriesesenter for Bergen og omegn"
    assert fail.suggestion == "Krisesenter for Bergen og omegn"
    assert "«Krisesenter for Bergen og omegn» ×1, «Kriesesenter for Bergen og omegn» ×4" in (
        fail.text("en")
    )


def test_names_as_the_authority_spells_them_pass_case_aside(tmp_path):
    names = ["Alta Krisesenter", "Alta Krisesenter", "Krisesenteret i Trondheim", "Ane Fossum"]
    [finding] = run(tmp_path, names)
    assert finding.outcome == Outcome.PASS
    assert "none differs from the 3 names of lists/register.yaml" in finding.text("en")
    assert "ingen avviker fra de 3 navnene i lists/register.yaml" in finding.text("nb")


def test_case_variants_of_an_authority_name_are_a_spelling_group_as_before(tmp_path):
    names = ["Alta Krisesenter", "Alta Krisesenter", "Alta krisesenter"]
    [fail] = failures(run(tmp_path, names))
    # the report's most frequent form is kept; the authority decides letters, not case
    assert fail.actual == "Alta krisesenter" and fail.suggestion == "Alta Krisesenter"


def test_a_column_is_an_authority_too(tmp_path):
    board = (
        "key,section,person,organisation,quote\n"
        "board.1,Styret,Heidi Olden Eng,Gjøvik krisesenter IKS,Heidi Olden Eng\n"
    )
    schema = (
        "table: board\nfile: board.csv\ncolumns:\n"
        "  key: {type: text, required: true, unique: true}\n"
        "  section: {type: text}\n  person: {type: text}\n  organisation: {type: text}\n"
        "  quote: {type: text}\n"
    )
    names = ["Heidi Olden Enge", "Heidi Olden Enge", "Ane Fossum"]
    files = {"schemas/board.yaml": schema, "inputs/2025/board.csv": board}
    [fail] = failures(run(tmp_path, names, "[{table: board, column: person}]", **files))
    assert fail.actual == "Heidi Olden Enge" and fail.suggestion == "Heidi Olden Eng"
    assert "as board.person spells the name" in fail.text("en")


def test_two_names_of_the_authority_are_never_one_group():
    grouping = group_spellings(
        {"Høgskulen i Volda": 3, "Høgskulen i Molde": 1, "Høgskulen i Voldda": 1},
        authority={"Høgskulen i Volda": "register", "Høgskulen i Molde": "register"},
    )
    [group] = grouping.groups
    assert group.reference.text == "Høgskulen i Volda"
    assert [v.text for v in group.variants] == ["Høgskulen i Voldda"]
    assert group.authority == "register"


def test_a_genitive_of_an_authority_name_is_not_a_finding():
    grouping = group_spellings(
        {"Krisesentersekretariatets": 2, "Ksisesentersekretariatets": 1},
        authority={"Krisesentersekretariatet": "register"},
    )
    [group] = grouping.groups
    assert group.reference.text == "Krisesentersekretariatet"
    assert [v.text for v in group.variants] == ["Ksisesentersekretariatets"]


def test_the_doc_example_finds_the_slip_only_the_authority_knows(tmp_path):
    example = DOC.example_fails
    found = {
        f.actual: f.suggestion for f in failures(run_check(tmp_path, example.check, example.files))
    }
    assert found["Alta Kriesesenter"] == "Alta krisesenter"
    assert found["Silje Heitman"] == "Silje Heitmann"


@pytest.mark.parametrize(
    ("authority", "message"),
    [
        ("[{file: ''}]", "file must name a YAML file"),
        ("[{table: board}]", "needs table and column"),
        ("[{file: a.yaml, table: b}]", "needs table and column"),
    ],
)
def test_malformed_authority_is_a_configuration_error(authority, message):
    import yaml

    raw = yaml.safe_load(check(authority))["checks"][0]
    with pytest.raises(ConfigError, match=message):
        parse_check(raw, "checks/names.yaml")


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{a: 1}\n", "must be a list of names"), ("[1, 2]\n", "must be a list of names")],
)
def test_an_authority_file_that_is_no_list_of_names_cannot_be_evaluated(tmp_path, text, reason):
    findings = run(tmp_path, ["Ane Fossum"], **{"checks/lists/register.yaml": text})
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert reason in findings[0].text("en")


def test_a_missing_authority_file_cannot_be_evaluated(tmp_path):
    findings = run(tmp_path, ["Ane Fossum"], authority="[{file: lists/nowhere.yaml}]")
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert "the authority lists/nowhere.yaml does not exist" in findings[0].text("en")
