"""The project configuration: ``kssqa.toml`` -> :class:`Config`."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .messages import quoted, shorten

CONFIG_NAME = "kssqa.toml"
MESSAGE_LIMIT = 1000  # a configuration message names the file and the problem, not megabytes


class ConfigError(Exception):
    """kssqa cannot run with this configuration (exit code 2)."""

    def __init__(self, message: str):
        super().__init__(shorten(message, MESSAGE_LIMIT))


def read_text(path: Path, display: str | Path) -> str:
    """A configuration file's text (UTF-8), or a ConfigError that names the file.

    Only regular files are read: a directory or a named pipe where a file should be is named
    as such (reading a pipe would wait for a writer forever).
    """
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise ConfigError(f"{display}: cannot be read: it is {what}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{display}: not UTF-8 text (byte {error.start}): save it as UTF-8"
        ) from None
    except OSError as error:
        raise ConfigError(f"{display}: cannot be read: {error.strerror or error}") from None


def _toml_problem(error: Exception) -> str:
    """What is wrong with a TOML text that tomllib refused (it raises more than its own error)."""
    if isinstance(error, RecursionError):
        return "values are nested too deeply"
    if isinstance(error, tomllib.TOMLDecodeError):
        return str(error)
    return f"a number has more than {sys.get_int_max_str_digits()} digits"


def _check_encoding(encoding: object, path: Path) -> None:
    """A text encoding Python knows: codecs also has byte-to-byte ones (rot13, hex, zlib)."""
    try:
        "".encode(encoding)  # type: ignore[arg-type]  # (bytes.decode skips the check for b"")
    except (LookupError, TypeError):
        raise ConfigError(
            f"{path}: [csv] encoding {quoted(encoding)} is not a known text encoding"
        ) from None


@dataclass(frozen=True)
class Config:
    path: Path | None  # the kssqa.toml read, if any
    root: Path  # folder that relative paths are resolved against
    year: int
    inputs: Path
    schemas: Path
    checks: Path
    reports: Path
    encoding: str = "utf-8"
    delimiter: str = ","

    def relative(self, path: Path) -> str:
        """A path as the user should see it: relative to the project root when possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def with_overrides(self, *, inputs: Path | None = None, year: int | None = None) -> Config:
        changes: dict[str, object] = {}
        if inputs is not None:
            changes["inputs"] = inputs.resolve()
        if year is not None:
            changes["year"] = year
        return replace(self, **changes)


_KNOWN = {
    "kssqa": {"year", "inputs", "schemas", "checks", "reports"},
    "csv": {"encoding", "delimiter"},
}


def _check_keys(data: dict, path: Path) -> None:
    for section, value in data.items():
        if section not in _KNOWN:
            raise ConfigError(
                f"{path}: unknown section [{shorten(section)}] (known: {sorted(_KNOWN)})"
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        unknown = set(value) - _KNOWN[section]
        if unknown:
            raise ConfigError(
                f"{path}: unknown key(s) {sorted(unknown)} in [{section}] "
                f"(known: {sorted(_KNOWN[section])})"
            )


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``kssqa.toml`` (``path``, or the one in ``cwd``) and resolve its paths."""
    cwd = cwd or Path.cwd()
    path = path or cwd / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"no configuration file {path} (run kssqa in the project root, or pass --config)"
        )
    text = read_text(path, path)
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as error:
        raise ConfigError(f"{path}: not valid TOML: {_toml_problem(error)}") from None
    _check_keys(data, path)
    main = data.get("kssqa", {})
    csv_options = data.get("csv", {})
    root = path.parent.resolve()
    year = main.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
        raise ConfigError(f"{path}: [kssqa] year must be a year such as 2025, got {quoted(year)}")

    def folder(key: str, default: str) -> Path:
        value = main.get(key, default)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{path}: [kssqa] {key} must be a folder path")
        return (root / value).resolve()

    encoding = csv_options.get("encoding", "utf-8")
    delimiter = csv_options.get("delimiter", ",")
    _check_encoding(encoding, path)
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        raise ConfigError(f"{path}: [csv] delimiter must be one character, got {quoted(delimiter)}")
    return Config(
        path=path.resolve(),
        root=root,
        year=year,
        inputs=folder("inputs", f"inputs/{year}"),
        schemas=folder("schemas", "schemas"),
        checks=folder("checks", "checks"),
        reports=folder("reports", "reports"),
        encoding=encoding,
        delimiter=delimiter,
    )
