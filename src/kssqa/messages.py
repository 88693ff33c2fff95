"""Bilingual message templates.

Each module that produces findings owns a ``dict[code, Template]``; it never writes message text
inline. A template holds one format string per language (Norwegian bokmål first).
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Template:
    nb: str
    en: str

    def render(self, **params: object) -> dict[str, str]:
        return {"nb": self.nb.format(**params), "en": self.en.format(**params)}
