"""Does a group standard's subject overlap a mandatory standard's scope?

Chinese has no word boundaries, so ``\\b`` is useless and "any keyword is a substring" over-fires (a smart door
lock against 防盗安全门 through 门, a toilet seat against 乘用车燃料消耗量 through 节能). The matcher therefore:

* ignores one-character terms and terms shared by many catalogue standards (标签, 重金属, 能效等级 …) unless they
  are long, and weighs the rest by specificity (length, and in how many standards they occur);
* adds the product noun of the mandatory standard's own title (电动自行车 from 电动自行车安全技术规范);
* discounts a term that only modifies the group standard's product (电动自行车**用**充电器, 水泥**基**防水材料):
  the head noun of a Chinese compound comes last;
* requires agreement of more than one signal — two terms, or a term plus the ICS class — and a term in the title;
* counts a conflicting CCS class against the match, so unrelated fields stay apart.

Precision is measured on realistic titles in ``tests/catalog/data/overlap_titles.yaml`` (see docs/catalogue.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tstd.catalog.index import Catalogue
from tstd.catalog.model import Entry, Status
from tstd.identifiers import normalize_ccs, normalize_ics
from tstd.normalize import nfkc, text_for_matching, unify_dashes

TERMS_KEY = "matcher.terms"  # where a catalogue keeps the terms computed for it (tstd.catalog.snapshot)


def _words(text: str) -> tuple[str, ...]:
    """Word lists kept as data: whitespace-separated terms."""
    return tuple(text.split())


# Title parts that say what kind of document it is, not what it covers; stripped to find the product noun.
_TITLE_SUFFIXES = sorted(
    _words(
        """
    安全技术规范 安全技术要求 安全技术条件 通用技术条件 通用技术要求 技术条件 安全要求 通用要求 卫生要求
    卫生标准 卫生规范 技术要求 安全规范 通用规范 良好生产规范 有害物质限量 中有害物质限量
    有害物质释放限量 有害元素限量的规定 能效限定值及能效等级 能效水效限定值及等级 耗电量限定值及能效等级
    能效限定值及节能评价值 污染物排放标准 大气污染物排放标准 污染控制标准 排放标准 质量标准 环境质量标准
    限量 限值 要求 通则 规范 标准 安全 的安全 规程 导则 分级 释放限量 含量的限值 含量限值 及其使用导则
    使用标准 排放控制标准 安全与质量 单位产品能源消耗限额 能效限定值 能效水效限定值 耗电量限定值 限定值
    节能评价值 的特殊 特殊 测量方法 测试方法
        """
    ),
    key=len,
    reverse=True,
)
_TITLE_PREFIXES = (
    "食品安全国家标准", "室内装饰装修材料", "家用和类似用途电器的安全", "家用和类似用途", "信息安全技术",
)
_SPLIT = re.compile(r"[\s、，,：:;；()（）]+|第[\d-]+部分|中国第.阶段|及其|和|与|及")
# Words that occur across fields and name no product (mandatory.md, "Using the keywords").
_GENERIC = frozenset(
    _words(
        """
    安全 家用 节能 出水 土壤 标签 标识 卫生 检验 检验方法 食品 能效 能效等级 重金属 有害物质 运输 贮存
    储存 包装 稳定性 座椅 制动 配方 营养 原料 使用量 使用范围 说明书 生产企业 消毒 消防 防火 阻燃 能量
    蛋白质 水质 水质标准 排放限值 限量 信息安全 结构安全 电器安全 机械强度 发热 防触电 用水量 耗电量
    水效 乙醇 照明 异味 粉状 清洁消毒 设施设备 召回 功能区 渗滤液 超限 劳动防护 分类 鉴别 混合 衍生 增补
    实验 儿童 绘画 纸质 溶剂 危险场所 事故责任 在线升级 数据安全 网络安全 访问控制 微生物 菌落总数 通用
    基本 质量 一般 试验 试行 安装 使用 总则 等级 设备 标志 含量 制品 机械 物理性能 基本性能
        """
    )
)
_MODIFIER_AFTER = ("用", "基", "专用", "配套")  # X用Y / X基Y: X only modifies the product Y

# CCS first letters each catalogue category plausibly carries (brief §8.7). Approximate on purpose: used to
# support or count against a match, never to make one.
_CATEGORY_CCS = {
    "food": "XC",
    "food_contact": "YXQG",
    "water": "ZCP",
    "environment_water": "Z",
    "environment_air": "Z",
    "environment_soil_waste": "Z",
    "noise": "Z",
    "agriculture": "BGX",
    "consumer_textile": "WY",
    "consumer_other": "YCG",
    "toys_child": "YTW",
    "appliances_electrical": "KY",
    "ict": "LMK",
    "vehicles": "T",
    "fuels": "E",
    "energy_efficiency": "KJFYQ",
    "building_fire": "QPCK",
    "construction_code": "P",
    "building_materials": "QPGYBH",
    "special_equipment": "JPQ",
    "safety_chemicals": "GACR",
    "medical_ppe": "CY",
    "infosec": "LV",
    "ebike": "TYK",
}

STRONG_TITLE, WEAK_TITLE, STRONG_SCOPE, WEAK_SCOPE = 3.0, 1.0, 1.0, 0.5
ICS_GROUP, ICS_FIELD, CCS_AGREE, CCS_CONFLICT = 1.5, 0.5, 0.5, -2.0
THRESHOLD = 3.5


@dataclass(frozen=True)
class Term:
    text: str
    strong: bool
    core: bool = False  # the product noun of the mandatory standard's title


@dataclass(frozen=True)
class Overlap:
    """A mandatory standard the group standard's subject overlaps, with why."""

    entry: Entry
    score: float
    title_terms: tuple[str, ...]
    scope_terms: tuple[str, ...]
    ics: str = ""  # the group standard's ICS that agreed, if any

    @property
    def evidence(self) -> str:
        terms = list(dict.fromkeys(self.title_terms + self.scope_terms))
        out = "、".join(terms)
        return f"{out}; ICS {self.ics}" if self.ics else out


