"""Fuzzing the check definitions: every kind's documented example with hostile arguments.

The examples of ``kssqa explain KIND`` are complete projects; here one argument (or the id,
title, severity, description) of the example's check is replaced by a hostile value — a list
where a name is expected, a mapping, a date or datetime, a huge or negative number, deep
nesting, text with control characters — or an unknown key is added. The run either refuses the
check with a short configuration message naming its file (exit 2), or runs it and every kind
returns findings: no other exception escapes. Faster than tests/test_fuzz.py, so it reaches
deeper into each kind's validation and evaluation. ``KSSQA_FUZZ_EXAMPLES`` scales it too.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kssqa.api import run
from kssqa.config import MESSAGE_LIMIT, ConfigError, load_config
from kssqa.kinds import KINDS

from .kinds.helpers import write_project
from .test_fuzz import BadMessage

KIND_NAMES = sorted(name for name in KINDS if name != "gx")  # gx needs its worker process
EXAMPLES = max(10, int(os.environ.get("KSSQA_FUZZ_EXAMPLES", "30")) // 2)
LONG = "KSSQA_FUZZ_EXAMPLES" in os.environ

NAMES = st.sampled_from(
    [
        "figures",
        "figures.total",
        "figures.a",
        "figures.total:value",
        "value",
        "key",
        "section",
        "year",
        "date",
        "reporting_year",
        "chronological",
        "disjoint",
        "error",
        "",
        " ",
        "a b",
        "figures.total + 1 == 2",
        "(" * 40,
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1, 1, 1)),
    NAMES,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(NAMES, st.integers(-3, 3), st.text(max_size=4)), children, max_size=4
        ),
    ),
    max_leaves=10,
)


def example_names(files: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """The tables, columns and row keys of an example's files: what well-typed values name."""
    tables, columns, keys = [], [], []
    for path, text in files.items():
        if path.startswith("schemas/"):
            schema = yaml.safe_load(text)
            tables.append(schema["table"])
            columns += list(schema["columns"])
        elif path.endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(text)))
            keys += [row["key"] for row in rows if row.get("key")]
    return tables, sorted(set(columns)), keys


def well_typed(kind_type: str, tables: list[str], columns: list[str], keys: list[str]):
    """Values of an argument's declared type that name what exists, or nearly."""
    key = st.sampled_from([*keys, "nope.key"])
    column = st.sampled_from([*columns, "nope"])
    ref = st.one_of(key, st.builds(lambda k, c: f"{k}:{c}", key, column))
    text = st.one_of(column, st.sampled_from(["", " ", "reporting_year", "chronological"]))
    expr = st.builds(
        lambda a, op, b, c: f"{a} {op} {b} == {c}",
        ref,
        st.sampled_from(["+", "-", "*", "/"]),
        st.one_of(ref, st.sampled_from(["0", "0.5", "999999999999999"])),
        st.one_of(ref, st.sampled_from(["0", "-1", "abs(0)"])),
    )
    where = st.dictionaries(
        column, st.one_of(text, st.lists(text, max_size=3), st.none(), st.integers(-1, 3))
    )
    return {
        "ref": ref,
        "refs": st.lists(ref, min_size=1, max_size=4),
        "expr": expr,
        "table": st.sampled_from([*tables, "nope"]),
        "where": where,
        "text": text,
        "texts": st.lists(text, max_size=3),
        "number": st.one_of(
            st.integers(-(10**20), 10**20),
            st.floats(allow_nan=True, allow_infinity=True),
            st.sampled_from(["0", "-1", "1e400", "nan", "9" * 40, "abc"]),
        ),
        "bool": st.booleans(),
        "window": st.one_of(
            st.just("reporting_year"),
            st.lists(st.one_of(st.dates(), st.datetimes(), st.text(max_size=10)), max_size=3),
        ),
        "mapping": st.one_of(
            where,
            st.fixed_dictionaries(
                {"table": st.sampled_from([*tables, "nope"]), "column": column},
                optional={"where": where, "split": text},
            ),
        ),
        "list": st.lists(st.one_of(ref, text, VALUES), max_size=4),
        # a figure or a count: a key, or rows of a table (a plain table without keys)
        "figure": st.one_of(
            ref,
            st.fixed_dictionaries(
                {"table": st.sampled_from([*tables, "nope"])},
                optional={"where": where, "column": column},
            ),
        ),
        "count": st.one_of(
            ref,
            st.fixed_dictionaries(
                {"table": st.sampled_from([*tables, "nope"])},
                optional={"where": where, "contains": where, "match": text},
            ),
        ),
    }[kind_type]


@st.composite
def hostile_checks(draw) -> tuple[str, dict, dict[str, str]]:
    """A kind, its example's check with one or two hostile changes, and the example's files."""
    name = draw(st.sampled_from(KIND_NAMES))
    example = draw(st.sampled_from([KINDS[name].doc.example_fails, KINDS[name].doc.example_passes]))
    check = yaml.safe_load(example.check)["checks"][0]
    names = example_names(example.files)
    args = KINDS[name].args
    for _ in range(draw(st.integers(1, 2))):
        choice = draw(st.integers(0, 9))
        if choice == 0:  # an unknown key
            check[draw(st.one_of(st.integers(-3, 3), st.text(max_size=6)))] = draw(VALUES)
        elif choice <= 2:  # anything, anywhere
            key = draw(st.sampled_from(sorted({*check, *args, "id", "title", "severity"}, key=str)))
            check[key] = draw(VALUES)
        else:  # a value of the argument's own type: gets past validation into evaluation
            arg = draw(st.sampled_from(sorted(args)))
            check[arg] = draw(well_typed(args[arg].type, *names))
    return name, check, example.files


def check_text(check: dict) -> str | None:
    """The check as a YAML file, or None when YAML cannot write it (a float key, say)."""
    try:
        return yaml.safe_dump({"checks": [check]}, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return None


def check_definition(drawn: tuple[str, dict, dict[str, str]]) -> str:
    """Load and run one hostile check; what became of it ("<kind>: refused", or the outcomes).

    Raises BadMessage for a configuration message that is too long or names no file; any
    other exception is an internal error of kssqa.
    """
    name, check, files = drawn
    text = check_text(check)
    if text is None:
        return "not writable as YAML"
    with tempfile.TemporaryDirectory(prefix="kssqa-fuzz-checks-") as folder:
        config = write_project(Path(folder), text, files)
        try:
            report = run(load_config(config))
        except ConfigError as error:
            message = str(error)
            if len(message) > MESSAGE_LIMIT or "checks/checks.yaml" not in message:
                raise BadMessage(message[:300]) from None
            return f"{name}: refused"
    outcomes = {str(f.outcome) for f in report.findings if f.kind == name}
    return f"{name}: {', '.join(sorted(outcomes)) or 'no finding'}"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None if not LONG else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_checks())
def test_a_hostile_check_is_refused_or_evaluated(drawn):
    event(check_definition(drawn))


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_has_a_runnable_example(name):
    """What the fuzzing above starts from: the examples load and run unchanged."""
    example = KINDS[name].doc.example_fails
    with tempfile.TemporaryDirectory() as folder:
        report = run(load_config(write_project(Path(folder), example.check, example.files)))
    assert {f.kind for f in report.findings} >= {name}
