"""The report's manuscript as kssqa reads it: passages in document order, each with its place.

A manuscript is the drafted report itself — a Word document (``.docx``) or text in the layout
of the bundled 2025 report (``.md``/``.txt``: ``#`` headings, tab-separated table rows,
``*``/``**`` emphasis, ``<b>``/``<i>`` tags, ``[text](#)`` links). It becomes a list of
passages: a heading, a paragraph (a line of the text file) or a table row (its cells joined by
`` | ``, the form the inputs' quotes use). Each passage keeps

- its position: the line of a text file, or the paragraph number of a Word document (table
  rows counted as paragraphs), so a finding can point into the manuscript;
- its section: the nearest entry of the report's table of contents ("Innhold") as written
  there, with `` > `` and the nearest heading that is not itself in the table of contents —
  the same form as the inputs' ``section`` column — and its chapter (the top-level entry).

The manuscript is only ever read. A file kssqa cannot read faithfully (an old binary ``.doc``,
an encrypted or damaged ``.docx``, text that is not UTF-8, an empty file) raises
:class:`ManuscriptError` with what to do.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".docx", ".md", ".txt")
TOC_HEADINGS = ("innhold", "innholdsfortegnelse", "contents", "table of contents")
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, and encrypted .docx

_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_LINK_END = re.compile(r"\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"\*+")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_SPACE = re.compile(r"\s+")
_TOC_ENTRY = re.compile(r"^(?P<title>.*?)\s*\.{2,}\s*(?:\|\s*)?(?P<page>\d+)?\s*$")


class ManuscriptError(Exception):
    """The manuscript cannot be read faithfully: where, why, and what to do."""

    def __init__(self, display: str, reason: str, line: int | None = None):
        self.display, self.reason, self.line = display, reason, line
        where = f"{display}:{line}" if line is not None else display
        super().__init__(f"{where}: {reason}")


@functools.lru_cache(maxsize=8192)  # the cross-check, names and dates read the same passages
def plain(text: str) -> str:
    """Text without markup, as the inputs' quotes write it: links as their text, emphasis,
    heading marks and HTML tags dropped, table cells joined by " | ", whitespace as one space.
    """
    text = _HEADING.sub("", text)
    text = _LINK.sub(r"\1", text)
    # what is left of a link cut in two (a quote ending inside one): its brackets
    text = _LINK_END.sub("", text).replace("[", "").replace("]", "")
    text = _TAG.sub("", text)
    text = html.unescape(_EMPHASIS.sub("", text))
    cells = [_SPACE.sub(" ", cell).strip() for cell in text.split("\t")]
    return " | ".join(cells).strip()


def heading_key(text: str) -> str:
    """A heading or table-of-contents title, for comparing one with the other."""
    return plain(text).strip(" :").casefold()


@dataclass(frozen=True)
class Passage:
    text: str  # plain text (see plain())
    position: int  # line of a text file; paragraph number of a Word document
    kind: str  # heading | paragraph | table_row | toc
    level: int = 0  # a heading's level (1 = top)
    section: str = ""  # as the inputs' section column writes it
    chapter: str = ""  # the top-level entry of the table of contents


@dataclass
class Manuscript:
    path: Path
    display: str  # the path shown to the user
    sha256: str
    passages: list[Passage] = field(default_factory=list)
    toc: list[tuple[str, int]] = field(default_factory=list)  # (title as written, level)

    @property
    def unit(self) -> str:
        """What a passage's position counts: lines of a text file, paragraphs of Word."""
        return "paragraph" if self.path.suffix.lower() == ".docx" else "line"


@dataclass(frozen=True)
class _Block:
    """A piece of the document before sections are known."""

    text: str
    position: int
    kind: str
    level: int = 0
    emphasis: str = ""  # "b" or "i": how a table-of-contents entry is set


# --- reading -------------------------------------------------------------------------------


