"""The PDF kinds on hand-built facts, and how PDFs enter a run (named, same-stem sibling, alone)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from helpers import document
from pdf.pdfgen import standard, write_pdf
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, registry
from tstd.engine.kinds.pdf import lead_in_pattern, solid
from tstd.engine.runner import Engine
from tstd.model import Category
from tstd.pdf.facts import Chapter, Cover, Foreword, Located, PdfFacts, Readability, Reference


def facts(**changes: Any) -> PdfFacts:
    cover = Cover(page=1, number=Located("T/CECEA 012—2024", 1, "T/CECEA 012—2024"),
                  ics=(Located("97.040.50", 1, "ICS 97.040.50"),),
                  publish_date=Located(dt.date(2024, 5, 10), 1, "2024-05-10 发布"))
    base: dict[str, Any] = {"path": "std.pdf", "cover": cover, "foreword": Foreword(
        page=3, drafting_units=Located(("中国电子节能技术协会", "中国家用电器研究院"), 3, "本文件起草单位：…"))}
    base.update(changes)
    return PdfFacts(**base)


def run(kind: str, data: dict[str, Any], pdf: PdfFacts, options: Any = None) -> list[Hit]:
    k = registry()[kind]
    opts = k.prepare(options or {}) if k.prepare else (options or {})
    doc = document(data)
    doc.pdf = pdf
    return list(k.check(doc, opts, Context()))


def test_consistency_normalises_numbers_dates_and_lists() -> None:
    std = {"number": "T/CECEA 012-2024", "publish_date": "2024/5/10", "ics": ["97.040.50"]}
    assert run("pdf-consistent", {"standard": std}, facts(),
               {"field": "standard.number", "element": "number", "compare": "number"}) == []
    assert run("pdf-consistent", {"standard": std}, facts(),
               {"field": "standard.publish_date", "element": "publish_date", "compare": "date"}) == []
    assert run("pdf-consistent", {"standard": std}, facts(),
               {"field": "standard.ics", "element": "ics", "compare": "ics"}) == []
    hits = run("pdf-consistent", {"standard": {"ics": ["97.040.50", "97.040.20"]}}, facts(),
               {"field": "standard.ics", "element": "ics", "compare": "ics"})
    assert [(h.path, h.page, h.params["printed"]) for h in hits] == [("standard.ics", 1, "97.040.50")]


def test_consistency_is_silent_when_either_side_is_missing() -> None:
    options = {"field": "standard.title", "element": "title", "compare": "text"}
    assert run("pdf-consistent", {"standard": {"title": "家用智能电饭煲"}}, facts(), options) == []
    assert run("pdf-consistent", {"standard": {}}, facts(), options) == []


def test_names_ignore_order_and_spacing_but_not_people() -> None:
    options = {"field": "standard.drafting_units", "element": "drafting_units"}
    same = {"standard": {"drafting_units": ["中国家用电器研究院", "中国电子节能技术协会 "]}}
    assert run("pdf-names", same, facts(), options) == []
    other = {"standard": {"drafting_units": ["中国家用电器研究院", "威凯检测技术有限公司"]}}
    (hit,) = run("pdf-names", other, facts(), options)
    assert hit.params["missing"] == "威凯检测技术有限公司" and hit.params["extra"] == "中国电子节能技术协会"


def test_scope_accepts_containment_and_rejects_a_different_product() -> None:
    ch1 = Chapter(1, "范围", 4, "本文件规定了家用智能电饭煲的能效等级和安全要求。本文件适用于家用智能电饭煲。")
    options = {"field": "standard.scope", "min_similarity": 0.9}
    contained = {"standard": {"scope": "本文件规定了家用智能电饭煲的能效等级和安全要求"}}
    assert run("pdf-scope", contained, facts(chapters=(ch1,)), options) == []
    (hit,) = run("pdf-scope", {"standard": {"scope": "本文件规定了电热水壶的安全要求。"}}, facts(chapters=(ch1,)),
                 options)
    assert hit.page == 4 and hit.params["similarity"].endswith("%")


def test_reference_editions_must_agree() -> None:
    ch2 = Chapter(2, "规范性引用文件", 4, "")
    refs = (Reference("GB 4706.1—2005 家用和类似用途电器的安全", 4, "GB 4706.1-2005", "GB 4706.1—2005", "…", True),
            Reference("GB/T 191 包装储运图示标志", 5, "GB/T 191", "GB/T 191", "…"))
    pdf = facts(chapters=(ch2,), references=refs)
    options = {"field": "standard.normative_references"}
    ok = {"standard": {"normative_references": ["GB 4706.1-2005", "GB/T 191—2008 包装储运图示标志"]}}
    assert run("pdf-references-consistent", ok, pdf, options) == []  # an undated side accepts any edition
    bad = {"standard": {"normative_references": ["GB 4706.1—1998", "GB/T 191"]}}
    (hit,) = run("pdf-references-consistent", bad, pdf, options)
    assert hit.path == "standard.normative_references[0]" and "GB 4706.1—2005" in hit.params["problem"]


def test_lead_in_patterns_accept_wording_variants() -> None:
    pattern = lead_in_pattern("…界定的以及下列术语和定义适用于本文件。")
    assert pattern.match(solid("GB/T 20004.1—2016 界定的以及下列术语和定义适用于本文件。"))
    assert not pattern.match(solid("下列术语和定义适用于本文件。"))
    full = lead_in_pattern("其最新版本（包括所有的修改单）适用于本文件。")
    assert full.match(solid("其最新版本(包括所有的修改单)适用于本文件。"))


def test_unreadable_pdf_speaks_once_and_silences_the_rest() -> None:
    broken = PdfFacts("scan.pdf", Readability.IMAGE_ONLY, "no characters on the first 3 page(s)")
    data = {"standard": {"number": "T/CECEA 012—2023", "full_text": {"file": "scan.pdf"}}}
    (hit,) = run("pdf-readable", data, broken)
    assert hit.path == "standard.full_text.file" and "OCR" in hit.params["reason_zh"]
    for name in ("pdf-consistent", "pdf-cover", "pdf-chapter"):
        options = {"pdf-consistent": {"field": "standard.number", "element": "number", "compare": "number"},
                   "pdf-cover": {"elements": ["number"]}, "pdf-chapter": {"number": 1, "title": "范围"}}[name]
        assert run(name, data, broken, options) == []


def test_yaml_only_checks_never_import_a_pdf_library(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[3] / "examples" / "compliant-rice-cooker.yaml"
    code = ("import sys; from tstd.run import build_engine, check_paths, CheckOptions; "
            f"check_paths([__import__('pathlib').Path({str(example)!r})], build_engine(CheckOptions())); "
            "print(sorted(m for m in sys.modules if m.startswith(('pypdfium2', 'pdfplumber'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _pair(tmp_path: Path, compliant: dict[str, Any], **changes: Any) -> tuple[Path, Path]:
    s = compliant["standard"]
    spec = standard(scope=s["scope"], drafting_units=s["drafting_units"], drafters=s["drafters"],
                    references=s["normative_references"], replaces=None, **changes)
    pdf = write_pdf(tmp_path / "T-CECEA-012-2024.pdf", spec)
    decl = tmp_path / "T-CECEA-012-2024.yaml"
    decl.write_text(yaml.safe_dump(compliant, allow_unicode=True), encoding="utf-8")
    return pdf, decl


def test_same_stem_pdf_is_used_from_either_side(engine: Engine, compliant: dict[str, Any], tmp_path: Path) -> None:
    pdf, decl = _pair(tmp_path, compliant, publish="2024-05-20")
    for given in (decl, pdf):
        result = engine.check_path(given)
        assert result is not None and result.file == str(decl)
        (hit,) = [f for f in result.findings if f.rule == "TSTD-FMT-009"]
        assert hit.page == 1 and hit.line is not None


def test_pdf_alone_gets_only_the_format_pack(engine: Engine, tmp_path: Path) -> None:
    # Current references: the default ones cite GB 4706.1—2005, which FMT-034 rightly reports as replaced.
    current = ["GB 4706.1—2024 家用和类似用途电器的安全 第1部分：通用要求", "GB/T 191 包装储运图示标志"]
    pdf = write_pdf(tmp_path / "alone.pdf", standard(drafting=None, references=current))
    result = engine.check_path(pdf)
    assert result is not None and result.standard == "T/CECEA 012—2024"
    assert {f.category for f in result.findings} == {Category.FORMAT}
    assert [f.rule for f in result.findings] == ["TSTD-FMT-015"]


def test_directory_scan_checks_lone_pdfs_and_pairs_once(engine: Engine, compliant: dict[str, Any],
                                                       tmp_path: Path) -> None:
    from tstd.run import check_paths

    _pair(tmp_path, compliant)
    write_pdf(tmp_path / "other.pdf", standard())
    report = check_paths([tmp_path], engine)
    assert sorted(Path(r.file).name for r in report.results) == ["T-CECEA-012-2024.yaml", "other.pdf"]
