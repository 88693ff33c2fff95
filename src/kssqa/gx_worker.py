"""Great Expectations in a worker process, so that its slow import overlaps kssqa's own work.

Importing GX takes about three seconds, longer than the rest of a ``kssqa check``. The ``gx``
checks therefore run in a child process (``python -m kssqa.gx_worker``) that imports GX and
creates its ephemeral context (:mod:`kssqa.gx_runtime`) while kssqa itself reads, parses and
validates the tables and runs its other checks. The CLI starts the worker first thing when the
selected checks include a ``gx`` check (:func:`start_if_selected`, a quick look at the check
files before kssqa's own libraries are imported); the ``gx`` kind starts it otherwise. A run
that selects no ``gx`` check starts no worker, and no process imports GX.

Requests and replies are pickled over the child's standard input and output: a private pipe
between the two processes of one run, nothing else reads or writes it. The child moves its
standard output to its standard error first thing, so a stray print from GX cannot corrupt
the pipe; its standard error goes to an anonymous temporary file, read only to explain a
worker that could not start. The child ends when kssqa does.
"""

from __future__ import annotations

import atexit
import os
import pickle
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from .config import ConfigError
from .selection import check_files, is_selected
from .yamlio import YAMLError, safe_load

HEADER = struct.Struct("!Q")  # the length of the pickled message that follows
KIND = "gx"


class GxError(Exception):
    """What the worker reports for one request: bad arguments, or GX could not evaluate."""


def send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> Any:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError
    size = HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # noqa: S301 - our own child process, over a private pipe


# --- the kssqa side -------------------------------------------------------------------------


class Worker:
    """The child process that runs GX; requests are answered in order, one at a time."""

    def __init__(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        # the child imports this very kssqa, and nothing from the current folder (-P)
        here = str(Path(__file__).resolve().parents[1])
        path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
        environment = {**os.environ, "GX_ANALYTICS_ENABLED": "False", "PYTHONPATH": path}
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-P", "-m", "kssqa.gx_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=environment,
            )
        except OSError as error:  # not an output problem: say what could not start
            self._stderr.close()
            raise ConfigError(f"Great Expectations cannot be started: {error}") from None
        self._version: str | None = None

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    @property
    def version(self) -> str:
        """GX's version, once the worker has imported it (waits for that)."""
        self._wait_ready()
        return self._version or ""

    def call(self, operation: str, *arguments: Any) -> Any:
        """Send one request and wait for its reply; GxError for what the request got wrong."""
        self._wait_ready()
        try:
            send(self._process.stdin, (operation, *arguments))
            status, payload = receive(self._process.stdout)
        except (EOFError, OSError):
            raise ConfigError(f"Great Expectations stopped: {self._ended()}") from None
        if status == "error":
            raise GxError(payload)
        return payload

    def close(self) -> None:
        """Stop the worker at once: it holds nothing that must be saved."""
        if self.alive:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            if stream is not None:
                stream.close()

    def _wait_ready(self) -> None:
        if self._version is not None:
            return
        try:
            status, payload = receive(self._process.stdout)
        except (EOFError, OSError):
            raise ConfigError(f"Great Expectations cannot be started: {self._ended()}") from None
        if status != "ready":
            raise ConfigError(payload)
        self._version = payload

    def _ended(self) -> str:
        """Why the worker ended, from its last lines of standard error."""
        code = self._process.wait()
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        tail = lines[-1] if lines else "no message"
        return f"the worker process ended (exit code {code}): {tail}"


_WORKER: Worker | None = None


def start() -> Worker:
    """The worker of this process, started now unless it is already running."""
    global _WORKER
    if _WORKER is None or not _WORKER.alive:
        if _WORKER is not None:
            _WORKER.close()
            _WORKER = None
        _WORKER = Worker()
    return _WORKER


@atexit.register
def stop() -> None:
    global _WORKER
    if _WORKER is not None:
        _WORKER.close()
        _WORKER = None


def gx_checks_selected(folder: Path, only: tuple[str, ...], skip: tuple[str, ...]) -> bool:
    """Whether a run with ``only``/``skip`` will run a gx check: a quick look at the check files.

    Only the timing depends on it: a file that cannot be read here is read again, and its
    problem reported, when the checks are loaded.
    """
    if KIND in skip:  # every gx check is skipped: no file needs reading (the everyday run)
        return False
    for path in check_files(folder):
        if not path.is_file():  # a folder or a named pipe: reported when the checks load
            continue
        try:
            data = safe_load(path.read_text(encoding="utf-8"))
        except (OSError, YAMLError, UnicodeDecodeError):
            continue
        entries = data.get("checks") if isinstance(data, dict) else None
        for raw in entries if isinstance(entries, list) else []:
            if (
                isinstance(raw, dict)
                and raw.get("kind") == KIND
                and is_selected(str(raw.get("id")), KIND, only, skip)
            ):
                return True
    return False


def start_if_selected(folder: Path, only: tuple[str, ...], skip: tuple[str, ...]) -> None:
    """Start the worker now if the run will need it, so that GX loads while kssqa works."""
    if gx_checks_selected(folder, only, skip):
        start()


# --- the worker side ------------------------------------------------------------------------


def _answer(runtime_module, operation: str, arguments: tuple) -> tuple[str, Any]:
    if operation == "problems":
        return "ok", runtime_module.expectation_problems(*arguments)
    if operation == "evaluate":
        try:
            return "ok", runtime_module.evaluate(*arguments)
        except runtime_module.ExpectationError as error:
            return "error", str(error)
    return "error", f"unknown request {operation!r}"


def serve() -> int:
    """The worker's loop: import GX, say ready, answer requests until kssqa closes the pipe."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not reach the pipe
    requests = sys.stdin.buffer
    from . import gx_runtime

    try:
        send(replies, ("ready", gx_runtime.runtime().version))
    except ConfigError as error:
        send(replies, ("failed", str(error)))
        return 1
    while True:
        try:
            operation, *arguments = receive(requests)
        except EOFError:
            return 0
        try:
            reply = _answer(gx_runtime, operation, tuple(arguments))
        except Exception as error:  # a bug in kssqa's use of GX: report it, keep serving
            reply = ("error", f"Great Expectations: {type(error).__name__}: {error}")
        send(replies, reply)


if __name__ == "__main__":
    try:
        sys.exit(serve())
    except (KeyboardInterrupt, BrokenPipeError):  # kssqa was interrupted or has ended
        sys.exit(1)
