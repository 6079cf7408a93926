"""The registry lists a package's modules without importing them, exactly as pkgutil would."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from tstd.registry import Registry


@pytest.mark.parametrize("package", ["tstd.report", "tstd.engine.kinds"])
def test_names_are_the_public_modules(package: str) -> None:
    path = importlib.import_module(package).__path__
    expected = sorted(m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_"))
    assert Registry(package, "thing").names() == expected
    assert expected  # the packages do have modules


def test_all_imports_every_module_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "regpkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from tstd.registry import Registry\nREG = Registry(__name__, 'x')\n")
    (package / "one.py").write_text("from regpkg import REG\nREG.add('one', 1)\n")
    (package / "sub" / "__init__.py").write_text("from regpkg import REG\nREG.add('sub', 2)\n")
    (package / "notes.txt").write_text("not a module")
    (package / "_private.py").write_text("from regpkg import REG\nREG.add('_private', 3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = importlib.import_module("regpkg").REG
    assert registry.names() == ["one", "sub"]
    assert registry.get("one") == 1
    assert dict(registry.all()) == {"one": 1, "sub": 2, "_private": 3}
