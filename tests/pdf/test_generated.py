"""Generated standards: each variant builds one realistic defect or text-layer quirk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pdf.pdfgen import DRAFTING_2009, INTRO_PATENT, PATENT_2009, garble
from tstd.pdf import Readability, extract

MakePdf = Callable[..., Path]


def test_consistent_standard_is_read_completely(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(body_pages=20))
    c, f = facts.cover, facts.foreword
    assert f is not None and f.drafting_units and f.drafters and c.ccs and c.publish_date and c.organization
    assert [i.value for i in c.ics] == ["97.040.50"]
    assert c.ccs.value == "Y62"  # printed "CCS Y 62", on the same line as the top-right code T/CECEA
    assert c.publish_date.value == dt.date(2024, 5, 10)
    assert c.organization.value == "中国电子节能技术协会"
    assert f.drafting_edition == "2020" and f.patent_edition == "2020"
    assert f.drafting_units.value[1] == "中国家用电器研究院" and f.drafters.value == (
        "周立新", "吴海燕", "郑国栋", "黄敏", "林晓峰")
    assert [r.number for r in facts.references] == [
        "GB 4706.1-2005", "GB 4706.19-2008", "GB 12021.6", "GB/T 191"]
    # 24 pages, chapters 1–3 on page 4: the body is never read.
    assert facts.page_count == 24 and facts.pages_read == 4


def test_wrapped_title_is_joined(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(title=["家用智能电饭煲", "能效与安全要求"]))
    assert facts.cover.title is not None and facts.cover.title.value == "家用智能电饭煲能效与安全要求"
    assert facts.body_title is not None and facts.body_title.value == "家用智能电饭煲能效与安全要求"


def test_patent_introduction_and_2009_wording(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(introduction=INTRO_PATENT, drafting=DRAFTING_2009, patent_notice=PATENT_2009))
    f, intro = facts.foreword, facts.introduction
    assert f is not None and f.drafting_statement and f.patent_notice
    assert f.drafting_statement.value == "GB/T 1.1—2009"
    assert (f.drafting_edition, f.patent_edition) == ("2009", "2009")
    assert intro is not None and intro.page == 4 and intro.patent_text is not None
    assert "合理且无歧视" in intro.patent_text.value
    assert intro.patent_text.value.endswith("不承担识别专利的责任。")
    assert facts.chapter(1) is not None and facts.chapter(1).page == 5  # type: ignore[union-attr]


def test_missing_foreword_statements_are_absent_not_guessed(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(drafting=None, patent_notice=None, drafters=None, proposer=None))
    f = facts.foreword
    assert f is not None
    assert (f.drafting_statement, f.patent_notice, f.drafters, f.proposer) == (None, None, None, None)
    assert f.responsible is not None and f.drafting_units is not None


def test_missing_chapter_2_is_visible_in_the_chapter_list(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(chapter2=False))
    assert [(c.number, c.title) for c in facts.chapters] == [(1, "范围"), (2, "术语和定义"), (3, "技术要求")]
    assert facts.references == ()


def test_no_references_sentence(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(references=[]))
    ch2 = facts.chapter(2)
    assert ch2 is not None and ch2.lead_in is not None and ch2.lead_in.value == "本文件没有规范性引用文件。"
    assert facts.references == ()


def test_wrapped_and_unparseable_references(make_pdf: MakePdf) -> None:
    long_ref = ("GB/T 18883—2022 室内空气质量标准及其在住宅、办公建筑、学校、医院、商场等公共场所的"
                "检测与评价方法要求说明")
    refs_printed = [long_ref, "《电饭锅安全使用指南》（中国家用电器协会）", "GB/T 191 包装储运图示标志"]
    facts = extract(make_pdf(references=refs_printed))
    refs = facts.references
    assert len(refs) == 3
    assert refs[0].number == "GB/T 18883-2022" and refs[0].title.endswith("检测与评价方法要求说明")
    assert refs[1].number is None and refs[1].text.startswith("《电饭锅安全使用指南》")
    assert refs[2].display == "GB/T 191"


def test_letter_spaced_foreword(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(letter_spaced_foreword=True))
    f = facts.foreword
    assert f is not None and f.drafting_units is not None and f.drafting_statement is not None
    assert f.drafting_units.value[0] == "中国电子节能技术协会"
    assert f.drafting_statement.value == "GB/T 1.1—2020"


def test_garbled_latin_glyphs_are_repaired_with_a_note(make_pdf: MakePdf) -> None:
    path = make_pdf(ics=garble("ICS") + " ９７.０４０.５０", ccs=garble("CCS Y") + " ６２",
                    number=garble("Ｔ／CECEA") + " ０１２—２０２４")
    facts = extract(path)
    c = facts.cover
    assert c.number is not None and c.ccs is not None
    assert c.number.value == "T/CECEA 012—2024" and c.number.text.startswith("Ｔ／ＣＥＣＥＡ")
    assert [i.value for i in c.ics] == ["97.040.50"] and c.ccs.value == "Y62"
    assert facts.repaired_glyphs > 0
    assert any("犌犅" in note and str(facts.repaired_glyphs) in note for note in facts.notes)


def test_cover_without_text_layer_still_reads_the_foreword(make_pdf: MakePdf) -> None:
    facts = extract(make_pdf(cover_as_drawing=True))
    assert facts.readability is Readability.OK
    assert facts.cover.number is None and facts.cover.page is None
    assert facts.foreword is not None and facts.foreword.drafters is not None
    assert any("封面没有文字层" in note for note in facts.notes)


def test_encrypted_corrupt_and_missing_files(make_pdf: MakePdf, tmp_path: Path) -> None:
    assert extract(make_pdf("locked.pdf", encrypt="s3cret")).readability is Readability.ENCRYPTED
    good = make_pdf("good.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[:400])
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "notes.pdf").write_text("这不是PDF文件", encoding="utf-8")
    for name in ("truncated.pdf", "empty.pdf", "notes.pdf"):
        facts = extract(tmp_path / name)
        assert facts.readability is Readability.CORRUPT, name
        assert facts.problem
    assert extract(tmp_path / "absent.pdf").readability is Readability.MISSING


def test_page_cap_and_time_limit_stop_reading(make_pdf: MakePdf) -> None:
    path = make_pdf(body_pages=10)
    capped = extract(path, max_pages=3)
    assert capped.page_cap_reached and capped.pages_read == 3 and capped.chapters == ()
    assert capped.foreword is not None
    late = extract(path, time_limit=0.0)
    assert late.timed_out and late.pages_read == 1 and late.cover.number is not None
    assert any("时间限制" in note for note in late.notes)


def test_a_parser_defect_is_reported_not_raised(make_pdf: MakePdf, monkeypatch: pytest.MonkeyPatch) -> None:
    import tstd.pdf.extraction as extraction

    def broken(*args: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(extraction, "parse_cover", broken)
    facts = extract(make_pdf())
    assert facts.readability is Readability.FAILED and facts.problem == "IndexError: list index out of range"
