"""``kssqa extract``: this year's inputs proposed from last year's and this year's draft.

For each confirmed row of last year's inputs, the passage of the draft that holds its quote
best (figures masked, see :mod:`kssqa.align`) gives this year's quote, and the figures at the
places where last year's values stood give this year's values — exactly as printed, errors
included: a program transcribes by the same rules as a person (``inputs/README.md``).

The proposal goes into ``inputs/<year>/`` on the rows of the ``kssqa new-year`` scaffold (the
same keys, years moved on; the scaffold is made in memory when the folder has none yet):

- a row it places surely gets its values, its quote and its section — and so is confirmed;
- a row it is unsure of (a weak match, a value at a changed place) or cannot place (the
  sentence is gone) is left as it is and goes on the review list, with what it would propose:
  a wrong value is worse than "please review";
- a row already confirmed is kept — unless ``--force``, or it is exactly what the last
  extraction wrote (recorded in ``inputs/<year>/.extract.json``), so a second run after the
  editor fixed the draft updates only what changed.

The review list (``reports/<year>/extract-review.csv``) also names the figures of the draft
that no row took. The draft is only read.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .align import FLOOR, SURE, Alignment, Finder
from .config import Config, ConfigError
from .crosscheck import ManuscriptIndex, value_spans
from .manuscript import Manuscript, ManuscriptError, Passage, plain, read_manuscript
from .output import write_atomic
from .scaffold import read_last_year, scaffold_rows
from .schema_spec import QUOTE_COLUMN, SchemaSpec, load_schemas
from .tables import Table, TableReadError, read_table
from .tokens import figures
from .years import move_years_on

RECORD = ".extract.json"
REVIEW = "extract-review.csv"
GONE = FLOOR  # share of last year's quote's words found in order: below it, the sentence is gone
REVIEW_COLUMNS = (
    "status",
    "table",
    "key",
    "place",
    "proposed_values",
    "proposed_quote",
    "last_year_quote",
    "match",
    "reason",
)


@dataclass
class Placement:
    """What the extraction did with one of last year's rows."""

    table: str
    key: str
    status: str  # placed | kept | review | gone
    place: str = ""  # manuscript:line
    values: dict[str, str] = field(default_factory=dict)
    quote: str = ""
    old_quote: str = ""
    score: float = 0.0
    reason: str = ""
    passage: int | None = None  # index of the draft's passage it was placed in


@dataclass
class Extraction:
    year: int
    manuscript: str
    placements: list[Placement] = field(default_factory=list)
    uncovered: list[dict[str, Any]] = field(default_factory=list)  # figures no row took
    written: list[str] = field(default_factory=list)
    not_extracted: list[str] = field(default_factory=list)  # tables new every year

    def count(self, status: str) -> int:
        return sum(1 for p in self.placements if p.status == status)


# --- placing one row -----------------------------------------------------------------------


def _printed(spec: SchemaSpec, columns: tuple[str, ...]) -> list[str]:
    return [c.name for c in spec.columns if c.is_printed and c.name in columns]


def _by_context(spans: list[tuple[int, int]], quote: str, context: list[str]) -> list:
    """Of a value's places in a quote, the one printed next to a word that names what the
    row is (its category, gender, scope: «1 transperson» for the row of transpersoner), when
    exactly one is; else all of them."""
    from rapidfuzz import fuzz

    names = [w.casefold() for text in context for w in text.split() if len(w) > 2]
    if not names:
        return spans
    scores = []
    for start, end in spans:
        # the word just after counts most ("1 mann, 1 transperson"), then the one before
        after = quote[end : end + 30].split()[:2]
        before = quote[max(0, start - 30) : start].split()[-2:][::-1]
        near = list(zip(after, (1.0, 0.8), strict=False))
        near += list(zip(before, (0.9, 0.7), strict=False))
        scores.append(
            max(
                (
                    weight * fuzz.ratio(word.strip(".,:;()«»").casefold(), name)
                    for word, weight in near
                    for name in names
                ),
                default=0,
            )
        )
    best = max(scores)
    chosen = [span for span, score in zip(spans, scores, strict=True) if score == best]
    return chosen if best >= 70 and len(chosen) == 1 else spans


