"""The project configuration: ``kssqa.toml`` -> :class:`Config`."""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .messages import quoted, shorten
from .years import PlaceholderError, substitute

CONFIG_NAME = "kssqa.toml"
MESSAGE_LIMIT = 1000  # a configuration message names the file and the problem, not megabytes
# The inputs of each year in a folder of their own; "$year" is replaced by the reporting year.
DEFAULT_INPUTS = "inputs/$year"
# The year's manuscript (the drafted report): this file, or it with .docx, .md or .txt added.
DEFAULT_MANUSCRIPT = "inputs/$year/arsmelding-$year"
MANUSCRIPT_SUFFIXES = (".docx", ".md", ".txt")
_YEAR_FOLDER = re.compile(r"^\d{4}$")


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
    # The configured inputs folder with its "$year" placeholder; None when it names one folder.
    inputs_pattern: str | None = None
    manuscript_pattern: str = DEFAULT_MANUSCRIPT
    manuscript_file: Path | None = None  # --manuscript: this file, whatever the pattern says

    @property
    def manuscript(self) -> Path | None:
        """The manuscript of the reporting year, when there is one (see DEFAULT_MANUSCRIPT)."""
        if self.manuscript_file is not None:
            return self.manuscript_file
        return self.manuscript_for(self.year)

    def manuscript_for(self, year: int) -> Path | None:
        base = (self.root / substitute(self.manuscript_pattern, year)).resolve()
        for candidate in (base, *(base.with_name(base.name + s) for s in MANUSCRIPT_SUFFIXES)):
            if candidate.is_file():
                return candidate
        return None

    def inputs_for(self, year: int) -> Path | None:
        """The inputs folder of another reporting year (last year's, say), if it can be told:
        from the configured pattern, or a sibling folder when the inputs folder is named by
        its year (``inputs/2025`` -> ``inputs/2024``)."""
        if self.inputs_pattern is not None:
            return (self.root / substitute(self.inputs_pattern, year)).resolve()
        if self.inputs.name == str(self.year):
            return self.inputs.parent / str(year)
        return None

    def relative(self, path: Path) -> str:
        """A path as the user should see it: relative to the project root when possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def with_overrides(
        self,
        *,
        inputs: Path | None = None,
        year: int | None = None,
        manuscript: Path | None = None,
    ) -> Config:
        """The configuration for ``--year``/``--inputs``: year N means year N everywhere.

        ``--year N`` alone takes ``inputs/N`` from the pattern; a configuration that names one
        year's folder (``inputs = "inputs/2025"``) cannot serve another year, and an inputs
        folder named by another year than the one checked is refused: both are ConfigErrors
        rather than one year's figures checked against another year's dates.
        """
        if year is not None and not 1900 <= year <= 2200:
            raise ConfigError(f"--year must be a year such as 2025, got {year}")
        changes: dict[str, object] = {}
        if manuscript is not None:
            if not manuscript.is_file():
                raise ConfigError(f"--manuscript {manuscript}: no such file")
            changes["manuscript_file"] = manuscript.resolve()
        target = self.year if year is None else year
        if inputs is not None:
            changes["inputs"] = inputs.resolve()
            changes["inputs_pattern"] = None
            _refuse_other_year(changes["inputs"], target, "--inputs")
        elif year is not None and year != self.year:
            if self.inputs_pattern is None:
                raise ConfigError(
                    f"{self.where()}: [kssqa] inputs = {self.relative(self.inputs)!r} names the "
                    f"inputs of one year, but --year {year} asks for another; write "
                    f'inputs = "{DEFAULT_INPUTS}" there (the folder of each year), or pass '
                    "--inputs"
                )
            changes["inputs"] = self.inputs_for(year)
        if year is not None:
            changes["year"] = year
        return replace(self, **changes)

    def where(self) -> str:
        return self.relative(self.path) if self.path else CONFIG_NAME

    def require_inputs(self) -> None:
        """The inputs folder must exist: a missing year is a clear error, not an empty run."""
        if self.inputs.is_dir():
            return
        siblings = self.inputs.parent.glob("*")
        years = sorted(p.name for p in siblings if p.is_dir() and _YEAR_FOLDER.match(p.name))
        known = f" (years with inputs: {', '.join(years)})" if years else ""
        raise ConfigError(
            f"the inputs folder {self.relative(self.inputs)} of {self.year} does not exist{known}; "
            f"`kssqa new-year {self.year}` starts it from last year's"
        )


def _refuse_other_year(folder: Path, year: int, what: str) -> None:
    if _YEAR_FOLDER.match(folder.name) and int(folder.name) != year:
        raise ConfigError(
            f"{what} {folder} is the folder of {folder.name}, but the reporting year is {year}; "
            f"pass --year {folder.name}, or the folder of {year}"
        )


_KNOWN = {
    "kssqa": {"year", "inputs", "schemas", "checks", "reports", "manuscript"},
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


def find_config(cwd: Path) -> Path:
    """The ``kssqa.toml`` of ``cwd`` or of the nearest folder above it, as git finds ``.git``."""
    for folder in (cwd, *cwd.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"no {CONFIG_NAME} in {cwd} or any folder above it (run kssqa inside the project, "
        "or pass --config)"
    )


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``kssqa.toml`` (``path``, or the nearest one from ``cwd`` upwards) and resolve its
    paths."""
    path = path or find_config((cwd or Path.cwd()).resolve())
    if not path.is_file():
        raise ConfigError(f"no configuration file {path} (pass --config with a kssqa.toml)")
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
        try:
            return (root / substitute(value, year)).resolve()
        except PlaceholderError as error:
            raise ConfigError(f"{path}: [kssqa] {key}: {error}") from None

    inputs_raw = main.get("inputs", DEFAULT_INPUTS)
    manuscript = main.get("manuscript", DEFAULT_MANUSCRIPT)
    if not isinstance(manuscript, str) or not manuscript:
        raise ConfigError(f"{path}: [kssqa] manuscript must be a file path")
    try:
        substitute(manuscript, year)
    except PlaceholderError as error:
        raise ConfigError(f"{path}: [kssqa] manuscript: {error}") from None

    encoding = csv_options.get("encoding", "utf-8")
    delimiter = csv_options.get("delimiter", ",")
    _check_encoding(encoding, path)
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        raise ConfigError(f"{path}: [csv] delimiter must be one character, got {quoted(delimiter)}")
    return Config(
        path=path.resolve(),
        root=root,
        year=year,
        inputs=folder("inputs", DEFAULT_INPUTS),
        schemas=folder("schemas", "schemas"),
        checks=folder("checks", "checks"),
        reports=folder("reports", "reports"),
        encoding=encoding,
        delimiter=delimiter,
        inputs_pattern=inputs_raw if isinstance(inputs_raw, str) and "$" in inputs_raw else None,
        manuscript_pattern=manuscript,
    )
