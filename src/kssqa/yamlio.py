"""Safe YAML loading: never constructs Python objects from tags; uses libyaml when present.

The pure-Python loader takes about half a second for kssqa's schemas and checks; libyaml's
``CSafeLoader`` is the same safe loader, in C. Every failure is a ``YAMLError``.
"""

from __future__ import annotations

from typing import Any

import yaml

from .yamlguard import guarded_load

YAMLError = yaml.YAMLError
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """The value of a YAML text; refuses anchors and aliases (see :mod:`kssqa.yamlguard`)."""
    return guarded_load(text, _SafeLoader)
