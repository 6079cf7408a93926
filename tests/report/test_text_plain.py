"""The plain-text writer (no rich console: fast for big batches) prints exactly what rich prints."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console
from rich.text import Text

from tstd.model import Basis, Category, FileResult, Finding, RunReport, Severity
from tstd.report import text


class _RichNoColor:
    """Rich as the formatter used it before the plain writer existed: one console, colours off."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.console = Console(file=self.buffer, force_terminal=False, no_color=True, width=100,
                               highlight=False, emoji=False, soft_wrap=True)

    def line(self, *pieces: tuple[str, str]) -> None:
        self.console.print(Text.assemble(*pieces))

    def value(self) -> str:
        return self.buffer.getvalue()


def test_plain_equals_rich_without_colour(report: RunReport) -> None:
    odd = FileResult("decls/制表符.yaml", "T/CECEA 001—2024", "中国电子节能技术协会", (
        Finding("TSTD-FEE-003", Category.FEE, Severity.WARNING, "通知\t写道：\r收取\x0b“参编费”\x08\n第二行\t2 万元",
                path="organization.notices[0].text", line=9, evidence="[bold]参编费[/]\t2 万元"),))
    for lang in ("zh", "en"):
        sample = replace(report, results=(*report.results, odd), lang=lang)
        plain = text.render_text(sample)
        rich_out = _RichNoColor()
        legend: dict[str, tuple[Basis, ...]] = {}
        for result in sample.results:
            text._file(rich_out, result, lang, show_basis=False, legend=legend)  # type: ignore[arg-type]
        text._legend(rich_out, legend, lang)  # type: ignore[arg-type]
        text._batch_summary(rich_out, sample, sample.summary, lang)  # type: ignore[arg-type]
        summary = text._WORDS[lang]["summary"].format(files=sample.summary.files, e=sample.summary.errors,
                                                      w=sample.summary.warnings, i=sample.summary.infos)
        rich_out.line((summary, "bold"))
        assert plain == rich_out.value()
        assert "[bold]参编费[/]" in plain  # declaration text is never read as markup
