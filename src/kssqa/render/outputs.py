"""Every output kssqa renders, in one registry: its ``--format`` name, the file it is written
to in ``reports/<year>/`` (none: standard output only), and its renderer.

Every renderer is a pure function ``render(report_data, lang) -> str`` of the report data
(``render.data.report_to_data``). Adding an output format is its module plus one line here:
``kssqa check --format NAME`` prints it and the report set includes its file.

Renderers are named by import path and imported when used, so ``kssqa --help`` imports none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Output:
    name: str  # the --format name
    file: str | None  # the file in reports/<year>/; None: printed only
    renderer: str  # "module:function", relative to this package

    def render(self, data: dict[str, Any], lang: str = "nb", **options: Any) -> str:
        module, function = self.renderer.split(":")
        render: Callable[..., str] = getattr(import_module(module, __package__), function)
        return render(data, lang, **options)


OUTPUTS = {
    output.name: output
    for output in (
        Output("text", None, ".text:render_text"),
        Output("html", "report.html", ".html:render_html"),
        Output("json", "report.json", ".machine:render_json"),
        Output("junit", "junit.xml", ".machine:render_junit"),
        Output("sarif", "report.sarif", ".machine:render_sarif"),
        Output("reconciliation", "reconciliation.csv", ".machine:render_reconciliation"),
        Output("markdown", "summary.md", ".markdown:render_markdown"),
    )
}
REPORT_FILES = {output.file: output for output in OUTPUTS.values() if output.file}
