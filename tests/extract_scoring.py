"""Scoring `kssqa extract` against the answer key of the 2026 fixture draft.

Shared by tests/test_extract.py and benchmarks/bench_extract.py. Only the rows whose sentence
survives in the draft (mapping.csv: kept or rephrased) are scored:

- right: the row got the answer key's values and a quote in the same passage of the draft;
- wrong: a value differs, or the quote stands elsewhere (a wrong value is worse than "please
  review");
- review: the extraction put it on the review list (unsure, or not found).

The extraction writes on the rows of the new-year scaffold — last year's key, years moved on
— so a positional key (events.e015) is compared with the answer key's row of the same event.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kssqa.crosscheck import ManuscriptIndex
from kssqa.manuscript import read_manuscript
from kssqa.schema_spec import load_schemas
from kssqa.years import move_years_on

FIXTURE = Path(__file__).parent / "fixtures" / "draft2026"


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        return {row["key"]: row for row in csv.DictReader(file)}


def score(project: Path, draft: Path, result) -> tuple[dict[str, int], list]:
    """Counts (surviving, right, wrong, review) and the wrong rows, for a run of
    ``extract`` that wrote into ``project``/inputs/2026."""
    manuscript = read_manuscript(draft, draft.name)
    index = ManuscriptIndex(manuscript)
    # the answer key's line numbers are the Markdown draft's; a Word draft counts paragraphs
    lines = manuscript.unit == "line"
    specs = {s.table: s for s in load_schemas(project / "schemas", 2026)}
    with (FIXTURE / "mapping.csv").open(encoding="utf-8", newline="") as file:
        mapping = [r for r in csv.DictReader(file) if r["status"] in ("kept", "rephrased")]
    status = {(p.table, p.key): p.status for p in result.placements}
    counts = {"surviving": 0, "right": 0, "wrong": 0, "review": 0}
    wrong = []
    tables: dict[str, tuple[dict, dict]] = {}
    for entry in mapping:
        table = entry["table"]
        if table not in tables:
            tables[table] = (
                read_rows(project / "inputs" / "2026" / f"{table}.csv"),
                read_rows(FIXTURE / "expected" / f"{table}.csv"),
            )
        key = move_years_on(entry["key_2025"], 2025)
        got, want = tables[table][0].get(key), tables[table][1].get(entry["key_2026"])
        if want is None:
            continue
        counts["surviving"] += 1
        if got is None or status.get((table, key)) not in ("placed", "kept"):
            counts["review"] += 1
            continue
        columns = [c.name for c in specs[table].columns if c.is_printed or (c.position and lines)]
        same_values = all((got.get(c) or "") == (want.get(c) or "") for c in columns)
        here, there = index.find(got["quote"]), index.find(want["quote"])
        if same_values and here is not None and there is not None and here.passage == there.passage:
            counts["right"] += 1
        else:
            counts["wrong"] += 1
            wrong.append((table, key, {c: (got.get(c), want.get(c)) for c in columns}))
    return counts, wrong
