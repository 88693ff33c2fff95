"""Last year's sentence in this year's draft: find it, and read the figure at the same place.

A quote is compared with the draft's passages as a sequence of words in which every printed
figure is a placeholder of its kind (``#n`` a number, a year or a number word; ``#p`` a
percentage; ``#a`` an amount; ``#d`` a date), so "mottok totalt 6647 henvendelser i 2025"
matches "mottok totalt 7412 henvendelser i 2026" — also when a clause was added or a word
changed. Candidates are picked quickly (rapidfuzz on the masked texts), then aligned word by
word (difflib); a value of last year's quote is read at the words its own words align with,
exactly as printed there — with the qualifier printed before it ("drøyt", "om lag"), never
corrected, rounded or completed.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .numbers import QUALIFIERS
from .tokens import figures, qualifier_before

_WORD = re.compile(r"\S+")
_MASKS = {"number": "#n", "year": "#n", "word": "#n", "percent": "#p", "amount": "#a"}
_MASKS["date"] = "#d"
CANDIDATES = 8  # passages aligned word by word: those sharing the quote's most telling words
SURE = 0.8  # share of the quote's words found in order for a sure reading anywhere in it
CONTEXT = 2  # else: the words on each side of a value that must be found
CONTEXT_SCORE = 0.6  # ... in a sentence found at least this much
FLOOR = 0.5  # a quote found less than this is not in the draft
SPELLING = 80  # a text this alike (rapidfuzz ratio) is the same text spelt otherwise
CLASH = 0.5  # two quotes whose words overlap this much in one passage cannot both be there
_TRAILING = ".,:;)»\"'!?"
_LEADING = "(«\"'"


@dataclass(frozen=True)
class Word:
    text: str  # as printed
    key: str  # what is compared: the word, or the mask of a figure
    start: int
    end: int


def words(text: str) -> list[Word]:
    """``text`` as words, each printed figure (with its unit) one word with its mask."""
    found = []
    last = 0
    for token in figures(text, words=True):
        found += _plain_words(text, last, token.start)
        found.append(Word(token.text, _MASKS[token.kind], token.start, token.end))
        last = token.end
    found += _plain_words(text, last, len(text))
    return found


def _plain_words(text: str, start: int, end: int) -> list[Word]:
    return [
        Word(
            m.group(0), m.group(0).strip(".,:;()«»\"'").casefold() or m.group(0), m.start(), m.end()
        )
        for m in _WORD.finditer(text, start, end)
        if m.group(0).strip()
    ]


@dataclass
class Alignment:
    """Last year's quote laid on one passage of the draft."""

    old: list[Word]
    new: list[Word]
    text: str  # the passage
    old_text: str  # last year's quote
    opcodes: list[tuple[str, int, int, int, int]]

    @cached_property
    def matched(self) -> int:
        return sum(i2 - i1 for tag, i1, i2, _, _ in self.opcodes if tag == "equal")

    @property
    def score(self) -> float:
        """The share of the quote's words found in order in the passage (0–1)."""
        return self.matched / len(self.old) if self.old else 0.0

    def span(self) -> tuple[int, int] | None:
        """Characters of the passage from the first to the last word the quote matched."""
        equal = [(j1, j2) for tag, _, _, j1, j2 in self.opcodes if tag == "equal"]
        if not equal:
            return None
        return self.new[equal[0][0]].start, self.new[equal[-1][1] - 1].end

    def map_word(self, index: int) -> tuple[int | None, bool]:
        """The passage word at quote word ``index``, and whether it is sure: an equal word, or
        a figure printed in place of a figure of the same kind (a changed word is not sure)."""
        for tag, i1, i2, j1, j2 in self.opcodes:
            if i1 <= index < i2:
                if tag == "equal":
                    return j1 + index - i1, True
                if tag == "replace" and i2 - i1 == j2 - j1:
                    old, new = self.old[index].key, self.new[j1 + index - i1].key
                    return j1 + index - i1, old.startswith("#") and old == new
                return None, False
        return None, False

    def in_context(self, indices: list[int], width: int = CONTEXT) -> bool:
        """Whether the quote's words around ``indices`` (``width`` on each side) are all
        found: then a value reads surely even when the rest of the sentence was rewritten."""
        around = [
            i
            for i in range(indices[0] - width, indices[-1] + width + 1)
            if 0 <= i < len(self.old) and i not in indices
        ]
        return bool(around) and all(self._equal(i) or self._inflected(i) for i in around)

    def _inflected(self, index: int) -> bool:
        """A word printed in place of last year's, nearly the same ("medlemmer" /
        "medlemmene"): still the same context."""
        from rapidfuzz import fuzz

        place, _ = self.map_word(index)
        old = self.old[index].key
        if place is None or old.startswith("#"):
            return False
        return fuzz.ratio(old, self.new[place].key) >= SPELLING

    def _bounded(self, indices: list[int], places: list[int]) -> bool:
        """Whether nothing was added at the ends of a text value ("Marianne Ulven" →
        "Marianne Ulven Solli"): on each side, last year's neighbour word is this year's
        neighbour, or the value ends its sentence or cell this year."""
        sides = (
            (indices[0] - 1, places[0] - 1, self.new[places[0] - 1] if places[0] else None),
            (indices[-1] + 1, places[-1] + 1, self.new[places[-1]]),
        )
        for old, new, separated_by in sides:
            if not 0 <= old < len(self.old):
                continue
            if self.map_word(old)[0] == new:
                continue  # the same neighbour, or one word printed in its place ("har"/"hadde")
            if not 0 <= new < len(self.new) or self.new[new].key in _JOINS:
                continue
            if separated_by is not None and separated_by.text[-1] in _SEPARATORS:
                continue  # "Dagen," then other words: a list that changed, not the name
            if 0 <= new < len(self.new) and self.new[new].text[0] in _OPENING and new > places[-1]:
                continue  # a bracket opens after the name: "Women (CSW70)"
            if new < places[0] and self.new[places[0]].text[0] in _OPENING:
                continue  # the name opens a bracket: "(KSS)"
            return False
        return True

    def _equal(self, index: int) -> bool:
        return any(tag == "equal" and i1 <= index < i2 for tag, i1, i2, _, _ in self.opcodes)

    def read(self, start: int, end: int) -> tuple[str | None, bool]:
        """The draft's text standing where the quote's characters ``start:end`` stood, and
        whether the reading is sure (see the module doc and _sure)."""
        whole = self._read_cell(start, end) or self._read_bracketed(start, end)
        if whole is not None:
            return whole
        indices = [i for i, w in enumerate(self.old) if w.start < end and start < w.end]
        # a qualifier printed last year and gone this year ("drøyt 1800" → "2100"): the figure
        while (
            len(indices) > 1
            and self.map_word(indices[0])[0] is None
            and self.old[indices[0]].key in _QUALIFIER_WORDS
            and self.old[indices[1]].key.startswith("#")
        ):
            indices.pop(0)
        if not indices:
            return None, False
        start = max(start, self.old[indices[0]].start)
        places = [self.map_word(i)[0] for i in indices]
        if None in places or places != list(range(places[0], places[-1] + 1)):
            return None, False
        first, last = self.new[places[0]], self.new[places[-1]]
        value_start, value_end = first.start, last.end
        # a value that is part of a word ("ROSA" in "ROSA-tilbudet"): the same part of it
        head, tail = self.old[indices[0]], self.old[indices[-1]]
        before = head.text[: start - head.start]
        after = tail.text[len(tail.text) - (tail.end - end) :]
        if before and self._equal(indices[0]) and first.text.startswith(before):
            value_start += len(before)
        if after and self._equal(indices[-1]) and last.text.endswith(after):
            value_end -= len(after)
        if head.key.startswith("#"):
            # a figure printed bare last year may carry a qualifier this year ("drøyt 1900")
            value_start -= len(qualifier_before(self.text, first.start))
        old_value = self.old_text[start:end]
        value = _trim(self.text[value_start:value_end], old_value)
        sure = self._sure(indices, places, old_value, value)
        if not sure:
            return self._read_only_figure(start, end) or (value, sure)
        return value, sure

    def _read_only_figure(self, start: int, end: int) -> tuple[str, bool] | None:
        """A figure that was the only one of its kind in last year's quote (the only amount,
        the only percentage) reads as the only one of its kind where the quote stands now."""
        kinds = [t for t in figures(self.old_text) if t.start < end and start < t.end]
        span = self.span()
        if len(kinds) != 1 or span is None or self.score < FLOOR:
            return None
        kind = kinds[0].kind
        if sum(t.kind == kind for t in figures(self.old_text)) != 1:
            return None
        there = [t for t in figures(self.text[span[0] : span[1]]) if t.kind == kind]
        if len(there) != 1:
            return None
        token = there[0]
        first = span[0] + token.start
        first -= len(qualifier_before(self.text, first))
        return self.text[first : span[0] + token.end], True

    def _sure(self, indices: list[int], places: list[int], old: str, new: str) -> bool:
        """A figure reads surely when it maps onto a figure of its kind and most of the
        sentence, or the words around it, were found; a text when it is printed the same or
        spelt nearly the same (a corrected spelling), with nothing added at its ends."""
        if any(self.old[i].key.startswith("#") for i in indices):
            if any(self.map_word(i) != (j, True) for i, j in zip(indices, places, strict=True)):
                return False
            return self.score >= SURE or (self.score >= CONTEXT_SCORE and self.in_context(indices))
        from rapidfuzz import fuzz

        same = all(self._equal(i) for i in indices)
        close = fuzz.ratio(old.casefold(), new.casefold()) >= SPELLING
        return (same or close) and self._bounded(indices, places)

    def _read_bracketed(self, start: int, end: int) -> tuple[str, bool] | None:
        """A value that was all of a parenthesis ("(vikariat til 31.3)") reads as the same
        parenthesis this year, when the quote has as many of them where it stands now."""
        if not (start and self.old_text[start - 1] == "(" and self.old_text[end : end + 1] == ")"):
            return None
        if figures(self.old_text[start:end]):
            return None  # a figure is read as a figure ("(20%)": the percentage, not the text)
        span = self.span()
        if span is None or self.score < FLOOR:
            return None
        old_groups = [m.span(1) for m in _BRACKETED.finditer(self.old_text)]
        text = self.text[span[0] :]
        new_groups = [m.span(1) for m in _BRACKETED.finditer(text)]
        if (start, end) not in old_groups or len(new_groups) < len(old_groups):
            return None
        first, last = new_groups[old_groups.index((start, end))]
        return text[first:last], True

    def _read_cell(self, start: int, end: int) -> tuple[str, bool] | None:
        """A value that was a whole cell of a table row reads as the same cell of this
        year's row, when the rows have as many cells."""
        old_cells, new_cells = _cells(self.old_text), _cells(self.text)
        if len(old_cells) < 2 or len(old_cells) != len(new_cells):
            return None
        for number, (cell_start, cell_end) in enumerate(old_cells):
            if (cell_start, cell_end) == (start, end):
                new_start, new_end = new_cells[number]
                value = self.text[new_start:new_end]
                figure = [t.kind for t in figures(self.old_text[start:end])]
                kinds = [t.kind for t in figures(value)]
                sure = self.score >= FLOOR and (
                    not figure
                    or (len(figure) == len(kinds) == 1 and _MASKS[figure[0]] == _MASKS[kinds[0]])
                )
                return value, sure
        return None


