"""Fixtures for the catalogue tests: the built-in catalogue, loaded once."""

from __future__ import annotations

import pytest

from tstd.catalog import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()
