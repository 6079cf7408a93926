"""Output formatters: one module each, all reading the same RunReport.

A formatter is ``render(report) -> str`` registered by name with :func:`formatter`; every module in this
package is imported by :func:`formatters`, so adding a format touches exactly one file. Formatters never
print: the CLI writes what they return (atomically, when ``--output`` is given).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tstd.model import RunReport
from tstd.registry import Registry

RenderFn = Callable[[RunReport], str]
StreamFn = Callable[[RunReport], Iterable[str]]


@dataclass(frozen=True)
class Formatter:
    name: str
    render: RenderFn
    suffix: str  # default file suffix, e.g. ".json"
    doc: str = ""
    stream: StreamFn | None = None  # the same text in chunks, so huge batches are never one string

    def chunks(self, report: RunReport) -> Iterable[str]:
        """The output as chunks: streamed when the format can, else the rendered text."""
        return self.stream(report) if self.stream is not None else [self.render(report)]


_FORMATTERS: Registry[Formatter] = Registry(__name__, "output format")


def formatter(name: str, suffix: str, stream: StreamFn | None = None) -> Callable[[RenderFn], RenderFn]:
    """Register ``render`` as the output format ``name`` (``stream``: the same output in chunks)."""

    def register(render: RenderFn) -> RenderFn:
        _FORMATTERS.add(name, Formatter(name, render, suffix, (render.__doc__ or "").strip(), stream))
        return render

    return register


def formatters() -> Mapping[str, Formatter]:
    """All output formats, importing every module of this package once."""
    return _FORMATTERS.all()


def format_names() -> list[str]:
    """The names of the output formats (one module each), without importing them."""
    return [n for n in _FORMATTERS.names() if n not in _HELPER_MODULES]


_HELPER_MODULES = {"common"}  # modules of this package that register no format


def get_formatter(name: str) -> Formatter:
    """One output format, importing only its module (KeyError for an unknown name)."""
    return _FORMATTERS.get(name)
