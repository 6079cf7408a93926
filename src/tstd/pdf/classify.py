"""Classify a PDF's text layer before parsing it, so an unreadable file gives one clear finding.

A text layer is *image-only* when the first pages carry no characters at all, and *undecodable* when it has
characters but they do not map to text: ``(cid:N)`` placeholders, control codes (what PDFium returns for a
font without ToUnicode) or U+FFFD, many characters without a single CJK one — a Chinese group standard
always has CJK on its first pages — or too few *plausible* characters: a broken font encoding turns a page
into punctuation, Latin-1 symbols (¤¦§¨©ª«¬), C1 controls or private-use glyphs with a stray ideograph
here and there, which must not be parsed into a one-character title. Plausible are CJK ideographs, Latin
letters and digits (half- or full-width) and Greek; dot leaders of a table of contents are not counted.
Garbled Latin glyphs (犌犅) are CJK and repairable, so they pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tstd.pdf.facts import Readability

_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MIN_CHARS_FOR_NO_CJK = 40  # a cover alone has ~60 non-space characters; fewer says little
_BAD_SHARE = 0.2
_LEADERS = re.compile(r"[.…·・_\-—]{3,}")
_PLAUSIBLE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u0391-\u03c9]")
# A real cover, 前言 or 目次 is mostly words (ideographs, letters, digits); a garbled one is mostly symbols.
_MIN_PLAUSIBLE_SHARE = 0.4
_MIN_CHARS_FOR_SHARE = 20
_MIN_PRIVATE = 10  # a few private-use symbols (a logo glyph, a special sign) are normal


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
    private = sum(1 for c in visible if 0xE000 <= ord(c) <= 0xF8FF)
    cjk = len(_CJK.findall(text))
    if private >= _MIN_PRIVATE and private >= cjk:
        # Chinese text whose font maps to private-use codes: the odd real ideograph is an accident.
        return Readability.UNDECODABLE, f"{private} private-use glyphs against {cjk} Chinese characters"
    counted = [c for c in _LEADERS.sub("", _CID.sub("\ufffd", text)) if not c.isspace()]
    plausible = sum(1 for c in counted if _PLAUSIBLE.match(c))
    if len(counted) >= _MIN_CHARS_FOR_SHARE and plausible / len(counted) < _MIN_PLAUSIBLE_SHARE:
        return Readability.UNDECODABLE, (f"only {plausible} of {len(counted)} characters are letters, digits or "
                                         "Chinese characters (broken font encoding)")
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
    Readability.LEGACY_WORD: ("这是旧版 Word 二进制文件（.doc），tstd 只能读取 .docx：请在 Word 或 WPS 中“另存为” .docx 后再检查",
                              "this is a binary Word file (.doc); tstd reads .docx only: save it as .docx in Word "
                              "or WPS and check again"),
    Readability.DAMAGED_WORD: ("文件不是有效的 .docx（已损坏或扩展名不符）：请用 Word 或 WPS 打开后重新“另存为” .docx",
                               "the file is not a valid .docx (damaged or misnamed): open it in Word or WPS and "
                               "save it as .docx again"),
}


def describe(readability: Readability) -> tuple[str, str]:
    """(zh, en) sentence saying why a PDF cannot be checked; empty for a readable one."""
    return _DESCRIPTIONS.get(readability, ("", ""))
