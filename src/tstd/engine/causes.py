"""Root cause first: a misspelled, Chinese-named or misplaced key, or a value of the wrong type, comes first in a
file's findings, and the "缺少 …" findings it causes are folded under it. Used by every pipeline that reports a
file's findings (``tstd check`` and ``tstd evaluate``)."""

from __future__ import annotations

from dataclasses import replace

from tstd.inputs.declaration import CAUSE_OF, UNKNOWN_KEY
from tstd.model import FileResult, Finding, Severity
from tstd.validation import KeyHint, fold_cascade


def _intended_path(finding: Finding) -> str | None:
    """The field path whose other findings this input finding causes: where a misspelled key was meant to
    be (when the slip left it empty), or a field whose value has the wrong type."""
    if not finding.counts or finding.severity is Severity.INFO:
        return None
    return dict(finding.data).get(CAUSE_OF) or None


def fold_causes(result: FileResult, lang: str = "zh") -> FileResult:
    """Root cause first: a misspelled, Chinese-named or misplaced key (``standrad:``) comes first, and the
    "缺少 …" findings it causes (everything at the path the clerk meant) are folded under it.

    The folded findings leave the list; the key's finding names them and takes the worst severity among
    them, so folding never turns a failing file into a passing one (exit code and totals keep their meaning).
    """
    hints = {id(f): KeyHint("", f.path, "misplaced", ip, "") for f in result.findings
             if (ip := _intended_path(f)) is not None}
    if not hints:
        return result
    shown, folded = fold_cascade(list(result.findings), list(hints.values()), lambda f: f.path,
                                 lambda f: id(f) in hints)
    out: list[Finding] = []
    done: set[str] = set()
    for finding in shown:
        hint = hints.get(id(finding))
        caused = folded.get(hint.intended_path, []) if hint is not None and hint.intended_path not in done else []
        if hint is None or not caused:
            out.append(finding)
            continue
        done.add(hint.intended_path)
        listed = "、".join(dict.fromkeys(f.rule for f in caused))
        if lang == "en":
            note = (f" This causes {len(caused)} more problem(s) ({', '.join(dict.fromkeys(f.rule for f in caused))}),"
                    f" folded here: fix the {'key' if finding.rule == UNKNOWN_KEY else 'value'} and check again.")
        else:
            what = "此键" if finding.rule == UNKNOWN_KEY else "此值"
            note = f"由此导致 {len(caused)} 项问题（{listed}），已合并在此；改正{what}后请重新检查。"
        worst = max((finding, *caused), key=lambda f: f.severity.rank).severity
        data = (*finding.data, ("folded", "; ".join(f"{f.rule} {f.path}".strip() for f in caused)))
        message = finding.message.rstrip()
        if not message.endswith(("。", "？", ".", "?")):
            message += "." if lang == "en" else "。"
        out.append(replace(finding, message=message + note, severity=worst, data=tuple(sorted(data))))
    return replace(result, findings=tuple(out))
