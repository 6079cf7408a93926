"""Self-assessment answers (自评答复) from ``organization.yaml``'s ``self_assessment:`` list.

Each answer names an indicator and gives either a score or a yes/no answer, plus the evidence: a text, a
file (relative to the organisation directory) and/or a URL. Malformed entries become located problems,
never exceptions: the evaluation goes on without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tstd.normalize import nfkc

_YES = {"yes", "y", "true", "是", "有", "符合", "已完成"}
_NO = {"no", "n", "false", "否", "无", "不符合", "未完成"}


@dataclass(frozen=True)
class Problem:
    """Something wrong in the organisation's input, located by field path (and line when known)."""

    path: str
    message: str
    file: str | None = None
    line: int | None = None

    def where(self) -> str:
        loc = self.file or ""
        if self.line is not None:
            loc = f"{loc}:{self.line}"
        return f"{loc} {self.path}".strip()


@dataclass(frozen=True)
class Answer:
    """One answer. Exactly one of ``score`` and ``yes`` is set."""

    indicator: str
    path: str  # self_assessment[i], for locating problems
    score: float | None = None
    yes: bool | None = None
    evidence: str = ""
    evidence_file: str | None = None
    evidence_file_exists: bool | None = None  # None when no file was named or no directory was given
    evidence_url: str | None = None
    line: int | None = None  # where the answer starts in the organisation file

    def problem(self, field: str, file: str | None, message: str) -> Problem:
        """A problem with one key of this answer, located at the answer."""
        return Problem(f"{self.path}.{field}", message, file, self.line)

    @property
    def documented(self) -> bool:
        """A document backs the answer: a URL, or a named file that exists (or could not be checked)."""
        return bool(self.evidence_url) or (bool(self.evidence_file) and self.evidence_file_exists is not False)

    @property
    def evidenced(self) -> bool:
        """The answer carries evidence: a text or a document."""
        return bool(self.evidence) or self.documented


def parse_answers(raw: Any, base_dir: Path | None = None, file: str | None = None,
                  lines: dict[str, int] | None = None) -> tuple[list[Answer], list[Problem]]:
    """Read the ``self_assessment`` list; ``base_dir`` resolves evidence files, ``lines`` locates problems."""
    answers: list[Answer] = []
    problems: list[Problem] = []
    lines = lines or {}

    def problem(path: str, message: str) -> None:
        parent = path.rsplit(".", 1)[0]  # self_assessment[2].score → the answer's own line when the key has none
        problems.append(Problem(path, message, file, lines.get(path, lines.get(parent))))

    if raw is None:
        return answers, problems
    if not isinstance(raw, list):
        problem("self_assessment", "self_assessment 应为列表 / must be a list of answers")
        return answers, problems
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"self_assessment[{i}]"
        if not isinstance(item, dict):
            problem(path, "自评答复应为映射 / each answer must be a mapping")
            continue
        indicator = nfkc(str(item.get("indicator", ""))).strip()  # "１.２.３" is 1.2.3
        if not indicator:
            problem(path, "缺少 indicator（指标编号）/ indicator id is missing")
            continue
        if indicator in seen:
            problem(path, f"指标 {indicator} 重复答复，仅采用第一条 / duplicate answer for {indicator}; first one kept")
            continue
        seen.add(indicator)
        score, yes, message = _value(item)
        if message:
            problem(path, message)
            continue
        evidence_file = _text(item.get("evidence_file"))
        exists = None
        if evidence_file and base_dir is not None:
            exists = (base_dir / evidence_file).is_file()
            if not exists:
                problem(f"{path}.evidence_file",
                        f"证明材料文件不存在：{evidence_file} / evidence file not found")
        answers.append(Answer(
            indicator=indicator, path=path, score=score, yes=yes,
            evidence=_text(item.get("evidence")) or "",
            evidence_file=evidence_file, evidence_file_exists=exists,
            evidence_url=_text(item.get("evidence_url")), line=lines.get(path),
        ))
    return answers, problems


def _text(value: Any) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def _value(item: dict[str, Any]) -> tuple[float | None, bool | None, str]:
    """(score, yes, problem message) from ``score`` or ``answer``."""
    has_score, has_answer = "score" in item, "answer" in item
    if has_score == has_answer:
        return None, None, "应给出 score（得分）或 answer（是/否）之一 / give exactly one of score or answer"
    if has_score:
        score = item["score"]
        if isinstance(score, bool) or not isinstance(score, (int, float)) or score < 0:
            return None, None, f"score 应为非负数：{score!r} / score must be a non-negative number"
        return float(score), None, ""
    answer = item["answer"]
    if isinstance(answer, bool):
        return None, answer, ""
    text = nfkc(str(answer)).strip().lower()
    if text in _YES:
        return None, True, ""
    if text in _NO:
        return None, False, ""
    return None, None, f"answer 应为 是/否（yes/no）：{answer!r} / answer must be yes or no"
