"""``--executor dask`` on a LocalCluster of two worker processes: the same JSON as ``--jobs 1``; a killed
worker loses no file; a file that keeps killing workers becomes a TSTD-BATCH-004 finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dask_checkers import killer
from helpers import EXAMPLES
from tstd.batch import CRASH, check_item
from tstd.cli import app
from tstd.run import CheckOptions, EngineChecker, build_engine, discover

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

runner = CliRunner()


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    # One failure allowed: a task whose worker dies is retried once by the scheduler, then KilledWorker.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        # Workers may use a cache (conftest turns caches off for the test process): the cached re-run test needs
        # them to record what each check read, as workers of a real cluster do.
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                           env={"TSTD_NO_CACHE": "0"})
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()


def test_dask_json_is_byte_identical_to_one_job() -> None:
    local = runner.invoke(app, ["check", str(EXAMPLES), "-f", "json", "--jobs", "1", "--no-cache"])
    remote = runner.invoke(app, ["check", str(EXAMPLES), "-f", "json", "--jobs", "2", "--no-cache",
                                 "--executor", "dask"])
    assert local.exit_code == remote.exit_code == 1, remote.output
    assert remote.stdout == local.stdout
    assert '"results"' in local.stdout


def test_killed_workers_lose_no_file(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tstd.executors.dask import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = EXAMPLES / "compliant-rice-cooker.yaml"
    names = [f"ok-{i:02d}.yaml" for i in range(10)] + ["flaky-1.yaml", "boom-1.yaml"]
    for name in names:
        shutil.copy(good, corpus / name)
    markers = tmp_path / "markers"
    markers.mkdir()
    options = CheckOptions()
    local = EngineChecker(build_engine(options))
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), discover([corpus]) as items:
        results = list(run(items, killer, (options, str(markers)), local=local, chunk=3, client=client))
    by_name = {Path(r.file).name: r for r in results}
    assert sorted(by_name) == sorted(names)  # every file answered, in one run
    assert [Path(r.file).name for r in results] == sorted(names)  # in input order
    assert (markers / "flaky-1.yaml").exists()  # it did kill a worker …
    assert all(f.rule != CRASH for f in by_name["flaky-1.yaml"].findings)  # … and was checked on the retry
    assert [f.rule for f in by_name["boom-1.yaml"].findings] == [CRASH]
    assert by_name["ok-00.yaml"].findings == by_name["flaky-1.yaml"].findings


def test_a_worker_killed_from_outside_mid_run_loses_no_file(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import signal

    from dask_checkers import slow
    from tstd.executors.dask import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        source = EXAMPLES / ("compliant-rice-cooker.yaml" if i % 3 else "incomplete-disclosure.yaml")
        shutil.copy(source, corpus / f"decl-{i:02d}.yaml")
    options = CheckOptions()
    local = EngineChecker(build_engine(options))
    with discover([corpus]) as items:
        expected = [r for item in items if (r := check_item(local, item)[0]) is not None]
    before = client.run(os.getpid)  # worker address → process id
    victim = sorted(before.values())[0]
    results = []
    with discover([corpus]) as items:
        for result in run(items, slow, (options, 0.15), local=local, chunk=2, client=client):
            if not results:  # the first answer is in: every other chunk is queued or running now
                os.kill(victim, signal.SIGKILL)
            results.append(result)
    assert results == expected  # every file, in input order, with the findings of a local check
    assert victim not in client.run(os.getpid).values()  # the worker did die (its nanny started a new one)
    assert all(f.rule != CRASH for r in results for f in r.findings)  # one death blames no file


def test_cached_rerun_on_dask_sends_no_task(client, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from dask_checkers import refuse
    from tstd.executors.dask import run
    from tstd.run import engine_checker, result_cache

    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "shared-org", corpus)
    for i in range(4):
        shutil.copy(EXAMPLES / "compliant-rice-cooker.yaml", corpus / f"alone-{i}.yaml")
    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    options = CheckOptions(cache_dir=str(tmp_path / "cache"))
    engine = build_engine(options)
    local = EngineChecker(engine)
    with discover([corpus]) as items:
        first = list(run(items, engine_checker, options, local=local, chunk=2, client=client,
                         cache=result_cache(engine, options)))
    cache = result_cache(engine, options)
    with discover([corpus]) as items:  # a worker given any file would fail the run (BatchError)
        again = list(run(items, refuse, options, local=local, chunk=2, client=client, cache=cache))
    assert again == first and len(first) >= 5
    assert cache.misses == 0 and cache.hits >= 5
