"""The engine's plan per document: a kind's ``needs`` and a rule's ``reads`` are asked once per document and
decide exactly as running every rule would (the built-in packs give the same findings either way)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import document
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, Kind, registry
from tstd.engine.pack import Rule, RulePack
from tstd.engine.runner import Engine
from tstd.i18n import Text
from tstd.inputs.document import Document
from tstd.model import Finding


def _probe_pack(engine: Engine, calls: dict[str, int], rules: int) -> RulePack:
    """``rules`` rules of one kind that always fires, behind a ``needs`` that counts its questions and says yes
    only where the document names a PDF (as the PDF kinds' does)."""

    def needs(doc: Document, ctx: Context) -> bool:
        calls["needs"] += 1
        return bool(doc.get("standard.full_text.file"))

    def check(doc: Document, options: Any, ctx: Context) -> Iterator[Hit]:
        calls["check"] += 1
        yield Hit(path="standard.full_text.file")

    model = engine.rules[0]
    kind = Kind("probe", check, {"type": "object"}, needs=needs)
    made = tuple(Rule(dataclasses.replace(model.info, id=f"TSTD-TEST-{i:03d}", pack="probe"), kind, {},
                      Text("probe {path}")) for i in range(rules))
    return RulePack("probe", "1", Text("probe"), Path("probe.yaml"), made)


def test_a_kinds_needs_is_asked_once_per_document_and_gates_all_its_rules(engine: Engine) -> None:
    calls = {"needs": 0, "check": 0}
    probe = Engine([_probe_pack(engine, calls, 5)], engine.ctx, engine.loader)
    assert probe.check_document(document({"standard": {"title": "甲"}})) == []
    assert calls == {"needs": 1, "check": 0}
    found = probe.check_document(document({"standard": {"full_text": {"file": "x.pdf"}}}))
    assert [f.rule for f in found] == [f"TSTD-TEST-{i:03d}" for i in range(5)]
    assert calls == {"needs": 2, "check": 5}


def test_every_pdf_kind_says_it_needs_a_pdf() -> None:
    from tstd.engine.kinds.pdf import has_pdf

    pdf_kinds = [k for name, k in registry().items() if name.startswith("pdf-")]
    assert len(pdf_kinds) > 10 and all(k.needs is has_pdf for k in pdf_kinds)


def _ungated(engine: Engine, doc: Document) -> list[Finding]:
    """Every rule of the run on ``doc`` as the engine ran them before plans: no gate shared, none skipped by
    ``needs`` (``reads`` still skips: it spares preparing options, it changes no finding)."""
    from tstd.engine import conditions

    out: list[Finding] = []
    for rule in sorted(engine.rules, key=lambda r: r.kind.last):
        if rule.when is not None and not conditions.holds(rule.when, doc):
            continue
        if rule.reads and not doc.has_any(rule.reads):
            continue
        out.extend(engine.finding(rule, hit, doc) for hit in rule.kind.check(doc, rule.options, engine.ctx))
    return out


@pytest.mark.parametrize("name", ["incomplete-disclosure.yaml", "fees/abusive-drafting-call.yaml",
                                  "pdf/mismatched-declaration.yaml", "patents-undeclared.yaml",
                                  "rushed-procedure.yaml", "enterprise-issuer.yaml"])
def test_the_plan_finds_what_running_every_rule_finds(engine: Engine, name: str) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    first = engine.loader.load(examples / name).document
    again = engine.loader.load(examples / name).document
    assert first is not None and again is not None
    planned = engine.check_document(first)
    assert planned and planned == _ungated(engine, again)


def test_expanded_fields_are_remembered_per_document() -> None:
    doc = document({"organization": {"notices": [{"title": "甲", "text": ""}, {"text": "乙"}]}})
    found = doc.expand("organization.notices[].text")
    assert found == [("organization.notices[0].text", ""), ("organization.notices[1].text", "乙")]
    assert doc.expand("organization.notices[].text") is found  # the same list: asked once per document
    assert doc.has_any(["organization.notices[].text"]) and not doc.has_any(["organization.fees[].name"])
