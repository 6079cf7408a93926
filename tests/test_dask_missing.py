"""``--executor dask`` without dask installed: a usage error naming the extra to install, never a traceback
(runs whether or not dask is installed: the import is made to fail)."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app


def test_dask_executor_without_dask_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now raises ImportError
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "compliant-rice-cooker.yaml"), "--executor", "dask",
                                      "--no-cache"])
    assert result.exit_code == 2, result.output
    assert 'pip install "tstd[dask]"' in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # exit 2, not a crash
