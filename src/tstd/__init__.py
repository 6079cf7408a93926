"""tstd — compliance checks for Chinese group standards (团体标准).

The public API (docs/api.md): :func:`check`, :func:`evaluate`, :class:`RunReport`, :class:`TstdError`.
They are imported on first use, so ``import tstd`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["RunReport", "TstdError", "__version__", "check", "evaluate"]

if TYPE_CHECKING:
    from tstd.api import check, evaluate
    from tstd.errors import TstdError
    from tstd.model import RunReport

_LAZY = {"check": "tstd.api", "evaluate": "tstd.api", "TstdError": "tstd.errors", "RunReport": "tstd.model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tstd' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
