"""Builders for the kinds' tests.

A small project run from a temporary folder, check files, a figures table (also as an
in-memory Data, for property tests) and the exact rounding oracle of the property tests.
"""

from __future__ import annotations

import csv
import io
import textwrap
from fractions import Fraction
from pathlib import Path

import pandas as pd

from kssqa.api import run
from kssqa.checkfile import parse_check
from kssqa.config import load_config
from kssqa.data import Data, TableData
from kssqa.findings import Outcome
from kssqa.kinds import KINDS
from kssqa.numbers import parse_quantity
from kssqa.schema_spec import SchemaSpec
from kssqa.tables import Table

CONFIG = '[kssqa]\nyear = 2025\ninputs = "inputs/2025"\n'


def write_project(root: Path, check_yaml: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "kssqa.toml").write_text(CONFIG, encoding="utf-8")
    for relative, text in {**files, "checks/checks.yaml": check_yaml}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "kssqa.toml"


def run_check(root: Path, check_yaml: str, files: dict[str, str]):
    """Run the project's checks (not the schemas) and return the findings of the checks."""
    report = run(load_config(write_project(root, check_yaml, files)))
    assert not report.blocked, [f.text("en") for f in report.failures()]
    return [f for f in report.findings if f.kind not in ("schema", "input", "manuscript")]


def outcomes(findings) -> list[Outcome]:
    return [f.outcome for f in findings]


def one(findings):
    """The only finding, with the texts of all of them in the message when there are more."""
    assert len(findings) == 1, [f.text("en") for f in findings]
    return findings[0]


def check_yaml(check_id: str, kind: str, title: str, **args) -> str:
    """A check file with one check; each argument's value is written as YAML text."""
    lines = ["checks:", f"  - id: {check_id}", f"    kind: {kind}", f"    title: {title}"]
    lines += [f"    {name}: {value}" for name, value in args.items()]
    return "\n".join(lines) + "\n"


# --- a figures table (key, section, value, quote), for the percentage kinds ----------------

from kssqa.kinds.base import FIGURES_SCHEMA  # noqa: E402 - the doc examples' figures table


def figures_files(values: dict[str, str]) -> dict[str, str]:
    """The figures schema and a figures.csv holding ``values`` (key -> printed text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "section", "value", "quote"])
    for key, value in values.items():
        writer.writerow([key, "Test", value, f"trykt: {value}"])
    return {"schemas/figures.yaml": FIGURES_SCHEMA, "inputs/2025/figures.csv": out.getvalue()}


# --- in memory, for the property tests: the real Data and kind, no files -------------------


def memory_data(values: dict[str, str]) -> Data:
    """A Data with one quantity table holding ``values`` (key -> printed text)."""
    keys = list(values)
    frame = pd.DataFrame({"key": keys, "value": [values[k] for k in keys]}, dtype=object)
    table = Table(
        "figures",
        Path("figures.csv"),
        "inputs/2025/figures.csv",
        ("key", "value"),
        frame,
        tuple(range(2, len(keys) + 2)),
        "",
    )
    typed = {"value": pd.Series([parse_quantity(values[k]) for k in keys], dtype=object)}
    spec = SchemaSpec("figures", "figures.csv", Path("schemas/figures.yaml"))
    return Data([TableData(spec, table, typed)], 2025)


def memory_run(kind: str, values: dict[str, str], **args):
    spec = parse_check({"id": "test.memory", "kind": kind, "title": "t", **args}, "memory")
    return KINDS[kind](spec, memory_data(values)).run()


# --- the oracle of the property tests, independent of kssqa --------------------------------


def rounded(ratio: Fraction, decimals: int, half_even: bool) -> Fraction:
    """``ratio`` rounded to ``decimals`` places, exactly (the oracle, independent of kssqa)."""
    scaled = ratio * 10**decimals
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    up = rest > Fraction(1, 2) or (rest == Fraction(1, 2) and (not half_even or floor % 2 == 1))
    return Fraction(floor + (1 if up else 0), 10**decimals)


def printed(value: Fraction, decimals: int) -> str:
    units = value * 10**decimals
    assert units.denominator == 1
    whole, fraction = divmod(units.numerator, 10**decimals)
    return f"{whole},{fraction:0{decimals}d} %" if decimals else f"{whole} %"


def rounded_as(ratio: Fraction, decimals: int, mode: str) -> Fraction:
    """``ratio`` rounded to ``decimals`` places as a source documents it (the oracle of the
    rounding modes, independent of kssqa): half_up, half_even, floor, ceiling, truncate."""
    if mode in ("half_up", "half_even"):
        return rounded(ratio, decimals, half_even=mode == "half_even")
    scaled = ratio * 10**decimals
    floor = scaled.numerator // scaled.denominator
    exact = floor == scaled
    if mode == "floor" or (mode == "truncate" and scaled >= 0):
        units = floor
    else:  # ceiling, or truncate of a negative value
        units = floor if exact else floor + 1
    return Fraction(units, 10**decimals)
