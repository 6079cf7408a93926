"""The run: load a file, apply every rule of every pack, and return a sorted FileResult."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tstd.engine import conditions
from tstd.engine.context import Context
from tstd.engine.kinds import Hit
from tstd.engine.pack import Rule, RulePack
from tstd.engine.values import display
from tstd.inputs.declaration import DeclarationLoader, Loaded, Problem
from tstd.inputs.document import Document
from tstd.model import Category, FileResult, Finding, RuleInfo, Severity


class _Blank(dict[str, Any]):
    """Leaves unknown placeholders visible instead of raising (a pack typo must not crash a run)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


@dataclass
class Engine:
    """Packs + context + loader, built once per process and reused for every file."""

    packs: list[RulePack]
    ctx: Context
    loader: DeclarationLoader
    ignore: tuple[str, ...] = ()  # rule ids or prefixes; input rules cannot be ignored

    def __post_init__(self) -> None:
        self._all: dict[str, Rule] = {r.id: r for p in self.packs for r in p.rules}
        prefixes = tuple(i.strip().upper() for i in self.ignore if i.strip())
        self._rules: dict[str, Rule] = {
            rid: r for rid, r in self._all.items()
            if r.info.category.value == "input" or not rid.startswith(prefixes)
        }

    @property
    def rules(self) -> list[Rule]:
        return list(self._rules.values())

    def rule_infos(self) -> tuple[RuleInfo, ...]:
        return tuple(r.info for r in self._rules.values())

    def check_path(self, path: Path, *, display_name: str | None = None,
                   require_declaration: bool = True) -> FileResult | None:
        """Load and check one file; None when a directory scan met a YAML file that is not a declaration."""
        if path.suffix.lower() in (".pdf", ".docx", ".doc"):  # the standard's text (PDF or Word draft): the PDF
            from tstd.pdf.document import load_pdf  # layer loads it, with its same-stem declaration if any

            loaded = load_pdf(path, self.loader, self.ctx.settings)
            return self.result_of(loaded, display_name or str(loaded.path))
        loaded = self.loader.load(path, require_declaration=require_declaration)
        if loaded.document is None and not loaded.problems:
            return None
        return self.result_of(loaded, display_name or str(path))

    def result_of(self, loaded: Loaded, name: str) -> FileResult:
        findings = [self._input_finding(p) for p in loaded.problems]
        doc = loaded.document
        if doc is not None:
            findings.extend(self.check_document(doc))
        return FileResult(
            file=name,
            standard=doc.standard_number if doc else None,
            organization=doc.organization_name if doc else None,
            findings=tuple(sorted(findings, key=Finding.sort_key)),
        )

    def check_document(self, doc: Document) -> list[Finding]:
        """Apply every rule to a loaded document."""
        out: list[Finding] = []
        for rule in self._rules.values():
            if doc.pdf_only and rule.info.category is not Category.FORMAT:
                continue  # a PDF without a declaration: the declaration packs have nothing to check
            if rule.when is not None and not conditions.holds(rule.when, doc):
                continue
            for hit in rule.kind.check(doc, rule.options, self.ctx):
                out.append(self.finding(rule, hit, doc))
        return out

    def finding(self, rule: Rule, hit: Hit, doc: Document | None = None, source: Path | None = None) -> Finding:
        """Turn a hit of ``rule`` into a Finding: message filled in, location resolved."""
        line = hit.line
        if doc is not None and hit.path and line is None:
            source, line = doc.locate(hit.path)
        params = _Blank({k: display(v) for k, v in hit.params.items()})
        params.setdefault("path", hit.path)
        if doc is not None and "value" not in params and hit.path:
            params["value"] = display(doc.get(hit.path))
        message = _fill(rule.message.get(self.ctx.lang), params)
        return Finding(
            rule=rule.id,
            category=rule.info.category,
            severity=_severity(rule.info.severity, hit.severity),
            message=message,
            basis=rule.info.basis,
            path=hit.path,
            line=line,
            column=hit.column,
            page=hit.page,
            source=_shown(source) if source else None,
            evidence=hit.evidence,
            data=tuple(sorted((k, display(v)) for k, v in hit.data.items())),
        )

    def _input_finding(self, problem: Problem) -> Finding:
        rule = self._all.get(problem.rule)
        if rule is None:  # the input pack was replaced without these rules: still report, plainly
            raise KeyError(f"input rule {problem.rule} is not loaded; the built-in input pack is required")
        return self.finding(rule, problem.hit, None, problem.source)


def _fill(template: str, params: Mapping[str, Any]) -> str:
    try:
        return _FORMATTER.vformat(template, (), params)
    except (ValueError, IndexError):  # a stray brace in a user pack's message
        return template


def _severity(rule_severity: Severity, override: Severity | None) -> Severity:
    """A hit may lower its rule's severity (weak evidence, unverified data), never raise it."""
    if override is None or override.rank > rule_severity.rank:
        return rule_severity
    return override



def _shown(path: Path) -> str:
    """A path as users should see it: relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
