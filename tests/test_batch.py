"""The batch runner: ordered streaming results, per-worker initialisation, and faults kept per file.

Workers run the real engine. A declaration can ask this test's checker to misbehave through the key
``x-test`` (hang, segfault, raise, slow) to prove that one bad file never stops the batch.
"""

from __future__ import annotations

import copy
import os
import random
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.batch import CRASH, INLINE_BACKLOG, TIMEOUT, BatchError, BatchOptions, run
from tstd.inputs.discover import Discovery, Input
from tstd.model import Category, FileResult, Severity
from tstd.run import CheckOptions, EngineChecker, build_engine

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "compliant-rice-cooker.yaml"
ORGS = (("中国电子节能技术协会", "CECEA"), ("上海市食品协会", "SHSFA"), ("浙江省家电行业协会", "ZJJD"))


class MisbehavingChecker(EngineChecker):
    """The engine's checker, except where a declaration asks for trouble."""

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        if "x-test: hang" in text:
            time.sleep(3600)
        elif "x-test: segfault" in text:
            os.kill(os.getpid(), signal.SIGSEGV)
        elif "x-test: raise" in text:
            raise KeyError("standard")
        elif "x-test: slow" in text:
            time.sleep(random.uniform(0, 0.01))  # finish out of order
        return super().check(path, explicit)


def misbehaving(marker_dir: str | None) -> MisbehavingChecker:
    """Worker factory; leaves a marker per initialisation so tests can count them."""
    if marker_dir is not None:
        Path(marker_dir, f"init-{os.getpid()}").write_text("", encoding="utf-8")
    return MisbehavingChecker(build_engine(CheckOptions()))


def failing_factory(config: object) -> MisbehavingChecker:
    raise RuntimeError("rule pack disclosure.yaml is invalid")


def write_batch(root: Path, n: int, special: dict[int, str] | None = None) -> list[Path]:
    """``n`` declarations from the compliant example; every 7th lacks its title."""
    base: dict[str, Any] = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    paths = []
    for i in range(n):
        doc = copy.deepcopy(base)
        name, code = ORGS[i % 3]
        doc["organization"].update(name=name, code=code)
        doc["standard"]["number"] = f"T/{code} {i:03d}—2024"
        if i % 7 == 0:
            del doc["standard"]["title"]
        if special and i in special:
            doc["x-test"] = special[i]
        path = root / f"decl-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def items_of(paths: list[Path]) -> list[Input]:
    return [Input(str(p), p, explicit=True) for p in paths]


def rules_of(result: FileResult) -> set[str]:
    return {f.rule for f in result.findings}


def test_same_output_for_any_number_of_jobs(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 90, dict.fromkeys(range(90), "slow"))
    runs = {jobs: list(run(items_of(paths), misbehaving, None, BatchOptions(jobs=jobs, chunk=3)))
            for jobs in (0, 1, 2)}
    assert runs[0] == runs[1] == runs[2]
    assert [r.file for r in runs[2]] == [str(p) for p in paths]
    missing_title = [i for i, r in enumerate(runs[2]) if "standard.title" in {f.path for f in r.findings}]
    assert missing_title == list(range(0, 90, 7))
    assert runs[2][1].organization == "上海市食品协会" and runs[2][1].standard == "T/SHSFA 001—2024"


def test_checker_built_once_per_worker(tmp_path: Path) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    paths = write_batch(tmp_path, 60)
    results = list(run(items_of(paths), misbehaving, str(markers), BatchOptions(jobs=2, chunk=4)))
    assert len(results) == 60
    assert len(list(markers.iterdir())) == 3  # two workers and the parent's own checker


def test_faults_stay_with_their_file(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 30, {4: "hang", 11: "segfault", 17: "raise"})
    # The limit leaves room for a respawned worker's first check (it loads the catalogue) on a loaded machine;
    # the hang never ends, so only the limit decides when file 4 stops.
    options = BatchOptions(jobs=2, chunk=4, timeout=5.0)
    started = time.monotonic()
    results = list(run(items_of(paths), misbehaving, None, options))
    assert time.monotonic() - started < 120
    assert [r.file for r in results] == [str(p) for p in paths]  # every file reported, in order

    def only(i: int) -> str:
        [finding] = results[i].findings
        assert finding.category is Category.INPUT and finding.severity is Severity.ERROR
        assert finding.basis, "batch rules cite the documented input contract"
        return f"{finding.rule} {finding.message}"

    assert only(4).startswith(f"{TIMEOUT} 检查该文件超过 5 秒，已停止")
    assert only(11).startswith(CRASH) and "SIGSEGV" in only(11)
    assert only(17).startswith(f"{CRASH} 检查该文件时出错（KeyError: 'standard'）")
    # The files that shared a chunk with the hung or crashed one were still checked normally.
    for i in (5, 6, 7, 12, 13, 18):
        assert not any(f.category is Category.INPUT for f in results[i].findings), i
    assert "standard.title" in {f.path for f in results[7].findings}