def _read_values(
    alignment: Alignment, quote: str, values: dict[str, str], context: list[str] = ()
) -> tuple[dict[str, str], list[str]]:
    """This year's printing of each of last year's values, and what made any unsure."""
    found, doubts = {}, []
    for column, value in values.items():
        spans = value_spans(plain(value), quote)
        if not spans:
            doubts.append(f"{column}: «{value}» is not in last year's quote")
            continue
        if len(spans) > 1:  # printed twice ("1 mann, 1 transperson"): the one by its words
            spans = _by_context(spans, quote, context)
        readings = {alignment.read(*span) for span in spans}
        if len(readings) > 1:
            doubts.append(f"{column}: «{value}» stands {len(spans)} times in last year's quote")
            continue
        text, sure = readings.pop()
        if text is None or not sure:
            doubts.append(f"{column}: the words around «{value}» changed")
            continue
        found[column] = text
    return found, doubts


def _new_quote(passage: Passage, span: tuple[int, int] | None, values: dict) -> str:
    """This year's quote: the words last year's matched, widened to hold every value read;
    a table row whole (a row is quoted whole)."""
    text = passage.text
    if span is None:
        return ""
    if passage.kind == "table_row":
        return text
    start, end = span
    for value in values.values():
        places = value_spans(plain(value), text)
        if places:
            first, last = min(places, key=lambda p: abs(p[0] - span[0]))
            start, end = min(start, first), max(end, last)
    return text[start:end]


def place(
    choice: tuple[int, Alignment] | None,
    manuscript: Manuscript,
    table: str,
    key: str,
    quote: str,
    values: dict,
    context: list[str] = (),
) -> Placement:
    """What last year's row says in the draft, at the passage its quote was given.
    ``context``: the row's other text (what it is about), to tell a repeated value's place."""
    old = plain(quote)
    placement = Placement(table, key, "gone", old_quote=old)
    if choice is None or choice[1].score < GONE:
        placement.reason = "the sentence is not in the draft"
        return placement
    index, alignment = choice
    passage = manuscript.passages[index]
    span = alignment.span()
    placement.place = f"{manuscript.display}:{passage.position}"
    placement.score = alignment.score
    placement.values, doubts = _read_values(alignment, old, values, context)
    placement.quote = _new_quote(passage, span, placement.values)
    if alignment.score < SURE and doubts:
        doubts.insert(0, f"only {alignment.score:.0%} of last year's words are there")
    placement.status = "review" if doubts else "placed"
    placement.reason = "; ".join(doubts)
    placement.passage = index
    return placement


# --- the tables ----------------------------------------------------------------------------


def _current_rows(config: Config, spec: SchemaSpec, source: Path, target: Path, year: int):
    """This year's rows: the file's, or the new-year scaffold's when there is no file yet."""
    path = target / spec.file
    if path.exists():
        try:
            table = read_table(
                spec.table,
                path,
                config.relative(path),
                encoding=config.encoding,
                delimiter=config.delimiter,
            )
        except TableReadError as error:
            raise ConfigError(
                f"{config.relative(path)}: cannot be read: {error.findings[0].text('en')}"
            ) from None
        header = list(table.columns)
        rows = [[c or "" for c in row] for row in table.frame.itertuples(index=False)]
        return header, rows
    last = read_last_year(config, spec, source)
    rows, _, _ = scaffold_rows(spec, last, year)
    return list(last.columns), rows


