"""Read a Word draft (.docx) into the PDF layer's facts: cover, 目次, 前言, 引言, chapters 1–3, citations.

Every paragraph of the body is taken in document order — including those in tables and text boxes, where
GB/T 1.1 templates put cover elements (the VML fallback copy of a text box is skipped, so nothing is read
twice) — and becomes one :class:`tstd.pdf.reader.Line` whose ``page`` is its 1-based paragraph number. The
cover is what precedes the first 目次/前言/引言 heading (or the first section break); the rest is fed to the
same front-matter parser the PDF path uses.

Heading numbers: template heading styles (标准文件_章标题, 章标题, Heading 1 / 标题 1, and the 条 levels below)
number their paragraphs automatically, so the number is not in the text; it is rebuilt by counting, as Word
does. Plain drafts type the number ("1 范围") and are read as they are.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tstd.pdf.citations import collect
from tstd.pdf.cover import parse_cover
from tstd.pdf.facts import PdfFacts, Readability
from tstd.pdf.frontmatter import FrontMatterParser, heading
from tstd.pdf.reader import Line, PageText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .doc, .xls, .ppt
_FRONT_HEADINGS = frozenset({"目次", "目录", "前言", "引言"})
_UNNUMBERED = frozenset({"前言", "引言", "目次", "目录", "参考文献", "索引"})
_HEAD = 1e8  # paragraph "tops" sit far from the page bands where the PDF parser drops running headers
_PAGE_HEIGHT = 1e9
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})*)\s")
# A real draft's word/document.xml is well under 20 MB even with tables; a bomb is gigabytes.
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200.0


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text, its style name and its heading level (1 = chapter, 2 = 条, 0 = body)."""

    text: str
    style: str
    level: int
    size: float


def _level(style: str) -> int:
    """Heading level of a style name: template 章/条 styles and Word's built-in Heading n / 标题 n."""
    name = style.lower().replace("标准文件_", "")
    if "章标题" in name:
        return 1
    if m := re.match(r"^(?:heading|标题)\s*(\d)$", name):
        return int(m[1])
    for level, word in ((2, "一级条标题"), (3, "二级条标题"), (4, "三级条标题")):
        if word in name:
            return level
    return 0


_TEXT_TAGS = (_W + "t", _W + "tab", _W + "br", _W + "cr")


def _text(p: Any) -> str:
    """The text of a paragraph element: every run, also inside hyperlinks, tracked insertions, fields and
    content controls (templates put cover fields in 内容控件). A paragraph anchoring a text box holds the box's
    own paragraphs: then only its direct runs count (the box's paragraphs are read on their own)."""
    if p.find(".//" + _W + "txbxContent") is None:
        return "".join((el.text or "") if el.tag == _W + "t" else " " for el in p.iter(*_TEXT_TAGS))
    out: list[str] = []
    for child in p.iterchildren():
        tag = child.tag
        runs = [child] if tag == _W + "r" else (
            child.iterchildren(_W + "r") if tag in (_W + "hyperlink", _W + "ins", _W + "smartTag") else ())
        for run in runs:
            for el in run.iterchildren():
                if el.tag == _W + "t":
                    out.append(el.text or "")
                elif el.tag in (_W + "tab", _W + "br", _W + "cr"):
                    out.append(" ")
    return "".join(out)


def _size(p: Any) -> float:
    for sz in p.iter(_W + "sz"):
        try:
            return int(sz.get(_W + "val", "0")) / 2
        except ValueError:
            return 0.0
    return 0.0


def _style_names(styles: Any) -> dict[str, str]:
    """Style id → name, read from the styles part directly (python-docx's style objects cost ~10 ms a file)."""
    out = {}
    for style in styles.iterchildren(_W + "style"):
        name = style.find(_W + "name")
        out[style.get(_W + "styleId", "")] = name.get(_W + "val", "") if name is not None else ""
    return out


def read_paragraphs(path: Path) -> list[Paragraph]:
    """Every paragraph of the body in document order (tables and text boxes included)."""
    import docx  # lazy: only a run that meets a .docx pays for python-docx and lxml

    document = docx.Document(str(path))
    styles = _style_names(document.styles.element)
    body = document.element.body
    # The set holds the elements themselves: lxml hands out the same proxy for an element while one is alive
    # (ids of dropped proxies would be reused).
    skipped = {p for fb in body.iter(_MC_FALLBACK) for p in fb.iter(_W + "p")}
    out: list[Paragraph] = []
    for p in body.iter(_W + "p"):
        if skipped and p in skipped:
            continue
        style = ""
        ppr = p.find(_W + "pPr")
        if ppr is not None and (ps := ppr.find(_W + "pStyle")) is not None:
            style = styles.get(ps.get(_W + "val", ""), "")
        out.append(Paragraph(_text(p), style, _level(style), _size(p)))
    return out