def test_missing_and_unsafe_inputs_are_findings(tmp_path: Path) -> None:
    import zipfile

    paths = write_batch(tmp_path, 2)
    archive = tmp_path / "subs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../escape.yaml", "tstd: 1\n")
        zf.write(paths[1], "浙江/申报.yaml")
    with Discovery([str(paths[0]), str(tmp_path / "缺失.yaml"), str(archive)]) as d:
        results = list(run(d, misbehaving, None, BatchOptions(jobs=1)))
    assert [r.file for r in results] == [str(paths[0]), str(tmp_path / "缺失.yaml"),
                                         f"{archive}!/../escape.yaml", f"{archive}!/浙江/申报.yaml"]
    assert rules_of(results[1]) == {"TSTD-INPUT-001"}
    assert rules_of(results[2]) == {"TSTD-BATCH-001"} and "../escape.yaml" in results[2].findings[0].message
    assert results[3].organization == "上海市食品协会"


def test_results_stream_with_bounded_lookahead(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 300)
    pulled = 0

    def feed() -> Iterator[Input]:
        nonlocal pulled
        for item in items_of(paths):
            pulled += 1
            yield item

    options = BatchOptions(jobs=2, chunk=2)
    stream = run(feed(), misbehaving, None, options)
    first = next(stream)
    assert first.file == str(paths[0])
    assert pulled <= max(64, options.jobs * options.chunk * 8) + 1  # not the whole batch
    assert len([first, *stream]) == 300


def test_checker_that_cannot_start_stops_the_batch(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 3)
    local = misbehaving(None)
    with pytest.raises(BatchError, match=r"disclosure\.yaml is invalid"):
        list(run(items_of(paths), failing_factory, None, BatchOptions(jobs=2), local=local))


def test_a_few_files_are_checked_here_before_any_worker_starts(tmp_path: Path) -> None:
    paths = write_batch(tmp_path, 12)
    local = misbehaving(None)
    reference = list(run(items_of(paths), misbehaving, None, BatchOptions(jobs=1, chunk=5)))  # FileResults
    # failing_factory: any worker would stop the batch, so these complete only if no worker started
    assert list(run(items_of(paths), failing_factory, None, BatchOptions(jobs=2, inline=64), local=local)) == reference
    with pytest.raises(BatchError):  # more files waiting than the parent may take: workers
        list(run(items_of(paths), failing_factory, None, BatchOptions(jobs=2, inline=8), local=local))
    (tmp_path / "more").mkdir()
    many = write_batch(tmp_path / "more", INLINE_BACKLOG + 8)
    with pytest.raises(BatchError):  # more waiting at once than a trickle: workers, whatever the budget
        list(run(items_of(many), failing_factory, None, BatchOptions(jobs=2, inline=1000), local=local))
    pdf = tmp_path / "standard.pdf"
    pdf.write_bytes((Path(__file__).parent / "fixtures" / "pdf" / "rl_ttf.pdf").read_bytes())
    with pytest.raises(BatchError):  # native PDF code runs only where the time limit can kill it
        list(run(items_of([paths[0], pdf]), failing_factory, None, BatchOptions(jobs=2, inline=64), local=local))


def test_a_spool_counts_its_results_as_they_are_written(tmp_path: Path) -> None:
    """The report's totals and skipped list come from what the spool counted while writing: the same as
    counting the results again, without reading every result back from disk."""
    from tstd.batch import ResultSpool
    from tstd.model import Finding, RunReport, Summary, Suppression

    paths = write_batch(tmp_path, 7)
    engine = build_engine(CheckOptions())
    checked = [r for p in paths if (r := EngineChecker(engine).check(p, True)) is not None]
    waived = Finding("TSTD-DISC-001", Category.DISCLOSURE, Severity.ERROR, "x",
                     suppressed=Suppression("waiver", "因故豁免"))
    results = [checked[0], FileResult("说明.docx", skipped="Word 文档"), *checked[1:3],
               FileResult(checked[3].file, "T/X 1—2024", "某协会", (waived,)), FileResult("表.xlsx", skipped="Excel"),
               *checked[4:]]

    class Counting(ResultSpool):
        reads = 0

        def _read(self, i: int) -> FileResult:
            Counting.reads += 1
            return super()._read(i)

    spool = Counting(results)
    report = RunReport("0", (), (), spool)
    assert report.summary == Summary.of(results) and report.summary.skipped == 2 and report.summary.suppressed == 1
    assert Counting.reads == 0
    assert [r.file for r in report.skipped_files()] == ["说明.docx", "表.xlsx"] and Counting.reads == 2
    spool.close()


