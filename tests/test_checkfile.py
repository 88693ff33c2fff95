import pytest

from kssqa.checkfile import load_checks, parse_check, select
from kssqa.config import ConfigError
from kssqa.findings import Severity


def test_a_valid_check_is_loaded_with_defaults():
    check = parse_check(
        {"id": "a.b", "kind": "sum", "title": "T", "total": "x.t", "parts": ["x.a"]}, "f.yaml"
    )
    assert check.severity == Severity.ERROR
    assert check.args["tolerance"] == 0 and check.args["parts"] == ["x.a"]


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"id": "a", "kind": "summ", "title": "T"}, "did you mean sum"),
        ({"id": "a", "kind": "sum", "title": "T", "total": "x"}, "total and parts go together"),
        (
            {"id": "a", "kind": "sum", "title": "T", "total": "x", "parts": "y"},
            "must be of type refs",
        ),
        ({"id": "a", "kind": "sum", "title": "T", "totl": "x", "parts": ["y"]}, "unknown argument"),
        ({"id": "A B", "kind": "sum", "title": "T"}, "check id"),
        ({"id": "a", "kind": "sum", "total": "x", "parts": ["y"]}, "title is required"),
        ({"id": "a", "kind": "sum", "title": "T", "severity": "fatal"}, "severity"),
        ("just text", "must be a mapping"),
    ],
)
def test_bad_checks_are_configuration_errors(raw, message):
    with pytest.raises(ConfigError) as error:
        parse_check(raw, "checks/x.yaml")
    assert message in str(error.value)
    assert "checks/x.yaml" in str(error.value)


def test_duplicate_ids_across_files(tmp_path):
    check = "checks:\n  - {id: a, kind: sum, title: T, total: x, parts: [y]}\n"
    (tmp_path / "one.yaml").write_text(check)
    (tmp_path / "two.yaml").write_text(check)
    with pytest.raises(ConfigError) as error:
        load_checks(tmp_path)
    assert "also used in" in str(error.value)


def test_unsafe_yaml_is_refused(tmp_path):
    (tmp_path / "evil.yaml").write_text("checks: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ConfigError) as error:
        load_checks(tmp_path)
    assert "not valid YAML" in str(error.value)


def test_select_by_id_and_kind():
    checks = [
        parse_check({"id": i, "kind": "sum", "title": "T", "total": "x", "parts": ["y"]}, "f")
        for i in ("a", "b")
    ]
    assert [c.id for c in select(checks, ("a",), ())] == ["a"]
    assert [c.id for c in select(checks, ("sum",), ("b",))] == ["a"]
    assert select(checks, (), ("sum",)) == []
    with pytest.raises(ConfigError) as error:
        select(checks, ("c",), ())
    assert "neither a check id nor a kind" in str(error.value)


def test_a_check_may_carry_an_english_title():
    raw = {"id": "x.y", "kind": "rule", "title": "Tallene stemmer", "expr": "a == b"}
    check = parse_check({**raw, "title_en": "The figures agree"}, "checks/x.yaml")
    assert check.title_in("en") == "The figures agree"
    assert check.title_in("nb") == "Tallene stemmer"
    assert parse_check(raw, "checks/x.yaml").title_in("en") == "Tallene stemmer"  # falls back
    with pytest.raises(ConfigError, match="title_en"):
        parse_check({**raw, "title_en": ["no"]}, "checks/x.yaml")
