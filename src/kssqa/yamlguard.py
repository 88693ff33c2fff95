"""What kssqa's YAML may hold beyond what the safe loader refuses: no anchors, no aliases, no
absurd nesting, no number too long to be one.

The safe loader constructs no Python objects, but it still expands aliases: a few hundred
bytes of nested aliases ("billion laughs") become gigabytes as soon as kssqa prints or walks
the value. kssqa's own files (schemas, checks, waivers, lists) never need an anchor, so the
events of the text are read first (libyaml, no values built) and the file is refused, with
its line, when it has one, when it nests deeper than a check or schema ever does, or when it
has an integer too long to be one (the loader would fail without a line, or build an integer
too long to print).
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

MAX_DEPTH = 32  # kssqa's deepest file nests 5 levels
# An integer is built with int(), which refuses more than 4300 digits, or, written in base 60
# ("1:30:00"), by multiplication, which makes an integer too long for any message to print.
MAX_NUMBER_LENGTH = 100  # no figure, year or bound comes close
INT_TAG = "tag:yaml.org,2002:int"
_RESOLVER = yaml.resolver.Resolver()


class UnsafeYAML(yaml.YAMLError):
    """YAML that is valid but not accepted in kssqa's files; the message gives the line."""

    def __init__(self, line: int | None, problem: str):
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}{problem}")


def _line(event: yaml.Event) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _tag(event: yaml.ScalarEvent) -> str | None:
    """The tag the loader will give a scalar: its own, or the one its plain text resolves to."""
    if event.tag not in (None, "!"):
        return event.tag
    if event.implicit[0]:
        return _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    return None


def _too_long_integer(event: yaml.Event) -> bool:
    return (
        isinstance(event, yaml.ScalarEvent)
        and len(event.value) > MAX_NUMBER_LENGTH
        and _tag(event) == INT_TAG
    )


def check_events(text: str, loader: type) -> None:
    """Refuse anchors, aliases, deep nesting and overlong integers; raise UnsafeYAML."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise UnsafeYAML(
                _line(event),
                "anchors and aliases (&name, *name) are not allowed in kssqa's files; "
                "write the value out",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYAML(_line(event), f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif _too_long_integer(event):
            raise UnsafeYAML(_line(event), f"a number of {len(event.value)} characters")


def guarded_load(text: str, loader: type) -> Any:
    """``yaml.load`` after :func:`check_events`; every failure is a ``yaml.YAMLError``."""
    check_events(text, loader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - the caller passes a safe loader
    except (ValueError, RecursionError) as error:  # e.g. a sexagesimal integer too long
        limit = sys.get_int_max_str_digits()
        raise UnsafeYAML(None, f"a value cannot be read (more than {limit} digits?)") from error
