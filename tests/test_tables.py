import hashlib
import os

import pytest

from kssqa.api import run
from kssqa.findings import Outcome
from kssqa.tables import TableReadError, invisible_characters, read_table


def read(path, **options):
    return read_table("t", path, path.name, **options)


def codes(error: TableReadError) -> list[tuple[str, int | None]]:
    return [(f.check_id, f.locations[0].row) for f in error.value.findings]


def test_cells_are_text_and_only_empty_is_missing(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,code,count,note\na,0116,NA,\nb,007,12,-\n", encoding="utf-8")
    table = read(path)
    assert table.frame.loc[0].tolist() == ["a", "0116", "NA", None]
    assert table.frame.loc[1].tolist() == ["b", "007", "12", "-"]
    assert str(table.frame["count"].dtype) == "object"


def test_rows_carry_their_physical_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('key,quote\n\na,"two\nlines"\n\n\nb,x\n', encoding="utf-8")
    table = read(path)
    assert table.lines.tolist() == [3, 7]
    assert table.frame.loc[0, "quote"] == "two\nlines"


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffkey,name\na,Bjørn\n".encode())
    table = read(path)
    assert table.columns == ("key", "name")
    assert table.frame.loc[0, "name"] == "Bjørn"


def test_cp1252_is_rejected_with_line_and_hint(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("key,name\na,Ola\nb,Bjørn\n".encode("cp1252"))
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.not_encoding", 3)]
    assert "Windows-1252" in error.value.findings[0].text("en")


def test_configured_encoding_is_honoured(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("key,name\nb,Bjørn\n".encode("cp1252"))
    assert read(path, encoding="cp1252").frame.loc[0, "name"] == "Bjørn"


def test_mojibake_is_detected(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,name\na,Ola\nb,BjÃ¸rn\n", encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.mojibake", 3)]
    assert "Bjørn" in error.value.findings[0].text("en")


def test_replacement_character_is_detected(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,name\nb,Bj\ufffdrn\n", encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.replacement_char", 2)]


def test_correct_norwegian_text_is_not_mojibake(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,name\nb,Ærlig Østfold Åsen – «sitat» 2 %\n", encoding="utf-8")
    assert read(path).frame.loc[0, "name"].startswith("Ærlig")


def test_wrong_delimiter_gets_a_hint(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key;name\na;b\n", encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.one_column", 1)]
    assert "«;»" in error.value.findings[0].text("en")


def test_configured_delimiter_is_used(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key;name\na;b\n", encoding="utf-8")
    assert read(path, delimiter=";").frame.loc[0, "name"] == "b"


def test_ragged_rows_are_reported_each_with_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,name\na,b\nc\nd,e,f\ng,h\n", encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.ragged_row", 3), ("input.ragged_row", 4)]


def test_unterminated_quote(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('key,name\na,b\nc,"never closed\nd,e\n', encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.unterminated_quote", 3)]


@pytest.mark.parametrize(
    "header, code",
    [("key,,name", "input.blank_header"), ("key,name,key", "input.duplicate_header")],
)
def test_bad_headers(tmp_path, header, code):
    path = tmp_path / "t.csv"
    path.write_text(f"{header}\na,b,c\n", encoding="utf-8")
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [(code, 1)]


@pytest.mark.parametrize("content", [b"", b"\n\n", "\ufeff".encode()])
def test_empty_file(tmp_path, content):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(TableReadError) as error:
        read(path)
    assert codes(error) == [("input.empty_file", None)]


def test_missing_file(tmp_path):
    with pytest.raises(TableReadError) as error:
        read(tmp_path / "nope.csv")
    assert codes(error) == [("input.missing_file", None)]


def test_header_only_gives_an_empty_table(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,name\n", encoding="utf-8")
    table = read(path)
    assert len(table.frame) == 0 and table.columns == ("key", "name")


def test_reading_never_modifies_the_file(tmp_path):
    path = tmp_path / "t.csv"
    data = b"key,name\r\na,b\r\n"
    path.write_bytes(data)
    table = read(path)
    assert path.read_bytes() == data
    assert table.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_a_missing_file_and_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "t.csv")  # opening it would wait for a writer forever
    with pytest.raises(TableReadError) as error:
        read(tmp_path / "t.csv")
    assert codes(error) == [("input.not_a_file", None)]
    assert "a named pipe (FIFO)" in error.value.findings[0].text("en")


def test_a_folder_named_like_the_file(tmp_path):
    (tmp_path / "t.csv").mkdir()
    with pytest.raises(TableReadError) as error:
        read(tmp_path / "t.csv")
    assert codes(error) == [("input.not_a_file", None)]
    assert "not a regular file but a folder" in error.value.findings[0].text("en")


@pytest.mark.parametrize(
    "cell, shown",
    [
        ("\ufeff6647", "U+FEFF BYTE ORDER MARK"),
        ("totalt\x00", "U+0000"),
        ("a\x0bb\x1b[2J", "U+000B, U+001B"),
        ("\x85neste", "U+0085"),
    ],
)
def test_an_invisible_character_in_a_cell_is_a_finding_and_the_cell_is_kept(tmp_path, cell, shown):
    path = tmp_path / "t.csv"
    path.write_text(f"key,value\na,{cell}\nb,tab\there\n", encoding="utf-8", newline="")
    table = read(path)
    assert table.frame.loc[0, "value"] == cell  # kept as printed: no guess
    [finding] = invisible_characters(table)
    assert (finding.check_id, finding.locations[0].row, finding.locations[0].column) == (
        "input.invisible_character",
        2,
        "value",
    )
    assert finding.outcome == Outcome.FAIL and not finding.blocks_run
    assert f"({shown})" in finding.text("en") and finding.actual == cell


def test_an_invisible_character_in_the_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffkey,\ufeffvalue\na,1\n".encode())  # the first BOM is the file's
    [finding] = invisible_characters(read(path))
    assert (finding.locations[0].row, finding.locations[0].column) == (1, "\ufeffvalue")


def test_a_bom_in_a_cell_fails_the_run_and_the_rest_is_still_checked(project):
    text = (project.root / "inputs/2025/figures.csv").read_text(encoding="utf-8")
    project.write("inputs/2025/figures.csv", text.replace(",1 814,", ",\ufeff1 814,"))
    report = run(project.config())
    checks = {(f.check_id, f.locations[0].row, f.locations[0].column) for f in report.failures()}
    assert ("input.invisible_character", 2, "value") in checks
    [hidden] = [f for f in report.findings if f.check_id == "input.invisible_character"]
    assert hidden.locations[0].section == "Media"  # grouped with its report section
    assert ("schema.figures.value.parse.not_a_number", 2, "value") in checks
    assert report.exit_code() == 1  # a finding, not an unreadable file
    assert any(f.outcome == Outcome.PASS for f in report.findings)
