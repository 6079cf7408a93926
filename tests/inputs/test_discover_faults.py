"""Discovery under faults: unreadable directories are reported per path, never skipped silently."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tstd.inputs.discover import UNREADABLE_DIRECTORY, Discovery, shown_name


def test_unreadable_directory_is_a_per_path_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for rel in ("a/T-1.yaml", "locked/T-2.yaml", "z/T-3.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("tstd: 1\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # root reads anything: simulate a directory without permission
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with Discovery([str(tmp_path)]) as found:
        items = list(found)
    assert [(Path(i.name).relative_to(tmp_path).as_posix(), i.problem.rule if i.problem else None)
            for i in items] == [("a/T-1.yaml", None), ("locked", UNREADABLE_DIRECTORY), ("z/T-3.yaml", None)]
    problem = items[1].problem
    assert problem is not None and "Permission denied" in problem.detail


def test_shown_name_decodes_gbk_and_escapes_the_rest() -> None:
    assert shown_name(os.fsdecode("标准.yaml".encode("gbk"))) == "标准.yaml"
    assert shown_name(os.fsdecode(b"caf\xff\xfe.yaml")).encode("utf-8")  # encodable whatever the bytes
    assert shown_name("普通.yaml") == "普通.yaml"
