"""Where the shipped data (rules/, schemas/) lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/tstd or site-packages/tstd


@cache
def data_dir(name: str) -> Path:
    """``rules`` or ``schemas``: ``tstd/_data/<name>`` when installed, else ``<checkout>/<name>``."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent.parent / name
