"""Realistic group-standard PDFs generated for the tests (reportlab, built-in CID font STSong-Light).

``StandardSpec`` describes one standard; ``write_pdf`` lays it out like a GB/T 1.1-2020 document: cover, 目次,
前言, optional 引言, chapters 1–3 and filler chapters, with the number as running header and page labels as
footer. Fields set to None leave that element out, so each test builds exactly the defect it checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

DRAFTING_2020 = "本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
DRAFTING_2009 = "本标准按照GB/T 1.1—2009给出的规则起草。"
PATENT_2020 = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"
PATENT_2009 = "请注意本标准的某些内容可能涉及专利。本标准的发布机构不承担识别这些专利的责任。"
INTRO_PATENT = (
    "本文件的发布机构提请注意，声明符合本文件时，可能涉及到5.3与电饭煲多段温控方法相关的专利的使用。"
    "本文件的发布机构对于该专利的真实性、有效性和范围无任何立场。"
    "该专利持有人已向本文件的发布机构承诺，他愿意同任何申请人在合理且无歧视的条款和条件下，就专利授权许可进行谈判。"
    "该专利持有人的声明已在本文件的发布机构备案。相关信息可以通过以下联系方式获得："
    "专利持有人姓名：广东某某电器股份有限公司；地址：广东省佛山市顺德区北滘镇工业大道18号。"
    "请注意除上述专利外，本文件的某些内容仍可能涉及专利。本文件的发布机构不承担识别专利的责任。"
)
REF_LEAD_2020 = ("下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
                 "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。")
TERMS_LEAD = "下列术语和定义适用于本文件。"


@dataclass
class StandardSpec:
    """One generated standard. Strings are printed as given (so tests can use any dash or spacing)."""

    ics: str | None = "ICS 97.040.50"
    ccs: str | None = "CCS Y 62"
    doc_type: str | None = "团 体 标 准"
    number: str | None = "T/CECEA 012—2024"
    replaces: str | None = "代替 T/CECEA 012—2020"
    title: list[str] = field(default_factory=lambda: ["家用智能电饭煲能效与安全要求"])
    title_en: str | None = "Energy efficiency and safety requirements for household smart rice cookers"
    publish: str | None = "2024-05-10"
    implement: str | None = "2024-06-10"
    organization: str | None = "中国电子节能技术协会"
    drafting: str | None = DRAFTING_2020
    patent_notice: str | None = PATENT_2020
    proposer: str | None = "中国电子节能技术协会家电节能专业委员会"
    responsible: str | None = "中国电子节能技术协会"
    drafting_units: list[str] | None = field(default_factory=lambda: [
        "中国电子节能技术协会", "中国家用电器研究院", "广东某某电器股份有限公司", "浙江某某厨具有限公司",
        "威凯检测技术有限公司"])
    drafters: list[str] | None = field(default_factory=lambda: [
        "周立新", "吴海燕", "郑国栋", "黄敏", "林晓峰"])
    introduction: str | None = None
    scope: str | None = ("本文件规定了家用智能电饭煲的能效等级、安全要求、智能控制功能要求和试验方法。"
                         "本文件适用于额定功率不大于2000 W的家用智能电饭煲。")
    chapter1_title: str = "范围"
    chapter2: bool = True
    chapter3: bool = True
    ref_lead: str = REF_LEAD_2020
    references: list[str] = field(default_factory=lambda: [
        "GB 4706.1—2005 家用和类似用途电器的安全 第1部分：通用要求",
        "GB 4706.19—2008 家用和类似用途电器的安全 液体加热器的特殊要求",
        "GB 12021.6 电饭锅能效限定值及能效等级",
        "GB/T 191 包装储运图示标志"])
    terms_lead: str = TERMS_LEAD
    terms: list[tuple[str, str]] = field(default_factory=lambda: [
        ("智能电饭煲", "smart rice cooker"), ("待机功率", "standby power")])
    body_pages: int = 6  # filler pages after chapter 3 (the extractor must not read them)
    cover_as_drawing: bool = False  # cover without text (an image-like page)
    letter_spaced_foreword: bool = False  # spaces between CJK characters, as some producers write
    # Layout features of real published covers and bodies (read on public standards, not copied):
    issuer_lines: list[str] | None = None  # joint publication: one body per line, then 发布 alone
    body_title: str | None = None  # the title above chapter 1 when it differs from the cover's
    chapter3_title: str = "术语和定义"  # or a combined title such as 术语、定义和缩略语
    # Engineering-construction layout (《工程建设标准编写规定》): chapter titles and paragraphs replace 1–3.
    chapters_override: list[tuple[str, list[str]]] | None = None
    foreword_override: list[str] | None = None  # the 前言 paragraphs as printed (replaces the generated ones)
    requirements: list[str] = field(default_factory=list)  # paragraphs right under chapter 4's heading
    garbled_text: bool = False  # a broken font encoding: every page's text layer is symbols and PUA glyphs


def standard(**changes: object) -> StandardSpec:
    """The default consistent standard with ``changes`` applied."""
    return replace(StandardSpec(), **changes)  # type: ignore[arg-type]


WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, WIDTH - 72.0, 72.0, 72.0
SIZE = 10.5


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def _wrap(text: str, size: float = SIZE, width: float = RIGHT - LEFT) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if _width(cur + ch, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


class _Writer:
    def __init__(self, path: Path, spec: StandardSpec, encrypt: str | None) -> None:
        kwargs: dict[str, object] = {"invariant": 1}  # reproducible bytes: no creation date or random id
        if encrypt:
            from reportlab.lib.pdfencrypt import StandardEncryption

            kwargs["encrypt"] = StandardEncryption(encrypt, "owner-secret")
        self.c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
        self.spec = spec
        self.page = 0
        self.y = HEIGHT - TOP
        self.label = ""

    def new_page(self, label: str) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.label = label
        self.y = HEIGHT - TOP
        if self.page > 1:
            self.c.setFont(FONT, 9)
            if self.spec.number:
                self.c.drawRightString(RIGHT, HEIGHT - 40, self.spec.number)
            self.c.drawCentredString(WIDTH / 2, 40, label)

    def line(self, text: str, size: float = SIZE, x: float = LEFT, centred: bool = False) -> None:
        if self.y < BOTTOM + size:
            self.new_page(str(int(self.label) + 1) if self.label.isdigit() else self.label + "I")
        self.c.setFont(FONT, size)
        if centred:
            self.c.drawCentredString(WIDTH / 2, self.y, text)
        else:
            self.c.drawString(x, self.y, text)
        self.y -= size * 1.6

    def para(self, text: str, size: float = SIZE) -> None:
        for i, piece in enumerate(_wrap(text, size, RIGHT - LEFT - (2 * size))):
            self.line(piece, size, LEFT + (2 * size if i == 0 else 0))

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def _cover(w: _Writer, s: StandardSpec) -> None:
    c = w.c
    if s.cover_as_drawing:
        c.rect(LEFT, BOTTOM, RIGHT - LEFT, HEIGHT - TOP - BOTTOM, fill=0)
        c.rect(LEFT + 40, HEIGHT / 2, 200, 40, fill=1)
        return
    c.setFont(FONT, SIZE)
    if s.ics:
        c.drawString(LEFT, HEIGHT - 60, s.ics)
    if s.ccs:
        c.drawString(LEFT, HEIGHT - 76, s.ccs)
    if s.number:
        c.setFont(FONT, 22)
        c.drawRightString(RIGHT, HEIGHT - 78, s.number.split(" ")[0])
    if s.doc_type:
        c.setFont(FONT, 40)
        c.drawCentredString(WIDTH / 2, HEIGHT - 180, s.doc_type)
    c.setFont(FONT, 14)
    if s.number:
        c.drawRightString(RIGHT, HEIGHT - 230, s.number)
    if s.replaces:
        c.setFont(FONT, 10.5)
        c.drawRightString(RIGHT, HEIGHT - 248, s.replaces)
    y = HEIGHT - 330
    for part in s.title:
        c.setFont(FONT, 26)
        c.drawCentredString(WIDTH / 2, y, part)
        y -= 36
    if s.title_en:
        for part in _wrap(s.title_en, 14, RIGHT - LEFT - 40):
            c.setFont(FONT, 14)
            c.drawCentredString(WIDTH / 2, y, part)
            y -= 20
    c.setFont(FONT, 14)
    if s.publish:
        c.drawString(LEFT, 150, f"{s.publish} 发布")
    if s.implement:
        c.drawRightString(RIGHT, 150, f"{s.implement} 实施")
    if s.issuer_lines:
        c.setFont(FONT, 16)
        y = 120
        for name in s.issuer_lines:
            c.drawCentredString(WIDTH / 2, y, name)
            y -= 22
        c.drawCentredString(WIDTH / 2, y, "发 布")
    elif s.organization:
        c.setFont(FONT, 18)
        c.drawCentredString(WIDTH / 2, 100, f"{s.organization}　　发 布")


def garble(text: str) -> str:
    """Write Latin letters as the wrong CJK glyphs of GBK row A0, as some official PDFs do (犌犅 for GB)."""
    out = []
    for ch in text:
        if not ch.isalpha() or not (ch.isascii() or "\uff21" <= ch <= "\uff5a"):
            out.append(ch)  # digits and the slash come out right (full-width) in those PDFs
            continue
        wide = chr(ord(ch) + 0xFEE0) if ch.isascii() else ch
        out.append(bytes([0xA0, wide.encode("gbk")[1]]).decode("gbk"))
    return "".join(out)


def _spaced(text: str) -> str:
    """Letter-spacing between CJK characters, as some producers write it; Latin runs stay together."""
    out = ""
    for ch in text:
        if out and not (ch.isascii() and out[-1].isascii()):
            out += " "
        out += ch
    return out


# What a broken font encoding leaves in the text layer: Latin-1 symbols, C1 controls, private-use glyphs,
# with the odd ideograph where a code happened to map to one (seen on official PDFs).
_GARBAGE = "¤¦§¨©ª«¬®¯°±²³´¶·¸¹º»¼½¾¿¡¢£¥!#$%&*+<=>?@^~\x85\ue000\ue011"


def garbage_line(seed: int, width: int = 24) -> str:
    """One line of undecodable text, deterministic for ``seed``; a stray CJK character every few lines."""
    chars = [_GARBAGE[(seed * 7 + i * 11) % len(_GARBAGE)] for i in range(width)]
    if seed % 3 == 0:
        chars[seed % width] = "标"
    return "".join(chars)


def _write_garbled(path: Path, pages: int = 4) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(pages):
        y = HEIGHT - TOP
        c.setFont(FONT, 14 if page == 0 else SIZE)
        for n in range(18):
            c.drawString(LEFT, y, garbage_line(page * 31 + n))
            y -= 26
        c.showPage()
    c.save()
    return path


def write_pdf(path: Path, spec: StandardSpec, *, encrypt: str | None = None) -> Path:
    """Write ``spec`` as a PDF at ``path``; ``encrypt`` sets a user password."""
    s = spec
    if s.garbled_text:
        return _write_garbled(path)
    w = _Writer(path, s, encrypt)
    w.new_page("")
    _cover(w, s)
    w.new_page("I")
    w.line("目　　次", 16, centred=True)
    toc = ["前言", *(["引言"] if s.introduction else []), "1 范围",
           *(["2 规范性引用文件"] if s.chapter2 else []), "3 术语和定义", "4 技术要求", "5 试验方法",
           "参考文献"]
    for i, entry in enumerate(toc, start=1):
        w.line(f"{entry}{'.' * 20}{i}")
    w.new_page("II")
    w.line("前　　言", 16, centred=True)
    foreword = [s.drafting]
    if s.replaces:
        old = s.replaces.removeprefix("代替 ")
        foreword.append(f"本文件代替{old}，与其相比，主要技术变化如下：增加了智能控制功能要求。")
    foreword += [s.patent_notice,
                 f"本文件由{s.proposer}提出。" if s.proposer else None,
                 f"本文件由{s.responsible}归口。" if s.responsible else None,
                 f"本文件起草单位：{'、'.join(s.drafting_units)}。" if s.drafting_units else None,
                 f"本文件主要起草人：{'、'.join(s.drafters)}。" if s.drafters else None]
    if s.foreword_override is not None:
        foreword = list(s.foreword_override)
    for text in foreword:
        if text:
            w.para(_spaced(text) if s.letter_spaced_foreword else text)
    if s.introduction:
        w.new_page("III")
        w.line("引　　言", 16, centred=True)
        w.para(s.introduction)
    w.new_page("1")
    w.line(s.body_title or "".join(s.title), 16, centred=True)
    chapters: list[tuple[str, list[str]]] = [(s.chapter1_title, [s.scope] if s.scope else [])]
    if s.chapter2:
        chapters.append(("规范性引用文件", [s.ref_lead] if s.references else ["本文件没有规范性引用文件。"]))
    if s.chapter3:
        combined = s.chapter3_title != "术语和定义"  # 3.1 术语和定义, 3.2 缩略语 as subclauses
        chapters.append((s.chapter3_title, ["3.1 术语和定义", s.terms_lead] if combined else [s.terms_lead]))
    if s.chapters_override is not None:
        chapters = s.chapters_override
    for number, (title, paras) in enumerate(chapters, start=1):
        w.line(f"{number}  {title}", 12)
        for p in paras:
            w.para(p)
        if title == "规范性引用文件":
            for ref in s.references:
                for piece in _wrap(ref, SIZE, RIGHT - LEFT - 21):
                    w.line(piece, x=LEFT + 21)
        if title == s.chapter3_title and s.chapters_override is None:
            for i, (zh, en) in enumerate(s.terms, start=1):
                w.line(f"3.{i}", x=LEFT)
                w.line(f"{zh}  {en}", x=LEFT)
                w.para(f"具有{zh}功能的家用电器。")
    w.line(f"{len(chapters) + 1}  技术要求", 12)
    for p in s.requirements:
        w.para(p)
    for i in range(s.body_pages):
        w.new_page(str(int(w.label) + 1))
        w.para(f"4.{i + 1} 电饭煲在额定电压下工作时，其能效指标应符合表{i + 1}的规定，"
               "待机功率不应大于1.0 W。")
    w.save()
    return path


def spec_for(decl: dict[str, Any], **changes: Any) -> StandardSpec:
    """The PDF that prints exactly what the declaration ``decl`` declares, with ``changes``."""
    s = decl["standard"]
    base: dict[str, Any] = {
        "scope": s["scope"], "drafting_units": s["drafting_units"], "drafters": s["drafters"],
        "references": s["normative_references"], "replaces": None, "organization": decl["organization"]["name"],
    }
    base.update(changes)
    return standard(**base)


def pair_findings(engine: Any, folder: Path, printed: dict[str, Any], decl: dict[str, Any], name: str,
                    **changes: Any) -> list[Any]:
    """Write the PDF of ``printed`` (with ``changes``) as ``name`` and ``decl`` naming it; the format findings."""
    write_pdf(folder / name, spec_for(printed, **changes))
    decl["standard"]["full_text"]["file"] = name
    path = folder / "declaration.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    return [f for f in result.findings if f.rule.startswith("TSTD-FMT-")]
