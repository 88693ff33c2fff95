"""rule: a safe expression over figure keys, judged with interval arithmetic."""

from __future__ import annotations

import ast
import builtins
import inspect

import pytest

import kssqa.expr
import kssqa.kinds.rule
from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome

from .helpers import check_yaml, one, run_check

SCHEMA = """\
    table: figures
    file: figures.csv
    columns:
      key: {type: text, required: true, unique: true}
      value: {type: quantity}
      grant: {type: amount}
    """

ROWS = """\
f.applied,kr 3 413 630,
f.granted,kr 2 882 630,
f.below,drøyt kr 500 000,
f.phone,38,
f.chat,32,
f.share,49 %,
f.share2,"48,6 %",
f.zero,0,
f.project,,kr 1 000
"""


def project(rows: str = ROWS) -> dict[str, str]:
    return {
        "schemas/figures.yaml": SCHEMA,
        "inputs/2025/figures.csv": "key,value,grant\n" + rows,
    }


def check(expr: str) -> str:
    return check_yaml("c.rule", "rule", "Regel", expr=f"'{expr}'")


def run(tmp_path, expr: str, rows: str = ROWS):
    return one(run_check(tmp_path, check(expr), project(rows)))


def test_true_rule_passes_and_shows_values_and_sides(tmp_path):
    finding = run(tmp_path, "f.applied - f.granted == f.below")
    assert finding.outcome == Outcome.PASS
    assert finding.text("nb") == (
        "f.applied - f.granted == f.below holder: f.applied = «kr 3 413 630», "
        "f.granted = «kr 2 882 630», f.below = «drøyt kr 500 000» [500\u00a0000, 550\u00a0000]; "
        "f.applied - f.granted = 531\u00a0000 == f.below = [500\u00a0000, 550\u00a0000] (sann)"
    )
    assert finding.actual == "531\u00a0000"
    assert finding.expected == "== [500\u00a0000, 550\u00a0000]"
    assert [loc.row for loc in finding.locations] == [2, 3, 4]


def test_planted_error_fails_with_the_gap(tmp_path):
    rows = ROWS.replace("kr 3 413 630", "kr 3 282 630")
    finding = run(tmp_path, "f.applied - f.granted == f.below", rows)
    assert finding.outcome == Outcome.FAIL
    # said in words: what is printed, and what the other side of the rule makes of the rest
    assert finding.text("en").startswith(
        "printed «drøyt kr 500 000» (f.below), but f.applied - f.granted gives 400,000"
    )
    assert "men f.applied - f.granted gir 400\u00a0000" in finding.text("nb")
    assert finding.actual == "drøyt kr 500 000"  # printed
    assert finding.expected == "400\u00a0000"  # what the other figures imply
    assert finding.difference == "100\u00a0000"


def test_rounded_percentages_are_intervals(tmp_path):
    # 49 % is 48.5-49.5 and 48,6 % is 48.55-48.65: they can be equal, but 49 % can't be < 48
    assert run(tmp_path, "f.share == f.share2").outcome == Outcome.PASS
    finding = run(tmp_path, "f.share < 48")
    assert finding.outcome == Outcome.FAIL
    assert finding.text("nb") == (
        "trykt «49 %» (f.share), men regelen f.share < 48 krever at det er under 48"
    )
    assert finding.difference == "0,5"


def test_boolean_combination_shows_every_comparison(tmp_path):
    finding = run(tmp_path, "f.phone / (f.phone + f.chat) > 0.5 and not f.chat > f.phone")
    assert finding.outcome == Outcome.PASS
    text = finding.text("en")
    assert "f.phone / (f.phone + f.chat) = 0,54 > 0.5 (true)" in text
    assert "f.chat = 32 > f.phone = 38 (false)" in text
    assert finding.actual is None  # no single top-level comparison
    failing = run(tmp_path, "f.phone < f.chat or f.chat == 0")
    assert failing.outcome == Outcome.FAIL
    assert failing.details["result"] == "false"


def test_functions_columns_and_braces(tmp_path):
    finding = run(tmp_path, "abs(f.chat - f.phone) <= 6 and max(f.chat, {f.phone}) == 38")
    assert finding.outcome == Outcome.PASS
    assert run(tmp_path, "sum(f.phone, f.chat) == 70").outcome == Outcome.PASS
    assert run(tmp_path, "min(f.phone, f.chat) > 32").outcome == Outcome.FAIL
    column = run(tmp_path, "f.project:grant == 1000")
    assert column.outcome == Outcome.PASS
    assert "f.project:grant = «kr 1 000»" in column.text("nb")


