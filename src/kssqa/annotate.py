"""``kssqa annotate``: the findings as Word review comments on the draft's own words.

The editor writes the report in Word; every failing finding (errors and warnings) becomes a
review comment in a copy of the draft, anchored on the printed words it is about: the value
inside its sentence where the finding names one (a figure, a date, a name), else the quote, else
the whole passage. Where a finding stands in the draft comes from the manuscript reading
(:mod:`kssqa.manuscript`): a finding located in the manuscript (a quote that drifted, a name
in the running text) has its paragraph; one located in a CSV row has the row's quote, found in
the draft. A finding the draft does not print (a table with no sentence in it) is listed in one
comment at the start of the document.

The draft itself is never written: the copy goes to ``reports/<year>/<name>.kssqa.docx`` (or
``-o``, which may not be the draft). Comments carry the author ``kssqa``: annotating an
annotated copy again replaces kssqa's own comments and keeps everyone else's. The text of a
comment is the finding's own message and fields, in the report language — the words
``kssqa check`` and the HTML report use.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path

from .crosscheck import ManuscriptIndex
from .findings import Finding, Location
from .manuscript import Manuscript, plain
from .messages import Template
from .output import write_atomic

AUTHOR = "kssqa"
INITIALS = "KQ"
SEVERITIES = ("error", "warning")  # what a comment is made for; info stays in the reports

TEXT = {
    "severity": Template("{severity_nb}", "{severity_en}"),
    "printed": Template("Trykt: {value}", "Printed: {value}"),
    "expected": Template("Forventet: {value}", "Expected: {value}"),
    "suggestion": Template("Forslag: {value}", "Suggestion: {value}"),
    "elsewhere": Template(
        "kssqa fant {count} avvik som ikke står i en setning i utkastet:",
        "kssqa found {count} findings that stand in no sentence of the draft:",
    ),
}
SEVERITY_WORDS = {"error": ("Feil", "Error"), "warning": ("Advarsel", "Warning")}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class AnnotateError(Exception):
    """The copy cannot be made (the output is the draft itself, the draft is not .docx)."""


@dataclass
class Annotation:
    output: Path
    anchored: int = 0
    elsewhere: list[Finding] = field(default_factory=list)
    replaced: int = 0  # kssqa's comments of an earlier run, removed


def comment_text(finding: Finding, title: str, lang: str) -> str:
    """A finding as a review comment: severity and title, what is printed, what the other
    figures imply, the suggestion, and the finding's message."""
    words = SEVERITY_WORDS.get(str(finding.severity), (str(finding.severity),) * 2)
    severity = TEXT["severity"].render(severity_nb=words[0], severity_en=words[1])[lang]
    lines = [f"{severity}: {title}" if title else severity, finding.text(lang)]
    for name in ("actual", "expected", "suggestion"):
        value = finding.value(name, lang)
        if value:
            label = {"actual": "printed"}.get(name, name)
            lines.append(TEXT[label].render(value=value)[lang])
    return "\n".join(lines)


# --- where a finding stands in the draft -----------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    passage: int  # index into the manuscript's passages
    text: str  # the words to mark, as the draft prints them


def anchor_of(finding: Finding, index: ManuscriptIndex) -> Anchor | None:
    """The narrowest printed words of the draft that a finding is about, if it has any."""
    manuscript = index.manuscript
    for location in finding.locations:
        if location.file == manuscript.display and location.row is not None:
            number = next(
                (i for i, p in enumerate(index.passages) if p.position == location.row), None
            )
            if number is not None:
                return Anchor(number, _narrowest(finding, index.passages[number].text))
    for location in finding.locations:
        if location.quote:
            place = index.find(location.quote, location.section)
            if place is not None:
                quote = index.passages[place.passage].text[place.start : place.end]
                return Anchor(place.passage, _narrowest(finding, quote, location))
    return None


def _narrowest(finding: Finding, text: str, location: Location | None = None) -> str:
    """The printed value inside ``text`` when the finding names one, else all of ``text``."""
    for value in (finding.value("actual"),):
        if value and plain(str(value)) and plain(str(value)) in text:
            return plain(str(value))
    return text


# --- the Word document -----------------------------------------------------------------------


def _blocks(document) -> list[list]:
    """The draft's paragraphs per manuscript position: a paragraph, or a table row's cell
    paragraphs (the order and numbering of kssqa.manuscript's reading of a .docx)."""
    blocks: list[list] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.extend(cell.paragraphs)
                blocks.append(cells)
        else:
            blocks.append([item])
    return blocks


def _split(run, at: int):
    """Split a run at character ``at``: the run keeps the text before, a copy after it the
    rest (same formatting). Returns the new run."""
    from docx.text.run import Run

    text = run.text
    element = copy.deepcopy(run._r)
    run._r.addnext(element)
    run.text = text[:at]
    after = Run(element, run._parent)
    after.text = text[at:]
    return after


def isolate(paragraph, start: int, end: int) -> list:
    """The runs that hold exactly the characters ``start:end`` of the paragraph's runs' text,
    splitting the runs at both ends (formatting kept)."""
    offset, chosen = 0, []
    for run in list(paragraph.runs):
        length = len(run.text)
        first, last = offset, offset + length
        offset = last
        if last <= start or first >= end or not length:
            continue
        if first < start:
            run = _split(run, start - first)
            first = start
        if last > end:
            _split(run, end - first)
        chosen.append(run)
    return chosen


