"""The GX worker process: when it starts, what it answers, and how its failures are reported.

The gx checks themselves (planted failures, good data, configuration errors) are tested in
tests/kinds/test_gx.py; they all run through this worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pandas as pd
import pytest

from kssqa import gx_worker
from kssqa.api import run
from kssqa.config import ConfigError

from .conftest import Project

GX_CHECK = """\
checks:
  - {id: figures.keys, kind: gx, title: Nøklene er unike, table: figures,
     expectation: expect_column_values_to_be_unique, kwargs: {column: key}}
"""
SUM_CHECK = """\
checks:
  - {id: figures.sum, kind: sum, title: Summen stemmer, total: figures.a, parts: [figures.c]}
"""


@pytest.fixture
def fresh_worker():
    """No worker of an earlier test: this test starts its own; later tests get a new one."""
    gx_worker.stop()
    yield
    gx_worker.stop()


def test_the_quick_look_selects_like_only_and_skip(tmp_path):
    (tmp_path / "gx.yaml").write_text(GX_CHECK, encoding="utf-8")
    (tmp_path / "sum.yaml").write_text(SUM_CHECK, encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    selected = gx_worker.gx_checks_selected
    assert selected(tmp_path, (), ())
    assert selected(tmp_path, ("figures.keys",), ())
    assert selected(tmp_path, ("gx",), ("sum",))
    assert not selected(tmp_path, (), ("gx",))
    assert not selected(tmp_path, (), ("figures.keys",))
    assert not selected(tmp_path, ("schema",), ())
    assert not selected(tmp_path, ("figures.sum",), ())
    assert not selected(tmp_path / "missing", (), ())


def test_with_gx_skipped_the_quick_look_reads_no_file(tmp_path, monkeypatch):
    """--skip gx (the everyday run) decides without parsing the check files again."""
    (tmp_path / "gx.yaml").write_text(GX_CHECK, encoding="utf-8")
    read = []
    monkeypatch.setattr(gx_worker, "safe_load", lambda text: read.append(text) or {})
    assert not gx_worker.gx_checks_selected(tmp_path, (), ("gx",))
    assert read == []
    assert not gx_worker.gx_checks_selected(tmp_path, (), ("sum",))  # this one reads
    assert len(read) == 1


def test_the_quick_look_passes_over_files_it_cannot_read(tmp_path):
    (tmp_path / "broken.yaml").write_text("checks: [\n", encoding="utf-8")
    (tmp_path / "odd.yaml").write_text("- just a list\n", encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes("checks: [{title: Sør}]\n".encode("latin-1"))
    assert not gx_worker.gx_checks_selected(tmp_path, (), ())
    (tmp_path / "gx.yaml").write_text(GX_CHECK, encoding="utf-8")
    assert gx_worker.gx_checks_selected(tmp_path, (), ())


def test_answers_in_plain_data_and_reports_what_a_request_got_wrong(fresh_worker):
    worker = gx_worker.start()
    assert worker.version  # GX's version, from the worker's import
    frame = pd.DataFrame({"number": [1, 2, 40]})
    kwargs = {"column": "number", "min_value": 1, "max_value": 18}
    outcome = worker.call("evaluate", "expect_column_values_to_be_between", kwargs, frame)
    assert outcome["success"] is False
    assert outcome["result"]["unexpected_count"] == 1
    assert outcome["result"]["partial_unexpected_index_list"] == [2]
    assert type(outcome["result"]["unexpected_count"]) is int  # no numpy types cross over
    problems = worker.call("problems", [("expect_column_values_to_be_betwen", kwargs)])
    assert "did you mean expect_column_values_to_be_between" in problems[0]
    with pytest.raises(gx_worker.GxError, match="bad kwargs"):
        worker.call("evaluate", "expect_column_values_to_be_between", {"colum": "x"}, frame)
    with pytest.raises(gx_worker.GxError, match="unknown request"):
        worker.call("compute")
    assert gx_worker.start() is worker  # one worker serves the whole process


def test_a_worker_that_dies_is_a_clear_error_and_the_next_run_starts_a_new_one(
    tmp_path, fresh_worker
):
    project = Project(tmp_path)
    project.write("checks/gx.yaml", GX_CHECK)
    first = gx_worker.start()
    assert first.version
    os.kill(first.pid, signal.SIGKILL)
    with pytest.raises(ConfigError, match=r"Great Expectations stopped: .*exit code -9"):
        first.call("problems", [])
    report = run(project.config())  # a new worker
    assert gx_worker.start() is not first
    passed = [f for f in report.findings if f.check_id == "figures.keys"]
    assert [f.outcome.value for f in passed] == ["pass"]


def test_gx_that_cannot_be_imported_exits_2_with_the_reason(tmp_path, fresh_worker):
    project = Project(tmp_path)
    project.write("checks/gx.yaml", GX_CHECK)
    fake = project.write(
        "fake/great_expectations/__init__.py",
        'print("noise on standard output")\nraise ImportError("planted: GX is broken")\n',
    )
    env = {**os.environ, "PYTHONPATH": str(fake.parents[1])}
    result = subprocess.run(
        [sys.executable, "-m", "kssqa", "check", "--no-write"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "kssqa: Great Expectations cannot be started: planted: GX is broken"
    )
    assert "noise" not in result.stdout + result.stderr  # the worker's prints stay in it
    skipped = subprocess.run(
        [sys.executable, "-m", "kssqa", "check", "--no-write", "--skip", "gx"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert skipped.returncode == 0, skipped.stderr


def test_findings_keep_the_order_of_the_checks_though_gx_runs_last(tmp_path, monkeypatch):
    project = Project(tmp_path)
    project.write("checks/a.yaml", GX_CHECK)
    project.write("checks/b.yaml", SUM_CHECK)
    ran: list[str] = []
    from kssqa.kinds import KINDS

    for name in ("gx", "sum"):
        kind = KINDS[name]
        original = kind.run
        monkeypatch.setattr(
            kind, "run", lambda self, o=original: ran.append(self.check.id) or o(self)
        )
    report = run(project.config())
    assert ran == ["figures.sum", "figures.keys"]
    checked = [f.check_id for f in report.findings if f.kind in ("gx", "sum")]
    assert checked == ["figures.keys", "figures.sum"]


def test_a_run_ends_its_worker(tmp_path):
    project = Project(tmp_path)
    project.write("checks/gx.yaml", GX_CHECK)
    probe = (
        "import sys\nfrom kssqa import gx_worker\nfrom kssqa.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(gx_worker._WORKER.pid)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "check", "--no-write", "-q"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    pid = int(result.stdout.strip().splitlines()[-1])  # the worker ran until the run ended
    with pytest.raises(ProcessLookupError):  # and was ended and reaped with it
        os.kill(pid, 0)


def test_a_worker_that_cannot_be_spawned_is_a_clear_error(monkeypatch, fresh_worker):
    monkeypatch.setattr(gx_worker.sys, "executable", "/nonexistent/python")
    with pytest.raises(ConfigError, match="Great Expectations cannot be started: .*nonexistent"):
        gx_worker.start()
