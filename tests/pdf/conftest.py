"""Fixtures for the PDF layer: the shared sample PDFs with their truth, and a generator for variants."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pdf.pdfgen import StandardSpec, standard, write_pdf

SAMPLES = Path(__file__).parent.parent / "fixtures" / "pdf"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def truth() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / "truth.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """``make_pdf(name, **changes)`` writes the default standard with ``changes`` and returns its path."""

    def make(name: str = "std.pdf", *, encrypt: str | None = None, **changes: Any) -> Path:
        spec: StandardSpec = standard(**changes)
        return write_pdf(tmp_path / name, spec, encrypt=encrypt)

    return make
