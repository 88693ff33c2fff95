"""kssqa on a large source register against the plain-pandas floor (a benchmark, not a test).

Generates a synthetic contact log shaped like a helpline's (one row per contact: id, date,
channel, gender, caller type, minutes, the crisis centre referred to) with planted
inconsistencies, and a table of printed figures about it (contacts per channel, minutes per
channel, the share of women). The same rules then run twice, each in a fresh process, paired
round by round:

  pandas   the rules written in plain pandas (read_csv, isin, to_datetime, groupby, rapidfuzz
           over the distinct centre names): the floor;
  kssqa    a kssqa project (schemas/, checks/) run through kssqa.api.run: read + schema +
           count per channel + sum of minutes per channel + percent + dates + names.

Each process reports the time of its work (after its imports) and its peak RSS; the script
prints the medians and checks that both found the same planted errors (as (rule, row) pairs).
The last line is ``ratio_time=<x> ratio_rss=<y>`` (kssqa over pandas).

    python benchmarks/bench_scale.py --rows 100000 [--repeats 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2025
CHANNELS = ["telefon", "chat", "sms"]
GENDERS = ["kvinne", "mann", "annet", "ukjent"]
CALLERS = ["utsatt", "pårørende", "fagperson", "annen"]
CENTRES = [
    "Alfa krisesenter",
    "Krisesenteret i Nordby",
    "Sørby krisesenter IKS",
    "Vestby kommunale krisesenter",
    "Fjordheim",
    "Krisesenter for Østlandet",
    "Tryggheim stiftelse",
    "Nordlys senter",
]
MAX_MINUTES = 600

SCHEMAS = {
    "contacts": f"""\
table: contacts
file: contacts.csv
columns:
  id: {{type: text, required: true, unique: true, pattern: '^K[0-9]+$'}}
  date: {{type: date, required: true, allow_range: false, within: reporting_year}}
  channel: {{type: text, required: true, allowed: {CHANNELS}}}
  gender: {{type: text, required: true, allowed: {GENDERS}}}
  caller: {{type: text, required: true, allowed: {CALLERS}}}
  minutes: {{type: integer, required: true, min: 0, max: {MAX_MINUTES}}}
  centre: {{type: text}}
""",
    "figures": """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  metric: {type: text}
  channel: {type: text}
  value: {type: quantity}
  quote: {type: text}
""",
}

# The register forms: one check compares every printed channel with the log.
CHECKS = """\
checks:
  - id: contacts.per-channel
    kind: count
    title: Henvendelser per kanal stemmer med kontaktloggen
    printed: {table: figures, where: {metric: contacts}}
    table: contacts
    by: {channel: channel}
    window: {column: date, within: reporting_year}
  - id: minutes.per-channel
    kind: sum
    title: Samtaleminutter per kanal stemmer med kontaktloggen
    printed: {table: figures, where: {metric: minutes}}
    table: contacts
    column: minutes
    by: {channel: channel}
  - id: contacts.share-women
    kind: percent_of
    title: Andelen kvinner stemmer med kontaktloggen
    percent: figures.share.women
    part: {table: contacts, where: {gender: kvinne}}
    whole: {table: contacts}
  - id: names.centres
    kind: names
    title: Hvert krisesenter er stavet på én måte
    columns: [{table: contacts, column: centre}]
"""
# Before the register forms: one count check per printed channel, no sum of minutes.
CHECKS_PER_FIGURE = (
    "checks:\n"
    + "".join(
        f"""\
  - id: contacts.{channel}
    kind: count
    title: Henvendelser via {channel} stemmer med kontaktloggen
    printed: figures.contacts.{channel}
    table: contacts
    where: {{channel: {channel}}}
"""
        for channel in CHANNELS
    )
    + "  - id: contacts.share-women"
    + CHECKS.split("  - id: contacts.share-women", 1)[1]
)


# --- the register ---------------------------------------------------------------------------


def generate(rows: int, folder: Path, checks: str, seed: int = 14) -> None:
    """Write a kssqa project with a contact log of ``rows`` rows and its printed figures."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 365, rows)
    dates = np.datetime64(f"{YEAR}-01-01") + days
    day = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    month = dates.astype("datetime64[M]").astype(int) % 12 + 1
    date_text = [f"{d}.{m}.{YEAR}" for d, m in zip(day.tolist(), month.tolist(), strict=True)]
    table = {
        "id": [f"K{i}" for i in range(1, rows + 1)],
        "date": date_text,
        "channel": np.array(CHANNELS)[rng.choice(3, rows, p=[0.6, 0.3, 0.1])].tolist(),
        "gender": np.array(GENDERS)[rng.choice(4, rows, p=[0.7, 0.2, 0.05, 0.05])].tolist(),
        "caller": np.array(CALLERS)[rng.integers(0, 4, rows)].tolist(),
        "minutes": [str(m) for m in rng.integers(1, 60, rows).tolist()],
        "centre": np.array(CENTRES)[rng.integers(0, len(CENTRES), rows)].tolist(),
    }
    plant(table, rows)
    inputs = folder / "inputs" / str(YEAR)
    inputs.mkdir(parents=True, exist_ok=True)
    (folder / "schemas").mkdir(exist_ok=True)
    (folder / "checks").mkdir(exist_ok=True)
    (folder / "kssqa.toml").write_text(
        f'[kssqa]\nyear = {YEAR}\ninputs = "inputs/$year"\nschemas = "schemas"\n'
        'checks = "checks"\nreports = "reports"\n'
    )
    for name, text in SCHEMAS.items():
        (folder / "schemas" / f"{name}.yaml").write_text(text)
    (folder / "checks" / "register.yaml").write_text(checks)
    columns = list(table)
    lines = [",".join(columns)]
    lines += [",".join(values) for values in zip(*(table[c] for c in columns), strict=True)]
    (inputs / "contacts.csv").write_text("\n".join(lines) + "\n")
    (inputs / "figures.csv").write_text(figures_csv(table, windowed=checks is CHECKS))


