"""The batch runner: ordered streaming results, per-worker initialisation, and faults kept per file.

The checker here is a small real one (CSafeLoader + a missing-title check) so that these tests exercise the
pool itself; the engine's own checker is tested with the CLI. A declaration can ask the test checker to
misbehave through ``x-test`` (hang, segfault, raise) to prove that one bad file never stops the batch.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tstd.batch import CRASH, TIMEOUT, TOO_LARGE, BatchError, BatchOptions, run
from tstd.inputs.discover import Discovery, Input
from tstd.model import Category, FileResult, Finding, Severity


def make_checker(marker_dir: str | None):
    """Factory run once per worker; leaves a marker so tests can count initialisations."""
    if marker_dir is not None:
        Path(marker_dir, f"init-{os.getpid()}").write_text("", encoding="utf-8")

    def check(path: Path) -> FileResult:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) or {}
        behaviour = data.get("x-test")
        if behaviour == "hang":
            time.sleep(3600)
        elif behaviour == "segfault":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif behaviour == "raise":
            raise KeyError("standard")
        elif behaviour == "slow":
            time.sleep(random.uniform(0, 0.01))  # finish out of order
        standard = data.get("standard") or {}
        findings = () if standard.get("title") else (
            Finding("TSTD-DISC-001", Category.DISCLOSURE, Severity.ERROR, "缺少 standard.title",
                    path="standard.title", line=3),)
        org = (data.get("organization") or {}).get("name")
        return FileResult(str(path), standard.get("number"), org, findings)

    return check


def failing_factory(config: object):
    raise RuntimeError("rule pack disclosure.yaml is invalid")


ORGS = ("中国电子节能技术协会", "上海市食品协会", "浙江省家电行业协会")


def write_batch(root: Path, n: int, special: dict[int, str] | None = None) -> list[Path]:
    paths = []
    for i in range(n):
        title = "" if i % 7 == 0 else f"家用智能电饭煲能效与安全要求 第{i}部分"
        extra = f"x-test: {special[i]}\n" if special and i in special else ""
        text = (f"tstd: 1\norganization:\n  name: {ORGS[i % 3]}\nstandard:\n  number: T/CECEA {i:03d}—2024\n"
                f"  title: '{title}'\n{extra}")
        path = root / f"decl-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def items_of(paths: list[Path]) -> list[Input]:
    return [Input(str(p), p) for p in paths]


def summary(results: list[FileResult]) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.file, tuple(f"{f.rule}:{f.message}" for f in r.findings)) for r in results]


def test_same_output_for_any_number_of_jobs(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 120, dict.fromkeys(range(120), "slow"))
    runs = {jobs: list(run(items_of(paths), make_checker, None, BatchOptions(jobs=jobs, chunk=3)))
            for jobs in (0, 1, 2)}
    assert runs[0] == runs[1] == runs[2]
    assert [r.file for r in runs[2]] == [str(p) for p in paths]
    assert sum(1 for r in runs[2] if r.findings) == len(range(0, 120, 7))
    assert runs[2][1].organization == "上海市食品协会" and runs[2][1].standard == "T/CECEA 001—2024"


def test_checker_built_once_per_worker(tmp_path: Path) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    paths = write_batch(tmp_path, 60)
    results = list(run(items_of(paths), make_checker, str(markers), BatchOptions(jobs=2, chunk=4)))
    assert len(results) == 60
    assert 1 <= len(list(markers.iterdir())) <= 2


def test_faults_stay_with_their_file(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 30, {4: "hang", 11: "segfault", 17: "raise"})
    big = tmp_path / "huge.yaml"
    big.write_text("tstd: 1\n" + "# 填充\n" * 5000, encoding="utf-8")
    items = [*items_of(paths), Input(str(big), big)]
    options = BatchOptions(jobs=2, chunk=4, timeout=1.0, max_file_bytes=20_000)
    started = time.monotonic()
    results = list(run(items, make_checker, None, options))
    assert time.monotonic() - started < 20
    assert [r.file for r in results] == [i.name for i in items]  # every file reported, in order

    def only(i: int) -> Finding:
        [finding] = results[i].findings
        assert finding.category is Category.INPUT and finding.severity is Severity.ERROR
        return finding

    assert only(4).rule == TIMEOUT.id and only(4).message == "检查超时：> 1 s"
    assert only(11).rule == CRASH.id and "SIGSEGV" in only(11).message
    assert only(17).rule == CRASH.id and only(17).message == "检查该文件时出错：KeyError: 'standard'"
    assert only(30).rule == TOO_LARGE.id
    # The files that shared a chunk with the hung or crashed one were still checked normally.
    for i in (5, 6, 7, 12, 13):
        assert all(f.category is not Category.INPUT for f in results[i].findings)
    assert results[7].findings[0].rule == "TSTD-DISC-001"


def test_discovery_problems_pass_through(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 2)
    with Discovery([str(paths[0]), str(tmp_path / "缺失.yaml"), str(paths[1])]) as d:
        results = list(run(d, make_checker, None, BatchOptions(jobs=1)))
    assert [len(r.findings) for r in results] == [1, 1, 0]
    assert results[1].findings[0].rule == "TSTD-BATCH-001" and "缺失.yaml" in results[1].findings[0].message


def test_results_stream_with_bounded_lookahead(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 400)
    pulled = 0

    def feed() -> Iterator[Input]:
        nonlocal pulled
        for item in items_of(paths):
            pulled += 1
            yield item

    options = BatchOptions(jobs=2, chunk=2)
    stream = run(feed(), make_checker, None, options)
    first = next(stream)
    assert first.file == str(paths[0])
    assert pulled <= max(64, options.jobs * options.chunk * 8) + 1  # not the whole batch
    assert len([first, *stream]) == 400


def test_checker_that_cannot_start_stops_the_batch(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 3)
    with pytest.raises(BatchError, match=r"disclosure\.yaml is invalid"):
        list(run(items_of(paths), failing_factory, None, BatchOptions(jobs=2)))


def test_english_messages(tmp_path: Path) -> None:
    missing = Input("gone.yaml", tmp_path / "gone.yaml")
    [result] = run([missing], make_checker, None, BatchOptions(jobs=0, lang="en"))
    assert result.findings[0].message.startswith("Checking this file failed: FileNotFoundError")
