"""Word drafts (.docx): read like PDFs, located by paragraph; .doc and damaged files give one finding."""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from pdf.pdfgen import DRAFTING_2009, standard
from pdf.wordgen import write_docx
from tstd.cli import app
from tstd.docx.reader import extract
from tstd.engine.runner import Engine
from tstd.model import Finding, Severity
from tstd.pdf import Readability

CURRENT_REFERENCES = ["GB 4706.1—2024 家用和类似用途电器的安全 第1部分：通用要求", "GB/T 191 包装储运图示标志"]


def _spec(decl: dict[str, Any] | None = None, **changes: Any) -> Any:
    base: dict[str, Any] = {"replaces": None}
    if decl is not None:
        s = decl["standard"]
        base.update(scope=s["scope"], drafting_units=s["drafting_units"], drafters=s["drafters"],
                    references=s["normative_references"], organization=decl["organization"]["name"])
    base.update(changes)
    return standard(**base)


@pytest.mark.parametrize("styled", [True, False], ids=["template-styles", "plain"])
def test_front_matter_is_read_by_paragraph(tmp_path: Path, styled: bool) -> None:
    path = write_docx(tmp_path / "draft.docx", _spec(requirements=["4.1 安全应符合GB 4943.1—2011的规定。"]),
                      styled=styled)
    facts = extract(path)
    assert facts.readability is Readability.OK and facts.unit == "paragraph"
    c, f = facts.cover, facts.foreword
    assert [i.value for i in c.ics] == ["97.040.50"] and c.ccs is not None and c.ccs.value == "Y62"
    assert c.number is not None and c.number.value == "T/CECEA 012—2024"
    assert c.title is not None and c.title.value == "家用智能电饭煲能效与安全要求"
    assert c.organization is not None and c.organization.value == "中国电子节能技术协会"
    assert f is not None and f.drafting_edition == "2020" and f.patent_notice is not None
    assert f.drafters is not None and f.drafters.value[0] == "周立新"
    # Template headings carry no number in their text: rebuilt as Word numbers them.
    assert [(ch.number, ch.title) for ch in facts.chapters] == [(1, "范围"), (2, "规范性引用文件"), (3, "术语和定义")]
    assert [r.number for r in facts.references][:2] == ["GB 4706.1-2005", "GB 4706.19-2008"]
    assert [t.zh for t in facts.terms] == ["智能电饭煲", "待机功率"]
    # A requirement after chapter 3 is read too (the whole draft is read): paragraph numbers, not pages.
    cited = {c.value: c.page for c in facts.citations}
    assert "GB 4943.1-2011" in cited and cited["GB 4943.1-2011"] > facts.chapters[-1].page


def _check(engine: Engine, path: Path) -> list[Finding]:
    result = engine.check_path(path)
    assert result is not None
    return [f for f in result.findings if f.category.value == "format"]


@pytest.mark.parametrize("styled", [True, False], ids=["template-styles", "plain"])
def test_a_clean_draft_checks_clean_on_its_own(engine: Engine, tmp_path: Path, styled: bool) -> None:
    draft = write_docx(tmp_path / "draft.docx", _spec(references=CURRENT_REFERENCES), styled=styled)
    assert _check(engine, draft) == []


def test_a_withdrawn_edition_cited_by_a_lone_draft_is_reported(engine: Engine, tmp_path: Path) -> None:
    found = _check(engine, write_docx(tmp_path / "draft.docx", _spec()))  # cites GB 4706.1—2005
    assert {f.rule for f in found} == {"TSTD-FMT-034"}
    # GB 4706.1—2005 was replaced by the recommended GB/T 4706.1—2024 (catalogue): the message names it
    assert any("GB 4706.1—2005" in f.message and "GB/T 4706.1" in f.message for f in found)


def test_findings_name_the_paragraph_not_a_page(engine: Engine, tmp_path: Path) -> None:
    found = _check(engine, write_docx(tmp_path / "draft.docx", _spec(drafting=DRAFTING_2009,
                                                                     references=CURRENT_REFERENCES)))
    assert [f.rule for f in found] == ["TSTD-FMT-015"]
    hit = found[0]
    assert hit.page is None and int(dict(hit.data)["paragraph"]) > 10 and "段" in (hit.evidence or "")


def test_declaration_naming_a_docx_is_compared_with_it(engine: Engine, compliant: dict[str, Any],
                                                       tmp_path: Path) -> None:
    decl = copy.deepcopy(compliant)
    write_docx(tmp_path / "草案.docx", _spec(decl))
    decl["standard"]["full_text"]["file"] = "草案.docx"
    decl["standard"]["title"] = "家用智能电饭煲能效要求"
    path = tmp_path / "decl.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    found = _check(engine, path)
    assert [(f.rule, f.severity) for f in found] == [("TSTD-FMT-007", Severity.ERROR)]
    assert found[0].path == "standard.title" and int(dict(found[0].data)["paragraph"]) >= 1


