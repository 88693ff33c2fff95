"""Documentation of the check kinds, from the text each kind carries (``kssqa explain``)."""

from __future__ import annotations

import textwrap

from .kinds import KINDS
from .kinds.base import Example, KindDoc

HEADINGS = {
    "what": "What it does",
    "why": "Why it matters",
    "example_fails": "Example (fails)",
    "example_passes": "Example (passes)",
    "fix": "Fix",
}


def _example(example: Example) -> str:
    parts = [example.description, "", "```yaml", example.check.rstrip(), "```"]
    for path, text in example.files.items():
        fence = "csv" if path.endswith(".csv") else "yaml"
        parts += ["", f"`{path}`:", f"```{fence}", text.rstrip(), "```"]
    return "\n".join(parts)


def explain_kind(name: str) -> str:
    kind = KINDS[name]
    doc: KindDoc = kind.doc
    lines = [f"# {name} — {kind.title}", ""]
    for section in KindDoc.SECTIONS:
        value = getattr(doc, section)
        lines.append(f"## {HEADINGS[section]}")
        if isinstance(value, Example):
            lines.append(_example(value))
        else:
            lines.append(textwrap.fill(value, width=96))
        lines.append("")
    lines.append("## Arguments")
    for arg_name, arg in kind.args.items():
        need = "required" if arg.required else f"optional, default {arg.default!r}"
        lines.append(f"- `{arg_name}` ({arg.type}, {need}){': ' + arg.help if arg.help else ''}")
    return "\n".join(lines).rstrip() + "\n"


def kind_overview() -> str:
    width = max(len(n) for n in KINDS)
    rows = [f"{name.ljust(width)}  {KINDS[name].title}" for name in sorted(KINDS)]
    return "\n".join(rows) + "\n\nkssqa explain KIND shows the documentation of one kind."


def kinds_markdown() -> str:
    """The whole kinds reference, as written to docs/kinds.md."""
    return "# Check kinds\n\n" + "\n".join(explain_kind(name) for name in sorted(KINDS))