def read_manuscript(path: Path, display: str) -> Manuscript:
    """Read a ``.docx``, ``.md`` or ``.txt`` manuscript; raises ManuscriptError."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " — save it as .docx" if suffix in (".doc", ".rtf", ".odt", ".pdf") else ""
        kind = suffix or "a file without extension"
        raise ManuscriptError(
            display, f"kssqa reads manuscripts as {', '.join(SUFFIXES)}, not {kind}{hint}"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ManuscriptError(display, f"cannot be read: {error.strerror or error}") from None
    if not raw.strip():
        raise ManuscriptError(display, "the manuscript is empty")
    blocks = _docx_blocks(raw, display) if suffix == ".docx" else _text_blocks(raw, display)
    manuscript = Manuscript(path, display, hashlib.sha256(raw).hexdigest())
    manuscript.toc = _table_of_contents(blocks)
    manuscript.passages = _place(blocks, manuscript.toc)
    if not any(p.text for p in manuscript.passages):
        raise ManuscriptError(display, "the manuscript has no text")
    return manuscript


def _text_blocks(raw: bytes, display: str) -> list[_Block]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ManuscriptError(
            display,
            f"not UTF-8 text (byte 0x{raw[error.start]:02X}); save the manuscript as UTF-8 "
            "(or as .docx)",
            line,
        ) from None
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        emphasis = "b" if "<b>" in line else "i" if "<i>" in line else ""
        if heading:
            blocks.append(_Block(plain(line), number, "heading", len(heading.group(1))))
        elif "\t" in line.strip("\t") or line.startswith("\t"):
            blocks.append(_Block(plain(line), number, "table_row", emphasis=emphasis))
        else:
            blocks.append(_Block(plain(line), number, "paragraph", emphasis=emphasis))
    return blocks


def _docx_blocks(raw: bytes, display: str) -> list[_Block]:
    if raw.startswith(OLE_SIGNATURE):
        raise ManuscriptError(
            display,
            "an old binary Word file or a password-protected document, which kssqa "
            "cannot read; save an unprotected copy as .docx (Word: File > Save As > .docx)",
        )
    import io

    from docx import Document  # python-docx: only imported when a Word manuscript is read

    try:
        document = Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ManuscriptError(
            display,
            f"not a readable Word document ({type(error).__name__}: {error}); open "
            "it in Word and save it again as .docx",
        ) from None
    except Exception as error:  # python-docx raises its own package errors
        raise ManuscriptError(
            display,
            f"not a readable Word document ({type(error).__name__}); open it in "
            "Word and save it again as .docx",
        ) from None
    blocks: list[_Block] = []
    position = 0
    # a paragraph's style by its id, looked up once (python-docx's paragraph.style is slow)
    style_names = {style.style_id: style.name for style in document.styles}
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table: one block per row
            for row in item.rows:
                position += 1
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text.replace("\t", " ").replace("\n", " "))
                blocks.append(_Block(plain("\t".join(cells)), position, "table_row"))
            continue
        position += 1
        text = item.text
        if not text.strip():
            continue
        level = _heading_level(style_names.get(item._p.style, item._p.style or ""))
        runs = [r for r in item.runs if r.text.strip()]
        emphasis = ""
        if runs and all(r.bold for r in runs):
            emphasis = "b"
        elif runs and all(r.italic for r in runs):
            emphasis = "i"
        kind = "heading" if level else "paragraph"
        blocks.append(_Block(plain(text), position, kind, level, emphasis))
    return blocks


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    found = re.match(r"^(?:Heading|Overskrift)\s*(\d)$", style)
    return int(found.group(1)) if found else 0


# --- table of contents and sections --------------------------------------------------------


def _toc_range(blocks: list[_Block]) -> tuple[int, int] | None:
    for index, block in enumerate(blocks):
        if block.kind == "heading" and heading_key(block.text) in TOC_HEADINGS:
            end = next(
                (j for j in range(index + 1, len(blocks)) if blocks[j].kind == "heading"),
                len(blocks),
            )
            return index, end
    return None


def _table_of_contents(blocks: list[_Block]) -> list[tuple[str, int]]:
    found = _toc_range(blocks)
    if found is None:
        return []
    entries = []
    for block in blocks[found[0] + 1 : found[1]]:
        entry = _TOC_ENTRY.match(block.text)
        title = (entry.group("title") if entry else block.text).strip()
        if title:
            entries.append((title, 2 if block.emphasis == "i" else 1))
    return entries


# A heading is the next entries of the table of contents it nearly equals: the contents list
# the chapters in order, and a sub-heading that repeats a later chapter's title ("Økonomi" of
# one service, long before the chapter "Økonomi") is not that chapter.
TOC_LOOKAHEAD = 4
TOC_SIMILARITY = 90  # a misspelt heading ("Kriesesentersekretariatet") is still its entry


def _toc_entry(text: str, toc: list[tuple[str, int]], start: int) -> int | None:
    from rapidfuzz import fuzz

    key = heading_key(text)
    window = range(start, min(start + TOC_LOOKAHEAD, len(toc)))
    for index in window:
        if heading_key(toc[index][0]) == key:
            return index
    for index in window:
        if fuzz.ratio(heading_key(toc[index][0]), key) >= TOC_SIMILARITY:
            return index
    return None


def _place(blocks: list[_Block], toc: list[tuple[str, int]]) -> list[Passage]:
    """Give every block its section and chapter, walking the document in order."""
    toc_range = _toc_range(blocks)
    entry = chapter = sub = ""
    next_entry = 0
    passages = []
    for index, block in enumerate(blocks):
        in_toc = toc_range is not None and toc_range[0] < index < toc_range[1]
        if block.kind == "heading":
            found = _toc_entry(block.text, toc, next_entry) if toc else None
            if found is not None:
                (entry, level), sub, next_entry = toc[found], "", found + 1
                if level == 1:
                    chapter = entry
            elif toc_range is not None and index == toc_range[0] or not toc and block.level == 1:
                entry, chapter, sub = block.text, block.text, ""
            else:
                sub = block.text.strip()
        section = f"{entry} > {sub}" if entry and sub else entry or sub
        kind = "toc" if in_toc else block.kind
        passages.append(
            Passage(block.text, block.position, kind, block.level, section, chapter or entry)
        )
    return passages
