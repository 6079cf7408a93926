"""The result model every part of tstd shares: findings, their legal basis, and per-file results.

Everything here is a frozen dataclass so that results can cross process boundaries (batch workers)
and be compared in tests. Formatters read only these objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from tstd.i18n import Text

__all__ = ["Basis", "Category", "FileResult", "Finding", "Hit", "RuleInfo", "RunReport", "Severity",
           "Summary", "Suppression", "Tally", "Text"]


class Severity(str, Enum):
    """How serious a finding is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Category(str, Enum):
    """What a rule is about; the rule-pack schema allows exactly these."""

    DISCLOSURE = "disclosure"
    MANDATORY = "mandatory"
    FEE = "fee"
    CONDUCT = "conduct"
    FORMAT = "format"
    INPUT = "input"


@dataclass(frozen=True)
class Basis:
    """The legal basis a rule cites. ``verified`` is False where the article number or wording is UNCONFIRMED."""

    document: str
    article: str = ""
    verified: bool = True
    note: str = ""
    quote: str = ""  # the verified wording of the text (shown by `tstd explain` and docs/rules.md)
    wording: str = ""  # the obligation word the text uses (docs/severity-policy.md)
    source: str = ""  # the public source used to verify

    def cite(self, lang: str = "zh") -> str:
        """The citation; an unverified one says so (in ``lang``: --lang en output carries no Chinese label)."""
        gap = " " if self.article and (self.document[-1:].isascii() or self.article[:1].isascii()) else ""
        text = f"{self.document}{gap}{self.article}"
        if self.verified:
            return text
        return f"{text} (article unverified)" if lang == "en" else f"{text}（条款未核实 / unverified）"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document, "article": self.article, "verified": self.verified}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Hit:
    """One place where a rule fires. The engine turns it into a Finding with the rule's metadata.

    ``params`` fill the message placeholders; ``severity`` may lower (never raise above error) the rule's
    severity for this hit, e.g. when the evidence is unverified; ``data`` carries machine-readable facts.
    Defined here (not in the engine) because the input loader raises hits too, and inputs sit below the engine.
    """

    path: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    evidence: str | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


SUPPRESSION_KINDS = ("inline", "waiver", "baseline")


@dataclass(frozen=True)
class Suppression:
    """Why a finding does not count: an inline ``# tstd: ignore[…]`` comment, a waiver or the baseline."""

    kind: str  # one of SUPPRESSION_KINDS
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class Finding:
    """One problem found in one file.

    ``path`` is the field path in the declaration (``standard.patents.items[0].holder``) or empty for
    whole-file findings; ``line`` is the 1-based YAML line, ``page`` the 1-based PDF page, where known.
    ``source`` names another file when the finding is located there (an organisation file shared by many
    declarations). ``evidence`` quotes the text that triggered the finding.
    """

    rule: str
    category: Category
    severity: Severity
    message: str
    basis: tuple[Basis, ...] = ()
    path: str = ""
    line: int | None = None
    column: int | None = None
    page: int | None = None
    source: str | None = None
    evidence: str | None = None
    data: tuple[tuple[str, str], ...] = ()  # extra machine-readable facts (e.g. the catalogue entry involved)
    suppressed: Suppression | None = None  # kept in reports, never counted as an error/warning/info

    @property
    def counts(self) -> bool:
        """Whether the finding counts towards the totals and the exit code (not suppressed)."""
        return self.suppressed is None

    def sort_key(self) -> tuple[Any, ...]:
        return (
            -self.severity.rank,
            self.line if self.line is not None else 1 << 30,
            self.page if self.page is not None else 1 << 30,
            self.path,
            self.rule,
            self.message,
        )


