"""A named registry filled by the modules of a package (check kinds, output formats).

Each module registers its entries when imported; :meth:`Registry.all` imports every module of the
package once, so adding an entry means adding (or editing) exactly one module.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, package: str, what: str) -> None:
        self._package = package
        self._what = what
        self._entries: dict[str, T] = {}
        self._origins: dict[str, str] = {}
        self._loaded = False

    def add(self, name: str, entry: T, origin: str = "") -> None:
        """Register ``entry``; ``origin`` is the registering module. A second entry of one name is an error,
        unless it comes from the same module: that module is being imported again after its first import was
        interrupted (a per-file time limit can fire while a check imports a kind's module on first use)."""
        if name in self._entries and not (origin and self._origins.get(name) == origin):
            raise RuntimeError(f"{self._what} {name!r} registered twice")
        self._entries[name] = entry
        if origin:
            self._origins[name] = origin

    def names(self) -> list[str]:
        """The entry names, without importing anything: each module registers the entry of its own name."""
        return sorted(name for name in self._modules() if not name.startswith("_"))

    def _modules(self) -> Iterator[str]:
        """The package's modules (``x.py``) and subpackages (``x/__init__.py``), read from its folders: cheaper
        at start-up than pkgutil, which a run listing the output formats would otherwise import."""
        package = importlib.import_module(self._package)
        for folder in package.__path__:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                stem, dot, suffix = entry.name.partition(".")
                if dot and suffix == "py" and stem.isidentifier() and entry.is_file():
                    yield stem
                elif not dot and entry.name.isidentifier() and os.path.isfile(os.path.join(entry.path, "__init__.py")):
                    yield entry.name

    def get(self, name: str) -> T:
        """One entry, importing only the module of that name (start-up: a run needs one or two formats);
        KeyError when there is no such entry."""
        if name not in self._entries and not self._loaded:
            with contextlib.suppress(ImportError):
                importlib.import_module(f"{self._package}.{name}")
        if name not in self._entries:
            return self.all()[name]
        return self._entries[name]

    def find(self, name: str, module: str) -> T:
        """The entry ``name``, importing only ``module`` (where it was registered when last seen, e.g. as
        recorded in the start-up cache) when it is not loaded yet; every module is imported only if that
        one does not register it. KeyError when no module does."""
        if (name not in self._entries or self._interrupted(name)) and module.startswith(self._package + "."):
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
        if name not in self._entries:
            return self.all()[name]
        return self._entries[name]

    def _interrupted(self, name: str) -> bool:
        """The entry's module registered it but did not finish importing (Python then drops the module from
        sys.modules): its functions may miss names defined after that point, so it is imported again."""
        origin = self._origins.get(name)
        return origin is not None and origin not in sys.modules

    def all(self) -> Mapping[str, T]:
        if not self._loaded:
            for name in self._modules():
                if name != "__init__":
                    importlib.import_module(f"{self._package}.{name}")
            self._loaded = True  # only once every module imported: an interrupted pass is done again
        return self._entries
