"""The inputs against their manuscript: quotes found, values inside quotes, figures covered.

Three questions, asked of every confirmed row of every table:

- **quote**: is the row's ``quote`` printed in the manuscript? Both sides are compared without
  markup and with whitespace and line breaks normalised (:func:`kssqa.manuscript.plain`). A
  quote that is gone or was changed is an error showing the closest passage and what differs,
  so the CSVs cannot drift silently from the text.
- **value**: is each printed value of the row (the schema's ``printed`` columns) inside its
  quote, as printed? This needs no manuscript.
- **coverage**: is every figure printed in the manuscript (numbers, percentages, amounts,
  dates; a year alone is context) some row's value at that place? Uncovered figures are
  listed with their sentence, as information: a figure the inputs never took is not checked.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field
from typing import Any

from .data import TableData
from .findings import Finding, Location, Outcome, Severity
from .manuscript import Manuscript, Passage, plain
from .messages import Template, local, replacement
from .tokens import Token, figures

KIND = "manuscript"
QUOTE_COLUMN = "quote"
MAX_QUOTED = 160  # characters of a passage shown in a message

MESSAGES = {
    "quote_missing": Template(
        "sitatet står ikke i manuskriptet {manuscript}; nærmest er {place} ({score} % likt): "
        "«{closest}»{diff_nb}",
        "the quote is not in the manuscript {manuscript}; closest is {place} ({score} % alike): "
        "«{closest}»{diff_en}",
    ),
    "quote_nothing_close": Template(
        "sitatet står ikke i manuskriptet {manuscript}, og ingen passasje ligner",
        "the quote is not in the manuscript {manuscript}, and no passage is like it",
    ),
    "diff": Template("; forskjell: {changes}", "; differs: {changes}"),
    "quotes_pass": Template(
        "alle {count} sitater i {table} står i manuskriptet {manuscript}",
        "all {count} quotes of {table} are in the manuscript {manuscript}",
    ),
    "value_missing": Template(
        "«{value}» ({column}) står ikke i radens sitat «{quote}»",
        "«{value}» ({column}) is not in the row's quote «{quote}»",
    ),
    "values_pass": Template(
        "alle {count} verdier i {table} står i sitatene sine",
        "all {count} values of {table} are inside their quotes",
    ),
    "position": Template(
        "raden sier {column} {value}, men sitatet står på {unit} {found} i {manuscript}",
        "the row says {column} {value}, but the quote stands on {unit} {found} of {manuscript}",
    ),
    "uncovered": Template(
        "«{figure}» er trykt i «{chapter}», men ingen rad i inndataene har den: den kontrolleres "
        "ikke",
        "«{figure}» is printed in «{chapter}», but no row of the inputs has it: it is not checked",
    ),
}


@dataclass
class ChapterCoverage:
    chapter: str
    figures: int = 0
    covered: int = 0


@dataclass
class CrossCheck:
    findings: list[Finding] = field(default_factory=list)
    chapters: list[ChapterCoverage] = field(default_factory=list)
    uncovered: list[dict[str, Any]] = field(default_factory=list)

    def coverage(self) -> dict[str, Any]:
        total = sum(c.figures for c in self.chapters)
        covered = sum(c.covered for c in self.chapters)
        return {
            "figures": total,
            "covered": covered,
            "chapters": [vars(c) for c in self.chapters],
            "uncovered": self.uncovered,
        }


# --- finding quotes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a quote stands: a passage and the span of the quote in its text."""

    passage: int
    start: int
    end: int


