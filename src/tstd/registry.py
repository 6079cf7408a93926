"""A named registry filled by the modules of a package (check kinds, output formats).

Each module registers its entries when imported; :meth:`Registry.all` imports every module of the
package once, so adding an entry means adding (or editing) exactly one module.
"""

from __future__ import annotations

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

    def all(self) -> Mapping[str, T]:
        if not self._loaded:
            self._loaded = True
            package = importlib.import_module(self._package)
            for module in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{self._package}.{module.name}")
        return self._entries
