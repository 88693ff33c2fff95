"""Reading input CSV files without losing or inventing data.

Naive ``pandas.read_csv`` silently turns "0116" into 116, "NA" into a missing value and an
integer column with one empty cell into floats, and its row index is not the file's line
number. kssqa reads every cell as text with the :mod:`csv` module, keeps the physical line of
each record, and refuses (with file, line and a hint) what it cannot read faithfully: another
encoding than the configured one, mojibake, ragged rows, an unterminated quote, a blank or
duplicate header. Inputs are opened read-only and never written.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import hashlib
import io
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

from .findings import Finding, Location, Outcome, Severity
from .messages import Template

MESSAGES = {
    "missing_file": Template(
        "filen finnes ikke (skjemaet {schema} viser til den)",
        "the file does not exist (schema {schema} refers to it)",
    ),
    "not_a_file": Template(
        "dette er ikke en vanlig fil, men {what_nb} (skjemaet {schema} viser til den); kssqa "
        "leser bare vanlige filer",
        "this is not a regular file but {what_en} (schema {schema} refers to it); kssqa reads "
        "regular files only",
    ),
    "unreadable": Template("filen kan ikke leses: {reason}", "the file cannot be read: {reason}"),
    "invisible_character": Template(
        "cellen inneholder et usynlig tegn som rapporten ikke kan trykke ({characters}); fjern det",
        "the cell holds an invisible character that the report cannot print ({characters}); "
        "remove it",
    ),
    "not_encoding": Template(
        "filen er ikke gyldig {encoding}: byte 0x{byte} kan ikke dekodes{hint_nb}",
        "the file is not valid {encoding}: byte 0x{byte} cannot be decoded{hint_en}",
    ),
    "replacement_char": Template(
        "teksten inneholder erstatningstegnet «\ufffd»: tegn gikk tapt i en tidligere konvertering",
        "the text contains the replacement character «\ufffd»: characters were lost in an "
        "earlier conversion",
    ),
    "mojibake": Template(
        "«{text}» ser ut som UTF-8 lest som Windows-1252 (mente du «{fixed}»?)",
        "«{text}» looks like UTF-8 read as Windows-1252 (did you mean «{fixed}»?)",
    ),
    "empty_file": Template("filen er tom", "the file is empty"),
    "blank_header": Template(
        "kolonne {position} i overskriftslinjen har ikke noe navn",
        "column {position} of the header has no name",
    ),
    "duplicate_header": Template(
        "kolonnenavnet «{name}» står flere ganger i overskriftslinjen",
        "the column name «{name}» appears more than once in the header",
    ),
    "one_column": Template(
        "filen leses som én kolonne med skilletegn «{delimiter}»; skilletegn «{likely}» er "
        "sannsynlig (sett [csv] delimiter i kssqa.toml)",
        "the file reads as a single column with delimiter «{delimiter}»; delimiter «{likely}» is "
        "likely (set [csv] delimiter in kssqa.toml)",
    ),
    "ragged_row": Template(
        "raden har {found} celler, overskriften har {expected}{hint_nb}",
        "the row has {found} cells, the header has {expected}{hint_en}",
    ),
    "unterminated_quote": Template(
        "anførselstegnet som åpner en celle på denne linjen lukkes aldri",
        "a quote that opens a cell on this line is never closed",
    ),
    "malformed_csv": Template("ugyldig CSV: {reason}", "malformed CSV: {reason}"),
}

_CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
# What a path can be instead of a regular file, as messages name it (nb, en).
_NOT_A_FILE = (
    (stat.S_ISDIR, "en mappe", "a folder"),
    (stat.S_ISFIFO, "en navngitt pipe (FIFO)", "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "en socket", "a socket"),
)
# Characters that a printed report cannot hold and that make two equal-looking cells differ:
# control characters (a tab or a line break inside a quoted cell is printable text) and the
# byte order mark, which belongs at the start of a file, not inside a cell.
_PRINTABLE_CONTROLS = "\t\n\r"
BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class Table:
    """One input table: every cell as text (``None`` for an empty cell)."""

    name: str
    path: Path
    display_path: str  # the path shown to users (relative to the project root)
    columns: tuple[str, ...]
    frame: pd.DataFrame  # object dtype; DataFrame row i came from file line lines[i]
    lines: np.ndarray  # int64: the file line of each row (an array: 8 bytes a row, not ~40)
    sha256: str
    clean: bool = False  # the reader found no invisible character anywhere in the file

    def line_of(self, index: int) -> int:
        return int(self.lines[index])

    def cells(self, column: str) -> list[str | None]:
        """The column's cells as a list: a check reading cell by cell reads a list, not the
        frame (``frame.at`` costs microseconds a cell, a list index nanoseconds)."""
        cache = self.__dict__.setdefault("_cells", {})  # frozen: set through __dict__
        if column not in cache:
            cache[column] = self.frame[column].tolist()
        return cache[column]

    def location(self, index: int, column: str | None = None) -> Location:
        """Where row ``index`` is (at ``column``), with its section and quote when it has them."""
        section = self.cells("section")[index] if "section" in self.columns else None
        quote = self.cells("quote")[index] if "quote" in self.columns else None
        printed = self.cells(column)[index] if column in self.columns else None
        line = int(self.lines[index])
        return Location(self.display_path, line, column, section, quote, printed)


class TableReadError(Exception):
    """The file cannot be read faithfully; carries one finding per problem."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f.text("en") for f in findings))


