"""Baselines: adopt tstd on a legacy corpus so that only *new* findings fail.

``tstd check --write-baseline FILE`` records a fingerprint of every finding; ``--baseline FILE`` marks the
findings whose fingerprint is recorded as suppressed (kind ``baseline``) and leaves the rest failing.

A fingerprint is file + rule + field path + normalised evidence (NFKC, whitespace collapsed; the message,
with numbers masked, when a finding quotes no evidence). Line numbers are left out, so inserting or moving
lines does not make old findings look new. Fingerprints are counted (a multiset): two identical findings
need two baseline entries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tstd.errors import DataFileError
from tstd.i18n import Text
from tstd.model import FileResult, Finding, Suppression

FORMAT = "tstd-baseline"
VERSION = 1
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fingerprint(file: str, f: Finding) -> str:
    """The stable identity of a finding across edits that move lines."""
    evidence = _norm(f.evidence) if f.evidence else _DIGITS.sub("#", _norm(f.message))
    key = "\x1f".join((file.replace("\\", "/"), f.source or "", f.rule, f.path, evidence))
    import hashlib  # a baseline is written or compared: off the start-up path of a plain check

    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class Baseline:
    """The recorded fingerprints of a baseline file, consumed as findings match them."""

    file: str
    counts: Counter[str]

    def apply(self, results: Iterable[FileResult], lang: str = "zh") -> Iterator[FileResult]:
        """Mark each result's findings that the baseline records as suppressed (kind ``baseline``)."""
        reason = Text(f"已记录在基线 {self.file} 中", f"recorded in the baseline {self.file}").get(lang)
        for result in results:
            if not result.findings:
                yield result
                continue
            out = []
            changed = False
            for f in result.findings:
                if f.counts:
                    fp = fingerprint(result.file, f)
                    if self.counts[fp] > 0:
                        self.counts[fp] -= 1
                        f = replace(f, suppressed=Suppression("baseline", reason))
                        changed = True
                out.append(f)
            yield replace(result, findings=tuple(out)) if changed else result


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by :func:`baseline_text`; raises DataFileError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(Text(f"无法读取基线文件：{exc.strerror or exc}", f"cannot read the baseline: {exc.strerror or exc}"),
                            Text("先用 tstd check --write-baseline FILE 生成基线",
                                 "create one first with: tstd check --write-baseline FILE"), file=path) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFileError(Text(f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}"), file=path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise DataFileError(Text("不是 tstd 基线文件", "not a tstd baseline file"),
                            Text("用 tstd check --write-baseline FILE 重新生成", "write it again with --write-baseline"),
                            file=path)
    counts: Counter[str] = Counter()
    for entry in data["findings"]:
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            counts[entry["fingerprint"]] += 1
    return Baseline(str(path), counts)


def baseline_entries(results: Iterable[FileResult]) -> Iterator[dict[str, str]]:
    """One entry per finding that fails today or is already baselined (inline/waived ones are not needed)."""
    for result in results:
        for f in result.findings:
            if f.suppressed is None or f.suppressed.kind == "baseline":
                yield {"fingerprint": fingerprint(result.file, f), "file": result.file, "rule": f.rule,
                       "path": f.path}


def baseline_text(results: Iterable[FileResult], tool_version: str) -> str:
    """The baseline file's JSON text (sorted, so rewriting an unchanged corpus gives the same file)."""
    entries = sorted(baseline_entries(results), key=lambda e: (e["file"], e["rule"], e["path"], e["fingerprint"]))
    return json.dumps({"format": FORMAT, "version": VERSION, "tool_version": tool_version, "findings": entries},
                      ensure_ascii=False, indent=1) + "\n"
