"""Streaming output: every format that streams yields exactly what it renders, also from a disk spool."""

from __future__ import annotations

import pytest

from tstd.batch import ResultSpool
from tstd.model import RunReport
from tstd.report import formatters


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "csv", "markdown"])
def test_stream_equals_render(report: RunReport, name: str) -> None:
    fmt = formatters()[name]
    assert fmt.stream is not None
    assert "".join(fmt.stream(report)) == fmt.render(report)
    empty = RunReport(report.tool_version, report.packs, report.rules, ())
    assert "".join(fmt.stream(empty)) == fmt.render(empty)


def test_every_format_reads_a_spool_like_a_tuple(report: RunReport) -> None:
    spool = ResultSpool(report.results)
    spooled = RunReport(report.tool_version, report.packs, report.rules, spool, report.lang)
    assert len(spool) == len(report.results) and list(spool) == list(report.results)
    assert spool[-1] == report.results[-1] and spool[1:3] == list(report.results[1:3])
    with pytest.raises(IndexError):
        spool[len(spool)]
    for fmt in formatters().values():
        assert "".join(fmt.chunks(spooled)) == fmt.render(report), fmt.name
    spool.close()


def test_spool_reads_and_appends_interleave(report: RunReport) -> None:
    spool = ResultSpool(report.results[:2])
    outer = iter(spool)
    assert next(outer) == report.results[0]
    assert list(spool) == list(report.results[:2])  # a second iteration in the middle of the first
    spool.append(report.results[2])  # after reads moved the file position
    assert next(outer) == report.results[1] and next(outer) == report.results[2]
    assert list(spool) == list(report.results[:3])
