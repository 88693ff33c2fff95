"""The check kinds, registered by name. Importing this package registers all of them."""

from __future__ import annotations

from importlib import import_module

KINDS: dict[str, type] = {}

KIND_MODULES = (
    "sum",
    "shares",
    "percent_of",
    "change",
    "count",
    "rank",
    "dates",
    "text_dates",
    "same_figure",
    "names",
    "same_items",
    "rule",
    "restated",
    "gx",
)


def register(kind_class: type) -> type:
    KINDS[kind_class.name] = kind_class
    return kind_class


for _module in KIND_MODULES:
    import_module(f"{__name__}.{_module}")
