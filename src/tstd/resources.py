"""Where the built-in data (rule packs, schemas, catalogue) lives.

In a wheel the top-level ``rules/`` and ``schemas/`` folders are shipped as ``tstd/_data``; in a source
checkout (editable install, ``PYTHONPATH=src``) they are read from the repository root.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    """The folder holding ``rules/`` and ``schemas/``."""
    shipped = _PACKAGE / "_data"
    if (shipped / "schemas").is_dir():
        return shipped
    return _PACKAGE.parent.parent  # src/tstd → repository root


def rules_dir() -> Path:
    return data_dir() / "rules"


def schema_path(name: str) -> Path:
    return data_dir() / "schemas" / name


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped with tstd, parsed once per process."""
    with open(schema_path(name), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