def title_core(title: str) -> list[str]:
    """Product nouns of a mandatory standard's title: ``食品安全国家标准 巴氏杀菌乳`` → ``['巴氏杀菌乳']``."""
    text = text_for_matching(title)
    for prefix in _TITLE_PREFIXES:
        text = text.replace(prefix, " ")
    cores = []
    for part in _SPLIT.split(text):
        part = part.strip()
        changed = True
        while changed and part:
            changed = False
            for suffix in _TITLE_SUFFIXES:
                if part.endswith(suffix) and len(part) > len(suffix):
                    part = part[: -len(suffix)]
                    changed = True
                    break
        part = part.removesuffix("中").removesuffix("的").removeprefix("的")
        if len(part) >= 2 and part not in _GENERIC and part not in _TITLE_SUFFIXES:
            cores.append(part)
    return cores


class OverlapMatcher:
    """Built once per catalogue (per process); :meth:`match` then scans the title and scope once each."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        stored = catalogue.precomputed.get(TERMS_KEY)
        self.entries: list[Entry] = []
        self.terms: dict[str, tuple[Term, ...]] = {}
        if not (isinstance(stored, dict) and self._restore(stored)):
            self._compute()
            catalogue.precomputed[TERMS_KEY] = {key: tuple((t.text, t.strong, t.core) for t in terms)
                                                for key, terms in self.terms.items()}
        self._by_prefix: dict[str, list[str]] = {}
        vocabulary = {t.text for terms in self.terms.values() for t in terms}
        for word in sorted(vocabulary, key=len, reverse=True):
            self._by_prefix.setdefault(word[:2], []).append(word)
        self._postings: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for term in self.terms[entry.key]:
                self._postings.setdefault(term.text, []).append(entry)

    def _restore(self, stored: dict[str, Any]) -> bool:
        """Take the terms computed by an earlier run for this very catalogue (the start-up cache keeps them with
        it); False when they do not fit it, and the terms are then computed again."""
        try:
            self.entries = [self.catalogue.entries[key] for key in stored]
            self.terms = {key: tuple(Term(text, bool(strong), bool(core)) for text, strong, core in terms)
                          for key, terms in stored.items()}
        except (KeyError, TypeError, ValueError):
            self.entries, self.terms = [], {}
            return False
        return True

    def _compute(self) -> None:
        """The current editions and their weighted terms, from the catalogue's titles and keywords."""
        catalogue = self.catalogue
        current: dict[str, Entry] = {}
        for entry in catalogue.entries.values():
            if entry.status is Status.WITHDRAWN or entry.partial:
                # Withdrawn editions are found through references; partly mandatory codes never "duplicate".
                continue
            best = current.get(entry.number.undated)
            if best is None or (entry.status is Status.CURRENT and best.status is not Status.CURRENT):
                current[entry.number.undated] = entry
        self.entries = list(current.values())
        raw: dict[str, tuple[list[str], list[str]]] = {}
        for entry in self.entries:
            cores = title_core(entry.title)
            keywords = [k for k in entry.keywords if k not in cores and len(k) >= 2 and k not in _GENERIC]
            raw[entry.key] = (cores, keywords)
        # Specificity: in how many standards a term occurs, counting occurrences inside longer terms (餐具 is in
        # 塑料餐具, 金属餐具, 玻璃餐具 …, so it names no single standard).
        df: Counter[str] = Counter()
        for cores, keywords in raw.values():
            # every substring (of two or more characters) of this standard's terms, counted once per standard
            df.update({t[i:j] for t in (*cores, *keywords) for i in range(len(t)) for j in range(i + 2, len(t) + 1)})
        # A title's own product noun is judged by exact use only: 电动自行车 heads 电动自行车用充电器 too, yet it
        # is what GB 17761 is about.
        exact = Counter(t for c, k in raw.values() for t in {*c, *k})
        self.terms = {}
        for entry in self.entries:
            cores, keywords = raw[entry.key]
            terms = [Term(c, strong=_specific(c, exact[c]) and (len(c) >= 3 or df[c] <= 2), core=True)
                     for c in cores]
            terms.extend(Term(k, strong=_specific(k, df[k])) for k in keywords)
            self.terms[entry.key] = tuple(terms)

    def _occurrences(self, text: str) -> dict[str, str]:
        """term → how it occurs in ``text``: 'head' (names the product), 'inner' or 'modifier' (X用Y).

        Every catalogue term is found through an index of its first two characters (one dictionary lookup per
        position of the text). An occurrence inside a longer term's occurrence does not count (幼儿配方食品 in 婴幼儿配方食品)."""
        hits: list[tuple[int, int, str]] = []
        for i in range(len(text) - 1):
            for term in self._by_prefix.get(text[i:i + 2], ()):
                if text.startswith(term, i):
                    hits.append((i, i + len(term), term))
        found: dict[str, str] = {}
        for start, end, term in hits:
            if any(a <= start and end <= b and (b - a) > (end - start) for a, b, _t in hits):
                continue
            kind = _position(text, end)
            if _RANK[kind] > _RANK[found.get(term, "")]:
                found[term] = kind
        return found

    def match(
        self, title: str, scope: str = "", ics: Sequence[str] = (), ccs: Sequence[str] = ()
    ) -> list[Overlap]:
        """Mandatory standards (current editions) whose scope the subject overlaps, best first."""
        title_n = _prepare(title)
        if not title_n:
            return []
        in_title = self._occurrences(title_n)
        in_scope = self._occurrences(_prepare(scope)) if scope else {}
        ics_n = [normalize_ics(str(c)) for c in ics if c]
        ccs_letters = {normalize_ccs(str(c))[:1] for c in ccs if c}
        # Only standards with a term in the title are candidates; the postings name them directly.
        candidates: dict[str, Entry] = {}
        for text in in_title:
            for entry in self._postings.get(text, ()):
                candidates.setdefault(entry.key, entry)
        found = []
        for entry in candidates.values():
            terms = self.terms[entry.key]
            title_hits = [t for t in terms if t.text in in_title]
            score, signals = 0.0, 0
            for term in title_hits:
                kind = in_title[term.text]
                score += _TITLE_POINTS[(term.strong, kind)]
                signals += 1 + (term.strong and kind == "head")  # the title names this very product
            scope_hits = [t for t in terms if t.text in in_scope and t not in title_hits]
            score += min(sum(STRONG_SCOPE if t.strong else WEAK_SCOPE for t in scope_hits), 2.0)
            signals += len(scope_hits)
            ics_points, ics_code = _ics_agreement(entry, ics_n)
            score += ics_points
            signals += ics_points >= ICS_GROUP
            letters = _CATEGORY_CCS.get(entry.category, "")
            if ccs_letters and letters:
                score += CCS_AGREE if ccs_letters & set(letters) else CCS_CONFLICT
            if score >= THRESHOLD and signals >= 2:
                found.append(Overlap(entry, score, tuple(t.text for t in title_hits),
                                     tuple(t.text for t in scope_hits), ics_code))
        found.sort(key=lambda o: (-o.score, o.entry.key))
        return found