def _load_record(target: Path) -> dict[str, dict[str, dict[str, str]]]:
    path = target / RECORD
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def extract(config: Config, year: int, manuscript_path: Path, force: bool = False) -> Extraction:
    """Propose ``inputs/<year>/`` from last year's inputs and this year's draft (module doc).

    Raises ConfigError (nothing written) for missing or unreadable inputs or manuscript.
    """
    source, target = config.inputs_for(year - 1), config.inputs_for(year)
    if source is None or target is None or not source.is_dir():
        shown = config.relative(source) if source else f"inputs/{year - 1}"
        raise ConfigError(f"last year's inputs {shown} do not exist: nothing to start from")
    try:
        manuscript = read_manuscript(manuscript_path, config.relative(manuscript_path))
    except ManuscriptError as error:
        raise ConfigError(str(error)) from None
    extractor = _Extractor(config, year, source, target, manuscript, force)
    specs = []
    for spec in load_schemas(config.schemas, year):
        if not (source / spec.file).is_file():
            continue
        if spec.new_year == "empty":
            extractor.result.not_extracted.append(spec.table)
            continue
        specs.append((spec, read_last_year(config, spec, source)))
    # every quote of every table is placed at once: like quotes go one to each passage
    quotes = [pair for _, last in specs for pair in _quotes(last, year)]
    together = _overlapped_last_year(config, year, [q for q, _ in quotes])
    extractor.choices = extractor.finder.assign(quotes, together)
    texts: dict[Path, str] = {}
    for spec, last in specs:
        text = extractor.table(spec, last)
        if text is not None:
            texts[target / spec.file] = text
    result = extractor.result
    result.uncovered = _uncovered(manuscript, extractor.taken)
    target.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        write_atomic(path, text)
        result.written.append(config.relative(path))
    record = json.dumps(extractor.record, ensure_ascii=False, indent=1, sort_keys=True)
    write_atomic(target / RECORD, record + "\n")
    return result


def _overlapped_last_year(config: Config, year: int, quotes: list[str]):
    """Whether two quotes overlapped in last year's manuscript, when it is there: two
    fragments of one sentence ("Av de 31 nye sakene er 23 …", "23 utsatt for … (21 kvinner,
    …)") may overlap in this year's too, while two sentences that did not may not."""
    path = config.manuscript_for(year - 1)
    if path is None:
        return None
    try:
        index = ManuscriptIndex(read_manuscript(path, config.relative(path)))
    except ManuscriptError:
        return None
    places = {q: index.find(q) for q in dict.fromkeys(quotes)}

    def together(a: str, b: str) -> bool:
        first, second = places.get(a), places.get(b)
        return (
            first is not None
            and second is not None
            and first.passage == second.passage
            and first.start < second.end
            and second.start < first.end
        )

    return together


def _quotes(last: Table, year: int) -> list[tuple[str, str]]:
    """Last year's (quote, section) pairs, the section with its years moved on."""
    if QUOTE_COLUMN not in last.columns:
        return []
    frame = last.frame
    sections = frame["section"] if "section" in frame.columns else [""] * len(frame)
    return [
        (plain(quote), move_years_on(section or "", year - 1))
        for quote, section in zip(frame[QUOTE_COLUMN], sections, strict=True)
        if quote
    ]