def mixed_results(tmp_path: Path) -> list[FileResult]:
    """Checked results of several organisations, skipped files, a suppressed finding and a file name that is
    not UTF-8 (kept as surrogates): every kind of result a report counts differently."""
    from tstd.model import Finding, Suppression

    paths = write_batch(tmp_path, 9)
    engine = build_engine(CheckOptions())
    checked = [r for p in paths if (r := EngineChecker(engine).check(p, True)) is not None]
    waived = Finding("TSTD-DISC-001", Category.DISCLOSURE, Severity.ERROR, "x",
                     suppressed=Suppression("waiver", "因故豁免"))
    return [FileResult("说明.docx", skipped="Word 文档"), checked[0], *checked[1:3],
            FileResult(checked[3].file, "T/X 1—2024", "某协会", (waived, *checked[3].findings)),
            FileResult("表.xlsx", skipped="Excel"), FileResult("\udcb1\udcea.yaml", findings=checked[4].findings),
            *checked[5:]]


def test_packed_results_count_and_render_as_the_results_themselves(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A result as a worker sends it (pickled, with its counts and its JSON line) gives the spool the same
    totals, skipped list and output bytes as the FileResult, whatever mix of the two arrives."""
    from tstd import batch
    from tstd.model import RunReport, Summary, Tally
    from tstd.report import formatters
    from tstd.report.json import fragment

    results = mixed_results(tmp_path)
    for result in results:  # the counts add up exactly as Tally.add does
        one, other = Tally(), Tally()
        one.add(result)
        batch.add_counts(other, batch.counts(result))
        assert one.summary() == other.summary()
    monkeypatch.setattr(batch, "_PIECE", 7)  # read back in pieces that split characters
    packed = [batch.pack(r, fragment if i % 3 else None) if i % 4 else r for i, r in enumerate(results)]
    assert any(isinstance(p, batch.Packed) and p.fragment is None and not p.counts[0] for p in packed)
    reference = RunReport("0", (), (), tuple(results))
    for encode in (fragment, None):
        spool = batch.ResultSpool(packed, encode=encode)
        report = RunReport("0", (), (), spool)
        assert report.summary == Summary.of(results) and report.summary.suppressed == 1
        assert list(spool) == results
        for name in ("json", "sarif", "text"):
            assert "".join(formatters()[name].chunks(report)) == formatters()[name].render(reference), name
        assert (spool.fragments(fragment) is not None) == (encode is not None)
        spool.close()
    # Only JSON written: workers send no pickled result, the spool keeps lines, counts and the skipped files.
    lean = [batch.pack(r, fragment, keep=False) if i % 2 else r for i, r in enumerate(results)]
    assert all(p.data == b"" for p in lean if isinstance(p, batch.Packed) and not p.counts[0])
    spool = batch.ResultSpool(lean, encode=fragment, keep=False)
    report = RunReport("0", (), (), spool)
    assert report.summary == Summary.of(results)
    assert "".join(formatters()["json"].chunks(report)) == formatters()["json"].render(reference)
    assert [r.file for r in report.skipped_files()] == ["说明.docx", "表.xlsx"]
    with pytest.raises(LookupError):
        spool[1]  # a checked result: kept only as its JSON line
    with pytest.raises(ValueError):  # a spool that keeps results cannot take one sent without it
        batch.ResultSpool(lean, encode=fragment)
    spool.close()


def test_workers_send_packed_results_with_the_same_report(tmp_path: Path) -> None:
    """With ``packed``, results checked by workers arrive unopened, faults still become located findings on
    their file, and the JSON report is byte-identical to the one made from the results themselves."""
    from tstd.batch import Packed, ResultSpool, run_packed
    from tstd.model import RunReport
    from tstd.report import formatters
    from tstd.report.json import fragment

    paths = write_batch(tmp_path, 40, {5: "raise", 11: "segfault", 20: "slow"})
    local = misbehaving(None)
    reference = list(run(items_of(paths), misbehaving, None, BatchOptions(jobs=1, chunk=5)))  # FileResults
    options = BatchOptions(jobs=2, chunk=3, packed=True, encode=fragment)
    arrived = list(run_packed(items_of(paths), misbehaving, None, options, local=local))
    assert sum(isinstance(a, Packed) for a in arrived) >= 30
    assert not isinstance(arrived[11], Packed) and rules_of(arrived[11]) == {CRASH}  # made here: the worker died
    assert rules_of(arrived[5] if not isinstance(arrived[5], Packed) else arrived[5].result()) == {CRASH}
    spool = ResultSpool(arrived, encode=fragment)
    json_format = formatters()["json"]
    assert "".join(json_format.chunks(RunReport("0", (), (), spool))) == \
        json_format.render(RunReport("0", (), (), tuple(reference)))
    spool.close()


def test_the_quick_root_test_agrees_with_the_safety_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file found by a walk is tested with one lstat per name below the root; every route out of the root
    (a linked file or folder on the way, .., a linked root) still gives the answer of tstd.safety."""
    from tstd.batch import _leaves_root
    from tstd.safety import leaves_root

    outside = tmp_path / "host"
    outside.mkdir()
    (outside / "secret.yaml").write_text("x: 1\n", encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tree / "out.yaml").symlink_to(outside / "secret.yaml")
    (tree / "in.yaml").symlink_to(tree / "sub" / "a.yaml")
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    (tmp_path / "alias").symlink_to(tree, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    cases = [(tree / "sub" / "a.yaml", str(tree)), (tree / "out.yaml", str(tree)), (tree / "in.yaml", str(tree)),
             (tree / "linked" / "secret.yaml", str(tree)), (tree / "sub" / ".." / "out.yaml", str(tree)),
             (Path("tree/sub/a.yaml"), "tree"), (Path("tree/out.yaml"), "tree/"),
             (tmp_path / "alias" / "sub" / "a.yaml", str(tmp_path / "alias")),
             (tmp_path / "alias" / "out.yaml", str(tmp_path / "alias")), (tree / "missing.yaml", str(tree)),
             (outside / "secret.yaml", str(tree))]
    answers = [bool(_leaves_root(path, root)) for path, root in cases]
    assert answers == [bool(leaves_root(path, root)) for path, root in cases]
    assert answers == [False, True, False, True, True, False, True, False, True, False, True]


def test_skipped_files_need_no_worker(tmp_path: Path) -> None:
    """Files found but not checkable are listed by the parent itself: a folder of them starts no worker (this
    factory would stop the batch), and their place in the order is kept among checked files."""
    skipped_items = [Input(f"图{i}.png", None, skip="图片") for i in range(300)]
    local = EngineChecker(build_engine(CheckOptions()))
    results = list(run(skipped_items, failing_factory, None, BatchOptions(jobs=2, chunk=2), local=local))
    assert [(r.file, r.skipped) for r in results] == [(i.name, "图片") for i in skipped_items]
    paths = write_batch(tmp_path, 12)
    mixed = [x for pair in zip(items_of(paths), skipped_items, strict=False) for x in pair]
    results = list(run(mixed, misbehaving, None, BatchOptions(jobs=2, chunk=2), local=local))
    assert [r.file for r in results] == [i.name for i in mixed] and [bool(r.skipped) for r in results] == [False, True] * 12


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_inherit_the_checker_and_keep_faults_with_their_file(tmp_path: Path) -> None:
    """With ``fork``, no worker builds a checker (the factory leaves a marker per build): each inherits the one
    this process built and warmed on the first file; a raise, a segfault and a hang still become findings on
    their own file, and every other result is the one checking in this process gives."""
    import threading

    assert threading.active_count() == 1, "another thread runs: workers would not be forked"
    markers = tmp_path / "markers"
    markers.mkdir()
    paths = write_batch(tmp_path, 40, {3: "raise", 17: "segfault", 25: "hang"})
    local = misbehaving(None)
    options = BatchOptions(jobs=2, chunk=3, timeout=1.5, fork=True)
    results = list(run(items_of(paths), misbehaving, str(markers), options, local=local))
    assert list(markers.iterdir()) == []
    assert [r.file for r in results] == [str(p) for p in paths]
    assert rules_of(results[3]) == rules_of(results[17]) == {CRASH} and rules_of(results[25]) == {TIMEOUT}
    fine = [i for i in range(40) if i not in (3, 17, 25)]
    reference = list(run(items_of([paths[i] for i in fine]), misbehaving, None, BatchOptions(jobs=0), local=local))
    assert [results[i] for i in fine] == reference