@pytest.mark.parametrize(
    "expr, reason",
    [
        ("f.phone + f.nosuch == 70", "no row has the key 'f.nosuch'"),
        ("f.phone:nosuch == 38", "has no column 'nosuch'"),
        ("f.project == 1", "f.project is empty"),
        ("f.phone / f.zero > 1", "division by an interval that contains zero"),
        # a Python attribute name is only ever a key to look up, never evaluated
        ("__class__ == 1", "no row has the key '__class__'"),
    ],
)
def test_cannot_evaluate_is_an_error_finding(tmp_path, expr, reason):
    finding = run(tmp_path, expr)
    assert finding.outcome == Outcome.ERROR
    assert reason in finding.text("en")


def raw(expr):
    return {"id": "c.rule", "kind": "rule", "title": "Regel", "expr": expr}


def test_parsed_at_load_time():
    spec = parse_check(raw("f.a + f.b == f.c"), "checks/x.yaml")
    assert spec.parsed["expr"] == ("==", ("+", ("ref", "f.a"), ("ref", "f.b")), ("ref", "f.c"))


@pytest.mark.parametrize(
    "expr, message",
    [
        ("f.a + == f.b", "unexpected"),
        ("f.a == (f.b", "expected '\\)'"),
        ("f.a === f.b", "unexpected"),
        ("f.a + f.b", "a rule must be a comparison"),
        ("f.a and f.b", "«f.a» is a number, but 'and' needs a comparison"),
        ("(f.a > f.b) + 1 == 2", "is a comparison, but '\\+' needs a number"),
        ("not f.a", "'not' needs a comparison"),
        ("abs(f.a, f.b) == 1", "abs takes one argument"),
        ("len(f.a) == 1", "unknown function 'len'"),
        ("__import__('os')", "unexpected character"),
        ("__import__(os) == 0", "unknown function '__import__'"),
        ("f.a.__class__ == 1; import os", "unexpected character"),
        ("", "must be of type expr"),
    ],
)
def test_malformed_expression_is_a_config_error_at_load(expr, message):
    with pytest.raises(ConfigError, match=message) as error:
        parse_check(raw(expr), "checks/x.yaml")
    assert "checks/x.yaml" in str(error.value) and "c.rule" in str(error.value)


def test_malformed_expression_stops_the_run(tmp_path):
    with pytest.raises(ConfigError, match="expr"):
        run_check(tmp_path, check("f.phone >"), project())


