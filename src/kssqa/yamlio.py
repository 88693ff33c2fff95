"""Safe YAML loading: never constructs Python objects from tags; uses libyaml when present.

The pure-Python loader takes about half a second for kssqa's schemas and checks; libyaml's
``CSafeLoader`` is the same safe loader, in C. Every failure is a ``YAMLError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .config import ConfigError, read_text
from .yamlguard import guarded_load
from .years import PlaceholderError, substitute

YAMLError = yaml.YAMLError
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """The value of a YAML text; refuses anchors and aliases (see :mod:`kssqa.yamlguard`)."""
    return guarded_load(text, _SafeLoader)


def load_file(path: Path, display: str | Path, year: int | None = None, placeholders=True) -> Any:
    """The value of one of kssqa's YAML files (a schema, a check file, the waivers), its year
    placeholders replaced unless ``placeholders`` is false; a ConfigError naming ``display``
    for a file that cannot be read, is not YAML or has an unknown placeholder."""
    text = read_text(path, display)
    try:
        return safe_load(substitute(text, year) if placeholders else text)
    except YAMLError as error:
        raise ConfigError(f"{display}: not valid YAML: {error}") from None
    except PlaceholderError as error:
        raise ConfigError(f"{display}: {error}") from None
