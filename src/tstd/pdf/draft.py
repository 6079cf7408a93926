"""A draft declaration (format v1) built from what the PDF says, marking what must still be filled in.

The draft holds the values found (each with its page, written as a YAML comment) and a placeholder for
the required fields a PDF cannot supply (USCC, 业务范围, 发布公告 …), each with a reason. Placeholders are
left out of the declaration itself (in YAML they become commented-out keys), so ``tstd check`` on an
unfinished draft reports each of them once, as missing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from tstd.identifiers import parse_group_number
from tstd.pdf.classify import describe
from tstd.pdf.facts import Located, PdfFacts

TODO = "待填写 / to fill in"


class _Todo:
    """Placeholder for a field the user must fill in."""

    def __repr__(self) -> str:
        return "TODO"


PLACEHOLDER = _Todo()


@dataclass
class Draft:
    """The declaration mapping, the page each found value came from, and the fields left to fill in."""

    data: dict[str, Any]  # with PLACEHOLDER where a value is to be filled in
    pages: dict[str, int] = field(default_factory=dict)
    todo: dict[str, str] = field(default_factory=dict)  # path → why the PDF cannot tell
    notes: list[str] = field(default_factory=list)
    unit: str = "page"  # "paragraph" for a Word draft: the comments then name paragraphs, not pages

    def declaration(self) -> dict[str, Any]:
        """The declaration as data: placeholders and mappings left empty by them removed."""
        pruned = _prune(self.data)
        return pruned if isinstance(pruned, dict) else {}


def _prune(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _prune(v) for k, v in node.items() if v is not PLACEHOLDER}
        return {k: v for k, v in out.items() if v != {}}
    return node


class _Builder:
    def __init__(self) -> None:
        self.draft = Draft({"tstd": 1})

    def put(self, path: str, value: Any, page: int | None = None) -> None:
        node = self.draft.data
        *parents, leaf = path.split(".")
        for name in parents:
            node = node.setdefault(name, {})
        node[leaf] = value
        if page is not None:
            self.draft.pages[path] = page

    def found(self, path: str, located: Located[Any] | None, reason: str) -> None:
        """Put the located value, or None with the reason it is missing."""
        if located is None:
            self.todo(path, reason)
        else:
            value = list(located.value) if isinstance(located.value, tuple) else located.value
            self.put(path, value, located.page)

    def todo(self, path: str, reason: str) -> None:
        self.put(path, PLACEHOLDER)
        self.draft.todo[path] = reason


_NOT_IN_PDF = "标准文本中没有此信息 / not in the standard's text"
_NOT_FOUND = "未在标准文本中找到 / not found in the standard's text"


def build_draft(facts: PdfFacts, pdf_ref: str) -> Draft:
    """The draft declaration for ``facts``; ``pdf_ref`` is written to ``standard.full_text.file``."""
    b = _Builder()
    b.draft.unit = facts.unit
    if not facts.readable:
        # Nothing read from an unusable text layer is proposed: garbage must not become a title or a number.
        facts = type(facts)(facts.path, facts.readability, facts.problem, facts.page_count, facts.pages_read,
                            unit=facts.unit)
    cover, fw = facts.cover, facts.foreword
    b.found("organization.name", cover.organization, _NOT_FOUND + "（封面发布机构）")
    group = parse_group_number(cover.number.value) if cover.number else None
    if group and cover.number:
        b.put("organization.code", group.org_code, cover.number.page)
    else:
        b.todo("organization.code", _NOT_FOUND)
    for path in ("organization.uscc", "organization.registration_authority", "organization.business_scope",
                 "organization.standardization.department", "organization.policies.procedure",
                 "organization.policies.ip", "organization.commitment"):
        b.todo(path, _NOT_IN_PDF)
    b.found("standard.number", cover.number, _NOT_FOUND + "（封面编号）")
    b.found("standard.title", cover.title, _NOT_FOUND + "（封面名称）")
    b.found("standard.title_en", cover.title_en, _NOT_FOUND + "（封面英文名称）")
    if cover.ics:
        values = [c.value for c in cover.ics]
        b.put("standard.ics", values[0] if len(values) == 1 else values, cover.ics[0].page)
    else:
        b.todo("standard.ics", _NOT_FOUND)
    b.found("standard.ccs", cover.ccs, _NOT_FOUND)
    b.todo("standard.industry", _NOT_IN_PDF + "（国民经济分类 GB/T 4754）")
    b.found("standard.publish_date", cover.publish_date, _NOT_FOUND)
    b.found("standard.implement_date", cover.implement_date, _NOT_FOUND)
    if cover.replaces:
        b.put("standard.replaces", [r.value for r in cover.replaces], cover.replaces[0].page)
    b.todo("standard.release_document.number", _NOT_IN_PDF + "（发布公告文号）")
    b.todo("standard.release_document.date", _NOT_IN_PDF)
    scope = facts.chapter(1)
    if scope and scope.text:
        b.put("standard.scope", scope.text, scope.page)
    else:
        b.todo("standard.scope", _NOT_FOUND + "（第1章 范围）")
    if facts.references:
        b.put("standard.normative_references", [r.display or r.text for r in facts.references],
              facts.references[0].page)
    intro_patents = facts.introduction.patent_text if facts.introduction else None
    if intro_patents is not None:
        b.put("standard.patents.involved", True, intro_patents.page)
        b.todo("standard.patents.items", "引言声明涉及专利：请列出专利号、名称、持有人和许可声明 / list them")
    elif fw is not None and fw.patent_notice is not None:
        b.put("standard.patents.involved", False, fw.patent_notice.page)
    else:
        b.todo("standard.patents.involved", _NOT_FOUND + "（前言专利说明或引言）")
    b.found("standard.drafting_units", fw.drafting_units if fw else None, _NOT_FOUND + "（前言起草单位）")
    b.found("standard.drafters", fw.drafters if fw else None, _NOT_FOUND + "（前言主要起草人）")
    b.put("standard.full_text.file", pdf_ref)
    b.todo("standard.compliance_statement", _NOT_IN_PDF + "（合规自我声明）")
    if not facts.readable:
        zh, en = describe(facts.readability)
        b.draft.notes.append(f"{zh} / {en}: {facts.problem}")
    b.draft.notes.extend(facts.notes)
    return b.draft


# ---------------------------------------------------------------- rendering


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    text: str = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 16)
    return text.removesuffix("\n...\n").rstrip("\n")


def _comment(draft: Draft, path: str) -> str:
    if path in draft.todo:
        return f"  # {TODO}: {draft.todo[path]}"
    if path in draft.pages:
        n = draft.pages[path]
        return f"  # DOCX 第 {n} 段 / paragraph {n}" if draft.unit == "paragraph" else f"  # PDF 第 {n} 页 / page {n}"
    return ""


def _emit(draft: Draft, node: dict[str, Any], prefix: str, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else key
        if value is PLACEHOLDER:
            out.append(f"{pad}# {key}:{_comment(draft, path)}")
        elif isinstance(value, dict):
            filled = _prune(value) != {}
            out.append(f"{pad}{'' if filled else '# '}{key}:{_comment(draft, path)}")
            _emit(draft, value, path, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{pad}{key}:{_comment(draft, path)}")
            out.extend(f"{pad}  - {_scalar(item)}" for item in value)
        else:
            out.append(f"{pad}{key}: {_scalar(value)}{_comment(draft, path)}")


def to_yaml(draft: Draft, source: str) -> str:
    """The draft as YAML with a header and a comment on each field: its page, or why it must be filled in."""
    out = [f"# 由 tstd extract 从 {source} 生成的声明草稿 / draft declaration generated from {source}",
           f"# 标记“{TODO}”的 {len(draft.todo)} 个字段需人工补充 / {len(draft.todo)} fields to fill in"]
    out += [f"# 注 / note: {note}" for note in draft.notes]
    _emit(draft, draft.data, "", 0, out)
    return "\n".join(out) + "\n"


def to_json(draft: Draft) -> str:
    """The draft as JSON (no comments: fields to fill in are left out; ``draft.todo`` lists them)."""
    return json.dumps(draft.declaration(), ensure_ascii=False, indent=2, default=lambda v: v.isoformat()) + "\n"