@dataclass(frozen=True)
class FileResult:
    """All findings for one input file, sorted deterministically."""

    file: str
    standard: str | None = None
    organization: str | None = None
    findings: tuple[Finding, ...] = ()
    skipped: str = ""  # why the file was not checked (a Word document in a scanned folder …); "" when checked

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and f.counts)

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings that count (suppressed ones left out)."""
        return tuple(f for f in self.findings if f.counts)

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings if f.counts), key=lambda s: s.rank, default=None)


@dataclass(frozen=True)
class Summary:
    """Counts over a whole run: totals, per rule, per category and per organisation.

    ``files_by_rule`` counts the files a rule fired in (what "top failing rules" ranks by);
    ``by_organization`` maps the organisation's name ("" when unknown) to its files, failing files (with an
    error) and findings.
    """

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    files_by_rule: dict[str, int] = field(default_factory=dict)
    failing_files: int = 0
    by_organization: dict[str, dict[str, int]] = field(default_factory=dict)
    suppressed: int = 0  # findings suppressed inline, by a waiver or by the baseline
    skipped: int = 0  # files found but not checked (their reason is on their FileResult)

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Summary:
        """Summarise results in one pass (a stream is fine: nothing is kept per file)."""
        tally = Tally()
        for result in results:
            tally.add(result)
        return tally.summary()

    def top_rules(self, n: int = 10) -> list[tuple[str, int, int]]:
        """The ``n`` rules failing in most files: (rule id, files, findings), ties by findings then id."""
        ranked = sorted(self.files_by_rule.items(), key=lambda kv: (-kv[1], -self.by_rule[kv[0]], kv[0]))
        return [(rule, files, self.by_rule[rule]) for rule, files in ranked[:n]]


_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}


class Tally:
    """A :class:`Summary` counted as results arrive (:meth:`Summary.of` over a stream; a batch's spool counts
    while it writes, so the report need not read every result back from disk for its totals)."""

    def __init__(self) -> None:
        self.by_rule: dict[str, int] = {}
        self.by_category: dict[str, int] = {}
        self.files_by_rule: dict[str, int] = {}
        self.by_org: dict[str, dict[str, int]] = {}
        self.files = self.failing = self.suppressed = self.skipped = 0
        self.totals = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}

    def add(self, result: FileResult) -> None:
        """Count one file's result."""
        if result.skipped:
            self.skipped += 1
            return
        self.files += 1
        org = self.by_org.setdefault(result.organization or "",
                                     {"files": 0, "failing": 0, "errors": 0, "warnings": 0, "infos": 0})
        org["files"] += 1
        by_rule, by_category, totals = self.by_rule, self.by_category, self.totals
        for f in result.findings:
            if not f.counts:
                self.suppressed += 1
                continue
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
            by_category[f.category.value] = by_category.get(f.category.value, 0) + 1
            totals[f.severity] += 1
            org[_PLURAL[f.severity]] += 1
        for rule in {f.rule for f in result.findings if f.counts}:
            self.files_by_rule[rule] = self.files_by_rule.get(rule, 0) + 1
        if result.worst is Severity.ERROR:
            self.failing += 1
            org["failing"] += 1

    def summary(self) -> Summary:
        """The totals so far, with every table in a stable order."""
        totals = self.totals
        return Summary(self.files, totals[Severity.ERROR], totals[Severity.WARNING], totals[Severity.INFO],
                       dict(sorted(self.by_rule.items())), dict(sorted(self.by_category.items())),
                       dict(sorted(self.files_by_rule.items())), self.failing, dict(sorted(self.by_org.items())),
                       self.suppressed, self.skipped)


@dataclass(frozen=True)
class RuleInfo:
    """What formatters and ``tstd explain`` need to know about a rule (no check logic)."""

    id: str
    pack: str
    category: Category
    severity: Severity
    title: Text
    description: Text
    basis: tuple[Basis, ...]
    kind: str
    evidence: str = "proven"  # "inferred": rests on wording or similarity (docs/severity-policy.md); never vetoes


@dataclass(frozen=True)
class RunReport:
    """Everything one run produced: the input to every formatter."""

    tool_version: str
    packs: tuple[tuple[str, str], ...]  # (pack id, version)
    rules: tuple[RuleInfo, ...]
    results: Sequence[FileResult]  # a tuple, or a disk-backed sequence for large batches (tstd.batch)
    lang: str = "zh"
    notes: tuple[Text, ...] = ()  # shown in the run header: replaced packs, the config file used, …
    baseline: str | None = None  # the baseline file the run compared against (SARIF baselineState)

    @cached_property
    def summary(self) -> Summary:
        """Computed once per report (a batch's results may be read back from disk: a sequence that counted
        its results as they were written, :class:`tstd.batch.ResultSpool`, gives its :class:`Tally`)."""
        tally = getattr(self.results, "tally", None)
        return tally.summary() if isinstance(tally, Tally) else Summary.of(self.results)

    def checked(self) -> Iterator[FileResult]:
        """The results of the files that were checked (skipped files left out)."""
        return (r for r in self.results if not r.skipped)

    def skipped_files(self) -> Iterator[FileResult]:
        """The files found but not checked, each with its reason in ``skipped``. A sequence that knows where
        they are (``skipped_positions``: a batch's spool) is read there only, not from end to end."""
        positions = getattr(self.results, "skipped_positions", None)
        if positions is not None:
            return (self.results[i] for i in positions)
        return (r for r in self.results if r.skipped)

    def rule(self, rule_id: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.id == rule_id), None)
