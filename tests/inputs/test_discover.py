"""Input discovery: files, directories, globs, stdin lists and zip archives read safely in place."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from tstd.inputs.discover import (
    ARCHIVE_CORRUPT,
    ARCHIVE_LIMIT,
    UNSAFE_MEMBER,
    Discovery,
    Input,
    Limits,
    read_path_list,
)

DECLARATION = """tstd: 1
organization: ../organization.yaml
standard:
  number: T/CECEA 012—2024
  title: 家用智能电饭煲能效与安全要求
"""


def _discover(*args: str, stdin: str | None = None, limits: Limits | None = None) -> list[Input]:
    with Discovery(args, io.StringIO(stdin) if stdin is not None else None, limits) as d:
        return list(d)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for rel in ("decls/中国电子节能技术协会/T-CECEA-012-2024.yaml",
                "decls/中国电子节能技术协会/T-CECEA-003-2023.yml",
                "decls/上海市食品协会/T-SHSFA-001-2022.json", "decls/上海市食品协会/标准文本.pdf",
                "decls/上海市食品协会/T-SHSFA-001-2022.pdf",
                "decls/.git/config.yaml", "decls/.hidden.yaml", "decls/b.yaml", "decls/a.yaml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION, encoding="utf-8")
    return tmp_path


def names(items: list[Input]) -> list[str]:
    return [i.name for i in items]


def test_directory_recursive_sorted_filtered(tree: Path) -> None:
    # A PDF is listed on its own only without a same-stem declaration (T-SHSFA-001-2022.pdf is checked
    # together with its .json).
    assert names(_discover("decls")) == [
        "decls/a.yaml", "decls/b.yaml",
        "decls/上海市食品协会/T-SHSFA-001-2022.json", "decls/上海市食品协会/标准文本.pdf",
        "decls/中国电子节能技术协会/T-CECEA-003-2023.yml", "decls/中国电子节能技术协会/T-CECEA-012-2024.yaml",
    ]


def test_explicit_file_any_suffix_and_order_kept(tree: Path) -> None:
    items = _discover("decls/b.yaml", "decls/上海市食品协会/标准文本.pdf", "decls/a.yaml")
    assert names(items) == ["decls/b.yaml", "decls/上海市食品协会/标准文本.pdf", "decls/a.yaml"]
    assert all(i.problem is None and i.path is not None and i.path.is_file() and i.explicit for i in items)
    assert not any(i.explicit for i in _discover("decls"))  # scanned: other YAML may be skipped


def test_each_file_once(tree: Path) -> None:
    items = _discover("decls/a.yaml", "decls", "./decls/a.yaml")
    assert names(items).count("decls/a.yaml") == 1 and len(items) == 6
    # One glob can match a directory and the files inside it.
    assert sorted(names(_discover("decls/**"))) == sorted(names(_discover("decls")))


def test_glob(tree: Path) -> None:
    assert names(_discover("decls/**/T-*.y*ml")) == [
        "decls/中国电子节能技术协会/T-CECEA-003-2023.yml", "decls/中国电子节能技术协会/T-CECEA-012-2024.yaml"]
    # A glob matching nothing is passed on like a missing file: the loader reports it where it was named.
    [none] = _discover("decls/**/*.toml")
    assert (none.name, none.explicit, none.problem) == ("decls/**/*.toml", True, None)


def test_missing_path_is_passed_on_not_dropped(tree: Path) -> None:
    [item] = _discover("decls/不存在.yaml")
    assert item.path == Path("decls/不存在.yaml") and item.explicit and item.problem is None


def test_stdin_list(tree: Path) -> None:
    listed = "decls/b.yaml\r\n\ndecls/上海市食品协会\n"
    assert names(_discover("-", stdin=listed)) == [
        "decls/b.yaml", "decls/上海市食品协会/T-SHSFA-001-2022.json", "decls/上海市食品协会/标准文本.pdf"]
    assert read_path_list(io.StringIO("a b.yaml\0decls/c d.yaml\0")) == ["a b.yaml", "decls/c d.yaml"]
    [item] = _discover("-")  # no stream given: "-" is just a (missing) file name
    assert item.explicit and item.problem is None


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_members_read_in_place(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "subs.zip", {
        "浙江省家电行业协会/organization.yaml": "name: 浙江省家电行业协会\n".encode(),
        "浙江省家电行业协会/标准/申报.yaml": DECLARATION.encode(),
        "浙江省家电行业协会/标准/T-ZJJD-007-2022.pdf": b"%PDF-1.7\n",
        "readme.txt": b"submission",
    })
    with Discovery([str(archive)]) as d:
        found = list(d)
        # A member tstd cannot check is listed as skipped, with the reason; the PDF goes with its declaration.
        assert [(i.name, bool(i.skip)) for i in found if i.path is None] == [(f"{archive}!/readme.txt", True)]
        items = [i for i in found if not i.skip]
        assert names(items) == [f"{archive}!/浙江省家电行业协会/organization.yaml",
                                f"{archive}!/浙江省家电行业协会/标准/申报.yaml"]
        decl = items[1]
        assert decl.path is not None and decl.path.read_text(encoding="utf-8") == DECLARATION
        # The organisation file the declaration names is beside it, as in the archive.
        assert (decl.path.parent / "../organization.yaml").resolve().is_file()
        assert decl.report_name(str(decl.path.parent.parent / "organization.yaml")) == (
            f"{archive}!/浙江省家电行业协会/organization.yaml")
        tmp_root = Path(decl.archive[0]) if decl.archive else None
        assert tmp_root is not None and tmp_path not in tmp_root.parents
    assert not tmp_root.exists()  # removed when discovery closes


def test_zip_slip_and_links_rejected(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.yaml", "tstd: 1\n")
        zf.writestr("/etc/cron.d/x.yaml", "tstd: 1\n")
        zf.writestr("ok/..\\..\\win.yaml", "tstd: 1\n")
        link = zipfile.ZipInfo("link.yaml")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("good.yaml", DECLARATION)
    items = _discover(str(archive))
    problems = {i.name.split("!/", 1)[1]: i.problem for i in items if i.problem}
    assert set(problems) == {"../../escaped.yaml", "/etc/cron.d/x.yaml", "ok/..\\..\\win.yaml", "link.yaml"}
    assert all(p is not None and p.rule == UNSAFE_MEMBER for p in problems.values())
    assert [i.name for i in items if not i.problem] == [f"{archive}!/good.yaml"]
    assert not (tmp_path / "escaped.yaml").exists() and not Path("/etc/cron.d/x.yaml").exists()


def test_zip_bomb_ratio_and_size(tmp_path: Path) -> None:
    bomb = b"\0" * (8 * 1024 * 1024)  # deflates ~1000×
    archive = _zip(tmp_path / "bomb.zip", {"a.yaml": DECLARATION.encode(), "bomb.yaml": bomb})
    items = _discover(str(archive), limits=Limits(max_ratio=100))
    [bad] = [i for i in items if i.problem]
    assert bad.name.endswith("!/bomb.yaml") and bad.problem is not None and bad.problem.rule == ARCHIVE_LIMIT
    items = _discover(str(archive), limits=Limits(max_member_bytes=1024 * 1024))
    assert [i.problem.rule for i in items if i.problem] == [ARCHIVE_LIMIT]
    assert not any(i.explicit for i in items)  # members are scanned, not named


def test_zip_member_count_and_total_limits(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "many.zip", {f"d{i:02d}.yaml": DECLARATION.encode() for i in range(10)})
    items = _discover(str(archive), limits=Limits(max_members=4))
    assert len([i for i in items if not i.problem]) == 4
    assert [i.name for i in items if i.problem] == [str(archive)]
    total = len(DECLARATION.encode()) * 3
    items = _discover(str(archive), limits=Limits(max_total_bytes=total))
    assert len([i for i in items if not i.problem]) == 3
    assert any(i.problem and "not read" in i.problem.detail for i in items)


def test_corrupt_zip(tmp_path: Path) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    [item] = _discover(str(bad))
    assert item.problem is not None and item.problem.rule == ARCHIVE_CORRUPT


def test_zip_inside_directory(tree: Path) -> None:
    _zip(tree / "decls" / "c.zip", {"x.yaml": DECLARATION.encode()})
    assert "decls/c.zip!/x.yaml" in names(_discover("decls"))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_directory_not_followed(tree: Path) -> None:
    os.symlink(tree / "decls", tree / "decls" / "loop")
    assert not any("loop" in n for n in names(_discover("decls")))


def test_missing_arguments(tree: Path) -> None:
    from tstd.inputs.discover import missing_arguments

    assert missing_arguments(["-", "decls", "decls/a.yaml", "decls/**/*.json", "decls/**/*.toml", "无.yaml"]) == [
        "decls/**/*.toml", "无.yaml"]


def test_zip_member_names_in_gbk_are_decoded(tmp_path: Path) -> None:
    # Chinese Windows' built-in zip writes GBK names without the UTF-8 flag; Python reads them as cp437.
    placeholder = "aaaa/bbbb.yaml"
    real = "申报/声明.yaml"
    assert len(real.encode("gbk")) == len(placeholder)
    archive = _zip(tmp_path / "win.zip", {placeholder: DECLARATION.encode()})
    archive.write_bytes(archive.read_bytes().replace(placeholder.encode(), real.encode("gbk")))
    with zipfile.ZipFile(archive) as zf:
        assert zf.infolist()[0].filename != real  # what Python alone would show
    with Discovery([str(archive)]) as d:
        items = list(d)
        assert names(items) == [f"{archive}!/{real}"]
        assert items[0].path is not None and items[0].path.read_text(encoding="utf-8") == DECLARATION


def test_scanned_folder_lists_files_it_cannot_check(tmp_path: Path) -> None:
    (tmp_path / "标准.docx").write_bytes(b"PK\x03\x04")  # a Word draft: checked on its own (issue 13)
    (tmp_path / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "汇总.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "说明.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "decl.yaml").write_text(DECLARATION, encoding="utf-8")
    with Discovery([str(tmp_path)], lang="en") as d:
        items = list(d)
    skipped = {Path(i.name).name: i.skip for i in items if i.skip}
    assert set(skipped) == {"旧稿.doc", "汇总.xlsx", "说明.csv"}
    assert "Word" in skipped["旧稿.doc"] and "Excel" in skipped["汇总.xlsx"]
    assert sorted(Path(i.name).name for i in items if not i.skip) == ["decl.yaml", "标准.docx"]
