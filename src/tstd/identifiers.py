"""Parsing and validation of the identifiers a group standard carries (brief §8).

Each function takes the user's spelling, normalises it and returns a small result object; callers decide
what is an error. Nothing here knows about rules or findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tstd.normalize import compact, identifier, nfkc

# ---------------------------------------------------------------- 统一社会信用代码 (GB 32100-2015)

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


@dataclass(frozen=True)
class UsccCheck:
    code: str  # normalised
    problem: str | None  # None when valid: "length" | "charset" | "shape" | "checksum"
    expected_check: str | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def check_uscc(text: str) -> UsccCheck:
    """Validate a 统一社会信用代码: 18 characters, allowed character set, shape and check character."""
    code = compact(text)
    if len(code) != 18:
        return UsccCheck(code, "length")
    if any(c not in USCC_CHARS for c in code):
        return UsccCheck(code, "charset")
    if not _USCC_SHAPE.match(code):
        return UsccCheck(code, "shape")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return UsccCheck(code, "checksum", expected)
    return UsccCheck(code, None)


# ---------------------------------------------------------------- ICS and CCS

_ICS = re.compile(r"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$")
_CCS = re.compile(r"^[A-HJ-NP-Z]\d{2}$")


def normalize_ics(text: str) -> str:
    return compact(text).removeprefix("ICS")


def is_ics(text: str) -> bool:
    """ICS code: ``NN``, ``NN.NNN`` or ``NN.NNN.NN``."""
    return bool(_ICS.match(normalize_ics(text)))


def normalize_ccs(text: str) -> str:
    return compact(text).removeprefix("CCS")


def is_ccs(text: str) -> bool:
    """CCS code: one letter A–Z except I and O, then two digits (``Y 62`` accepted)."""
    return bool(_CCS.match(normalize_ccs(text)))


# ---------------------------------------------------------------- standard numbers

# A code is letters, optionally a slash and a letter (GB/T, QB/T), or DB + region digits + /T, or
# T/ or Q/ + an organisation code. Digits inside a T/ or Q/ code need the separating space to be unambiguous.
_CODE_SPACED = r"(?:T/[A-Z][A-Z0-9]*|Q/[A-Z0-9]+|DB\d{2,4}(?:/[TZ])?|[A-Z]+(?:/[A-Z])?)"
_CODE_TIGHT = r"(?:T/[A-Z]+|Q/[A-Z]+|DB\d{2,4}/[TZ]|[A-Z]+(?:/[A-Z])?)"
# Years are four digits; older national standards carry two (GB 3838-88), read as 19xx.
_TAIL = r"(?P<seq>\d+(?:\.\d+)*)(?:-(?P<year>\d{4}|\d{2}))?$"
_NUMBER_SPACED = re.compile(rf"^(?P<code>{_CODE_SPACED}) {_TAIL}")
_NUMBER_TIGHT = re.compile(rf"^(?P<code>{_CODE_TIGHT}){_TAIL}")
# 规定17: the code is upper-case Latin letters, or letters combined with Arabic digits; the text sets no rule on
# the first character, so a code such as 3DPA is accepted (at least one letter is required).
_GROUP_NUMBER = re.compile(r"^T/(?P<org>[A-Z0-9]*[A-Z][A-Z0-9]*) (?P<seq>\d+(?:\.\d+)*)-(?P<year>\d{4})$")
# The T and the code as the user wrote them (after NFKC, before upper-casing), to check their case.
_WRITTEN_CODE = re.compile(r"^\s*(?P<t>[Tt])\s*/\s*(?P<code>[A-Za-z0-9]+)")


@dataclass(frozen=True)
class StandardNumber:
    """A parsed standard number such as ``GB 4706.1—2005`` or ``T/CAS 3-2021``."""

    code: str  # GB, GB/T, T/CAS, DB11/T, QB/T …
    seq: str
    year: int | None
    original: str

    @property
    def canonical(self) -> str:
        """ASCII form used as a key: ``GB 4706.1-2005``."""
        base = f"{self.code} {self.seq}"
        return f"{base}-{self.year}" if self.year else base

    @property
    def display(self) -> str:
        """Typeset form with the em dash: ``GB 4706.1—2005``."""
        return self.canonical.replace("-", "—")

    @property
    def undated(self) -> str:
        return f"{self.code} {self.seq}"

    @property
    def is_mandatory_national(self) -> bool:
        return self.code == "GB"


def parse_standard_number(text: str) -> StandardNumber | None:
    """Parse a standard number in any common spelling; None when it is not one.

    Accepts full-width forms, every dash variant and missing or extra spaces; a trailing title
    (``GB/T 191 包装储运图示标志``) is not accepted here — see :func:`split_reference`.
    """
    norm = identifier(text)
    m = _NUMBER_SPACED.match(norm) or _NUMBER_TIGHT.match(norm.replace(" ", ""))
    if not m:
        return None
    year = int(m["year"]) if m["year"] else None
    if year is not None and year < 100:
        year += 1900
    return StandardNumber(m["code"], m["seq"], year, text)


_REFERENCE_HEAD = re.compile(
    rf"^\s*(?P<num>(?:{_CODE_SPACED}|ISO(?:/IEC)?|IEC)\s?\d+(?:\.\d+)*"
    r"(?:\s?[-:]\s?(?:\d{4}|\d{2}(?!\d)))?)(?P<rest>.*)$",
    re.IGNORECASE,
)


def split_reference(text: str) -> tuple[StandardNumber | None, str]:
    """Split a normative-reference line into (number, title); number is None when unparseable."""
    from tstd.normalize import unify_dashes

    norm = unify_dashes(nfkc(text)).strip()
    m = _REFERENCE_HEAD.match(norm)
    if not m:
        return None, norm
    number = parse_standard_number(m["num"].replace(":", "-"))
    return number, m["rest"].strip()


@dataclass(frozen=True)
class GroupNumber:
    """A parsed group-standard number ``T/代号 顺序号—年份``."""

    org_code: str
    seq: str
    year: int
    canonical: str
    written: str = ""  # "T/CODE" exactly as written (NFKC only), e.g. "t/Cas"

    @property
    def upper_case(self) -> bool:
        """规定17: the T and the organisation code are written in upper-case letters."""
        return self.written == self.written.upper()


def parse_group_number(text: str) -> GroupNumber | None:
    """Parse ``T/CAS 3—2021`` (and its full-width, dash and spacing variants); None when malformed.

    Lower-case spellings (``t/cas 3-2021``) still parse, so that the other checks can run; the result's
    ``upper_case`` says whether the number was written as 规定17 requires.
    """
    norm = identifier(text)
    # Tolerate a missing space between code and sequence only where letters meet digits unambiguously.
    if " " not in norm:
        norm = re.sub(r"^(T/[A-Z]+)(\d)", r"\1 \2", norm)
    m = _GROUP_NUMBER.match(norm)
    if not m:
        return None
    raw = _WRITTEN_CODE.match(nfkc(text))
    written = f"{raw['t']}/{raw['code']}" if raw else f"T/{m['org']}"
    return GroupNumber(m["org"], m["seq"], int(m["year"]), norm, written)
