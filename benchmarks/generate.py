"""Generate N realistic synthetic tstd declarations (format v1), some of them broken, for benchmarks and tests.

    python benchmarks/generate.py OUT -n 10000 [--seed 7] [--broken 0.02] [--flawed 0.25]

Layout: ``OUT/decls/<代号>/T-<代号>-<顺序号>-<年>.yaml`` (a few ``.json``) and ``OUT/orgs/<代号>.yaml`` for the
organisations that declarations name by path (about a third). Everything is deterministic for a seed.

The organisations and standards are invented but shaped like real ones: national, provincial and city
社会团体 (协会, 学会, 联合会, 商会) with 统一社会信用代码 starting 51 and a correct GB 32100 check character, products
with their real ICS/CCS classes and real normative references, every dash variant in numbers, fees, notices,
patents and the drafting process. ``--flawed`` declarations stay loadable but break a rule (missing release
document, short consultation, paid authorship, wrong check character, hyphen instead of the em dash …).
``--broken`` files cannot be checked normally: bad YAML, GBK-encoded, empty, truncated, wrong types, a list
instead of a mapping, binary junk.

This module is also imported by the benchmark and the batch tests (:func:`generate`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# (region name, 行政区划码, pinyin initials, registration authority)
REGIONS = [
    ("中国", "100000", "C", "民政部"), ("北京市", "110000", "BJ", "北京市民政局"),
    ("上海市", "310000", "SH", "上海市民政局"), ("广东省", "440000", "GD", "广东省民政厅"),
    ("浙江省", "330000", "ZJ", "浙江省民政厅"), ("江苏省", "320000", "JS", "江苏省民政厅"),
    ("山东省", "370000", "SD", "山东省民政厅"), ("四川省", "510000", "SC", "四川省民政厅"),
    ("湖北省", "420000", "HB", "湖北省民政厅"), ("深圳市", "440300", "SZ", "深圳市民政局"),
    ("苏州市", "320500", "SUZ", "苏州市民政局"), ("天津市", "120000", "TJ", "天津市民政局"),
]
# (industry, initials, products: (product, ICS, CCS, references))
INDUSTRIES = [
    ("电子节能技术", "EES", [("家用智能电饭煲", "97.040.50", "Y62", ["GB 4706.1—2005", "GB 4706.19—2008"]),
                          ("商用电磁灶", "97.040.20", "Y68", ["GB 4706.1—2005", "GB 21456—2014"])]),
    ("食品工业", "FI", [("预制菜", "67.040", "X10", ["GB 2762—2022", "GB 7718—2011", "GB 14881—2013"]),
                      ("植物基饮料", "67.160.20", "X51", ["GB 7101—2022", "GB 2760—2024"])]),
    ("家用电器", "HEA", [("智能门锁", "97.160", "Y64", ["GB 4943.1—2022", "GA 374—2019"]),
                       ("空气净化器", "97.030", "Y62", ["GB 4706.45—2008", "GB/T 18801—2022"])]),
    ("建筑材料", "BM", [("人造板及其制品", "79.060", "B70", ["GB 18580—2017", "GB/T 17657—2022"]),
                      ("水性内墙涂料", "87.040", "G51", ["GB 18582—2020", "GB/T 9756—2018"])]),
    ("智能制造", "IM", [("工业互联网平台", "35.240.50", "L67", ["GB/T 23031.1—2022"]),
                      ("协作机器人", "25.040.30", "J28", ["GB 11291.1—2011", "GB/T 38559—2020"])]),
    ("中医药", "TCM", [("中药饮片", "11.120.10", "C23", ["GB/T 191—2008"]),
                     ("艾灸服务", "11.020", "C05", ["GB/T 16751.1—2023"])]),
    ("汽车工业", "AI", [("电动自行车用锂离子电池", "29.220.20", "K82", ["GB 43854—2024", "GB 31241—2022"]),
                      ("新能源汽车充电桩", "43.120", "T35", ["GB/T 18487.1—2023", "GB/T 20234.1—2023"])]),
    ("物流与采购", "LP", [("冷链物流服务", "03.220.01", "A85", ["GB/T 28577—2021", "GB 31605—2020"])]),
    ("纺织工业", "TI", [("婴幼儿纺织产品", "59.080.01", "W04", ["GB 31701—2015", "GB 18401—2010"])]),
    ("环境保护产业", "EP", [("生活垃圾分类收集点", "13.030.40", "Z13", ["GB/T 19095—2019"])]),
]
KINDS = [("协会", "A"), ("学会", "S"), ("联合会", "F"), ("商会", "CC")]
ASPECTS = ["技术要求", "能效与安全要求", "质量评价规范", "检测方法", "通用技术条件", "生产技术规程", "服务规范"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强"]
COMPANIES = ["美的集团股份有限公司", "珠海格力电器股份有限公司", "九阳股份有限公司", "苏泊尔股份有限公司",
             "中国标准化研究院", "国家家用电器质量检验检测中心", "清华大学", "浙江大学", "上海市质量监督检验技术研究院",
             "广州视源电子科技股份有限公司", "安徽江淮汽车集团股份有限公司", "宁德时代新能源科技股份有限公司"]
DASHES = ["—", "—", "—", "-", "－", "–", "―", "─"]
GOOD_FEES = [
    {"name": "会费", "amount": 2000, "unit": "元/年", "payer": "member", "purpose": "membership",
     "mandatory": True, "approved_by": "会员大会", "published": True, "description": "按会员等级收取"},
    {"name": "标准文本工本费", "amount": 80, "unit": "元/册", "payer": "any", "purpose": "text_sale",
     "mandatory": False, "approved_by": "理事会", "published": True},
    {"name": "宣贯培训费", "amount": 1200, "unit": "元/人", "payer": "any", "purpose": "training",
     "mandatory": False, "approved_by": "理事会", "published": True, "description": "自愿参加"},
]
BAD_FEES = [
    {"name": "参编费", "amount": 30000, "unit": "元/家", "payer": "drafting_unit", "purpose": "drafting",
     "mandatory": True, "approved_by": "秘书处", "published": False, "description": "参编单位须缴纳"},
    {"name": "起草单位排名赞助费", "amount": 50000, "unit": "元", "payer": "drafting_unit", "purpose": "ranking",
     "mandatory": True, "approved_by": "none", "published": False, "description": "第一起草单位"},
    {"name": "署名费", "amount": 5000, "unit": "元/人", "payer": "drafter", "purpose": "authorship",
     "mandatory": True, "approved_by": "none", "published": False},
]
BROKEN_KINDS = ("bad_yaml", "gbk", "empty", "truncated", "wrong_types", "not_mapping", "binary")


@dataclass(frozen=True)
class Organization:
    name: str
    code: str
    uscc: str
    authority: str
    industry: int
    short: str

    def mapping(self, rng: random.Random) -> dict[str, Any]:
        industry = INDUSTRIES[self.industry][0]
        year = rng.randint(2016, 2022)
        return {
            "name": self.name,
            "code": self.code,
            "uscc": self.uscc,
            "registration_authority": self.authority,
            "business_scope": f"开展{industry}领域的技术研究、标准制定、学术交流、咨询服务和人才培训",
            "legal_representative": _person(rng),
            "address": f"{self.name[:3]}某区某路{rng.randint(1, 999)}号",
            "status": "active",
            "standardization": {"department": "标准化工作委员会", "staff": rng.randint(2, 12),
                                "full_time_staff": rng.randint(1, 4)},
            "policies": {
                "procedure": {"title": "团体标准管理办法", "adopted": dt.date(year, rng.randint(1, 12), 1),
                              "public": True, "url": f"https://www.{self.code.lower()}.org.cn/bz/glbf"},
                "ip": {"title": "团体标准知识产权管理制度", "adopted": dt.date(year, 3, 1), "public": True},
                "complaints": {"title": "团体标准投诉处理办法", "adopted": dt.date(year + 1, 6, 1), "public": True},
            },
            "commitment": True,
            "fees": [dict(f) for f in rng.sample(GOOD_FEES, rng.randint(1, 3))],
        }


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def organizations(rng: random.Random, count: int) -> list[Organization]:
    """``count`` distinct organisations with unique 代号 and valid USCCs."""
    out: list[Organization] = []
    seen: set[str] = set()
    while len(out) < count:
        region, area, initials, authority = rng.choice(REGIONS)
        industry = rng.randrange(len(INDUSTRIES))
        kind, kind_code = rng.choice(KINDS)
        name = f"{region}{INDUSTRIES[industry][0]}{kind}"
        code = f"{initials}{INDUSTRIES[industry][1]}{kind_code}"
        if code in seen:  # same combination: a second, narrower organisation
            name = f"{region}{INDUSTRIES[industry][0]}{rng.choice(['青年', '专业', '产业'])}{kind}"
            code = f"{code}{len([c for c in seen if c.startswith(code)]) + 1}"
        if code in seen:
            continue
        seen.add(code)
        first17 = f"51{area}5{rng.randrange(10**8):08d}"
        out.append(Organization(name, code, first17 + uscc_check_char(first17), authority, industry,
                                f"{region[:1]}{INDUSTRIES[industry][0][:2]}{kind[:1]}"))
    return out


def declaration(rng: random.Random, org: Organization, seq: int, org_ref: str | None, flaw: str | None
                ) -> dict[str, Any]:
    """One declaration; ``flaw`` names the rule it breaks (None: a clean one)."""
    product, ics, ccs, refs = rng.choice(INDUSTRIES[org.industry][2])
    year = rng.randint(2019, 2025)
    published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    implemented = published + dt.timedelta(days=rng.choice([0, 30, 30, 60, 90]))
    dash = rng.choice(DASHES)
    number = f"T/{org.code} {seq:03d}{dash}{year}"
    consumer = rng.random() < 0.4
    start = published - dt.timedelta(days=rng.randint(120, 200))
    patents_involved = rng.random() < 0.2
    drafting = rng.sample(COMPANIES, rng.randint(2, 6))
    voters = rng.randint(7, 21)
    against = rng.randint(0, 2)
    doc: dict[str, Any] = {
        "tstd": 1,
        "organization": org_ref if org_ref else org.mapping(rng),
        "standard": {
            "number": number,
            "title": f"{product}{rng.choice(ASPECTS)}",
            "status": "现行",
            "ics": ics,
            "ccs": ccs if rng.random() < 0.8 else f"{ccs[0]} {ccs[1:]}",
            "publish_date": published,
            "implement_date": implemented,
            "release_document": {"number": f"{org.short}〔{year}〕{rng.randint(1, 60)}号", "date": published,
                                 "url": f"https://www.{org.code.lower()}.org.cn/tzgg/{year}{seq:04d}.html"},
            "scope": f"本文件规定了{product}的术语和定义、技术要求、试验方法、检验规则及标志、包装、运输和贮存。",
            "normative_references": [*refs, "GB/T 191—2008"] if rng.random() < 0.5 else list(refs),
            "patents": {"involved": patents_involved},
            "drafting_units": drafting,
            "drafters": [_person(rng) for _ in range(rng.randint(3, 9))],
            "full_text": {"public": rng.random() < 0.7,
                          "url": f"https://www.ttbz.org.cn/StandardManage/Detail/{rng.randint(10000, 99999)}"},
            "consumer_related": consumer,
            "compliance_statement": True,
        },
        "process": {
            "proposal": {"date": start - dt.timedelta(days=60)},
            "approval": {"date": start - dt.timedelta(days=30)},
            "consultation": {"start": start, "end": start + dt.timedelta(days=rng.choice([30, 31, 45, 60])),
                             "public": True, "channel": "全国团体标准信息平台",
                             "comments_received": rng.randint(5, 80), "comments_adopted": rng.randint(0, 5),
                             "handling_record": True},
            "technical_review": {"date": published - dt.timedelta(days=40), "form": "meeting",
                                 "attendees": voters, "votes_for": voters - against, "votes_against": against,
                                 "abstentions": 0, "drafters_voted": False, "consensus": False, "minutes": True},
            "decision": {"date": published - dt.timedelta(days=2), "by": "理事会"},
            "stakeholders": rng.sample(["producer", "user", "consumer", "research", "testing", "government",
                                        "sme"], rng.randint(3, 6)),
        },
    }
    if patents_involved:
        doc["standard"]["patents"]["items"] = [{
            "number": f"ZL{rng.randint(2015, 2023)}{rng.randint(10**7, 10**8 - 1)}.{rng.randint(0, 9)}",
            "title": f"一种{product}的控制方法", "holder": rng.choice(COMPANIES),
            "licence": rng.choice(["free", "frand", "frand"])}]
    if rng.random() < 0.3:
        doc["standard"]["requirements"] = [{"indicator": "甲醛释放量", "op": "<=", "value": 0.124,
                                            "unit": "mg/m³", "applies_to": "人造板", "clause": "5.2"}]
    if flaw:
        _apply_flaw(rng, doc, flaw)
    return doc


FLAWS = ("no_release_document", "short_consultation", "paid_authorship", "bad_uscc", "hyphen_number",
         "no_title", "implement_before_publish", "patents_missing", "fee_notice")


def _apply_flaw(rng: random.Random, doc: dict[str, Any], flaw: str) -> None:
    std, process = doc["standard"], doc["process"]
    org = doc["organization"] if isinstance(doc["organization"], dict) else None
    if flaw == "no_release_document":
        del std["release_document"]
    elif flaw == "short_consultation":
        process["consultation"]["end"] = process["consultation"]["start"] + dt.timedelta(days=15)
    elif flaw == "paid_authorship" and org:
        org["fees"].append(dict(rng.choice(BAD_FEES)))
    elif flaw == "bad_uscc" and org:
        org["uscc"] = org["uscc"][:-1] + ("0" if org["uscc"][-1] != "0" else "1")
    elif flaw == "hyphen_number":
        std["number"] = std["number"].replace(" ", "").replace("—", "-")
    elif flaw == "no_title":
        std["title"] = ""
    elif flaw == "implement_before_publish":
        std["implement_date"] = std["publish_date"] - dt.timedelta(days=10)
    elif flaw == "patents_missing":
        del std["patents"]
    elif flaw == "fee_notice" and org:
        org["notices"] = [{"title": f"关于征集《{std['title']}》团体标准参编单位的通知", "date": "2024-02-01",
                           "text": "参编单位须缴纳参编费 2 万元，副组长单位 5 万元，组长单位 10 万元，"
                                   "按缴费金额排列起草单位顺序。"}]
    else:  # the flaw needs an inline organisation: fall back to a missing release document
        std.pop("release_document", None)


# ------------------------------------------------------------------ YAML text


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML; strings are JSON-quoted where plain YAML would misread them (JSON ⊂ YAML)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return f"{pad}[]"
        lines = []
        for item in value:
            if isinstance(item, dict) and item:
                body = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2:]}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
        return "\n".join(lines)
    return pad + _scalar(value)


_PLAIN_UNSAFE = set(":#{}[],&*!|>'\"%@`") | {"-", "?"}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    if isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    text = str(value)
    if (not text or text[0] in _PLAIN_UNSAFE or ": " in text or " #" in text or text != text.strip()
            or text.lower() in {"true", "false", "null", "yes", "no", "on", "off", "~"} or _looks_numeric(text)):
        return json.dumps(text, ensure_ascii=False)
    return text


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text[:4].isdigit() and text[4:5] == "-"  # 2024-05-10 would load as a date
    return True


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def broken_bytes(rng: random.Random, kind: str, good_text: str) -> bytes:
    """A file that cannot be checked normally, of the given kind (see :data:`BROKEN_KINDS`)."""
    if kind == "bad_yaml":
        return good_text.replace("standard:\n", "standard:\n\ttitle: \"未闭合的引号\n", 1).encode("utf-8")
    if kind == "gbk":
        return good_text.encode("gbk", errors="replace")
    if kind == "empty":
        return b""
    if kind == "truncated":
        data = good_text.encode("utf-8")
        return data[: rng.randint(len(data) // 4, len(data) // 2)]
    if kind == "wrong_types":
        return ("tstd: \"一\"\norganization: 中国某某协会\nstandard: 家用电饭煲标准\nprocess:\n  consultation: 已征求意见\n"
                "  technical_review: [1, 2, 3]\n").encode()
    if kind == "not_mapping":
        return "- tstd: 1\n- standard: {number: T/CES 001—2024}\n".encode()
    return bytes(rng.randrange(256) for _ in range(rng.randint(64, 2048)))


# ------------------------------------------------------------------ the whole set


@dataclass(frozen=True)
class Manifest:
    """What was generated: declaration paths in sorted order and which of them are broken or flawed."""

    root: Path
    files: tuple[Path, ...]
    broken: dict[str, str]  # relative path → broken kind
    flawed: dict[str, str]  # relative path → flaw


def generate(out: Path, n: int, seed: int = 7, broken: float = 0.02, flawed: float = 0.25) -> Manifest:
    """Write ``n`` declarations under ``out/decls`` (and shared organisation files under ``out/orgs``)."""
    rng = random.Random(seed)
    orgs = organizations(rng, max(1, min(n // 8, 5000)))
    by_org_path: set[str] = set()
    broken_map: dict[str, str] = {}
    flawed_map: dict[str, str] = {}
    files: list[Path] = []
    seq: dict[str, int] = {}
    (out / "decls").mkdir(parents=True, exist_ok=True)
    (out / "orgs").mkdir(parents=True, exist_ok=True)
    for _ in range(n):
        org = rng.choice(orgs)
        seq[org.code] = seq.get(org.code, 0) + 1
        flaw = rng.choice(FLAWS) if rng.random() < flawed else None
        use_ref = rng.random() < 0.33 and flaw not in {"paid_authorship", "bad_uscc", "fee_notice"}
        ref = f"../../orgs/{org.code}.yaml" if use_ref else None
        if use_ref and org.code not in by_org_path:
            by_org_path.add(org.code)
            (out / "orgs" / f"{org.code}.yaml").write_text(to_yaml(org.mapping(rng)) + "\n", encoding="utf-8")
        doc = declaration(rng, org, seq[org.code], ref, flaw)
        as_json = rng.random() < 0.05
        stem = f"T-{org.code}-{seq[org.code]:03d}-{doc['standard']['publish_date'].year}"
        rel = f"decls/{org.code}/{stem}.{'json' if as_json else 'yaml'}"
        path = out / rel
        path.parent.mkdir(exist_ok=True)
        text = (json.dumps(_jsonable(doc), ensure_ascii=False, indent=2) if as_json else to_yaml(doc)) + "\n"
        if rng.random() < broken:
            kind = rng.choice(BROKEN_KINDS)
            path.write_bytes(broken_bytes(rng, kind, text))
            broken_map[rel] = kind
        else:
            path.write_text(text, encoding="utf-8")
            if flaw:
                flawed_map[rel] = flaw
        files.append(path)
    return Manifest(out, tuple(sorted(files)), broken_map, flawed_map)


def iter_kinds(manifest: Manifest) -> Iterator[tuple[str, int]]:
    counts: dict[str, int] = {}
    for kind in manifest.broken.values():
        counts[kind] = counts.get(kind, 0) + 1
    yield from sorted(counts.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of declarations")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--broken", type=float, default=0.02, help="fraction of unreadable files")
    parser.add_argument("--flawed", type=float, default=0.25, help="fraction breaking one rule")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.n, args.seed, args.broken, args.flawed)
    kinds = ", ".join(f"{k} {c}" for k, c in iter_kinds(manifest)) or "none"
    print(f"{len(manifest.files)} declarations in {args.out / 'decls'}; broken: {kinds}; "
          f"flawed: {len(manifest.flawed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
