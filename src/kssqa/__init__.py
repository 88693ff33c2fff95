"""kssqa: the quality gate for Krisesentersekretariatet's annual report."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kssqa")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
