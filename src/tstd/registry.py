"""A named registry filled by the modules of a package (check kinds, output formats).

Each module registers its entries when imported; :meth:`Registry.all` imports every module of the
package once, so adding an entry means adding (or editing) exactly one module.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, package: str, what: str) -> None:
        self._package = package
        self._what = what
        self._entries: dict[str, T] = {}
        self._loaded = False

    def add(self, name: str, entry: T) -> None:
        if name in self._entries:
            raise RuntimeError(f"{self._what} {name!r} registered twice")
        self._entries[name] = entry

    def names(self) -> list[str]:
        """The entry names, without importing anything: each module registers the entry of its own name."""
        package = importlib.import_module(self._package)
        return sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))

    def get(self, name: str) -> T:
        """One entry, importing only the module of that name (start-up: a run needs one or two formats);
        KeyError when there is no such entry."""
        if name not in self._entries and not self._loaded:
            with contextlib.suppress(ImportError):
                importlib.import_module(f"{self._package}.{name}")
        if name not in self._entries:
            return self.all()[name]
        return self._entries[name]

    def all(self) -> Mapping[str, T]:
        if not self._loaded:
            self._loaded = True
            package = importlib.import_module(self._package)
            for module in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{self._package}.{module.name}")
        return self._entries
