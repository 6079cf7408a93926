"""``--executor dask`` on a LocalCluster of two worker processes: the same JSON as ``--jobs 1``; a killed
worker loses no file; a file that keeps killing workers becomes a TSTD-BATCH-004 finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dask_checkers import killer
from helpers import EXAMPLES
from tstd.batch import CRASH
from tstd.cli import app
from tstd.run import CheckOptions, EngineChecker, build_engine, discover

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

runner = CliRunner()


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    # One failure allowed: a task whose worker dies is retried once by the scheduler, then KilledWorker.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
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