class _Extractor:
    """One extraction run: the draft, last year's and this year's folders, what was written."""

    def __init__(
        self,
        config: Config,
        year: int,
        source: Path,
        target: Path,
        manuscript: Manuscript,
        force: bool,
    ):
        self.config, self.year, self.source, self.target = config, year, source, target
        self.manuscript, self.force = manuscript, force
        self.finder = Finder([(p.text, p.kind, p.section) for p in manuscript.passages])
        self.choices: dict[tuple[str, str], tuple[int, Alignment] | None] = {}
        self.record = _load_record(target)
        self.result = Extraction(year, manuscript.display)
        self.taken: set[tuple[int, int]] = set()  # (passage, figure start) a value stands on

    def table(self, spec: SchemaSpec, last: Table) -> str | None:
        """This year's table with the proposal in it, or None when nothing changed."""
        header, rows = _current_rows(self.config, spec, self.source, self.target, self.year)
        if "key" not in header or QUOTE_COLUMN not in header:
            return None
        position = {name: i for i, name in enumerate(header)}
        by_key = {row[position["key"]]: row for row in rows}
        printed = _printed(spec, last.columns)
        placed_at = [c.name for c in spec.columns if c.position and c.name in position]
        written = self.record.setdefault(spec.table, {})
        columns = _Columns(position, tuple(printed), tuple(placed_at))
        changed = False
        where: dict[int, tuple] = {}  # row -> its place in the draft, for the printed order
        for old in last.frame.to_dict("records"):
            quote, key = old.get(QUOTE_COLUMN), old.get("key")
            row = by_key.get(move_years_on(key, self.year - 1)) if quote and key else None
            if row is None:
                continue
            values = {c: old[c] for c in printed if old[c]}
            context = [
                old[c]
                for c in last.columns
                if old[c] and c not in (*printed, QUOTE_COLUMN, "key", "section")
            ]
            section = move_years_on(old.get("section") or "", self.year - 1)
            choice = self.choices.get((plain(quote), section))
            placement = place(
                choice, self.manuscript, spec.table, row[position["key"]], quote, values, context
            )
            changed |= self.apply(placement, row, columns, written)
            self.result.placements.append(placement)
            if placement.status in ("placed", "kept") and placement.passage is not None:
                where[id(row)] = (placement.passage, placement.score)
        # the rows in the order the draft prints them (a log is checked for its order);
        # rows not placed keep theirs, after them
        ordered = sorted(
            range(len(rows)),
            key=lambda i: (0, where[id(rows[i])][0], i) if id(rows[i]) in where else (1, 0, i),
        )
        if ordered != list(range(len(rows))):
            rows[:] = [rows[i] for i in ordered]
            changed = True
        if not changed and (self.target / spec.file).exists():
            return None
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.config.delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue()

    def apply(self, placement: Placement, row: list[str], columns: _Columns, written: dict) -> bool:
        """Put a sure placement into its row, unless the editor confirmed that row."""
        at = columns.index
        kept = (*columns.printed, *columns.placed_at, QUOTE_COLUMN)
        current = {c: row[at[c]] for c in kept}
        confirmed = bool(row[at[QUOTE_COLUMN]])
        untouched = written.get(placement.key) == current  # as the last extraction wrote it
        if placement.status == "placed" and confirmed and not (self.force or untouched):
            placement.status = "kept"
            placement.reason = "confirmed by the editor: kept (--force replaces it)"
        if placement.status in ("placed", "kept"):
            self.taken |= _taken(self.manuscript, placement)
        if placement.status != "placed" or placement.passage is None:
            return False
        passage = self.manuscript.passages[placement.passage]
        for column, text in placement.values.items():
            row[at[column]] = text
        for column in columns.placed_at:
            row[at[column]] = str(passage.position)
        row[at[QUOTE_COLUMN]] = placement.quote
        if "section" in at and passage.section:
            row[at["section"]] = passage.section
        written[placement.key] = {c: row[at[c]] for c in kept}
        return current != written[placement.key]


@dataclass(frozen=True)
class _Columns:
    """Where a table's columns are, and which of them the extraction fills."""

    index: dict[str, int]
    printed: tuple[str, ...]  # values, read in the draft
    placed_at: tuple[str, ...]  # the row's position in the draft


def _taken(manuscript: Manuscript, placement: Placement) -> set[tuple[int, int]]:
    """The draft's figures a placed row's values stand on."""
    index = placement.passage
    if index is None:
        return set()
    text = manuscript.passages[index].text
    spans = [s for v in placement.values.values() for s in value_spans(plain(v), text)]
    return {
        (index, t.start) for t in figures(text) if any(s < t.end and t.start < e for s, e in spans)
    }


def _uncovered(manuscript: Manuscript, taken: set[tuple[int, int]]) -> list[dict[str, Any]]:
    found = []
    for index, passage in enumerate(manuscript.passages):
        if passage.kind == "toc":
            continue
        for token in figures(passage.text):
            if token.counts and (index, token.start) not in taken:
                found.append(
                    {
                        "place": f"{manuscript.display}:{passage.position}",
                        "figure": token.text,
                        "text": passage.text,
                    }
                )
    return found


def review_csv(extraction: Extraction) -> str:
    """The review list: rows to look at, and the draft's figures no row took."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for p in extraction.placements:
        if p.status in ("review", "gone"):
            values = "; ".join(f"{c} = {v}" for c, v in p.values.items())
            writer.writerow(
                [
                    p.status,
                    p.table,
                    p.key,
                    p.place,
                    values,
                    p.quote,
                    p.old_quote,
                    f"{p.score:.0%}",
                    p.reason,
                ]
            )
    for u in extraction.uncovered:
        writer.writerow(["untaken", "", "", u["place"], u["figure"], u["text"], "", "", ""])
    return out.getvalue()