def _runs_for(paragraphs: list, text: str) -> list:
    """The runs that print ``text`` in one of the paragraphs (whitespace as printed there), or
    all runs of the first paragraph that has any."""
    import re

    words = [re.escape(w) for w in text.split()]
    pattern = re.compile(r"\s+".join(words)) if words else None
    for paragraph in paragraphs:
        joined = "".join(run.text for run in paragraph.runs)
        found = pattern.search(joined) if pattern else None
        if found:
            runs = isolate(paragraph, found.start(), found.end())
            if runs:
                return runs
    for paragraph in paragraphs:
        if paragraph.runs:
            return list(paragraph.runs)
    return []


def remove_own_comments(document) -> int:
    """Remove the comments an earlier kssqa run made (author kssqa), with their marks in the
    text; everyone else's stay."""
    ids = set()
    for comment in list(document.comments):
        if comment.author == AUTHOR:
            element = comment._comment_elm
            ids.add(element.get(f"{_W}id"))
            element.getparent().remove(element)
    if not ids:
        return 0
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for element in list(body.iter(f"{_W}{tag}")):
            if element.get(f"{_W}id") in ids:
                element.getparent().remove(element)
    for reference in list(body.iter(f"{_W}commentReference")):
        if reference.get(f"{_W}id") in ids:
            run = reference.getparent()
            run.getparent().remove(run)
    return len(ids)


def annotate(
    draft: Path,
    manuscript: Manuscript,
    findings: list[Finding],
    titles: dict[str, str],
    output: Path,
    lang: str = "nb",
) -> Annotation:
    """Write ``output``: a copy of ``draft`` with one comment per finding (module doc)."""
    from docx import Document

    if output.resolve() == draft.resolve():
        raise AnnotateError(f"{output}: the output would overwrite the draft; give another -o")
    if draft.suffix.lower() != ".docx":
        raise AnnotateError(f"{draft}: comments go into a Word draft (.docx) only")
    document = Document(io.BytesIO(draft.read_bytes()))
    result = Annotation(output, replaced=remove_own_comments(document))
    blocks = _blocks(document)
    index = ManuscriptIndex(manuscript)
    for finding in findings:
        anchor = anchor_of(finding, index)
        position = index.passages[anchor.passage].position if anchor else None
        paragraphs = blocks[position - 1] if position and position <= len(blocks) else []
        runs = _runs_for(paragraphs, anchor.text) if anchor else []
        if not runs:
            result.elsewhere.append(finding)
            continue
        text = comment_text(finding, titles.get(finding.check_id, ""), lang)
        document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        result.anchored += 1
    if result.elsewhere:
        _list_elsewhere(document, result.elsewhere, titles, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(output, buffer.getvalue())
    return result


def _list_elsewhere(document, findings: list[Finding], titles: dict[str, str], lang: str):
    """One comment at the start of the document listing the findings with no place in it."""
    first = next((p for p in document.paragraphs if p.runs), None)
    if first is None:
        return
    head = TEXT["elsewhere"].render(count=len(findings))[lang]
    lines = [head] + [
        f"- {f.locations[0].label() if f.locations else f.check_id}: "
        f"{comment_text(f, titles.get(f.check_id, ''), lang)}"
        for f in findings
    ]
    document.add_comment(first.runs, text="\n".join(lines), author=AUTHOR, initials=INITIALS)


# --- the manuscript view of the HTML report (a Markdown draft gets the same help) ------------


def manuscript_view(manuscript: Manuscript, findings: list[Finding]) -> list[dict]:
    """The draft's passages (contents left out), each with the spans of the findings that
    stand in it: {chapter, section, position, text, marks: [{start, end, fingerprint,
    severity}]} — for the HTML report to show the text with each finding's words marked."""
    index = ManuscriptIndex(manuscript)
    marks: dict[int, list[dict]] = {}
    for finding in findings:
        anchor = anchor_of(finding, index)
        if anchor is None:
            continue
        text = index.passages[anchor.passage].text
        start = text.find(anchor.text)
        if start < 0:
            continue
        marks.setdefault(anchor.passage, []).append(
            {
                "start": start,
                "end": start + len(anchor.text),
                "fingerprint": finding.fingerprint,
                "severity": str(finding.severity),
            }
        )
    return [
        {
            "chapter": passage.chapter,
            "section": passage.section,
            "position": passage.position,
            "kind": passage.kind,
            "text": passage.text,
            "marks": _disjoint(marks.get(number, [])),
        }
        for number, passage in enumerate(manuscript.passages)
        if passage.kind != "toc"
    ]


def _disjoint(marks: list[dict]) -> list[dict]:
    """Marks in order, an overlapping one dropped (two findings on one cell: the first)."""
    kept: list[dict] = []
    for mark in sorted(marks, key=lambda m: (m["start"], -m["end"])):
        if not kept or mark["start"] >= kept[-1]["end"]:
            kept.append(mark)
    return kept