def plant(table: dict[str, list[str]], rows: int) -> None:
    """Plant the inconsistencies at fixed fractions of the table (rows 10, 20, ... of each)."""

    def at(fraction: float) -> int:
        return min(rows - 1, int(rows * fraction))

    table["date"][at(0.11)] = f"14.3.{YEAR - 1}"  # outside the reporting year
    table["date"][at(0.12)] = f"31.2.{YEAR}"  # no such date
    table["date"][at(0.13)] = f"14.3{YEAR}"  # not a date
    table["channel"][at(0.21)] = "telfon"  # a misspelt category
    table["gender"][at(0.31)] = "kvinner"
    table["minutes"][at(0.41)] = "12x"
    table["minutes"][at(0.42)] = str(MAX_MINUTES + 400)
    table["id"][at(0.51)] = table["id"][at(0.52)]  # a duplicate id
    table["centre"][at(0.61)] = "Alfa krisesnter"  # one centre misspelt once
    for row in (at(0.41), at(0.42)):
        table["channel"][row] = "sms"  # bad minutes on a channel whose minutes are not printed


def in_reporting_year(text: str) -> bool:
    try:
        return datetime.strptime(text, "%d.%m.%Y").year == YEAR
    except ValueError:
        return False


def figures_csv(table: dict[str, list[str]], windowed: bool) -> str:
    """The printed figures: correct except the planted contacts of chat and minutes of telefon;
    ``windowed``: the contacts of the reporting year (else of every row)."""
    in_year = [not windowed or in_reporting_year(text) for text in table["date"]]
    contacts = {
        c: sum(1 for ch, ok in zip(table["channel"], in_year, strict=True) if ok and ch == c)
        for c in CHANNELS
    }
    minutes = dict.fromkeys(CHANNELS, 0)
    for channel, text in zip(table["channel"], table["minutes"], strict=True):
        if channel in ("telefon", "chat"):
            minutes[channel] += int(text)
    women = round(100 * table["gender"].count("kvinne") / len(table["gender"]))
    lines = ["key,section,metric,channel,value,quote"]
    for channel in CHANNELS:
        printed = contacts[channel] + (1 if channel == "chat" else 0)  # planted
        lines.append(f"figures.contacts.{channel},Kontakt,contacts,{channel},{printed},{printed}")
    for channel in ("telefon", "chat"):
        printed = minutes[channel] + (10 if channel == "telefon" else 0)  # planted
        lines.append(f"figures.minutes.{channel},Kontakt,minutes,{channel},{printed},{printed}")
    lines.append(f"figures.share.women,Kontakt,share,,{women} %,{women} %")
    return "\n".join(lines) + "\n"


# --- the two sides ------------------------------------------------------------------------------

