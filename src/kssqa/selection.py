"""Which files hold checks, and which checks a run selects (``--only``/``--skip``).

Kept apart from :mod:`kssqa.checkfile`, and free of heavy imports, because the CLI asks the
same questions before it loads kssqa's libraries (see :func:`kssqa.gx_worker.start_if_selected`).
"""

from __future__ import annotations

from pathlib import Path

WAIVERS_FILE = "waivers.yaml"


def check_files(folder: Path) -> list[Path]:
    """The check files: ``folder/*.yaml`` but the waivers (subfolders hold lists checks use)."""
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.glob("*.yaml")) if path.name != WAIVERS_FILE]


def is_selected(check_id: str, kind: str, only: tuple[str, ...], skip: tuple[str, ...]) -> bool:
    """A check runs when ``only`` is empty or names its id or kind, and ``skip`` names neither."""
    if only and check_id not in only and kind not in only:
        return False
    return check_id not in skip and kind not in skip
