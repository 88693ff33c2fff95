"""Where a long run is, on standard error: one bar over the tables read and the checks run.

A batch run on the bundled data takes a second or two and prints nothing while it works; a
register of a million rows takes longer, and a silent terminal looks like a hang. The bar is
tqdm's: it appears only after ``DELAY`` seconds and only when standard error is a terminal
(tqdm's ``disable=None``), so short runs and CI logs stay clean; ``--progress`` asks for it
anyway (at once, even into a log), ``--no-progress`` never shows it.
"""

from __future__ import annotations

import sys
from typing import Any

DELAY = 1.0  # seconds a run must take before the bar appears


class NoProgress:
    """The run reports where it is to nobody."""

    def start(self, total: int) -> None:
        """The run has ``total`` steps (tables to read, checks to run)."""

    def advance(self, label: str) -> None:
        """The step ``label`` is about to run."""

    def close(self) -> None:
        """The run is over."""


class Bar(NoProgress):
    """A tqdm bar on standard error; ``forced``: shown at once, terminal or not."""

    def __init__(self, forced: bool = False, stream: Any = None):
        self.forced = forced
        self.stream = stream or sys.stderr
        self.bar = None

    def start(self, total: int) -> None:
        if not self.forced and not _is_terminal(self.stream):
            return  # tqdm would stay silent (its disable=None): it need not even be loaded
        from tqdm import tqdm  # only a run that may show a bar loads it

        self.bar = tqdm(
            total=total,
            file=self.stream,
            disable=False if self.forced else None,  # None: only on a terminal
            delay=0 if self.forced else DELAY,
            mininterval=0 if self.forced else 0.1,  # asked for: every step, also into a log
            miniters=1,
            desc="kssqa",
            unit=" steg",
            leave=False,  # the summary that follows is the run's last word
            dynamic_ncols=True,
        )

    def advance(self, label: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(label, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress_for(option: bool | None) -> NoProgress:
    """The progress of ``--progress`` (True), ``--no-progress`` (False) or neither (None)."""
    if option is False:
        return NoProgress()
    return Bar(forced=option is True)
