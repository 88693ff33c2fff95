"""Safe YAML loading: never constructs Python objects from tags; uses libyaml when present.

The pure-Python loader takes about half a second for kssqa's schemas and checks; libyaml's
``CSafeLoader`` is the same safe loader, in C.
"""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader, by construction