@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "另存为"),
    (b"PK\x03\x04 this is not a complete package", "不是有效的 .docx"),
])
def test_doc_and_damaged_files_give_one_finding_saying_what_to_do(engine: Engine, tmp_path: Path,
                                                                  content: bytes, words: str) -> None:
    name = "old.doc" if content.startswith(b"\xd0") else "broken.docx"
    (tmp_path / name).write_bytes(content)
    found = _check(engine, tmp_path / name)
    assert [(f.rule, f.severity) for f in found] == [("TSTD-FMT-001", Severity.WARNING)]
    assert words in found[0].message


def test_a_docx_missing_its_document_part_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    assert extract(path).readability is Readability.DAMAGED_WORD


def test_a_docx_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>" + " " * (8 * 1024 * 1024) + "</w:document>")
    facts = extract(path)
    assert facts.readability is Readability.DAMAGED_WORD and "ratio" in facts.problem


def test_cli_extract_and_check_a_draft(tmp_path: Path, compliant: dict[str, Any]) -> None:
    draft = write_docx(tmp_path / "draft.docx", _spec(compliant), styled=False)
    runner = CliRunner()
    # Written under another name: a same-stem draft.yaml would be checked together with draft.docx.
    out = runner.invoke(app, ["extract", str(draft), "--output", str(tmp_path / "declaration-draft.yaml")])
    assert out.exit_code == 0, out.output
    text = (tmp_path / "declaration-draft.yaml").read_text(encoding="utf-8")
    assert "standard.full_text" not in text and "file: draft.docx" in text and "DOCX 第" in text
    assert yaml.safe_load(text)["standard"]["title"] == "家用智能电饭煲能效与安全要求"
    checked = runner.invoke(app, ["check", str(draft), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["results"][0]["findings"] == []


def test_folder_scan_checks_each_document_once(engine: Engine, compliant: dict[str, Any], tmp_path: Path) -> None:
    from tstd.inputs.discover import Discovery

    decl = copy.deepcopy(compliant)
    (tmp_path / "texts").mkdir()
    write_docx(tmp_path / "texts" / "标准文本.docx", _spec(decl))
    write_docx(tmp_path / "另一份草案.docx", _spec(decl))
    decl["standard"]["full_text"]["file"] = "texts/标准文本.docx"
    (tmp_path / "decl.yaml").write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    with Discovery([str(tmp_path)]) as found:
        names = [Path(i.name).name for i in found]
    # The named draft is checked with its declaration only; the other draft is picked up on its own.
    assert names == ["decl.yaml", "另一份草案.docx"]


def test_a_consultation_draft_is_not_asked_for_its_number_and_dates(engine: Engine, tmp_path: Path) -> None:
    # 征求意见稿: number and dates are placeholders until approval; the other cover elements are still checked.
    spec = _spec(references=CURRENT_REFERENCES, number="T/CECEA XXX—XXXX", publish="XXXX-XX-XX",
                 implement="XXXX-XX-XX")
    draft = write_docx(tmp_path / "draft.docx", spec)
    facts = extract(draft)
    assert facts.cover.stage is not None and facts.cover.stage.value == "征求意见稿"
    assert _check(engine, draft) == []
    no_ccs = write_docx(tmp_path / "draft2.docx", _spec(references=CURRENT_REFERENCES, ccs=None, publish="XXXX-XX-XX"))
    assert [f.rule for f in _check(engine, no_ccs)] == ["TSTD-FMT-004"]


def test_content_controls_and_text_boxes_are_read_once(tmp_path: Path) -> None:
    """Template covers keep fields in content controls and text boxes; Word stores each text box twice
    (DrawingML and a VML fallback): its text must be read once."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = '<w:txbxContent><w:p><w:r><w:t>ICS 97.040.50</w:t></w:r></w:p></w:txbxContent>'
    d = docx.Document()
    body = d.element.body

    def add(xml: str) -> None:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties, as Word writes them

    add(f'<w:p {w} {mc}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r><w:r><w:t>CCS Y 62</w:t></w:r></w:p>')
    add(f'<w:p {w}><w:sdt><w:sdtContent><w:r><w:t>T/CECEA 012—2024</w:t></w:r></w:sdtContent></w:sdt></w:p>')
    for text in ("家用智能电饭煲能效与安全要求", "2024-05-10 发布", "2024-06-10 实施", "中国电子节能技术协会 发布", "前言"):
        d.add_paragraph(text)
    d.save(str(tmp_path / "boxes.docx"))
    facts = extract(tmp_path / "boxes.docx")
    assert [i.value for i in facts.cover.ics] == ["97.040.50"]  # once, not twice
    assert facts.cover.ccs is not None and facts.cover.ccs.value == "Y62"
    assert facts.cover.number is not None and facts.cover.number.value == "T/CECEA 012—2024"
