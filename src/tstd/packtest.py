"""``tstd rules test``: run every rule's own examples (``examples.pass`` / ``examples.fail``) and its
``tests:`` fixture files (or a folder, to test what the loader says when given one), so a pack author
learns at once when a rule no longer does what it documents.

An example is a declaration fragment: the rule must fire on ``fail`` and stay silent on ``pass``. Only the
rule under test is looked at (other rules may well fire on a fragment). Examples that are not mappings are
reported as failures (they document nothing that can be checked). A rule that depends on today's date (复审
due) states the date its examples are checked on (``examples.today``), so its examples never expire.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from tstd.engine.pack import Rule, RulePack
from tstd.engine.runner import Engine


@dataclass(frozen=True)
class CaseResult:
    """One example or fixture of one rule: did the rule behave as documented?"""

    rule: str
    case: str  # "examples.fail", "examples.pass", "tests[0] fixtures/x.yaml"
    expect: str  # "fail" | "pass"
    ok: bool
    detail: str = ""


def _fires(engine: Engine, path: Path, rule_id: str) -> tuple[bool, list[str]]:
    """Whether ``rule_id`` fires on the file, and the rule ids that fired (for messages)."""
    result = engine.check_path(path, require_declaration=True)
    fired = [f.rule for f in result.findings] if result is not None else []
    return rule_id in fired, fired


def _check(engine: Engine, path: Path, rule: Rule, case: str, expect: str) -> CaseResult:
    fired, all_fired = _fires(engine, path, rule.id)
    ok = fired == (expect == "fail")
    detail = "" if ok else (f"expected {rule.id} to fire; fired: {', '.join(sorted(set(all_fired))) or 'nothing'}"
                            if expect == "fail" else f"{rule.id} fired on an example meant to pass")
    return CaseResult(rule.id, case, expect, ok, detail)


def example_date(value: object) -> dt.date | None:
    """``examples.today`` as a date (YAML gives a date for 2026-01-01, a string when quoted)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


@contextmanager
def checked_on(engine: Engine, day: dt.date | None) -> Iterator[None]:
    """Check with ``engine`` as if today were ``day`` (unchanged when ``day`` is None)."""
    saved = engine.ctx.today
    engine.ctx.today = day or saved
    try:
        yield
    finally:
        engine.ctx.today = saved


def run_pack_tests(packs: Iterable[RulePack], engine: Engine) -> Iterator[CaseResult]:
    """Every example and fixture of every rule of ``packs``, checked with ``engine``."""
    with tempfile.TemporaryDirectory(prefix="tstd-rules-test-") as tmp:
        folder = Path(tmp)
        for pack in packs:
            for rule in pack.rules:
                day = None
                if "today" in rule.examples:
                    day = example_date(rule.examples["today"])
                    if day is None:
                        yield CaseResult(rule.id, "examples.today", "pass", False,
                                         f"examples.today is not a date (YYYY-MM-DD): {rule.examples['today']!r}")
                        continue
                for expect in ("fail", "pass"):
                    if expect not in rule.examples:
                        continue
                    example = rule.examples[expect]
                    case = f"examples.{expect}"
                    if not isinstance(example, dict):
                        yield CaseResult(rule.id, case, expect, False, "example is not a mapping")
                        continue
                    data = dict(example)
                    data.setdefault("tstd", 1)
                    path = folder / f"{rule.id}-{expect}.yaml"
                    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                    with checked_on(engine, day):
                        result = _check(engine, path, rule, case, expect)
                    yield result
                for n, fixture in enumerate(pack.tests.get(rule.id, ())):
                    path = (pack.file.parent / fixture["file"]).resolve()
                    case = f"tests[{n}] {fixture['file']}"
                    if not path.exists():  # a folder is a valid fixture: what the loader says of a non-file
                        yield CaseResult(rule.id, case, fixture["expect"], False, f"no such file: {path}")
                        continue
                    yield _check(engine, path, rule, case, fixture["expect"])
