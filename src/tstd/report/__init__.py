"""Output formatters: one module each, all reading the same RunReport.

A formatter is ``render(report) -> str`` registered by name with :func:`formatter`; every module in this
package is imported by :func:`formatters`, so adding a format touches exactly one file. Formatters never
print: the CLI writes what they return (atomically, when ``--output`` is given).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tstd.model import RunReport
from tstd.registry import Registry

RenderFn = Callable[[RunReport], str]


@dataclass(frozen=True)
class Formatter:
    name: str
    render: RenderFn
    suffix: str  # default file suffix, e.g. ".json"
    doc: str = ""


_FORMATTERS: Registry[Formatter] = Registry(__name__, "output format")


def formatter(name: str, suffix: str) -> Callable[[RenderFn], RenderFn]:
    """Register ``render`` as the output format ``name``."""

    def register(render: RenderFn) -> RenderFn:
        _FORMATTERS.add(name, Formatter(name, render, suffix, (render.__doc__ or "").strip()))
        return render

    return register


def formatters() -> Mapping[str, Formatter]:
    """All output formats, importing every module of this package once."""
    return _FORMATTERS.all()
