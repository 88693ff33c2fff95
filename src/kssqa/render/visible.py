"""Text that every output can carry: control characters shown as escapes.

A cell can hold any character (a NUL, a vertical tab, an escape sequence). JSON and SARIF
escape them; XML 1.0 cannot hold most of them at all (junit.xml would not be well-formed), and
a terminal obeys them (an escape sequence in a cell could rewrite the screen). Those outputs
show them as ``\\x0b``-style escapes instead: visible, and still telling which character it was.
"""

from __future__ import annotations

import re

# Control characters (C0 but tab and line feed, DEL, C1), lone surrogates and the two
# non-characters that XML 1.0 forbids.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character (but tab and line feed) as an escape."""
    return _HIDDEN.sub(_escape, text)
