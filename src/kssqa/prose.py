"""Names in the manuscript's running text that no row transcribes.

The ``names`` check compares the spellings of the names its columns hold. With a manuscript,
a name printed in a paragraph that no CSV row took would escape it — "Kriesesenteret i Salten"
in a sentence nobody transcribed. This module finds such mentions: every place in the
manuscript where one of the known names (the columns' spellings) is printed, the same or
spelled within the names check's threshold, and that no row's quote already covers (a mention
transcribed in a table and in ``names.csv`` is one mention, counted once).

How: the manuscript's words are indexed; a known name is looked for only where a word equals
or is a letter or two from its first or last word (blocking), and as many words as the name
has are compared there by the names check's own rule
(:func:`kssqa.spelling.similar` on the normalised key). A mention must begin with a capital
letter when the name does: "regjeringen" in a sentence is a word, not the name "Regjeringen".
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from .crosscheck import ManuscriptIndex, value_spans
from .findings import Location
from .manuscript import Manuscript, plain

_WORD = re.compile(r"\w+")
MIN_FUZZY_WORD = 4  # shorter words are matched exactly only
LONG_WORD = 8  # words this long are looked for two letters apart


def transcribed(index: ManuscriptIndex, items: Iterable[tuple[str, Location]]) -> set:
    """The (passage, start, end) spans of the manuscript that rows' names already stand on."""
    spans = set()
    for text, location in items:
        if not location.quote:
            continue
        place = index.find(location.quote, location.section)
        if place is None:
            continue
        passage = index.passages[place.passage].text
        quote = passage[place.start : place.end]
        for start, end in value_spans(plain(text), quote):
            spans.add((place.passage, place.start + start, place.start + end))
    return spans


def mentions(
    manuscript: Manuscript,
    names: Iterable[str],
    same_name,
    key,
    tokens,
    covered: set,
) -> list[tuple[str, Location]]:
    """The mentions of ``names`` in the manuscript that no span of ``covered`` overlaps.

    ``same_name(a_key, b_key)`` is the names check's rule, ``key`` its normalisation and
    ``tokens`` its word split (passed in: this module does not import the check kind).
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    words: list[list[tuple[str, int, int]]] = []
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    folded: dict[str, str] = {}  # a word as its names-check token (the same words recur)
    for number, passage in enumerate(manuscript.passages):
        found = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(passage.text)]
        words.append(found)
        if passage.kind == "toc":
            continue
        for position, (word, _, _) in enumerate(found):
            if word not in folded:
                parts = tokens(word)
                folded[word] = parts[0] if parts else word.casefold()
            where[folded[word]].append((number, position))
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in where:
        by_length[len(word)].append(word)

    @functools.cache
    def of_length(size: int, edits: int) -> list[str]:
        # within `edits` edits a word is at most `edits` letters longer or shorter
        return [w for n in range(size - edits, size + edits + 1) for w in by_length.get(n, ())]

    @functools.cache
    def near(word: str) -> list[str]:
        if len(word) < MIN_FUZZY_WORD:
            return [word] if word in where else []
        edits = 2 if len(word) >= LONG_WORD else 1  # a genitive and a slip in a long word
        hits = process.extract(
            word,
            of_length(len(word), edits),
            scorer=Levenshtein.distance,
            score_cutoff=edits,
            limit=None,
        )
        return [hit for hit, _, _ in hits]

    keyed = functools.cache(key)
    found: dict[tuple[int, int, int], str] = {}
    for name in dict.fromkeys(names):
        parts = tokens(name)
        if not parts:
            continue
        wanted, size = key(name), len(parts)
        starts = {p for w in near(parts[0]) for p in where[w]}
        starts |= {(n, i - size + 1) for w in near(parts[-1]) for n, i in where[w]}
        for number, first in starts:
            last = first + size - 1
            if first >= 0 and last < len(words[number]):
                start, end = words[number][first][1], words[number][last][2]
                text = manuscript.passages[number].text[start:end]
                capital = text[:1].isupper() or not name[:1].isupper()
                found_key = keyed(text)
                if capital and (found_key == wanted or same_name(found_key, wanted)):
                    found.setdefault((number, start, end), text)
    spans_covered = _by_passage(covered)
    return [
        (text, _location(manuscript, number))
        for (number, start, end), text in sorted(_longest(found).items())
        if not _overlaps(spans_covered, number, start, end)
    ]


def _by_passage(spans) -> dict[int, list[tuple[int, int]]]:
    """(passage, start, end) spans as passage -> [(start, end)]: an overlap is looked for
    among one passage's spans, not among the whole manuscript's."""
    grouped: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for number, start, end in spans:
        grouped[number].append((start, end))
    return grouped


def _overlaps(grouped: dict[int, list[tuple[int, int]]], number: int, start: int, end: int):
    return any(s < end and start < e for s, e in grouped.get(number, ()))


def _longest(found: dict[tuple[int, int, int], str]) -> dict[tuple[int, int, int], str]:
    """Overlapping mentions (a name and a longer name around it): the longer one."""
    kept: dict[tuple[int, int, int], str] = {}
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for span in sorted(found, key=lambda s: (s[0], -(s[2] - s[1]), s[1])):
        number, start, end = span
        if not _overlaps(taken, number, start, end):
            kept[span] = found[span]
            taken[number].append((start, end))
    return kept


def _location(manuscript: Manuscript, number: int) -> Location:
    passage = manuscript.passages[number]
    return Location(manuscript.display, passage.position, None, passage.section, passage.text)
