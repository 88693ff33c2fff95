"""Great Expectations itself: import, catalog, ephemeral context, one expectation on one frame.

This module is what runs inside the GX worker process (:mod:`kssqa.gx_worker`); it is kept
free of kssqa's own heavy modules (pandera, the kinds) so that the worker imports GX and
little else. Everything it returns is plain data (builtins, dates), so the process that reads
the replies never has to import GX to unpickle them.

GX runs offline and leaves nothing behind: analytics off, an in-memory (ephemeral) context, no
progress bars, its logging, warnings and stray prints kept out of kssqa's output. One context
serves every expectation of the process.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import math
import os
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .config import ConfigError

MAX_LOCATIONS = 20  # unexpected rows kept (GX's partial_unexpected_count)
# fields of a GX expectation class that are not arguments of the rule itself
NOT_ARGUMENTS = {
    "id",
    "meta",
    "notes",
    "description",
    "result_format",
    "rendered_content",
    "batch_id",
    "catch_exceptions",
    "severity",
    "windows",
}


class ExpectationError(Exception):
    """An expectation GX does not know, or arguments it rejects; the text says which."""


@contextlib.contextmanager
def quiet():
    """Keep GX's logging, warnings and stray prints out of kssqa's output."""
    import logging  # here: only a run of GX needs it

    logger = logging.getLogger("great_expectations")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


@dataclass
class Runtime:
    """The imported GX, its catalog and the one in-memory context of this process."""

    version: str
    catalog: dict[str, type]  # snake_case name -> expectation class
    batch_definition: Any

    def validate(self, frame, expectation) -> Any:
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(
            expectation,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": MAX_LOCATIONS},
        )


_RUNTIME: Runtime | None = None


def runtime() -> Runtime:
    """Import GX and create its ephemeral context (once per process)."""
    global _RUNTIME
    if _RUNTIME is not None:
        return _RUNTIME
    os.environ["GX_ANALYTICS_ENABLED"] = "False"  # before the import: GX reads it then
    try:
        with quiet():
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )
            from great_expectations.expectations import registry

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            )
            context = gx.get_context(project_config=config, mode="ephemeral")
            asset = context.data_sources.add_pandas("kssqa").add_dataframe_asset("table")
            batch_definition = asset.add_batch_definition_whole_dataframe("whole table")
            catalog = {
                name: registry.get_expectation_impl(name)
                for name in registry.list_registered_expectation_implementations()
            }
    except Exception as error:  # a broken installation: say so, never a traceback
        raise ConfigError(f"Great Expectations cannot be started: {error}") from None
    _RUNTIME = Runtime(gx.__version__, catalog, batch_definition)
    return _RUNTIME


def snake_case(name: str) -> str:
    """``ExpectColumnValuesToBeBetween`` -> ``expect_column_values_to_be_between``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip()).lower()


def expectation_class(name: str) -> type:
    """The GX class of an expectation; ExpectationError with the closest names if unknown."""
    rt = runtime()
    if name in rt.catalog:
        return rt.catalog[name]
    wanted = snake_case(name)
    if wanted in rt.catalog and wanted != name:
        raise ExpectationError(
            f"write the expectation as {wanted!r} (GX's snake_case name), not {name!r}"
        )
    close = difflib.get_close_matches(wanted, sorted(rt.catalog), n=3, cutoff=0.0)
    raise ExpectationError(
        f"{name!r} is not an expectation of Great Expectations {rt.version}; did you mean "
        f"{', '.join(close)}? ({len(rt.catalog)} expectations in the catalog)"
    )


def _argument_errors(cls: type, error: Exception, kwargs: dict[str, Any]) -> str:
    """A pydantic validation error as "arg: problem; arg: problem", with closest names."""
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    fields = sorted(getattr(cls, "__fields__", {}) or {})
    known = [f for f in fields if f not in NOT_ARGUMENTS and not f.startswith("_")]
    problems: dict[str, list[str]] = {}
    for item in errors():
        location = ".".join(str(part) for part in item.get("loc", ())) or "kwargs"
        message = str(item.get("msg", "invalid"))
        if item.get("type") == "value_error.extra":
            close = difflib.get_close_matches(location, known, n=2, cutoff=0.5)
            message = "unknown argument" + (f" (did you mean {', '.join(close)}?)" if close else "")
        elif location == "__root__":
            location = "kwargs"
        elif location in kwargs:
            location = f"{location}={jsonable(kwargs[location])!r}"
        if message not in problems.setdefault(location, []):
            problems[location].append(message)
    text = "; ".join(f"{where}: {' / '.join(found)}" for where, found in problems.items())
    return f"{text} (arguments of this expectation: {', '.join(known)})"


def build_expectation(name: str, kwargs: dict[str, Any]) -> Any:
    """The GX expectation object; ExpectationError for an unknown name or bad arguments."""
    cls = expectation_class(name)
    try:
        with quiet():
            return cls(**kwargs)
    except Exception as error:  # pydantic's ValidationError, GX's configuration errors
        raise ExpectationError(
            f"{name}: bad kwargs: {_argument_errors(cls, error, kwargs)}"
        ) from None


def expectation_problems(requests: list[tuple[str, dict[str, Any]]]) -> list[str | None]:
    """For each (expectation, kwargs): None when GX accepts it, else what is wrong."""
    problems: list[str | None] = []
    for name, kwargs in requests:
        try:
            build_expectation(name, kwargs)
        except ExpectationError as error:
            problems.append(str(error))
        else:
            problems.append(None)
    return problems


def jsonable(value: Any) -> Any:
    """kwargs as plain JSON data (YAML dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def plain(value: Any) -> Any:
    """A GX result as builtins: numpy scalars as Python numbers, anything else unknown as text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | bool | int | float | Decimal | date):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        with contextlib.suppress(Exception):
            scalar = item()
            if scalar is None or isinstance(scalar, str | bool | int | float):
                return scalar
    return str(value)


def exception_message(info: Any) -> str | None:
    """The first exception GX caught while evaluating, from its (possibly nested) info."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "an exception in GX").strip()
        return None
    for value in info.values():
        found = exception_message(value)
        if found:
            return found
    return None


def evaluate(name: str, kwargs: dict[str, Any], frame) -> dict[str, Any]:
    """Run one expectation on a frame, as plain data.

    ``{"success": bool, "result": {...}}``, or ``{"problem": text}`` when GX could not
    evaluate it (an exception GX caught or raised); ExpectationError for bad arguments.
    """
    expectation = build_expectation(name, kwargs)
    try:
        with quiet():
            result = runtime().validate(frame, expectation)
    except Exception as error:  # GX failed outside its own exception capture
        return {"problem": f"Great Expectations: {error}"}
    problem = exception_message(getattr(result, "exception_info", None))
    if problem:
        return {"problem": f"Great Expectations cannot evaluate {name}: {problem}"}
    return {"success": bool(result.success), "result": plain(result.result or {})}
