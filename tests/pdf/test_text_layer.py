"""Unit behaviour of the text helpers, the glyph repair and the classifier."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tstd.pdf.classify import classify_text
from tstd.pdf.facts import Readability
from tstd.pdf.garble import repair
from tstd.pdf.reader import Line
from tstd.pdf.text import join_lines, sentences, tidy


@pytest.mark.parametrize(("printed", "tidied"), [
    ("团 体 标 准", "团体标准"),
    ("中国标准化协会\u3000\u3000发 布", "中国标准化协会发布"),
    ("目\u3000\u3000次", "目次"),
    ("GB 2760—2024  食品安全国家标准 食品添加剂使用标准", "GB 2760—2024 食品安全国家标准 食品添加剂使用标准"),
    ("铅（以 Pb 计）", "铅（以 Pb 计）"),
    ("江南大学 、中国农业大学", "江南大学、中国农业大学"),
])
def test_tidy_undoes_letter_spacing_but_keeps_word_gaps(printed: str, tidied: str) -> None:
    assert tidy(printed) == tidied


def test_wrapped_lines_join_without_space_except_between_latin_words() -> None:
    lines = [Line("本文件按照GB/T 1.1—2020的规", 3), Line("定起草。用移液管吸取10.00 mL滤液于100", 3),
             Line("mL容量瓶中。", 4)]
    joined = "本文件按照GB/T 1.1—2020的规定起草。用移液管吸取10.00 mL滤液于100 mL容量瓶中。"
    assert join_lines(lines) == joined
    found = sentences(lines)
    assert [(s.value, s.page) for s in found] == [
        ("本文件按照GB/T 1.1—2020的规定起草。", 3), ("用移液管吸取10.00 mL滤液于100 mL容量瓶中。", 3)]


def test_sentences_split_where_a_statement_starts_without_a_full_stop() -> None:
    lines = [Line("本文件起草单位：江南大学、中国农业大学", 3), Line("本文件主要起草人：王建华、刘芳。", 3)]
    assert [s.value for s in sentences(lines)] == [
        "本文件起草单位：江南大学、中国农业大学", "本文件主要起草人：王建华、刘芳。"]


def test_garbled_glyphs_map_back_to_latin() -> None:
    assert repair("犐犆犛 01.120") == ("ＩＣＳ 01.120", 3)
    assert repair("犆犆犛犃００") == ("ＣＣＳＡ００", 4)
    assert repair("犌犅／犜 1.1—2020") == ("ＧＢ／Ｔ 1.1—2020", 3)
    assert repair("犆犆犛 犢 ６２") == ("ＣＣＳ Ｙ ６２", 4)  # the lone 犢 is garbled because its line is


def test_a_lone_rare_ideograph_in_chinese_text_is_left_alone() -> None:
    assert repair("犊牛饲养") == ("犊牛饲养", 0)  # 犊 is GB2312, not row A0
    assert repair("其中犅字单独出现") == ("其中犅字单独出现", 0)


@pytest.mark.parametrize(("pages", "expected"), [
    (["", " \r\n"], Readability.IMAGE_ONLY),
    (["(cid:1)(cid:2)(cid:3)(cid:4)(cid:5)(cid:6)"], Readability.UNDECODABLE),
    (["\x01\x04\x05\x06\x07\x08\x05\t\x07\n\x0b\x04\x0c\x08"], Readability.UNDECODABLE),
    (["ICS 67.160.20 CCS X 51 T/CAS 123-2024 Plant-based protein beverages 2024-03-15"],
     Readability.UNDECODABLE),
    (["ICS 67.160.20\nCCS X 51\n团 体 标 准\nT/CAS 123—2024"], Readability.OK),
    (["犐犆犛 67.160.20 犆犆犛犡５１ 犜／犆犃犛 123—2024 and a long run of latin text"], Readability.OK),
    # A broken font encoding: Latin-1 symbols and punctuation with a stray ideograph (few controls, so only
    # the share of plausible characters tells).
    (["¤¦§¨©ª«¬®¯ 标 °±²³´¶·¸¹º»¼ ½¾¿¡¢£¥!#$ %&*+<=>?@^~"], Readability.UNDECODABLE),
    # Latin parts readable, the Chinese ones mapped to private-use codes, one accidental ideograph.
    (["ICS 97.040.50 CCS Y62 \ue010\ue011\ue012\ue013 T/CECEA 012—2024 \ue020\ue021\ue022\ue023\ue024\ue025"
      "\ue026 标 Energy efficiency and safety requirements for household rice cookers 2024-05-10 \ue030\ue031"],
     Readability.UNDECODABLE),
    # A table of contents is mostly dot leaders: not counted.
    (["目　　次\n前言..........................................I\n1 范围....................................1\n"
      "2 规范性引用文件..........................1\n3 术语和定义..............................1"], Readability.OK),
])
def test_classification(pages: list[str], expected: Readability) -> None:
    assert classify_text(pages)[0] is expected


def test_importing_the_pdf_layer_does_not_load_pdf_libraries() -> None:
    code = ("import sys, tstd.pdf, tstd.pdf.draft; "
            "print(any(m.startswith(('pypdfium2', 'pdfplumber', 'pdfminer')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_foreword_statement_variants() -> None:
    from tstd.pdf.frontmatter import FrontMatterParser
    from tstd.pdf.reader import PageText

    lines = ["前　言", "本文件按照GB/T 1.1-2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
             "本文件由中国标准化协会提出并归口。", "本文件起草单位：江南大学，中国农业大学等。",
             "本文件起草人：王建华　李晓梅　张卫东。"]
    parser = FrontMatterParser()
    parser.feed(PageText(3, tuple(Line(t, 3, 100.0 + 20 * i) for i, t in enumerate(lines)), 200, 595.0, 842.0))
    fw = parser.result().foreword
    assert fw is not None and fw.proposer and fw.responsible and fw.drafting_units and fw.drafters
    assert fw.drafting_edition == "2020"  # hyphen instead of the em dash is accepted
    assert fw.proposer.value == fw.responsible.value == "中国标准化协会"
    assert fw.drafting_units.value == ("江南大学", "中国农业大学")
    assert fw.drafters.value == ("王建华", "李晓梅", "张卫东")


def test_toc_entries_without_dot_leaders_are_not_chapters() -> None:
    from tstd.pdf.frontmatter import FrontMatterParser
    from tstd.pdf.reader import PageText

    def page(number: int, texts: list[str]) -> PageText:
        return PageText(number, tuple(Line(t, number, 100.0 + 20 * i) for i, t in enumerate(texts)), 99, 595.0, 842.0)

    parser = FrontMatterParser(title="家用电热水壶能效要求")
    parser.feed(page(2, ["目 次", "前言 I", "1 范围 1", "2 规范性引用文件 1", "3 术语和定义 2", "4 技术要求 3"]))
    parser.feed(page(3, ["前 言", "本文件按照GB/T 1.1—2020的规定起草。"]))
    parser.feed(page(4, ["家用电热水壶能效要求", "1 范围", "本文件规定了家用电热水壶的能效等级。", "2 规范性引用文件",
                         "本文件没有规范性引用文件。", "3 术语和定义", "本文件没有需要界定的术语和定义。", "4 技术要求"]))
    fm = parser.result()
    assert parser.done and [e.title for e in fm.toc][:2] == ["前言", "1 范围"]
    assert [(c.number, c.page) for c in fm.chapters] == [(1, 4), (2, 4), (3, 4)]
    assert fm.body_title is not None and fm.body_title.value == "家用电热水壶能效要求"
