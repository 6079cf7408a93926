"""Shared test helpers: a compliant declaration to mutate, and one engine per test session."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.engine.runner import Engine
from tstd.model import Finding
from tstd.run import CheckOptions, build_engine

# The CLI caches results by default; tests must neither see nor leave entries in the user's cache folder.
# tests/cache turn it back on in a temporary folder.
os.environ["TSTD_NO_CACHE"] = "1"

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine with every built-in pack, built once (as in a real run)."""
    return build_engine(CheckOptions())


@pytest.fixture()
def compliant() -> dict[str, Any]:
    """A fresh copy of the fully compliant example declaration, to mutate in a test."""
    return copy.deepcopy(_compliant())


_CACHE: dict[str, Any] = {}


def _compliant() -> dict[str, Any]:
    if "doc" not in _CACHE:
        with open(EXAMPLES / "compliant-rice-cooker.yaml", encoding="utf-8") as handle:
            _CACHE["doc"] = yaml.load(handle, Loader=yaml.CSafeLoader)
    return _CACHE["doc"]


@pytest.fixture()
def check_data(engine: Engine, tmp_path: Path) -> Callable[[dict[str, Any]], list[Finding]]:
    """Check a declaration given as a mapping, through the real loader (written to a YAML file)."""

    def run(data: dict[str, Any], name: str = "decl.yaml") -> list[Finding]:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = engine.check_path(path)
        assert result is not None
        return list(result.findings)

    return run


@pytest.fixture(autouse=True)
def _neutral_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same environment: the help and message language follows LANG/LC_* and colour follows
    FORCE_COLOR/NO_COLOR, so a developer's en_US locale or a CI's FORCE_COLOR must not change what tests read.
    Tests about those variables set them themselves."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An active tstd cache in a fresh folder, whatever TSTD_NO_CACHE says outside the test."""
    from tstd.cache import store

    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    store.activate(tmp_path / "cache")
    yield tmp_path / "cache"
    store.activate(None)
