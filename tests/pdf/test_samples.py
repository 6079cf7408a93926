"""The shared sample PDFs (one standard, four text layers) against truth.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tstd.pdf import Readability, extract
from tstd.pdf.facts import PdfFacts

READABLE = ["rl_ttf.pdf", "rl_cid.pdf", "lo_docx.pdf"]


def cover_and_foreword(facts: PdfFacts) -> dict[str, Any]:
    c, f = facts.cover, facts.foreword
    assert f is not None
    return {
        "ics": c.ics[0].value if c.ics else None,
        "ccs": c.ccs.value if c.ccs else None,
        "number": c.number.value if c.number else None,
        "replaces": c.replaces[0].value if c.replaces else None,
        "title": c.title.value if c.title else None,
        "title_en": c.title_en.value if c.title_en else None,
        "publish_date": c.publish_date.value if c.publish_date else None,
        "implement_date": c.implement_date.value if c.implement_date else None,
        "organization": c.organization.value if c.organization else None,
        "drafting_statement": f.drafting_statement.value if f.drafting_statement else None,
        "patent_notice": f.patent_notice.value if f.patent_notice else None,
        "proposer": f.proposer.value if f.proposer else None,
        "responsible": f.responsible.value if f.responsible else None,
        "drafting_units": list(f.drafting_units.value) if f.drafting_units else None,
        "drafters": list(f.drafters.value) if f.drafters else None,
        "normative_references": [r.display for r in facts.references],
    }


@pytest.mark.parametrize("name", READABLE)
def test_every_cover_and_foreword_field_matches_truth(samples: Path, truth: dict[str, Any],
                                                      name: str) -> None:
    facts = extract(samples / name)
    assert facts.readability is Readability.OK
    assert cover_and_foreword(facts) == truth


@pytest.mark.parametrize("name", READABLE)
def test_values_carry_their_pages_and_reading_stops_after_chapter_3(samples: Path, name: str) -> None:
    facts = extract(samples / name)
    c, f = facts.cover, facts.foreword
    assert f is not None and c.number is not None and c.doc_type is not None
    assert (c.number.page, c.doc_type.value, facts.toc_page, f.page) == (1, "团体标准", 2, 3)
    assert [(ch.number, ch.title, ch.page) for ch in facts.chapters] == [
        (1, "范围", 4), (2, "规范性引用文件", 4), (3, "术语和定义", 4)]
    # Chapters 1–3 end on page 5 of 30: nothing after it is read.
    assert (facts.page_count, facts.pages_read) == (30, 5)
    assert facts.terms[-1].page == 5 and facts.terms[0].en == "plant-based protein beverage"
    assert facts.body_title is not None and facts.body_title.value == "植物基蛋白饮料"


def test_lead_ins_and_scope(samples: Path) -> None:
    facts = extract(samples / "lo_docx.pdf")
    scope, refs, terms = facts.chapter(1), facts.chapter(2), facts.chapter(3)
    assert scope and refs and terms and refs.lead_in and terms.lead_in
    assert scope.text.startswith("本文件规定了植物基蛋白饮料的产品分类")
    assert scope.text.endswith("生产、检验和销售。")
    assert refs.lead_in.value.startswith("下列文件中的内容通过文中的规范性引用")
    assert terms.lead_in.value == "下列术语和定义适用于本文件。"
    dated = [r.display for r in facts.references if r.dated]
    assert dated == ["GB 2760—2024", "GB 2762—2022"]
    assert facts.references[-1].title == "定量包装商品净含量计量检验规则"


def test_pdf_without_tounicode_is_undecodable(samples: Path) -> None:
    facts = extract(samples / "lo_notounicode.pdf")
    assert facts.readability is Readability.UNDECODABLE
    assert "no Unicode mapping" in facts.problem
    assert facts.cover.number is None and facts.foreword is None and facts.pages_read == 1


def test_scanned_pdf_is_image_only(samples: Path) -> None:
    facts = extract(samples / "scan_3pages.pdf")
    assert facts.readability is Readability.IMAGE_ONLY
    assert facts.pages_read == 3 and facts.problem == "no characters on the first 3 page(s)"
