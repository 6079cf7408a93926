"""The run: load a file, apply every rule of every pack, and return a sorted FileResult."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd.engine import conditions
from tstd.engine.context import Context
from tstd.engine.kinds import NeedsFn
from tstd.engine.pack import Rule, RulePack
from tstd.engine.values import display
from tstd.i18n import Text
from tstd.inputs import formats
from tstd.inputs.declaration import BAD_ENCODING, EMPTY, NOT_MAPPING, SYNTAX, TOO_LARGE, DeclarationLoader, Loaded, Problem
from tstd.inputs.document import Document
from tstd.inputs.textfile import TextDecodeError, decode
from tstd.model import Category, FileResult, Finding, Hit, RuleInfo, Severity
from tstd.policy import Decision, Policy, Selection
from tstd.suppressions import Waiver, apply_inline, apply_waivers, parse_inline

WRONG_FILE_TYPE = "TSTD-RUN-001"
# '# tstd:' in ASCII, UTF-8 and GBK alike; UTF-16 files (rare) are decoded and parsed instead.
_COMMENT_BYTES = re.compile(rb"#\s*tstd\s*:", re.IGNORECASE)
# Loader problems a binary file under a declaration's name produces; the file's first bytes say what it is.
_BINARY_SYMPTOMS = frozenset({BAD_ENCODING, SYNTAX, TOO_LARGE, NOT_MAPPING, EMPTY})


class _Blank(dict[str, Any]):
    """Leaves unknown placeholders visible instead of raising (a pack typo must not crash a run)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class Engine:
    """Packs + context + loader, built once per process and reused for every file."""

    packs: list[RulePack]
    ctx: Context
    loader: DeclarationLoader
    ignore: tuple[str, ...] = ()  # rule ids or prefixes; input rules are left out only when named exactly
    policy: Policy = field(default_factory=Policy)  # ignore/select/severity, per file
    waivers: Sequence[Waiver] = ()
    notes: tuple[Text, ...] = ()  # what the user's packs changed (replaced packs), for the run header

    def __post_init__(self) -> None:
        self._all: dict[str, Rule] = {r.id: r for p in self.packs for r in p.rules}
        if self.ignore:
            base = self.policy.base
            extra = tuple(i.strip().upper() for i in self.ignore if i.strip())
            self.policy = Policy(Selection(base.ignore + extra, base.select, base.severity, base.origin),
                                 self.policy.per_file, self.policy.command_line)
        # The rules the run's settings keep; per-file settings may leave out more on some files.
        self._decisions: dict[tuple[int, ...], dict[str, Decision]] = {}
        self._plans: dict[int, list[_Step]] = {}  # id(decisions) → rules to run
        base_decisions = self._decide(())
        self._rules: dict[str, Rule] = {rid: r for rid, r in self._all.items() if base_decisions[rid].run}

    def _decide(self, key: tuple[int, ...]) -> dict[str, Decision]:
        """Decisions for every rule under the base settings plus the per-file entries numbered in ``key``."""
        if key not in self._decisions:
            layers = (self.policy.base, *(self.policy.per_file[i].selection for i in key), self.policy.command_line)
            self._decisions[key] = {rid: self.policy.decide(rid, r.info.category, layers)
                                    for rid, r in self._all.items()}
        return self._decisions[key]

    def decisions_for(self, path: Path | None) -> dict[str, Decision]:
        """What runs on the file at ``path`` (per-file globs are relative to the config file's folder)."""
        if path is None or not self.policy.per_file:
            return self._decide(())
        where = str(path)
        return self._decide(tuple(i for i, p in enumerate(self.policy.per_file) if p.applies(where)))

    @property
    def all_rule_ids(self) -> list[str]:
        """Every loaded rule's id, including rules the settings leave out (ids are validated against these)."""
        return list(self._all)

    @property
    def rules(self) -> list[Rule]:
        return list(self._rules.values())

    def rule_infos(self) -> tuple[RuleInfo, ...]:
        """The rules of the run, with the run's severity overrides applied."""
        base = self._decide(())
        out = []
        for r in self._rules.values():
            override = base[r.id].severity
            out.append(r.info if override is None else _with_severity(r.info, override))
        return tuple(out)

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
        if loaded.document is None and {p.rule for p in loaded.problems} & _BINARY_SYMPTOMS:
            found = formats.sniff_file(path)
            if found is not None and WRONG_FILE_TYPE in self._all:
                # A Word/PDF/zip file saved as .yaml: say what it is instead of advising on encodings.
                hit = Hit(params={"found": found.zh, "found_en": found.en or found.zh})
                loaded = Loaded(path, None, [Problem(WRONG_FILE_TYPE, hit)])
        return self.result_of(loaded, display_name or str(path))

    def result_of(self, loaded: Loaded, name: str) -> FileResult:
        """Check a loaded file: the rules the settings keep for it, then its inline suppressions and the
        waivers. Suppressed findings stay in the result, marked."""
        decisions = self.decisions_for(loaded.path)
        findings = [f for p in loaded.problems if (f := self._input_finding(p, decisions)) is not None]
        doc = loaded.document
        if doc is not None:
            findings.extend(self.check_document(doc, decisions))
        if doc is not None and loaded.path.suffix.lower() in (".yaml", ".yml"):
            findings = self._inline(loaded.path, findings, decisions)
        if self.waivers:
            kept, problems = apply_waivers(findings, str(loaded.path), self.waivers, self.ctx.today)
            findings = kept + self._run_findings(problems, decisions)
        return FileResult(
            file=name,
            standard=doc.standard_number if doc else None,
            organization=doc.organization_name if doc else None,
            findings=tuple(sorted(findings, key=Finding.sort_key)),
        )

    def _inline(self, path: Path, findings: list[Finding], decisions: Mapping[str, Decision]) -> list[Finding]:
        """Apply the file's ``# tstd: ignore[…]`` comments (read again from the raw text: the parsed data has
        no comments; the loader's line map already located each finding)."""
        try:
            raw = path.read_bytes()
        except OSError:
            return findings
        if _COMMENT_BYTES.search(raw) is None and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return findings  # no suppression comment can be there: most files stop here (one C-level scan)
        try:
            comments = parse_inline(decode(raw).text)
        except (TextDecodeError, UnicodeDecodeError):
            return findings
        if not comments:
            return findings
        kept, problems = apply_inline(findings, comments, self._all)
        return kept + self._run_findings(problems, decisions)

    def _run_findings(self, problems: list[tuple[str, Hit]], decisions: Mapping[str, Decision]) -> list[Finding]:
        out = []
        for rule_id, hit in problems:
            rule = self._all.get(rule_id)
            decision = decisions.get(rule_id)
            if rule is not None and decision is not None and decision.run:
                out.append(self.finding(rule, hit, None, None, decision.severity))
        return out

    def check_document(self, doc: Document, decisions: Mapping[str, Decision] | None = None) -> list[Finding]:
        """Apply every rule the settings keep for this document."""
        decisions = decisions if decisions is not None else self.decisions_for(doc.path)
        plan = self._plans.get(id(decisions))
        if plan is None:
            plan = self._plan(decisions)
            if any(decisions is d for d in self._decisions.values()):  # cached tables live as long as the engine
                self._plans[id(decisions)] = plan
        out: list[Finding] = []
        # Per document, each distinct field set and kind precondition is asked once, whatever the number of
        # rules sharing it (the fee rules share their text fields, the PDF kinds one "is there a PDF").
        filled: dict[tuple[str, ...], bool] = {}
        needed: dict[NeedsFn, bool] = {}
        pdf_only = doc.pdf_only
        for step in plan:
            rule = step.rule
            if pdf_only and not step.format:
                continue  # a PDF without a declaration: the declaration packs have nothing to check
            if step.when is not None and not step.when(doc):
                continue
            if step.reads:
                has = filled.get(step.reads)
                if has is None:
                    has = filled[step.reads] = doc.has_any(step.reads)
                if not has:
                    continue  # nothing to read: its options (compiled patterns) are never prepared
            kind = step.rule.kind  # read per document: a stand-in kind from the pack cache becomes the real one
            if kind.needs is not None:
                can = needed.get(kind.needs)
                if can is None:
                    can = needed[kind.needs] = kind.needs(doc, self.ctx)
                if not can:
                    continue
            options = step.options
            if options is _UNPREPARED:  # prepared on the first document that reaches the rule, then kept
                options = step.options = rule.options
            for hit in kind.check(doc, options, self.ctx):
                out.append(self.finding(rule, hit, doc, None, step.severity))
        return out

    def _plan(self, decisions: Mapping[str, Decision]) -> list[_Step]:
        """The rules that run under ``decisions``, in order, each with what the loop needs ready."""
        plan = [_Step(r, decisions[rid].severity, r.info.category is Category.FORMAT,
                      conditions.compiled(r.when) if r.when is not None else None, r.reads)
                for rid, r in self._rules.items() if decisions[rid].run]
        plan.sort(key=lambda step: step.rule.kind.last)  # stable: a fallback kind runs after all the others
        return plan

    def finding(self, rule: Rule, hit: Hit, doc: Document | None = None, source: Path | None = None,
                severity: Severity | None = None) -> Finding:
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
            severity=_severity(severity or rule.info.severity, hit.severity),
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

    def _input_finding(self, problem: Problem, decisions: Mapping[str, Decision]) -> Finding | None:
        rule = self._all.get(problem.rule)
        if rule is None:  # the input pack was replaced without these rules: still report, plainly
            raise KeyError(f"input rule {problem.rule} is not loaded; the built-in input pack is required")
        decision = decisions[rule.id]
        if not decision.run:
            return None
        return self.finding(rule, problem.hit, None, problem.source, decision.severity)


_UNPREPARED = object()


@dataclass(slots=True)
class _Step:
    """One rule of a run's plan: the rule, the severity the settings give it, and its gates prepared."""

    rule: Rule
    severity: Severity | None
    format: bool  # the format pack's rules are the only ones a PDF without a declaration gets
    when: conditions.Predicate | None
    reads: tuple[str, ...]
    options: Any = _UNPREPARED  # the rule's prepared options, once a document has reached the rule


def _fill(template: str, params: Mapping[str, Any]) -> str:
    # str.format_map: the C formatter, same fields and errors as string.Formatter().vformat(template, (),
    # params) (missing names go through _Blank.__missing__ in both), at a fraction of the cost per finding.
    try:
        return template.format_map(params)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):  # a stray brace in a user pack's message
        return template


def _severity(rule_severity: Severity, override: Severity | None) -> Severity:
    """A hit may lower its rule's severity (weak evidence, unverified data), never raise it."""
    if override is None or override.rank > rule_severity.rank:
        return rule_severity
    return override



def _with_severity(info: RuleInfo, severity: Severity) -> RuleInfo:
    from dataclasses import replace

    return replace(info, severity=severity)


def _shown(path: Path) -> str:
    """A path as users should see it: relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
