"""Fuzzing: mutated real inputs and hostile configuration never make kssqa fail internally.

Each example builds a small project from the bundled 2025 data — one or two real tables with
their schemas, every check but the gx ones (GX runs in a worker process; its own tests cover
it), and kssqa.toml — mutates it (byte flips, truncation, dropped and duplicated rows, swapped
columns, hostile cells; hostile YAML and TOML values, anchors, byte flips), runs it through
``api.run`` and every renderer, and asserts:

- the run ends with exit code 0, 1 or 2, or with a configuration error (exit 2) whose message
  is short and names the file; any other exception is an internal error;
- report.json is valid against docs/report.schema.json, junit.xml is well-formed XML, the
  SARIF is JSON of version 2.1.0, the reconciliation CSV parses into rows of one length, the
  terminal text holds no control character, the HTML escapes a hostile cell;
- no input file changed.

The normal run tries a few dozen examples (deterministically). The long profile is
``KSSQA_FUZZ_EXAMPLES=10000`` (random; see ``benchmarks/fuzz_long.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kssqa.api import run
from kssqa.config import MESSAGE_LIMIT, ConfigError, load_config
from kssqa.render.data import report_to_data
from kssqa.render.outputs import REPORT_FILES
from kssqa.render.text import render_text

from .conftest import ROOT

YEAR_INPUTS = ROOT / "inputs" / "2025"
TABLES = sorted(path.stem for path in YEAR_INPUTS.glob("*.csv"))
CHECK_FILES = sorted(p.name for p in (ROOT / "checks").glob("*.yaml") if p.name != "gx.yaml")
LISTS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "checks" / "lists").glob("*"))
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EXAMPLES = int(os.environ.get("KSSQA_FUZZ_EXAMPLES", "30"))
LONG = "KSSQA_FUZZ_EXAMPLES" in os.environ
SCRIPT = "<script>alert(1)</script>"

# Cells a transcription, a spreadsheet or an attacker could produce.
HOSTILE_CELLS = [
    "9" * 29,
    "9" * 29 + " %",
    "-" + "9" * 16,
    "999 999 999 999 999 milliarder",
    "0,000000000000001",
    "1e309",
    "inf",
    "NaN",
    "-0",
    "١٢٣",
    "１２３",
    "६६४७",
    "1\u20092",
    "\ufeff6647",
    "66\x0047",
    "\x0b",
    "\x1b[2J",
    "\x85",
    "\u2028",
    SCRIPT,
    '=HYPERLINK("x")',
    "@SUM(A1)",
    '"',
    "\r\n",
    "a,b",
    "1.814",
    "140 20",
    "drøyt -5",
    "halvparten",
    "31.2.2025",
    "0.0.0000",
    "juni 0000",
    "juni",
    "14.3.-10.3.2025",
    "10.-14.3.2025",
    "2025-13-45",
    "x" * 5000,
    "",
    " ",
    "NA",
    "0116",
]
# Values for a YAML key, written as YAML text.
HOSTILE_YAML = [
    "[sum]",
    "{a: 1}",
    "{1: x, zz: y}",
    "9" * 5000,
    "1:" * 200 + "1",
    "2026-06-30 12:00:00",
    "[2025-01-01 00:00:00, 2025-12-31]",
    "&a [1, 2]",
    "*a",
    "!!python/object/apply:os.system ['true']",
    "[" * 40 + "]" * 40,
    "~",
    "''",
    '"\\x0b\\x00"',
    ".inf",
    "-.nan",
    "yes",
    "0x1F",
    "-1",
    "100000000000000000000000000000",
    f'"{SCRIPT}"',
    '"' + "a b " * 200 + '"',
    "[a, [b, [c]]]",
    "[]",
    "{}",
]
# Values for the keys of kssqa.toml that fuzzing may change (never the folders: a fuzzed path
# could point the run at the whole machine).
HOSTILE_TOML = {
    "year": ["9" * 5000, "0", "-2025", "2025.5", '"2025"', "[2025]", "true", "10000"],
    "encoding": ['"rot13"', '"hex"', '"utf-16"', '"cp1252"', '"ascii"', '""', "1", '"x" '],
    "delimiter": ['"\\u0000"', '" "', '";"', '"\\t"', '"a"', '"\\""', '",,"', '"é"', '"\\ufeff"'],
}


def _csv_rows(data: bytes) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8", errors="surrogatepass")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


# --- mutations of a CSV file's bytes ----------------------------------------------------------


def flip(data: bytes, position: int, byte: int) -> bytes:
    if not data:
        return data
    position %= len(data)
    return data[:position] + bytes([byte]) + data[position + 1 :]


def insert(data: bytes, position: int, chunk: bytes) -> bytes:
    position %= len(data) + 1
    return data[:position] + chunk + data[position:]


def truncate(data: bytes, position: int) -> bytes:
    return data[: position % (len(data) + 1)]


def drop_row(data: bytes, row: int) -> bytes:
    lines = _lines(data)
    return b"".join(lines[: row % len(lines)] + lines[row % len(lines) + 1 :]) if lines else data


def duplicate_row(data: bytes, row: int) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    row %= len(lines)
    return b"".join(lines[: row + 1] + [lines[row]] + lines[row + 1 :])


def swap_columns(data: bytes, first: int, second: int) -> bytes:
    """The values of two columns swapped in every row but the header."""
    rows = _csv_rows(data)
    if not rows or not rows[0]:
        return data
    width = len(rows[0])
    first, second = first % width, second % width
    for row in rows[1:]:
        if len(row) == width:
            row[first], row[second] = row[second], row[first]
    return _csv_bytes(rows)


def set_cell(data: bytes, row: int, column: int, value: str) -> bytes:
    rows = _csv_rows(data)
    if not rows or len(rows) < 2:
        return data
    target = rows[1 + row % (len(rows) - 1)]
    if target:
        target[column % len(target)] = value
    return _csv_bytes(rows)


POSITION = st.integers(min_value=0, max_value=10**6)
CSV_MUTATIONS = st.one_of(
    st.tuples(st.just(flip), POSITION, st.integers(0, 255)),
    st.tuples(
        st.just(insert),
        POSITION,
        st.sampled_from([b'"', b"\r", b"\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b",", b";"]),
    ),
    st.tuples(st.just(truncate), POSITION),
    st.tuples(st.just(drop_row), POSITION),
    st.tuples(st.just(duplicate_row), POSITION),
    st.tuples(st.just(swap_columns), POSITION, POSITION),
    st.tuples(
        st.just(set_cell),
        POSITION,
        POSITION,
        st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=20)),
    ),
)


# --- mutations of YAML and TOML text ----------------------------------------------------------


def set_yaml_value(text: str, line: int, value: str) -> str:
    """The value of the ``line``-th ``key: value`` line replaced by ``value``."""
    lines = text.splitlines(keepends=True)
    keyed = [i for i, ln in enumerate(lines) if re.match(r"^\s*(- )?[\w.-]+:", ln)]
    if not keyed:
        return text
    i = keyed[line % len(keyed)]
    key = re.match(r"^(\s*(?:- )?[\w.-]+:)", lines[i]).group(1)
    lines[i] = f"{key} {value}\n"
    return "".join(lines)


def add_yaml_key(text: str, line: int, value: str) -> str:
    """An unknown key, next to the ``line``-th key, with the same indentation."""
    lines = text.splitlines(keepends=True)
    keyed = [i for i, ln in enumerate(lines) if re.match(r"^\s*[\w.-]+:", ln)]
    if not keyed:
        return text
    i = keyed[line % len(keyed)]
    indent = re.match(r"^(\s*)", lines[i]).group(1)
    return "".join([*lines[: i + 1], f"{indent}9: {value}\n", *lines[i + 1 :]])


def flip_text(text: str, position: int, byte: int) -> str:
    return flip(text.encode("utf-8"), position, byte).decode("utf-8", errors="surrogateescape")


YAML_MUTATIONS = st.one_of(
    st.tuples(st.just(set_yaml_value), POSITION, st.sampled_from(HOSTILE_YAML)),
    st.tuples(st.just(add_yaml_key), POSITION, st.sampled_from(HOSTILE_YAML)),
    st.tuples(st.just(flip_text), POSITION, st.integers(0, 255)),
)


def set_toml_value(text: str, key: str, value: str) -> str:
    if re.search(rf"^{key}\s*=", text, re.M):
        return re.sub(rf"^{key}\s*=.*$", f"{key} = {value}", text, count=1, flags=re.M)
    section = "[kssqa]" if key == "year" else "[csv]"
    return text.replace(section, f"{section}\n{key} = {value}", 1)


TOML_MUTATIONS = st.sampled_from(
    [(set_toml_value, key, value) for key, values in HOSTILE_TOML.items() for value in values]
)


# --- the project of one example ---------------------------------------------------------------

CONFIG = '[kssqa]\nyear = 2025\ninputs = "inputs/2025"\n\n[csv]\nencoding = "utf-8"\n'
WAIVERS = """\
waivers:
  - check: vo.who-called
    location: inputs/2025/vo_linjen.csv:7
    fingerprint: 1a2b3c4d5e6f7a8b
    reason: Kjent avvik.
    by: Redaktøren
    expires: 2026-06-30