def test_no_python_eval_happens(tmp_path, monkeypatch):
    # static: neither the parser nor the kind calls eval, exec, compile or __import__
    for module in (kssqa.expr, kssqa.kinds.rule):
        tree = ast.parse(inspect.getsource(module))
        called = {
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not called & {"eval", "exec", "compile", "__import__"}, module.__name__
    # dynamic: a whole run with eval/exec of source text forbidden still evaluates the rule
    real_eval, real_exec = builtins.eval, builtins.exec

    def guard(real):
        def guarded(source, *args, **kwargs):
            assert not isinstance(source, str), f"Python evaluated {source!r}"
            return real(source, *args, **kwargs)

        return guarded

    monkeypatch.setattr(builtins, "eval", guard(real_eval))
    monkeypatch.setattr(builtins, "exec", guard(real_exec))
    assert run(tmp_path, "f.phone + f.chat == 70").outcome == Outcome.PASS
    assert run(tmp_path, "f.phone + f.chat == 71").outcome == Outcome.FAIL


# --- tolerance, strict comparisons and round() --------------------------------------------


def run_with(tmp_path, expr: str, rows: str = ROWS, **args):
    text = check_yaml("c.rule", "rule", "Regel", expr=f"'{expr}'", **args)
    return one(run_check(tmp_path, text, project(rows)))


@pytest.mark.parametrize(
    ("tolerance", "expected"),
    [(None, Outcome.FAIL), (5, Outcome.FAIL), (6, Outcome.PASS)],
)
def test_a_tolerance_lets_the_sides_differ_by_that_much(tmp_path, tolerance, expected):
    """38 calls and 32 chats: equal within 6, not within 5."""
    args = {} if tolerance is None else {"tolerance": tolerance}
    finding = run_with(tmp_path, "f.phone == f.chat", **args)
    assert finding.outcome == expected
    if expected == Outcome.PASS:
        assert f"f.phone = 38 == f.chat = 32 ±{tolerance}" in finding.text("en")
    elif tolerance:
        assert "but f.phone gives 38 (f.phone = «38»)" in finding.text("en")
        assert finding.text("en").endswith(f"needs them equal ±{tolerance}")
    if tolerance:
        assert finding.tolerance == f"avrunding av trykte tall og ±{tolerance}"
        assert finding.value("tolerance", "en") == f"rounding of printed figures and ±{tolerance}"


@pytest.mark.parametrize(
    ("expr", "tolerance", "expected"),
    [
        ("f.phone < f.chat", 6, Outcome.FAIL),  # 38 < 38: strictly, no
        ("f.phone < f.chat", 7, Outcome.PASS),
        ("f.phone <= f.chat", 6, Outcome.PASS),
        ("f.phone != f.chat", 6, Outcome.FAIL),  # they differ by 6: not more than 6
        ("f.phone != f.chat", 5, Outcome.PASS),
    ],
)
def test_tolerance_in_every_comparison(tmp_path, expr, tolerance, expected):
    assert run_with(tmp_path, expr, tolerance=tolerance).outcome == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("f.phone < 38", Outcome.FAIL),  # strict: 38 is not below 38
        ("f.phone <= 38", Outcome.PASS),
        ("f.phone > 38", Outcome.FAIL),
        ("f.phone >= 38", Outcome.PASS),
        ("f.share < 48.5", Outcome.FAIL),  # 49 % is 48.5-49.5: never below 48.5
        ("f.share <= 48.5", Outcome.PASS),
        ("f.share > 49.5", Outcome.FAIL),
        ("f.share >= 49.5", Outcome.PASS),
    ],
)
def test_strict_and_non_strict_comparisons_differ_at_the_boundary(tmp_path, expr, expected):
    assert run(tmp_path, expr).outcome == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("round(100 * f.phone / (f.phone + f.chat)) == 54", Outcome.PASS),  # 54.29
        ("round(100 * f.phone / (f.phone + f.chat)) == 55", Outcome.FAIL),
        ("round(100 * f.phone / (f.phone + f.chat), 1) == 54.3", Outcome.PASS),
        ("round(f.applied, -5) == 3400000", Outcome.PASS),  # 3 413 630 to hundred thousands
        ("round(f.chat / 64 * 100) == 50", Outcome.PASS),  # exactly 50
        ("round(100 * 1 / 8) == 13", Outcome.PASS),  # 12.5 rounds half up
    ],
)
def test_round_rounds_half_up_to_the_given_decimals(tmp_path, expr, expected):
    assert run(tmp_path, expr).outcome == expected


def test_round_needs_whole_decimals(tmp_path):
    finding = run(tmp_path, "round(f.phone, 0.5) == 38")
    assert finding.outcome == Outcome.ERROR
    assert "n must be a whole number of decimals" in finding.text("en")


@pytest.mark.parametrize(
    ("expr", "message"), [("round() == 1", "unexpected"), ("round(1, 2, 3) == 1", "round takes")]
)
def test_round_with_wrong_arguments_is_a_config_error(expr, message):
    with pytest.raises(ConfigError, match=message):
        parse_check({"id": "c.r", "kind": "rule", "title": "t", "expr": expr}, "checks/x.yaml")


def test_a_negative_tolerance_is_a_config_error():
    raw = {"id": "c.r", "kind": "rule", "title": "t", "expr": "f.a == f.b", "tolerance": -1}
    with pytest.raises(ConfigError, match="tolerance"):
        parse_check(raw, "checks/x.yaml")


@pytest.mark.parametrize(
    ("sent", "expected"),
    [("tolv", Outcome.PASS), ("elleve", Outcome.PASS), ("ni", Outcome.FAIL)],
)
def test_a_frequency_word_against_a_count(tmp_path, sent, expected):
    """«månedlige nyhetsbrev» is 12 a year; one less (a summer break) is within tolerance 1,
    «ni» is not."""
    rows = f"f.sent,{sent},\nf.monthly,månedlige,\n"
    finding = run_with(tmp_path, "f.sent == f.monthly", rows, tolerance=1)
    assert finding.outcome == expected
    if expected == Outcome.PASS:
        assert "f.monthly = «månedlige»" in finding.text("en")
    else:
        assert finding.text("en").startswith("printed «månedlige» (f.monthly), but f.sent gives 9")
