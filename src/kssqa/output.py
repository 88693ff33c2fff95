"""Writing outputs so that a crash, a kill, Ctrl-C or a full disk never leaves a broken one.

``write_atomic`` replaces one file. ``write_folder`` replaces a folder of files as a whole:
the report set (HTML, JSON, JUnit, SARIF, CSV) is only consistent as a set, so a reader of
``reports/<year>/`` must see either the old set or the new one, never a new ``report.html``
beside an old ``report.json``. The new set is written into a hidden folder beside the old one
and the two are swapped in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, see :func:`_swap`). A killed run leaves at most that hidden folder, which the next
run removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

NEW, OLD = "new", "old"  # the hidden siblings: .<folder>.new-XXXX (being written), .old-XXXX


class OutputError(OSError):
    """An output could not be written; the message names the file and the reason."""

    def __init__(self, path: Path | str, error: OSError):
        self.path = str(path)
        super().__init__(error.errno, error.strerror or str(error), self.path)

    def __str__(self) -> str:
        return f"{self.path}: {self.strerror}"


def _default_mode(kind: int = 0o666) -> int:
    """The permissions an ordinary new file (0o666) or folder (0o777) gets here (mkstemp and
    mkdtemp would make them owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    return kind & ~umask


def _write_file(path: Path, text: str) -> None:
    """Write and flush ``text`` to the new file ``path`` (its folder is not yet visible).

    ``open`` creates it with the ordinary permissions (0o666 less the umask)."""
    with open(path, "x", encoding="utf-8", newline="") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


_TEXT = {"encoding": "utf-8", "newline": ""}


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8), or bytes, to ``path`` so a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, _default_mode())
        binary = isinstance(text, bytes)
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else _TEXT)) as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- a folder as a whole ---------------------------------------------------------------------


def write_folder(folder: Path, files: dict[str, str], keep: bool = True) -> None:
    """Replace ``folder`` by a folder holding ``files`` (name -> text), in one step.

    With ``keep``, other entries of the old folder (not named in ``files``, not a leftover
    ``.*.tmp`` of an older kssqa) are carried over as hard links (copies where links fail).
    Raises :class:`OutputError` naming the file that could not be written; the old folder is
    then untouched and nothing is left behind.
    """
    if folder.is_symlink():
        folder = folder.resolve()  # the folder a link points at is the one to replace
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(parent, error) from None
    try:
        with _locked(parent):
            clean_leftovers(folder)
            if folder.exists() and not folder.is_dir():
                raise OSError(errno.ENOTDIR, "not a folder")
            staging = _stage(folder, files, keep)
            try:
                _swap(staging, folder)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            _sync_folder(parent)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(folder, error) from None


def clean_leftovers(folder: Path) -> None:
    """Remove what a killed run left beside ``folder``; restore it if the kill came between
    the two renames of the fallback swap (the old set is then intact in ``.old-XXXX``)."""
    old = sorted(_siblings(folder, OLD), key=lambda p: p.stat().st_mtime)
    if old and not folder.exists():
        os.rename(old.pop(), folder)
    for leftover in old + _siblings(folder, NEW):
        shutil.rmtree(leftover, ignore_errors=True)


def _siblings(folder: Path, role: str) -> list[Path]:
    return [p for p in folder.parent.glob(f".{folder.name}.{role}-*") if p.is_dir()]


def _stage(folder: Path, files: dict[str, str], keep: bool) -> Path:
    """The new folder, complete and flushed, as a hidden sibling of ``folder``."""
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.{NEW}-"))
    try:
        os.chmod(staging, _default_mode(0o777))
        for name, text in files.items():
            try:
                _write_file(staging / name, text)
            except OSError as error:
                raise OutputError(folder / name, error) from None
        if keep and folder.is_dir():
            _carry_over(folder, staging, set(files))
        _sync_folder(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _carry_over(old: Path, new: Path, replaced: set[str]) -> None:
    """Entries of the old folder that are not kssqa's to replace go into the new one."""
    for entry in old.iterdir():
        if entry.name in replaced or _is_old_temporary(entry.name, replaced):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link)
            else:
                _link(entry, new / entry.name)
        except OSError as error:
            raise OutputError(entry, error) from None


def _is_old_temporary(name: str, replaced: set[str]) -> bool:
    """A leftover of a run killed while writing one file (write_atomic: .<name>.XXXX.tmp)."""
    return any(name.startswith(f".{file}.") and name.endswith(".tmp") for file in replaced)


def _link(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target, follow_symlinks=False)


def _swap(staging: Path, folder: Path) -> None:
    """Put ``staging`` where ``folder`` is; remove the old folder.

    Where the system can exchange two paths in one step, a reader sees the old folder or the
    new one at every moment. Elsewhere the old folder is first renamed aside: a reader can
    find no folder between the two renames, and a run killed there leaves the old set aside,
    which :func:`clean_leftovers` puts back.
    """
    if not folder.exists():
        os.rename(staging, folder)
        return
    if _exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)  # it holds the old folder now
        return
    aside = Path(str(staging).replace(f".{folder.name}.{NEW}-", f".{folder.name}.{OLD}-"))
    os.rename(folder, aside)
    os.rename(staging, folder)
    shutil.rmtree(aside, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system or the file system cannot.

    Python's ``os`` has no ``renameat2``; glibc 2.28+ exports it, so it is called by ctypes.
    """
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries, so a crash after the swap keeps the new names."""
    if os.name != "posix":  # pragma: no cover - folders cannot be opened for fsync
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextlib.contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """One writer at a time in ``parent``: a second run waits instead of removing the first
    run's hidden folder as a leftover."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    handle = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock
