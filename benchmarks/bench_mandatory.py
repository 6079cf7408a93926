"""What the `mandatory` pack costs per declaration, as a ratio to the same run without it.

Builds a batch of realistic declarations (the repository's examples with their titles, references and
requirements varied over the overlap test titles), then in one process:

* baseline: every built-in pack except `mandatory` (``--ignore TSTD-MAND``);
* with the pack: every built-in pack.

Each is run ``--repeat`` times over the whole batch, alternating, after a warm-up run (the warm-up pays the one-time cost:
loading the catalogue and building the overlap matcher). The one-time cost is measured separately, in a fresh
engine, and reported as a ratio to one baseline batch. Only ratios are meaningful across machines.

    PYTHONPATH=src python benchmarks/bench_mandatory.py [--files 400] [--repeat 5]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from tstd.resources import rules_dir
from tstd.run import CheckOptions, build_engine, check_paths

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TITLES = REPO / "tests" / "catalog" / "data" / "overlap_titles.yaml"

REFERENCES = [
    ["GB 4706.1 家用和类似用途电器的安全 第1部分：通用要求", "GB/T 191 包装储运图示标志"],
    ["GB 18401—2010 国家纺织产品基本安全技术规范", "GB/T 2912.1 纺织品 甲醛的测定"],
    ["GB 811—2010 摩托车乘员头盔", "GB 2811—2007 头部防护 安全帽"],
    ["GB/T 35796 养老机构服务质量基本规范"],
    ["GB 17761—2024 电动自行车安全技术规范", "GB 42296 电动自行车用充电器安全技术要求"],
]
REQUIREMENTS = [
    [],
    [{"indicator": "甲醛含量", "op": "<=", "value": 75, "unit": "mg/kg", "applies_to": "婴幼儿纺织产品"}],
    [{"indicator": "最高设计车速", "op": "<=", "value": 25, "unit": "km/h", "applies_to": "电动自行车"},
     {"indicator": "整车质量", "op": "<=", "value": 55, "unit": "kg", "applies_to": "锂离子蓄电池电动自行车"}],
    [{"indicator": "甲醛释放量", "op": "<=", "value": 0.1, "unit": "mg/m³", "applies_to": "人造板"}],
]


def make_batch(folder: Path, count: int) -> None:
    base = yaml.safe_load((EXAMPLES / "compliant-rice-cooker.yaml").read_text(encoding="utf-8"))
    titles = yaml.safe_load(TITLES.read_text(encoding="utf-8"))["titles"]
    for i in range(count):
        data: dict[str, Any] = copy.deepcopy(base)
        item = titles[i % len(titles)]
        std = data["standard"]
        std["number"] = f"T/CECEA {100 + i}—2024"
        std["title"] = item["title"]
        std["ccs"] = item["ccs"]
        std["scope"] = item.get("scope") or f"本文件规定了{item['title']}的技术要求、试验方法和检验规则。"
        std["normative_references"] = REFERENCES[i % len(REFERENCES)]
        std["requirements"] = REQUIREMENTS[i % len(REQUIREMENTS)]
        (folder / f"decl-{i:04d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                   encoding="utf-8")


def timed(folder: Path, repeat: int) -> tuple[float, float, float, int]:
    """Best batch times: end to end without and with the pack, and the pack's own rules alone on the documents
    already loaded (its cost measured directly rather than as a difference of two noisy totals). The engines
    are timed in alternation, so that load from other processes on the machine hits them alike."""
    engines = [build_engine(CheckOptions(ignore=("TSTD-MAND",))), build_engine(CheckOptions())]
    reports = [check_paths([folder], e) for e in engines]  # warm-up: one-time costs land here
    alone = build_engine(CheckOptions(builtin_rules=False, rules=(rules_dir() / "mandatory.yaml",)))
    docs = [d for p in sorted(folder.glob("*.yaml")) if (d := alone.loader.load(p).document) is not None]
    for doc in docs:
        alone.check_document(doc)
    best = [float("inf")] * 3
    for _ in range(repeat):
        for i, engine in enumerate(engines):
            start = time.perf_counter()
            check_paths([folder], engine)
            best[i] = min(best[i], time.perf_counter() - start)
        start = time.perf_counter()
        for doc in docs:
            alone.check_document(doc)
        best[2] = min(best[2], time.perf_counter() - start)
    findings = sum(1 for r in reports[1].results for f in r.findings if f.rule.startswith("TSTD-MAND"))
    return best[0], best[1], best[2], findings


def one_time_cost(folder: Path) -> float:
    """Catalogue load + matcher build: first declaration with the pack minus first declaration without it."""
    first = sorted(folder.glob("*.yaml"))[:1]
    costs = []
    for ignore in ((), ("TSTD-MAND",)):
        engine = build_engine(CheckOptions(ignore=ignore))
        start = time.perf_counter()
        check_paths(first, engine)
        costs.append(time.perf_counter() - start)
    return costs[0] - costs[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_batch(folder, args.files)
        base, full, pack, full_findings = timed(folder, args.repeat)
        setup = min(one_time_cost(folder) for _ in range(3))
    per_base, per_full = base / args.files, full / args.files
    print(f"declarations: {args.files}  (mandatory findings: {full_findings})")
    print(f"per declaration, all packs but `mandatory`: 1.00  ({per_base * 1e3:.2f} ms on this machine)")
    print(f"per declaration, with `mandatory`:          {per_full / per_base:.2f}  "
          f"(+{(per_full - per_base) * 1e3:.2f} ms)")
    print(f"per declaration, the pack's rules alone:    {pack / base:.2f}  ({pack / args.files * 1e3:.2f} ms)")
    print(f"one-time catalogue load and matcher build:  {setup / per_base:.0f} baseline declarations "
          f"({setup / base:.2f} of one baseline batch of {args.files})")


if __name__ == "__main__":
    main()
