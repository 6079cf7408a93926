"""Which rules rest on inferred evidence (``evidence: inferred`` in their pack).

A veto caps the level of a whole organisation, so it may only rest on a violation the input itself proves
(docs/severity-policy.md): never on a wording or similarity heuristic. The rule packs say which rules are
heuristic; the pack loader carries it in each rule's ``RuleInfo.evidence`` (a user override by id included).
"""

from __future__ import annotations

from collections.abc import Iterable

from tstd.engine.pack import RulePack


def inferred_rules(packs: Iterable[RulePack]) -> frozenset[str]:
    """Ids of the rules declared ``evidence: inferred`` in ``packs`` (a rule without the key is proven)."""
    return frozenset(rule.id for pack in packs for rule in pack.rules if rule.info.evidence == "inferred")