class ManuscriptIndex:
    """The manuscript's passages as one text, for finding quotes quickly."""

    def __init__(self, manuscript: Manuscript):
        self.manuscript = manuscript
        self.passages = manuscript.passages
        self.starts: list[int] = []
        offset = 0
        for passage in self.passages:
            self.starts.append(offset)
            offset += len(passage.text) + 1
        self.text = "\n".join(p.text for p in self.passages)
        self._places: dict[str, list[Place]] = {}  # a quote's places: many rows share a quote

    def find(
        self, quote: str, section: str | None = None, position: str | None = None
    ) -> Place | None:
        """The place of ``quote`` (plain text); when it is printed twice, the one at the row's
        ``position`` (a line number it gives), else the one in its own section."""
        wanted = plain(quote)
        if not wanted:
            return None
        places = self._places.get(wanted)
        if places is None:
            places = self._places[wanted] = self._all_places(wanted)
        if not places:
            return None
        at_position = [p for p in places if str(self.passages[p.passage].position) == position]
        same_section = [p for p in places if self.passages[p.passage].section == section]
        return (at_position or same_section or places)[0]

    def _all_places(self, wanted: str) -> list[Place]:
        """Every place of ``wanted`` that lies within one passage."""
        places = []
        start = self.text.find(wanted)
        while start >= 0:
            index = bisect.bisect_right(self.starts, start) - 1
            offset = start - self.starts[index]
            if offset + len(wanted) <= len(self.passages[index].text):
                places.append(Place(index, offset, offset + len(wanted)))
            start = self.text.find(wanted, start + 1)
        return places

    def closest(self, quote: str) -> tuple[Place, float] | None:
        """The passage span most like ``quote``, with its similarity (0–100)."""
        from rapidfuzz import fuzz, process

        wanted = plain(quote)
        # a passage much shorter than the quote ("ROSA", a heading) is not where it went
        texts = {i: p.text for i, p in enumerate(self.passages) if len(p.text) >= 0.8 * len(wanted)}
        best = process.extractOne(wanted, texts, scorer=fuzz.partial_ratio, score_cutoff=60)
        if best is None:
            return None
        index = best[2]
        texts = [p.text for p in self.passages]
        alignment = fuzz.partial_ratio_alignment(wanted, texts[index])
        if alignment is None:
            return None
        return Place(index, alignment.dest_start, alignment.dest_end), alignment.score

    def place_label(self, place: Place) -> str:
        return f"{self.manuscript.display}:{self.passages[place.passage].position}"

    def location(self, place: Place) -> Location:
        passage = self.passages[place.passage]
        return Location(
            self.manuscript.display, passage.position, None, passage.section, passage.text
        )


def _changes(old: str, new: str) -> str:
    """What differs between two texts, word by word: «1 814» → «1 841»."""
    a, b = old.split(" "), new.split(" ")
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before, after = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        parts.append(replacement(before, after) if before and after else f"«{before or after}»")
    return "; ".join(parts[:4])


