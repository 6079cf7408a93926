"""Fixtures for the evaluation tests."""

from __future__ import annotations

import pytest

from evaluate.evalhelpers import Org
from tstd.evaluate import load_model
from tstd.evaluate.conduct_model import ConductModel


@pytest.fixture(scope="session")
def default_model() -> ConductModel:
    return load_model()


@pytest.fixture
def org(default_model: ConductModel) -> Org:
    return Org(default_model)
