"""Regenerate the example PDFs of this folder (run from the repository root):

    PYTHONPATH=src:tests python examples/pdf/generate.py

They are laid out by the test generator (tests/pdf/pdfgen.py, reportlab with the built-in STSong-Light font)
from the facts of ../compliant-rice-cooker.yaml, so the consistent pair really is consistent.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pdf.pdfgen import DRAFTING_2009, PATENT_2009, standard, write_pdf

HERE = Path(__file__).resolve().parent


def main() -> None:
    decl = yaml.safe_load((HERE.parent / "compliant-rice-cooker.yaml").read_text(encoding="utf-8"))
    s = decl["standard"]
    facts = {"scope": s["scope"], "drafting_units": s["drafting_units"], "drafters": s["drafters"],
             "references": s["normative_references"], "replaces": None, "body_pages": 8}
    write_pdf(HERE / "compliant-with-pdf.pdf", standard(**facts))
    # A 2015-era standard re-issued without updating its foreword: 2009 wording, no 归口 line.
    write_pdf(HERE / "legacy-foreword.pdf", standard(
        **{**facts, "number": "T/CECEA 007—2021", "replaces": None, "publish": "2021-09-01",
           "implement": "2021-10-01", "title": ["家用电热水壶能效要求"],
           "title_en": "Energy efficiency requirements for household electric kettles",
           "scope": "本标准规定了家用电热水壶的能效等级和试验方法。本标准适用于额定容量不大于 2 L 的家用电热水壶。",
           "drafting": DRAFTING_2009, "patent_notice": PATENT_2009, "responsible": None,
           "terms_lead": "下列术语和定义适用于本标准。"}))


if __name__ == "__main__":
    main()
