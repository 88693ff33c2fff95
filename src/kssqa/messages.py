"""Bilingual message templates.

Each module that produces findings owns a ``dict[code, Template]``; it never writes message text
inline. A template holds one format string per language (Norwegian bokmål first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("nb", "en")
# What a message may quote of a value from a file (a cell, a YAML value): enough to recognise
# it. A hostile or broken file can hold megabytes in one value; a message stays a line or two.
QUOTE_LIMIT = 80
ELLIPSIS = "…"


@dataclass(frozen=True)
class Template:
    nb: str
    en: str

    def render(self, **params: object) -> dict[str, str]:
        return {"nb": self.nb.format(**params), "en": self.en.format(**params)}


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A value from a file, as a message quotes it: its ``repr``, shortened.

    ``repr`` of a deeply nested value recurses; a value too deep to print is named by its type.
    """
    if isinstance(value, str):
        return repr(shorten(value, limit))
    try:
        return shorten(repr(value), limit)
    except RecursionError:
        return f"<{type(value).__name__} nested too deeply to print>"
