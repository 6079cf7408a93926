"""Shared, expensive things a check may need, built once per process and passed to every check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Context:
    """What checks may read besides the document: today's date (for 复审 ages), the language, and
    lazily built shared resources (the mandatory-standard catalogue, …) keyed by name.

    A resource is built on first use by the factory the check passes, then reused for every document, so
    YAML-only runs never pay for resources they do not use.
    """

    today: dt.date = field(default_factory=dt.date.today)
    lang: str = "zh"
    settings: dict[str, Any] = field(default_factory=dict)  # e.g. {"catalogue_path": …} from the CLI
    _resources: dict[str, Any] = field(default_factory=dict, repr=False)

    def resource(self, name: str, factory: Callable[[Context], T]) -> T:
        if name not in self._resources:
            self._resources[name] = factory(self)
        value: T = self._resources[name]
        return value
