"""Word drafts generated for the tests with python-docx, from the same :class:`StandardSpec` as the PDFs
(kept beside pdfgen: a ``tests/docx`` package would shadow python-docx's ``docx``).

``styled=True`` lays the draft out like a GB/T 1.1 template: the cover's ICS/CCS in a table, the chapter and
条 headings in template styles (标准文件_章标题, 标准文件_一级条标题) whose numbers Word generates — so the
text holds no number — and 前言/目次 headings in their own style. ``styled=False`` is a plain draft: every
element a normal paragraph, numbers typed ("1 范围").
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from pdf.pdfgen import StandardSpec

CHAPTER_STYLE = "标准文件_章标题"
CLAUSE_STYLE = "标准文件_一级条标题"
FRONT_STYLE = "标准文件_前言、引言标题"


def _styles(document: docx.document.Document) -> None:
    for name in (CHAPTER_STYLE, CLAUSE_STYLE, FRONT_STYLE):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.font.size = Pt(10.5)


def write_docx(path: Path, spec: StandardSpec, *, styled: bool = True) -> Path:
    """Write ``spec`` as a Word draft at ``path``."""
    s = spec
    d = docx.Document()
    if styled:
        _styles(d)

    def para(text: str, size: float | None = None, style: str | None = None) -> None:
        p = d.add_paragraph(style=style)
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)

    # Cover
    codes = [c for c in (s.ics, s.ccs) if c]
    if styled and codes:
        table = d.add_table(rows=len(codes), cols=1)
        for row, code in zip(table.rows, codes, strict=True):
            row.cells[0].text = code
    else:
        for code in codes:
            para(code)
    if s.number:
        para(s.number.split(" ")[0], 22)
    if s.doc_type:
        para(s.doc_type, 40)
    if s.number:
        para(s.number, 14)
    if s.replaces:
        para(s.replaces, 10.5)
    for part in s.title:
        para(part, 26)
    if s.title_en:
        para(s.title_en, 14)
    para("（征求意见稿）", 14)
    if s.publish:
        para(f"{s.publish} 发布", 14)
    if s.implement:
        para(f"{s.implement} 实施", 14)
    if s.organization:
        para(f"{s.organization}　　发 布", 18)
    d.add_section()

    front = FRONT_STYLE if styled else None
    para("前　　言", 16, front)
    foreword = [s.drafting, s.patent_notice,
                f"本文件由{s.proposer}提出。" if s.proposer else None,
                f"本文件由{s.responsible}归口。" if s.responsible else None,
                f"本文件起草单位：{'、'.join(s.drafting_units)}。" if s.drafting_units else None,
                f"本文件主要起草人：{'、'.join(s.drafters)}。" if s.drafters else None]
    for text in foreword:
        if text:
            para(text)
    d.add_section()
    para("".join(s.title), 16)

    def chapter(number: int, title: str) -> None:
        para(title if styled else f"{number} {title}", 12, CHAPTER_STYLE if styled else None)

    chapter(1, s.chapter1_title)
    if s.scope:
        para(s.scope)
    number = 2
    if s.chapter2:
        chapter(number, "规范性引用文件")
        para(s.ref_lead if s.references else "本文件没有规范性引用文件。")
        for ref in s.references:
            para(ref)
        number += 1
    if s.chapter3:
        chapter(number, s.chapter3_title)
        para(s.terms_lead)
        for i, (zh, en) in enumerate(s.terms, start=1):
            if styled:
                para(f"{zh}  {en}", None, CLAUSE_STYLE)
            else:
                para(f"{number}.{i}")
                para(f"{zh}  {en}")
            para(f"具有{zh}功能的家用电器。")
        number += 1
    chapter(number, "技术要求")
    for text in s.requirements or ["4.1 电饭煲在额定电压下工作时，待机功率不应大于1.0 W。"]:
        para(text)
    d.save(str(path))
    return path
