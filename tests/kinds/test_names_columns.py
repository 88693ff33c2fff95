"""names over every person and organisation column: a table cell and its names.csv row are
one mention (counted once), and a slip in one table only is found."""

from __future__ import annotations

import csv
import io

from kssqa.findings import Outcome
from kssqa.name_columns import split_items, with_abbreviation

from .helpers import run_check

MENTIONS_SCHEMA = """\
table: mentions
file: mentions.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  name: {type: text, required: true}
  quote: {type: text}
"""

PEOPLE_SCHEMA = """\
table: {table}
file: {table}.csv
columns:
  key: {{type: text, required: true, unique: true}}
  section: {{type: text}}
  person: {{type: text, required: true}}
  quote: {{type: text}}
"""

LISTS_SCHEMA = """\
table: lists
file: lists.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  list: {type: text, required: true}
  item: {type: text, required: true}
  quote: {type: text}
"""

CHECK = """\
checks:
  - id: names.every-column
    kind: names
    title: Hver person og organisasjon er stavet på én måte
    severity: warning
    columns:
      - {table: mentions, column: name}
      - {table: staff, column: person}
      - {table: board, column: person}
      - {table: lists, column: item, where: {list: dnm}}
"""

DNM = "kontorfellesskap med Human Rights House Foundation, Kvinnefronten og Voice of Tibet"
STAFF = [("Sekretariat > Ansatte", "Silje Heitmann", "Silje Heitmann, leder")]
BOARD = [("Styret", "Kari Nordmann", "Kari Nordmann, styreleder, Alta krisesenter")]
# names.csv: every mention of the report, the table cells included
MENTIONS = [
    ("Innledning", "Silje Heitmann", "Silje Heitmann holdt innlegg"),
    ("Sekretariat > Ansatte", "Silje Heitmann", "Silje Heitmann, leder"),
    ("Styret", "Kari Nordmann", "Kari Nordmann, styreleder, Alta krisesenter"),
    ("Sekretariat", "Human Rights House Foundation", DNM),
    ("Sekretariat", "Kvinnefronten", DNM),
    ("Sekretariat", "Voice of Tibet", DNM),
    ("Politikk", "Kvinnefronten", "Møte med Kvinnefronten"),
]
LISTS = [
    ("Sekretariat", "dnm", "Human Rights House Foundation", DNM),
    ("Sekretariat", "dnm", "Kvinnefronten", DNM),
    ("Sekretariat", "dnm", "Voice of Tibet", DNM),
]


def without(check: str, *tables: str) -> str:
    """The check without the columns of ``tables``."""
    lines = check.splitlines(keepends=True)
    return "".join(line for line in lines if not any(f"table: {t}," in line for t in tables))


