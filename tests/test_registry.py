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


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Registry[int]:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("from tstd.registry import Registry\nREG = Registry(__name__, 'x')\n")
    (package / "one.py").write_text(f"from {name} import REG\nREG.add('first', 1, __name__)\n")
    (package / "two.py").write_text(f"from {name} import REG\nREG.add('second', 2, __name__)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry: Registry[int] = importlib.import_module(name).REG
    return registry


def test_find_imports_only_the_module_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = _package(tmp_path, monkeypatch, "findpkg")
    assert registry.find("second", "findpkg.two") == 2
    assert "findpkg.one" not in __import__("sys").modules  # the other module was never loaded
    assert registry.find("first", "findpkg.two") == 1  # a stale module name: every module is imported
    with pytest.raises(KeyError):
        registry.find("third", "findpkg.one")


def test_a_module_imported_again_after_an_interrupted_import_registers_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = _package(tmp_path, monkeypatch, "againpkg")
    (tmp_path / "againpkg" / "slow.py").write_text(
        "import os\nfrom againpkg import REG\nREG.add('slow', int(os.environ['VALUE']), __name__)\n"
        "if os.environ.get('INTERRUPT'):\n    raise TimeoutError('time limit')\n")
    monkeypatch.setenv("VALUE", "3")
    monkeypatch.setenv("INTERRUPT", "1")
    with pytest.raises(TimeoutError):  # the first import stops after registering (a per-file time limit)
        registry.find("slow", "againpkg.slow")
    monkeypatch.delenv("INTERRUPT")
    monkeypatch.setenv("VALUE", "4")
    assert registry.find("slow", "againpkg.slow") == 4  # imported again in full: no "registered twice"
    assert registry.find("slow", "againpkg.slow") == 4  # and only once
    with pytest.raises(RuntimeError, match="registered twice"):
        registry.add("slow", 5, "againpkg.other")  # another module with the same name still is an error