def align(quote: str, passage: str) -> Alignment:
    return align_words(words(quote), quote, words(passage), passage)


def align_words(old: list[Word], quote: str, new: list[Word], passage: str) -> Alignment:
    matcher = difflib.SequenceMatcher(None, [w.key for w in old], [w.key for w in new], False)
    return Alignment(old, new, passage, quote, _clustered(matcher.get_opcodes(), len(old)))


def _clustered(opcodes: list, length: int) -> list:
    """The opcodes with only the matches that lie together: a paragraph holds several
    sentences, and a common word matched far from the rest ("i", "av") is not the quote's.
    The cluster is the run of equal blocks, gaps of at most about a third of the quote
    between them, that matches most words; equal blocks outside it become "stray"."""
    equal = [op for op in opcodes if op[0] == "equal"]
    if len(equal) < 2:
        return opcodes
    gap = max(4, length // 3)
    best, best_size, run, size = [], 0, [equal[0]], equal[0][2] - equal[0][1]
    for op in equal[1:]:
        if op[3] - run[-1][4] <= gap:
            run.append(op)
            size += op[2] - op[1]
        else:
            if size > best_size:
                best, best_size = run, size
            run, size = [op], op[2] - op[1]
    if size > best_size:
        best = run
    keep = set(map(tuple, best))
    return [op if op[0] != "equal" or tuple(op) in keep else ("stray", *op[1:]) for op in opcodes]


class Finder:
    """The passages of a draft, ready for finding last year's quotes in them."""

    def __init__(self, passages: list[tuple[str, str, str]]):
        """``passages``: (text, kind, section) in document order (as in Passage)."""
        self.texts = [text for text, _, _ in passages]
        self.kinds = [kind for _, kind, _ in passages]
        self.sections = [section for _, _, section in passages]
        self.words = [words(t) for t in self.texts]
        self._candidates: dict[str, list[tuple[int, Alignment]]] = {}
        # which passages hold a word, and how telling a word is (rare words tell more)
        self._holding: dict[str, set[int]] = {}
        for index, found in enumerate(self.words):
            for key in {w.key for w in found if not w.key.startswith("#")}:
                self._holding.setdefault(key, set()).add(index)
        self._weight = {
            key: math.log((1 + len(self.texts)) / (1 + len(held)))
            for key, held in self._holding.items()
        }

    def candidates(self, quote: str) -> list[tuple[int, Alignment]]:
        """The passages most like ``quote`` (figures masked), best first, aligned."""
        if quote not in self._candidates:  # several rows often share one quote
            self._candidates[quote] = self._align(quote)
        return self._candidates[quote]

    def _align(self, quote: str) -> list[tuple[int, Alignment]]:
        old = words(quote)
        # a table-of-contents entry is looked for in the contents, and nothing else there
        toc = bool(_TOC_DOTS.search(quote))
        scores: dict[int, float] = {}
        for key in {w.key for w in old if not w.key.startswith("#")}:
            for index in self._holding.get(key, ()):
                if (self.kinds[index] == "toc") == toc:
                    scores[index] = scores.get(index, 0.0) + self._weight[key]
        best = sorted(scores, key=lambda i: (-scores[i], i))[:CANDIDATES]
        aligned = [
            (index, align_words(old, quote, self.words[index], self.texts[index])) for index in best
        ]
        return sorted(aligned, key=lambda pair: (-pair[1].score, pair[0]))

    def assign(
        self,
        quotes: list[tuple[str, str]],
        together: Callable[[str, str], bool] | None = None,
    ) -> dict[tuple[str, str], tuple[int, Alignment] | None]:
        """Each quote's passage. Quotes are placed best match first; a quote may not take
        the words another one took unless one of them contains the other (two values of one
        sentence) or they overlap only a little (neighbouring sentences of one paragraph), so
        last year's like rows ("Utdeling av Rød knapp" twice in the event log, one cohort's
        sentence and the other's) go one to each of this year's. ``quotes`` are
        (quote, section) pairs: among equally good passages, one in the quote's own section
        (as last year's row gave it) is preferred. ``together(a, b)``: whether two quotes
        overlapped in last year's text (then they may this year too)."""
        order = sorted(
            dict.fromkeys(quotes),
            key=lambda pair: (
                -(self.candidates(pair[0])[0][1].score if self.candidates(pair[0]) else 0)
            ),
        )
        taken: dict[int, list[tuple[int, int, str]]] = {}
        placed: dict[tuple[str, str], tuple[int, Alignment] | None] = {}
        for quote, section in order:
            choice = None
            for index, alignment in self._ranked(quote, section):
                span = alignment.span()
                if span is None or alignment.score < FLOOR:
                    continue  # a weak match claims nothing: the quote is taken to be gone
                if not any(
                    _overlap((s, e), span) >= CLASH
                    and not _nested(quote, other)
                    and not (together and together(quote, other))
                    for s, e, other in taken.get(index, [])
                ):
                    choice = (index, alignment)
                    break
            if choice is not None:
                span = choice[1].span()
                taken.setdefault(choice[0], []).append((span[0], span[1], quote))
            placed[(quote, section)] = choice
        return placed

    def _ranked(self, quote: str, section: str) -> list[tuple[int, Alignment]]:
        """The candidates, best first; among equally good ones, one in the same section, then
        the one whose date is nearest last year's (the same day of the year), then the first."""
        old_date = _first_date(quote)
        return sorted(
            self.candidates(quote),
            key=lambda pair: (
                -pair[1].score,
                self.sections[pair[0]] != section,
                _day_distance(old_date, pair[1]),
                pair[0],
            ),
        )


_TOC_DOTS = re.compile(r"\.{3,}")
_SEPARATORS = ",.;:)"  # a word ending so ends what it belongs to
_OPENING = '(«"['  # a word beginning so begins something of its own
_QUALIFIER_WORDS = {word for qualifier in QUALIFIERS for word in qualifier.split()}
_JOINS = {"|", "og", "eller", "samt", "–", "-"}  # words that join, not continue, a name
_CELL = re.compile(r"[^|]+")
_BRACKETED = re.compile(r"\(([^()]*)\)")


def _cells(text: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells (" | "-separated), without their spaces."""
    if " | " not in text:
        return []
    spans = []
    for match in _CELL.finditer(text):
        cell = match.group(0)
        left = len(cell) - len(cell.lstrip())
        spans.append((match.start() + left, match.start() + len(cell.rstrip())))
    return spans


def _trim(value: str, old: str) -> str:
    """A word carries its punctuation ("Sæther,"): keep only what last year's value had."""
    while value and value[-1] in _TRAILING and not old.endswith(value[-1]):
        value = value[:-1]
    while value and value[0] in _LEADING and not old.startswith(value[0]):
        value = value[1:]
    return value


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How much two spans overlap, as a share of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, min(a[1] - a[0], b[1] - b[0]))


def _nested(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _first_date(text: str):
    from .numbers import ParseError, parse_date

    for token in figures(text):
        if token.kind == "date":
            try:
                return parse_date(token.text)
            except ParseError:
                return None
    return None


def _day_distance(old, alignment: Alignment) -> int:
    if old is None:
        return 0
    span = alignment.span()
    new = _first_date(alignment.text[span[0] : span[1]]) if span else None
    if new is None:
        return 0
    day = abs(new.start.timetuple().tm_yday - old.start.timetuple().tm_yday)
    return min(day, 366 - day)
