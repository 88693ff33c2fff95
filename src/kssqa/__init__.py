"""kssqa: the quality gate for Krisesentersekretariatet's annual report."""


def __getattr__(name: str) -> str:
    # The version is looked up when asked for: importlib.metadata costs a light command
    # (kssqa list, explain) a tenth of its start-up.
    if name != "__version__":
        raise AttributeError(f"module 'kssqa' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kssqa")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
