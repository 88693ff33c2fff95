"""The manuscript: read from Markdown and Word, checked against the inputs' quotes and values."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kssqa.api import run
from kssqa.cli import main
from kssqa.findings import Outcome
from kssqa.manuscript import ManuscriptError, plain, read_manuscript

MANUSCRIPT = """\
# ÅRSMELDING 2025

# Innhold

<b>VO-linjen</b> .....\t3
<i>Henvendelser</i> .....\t3
<b>Media</b> .....\t4

# VO-linjen

I 2025 mottok VO-linjen totalt 6647 henvendelser, 4950 via **telefon** og 1697 via chat.

### *Henvendelser*

Kanal\tAntall
Telefon\t4950

## Media

**Totalt antall treff:** 167 (2024: 224)

Les mer i [rapporten](#) fra 01.01.2025, med 31 artikler i desember.
"""

SCHEMA = """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  value: {type: quantity}
  quote: {type: text, required: true}
"""

ROWS = """\
key,section,value,quote
figures.total,VO-linjen,6647,"I 2025 mottok VO-linjen totalt 6647 henvendelser, 4950 via telefon"
figures.phone,VO-linjen,4950,"4950 via telefon og 1697 via chat"
figures.chat,VO-linjen,1697,"4950 via telefon og 1697 via chat"
figures.table,VO-linjen > Henvendelser,4950,Telefon | 4950
figures.hits,Media,167,Totalt antall treff: 167 (2024: 224)
figures.hits_prior,Media,224,Totalt antall treff: 167 (2024: 224)
"""


def project(root: Path, rows: str = ROWS, manuscript: str = MANUSCRIPT) -> Path:
    files = {
        "kssqa.toml": '[kssqa]\nyear = 2025\ninputs = "inputs/$year"\n',
        "schemas/figures.yaml": SCHEMA,
        "inputs/2025/figures.csv": rows,
        "inputs/2025/arsmelding-2025.md": manuscript,
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "kssqa.toml"


def report_of(config_path: Path, **options):
    from kssqa.config import load_config

    return run(load_config(config_path).with_overrides(**options))


def failures(report, check_id: str):
    return [f for f in report.failures() if f.check_id == check_id]


def test_plain_text_is_what_the_quotes_write():
    assert plain("**Totalt antall treff:** 167") == "Totalt antall treff: 167"
    assert plain("## *Rød knapp*") == "Rød knapp"
    assert plain("1\tGjøvik\t<a href='mailto:x@y.no'>x@y.no</a>") == "1 | Gjøvik | x@y.no"
    assert plain("[Voice of Tibet](#), [Kvinnefronten](#)") == "Voice of Tibet, Kvinnefronten"
    assert plain("magasin: [Fra Taushet til Handling") == "magasin: Fra Taushet til Handling"
    assert plain("Navn\tPartnere\t") == "Navn | Partnere |"


def test_passages_keep_their_line_section_and_chapter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    manuscript = read_manuscript(path, "a.md")
    assert manuscript.toc == [("VO-linjen", 1), ("Henvendelser", 2), ("Media", 1)]
    by_line = {p.position: p for p in manuscript.passages}
    assert by_line[11].section == "VO-linjen" and by_line[11].kind == "paragraph"
    assert by_line[16].text == "Telefon | 4950" and by_line[16].kind == "table_row"
    assert by_line[16].section == "Henvendelser" and by_line[16].chapter == "VO-linjen"
    assert by_line[20].chapter == "Media"


def test_every_quote_and_value_found_and_the_figures_covered(tmp_path):
    report = report_of(project(tmp_path))
    cross = [f for f in report.findings if f.kind == "manuscript"]
    assert {f.check_id for f in cross if f.outcome == Outcome.PASS} == {
        "manuscript.quotes.figures",
        "manuscript.values.figures",
    }
    coverage = report.manuscript["coverage"]
    # 6647, 4950, 1697, 4950 (table), 167, 224 covered; 01.01.2025 and 31 are not
    assert (coverage["figures"], coverage["covered"]) == (8, 6)
    assert [(u["line"], u["figure"]) for u in coverage["uncovered"]] == [
        (22, "01.01.2025"),
        (22, "31"),
    ]
    assert {c["chapter"]: (c["figures"], c["covered"]) for c in coverage["chapters"]} == {
        "VO-linjen": (4, 4),
        "Media": (4, 2),
    }
    assert report.exit_code() == 0  # uncovered figures are information


def test_a_quote_the_manuscript_no_longer_prints_shows_the_closest_passage(tmp_path):
    edited = MANUSCRIPT.replace("totalt 6647 henvendelser", "totalt 6674 henvendelser")
    report = report_of(project(tmp_path, manuscript=edited))
    [finding] = failures(report, "manuscript.quotes.figures")
    assert finding.locations[0].label() == "inputs/2025/figures.csv:2:quote"
    assert finding.locations[1].label() == "inputs/2025/arsmelding-2025.md:11"
    assert "«6647» → «6674»" in finding.text("en")
    assert finding.suggestion.startswith("I 2025 mottok VO-linjen totalt 6674 henvendelser")
    assert report.exit_code() == 1


def test_a_value_outside_its_quote_is_an_error(tmp_path):
    rows = ROWS.replace("figures.chat,VO-linjen,1697", "figures.chat,VO-linjen,1679")
    report = report_of(project(tmp_path, rows=rows))
    [finding] = failures(report, "manuscript.values.figures")
    assert finding.locations[0].label() == "inputs/2025/figures.csv:4:value"
    assert "«1679» (value) is not in the row's quote" in finding.text("en")


def test_a_value_is_not_found_inside_a_longer_number(tmp_path):
    rows = ROWS.replace("figures.hits,Media,167,", "figures.hits,Media,16,")
    report = report_of(project(tmp_path, rows=rows))
    assert len(failures(report, "manuscript.values.figures")) == 1


def test_without_a_manuscript_nothing_is_cross_checked(tmp_path):
    config = project(tmp_path)
    (tmp_path / "inputs/2025/arsmelding-2025.md").unlink()
    report = report_of(config)
    assert report.manuscript is None
    assert not [f for f in report.findings if f.kind == "manuscript"]


def docx_of(markdown: str, path: Path) -> Path:
    """The manuscript as Word: headings as heading styles, tab-separated rows as a table."""
    from docx import Document

    document = Document()
    table_rows: list[list[str]] = []

    def flush():
        if table_rows:
            table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
            for r, cells in enumerate(table_rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            table_rows.clear()

    for line in markdown.splitlines():
        if "\t" in line and not line.startswith(("<b>", "<i>")):
            table_rows.append(line.split("\t"))
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            document.add_heading(plain(line), level=min(level, 9))
        elif line.startswith(("<b>", "<i>")):
            run = document.add_paragraph().add_run(plain(line).replace(" | ", "\t"))
            run.bold, run.italic = line.startswith("<b>"), line.startswith("<i>")
        else:
            document.add_paragraph(plain(line))
    flush()
    document.save(path)
    return path


def test_a_word_manuscript_is_read_in_document_order(tmp_path):
    config = project(tmp_path)
    docx = docx_of(MANUSCRIPT, tmp_path / "utkast.docx")
    manuscript = read_manuscript(docx, "utkast.docx")
    assert manuscript.unit == "paragraph"
    texts = [p.text for p in manuscript.passages]
    assert texts.index("Kanal | Antall") + 1 == texts.index("Telefon | 4950")
    assert [p.section for p in manuscript.passages if p.text == "Telefon | 4950"] == [
        "Henvendelser"
    ]
    report = report_of(config, manuscript=docx)
    assert report.manuscript["file"].endswith("utkast.docx")
    assert not [f for f in report.failures() if f.kind == "manuscript" and f.severity != "info"]
    assert report.manuscript["coverage"]["covered"] == 6


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 binary", "save it as .docx"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ole", "password-protected"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "save it again as .docx"),
        ("latin1.md", "Årsmelding".encode("latin-1"), "not UTF-8 text"),
        ("empty.md", b"  \n", "the manuscript is empty"),
    ],
)
def test_a_manuscript_kssqa_cannot_read_stops_with_exit_2_and_the_rest_is_checked(
    tmp_path, name, content, message
):
    config = project(tmp_path)
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(ManuscriptError, match=message):
        read_manuscript(bad, name)
    result = CliRunner().invoke(
        main, ["check", "--config", str(config), "--manuscript", str(bad), "--no-write", "-q"]
    )
    assert result.exit_code == 2
    assert name in result.output and message in result.output
    assert "Traceback" not in result.output
    assert bad.read_bytes() == content  # never modified


def test_skip_manuscript(tmp_path):
    report = report_of(project(tmp_path, rows=ROWS.replace(",6647,", ",1,")))
    assert failures(report, "manuscript.values.figures")
    from kssqa.config import load_config

    skipped = run(load_config(project(tmp_path)), skip=("manuscript",))
    assert skipped.manuscript is None


PROSE_CHECK = """\
checks:
  - id: names.all
    kind: names
    title: Hver person og organisasjon er stavet på én måte
    columns: [{table: names, column: name}]
    prose: true
"""
NAMES_SCHEMA = """\
table: names
file: names.csv
columns:
  key: {type: text, required: true, unique: true}
  name: {type: text, required: true}
  quote: {type: text, required: true}
"""


def names_project(root: Path, manuscript: str) -> Path:
    config = project(root, manuscript=manuscript)
    (root / "schemas/names.yaml").write_text(NAMES_SCHEMA, encoding="utf-8")
    (root / "inputs/2025/names.csv").write_text(
        "key,name,quote\n"
        "names.salten,Krisesenteret i Salten,Krisesenteret i Salten har flest brukere\n"
        "names.tromso,Krisesenteret for Tromsø og omegn,Krisesenteret for Tromsø og omegn\n",
        encoding="utf-8",
    )
    (root / "checks").mkdir(exist_ok=True)
    (root / "checks/names.yaml").write_text(PROSE_CHECK, encoding="utf-8")
    return config


def test_a_name_misspelt_only_in_an_untranscribed_paragraph_is_found(tmp_path):
    manuscript = MANUSCRIPT + (
        "\nKrisesenteret i Salten har flest brukere, Krisesenteret for Tromsø og omegn\n"
        "\nSamarbeidet med Kriesesenteret i Salten og Krisesenteret for Tromsø og omegn.\n"
        "\nKrisesenteret i Salten takker.\n"
    )
    report = report_of(names_project(tmp_path, manuscript))
    [finding] = [f for f in report.failures() if f.check_id == "names.all"]
    assert "«Kriesesenteret i Salten» (1 time)" in finding.text("en")
    assert [loc.label() for loc in finding.locations] == ["inputs/2025/arsmelding-2025.md:26"]
    # the transcribed mention (line 24) is counted once, not again from the manuscript
    assert "«Krisesenteret i Salten» (2 times)" in finding.text("en")


def test_names_spelt_alike_in_the_prose_pass(tmp_path):
    manuscript = MANUSCRIPT + (
        "\nKrisesenteret i Salten har flest brukere, Krisesenteret for Tromsø og omegn\n"
        "\nSamarbeidet med Krisesenteret i Salten og krisesenteret for Tromsø.\n"
    )
    report = report_of(names_project(tmp_path, manuscript))
    [finding] = [f for f in report.findings if f.check_id == "names.all"]
    assert finding.outcome == Outcome.PASS
    # 2 transcribed; 1 in prose (a small "krisesenteret" in a sentence is a word, not a name)
    assert finding.text("en").startswith("3 name occurrences")
