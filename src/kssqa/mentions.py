"""One printed mention, counted once: a name transcribed in several tables is one name.

A name printed in a table of the report — a board member in "Styremedlemmer", a centre in the
member table — is transcribed in that table's CSV and again in ``names.csv``, which holds every
mention of a person or organisation. A check that reads both columns would count it twice and
so weigh its spelling twice. Two transcriptions are one mention when they give the same text at
the same place of the report:

- with a manuscript, the place is where the name stands in it: the row's quote is found in the
  manuscript (:class:`kssqa.crosscheck.ManuscriptIndex`) and the name inside the quote;
- without one (or where a quote is not found), the quotes themselves tell: a quote printed
  inside a longer quote of the same section is the same passage, and the name's position in
  the longer quote is its place.

A name printed twice in one quote is two mentions: the first transcription of that name and
quote takes the first place, the second the next. Transcriptions that give different texts for
one place are both kept — one of them is not what the report prints, and the names check shows
both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .crosscheck import ManuscriptIndex, value_spans
from .findings import Location
from .manuscript import plain

Item = tuple[str, Location]
Place = tuple  # (container, start, end): a span of a manuscript passage or of a quote


def one_per_mention(items: Iterable[Item], index: ManuscriptIndex | None = None) -> list[Item]:
    """``items`` without the repeated transcriptions of a mention (the first is kept);
    ``index`` is the manuscript's, when there is one."""
    items = list(items)
    places = _places(items, index)
    kept, seen = [], set()
    for number, (text, location) in enumerate(items):
        place = places.get(number)
        if place is not None:
            if (text, place) in seen:
                continue
            seen.add((text, place))
        kept.append((text, location))
    return kept


def _places(items: list[Item], index: ManuscriptIndex | None) -> dict[int, Place]:
    """Item number -> the place of the report its name stands on, where it can be told."""
    containers = _containers(items)
    spans: dict[tuple, list[Place]] = {}
    taken: dict[tuple, int] = defaultdict(int)
    places = {}
    for number, (text, location) in enumerate(items):
        if not location.quote:
            continue
        source = (location.file, location.column, text, location.section, location.quote)
        if source not in spans:
            spans[source] = _spans(text, location, index, containers)
        found, nth = spans[source], taken[source]
        taken[source] += 1
        if nth < len(found):
            places[number] = found[nth]
    return places


def _spans(text: str, location: Location, index, containers) -> list[Place]:
    """Where ``text`` stands inside the row's quote, as places of the report."""
    quote = plain(location.quote)
    if index is not None:
        place = index.find(location.quote, location.section)
        if place is not None:
            passage = index.passages[place.passage].text[place.start : place.end]
            return [
                (("passage", place.passage), place.start + s, place.start + e)
                for s, e in value_spans(plain(text), passage)
            ]
    container, offset = containers.get((location.section, quote), (quote, 0))
    return [
        (("quote", location.section, container), offset + s, offset + e)
        for s, e in value_spans(plain(text), quote)
    ]


def _containers(items: list[Item]) -> dict[tuple, tuple[str, int]]:
    """(section, quote) -> the longest quote of the section holding it, and where."""
    by_section: dict[str | None, set[str]] = defaultdict(set)
    for _, location in items:
        if location.quote:
            by_section[location.section].add(plain(location.quote))
    result = {}
    for section, quotes in by_section.items():
        longest_first = sorted(quotes, key=len, reverse=True)
        for quote in quotes:
            container = next(q for q in longest_first if quote in q)
            result[(section, quote)] = (container, container.find(quote))
    return result