PANDAS_SIDE = """\
import json, sys, time
import pandas as pd
from rapidfuzz import fuzz, process

folder = sys.argv[1]
started = time.perf_counter()
frame = pd.read_csv(f"{folder}/inputs/2025/contacts.csv", dtype=str, keep_default_na=False)
printed = pd.read_csv(f"{folder}/inputs/2025/figures.csv", dtype=str, keep_default_na=False)
line = frame.index + 2
found = set()

def rows(rule, mask):
    found.update((rule, int(n)) for n in line[mask.to_numpy()])

rows("id", frame["id"].duplicated(keep=False) | ~frame["id"].str.fullmatch(r"K[0-9]+"))
dates = pd.to_datetime(frame["date"], format="%d.%m.%Y", errors="coerce")
outside = dates.notna() & ((dates < "2025-01-01") | (dates > "2025-12-31"))
rows("date", dates.isna() | outside)
for column, allowed in {"channel": CHANNELS, "gender": GENDERS, "caller": CALLERS}.items():
    rows(column, ~frame[column].isin(allowed))
minutes = pd.to_numeric(frame["minutes"].where(frame["minutes"].str.fullmatch("[0-9]+")))
rows("minutes", minutes.isna() | (minutes < 0) | (minutes > MAX_MINUTES))

counted = frame[dates.notna() & ~outside] if REGISTER_FORMS else frame
counts = counted.groupby("channel").size()
for _, row in printed[printed["metric"] == "contacts"].iterrows():
    if counts.get(row["channel"], 0) != int(row["value"]):
        found.add(("count", row["key"]))
sums = minutes.groupby(frame["channel"]).sum()
for _, row in printed[printed["metric"] == "minutes"].iterrows() if REGISTER_FORMS else ():
    if sums.get(row["channel"], 0) != int(row["value"]):
        found.add(("sum", row["key"]))
share = 100 * (frame["gender"] == "kvinne").sum() / len(frame)
women = printed.loc[printed["key"] == "figures.share.women", "value"].iloc[0]
if abs(share - int(women.rstrip(" %"))) > 0.5:
    found.add(("percent", "figures.share.women"))

centres = frame["centre"].value_counts()
names = list(centres.index)
for name in names:
    for other, score, _ in process.extract(name, names, scorer=fuzz.ratio, score_cutoff=95):
        if other != name and centres[name] < centres[other]:
            found.add(("names", name))
elapsed = time.perf_counter() - started
rss = peak_rss()
print(json.dumps({"time": elapsed, "rss": rss, "found": sorted(found)}))
"""

KSSQA_SIDE = """\
import json, sys, time
from kssqa.api import run
from kssqa.config import load_config

folder = sys.argv[1]
config = load_config(__import__("pathlib").Path(folder) / "kssqa.toml")
started = time.perf_counter()
report = run(config)
elapsed = time.perf_counter() - started
found = set()
printed = {row: key for row, key in enumerate(
    line.split(",")[0] for line in open(f"{folder}/inputs/2025/figures.csv")) if row}
RULES = {"count": "count", "sum": "sum", "percent_of": "percent"}
for finding in report.findings:
    if finding.outcome.value not in ("fail", "error"):
        continue
    if finding.kind == "schema":
        column = finding.check_id.split(".")[2]
        found.update((column, loc.row) for loc in finding.locations)
    elif finding.kind == "names":  # the variant's rows (its spelling: only some rows are listed)
        found.add(("names", finding.actual))
    elif finding.kind in RULES:
        found.add((RULES[finding.kind], printed[finding.locations[0].row - 1]))
    else:
        found.add((finding.kind, finding.check_id))
rss = peak_rss()
print(json.dumps({"time": elapsed, "rss": rss, "found": sorted(found, key=str)}))
"""


# The peak RSS of the side's own process: VmHWM starts afresh at exec, unlike ru_maxrss, which
# Linux carries over from the parent (this script, holding the generated register).
PEAK_RSS = """\
def peak_rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""


def side(script: str, folder: Path, register_forms: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    constants = PEAK_RSS + (
        f"CHANNELS = {CHANNELS!r}\nGENDERS = {GENDERS!r}\nCALLERS = {CALLERS!r}\n"
        f"MAX_MINUTES = {MAX_MINUTES}\nREGISTER_FORMS = {register_forms}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", constants + script, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"a side failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate the project here and keep it")
    parser.add_argument(
        "--per-figure",
        action="store_true",
        help="one count check per printed channel and no sum of minutes (the checks as they "
        "could be written before count and sum compared a register by group)",
    )
    options = parser.parse_args()
    rows = int(options.rows)
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        generate(rows, folder, CHECKS_PER_FIGURE if options.per_figure else CHECKS)
        samples: dict[str, list[dict]] = {"pandas": [], "kssqa": []}
        for _ in range(options.repeats):
            samples["pandas"].append(side(PANDAS_SIDE, folder, not options.per_figure))
            samples["kssqa"].append(side(KSSQA_SIDE, folder, not options.per_figure))
    medians = {}
    for name, runs in samples.items():
        medians[name] = {m: statistics.median(r[m] for r in runs) for m in ("time", "rss")}
        print(
            f"{name:6} {rows:>9} rows  {medians[name]['time']:8.3f} s  "
            f"{medians[name]['rss']:8.1f} MiB peak RSS"
        )
    found = {name: {tuple(x) for x in runs[0]["found"]} for name, runs in samples.items()}
    same = found["pandas"] == found["kssqa"]
    print(
        f"planted errors found: pandas {len(found['pandas'])}, kssqa {len(found['kssqa'])}; "
        f"{'the same' if same else 'DIFFERENT'}"
    )
    if not same:
        print(f"  only pandas: {sorted(found['pandas'] - found['kssqa'], key=str)}")
        print(f"  only kssqa:  {sorted(found['kssqa'] - found['pandas'], key=str)}")
    ratio_time = medians["kssqa"]["time"] / medians["pandas"]["time"]
    ratio_rss = medians["kssqa"]["rss"] / medians["pandas"]["rss"]
    print(f"ratio_time={ratio_time:.2f} ratio_rss={ratio_rss:.2f}")


if __name__ == "__main__":
    main()
