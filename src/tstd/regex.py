"""Regular expressions from rule packs, run on a linear-time engine (RE2) so that no pattern can hang a run.

Python's ``re`` backtracks: ``^(a+)+$`` against thirty ``a`` and a ``b`` runs for hours, inside C code that
no timer can interrupt. A user's pack is data and must not be able to do that, so every pattern of a pack
given with ``--rules`` (kind options and ``when: matches:`` conditions) is compiled with ``google-re2``,
whose matching time is linear in the text. RE2 syntax is Python's minus backreferences and lookaround;
``\\d`` and ``\\w`` are ASCII there. A pattern RE2 cannot compile is refused when the pack is loaded.

The built-in packs are reviewed with the code and keep Python's ``re`` (some use lookaround). When
``google-re2`` is not installed, user patterns are compiled with ``re`` after the same syntax check, and the
batch's per-file timeout (a worker is killed) remains the defence.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache
from typing import Any

from tstd import limits


@cache
def _linear() -> Any:
    """The RE2 module, or None when it is not installed. Imported on first use: only a user's pack needs it,
    and a run with the built-in packs alone should not pay for loading a native extension."""
    try:
        import re2  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - depends on the platform
        return None
    return re2


def __getattr__(name: str) -> Any:
    if name == "LINEAR_ENGINE":  # True when user patterns run on RE2
        return _linear() is not None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PatternError(ValueError):
    """A pattern cannot be used; the message says why (with the pattern)."""


def _options() -> Any:
    opts = _linear().Options()
    opts.log_errors = False  # RE2 would print its parse errors to stderr; we report them ourselves
    opts.max_mem = 32 << 20  # a pattern whose automaton needs more is refused, not built
    return opts


def validate(pattern: str) -> None:
    """Raise :class:`PatternError` when ``pattern`` does not compile, is too long or needs backtracking."""
    if len(pattern) > limits.MAX_PATTERN_CHARS:
        raise PatternError(f"regex longer than {limits.MAX_PATTERN_CHARS} characters")
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise PatternError(f"regex {pattern!r} does not compile: {exc}") from None
    if _linear() is not None:
        try:
            _linear().compile(pattern, _options())
        except Exception as exc:  # re2.error does not derive from a common base we could name
            detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
            raise PatternError(f"regex {pattern!r} is not supported by the linear-time engine (RE2: no "
                               f"backreferences or lookaround): {detail}") from None


@lru_cache(maxsize=4096)
def compile_linear(pattern: str) -> Any:
    """``pattern`` compiled for linear-time matching (RE2 when installed); validates first."""
    validate(pattern)
    if _linear() is not None:
        return _linear().compile(pattern, _options())
    return re.compile(pattern)


def linearize(value: Any) -> Any:
    """A copy of prepared kind options with every compiled ``re`` pattern recompiled by :func:`compile_linear`
    (dicts, lists, tuples and dataclass instances are walked). Raises PatternError for a pattern RE2 cannot run."""
    if isinstance(value, re.Pattern):
        if value.flags & ~(re.UNICODE | re.DEBUG):
            return value  # flags we cannot carry over: a kind-built pattern, not a user's text
        return compile_linear(value.pattern) if isinstance(value.pattern, str) else value
    if isinstance(value, dict):
        return {k: linearize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [linearize(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(linearize(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # prepared objects (fee conditions)
        changes = {f.name: linearize(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
