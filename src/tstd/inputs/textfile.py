"""Reading text files the way Chinese users actually save them: UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "gb18030"

    @property
    def is_legacy(self) -> bool:
        """True when the file was not UTF-8 (worth a note: other tools may misread it)."""
        return self.encoding == "gb18030"


class TextDecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode(raw: bytes) -> DecodedText:
    """Decode file bytes: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312).

    Binary data (NUL bytes outside a UTF-16 file) is refused rather than decoded into garbage.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return DecodedText(raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(raw.decode("utf-16"), "utf-16")
    if b"\x00" in raw:
        raise TextDecodeError("binary data (NUL bytes)")
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(raw.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            raise TextDecodeError(
                f"not UTF-8 (byte 0x{raw[utf8_error.start]:02x} at offset {utf8_error.start}) nor GB18030/GBK"
            ) from None