def _prepare(text: str) -> str:
    """NFKC, one kind of dash, single spaces. Spaces are kept: in a title they separate its elements."""
    return " ".join(unify_dashes(nfkc(text)).split())


def _specific(term: str, df: int) -> bool:
    """A term that points at few standards: long, or short and rare."""
    return (len(term) >= 4 and df <= 3) or (len(term) == 3 and df <= 2) or df == 1


# What may follow a product noun at the head of a title: nothing, or words saying what kind of document it is.
_HEAD_FOLLOWERS = (
    *_TITLE_SUFFIXES,
    *_words("安全 技术 通用 及其制品 制品 产品 评价 检测 试验 生产 质量 性能 能效 能耗 ( （"),
)
_RANK = {"": 0, "modifier": 1, "inner": 2, "head": 3}
_TITLE_POINTS = {
    (True, "head"): STRONG_TITLE, (True, "inner"): 2.0, (True, "modifier"): 0.5,
    (False, "head"): WEAK_TITLE, (False, "inner"): 0.5, (False, "modifier"): 0.0,
}


def _position(text: str, end: int) -> str:
    """How the term ending at ``end`` stands in ``text``: 'head', 'modifier' (X用Y, X基Y) or 'inner'."""
    if text[end:end + 1].isspace():
        return "head"  # a space ends an element of the title (家用纺织品 床上用品)
    rest = text[end:]
    if rest.startswith(_MODIFIER_AFTER):
        return "modifier"
    if not rest or rest.startswith(_HEAD_FOLLOWERS):
        return "head"
    return "inner"


def _ics_agreement(entry: Entry, ics: Iterable[str]) -> tuple[float, str]:
    best = (0.0, "")
    for code in ics:
        for mine in entry.ics:
            if code.split(".")[:2] == mine.split(".")[:2] and "." in code and "." in mine:
                return ICS_GROUP, code
            if code.split(".")[0] == mine.split(".")[0]:
                best = (ICS_FIELD, code)
    return best
