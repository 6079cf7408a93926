"""Per-file time and memory budgets hold in every mode, including a single file checked in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tstd.batch import OUT_OF_MEMORY, TIMEOUT, BatchOptions, run
from tstd.inputs.discover import Input
from tstd.model import FileResult
from tstd.run import CheckOptions, EngineChecker, build_engine


class Hostile(EngineChecker):
    """Spins forever or allocates without end on request, like a bomb that slipped past every limit."""

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        if path.name == "spin.yaml":
            while True:
                pass
        if path.name == "hog.yaml":
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(1000)]  # 64 GiB
            return FileResult(str(len(hoard)))
        return super().check(path, explicit)


@pytest.fixture(scope="module")
def hostile() -> Hostile:
    engine = build_engine(CheckOptions())
    # Warm the engine (rules are prepared on first use, ~0.4 s) so that a 1 s budget on a loaded machine
    # measures the hostile file, not the first check's preparation.
    engine.check_path(Path(__file__).resolve().parent.parent / "examples" / "compliant-rice-cooker.yaml")
    return Hostile(engine)


def _rules(results: list[FileResult]) -> dict[str, list[str]]:
    return {Path(r.file).name: [f.rule for f in r.findings if f.rule.startswith("TSTD-BATCH")] for r in results}


# The hog gets a generous time limit so that only its memory limit can stop it on a loaded machine.
@pytest.mark.parametrize("name,rule,seconds", [("spin.yaml", TIMEOUT, 1.0), ("hog.yaml", OUT_OF_MEMORY, 120.0)])
def test_in_process_check_is_bounded_and_the_run_goes_on(tmp_path: Path, hostile: Hostile, name: str,
                                                         rule: str, seconds: float) -> None:
    good = Path(__file__).resolve().parent.parent / "examples" / "compliant-rice-cooker.yaml"
    items = [Input(str(tmp_path / name), tmp_path / name, explicit=True), Input(str(good), good, explicit=True)]
    (tmp_path / name).write_text("tstd: 1\n", encoding="utf-8")
    options = BatchOptions(jobs=0, timeout=seconds, memory=256 * 1024 * 1024)
    results = list(run(items, lambda _c: hostile, None, options, local=hostile))
    assert _rules(results) == {name: [rule], good.name: []}
    assert results[1].standard is not None  # the next file was checked normally afterwards


def hostile_factory(_config: object) -> Hostile:
    return Hostile(build_engine(CheckOptions()))


def test_a_worker_has_a_memory_ceiling(tmp_path: Path, hostile: Hostile) -> None:
    (tmp_path / "hog.yaml").write_text("tstd: 1\n", encoding="utf-8")
    items = [Input(str(tmp_path / "hog.yaml"), tmp_path / "hog.yaml", explicit=True)]
    options = BatchOptions(jobs=1, timeout=60.0, memory=256 * 1024 * 1024)
    assert _rules(list(run(items, hostile_factory, None, options, local=hostile))) == {"hog.yaml": [OUT_OF_MEMORY]}


def test_single_files_that_reach_native_pdf_code_go_to_a_worker(tmp_path: Path) -> None:
    from tstd.batch import needs_isolation

    plain = tmp_path / "a.yaml"
    plain.write_text("tstd: 1\nstandard: {number: T/CAS 3—2021}\n", encoding="utf-8")
    named = tmp_path / "b.yaml"
    named.write_text("tstd: 1\nstandard: {full_text: {file: b-text.pdf}}\n", encoding="utf-8")
    sibling = tmp_path / "c.yaml"
    sibling.write_text("tstd: 1\n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4\n")
    url = tmp_path / "d.yaml"  # the full text only as a link: no PDF code
    url.write_text("tstd: 1\nstandard:\n  full_text:\n    public: true\n    url: https://www.ttbz.org.cn/x\n",
                   encoding="utf-8")
    block = tmp_path / "e.yaml"
    block.write_text("tstd: 1\nstandard:\n  full_text:\n    file: 标准.pdf\n", encoding="utf-8")
    wide = tmp_path / "f.json"  # UTF-16 with a BOM, as some Windows editors save
    wide.write_text('{"tstd": 1, "standard": {"full_text": {"file": "f.pdf"}}}', encoding="utf-16")
    files = (plain, named, sibling, tmp_path / "c.pdf", url, block, wide)
    flags = {p.name: needs_isolation(Input(str(p), p)) for p in files}
    assert flags == {"a.yaml": False, "b.yaml": True, "c.yaml": True, "c.pdf": True, "d.yaml": False,
                     "e.yaml": True, "f.json": True}