def _numbered(paragraphs: list[Paragraph]) -> list[str]:
    """Paragraph texts with automatic heading numbers written out ("范围" in 章标题 style → "1 范围")."""
    counters = [0, 0, 0, 0, 0]
    out = []
    for para in paragraphs:
        text = para.text.strip()
        level = para.level
        if level and text and heading(text) not in _UNNUMBERED and not text.startswith("附录"):
            if (m := _NUMBERED.match(text)) is not None:  # typed number: follow it
                parts = [int(x) for x in m[1].split(".")]
                counters[: len(parts)] = parts
                counters[len(parts):] = [0] * (5 - len(parts))
            else:
                counters[level - 1] += 1
                counters[level:] = [0] * (5 - level)
                number = ".".join(str(n) for n in counters[:level])
                # A numbered 条 heading of chapter 3 is a term entry: number on its own line, as printed.
                text = f"{number}\n{text}" if level > 1 else f"{number} {text}"
        out.append(text)
    return out


def extract(path: str | Path) -> PdfFacts:
    """The front-matter facts of the Word draft at ``path``. Never raises on bad files: a ``.doc`` or a
    damaged ``.docx`` comes back with ``readability`` set and ``problem`` saying why."""
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return PdfFacts(name, Readability.MISSING, str(exc), unit="paragraph")
    if head.startswith(_OLE_MAGIC):
        return PdfFacts(name, Readability.LEGACY_WORD, "Compound File Binary (Word 97–2003 .doc)", unit="paragraph")
    if not zipfile.is_zipfile(path):
        # A .doc that is no ZIP is some older Word format (binary, RTF or HTML saved as .doc): 另存为 .docx.
        legacy = path.suffix.lower() == ".doc"
        return PdfFacts(name, Readability.LEGACY_WORD if legacy else Readability.DAMAGED_WORD, "not a ZIP package",
                        unit="paragraph")
    if problem := _package_problem(path):
        return PdfFacts(name, Readability.DAMAGED_WORD, problem, unit="paragraph")
    try:
        paragraphs = read_paragraphs(path)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml and zip errors on damaged parts
        return PdfFacts(name, Readability.DAMAGED_WORD, f"{type(exc).__name__}: {exc}", unit="paragraph")
    try:
        return _facts(name, paragraphs)
    except Exception as exc:  # a parser defect on an odd draft must not abort a batch
        return PdfFacts(name, Readability.FAILED, f"{type(exc).__name__}: {exc}", unit="paragraph")


def _package_problem(path: Path) -> str:
    """Why the package must not be parsed ('' when it may): no main part, or XML parts too large or too
    compressed (a zip bomb would exhaust memory inside lxml, where no limit applies)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if not any(i.filename == "word/document.xml" for i in infos):
        return "no word/document.xml part"
    for info in infos:
        if not info.filename.endswith(".xml"):
            continue
        ratio = info.file_size / max(info.compress_size, 1024)
        if info.file_size > MAX_XML_BYTES or ratio > MAX_RATIO:
            return f"{info.filename}: {info.file_size} bytes uncompressed (limit {MAX_XML_BYTES}, ratio {ratio:.0f})"
    return ""


def _facts(name: str, paragraphs: list[Paragraph]) -> PdfFacts:
    texts = _numbered(paragraphs)
    lines: list[Line] = []
    for i, (para, text) in enumerate(zip(paragraphs, texts, strict=True), start=1):
        for k, piece in enumerate(text.split("\n")):
            if piece.strip():
                lines.append(Line(piece.strip(), i, _HEAD + i * 20 + k, 0.0, 0.0, para.size))
    cut = next((n for n, ln in enumerate(lines) if heading(ln.text) in _FRONT_HEADINGS), None)
    if cut is None:  # no 目次/前言: the cover ends where chapter 1 begins
        cut = next((n for n, ln in enumerate(lines) if re.match(r"^1\s*(范围|总则)$", ln.text)), 0)
    cover_lines, body = lines[:cut], lines[cut:]
    cover = parse_cover(cover_lines)  # an empty cover still exists: its missing elements are reported
    parser = FrontMatterParser(cover.number.value if cover.number else None,
                               cover.title.value if cover.title else None, paragraphs=True)
    parser.feed(PageText(1, tuple(body), sum(len(ln.text) for ln in body), 595.0, _PAGE_HEIGHT))
    fm = parser.result()
    own = cover.number.value if cover.number else None
    cited = collect(((ln.text, ln.page) for ln in body), own)
    count = len(paragraphs)
    return PdfFacts(name, Readability.OK, "", count, count, cover, fm.toc, fm.toc_page, fm.foreword,
                    fm.introduction, fm.body_title, fm.chapters, fm.references, fm.terms, unit="paragraph",
                    citations=cited)
