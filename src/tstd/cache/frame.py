"""The run frame: what a report needs from the engine besides the results — the packs (id, version), the
run's rules with its severity overrides, and the notes of the user's packs.

It is stored under the run's fingerprint (:func:`tstd.cache.results.fingerprint`: tool, options, pack and
catalogue bytes, date), so a run whose every file is answered by the result cache builds no engine at all:
no YAML parser, no schemas, no check kinds. A frame is stored only once an engine with the same fingerprint
was built and every rule id the options name was found, so serving it never skips an error. Like every
entry, it is plain values (marshal); a damaged or foreign entry reads as a miss and the engine is built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tstd import __version__
from tstd.cache.store import Store, digest
from tstd.i18n import Text
from tstd.model import Basis, Category, FileResult, RuleInfo, RunReport, Severity

FRAMES = "frames"
_RULE = tuple(f.name for f in dataclasses.fields(RuleInfo))
_BASIS = tuple(f.name for f in dataclasses.fields(Basis))


@dataclass(frozen=True)
class RunFrame:
    """The engine's part of a :class:`RunReport`."""

    packs: tuple[tuple[str, str], ...]
    rules: tuple[RuleInfo, ...]
    notes: tuple[Text, ...] = ()

    def report(self, results: Iterable[FileResult], lang: str, baseline: str | None = None) -> RunReport:
        """The report of a run; a Sequence of results (a batch's spool on disk) is used as it is, not copied."""
        return RunReport(
            tool_version=__version__,
            packs=self.packs,
            rules=self.rules,
            results=results if isinstance(results, Sequence) else tuple(results),
            lang=lang,
            notes=self.notes,
            baseline=baseline,
        )


def _text_out(text: Text) -> tuple[str, str]:
    return (text.zh, text.en)


def _text_in(value: Any) -> Text:
    zh, en = value
    if not (isinstance(zh, str) and isinstance(en, str)):
        raise TypeError("not a text")
    return Text(zh, en)


def _rule_out(rule: RuleInfo) -> tuple[Any, ...]:
    out: list[Any] = []
    for name in _RULE:
        value = getattr(rule, name)
        if isinstance(value, Text):
            value = _text_out(value)
        elif isinstance(value, (Category, Severity)):
            value = value.value
        elif name == "basis":
            value = tuple(tuple(getattr(b, n) for n in _BASIS) for b in value)
        out.append(value)
    return tuple(out)


def _rule_in(values: Any) -> RuleInfo:
    if not isinstance(values, tuple) or len(values) != len(_RULE):
        raise ValueError("rule of another shape")
    kw = dict(zip(_RULE, values, strict=True))
    kw["category"] = Category(kw["category"])
    kw["severity"] = Severity(kw["severity"])
    kw["title"] = _text_in(kw["title"])
    kw["description"] = _text_in(kw["description"])
    kw["basis"] = tuple(Basis(**dict(zip(_BASIS, b, strict=True))) for b in kw["basis"])
    return RuleInfo(**kw)


def encode_frame(frame: RunFrame) -> tuple[Any, ...]:
    """The frame as plain values marshal can store."""
    return (tuple(frame.packs), tuple(_rule_out(r) for r in frame.rules), tuple(_text_out(n) for n in frame.notes))


def decode_frame(value: Any) -> RunFrame:
    """The inverse of :func:`encode_frame`; ValueError/TypeError/KeyError for an entry of any other shape."""
    if not isinstance(value, tuple) or len(value) != 3:
        raise ValueError("not a run frame")
    packs, rules, notes = value
    if not all(isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in packs):
        raise ValueError("not a pack list")
    return RunFrame(tuple(packs), tuple(_rule_in(r) for r in rules), tuple(_text_in(n) for n in notes))


def _key(fingerprint: str) -> str:
    return digest(f"frame\0{fingerprint}".encode())


def load_frame(store: Store, fingerprint: str) -> RunFrame | None:
    """The frame stored for this run fingerprint, or None (absent, damaged, another shape)."""
    key = _key(fingerprint)
    entry = store.get(FRAMES, key)
    if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key):
        return None
    try:
        return decode_frame(entry[1])
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def save_frame(store: Store, fingerprint: str, frame: RunFrame) -> None:
    """Remember ``frame`` for runs with this fingerprint (only after its engine was built and validated)."""
    key = _key(fingerprint)
    store.put(FRAMES, key, (key, encode_frame(frame)))
