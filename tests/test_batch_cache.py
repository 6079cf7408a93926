"""The result cache behind the worker pool: workers record what each check read, the parent stores it; an
unchanged re-run starts no worker and gives the same results; an edited organisation file re-checks exactly
the declarations that link it (in the parent, as a trickle of few files), and those results are stored too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLES
from test_batch import failing_factory
from tstd.batch import BatchOptions, run
from tstd.model import FileResult
from tstd.run import CheckOptions, EngineChecker, build_engine, discover, engine_checker, result_cache


class Spy(EngineChecker):
    """The production checker, noting the files it checks in this process."""

    seen: list[str]

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        self.seen.append(path.name)
        return super().check(path, explicit)


def test_pool_results_are_cached_and_their_dependencies_are_right(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "shared-org", corpus)
    linking = sorted(p.name for p in corpus.glob("*.yaml") if b"organization.yaml" in p.read_bytes())
    for i in range(6):
        shutil.copy(EXAMPLES / "compliant-rice-cooker.yaml", corpus / f"alone-{i}.yaml")
    options = CheckOptions(cache_dir=str(tmp_path / "cache"))
    engine = build_engine(options)
    spy = Spy(engine)
    spy.seen = []

    def batch(factory: object, jobs: int, inline: int = 0) -> list[FileResult]:
        with discover([corpus]) as items:
            return list(run(items, factory, options, BatchOptions(jobs=jobs, chunk=2, inline=inline),  # type: ignore[arg-type]
                            local=spy, cache=result_cache(engine, options)))

    with discover([corpus]) as items:
        reference = list(run(items, engine_checker, options, BatchOptions(jobs=0), local=spy))
    first = batch(engine_checker, 2)  # checked by two workers, stored by the parent
    assert first == reference and len(first) == 6 + len(linking)
    # Any worker would fail to start (BatchError): the re-run completes only if every file is served.
    assert batch(failing_factory, 2) == first
    org = corpus / "organization.yaml"
    org.write_bytes(org.read_bytes() + b"\n# edited\n")
    spy.seen.clear()
    # The few files to check again are checked in this process (inline), where the spy sees them …
    assert batch(failing_factory, 2, inline=64) == first
    assert linking and sorted(set(spy.seen) - {"organization.yaml"}) == linking
    # … and their new results were stored: the next run is served whole again.
    assert batch(failing_factory, 2) == first
