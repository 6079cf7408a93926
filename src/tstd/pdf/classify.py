"""Classify a PDF's text layer before parsing it, so an unreadable file gives one clear finding.

A text layer is *image-only* when the first pages carry no characters at all, and *undecodable* when it has
characters but they do not map to text: ``(cid:N)`` placeholders, control codes (what PDFium returns for a
font without ToUnicode) or U+FFFD, or many characters without a single CJK one — a Chinese group standard
always has CJK on its first pages. Garbled Latin glyphs (犌犅) are CJK and repairable, so they pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tstd.pdf.facts import Readability

_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MIN_CHARS_FOR_NO_CJK = 40  # a cover alone has ~60 non-space characters; fewer says little
_BAD_SHARE = 0.2


def bad_char(c: str) -> bool:
    """A character that cannot be real text: C0/C1 controls (except layout ones), U+FFFD, private use."""
    code = ord(c)
    control = (code < 0x20 and c not in "\t\r\n") or 0x7F <= code < 0xA0
    return control or c == "\ufffd" or 0xE000 <= code <= 0xF8FF


def classify_text(pages: Sequence[str]) -> tuple[Readability, str]:
    """Readability of a text layer judged from the text of its first pages, with the reason in words."""
    text = "".join(pages)
    visible = [c for c in _CID.sub("\ufffd", text) if not c.isspace()]
    if not visible:
        return Readability.IMAGE_ONLY, f"no characters on the first {len(pages)} page(s)"
    bad = sum(1 for c in visible if bad_char(c))
    if bad / len(visible) > _BAD_SHARE:
        return Readability.UNDECODABLE, f"{bad} of {len(visible)} characters have no Unicode mapping"
    if len(visible) >= _MIN_CHARS_FOR_NO_CJK and not _CJK.search(text):
        return Readability.UNDECODABLE, f"no Chinese character among {len(visible)} characters"
    return Readability.OK, ""


_DESCRIPTIONS = {
    Readability.IMAGE_ONLY: ("PDF 只有图像，没有文字层（扫描件），无法核对文本；tstd 不做 OCR",
                             "the PDF is image-only (no text layer); tstd does no OCR"),
    Readability.UNDECODABLE: ("PDF 文字层无法解码（字体缺少 ToUnicode 映射或编码损坏）",
                              "the PDF's text layer cannot be decoded (no ToUnicode map or broken encoding)"),
    Readability.ENCRYPTED: ("PDF 已加密，需要密码才能打开", "the PDF is encrypted and needs a password"),
    Readability.CORRUPT: ("文件不是有效的 PDF 或已损坏", "the file is not a valid PDF or is damaged"),
    Readability.MISSING: ("PDF 文件不存在或无法读取", "the PDF file does not exist or cannot be read"),
    Readability.FAILED: ("读取 PDF 时出错（可能是 tstd 的缺陷，请报告）",
                         "reading the PDF failed (possibly a defect in tstd; please report it)"),
}


def describe(readability: Readability) -> tuple[str, str]:
    """(zh, en) sentence saying why a PDF cannot be checked; empty for a readable one."""
    return _DESCRIPTIONS.get(readability, ("", ""))