def _short(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


def around(text: str, start: int, end: int, width: int = MAX_QUOTED) -> str:
    """The part of ``text`` around ``start:end``, at most about ``width`` characters."""
    if len(text) <= width:
        return text
    margin = max(0, (width - (end - start)) // 2)
    first, last = max(0, start - margin), min(len(text), end + margin)
    return ("…" if first else "") + text[first:last] + ("…" if last < len(text) else "")


# --- the cross-check -----------------------------------------------------------------------


def value_spans(value: str, text: str) -> list[tuple[int, int]]:
    """Where ``value`` (plain, as printed) stands in ``text`` (plain), not as a piece of a
    longer word or number ("18" is not in "180")."""
    spans = []
    if not value:
        return spans
    start = text.find(value)
    while start >= 0:
        end = start + len(value)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and value[0].isalnum()) and not (
            after.isalnum() and value[-1].isalnum()
        ):
            spans.append((start, end))
        start = text.find(value, start + 1)
    return spans


def _printed_columns(table: TableData) -> list[str]:
    return [
        c.name
        for c in table.spec.columns
        if c.is_printed and c.name in table.table.columns and c.name != QUOTE_COLUMN
    ]


def _rows(table: TableData) -> list[int]:
    return [i for i in range(len(table.table.frame)) if i not in table.unconfirmed]


def check_values(tables: list[TableData]) -> list[Finding]:
    """Every printed value inside its row's quote (no manuscript needed)."""
    findings = []
    for table in tables:
        columns = _printed_columns(table)
        if not columns or QUOTE_COLUMN not in table.table.columns:
            continue
        checked = 0
        failed = []
        cells = {c: table.table.frame[c].tolist() for c in (*columns, QUOTE_COLUMN)}
        for index in _rows(table):
            quote = cells[QUOTE_COLUMN][index]
            if quote is None:
                continue
            text = plain(quote)
            for column in columns:
                value = cells[column][index]
                if value is None:
                    continue
                checked += 1
                if not value_spans(plain(value), text):
                    failed.append(_value_finding(table, index, column, value, quote))
        findings += failed
        if checked and not failed:
            message = MESSAGES["values_pass"].render(count=checked, table=table.name)
            findings.append(_pass(f"{KIND}.values.{table.name}", message, table))
    return findings


def _value_finding(table: TableData, index: int, column: str, value: str, quote: str):
    return Finding(
        check_id=f"{KIND}.values.{table.name}",
        kind=KIND,
        severity=Severity.ERROR,
        outcome=Outcome.FAIL,
        message=MESSAGES["value_missing"].render(value=value, column=column, quote=_short(quote)),
        locations=(table.location(index, column),),
        expected=local("«{v}» i sitatet", "«{v}» in the quote", v=value),
        actual=_short(quote),
    )


def _pass(check_id: str, message: dict[str, str], table: TableData) -> Finding:
    return Finding(
        check_id=check_id,
        kind=KIND,
        severity=Severity.INFO,
        outcome=Outcome.PASS,
        message=message,
        locations=(Location(table.table.display_path),),
    )


def cross_check(manuscript: Manuscript, tables: list[TableData]) -> CrossCheck:
    """Quotes found in the manuscript, and the coverage of its figures by the rows' values."""
    index = ManuscriptIndex(manuscript)
    result = CrossCheck()
    covered: set[tuple[int, int]] = set()  # (passage, token start)
    tokens = [figures(p.text) for p in manuscript.passages]
    for table in tables:
        if QUOTE_COLUMN not in table.table.columns:
            continue
        found = 0
        failed = []
        columns = _printed_columns(table)
        positions = [
            c.name for c in table.spec.columns if c.position and c.name in table.table.columns
        ]
        frame = table.table.frame
        cells = {c: frame[c].tolist() for c in (*columns, *positions, QUOTE_COLUMN)}
        sections = frame["section"].tolist() if "section" in frame.columns else None
        for row in _rows(table):
            quote = cells[QUOTE_COLUMN][row]
            if quote is None:
                continue
            hint = cells[positions[0]][row] if positions else None
            place = index.find(quote, sections[row] if sections else None, hint)
            if place is None:
                failed.append(_quote_finding(index, table, row, quote))
                continue
            found += 1
            for column in positions:
                failed += _position_finding(index, table, row, column, cells[column][row], place)
            values = [cells[c][row] for c in columns]
            covered |= _covered_by(values, place, index, tokens[place.passage])
        result.findings += failed
        if found and not failed:
            message = MESSAGES["quotes_pass"].render(
                count=found, table=table.name, manuscript=manuscript.display
            )
            result.findings.append(_pass(f"{KIND}.quotes.{table.name}", message, table))
    _coverage(manuscript, tokens, covered, result)
    return result


def _covered_by(
    values: list[str | None], place: Place, index: ManuscriptIndex, tokens: list[Token]
) -> set[tuple[int, int]]:
    """The figures of the passage that the row's values stand on."""
    text = index.passages[place.passage].text
    quote_text = text[place.start : place.end]
    spans = []
    for value in values:
        if value is not None:
            spans += [
                (place.start + s, place.start + e) for s, e in value_spans(plain(value), quote_text)
            ]
    return {
        (place.passage, t.start) for t in tokens if any(s < t.end and t.start < e for s, e in spans)
    }


def _position_finding(
    index: ManuscriptIndex, table: TableData, row: int, column: str, value, place: Place
) -> list[Finding]:
    """A row that says where its quote stands (a line number) and says it wrong."""
    passage = index.passages[place.passage]
    if value is None or str(value).strip() == str(passage.position):
        return []
    message = MESSAGES["position"].render(
        column=column,
        value=value,
        unit=index.manuscript.unit,
        found=passage.position,
        manuscript=index.manuscript.display,
    )
    return [
        Finding(
            check_id=f"{KIND}.quotes.{table.name}",
            kind=KIND,
            severity=Severity.ERROR,
            outcome=Outcome.FAIL,
            message=message,
            locations=(table.location(row, column), index.location(place)),
            actual=str(value),
            expected=str(passage.position),
            suggestion=str(passage.position),
        )
    ]


def _quote_finding(index: ManuscriptIndex, table: TableData, row: int, quote: str) -> Finding:
    manuscript = index.manuscript.display
    closest = index.closest(quote)
    locations = [table.location(row, QUOTE_COLUMN)]
    fields: dict[str, Any] = {"actual": _short(quote)}
    if closest is None:
        message = MESSAGES["quote_nothing_close"].render(manuscript=manuscript)
    else:
        place, score = closest
        passage = index.passages[place.passage]
        near = passage.text[place.start : place.end]
        changes = _changes(plain(quote), near)
        diff = MESSAGES["diff"].render(changes=changes) if changes else {"nb": "", "en": ""}
        message = MESSAGES["quote_missing"].render(
            manuscript=manuscript,
            place=index.place_label(place),
            score=round(score),
            closest=_short(near),
            diff_nb=diff["nb"],
            diff_en=diff["en"],
        )
        locations.append(index.location(place))
        fields.update(expected=_short(near), suggestion=near, difference=changes or None)
    return Finding(
        check_id=f"{KIND}.quotes.{table.name}",
        kind=KIND,
        severity=Severity.ERROR,
        outcome=Outcome.FAIL,
        message=message,
        locations=tuple(locations),
        **fields,
    )


def _coverage(
    manuscript: Manuscript,
    tokens: list[list[Token]],
    covered: set[tuple[int, int]],
    result: CrossCheck,
) -> None:
    chapters: dict[str, ChapterCoverage] = {}
    for number, passage in enumerate(manuscript.passages):
        if passage.kind == "toc":
            continue  # page numbers
        for token in tokens[number]:
            if not token.counts:
                continue
            chapter = chapters.setdefault(passage.chapter, ChapterCoverage(passage.chapter))
            chapter.figures += 1
            if (number, token.start) in covered:
                chapter.covered += 1
                continue
            result.uncovered.append(_uncovered(manuscript, passage, token))
            result.findings.append(_uncovered_finding(manuscript, passage, token))
    result.chapters = list(chapters.values())


def _uncovered(manuscript: Manuscript, passage: Passage, token: Token) -> dict[str, Any]:
    return {
        "chapter": passage.chapter,
        "section": passage.section,
        manuscript.unit: passage.position,
        "figure": token.text,
        "kind": token.kind,
        "text": around(passage.text, token.start, token.end),
    }


def _uncovered_finding(manuscript: Manuscript, passage: Passage, token: Token) -> Finding:
    chapter = passage.chapter or manuscript.display
    return Finding(
        check_id=f"{KIND}.coverage",
        kind=KIND,
        severity=Severity.INFO,
        outcome=Outcome.FAIL,
        message=MESSAGES["uncovered"].render(figure=token.text, chapter=chapter),
        locations=(
            Location(
                manuscript.display,
                passage.position,
                None,
                passage.section,
                around(passage.text, token.start, token.end),
            ),
        ),
        actual=token.text,
        details={"figure_kind": token.kind},
    )
