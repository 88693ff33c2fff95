"""How well and how fast `kssqa extract` proposes next year's inputs from a draft.

Runs the extraction of the 2026 fixture draft (tests/fixtures/draft2026: a next-year draft
made from the 2025 report, with its answer key) on a copy of the project, and scores it
against the answer key:

- placed right: the row got the answer key's values and a quote in the same passage;
- placed wrong: a value differs, or the quote stands elsewhere (a wrong value is worse than
  "please review": the target is none);
- reviewed / not found: on the review list.

Only rows whose sentence survives in the draft (mapping.csv: kept or rephrased) are scored;
the target is >= 95 % placed right. Then the time: the median of --rounds runs of the
extraction, and of the manuscript cross-check within `kssqa check` (the run with and without
`--skip manuscript`), in one process.

    python benchmarks/bench_extract.py [--rounds 5] [--docx]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from kssqa.api import run  # noqa: E402
from kssqa.config import load_config  # noqa: E402
from kssqa.extract import extract  # noqa: E402
from tests.extract_scoring import FIXTURE, score  # noqa: E402


def copy_project(folder: Path) -> Path:
    for name in ("checks", "schemas"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(ROOT / "inputs" / "2025", folder / "inputs" / "2025")
    shutil.copy(ROOT / "kssqa.toml", folder / "kssqa.toml")
    return folder / "kssqa.toml"


def timed(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--docx", action="store_true", help="extract from the Word draft")
    args = parser.parse_args()
    draft = FIXTURE / ("arsmelding-2026.docx" if args.docx else "arsmelding-2026.md")
    with tempfile.TemporaryDirectory() as tmp:
        config_path = copy_project(Path(tmp))
        config = load_config(config_path).with_overrides(year=2026, inputs=None)
        result = extract(config, 2026, draft)
        counts, wrong = score(Path(tmp), draft, result)
        for item in wrong[:15]:
            print("  wrong:", item)
        surviving = counts["surviving"] or 1
        print(f"draft: {draft.relative_to(ROOT)}")
        print(
            f"rows whose sentence survives: {counts['surviving']}; placed right "
            f"{counts['right']} ({counts['right'] / surviving:.1%}), placed wrong "
            f"{counts['wrong']}, on the review list {counts['review']}"
        )
        print(
            f"all placements: placed {result.count('placed')}, review {result.count('review')},"
            f" not found {result.count('gone')}; draft figures in no row: {len(result.uncovered)}"
        )
        seconds = timed(lambda: extract(config, 2026, draft, force=True), args.rounds)
        print(f"extraction: median {seconds:.2f} s over {args.rounds} rounds")
    config = load_config(ROOT / "kssqa.toml")
    with_check = timed(lambda: run(config, skip=("gx",)), args.rounds)
    without = timed(lambda: run(config, skip=("gx", "manuscript")), args.rounds)
    print(
        f"kssqa check on 2025 (without gx): median {with_check:.2f} s with the manuscript "
        f"cross-check, {without:.2f} s without: +{with_check - without:.2f} s"
    )


if __name__ == "__main__":
    main()
