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


def test_long_and_clashing_member_names_are_per_member_problems(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "s.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.yaml", "tstd: 1\n")
        zf.writestr("a.yaml/inner.yaml", "tstd: 1\n")  # a member below a file of the same name
        zf.writestr("长" * 200 + ".yaml", "tstd: 1\n")  # 600 bytes: longer than any file system allows
        zf.writestr("z.yaml", "tstd: 1\n")
    with Discovery([str(archive)]) as found:
        items = {i.name.split("!/", 1)[1][:12]: i for i in found}
        assert items["z.yaml"].path is not None and items["z.yaml"].path.read_text(encoding="utf-8") == "tstd: 1\n"
    assert items["a.yaml"].problem is None and items["z.yaml"].problem is None
    assert items["a.yaml/inner"].problem is not None
    assert items["长" * 12].problem is not None