def input_finding(
    code: str, display_path: str, line: int | None = None, column: str | None = None, **params
) -> Finding:
    """A finding that says an input could not be read: severity error, blocks the run."""
    return Finding(
        check_id=f"input.{code}",
        kind="input",
        severity=Severity.ERROR,
        outcome=Outcome.ERROR,
        message=MESSAGES[code].render(**params),
        locations=(Location(display_path, line, column),),
        blocks_run=True,
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _decode(raw: bytes, encoding: str, display: str) -> str:
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        encoding = "utf-8-sig"  # accepts and drops a BOM
    try:
        return raw.decode(encoding, errors="strict")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint_nb = hint_en = ""
        if encoding == "utf-8-sig":
            try:
                raw.decode("cp1252")
                hint_nb = "; filen ser ut som Windows-1252/Latin-1 — lagre den som UTF-8, eller "
                hint_nb += "angi [csv] encoding i kssqa.toml"
                hint_en = "; the file looks like Windows-1252/Latin-1 — save it as UTF-8, or "
                hint_en += "name the encoding in kssqa.toml [csv] encoding"
            except UnicodeDecodeError:
                pass
        byte = f"{raw[error.start]:02X}"
        raise TableReadError(
            [
                input_finding(
                    "not_encoding",
                    display,
                    line,
                    encoding=encoding.replace("-sig", "").upper(),
                    byte=byte,
                    hint_nb=hint_nb,
                    hint_en=hint_en,
                )
            ]
        ) from None


def _undo_mojibake(text: str) -> str | None:
    """The intended text if ``text`` is UTF-8 that was decoded as Windows-1252, else None."""
    if text.isascii():
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def _likely_delimiter(line: str, configured: str) -> str | None:
    counts = {d: line.count(d) for d in _CANDIDATE_DELIMITERS if d != configured}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def _shown(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


def _records(text: str, delimiter: str, display: str):
    """Yield (first physical line, cells) for each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = str(error)
            code = "unterminated_quote" if "unexpected end of data" in reason else "malformed_csv"
            raise TableReadError([input_finding(code, display, start, reason=reason)]) from None
        previous_end = reader.line_num
        if cells:  # csv yields [] for a blank line
            yield start, cells


def _unquoted_records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The records of a text without quotes, carriage returns or NULs, as _records reads
    them: a record is a non-blank line, its cells what the delimiter separates (one pass in C
    per line instead of the csv module's generator)."""
    lines = enumerate(text.split("\n"), start=1)
    return [(number, line.split(delimiter)) for number, line in lines if line]


def _check_header(header: list[str], display: str, delimiter: str, first_line: str) -> list:
    problems = []
    if len(header) == 1:
        likely = _likely_delimiter(first_line, delimiter)
        if likely:
            problems.append(
                input_finding(
                    "one_column", display, 1, delimiter=_shown(delimiter), likely=_shown(likely)
                )
            )
            return problems
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name.strip():
            problems.append(input_finding("blank_header", display, 1, position=position))
        elif name in seen:
            problems.append(input_finding("duplicate_header", display, 1, name, name=name))
        seen.add(name)
    return problems


def _cell_problems(line: int, cells: list[str], header: list[str], display: str) -> list:
    problems = []
    for column, cell in zip(header, cells, strict=False):
        if "\ufffd" in cell:
            problems.append(input_finding("replacement_char", display, line, column))
            continue
        fixed = _undo_mojibake(cell)
        if fixed is not None:
            problems.append(
                input_finding("mojibake", display, line, column, text=cell, fixed=fixed)
            )
    return problems


def _not_a_file(path: Path, display: str, schema: str) -> Finding:
    mode = path.stat().st_mode
    what_nb, what_en = next(
        ((nb, en) for test, nb, en in _NOT_A_FILE if test(mode)),
        ("en spesialfil", "a special file"),
    )
    return input_finding("not_a_file", display, schema=schema, what_nb=what_nb, what_en=what_en)


# Every character _invisible can find (the C0 and C1 controls, the byte order mark), to skip
# the ordinary cells quickly; _invisible then decides.
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\ufeff]")


def _invisible(cell: str) -> list[str]:
    return [
        c
        for c in dict.fromkeys(cell)
        if c == BYTE_ORDER_MARK
        or (unicodedata.category(c) == "Cc" and c not in _PRINTABLE_CONTROLS)
    ]


def _code_point(character: str) -> str:
    name = "BYTE ORDER MARK" if character == BYTE_ORDER_MARK else unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")


def invisible_characters(table: Table) -> list[Finding]:
    """A finding for each cell holding an invisible character; the cell is kept as it is.

    Unlike lost characters (a file that cannot be read faithfully), the table stays usable:
    the finding fails the run (exit 1) and every other check still sees the table.
    """
    if table.clean:
        return []
    cells = [(Location(table.display_path, 1, column), column) for column in table.columns]
    for column in table.columns:  # after the header, the rows: only cells that need a look
        if not _SUSPECT.search("".join(filter(None, table.cells(column)))):
            continue  # one search over the whole column finds nothing: no cell to look at
        for index, cell in enumerate(table.cells(column)):
            if cell and _SUSPECT.search(cell):
                location = table.location(index, column)
                cells.append((location, cell))
    findings = []
    for location, cell in cells:
        found = _invisible(cell) if cell else []
        if found:
            message = MESSAGES["invisible_character"].render(
                characters=", ".join(_code_point(c) for c in found)
            )
            findings.append(
                Finding(
                    check_id="input.invisible_character",
                    kind="input",
                    severity=Severity.ERROR,
                    outcome=Outcome.FAIL,
                    message=message,
                    locations=(location,),
                    actual=cell,
                )
            )
    return findings


def read_table(
    name: str, path: Path, display: str, *, encoding: str = "utf-8", delimiter: str = ","
) -> Table:
    """Read ``path`` strictly. Raises :class:`TableReadError` with every problem found."""
    with _collector_paused():
        return _read_table(name, path, display, encoding, delimiter)


@contextlib.contextmanager
def _collector_paused():
    """Reading makes a list per row and a string per cell, and no reference cycle: the cyclic
    garbage collector, which would walk the growing heap again and again (quadratic in the
    rows), is paused meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_table(name: str, path: Path, display: str, encoding: str, delimiter: str) -> Table:
    if not path.is_file():  # a named pipe is never opened: reading it waits for a writer
        if path.exists():
            raise TableReadError([_not_a_file(path, display, name)])
        raise TableReadError([input_finding("missing_file", display, schema=name)])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TableReadError(
            [input_finding("unreadable", display, reason=error.strerror or str(error))]
        ) from None
    text = _decode(raw, encoding, display)
    if not text.strip():
        raise TableReadError([input_finding("empty_file", display)])
    quick = _read_by_pandas(text, _utf8_body(raw, text, encoding), delimiter, display)
    if quick is not None:
        *read, clean = quick
        return _table(name, path, display, *read, raw, clean=clean)

    if '"' in text or "\r" in text or "\x00" in text:
        records = list(_records(text, delimiter, display))
    else:
        records = _unquoted_records(text, delimiter)
    if not records:  # pragma: no cover - a non-blank text has at least one record
        raise TableReadError([input_finding("empty_file", display)])
    (_, header), body = records[0], records[1:]
    first_line = text.splitlines()[0] if len(header) == 1 else ""  # only a hint needs it
    problems = _check_header(header, display, delimiter, first_line)
    if problems:
        raise TableReadError(problems)

    if not problems and "\ufffd" not in text and not _cell_problems(1, header, header, display):
        fast = _fast_rows(body, header, display)
        if fast is not None:
            return _table(name, path, display, header, *fast, raw)
    rows, lines = [], []
    for line, cells in body:
        if len(cells) != len(header):
            likely = (
                _likely_delimiter(delimiter.join(cells), delimiter) if len(cells) == 1 else None
            )
            problems.append(
                input_finding(
                    "ragged_row",
                    display,
                    line,
                    found=len(cells),
                    expected=len(header),
                    hint_nb=f"; skilletegn «{_shown(likely)}» er sannsynlig" if likely else "",
                    hint_en=f"; delimiter «{_shown(likely)}» likely" if likely else "",
                )
            )
            continue
        problems.extend(_cell_problems(line, cells, header, display))
        rows.append([cell if cell != "" else None for cell in cells])
        lines.append(line)
    problems.extend(_cell_problems(1, header, header, display))
    if problems:
        raise TableReadError(problems)

    columns = [list(column) for column in zip(*rows, strict=True)] or [[] for _ in header]
    return _table(name, path, display, header, columns, lines, raw)


def _utf8_body(raw: bytes, text: str, encoding: str) -> bytes:
    """The text as UTF-8 bytes without a byte order mark: the file's own bytes when it is
    UTF-8 (no copy of a large register), else the decoded text encoded once."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        return raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    return text.encode("utf-8")


def _read_by_pandas(text: str, body: bytes, delimiter: str, display: str):
    """(header, columns, lines, clean) read by pandas' C reader from ``body`` (the text as
    UTF-8), ``clean`` when no cell holds an invisible character, for a plain file: no quoting,
    carriage return, NUL or lost character, an ASCII delimiter, and every non-blank line with
    as many cells as the header (counted over the bytes with numpy); else None, and the strict
    reading decides (and reports what is wrong). A register of a million rows is read in a
    second instead of ten. Empty cells become None, as in the strict reading; the encoding
    checks look at each distinct cell once.
    """
    if not delimiter.isascii() or len(delimiter) != 1 or any(c in text for c in '"\r\x00\ufffd'):
        return None
    import numpy as np
    import pandas as pd

    data = np.frombuffer(body, dtype=np.uint8)
    newlines = np.flatnonzero(data == ord("\n"))
    separators = np.flatnonzero(data == ord(delimiter))  # positions, not a count per byte
    starts = np.concatenate(([0], newlines + 1))
    ends = np.append(newlines, len(data))
    clean = _no_invisible(data, len(newlines), "\ufeff" in text)
    del data
    cells = np.searchsorted(separators, ends) - np.searchsorted(separators, starts) + 1
    numbers = np.flatnonzero(ends > starts) + 1  # the non-blank lines (1-based)
    if len(numbers) < 2 or len(set(cells[numbers - 1].tolist())) != 1 or cells[0] < 2:
        return None  # a ragged row, a blank first line, or one column: the strict reading
    header = text[: ends[0]].split(delimiter)
    if _check_header(header, display, delimiter, "") or _cell_problems(1, header, header, ""):
        return None
    frame = pd.read_csv(  # bytes: a StringIO would hold the text again at 4 bytes a character
        io.BytesIO(body),
        encoding="utf-8",
        sep=delimiter,
        dtype=str,
        na_filter=False,
        keep_default_na=False,
        quoting=csv.QUOTE_NONE,
        skip_blank_lines=True,
        engine="c",
    )
    if list(frame.columns) != header or len(frame) != len(numbers) - 1:
        return None
    columns = []
    for name in header:
        column = frame[name].to_numpy(dtype=object)
        # an ASCII column (one test of its joined text) has no cell for the encoding checks
        ascii_only = "".join(column).isascii()
        unusual = [] if ascii_only else [c for c in pd.unique(column) if not c.isascii()]
        if _cell_problems(1, unusual, [name] * len(unusual), display):
            return None
        empty = column == ""
        if empty.any():
            column = column.copy()
            column[empty] = None
        columns.append(column)
    return header, columns, numbers[1:], clean


def _no_invisible(data, newlines: int, byte_order_mark: bool) -> bool:
    """Whether a file's UTF-8 bytes hold no character that :func:`invisible_characters` looks
    for — no control character but line ends and tabs, no C1 control (two bytes, the first
    0xC2), no byte order mark — counted over the bytes with numpy instead of a search of every
    cell. (Not np.bincount: it would count through a copy of the bytes at 8 bytes each.)"""
    import numpy as np

    if byte_order_mark or np.count_nonzero(data == 0x7F):
        return False
    tabs = np.count_nonzero(data == ord("\t"))
    if np.count_nonzero(data < 0x20) != newlines + tabs:  # "\r" never reaches this reader
        return False
    leads = np.flatnonzero(data[:-1] == 0xC2)
    return not np.any((data[leads + 1] >= 0x80) & (data[leads + 1] <= 0x9F))


def _fast_rows(body: list, header: list[str], display: str):
    """The cells column by column and the lines, when no row is ragged and no distinct cell
    needs a finding; else None (the row-by-row reading then reports each problem in order).

    A register repeats its categories and dates: each distinct cell is looked at once.
    """
    if {len(cells) for _, cells in body} - {len(header)}:
        return None
    lines = [line for line, _ in body]
    columns = [list(column) for column in zip(*[cells for _, cells in body], strict=True)]
    for number, (name, column) in enumerate(zip(header, columns, strict=False)):
        distinct = set(column)
        unusual = [cell for cell in distinct if not cell.isascii()]
        if _cell_problems(1, unusual, [name] * len(unusual), display):
            return None
        if "" in distinct:  # an empty cell is missing (None)
            columns[number] = [cell if cell != "" else None for cell in column]
    return columns or [[] for _ in header], lines


def _table(name, path, display, header, columns, lines, raw, clean=False) -> Table:
    import numpy as np
    import pandas as pd  # here: reading a table is the first thing that needs pandas

    # a Series per column keeps None as None (a plain object array would become NaN)
    frame = pd.DataFrame(
        {h: pd.Series(column, dtype=object) for h, column in zip(header, columns, strict=True)},
        columns=header,
    )
    return Table(
        name=name,
        path=path,
        display_path=display,
        columns=tuple(header),
        frame=frame,
        lines=np.asarray(lines, dtype=np.int64),
        sha256=hashlib.sha256(raw).hexdigest(),
        clean=clean,
    )
