"""The progress bar on standard error: shown when asked (--progress), never into a pipe or a
CI log unless asked, never with --no-progress; standard output is the same either way."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from kssqa.progress import Bar, NoProgress, progress_for

from .conftest import ROOT


def kssqa(project, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "kssqa", "check", "--no-write", "-q", *args],
        cwd=project.root,
        env=env,
        capture_output=True,  # standard error is a pipe, not a terminal
        text=True,
        check=False,
    )


def test_forced_progress_shows_each_table_and_check(project):
    project.write("checks/c.yaml", "checks:\n  - {id: c.one, kind: rule, title: T, expr: 1 == 1}\n")
    shown = kssqa(project, "--progress")
    assert shown.returncode == 0, shown.stderr
    assert "kssqa:" in shown.stderr and "2/2" in shown.stderr
    assert "figures.csv" in shown.stderr and "c.one" in shown.stderr
    quiet = kssqa(project)
    assert quiet.stderr == ""  # not a terminal: nothing, however long the run
    assert quiet.stdout == shown.stdout
    assert kssqa(project, "--no-progress").stderr == ""


def test_the_bar_waits_for_a_terminal_and_a_second():
    stream = io.StringIO()  # not a terminal
    bar = Bar(stream=stream)
    bar.start(3)
    for step in ("a.csv", "b.csv", "check"):
        bar.advance(step)
    bar.close()
    assert stream.getvalue() == ""
    assert bar.bar is None  # not a terminal: no bar made at all
    forced = Bar(forced=True, stream=stream)
    forced.start(1)
    forced.advance("a.csv")
    forced.close()
    assert "a.csv" in stream.getvalue()


def test_the_options_choose_the_progress():
    assert type(progress_for(False)) is NoProgress
    assert progress_for(True).forced and not progress_for(None).forced