"""


@st.composite
def projects(draw) -> tuple[dict[str, bytes], list[str]]:
    """The files of a mutated project (path -> bytes) and what was done to it."""
    tables = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=2, unique=True))
    files: dict[str, bytes] = {"kssqa.toml": CONFIG.encode()}
    for table in tables:
        files[f"schemas/{table}.yaml"] = (ROOT / "schemas" / f"{table}.yaml").read_bytes()
        files[f"inputs/2025/{table}.csv"] = (YEAR_INPUTS / f"{table}.csv").read_bytes()
    for name in CHECK_FILES:
        files[f"checks/{name}"] = (ROOT / "checks" / name).read_bytes()
    for relative in LISTS:
        files[relative] = (ROOT / relative).read_bytes()
    if draw(st.booleans()):
        files["checks/waivers.yaml"] = WAIVERS.encode()
    done = []
    target = f"inputs/2025/{tables[0]}.csv"
    for mutation, *args in draw(st.lists(CSV_MUTATIONS, max_size=3)):
        files[target] = mutation(files[target], *args)
        done.append(mutation.__name__)
    if draw(st.integers(0, 3)) == 0:  # most examples keep a valid configuration
        yaml_files = [p for p in files if p.endswith(".yaml")]
        path = draw(st.sampled_from(sorted(yaml_files)))
        mutation, *args = draw(YAML_MUTATIONS)
        text = files[path].decode("utf-8")
        files[path] = mutation(text, *args).encode("utf-8", errors="surrogateescape")
        done.append(f"yaml.{mutation.__name__}")
    if draw(st.integers(0, 9)) == 0:
        mutation, *args = draw(TOML_MUTATIONS)
        files["kssqa.toml"] = mutation(files["kssqa.toml"].decode(), *args).encode()
        done.append(f"toml.{args[0]}")
    return files, done


def write_project(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- the properties ---------------------------------------------------------------------------


class MalformedOutput(AssertionError):
    """An output its readers cannot read (or an unescaped hostile cell)."""


class InputChanged(AssertionError):
    """kssqa modified an input file."""


class BadMessage(AssertionError):
    """A configuration error whose message is too long or names no file."""


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise MalformedOutput(what)


def assert_well_formed(data: dict, rendered: dict[str, str], text: str) -> None:
    """Every output of one run is what its readers can read."""
    _require(data["verdict"]["exit_code"] in (0, 1, 2), "an exit code outside 0, 1, 2")
    try:
        report = json.loads(rendered["report.json"])
        sarif = json.loads(rendered["report.sarif"])
        ET.fromstring(rendered["junit.xml"])
        reconciliation = rendered["reconciliation.csv"].removeprefix("\ufeff")
        rows = list(csv.reader(io.StringIO(reconciliation, newline=""), delimiter=";"))
    except (ValueError, ET.ParseError, csv.Error) as error:
        raise MalformedOutput(f"{type(error).__name__}: {error}") from error
    errors = sorted(VALIDATOR.iter_errors(report), key=str)
    _require(not errors, f"report.json: {errors[0].message if errors else ''}")
    _require(sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1, "report.sarif: shape")
    _require(len({len(row) for row in rows}) == 1, "reconciliation.csv: rows of unequal length")
    _require(SCRIPT not in rendered["report.html"], "report.html: an unescaped cell")
    _require(not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), "text: a control character")


def check_project(files: dict[str, bytes]) -> int:
    """Run one project through the library and every renderer; its exit code.

    Raises MalformedOutput, InputChanged or BadMessage when a property fails; any other
    exception is an internal error of kssqa.
    """
    with tempfile.TemporaryDirectory(prefix="kssqa-fuzz-") as folder:
        root = Path(folder)
        write_project(root, files)
        before = digests(root)
        try:
            report = run(load_config(root / "kssqa.toml"))
        except ConfigError as error:
            message = str(error)
            if len(message) > MESSAGE_LIMIT or not re.search(r"(\.ya?ml|kssqa\.toml)\b", message):
                raise BadMessage(message[:300]) from None
            code = 2
        else:
            data = report_to_data(report)
            rendered = {name: output.render(data, "nb") for name, output in REPORT_FILES.items()}
            assert_well_formed(data, rendered, render_text(data, "en"))
            code = data["verdict"]["exit_code"]
        if digests(root) != before:
            raise InputChanged("an input file changed")
        return code


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,  # the normal suite is reproducible; the long profile explores
    database=None if not LONG else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(projects())
def test_mutated_projects_never_fail_internally(project):
    files, done = project
    for mutation in done:
        event(f"mutation: {mutation}")
    event(f"exit {check_project(files)}")


def test_the_unmutated_subset_runs():
    """The fuzz project itself is sound: the real vo_linjen table with every check runs."""
    files = {
        "kssqa.toml": CONFIG.encode(),
        "schemas/vo_linjen.yaml": (ROOT / "schemas" / "vo_linjen.yaml").read_bytes(),
        "inputs/2025/vo_linjen.csv": (YEAR_INPUTS / "vo_linjen.csv").read_bytes(),
        **{f"checks/{n}": (ROOT / "checks" / n).read_bytes() for n in CHECK_FILES},
    }
    assert check_project(files) in (1, 2)  # checks of the tables left out cannot be evaluated
