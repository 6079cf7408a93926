"""Which rules rest on inferred evidence (``evidence: inferred`` in their pack).

A veto caps the level of a whole organisation, so it may only rest on a violation the input itself proves
(docs/severity-policy.md): never on a wording or similarity heuristic. The rule packs say which rules are
heuristic; this module reads that key from the packs the engine loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from tstd.engine.pack import RulePack


def inferred_rules(packs: Iterable[RulePack]) -> frozenset[str]:
    """Ids of the rules declared ``evidence: inferred`` in ``packs`` (a rule without the key is proven)."""
    found: set[str] = set()
    for pack in packs:
        ids = {rule.id for rule in pack.rules}
        carried = [getattr(rule.info, "evidence", None) for rule in pack.rules]
        if any(c is not None for c in carried):  # the pack loader already carries the key
            found.update(r.id for r, c in zip(pack.rules, carried, strict=True) if c == "inferred")
            continue
        found.update(i for i in _inferred_in_file(pack.file) if i in ids)
    return frozenset(found)


def _inferred_in_file(file: Path) -> list[str]:
    try:
        with open(file, encoding="utf-8-sig") as handle:
            data: Any = yaml.load(handle, Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []  # the pack loaded once already; a file gone since then proves nothing either way
    rules = data.get("rules", []) if isinstance(data, dict) else []
    return [r["id"] for r in rules if isinstance(r, dict) and r.get("evidence") == "inferred" and "id" in r]