def csv_text(header: list[str], rows: list[tuple], prefix: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for number, row in enumerate(rows, 1):
        writer.writerow([f"{prefix}.{number}", *row])
    return out.getvalue()


def project(staff=STAFF, board=BOARD, mentions=MENTIONS, lists=LISTS) -> dict[str, str]:
    return {
        "schemas/mentions.yaml": MENTIONS_SCHEMA,
        "schemas/staff.yaml": PEOPLE_SCHEMA.format(table="staff"),
        "schemas/board.yaml": PEOPLE_SCHEMA.format(table="board"),
        "schemas/lists.yaml": LISTS_SCHEMA,
        "inputs/2025/mentions.csv": csv_text(
            ["key", "section", "name", "quote"], mentions, "mentions"
        ),
        "inputs/2025/staff.csv": csv_text(["key", "section", "person", "quote"], staff, "staff"),
        "inputs/2025/board.csv": csv_text(["key", "section", "person", "quote"], board, "board"),
        "inputs/2025/lists.csv": csv_text(
            ["key", "section", "list", "item", "quote"], lists, "lists"
        ),
    }


def failures(findings):
    return [f for f in findings if f.outcome == Outcome.FAIL]


def test_every_column_counted_once_passes(tmp_path):
    """Seven mentions in names.csv; the five table cells transcribe five of them: 7, not 12."""
    [finding] = run_check(tmp_path, CHECK, project())
    assert finding.outcome == Outcome.PASS
    assert finding.text("en").startswith("7 name occurrences, 5 spellings")


def test_a_slip_in_the_staff_table_only_is_found(tmp_path):
    """A one-letter slip in staff.csv (names.csv has the name right) is a finding there."""
    staff = [("Sekretariat > Ansatte", "Silje Heitman", "Silje Heitman, leder")]
    [fail] = failures(run_check(tmp_path, CHECK, project(staff=staff)))
    assert fail.actual == "Silje Heitman" and fail.suggestion == "Silje Heitmann"
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/staff.csv:2:person"]
    assert "«Silje Heitmann» ×2, «Silje Heitman» ×1" in fail.text("en")


def test_a_doubled_letter_in_a_list_item_only_is_found(tmp_path):
    """An organisation's doubled letter in lists.csv only (names.csv right) is found."""
    dnm = DNM.replace("Kvinnefronten", "Kvinnefronnten")
    lists = [(*row[:2], row[2].replace("Kvinnefronten", "Kvinnefronnten"), dnm) for row in LISTS]
    [fail] = failures(run_check(tmp_path, CHECK, project(lists=lists)))
    assert fail.actual == "Kvinnefronnten" and fail.suggestion == "Kvinnefronten"
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/lists.csv:3:item"]


def test_a_cell_and_its_names_row_weigh_once_in_the_suggestion(tmp_path):
    """«Kristin Metenes» printed once (a board cell, also in names.csv) against «Kristin
    Mettenes» printed once: counted twice, the slip would be the majority and suggested."""
    board = [("Styret", "Kristin Metenes", "Kristin Metenes, Oslo Krisesenter")]
    mentions = [
        *MENTIONS,
        ("Styret", "Kristin Metenes", "Kristin Metenes, Oslo Krisesenter"),
        ("Sekretariat", "Kristin Mettenes", "Kristin Mettenes holdt innlegg"),
    ]
    [fail] = failures(run_check(tmp_path, CHECK, project(board=board, mentions=mentions)))
    assert fail.actual == "Kristin Metenes" and fail.suggestion == "Kristin Mettenes"
    assert "«Kristin Mettenes» ×1, «Kristin Metenes» ×1" in fail.text("en")
    # the mention is shown once, at the first column that transcribes it
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/mentions.csv:9:name"]


def test_a_name_printed_twice_in_one_quote_is_two_mentions(tmp_path):
    quote = "Kari Nordmann og Ola Nordmann takket Kari Nordmann"
    board = [("Styret", "Kari Nordmann", quote)]
    mentions = [("Styret", "Kari Nordmann", quote), ("Styret", "Kari Nordmann", quote)]
    checks = without(CHECK, "staff", "lists")
    files = project(board=board, mentions=mentions)
    [finding] = run_check(tmp_path, checks, files)
    assert finding.text("en").startswith("2 name occurrences, 1 spellings")


MANUSCRIPT = """\
# Innhold

# Styret

Styret: Silje Heitman (observatør), Kari Nordmann og Ola Nordmann.
"""


def test_with_a_manuscript_overlapping_quotes_are_one_place(tmp_path):
    """names.csv quotes the start of the line, the board table its end: neither quote holds
    the other, but in the manuscript they are the same mention."""
    board = [("Styret", "Silje Heitman", "Silje Heitman (observatør), Kari Nordmann")]
    mentions = [("Styret", "Silje Heitman", "Styret: Silje Heitman (observatør)")]
    checks = without(CHECK, "staff", "lists")
    files = project(board=board, mentions=mentions)
    apart = run_check(tmp_path / "without", checks, files)
    assert apart[0].text("en").startswith("2 name occurrences")
    files["inputs/2025/arsmelding-2025.md"] = MANUSCRIPT
    [finding] = run_check(tmp_path / "with", checks, files)
    assert finding.outcome == Outcome.PASS
    assert finding.text("en").startswith("1 name occurrences")


def test_cells_are_split_into_names_as_names_csv_records_them():
    cell = "Bufdir, Krisesenteret for Molde og omegn IKS, NKVTS og Sentio"
    assert split_items(cell, [", ", " og "]) == [
        "Bufdir",
        "Krisesenteret for Molde og omegn IKS",
        "NKVTS",
        "Sentio",
    ]
    assert split_items("Likestillings- og diskrimineringsombudet", [" og "]) == [
        "Likestillings- og diskrimineringsombudet"
    ]
    assert with_abbreviation("Likestillings- og diskrimineringsombudet (LDO)") == [
        "Likestillings- og diskrimineringsombudet",
        "LDO",
    ]
    assert with_abbreviation("Avisa Gaula (pluss)") == ["Avisa Gaula (pluss)"]
    assert with_abbreviation("MANREPORT-IPV (Avvergeplikt i møte med partnervold)") == [
        "MANREPORT-IPV (Avvergeplikt i møte med partnervold)"
    ]
