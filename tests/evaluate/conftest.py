"""Fixtures for the evaluation tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluate.evalhelpers import ORG_DIR, Org
from tstd.evaluate import load_model
from tstd.evaluate.conduct_model import ConductModel


@pytest.fixture(scope="session")
def default_model() -> ConductModel:
    return load_model()


@pytest.fixture
def org(default_model: ConductModel) -> Org:
    return Org(default_model)


@pytest.fixture
def org_dir(tmp_path: Path) -> Path:
    """A copy of examples/org-zjsha that a test may edit (inputs are never modified in place)."""
    target = tmp_path / "org-zjsha"
    shutil.copytree(ORG_DIR, target)
    return target
