"""The report set is written as a whole (issue 12, defect 5): a reader sees the old set or the
new one, a killed run leaves no temporary file after the next run, a full disk names the file.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kssqa import output
from kssqa.cli import main
from kssqa.output import OutputError, write_folder

OLD = {"report.html": "old html", "report.json": "{}", "junit.xml": "<old/>"}
NEW = {"report.html": "new html", "report.json": '{"new": 1}', "junit.xml": "<new/>"}
NEWER = {"report.html": "newer html", "report.json": '{"newer": 1}', "junit.xml": "<newer/>"}


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_new_set_replaces_the_old_one_and_nothing_is_left_beside_it(tmp_path):
    folder = tmp_path / "reports" / "2025"
    write_folder(folder, OLD)
    write_folder(folder, NEW)
    assert contents(folder) == NEW
    assert [p.name for p in folder.parent.iterdir()] == ["2025"]


def test_the_folder_gets_ordinary_permissions(tmp_path):
    write_folder(tmp_path / "2025", NEW)
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "2025").stat().st_mode & 0o777 == 0o777 & ~umask
    assert (tmp_path / "2025" / "report.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_what_is_not_kssqas_stays_and_old_temporary_files_go(tmp_path):
    folder = tmp_path / "2025"
    write_folder(folder, OLD)
    (folder / "notes.txt").write_text("the editor's")
    (folder / "archive").mkdir()
    (folder / "archive" / "2024.html").write_text("kept")
    (folder / ".report.json.k2j3h4.tmp").write_text("half")  # a kill in write_atomic
    write_folder(folder, NEW)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*NEW, "notes.txt", "archive"])
    assert {name: (folder / name).read_text() for name in NEW} == NEW
    assert (folder / "notes.txt").read_text() == "the editor's"
    assert (folder / "archive" / "2024.html").read_text() == "kept"


def test_a_full_disk_names_the_file_and_keeps_the_old_set(tmp_path, monkeypatch):
    folder = tmp_path / "2025"
    write_folder(folder, OLD)
    real = output._write_file

    def full_at_json(path, text):
        if path.name == "report.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, text)

    monkeypatch.setattr(output, "_write_file", full_at_json)
    with pytest.raises(OutputError) as error:
        write_folder(folder, NEW)
    assert str(error.value) == f"{folder / 'report.json'}: No space left on device"
    assert contents(folder) == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["2025"]


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "2025").write_text("not a folder")
    with pytest.raises(OutputError) as error:
        write_folder(tmp_path / "2025", NEW)
    assert "2025: not a folder" in str(error.value)


def test_the_cli_names_the_file_it_cannot_write(project, monkeypatch):
    def no_space(path, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "_write_file", no_space)
    result = CliRunner().invoke(main, ["check", "--config", str(project.root / "kssqa.toml")])
    assert result.exit_code == 2
    assert "cannot write the reports: reports/2025/report.html: No space left on device" in (
        result.output
    )


# --- kills: a child process writes the set and is killed at its n-th file-system step --------

# The file-system calls that write_folder makes (directly or through shutil and tempfile).
STEPS = ("mkdir", "open", "rename", "link", "fsync", "unlink", "rmdir")
CHILD = textwrap.dedent(
    """
    import json, os, signal, sys
    from pathlib import Path
    from kssqa import output

    folder, files = Path(sys.argv[1]), json.loads(sys.argv[2])
    kill_at, exchange = int(sys.argv[3]), sys.argv[4]
    count = 0

    def counted(function):
        def step(*args, **kwargs):
            global count
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return step

    for name in {steps}:
        setattr(os, name, counted(getattr(os, name)))
    if exchange == "no":
        output._exchange = lambda first, second: False
    output._exchange = counted(output._exchange)
    output.write_folder(folder, files)
    print(count)
    """
).format(steps=STEPS)


def write_in_child(folder: Path, files: dict[str, str], kill_at: int, exchange: str) -> int:
    """Run write_folder in a child killed at its ``kill_at``-th step; its return code."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), json.dumps(files), str(kill_at), exchange],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(output.__file__).parents[1])},
    )
    assert result.returncode in (0, -signal.SIGKILL), result.stderr
    return result.returncode


@pytest.mark.parametrize("exchange", ["yes", "no"], ids=["exchange", "two renames"])
def test_a_kill_at_any_step_leaves_the_old_or_the_new_set(tmp_path, exchange):
    if exchange == "yes" and not sys.platform.startswith("linux"):
        pytest.skip("an atomic exchange of two paths is Linux's renameat2")
    kill_at = 1
    seen = set()
    while True:
        folder = tmp_path / str(kill_at) / "2025"
        folder.parent.mkdir()
        write_folder(folder, OLD)
        killed = write_in_child(folder, NEW, kill_at, exchange) != 0
        found = contents(folder)
        if exchange == "no" and not found:  # killed between the fallback's two renames
            [aside] = folder.parent.glob(".2025.old-*")
            assert contents(aside) == OLD
            seen.add("aside")
        else:
            assert found in (OLD, NEW), (kill_at, found)
            seen.add("old" if found == OLD else "new")
        write_folder(folder, NEWER)  # the next run
        assert contents(folder) == NEWER
        assert [p.name for p in folder.parent.iterdir()] == ["2025"], kill_at
        if not killed:
            break
        kill_at += 1
    assert kill_at > 10 and {"old", "new"} <= seen


def test_a_killed_cli_run_leaves_the_previous_set_and_the_next_run_cleans_up(project):
    """The whole CLI, killed after it flushed its third report file."""
    config = str(project.root / "kssqa.toml")
    assert CliRunner().invoke(main, ["check", "--config", config]).exit_code == 0
    folder = project.root / "reports" / "2025"
    before = contents(folder)
    csv = project.root / "inputs" / "2025" / "figures.csv"
    csv.write_text(csv.read_text() + "figures.d,Media,,-5,count,,minus fem\n")  # a new set
    script = textwrap.dedent(
        f"""
        import os, signal
        real, flushed = os.fsync, []
        def fsync(handle):
            real(handle)
            flushed.append(handle)
            if len(flushed) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        os.fsync = fsync
        from kssqa.cli import main
        main(["check", "--config", {config!r}, "-q"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(output.__file__).parents[1])},  # this kssqa
    )
    assert result.returncode == -signal.SIGKILL
    assert contents(folder) == before  # the previous set, complete: nothing of the new one
    assert CliRunner().invoke(main, ["check", "--config", config]).exit_code == 1
    assert "figures.d" in (folder / "report.json").read_text()
    assert [p.name for p in folder.parent.iterdir()] == ["2025"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
