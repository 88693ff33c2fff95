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


class LocalText(str):
    """Text that reads differently in each language — a number (1 234,5 / 1,234.5), a date —
    but is one value. As a plain ``str`` it is the Norwegian form; a :class:`Template` puts
    each language's form into that language's message."""

    texts: dict[str, str]

    def __new__(cls, texts: dict[str, str]) -> LocalText:
        text = super().__new__(cls, texts["nb"])
        text.texts = dict(texts)
        return text

    def localize(self, lang: str) -> str:
        return self.texts.get(lang, str(self))

    def __reduce__(self):  # copies and pickles keep every language
        return (LocalText, (self.texts,))


def localize(value: object, lang: str) -> object:
    """``value`` in ``lang``: a LocalText's form, a rendered message's text, else as it is."""
    if isinstance(value, LocalText):
        return value.localize(lang)
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return value[lang]
    return value


@dataclass(frozen=True)
class Template:
    nb: str
    en: str

    def render(self, **params: object) -> dict[str, str]:
        """The message in every language; a LocalText or rendered-message parameter reads in
        each message's own language."""
        return {
            lang: getattr(self, lang).format(**{k: localize(v, lang) for k, v in params.items()})
            for lang in LANGUAGES
        }


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


def local(nb: str, en: str | None = None, /, **params: object) -> dict[str, str]:
    """A finding's value text in every language, from a Norwegian and an English format (one
    format when the words are the same: numbers and signs); LocalText parameters read in each
    language's own form."""
    return Template(nb, nb if en is None else en).render(**params)


def per_language(make) -> LocalText:
    """``make(lang)`` for every language, as one LocalText."""
    return LocalText({lang: make(lang) for lang in LANGUAGES})


def replacement(old: object, new: object) -> str:
    """An edit of the printed text, as suggestions and messages write it: «1 153» → «153»."""
    return f"«{old}» → «{new}»"
