"""The draft declaration built from a PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pdf.pdfgen import INTRO_PATENT
from tstd.pdf import extract
from tstd.pdf.draft import build_draft, to_json, to_yaml


def test_draft_from_sample_carries_every_cover_and_foreword_value(samples: Path,
                                                                  truth: dict[str, Any]) -> None:
    draft = build_draft(extract(samples / "rl_cid.pdf"), "rl_cid.pdf")
    data = yaml.safe_load(to_yaml(draft, "rl_cid.pdf"))
    std = data["standard"]
    assert data["tstd"] == 1
    assert data["organization"]["name"] == truth["organization"] and data["organization"]["code"] == "CAS"
    for key in ("number", "title", "title_en"):
        assert std[key] == truth[key]
    assert (std["ics"], std["ccs"], std["replaces"]) == (truth["ics"], truth["ccs"], [truth["replaces"]])
    assert (std["publish_date"], std["implement_date"]) == (truth["publish_date"], truth["implement_date"])
    assert std["drafting_units"] == truth["drafting_units"] and std["drafters"] == truth["drafters"]
    assert std["normative_references"] == truth["normative_references"]
    assert std["patents"] == {"involved": False}
    assert std["scope"].startswith("本文件规定了植物基蛋白饮料")
    assert std["full_text"] == {"file": "rl_cid.pdf"}


def test_draft_marks_what_the_pdf_cannot_supply(samples: Path) -> None:
    draft = build_draft(extract(samples / "lo_docx.pdf"), "lo_docx.pdf")
    text = to_yaml(draft, "lo_docx.pdf")
    data = yaml.safe_load(text)
    assert "uscc" not in data["organization"] and "compliance_statement" not in data["standard"]
    assert "release_document" not in data["standard"]
    assert "organization.uscc" in draft.todo and "standard.release_document.number" in draft.todo
    assert "standard.number" not in draft.todo
    uscc_line = next(line for line in text.splitlines() if line.strip().startswith("# uscc:"))
    assert "待填写" in uscc_line
    number_line = next(line for line in text.splitlines() if line.strip().startswith("number: T/CAS"))
    assert "page 1" in number_line
    assert json.loads(to_json(draft))["standard"]["publish_date"] == "2024-03-15"


def test_patent_introduction_drafts_patents_involved(make_pdf: Callable[..., Path]) -> None:
    draft = build_draft(extract(make_pdf(introduction=INTRO_PATENT)), "std.pdf")
    assert draft.data["standard"]["patents"]["involved"] is True
    assert draft.pages["standard.patents.involved"] == 4
    assert "standard.patents.items" in draft.todo


def test_unreadable_pdf_gives_an_all_todo_draft_with_the_reason(samples: Path) -> None:
    facts = extract(samples / "scan_3pages.pdf")
    draft = build_draft(facts, "scan_3pages.pdf")
    data = draft.declaration()
    assert "number" not in data["standard"] and "standard.number" in draft.todo
    assert data["standard"] == {"full_text": {"file": "scan_3pages.pdf"}}
    assert "tstd 不做 OCR" in to_yaml(draft, "scan_3pages.pdf").splitlines()[2]
