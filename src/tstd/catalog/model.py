"""The catalogue's data model: mandatory national standards, their numeric limits and indicator names.

Everything is a frozen dataclass built once per process by :mod:`tstd.catalog.load`. The field names follow the
catalogue file (``schemas/catalogue.schema.json``); ``to_dict`` gives back that shape, so ``tstd catalog show``,
``explain`` and finding data all print the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from tstd.identifiers import StandardNumber


class Status(str, Enum):
    """Status of one edition, as the national platform words it."""

    CURRENT = "现行"
    WITHDRAWN = "废止"
    UPCOMING = "即将实施"


class Confidence(str, Enum):
    """How far an entry (or limit) was checked. ``unverified`` may drive warnings only, never errors."""

    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def may_drive_errors(self) -> bool:
        return self is not Confidence.UNVERIFIED


@dataclass(frozen=True)
class Entry:
    """One edition of a mandatory national standard."""

    number: StandardNumber
    title: str
    status: Status
    keywords: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()  # canonical numbers of the successor edition(s)
    # Recommended standards (GB/T) that took over the subject: the GB 4706 series became GB/T 4706 in 2024, so a
    # withdrawn mandatory edition may have no mandatory successor at all.
    replaced_by_recommended: tuple[str, ...] = ()
    ics: tuple[str, ...] = ()
    ccs: tuple[str, ...] = ()
    category: str = ""
    confidence: Confidence = Confidence.UNVERIFIED
    publish_date: dt.date | None = None
    implement_date: dt.date | None = None
    withdraw_date: dt.date | None = None
    partial: str = ""  # set when only some clauses are mandatory (GB 6944: chapters 4–6; GB 50xxx 强制性条文)
    source: str = ""
    note: str = ""

    @cached_property
    def key(self) -> str:
        """The canonical number, the catalogue's key (computed once: it is looked up constantly)."""
        return self.number.canonical

    @property
    def display(self) -> str:
        """``GB 18401—2010 国家纺织产品基本安全技术规范``."""
        return f"{self.number.display} {self.title}"

    def to_dict(self) -> dict[str, Any]:
        """The entry in catalogue-file form (only the fields that are set)."""
        out: dict[str, Any] = {
            "number": self.number.canonical, "title": self.title, "status": self.status.value,
        }
        if self.replaced_by:
            out["replaced_by"] = list(self.replaced_by) if len(self.replaced_by) > 1 else self.replaced_by[0]
        if self.replaced_by_recommended:
            out["replaced_by_recommended"] = list(self.replaced_by_recommended)
        for name in ("ics", "ccs"):
            values: tuple[str, ...] = getattr(self, name)
            if values:
                out[name] = list(values) if len(values) > 1 else values[0]
        for name in ("publish_date", "implement_date", "withdraw_date"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.isoformat()
        out["keywords"] = list(self.keywords)
        if self.category:
            out["category"] = self.category
        out["confidence"] = self.confidence.value
        for name in ("partial", "source", "note"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


class Op(str, Enum):
    """Comparison a requirement or limit states about a measured value."""

    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    EQ = "=="

    @classmethod
    def parse(cls, text: str) -> Op | None:
        """``≤``, ``<=``, ``不大于``, ``不超过`` … → Op; None when not an operator."""
        return _OPS.get(str(text).strip())

    @property
    def is_cap(self) -> bool:
        """True for caps (≤ <): the value may not exceed the bound."""
        return self in (Op.LE, Op.LT)

    @property
    def is_floor(self) -> bool:
        return self in (Op.GE, Op.GT)

    @property
    def symbol(self) -> str:
        return {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "="}[self.value]


_OPS = {
    "<=": Op.LE, "≤": Op.LE, "=<": Op.LE, "＜＝": Op.LE, "≯": Op.LE,
    "不大于": Op.LE, "不超过": Op.LE, "不高于": Op.LE,
    "<": Op.LT, "＜": Op.LT, "小于": Op.LT, "低于": Op.LT,
    ">=": Op.GE, "≥": Op.GE, "=>": Op.GE, "＞＝": Op.GE, "不小于": Op.GE, "不低于": Op.GE, "≮": Op.GE,
    ">": Op.GT, "＞": Op.GT, "大于": Op.GT, "高于": Op.GT,
    "==": Op.EQ, "=": Op.EQ, "＝": Op.EQ, "等于": Op.EQ,
}


@dataclass(frozen=True)
class Applicability:
    """Which products and classes a limit applies to, as term lists the matcher looks for.

    ``products``: any one must appear in the requirement's product text (or the standard's title/scope).
    ``classes``: when given, the limit applies only to that class (婴幼儿 / A类, 铅酸 …); a requirement that names
    no class is compared with the least strict of the candidate limits, so we never invent a stricter class.
    ``exclude``: product terms that take the requirement out of this limit's scope (包装饮用水 vs 生活饮用水).
    """

    text: str
    products: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limit:
    """A numeric limit of a mandatory standard for one indicator and product scope."""

    standard: str  # canonical number of the entry
    indicator: str  # canonical indicator name (key of the indicator table)
    label: str  # the indicator as the standard words it (甲醛释放限量（1 m³气候箱法）)
    op: Op
    value: float
    unit: str
    applies: Applicability
    confidence: Confidence = Confidence.UNVERIFIED
    source: str = ""
    note: str = ""
    basis: str = ""  # what the value is expressed on: 以干基计, 以脂肪计, 以100%酒精度计, 以粉状产品计 …
    method: str = ""  # the test method the value depends on (GB/T 2912.1, 1 m³ 气候箱法 …)


@dataclass(frozen=True)
class ProductClass:
    """A named class of products (谷物, 叶菜蔬菜, 纺织产品 …) and the product nouns that belong to it.

    Limit scopes name classes as ``@谷物``; the loader expands them into the class's terms and those of the
    classes it ``includes``, so a limit on cereals applies to 大米, 小麦粉 and 玉米 without listing each."""

    name: str
    terms: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """An indicator the limits speak of, with the names that mean exactly it.

    ``distinct_from`` documents look-alikes that must stay separate (甲醛释放量 vs 甲醛含量): the loader rejects a
    catalogue where a synonym of one is also a synonym of a name listed as distinct.
    """

    name: str
    synonyms: tuple[str, ...] = ()
    distinct_from: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class CatalogueInfo:
    """Header of a catalogue file."""

    title: str = ""
    version: str = ""
    compiled: str = ""
    note: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)  # the files it was loaded from
    family: str = ""  # the family a built-in file covers (food, environment …), for coverage reports
