"""The closed registry of check kinds.

A kind is a small function ``check(doc, options, ctx) -> Iterable[Hit]`` registered by name with the
JSON Schema of its options. Rule packs configure kinds; they never run code. Kinds live in the modules of
this package and register themselves with :func:`kind`; every module here is imported by
:func:`registry`, so adding a kind touches exactly one file.

A kind may also give a ``prepare(options) -> object`` function: it runs once when the pack is loaded
(compile regexes, build indexes) and its result is what ``check`` receives as ``options``; and a
``reads(options) -> field patterns`` function: a rule whose fields are all empty in a document is skipped there
without preparing its options (a declaration without notices never compiles the fee vocabularies); and a
``needs(doc, ctx) -> bool`` predicate shared by every rule of the kind: where it is False (no PDF for the PDF
kinds) the kind would find nothing, and the engine asks it once per document instead of running each rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tstd.engine.context import Context
from tstd.inputs.document import Document
from tstd.model import Hit  # re-exported: kinds import Hit from here
from tstd.registry import Registry
from tstd.validation import SchemaValidator

__all__ = ["CheckFn", "Hit", "Kind", "NeedsFn", "PrepareFn", "ReadsFn", "kind", "kind_named", "registry"]

CheckFn = Callable[[Document, Any, Context], Iterable[Hit]]
PrepareFn = Callable[[Mapping[str, Any]], Any]
ReadsFn = Callable[[Mapping[str, Any]], tuple[str, ...]]
NeedsFn = Callable[[Document, Context], bool]


@dataclass(frozen=True)
class Kind:
    name: str
    check: CheckFn
    options_schema: Mapping[str, Any]
    prepare: PrepareFn | None = None
    doc: str = ""
    reads: ReadsFn | None = None  # the field patterns a rule reads, from its raw options (see the module doc)
    # A fallback kind reads what the other rules of the document found (fee_demand): the engine runs its rules
    # after all others, whatever the order of the packs.
    last: bool = False
    # Whether the kind can find anything in a document at all (see the module doc); None: always.
    needs: NeedsFn | None = None

    @cached_property
    def options_validator(self) -> SchemaValidator:
        """Validates a rule's ``options`` (compiled once per kind, not once per rule)."""
        return SchemaValidator(self.options_schema)


_KINDS: Registry[Kind] = Registry(__name__, "check kind")


def kind(
    name: str, options: Mapping[str, Any] | None = None, prepare: PrepareFn | None = None,
    reads: ReadsFn | None = None, last: bool = False, needs: NeedsFn | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register ``check`` as the kind ``name``; ``options`` is the JSON Schema its options must satisfy."""

    def register(check: CheckFn) -> CheckFn:
        schema = dict(options or {"type": "object"})
        _KINDS.add(name, Kind(name, check, schema, prepare, (check.__doc__ or "").strip(), reads, last, needs),
                   check.__module__)
        return check

    return register


def registry() -> Mapping[str, Kind]:
    """All kinds, importing every module of this package once."""
    return _KINDS.all()


def kind_named(name: str, module: str) -> Kind:
    """The kind ``name``, importing only ``module`` (the one that registered it) when it is not loaded yet
    (:meth:`tstd.registry.Registry.find`); KeyError when no module of this package registers it."""
    return _KINDS.find(name, module)
